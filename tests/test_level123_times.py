"""The times levels 1 to 3 state come from what is in them: every count a lesson's Time paragraph
names (words, displayed equations, code cells, figures) is the notebook's own, so it cannot drift,
and the README's level table states the same total time."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSONS = {1: "lessons/01_kid.ipynb", 2: "lessons/02_high_school.ipynb", 3: "lessons/03_undergraduate.ipynb"}
README_TIME = {1: "70 min", 2: "115 min", 3: "2 h"}  # the lesson's own total, as the README table writes it


def words(text):
    """Words of prose: displayed equations and HTML tags left out, numbers and inline symbols counted."""
    text = re.sub(r"\$\$.*?\$\$", " ", re.sub(r"<[^>]+>", " ", text), flags=re.S)
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'\-.]*", text))


def counts(nb):
    markdown = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    bonus = next((i for i, c in enumerate(nb["cells"]) if "".join(c["source"]).startswith("## Bonus")), None)
    if bonus is not None:  # level 1 counts its bonus apart
        main = ["".join(c["source"]) for c in nb["cells"][:bonus] if c["cell_type"] == "markdown"]
        end = next(i for i, c in enumerate(nb["cells"]) if "".join(c["source"]).startswith("## What you learned"))
        main += ["".join(c["source"]) for c in nb["cells"][end:] if c["cell_type"] == "markdown"]
    else:
        main = markdown
    return {"words": sum(words(m) for m in main), "equations": sum(m.count("$$") // 2 for m in markdown),
            "code cells": len(code),
            "figures": sum(any("image/png" in o.get("data", {}) for o in c.get("outputs", [])) for c in code)}


def time_paragraph(nb):
    opening = "".join(nb["cells"][0]["source"])
    return opening[opening.index("**Time"):].split("\n\n")[0]


@pytest.mark.parametrize("level", sorted(LESSONS))
def test_every_count_in_the_time_paragraph_is_the_notebooks_own(level):
    nb = json.loads((ROOT / LESSONS[level]).read_text(encoding="utf-8"))
    text, have = time_paragraph(nb), counts(nb)
    stated = re.search(r"([\d,]+) words", text)
    assert stated, "the Time paragraph says how many words it reads"
    n = int(stated.group(1).replace(",", ""))
    assert abs(n - have["words"]) <= 0.06 * have["words"], (n, have["words"])
    for what, key in (("displayed equations", "equations"), ("code cells", "code cells"), ("figures", "figures")):
        stated = re.search(rf"(\d+) {what}", text)
        if stated:  # a count the paragraph names must be the notebook's, so it cannot drift
            assert int(stated.group(1)) == have[key], (what, int(stated.group(1)), have[key])


@pytest.mark.parametrize("level", sorted(LESSONS))
def test_the_readme_table_states_the_lessons_time(level):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith(f"| [{level},"))
    assert README_TIME[level] in row.split("|")[-2], row
    nb = json.loads((ROOT / LESSONS[level]).read_text(encoding="utf-8"))
    total = re.search(r"About ([\d]+ (?:minutes|hours))", time_paragraph(nb), re.IGNORECASE).group(1)
    number = int(total.split()[0])
    assert README_TIME[level].startswith(str(number)), (README_TIME[level], total)


# ---------------------------------------------------------------- the exercises of levels 1 and 2

EXERCISES = {1: "solutions/01_kid.ipynb", 2: "solutions/02_high_school.ipynb"}
EXERCISE_TIME = {1: 45, 2: 90}  # minutes: the exercise notebook, the lesson's pointer and the README agree
LESSON_POINTER = {1: r"puzzles \(about (\d+) minutes\)", 2: r"The exercises take about (\d+) minutes more"}


def exercise_notebook(level):
    import nbformat

    from tools.exercises import make_exercise

    return make_exercise(nbformat.read(ROOT / EXERCISES[level], as_version=4))


@pytest.mark.parametrize("level", sorted(EXERCISES))
def test_the_exercise_times_add_up_and_agree_everywhere(level):
    ex = exercise_notebook(level)
    opening = ex.cells[0].source
    total = int(re.search(r"[Aa]bout (\d+) minutes", opening).group(1))
    assert total == EXERCISE_TIME[level], opening
    headings = [int(n) for c in ex.cells if c.cell_type == "markdown"
                for n in re.findall(r"^## (?:Exercise|Puzzle) \d+ \((?:[^)]*?)about (\d+) minutes", c.source, re.M)]
    assert len(headings) >= 5 and sum(headings) == total, (headings, total)  # reading included in each
    # how we know: the words the opening names are the notebook's own, and reading plus working is the total
    stated = int(re.search(r"text is about\s+([\d,]+)\s+words", opening).group(1).replace(",", ""))
    have = sum(words(c.source) for c in ex.cells if c.cell_type == "markdown")
    assert abs(stated - have) <= 0.06 * have, (stated, have)
    parts = [int(n) for n in re.findall(r"(?:about|:) (\d+) minutes\b", opening.split("How we know", 1)[1])]
    assert sum(parts) == total, (parts, total)
    lesson = json.loads((ROOT / LESSONS[level]).read_text(encoding="utf-8"))
    pointer = re.search(LESSON_POINTER[level], "".join("".join(c["source"]) for c in lesson["cells"]))
    assert pointer and int(pointer.group(1)) == total, "the lesson points to the exercises with another time"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith(f"| [{level},"))
    assert f"exercises {total} min" in row.split("|")[-2], row


@pytest.mark.parametrize("level", sorted(EXERCISES))
def test_the_instructors_guide_states_the_exercise_notebooks_times(level):
    """docs/INSTRUCTORS.md's table for the level gives each exercise the time (and points) of its heading
    in the exercise notebook, and its heading the notebook's total."""
    ex = exercise_notebook(level)
    headings = [(int(points), int(minutes)) for c in ex.cells if c.cell_type == "markdown"
                for minutes, points in re.findall(r"^## (?:Exercise|Puzzle) \d+ \([^)]*?about (\d+) minutes, (\d+) points?\)",
                                                  c.source, re.M)]
    guide = (ROOT / "docs" / "INSTRUCTORS.md").read_text(encoding="utf-8")
    section = re.search(rf"^### Level {level} .*?(?=^### |\Z)", guide, re.M | re.S).group(0)
    heading = section.splitlines()[0]
    assert f"about {EXERCISE_TIME[level]} minutes" in heading, heading
    assert f"{sum(p for p, _ in headings)} points" in heading, heading
    rows = [(int(p), int(t)) for p, t in re.findall(r"^\| \d+ [^|]*\| (\d+) \| (\d+) min \|", section, re.M)]
    assert rows == headings, (rows, headings)


def test_level_3s_exercise_time_agrees_between_readme_lesson_and_exercise_notebook():
    """Level 3 states its exercises' time in hours: the exercise notebook's opening, the lesson's pointer and
    the README's row say the same, and the exercises' own heading times add up to it (within 10%)."""
    import nbformat

    ex = nbformat.read(ROOT / "exercises" / "03_undergraduate.ipynb", as_version=4)
    hours = int(re.search(r"about (\d+) hours", ex.cells[0].source).group(1))
    headings = [int(n) for c in ex.cells if c.cell_type == "markdown"
                for n in re.findall(r"^## Exercise \d+ \([^)]*?about (\d+) minutes", c.source, re.M)]
    assert len(headings) >= 5 and abs(sum(headings) - 60 * hours) <= 0.1 * 60 * hours, (headings, hours)
    lesson = json.loads((ROOT / LESSONS[3]).read_text(encoding="utf-8"))
    pointer = re.search(r"exercises/03_undergraduate\.ipynb.*?\(about (\d+) hours\)",
                        "".join("".join(c["source"]) for c in lesson["cells"]), re.S)
    assert pointer and int(pointer.group(1)) == hours, "the lesson points to the exercises with another time"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| [3,"))
    assert f"exercises {hours} h" in row.split("|")[-2], row
