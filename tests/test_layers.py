"""nnlib.layers: every forward/backward pair against numerical differences, plus shapes and errors."""

import numpy as np
import pytest

import nnlib
from nnlib import layers
from nnlib.gradcheck import numerical_gradient, relative_difference


def _rng(seed=0):
    return np.random.default_rng(seed)


def test_affine_forward_is_the_level3_product_with_a_bias_column():
    rng = _rng()
    a, theta = rng.normal(size=(5, 3)), rng.normal(size=(4, 4))
    z, cache = layers.affine_forward(a, theta)
    by_hand = np.hstack([np.ones((5, 1)), a]) @ theta.T
    assert z.shape == (5, 4)
    np.testing.assert_allclose(z, by_hand, rtol=1e-13, atol=1e-13)
    assert cache[0] is not None and cache[1].shape == (4, 4)


def test_affine_is_a_layer_of_nnlib_forward():
    rng = _rng(1)
    thetas = nnlib.init_weights([3, 4, 2], seed=1)
    X = rng.normal(size=(6, 3))
    z2, _ = layers.affine_forward(X, thetas[0])
    a2, _ = layers.sigmoid_forward(z2)
    z3, _ = layers.affine_forward(a2, thetas[1])
    h, _ = layers.sigmoid_forward(z3)
    np.testing.assert_allclose(h, nnlib.forward(thetas, X).h, rtol=1e-12)


# One scalar loss J = sum(out * W) with a fixed random W, so that dJ/dout = W.
PAIRS = {
    "sigmoid": (layers.sigmoid_forward, layers.sigmoid_backward),
    "tanh": (layers.tanh_forward, layers.tanh_backward),
    "relu": (layers.relu_forward, layers.relu_backward),
}


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_activation_layer_backward_matches_numerical(name):
    fwd, bwd = PAIRS[name]
    rng = _rng(2)
    z = rng.normal(size=(4, 5))
    z[np.abs(z) < 1e-3] = 0.5  # keep ReLU away from its kink
    W = rng.normal(size=(4, 5))
    out, cache = fwd(z)
    dz = bwd(W, cache)
    num = numerical_gradient(lambda ps: np.sum(fwd(ps[0])[0] * W), [z])[0]
    assert dz.shape == z.shape
    assert relative_difference(dz, num) < 1e-9


def test_affine_backward_matches_numerical_for_a_and_theta():
    rng = _rng(3)
    a, theta, W = rng.normal(size=(5, 3)), rng.normal(size=(4, 4)), rng.normal(size=(5, 4))
    _, cache = layers.affine_forward(a, theta)
    da, dtheta = layers.affine_backward(W, cache)
    num_a, num_theta = numerical_gradient(lambda ps: np.sum(layers.affine_forward(ps[0], ps[1])[0] * W), [a, theta])
    assert da.shape == a.shape and dtheta.shape == theta.shape
    assert relative_difference(da, num_a) < 1e-9
    assert relative_difference(dtheta, num_theta) < 1e-9
    np.testing.assert_allclose(dtheta[:, 0], W.sum(axis=0), rtol=1e-13)  # bias: summed over examples


@pytest.mark.parametrize("one_hot", [False, True])
def test_softmax_cross_entropy_value_and_gradient(one_hot):
    rng = _rng(4)
    s, y = rng.normal(size=(6, 4)), rng.integers(0, 4, size=6)
    target = np.eye(4)[y] if one_hot else y
    J, ds = layers.softmax_cross_entropy(s, target)
    p = np.exp(s) / np.exp(s).sum(axis=1, keepdims=True)
    assert J == pytest.approx(-np.mean(np.log(p[np.arange(6), y])), rel=1e-13)
    num = numerical_gradient(lambda ps: layers.softmax_cross_entropy(ps[0], target)[0], [s])[0]
    assert ds.shape == s.shape
    assert relative_difference(ds, num) < 1e-9
    np.testing.assert_allclose(ds.sum(axis=1), 0, atol=1e-15)  # outputs coupled: each row sums to 1


def test_softmax_is_stable_for_huge_scores_and_shift_invariant():
    s = np.array([[1000.0, 1001.0, 999.0], [-1000.0, -1000.0, -998.0]])
    with np.errstate(all="raise"):
        J, ds = layers.softmax_cross_entropy(s, [1, 2])
        p = layers.softmax(s)
    assert np.isfinite(J) and np.all(np.isfinite(ds))
    np.testing.assert_allclose(p, layers.softmax(s - 1000 * np.sign(s)), rtol=1e-12)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-15)


def test_two_class_softmax_is_the_sigmoid_of_the_difference():
    rng = _rng(5)
    s = rng.normal(size=(10, 2)) * 3
    p = layers.softmax(s)
    np.testing.assert_allclose(p[:, 1], nnlib.sigmoid(s[:, 1] - s[:, 0]), rtol=1e-13)


def test_relu_gradient_at_zero_is_zero():
    _, cache = layers.relu_forward(np.array([[-1.0, 0.0, 2.0]]))
    np.testing.assert_array_equal(layers.relu_backward(np.ones((1, 3)), cache), [[0.0, 0.0, 1.0]])


@pytest.mark.parametrize("call,words", [
    (lambda: layers.affine_forward(np.ones((3, 2)), np.ones((4, 2))), "missing its bias column"),
    (lambda: layers.affine_forward(np.ones((3, 2)), np.ones((3, 4))), "transposed"),
    (lambda: layers.affine_forward(np.ones(3), np.ones((4, 4))), "reshape(1, -1)"),
    (lambda: layers.affine_forward(np.ones((3, 2)), np.full((4, 3), np.nan)), "NaN"),
    (lambda: layers.affine_backward(np.ones((3, 5)), layers.affine_forward(np.ones((3, 2)), np.ones((4, 3)))[1]),
     "shape of the forward's output"),
    (lambda: layers.sigmoid_backward(np.ones((2, 2)), layers.sigmoid_forward(np.ones((2, 3)))[1]), "shape"),
    (lambda: layers.softmax_cross_entropy(np.ones((3, 4)), [0, 1, 4]), "labels 0..3"),
    (lambda: layers.softmax_cross_entropy(np.ones((3, 4)), [0, 1]), "3 examples but y has 2"),
    (lambda: layers.softmax_cross_entropy(np.ones((3, 1)), [0, 1, 0]), "two classes"),
    (lambda: layers.softmax_cross_entropy(np.ones((3, 4)), np.ones((4, 3))), "transposed"),
    (lambda: layers.softmax_cross_entropy("scores", [0]), "numbers"),
])
def test_bad_input_gets_a_teaching_message(call, words):
    with pytest.raises((ValueError, TypeError)) as info:
        call()
    assert words.lower() in str(info.value).lower()


def test_layers_do_not_modify_their_inputs():
    rng = _rng(6)
    a, theta, dz = rng.normal(size=(3, 2)), rng.normal(size=(4, 3)), rng.normal(size=(3, 4))
    keep = [x.copy() for x in (a, theta, dz)]
    _, cache = layers.affine_forward(a, theta)
    layers.affine_backward(dz, cache)
    for x, k in zip((a, theta, dz), keep):
        np.testing.assert_array_equal(x, k)
