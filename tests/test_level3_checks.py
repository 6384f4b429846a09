"""Level 3's checks beyond what tests/mistakes proves: the loop detector of exercise 3, the hint for
gradient lists used without joining them (exercise 8), and the seeded shapes of exercise 1."""

import numpy as np
import pytest

from nnlib.checks import CheckFailed, level3


def _define(source):
    ns = {"np": np}
    exec(compile(source, "<cell>", "exec"), ns)
    return ns["one_hot"]


@pytest.mark.parametrize("body, kind", [
    ("Y = np.zeros((len(y), K))\n    Y[np.arange(len(y)), y] = 1.0\n    return Y", None),
    ("return np.eye(K)[y]", None),
    ("return (np.asarray(y)[:, None] == np.arange(K)).astype(float) if K else None", None),
    ("Y = np.zeros((len(y), K))\n    for i in range(len(y)):\n        Y[i, y[i]] = 1\n    return Y", "a for loop"),
    ("return np.array([[float(k == v) for k in range(K)] for v in y])", "a comprehension"),
    ("Y = np.zeros((len(y), K))\n    i = 0\n    while i < len(y):\n        Y[i, y[i]] = 1\n        i += 1\n"
     "    return Y", "a while loop"),
    # found by the backward jump every loop makes, whatever the Python version compiles it to
    # (3.10 ends a while loop with a conditional jump back; 3.12 inlines comprehensions)
    ("i = 0\n    while True:\n        i += 1\n        if i > 3:\n            break\n    return np.eye(K)[y]",
     "a while loop"),
    ("return np.array(list(np.eye(K)[v] for v in y))", "a comprehension"),
    ("try:\n        return np.eye(K)[y]\n    except IndexError:\n        raise ValueError('labels') from None", None),
    ("with np.errstate(all='ignore'):\n        return np.eye(K)[y]", None),
])
def test_loops_are_found_and_vectorized_code_is_not(body, kind):
    found = level3.loops_in(_define(f"def one_hot(y, K):\n    {body}\n"))
    assert (found[0] if found else None) == kind


def test_gradient_lists_used_without_joining_get_the_concatenate_hint():
    def relative_difference(grads_a, grads_b):
        return np.linalg.norm(grads_a - grads_b) / (np.linalg.norm(grads_a) + np.linalg.norm(grads_b))

    with pytest.raises(CheckFailed, match="np.concatenate"):
        level3.check_relative_difference(relative_difference)


def test_the_wrong_denominator_is_told_apart_on_gradients_that_disagree():
    def over_norm_of_sum(grads_a, grads_b):
        a = np.concatenate([g.ravel() for g in grads_a])
        b = np.concatenate([g.ravel() for g in grads_b])
        return np.linalg.norm(a - b) / np.linalg.norm(a + b)

    for seed in (None, 1, 2026):
        with pytest.raises(CheckFailed, match=r"not \|\|a \+ b\|\|"):
            level3.check_relative_difference(over_norm_of_sum, seed=seed)


def test_theta_shapes_on_a_seed(capsys):
    def right(sizes):
        return [(b, a + 1) for a, b in zip(sizes[:-1], sizes[1:])]

    def transposed(sizes):
        return [(a + 1, b) for a, b in zip(sizes[:-1], sizes[1:])]

    for seed in (1, 2026):
        level3.check_theta_shapes(right, seed=seed)
        with pytest.raises(CheckFailed, match="transposed"):
            level3.check_theta_shapes(transposed, seed=seed)
    assert capsys.readouterr().out.count("\u2714") == 2


# ---------------------------------------------------------------- one mistake costs one exercise

import functools  # noqa: E402
from pathlib import Path  # noqa: E402

from tests.harness import grade_in_process  # noqa: E402
from tests.mistakes.level3 import MISTAKES, NOTEBOOK  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# the earlier answers the later checks (nn_cost, nn_gradients, the gradient check, training) build on
EARLIER_ANSWERS = ["sigmoid_gradient_answer", "one_hot_answer", "forward_pass_answer", "nn_cost_answer",
                   "nn_gradients_answer", "numerical_gradient_answer", "rand_init_answer"]


def _code(spec):
    return spec[0] if isinstance(spec, tuple) else spec


def _slips():
    """(answer, mistake) for the first typical mistake of every earlier answer, and every one that gives a
    wrong shape (which crashes the later code that uses it). tests/test_one_slip.py runs the first one of
    every exercise under nbgrader."""
    for answer in EARLIER_ANSWERS:
        names = list(MISTAKES[answer])
        for name in names[:1] + [n for n in names[1:] if n.startswith(("no bias column", "transposed"))]:
            yield answer, name


@functools.lru_cache(maxsize=None)
def _graded(answer, mistake):
    return grade_in_process(ROOT / NOTEBOOK, {answer: _code(MISTAKES[answer][mistake])})


@pytest.mark.parametrize("answer, mistake", list(_slips()))
def test_an_earlier_mistake_fails_its_own_check_only(answer, mistake):
    results = _graded(answer, mistake)
    failed = {gid for gid, (ok, _) in results.items() if not ok}
    assert failed == {answer.replace("_answer", "_check")}, {gid: results[gid][1][:300] for gid in failed}


def test_the_notebook_passes_every_check_in_process():
    results = grade_in_process(ROOT / NOTEBOOK, {})
    assert len(results) == 10 and all(ok for ok, _ in results.values()), results


@pytest.mark.parametrize("answer, mistake, check, words", [
    # training crashes in the notebook on these; the check names the cause, not "not set yet"
    ("rand_init_answer", "no bias column", "training_check", "returned shape (25, 64), not (25, 65): fix exercise 9 (rand_init)"),
    ("rand_init_answer", "transposed", "training_check", "fix exercise 9 (rand_init) first"),
    ("one_hot_answer", "transposed", "training_check", "fix exercise 3 (one_hot) first"),
    ("forward_pass_answer", "no bias column on the input", "training_check", "fix exercise 4 (forward_pass) first"),
    # the gradient check, run on the learner's functions in the notebook, crashes or disagrees
    ("forward_pass_answer", "no bias column on the input", "gradient_check_check",
     "fix exercise 4 (forward_pass) first"),
    ("nn_gradients_answer", "g(z) where g'(z) belongs", "gradient_check_check", "fix exercise 6 (nn_gradients) first"),
    ("sigmoid_gradient_answer", "g(z) instead of g'(z)", "gradient_check_check",
     "fix exercise 2 (sigmoid_gradient) first"),
    ("numerical_gradient_answer", "one-sided differences", "gradient_check_check",
     "fix exercise 7 (numerical_gradient) first"),
    # training falls short on a wrong gradient: named, and not charged to training
    ("sigmoid_gradient_answer", "g(z) instead of g'(z)", "training_check", "fix exercise 2 (sigmoid_gradient) first"),
])
def test_a_later_check_names_the_earlier_answer_that_broke_it(answer, mistake, check, words):
    results = _graded(answer, mistake)
    ok, text = results[check]
    assert ok, text
    assert words in text and "not set yet" not in text, text


def test_training_is_graded_with_the_references_swapped_in(capsys):
    # a train_network that calls the notebook's (wrong) rand_init, nn_gradients and a helper of its own that
    # calls forward_pass: the check swaps the references into all of them, the helper's too
    ns = {"np": np}
    exec("def rand_init(l_in, l_out, seed=0):\n    return np.zeros((l_out, l_in))\n"
         "def nn_gradients(thetas, X, Y, lam):\n    return [0 * t for t in thetas]\n"
         "def forward_pass(thetas, X):\n    raise ValueError('broken')\n"
         "def progress(thetas, X):\n    return forward_pass(thetas, X).shape\n"
         "def train_network(X_train, Y_train):\n"
         "    thetas = [rand_init(64, 40, seed=0), rand_init(40, 10, seed=1)]\n"
         "    for it in range(200):\n"
         "        grads = nn_gradients(thetas, X_train, Y_train, 1.0)\n"
         "        thetas = [t - 4.0 * g for t, g in zip(thetas, grads)]\n"
         "    progress(thetas, X_train)\n"
         "    return thetas\n", ns)
    level3.check_training(ns["train_network"], None, rand_init=ns["rand_init"], nn_gradients=ns["nn_gradients"])
    out = capsys.readouterr().out
    assert "\u2714" in out and "trained_thetas is not set" in out
    assert "fix exercise 4 (forward_pass) first" in out and "fix exercise 6 (nn_gradients) first" in out
    assert "returned shape (25, 64), not (25, 65): fix exercise 9 (rand_init) first" in out, out
    assert ns["rand_init"](2, 3).shape == (3, 2)  # the notebook's own functions are back afterwards


def test_training_that_reads_the_test_set_is_refused():
    ns = {"np": np, "X_test": None}
    exec("def train_network(X_train, Y_train):\n    return X_test\n", ns)
    with pytest.raises(CheckFailed, match="reads X_test"):
        level3.check_training(ns["train_network"])



def _backprop_by_hand(slip=None):
    def nn_gradients(thetas, X, Y, lam):
        Theta1, Theta2 = thetas
        m = len(X)
        a1 = np.hstack([np.ones((m, 1)), X])
        g2 = 1 / (1 + np.exp(-(a1 @ Theta1.T)))
        a2 = np.hstack([np.ones((m, 1)), g2])
        h = 1 / (1 + np.exp(-(a2 @ Theta2.T)))
        delta3 = h - Y
        delta2 = (delta3 @ Theta2[:, 1:]) * g2 * (1 - g2)
        grad1, grad2 = delta2.T @ a1 / m, delta3.T @ a2 / m
        if slip == "zero the bias columns":
            Theta1[:, 0] = 0
            Theta2[:, 0] = 0
        grad1[:, 1:] += lam / m * Theta1[:, 1:]
        grad2[:, 1:] += lam / m * Theta2[:, 1:]
        return [grad1, grad2]
    return nn_gradients


def test_backprop_by_hand_passes():
    level3.check_nn_gradients(_backprop_by_hand())


@pytest.mark.parametrize("slip, words", [("zero the bias columns", "in place"), ("nnlib", "nnlib.network.backprop")])
def test_a_backprop_slip_is_told_its_own_diagnosis_not_the_numerical_hint(slip, words):
    # Right gradients otherwise: the diagnosis is the change in place (or the call of nnlib's own backprop),
    # not the numerical-gradient hint that agreement "to only a few digits" gets.
    from nnlib import network

    def calls_nnlib(thetas, X, Y, lam):
        return network.backprop(thetas, X, Y, lam)[1]

    fn = calls_nnlib if slip == "nnlib" else _backprop_by_hand(slip)
    with pytest.raises(CheckFailed) as failed:
        level3.check_nn_gradients(fn)
    message = str(failed.value)
    assert words in message
    assert "few digits" not in message and "numerical" not in message


# ---------------------------------------------------------------- answers in other correct forms


def _right_forms():
    from tests.mistakes.level3 import RIGHT

    for grade_id, forms in RIGHT.items():
        for name in forms:
            yield grade_id, name


@pytest.mark.parametrize("grade_id, name", list(_right_forms()))
def test_an_answer_in_another_correct_form_passes(grade_id, name, capsys):
    # compiled as the notebook would define it: the answer cell's first lines, the references of the earlier
    # answers (the notebook's own, right, functions) as globals
    from nnlib.checks import core
    from tests.mistakes.level3 import RIGHT

    fn = grade_id.removesuffix("_answer")
    params, prelude = level3.SIGNATURE[fn]
    answer = core.compiled_mistake(core.Mistake(name, RIGHT[grade_id][name], ""), fn, params, prelude, level3.ENV)
    getattr(level3, f"check_{fn}")(answer)
    assert "\u2714" in capsys.readouterr().out
