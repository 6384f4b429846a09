"""Tests of nnlib.viz.gallery: digit grids and hidden units drawn as images."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib.viz import gallery  # noqa: E402
from nnlib.viz.plots import COLORS  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def image_axes(fig):
    return [ax for ax in fig.axes if ax.images]


def test_unit_images_drops_bias_and_keeps_pixel_order():
    theta = np.arange(3 * 65, dtype=float).reshape(3, 65)
    images = gallery.unit_images(theta)
    assert images.shape == (3, 8, 8)
    # unit 2, pixel (row 1, column 2) is input x_(1*8 + 2 + 1) = column 11 of theta
    assert images[1, 1, 2] == theta[1, 11]
    assert images[0, 0, 0] == theta[0, 1]  # the bias theta[0, 0] is left out
    assert not np.isin(theta[:, 0], images).any()


def test_unit_images_other_shape():
    theta = np.ones((2, 7))
    assert gallery.unit_images(theta, shape=(2, 3)).shape == (2, 2, 3)


@pytest.mark.parametrize("theta, words", [
    (np.zeros((25, 64)), "bias column was already removed"),
    (np.zeros((65, 25)), "transposed"),
    (np.zeros((10, 26)), "first weight matrix"),
    (np.zeros(65), "2-D matrix"),
])
def test_unit_images_rejects_wrong_matrices(theta, words):
    with pytest.raises(ValueError, match=words):
        gallery.unit_images(theta)


def test_unit_images_rejects_nan_and_strings():
    theta = np.zeros((2, 65))
    theta[1, 3] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        gallery.unit_images(theta)
    with pytest.raises(TypeError):
        gallery.unit_images("weights")


def test_show_digits_titles_and_marks_wrong_guesses():
    rng = np.random.default_rng(0)
    images = rng.uniform(size=(4, 64))
    fig = gallery.show_digits(images, labels=[1, 2, 3, 4], predicted=[1, 7, 3, 4], ncols=2)
    axes = image_axes(fig)
    assert len(axes) == 4
    titles = [ax.get_title() for ax in axes]
    assert titles[1] == "true 2\nsaid 7"
    assert matplotlib.colors.to_hex(axes[1].title.get_color()) == COLORS["vermillion"].lower()
    assert matplotlib.colors.to_hex(axes[0].title.get_color()) == COLORS["black"]
    np.testing.assert_array_equal(axes[2].images[0].get_array(), images[2].reshape(8, 8))


def test_show_digits_labels_only_and_single_image():
    fig = gallery.show_digits(np.zeros((3, 64)), labels=np.array([5, 6, 7]), ncols=10)
    assert [ax.get_title() for ax in image_axes(fig)] == ["5", "6", "7"]
    fig = gallery.show_digits(np.zeros(64))  # one image, given flat
    assert len(image_axes(fig)) == 1


def test_show_digits_fills_a_ragged_last_row_with_blank_axes():
    fig = gallery.show_digits(np.zeros((7, 64)), ncols=3)
    assert len(image_axes(fig)) == 7
    assert len(fig.axes) == 9


@pytest.mark.parametrize("kwargs, error, words", [
    ({"images": np.zeros((3, 63))}, ValueError, "one 8x8 image per row"),
    ({"images": np.zeros(10)}, ValueError, r"X\[i:j\]"),
    ({"images": np.zeros((0, 64))}, ValueError, "empty"),
    ({"images": np.zeros((3, 64)), "labels": [1, 2]}, ValueError, "one label per image"),
    ({"images": np.zeros((3, 64)), "predicted": [1, 2, 3]}, ValueError, "needs labels"),
    ({"images": np.zeros((3, 64)), "ncols": 0}, ValueError, "ncols"),
    ({"images": np.zeros((3, 64)), "shape": (8,)}, ValueError, "shape"),
    ({"images": None}, TypeError, "images"),
])
def test_show_digits_rejects_bad_input(kwargs, error, words):
    with pytest.raises(error, match=words):
        gallery.show_digits(**kwargs)


def test_show_hidden_units_uses_a_scale_centred_at_zero():
    theta = np.zeros((6, 65))
    theta[0, 5] = 2.0
    theta[3, 9] = -0.5
    fig = gallery.show_hidden_units(theta, ncols=3, title="units")
    axes = image_axes(fig)
    assert len(axes) == 6
    assert [ax.get_title() for ax in axes][:2] == ["unit 1", "unit 2"]
    assert axes[0].images[0].get_clim() == (-2.0, 2.0)
    assert fig._suptitle.get_text() == "units"


def test_show_hidden_units_all_zero_weights_draws_without_error():
    fig = gallery.show_hidden_units(np.zeros((2, 65)))
    assert image_axes(fig)[0].images[0].get_clim() == (-1.0, 1.0)
