"""Layers as forward/backward pairs, in the CS231n style and the course's notation.

Every layer is two functions:

- ``*_forward(inputs) -> (out, cache)``: the layer's output, and what its
  backward step will need;
- ``*_backward(dout, cache) -> d(inputs)``: given dout = dJ/d(out), the
  gradient of the cost with respect to each input of the forward (weights
  included), in the forward's argument order: one array for one input, a
  flat tuple for several (docs/AUTHORING.md, "Backward passes: one
  convention"). Level 3's Theta keeps its bias column here, so the affine
  layer has two inputs and returns (da, dtheta), dtheta[:, 0] the bias's
  gradient; level 5's layers (conv, recurrent) keep torch's separate weight
  and bias and return a gradient for each.

Shapes: a batch of m examples, one per row. An affine layer takes the
activations ``a`` (m, s_in) *without* a bias column and a weight matrix Theta
(s_out, s_in + 1) whose first column holds the bias weights, as in level 3:
z = [1, a] Theta^T = a Theta[:, 1:]^T + Theta[:, 0].

Stacking pairs gives a network: forward through the layers in order, then
backward through them in reverse order, each backward receiving the gradient
its forward's output was given.
"""

import numpy as np

from . import _validate as v
from .activations import sigmoid


def affine_forward(a, theta):
    """z = [1, a] Theta^T: a fully connected layer, bias column first.

    a:     (m, s_in), the activations of m examples, without a bias column.
    theta: (s_out, s_in + 1), column 0 the bias weights.
    Returns z (m, s_out) and cache = (a, theta).
    """
    a, theta = _check_affine(a, theta)
    z = a @ theta[:, 1:].T + theta[:, 0]
    return z, (a, theta)


def affine_backward(dout, cache):
    """Gradients of an affine layer from dout = dJ/dz.

    dout: (m, s_out), dJ/dz; cache: (a, theta) from ``affine_forward``.
    Returns da (m, s_in) = dout Theta[:, 1:] and dtheta (s_out, s_in + 1) whose
    column 0 is dout summed over the m examples (the bias unit is 1 for each)
    and whose other columns are dout^T a.
    """
    dout, (a, theta) = _check_affine_backward(dout, cache)
    da = dout @ theta[:, 1:]
    dtheta = np.hstack([dout.sum(axis=0)[:, None], dout.T @ a])
    return da, dtheta


def sigmoid_forward(z):
    """a = 1 / (1 + e^(-z)), elementwise. z: any shape. Returns a and cache = a."""
    z = _check_input(z, "sigmoid_forward")
    a = np.asarray(sigmoid(z), dtype=float)
    return a, a


def sigmoid_backward(dout, cache):
    """dz = dout * a (1 - a). dout: dJ/da, the shape of a; cache: a. Returns dz."""
    dout, a = _check_activation_backward(dout, cache, "sigmoid")
    return dout * a * (1.0 - a)


def tanh_forward(z):
    """a = tanh(z), elementwise. z: any shape. Returns a and cache = a."""
    z = _check_input(z, "tanh_forward")
    a = np.tanh(z)
    return a, a


def tanh_backward(dout, cache):
    """dz = dout * (1 - a^2). dout: dJ/da, the shape of a; cache: a. Returns dz."""
    dout, a = _check_activation_backward(dout, cache, "tanh")
    return dout * (1.0 - a * a)


def relu_forward(z):
    """a = max(0, z), elementwise. z: any shape. Returns a and cache = z."""
    z = _check_input(z, "relu_forward")
    return np.maximum(z, 0.0), z


def relu_backward(dout, cache):
    """dz = dout where z > 0, else 0 (the slope at z = 0 taken as 0). dout: dJ/da. Returns dz."""
    dout, z = _check_activation_backward(dout, cache, "relu")
    return dout * (z > 0)


def softmax(scores):
    """Row-wise softmax: p_k = e^(s_k) / sum_j e^(s_j), each row summing to 1.

    scores: (m, K). Returns p (m, K). The row maximum is subtracted first:
    softmax(s - c) = softmax(s) for any c, and then no e^(s) overflows.
    """
    s = _batch(scores, "scores", "softmax")
    with np.errstate(over="ignore"):  # s - max may overflow to -inf, whose e^ is exactly 0
        e = np.exp(s - s.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def softmax_cross_entropy(scores, y):
    """The softmax cross-entropy averaged over m examples, and its gradient.

    scores: (m, K), the unnormalized outputs z^(L) of the last layer.
    y:      (m,) integer labels 0..K-1, or (m, K) one-hot rows.
    J = -(1/m) sum_i log p_(i, y_i), p = softmax(scores).
    Returns (J, dscores) with dscores (m, K) = (p - Y) / m: a loss is a
    forward and backward in one (its dout would be dJ/dJ = 1).
    Stable: log p = s - max(s) - log sum_j e^(s_j - max(s)).
    """
    s, y, Y = _check_softmax_cross_entropy(scores, y)
    m = s.shape[0]
    with np.errstate(over="ignore"):  # s - max may overflow to -inf: then p = 0 exactly
        shifted = s - s.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    J = float(-np.sum(log_p[np.arange(m), y]) / m) + 0.0   # + 0.0: a cost of 0, never -0
    dscores = (np.exp(log_p) - Y) / m
    return J, dscores


LAYERS = {
    "affine": (affine_forward, affine_backward),
    "sigmoid": (sigmoid_forward, sigmoid_backward),
    "tanh": (tanh_forward, tanh_backward),
    "relu": (relu_forward, relu_backward),
}


# ---------------------------------------------------------------- input checks


def _batch(a, name, where):
    a = v.array(a, name, where)
    if a.ndim != 2:
        hint = f" For one example write {name}.reshape(1, -1)." if a.ndim == 1 else ""
        raise ValueError(f"{where}: {name} must be a 2-D array (m examples, units), one example per row; "
                         f"got shape {a.shape}.{hint}")
    if a.shape[0] == 0:
        raise ValueError(f"{where}: {name} has no examples (shape {a.shape}): m must be at least 1.")
    if a.shape[1] == 0:
        raise ValueError(f"{where}: {name} has no units (shape {a.shape}): every example needs at least one value.")
    return a


def _check_theta(theta, s_in, where, a=None):
    theta = v.array(theta, "theta", where, "Training may have diverged: try a smaller learning rate.")
    if theta.ndim != 2 or theta.shape[1] != s_in + 1 or theta.shape[0] == 0:
        msg = (f"{where}: theta must have shape (s_out, s_in + 1) = (s_out, {s_in + 1}) for a with "
               f"s_in = {s_in} units (bias column first), s_out >= 1; got {theta.shape}.")
        if theta.ndim == 2 and theta.shape[1] == s_in:
            msg += " theta looks like it is missing its bias column."
        elif theta.ndim == 2 and theta.shape[0] == s_in + 1:
            msg += " theta looks transposed: use theta.T."
        elif theta.ndim == 2 and theta.shape[1] == s_in + 2 and a is not None and np.all(a[:, 0] == 1):
            msg += " a's first column is all ones: pass a without its bias column."
        elif theta.ndim == 2 and theta.shape[0] == 0:
            msg += " No rows means a layer of 0 units."
        raise ValueError(msg)
    return theta


def _check_affine(a, theta):
    a = _batch(a, "a", "affine_forward")
    return a, _check_theta(theta, a.shape[1], "affine_forward", a)


def _not_a_cache(cache, where, expected):
    if isinstance(cache, tuple) and len(cache) == 2 and isinstance(cache[1], tuple):
        return (f" It looks like the whole (out, cache) pair that the forward returned: pass its second "
                "value only, out, cache = ..._forward(...).")
    return f" Pass the cache that {where.replace('backward', 'forward')} returned, {expected}, unchanged."


def _check_affine_backward(dout, cache):
    where = "affine_backward"
    if not isinstance(cache, (tuple, list)) or len(cache) != 2 or isinstance(cache[1], tuple):
        raise v.WrongKindError(f"{where}: cache must be the pair (a, theta) that affine_forward returned; "
                               f"got {v.describe(cache)}.{_not_a_cache(cache, where, '(a, theta)')}")
    a = _batch(cache[0], "a (cache[0])", where)
    theta = _check_theta(cache[1], a.shape[1], where + " (cache[1])")
    return v.dout_array(dout, (a.shape[0], theta.shape[0]), where, "z"), (a, theta)


def _check_input(z, where):
    z = v.array(z, "z", where)
    if z.size == 0:
        raise ValueError(f"{where}: z is empty (shape {z.shape}): a layer needs at least one value.")
    return z


def _check_activation_backward(dout, cache, kind):
    where = f"{kind}_backward"
    holds = "z, its input" if kind == "relu" else "a, its output"
    if isinstance(cache, tuple):
        raise v.WrongKindError(
            f"{where}: cache must be the array that {kind}_forward returned as its cache ({holds}); got a tuple "
            f"of {len(cache)}.{_not_a_cache(cache, where, 'an array')}"
        )
    cache = v.array(cache, f"cache ({holds})", where)
    return v.dout_array(dout, cache.shape, where, "a"), cache


def _check_softmax_cross_entropy(scores, y):
    where = "softmax_cross_entropy"
    s = _batch(scores, "scores", where)
    m, K = s.shape
    if isinstance(y, (str, bytes)) or y is None:
        raise TypeError(f"{where}: y must be m = {m} integer labels 0..{K - 1} or an (m, K) one-hot matrix; "
                        f"got {type(y).__name__}.")
    Y = np.asarray(y)
    if Y.ndim == 2 and Y.shape == (K, m) and m != K:
        raise ValueError(f"{where}: y has shape {Y.shape} but scores has {s.shape}: y looks transposed, pass y.T.")
    if K == 1:
        raise ValueError(f"{where}: softmax needs at least two classes (scores with K >= 2 columns); "
                         "for one output unit use a sigmoid and the logistic cost.")
    Y = v.check_Y(Y, m, K)
    ones = Y.sum(axis=1)
    if not np.all(ones == 1):
        i = int(np.argmax(ones != 1))
        raise ValueError(
            f"{where}: each row of the one-hot Y must hold exactly one 1 (softmax: every example belongs to "
            f"one class); row {i} holds {int(ones[i])}. For independent yes/no outputs use sigmoids and "
            "the logistic cost (nnlib.cost)."
        )
    return s, np.argmax(Y, axis=1), Y
