"""Checks for the level 2 (high school) exercises: loss, nudged slopes, gradient descent, sigmoid.

A table of cases and typical mistakes per exercise over the runner of
``nnlib.checks.core``. The reference answers come from nnlib
(``nnlib.descent.line_loss``, ``line_gradient``, ``best_line``, ``descend``),
never from the notebook, so the notebook's own cells cannot change what
counts as right. Every check that grades a function accepts ``seed=`` (an
instructor's hidden tests draw cases the student never saw, and a wrong
hidden case is named without its expected value).

Each typical mistake is declared once, as a ``core.Mistake`` in the table of its
exercise (``_MSE_MISTAKES`` ...): the learner's code that makes it (what stands
between ``### BEGIN SOLUTION`` and ``### END SOLUTION``) and the sentence that
names it. The check runs that code on each case beside the reference and names
the mistake when the learner's result matches; ``rule=True`` marks the mistakes
the check recognises by a rule of its own. ``MISTAKES`` maps each answer cell's
grade_id to its table, and the course's tests (tests/mistakes/level2.py) read it.
"""

import dataclasses

import numpy as np

import nnlib

from .. import descent
from ..activations import sigmoid
from ..data import fruit, train_test_split
from .core import CheckFailed, Mistake, call, check_function, describe, number, passed, says

#: The goal of the learning-rate exercise: loss below TARGET_LOSS within STEP_BUDGET steps.
TARGET_LOSS = 0.05
STEP_BUDGET = 50

#: The lines of nnlib that are the answers of exercises 1, 3 and 4: an answer may not call them.
best_line = descent.best_line


def example_data():
    """The twelve labelled examples of the line exercises: x (12,), y (12,), one decimal each.

    y is about 1.5 x + 2 plus a little noise, so no line fits every point.
    """
    rng = np.random.default_rng(2)
    x = np.round(rng.uniform(0, 3, 12), 1)
    y = np.round(1.5 * x + 2 + rng.normal(0, 0.4, 12), 1)
    return x, y


def _cases(seed=None):
    """(m, c, x, y) tuples: the exercise's data and two other seeded data sets (or, with a seed,
    three data sets drawn from it)."""
    if seed is not None:
        rng = np.random.default_rng([2, seed])
        out = []
        for n in (9, 6, 13):
            x = np.round(rng.uniform(-3, 4, n), 2)
            y = np.round(rng.normal(0.5, 2.0) * x + rng.normal(0, 2) + rng.normal(0, 0.5, n), 2)
            out.append((round(float(rng.normal(0, 1.5)), 2), round(float(rng.normal(0, 1.5)), 2), x, y))
        return out
    x, y = example_data()
    rng = np.random.default_rng(20)
    x2 = np.round(rng.uniform(-2, 4, 7), 2)
    y2 = np.round(-0.8 * x2 + 3 + rng.normal(0, 0.5, 7), 2)
    return [(0.7, 1.3, x, y), (-1.2, 2.5, x2, y2), (2.0, -0.5, x[:5], y[:5])]


# --- reference answers: nnlib's ------------------------------------------------

_mse = descent.line_loss
_gradient = descent.line_gradient


def _gd_step(m, c, x, y, learning_rate):
    dm, dc = _gradient(m, c, x, y)
    return m - learning_rate * dm, c - learning_rate * dc


class _Function:
    """A test function whose name reads well in feedback messages (a lambda would print as an address)."""

    def __init__(self, fn, text):
        self.fn, self.text = fn, text
        self.calls = 0

    def __call__(self, p):
        self.calls += 1
        return self.fn(p)

    def __repr__(self):
        return self.text


def _central(f, p, h):
    return (f(p + h) - f(p - h)) / (2 * h)


def descend(learning_rate, steps=STEP_BUDGET):
    """The losses of ``steps`` gradient-descent steps from (0, 0) on the example data (nnlib.descent.descend)."""
    x, y = example_data()
    losses = descent.descend(x, y, learning_rate, steps=steps).losses
    return np.where(np.isfinite(losses), losses, np.inf)


def _one_number(table, mistake, **fields):
    """A ``post`` for the runner: a result of many numbers (one per example, not averaged) is named by the
    table's ``mistake``, whose sentence is formatted with ``fields`` and the count ``n``."""
    def post(out):
        if isinstance(out, (np.ndarray, list)) and np.size(out) > 1:
            raise CheckFailed(says(table, mistake).format(n=np.size(out), **fields))
        return out
    return post


#: Dividing by the notebook's n written in as a number, or by n - 1: right (or nearly) on the notebook's data only.
_TWELVE = ("You divided by 12, the number of examples in the notebook's data, written in as a number. The check "
           "calls {name} on other data too, with another number of examples (look at the shape of x above): "
           "divide by len(x), or let np.mean count them.")
_N_MINUS_1 = ("You divided by n - 1, as a sample variance does. The loss is the plain mean over the n examples: "
              "divide by n = len(x), or use np.mean.")


# --- exercise 1: the mean squared error ----------------------------------------

_MSE_MISTAKES = [
    Mistake("errors not squared", "return np.mean(m * x + c - y)",
            "You averaged the errors without squaring them: square each error first, "
            "otherwise errors above and below the line cancel out."),
    Mistake("square of the mean", "return np.mean(m * x + c - y) ** 2",
            "You squared the mean error, (mean of errors)^2. Square each error first, then take the "
            "mean: np.mean(errors ** 2). Mind the brackets.", words="squared the mean"),
    Mistake("sum, no 1/N", "return np.sum((m * x + c - y) ** 2)",
            "You summed the squared errors but forgot to divide by n, the number of examples: "
            "the mean is the sum divided by n (np.mean does both)."),
    Mistake("root mean squared", "return np.sqrt(np.mean((m * x + c - y) ** 2))",
            "You took the square root (that is the root mean squared error, RMS error). "
            "The mean squared error stops before the square root.", words="square root"),
    Mistake("m and c swapped", "return np.mean((c * x + m - y) ** 2)",
            "You swapped m and c: m multiplies x (the slope), c is added (where the line crosses x = 0)."),
    Mistake("absolute errors", "return np.mean(np.abs(m * x + c - y))",
            "You averaged the absolute errors (the mean absolute error). Square each error instead.", words="absolute"),
    Mistake("half the loss", "return np.mean((m * x + c - y) ** 2) / 2",
            "Your answer is half the mean squared error: drop the factor 1/2."),
    Mistake("c left out", "return np.mean((m * x - y) ** 2)",
            "You left out c: the line's prediction is m * x + c."),
    Mistake("divides by 12 written in", "return np.sum((m * x + c - y) ** 2) / 12", _TWELVE.format(name="mse"),
            words="divided by 12"),
    Mistake("divides by n - 1", "return np.sum((m * x + c - y) ** 2) / (len(x) - 1)", _N_MINUS_1, words="n - 1"),
    Mistake("variance of the errors", "return np.var(m * x + c - y)",
            "You took the variance of the errors (np.var), which first subtracts the mean error from every "
            "error: it measures how spread out the errors are, not how big they are (a line 5 too high "
            "everywhere has the same variance as a perfect one). Square the errors themselves: "
            "np.mean(errors ** 2).", words="variance of the errors"),
    Mistake("standard deviation of the errors", "return np.std(m * x + c - y)",
            "You took the standard deviation of the errors (np.std): it subtracts the mean error first and "
            "takes a square root. Square the errors themselves and average them: np.mean(errors ** 2).",
            words="standard deviation"),
    Mistake("squared errors not averaged", "return (m * x + c - y) ** 2",
            "{name} returned {n} numbers, one per example; average them into one number (np.mean does it).",
            words="numbers, one per example", rule=True),
]


def check_mse(mse, seed=None):
    """Exercise 1: mse(m, c, x, y) = mean of (m x + c - y)^2."""
    __tracebackhide__ = True
    check_function(mse, _mse, _cases(seed), name="mse",
                   post=_one_number(_MSE_MISTAKES, "squared errors not averaged", name="mse"),
                   forbidden=(descent.line_loss,), mistakes=_MSE_MISTAKES, params="m, c, x, y",
                   hidden=seed is not None)
    passed("mse measures how wrong a line is: the mean of the squared errors.")


# --- exercise 2: a slope by nudging ----------------------------------------------

_GIVEN_H = ("Your answer is the slope for a much tinier nudge than the h given. Use the h you are given; "
            "the check compares nudges of that size.")

_NUDGE_MISTAKES = [
    Mistake("one-sided to the right", "return (f(p + h) - f(p)) / h",
            "You nudged only to the right, (f(p + h) - f(p)) / h, a one-sided nudge. The exercise asks "
            "for the central difference: nudge both ways, (f(p + h) - f(p - h)) / (2 h).", words="one-sided"),
    Mistake("one-sided to the left", "return (f(p) - f(p - h)) / h",
            "You nudged only to the left, (f(p) - f(p - h)) / h, a one-sided nudge. Nudge both ways: "
            "(f(p + h) - f(p - h)) / (2 h).", words="one-sided"),
    Mistake("divides by h, not 2h", "return (f(p + h) - f(p - h)) / h",
            "You divided by h, but p + h and p - h are 2 h apart: divide by 2 * h."),
    Mistake("no division", "return f(p + h) - f(p - h)",
            "You found how much f changes but did not divide by how far p moved (2 h): "
            "a slope is rise over run."),
    Mistake("sign flipped", "return (f(p - h) - f(p + h)) / (2 * h)",
            "Your slope has the wrong sign: subtract f(p - h) from f(p + h), not the other way round."),
    Mistake("missing brackets", "return f(p + h) - f(p - h) / (2 * h)",
            "Mind the brackets: write (f(p + h) - f(p - h)) / (2 * h), so that the whole difference is divided."),
    Mistake("/2*h", "return (f(p + h) - f(p - h))/2*h",
            "`/2*h` divides by 2 and then multiplies by h: write `/ (2 * h)`."),
    Mistake("central with steps of h/2", "return (f(p + h / 2) - f(p - h / 2)) / h",
            "You nudged by h / 2 to each side, (f(p + h/2) - f(p - h/2)) / h: a central difference with "
            "steps half the size asked for. Nudge by the whole h to each side, f(p + h) and f(p - h), "
            "and divide by the distance between them, 2 * h.", words="h / 2 to each side"),
    Mistake("five-point nudge with the given h",
            "return (-f(p + 2 * h) + 8 * f(p + h) - 8 * f(p - h) + f(p - 2 * h)) / (12 * h)",
            "You used the five-point formula, (-f(p + 2h) + 8 f(p + h) - 8 f(p - h) + f(p - 2h)) / (12 h): "
            "more accurate than the one asked for, so it gives another number. The exercise asks for the "
            "central difference with the h given, (f(p + h) - f(p - h)) / (2 * h); the check compares with that.",
            words="five-point formula"),
    Mistake("own tiny h", "h = 1e-6\nreturn (f(p + h) - f(p - h)) / (2 * h)", _GIVEN_H,
            words="Use the h you are given"),
    Mistake("own h written in", "return (f(p + 0.0001) - f(p - 0.0001)) / 0.0002", _GIVEN_H,
            words="Use the h you are given"),
]


def check_slope_by_nudging(slope_by_nudging, seed=None):
    """Exercise 2: the central difference (f(p + h) - f(p - h)) / (2 h)."""
    __tracebackhide__ = True
    x, y = example_data()
    # sin first: with h = 0.1 a five-point nudge (off by about h**4 / 30) and a tiny nudge differ there,
    # while on p ** 3 both equal the exact slope
    cases = [
        (_Function(np.sin, "f(p) = sin(p)"), 1.0, 0.1),
        (_Function(lambda p: p ** 3, "f(p) = p ** 3"), 2.0, 0.01),
        (_Function(lambda p: _mse(p, 1.0, x, y), "f(p) = mse(p, 1.0, x, y)"), 0.5, 0.001),
    ]
    if seed is not None:
        rng = np.random.default_rng([3, seed])
        # h of 0.1 or more, so that a five-point nudge and the exact slope of exp differ (by h**4 / 30 or more)
        p, h = round(float(rng.uniform(-2, 2)), 2), float(rng.choice([0.1, 0.15, 0.2]))
        cases = [(_Function(np.exp, "f(p) = exp(p)"), p, h),
                 (_Function(lambda q: q ** 4 - q, "f(p) = p ** 4 - p"), -p, h)]
    check_function(slope_by_nudging, _central, cases, name="slope_by_nudging", mistakes=_NUDGE_MISTAKES,
                   params="f, p, h", hidden=seed is not None)
    passed("slope_by_nudging finds a slope from two nudges, one each side.")


def _learner_helpers(fn, *names):
    """The learner's own functions of earlier exercises, as ``fn`` sees them (for ``forbidden``)."""
    glob = getattr(fn, "__globals__", {})
    return tuple(glob[n] for n in names if callable(glob.get(n)))


# --- exercise 3: the slopes of the loss, by formula -------------------------------

_E = "e = m * x + c - y\n"

_GRADIENT_MISTAKES = [
    Mistake("slope in x, dy/dx", "return m, 1.0",
            "You returned the slope of the line in x (dy/dx = m, and 1 for c). Learning needs the "
            "slope of the LOSS with respect to m and to c: how the error changes when m or c moves.", words="dy/dx"),
    Mistake("factor 2 forgotten", _E + "return np.mean(e * x), np.mean(e)",
            "Your slopes are half the right size: you forgot the factor 2 that comes from the square "
            "(the slope of error^2 is 2 * error times the slope of the error)."),
    Mistake("factor 2 missing from dL/dm only", _E + "return np.mean(e * x), 2 * np.mean(e)",
            "Your dL/dm is half the right size (your dL/dc is right): the factor 2 that comes from the square "
            "is missing from dL/dm. Both slopes get it: dL/dm = 2 * np.mean(e * x).", words="missing from dL/dm"),
    Mistake("factor 2 missing from dL/dc only", _E + "return 2 * np.mean(e * x), np.mean(e)",
            "Your dL/dc is half the right size (your dL/dm is right): the factor 2 that comes from the square "
            "is missing from dL/dc. Both slopes get it: dL/dc = 2 * np.mean(e).", words="missing from dL/dc"),
    Mistake("dL/dm = 2 mean(e m), the slope in x", _E + "return 2 * np.mean(e * m), 2 * np.mean(e)",
            "Your dL/dm multiplies each error by m, but it should be by x: nudging m by h changes the "
            "prediction m * x + c by h * x, so each error changes x times as fast as m. (m is the slope of the "
            "line in x, which is not the slope learning needs.) Write dL/dm = 2 * np.mean(e * x).",
            words="multiplies each error by m"),
    Mistake("sign flipped on dL/dc only", _E + "return 2 * np.mean(e * x), -2 * np.mean(e)",
            "Your dL/dc has the wrong sign (your dL/dm is right): the error is prediction minus answer, "
            "e = m * x + c - y, and nudging c up raises every prediction, so dL/dc = +2 * np.mean(e)."),
    Mistake("sign flipped on dL/dm only", _E + "return -2 * np.mean(e * x), 2 * np.mean(e)",
            "Your dL/dm has the wrong sign (your dL/dc is right): the error is prediction minus answer, "
            "e = m * x + c - y, so dL/dm = +2 * np.mean(e * x)."),
    Mistake("divides by 12 written in", _E + "return 2 * np.sum(e * x) / 12, 2 * np.sum(e) / 12",
            _TWELVE.format(name="loss_gradient"), words="divided by 12"),
    Mistake("divides by n - 1", _E + "n = len(x)\nreturn 2 * np.sum(e * x) / (n - 1), 2 * np.sum(e) / (n - 1)",
            _N_MINUS_1, words="n - 1"),
    Mistake("1/N forgotten", _E + "return 2 * np.sum(e * x), 2 * np.sum(e)",
            "You summed over the examples but forgot the 1/n: the loss is a mean, so its slope is a "
            "mean too (use np.mean, or divide the sum by n)."),
    Mistake("2 and 1/N forgotten", _E + "return np.sum(e * x), np.sum(e)",
            "You forgot both the factor 2 and the 1/n: the slope is (2/n) times the sum."),
    Mistake("error as y - prediction", "e = y - (m * x + c)\nreturn 2 * np.mean(e * x), 2 * np.mean(e)",
            "Your slopes have the wrong sign: the error is prediction minus answer, m * x + c - y. "
            "With y - (m * x + c) you must flip the sign.", words="wrong sign"),
    Mistake("order swapped", _E + "return 2 * np.mean(e), 2 * np.mean(e * x)",
            "You returned the two slopes in the wrong order (or swapped m and c): return (dL/dm, dL/dc)."),
    Mistake("x missing in dL/dm", _E + "return 2 * np.mean(e), 2 * np.mean(e)",
            "dL/dm is missing the factor x: moving m changes each prediction by x times as much, "
            "so each error is multiplied by its x."),
    Mistake("mean error times mean x", _E + "return 2 * np.mean(e) * np.mean(x), 2 * np.mean(e)",
            "For dL/dm multiply each error by its own x before taking the mean, "
            "not the mean error by the mean x."),
    Mistake("c left out of the error", "e = m * x - y\nreturn 2 * np.mean(e * x), 2 * np.mean(e)",
            "Your error leaves out c: the line predicts m * x + c, so the error is e = m * x + c - y."),
    # nudging (slope_by_nudging of exercise 2, or mse at two points) is not the formula the exercise asks for
    Mistake("nudged with slope_by_nudging",
            "return (slope_by_nudging(lambda q: mse(q, c, x, y), m, 1e-4),\n"
            "        slope_by_nudging(lambda q: mse(m, q, x, y), c, 1e-4))",
            "loss_gradient calls {}: that finds the slopes by nudging (or by evaluating the loss), but "
            "this exercise asks for the formula, (2/n) sum of e_i x_i and (2/n) sum of e_i, which needs no "
            "loss at all.", words="this exercise asks for the formula", rule=True),
    # a line far from the points: nudges of any size lose digits there, the formula does not
    Mistake("nudged inline",
            "h = 1e-3\nL = lambda m, c: np.mean((m * x + c - y) ** 2)\n"
            "return (L(m + h, c) - L(m - h, c)) / (2 * h), (L(m, c + h) - L(m, c - h)) / (2 * h)",
            "On a line this far from the points your slopes are right to only a few digits, as nudging gives; "
            "the formula is exact. Write dL/dm and dL/dc with the formula (2/n) sum of e_i x_i and (2/n) sum "
            "of e_i, not by nudging.", words="not by nudging", rule=True),
]


def check_loss_gradient(loss_gradient, seed=None):
    """Exercise 3: (dL/dm, dL/dc) = ((2/n) sum (m x + c - y) x, (2/n) sum (m x + c - y)), by formula."""
    __tracebackhide__ = True
    nudging = says(_GRADIENT_MISTAKES, "nudged with slope_by_nudging")
    nudgers = tuple((f, nudging.format(f.__name__)) for f in _learner_helpers(loss_gradient, "slope_by_nudging", "mse"))
    check_function(loss_gradient, _gradient, _cases(seed), "loss_gradient", items=("dL/dm", "dL/dc"),
                   forbidden=(descent.line_gradient, descent.nudge_slopes) + nudgers,
                   mistakes=_GRADIENT_MISTAKES, params="m, c, x, y", hidden=seed is not None)
    x, y = example_data()
    far = (3.0e7, -2.0e7, x, y)
    check_function(loss_gradient, _gradient, [far], "loss_gradient", 1e-10, 0.0, items=("dL/dm", "dL/dc"),
                   diagnoses=[(lambda *a: loss_gradient(*a), says(_GRADIENT_MISTAKES, "nudged inline"))])
    passed("loss_gradient gives the slope of the loss in m and in c.")


# --- exercise 4: one step of gradient descent -------------------------------------

_DM_DC = "dm, dc = loss_gradient(m, c, x, y)\n"


def _stale(first):
    """The slip of updating one parameter before taking the other's slope (``first`` moves first)."""
    second = "c" if first == "m" else "m"
    return (f"{_DM_DC}{first} = {first} - learning_rate * d{first}\n{_DM_DC}"
            f"{second} = {second} - learning_rate * d{second}\nreturn m, c")


_STEP_MISTAKES = [
    Mistake("adds the gradient", _DM_DC + "return m + learning_rate * dm, c + learning_rate * dc",
            "You ADDED the learning rate times the slope: that walks uphill and makes the loss bigger. "
            "Subtract it: m - learning_rate * dL/dm.", words="uphill"),
    Mistake("a plus sign on c only", _DM_DC + "return m - learning_rate * dm, c + learning_rate * dc",
            "Your new m is right, but for c you ADDED learning_rate times its slope: c walks uphill, and the loss "
            "can grow. Every parameter moves against its own slope, with a minus: c - learning_rate * dL/dc.",
            words="for c you ADDED"),
    Mistake("a plus sign on m only", _DM_DC + "return m + learning_rate * dm, c - learning_rate * dc",
            "Your new c is right, but for m you ADDED learning_rate times its slope: m walks uphill, and the loss "
            "can grow. Every parameter moves against its own slope, with a minus: m - learning_rate * dL/dm.",
            words="for m you ADDED"),
    Mistake("no learning rate", _DM_DC + "return m - dm, c - dc",
            "You subtracted the whole slope: multiply it by learning_rate first, so each step is small."),
    Mistake("returns the change", _DM_DC + "return -learning_rate * dm, -learning_rate * dc",
            "You returned the change of m and c, not their new values: add the change to m and to c."),
    Mistake("slopes swapped", _DM_DC + "return m - learning_rate * dc, c - learning_rate * dm",
            "You swapped the slopes: m moves by its own slope dL/dm, c by dL/dc."),
    Mistake("returns (c, m)", _DM_DC + "return c - learning_rate * dc, m - learning_rate * dm",
            "You returned (new c, new m): return (new m, new c)."),
    Mistake("dm for both", _DM_DC + "return m - learning_rate * dm, c - learning_rate * dm",
            "You moved c by dL/dm too: each parameter moves against its own slope, m by dL/dm and c by dL/dc."),
    Mistake("dc for both", _DM_DC + "return m - learning_rate * dc, c - learning_rate * dc",
            "You moved m by dL/dc too: each parameter moves against its own slope, m by dL/dm and c by dL/dc."),
    Mistake("steps along dy/dx", "return m - learning_rate * m, c - learning_rate * 1.0",
            "You stepped along the slope of the line in x (m, and 1 for c). Use the slope of the "
            "loss, loss_gradient(m, c, x, y).", words="slope of the line"),
    Mistake("stale update, m first", _stale("m"),
            "You updated m first and then computed c's slope with the new m. Compute both slopes "
            "first, at the old (m, c), then update both.", words="Compute both slopes first, at the old (m, c)"),
    Mistake("stale update, c first", _stale("c"),
            "You updated c first and then computed m's slope with the new c. Compute both slopes "
            "first, at the old (m, c), then update both.", words="Compute both slopes first, at the old (m, c)"),
]


def check_gd_step(gd_step, seed=None):
    """Exercise 4: m - rate dL/dm, c - rate dL/dc.

    gd_step is graded with nnlib's loss_gradient in place of the learner's
    (``swap``): a mistake in exercise 3 does not fail exercise 4 too.
    """
    __tracebackhide__ = True
    cases = [case + (rate,) for case, rate in zip(_cases(seed), (0.1, 0.05, 0.2))]
    check_function(gd_step, _gd_step, cases, "gd_step", items=("new m", "new c"),
                   swap={"loss_gradient": _gradient}, mistakes=_STEP_MISTAKES, params="m, c, x, y, learning_rate",
                   env={"loss_gradient": _gradient}, hidden=seed is not None)
    passed("gd_step takes one step downhill: each parameter minus learning_rate times its slope.")


# --- exercise 5: a learning rate that works ---------------------------------------
# The learner sets a number; the check runs the descent with it and names what the losses did (rules).

_DIVERGED = ("learning_rate = {rate:g} diverged: each step jumps past the bottom of the valley to a higher point "
             "on the other side; after {steps} steps the loss {final} (it started at {start:.4g}). Try a smaller "
             "learning rate.")
_CRAWLS = ("learning_rate = {rate:g} crawls: the loss went down from {start:.4g} but is still {last:.4g} after "
           "{steps} steps, above the target {target}. The steps are too small: try a larger learning rate.")

_RATE_MISTAKES = [
    Mistake("too large", "learning_rate = 0.5", _DIVERGED, words="diverged", rule=True),
    Mistake("slightly too large", "learning_rate = 0.37", _DIVERGED, words="diverged", rule=True),
    Mistake("zig-zags near the limit", "learning_rate = 0.35",
            "learning_rate = {rate:g} zig-zags: the steps jump back and forth across the valley, so after {steps} "
            "steps the loss is still {last:.4g}, above the target {target}. It is close to too large: try a "
            "somewhat smaller learning rate.", words="zig-zag", rule=True),
    Mistake("too small", "learning_rate = 0.01", _CRAWLS, words="crawls", rule=True),
    Mistake("far too small", "learning_rate = 0.0001", _CRAWLS, words="crawls", rule=True),
    Mistake("negative", "learning_rate = -0.1",
            "learning_rate = {rate:g} is negative: each step then goes uphill, and the loss grows. The learning "
            "rate must be a positive number.", words="uphill", rule=True),
    Mistake("zero", "learning_rate = 0",
            "learning_rate = 0: with a zero rate the parameters never move, so the loss stays where it started. "
            "The learning rate must be a positive number.", words="never move", rule=True),
]


def check_learning_rate(learning_rate):
    """Exercise 5: a rate whose descent from (0, 0) reaches TARGET_LOSS within STEP_BUDGET steps."""
    __tracebackhide__ = True
    rate = number("learning_rate", learning_rate, "a positive number, your learning rate")
    if rate < 0:
        raise CheckFailed(says(_RATE_MISTAKES, "negative").format(rate=rate))
    if rate == 0:
        raise CheckFailed(says(_RATE_MISTAKES, "zero"))
    x, y = example_data()
    losses = descend(rate)
    steps = STEP_BUDGET
    reached = np.flatnonzero(losses < TARGET_LOSS)
    if reached.size:
        k = int(reached[0])
        passed(f"learning_rate = {rate:g} converged: the loss fell from {losses[0]:.4g} to "
               f"{losses[k]:.4g} (below {TARGET_LOSS}) after {k} steps.")
        return
    fields = dict(rate=rate, steps=steps, start=losses[0], last=losses[-1], target=TARGET_LOSS)
    # the steepest direction of the loss bowl: steps beyond 1/curvature jump past the bottom
    curvature = np.linalg.eigvalsh(2 * np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]]))[-1]
    if not np.isfinite(losses[-1]) or losses[-1] > losses[0]:
        final = "overflowed to infinity" if not np.isfinite(losses[-1]) else f"is {losses[-1]:.4g}"
        raise CheckFailed(says(_RATE_MISTAKES, "too large").format(final=final, **fields))
    if rate > 1 / curvature:
        raise CheckFailed(says(_RATE_MISTAKES, "zig-zags near the limit").format(**fields))
    raise CheckFailed(says(_RATE_MISTAKES, "too small").format(**fields))


# --- exercise 6: two linear layers are one line -------------------------------------

def _collapse(m1, c1, m2, c2):
    return m2 * m1, m2 * c1 + c2


_COLLAPSE_MISTAKES = [
    Mistake("adds the c's", "return m2 * m1, c1 + c2",
            "Your c is c1 + c2, but layer 2 multiplies everything layer 1 gives it by m2, "
            "including c1: write out m2 * (m1 * x + c1) + c2 and collect the terms."),
    Mistake("adds the m's", "return m1 + m2, m2 * c1 + c2",
            "Your m is m1 + m2, but the slopes multiply: layer 1 stretches x by m1, then layer 2 stretches "
            "that by m2."),
    Mistake("adds everything", "return m1 + m2, c1 + c2",
            "You added the two lines' numbers. Feed layer 1's output into layer 2: "
            "m2 * (m1 * x + c1) + c2, then collect the terms with x and the terms without.", words="added"),
    Mistake("layers in the wrong order", "return m1 * m2, m1 * c2 + c1",
            "You applied the layers in the wrong order (layer 2 first): layer 1 sees x, layer 2 sees "
            "layer 1's output."),
    Mistake("forgets c2", "return m2 * m1, m2 * c1", "You forgot c2, which layer 2 adds at the end."),
    Mistake("returns (c, m)", "return m2 * c1 + c2, m2 * m1", "You returned (c, m): return (m, c)."),
]


def check_collapse(collapse, seed=None):
    """Exercise 6: m2 (m1 x + c1) + c2 = (m2 m1) x + (m2 c1 + c2)."""
    __tracebackhide__ = True
    cases = [(2.0, 1.0, 3.0, -4.0), (-0.5, 2.5, 1.5, 0.75), (4.0, -3.0, -2.0, 1.0)]
    if seed is not None:
        rng = np.random.default_rng([6, seed])
        cases = [tuple(float(v) for v in np.round(rng.uniform(-4, 4, 4), 2)) for _ in range(3)]
    check_function(collapse, _collapse, cases, "collapse", items=("m", "c"), mistakes=_COLLAPSE_MISTAKES,
                   params="m1, c1, m2, c2", hidden=seed is not None)
    passed("Two linear layers are just one line: stacking them adds nothing a single line can't do.")


# --- exercise 7: a sigmoid with a given midpoint and slope ---------------------------

def _sigmoid_params(midpoint, slope):
    w = 4 * slope
    return w, -w * midpoint


_SIGMOID_MISTAKES = [
    Mistake("midpoint b/w", "w = 4 * slope\nreturn w, w * midpoint",
            "Your b has the wrong sign, so the curve's midpoint is at b / w instead of the asked one. "
            "The midpoint is where w x + b = 0, that is x = -b / w, so b = -w * midpoint.", words="-b / w"),
    Mistake("steepness w, not w/4", "return slope, -slope * midpoint",
            "You used w = slope, as if the slope at the midpoint were w. It is w / 4 (the sigmoid's own "
            "slope at 0 is 1/4, and w stretches it), so w = 4 * slope.", words="w / 4"),
    Mistake("both slips", "return slope, slope * midpoint",
            "Two slips: the slope at the midpoint is w / 4 (so w = 4 * slope), and the midpoint "
            "x = -b / w needs b = -w * midpoint."),
    Mistake("divides the slope by 4", "w = slope / 4\nreturn w, -w * midpoint",
            "You divided the slope by 4, but the slope at the midpoint is w / 4, so w is 4 times the slope."),
    Mistake("b = -midpoint", "return 4 * slope, -midpoint",
            "Your b is minus the midpoint, but the midpoint is x = -b / w, so b = -w * midpoint "
            "(b = -midpoint works only when w = 1)."),
    Mistake("b = -midpoint / w", "w = 4 * slope\nreturn w, -midpoint / w",
            "You divided by w: b = -midpoint / w. The midpoint is where w x + b = 0, that is midpoint = -b / w; "
            "multiply both sides by w and you get b = -w * midpoint.", words="divided by w"),
    Mistake("b = midpoint / w", "w = 4 * slope\nreturn w, midpoint / w",
            "You divided by w and lost the minus sign: b = midpoint / w. The midpoint is where w x + b = 0, "
            "that is midpoint = -b / w; multiply both sides by w and you get b = -w * midpoint.",
            words="lost the minus sign"),
    Mistake("b = midpoint", "return 4 * slope, midpoint",
            "Your b is the midpoint itself, but the midpoint is x = -b / w, so b = -w * midpoint."),
    Mistake("never falls", "w = 4 * abs(slope)\nreturn w, -w * midpoint",
            "Your curve always rises. A negative slope asks for a falling curve, which needs a negative w.",
            words="negative w"),
    Mistake("returns (b, w)", "w = 4 * slope\nreturn -w * midpoint, w", "You returned (b, w): return (w, b)."),
]


def check_sigmoid_params(sigmoid_params, seed=None):
    """Exercise 7: w = 4 slope and b = -w midpoint, for g(w x + b)."""
    __tracebackhide__ = True
    cases = [(3.0, 2.0), (-1.0, -0.5), (2.5, 0.25), (-4.0, 1.5)]
    if seed is not None:
        rng = np.random.default_rng([7, seed])
        cases = [(round(float(rng.uniform(-5, 5)), 2), round(float(rng.choice([-1, 1]) * rng.uniform(0.2, 3)), 2))
                 for _ in range(4)]
    check_function(sigmoid_params, _sigmoid_params, cases, "sigmoid_params", items=("w", "b"),
                   mistakes=_SIGMOID_MISTAKES, params="midpoint, slope", hidden=seed is not None)
    passed("sigmoid_params puts the midpoint at x = -b / w with slope w / 4 there.")


# --- exercise 8: the accuracy on fruit the neuron has never seen --------------------
# The answer cell has two solution regions, the body of accuracy and that of held_out_accuracy: a mistake's
# code gives both, separated by a line NEXT_REGION. The check runs the first region as accuracy; the mistakes
# of held_out_accuracy it recognises by rules (its own splits, its own neurons).

NEXT_REGION = "# --- next region ---"
_OUTPUTS = "nnlib.sigmoid(w[0] * X[:, 0] + w[1] * X[:, 1] + b)"
_RIGHT_ACCURACY = f"return np.mean(({_OUTPUTS} >= 0.5) == y)"
_RIGHT_HELD_OUT = "w, b = train_neuron(X_train, y_train)\nreturn accuracy(w, b, X_test, y_test)"


def _regions(accuracy=_RIGHT_ACCURACY, held_out=_RIGHT_HELD_OUT):
    return f"{accuracy}\n{NEXT_REGION}\n{held_out}"


_OUTER_DATA = "Use the X and y your function receives, not {names}: the check calls it on other fruit too."

_ACCURACY_MISTAKES = [
    Mistake("training accuracy reported",
            _regions(held_out="w, b = train_neuron(X_train, y_train)\nreturn accuracy(w, b, X_train, y_train)"),
            "That is the accuracy on the TRAINING fruit, the ones the neuron learned from. Measure it on "
            "the test fruit (X_test, y_test), which it has never seen.", words="TRAINING fruit", rule=True),
    Mistake("count, not fraction", _regions(f"return np.sum(({_OUTPUTS} >= 0.5) == y)"),
            "You returned how many fruit were sorted right; accuracy is that count divided by the "
            "number of fruit, a fraction between 0 and 1."),
    Mistake("percentage", _regions(f"return 100 * np.mean(({_OUTPUTS} >= 0.5) == y)"),
            "You returned a percentage; give the fraction between 0 and 1 (0.9, not 90)."),
    Mistake("threshold the wrong way", _regions(f"return np.mean(({_OUTPUTS} < 0.5) == y)"),
            "You returned the fraction sorted WRONG: the neuron says orange (label 1) when its output "
            "is at least 0.5. Check the direction of your comparison.", words="WRONG"),
    Mistake("outputs compared with labels", _regions(f"return np.mean({_OUTPUTS} == y)"),
            "You compared the neuron's outputs (numbers between 0 and 1) with the labels directly: "
            "first turn each output into a label, 1 if it is at least 0.5, else 0."),
    Mistake("score compared with 0.5", _regions("return np.mean((w[0] * X[:, 0] + w[1] * X[:, 1] + b > 0.5) == y)"),
            "You compared the score w[0] * size + w[1] * colour + b with 0.5: the neuron's output is "
            "sigmoid(score); compare that with 0.5 (or, the same thing, the score with 0)."),
    Mistake("outer X_test inside the function",
            _regions("return np.mean((nnlib.sigmoid(w[0] * X_test[:, 0] + w[1] * X_test[:, 1] + b) >= 0.5) == y_test)"),
            _OUTER_DATA, words="Use the X and y your function receives, not X_test", rule=True),
    Mistake("outer X_test, own y",
            _regions("return np.mean((nnlib.sigmoid(w[0] * X_test[:, 0] + w[1] * X_test[:, 1] + b) >= 0.5) == y)"),
            _OUTER_DATA, words="your function receives, not X_test", rule=True),
    Mistake("right or wrong per fruit, not averaged", _regions(f"return ({_OUTPUTS} >= 0.5) == y"),
            "{name} returned {n} numbers, one per fruit; average them into one number (np.mean does it).",
            words="one per fruit; average them", rule=True),
    Mistake("the test accuracy typed in", _regions(held_out="return 0.9"),
            "held_out_accuracy gives the same number on every split of the fruit: it must train on the X_train, "
            "y_train it receives and measure on the X_test, y_test it receives, not return a number worked out "
            "once.", words="same number on every split", rule=True),
    Mistake("the test accuracy computed once, outside", _regions(held_out="return accuracy(w, b, X_test, y_test)"),
            "held_out_accuracy reads what it measures from outside ({names}): train and measure on the four arrays "
            "it receives (the check gives it other fruit too).",
            words="held_out_accuracy reads what it measures from outside", rule=True),
    Mistake("trained on all the fruit",
            _regions(held_out="w, b = train_neuron(np.vstack([X_train, X_test]), np.concatenate([y_train, y_test]))"
                              "\nreturn accuracy(w, b, X_test, y_test)"),
            "That neuron learned from all the fruit, the test fruit included: train on X_train, y_train "
            "only, then measure on X_test, y_test.", words="learned from all the fruit", rule=True),
    Mistake("neuron retrained on the test fruit",
            _regions(held_out="w, b = train_neuron(X_test, y_test)\nreturn accuracy(w, b, X_test, y_test)"),
            "That is the accuracy of a neuron trained on the test fruit: a test set is only fair if the "
            "neuron never learned from it. Train on X_train, y_train, then measure on X_test, y_test.",
            words="trained on the test fruit", rule=True),
]


def _accuracy_function_mistakes():
    """The table's mistakes as mistakes of the accuracy function alone (the first region of their code)."""
    return [dataclasses.replace(m, code=m.code.split("\n" + NEXT_REGION + "\n")[0]) for m in _ACCURACY_MISTAKES]


def _accuracy(w, b, X, y):
    score = w[0] * X[:, 0] + w[1] * X[:, 1] + b
    return np.mean((sigmoid(score) >= 0.5) == y)


def fruit_split():
    """The fruit of exercise 8: X_train (60, 2), X_test (20, 2), y_train, y_test (size, colour; 0 apple, 1 orange)."""
    X, labels = fruit(n_per_class=40, seed=1, separable=False)
    return train_test_split(X, labels, test_fraction=0.25, seed=1)


def train_neuron(X, y, learning_rate=1.0, steps=3000):
    """The neuron of exercise 8, trained as the notebook's given cell trains it: (w, b) for raw size and colour.

    Gradient descent on the cross-entropy of g(w . s + b) on standardized features s = (x - mean) / spread,
    which converges in a few thousand steps; the weights are then written for the raw features.
    """
    mean, spread = X.mean(axis=0), X.std(axis=0)
    S = (X - mean) / spread
    w, b = np.zeros(2), 0.0
    for _ in range(steps):
        error = sigmoid(w[0] * S[:, 0] + w[1] * S[:, 1] + b) - y
        w = w - learning_rate * np.array([np.mean(error * S[:, 0]), np.mean(error * S[:, 1])])
        b = b - learning_rate * np.mean(error)
    w_raw = w / spread
    return w_raw, b - np.sum(w_raw * mean)



_TRAINED = {}


def _trained(X, y, learning_rate=1.0, steps=3000):
    """train_neuron's (w, b), computed once per set of fruit (the check and the learner's held_out_accuracy
    train on the same splits: each neuron takes about 0.15 s)."""
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    key = (X.shape, X.tobytes(), y.tobytes(), float(learning_rate), int(steps))
    if key not in _TRAINED:
        if len(_TRAINED) > 64:
            _TRAINED.clear()
        _TRAINED[key] = train_neuron(X, y, learning_rate, steps)
    w, b = _TRAINED[key]
    return w.copy(), b

# Seeds of fruit (30 of each kind, 30 % kept for testing) on which the right held-out accuracy differs from
# the notebook's number and from the typical wrong answers (the notebook's neuron measured on the new test
# fruit, a neuron trained on all the fruit, the training accuracy, a neuron trained on the test fruit), with the
# right answer each gives; tests/test_level2_checks.py recomputes every one.
HELD_OUT_POOL = ((106, 0.9444), (109, 0.7778), (116, 0.8889), (117, 0.9444), (125, 0.8889), (134, 0.8333),
                 (137, 0.8333), (146, 0.7778), (149, 0.8333), (161, 0.8333), (164, 0.9444), (167, 0.8333),
                 (169, 0.7778), (175, 0.7778), (179, 0.7222), (180, 0.8889))


def held_out_split(k):
    """One split of the pool: (X_train, X_test, y_train, y_test) of fruit(n_per_class=30, seed=k)."""
    X, labels = fruit(n_per_class=30, seed=k, separable=False)
    return train_test_split(X, labels, test_fraction=0.3, seed=k)


def _other_splits(seed=None):
    """Two splits of the pool with different right answers, chosen by the seed (the grading seed varies them)."""
    rng = np.random.default_rng(81 if seed is None else [81, seed])
    first = int(rng.integers(len(HELD_OUT_POOL)))
    others = [i for i, (_, v) in enumerate(HELD_OUT_POOL) if v != HELD_OUT_POOL[first][1]]
    second = others[int(rng.integers(len(others)))]
    return [held_out_split(HELD_OUT_POOL[i][0]) for i in (first, second)]


def check_accuracy(accuracy, held_out_accuracy, seed=None):
    """Exercise 8: accuracy(w, b, X, y) as a fraction, and held_out_accuracy(X_train, y_train, X_test, y_test),
    the accuracy on the test fruit of a neuron trained on the training fruit only.

    The check takes nothing on trust: it grades ``accuracy`` on fruit of its own, and calls
    ``held_out_accuracy`` on the notebook's split and on two splits of its own, with its own ``accuracy`` and
    ``train_neuron`` swapped in (so that a slip in ``accuracy`` costs only that part, and a number typed in
    fails on the other splits). No message shows the expected accuracy on the notebook's test fruit.
    """
    __tracebackhide__ = True
    table = _ACCURACY_MISTAKES
    ref_split = fruit_split()
    ref_w, ref_b = _trained(ref_split[0], ref_split[2])
    # names a function reads from outside itself (globals) are listed in its code's co_names
    outer = [n for n in ("X_test", "y_test", "X_train", "y_train")
             if n in getattr(getattr(accuracy, "__code__", None), "co_names", ())]
    try:
        _check_accuracy_function(accuracy, ref_w, ref_b, *ref_split, seed=seed)
    except CheckFailed as exc:
        if not outer:
            raise
        raise CheckFailed(f"{exc} {says(table, 'outer X_test inside the function').format(names=' or '.join(outer))}"
                          ) from None
    if held_out_accuracy is None or held_out_accuracy is Ellipsis:
        raise CheckFailed("held_out_accuracy is not set yet: write the function held_out_accuracy(X_train, "
                          "y_train, X_test, y_test).")
    if not callable(held_out_accuracy):
        raise CheckFailed(f"held_out_accuracy should be a function that trains and measures, but it is "
                          f"{describe(held_out_accuracy)}: a number typed in, or computed once, is right for "
                          "one split of the fruit only. Write def held_out_accuracy(X_train, y_train, X_test, "
                          "y_test): ... and return the accuracy from inside it.")
    outer = [n for n in ("X_test", "y_test", "X_train", "y_train", "w", "b")
             if n in getattr(getattr(held_out_accuracy, "__code__", None), "co_names", ())]
    swap = {"accuracy": _accuracy, "train_neuron": _trained}
    got = []
    splits = [("the notebook's split", ref_split)] + [
        (f"a split of the check's own ({len(sp[2])} training and {len(sp[3])} test fruit)", sp)
        for sp in _other_splits(seed)]
    for where, (X_tr, X_te, y_tr, y_te) in splits:
        args = tuple(a.copy() for a in (X_tr, y_tr, X_te, y_te))
        value = call(held_out_accuracy, args, "held_out_accuracy", swap=swap)
        for given, original, name in zip(args, (X_tr, y_tr, X_te, y_te), ("X_train", "y_train", "X_test", "y_test")):
            if given.shape != original.shape or not np.array_equal(given, original):
                raise CheckFailed(f"held_out_accuracy changed {name}, the array it was given: measure without "
                                  "changing the fruit.")
        try:
            value = float(number("held_out_accuracy", value))
        except (CheckFailed, TypeError, ValueError):
            raise CheckFailed(f"held_out_accuracy should return one number (a fraction), but on {where} it "
                              f"returned {describe(value)}.") from None
        got.append(value)
        w_tr, b_tr = _trained(X_tr, y_tr)
        want = _accuracy(w_tr, b_tr, X_te, y_te)
        if np.isclose(value, want, rtol=0, atol=1e-9):
            continue
        if outer:
            raise CheckFailed(says(table, "the test accuracy computed once, outside").format(
                names=" and ".join(outer)))
        if len(got) > 1 and np.isclose(value, got[0], atol=1e-12):
            raise CheckFailed(says(table, "the test accuracy typed in"))
        w_te, b_te = _trained(X_te, y_te)
        X_all, y_all = np.vstack([X_tr, X_te]), np.concatenate([y_tr, y_te])
        w_all, b_all = _trained(X_all, y_all)
        matched = [name for name, wrong in (("training accuracy reported", _accuracy(w_tr, b_tr, X_tr, y_tr)),
                                            ("neuron retrained on the test fruit", _accuracy(w_te, b_te, X_te, y_te)),
                                            ("trained on all the fruit", _accuracy(w_all, b_all, X_te, y_te)),
                                            ("percentage", 100 * want))
                   if np.isclose(value, wrong, rtol=0, atol=1e-9)]
        if len(matched) == 1:
            raise CheckFailed(f"held_out_accuracy on {where} gives {value:.3f}. {says(table, matched[0])}")
        if matched:  # on these fruit several mistakes give the same number; they share one cause
            raise CheckFailed(
                f"held_out_accuracy on {where} gives {value:.3f}, what a neuron scores on fruit it learned from: "
                "the accuracy on the TRAINING fruit, or of a neuron trained on the test fruit, or of one that "
                "learned from all the fruit, the test fruit included. Train on X_train, y_train only, then "
                "measure on X_test, y_test, which it has never seen.")
        raise CheckFailed(f"held_out_accuracy on {where} gives {value:.3f}, which is not the accuracy on its test "
                          "fruit of the neuron train_neuron(X_train, y_train) makes: train on the training fruit "
                          "it receives, then return accuracy(w, b, X_test, y_test).")
    passed(f"The neuron sorts {got[0]:.0%} of fruit it has never seen (and "
           f"{_accuracy(ref_w, ref_b, ref_split[0], ref_split[2]):.0%} of the fruit it learned from); "
           "held_out_accuracy measured it on two other splits of the fruit too.")


def _check_accuracy_function(accuracy, w, b, X_train, X_test, y_train, y_test, seed=None):
    """The function part of exercise 8: accuracy(w, b, X, y) on four sets of fruit.

    None of them is the notebook's neuron on the notebook's test fruit: that accuracy is the exercise's final
    answer, and a wrong value here would show it as the expected one."""
    __tracebackhide__ = True
    rng = np.random.default_rng(8 if seed is None else [8, seed])
    cases = [(np.array([-0.4, 1.5]), -5.0, rng.normal((8, 5), (1, 2.5), (9, 2)), np.arange(9) % 2),
             # scores 0.25, -0.25, 0.75 and -0.75: a score compared with 0.5 instead of 0 shows
             (np.array([1.0, 1.0]), -12.25, np.array([[6.0, 6.5], [7.0, 5.0], [5.5, 7.5], [6.0, 5.5]]),
              np.array([1, 0, 1, 0])),
             (np.array([0.6, 1.1]), -10.0, X_test, y_test),
             (np.asarray(w, float), float(b), X_train, y_train)]
    check_function(accuracy, _accuracy, cases, name="accuracy",
                   post=_one_number(_ACCURACY_MISTAKES, "right or wrong per fruit, not averaged", name="accuracy"),
                   mistakes=_accuracy_function_mistakes(), params="w, b, X, y", env={"nnlib": nnlib},
                   hidden=seed is not None)


MISTAKES = {
    "mse_answer": _MSE_MISTAKES,
    "nudge_answer": _NUDGE_MISTAKES,
    "gradient_answer": _GRADIENT_MISTAKES,
    "step_answer": _STEP_MISTAKES,
    "rate_answer": _RATE_MISTAKES,
    "collapse_answer": _COLLAPSE_MISTAKES,
    "sigmoid_answer": _SIGMOID_MISTAKES,
    "accuracy_answer": _ACCURACY_MISTAKES,
}
