"""Level 1's friendly errors (nnlib.friendly): a child's typing slip gets one line that says what to type.

The messages are tested as plain functions (``explain``), then wired into an
IPython shell in this process, then in a real kernel run the way nbval and
JupyterLab run a notebook: the cell still fails with the same error name and
message, only the traceback lines change, and only for the learner's own slips.
"""

import types

import pytest

from nnlib import data, friendly
from nnlib.sorter import badge, try_dials

NAMESPACE = {"badge": badge, "try_dials": try_dials, "X": None, "y": None, "learn": None}


def error_of(code, namespace=None):
    """The exception ``code`` raises when compiled and run in a copy of ``namespace``."""
    try:
        exec(compile(code, "<cell>", "exec"), dict(NAMESPACE if namespace is None else namespace))
    except Exception as error:  # noqa: BLE001 - the error is what we want
        return error
    raise AssertionError(f"{code!r} ran without an error")


# (what the child typed, the line the message must show: what to type instead)
SLIPS = [
    ("says = orange", 'says = "orange"'),
    ('wrong = ["D", E]', 'wrong = ["D", "E"]'),
    ("wrong = [A, F]", 'wrong = ["A", "F"]'),
    ("lean_way = up", 'lean_way = "up"'),
    ('wrong = ["D" E]', 'wrong = ["D", "E"]'),  # a missing comma and a missing pair of quotes
    ("score = 0.5 x 8 + 1 x 6 - 9", "score = 0.5 * 8 + 1 * 6 - 9"),  # the lesson's x for times
    ("score = 2 x size", "score = 2 * size"),
    ("lean = \u221210.50", "lean = -10.50"),  # a readout's printed minus, pasted
    ("print(2 \u00d7 3)", "print(2 * 3)"),
    ("says = \u201corange\u201d", 'says = "orange"'),  # curly quotes from a word processor
    ('says = "orange', 'says = "orange"'),
    ("badge(X, y, 1, 0, -8", "badge(X, y, 1, 0, -8)"),
]


@pytest.mark.parametrize("typed,fixed", SLIPS)
def test_each_slip_gets_one_line_that_shows_what_to_type(typed, fixed):
    message = friendly.explain(error_of(typed), typed, NAMESPACE)
    assert message.startswith("Oops! ") and "\n" not in message
    assert message.endswith(fixed), message
    assert "Traceback" not in message and "Error" not in message
    # what it says to type runs (the names the lesson makes stand in for the real ones)
    exec(compile(fixed, "<fixed>", "exec"), {**NAMESPACE, "size": 7, "badge": lambda *a: None})


def test_a_slip_in_a_call_names_what_goes_in_the_brackets():
    message = friendly.explain(error_of("badge(1, 0, -8)"), "badge(1, 0, -8)", NAMESPACE)
    assert message == ("Oops! badge needs 5 things in its brackets, in this order: X, y, dial_size, dial_colour, "
                       "lean. You gave 3. Put them all back, with a comma between each two: "
                       "badge(X, y, dial_size, dial_colour, lean).")
    message = friendly.explain(error_of("badge(X, y, 0,5, 1, -9)"), "", NAMESPACE)
    assert "you gave 6" in message and "Write 0.5, not 0,5" in message


def test_an_unknown_name_is_spelling_or_a_cell_not_run_yet():
    message = friendly.explain(error_of("training = lern(X, y)"), "training = lern(X, y)", NAMESPACE)
    assert message.startswith("Oops! Python does not know lern. Did you mean learn?")
    message = friendly.explain(error_of("training = learn(X, y)", {}), "training = learn(X, y)", {})
    assert "does not know learn yet" in message and "run the cells above" in message
    assert "quote" not in message  # a function is not a word to put in quotes


def test_a_number_typed_as_a_word_gets_its_digits():
    from nnlib.guessing import SecretNumber

    namespace = {**NAMESPACE, "game": SecretNumber(seed=1)}
    message = friendly.explain(error_of("game.guess(fifty)", namespace), "game.guess(fifty)", namespace)
    assert message == ("Oops! Python does not know the word fifty: a number is typed with digits, like 50. "
                       "Type it like this:   game.guess(50)")
    message = friendly.explain(error_of("guesses_100 = Seven"), "guesses_100 = Seven", NAMESPACE)
    assert message.endswith("like 7. Type it like this:   guesses_100 = 7")  # not "seven" in quotes
    message = friendly.explain(error_of("x = hundred + one"), "x = hundred + one", NAMESPACE)
    assert message.endswith("x = 100 + 1") and "run the cells" not in message


@pytest.mark.parametrize("code", ["1 / 0", "if x = 3:\n    pass", "[1, 2][5]", "int('seven')"])
def test_other_errors_are_left_alone(code):
    assert friendly.explain(error_of(code), code, NAMESPACE) is None


# ---------------------------------------------------------------- in an IPython shell

@pytest.fixture
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    sh = InteractiveShell.instance()
    assert friendly.install(sh)
    yield sh
    friendly.uninstall(sh)
    InteractiveShell.clear_instance()


def run(shell, code, capsys):
    result = shell.run_cell(code)
    return result, capsys.readouterr().out


def test_the_shell_shows_the_friendly_line_and_the_cell_still_fails(shell, capsys):
    for typed, fixed in SLIPS[:1] + SLIPS[5:8]:
        result, out = run(shell, typed, capsys)
        assert not result.success
        assert out.strip().startswith("Oops! ") and out.strip().endswith(fixed), out
        assert "Traceback" not in out


def test_errors_inside_a_library_keep_their_traceback(shell, capsys):
    library = types.ModuleType("somelibrary")  # code that does not run in the notebook's namespace
    exec("def broken():\n    return missing_inside_the_library\n", library.__dict__)
    shell.user_ns["somelibrary"] = library
    result, out = run(shell, "somelibrary.broken()", capsys)
    assert not result.success and "Oops" not in out
    assert "NameError" in out and "missing_inside_the_library" in out and "broken" in out
    result, out = run(shell, "1 / 0", capsys)
    assert "ZeroDivisionError" in out and "Oops" not in out


def test_nnlibs_own_messages_are_unchanged(shell, capsys):
    shell.run_cell("from nnlib import data\nfrom nnlib.sorter import try_dials\nX, y = data.fruit()")
    capsys.readouterr()
    _, out = run(shell, 'try_dials(X, y, "1", 0, -8)', capsys)
    assert out.strip() == "Oops! dial_size must be a number, like 0.5; got '1' (write 1 without quotes)."


def test_uninstall_gives_the_usual_traceback_back(shell, capsys):
    friendly.uninstall(shell)
    _, out = run(shell, "says = orange", capsys)
    assert "Oops" not in out and "NameError" in out


def test_install_outside_ipython_does_nothing():
    assert friendly.install() is False  # pytest runs no IPython shell


# ---------------------------------------------------------------- in a kernel, as nbval runs a notebook

def test_in_a_kernel_the_error_keeps_its_name_and_message():
    import nbformat
    from nbclient import NotebookClient

    cells = ["from nnlib import friendly\nfriendly.install()", "says = orange", "score = 0.5 x 8", "1 / 0"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    for cell in nb.cells[1:]:
        cell.metadata["tags"] = ["raises-exception"]
    NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True).execute()
    errors = [[o for o in cell.outputs if o.output_type == "error"] for cell in nb.cells]
    assert errors[0] == []
    (name,), (syntax,), (zero,) = errors[1:]
    # nbval compares ename and evalue, not the traceback lines: the same as without friendly
    assert (name.ename, name.evalue) == ("NameError", "name 'orange' is not defined")
    assert name.traceback == ['Oops! Python does not know the word orange. A word you type as an answer goes in '
                              'quote marks, like this:   says = "orange"']
    assert syntax.ename == "SyntaxError" and syntax.traceback[0].endswith("score = 0.5 * 8")
    assert zero.ename == "ZeroDivisionError" and len(zero.traceback) > 1  # a real error keeps its traceback
    assert not [o for cell in nb.cells for o in cell.outputs if o.output_type == "stream" and o.name == "stderr"]


def test_the_fruit_of_the_lesson_give_a_friendly_line_for_missing_fruit():
    X, y = data.fruit()
    namespace = {**NAMESPACE, "X": X, "y": y}
    message = friendly.explain(error_of("badge(1, 0, -8)", namespace), "badge(1, 0, -8)", namespace)
    assert "in this order: X, y," in message
