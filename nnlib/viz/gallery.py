"""Image grids for the 8x8 digits: examples with their labels, and hidden units as pictures.

- ``show_digits``: a grid of digit images, each titled with its true label or,
  when predictions are given, "true 3, said 5" (wrong answers in vermillion).
- ``unit_images``: the weights of each hidden unit, bias left out, as images.
- ``show_hidden_units``: those images in a grid, on a colour scale centred at 0.
"""

import matplotlib.pyplot as plt
import numpy as np

from .._validate import as_float_array, check_finite, whole_number
from .plots import COLORS

DIGIT_SHAPE = (8, 8)


def _check_shape(shape):
    if (not isinstance(shape, (tuple, list)) or len(shape) != 2
            or not all(isinstance(s, (int, np.integer)) and s >= 1 for s in shape)):
        raise ValueError(f"shape must be (rows, columns) of an image, e.g. (8, 8); got {shape!r}.")
    return int(shape[0]), int(shape[1])


def _check_labels(labels, n, name):
    if labels is None:
        return None
    labels = np.asarray(labels)
    if labels.ndim != 1 or labels.shape[0] != n:
        raise ValueError(f"{name} must be a 1-D vector with one label per image ({n}); "
                         f"got shape {labels.shape}.")
    return labels


def _grid(n, ncols, cell=1.1, extra_height=0.0, right=0.0):
    """One Axes over the whole figure, in inches, and where each of n tiles goes: (fig, ax, [(x, y, side)]).

    The tiles fill rows of ``ncols`` from the top, each in a cell ``cell`` inches wide and
    ``cell + extra_height`` high (the extra for its title), leaving ``right`` inches on the right.
    All tiles share one Axes: 25 small Axes, each with its own axis machinery, took most of
    the figure's time (about 10 ms each to make and again to draw).
    """
    ncols = min(whole_number(ncols, "ncols"), n)
    nrows = int(np.ceil(n / ncols))
    width, height = cell * ncols + 0.3 + right, (cell + extra_height) * nrows + 0.5
    fig = plt.figure(figsize=(width, height))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set(xlim=(0, width), ylim=(0, height))
    side, row = 0.8 * cell, cell + extra_height
    places = [(0.15 + (i % ncols + 0.1) * cell, height - 0.45 - (i // ncols + 1) * row + 0.1, side)
              for i in range(n)]
    return fig, ax, places


def _tile(ax, image, place, title=None, **style):
    """Draw one image at ``place`` (x, y, side in inches) with a frame, and its title above it."""
    from matplotlib.patches import Rectangle

    x, y, side = place
    ax.imshow(image, extent=(x, x + side, y, y + side), aspect="auto", interpolation="nearest", **style)
    ax.add_patch(Rectangle((x, y), side, side, fill=False, lw=0.8, color="black"))
    if title is not None:
        text, kwargs = title
        ax.text(x + side / 2, y + side + 0.06, text, ha="center", va="bottom", **kwargs)


def show_digits(images, labels=None, predicted=None, ncols=10, title=None, shape=DIGIT_SHAPE):
    """Draw digit images in a grid, each titled with its label (and the model's guess).

    images: (n, rows * columns), one image per row, read row by row (the
        layout of ``nnlib.data.digits``); values of any scale (drawn grey,
        dark = ink).
    labels: optional (n,) true digits; predicted: optional (n,) guesses. With
        both, each title reads "true 3, said 5"; wrong guesses are in vermillion.
    Returns the matplotlib Figure.
    """
    rows, cols = _check_shape(shape)
    images = as_float_array(images, "images")
    if images.ndim == 1 and images.size == rows * cols:
        images = images.reshape(1, -1)
    if images.ndim != 2 or images.shape[1] != rows * cols:
        hint = " Pass X[i:j], not X[i], or reshape one image with .reshape(1, -1)." if images.ndim == 1 else ""
        raise ValueError(f"images must be (n, {rows * cols}): one {rows}x{cols} image per row; "
                         f"got shape {images.shape}.{hint}")
    n = images.shape[0]
    if n == 0:
        raise ValueError("images is empty: there is nothing to show.")
    check_finite(images, "images")
    labels = _check_labels(labels, n, "labels")
    predicted = _check_labels(predicted, n, "predicted")
    if predicted is not None and labels is None:
        raise ValueError("predicted needs labels too, to tell right guesses from wrong ones.")
    fig, ax, places = _grid(n, ncols, extra_height=0.45 if predicted is not None else 0.15)
    for i, place in enumerate(places):
        words = None
        if predicted is not None:
            wrong = predicted[i] != labels[i]
            words = (f"true {labels[i]}\nsaid {predicted[i]}",
                     {"fontsize": 9, "color": COLORS["vermillion"] if wrong else COLORS["black"]})
        elif labels is not None:
            words = (str(labels[i]), {"fontsize": 10})
        _tile(ax, images[i].reshape(rows, cols), place, words, cmap="gray_r")  # each image on its own grey scale
    if title:
        fig.suptitle(title)
    return fig


def unit_images(theta, shape=DIGIT_SHAPE):
    """The incoming weights of each unit of the first hidden layer, as images.

    theta: Theta^(1), shape (s_2, rows * columns + 1), bias weights in column 0.
    Returns (s_2, rows, columns): row j of Theta^(1) without its bias weight,
    laid out like the input image, so pixel (r, c) holds the weight from that
    pixel to hidden unit j.
    """
    rows, cols = _check_shape(shape)
    theta = as_float_array(theta, "theta")
    if theta.ndim != 2:
        raise ValueError(f"theta must be the 2-D matrix Theta^(1) of shape (s_2, {rows * cols + 1}); "
                         f"got shape {theta.shape}.")
    check_finite(theta, "theta")
    if theta.shape[1] != rows * cols + 1:
        msg = (f"theta must have {rows * cols} + 1 = {rows * cols + 1} columns (a bias weight, then one "
               f"weight per pixel of a {rows}x{cols} image); got shape {theta.shape}.")
        if theta.shape[1] == rows * cols:
            msg += " It looks like the bias column was already removed: pass the whole Theta^(1)."
        elif theta.shape[0] == rows * cols + 1:
            msg += " It looks transposed: pass theta.T."
        else:
            msg += " Is this the first weight matrix, thetas[0]?"
        raise ValueError(msg)
    return theta[:, 1:].reshape(theta.shape[0], rows, cols)


def show_hidden_units(theta, ncols=5, title=None, shape=DIGIT_SHAPE):
    """Draw each hidden unit's incoming weights as an image, on one colour scale centred at 0.

    theta: Theta^(1), (s_2, rows * columns + 1). Blue pixels push the unit on
    (positive weight), red pixels push it off (negative), white does nothing.
    Returns the matplotlib Figure.
    """
    images = unit_images(theta, shape)
    limit = float(np.max(np.abs(images))) or 1.0
    fig, ax, places = _grid(images.shape[0], ncols, extra_height=0.1, right=1.0)
    for j, place in enumerate(places):
        _tile(ax, images[j], place, (f"unit {j + 1}", {"fontsize": 9}), cmap="RdBu", vmin=-limit, vmax=limit)
    width, height = fig.get_size_inches()
    bottom, top = places[-1][1], places[0][1] + places[0][2]
    bar = fig.add_axes(((width - 0.85) / width, (bottom + 0.1 * (top - bottom)) / height, 0.18 / width,
                        0.8 * (top - bottom) / height))
    fig.colorbar(ax.images[0], cax=bar, label="weight")
    if title:
        fig.suptitle(title)
    return fig
