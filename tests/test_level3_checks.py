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
