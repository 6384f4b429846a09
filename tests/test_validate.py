"""The shared input checks of nnlib._validate: what they accept and how they refuse."""

import numpy as np
import pytest

from nnlib import _validate as v


@pytest.mark.parametrize("value,want", [
    (3, 3), (np.int64(3), 3), (np.uint8(3), 3), (np.int32(1), 1), (3.0, 3), (1e3, 1000), (np.float32(4.0), 4),
    (np.array(5), 5),
])
def test_whole_number_accepts_python_and_numpy_integers(value, want):
    got = v.whole_number(value, "n")
    assert got == want and type(got) is int


@pytest.mark.parametrize("value,error,words", [
    (True, TypeError, "a bool"), (np.bool_(True), TypeError, "a bool"), (2.5, ValueError, "not a whole number"),
    ("3", TypeError, "str"), (None, TypeError, "NoneType"), (0, ValueError, "got 0"), (-2, ValueError, ">= 1"),
    (np.nan, ValueError, "not a whole number"), (np.inf, ValueError, "not a whole number"), (3 + 0j, TypeError, "complex"),
    ([3], TypeError, "list"), (np.array([3]), TypeError, "ndarray"),
])
def test_whole_number_refuses_clearly(value, error, words):
    with pytest.raises(error) as info:
        v.whole_number(value, "n")
    assert words in str(info.value) and str(info.value).startswith("n must be a whole number >= 1")


def test_whole_number_minimum_and_hint():
    assert v.whole_number(0, "iterations", minimum=0) == 0
    with pytest.raises(ValueError, match=r"iterations must be a whole number >= 0; got -1. Try 100."):
        v.whole_number(-1, "iterations", minimum=0, hint="Try 100.")


@pytest.mark.parametrize("value", [0.5, 1, np.float32(0.5), np.float64(2.0), np.int64(3), np.array(0.25)])
def test_positive_number_accepts_numpy_scalars(value):
    got = v.positive_number(value, "lr")
    assert got == pytest.approx(float(value)) and type(got) is float


@pytest.mark.parametrize("value,error,words", [
    (True, TypeError, "a bool"), ("0.1", TypeError, "str"), (0.1 + 0j, TypeError, "complex"),
    (np.complex64(1), TypeError, "complex"), (np.nan, ValueError, "finite"), (np.inf, ValueError, "finite"),
    (0, ValueError, "got 0.0"), (-0.1, ValueError, "positive"), (None, TypeError, "NoneType"), ([0.1], TypeError, "list"),
])
def test_positive_number_refuses_clearly(value, error, words):
    with pytest.raises(error) as info:
        v.positive_number(value, "lr")
    assert words in str(info.value) and "lr must be a positive number such as 0.1" in str(info.value)


def test_a_wrong_kind_is_also_a_value_error():
    assert issubclass(v.WrongKindError, TypeError) and issubclass(v.WrongKindError, ValueError)


def test_random_generator_from_seeds():
    assert v.random_generator(3).integers(1000) == np.random.default_rng(3).integers(1000)
    gen = np.random.default_rng(1)
    assert isinstance(v.random_generator(gen), np.random.Generator)
    assert isinstance(v.random_generator(None), np.random.Generator)
    for bad in ("x", -1, 1.5, True):
        with pytest.raises(ValueError, match="seed must be a whole number >= 0"):
            v.random_generator(bad)


def test_as_float_array_never_drops_an_imaginary_part():
    with pytest.raises(TypeError, match="complex"):
        v.as_float_array([1.0, 2.0 + 1e-300j], "X")
    with pytest.raises(TypeError, match="complex"):
        v.as_float_array(np.array([1, 1j], dtype=object), "X")
    np.testing.assert_array_equal(v.as_float_array([True, False], "X"), [1.0, 0.0])
