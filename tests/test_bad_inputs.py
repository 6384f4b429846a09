"""Every public function meets bad input with a message that teaches, never a numpy broadcast error."""

import numpy as np
import pytest

import nnlib
from nnlib import data

T = nnlib.init_weights([3, 4, 2], seed=0)
X = np.random.default_rng(0).normal(size=(5, 3))
Y = np.array([0, 1, 1, 0, 1])


def with_bias(X):
    return np.hstack([np.ones((X.shape[0], 1)), X])


BAD = {
    # name: (call, exception, words the message must contain)
    "X transposed": (lambda: nnlib.backprop(T, X.T, Y), ValueError, "transposed"),
    "X with its own bias column": (lambda: nnlib.backprop([np.zeros((4, 4)), T[1]], with_bias(X), Y), ValueError, "bias column itself"),
    "X with wrong feature count": (lambda: nnlib.forward(T, X[:, :2]), ValueError, "3 columns"),
    "X one-dimensional": (lambda: nnlib.predict(T, X[0]), ValueError, "reshape(1, -1)"),
    "X without examples": (lambda: nnlib.cost(T, np.zeros((0, 3)), []), ValueError, "no examples"),
    "X with NaN": (lambda: nnlib.cost(T, np.where(X > 1, np.nan, X), Y), ValueError, "NaN"),
    "X with infinity": (lambda: nnlib.forward(T, np.full((2, 3), np.inf)), ValueError, "infinity"),
    "X as text": (lambda: nnlib.forward(T, "data"), TypeError, "array of numbers"),
    "theta missing bias column": (lambda: nnlib.backprop([T[0][:, 1:], T[1]], X, Y), ValueError, "missing its bias column"),
    "second theta missing bias column": (lambda: nnlib.backprop([T[0], T[1][:, 1:]], X, Y), ValueError, "missing its bias column"),
    "second theta transposed": (lambda: nnlib.backprop([T[0], T[1].T], X, Y), ValueError, "transposed"),
    "a single theta, not a list": (lambda: nnlib.forward(T[0], X), TypeError, "list of weight matrices"),
    "no weight matrices": (lambda: nnlib.cost([], X, Y), ValueError, "at least one weight matrix"),
    "theta with NaN": (lambda: nnlib.cost([T[0] * np.nan, T[1]], X, Y), ValueError, "diverged"),
    "theta one-dimensional": (lambda: nnlib.forward([np.zeros(4)], X), ValueError, "2-D matrix"),
    "labels not 0/1 for one output": (lambda: nnlib.cost([np.zeros((1, 4))], X, Y * 2), ValueError, "0 or 1"),
    "labels out of range": (lambda: nnlib.cost(T, X, [0, 1, 2, 0, 1]), ValueError, "labels 0..1"),
    "labels 1-based": (lambda: nnlib.cost(nnlib.init_weights([3, 3]), X, [1, 2, 3, 1, 2]), ValueError, "1-based"),
    "probabilities as labels": (lambda: nnlib.cost(T, X, [0.2, 0.9, 1, 0, 1]), ValueError, "probabilities"),
    "Y not one-hot values": (lambda: nnlib.cost(T, X, np.full((5, 2), 0.5)), ValueError, "only 0s and 1s"),
    "Y transposed": (lambda: nnlib.cost(T, X, nnlib.one_hot(Y, 2).T), ValueError, "transposed"),
    "Y wrong K": (lambda: nnlib.cost(T, X, nnlib.one_hot([0, 1, 2, 0, 1], 3)), ValueError, "K = 2 output units"),
    "too few labels": (lambda: nnlib.cost(T, X, Y[:3]), ValueError, "must match"),
    "negative lambda": (lambda: nnlib.cost(T, X, Y, lam=-1.0), ValueError, ">= 0"),
    "lambda as text": (lambda: nnlib.backprop(T, X, Y, lam="1"), TypeError, "real number"),
    "infinite lambda": (lambda: nnlib.backprop(T, X, Y, lam=np.inf), ValueError, "finite"),
    "layer sizes too short": (lambda: nnlib.init_weights([3]), ValueError, "at least two"),
    "layer size zero": (lambda: nnlib.init_weights([3, 0, 1]), ValueError, ">= 1"),
    "K zero in one_hot": (lambda: nnlib.one_hot([0], 0), ValueError, ">= 1"),
    "negative learning rate": (lambda: nnlib.train(T, X, Y, learning_rate=-0.1), ValueError, "positive"),
    "negative iterations": (lambda: nnlib.train(T, X, Y, iterations=-1), ValueError, ">= 0"),
    "bad batch size": (lambda: nnlib.train(T, X, Y, batch_size=0), ValueError, "batch_size"),
    "gradient check eps": (lambda: nnlib.numerical_gradient(lambda t: 0.0, T, eps=0), ValueError, "eps"),
    "numerical gradient of nothing": (lambda: nnlib.numerical_gradient(lambda t: 0.0, []), TypeError, "non-empty"),
    "fruit count": (lambda: data.fruit(n_per_class=0), ValueError, ">= 1"),
    "split fraction": (lambda: data.train_test_split(X, Y, test_fraction=1.5), ValueError, "between 0 and 1"),
    "split label count": (lambda: data.train_test_split(X, Y[:2]), ValueError, "one label per row"),
    "standardize mismatch": (lambda: data.standardize(X, X[:, :2]), ValueError, "features"),
    "draw network too small": (lambda: nnlib.viz.plots.draw_network([3]), ValueError, "at least two"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_input_gets_a_teaching_message(name):
    call, exc, words = BAD[name]
    with pytest.raises(exc) as info:
        call()
    message = str(info.value)
    assert words.lower() in message.lower(), f"{name}: message lacks {words!r}: {message}"
    assert "operands could not be broadcast" not in message
    assert len(message) > 30
