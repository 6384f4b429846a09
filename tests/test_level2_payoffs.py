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


# ---------------------------------------------------------------- how many hidden neurons (nnlib.viz.hidden)

@pytest.fixture(scope="module")
def box_fits():
    from nnlib.viz.hidden import hidden_fits

    X, y = lunchbox_fruit()
    return X, y, hidden_fits(X, y, ks=range(7))


def test_each_network_is_nnlibs_own_training(box_fits):
    X, y, fits = box_fits
    centre, spread = X.mean(axis=0), X.std(axis=0)
    for k in (0, 3):
        layers = [2, 1] if k == 0 else [2, k, 1]
        want = nnlib.train(nnlib.init_weights(layers, seed=0), (X - centre) / spread, y, learning_rate=2.0,
                           iterations=500).thetas
        for a, b in zip(fits[k].thetas, want):
            np.testing.assert_array_equal(a, b)
        np.testing.assert_allclose(fits[k].chance(X), nnlib.predict_proba(want, (X - centre) / spread)[:, 0])


def test_each_hidden_neurons_line_is_where_its_own_weighted_sum_is_zero(box_fits):
    from nnlib.viz.hidden import neuron_lines

    X, y, fits = box_fits
    fit = fits[3]
    lines = neuron_lines(fit)
    assert len(lines) == 3 and neuron_lines(fits[0]) == []
    rng = np.random.default_rng(0)
    for j, (a, c, lean) in enumerate(lines):
        sizes = rng.uniform(5, 10, 5)
        points = np.column_stack([sizes, -(a * sizes + lean) / c])  # on the line, in cm and colour
        z = np.column_stack([np.ones(5), fit.inputs(points)]) @ np.asarray(fit.thetas[0])[j]
        np.testing.assert_allclose(z, 0, atol=1e-9)
        above = points + [0.0, 1.0 if c > 0 else -1.0]  # a step to the side where the line's sum is positive
        z = np.column_stack([np.ones(5), fit.inputs(above)]) @ np.asarray(fit.thetas[0])[j]
        assert np.all(nnlib.sigmoid(z) > 0.5)


def test_the_pictures_and_their_words_tell_the_truth(box_fits):
    from nnlib.viz.hidden import GRID, grid_points, hidden_view, limits_of, neuron_lines

    X, y, fits = box_fits
    limits = limits_of(X)
    for k, fit in fits.items():
        view = hidden_view(fit, X, y)
        np.testing.assert_array_equal(view.said, nnlib.predict(fit.thetas, fit.inputs(X)))
        np.testing.assert_array_equal(view.yes, fit.chance(grid_points(limits)) >= 0.5)
        assert view.yes.shape == (GRID[0] * GRID[1],) and view.lines == neuron_lines(fit)
        assert f"{view.n_right} of 40 fruit sorted right" in view.title and view.caption.endswith(
            f"{view.n_right} of 40 fruit sorted right.")
    assert fits_right(fits, X, y)[:3] == [25, 29, 40]  # the lesson: 0 and 1 fall short, 2 are enough
    assert all(n == 40 for n in fits_right(fits, X, y)[2:])
    # one hidden neuron: the boundary is a straight line beside the neuron's own (as the caption says):
    # the answer on the grid only depends on the neuron's own weighted sum, and changes once along it
    (a, c, lean), = neuron_lines(fits[1])
    cells = grid_points(limits)
    order = np.argsort(a * cells[:, 0] + c * cells[:, 1] + lean)
    assert np.count_nonzero(np.diff(hidden_view(fits[1], X, y).yes[order])) == 1
    assert "still a straight line" in hidden_view(fits[1], X, y).caption


def fits_right(fits, X, y):
    from nnlib.viz.hidden import hidden_view

    return [hidden_view(fits[k], X, y).n_right for k in sorted(fits)]


def test_the_hidden_neuron_explorer_is_linked_in_the_page_and_draws_each_neurons_line(box_fits):
    from nnlib.viz.hidden import GRID, hidden_explorer, hidden_view, plot_hidden_fit

    X, y, fits = box_fits
    box = hidden_explorer(X, y, fits=fits)
    slider, plot = box.children
    assert (slider.min, slider.max, slider.value) == (0, 6, 3)
    assert box.links[0].source == (slider, "value") and box.links[0].target == (plot, "k")
    for k, fit in fits.items():
        sent, view = plot.views[str(k)], hidden_view(fit, X, y)
        assert sent["lines"] == [list(line) for line in view.lines] and sent["right"] == view.n_right
        assert sent["yes"] == "".join(map(str, view.yes)) and len(sent["yes"]) == GRID[0] * GRID[1]
        assert (sent["title"], sent["caption"]) == (view.title, view.caption)
    fig, ax = plt.subplots()
    view = plot_hidden_fit(ax, fits[3], X, y)
    dashed = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert len(dashed) == 3 and ax.get_title() == view.title
    for line, (a, c, lean) in zip(dashed, view.lines):
        xs, ys = line.get_data()
        np.testing.assert_allclose(a * np.asarray(xs) + c * np.asarray(ys) + lean, 0, atol=1e-9)
    plt.close(fig)


# ---------------------------------------------------------------- the lesson's two sittings

def test_the_second_sitting_of_level_2_runs_from_its_own_first_cell():
    from pathlib import Path

    import nbformat
    from nbclient import NotebookClient

    path = Path(__file__).resolve().parent.parent / "lessons" / "02_high_school.ipynb"
    nb = nbformat.read(path, as_version=4)
    ready = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "Ready: the tools" in c.source]
    strip = lambda c: [line for line in c.source.splitlines() if not line.startswith("#")]  # noqa: E731
    assert len(ready) == 2 and strip(nb.cells[ready[0]]) == strip(nb.cells[ready[1]])
    assert nb.cells[ready[1] - 1].source.startswith("## Second sitting? Start here")
    nb.cells = nb.cells[ready[1]:]
    NotebookClient(nb, timeout=180, kernel_name="python3").execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error" or (o.output_type == "stream" and o.name == "stderr")]
    assert not errors, errors

