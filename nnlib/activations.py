"""Activation functions g(z) and their derivatives g'(z), all elementwise.

Each takes a number or an array ``z`` of any shape and returns the same
shape. ``ACTIVATIONS`` and ``DERIVATIVES`` gather them by name, so choosing
one is a lookup.
"""

import numpy as np

from ._validate import as_float_array


def _z(z):
    z = as_float_array(z, "z")
    if np.isnan(z).any():
        raise ValueError("z contains NaN: an earlier computation produced it (0/0 or inf - inf?).")
    return z


def _scalar_or_array(a):
    return a[()] if a.ndim == 0 else a


def sigmoid(z):
    """g(z) = 1 / (1 + e^(-z)), the logistic sigmoid; values in (0, 1).

    Exact for every finite z: e^(-|z|) never overflows, and the two branches
    below are the same function written for z >= 0 and z < 0.
    """
    z = _z(z)
    e = np.exp(-np.abs(z))  # in (0, 1]
    return _scalar_or_array(np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)))


def sigmoid_gradient(z):
    """g'(z) = g(z) (1 - g(z)), the slope of the sigmoid; at most 0.25, at z = 0.

    Computed as e^(-|z|) / (1 + e^(-|z|))^2, the same value without the
    rounding of 1 - g(z) to 0 for large z.
    """
    z = _z(z)
    e = np.exp(-np.abs(z))
    return _scalar_or_array(e / (1.0 + e) ** 2)


def step(z):
    """Threshold: 1 where z > 0, else 0. Its slope is 0 wherever it exists."""
    return _scalar_or_array((_z(z) > 0).astype(float))


def step_gradient(z):
    """The step's slope: 0 everywhere except z = 0, where it does not exist."""
    z = _z(z)
    return _scalar_or_array(np.where(z == 0, np.nan, 0.0))


def linear(z):
    """g(z) = z: the identity."""
    return _scalar_or_array(_z(z).copy())


def linear_gradient(z):
    """g'(z) = 1."""
    return _scalar_or_array(np.ones_like(_z(z)))


def tanh(z):
    """g(z) = tanh(z), values in (-1, 1); tanh(z) = 2 sigmoid(2z) - 1."""
    return _scalar_or_array(np.tanh(_z(z)))


def tanh_gradient(z):
    """g'(z) = 1 - tanh(z)^2."""
    return _scalar_or_array(1.0 - np.tanh(_z(z)) ** 2)


def relu(z):
    """g(z) = max(0, z)."""
    return _scalar_or_array(np.maximum(_z(z), 0.0))


def relu_gradient(z):
    """g'(z) = 1 for z > 0, else 0 (the value 0 is chosen at z = 0)."""
    return _scalar_or_array((_z(z) > 0).astype(float))


ACTIVATIONS = {"sigmoid": sigmoid, "step": step, "linear": linear, "tanh": tanh, "relu": relu}
DERIVATIVES = {
    "sigmoid": sigmoid_gradient,
    "step": step_gradient,
    "linear": linear_gradient,
    "tanh": tanh_gradient,
    "relu": relu_gradient,
}
