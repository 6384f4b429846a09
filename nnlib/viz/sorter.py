"""Pictures of the fruit sorter (``nnlib.sorter``): the fruit painted by what it says, and its sliders.

``sorter_view`` is the plain, tested logic of what the sorter's widget says for
given dials (the score rule, the count, a tip that says which way to go, the
closest call, whether the line is on the picture, whether to celebrate);
``sorter_caption`` is the same in words. ``SorterPicture`` draws once and then
moves its artists for new dials; ``draw_sorter`` is the static picture,
``plot_kid_fruit`` the fruit alone, ``plot_mistakes`` the bar chart of
mistakes per round, ``sorter_widget`` the three sliders over the picture drawn
in the browser (``sorter_plot``, ``web/sorter.js``, which celebrates when all
fruit are right), and ``draw_kid_network`` a network drawn in a child's words.

A fruit's shape (an apple or an orange, ``pip.fruit_shapes``) says what it
really is; its colour, the tint of its side of the line and the words on each
side say what the sorter says (``pip.SAYS``: deep red and golden yellow, far
apart for colour-blind eyes too).
"""

from dataclasses import dataclass

import numpy as np

from ..sorter import Sorted, check_fruit, score, sort_fruit
from .pip import FRUIT_KINDS, INK, SAYS, fruit_marker, fruit_shapes, medal_shapes, pip_shapes
from .plots import COLORS

# Slider ranges (low, high, step) chosen so a child can find a perfect setting
# by hand: on this grid about 60 settings sort all 40 fruit of data.fruit().
DIAL_RANGE = (-1.0, 2.0, 0.5)
LEAN_RANGE = (-20.0, 5.0, 0.5)
START = (1.0, 0.0, -8.0)  # size only: 37 of 40 right, so there is something to fix
SLIDER_WIDTH = "680px"  # the sliders over the 800 px picture



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


def axis_limits(X):
    """The picture's (x0, x1), (y0, y1): every fruit with a margin, colour kept within -0.5..10.5."""
    X = np.asarray(X, dtype=float)
    pad = 0.6
    return ((float(X[:, 0].min() - pad), float(X[:, 0].max() + pad)),
            (float(max(X[:, 1].min() - 1.0, -0.5)), float(min(X[:, 1].max() + 1.0, 10.5))))


def line_on_picture(dial_size, dial_colour, lean, limits):
    """True when the line where the score is 0 crosses the picture (limits: (x0, x1), (y0, y1)).

    Off the picture, the score has the same sign in all four corners: the
    sorter says the same word for every fruit there.
    """
    (x0, x1), (y0, y1) = limits
    corners = [dial_size * u + dial_colour * v + lean for u in (x0, x1) for v in (y0, y1)]
    return min(corners) <= 0 < max(corners)


def _mistakes_words(n_apples, n_oranges):
    """'2 oranges called apple, 1 apple called orange' (only the kinds there are)."""
    words = []
    if n_oranges:
        words.append(f"{n_oranges} orange{'s' * (n_oranges > 1)} called apple")
    if n_apples:
        words.append(f"{n_apples} apple{'s' * (n_apples > 1)} called orange")
    return ", ".join(words)


def perfect_leans(X, y, dial_size, dial_colour, lean_range=LEAN_RANGE):
    """The leans on the slider's grid that sort every fruit right with these two dials (maybe none)."""
    lo, hi, step = lean_range
    leans = np.round(np.arange(lo, hi + step / 2, step), 9)
    return [float(c) for c in leans if settled(X, y, dial_size, dial_colour, float(c)).n_mistakes == 0]


@dataclass
class SorterView:
    """What the sorter's widget says for one setting of the dials (``sorter_view``).

    result: the ``Sorted`` fruit; rule: the score rule with the dials filled in;
    count: how many are right, and what kinds of mistakes; tip: which way to go
    next (or how to claim the badge); close: the closest call, or where the line
    went; on_picture: whether the line crosses the picture; celebrate: every
    fruit is right.
    """

    result: Sorted
    rule: str
    count: str
    tip: str
    close: str
    on_picture: bool
    celebrate: bool

    @property
    def caption(self):
        return "\n".join([self.rule + ".", self.count, self.tip, self.close])


def sorter_view(X, y, dial_size, dial_colour, lean, limits=None, lean_range=LEAN_RANGE):
    """What to say about these dials, in a child's words: a ``SorterView``.

    The tip is exact, not a guess: it looks at every lean the slider can reach
    (``perfect_leans``) and says which way to slide it when one of them sorts
    every fruit; otherwise that the lean alone cannot do it. Scores are rounded
    before they are compared or printed (``settled``).
    limits: the picture's ((x0, x1), (y0, y1)) (default ``axis_limits(X)``).
    """
    X, y = check_fruit(X, y)
    result = settled(X, y, dial_size, dial_colour, lean)
    limits = limits or axis_limits(X)
    rule = f"score = {dial_size:g} x size" + _plus(dial_colour, "colour") + _plus(lean)
    n = len(y)
    apples_wrong = int(np.sum(~result.right & (y == 0)))
    oranges_wrong = int(np.sum(~result.right & (y == 1)))
    on_picture = line_on_picture(dial_size, dial_colour, lean, limits)
    if result.n_mistakes == 0:
        count = f"All {n} fruit sorted right!"
        tip = "You did it! Put your three numbers in the badge cell below to win Pip's golden badge."
    else:
        s = "s" * (result.n_mistakes > 1)
        count = (f"{result.n_right} of {n} sorted right: {result.n_mistakes} mistake{s} "
                 f"({_mistakes_words(apples_wrong, oranges_wrong)}).")
        good = perfect_leans(X, y, dial_size, dial_colour, lean_range)
        if good:
            target = min(good, key=lambda c: abs(c - lean))
            way = "down (to the left)" if target < lean else "up (to the right)"
            steps = round(abs(target - lean) / lean_range[2])
            key = "\u2190" if target < lean else "\u2192"  # the arrow key that moves the slider that way
            # far away, say how many presses: the perfect window can be just two steps wide
            far = ("just one step" if steps == 1 else "a couple of steps" if steps <= 3
                   else f"{steps} steps (press {key} {steps} times)")
            tip = f"Tip: slide the lean {way}, {far}: with these two dials, a lean there sorts every fruit."
        elif apples_wrong and oranges_wrong:
            tip = ("Tip: some apples are called orange and some oranges apple. Sliding the lean cannot fix both: "
                   "turn a dial, then try the lean again.")
        else:
            way = "down (to the left)" if apples_wrong else "up (to the right)"
            tip = (f"Tip: sliding the lean {way} fixes some of these, but with these two dials no lean fixes them "
                   "all: turn a dial too.")
    if on_picture:
        i = int(np.argmin(np.abs(result.scores)))
        said = SAYS[int(result.said[i])]["word"]
        really = SAYS[int(y[i])]["word"]
        verdict = "right!" if result.right[i] else f"a mistake: it is really an {really}"
        because = ", which is not above 0," if result.scores[i] == 0 else ","
        close = (f"Closest call: a fruit of size {X[i, 0]:g} and colour {X[i, 1]:g} scores "
                 f"{score_text(result.scores[i])}{because} so the sorter says {said} ({verdict}).")
    else:
        word = SAYS[int(result.said[0])]["word"]
        close = f"The line is off the picture, so the sorter says {word} to every fruit."
    return SorterView(result, rule, count, tip, close, on_picture, result.n_mistakes == 0)


def sorter_caption(X, y, dial_size, dial_colour, lean):
    """What the sorter's widget says under its sliders, in a child's words (``sorter_view``), one line each:
    the score rule with the dials filled in, the count, the tip, the closest call."""
    return sorter_view(X, y, dial_size, dial_colour, lean).caption


def fruit_colours(said):
    """The colour each fruit is painted: the colour of what the sorter says (said: (m,) of 0/1)."""
    return [SAYS[int(s)]["colour"] for s in said]


SPOT_GRID, SPOT_MARGIN = (24, 16), (0.14, 0.07)  # the same in web/fruit.js


def side_spots(X, dial_size, dial_colour, lean, limits):
    """Where to write "says apple" and "says orange": {0: (x, y) or None, 1: (x, y) or None}.

    Of a grid of spots (``SPOT_GRID``, kept ``SPOT_MARGIN`` away from the edges)
    on each side of the line, the one farthest from every fruit and from the
    line, measured in widths and heights of the picture; None when that side
    has no spot on the picture. ``web/fruit.js`` places the words by the same rule.
    """
    (x0, x1), (y0, y1) = limits
    W, H = x1 - x0, y1 - y0
    X = np.asarray(X, dtype=float)
    norm = np.hypot(dial_size * W, dial_colour * H)
    best, value = {0: None, 1: None}, {0: -1.0, 1: -1.0}
    for j in range(SPOT_GRID[1]):
        for i in range(SPOT_GRID[0]):
            u, v = (i + 0.5) / SPOT_GRID[0], (j + 0.5) / SPOT_GRID[1]
            if not (SPOT_MARGIN[0] <= u <= 1 - SPOT_MARGIN[0] and SPOT_MARGIN[1] <= v <= 1 - SPOT_MARGIN[1]):
                continue
            x, y = x0 + u * W, y0 + v * H
            s = dial_size * x + dial_colour * y + lean
            side = int(s > 0)
            d = abs(s) / norm if norm > 0 else np.inf
            d = min(d, float(np.min(np.hypot((X[:, 0] - x) / W, (X[:, 1] - y) / H))))
            if d > value[side]:
                value[side], best[side] = d, (x, y)
    return best


def legend_handles():
    """The legend of a sorter picture: the two fruit shapes (what a fruit really is) and the ring of a mistake."""
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], ls="", marker=fruit_marker(FRUIT_KINDS[k]), color=COLORS["grey"], mec=INK, mew=0.6,
                      ms=13, label=f"really an {FRUIT_KINDS[k]}") for k in (0, 1)]
    handles.append(Line2D([], [], ls="", marker="o", mfc="none", mec="black", mew=2, ms=13, label="a ring: a mistake"))
    return handles


def _legend(ax):
    ax.legend(handles=legend_handles(), loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=3, fontsize=10,
              frameon=False, handletextpad=0.4, columnspacing=1.6)


class SorterPicture:
    """The fruit, painted by what the sorter says, with its dividing line; updated in place."""

    def __init__(self, ax, X, y, legend=True):
        from matplotlib.colors import ListedColormap

        from ..data import FRUIT_FEATURES

        self.ax, (self.X, self.y) = ax, check_fruit(X, y)
        self.limits = (x0, x1), (y0, y1) = axis_limits(self.X)
        self.gx, self.gy = np.meshgrid(np.linspace(x0, x1, 240), np.linspace(y0, y1, 240))
        self.land = ax.imshow(np.zeros_like(self.gx), extent=(x0, x1, y0, y1), origin="lower",
                              cmap=ListedColormap([SAYS[0]["tint"], SAYS[1]["tint"]]), vmin=0, vmax=1,
                              aspect="auto", zorder=0, interpolation="nearest")
        self.marks = {}
        for label, kind in FRUIT_KINDS.items():
            pick = self.y == label
            self.marks[label] = (pick, ax.scatter(self.X[pick, 0], self.X[pick, 1], s=190,
                                                  marker=fruit_marker(kind), c=SAYS[label]["colour"],
                                                  edgecolors=INK, linewidths=0.7, zorder=3))
        self.rings = ax.scatter([], [], s=420, facecolors="none", edgecolors="black", linewidths=2.2, zorder=4)
        (self.line,) = ax.plot([], [], color="black", lw=2, zorder=2)
        box = dict(boxstyle="round,pad=0.25", facecolor="white", edgecolor="none", alpha=0.8)
        self.words = {k: ax.text(0, 0, f"says {SAYS[k]['word']}", ha="center", va="center", fontsize=11,
                                 fontweight="bold", color=INK, zorder=1, bbox=box) for k in (0, 1)}
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_xlabel(FRUIT_FEATURES[0])
        ax.set_ylabel(FRUIT_FEATURES[1])
        if legend:
            _legend(ax)

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
        for label, spot in side_spots(self.X, dial_size, dial_colour, lean, self.limits).items():
            self.words[label].set_visible(spot is not None)
            if spot is not None:
                self.words[label].set_position(spot)
        title = title or f"size dial {dial_size:g}, colour dial {dial_colour:g}, lean {lean:g}"
        self.ax.set_title(f"{title}:\n{result.message}")
        return result


def draw_sorter(X, y, dial_size, dial_colour, lean, ax=None, title=None, legend=True):
    """A static picture of the sorter with these dials (legend=False: no legend under it). Returns the SorterPicture."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 5))
    picture = SorterPicture(ax, X, y, legend=legend)
    picture.update(dial_size, dial_colour, lean, title)
    return picture


def plot_kid_fruit(X, y, ax=None, title=None):
    """The fruit alone, drawn as fruit in their own colours (an apple red, an orange gold). Returns the Axes."""
    import matplotlib.pyplot as plt

    from ..data import FRUIT_FEATURES

    X, y = check_fruit(X, y)
    if ax is None:
        _, ax = plt.subplots(figsize=(6.4, 4.6))
    for label, kind in FRUIT_KINDS.items():
        pick = y == label
        ax.scatter(X[pick, 0], X[pick, 1], s=190, marker=fruit_marker(kind), c=SAYS[label]["colour"],
                   edgecolors=INK, linewidths=0.7, zorder=3, label=f"{kind}s")
    (x0, x1), (y0, y1) = axis_limits(X)
    ax.set(xlim=(x0, x1), ylim=(y0, y1), xlabel=FRUIT_FEATURES[0], ylabel=FRUIT_FEATURES[1])
    ax.legend(loc="upper left", fontsize=10, framealpha=0.95, markerscale=0.8)
    if title:
        ax.set_title(title)
    return ax


def plot_mistakes(training, ax=None):
    """Bar chart of the mistakes made in each round of ``training`` (a Training), while it learned."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.6))
    rounds = np.arange(1, len(training.mistakes) + 1)
    bars = ax.bar(rounds, training.mistakes, color=COLORS["blue"])
    ax.bar_label(bars, fontsize=10)
    ax.set_xticks(rounds)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("round")
    ax.set_ylabel("mistakes while it learned\n(in that round)")
    ax.set_title("The computer turns its own dials: mistakes fall")
    ax.set_ylim(0, max(training.mistakes) * 1.18 + 1)
    return ax


def _ticks(lo, hi):
    from matplotlib.ticker import MaxNLocator

    return [[float(v), f"{v:g}"] for v in MaxNLocator(nbins=8, steps=[1, 2, 5, 10]).tick_values(lo, hi)
            if lo <= v <= hi]


def scene_traits(X, y):
    """What a browser-drawn sorter picture needs of the fruit and the drawing (``web/fruit.js``)."""
    from ..data import FRUIT_FEATURES

    X, y = check_fruit(X, y)
    (x0, x1), (y0, y1) = axis_limits(X)
    return dict(X=X.tolist(), y=[int(v) for v in y], xlim=[x0, x1], ylim=[y0, y1], xticks=_ticks(x0, x1),
                yticks=_ticks(y0, y1), labels={"x": FRUIT_FEATURES[0], "y": FRUIT_FEATURES[1]},
                decimals=SCORE_DECIMALS,
                art={"fruit": {FRUIT_KINDS[k]: fruit_shapes(FRUIT_KINDS[k]) for k in (0, 1)},
                     "says": {str(k): SAYS[k] for k in (0, 1)}, "ink": INK,
                     "pip": {m: pip_shapes(m) for m in ("thinking", "happy", "proud")},
                     "medal": medal_shapes()})


SCENE_TRAITS = (("X", "list"), ("y", "list"), ("xlim", "list"), ("ylim", "list"), ("xticks", "list"),
                ("yticks", "list"), ("labels", "dict"), ("decimals", "int"), ("art", "dict"))


def sorter_plot(X, y, dials=START):
    """The sorter's picture, drawn in the browser (``web/sorter.js``): an anywidget.

    Its traits size_dial, colour_dial and lean are the dials it draws; the
    fruit X, y and the drawings of the fruit and of Pip are sent once. It
    paints each fruit by what the sorter says, with the scores rounded as
    ``settled`` rounds them, and celebrates when every fruit is right.
    """
    from .browser import view_class

    traits = (("size_dial", "float"), ("colour_dial", "float"), ("lean", "float"), ("spec", "dict")) + SCENE_TRAITS
    return view_class("sorter", "SorterPlot", traits)(
        size_dial=float(dials[0]), colour_dial=float(dials[1]), lean=float(dials[2]),
        spec={"width": 800, "height": 560, "left": 77, "right": 120, "top": 60, "bottom": 80}, **scene_traits(X, y))


def sorter_widget(X, y, start=START):
    """Three sliders (size dial, colour dial, lean), the live score rule and tip, and the fruit picture.

    The picture is drawn in the browser (``sorter_plot``), linked to the
    sliders there; the kernel writes the rule, the count, the tip and the
    closest call (``sorter_view``) when the values reach it.
    """
    import ipywidgets as widgets

    from .browser import kernel_caption, link

    lo, hi, step = DIAL_RANGE
    style = {"description_width": "100px"}
    # As wide as the picture under them allows: the lean slider has 50 steps, and with two dials at 1 and
    # 0.5 only two of its leans sort every fruit; at 680 px a step is 9.7 px on the page, at 480 px it was 5.7
    # (measured in JupyterLab, tests/test_browser.py).
    layout = widgets.Layout(width=SLIDER_WIDTH)
    sliders = [widgets.FloatSlider(value=start[0], min=lo, max=hi, step=step, description="size dial",
                                   style=style, layout=layout),
               widgets.FloatSlider(value=start[1], min=lo, max=hi, step=step, description="colour dial",
                                   style=style, layout=layout),
               widgets.FloatSlider(value=start[2], min=LEAN_RANGE[0], max=LEAN_RANGE[1], step=LEAN_RANGE[2],
                                   description="starting lean", style=style, layout=layout)]
    caption = kernel_caption(widgets.HTML())
    plot = sorter_plot(X, y, [s.value for s in sliders])
    links = [link(s, plot, name) for s, name in zip(sliders, ("size_dial", "colour_dial", "lean"))]

    def recaption(change=None):
        view = sorter_view(X, y, *[s.value for s in sliders])
        caption.value = f"<b>{view.rule}.</b><br>{view.count}<br>{view.tip}<br>{view.close}"

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
