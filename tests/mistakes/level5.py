"""Level 5: the answers nnlib/checks/level5.py does not declare itself.

The typical mistakes are declared once, in the level module (Mistake tables, the learner's code of each in
nnlib/checks/_level5_mistakes.py); this module adds the cheats (with the words their message must contain):
answers that call the checks' own references or nnlib's own versions of the exercise, and RIGHT: answers in
other correct forms, which must pass.
"""

from nnlib.checks import level5 as _level5

NOTEBOOK = "solutions/05_phd.ipynb"

_CHECKS = "from nnlib.checks import level5 as checks\n"

CHEATS = {
    "rnn_step_backward_answer": {
        "calls the check's reference": (_CHECKS + "return checks._rnn_step_backward(dout, cache)", "reference"),
        "calls nnlib's rnn_step_backward": (
            "from nnlib import recurrent\nreturn recurrent.rnn_step_backward(dout, (x, h_prev, Wx, Wh, h))",
            "library's own version"),
    },
    "rnn_backward_answer": {
        "calls the check's reference": (_CHECKS + "return checks._bptt_variant(dout, caches, step_backward)",
                                        "reference"),
    },
    "clip_by_global_norm_answer": {
        "calls the check's reference": (_CHECKS + "return checks._clip_reference(grads, max_norm)", "reference"),
        "calls nnlib's clip_by_global_norm": (
            "import nnlib.clip\nreturn nnlib.clip.clip_by_global_norm([g.copy() for g in grads], max_norm)",
            "library's own version"),
    },
    "max_pool_backward_answer": {
        "calls the check's reference": (_CHECKS + "return checks._pool_reference(dout, x, size)", "reference"),
        "calls nnlib's max_pool_backward": (
            "import nnlib.conv\n_, cache = nnlib.conv.max_pool_forward(x, size)\n"
            "return nnlib.conv.max_pool_backward(dout, cache)", "library's own version"),
    },
    "conv_backward_input_answer": {
        "calls the check's reference": (_CHECKS + "return checks._conv_input_reference(dout, w)", "reference"),
    },
    "lstm_step_backward_answer": {
        "calls the check's reference": (_CHECKS + "return checks._lstm_variant(dout, dc, cache)", "reference"),
        "calls nnlib's lstm_step_backward": (
            "from nnlib import recurrent\nreturn recurrent.lstm_step_backward(dout, dc, cache)", "library's own version"),
    },
    "truncated_rnn_backward_answer": {
        "calls the check's reference": (
            _CHECKS + "return checks._bptt_variant(dout, caches, step_backward, truncate=k)", "reference"),
    },
    "gru_step_backward_answer": {
        "calls the check's reference": (_CHECKS + "return checks._gru_reference(dout, cache)", "reference"),
        "calls nnlib's gru_step_backward": (
            "from nnlib import recurrent\nreturn recurrent.gru_step_backward(dout, cache)", "library's own version"),
    },
    "fa_backward_answer": {  # nnlib has no feedback alignment of its own to call
        "calls the check's reference": (_CHECKS + "return checks._fa_reference(X, Y, W1, b1, W2, b2, B)",
                                        "reference"),
    },
}

# Answers in other correct forms: each must pass its check (tests/test_exercises.py runs them all).
RIGHT = {
    "rnn_step_backward_answer": {
        "tanh' from the pre-activation, einsum": (
            "da = dout * (1 - np.tanh(a) ** 2)\n"
            "return (np.einsum('mh,hd->md', da, Wx), np.einsum('mh,hk->mk', da, Wh), "
            "np.einsum('mh,md->hd', da, x), np.einsum('mh,mk->hk', da, h_prev), np.sum(da, axis=0))"),
    },
    "rnn_backward_answer": {
        "step gradients collected, summed at the end": (
            "dh_next = np.zeros_like(h_prev)\ngrads = []\nfor t in range(T - 1, -1, -1):\n"
            "    dxs[t], dh_next, *g = step_backward(dout[t] + dh_next, caches[t])\n    grads.append(g)\n"
            "dWx, dWh, db = (sum(parts) for parts in zip(*grads))\nreturn dxs, dh_next, dWx, dWh, db"),
    },
    "clip_by_global_norm_answer": {
        "np.linalg.norm of all the numbers": (
            "norm = np.linalg.norm(np.concatenate([g.ravel() for g in grads]))\n"
            "if norm <= max_norm:\n    return [g.copy() for g in grads]\n"
            "return [g * (max_norm / norm) for g in grads]"),
    },
    "max_pool_backward_answer": {
        "one window at a time, unravel_index": (
            "for n in range(m):\n    for c in range(C):\n        for i in range(Ho):\n"
            "            for j in range(Wo):\n"
            "                window = x[n, c, i * size:(i + 1) * size, j * size:(j + 1) * size]\n"
            "                p, q = np.unravel_index(np.argmax(window), window.shape)\n"
            "                dx[n, c, i * size + p, j * size + q] += dout[n, c, i, j]\nreturn dx"),
    },
    "conv_backward_input_answer": {
        "each output's kernel added back by loops": (
            "H, W = dout.shape\ndx = np.zeros((H + kh - 1, W + kw - 1))\nfor i in range(H):\n"
            "    for j in range(W):\n        dx[i:i + kh, j:j + kw] += dout[i, j] * w\nreturn dx"),
    },
    "lstm_step_backward_answer": {
        "gate by gate, einsum": (
            "dc_total = dc + dout * o * (1 - tc ** 2)\ndai = dc_total * g * i * (1 - i)\n"
            "daf = dc_total * c_prev * f * (1 - f)\ndag = dc_total * i * (1 - g * g)\n"
            "dao = dout * tc * o * (1 - o)\nda = np.concatenate([dai, daf, dag, dao], axis=1)\n"
            "return (da @ Wx, da @ Wh, f * dc_total, np.einsum('mk,md->kd', da, x), "
            "np.einsum('mk,mh->kh', da, h_prev), da.sum(axis=0))"),
    },
    "truncated_rnn_backward_answer": {
        "the cut after the step, a counting loop": (
            "dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(Wh.shape[0])\n"
            "dh_next = np.zeros_like(h_prev)\nfor t in range(T - 1, -1, -1):\n"
            "    dxs[t], dh, gx, gh, gb = step_backward(dout[t] + dh_next, caches[t])\n"
            "    dWx, dWh, db = dWx + gx, dWh + gh, db + gb\n"
            "    dh_next = dh if t % k or t == 0 else np.zeros_like(dh)\nreturn dxs, dh_next, dWx, dWh, db"),
    },
    "gru_step_backward_answer": {
        "gate by gate, the reset gate's part of Wh apart": (
            "H = h_prev.shape[1]\ndn = dout * (1 - z)\ndan = dn * (1 - n * n)\n"
            "dar = dan * ahn * r * (1 - r)\ndaz = dout * (h_prev - n) * z * (1 - z)\n"
            "dax = np.concatenate([dar, daz, dan], axis=1)\ndah = np.concatenate([dar, daz, dan * r], axis=1)\n"
            "dh_prev = dout * z + dar @ Wh[:H] + daz @ Wh[H:2 * H] + (dan * r) @ Wh[2 * H:]\n"
            "return dax @ Wx, dh_prev, dax.T @ x, dah.T @ h_prev, dax.sum(axis=0), dah.sum(axis=0)"),
    },
    "fa_backward_answer": {
        "m named, the hidden error through B.T transposed back": (
            "m = len(X)\ndelta2 = (p - Y) / m\ndelta1 = (B.T @ delta2.T).T * (1 - a1 ** 2)\n"
            "return delta1.T @ X, delta1.sum(axis=0), delta2.T @ a1, delta2.sum(axis=0)"),
        "the 1/m on the products": (
            "m = X.shape[0]\ne2 = p - Y\ne1 = (e2 @ B) * (1 - a1 ** 2)\n"
            "return e1.T @ X / m, e1.sum(axis=0) / m, e2.T @ a1 / m, e2.mean(axis=0)"),
        "einsum and 1 - tanh^2 recomputed": (
            "delta2 = (p - Y) / X.shape[0]\nz1 = X @ W1.T + b1\n"
            "delta1 = np.einsum('mk,kh->mh', delta2, B) * (1 - np.tanh(z1) ** 2)\n"
            "return np.einsum('mh,md->hd', delta1, X), np.sum(delta1, axis=0), np.einsum('mk,mh->kh', delta2, a1), "
            "np.sum(delta2, axis=0)"),
    },
}


def _table():
    """{grade_id: {name: (code, words)}}: the level module's typical mistakes, then the cheats."""
    found = {}
    for grade_id, mistakes in _level5.MISTAKES.items():
        found[grade_id] = {m.name: (m.code, m.words or m.says) for m in mistakes}
    for grade_id, cheats in CHEATS.items():
        found.setdefault(grade_id, {}).update(cheats)
    return found


MISTAKES = _table()
