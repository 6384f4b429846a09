"""Choosing lambda on a validation split: the pictures (level 3).

``plot_lambda_curves`` draws the cost on the training and on the validation
examples against lambda, with the lambda of lowest validation cost marked;
``plot_learning_curves`` draws both costs step by step for a few lambdas.
The numbers come from training runs the caller made; this module only draws.
"""

import matplotlib.pyplot as plt
import numpy as np

from .._validate import as_float_array
from .plots import COLORS

_CURVE_COLORS = (COLORS["vermillion"], COLORS["blue"], COLORS["green"], COLORS["purple"], COLORS["orange"])


def _curve(values, name, n=None, per="lambdas"):
    values = as_float_array(values, name).ravel()
    if values.size == 0 or not np.all(np.isfinite(values)):
        raise ValueError(f"{name} must be a non-empty list of finite numbers; got {values!r}.")
    if n is not None and values.size != n:
        raise ValueError(f"{name} has {values.size} numbers but there are {n} {per}: one each, please.")
    return values


def plot_lambda_curves(lams, train_costs, val_costs, ax=None):
    """Training and validation cost against lambda, the best lambda on validation marked.

    lams: (n,) lambdas, all > 0 (drawn on a log scale); train_costs, val_costs:
    (n,) the cost without penalty on the training and on the validation examples
    after training with each lambda. Returns (ax, best_lambda).
    """
    lams = _curve(lams, "lams")
    if np.any(lams <= 0):
        raise ValueError(f"lams are drawn on a log scale and must all be > 0; got {lams}.")
    train_costs = _curve(train_costs, "train_costs", lams.size)
    val_costs = _curve(val_costs, "val_costs", lams.size)
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.8))
    best = int(np.argmin(val_costs))
    ax.plot(lams, train_costs, "o-", color=COLORS["blue"], lw=2, label="training examples")
    ax.plot(lams, val_costs, "s-", color=COLORS["vermillion"], lw=2, label="validation examples")
    ax.axvline(lams[best], color=COLORS["grey"], ls="--", lw=1.2)
    ax.annotate(f"lowest validation cost:\n$\\lambda$ = {lams[best]:g}", xy=(lams[best], val_costs[best]),
                xytext=(0.55, 0.66), textcoords="axes fraction", ha="center", fontsize=10.5,
                arrowprops=dict(arrowstyle="->", color=COLORS["grey"]))
    ax.set_xscale("log")
    ax.set_xlabel("regularization strength $\\lambda$ (log scale)")
    ax.set_ylabel("cost without the penalty")
    ax.set_title("Too little $\\lambda$ overfits, too much underfits")
    ax.legend(loc="upper left", fontsize=10)
    return ax, float(lams[best])


def plot_learning_curves(histories, steps=None, ax=None):
    """Training (solid) and validation (dashed) cost per step, one colour per lambda.

    histories: {lam: (train_costs, val_costs)}, (n,) numbers each, recorded at
    the same steps for every lambda (at most five lambdas); steps: (n,) the
    step numbers of the records (default 0, 1, ..., n - 1). Returns the Axes.
    """
    if not isinstance(histories, dict) or not 1 <= len(histories) <= len(_CURVE_COLORS):
        raise ValueError(f"histories must be a dict of 1 to {len(_CURVE_COLORS)} lambdas -> (train, validation).")
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.8))
    for color, (lam, pair) in zip(_CURVE_COLORS, histories.items()):
        if len(pair) != 2:
            raise ValueError(f"histories[{lam!r}] must be (train_costs, val_costs).")
        train = _curve(pair[0], f"training costs for lambda {lam}")
        val = _curve(pair[1], f"validation costs for lambda {lam}", train.size, "training costs")
        xs = np.arange(train.size) if steps is None else _curve(steps, "steps", train.size, "costs per curve")
        ax.plot(xs, train, color=color, lw=2, label=f"$\\lambda$ = {lam:g}, training")
        ax.plot(xs, val, color=color, lw=2, ls="--", label=f"$\\lambda$ = {lam:g}, validation")
        low = int(np.argmin(val))
        ax.plot(xs[low], val[low], "o", color=color, ms=6)
    ax.set_yscale("log")
    ax.set_xlabel("steps of gradient descent")
    ax.set_ylabel("cost without the penalty (log scale)")
    ax.set_title("Training (solid) and validation (dashed) cost;\ndots: lowest validation cost")
    ax.legend(fontsize=10, loc="center right", ncol=3)
    return ax


def plot_validation_zoom(histories, steps, ax=None):
    """The validation cost per step for a few lambdas, zoomed in on a linear axis.

    On the log axis of ``plot_learning_curves`` a validation cost that rises
    by a few hundredths is invisible; here the axis spans only the part of the
    curves from just below their lowest point to their highest value after it,
    so a turn upwards (overfitting setting in) shows. histories: {lam:
    val_costs}, (n,) each (at most five); steps: (n,) their step numbers.
    Each curve's lowest point is dotted and its step written beside it.
    Returns (ax, {lam: (step of the lowest validation cost, that cost, the last cost)}).
    """
    if not isinstance(histories, dict) or not 1 <= len(histories) <= len(_CURVE_COLORS):
        raise ValueError(f"histories must be a dict of 1 to {len(_CURVE_COLORS)} lambdas -> validation costs.")
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 3.8))
    lows, tops, turns = [], [], {}
    for color, (lam, val) in zip(_CURVE_COLORS, histories.items()):
        val = _curve(val, f"validation costs for lambda {lam}")
        xs = _curve(steps, "steps", val.size, "validation costs")
        low = int(np.argmin(val))
        ax.plot(xs, val, color=color, lw=2, ls="--", label=f"$\\lambda$ = {lam:g}, validation")
        ax.plot(xs[low], val[low], "o", color=color, ms=6)
        near = (xs[low] - xs[0]) / max(xs[-1] - xs[0], 1e-12)  # where along the axis: keep the words inside it
        ax.annotate(f"lowest at step {xs[low]:g}", (xs[low], val[low]), xytext=(0, -14), textcoords="offset points",
                    ha="right" if near > 0.85 else "left" if near < 0.15 else "center", va="top", fontsize=10,
                    color=color)
        lows.append(val[low])
        tops.append(val[low:].max())
        turns[lam] = (float(xs[low]), float(val[low]), float(val[-1]))
    span = max(max(tops) - min(lows), 0.02)
    ax.set_ylim(min(lows) - 0.6 * span, max(tops) + 0.5 * span)
    ax.set_xlabel("steps of gradient descent")
    ax.set_ylabel("validation cost (linear scale)")
    ax.set_title("Validation cost, zoomed in")
    ax.legend(fontsize=10, loc="upper right")
    return ax, turns
