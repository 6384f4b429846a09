"""A class report from nbgrader's autograded submissions: per exercise, who passed and which mistakes.

    python3 course.py report COURSE [--assignment NAME] [--png FILE]

COURSE is an nbgrader course folder; the report reads
``autograded/<student>/<assignment>/*.ipynb`` (after ``nbgrader autograde``). Each graded
check cell either passed (no error) or failed with a check's message; the message's
diagnosis (the sentence naming the mistake, e.g. "You regularized the bias column too")
is what the report counts. It prints, per exercise, how many students passed and the most
common diagnoses, and draws a bar chart for a slide (``--png``, default
``class_report.png`` in the current folder).

A check that says "... is not set yet" because its answer cell stopped with an error counts as
wrong (the error is the diagnosis), not as blank. If ``COURSE/grading_flags.json`` exists (written
by ``course.py grade``: ``{student: {assignment: [reasons, ...]}}``), the flagged submissions are
listed apart with their reasons and none of their exercises counts as passed.
"""

import argparse
import json
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
    flagged: int = 0  # submissions flagged in grading_flags.json: counted apart, never as passed
    mistakes: Counter = field(default_factory=Counter)

    @property
    def students(self):
        return self.passed + self.blank + self.failed + self.flagged


# The checks write their diagnoses as sentences starting "You ..." or "Your ..." ("You regularized the bias
# column too", "Your h is (K, m)"); the others name a mistake otherwise ("The bias column is missing").
_YOU = re.compile(r"(You|Your)\b")
# A sentence that states what was tried and what came back, not why: "rand_init(2, 3, seed=0) has shape
# (3, 2); expected (3, 3)", "mse(...) is 4.1; expected 2.05", "First difference at index (0, 1): ...",
# "Not 50.", "The score is not 10 yet.", "You wrote 'left'." (an echo of the answer).
STATEMENT = re.compile(r"(\bhas shape\b|\bis array\b|; expected\b|\(expected\b|^First difference\b|^Not -?\d|"
                        r"\bis not -?\d+(\.\d+)? yet\b|^You wrote\b|\braised \w+(Error|Exception)\b|"
                        r"^\S+\(.*\) (is|returned|gives?) -?\d|^\d+ of \d+ (\w+ )?sorted right|^Almost!$|"
                        r"^Getting there!$|^Not yet!$|\b(is|are) NaN or infinite\b|\bis wrong from step\b|\bhave variance\b|"
                        r"^Below -?\d+(\.\d+)?%)")
# A clause that only says on what the check tried the answer: "For f = x*y + x: ...", "On the row [0, 1000]: ...".
_CONTEXT = re.compile(r"^(For|On|With|In|After) [^:]{0,120}: (?=\S)")


def sentences(text):
    """The sentences of a message: split after . ! ? and a space, never inside brackets (array [1.5, ...],
    shapes), after an ellipsis ("100, 50, 25, ... (drop any half)") or after e.g./i.e./etc./vs."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        elif (ch in ".!?" and depth == 0 and text[i + 1:i + 2] == " " and text[i - 1:i] != "."
              and not re.search(r"(\be\.g|\bi\.e|\betc|\bvs)$", text[start:i])):
            out.append(text[start:i + 1].strip())
            start = i + 1
    out.append(text[start:].strip())
    return [x for x in out if x]


def mask(sentence):
    """Numbers as #, array values as ...: they differ between students (not the 1 of Theta^(1) or of x1)."""
    sentence = re.sub(r"array[^;]*?\]\)?", "...", sentence)
    return re.sub(r"(?<![\w^])(?<!\^\()-?\d+(\.\d+)?(e[-+]?\d+)?", "#", sentence)


def diagnosis(message, width=110):
    """The sentence of a check's message that names the mistake ("You regularized the bias column too",
    "The bias column is missing: ...").

    A message usually states what came back ("rand_init(2, 3, seed=0) has shape (3, 2); expected (3, 3).",
    "Not 50.", "You wrote 'left'.") and then names the cause. Chosen: the first sentence starting "You" or
    "Your" that is no such statement; else the first sentence that is none (an opening "For f = x*y + x: "
    left out); else the clause after the first statement's colon ("20 of 40 sorted right (20 mistakes):
    your sorter calls ..."); else the first sentence. In these two last, which state values, numbers are
    masked (they differ between students); a diagnosis keeps its numbers ("the factor 2"). Nothing else is
    changed, so identifiers stay as written ("mse is ...", not "Mse is ...").
    At most ``width`` characters (None: all)."""
    text = " ".join(message.split())
    parts = [_CONTEXT.sub("", s) for s in sentences(text)] or [text]
    statement = [bool(STATEMENT.search(s)) for s in parts]
    plain = [s for s, stated in zip(parts, statement) if not stated and not re.fullmatch(r"\W*[\w ]+!", s)]
    chosen = next((s for s in plain if _YOU.match(s)), None) or next(iter(plain), None)
    if chosen is None:  # only statements: their numbers differ between students
        chosen = mask(next((s.split(": ", 1)[1] for s in parts if ": " in s and len(s.split(": ", 1)[1]) > 25),
                           parts[0]))  # "20 of 40 sorted right (20 mistakes): your sorter calls ..."
    return chosen if width is None or len(chosen) <= width else chosen[:width - 3] + "..."


def _error(cell):
    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    return errors[0] if errors else None


def check_outcome(cell, before=()):
    """("passed" | "blank" | "failed", message) of an executed check cell. ``before``: the cells from its
    answer cell on; if one of them stopped with an error (not the blank stub's NotImplementedError), a
    check that finds nothing set counts as failed, with that error as its message."""
    err = _error(cell)
    if err is None:
        return "passed", ""
    message = err.get("evalue", "") or "\n".join(err.get("traceback", []))
    if err.get("ename") == "NotImplementedError" or any(m in message for m in BLANK_MARKS):
        crash = next((e for e in map(_error, before) if e is not None and e.get("ename") != "NotImplementedError"),
                     None)
        if crash is None:
            return "blank", message
        return "failed", f"The answer cell stopped with {crash.get('ename')}: {crash.get('evalue', '')}"
    return "failed", message


def grading_flags(course):
    """{(student, assignment): [reasons]} from COURSE/grading_flags.json, which ``course.py grade`` writes as
    {assignment: {student: {notebook: [{"cell", "line", "found"}, ...]}}}; empty when the file does not exist."""
    path = Path(course) / "grading_flags.json"
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    shape = ('{assignment: {student: {notebook: [{"cell": ..., "line": ..., "found": ...}, ...]}}} '
             "(as python3 course.py grade writes it)")
    if not isinstance(data, dict) or not all(isinstance(v, dict) and all(isinstance(n, dict) for n in v.values())
                                             for v in data.values()):
        raise SystemExit(f"{path} should hold {shape}; it holds {type(data).__name__} {str(data)[:80]}")
    out = {}
    for assignment, students in data.items():
        for student, notebooks in students.items():
            reasons = []
            for notebook, findings in notebooks.items():
                for f in findings if isinstance(findings, list) else [findings]:
                    if isinstance(f, dict):
                        reasons.append(f"{notebook} {f.get('cell', '?')}, line {f.get('line', '?')}: {f.get('found', '?')}")
                    else:
                        reasons.append(f"{notebook}: {f}")
            if reasons:
                out[(str(student), str(assignment))] = reasons
    return out


def collect(course, assignment=None):
    """[Exercise] in notebook order, over every student's autograded notebooks."""
    course = Path(course)
    found = {}
    paths = sorted((course / "autograded").glob(f"*/{assignment or '*'}/*.ipynb"))
    if not paths:
        raise SystemExit(f"no autograded notebooks under {course / 'autograded'}: run nbgrader autograde first.")
    flags = grading_flags(course)
    for path in paths:
        assignment_name, student = path.parent.name, path.parent.parent.name
        nb = nbformat.read(path, as_version=4)
        answer_at = 0
        for i, cell in enumerate(nb.cells):
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("solution"):
                answer_at = i
            if not meta.get("grade") or cell.cell_type != "code":
                continue
            key = (assignment_name, path.stem, meta["grade_id"])
            ex = found.setdefault(key, Exercise(assignment_name, meta["grade_id"], meta.get("points", 0)))
            if (student, assignment_name) in flags:
                ex.flagged += 1
                continue
            outcome, message = check_outcome(cell, nb.cells[answer_at:i])
            if outcome == "passed":
                ex.passed += 1
            elif outcome == "blank":
                ex.blank += 1
            else:
                ex.failed += 1
                ex.mistakes[diagnosis(message)] += 1
    return list(found.values())


def table(exercises, top=3, flags=None):
    """The report as text: one block per exercise, then the flagged submissions (``flags``, from
    grading_flags), which count in no exercise's passed column."""
    lines = [f"{'exercise':<32} {'points':>6} {'passed':>9} {'blank':>6} {'wrong':>6} {'flagged':>7}  "
             "most common mistakes"]
    for ex in exercises:
        name = f"{ex.assignment}/{ex.grade_id.removesuffix('_check')}"
        common = ex.mistakes.most_common(top)
        first = f"{common[0][1]} x {common[0][0]}" if common else ""
        lines.append(f"{name:<32} {ex.points:>6g} {ex.passed:>4}/{ex.students:<4} {ex.blank:>6} {ex.failed:>6} "
                     f"{ex.flagged:>7}  {first}")
        lines.extend(f"{'':<73}{n} x {text}" for text, n in common[1:])
    if flags:
        lines += ["", "flagged submissions (not counted as passed):"]
        lines += [f"  {student}/{assignment}: {'; '.join(reasons)}" for (student, assignment), reasons in sorted(flags.items())]
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
    colors["flagged"] = "#E69F00"
    for label, values in (("passed", [e.passed for e in exercises]), ("wrong", [e.failed for e in exercises]),
                          ("blank", [e.blank for e in exercises]), ("flagged", [e.flagged for e in exercises])):
        if label == "flagged" and not any(values):
            continue
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
    flags = {k: v for k, v in grading_flags(args.course).items() if args.assignment in (None, k[1])}
    print(table(exercises, flags=flags))
    print(f"\nbar chart: {chart(exercises, args.png)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
