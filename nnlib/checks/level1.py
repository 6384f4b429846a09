"""Check cells of level 1 (kid): friendly feedback on sorting fruit and guessing numbers.

Each check prints one cheerful line when the answer is right, or raises
CheckFailed with a message that says what to look at, in a child's words.
"""

import math
import re

import numpy as np

from .core import CheckFailed, passed

# Exercise 2: the six fruit of the table, and the dials that sort them.
TABLE = {  # letter: (size, colour, kind)
    "A": (7, 3, "apple"),
    "B": (9, 8, "orange"),
    "C": (8, 6, "orange"),
    "D": (9, 4, "apple"),
    "E": (6, 7, "orange"),
    "F": (6, 2, "apple"),
}
TABLE_DIALS = (1.0, 0.5, -10.0)


def _not_yet(name, what):
    return CheckFailed(f"Not yet! `{name}` is still None. Replace None with {what}, "
                       "run the cell with Shift+Enter, then run this check again.")


def _number(name, value):
    if value is None or value is Ellipsis:
        raise _not_yet(name, "a number")
    if isinstance(value, tuple) and value:
        raise CheckFailed(f"`{name}` should be one number, but the comma made {len(value)} numbers: "
                          f"you wrote {value!r}. To write one and a half use a dot: 1.5 (not 1,5).")
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        value = value.item()
    if isinstance(value, str):
        try:
            float(value)
            tip = f" Write {value.strip()} without the quotes."
        except ValueError:
            tip = ""
        raise CheckFailed(f"`{name}` should be a number, like 3 or 2.5, without quotes. You wrote {value!r}.{tip}")
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise CheckFailed(f"`{name}` should be a number, like 3 or 2.5, without quotes. You wrote {value!r}.")
    if math.isnan(value) or math.isinf(value):
        raise CheckFailed(f"`{name}` should be an ordinary number, like 3 or 2.5. You wrote {value!r}.")
    return float(value)


def _word(name, value, choices):
    if value is None or value is Ellipsis:
        raise _not_yet(name, " or ".join(f'"{c}"' for c in choices))
    if not isinstance(value, str) or value.strip().lower() not in choices:
        raise CheckFailed(f"`{name}` should be one of the words " + " or ".join(f'"{c}"' for c in choices)
                          + f", in quotes. You wrote {value!r}.")
    return value.strip().lower()


def check_score(score, says):
    """Exercise 1: the score of a fruit of size 8, colour 6 with dials 0.5 and 1 and lean -9."""
    __tracebackhide__ = True
    got = _number("score", score)
    right = 0.5 * 8 + 1 * 6 - 9  # 1
    if not np.isclose(got, right):
        hints = {10.0: "You forgot the lean. Add the lean (-9) at the end.",
                 19.0: "The lean is -9, minus nine: it takes 9 away from the score, it does not add 9.",
                 2.0: "You swapped the dials: the size dial (0.5) goes with the size (8), "
                      "the colour dial (1) goes with the colour (6).",
                 -1.0: "Close! Check the size part: 0.5 x 8 is 4."}
        hint = next((h for v, h in hints.items() if np.isclose(got, v)), None)
        raise CheckFailed(f"The score is not {got:g} yet. "
                          + (hint or "Work it out in three parts: 0.5 x 8, then 1 x 6, then add them and add the lean -9."))
    word = _word("says", says, ("apple", "orange"))
    if word != "orange":
        raise CheckFailed("Your score is right, but look at the rule again: a score above 0 means \"orange\". "
                          f"{right:g} is above 0.")
    passed(f"Yes! 4 + 6 - 9 = {right:g}. That is above 0, so the sorter says orange.")


def _table_scores():
    a, b, lean = TABLE_DIALS
    return {k: a * s + b * c + lean for k, (s, c, _) in TABLE.items()}


def check_wrong_fruit(wrong):
    """Exercise 2: which fruit of the table the dials (1, 0.5, -10) sort wrong."""
    __tracebackhide__ = True
    if wrong is None or wrong is Ellipsis:
        raise _not_yet("wrong", 'a list of letters, like ["A", "F"]')
    if isinstance(wrong, str):
        # "D and E", "D, E", "DE": words like "and" are not fruit letters
        words = [w for w in re.split(r"[^A-Za-z]+", wrong) if w]
        if all(len(w) == 1 or w.lower() in ("and", "or") for w in words) and words:
            wrong = [w for w in words if len(w) == 1]
        elif len(words) == 1 and words[0].isalpha():
            wrong = list(words[0])
        else:
            raise CheckFailed(f'`wrong` should be a list of letters in quotes, like ["A", "F"]. You wrote {wrong!r}.')
    if not isinstance(wrong, (list, tuple, set)) or not all(isinstance(w, str) for w in wrong):
        raise CheckFailed(f'`wrong` should be a list of letters in quotes, like ["A", "F"]. You wrote {wrong!r}.')
    stuck = [w for w in wrong if len(w.strip()) > 1 and set(w.strip().upper()) <= set(TABLE)]
    if stuck:  # ["D" "E"]: without the comma Python glues the two letters into one, "DE"
        letters = ", ".join(f'"{ch}"' for ch in stuck[0].strip())
        raise CheckFailed(f"Your list holds {stuck[0]!r} as one thing: the letters are stuck together, which "
                          f"happens when the comma between them is missing. Put a comma between each two: [{letters}].")
    got = {w.strip().upper() for w in wrong}
    unknown = got - set(TABLE)
    if unknown:
        raise CheckFailed(f"There is no fruit {sorted(unknown)} in the table: use the letters A to F.")
    scores = _table_scores()
    truly = {k for k, (_, _, kind) in TABLE.items() if (scores[k] > 0) != (kind == "orange")}
    if got == truly:
        passed("Well spotted! D is a big apple that scores 1 (orange!), "
               "and E is a small orange that scores -0.5 (apple!).")
        return
    if not got:
        raise CheckFailed("You said no fruit is sorted wrong, but two are. "
                          "Work out the score of each fruit: above 0 means the sorter says orange.")
    lines = []
    for k in sorted(got - truly):
        said = "orange" if scores[k] > 0 else "apple"
        lines.append(f"{k} is sorted right: its score is {scores[k]:g}, so the sorter says {said}, "
                     f"and it really is an {TABLE[k][2]}.")
    missing = truly - got
    if missing:
        lines.append(f"{len(missing)} more fruit {'is' if len(missing) == 1 else 'are'} sorted wrong: "
                     "check the score of every fruit, not only the ones that look odd.")
    raise CheckFailed("Almost! " + " ".join(lines))


def check_nudge(size_dial_way, colour_dial_way, lean_way):
    """Exercise 3: an apple (size 9, colour 4) was called an orange: which way to turn each dial."""
    __tracebackhide__ = True
    ways = {name: _word(name, value, ("up", "down"))
            for name, value in (("size_dial_way", size_dial_way), ("colour_dial_way", colour_dial_way),
                                ("lean_way", lean_way))}
    if all(w == "down" for w in ways.values()):
        passed("Right! The score was too high, so every dial turns down a little. "
               "Next time this apple scores lower, closer to \"apple\".")
        return
    if all(w == "up" for w in ways.values()):
        raise CheckFailed("Turning up makes the score even higher, and the score was already too high: "
                          "the apple scored +1 and was called an orange. Which way brings a score down?")
    ups = [n for n, w in ways.items() if w == "up"]
    names = ", ".join(f"`{n}`" for n in ups)
    raise CheckFailed(f"Look again at {names}. The score was too high. Size and colour are positive "
                      "numbers, so turning any dial up (the lean too) makes the score higher. "
                      "Every dial should go the same way.")


def check_dials(dial_size, dial_colour, lean):
    """Exercise 4: with the size dial at 1, a colour dial and lean that sort all 40 fruit right."""
    __tracebackhide__ = True
    from ..data import fruit
    from ..sorter import sort_fruit

    values = [_number(n, v) for n, v in (("dial_size", dial_size), ("dial_colour", dial_colour), ("lean", lean))]
    X, y = fruit()
    result = sort_fruit(X, y, *values)
    if values[0] != 1:
        extra = " (it sorts every fruit, well done, but" if result.n_mistakes == 0 else " (and"
        raise CheckFailed(f"In this exercise the size dial stays at 1; yours is {values[0]:g}{extra} "
                          "the challenge is to find the colour dial and the lean that work with a size dial of 1).")
    if result.n_mistakes == 0:
        passed(f"Perfect sorter! All {result.n_right} fruit sorted right. You tuned a neuron by hand.")
        return
    if (result.said == 0).all():
        raise CheckFailed(f"{result.message}: your sorter calls every fruit an apple, because every score is "
                          "0 or below. Turn a dial up, or raise the lean.")
    if (result.said == 1).all():
        raise CheckFailed(f"{result.message}: your sorter calls every fruit an orange, because every score is "
                          "above 0. The lean should be a negative number that pulls the scores of the "
                          "apples below 0.")
    raise CheckFailed(f"{result.message}. Getting there! Use try_dials(...) to see which fruit are wrong. "
                      "Hint: oranges are more orange, so give the colour dial some importance, then slide "
                      "the lean until the line sits in the gap.")


_HALVE = ("Write down {start}, ... Halve each time and drop any half ({half}), until you reach 1. "
          "Then count the numbers you wrote: one for each guess.")

#: The secrets the puzzles suggest trying with count_guesses: found early, so their count is not the answer.
PROBES = {100: (37, 50), 1000: (250, 500)}


def _one_secret(got, high):
    """The sentence for a number of guesses that some single secret takes, but that is not the most:
    the learner probably wrote down what one count_guesses(...) said. None for any other number."""
    from ..guessing import count_guesses, most_guesses

    if got != int(got) or not 1 <= got < most_guesses(1, high):
        return None
    secrets = [s for s in PROBES[high] if count_guesses(s, 1, high) == got]
    secret = secrets[0] if secrets else next(s for s in range(1, high + 1) if count_guesses(s, 1, high) == got)
    call = f"count_guesses({secret})" if high == 100 else f"count_guesses({secret}, 1, {high})"
    return (f"{call} is {got:g}: that is how many guesses this one secret took. The question asks for the "
            "most any secret could need, the unluckiest secret.")


def check_guesses(guesses_100):
    """Exercise 5: the most guesses the computer needs for a secret from 1 to 100 (7)."""
    __tracebackhide__ = True
    got = _number("guesses_100", guesses_100)
    if got == 7:
        passed("Yes, 7! Each answer cuts the numbers left about in half: "
               "100, 50, 25, 12, 6, 3, 1. Seven guesses always do it, even for the unluckiest secret.")
        return
    hints = {100: "100 is what you need if you guess 1, 2, 3, ... one at a time. The computer guesses "
                  "the middle, so each answer rules out half of the numbers.",
             50: "Guessing the middle rules out half of the numbers each time. Keep halving: 100, 50, 25, ... "
                 "(drop any half) and count the numbers in your list, one for each guess.",
             6: "That is one short. Halve and drop any half: 100, 50, 25, 12, ... After 6 halvings one number "
                "can still be left, so one more guess is needed.",
             8: "That is one too many. Did you halve exactly, so 25 became 12.5? Drop any half instead "
                "(25 becomes 12): the middle number was the guess, so 12 are left on each side. Count again.",
             10: "That is too many. Halve: 100, 50, 25, ... (drop any half, so 25 becomes 12) until you "
                 "reach 1, and count the numbers you wrote."}
    one = _one_secret(got, 100)
    raise CheckFailed(f"Not {got:g}. " + (f"{one} " if one else "")
                      + hints.get(got, _HALVE.format(start="100, 50, 25", half="25 becomes 12")))


def check_guesses_1000(guesses_1000):
    """Exercise 6 (stretch): the most guesses for a secret from 1 to 1000 (10)."""
    __tracebackhide__ = True
    got = _number("guesses_1000", guesses_1000)
    if got == 10:
        passed("Brilliant! 10 guesses: ten times as many numbers needs only 3 more guesses, "
               "because every guess halves what is left.")
        return
    hints = {70: "Ten times the numbers does not mean ten times the guesses: each guess halves "
                 "what is left, so 1000 halves to 500, 250, ...",
             1000: "1000 is for guessing one at a time. Halve instead: 1000, 500, 250, ...",
             9: "That is one short. Halve and drop any half: 1000, 500, 250, 125, 62, ... After 9 halvings "
                "one number can still be left, so one more guess is needed.",
             11: "That is one too many. Did you halve exactly, so 125 became 62.5? Drop any half instead "
                 "(125 becomes 62): the middle number was the guess, so 62 are left on each side. Count again.",
             7: "7 was the answer for 100 numbers. With 1000 there are more to halve: 1000, 500, 250, ...",
             500: "Guessing the middle rules out half each time, and the computer keeps halving: 1000, 500, 250, ..."}
    one = _one_secret(got, 1000) if got != 7 else None  # 7 is most likely puzzle 5's answer again
    raise CheckFailed(f"Not {got:g}. " + (f"{one} " if one else "")
                      + hints.get(got, _HALVE.format(start="1000, 500, 250", half="125 becomes 62")))
