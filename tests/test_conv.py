"""nnlib.conv: convolution and pooling against loops and central differences; the flipped-kernel identity."""

import numpy as np
import pytest

from nnlib import conv, numerical_gradient, relative_difference


def _naive_conv(x, w, b, stride, padding):
    x = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    m, C, H, W = x.shape
    F, _, kh, kw = w.shape
    Ho, Wo = (H - kh) // stride + 1, (W - kw) // stride + 1
    out = np.zeros((m, F, Ho, Wo))
    for n in range(m):
        for f in range(F):
            for i in range(Ho):
                for j in range(Wo):
                    out[n, f, i, j] = b[f] + np.sum(x[n, :, i * stride:i * stride + kh, j * stride:j * stride + kw] * w[f])
    return out


@pytest.mark.parametrize("stride,padding", [(1, 0), (1, 1), (2, 0), (2, 2), (3, 1)])
def test_conv2d_forward_and_backward(stride, padding):
    rng = np.random.default_rng(stride * 10 + padding)
    x, w, b = rng.normal(size=(2, 2, 7, 6)), rng.normal(size=(3, 2, 3, 2)), rng.normal(size=3)
    out, cache = conv.conv2d_forward(x, w, b, stride, padding)
    assert np.allclose(out, _naive_conv(x, w, b, stride, padding))
    G = rng.normal(size=out.shape)
    dx, dw, db = conv.conv2d_backward(G, cache)
    loss = lambda a: np.sum(conv.conv2d_forward(a[0], a[1], a[2], stride, padding)[0] * G)
    num = numerical_gradient(loss, [x, w, b])
    for got, want in zip((dx, dw, db), num):
        assert relative_difference(got, want) < 1e-8


def test_backward_of_a_convolution_is_a_convolution_with_the_flipped_kernel():
    rng = np.random.default_rng(1)
    x, w = rng.normal(size=(1, 1, 6, 6)), rng.normal(size=(1, 1, 3, 3))
    out, cache = conv.conv2d_forward(x, w, np.zeros(1))
    G = rng.normal(size=out.shape)
    dx, _, _ = conv.conv2d_backward(G, cache)
    full = conv.correlate(np.pad(G, ((0, 0), (0, 0), (2, 2), (2, 2))), w[:, :, ::-1, ::-1])
    assert np.allclose(dx, full)
    unflipped = conv.correlate(np.pad(G, ((0, 0), (0, 0), (2, 2), (2, 2))), w)
    assert not np.allclose(dx, unflipped)
    assert np.array_equal(conv.flip(w)[0, 0], np.rot90(w[0, 0], 2))


@pytest.mark.parametrize("size,stride", [(2, None), (3, 1), (3, 2)])
def test_pooling_gradients(size, stride):
    rng = np.random.default_rng(2)
    x = rng.normal(size=(2, 2, 7, 7))
    for fwd, bwd in ((conv.max_pool_forward, conv.max_pool_backward), (conv.avg_pool_forward, conv.avg_pool_backward)):
        out, cache = fwd(x, size, stride)
        G = rng.normal(size=out.shape)
        dx = bwd(G, cache)
        num = numerical_gradient(lambda a: np.sum(fwd(a[0], size, stride)[0] * G), [x])[0]
        assert relative_difference(dx, num) < 1e-8


def test_max_pool_routes_to_the_argmax_and_avg_pool_spreads():
    x = np.array([[[[1.0, 5.0, 2.0, 0.0], [3.0, 4.0, 7.0, 1.0], [0.0, 2.0, 1.0, 1.0], [9.0, 1.0, 3.0, 8.0]]]])
    out, cache = conv.max_pool_forward(x, 2)
    assert np.array_equal(out[0, 0], [[5.0, 7.0], [9.0, 8.0]])
    dx = conv.max_pool_backward(np.ones_like(out), cache)
    assert np.array_equal(dx[0, 0], (x[0, 0] == np.kron(out[0, 0], np.ones((2, 2)))).astype(float))
    out, cache = conv.avg_pool_forward(x, 2)
    assert np.allclose(conv.avg_pool_backward(np.ones_like(out), cache), 0.25)


@pytest.mark.parametrize("call,words", [
    (lambda: conv.conv2d_forward(np.zeros((5, 5)), np.zeros((1, 1, 3, 3)), np.zeros(1)), "reshape(1, 1, H, W)"),
    (lambda: conv.conv2d_forward(np.zeros((1, 2, 5, 5)), np.zeros((1, 3, 3, 3)), np.zeros(1)), "channels"),
    (lambda: conv.conv2d_forward(np.zeros((1, 1, 5, 5)), np.zeros((2, 1, 3, 3)), np.zeros(1)), "one number per filter"),
    (lambda: conv.conv2d_forward(np.zeros((1, 1, 2, 2)), np.zeros((1, 1, 3, 3)), np.zeros(1)), "larger than"),
    (lambda: conv.conv2d_forward(np.zeros((1, 1, 5, 5)), np.zeros((1, 1, 3, 3)), np.zeros(1), stride=0), "stride"),
    (lambda: conv.max_pool_forward(np.zeros((1, 4, 4)), 2), "x[None]"),
    (lambda: conv.avg_pool_forward(np.zeros((1, 1, 2, 2)), 3), "larger than"),
])
def test_bad_inputs_get_teaching_messages(call, words):
    with pytest.raises((ValueError, TypeError)) as info:
        call()
    assert words in str(info.value)


def test_draw_matrix_writes_every_value_and_outlines_the_mask():
    import matplotlib.pyplot as plt

    from nnlib.viz.conv import draw_matrix

    fig, ax = plt.subplots()
    M = np.array([[1.0, -2.0], [0.5, 3.0]])
    draw_matrix(M, ax, fmt="{:.1f}", highlight=M > 1)
    assert sorted(t.get_text() for t in ax.texts) == sorted(["1.0", "-2.0", "0.5", "3.0"])
    assert len(ax.patches) == 1
    with pytest.raises(ValueError, match="2-D"):
        draw_matrix(np.zeros(3), ax)
    plt.close(fig)
