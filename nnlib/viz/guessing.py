"""Pictures of the guessing game (``nnlib.guessing``): the guesses closing in, and a slider.

``GuessPicture`` draws once and then moves its artists for a new secret;
``draw_guesses`` is the static picture, ``plot_guess_counts`` the bar chart of
guesses needed, ``guessing_widget`` the slider over the picture drawn in the
browser (``guess_plot``, ``web/guessing.js``).
"""

import numpy as np

from ..guessing import check_range, count_guesses, most_guesses, play
from .plots import COLORS


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


def history_text(game):
    """The child's guesses in ``game`` as one line ("Your guesses so far: 50 (too big), 25"), or "".

    Reads ``game.history`` if the game keeps one (a list of guesses: numbers,
    ``Guess`` turns or (guess, answer) pairs); "" when it keeps none or it is empty.
    """
    history = list(getattr(game, "history", None) or [])
    if not history:
        return ""
    words = []
    for item in history:
        if hasattr(item, "guess"):
            guess, said = item.guess, getattr(item, "answer", None)
        elif isinstance(item, (tuple, list)) and len(item) >= 2:
            guess, said = item[0], item[1]
        else:
            guess, said = item, None
        words.append(f"{guess} ({said})" if said else f"{guess}")
    return "Your guesses so far: " + ", ".join(words)


def guess_plot(low=1, high=100, secret=37):
    """The guessing game's picture, drawn in the browser (``web/guessing.js``): an anywidget.

    Every game from low to high (``play``) is computed here once and sent
    with the picture; the page only looks up the game of the slider's secret.
    """
    from matplotlib.ticker import MaxNLocator

    from .browser import view_class

    check_range(low, high, secret)
    games = [[[t.low, t.high, t.guess, t.answer] for t in play(s, low, high)] for s in range(low, high + 1)]
    pad = 0.04 * (high - low) + 1
    yticks = [[float(v), f"{v:g}"] for v in MaxNLocator(nbins=6, integer=True).tick_values(low - pad, high + pad)
              if low - pad <= v <= high + pad]
    traits = (("secret", "int"), ("low", "int"), ("high", "int"), ("most", "int"), ("games", "list"),
              ("yticks", "list"), ("spec", "dict"))
    return view_class("guessing", "GuessPlot", traits)(
        secret=int(secret), low=int(low), high=int(high), most=most_guesses(low, high), games=games,
        yticks=yticks, spec={"width": 800, "height": 460, "left": 72, "right": 16, "top": 37, "bottom": 115})


def guessing_widget(low=1, high=100, start=37, game=None):
    """A slider for the secret number and the picture of the computer's guesses.

    The picture is drawn in the browser (``guess_plot``), linked to the
    slider there. game: a ``SecretNumber`` whose guesses (``history_text``)
    are shown under the slider, read again at each slider move.
    """
    import ipywidgets as widgets

    from .browser import kernel_caption, link

    slider = widgets.IntSlider(value=start, min=low, max=high, description="secret", continuous_update=True)
    plot = guess_plot(low, high, start)
    links = [link(slider, plot, "secret")]
    words = kernel_caption(widgets.HTML())

    def recaption(change=None):
        words.value = history_text(game) if game is not None else ""
        words.layout.display = None if words.value else "none"

    slider.observe(recaption, names="value")
    recaption()
    box = widgets.VBox([slider, words, plot])
    box.recaption, box.slider, box.plot, box.links = recaption, slider, plot, links
    return box
