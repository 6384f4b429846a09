"""Training: repeated backprop and optimizer steps (``nnlib.optim``), full-batch or in mini-batches.

A progress bar to pass as ``callback`` is ``nnlib.ProgressBar`` (in ``nnlib.viz.progress``).
"""

import contextlib
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from . import _validate as v
from .fast import cost_and_gradient
from .optim import GradientDescent


@dataclass
class TrainResult:
    """thetas: the trained weights; history: J at every iteration, before its step."""

    thetas: list
    history: list = field(default_factory=list)

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


def train(thetas, X, Y, *, lam=0.0, learning_rate=1.0, iterations=100, optimizer=None,
          batch_size=None, seed=0, callback=None):
    """Minimize J(Theta) by repeated backprop and optimizer steps.

    thetas: starting weights (not modified); X: (m, n); Y: (m, K) or labels (m,).
    optimizer: an object with ``step(params, grads)`` that updates params in
        place (``nnlib.optim``); defaults to ``GradientDescent(learning_rate)``.
    batch_size: None for full-batch descent; otherwise each iteration is one
        pass over shuffled mini-batches of that size (seeded by ``seed``).
    callback: called as ``callback(iteration, J, thetas)`` after every
        iteration; return True from it to stop early. The optimizer updates
        thetas in place: a callback that keeps them must keep a copy.
    Returns a ``TrainResult`` with the final thetas and the history of J.
    """
    thetas, X, Y, lam = v.check_network_inputs(thetas, X, Y, lam)
    if isinstance(iterations, bool) or not isinstance(iterations, (int, np.integer)) or iterations < 0:
        raise ValueError(f"iterations must be a whole number >= 0; got {iterations!r}.")
    if batch_size is not None and (not isinstance(batch_size, (int, np.integer)) or batch_size < 1):
        raise ValueError(f"batch_size must be None (full batch) or a whole number >= 1; got {batch_size!r}.")
    if optimizer is None:
        optimizer = GradientDescent(learning_rate)
    rng = np.random.default_rng(seed)
    thetas = [t.copy() for t in thetas]
    with one_blas_thread():
        return _train(thetas, X, Y, lam, iterations, optimizer, batch_size, rng, callback)


def _train(thetas, X, Y, lam, iterations, optimizer, batch_size, rng, callback):
    result = TrainResult(thetas=thetas)
    for it in range(iterations):
        costs = []
        for batch in _batches(X.shape[0], batch_size, rng):
            J, grads = cost_and_gradient(thetas, X[batch], Y[batch], lam)
            costs.append(J)
            with np.errstate(over="ignore", invalid="ignore"):
                optimizer.step(thetas, grads)  # updates thetas in place
            if not (np.isfinite(J) and all(np.isfinite(t.sum()) for t in thetas)):
                raise FloatingPointError(
                    f"the weights became infinite or NaN at iteration {it} (cost {J:.4g}): "
                    "training diverged. Try a smaller learning rate."
                )
        J = float(np.mean(costs))
        result.history.append(J)
        result.thetas = thetas
        if callback is not None and callback(it, J, thetas):
            break
    result.thetas = thetas
    return result
