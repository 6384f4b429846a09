"""Gradient descent on the simplest loss there is: fitting a line y = m x + c to points.

``line_loss`` (the mean squared error), ``line_gradient`` (its slopes with
respect to m and c, by formula), ``nudge_slopes`` (the same slopes found by
nudging), ``best_line`` (the bottom of the valley, by formula), ``descend``
(the walk downhill, every step kept) and ``verdict`` ("crawling",
"converging" or "diverging"). The figures and the stepper widget are in
``nnlib.viz.descent``.
"""

from dataclasses import dataclass

import numpy as np

from . import _validate as v
from ._validate import as_float_array

VERDICTS = ("crawling", "converging", "diverging")
CRAWL_RATE = 0.9  # a step that keeps more than 90% of the extra loss is a crawl


def check_points(x, y):
    """x and y as two 1-D float arrays of the same length (at least 2 points), or a clear error."""
    x, y = as_float_array(x, "x"), as_float_array(y, "y")
    if x.ndim != 1 or y.ndim != 1 or x.shape != y.shape or x.size < 2:
        raise ValueError(
            f"x and y must be two 1-D arrays of the same length (one number per point, "
            f"at least 2 points); got shapes {x.shape} and {y.shape}. For the fruit, "
            "pass one column each, e.g. X[:, 0] and X[:, 1]."
        )
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        raise ValueError("x and y must hold finite numbers; found NaN or infinity.")
    return x, y


def check_line(m, c, x, y):
    """(m, c, x, y) with m and c finite floats and x, y as ``check_points`` returns them."""
    x, y = check_points(x, y)
    return v.real_number(m, "m"), v.real_number(c, "c"), x, y


def line_loss(m, c, x, y):
    """Mean squared error of the line y = m x + c on n points: a number.

    x, y: (n,). L(m, c) = (1/n) sum_i (m x_i + c - y_i)^2.
    """
    m, c, x, y = check_line(m, c, x, y)
    n = len(x)
    e = m * x + c - y  # the gaps e_i, (n,)
    return float(np.sum(e ** 2) / n)  # L = (1/n) sum_i e_i^2


def line_gradient(m, c, x, y):
    """The slopes of the loss: (dL/dm, dL/dc), by formula.

    x, y: (n,). With the gap e_i = m x_i + c - y_i:
    dL/dm = (2/n) sum_i e_i x_i and dL/dc = (2/n) sum_i e_i.
    """
    m, c, x, y = check_line(m, c, x, y)
    n = len(x)
    e = m * x + c - y  # the gaps e_i, (n,)
    dL_dm = 2 / n * np.sum(e * x)  # dL/dm = (2/n) sum_i e_i x_i
    dL_dc = 2 / n * np.sum(e)  # dL/dc = (2/n) sum_i e_i
    return float(dL_dm), float(dL_dc)


def nudge_slopes(m, c, x, y, h=1e-6):
    """The slopes of the loss found by nudging: (dL/dm, dL/dc), approximately.

    dL/dm ~ (L(m + h, c) - L(m, c)) / h, and the same for c: move one dial a
    tiny amount h, watch how much the loss moves, divide by h.
    """
    h = v.real_number(h, "h")
    if not 0 < h < 1:
        raise ValueError(f"h must be a tiny positive nudge such as 1e-6; got {h!r}.")
    here = line_loss(m, c, x, y)
    return (line_loss(m + h, c, x, y) - here) / h, (line_loss(m, c + h, x, y) - here) / h


def best_line(x, y):
    """The bottom of the loss valley, by formula (least squares): (m*, c*, L(m*, c*)).

    m* = sum (x_i - mean x)(y_i - mean y) / sum (x_i - mean x)^2, c* = mean y - m* mean x.
    """
    x, y = check_points(x, y)
    dx = x - x.mean()
    if not np.any(dx):
        raise ValueError("all x are equal: no line through the points is better than another.")
    m = float(np.sum(dx * (y - y.mean())) / np.sum(dx * dx))
    c = float(y.mean() - m * x.mean())
    return m, c, line_loss(m, c, x, y)


def verdict(losses, best_loss):
    """How a walk went: "diverging", "crawling" or "converging".

    losses: (k + 1,), the loss before the first step and after each of k >= 1
    steps; best_loss: the lowest loss possible. Diverging: the loss is not
    finite or rose on some step (for this loss that only happens when the
    learning rate is too large). Otherwise the extra loss, L - best_loss,
    shrinks by a factor r per step on average; r > 0.9 is a crawl.
    """
    losses = as_float_array(losses, "losses")
    if losses.ndim != 1 or losses.size < 2:
        raise ValueError(f"losses must list the loss before and after at least one step; got shape {losses.shape}.")
    best = v.real_number(best_loss, "best_loss")
    if not np.all(np.isfinite(losses)):
        return "diverging"
    if np.any(np.diff(losses) > 1e-9 * (1.0 + np.abs(losses[:-1]))):
        return "diverging"
    extra = np.maximum(losses - best, 0.0)
    if extra[0] <= 1e-12 * (1.0 + best) or extra[-1] <= 1e-12 * extra[0]:
        return "converging"
    rate = (extra[-1] / extra[0]) ** (1.0 / (losses.size - 1))
    return "crawling" if rate > CRAWL_RATE else "converging"


@dataclass
class DescentPath:
    """One walk downhill. ms, cs, losses: (steps + 1,), index 0 is the start.

    best: (m*, c*, lowest loss), the bottom of the valley by formula.
    verdict: as ``verdict(losses, best[2])``, None before the first step.
    """

    learning_rate: float
    ms: np.ndarray
    cs: np.ndarray
    losses: np.ndarray
    best: tuple
    verdict: object

    @property
    def steps(self):
        return self.losses.size - 1


def descend(x, y, learning_rate, start=(0.0, 0.0), steps=20):
    """Gradient descent on L(m, c), every step kept: a ``DescentPath``.

    x, y: (n,) points; start: (m, c) before the first step; steps: k >= 0.
    Each step: m <- m - learning_rate * dL/dm and c <- c - learning_rate * dL/dc,
    both slopes taken at the old (m, c).
    """
    x, y = check_points(x, y)
    rate = v.positive_number(learning_rate, "learning_rate")
    steps = v.whole_number(steps, "steps", minimum=0)
    if np.ndim(start) != 1 or len(start) != 2:
        raise ValueError(f"start must be a pair (m, c); got {start!r}.")
    m, c = v.real_number(start[0], "start m"), v.real_number(start[1], "start c")
    ms, cs = [m], [c]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            dm, dc = line_gradient(m, c, x, y) if np.isfinite(m + c) else (np.nan, np.nan)
            m, c = m - rate * dm, c - rate * dc
            ms.append(m)
            cs.append(c)
        losses = np.array([np.mean((mi * x + ci - y) ** 2) for mi, ci in zip(ms, cs)])
    best = best_line(x, y)
    return DescentPath(rate, np.array(ms), np.array(cs), losses, best,
                       verdict(losses, best[2]) if steps else None)
