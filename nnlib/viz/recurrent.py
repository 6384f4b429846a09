"""Pictures of level 5: the unrolled graph of a recurrent network."""

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch

from .plots import COLORS


def _box(ax, x, y, text, color, w=0.9, h=0.55):
    ax.add_patch(plt.Rectangle((x - w / 2, y - h / 2), w, h, facecolor=color, edgecolor=COLORS["black"], lw=1.2))
    ax.text(x, y, text, ha="center", va="center", fontsize=11)


def _arrow(ax, start, end, color, label=None, offset=(0.0, 0.0), style="-|>", ls="-"):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=13, color=color, lw=1.6,
                                 linestyle=ls, shrinkA=0, shrinkB=0))
    if label:
        ax.text((start[0] + end[0]) / 2 + offset[0], (start[1] + end[1]) / 2 + offset[1], label,
                fontsize=9, color=color, ha="center", va="center")


def draw_unrolled_rnn(T=4, ax=None, truncate=None):
    """The graph of a vanilla RNN unrolled over T steps, forward (black) and BPTT (vermillion) edges.

    Each step t reads x_t and h_(t-1) through the shared weights W_x and W_h
    and gives h_t, from which the loss term L_t is computed. The backward
    arrows carry dL/dh_t to the step before. truncate: draw the gradient cut
    at the start of every chunk of that many steps, as truncated BPTT does.
    Returns the Axes.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(2.3 * T + 1.5, 4.2))
    xs = [1.6 + 2.3 * t for t in range(T)]
    _box(ax, 0.0, 2.0, "$h_0$", COLORS["sky"], w=0.7)
    for t, x in enumerate(xs, start=1):
        _box(ax, x, 0.0, f"$x_{{{t}}}$", COLORS["yellow"], w=0.7)
        _box(ax, x, 2.0, f"$h_{{{t}}}$", COLORS["sky"], w=0.7)
        _box(ax, x, 4.0, f"$L_{{{t}}}$", COLORS["orange"], w=0.7)
        _arrow(ax, (x, 0.3), (x, 1.7), COLORS["black"], "$W_x$", (0.32, 0))
        _arrow(ax, (x - 0.12, 2.3), (x - 0.12, 3.7), COLORS["black"])
        _arrow(ax, (x + 0.12, 3.7), (x + 0.12, 2.3), COLORS["vermillion"], r"$\partial L_t/\partial h_t$", (0.75, 0))
        prev = xs[t - 2] if t > 1 else 0.0
        _arrow(ax, (prev + 0.38, 2.12), (x - 0.38, 2.12), COLORS["black"], "$W_h$", (0, 0.25))
        cut = truncate is not None and t > 1 and (t - 1) % truncate == 0
        _arrow(ax, (x - 0.38, 1.88), (prev + 0.38, 1.88), COLORS["vermillion"] if not cut else COLORS["grey"],
               None if cut else r"$\delta_{t}\, W_h$", (0, -0.3), ls="--" if cut else "-")
        if cut:
            mid = (prev + x) / 2
            ax.plot([mid, mid], [1.3, 2.7], color=COLORS["grey"], lw=2)
            ax.text(mid, 1.1, "cut", ha="center", fontsize=9, color=COLORS["grey"])
    ax.set_xlim(-0.7, xs[-1] + 1.0)
    ax.set_ylim(-0.6, 4.6)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax
