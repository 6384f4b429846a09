"""The sigmoid explorer: what a weight w and a bias b do to g(w x + b).

``sigmoid_view(w, b)`` computes what to draw for given slider values (tested
on its own); ``plot_sigmoid`` draws it; ``sigmoid_explorer()`` wires two
sliders to one figure that is updated in place, not re-created, so it redraws
without flicker; ``plot_sigmoid_grid`` is the static figure that tells the
same story without a running kernel.
"""

from dataclasses import dataclass

import numpy as np

from ._validate import as_float_array
from .activations import sigmoid
from .plots import COLORS, figure_png

X_RANGE = (-8.0, 8.0)


@dataclass
class SigmoidView:
    """Everything the explorer shows for one (w, b).

    x, y: the curve y = g(w x + b); reference: g(x), drawn dashed.
    midpoint: x = -b / w where the curve crosses 0.5 (None when w = 0).
    slope: the curve's slope at its midpoint, w / 4 (g'(0) = 1/4).
    shape: "rising", "falling" or "flat"; caption: one sentence for the learner.
    """

    w: float
    b: float
    x: np.ndarray
    y: np.ndarray
    reference: np.ndarray
    midpoint: object
    slope: float
    shape: str
    caption: str


def _number(value, name):
    arr = as_float_array(value, name)
    if arr.ndim != 0 or not np.isfinite(arr):
        raise ValueError(f"{name} must be one finite number; got {value!r}.")
    return float(arr)


def sigmoid_view(w, b, x_range=X_RANGE, n=401):
    """What to draw for weight w and bias b: a ``SigmoidView``.

    Multiplying x by w makes the curve steeper (|w| > 1) or flatter (|w| < 1)
    and flips it when w < 0; adding b shifts it, so that it crosses 0.5 at
    x = -b / w. With w = 0 the curve is the flat line g(b): x has no effect.
    """
    w, b = _number(w, "w"), _number(b, "b")
    x = np.linspace(*x_range, n)
    y = sigmoid(w * x + b)
    if w == 0:
        shape, midpoint = "flat", None
        caption = (f"w = 0: every x gives g(b) = g({b:g}) = {float(sigmoid(b)):.2f}, a flat line. "
                   "x has no effect, so there is no midpoint.")
    else:
        shape = "rising" if w > 0 else "falling"
        midpoint = -b / w + 0.0  # + 0.0 turns -0.0 (b = 0, w > 0) into 0.0
        steep = "steeper than" if abs(w) > 1 else "flatter than" if abs(w) < 1 else "as steep as"
        where = f"x = -b/w = {midpoint:.2f}"
        if not x_range[0] <= midpoint <= x_range[1]:
            where += " (off the plot)"
        flip = ", flipped: it falls from 1 to 0" if w < 0 else ""
        caption = f"The curve is {steep} g(x){flip}; it crosses 0.5 at {where}, slope there w/4 = {w / 4:.2f}."
    return SigmoidView(w, b, x, y, sigmoid(x), midpoint, w / 4, shape, caption)


def plot_sigmoid(w, b, ax, compact=False):
    """Draw g(w x + b) (solid), g(x) (dashed) and the midpoint on ``ax``.

    Returns a dict of the artists, so a widget can update them in place.
    """
    view = sigmoid_view(w, b)
    ax.axhline(0.5, color=COLORS["grey"], lw=0.6, ls=":")
    ref, = ax.plot(view.x, view.reference, ls="--", color=COLORS["grey"], lw=1.2, label="g(x)")
    curve, = ax.plot(view.x, view.y, color=COLORS["blue"], lw=2.2, label="g(w x + b)")
    mid_x = view.midpoint if view.midpoint is not None else np.nan
    marker, = ax.plot([mid_x], [0.5], "o", color=COLORS["vermillion"], ms=7, label="midpoint -b/w")
    vline = ax.axvline(mid_x, color=COLORS["vermillion"], lw=0.8, ls="--")
    ax.set_xlim(*X_RANGE)
    ax.set_ylim(-0.05, 1.05)
    if compact:
        ax.set_title(f"w = {view.w:g}, b = {view.b:g}", fontsize=9)
        ax.tick_params(labelsize=7)
    else:
        ax.set_xlabel("x")
        ax.set_ylabel("output")
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
        ax.set_title(f"g(w x + b) with w = {view.w:g}, b = {view.b:g}")
    return {"curve": curve, "reference": ref, "marker": marker, "vline": vline, "view": view}


def update_sigmoid(artists, w, b, ax=None):
    """Move the artists of ``plot_sigmoid`` to a new (w, b); returns the new view."""
    view = sigmoid_view(w, b)
    artists["curve"].set_ydata(view.y)
    mid_x = view.midpoint if view.midpoint is not None else np.nan
    artists["marker"].set_data([mid_x], [0.5])
    artists["vline"].set_xdata([mid_x, mid_x])
    artists["view"] = view
    if ax is not None:
        ax.set_title(f"g(w x + b) with w = {view.w:g}, b = {view.b:g}")
    return view


def plot_sigmoid_grid(ws=(0.5, 1.0, 3.0, -1.0), bs=(-3.0, 0.0, 3.0)):
    """The static explorer: one small plot per (w, b), rows by w, columns by b.

    Returns the matplotlib Figure.
    """
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(len(ws), len(bs), figsize=(2.6 * len(bs), 1.9 * len(ws)),
                             sharex=True, sharey=True, squeeze=False)
    for i, w in enumerate(ws):
        for j, b in enumerate(bs):
            plot_sigmoid(w, b, axes[i, j], compact=True)
    fig.suptitle("g(w x + b) (solid) against g(x) (dashed): w sets steepness and direction, "
                 "b shifts; dot = midpoint -b/w", fontsize=10)
    fig.supxlabel("x", fontsize=10)
    fig.supylabel("g(w x + b)", fontsize=10)
    fig.tight_layout()
    return fig


def sigmoid_explorer(w=1.0, b=0.0, w_range=(-5.0, 5.0), b_range=(-10.0, 10.0)):
    """Two sliders, w and b, and the curve g(w x + b) redrawn as they move.

    Returns an ipywidgets VBox; display it (or leave it last in a cell).
    The figure is made once; a slider move updates its lines and swaps the
    PNG of an Image widget, so the picture never blinks and is drawn once
    per move (``plots.figure_png``).
    """
    import ipywidgets as widgets
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.6, 3.6))
    fig.subplots_adjust(left=0.09, right=0.79, bottom=0.14, top=0.9)
    ax = fig.add_subplot()
    artists = plot_sigmoid(w, b, ax)
    w_slider = widgets.FloatSlider(value=w, min=w_range[0], max=w_range[1], step=0.1,
                                   description="weight w", continuous_update=True)
    b_slider = widgets.FloatSlider(value=b, min=b_range[0], max=b_range[1], step=0.5,
                                   description="bias b", continuous_update=True)
    caption = widgets.HTML()
    image = widgets.Image(format="png")

    def redraw(change=None):
        view = update_sigmoid(artists, w_slider.value, b_slider.value, ax)
        caption.value = f"<b>{view.caption}</b>"
        image.value = figure_png(fig, dpi=100)

    w_slider.observe(redraw, names="value")
    b_slider.observe(redraw, names="value")
    redraw()
    box = widgets.VBox([widgets.HBox([w_slider, b_slider]), caption, image])
    box.redraw = redraw  # for tests and notebooks: redraw on demand
    box.sliders = {"w": w_slider, "b": b_slider}
    box.figure, box.artists = fig, artists
    return box
