"""Typical wrong answers to the level 3 exercises, each of which its check must name."""

NOTEBOOK = "solutions/03_undergraduate.ipynb"

_FORWARD = """a1 = np.hstack([np.ones((m, 1)), X])
z2 = a1 @ Theta1.T
a2 = np.hstack([np.ones((m, 1)), sigmoid(z2)])
a3 = sigmoid(a2 @ Theta2.T)
delta3 = a3 - Y
"""
_REG = """grad1[:, 1:] += lam / m * Theta1[:, 1:]
grad2[:, 1:] += lam / m * Theta2[:, 1:]
return [grad1, grad2]"""
_RIGHT_DELTA2 = "delta2 = (delta3 @ Theta2[:, 1:]) * sigmoid_gradient(z2)\n"
_RIGHT_GRADS = "grad1 = delta2.T @ a1 / m\ngrad2 = delta3.T @ a2 / m\n"


def _grads(delta2=_RIGHT_DELTA2, grads=_RIGHT_GRADS, reg=_REG, forward=_FORWARD):
    return forward + delta2 + grads + reg


_COST_DATA = "h = forward_pass(thetas, X)\nJ = -np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h)) / m\n"



def _rd(value="np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))"):
    """The body of the gradient check's relative_difference, returning ``value`` (right by default)."""
    return ("a = np.concatenate([g.ravel() for g in grads_a])\n"
            "b = np.concatenate([g.ravel() for g in grads_b])\n"
            f"return {value}")


_GC_NUMERIC = (
    "numeric_grads = [numerical_gradient(lambda T: nn_cost([T, Theta2], X, Y, lam), Theta1, 1e-5),\n"
    "                 numerical_gradient(lambda T: nn_cost([Theta1, T], X, Y, lam), Theta2, 1e-5)]\n")
_GC_REL_DIFF = "rel_diff = relative_difference(nn_gradients(thetas, X, Y, lam), numeric_grads)\n"


def _gc(rd=None, body=_GC_NUMERIC + _GC_REL_DIFF):
    """The answer to the gradient check: relative_difference's body ``rd`` (right by default), then the body of
    compare_gradients(thetas, X, Y, lam) after its first line (Theta1, Theta2 = thetas), which returns
    numeric_grads, rel_diff."""
    return (_rd() if rd is None else rd) + "\n" + NEXT + "\n" + body + "return numeric_grads, rel_diff"


NEXT = "# --- next region ---"

MISTAKES = {
    "theta_shapes_answer": {
        "no bias column": (
            "return [(s_next, s) for s, s_next in zip(layer_sizes[:-1], layer_sizes[1:])]", "bias"),
        "transposed": (
            "return [(s + 1, s_next) for s, s_next in zip(layer_sizes[:-1], layer_sizes[1:])]", "transposed"),
        "bias as a row": (
            "return [(s_next + 1, s) for s, s_next in zip(layer_sizes[:-1], layer_sizes[1:])]", "not a row"),
    },
    "sigmoid_gradient_answer": {
        "g(z) instead of g'(z)": ("return sigmoid(z)", "the sigmoid itself"),
        "formula applied to z": ("return z * (1 - z)", "apply the formula to g(z)"),
        "plus instead of minus": ("g = sigmoid(z)\nreturn g * (1 + g)", "sign"),
        "returns a list": ("return [sigmoid(v) * (1 - sigmoid(v)) for v in z]", "no loop is needed"),
        "math.exp instead of np.exp": (
            "import math\ng = 1 / (1 + math.exp(-z))\nreturn g * (1 - g)", "use np.exp"),
    },
    "one_hot_answer": {
        "transposed": ("return np.eye(K)[y].T", "transposed"),
        "K from the labels": ("return np.eye(y.max() + 1)[y]", "not the largest label"),
        "1-based labels": ("return np.eye(K)[np.clip(y - 1, 0, K - 1)]", "no - 1"),
        "1-based labels, wrapping around": ("return np.eye(K)[y - 1]", "shifted by one"),
    },
    "forward_pass_answer": {
        "no bias column on the input": (
            "a2 = np.hstack([np.ones((m, 1)), sigmoid(X @ Theta1.T)])\nreturn sigmoid(a2 @ Theta2.T)",
            "bias column"),
        "no bias column on the hidden layer": (
            "a1 = np.hstack([np.ones((m, 1)), X])\na2 = sigmoid(a1 @ Theta1.T)\nreturn sigmoid(a2 @ Theta2.T)",
            "bias column"),
        "elementwise instead of matrix product": (
            "a1 = np.hstack([np.ones((m, 1)), X])\na2 = np.hstack([np.ones((m, 1)), sigmoid(a1 * Theta1)])\n"
            "return sigmoid(a2 * Theta2)", "matrix product"),
        "no sigmoid at the output": (
            "a1 = np.hstack([np.ones((m, 1)), X])\na2 = np.hstack([np.ones((m, 1)), sigmoid(a1 @ Theta1.T)])\n"
            "return a2 @ Theta2.T", "apply the sigmoid"),
        "bias weights dropped": (
            "a2 = sigmoid(X @ Theta1[:, 1:].T)\nreturn sigmoid(a2 @ Theta2[:, 1:].T)", "bias weights"),
        "missing transpose": (
            "a1 = np.hstack([np.ones((m, 1)), X])\na2 = np.hstack([np.ones((m, 1)), sigmoid(a1 @ Theta1)])\n"
            "return sigmoid(a2 @ Theta2)", "A missing .T is the usual cause"),
        "returns h.T": (
            "a1 = np.hstack([np.ones((m, 1)), X])\na2 = np.hstack([np.ones((m, 1)), sigmoid(a1 @ Theta1.T)])\n"
            "return sigmoid(a2 @ Theta2.T).T", "did you return h.T"),
        "returns h and a2": (
            "a1 = np.hstack([np.ones((m, 1)), X])\na2 = np.hstack([np.ones((m, 1)), sigmoid(a1 @ Theta1.T)])\n"
            "return sigmoid(a2 @ Theta2.T), a2", "return only h"),
    },
    "nn_cost_answer": {
        "regularizes the bias column": (
            _COST_DATA + "return J + lam / (2 * m) * sum(np.sum(t ** 2) for t in thetas)", "bias column"),
        "lambda/m instead of lambda/(2m)": (
            _COST_DATA + "return J + lam / m * sum(np.sum(t[:, 1:] ** 2) for t in thetas)", "lambda/m"),
        "missing 1/m": (
            "h = forward_pass(thetas, X)\nJ = -np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h))\n"
            "return J + lam / (2 * m) * sum(np.sum(t[:, 1:] ** 2) for t in thetas)", "1/m"),
        "only the y = 1 term": (
            "h = forward_pass(thetas, X)\nJ = -np.sum(Y * np.log(h)) / m\n"
            "return J + lam / (2 * m) * sum(np.sum(t[:, 1:] ** 2) for t in thetas)", "(1 - y) log(1 - h)"),
        "averaged over K too": (
            "h = forward_pass(thetas, X)\nJ = -np.mean(Y * np.log(h) + (1 - Y) * np.log(1 - h))\n"
            "return J + lam / (2 * m) * sum(np.sum(t[:, 1:] ** 2) for t in thetas)", "over the K outputs"),
        "no regularization": (_COST_DATA + "return J", "regularization term is missing"),
        "zeroes the bias column of the caller's Theta": (
            _COST_DATA + "for theta in thetas:\n    theta[:, 0] = 0\n"
            "return J + lam / (2 * m) * sum(np.sum(t ** 2) for t in thetas)", "in place"),
        "penalty not divided by m": (
            _COST_DATA + "return J + lam / 2 * sum(np.sum(t[:, 1:] ** 2) for t in thetas)", "not divided by m"),
        "returns J and the gradients": (
            _COST_DATA + "J += lam / (2 * m) * sum(np.sum(t[:, 1:] ** 2) for t in thetas)\n"
            "return J, [np.zeros_like(t) for t in thetas]", "gradients come in exercise 6"),
        "returns [J]": (
            _COST_DATA + "return [J + lam / (2 * m) * sum(np.sum(t[:, 1:] ** 2) for t in thetas)]", "one number"),
        "returns a 1x1 array": (
            _COST_DATA + "J += lam / (2 * m) * sum(np.sum(t[:, 1:] ** 2) for t in thetas)\n"
            "return np.array([[J]])", "float(J)"),
    },
    "nn_gradients_answer": {
        "g(z) where g'(z) belongs": (
            _grads(delta2="delta2 = (delta3 @ Theta2[:, 1:]) * sigmoid(z2)\n"), "g'(z^(2))"),
        "slope of a instead of z": (
            _grads(delta2="delta2 = (delta3 @ Theta2[:, 1:]) * sigmoid_gradient(sigmoid(z2))\n"), "instead of z^(2)"),
        "missing 1/m": (_grads(grads="grad1 = delta2.T @ a1\ngrad2 = delta3.T @ a2\n"), "1/m"),
        "regularizes the bias column": (
            _grads(reg="grad1 += lam / m * Theta1\ngrad2 += lam / m * Theta2\nreturn [grad1, grad2]"), "bias column"),
        "lambda/(2m) in the gradient": (
            _grads(reg="grad1[:, 1:] += lam / (2 * m) * Theta1[:, 1:]\ngrad2[:, 1:] += lam / (2 * m) * Theta2[:, 1:]\n"
                   "return [grad1, grad2]"), "(lambda/m) Theta"),
        "no regularization": (_grads(reg="return [grad1, grad2]"), "regularization gradient is missing"),
        "zeroes the bias column of the caller's Theta": (
            _grads(reg="Theta1[:, 0] = 0\nTheta2[:, 0] = 0\ngrad1 += lam / m * Theta1\ngrad2 += lam / m * Theta2\n"
                   "return [grad1, grad2]"), "in place"),
        "transposed gradients": (
            _grads(grads="grad1 = (a1.T @ delta2 / m).T\ngrad2 = (a2.T @ delta3 / m).T\n",
                   reg="grad1[:, 1:] += lam / m * Theta1[:, 1:]\ngrad2[:, 1:] += lam / m * Theta2[:, 1:]\n"
                       "return [grad1.T, grad2.T]"), "transposed"),
        "elementwise product for Delta": (
            _grads(grads="grad1 = delta2.T * a1 / m\ngrad2 = delta3.T * a2 / m\n"), "matrix product"),
        "delta keeps the bias column": (
            _grads(delta2="delta2 = (delta3 @ Theta2) * (a2 * (1 - a2))\n",
                   reg="grad1[1:, 1:] += lam / m * Theta1[:, 1:]\n"
                       "grad2[:, 1:] += lam / m * Theta2[:, 1:]\nreturn [grad1, grad2]"), "bias column of delta^(2)"),
        "no bias column on the hidden layer": (
            _grads(forward="a1 = np.hstack([np.ones((m, 1)), X])\nz2 = a1 @ Theta1.T\na2 = sigmoid(z2)\n"
                           "a3 = sigmoid(a2 @ Theta2.T)\ndelta3 = a3 - Y\n"), "bias column"),
        "error with the wrong sign": (
            _grads(forward=_FORWARD.replace("delta3 = a3 - Y", "delta3 = Y - a3")), "a^(3) - y"),
        "output error times g'(z3)": (
            _grads(forward=_FORWARD.replace("delta3 = a3 - Y", "delta3 = (a3 - Y) * a3 * (1 - a3)")), "g' cancels"),
        "regularization subtracted": (
            _grads(reg=_REG.replace("+=", "-=")), "regularization term has the wrong sign"),
        "missing .T in Delta": (
            _grads(grads="grad1 = delta2 @ a1 / m\ngrad2 = delta3 @ a2 / m\n"), "delta.T (s_(l+1), m)"),
    },
    "numerical_gradient_answer": {
        "one-sided differences": (
            "theta = np.asarray(theta, dtype=float)\ngrad = np.zeros_like(theta)\n"
            "for idx in np.ndindex(theta.shape):\n    plus = theta.copy()\n    plus[idx] += eps\n"
            "    grad[idx] = (f(plus) - f(theta)) / eps\nreturn grad", "one-sided"),
        "divides by eps, not 2 eps": (
            "theta = np.asarray(theta, dtype=float)\ngrad = np.zeros_like(theta)\n"
            "for idx in np.ndindex(theta.shape):\n    plus, minus = theta.copy(), theta.copy()\n"
            "    plus[idx] += eps\n    minus[idx] -= eps\n    grad[idx] = (f(plus) - f(minus)) / eps\nreturn grad",
            "2 eps"),
        "moves every entry at once": (
            "return np.full(theta.shape, (f(theta + eps) - f(theta - eps)) / (2 * eps))", "one entry at a time"),
        "changes the caller's theta": (
            "grad = np.zeros_like(theta)\nfor idx in np.ndindex(theta.shape):\n    theta[idx] += eps\n"
            "    plus = f(theta)\n    theta[idx] -= 2 * eps\n    minus = f(theta)\n    grad[idx] = (plus - minus) / (2 * eps)\n"
            "return grad", "in place"),
        "flattens theta before calling f": (
            "flat = np.asarray(theta, dtype=float).ravel()\ngrad = np.zeros_like(flat)\n"
            "for i in range(flat.size):\n    plus, minus = flat.copy(), flat.copy()\n    plus[i] += eps\n"
            "    minus[i] -= eps\n    grad[i] = (f(plus) - f(minus)) / (2 * eps)\nreturn grad.reshape(np.shape(theta))",
            "like theta"),
        "perturbs and restores the caller's theta": (
            "grad = np.zeros_like(theta)\nfor idx in np.ndindex(theta.shape):\n    theta[idx] += eps\n"
            "    plus = f(theta)\n    theta[idx] -= 2 * eps\n    minus = f(theta)\n    theta[idx] += eps\n"
            "    grad[idx] = (plus - minus) / (2 * eps)\nreturn grad", "perturb a copy"),
        "returns a list": (
            "out = []\nfor idx in np.ndindex(theta.shape):\n    plus, minus = theta.copy(), theta.copy()\n"
            "    plus[idx] += eps\n    minus[idx] -= eps\n    out.append((f(plus) - f(minus)) / (2 * eps))\n"
            "return out", "np.zeros_like(theta)"),
    },
    "gradient_check_answer": {
        "one-sided numerical gradients": (_gc(body=(
            "def one_sided(f, theta, eps):\n    grad = np.zeros_like(theta)\n"
            "    for idx in np.ndindex(theta.shape):\n        plus = theta.copy()\n        plus[idx] += eps\n"
            "        grad[idx] = (f(plus) - f(theta)) / eps\n    return grad\n"
            "numeric_grads = [one_sided(lambda T: nn_cost([T, Theta2], X, Y, lam), Theta1, 1e-5),\n"
            "                 one_sided(lambda T: nn_cost([Theta1, T], X, Y, lam), Theta2, 1e-5)]\n"
            "rel_diff = 1e-5\n")), "one-sided"),
        "cost without lambda": (_gc(body=(
            "numeric_grads = [numerical_gradient(lambda T: nn_cost([T, Theta2], X, Y, 0.0), Theta1, 1e-5),\n"
            "                 numerical_gradient(lambda T: nn_cost([Theta1, T], X, Y, 0.0), Theta2, 1e-5)]\n"
            "rel_diff = 0.1\n")), "without regularization"),
        "not divided by the norms": (_gc(_rd("np.linalg.norm(a - b)")), "divide by ||a|| + ||b||"),
        "compared with itself": (
            _gc(body=_GC_NUMERIC + "rel_diff = relative_difference(numeric_grads, numeric_grads)\n"), "with itself"),
        "numeric_grads left unset": (_gc(body="numeric_grads = None\nrel_diff = 1e-11\n"), "numeric_grads is not set"),
        "backprop instead of numerical gradients": (_gc(body=(
            "numeric_grads = nn_gradients(thetas, X, Y, lam)\n"
            "rel_diff = relative_difference(nn_gradients(thetas, X, Y, lam), numeric_grads)\n")), "not with a backprop"),
        "eps 1e-2": (_gc(body=_GC_NUMERIC.replace("1e-5", "1e-2") + "rel_diff = 1e-6\n"), "eps = 1e-5"),
        "eps 1e-1": (_gc(body=_GC_NUMERIC.replace("1e-5", "1e-1") + "rel_diff = 1e-6\n"), "eps = 1e-5"),
        "the notebook's problem, not the arguments": (_gc(body=(
            "numeric_grads = [numerical_gradient(lambda T: nn_cost([T, gc_thetas[1]], gc_X, gc_Y, gc_lam), "
            "gc_thetas[0], 1e-5),\n"
            "                 numerical_gradient(lambda T: nn_cost([gc_thetas[0], T], gc_X, gc_Y, gc_lam), "
            "gc_thetas[1], 1e-5)]\n"
            "rel_diff = relative_difference(nn_gradients(gc_thetas, gc_X, gc_Y, gc_lam), numeric_grads)\n")),
            "second network"),
        "numeric_grads only": (_gc(body=_GC_NUMERIC + "rel_diff = None\nreturn numeric_grads\n"), "two things"),
    },
    "rand_init_answer": {
        "all zeros": ("return np.zeros((l_out, l_in + 1))", "all zero"),
        "uniform in [0, eps]": (
            "eps = np.sqrt(6) / np.sqrt(l_in + l_out)\n"
            "return np.random.default_rng(seed).uniform(0, eps, size=(l_out, l_in + 1))", "[0, eps]"),
        "no bias column": (
            "eps = np.sqrt(6) / np.sqrt(l_in + l_out)\n"
            "return np.random.default_rng(seed).uniform(-eps, eps, size=(l_out, l_in))", "bias column"),
        "transposed": (
            "eps = np.sqrt(6) / np.sqrt(l_in + l_out)\n"
            "return np.random.default_rng(seed).uniform(-eps, eps, size=(l_in + 1, l_out))", "transposed"),
        "epsilon without the square root": (
            "eps = np.sqrt(6) / (l_in + l_out)\n"
            "return np.random.default_rng(seed).uniform(-eps, eps, size=(l_out, l_in + 1))", "epsilon"),
        "normal instead of uniform": (
            "eps = np.sqrt(6) / np.sqrt(l_in + l_out)\n"
            "return np.random.default_rng(seed).normal(0, eps, size=(l_out, l_in + 1))", "uniform"),
        "ignores the seed": (
            "eps = np.sqrt(6) / np.sqrt(l_in + l_out)\n"
            "return np.random.default_rng().uniform(-eps, eps, size=(l_out, l_in + 1))", "seed"),
        "one constant": ("return np.full((l_out, l_in + 1), 0.1)", "one value everywhere"),
        "identical rows": (
            "eps = np.sqrt(6) / np.sqrt(l_in + l_out)\n"
            "row = np.random.default_rng(seed).uniform(-eps, eps, size=(1, l_in + 1))\n"
            "return np.repeat(row, l_out, axis=0)", "every row is the same"),
    },
    "training_answer": {
        "too few iterations": (
            "thetas = [rand_init(64, 25, seed=0), rand_init(25, 10, seed=1)]\n"
            "for it in range(3):\n    grads = nn_gradients(thetas, X_train, Y_train, 1.0)\n"
            "    thetas = [t - 2.0 * g for t, g in zip(thetas, grads)]\nreturn thetas", "95%"),
        "zero initialization": (
            "thetas = [np.zeros((25, 65)), np.zeros((10, 26))]\n"
            "for it in range(100):\n    grads = nn_gradients(thetas, X_train, Y_train, 1.0)\n"
            "    thetas = [t - 4.0 * g for t, g in zip(thetas, grads)]\nreturn thetas", "identical"),
        "untrained weights": ("return [rand_init(64, 25, seed=0), rand_init(25, 10, seed=1)]", "more iterations"),
        "weights transposed": (
            "thetas = [rand_init(64, 25, seed=0), rand_init(25, 10, seed=1)]\nreturn [t.T for t in thetas]", "shape"),
        "the TrainResult instead of its weights": (
            "from nnlib import train\n"
            "return train([rand_init(64, 25, seed=0), rand_init(25, 10, seed=1)], X_train, Y_train,\n"
            "             lam=1.0, learning_rate=4.0, iterations=3)", "library's own version"),
        "tuned on the test set": (
            "best = None\nfor rate in (1.0, 4.0):\n"
            "    thetas = [rand_init(64, 25, seed=0), rand_init(25, 10, seed=1)]\n"
            "    for it in range(100):\n        grads = nn_gradients(thetas, X_train, Y_train, 1.0)\n"
            "        thetas = [t - rate * g for t, g in zip(thetas, grads)]\n"
            "    score = np.mean(np.argmax(forward_pass(thetas, X_test), axis=1) == y_test)\n"
            "    if best is None or score > best[0]:\n        best = (score, thetas)\nreturn best[1]", "test set"),
    },
}

_NUMERIC_BACKPROP = """def numeric(f, theta, eps=1e-5):
    grad = np.zeros_like(theta)
    for idx in np.ndindex(theta.shape):
        plus, minus = theta.copy(), theta.copy()
        plus[idx] += eps
        minus[idx] -= eps
        grad[idx] = (f(plus) - f(minus)) / (2 * eps)
    return grad
return [numeric(lambda T: nn_cost([T, Theta2], X, Y, lam), Theta1),
        numeric(lambda T: nn_cost([Theta1, T], X, Y, lam), Theta2)]"""

# Answers tried beyond the first list (issue 13): named diagnoses for the slips that only got
# "is X; expected Y", the library's own answers, a numerical gradient passed off as backprop,
# loops over examples, an epsilon that counts the bias unit, unscaled pixels.
MISTAKES["sigmoid_gradient_answer"]["g'(g(z))"] = ("g = sigmoid(sigmoid(z))\nreturn g * (1 - g)", "sigmoid twice")
MISTAKES["sigmoid_gradient_answer"]["calls nnlib's sigmoid_gradient"] = (
    "from nnlib import sigmoid_gradient as sg\nreturn sg(z)", "library's own version")
MISTAKES["one_hot_answer"]["calls nnlib's one_hot"] = (
    "import nnlib\nreturn nnlib.network.one_hot(y, K)", "library's own version")
MISTAKES["forward_pass_answer"]["bias column on the right"] = (
    "a1 = np.hstack([X, np.ones((m, 1))])\na2 = np.hstack([sigmoid(a1 @ Theta1.T), np.ones((m, 1))])\n"
    "return sigmoid(a2 @ Theta2.T)", "on the right")
MISTAKES["forward_pass_answer"]["bias added before the sigmoid"] = (
    "a1 = np.hstack([np.ones((m, 1)), X])\na2 = sigmoid(np.hstack([np.ones((m, 1)), a1 @ Theta1.T]))\n"
    "return sigmoid(a2 @ Theta2.T)", "before applying the sigmoid")
MISTAKES["forward_pass_answer"]["a loop over examples"] = (
    "rows = []\nfor x in X:\n    a1 = np.concatenate([[1.0], x])\n"
    "    a2 = np.concatenate([[1.0], sigmoid(Theta1 @ a1)])\n    rows.append(sigmoid(Theta2 @ a2))\n"
    "return np.array(rows)", "loops over the examples")
MISTAKES["forward_pass_answer"]["calls nnlib's forward"] = (
    "import nnlib\nreturn nnlib.forward(thetas, X).h", "library's own version")
MISTAKES["nn_cost_answer"]["penalty skips row 0, not column 0"] = (
    _COST_DATA + "return J + lam / (2 * m) * sum(np.sum(t[1:, :] ** 2) for t in thetas)", "row 0")
MISTAKES["nn_cost_answer"]["calls nnlib's cost"] = (
    "import nnlib\nreturn nnlib.cost(thetas, X, Y, lam)", "library's own version")
MISTAKES["nn_gradients_answer"]["divided by m K"] = (
    _grads(grads="grad1 = delta2.T @ a1 / (m * Y.shape[1])\ngrad2 = delta3.T @ a2 / (m * Y.shape[1])\n"),
    "divided by m K")
MISTAKES["nn_gradients_answer"]["numerical gradient passed off as backprop"] = (_NUMERIC_BACKPROP, "numerical")
MISTAKES["nn_gradients_answer"]["calls nnlib's backprop"] = (
    "import nnlib\nreturn nnlib.backprop(thetas, X, Y, lam)[1]", "library's own version")
MISTAKES["nn_gradients_answer"]["a loop over examples"] = (
    "grads = [np.zeros_like(Theta1), np.zeros_like(Theta2)]\n"
    "for i in range(m):\n    a1 = np.concatenate([[1.0], X[i]])\n    z2 = Theta1 @ a1\n"
    "    a2 = np.concatenate([[1.0], sigmoid(z2)])\n    d3 = sigmoid(Theta2 @ a2) - Y[i]\n"
    "    d2 = (Theta2[:, 1:].T @ d3) * sigmoid_gradient(z2)\n"
    "    grads[0] += np.outer(d2, a1) / m\n    grads[1] += np.outer(d3, a2) / m\n"
    "grads[0][:, 1:] += lam / m * Theta1[:, 1:]\ngrads[1][:, 1:] += lam / m * Theta2[:, 1:]\nreturn grads",
    "loops over the examples")
MISTAKES["numerical_gradient_answer"]["calls nnlib's numerical_gradient"] = (
    "import nnlib\nreturn nnlib.numerical_gradient(lambda ts: f(ts[0]), [theta], eps)[0]", "library's own version")
MISTAKES["rand_init_answer"]["epsilon counts the bias unit"] = (
    "eps = np.sqrt(6) / np.sqrt(l_in + 1 + l_out)\n"
    "return np.random.default_rng(seed).uniform(-eps, eps, size=(l_out, l_in + 1))", "bias unit counted")
MISTAKES["training_answer"]["not weights at all"] = ("return [1, 2]", "two weight matrices")
MISTAKES["training_answer"]["trained on the raw pixels"] = (
    "thetas = [rand_init(64, 25, seed=0), rand_init(25, 10, seed=1)]\n"
    "for it in range(100):\n    grads = nn_gradients(thetas, X_train_pixels, Y_train, 1.0)\n"
    "    thetas = [t - 0.5 * g for t, g in zip(thetas, grads)]\nreturn thetas", "not on X_train")
MISTAKES["one_hot_answer"]["whole columns set"] = ("Y = np.zeros((len(y), K))\nY[:, y] = 1\nreturn Y", "sets whole columns")
MISTAKES["one_hot_answer"]["labels compared with 1..K"] = (
    "return (y[:, None] == np.arange(1, K + 1)).astype(float)", "compared the labels with 1..K")
MISTAKES["one_hot_answer"]["identity of size m"] = ("return np.eye(len(y))[y]", "np.eye(K)")
MISTAKES["nn_cost_answer"]["matrix product for y log h"] = (
    "h = forward_pass(thetas, X)\nJ = -np.sum(Y @ np.log(h).T + (1 - Y) @ np.log(1 - h).T) / m\n"
    "return J + lam / (2 * m) * sum(np.sum(t[:, 1:] ** 2) for t in thetas)", "matrix products")
MISTAKES["nn_cost_answer"]["penalty of sizes, not squares"] = (
    _COST_DATA + "return J + lam / (2 * m) * sum(np.sum(np.abs(t[:, 1:])) for t in thetas)", "squares")
MISTAKES["nn_gradients_answer"]["regularization skips row 0, not column 0"] = (
    _grads(reg="grad1[1:, :] += lam / m * Theta1[1:, :]\ngrad2[1:, :] += lam / m * Theta2[1:, :]\n"
               "return [grad1, grad2]"), "skips row 0")
MISTAKES["nn_cost_answer"]["divided by K instead of m"] = (
    "h = forward_pass(thetas, X)\nK = Y.shape[1]\nJ = -np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h)) / K\n"
    "return J + lam / (2 * K) * sum(np.sum(t[:, 1:] ** 2) for t in thetas)", "divided by K")

# The instructor's audit (fix3): the wrong answers that were rejected with "is X; expected Y" only, a
# relative difference over ||a + b|| that passed, and a one_hot built with a loop that passed.
MISTAKES["one_hot_answer"]["a loop over examples"] = (
    "Y = np.zeros((len(y), K))\nfor i in range(len(y)):\n    Y[i, y[i]] = 1.0\nreturn Y", "with a for loop")
MISTAKES["one_hot_answer"]["a loop over the labels"] = (
    "Y = np.zeros((len(y), K))\nfor i, label in enumerate(y):\n    Y[i, label] = 1.0\nreturn Y", "with a for loop")
MISTAKES["one_hot_answer"]["a list comprehension"] = (
    "return np.array([[1.0 if k == label else 0.0 for k in range(K)] for label in y])", "with a comprehension")
MISTAKES["one_hot_answer"]["a while loop"] = (
    "Y = np.zeros((len(y), K))\ni = 0\nwhile i < len(y):\n    Y[i, y[i]] = 1.0\n    i += 1\nreturn Y",
    "with a while loop")
MISTAKES["forward_pass_answer"]["zeros as the bias column"] = (
    "a1 = np.hstack([np.zeros((m, 1)), X])\na2 = np.hstack([np.zeros((m, 1)), sigmoid(a1 @ Theta1.T)])\n"
    "return sigmoid(a2 @ Theta2.T)", "a column of zeros")
MISTAKES["forward_pass_answer"]["zeros as the input's bias column"] = (
    "a1 = np.hstack([np.zeros((m, 1)), X])\na2 = np.hstack([np.ones((m, 1)), sigmoid(a1 @ Theta1.T)])\n"
    "return sigmoid(a2 @ Theta2.T)", "in front of X holds zeros")
MISTAKES["forward_pass_answer"]["zeros as the hidden layer's bias column"] = (
    "a1 = np.hstack([np.ones((m, 1)), X])\na2 = np.hstack([np.zeros((m, 1)), sigmoid(a1 @ Theta1.T)])\n"
    "return sigmoid(a2 @ Theta2.T)", "in front of g(Z^(2)) holds zeros")
MISTAKES["nn_cost_answer"]["lam / 2 * m (operator precedence)"] = (
    _COST_DATA + "return J + lam / 2 * m * sum(np.sum(t[:, 1:] ** 2) for t in thetas)", "lam / (2 * m)")
MISTAKES["nn_cost_answer"]["square of each sum"] = (
    _COST_DATA + "return J + lam / (2 * m) * sum(np.sum(t[:, 1:]) ** 2 for t in thetas)", "sum of the squares")
MISTAKES["nn_cost_answer"]["square of the total sum"] = (
    _COST_DATA + "return J + lam / (2 * m) * sum(np.sum(t[:, 1:]) for t in thetas) ** 2", "sum of the squares")
MISTAKES["nn_cost_answer"]["only Theta1 regularized"] = (
    _COST_DATA + "Theta1, Theta2 = thetas\nreturn J + lam / (2 * m) * np.sum(Theta1[:, 1:] ** 2)",
    "Only Theta^(1) is regularized")
MISTAKES["nn_gradients_answer"]["lambda without /m"] = (
    _grads(reg="grad1[:, 1:] += lam * Theta1[:, 1:]\ngrad2[:, 1:] += lam * Theta2[:, 1:]\nreturn [grad1, grad2]"),
    "not divided by m")
MISTAKES["nn_gradients_answer"]["only Theta1 regularized"] = (
    _grads(reg="grad1[:, 1:] += lam / m * Theta1[:, 1:]\nreturn [grad1, grad2]"), "Only dJ/dTheta^(1)")
MISTAKES["nn_gradients_answer"]["zeros as the bias column"] = (
    _grads(forward=_FORWARD.replace("np.ones", "np.zeros")), "bias columns hold zeros")
MISTAKES["numerical_gradient_answer"]["copies made once, outside the loop"] = (
    "theta = np.asarray(theta, dtype=float)\ngrad = np.zeros_like(theta)\nplus, minus = theta.copy(), theta.copy()\n"
    "for idx in np.ndindex(theta.shape):\n    plus[idx] += eps\n    minus[idx] -= eps\n"
    "    grad[idx] = (f(plus) - f(minus)) / (2 * eps)\nreturn grad", "copied once, before the loop")
MISTAKES["numerical_gradient_answer"]["one copy made once, never put back"] = (
    "theta = np.asarray(theta, dtype=float)\ngrad = np.zeros_like(theta)\nt = theta.copy()\n"
    "for idx in np.ndindex(theta.shape):\n    t[idx] += eps\n    plus = f(t)\n    t[idx] -= 2 * eps\n"
    "    grad[idx] = (plus - f(t)) / (2 * eps)\nreturn grad", "made once, before the loop")
MISTAKES["gradient_check_answer"]["divides by ||a + b||"] = (
    _gc(_rd("np.linalg.norm(a - b) / np.linalg.norm(a + b)")), "not ||a + b||")
MISTAKES["gradient_check_answer"]["divides by ||a|| alone"] = (_gc(_rd("np.linalg.norm(a - b) / np.linalg.norm(a)")),
                                                              "||a|| alone")
MISTAKES["gradient_check_answer"]["sums of squares, not norms"] = (
    _gc(_rd("np.sum((a - b) ** 2) / (np.sum(a ** 2) + np.sum(b ** 2))")), "sums of squares")
MISTAKES["gradient_check_answer"]["difference of the norms"] = (
    _gc(_rd("abs(np.linalg.norm(a) - np.linalg.norm(b)) / (np.linalg.norm(a) + np.linalg.norm(b))")),
    "norm of the difference")
MISTAKES["gradient_check_answer"]["one relative difference per matrix, added"] = (
    _gc("return sum(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)) for a, b in zip(grads_a, grads_b))"),
    "one relative difference per matrix")
MISTAKES["gradient_check_answer"]["relative_difference left blank"] = (
    _gc("raise NotImplementedError()", _GC_NUMERIC
        + "a = np.concatenate([g.ravel() for g in nn_gradients(thetas, X, Y, lam)])\n"
        "b = np.concatenate([g.ravel() for g in numeric_grads])\n"
        "rel_diff = np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))\n"),
    "relative_difference still raises NotImplementedError")
MISTAKES["gradient_check_answer"]["calls nnlib's relative_difference"] = (
    _gc("import nnlib\nreturn nnlib.relative_difference(grads_a, grads_b)"), "library's own version")

# Work the exercise says not to do, done another way (issue 21): nnlib's faster twin, loops that do not take
# rows from X itself (over np.asarray(X) or a copy), one_hot row by row with map or np.apply_along_axis, and
# training by nnlib's own train.
MISTAKES["nn_gradients_answer"]["calls nnlib.fast's backprop"] = (
    "from nnlib import fast\nreturn fast.backprop(thetas, X, Y, lam)[1]", "library's own version")
MISTAKES["nn_cost_answer"]["calls nnlib.fast's cost"] = (
    "from nnlib import fast\nreturn fast.cost_and_gradient(thetas, X, Y, lam)[0]", "library's own version")
MISTAKES["forward_pass_answer"]["a loop over np.asarray(X)"] = (
    "rows = []\nfor x in np.asarray(X):\n    a1 = np.concatenate([[1.0], x])\n"
    "    a2 = np.concatenate([[1.0], sigmoid(Theta1 @ a1)])\n    rows.append(sigmoid(Theta2 @ a2))\n"
    "return np.array(rows)", "one at a time")
MISTAKES["forward_pass_answer"]["a loop over a filled copy"] = (
    "A = np.zeros(X.shape)\nA[:] = X\nh = np.zeros((m, Theta2.shape[0]))\nfor i in range(m):\n"
    "    a2 = np.concatenate([[1.0], sigmoid(Theta1 @ np.concatenate([[1.0], A[i]]))])\n"
    "    h[i] = sigmoid(Theta2 @ a2)\nreturn h", "one at a time")
MISTAKES["nn_gradients_answer"]["a loop over np.asarray(X)"] = (
    "grads = [np.zeros_like(Theta1), np.zeros_like(Theta2)]\nXs, Ys = np.asarray(X), np.asarray(Y)\n"
    "for x, y in zip(Xs, Ys):\n    a1 = np.concatenate([[1.0], x])\n    z2 = Theta1 @ a1\n"
    "    a2 = np.concatenate([[1.0], sigmoid(z2)])\n    d3 = sigmoid(Theta2 @ a2) - y\n"
    "    d2 = (Theta2[:, 1:].T @ d3) * sigmoid_gradient(z2)\n"
    "    grads[0] += np.outer(d2, a1) / m\n    grads[1] += np.outer(d3, a2) / m\n"
    "grads[0][:, 1:] += lam / m * Theta1[:, 1:]\ngrads[1][:, 1:] += lam / m * Theta2[:, 1:]\nreturn grads",
    "one at a time")
MISTAKES["one_hot_answer"]["row by row with map"] = (
    "return np.array(list(map(lambda label: np.eye(K)[label], y)))", "with map")
MISTAKES["one_hot_answer"]["row by row with np.apply_along_axis"] = (
    "return np.apply_along_axis(lambda row: np.eye(K)[row[0]], 1, np.asarray(y)[:, None])", "apply_along_axis")
MISTAKES["training_answer"]["nnlib's own train"] = (
    "from nnlib import training\nthetas = [rand_init(64, 40, seed=0), rand_init(40, 10, seed=1)]\n"
    "return training.train(thetas, X_train, Y_train, lam=1.0, learning_rate=4.0, iterations=200).thetas",
    "library's own version")
