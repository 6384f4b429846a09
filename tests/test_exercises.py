"""The exercise pipeline: generated exercises in sync, and every check rejecting wrong answers."""

import functools
import re
from pathlib import Path

import nbformat
import pytest

from tests.mistakes import all_mistakes, all_right
from tests.harness import HIDDEN, exercises, run_notebook, seeded_hidden_tests
from tools import exercises as gen

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = "tests/fixtures/solutions/00_fixture.ipynb"
MISTAKES = all_mistakes()
RIGHT = all_right()
RIGHT_CASE = "right: "  # a case from RIGHT (an answer in another correct form): it must pass
SOLUTIONS = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "solutions").glob("*.ipynb"))
NOTEBOOKS = SOLUTIONS + [FIXTURE]


def _trials(notebook):
    """grade_id -> {case: code}: the typical mistakes, then the other right answers (named RIGHT_CASE + name)."""
    found = {gid: dict(named) for gid, named in MISTAKES.get(notebook, {}).items()}
    for gid, named in RIGHT.get(notebook, {}).items():
        found.setdefault(gid, {}).update({RIGHT_CASE + name: code for name, code in named.items()})
    return found


@functools.lru_cache(maxsize=None)
def outcomes(notebook):
    return run_notebook(ROOT / notebook, _trials(notebook))


def cases():
    for nb_path in NOTEBOOKS:
        nb = nbformat.read(ROOT / nb_path, as_version=4)
        for _, ex in exercises(nb):
            # with the hidden tests alone too, where they run the check on an instructor's seed
            for suffix in ("", HIDDEN) if seeded_hidden_tests(ex.check) else ("",):
                yield nb_path, ex.grade_id, "solution" + suffix
                yield nb_path, ex.grade_id, "blank" + suffix
                for name in MISTAKES.get(nb_path, {}).get(ex.grade_id, {}):  # RIGHT: test_right_answer_passes
                    yield nb_path, ex.grade_id, name + suffix


@pytest.mark.parametrize("notebook,grade_id,case", list(cases()))
def test_check_cell(notebook, grade_id, case):
    found = [o for o in outcomes(notebook) if o.grade_id == grade_id and o.case == case]
    assert len(found) == 1, f"no outcome for {grade_id}/{case}"
    o = found[0]
    assert not o.error, f"{grade_id} / {case}: {o.error}"
    if case.removesuffix(HIDDEN) == "solution":
        assert not o.rejected, f"the right answer {grade_id} / {case} is rejected: {o.message}"
        assert not o.answer_error, f"the right answer {grade_id} / {case} crashes: {o.answer_error}"
        return
    assert o.rejected, f"{grade_id}: the check accepts the wrong answer '{case}'"
    assert len(o.message) >= 25, f"{grade_id} / {case}: message too short to teach: {o.message!r}"
    spec = MISTAKES.get(notebook, {}).get(grade_id, {}).get(case.removesuffix(HIDDEN))
    if isinstance(spec, tuple):
        assert spec[1].lower() in o.message.lower(), (
            f"{grade_id} / {case}: the message should mention {spec[1]!r}; it says: {o.message}"
        )


def right_cases():
    for nb_path, right in sorted(RIGHT.items()):
        nb = nbformat.read(ROOT / nb_path, as_version=4)
        for _, ex in exercises(nb):
            for suffix in ("", HIDDEN) if seeded_hidden_tests(ex.check) else ("",):
                for name in right.get(ex.grade_id, {}):
                    yield nb_path, ex.grade_id, RIGHT_CASE + name + suffix


@pytest.mark.parametrize("notebook,grade_id,case", list(right_cases()))
def test_right_answer_passes(notebook, grade_id, case):
    # an answer in another correct form (tests/mistakes RIGHT) in place of the worked answer: its check passes
    found = [o for o in outcomes(notebook) if o.grade_id == grade_id and o.case == case]
    assert len(found) == 1, f"no outcome for {grade_id}/{case}"
    o = found[0]
    assert not o.error, f"{grade_id} / {case}: {o.error}"
    assert not o.answer_error, f"{grade_id} / {case}: {o.answer_error}"
    assert not o.rejected, f"{grade_id}: the check rejects the right answer '{case}': {o.message}"
    if not case.endswith(HIDDEN):  # the hidden tests may pass silently
        assert "\u2714" in o.message, f"{grade_id} / {case}: no pass message; it printed {o.message!r}"


@pytest.mark.parametrize("notebook", sorted(RIGHT))
def test_right_answers_name_real_exercises(notebook):
    nb = nbformat.read(ROOT / notebook, as_version=4)
    ids = {ex.grade_id for _, ex in exercises(nb)}
    assert set(RIGHT[notebook]) <= ids, f"right answers listed for unknown exercises: {set(RIGHT[notebook]) - ids}"
    assert all(RIGHT[notebook].values()), f"{notebook}: an empty RIGHT entry"


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_exercise_has_named_mistakes(notebook):
    nb = nbformat.read(ROOT / notebook, as_version=4)
    ids = [ex.grade_id for _, ex in exercises(nb)]
    listed = MISTAKES.get(notebook, {})
    assert ids, f"{notebook} has no exercises"
    for gid in ids:
        assert listed.get(gid), f"{notebook}: exercise {gid} lists no typical mistake in tests/mistakes/"
    assert not set(listed) - set(ids), f"mistakes listed for unknown exercises: {set(listed) - set(ids)}"


@pytest.mark.parametrize("notebook", SOLUTIONS)
def test_solution_notebook_has_five_exercises(notebook):
    nb = nbformat.read(ROOT / notebook, as_version=4)
    assert len(exercises(nb)) >= 5, f"{notebook} needs at least five exercises"


def test_exercises_in_sync_with_solutions():
    stale = gen.generate(check=True)
    assert not stale, (
        f"out of date: {[str(p.relative_to(ROOT)) for p in stale]}; run: python3 course.py exercises"
    )
    made = {p.name for p in (ROOT / "solutions").glob("*.ipynb")}
    have = {p.name for p in (ROOT / "exercises").glob("*.ipynb")}
    assert have == made, f"exercises without a solution twin: {have - made}"


def test_nbgrader_metadata_is_valid():
    keys = {"schema_version", "grade", "locked", "solution", "task", "grade_id", "points"}
    for nb_path in NOTEBOOKS:
        nb = nbformat.read(ROOT / nb_path, as_version=4)
        seen = set()
        for cell in nb.cells:
            md = cell.metadata.get("nbgrader")
            if md is None:
                assert gen.BEGIN not in cell.source, f"{nb_path}: solution region outside an nbgrader cell"
                continue
            assert set(md) <= keys, f"{nb_path}: unknown nbgrader keys {set(md) - keys}"
            assert md["schema_version"] == 3
            assert gen.GRADE_ID.match(md["grade_id"]), md["grade_id"]
            assert md["grade_id"] not in seen, f"{nb_path}: duplicate grade_id {md['grade_id']}"
            seen.add(md["grade_id"])
            if md["grade"]:
                assert md.get("points", 0) > 0, f"{nb_path}: graded cell {md['grade_id']} needs points"
            if md["solution"] and cell.cell_type == "code":
                assert gen.BEGIN in cell.source, f"{nb_path}: answer cell {md['grade_id']} has no solution region"


def test_generator_on_fixture():
    nb = nbformat.read(ROOT / FIXTURE, as_version=4)
    ex = gen.make_exercise(nb)
    text = "\n".join(c.source for c in ex.cells)
    assert "return x ** 2" not in text and "answer = 3" not in text
    assert "raise NotImplementedError" in text and "# Hint: ** raises to a power." in text
    assert "worked solutions" not in text  # the solution-only cell is dropped
    assert all(not c.get("outputs") for c in ex.cells if c.cell_type == "code")
    square = next(c for c in ex.cells if c.source.startswith("def square"))
    assert square.source.splitlines()[-1].startswith("    raise NotImplementedError")  # indent kept
    assert len(ex.cells) == len(nb.cells) - 1
    assert nb.cells[4].source.count("return x ** 2") == 1  # the input is untouched


def test_generator_rejects_unbalanced_markers():
    with pytest.raises(ValueError, match="without"):
        gen.replace_regions("### BEGIN SOLUTION\nx = 1", gen.BEGIN, gen.END, gen.CODE_STUB)
    with pytest.raises(ValueError, match="without"):
        gen.replace_regions("x = 1\n### END SOLUTION", gen.BEGIN, gen.END, gen.CODE_STUB)


def test_harness_notices_a_check_that_accepts_a_wrong_answer():
    # "x * x" is right, so a check that lets it through is correct; the harness
    # must report it as accepted (not rejected), which is what fails a weak check.
    results = run_notebook(ROOT / FIXTURE, {"square_answer": {"right after all": "return x * x"}})
    accepted = [o for o in results if o.case == "right after all"]
    assert len(accepted) == 1 and not accepted[0].rejected and not accepted[0].error


def test_a_failed_check_shows_its_message_not_a_traceback():
    # What a learner sees in Jupyter: the message alone, not nnlib's check code.
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(
        "from nnlib.checks import CheckFailed\n"
        "raise CheckFailed('Not yet: the bias column is regularized.\\nLeave column 0 out.')")]
    NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True).execute()
    [error] = [o for o in nb.cells[0].outputs if o.output_type == "error"]
    assert error.ename == "CheckFailed"
    assert error.traceback == ["\u2718 Not yet: the bias column is regularized.", "Leave column 0 out."]


def test_points_shown_in_headings_match_the_metadata():
    # points follow difficulty and students see them: each exercise's heading states its check's points
    for name in SOLUTIONS:
        nb = nbformat.read(ROOT / name, as_version=4)
        shown = [int(n) for c in nb.cells if c.cell_type == "markdown"
                 for n in re.findall(r"^## (?:Exercise|Puzzle) \d+ \((?:[^)]*, )?(\d+) points?\)", c.source, re.M)]
        given = [c.metadata["nbgrader"]["points"] for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
        assert shown == given, name


# ---------------------------------------------------------------- the check runner (nnlib.checks.core)

def _fails(fn, *args, **kwargs):
    from nnlib.checks import CheckFailed

    with pytest.raises(CheckFailed) as info:
        fn(*args, **kwargs)
    return str(info.value)


def test_runner_stops_a_function_that_never_returns():
    import time

    from nnlib.checks import core

    def forever(x):
        while True:
            pass

    start = time.perf_counter()
    message = _fails(core.call, forever, (1.0,), "forever", time_limit_s=0.5)
    assert "did not finish within 0.5 seconds" in message
    assert time.perf_counter() - start < 5


def test_runner_names_a_changed_input_in_a_list_of_arrays():
    import numpy as np

    from nnlib.checks import core

    def zero_bias(thetas):
        for t in thetas:
            t[:, 0] = 0
        return [t.copy() for t in thetas]

    thetas = [np.ones((2, 3)), np.ones((3, 3))]
    message = _fails(core.check_function, zero_bias, lambda ts: [t * 0 + np.array([0, 1, 1]) for t in ts],
                     [(thetas,)], "zero_bias")
    assert "in place" in message
    assert thetas[0][0, 0] == 1  # the check's own arrays are untouched


def test_runner_swaps_in_the_reference_of_an_earlier_exercise():
    from nnlib.checks import core

    ns = {}
    exec("def helper(x):\n    return x + 1000\n\ndef step(x):\n    return 2 * helper(x)\n", ns)
    core.check_function(ns["step"], lambda x: 2 * (x + 1), [(1.0,), (3.0,)], "step", swap={"helper": lambda x: x + 1})
    assert ns["helper"](0) == 1000  # restored afterwards
    _fails(core.check_function, ns["step"], lambda x: 2 * (x + 1), [(1.0,)], "step")


def test_runner_names_the_librarys_own_answer_however_it_is_reached():
    import numpy as np

    import nnlib
    from nnlib.checks import level3

    ns = {}
    exec("from nnlib.activations import sigmoid_gradient as sg\ndef mine(z):\n    return sg(z)\n", ns)
    for answer in (nnlib.sigmoid_gradient, ns["mine"], lambda z: nnlib.activations.sigmoid_gradient(np.asarray(z))):
        assert "library's own version" in _fails(level3.check_sigmoid_gradient, answer)
    exec("import threading\ndef in_a_thread(z):\n    out = []\n"
         "    worker = threading.Thread(target=lambda: out.append(sg(z)))\n"
         "    worker.start()\n    worker.join()\n    return out[0]\n", ns)
    assert "library's own version" in _fails(level3.check_sigmoid_gradient, ns["in_a_thread"])


@pytest.mark.parametrize("value, words", [("0.5", "without quotes"), (float("nan"), "NaN"), ((1, 5), "dot"),
                                         ([0.1, 0.2], "not several"), (True, "a number"), (None, "not set")])
def test_number_rejects_what_is_not_one_number(value, words):
    from nnlib.checks import core

    assert words in _fails(core.number, "learning_rate", value)


def test_bad_inputs_to_checks_get_a_message_not_a_crash():
    from nnlib.checks import level1, level2, level3

    assert "should be a function" in _fails(level3.check_training, [1, 2])
    assert "two weight matrices" in _fails(level3.check_training, lambda X, Y: [1, 2])
    assert "ordinary number" in _fails(level1.check_dials, float("nan"), 1, 1)
    assert "without quotes" in _fails(level1.check_dials, 1, "0.5", -13)
    assert "without quotes" in _fails(level2.check_learning_rate, "0.2")


@pytest.mark.parametrize("answer", ["D and E", "D, E", "DE", "d e", ["D", "E"]])
def test_wrong_fruit_reads_letters_in_words(answer, capsys):
    from nnlib.checks import level1

    level1.check_wrong_fruit(answer)
    assert "Well spotted" in capsys.readouterr().out


def test_checks_accept_an_instructors_seed(capsys):
    # the hidden tests draw other cases from a seed; the reference answers pass them
    import numpy as np

    from nnlib.checks import level2

    def mse(m, c, x, y):
        return np.mean((m * x + c - y) ** 2)

    for seed in (1, 2026):
        level2.check_mse(mse, seed=seed)
    assert capsys.readouterr().out.count("\u2714") == 2
