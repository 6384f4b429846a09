"""Pictures of gradient descent on a line (``nnlib.descent``): one walk, three learning rates, a stepper.

``plot_descent`` draws one walk on three axes (the line, the walk on a map of
the loss, the loss per step) and ``update_descent`` moves it to another walk;
``plot_learning_rates`` is the static story of three learning rates;
``descent_stepper`` wires a learning-rate slider and step buttons to one
figure that is updated in place, so it redraws without flicker.
"""

import numpy as np
from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

from ..descent import check_points, descend
from .plots import COLORS, figure_png, image_widget


def caption(path):
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
    x, y = check_points(x, y)
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
    words, image = widgets.HTML(), image_widget()
    state = {"steps": 0, "path": None}

    def redraw(change=None):
        state["path"] = update_descent(artists, descend(x, y, picker.value, start, state["steps"]))
        words.value = f"<b>{caption(state['path'])}</b>"
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
    box = widgets.VBox([picker, widgets.HBox(list(buttons.values())), words, image])
    box.redraw, box.state, box.figure, box.artists = redraw, state, fig, artists
    box.controls = {"rate": picker, **buttons}
    return box
