"""The guessing game of level 1: find a secret number from "too big" / "too small".

The computer always guesses the middle of the numbers that are still
possible. Each answer rules out about half of them, so a secret between 1
and 100 is found in at most 7 guesses. The logic is plain functions; the
picture and the slider are thin layers on top.
"""

from dataclasses import dataclass

import numpy as np

from .plots import COLORS, figure_png, image_widget


@dataclass(frozen=True)
class Guess:
    """One turn of the game: the range still possible, the guess, and the answer it got."""

    low: int
    high: int
    guess: int
    answer: str  # "too big", "too small" or "right!"


def _check_range(low, high, secret=None):
    for name, value in (("low", low), ("high", high)) + ((("secret", secret),) if secret is not None else ()):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be a whole number; got {value!r} ({type(value).__name__}).")
    if low > high:
        raise ValueError(f"low ({low}) must not be bigger than high ({high}); did you swap them?")
    if secret is not None and not low <= secret <= high:
        raise ValueError(f"the secret number must be between {low} and {high}; got {secret}.")


def answer(secret, guess):
    """What the game says to a guess: "too big", "too small" or "right!"."""
    return "too big" if guess > secret else "too small" if guess < secret else "right!"


def play(secret, low=1, high=100):
    """Every guess the computer makes to find ``secret`` in low..high: a list of Guess.

    Each guess is the middle of what is still possible, (low + high) // 2.
    "too big" moves high to guess - 1; "too small" moves low to guess + 1.
    """
    _check_range(low, high, secret)
    turns = []
    while True:
        guess = (low + high) // 2
        said = answer(secret, guess)
        turns.append(Guess(low, high, guess, said))
        if said == "right!":
            return turns
        if said == "too big":
            high = guess - 1
        else:
            low = guess + 1


def count_guesses(secret, low=1, high=100):
    """How many guesses the computer needs to find ``secret`` in low..high.

    count_guesses(37) is the game from 1 to 100; count_guesses(37, 1, 1000)
    the game from 1 to 1000 (the secret first, then the smallest and the
    biggest number).
    """
    _check_range(low, high)
    if isinstance(secret, (int, np.integer)) and not isinstance(secret, bool) and not low <= secret <= high:
        raise ValueError(f"The secret {secret} is not in this game: its numbers go from {low} to {high}. "
                         f"Write the secret first, then the smallest and the "
                         f"biggest number, like count_guesses(37, 1, 1000).")
    return len(play(secret, low, high))


def most_guesses(low=1, high=100):
    """The largest number of guesses any secret in low..high needs (7 for 1..100)."""
    _check_range(low, high)
    # Halving: with g guesses the computer can tell apart 1 + 2 + 4 + ... = 2**g - 1 numbers.
    g = 0
    while 2 ** g - 1 < high - low + 1:
        g += 1
    return g


class SecretNumber:
    """A game for the learner: the computer hides a number, you guess with .guess(n).

    seed picks the secret: SecretNumber(seed=1) and SecretNumber(1) both give
    the same secret every time; another seed gives another secret. low and
    high (keyword only) are the smallest and biggest number of the game.
    """

    def __init__(self, seed=0, *, low=1, high=100):
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
            raise ValueError(f"seed picks the secret and must be a whole number, 0 or more, "
                             f"like SecretNumber(seed=1); got {seed!r}.")
        _check_range(low, high)
        self.low, self.high = low, high
        self._secret = int(np.random.default_rng(seed).integers(low, high + 1))
        self.guesses = 0

    def guess(self, number):
        """Print whether ``number`` is too big, too small or right, and count the guess."""
        if isinstance(number, bool) or not isinstance(number, (int, np.integer)) \
                or not self.low <= number <= self.high:
            raise ValueError(f"Your guess must be a whole number from {self.low} to {self.high}, "
                             f"like game.guess(50); got {number!r}.")
        self.guesses += 1
        said = answer(self._secret, number)
        if said == "right!":
            print(f"{number} is right! You needed {self.guesses} guess{'es' if self.guesses > 1 else ''}. "
                  f"The computer never needs more than {most_guesses(self.low, self.high)}.")
        else:
            print(f"Guess {self.guesses}: {number} is {said}.")


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

    _check_range(low, high, secret)
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
