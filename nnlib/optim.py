"""Optimizers: how a gradient becomes a step.

An optimizer is an object with ``step(params, grads)``: params is a list of
float arrays (the weights), grads a list of arrays of the same shapes (dJ/d
each one); ``step`` updates every array of params in place and returns None,
as ``torch.optim`` optimizers do. State (a velocity, running averages) lives
in the optimizer, one entry per parameter, so use one optimizer per model.
"""

import numpy as np

from . import _validate as v


def check_rate(lr, name="lr"):
    """A learning rate as a positive finite float (numpy scalars too; bools rejected), or a clear error."""
    return v.positive_number(lr, f"{name} (the learning rate)")


class GradientDescent:
    """Plain gradient descent: theta <- theta - lr * dJ/dtheta, for every parameter.

    lr: the learning rate, a positive number.
    """

    def __init__(self, lr=1.0):
        self.lr = check_rate(lr)

    def step(self, params, grads):
        for theta, grad in zip(params, grads):
            theta -= self.lr * grad

    def __repr__(self):
        return f"GradientDescent(lr={self.lr:g})"
