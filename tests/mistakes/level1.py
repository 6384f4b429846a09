"""Typical wrong answers of the level 1 (kid) exercises, and the words their feedback must contain."""

NOTEBOOK = "solutions/01_kid.ipynb"

MISTAKES = {
    "score_answer": {
        "forgot the lean": ('score = 0.5 * 8 + 1 * 6\nsays = "orange"', "forgot the lean"),
        "added the lean as +9": ('score = 0.5 * 8 + 1 * 6 + 9\nsays = "orange"', "minus"),
        "swapped the dials": ('score = 1 * 8 + 0.5 * 6 - 9\nsays = "orange"', "swapped"),
        "right score, wrong fruit": ('score = 1\nsays = "apple"', "above 0"),
        "score in quotes": ('score = "1"\nsays = "orange"', "without quotes"),
    },
    "wrong_fruit_answer": {
        "nothing wrong": ("wrong = []", "two are"),
        "only one found": ('wrong = ["D"]', "more fruit"),
        "the right ones instead": ('wrong = ["A", "B", "C", "F"]', "sorted right"),
        "a score of exactly 1 called wrong": ('wrong = ["C", "D", "E"]', "C is sorted right"),
    },
    "nudge_answer": {
        "turned everything up": ('size_dial = "up"\ncolour_dial = "up"\nlean = "up"', "even higher"),
        "only the lean down": ('size_dial = "up"\ncolour_dial = "up"\nlean = "down"', "same way"),
        "not up or down": ('size_dial = "left"\ncolour_dial = "down"\nlean = "down"', '"up" or "down"'),
    },
    "dials_answer": {
        "lean far too low": ("dial_size = 1\ndial_colour = 0\nlean = -20", "every fruit an apple"),
        "size only": ("dial_size = 1\ndial_colour = 0\nlean = -8", "3 mistakes"),
        "positive lean": ("dial_size = 1\ndial_colour = 1\nlean = 9", "every fruit an orange"),
        "size dial moved": ("dial_size = 0.5\ndial_colour = 1\nlean = -9", "size dial stays at 1"),
        "close but one wrong": ("dial_size = 1\ndial_colour = 0.5\nlean = -10", "1 mistake"),
    },
    "guesses_answer": {
        "one at a time": ("guesses_100 = 100", "one at a time"),
        "half": ("guesses_100 = 50", "halving"),
        "one short": ("guesses_100 = 6", "63 numbers"),
        "as a word": ('guesses_100 = "seven"', "a number"),
    },
    "guesses_1000_answer": {
        "ten times 7": ("guesses_1000 = 70", "ten times"),
        "same as for 100": ("guesses_1000 = 7", "100 numbers"),
        "one short": ("guesses_1000 = 9", "511"),
    },
}
