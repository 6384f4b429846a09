"""The sigmoid explorer: its drawing logic, apart from the widget wiring, and the wiring itself."""

import numpy as np
import pytest

from nnlib import sigmoid
from nnlib.viz import explorer


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


def links_of(box):
    """{plot trait: slider} for the browser links of a widget box."""
    found = {}
    for link in box.links:
        (slider, value), (plot, trait) = link.source, link.target
        assert value == "value" and plot is box.plot
        found[trait] = slider
    return found


def test_widget_links_its_sliders_to_the_browser_drawn_plot():
    box = explorer.sigmoid_explorer()
    assert links_of(box) == {"w": box.sliders["w"], "b": box.sliders["b"]}
    plot = box.plot
    assert (plot.w, plot.b) == (1.0, 0.0)
    # the page draws g(w x + b) at the points of sigmoid_view's grid
    view = explorer.sigmoid_view(1.0, 0.0)
    np.testing.assert_array_equal(np.linspace(*plot.x_range, plot.n), view.x)
    assert plot.labels["title"].format(w=1.5, b=-1.5) == "g(w x + b) with w = 1.5, b = -1.5"
    assert [t[0] for t in plot.yticks] == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert "export default" in plot._esm and "function makeAxes" in plot._esm
    box.sliders["w"].value = 3.0  # the kernel writes the caption
    assert box.children[1].value == f"<b>{explorer.sigmoid_view(3.0, 0.0).caption}</b>"
    box.sliders["b"].value = -6.0
    assert "x = -b/w = 2.00" in box.children[1].value
    box.sliders["w"].value = 0.0
    assert "flat line" in box.children[1].value


def test_widget_text_line_is_unchanged():
    # the text/plain of the widget view, as stored in the lessons
    text = explorer.sigmoid_explorer()._repr_mimebundle_()["text/plain"]
    assert text == ("VBox(children=(HBox(children=(FloatSlider(value=1.0, description='weight w', max=5.0, "
                    "min=-5.0), FloatSlider(v\u2026")
    text = explorer.sigmoid_explorer(words="kid")._repr_mimebundle_()["text/plain"]
    assert text.startswith("VBox(children=(HBox(children=(FloatSlider(value=1.0, description='quickness', max=5.0, "
                           "min=-5.0, style=SliderS")


def test_static_grid_has_one_panel_per_pair():
    fig = explorer.plot_sigmoid_grid(ws=(1.0, -2.0), bs=(0.0, 1.0, 2.0))
    assert len(fig.axes) == 6


# ---------------------------------------------------------------- a child's words (level 1)

SYMBOLS = ("g(", "-b/w", "w/4", "w x", "x =", "w =", "b =", "midpoint", "slope", "weight", "bias")


def _kid_texts(ax):
    """Every word a child sees on a kid-worded plot: title, axis labels, tick labels, legend."""
    texts = [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
    texts += [t.get_text() for t in ax.get_yticklabels()] + [line.get_label() for line in ax.lines]
    return [t for t in texts if t and not t.startswith("_")]  # "_child0": matplotlib's unnamed lines


@pytest.mark.parametrize("w,b,words", [
    (2.0, 4.0, "It makes up its mind quickly. It can't decide at score -2."),
    (0.5, 0.0, "It makes up its mind slowly. It can't decide at score 0."),
    (1.0, 0.0, "It makes up its mind as quickly as the plain curve. It can't decide at score 0."),
    (3.0, -1.0, "It makes up its mind quickly. It can't decide at score 0.3."),
    (-2.0, 1.0, "Upside down: a higher score makes it surer of apple! It can't decide at score 0.5."),
    (0.5, 6.0, "It makes up its mind slowly. It can't decide at score -12, off the picture (see the arrow)."),
    (0.0, 0.0, "It never makes up its mind: it always says 0.5 (can't decide), whatever the score."),
    (0.0, 2.0, "The score no longer matters: it always says 0.88 (orange), whatever the score. Only the lean decides."),
    (0.0, -2.0, "The score no longer matters: it always says 0.12 (apple), whatever the score. Only the lean decides."),
])
def test_kid_captions(w, b, words):
    view = explorer.sigmoid_view(w, b, words="kid")
    assert view.caption == words
    math = explorer.sigmoid_view(w, b)  # the words change, the curve and its numbers do not
    np.testing.assert_array_equal(view.y, math.y)
    assert (view.midpoint, view.shape, view.words) == (math.midpoint, math.shape, "kid")


def test_kid_caption_says_where_the_curve_is_half_sure():
    for w, b in [(1.0, 3.0), (2.5, -4.0), (-1.5, 2.0), (4.0, 1.0)]:
        caption = explorer.sigmoid_view(w, b, words="kid").caption
        score = float(caption.split("at score ")[1].rstrip("."))
        assert score == pytest.approx(-b / w, abs=0.05)
        assert sigmoid(w * score + b) == pytest.approx(0.5, abs=0.05)


def test_kid_numbers_have_no_minus_zero_and_one_decimal():
    assert explorer.sigmoid_view(2.0, 0.0, words="kid").caption.endswith("at score 0.")  # -0/2 is -0.0
    assert explorer.sigmoid_view(-2.0, 0.0, words="kid").caption.endswith("at score 0.")
    assert "score -3.3." in explorer.sigmoid_view(0.3, 1.0, words="kid").caption


@pytest.mark.parametrize("w", [-5.0, -1.0, -0.3, 0.0, 0.1, 1.0, 2.5, 5.0])
@pytest.mark.parametrize("b", [-10.0, -2.5, 0.0, 1.0, 10.0])
def test_kid_captions_have_no_symbols(w, b):
    caption = explorer.sigmoid_view(w, b, words="kid").caption
    assert not [s for s in SYMBOLS if s in caption], caption
    assert 1 <= caption.count(". ") + caption.count("! ") + 1 <= 2  # one or two short sentences
    assert len(caption) <= 120


def test_kid_plot_and_panels_have_no_symbols():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    artists = explorer.plot_sigmoid(2.0, 1.0, ax, words="kid")
    explorer.update_sigmoid(artists, -1.0, 3.0, ax)  # keeps the kid words it was drawn with
    texts = _kid_texts(ax)
    assert "the sorter's score" in texts and "quickness -1 and lean 3" in ax.get_title()
    assert any("half sure" in t for t in texts) and any("plain curve" in t for t in texts)
    fig = explorer.plot_sigmoid_panels(explorer.KID_PANELS, words="kid", title="How sure?")
    assert len(fig.axes) == 3 and [ax.get_title().split("\n")[0] for ax in fig.axes] == [
        "slow to decide", "quick to decide", "leaning to orange"]
    texts += [t for ax in fig.axes for t in _kid_texts(ax)] + [t.get_text() for t in fig.legends[0].texts]
    assert not [t for t in texts for s in SYMBOLS if s in t], texts
    plt.close("all")


def test_math_words_are_the_default_and_unchanged():
    import matplotlib.pyplot as plt

    assert explorer.sigmoid_view(2.0, -4.0).caption == (
        "The curve is steeper than g(x); it crosses 0.5 at x = -b/w = 2.00, slope there w/4 = 0.5.")
    assert explorer.sigmoid_view(2.0, -4.0, words="math").caption == explorer.sigmoid_view(2.0, -4.0).caption
    fig, ax = plt.subplots()
    explorer.plot_sigmoid(2.0, -4.0, ax)
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == ("g(w x + b) with w = 2, b = -4", "x", "output")
    assert [line.get_label() for line in ax.lines][1:4] == ["g(x)", "g(w x + b)", "midpoint -b/w"]
    box = explorer.sigmoid_explorer()
    assert [box.sliders["w"].description, box.sliders["b"].description] == ["weight w", "bias b"]
    assert box.children[1].value.startswith("<b>The curve is as steep as g(x)")
    plt.close("all")


@pytest.mark.parametrize("bad", ["child", "Kid", None, ["kid"]])
def test_unknown_words_are_explained(bad):
    with pytest.raises(ValueError, match="words must be 'math'.*or 'kid'"):
        explorer.sigmoid_view(1.0, 0.0, words=bad)


def test_kid_widget_speaks_a_childs_words():
    box = explorer.sigmoid_explorer(words="kid")
    assert [box.sliders["w"].description, box.sliders["b"].description] == ["quickness", "lean"]
    assert links_of(box) == {"w": box.sliders["w"], "b": box.sliders["b"]}
    plot = box.plot
    assert plot.labels["title"].format(w=2, b=4) == "How sure the sorter is, with quickness 2 and lean 4"
    assert [t[1] for t in plot.yticks] == list(explorer.KID_TICKS[1])
    assert box.children[1].value == "<b>It makes up its mind as quickly as the plain curve. It can't decide at score 0.</b>"
    box.sliders["w"].value = 2.0
    box.sliders["b"].value = 4.0
    assert box.children[1].value == "<b>It makes up its mind quickly. It can't decide at score -2.</b>"
    box.sliders["w"].value = -1.0
    assert "Upside down" in box.children[1].value
    box.sliders["w"].value = 0.0
    assert "Only the lean decides" in box.children[1].value  # lean 4: always orange


# ---------------------------------------------------------------- captions true to the picture

def slider_values(lo, hi, step):
    """The values an ipywidgets FloatSlider sends: min + k * step, with binary rounding left in."""
    import ipywidgets as widgets

    slider = widgets.FloatSlider(min=lo, max=hi, step=step, value=lo)
    values = []
    for k in range(int(round((hi - lo) / step)) + 1):
        slider.value = lo + k * step
        values.append(slider.value)
    return values


def test_the_slope_at_the_midpoint_is_printed_exactly_for_every_slider_value():
    from fractions import Fraction

    assert "w/4 = 0.025." in explorer.sigmoid_view(0.09999999999999964, 0.0).caption  # the slider value
    for w in slider_values(-5.0, 5.0, 0.1):
        if abs(w) < 1e-9:
            continue
        printed = explorer.sigmoid_view(w, 1.0).caption.split("w/4 = ")[1].rstrip(".")
        exact = Fraction(str(round(w, 9))) / 4  # the slider's readout, a multiple of 0.1, divided by 4
        assert Fraction(printed) == exact, (w, printed)


def test_a_midpoint_off_the_plot_is_marked_on_its_edge():
    import matplotlib.pyplot as plt

    for w, b, side, edge in [(-0.1, 2.0, "right", 8.0), (0.5, 6.0, "left", -8.0)]:
        view = explorer.sigmoid_view(w, b)
        assert f"(off the plot to the {side}: the arrow on the edge points there)" in view.caption
        fig, ax = plt.subplots()
        artists = explorer.plot_sigmoid(w, b, ax)
        x, y = artists["away"].get_data()
        assert y == [0.5] and abs(x[0] - edge) < 0.5 and artists["away"].get_marker() == (">" if side == "right" else "<")
        assert artists["away_text"].get_text() == explorer.away_label(-b / w)
        assert np.isnan(artists["marker"].get_data()[0][0])  # no dot drawn off the plot
        explorer.update_sigmoid(artists, 1.0, 0.0)  # back on the plot: the arrow goes
        assert artists["away"].get_data()[0] == [] and artists["away_text"].get_text() == ""
        plt.close(fig)
    assert explorer.away_label(20.0) == "midpoint at\nx = 20.00"
    assert explorer.away_label(-12.0, "kid") == "can't decide\nat -12"
    assert explorer.sigmoid_plot().labels["away"] == "midpoint at\nx = {m}"  # web/explorer.js writes the same


def test_the_caption_describes_the_part_of_the_curve_the_plot_shows():
    view = explorer.sigmoid_view(-0.1, 2.0)
    first, last = sigmoid(-0.1 * -8 + 2), sigmoid(-0.1 * 8 + 2)
    assert f"on this plot it falls only from {first:.2f} to {last:.2f}" in view.caption  # 0.94 to 0.77
    assert "from 1 to 0" not in view.caption
    assert "flipped: it falls from near 1 to near 0" in explorer.sigmoid_view(-2.0, 0.0).caption
    assert "rises only from 0.82 to near 1" in explorer.sigmoid_view(1.0, 9.5).caption
    for w in (-5.0, -1.0, -0.3, 0.2, 1.0, 4.0):
        for b in (-10.0, -3.0, 0.0, 5.0):
            view = explorer.sigmoid_view(w, b)
            part = view.y[0] > 0.02 and view.y[-1] > 0.02 or view.y[0] < 0.98 and view.y[-1] < 0.98
            assert ("only from" in view.caption) == bool(part), (w, b)


@pytest.mark.parametrize("b", [b / 2 for b in range(-20, 21)])
def test_a_height_of_g_is_never_printed_as_0_or_1(b):
    value = float(sigmoid(b))
    text = explorer.height_text(value)
    assert float(text) not in (0.0, 1.0), text
    gap = min(value, 1 - value)
    assert abs(float(text) - value) <= 0.05 * gap + 0.005, (text, value)  # two digits of the distance to 0 or 1
    caption = explorer.sigmoid_view(0.0, b).caption
    assert f"= {text}, a flat line" in caption and "0.00," not in caption and "1.00," not in caption
    kid = explorer.sigmoid_view(0.0, b, words="kid").caption
    assert "0.00" not in kid and "1.00" not in kid


def test_both_edges_near_the_same_end_are_printed_as_numbers():
    """A curve that stays near 0 (or near 1) across the plot is not described as 'from near 0 to near 0':
    both edge heights are printed, with the decimals the one nearer the end needs, and they are the curve's own."""
    import re

    for w, b in [(0.1, -5.0), (0.2, -9.0), (-0.1, -5.0), (0.1, 5.0), (0.3, 7.0), (0.5, -10.0)]:
        view = explorer.sigmoid_view(w, b)
        assert "near 0 to near 0" not in view.caption and "near 1 to near 1" not in view.caption, (w, b)
        shown = re.search(r"only from (\S+) to (\S+);", view.caption).groups()
        for text, height in zip(shown, (view.y[0], view.y[-1])):
            assert abs(float(text) - height) <= 0.05 * min(height, 1 - height), (w, b, text, height)
    assert "from 0.0030 to 0.0148" in explorer.sigmoid_view(0.1, -5.0).caption
    assert explorer.edge_texts(1.9e-9, 2.2e-9) == ("1.9e-09", "2.2e-09")
    assert explorer.edge_texts(1 - 2.2e-9, 1 - 1.9e-9) == ("1 - 2.2e-09", "1 - 1.9e-09")
    assert explorer.edge_texts(0.5, 0.99) == ("0.50", "near 1")  # different words: kept as they are
