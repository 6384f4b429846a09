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


def _grid(n, ncols, cell=1.1, extra_height=0.0):
    ncols = min(whole_number(ncols, "ncols"), n)
    nrows = int(np.ceil(n / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(cell * ncols + 0.3, (cell + extra_height) * nrows + 0.5),
                             squeeze=False)
    for ax in axes.ravel():
        ax.set_xticks([])
        ax.set_yticks([])
    for ax in axes.ravel()[n:]:
        ax.axis("off")
    return fig, axes.ravel()[:n]


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
    fig, axes = _grid(n, ncols, extra_height=0.45 if predicted is not None else 0.15)
    for i, ax in enumerate(axes):
        ax.imshow(images[i].reshape(rows, cols), cmap="gray_r", interpolation="nearest")
        if predicted is not None:
            wrong = predicted[i] != labels[i]
            ax.set_title(f"true {labels[i]}\nsaid {predicted[i]}", fontsize=9,
                         color=COLORS["vermillion"] if wrong else COLORS["black"])
        elif labels is not None:
            ax.set_title(str(labels[i]), fontsize=10)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
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
    fig, axes = _grid(images.shape[0], ncols, extra_height=0.1)
    for j, ax in enumerate(axes):
        shown = ax.imshow(images[j], cmap="RdBu", vmin=-limit, vmax=limit, interpolation="nearest")
        ax.set_title(f"unit {j + 1}", fontsize=9)
    fig.colorbar(shown, ax=list(axes), shrink=0.8, label="weight")
    if title:
        fig.suptitle(title)
    return fig
