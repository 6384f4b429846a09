"""Check cells of the level 3 exercises (solutions/03_undergraduate.ipynb).

Every check calls the learner's function on its own seeded, non-trivial
inputs (several shapes, K = 3 and more, weights far from zero), compares the
result with nnlib's reference and, when a known mistake explains the
difference, names it. The learner's weights never start at zero here: an
all-zero start can hide a wrong backward pass.
"""

import functools
import re

import numpy as np

from .. import network, numerical_gradient as nn_numerical_gradient, relative_difference
from ..activations import sigmoid, sigmoid_gradient
from ..data import digits, standardize, train_test_split
from .core import CheckFailed, call, compare, describe, passed, require

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


def _cases(with_lam=True):
    out = []
    for seed, (sizes, m, lam) in enumerate(_CASES, start=30):
        thetas, X, Y = _network(sizes, m, seed)
        out.append((thetas, X, Y, lam) if with_lam else (thetas, X))
    return out


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


DIGITS_SPLIT = {"test_fraction": 0.25, "seed": 0}


@functools.lru_cache(maxsize=1)
def _digits():
    X, y = digits()
    X_train, X_test, y_train, y_test = train_test_split(X, y, **DIGITS_SPLIT)
    X_train, X_test = standardize(X_train, X_test)
    return X_train, X_test, y_train, y_test


# ---------------------------------------------------------------- feedback

_MATMUL_HINT = (
    " Check each product: a (m, s_l+1) @ Theta.T "
    "(s_l+1, s_(l+1)){backward}. A missing .T is the usual cause; a missing bias column of ones the next."
)
_MATMUL_BACKWARD = (
    "; delta.T (s_(l+1), m) @ a (m, s_l+1)",
    " When you send delta back through Theta, leave out Theta's bias column: delta @ Theta[:, 1:].",
)
_MATH_HINT = (
    " The math module's functions (math.exp) take one number; use np.exp, which works on whole arrays."
)
_BROADCAST_HINT = (
    " Elementwise operations (*, +, -) need matching shapes. Where the equation has a matrix product "
    "(z = a Theta^T, Delta = delta^T a), write @ instead of *; if an array has one column too many, "
    "a bias column was kept or added where it does not belong (delta^(2) has none)."
)


def _innermost_function(exc):
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame.f_code.co_name if tb is not None else None


def _call(fn, args, name):
    """``core.call`` with the cause of a shape error, a math-module function or an unfinished helper explained."""
    __tracebackhide__ = True
    try:
        return call(fn, args, name)
    except CheckFailed as failed:
        cause = failed.__context__
        message = str(failed)
        if isinstance(cause, NotImplementedError):
            inner = _innermost_function(cause)
            if inner and inner not in (name, "<module>"):
                message = (
                    f"{name} calls {inner}, which still raises NotImplementedError: finish "
                    f"{inner} (an earlier exercise) first, run its cell, then run this check again."
                )
        elif isinstance(cause, Exception) and not isinstance(cause, CheckFailed):
            # core.call names every argument in full; shapes are enough here
            text = str(cause).strip()
            hint = ""
            if isinstance(cause, ValueError) and "broadcast" in text:
                hint = _BROADCAST_HINT
            elif isinstance(cause, ValueError) and ("matmul" in text or "not aligned" in text or "mismatch" in text):
                sizes = re.search(r"\(size \d+ is different from \d+\)", text)
                text = "the shapes in a matrix product (@) do not fit" + (f" {sizes.group(0)}" if sizes else "")
                products, delta = _MATMUL_BACKWARD if name == "nn_gradients" else ("", "")
                hint = _MATMUL_HINT.format(backward=products) + delta
            elif isinstance(cause, TypeError) and "converted to Python scalars" in text:
                hint = _MATH_HINT
            shown = ", ".join(_show(a) for a in args)
            message = f"{name}({shown}) raised {type(cause).__name__}: {text.rstrip('.')}.{hint}"
        raise CheckFailed(message) from None


def _show(value):
    """An argument in a feedback message, briefly: the values of a small array, the shapes of a big one."""
    if isinstance(value, np.ndarray) and value.size > 6:
        return f"array {value.shape}"
    if isinstance(value, list) and value and all(isinstance(x, np.ndarray) for x in value):
        return f"[arrays {', '.join(str(x.shape) for x in value)}]"
    return describe(value)


def _check_all(fn, reference, cases, name, diagnoses=(), rtol=1e-6, atol=1e-9, returns="the result",
               list_hint="np.array(...) turns your list into one.", single_hint=""):
    """Like core.check_function, with shape errors explained by ``_call``.

    returns: what the function returns, for the messages ("h", "J"); list_hint:
    what to do when the answer is a list of one value per entry instead of an
    array; single_hint: what to do when it is several things instead of one.
    """
    __tracebackhide__ = True
    for args in cases:
        copies = tuple(_copy(a) for a in args)
        got = _call(fn, copies, name)
        want = reference(*args)
        shown = f"{name}({', '.join(_show(a) for a in args)})"
        if isinstance(want, list) and not isinstance(got, (list, tuple)):
            raise CheckFailed(f"{shown} should return a list of {len(want)} arrays; got {describe(got)}.")
        if isinstance(want, np.ndarray) and isinstance(got, (list, tuple)):
            kind = type(got).__name__
            if not any(np.ndim(x) >= want.ndim for x in got):
                raise CheckFailed(  # one value (or row) per entry, as a loop or list comprehension makes
                    f"{shown} returned a {kind} of {len(got)} values; return a numpy array of shape "
                    f"{want.shape}. {list_hint}"
                )
            raise CheckFailed(
                f"{shown} returned a {kind} of {len(got)} items; return only {returns}, one numpy array "
                f"of shape {want.shape}. {single_hint}".rstrip()
            )
        for a, c in zip(args, copies):
            if not _same(a, c):
                restored = _close_to(a, c)
                raise CheckFailed(
                    f"{name} changed one of its input arrays in place; work on a copy "
                    "(for example theta = theta.copy()) or build new arrays."
                    + (" Adding and subtracting eps does not always give back exactly the same float; "
                       "perturb a copy." if restored else "")
                )
        compare(shown, got, want, rtol, atol, diagnoses, args,
                single_hint=single_hint or f"Return only {returns}.", value_name=returns)


def _copy(a):
    if isinstance(a, np.ndarray):
        return a.copy()
    if isinstance(a, list) and all(isinstance(x, np.ndarray) for x in a):
        return [x.copy() for x in a]
    return a


def _same(a, b):
    if isinstance(a, np.ndarray):
        return np.array_equal(a, b)
    if isinstance(a, list) and all(isinstance(x, np.ndarray) for x in a):
        return all(np.array_equal(x, y) for x, y in zip(a, b))
    return True


def _close_to(a, b):
    """True when the arrays differ only by rounding (a perturbation added, then subtracted)."""
    pairs = zip(a, b) if isinstance(a, list) else [(a, b)]
    return all(x.shape == y.shape and np.allclose(x, y, rtol=1e-12, atol=1e-15) for x, y in pairs)


# ---------------------------------------------------------------- exercise 1: shapes


def check_theta_shapes(theta_shapes):
    """Exercise 1: theta_shapes(layer_sizes) -> [(s_2, s_1 + 1), (s_3, s_2 + 1), ...]."""
    __tracebackhide__ = True
    cases = [([3, 3, 1],), ([64, 25, 10],), ([400, 25, 10],), ([2, 4, 4, 3],)]

    def reference(sizes):
        return [t.shape for t in network.init_weights(sizes)]

    def pairs(sizes):
        return list(zip(sizes[:-1], sizes[1:]))

    diagnoses = [
        (lambda s: [(b, a) for a, b in pairs(s)],
         "Each Theta also needs a column for the bias unit: (s_(l+1), s_l + 1), not (s_(l+1), s_l)."),
        (lambda s: [(a + 1, b) for a, b in pairs(s)],
         "These shapes are transposed: Theta^(l) has one row per unit of layer l+1 and one column "
         "per unit of layer l plus the bias, so (s_(l+1), s_l + 1)."),
        (lambda s: [(b + 1, a) for a, b in pairs(s)],
         "The bias adds a column (a weight for a_0 = 1 in the layer the weights come from), not a row."),
    ]
    for (sizes,) in cases:
        got = _call(theta_shapes, (list(sizes),), "theta_shapes")
        try:
            got = [tuple(int(x) for x in shape) for shape in got]
        except (TypeError, ValueError):
            raise CheckFailed(
                f"theta_shapes({sizes}) should return a list of (rows, columns) pairs; got {describe(got)}."
            ) from None
        compare(f"theta_shapes({sizes})", got, reference(sizes), diagnoses=diagnoses, args=(sizes,))
    passed("theta_shapes is right: Theta^(l) is s_(l+1) x (s_l + 1); for 400-25-10 that is (25, 401) and (10, 26).")


# ---------------------------------------------------------------- exercise 2: sigmoid gradient


def check_sigmoid_gradient(fn):
    """Exercise 2: g'(z) = g(z) (1 - g(z)), elementwise, on any shape."""
    __tracebackhide__ = True
    rng = np.random.default_rng(2)
    cases = [
        (np.array([-1.0, -0.5, 0.0, 0.5, 1.0]),),
        (rng.normal(0.0, 3.0, (3, 4)),),
        (rng.normal(0.0, 2.0, (2, 3, 2)),),
        (np.array([[-30.0, 30.0, 2.5]]),),
    ]
    diagnoses = [
        (lambda z: sigmoid(z), "You returned g(z), the sigmoid itself; its slope is g(z) (1 - g(z))."),
        (lambda z: z * (1 - z), "You computed z (1 - z): apply the formula to g(z), not to z: g(z) (1 - g(z))."),
        (lambda z: sigmoid(z) * (1 + sigmoid(z)), "Check the sign: g'(z) = g(z) (1 - g(z)), with a minus."),
        (lambda z: 1 - sigmoid(z), "You returned 1 - g(z); multiply it by g(z): g'(z) = g(z) (1 - g(z))."),
    ]
    _check_all(fn, sigmoid_gradient, cases, "sigmoid_gradient", diagnoses, returns="g'(z)",
               list_hint="numpy functions (np.exp, *, -) work on whole arrays at once, so no loop is needed.")
    got = _call(fn, (0.0,), "sigmoid_gradient")
    compare("sigmoid_gradient(0.0)", got, 0.25, diagnoses=diagnoses, args=(0.0,))
    passed("sigmoid_gradient is right on 1-D, 2-D and 3-D arrays and on a single number; "
           "its largest value is g'(0) = 0.25.")


# ---------------------------------------------------------------- exercise 3: one-hot


def check_one_hot(fn):
    """Exercise 3: one_hot(y, K) -> (m, K) with a single 1 per row, in column y_i."""
    __tracebackhide__ = True
    rng = np.random.default_rng(3)
    cases = [
        (np.array([0, 2, 1, 2, 0]), 3),
        (rng.integers(0, 4, 9), 5),  # label 4 never occurs: K must come from the argument
        (np.array([9, 0, 3, 7]), 10),
    ]
    diagnoses = [
        (lambda y, K: network.one_hot(y, K).T,
         "Your matrix is transposed: one row per example (m rows) and one column per class (K columns)."),
        (lambda y, K: network.one_hot(y, int(y.max()) + 1),
         "Use K for the number of columns, not the largest label + 1: a class may be missing from y."),
        (lambda y, K: np.eye(K)[np.clip(y - 1, 0, K - 1)],
         "Labels here run 0..K-1, so label y goes in column y (no - 1)."),
        (lambda y, K: np.eye(K)[(y - 1) % K],
         "Every 1 is one column to the left of its label (label 0 went to the last column): the labels "
         "are shifted by one. Labels here run 0..K-1, so label y goes in column y (no - 1)."),
    ]
    _check_all(fn, network.one_hot, cases, "one_hot", diagnoses, returns="Y")
    passed("one_hot is right: row i holds a single 1, in column y_i.")


# ---------------------------------------------------------------- exercise 4: forward pass


def _forward_variant(thetas, X, bias_weights=True, output_sigmoid=True):
    a = X
    for i, theta in enumerate(thetas):
        z = a @ theta[:, 1:].T + (theta[:, 0] if bias_weights else 0.0)
        last = i == len(thetas) - 1
        a = z if (last and not output_sigmoid) else sigmoid(z)
    return a


def check_forward_pass(fn):
    """Exercise 4: forward_pass(thetas, X) -> h (m, K) for a 3-layer network."""
    __tracebackhide__ = True
    diagnoses = [
        (lambda ts, X: _forward_variant(ts, X, output_sigmoid=False),
         "You returned z^(3): apply the sigmoid g to the output layer too, h = g(z^(3))."),
        (lambda ts, X: _forward_variant(ts, X, bias_weights=False),
         "Your result ignores the bias weights (column 0 of each Theta): add a column of ones "
         "to a^(1) and to a^(2) and multiply by the whole Theta."),
        (lambda ts, X: network.forward(ts, X).h.T,
         "Your h is (K, m): one row per example, so (m, K). Did you return h.T?"),
    ]
    _check_all(fn, lambda ts, X: network.forward(ts, X).h, _cases(with_lam=False), "forward_pass", diagnoses,
               returns="h")
    passed("forward_pass is right: h = g(Theta^(2) [1, g(Theta^(1) [1, x])]) for every example at once.")


# ---------------------------------------------------------------- exercise 5: cost


def _cost_variant(thetas, X, Y, lam, data_scale=None, reg_scale=None, reg_bias=False, only_y1=False):
    m = X.shape[0]
    h = _forward_variant(thetas, X)
    terms = Y * np.log(h) if only_y1 else Y * np.log(h) + (1 - Y) * np.log(1 - h)
    data = -np.sum(terms) * (1.0 / m if data_scale is None else data_scale(m))
    first = 0 if reg_bias else 1
    reg = sum(np.sum(t[:, first:] ** 2) for t in thetas)
    return data + lam * (1.0 / (2 * m) if reg_scale is None else reg_scale(m)) * reg


def check_nn_cost(fn):
    """Exercise 5: the regularized logistic cost J(Theta) of a 3-layer network."""
    __tracebackhide__ = True
    diagnoses = [
        (lambda *a: _cost_variant(*a, reg_bias=True),
         "You regularized the bias column too: leave column 0 of each Theta out of the "
         "regularization sum (Theta[:, 1:])."),
        (lambda *a: _cost_variant(*a, reg_scale=lambda m: 1.0 / m),
         "Your regularization term is twice too big: it is (lambda / 2m) times the sum of squares, "
         "not lambda/m (lambda/m belongs to the gradient)."),
        (lambda *a: _cost_variant(*a, reg_scale=lambda m: 0.5),
         "Your regularization term is not divided by m: it is (lambda / 2m) times the sum of squares."),
        (lambda *a: _cost_variant(*a, data_scale=lambda m: 1.0),
         "You forgot the 1/m: J averages the cost over the m examples."),
        (lambda *a: _cost_variant(*a, data_scale=lambda m: 1.0, reg_scale=lambda m: 0.5),
         "You forgot the 1/m: J averages the cost over the m examples (and the penalty is lambda/2m)."),
        (lambda *a: _cost_variant(*a, only_y1=True),
         "Only the y log h part is there: each term is -[y log h + (1 - y) log(1 - h)], so the "
         "outputs that should be 0 count too."),
        (lambda ts, X, Y, lam: _cost_variant(ts, X, Y, lam, data_scale=lambda m: 1.0 / (m * Y.shape[1])),
         "You averaged over the K outputs too: J sums over k = 1..K and averages over the m examples only."),
        (lambda *a: -_cost_variant(*a, reg_scale=lambda m: -1.0 / (2 * m)),
         "Your cost has the wrong sign: J = -(1/m) sum [y log h + (1 - y) log(1 - h)] is positive."),
        (lambda ts, X, Y, lam: _cost_variant(ts, X, Y, 0.0),
         "The regularization term is missing: add (lambda / 2m) times the sum of the squared "
         "weights, bias columns left out."),
    ]
    _check_all(fn, network.cost, _cases(), "nn_cost", diagnoses, rtol=1e-7, returns="J",
               single_hint="Return only J (the gradients come in exercise 6).")
    thetas, X, Y = example_network()
    J0, J1 = network.cost(thetas, X, Y, 0.0), network.cost(thetas, X, Y, 1.0)
    got0 = float(np.ravel(_call(fn, (thetas, X, Y, 0.0), "nn_cost"))[0])
    got1 = float(np.ravel(_call(fn, (thetas, X, Y, 1.0), "nn_cost"))[0])
    passed(f"nn_cost is right. Example network: J = {got0:.6f} with lambda = 0 (expected {J0:.6f}), "
           f"{got1:.6f} with lambda = 1 (expected {J1:.6f}).")


# ---------------------------------------------------------------- exercise 6: backprop


def _grads_variant(thetas, X, Y, lam, gprime="right", scale="m", reg="right", transpose=False,
                   keep_delta_bias=False, sign=1.0, output_slope=False):
    m = X.shape[0]
    Theta1, Theta2 = thetas
    a1 = np.hstack([np.ones((m, 1)), X])
    z2 = a1 @ Theta1.T
    a2 = np.hstack([np.ones((m, 1)), sigmoid(z2)])
    h = sigmoid(a2 @ Theta2.T)
    d3 = sign * (h - Y) * (h * (1 - h) if output_slope else 1.0)
    if keep_delta_bias:
        d2 = (d3 @ Theta2) * (a2 * (1 - a2))
    else:
        slope = {"right": sigmoid_gradient(z2), "g": sigmoid(z2), "g(a)": sigmoid_gradient(sigmoid(z2))}[gprime]
        d2 = (d3 @ Theta2[:, 1:]) * slope
    div = {"m": m, "1": 1.0}[scale]
    grads = [d2.T @ a1 / div, d3.T @ a2 / div]
    for g, t in zip(grads, thetas):
        if keep_delta_bias and g.shape[0] == t.shape[0] + 1:
            g = g[1:]  # the extra row of the bias unit gets no regularization
        if reg == "right":
            g[:, 1:] += lam / m * t[:, 1:]
        elif reg == "bias":
            g += lam / m * t
        elif reg == "2m":
            g[:, 1:] += lam / (2 * m) * t[:, 1:]
        elif reg == "twice":
            g[:, 1:] += 2 * lam / m * t[:, 1:]
        elif reg == "minus":
            g[:, 1:] -= lam / m * t[:, 1:]
    return [g.T for g in grads] if transpose else grads


def check_nn_gradients(fn):
    """Exercise 6: vectorized backprop, [dJ/dTheta^(1), dJ/dTheta^(2)]."""
    __tracebackhide__ = True
    diagnoses = [
        (lambda *a: _grads_variant(*a, transpose=True),
         "Your gradients are transposed: dJ/dTheta^(l) has the shape of Theta^(l), "
         "so Delta^(l) = delta^(l+1)^T a^(l), not a^(l)^T delta^(l+1)."),
        (lambda *a: _grads_variant(*a, keep_delta_bias=True),
         "Your dJ/dTheta^(1) has one row too many: drop the bias column of delta^(2) "
         "(use Theta^(2)[:, 1:]); the bias unit a_0 = 1 has no weights coming in, so no error to send back."),
        (lambda *a: _grads_variant(*a, gprime="g"),
         "You multiplied by g(z^(2)) where the slope g'(z^(2)) = g(z) (1 - g(z)) belongs: "
         "delta^(2) = (delta^(3) Theta^(2) without its bias column) * g'(z^(2))."),
        (lambda *a: _grads_variant(*a, gprime="g(a)"),
         "You applied the slope to a^(2) instead of z^(2): g'(z^(2)) = a^(2) (1 - a^(2)), "
         "not sigmoid_gradient(a^(2))."),
        (lambda *a: _grads_variant(*a, output_slope=True),
         "You multiplied delta^(3) by g'(z^(3)): with the logistic cost, delta^(3) = a^(3) - y exactly; g' cancels."),
        (lambda *a: _grads_variant(*a, reg="minus"),
         "Your regularization term has the wrong sign: the penalty (lambda / 2m) Theta^2 grows with Theta, "
         "so its gradient (lambda/m) Theta is added (+=), not subtracted."),
        (lambda *a: _grads_variant(*a, sign=-1.0),
         "Your gradients have the wrong sign: the output error is delta^(3) = a^(3) - y, not y - a^(3)."),
        (lambda *a: _grads_variant(*a, scale="1", reg="none"),
         "You forgot the 1/m: Delta^(l) = delta^(l+1)^T a^(l) / m (and the regularization term is missing)."),
        (lambda *a: _grads_variant(*a, scale="1"),
         "You forgot the 1/m: Delta^(l) = delta^(l+1)^T a^(l) / m averages over the examples."),
        (lambda *a: _grads_variant(*a, reg="bias"),
         "You regularized the bias column too: its gradient gets no (lambda/m) Theta term, "
         "only columns 1 onwards do."),
        (lambda *a: _grads_variant(*a, reg="2m"),
         "Your regularization gradient is half what it should be: the derivative of "
         "(lambda / 2m) Theta^2 is (lambda/m) Theta, not lambda/(2m) Theta."),
        (lambda *a: _grads_variant(*a, reg="twice"),
         "Your regularization gradient is twice too big: it is (lambda/m) Theta."),
        (lambda *a: _grads_variant(*a, reg="none"),
         "The regularization gradient is missing: add (lambda/m) Theta to every column but the bias column."),
    ]
    _check_all(fn, lambda *a: network.backprop(*a)[1], _cases(), "nn_gradients", diagnoses)
    passed("nn_gradients is right: it equals nnlib.backprop on four networks (K = 3 to 6, lambda 0 to 2).")


# ---------------------------------------------------------------- exercise 7: numerical gradient


class _TestFunction:
    """A smooth function of an array of one shape, curved enough to tell the differences apart."""

    def __init__(self, shape, kind):
        self.shape, self.kind = shape, kind

    def __call__(self, t):
        t = np.asarray(t, dtype=float)
        if t.shape != self.shape:
            raise ValueError(
                f"f expects an array of shape {self.shape}, like theta; it was given shape {t.shape}. "
                "Perturb a copy of theta, keep its shape, and pass that to f."
            )
        if self.kind == "sin":
            return float(np.sum(np.sin(t) * t ** 2) + np.sum(t) ** 2)
        return float(np.sum(t ** 3) / 3 + np.prod(np.cos(t)))

    def __repr__(self):
        return "f"


def _numerical_variant(f, theta, eps, kind):
    theta = np.asarray(theta, dtype=float)
    out = np.zeros_like(theta)
    f0 = f(theta.copy())
    for idx in np.ndindex(theta.shape):
        plus, minus = theta.copy(), theta.copy()
        plus[idx] += eps
        minus[idx] -= eps
        if kind == "forward":
            out[idx] = (f(plus) - f0) / eps
        elif kind == "backward":
            out[idx] = (f0 - f(minus)) / eps
        else:  # divided by eps instead of 2 eps
            out[idx] = (f(plus) - f(minus)) / eps
    return out


def check_numerical_gradient(fn):
    """Exercise 7: central differences (f(theta + eps e_i) - f(theta - eps e_i)) / (2 eps)."""
    __tracebackhide__ = True
    rng = np.random.default_rng(7)
    cases = [
        (_TestFunction((3, 4), "sin"), rng.normal(0, 1, (3, 4)), 1e-3),
        (_TestFunction((5,), "cube"), rng.normal(0, 1, 5), 1e-2),
        (_TestFunction((2, 3), "cube"), rng.normal(0, 1, (2, 3)), 1e-4),
    ]

    def reference(f, theta, eps):
        return nn_numerical_gradient(lambda ts: f(ts[0]), [theta], eps)[0]

    diagnoses = [
        (lambda f, t, e: _numerical_variant(f, t, e, "forward"),
         "You used one-sided differences (f(theta + eps) - f(theta)) / eps: use central differences, "
         "(f(theta + eps) - f(theta - eps)) / (2 eps), which are far more accurate."),
        (lambda f, t, e: _numerical_variant(f, t, e, "backward"),
         "You used one-sided differences (f(theta) - f(theta - eps)) / eps: use central differences, "
         "(f(theta + eps) - f(theta - eps)) / (2 eps)."),
        (lambda f, t, e: _numerical_variant(f, t, e, "eps"),
         "Your values are twice too big: the two points are 2 eps apart, so divide by 2 eps."),
        (lambda f, t, e: np.full(np.shape(t), (f(t + e) - f(t - e)) / (2 * e)),
         "Every entry got the same value: you moved all of theta at once. Move one entry at a time "
         "(a loop over np.ndindex(theta.shape)), the others unchanged."),
    ]
    _check_all(fn, reference, cases, "numerical_gradient", diagnoses, rtol=1e-7, atol=1e-10, returns="grad",
               list_hint="Start from grad = np.zeros_like(theta) and fill it entry by entry in your loop.")
    passed("numerical_gradient is right: central differences, one entry at a time, any shape of theta.")


# ---------------------------------------------------------------- exercise 8: gradient check


def check_gradient_check(numeric_grads, rel_diff, nn_gradients):
    """Exercise 8: numerical gradients of nn_cost and their relative difference from nn_gradients."""
    __tracebackhide__ = True
    require("numeric_grads", numeric_grads, "a list [numerical dJ/dTheta^(1), numerical dJ/dTheta^(2)]")
    require("rel_diff", rel_diff, "a number: the relative difference")
    thetas, X, Y, lam = gradient_check_problem()
    eps = 1e-4

    def numeric(lam_used, one_sided=False, eps=eps):
        J = lambda ts: network.cost(ts, X, Y, lam_used)  # noqa: E731
        if not one_sided:
            return nn_numerical_gradient(J, thetas, eps)
        out = []
        for i, theta in enumerate(thetas):
            def f(T, i=i):
                return J([T if j == i else t for j, t in enumerate(thetas)])
            out.append(_numerical_variant(f, theta, eps, "forward"))
        return out

    if not isinstance(numeric_grads, (list, tuple)) or len(numeric_grads) != 2:
        raise CheckFailed(
            f"numeric_grads should be a list of two arrays, shaped like Theta^(1) and Theta^(2); got {describe(numeric_grads)}."
        )
    diagnoses = [
        (numeric(lam, one_sided=True),
         "These are one-sided differences: use your numerical_gradient (central differences) with eps = 1e-4."),
        (numeric(0.0),
         "These are the gradients of the cost without regularization: use lambda = gc_lam, the same as for nn_gradients."),
        (numeric(lam)[::-1], "The two arrays are swapped: dJ/dTheta^(1) comes first."),
        (numeric(lam, eps=1e-2), "These central differences used a larger eps: use eps = 1e-4."),
        (numeric(lam, eps=1e-3), "These central differences used a larger eps: use eps = 1e-4."),
    ]
    try:
        compare("numeric_grads", list(numeric_grads), numeric(lam), rtol=1e-6, atol=1e-9, diagnoses=diagnoses,
                context="(the numerical gradient of nn_cost at gc_thetas)")
    except CheckFailed as failed:
        message = str(failed)
        if "eps" not in message:
            message += " Use your numerical_gradient with eps = 1e-4."
        raise CheckFailed(message) from None
    exact = network.backprop(thetas, X, Y, lam)[1]
    if relative_difference(exact, [np.asarray(g, float) for g in numeric_grads]) < 1e-13:
        # Central differences with eps = 1e-4 never come closer than about 1e-11 here.
        raise CheckFailed(
            "numeric_grads agree with backpropagation to the last few digits, closer than any "
            "numerical derivative can: compute them with your numerical_gradient (central "
            "differences), not with a backprop."
        )
    try:
        rel = float(rel_diff)
    except (TypeError, ValueError):
        raise CheckFailed(f"rel_diff should be a single number; got {describe(rel_diff)}.") from None
    backprop = _call(nn_gradients, (thetas, X, Y, lam), "nn_gradients")
    expected = relative_difference([np.asarray(g, float) for g in backprop], list(numeric_grads))
    if rel == 0.0:
        raise CheckFailed(
            "rel_diff is exactly 0: you compared a gradient with itself. Compare nn_gradients' "
            "result with numeric_grads."
        )
    a = np.concatenate([np.ravel(g) for g in backprop])
    b = np.concatenate([np.ravel(g) for g in numeric_grads])
    wrong = [
        (np.linalg.norm(a - b), "You forgot to divide by ||a|| + ||b||: the difference is relative to the size of the gradients."),
        (np.linalg.norm(a - b) / np.linalg.norm(a + b), "Divide by ||a|| + ||b|| (the sum of the two norms), not ||a + b||."),
        (np.linalg.norm(a - b) ** 2, "Take the norm, the square root of the sum of squares, not the sum of squares."),
    ]
    if not np.isclose(rel, expected, rtol=1e-3, atol=0.0):
        hint = next((msg for value, msg in wrong if np.isclose(rel, value, rtol=1e-3, atol=0.0)), "")
        raise CheckFailed(
            f"rel_diff is {rel:.3g}; for your nn_gradients and numeric_grads, "
            f"||a - b|| / (||a|| + ||b||) over all entries is {expected:.3g}. {hint}".rstrip()
        )
    if rel > 1e-7:
        raise CheckFailed(
            f"rel_diff is {rel:.3g}: above 1e-7, so nn_gradients and the numerical gradient disagree. "
            "Look for the largest difference entry by entry to see which Theta and which column is wrong."
        )
    # The exact value depends on the machine's rounding, so only its size is printed.
    verdict = "below 1e-9: your backpropagation computes the true gradient" if rel < 1e-9 else (
        "below 1e-7: close enough, though below 1e-9 is usual for a correct backprop")
    passed(f"Gradient check passed: the relative difference is {verdict}.")


# ---------------------------------------------------------------- exercise 9: random initialization


def check_rand_init(fn):
    """Exercise 9: uniform weights in [-eps, eps], eps = sqrt(6) / sqrt(l_in + l_out)."""
    __tracebackhide__ = True
    for l_in, l_out in [(2, 3), (64, 25), (25, 10), (400, 25)]:
        W = _call(fn, (l_in, l_out, 0), "rand_init")
        shown = f"rand_init({l_in}, {l_out}, seed=0)"
        try:
            W = np.asarray(W, dtype=float)
        except (TypeError, ValueError):
            raise CheckFailed(f"{shown} should return an array; got {describe(W)}.") from None
        want = (l_out, l_in + 1)
        if W.shape != want:
            why = ""
            if W.shape == (l_in + 1, l_out):
                why = " It is transposed: one row per unit of the next layer (l_out rows)."
            elif W.shape == (l_out, l_in):
                why = " The bias column is missing: l_in + 1 columns, the first for the bias unit."
            raise CheckFailed(f"{shown} has shape {W.shape}; expected {want}.{why}")
        eps = np.sqrt(6.0) / np.sqrt(l_in + l_out)
        if not np.all(np.isfinite(W)):
            raise CheckFailed(f"{shown} contains NaN or infinity.")
        if np.all(W == 0):
            raise CheckFailed(
                f"{shown} is all zero. With zero weights every hidden unit computes the same value and "
                "gets the same update, so they stay identical forever: draw random weights."
            )
        if np.all(W == W.flat[0]):
            raise CheckFailed(f"{shown} holds one value everywhere: hidden units would stay identical; draw random weights.")
        if l_out > 1 and np.all(W == W[0]):
            raise CheckFailed(
                f"In {shown} every row is the same, so all hidden units start identical and stay copies. "
                "Draw the whole (l_out, l_in + 1) array at random."
            )
        if W.min() >= 0:
            raise CheckFailed(
                f"{shown} has no negative weights: it looks uniform in [0, eps] instead of [-eps, eps]. "
                "Draw from rng.uniform(-eps, eps, ...), or 2 eps * rng.random(...) - eps."
            )
        if np.abs(W).max() > eps * (1 + 1e-12):
            raise CheckFailed(
                f"{shown} has a weight of {np.abs(W).max():.4g} but eps = sqrt(6) / sqrt({l_in} + {l_out}) "
                f"= {eps:.4g}: every weight must be uniform in [-eps, eps]. A normal distribution or a "
                "wrong epsilon gives values outside that range."
            )
    big = np.asarray(_call(fn, (400, 25, 0), "rand_init"), float)
    eps = np.sqrt(6.0) / np.sqrt(425)
    if np.abs(big).max() < 0.9 * eps:
        raise CheckFailed(
            f"rand_init(400, 25) reaches only {np.abs(big).max():.4g} but epsilon is "
            f"sqrt(6) / sqrt(400 + 25) = {eps:.4g}: check the formula for epsilon."
        )
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
        raise CheckFailed("rand_init(400, 25, seed=0) gave different weights on two calls: make the generator "
                          "from the seed, rng = np.random.default_rng(seed).")
    if np.array_equal(big, other):
        raise CheckFailed("rand_init gives the same weights for seed 0 and seed 1: use the seed argument, "
                          "rng = np.random.default_rng(seed).")
    passed(f"rand_init is right: shape (l_out, l_in + 1), uniform in [-eps, eps]; for 400-25, eps = {eps:.4f}.")


# ---------------------------------------------------------------- exercise 10: training


def check_training(trained_thetas, target=0.95):
    """Exercise 10: trained weights that reach ``target`` accuracy on the held-out digits."""
    __tracebackhide__ = True
    require("trained_thetas", trained_thetas, "your list [Theta1, Theta2] after training")
    if hasattr(trained_thetas, "thetas") and hasattr(trained_thetas, "history"):
        raise CheckFailed(
            "trained_thetas is a TrainResult, what nnlib.train returns (the weights and the cost history): "
            "use `.thetas`, the list [Theta1, Theta2], as in trained_thetas = result.thetas."
        )
    if not isinstance(trained_thetas, (list, tuple)) or len(trained_thetas) != 2:
        raise CheckFailed(f"trained_thetas should be a list [Theta1, Theta2]; got {describe(trained_thetas)}.")
    Theta1, Theta2 = (np.asarray(t, dtype=float) for t in trained_thetas)
    hidden = Theta1.shape[0]
    if Theta1.ndim != 2 or Theta1.shape[1] != 65:
        raise CheckFailed(f"Theta1 has shape {Theta1.shape}; for 64 pixels it needs shape (hidden_size, 65).")
    if Theta2.shape != (10, hidden + 1):
        raise CheckFailed(f"Theta2 has shape {Theta2.shape}; for {hidden} hidden units and 10 digits it needs (10, {hidden + 1}).")
    if not (np.all(np.isfinite(Theta1)) and np.all(np.isfinite(Theta2))):
        raise CheckFailed("The weights contain NaN or infinity: training diverged. Use a smaller learning rate.")
    spread = float(np.max(np.abs(Theta1 - Theta1[0])))  # 0 when every hidden unit is a copy of the first
    if hidden > 1 and spread <= 0.05 * float(np.max(np.abs(Theta1))):
        raise CheckFailed(
            "All the hidden units have identical (or nearly identical) weights: did they start from zeros "
            "or one constant? Identical units get identical updates and stay copies of each other; only "
            "rounding errors pull them apart, far too slowly to help. Start from rand_init."
        )
    X_train, X_test, y_train, y_test = _digits()
    train_acc = float(np.mean(network.predict([Theta1, Theta2], X_train) == y_train))
    test_acc = float(np.mean(network.predict([Theta1, Theta2], X_test) == y_test))
    if test_acc < target:
        raise CheckFailed(
            f"Test accuracy {test_acc:.1%} (training accuracy {train_acc:.1%}); at least {target:.0%} is needed. "
            "If both are low, train longer or with a larger learning rate (watch the cost go down); if only "
            "the test accuracy is low, use more hidden units (25-50) or more iterations."
        )
    passed(f"Test accuracy {test_acc:.1%} on {len(y_test)} digits the network never saw "
           f"(training accuracy {train_acc:.1%}); at least {target:.0%} was needed.")
