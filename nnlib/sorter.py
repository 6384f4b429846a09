"""The fruit sorter of level 1: one artificial neuron with two dials and a lean.

For a fruit of a given size and colour the neuron works out

    score = dial_size * size + dial_colour * colour + lean

and says "orange" when the score is above 0, "apple" otherwise. The dials
are the weights, the lean is the bias. Everything a picture or a slider
needs is computed by the plain functions here (``sort_fruit``, ``nudge``,
``learn``); ``nnlib.viz.sorter`` only draws it.
"""

from dataclasses import dataclass

import numpy as np

from ._validate import whole_number
from .data import FRUIT_NAMES


class SorterError(ValueError):
    """A mistake in how the sorter was called, told in one line (Jupyter shows no long traceback)."""

    def _render_traceback_(self):
        return [f"Oops! {self}"]


class SorterTypeError(SorterError, TypeError):
    """A SorterError for a value of the wrong kind (a word where a number goes)."""

@dataclass
class Sorted:
    """What the sorter makes of every fruit for one setting of its dials.

    scores: (m,) the score of each fruit; said: (m,) 1 = "orange", 0 = "apple";
    right: (m,) True where said equals the true label; n_right and
    n_mistakes: counts.
    """

    scores: np.ndarray
    said: np.ndarray
    right: np.ndarray
    n_right: int
    n_mistakes: int

    @property
    def message(self):
        if self.n_mistakes == 0:
            return f"All {self.n_right} fruit sorted right!"
        s = "s" if self.n_mistakes > 1 else ""
        return f"{self.n_right} of {self.n_right + self.n_mistakes} sorted right ({self.n_mistakes} mistake{s})"


def check_fruit(X, y):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2:
        raise SorterError(f"X must have one row per fruit and two columns (size, colour); got shape {X.shape}.")
    if y.shape != (X.shape[0],):
        raise SorterError(f"y must hold one label (0 apple, 1 orange) per fruit: shape ({X.shape[0]},); got {y.shape}.")
    return X, y


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def check_dials(dial_size, dial_colour, lean):
    for name, value in (("dial_size", dial_size), ("dial_colour", dial_colour), ("lean", lean)):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            hint = f" (write {value.strip()} without quotes)" if isinstance(value, str) and _is_number(value) else ""
            raise SorterTypeError(f"{name} must be a number, like 0.5; got {value!r}{hint}.")
        if not np.isfinite(value):
            raise SorterError(f"{name} must be an ordinary number, like 0.5; got {value!r}.")


SCORE_DECIMALS = 9


def score(size, colour, dial_size, dial_colour, lean):
    """The neuron's score: dial_size * size + dial_colour * colour + lean (numbers or arrays).

    Rounded to 9 decimals, so that a score that is exactly 0 in school arithmetic
    (0.5 x 8 + 1 x 5 - 9) is 0 here too, not 1e-15 (computers store 0.1 only
    approximately), and never "-0".
    """
    raw = dial_size * np.asarray(size, dtype=float) + dial_colour * np.asarray(colour, dtype=float) + lean
    return np.round(raw, SCORE_DECIMALS) + 0.0


def sort_fruit(X, y, dial_size, dial_colour, lean):
    """Sort every fruit with the given dials: a Sorted with scores, guesses, right/wrong and counts.

    X: (m, 2) size and colour; y: (m,) true labels (0 apple, 1 orange).
    The neuron says orange (1) when the score is above 0.
    """
    X, y = check_fruit(X, y)
    check_dials(dial_size, dial_colour, lean)
    scores = score(X[:, 0], X[:, 1], dial_size, dial_colour, lean)
    said = (scores > 0).astype(int)
    right = said == y
    return Sorted(scores, said, right, int(right.sum()), int((~right).sum()))


def nudge(dials, size, colour, label, step=0.1, lean_step=3.0):
    """One lesson from one fruit: the new (dial_size, dial_colour, lean) and whether it was a mistake.

    No mistake: nothing changes. An orange called an apple (score too low):
    every dial turns up, dial_size by step * size, dial_colour by step * colour,
    and the lean by lean_step. An apple called an orange: the same amounts
    down. (This is the perceptron rule.)
    """
    if label not in (0, 1):
        raise SorterError(f"label must be 0 (apple) or 1 (orange); got {label!r}.")
    dial_size, dial_colour, lean = (float(d) for d in dials)
    said = int(score(size, colour, dial_size, dial_colour, lean) > 0)
    if said == label:
        return (dial_size, dial_colour, lean), False
    way = 1.0 if label == 1 else -1.0  # up if the score should have been higher
    new = (dial_size + way * step * float(size), dial_colour + way * step * float(colour), lean + way * lean_step)
    return tuple(round(d, 10) for d in new), True  # round off tiny computer rounding errors


@dataclass
class Training:
    """The dials after every round (dials[0] is the start) and the mistakes made in each round."""

    dials: list
    mistakes: list


def learn(X, y, start=(0.0, 0.0, 0.0), rounds=20, step=0.1, lean_step=3.0):
    """Let the computer turn the dials itself, round by round; returns a Training.

    In a round the sorter looks at every fruit once, in order, and nudges the
    dials after each mistake (see ``nudge``). It stops after a round with no
    mistakes, or after ``rounds`` rounds.
    """
    X, y = check_fruit(X, y)
    check_dials(*start)
    try:
        rounds = whole_number(rounds, "rounds")
    except ValueError:  # also the wrong kind: WrongKindError is a ValueError
        raise SorterError(f"rounds must be a whole number of at least 1; got {rounds!r}.") from None
    dials = tuple(float(d) for d in start)
    history, mistakes = [dials], []
    for _ in range(rounds):
        made = 0
        for (size, colour), label in zip(X, y):
            dials, wrong = nudge(dials, size, colour, int(label), step, lean_step)
            made += wrong
        history.append(dials)
        mistakes.append(made)
        if made == 0:
            break
    return Training(history, mistakes)


def try_dials(X, y, dial_size, dial_colour, lean):
    """Print how many fruit these dials sort right and which ones are wrong (numbered from 1)."""
    result = sort_fruit(X, y, dial_size, dial_colour, lean)
    print(result.message)
    for i in np.flatnonzero(~result.right):
        print(f"  fruit {i + 1}: size {X[i, 0]:g}, colour {X[i, 1]:g}, score {result.scores[i]:.2f}: "
              f"it is an {FRUIT_NAMES[y[i]]}, the sorter said {FRUIT_NAMES[result.said[i]]}")


def badge(X, y, dial_size, dial_colour, lean):
    """Print Pip's verdict on a setting of the dials: a badge when every fruit is sorted right, else what is left."""
    result = sort_fruit(X, y, dial_size, dial_colour, lean)
    if result.n_mistakes == 0:
        print(f"Pip's golden badge: all {result.n_right} fruit sorted right, with size dial {dial_size:g}, "
              f"colour dial {dial_colour:g} and lean {lean:g}!")
    else:
        print(f"Pip says: {result.message}. Keep turning the dials!")


# ---------------------------------------------------------------- wired sorters (a tiny network)

LUNCHBOX = (6.5, 8.5)  # a fruit fits Pip's lunch box when its size is between these (cm)


def lunchbox_fruit(seed=0):
    """40 fruit for a job no single straight line can do: X (40, 2) size and colour, y (40,).

    y is 1 when the fruit fits the lunch box (size between 6.5 and 8.5 cm:
    big enough to fill you up, small enough to fit), else 0. Ten small fruit,
    twenty that fit and ten big ones, sizes at least 0.3 cm from the limits;
    colour plays no part. The box fruit sit between the others, so any
    straight line leaves some small or some big fruit on their side.
    """
    rng = np.random.default_rng(seed)
    (lo, hi), gap = LUNCHBOX, 0.3
    sizes = np.concatenate([rng.uniform(lo - 1.7, lo - gap, 10), rng.uniform(lo + gap, hi - gap, 20),
                            rng.uniform(hi + gap, hi + 1.7, 10)])
    colours = rng.uniform(0.5, 9.5, 40)
    X = np.round(np.column_stack([sizes, colours]), 1)
    y = ((X[:, 0] > lo) & (X[:, 0] < hi)).astype(int)
    order = rng.permutation(40)
    return X[order], y[order]


# The wiring of level 1's network: two sorters look at the fruit, a third reads their answers.
LUNCHBOX_HIDDEN = ((1.0, 0.0, -LUNCHBOX[0]),   # "big enough?":   1 x size + 0 x colour - 6.5 > 0
                   (-1.0, 0.0, LUNCHBOX[1]))   # "small enough?": -1 x size + 0 x colour + 8.5 > 0
LUNCHBOX_OUTPUT = (1.0, 1.0, -1.5)             # "both yes?":     1 x answer 1 + 1 x answer 2 - 1.5 > 0


@dataclass
class Wired:
    """What a small network of sorters says. hidden: (m, k) answers (1 yes, 0 no) of the
    first sorters; said: (m,) the last sorter's answer; right: (m,) said == y; n_right, n_mistakes."""

    hidden: np.ndarray
    said: np.ndarray
    right: np.ndarray
    n_right: int
    n_mistakes: int


def wired_sorters(X, y, hidden=LUNCHBOX_HIDDEN, output=LUNCHBOX_OUTPUT):
    """Sorters wired together: each first sorter scores the fruit and answers 1 (score above 0) or 0;
    the last sorter scores those answers with its own dials and lean.

    X: (m, 2) size and colour; y: (m,) the right answers; hidden: k triples
    (dial_size, dial_colour, lean); output: k dials, one per first sorter, then a lean.
    """
    X, y = check_fruit(X, y)
    for dials in hidden:
        check_dials(*dials)
    if len(output) != len(hidden) + 1:
        raise SorterError(f"output needs one dial per first sorter ({len(hidden)}) and a lean: "
                         f"{len(hidden) + 1} numbers; got {len(output)}.")
    answers = np.column_stack([(score(X[:, 0], X[:, 1], *d) > 0).astype(int) for d in hidden])
    last = np.round(answers @ np.asarray(output[:-1], dtype=float) + output[-1], SCORE_DECIMALS)
    said = (last > 0).astype(int)
    right = said == y
    return Wired(answers, said, right, int(right.sum()), int((~right).sum()))
