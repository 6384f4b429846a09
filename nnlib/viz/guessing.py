"""Pictures of the guessing game (``nnlib.guessing``): the guesses closing in, and a slider.

``GuessPicture`` draws once and then moves its artists for a new secret;
``draw_guesses`` is the static picture, ``plot_guess_counts`` the bar chart of
guesses needed, ``guessing_widget`` the slider over the picture.
"""

import numpy as np

from ..guessing import check_range, count_guesses, most_guesses, play
from .plots import COLORS, figure_png, image_widget


class GuessPicture:
    """The guesses closing in on the secret, drawn once and then updated in place."""

    def __init__(self, ax, low=1, high=100):
        self.ax, self.low, self.high = ax, low, high
        n = most_guesses(low, high)
        self.ranges = [ax.plot([], [], color=COLORS["sky"], lw=10, alpha=0.6, solid_capstyle="butt")[0]
                       for _ in range(n)]
        self.dots = ax.scatter([], [], s=90, color=COLORS["blue"], zorder=3, label="the computer's guess")
        self.secret_line = ax.axhline(low, color=COLORS["vermillion"], ls="--", lw=2, label="the secret number")
        self.words = [ax.text(0, 0, "", va="center", fontsize=10, zorder=4,
                              bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.0})
                      for _ in range(n)]
        ax.plot([], [], color=COLORS["sky"], lw=10, alpha=0.6, label="numbers still possible")
        ax.set_xlim(0.5, n + 0.7)
        ax.set_ylim(low - 0.04 * (high - low) - 1, high + 0.04 * (high - low) + 1)
        ax.set_xticks(range(1, n + 1))
        ax.set_xlabel("guess number, and what the game said")
        ax.set_ylabel("number")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.24), ncol=3, fontsize=9, frameon=False)

    def update(self, secret):
        """Redraw for a new secret number (moves the existing artists; nothing is re-created)."""
        turns = play(secret, self.low, self.high)
        for i, (bar, word) in enumerate(zip(self.ranges, self.words)):
            if i < len(turns):
                t = turns[i]
                bar.set_data([i + 1, i + 1], [t.low - 0.5, t.high + 0.5])
                word.set_position((i + 1.12, t.guess))
                word.set_text(str(t.guess))
            else:
                bar.set_data([], [])
                word.set_text("")
        self.ax.set_xticklabels([f"{i + 1}\n{turns[i].answer}" if i < len(turns) else str(i + 1)
                                 for i in range(len(self.ranges))])
        self.dots.set_offsets(np.array([[i + 1, t.guess] for i, t in enumerate(turns)], dtype=float))
        self.secret_line.set_ydata([secret, secret])
        self.ax.set_title(f"Secret number {secret}: found in {len(turns)} "
                          f"guess{'es' if len(turns) > 1 else ''}")
        return turns


def draw_guesses(secret, low=1, high=100, ax=None):
    """A static picture of the computer's guesses for ``secret``. Returns the GuessPicture."""
    import matplotlib.pyplot as plt

    check_range(low, high, secret)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.6))
    picture = GuessPicture(ax, low, high)
    picture.update(secret)
    return picture


def plot_guess_counts(low=1, high=100, ax=None):
    """A bar chart: for each number of guesses, how many secrets in low..high need that many."""
    import matplotlib.pyplot as plt

    counts = np.bincount([count_guesses(s, low, high) for s in range(low, high + 1)])
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.6))
    g = np.arange(1, len(counts))
    bars = ax.bar(g, counts[1:], color=COLORS["blue"])
    ax.bar_label(bars, fontsize=9)
    ax.set_xticks(g)
    ax.set_xlabel("guesses needed")
    ax.set_ylabel("how many secret numbers")
    ax.set_title(f"All {high - low + 1} secret numbers from {low} to {high}: never more than {g[-1]} guesses")
    ax.set_ylim(0, counts.max() * 1.15)
    return ax


def guessing_widget(low=1, high=100, start=37):
    """A slider for the secret number and the picture of the guesses, redrawn in place."""
    import ipywidgets as widgets
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 4.6))
    fig.subplots_adjust(left=0.09, right=0.98, bottom=0.25, top=0.92)
    picture = GuessPicture(fig.add_subplot(), low, high)
    slider = widgets.IntSlider(value=start, min=low, max=high, description="secret",
                               continuous_update=False)
    image = image_widget()

    def redraw(change=None):
        picture.update(slider.value)
        image.value = figure_png(fig)  # swaps the picture in place: no flicker

    slider.observe(redraw, names="value")
    redraw()
    return widgets.VBox([slider, image])
