"""Run a solution notebook's check cells against blank stubs and typical mistakes.

The notebook's code cells run in order, in this process, in one namespace.
At each exercise (an answer cell with nbgrader ``solution: true`` and the
check cell after it with ``grade: true``), the namespace is snapshot and the
check runs against:

- ``solution``: the answer as written (must pass);
- ``blank``: the stub the exercise notebook has (must be rejected);
- every named mistake: the answer region replaced by wrong code (must be
  rejected, and the message must contain the expected words if given).

Where the check cell's hidden tests run the check on an instructor's seed
(``seed=``), each case is tried a second time with the hidden tests alone
(case name ending in ``HIDDEN``): the seeded cases must reject the same answers.

Then the real answer runs and the notebook goes on.
"""

import contextlib
import importlib
import inspect
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import nbformat
import numpy as np

from nnlib.checks import CheckFailed
from tools.exercises import BEGIN, END, HIDDEN_BEGIN, HIDDEN_END, code_stub, is_answer_cell, replace_regions

HIDDEN = " / hidden"  # suffix of a case tried with the check cell's hidden tests alone


@dataclass
class Exercise:
    grade_id: str
    answer: str  # the answer cell's source
    check: str  # the check cell's source


@dataclass
class Outcome:
    grade_id: str
    case: str  # "solution", "blank" or the mistake's name
    rejected: bool
    message: str
    error: str = ""  # an exception other than CheckFailed, if one escaped the check
    answer_error: str = ""  # the exception the answer cell itself raised, if any (the check still runs)


def exercises(nb):
    """(index of answer cell, Exercise) for every exercise, in order."""
    cells = nb.cells
    found = []
    for i, cell in enumerate(cells):
        if cell.cell_type != "code" or not is_answer_cell(cell):
            continue
        check = next((c for c in cells[i + 1:] if c.cell_type == "code"), None)
        if check is None or not check.metadata.get("nbgrader", {}).get("grade", False):
            raise AssertionError(
                f"answer cell {cell.metadata['nbgrader']['grade_id']} must be followed by a "
                "check cell with nbgrader grade: true"
            )
        found.append((i, Exercise(cell.metadata["nbgrader"]["grade_id"], cell.source, check.source)))
    return found


def seeded_hidden_tests(check):
    """The hidden tests of a check cell's source when they run the check on a seed, else None.

    They run it through ``nnlib.checks.hidden.run(level, check, ...)``, which passes the
    grading seed to every check that takes ``seed=``."""
    if HIDDEN_BEGIN not in check:
        return None
    part = check.split(HIDDEN_BEGIN, 1)[1].split(HIDDEN_END, 1)[0]
    found = re.search(r'hidden\.run\("(level\d)", "(\w+)"', part)
    if found is None:
        return part if "seed=" in part else None
    level, name = found.groups()
    fn = getattr(importlib.import_module(f"nnlib.checks.{level}"), name)
    return part if "seed" in inspect.signature(fn).parameters else None


NEXT_REGION = "# --- next region ---"


def with_mistake(answer, code):
    """The answer cell with its solution region(s) replaced by ``code``.

    Where an answer cell has several regions (say two function bodies), ``code`` may give each its own
    lines, separated by a line ``# --- next region ---``; without that line every region gets ``code``.
    """
    parts = code.split("\n" + NEXT_REGION + "\n")
    if len(parts) == 1:
        return replace_regions(answer, BEGIN, END, code.split("\n"))
    left = iter(parts)

    def next_part(body):
        try:
            return next(left).split("\n")
        except StopIteration:
            raise ValueError(f"the mistake gives {len(parts)} regions; the answer cell has more") from None

    out = replace_regions(answer, BEGIN, END, next_part)
    if next(left, None) is not None:
        raise ValueError(f"the mistake gives {len(parts)} regions; the answer cell has fewer")
    return out


def _snapshot(ns):
    out = {}
    for k, v in ns.items():
        if isinstance(v, np.ndarray):
            out[k] = v.copy()
        elif isinstance(v, list) and all(isinstance(x, np.ndarray) for x in v):
            out[k] = [x.copy() for x in v]
        else:
            out[k] = v
    return out


def _run(source, ns):
    exec(compile(source, "<cell>", "exec"), ns)


def _try_check(ex, answer_source, ns, case):
    trial = _snapshot(ns)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        answer_error = ""
        try:
            _run(answer_source, trial)
        except NotImplementedError:
            pass  # the blank stub: the check must still say something useful
        except Exception as exc:  # a mistake that crashes in its own cell: as under nbgrader, the check still runs
            answer_error = f"answer cell raised {type(exc).__name__}: {exc}"
        try:
            _run(ex.check, trial)
        except CheckFailed as exc:
            return Outcome(ex.grade_id, case, True, str(exc), answer_error=answer_error)
        except Exception as exc:
            return Outcome(ex.grade_id, case, False, "", f"check raised {type(exc).__name__}: {exc}"
                           + (f" (after the {answer_error})" if answer_error else ""), answer_error)
    return Outcome(ex.grade_id, case, False, buf.getvalue(), answer_error=answer_error)


def run_notebook(path, mistakes):
    """Every Outcome of the notebook at ``path``; ``mistakes`` maps grade_id -> {name: code}."""
    from IPython.display import display

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    answer_at = {i: ex for i, ex in exercises(nb)}
    ns = {"__name__": "__main__", "display": display}
    outcomes = []
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            if i in answer_at:
                ex = answer_at[i]
                hidden = seeded_hidden_tests(ex.check)
                trials = [(ex, "")] + ([(Exercise(ex.grade_id, ex.answer, hidden), HIDDEN)] if hidden else [])
                stub = replace_regions(ex.answer, BEGIN, END, code_stub(nb))  # the exercise's own stub
                for e, suffix in trials:
                    outcomes.append(_try_check(e, stub, ns, "blank" + suffix))
                    for name, spec in mistakes.get(ex.grade_id, {}).items():
                        code = spec[0] if isinstance(spec, tuple) else spec
                        outcomes.append(_try_check(e, with_mistake(ex.answer, code), ns, name + suffix))
                    outcomes.append(_try_check(e, ex.answer, ns, "solution" + suffix))
            with contextlib.redirect_stdout(io.StringIO()):
                _run(cell.source, ns)
            plt.close("all")
    finally:
        os.chdir(cwd)
    return outcomes


def grade_in_process(path, choices, appended=None):
    """{check grade_id: (passed, what it printed or its message)} for the notebook at ``path`` run top to bottom
    in this process, as nbgrader's autograder runs it (a cell's error does not stop the run), with the answers
    of ``choices`` (answer grade_id -> code of a mistake, as in tests/mistakes) in place of the solutions and
    the lines of ``appended`` (answer grade_id -> code) added at the end of those answer cells."""
    from IPython.display import display

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    ns = {"__name__": "__main__", "display": display}
    results = {}
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            meta = cell.metadata.get("nbgrader", {})
            source = cell.source
            if meta.get("solution") and meta.get("grade_id") in choices:
                source = with_mistake(source, choices[meta["grade_id"]])
            if meta.get("solution") and meta.get("grade_id") in (appended or {}):
                source = source + "\n" + appended[meta["grade_id"]] + "\n"
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                try:
                    _run(source, ns)
                    outcome = (True, buf.getvalue())
                except Exception as exc:  # noqa: BLE001 - every error of a cell, as the autograder records it
                    outcome = (False, f"{type(exc).__name__}: {exc}")
            if meta.get("grade"):
                results[meta["grade_id"]] = outcome
            plt.close("all")
    finally:
        os.chdir(cwd)
    return results
