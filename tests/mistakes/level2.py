"""Level 2: the answers nnlib/checks/level2.py does not declare itself.

The typical mistakes are declared once, in the level module (a table of Mistakes per exercise, read here
through ``level2.MISTAKES``); this module adds the slips the shared runner names for every exercise (no
`return`, a loop that never ends, a pair cut short, a value that is not one number), the cheats (answers that
hand the exercise to nnlib's own version), each with the words its message must contain, and RIGHT: answers
in other correct forms, which must pass.
"""

from nnlib.checks import level2 as _level2

NOTEBOOK = "solutions/02_high_school.ipynb"

_RIGHT_ACCURACY = "return np.mean((nnlib.sigmoid(w[0] * X[:, 0] + w[1] * X[:, 1] + b) >= 0.5) == y)"
_RIGHT_HELD_OUT = "w, b = train_neuron(X_train, y_train)\nreturn accuracy(w, b, X_test, y_test)"
_NEXT = "\n" + _level2.NEXT_REGION + "\n"

# Named by nnlib.checks.core (call, check_function, number), not by a rule of level 2.
RUNNER = {
    "mse_answer": {
        "returns nothing": ("errors = m * x + c - y", "forget the `return`"),
        "a loop that never ends": ("total = 0\nwhile total >= 0:\n    total += 1\nreturn total", "did not finish"),
    },
    "gradient_answer": {
        "only dL/dm returned": ("e = m * x + c - y\nreturn 2 * np.mean(e * x)", "pair (dL/dm, dL/dc)"),
    },
    "step_answer": {
        "wrong new c named": (
            "dm, dc = loss_gradient(m, c, x, y)\nreturn m - learning_rate * dm, c - learning_rate * dc * 2",
            "the new c returned by gd_step"),
        "only new m returned": ("dm, dc = loss_gradient(m, c, x, y)\nreturn m - learning_rate * dm",
                                "pair (new m, new c)"),
    },
    "rate_answer": {
        "a string": ("learning_rate = '0.1'", "number"),
        "several rates": ("learning_rate = np.array([0.2, 0.1])", "one number, not several"),
        "not a number (NaN)": ("learning_rate = float('nan')", "NaN"),
    },
    "accuracy_answer": {
        "right function, held_out_accuracy never written": (
            _RIGHT_ACCURACY + _NEXT + "raise NotImplementedError('Replace this line with your answer.')",
            "held_out_accuracy still raises NotImplementedError"),
    },
}

CHEATS = {
    "mse_answer": {
        "calls nnlib's line_loss": ("return nnlib.descent.line_loss(m, c, x, y)", "library's own version"),
    },
    "gradient_answer": {
        "calls nnlib's line_gradient": ("return nnlib.descent.line_gradient(m, c, x, y)", "library's own version"),
        "calls nnlib's nudge_slopes": ("return nnlib.descent.nudge_slopes(m, c, x, y)", "library's own version"),
    },
}

# Answers in other correct forms: each must pass its check.
RIGHT = {
    "mse_answer": {
        "a loop over the examples": (
            "total = 0.0\nfor xi, yi in zip(x, y):\n    total += (m * xi + c - yi) ** 2\nreturn total / len(x)"),
        "np.square": "return np.square(m * x + c - y).mean()",
        "sum(...) / len(x)": "return sum((m * x + c - y) ** 2) / len(x)",
        "a dot product": "e = m * x + c - y\nreturn e @ e / e.size",
    },
    "nudge_answer": {
        "the two points first": "right, left = f(p + h), f(p - h)\nreturn (right - left) / (h + h)",
        "as a secant's slope": "p1, p2 = p - h, p + h\nreturn (f(p2) - f(p1)) / (p2 - p1)",
    },
    "gradient_answer": {
        "a loop over the examples": (
            "dm = dc = 0.0\nfor xi, yi in zip(x, y):\n    e = m * xi + c - yi\n    dm += 2 * e * xi\n"
            "    dc += 2 * e\nreturn dm / len(x), dc / len(x)"),
        "sums and n": "n = len(x)\ne = m * x + c - y\nreturn (2 / n) * np.sum(e * x), (2 / n) * np.sum(e)",
        "an array of the two slopes": "e = m * x + c - y\nreturn np.array([2 * np.mean(e * x), 2 * np.mean(e)])",
    },
    "step_answer": {
        "a list of the slopes": (
            "g = loss_gradient(m, c, x, y)\nreturn m - learning_rate * g[0], c - learning_rate * g[1]"),
        "an array of the parameters": (
            "theta = np.array([m, c]) - learning_rate * np.array(loss_gradient(m, c, x, y))\n"
            "return theta[0], theta[1]"),
    },
    "rate_answer": {
        "another rate that converges": "learning_rate = 0.3",
        "a numpy number": "learning_rate = np.float64(0.25)",
    },
    "collapse_answer": {
        "the expansion written out": "m = m2 * m1\nc = m2 * c1 + c2\nreturn m, c",
        "a line applied at x = 0 and x = 1": (
            "line = lambda x: m2 * (m1 * x + c1) + c2\nreturn line(1) - line(0), line(0)"),
    },
    "sigmoid_answer": {
        "one line": "return 4 * slope, -4 * slope * midpoint",
        "b from the midpoint's equation": "w = 4 * slope\nb = 0 - w * midpoint\nreturn w, b",
    },
    "accuracy_answer": {
        "a loop over the fruit": (
            "right = 0\nfor (size, colour), label in zip(X, y):\n"
            "    output = nnlib.sigmoid(w[0] * size + w[1] * colour + b)\n    right += int(output >= 0.5) == label\n"
            "return right / len(y)" + _NEXT + _RIGHT_HELD_OUT),
        "the score compared with 0": (
            "return np.mean((X @ w + b >= 0) == y)" + _NEXT + _RIGHT_HELD_OUT),
        "held_out_accuracy in one line": (
            _RIGHT_ACCURACY + _NEXT + "return accuracy(*train_neuron(X_train, y_train), X_test, y_test)"),
    },
}


def _table():
    """{grade_id: {name: (code, words)}}: the level module's typical mistakes, the runner's slips, the cheats."""
    found = {}
    for grade_id, mistakes in _level2.MISTAKES.items():
        found[grade_id] = {m.name: (m.code, m.words or m.says) for m in mistakes}
    for extra in (RUNNER, CHEATS):
        for grade_id, named in extra.items():
            found.setdefault(grade_id, {}).update(named)
    return found


MISTAKES = _table()
