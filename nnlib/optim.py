"""Optimizers: how a gradient becomes a step.

An optimizer is an object with ``step(thetas, grads) -> new thetas``.
"""

import numpy as np


class GradientDescent:
    """Plain gradient descent: Theta <- Theta - learning_rate * dJ/dTheta.

    An optimizer is any object with ``step(thetas, grads) -> new thetas``;
    later lessons add momentum, RMSprop and Adam with the same method.
    """

    def __init__(self, learning_rate=1.0):
        if not (isinstance(learning_rate, (int, float)) and np.isfinite(learning_rate)
                and learning_rate > 0):
            raise ValueError(f"learning_rate must be a positive number; got {learning_rate!r}.")
        self.learning_rate = float(learning_rate)

    def step(self, thetas, grads):
        return [theta - self.learning_rate * grad for theta, grad in zip(thetas, grads)]

    def __repr__(self):
        return f"GradientDescent(learning_rate={self.learning_rate})"
