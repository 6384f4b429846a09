"""Optimizers: how a gradient becomes a step.

An optimizer is an object with ``step(params, grads)``: params is a list of
float arrays (the weights), grads a list of arrays of the same shapes (dJ/d
each one); ``step`` updates every array of params in place and returns None,
as ``torch.optim`` optimizers do. State (a velocity, running averages) lives
in the optimizer, one entry per parameter, so use one optimizer per model.

Each optimizer's rule is its ``update(theta, g, state, t)``: the new value of
one parameter and its new state, computed from the old ones without changing
anything. ``step`` is the same for every optimizer: it checks all its inputs,
applies ``update`` to every parameter, and writes the results only when every
one of them is finite. A step that fails, for whatever reason, leaves the
parameters and the optimizer exactly as they were.

float32 parameters are updated in place and stay float32 (the arithmetic is
done in float64, then stored).
"""

import numpy as np

from . import _validate as v


def check_rate(lr, name="lr"):
    """A learning rate as a positive finite float (numpy scalars too; bools rejected), or a clear error."""
    return v.positive_number(lr, f"{name} (the learning rate)")


def check_fraction(value, name, meaning):
    """A decay rate or momentum in [0, 1) as a float, or a clear error."""
    return v.fraction(value, name, meaning)


def check_eps(eps):
    """eps, the small number that keeps a division away from zero: positive and finite."""
    return v.positive_number(eps, "eps (added to the denominator so that it is never 0)", example="1e-8")


class Optimizer:
    """What every optimizer shares: ``step``, checked and all or nothing, over each one's ``update``.

    ``t`` counts the steps taken; ``state`` holds one entry per parameter
    (None before the first step), one array per name in ``state_names``. An
    optimizer with state belongs to one model; one without (GradientDescent)
    may step several.
    """

    t = 0
    state = None
    _inputs_checked = False  # True only while step runs update on the inputs it has checked
    state_names = ()  # what an optimizer remembers per parameter, e.g. ("v",) for momentum

    def new_state(self, theta):
        """The state of one parameter before its first step: one array of zeros per name in state_names."""
        theta = v.array(theta, "theta", f"{type(self).__name__}.new_state")
        return tuple(np.zeros(theta.shape) for _ in self.state_names)

    def update(self, theta, g, state, t):
        """One parameter's new value and new state; each optimizer defines its own rule."""
        raise NotImplementedError(
            f"{type(self).__name__} has no update rule: Optimizer is what the optimizers share. Use "
            "GradientDescent, Momentum, RMSprop or Adam, or subclass Optimizer with an update(theta, g, state, t) "
            "method that returns (new_theta, new_state)."
        )

    def step(self, params, grads):
        """Update every array of params in place from its gradient; returns None.

        params: a list of float arrays (the weights), changed in place;
        grads: a list of arrays of the same shapes, dJ/d each parameter.
        Every input is checked first; a step whose result would be infinite
        or NaN raises FloatingPointError. Either way nothing is changed.
        """
        params, grads, states = _check_step(self, params, grads)
        t = self.t + 1
        self._inputs_checked = True  # update's own checks would repeat _check_step's, once per parameter
        try:
            with np.errstate(over="ignore", invalid="ignore"):  # a non-finite result is reported below
                results = [self.update(theta, g, s, t) for theta, g, s in zip(params, grads, states)]
        finally:
            self._inputs_checked = False
        _check_results(self, params, grads, results)
        for theta, (new_theta, _) in zip(params, results):  # nothing below can fail: all or nothing
            theta[...] = new_theta
        self.state, self.t = [new_state for _, new_state in results], t


class GradientDescent(Optimizer):
    """Plain gradient descent: theta <- theta - lr * dJ/dtheta, for every parameter.

    lr: the learning rate, a positive number.
    """

    def __init__(self, lr=1.0):
        self.lr = check_rate(lr)

    def update(self, theta, g, state, t):
        """theta - lr * g; no state."""
        theta, g, state = _check_update(self, theta, g, state, t)
        return theta - self.lr * g, ()

    def __repr__(self):
        return f"GradientDescent(lr={self.lr:g})"


class Momentum(Optimizer):
    """Gradient descent with momentum, as torch.optim.SGD(lr, momentum) (no dampening).

    v <- momentum * v + dJ/dtheta      (v starts at 0, so the first v is the gradient)
    theta <- theta - lr * v
    """

    state_names = ("v",)

    def __init__(self, lr, momentum=0.9):
        self.lr = check_rate(lr)
        self.momentum = check_fraction(momentum, "momentum", "how much of the last velocity is kept")

    def update(self, theta, g, state, t):
        """One parameter's momentum step: the new theta and the new (v,)."""
        theta, g, (v,) = _check_update(self, theta, g, state, t)
        v = self.momentum * v + g
        return theta - self.lr * v, (v,)

    def __repr__(self):
        return f"Momentum(lr={self.lr:g}, momentum={self.momentum:g})"


class RMSprop(Optimizer):
    """RMSprop, as torch.optim.RMSprop(lr, alpha, eps) (not centered, no momentum).

    s <- alpha * s + (1 - alpha) * g^2          (s starts at 0)
    theta <- theta - lr * g / (sqrt(s) + eps)
    """

    state_names = ("s",)

    def __init__(self, lr, alpha=0.99, eps=1e-8):
        self.lr = check_rate(lr)
        self.alpha = check_fraction(alpha, "alpha", "the decay of the running mean of g^2")
        self.eps = check_eps(eps)

    def update(self, theta, g, state, t):
        """One parameter's RMSprop step: the new theta and the new (s,)."""
        theta, g, (s,) = _check_update(self, theta, g, state, t)
        s = self.alpha * s + (1 - self.alpha) * g * g
        return theta - self.lr * g / (np.sqrt(s) + self.eps), (s,)

    def __repr__(self):
        return f"RMSprop(lr={self.lr:g}, alpha={self.alpha:g}, eps={self.eps:g})"


class Adam(Optimizer):
    """Adam, as torch.optim.Adam(lr, betas, eps, amsgrad); t counts steps from 1.

    m <- beta1 m + (1 - beta1) g,   v <- beta2 v + (1 - beta2) g^2   (both start at 0)
    m_hat = m / (1 - beta1^t),      v_hat = v / (1 - beta2^t)        (bias correction)
    theta <- theta - lr * m_hat / (sqrt(v_hat) + eps)
    With amsgrad=True, v_hat uses the largest v seen so far instead of v.
    """

    state_names = ("m", "v", "v_max")

    def __init__(self, lr, betas=(0.9, 0.999), eps=1e-8, amsgrad=False):
        self.lr = check_rate(lr)
        self.beta1, self.beta2 = _check_betas(betas)
        self.eps = check_eps(eps)
        self.amsgrad = v.flag(amsgrad, "amsgrad", "use the largest v seen so far")

    def update(self, theta, g, state, t):
        """One parameter's Adam step t (t = 1, 2, ...): the new theta and the new (m, v, v_max)."""
        theta, g, (m, v, v_max) = _check_update(self, theta, g, state, t)
        m = self.beta1 * m + (1 - self.beta1) * g
        v = self.beta2 * v + (1 - self.beta2) * g * g
        v_max = np.maximum(v_max, v) if self.amsgrad else v_max
        step_size = self.lr / (1 - self.beta1 ** t)                   # lr * m_hat = step_size * m
        root_v_hat = np.sqrt(v_max if self.amsgrad else v) / np.sqrt(1 - self.beta2 ** t)
        return theta - step_size * m / (root_v_hat + self.eps), (m, v, v_max)

    def __repr__(self):
        return (f"Adam(lr={self.lr:g}, betas=({self.beta1:g}, {self.beta2:g}), eps={self.eps:g}"
                + (", amsgrad=True)" if self.amsgrad else ")"))


OPTIMIZERS = {"gd": GradientDescent, "momentum": Momentum, "rmsprop": RMSprop, "adam": Adam}


# ---------------------------------------------------------------- input checks


def _check_betas(betas):
    if isinstance(betas, (str, bytes)) or not hasattr(betas, "__len__") or len(betas) != 2:
        raise v.WrongKindError(
            f"betas must be a pair (beta1, beta2) such as (0.9, 0.999): the decays of the running means "
            f"of g and of g^2; got {v.describe(betas)}."
        )
    return (check_fraction(betas[0], "beta1", "the decay of the running mean of g"),
            check_fraction(betas[1], "beta2", "the decay of the running mean of g^2"))


def _name(opt):
    return f"{type(opt).__name__}.step"


def _check_step(opt, params, grads):
    """params (writable float arrays, each once), grads (finite, of their shapes) and the state to update."""
    where = _name(opt)
    params = v.array_list(params, f"{where}: params", "the weights, updated in place", "theta")
    grads = v.array_list(grads, f"{where}: grads", "dJ/d each parameter, in the order of params", "grad",
                         allow_empty=True)
    if len(params) != len(grads):
        raise ValueError(
            f"{where} got {len(params)} parameter arrays but {len(grads)} gradients: pass one gradient per "
            "parameter, in the same order (nothing was changed)."
        )
    for i, p in enumerate(params):
        v.in_place_array(p, f"params[{i}]", f"{where} changes it in place")
    v.distinct_arrays(params, "params")
    v.arrays(where, [f"params[{i}]" for i in range(len(params))], [np.asarray(p, dtype=float) for p in params],
             "The weights were already not finite before this step: training diverged earlier. "
             "Start again from finite weights with a smaller learning rate.")
    checked = []
    for i, (p, g) in enumerate(zip(params, grads)):
        g = g if type(g) is np.ndarray and g.dtype == np.float64 else v.as_float_array(g, f"grads[{i}]")
        if g.shape != p.shape:
            raise ValueError(
                f"{where}: grads[{i}] has shape {g.shape} but params[{i}] has shape {p.shape}: a gradient has "
                f"the shape of its parameter.{v.shape_hint(f'grads[{i}]', g.shape, p.shape)} "
                "Check that grads are in the order of params (nothing was changed)."
            )
        checked.append(g)
    v.arrays(where, [f"grads[{i}]" for i in range(len(checked))], checked,
             "The gradient is not finite, so no step can be taken (nothing was changed): the cost overflowed or "
             "the backward pass divided by zero. Lower the learning rate or clip the gradients.")
    if opt.state is None or not opt.state_names:  # a first step, or nothing remembered
        states = [opt.new_state(p) for p in params]
    else:
        states = opt.state
        shapes = [p.shape for p in params]
        if len(states) != len(params) or any(s and s[0].shape != shape for s, shape in zip(states, shapes)):
            raise ValueError(
                f"{where}: this optimizer was first used on parameters of shapes "
                f"{[s[0].shape if s else '?' for s in states]}, now on {shapes}: its state (velocities, running "
                "means) belongs to the first model. Make one optimizer per model."
            )
    return params, checked, states


def _check_update(opt, theta, g, state, t):
    """theta, g and state of one parameter for ``update``: float arrays of one shape, state as new_state makes it."""
    if opt._inputs_checked:  # called by step, which checked params, grads and state as a whole
        return theta, g, state
    where = f"{type(opt).__name__}.update"
    theta, g = v.arrays(where, ["theta", "g"], [theta, g])
    if g.shape != theta.shape:
        raise ValueError(f"{where}: g has shape {g.shape} but theta has shape {theta.shape}: "
                         "a gradient has the shape of its parameter.")
    names = opt.state_names
    if not isinstance(state, tuple) or len(state) != len(names):
        raise v.WrongKindError(
            f"{where}: state must be a tuple of {len(names)} array(s) {names} of theta's shape, as "
            f"opt.new_state(theta) makes (zeros before the first step); got {v.describe(state)}."
        )
    state = tuple(v.arrays(where, [f"state[{i}]" for i in range(len(state))], state))
    if any(s.shape != theta.shape for s in state):
        raise ValueError(f"{where}: every array of state must have theta's shape {theta.shape}; "
                         f"got {[s.shape for s in state]}.")
    v.whole_number(t, "t (the number of this step, from 1)")
    return theta, g, state


def _finite(a):
    with np.errstate(over="ignore", invalid="ignore"):
        return bool(np.isfinite(np.add.reduce(a, axis=None)) or np.all(np.isfinite(a)))


def _check_results(opt, params, grads, results):
    """Raise FloatingPointError, before anything is written, if a new value or state is not finite.

    One fast pass sums everything (a finite total means every entry is finite); only when the total is
    not finite is each array searched (a total can also overflow with every entry finite).
    """
    total = 0.0
    with np.errstate(over="ignore", invalid="ignore"):
        for new_theta, new_state in results:
            total += np.add.reduce(new_theta, axis=None)
            for s in new_state:
                total += np.add.reduce(s, axis=None)
    if np.isfinite(total):
        return
    for i, ((new_theta, new_state), g) in enumerate(zip(results, grads)):
        for name, s in zip(opt.state_names, new_state):
            if not _finite(s):
                raise FloatingPointError(
                    f"{_name(opt)}: the step would make the optimizer's {name} of params[{i}] infinite ({opt!r}, "
                    f"largest gradient entry {np.max(np.abs(g)):.3g}; g^2 overflows above about 1.3e154): the "
                    "gradient has exploded. Nothing was changed. Clip the gradients "
                    "(nnlib.clip.clip_by_global_norm) or lower the learning rate."
                )
        if not _finite(new_theta):
            raise FloatingPointError(
                f"{_name(opt)}: the step would make params[{i}] infinite or NaN ({opt!r}, largest gradient "
                f"entry {np.max(np.abs(g)):.3g}): the learning rate is too large for gradients this size. "
                "Nothing was changed. Try a smaller learning rate, or clip the gradients "
                "(nnlib.clip.clip_by_global_norm)."
            )
