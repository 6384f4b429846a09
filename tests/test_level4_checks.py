"""The level 4 checks with an instructor's seed (the hidden tests) try the learner's code on other inputs.

The hidden-test comment in solutions/04_graduate.ipynb says the hidden tests run "on cases the student
never saw; change the seed to give each class its own": each check, run with seed None (what the student
sees), 2026 (the notebook's hidden tests) and 2027 (another class), must pass the reference answers and
hand them three different sets of inputs.
"""

import contextlib
import io
import math

import numpy as np
import pytest

from nnlib import layers
from nnlib.checks import level4

SEEDS = (None, 2026, 2027)


class Value:
    def __init__(self, data, parents=()):
        self.data, self.grad, self.parents = float(data), 0.0, parents

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, ((self, 1.0), (other, 1.0)))

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, ((self, other.data), (other, self.data)))

    __radd__, __rmul__ = __add__, __mul__

    def exp(self):
        e = math.exp(self.data)
        return Value(e, ((self, e),))


def topological_order(root):
    order, seen = [], set()

    def visit(v):
        if v not in seen:
            seen.add(v)
            for parent, _ in v.parents:
                visit(parent)
            order.append(v)

    visit(root)
    return order


def backward(root):
    order = topological_order(root)
    for v in order:
        v.grad = 0.0
    root.grad = 1.0
    for v in reversed(order):
        for parent, local in v.parents:
            parent.grad += local * v.grad


def affine_backward(dz, cache):
    a, theta = cache
    return dz @ theta[:, 1:], np.hstack([dz.sum(axis=0)[:, None], dz.T @ a])


def softmax_cross_entropy(scores, y):
    m = scores.shape[0]
    shifted = scores - scores.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    dscores = np.exp(log_p)
    dscores[np.arange(m), y] -= 1.0
    return -np.mean(log_p[np.arange(m), y]), dscores / m


def momentum_step(theta, v, grad, lr, momentum):
    v = momentum * v + grad
    return theta - lr * v, v


def he_init(s_in, s_out, seed):
    rng = np.random.default_rng(seed)
    return np.hstack([np.zeros((s_out, 1)), rng.normal(0.0, np.sqrt(2.0 / s_in), size=(s_out, s_in))])


def two_layer_loss(params, X, y):
    z2, cache1 = layers.affine_forward(X, params[0])
    a2, cache_relu = layers.relu_forward(z2)
    scores, cache2 = layers.affine_forward(a2, params[1])
    J, dscores = layers.softmax_cross_entropy(scores, y)
    da2, dTheta2 = layers.affine_backward(dscores, cache2)
    _, dTheta1 = layers.affine_backward(layers.relu_backward(da2, cache_relu), cache1)
    return J, [dTheta1, dTheta2]


def _fingerprint(x):
    """A hashable summary of an argument: numbers, arrays, Values and lists of them."""
    if isinstance(x, Value):
        return ("Value", round(x.data, 12))
    if isinstance(x, (list, tuple)):
        return tuple(_fingerprint(e) for e in x)
    if isinstance(x, np.ndarray):
        return (x.shape, tuple(np.round(x.ravel(), 12)))
    if isinstance(x, (int, float, np.number)):
        return round(float(x), 12)
    return type(x).__name__


def _recording(fn, calls):
    def recorded(*args):
        calls.append(_fingerprint(args))
        return fn(*args)
    return recorded


def _adam_recording(calls):
    class MyAdam:
        def __init__(self, lr, betas=(0.9, 0.999), eps=1e-8):
            self.lr, (self.beta1, self.beta2), self.eps = lr, betas, eps
            self.t, self.m, self.v = 0, None, None

        def step(self, params, grads):
            calls.append(_fingerprint((params, grads)))
            if self.m is None:
                self.m = [np.zeros_like(p) for p in params]
                self.v = [np.zeros_like(p) for p in params]
            self.t += 1
            for theta, g, m, v in zip(params, grads, self.m, self.v):
                m *= self.beta1
                m += (1 - self.beta1) * g
                v *= self.beta2
                v += (1 - self.beta2) * g * g
                theta -= self.lr * (m / (1 - self.beta1 ** self.t)) / (
                    np.sqrt(v / (1 - self.beta2 ** self.t)) + self.eps)
    return MyAdam


def _run(name, seed):
    calls = []
    plain = {"topological_order": (topological_order, Value), "backward": (backward, Value),
             "affine_backward": (affine_backward,), "softmax_cross_entropy": (softmax_cross_entropy,),
             "momentum_step": (momentum_step,), "he_init": (he_init,), "two_layer": (two_layer_loss,)}
    if name == "adam":
        args = (_adam_recording(calls),)
    else:
        fn, *rest = plain[name]
        args = (_recording(fn, calls), *rest)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        getattr(level4, f"check_{name}")(*args, seed=seed)
    assert "\u2714" in out.getvalue(), f"check_{name}(seed={seed}) did not pass the reference answer"
    return tuple(calls)


@pytest.mark.parametrize("name", ["topological_order", "backward", "affine_backward", "softmax_cross_entropy",
                                  "momentum_step", "adam", "he_init", "two_layer"])
def test_each_seed_gives_the_reference_answer_other_inputs(name):
    seen = {seed: _run(name, seed) for seed in SEEDS}
    assert all(seen.values()), f"check_{name} never called the answer"
    assert seen[None] != seen[2026], f"check_{name}: the hidden tests (seed 2026) repeat the visible cases"
    assert seen[2026] != seen[2027], f"check_{name}: seeds 2026 and 2027 give the same cases"
    assert seen[None] == _run(name, None), f"check_{name}: the visible cases are not reproducible"


def test_a_hidden_case_never_shows_the_expected_values():
    """A wrong affine_backward: the visible cases show the expected output, the hidden (seeded) ones do not."""
    def off(dout, cache):
        a, theta = cache
        return dout @ theta[:, 1:], np.hstack([dout.sum(axis=0)[:, None], dout.T @ a]) + 1e-3

    with pytest.raises(AssertionError, match="hidden case") as hidden:
        level4.check_affine_backward(off, seed=2026)
    assert "expected" not in str(hidden.value).replace("expected values", ""), str(hidden.value)


def test_every_reference_is_forbidden_except_those_swapped_in():
    refs = {f for f, _ in level4.forbidden_references("x")}
    ours = level4.references()
    assert set(ours.values()) <= refs
    order = ours["topological_order"]
    assert order not in {f for f, _ in level4.forbidden_references("x", (order,))}


def test_a_blank_adam_is_told_to_write_step_not_to_finish_an_earlier_exercise():
    # The exercise notebook's stub: step is this exercise's answer, so the message must not send the learner
    # to "an earlier exercise" (core.call's wording when an inner function raises NotImplementedError).
    class MyAdam:
        def __init__(self, lr, betas=(0.9, 0.999), eps=1e-8):
            self.lr, (self.beta1, self.beta2), self.eps = lr, betas, eps
            self.t, self.m, self.v = 0, None, None

        def step(self, params, grads):
            if self.m is None:
                self.m = [np.zeros_like(p) for p in params]
                self.v = [np.zeros_like(p) for p in params]
            raise NotImplementedError("Replace this line with your answer.")

    with pytest.raises(level4.CheckFailed) as failed:
        level4.check_adam(MyAdam)
    message = str(failed.value)
    assert "MyAdam.step still raises NotImplementedError" in message
    assert "earlier exercise" not in message and "finish step" not in message
