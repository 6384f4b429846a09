"""Level 1 (kid): the guessing game, the fruit sorter's widget logic and the dial-turning rule."""

import itertools

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from nnlib import data  # noqa: E402
from nnlib.guessing import SecretNumber, answer, count_guesses, most_guesses, play  # noqa: E402
from nnlib.sorter import learn, nudge, score, sort_fruit  # noqa: E402
from nnlib.viz.guessing import GuessPicture, draw_guesses, guessing_widget  # noqa: E402
from nnlib.viz.pip import SAYS  # noqa: E402
from nnlib.viz.sorter import (DIAL_RANGE, LEAN_RANGE, START, SorterPicture, draw_kid_network,  # noqa: E402
                              fruit_colours, sorter_caption, sorter_widget)

APPLE, ORANGE = SAYS[0]["colour"], SAYS[1]["colour"]  # what the sorter says


@pytest.fixture(scope="module")
def fruit():
    return data.fruit()


# ---------------------------------------------------------------- guessing game

def test_answers():
    assert answer(37, 50) == "too big" and answer(37, 25) == "too small" and answer(37, 37) == "right!"


def test_play_finds_37_by_halving():
    turns = play(37)
    assert [t.guess for t in turns] == [50, 25, 37]
    assert [t.answer for t in turns] == ["too big", "too small", "right!"]
    assert [(t.low, t.high) for t in turns] == [(1, 100), (1, 49), (26, 49)]


@pytest.mark.parametrize("low,high,most", [(1, 100, 7), (1, 1000, 10), (1, 1, 1), (1, 7, 3), (1, 8, 4), (5, 20, 5), (3, 17, 4)])
def test_most_guesses_is_the_worst_secret(low, high, most):
    counts = [count_guesses(s, low, high) for s in range(low, high + 1)]
    assert max(counts) == most == most_guesses(low, high)
    for s in range(low, high + 1):  # every secret is found, and the range always holds it
        for t in play(s, low, high):
            assert t.low <= s <= t.high and t.low <= t.guess <= t.high


def test_guess_counts_for_1_to_100():
    counts = np.bincount([count_guesses(s) for s in range(1, 101)])
    assert counts[1:].tolist() == [1, 2, 4, 8, 16, 32, 37]


def test_play_rejects_bad_input():
    with pytest.raises(ValueError, match="between 1 and 100"):
        play(101)
    with pytest.raises(ValueError, match="swap"):
        play(5, 10, 1)
    with pytest.raises(TypeError, match="whole number"):
        play(3.5)


def test_secret_number_game(capsys):
    game = SecretNumber(seed=0)
    secret = game._secret
    game.guess(1 if secret > 1 else 2)
    game.guess(secret)
    out = capsys.readouterr().out
    assert "too small" in out or "too big" in out
    assert f"{secret} is right! You needed 2 guesses" in out
    with pytest.raises(ValueError, match="whole number from 1 to 100"):
        game.guess("50")
    with pytest.raises(ValueError, match="whole number from 1 to 100"):
        game.guess(0)


def test_secret_number_seed_picks_the_secret(capsys):
    # the lesson's cell: SecretNumber(seed=1); a bare number is the seed too, never the low end
    assert SecretNumber(1)._secret == SecretNumber(seed=1)._secret
    secrets = {SecretNumber(seed=s)._secret for s in range(10)}
    assert len(secrets) > 5 and all(1 <= s <= 100 for s in secrets)
    with pytest.raises(TypeError):
        SecretNumber(7, 20)  # low and high are keyword only
    with pytest.raises(ValueError, match="seed=1"):
        SecretNumber(seed=2.5)
    game = SecretNumber(seed=1, low=1, high=10)
    assert 1 <= game._secret <= 10
    game.guess(game._secret)
    assert "You needed 1 guess. " in capsys.readouterr().out  # not "1 guesses"


def test_count_guesses_explains_a_secret_outside_the_game():
    assert count_guesses(37, 1, 1000) == 10
    with pytest.raises(ValueError, match=r"from 1 to 100\. Write the secret first.*count_guesses\(37, 1, 1000\)"):
        count_guesses(1000)
    with pytest.raises(TypeError, match="whole number"):
        count_guesses(3.5)


def test_guess_picture_updates_in_place():
    fig, ax = plt.subplots()
    picture = draw_guesses(37, ax=ax)
    lines, texts = len(ax.lines), len(ax.texts)
    turns = picture.update(100)
    assert len(turns) == 7 and len(ax.lines) == lines and len(ax.texts) == texts
    assert picture.dots.get_offsets().shape == (7, 2)
    assert picture.secret_line.get_ydata()[0] == 100
    assert "7 guesses" in ax.get_title()
    picture.update(50)
    assert picture.dots.get_offsets().shape == (1, 2) and "1 guess" in ax.get_title()
    assert [w.get_text() for w in picture.words[:2]] == ["50", ""]
    assert [t.get_text() for t in ax.get_xticklabels()[:2]] == ["1\nright!", "2"]
    plt.close(fig)


# The guessing game's widget is tested in tests/test_widgets.py.


# ---------------------------------------------------------------- the sorter

def test_score_formula():
    assert score(8, 6, 0.5, 1, -9) == pytest.approx(1.0)
    assert score(9, 4, 1, 0.5, -10) == pytest.approx(1.0)


def test_sort_fruit_counts_and_colours(fruit):
    X, y = fruit
    perfect = sort_fruit(X, y, 0.5, 1.0, -9)
    assert perfect.n_right == 40 and perfect.n_mistakes == 0 and perfect.message == "All 40 fruit sorted right!"
    assert fruit_colours(perfect.said) == [ORANGE if label else APPLE for label in y]
    start = sort_fruit(X, y, *START)
    assert (start.n_right, start.n_mistakes) == (37, 3)
    assert start.message == "37 of 40 sorted right (3 mistakes)"
    np.testing.assert_allclose(start.scores, X[:, 0] * 1.0 - 8)
    # each fruit is painted the colour of what the sorter says, whatever it really is
    assert fruit_colours(start.said) == [ORANGE if s > 0 else APPLE for s in start.scores]
    assert np.array_equal(start.right, (start.scores > 0) == (y == 1))
    nothing = sort_fruit(X, y, 0, 0, 0)  # score 0 is not above 0: every fruit an apple
    assert (nothing.said == 0).all() and nothing.n_right == 20


def test_score_exactly_zero_means_apple():
    r = sort_fruit(np.array([[4.0, 2.0]]), np.array([0]), 1.0, 1.0, -6.0)
    assert r.said.tolist() == [0] and r.n_right == 1


def test_a_child_can_find_a_perfect_setting_on_the_slider_grid(fruit):
    X, y = fruit
    dials = np.arange(DIAL_RANGE[0], DIAL_RANGE[1] + 1e-9, DIAL_RANGE[2])
    leans = np.arange(LEAN_RANGE[0], LEAN_RANGE[1] + 1e-9, LEAN_RANGE[2])
    perfect = [(a, c, b) for a, c, b in itertools.product(dials, dials, leans)
               if sort_fruit(X, y, a, c, b).n_mistakes == 0]
    assert len(perfect) >= 40
    assert (0.5, 1.0, -9.0) in perfect and (0.0, 1.0, -5.0) in perfect
    for v, (lo, hi, step) in zip(START, (DIAL_RANGE, DIAL_RANGE, LEAN_RANGE)):
        assert lo <= v <= hi and round((v - lo) / step, 9) % 1 == 0


def test_sort_fruit_rejects_bad_input(fruit):
    X, y = fruit
    with pytest.raises(ValueError, match="two columns"):
        sort_fruit(X[:, :1], y, 1, 1, 0)
    with pytest.raises(ValueError, match="one label"):
        sort_fruit(X, y[:-1], 1, 1, 0)
    with pytest.raises(TypeError, match="dial_size must be a number"):
        sort_fruit(X, y, "1", 1, 0)


def test_sorter_picture_updates_artists_in_place(fruit):
    X, y = fruit
    fig, ax = plt.subplots()
    picture = SorterPicture(ax, X, y)
    n_artists = len(ax.get_children())
    result = picture.update(*START)
    assert len(ax.get_children()) == n_artists
    assert picture.rings.get_offsets().shape == (3, 2)
    apples_pick, apples = picture.marks[0]
    painted = [matplotlib.colors.to_hex(c) for c in apples.get_facecolor()]
    assert painted == [c.lower() for c, keep in zip(fruit_colours(result.said), apples_pick) if keep]
    assert "37 of 40" in ax.get_title()
    x, line_y = picture.line.get_data()
    assert np.allclose(x, [8.0, 8.0])  # size only: a vertical line at size 8
    picture.update(0.5, 1.0, -9)
    assert picture.rings.get_offsets().shape == (0, 2) and "All 40" in ax.get_title()
    x, line_y = picture.line.get_data()
    assert np.allclose(0.5 * np.asarray(x) + 1.0 * np.asarray(line_y) - 9, 0)  # on the line the score is 0
    land = picture.land.get_array()
    assert land.min() == 0 and land.max() == 1
    picture.update(0, 0, 0)
    assert len(picture.line.get_data()[0]) == 0  # no line when both dials are 0
    plt.close(fig)


# The sorter's widget is tested in tests/test_widgets.py.


def test_sorter_caption_shows_the_rule_and_the_closest_call():
    X, y = data.fruit()
    text = sorter_caption(X, y, 1, 0, -8)
    assert text.startswith("score = 1 x size + 0 x colour - 8.\n37 of 40 sorted right: 3 mistakes "
                           "(2 oranges called apple, 1 apple called orange).\nTip: ")
    assert text.split("\n")[3].startswith("Closest call: ")
    # the fruit nearest the line: size 7.9, colour 6.3, score 7.9 - 8 = -0.1, an orange called apple
    assert "size 7.9 and colour 6.3 scores -0.10, so the sorter says apple (a mistake: it is really an orange)" in text
    assert sorter_caption(X, y, -0.5, 1.5, 3).startswith("score = -0.5 x size + 1.5 x colour + 3.\n")
    assert "(right!)" in sorter_caption(X, y, 0.5, 1, -9)


# ---------------------------------------------------------------- turning the dials

def test_nudge_leaves_a_right_answer_alone():
    assert nudge((0.5, 1.0, -9.0), 8, 6, 1) == ((0.5, 1.0, -9.0), False)


def test_nudge_turns_up_after_an_orange_called_apple():
    dials, mistake = nudge((0.0, 0.0, 0.0), 8, 6, 1, step=0.1, lean_step=3)
    assert mistake and dials == pytest.approx((0.8, 0.6, 3.0))
    assert score(8, 6, *dials) > score(8, 6, 0, 0, 0)  # the nudge moved the score the right way


def test_nudge_turns_down_after_an_apple_called_orange():
    dials, mistake = nudge((1.0, 0.5, -10.0), 9, 4, 0, step=0.1, lean_step=3)
    assert mistake and dials == pytest.approx((0.1, 0.1, -13.0))
    assert score(9, 4, *dials) < score(9, 4, 1.0, 0.5, -10.0)


def test_nudge_rejects_a_label_that_is_not_0_or_1():
    with pytest.raises(ValueError, match="0 \\(apple\\) or 1 \\(orange\\)"):
        nudge((0, 0, 0), 8, 6, "orange")


def test_training_reaches_no_mistakes(fruit):
    X, y = fruit
    t = learn(X, y)
    assert t.mistakes == [16, 9, 7, 2, 0]
    assert len(t.dials) == len(t.mistakes) + 1 and t.dials[0] == (0.0, 0.0, 0.0)
    assert sort_fruit(X, y, *t.dials[-1]).n_mistakes == 0
    # each round replays nudge over the fruit in order
    d = t.dials[0]
    for (s, c), label in zip(X, y):
        d, _ = nudge(d, s, c, int(label))
    assert d == pytest.approx(t.dials[1])


def test_learned_line_only_just_misses_one_apple(fruit):
    # the lesson says: the line squeezes between them and only just misses the apple (6.5, 4.9), score -0.16
    X, y = fruit
    t = learn(X, y)
    result = sort_fruit(X, y, *t.dials[-1])
    closest = int(np.argmin(np.abs(result.scores)))
    assert X[closest].tolist() == [6.5, 4.9] and y[closest] == 0
    assert round(result.scores[closest], 2) == -0.16
    others = np.delete(np.abs(result.scores), closest)
    assert others.min() > 0.5  # every other fruit is well away from the line


def test_train_rejects_bad_rounds(fruit):
    with pytest.raises(ValueError, match="rounds"):
        learn(*fruit, rounds=0)


def test_kid_network_figure_fits_the_network():
    # each network gets its own figure, sized to it: no blank band, never wider than a laptop cell
    small = draw_kid_network([2, 3, 2], ["size", "colour"], ["apple?", "orange?"])
    car = draw_kid_network([5, 6, 6, 3], list("abcde"), ["steer", "brake", "speed up"])
    for ax in (small, car):
        width, height = ax.figure.get_size_inches()
        assert width <= 7.2 + 1e-9
        lowest = min(p.center[1] for p in ax.patches)
        assert ax.get_ylim()[0] >= lowest - 1.5
    assert car.figure.get_size_inches()[1] > small.figure.get_size_inches()[1]  # the taller network is taller
    plt.close("all")


def test_kid_network_has_no_symbols():
    fig, ax = plt.subplots()
    draw_kid_network([2, 3, 1], ["size", "colour"], ["orange?"], ax=ax)
    words = [t.get_text() for t in ax.texts]
    assert not any("$" in w for w in words) and "small\nsorters" in words and "its\nanswer" in words
    with pytest.raises(ValueError, match="single sorter"):
        draw_kid_network([2, 3, 1], ["size", "colour"], ["orange?"], ax=ax, dials=True)
    plt.close(fig)


# ---------------------------------------------------------------- the lesson's two sittings

def _lesson():
    import json
    from pathlib import Path

    return json.loads((Path(__file__).resolve().parent.parent / "lessons" / "01_kid.ipynb").read_text())


def _code(cell):
    return "\n".join(line for line in "".join(cell["source"]).splitlines() if not line.startswith("#"))


def test_each_sitting_starts_with_one_cell_that_makes_everything_ready():
    cells = _lesson()["cells"]
    ready = [i for i, c in enumerate(cells) if c["cell_type"] == "code" and "friendly.install()" in "".join(c["source"])]
    assert len(ready) == 2, "one get-ready cell for each sitting"
    first_code = next(i for i, c in enumerate(cells) if c["cell_type"] == "code")
    assert ready[0] == first_code and _code(cells[ready[0]]) == _code(cells[ready[1]])
    heading = "".join(cells[ready[1] - 1]["source"])
    assert heading.startswith("## Second sitting? Start here")
    assert "".join(cells[ready[1] + 1]["source"]).startswith("## 5.")


def test_the_second_sitting_runs_from_its_own_first_cell_in_a_fresh_kernel():
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.reads(__import__("json").dumps(_lesson()), as_version=4)
    start = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and
                 "".join(c.source).startswith("# Second sitting"))
    nb.cells = nb.cells[start:]
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()  # raises on the first failing cell
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error" or (o.output_type == "stream" and o.name == "stderr")]
    assert not errors, errors
