"""Level 1: the answers nnlib/checks/level1.py does not declare itself.

The typical mistakes are declared once, in the level module (Mistake tables: the kid's lines and the
sentence the check says); this module adds RIGHT: answers in other correct forms, which must pass.
There are no CHEATS: a level 1 answer is a value (a score, letters, "up" or "down", a count), and a
value does not show how it was found.
"""

from nnlib.checks import level1 as _level1

NOTEBOOK = "solutions/01_kid.ipynb"

CHEATS = {}

# Answers in other correct forms: each must pass its check.
RIGHT = {
    "score_answer": {
        "the score worked out": 'score = 1\nsays = "orange"',
        "the parts added, a capital letter": 'score = 4 + 6 - 9\nsays = "Orange"',
        "a decimal score, a space in the word": 'score = 1.0\nsays = "orange "',
    },
    "wrong_fruit_answer": {
        "the other order": 'wrong = ["E", "D"]',
        "in words": 'wrong = "D and E"',
        "small letters in round brackets": 'wrong = ("d", "e")',
    },
    "nudge_answer": {
        "capital letters and spaces": 'size_dial_way = "Down"\ncolour_dial_way = "DOWN"\nlean_way = " down"',
    },
    "dials_answer": {
        "another colour dial and lean": "dial_size = 1\ndial_colour = 0.8\nlean = -12",
        "half a lean": "dial_size = 1\ndial_colour = 1\nlean = -12.5",
        "decimal dials": "dial_size = 1.0\ndial_colour = 1.0\nlean = -13.0",
    },
    "guesses_answer": {
        "a decimal": "guesses_100 = 7.0",
        "the count of an unluckiest secret": "guesses_100 = count_guesses(100)",
        "every secret counted": "guesses_100 = max(count_guesses(s) for s in range(1, 101))",
    },
    "guesses_1000_answer": {
        "a decimal": "guesses_1000 = 10.0",
        "every secret counted": "guesses_1000 = max(count_guesses(s, 1, 1000) for s in range(1, 1001))",
    },
}


def _table():
    """{grade_id: {name: (code, words)}}: the level module's typical mistakes, then the cheats."""
    found = {}
    for grade_id, mistakes in _level1.MISTAKES.items():
        found[grade_id] = {m.name: (m.code, m.words or m.says) for m in mistakes}
    for grade_id, cheats in CHEATS.items():
        found.setdefault(grade_id, {}).update(cheats)
    return found


MISTAKES = _table()
