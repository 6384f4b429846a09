"""Level 5: the answers nnlib/checks/level5.py does not declare itself.

The typical mistakes are declared once, in the level module (Mistake tables, the learner's code of each in
nnlib/checks/_level5_mistakes.py); this module adds the cheats (with the words their message must contain):
answers that call the checks' own references or nnlib's own versions of the exercise.
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
