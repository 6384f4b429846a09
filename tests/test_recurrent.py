"""nnlib.recurrent and nnlib.clip: every gradient against central differences, BPTT's bookkeeping, clipping."""

import numpy as np
import pytest

from nnlib import clip, numerical_gradient, recurrent, relative_difference

KINDS = ["rnn", "lstm", "gru"]


def _problem(kind, T=5, m=3, D=2, H=4, seed=0):
    rng = np.random.default_rng(seed)
    params = [1.5 * p for p in recurrent.init_params(kind, D, H, seed=seed + 1)]
    xs = rng.normal(size=(T, m, D))
    h0 = rng.normal(size=(m, H))
    state0 = (h0, rng.normal(size=(m, H))) if kind == "lstm" else h0
    G = rng.normal(size=(T, m, H))
    return params, xs, state0, G


def _loss(kind, params, xs, state0, G):
    hs, _ = recurrent.sequence_forward(kind, xs, params, state0)
    return float(np.sum(hs * G))


@pytest.mark.parametrize("kind", KINDS)
def test_bptt_gradients_match_central_differences(kind):
    params, xs, state0, G = _problem(kind)
    _, cache = recurrent.sequence_forward(kind, xs, params, state0)
    dxs, dstate0, *grads = recurrent.sequence_backward(kind, G, cache)
    numeric = numerical_gradient(lambda ps: _loss(kind, ps, xs, state0, G), params)
    assert relative_difference(grads, numeric) < 1e-8
    num_x = numerical_gradient(lambda a: _loss(kind, params, a[0], state0, G), [xs])[0]
    assert relative_difference(dxs, num_x) < 1e-8
    if kind == "lstm":
        num_s = numerical_gradient(lambda s: _loss(kind, params, xs, (s[0], s[1]), G), list(state0))
        assert relative_difference(list(dstate0), num_s) < 1e-8
    else:
        num_h = numerical_gradient(lambda s: _loss(kind, params, xs, s[0], G), [state0])[0]
        assert relative_difference(dstate0, num_h) < 1e-8


def test_step_backward_of_each_cell():
    rng = np.random.default_rng(4)
    x, h, c = rng.normal(size=(3, 2)), rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    G, Gc = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    for kind, fwd, bwd in (("rnn", recurrent.rnn_step_forward, recurrent.rnn_step_backward),
                           ("gru", recurrent.gru_step_forward, recurrent.gru_step_backward)):
        params = recurrent.init_params(kind, 2, 4, seed=5)
        _, cache = fwd(x, h, *params)
        dx, dh, *grads = bwd(G, cache)
        num = numerical_gradient(lambda a: np.sum(fwd(a[0], a[1], *params)[0] * G), [x, h])
        assert relative_difference([dx, dh], num) < 1e-8
        assert relative_difference(grads, numerical_gradient(lambda ps: np.sum(fwd(x, h, *ps)[0] * G), params)) < 1e-8
    params = recurrent.init_params("lstm", 2, 4, seed=6)

    def lstm_loss(a, ps):
        h_new, c_new, _ = recurrent.lstm_step_forward(a[0], a[1], a[2], *ps)
        return np.sum(h_new * G) + np.sum(c_new * Gc)

    _, _, cache = recurrent.lstm_step_forward(x, h, c, *params)
    dx, dh, dc, *grads = recurrent.lstm_step_backward(G, Gc, cache)
    assert relative_difference([dx, dh, dc], numerical_gradient(lambda a: lstm_loss(a, params), [x, h, c])) < 1e-8
    assert relative_difference(grads, numerical_gradient(lambda ps: lstm_loss([x, h, c], ps), params)) < 1e-8


@pytest.mark.parametrize("kind", KINDS)
def test_truncated_bptt_is_the_sum_over_chunks_with_the_state_detached(kind):
    T, k = 7, 3
    params, xs, state0, G = _problem(kind, T=T, seed=8)
    hs, cache = recurrent.sequence_forward(kind, xs, params, state0)
    _, _, *truncated = recurrent.sequence_backward(kind, G, cache, truncate=k)
    # Each chunk on its own, starting from the state the full forward pass reached there.
    total = [np.zeros_like(p) for p in params]
    cells = recurrent.lstm_cell_states(cache) if kind == "lstm" else None
    for start in range(0, T, k):
        if start == 0:
            s0 = state0
        else:
            s0 = (hs[start - 1], cells[start - 1]) if kind == "lstm" else hs[start - 1]
        _, c = recurrent.sequence_forward(kind, xs[start:start + k], params, s0)
        _, _, *g = recurrent.sequence_backward(kind, G[start:start + k], c)
        total = [a + b for a, b in zip(total, g)]
    assert relative_difference(truncated, total) < 1e-12
    _, _, *full = recurrent.sequence_backward(kind, G, cache)
    assert relative_difference(full, truncated) > 1e-3  # it does give something up
    _, _, *long_window = recurrent.sequence_backward(kind, G, cache, truncate=T)
    assert relative_difference(full, long_window) == 0.0


def test_weight_gradients_are_summed_over_time():
    # With the loss on the last step only and Wh = 0, nothing flows back in time:
    # dWx is then the last step's term alone; with Wh != 0 the earlier steps add theirs.
    params, xs, h0, _ = _problem("rnn", seed=9)
    G = np.zeros((5, 3, 4))
    G[-1] = 1.0
    Wx, Wh, b = params
    _, cache = recurrent.rnn_forward(xs, h0, Wx, np.zeros_like(Wh), b)
    _, _, dWx, _, _ = recurrent.rnn_backward(G, cache)
    _, _, last_only, _, _ = recurrent.rnn_step_backward(G[-1], cache[-1])
    assert np.allclose(dWx, last_only)
    _, cache = recurrent.rnn_forward(xs, h0, Wx, Wh, b)
    _, _, dWx, _, _ = recurrent.rnn_backward(G, cache)
    _, _, last_only, _, _ = recurrent.rnn_step_backward(G[-1], cache[-1])
    assert not np.allclose(dWx, last_only)


def test_init_params_shapes_and_forget_bias():
    for kind, gates in (("rnn", 1), ("lstm", 4), ("gru", 3)):
        ps = recurrent.init_params(kind, 3, 5, seed=0)
        assert ps[0].shape == (gates * 5, 3) and ps[1].shape == (gates * 5, 5)
        assert all(p.shape == (gates * 5,) for p in ps[2:])
        assert len(ps) == (4 if kind == "gru" else 3)
        assert all(np.abs(p).max() <= 1 / np.sqrt(5) for p in ps)
    a = recurrent.init_params("lstm", 3, 5, seed=0)
    b = recurrent.init_params("lstm", 3, 5, seed=0, forget_bias=1.0)
    assert np.allclose(b[2] - a[2], np.r_[np.zeros(5), np.ones(5), np.zeros(10)])


def test_lstm_forget_gate_one_and_input_gate_zero_keeps_the_cell():
    # The additive path: with f = 1 and i = 0 the cell state is carried unchanged and dc_prev = dc.
    H = 3
    Wx, Wh = np.zeros((4 * H, 2)), np.zeros((4 * H, H))
    b = np.r_[-50 * np.ones(H), 50 * np.ones(H), np.zeros(2 * H)]
    rng = np.random.default_rng(0)
    c0 = rng.normal(size=(2, H))
    xs = rng.normal(size=(20, 2, 2))
    _, cache = recurrent.lstm_forward(xs, (np.zeros((2, H)), c0), Wx, Wh, b)
    assert np.allclose(recurrent.lstm_cell_states(cache)[-1], c0)
    G = np.zeros((20, 2, H))
    G[-1] = 1.0
    _, (_, dc0), *_ = recurrent.lstm_backward(G, cache)
    o_tanh = 0.5 * (1 - np.tanh(c0) ** 2)  # dh/dc at the last step with o = 1/2
    assert np.allclose(dc0, o_tanh)


def test_adding_problem():
    xs, y = recurrent.adding_problem(50, 20, seed=1)
    assert xs.shape == (20, 50, 2) and y.shape == (50,)
    markers = xs[:, :, 1]
    assert np.all(markers.sum(axis=0) == 2)
    assert np.all(markers[:10].sum(axis=0) == 1)
    assert np.allclose(y, np.sum(xs[:, :, 0] * markers, axis=0))
    assert np.all((xs[:, :, 0] >= 0) & (xs[:, :, 0] < 1))
    xs2, y2 = recurrent.adding_problem(50, 20, seed=1)
    assert np.array_equal(xs, xs2) and np.array_equal(y, y2)


@pytest.mark.parametrize("call,words", [
    (lambda: recurrent.rnn_forward(np.zeros((4, 2)), None, *recurrent.init_params("rnn", 2, 3)), "reshape(T, 1, D)"),
    (lambda: recurrent.rnn_forward(np.zeros((4, 1, 2)), None, np.zeros((2, 3)), np.zeros((3, 3)), np.zeros(3)),
     "transposed"),
    (lambda: recurrent.lstm_forward(np.zeros((4, 1, 2)), None, *recurrent.init_params("rnn", 2, 3)), "4H"),
    (lambda: recurrent.rnn_forward(np.zeros((4, 1, 2)), np.zeros((2, 3)), *recurrent.init_params("rnn", 2, 3)),
     "h0 must have shape"),
    (lambda: recurrent.rnn_backward(np.zeros((1, 3)),
                                    recurrent.rnn_forward(np.zeros((4, 1, 2)), None, *recurrent.init_params("rnn", 2, 3))[1]),
     "dout[-1] = dh_T"),
    (lambda: recurrent.rnn_backward(np.zeros((4, 1, 3)),
                                    recurrent.rnn_forward(np.zeros((4, 1, 2)), None, *recurrent.init_params("rnn", 2, 3))[1],
                                    truncate=0), "truncate"),
    (lambda: recurrent.init_params("transformer", 2, 3), "one of"),
    (lambda: recurrent.adding_problem(10, 1), "T must be"),
    (lambda: clip.clip_by_global_norm([np.ones(3)], 0.0), "positive"),
    (lambda: clip.clip_by_global_norm([np.ones(3, dtype=int)], 1.0), "float numpy array"),
    (lambda: clip.clip_by_global_norm([np.array([1.0, np.nan])], 1.0), "NaN"),
])
def test_bad_inputs_get_teaching_messages(call, words):
    with pytest.raises((ValueError, TypeError), match=None) as info:
        call()
    assert words in str(info.value)


def test_clip_by_global_norm():
    rng = np.random.default_rng(0)
    grads = [rng.normal(size=(3, 4)), rng.normal(size=2)]
    original = [g.copy() for g in grads]
    norm = clip.clip_by_global_norm(grads, 100.0)
    assert norm == pytest.approx(clip.global_norm(original))
    assert all(np.array_equal(g, o) for g, o in zip(grads, original))  # below the bound: untouched
    norm = clip.clip_by_global_norm(grads, 1.0)
    assert clip.global_norm(grads) == pytest.approx(1.0, rel=1e-5)
    flat, flat0 = np.concatenate([g.ravel() for g in grads]), np.concatenate([g.ravel() for g in original])
    assert np.allclose(flat / np.linalg.norm(flat), flat0 / np.linalg.norm(flat0))  # direction kept
    per_element = np.clip(flat0, -0.3, 0.3)
    cos = per_element @ flat0 / np.linalg.norm(per_element) / np.linalg.norm(flat0)
    assert cos < 0.999  # clipping entries one by one turns the step


def test_unrolled_graph_draws_every_step_and_the_cut():
    import matplotlib.pyplot as plt

    from nnlib.viz.recurrent import draw_unrolled_rnn

    fig, ax = plt.subplots()
    draw_unrolled_rnn(5, ax=ax, truncate=2)
    texts = [t.get_text() for t in ax.texts]
    assert all(f"$h_{{{t}}}$" in texts and f"$x_{{{t}}}$" in texts for t in range(1, 6))
    assert texts.count("cut") == 2  # boundaries before steps 3 and 5
    plt.close(fig)


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_a_later_step_of_a_hand_built_cache_is_named(kind):
    """The sequence backward functions check every step's shapes against the first's (the steps themselves
    skip their checks inside the loop), so a cache whose later step was cut is named, not a numpy error."""
    rng = np.random.default_rng(3)
    gates = {"rnn": 1, "lstm": 4, "gru": 3}[kind]
    xs, h0 = rng.normal(size=(4, 3, 2)), np.zeros((3, 5))
    weights = [rng.normal(size=(gates * 5, 2)), rng.normal(size=(gates * 5, 5))]
    biases = [np.zeros(gates * 5)] * (2 if kind == "gru" else 1)
    forward, backward = getattr(recurrent, f"{kind}_forward"), getattr(recurrent, f"{kind}_backward")
    hs, cache = forward(xs, (h0, h0) if kind == "lstm" else h0, *weights, *biases)

    def cut(step):
        return tuple(a[:2] if a.shape[0] == 3 else a for a in step)

    cache[2] = (cut(cache[2][0]), cache[2][1]) if kind == "lstm" else cut(cache[2])
    with pytest.raises(ValueError, match=r"cache\[2\] has other shapes than cache\[0\]"):
        backward(np.ones_like(hs), cache)
