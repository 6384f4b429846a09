"""Convolution and pooling layers as forward/backward pairs, as torch.nn.functional computes them.

Images are (m, C, H, W): m examples, C channels, height H, width W (torch's
NCHW layout). A convolution's weights are (F, C, kh, kw): F filters, each
seeing all C channels through a kh x kw window; its bias is (F,).

"Convolution" in deep learning is a cross-correlation: the kernel slides over
the image without being flipped,
    out[n, f, i, j] = b[f] + sum_{c, p, q} x_pad[n, c, s*i + p, s*j + q] * w[f, c, p, q]
(s the stride, x_pad the input with ``padding`` rows and columns of zeros
around it), which is what ``torch.nn.functional.conv2d`` computes. The flip
appears in the backward pass: dL/dx is the cross-correlation of the output
gradient with the kernel flipped in both directions (``conv2d_backward``).

Output size per spatial axis: (H + 2 * padding - kh) // stride + 1.
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from . import _validate as v


def windows(x, kh, kw, stride=1):
    """Every kh x kw window of x (m, C, H, W) at the given stride: (m, C, Ho, Wo, kh, kw), no copy."""
    return sliding_window_view(x, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]


def correlate(x, w):
    """Cross-correlation at stride 1 without padding: x (m, C, H, W), w (F, C, kh, kw) -> (m, F, Ho, Wo).

    out[n, f, i, j] = sum_{c, p, q} x[n, c, i + p, j + q] * w[f, c, p, q].
    """
    return np.einsum("ncijpq,fcpq->nfij", windows(x, w.shape[2], w.shape[3]), w)


def flip(w):
    """The kernel turned by 180 degrees (flipped up-down and left-right), in and out channels swapped.

    w (F, C, kh, kw) -> (C, F, kh, kw) with [c, f, p, q] = w[f, c, kh-1-p, kw-1-q].
    """
    return w[:, :, ::-1, ::-1].transpose(1, 0, 2, 3)


def conv2d_forward(x, w, b, stride=1, padding=0):
    """A 2-D convolution layer (cross-correlation), as torch.nn.functional.conv2d.

    x (m, C, H, W), w (F, C, kh, kw), b (F,); stride and padding whole numbers.
    Returns out (m, F, Ho, Wo), Ho = (H + 2 padding - kh) // stride + 1 (Wo alike),
    and the cache for conv2d_backward.
    """
    x, w, b, stride, padding = _check_conv(x, w, b, stride, padding)
    x_pad = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out = np.einsum("ncijpq,fcpq->nfij", windows(x_pad, w.shape[2], w.shape[3], stride), w)
    out += b[None, :, None, None]
    return out, (x_pad, w, stride, padding)


def conv2d_backward(dout, cache):
    """Backward of conv2d_forward. dout (m, F, Ho, Wo) is dL/dout.

    dw: each weight met every input value under its window, so
        dw[f, c, p, q] = sum_{n, i, j} dout[n, f, i, j] x_pad[n, c, s i + p, s j + q];
    db: the sum of dout over examples and positions;
    dx: each input value reached the outputs whose windows covered it, through
        the kernel entry at its place in that window. Gathering those terms is
        a full cross-correlation of dout (spread out by the stride, padded by
        k - 1 on every side) with the flipped kernel: backward of a
        convolution is a convolution with the kernel turned by 180 degrees.
    Returns dx (m, C, H, W), dw (F, C, kh, kw), db (F,).
    """
    x_pad, w, stride, padding = cache
    F, C, kh, kw = w.shape
    m, _, Hp, Wp = x_pad.shape
    _, _, Ho, Wo = dout.shape
    dw = np.einsum("ncijpq,nfij->fcpq", windows(x_pad, kh, kw, stride), dout)
    db = dout.sum(axis=(0, 2, 3))
    # Spread dout out by the stride (zeros between its entries), pad it by k - 1
    # (and up to the padded input's size), then correlate with the flipped kernel.
    spread = np.zeros((m, F, (Ho - 1) * stride + 1, (Wo - 1) * stride + 1))
    spread[:, :, ::stride, ::stride] = dout
    extra_h, extra_w = Hp - (spread.shape[2] + kh - 1), Wp - (spread.shape[3] + kw - 1)
    spread = np.pad(spread, ((0, 0), (0, 0), (kh - 1, kh - 1 + extra_h), (kw - 1, kw - 1 + extra_w)))
    dx_pad = correlate(spread, flip(w))
    dx = dx_pad[:, :, padding:Hp - padding, padding:Wp - padding]
    return dx, dw, db


def max_pool_forward(x, size=2, stride=None):
    """Max pooling, as torch.nn.functional.max_pool2d(x, size, stride) (no padding).

    x (m, C, H, W); each size x size window, every ``stride`` (default: size)
    positions, gives its largest value. Returns out (m, C, Ho, Wo) and the
    cache for max_pool_backward, which holds where each maximum was.
    """
    x, size, stride = _check_pool(x, size, stride, "max_pool_forward")
    win = windows(x, size, size, stride)
    flat = win.reshape(win.shape[:4] + (size * size,))
    arg = flat.argmax(axis=-1)              # the first largest value, as torch picks
    out = np.take_along_axis(flat, arg[..., None], axis=-1)[..., 0]
    return out, (x.shape, size, stride, arg)


def max_pool_backward(dout, cache):
    """Backward of max pooling: each window's gradient goes to its arg-max, the other positions get 0.

    dout (m, C, Ho, Wo). Where windows overlap (stride < size) an input that
    is the maximum of several windows collects the sum. Returns dx (m, C, H, W).
    """
    shape, size, stride, arg = cache
    Ho, Wo = dout.shape[2], dout.shape[3]
    dx = np.zeros(shape)
    for p in range(size):
        for q in range(size):
            hit = arg == p * size + q       # windows whose maximum sits at offset (p, q)
            dx[:, :, p:p + stride * Ho:stride, q:q + stride * Wo:stride] += dout * hit
    return dx


def avg_pool_forward(x, size=2, stride=None):
    """Average pooling, as torch.nn.functional.avg_pool2d(x, size, stride) (no padding).

    x (m, C, H, W). Returns out (m, C, Ho, Wo), each window's mean, and the cache.
    """
    x, size, stride = _check_pool(x, size, stride, "avg_pool_forward")
    out = windows(x, size, size, stride).mean(axis=(4, 5))
    return out, (x.shape, size, stride)


def avg_pool_backward(dout, cache):
    """Backward of average pooling: each window's gradient is spread evenly, 1/size^2 to every position.

    dout (m, C, Ho, Wo). Returns dx (m, C, H, W).
    """
    shape, size, stride = cache
    Ho, Wo = dout.shape[2], dout.shape[3]
    dx = np.zeros(shape)
    for p in range(size):
        for q in range(size):
            dx[:, :, p:p + stride * Ho:stride, q:q + stride * Wo:stride] += dout / size ** 2
    return dx


# ---------------------------------------------------------------- input checks


def _whole(n, name, low):
    return v.whole_number(n, name, minimum=low)


def _check_image(x, name, where):
    x = v.as_float_array(x, "x")
    if x.ndim != 4:
        extra = ""
        if x.ndim == 2:
            extra = " For one grey image write x.reshape(1, 1, H, W)."
        elif x.ndim == 3:
            extra = " For one image with channels first write x[None]; for m grey images x[:, None]."
        raise ValueError(f"{where}: {name} must be (m, C, H, W), channels first; got shape {x.shape}.{extra}")
    v.check_finite(x, name)
    return x


def _check_conv(x, w, b, stride, padding):
    x = _check_image(x, "x", "conv2d_forward")
    w = v.as_float_array(w, "w")
    if w.ndim != 4:
        raise ValueError(f"conv2d_forward: w must be (F filters, C channels, kh, kw); got shape {w.shape}.")
    v.check_finite(w, "w")
    if w.shape[1] != x.shape[1]:
        raise ValueError(
            f"conv2d_forward: x has C = {x.shape[1]} channels but w expects {w.shape[1]} "
            f"(w is (F, C, kh, kw) = {w.shape}). Each filter sees every channel of the input."
        )
    b = v.as_float_array(b, "b")
    if b.shape != (w.shape[0],):
        raise ValueError(f"conv2d_forward: b must hold one number per filter, shape ({w.shape[0]},); got {b.shape}.")
    stride, padding = _whole(stride, "stride", 1), _whole(padding, "padding", 0)
    for axis, k in ((2, w.shape[2]), (3, w.shape[3])):
        if x.shape[axis] + 2 * padding < k:
            raise ValueError(
                f"conv2d_forward: the kernel ({w.shape[2]} x {w.shape[3]}) is larger than the padded "
                f"input ({x.shape[2] + 2 * padding} x {x.shape[3] + 2 * padding}): use more padding or a smaller kernel."
            )
    return x, w, b, stride, padding


def _check_pool(x, size, stride, where):
    x = _check_image(x, "x", where)
    size = _whole(size, "size", 1)
    stride = size if stride is None else _whole(stride, "stride", 1)
    if x.shape[2] < size or x.shape[3] < size:
        raise ValueError(f"{where}: the window ({size} x {size}) is larger than the image ({x.shape[2]} x {x.shape[3]}).")
    return x, size, stride
