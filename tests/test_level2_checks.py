"""Level 2, exercise 8: the check's own splits tell a right held_out_accuracy from the typical wrong ones, no
message shows the expected final answer, and a value typed in for it fails."""

import re
from pathlib import Path

import numpy as np
import pytest

from nnlib.checks import core, level2
from tests.harness import grade_in_process


def _acc(w, b, X, y):
    return float(np.mean(((1 / (1 + np.exp(-(w[0] * X[:, 0] + w[1] * X[:, 1] + b)))) >= 0.5) == y))


@pytest.mark.parametrize("k, right", level2.HELD_OUT_POOL)
def test_every_split_of_the_pool_tells_right_from_wrong(k, right):
    X_tr0, X_te0, y_tr0, y_te0 = level2.fruit_split()
    notebook_neuron = level2.train_neuron(X_tr0, y_tr0)
    X_tr, X_te, y_tr, y_te = level2.held_out_split(k)
    value = _acc(*level2.train_neuron(X_tr, y_tr), X_te, y_te)
    assert value == pytest.approx(right, abs=1e-4)
    wrong = {
        "the notebook's number": _acc(*notebook_neuron, X_te0, y_te0),
        "the notebook's neuron": _acc(*notebook_neuron, X_te, y_te),
        "trained on all": _acc(*level2.train_neuron(np.vstack([X_tr, X_te]), np.concatenate([y_tr, y_te])), X_te, y_te),
        "training accuracy": _acc(*level2.train_neuron(X_tr, y_tr), X_tr, y_tr),
        "trained on the test fruit": _acc(*level2.train_neuron(X_te, y_te), X_te, y_te),
    }
    for name, w in wrong.items():
        assert not np.isclose(w, value, atol=1e-9), name


def _right(X_train, y_train, X_test, y_test):
    w, b = train_neuron(X_train, y_train)  # noqa: F821 (swapped in by the check)
    return accuracy(w, b, X_test, y_test)  # noqa: F821


def _accuracy_answer(w, b, X, y):
    return np.mean(((1 / (1 + np.exp(-(w[0] * X[:, 0] + w[1] * X[:, 1] + b)))) >= 0.5) == y)


# the names the check swaps in must exist for a learner's function to run outside the check too
train_neuron, accuracy = level2.train_neuron, _accuracy_answer


@pytest.mark.parametrize("seed", [None, 1, 2026])
def test_a_right_answer_passes_on_every_seed(seed):
    level2.check_accuracy(_accuracy_answer, _right, seed=seed)


@pytest.mark.parametrize("answer, words", [
    (0.9, "a number typed in"),
    (None, "not set yet"),
    (lambda X_train, y_train, X_test, y_test: 0.9, "same number on every split"),
])
def test_typed_in_values_fail(answer, words):
    with pytest.raises(core.CheckFailed, match=words) as failed:
        level2.check_accuracy(_accuracy_answer, answer)
    assert "0.9 " not in str(failed.value).replace("(0.9, not 90)", "")


# ---------------------------------------------------------------- no message gives the final answer away

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = "solutions/02_high_school.ipynb"


def _final_answer():
    X_tr, X_te, y_tr, y_te = level2.fruit_split()
    return _acc(*level2.train_neuron(X_tr, y_tr), X_te, y_te)


def _expected_values(message):
    return [float(v) for v in re.findall(r"expected (-?\d+(?:\.\d+)?(?:e-?\d+)?)", message)]


@pytest.mark.parametrize("seed", [None, 2026])
@pytest.mark.parametrize("wrong", [
    lambda w, b, X, y: _accuracy_answer(w, b, X, y) + 0.01,
    lambda w, b, X, y: np.mean(((1 / (1 + np.exp(-(w[0] * X[:, 0] + w[1] * X[:, 1] + b)))) >= 0.6) == y),
    lambda w, b, X, y: round(float(_accuracy_answer(w, b, X, y)), 1),
    lambda w, b, X, y: np.mean(((w[0] * X[:, 0] + w[1] * X[:, 1] + b) >= 1) == y),
    lambda w, b, X, y: 0.9,
], ids=["off by 0.01", "threshold 0.6", "rounded", "score compared with 1", "0.9 typed in"])
def test_a_wrong_accuracy_is_never_told_the_final_answer(wrong, seed):
    final = _final_answer()
    with pytest.raises(core.CheckFailed) as failed:
        level2.check_accuracy(wrong, _right, seed=seed)
    message = str(failed.value)
    assert not any(np.isclose(v, final, atol=5e-4) for v in _expected_values(message)), message
    if seed is not None:
        assert not _expected_values(message), message  # a hidden case is named without its expected value


@pytest.mark.parametrize("typed, words", [
    ("held_out_accuracy = 0.9", "a number typed in"),
    ("test_accuracy = 0.9\nheld_out_accuracy = lambda X_train, y_train, X_test, y_test: test_accuracy",
     "same number on every split"),
    ("test_accuracy = held_out_accuracy(X_train, y_train, X_test, y_test)\n"
     "held_out_accuracy = lambda X_train, y_train, X_test, y_test: test_accuracy", "same number on every split"),
])
def test_a_final_value_typed_in_fails_in_the_notebook(typed, words):
    # the notebook top to bottom, as the autograder runs it, the answer cell ending with the value typed in
    passed, message = grade_in_process(ROOT / NOTEBOOK, {}, appended={"accuracy_answer": typed})["accuracy_check"]
    assert not passed and words in message, message
    assert not any(np.isclose(v, _final_answer(), atol=5e-4) for v in _expected_values(message)), message
