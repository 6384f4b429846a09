"""The level 1 widgets (fruit sorter, guessing game): their wiring to the browser-drawn pictures and
the sorter's caption checked against exact arithmetic."""

import re
from fractions import Fraction

import numpy as np
import pytest

from nnlib import data
from nnlib.guessing import play
from nnlib.viz.guessing import guess_plot, guessing_widget, history_text
from nnlib.viz.sorter import (DIAL_RANGE, LEAN_RANGE, START, axis_limits, perfect_leans, score_text, settled,
                              side_spots, sorter_caption, sorter_plot, sorter_view, sorter_widget)


def exact_scores(X, dials):
    """Every fruit's score in exact arithmetic: the fruit and the dials as the decimals they are written as."""
    a, b, c = (Fraction(str(float(d))) for d in dials)
    return [a * Fraction(str(s)) + b * Fraction(str(t)) + c for s, t in X]


# The 10 dial settings of the sliders' grid where the computer's sum lands on the wrong side of 0
# (a fruit scoring exactly 0, an apple, came out 1e-15 above it), and 4 ordinary ones.
EDGES = [(-1.0, 2.0, -7.0), (-0.5, 1.0, -3.5), (0.5, 1.5, -15.0), (1.5, -1.0, -8.0), (1.5, -1.0, -7.5),
         (1.5, -1.0, -7.0), (1.5, -1.0, -6.5), (1.5, 0.5, -15.5), (1.5, 0.5, -15.0), (1.5, 1.5, -15.0)]
ORDINARY = [START, (0.5, 1.0, -9.0), (-0.5, 1.5, 3.0), (0.0, 0.0, 0.0)]


@pytest.mark.parametrize("dials", EDGES + ORDINARY)
def test_sorter_agrees_with_exact_arithmetic(dials):
    X, y = data.fruit()
    exact = exact_scores(X, dials)
    result = settled(X, y, *dials)
    assert [int(e > 0) for e in exact] == result.said.tolist()
    assert result.scores.tolist() == [float(e) for e in exact]  # rounded back onto the exact values
    text = sorter_caption(X, y, *dials)
    assert "-0.00" not in text
    if not sorter_view(X, y, *dials).on_picture:  # no closest call to speak of: every fruit on one side
        word = "orange" if exact[0] > 0 else "apple"
        assert text.endswith(f"The line is off the picture, so the sorter says {word} to every fruit.")
        assert len({e > 0 for e in exact}) == 1
        return
    i = int(np.argmin([abs(e) for e in exact]))  # the closest call, exactly
    assert f"size {X[i, 0]:g} and colour {X[i, 1]:g} scores {float(exact[i]):.2f}" in text
    said = "orange" if exact[i] > 0 else "apple"
    assert f"so the sorter says {said} (" in text
    if exact[i] == 0:
        assert "scores 0.00, which is not above 0, so the sorter says apple" in text


def test_the_edge_settings_are_real_edges():
    # each EDGES setting has a fruit scoring exactly 0 that plain floating point calls an orange;
    # nnlib.sorter.sort_fruit rounds its scores, so it agrees with exact arithmetic there
    from nnlib.sorter import sort_fruit

    X, y = data.fruit()
    for dials in EDGES:
        exact = [int(e > 0) for e in exact_scores(X, dials)]
        plain = (X[:, 0] * dials[0] + X[:, 1] * dials[1] + dials[2] > 0).astype(int)
        assert plain.tolist() != exact
        assert sort_fruit(X, y, *dials).said.tolist() == exact


@pytest.mark.parametrize("value,text", [(0.0, "0.00"), (-0.0, "0.00"), (-1e-16, "0.00"), (0.1 + 0.2 - 0.3, "0.00"),
                                        (-0.1, "-0.10"), (0.004, "0.004"), (-0.004, "-0.004"), (2.345, "2.35")])
def test_score_text_never_hides_the_side_of_zero(value, text):
    assert score_text(value) == text


def test_sorter_widget_links_its_sliders_to_the_page():
    X, y = data.fruit()
    box = sorter_widget(X, y)
    size, colour, lean, caption, plot = box.children
    assert plot is box.plot
    assert (size.value, colour.value, lean.value) == START
    assert (size.min, size.max, size.step) == DIAL_RANGE
    assert (lean.min, lean.max, lean.step) == LEAN_RANGE
    assert {link.target[1]: link.source[0] for link in box.links} == {"size_dial": size, "colour_dial": colour,
                                                                       "lean": lean}
    assert (plot.size_dial, plot.colour_dial, plot.lean) == START
    np.testing.assert_array_equal(np.array(plot.X), X)
    assert plot.y == y.tolist() and plot.decimals == 9
    assert "score = 1 x size + 0 x colour - 8." in caption.value
    colour.value = 1.0
    assert "score = 1 x size + 1 x colour - 8." in caption.value  # the kernel rewrites the rule
    assert "Tip: slide the lean down (to the left)" in caption.value
    assert set(plot.art) == {"fruit", "says", "ink", "pip", "medal"}  # the drawings the page places
    text = box._repr_mimebundle_()["text/plain"]  # the stored text line of the lessons
    assert text.startswith("VBox(children=(FloatSlider(value=1.0, description='size dial', "
                           "layout=Layout(width='680px'), max=2.0, min=-1.0")


GRID = [(a, b, c) for a in np.arange(DIAL_RANGE[0], DIAL_RANGE[1] + 1e-9, DIAL_RANGE[2])
        for b in np.arange(DIAL_RANGE[0], DIAL_RANGE[1] + 1e-9, DIAL_RANGE[2])
        for c in np.arange(LEAN_RANGE[0], LEAN_RANGE[1] + 1e-9, 2.5)]


def test_the_tip_is_exact_on_the_whole_slider_grid():
    X, y = data.fruit()
    for a, b, c in GRID:
        view = sorter_view(X, y, float(a), float(b), float(c))
        r = view.result
        assert view.celebrate == (r.n_mistakes == 0)
        good = perfect_leans(X, y, float(a), float(b))
        apples = int(np.sum(~r.right & (y == 0)))
        oranges = int(np.sum(~r.right & (y == 1)))
        if view.celebrate:
            assert "badge" in view.tip and view.count == "All 40 fruit sorted right!"
            continue
        assert f"{apples} apple" in view.count or not apples
        assert f"{oranges} orange" in view.count or not oranges
        if "a lean there sorts every fruit" in view.tip:  # true: a reachable lean that way sorts all 40
            down = "down (to the left)" in view.tip
            assert any((g < c) if down else (g > c) for g in good)
            named = re.search(r"(\d+) steps \(press [\u2190\u2192] \1 times\)", view.tip)
            if named:  # the number of steps named lands on a perfect lean
                assert round(c + (-1 if down else 1) * int(named.group(1)) * LEAN_RANGE[2], 9) in good, view.tip
        elif "cannot fix both" in view.tip:  # true: no lean can, there are both kinds of mistakes
            assert apples and oranges and not good
        else:
            assert "no lean fixes them all" in view.tip and not good


def test_a_child_who_follows_the_tips_wins_the_badge():
    # from the start, a child who turns the colour dial up one step when told to turn a dial, and
    # slides the lean one step the way the tip says, sorts every fruit
    X, y = data.fruit()
    dials = list(START)
    seen = []
    for _ in range(40):
        view = sorter_view(X, y, *dials)
        seen.append(view.result.n_mistakes)
        if view.celebrate:
            break
        if "turn a dial" in view.tip:
            dials[1] += DIAL_RANGE[2]
        else:
            dials[2] += -LEAN_RANGE[2] if "down (to the left)" in view.tip else LEAN_RANGE[2]
    assert view.celebrate, seen
    assert len(seen) <= 12 and seen[-1] == 0
    lean_moves = seen[2:]  # after the dial turn, each lean step the tip asks for lowers the mistakes
    assert all(b < a for a, b in zip(lean_moves, lean_moves[1:])), seen


def test_the_caption_says_where_the_line_went_when_it_is_off_the_picture():
    X, y = data.fruit()
    view = sorter_view(X, y, 1.0, 0.0, 5.0)  # every score above 0: the line is far to the left
    assert not view.on_picture and "(right!)" not in view.caption and "Closest call" not in view.caption
    assert view.count == "20 of 40 sorted right: 20 mistakes (20 apples called orange)."
    assert view.close == "The line is off the picture, so the sorter says orange to every fruit."
    assert sorter_view(X, y, 0.0, 0.0, 0.0).close.endswith("says apple to every fruit.")
    assert sorter_view(X, y, *START).on_picture


@pytest.mark.parametrize("dials", [START, (1.0, 0.5, -10.0), (0.5, 1.0, -9.0), (-1.0, 2.0, -3.0), (1.0, 0.0, 5.0)])
def test_the_words_on_each_side_sit_on_that_side_away_from_the_fruit(dials):
    X, y = data.fruit()
    limits = axis_limits(X)
    (x0, x1), (y0, y1) = limits
    spots = side_spots(X, *dials, limits)
    for label, spot in spots.items():
        if spot is None:
            continue
        u, v = spot
        assert x0 < u < x1 and y0 < v < y1
        assert (dials[0] * u + dials[1] * v + dials[2] > 0) == bool(label)
        gap = np.min(np.hypot((X[:, 0] - u) / (x1 - x0), (X[:, 1] - v) / (y1 - y0)))
        assert gap > 0.08  # a clear space, not on top of a fruit
    on_picture = sorter_view(X, y, *dials).on_picture
    assert (spots[0] is not None and spots[1] is not None) == on_picture


def test_what_the_sorter_says_is_told_apart_by_colour_blind_eyes():
    from nnlib.viz.pip import SAYS, colour_difference

    assert round(colour_difference("#D55E00", "#E69F00", "deuteranopia")) == 18  # the old pair: too close
    for vision in (None, "deuteranopia", "protanopia", "tritanopia"):
        assert colour_difference(SAYS[0]["colour"], SAYS[1]["colour"], vision) > 55
        assert colour_difference(SAYS[0]["tint"], SAYS[1]["tint"], vision) > 17
    assert colour_difference(SAYS[0]["tint"], SAYS[1]["tint"], "deuteranopia") > 22


def test_sorter_plot_ticks_lie_on_the_axes():
    X, y = data.fruit()
    plot = sorter_plot(X, y)
    for ticks, (lo, hi) in ((plot.xticks, plot.xlim), (plot.yticks, plot.ylim)):
        assert len(ticks) >= 3 and all(lo <= v <= hi for v, _ in ticks)
    assert plot.xlim[0] < X[:, 0].min() and plot.xlim[1] > X[:, 0].max()


def test_guess_plot_carries_every_game_of_nnlib():
    plot = guess_plot(1, 100, 37)
    assert plot.most == 7 and len(plot.games) == 100
    for secret in (1, 37, 64, 100):
        assert plot.games[secret - 1] == [[t.low, t.high, t.guess, t.answer] for t in play(secret)]


def test_guessing_widget_links_its_slider_and_shows_the_childs_guesses():
    box = guessing_widget(start=37)
    slider, words, plot = box.children
    assert box.links[0].source == (slider, "value") and box.links[0].target == (plot, "secret")
    assert plot.secret == 37 and words.value == ""

    class Game:  # a game keeping the child's guesses (nnlib.guessing's SecretNumber, once it has .history)
        history = []

    game = Game()
    box = guessing_widget(game=game)
    assert box.children[1].value == ""
    game.history = [50, 25]
    box.children[0].value = 40  # the kernel reads the history again at each move
    assert box.children[1].value == "Your guesses so far: 50, 25"


@pytest.mark.parametrize("history,text", [
    ([], ""), (None, ""), ([50], "Your guesses so far: 50"),
    ([(50, "too big"), (25, "too small")], "Your guesses so far: 50 (too big), 25 (too small)"),
])
def test_history_text(history, text):
    class Game:
        pass

    game = Game()
    if history is not None:
        game.history = history
    assert history_text(game) == text
    assert history_text(object()) == ""
