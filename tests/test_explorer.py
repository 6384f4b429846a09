"""The sigmoid explorer: its drawing logic, apart from the widget wiring, and the wiring itself."""

import numpy as np
import pytest

from nnlib import explorer, sigmoid


def test_view_at_w1_b0_is_the_plain_sigmoid():
    view = explorer.sigmoid_view(1.0, 0.0)
    np.testing.assert_allclose(view.y, view.reference)
    assert view.midpoint == 0.0 and view.slope == 0.25 and view.shape == "rising"
    assert "as steep as" in view.caption


@pytest.mark.parametrize("w,b", [(2.0, -4.0), (0.5, 1.0), (-1.5, 3.0), (4.0, 10.0)])
def test_midpoint_is_minus_b_over_w_and_the_curve_crosses_half_there(w, b):
    view = explorer.sigmoid_view(w, b)
    assert view.midpoint == pytest.approx(-b / w)
    assert sigmoid(w * view.midpoint + b) == pytest.approx(0.5)
    # the slope at the midpoint is w/4, checked by a central difference
    h = 1e-6
    numeric = (sigmoid(w * (view.midpoint + h) + b) - sigmoid(w * (view.midpoint - h) + b)) / (2 * h)
    assert view.slope == pytest.approx(numeric, rel=1e-6)


def test_steepness_and_flip_are_described():
    assert "steeper" in explorer.sigmoid_view(3.0, 0.0).caption
    assert "flatter" in explorer.sigmoid_view(0.3, 0.0).caption
    falling = explorer.sigmoid_view(-2.0, 0.0)
    assert falling.shape == "falling" and "flipped" in falling.caption
    assert np.all(np.diff(falling.y) <= 0)
    assert "off the plot" in explorer.sigmoid_view(1.0, 9.5).caption


def test_w_zero_is_a_flat_line_without_midpoint():
    view = explorer.sigmoid_view(0.0, 2.0)
    assert view.midpoint is None and view.shape == "flat"
    np.testing.assert_allclose(view.y, sigmoid(2.0))
    assert "no midpoint" in view.caption and "0.88" in view.caption


@pytest.mark.parametrize("bad", [np.nan, np.inf, "one", [1.0, 2.0]])
def test_bad_slider_values_are_explained(bad):
    with pytest.raises((ValueError, TypeError), match="w must be"):
        explorer.sigmoid_view(bad, 0.0)


def test_widget_updates_the_same_figure_in_place():
    box = explorer.sigmoid_explorer()
    fig, curve = box.figure, box.artists["curve"]
    before = curve.get_ydata().copy()
    box.sliders["w"].value = 3.0
    assert box.figure is fig and box.artists["curve"] is curve  # no new figure
    np.testing.assert_allclose(curve.get_ydata(), explorer.sigmoid_view(3.0, 0.0).y)
    assert not np.allclose(before, curve.get_ydata())
    box.sliders["b"].value = -6.0
    assert box.artists["marker"].get_xdata()[0] == pytest.approx(2.0)
    box.sliders["w"].value = 0.0
    assert np.isnan(box.artists["marker"].get_xdata()[0])  # no midpoint to mark
    assert "flat line" in box.children[1].value


def test_static_grid_has_one_panel_per_pair():
    fig = explorer.plot_sigmoid_grid(ws=(1.0, -2.0), bs=(0.0, 1.0, 2.0))
    assert len(fig.axes) == 6
