"""Typical wrong answers to the level 5 exercises, each of which its check must name."""

NOTEBOOK = "solutions/05_phd.ipynb"

_BPTT = """dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(Wh.shape[0])
dh_next = np.zeros_like(h_prev)
for t in reversed(range(T)):
    dxs[t], dh_next, (gx, gh, gb) = step_backward({dh}, caches[t])
    {acc}
return dxs, dh_next, [dWx, dWh, db]"""
_SUM = "dWx += gx\n    dWh += gh\n    db += gb"
_TRUNC = _BPTT.replace("    {acc}\n", "    {acc}\n    if {cut}:\n        dh_next = np.zeros_like(dh_next)\n")
_ASSIGN = "dWx, dWh, db = gx, gh, gb"

_LSTM = """do = dh * {out}
dc_total = dc{through_h}
di, df, dg = dc_total * g, {df}, dc_total * i
dc_prev = {dc_prev}
da = np.hstack([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)])
return da @ Wx, da @ Wh, dc_prev, [da.T @ x, da.T @ h_prev, da.sum(axis=0)]"""


def _lstm(out="tc", through_h=" + dh * o * (1 - tc ** 2)", df="dc_total * c_prev", dc_prev="dc_total * f"):
    return _LSTM.format(out=out, through_h=through_h, df=df, dc_prev=dc_prev)


MISTAKES = {
    "rnn_step_backward_answer": {
        "tanh' from the pre-activation": (
            "da = dh * (1 - a ** 2)\nreturn da @ Wx, da @ Wh, [da.T @ x, da.T @ h_prev, da.sum(axis=0)]",
            "1 - a^2"),
        "no tanh derivative": (
            "da = dh\nreturn da @ Wx, da @ Wh, [da.T @ x, da.T @ h_prev, da.sum(axis=0)]", "derivative is missing"),
        "transposed weight gradients": (
            "da = dh * (1 - h ** 2)\nreturn da @ Wx, da @ Wh, [x.T @ da, h_prev.T @ da, da.sum(axis=0)]",
            "transposed"),
        "returns a flat tuple": (
            "da = dh * (1 - h ** 2)\nreturn da @ Wx, da @ Wh, da.T @ x, da.T @ h_prev, da.sum(axis=0)",
            "(dx, dh_prev, [dWx, dWh, db])"),
    },
    "rnn_backward_answer": {
        "dWh assigned instead of summed": (_BPTT.format(dh="dhs[t] + dh_next", acc=_ASSIGN), "summed over t"),
        "hidden gradient not passed back": (
            _BPTT.format(dh="dhs[t]", acc=_SUM), "not passed back"),
        "own loss gradient dropped": (_BPTT.format(dh="dh_next", acc=_SUM), "dhs[t]"),
        "both: assigned and not passed back": (_BPTT.format(dh="dhs[t]", acc=_ASSIGN), "Two things"),
    },
    "clip_by_global_norm_answer": {
        "clips each element": ("return [np.clip(g, -max_norm, max_norm) for g in grads]", "clipped each entry"),
        "clips each array by its own norm": (
            "return [g * min(1.0, max_norm / np.linalg.norm(g)) for g in grads]", "its own norm"),
        "always rescales": (
            "norm = np.sqrt(sum(np.sum(g ** 2) for g in grads))\nreturn [g * max_norm / norm for g in grads]",
            "min(1, max_norm / norm)"),
        "no square root": (
            "norm = sum(np.sum(g ** 2) for g in grads)\nreturn [g * min(1.0, max_norm / norm) for g in grads]",
            "square root"),
    },
    "max_pool_backward_answer": {
        "gradient to every position": (
            "return np.repeat(np.repeat(dout, size, axis=2), size, axis=3)", "every position"),
        "average pooling's backward": (
            "return np.repeat(np.repeat(dout, size, axis=2), size, axis=3) / size ** 2", "average pooling"),
        "arg-min": (
            "for i in range(Ho):\n    for j in range(Wo):\n"
            "        block = x[:, :, i * size:(i + 1) * size, j * size:(j + 1) * size].reshape(m, C, -1)\n"
            "        p, q = np.divmod(block.argmin(axis=2), size)\n"
            "        for n in range(m):\n            for c in range(C):\n"
            "                dx[n, c, i * size + p[n, c], j * size + q[n, c]] += dout[n, c, i, j]\n"
            "return dx", "argmax, not argmin"),
    },
    "conv_backward_input_answer": {
        "kernel not flipped": (
            "padded = np.pad(dout, ((kh - 1, kh - 1), (kw - 1, kw - 1)))\nreturn correlate2d(padded, w)",
            "not flipped"),
        "kernel flipped up-down only": (
            "padded = np.pad(dout, ((kh - 1, kh - 1), (kw - 1, kw - 1)))\nreturn correlate2d(padded, w[::-1, :])",
            "up-down only"),
        "kernel transposed instead of turned": (
            "padded = np.pad(dout, ((kh - 1, kh - 1), (kw - 1, kw - 1)))\nreturn correlate2d(padded, w.T)",
            "transposed the kernel"),
        "no padding": ("return correlate2d(dout, w[::-1, ::-1])", "padding"),
    },
    "truncated_rnn_backward_answer": {
        "no truncation": (_BPTT.format(dh="dhs[t] + dh_next", acc=_SUM), "full BPTT"),
        "cut one step off": (
            _TRUNC.format(dh="dhs[t] + dh_next", acc=_SUM, cut="(t + 1) % k == 0"), "one step off"),
        "cut at t = 0 too": (_TRUNC.format(dh="dhs[t] + dh_next", acc=_SUM, cut="t % k == 0"), "do not cut at t = 0"),
        "cut after every step": (_TRUNC.format(dh="dhs[t] + dh_next", acc=_SUM, cut="t > 0"), "every step"),
    },
    "lstm_step_backward_answer": {
        "forget gate gradient missing the previous cell state": (_lstm(df="dc_total"), "previous cell state"),
        "forget gate times the new cell state": (_lstm(df="dc_total * np.arctanh(tc)"), "not the new c"),
        "cell gradient not through h": (_lstm(through_h=""), "through h"),
        "no forget gate on the way back": (_lstm(dc_prev="dc_total"), "dc_prev = dc_total * f"),
        "output gate times c": (_lstm(out="np.arctanh(tc)"), "dh * tanh(c)"),
    },
}

# Answers that hand the exercise to nnlib's own version (issue 15): named as such.
MISTAKES["clip_by_global_norm_answer"]["calls nnlib's clip_by_global_norm"] = (
    "import nnlib.clip\nreturn nnlib.clip.clip_by_global_norm([g.copy() for g in grads], max_norm)",
    "library's own version")
MISTAKES["max_pool_backward_answer"]["calls nnlib's max_pool_backward"] = (
    "import nnlib.conv\n_, cache = nnlib.conv.max_pool_forward(x, size)\n"
    "return nnlib.conv.max_pool_backward(dout, cache)", "library's own version")

# Audit of the level 5 checks: wrong answers that were rejected without a name, or accepted.
_STEP = "da = dh * ({slope})\nreturn da @ Wx, da @ {wh}, [da.T @ x, da.T @ h_prev, {db}]"
MISTAKES["rnn_step_backward_answer"].update({
    "tanh' not squared": (_STEP.format(slope="1 - h", wh="Wh", db="da.sum(axis=0)"), "not squared"),
    "Wh.T for dh_prev": (_STEP.format(slope="1 - h ** 2", wh="Wh.T", db="da.sum(axis=0)"), "transpose slip"),
    "db averaged": (_STEP.format(slope="1 - h ** 2", wh="Wh", db="da.mean(axis=0)"), "averaged"),
})
_FORWARD = _BPTT.replace("reversed(range(T))", "range(T)")
MISTAKES["rnn_backward_answer"]["loop runs forwards"] = (
    _FORWARD.format(dh="dhs[t] + dh_next", acc=_SUM), "runs forwards")
MISTAKES["clip_by_global_norm_answer"]["clips in place"] = (
    "norm = np.sqrt(sum(np.sum(g ** 2) for g in grads))\n"
    "for g in grads:\n    g *= min(1.0, max_norm / norm)\nreturn grads", "in place")
_POOL_LOOP = ("for i in range(Ho):\n    for j in range(Wo):\n"
              "        block = x[:, :, i * size:(i + 1) * size, j * size:(j + 1) * size]\n"
              "{body}\nreturn dx")
MISTAKES["max_pool_backward_answer"].update({
    "every tied maximum gets the gradient": (_POOL_LOOP.format(body=(
        "        mask = block == block.max(axis=(2, 3), keepdims=True)\n"
        "        dx[:, :, i * size:(i + 1) * size, j * size:(j + 1) * size] += mask * dout[:, :, i:i + 1, j:j + 1]")),
        "every tied position"),
    "last maximum at a tie": (_POOL_LOOP.format(body=(
        "        flat = block.reshape(m, C, -1)\n"
        "        where = flat.shape[2] - 1 - flat[:, :, ::-1].argmax(axis=2)\n"
        "        p, q = np.divmod(where, size)\n"
        "        for n in range(m):\n            for c in range(C):\n"
        "                dx[n, c, i * size + p[n, c], j * size + q[n, c]] += dout[n, c, i, j]")),
        "the last maximum"),
    "first maximum down the columns": (_POOL_LOOP.format(body=(
        "        flat = block.transpose(0, 1, 3, 2).reshape(m, C, -1)\n"
        "        q, p = np.divmod(flat.argmax(axis=2), size)\n"
        "        for n in range(m):\n            for c in range(C):\n"
        "                dx[n, c, i * size + p[n, c], j * size + q[n, c]] += dout[n, c, i, j]")),
        "down its columns"),
})
_LSTM_ORDER = _lstm().replace(
    "da = np.hstack([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)])",
    "da = np.hstack([{blocks}])")
MISTAKES["lstm_step_backward_answer"].update({
    "gates stacked i, f, o, g (CS231n's order)": (_LSTM_ORDER.format(
        blocks="di * i * (1 - i), df * f * (1 - f), do * o * (1 - o), dg * (1 - g ** 2)"), "order i, f, o, g"),
    "gates stacked f, i, g, o": (_LSTM_ORDER.format(
        blocks="df * f * (1 - f), di * i * (1 - i), dg * (1 - g ** 2), do * o * (1 - o)"), "order f, i, g, o"),
    "db averaged": (_lstm().replace("da.sum(axis=0)", "da.mean(axis=0)"), "averaged"),
})
MISTAKES["truncated_rnn_backward_answer"].update({
    "chunks counted from the end": (
        _TRUNC.format(dh="dhs[t] + dh_next", acc=_SUM, cut="(T - t) % k == 0 and t > 0"), "counted from the end"),
    "loop runs forwards": (
        _TRUNC.replace("reversed(range(T))", "range(T)").format(dh="dhs[t] + dh_next", acc=_SUM,
                                                               cut="t % k == 0 and t > 0"), "runs forwards"),
})
