"""Gradient checking: derivatives by central differences, compared with backprop."""

import numpy as np

from . import _validate as v
from .network import backprop, cost


def numerical_gradient(f, thetas, eps=1e-5):
    """dJ/dTheta by central differences, one weight at a time.

    f: a function of the list ``thetas`` returning a number J; any list of
       arrays works, not only weight matrices (f receives a copy).
    Returns a list shaped like thetas with
        (f(theta + eps e_i) - f(theta - eps e_i)) / (2 eps)
    in each entry: 2 evaluations of f per weight, so use it on small networks.
    """
    if not (isinstance(eps, (int, float)) and 0 < eps < 1):
        raise ValueError(f"eps must be a small positive number such as 1e-5; got {eps!r}.")
    if not isinstance(thetas, (list, tuple)) or len(thetas) == 0:
        raise TypeError("thetas must be a non-empty list of arrays (the parameters of f).")
    thetas = [v.as_float_array(t, f"thetas[{i}]").copy() for i, t in enumerate(thetas)]
    for i, t in enumerate(thetas):
        v.check_finite(t, f"thetas[{i}]")
    grads = []
    for theta in thetas:
        grad = np.zeros_like(theta)
        for idx in np.ndindex(theta.shape):
            saved = theta[idx]
            theta[idx] = saved + eps
            plus = float(f(thetas))
            theta[idx] = saved - eps
            minus = float(f(thetas))
            theta[idx] = saved
            grad[idx] = (plus - minus) / (2 * eps)
        grads.append(grad)
    return grads


def relative_difference(a, b):
    """||a - b|| / (||a|| + ||b||) over lists of arrays (0 when both are 0).

    Below about 1e-9 means the two agree to the precision of the check.
    """
    a = np.concatenate([np.ravel(x) for x in a]) if isinstance(a, (list, tuple)) else np.ravel(a)
    b = np.concatenate([np.ravel(x) for x in b]) if isinstance(b, (list, tuple)) else np.ravel(b)
    if a.shape != b.shape:
        raise ValueError(f"cannot compare gradients of different sizes: {a.shape} and {b.shape}.")
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


def compare(name, computed, reference, tol=1e-7):
    """One line of verdict on a computed array against a reference.

    Prints e.g. ``dJ/dTheta1   | exact: False | close: True | max diff 3.1e-11``
    and returns True when the two agree within ``tol`` (relative difference).
    """
    computed = np.asarray(computed, dtype=float)
    reference = np.asarray(reference, dtype=float)
    if computed.shape != reference.shape:
        print(f"{name:<14} | shapes differ: {computed.shape} vs {reference.shape}")
        return False
    exact = bool(np.array_equal(computed, reference))
    rel = relative_difference(computed, reference)
    close = rel <= tol
    maxdiff = float(np.max(np.abs(computed - reference))) if computed.size else 0.0
    print(f"{name:<14} | exact: {exact!s:<5} | close: {close!s:<5} | max diff {maxdiff:.1e}")
    return close
