"""The guessing game of level 1: find a secret number from "too big" / "too small".

The computer always guesses the middle of the numbers that are still
possible. Each answer rules out about half of them, so a secret between 1
and 100 is found in at most 7 guesses. The game is plain functions here; its
picture and slider are in ``nnlib.viz.guessing``.
"""

from dataclasses import dataclass

import numpy as np



@dataclass(frozen=True)
class Guess:
    """One turn of the game: the range still possible, the guess, and the answer it got."""

    low: int
    high: int
    guess: int
    answer: str  # "too big", "too small" or "right!"


def check_range(low, high, secret=None):
    """Raise a clear error unless low..high (and secret, if given) are whole numbers in order."""
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
    check_range(low, high)
    if isinstance(secret, (int, np.integer)) and not isinstance(secret, bool) and not low <= secret <= high:
        raise ValueError(f"The secret {secret} is not in this game: its numbers go from {low} to {high}. "
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
    """

    def __init__(self, seed=0, *, low=1, high=100):
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
            raise ValueError(f"seed picks the secret and must be a whole number, 0 or more, "
                             f"like SecretNumber(seed=1); got {seed!r}.")
        check_range(low, high)
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
