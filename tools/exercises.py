"""Generate exercises/ from solutions/: the solution notebooks are the single source.

In a solution notebook an answer sits between ``### BEGIN SOLUTION`` and
``### END SOLUTION`` in a cell carrying nbgrader's cell metadata (so the
notebooks drop into an nbgrader course unchanged). The exercise twin gets
each answer replaced by a stub, every output cleared, and every cell tagged
``solution-only`` removed. Hints belong in comments just above
``### BEGIN SOLUTION``: they stay in both notebooks.

    python3 course.py exercises          # regenerate every exercise notebook
    python3 course.py exercises --check  # only say which are out of date
    python3 course.py exercises --force  # also replace notebooks holding answers (backed up first)

An exercise notebook whose answer cells differ from the fresh stubs holds a
learner's work: it is left as it is unless --force is given, and then first
copied to backups/ (ignored by git).
"""

import copy
import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
CODE_STUB = ["# YOUR CODE HERE", 'raise NotImplementedError("Replace this line with your answer.")']
#: Where a notebook's metadata has ``course.code_stub`` (a list of lines), its answers get that stub instead.
#: Level 1 uses it: its answer cells set every name to None above the region, the checks say "Not yet!"
#: to a None, so the stub needs no ``raise`` line (a child who filled in the None lines and left it would
#: see a red box under a right answer). nbgrader's release reads the same key (nbgrader/nbgrader_config.py).
STUB_KEY = "code_stub"
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


def code_stub(nb):
    """The lines that replace a code answer of ``nb``: its own ``course.code_stub``, else CODE_STUB."""
    own = nb.metadata.get("course", {}).get(STUB_KEY)
    if own is None:
        return CODE_STUB
    if not isinstance(own, list) or not all(isinstance(line, str) for line in own):
        raise ValueError(f"the notebook's metadata course.{STUB_KEY} should be a list of lines; it is {own!r}")
    return own


def make_exercise(nb):
    """The exercise twin of a solution notebook (a new notebook; the input is unchanged)."""
    ex = copy.deepcopy(nb)
    own_stub = code_stub(nb)
    cells = []
    for cell in ex.cells:
        if "solution-only" in cell.metadata.get("tags", []):
            continue
        if BEGIN in cell.source and not cell.metadata.get("nbgrader", {}).get("solution", False):
            raise ValueError(
                "a cell holds '### BEGIN SOLUTION' but lacks nbgrader metadata with "
                f"solution: true:\n{cell.source[:200]}"
            )
        stub = own_stub if cell.cell_type == "code" else MARKDOWN_STUB
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


BACKUPS = ROOT / "backups"  # ignored by git


def generate(solution_paths=None, check=False, force=False, backups=None, saved=None):
    """Write (or, with check=True, compare) the exercise twin of every solution notebook.

    Returns the list of exercise paths that were (or would be) changed. An
    exercise notebook whose answer cells hold a learner's work is not
    overwritten: the others are written, then ``LearnerWork`` is raised naming
    it. With force=True it is first copied to ``backups`` (default backups/,
    ignored by git), then overwritten; the copies' paths are appended to the
    list ``saved``.
    """
    paths = solution_paths or sorted((ROOT / "solutions").glob("*.ipynb"))
    backups = Path(backups) if backups else BACKUPS
    changed, kept = [], []
    saved = [] if saved is None else saved
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        exercise = make_exercise(nb)
        text = render(exercise)
        target = exercise_path(path)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            if not check and target.exists():
                answers = learner_answers(target, exercise)
                if answers and not force:
                    kept.append((target, answers))
                    continue
                if answers:
                    saved.append(backup(target, backups))
            changed.append(target)
            if not check:
                target.parent.mkdir(exist_ok=True)
                target.write_text(text, encoding="utf-8")
    if kept:
        raise LearnerWork(kept, changed)
    return changed


class LearnerWork(Exception):
    """Exercise notebooks left as they are because their answer cells hold someone's work."""

    def __init__(self, kept, changed):
        self.kept, self.changed = kept, changed
        lines = []
        for target, answers in kept:
            lines.append(f"not overwritten: {_shown(target)}: your answers in "
                         f"{', '.join(answers)} differ from the fresh stubs.")
        lines.append("To replace them anyway, run:  python3 course.py exercises --force  "
                     "(it first saves each of these notebooks in backups/, and says where).")
        super().__init__("\n".join(lines))


def _shown(path):
    try:
        return str(Path(path).relative_to(ROOT))
    except ValueError:
        return str(path)


def learner_answers(target, exercise):
    """The answer cells (nbgrader ``solution`` cells) of the notebook at ``target`` that differ
    from those of ``exercise`` (the freshly generated twin), as "cell N (grade_id)".

    Nothing counts when the file is exactly the version committed to git: git
    keeps it. A file that is not a readable notebook counts as a whole.
    """
    text = target.read_text(encoding="utf-8")
    if text == _committed(target):
        return []
    try:
        old = nbformat.reads(text, as_version=4)
    except Exception:  # noqa: BLE001 - any unreadable file is kept, not judged
        return ["the whole file (it is not a readable notebook)"]
    stubs = {c.metadata.get("nbgrader", {}).get("grade_id"): c.source for c in exercise.cells
             if c.metadata.get("nbgrader", {}).get("solution")}
    differ = []
    for index, cell in enumerate(old.cells):
        md = cell.metadata.get("nbgrader", {})
        if md.get("solution") and cell.source.strip() != stubs.get(md.get("grade_id"), "").strip():
            differ.append(f"cell {index} ({md.get('grade_id')})")
    return differ


def _committed(target):
    """The text of ``target`` in git's HEAD, or None (no git, not a checkout, not committed)."""
    import subprocess

    try:
        rel = Path(target).resolve().relative_to(ROOT).as_posix()
        shown = subprocess.run(["git", "show", f"HEAD:{rel}"], cwd=ROOT, capture_output=True, timeout=30)
    except (ValueError, OSError, subprocess.TimeoutExpired):
        return None
    return shown.stdout.decode("utf-8", errors="replace") if shown.returncode == 0 else None


def backup(target, folder):
    """Copy ``target`` to ``folder``/<name>.<date-time>.ipynb and return the copy's path."""
    import shutil
    import time

    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    copy_path = folder / f"{target.stem}.{stamp}.ipynb"
    n = 1
    while copy_path.exists():
        n += 1
        copy_path = folder / f"{target.stem}.{stamp}-{n}.ipynb"
    shutil.copy2(target, copy_path)
    return copy_path


GRADE_ID = re.compile(r"^[A-Za-z0-9_-]+$")


def main(args):
    unknown = [a for a in args if a not in ("--check", "--force")]
    if unknown:
        print(f"usage: python3 course.py exercises [--check] [--force]; unknown: {' '.join(unknown)}")
        return 2
    check = "--check" in args
    saved = []
    try:
        changed = generate(check=check, force="--force" in args, saved=saved)
        error = None
    except LearnerWork as kept:
        changed, error = kept.changed, kept
    for path in changed:
        print(f"{'out of date' if check else 'wrote'}: {_shown(path)}")
    for path in saved:
        print(f"saved the previous version in {_shown(path)}")
    if error:
        print(error)
        return 1
    if not changed:
        print("exercises/ is in sync with solutions/")
    return 1 if (check and changed) else 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
