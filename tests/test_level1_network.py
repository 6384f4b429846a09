"""Level 1 additions: friendly game errors and history, exact-arithmetic scores, the lunch-box
network (a job no straight line can do), and the round-by-round view of the sorter learning."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib import data  # noqa: E402
from nnlib.guessing import GameError, SecretNumber, count_guesses  # noqa: E402
from nnlib.sorter import (LUNCHBOX, badge, learn, lunchbox_fruit, score, sort_fruit,  # noqa: E402
                          wired_sorters)
from nnlib.viz.network_pictures import draw_named_network, plot_lunchbox  # noqa: E402
from nnlib.viz.rounds import plot_rounds, round_view, round_views, rounds_widget  # noqa: E402


# ---------------------------------------------------------------- the game's one-line messages

@pytest.mark.parametrize("call, words", [
    (lambda g: g.guess(150), "150 can't be the secret"),
    (lambda g: g.guess("30"), "without quotes: game.guess(30)"),
    (lambda g: g.guess(2.5), "whole number from 1 to 100"),
    (lambda g: SecretNumber(seed=-3), "0 or more"),
    (lambda g: count_guesses(37, 1000), "count_guesses(37, 1, 1000)"),
])
def test_game_mistakes_get_one_friendly_line(call, words):
    with pytest.raises(GameError) as info:
        call(SecretNumber(seed=1))
    assert words in str(info.value)
    shown = info.value._render_traceback_()  # what Jupyter shows instead of a traceback
    assert len(shown) == 1 and shown[0].startswith("Oops! ") and words in shown[0]


def test_a_bad_guess_is_not_counted():
    game = SecretNumber(seed=1)
    with pytest.raises(GameError):
        game.guess(0)
    assert game.history == [] and game.guesses == 0


def test_history_keeps_every_guess_and_what_is_left(capsys):
    game = SecretNumber(seed=1)
    secret = game._secret
    below, above = max(secret - 5, 1), min(secret + 5, 100)
    game.guess(above)
    game.guess(below)
    assert game.history == [(above, "too big"), (below, "too small")] and game.guesses == 2
    capsys.readouterr()
    game.show_history()
    out = capsys.readouterr().out
    assert f"Guess 1: {above} is too big" in out and f"Still possible: {below + 1} to {above - 1}" in out
    game.guess(secret)
    game.show_history()
    assert "Still possible" not in capsys.readouterr().out.split("right!")[-1]


# ---------------------------------------------------------------- scores as school arithmetic

def test_a_score_of_exactly_zero_is_zero_and_means_apple():
    # 0.5 x 5.7 + 1.5 x 6.1 - 12 is exactly 0, but in binary floating point it is -1.8e-15 unrounded
    assert 0.5 * 5.7 + 1.5 * 6.1 - 12 != 0
    assert score(5.7, 6.1, 0.5, 1.5, -12) == 0
    r = sort_fruit(np.array([[5.7, 6.1]]), np.array([0]), 0.5, 1.5, -12.0)
    assert r.said.tolist() == [0] and r.n_right == 1 and r.scores[0] == 0
    assert str(score(8.0, 2.0, 0.5, -2.0, 0.0)) == "0.0"  # never -0.0


def test_scores_agree_with_exact_arithmetic_on_the_slider_grid():
    from fractions import Fraction
    X, y = data.fruit()
    for dials in [(0.5, 1.0, -9.0), (1.0, 0.5, -10.0), (-0.5, 1.5, -3.5), (1.5, 0.5, -14.5)]:
        exact = [sum(Fraction(str(d)) * Fraction(str(v)) for d, v in zip(dials[:2], row)) + Fraction(str(dials[2]))
                 for row in X]
        assert sort_fruit(X, y, *dials).said.tolist() == [int(e > 0) for e in exact]


def test_badge_only_for_a_perfect_setting(capsys):
    X, y = data.fruit()
    badge(X, y, 0.5, 1, -9)
    assert "golden badge: all 40 fruit sorted right" in capsys.readouterr().out
    badge(X, y, 1, 0, -8)
    out = capsys.readouterr().out
    assert "badge" not in out and "37 of 40" in out


def test_the_badge_is_a_picture(capsys):
    from nnlib.viz.pip import show_badge

    X, y = data.fruit()
    fig = show_badge(X, y, 0.5, 1, -9)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert fig.axes[0].get_title() == "Pip's golden badge" and "40 of 40" in texts
    assert any("You win the golden badge" in t for t in texts) and "golden badge" in capsys.readouterr().out
    assert any("Pip wins" in t.get_text() for t in show_badge(X, y, 0.5, 1, -9, who="Pip").axes[0].texts)
    fig = show_badge(X, y, 1, 0, -8)
    assert fig.axes[0].get_title() == "Not the badge yet"
    assert any("3 more to go" in t.get_text() for t in fig.axes[0].texts)
    plt.close("all")


def test_pip_and_the_fruit_are_drawn_from_one_set_of_shapes():
    from nnlib.viz.pip import MOODS, fruit_marker, fruit_shapes, medal_shapes, pip_shapes, svg_path

    for shapes, lo, hi in [(pip_shapes(m), 0, 100) for m in MOODS] + [(fruit_shapes(k), -10.6, 10.6) for k in
                                                                    ("apple", "orange")] + [(medal_shapes(), 0, 100)]:
        for s in shapes:
            v = svg_path(s["d"], flip=False).vertices
            assert lo <= v.min() and v.max() <= hi, s["name"]
    mouths = {m: next(s["d"] for s in pip_shapes(m) if s["name"] == "mouth") for m in MOODS}
    assert len(set(mouths.values())) == 3  # each mood its own face
    assert fruit_shapes("apple")[0]["fill"] == fruit_shapes("orange")[0]["fill"] == "body"
    assert {s["name"] for s in fruit_shapes("apple")} == {"body", "stem", "leaf"}  # an apple has a stem
    assert "stem" not in {s["name"] for s in fruit_shapes("orange")}
    extent = [np.abs(fruit_marker(k).vertices).max() for k in ("apple", "orange")]
    assert extent[0] == extent[1]  # both markers are scaled alike: an apple and an orange the same size
    with pytest.raises(ValueError, match="mood must be one of"):
        pip_shapes("grumpy")


# ---------------------------------------------------------------- the lunch box: wired sorters

def test_no_straight_line_sorts_the_lunchbox_fruit():
    X, y = lunchbox_fruit()
    assert np.bincount(y).tolist() == [20, 20]
    lo, hi = LUNCHBOX
    assert np.all(np.abs(X[:, 0] - lo) >= 0.29) and np.all(np.abs(X[:, 0] - hi) >= 0.29)
    # every direction, every offset: some fruit is always on the wrong side
    best = 0
    for angle in np.linspace(0, np.pi, 721):
        proj = X @ np.array([np.cos(angle), np.sin(angle)])
        order = np.argsort(proj)
        ys = y[order]
        # a threshold between sorted projections: yes above, or yes below
        for k in range(len(ys) + 1):
            above = ys[k:].sum() + (len(ys[:k]) - ys[:k].sum())
            best = max(best, above, len(ys) - above)
    assert best < 40 and best <= 32
    # and the computer's own learning never gets there
    assert min(learn(X, y, rounds=30).mistakes) > 0


def test_wired_sorters_sort_every_lunchbox_fruit_and_match_the_hand_sum():
    X, y = lunchbox_fruit()
    net = wired_sorters(X, y)
    assert net.n_right == 40 and net.n_mistakes == 0
    one = wired_sorters(np.array([[9.2, 3.0], [7.2, 3.0], [6.0, 3.0]]), np.array([0, 1, 0]))
    assert one.hidden.tolist() == [[1, 0], [1, 1], [0, 1]]  # big enough?, small enough?
    assert one.said.tolist() == [0, 1, 0]
    with pytest.raises(ValueError, match="one dial per first sorter"):
        wired_sorters(X, y, output=(1.0, -1.5))


def test_lunchbox_figure_and_named_network():
    X, y = lunchbox_fruit()
    fig, training, net = plot_lunchbox(X, y, rounds=20)
    assert len(fig.axes) == 3 and "every fruit right" in fig.axes[2].get_title()
    assert "still 12 mistakes" in fig.axes[0].get_title()  # as lesson 1 says
    assert net.n_mistakes == 0 and len(training.mistakes) == 20
    # readable at a notebook's width: shown 900 px wide (JupyterLab on a laptop), the titles, the words on the
    # lines and the legend are at least 14 px tall (at 12.5 inches, the words were 12 px)
    scale = 900 / (fig.get_size_inches()[0] * 72)  # px on the page per point of type
    words = [t for ax in fig.axes for t in ax.texts + [ax.title]] + fig.axes[0].get_legend().get_texts()
    small = [(t.get_text(), round(t.get_fontsize() * scale, 1)) for t in words if t.get_text()
             and t.get_fontsize() * scale < 14]
    assert len(fig.axes[1].texts) == 4 and not small, small
    ax = draw_named_network([["camera", "radar"], ["red light?", "something ahead?"], ["brake"]])
    words = [t.get_text() for t in ax.texts]
    assert "red light?" in words and "something ahead?" in words and len(ax.patches) == 5
    assert len(ax.lines) == 2 * 2 + 2 * 1  # every box wired to every box of the next column
    with pytest.raises(ValueError, match="at least two"):
        draw_named_network([["alone"]])
    plt.close("all")


# ---------------------------------------------------------------- learning seen round by round

def test_round_view_follows_the_training():
    X, y = data.fruit()
    training = learn(X, y)
    views = round_views(X, y, training)
    assert views[0].n_mistakes == 20 and views[0].mistakes_made is None and "Before learning" in views[0].caption
    assert [v.mistakes_made for v in views[1:]] == training.mistakes
    assert views[-1].n_mistakes == 0 and "nothing to" in views[-1].caption and views[-1].done
    for v in views:
        assert v.n_right == sort_fruit(X, y, *v.dials).n_right
    with pytest.raises(ValueError, match="from 0"):
        round_view(X, y, training, len(training.dials))


def test_the_two_counts_of_a_round_are_never_confused():
    # the bars count mistakes while learning, the picture the fruit its line gets wrong after the round:
    # every title and caption names each count with its own words, and each number is the true one
    X, y = data.fruit()
    training = learn(X, y)
    for v in round_views(X, y, training)[1:]:
        made, wrong = v.mistakes_made, v.n_mistakes
        assert f"({made} mistake" in v.title and "while learning" in v.title
        assert (f"its line gets {wrong} fruit wrong" in v.title) or (wrong == 0 and "all 40 fruit right!" in v.title)
        assert f"made {made} mistake" in v.caption or (made == 0 and "made no mistakes" in v.caption)
        assert (f"its line gets {wrong} fruit wrong" in v.caption) == (wrong > 0)
        assert ("more than during the round" in v.caption) == (wrong > made)
    round3 = round_view(X, y, training, 3)
    assert (round3.mistakes_made, round3.n_mistakes) == (7, 10)  # the lesson's round 3
    assert round3.caption.endswith("The next round fixes them.")
    assert "no line yet" in round_view(X, y, training, 0).title  # every dial at 0: no line to draw


def test_rounds_widget_plays_in_the_browser_and_static_figure_has_a_panel_per_round():
    X, y = data.fruit()
    training = learn(X, y)
    box = rounds_widget(X, y, training)
    (play, slider), plot = box.children[0].children, box.children[1]
    assert slider.max == play.max == len(training.mistakes) and play.interval > 0
    assert box.links[0].source == (play, "value") and box.links[0].target == (slider, "value")
    assert box.links[1].source == (slider, "value") and box.links[1].target == (plot, "frame")
    views = round_views(X, y, training)
    assert [f["caption"] for f in plot.frames] == [v.caption for v in views]
    assert [f["title"] for f in plot.frames] == [v.title for v in views]
    assert [tuple(f["dials"]) for f in plot.frames] == training.dials
    assert plot.mistakes == training.mistakes and plot.frames[-1]["done"]
    assert "export default" in plot._esm and "function sorterScene" in plot._esm
    fig = plot_rounds(X, y, training)
    titled = [ax for ax in fig.axes if ax.get_title()]
    assert [ax.get_title() for ax in titled] == [v.title for v in views]
    assert len(fig.legends) == 1
    scale = 900 / (fig.get_size_inches()[0] * 72)  # px on the page per point, shown 900 px wide
    words = [t for ax in fig.axes for t in ax.texts + [ax.title] if t.get_text() and t.get_visible()]
    small = [(t.get_text(), round(t.get_fontsize() * scale, 1)) for t in words if t.get_fontsize() * scale < 14]
    assert len(words) >= 2 * len(views) and not small, small  # titles and the "says" words
    plt.close("all")


def test_sorter_mistakes_get_one_friendly_line():
    from nnlib.sorter import SorterError, try_dials
    X, y = data.fruit()
    for call, words in [(lambda: try_dials(X, y, "1", 0, -8), "without quotes"),
                        (lambda: try_dials(X, y, float("nan"), 0, -8), "ordinary number"),
                        (lambda: learn(X, y, rounds=0), "rounds")]:
        with pytest.raises(SorterError) as info:
            call()
        shown = info.value._render_traceback_()
        assert len(shown) == 1 and shown[0].startswith("Oops! ") and words in shown[0]
