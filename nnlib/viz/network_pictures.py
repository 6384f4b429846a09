"""Level 1's pictures of sorters wired together (``nnlib.sorter.wired_sorters``).

``draw_named_network`` draws a network whose every sorter carries a name in
words ("red light?", "something ahead?"); ``plot_lunchbox`` shows the
lunch-box fruit, where one sorter's straight line always leaves mistakes and
two sorters wired into a third sort every fruit.
"""

import numpy as np

from ..sorter import LUNCHBOX_HIDDEN, check_fruit, learn, score, sort_fruit, wired_sorters
from .plots import COLORS

# The two kinds of the lunch-box fruit: blue circles fit, purple triangles do not.
LUNCHBOX_STYLE = {1: {"label": "fits the lunch box", "color": COLORS["blue"], "marker": "o"},
                  0: {"label": "too small or too big", "color": COLORS["purple"], "marker": "^"}}
_KIND_COLOURS = {"input": COLORS["yellow"], "hidden": COLORS["sky"], "output": COLORS["orange"]}


def draw_named_network(columns, ax=None, title=None, column_names=None):
    """A network drawn as named boxes wired together: every wire joins each box to every box of the next column.

    columns: a list of lists of names, first the things looked at, then each
    row of sorters, the last one the answers. column_names: optional words
    under each column. Returns the Axes.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    if len(columns) < 2 or any(len(c) == 0 for c in columns):
        raise ValueError(f"columns must list at least two non-empty columns of names; got {columns!r}.")
    if column_names is not None and len(column_names) != len(columns):
        raise ValueError(f"column_names needs one name per column ({len(columns)}); got {len(column_names)}.")
    width = 0.22 + 0.13 * max(len(n) for c in columns for n in c)
    gap, step = width + 1.6, 1.0
    tallest = max(len(c) for c in columns)
    if ax is None:
        _, ax = plt.subplots(figsize=(min(1.1 * gap * len(columns), 10.0), 0.75 * tallest + 1.4))
    centres = [[(i * gap, (len(c) - 1) / 2 * step - j * step) for j in range(len(c))] for i, c in enumerate(columns)]
    for left, right in zip(centres, centres[1:]):
        for x0, y0 in left:
            for x1, y1 in right:
                ax.plot([x0 + width / 2, x1 - width / 2], [y0, y1], color=COLORS["grey"], lw=0.9, zorder=1)
    for i, (names, places) in enumerate(zip(columns, centres)):
        kind = "input" if i == 0 else "output" if i == len(columns) - 1 else "hidden"
        for name, (x, y) in zip(names, places):
            ax.add_patch(FancyBboxPatch((x - width / 2, y - 0.3), width, 0.6, boxstyle="round,pad=0.02,rounding_size=0.2",
                                        facecolor=_KIND_COLOURS[kind], edgecolor="black", lw=1.0, zorder=2))
            ax.text(x, y, name, ha="center", va="center", fontsize=10, zorder=3)
    low = -(tallest - 1) / 2 * step - 0.5
    if column_names:
        for i, words in enumerate(column_names):
            ax.text(i * gap, low - 0.1, words, ha="center", va="top", fontsize=9.5, style="italic")
    ax.set_xlim(-width / 2 - 0.2, (len(columns) - 1) * gap + width / 2 + 0.2)
    ax.set_ylim(low - (0.75 if column_names else 0.1), -low + 0.1)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax


def _paint(ax, X, y, said, title):
    """The lunch-box fruit by what they are (shape), the background by what the sorters say, mistakes ringed."""
    for label, style in LUNCHBOX_STYLE.items():
        pick = y == label
        ax.scatter(X[pick, 0], X[pick, 1], s=60, c=style["color"], marker=style["marker"], edgecolors="white",
                   linewidths=0.6, zorder=3, label=f"really {style['label']}")
    wrong = said != y
    ax.scatter(X[wrong, 0], X[wrong, 1], s=230, facecolors="none", edgecolors="black", linewidths=2.0, zorder=4,
               label="mistake")
    ax.set_title(title, fontsize=13)
    ax.set_xlabel("size (cm across)", fontsize=11.5)
    ax.set_ylabel("colour (0 = red, 10 = orange)", fontsize=11.5)
    ax.tick_params(labelsize=10.5)


def _shade(ax, says_yes, alpha=0.22):
    """Shade where says_yes(size, colour) is 1 in blue, elsewhere purple."""
    from matplotlib.colors import ListedColormap

    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    gx, gy = np.meshgrid(np.linspace(x0, x1, 300), np.linspace(y0, y1, 200))
    ax.imshow(says_yes(gx, gy).astype(float), extent=(x0, x1, y0, y1), origin="lower", aspect="auto",
              cmap=ListedColormap([LUNCHBOX_STYLE[0]["color"], LUNCHBOX_STYLE[1]["color"]]), vmin=0, vmax=1,
              alpha=alpha, zorder=0, interpolation="nearest")


def _line(ax, dial_size, dial_colour, lean, **style):
    """Where dial_size x size + dial_colour x colour + lean = 0, across the whole picture."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    if dial_colour != 0:
        xs = np.array([x0, x1])
        ax.plot(xs, -(dial_size * xs + lean) / dial_colour, **style)
    elif dial_size != 0:
        ax.plot([-lean / dial_size] * 2, [y0, y1], **style)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)


def plot_lunchbox(X, y, rounds=20, names=("big enough?", "small enough?")):
    """Three pictures of the lunch-box fruit: one sorter's best line in ``rounds`` rounds of learning
    (never all right), the two first sorters' lines, and the wired network's answer (every fruit right).

    Returns (figure, training of the single sorter, Wired answer of the network).
    """
    import matplotlib.pyplot as plt

    X, y = check_fruit(X, y)
    training = learn(X, y, rounds=rounds)
    tries = [sort_fruit(X, y, *d).n_mistakes for d in training.dials[1:]]
    best = training.dials[1 + int(np.argmin(tries))]  # its best line, after any round
    one = sort_fruit(X, y, *best)
    net = wired_sorters(X, y)
    # 10.5 inches (not 12.5) with the same type sizes: shown at a notebook's width, the words stay readable
    fig, axes = plt.subplots(1, 3, figsize=(10.5, 5.0), sharex=True, sharey=True)
    limits = (X[:, 0].min() - 0.5, X[:, 0].max() + 0.5), (-1.6, 11.8)
    for ax in axes:
        ax.set_xlim(*limits[0])
        ax.set_ylim(*limits[1])
    # 1: one sorter, after learning as well as it can
    _paint(axes[0], X, y, one.said, f"One sorter, best of {len(training.mistakes)} rounds:\n"
                                    f"still {one.n_mistakes} mistakes")
    _shade(axes[0], lambda gx, gy: score(gx, gy, *best) > 0)
    _line(axes[0], *best, color="black", lw=2, zorder=2)
    # 2: the two first sorters, each one straight line
    label = dict(fontsize=13, fontweight="bold", va="center",
                 bbox=dict(facecolor="white", edgecolor="none", alpha=0.85, pad=1.5))
    # each line's name outside the band, its "yes" arrow inside, pointing to the side where it says yes
    for dials, name, (side, height) in zip(LUNCHBOX_HIDDEN, names, (("right", 10.7), ("left", -0.55))):
        _line(axes[1], *dials, color="black", lw=2, ls="--", zorder=2)
        edge = -dials[2] / dials[0]
        inward = 0.1 if side == "right" else -0.1
        words = '"' + name.replace(" ", "\n", 1) + '"'  # two short lines: the band between the lines is narrow
        axes[1].text(edge - inward, height, words, ha="right" if side == "right" else "left",
                     multialignment="right" if side == "right" else "left", **label)
        axes[1].text(edge + inward, height, "yes \u2192" if side == "right" else "\u2190 yes",
                     ha="left" if side == "right" else "right", **label)
    _paint(axes[1], X, y, net.said, "Two sorters, two straight lines")
    # 3: the network: the third sorter says yes only when both say yes
    _shade(axes[2], lambda gx, gy: wired_sorters(np.column_stack([gx.ravel(), gy.ravel()]),
                                                 np.zeros(gx.size, int)).said.reshape(gx.shape) == 1)
    for dials in LUNCHBOX_HIDDEN:
        _line(axes[2], *dials, color="black", lw=2, zorder=2)
    _paint(axes[2], X, y, net.said, f'A third sorter, "both yes?":\n'
                                    + ("every fruit right!" if net.n_mistakes == 0 else f"{net.n_mistakes} mistakes"))
    for ax in axes[1:]:
        ax.set_ylabel("")  # the three share their colour axis: named once, on the left
    axes[0].legend(loc="upper center", bbox_to_anchor=(1.6, -0.14), ncol=3, fontsize=12, frameon=False,
                   columnspacing=1.2, handletextpad=0.3)
    fig.subplots_adjust(left=0.07, right=0.99, top=0.86, bottom=0.22, wspace=0.06)
    return fig, training, net
