"""The hidden tests of a check cell: a fresh copy of the checks, on cases the student never saw.

Every check cell of the solution notebooks ends with the same two lines between
nbgrader's ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS`` (removed from
the students' release, put back when nbgrader grades)::

    from nnlib.checks import hidden
    hidden.run("level2", "check_mse", mse)

``run`` imports the level's checks afresh (code in the notebook cannot have
replaced them) and calls the check on the same answers, with ``seed=`` the
grading seed when the check takes one: its cases are then drawn from that seed.

The grading seed: ``python3 course.py grade`` sets the environment variable
``NNLIB_GRADING_SEED`` for each student (derived from the class's secret and the
student's id, never shown to students); each check gets its own seed from it.
Without the variable (a student's own run, the course's tests) the seed is
DEFAULT_SEED.
"""

import hashlib
import importlib
import inspect
import os

#: The seed of the hidden tests when no grading seed is set (the course's own tests use it).
DEFAULT_SEED = 2026

#: The environment variable through which the grading command passes a student's seed.
ENVIRONMENT = "NNLIB_GRADING_SEED"


def seed(check):
    """The seed of the hidden tests of ``check`` (a check's name, e.g. "check_mse")."""
    secret = os.environ.get(ENVIRONMENT, "").strip()
    if not secret:
        return DEFAULT_SEED
    digest = hashlib.sha256(f"{secret}:{check}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 2 ** 31


def fresh(level):
    """The module ``nnlib.checks.<level>`` imported afresh (its check functions as the file has them)."""
    module = importlib.import_module(f"nnlib.checks.{level}")
    return importlib.reload(module)


def run(level, check, *answers, **named):
    """Run ``check`` of ``level`` (fresh) on ``answers``, with the grading seed where the check takes one."""
    __tracebackhide__ = True
    fn = getattr(fresh(level), check)
    if "seed" in inspect.signature(fn).parameters:
        return fn(*answers, **named, seed=seed(check))
    return fn(*answers, **named)
