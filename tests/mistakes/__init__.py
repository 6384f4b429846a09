"""Typical mistakes per exercise, which each check cell must reject: one module per notebook.

Each module defines NOTEBOOK (the solution notebook's path from the repository
root) and MISTAKES[grade_id of the answer cell][name]: the wrong code that
replaces the answer's solution region, or a pair (code, words) where the
check's message must contain ``words`` (case-insensitive), proof that the
feedback names the mistake rather than merely failing. The blank stub of
every exercise is tried as well, without being listed.

A module may also define RIGHT[grade_id][name]: the code of an answer in
another correct form, which must pass its check.
"""

import importlib
import pkgutil


def _modules():
    seen = set()
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if module.NOTEBOOK in seen:
            raise ValueError(f"two mistake modules name {module.NOTEBOOK}")
        seen.add(module.NOTEBOOK)
        yield module


def all_mistakes():
    """{notebook path: MISTAKES} gathered from every module of this package."""
    return {module.NOTEBOOK: module.MISTAKES for module in _modules()}


def all_right():
    """{notebook path: RIGHT} of the modules of this package that list answers in other correct forms."""
    return {module.NOTEBOOK: module.RIGHT for module in _modules() if getattr(module, "RIGHT", None)}
