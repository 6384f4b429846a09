"""Gradient checking: numerical gradients, relative differences, verdicts (nnlib.gradcheck)."""

import re

import numpy as np
import pytest

import nnlib
from nnlib import network


def small_problem(sizes, m=7, seed=0):
    rng = np.random.default_rng(seed)
    thetas = nnlib.init_weights(sizes, seed=seed + 1)
    X = rng.normal(size=(m, sizes[0]))
    K = sizes[-1]
    y = rng.integers(0, 2, m) if K == 1 else rng.integers(0, K, m)
    return thetas, X, y


def test_gradient_check_catches_a_wrong_gradient(monkeypatch):
    thetas, X, y = small_problem([3, 4, 2], m=5)

    def broken(thetas, X, Y, lam):
        J, grads = network.backprop(thetas, X, Y, lam)
        grads[0] = grads[0] * 1.01  # a 1% error in one layer
        return J, grads

    monkeypatch.setattr("nnlib.gradcheck.backprop", broken)
    assert nnlib.gradient_check(thetas, X, y) > 1e-4


def test_report_difference_prints_a_verdict_that_holds_on_every_cpu(capsys):
    assert nnlib.report_difference("dJ/dTheta1", np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-12]))
    assert nnlib.report_difference("same", [np.eye(2)], [np.eye(2)])
    assert nnlib.report_difference("loose", np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-7]), tol=1e-6)
    assert not nnlib.report_difference("dJ/dTheta2", np.array([1.0, 2.0]), np.array([1.0, 2.5]))
    assert not nnlib.report_difference("shapes", np.ones((2, 3)), np.ones((3, 2)))
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "dJ/dTheta1     | relative difference < 1e-9 (tolerance 1e-7): OK"
    assert out[1] == "same           | relative difference < 1e-9 (tolerance 1e-7): OK"
    assert out[2] == "loose          | relative difference about 1e-8 (tolerance 1e-6): OK"
    assert out[3] == "dJ/dTheta2     | relative difference about 1e-1 (tolerance 1e-7): NOT CLOSE"
    assert "shapes differ: (2, 3) vs (3, 2)" in out[4] and "NOT CLOSE" in out[4]


@pytest.mark.parametrize("rel,words", [
    (0.0, "< 1e-9"), (3e-17, "< 1e-9"), (9.9e-10, "< 1e-9"), (2e-9, "about 1e-9"),
    (4e-6, "about 1e-5"), (2.9e-6, "about 1e-6"), (0.5, "about 1e0"),
])
def test_difference_verdict_never_shows_round_off(rel, words):
    text = nnlib.difference_verdict(rel)
    assert words in text and text.endswith("OK" if rel <= 1e-7 else "NOT CLOSE")
    assert not re.search(r"\d\.\d", text)  # a power of ten, never a figure like 7.8e-11


def test_relative_difference_is_scale_free_and_checks_shapes():
    a = [np.array([[3.0, 4.0]]), np.array([0.0])]
    assert nnlib.relative_difference(a, a) == 0.0
    assert nnlib.relative_difference(np.zeros(3), np.zeros(3)) == 0.0
    assert nnlib.relative_difference([1.0, 0.0], np.array([0.0, 1.0])) == pytest.approx(np.sqrt(2) / 2)
    big = [1e6 * x for x in a]
    b = [x * (1 + 1e-3) for x in a]
    assert nnlib.relative_difference(a, b) == pytest.approx(nnlib.relative_difference(big, [1e6 * x for x in b]))
    with pytest.raises(ValueError, match="shapes differ"):
        nnlib.relative_difference(np.ones((2, 3)), np.ones((3, 2)))
    with pytest.raises(ValueError, match="shapes differ"):
        nnlib.relative_difference([np.ones(2)], [np.ones(2), np.ones(1)])


def test_numerical_gradient_of_a_known_function():
    f = lambda ts: float(np.sum(ts[0] ** 3) + 2.0 * ts[1][0, 1])  # noqa: E731
    x = [np.array([1.0, -2.0, 0.5]), np.zeros((2, 2))]
    grads = nnlib.numerical_gradient(f, x, eps=np.float32(1e-4))
    np.testing.assert_allclose(grads[0], 3 * x[0] ** 2, rtol=1e-7)
    np.testing.assert_allclose(grads[1], [[0.0, 2.0], [0.0, 0.0]], atol=1e-9)
    assert np.array_equal(x[0], [1.0, -2.0, 0.5])  # f got a copy
