"""Check cells of the level 3 exercises (solutions/03_undergraduate.ipynb).

Every check calls the learner's function on its own seeded, non-trivial
inputs (several shapes, K = 3 and more, weights far from zero), compares the
result with nnlib's reference and, when a known mistake explains the
difference, names it. The learner's weights never start at zero here: an
all-zero start can hide a wrong backward pass.

Each exercise's typical mistakes are declared once, as a table of ``Mistake``s
(the learner's code between BEGIN and END SOLUTION, the sentence that names it):
the check runs that code beside the reference to diagnose, or, for a ``rule``,
prints the sentence when its own rule finds the mistake; ``MISTAKES`` at the end
gives the tables to the course's tests (tests/mistakes/level3.py).
"""

import contextlib
import dis
import functools
import io
import os
import re
import sys
import types

import numpy as np

from .. import activations, fast, gradcheck, network, training, numerical_gradient as nn_numerical_gradient
from .._validate import one_hot_unchecked
from ..activations import sigmoid, sigmoid_gradient
from ..data import digits, standardize, train_test_split
from . import _level3_mistakes as code
from .core import (CheckFailed, Mistake, brief, call, check_function, compare, copy_args, describe,
                   compiled_mistake, diagnose, mistake_diagnoses, names_reached, number, passed, require, says)

# ---------------------------------------------------------------- inputs


def _network(sizes, m, seed, scale=1.0):
    """Random weights (normal, not small: every mistake shows), X (m, n) and one-hot Y (m, K)."""
    rng = np.random.default_rng(seed)
    thetas = [rng.normal(0.0, scale, (s_out, s_in + 1)) for s_in, s_out in zip(sizes[:-1], sizes[1:])]
    X = rng.normal(0.0, 1.0, (m, sizes[0]))
    y = np.arange(m) % sizes[-1]  # every class present
    rng.shuffle(y)
    return thetas, X, network.one_hot(y, sizes[-1])


# Layer sizes and m chosen so that no Theta is square and m differs from every
# layer size: a transposed or elementwise product then fails loudly instead of
# passing by accident. Weights are normal(0, 1), far from zero, so that every
# term of the gradient matters.
_CASES = [([3, 5, 4], 7, 0.0), ([5, 7, 3], 9, 1.3), ([2, 4, 6], 8, 0.7), ([6, 3, 5], 11, 2.0)]


def _cases(with_lam=True, seed=None):
    """The four networks of the checks, or, with an instructor's ``seed``, four others drawn from it."""
    table = _CASES
    if seed is not None:
        rng = np.random.default_rng([33, seed])
        table = []
        for _ in range(4):
            n, s2, K = (int(v) for v in rng.choice(np.arange(2, 9), 3, replace=False))
            m = int(rng.choice([v for v in range(5, 14) if v not in (n, s2, K, n + 1, s2 + 1)]))
            table.append(([n, s2, K], m, round(float(rng.uniform(0, 2.5)), 2)))
    out = []
    for k, (sizes, m, lam) in enumerate(table, start=30):
        thetas, X, Y = _network(sizes, m, k if seed is None else [k, seed])
        out.append((thetas, X, Y, lam) if with_lam else (thetas, X))
    return out


#: The reference versions of the earlier exercises, swapped into a learner's function that builds on
#: them, so that an earlier mistake is charged to its own exercise only.
EARLIER = {
    "sigmoid_gradient": sigmoid_gradient,
    "one_hot": network.one_hot,
    "forward_pass": lambda thetas, X: network.forward(thetas, X).h,
    "nn_cost": network.cost,
    "nn_gradients": lambda thetas, X, Y, lam: network.backprop(thetas, X, Y, lam)[1],
    "numerical_gradient": lambda f, theta, eps=1e-5: nn_numerical_gradient(
        lambda ts: f(ts[0]), [np.asarray(theta, dtype=float)], eps)[0],
    "rand_init": lambda l_in, l_out, seed=0: np.random.default_rng(seed).uniform(
        -np.sqrt(6.0) / np.sqrt(l_in + l_out), np.sqrt(6.0) / np.sqrt(l_in + l_out), size=(l_out, l_in + 1)),
}

#: What a typical mistake's code may call besides np and math: nnlib's sigmoid (the notebook imports it) and
#: the reference versions of the earlier answers.
ENV = {"sigmoid": sigmoid, **EARLIER}

#: (parameters, first lines) of each answer cell's function: a Mistake's code is what follows them.
SIGNATURE = {
    "theta_shapes": ("layer_sizes", ""),
    "sigmoid_gradient": ("z", ""),
    "one_hot": ("y, K", ""),
    "forward_pass": ("thetas, X", "Theta1, Theta2 = thetas\nm = X.shape[0]\n"),
    "nn_cost": ("thetas, X, Y, lam", "m = X.shape[0]\n"),
    "nn_gradients": ("thetas, X, Y, lam", "Theta1, Theta2 = thetas\nm = X.shape[0]\n"),
    "numerical_gradient": ("f, theta, eps=1e-5", ""),
    "relative_difference": ("grads_a, grads_b", ""),
    "compare_gradients": ("thetas, X, Y, lam", "Theta1, Theta2 = thetas\n"),
    "rand_init": ("l_in, l_out, seed=0", ""),
    "train_network": ("X_train, Y_train", ""),
}

#: The line between the two solution regions of an answer cell that has two (the gradient check's).
NEXT_REGION = "# --- next region ---"


def example_network():
    """The example used in the statements: thetas for 4-6-3 units, X (8, 4), one-hot Y (8, 3).

    No Theta is square and m = 8 differs from every size, so a forgotten .T
    fails on the example too instead of running silently.
    """
    return _network([4, 6, 3], 8, seed=3, scale=0.8)


def gradient_check_problem():
    """The small problem of the gradient-checking exercise: thetas (4-6-3), X (8, 4), Y, lambda."""
    thetas, X, Y = _network([4, 6, 3], 8, seed=11)
    return thetas, X, Y, 1.5


def digits_split():
    """The digits of exercise 10, split three ways: training (60%), validation (20%) and test (20%).

    Returns (X_train, X_val, X_test, y_train, y_val, y_test), pixels standardized with the training
    set's statistics; the notebook makes the same split with the same calls. Tune on the validation
    set; the check measures the test set, which no choice was made on.
    """
    return _digits_split()


@functools.lru_cache(maxsize=1)
def _digits_split():
    X, y = digits()
    X_rest, X_test, y_rest, y_test = train_test_split(X, y, test_fraction=0.2, seed=0)
    X_train, X_val, y_train, y_val = train_test_split(X_rest, y_rest, test_fraction=0.25, seed=1)
    X_train_s, X_val_s, X_test_s = standardize(X_train, X_val, X_test)
    return X_train_s, X_val_s, X_test_s, y_train, y_val, y_test, X_test


# ---------------------------------------------------------------- feedback

_MATMUL_HINT = (
    " A missing .T is the usual cause, a missing bias column of ones the next: check each product, "
    "a (m, s_l+1) @ Theta.T (s_l+1, s_(l+1)){backward}."
)
_MATMUL_BACKWARD = (
    "; delta.T (s_(l+1), m) @ a (m, s_l+1)",
    " When you send delta back through Theta, leave out Theta's bias column: delta @ Theta[:, 1:].",
)
_MATH_HINT = " The math module's functions (math.exp) take one number; use np.exp, which works on whole arrays."
_BROADCAST_HINT = (
    " Where the equation has a matrix product (z = a Theta^T, Delta = delta^T a), write @ instead of *: "
    "elementwise operations (*, +, -) need matching shapes. If an array has one column too many, "
    "a bias column was kept or added where it does not belong (delta^(2) has none)."
)


def _hints(name):
    products, delta = _MATMUL_BACKWARD if name == "nn_gradients" else ("", "")
    return {"broadcast": _BROADCAST_HINT, "matmul": _MATMUL_HINT.format(backward=products) + delta,
            "math": _MATH_HINT}


def _call(fn, args, name, **options):
    """``core.call`` with shapes for arguments and the shape errors of this level explained."""
    __tracebackhide__ = True
    return call(fn, args, name, hints=_hints(name), show=brief, **options)


def _check_all(fn, reference, cases, name, mistakes, rtol=1e-6, atol=1e-9, returns="the result",
               list_hint="np.array(...) turns your list into one.", single_hint="", **options):
    """``core.check_function`` with this level's messages (shapes for arguments, matrix-product hints), the
    exercise's table of mistakes compiled with the answer cell's signature and first lines (``SIGNATURE``)
    and the reference versions of the earlier answers (``ENV``)."""
    __tracebackhide__ = True
    params, prelude = SIGNATURE[name]
    check_function(fn, reference, cases, name, rtol, atol, returns=returns, list_hint=list_hint,
                   single_hint=single_hint, hints=_hints(name), show=brief, mistakes=mistakes, params=params,
                   prelude=prelude, env=ENV, **options)


def _diagnoses(mistakes, name):
    """(function, says) for the mistakes of ``name``'s table that the check simulates."""
    params, prelude = SIGNATURE[name]
    return mistake_diagnoses(mistakes, name, params, prelude, ENV)


class _Examples(np.ndarray):
    """X or Y as given to a function that must work on all examples at once: taking rows one at a
    time (``for x in X``, ``X[i]``), from it or from arrays computed from it, is recorded in ``log``."""

    log = []

    def __array_finalize__(self, obj):
        pass

    def __iter__(self):
        _Examples.log.append("for ... in")
        return super().__iter__()

    def __getitem__(self, index):
        first = index[0] if isinstance(index, tuple) and index else index
        if self.ndim == 2 and isinstance(first, (int, np.integer)):
            _Examples.log.append(f"[{int(first)}]")
        elif (self.ndim == 2 and isinstance(first, slice) and self.shape[0] > 1
              and len(range(*first.indices(self.shape[0]))) == 1):
            _Examples.log.append(f"[{first.start}:{first.stop}]")
        return super().__getitem__(index)


#: Folders whose code is not the learner's: Python's own, the installed packages (numpy among them), nnlib.
_LIBRARY_FOLDERS = tuple(sorted({os.path.join(os.path.realpath(p), "") for p in
                                 (sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(np.__file__),
                                  os.path.dirname(os.path.dirname(__file__)))}))


def _learner_lines(fn, args, name, **options):
    """How many lines of the learner's own code (any function of theirs, lambdas included, not numpy's or
    nnlib's) run when ``fn`` is called on ``args``."""
    __tracebackhide__ = True
    count = [0]
    mine = {}

    def is_mine(code):
        if code not in mine:
            path = code.co_filename
            mine[code] = not (os.path.isabs(path) and os.path.realpath(path).startswith(_LIBRARY_FOLDERS))
        return mine[code]

    def local(frame, event, arg):
        if event == "line":
            count[0] += 1
        return local

    def tracer(frame, event, arg):
        return local if is_mine(frame.f_code) else None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        with np.errstate(all="ignore"):
            _call(fn, args, name, **options)
    finally:
        sys.settrace(previous)
    return count[0]


def _more_examples(args, m, times):
    """``args`` with every array that has one row (or entry) per example repeated ``times`` over."""
    def grow(a):
        if isinstance(a, np.ndarray) and a.ndim in (1, 2) and a.shape[0] == m:
            return np.concatenate([a] * times, axis=0)
        return a
    return tuple(grow(a) for a in args)


def _no_row_loop(fn, cases, name, **options):
    """CheckFailed if ``fn`` takes the examples one at a time on the first case: rows taken from X (or Y) one
    by one, or, however the loop is written (over np.asarray(X), a copy, map, np.apply_along_axis, ...),
    more of the learner's own lines run when there are more examples."""
    __tracebackhide__ = True
    args = [a.view(_Examples) if isinstance(a, np.ndarray) and a.ndim == 2 else a for a in copy_args(cases[0])]
    _Examples.log = []
    try:
        with np.errstate(all="ignore"):
            _call(fn, tuple(args), name, **options)
    finally:
        seen, _Examples.log = _Examples.log, []
    if len(seen) >= 2:
        raise CheckFailed(f"{_rows_says(name)} (it takes rows one at a time, {seen[0]} ...). {_ALL_AT_ONCE}")
    _growth_loop(fn, cases[0], name, _ALL_AT_ONCE, **options)


_ALL_AT_ONCE = ("This exercise asks for all m examples at once: one matrix product per layer, A @ Theta.T, works "
                "on every row together (and is what makes backpropagation fast).")


def _rows_says(name):
    return f"{name} gives the right numbers but loops over the examples"


def _growth_says(name):
    return f"{name} gives the right numbers but works through the examples one at a time"


def _growth_loop(fn, case, name, advice, **options):
    """CheckFailed if more of the learner's lines run on 4 times the examples of ``case`` (its first argument
    that is an array gives m: X's rows, or y's entries)."""
    __tracebackhide__ = True
    first = next((a for a in case if isinstance(a, np.ndarray) and a.ndim in (1, 2)), None)
    if first is None:
        return
    m = first.shape[0]
    few = _learner_lines(fn, copy_args(case), name, **options)
    many = _learner_lines(fn, _more_examples(copy_args(case), m, 4), name, **options)
    if many - few >= m:  # three times m more examples, at least a line for each third of them
        raise CheckFailed(
            f"{_growth_says(name)}: with 4 times as many "
            f"examples ({4 * m} instead of {m}), {many - few} more lines of your code ran ({few} before). A loop, "
            "a comprehension, map or np.apply_along_axis over the examples does that, whatever it loops over "
            "(X, np.asarray(X) or a copy). " + advice)


def loops_in(fn):
    """The kinds of loop in ``fn``'s own code ("for", comprehension, "while"), nested functions included."""
    found = []

    jumps = set(dis.hasjrel) | set(dis.hasjabs)

    def visit(code):
        instructions = list(dis.get_instructions(code))
        ops = {ins.opname for ins in instructions}
        # a loop jumps back: some jump's target (argval, an offset) is at or before the jump itself
        back = any(ins.opcode in jumps and isinstance(ins.argval, int) and ins.argval <= ins.offset
                   for ins in instructions)
        if "FOR_ITER" in ops:
            inlined = "LOAD_FAST_AND_CLEAR" in ops  # Python 3.12+ inlines comprehensions (PEP 709)
            found.append("a comprehension" if code.co_name.startswith("<") or inlined else "a for loop")
        elif back:
            found.append("a while loop")
        for const in code.co_consts:
            if hasattr(const, "co_code"):
                visit(const)

    code = getattr(getattr(fn, "__func__", fn), "__code__", None)
    if code is not None:
        visit(code)
    return found


# ---------------------------------------------------------------- exercise 1: shapes


_PAIRS = "zip(layer_sizes[:-1], layer_sizes[1:])"
_THETA_SHAPES_MISTAKES = [
    Mistake("no bias column", f"return [(s_next, s) for s, s_next in {_PAIRS}]",
            "Each Theta also needs a column for the bias unit: (s_(l+1), s_l + 1), not (s_(l+1), s_l)."),
    Mistake("transposed", f"return [(s + 1, s_next) for s, s_next in {_PAIRS}]",
            "These shapes are transposed: Theta^(l) has one row per unit of layer l+1 and one column "
            "per unit of layer l plus the bias, so (s_(l+1), s_l + 1)."),
    Mistake("bias as a row", f"return [(s_next + 1, s) for s, s_next in {_PAIRS}]",
            "The bias adds a column (a weight for a_0 = 1 in the layer the weights come from), not a row."),
]


def check_theta_shapes(theta_shapes, seed=None):
    """Exercise 1: theta_shapes(layer_sizes) -> [(s_2, s_1 + 1), (s_3, s_2 + 1), ...].

    seed: four other networks (3 to 5 layers, 1 to 500 units a layer) drawn from it."""
    __tracebackhide__ = True
    cases = [([3, 3, 1],), ([64, 25, 10],), ([400, 25, 10],), ([2, 4, 4, 3],)]
    if seed is not None:
        rng = np.random.default_rng([1, seed])
        cases = [([int(s) for s in rng.integers(1, 501, n_layers)],) for n_layers in (3, 3, 4, 5)]

    def reference(sizes):
        return [t.shape for t in network.init_weights(sizes)]

    diagnoses = _diagnoses(_THETA_SHAPES_MISTAKES, "theta_shapes")
    for (sizes,) in cases:
        got = _call(theta_shapes, (list(sizes),), "theta_shapes")
        try:
            got = [tuple(int(x) for x in shape) for shape in got]
        except (TypeError, ValueError):
            raise CheckFailed(
                f"theta_shapes({sizes}) should return a list of (rows, columns) pairs; got {describe(got)}."
            ) from None
        compare(f"theta_shapes({sizes})", got, reference(sizes), diagnoses=diagnoses, args=(sizes,),
                hidden=seed is not None)
    passed("theta_shapes is right: Theta^(l) is s_(l+1) x (s_l + 1); for 400-25-10 that is (25, 401) and (10, 26).")


# ---------------------------------------------------------------- exercise 2: sigmoid gradient


_NO_LOOP_NEEDED = "numpy functions (np.exp, *, -) work on whole arrays at once, so no loop is needed."
_ONE_MINUS_G = ("You returned 1 - g(z), which is also e^(-z) / (1 + e^(-z)): multiply it by g(z), "
                "g'(z) = g(z) (1 - g(z)); written with e^(-z), the derivative has (1 + e^(-z)) squared below, "
                "e^(-z) / (1 + e^(-z))^2.")
_SIGMOID_GRADIENT_MISTAKES = [
    Mistake("g(z) instead of g'(z)", "return sigmoid(z)",
            "You returned g(z), the sigmoid itself; its slope is g(z) (1 - g(z))."),
    Mistake("formula applied to z", "return z * (1 - z)",
            "You computed z (1 - z): apply the formula to g(z), not to z: g(z) (1 - g(z))."),
    Mistake("plus instead of minus", "g = sigmoid(z)\nreturn g * (1 + g)",
            "Check the sign: g'(z) = g(z) (1 - g(z)), with a minus."),
    Mistake("1 - g(z)", "return 1 - sigmoid(z)", _ONE_MINUS_G),
    Mistake("g'(g(z))", "g = sigmoid(sigmoid(z))\nreturn g * (1 - g)",
            "You applied the sigmoid twice: this is g'(g(z)). Apply the formula to g(z) once: "
            "g = sigmoid(z), then g * (1 - g)."),
    Mistake("(1 - g(z)) squared", "g = sigmoid(z)\nreturn g * (1 - g) ** 2",
            "Mind the brackets: g(z) (1 - g(z)) has (1 - g(z)) once."),
    Mistake("(1 + e^(-z)) not squared", "return np.exp(-z) / (1 + np.exp(-z))", _ONE_MINUS_G),
    Mistake("returns a list", "return [sigmoid(v) * (1 - sigmoid(v)) for v in z]", _NO_LOOP_NEEDED, rule=True),
    Mistake("math.exp instead of np.exp", "import math\ng = 1 / (1 + math.exp(-z))\nreturn g * (1 - g)",
            _MATH_HINT.strip(), rule=True),
]


def check_sigmoid_gradient(fn, seed=None):
    """Exercise 2: g'(z) = g(z) (1 - g(z)), elementwise, on any shape."""
    __tracebackhide__ = True
    rng = np.random.default_rng(2 if seed is None else [2, seed])
    cases = [
        (np.array([-1.0, -0.5, 0.0, 0.5, 1.0]),),
        (rng.normal(0.0, 3.0, (3, 4)),),
        (rng.normal(0.0, 2.0, (2, 3, 2)),),
        (np.array([[-30.0, 30.0, 2.5]]),),
    ]
    table = _SIGMOID_GRADIENT_MISTAKES
    _check_all(fn, sigmoid_gradient, cases, "sigmoid_gradient", table, returns="g'(z)",
               forbidden=(activations.sigmoid_gradient,), list_hint=says(table, "returns a list"),
               hidden=seed is not None)
    got = _call(fn, (0.0,), "sigmoid_gradient")
    compare("sigmoid_gradient(0.0)", got, 0.25, diagnoses=_diagnoses(table, "sigmoid_gradient"), args=(0.0,))
    passed("sigmoid_gradient is right on 1-D, 2-D and 3-D arrays and on a single number; "
           "its largest value is g'(0) = 0.25.")


# ---------------------------------------------------------------- exercise 3: one-hot


_ONE_HOT_ROW_BY_ROW = (
    "one_hot gives the right matrix, but builds it one label at a time with {kind}: this exercise asks for no "
    "loop, and map or np.apply_along_axis is a loop written another way. numpy does the whole array at once when "
    "you index with arrays: Y[rows, cols] = 1 sets Y[rows[i], cols[i]] for every i together. Which rows and which "
    "columns hold the 1s?")
_ONE_HOT_LOOP = (
    "one_hot gives the right matrix, but with {kind}: this exercise asks for none. numpy does the whole array at "
    "once when you index with arrays: Y[rows, cols] = 1 sets Y[rows[i], cols[i]] for every i together (and an "
    "array indexed by an array of row numbers, A[y], picks those rows). Which rows and which columns hold the 1s?")
_FOR_EACH_LABEL = "Y = np.zeros((len(y), K))\nfor i in range(len(y)):\n    Y[i, y[i]] = 1.0\nreturn Y"
_ONE_HOT_MISTAKES = [
    Mistake("transposed", "return np.eye(K)[y].T",
            "Your matrix is transposed: one row per example (m rows) and one column per class (K columns)."),
    Mistake("K from the labels", "return np.eye(y.max() + 1)[y]",
            "Use K for the number of columns, not the largest label + 1: a class may be missing from y."),
    Mistake("1-based labels", "return np.eye(K)[np.clip(y - 1, 0, K - 1)]",
            "Labels here run 0..K-1, so label y goes in column y (no - 1)."),
    Mistake("1-based labels, wrapping around", "return np.eye(K)[y - 1]",
            "Every 1 is one column to the left of its label (label 0 went to the last column): the labels "
            "are shifted by one. Labels here run 0..K-1, so label y goes in column y (no - 1)."),
    Mistake("whole columns set", "Y = np.zeros((len(y), K))\nY[:, y] = 1\nreturn Y",
            "Every row has a 1 in the column of every label present: Y[:, y] = 1 sets whole columns. Index a row "
            "and a column together, one pair per example: Y[np.arange(m), y] = 1."),
    Mistake("labels compared with 1..K", "return (y[:, None] == np.arange(1, K + 1)).astype(float)",
            "You compared the labels with 1..K: labels here run 0..K-1 (np.arange(K)), so label 0 lost its 1."),
    Mistake("rows in sorted order", "return np.eye(K)[np.sort(y)]",
            "Your rows are in sorted order: row i must belong to example i, in the order of y."),
    Mistake("identity of size m", "return np.eye(len(y))[y]",
            "np.eye(m) has m columns: the identity to pick rows from is np.eye(K), one column per class."),
    Mistake("row by row with map", "return np.array(list(map(lambda label: np.eye(K)[label], y)))",
            _ONE_HOT_ROW_BY_ROW.format(kind="map"), words="builds it one label at a time with map", rule=True),
    Mistake("row by row with np.apply_along_axis",
            "return np.apply_along_axis(lambda row: np.eye(K)[row[0]], 1, np.asarray(y)[:, None])",
            _ONE_HOT_ROW_BY_ROW.format(kind="apply_along_axis"),
            words="builds it one label at a time with apply_along_axis", rule=True),
    Mistake("a loop over examples", _FOR_EACH_LABEL, _ONE_HOT_LOOP.format(kind="a for loop"),
            words="but with a for loop: this exercise asks for none", rule=True),
    Mistake("a loop over the labels",
            "Y = np.zeros((len(y), K))\nfor i, label in enumerate(y):\n    Y[i, label] = 1.0\nreturn Y",
            _ONE_HOT_LOOP.format(kind="a for loop"), words="but with a for loop: this exercise asks for none",
            rule=True),
    Mistake("a list comprehension", "return np.array([[1.0 if k == label else 0.0 for k in range(K)] for label in y])",
            _ONE_HOT_LOOP.format(kind="a comprehension"), words="but with a comprehension: this exercise asks for none",
            rule=True),
    Mistake("a while loop",
            "Y = np.zeros((len(y), K))\ni = 0\nwhile i < len(y):\n    Y[i, y[i]] = 1.0\n    i += 1\nreturn Y",
            _ONE_HOT_LOOP.format(kind="a while loop"), words="but with a while loop: this exercise asks for none",
            rule=True),
]


def check_one_hot(fn, seed=None):
    """Exercise 3: one_hot(y, K) -> (m, K) with a single 1 per row, in column y_i."""
    __tracebackhide__ = True
    rng = np.random.default_rng(3 if seed is None else [3, seed])
    cases = [
        (np.array([0, 2, 1, 2, 0]), 3),
        (rng.integers(0, 4, 9), 5),  # label 4 never occurs: K must come from the argument
        (np.array([9, 0, 3, 7]), 10),
    ]
    forbidden = (network.one_hot, one_hot_unchecked)
    _check_all(fn, network.one_hot, cases, "one_hot", _ONE_HOT_MISTAKES, returns="Y", forbidden=forbidden,
               hidden=seed is not None)
    row_by_row = sorted({"map", "apply_along_axis", "vectorize", "frompyfunc", "fromiter"} & names_reached(fn))
    if row_by_row:
        raise CheckFailed(_ONE_HOT_ROW_BY_ROW.format(kind=row_by_row[0]))
    loops = loops_in(fn)
    if loops:
        raise CheckFailed(_ONE_HOT_LOOP.format(kind=loops[0]))
    _growth_loop(fn, cases[0], "one_hot", "Index with arrays instead: Y[np.arange(m), y] = 1, or np.eye(K)[y].",
                 forbidden=forbidden)
    passed("one_hot is right: row i holds a single 1, in column y_i, without a loop.")


# ---------------------------------------------------------------- exercise 4: forward pass


def _matmul_says(name):
    return _hints(name)["matmul"].strip()


_A1 = "a1 = np.hstack([np.ones((m, 1)), X])\n"
_A2 = "a2 = np.hstack([np.ones((m, 1)), sigmoid(a1 @ Theta1.T)])\n"
_NO_BIAS_WEIGHTS = (
    "Your result ignores the bias weights (column 0 of each Theta): add a column of ones to A^(1) and to A^(2) and "
    "multiply by the whole Theta. (A column of zeros, np.zeros((m, 1)), gives this too: the bias unit is a_0 = 1, "
    "so the column is np.ones((m, 1)).)")
_FORWARD_PASS_MISTAKES = [
    Mistake("no bias column on the input",
            "a2 = np.hstack([np.ones((m, 1)), sigmoid(X @ Theta1.T)])\nreturn sigmoid(a2 @ Theta2.T)",
            _matmul_says("forward_pass"), words="a missing bias column", rule=True),
    Mistake("no bias column on the hidden layer", _A1 + "a2 = sigmoid(a1 @ Theta1.T)\nreturn sigmoid(a2 @ Theta2.T)",
            _matmul_says("forward_pass"), words="a missing bias column", rule=True),
    Mistake("elementwise instead of matrix product",
            _A1 + "a2 = np.hstack([np.ones((m, 1)), sigmoid(a1 * Theta1)])\nreturn sigmoid(a2 * Theta2)",
            _BROADCAST_HINT.strip(), words="Where the equation has a matrix product", rule=True),
    Mistake("no sigmoid at the output", _A1 + _A2 + "return a2 @ Theta2.T",
            "You returned Z^(3): apply the sigmoid g to the output layer too, h = g(Z^(3))."),
    Mistake("bias weights dropped", "a2 = sigmoid(X @ Theta1[:, 1:].T)\nreturn sigmoid(a2 @ Theta2[:, 1:].T)",
            _NO_BIAS_WEIGHTS),
    Mistake("zeros as the bias column", (_A1 + _A2).replace("np.ones", "np.zeros") + "return sigmoid(a2 @ Theta2.T)",
            _NO_BIAS_WEIGHTS),
    Mistake("zeros as the input's bias column",
            _A1.replace("np.ones", "np.zeros") + _A2 + "return sigmoid(a2 @ Theta2.T)",
            "The column you put in front of X holds zeros: the bias unit is a_0 = 1, so A^(1) = [1, X] with "
            "np.ones((m, 1)); zeros multiply the bias weights away."),
    Mistake("zeros as the hidden layer's bias column",
            _A1 + _A2.replace("np.ones", "np.zeros") + "return sigmoid(a2 @ Theta2.T)",
            "The column you put in front of g(Z^(2)) holds zeros: the bias unit is a_0 = 1, so "
            "A^(2) = [1, g(Z^(2))] with np.ones((m, 1)); zeros multiply the bias weights away."),
    Mistake("returns h.T", _A1 + _A2 + "return sigmoid(a2 @ Theta2.T).T",
            "Did you return h.T? Your h is (K, m); one row per example makes it (m, K).", words="Did you return h.T?"),
    Mistake("bias column on the right",
            "a1 = np.hstack([X, np.ones((m, 1))])\na2 = np.hstack([sigmoid(a1 @ Theta1.T), np.ones((m, 1))])\n"
            "return sigmoid(a2 @ Theta2.T)",
            "You appended the column of ones on the right: the bias unit comes first, a = [1, A], "
            "np.hstack([np.ones((m, 1)), A]), because column 0 of each Theta holds the bias weights."),
    Mistake("bias added before the sigmoid",
            _A1 + "a2 = sigmoid(np.hstack([np.ones((m, 1)), a1 @ Theta1.T]))\nreturn sigmoid(a2 @ Theta2.T)",
            "You added the column of ones before applying the sigmoid, so the bias unit became g(1) = 0.73 "
            "instead of 1: apply g to Z^(2) first, then put the ones in front, A^(2) = [1, g(Z^(2))]."),
    Mistake("missing transpose",
            _A1 + "a2 = np.hstack([np.ones((m, 1)), sigmoid(a1 @ Theta1)])\nreturn sigmoid(a2 @ Theta2)",
            _matmul_says("forward_pass"), words="A missing .T is the usual cause", rule=True),
    Mistake("returns h and a2", _A1 + _A2 + "return sigmoid(a2 @ Theta2.T), a2",
            "returned a tuple of 2 items; return only h", rule=True),
    Mistake("a loop over examples", code.FORWARD_ROWS.format(rows="X"), _rows_says("forward_pass"), rule=True),
    Mistake("a loop over np.asarray(X)", code.FORWARD_ROWS.format(rows="np.asarray(X)"), _growth_says("forward_pass"),
            rule=True),
    Mistake("a loop over a filled copy", code.FORWARD_FILLED_COPY, _growth_says("forward_pass"), rule=True),
]


def check_forward_pass(fn, seed=None):
    """Exercise 4: forward_pass(thetas, X) -> h (m, K) for a 3-layer network."""
    __tracebackhide__ = True
    _check_all(fn, lambda ts, X: network.forward(ts, X).h, _cases(with_lam=False, seed=seed), "forward_pass",
               _FORWARD_PASS_MISTAKES, returns="h", forbidden=(network.forward, network.predict_proba),
               hidden=seed is not None)
    _no_row_loop(fn, _cases(with_lam=False), "forward_pass")
    passed("forward_pass is right: h = g(Theta^(2) [1, g(Theta^(1) [1, x])]) for every example at once.")


# ---------------------------------------------------------------- exercise 5: cost


#: What nn_cost may build on: the reference forward pass (and sigmoid_gradient, one_hot, if it calls them).
_COST_SWAP = {name: EARLIER[name] for name in ("sigmoid_gradient", "one_hot", "forward_pass")}

_H = "h = forward_pass(thetas, X)\n"
_DATA = _H + "J = -np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h)) / m\n"
_NO_M = _DATA.replace(" / m\n", "\n")
_PENALTY = "sum(np.sum(t[:, 1:] ** 2) for t in thetas)"
_RIGHT_COST = f"return J + lam / (2 * m) * {_PENALTY}"
_SQUARES = "it is the sum of the squares, "
_IN_PLACE = "{name} changed one of its input arrays in place; work on a copy instead"
_NN_COST_MISTAKES = [
    Mistake("regularizes the bias column", _DATA + "return J + lam / (2 * m) * sum(np.sum(t ** 2) for t in thetas)",
            "You regularized the bias column too: leave column 0 of each Theta out of the "
            "regularization sum (Theta[:, 1:])."),
    Mistake("penalty skips row 0, not column 0",
            _DATA + "return J + lam / (2 * m) * sum(np.sum(t[1:, :] ** 2) for t in thetas)",
            "Your penalty leaves out row 0 of each Theta (Theta[1:, :]); the bias weights are column 0 "
            "(Theta[:, 1:] keeps the rest): rows are units of the next layer, columns the inputs."),
    Mistake("matrix product for y log h",
            _H + "J = -np.sum(Y @ np.log(h).T + (1 - Y) @ np.log(1 - h).T) / m\n" + _RIGHT_COST,
            "You used matrix products (@) for y log h: that pairs every example with every other. The sum is "
            "elementwise: np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h))."),
    Mistake("penalty of sizes, not squares",
            _DATA + "return J + lam / (2 * m) * sum(np.sum(np.abs(t[:, 1:])) for t in thetas)",
            "Your penalty adds the sizes |Theta| of the weights: it adds their squares, Theta ** 2."),
    Mistake("divided by K instead of m",
            _H + "K = Y.shape[1]\nJ = -np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h)) / K\n"
            f"return J + lam / (2 * K) * {_PENALTY}",
            "You divided by K (Y.shape[1], the number of outputs) where J divides by m = X.shape[0], the number "
            "of examples."),
    Mistake("lambda/m instead of lambda/(2m)", _DATA + f"return J + lam / m * {_PENALTY}",
            "Your regularization term is twice too big: it is (lambda / 2m) times the sum of squares, "
            "not lambda/m (lambda/m belongs to the gradient)."),
    Mistake("penalty not divided by m", _DATA + f"return J + lam / 2 * {_PENALTY}",
            "Your regularization term is not divided by m: it is (lambda / 2m) times the sum of squares."),
    Mistake("lam / 2 * m (operator precedence)", _DATA + f"return J + lam / 2 * m * {_PENALTY}",
            "Write lam / (2 * m), with brackets: Python reads lam / 2 * m as (lam / 2) * m, left to right, so your "
            "regularization term is multiplied by m instead of divided by it."),
    Mistake("square of each sum", _DATA + "return J + lam / (2 * m) * sum(np.sum(t[:, 1:]) ** 2 for t in thetas)",
            "Your penalty squares the sum of each Theta's weights, (sum Theta)^2: " + _SQUARES
            + "np.sum(Theta[:, 1:] ** 2), each weight squared before adding."),
    Mistake("square of the total sum", _DATA + "return J + lam / (2 * m) * sum(np.sum(t[:, 1:]) for t in thetas) ** 2",
            "Your penalty squares the sum of all the weights, (sum Theta)^2: " + _SQUARES
            + "each weight squared before adding (np.sum(Theta[:, 1:] ** 2) for each Theta)."),
    Mistake("only Theta1 regularized",
            _DATA + "Theta1, Theta2 = thetas\nreturn J + lam / (2 * m) * np.sum(Theta1[:, 1:] ** 2)",
            "Only Theta^(1) is regularized: the penalty sums the squared weights of every Theta (l = 1 and 2), "
            "bias columns left out."),
    Mistake("only Theta2 regularized",
            _DATA + "Theta1, Theta2 = thetas\nreturn J + lam / (2 * m) * np.sum(Theta2[:, 1:] ** 2)",
            "Only Theta^(2) is regularized: the penalty sums the squared weights of every Theta (l = 1 and 2), "
            "bias columns left out."),
    Mistake("missing 1/m", _NO_M + _RIGHT_COST, "You forgot the 1/m: J averages the cost over the m examples."),
    Mistake("missing 1/m, penalty not divided by m", _NO_M + f"return J + lam / 2 * {_PENALTY}",
            "You forgot the 1/m: J averages the cost over the m examples (and the penalty is lambda/2m).",
            words="You forgot the 1/m: J averages the cost over the m examples"),  # the same as above when lam = 0
    Mistake("only the y = 1 term", _H + "J = -np.sum(Y * np.log(h)) / m\n" + _RIGHT_COST,
            "Only the y log h part is there: each term is -[y log h + (1 - y) log(1 - h)], so the "
            "outputs that should be 0 count too."),
    Mistake("averaged over K too", _H + "J = -np.mean(Y * np.log(h) + (1 - Y) * np.log(1 - h))\n" + _RIGHT_COST,
            "You averaged over the K outputs too: J sums over k = 1..K and averages over the m examples only."),
    Mistake("wrong sign", _DATA.replace("J = -np.sum", "J = np.sum") + _RIGHT_COST,
            "Your cost has the wrong sign: J = -(1/m) sum [y log h + (1 - y) log(1 - h)] is positive."),
    Mistake("no regularization", _DATA + "return J",
            "The regularization term is missing: add (lambda / 2m) times the sum of the squared "
            "weights, bias columns left out."),
    Mistake("zeroes the bias column of the caller's Theta",
            _DATA + "for theta in thetas:\n    theta[:, 0] = 0\n"
            "return J + lam / (2 * m) * sum(np.sum(t ** 2) for t in thetas)",
            _IN_PLACE.format(name="nn_cost"), rule=True),
    Mistake("returns J and the gradients",
            _DATA + f"J += lam / (2 * m) * {_PENALTY}\nreturn J, [np.zeros_like(t) for t in thetas]",
            "Return only J (the gradients come in exercise 6).", rule=True),
    Mistake("returns [J]", _DATA + f"return [J + lam / (2 * m) * {_PENALTY}]",
            "should be one number; got a list of 1 item", rule=True),
    Mistake("returns a 1x1 array", _DATA + f"J += lam / (2 * m) * {_PENALTY}\nreturn np.array([[J]])",
            "Return a single number: float(J).", rule=True),
]


def check_nn_cost(fn, seed=None):
    """Exercise 5: the regularized logistic cost J(Theta) of a 3-layer network.

    Graded with the reference forward pass swapped in for the learner's ``forward_pass``.
    """
    __tracebackhide__ = True
    _check_all(fn, network.cost, _cases(seed=seed), "nn_cost", _NN_COST_MISTAKES, rtol=1e-7, returns="J",
               single_hint=says(_NN_COST_MISTAKES, "returns J and the gradients"),
               swap=_COST_SWAP, forbidden=(network.cost, network.backprop, fast.cost_and_gradient,
                                           fast.logistic_cost, fast.backprop), hidden=seed is not None)
    thetas, X, Y = example_network()
    J0, J1 = network.cost(thetas, X, Y, 0.0), network.cost(thetas, X, Y, 1.0)
    swap = _COST_SWAP
    got0 = float(np.ravel(_call(fn, (thetas, X, Y, 0.0), "nn_cost", swap=swap))[0])
    got1 = float(np.ravel(_call(fn, (thetas, X, Y, 1.0), "nn_cost", swap=swap))[0])
    passed(f"nn_cost is right. Example network: J = {got0:.6f} with lambda = 0 (expected {J0:.6f}), "
           f"{got1:.6f} with lambda = 1 (expected {J1:.6f}).")


# ---------------------------------------------------------------- exercise 6: backprop


_REG = code.REG
_NOT_NUMERICAL = (
    "Your gradients agree with backpropagation to only a few digits, as a numerical gradient does; backpropagation "
    "is exact to rounding (relative 1e-9 here). This exercise asks for backpropagation, the five steps above, not "
    "for differences of the cost.")
_NN_GRADIENTS_MISTAKES = [
    Mistake("g(z) where g'(z) belongs", code.backprop(delta2="delta2 = (delta3 @ Theta2[:, 1:]) * sigmoid(z2)\n"),
            "You multiplied by g(Z^(2)) where the slope g'(Z^(2)) = g(z) (1 - g(z)) belongs: "
            "delta^(2) = (delta^(3) Theta^(2) without its bias column) * g'(Z^(2))."),
    Mistake("divided by m K",
            code.backprop(grads="grad1 = delta2.T @ a1 / (m * Y.shape[1])\ngrad2 = delta3.T @ a2 / (m * Y.shape[1])\n"),
            "Your gradients are 1/K of the right ones: you divided by m K. J averages over the m examples "
            "only (it sums over the K outputs), so Delta^(l) = delta^(l+1)^T A^(l) / m."),
    Mistake("transposed gradients",
            code.backprop(grads="grad1 = (a1.T @ delta2 / m).T\ngrad2 = (a2.T @ delta3 / m).T\n",
                          reg=_REG.replace("return [grad1, grad2]", "return [grad1.T, grad2.T]")),
            "Your gradients are transposed: dJ/dTheta^(l) has the shape of Theta^(l), "
            "so Delta^(l) = delta^(l+1)^T A^(l), not A^(l)^T delta^(l+1)."),
    Mistake("delta keeps the bias column",
            code.backprop(delta2="delta2 = (delta3 @ Theta2) * (a2 * (1 - a2))\n",
                          reg=_REG.replace("grad1[:, 1:] +=", "grad1[1:, 1:] +=")),
            "Your dJ/dTheta^(1) has one row too many: drop the bias column of delta^(2) "
            "(use Theta^(2)[:, 1:]); the bias unit a_0 = 1 has no weights coming in, so no error to send back."),
    Mistake("slope of a instead of z",
            code.backprop(delta2="delta2 = (delta3 @ Theta2[:, 1:]) * sigmoid_gradient(sigmoid(z2))\n"),
            "You applied the slope to A^(2) instead of Z^(2): g'(Z^(2)) = A^(2) (1 - A^(2)), "
            "not sigmoid_gradient(A^(2))."),
    Mistake("output error times g'(z3)",
            code.backprop(forward=code.FORWARD.replace("delta3 = a3 - Y", "delta3 = (a3 - Y) * a3 * (1 - a3)")),
            "You multiplied delta^(3) by g'(Z^(3)): with the logistic cost, delta^(3) = A^(3) - y exactly; "
            "g' cancels."),
    Mistake("regularization subtracted", code.backprop(reg=_REG.replace("+=", "-=")),
            "Your regularization term has the wrong sign: the penalty (lambda / 2m) Theta^2 grows with Theta, "
            "so its gradient (lambda/m) Theta is added (+=), not subtracted."),
    Mistake("error with the wrong sign",
            code.backprop(forward=code.FORWARD.replace("delta3 = a3 - Y", "delta3 = Y - a3")),
            "Your gradients have the wrong sign: the output error is delta^(3) = A^(3) - y, not y - A^(3)."),
    Mistake("missing 1/m, no regularization",
            code.backprop(grads="grad1 = delta2.T @ a1\ngrad2 = delta3.T @ a2\n", reg="return [grad1, grad2]"),
            "You forgot the 1/m: Delta^(l) = delta^(l+1)^T A^(l) / m (and the regularization term is missing)."),
    Mistake("missing 1/m", code.backprop(grads="grad1 = delta2.T @ a1\ngrad2 = delta3.T @ a2\n"),
            "You forgot the 1/m: Delta^(l) = delta^(l+1)^T A^(l) / m averages over the examples.",
            words="You forgot the 1/m: Delta^(l) = delta^(l+1)^T A^(l) / m"),
    Mistake("regularizes the bias column",
            code.backprop(reg="grad1 += lam / m * Theta1\ngrad2 += lam / m * Theta2\nreturn [grad1, grad2]"),
            "You regularized the bias column too: its gradient gets no (lambda/m) Theta term, "
            "only columns 1 onwards do."),
    Mistake("lambda/(2m) in the gradient", code.backprop(reg=_REG.replace("lam / m", "lam / (2 * m)")),
            "Your regularization gradient is half what it should be: the derivative of "
            "(lambda / 2m) Theta^2 is (lambda/m) Theta, not lambda/(2m) Theta."),
    Mistake("2 lambda/m in the gradient", code.backprop(reg=_REG.replace("lam / m", "2 * lam / m")),
            "Your regularization gradient is twice too big: it is (lambda/m) Theta."),
    Mistake("regularization skips row 0, not column 0",
            code.backprop(reg="grad1[1:, :] += lam / m * Theta1[1:, :]\ngrad2[1:, :] += lam / m * Theta2[1:, :]\n"
                              "return [grad1, grad2]"),
            "Your regularization skips row 0 instead of column 0: the bias weights are column 0 of each Theta, "
            "so add (lambda/m) Theta[:, 1:] to grad[:, 1:]."),
    Mistake("lambda without /m", code.backprop(reg=_REG.replace("lam / m", "lam")),
            "Your regularization gradient is m times too big: lambda Theta is not divided by m. The derivative "
            "of (lambda / 2m) Theta^2 is (lambda/m) Theta: write lam / m * Theta[:, 1:]."),
    Mistake("only Theta1 regularized",
            code.backprop(reg="grad1[:, 1:] += lam / m * Theta1[:, 1:]\nreturn [grad1, grad2]"),
            "Only dJ/dTheta^(1) has its regularization term: add (lambda/m) Theta^(2) to grad2 too "
            "(every column but the bias column)."),
    Mistake("only Theta2 regularized",
            code.backprop(reg="grad2[:, 1:] += lam / m * Theta2[:, 1:]\nreturn [grad1, grad2]"),
            "Only dJ/dTheta^(2) has its regularization term: add (lambda/m) Theta^(1) to grad1 too "
            "(every column but the bias column)."),
    Mistake("zeros as the bias column", code.backprop(forward=code.FORWARD.replace("np.ones", "np.zeros")),
            "Your bias columns hold zeros: the bias unit is a_0 = 1, so A^(1) = [1, X] and A^(2) = [1, g(Z^(2))] "
            "with np.ones((m, 1)). With zeros, the bias weights get no gradient and have no effect."),
    Mistake("no regularization", code.backprop(reg="return [grad1, grad2]"),
            "The regularization gradient is missing: add (lambda/m) Theta to every column but the bias column."),
    Mistake("zeroes the bias column of the caller's Theta",
            code.backprop(reg="Theta1[:, 0] = 0\nTheta2[:, 0] = 0\ngrad1 += lam / m * Theta1\n"
                              "grad2 += lam / m * Theta2\nreturn [grad1, grad2]"),
            _IN_PLACE.format(name="nn_gradients"), rule=True),
    Mistake("elementwise product for Delta",
            code.backprop(grads="grad1 = delta2.T * a1 / m\ngrad2 = delta3.T * a2 / m\n"),
            _BROADCAST_HINT.strip(), words="matrix product", rule=True),
    Mistake("no bias column on the hidden layer",
            code.backprop(forward="a1 = np.hstack([np.ones((m, 1)), X])\nz2 = a1 @ Theta1.T\na2 = sigmoid(z2)\n"
                                  "a3 = sigmoid(a2 @ Theta2.T)\ndelta3 = a3 - Y\n"),
            _matmul_says("nn_gradients"), words="a missing bias column", rule=True),
    Mistake("missing .T in Delta", code.backprop(grads="grad1 = delta2 @ a1 / m\ngrad2 = delta3 @ a2 / m\n"),
            _matmul_says("nn_gradients"), rule=True),
    Mistake("numerical gradient passed off as backprop", code.BACKPROP_NUMERICAL, _NOT_NUMERICAL, rule=True),
    Mistake("a loop over examples", code.BACKPROP_ROWS.format(**code.BACKPROP_ROWS_BY_INDEX),
            _rows_says("nn_gradients"), rule=True),
    Mistake("a loop over np.asarray(X)", code.BACKPROP_ROWS.format(**code.BACKPROP_ROWS_OF_A_COPY),
            _growth_says("nn_gradients"), rule=True),
]


def _saturated_network():
    """A network whose outputs round to exactly 1 (output biases of 45): the cost is infinite there
    (log(1 - h) = log 0) but backpropagation's gradient is finite, delta^(3) = h - y."""
    thetas, X, Y = _network([3, 5, 4], 7, seed=77)
    thetas[1][:, 0] = 45.0
    return thetas, X, Y, 0.5


def check_nn_gradients(fn, seed=None):
    """Exercise 6: vectorized backprop, [dJ/dTheta^(1), dJ/dTheta^(2)].

    Graded with the reference sigmoid_gradient and forward_pass swapped in for the learner's, to a
    tolerance (relative 1e-9) that a numerical gradient does not meet, plus a network whose outputs
    saturate, where a numerical gradient of the cost is NaN and backpropagation is not.
    """
    __tracebackhide__ = True
    swap = {name: EARLIER[name] for name in ("sigmoid_gradient", "one_hot", "forward_pass")}
    forbidden = (network.backprop, network.cost, gradcheck.numerical_gradient, gradcheck.gradient_check,
                 fast.backprop, fast.cost_and_gradient)
    cases = _cases(seed=seed)
    try:
        _check_all(fn, lambda *a: network.backprop(*a)[1], cases, "nn_gradients", _NN_GRADIENTS_MISTAKES,
                   rtol=1e-9, atol=1e-12, swap=swap, forbidden=forbidden, hidden=seed is not None)
    except CheckFailed as failed:
        if "in place" in str(failed):  # that is the diagnosis: not a question of digits
            raise
        try:
            with np.errstate(all="ignore"):
                approx = all(_all_close(_call(fn, copy_args(case), "nn_gradients", swap=swap,
                                              forbidden=forbidden),
                                        network.backprop(*case)[1], rtol=1e-4, atol=1e-7) for case in cases)
        except CheckFailed:
            approx = False
        if not approx:
            raise
        raise CheckFailed(f"{failed} {says(_NN_GRADIENTS_MISTAKES, 'numerical gradient passed off as backprop')}"
                          ) from None
    _no_row_loop(fn, cases, "nn_gradients", swap=swap)
    saturated = _saturated_network()
    with np.errstate(all="ignore"):
        got = _call(fn, saturated, "nn_gradients", swap=swap, forbidden=forbidden)
    if not all(np.all(np.isfinite(np.asarray(g, dtype=float))) for g in got):
        raise CheckFailed(
            "On a network whose outputs round to exactly 1, your nn_gradients returns NaN or infinity, "
            "where backpropagation gives finite numbers (delta^(3) = h - y is finite even when log(1 - h) is "
            "not). Differentiating the cost numerically does that: this exercise asks for backpropagation, "
            "the five steps above, with no call of nn_cost.")
    compare("nn_gradients on a network with saturated outputs", list(got),
            network.backprop(*saturated)[1], rtol=1e-9, atol=1e-12, hidden=seed is not None)
    passed("nn_gradients is right: it equals nnlib.backprop on four networks (K = 3 to 6, lambda 0 to 2).")


# ---------------------------------------------------------------- exercise 7: numerical gradient


_KEEP_SHAPE = "Perturb a copy of theta, shaped like theta, and pass that to f."


class _TestFunction:
    """A smooth function of an array of one shape, curved enough to tell the differences apart."""

    def __init__(self, shape, kind):
        self.shape, self.kind = shape, kind

    def __call__(self, t):
        t = np.asarray(t, dtype=float)
        if t.shape != self.shape:
            raise ValueError(f"f expects an array of shape {self.shape}; it was given shape {t.shape}. {_KEEP_SHAPE}")
        if self.kind == "sin":
            return float(np.sum(np.sin(t) * t ** 2) + np.sum(t) ** 2)
        return float(np.sum(t ** 3) / 3 + np.prod(np.cos(t)))

    def __repr__(self):
        return "f"


_SHIFTED = ("Make fresh copies inside the loop (plus, minus = theta.copy(), theta.copy() for every idx), so that only "
            "entry idx is moved.")
_NUMERICAL_GRADIENT_MISTAKES = [
    Mistake("one-sided differences", code.ONE_SIDED,
            "You used one-sided differences (f(theta + eps) - f(theta)) / eps: use central differences, "
            "(f(theta + eps) - f(theta - eps)) / (2 eps), which are far more accurate."),
    Mistake("one-sided differences, backwards", code.CENTRAL.format(difference="(f(theta) - f(minus)) / eps"),
            "You used one-sided differences (f(theta) - f(theta - eps)) / eps: use central differences, "
            "(f(theta + eps) - f(theta - eps)) / (2 eps)."),
    Mistake("divides by eps, not 2 eps", code.CENTRAL.format(difference="(f(plus) - f(minus)) / eps"),
            "Your values are twice too big: the two points are 2 eps apart, so divide by 2 eps."),
    Mistake("copies made once, outside the loop", code.COPIES_ONCE,
            "Only the first entry is right: plus and minus were copied once, before the loop, so every nudge "
            "stays in them and they drift further from theta at each entry. " + _SHIFTED),
    Mistake("one copy made once, never put back", code.ONE_COPY_ONCE,
            "Only the first entry is right: the copy was made once, before the loop, and each entry was left "
            "at -eps after its turn, so the later entries are measured away from theta. " + _SHIFTED),
    Mistake("moves every entry at once", "return np.full(theta.shape, (f(theta + eps) - f(theta - eps)) / (2 * eps))",
            "Every entry got the same value because you moved all of theta at once: move one entry at a time "
            "(a loop over np.ndindex(theta.shape)), the others unchanged."),
    Mistake("changes the caller's theta", code.IN_PLACE.format(restore=""), _IN_PLACE.format(name="numerical_gradient"),
            rule=True),
    Mistake("perturbs and restores the caller's theta", code.IN_PLACE.format(restore="    theta[idx] += eps\n"),
            "Adding and subtracting eps does not always give back exactly the same float; perturb a copy.", rule=True),
    Mistake("flattens theta before calling f", code.FLATTENED,
            _KEEP_SHAPE, rule=True),  # the error of the check's f
    Mistake("returns a list", code.AS_A_LIST,
            "Start from grad = np.zeros_like(theta) and fill it entry by entry in your loop.", rule=True),
]


def check_numerical_gradient(fn, seed=None):
    """Exercise 7: central differences (f(theta + eps e_i) - f(theta - eps e_i)) / (2 eps)."""
    __tracebackhide__ = True
    rng = np.random.default_rng(7 if seed is None else [7, seed])
    cases = [
        (_TestFunction((3, 4), "sin"), rng.normal(0, 1, (3, 4)), 1e-3),
        (_TestFunction((5,), "cube"), rng.normal(0, 1, 5), 1e-2),
        (_TestFunction((2, 3), "cube"), rng.normal(0, 1, (2, 3)), 1e-4),
    ]

    def reference(f, theta, eps):
        return nn_numerical_gradient(lambda ts: f(ts[0]), [theta], eps)[0]

    table = _NUMERICAL_GRADIENT_MISTAKES
    _check_all(fn, reference, cases, "numerical_gradient", table, rtol=1e-7, atol=1e-10, returns="grad",
               list_hint=says(table, "returns a list"), forbidden=(gradcheck.numerical_gradient,),
               hidden=seed is not None)
    passed("numerical_gradient is right: central differences, one entry at a time, any shape of theta.")


# ---------------------------------------------------------------- exercise 8: gradient check


# ---------------------------------------------------------------- earlier answers, named (for exercises 8 and 10)


#: The exercise of each earlier answer, to name in a message ("fix exercise 9 first").
EXERCISE = {"theta_shapes": 1, "sigmoid_gradient": 2, "one_hot": 3, "forward_pass": 4, "nn_cost": 5,
            "nn_gradients": 6, "numerical_gradient": 7, "rand_init": 9}


def _probe(name):
    """Arguments on which an earlier answer is tried when a later exercise names what went wrong."""
    thetas, X, Y = example_network()
    return {
        "sigmoid_gradient": (np.linspace(-2.0, 2.0, 5),),
        "one_hot": (np.array([0, 2, 1, 9, 3, 2]), 10),
        "forward_pass": (thetas, X),
        "nn_cost": (thetas, X, Y, 1.0),
        "nn_gradients": (thetas, X, Y, 1.0),
        "numerical_gradient": (_TestFunction((2, 3), "cube"), np.random.default_rng(8).normal(0, 1, (2, 3)), 1e-4),
        "rand_init": (64, 25, 0),
    }[name]


def _shape_of(value):
    """The shape of an array, the list of shapes of a list of arrays, or None."""
    try:
        if isinstance(value, (list, tuple)):
            return [np.shape(v) for v in value]
        return np.shape(value)
    except (TypeError, ValueError):
        return None


def earlier_trouble(name, fn):
    """What is wrong with the learner's earlier answer ``name`` (its own fault, the other earlier answers
    swapped for the references), in one clause, or None when it gives the reference result."""
    if fn is None or fn is Ellipsis:
        return f"{name} is not defined yet (exercise {EXERCISE[name]})"
    args = _probe(name)
    shown = f"{name}({', '.join(brief(a) for a in args)})"
    swap = {k: v for k, v in EARLIER.items() if k != name}
    try:
        with np.errstate(all="ignore"), contextlib.redirect_stdout(io.StringIO()):
            got = call(fn, copy_args(args), name, swap=swap, show=brief)
    except CheckFailed as exc:
        text = str(exc).rstrip(".")
        return text if len(text) <= 160 else text[:157] + "..."
    want = EARLIER[name](*args)
    if name == "rand_init":
        try:
            W = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            return f"{shown} returned {describe(got)}, not an array"
        if W.shape != want.shape:
            return f"{shown} returned shape {W.shape}, not {want.shape}"
        eps = np.sqrt(6.0 / 89)
        if not np.all(np.isfinite(W)) or np.abs(W).max() > eps * (1 + 1e-9) or np.all(W == W.flat[0]):
            return f"{shown} returned weights that are not random and uniform in [-eps, eps] (eps = {eps:.4f})"
        return None
    if _shape_of(got) != _shape_of(want):
        return f"{shown} returned shape {_shape_of(got)}, not {_shape_of(want)}"
    if not _all_close(got if isinstance(want, list) else [got], want if isinstance(want, list) else [want],
                      rtol=1e-7, atol=1e-10):
        return f"{name} does not give the right values (its own check, exercise {EXERCISE[name]}, fails)"
    return None


def fix_first(**answers):
    """'rand_init(64, 25, 0) returned shape (25, 64), not (25, 65): fix exercise 9 first' for every earlier
    answer given (name=function) that is wrong by itself, or "" when all are right."""
    found = []
    for name in sorted(answers, key=EXERCISE.get):
        trouble = earlier_trouble(name, answers[name])
        if trouble:
            found.append(f"{trouble}: fix exercise {EXERCISE[name]} ({name}) first")
    return "; ".join(found)



GC_EPS = 1e-5  # the lesson's epsilon


def _numeric(thetas, X, Y, lam, eps=GC_EPS):
    """The numerical gradients of the cost at ``thetas``, one Theta at a time, the others fixed."""
    def f(T, i):
        return network.cost([T if j == i else t for j, t in enumerate(thetas)], X, Y, lam)
    return [nn_numerical_gradient(lambda ts, i=i: f(ts[0], i), [theta], eps)[0] for i, theta in enumerate(thetas)]


def _all_close(a, b, rtol=1e-6, atol=1e-9, equal_nan=False):
    try:
        return len(a) == len(b) and all(np.shape(x) == np.shape(y) and np.allclose(np.asarray(x, float), y,
                                                                                      rtol=rtol, atol=atol,
                                                                                      equal_nan=equal_nan)
                                        for x, y in zip(a, b))
    except (TypeError, ValueError):
        return False


def _relative_difference(a, b):
    """||a - b|| / (||a|| + ||b||) over lists of arrays, NaN when either holds NaN.

    nnlib.relative_difference refuses NaN (a bug to report); here NaN gradients from an earlier
    wrong answer are a case to grade, so they give NaN instead of an error.
    """
    a = np.concatenate([np.ravel(np.asarray(g, float)) for g in a])
    b = np.concatenate([np.ravel(np.asarray(g, float)) for g in b])
    with np.errstate(all="ignore"):
        scale = np.linalg.norm(a) + np.linalg.norm(b)
        return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)



def _relative_difference_cases(seed=None):
    """Pairs of gradient lists that do NOT agree (and one that does): a wrong denominator such as
    ||a + b|| gives the right value only when a and b point the same way, as gradients that already
    agree do, so only unequal pairs tell the formulas apart."""
    rng = np.random.default_rng(8 if seed is None else [8, seed])
    shapes = [(3, 5), (4, 2)] if seed is None else [tuple(int(v) for v in rng.integers(2, 7, 2)) for _ in range(2)]
    a = [rng.normal(0, 1, s) for s in shapes]
    return [
        (a, [rng.normal(0, 1, s) for s in shapes]),                  # unrelated
        (a, [g + 0.3 * rng.normal(0, 1, g.shape) for g in a]),        # close, not equal
        (a, [3.0 * g for g in a[:1]] + [-g for g in a[1:]]),          # one matrix scaled, one flipped
        (a, [g.copy() for g in a]),                                   # equal: 0
    ]


def _rd(value):
    return code.RELATIVE_DIFFERENCE.format(value=value)


_JOIN_FIRST = ("join all entries of both matrices into one vector first (np.concatenate), then take one relative "
               "difference.")
_RELATIVE_DIFFERENCE_MISTAKES = [  # the first solution region of the gradient check's answer cell
    Mistake("not divided by the norms", _rd("np.linalg.norm(a - b)"),
            "You forgot to divide by ||a|| + ||b||: the difference is relative to the size of the gradients."),
    Mistake("divides by ||a + b||", _rd("np.linalg.norm(a - b) / np.linalg.norm(a + b)"),
            "Divide by ||a|| + ||b|| (the sum of the two norms), not ||a + b|| (the norm of the sum). The two are "
            "equal only when a and b point the same way, as gradients that already agree do: that is why your "
            "gradient check looked right, but on gradients that disagree your formula gives another number."),
    Mistake("divides by ||a|| alone", _rd("np.linalg.norm(a - b) / np.linalg.norm(a)"),
            "You divided by ||a|| alone: divide by ||a|| + ||b||, the sum of both norms (so the order of a and b "
            "does not matter)."),
    Mistake("divides by ||b|| alone", _rd("np.linalg.norm(a - b) / np.linalg.norm(b)"),
            "You divided by ||b|| alone: divide by ||a|| + ||b||, the sum of both norms (so the order of a and b "
            "does not matter)."),
    Mistake("divides by 2 ||a||", _rd("np.linalg.norm(a - b) / (2 * np.linalg.norm(a))"),
            "You divided by 2 ||a||: divide by ||a|| + ||b||, the sum of both norms."),
    Mistake("sums of squares, not norms", _rd("np.sum((a - b) ** 2) / (np.sum(a ** 2) + np.sum(b ** 2))"),
            "You used sums of squares: the norm is the square root of the sum of squares, np.linalg.norm(v)."),
    Mistake("norm of the difference squared", _rd(f"np.linalg.norm(a - b) ** 2 / {code.NORMS}"),
            "You squared the norm of the difference: take ||a - b|| itself, np.linalg.norm(a - b)."),
    Mistake("difference of the norms", _rd(f"abs(np.linalg.norm(a) - np.linalg.norm(b)) / {code.NORMS}"),
            "You took the difference of the norms, ||a|| - ||b||: take the norm of the difference, ||a - b||, "
            "entry by entry (two different gradients can have the same norm)."),
    Mistake("only the first matrix",
            "a, b = grads_a[0].ravel(), grads_b[0].ravel()\n"
            f"return np.linalg.norm(a - b) / {code.NORMS}",
            "You compared only the first matrix: the relative difference runs over all entries of both, joined "
            "into one vector with np.concatenate."),
    Mistake("one relative difference per matrix, added",
            f"return sum(np.linalg.norm(a - b) / {code.NORMS} for a, b in zip(grads_a, grads_b))",
            "You added one relative difference per matrix: " + _JOIN_FIRST),
    Mistake("one relative difference per matrix, averaged",
            "return np.mean([np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))\n"
            "                for a, b in zip(grads_a, grads_b)])",
            "You averaged one relative difference per matrix: " + _JOIN_FIRST),
]


def check_relative_difference(fn, seed=None):
    """The learner's relative_difference(grads_a, grads_b) on gradients that disagree."""
    __tracebackhide__ = True
    require("relative_difference", fn,
            "your function relative_difference(grads_a, grads_b), defined with def")
    try:
        with np.errstate(all="ignore"):
            _check_all(fn, _relative_difference, _relative_difference_cases(seed), "relative_difference",
                       _RELATIVE_DIFFERENCE_MISTAKES, rtol=1e-7, atol=1e-12, returns="the relative difference",
                       forbidden=(gradcheck.relative_difference,), hidden=seed is not None)
    except CheckFailed as failed:
        text = str(failed)
        if any(words in text for words in ("inhomogeneous", "unsupported operand", "setting an array element")):
            raise CheckFailed(f"{text} grads_a and grads_b are lists of matrices of different shapes: join each "
                              "list's entries into one vector first, np.concatenate([g.ravel() for g in "
                              "grads_a]).") from None
        raise


def _gradient_check_problems(seed=None):
    """The notebook's problem (gc_thetas, gc_X, gc_Y, gc_lam) and a second one of other sizes (from ``seed``)."""
    rng = np.random.default_rng(88 if seed is None else [88, seed])
    n, s2, K = (int(v) for v in rng.choice(np.arange(2, 7), 3, replace=False))
    thetas, X, Y = _network([n, s2, K], 9, seed=[88, 0 if seed is None else seed])
    return [gradient_check_problem(), (thetas, X, Y, round(float(rng.uniform(0.3, 2.0)), 2))]


_GC_NOT_SET = "numeric_grads is not set yet"
_COMPARE_GRADIENTS_MISTAKES = [  # the second solution region of the gradient check's answer cell
    Mistake("one-sided numerical gradients", code.GC_ONE_SIDED,
            "These are one-sided differences: use numerical_gradient (central differences)."),
    Mistake("cost without lambda", code.GC_NUMERIC.replace("Y, lam)", "Y, 0.0)") + "rel_diff = 0.1\n",
            "These are the gradients of the cost without regularization: use the lam compare_gradients "
            "receives, the same as for nn_gradients.", words="without regularization"),
    Mistake("eps 1e-2", code.GC_NUMERIC.replace("1e-5", "1e-2") + "rel_diff = 1e-6\n",
            "These central differences used a large eps (0.01): use eps = 1e-5."),
    Mistake("eps 1e-1", code.GC_NUMERIC.replace("1e-5", "1e-1") + "rel_diff = 1e-6\n",
            "These central differences used a large eps (0.1): use eps = 1e-5."),
    Mistake("rel_diff not divided by the norms", code.GC_INLINE.format(value="np.linalg.norm(a - b)"),
            "You forgot to divide by ||a|| + ||b||: the difference is relative to the size of the gradients."),
    Mistake("rel_diff from the sum of squares", code.GC_INLINE.format(value="np.linalg.norm(a - b) ** 2"),
            "Take the norm, the square root of the sum of squares, not the sum of squares."),
    Mistake("compared with itself", code.GC_NUMERIC + "rel_diff = relative_difference(numeric_grads, numeric_grads)\n",
            "rel_diff is exactly 0: you compared a gradient with itself. Compare nn_gradients' result with "
            "numeric_grads.", rule=True),
    Mistake("numeric_grads left unset", "numeric_grads = None\nrel_diff = 1e-11\n", _GC_NOT_SET, rule=True),
    Mistake("backprop instead of numerical gradients",
            "numeric_grads = nn_gradients(thetas, X, Y, lam)\n"
            "rel_diff = relative_difference(nn_gradients(thetas, X, Y, lam), numeric_grads)\n",
            "numeric_grads agree with backpropagation to the last few digits, closer than any numerical derivative "
            "can: compute them with numerical_gradient (central differences), not with a backprop.", rule=True),
    Mistake("the notebook's problem, not the arguments", code.GC_NOTEBOOKS_PROBLEM,
            "use the thetas, X, Y and lam compare_gradients receives, not gc_thetas, gc_X, gc_Y, gc_lam: this is "
            "the check's second network", rule=True),
    Mistake("numeric_grads only", code.GC_NUMERIC + "rel_diff = None\nreturn numeric_grads\n",
            "compare_gradients returned only numeric_grads (a list of two arrays): return two things, "
            "numeric_grads, rel_diff.", rule=True),
]


for _m in _COMPARE_GRADIENTS_MISTAKES:  # each ends as the answer cell does
    _m.code += code.GC_RETURN


def _both_regions(first=None, second=None):
    """The gradient check's answer cell: relative_difference's body, then compare_gradients' (right by default)."""
    first = _rd(f"np.linalg.norm(a - b) / {code.NORMS}") if first is None else first
    second = code.GC_NUMERIC + code.GC_REL_DIFF + code.GC_RETURN if second is None else second
    return f"{first}\n{NEXT_REGION}\n{second}"


#: The gradient check's mistakes as the tests put them in its answer cell: both regions, one of them wrong.
_GRADIENT_CHECK_MISTAKES = (
    [Mistake(m.name, _both_regions(second=m.code), m.says, m.words, m.rule) for m in _COMPARE_GRADIENTS_MISTAKES]
    + [Mistake(m.name, _both_regions(first=m.code), m.says, m.words, m.rule) for m in _RELATIVE_DIFFERENCE_MISTAKES]
    + [Mistake("relative_difference left blank", _both_regions(
        "raise NotImplementedError()",
        code.GC_INLINE.format(value=f"np.linalg.norm(a - b) / {code.NORMS}") + code.GC_RETURN),
        "relative_difference still raises NotImplementedError", rule=True)])


def _compare_gradients_diagnoses(problem):
    """(numeric_grads diagnoses, rel_diff diagnoses) of the compare_gradients mistakes the check simulates."""
    params, prelude = SIGNATURE["compare_gradients"]
    env = {**ENV, "relative_difference": _relative_difference}
    fns = [(compiled_mistake(m, "compare_gradients", params, prelude, env), m.says)
           for m in _COMPARE_GRADIENTS_MISTAKES if not m.rule]
    return ([(lambda *a, f=f: list(f(*a)[0]), text) for f, text in fns],
            [(lambda *a, f=f: f(*a)[1], text) for f, text in fns])


def check_gradient_check(compare_gradients, relative_difference, nn_gradients=None, nn_cost=None,
                         numerical_gradient=None, seed=None):
    """Exercise 8: compare_gradients(thetas, X, Y, lam) -> (numeric_grads, rel_diff), and relative_difference.

    Graded on what this exercise asks, with the reference nn_cost, numerical_gradient and nn_gradients
    swapped in for the learner's (so that a mistake in exercise 5, 6 or 7 costs that exercise only): the
    numerical gradients of the cost (eps = 1e-5) on the notebook's problem and on a second one, rel_diff
    computed right from them, and relative_difference on gradients that disagree (drawn from ``seed``).
    nn_gradients, nn_cost, numerical_gradient: the learner's own, named in the message when the gradient
    check, run on them in the notebook, finds a real problem.
    """
    __tracebackhide__ = True
    require("compare_gradients", compare_gradients,
            "your function compare_gradients(thetas, X, Y, lam), defined with def")
    if not callable(compare_gradients):
        raise CheckFailed(f"compare_gradients should be a function, but it is {describe(compare_gradients)}: "
                          "write def compare_gradients(thetas, X, Y, lam): ... and return numeric_grads, rel_diff.")
    swap = {name: EARLIER[name] for name in ("nn_cost", "numerical_gradient", "nn_gradients", "forward_pass",
                                             "sigmoid_gradient")}
    table = _COMPARE_GRADIENTS_MISTAKES
    elsewhere = says(table, "the notebook's problem, not the arguments")
    for k, problem in enumerate(_gradient_check_problems(seed)):
        thetas, X, Y, lam = problem
        where = "" if k == 0 else (f" ({elsewhere}, {X.shape[1]}-{thetas[0].shape[0]}-{thetas[1].shape[0]} units, "
                                   f"lam = {lam})")
        with np.errstate(all="ignore"):
            out = _call(compare_gradients, copy_args(problem), "compare_gradients", swap=swap)
        if (isinstance(out, (tuple, list)) and len(out) == 2
                and all(_shape_of(g) == t.shape for g, t in zip(out, thetas))):
            raise CheckFailed(says(table, "numeric_grads only"))
        if not isinstance(out, (tuple, list)) or len(out) != 2:
            raise CheckFailed(f"compare_gradients should return two things, numeric_grads, rel_diff; "
                              f"got {describe(out)}.")
        numeric_grads, rel_diff = out
        if numeric_grads is None or numeric_grads is Ellipsis:
            raise CheckFailed(f"{says(table, 'numeric_grads left unset')}: replace None with a list "
                              "[numerical dJ/dTheta^(1), numerical dJ/dTheta^(2)].")
        require("rel_diff", rel_diff, "a number: the relative difference")
        if not isinstance(numeric_grads, (list, tuple)) or len(numeric_grads) != 2:
            raise CheckFailed(f"numeric_grads should be a list of two arrays, shaped like Theta^(1) and Theta^(2); "
                              f"got {describe(numeric_grads)}{where}.")
        for i, (g, t) in enumerate(zip(numeric_grads, thetas), start=1):
            if np.shape(g) != t.shape:
                raise CheckFailed(f"numeric_grads[{i - 1}] has shape {np.shape(g)}; the gradient for Theta^({i}) "
                                  f"has the shape of Theta^({i}), {t.shape}{where}.")
        ideal = _numeric(*problem)
        numeric_diagnoses, rel_diagnoses = _compare_gradients_diagnoses(problem)
        compare("numeric_grads", list(numeric_grads), ideal, rtol=1e-6, atol=1e-9, diagnoses=numeric_diagnoses,
                args=problem,
                context=f"(the numerical gradient of the cost at thetas, with the reference nn_cost){where}",
                hidden=seed is not None)
        exact = network.backprop(*problem)[1]
        if _relative_difference(exact, numeric_grads) < 1e-13:
            # Central differences with eps = 1e-5 never come closer than about 1e-11 here.
            raise CheckFailed(says(table, "backprop instead of numerical gradients"))
        if k == 0:
            check_relative_difference(relative_difference, seed)
        expected = _relative_difference(exact, numeric_grads)
        rel = number("rel_diff", rel_diff, "a number: the relative difference")
        if rel == 0.0:
            raise CheckFailed(says(table, "compared with itself"))
        if not np.isclose(rel, expected, rtol=1e-3, atol=0.0):
            hint = diagnose(rel, problem, rel_diagnoses, rtol=1e-3, atol=0.0) or ""
            value = "" if seed is not None else f" is {expected:.3g}"
            raise CheckFailed(
                f"rel_diff is {rel:.3g}; between backpropagation's gradients (nn_gradients) and numeric_grads, "
                f"||a - b|| / (||a|| + ||b||) over all entries{value}{where}. {hint}".rstrip())
    # The learner's own functions: what the gradient check finds on them in the notebook.
    trouble = fix_first(**own_answers(compare_gradients, nn_gradients=nn_gradients, nn_cost=nn_cost,
                                      numerical_gradient=numerical_gradient, forward_pass=None,
                                      sigmoid_gradient=None))
    done = ("Your gradient check is done right: with the reference nn_cost, numerical_gradient and nn_gradients "
            "it gives the numerical gradients and a relative difference below 1e-9 on two networks.")
    if trouble:
        passed(f"{done} Run on your own functions in the notebook, it finds a real problem: {trouble}; then run "
               "this cell again.")
        return
    passed(f"{done} On your own functions too: your backpropagation computes the true gradient.")


def own_answers(fn, **given):
    """{name: the learner's function} for the earlier answers named in ``given``: the one given, else the
    one of that name in the notebook ``fn`` was defined in (its globals); names with neither are left out."""
    glob = getattr(fn, "__globals__", {})
    out = {}
    for name, value in given.items():
        value = value if callable(value) else glob.get(name)
        if isinstance(value, types.FunctionType):
            out[name] = value
    return out


# ---------------------------------------------------------------- exercise 9: random initialization


_EPS = "eps = np.sqrt(6) / np.sqrt(l_in + l_out)\n"
_DRAW = "return np.random.default_rng(seed).uniform(-eps, eps, size=(l_out, l_in + 1))"
_SAME_UNITS = "hidden units would stay identical; draw random weights."
_RAND_INIT_MISTAKES = [  # recognised by rules: shapes, ranges and statistics of the weights
    Mistake("all zeros", "return np.zeros((l_out, l_in + 1))",
            "The weights are all zero: with zero weights every hidden unit computes the same value and gets the "
            "same update, so they stay identical forever. Draw random weights.", rule=True),
    Mistake("uniform in [0, eps]", _EPS + _DRAW.replace("uniform(-eps", "uniform(0"),
            "There are no negative weights: this looks uniform in [0, eps] instead of [-eps, eps]. Draw from "
            "rng.uniform(-eps, eps, ...), or 2 eps * rng.random(...) - eps.", rule=True),
    Mistake("no bias column", _EPS + _DRAW.replace("l_in + 1)", "l_in)"),
            "The bias column is missing: l_in + 1 columns, the first for the bias unit.", rule=True),
    Mistake("transposed", _EPS + _DRAW.replace("(l_out, l_in + 1)", "(l_in + 1, l_out)"),
            "It is transposed: one row per unit of the next layer (l_out rows).", rule=True),
    Mistake("epsilon without the square root", _EPS.replace("np.sqrt(l_in + l_out)", "(l_in + l_out)") + _DRAW,
            "Your epsilon is too small: check the formula for epsilon, eps = sqrt(6) / sqrt(l_in + l_out).", rule=True),
    Mistake("epsilon counts the bias unit", _EPS.replace("l_in + l_out", "l_in + 1 + l_out") + _DRAW,
            "That is the epsilon with the bias unit counted, sqrt(6) / sqrt(l_in + 1 + l_out): the formula uses "
            "l_in and l_out, the units without the bias.", rule=True),
    Mistake("normal instead of uniform", _EPS + _DRAW.replace("uniform(-eps, eps", "normal(0, eps"),
            "Every weight must be uniform in [-eps, eps]: a normal distribution or a wrong epsilon gives values "
            "outside that range.", rule=True),
    Mistake("ignores the seed", _EPS + _DRAW.replace("default_rng(seed)", "default_rng()"),
            "Make the generator from the seed, rng = np.random.default_rng(seed).", rule=True),
    Mistake("one constant", "return np.full((l_out, l_in + 1), 0.1)", "It holds one value everywhere: " + _SAME_UNITS,
            rule=True),
    Mistake("identical rows", _EPS + "row = np.random.default_rng(seed).uniform(-eps, eps, size=(1, l_in + 1))\n"
            "return np.repeat(row, l_out, axis=0)",
            "Every row is the same, so all hidden units start identical and stay copies. Draw the whole "
            "(l_out, l_in + 1) array at random.", rule=True),
]


def check_rand_init(fn, seed=None):
    """Exercise 9: uniform weights in [-eps, eps], eps = sqrt(6) / sqrt(l_in + l_out).

    Epsilon is pinned, not bounded: on a small layer (1 input, 2 outputs) over 300 seeds, the largest
    weight must come within 1% of eps, which an epsilon that counts the bias unit (sqrt(6/4) instead
    of sqrt(6/3)) cannot.
    """
    __tracebackhide__ = True
    table = _RAND_INIT_MISTAKES
    forbidden = (network.init_weights,)
    for l_in, l_out in [(2, 3), (64, 25), (25, 10), (400, 25)]:
        W = _call(fn, (l_in, l_out, 0 if seed is None else seed), "rand_init", forbidden=forbidden)
        shown = f"rand_init({l_in}, {l_out}, seed={0 if seed is None else seed})"
        try:
            W = np.asarray(W, dtype=float)
        except (TypeError, ValueError):
            raise CheckFailed(f"{shown} should return an array; got {describe(W)}.") from None
        want = (l_out, l_in + 1)
        if W.shape != want:
            why = {(l_in + 1, l_out): "transposed", (l_out, l_in): "no bias column"}.get(W.shape)
            raise CheckFailed(f"{shown} has shape {W.shape}; expected {want}."
                              + (f" {says(table, why)}" if why else ""))
        eps = np.sqrt(6.0) / np.sqrt(l_in + l_out)
        if not np.all(np.isfinite(W)):
            raise CheckFailed(f"{shown} contains NaN or infinity.")
        for name, wrong in (("all zeros", np.all(W == 0)), ("one constant", np.all(W == W.flat[0])),
                            ("identical rows", l_out > 1 and np.all(W == W[0])), ("uniform in [0, eps]", W.min() >= 0)):
            if wrong:
                raise CheckFailed(f"{shown}: {says(table, name)}")
        if np.abs(W).max() > eps * (1 + 1e-12):
            raise CheckFailed(f"{shown} has a weight of {np.abs(W).max():.4g} but eps = "
                              f"sqrt(6) / sqrt({l_in} + {l_out}) "
                              f"= {eps:.4g}. {says(table, 'normal instead of uniform')}")
    draws = np.concatenate([np.ravel(np.asarray(_call(fn, (1, 2, k), "rand_init"), float)) for k in range(300)])
    eps_small = np.sqrt(6.0) / np.sqrt(3)
    top = float(np.abs(draws).max())
    if top < 0.99 * eps_small:
        bias_eps = np.sqrt(6.0) / np.sqrt(4)
        why = says(table, "epsilon counts the bias unit" if abs(top - bias_eps) < 0.01 * bias_eps else
                   "epsilon without the square root")
        raise CheckFailed(f"rand_init(1, 2, seed) over 300 seeds never comes closer to eps = sqrt(6) / sqrt(1 + 2) = "
                          f"{eps_small:.4f} than {top:.4f}. {why}")
    big = np.asarray(_call(fn, (400, 25, 0), "rand_init"), float)
    eps = np.sqrt(6.0) / np.sqrt(425)
    if np.abs(big).max() < 0.9 * eps:
        raise CheckFailed(f"rand_init(400, 25) reaches only {np.abs(big).max():.4g} but epsilon is "
                          "sqrt(6) / sqrt(400 + 25) "
                          f"= {eps:.4g}. {says(table, 'epsilon without the square root')}")
    share_neg = float(np.mean(big < 0))
    mean_abs = float(np.mean(np.abs(big))) / eps  # 1/2 for a uniform distribution
    if not (0.45 < share_neg < 0.55 and 0.45 < mean_abs < 0.55):
        raise CheckFailed(
            f"rand_init(400, 25) does not look uniform in [-eps, eps]: {share_neg:.0%} of the weights are "
            f"negative (expected about 50%) and their mean size is {mean_abs:.2f} eps (expected about 0.5 eps)."
        )
    again = np.asarray(_call(fn, (400, 25, 0), "rand_init"), float)
    other = np.asarray(_call(fn, (400, 25, 1), "rand_init"), float)
    if not np.array_equal(big, again):
        raise CheckFailed("rand_init(400, 25, seed=0) gave different weights on two calls. "
                          + says(table, "ignores the seed"))
    if np.array_equal(big, other):
        raise CheckFailed(f"rand_init gives the same weights for seed 0 and seed 1: use the seed argument. "
                          f"{says(table, 'ignores the seed')}")
    passed(f"rand_init is right: shape (l_out, l_in + 1), uniform in [-eps, eps]; for 400-25, eps = {eps:.4f}.")


# ---------------------------------------------------------------- exercise 10: training

#: Seconds the learner's training may run inside the check (the worked answer takes about a second).
TRAINING_TIME_LIMIT = 120.0


_TRAINING_MISTAKES = [  # recognised by rules: what train_network returns, reads, and reaches on the test digits
    Mistake("too few iterations", code.START + code.DESCENT.format(iterations=3, X="X_train", rate=2.0),
            "If the training accuracy is low too, the network has not learned enough yet: more iterations or a larger "
            "learning rate (watch the cost go down). If only the validation accuracy is low, the network memorizes "
            "the training digits: a larger lam, or fewer iterations. Tune on the validation accuracy, not on this "
            "check.", words="95%", rule=True),
    Mistake("zero initialization",
            "thetas = [np.zeros((25, 65)), np.zeros((10, 26))]\n" + code.DESCENT.format(iterations=100, X="X_train",
                                                                                        rate=4.0),
            "Most hidden units have identical (or nearly identical) weights: did they start from zeros or one "
            "constant? Identical units get identical updates and stay copies of each other; only rounding errors "
            "pull them apart, far too slowly to help. Start from rand_init.", rule=True),
    Mistake("untrained weights", "return [rand_init(64, 25, seed=0), rand_init(25, 10, seed=1)]",
            "more iterations or a larger learning rate", rule=True),
    Mistake("weights transposed", code.START + "return [t.T for t in thetas]",
            "for 64 pixels it needs shape (hidden_size, 65)", rule=True),
    Mistake("tuned on the test set", code.TUNED_ON_THE_TEST_SET,
            "the test set is for the final measurement only, and no choice may be made on it. Compare your choices "
            "with validation_accuracy.", rule=True),
    Mistake("not weights at all", "return [1, 2]",
            "train_network should return a list of two weight matrices [Theta1, Theta2]", rule=True),
    Mistake("trained on the raw pixels", code.START + code.DESCENT.format(iterations=100, X="X_train_pixels", rate=0.5),
            "they were trained on the pixels as nnlib.data.digits() gives them (0 to 1), not on X_train. Train on "
            "X_train, the standardized pixels (each pixel: mean 0, spread 1), which the check and the test set use.",
            rule=True),
]


def _trained_weights(value, where=""):
    """[Theta1, Theta2] as float arrays from what training returned, or CheckFailed saying what it is."""
    __tracebackhide__ = True
    if hasattr(value, "thetas") and hasattr(value, "history"):
        raise CheckFailed(
            f"train_network returned a TrainResult{where}, what nnlib.train returns (the weights and the cost "
            "history): return its `.thetas`, the list [Theta1, Theta2], as in return result.thetas."
        )
    shapes_ok = isinstance(value, (list, tuple)) and len(value) == 2
    if shapes_ok:
        try:
            Theta1, Theta2 = (np.asarray(t, dtype=float) for t in value)
        except (TypeError, ValueError):
            shapes_ok = False
    if not shapes_ok or Theta1.ndim != 2 or Theta2.ndim != 2:
        raise CheckFailed(f"{says(_TRAINING_MISTAKES, 'not weights at all')}{where}; got {describe(value)}.")
    hidden = Theta1.shape[0]
    if Theta1.shape[1] != 65:
        raise CheckFailed(f"Theta1 has shape {Theta1.shape}{where}; {says(_TRAINING_MISTAKES, 'weights transposed')}.")
    if Theta2.shape != (10, hidden + 1):
        raise CheckFailed(f"Theta2 has shape {Theta2.shape}{where}; for {hidden} hidden units and 10 digits it "
                          f"needs (10, {hidden + 1}).")
    if not (np.all(np.isfinite(Theta1)) and np.all(np.isfinite(Theta2))):
        raise CheckFailed(f"The weights contain NaN or infinity{where}: training diverged. Use a smaller learning "
                          "rate.")
    return [Theta1, Theta2]


def _accuracies(thetas):
    X_train, X_val, X_test, y_train, y_val, y_test, X_test_pixels = _digits_split()

    def acc(X, y):
        with np.errstate(over="ignore"):
            return float(np.mean(network.predict(thetas, X) == y))

    return acc(X_train, y_train), acc(X_val, y_val), acc(X_test, y_test), acc(X_test_pixels, y_test)


def check_training(train_network, trained_thetas=None, target=0.95, **earlier):
    """Exercise 10: train_network(X_train, Y_train) -> [Theta1, Theta2] reaching ``target`` accuracy on the
    held-out test digits.

    The check runs the learner's training itself, on the training digits with the reference one-hot labels
    and with the reference rand_init, nn_gradients, nn_cost, forward_pass and sigmoid_gradient swapped in
    for the learner's (so that a mistake in an earlier exercise costs that exercise only), and measures
    the test set. trained_thetas: the notebook's own result (trained with the learner's own functions);
    earlier: the learner's earlier answers by name (rand_init=..., nn_gradients=...; the rest are taken
    from the notebook), named when the notebook's own training stopped or fell short because of one.
    """
    __tracebackhide__ = True
    if hasattr(train_network, "thetas") or isinstance(train_network, (list, tuple)):
        raise CheckFailed(f"train_network should be a function, but it is {describe(train_network)}: write "
                          "def train_network(X_train, Y_train): ... and return the trained [Theta1, Theta2] "
                          "from inside it; the check calls it to train once more.")
    require("train_network", train_network, "your function train_network(X_train, Y_train), defined with def")
    peeks = sorted(n for n in ("X_test", "y_test", "X_test_pixels") if n in names_reached(train_network))
    if peeks:
        raise CheckFailed(f"train_network reads {' and '.join(peeks)}: "
                          + says(_TRAINING_MISTAKES, "tuned on the test set"))
    X_train, X_val, X_test, y_train, y_val, y_test, X_test_pixels = _digits_split()
    swap = {name: EARLIER[name] for name in ("rand_init", "nn_gradients", "nn_cost", "forward_pass",
                                             "sigmoid_gradient", "one_hot")}
    with contextlib.redirect_stdout(io.StringIO()):  # the learner's progress lines
        got = _call(train_network, (X_train.copy(), network.one_hot(y_train, 10)), "train_network", swap=swap,
                    time_limit_s=TRAINING_TIME_LIMIT,
                    forbidden=(training.train, fast.backprop, fast.cost_and_gradient))
    thetas = _trained_weights(got, " (run by the check with the reference functions)")
    Theta1 = thetas[0]
    hidden = Theta1.shape[0]
    # distance of every hidden unit's weights from the first unit's: 0 for a copy
    apart = np.linalg.norm(Theta1 - Theta1[0], axis=1) / max(float(np.linalg.norm(Theta1[0])), 1e-300)
    if hidden > 1 and np.mean(apart < 0.1) >= 0.5:
        raise CheckFailed(says(_TRAINING_MISTAKES, "zero initialization"))
    train_acc, val_acc, test_acc, raw = _accuracies(thetas)
    seen = f"training accuracy {train_acc:.1%}, validation accuracy {val_acc:.1%}"
    own = own_answers(train_network, **{name: earlier.get(name) for name in
                                        ("sigmoid_gradient", "one_hot", "forward_pass", "nn_cost", "nn_gradients",
                                         "rand_init")})
    if test_acc < target:
        if raw > max(test_acc + 0.02, 0.5):  # weights that suit raw pixels better than standardized ones
            raise CheckFailed(f"Below {target:.0%} on the test digits ({seen}), but these weights do better on the raw "
                              f"pixels ({raw:.0%}): {says(_TRAINING_MISTAKES, 'trained on the raw pixels')}")
        raise CheckFailed(
            f"Below {target:.0%} on the test digits ({seen}; the check ran your train_network with the reference "
            "rand_init, nn_gradients and nn_cost, so the cause is in this exercise). "
            + says(_TRAINING_MISTAKES, "too few iterations"))
    done = (f"Your training reaches at least {target:.0%} on the test digits, which no choice was tuned on "
            f"({seen}; run by the check with the reference functions).")
    mine = None
    if trained_thetas is not None and trained_thetas is not Ellipsis:
        try:
            mine = _trained_weights(trained_thetas)
        except CheckFailed:
            mine = None
    if mine is not None and _accuracies(mine)[2] >= target:
        passed(done)
        return
    trouble = fix_first(**own)
    if mine is None:
        stopped = ("In the notebook, trained_thetas is not set: your training did not finish"
                   if trained_thetas is None or trained_thetas is Ellipsis else
                   f"In the notebook, trained_thetas is {describe(trained_thetas)}, not the trained weights")
    else:
        stopped = (f"In the notebook, with your own functions, the network reaches only "
                   f"{_accuracies(mine)[2]:.0%} on the test digits")
    passed(f"{done} {stopped}" + (f": {trouble}." if trouble else
                                  " (run the answer cell again: trained_thetas = train_network(X_train, Y_train))."))


def _naming(table):
    """``table`` with ``words``, where ``says`` runs to several sentences and no words are given, set to its first
    sentence: the phrase that names the mistake (the class report shows one sentence of a message)."""
    for m in table:
        parts = re.split(r"(?<=[.?!])\s+(?=[A-Z])", m.says, maxsplit=1)
        if m.words is None and len(parts) == 2:
            m.words = parts[0]
    return table


#: The typical mistakes of each answer cell, declared once: read by the checks above and by the course's tests.
MISTAKES = {
    "theta_shapes_answer": _naming(_THETA_SHAPES_MISTAKES),
    "sigmoid_gradient_answer": _naming(_SIGMOID_GRADIENT_MISTAKES),
    "one_hot_answer": _naming(_ONE_HOT_MISTAKES),
    "forward_pass_answer": _naming(_FORWARD_PASS_MISTAKES),
    "nn_cost_answer": _naming(_NN_COST_MISTAKES),
    "nn_gradients_answer": _naming(_NN_GRADIENTS_MISTAKES),
    "numerical_gradient_answer": _naming(_NUMERICAL_GRADIENT_MISTAKES),
    "gradient_check_answer": _naming(_GRADIENT_CHECK_MISTAKES),
    "rand_init_answer": _naming(_RAND_INIT_MISTAKES),
    "training_answer": _naming(_TRAINING_MISTAKES),
}
