"""Check cells of level 1 (kid): friendly feedback on sorting fruit and guessing numbers.

Each check prints one cheerful line when the answer is right, or raises
CheckFailed with a message that says what to look at, in a child's words.

Each exercise's typical mistakes are declared once, as a table of ``Mistake``s
(``MISTAKES = {grade_id: table}`` at the end): ``code`` is what the kid types in
the answer cell, ``says`` the sentence of the check's message. The check runs
the kid's lines of a mistake (``_set_by``) and, when the kid's value is the one
those lines set, says that mistake's sentence; ``rule=True`` marks a mistake
the check recognises by a rule of its own (text in quotes, a comma for a dot,
a dial turned the wrong way, a count of sorting mistakes). tests/mistakes/level1.py
puts every ``code`` into the solution notebook and requires ``says`` (or ``words``,
where ``says`` is filled in per answer) in the message.
"""

import math
import re

import numpy as np

from .core import CheckFailed, Mistake, passed
from .core import says as _says

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

# What a kid types where a number or a word goes: the sentences of every exercise's typing mistakes
# (filled in with the name of the answer and what was typed).
_NOT_A_NUMBER = "`{name}` should be a number, like 3 or 2.5, without quotes. You wrote {value!r}."
_QUOTED_NUMBER = _NOT_A_NUMBER + " Write {text} without the quotes."
_COMMA = ("`{name}` should be one number, but the comma made {n} numbers: you wrote {value!r}. "
          "To write one and a half use a dot: 1.5 (not 1,5).")
_NOT_ORDINARY = "`{name}` should be an ordinary number, like 3 or 2.5. You wrote {value!r}."
_NOT_A_WORD = "`{name}` should be one of the words {choices}, in quotes. You wrote {value!r}."


def _set_by(mistake):
    """What the kid's lines of ``mistake`` set: {name: value}."""
    found = {}
    exec(compile(mistake.code, f"<mistake {mistake.name}>", "exec"), {}, found)
    return found


def _diagnosis(table, name, got, same):
    """The sentence of the first mistake of ``table`` (not a rule) whose lines set ``name`` to a number
    ``same`` as ``got``, else None."""
    for m in table:
        if not m.rule and same(got, _set_by(m)[name]):
            return m.says
    return None


def _not_yet(name, what):
    return CheckFailed(f"Not yet! `{name}` is still None. Replace None with {what}, "
                       "run the cell with Shift+Enter, then run this check again.")


def _number(name, value):
    if value is None or value is Ellipsis:
        raise _not_yet(name, "a number")
    if isinstance(value, tuple) and value:
        raise CheckFailed(_COMMA.format(name=name, n=len(value), value=value))
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        value = value.item()
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            raise CheckFailed(_NOT_A_NUMBER.format(name=name, value=value)) from None
        raise CheckFailed(_QUOTED_NUMBER.format(name=name, value=value, text=value.strip()))
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise CheckFailed(_NOT_A_NUMBER.format(name=name, value=value))
    if math.isnan(value) or math.isinf(value):
        raise CheckFailed(_NOT_ORDINARY.format(name=name, value=value))
    return float(value)


def _word(name, value, choices):
    if value is None or value is Ellipsis:
        raise _not_yet(name, " or ".join(f'"{c}"' for c in choices))
    if not isinstance(value, str) or value.strip().lower() not in choices:
        raise CheckFailed(_NOT_A_WORD.format(name=name, choices=" or ".join(f'"{c}"' for c in choices), value=value))
    return value.strip().lower()


# ---------------------------------------------------------------- exercise 1: the score of one fruit

_ABOVE_0 = ('Your score is right, but look at the rule again: a score above 0 means "orange". '
            "1 is above 0.")
_ABOVE_0_WORDS = 'a score above 0 means "orange"'

_SCORE_MISTAKES = [
    Mistake("forgot the lean", 'score = 0.5 * 8 + 1 * 6\nsays = "orange"',
            "You forgot the lean. Add the lean (-9) at the end.", words="You forgot the lean"),
    Mistake("added the lean as +9", 'score = 0.5 * 8 + 1 * 6 + 9\nsays = "orange"',
            "The lean is -9, minus nine: it takes 9 away from the score, it does not add 9.", words="minus nine"),
    Mistake("swapped the dials", 'score = 1 * 8 + 0.5 * 6 - 9\nsays = "orange"',
            "You swapped the dials: the size dial (0.5) goes with the size (8), "
            "the colour dial (1) goes with the colour (6).", words="You swapped the dials"),
    Mistake("half of 8 taken as 2", 'score = 2 + 6 - 9\nsays = "apple"',
            "Close! Check the size part: 0.5 x 8 is 4.", words="Check the size part: 0.5 x 8 is 4"),
    # any other score
    Mistake("added the dials to the numbers", 'score = 0.5 + 8 + 1 + 6 - 9\nsays = "orange"',
            "Work it out in three parts: 0.5 x 8, then 1 x 6, then add them and add the lean -9.",
            words="Work it out in three parts", rule=True),
    Mistake("right score, wrong fruit", 'score = 1\nsays = "apple"', _ABOVE_0, words=_ABOVE_0_WORDS, rule=True),
    Mistake("score in quotes", 'score = "1"\nsays = "orange"', _QUOTED_NUMBER,
            words="`score` should be a number, like 3 or 2.5, without quotes", rule=True),
    Mistake("a comma for the dot of 0.5", 'score = 0,5 * 8 + 1 * 6 - 9\nsays = "orange"', _COMMA,
            words="`score` should be one number, but the comma made 2 numbers", rule=True),
    Mistake("copied an or between the words", 'score = 0.5 * 8 + 1 * 6 - 9\nsays = "apple" or "orange"',
            _ABOVE_0, words=_ABOVE_0_WORDS, rule=True),
]


def check_score(score, says):
    """Exercise 1: the score of a fruit of size 8, colour 6 with dials 0.5 and 1 and lean -9."""
    __tracebackhide__ = True
    got = _number("score", score)
    right = 0.5 * 8 + 1 * 6 - 9  # 1
    if not np.isclose(got, right):
        hint = _diagnosis(_SCORE_MISTAKES, "score", got, np.isclose)
        raise CheckFailed(f"The score is not {got:g} yet. "
                          + (hint or _says(_SCORE_MISTAKES, "added the dials to the numbers")))
    if _word("says", says, ("apple", "orange")) != "orange":
        raise CheckFailed(_says(_SCORE_MISTAKES, "right score, wrong fruit"))
    passed(f"Yes! 4 + 6 - 9 = {right:g}. That is above 0, so the sorter says orange.")


# ---------------------------------------------------------------- exercise 2: the fruit sorted wrong

_NOT_LETTERS = '`wrong` should be a list of letters in quotes, like ["A", "F"]. You wrote {value!r}.'
_SORTED_RIGHT = ("{letter} is sorted right: its score is {score:g}, so the sorter says {said}, "
                 "and it really is an {kind}.")

_WRONG_FRUIT_MISTAKES = [
    Mistake("nothing wrong", "wrong = []",
            "You said no fruit is sorted wrong, but two are. "
            "Work out the score of each fruit: above 0 means the sorter says orange.",
            words="no fruit is sorted wrong, but two are", rule=True),
    Mistake("only one found", 'wrong = ["D"]',
            "{n} more fruit {verb} sorted wrong: check the score of every fruit, not only the ones that look odd.",
            words="1 more fruit is sorted wrong: check the score of every fruit", rule=True),
    Mistake("the right ones instead", 'wrong = ["A", "B", "C", "F"]', _SORTED_RIGHT,
            words="A is sorted right: its score is -1.5, so the sorter says apple, and it really is an apple",
            rule=True),
    Mistake("a score of exactly 1 called wrong", 'wrong = ["C", "D", "E"]', _SORTED_RIGHT,
            words="C is sorted right: its score is 1, so the sorter says orange", rule=True),
    Mistake("a letter that is no fruit, in words", 'wrong = "D and N"',
            "There is no fruit {unknown} in the table: use the letters A to F.", words="no fruit ['N']", rule=True),
    Mistake("a missing comma between the letters", 'wrong = ["D" "E"]',
            "Your list holds {stuck!r} as one thing: the letters are stuck together, which happens when the "
            "comma between them is missing. Put a comma between each two: [{letters}].",
            words="the letters are stuck together, which happens when the comma between them is missing", rule=True),
    Mistake("a number instead of letters", "wrong = 2", _NOT_LETTERS,
            words='`wrong` should be a list of letters in quotes, like ["A", "F"]', rule=True),
]


def _table_scores():
    a, b, lean = TABLE_DIALS
    return {k: a * s + b * c + lean for k, (s, c, _) in TABLE.items()}


def check_wrong_fruit(wrong):
    """Exercise 2: which fruit of the table the dials (1, 0.5, -10) sort wrong."""
    __tracebackhide__ = True
    table = _WRONG_FRUIT_MISTAKES
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
            raise CheckFailed(_NOT_LETTERS.format(value=wrong))
    if not isinstance(wrong, (list, tuple, set)) or not all(isinstance(w, str) for w in wrong):
        raise CheckFailed(_NOT_LETTERS.format(value=wrong))
    stuck = [w for w in wrong if len(w.strip()) > 1 and set(w.strip().upper()) <= set(TABLE)]
    if stuck:  # ["D" "E"]: without the comma Python glues the two letters into one, "DE"
        letters = ", ".join(f'"{ch}"' for ch in stuck[0].strip())
        raise CheckFailed(_says(table, "a missing comma between the letters").format(stuck=stuck[0], letters=letters))
    got = {w.strip().upper() for w in wrong}
    unknown = got - set(TABLE)
    if unknown:
        raise CheckFailed(_says(table, "a letter that is no fruit, in words").format(unknown=sorted(unknown)))
    scores = _table_scores()
    truly = {k for k, (_, _, kind) in TABLE.items() if (scores[k] > 0) != (kind == "orange")}
    if got == truly:
        passed("Well spotted! D is a big apple that scores 1 (orange!), "
               "and E is a small orange that scores -0.5 (apple!).")
        return
    if not got:
        raise CheckFailed(_says(table, "nothing wrong"))
    lines = [_SORTED_RIGHT.format(letter=k, score=scores[k], said="orange" if scores[k] > 0 else "apple",
                                  kind=TABLE[k][2]) for k in sorted(got - truly)]
    missing = truly - got
    if missing:
        lines.append(_says(table, "only one found").format(n=len(missing), verb="is" if len(missing) == 1 else "are"))
    raise CheckFailed("Almost! " + " ".join(lines))


# ---------------------------------------------------------------- exercise 3: which way to turn the dials

_NUDGE_MISTAKES = [
    Mistake("turned everything up", 'size_dial_way = "up"\ncolour_dial_way = "up"\nlean_way = "up"',
            "Turning up makes the score even higher, and the score was already too high: "
            "the apple scored +1 and was called an orange. Which way brings a score down?",
            words="Turning up makes the score even higher", rule=True),
    Mistake("only the lean down", 'size_dial_way = "up"\ncolour_dial_way = "up"\nlean_way = "down"',
            "Look again at {names}. The score was too high. Size and colour are positive "
            "numbers, so turning any dial up (the lean too) makes the score higher. "
            "Every dial should go the same way.",
            words="Look again at `size_dial_way`, `colour_dial_way`.", rule=True),
    Mistake("not up or down", 'size_dial_way = "left"\ncolour_dial_way = "down"\nlean_way = "down"', _NOT_A_WORD,
            words='`size_dial_way` should be one of the words "up" or "down", in quotes', rule=True),
    Mistake("a number instead of a way", 'size_dial_way = "down"\ncolour_dial_way = "down"\nlean_way = -13',
            _NOT_A_WORD, words='`lean_way` should be one of the words "up" or "down", in quotes', rule=True),
]


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
        raise CheckFailed(_says(_NUDGE_MISTAKES, "turned everything up"))
    names = ", ".join(f"`{n}`" for n, w in ways.items() if w == "up")
    raise CheckFailed(_says(_NUDGE_MISTAKES, "only the lean down").format(names=names))


# ---------------------------------------------------------------- exercise 4: dials that sort all 40 fruit

_SIZE_STAYS = ("In this exercise the size dial stays at 1; yours is {size:g} ({part} "
               "the challenge is to find the colour dial and the lean that work with a size dial of 1).")
_GETTING_THERE = ("{result}. Getting there! Use try_dials(...) to see which fruit are wrong. "
                  "Hint: oranges are more orange, so give the colour dial some importance, then slide "
                  "the lean until the line sits in the gap.")

_DIALS_MISTAKES = [
    Mistake("lean far too low", "dial_size = 1\ndial_colour = 0\nlean = -20",
            "{result}: your sorter calls every fruit an apple, because every score is "
            "0 or below. Turn a dial up, or raise the lean.",
            words="your sorter calls every fruit an apple, because every score is 0 or below", rule=True),
    Mistake("size only", "dial_size = 1\ndial_colour = 0\nlean = -8", _GETTING_THERE,
            words="(3 mistakes). Getting there! Use try_dials(...)", rule=True),
    Mistake("positive lean", "dial_size = 1\ndial_colour = 1\nlean = 9",
            "{result}: your sorter calls every fruit an orange, because every score is "
            "above 0. The lean should be a negative number that pulls the scores of the "
            "apples below 0.", words="your sorter calls every fruit an orange, because every score is above 0",
            rule=True),
    Mistake("size dial moved", "dial_size = 0.5\ndial_colour = 1\nlean = -9", _SIZE_STAYS,
            words="the size dial stays at 1; yours is 0.5 (it sorts every fruit, well done, but the challenge",
            rule=True),
    Mistake("size dial moved, fruit sorted wrong", "dial_size = 2\ndial_colour = 1\nlean = -13", _SIZE_STAYS,
            words="the size dial stays at 1; yours is 2 (and the challenge", rule=True),
    Mistake("close but one wrong", "dial_size = 1\ndial_colour = 0.5\nlean = -10", _GETTING_THERE,
            words="(1 mistake). Getting there!", rule=True),
    Mistake("a comma for the dot", "dial_size = 1\ndial_colour = 1,5\nlean = -16", _COMMA,
            words="`dial_colour` should be one number, but the comma made 2 numbers", rule=True),
    Mistake("not a number (NaN)", "dial_size = 1\ndial_colour = float('nan')\nlean = -13", _NOT_ORDINARY,
            words="`dial_colour` should be an ordinary number, like 3 or 2.5", rule=True),
    Mistake("a number in quotes", 'dial_size = 1\ndial_colour = "1"\nlean = -13', _QUOTED_NUMBER,
            words="`dial_colour` should be a number, like 3 or 2.5, without quotes", rule=True),
]


def check_dials(dial_size, dial_colour, lean):
    """Exercise 4: with the size dial at 1, a colour dial and lean that sort all 40 fruit right."""
    __tracebackhide__ = True
    from ..data import fruit
    from ..sorter import sort_fruit

    values = [_number(n, v) for n, v in (("dial_size", dial_size), ("dial_colour", dial_colour), ("lean", lean))]
    X, y = fruit()
    result = sort_fruit(X, y, *values)
    if values[0] != 1:
        part = "it sorts every fruit, well done, but" if result.n_mistakes == 0 else "and"
        raise CheckFailed(_SIZE_STAYS.format(size=values[0], part=part))
    if result.n_mistakes == 0:
        passed(f"Perfect sorter! All {result.n_right} fruit sorted right. You tuned a neuron by hand.")
        return
    if (result.said == 0).all():
        raise CheckFailed(_says(_DIALS_MISTAKES, "lean far too low").format(result=result.message))
    if (result.said == 1).all():
        raise CheckFailed(_says(_DIALS_MISTAKES, "positive lean").format(result=result.message))
    raise CheckFailed(_GETTING_THERE.format(result=result.message))


# ---------------------------------------------------------------- exercises 5 and 6: guessing a secret number

_HALVE = ("Write down {start}, ... Halve each time and drop any half ({half}), until you reach 1. "
          "Then count the numbers you wrote: one for each guess.")
_ONE_SECRET = ("{call} is {got:g}: that is how many guesses this one secret took. The question asks for the "
               "most any secret could need, the unluckiest secret.")

#: The secrets the puzzles suggest trying with count_guesses: found early, so their count is not the answer.
PROBES = {100: (37, 50), 1000: (250, 500)}

_GUESSES_MISTAKES = [
    Mistake("one at a time", "guesses_100 = 100",
            "100 is what you need if you guess 1, 2, 3, ... one at a time. The computer guesses "
            "the middle, so each answer rules out half of the numbers.",
            words="100 is what you need if you guess 1, 2, 3, ... one at a time"),
    Mistake("half", "guesses_100 = 50",
            "Guessing the middle rules out half of the numbers each time. Keep halving: 100, 50, 25, ... "
            "(drop any half) and count the numbers in your list, one for each guess.",
            words="Guessing the middle rules out half of the numbers each time"),
    Mistake("one short", "guesses_100 = 6",
            "That is one short. Halve and drop any half: 100, 50, 25, 12, ... After 6 halvings one number "
            "can still be left, so one more guess is needed.", words="That is one short"),
    Mistake("square root", "guesses_100 = 10",
            "That is too many. Halve: 100, 50, 25, ... (drop any half, so 25 becomes 12) until you "
            "reach 1, and count the numbers you wrote.", words="That is too many"),
    Mistake("halved exactly, past 1", "guesses_100 = 8",
            "That is one too many. Did you halve exactly, so 25 became 12.5? Drop any half instead "
            "(25 becomes 12): the middle number was the guess, so 12 are left on each side. Count again.",
            words="Did you halve exactly, so 25 became 12.5?"),
    Mistake("as a word", 'guesses_100 = "seven"', _NOT_A_NUMBER,
            words="`guesses_100` should be a number, like 3 or 2.5, without quotes", rule=True),
    # any other number
    Mistake("something else", "guesses_100 = 5", _HALVE.format(start="100, 50, 25", half="25 becomes 12"),
            words="Halve each time and drop any half (25 becomes 12)", rule=True),
    Mistake("one secret's count", "guesses_100 = count_guesses(37)", _ONE_SECRET,
            words="count_guesses(37) is 3: that is how many guesses this one secret took", rule=True),
    Mistake("the first guess's secret", "guesses_100 = count_guesses(50)", _ONE_SECRET,
            words="The question asks for the most any secret could need", rule=True),
]

_GUESSES_1000_MISTAKES = [
    Mistake("ten times 7", "guesses_1000 = 70",
            "Ten times the numbers does not mean ten times the guesses: each guess halves "
            "what is left, so 1000 halves to 500, 250, ..."),
    Mistake("one at a time", "guesses_1000 = 1000",
            "1000 is for guessing one at a time. Halve instead: 1000, 500, 250, ...",
            words="1000 is for guessing one at a time"),
    Mistake("same as for 100", "guesses_1000 = 7",
            "7 was the answer for 100 numbers. With 1000 there are more to halve: 1000, 500, 250, ...",
            words="7 was the answer for 100 numbers"),
    Mistake("one short", "guesses_1000 = 9",
            "That is one short. Halve and drop any half: 1000, 500, 250, 125, 62, ... After 9 halvings "
            "one number can still be left, so one more guess is needed.", words="That is one short"),
    Mistake("halved exactly, past 1", "guesses_1000 = 11",
            "That is one too many. Did you halve exactly, so 125 became 62.5? Drop any half instead "
            "(125 becomes 62): the middle number was the guess, so 62 are left on each side. Count again.",
            words="Did you halve exactly, so 125 became 62.5?"),
    Mistake("half", "guesses_1000 = 500",
            "Guessing the middle rules out half each time, and the computer keeps halving: 1000, 500, 250, ..."),
    # any other number
    Mistake("something else", "guesses_1000 = 12", _HALVE.format(start="1000, 500, 250", half="125 becomes 62"),
            words="Halve each time and drop any half (125 becomes 62)", rule=True),
    Mistake("one secret's count", "guesses_1000 = count_guesses(250, 1, 1000)", _ONE_SECRET,
            words="count_guesses(250, 1, 1000) is 2: that is how many guesses this one secret took", rule=True),
]


def _one_secret(got, high):
    """The sentence for a number of guesses that some single secret takes, but that is not the most:
    the learner probably wrote down what one count_guesses(...) said. None for any other number."""
    from ..guessing import count_guesses, most_guesses

    if got != int(got) or not 1 <= got < most_guesses(1, high):
        return None
    secrets = [s for s in PROBES[high] if count_guesses(s, 1, high) == got]
    secret = secrets[0] if secrets else next(s for s in range(1, high + 1) if count_guesses(s, 1, high) == got)
    call = f"count_guesses({secret})" if high == 100 else f"count_guesses({secret}, 1, {high})"
    return _ONE_SECRET.format(call=call, got=got)


def _not_the_most(got, high, table, one):
    """The message for ``got`` guesses that are not the most for 1 to ``high``: the sentence of one secret's
    count (where ``one``), then the mistake whose number it is, else how to halve."""
    __tracebackhide__ = True
    one = _one_secret(got, high) if one else None
    hint = _diagnosis(table, f"guesses_{high}", got, lambda a, b: a == b) or _says(table, "something else")
    raise CheckFailed(f"Not {got:g}. " + (f"{one} " if one else "") + hint)


def check_guesses(guesses_100):
    """Exercise 5: the most guesses the computer needs for a secret from 1 to 100 (7)."""
    __tracebackhide__ = True
    got = _number("guesses_100", guesses_100)
    if got == 7:
        passed("Yes, 7! Each answer cuts the numbers left about in half: "
               "100, 50, 25, 12, 6, 3, 1. Seven guesses always do it, even for the unluckiest secret.")
        return
    _not_the_most(got, 100, _GUESSES_MISTAKES, one=True)


def check_guesses_1000(guesses_1000):
    """Exercise 6 (stretch): the most guesses for a secret from 1 to 1000 (10)."""
    __tracebackhide__ = True
    got = _number("guesses_1000", guesses_1000)
    if got == 10:
        passed("Brilliant! 10 guesses: ten times as many numbers needs only 3 more guesses, "
               "because every guess halves what is left.")
        return
    _not_the_most(got, 1000, _GUESSES_1000_MISTAKES, one=got != 7)  # 7 is most likely puzzle 5's answer again


#: Each exercise's typical mistakes, by the grade_id of its answer cell (read by tests/mistakes/level1.py).
MISTAKES = {
    "score_answer": _SCORE_MISTAKES,
    "wrong_fruit_answer": _WRONG_FRUIT_MISTAKES,
    "nudge_answer": _NUDGE_MISTAKES,
    "dials_answer": _DIALS_MISTAKES,
    "guesses_answer": _GUESSES_MISTAKES,
    "guesses_1000_answer": _GUESSES_1000_MISTAKES,
}
