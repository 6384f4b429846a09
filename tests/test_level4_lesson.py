"""Level 4's lesson as a reader meets it: the engine it shows, run from the notebook's own cells, and the
times it states, counted from the notebook (as tests/test_level123_times.py does for levels 1 to 3)."""

import json
import math
import re
import sys
from pathlib import Path

import pytest

from nnlib.checks import _level4_graphs as graphs
from tests.test_level123_times import counts, time_paragraph, words

ROOT = Path(__file__).resolve().parent.parent
LESSON = ROOT / "lessons" / "04_graduate.ipynb"
SOLUTIONS = ROOT / "solutions" / "04_graduate.ipynb"
LESSON_TIME = "2 h"       # the README's level table
EXERCISE_TIME = 75         # minutes: exercise notebook, lesson, README and docs/INSTRUCTORS.md agree


def cells(path):
    return ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "code"]


def engine():
    """The lesson's Value, its functions, topological_order and backward, exec'd from the cells shown."""
    found = {}
    for source in cells(LESSON):
        for start in ("class Value:", "def exp(x):", "def topological_order(root):", "def backward(root):"):
            if source.startswith(start):
                found[start] = source
    assert len(found) == 4, sorted(found)
    namespace = {"math": math}
    for source in found.values():
        exec(compile(source, str(LESSON), "exec"), namespace)
    return namespace


def chain(Value, n):
    x0 = v = Value(1.0)
    for _ in range(n):
        v = v * 1.001
    return x0, v


def assert_topological(order, root):
    position = {id(v): i for i, v in enumerate(order)}
    assert len(position) == len(order), "a value appears twice"
    assert order[-1] is root
    assert len(order) == len(graphs.order(root)), "values are missing"
    for v in order:
        for p, _ in v.parents:
            assert position[id(p)] < position[id(v)], "a value comes before one of its parents"


def test_the_lessons_order_handles_a_chain_far_past_the_recursion_limit():
    ns = engine()
    x0, root = chain(ns["Value"], 3000)
    assert 3000 > sys.getrecursionlimit()  # so that a recursive walk would fail here
    order = ns["topological_order"](root)
    assert len(order) == 6001              # 3,000 products, each with its constant 1.001, and x0
    assert_topological(order, root)
    ns["backward"](root)
    assert x0.grad == pytest.approx(1.001 ** 3000, rel=1e-12)


def test_the_lessons_order_lists_a_shared_value_once_and_parents_first():
    ns = engine()
    Value = ns["Value"]
    x, y = Value(0.5), Value(-1.5)
    a = x * y
    b = a + x
    f = ns["sigmoid"](b)
    order = ns["topological_order"](f)
    assert_topological(order, f)
    assert sum(v is x for v in order) == 1
    # a diamond ladder: every value used twice by the next, 2^30 paths
    v = Value(0.3)
    for _ in range(30):
        v = v * v + v
    assert_topological(ns["topological_order"](v), v)
    equal = Value(2.0) * Value(2.0)      # two values holding the same number are two values
    assert len(ns["topological_order"](equal)) == 3


def test_the_solutions_order_is_the_lessons():
    lesson = next(s for s in cells(LESSON) if s.startswith("def topological_order(root):"))
    solution = next(s for s in cells(SOLUTIONS) if s.startswith("def topological_order(root):"))
    answer = solution.split("### BEGIN SOLUTION\n", 1)[1].split("    ### END SOLUTION", 1)[0]
    body = lesson.split("\n", 2)[2]      # the lesson's lines after its def and comment
    assert answer.strip() == body.strip()


def test_the_checks_order_and_the_graph_layout_handle_a_long_chain():
    from nnlib.viz import graph

    ns = engine()
    _, root = chain(ns["Value"], 3000)
    assert_topological(graphs.order(root), root)
    order, pos = graph.graph_layout(root)
    assert_topological(order, root)
    assert max(x for x, _ in pos.values()) == 3000  # the longest path from x0: 3,000 products


# ---------------------------------------------------------------- the times it states

def test_every_count_in_the_time_paragraph_is_the_notebooks_own():
    nb = json.loads(LESSON.read_text(encoding="utf-8"))
    text, have = time_paragraph(nb), counts(nb)
    n = int(re.search(r"([\d,]+) words", text).group(1).replace(",", ""))
    assert abs(n - have["words"]) <= 0.06 * have["words"], (n, have["words"])
    assert int(re.search(r"(\d+) code\s+cells", text).group(1)) == have["code cells"]
    assert int(re.search(r"(\d+) figures", text).group(1)) == have["figures"]
    # the parts add up to the total: minutes of reading, code, figures, sliders, questions
    parts = [int(re.search(pattern, text).group(1)) for pattern in (
        r"about (\d+) minutes of reading", r"(\d+) to read the", r"(\d+) to study the", r"(\d+) with the explorer",
        r"(\d+) for the seven")]
    total = int(re.search(r"About (\d+) hours", text).group(1)) * 60
    assert abs(sum(parts) - total) <= 10, (parts, total)
    # the reading speed stated gives the reading time stated
    speed = int(re.search(r"about (\d+) words a minute", text).group(1))
    assert abs(n / speed - parts[0]) <= 2, (n, speed, parts[0])
    assert abs(have["code cells"] * 45 / 60 - parts[1]) <= 2


def test_the_readme_and_the_lesson_state_the_same_times():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| [4,"))
    last = row.split("|")[-2]
    assert LESSON_TIME in last and f"exercises {EXERCISE_TIME} min" in last, row
    nb = json.loads(LESSON.read_text(encoding="utf-8"))
    text = time_paragraph(nb)
    assert re.search(r"About (\d+) hours", text).group(1) == LESSON_TIME.split()[0]
    assert f"exercises take about {EXERCISE_TIME} minutes" in text
    pointer = "".join(nb["cells"][-1]["source"])
    assert f"about {EXERCISE_TIME} minutes" in pointer.split("**Exercises:**", 1)[1].split("- **Level 5", 1)[0]


def test_the_exercise_times_add_up_and_agree_with_the_instructors_guide():
    sol = json.loads(SOLUTIONS.read_text(encoding="utf-8"))
    opening = "".join(sol["cells"][0]["source"])
    assert re.search(rf"about\s+{EXERCISE_TIME}\s+minutes", opening), opening
    table = [int(n) for n in re.findall(r"\| (\d+) min \|", opening)]
    assert len(table) == 8 and sum(table) == EXERCISE_TIME, table
    headings = [int(n) for c in sol["cells"] if c["cell_type"] == "markdown"
                for n in re.findall(r"^## Exercise \d+ \((?:[^)]*?)(\d+) min", "".join(c["source"]), re.M)]
    assert sorted(headings) == sorted(table)
    # how we know: the words the opening names are the exercise notebook's own
    import nbformat

    from tools.exercises import make_exercise

    ex = make_exercise(nbformat.read(SOLUTIONS, as_version=4))
    stated = int(re.search(r"text is about\s+([\d,]+)\s+words", opening).group(1).replace(",", ""))
    have = sum(words(c.source) for c in ex.cells if c.cell_type == "markdown")
    assert abs(stated - have) <= 0.06 * have, (stated, have)
    guide = (ROOT / "docs" / "INSTRUCTORS.md").read_text(encoding="utf-8")
    section = guide.split("### Level 4", 1)[1].split("### Level 5", 1)[0]
    assert f"about {EXERCISE_TIME} minutes" in section.splitlines()[0]
    rows = [int(n) for n in re.findall(r"\| \d+ \| (\d+) min \|", section)]
    assert sorted(rows) == sorted(table) and sum(rows) == EXERCISE_TIME
