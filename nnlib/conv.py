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

Backward passes follow the package's convention (docs/AUTHORING.md):
``*_backward(dout, cache)`` returns the gradient of each differentiable input
of the forward, in its order: (dx, dw, db) for a convolution (torch's separate
weight and bias), dx alone for pooling.
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from . import _validate as v


def windows(x, kh, kw, stride=1):
    """Every kh x kw window of x (m, C, H, W) at the given stride: (m, C, Ho, Wo, kh, kw), no copy."""
    x, kh, kw, stride = _check_windows(x, kh, kw, stride)
    return sliding_window_view(x, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]


def correlate(x, w):
    """Cross-correlation at stride 1 without padding: x (m, C, H, W), w (F, C, kh, kw) -> (m, F, Ho, Wo).

    out[n, f, i, j] = sum_{c, p, q} x[n, c, i + p, j + q] * w[f, c, p, q].
    """
    x, w = _check_correlate(x, w)
    return np.einsum("ncijpq,fcpq->nfij", windows(x, w.shape[2], w.shape[3]), w)


def flip(w):
    """The kernel turned by 180 degrees (flipped up-down and left-right), in and out channels swapped.

    w (F, C, kh, kw) -> (C, F, kh, kw) with [c, f, p, q] = w[f, c, kh-1-p, kw-1-q].
    """
    w = _check_kernel(w, "flip")
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
    """Backward of conv2d_forward. dout (m, F, Ho, Wo) is dL/dout; cache as conv2d_forward returned it.

    dw: each weight met every input value under its window, so
        dw[f, c, p, q] = sum_{n, i, j} dout[n, f, i, j] x_pad[n, c, s i + p, s j + q];
    db: the sum of dout over examples and positions;
    dx: each input value reached the outputs whose windows covered it, through
        the kernel entry at its place in that window. Gathering those terms is
        a full cross-correlation of dout (spread out by the stride, padded by
        k - 1 on every side) with the flipped kernel: backward of a
        convolution is a convolution with the kernel turned by 180 degrees.
    Returns dx (m, C, H, W), dw (F, C, kh, kw), db (F,): the gradients of
    conv2d_forward's x, w and b, in that order.
    """
    dout, (x_pad, w, stride, padding) = _check_conv_backward(dout, cache)
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
    dout, (shape, size, stride, arg) = _check_pool_backward(dout, cache, "max")
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
    dout, (shape, size, stride) = _check_pool_backward(dout, cache, "avg")
    Ho, Wo = dout.shape[2], dout.shape[3]
    dx = np.zeros(shape)
    for p in range(size):
        for q in range(size):
            dx[:, :, p:p + stride * Ho:stride, q:q + stride * Wo:stride] += dout / size ** 2
    return dx


# ---------------------------------------------------------------- input checks


def _whole(n, name, low, where):
    return v.whole_number(n, f"{where}: {name}", minimum=low)


def _check_image(x, name, where):
    x = v.array(x, name, where)
    if x.ndim != 4:
        extra = ""
        if x.ndim == 2:
            extra = f" For one grey image write {name}.reshape(1, 1, H, W)."
        elif x.ndim == 3:
            extra = f" For one image with channels first write {name}[None]; for m grey images {name}[:, None]."
        raise ValueError(f"{where}: {name} must be (m, C, H, W), channels first; got shape {x.shape}.{extra}")
    for axis, what in ((0, "examples (m = 0)"), (1, "channels (C = 0)"), (2, "rows (H = 0)"), (3, "columns (W = 0)")):
        if x.shape[axis] == 0:
            raise ValueError(f"{where}: {name} has no {what}: shape {x.shape}. Every axis of (m, C, H, W) needs "
                             "at least one entry.")
    return x


def _check_kernel(w, where, name="w"):
    w = v.array(w, name, where)
    if w.ndim != 4:
        extra = " For one grey filter write w.reshape(1, 1, kh, kw)." if w.ndim == 2 else ""
        raise ValueError(f"{where}: {name} must be (F filters, C channels, kh, kw); got shape {w.shape}.{extra}")
    if w.shape[0] == 0 or w.shape[1] == 0:
        raise ValueError(f"{where}: {name} has shape {w.shape}: it needs at least one filter (F) and one channel (C).")
    if w.shape[2] == 0 or w.shape[3] == 0:
        raise ValueError(f"{where}: the kernel must be at least 1 x 1; {name} has shape {w.shape}, a "
                         f"{w.shape[2]} x {w.shape[3]} kernel, which sees nothing.")
    return w


def _check_fits(x, kh, kw, padding, where, what="kernel"):
    H, W = x.shape[2] + 2 * padding, x.shape[3] + 2 * padding
    if H < kh or W < kw:
        padded = " padded" if padding else ""
        raise ValueError(
            f"{where}: the {what} ({kh} x {kw}) is larger than the{padded} input ({H} x {W}): "
            + ("use more padding or a smaller kernel." if what == "kernel" else "use a smaller window.")
        )


def _check_windows(x, kh, kw, stride):
    where = "windows"
    x = _check_image(x, "x", where)
    kh, kw, stride = _whole(kh, "kh", 1, where), _whole(kw, "kw", 1, where), _whole(stride, "stride", 1, where)
    _check_fits(x, kh, kw, 0, where, "window")
    return x, kh, kw, stride


def _check_channels(x, w, where):
    if w.shape[1] != x.shape[1]:
        raise ValueError(
            f"{where}: x has C = {x.shape[1]} channels but w expects {w.shape[1]} "
            f"(w is (F, C, kh, kw) = {w.shape}). Each filter sees every channel of the input."
        )


def _check_correlate(x, w):
    x, w = _check_image(x, "x", "correlate"), _check_kernel(w, "correlate")
    _check_channels(x, w, "correlate")
    _check_fits(x, w.shape[2], w.shape[3], 0, "correlate")
    return x, w


def _check_conv(x, w, b, stride, padding):
    where = "conv2d_forward"
    x, w = _check_image(x, "x", where), _check_kernel(w, where)
    _check_channels(x, w, where)
    b = v.array(b, "b", where)
    if b.shape != (w.shape[0],):
        raise ValueError(f"{where}: b must hold one number per filter, shape ({w.shape[0]},); got {b.shape}.")
    stride, padding = _whole(stride, "stride", 1, where), _whole(padding, "padding", 0, where)
    _check_fits(x, w.shape[2], w.shape[3], padding, where)
    return x, w, b, stride, padding


def _cache_parts(cache, n, where, expected):
    if not isinstance(cache, tuple) or len(cache) != n:
        forward = where.replace("backward", "forward")
        pair = (" It looks like the whole (out, cache) pair: pass its second value only."
                if isinstance(cache, tuple) and len(cache) == 2 and isinstance(cache[1], tuple) else "")
        raise v.WrongKindError(f"{where}: cache must be the tuple {expected} that {forward} returned, unchanged; "
                               f"got {v.describe(cache)}.{pair}")
    return cache


def _out_size(n, k, stride):
    return (n - k) // stride + 1


def _check_conv_backward(dout, cache):
    where = "conv2d_backward"
    x_pad, w, stride, padding = _cache_parts(cache, 4, where, "(x_pad, w, stride, padding)")
    x_pad, w = _check_image(x_pad, "x_pad (cache[0])", where), _check_kernel(w, where, "w (cache[1])")
    _check_channels(x_pad, w, where)
    stride, padding = _whole(stride, "stride (cache[2])", 1, where), _whole(padding, "padding (cache[3])", 0, where)
    if 2 * padding >= min(x_pad.shape[2], x_pad.shape[3]):
        raise ValueError(f"{where}: the cache's padding {padding} leaves no image inside x_pad {x_pad.shape}: "
                         "pass the cache conv2d_forward returned, unchanged.")
    _check_fits(x_pad, w.shape[2], w.shape[3], 0, where)
    shape = (x_pad.shape[0], w.shape[0], _out_size(x_pad.shape[2], w.shape[2], stride),
             _out_size(x_pad.shape[3], w.shape[3], stride))
    return v.dout_array(dout, shape, where), (x_pad, w, stride, padding)


def _check_pool(x, size, stride, where):
    x = _check_image(x, "x", where)
    size = _whole(size, "size", 1, where)
    stride = size if stride is None else _whole(stride, "stride", 1, where)
    _check_fits(x, size, size, 0, where, "window")
    return x, size, stride


def _check_pool_backward(dout, cache, kind):
    where = f"{kind}_pool_backward"
    parts = _cache_parts(cache, 4 if kind == "max" else 3, where,
                         "(x.shape, size, stride, arg)" if kind == "max" else "(x.shape, size, stride)")
    shape, size, stride = parts[:3]
    if not isinstance(shape, tuple) or len(shape) != 4:
        raise v.WrongKindError(f"{where}: cache[0] must be the input's shape (m, C, H, W); got {v.describe(shape)}.")
    shape = tuple(_whole(n, f"cache[0][{i}]", 1, where) for i, n in enumerate(shape))
    size, stride = _whole(size, "size (cache[1])", 1, where), _whole(stride, "stride (cache[2])", 1, where)
    if size > min(shape[2], shape[3]):
        raise ValueError(f"{where}: the cache's window ({size} x {size}) is larger than its image {shape[2:]}: "
                         f"pass the cache {kind}_pool_forward returned, unchanged.")
    out = shape[:2] + (_out_size(shape[2], size, stride), _out_size(shape[3], size, stride))
    if kind == "max":
        arg = parts[3]
        if not isinstance(arg, np.ndarray) or arg.dtype.kind not in "iu" or arg.shape != out \
                or (arg.size and (arg.min() < 0 or arg.max() >= size * size)):
            raise ValueError(f"{where}: cache[3] must be the arg-max of every window, integers 0..{size * size - 1} "
                             f"of shape {out}; got {v.describe(arg)}. Pass the cache max_pool_forward returned.")
        parts = (shape, size, stride, arg)
    else:
        parts = (shape, size, stride)
    return v.dout_array(dout, out, where), parts
