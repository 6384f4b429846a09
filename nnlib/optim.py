"""Optimizers: how a gradient becomes a step.

An optimizer is an object with ``step(params, grads)``: params is a list of
float arrays (the weights), grads a list of arrays of the same shapes (dJ/d
each one); ``step`` updates every array of params in place and returns None,
as ``torch.optim`` optimizers do. State (a velocity, running averages) lives
in the optimizer, one entry per parameter, so use one optimizer per model.
"""

import numpy as np


def check_rate(lr, name="lr"):
    """A learning rate as a positive finite float, or a clear error."""
    if isinstance(lr, bool) or not isinstance(lr, (int, float, np.integer, np.floating)) \
            or not np.isfinite(lr) or lr <= 0:
        raise ValueError(f"{name} (the learning rate) must be a positive number such as 0.1; got {lr!r}.")
    return float(lr)


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


def check_fraction(value, name, meaning):
    """A decay rate in [0, 1) as a float, or a clear error."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not np.isfinite(value) or not 0 <= value < 1:
        raise ValueError(f"{name} ({meaning}) must be a number in [0, 1) such as 0.9; got {value!r}.")
    return float(value)


def check_eps(eps):
    """eps, the small number that keeps a division away from zero: positive and finite."""
    if isinstance(eps, bool) or not isinstance(eps, (int, float, np.integer, np.floating)) \
            or not np.isfinite(eps) or eps <= 0:
        raise ValueError(f"eps must be a small positive number such as 1e-8; got {eps!r}.")
    return float(eps)


class StatefulOptimizer:
    """What Momentum, RMSprop and Adam share: one state entry per parameter.

    The state is made on the first ``step`` from the shapes of params; later
    steps must pass the same number of arrays with the same shapes.
    """

    def _states(self, params, grads, new):
        if not isinstance(params, (list, tuple)) or not isinstance(grads, (list, tuple)):
            raise TypeError("step(params, grads) takes two lists of arrays: the weights and dJ/d each weight.")
        if len(params) != len(grads):
            raise ValueError(f"step got {len(params)} parameter arrays but {len(grads)} gradients: "
                             "pass one gradient per parameter, in the same order.")
        for i, (p, g) in enumerate(zip(params, grads)):
            if not isinstance(p, np.ndarray) or p.dtype.kind != "f":
                raise TypeError(f"params[{i}] must be a float numpy array (it is updated in place); "
                                f"got {type(p).__name__}" + (f" of dtype {p.dtype}" if isinstance(p, np.ndarray) else "")
                                + ".")
            if np.shape(g) != p.shape:
                raise ValueError(f"grads[{i}] has shape {np.shape(g)} but params[{i}] has shape {p.shape}: "
                                 "a gradient has the shape of its parameter.")
        if not hasattr(self, "state") or self.state is None:
            self.state = [new(p) for p in params]
        elif [s[0].shape for s in self.state] != [p.shape for p in params]:
            raise ValueError("this optimizer was first used on parameters of shapes "
                             f"{[s[0].shape for s in self.state]}, now on {[p.shape for p in params]}: "
                             "make one optimizer per model.")
        return self.state


class Momentum(StatefulOptimizer):
    """Gradient descent with momentum, as torch.optim.SGD(lr, momentum) (no dampening).

    v <- momentum * v + dJ/dtheta      (v starts at 0, so the first v is the gradient)
    theta <- theta - lr * v
    """

    def __init__(self, lr, momentum=0.9):
        self.lr = check_rate(lr)
        self.momentum = check_fraction(momentum, "momentum", "how much of the last velocity is kept")
        self.state = None

    def step(self, params, grads):
        for theta, grad, (v,) in zip(params, grads, self._states(params, grads, lambda p: (np.zeros_like(p),))):
            v *= self.momentum
            v += grad
            theta -= self.lr * v

    def __repr__(self):
        return f"Momentum(lr={self.lr:g}, momentum={self.momentum:g})"


class RMSprop(StatefulOptimizer):
    """RMSprop, as torch.optim.RMSprop(lr, alpha, eps) (not centered, no momentum).

    s <- alpha * s + (1 - alpha) * g^2          (s starts at 0)
    theta <- theta - lr * g / (sqrt(s) + eps)
    """

    def __init__(self, lr, alpha=0.99, eps=1e-8):
        self.lr = check_rate(lr)
        self.alpha = check_fraction(alpha, "alpha", "the decay of the running mean of g^2")
        self.eps = check_eps(eps)
        self.state = None

    def step(self, params, grads):
        for theta, grad, (s,) in zip(params, grads, self._states(params, grads, lambda p: (np.zeros_like(p),))):
            s *= self.alpha
            s += (1 - self.alpha) * grad * grad
            theta -= self.lr * grad / (np.sqrt(s) + self.eps)

    def __repr__(self):
        return f"RMSprop(lr={self.lr:g}, alpha={self.alpha:g}, eps={self.eps:g})"


class Adam(StatefulOptimizer):
    """Adam, as torch.optim.Adam(lr, betas, eps, amsgrad); t counts steps from 1.

    m <- beta1 m + (1 - beta1) g,   v <- beta2 v + (1 - beta2) g^2   (both start at 0)
    m_hat = m / (1 - beta1^t),      v_hat = v / (1 - beta2^t)        (bias correction)
    theta <- theta - lr * m_hat / (sqrt(v_hat) + eps)
    With amsgrad=True, v_hat uses the largest v seen so far instead of v.
    """

    def __init__(self, lr, betas=(0.9, 0.999), eps=1e-8, amsgrad=False):
        self.lr = check_rate(lr)
        if not isinstance(betas, (list, tuple)) or len(betas) != 2:
            raise ValueError(f"betas must be a pair (beta1, beta2) such as (0.9, 0.999); got {betas!r}.")
        self.beta1 = check_fraction(betas[0], "beta1", "the decay of the running mean of g")
        self.beta2 = check_fraction(betas[1], "beta2", "the decay of the running mean of g^2")
        self.eps = check_eps(eps)
        self.amsgrad = bool(amsgrad)
        self.t = 0
        self.state = None

    def step(self, params, grads):
        states = self._states(params, grads, lambda p: (np.zeros_like(p), np.zeros_like(p), np.zeros_like(p)))
        self.t += 1
        correction1 = 1 - self.beta1 ** self.t
        correction2 = 1 - self.beta2 ** self.t
        for theta, grad, (m, v, v_max) in zip(params, grads, states):
            m *= self.beta1
            m += (1 - self.beta1) * grad
            v *= self.beta2
            v += (1 - self.beta2) * grad * grad
            if self.amsgrad:
                np.maximum(v_max, v, out=v_max)
            root_v_hat = np.sqrt(v_max if self.amsgrad else v) / np.sqrt(correction2)
            theta -= (self.lr / correction1) * m / (root_v_hat + self.eps)

    def __repr__(self):
        return (f"Adam(lr={self.lr:g}, betas=({self.beta1:g}, {self.beta2:g}), eps={self.eps:g}"
                + (", amsgrad=True)" if self.amsgrad else ")"))


OPTIMIZERS = {"gd": GradientDescent, "momentum": Momentum, "rmsprop": RMSprop, "adam": Adam}
