"""Level 4: the answers nnlib/checks/level4.py does not declare itself.

The typical mistakes are declared once, in the level module (Mistake tables); this module adds the
cheats and gaming answers (with the words their message must contain) and RIGHT: answers in other
correct forms, which must pass.
"""

from nnlib.checks import level4 as _level4

NOTEBOOK = "solutions/04_graduate.ipynb"

_FROM_THE_CHECKS = "from nnlib.checks import level4 as checks\n"

CHEATS = {
    "topological_order_answer": {
        "calls the check's reference": (_FROM_THE_CHECKS + "return checks._topological_order(root)", "reference"),
        "calls the check's graph module": (
            "from nnlib.checks import _level4_graphs\nreturn _level4_graphs.order(root)", "reference"),
    },
    "backward_answer": {
        "calls the check's reference": (_FROM_THE_CHECKS + "checks._backward(root)", "reference"),
    },
    "affine_backward_answer": {
        "calls nnlib's affine_backward": (
            "import nnlib.layers\nreturn nnlib.layers.affine_backward(dout, cache)", "library's own version"),
        "calls the check's reference": (_FROM_THE_CHECKS + "return checks._affine_backward(dout, cache)",
                                        "reference"),
    },
    "softmax_cross_entropy_answer": {
        "calls nnlib's softmax_cross_entropy": (
            "import nnlib.layers\nreturn nnlib.layers.softmax_cross_entropy(scores, y)", "library's own version"),
        "calls the check's reference": (_FROM_THE_CHECKS + "return checks._softmax_cross_entropy(scores, y)",
                                        "reference"),
    },
    "momentum_step_answer": {
        "calls nnlib's Momentum": (
            "import nnlib.optim\nparams = [np.array(theta, dtype=float)]\n"
            "nnlib.optim.Momentum(lr, momentum=momentum).step(params, [grad])\nreturn params[0], grad",
            "library's own version"),
        "calls nnlib's Momentum.update": (
            "import nnlib.optim\nrule = nnlib.optim.Momentum(lr, momentum=momentum)\n"
            "new, (v2,) = rule.update(theta, grad, (v,), 1)\nreturn new, v2", "library's own version"),
        "calls the check's reference": (_FROM_THE_CHECKS + "return checks._momentum_step(theta, v, grad, lr, momentum)",
                                        "reference"),
    },
    "adam_answer": {
        "steps with nnlib's Adam": (
            "import nnlib.optim\nif not hasattr(self, 'inner'):\n"
            "    self.inner = nnlib.optim.Adam(self.lr, betas=(self.beta1, self.beta2), eps=self.eps)\n"
            "self.inner.step(params, grads)", "library's own version"),
        "updates with nnlib's Adam.update": (
            "import nnlib.optim\nself.t += 1\n"
            "rule = nnlib.optim.Adam(self.lr, betas=(self.beta1, self.beta2), eps=self.eps)\n"
            "if not hasattr(self, 'states'):\n    self.states = [rule.new_state(p) for p in params]\n"
            "for i, (theta, g) in enumerate(zip(params, grads)):\n"
            "    new, self.states[i] = rule.update(theta, g, self.states[i], self.t)\n    theta[...] = new",
            "library's own version"),
        "steps with the check's reference": (
            _FROM_THE_CHECKS + "if not hasattr(self, 'inner'):\n"
            "    self.inner = checks._Adam(self.lr, (self.beta1, self.beta2), self.eps)\n"
            "self.inner.step(params, grads)", "reference"),
    },
    "two_layer_answer": {
        "calls the check's reference": (_FROM_THE_CHECKS + "return checks._two_layer_loss(params, X, y)",
                                        "reference"),
    },
}

# Answers in other correct forms: each must pass its check.
RIGHT = {
    "topological_order_answer": {
        "iterative depth-first search": (
            "order, seen, stack = [], set(), [(root, False)]\nwhile stack:\n    v, done = stack.pop()\n"
            "    if done:\n        order.append(v)\n    elif v not in seen:\n        seen.add(v)\n"
            "        stack.append((v, True))\n        stack.extend((p, False) for p, _ in v.parents)\nreturn order"),
        "Kahn's algorithm on ids": (
            "nodes, stack = {}, [root]\nwhile stack:\n    v = stack.pop()\n    if id(v) not in nodes:\n"
            "        nodes[id(v)] = v\n        stack.extend(p for p, _ in v.parents)\n"
            "children = {k: 0 for k in nodes}\nfor v in nodes.values():\n    for p, _ in v.parents:\n"
            "        children[id(p)] += 1\nready, order = [root], []\nwhile ready:\n    v = ready.pop()\n"
            "    order.append(v)\n    for p, _ in v.parents:\n        children[id(p)] -= 1\n"
            "        if children[id(p)] == 0:\n            ready.append(p)\nreturn order[::-1]"),
    },
    "backward_answer": {
        "gradients in a dict keyed on the values": (
            "order = topological_order(root)\ngrads = {v: 0.0 for v in order}\ngrads[root] = 1.0\n"
            "for v in reversed(order):\n    for parent, local in v.parents:\n"
            "        grads[parent] += local * grads[v]\nfor v in order:\n    v.grad = grads[v]"),
    },
    "affine_backward_answer": {
        "einsum": ("da = np.einsum('mo,oi->mi', dout, theta[:, 1:])\n"
                   "a1 = np.hstack([np.ones((len(a), 1)), a])\nreturn da, np.einsum('mo,mi->oi', dout, a1)"),
        "sum of outer products, example by example": (
            "dtheta = np.zeros_like(theta)\nfor i in range(len(a)):\n"
            "    dtheta += np.outer(dout[i], np.concatenate([[1.0], a[i]]))\nreturn dout @ theta[:, 1:], dtheta"),
    },
    "softmax_cross_entropy_answer": {
        "one-hot matrix and logaddexp": (
            "Y = np.eye(scores.shape[1])[y]\nlse = np.logaddexp.reduce(scores, axis=1, keepdims=True)\n"
            "log_p = scores - lse\nreturn -np.sum(Y * log_p) / m, (np.exp(log_p) - Y) / m"),
    },
    "momentum_step_answer": {
        "one line": "return theta - lr * (momentum * v + grad), momentum * v + grad",
    },
    "adam_answer": {
        "torch's arrangement (step size and denominator apart)": (
            "self.t += 1\nc1, c2 = 1 - self.beta1 ** self.t, 1 - self.beta2 ** self.t\n"
            "for i, (theta, g) in enumerate(zip(params, grads)):\n"
            "    self.m[i] = self.beta1 * self.m[i] + (1 - self.beta1) * g\n"
            "    self.v[i] = self.beta2 * self.v[i] + (1 - self.beta2) * g ** 2\n"
            "    denom = np.sqrt(self.v[i]) / np.sqrt(c2) + self.eps\n"
            "    theta -= (self.lr / c1) * self.m[i] / denom"),
    },
    "he_init_answer": {
        "standard normal scaled, global seed": (
            "np.random.seed(seed)\nw = np.random.randn(s_out, s_in) * np.sqrt(2 / s_in)\n"
            "return np.concatenate([np.zeros((s_out, 1)), w], axis=1)"),
        "a list of lists": (
            "rng = np.random.default_rng(seed)\n"
            "return np.hstack([np.zeros((s_out, 1)), rng.normal(0, np.sqrt(2 / s_in), (s_out, s_in))]).tolist()"),
    },
    "two_layer_answer": {
        "own layers from exercises 3 and 4": (
            "z2 = X @ Theta1[:, 1:].T + Theta1[:, 0]\na2 = np.maximum(z2, 0)\n"
            "J, dscores = softmax_cross_entropy(a2 @ Theta2[:, 1:].T + Theta2[:, 0], y)\n"
            "da2, dTheta2 = affine_backward(dscores, (a2, Theta2))\n"
            "_, dTheta1 = affine_backward(da2 * (z2 > 0), (X, Theta1))\nreturn J, [dTheta1, dTheta2]"),
    },
}


def _table():
    """{grade_id: {name: (code, words)}}: the level module's typical mistakes, then the cheats."""
    found = {}
    for grade_id, mistakes in _level4.MISTAKES.items():
        found[grade_id] = {m.name: (m.code, m.words or m.says) for m in mistakes}
    for grade_id, cheats in CHEATS.items():
        found.setdefault(grade_id, {}).update(cheats)
    return found


MISTAKES = _table()
