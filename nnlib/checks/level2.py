"""Checks for the level 2 (high school) exercises: loss, nudged slopes, gradient descent, sigmoid.

Each ``check_*`` function takes the learner's answer, compares it with the
reference answer on seeded, non-trivial inputs, and either prints one success
line or raises ``CheckFailed`` with a message naming the likely mistake.
The reference answers live here (``_mse``, ``_gradient`` ...) so that the
notebook's own cells can never change what counts as right.
"""

import numbers

import numpy as np

from ..activations import sigmoid
from .core import CheckFailed, call, check_function, compare, describe, diagnose, passed, require

#: The goal of the learning-rate exercise: loss below TARGET_LOSS within STEP_BUDGET steps.
TARGET_LOSS = 0.05
STEP_BUDGET = 50


def example_data():
    """The twelve labelled examples of the line exercises: x (12,), y (12,), one decimal each.

    y is about 1.5 x + 2 plus a little noise, so no line fits every point.
    """
    rng = np.random.default_rng(2)
    x = np.round(rng.uniform(0, 3, 12), 1)
    y = np.round(1.5 * x + 2 + rng.normal(0, 0.4, 12), 1)
    return x, y


def _cases():
    """(m, c, x, y) tuples: the exercise's data and two other seeded data sets."""
    x, y = example_data()
    rng = np.random.default_rng(20)
    x2 = np.round(rng.uniform(-2, 4, 7), 2)
    y2 = np.round(-0.8 * x2 + 3 + rng.normal(0, 0.5, 7), 2)
    return [(0.7, 1.3, x, y), (-1.2, 2.5, x2, y2), (2.0, -0.5, x[:5], y[:5])]


# --- reference answers -------------------------------------------------------

def _mse(m, c, x, y):
    return np.mean((m * x + c - y) ** 2)


def _gradient(m, c, x, y):
    error = m * x + c - y
    return 2 * np.mean(error * x), 2 * np.mean(error)


def _gd_step(m, c, x, y, learning_rate):
    dm, dc = _gradient(m, c, x, y)
    return m - learning_rate * dm, c - learning_rate * dc


class _Function:
    """A test function whose name reads well in feedback messages (a lambda would print as an address)."""

    def __init__(self, fn, text, exact=None):
        self.fn, self.text, self.exact = fn, text, exact

    def __call__(self, p):
        return self.fn(p)

    def __repr__(self):
        return self.text


def _central(f, p, h):
    return (f(p + h) - f(p - h)) / (2 * h)


def best_line(x, y):
    """The m and c of the smallest possible mean squared error (least squares), and that loss."""
    A = np.column_stack([x, np.ones_like(x)])
    (m, c), *_ = np.linalg.lstsq(A, y, rcond=None)
    return float(m), float(c), float(_mse(m, c, x, y))


def descend(learning_rate, steps=STEP_BUDGET, m=0.0, c=0.0, x=None, y=None):
    """Run ``steps`` gradient-descent steps from (m, c): the losses before each step and after the last.

    Returns an array of steps + 1 losses (inf once a value overflows).
    """
    if x is None:
        x, y = example_data()
    losses = [_mse(m, c, x, y)]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            m, c = _gd_step(m, c, x, y, learning_rate)
            loss = _mse(m, c, x, y)
            losses.append(loss if np.isfinite(loss) else np.inf)
    return np.array(losses)


# --- the checks ---------------------------------------------------------------

def _must_return(fn, name, pair=False, one_per=None):
    """``fn`` wrapped so that a forgotten ``return`` (a None result) gets its own message.

    With ``pair=True`` an array of two numbers is accepted as the pair it holds.
    With ``one_per="example"``, a result of many numbers (one per example, not
    yet averaged) gets its own message.
    """
    if not callable(fn):
        return fn  # core.call explains that it should be a function

    def wrapped(*args):
        out = fn(*args)
        if out is None:
            raise CheckFailed(f"{name} returned None: did you forget the `return` line at its end?")
        if pair and isinstance(out, np.ndarray) and out.shape == (2,):
            return tuple(out)
        if one_per and isinstance(out, (np.ndarray, list)) and np.size(out) > 1:
            raise CheckFailed(
                f"{name} returned {np.size(out)} numbers, one per {one_per}; average them into one "
                "number (np.mean does it)."
            )
        return out

    wrapped.__name__ = name
    return wrapped


def _check_pairs(fn, reference, cases, name, items, diagnoses=()):
    """Like ``core.check_function`` for a function that returns a pair, naming the two items
    (for example "new m" and "new c") in the feedback instead of [0] and [1]."""
    __tracebackhide__ = True
    for args in cases:
        args = tuple(args)
        copies = tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args)
        got = call(fn, copies, name)
        want = reference(*args)
        shown = ", ".join(describe(a) for a in args)
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            raise CheckFailed(
                f"{name}({shown}) returned {describe(got)}; expected a pair ({items[0]}, {items[1]}): "
                f"return both, separated by a comma."
            )
        hint = diagnose(got, args, diagnoses, 1e-6, 1e-9)
        for item, g, w in zip(items, got, want):
            compare(f"the {item} returned by {name}({shown})", g, w,
                    diagnoses=[(g, hint)] if hint else ())
        for a, c in zip(args, copies):
            if isinstance(a, np.ndarray) and not np.array_equal(a, c, equal_nan=True):
                raise CheckFailed(
                    f"{name} changed its input array in place; work on a copy instead "
                    "(for example x = x.copy(), or build a new array)."
                )


def check_mse(mse):
    """Exercise 1: mse(m, c, x, y) = mean of (m x + c - y)^2."""
    __tracebackhide__ = True
    check_function(_must_return(mse, "mse", one_per="example"), _mse, _cases(), name="mse", diagnoses=[
        (lambda m, c, x, y: np.mean(m * x + c - y),
         "You averaged the errors without squaring them: square each error first, "
         "otherwise errors above and below the line cancel out."),
        (lambda m, c, x, y: np.mean(m * x + c - y) ** 2,
         "You squared the mean error, (mean of errors)^2. Square each error first, then take the "
         "mean: np.mean(errors ** 2). Mind the brackets."),
        (lambda m, c, x, y: np.sum((m * x + c - y) ** 2),
         "You summed the squared errors but forgot to divide by n, the number of examples: "
         "the mean is the sum divided by n (np.mean does both)."),
        (lambda m, c, x, y: np.sqrt(np.mean((m * x + c - y) ** 2)),
         "You took the square root (that is the root mean squared error, RMS error). "
         "The mean squared error stops before the square root."),
        (lambda m, c, x, y: np.mean((c * x + m - y) ** 2),
         "You swapped m and c: m multiplies x (the slope), c is added (where the line crosses x = 0)."),
        (lambda m, c, x, y: np.mean(np.abs(m * x + c - y)),
         "You averaged the absolute errors (the mean absolute error). Square each error instead."),
        (lambda m, c, x, y: np.mean((m * x + c - y) ** 2) / 2,
         "Your answer is half the mean squared error: drop the factor 1/2."),
        (lambda m, c, x, y: np.mean((m * x - y) ** 2),
         "You left out c: the line's prediction is m * x + c."),
    ])
    passed("mse measures how wrong a line is: the mean of the squared errors.")


def check_slope_by_nudging(slope_by_nudging):
    """Exercise 2: the central difference (f(p + h) - f(p - h)) / (2 h)."""
    __tracebackhide__ = True
    x, y = example_data()
    cases = [
        (_Function(lambda p: p ** 3, "f(p) = p ** 3", lambda p: 3 * p ** 2), 2.0, 0.01),
        (_Function(np.sin, "f(p) = sin(p)", np.cos), 1.0, 0.1),
        (_Function(lambda p: _mse(p, 1.0, x, y), "f(p) = mse(p, 1.0, x, y)",
                   lambda p: _gradient(p, 1.0, x, y)[0]), 0.5, 0.001),
    ]
    check_function(_must_return(slope_by_nudging, "slope_by_nudging"), _central, cases, name="slope_by_nudging", diagnoses=[
        (lambda f, p, h: (f(p + h) - f(p)) / h,
         "You nudged only to the right, (f(p + h) - f(p)) / h, a one-sided nudge. The exercise asks "
         "for the central difference: nudge both ways, (f(p + h) - f(p - h)) / (2 h)."),
        (lambda f, p, h: (f(p) - f(p - h)) / h,
         "You nudged only to the left, (f(p) - f(p - h)) / h, a one-sided nudge. Nudge both ways: "
         "(f(p + h) - f(p - h)) / (2 h)."),
        (lambda f, p, h: (f(p + h) - f(p - h)) / h,
         "You divided by h, but p + h and p - h are 2 h apart: divide by 2 * h."),
        (lambda f, p, h: f(p + h) - f(p - h),
         "You found how much f changes but did not divide by how far p moved (2 h): "
         "a slope is rise over run."),
        (lambda f, p, h: (f(p - h) - f(p + h)) / (2 * h),
         "Your slope has the wrong sign: subtract f(p - h) from f(p + h), not the other way round."),
        (lambda f, p, h: f(p + h) - f(p - h) / (2 * h),
         "Mind the brackets: write (f(p + h) - f(p - h)) / (2 * h), so that the whole difference is divided."),
        (lambda f, p, h: (f(p + h) - f(p - h)) / 2 * h,
         "`/2*h` divides by 2 and then multiplies by h: write `/ (2 * h)`."),
        (lambda f, p, h: f.exact(p),
         "Your answer is the slope for a much tinier nudge than the h given. Use the h you are "
         "given; the check compares nudges of that size."),
    ])
    passed("slope_by_nudging finds a slope from two nudges, one each side.")


def check_loss_gradient(loss_gradient):
    """Exercise 3: (dL/dm, dL/dc) = ((2/n) sum (m x + c - y) x, (2/n) sum (m x + c - y))."""
    __tracebackhide__ = True

    def e(m, c, x, y):
        return m * x + c - y

    _check_pairs(_must_return(loss_gradient, "loss_gradient", pair=True), _gradient, _cases(), "loss_gradient",
                 ("dL/dm", "dL/dc"), diagnoses=[
        (lambda m, c, x, y: (m, 1.0),
         "You returned the slope of the line in x (dy/dx = m, and 1 for c). Learning needs the "
         "slope of the LOSS with respect to m and to c: how the error changes when m or c moves."),
        (lambda m, c, x, y: (np.mean(e(m, c, x, y) * x), np.mean(e(m, c, x, y))),
         "Your slopes are half the right size: you forgot the factor 2 that comes from the square "
         "(the slope of error^2 is 2 * error times the slope of the error)."),
        (lambda m, c, x, y: (2 * np.sum(e(m, c, x, y) * x), 2 * np.sum(e(m, c, x, y))),
         "You summed over the examples but forgot the 1/n: the loss is a mean, so its slope is a "
         "mean too (use np.mean, or divide the sum by n)."),
        (lambda m, c, x, y: (np.sum(e(m, c, x, y) * x), np.sum(e(m, c, x, y))),
         "You forgot both the factor 2 and the 1/n: the slope is (2/n) times the sum."),
        (lambda m, c, x, y: (-2 * np.mean(e(m, c, x, y) * x), -2 * np.mean(e(m, c, x, y))),
         "Your slopes have the wrong sign: the error is prediction minus answer, m * x + c - y. "
         "With y - (m * x + c) you must flip the sign."),
        (lambda m, c, x, y: _gradient(m, c, x, y)[::-1],
         "You returned the two slopes in the wrong order (or swapped m and c): return (dL/dm, dL/dc)."),
        (lambda m, c, x, y: (2 * np.mean(e(m, c, x, y)), 2 * np.mean(e(m, c, x, y))),
         "dL/dm is missing the factor x: moving m changes each prediction by x times as much, "
         "so each error is multiplied by its x."),
        (lambda m, c, x, y: (2 * np.mean(e(m, c, x, y)) * np.mean(x), 2 * np.mean(e(m, c, x, y))),
         "For dL/dm multiply each error by its own x before taking the mean, "
         "not the mean error by the mean x."),
    ])
    passed("loss_gradient gives the slope of the loss in m and in c.")


def _stale_step(m, c, x, y, rate, m_first):
    """The slip of updating one parameter before taking the other's slope."""
    if m_first:
        m = m - rate * _gradient(m, c, x, y)[0]
        return m, c - rate * _gradient(m, c, x, y)[1]
    c = c - rate * _gradient(m, c, x, y)[1]
    return m - rate * _gradient(m, c, x, y)[0], c


def check_gd_step(gd_step):
    """Exercise 4: m - rate dL/dm, c - rate dL/dc."""
    __tracebackhide__ = True
    cases = [case + (rate,) for case, rate in zip(_cases(), (0.1, 0.05, 0.2))]
    g = _gradient
    _check_pairs(_must_return(gd_step, "gd_step", pair=True), _gd_step, cases, "gd_step",
                 ("new m", "new c"), diagnoses=[
        (lambda m, c, x, y, r: (m + r * g(m, c, x, y)[0], c + r * g(m, c, x, y)[1]),
         "You ADDED the learning rate times the slope: that walks uphill and makes the loss bigger. "
         "Subtract it: m - learning_rate * dL/dm."),
        (lambda m, c, x, y, r: (m - g(m, c, x, y)[0], c - g(m, c, x, y)[1]),
         "You subtracted the whole slope: multiply it by learning_rate first, so each step is small."),
        (lambda m, c, x, y, r: (-r * g(m, c, x, y)[0], -r * g(m, c, x, y)[1]),
         "You returned the change of m and c, not their new values: add the change to m and to c."),
        (lambda m, c, x, y, r: (m - r * g(m, c, x, y)[1], c - r * g(m, c, x, y)[0]),
         "You swapped the slopes: m moves by its own slope dL/dm, c by dL/dc."),
        (lambda m, c, x, y, r: _gd_step(m, c, x, y, r)[::-1],
         "You returned (new c, new m): return (new m, new c)."),
        (lambda m, c, x, y, r: (m - r * m, c - r * 1.0),
         "You stepped along the slope of the line in x (m, and 1 for c). Use the slope of the "
         "loss, loss_gradient(m, c, x, y)."),
        (lambda m, c, x, y, r: _stale_step(m, c, x, y, r, m_first=True),
         "You updated m first and then computed c's slope with the new m. Compute both slopes "
         "first, at the old (m, c), then update both."),
        (lambda m, c, x, y, r: _stale_step(m, c, x, y, r, m_first=False),
         "You updated c first and then computed m's slope with the new c. Compute both slopes "
         "first, at the old (m, c), then update both."),
    ])
    passed("gd_step takes one step downhill: each parameter minus learning_rate times its slope.")


def check_learning_rate(learning_rate):
    """Exercise 5: a rate whose descent from (0, 0) reaches TARGET_LOSS within STEP_BUDGET steps."""
    __tracebackhide__ = True
    require("learning_rate", learning_rate, "a positive number, your learning rate")
    if isinstance(learning_rate, np.ndarray) and learning_rate.ndim == 0 and learning_rate.dtype.kind in "iuf":
        learning_rate = learning_rate.item()  # np.array(0.2) is one number too
    if isinstance(learning_rate, (np.ndarray, list, tuple)):
        raise CheckFailed(f"learning_rate should be one number, not several; got {learning_rate!r}. "
                          "Try rates in the cell above, then keep the one that works.")
    if isinstance(learning_rate, bool) or not isinstance(learning_rate, numbers.Real):
        raise CheckFailed(f"learning_rate should be a number (written without quotes); got {learning_rate!r}.")
    rate = float(learning_rate)
    if not np.isfinite(rate) or rate <= 0:
        raise CheckFailed(
            f"learning_rate = {rate:g}: it must be a positive number. With zero the parameters "
            "never move; with a negative rate each step goes uphill."
        )
    x, y = example_data()
    losses = descend(rate)
    steps = STEP_BUDGET
    reached = np.flatnonzero(losses < TARGET_LOSS)
    if reached.size:
        k = int(reached[0])
        passed(f"learning_rate = {rate:g} converged: the loss fell from {losses[0]:.4g} to "
               f"{losses[k]:.4g} (below {TARGET_LOSS}) after {k} steps.")
        return
    # the steepest direction of the loss bowl: steps beyond 1/curvature jump past the bottom
    curvature = np.linalg.eigvalsh(2 * np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]]))[-1]
    if not np.isfinite(losses[-1]) or losses[-1] > losses[0]:
        final = "overflowed to infinity" if not np.isfinite(losses[-1]) else f"is {losses[-1]:.4g}"
        raise CheckFailed(
            f"learning_rate = {rate:g} diverged: each step jumps past the bottom of the valley to a "
            f"higher point on the other side; after {steps} steps the loss {final} (it started at "
            f"{losses[0]:.4g}). Try a smaller learning rate."
        )
    if rate > 1 / curvature:
        raise CheckFailed(
            f"learning_rate = {rate:g} zig-zags: the steps jump back and forth across the valley, so "
            f"after {steps} steps the loss is still {losses[-1]:.4g}, above the target {TARGET_LOSS}. "
            "It is close to too large: try a somewhat smaller learning rate."
        )
    raise CheckFailed(
        f"learning_rate = {rate:g} crawls: the loss went down from {losses[0]:.4g} but is still "
        f"{losses[-1]:.4g} after {steps} steps, above the target {TARGET_LOSS}. The steps are too "
        "small: try a larger learning rate."
    )


def _collapse(m1, c1, m2, c2):
    return m2 * m1, m2 * c1 + c2


def check_collapse(collapse):
    """Exercise 6: m2 (m1 x + c1) + c2 = (m2 m1) x + (m2 c1 + c2)."""
    __tracebackhide__ = True
    cases = [(2.0, 1.0, 3.0, -4.0), (-0.5, 2.5, 1.5, 0.75), (4.0, -3.0, -2.0, 1.0)]
    _check_pairs(_must_return(collapse, "collapse", pair=True), _collapse, cases, "collapse",
                 ("m", "c"), diagnoses=[
        (lambda m1, c1, m2, c2: (m2 * m1, c1 + c2),
         "Your c is c1 + c2, but layer 2 multiplies everything layer 1 gives it by m2, "
         "including c1: write out m2 * (m1 * x + c1) + c2 and collect the terms."),
        (lambda m1, c1, m2, c2: (m1 + m2, m2 * c1 + c2),
         "Your m is m1 + m2, but the slopes multiply: layer 1 stretches x by m1, then layer 2 stretches "
         "that by m2."),
        (lambda m1, c1, m2, c2: (m1 + m2, c1 + c2),
         "You added the two lines' numbers. Feed layer 1's output into layer 2: "
         "m2 * (m1 * x + c1) + c2, then collect the terms with x and the terms without."),
        (lambda m1, c1, m2, c2: (m1 * m2, m1 * c2 + c1),
         "You applied the layers in the wrong order (layer 2 first): layer 1 sees x, layer 2 sees "
         "layer 1's output."),
        (lambda m1, c1, m2, c2: (m2 * m1, m2 * c1),
         "You forgot c2, which layer 2 adds at the end."),
        (lambda m1, c1, m2, c2: (m2 * c1 + c2, m2 * m1),
         "You returned (c, m): return (m, c)."),
    ])
    passed("Two linear layers are just one line: stacking them adds nothing a single line can't do.")


def _sigmoid_params(midpoint, slope):
    w = 4 * slope
    return w, -w * midpoint


def check_sigmoid_params(sigmoid_params):
    """Exercise 7: w = 4 slope and b = -w midpoint, for g(w x + b)."""
    __tracebackhide__ = True
    cases = [(3.0, 2.0), (-1.0, -0.5), (2.5, 0.25), (-4.0, 1.5)]
    _check_pairs(_must_return(sigmoid_params, "sigmoid_params", pair=True), _sigmoid_params, cases,
                 "sigmoid_params", ("w", "b"), diagnoses=[
        (lambda mid, s: (4 * s, 4 * s * mid),
         "Your b has the wrong sign, so the curve's midpoint is at b / w instead of the asked one. "
         "The midpoint is where w x + b = 0, that is x = -b / w, so b = -w * midpoint."),
        (lambda mid, s: (s, -s * mid),
         "You used w = slope, as if the slope at the midpoint were w. It is w / 4 (the sigmoid's own "
         "slope at 0 is 1/4, and w stretches it), so w = 4 * slope."),
        (lambda mid, s: (s, s * mid),
         "Two slips: the slope at the midpoint is w / 4 (so w = 4 * slope), and the midpoint "
         "x = -b / w needs b = -w * midpoint."),
        (lambda mid, s: (s / 4, -s / 4 * mid),
         "You divided the slope by 4, but the slope at the midpoint is w / 4, so w is 4 times the slope."),
        (lambda mid, s: (4 * s, -mid),
         "Your b is minus the midpoint, but the midpoint is x = -b / w, so b = -w * midpoint "
         "(b = -midpoint works only when w = 1)."),
        (lambda mid, s: (4 * abs(s), -4 * abs(s) * mid),
         "Your curve always rises. A negative slope asks for a falling curve, which needs a negative w."),
        (lambda mid, s: _sigmoid_params(mid, s)[::-1],
         "You returned (b, w): return (w, b)."),
    ])
    passed("sigmoid_params puts the midpoint at x = -b / w with slope w / 4 there.")


def _accuracy(w, b, X, y):
    score = w[0] * X[:, 0] + w[1] * X[:, 1] + b
    return np.mean((sigmoid(score) >= 0.5) == y)


def check_accuracy(accuracy, test_accuracy, w, b, X_train, X_test, y_train, y_test):
    """Exercise 8: accuracy(w, b, X, y) as a fraction, and the test set's accuracy."""
    __tracebackhide__ = True
    # names a function reads from outside itself (globals) are listed in its code's co_names
    outer = [n for n in ("X_test", "y_test", "X_train", "y_train")
             if n in getattr(getattr(accuracy, "__code__", None), "co_names", ())]
    try:
        _check_accuracy_function(accuracy, w, b, X_train, X_test, y_train, y_test)
    except CheckFailed as exc:
        if not outer:
            raise
        raise CheckFailed(f"{exc} Use the X and y your function receives, not {' or '.join(outer)}: "
                          "the check calls it on other fruit too.") from None
    require("test_accuracy", test_accuracy, "accuracy(w, b, X_test, y_test)")
    train_acc = _accuracy(np.asarray(w, float), float(b), X_train, y_train)
    compare("test_accuracy", test_accuracy, _accuracy(np.asarray(w, float), float(b), X_test, y_test),
            diagnoses=[(train_acc,
                        "That is the accuracy on the TRAINING fruit, the ones the neuron learned from. "
                        "Measure it on the test fruit (X_test, y_test), which it has never seen.")])
    passed(f"The neuron sorts {test_accuracy:.0%} of fruit it has never seen "
           f"(and {train_acc:.0%} of the fruit it learned from).")


def _check_accuracy_function(accuracy, w, b, X_train, X_test, y_train, y_test):
    """The function part of exercise 8: accuracy(w, b, X, y) on four sets of fruit."""
    __tracebackhide__ = True
    rng = np.random.default_rng(8)
    cases = [(np.asarray(w, float), float(b), X_test, y_test),
             (np.asarray(w, float), float(b), X_train, y_train),
             (np.array([0.6, 1.1]), -10.0, X_test, y_test),
             (np.array([-0.4, 1.5]), -5.0, rng.normal((8, 5), (1, 2.5), (9, 2)), np.arange(9) % 2)]
    check_function(_must_return(accuracy, "accuracy", one_per="fruit"), _accuracy, cases, name="accuracy", diagnoses=[
        (lambda w, b, X, y: np.sum((sigmoid(w[0] * X[:, 0] + w[1] * X[:, 1] + b) >= 0.5) == y),
         "You returned how many fruit were sorted right; accuracy is that count divided by the "
         "number of fruit, a fraction between 0 and 1."),
        (lambda w, b, X, y: 100 * _accuracy(w, b, X, y),
         "You returned a percentage; give the fraction between 0 and 1 (0.9, not 90)."),
        (lambda w, b, X, y: 1 - _accuracy(w, b, X, y),
         "You returned the fraction sorted WRONG: the neuron says orange (label 1) when its output "
         "is at least 0.5. Check the direction of your comparison."),
        (lambda w, b, X, y: np.mean(sigmoid(w[0] * X[:, 0] + w[1] * X[:, 1] + b) == y),
         "You compared the neuron's outputs (numbers between 0 and 1) with the labels directly: "
         "first turn each output into a label, 1 if it is at least 0.5, else 0."),
        (lambda w, b, X, y: np.mean((w[0] * X[:, 0] + w[1] * X[:, 1] + b >= 0.5) == y),
         "You compared the score w[0] * size + w[1] * colour + b with 0.5: the neuron's output is "
         "sigmoid(score); compare that with 0.5 (or, the same thing, the score with 0)."),
    ])
