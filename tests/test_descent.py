"""Gradient descent on a line's mean squared error: the numbers, the verdicts, the stepper."""

import asyncio
import warnings

import numpy as np
import pytest

from nnlib import descent
from nnlib.viz import descent as pictures
from nnlib.data import fruit, train_test_split

RNG = np.random.default_rng(3)
X_PTS = RNG.normal(size=25)
Y_PTS = 1.7 * X_PTS - 0.4 + RNG.normal(scale=0.5, size=25)


def fruit_points():
    X, y = fruit(100, seed=7, separable=False)
    X_train = train_test_split(X, y, 0.25, seed=0)[0]
    return X_train[:, 0] - 8, X_train[:, 1]


def test_loss_by_hand():
    # points (0, 1), (1, 1), (2, 4) and the line y = x + 1: gaps 0, 1, -1
    assert descent.line_loss(1.0, 1.0, [0, 1, 2], [1, 1, 4]) == pytest.approx(2 / 3)
    assert descent.line_loss(2.0, -3.0, [0, 1, 2], [-3, -1, 1]) == 0.0


@pytest.mark.parametrize("m,c", [(0.0, 0.0), (2.5, -1.0), (-3.0, 4.0)])
def test_formula_slopes_match_nudging_and_are_not_the_line_slope(m, c):
    dm, dc = descent.line_gradient(m, c, X_PTS, Y_PTS)
    nm, nc = descent.nudge_slopes(m, c, X_PTS, Y_PTS, h=1e-6)
    assert nm == pytest.approx(dm, rel=1e-4, abs=1e-5) and nc == pytest.approx(dc, rel=1e-4, abs=1e-5)
    h = 1e-5  # a central difference agrees much more closely
    central = (descent.line_loss(m + h, c, X_PTS, Y_PTS) - descent.line_loss(m - h, c, X_PTS, Y_PTS)) / (2 * h)
    assert central == pytest.approx(dm, rel=1e-8)
    assert dm != pytest.approx(m)  # the slope of the loss is not dy/dx = m


def test_best_line_is_least_squares_and_flat_there():
    m, c, L = descent.best_line(X_PTS, Y_PTS)
    np.testing.assert_allclose([m, c], np.polyfit(X_PTS, Y_PTS, 1))
    np.testing.assert_allclose(descent.line_gradient(m, c, X_PTS, Y_PTS), 0.0, atol=1e-12)
    for dm, dc in [(0.01, 0), (0, 0.01), (-0.01, 0.01)]:
        assert descent.line_loss(m + dm, c + dc, X_PTS, Y_PTS) > L


def test_each_step_subtracts_the_learning_rate_times_the_slope():
    path = descent.descend(X_PTS, Y_PTS, 0.1, start=(0.5, 2.0), steps=3)
    assert path.ms.shape == path.cs.shape == path.losses.shape == (4,) and path.steps == 3
    dm, dc = descent.line_gradient(0.5, 2.0, X_PTS, Y_PTS)
    assert path.ms[1] == pytest.approx(0.5 - 0.1 * dm) and path.cs[1] == pytest.approx(2.0 - 0.1 * dc)
    assert np.all(np.diff(path.losses) < 0)
    # adding instead of subtracting walks uphill
    assert descent.line_loss(0.5 + 0.1 * dm, 2.0 + 0.1 * dc, X_PTS, Y_PTS) > path.losses[0]


def test_zero_steps_is_just_the_start():
    path = descent.descend(X_PTS, Y_PTS, 0.1, start=(1.0, 1.0), steps=0)
    assert path.steps == 0 and path.verdict is None
    assert path.losses[0] == descent.line_loss(1.0, 1.0, X_PTS, Y_PTS)
    assert "Take a step" in pictures.caption(path)


@pytest.mark.parametrize("rate,expected", [(0.01, "crawling"), (0.1, "converging"), (0.6, "converging"),
                                           (0.85, "converging"), (0.9, "diverging"), (1.1, "diverging")])
def test_verdicts_on_the_lesson_fruit(rate, expected):
    x, y = fruit_points()
    path = descent.descend(x, y, rate, steps=30)
    assert path.verdict == expected
    if expected == "converging":
        assert path.losses[-1] < path.losses[0]


def test_converging_reaches_the_formula_and_diverging_keeps_growing():
    x, y = fruit_points()
    good = descent.descend(x, y, 0.3, steps=60)
    np.testing.assert_allclose([good.ms[-1], good.cs[-1]], good.best[:2], rtol=1e-6)
    bad = descent.descend(x, y, 1.1, steps=60)
    assert bad.losses[-1] > 1e6 * bad.losses[0]


def test_learning_rate_threshold_matches_theory():
    # L is a bowl with curvatures the eigenvalues of 2 [[mean x^2, mean x], [mean x, 1]];
    # a step of size rate shrinks every direction exactly when rate < 2 / largest curvature.
    x, y = fruit_points()
    limit = 2 / np.linalg.eigvalsh(2 * np.array([[np.mean(x * x), x.mean()], [x.mean(), 1.0]])).max()
    assert descent.descend(x, y, 0.97 * limit, steps=200).verdict == "converging"
    assert descent.descend(x, y, 1.03 * limit, steps=200).verdict == "diverging"


def test_verdict_rules():
    assert descent.verdict([5.0, 4.0, 3.0, 2.5], 2.0) == "converging"  # extra 3, 2, 1, 0.5
    assert descent.verdict([5.0, 4.9, 4.8], 2.0) == "crawling"
    assert descent.verdict([5.0, 3.0, 3.5], 2.0) == "diverging"  # rose on a step
    assert descent.verdict([5.0, np.inf], 2.0) == "diverging"
    assert descent.verdict([2.0, 2.0], 2.0) == "converging"  # started at the bottom
    assert set(descent.VERDICTS) == {"crawling", "converging", "diverging"}


def test_a_huge_learning_rate_overflows_quietly():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = descent.descend(X_PTS, Y_PTS, 50.0, steps=300)
        assert path.verdict == "diverging"
        assert "overflowed" in pictures.caption(path) or "diverging" in pictures.caption(path)


BAD = [
    (lambda: descent.line_loss(1, 0, [1, 2, 3], [1, 2]), ValueError, "same length"),
    (lambda: descent.line_loss(1, 0, np.ones((3, 2)), np.ones((3, 2))), ValueError, "X[:, 0]"),
    (lambda: descent.line_loss(1, 0, [1, np.nan], [1, 2]), ValueError, "NaN"),
    (lambda: descent.line_loss("m", 0, [1, 2], [1, 2]), TypeError, "m must be"),
    (lambda: descent.line_gradient(np.inf, 0, [1, 2], [1, 2]), ValueError, "finite"),
    (lambda: descent.nudge_slopes(1, 0, [1, 2], [1, 2], h=0.0), ValueError, "tiny positive"),
    (lambda: descent.best_line([2, 2, 2], [1, 2, 3]), ValueError, "all x are equal"),
    (lambda: descent.descend([1, 2], [1, 2], -0.1), ValueError, "positive"),
    (lambda: descent.descend([1, 2], [1, 2], 0.1, steps=2.5), ValueError, "whole number"),
    (lambda: descent.descend([1, 2], [1, 2], 0.1, start=1.0), ValueError, "pair (m, c)"),
    (lambda: descent.verdict([3.0], 1.0), ValueError, "at least one step"),
]


@pytest.mark.parametrize("call,error,words", BAD)
def test_bad_inputs_are_explained(call, error, words):
    with pytest.raises(error, match=None) as info:
        call()
    assert words in str(info.value)


def test_stepper_moves_the_same_figure_in_place():
    x, y = fruit_points()
    box = pictures.descent_stepper(x, y, rate=0.1)
    fig, line, curve = box.figure, box.artists["line"], box.artists["curve"]
    caption = box.children[2]
    assert box.state["steps"] == 0 and "Take a step" in caption.value
    box.controls["step"].click()
    box.controls["10 steps"].click()
    assert box.state["steps"] == 11 and box.figure is fig and box.artists["line"] is line
    path = descent.descend(x, y, 0.1, steps=11)
    np.testing.assert_allclose(line.get_ydata(), path.ms[-1] * box.artists["xs"] + path.cs[-1])
    np.testing.assert_allclose(curve.get_ydata(), path.losses)
    assert "after 11 steps" in caption.value and path.verdict in caption.value
    box.controls["rate"].value = 1.1  # a new rate keeps the step count
    assert box.state["steps"] == 11 and "diverging" in caption.value
    box.controls["reset"].click()
    assert box.state["steps"] == 0 and len(curve.get_xdata()) == 1


def test_stepper_caps_the_steps_and_checks_its_rate():
    x, y = fruit_points()
    box = pictures.descent_stepper(x, y, max_steps=25)
    for _ in range(4):
        box.controls["10 steps"].click()
    assert box.state["steps"] == 25
    with pytest.raises(ValueError, match="one of rates"):
        pictures.descent_stepper(x, y, rate=0.2)


def test_static_figure_has_a_column_per_rate_with_its_verdict():
    x, y = fruit_points()
    fig = pictures.plot_learning_rates(x, y, rates=(0.01, 0.1, 0.9))
    assert len(fig.axes) == 9
    titles = [fig.axes[j].get_title() for j in range(3)]  # the top row
    for title, word in zip(titles, ("CRAWLING", "CONVERGING", "DIVERGING")):
        assert word in title


def test_loss_panels_end_where_the_walk_ends_and_name_the_floor_under_it():
    # 30 steps: the step axis ends at 30 (not 50); no legend where a climbing loss goes, the
    # floor's name under the floor line, where no loss can ever be drawn
    import matplotlib.pyplot as plt

    x, y = fruit_points()
    fig = pictures.plot_learning_rates(x, y, rates=(0.01, 0.1, 0.9), steps=30)
    fig.canvas.draw()
    for ax in fig.axes[6:9]:
        assert ax.get_xlim() == (-0.5, 30.5) and ax.get_legend() is None
        floor = next(line for line in ax.lines if line.get_label() == "lowest possible")
        (name,) = [t for t in ax.texts if t.get_text() == "lowest possible loss"]
        box, floor_y = name.get_window_extent(), ax.transData.transform((0, floor.get_ydata()[0]))[1]
        assert ax.get_window_extent().y0 < box.y0 and box.y1 < floor_y  # under the line, inside the axes
    box = pictures.descent_stepper(x, y, rate=1.1)
    for _ in range(5):
        box.controls["10 steps"].click()  # a climb to 1e+10 and more
    ax = box.artists["axes"][2]
    assert ax.get_legend() is None
    lo, hi = ax.get_ylim()
    best = box.state["path"].best[2]
    assert abs(np.log(best / lo) / np.log(hi / lo) - 0.1) < 1e-9  # the floor a tenth of the way up
    plt.close("all")


@pytest.mark.parametrize("rate", [np.array(0.2), np.float64(0.2), 0.2])
def test_level2_rate_check_accepts_one_number_in_any_form(rate, capsys):
    # the learning-rate exercise: np.array(0.2) is one number, as good as 0.2
    from nnlib.checks import level2

    level2.check_learning_rate(rate)
    assert "converged" in capsys.readouterr().out


# ---------------------------------------------------------------- the stepper's fixes (issue 13, level 2)

@pytest.mark.parametrize("steps", [10, 20, 30, 60, 300])
@pytest.mark.parametrize("rate", [0.01, 0.1, 0.9, 1.1])
def test_loss_axis_always_has_a_few_labelled_ticks(rate, steps):
    import matplotlib.pyplot as plt

    x, y = fruit_points()
    fig, axes = plt.subplots(1, 3)
    pictures.plot_descent(descent.descend(x, y, rate, steps=steps), x, y, axes)
    fig.canvas.draw()
    ax = axes[2]
    lo, hi = ax.get_ylim()
    labels = [t.get_text() for t in ax.get_yticklabels() if lo <= t.get_position()[1] <= hi and t.get_text()]
    assert 2 <= len(labels) <= 7, (rate, steps, labels)  # never none, never crowded
    values = [float(t) for t in labels]
    assert values == sorted(values) and len(set(values)) == len(values)
    plt.close(fig)


@pytest.mark.parametrize("lo,hi", [(2.8, 12.0), (2.8, 30.0), (1.0, 1e3), (2.8, 3e12), (1e-3, 1e40)])
def test_loss_ticks(lo, hi):
    ticks = pictures.loss_ticks(lo, hi)
    assert 1 <= len(ticks) <= 7 and all(lo <= t <= hi for t in ticks)


def test_a_walk_that_arrived_is_not_called_crawling():
    x, y = fruit_points()
    path = descent.descend(x, y, 0.01, steps=300)
    assert path.verdict == "crawling" and pictures.at_bottom(path)  # the rule averages over the walk
    assert "reached the bottom" in pictures.caption(path)
    early = descent.descend(x, y, 0.01, steps=30)
    assert not pictures.at_bottom(early) and pictures.caption(early).endswith(": crawling.")


def test_first_steps_of_a_long_walk_equal_a_short_walk():
    x, y = fruit_points()
    for rate in (0.01, 0.9, 1.1):
        long = descent.descend(x, y, rate, steps=300)
        for k in (0, 1, 7, 30, 300):
            a, b = pictures.first_steps(long, k), descent.descend(x, y, rate, steps=k)
            np.testing.assert_array_equal(a.losses, b.losses)
            np.testing.assert_array_equal(a.ms, b.ms)
            assert a.verdict == b.verdict and a.steps == k
    with pytest.raises(ValueError, match="between 0 and 300"):
        pictures.first_steps(long, 301)


def test_stepper_map_holds_every_walk_that_does_not_climb():
    x, y = fruit_points()
    box = pictures.descent_stepper(x, y, rate=0.85)
    (m0, m1), (c0, c1) = box.artists["axes"][1].get_xlim(), box.artists["axes"][1].get_ylim()
    for rate in (0.01, 0.1, 0.6, 0.85):
        path = descent.descend(x, y, rate, steps=300)
        assert m0 <= path.ms.min() and path.ms.max() <= m1 and c0 <= path.cs.min() and path.cs.max() <= c1
    for _ in range(3):
        box.controls["10 steps"].click()
    assert not box.artists["off_map"] and "left the map" not in box.children[2].value
    box.controls["rate"].value = 0.9  # diverges: it leaves the map, and the caption says so
    assert box.artists["off_map"] and "left the map" in box.children[2].value
    (am,), (ac,) = box.artists["away"].get_data()
    assert m0 <= am <= m1 and c0 <= ac <= c1  # the arrow stays on the map's edge


def test_stepper_says_when_it_stops_and_sends_a_jpeg():
    x, y = fruit_points()
    box = pictures.descent_stepper(x, y, max_steps=25)
    image = box.children[3]
    assert image.format == "jpeg" and bytes(image.value).startswith(b"\xff\xd8")
    for _ in range(3):
        box.controls["10 steps"].click()
    assert box.state["steps"] == 25 and "stops at 25 steps" in box.children[2].value
    box.controls["reset"].click()
    assert "stops at" not in box.children[2].value


@pytest.mark.parametrize("rates", [(0.3,), (0.3, 1.1, 0.9)])
def test_stepper_picture_equals_a_full_redraw(rates):
    # the cached background plus the moving parts is the figure a full draw makes,
    # also after the loss axis has jumped to new limits and back (cached backgrounds)
    x, y = fruit_points()
    box = pictures.descent_stepper(x, y, rate=0.3)
    for rate in rates:
        box.controls["rate"].value = rate
        for _ in range(2):
            box.controls["10 steps"].click()
    assert len(box.picture.backgrounds) >= 2 * len(rates)  # the loss axis did jump
    fig = box.figure
    fast = np.asarray(fig.canvas.buffer_rgba()).copy()
    for name in box.picture.MOVING:
        box.artists[name].set_animated(False)
    fig.canvas.draw()
    full = np.asarray(fig.canvas.buffer_rgba())
    assert np.mean(np.any(fast != full, axis=-1)) < 0.001  # fewer than 0.1% of pixels differ (antialiasing)


def test_stepper_draws_the_backgrounds_one_click_away_while_idle():
    # in a kernel the stepper runs on an event loop: after each redraw it draws, one per turn,
    # the loss-axis backgrounds that the next click may need, so that click does not wait for them
    x, y = fruit_points()
    box = pictures.descent_stepper(x, y, rate=0.9)
    picture = box.picture
    away = box.one_click_away()
    assert [p.learning_rate for p in away] == [0.9, 0.9, 0.95, 0.85, 0.9]
    assert [p.steps for p in away] == [1, 10, 0, 0, 0]
    box.controls["10 steps"].click()  # at step 10, rate 0.95 has climbed: its loss axis is another
    away = box.one_click_away()
    assert [p.steps for p in away] == [11, 20, 10, 10, 0]
    assert picture.limits(away[2]) not in picture.backgrounds  # no event loop: nothing drawn ahead

    async def click_then_idle():
        box.controls["step"].click()
        await asyncio.sleep(0.5)

    asyncio.run(click_then_idle())
    away = box.one_click_away()
    assert [p.steps for p in away] == [12, 21, 11, 11, 0]
    assert len({picture.limits(p) for p in away}) >= 3
    assert all(picture.limits(p) in picture.backgrounds for p in away)
    shown = np.asarray(box.figure.canvas.buffer_rgba()).copy()
    box.controls["rate"].value = 0.95  # a prepared background: the picture equals a full redraw
    assert picture.limits(box.state["path"]) == (box.artists["axes"][2].get_xlim(), box.artists["axes"][2].get_ylim())
    fast = np.asarray(box.figure.canvas.buffer_rgba()).copy()
    for name in picture.MOVING:
        box.artists[name].set_animated(False)
    box.figure.canvas.draw()
    assert np.mean(np.any(fast != np.asarray(box.figure.canvas.buffer_rgba()), axis=-1)) < 0.001
    assert np.mean(np.any(fast != shown, axis=-1)) > 0.01  # and it did change
