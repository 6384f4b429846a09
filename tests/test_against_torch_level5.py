"""nnlib's recurrent cells, convolution, pooling and clipping against PyTorch, in float64.

Weights are copied into torch.nn.RNN, LSTM and GRU as the docstring of
nnlib/recurrent.py lays out (torch's own parameter names and gate order), a
random linear loss sum(hs * G) is backpropagated in both, and the outputs and
every gradient must agree to 1e-10. Skipped when PyTorch is not installed
(it is optional; see the README for the CPU-only build; in CI,
tests/test_against_torch_ci.py fails then).
"""

import numpy as np
import pytest

from nnlib import clip, conv, recurrent

from tests.torch_reference import import_torch

torch = import_torch()

TOL = 1e-10


def close(a, b):
    b = b.detach().numpy() if hasattr(b, "detach") else np.asarray(b)
    assert a.shape == b.shape, (a.shape, b.shape)
    assert np.max(np.abs(a - b)) <= TOL * max(1.0, np.max(np.abs(b))), np.max(np.abs(a - b))


def t64(a, grad=False):
    return torch.tensor(np.asarray(a), dtype=torch.float64, requires_grad=grad)


def _torch_module(kind, D, H, params):
    cls = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[kind]
    net = cls(D, H).double()
    with torch.no_grad():
        net.weight_ih_l0.copy_(t64(params[0]))
        net.weight_hh_l0.copy_(t64(params[1]))
        if kind == "gru":
            net.bias_ih_l0.copy_(t64(params[2]))
            net.bias_hh_l0.copy_(t64(params[3]))
        else:  # one bias b = bias_ih + bias_hh
            net.bias_ih_l0.copy_(t64(params[2]))
            net.bias_hh_l0.zero_()
    return net


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("truncate", [None, 3])
def test_cells_match_torch(kind, truncate):
    T, m, D, H = 7, 4, 3, 5
    rng = np.random.default_rng(1)
    params = [p * 2.0 for p in recurrent.init_params(kind, D, H, seed=2)]  # not small: every term counts
    xs = rng.normal(size=(T, m, D))
    h0 = rng.normal(size=(m, H))
    c0 = rng.normal(size=(m, H))
    G = rng.normal(size=(T, m, H))
    state0 = (h0, c0) if kind == "lstm" else h0
    hs, cache = recurrent.sequence_forward(kind, xs, params, state0)
    dxs, dstate0, *grads = recurrent.sequence_backward(kind, G, cache, truncate)

    net = _torch_module(kind, D, H, params)
    x_t = t64(xs, grad=True)
    h0_t, c0_t = t64(h0[None], grad=True), t64(c0[None], grad=True)
    if truncate is None:
        out, _ = net(x_t, (h0_t, c0_t) if kind == "lstm" else h0_t)
    else:  # chunks of `truncate` steps, the state detached between chunks
        outs, state = [], ((h0_t, c0_t) if kind == "lstm" else h0_t)
        for start in range(0, T, truncate):
            if start > 0:
                state = tuple(s.detach() for s in state) if kind == "lstm" else state.detach()
            o, state = net(x_t[start:start + truncate], state)
            outs.append(o)
        out = torch.cat(outs)
    (out * t64(G)).sum().backward()
    close(hs, out)
    close(dxs, x_t.grad)
    if kind == "lstm":
        close(dstate0[0], h0_t.grad[0])
        close(dstate0[1], c0_t.grad[0])
    else:
        close(dstate0, h0_t.grad[0])
    close(grads[0], net.weight_ih_l0.grad)
    close(grads[1], net.weight_hh_l0.grad)
    close(grads[2], net.bias_ih_l0.grad)
    close(grads[2] if kind != "gru" else grads[3], net.bias_hh_l0.grad)


def test_lstm_cell_states_match_torch():
    T, m, D, H = 5, 2, 3, 4
    rng = np.random.default_rng(3)
    params = recurrent.init_params("lstm", D, H, seed=4)
    xs = rng.normal(size=(T, m, D))
    hs, cache = recurrent.lstm_forward(xs, None, *params)
    net = _torch_module("lstm", D, H, params)
    out, (h_n, c_n) = net(t64(xs))
    close(hs[-1], h_n[0])
    close(recurrent.lstm_cell_states(cache)[-1], c_n[0])


@pytest.mark.parametrize("stride,padding", [(1, 0), (1, 1), (2, 0), (2, 1), (3, 2)])
def test_conv2d_matches_torch(stride, padding):
    rng = np.random.default_rng(5)
    x, w, b = rng.normal(size=(2, 3, 8, 7)), rng.normal(size=(4, 3, 3, 2)), rng.normal(size=4)
    out, cache = conv.conv2d_forward(x, w, b, stride, padding)
    G = rng.normal(size=out.shape)
    dx, dw, db = conv.conv2d_backward(G, cache)
    x_t, w_t, b_t = t64(x, True), t64(w, True), t64(b, True)
    out_t = torch.nn.functional.conv2d(x_t, w_t, b_t, stride=stride, padding=padding)
    (out_t * t64(G)).sum().backward()
    close(out, out_t)
    close(dx, x_t.grad)
    close(dw, w_t.grad)
    close(db, b_t.grad)


@pytest.mark.parametrize("kind", ["max", "avg"])
@pytest.mark.parametrize("size,stride", [(2, None), (3, 1), (3, 2), (2, 3)])
def test_pooling_matches_torch(kind, size, stride):
    rng = np.random.default_rng(6)
    x = rng.normal(size=(2, 3, 9, 8))
    forward, backward = {"max": (conv.max_pool_forward, conv.max_pool_backward),
                         "avg": (conv.avg_pool_forward, conv.avg_pool_backward)}[kind]
    out, cache = forward(x, size, stride)
    G = rng.normal(size=out.shape)
    dx = backward(G, cache)
    x_t = t64(x, True)
    f = torch.nn.functional.max_pool2d if kind == "max" else torch.nn.functional.avg_pool2d
    out_t = f(x_t, size, stride)
    (out_t * t64(G)).sum().backward()
    close(out, out_t)
    close(dx, x_t.grad)


@pytest.mark.parametrize("max_norm", [0.5, 3.0, 1e6])
def test_clip_by_global_norm_matches_torch(max_norm):
    rng = np.random.default_rng(7)
    grads = [rng.normal(size=(3, 4)), rng.normal(size=5), rng.normal(size=(2, 2, 2))]
    params = [t64(np.zeros_like(g), True) for g in grads]
    for p, g in zip(params, grads):
        p.grad = t64(g)
    norm_t = torch.nn.utils.clip_grad_norm_(params, max_norm)
    norm = clip.clip_by_global_norm(grads, max_norm)
    assert abs(norm - float(norm_t)) <= TOL * norm
    for g, p in zip(grads, params):
        close(g, p.grad)
