"""Unit tests of nnlib's core: activations, forward, cost, backprop, gradient check, training."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nnlib
from nnlib import data
from nnlib import network


def small_problem(sizes, m=7, seed=0):
    rng = np.random.default_rng(seed)
    thetas = nnlib.init_weights(sizes, seed=seed + 1)
    X = rng.normal(size=(m, sizes[0]))
    K = sizes[-1]
    y = rng.integers(0, 2, m) if K == 1 else rng.integers(0, K, m)
    return thetas, X, y


# ---------------------------------------------------------------- activations

def test_sigmoid_known_values():
    assert nnlib.sigmoid(0) == 0.5
    assert nnlib.sigmoid_gradient(0) == 0.25
    assert nnlib.sigmoid(np.log(3)) == pytest.approx(0.75)
    assert isinstance(nnlib.sigmoid(1.0), float)


def test_sigmoid_saturates_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        z = np.array([-1000.0, -745.0, -40.0, 40.0, 1000.0])
        s, g = nnlib.sigmoid(z), nnlib.sigmoid_gradient(z)
    assert s[0] == 0.0 and s[-1] == 1.0
    assert s[2] == pytest.approx(np.exp(-40.0), rel=1e-12)  # relative accuracy in the tail
    assert g[0] == 0.0 and g[-1] == 0.0
    assert g[3] == pytest.approx(np.exp(-40.0), rel=1e-12)  # not rounded to 0 by 1 - g(z)


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=-700, max_value=700))
def test_sigmoid_symmetry_and_derivative(z):
    assert nnlib.sigmoid(-z) == pytest.approx(1 - nnlib.sigmoid(z), abs=1e-15)
    # g'(z) = g(z) (1 - g(z)) = g(z) g(-z); the second form keeps full precision
    assert nnlib.sigmoid_gradient(z) == pytest.approx(nnlib.sigmoid(z) * nnlib.sigmoid(-z), rel=1e-12, abs=1e-300)
    if abs(z) < 5:
        h = 1e-5
        numeric = (nnlib.sigmoid(z + h) - nnlib.sigmoid(z - h)) / (2 * h)
        assert nnlib.sigmoid_gradient(z) == pytest.approx(numeric, rel=1e-6, abs=1e-12)


@pytest.mark.parametrize("name", sorted(nnlib.ACTIVATIONS))
def test_activation_derivatives_match_numerical(name):
    g, dg = nnlib.ACTIVATIONS[name], nnlib.DERIVATIVES[name]
    z = np.array([-2.3, -0.7, 0.4, 1.9])  # away from kinks
    h = 1e-6
    numeric = (g(z + h) - g(z - h)) / (2 * h)
    np.testing.assert_allclose(dg(z), numeric, rtol=1e-6, atol=1e-9)
    assert g(z).shape == z.shape


def test_activation_rejects_nan_and_text():
    with pytest.raises(ValueError, match="NaN"):
        nnlib.sigmoid(np.array([0.0, np.nan]))
    with pytest.raises(TypeError, match="number"):
        nnlib.sigmoid("3")


# ---------------------------------------------------------------- weights and forward

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


# ---------------------------------------------------------------- cost

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


# ---------------------------------------------------------------- backprop

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


def test_gradient_check_catches_a_wrong_gradient(monkeypatch):
    thetas, X, y = small_problem([3, 4, 2], m=5)

    def broken(thetas, X, Y, lam):
        J, grads = network.backprop(thetas, X, Y, lam)
        grads[0] = grads[0] * 1.01  # a 1% error in one layer
        return J, grads

    monkeypatch.setattr("nnlib.gradcheck.backprop", broken)
    assert nnlib.gradient_check(thetas, X, y) > 1e-4


def test_compare_prints_a_verdict(capsys):
    assert nnlib.compare("dJ/dTheta1", np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-12]))
    assert not nnlib.compare("dJ/dTheta2", np.array([1.0, 2.0]), np.array([1.0, 2.5]))
    out = capsys.readouterr().out.splitlines()
    assert "close: True" in out[0] and "close: False" in out[1] and "max diff 5.0e-01" in out[1]


# ---------------------------------------------------------------- one-hot and training

def test_one_hot():
    np.testing.assert_array_equal(nnlib.one_hot([2, 0, 1], 3), [[0, 0, 1], [1, 0, 0], [0, 1, 0]])
    with pytest.raises(ValueError, match="1-based"):
        nnlib.one_hot([1, 2, 3], 3)


def test_train_lowers_the_cost_and_reaches_high_accuracy_on_fruit():
    X, y = data.fruit(n_per_class=30, seed=1)
    X = data.standardize(X)
    thetas = nnlib.init_weights([2, 1], seed=0)
    result = nnlib.train(thetas, X, y, learning_rate=1.0, iterations=300)
    assert result.iterations == 300
    assert result.history[-1] < 0.25 * result.history[0]
    assert all(b <= a + 1e-12 for a, b in zip(result.history, result.history[1:]))
    assert np.mean(nnlib.predict(result.thetas, X) == y) == 1.0


def test_train_callback_mini_batches_and_optimizer_plug_in():
    thetas, X, y = small_problem([3, 4, 3], m=40)
    seen = []
    result = nnlib.train(thetas, X, y, iterations=50, callback=lambda i, J, ts: seen.append(i) or i == 9)
    assert seen == list(range(10)) and result.iterations == 10
    mb1 = nnlib.train(thetas, X, y, iterations=5, batch_size=8, seed=2)
    mb2 = nnlib.train(thetas, X, y, iterations=5, batch_size=8, seed=2)
    assert mb1.history == mb2.history  # seeded shuffling: reproducible

    class Halving:
        def __init__(self):
            self.calls = 0

        def step(self, params, grads):
            self.calls += 1
            for t, g in zip(params, grads):
                t -= 0.5 * g

    opt = Halving()
    nnlib.train(thetas, X, y, iterations=3, batch_size=20, optimizer=opt)
    assert opt.calls == 6  # 2 mini-batches in each of 3 passes


def test_train_reports_divergence():
    X = np.array([[1.0e3], [-1.0e3]])
    with pytest.raises(FloatingPointError, match="smaller learning rate"):
        nnlib.train([np.array([[0.0, 0.0]])], X, [1, 0], learning_rate=1e308, iterations=5)


# ---------------------------------------------------------------- data

def test_fruit_is_seeded_separable_and_labelled():
    X, y = data.fruit(n_per_class=25, seed=7)
    X2, y2 = data.fruit(n_per_class=25, seed=7)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    assert X.shape == (50, 2) and sorted(set(y)) == [0, 1] and y.sum() == 25
    side = X[:, 1] + 0.5 * X[:, 0] - 9.0
    assert np.all((side > 0) == (y == 1))  # the documented line sorts every fruit
    assert X[y == 0, 0].mean() < X[y == 1, 0].mean()  # apples smaller
    Xo, yo = data.fruit(n_per_class=200, seed=7, separable=False)
    side = Xo[:, 1] + 0.5 * Xo[:, 0] - 9.0
    assert not np.all((side > 0) == (yo == 1))  # real fruit overlap a little


def test_digits_and_stratified_split():
    X, y = data.digits()
    assert X.shape == (1797, 64) and X.min() == 0.0 and X.max() == 1.0
    assert sorted(set(y)) == list(range(10))
    Xtr, Xte, ytr, yte = data.train_test_split(X, y, test_fraction=0.2, seed=0)
    assert len(Xtr) + len(Xte) == 1797
    assert abs(len(Xte) - 0.2 * 1797) < 10
    assert sorted(set(yte)) == list(range(10))
    Ztr, Zte = data.standardize(Xtr, Xte)
    assert np.allclose(Ztr.mean(axis=0), 0.0)


def test_a_network_learns_the_digits():
    X, y = data.digits()
    Xtr, Xte, ytr, yte = data.train_test_split(X, y, seed=0)
    Xtr, Xte = data.standardize(Xtr, Xte)
    result = nnlib.train(nnlib.init_weights([64, 25, 10], seed=0), Xtr, ytr,
                         learning_rate=4.0, iterations=150)
    assert np.mean(nnlib.predict(result.thetas, Xte) == yte) >= 0.95


def test_show_source_displays_the_library_code(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj))
    nnlib.show_source(nnlib.backprop)
    text = shown[0].data
    assert text.startswith("From `nnlib/network.py`:")
    assert "def backprop(thetas, X, Y, lam=0.0):" in text and text.rstrip().endswith("```")


def test_progress_bar_prints_every_n_steps_and_never_stops(capsys):
    X, y = nnlib.data.fruit()
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    seen = []
    bar = nnlib.ProgressBar(25, every=10, report=lambda step, ts: seen.append(step) or f"report {step}")
    result = nnlib.train(nnlib.init_weights([2, 1], seed=0), X, y, iterations=25, callback=bar)
    lines = capsys.readouterr().out.splitlines()
    assert result.iterations == 25 and seen == [10, 20, 25]
    assert [line.split(":")[0] for line in lines] == ["step 10", "step 20", "step 25"]
    assert lines[0] == f"step 10: cost {result.history[9]:.4f}, report 10"


def test_progress_bar_fills_its_widget_in_a_notebook(monkeypatch):
    import IPython

    monkeypatch.setattr(IPython, "get_ipython", lambda: object())  # as if in a kernel
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: None)
    bar = nnlib.ProgressBar(3, every=5)
    for it in range(3):
        bar(it, 1.0, None)
    assert bar.bar.value == 3 and bar.bar.max == 3 and "step 3 of 3" in bar.label.value


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "10"])
def test_progress_bar_checks_its_numbers(bad):
    with pytest.raises(ValueError, match="whole number"):
        nnlib.ProgressBar(bad)
    with pytest.raises(ValueError, match="every"):
        nnlib.ProgressBar(10, every=bad)
