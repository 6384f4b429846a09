"""Properties of the level 4-5 library on random shapes (hypothesis).

1. No function changes its inputs: every array given to a forward, a backward,
   an optimizer's update, clipping's norm or the softmax is made read-only (a
   write would raise) and compared with a copy afterwards.
2. Every backward equals central differences of its forward, for random sizes,
   strides, paddings, windows and sequence lengths, and follows the backward
   convention (docs/AUTHORING.md): one gradient per differentiable argument of
   the forward, in its order, each of that argument's shape.
"""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nnlib import clip, conv, layers, optim, recurrent
from nnlib.gradcheck import numerical_gradient, relative_difference

SETTINGS = dict(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
TOL = 1e-7  # central differences with eps 1e-5 agree to about 1e-9 here


def frozen(*arrays):
    """Read-only copies of arrays, and copies to compare them with afterwards."""
    out = []
    for a in arrays:
        a = np.array(a, dtype=float)
        a.setflags(write=False)
        out.append(a)
    return out, [a.copy() for a in out]


def unchanged(arrays, copies):
    return all(np.array_equal(a, c) for a, c in zip(arrays, copies))


def loss_of(forward, G):
    """J(inputs) = sum(G * out): its dJ/d(out) is G, the dout a backward gets."""
    return lambda inputs: float(np.sum(G * forward(*inputs)[0]))


def check_backward(forward, backward, inputs, rng, extra=()):
    """backward(G, cache) against central differences of sum(G * forward(inputs)), inputs untouched."""
    inputs, copies = frozen(*inputs)
    out, cache = forward(*inputs, *extra)
    (G,), G_copy = frozen(rng.normal(size=out.shape))
    grads = backward(G, cache)
    grads = list(grads) if isinstance(grads, tuple) else [grads]
    assert [g.shape for g in grads] == [a.shape for a in inputs], "one gradient per input, of its shape, in order"
    assert unchanged(inputs, copies) and unchanged([G], G_copy), "an input was changed"
    numeric = numerical_gradient(lambda ps: loss_of(forward, G)(list(ps) + list(extra)),
                                 [np.array(a) for a in inputs])
    assert relative_difference(grads, numeric) < TOL


def away_from_kinks(rng, shape):
    """Distinct values at least 0.05 apart, none near 0: no ReLU kink, no max-pool tie within eps."""
    values = (rng.permutation(int(np.prod(shape))) + 1) * 0.05 * rng.choice([-1, 1], size=int(np.prod(shape)))
    return values.reshape(shape)


dims = st.integers(1, 4)
seeds = st.integers(0, 2 ** 32 - 1)


# ---------------------------------------------------------------- level 4 layers


@settings(**SETTINGS)
@given(m=dims, s_in=dims, s_out=dims, seed=seeds)
def test_affine_backward_is_the_gradient(m, s_in, s_out, seed):
    rng = np.random.default_rng(seed)
    check_backward(layers.affine_forward, layers.affine_backward,
                   [rng.normal(size=(m, s_in)), rng.normal(size=(s_out, s_in + 1))], rng)


@settings(**SETTINGS)
@given(kind=st.sampled_from(["sigmoid", "tanh", "relu"]), m=dims, n=dims, seed=seeds)
def test_activation_backward_is_the_gradient(kind, m, n, seed):
    rng = np.random.default_rng(seed)
    forward, backward = layers.LAYERS[kind]
    check_backward(forward, backward, [away_from_kinks(rng, (m, n)) * 20], rng)


@settings(**SETTINGS)
@given(m=dims, K=st.integers(2, 5), one_hot=st.booleans(), seed=seeds)
def test_softmax_cross_entropy_gradient_and_inputs(m, K, one_hot, seed):
    rng = np.random.default_rng(seed)
    (scores,), copies = frozen(rng.normal(size=(m, K)) * 3)
    y = rng.integers(0, K, size=m)
    target = np.eye(K)[y] if one_hot else y
    target_copy = np.array(target, copy=True)
    J, dscores = layers.softmax_cross_entropy(scores, target)
    p = layers.softmax(scores)
    assert unchanged([scores], copies) and np.array_equal(target, target_copy)
    assert np.allclose(p.sum(axis=1), 1.0) and dscores.shape == scores.shape
    numeric = numerical_gradient(lambda s: layers.softmax_cross_entropy(s[0], target)[0], [np.array(scores)])[0]
    assert relative_difference(dscores, numeric) < TOL


# ---------------------------------------------------------------- level 5: convolution and pooling


@st.composite
def conv_cases(draw):
    m, C, F = draw(st.integers(1, 2)), draw(st.integers(1, 2)), draw(st.integers(1, 3))
    kh, kw = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    padding, stride = draw(st.integers(0, 2)), draw(st.integers(1, 3))
    H = draw(st.integers(max(1, kh - 2 * padding), 6))
    W = draw(st.integers(max(1, kw - 2 * padding), 6))
    return m, C, F, H, W, kh, kw, stride, padding, draw(seeds)


@settings(**SETTINGS)
@given(case=conv_cases())
def test_conv2d_backward_is_the_gradient(case):
    m, C, F, H, W, kh, kw, stride, padding, seed = case
    rng = np.random.default_rng(seed)
    check_backward(conv.conv2d_forward, conv.conv2d_backward,
                   [rng.normal(size=(m, C, H, W)), rng.normal(size=(F, C, kh, kw)), rng.normal(size=F)], rng,
                   extra=(stride, padding))


@settings(**SETTINGS)
@given(kind=st.sampled_from(["max", "avg"]), m=st.integers(1, 2), C=st.integers(1, 2), size=st.integers(1, 3),
       stride=st.integers(1, 3), extra=st.integers(0, 3), seed=seeds)
def test_pool_backward_is_the_gradient(kind, m, C, size, stride, extra, seed):
    rng = np.random.default_rng(seed)
    forward, backward = {"max": (conv.max_pool_forward, conv.max_pool_backward),
                         "avg": (conv.avg_pool_forward, conv.avg_pool_backward)}[kind]
    x = away_from_kinks(rng, (m, C, size + extra, size + extra + 1))
    check_backward(forward, backward, [x], rng, extra=(size, stride))


# ---------------------------------------------------------------- level 5: recurrent cells


@settings(**SETTINGS)
@given(kind=st.sampled_from(["rnn", "gru"]), m=dims, D=dims, H=dims, seed=seeds)
def test_step_backward_is_the_gradient(kind, m, D, H, seed):
    rng = np.random.default_rng(seed)
    forward = {"rnn": recurrent.rnn_step_forward, "gru": recurrent.gru_step_forward}[kind]
    backward = {"rnn": recurrent.rnn_step_backward, "gru": recurrent.gru_step_backward}[kind]
    params = [1.5 * p for p in recurrent.init_params(kind, D, H, seed=seed % 1000)]
    check_backward(forward, backward, [rng.normal(size=(m, D)), rng.normal(size=(m, H))] + params, rng)


@settings(**SETTINGS)
@given(m=dims, D=dims, H=dims, seed=seeds)
def test_lstm_step_backward_is_the_gradient(m, D, H, seed):
    rng = np.random.default_rng(seed)
    params = [1.5 * p for p in recurrent.init_params("lstm", D, H, seed=seed % 1000)]
    inputs, copies = frozen(rng.normal(size=(m, D)), rng.normal(size=(m, H)), rng.normal(size=(m, H)), *params)
    (G, Gc), G_copies = frozen(rng.normal(size=(m, H)), rng.normal(size=(m, H)))
    _, _, cache = recurrent.lstm_step_forward(*inputs)
    grads = recurrent.lstm_step_backward(G, Gc, cache)
    assert [g.shape for g in grads] == [a.shape for a in inputs]
    assert unchanged(inputs, copies) and unchanged([G, Gc], G_copies)

    def loss(ps):
        h, c, _ = recurrent.lstm_step_forward(*ps)
        return float(np.sum(G * h) + np.sum(Gc * c))

    assert relative_difference(list(grads), numerical_gradient(loss, [np.array(a) for a in inputs])) < TOL


@settings(**SETTINGS)
@given(kind=st.sampled_from(["rnn", "lstm", "gru"]), T=st.integers(1, 4), m=st.integers(1, 3), D=st.integers(1, 3),
       H=st.integers(1, 3), truncate=st.sampled_from([None, 1, 2, 3]), seed=seeds)
def test_sequence_backward_is_the_gradient(kind, T, m, D, H, truncate, seed):
    rng = np.random.default_rng(seed)
    params, p_copies = frozen(*[1.5 * p for p in recurrent.init_params(kind, D, H, seed=seed % 1000)])
    (xs, h0, c0), copies = frozen(rng.normal(size=(T, m, D)), rng.normal(size=(m, H)), rng.normal(size=(m, H)))
    state0 = (h0, c0) if kind == "lstm" else h0
    hs, cache = recurrent.sequence_forward(kind, xs, params, state0)
    (G,), G_copy = frozen(rng.normal(size=hs.shape))
    dxs, dstate0, *grads = recurrent.sequence_backward(kind, G, cache, truncate)
    assert unchanged(params, p_copies) and unchanged([xs, h0, c0], copies) and unchanged([G], G_copy)
    assert dxs.shape == xs.shape and [g.shape for g in grads] == [p.shape for p in params]

    def loss(xs_, state_, ps):
        return float(np.sum(G * recurrent.sequence_forward(kind, xs_, ps, state_)[0]))

    if truncate is None or truncate >= T:  # full BPTT: the exact gradient
        assert relative_difference(grads, numerical_gradient(lambda ps: loss(xs, state0, ps), [np.array(p) for p in params])) < TOL
        assert relative_difference(dxs, numerical_gradient(lambda a: loss(a[0], state0, params), [np.array(xs)])[0]) < TOL
        s0 = [np.array(h0), np.array(c0)] if kind == "lstm" else [np.array(h0)]
        numeric = numerical_gradient(lambda s: loss(xs, tuple(s) if kind == "lstm" else s[0], params), s0)
        assert relative_difference(list(dstate0) if kind == "lstm" else dstate0,
                                   numeric if kind == "lstm" else numeric[0]) < TOL
    else:  # truncated: the sum of the chunks' full gradients, each chunk started from the state reached
        cells = recurrent.lstm_cell_states(cache) if kind == "lstm" else None
        total = [np.zeros(p.shape) for p in params]
        for start in range(0, T, truncate):
            s0 = state0 if start == 0 else (hs[start - 1], cells[start - 1]) if kind == "lstm" else hs[start - 1]
            _, chunk = recurrent.sequence_forward(kind, xs[start:start + truncate], params, s0)
            chunk_dxs, _, *chunk_grads = recurrent.sequence_backward(kind, G[start:start + truncate], chunk)
            total = [a + b for a, b in zip(total, chunk_grads)]
            assert relative_difference(dxs[start:start + truncate], chunk_dxs) < 1e-12
        assert relative_difference(grads, total) < 1e-12


# ---------------------------------------------------------------- optimizers, clipping, softmax: pure where promised


@settings(**SETTINGS)
@given(kind=st.sampled_from(["gd", "momentum", "rmsprop", "adam"]), shape=st.tuples(dims, dims), t=st.integers(1, 50),
       seed=seeds)
def test_update_changes_none_of_its_inputs(kind, shape, t, seed):
    rng = np.random.default_rng(seed)
    opt = {"gd": optim.GradientDescent(0.1), "momentum": optim.Momentum(0.1), "rmsprop": optim.RMSprop(0.1),
           "adam": optim.Adam(0.1, amsgrad=bool(seed % 2))}[kind]
    (theta, g), copies = frozen(rng.normal(size=shape), rng.normal(size=shape))
    state, state_copies = frozen(*[np.abs(rng.normal(size=shape)) for _ in opt.state_names])
    new_theta, new_state = opt.update(theta, g, tuple(state), t)
    assert unchanged([theta, g], copies) and unchanged(state, state_copies)
    assert new_theta.shape == shape and len(new_state) == len(opt.state_names)


@settings(**SETTINGS)
@given(sizes=st.lists(st.tuples(dims, dims), min_size=1, max_size=4), scale=st.sampled_from([1e-200, 1.0, 1e200]),
       seed=seeds)
def test_global_norm_changes_nothing_and_matches_the_definition(sizes, scale, seed):
    rng = np.random.default_rng(seed)
    grads, copies = frozen(*[rng.normal(size=s) * scale for s in sizes])
    norm = clip.global_norm(grads)
    assert unchanged(grads, copies)
    exact = scale * np.sqrt(sum(np.sum((g / scale) ** 2) for g in grads))
    assert abs(norm - exact) <= 1e-14 * exact


@settings(**SETTINGS)
@given(sizes=st.lists(st.tuples(dims, dims), min_size=1, max_size=4), max_norm=st.floats(0.01, 100), seed=seeds)
def test_clip_keeps_the_direction_and_caps_the_norm(sizes, max_norm, seed):
    rng = np.random.default_rng(seed)
    grads = [rng.normal(size=s) * 10 for s in sizes]
    before = [g.copy() for g in grads]
    norm = clip.clip_by_global_norm(grads, max_norm)
    assert clip.global_norm(grads) <= max_norm * (1 + 1e-12)
    scale = min(1.0, max_norm / (norm + 1e-6))
    assert all(np.allclose(g, b * scale, rtol=1e-14, atol=0) for g, b in zip(grads, before))
