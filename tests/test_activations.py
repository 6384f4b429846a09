"""The activation functions g(z) and their derivatives g'(z) (nnlib.activations)."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nnlib


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
