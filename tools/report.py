"""A class report from nbgrader's autograded submissions: per exercise, who passed and which mistakes.

    python3 course.py report COURSE [--assignment NAME] [--png FILE]

COURSE is an nbgrader course folder; the report reads
``autograded/<student>/<assignment>/*.ipynb`` (after ``nbgrader autograde``). Each graded
check cell either passed (no error) or failed with a check's message; the message's
diagnosis (the sentence naming the mistake, e.g. "You regularized the bias column too")
is what the report counts. It prints, per exercise, how many students passed and the most
common diagnoses, and draws a bar chart for a slide (``--png``, default
``class_report.png`` in the current folder).
"""

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

BLANK_MARKS = ("NotImplementedError", "is not set yet", "still None", "Not yet!")


@dataclass
class Exercise:
    assignment: str
    grade_id: str
    points: float
    passed: int = 0
    blank: int = 0
    failed: int = 0
    mistakes: Counter = field(default_factory=Counter)

    @property
    def students(self):
        return self.passed + self.blank + self.failed


def diagnosis(message):
    """The part of a check's message that names the mistake: its first sentence starting with You/Your
    (the diagnoses are written that way), else its first sentence, numbers masked (they differ between
    students), from its last colon on where it has one ("3 of 40 sorted right: your sorter calls ...")."""
    text = " ".join(message.split())
    text = re.sub(r"^(Almost!|Not yet!|Getting there!)\s*", "", text)
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
    named = [s for s in sentences if re.match(r"(You|Your|These|That is|Mind|Every|Each|w and b|Most)\b", s)]
    if named:
        chosen = named[0]
    else:
        chosen = sentences[0]
        if ": " in chosen and len(chosen.rsplit(": ", 1)[1]) > 25:
            chosen = chosen.rsplit(": ", 1)[1]
        chosen = re.sub(r"array[^;]*?\]\)?", "...", chosen)
        chosen = re.sub(r"-?\d+(\.\d+)?(e[-+]?\d+)?", "#", chosen)
    chosen = chosen[0].upper() + chosen[1:]
    return chosen if len(chosen) <= 110 else chosen[:107] + "..."


def check_outcome(cell):
    """("passed" | "blank" | "failed", message) of an executed check cell."""
    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    if not errors:
        return "passed", ""
    err = errors[0]
    message = err.get("evalue", "") or "\n".join(err.get("traceback", []))
    if err.get("ename") == "NotImplementedError" or any(m in message for m in BLANK_MARKS):
        return "blank", message
    return "failed", message


def collect(course, assignment=None):
    """[Exercise] in notebook order, over every student's autograded notebooks."""
    course = Path(course)
    found = {}
    paths = sorted((course / "autograded").glob(f"*/{assignment or '*'}/*.ipynb"))
    if not paths:
        raise SystemExit(f"no autograded notebooks under {course / 'autograded'}: run nbgrader autograde first.")
    for path in paths:
        assignment_name = path.parent.name
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if not meta.get("grade") or cell.cell_type != "code":
                continue
            key = (assignment_name, path.stem, meta["grade_id"])
            ex = found.setdefault(key, Exercise(assignment_name, meta["grade_id"], meta.get("points", 0)))
            outcome, message = check_outcome(cell)
            if outcome == "passed":
                ex.passed += 1
            elif outcome == "blank":
                ex.blank += 1
            else:
                ex.failed += 1
                ex.mistakes[diagnosis(message)] += 1
    return list(found.values())


def table(exercises, top=3):
    """The report as text: one block per exercise."""
    lines = [f"{'exercise':<32} {'points':>6} {'passed':>9} {'blank':>6} {'wrong':>6}  most common mistakes"]
    for ex in exercises:
        name = f"{ex.assignment}/{ex.grade_id.removesuffix('_check')}"
        common = ex.mistakes.most_common(top)
        first = f"{common[0][1]} x {common[0][0]}" if common else ""
        lines.append(f"{name:<32} {ex.points:>6g} {ex.passed:>4}/{ex.students:<4} {ex.blank:>6} {ex.failed:>6}  {first}")
        lines.extend(f"{'':<65}{n} x {text}" for text, n in common[1:])
    return "\n".join(lines)


def chart(exercises, path):
    """A horizontal bar per exercise: passed, wrong (the commonest diagnosis written beside it), blank."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [f"{ex.assignment}/{ex.grade_id.removesuffix('_check')} ({ex.points:g} pt)" for ex in exercises]
    fig, ax = plt.subplots(figsize=(12, 0.45 * len(exercises) + 1.6))
    y = range(len(exercises))[::-1]
    colors = {"passed": "#009E73", "wrong": "#D55E00", "blank": "#BBBBBB"}  # colour-blind-safe (Okabe-Ito)
    left = [0] * len(exercises)
    for label, values in (("passed", [e.passed for e in exercises]), ("wrong", [e.failed for e in exercises]),
                          ("blank", [e.blank for e in exercises])):
        ax.barh(list(y), values, left=left, color=colors[label], label=label, height=0.7)
        left = [a + b for a, b in zip(left, values)]
    most = max((e.students for e in exercises), default=1)
    for yi, ex in zip(y, exercises):
        if ex.mistakes:
            text, n = ex.mistakes.most_common(1)[0]
            ax.text(most * 1.02, yi, f"{n} x {text[:70]}{'...' if len(text) > 70 else ''}", va="center", fontsize=8)
    ax.set_yticks(list(y), names, fontsize=9)
    ax.set_xlim(0, most * 2.3)
    ax.set_xticks(range(0, most + 1, max(1, most // 10)))
    ax.set_xlabel("students")
    ax.set_title("Class report: who passed each exercise, and the commonest mistake")
    ax.legend(loc="lower right", fontsize=9)
    fig.subplots_adjust(left=0.28, right=0.98, top=0.92, bottom=0.12)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("course", help="the nbgrader course folder (it holds autograded/)")
    parser.add_argument("--assignment", help="one assignment only, e.g. level3")
    parser.add_argument("--png", default="class_report.png", help="where to write the bar chart")
    args = parser.parse_args(argv)
    exercises = collect(args.course, args.assignment)
    print(table(exercises))
    print(f"\nbar chart: {chart(exercises, args.png)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
