"""Check cells of the level 5 exercises (solutions/05_phd.ipynb).

Each check calls the learner's function through the shared runner (``core.call``) on its own seeded
inputs (shapes that are all different, so a transpose cannot pass by accident; values far from zero, so
every term matters): on copies of the inputs (an answer that changes them fails), with the watch on
(nnlib's own version of the answer, nnlib's numerical gradients, torch's autograd and the checks' private
references fail, named), and, for every backward pass, first on a large case under a time limit where the
chain rule takes milliseconds and finite differences minutes. A wrong result is matched against the
exercise's typical mistakes, each declared once below (a Mistake: the learner's code, in
_level5_mistakes.py, and the sentence that names it). Where an exercise builds on an earlier one (BPTT on
the step backward), the check passes the reference version of the earlier piece, so one mistake costs one
exercise. With an instructor's ``seed=`` (the hidden tests) the cases are drawn from that seed and no
expected value is shown.
"""

import itertools

import numpy as np

from .. import clip, conv, gradcheck, recurrent
from .core import CheckFailed, call, describe, diagnose, passed
from . import _level5_mistakes as code
from .core import Mistake, check_unchanged, compare, compiled_mistake, copy_args
from .level4 import torch_forbidden

#: Seconds a backward pass has on the large case of its exercise: a right one needs a few milliseconds
#: there, a numerical gradient (two forward passes per number) minutes.
PROBE_SECONDS = 4.0

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


def _rnn_step_backward(dout, cache):
    """The reference answer of exercise 1, used to grade exercise 2 on its own."""
    x, h_prev, Wx, Wh, a, h = cache
    da = dout * (1 - h ** 2)
    return da @ Wx, da @ Wh, da.T @ x, da.T @ h_prev, da.sum(axis=0)


def softmax(s):
    """Softmax of each row of s, (m, K) -> (m, K): exp(s - max) / sum exp(s - max), which never overflows."""
    e = np.exp(s - s.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


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
    """The learner's flat tuple as a list, or a CheckFailed that says what to return."""
    __tracebackhide__ = True
    if not isinstance(result, (tuple, list)) or len(result) != len(parts):
        if (isinstance(result, (tuple, list)) and result and isinstance(result[-1], (list, tuple))
                and len(result) - 1 + len(result[-1]) == len(parts)):
            raise CheckFailed(f"{name} should return {shape_hint}: the weight gradients are items of the tuple "
                              "itself, not a list inside it (return dx, dh_prev, dWx, dWh, db, or unpack with "
                              f"*grads). Got {describe(result)}.")
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
         forbidden=(), allowed=(), probe=None, seed=None):
    """Compare fn(*args) with reference(*args) on every case: on copies of the inputs (which must stay
    unchanged), with the watch on nnlib's own versions (``forbidden``), nnlib's numerical gradients and the
    checks' private references (but those of the earlier answers the check passes in, ``allowed``).
    probe: (label, args, numbers), a large case run first under PROBE_SECONDS (a backward pass takes
    milliseconds there, finite differences minutes). On a hidden case (``seed``) no expected value is shown."""
    __tracebackhide__ = True
    forbidden = forbidden_functions(name, forbidden, allowed)
    hidden = seed is not None

    def run(args, **kw):
        copies = copy_args(args)
        got = call(fn, copies, name, forbidden=forbidden, **kw)
        check_unchanged(name, copies, args)
        return _flatten(got, name, parts, shape_hint) if parts else got

    def judge(label, args, got, diagnoses=()):
        want = reference(*args)
        want = _flatten(want, name, parts, shape_hint) if parts else want
        if parts:
            wrong = [(lambda *a, w=w: _flatten(w(*a), name, parts, shape_hint), msg) for w, msg in diagnoses]
            hint = diagnose(got, args, wrong, rtol, atol)
            for i, (g, w) in enumerate(zip(got, want)):
                item = labels[i] if labels else f"item {i}"
                try:
                    compare(f"{item} from {label}", g, w, rtol, atol, hidden=hidden)
                except CheckFailed as failed:
                    raise CheckFailed(str(failed) + (f" {hint}" if hint else "")) from None
        else:
            compare(label, got, want, rtol, atol, diagnoses, args, hidden=hidden)

    if probe is not None:
        label, args, numbers = probe
        try:
            got = run(args, time_limit_s=PROBE_SECONDS)
        except CheckFailed as failed:
            if "did not finish within" in str(failed):
                raise CheckFailed(_numerical_says(name, numbers)) from None
            raise
        big = (label, args, got)
    for args in cases:
        got = run(args)
        judge(f"{name}({', '.join(_show(a) for a in args)})", args, got, diagnoses)
    if probe is not None:
        judge(f"{name} on {big[0]}", big[1], big[2])


def _numerical_says(name, numbers):
    return (f"{name} seems to compute the gradient numerically (a numerical gradient: finite differences), where "
            f"the exercise asks for the backward pass: on a case with {numbers:,} inputs and parameters it did not "
            f"finish within {PROBE_SECONDS:g} s, while the chain rule takes milliseconds there; finite differences "
            f"evaluate the forward pass twice per number ({2 * numbers:,} times). Work the gradients out from the "
            "cache with the chain rule.")


def _reference_message(name, f):
    return (f"{name} calls {getattr(f, '__qualname__', f)}, one of the check's own reference answers: an answer "
            "that calls the reference is not your own work and earns nothing. Write it yourself from the "
            "formulas.")


def references():
    """The check's private reference answers by name, for the course's own tests: an answer that calls any of
    them fails its check and is told why (see ``forbidden_functions``)."""
    return {"rnn_step_backward": _rnn_step_backward, "bptt": _bptt_variant, "clip": _clip_reference,
            "pool": _pool_reference, "conv_input": _conv_input_reference, "lstm": _lstm_variant,
            "gru_step_backward": _gru_reference, "fa_backward": _fa_reference}


def forbidden_functions(name, own=(), allowed=()):
    """nnlib's own versions (``own``), its numerical gradients, torch's autograd when imported, and every
    private reference of this level except ``allowed``: (function, message) pairs for core.call."""
    found = [(f, None) for f in own]
    found += [(f, f"{name} calls nnlib.{f.__name__}: that is a numerical gradient, and the exercise asks for the "
                  "backward pass, worked out with the chain rule.")
              for f in (gradcheck.numerical_gradient, gradcheck.gradient_check)]
    found += torch_forbidden(f"{name} calls torch's autograd: the exercise asks you to write the backward pass "
                              "yourself, with the chain rule.")
    references = [_rnn_step_backward, _bptt_variant, _clip_reference, _pool_reference, _conv_input_reference,
                  _lstm_variant, _gru_reference, _fa_reference]
    found += [(f, _reference_message(name, f)) for f in references if f not in allowed]
    return found


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


# ---------------------------------------------------------------- large cases (a numerical gradient runs out of time)


def _step_probe(seed):
    """One RNN step with 100 examples, D = H = 200: 120,200 inputs and parameters."""
    dout, caches = _rnn_case(_seed(59, seed), T=1, m=100, D=200, H=200, scale=0.1)
    return "dout (100, 200) and a cache with D = H = 200", (dout[0], caches[0]), 100 * 200 * 2 + 200 * 400 + 200


def _bptt_probe(seed, k=None):
    """A sequence of 30 steps, 30 examples, D = H = 80: about 87,000 inputs and parameters."""
    dout, caches = _rnn_case(_seed(69, seed), T=30, m=30, D=80, H=80, scale=0.2)
    args = (dout, caches, _rnn_step_backward) + (() if k is None else (k,))
    return "30 steps of 30 examples, D = H = 80", args, 30 * 30 * 80 + 30 * 80 + 80 * 160 + 80


def _pool_probe(seed):
    rng = np.random.default_rng(_seed(89, seed))
    x = rng.normal(size=(4, 8, 64, 64))
    return "x (4, 8, 64, 64), size 2", (rng.normal(size=(4, 8, 32, 32)), x, 2), x.size


def _conv_probe(seed):
    rng = np.random.default_rng(_seed(99, seed))
    dout, w = rng.normal(size=(200, 200)), rng.normal(size=(6, 6))
    return "dout (200, 200), w (6, 6)", (dout, w), 205 * 205


def _lstm_probe(seed):
    rng = np.random.default_rng(_seed(109, seed))
    m, D, H = 100, 150, 150
    params = [0.1 * p for p in recurrent.init_params("lstm", D, H, seed=_seed(109, seed))]
    x, h, c = rng.normal(size=(m, D)), rng.normal(size=(m, H)), rng.normal(size=(m, H))
    _, _, cache = recurrent.lstm_step_forward(x, h, c, *params)
    return (f"dout, dc ({m}, {H}) and a cache with D = H = {H}", (rng.normal(size=(m, H)), rng.normal(size=(m, H)),
            cache), m * (D + 2 * H) + 4 * H * (D + H) + 4 * H)


def _gru_probe(seed):
    rng = np.random.default_rng(_seed(119, seed))
    m, D, H = 100, 150, 150
    params = [0.1 * p for p in recurrent.init_params("gru", D, H, seed=_seed(119, seed))]
    x, h = rng.normal(size=(m, D)), rng.normal(size=(m, H))
    _, cache = recurrent.gru_step_forward(x, h, *params)
    return (f"dout ({m}, {H}) and a cache with D = H = {H}", (rng.normal(size=(m, H)), cache),
            m * (D + H) + 3 * H * (D + H) + 6 * H)


# ---------------------------------------------------------------- the typical mistakes, declared once

_STEP_PRELUDE = "x, h_prev, Wx, Wh, a, h = cache\n"
_BPTT_PRELUDE = "T = len(caches)\nx, h_prev, Wx, Wh = caches[0][:4]\ndxs = np.zeros((T,) + x.shape)\n"
_POOL_PRELUDE = "dx = np.zeros_like(x)\nm, C, Ho, Wo = dout.shape\n"
_CONV_PRELUDE = "kh, kw = w.shape\n"
_LSTM_PRELUDE = "x, h_prev, c_prev, Wx, Wh, i, f, g, o, tc = cache\n"
_GRU_PRELUDE = "x, h_prev, Wx, Wh, r, z, n, ahn = cache\n"
_FA_PRELUDE = "a1 = np.tanh(X @ W1.T + b1)\np = softmax(a1 @ W2.T + b2)\n"
_IN_PLACE = "{name} changed one of its inputs in place; work on a copy instead"

_STEP_MISTAKES = [
    Mistake("tanh' from the pre-activation", code.step(slope="1 - a ** 2"),
            "You used 1 - a^2, the formula applied to the pre-activation a. tanh'(a) = 1 - tanh(a)^2 = 1 - h^2: "
            "take the derivative from the output h.", words="1 - a^2"),
    Mistake("no tanh derivative", code.step(slope="1"),
            "The tanh derivative is missing: da = dout * (1 - h^2) before any product with the weights.",
            words="derivative is missing"),
    Mistake("tanh instead of its derivative", code.step(slope="h"),
            "You multiplied by tanh(a) = h, not by its derivative 1 - h^2.", words="not by its derivative"),
    Mistake("transposed weight gradients", code.step(dwx="x.T @ da", dwh="h_prev.T @ da"),
            "dWx and dWh are transposed: a weight gradient has the weight's shape, dWx = da^T x (H, D), "
            "dWh = da^T h_prev (H, H).", words="transposed"),
    Mistake("tanh' not squared", code.step(slope="1 - h"),
            "tanh' is not squared: you used 1 - h, but tanh'(a) = 1 - tanh(a)^2 = 1 - h^2 (h ** 2).",
            words="not squared"),
    Mistake("Wh.T for dh_prev", code.step(wh="Wh.T"),
            "dh_prev is da Wh^T: a transpose slip. The forward step multiplies h_prev Wh^T, so the gradient of "
            "h_prev is da Wh (no .T); Wh is square, so the shapes could not catch this one.", words="transpose slip"),
    Mistake("db averaged", code.step(db="da.mean(axis=0)"),
            "db is averaged over the examples: b is added to every row, so its gradient is the sum of da over "
            "the examples (da.sum(axis=0)), not the mean. Any 1/m belongs to the loss, which made dout.",
            words="averaged"),
    Mistake("weight gradients nested in a list",
            "da = dout * (1 - h ** 2)\nreturn da @ Wx, da @ Wh, [da.T @ x, da.T @ h_prev, da.sum(axis=0)]",
            "the weight gradients are items of the tuple itself, not a list inside it",
            words="not a list inside it", rule=True),
    Mistake("dout scaled in place", "dout *= 1 - h ** 2\nreturn dout @ Wx, dout @ Wh, dout.T @ x, dout.T @ h_prev, dout.sum(axis=0)",
            _IN_PLACE.format(name="rnn_step_backward"), words="in place", rule=True),
    Mistake("numerical gradient (finite differences)", code.STEP_NUMERICAL, "a numerical gradient",
            words="numerical gradient", rule=True),
]

_FORWARDS = ("Your loop runs forwards in time (t = 0, 1, ...). Backpropagation walks the steps backwards, "
             "for t in reversed(range(T)): step t needs the gradient that step t + 1 sent back, so step t + 1 "
             "must be done first, and the last dh_prev is the gradient of h_0.")
_BPTT_MISTAKES = [
    Mistake("dWh assigned instead of summed", code.BPTT.format(dout="dout[t] + dh_next", acc=code.ASSIGN),
            "Your weight gradients hold one step's term only: the same Wx, Wh, b act at every step, "
            "so their gradients are summed over t (dWh += ..., not dWh = ...).", words="summed over t"),
    Mistake("hidden gradient not passed back", code.BPTT.format(dout="dout[t]", acc=code.SUM),
            "The hidden-state gradient is not passed back: at step t the gradient of h_t is dout[t] plus "
            "the dh_prev that step t+1 returned.", words="not passed back"),
    Mistake("own loss gradient dropped", code.BPTT.format(dout="dh_next", acc=code.SUM),
            "Each step must add its own loss gradient dout[t] to what flows back from step t+1.", words="dout[t]"),
    Mistake("both: assigned and not passed back", code.BPTT.format(dout="dout[t]", acc=code.ASSIGN),
            "Two things: the hidden-state gradient is not passed back to the previous step, and the weight "
            "gradients must be summed over the steps, not assigned.", words="Two things"),
    Mistake("loop runs forwards", code.FORWARD.format(dout="dout[t] + dh_next", acc=code.SUM), _FORWARDS,
            words="runs forwards"),
    Mistake("dout accumulated in place",
            "dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(Wh.shape[0])\n"
            "dh_next = np.zeros_like(h_prev)\nfor t in reversed(range(T)):\n    dout[t] += dh_next\n"
            "    dxs[t], dh_next, gx, gh, gb = step_backward(dout[t], caches[t])\n"
            "    dWx += gx\n    dWh += gh\n    db += gb\nreturn dxs, dh_next, dWx, dWh, db",
            _IN_PLACE.format(name="rnn_backward"), words="in place", rule=True),
    Mistake("numerical gradient (finite differences)", code.RNN_NUMERICAL, "a numerical gradient",
            words="numerical gradient", rule=True),
]

_CLIP_MISTAKES = [
    Mistake("clips each element", "return [np.clip(g, -max_norm, max_norm) for g in grads]",
            "You clipped each entry into [-max_norm, max_norm]. That changes the direction of the step; "
            "clipping by the global norm rescales every gradient by one factor, min(1, max_norm / norm), "
            "with norm = sqrt(sum of all squares of all arrays).", words="clipped each entry"),
    Mistake("clips each array by its own norm", "return [g * min(1.0, max_norm / np.linalg.norm(g)) for g in grads]",
            "You clipped each array by its own norm. The global norm is one number for the whole model: "
            "sqrt of the sum of the squares of every entry of every array.", words="its own norm"),
    Mistake("always rescales",
            "norm = np.sqrt(sum(np.sum(g ** 2) for g in grads))\nreturn [g * max_norm / norm for g in grads]",
            "A gradient already shorter than max_norm must stay as it is: the factor is min(1, max_norm / norm).",
            words="min(1, max_norm / norm)"),
    Mistake("no square root",
            "norm = sum(np.sum(g ** 2) for g in grads)\nreturn [g * min(1.0, max_norm / norm) for g in grads]",
            "The norm is the square root of the sum of squares; you divided by the sum of squares itself.",
            words="square root"),
    Mistake("clips in place",
            "norm = np.sqrt(sum(np.sum(g ** 2) for g in grads))\n"
            "for g in grads:\n    g *= min(1.0, max_norm / norm)\nreturn grads",
            "scaling the gradients in place (g *= scale) changes the caller's arrays", words="in place", rule=True),
]

_POOL_MISTAKES = [
    Mistake("gradient to every position", "return np.repeat(np.repeat(dout, size, axis=2), size, axis=3)",
            "You sent each window's gradient to every position of the window. Only the maximum reached the "
            "output, so only it gets the gradient; the other positions get 0.", words="every position"),
    Mistake("average pooling's backward", "return np.repeat(np.repeat(dout, size, axis=2), size, axis=3) / size ** 2",
            "That is average pooling's backward (the gradient spread evenly). Max pooling sends it to the "
            "arg-max of each window only.", words="average pooling"),
    Mistake("arg-min", code.POOL_ARGMIN,
            "The gradient went to the smallest entry of each window: use argmax, not argmin.",
            words="argmax, not argmin"),
    Mistake("every tied maximum gets the gradient", code.POOL_ALL_TIED,
            "Where a window's maximum appears twice or more (a tie), every tied position got the whole "
            "gradient, so the window passes back more than reached its output. Only one entry was passed on: "
            "give the gradient to the first maximum only (np.argmax of the flattened window picks it).",
            words="every tied position"),
    Mistake("last maximum at a tie", code.POOL_LAST,
            "At a tie the gradient went to the last maximum of the window. The rule (nnlib's and PyTorch's) is "
            "the first one, reading the window row by row: np.argmax of the flattened window, which returns "
            "the first.", words="the last maximum"),
    Mistake("first maximum down the columns", code.POOL_COLUMNS,
            "At a tie the gradient went to the first maximum reading the window down its columns. The rule is "
            "the first reading row by row, as np.argmax of block.reshape(m, C, -1) finds it.",
            words="down its columns"),
    Mistake("numerical gradient (finite differences)", code.POOL_NUMERICAL, "a numerical gradient",
            words="numerical gradient", rule=True),
]

_CONV_MISTAKES = [
    Mistake("kernel not flipped", code.PAD + "return correlate2d(padded, w)",
            "The kernel is not flipped: dL/dx is the full correlation of dout with the kernel turned by "
            "180 degrees, w[::-1, ::-1].", words="not flipped"),
    Mistake("kernel flipped up-down only", code.PAD + "return correlate2d(padded, w[::-1, :])",
            "The kernel is flipped up-down only: turn it by 180 degrees, w[::-1, ::-1] (both axes).",
            words="up-down only"),
    Mistake("kernel transposed instead of turned", code.PAD + "return correlate2d(padded, w.T)",
            "You transposed the kernel (w.T). Turning it by 180 degrees is w[::-1, ::-1], a different matrix "
            "of the same shape as w.", words="transposed the kernel"),
    Mistake("kernel flipped left-right only", code.PAD + "return correlate2d(padded, w[:, ::-1])",
            "The kernel is flipped left-right only: turn it by 180 degrees, w[::-1, ::-1] (both axes).",
            words="left-right only"),
    Mistake("no padding", "return correlate2d(dout, w[::-1, ::-1])",
            "dout needs padding by k - 1 on every side (a full correlation), so that dL/dx has the input's "
            "shape (Ho + kh - 1, Wo + kw - 1).", words="padding"),
    Mistake("numerical gradient (finite differences)", code.CONV_NUMERICAL, "a numerical gradient",
            words="numerical gradient", rule=True),
]


_GRU_MISTAKES = [
    Mistake("update gate's gradient with the wrong sign", code.gru(dz="n - h_prev"),
            "The update gate's gradient has the wrong sign: h = (1 - z) * n + z * h_prev, "
            "so dz = dout * (h_prev - n).", words="wrong sign"),
    Mistake("candidate weighted by z", code.gru(dn="z"),
            "The candidate n is weighted by 1 - z in h = (1 - z) * n + z * h_prev: dn = dout * (1 - z).",
            words="weighted by 1 - z"),
    Mistake("no direct path to h_prev", code.gru(direct=""),
            "h_prev also reaches h directly, through z * h_prev: dh_prev = dout * z + dah @ Wh.",
            words="directly"),
    Mistake("reset gate left out of the hidden side", code.gru(dahn="dan"),
            "The reset gate multiplies the hidden side of the candidate, r * (h_prev Wh_n^T + bh_n): the n block "
            "of dah is dan * r (the input side's is dan).", words="dan * r"),
    Mistake("reset gate on the input side too", code.gru(dahn="dan * r").replace(
                "dax = np.hstack([dar, daz, dan])", "dax = np.hstack([dar, daz, dan * r])"),
            "The reset gate scales only the hidden side of the candidate: the n block of dax is dan, "
            "not dan * r.", words="only the hidden side"),
]

_FA_MISTAKES = [
    Mistake("backprop's W2 instead of B", code.fa(delta1="(delta2 @ W2) * (1 - a1 ** 2)"),
            "That is backprop: you sent the output error back through W2, the forward weights, which is the "
            "weight transport feedback alignment does without. Feedback alignment sends it back through the "
            "fixed random matrix B in W2's place: delta1 = (delta2 @ B) * (1 - a1^2).", words="back through W2"),
    Mistake("B transposed", code.fa(delta1="(delta2 @ B.T) * (1 - a1 ** 2)"),
            "You sent the error back through B.T. B has W2's shape (K, H) and stands where W2 stands in "
            "backprop's delta2 @ W2, so delta1 = (delta2 @ B) * (1 - a1^2), with no transpose (B.T fits only "
            "when K = H, as in this case).", words="through B.T"),
    Mistake("no tanh derivative", code.fa(delta1="delta2 @ B"),
            "The tanh derivative is missing: delta1 = (delta2 @ B) * (1 - a1^2). The random B replaces W2 only; "
            "the error still passes through the hidden layer's activation.", words="derivative is missing"),
    Mistake("tanh' not squared", code.fa(delta1="(delta2 @ B) * (1 - a1)"),
            "tanh' is not squared: you used 1 - a1, but tanh'(z) = 1 - tanh(z)^2 = 1 - a1^2 (a1 ** 2).",
            words="not squared"),
    Mistake("tanh instead of its derivative", code.fa(delta1="(delta2 @ B) * a1"),
            "You multiplied by tanh(z) = a1, not by its derivative 1 - a1^2.", words="not by its derivative"),
    Mistake("not averaged over the examples", code.fa(delta2="p - Y"),
            "Your updates are m times too large: the cost is the mean cross-entropy over the m examples, so "
            "the output error is delta2 = (p - Y) / m (as the lesson's train_digits divides by m_tr).",
            words="m times too large"),
    Mistake("averaged twice", code.fa(dW1="delta1.T @ X / X.shape[0]", db1="delta1.sum(axis=0) / X.shape[0]",
                                      dW2="delta2.T @ a1 / X.shape[0]", db2="delta2.sum(axis=0) / X.shape[0]"),
            "You divided by m twice: delta2 = (p - Y) / m already holds the 1/m of the mean cost, so the weight "
            "updates are the plain products delta1^T X and delta2^T a1, and the bias updates plain sums.",
            words="divided by m twice"),
    Mistake("bias updates averaged", code.fa(db1="delta1.mean(axis=0)", db2="delta2.mean(axis=0)"),
            "db1 and db2 are averaged over the examples: delta1 and delta2 already hold the 1/m, and a bias is "
            "added to every row, so its update is the sum over the examples (delta1.sum(axis=0)), not the mean.",
            words="averaged over the examples"),
    Mistake("weight updates transposed", code.fa(dW1="X.T @ delta1", dW2="a1.T @ delta2"),
            "dW1 and dW2 are transposed: an update has its weight's shape, dW1 = delta1^T X (H, D) like W1 and "
            "dW2 = delta2^T a1 (K, H) like W2.", words="transposed"),
    Mistake("numerical gradient (finite differences)", code.FA_NUMERICAL, "a numerical gradient",
            words="numerical gradient", rule=True),
]


def _gate_order_mistakes():
    """One mistake per wrong order of the four gate blocks in da (23 of them)."""
    found = []
    for order in itertools.permutations("ifgo"):
        if order == tuple("ifgo"):
            continue
        names = ", ".join(order)
        found.append(Mistake(
            f"gates stacked {names}" + (" (CS231n's order)" if names == "i, f, o, g" else ""),
            code.lstm(order=order),
            f"The gates' gradients are stacked in the order {names}. The forward step stacks the "
            "pre-activations in PyTorch's order i, f, g, o (the order of the cache), so the blocks of da "
            "must come in that order too: the i block first, then f, g and o, each H columns wide"
            + (" (i, f, o, g is the order of CS231n's assignment, not PyTorch's)." if names == "i, f, o, g" else "."),
            words=f"order {names}"))
    return found


_LSTM_MISTAKES = [
    Mistake("forget gate gradient missing the previous cell state", code.lstm(df="dc_total"),
            "The forget gate's gradient is missing the previous cell state: c = f * c_prev + i * g, "
            "so df = dc_total * c_prev.", words="previous cell state"),
    Mistake("forget gate times the new cell state", code.lstm(df="dc_total * np.arctanh(tc)"),
            "The forget gate multiplies the previous cell state c_prev, not the new c: df = dc_total * c_prev.",
            words="not the new c"),
    Mistake("cell gradient not through h", code.lstm(through_h=""),
            "The cell state also reaches the loss through h = o * tanh(c): dc_total = dc + dout * o * (1 - tanh(c)^2).",
            words="through h"),
    Mistake("no forget gate on the way back", code.lstm(dc_prev="dc_total"),
            "The gradient to the previous cell state passes through the forget gate: dc_prev = dc_total * f.",
            words="dc_prev = dc_total * f"),
    Mistake("output gate times c", code.lstm(out="np.arctanh(tc)"),
            "The output gate multiplies tanh(c), so do = dout * tanh(c), not dout * c.", words="dout * tanh(c)"),
    Mistake("db averaged", code.lstm(db="da.mean(axis=0)"),
            "db is averaged over the examples: b is added to every row, so its gradient is the sum of da over "
            "the examples (da.sum(axis=0)), not the mean.", words="averaged"),
    *_gate_order_mistakes(),
    Mistake("dc added to in place",
            "dc += dout * o * (1 - tc ** 2)\ndo = dout * tc\ndi, df, dg = dc * g, dc * c_prev, dc * i\n"
            "da = np.hstack([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)])\n"
            "return da @ Wx, da @ Wh, dc * f, da.T @ x, da.T @ h_prev, da.sum(axis=0)",
            _IN_PLACE.format(name="lstm_step_backward"), words="in place", rule=True),
    Mistake("numerical gradient (finite differences)", code.LSTM_NUMERICAL, "a numerical gradient",
            words="numerical gradient", rule=True),
]

_FROM_END = ("Your chunks are counted from the end of the sequence ([T - k, T), [T - 2k, T - k), ...). "
             "They start at step 0: [0, k), [k, 2k), ..., the last one shorter when k does not divide T, as "
             "when the hidden state is detached every k steps of a stream read from its start. Cut after "
             "processing step t when t is a positive multiple of k (t % k == 0 and t > 0).")
_CUT = dict(dout="dout[t] + dh_next", acc=code.SUM)
_TRUNCATED_MISTAKES = [
    Mistake("no truncation", code.BPTT.format(**_CUT),
            "This is full BPTT: the gradient must stop at the start of every chunk of k steps (at steps k, 2k, "
            "... counted from 0), so set dh_next to zero after processing such a step.", words="full BPTT"),
    Mistake("cut one step off", code.TRUNC.format(cut="(t + 1) % k == 0", **_CUT),
            "Your cuts are one step off: chunks are steps [0, k), [k, 2k), ...; the gradient stops after "
            "processing step t when t is a multiple of k (t > 0), so that nothing flows from step k into step k - 1.",
            words="one step off"),
    Mistake("cut at t = 0 too", code.TRUNC.format(cut="t % k == 0", **_CUT),
            "The gradient of h_0 should still come from the first chunk: do not cut at t = 0.",
            words="do not cut at t = 0"),
    Mistake("cut after every step", code.TRUNC.format(cut="t > 0", **_CUT),
            "You cut the gradient after every step (k = 1) instead of every k steps.", words="every step"),
    Mistake("chunks counted from the end", code.TRUNC.format(cut="(T - t) % k == 0 and t > 0", **_CUT), _FROM_END,
            words="counted from the end"),
    Mistake("loop runs forwards",
            code.TRUNC.replace("reversed(range(T))", "range(T)").format(cut="t % k == 0 and t > 0", **_CUT),
            _FORWARDS, words="runs forwards"),
    Mistake("numerical gradient (finite differences)", code.RNN_NUMERICAL, "a numerical gradient",
            words="numerical gradient", rule=True),
]


def _diagnoses(mistakes, params, prelude=""):
    """(the learner's function that makes the mistake, says) for each mistake the check simulates."""
    env = {"correlate2d": correlate2d, "rnn_step_forward": rnn_step_forward, "softmax": softmax}
    return [(compiled_mistake(m, "answer", params, prelude, env), m.says) for m in mistakes if not m.rule]


# ---------------------------------------------------------------- exercise 1: one RNN step backward


_STEP_LABELS = ["dx", "dh_prev", "dWx", "dWh", "db"]
_STEP_HINT = "a flat tuple (dx, dh_prev, dWx, dWh, db), as nnlib's backward passes do"


def check_rnn_step_backward(fn, seed=None):
    """Exercise 1: backward of h = tanh(x Wx^T + h_prev Wh^T + b)."""
    __tracebackhide__ = True
    cases = []
    for base, (m, D, H) in enumerate([(3, 2, 4), (5, 3, 2), (2, 4, 6)], start=50):
        dout, caches = _rnn_case(_seed(base, seed), T=2, m=m, D=D, H=H, scale=2.0)
        cases.append((dout[1], caches[1]))
    diagnoses = _diagnoses(_STEP_MISTAKES, "dout, cache", _STEP_PRELUDE)
    _run(fn, _rnn_step_backward, cases, "rnn_step_backward", ["a"] * 5, _STEP_HINT,
         diagnoses, labels=_STEP_LABELS, forbidden=(recurrent.rnn_step_backward,), probe=_step_probe(seed),
         seed=seed)
    passed("rnn_step_backward is right: da = dout (1 - h^2), then dx = da Wx, dh_prev = da Wh, "
           "dWx = da^T x, dWh = da^T h_prev, db = the sum of da over the examples.")


# ---------------------------------------------------------------- exercise 2: BPTT


def _bptt_variant(dout, caches, step_backward, assign=False, pass_back=True, own_loss=True, truncate=None,
                  cut=lambda t, k: t % k == 0 and t > 0, forwards=False):
    T = len(caches)
    x, h_prev, Wx, Wh = caches[0][:4]
    total = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(Wh.shape[0])]
    dxs, dh_next = np.zeros((T,) + x.shape), np.zeros_like(h_prev)
    for t in (range(T) if forwards else reversed(range(T))):
        dh_t = (dout[t] if own_loss else 0) + (dh_next if pass_back else 0)
        dxs[t], dh_next, *grads = step_backward(dh_t, caches[t])
        if assign:
            total = [g.copy() for g in grads]
        else:
            total = [a + g for a, g in zip(total, grads)]
        if truncate is not None and cut(t, truncate):
            dh_next = np.zeros_like(dh_next)
    return (dxs, dh_next, *total)


_BPTT_LABELS = ["dxs", "dh0", "dWx", "dWh", "db"]
def check_rnn_backward(fn, seed=None):
    """Exercise 2: rnn_backward(dout, caches, step_backward) -> (dxs, dh0, dWx, dWh, db)."""
    __tracebackhide__ = True
    cases = []
    for base, (T, m, D, H) in enumerate([(5, 3, 2, 4), (7, 2, 3, 5), (4, 4, 5, 3)], start=60):
        dout, caches = _rnn_case(_seed(base, seed), T=T, m=m, D=D, H=H)
        cases.append((dout, caches, _rnn_step_backward))
    diagnoses = _diagnoses(_BPTT_MISTAKES, "dout, caches, step_backward", _BPTT_PRELUDE)
    _run(fn, lambda d, c, s: _bptt_variant(d, c, s), cases, "rnn_backward", ["a"] * 5,
         "a flat tuple (dxs, dh0, dWx, dWh, db)", diagnoses, labels=_BPTT_LABELS,
         forbidden=(recurrent.rnn_backward, recurrent.sequence_backward, recurrent.rnn_step_backward),
         allowed=(_rnn_step_backward,), probe=_bptt_probe(seed), seed=seed)
    passed("rnn_backward is right: walking t = T..1, the gradient of h_t is dout[t] + dh_next, and the weight gradients "
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
    diagnoses = _diagnoses(_CLIP_MISTAKES, "grads, max_norm")
    for gs, c in cases:
        copies = [g.copy() for g in gs]
        got = call(fn, (copies, c), "clip_by_global_norm",
                   forbidden=forbidden_functions("clip_by_global_norm", (clip.clip_by_global_norm,)))
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
                _clip_reference(gs, c), rtol=1e-5, atol=1e-9, diagnoses=diagnoses, args=(gs, c),
                hidden=seed is not None)
    passed("clip_by_global_norm is right: one factor min(1, max_norm / ||g||) for every array; "
           "the direction of the step is kept.")


# ---------------------------------------------------------------- exercise 4: max-pool backward


def _pool_reference(dout, x, size):
    _, cache = conv.max_pool_forward(x, size)
    return conv.max_pool_backward(dout, cache)


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
    diagnoses = _diagnoses(_POOL_MISTAKES, "dout, x, size", _POOL_PRELUDE)
    _run(fn, _pool_reference, cases, "max_pool_backward", None, "", diagnoses, rtol=1e-9, atol=1e-12,
         forbidden=(conv.max_pool_backward,), probe=_pool_probe(seed), seed=seed)
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

    diagnoses = _diagnoses(_CONV_MISTAKES, "dout, w", _CONV_PRELUDE)
    _run(fn, _conv_input_reference, cases, "conv_backward_input", None, "", diagnoses,
         forbidden=(conv.conv2d_backward,), probe=_conv_probe(seed), seed=seed)
    passed("conv_backward_input is right: pad dout by k - 1, correlate with the kernel turned by 180 degrees.")


# ---------------------------------------------------------------- exercise 6: LSTM step backward


def _lstm_variant(dout, dc, cache, forget="c_prev", through_h=True, carry_f=True, out="tc", order=(0, 1, 2, 3),
                  mean_b=False):
    x, h_prev, c_prev, Wx, Wh, i, f, g, o, tc = cache
    do = dout * (tc if out == "tc" else np.arctanh(np.clip(tc, -1 + 1e-12, 1 - 1e-12)))
    dc_total = dc + (dout * o * (1 - tc ** 2) if through_h else 0)
    df = dc_total * {"c_prev": c_prev, "none": 1.0, "c": np.arctanh(np.clip(tc, -1 + 1e-12, 1 - 1e-12))}[forget]
    di, dg = dc_total * g, dc_total * i
    dc_prev = dc_total * f if carry_f else dc_total
    parts = [di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)]
    da = np.hstack([parts[k] for k in order])
    db = da.mean(axis=0) if mean_b else da.sum(axis=0)
    return da @ Wx, da @ Wh, dc_prev, da.T @ x, da.T @ h_prev, db


def check_lstm_step_backward(fn, seed=None):
    """Exercise 6: lstm_step_backward(dout, dc, cache) -> (dx, dh_prev, dc_prev, dWx, dWh, db)."""
    __tracebackhide__ = True
    cases = []
    for base, (m, D, H) in enumerate([(3, 2, 4), (2, 5, 3), (4, 3, 5)], start=100):
        rng = np.random.default_rng(_seed(base, seed))
        params = [1.5 * p for p in recurrent.init_params("lstm", D, H, seed=_seed(base, seed))]
        x, h, c = rng.normal(size=(m, D)), rng.normal(size=(m, H)), rng.normal(0, 2, (m, H))
        _, _, cache = recurrent.lstm_step_forward(x, h, c, *params)
        cases.append((rng.normal(size=(m, H)), rng.normal(size=(m, H)), cache))
    diagnoses = _diagnoses(_LSTM_MISTAKES, "dout, dc, cache", _LSTM_PRELUDE)
    _run(fn, lambda dout, dc, c: _lstm_variant(dout, dc, c), cases, "lstm_step_backward", ["a"] * 6,
         "a flat tuple (dx, dh_prev, dc_prev, dWx, dWh, db), as nnlib's backward passes do", diagnoses,
         labels=["dx", "dh_prev", "dc_prev", "dWx", "dWh", "db"], forbidden=(recurrent.lstm_step_backward,),
         probe=_lstm_probe(seed), seed=seed)
    passed("lstm_step_backward is right, with the gates in torch's order i, f, g, o; it equals "
           "nnlib.recurrent.lstm_step_backward on three cells.")


# ---------------------------------------------------------------- exercise 8: GRU step backward


def _gru_reference(dout, cache):
    x, h_prev, Wx, Wh, r, z, n, ahn = cache
    dn, dz = dout * (1 - z), dout * (h_prev - n)
    dan = dn * (1 - n ** 2)
    dar, daz = dan * ahn * r * (1 - r), dz * z * (1 - z)
    dax, dah = np.hstack([dar, daz, dan]), np.hstack([dar, daz, dan * r])
    return dax @ Wx, dout * z + dah @ Wh, dax.T @ x, dah.T @ h_prev, dax.sum(axis=0), dah.sum(axis=0)


def check_gru_step_backward(fn, seed=None):
    """Exercise 8: gru_step_backward(dout, cache) -> (dx, dh_prev, dWx, dWh, dbx, dbh)."""
    __tracebackhide__ = True
    cases = []
    for base, (m, D, H) in enumerate([(3, 2, 4), (2, 5, 3), (4, 3, 5)], start=120):
        rng = np.random.default_rng(_seed(base, seed))
        params = [1.5 * p for p in recurrent.init_params("gru", D, H, seed=_seed(base, seed))]
        x, h = rng.normal(size=(m, D)), rng.normal(size=(m, H))
        _, cache = recurrent.gru_step_forward(x, h, *params)
        cases.append((rng.normal(size=(m, H)), cache))
    diagnoses = _diagnoses(_GRU_MISTAKES, "dout, cache", _GRU_PRELUDE)
    _run(fn, _gru_reference, cases, "gru_step_backward", ["a"] * 6,
         "a flat tuple (dx, dh_prev, dWx, dWh, dbx, dbh), as nnlib's backward passes do", diagnoses,
         labels=["dx", "dh_prev", "dWx", "dWh", "dbx", "dbh"], forbidden=(recurrent.gru_step_backward,),
         probe=_gru_probe(seed), seed=seed)
    passed("gru_step_backward is right, with the blocks in torch's order r, z, n and the reset gate on the "
           "hidden side only; it equals nnlib.recurrent.gru_step_backward on three cells.")


# ---------------------------------------------------------------- exercise 7: truncated BPTT


def check_truncated_rnn_backward(fn, seed=None):
    """Exercise 7: truncated_rnn_backward(dout, caches, step_backward, k), chunks [0, k), [k, 2k), ..."""
    __tracebackhide__ = True
    cases = []
    for base, (T, m, D, H, k) in enumerate([(7, 3, 2, 4, 3), (8, 2, 3, 5, 2), (6, 4, 5, 3, 4), (5, 2, 2, 3, 5)],
                                           start=110):
        dout, caches = _rnn_case(_seed(base, seed), T=T, m=m, D=D, H=H)
        cases.append((dout, caches, _rnn_step_backward, k))
    diagnoses = _diagnoses(_TRUNCATED_MISTAKES, "dout, caches, step_backward, k", _BPTT_PRELUDE)
    _run(fn, lambda d, c, s, k: _bptt_variant(d, c, s, truncate=k), cases, "truncated_rnn_backward",
         ["a"] * 5, "a flat tuple (dxs, dh0, dWx, dWh, db)", diagnoses, labels=_BPTT_LABELS,
         forbidden=(recurrent.rnn_backward, recurrent.sequence_backward, recurrent.rnn_step_backward),
         allowed=(_rnn_step_backward,), probe=_bptt_probe(seed, k=7), seed=seed)
    passed("truncated_rnn_backward is right: full BPTT inside each chunk of k steps, nothing across the "
           "boundaries; with k = T it is full BPTT.")


# ---------------------------------------------------------------- exercise 9: feedback alignment


def _fa_reference(X, Y, W1, b1, W2, b2, B):
    a1 = np.tanh(X @ W1.T + b1)
    delta2 = (softmax(a1 @ W2.T + b2) - Y) / X.shape[0]
    delta1 = (delta2 @ B) * (1 - a1 ** 2)
    return delta1.T @ X, delta1.sum(axis=0), delta2.T @ a1, delta2.sum(axis=0)


def _fa_case(seed, m, D, H, K, scale=0.5):
    """X (m, D), one-hot Y (m, K), W1 (H, D), b1 (H,), W2 and B (K, H), b2 (K,): B drawn apart from W2."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, D))
    Y = np.eye(K)[rng.integers(0, K, m)]
    W1, b1 = rng.normal(0, scale, (H, D)), rng.normal(0, 0.5, H)
    W2, b2, B = rng.normal(0, 1, (K, H)), rng.normal(0, 0.5, K), rng.normal(0, 1, (K, H))
    return X, Y, W1, b1, W2, b2, B


def _fa_probe(seed):
    """200 examples, D = 300, H = K = 150 (square, like the first case): 67,800 parameters."""
    m, D, H, K = 200, 300, 150, 150
    return (f"X ({m}, {D}), H = {H}, K = {K}", _fa_case(_seed(139, seed), m, D, H, K, scale=0.05),
            H * D + H + K * H + K)


def check_fa_backward(fn, seed=None):
    """Exercise 9: fa_backward(X, Y, W1, b1, W2, b2, B) -> (dW1, db1, dW2, db2), the error sent back through B."""
    __tracebackhide__ = True
    # the first case has K = H, so that B.T fits where B belongs (and the mistake is named); the others do not
    cases = [_fa_case(_seed(base, seed), *shape)
             for base, shape in enumerate([(5, 4, 3, 3), (7, 6, 5, 4), (4, 3, 6, 2)], start=130)]
    diagnoses = _diagnoses(_FA_MISTAKES, "X, Y, W1, b1, W2, b2, B", _FA_PRELUDE)
    _run(fn, _fa_reference, cases, "fa_backward", ["a"] * 4,
         "a flat tuple (dW1, db1, dW2, db2), the updates in the order of the parameters", diagnoses,
         labels=["dW1", "db1", "dW2", "db2"], probe=_fa_probe(seed), seed=seed)
    passed("fa_backward is right: the output error delta2 = (p - Y) / m updates W2 and b2 as in backprop, and "
           "reaches the hidden layer through the fixed B, delta1 = (delta2 @ B) * (1 - a1^2), not through W2.")


#: Each exercise's typical mistakes, by the grade_id of its answer cell (the tests run each as the answer).
MISTAKES = {
    "rnn_step_backward_answer": _STEP_MISTAKES,
    "rnn_backward_answer": _BPTT_MISTAKES,
    "clip_by_global_norm_answer": _CLIP_MISTAKES,
    "max_pool_backward_answer": _POOL_MISTAKES,
    "conv_backward_input_answer": _CONV_MISTAKES,
    "lstm_step_backward_answer": _LSTM_MISTAKES,
    "truncated_rnn_backward_answer": _TRUNCATED_MISTAKES,
    "gru_step_backward_answer": _GRU_MISTAKES,
    "fa_backward_answer": _FA_MISTAKES,
}
