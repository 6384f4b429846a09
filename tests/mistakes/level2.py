NOTEBOOK = "solutions/02_high_school.ipynb"

MISTAKES = {
    "mse_answer": {
        "errors not squared": ("return np.mean(m * x + c - y)", "without squaring"),
        "square of the mean": ("return np.mean(m * x + c - y) ** 2", "squared the mean"),
        "sum, no 1/N": ("return np.sum((m * x + c - y) ** 2)", "divide by N"),
        "root mean squared": ("return np.sqrt(np.mean((m * x + c - y) ** 2))", "square root"),
        "m and c swapped": ("return np.mean((c * x + m - y) ** 2)", "swapped m and c"),
        "absolute errors": ("return np.mean(np.abs(m * x + c - y))", "absolute"),
        "half the loss": ("return np.mean((m * x + c - y) ** 2) / 2", "half"),
        "c left out": ("return np.mean((m * x - y) ** 2)", "left out c"),
        "returns nothing": ("errors = m * x + c - y", "forget the `return`"),
        "squared errors not averaged": ("return (m * x + c - y) ** 2", "numbers, one per example"),
    },
    "nudge_answer": {
        "one-sided to the right": ("return (f(p + h) - f(p)) / h", "one-sided"),
        "one-sided to the left": ("return (f(p) - f(p - h)) / h", "one-sided"),
        "divides by h, not 2h": ("return (f(p + h) - f(p - h)) / h", "2 * h"),
        "no division": ("return f(p + h) - f(p - h)", "rise over run"),
        "sign flipped": ("return (f(p - h) - f(p + h)) / (2 * h)", "wrong sign"),
        "missing brackets": ("return f(p + h) - f(p - h) / (2 * h)", "brackets"),
        "/2*h": ("return (f(p + h) - f(p - h))/2*h", "`/ (2 * h)`"),
        "own tiny h": ("h = 1e-6\nreturn (f(p + h) - f(p - h)) / (2 * h)", "Use the h you are given"),
        "own h written in": ("return (f(p + 0.0001) - f(p - 0.0001)) / 0.0002", "Use the h you are given"),
    },
    "gradient_answer": {
        "slope in x, dy/dx": ("return m, 1.0", "dy/dx"),
        "factor 2 forgotten": ("e = m * x + c - y\nreturn np.mean(e * x), np.mean(e)", "factor 2"),
        "1/N forgotten": ("e = m * x + c - y\nreturn 2 * np.sum(e * x), 2 * np.sum(e)", "1/N"),
        "2 and 1/N forgotten": ("e = m * x + c - y\nreturn np.sum(e * x), np.sum(e)", "factor 2 and the 1/N"),
        "error as y - prediction": ("e = y - (m * x + c)\nreturn 2 * np.mean(e * x), 2 * np.mean(e)", "wrong sign"),
        "order swapped": ("e = m * x + c - y\nreturn 2 * np.mean(e), 2 * np.mean(e * x)", "wrong order"),
        "x missing in dL/dm": ("e = m * x + c - y\nreturn 2 * np.mean(e), 2 * np.mean(e)", "factor x"),
        "mean error times mean x": ("e = m * x + c - y\nreturn 2 * np.mean(e) * np.mean(x), 2 * np.mean(e)",
                                    "its own x"),
        "only dL/dm returned": ("e = m * x + c - y\nreturn 2 * np.mean(e * x)", "pair (dL/dm, dL/dc)"),
    },
    "step_answer": {
        "adds the gradient": ("dm, dc = loss_gradient(m, c, x, y)\nreturn m + learning_rate * dm, c + learning_rate * dc",
                              "uphill"),
        "no learning rate": ("dm, dc = loss_gradient(m, c, x, y)\nreturn m - dm, c - dc", "learning_rate"),
        "returns the change": ("dm, dc = loss_gradient(m, c, x, y)\nreturn -learning_rate * dm, -learning_rate * dc",
                               "new values"),
        "slopes swapped": ("dm, dc = loss_gradient(m, c, x, y)\nreturn m - learning_rate * dc, c - learning_rate * dm",
                           "swapped the slopes"),
        "returns (c, m)": ("dm, dc = loss_gradient(m, c, x, y)\nreturn c - learning_rate * dc, m - learning_rate * dm",
                           "(new c, new m)"),
        "steps along dy/dx": ("return m - learning_rate * m, c - learning_rate * 1.0", "slope of the line"),
        "stale update, m first": ("dm, dc = loss_gradient(m, c, x, y)\nm = m - learning_rate * dm\n"
                                  "dm, dc = loss_gradient(m, c, x, y)\nc = c - learning_rate * dc\nreturn m, c",
                                  "Compute both slopes first, at the old (m, c)"),
        "stale update, c first": ("dm, dc = loss_gradient(m, c, x, y)\nc = c - learning_rate * dc\n"
                                  "dm, dc = loss_gradient(m, c, x, y)\nm = m - learning_rate * dm\nreturn m, c",
                                  "Compute both slopes first, at the old (m, c)"),
        "wrong new c named": ("dm, dc = loss_gradient(m, c, x, y)\nreturn m - learning_rate * dm, c - learning_rate * dc * 2",
                              "the new c returned by gd_step"),
        "only new m returned": ("dm, dc = loss_gradient(m, c, x, y)\nreturn m - learning_rate * dm",
                                "pair (new m, new c)"),
    },
    "rate_answer": {
        "too large": ("learning_rate = 0.5", "diverged"),
        "slightly too large": ("learning_rate = 0.37", "diverged"),
        "zig-zags near the limit": ("learning_rate = 0.35", "zig-zag"),
        "too small": ("learning_rate = 0.01", "crawls"),
        "far too small": ("learning_rate = 0.0001", "crawls"),
        "negative": ("learning_rate = -0.1", "uphill"),
        "zero": ("learning_rate = 0", "never move"),
        "a string": ("learning_rate = '0.1'", "number"),
        "several rates": ("learning_rate = np.array([0.2, 0.1])", "one number, not several"),
    },
    "collapse_answer": {
        "adds the c's": ("return m2 * m1, c1 + c2", "including c1"),
        "adds the m's": ("return m1 + m2, m2 * c1 + c2", "multiply"),
        "adds everything": ("return m1 + m2, c1 + c2", "added"),
        "layers in the wrong order": ("return m1 * m2, m1 * c2 + c1", "wrong order"),
        "forgets c2": ("return m2 * m1, m2 * c1", "forgot c2"),
        "returns (c, m)": ("return m2 * c1 + c2, m2 * m1", "(c, m)"),
    },
    "sigmoid_answer": {
        "midpoint b/w": ("w = 4 * slope\nreturn w, w * midpoint", "-b / w"),
        "steepness w, not w/4": ("return slope, -slope * midpoint", "w / 4"),
        "both slips": ("return slope, slope * midpoint", "two slips"),
        "divides the slope by 4": ("w = slope / 4\nreturn w, -w * midpoint", "4 times"),
        "b = -midpoint": ("return 4 * slope, -midpoint", "b = -w * midpoint"),
        "never falls": ("w = 4 * abs(slope)\nreturn w, -w * midpoint", "negative w"),
        "returns (b, w)": ("w = 4 * slope\nreturn -w * midpoint, w", "(b, w)"),
    },
    "accuracy_answer": {
        "training accuracy reported": (
            "return np.mean((nnlib.sigmoid(w[0] * X[:, 0] + w[1] * X[:, 1] + b) >= 0.5) == y)\n# --- next region ---\nw, b = train_neuron(X_train, y_train)\nreturn accuracy(w, b, X_train, y_train)",
            "TRAINING fruit"),
        "count, not fraction": (
            "return np.sum((nnlib.sigmoid(w[0] * X[:, 0] + w[1] * X[:, 1] + b) >= 0.5) == y)\n# --- next region ---\nw, b = train_neuron(X_train, y_train)\nreturn accuracy(w, b, X_test, y_test)",
            "divided by the number"),
        "percentage": (
            "return 100 * np.mean((nnlib.sigmoid(w[0] * X[:, 0] + w[1] * X[:, 1] + b) >= 0.5) == y)\n# --- next region ---\nw, b = train_neuron(X_train, y_train)\nreturn accuracy(w, b, X_test, y_test)",
            "percentage"),
        "threshold the wrong way": (
            "return np.mean((nnlib.sigmoid(w[0] * X[:, 0] + w[1] * X[:, 1] + b) < 0.5) == y)\n# --- next region ---\nw, b = train_neuron(X_train, y_train)\nreturn accuracy(w, b, X_test, y_test)",
            "WRONG"),
        "outputs compared with labels": (
            "return np.mean(nnlib.sigmoid(w[0] * X[:, 0] + w[1] * X[:, 1] + b) == y)\n# --- next region ---\nw, b = train_neuron(X_train, y_train)\nreturn accuracy(w, b, X_test, y_test)",
            "turn each output into a label"),
        "score compared with 0.5": (
            "return np.mean((w[0] * X[:, 0] + w[1] * X[:, 1] + b > 0.5) == y)\n# --- next region ---\nw, b = train_neuron(X_train, y_train)\nreturn accuracy(w, b, X_test, y_test)",
            "sigmoid(score)"),
        "outer X_test inside the function": (
            "return np.mean((nnlib.sigmoid(w[0] * X_test[:, 0] + w[1] * X_test[:, 1] + b) >= 0.5) == y_test)\n# --- next region ---\nw, b = train_neuron(X_train, y_train)\nreturn accuracy(w, b, X_test, y_test)",
            "Use the X and y your function receives, not X_test"),
        "outer X_test, own y": (
            "return np.mean((nnlib.sigmoid(w[0] * X_test[:, 0] + w[1] * X_test[:, 1] + b) >= 0.5) == y)\n# --- next region ---\nw, b = train_neuron(X_train, y_train)\nreturn accuracy(w, b, X_test, y_test)",
            "not X_test"),
        "right or wrong per fruit, not averaged": (
            "return (nnlib.sigmoid(w[0] * X[:, 0] + w[1] * X[:, 1] + b) >= 0.5) == y\n# --- next region ---\nw, b = train_neuron(X_train, y_train)\nreturn accuracy(w, b, X_test, y_test)",
            "one per fruit; average them"),
        "right function, held_out_accuracy never written": (
            "return np.mean((nnlib.sigmoid(w[0] * X[:, 0] + w[1] * X[:, 1] + b) >= 0.5) == y)\n# --- next region ---\nraise NotImplementedError('Replace this line with your answer.')",
            "held_out_accuracy still raises NotImplementedError"),
        "the test accuracy typed in": (
            "return np.mean((nnlib.sigmoid(w[0] * X[:, 0] + w[1] * X[:, 1] + b) >= 0.5) == y)\n# --- next region ---\nreturn 0.9",
            "same number on every split"),
        "the test accuracy computed once, outside": (
            "return np.mean((nnlib.sigmoid(w[0] * X[:, 0] + w[1] * X[:, 1] + b) >= 0.5) == y)\n# --- next region ---\nreturn accuracy(w, b, X_test, y_test)",
            "reads"),
        "trained on all the fruit": (
            "return np.mean((nnlib.sigmoid(w[0] * X[:, 0] + w[1] * X[:, 1] + b) >= 0.5) == y)\n# --- next region ---\nw, b = train_neuron(np.vstack([X_train, X_test]), np.concatenate([y_train, y_test]))\nreturn accuracy(w, b, X_test, y_test)",
            "learned from all the fruit"),
    },
}

# Answers tried beyond the first list: the library's answer, nudging where a formula is asked, a loop that
# never ends, a neuron retrained on the test fruit.
MISTAKES["mse_answer"]["calls nnlib's line_loss"] = ("return nnlib.descent.line_loss(m, c, x, y)", "library's own version")
MISTAKES["mse_answer"]["a loop that never ends"] = ("total = 0\nwhile total >= 0:\n    total += 1\nreturn total",
                                                    "did not finish")
MISTAKES["gradient_answer"]["nudged with slope_by_nudging"] = (
    "return (slope_by_nudging(lambda q: mse(q, c, x, y), m, 1e-4),\n"
    "        slope_by_nudging(lambda q: mse(m, q, x, y), c, 1e-4))", "asks for the formula")
MISTAKES["gradient_answer"]["nudged inline"] = (
    "h = 1e-3\nL = lambda m, c: np.mean((m * x + c - y) ** 2)\n"
    "return (L(m + h, c) - L(m - h, c)) / (2 * h), (L(m, c + h) - L(m, c - h)) / (2 * h)", "not by nudging")
MISTAKES["gradient_answer"]["calls nnlib's line_gradient"] = (
    "return nnlib.descent.line_gradient(m, c, x, y)", "library's own version")
MISTAKES["rate_answer"]["not a number (NaN)"] = ("learning_rate = float('nan')", "NaN")
MISTAKES["accuracy_answer"]["neuron retrained on the test fruit"] = (
    "return np.mean((nnlib.sigmoid(w[0] * X[:, 0] + w[1] * X[:, 1] + b) >= 0.5) == y)\n# --- next region ---\nw, b = train_neuron(X_test, y_test)\nreturn accuracy(w, b, X_test, y_test)",
    "trained on the test fruit")

# Rejected before, but with "is X; expected Y" only (instructor's audit): now each is named.
MISTAKES["nudge_answer"]["central with steps of h/2"] = ("return (f(p + h / 2) - f(p - h / 2)) / h", "h / 2 to each side")
MISTAKES["mse_answer"]["variance of the errors"] = ("return np.var(m * x + c - y)", "variance of the errors")
MISTAKES["mse_answer"]["standard deviation of the errors"] = ("return np.std(m * x + c - y)", "standard deviation")
MISTAKES["gradient_answer"]["c left out of the error"] = (
    "e = m * x - y\nreturn 2 * np.mean(e * x), 2 * np.mean(e)", "error leaves out c")
MISTAKES["step_answer"]["dm for both"] = (
    "dm, dc = loss_gradient(m, c, x, y)\nreturn m - learning_rate * dm, c - learning_rate * dm", "moved c by dL/dm")
MISTAKES["step_answer"]["dc for both"] = (
    "dm, dc = loss_gradient(m, c, x, y)\nreturn m - learning_rate * dc, c - learning_rate * dc", "moved m by dL/dc")
MISTAKES["sigmoid_answer"]["b = -midpoint / w"] = ("w = 4 * slope\nreturn w, -midpoint / w", "divided by w")
MISTAKES["sigmoid_answer"]["b = midpoint / w"] = ("w = 4 * slope\nreturn w, midpoint / w", "lost the minus sign")
MISTAKES["sigmoid_answer"]["b = midpoint"] = ("return 4 * slope, midpoint", "midpoint itself")

# Slips the lesson warns about, rejected before with "is X; expected Y" only (issue 25): now each is named.
MISTAKES["step_answer"]["a plus sign on c only"] = (
    "dm, dc = loss_gradient(m, c, x, y)\nreturn m - learning_rate * dm, c + learning_rate * dc", "for c you ADDED")
MISTAKES["step_answer"]["a plus sign on m only"] = (
    "dm, dc = loss_gradient(m, c, x, y)\nreturn m + learning_rate * dm, c - learning_rate * dc", "for m you ADDED")
MISTAKES["gradient_answer"]["factor 2 missing from dL/dm only"] = (
    "e = m * x + c - y\nreturn np.mean(e * x), 2 * np.mean(e)", "missing from dL/dm")
MISTAKES["gradient_answer"]["factor 2 missing from dL/dc only"] = (
    "e = m * x + c - y\nreturn 2 * np.mean(e * x), np.mean(e)", "missing from dL/dc")
MISTAKES["gradient_answer"]["dL/dm = 2 mean(e m), the slope in x"] = (
    "e = m * x + c - y\nreturn 2 * np.mean(e * m), 2 * np.mean(e)", "multiplies each error by m")
MISTAKES["gradient_answer"]["sign flipped on dL/dc only"] = (
    "e = m * x + c - y\nreturn 2 * np.mean(e * x), -2 * np.mean(e)", "dL/dc has the wrong sign")
MISTAKES["gradient_answer"]["divides by 12 written in"] = (
    "e = m * x + c - y\nreturn 2 * np.sum(e * x) / 12, 2 * np.sum(e) / 12", "divided by 12")
MISTAKES["gradient_answer"]["divides by n - 1"] = (
    "e = m * x + c - y\nn = len(x)\nreturn 2 * np.sum(e * x) / (n - 1), 2 * np.sum(e) / (n - 1)", "n - 1")
MISTAKES["mse_answer"]["divides by 12 written in"] = ("return np.sum((m * x + c - y) ** 2) / 12", "divided by 12")
MISTAKES["mse_answer"]["divides by n - 1"] = ("return np.sum((m * x + c - y) ** 2) / (len(x) - 1)", "n - 1")
MISTAKES["nudge_answer"]["five-point nudge with the given h"] = (
    "return (-f(p + 2 * h) + 8 * f(p + h) - 8 * f(p - h) + f(p - 2 * h)) / (12 * h)", "five-point formula")
