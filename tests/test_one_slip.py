"""One slip costs one exercise, at every level, under nbgrader.

For every exercise of every level, a submission that is right everywhere except that exercise (its
first typical mistake from tests/mistakes/) must lose exactly that exercise's points under
``nbgrader autograde``: no later exercise may lose points because it builds on the wrong answer
(the checks swap the reference versions of earlier answers into later ones). One autograde call per
level grades all of its students (a notebook per exercise, about 40 in all; the timings are printed).
Slow: every notebook runs in a fresh kernel. Skipped when nbgrader is not installed.
"""

import json
import shutil

import nbformat
import pytest

pytest.importorskip("nbgrader")

from tests.mistakes import all_mistakes  # noqa: E402
from tests.test_nbgrader import CONFIG, LEVELS, ROOT, check_cells, nbgrader, scores, submission  # noqa: E402


def slips(name):
    """{student id: (answer grade_id, mistake name)}: one student per exercise of the notebook ``name``."""
    mistakes = all_mistakes()[f"solutions/{name}"]
    answers = check_cells(nbformat.read(ROOT / "solutions" / name, as_version=4))
    return {f"slip{k:02d}": (answer, next(iter(mistakes[answer]))) for k, answer in enumerate(answers, start=1)}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """An nbgrader course with every level released and one slip per exercise autograded; the timings."""
    course = tmp_path_factory.mktemp("slips")
    shutil.copy(CONFIG, course / "nbgrader_config.py")
    timings = {}
    for assignment, name in LEVELS.items():
        (course / "source" / assignment).mkdir(parents=True)
        shutil.copy(ROOT / "solutions" / name, course / "source" / assignment / name)
        timings[f"generate {assignment}"] = nbgrader(course, "generate_assignment", assignment, "--force")
        release = course / "release" / assignment / name
        students = slips(name)
        for student, (answer, mistake) in students.items():
            folder = course / "submitted" / student / assignment
            folder.mkdir(parents=True)
            nbformat.write(submission(release, ROOT / "solutions" / name, {answer: mistake}), folder / name)
        seconds = nbgrader(course, "autograde", assignment, "--force")
        timings[f"autograde {assignment} ({len(students)} notebooks)"] = seconds
        timings[f"autograde {assignment}, per notebook"] = seconds / len(students)
    print("\none-slip nbgrader timings (s):", json.dumps({k: round(v, 1) for k, v in timings.items()}))
    return course, timings


@pytest.mark.parametrize("assignment", LEVELS)
def test_one_slip_costs_exactly_its_own_exercise(graded, assignment):
    course, _ = graded
    solution = nbformat.read(ROOT / "solutions" / LEVELS[assignment], as_version=4)
    checks = check_cells(solution)
    points = {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"] for c in solution.cells
              if c.metadata.get("nbgrader", {}).get("grade")}
    wrong = []
    for student, (answer, mistake) in slips(LEVELS[assignment]).items():
        got = scores(course, assignment, student)
        want = {gid: (0 if gid == checks[answer] else pts) for gid, pts in points.items()}
        if got != want:
            lost = {gid: f"{got[gid]:g} of {pts:g}" for gid, pts in points.items() if got[gid] != pts}
            wrong.append(f"{answer} '{mistake}' should lose {checks[answer]} ({points[checks[answer]]:g} points) "
                         f"only; lost {lost}")
    assert not wrong, "\n".join(wrong)

