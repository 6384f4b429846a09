"""Typical wrong answers of the level 1 (kid) exercises, and the words their feedback must contain."""

NOTEBOOK = "solutions/01_kid.ipynb"

MISTAKES = {
    "score_answer": {
        "forgot the lean": ('score = 0.5 * 8 + 1 * 6\nsays = "orange"', "forgot the lean"),
        "added the lean as +9": ('score = 0.5 * 8 + 1 * 6 + 9\nsays = "orange"', "minus"),
        "swapped the dials": ('score = 1 * 8 + 0.5 * 6 - 9\nsays = "orange"', "swapped"),
        "right score, wrong fruit": ('score = 1\nsays = "apple"', "above 0"),
        "score in quotes": ('score = "1"\nsays = "orange"', "without quotes"),
        "a comma for the dot of 0.5": ('score = 0,5 * 8 + 1 * 6 - 9\nsays = "orange"', "use a dot: 1.5"),
        "copied an or between the words": ('score = 0.5 * 8 + 1 * 6 - 9\nsays = "apple" or "orange"', "above 0"),
    },
    "wrong_fruit_answer": {
        "nothing wrong": ("wrong = []", "two are"),
        "only one found": ('wrong = ["D"]', "more fruit"),
        "the right ones instead": ('wrong = ["A", "B", "C", "F"]', "sorted right"),
        "a score of exactly 1 called wrong": ('wrong = ["C", "D", "E"]', "C is sorted right"),
    },
    "nudge_answer": {
        "turned everything up": ('size_dial_way = "up"\ncolour_dial_way = "up"\nlean_way = "up"', "even higher"),
        "only the lean down": ('size_dial_way = "up"\ncolour_dial_way = "up"\nlean_way = "down"',
                               "`size_dial_way`, `colour_dial_way`"),
        "not up or down": ('size_dial_way = "left"\ncolour_dial_way = "down"\nlean_way = "down"', '"up" or "down"'),
        "a number instead of a way": ('size_dial_way = "down"\ncolour_dial_way = "down"\nlean_way = -13',
                                      '"up" or "down"'),
    },
    "dials_answer": {
        "lean far too low": ("dial_size = 1\ndial_colour = 0\nlean = -20", "every fruit an apple"),
        "size only": ("dial_size = 1\ndial_colour = 0\nlean = -8", "3 mistakes"),
        "positive lean": ("dial_size = 1\ndial_colour = 1\nlean = 9", "every fruit an orange"),
        "size dial moved": ("dial_size = 0.5\ndial_colour = 1\nlean = -9", "size dial stays at 1"),
        "close but one wrong": ("dial_size = 1\ndial_colour = 0.5\nlean = -10", "1 mistake"),
        "a comma for the dot": ("dial_size = 1\ndial_colour = 1,5\nlean = -16", "use a dot"),
    },
    "guesses_answer": {
        "one at a time": ("guesses_100 = 100", "one at a time"),
        "half": ("guesses_100 = 50", "halving"),
        "one short": ("guesses_100 = 6", "one more guess"),
        "square root": ("guesses_100 = 10", "halve"),
        "halved exactly, past 1": ("guesses_100 = 8", "drop any half"),
        "as a word": ('guesses_100 = "seven"', "like 3 or 2.5"),
        "something else": ("guesses_100 = 5", "25 becomes 12"),
    },
    "guesses_1000_answer": {
        "ten times 7": ("guesses_1000 = 70", "ten times"),
        "same as for 100": ("guesses_1000 = 7", "100 numbers"),
        "one short": ("guesses_1000 = 9", "one more guess"),
        "halved exactly, past 1": ("guesses_1000 = 11", "125 becomes 62"),
        "something else": ("guesses_1000 = 12", "125 becomes 62"),
    },
}

# Answers tried beyond the first list (issues 9 and 13).
MISTAKES["wrong_fruit_answer"]["a letter that is no fruit, in words"] = ('wrong = "D and N"', "no fruit ['N']")
MISTAKES["dials_answer"]["not a number (NaN)"] = ("dial_size = 1\ndial_colour = float('nan')\nlean = -13",
                                                   "ordinary number")
MISTAKES["dials_answer"]["a number in quotes"] = ('dial_size = 1\ndial_colour = "1"\nlean = -13', "without the quotes")

# A single secret's count written down as the answer (the instructor's audit): named as such.
MISTAKES["guesses_answer"]["one secret's count"] = ("guesses_100 = count_guesses(37)", "this one secret took")
MISTAKES["guesses_answer"]["the first guess's secret"] = ("guesses_100 = count_guesses(50)", "most any secret could need")
MISTAKES["guesses_1000_answer"]["one secret's count"] = ("guesses_1000 = count_guesses(250, 1, 1000)",
                                                        "this one secret took")

# Typing slips in the exercise cells (issue 25): a missing comma glues two letters into one.
MISTAKES["wrong_fruit_answer"]["a missing comma between the letters"] = ('wrong = ["D" "E"]', "comma")
