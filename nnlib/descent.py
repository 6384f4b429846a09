"""Gradient descent on the simplest loss there is: fitting a line y = m x + c to points.

Plain, tested functions first: ``line_loss`` (the mean squared error),
``line_gradient`` (its slopes with respect to m and c, by formula),
``nudge_slopes`` (the same slopes found by nudging), ``best_line`` (the bottom
of the valley, by formula), ``descend`` (the walk downhill, every step kept)
and ``verdict`` ("crawling", "converging" or "diverging"). Then the figures:
``plot_descent`` draws one walk, ``plot_learning_rates`` the static story of
three learning rates. ``descent_stepper`` wires buttons to one figure that is
updated in place, so it redraws without flicker.
"""

from dataclasses import dataclass

import numpy as np
from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

from ._validate import as_float_array
from .plots import COLORS, figure_png, image_widget

VERDICTS = ("crawling", "converging", "diverging")
CRAWL_RATE = 0.9  # a step that keeps more than 90% of the extra loss is a crawl


def _number(value, name):
    arr = as_float_array(value, name)
    if arr.ndim != 0 or not np.isfinite(arr):
        raise ValueError(f"{name} must be one finite number; got {value!r}.")
    return float(arr)


def _points(x, y):
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


def line_loss(m, c, x, y):
    """Mean squared error of the line y = m x + c on n points: a number.

    x, y: (n,). L(m, c) = (1/n) sum_i (m x_i + c - y_i)^2.
    """
    x, y = _points(x, y)
    with np.errstate(over="ignore", invalid="ignore"):
        return float(np.mean((_number(m, "m") * x + _number(c, "c") - y) ** 2))


def line_gradient(m, c, x, y):
    """The slopes of the loss: (dL/dm, dL/dc), by formula.

    x, y: (n,). With the gap e_i = m x_i + c - y_i:
    dL/dm = (2/n) sum_i e_i x_i and dL/dc = (2/n) sum_i e_i.
    """
    x, y = _points(x, y)
    with np.errstate(over="ignore", invalid="ignore"):
        gap = _number(m, "m") * x + _number(c, "c") - y
        return float(2 * np.mean(gap * x)), float(2 * np.mean(gap))


def nudge_slopes(m, c, x, y, h=1e-6):
    """The slopes of the loss found by nudging: (dL/dm, dL/dc), approximately.

    dL/dm ~ (L(m + h, c) - L(m, c)) / h, and the same for c: move one dial a
    tiny amount h, watch how much the loss moves, divide by h.
    """
    h = _number(h, "h")
    if not 0 < h < 1:
        raise ValueError(f"h must be a tiny positive nudge such as 1e-6; got {h!r}.")
    here = line_loss(m, c, x, y)
    return (line_loss(m + h, c, x, y) - here) / h, (line_loss(m, c + h, x, y) - here) / h


def best_line(x, y):
    """The bottom of the loss valley, by formula (least squares): (m*, c*, L(m*, c*)).

    m* = sum (x_i - mean x)(y_i - mean y) / sum (x_i - mean x)^2, c* = mean y - m* mean x.
    """
    x, y = _points(x, y)
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
    best = _number(best_loss, "best_loss")
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
    x, y = _points(x, y)
    rate = _number(learning_rate, "learning_rate")
    if rate <= 0:
        raise ValueError(f"learning_rate must be a positive number such as 0.1; got {learning_rate!r}.")
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 0:
        raise ValueError(f"steps must be a whole number >= 0; got {steps!r}.")
    if np.ndim(start) != 1 or len(start) != 2:
        raise ValueError(f"start must be a pair (m, c); got {start!r}.")
    m, c = _number(start[0], "start m"), _number(start[1], "start c")
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


def describe(path):
    """One sentence on a walk, for a caption or a printout."""
    if path.steps == 0:
        return f"learning rate {path.learning_rate:g}: at the start, loss {path.losses[0]:.2f}. Take a step."
    m, c, L = path.ms[-1], path.cs[-1], path.losses[-1]
    where = f"m = {m:.3g}, c = {c:.3g}, loss {L:.3g}" if np.isfinite(L) else "the numbers overflowed"
    return (f"learning rate {path.learning_rate:g}, after {path.steps} step{'s' * (path.steps > 1)}: "
            f"{where} (lowest possible {path.best[2]:.2f}): {path.verdict}.")


def _map_ranges(path):
    """Axis ranges of the loss map: the start and the bottom of the valley, with a margin."""
    (m0, c0), (m1, c1) = (path.ms[0], path.cs[0]), path.best[:2]
    pad = 0.35 * max(abs(m1 - m0), abs(c1 - c0), 2.0)
    return (min(m0, m1) - pad, max(m0, m1) + pad), (min(c0, c1) - pad, max(c0, c1) + pad)


def plot_descent(path, x, y, axes, xlabel="x", ylabel="y", titles=True):
    """Draw one walk on three Axes: the line over the points, the path on a map
    of the loss, and the loss after each step. Returns a dict of artists that
    ``update_descent`` moves to another walk (same points, same start).
    """
    x, y = _points(x, y)
    ax_line, ax_map, ax_loss = axes
    ax_line.scatter(x, y, s=14, color=COLORS["sky"], edgecolors="none", label="points")
    xs = np.array([x.min() - 0.3, x.max() + 0.3])
    best = ax_line.plot(xs, path.best[0] * xs + path.best[1], ls="--", color=COLORS["grey"], lw=1.2,
                        label="best line (formula)")[0]
    line = ax_line.plot(xs, xs * 0, color=COLORS["blue"], lw=2.2, label="line now")[0]
    ax_line.set(xlim=xs, ylim=(y.min() - 1, y.max() + 1), xlabel=xlabel, ylabel=ylabel)
    ax_line.legend(loc="upper left", fontsize=8, framealpha=0.9)

    (ma, mb), (ca, cb) = _map_ranges(path)
    gm, gc = np.meshgrid(np.linspace(ma, mb, 80), np.linspace(ca, cb, 80))
    loss_map = np.mean((gm[..., None] * x + gc[..., None] - y) ** 2, axis=-1)
    ax_map.imshow(np.log10(loss_map), extent=(ma, mb, ca, cb), origin="lower", aspect="auto",
                  cmap="viridis", alpha=0.85, interpolation="bilinear")
    ax_map.contour(gm, gc, np.log10(loss_map), levels=12, colors="white", linewidths=0.4, alpha=0.6)
    ax_map.plot(*path.best[:2], marker="*", ms=15, color="white", mec="black", ls="none", label="bottom")
    ax_map.plot(path.ms[0], path.cs[0], "o", color="white", mec="black", ms=7, ls="none", label="start")
    trail = ax_map.plot([], [], "-o", color=COLORS["vermillion"], ms=3, lw=0.9, label="steps")[0]
    here = ax_map.plot([], [], "o", color=COLORS["vermillion"], mec="black", ms=8, ls="none")[0]
    ax_map.set(xlim=(ma, mb), ylim=(ca, cb), xlabel="m (slope of the line)", ylabel="c (intercept)")
    ax_map.legend(loc="lower right", fontsize=8, framealpha=0.9)

    ax_loss.axhline(path.best[2], ls="--", color=COLORS["grey"], lw=1.2, label="lowest possible")
    curve = ax_loss.plot([], [], "-o", color=COLORS["vermillion"], ms=3, lw=1.3, label="loss")[0]
    ax_loss.set(yscale="log", xlabel="step", ylabel="loss L(m, c) (log scale)")
    ax_loss.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
    ax_loss.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax_loss.yaxis.set_minor_locator(NullLocator())
    ax_loss.legend(loc="upper right", fontsize=8, framealpha=0.9)
    artists = {"line": line, "best": best, "trail": trail, "here": here, "curve": curve,
               "xs": xs, "axes": axes, "titles": titles}
    update_descent(artists, path)
    return artists


def update_descent(artists, path):
    """Move the artists of ``plot_descent`` to show ``path``; returns the path."""
    ax_line, ax_map, ax_loss = artists["axes"]
    m, c = path.ms[-1], path.cs[-1]
    with np.errstate(over="ignore", invalid="ignore"):
        artists["line"].set_ydata(m * artists["xs"] + c)
    artists["trail"].set_data(path.ms, path.cs)
    artists["here"].set_data([m], [c])
    steps = np.arange(path.losses.size)
    artists["curve"].set_data(steps, path.losses)
    finite = path.losses[np.isfinite(path.losses)]
    top = max(finite.max(), path.losses[0]) if finite.size else path.losses[0]
    ax_loss.set_xlim(-0.5, max(10, path.steps) + 0.5)
    ax_loss.set_ylim(0.7 * path.best[2], 3 * top)
    if artists["titles"]:
        ax_line.set_title(f"the line after {path.steps} steps")
        ax_map.set_title("the walk on a map of the loss (dark = low)")
        ax_loss.set_title(f"loss after each step: {path.verdict or 'not started'}")
    return path


def plot_learning_rates(x, y, rates=(0.01, 0.1, 0.9), start=(0.0, 0.0), steps=30,
                        xlabel="x", ylabel="y"):
    """The static story: one column per learning rate (line, walk, loss). Returns the Figure."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(3, len(rates), figsize=(4.1 * len(rates), 10.2), squeeze=False)
    for j, rate in enumerate(rates):
        path = descend(x, y, rate, start, steps)
        plot_descent(path, x, y, axes[:, j], xlabel, ylabel, titles=False)
        axes[0, j].set_title(f"learning rate {rate:g}: {path.verdict.upper()}\n"
                             f"the line after {steps} steps", fontsize=11)
        axes[1, j].set_title("the walk on a map of the loss (dark = low)", fontsize=10)
        axes[2, j].set_title("loss after each step", fontsize=10)
    fig.suptitle(f"{steps} steps of gradient descent from m = {start[0]:g}, c = {start[1]:g}, "
                 f"with {len(rates)} learning rates", fontsize=13)
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.05, top=0.9, wspace=0.3, hspace=0.42)
    return fig


def descent_stepper(x, y, rates=(0.01, 0.03, 0.1, 0.3, 0.6, 0.85, 0.9, 0.95, 1.1), rate=0.1,
                    start=(0.0, 0.0), xlabel="x", ylabel="y", max_steps=300):
    """A learning-rate slider and "step", "10 steps" and "reset" buttons, over one figure.

    Returns an ipywidgets VBox; display it (or leave it last in a cell). The
    walk is recomputed by ``descend`` and the figure's lines are moved, never
    re-created, so the picture does not blink. Changing the learning rate
    keeps the number of steps, so rates can be compared step for step.
    """
    import ipywidgets as widgets
    from matplotlib.figure import Figure

    if rate not in rates:
        raise ValueError(f"rate must be one of rates {rates}; got {rate!r}.")
    fig = Figure(figsize=(12.5, 3.9))
    axes = fig.subplots(1, 3)
    fig.subplots_adjust(left=0.05, right=0.99, bottom=0.13, top=0.91, wspace=0.28)
    artists = plot_descent(descend(x, y, rate, start, 0), x, y, axes, xlabel, ylabel)
    picker = widgets.SelectionSlider(options=[(f"{r:g}", r) for r in rates], value=rate,
                                     description="learning rate", continuous_update=False,
                                     style={"description_width": "initial"},
                                     layout=widgets.Layout(width="520px"))
    buttons = {name: widgets.Button(description=name) for name in ("step", "10 steps", "reset")}
    caption, image = widgets.HTML(), image_widget()
    state = {"steps": 0, "path": None}

    def redraw(change=None):
        state["path"] = update_descent(artists, descend(x, y, picker.value, start, state["steps"]))
        caption.value = f"<b>{describe(state['path'])}</b>"
        image.value = figure_png(fig, dpi=90)  # one draw, swapped in place: no blink

    def walk(n):
        def on_click(_):
            state["steps"] = 0 if n == 0 else min(state["steps"] + n, max_steps)
            redraw()
        return on_click

    for name, n in (("step", 1), ("10 steps", 10), ("reset", 0)):
        buttons[name].on_click(walk(n))
    picker.observe(redraw, names="value")
    redraw()
    box = widgets.VBox([picker, widgets.HBox(list(buttons.values())), caption, image])
    box.redraw, box.state, box.figure, box.artists = redraw, state, fig, artists
    box.controls = {"rate": picker, **buttons}
    return box
