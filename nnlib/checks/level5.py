"""Check cells of the level 5 exercises (solutions/05_phd.ipynb).

Each check calls the learner's function on its own seeded inputs (shapes that
are all different, so a transpose cannot pass by accident; values far from
zero, so every term matters), compares with a reference built from nnlib, and
names the typical mistake when one explains the difference. Where an exercise
builds on an earlier one (BPTT on the step backward), the check passes the
reference version of the earlier piece, so one mistake costs one exercise.
"""

import itertools

import numpy as np

from .. import clip, conv, recurrent
from .core import CheckFailed, call, check_unchanged, compare, describe, passed

# ---------------------------------------------------------------- shared pieces


def _seed(base, seed):
    """The seed of a check's inputs: ``base`` (the visible cases), or, with an instructor's ``seed``
    (the hidden tests), another whole number drawn from both."""
    return base if seed is None else int(np.random.default_rng([base, seed]).integers(2 ** 31))


def rnn_step_forward(x, h_prev, Wx, Wh, b):
    """The forward step of the exercises: h = tanh(a), a = x Wx^T + h_prev Wh^T + b.

    Returns h (m, H) and the cache (x, h_prev, Wx, Wh, a, h); a is kept so that
    the backward pass may (but should not) use it.
    """
    a = x @ Wx.T + h_prev @ Wh.T + b
    h = np.tanh(a)
    return h, (x, h_prev, Wx, Wh, a, h)


def rnn_step_backward_reference(dh, cache):
    """The reference answer of exercise 1, used to grade exercise 2 on its own."""
    x, h_prev, Wx, Wh, a, h = cache
    da = dh * (1 - h ** 2)
    return da @ Wx, da @ Wh, [da.T @ x, da.T @ h_prev, da.sum(axis=0)]


def correlate2d(image, kernel):
    """Valid 2-D cross-correlation: out[i, j] = sum_{p, q} image[i + p, j + q] kernel[p, q].

    image (H, W), kernel (kh, kw) -> (H - kh + 1, W - kw + 1); no flip, no padding.
    """
    image, kernel = np.asarray(image, dtype=float), np.asarray(kernel, dtype=float)
    return conv.correlate(image[None, None], kernel[None, None])[0, 0]


def _rnn_case(seed, T=5, m=3, D=2, H=4, scale=1.2):
    rng = np.random.default_rng(seed)
    Wx, Wh, b = (scale * p for p in recurrent.init_params("rnn", D, H, seed=seed))
    xs, h0 = rng.normal(size=(T, m, D)), rng.normal(size=(m, H))
    caches, h = [], h0
    for x in xs:
        h, cache = rnn_step_forward(x, h, Wx, Wh, b)
        caches.append(cache)
    return rng.normal(size=(T, m, H)), caches


def _flatten(result, name, parts, shape_hint):
    """(a, b, [c, d, e]) -> [a, b, c, d, e], or a CheckFailed that says what to return."""
    __tracebackhide__ = True
    if not isinstance(result, (tuple, list)) or len(result) != len(parts):
        raise CheckFailed(f"{name} should return {shape_hint}; got {describe(result)}.")
    flat = []
    for item, kind in zip(result, parts):
        if kind == "list":
            if not isinstance(item, (list, tuple)):
                raise CheckFailed(f"{name} should return {shape_hint}: the last item is a list of the weight "
                                  f"gradients; got {describe(item)}.")
            flat.extend(item)
        else:
            flat.append(item)
    return flat


def _run(fn, reference, cases, name, parts, shape_hint, diagnoses=(), rtol=1e-7, atol=1e-10, labels=None,
         forbidden=()):
    """forbidden: nnlib's own versions of the function asked for (see core.call)."""
    __tracebackhide__ = True
    for args in cases:
        copies = tuple(_copy(a) for a in args)
        got = call(fn, copies, name, forbidden=forbidden)
        got = _flatten(got, name, parts, shape_hint) if parts else got
        want = reference(*args)
        want = _flatten(want, name, parts, shape_hint) if parts else want
        wrong = [(lambda *a, w=w: (_flatten(w(*a), name, parts, shape_hint) if parts else w(*a)), msg)
                 for w, msg in diagnoses]
        shown = f"{name}({', '.join(_show(a) for a in args)})"
        if parts:
            from .core import diagnose
            hint = diagnose(got, args, wrong, rtol, atol)
            for i, (g, w) in enumerate(zip(got, want)):
                label = labels[i] if labels else f"item {i}"
                try:
                    compare(f"{label} from {shown}", g, w, rtol, atol)
                except CheckFailed as failed:
                    raise CheckFailed(str(failed) + (f" {hint}" if hint else "")) from None
        else:
            compare(shown, got, want, rtol, atol, wrong, args)


def _copy(a):
    if isinstance(a, np.ndarray):
        return a.copy()
    if isinstance(a, list):
        return [_copy(x) for x in a]
    if isinstance(a, tuple):
        return tuple(_copy(x) for x in a)
    return a


def _show(value):
    if isinstance(value, np.ndarray):
        return f"array {value.shape}"
    if isinstance(value, (list, tuple)) and value and all(isinstance(x, np.ndarray) for x in value):
        return f"[arrays {', '.join(str(x.shape) for x in value)}]"
    if isinstance(value, (list, tuple)):
        return f"{type(value).__name__} of {len(value)}"
    if callable(value):
        return getattr(value, "__name__", "function")
    return describe(value)


# ---------------------------------------------------------------- exercise 1: one RNN step backward


def _step_variant(dh, cache, slope="h", transpose=False, sum_b=True, mean_b=False, wh_t=False):
    x, h_prev, Wx, Wh, a, h = cache
    d = {"h": 1 - h ** 2, "a": 1 - a ** 2, "none": 1.0, "tanh": np.tanh(a), "h1": 1 - h}[slope]
    da = dh * d
    dWx, dWh = (x.T @ da, h_prev.T @ da) if transpose else (da.T @ x, da.T @ h_prev)
    db = da.mean(axis=0) if mean_b else da.sum(axis=0) if sum_b else da
    return da @ Wx, da @ (Wh.T if wh_t else Wh), [dWx, dWh, db]


_STEP_LABELS = ["dx", "dh_prev", "dWx", "dWh", "db"]
_STEP_HINT = "a tuple (dx, dh_prev, [dWx, dWh, db])"


def check_rnn_step_backward(fn, seed=None):
    """Exercise 1: backward of h = tanh(x Wx^T + h_prev Wh^T + b)."""
    __tracebackhide__ = True
    cases = []
    for base, (m, D, H) in enumerate([(3, 2, 4), (5, 3, 2), (2, 4, 6)], start=50):
        dhs, caches = _rnn_case(_seed(base, seed), T=2, m=m, D=D, H=H, scale=2.0)
        cases.append((dhs[1], caches[1]))
    diagnoses = [
        (lambda dh, c: _step_variant(dh, c, slope="a"),
         "You used 1 - a^2, the formula applied to the pre-activation a. tanh'(a) = 1 - tanh(a)^2 = 1 - h^2: "
         "take the derivative from the output h."),
        (lambda dh, c: _step_variant(dh, c, slope="none"),
         "The tanh derivative is missing: da = dh * (1 - h^2) before any product with the weights."),
        (lambda dh, c: _step_variant(dh, c, slope="tanh"),
         "You multiplied by tanh(a) = h, not by its derivative 1 - h^2."),
        (lambda dh, c: _step_variant(dh, c, transpose=True),
         "dWx and dWh are transposed: a weight gradient has the weight's shape, dWx = da^T x (H, D), "
         "dWh = da^T h_prev (H, H)."),
        (lambda dh, c: _step_variant(dh, c, slope="h1"),
         "tanh' is not squared: you used 1 - h, but tanh'(a) = 1 - tanh(a)^2 = 1 - h^2 (h ** 2)."),
        (lambda dh, c: _step_variant(dh, c, wh_t=True),
         "dh_prev is da Wh^T: a transpose slip. The forward step multiplies h_prev Wh^T, so the gradient of "
         "h_prev is da Wh (no .T); Wh is square, so the shapes could not catch this one."),
        (lambda dh, c: _step_variant(dh, c, mean_b=True),
         "db is averaged over the examples: b is added to every row, so its gradient is the sum of da over "
         "the examples (da.sum(axis=0)), not the mean. Any 1/m belongs to the loss, which made dh."),
    ]
    _run(fn, rnn_step_backward_reference, cases, "rnn_step_backward", ["a", "a", "list"], _STEP_HINT,
         diagnoses, labels=_STEP_LABELS, forbidden=(recurrent.rnn_step_backward,))
    passed("rnn_step_backward is right: da = dh (1 - h^2), then dx = da Wx, dh_prev = da Wh, "
           "dWx = da^T x, dWh = da^T h_prev, db = the sum of da over the examples.")


# ---------------------------------------------------------------- exercise 2: BPTT


def _bptt_variant(dhs, caches, step_backward, assign=False, pass_back=True, own_loss=True, truncate=None,
                  cut=lambda t, k: t % k == 0 and t > 0, forwards=False):
    T = len(caches)
    x, h_prev, Wx, Wh = caches[0][:4]
    total = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(Wh.shape[0])]
    dxs, dh_next = np.zeros((T,) + x.shape), np.zeros_like(h_prev)
    for t in (range(T) if forwards else reversed(range(T))):
        dh = (dhs[t] if own_loss else 0) + (dh_next if pass_back else 0)
        dxs[t], dh_next, grads = step_backward(dh, caches[t])
        if assign:
            total = [g.copy() for g in grads]
        else:
            total = [a + g for a, g in zip(total, grads)]
        if truncate is not None and cut(t, truncate):
            dh_next = np.zeros_like(dh_next)
    return dxs, dh_next, total


_BPTT_LABELS = ["dxs", "dh0", "dWx", "dWh", "db"]
_FORWARDS = ("Your loop runs forwards in time (t = 0, 1, ...). Backpropagation walks the steps backwards, "
             "for t in reversed(range(T)): step t needs the gradient that step t + 1 sent back, so step t + 1 "
             "must be done first, and the last dh_prev is the gradient of h_0.")


def check_rnn_backward(fn, seed=None):
    """Exercise 2: rnn_backward(dhs, caches, step_backward) -> (dxs, dh0, [dWx, dWh, db])."""
    __tracebackhide__ = True
    cases = []
    for base, (T, m, D, H) in enumerate([(5, 3, 2, 4), (7, 2, 3, 5), (4, 4, 5, 3)], start=60):
        dhs, caches = _rnn_case(_seed(base, seed), T=T, m=m, D=D, H=H)
        cases.append((dhs, caches, rnn_step_backward_reference))
    diagnoses = [
        (lambda d, c, s: _bptt_variant(d, c, s, assign=True),
         "Your weight gradients hold one step's term only: the same Wx, Wh, b act at every step, "
         "so their gradients are summed over t (dWh += ..., not dWh = ...)."),
        (lambda d, c, s: _bptt_variant(d, c, s, pass_back=False),
         "The hidden-state gradient is not passed back: at step t the gradient of h_t is dhs[t] plus "
         "the dh_prev that step t+1 returned."),
        (lambda d, c, s: _bptt_variant(d, c, s, own_loss=False),
         "Each step must add its own loss gradient dhs[t] to what flows back from step t+1."),
        (lambda d, c, s: _bptt_variant(d, c, s, assign=True, pass_back=False),
         "Two things: the hidden-state gradient is not passed back to the previous step, and the weight "
         "gradients must be summed over the steps, not assigned."),
        (lambda d, c, s: _bptt_variant(d, c, s, forwards=True),
         _FORWARDS),
    ]
    _run(fn, lambda d, c, s: _bptt_variant(d, c, s), cases, "rnn_backward", ["a", "a", "list"],
         "a tuple (dxs, dh0, [dWx, dWh, db])", diagnoses, labels=_BPTT_LABELS,
         forbidden=(recurrent.rnn_backward, recurrent.sequence_backward))
    passed("rnn_backward is right: walking t = T..1, dh = dhs[t] + dh_next, and the weight gradients "
           "summed over all steps.")


# ---------------------------------------------------------------- exercise 3: clipping


def _clip_reference(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads))
    scale = min(1.0, max_norm / norm) if norm > 0 else 1.0
    return [g * scale for g in grads]


def check_clip_by_global_norm(fn, seed=None):
    """Exercise 3: clip_by_global_norm(grads, max_norm) -> the rescaled list."""
    __tracebackhide__ = True
    rng = np.random.default_rng(_seed(70, seed))
    cases = [
        ([rng.normal(0, 3, (3, 4)), rng.normal(0, 3, 5)], 2.0),
        ([rng.normal(0, 1, (2, 2)), rng.normal(0, 5, 3), rng.normal(0, 0.1, (4, 1))], 1.0),
        ([rng.normal(0, 0.1, (3, 2)), rng.normal(0, 0.1, 2)], 5.0),   # already short: unchanged
    ]
    diagnoses = [
        (lambda gs, c: [np.clip(g, -c, c) for g in gs],
         "You clipped each entry into [-max_norm, max_norm]. That changes the direction of the step; "
         "clipping by the global norm rescales every gradient by one factor, min(1, max_norm / norm), "
         "with norm = sqrt(sum of all squares of all arrays)."),
        (lambda gs, c: [_clip_reference([g], c)[0] for g in gs],
         "You clipped each array by its own norm. The global norm is one number for the whole model: "
         "sqrt of the sum of the squares of every entry of every array."),
        (lambda gs, c: [g * c / np.sqrt(sum(np.sum(x ** 2) for x in gs)) for g in gs],
         "A gradient already shorter than max_norm must stay as it is: the factor is min(1, max_norm / norm)."),
        (lambda gs, c: [g * min(1.0, c / sum(np.sum(x ** 2) for x in gs)) for g in gs],
         "The norm is the square root of the sum of squares; you divided by the sum of squares itself."),
    ]
    for gs, c in cases:
        copies = [g.copy() for g in gs]
        got = call(fn, (copies, c), "clip_by_global_norm", forbidden=(clip.clip_by_global_norm,))
        try:
            check_unchanged("clip_by_global_norm", (copies,), (gs,))
        except CheckFailed as failed:
            raise CheckFailed(
                f"{failed} Here: scaling the gradients in place (g *= scale) changes the caller's arrays. "
                "torch's clip_grad_norm_ (the trailing _) and nnlib.clip do work in place, but this exercise "
                "asks for a new list and leaves grads as they were: return [g * scale for g in grads].") from None
        if not isinstance(got, (list, tuple)) or len(got) != len(gs):
            raise CheckFailed(f"clip_by_global_norm should return a list of {len(gs)} arrays, one per "
                              f"gradient; got {describe(got)}.")
        compare(f"clip_by_global_norm([arrays {', '.join(str(g.shape) for g in gs)}], {c})", list(got),
                _clip_reference(gs, c), rtol=1e-5, atol=1e-9, diagnoses=diagnoses, args=(gs, c))
    passed("clip_by_global_norm is right: one factor min(1, max_norm / ||g||) for every array; "
           "the direction of the step is kept.")


# ---------------------------------------------------------------- exercise 4: max-pool backward


def _pool_reference(dout, x, size):
    _, cache = conv.max_pool_forward(x, size)
    return conv.max_pool_backward(dout, cache)


def _spread(dout, size):
    return np.repeat(np.repeat(dout, size, axis=2), size, axis=3)


def _pool_tie_variant(dout, x, size, rule):
    """Max pooling's backward with another tie rule: "all" tied maxima get the gradient, the "last" one
    (row by row), or the first one read "column"-wise."""
    if rule == "all":
        m, C, H, W = x.shape
        blocks = x.reshape(m, C, H // size, size, W // size, size)
        mask = blocks == blocks.max(axis=(3, 5), keepdims=True)
        return (mask * dout[:, :, :, None, :, None]).reshape(x.shape)
    if rule == "last":
        flipped = x[:, :, ::-1, ::-1]          # within a window, the last in row order becomes the first
        dx = _pool_reference(dout[:, :, ::-1, ::-1], flipped, size)
        return dx[:, :, ::-1, ::-1]
    dx = _pool_reference(dout.swapaxes(2, 3), x.swapaxes(2, 3), size)   # "column": read down the columns
    return dx.swapaxes(2, 3)


def check_max_pool_backward(fn, seed=None):
    """Exercise 4: max_pool_backward(dout, x, size) for non-overlapping windows."""
    __tracebackhide__ = True
    rng = np.random.default_rng(_seed(80, seed))
    cases = []
    for shape, size in (((1, 1, 4, 4), 2), ((2, 3, 6, 4), 2), ((2, 2, 6, 9), 3)):
        x = rng.normal(size=shape)
        out_shape = shape[:2] + (shape[2] // size, shape[3] // size)
        cases.append((rng.normal(size=out_shape), x, size))
    # whole numbers 0, 1, 2: many windows hold their maximum twice or more (the tie rule: the first
    # maximum in row order, as np.argmax over the flattened window, nnlib.conv and torch pick);
    # the first window of each case is made to tie where first-in-row, last and first-in-column differ
    for shape, size in (((2, 2, 4, 6), 2), ((1, 2, 6, 6), 3)):
        x = rng.integers(0, 3, size=shape).astype(float)
        x[0, 0, :size, :size] = 0.0
        x[0, 0, 0, 1] = x[0, 0, 1, 0] = x[0, 0, size - 1, size - 1] = 2.0
        out_shape = shape[:2] + (shape[2] // size, shape[3] // size)
        cases.append((rng.normal(size=out_shape), x, size))
    diagnoses = [
        (lambda d, x, s: _spread(d, s),
         "You sent each window's gradient to every position of the window. Only the maximum reached the "
         "output, so only it gets the gradient; the other positions get 0."),
        (lambda d, x, s: _spread(d, s) / s ** 2,
         "That is average pooling's backward (the gradient spread evenly). Max pooling sends it to the "
         "arg-max of each window only."),
        (lambda d, x, s: _pool_reference(d, -x, s),
         "The gradient went to the smallest entry of each window: use argmax, not argmin."),
        (lambda d, x, s: _pool_tie_variant(d, x, s, "all"),
         "Where a window's maximum appears twice or more (a tie), every tied position got the whole "
         "gradient, so the window passes back more than reached its output. Only one entry was passed on: "
         "give the gradient to the first maximum only (np.argmax of the flattened window picks it)."),
        (lambda d, x, s: _pool_tie_variant(d, x, s, "last"),
         "At a tie the gradient went to the last maximum of the window. The rule (nnlib's and PyTorch's) is "
         "the first one, reading the window row by row: np.argmax of the flattened window, which returns "
         "the first."),
        (lambda d, x, s: _pool_tie_variant(d, x, s, "column"),
         "At a tie the gradient went to the first maximum reading the window down its columns. The rule is "
         "the first reading row by row, as np.argmax of block.reshape(m, C, -1) finds it."),
    ]
    _run(fn, _pool_reference, cases, "max_pool_backward", None, "", diagnoses, rtol=1e-9, atol=1e-12,
         forbidden=(conv.max_pool_backward,))
    passed("max_pool_backward is right: each window's gradient lands on its arg-max, zeros elsewhere.")


# ---------------------------------------------------------------- exercise 5: convolution backward


def _conv_input_reference(dout, w):
    kh, kw = w.shape
    return correlate2d(np.pad(dout, ((kh - 1, kh - 1), (kw - 1, kw - 1))), w[::-1, ::-1])


def check_conv_backward_input(fn, seed=None):
    """Exercise 5: dL/dx of a single-channel, stride-1 valid correlation, from dout and w."""
    __tracebackhide__ = True
    rng = np.random.default_rng(_seed(90, seed))
    cases = [(rng.normal(size=(4, 5)), rng.normal(size=(3, 2))),
             (rng.normal(size=(3, 3)), rng.normal(size=(3, 3))),
             (rng.normal(size=(5, 2)), rng.normal(size=(2, 4)))]

    def padded(d, w):
        kh, kw = w.shape
        return np.pad(d, ((kh - 1, kh - 1), (kw - 1, kw - 1)))

    diagnoses = [
        (lambda d, w: correlate2d(padded(d, w), w),
         "The kernel is not flipped: dL/dx is the full correlation of dout with the kernel turned by "
         "180 degrees, w[::-1, ::-1]."),
        (lambda d, w: correlate2d(padded(d, w), w[::-1, :]),
         "The kernel is flipped up-down only: turn it by 180 degrees, w[::-1, ::-1] (both axes)."),
        (lambda d, w: correlate2d(padded(d, w), w.T),
         "You transposed the kernel (w.T). Turning it by 180 degrees is w[::-1, ::-1], a different matrix "
         "of the same shape as w."),
        (lambda d, w: correlate2d(padded(d, w), w[:, ::-1]),
         "The kernel is flipped left-right only: turn it by 180 degrees, w[::-1, ::-1] (both axes)."),
        (lambda d, w: correlate2d(d, w[::-1, ::-1]) if d.shape[0] >= w.shape[0] and d.shape[1] >= w.shape[1]
         else np.zeros((1, 1)),
         "dout needs padding by k - 1 on every side (a full correlation), so that dL/dx has the input's "
         "shape (Ho + kh - 1, Wo + kw - 1)."),
    ]
    _run(fn, _conv_input_reference, cases, "conv_backward_input", None, "", diagnoses,
         forbidden=(conv.conv2d_backward,))
    passed("conv_backward_input is right: pad dout by k - 1, correlate with the kernel turned by 180 degrees.")


# ---------------------------------------------------------------- exercise 6: LSTM step backward


def _lstm_variant(dh, dc, cache, forget="c_prev", through_h=True, carry_f=True, out="tc", order=(0, 1, 2, 3),
                  mean_b=False):
    x, h_prev, c_prev, Wx, Wh, i, f, g, o, tc = cache
    do = dh * (tc if out == "tc" else np.arctanh(np.clip(tc, -1 + 1e-12, 1 - 1e-12)))
    dc_total = dc + (dh * o * (1 - tc ** 2) if through_h else 0)
    df = dc_total * {"c_prev": c_prev, "none": 1.0, "c": np.arctanh(np.clip(tc, -1 + 1e-12, 1 - 1e-12))}[forget]
    di, dg = dc_total * g, dc_total * i
    dc_prev = dc_total * f if carry_f else dc_total
    parts = [di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)]
    da = np.hstack([parts[k] for k in order])
    db = da.mean(axis=0) if mean_b else da.sum(axis=0)
    return da @ Wx, da @ Wh, dc_prev, [da.T @ x, da.T @ h_prev, db]


def _gate_order_diagnoses():
    """One diagnosis per wrong order of the four gate blocks in da (23 of them)."""
    found = []
    for order in itertools.permutations(range(4)):
        if order == (0, 1, 2, 3):
            continue
        names = ", ".join("ifgo"[k] for k in order)
        found.append((lambda dh, dc, c, order=order: _lstm_variant(dh, dc, c, order=order),
                      f"The gates' gradients are stacked in the order {names}. The forward step stacks the "
                      "pre-activations in PyTorch's order i, f, g, o (the order of the cache), so the blocks of da "
                      "must come in that order too: the i block first, then f, g and o, each H columns wide"
                      + (" (i, f, o, g is the order of CS231n's assignment, not PyTorch's)." if names == "i, f, o, g"
                         else ".")))
    return found


def check_lstm_step_backward(fn, seed=None):
    """Exercise 6: lstm_step_backward(dh, dc, cache) -> (dx, dh_prev, dc_prev, [dWx, dWh, db])."""
    __tracebackhide__ = True
    cases = []
    for base, (m, D, H) in enumerate([(3, 2, 4), (2, 5, 3), (4, 3, 5)], start=100):
        rng = np.random.default_rng(_seed(base, seed))
        params = [1.5 * p for p in recurrent.init_params("lstm", D, H, seed=_seed(base, seed))]
        x, h, c = rng.normal(size=(m, D)), rng.normal(size=(m, H)), rng.normal(0, 2, (m, H))
        _, _, cache = recurrent.lstm_step_forward(x, h, c, *params)
        cases.append((rng.normal(size=(m, H)), rng.normal(size=(m, H)), cache))
    diagnoses = [
        (lambda dh, dc, c: _lstm_variant(dh, dc, c, forget="none"),
         "The forget gate's gradient is missing the previous cell state: c = f * c_prev + i * g, "
         "so df = dc_total * c_prev."),
        (lambda dh, dc, c: _lstm_variant(dh, dc, c, forget="c"),
         "The forget gate multiplies the previous cell state c_prev, not the new c: df = dc_total * c_prev."),
        (lambda dh, dc, c: _lstm_variant(dh, dc, c, through_h=False),
         "The cell state also reaches the loss through h = o * tanh(c): dc_total = dc + dh * o * (1 - tanh(c)^2)."),
        (lambda dh, dc, c: _lstm_variant(dh, dc, c, carry_f=False),
         "The gradient to the previous cell state passes through the forget gate: dc_prev = dc_total * f."),
        (lambda dh, dc, c: _lstm_variant(dh, dc, c, out="c"),
         "The output gate multiplies tanh(c), so do = dh * tanh(c), not dh * c."),
        (lambda dh, dc, c: _lstm_variant(dh, dc, c, mean_b=True),
         "db is averaged over the examples: b is added to every row, so its gradient is the sum of da over "
         "the examples (da.sum(axis=0)), not the mean."),
    ] + _gate_order_diagnoses()
    _run(fn, recurrent.lstm_step_backward, cases, "lstm_step_backward", ["a", "a", "a", "list"],
         "a tuple (dx, dh_prev, dc_prev, [dWx, dWh, db])", diagnoses,
         labels=["dx", "dh_prev", "dc_prev", "dWx", "dWh", "db"], forbidden=(recurrent.lstm_step_backward,))
    passed("lstm_step_backward is right, with the gates in torch's order i, f, g, o; it equals "
           "nnlib.recurrent.lstm_step_backward on three cells.")


# ---------------------------------------------------------------- exercise 7: truncated BPTT


_FROM_END = ("Your chunks are counted from the end of the sequence ([T - k, T), [T - 2k, T - k), ...). "
             "They start at step 0: [0, k), [k, 2k), ..., the last one shorter when k does not divide T, as "
             "when the hidden state is detached every k steps of a stream read from its start. Cut after "
             "processing step t when t is a positive multiple of k (t % k == 0 and t > 0).")


def check_truncated_rnn_backward(fn, seed=None):
    """Exercise 7: truncated_rnn_backward(dhs, caches, step_backward, k), chunks [0, k), [k, 2k), ..."""
    __tracebackhide__ = True
    cases = []
    for base, (T, m, D, H, k) in enumerate([(7, 3, 2, 4, 3), (8, 2, 3, 5, 2), (6, 4, 5, 3, 4), (5, 2, 2, 3, 5)],
                                           start=110):
        dhs, caches = _rnn_case(_seed(base, seed), T=T, m=m, D=D, H=H)
        cases.append((dhs, caches, rnn_step_backward_reference, k))
    diagnoses = [
        (lambda d, c, s, k: _bptt_variant(d, c, s),
         "This is full BPTT: the gradient must stop at the start of every chunk of k steps (at steps k, 2k, "
         "... counted from 0), so set dh_next to zero after processing such a step."),
        (lambda d, c, s, k: _bptt_variant(d, c, s, truncate=k, cut=lambda t, kk: (t + 1) % kk == 0),
         "Your cuts are one step off: chunks are steps [0, k), [k, 2k), ...; the gradient stops after "
         "processing step t when t is a multiple of k (t > 0), so that nothing flows from step k into step k - 1."),
        (lambda d, c, s, k: _bptt_variant(d, c, s, truncate=k, cut=lambda t, kk: t % kk == 0),
         "The gradient of h_0 should still come from the first chunk: do not cut at t = 0."),
        (lambda d, c, s, k: _bptt_variant(d, c, s, truncate=1),
         "You cut the gradient after every step (k = 1) instead of every k steps."),
        (lambda d, c, s, k: _bptt_variant(d, c, s, truncate=k, cut=lambda t, kk: (len(c) - t) % kk == 0 and t > 0),
         _FROM_END),
        (lambda d, c, s, k: _bptt_variant(d, c, s, truncate=k,
                                          cut=lambda t, kk: (len(c) - 1 - t) % kk == 0 and t > 0),
         _FROM_END),
        (lambda d, c, s, k: _bptt_variant(d, c, s, truncate=k, forwards=True), _FORWARDS),
    ]
    _run(fn, lambda d, c, s, k: _bptt_variant(d, c, s, truncate=k), cases, "truncated_rnn_backward",
         ["a", "a", "list"], "a tuple (dxs, dh0, [dWx, dWh, db])", diagnoses, labels=_BPTT_LABELS,
         forbidden=(recurrent.rnn_backward, recurrent.sequence_backward))
    passed("truncated_rnn_backward is right: full BPTT inside each chunk of k steps, nothing across the "
           "boundaries; with k = T it is full BPTT.")
