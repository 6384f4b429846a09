"""Level 1's exercise notebook as a child meets it, in a real kernel: no red box they cannot read.

The notebook's first cell installs nnlib.friendly as the lesson does; its answer stubs have no
``raise`` line (a blank answer is None, which the checks call "Not yet!"). The slips a child makes
(a word without quotes, a missing comma, x for times, a printed minus, curly quotes, a missing
bracket) are typed into the answer cells themselves: each gets one Oops! line or one check message,
never a Python traceback.
"""

from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
EXERCISE = ROOT / "exercises" / "01_kid.ipynb"

# grade_id of an answer cell: the answers typed there in turn, each followed by the check cell
SLIPS = {
    "score_answer": ['score = 0.5 x 8 + 1 x 6 - 9\nsays = "orange"',  # the lesson's x for times
                     'score = 0.5 * 8 + 1 * 6 - 9\nsays = orange',  # a word without quotes
                     'score = 0.5 * 8 + 1 * 6 \u2212 9\nsays = "orange"',  # a printed minus, pasted
                     'score = 0.5 * 8 + 1 * 6 - 9\nsays = \u201corange\u201d',  # curly quotes
                     'score = 0.5 \u00d7 8 + 1 \u00d7 6 - 9\nsays = "orange"'],
    "wrong_fruit_answer": ['wrong = [D, E]', 'wrong = ["D" "E"]', 'wrong = ["D", "E"'],  # quotes, comma, bracket
    "nudge_answer": ['size_dial_way = down\ncolour_dial_way = "down"\nlean_way = "down"'],
    "dials_answer": ['dial_size = 1\ndial_colour = 1\nlean = \u221213'],
}


def answer_and_check_cells(nb):
    """[(answer cell, check cell)] of the exercise notebook, in order."""
    cells = [c for c in nb.cells if c.cell_type == "code"]
    return [(c, cells[i + 1]) for i, c in enumerate(cells) if c.metadata.get("nbgrader", {}).get("solution")]


def run(cells):
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "language": "python",
                                                           "display_name": "Python 3"}})
    nb.cells = cells
    NotebookClient(nb, timeout=180, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(EXERCISE.parent)}}).execute()
    return nb.cells


def errors(cell):
    return [o for o in cell.outputs if o.output_type == "error"]


@pytest.fixture(scope="module")
def exercise():
    return nbformat.read(EXERCISE, as_version=4)


def test_the_first_code_cell_installs_the_friendly_errors(exercise):
    first = next(c for c in exercise.cells if c.cell_type == "code")
    assert "friendly.install()" in first.source


def test_no_answer_stub_raises(exercise):
    for answer, _ in answer_and_check_cells(exercise):
        assert "raise" not in answer.source and "NotImplementedError" not in answer.source, answer.source
        assert "None" in answer.source  # what the child replaces


@pytest.fixture(scope="module")
def slipped(exercise):
    """(label, cell) of every cell run: the notebook top to bottom, each slip typed into its answer cell."""
    labelled = []
    pairs = {id(a): c for a, c in answer_and_check_cells(exercise)}
    checks = {id(c) for c in pairs.values()}
    for cell in exercise.cells:
        if cell.cell_type != "code" or id(cell) in checks:
            continue
        gid = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if id(cell) in pairs:
            labelled.append((f"{gid} blank", nbformat.v4.new_code_cell(cell.source)))
            labelled.append((f"{gid} blank check", nbformat.v4.new_code_cell(pairs[id(cell)].source)))
            for k, typed in enumerate(SLIPS.get(gid, [])):
                labelled.append((f"{gid} slip {k}: {typed!r}", nbformat.v4.new_code_cell(cell.source + "\n" + typed)))
                labelled.append((f"{gid} slip {k} check", nbformat.v4.new_code_cell(pairs[id(cell)].source)))
        else:
            labelled.append(("setup", nbformat.v4.new_code_cell(cell.source)))
    return list(zip([label for label, _ in labelled], run([c for _, c in labelled])))


def test_a_blank_answer_runs_and_its_check_says_not_yet(slipped):
    for label, cell in slipped:
        if label.endswith("blank"):
            assert not errors(cell), (label, errors(cell))
        elif label.endswith("blank check"):
            [error] = errors(cell)
            assert error.ename == "CheckFailed" and error.traceback[0].startswith("\u2718 Not yet!"), (label, error)


def test_every_slip_gets_one_line_a_child_can_read(slipped):
    seen = 0
    for label, cell in slipped:
        if label == "setup":
            assert not errors(cell), (label, errors(cell))
            continue
        if " slip " not in label:
            continue
        for error in errors(cell):
            seen += 1
            assert len(error.traceback) <= 2, (label, error.traceback)  # no Python frames
            text = " ".join(error.traceback)
            assert text.startswith(("Oops!", "\u2718")), (label, text)
            assert "Traceback" not in text and "File " not in text, (label, text)
    # every answer with a slip fails, in its own cell or at its check
    assert seen >= sum(len(v) for v in SLIPS.values())


def test_each_slip_in_an_answer_cell_says_what_to_type(slipped):
    said = {label: " ".join(e.traceback[0] for e in errors(cell)) for label, cell in slipped}
    assert said["score_answer slip 0: 'score = 0.5 x 8 + 1 x 6 - 9\\nsays = \"orange\"'"].endswith(
        "score = 0.5 * 8 + 1 * 6 - 9")
    assert said["score_answer slip 1: 'score = 0.5 * 8 + 1 * 6 - 9\\nsays = orange'"].endswith('says = "orange"')
    assert said["wrong_fruit_answer slip 0: 'wrong = [D, E]'"].endswith('wrong = ["D", "E"]')
    assert "comma" in said["wrong_fruit_answer slip 1 check"]  # ["D" "E"] is Python's "DE": the check names it
    assert said["wrong_fruit_answer slip 2: 'wrong = [\"D\", \"E\"'"].endswith('wrong = ["D", "E"]')
    assert said["dials_answer slip 0: 'dial_size = 1\\ndial_colour = 1\\nlean = \u221213'"].endswith("lean = -13")
