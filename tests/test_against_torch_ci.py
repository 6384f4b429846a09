"""In CI (CI=true) the comparisons with PyTorch must run: this fails when PyTorch is missing.

Elsewhere PyTorch is optional and tests/test_against_torch*.py skip without it, saying why.
The rest of the suite runs either way.
"""

import importlib.util
import os

import pytest

from tests.torch_reference import MISSING


def test_pytorch_is_installed_in_ci():
    if os.environ.get("CI", "").lower() != "true":
        pytest.skip("only in CI (CI=true), where the comparisons with PyTorch must run")
    if importlib.util.find_spec("torch") is None:
        pytest.fail(f"CI=true but {MISSING}: the comparisons with PyTorch were skipped. .ci/run installs the "
                    "CPU build; its [ci] lines say why it could not.", pytrace=False)
    import torch

    assert torch.tensor([1.0], dtype=torch.float64).dtype == torch.float64
