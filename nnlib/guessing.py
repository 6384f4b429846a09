"""The guessing game of level 1: find a secret number from "too big" / "too small".

The computer always guesses the middle of the numbers that are still
possible. Each answer rules out about half of them, so a secret between 1
and 100 is found in at most 7 guesses. The game is plain functions here; its
picture and slider are in ``nnlib.viz.guessing``.
"""

from dataclasses import dataclass

import numpy as np


class GameError(ValueError):
    """A mistake in how the game was called, told in one friendly line.

    In Jupyter only the message shows (no long traceback): the learner is a
    child, and the lines of nnlib's code would only hide what to fix.
    Outside IPython it is an ordinary ValueError with the same message.
    """

    def _render_traceback_(self):
        return [f"Oops! {self}"]


class GameTypeError(GameError, TypeError):
    """A GameError for a value of the wrong kind (a word or a fraction where a whole number goes)."""


def _whole(value):
    return not isinstance(value, bool) and isinstance(value, (int, np.integer))


@dataclass(frozen=True)
class Guess:
    """One turn of the game: the range still possible, the guess, and the answer it got."""

    low: int
    high: int
    guess: int
    answer: str  # "too big", "too small" or "right!"


def check_range(low, high, secret=None):
    """Raise a clear GameError unless low..high (and secret, if given) are whole numbers in order."""
    for name, value in (("low", low), ("high", high)) + ((("secret", secret),) if secret is not None else ()):
        if not _whole(value):
            raise GameTypeError(f"{name} must be a whole number, like 37; got {value!r}.")
    if low > high:
        raise GameError(f"low ({low}) must not be bigger than high ({high}); did you swap them?")
    if secret is not None and not low <= secret <= high:
        raise GameError(f"the secret number must be between {low} and {high}; got {secret}.")


def answer(secret, guess):
    """What the game says to a guess: "too big", "too small" or "right!"."""
    return "too big" if guess > secret else "too small" if guess < secret else "right!"


def play(secret, low=1, high=100):
    """Every guess the computer makes to find ``secret`` in low..high: a list of Guess.

    Each guess is the middle of what is still possible, (low + high) // 2.
    "too big" moves high to guess - 1; "too small" moves low to guess + 1.
    """
    check_range(low, high, secret)
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
    if _whole(secret) and _whole(low) and high == 100 and low > high:
        # count_guesses(37, 1000): the learner meant the game from 1 to low
        raise GameError(f"count_guesses({secret}, {low}) would be a game from {low} up to 100, which is backwards. For the game "
                        f"from 1 to {low}, write all three numbers: count_guesses({secret}, 1, {low}).")
    check_range(low, high)
    if _whole(secret) and not low <= secret <= high:
        raise GameError(f"The secret {secret} is not in this game: its numbers go from {low} to {high}. "
                        f"Write the secret first, then the smallest and the "
                        f"biggest number, like count_guesses(37, 1, 1000).")
    return len(play(secret, low, high))


def most_guesses(low=1, high=100):
    """The largest number of guesses any secret in low..high needs (7 for 1..100)."""
    check_range(low, high)
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
    history lists every guess so far with its answer, as (number, answer)
    pairs; ``show_history()`` prints them.
    """

    def __init__(self, seed=0, *, low=1, high=100):
        if not _whole(seed) or seed < 0:
            raise (GameError if _whole(seed) else GameTypeError)(f"seed picks the secret and must be a whole number, 0 or more, "
                            f"like SecretNumber(seed=1); got {seed!r}.")
        check_range(low, high)
        self.low, self.high = low, high
        self._secret = int(np.random.default_rng(seed).integers(low, high + 1))
        self.history = []

    @property
    def guesses(self):
        """How many guesses so far."""
        return len(self.history)

    def guess(self, number):
        """Print whether ``number`` is too big, too small or right, and keep it in ``history``."""
        if isinstance(number, str) and number.strip().isdigit():
            raise GameTypeError(f"Your guess must be a whole number from {self.low} to {self.high}, written "
                                f"without quotes: game.guess({number.strip()}), not game.guess({number!r}).")
        if not _whole(number):
            raise GameTypeError(f"Your guess must be a whole number from {self.low} to {self.high}, "
                                f"like game.guess(50); got {number!r}.")
        if not self.low <= number <= self.high:
            raise GameError(f"{number} can't be the secret: it is a whole number from {self.low} to "
                            f"{self.high}. Try game.guess({min(max(number, self.low), self.high)}) or a "
                            f"number in between.")
        said = answer(self._secret, number)
        self.history.append((int(number), said))
        if said == "right!":
            print(f"{number} is right! You needed {self.guesses} guess{'es' if self.guesses > 1 else ''}. "
                  f"The computer never needs more than {most_guesses(self.low, self.high)}.")
        else:
            print(f"Guess {self.guesses}: {number} is {said}.")

    def show_history(self):
        """Print every guess so far, one a line, and what is still possible."""
        if not self.history:
            print("No guesses yet: try game.guess(50).")
            return
        low, high = self.low, self.high
        for i, (number, said) in enumerate(self.history, start=1):
            print(f"Guess {i}: {number} is {said}")
            if said == "too big":
                high = min(high, number - 1)
            elif said == "too small":
                low = max(low, number + 1)
        if self.history[-1][1] != "right!":
            print(f"Still possible: {low} to {high}" if low < high else f"Only {low} is left!")
