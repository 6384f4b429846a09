"""PyTorch for the comparison tests (tests/test_against_torch*.py): the module if it is installed.

PyTorch is optional: without it the comparisons are skipped, saying why and how to
install the CPU build. In CI (CI=true) they must run: there tests/test_against_torch_ci.py
fails when PyTorch is missing (.ci/run installs the CPU build and says so in its output).
"""

import pytest

INSTALL = (".venv/bin/pip install torch==2.13.0+cpu --index-url https://download.pytorch.org/whl/cpu "
           "(the CPU build, about 190 MB; the +cpu pin never fetches a CUDA build, several GB)")
MISSING = f"PyTorch is not installed (optional; the CPU build: {INSTALL})"


def import_torch():
    """``torch``, or a module-level skip that says why and what to run."""
    try:
        import torch
    except ImportError:
        pytest.skip(MISSING, allow_module_level=True)
    return torch
