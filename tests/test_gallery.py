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


def tiles(fig):
    """The images of a gallery figure, in order, and the title above each (every tile is in one Axes)."""
    ax = fig.axes[0]
    return ax.images, ax.texts


def test_each_tile_is_framed_and_titled_above_its_image():
    fig = gallery.show_digits(np.zeros((3, 64)), labels=[5, 6, 7], ncols=2)
    images, titles = tiles(fig)
    frames = fig.axes[0].patches
    assert len(images) == len(titles) == len(frames) == 3
    for image, title, frame in zip(images, titles, frames):
        x0, x1, y0, y1 = image.get_extent()
        assert (frame.get_x(), frame.get_y(), frame.get_width(), frame.get_height()) == pytest.approx(
            (x0, y0, x1 - x0, y1 - y0))
        assert title.get_position()[1] > y1 and x0 < title.get_position()[0] < x1
    assert images[0].get_extent()[1] < images[1].get_extent()[0]  # side by side, not overlapping
    assert images[2].get_extent()[3] < images[0].get_extent()[2]  # the third starts a new row, below


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
    shown, titles = tiles(fig)
    assert len(shown) == len(titles) == 4
    assert titles[1].get_text() == "true 2\nsaid 7"
    assert matplotlib.colors.to_hex(titles[1].get_color()) == COLORS["vermillion"].lower()
    assert matplotlib.colors.to_hex(titles[0].get_color()) == COLORS["black"]
    np.testing.assert_array_equal(shown[2].get_array(), images[2].reshape(8, 8))
    assert shown[2].get_clim() == (images[2].min(), images[2].max())  # each digit on its own grey scale


def test_show_digits_labels_only_and_single_image():
    fig = gallery.show_digits(np.zeros((3, 64)), labels=np.array([5, 6, 7]), ncols=10)
    assert [t.get_text() for t in tiles(fig)[1]] == ["5", "6", "7"]
    fig = gallery.show_digits(np.zeros(64))  # one image, given flat
    assert len(tiles(fig)[0]) == 1 and not tiles(fig)[1]


def test_show_digits_leaves_the_rest_of_a_ragged_last_row_blank():
    fig = gallery.show_digits(np.zeros((7, 64)), ncols=3)
    images = tiles(fig)[0]
    assert len(images) == len(fig.axes[0].patches) == 7  # 7 framed tiles, nothing in the last two places
    rows = sorted({image.get_extent()[2] for image in images}, reverse=True)
    assert len(rows) == 3 and sum(image.get_extent()[2] == rows[-1] for image in images) == 1
    assert fig.get_size_inches()[0] == pytest.approx(1.1 * 3 + 0.3)


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
    images, titles = tiles(fig)
    assert len(images) == 6
    assert [t.get_text() for t in titles][:2] == ["unit 1", "unit 2"]
    assert all(image.get_clim() == (-2.0, 2.0) for image in images)
    np.testing.assert_array_equal(images[3].get_array(), gallery.unit_images(theta)[3])
    assert fig._suptitle.get_text() == "units"
    bar = fig.axes[1]  # the colour bar, right of the tiles
    assert bar.get_ylabel() == "weight"
    assert bar.get_position().x0 * fig.get_size_inches()[0] > images[2].get_extent()[1]  # the Axes is in inches


def test_show_hidden_units_all_zero_weights_draws_without_error():
    fig = gallery.show_hidden_units(np.zeros((2, 65)))
    assert tiles(fig)[0][0].get_clim() == (-1.0, 1.0)
