"""Typical mistakes per exercise, which each check cell must reject: one module per notebook.

Each module defines NOTEBOOK (the solution notebook's path from the repository
root) and MISTAKES[grade_id of the answer cell][name]: the wrong code that
replaces the answer's solution region, or a pair (code, words) where the
check's message must contain ``words`` (case-insensitive), proof that the
feedback names the mistake rather than merely failing. The blank stub of
every exercise is tried as well, without being listed. A module may also
define RIGHT[grade_id][name]: answers in other correct forms, which must pass.
"""

import importlib
import pkgutil


def all_mistakes():
    """{notebook path: MISTAKES} gathered from every module of this package."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if module.NOTEBOOK in found:
            raise ValueError(f"two mistake modules name {module.NOTEBOOK}")
        found[module.NOTEBOOK] = module.MISTAKES
    return found


def all_right():
    """{notebook path: RIGHT} of every module of this package that lists answers in other correct forms."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if getattr(module, "RIGHT", None):
            found[module.NOTEBOOK] = module.RIGHT
    return found
