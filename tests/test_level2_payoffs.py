"""Level 2 additions: secants approaching the tangent, decision-boundary pictures (a straight
boundary with its sides clearly shaded and the legend clear of the data; a hidden layer's bent one)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import nnlib  # noqa: E402
from nnlib import descent  # noqa: E402
from nnlib.data import fruit  # noqa: E402
from nnlib.sorter import lunchbox_fruit  # noqa: E402
from nnlib.viz.boundaries import SHADE_ALPHA, plot_network_boundary, plot_neuron_boundary  # noqa: E402
from nnlib.viz.secants import plot_secants, secant_slopes  # noqa: E402


def test_secants_approach_the_tangent_and_the_gap_halves_with_h():
    X, _ = fruit(n_per_class=100, seed=7, separable=False)
    x, colour = X[:, 0] - 8, X[:, 1]
    f = lambda m: descent.line_loss(m, 3.0, x, colour)  # noqa: E731
    tangent = descent.line_gradient(0.5, 3.0, x, colour)[0]
    hs = [1.0, 0.5, 0.25, 0.125]
    gaps = [s - tangent for s in secant_slopes(f, 0.5, hs)]
    # a parabola in m: rise over run = tangent + mean(x^2) h exactly
    np.testing.assert_allclose(gaps, [np.mean(x ** 2) * h for h in hs], rtol=1e-9)
    assert all(abs(a) > abs(b) for a, b in zip(gaps, gaps[1:]))
    ax = plot_secants(f, 0.5, tangent, hs=hs)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert len(labels) == len(hs) + 2 and labels[-1] == f"the tangent: slope {tangent:.2f}"
    plt.close("all")


def test_network_boundary_matches_predict_and_bends_where_a_line_cannot():
    X, y = lunchbox_fruit()
    centre, spread = X.mean(axis=0), X.std(axis=0)
    to_inputs = lambda v: (v - centre) / spread  # noqa: E731
    accuracy = {}
    for layers in ([2, 1], [2, 3, 1]):
        fit = nnlib.train(nnlib.init_weights(layers, seed=0), to_inputs(X), y, learning_rate=2.0,
                          iterations=2000).thetas
        fig, ax = plt.subplots()
        said = plot_network_boundary(ax, fit, X, y, to_inputs, "t")
        assert np.array_equal(said, nnlib.predict(fit, to_inputs(X)))
        accuracy[len(layers)] = np.mean(said == y)
        plt.close(fig)
    assert accuracy[3] == 1.0 and accuracy[2] <= 0.8


def test_neuron_boundary_shading_is_visible_and_legend_sits_below_the_data():
    X, y = fruit(n_per_class=30, seed=7, separable=False)
    fig, ax = plt.subplots()
    plot_neuron_boundary(ax, X, y, (X[:, 1] + 2 * X[:, 0] - 21 >= 0).astype(int), 2.0, 1.0, -21.0, "t")
    assert SHADE_ALPHA >= 0.25 and ax.images and ax.images[0].get_alpha() == SHADE_ALPHA
    legend = ax.get_legend()
    fig.canvas.draw()
    assert legend.get_window_extent().y1 <= ax.get_window_extent().y0  # under the axes, never over the line
    shaded = ax.images[0].get_array()
    assert shaded.min() == 0 and shaded.max() == 1
    plt.close(fig)
