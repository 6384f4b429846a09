"""nnlib.fast, the twin that training runs, gives the numbers of the lesson's nnlib.backprop."""

import numpy as np
import pytest

import nnlib
from nnlib import fast

SHAPES = {
    "one output": [3, 5, 1],
    "several outputs": [4, 6, 3],
    "no hidden layer": [5, 4],
    "two hidden layers": [3, 7, 4, 5],
    "digits-sized": [64, 25, 10],
}


def problem(sizes, m, seed):
    rng = np.random.default_rng(seed)
    thetas = [2.0 * t for t in nnlib.init_weights(sizes, seed=seed)]  # larger weights: non-trivial g'
    X = rng.normal(size=(m, sizes[0]))
    K = sizes[-1]
    y = rng.integers(0, 2 if K == 1 else K, m)
    return thetas, X, y


@pytest.mark.parametrize("labels", [True, False], ids=["labels", "one-hot"])
@pytest.mark.parametrize("lam", [0.0, 0.7, 5.0])
@pytest.mark.parametrize("name", list(SHAPES))
def test_fast_backprop_equals_the_textbook_one(name, lam, labels):
    sizes = SHAPES[name]
    thetas, X, y = problem(sizes, m=37, seed=len(sizes) + int(10 * lam))
    Y = y if labels else (nnlib.one_hot(y, sizes[-1]) if sizes[-1] > 1 else y.reshape(-1, 1))
    J, grads = nnlib.backprop(thetas, X, Y, lam)
    J_fast, grads_fast = fast.backprop(thetas, X, Y, lam)
    assert J_fast == pytest.approx(J, rel=1e-12)
    assert J == pytest.approx(nnlib.cost(thetas, X, Y, lam), rel=1e-15)
    assert [g.shape for g in grads_fast] == [t.shape for t in thetas]
    assert nnlib.relative_difference(grads_fast, grads) < 1e-12
    for g, gf in zip(grads, grads_fast):
        np.testing.assert_allclose(gf, g, rtol=1e-9, atol=1e-14 * np.abs(g).max())


def test_the_textbook_backprop_is_right_so_the_fast_one_is_too():
    thetas, X, y = problem([3, 4, 3], m=9, seed=5)
    _, grads = nnlib.backprop(thetas, X, y, 0.3)
    numeric = nnlib.numerical_gradient(lambda ts: nnlib.cost(ts, X, y, 0.3), thetas)
    assert nnlib.relative_difference(grads, numeric) < 1e-8


def test_fast_backprop_leaves_its_inputs_alone():
    thetas, X, y = problem([3, 4, 2], m=6, seed=1)
    before = [t.copy() for t in thetas], X.copy()
    fast.backprop(thetas, X, y, 1.0)
    assert all(np.array_equal(a, b) for a, b in zip(before[0], thetas)) and np.array_equal(before[1], X)


def test_both_costs_stay_finite_and_agree_when_the_output_saturates():
    theta = [np.array([[0.0, 800.0]]), ]
    X = np.array([[1.0], [-1.0]])
    for y, want in (([0, 1], 800.0), ([1, 0], 0.0)):
        assert nnlib.cost(theta, X, y) == pytest.approx(want, abs=1e-300)
        assert fast.backprop(theta, X, y)[0] == pytest.approx(want, abs=1e-300)


def test_cost_is_inf_not_nan_when_z_overflows():
    theta = [np.array([[0.0, 1e308]])]
    X = np.array([[10.0], [-10.0]])  # z = +-1e309: overflows to +-inf
    with np.errstate(over="ignore"):
        assert nnlib.cost(theta, X, [1, 0]) == 0.0  # right and sure
        assert nnlib.cost(theta, X, [0, 1]) == np.inf  # wrong and sure
        assert fast.backprop(theta, X, [1, 0])[0] == 0.0
        assert fast.backprop(theta, X, [0, 1])[0] == np.inf


@pytest.mark.parametrize("scale", [5.0, 50.0])
def test_fast_equals_textbook_when_units_saturate(scale):
    # large weights push sigmoids to 0 or 1, where a (1 - a) and the exact g'(z) round differently
    rng = np.random.default_rng(0)
    thetas = [scale * t for t in nnlib.init_weights([10, 8, 6, 3], seed=1)]
    X, y = rng.normal(size=(40, 10)), rng.integers(0, 3, 40)
    J, grads = nnlib.backprop(thetas, X, y, 0.5)
    J_fast, grads_fast = fast.backprop(thetas, X, y, 0.5)
    assert J_fast == pytest.approx(J, rel=1e-12)
    assert nnlib.relative_difference(grads_fast, grads) < 1e-12
