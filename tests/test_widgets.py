"""The level 1 widgets (fruit sorter, guessing game): their wiring to the browser-drawn pictures and
the sorter's caption checked against exact arithmetic."""

from fractions import Fraction

import numpy as np
import pytest

from nnlib import data
from nnlib.guessing import play
from nnlib.viz.guessing import guess_plot, guessing_widget, history_text
from nnlib.viz.sorter import (DIAL_RANGE, LEAN_RANGE, START, score_text, settled, sorter_caption,
                              sorter_plot, sorter_widget)


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
    i = int(np.argmin([abs(e) for e in exact]))  # the closest call, exactly
    assert f"size {X[i, 0]:g} and colour {X[i, 1]:g} scores {float(exact[i]):.2f}" in text
    assert "-0.00" not in text
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
    text = box._repr_mimebundle_()["text/plain"]  # the stored text line of the lessons
    assert text.startswith("VBox(children=(FloatSlider(value=1.0, description='size dial', "
                           "layout=Layout(width='480px'), max=2.0, min=-1.0")


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
