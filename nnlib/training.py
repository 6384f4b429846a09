"""Training: repeated backprop and optimizer steps (``nnlib.optim``), full-batch or in mini-batches.

A progress bar to pass as ``callback`` is ``nnlib.ProgressBar`` (in ``nnlib.viz.progress``).
"""

import contextlib
import inspect
import warnings
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from . import _validate as v
from . import optim
from .fast import cost_and_gradient
from .optim import GradientDescent

DIVERGENCE_FACTOR = 10  # a cost above 10 times its start (and by more than 1) is diverging


class DivergenceWarning(RuntimeWarning):
    """The cost rose far above where it started: training is diverging, most often a learning rate too large."""


class TrainingInterrupted(UserWarning):
    """Training was stopped (Ctrl+C, the kernel's interrupt): ``train`` returned what it had reached."""


@dataclass
class TrainResult:
    """thetas: the trained weights; history: J at every iteration, before its step.

    interrupted: True when training was stopped by Ctrl+C (KeyboardInterrupt);
    thetas and history are then those of the last complete iteration.
    """

    thetas: list
    history: list = field(default_factory=list)
    interrupted: bool = False

    @property
    def iterations(self):
        return len(self.history)


@lru_cache(maxsize=1)
def _blas_controller():
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # optional: training still works, perhaps a little slower
        return None
    return ThreadpoolController()


def one_blas_thread():
    """A context in which numpy's matrix products use one thread.

    For networks this small, a second thread gains at most ~10% and makes
    timings erratic (measured: benchmarks/backprop_speed.py); one thread also
    gives the same rounding on every machine.
    """
    controller = _blas_controller()
    return controller.limit(limits=1, user_api="blas") if controller else contextlib.nullcontext()


def _batches(m, batch_size, rng):
    if batch_size is None or batch_size >= m:
        yield slice(None)
        return
    order = rng.permutation(m)
    for start in range(0, m, batch_size):
        yield order[start:start + batch_size]


def train(thetas, X, Y, *, lam=0.0, learning_rate=None, iterations=100, optimizer=None,
          batch_size=None, seed=0, callback=None):
    """Minimize J(Theta) by repeated backprop and optimizer steps.

    thetas: starting weights (not modified); X: (m, n); Y: (m, K) or labels (m,).
    learning_rate: the step size of plain gradient descent (default 1.0).
    optimizer: an object with ``step(params, grads)`` that updates params in
        place (``nnlib.optim``); defaults to ``GradientDescent(learning_rate)``.
        An optimizer carries its own learning rate, so give one or the other:
        both at once is an error (one of them would be ignored).
    batch_size: None for full-batch descent; otherwise each iteration is one
        pass over shuffled mini-batches of that size (seeded by ``seed``).
    callback: called as ``callback(iteration, J, thetas)`` after every
        iteration; return True from it to stop early. The optimizer updates
        thetas in place: a callback that keeps them must keep a copy.
    Returns a ``TrainResult`` with the final thetas and the history of J.
    Warns with a ``DivergenceWarning`` when the cost rises above 10 times its
    start, and stops with a FloatingPointError when it becomes infinite or NaN.
    Interrupted (Ctrl+C), it returns the weights and history of the last
    complete iteration, with ``interrupted=True``, and warns that it stopped.
    """
    thetas, X, Y, lam, iterations, optimizer, batch_size, rng = _check_train(
        thetas, X, Y, lam, learning_rate, iterations, optimizer, batch_size, seed, callback)
    with one_blas_thread():
        return _train(thetas, X, Y, lam, iterations, optimizer, batch_size, rng, callback)


def _check_train(thetas, X, Y, lam, learning_rate, iterations, optimizer, batch_size, seed, callback):
    thetas, X, Y, lam = v.check_network_inputs(thetas, X, Y, lam)
    if learning_rate is not None:
        learning_rate = v.positive_number(learning_rate, "learning_rate", example="0.5")
    iterations = v.whole_number(iterations, "iterations", minimum=0)
    if batch_size is not None:
        batch_size = v.whole_number(batch_size, "batch_size", hint="Or None for full-batch descent.")
    if optimizer is None:
        optimizer = GradientDescent(1.0 if learning_rate is None else learning_rate)
    else:
        optimizer = check_optimizer(optimizer)
        if learning_rate is not None:
            raise ValueError(
                f"train got both learning_rate={learning_rate:g} and optimizer={optimizer!r}: the optimizer "
                "has its own learning rate, so one of the two would be ignored. Set the rate in the optimizer "
                "(e.g. optimizer=nnlib.optim.Adam(0.01)) and leave learning_rate out, or leave out the "
                "optimizer for plain gradient descent at learning_rate."
            )
    check_callback(callback)
    rng = v.random_generator(seed)
    return [t.copy() for t in thetas], X, Y, lam, iterations, optimizer, batch_size, rng


def check_callback(callback):
    """Raise before training unless callback is None or can be called as callback(iteration, J, thetas)."""
    if callback is None:
        return
    if not callable(callback):
        raise TypeError(
            f"callback must be a function called as callback(iteration, J, thetas), or None; "
            f"got {type(callback).__name__}. For a progress bar pass nnlib.ProgressBar(iterations)."
        )
    try:
        signature = inspect.signature(callback)
    except (TypeError, ValueError):  # some built-ins have none: trust them
        return
    try:
        signature.bind(0, 0.0, [])
    except TypeError:
        raise TypeError(
            f"callback must accept three arguments, callback(iteration, J, thetas); its signature is "
            f"{signature}. For example: def show(iteration, J, thetas): print(iteration, J)."
        ) from None


def check_optimizer(optimizer):
    """``optimizer`` if it has a ``step(params, grads)`` method, else an error naming nnlib's optimizers."""
    if isinstance(optimizer, type):
        raise TypeError(
            f"optimizer must be an optimizer object, made with its settings; got the class {optimizer.__name__} "
            f"itself. Write optimizer={optimizer.__name__}(0.01) (the learning rate first), as with nnlib.optim."
        )
    if callable(getattr(optimizer, "step", None)):
        return optimizer
    available = ", ".join(f"nnlib.optim.{name}" for name, obj in vars(optim).items()
                          if isinstance(obj, type) and callable(getattr(obj, "step", None)))
    got = f"the string {optimizer!r}" if isinstance(optimizer, str) else type(optimizer).__name__
    raise TypeError(
        f"optimizer must be an object with a step(params, grads) method; got {got}. "
        f"Pass an nnlib.optim object, e.g. optimizer=nnlib.optim.GradientDescent(0.5) "
        f"(available: {available}), or leave it out and set learning_rate."
    )


def _diverging(start, J):
    return J > DIVERGENCE_FACTOR * start and J > start + 1.0


def _train(thetas, X, Y, lam, iterations, optimizer, batch_size, rng, callback):
    result = TrainResult(thetas=[t.copy() for t in thetas])
    try:
        _iterate(result, thetas, X, Y, lam, iterations, optimizer, batch_size, rng, callback)
    except KeyboardInterrupt:
        result.interrupted = True  # result holds the last complete iteration
        warnings.warn(
            f"training was interrupted (Ctrl+C) during iteration {result.iterations} of {iterations}: "
            f"train returns the weights after the {result.iterations} complete iteration(s) "
            "(result.interrupted is True).",
            TrainingInterrupted, stacklevel=3,
        )
    return result


def _iterate(result, thetas, X, Y, lam, iterations, optimizer, batch_size, rng, callback):
    """Run the iterations, keeping in ``result`` a copy of the weights after each complete one."""
    warned = False
    for it in range(iterations):
        costs = []
        for batch in _batches(X.shape[0], batch_size, rng):
            with np.errstate(over="ignore", invalid="ignore"):  # an overflow is reported just below
                J, grads = cost_and_gradient(thetas, X[batch], Y[batch], lam)
            if not np.isfinite(J):
                if it == 0 and not costs:  # the starting weights, before any step
                    raise FloatingPointError(
                        f"the cost of the starting weights is {J}: the weighted sums z overflow. "
                        "Scale the features (nnlib.data.standardize) or start from smaller weights "
                        "(nnlib.init_weights)."
                    )
                raise FloatingPointError(
                    f"the cost became {J} at iteration {it}: training diverged. Try a smaller learning rate."
                )
            costs.append(J)
            try:
                with np.errstate(over="ignore", invalid="ignore"):
                    optimizer.step(thetas, grads)  # updates thetas in place
            except FloatingPointError as error:  # nnlib's optimizers refuse a step to infinity
                raise FloatingPointError(
                    f"at iteration {it} (cost {J:.4g} before the step), training diverged: {error}"
                ) from None
            if not all(np.isfinite(t.sum()) for t in thetas):
                raise FloatingPointError(
                    f"the weights became infinite or NaN at iteration {it} (cost {J:.4g} before the step): "
                    f"training diverged. Try a smaller learning rate (the optimizer: {optimizer!r})."
                )
        J = float(np.mean(costs))
        result.history.append(J)
        result.thetas = [t.copy() for t in thetas]
        if not warned and _diverging(result.history[0], J):
            warned = True
            warnings.warn(
                f"the cost rose from {result.history[0]:.4g} to {J:.4g} by iteration {it}, more than "
                f"{DIVERGENCE_FACTOR} times its start: training is diverging. Try a smaller learning rate "
                f"(the optimizer: {optimizer!r}).",
                DivergenceWarning, stacklevel=3,
            )
        if callback is not None and callback(it, J, thetas):
            break
