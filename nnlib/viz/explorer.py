"""The sigmoid explorer: what a weight w and a bias b do to g(w x + b).

``sigmoid_view(w, b)`` computes what to draw for given slider values (tested
on its own); ``plot_sigmoid`` draws it with matplotlib; ``sigmoid_explorer()`` wires two
sliders to ``sigmoid_plot``, the same picture drawn in the browser (SVG) and
linked to the sliders there; ``plot_sigmoid_grid`` is the static figure that
tells the same story without a running kernel.

The view, the drawing, the widget and the panels take ``words``: "math" (the
default; the symbols of levels 2 and 3: x, g(x), w, b, -b/w) or "kid" (level
1: the sorter's score, how sure it is, quickness, lean; no symbols or formulas). ``plot_sigmoid_panels`` is
the static figure with one named panel per setting (``KID_PANELS`` for level 1).
"""

from dataclasses import dataclass

import numpy as np

from .._validate import as_float_array
from ..activations import sigmoid
from .plots import COLORS

X_RANGE = (-8.0, 8.0)

# What the explorer writes: the course's symbols, or a child's words (level 1).
LABELS = {
    "math": {"x": "x", "y": "output", "curve": "g(w x + b)", "reference": "g(x)",
             "marker": "midpoint -b/w", "title": "g(w x + b) with w = {w:g}, b = {b:g}",
             "compact": "w = {w:g}, b = {b:g}", "w": "weight w", "b": "bias b",
             "away": "midpoint at\nx = {m}", "away_decimals": 2},
    "kid": {"x": "the sorter's score", "y": "how sure it is that\nthe fruit is an orange",
            "curve": "how sure it is", "reference": "the plain curve\n(quickness 1, lean 0)",
            "marker": "where it can't decide\n(half sure)",
            "title": "How sure the sorter is, with quickness {w:g} and lean {b:g}",
            "compact": "quickness {w:g}, lean {b:g}", "w": "quickness", "b": "lean",
            "away": "can't decide\nat {m}", "away_decimals": 1},
}
KID_TICKS = ([0.0, 0.5, 1.0], ["0: sure it is\nan apple", "0.5: half sure", "1: sure it is\nan orange"])
# The static figure of level 1: (name, quickness, lean) per panel.
KID_PANELS = (("slow to decide", 0.5, 0.0), ("quick to decide", 3.0, 0.0), ("leaning to orange", 1.0, 3.0))


@dataclass
class SigmoidView:
    """Everything the explorer shows for one (w, b).

    x, y: the curve y = g(w x + b); reference: g(x), drawn dashed.
    midpoint: x = -b / w where the curve crosses 0.5 (None when w = 0).
    slope: the curve's slope at its midpoint, w / 4 (g'(0) = 1/4).
    shape: "rising", "falling" or "flat"; caption: one sentence for the learner
    (two short ones in a child's words when words = "kid").
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
    words: str = "math"


def _number(value, name):
    arr = as_float_array(value, name)
    if arr.ndim != 0 or not np.isfinite(arr):
        raise ValueError(f"{name} must be one finite number; got {value!r}.")
    return float(arr)


def _labels(words):
    if not isinstance(words, str) or words not in LABELS:
        raise ValueError(f"words must be 'math' (symbols, levels 2 and 3) or 'kid' (a child's words, "
                         f"level 1); got {words!r}.")
    return LABELS[words]


def _kid_number(value):
    """A score as a child reads it: one decimal at most, no '-0' (-2.0 -> '-2', 1/3 -> '0.3')."""
    return f"{round(value, 1) + 0.0:.1f}".removesuffix(".0")


SNAP = 9  # slider values are rounded to this many decimals first: 0.09999999999999964 is the 0.1 it shows


def height_text(v):
    """A height of the sigmoid, strictly between 0 and 1, printed so that it never reads 0 or 1.

    Two decimals in the middle (0.88); nearer the ends as many as it takes for
    two significant digits of the distance to 0 or 1: 0.000045, 0.999955.
    """
    v = float(v)
    if 0.005 <= v <= 0.995:
        return f"{v:.2f}"
    gap = v if v < 0.5 else 1.0 - v
    if gap < 1e-12:  # too close for a computer's sigmoid to tell: it prints 0 or 1, which g never is
        return "about 0 (never exactly 0)" if v < 0.5 else "about 1 (never exactly 1)"
    decimals = int(np.ceil(-np.log10(gap))) + 1
    return f"{v:.{decimals}f}"


def edge_text(v):
    """A height where the curve leaves the plot: 'near 0', 'near 1', or two decimals in between."""
    return "near 0" if v < 0.02 else "near 1" if v > 0.98 else f"{v:.2f}"


def edge_texts(first, last):
    """The heights at the plot's two edges (``edge_text``), as numbers when both would read the same
    ("from near 0 to near 0" says nothing): with the decimals the one nearer 0 or 1 needs for two
    significant digits of its distance from it, e.g. 0.0037 and 0.0122."""
    words = edge_text(first), edge_text(last)
    if words[0] != words[1]:
        return words
    gap = min(min(v, 1.0 - v) for v in (first, last))
    decimals = int(np.ceil(-np.log10(max(gap, 1e-300)))) + 1
    if decimals <= 6:
        return f"{first:.{decimals}f}", f"{last:.{decimals}f}"
    if first < 0.5:  # closer than a millionth: powers of ten, as the lesson reads 1.61e+11
        return f"{first:.2g}", f"{last:.2g}"
    return f"1 - {1.0 - first:.2g}", f"1 - {1.0 - last:.2g}"


def _kid_height(v):
    if v < 0.01:
        return "almost 0 (sure it is an apple)"
    if v > 0.99:
        return "almost 1 (sure it is an orange)"
    return f"{v:.2f} ({'orange' if v > 0.5 else 'apple' if v < 0.5 else 'can not decide'})"


def kid_caption(w, b, midpoint, x_range=X_RANGE):
    """The explorer's caption in a child's words: how quickly the sorter makes up its mind, where it can't decide.

    w: quickness, b: lean, midpoint: -b / w (None when w = 0), the score where it is half sure.
    """
    if w == 0:
        if b == 0:
            return "It never makes up its mind: it always says 0.5 (can't decide), whatever the score."
        return (f"The score no longer matters: it always says {_kid_height(float(sigmoid(b)))}, "
                "whatever the score. Only the lean decides.")
    if w < 0:
        first = "Upside down: a higher score makes it surer of apple!"
    elif w == 1:
        first = "It makes up its mind as quickly as the plain curve."
    else:
        first = f"It makes up its mind {'quickly' if w > 1 else 'slowly'}."
    where = f"It can't decide at score {_kid_number(midpoint)}"
    if not x_range[0] <= midpoint <= x_range[1]:
        where += ", off the picture (see the arrow)"
    return f"{first} {where}."


def _side(midpoint, x_range):
    """'left' or 'right' of the plot for a midpoint off it, None when it is on the plot."""
    if midpoint is None or x_range[0] <= midpoint <= x_range[1]:
        return None
    return "left" if midpoint < x_range[0] else "right"


def sigmoid_view(w, b, x_range=X_RANGE, n=401, words="math"):
    """What to draw for weight w and bias b: a ``SigmoidView``.

    Multiplying x by w makes the curve steeper (|w| > 1) or flatter (|w| < 1)
    and flips it when w < 0; adding b shifts it, so that it crosses 0.5 at
    x = -b / w. With w = 0 the curve is the flat line g(b): x has no effect.
    w and b are first rounded to ``SNAP`` decimals (a slider's 0.1 arrives as
    0.09999999999999964). The caption describes what the plot shows: where the
    midpoint went when it is off the plot, and the heights at the plot's edges
    when the curve does not run from near 0 to near 1 there.
    words: "math" (caption in symbols) or "kid" (``kid_caption``).
    """
    _labels(words)
    w, b = round(_number(w, "w"), SNAP) + 0.0, round(_number(b, "b"), SNAP) + 0.0
    x = np.linspace(*x_range, n)
    y = sigmoid(w * x + b)
    if w == 0:
        shape, midpoint = "flat", None
        caption = (f"w = 0: every x gives g(b) = g({b:g}) = {height_text(sigmoid(b))}, a flat line. "
                   "x has no effect, so there is no midpoint.")
    else:
        shape = "rising" if w > 0 else "falling"
        midpoint = -b / w + 0.0  # + 0.0 turns -0.0 (b = 0, w > 0) into 0.0
        steep = "steeper than" if abs(w) > 1 else "flatter than" if abs(w) < 1 else "as steep as"
        where = f"x = -b/w = {midpoint:.2f}"
        side = _side(midpoint, x_range)
        if side:
            where += f" (off the plot to the {side}: the arrow on the edge points there)"
        first, last = float(y[0]), float(y[-1])
        if min(first, last) > 0.02 or max(first, last) < 0.98:  # the plot shows only part of the climb
            move = "rises" if w > 0 else "falls"
            seen = "; on this plot it {} only from {} to {}".format(move, *edge_texts(first, last))
        else:
            seen = ", flipped: it falls from near 1 to near 0" if w < 0 else ""
        flip = ", flipped" if w < 0 and seen.startswith(";") else ""
        caption = (f"The curve is {steep} g(x){flip}{seen}; it crosses 0.5 at {where}, "
                   f"slope there w/4 = {round(w / 4, 6):g}.")
    if words == "kid":
        caption = kid_caption(w, b, midpoint, x_range)
    return SigmoidView(w, b, x, y, sigmoid(x), midpoint, w / 4, shape, caption, words)


def plot_sigmoid(w, b, ax, compact=False, words="math"):
    """Draw g(w x + b) (solid), g(x) (dashed) and the midpoint on ``ax``.

    words="kid" labels them in a child's words (``LABELS["kid"]``).
    Returns a dict of the artists, so a widget can update them in place.
    """
    labels = _labels(words)
    view = sigmoid_view(w, b, words=words)
    ax.axhline(0.5, color=COLORS["grey"], lw=0.6, ls=":")
    ref, = ax.plot(view.x, view.reference, ls="--", color=COLORS["grey"], lw=1.2, label=labels["reference"])
    curve, = ax.plot(view.x, view.y, color=COLORS["blue"], lw=2.2, label=labels["curve"])
    mid_x = view.midpoint if view.midpoint is not None and _side(view.midpoint, X_RANGE) is None else np.nan
    marker, = ax.plot([mid_x], [0.5], "o", color=COLORS["vermillion"], ms=7, label=labels["marker"])
    vline = ax.axvline(mid_x, color=COLORS["vermillion"], lw=0.8, ls="--")
    away, = ax.plot([], [], ls="", marker=">", color=COLORS["vermillion"], ms=11)
    away_text = ax.text(0, 0.5, "", color=COLORS["vermillion"], fontsize=7 if compact else 9, va="bottom")
    artists = {"curve": curve, "reference": ref, "marker": marker, "vline": vline, "away": away,
               "away_text": away_text, "view": view}
    _place_away(artists, view, words)
    ax.set_xlim(*X_RANGE)
    ax.set_ylim(-0.05, 1.05)
    if compact:
        ax.set_title(labels["compact"].format(w=view.w, b=view.b), fontsize=9)
        ax.tick_params(labelsize=7)
    else:
        ax.set_xlabel(labels["x"])
        ax.set_ylabel(labels["y"])
        if words == "kid":
            ax.set_yticks(*KID_TICKS)
        ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
        ax.set_title(labels["title"].format(w=view.w, b=view.b))
    return artists


def away_label(midpoint, words="math"):
    """The words beside the arrow that marks a midpoint off the plot ("midpoint at x = -12.00")."""
    labels = _labels(words)
    d = labels["away_decimals"]
    m = f"{round(midpoint, d) + 0.0:.{d}f}"
    return labels["away"].format(m=m.removesuffix(".0") if d == 1 else m)  # web/explorer.js writes it alike


def _place_away(artists, view, words):
    """Show the arrow on the plot's edge (and its words) when the midpoint is off the plot, else hide them."""
    side = _side(view.midpoint, X_RANGE)
    if side is None:
        artists["away"].set_data([], [])
        artists["away_text"].set_text("")
        return
    edge = X_RANGE[0] if side == "left" else X_RANGE[1]
    inside = 0.025 * (X_RANGE[1] - X_RANGE[0])  # the arrow just inside the edge, pointing out
    artists["away"].set_data([edge + inside if side == "left" else edge - inside], [0.5])
    artists["away"].set_marker("<" if side == "left" else ">")
    inset = 0.02 * (X_RANGE[1] - X_RANGE[0])
    artists["away_text"].set_position((edge + inset if side == "left" else edge - inset, 0.53))
    artists["away_text"].set_ha("left" if side == "left" else "right")
    artists["away_text"].set_text(away_label(view.midpoint, words))


def update_sigmoid(artists, w, b, ax=None, words=None):
    """Move the artists of ``plot_sigmoid`` to a new (w, b); returns the new view.

    words: "math" or "kid"; None keeps the wording ``plot_sigmoid`` drew them in.
    """
    words = artists["view"].words if words is None else words
    view = sigmoid_view(w, b, words=words)
    artists["curve"].set_ydata(view.y)
    mid_x = view.midpoint if view.midpoint is not None and _side(view.midpoint, X_RANGE) is None else np.nan
    artists["marker"].set_data([mid_x], [0.5])
    artists["vline"].set_xdata([mid_x, mid_x])
    artists["view"] = view
    _place_away(artists, view, words)
    if ax is not None:
        ax.set_title(_labels(words)["title"].format(w=view.w, b=view.b))
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
    # Few ticks, shared by every panel (the default made 9 + 8 per panel, the most time of a redraw);
    # x = -6, -3, 3, 6 are the midpoints -b/w of the default grid's w = 1 and w = 0.5.
    axes[0, 0].set_xticks([-6, -3, 0, 3, 6])
    axes[0, 0].set_yticks([0.0, 0.5, 1.0])
    fig.suptitle("g(w x + b) (solid) against g(x) (dashed): w sets steepness and direction, "
                 "b shifts; dot = midpoint -b/w", fontsize=10)
    fig.supxlabel("x", fontsize=10)
    fig.supylabel("g(w x + b)", fontsize=10)
    fig.tight_layout()
    return fig


def plot_sigmoid_panels(panels, words="math", title=None):
    """The static explorer as a row of named small plots, one per (name, w, b) in ``panels``.

    ``plot_sigmoid_panels(KID_PANELS, words="kid")`` is level 1's figure.
    title: a title over the row (optional).
    Returns the matplotlib Figure.
    """
    import matplotlib.pyplot as plt

    labels = _labels(words)
    fig, axes = plt.subplots(1, len(panels), figsize=(3.5 * len(panels), 3.5), sharey=True, squeeze=False)
    for ax, (name, w, b) in zip(axes[0], panels):
        artists = plot_sigmoid(w, b, ax, compact=True, words=words)
        ax.set_title(f"{name}\n({labels['compact'].format(w=artists['view'].w, b=artists['view'].b)})",
                     fontsize=10)
        ax.tick_params(labelsize=8)
        ax.set_xlabel(labels["x"], fontsize=9)
    axes[0, 0].set_yticks([0.0, 0.5, 1.0])
    axes[0, 0].set_ylabel(labels["y"], fontsize=9)
    fig.legend(*axes[0, 0].get_legend_handles_labels(), loc="lower center", ncol=3, fontsize=9,
               frameon=False, bbox_to_anchor=(0.5, 0.0))
    if title:
        fig.suptitle(title, fontsize=12)
    fig.tight_layout(rect=(0, 0.12, 1, 1))
    return fig


# The browser-drawn picture's size and margins in pixels (the figure of ``plot_sigmoid`` at 100 dpi).
SPECS = {"math": {"width": 760, "height": 360, "left": 68, "right": 160, "top": 36, "bottom": 50},
         "kid": {"width": 840, "height": 380, "left": 168, "right": 210, "top": 38, "bottom": 52,
                 "ylabel_x": 22}}


def axis_ticks(words="math"):
    """The ticks the browser-drawn explorer labels: ([(x, label), ...], [(y, label), ...])."""
    xticks = [(float(v), f"{v:g}") for v in range(-8, 9, 2)]
    if words == "kid":
        return xticks, [(v, label) for v, label in zip(*KID_TICKS)]
    return xticks, [(v / 10, f"{v / 10:.1f}") for v in range(0, 11, 2)]


def sigmoid_plot(w=1.0, b=0.0, words="math", x_range=X_RANGE, n=401):
    """The explorer's picture, drawn in the browser (``web/explorer.js``): an anywidget.

    Its traits w and b are what it draws; the curve is g(w x + b) at the n
    points of x_range, the grid of ``sigmoid_view``. Link sliders to it with
    ``browser.link`` so a move redraws in the page without the kernel.
    """
    from .browser import view_class

    labels = _labels(words)
    traits = (("w", "float"), ("b", "float"), ("x_range", "list"), ("n", "int"), ("spec", "dict"),
              ("labels", "dict"), ("xticks", "list"), ("yticks", "list"))
    xticks, yticks = axis_ticks(words)
    return view_class("explorer", "SigmoidPlot", traits)(
        w=_number(w, "w"), b=_number(b, "b"), x_range=[float(v) for v in x_range], n=int(n),
        spec=SPECS[words],
        labels={k: labels[k] for k in ("x", "y", "curve", "reference", "marker", "title", "away", "away_decimals")},
        xticks=[list(t) for t in xticks], yticks=[list(t) for t in yticks])


def sigmoid_explorer(w=1.0, b=0.0, w_range=(-5.0, 5.0), b_range=(-10.0, 10.0), words="math"):
    """Two sliders, w and b, and the curve g(w x + b) redrawn as they move.

    words="kid" names them "quickness" and "lean" and speaks a child's words.
    Returns an ipywidgets VBox; display it (or leave it last in a cell).
    The picture is drawn in the browser (``sigmoid_plot``) and the sliders are
    linked to it there, so it follows the hand without a kernel round trip;
    the kernel writes the caption (``sigmoid_view``) when a value reaches it.
    """
    import ipywidgets as widgets

    from .browser import kernel_caption, link

    labels = _labels(words)
    style = {"style": {"description_width": "initial"}} if words == "kid" else {}
    w_slider = widgets.FloatSlider(value=w, min=w_range[0], max=w_range[1], step=0.1,
                                   description=labels["w"], continuous_update=True, **style)
    b_slider = widgets.FloatSlider(value=b, min=b_range[0], max=b_range[1], step=0.5,
                                   description=labels["b"], continuous_update=True, **style)
    caption = kernel_caption(widgets.HTML())
    plot = sigmoid_plot(w_slider.value, b_slider.value, words=words)
    links = [link(w_slider, plot, "w"), link(b_slider, plot, "b")]

    def recaption(change=None):
        caption.value = f"<b>{sigmoid_view(w_slider.value, b_slider.value, words=words).caption}</b>"

    w_slider.observe(recaption, names="value")
    b_slider.observe(recaption, names="value")
    recaption()
    box = widgets.VBox([widgets.HBox([w_slider, b_slider]), caption, plot])
    box.recaption = recaption  # for tests and notebooks
    box.sliders, box.plot, box.links = {"w": w_slider, "b": b_slider}, plot, links
    return box
