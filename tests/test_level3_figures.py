"""Tests of level 3's figures: the gate graph (nnlib.viz.gates) and the lambda curves (nnlib.viz.regularization)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib.viz.gates import draw_gate_graph  # noqa: E402
from nnlib.viz.plots import COLORS  # noqa: E402
from nnlib.viz.regularization import plot_lambda_curves, plot_learning_curves  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def fork_graph():
    """f = (x + y) * y at x = 1, y = 3: y forks into both gates."""
    nodes = {
        "x": {"xy": (0, 1), "label": "x", "value": 1.0, "grad": 3.0},
        "y": {"xy": (0, 0), "label": "y", "value": 3.0, "grad": 7.0},
        "add": {"xy": (2, 1), "label": "+", "value": 4.0, "gate": True},
        "mul": {"xy": (4, 0.5), "label": "×", "value": 12.0, "gate": True},
    }
    edges = [("x", "add", 3.0), ("y", "add", 3.0), ("y", "mul", 4.0), ("add", "mul", 3.0)]
    return nodes, edges


def texts_in(ax, color):
    return [t.get_text() for t in ax.texts if matplotlib.colors.same_color(t.get_color(), color)]


def test_gate_graph_writes_each_wire_value_and_gradient():
    nodes, edges = fork_graph()
    ax = draw_gate_graph(nodes, edges)
    values = texts_in(ax, COLORS["blue"])
    grads = texts_in(ax, COLORS["vermillion"])
    # one value per wire: the value of the wire's source node
    assert sorted(values) == sorted(["1", "3", "3", "4"])
    # one gradient per wire, plus the total gradient under each node that has one
    assert sorted(g for g in grads if not g.startswith("df/")) == sorted(["3", "3", "4", "3"])
    assert "df/dy = 7" in grads and "df/dx = 3" in grads
    # the fork: the gradients on y's two wires add up to y's total
    from_y = [g for s, _, g in edges if s == "y"]
    assert sum(from_y) == nodes["y"]["grad"]


def test_gate_graph_draws_gates_as_boxes_and_values_as_circles():
    nodes, edges = fork_graph()
    ax = draw_gate_graph(nodes, edges)
    kinds = sorted(type(p).__name__ for p in ax.patches)
    assert kinds == ["Circle", "Circle", "FancyBboxPatch", "FancyBboxPatch"]


def test_gate_graph_places_value_and_gradient_on_opposite_sides_of_a_wire():
    nodes = {"a": {"xy": (0, 0), "label": "a", "value": 5.0}, "b": {"xy": (2, 0), "label": "b", "value": 1.0}}
    ax = draw_gate_graph(nodes, [("a", "b", -2.0)])
    value = next(t for t in ax.texts if t.get_text() == "5")
    grad = next(t for t in ax.texts if t.get_text() == "-2")
    assert value.get_position()[1] > 0 > grad.get_position()[1]


@pytest.mark.parametrize("nodes, edges, words", [
    ({}, [], "non-empty dict"),
    ({"a": {"xy": (0, 0), "label": "a"}}, [], "lacks ['value']"),
    ({"a": {"xy": (0, 0), "label": "a", "value": 1}}, [("a", "b", 1.0)], "names node 'b'"),
    ({"a": {"xy": (0, 0), "label": "a", "value": 1}}, [("a", "a")], "(source, target, gradient)"),
])
def test_gate_graph_bad_input_says_what_is_wrong(nodes, edges, words):
    with pytest.raises(ValueError, match=None) as info:
        draw_gate_graph(nodes, edges)
    assert words in str(info.value)


def test_lambda_curves_mark_the_lowest_validation_cost():
    lams = [0.01, 0.1, 1.0, 10.0]
    ax, best = plot_lambda_curves(lams, [0.01, 0.05, 0.4, 2.0], [0.7, 0.55, 0.8, 2.1])
    assert best == 0.1
    assert ax.get_xscale() == "log"
    train, val, marker = ax.lines[:3]
    np.testing.assert_allclose(train.get_ydata(), [0.01, 0.05, 0.4, 2.0])
    np.testing.assert_allclose(val.get_ydata(), [0.7, 0.55, 0.8, 2.1])
    assert list(marker.get_xdata()) == [0.1, 0.1]  # the vertical line at the best lambda


@pytest.mark.parametrize("lams, train, val, words", [
    ([0.1, 1.0], [0.1], [0.2, 0.3], "one each"),
    ([0.0, 1.0], [0.1, 0.2], [0.2, 0.3], "must all be > 0"),
    ([0.1, 1.0], [0.1, np.nan], [0.2, 0.3], "finite"),
    ([], [], [], "non-empty"),
])
def test_lambda_curves_bad_input(lams, train, val, words):
    with pytest.raises(ValueError) as info:
        plot_lambda_curves(lams, train, val)
    assert words in str(info.value)


def test_learning_curves_one_colour_per_lambda_solid_and_dashed_and_the_minimum_dotted():
    steps = [10, 20, 30]
    ax = plot_learning_curves({0.01: ([0.5, 0.2, 0.1], [0.6, 0.5, 0.55]), 3.0: ([1.0, 0.9, 0.9], [1.1, 1.0, 1.0])},
                              steps=steps)
    curves = [line for line in ax.lines if line.get_linestyle() in ("-", "--") and len(line.get_xdata()) == 3]
    assert len(curves) == 4
    assert [line.get_linestyle() for line in curves] == ["-", "--", "-", "--"]
    assert curves[0].get_color() == curves[1].get_color() != curves[2].get_color()
    np.testing.assert_allclose(curves[0].get_xdata(), steps)
    dots = [line for line in ax.lines if line.get_marker() == "o"]
    assert [(d.get_xdata()[0], d.get_ydata()[0]) for d in dots] == [(20, 0.5), (20, 1.0)]


@pytest.mark.parametrize("histories, steps, words", [
    ({}, None, "dict of 1 to 5"),
    ({0.1: ([1, 2], [1])}, None, "one each"),
    ({0.1: ([1, 2],)}, None, "(train_costs, val_costs)"),
    ({0.1: ([1, 2], [1, 2])}, [1, 2, 3], "one each"),
])
def test_learning_curves_bad_input(histories, steps, words):
    with pytest.raises(ValueError) as info:
        plot_learning_curves(histories, steps=steps)
    assert words in str(info.value)


def test_the_zoom_writes_each_lowest_step_inside_the_panel():
    """A validation curve lowest at its last (or first) step gets its words aligned to end (or start) there,
    so they do not run past the panel's edge; one lowest in the middle is centred under its dot."""
    from nnlib.viz.regularization import plot_validation_zoom

    steps = 10 * np.arange(1, 51)
    falling = 0.6 + np.exp(-steps / 100)             # lowest at step 500, the last
    turning = 0.6 + (steps - 250) ** 2 / 1e6          # lowest at step 250
    rising = 0.6 + steps / 1e4                        # lowest at step 10, the first
    ax, turns = plot_validation_zoom({0.1: falling, 0.01: turning, 1.0: rising}, steps=steps)
    words = {t.get_text(): t.get_ha() for t in ax.texts}
    assert words == {"lowest at step 500": "right", "lowest at step 250": "center", "lowest at step 10": "left"}
    assert turns[0.1][0] == 500 and turns[0.01][0] == 250 and turns[1.0][0] == 10
    plt.close("all")
