"""The network of the lessons: weights, forward pass, cost, backprop (nnlib.network)."""

import numpy as np
import pytest

import nnlib


def small_problem(sizes, m=7, seed=0):
    rng = np.random.default_rng(seed)
    thetas = nnlib.init_weights(sizes, seed=seed + 1)
    X = rng.normal(size=(m, sizes[0]))
    K = sizes[-1]
    y = rng.integers(0, 2, m) if K == 1 else rng.integers(0, K, m)
    return thetas, X, y


def test_init_weights_shapes_range_and_seed():
    thetas = nnlib.init_weights([64, 25, 10], seed=3)
    assert [t.shape for t in thetas] == [(25, 65), (10, 26)]
    for t, (s_in, s_out) in zip(thetas, [(64, 25), (25, 10)]):
        eps = np.sqrt(6) / np.sqrt(s_in + s_out)
        assert np.abs(t).max() <= eps
        assert np.abs(t).max() > 0.9 * eps  # really spread over the range
    again = nnlib.init_weights([64, 25, 10], seed=3)
    assert all(np.array_equal(a, b) for a, b in zip(thetas, again))
    other = nnlib.init_weights([64, 25, 10], seed=4)
    assert not np.array_equal(thetas[0], other[0])


def test_forward_matches_the_equations_by_hand():
    theta1 = np.array([[0.1, 0.3, -0.2], [-0.4, 0.5, 0.6]])
    theta2 = np.array([[0.2, -0.7, 0.9]])
    X = np.array([[1.0, 2.0], [0.5, -1.0]])
    fp = nnlib.forward([theta1, theta2], X)
    a1 = np.hstack([np.ones((2, 1)), X])
    z2 = a1 @ theta1.T
    a2 = np.hstack([np.ones((2, 1)), 1 / (1 + np.exp(-z2))])
    z3 = a2 @ theta2.T
    np.testing.assert_allclose(fp.a[1], a1)
    np.testing.assert_allclose(fp.z[2], z2)
    np.testing.assert_allclose(fp.a[2], a2)
    np.testing.assert_allclose(fp.z[3], z3)
    np.testing.assert_allclose(fp.h, 1 / (1 + np.exp(-z3)))
    assert fp.L == 3
    assert "a[2] (2, 3)" in repr(fp)
    np.testing.assert_allclose(nnlib.predict_proba([theta1, theta2], X), fp.h)
    np.testing.assert_array_equal(nnlib.predict([theta1, theta2], X), (fp.h[:, 0] >= 0.5).astype(int))


def test_predict_picks_most_active_output():
    theta = np.array([[0.0, 1.0], [0.0, -1.0], [0.5, 0.0]])  # 1 input, 3 outputs
    X = np.array([[3.0], [-3.0], [0.0]])
    np.testing.assert_array_equal(nnlib.predict([theta], X), [0, 1, 2])


def test_cost_of_all_half_outputs_is_K_log_2():
    for K in (1, 3, 10):
        thetas = [np.zeros((4, 6)), np.zeros((K, 5))]
        X = np.random.default_rng(0).normal(size=(9, 5))
        y = np.arange(9) % K if K > 1 else np.arange(9) % 2
        assert nnlib.cost(thetas, X, y) == pytest.approx(K * np.log(2), rel=1e-12)


def test_cost_matches_the_textbook_formula_and_regularization_skips_bias():
    thetas, X, y = small_problem([3, 4, 3], m=6)
    Y = nnlib.one_hot(y, 3)
    h = nnlib.forward(thetas, X).h
    plain = -np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h)) / 6
    assert nnlib.cost(thetas, X, Y) == pytest.approx(plain, rel=1e-12)
    lam = 0.9
    reg = lam / (2 * 6) * sum(np.sum(t[:, 1:] ** 2) for t in thetas)
    assert nnlib.cost(thetas, X, Y, lam) == pytest.approx(plain + reg, rel=1e-12)
    bumped = [t.copy() for t in thetas]
    bumped[0][:, 0] += 5.0  # bias weights change the outputs, not the penalty
    penalty = nnlib.cost(bumped, X, Y, lam) - nnlib.cost(bumped, X, Y)
    assert penalty == pytest.approx(reg, rel=1e-12)


def test_cost_stays_finite_when_outputs_saturate():
    theta = [np.array([[0.0, 800.0]])]
    X = np.array([[1.0], [-1.0]])
    # h rounds to exactly 1 and 0: both examples are as wrong as can be
    J = nnlib.cost(theta, X, np.array([0, 1]))
    assert np.isfinite(J) and J == pytest.approx(800.0)
    assert nnlib.cost(theta, X, np.array([1, 0])) == pytest.approx(0.0, abs=1e-300)


NETWORKS = {
    "one output": [3, 5, 1],
    "several outputs": [4, 5, 3],
    "two hidden layers, K = 3": [3, 4, 4, 3],
    "three hidden layers": [2, 3, 4, 3, 2],
    "no hidden layer": [5, 3],
}


@pytest.mark.parametrize("lam", [0.0, 1.3])
@pytest.mark.parametrize("name", list(NETWORKS))
def test_backprop_matches_numerical_gradient(name, lam):
    thetas, X, y = small_problem(NETWORKS[name], m=8)
    J, grads = nnlib.backprop(thetas, X, y, lam)
    assert J == pytest.approx(nnlib.cost(thetas, X, y, lam), rel=1e-12)
    assert [g.shape for g in grads] == [t.shape for t in thetas]
    numeric = nnlib.numerical_gradient(lambda ts: nnlib.cost(ts, X, y, lam), thetas)
    assert nnlib.relative_difference(grads, numeric) < 1e-8
    assert nnlib.gradient_check(thetas, X, y, lam) < 1e-8


def test_backprop_bias_gradient_is_not_regularized():
    thetas, X, y = small_problem([3, 4, 2], m=5)
    _, g0 = nnlib.backprop(thetas, X, y, 0.0)
    _, g1 = nnlib.backprop(thetas, X, y, 2.0)
    for t, a, b in zip(thetas, g0, g1):
        np.testing.assert_allclose(b[:, 0], a[:, 0])
        np.testing.assert_allclose(b[:, 1:] - a[:, 1:], 2.0 / 5 * t[:, 1:])


def test_backprop_does_not_modify_inputs():
    thetas, X, y = small_problem([3, 4, 2], m=5)
    before = [t.copy() for t in thetas], X.copy()
    nnlib.backprop(thetas, X, y, 1.0)
    assert all(np.array_equal(a, b) for a, b in zip(before[0], thetas))
    assert np.array_equal(before[1], X)


def test_labels_and_one_hot_give_the_same_result():
    thetas, X, y = small_problem([3, 4, 3], m=6)
    J1, g1 = nnlib.backprop(thetas, X, y)
    J2, g2 = nnlib.backprop(thetas, X, nnlib.one_hot(y, 3))
    assert J1 == J2 and all(np.array_equal(a, b) for a, b in zip(g1, g2))


def test_one_hot():
    np.testing.assert_array_equal(nnlib.one_hot([2, 0, 1], 3), [[0, 0, 1], [1, 0, 0], [0, 1, 0]])
    with pytest.raises(ValueError, match="1-based"):
        nnlib.one_hot([1, 2, 3], 3)


def test_show_source_displays_the_library_code(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    nnlib.show_source(nnlib.backprop)
    text = shown[0].data
    assert text.startswith("From `nnlib/network.py`:")
    assert "def backprop(thetas, X, Y, lam=0.0):" in text and text.rstrip().endswith("```")
