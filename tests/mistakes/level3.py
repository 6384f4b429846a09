"""Level 3: the answers nnlib/checks/level3.py does not declare itself.

The typical mistakes are declared once, in the level module (Mistake tables, ``MISTAKES``); this module adds
the cheats (answers that call nnlib's own version, with the words their message must contain) and RIGHT:
answers in other correct forms, which must pass.
"""

from nnlib.checks import _level3_mistakes as code
from nnlib.checks import level3 as _level3

NOTEBOOK = "solutions/03_undergraduate.ipynb"

CHEATS = {
    "sigmoid_gradient_answer": {
        "calls nnlib's sigmoid_gradient": ("from nnlib import sigmoid_gradient as sg\nreturn sg(z)",
                                           "library's own version"),
    },
    "one_hot_answer": {
        "calls nnlib's one_hot": ("import nnlib\nreturn nnlib.network.one_hot(y, K)", "library's own version"),
    },
    "forward_pass_answer": {
        "calls nnlib's forward": ("import nnlib\nreturn nnlib.forward(thetas, X).h", "library's own version"),
    },
    "nn_cost_answer": {
        "calls nnlib's cost": ("import nnlib\nreturn nnlib.cost(thetas, X, Y, lam)", "library's own version"),
        "calls nnlib.fast's cost": ("from nnlib import fast\nreturn fast.cost_and_gradient(thetas, X, Y, lam)[0]",
                                    "library's own version"),
    },
    "nn_gradients_answer": {
        "calls nnlib's backprop": ("import nnlib\nreturn nnlib.backprop(thetas, X, Y, lam)[1]",
                                   "library's own version"),
        "calls nnlib.fast's backprop": ("from nnlib import fast\nreturn fast.backprop(thetas, X, Y, lam)[1]",
                                        "library's own version"),
    },
    "numerical_gradient_answer": {
        "calls nnlib's numerical_gradient": (
            "import nnlib\nreturn nnlib.numerical_gradient(lambda ts: f(ts[0]), [theta], eps)[0]",
            "library's own version"),
    },
    "gradient_check_answer": {
        "calls nnlib's relative_difference": (
            "import nnlib\nreturn nnlib.relative_difference(grads_a, grads_b)\n" + _level3.NEXT_REGION + "\n"
            + code.GC_NUMERIC + code.GC_REL_DIFF + code.GC_RETURN, "library's own version"),
    },
    "training_answer": {
        "the TrainResult instead of its weights": (
            "from nnlib import train\n"
            "return train([rand_init(64, 25, seed=0), rand_init(25, 10, seed=1)], X_train, Y_train,\n"
            "             lam=1.0, learning_rate=4.0, iterations=3)", "library's own version"),
        "nnlib's own train": (
            "from nnlib import training\nthetas = [rand_init(64, 40, seed=0), rand_init(40, 10, seed=1)]\n"
            "return training.train(thetas, X_train, Y_train, lam=1.0, learning_rate=4.0, iterations=200).thetas",
            "library's own version"),
    },
}

# Answers in other correct forms: each must pass its check (tests/test_level3_checks.py).
RIGHT = {
    "theta_shapes_answer": {
        "a loop": "shapes = []\nfor i in range(len(layer_sizes) - 1):\n"
                  "    shapes.append((layer_sizes[i + 1], layer_sizes[i] + 1))\nreturn shapes",
    },
    "sigmoid_gradient_answer": {
        "from the exponential": "e = np.exp(-z)\nreturn e / (1 + e) ** 2",
        "sigmoid called twice": "return sigmoid(z) * (1 - sigmoid(z))",
    },
    "one_hot_answer": {
        "rows of the identity": "return np.eye(K)[y]",
        "comparison with a range": "return (np.asarray(y)[:, None] == np.arange(K)).astype(float)",
    },
    "forward_pass_answer": {
        "np.insert and a bias unit apiece": (
            "a2 = sigmoid(np.insert(X, 0, 1.0, axis=1) @ Theta1.T)\n"
            "return sigmoid(np.insert(a2, 0, 1.0, axis=1) @ Theta2.T)"),
        "bias weights added apart": (
            "a2 = sigmoid(X @ Theta1[:, 1:].T + Theta1[:, 0])\nreturn sigmoid(a2 @ Theta2[:, 1:].T + Theta2[:, 0])"),
    },
    "nn_cost_answer": {
        "one-hot rows picked with a mask, penalty with np.square": (
            "h = forward_pass(thetas, X)\nJ = -(np.log(h[Y == 1]).sum() + np.log(1 - h[Y == 0]).sum()) / m\n"
            "return float(J + lam / (2 * m) * sum(np.square(t[:, 1:]).sum() for t in thetas))"),
    },
    "nn_gradients_answer": {
        "slope from a2, einsum": (
            "a1 = np.c_[np.ones(m), X]\na2 = np.c_[np.ones(m), sigmoid(a1 @ Theta1.T)]\n"
            "d3 = sigmoid(a2 @ Theta2.T) - Y\n"
            "d2 = (d3 @ Theta2[:, 1:]) * a2[:, 1:] * (1 - a2[:, 1:])\n"
            "reg = [np.hstack([np.zeros((t.shape[0], 1)), t[:, 1:]]) for t in thetas]\n"
            "return [np.einsum('mi,mj->ij', d2, a1) / m + lam / m * reg[0],\n"
            "        np.einsum('mi,mj->ij', d3, a2) / m + lam / m * reg[1]]"),
    },
    "rand_init_answer": {
        "scaled random numbers": (
            "rng = np.random.default_rng(seed)\neps = (6 / (l_in + l_out)) ** 0.5\n"
            "return 2 * eps * rng.random((l_out, l_in + 1)) - eps"),
    },
    "numerical_gradient_answer": {
        "one copy, put back after each entry": (
            "t = np.array(theta, dtype=float)\ngrad = np.zeros_like(t)\nfor i in range(t.size):\n"
            "    old = t.flat[i]\n    t.flat[i] = old + eps\n    up = f(t)\n    t.flat[i] = old - eps\n"
            "    down = f(t)\n    t.flat[i] = old\n    grad.flat[i] = (up - down) / (2 * eps)\nreturn grad"),
    },
}


def _table():
    """{grade_id: {name: (code, words)}}: the level module's typical mistakes, then the cheats."""
    found = {}
    for grade_id, mistakes in _level3.MISTAKES.items():
        found[grade_id] = {m.name: (m.code, m.words or m.says) for m in mistakes}
    for grade_id, cheats in CHEATS.items():
        found.setdefault(grade_id, {}).update(cheats)
    return found


MISTAKES = _table()
