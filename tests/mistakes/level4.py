"""Typical wrong answers to the level 4 exercises, each of which its check must name."""

NOTEBOOK = "solutions/04_graduate.ipynb"

_SWEEP = """order = topological_order(root)
for v in order:
    v.grad = 0.0
root.grad = 1.0
"""

_SOFTMAX = """log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
dscores = np.exp(log_p)
dscores[np.arange(m), y] -= 1.0
"""

_ADAM_LOOP = """for theta, g, m, v in zip(params, grads, self.m, self.v):
    m *= self.beta1
    m += (1 - self.beta1) * g
    v *= self.beta2
    v += (1 - self.beta2) * g * g
"""

_TWO_LAYER = """z2, cache1 = layers.affine_forward(X, Theta1)
a2, cache_relu = layers.relu_forward(z2)
scores, cache2 = layers.affine_forward(a2, Theta2)
J, dscores = layers.softmax_cross_entropy(scores, y)
da2, dTheta2 = layers.affine_backward(dscores, cache2)
"""

MISTAKES = {
    "topological_order_answer": {
        "a value used twice listed twice": (
            "order = []\ndef visit(v):\n    for parent, _ in v.parents:\n        visit(parent)\n"
            "    order.append(v)\nvisit(root)\nreturn order", "listed once"),
        "root first (pre-order)": (
            "order, seen = [], set()\ndef visit(v):\n    if v not in seen:\n        seen.add(v)\n"
            "        order.append(v)\n        for parent, _ in v.parents:\n            visit(parent)\n"
            "visit(root)\nreturn order", "root comes first"),
        "only the root's parents": (
            "return [p for p, _ in root.parents] + [root]", "recursively"),
        "forgot to return": (
            "order, seen = [], set()\ndef visit(v):\n    if v not in seen:\n        seen.add(v)\n"
            "        for parent, _ in v.parents:\n            visit(parent)\n        order.append(v)\n"
            "visit(root)", "return"),
    },
    "backward_answer": {
        "gradient overwritten instead of accumulated": (
            _SWEEP + "for v in reversed(order):\n    for parent, local in v.parents:\n"
            "        parent.grad = local * v.grad", "accumulating"),
        "not in reverse topological order": (
            _SWEEP + "for v in order:\n    for parent, local in v.parents:\n"
            "        parent.grad += local * v.grad", "reversed"),
        "breadth-first order from the root": (
            "root.grad = 1.0\nqueue, seen = [root], {root}\nwhile queue:\n    v = queue.pop(0)\n"
            "    for parent, local in v.parents:\n        parent.grad += local * v.grad\n"
            "        if parent not in seen:\n            seen.add(parent)\n            queue.append(parent)",
            "breadth-first"),
        "root gradient not set to 1": (
            "order = topological_order(root)\nfor v in reversed(order):\n    for parent, local in v.parents:\n"
            "        parent.grad += local * v.grad", "root.grad = 1"),
    },
    "affine_backward_answer": {
        "bias gradient not summed over examples": (
            "return dz @ theta[:, 1:], np.hstack([dz[:1].T, dz.T @ a])", "sum dz over all m"),
        "bias gradient averaged": (
            "return dz @ theta[:, 1:], np.hstack([dz.mean(axis=0)[:, None], dz.T @ a])", "sum it instead"),
        "dividing by m twice": (
            "return dz @ theta[:, 1:], np.hstack([dz.sum(axis=0)[:, None], dz.T @ a]) / len(a)", "twice"),
        "da through the bias column": (
            "return dz @ theta, np.hstack([dz.sum(axis=0)[:, None], dz.T @ a])", "bias column"),
        "no bias gradient": ("return dz @ theta[:, 1:], dz.T @ a", "column 0"),
    },
    "softmax_cross_entropy_answer": {
        "no max subtraction (overflow)": (
            "shifted = scores\n" + _SOFTMAX + "return -np.mean(log_p[np.arange(m), y]), dscores / m", "maximum"),
        "dividing by m twice": (
            "shifted = scores - scores.max(axis=1, keepdims=True)\n" + _SOFTMAX
            + "return -np.mean(log_p[np.arange(m), y]), dscores / m / m", "twice"),
        "gradient not divided by m": (
            "shifted = scores - scores.max(axis=1, keepdims=True)\n" + _SOFTMAX
            + "return -np.mean(log_p[np.arange(m), y]), dscores", "not divided by m"),
        "cost summed, not averaged": (
            "shifted = scores - scores.max(axis=1, keepdims=True)\n" + _SOFTMAX
            + "return -np.sum(log_p[np.arange(m), y]), dscores / m", "average"),
    },
    "momentum_step_answer": {
        "wrong sign": ("v = momentum * v + grad\nreturn theta + lr * v, v", "uphill"),
        "dampening": ("v = momentum * v + (1 - momentum) * grad\nreturn theta - lr * v, v", "damped"),
        "velocity unused": ("v = momentum * v + grad\nreturn theta - lr * grad, v", "plain gradient descent"),
        "old velocity returned": ("return theta - lr * (momentum * v + grad), v", "return the new v"),
    },
    "adam_answer": {
        "no bias correction": (
            "self.t += 1\n" + _ADAM_LOOP + "    theta -= self.lr * m / (np.sqrt(v) + self.eps)", "bias correction"),
        "step count starting at 0": (
            _ADAM_LOOP + "    m_hat = m / (1 - self.beta1 ** self.t)\n    v_hat = v / (1 - self.beta2 ** self.t)\n"
            "    theta -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)\nself.t += 1", "t must be 1"),
        "eps inside the square root": (
            "self.t += 1\n" + _ADAM_LOOP + "    m_hat = m / (1 - self.beta1 ** self.t)\n"
            "    v_hat = v / (1 - self.beta2 ** self.t)\n    theta -= self.lr * m_hat / np.sqrt(v_hat + self.eps)",
            "inside the square root"),
        "parameters rebound, not updated in place": (
            "self.t += 1\n" + _ADAM_LOOP + "    m_hat = m / (1 - self.beta1 ** self.t)\n"
            "    v_hat = v / (1 - self.beta2 ** self.t)\n    theta = theta - self.lr * m_hat / (np.sqrt(v_hat) + self.eps)",
            "in place"),
    },
    "he_init_answer": {
        "He variance 1/n instead of 2/n": (
            "rng = np.random.default_rng(seed)\n"
            "return np.hstack([np.zeros((s_out, 1)), rng.normal(0, np.sqrt(1 / s_in), (s_out, s_in))])", "2/s_in"),
        "2/n as the standard deviation": (
            "rng = np.random.default_rng(seed)\n"
            "return np.hstack([np.zeros((s_out, 1)), rng.normal(0, 2 / s_in, (s_out, s_in))])", "standard deviation"),
        "Xavier instead of He": (
            "rng = np.random.default_rng(seed)\n"
            "return np.hstack([np.zeros((s_out, 1)), rng.normal(0, np.sqrt(2 / (s_in + s_out)), (s_out, s_in))])",
            "Xavier"),
        "no bias column": (
            "return np.random.default_rng(seed).normal(0, np.sqrt(2 / s_in), (s_out, s_in))", "bias column"),
        "seed ignored": (
            "rng = np.random.default_rng()\n"
            "return np.hstack([np.zeros((s_out, 1)), rng.normal(0, np.sqrt(2 / s_in), (s_out, s_in))])", "seed"),
    },
    "two_layer_answer": {
        "ReLU skipped in the backward pass": (
            _TWO_LAYER + "_, dTheta1 = layers.affine_backward(da2, cache1)\nreturn J, [dTheta1, dTheta2]",
            "relu_backward"),
        "dividing by m twice": (
            _TWO_LAYER + "dz2 = layers.relu_backward(da2, cache_relu)\n"
            "_, dTheta1 = layers.affine_backward(dz2, cache1)\nm = len(X)\nreturn J, [dTheta1 / m, dTheta2 / m]",
            "twice"),
    },
}

# Answers that hand the exercise to nnlib's own version (issue 15): named as such.
MISTAKES["affine_backward_answer"]["calls nnlib's affine_backward"] = (
    "import nnlib.layers\nreturn nnlib.layers.affine_backward(dz, cache)", "library's own version")
MISTAKES["softmax_cross_entropy_answer"]["calls nnlib's softmax_cross_entropy"] = (
    "import nnlib.layers\nreturn nnlib.layers.softmax_cross_entropy(scores, y)", "library's own version")
MISTAKES["momentum_step_answer"]["calls nnlib's Momentum"] = (
    "import nnlib.optim\nparams = [np.array(theta, dtype=float)]\n"
    "nnlib.optim.Momentum(lr, momentum=momentum).step(params, [grad])\nreturn params[0], grad",
    "library's own version")

# Answers that passed before the checks were sharpened (audit of level 4): each must now be named.
MISTAKES["backward_answer"]["gradients never reset to 0 (micrograd style, right once only)"] = (
    "order = topological_order(root)\nroot.grad = 1.0\nfor v in reversed(order):\n"
    "    for parent, local in v.parents:\n        parent.grad += local * v.grad", "second call")
MISTAKES["softmax_cross_entropy_answer"]["row minimum subtracted instead of the maximum"] = (
    "shifted = scores - scores.min(axis=1, keepdims=True)\n" + _SOFTMAX
    + "return -np.mean(log_p[np.arange(m), y]), dscores / m", "row minimum")
MISTAKES["softmax_cross_entropy_answer"]["np.log of a probability that underflows to 0"] = (
    "shifted = scores - scores.max(axis=1, keepdims=True)\n"
    "p = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)\n"
    "J = -np.mean(np.log(p[np.arange(m), y]))\n"
    "Y = np.zeros_like(p)\nY[np.arange(m), y] = 1.0\nreturn J, (p - Y) / m", "underflows to 0")
MISTAKES["momentum_step_answer"]["CS231n convention (v = mu v - lr g, theta + v)"] = (
    "v = momentum * v - lr * grad\nreturn theta + v, v", "CS231n")
MISTAKES["momentum_step_answer"]["learning rate inside the velocity"] = (
    "v = momentum * v + lr * grad\nreturn theta - v, v", "inside the velocity")
MISTAKES["adam_answer"]["t incremented once per array, not once per step"] = (
    "for theta, g, m, v in zip(params, grads, self.m, self.v):\n    self.t += 1\n"
    "    m *= self.beta1\n    m += (1 - self.beta1) * g\n    v *= self.beta2\n    v += (1 - self.beta2) * g * g\n"
    "    m_hat = m / (1 - self.beta1 ** self.t)\n    v_hat = v / (1 - self.beta2 ** self.t)\n"
    "    theta -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)", "once per call of step")
MISTAKES["adam_answer"]["moments re-assigned, their state lost"] = (
    "self.t += 1\nfor theta, g, m, v in zip(params, grads, self.m, self.v):\n"
    "    m = self.beta1 * m + (1 - self.beta1) * g\n    v = self.beta2 * v + (1 - self.beta2) * g * g\n"
    "    m_hat = m / (1 - self.beta1 ** self.t)\n    v_hat = v / (1 - self.beta2 ** self.t)\n"
    "    theta -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)", "restart from 0")
MISTAKES["he_init_answer"]["fan-in counting the bias column, 2/(s_in + 1)"] = (
    "rng = np.random.default_rng(seed)\n"
    "return np.hstack([np.zeros((s_out, 1)), rng.normal(0, np.sqrt(2.0 / (s_in + 1)), (s_out, s_in))])",
    "2/(s_in + 1)")
