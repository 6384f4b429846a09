"""Layers as forward/backward pairs, in the CS231n style and the course's notation.

Every layer is two functions:

- ``*_forward(inputs) -> (out, cache)``: the layer's output, and what its
  backward step will need;
- ``*_backward(dout, cache) -> d(inputs)``: given dJ/d(out), the gradient of
  the cost with respect to the layer's inputs (and weights), by the chain rule.

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


def _batch(a, name):
    a = v.as_float_array(a, name)
    if a.ndim != 2:
        hint = f" For one example write {name}.reshape(1, -1)." if a.ndim == 1 else ""
        raise ValueError(f"{name} must be a 2-D array (m examples, units), one example per row; "
                         f"got shape {a.shape}.{hint}")
    if a.shape[0] == 0:
        raise ValueError(f"{name} has no examples (shape {a.shape}): m must be at least 1.")
    v.check_finite(a, name)
    return a


def _dout(dout, shape, name="dout"):
    dout = v.as_float_array(dout, name)
    if dout.shape != shape:
        raise ValueError(f"{name} must have the shape of the forward output {shape}; got {dout.shape}. "
                         "Pass dJ/d(out) of the same layer whose cache you give.")
    v.check_finite(dout, name)
    return dout


def affine_forward(a, theta):
    """z = [1, a] Theta^T: a fully connected layer, bias column first.

    a:     (m, s_in), the activations of m examples, without a bias column.
    theta: (s_out, s_in + 1), column 0 the bias weights.
    Returns z (m, s_out) and cache = (a, theta).
    """
    a = _batch(a, "a")
    theta = v.as_float_array(theta, "theta")
    if theta.ndim != 2 or theta.shape[1] != a.shape[1] + 1:
        msg = (f"theta must have shape (s_out, s_in + 1) = (s_out, {a.shape[1] + 1}) for a with "
               f"s_in = {a.shape[1]} units (bias column first); got {theta.shape}.")
        if theta.ndim == 2 and theta.shape[1] == a.shape[1]:
            msg += " theta looks like it is missing its bias column."
        elif theta.ndim == 2 and theta.shape[0] == a.shape[1] + 1:
            msg += " theta looks transposed: use theta.T."
        elif theta.ndim == 2 and theta.shape[1] == a.shape[1] + 2 and np.all(a[:, 0] == 1):
            msg += " a's first column is all ones: pass a without its bias column."
        raise ValueError(msg)
    v.check_finite(theta, "theta")
    z = a @ theta[:, 1:].T + theta[:, 0]
    return z, (a, theta)


def affine_backward(dz, cache):
    """Gradients of an affine layer from dJ/dz.

    dz: (m, s_out), dJ/dz; cache: (a, theta) from ``affine_forward``.
    Returns da (m, s_in) = dz Theta[:, 1:] and dtheta (s_out, s_in + 1) whose
    column 0 is dz summed over the m examples (the bias unit is 1 for each)
    and whose other columns are dz^T a.
    """
    a, theta = cache
    dz = _dout(dz, (a.shape[0], theta.shape[0]), "dz")
    da = dz @ theta[:, 1:]
    dtheta = np.hstack([dz.sum(axis=0)[:, None], dz.T @ a])
    return da, dtheta


def sigmoid_forward(z):
    """a = 1 / (1 + e^(-z)), elementwise. z: any shape. Returns a and cache = a."""
    a = np.asarray(sigmoid(z), dtype=float)
    return a, a


def sigmoid_backward(da, cache):
    """dz = da * a (1 - a). da: dJ/da, the shape of a; cache: a. Returns dz."""
    a = cache
    da = _dout(da, a.shape, "da")
    return da * a * (1.0 - a)


def tanh_forward(z):
    """a = tanh(z), elementwise. z: any shape. Returns a and cache = a."""
    z = v.as_float_array(z, "z")
    v.check_finite(z, "z")
    a = np.tanh(z)
    return a, a


def tanh_backward(da, cache):
    """dz = da * (1 - a^2). da: dJ/da, the shape of a; cache: a. Returns dz."""
    a = cache
    da = _dout(da, a.shape, "da")
    return da * (1.0 - a * a)


def relu_forward(z):
    """a = max(0, z), elementwise. z: any shape. Returns a and cache = z."""
    z = v.as_float_array(z, "z")
    v.check_finite(z, "z")
    return np.maximum(z, 0.0), z


def relu_backward(da, cache):
    """dz = da where z > 0, else 0 (the slope at z = 0 taken as 0). Returns dz."""
    z = cache
    da = _dout(da, z.shape, "da")
    return da * (z > 0)


def softmax(scores):
    """Row-wise softmax: p_k = e^(s_k) / sum_j e^(s_j), each row summing to 1.

    scores: (m, K). Returns p (m, K). The row maximum is subtracted first:
    softmax(s - c) = softmax(s) for any c, and then no e^(s) overflows.
    """
    s = _batch(scores, "scores")
    e = np.exp(s - s.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def softmax_cross_entropy(scores, y):
    """The softmax cross-entropy averaged over m examples, and its gradient.

    scores: (m, K), the unnormalized outputs z^(L) of the last layer.
    y:      (m,) integer labels 0..K-1, or (m, K) one-hot rows.
    J = -(1/m) sum_i log p_(i, y_i), p = softmax(scores).
    Returns (J, dscores) with dscores (m, K) = (p - Y) / m.
    Stable: log p = s - max(s) - log sum_j e^(s_j - max(s)).
    """
    s = _batch(scores, "scores")
    m, K = s.shape
    Y = np.asarray(y)
    if Y.ndim == 2 and Y.shape == (K, m) and m != K:
        raise ValueError(f"y has shape {Y.shape} but scores has {s.shape}: y looks transposed, pass y.T.")
    if K == 1:
        raise ValueError("softmax needs at least two classes (scores with K >= 2 columns); "
                         "for one output unit use a sigmoid and the logistic cost.")
    Y = v.check_Y(Y, m, K)
    shifted = s - s.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    J = float(-np.sum(Y * log_p) / m)
    dscores = (np.exp(log_p) - Y) / m
    return J, dscores


LAYERS = {
    "affine": (affine_forward, affine_backward),
    "sigmoid": (sigmoid_forward, sigmoid_backward),
    "tanh": (tanh_forward, tanh_backward),
    "relu": (relu_forward, relu_backward),
}
