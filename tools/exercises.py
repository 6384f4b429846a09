"""Generate exercises/ from solutions/: the solution notebooks are the single source.

In a solution notebook an answer sits between ``### BEGIN SOLUTION`` and
``### END SOLUTION`` in a cell carrying nbgrader's cell metadata (so the
notebooks drop into an nbgrader course unchanged). The exercise twin gets
each answer replaced by a stub, every output cleared, and every cell tagged
``solution-only`` removed. Hints belong in comments just above
``### BEGIN SOLUTION``: they stay in both notebooks.

    python3 course.py exercises        # regenerate every exercise notebook
"""

import copy
import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
CODE_STUB = ["# YOUR CODE HERE", 'raise NotImplementedError("Replace this line with your answer.")']
MARKDOWN_STUB = ["YOUR ANSWER HERE"]


def replace_regions(source, begin, end, stub):
    """Replace every begin..end region of ``source`` with ``stub`` lines at the region's indent.

    ``stub`` is a list of lines, or a function of the region's lines (without
    the markers) that returns the lines to put in their place.
    """
    lines = source.split("\n")
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        if line.strip() == begin:
            indent = line[: len(line) - len(line.lstrip())]
            j = i + 1
            while j < len(lines) and lines[j].strip() != end:
                j += 1
            if j == len(lines):
                raise ValueError(f"'{begin}' without '{end}' in:\n{source}")
            body = lines[i + 1:j]
            new = stub(body) if callable(stub) else stub
            out.extend(indent + s if s else s for s in new)
            i = j + 1
        else:
            if line.strip() == end:
                raise ValueError(f"'{end}' without '{begin}' in:\n{source}")
            out.append(line)
            i += 1
    return "\n".join(out)


def solution_regions(source):
    """The answer lines of every solution region of a cell, in order."""
    found = []
    replace_regions(source, BEGIN, END, lambda body: found.append(body) or [])
    return found


def is_answer_cell(cell):
    return BEGIN in cell.source and cell.metadata.get("nbgrader", {}).get("solution", False)


def make_exercise(nb):
    """The exercise twin of a solution notebook (a new notebook; the input is unchanged)."""
    ex = copy.deepcopy(nb)
    cells = []
    for cell in ex.cells:
        if "solution-only" in cell.metadata.get("tags", []):
            continue
        if BEGIN in cell.source and not cell.metadata.get("nbgrader", {}).get("solution", False):
            raise ValueError(
                "a cell holds '### BEGIN SOLUTION' but lacks nbgrader metadata with "
                f"solution: true:\n{cell.source[:200]}"
            )
        stub = CODE_STUB if cell.cell_type == "code" else MARKDOWN_STUB
        cell.source = replace_regions(cell.source, BEGIN, END, stub)
        cell.source = replace_regions(cell.source, HIDDEN_BEGIN, HIDDEN_END, [])
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
        cells.append(cell)
    ex.cells = cells
    ex.metadata.pop("widgets", None)
    return ex


def exercise_path(solution_path):
    return ROOT / "exercises" / Path(solution_path).name


def render(nb):
    return nbformat.writes(nb) + "\n"


def generate(solution_paths=None, check=False):
    """Write (or, with check=True, compare) the exercise twin of every solution notebook.

    Returns the list of exercise paths that were (or would be) changed.
    """
    paths = solution_paths or sorted((ROOT / "solutions").glob("*.ipynb"))
    changed = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        text = render(make_exercise(nb))
        target = exercise_path(path)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            changed.append(target)
            if not check:
                target.parent.mkdir(exist_ok=True)
                target.write_text(text, encoding="utf-8")
    return changed


GRADE_ID = re.compile(r"^[A-Za-z0-9_-]+$")


if __name__ == "__main__":
    import sys

    check = "--check" in sys.argv[1:]
    changed = generate(check=check)
    for path in changed:
        print(f"{'out of date' if check else 'wrote'}: {path.relative_to(ROOT)}")
    if not changed:
        print("exercises/ is in sync with solutions/")
    sys.exit(1 if (check and changed) else 0)
