"""nbgrader end to end, as an instructor runs it: the shipped configuration, every level.

For each level: ``nbgrader generate_assignment`` on the solution notebook (the release must
equal exercises/ and leak no solution-only cell), then ``nbgrader autograde`` on three
students: a blank copy, the full solutions, and a mixed submission (some answers right,
some blank, some typical mistakes from tests/mistakes/). The scores are exact, and in the
mixed submission exactly the check cells of the wrong answers fail: no cell loses points
because of an earlier mistake. Slow (a few minutes: every notebook runs in a fresh
kernel); skipped when nbgrader is not installed (it is in requirements-test.txt).
"""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

pytest.importorskip("nbgrader")

from nbgrader.api import Gradebook  # noqa: E402

from tests.harness import exercises, with_mistake  # noqa: E402
from tests.mistakes import all_mistakes  # noqa: E402
from tools.exercises import make_exercise  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "nbgrader" / "nbgrader_config.py"
LEVELS = {"level1": "01_kid.ipynb", "level2": "02_high_school.ipynb", "level3": "03_undergraduate.ipynb",
          "level4": "04_graduate.ipynb", "level5": "05_phd.ipynb"}

# The mixed submission: answer grade_id -> "blank" or the name of a mistake in tests/mistakes/.
# Every other answer is the worked solution. Chosen so that later exercises build on the wrong
# ones: gd_step on a wrong loss_gradient (level 2); nn_cost, the gradient check and training on
# a wrong forward_pass and a one-sided numerical_gradient (level 3); backward on a wrong
# topological_order (level 4); BPTT and truncated BPTT after a wrong RNN step backward (level 5,
# whose checks hand the reference step to the learner's BPTT).
MIXED = {
    "level1": {"wrong_fruit_answer": "only one found", "dials_answer": "positive lean",
               "guesses_1000_answer": "blank"},
    "level2": {"gradient_answer": "factor 2 forgotten", "collapse_answer": "blank"},
    "level3": {"theta_shapes_answer": "blank", "forward_pass_answer": "no sigmoid at the output",
               "numerical_gradient_answer": "one-sided differences"},
    "level4": {"topological_order_answer": "a value used twice listed twice", "affine_backward_answer": "blank",
               "adam_answer": "no bias correction"},
    "level5": {"rnn_step_backward_answer": "tanh' from the pre-activation", "clip_by_global_norm_answer": "blank",
               "conv_backward_input_answer": "kernel not flipped",
               "lstm_step_backward_answer": "cell gradient not through h"},
}
# (blank, full, mixed) scores, worked out by hand from the points in each heading.
EXPECTED = {"level1": (0, 8, 3), "level2": (0, 11, 8), "level3": (0, 19, 14),
            "level4": (0, 14, 9),  # topological order 1, affine backward 2, Adam 2 lost
            "level5": (0, 19, 11)}  # RNN step 1, clipping 1, convolution backward 2, LSTM step 4 lost


def nbgrader(course, *args, attempts=2):
    """Run nbgrader in ``course``; the seconds it took. A second attempt when a kernel dies at start-up
    (seen on a machine under heavy load: "Kernel died before replying to kernel_info")."""
    start = time.perf_counter()
    for attempt in range(attempts):
        result = _run_nbgrader(course, args)
        if result.returncode == 0 or "Kernel died before replying" not in result.stdout + result.stderr:
            break
    assert result.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return time.perf_counter() - start


def _run_nbgrader(course, args):
    return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT),
                                 # nbgrader runs the `alembic` command of its own environment
                                 "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])})


def check_cells(nb):
    """{answer grade_id: grade_id of its check cell} in notebook order."""
    out = {}
    for i, ex in exercises(nb):
        check = next(c for c in nb.cells[i + 1:] if c.cell_type == "code")
        out[ex.grade_id] = check.metadata["nbgrader"]["grade_id"]
    return out


def submission(release, solution, choices):
    """The release notebook with every answer cell filled: the solution, or per ``choices`` a blank or a mistake."""
    mistakes = all_mistakes()[f"solutions/{solution.name}"]
    answers = {c.metadata["nbgrader"]["grade_id"]: c for c in nbformat.read(solution, as_version=4).cells
               if c.metadata.get("nbgrader", {}).get("solution")}
    nb = nbformat.read(release, as_version=4)
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if not cell.metadata.get("nbgrader", {}).get("solution"):
            continue
        choice = choices.get(gid, "solution")
        if choice == "solution":
            cell.source = answers[gid].source
        elif choice != "blank":
            spec = mistakes[gid][choice]
            cell.source = with_mistake(answers[gid].source, spec[0] if isinstance(spec, tuple) else spec)
    return nb


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """An nbgrader course folder with the shipped configuration, every level released and autograded."""
    course = tmp_path_factory.mktemp("course")
    shutil.copy(CONFIG, course / "nbgrader_config.py")
    timings = {}
    for assignment, name in LEVELS.items():
        (course / "source" / assignment).mkdir(parents=True)
        shutil.copy(ROOT / "solutions" / name, course / "source" / assignment / name)
        timings[f"generate {assignment}"] = nbgrader(course, "generate_assignment", assignment, "--force")
        release = course / "release" / assignment / name
        answers = check_cells(nbformat.read(ROOT / "solutions" / name, as_version=4))
        students = {"blank": {k: "blank" for k in answers},
                    "full": {}, "mixed": MIXED[assignment]}
        for student, choices in students.items():
            folder = course / "submitted" / student / assignment
            folder.mkdir(parents=True)
            nbformat.write(submission(release, ROOT / "solutions" / name, choices), folder / name)
        seconds = nbgrader(course, "autograde", assignment, "--force")
        timings[f"autograde {assignment}, per notebook"] = seconds / len(students)
    (course / "timings.json").write_text(json.dumps(timings, indent=1))
    print("\nnbgrader timings (s):", json.dumps({k: round(v, 1) for k, v in timings.items()}))
    return course


def scores(course, assignment, student):
    """{check grade_id: points awarded} from nbgrader's gradebook."""
    name = Path(LEVELS[assignment]).stem
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        nb = gb.find_submission_notebook(name, assignment, student)
        return {g.name: g.score for g in nb.grades}


@pytest.mark.parametrize("assignment", LEVELS)
def test_release_is_the_exercise_notebook(course, assignment):
    release = nbformat.read(course / "release" / assignment / LEVELS[assignment], as_version=4)
    ours = make_exercise(nbformat.read(ROOT / "solutions" / LEVELS[assignment], as_version=4))
    assert [c.source for c in release.cells] == [c.source for c in ours.cells]
    text = "\n".join(c.source for c in release.cells)
    assert "holds the worked" not in text and "BEGIN HIDDEN TESTS" not in text and "### BEGIN SOLUTION" not in text


@pytest.mark.parametrize("assignment", LEVELS)
def test_scores_are_exact(course, assignment):
    blank, full, mixed = (sum(scores(course, assignment, s).values()) for s in ("blank", "full", "mixed"))
    assert (blank, full, mixed) == EXPECTED[assignment]


@pytest.mark.parametrize("assignment", LEVELS)
def test_only_the_wrong_answers_lose_points(course, assignment):
    solution = nbformat.read(ROOT / "solutions" / LEVELS[assignment], as_version=4)
    checks = check_cells(solution)
    points = {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"] for c in solution.cells
              if c.metadata.get("nbgrader", {}).get("grade")}
    got = scores(course, assignment, "mixed")
    wrong = {checks[a] for a in MIXED[assignment]}
    for gid, pts in points.items():
        assert got[gid] == (0 if gid in wrong else pts), f"{assignment} {gid}: {got[gid]} of {pts}"
    assert scores(course, assignment, "full") == points
    assert set(scores(course, assignment, "blank").values()) == {0}


def test_class_report(course, tmp_path):
    from tools import report

    exercises = report.collect(course)
    by_name = {(e.assignment, e.grade_id): e for e in exercises}
    assert len(exercises) == sum(len(check_cells(nbformat.read(ROOT / "solutions" / n, as_version=4)))
                                 for n in LEVELS.values())
    gradient = by_name[("level2", "gradient_check")]
    assert (gradient.passed, gradient.blank, gradient.failed) == (1, 1, 1)
    [(text, count)] = gradient.mistakes.most_common()
    assert count == 1
    assert "factor 2" in text  # the mixed student's diagnosis, named
    step = by_name[("level2", "step_check")]
    assert (step.passed, step.blank, step.failed) == (2, 1, 0)  # gd_step is not charged for loss_gradient
    # the sentence that names the mistake, as written (the message starts with the values that came back)
    [(text, _)] = by_name[("level3", "forward_pass_check")].mistakes.most_common()
    assert text.startswith("You returned Z^(3): apply the sigmoid"), text
    for ex in exercises:
        for text in ex.mistakes:
            assert not report.STATEMENT.search(text) and not text.startswith("Not set"), (ex.grade_id, text)
    png = report.chart(exercises, tmp_path / "report.png")
    assert png.stat().st_size > 10_000
    assert "level3/nn_gradients" in report.table(exercises)
    # `course.py report` takes COURSE and the chart's file from the caller's folder
    run = subprocess.run([sys.executable, str(ROOT / "course.py"), "report", course.name, "--assignment", "level2"],
                         cwd=course.parent, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "level2/gradient " in run.stdout and "level3" not in run.stdout
    assert (course.parent / "class_report.png").stat().st_size > 10_000
    assert not (ROOT / "class_report.png").exists()
    # a submission flagged by `course.py grade` (COURSE/grading_flags.json) is listed apart, its reasons
    # shown, and counted as passed nowhere
    flags = course / "grading_flags.json"
    flags.write_text(json.dumps({"level2": {"full": {"02_high_school.ipynb": [
        {"cell": "cell 3", "line": 1, "found": "get_ipython"}, {"cell": "cell 5", "line": 2, "found": "sys.setprofile"}]}}}))
    try:
        flagged = {(e.assignment, e.grade_id): e for e in report.collect(course)}
        assert (flagged[("level2", "step_check")].passed, flagged[("level2", "step_check")].flagged) == (1, 1)
        assert all(e.flagged == 0 for (a, _), e in flagged.items() if a != "level2")
        assert flagged[("level3", "nn_cost_check")].passed == by_name[("level3", "nn_cost_check")].passed
        run = subprocess.run([sys.executable, str(ROOT / "course.py"), "report", course.name, "--assignment", "level2",
                              "--png", "flagged.png"], cwd=course.parent, capture_output=True, text=True, timeout=600)
        assert run.returncode == 0, run.stderr
        assert "flagged submissions (not counted as passed):" in run.stdout
        assert ("full/level2: 02_high_school.ipynb cell 3, line 1: get_ipython; "
                "02_high_school.ipynb cell 5, line 2: sys.setprofile") in run.stdout
    finally:
        flags.unlink()
