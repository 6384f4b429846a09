"""Exercise check cells: generic helpers here, one module per level beside them.

A check cell in an exercise notebook calls a function from the module of its
level, e.g. ``from nnlib.checks import level1`` then ``level1.check_dials(...)``.
"""

from .core import CheckFailed, call, check_function, compare, describe, diagnose, passed, require

__all__ = ["CheckFailed", "call", "check_function", "compare", "describe", "diagnose", "passed", "require"]
