"""Level 2: secant lines approaching the tangent as the nudge h shrinks.

``secant_slopes`` (plain numbers, tested) and ``plot_secants`` (the figure):
the line through (m, L(m)) and (m + h, L(m + h)) has slope
(L(m + h) - L(m)) / h, the nudge's rise over run; as h shrinks it turns
into the tangent, whose slope is dL/dm.
"""

import numpy as np

from .plots import COLORS


def secant_slopes(f, m, hs):
    """Rise over run of f between m and m + h, for each h in hs: a list of floats."""
    here = float(f(m))
    return [(float(f(m + h)) - here) / h for h in hs]


def plot_secants(f, m, slope, hs=(2.0, 1.0, 0.5, 0.1), span=(-1.5, 3.5), ax=None, name="m"):
    """The curve f (the loss as one dial changes), secant lines for nudges hs, and the tangent of slope ``slope``."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 4.4))
    xs = np.linspace(*span, 201)
    ax.plot(xs, [f(v) for v in xs], color=COLORS["blue"], lw=2.2, label="the loss")
    here = float(f(m))
    shades = plt.get_cmap("Greys")(np.linspace(0.35, 0.8, len(hs)))
    near = np.array([span[0], span[1]])
    for h, s, colour in zip(hs, secant_slopes(f, m, hs), shades):
        ax.plot(near, here + s * (near - m), color=colour, lw=1.3, ls="--",
                label=f"nudge h = {h:g}: rise over run {s:.2f}")
        ax.plot([m + h], [float(f(m + h))], "o", color=colour, ms=5)
    ax.plot(near, here + slope * (near - m), color=COLORS["vermillion"], lw=2.2,
            label=f"the tangent: slope {slope:.2f}")
    ax.plot([m], [here], "o", color=COLORS["vermillion"], mec="black", ms=8, zorder=4)
    top = max(f(v) for v in xs)
    ax.set(xlim=span, ylim=(0, top * 1.05), xlabel=name, ylabel="loss L",
           title="Shrinking the nudge: the lines turn into the tangent")
    ax.legend(loc="lower left", fontsize=8.5, framealpha=0.95)
    return ax
