"""The level 5 checks' own answers agree with nnlib, so a check that passes a learner tells the truth."""

import numpy as np
import pytest

from nnlib import gradcheck, recurrent
from nnlib.checks import core, level5
from tests.mistakes.level5 import RIGHT


def _lstm_case(seed, m=3, D=2, H=4):
    rng = np.random.default_rng(seed)
    params = [1.5 * p for p in recurrent.init_params("lstm", D, H, seed=seed)]
    x, h, c = rng.normal(size=(m, D)), rng.normal(size=(m, H)), rng.normal(0, 2, (m, H))
    _, _, cache = recurrent.lstm_step_forward(x, h, c, *params)
    return rng.normal(size=(m, H)), rng.normal(size=(m, H)), cache


def _lstm_step_backward(dh, dc, cache):
    """The worked answer of exercise 6, as the solutions notebook writes it."""
    x, h_prev, c_prev, Wx, Wh, i, f, g, o, tc = cache
    do = dh * tc
    dc_total = dc + dh * o * (1 - tc ** 2)
    di, df, dg = dc_total * g, dc_total * c_prev, dc_total * i
    dc_prev = dc_total * f
    da = np.hstack([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)])
    return da @ Wx, da @ Wh, dc_prev, da.T @ x, da.T @ h_prev, da.sum(axis=0)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_what_the_lstm_check_passes_is_nnlibs_lstm_step_backward(seed):
    """The check's message says a passing answer equals nnlib's: the answer it passes does."""
    level5.check_lstm_step_backward(_lstm_step_backward, seed=seed)
    dh, dc, cache = _lstm_case(seed)
    ours, theirs = _lstm_step_backward(dh, dc, cache), recurrent.lstm_step_backward(dh, dc, cache)
    assert len(theirs) == 6
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-14)


def _gru_step_backward(dh, cache):
    """The worked answer of exercise 8, as the solutions notebook writes it."""
    x, h_prev, Wx, Wh, r, z, n, ahn = cache
    dn = dh * (1 - z)
    dz = dh * (h_prev - n)
    dan = dn * (1 - n ** 2)
    dr = dan * ahn
    dar, daz = dr * r * (1 - r), dz * z * (1 - z)
    dax = np.hstack([dar, daz, dan])
    dah = np.hstack([dar, daz, dan * r])
    return dax @ Wx, dh * z + dah @ Wh, dax.T @ x, dah.T @ h_prev, dax.sum(axis=0), dah.sum(axis=0)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_what_the_gru_check_passes_is_nnlibs_gru_step_backward(seed):
    """The check's message says a passing answer equals nnlib's: the answer it passes does."""
    level5.check_gru_step_backward(_gru_step_backward, seed=seed)
    rng = np.random.default_rng(seed)
    params = [1.5 * p for p in recurrent.init_params("gru", 3, 4, seed=seed)]
    _, cache = recurrent.gru_step_forward(rng.normal(size=(2, 3)), rng.normal(size=(2, 4)), *params)
    dh = rng.normal(size=(2, 4))
    ours, theirs = _gru_step_backward(dh, cache), recurrent.gru_step_backward(dh, cache)
    assert len(theirs) == 6
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("seed", [0, 1])
def test_the_rnn_step_reference_is_nnlibs(seed):
    rng = np.random.default_rng(seed)
    Wx, Wh, b = recurrent.init_params("rnn", 2, 4, seed=seed)
    x, h_prev, dh = rng.normal(size=(3, 2)), rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    h, cache = level5.rnn_step_forward(x, h_prev, Wx, Wh, b)
    ours = level5.references()["rnn_step_backward"](dh, cache)
    theirs = recurrent.rnn_step_backward(dh, recurrent.rnn_step_forward(x, h_prev, Wx, Wh, b)[1])
    assert len(ours) == len(theirs) == 5
    for a_, b_ in zip(ours, theirs):
        np.testing.assert_allclose(a_, b_, rtol=1e-12, atol=1e-14)


def test_the_old_nested_return_is_named():
    def nested(dh, cache):
        x, h_prev, Wx, Wh, a, h = cache
        da = dh * (1 - h ** 2)
        return da @ Wx, da @ Wh, [da.T @ x, da.T @ h_prev, da.sum(axis=0)]

    with pytest.raises(core.CheckFailed, match="not a list inside it"):
        level5.check_rnn_step_backward(nested)


def _rnn_step_backward_off(dh, cache):
    """Right but for a small slip in db, which no diagnosis names."""
    x, h_prev, Wx, Wh, a, h = cache
    da = dh * (1 - h ** 2)
    return da @ Wx, da @ Wh, da.T @ x, da.T @ h_prev, da.sum(axis=0) + 1e-3


def test_a_hidden_case_never_shows_the_expected_values():
    """The visible cases may show the expected output (a debugging aid); a hidden (seeded) one does not."""
    with pytest.raises(core.CheckFailed, match="expected") as visible:
        level5.check_rnn_step_backward(_rnn_step_backward_off)
    with pytest.raises(core.CheckFailed, match="hidden case") as hidden:
        level5.check_rnn_step_backward(_rnn_step_backward_off, seed=2026)
    assert "expected" not in str(hidden.value).replace("expected values", ""), str(hidden.value)
    assert "expected" in str(visible.value)


@pytest.mark.parametrize("reference", ["_rnn_step_backward", "_bptt_variant", "_clip_reference",
                                       "_pool_reference", "_conv_input_reference", "_lstm_variant",
                                       "_gru_reference", "_fa_reference"])
def test_no_check_reference_is_public_or_callable_by_an_answer(reference):
    """The checks' references are private and named when an answer reaches one (issue 21)."""
    assert not any(name.endswith("_reference") and not name.startswith("_") for name in dir(level5))
    forbidden = {f for f, _ in level5.forbidden_functions("x")}
    assert getattr(level5, reference) in forbidden
    assert set(level5.references().values()) <= forbidden


@pytest.mark.parametrize("seed", [None, 0, 1])
def test_the_feedback_alignment_check_passes_the_lessons_update(seed):
    """The lesson's train_digits, one step: W2 and b2 move by backprop's gradient, W1 and b1 by the error sent
    back through B. An answer that computes it that way passes, and its dW2, db2 are the true gradient's."""
    def lessons_step(X, Y, W1, b1, W2, b2, B):
        a1 = np.tanh(X @ W1.T + b1)
        delta2 = (level5.softmax(a1 @ W2.T + b2) - Y) / X.shape[0]
        used_delta1 = (delta2 @ B) * (1 - a1 ** 2)
        return used_delta1.T @ X, used_delta1.sum(axis=0), delta2.T @ a1, delta2.sum(axis=0)

    level5.check_fa_backward(lessons_step, seed=seed)
    rng = np.random.default_rng(3)
    X, Y = rng.normal(size=(6, 4)), np.eye(3)[rng.integers(0, 3, 6)]
    W1, b1, W2, b2, B = (rng.normal(size=shape) for shape in [(5, 4), 5, (3, 5), 3, (3, 5)])

    def cost(params):
        q = level5.softmax(np.tanh(X @ params[0].T + params[1]) @ params[2].T + params[3])
        return -np.sum(Y * np.log(q)) / len(X)

    numeric = gradcheck.numerical_gradient(cost, [W1.copy(), b1.copy(), W2.copy(), b2.copy()])
    ours = lessons_step(X, Y, W1, b1, W2, b2, B)
    for a, b in zip(ours[2:], numeric[2:]):      # the output layer's updates are the true gradient
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-9)
    assert not np.allclose(ours[0], numeric[0])  # the hidden layer's is not: B is not W2


_FA_FORWARD = "a1 = np.tanh(X @ W1.T + b1)\np = softmax(a1 @ W2.T + b2)\n"  # the answer cell's first lines


@pytest.mark.parametrize("name", list(RIGHT["fa_backward_answer"]))
def test_other_right_forms_of_fa_backward_pass(name):
    answer = core.compiled_mistake(core.Mistake(name, RIGHT["fa_backward_answer"][name], ""), "fa_backward",
                                   "X, Y, W1, b1, W2, b2, B", _FA_FORWARD, {"softmax": level5.softmax})
    level5.check_fa_backward(answer)
    level5.check_fa_backward(answer, seed=2026)
