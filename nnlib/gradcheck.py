"""Gradient checking: derivatives by central differences, compared with backprop."""

import numpy as np

from . import _validate as v
from .network import backprop, cost

ROUND_OFF = 1e-9  # relative differences below this are rounding, and differ from one CPU to another


def _value_of(f, thetas, where):
    """f(thetas) as one finite float, or an error that says what f returned instead."""
    value = f(thetas)
    if value is None:
        raise TypeError("f returned None: it must return the cost J, one number. Did it forget `return`?")
    if isinstance(value, (tuple, list)):
        raise TypeError(
            f"f must return one real number (the cost J); it returned a {type(value).__name__} of "
            f"{len(value)} items. If it returns (J, grads), as backprop does, take the first: "
            "lambda ts: backprop(ts, X, Y)[0]."
        )
    arr = np.asarray(value)
    if arr.dtype.kind not in "iuf" or arr.size != 1:
        shape = f"an array of shape {arr.shape}" if arr.size != 1 else type(value).__name__
        raise TypeError(
            f"f must return one real number (the cost J); it returned {shape}. "
            "If it returns (J, grads), as backprop does, take the first: lambda ts: backprop(ts, X, Y)[0]."
        )
    value = float(arr.reshape(()))
    if not np.isfinite(value):
        raise ValueError(f"f returned {value} {where}: the cost must be finite there for a numerical gradient.")
    return value


def numerical_gradient(f, thetas, eps=1e-5):
    """dJ/dTheta by central differences, one weight at a time.

    f: a function of the list ``thetas`` returning a number J; any list of
       arrays works, not only weight matrices (f receives a copy).
    Returns a list shaped like thetas with
        (f(theta + eps e_i) - f(theta - eps e_i)) / (2 eps)
    in each entry: 2 evaluations of f per weight, so use it on small networks.
    """
    eps = v.positive_number(eps, "eps", example="1e-5")
    if eps >= 1:
        raise ValueError(f"eps must be a small positive number such as 1e-5; got {eps!r}.")
    if not callable(f):
        raise TypeError(f"f must be a function of the list thetas returning J; got {type(f).__name__}.")
    if isinstance(thetas, np.ndarray) and thetas.dtype != object:
        raise TypeError(f"thetas must be a non-empty list of arrays; got one array of shape {thetas.shape}: pass [theta].")
    if not isinstance(thetas, (list, tuple)) or len(thetas) == 0:
        raise TypeError("thetas must be a non-empty list of arrays (the parameters of f).")
    thetas = [v.as_float_array(t, f"thetas[{i}]").copy() for i, t in enumerate(thetas)]
    for i, t in enumerate(thetas):
        v.check_finite(t, f"thetas[{i}]")
    grads = []
    for i, theta in enumerate(thetas):
        grad = np.zeros_like(theta)
        for idx in np.ndindex(theta.shape):
            saved = theta[idx]
            theta[idx] = saved + eps
            plus = _value_of(f, thetas, f"with thetas[{i}][{idx}] nudged up by eps")
            theta[idx] = saved - eps
            minus = _value_of(f, thetas, f"with thetas[{i}][{idx}] nudged down by eps")
            theta[idx] = saved
            grad[idx] = (plus - minus) / (2 * eps)
        grads.append(grad)
    return grads


def _pieces(x, name):
    """x as a list of float arrays: a list of arrays stays a list; an array or a list of numbers is one piece."""
    if isinstance(x, (list, tuple)) and not all(np.ndim(item) == 0 for item in x):
        pieces = [v.as_float_array(item, f"{name}[{i}]") for i, item in enumerate(x)]
    else:
        pieces = [v.as_float_array(x, name)]
    for i, piece in enumerate(pieces):
        v.check_finite(piece, name if len(pieces) == 1 else f"{name}[{i}]", "A NaN or infinite gradient means a bug before the comparison.")
    return pieces


def relative_difference(a, b):
    """||a - b|| / (||a|| + ||b||) over arrays or lists of arrays (0 when both are 0).

    a, b: arrays of the same shape, or lists of arrays with the same shapes.
    Below about 1e-9 means the two agree to the precision of the check.
    """
    a, b = _pieces(a, "a"), _pieces(b, "b")
    if len(a) != len(b) or any(x.shape != y.shape for x, y in zip(a, b)):
        raise ValueError(
            f"cannot compare a and b: their shapes differ ({[x.shape for x in a]} and "
            f"{[y.shape for y in b]}). Compare each gradient with the one of the same weight matrix."
        )
    a = np.concatenate([x.ravel() for x in a])
    b = np.concatenate([y.ravel() for y in b])
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denom == 0 else float(np.linalg.norm(a - b) / denom)


def gradient_check(thetas, X, Y, lam=0.0, eps=1e-5):
    """Relative difference between backprop's gradient and a numerical one.

    Same arguments as ``backprop``. Expect about 1e-9 or less for a correct
    backprop; 1e-4 or more means a bug. Slow: keep the network small.
    """
    thetas, X, Y, lam = v.check_network_inputs(thetas, X, Y, lam)
    _, grads = backprop(thetas, X, Y, lam)
    numeric = numerical_gradient(lambda ts: cost(ts, X, Y, lam), thetas, eps)
    return relative_difference(grads, numeric)


def _power_of_ten(x):
    mantissa, exponent = f"{x:.0e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def difference_verdict(rel, tol=1e-7):
    """The words for a relative difference, the same on every CPU: e.g. "< 1e-9 (tolerance 1e-7): OK".

    Below ROUND_OFF = 1e-9 only the bound is given (the exact figure is
    rounding and changes from machine to machine); above it, the power of ten
    nearest to the difference.
    """
    tol = v.positive_number(tol, "tol", example="1e-7")
    size = f"< {_power_of_ten(ROUND_OFF)}" if rel < ROUND_OFF else f"about {_power_of_ten(10.0 ** round(np.log10(rel)))}"
    return f"relative difference {size} (tolerance {_power_of_ten(tol)}): {'OK' if rel <= tol else 'NOT CLOSE'}"


def report_difference(name, computed, reference, tol=1e-7):
    """Print one line of verdict on a computed array against a reference; True when they agree.

    computed, reference: arrays of the same shape (or lists of them). Prints e.g.
    ``dJ/dTheta1     | relative difference < 1e-9 (tolerance 1e-7): OK``
    and returns True when the relative difference is at most ``tol``.
    """
    computed, reference = _pieces(computed, "computed"), _pieces(reference, "reference")
    shapes = [c.shape for c in computed], [r.shape for r in reference]
    if shapes[0] != shapes[1]:
        got, want = (s[0] if len(s) == 1 else s for s in shapes)
        print(f"{name!s:<14} | shapes differ: {got} vs {want}: NOT CLOSE")
        return False
    rel = relative_difference(computed, reference)
    print(f"{name!s:<14} | {difference_verdict(rel, tol)}")
    return rel <= tol
