"""Pictures of the fruit sorter (``nnlib.sorter``): the fruit painted by what it says, and its sliders.

``SorterPicture`` draws once and then moves its artists for new dials;
``draw_sorter`` is the static picture, ``plot_mistakes`` the bar chart of
mistakes per round, ``sorter_caption`` the words under the sliders,
``sorter_widget`` the three sliders over the picture drawn in the browser
(``sorter_plot``, ``web/sorter.js``), and ``draw_kid_network``
a network drawn in a child's words.
"""

import numpy as np

from ..sorter import Sorted, check_fruit, score, sort_fruit
from .plots import COLORS, FRUIT_STYLE

# Slider ranges (low, high, step) chosen so a child can find a perfect setting
# by hand: on this grid about 60 settings sort all 40 fruit of data.fruit().
DIAL_RANGE = (-1.0, 2.0, 0.5)
LEAN_RANGE = (-20.0, 5.0, 0.5)
START = (1.0, 0.0, -8.0)  # size only: 37 of 40 right, so there is something to fix



def _plus(value, what=""):
    """' + 2 x size' or ' - 0.5 x size' (what empty for the lean): signs a child can read."""
    sign = "-" if value < 0 else "+"
    return f" {sign} {abs(value):g}" + (f" x {what}" if what else "")


SCORE_DECIMALS = 9  # scores are rounded to this many places before compared with 0 or printed


def settled(X, y, dial_size, dial_colour, lean):
    """``sort_fruit`` with every score rounded to SCORE_DECIMALS places before it is compared with 0.

    With dials on the sliders' grid (steps of 0.5) and the fruit measured to
    0.1, every score is a multiple of 0.05; the computer's sum can land
    1e-15 off it (0.1 has no exact binary form), and a fruit that scores
    exactly 0 (an apple: "above 0 is orange") would be called an orange.
    Rounding first gives the exact answer. Returns a ``Sorted``.
    """
    result = sort_fruit(X, y, dial_size, dial_colour, lean)
    scores = np.round(result.scores, SCORE_DECIMALS) + 0.0  # + 0.0: no -0.0
    said = (scores > 0).astype(int)
    right = said == np.asarray(y)
    return Sorted(scores, said, right, int(right.sum()), int((~right).sum()))


def score_text(value):
    """A score as the caption prints it: two decimals, never "-0.00", and never "0.00" for a score that is not 0."""
    value = round(float(value), SCORE_DECIMALS) + 0.0
    text = f"{value:.2f}"
    if float(text) == 0 and value != 0:
        text = f"{value:.2g}"  # e.g. 0.004: "0.00" would hide which side of 0 it is
    return "0.00" if float(text) == 0 and value == 0 else text


def sorter_caption(X, y, dial_size, dial_colour, lean):
    """What the sorter's widget says under its sliders, in a child's words.

    Two lines: the score rule with the dials' values filled in, and the closest
    call: the fruit whose score is nearest 0, its score and what the sorter says.
    Scores are rounded before they are compared or printed (``settled``).
    """
    result = settled(X, y, dial_size, dial_colour, lean)
    X = np.asarray(X, dtype=float)
    rule = f"score = {dial_size:g} x size" + _plus(dial_colour, "colour") + _plus(lean)
    i = int(np.argmin(np.abs(result.scores)))
    said = FRUIT_STYLE[int(result.said[i])]["label"]
    really = FRUIT_STYLE[int(y[i])]["label"]
    verdict = "right!" if result.right[i] else f"a mistake: it is really an {really}"
    because = ", which is not above 0," if result.scores[i] == 0 else ","
    close = (f"Closest call: a fruit of size {X[i, 0]:g} and colour {X[i, 1]:g} scores "
             f"{score_text(result.scores[i])}{because} so the sorter says {said} ({verdict}).")
    return f"{rule}.\n{close}"


def fruit_colours(said):
    """The colour each fruit is painted: the colour of what the sorter says (said: (m,) of 0/1)."""
    return [FRUIT_STYLE[int(s)]["color"] for s in said]


class SorterPicture:
    """The fruit, painted by what the sorter says, with its dividing line; updated in place."""

    def __init__(self, ax, X, y):
        from ..data import FRUIT_FEATURES

        self.ax, (self.X, self.y) = ax, check_fruit(X, y)
        (x0, x1), (y0, y1) = axis_limits(self.X)
        self.gx, self.gy = np.meshgrid(np.linspace(x0, x1, 120), np.linspace(y0, y1, 120))
        shade = [FRUIT_STYLE[0]["color"], FRUIT_STYLE[1]["color"]]
        from matplotlib.colors import ListedColormap

        self.land = ax.imshow(np.zeros_like(self.gx), extent=(x0, x1, y0, y1), origin="lower",
                              cmap=ListedColormap(shade), vmin=0, vmax=1, alpha=0.3, aspect="auto",
                              zorder=0, interpolation="nearest")
        self.marks = {}
        for label, style in FRUIT_STYLE.items():
            pick = self.y == label
            self.marks[label] = (pick, ax.scatter(self.X[pick, 0], self.X[pick, 1], s=70,
                                                  marker=style["marker"], c=style["color"],
                                                  edgecolors="white", linewidths=0.6, zorder=3))
        self.rings = ax.scatter([], [], s=260, facecolors="none", edgecolors="black", linewidths=2.2, zorder=4)
        (self.line,) = ax.plot([], [], color="black", lw=2, zorder=2)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_xlabel(FRUIT_FEATURES[0])
        ax.set_ylabel(FRUIT_FEATURES[1])
        from matplotlib.lines import Line2D

        legend = [Line2D([], [], ls="", marker=FRUIT_STYLE[0]["marker"], color=COLORS["grey"], ms=8,
                         label="really an apple"),
                  Line2D([], [], ls="", marker=FRUIT_STYLE[1]["marker"], color=COLORS["grey"], ms=8,
                         label="really an orange"),
                  Line2D([], [], ls="", marker="o", mfc="none", mec="black", mew=2, ms=12, label="mistake")]
        ax.legend(handles=legend, loc="upper left", fontsize=9, framealpha=0.95)

    def update(self, dial_size, dial_colour, lean, title=None):
        """Repaint for new dial values (moves the existing artists; nothing is re-created).

        title: the start of the title (default: the dial values); the count of
        fruit sorted right follows it.
        """
        result = settled(self.X, self.y, dial_size, dial_colour, lean)
        for pick, dots in self.marks.values():
            dots.set_facecolor(np.array(fruit_colours(result.said), dtype=object)[pick].tolist())
        self.rings.set_offsets(self.X[~result.right].reshape(-1, 2))
        self.land.set_data((score(self.gx, self.gy, dial_size, dial_colour, lean) > 0).astype(float))
        x0, x1 = self.ax.get_xlim()
        if dial_colour != 0:
            xs = np.array([x0, x1])
            self.line.set_data(xs, -(dial_size * xs + lean) / dial_colour)
        elif dial_size != 0:
            self.line.set_data([-lean / dial_size] * 2, list(self.ax.get_ylim()))
        else:
            self.line.set_data([], [])
        title = title or f"size dial {dial_size:g}, colour dial {dial_colour:g}, lean {lean:g}"
        self.ax.set_title(f"{title}:\n{result.message}")
        return result


def draw_sorter(X, y, dial_size, dial_colour, lean, ax=None, title=None):
    """A static picture of the sorter with these dials. Returns the SorterPicture."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 5))
    picture = SorterPicture(ax, X, y)
    picture.update(dial_size, dial_colour, lean, title)
    return picture


def plot_mistakes(training, ax=None):
    """Bar chart of the mistakes made in each round of ``training`` (a Training)."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.6))
    rounds = np.arange(1, len(training.mistakes) + 1)
    bars = ax.bar(rounds, training.mistakes, color=COLORS["vermillion"])
    ax.bar_label(bars, fontsize=10)
    ax.set_xticks(rounds)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("round")
    ax.set_ylabel("mistakes in that round")
    ax.set_title("The computer turns its own dials: mistakes fall")
    ax.set_ylim(0, max(training.mistakes) * 1.18 + 1)
    return ax


def axis_limits(X):
    """The picture's (x0, x1), (y0, y1): every fruit with a margin, colour kept within -0.5..10.5."""
    X = np.asarray(X, dtype=float)
    pad = 0.6
    return ((float(X[:, 0].min() - pad), float(X[:, 0].max() + pad)),
            (float(max(X[:, 1].min() - 1.0, -0.5)), float(min(X[:, 1].max() + 1.0, 10.5))))


def sorter_plot(X, y, dials=START):
    """The sorter's picture, drawn in the browser (``web/sorter.js``): an anywidget.

    Its traits size_dial, colour_dial and lean are the dials it draws; the
    fruit X, y are sent once. It paints each fruit by what the sorter says,
    with the scores rounded as ``settled`` rounds them.
    """
    from matplotlib.ticker import MaxNLocator

    from ..data import FRUIT_FEATURES
    from .browser import view_class

    X, y = check_fruit(X, y)
    (x0, x1), (y0, y1) = axis_limits(X)

    def ticks(lo, hi):
        return [[float(v), f"{v:g}"] for v in MaxNLocator(nbins=8, steps=[1, 2, 5, 10]).tick_values(lo, hi)
                if lo <= v <= hi]

    traits = (("size_dial", "float"), ("colour_dial", "float"), ("lean", "float"), ("X", "list"), ("y", "list"),
              ("xlim", "list"), ("ylim", "list"), ("xticks", "list"), ("yticks", "list"), ("spec", "dict"),
              ("labels", "dict"), ("decimals", "int"))
    return view_class("sorter", "SorterPlot", traits)(
        size_dial=float(dials[0]), colour_dial=float(dials[1]), lean=float(dials[2]),
        X=X.tolist(), y=[int(v) for v in y], xlim=[x0, x1], ylim=[y0, y1],
        xticks=ticks(x0, x1), yticks=ticks(y0, y1),
        spec={"width": 700, "height": 500, "left": 77, "right": 21, "top": 60, "bottom": 50},
        labels={"x": FRUIT_FEATURES[0], "y": FRUIT_FEATURES[1]}, decimals=SCORE_DECIMALS)


def sorter_widget(X, y, start=START):
    """Three sliders (size dial, colour dial, lean), the live score rule, and the fruit picture.

    The picture is drawn in the browser (``sorter_plot``), linked to the
    sliders there; the kernel writes the rule and the closest call
    (``sorter_caption``) when the values reach it.
    """
    import ipywidgets as widgets

    from .browser import link

    lo, hi, step = DIAL_RANGE
    style = {"description_width": "150px"}
    layout = widgets.Layout(width="480px")
    sliders = [widgets.FloatSlider(value=start[0], min=lo, max=hi, step=step, description="size dial",
                                   style=style, layout=layout),
               widgets.FloatSlider(value=start[1], min=lo, max=hi, step=step, description="colour dial",
                                   style=style, layout=layout),
               widgets.FloatSlider(value=start[2], min=LEAN_RANGE[0], max=LEAN_RANGE[1], step=LEAN_RANGE[2],
                                   description="starting lean", style=style, layout=layout)]
    caption = widgets.HTML()
    plot = sorter_plot(X, y, [s.value for s in sliders])
    links = [link(s, plot, name) for s, name in zip(sliders, ("size_dial", "colour_dial", "lean"))]

    def recaption(change=None):
        rule, close = sorter_caption(X, y, *[s.value for s in sliders]).split("\n")
        caption.value = f"<b>{rule}</b><br>{close}"

    for s in sliders:
        s.observe(recaption, names="value")
    recaption()
    box = widgets.VBox(sliders + [caption, plot])
    box.recaption, box.sliders, box.plot, box.links = recaption, sliders, plot, links
    return box


_KID_LAYER_NAMES = {"input": "what it\nlooks at", "hidden": "small\nsorters", "output": "its\nanswer"}


def draw_kid_network(layer_sizes, input_labels, output_labels, ax=None, title=None, dials=False):
    """``nnlib.plots.draw_network`` in a child's words: no symbols, layers named by what they do.

    dials=True (for a single sorter, layer_sizes [2, 1]) writes "size dial",
    "colour dial" on the two wires and "+ lean" under the output.
    """
    import matplotlib.pyplot as plt

    from .plots import draw_network

    new_figure = ax is None
    if new_figure:
        _, ax = plt.subplots()
    draw_network(layer_sizes, ax=ax, bias=False, input_labels=input_labels,
                 output_labels=output_labels, title=title)
    ax.set_ylim(min(p.center[1] for p in ax.patches) - 1.4, ax.get_ylim()[1])  # no blank strip at the bottom
    for text in ax.texts:
        words = text.get_text()
        if words.startswith("$"):
            text.set_text("")
        elif words.startswith("layer "):
            kind = words.split("\n")[1].split(" ")[0]
            text.set_text(_KID_LAYER_NAMES[kind])
    if dials:
        if list(layer_sizes) != [2, 1]:
            raise ValueError(f"dials=True labels the wires of a single sorter, layer_sizes [2, 1]; got {layer_sizes!r}.")
        centres = [p.center for p in ax.patches]
        (xo, yo), ins = centres[-1], centres[:-1]
        for (xi, yi), name in zip(ins, ("size dial", "colour dial")):
            ax.text((xi + xo) / 2, (yi + yo) / 2 + (0.12 if yi > yo else -0.12), name, ha="center",
                    va="bottom" if yi > yo else "top", fontsize=10, color=COLORS["blue"], fontweight="bold")
        ax.text(xo, yo - 0.45, "+ lean", ha="center", va="top", fontsize=10, color=COLORS["blue"],
                fontweight="bold")
    if new_figure:  # the figure fits the network: no blank bands, and at most 7.2 inches wide
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        inch = min(1.1 if dials else 0.85, 7.2 / (x1 - x0))  # inches per unit; the dial words need room
        ax.figure.set_size_inches(inch * (x1 - x0), inch * (y1 - y0) + 0.4)
    return ax
