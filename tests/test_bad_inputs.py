"""Every public function meets bad input with a message that teaches, never a numpy broadcast error.

Each case ends in a clear error (BAD), a correct result, or a documented
acceptance (ACCEPTED, with the reason).
"""

import warnings

import numpy as np
import pytest

import nnlib
from nnlib import data, descent, fast, optim
from nnlib.training import DivergenceWarning

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([0, 1, 1, 0])

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
    # issue 9's list
    "split leaves the test set empty": (lambda: data.train_test_split(np.ones((20, 2)), np.arange(20) % 2, test_fraction=0.01), ValueError, "leaves 0 for the test set"),
    "split leaves training empty": (lambda: data.train_test_split(np.ones((20, 2)), np.arange(20) % 2, test_fraction=0.99), ValueError, "0 for training"),
    "split of 2 examples": (lambda: data.train_test_split(X[:2], [0, 1]), ValueError, "splitting 2 examples"),
    "split with NaN labels": (lambda: data.train_test_split(X, [0, 1, np.nan, 0, 1]), ValueError, "NaN"),
    "split fraction as text": (lambda: data.train_test_split(X, Y, test_fraction="0.2"), TypeError, "between 0 and 1"),
    "learning rate True": (lambda: nnlib.train(T, X, Y, learning_rate=True), TypeError, "bool"),
    "learning rate as text": (lambda: nnlib.train(T, X, Y, learning_rate="0.1"), TypeError, "positive number"),
    "learning rate NaN": (lambda: nnlib.train(T, X, Y, learning_rate=np.nan), ValueError, "finite"),
    "optimizer rate True": (lambda: optim.GradientDescent(True), TypeError, "bool"),
    "eps True": (lambda: nnlib.numerical_gradient(lambda t: 0.0, T, eps=True), TypeError, "bool"),
    "eps too large": (lambda: nnlib.numerical_gradient(lambda t: 0.0, T, eps=2), ValueError, "small positive"),
    "seed as text": (lambda: nnlib.train(T, X, Y, seed="abc"), TypeError, "seed must be a whole number"),
    "seed negative": (lambda: nnlib.init_weights([2, 1], seed=-1), ValueError, "seed must be a whole number >= 0"),
    "seed fraction": (lambda: data.fruit(seed=1.5), ValueError, "seed"),
    "optimizer as a name": (lambda: nnlib.train(T, X, Y, optimizer="adam"), TypeError, "nnlib.optim object"),
    "optimizer without step": (lambda: nnlib.train(T, X, Y, optimizer=object()), TypeError, "step(params, grads)"),
    "callback not callable": (lambda: nnlib.train(T, X, Y, callback=5), TypeError, "callback must be a function"),
    "layer sizes a number": (lambda: nnlib.init_weights(5), TypeError, "list of layer sizes"),
    "layer sizes as text": (lambda: nnlib.init_weights("64,25"), TypeError, "list of layer sizes"),
    "layer size a fraction": (lambda: nnlib.init_weights([2.5, 1]), ValueError, "whole number"),
    "layer size True": (lambda: nnlib.init_weights([True, 1]), TypeError, "bool"),
    "numerical gradient of an array": (lambda: nnlib.numerical_gradient(lambda t: t[0], [np.ones(2)]), TypeError, "one real number"),
    "numerical gradient of None": (lambda: nnlib.numerical_gradient(lambda t: None, [np.ones(2)]), TypeError, "forget `return`"),
    "numerical gradient of (J, grads)": (lambda: nnlib.numerical_gradient(lambda ts: nnlib.backprop(ts, X, Y), T), TypeError, "[0]"),
    "numerical gradient of NaN": (lambda: nnlib.numerical_gradient(lambda t: np.nan, [np.ones(2)]), ValueError, "finite"),
    "numerical gradient of one array": (lambda: nnlib.numerical_gradient(lambda t: 0.0, np.ones(2)), TypeError, "[theta]"),
    "one_hot of huge floats": (lambda: nnlib.one_hot([1e20, 0], 2), ValueError, "found 1e+20"),
    "one_hot of huge negative floats": (lambda: nnlib.one_hot([0, -1e20], 2), ValueError, "labels 0..1"),
    "one_hot K a fraction": (lambda: nnlib.one_hot([0, 1], 2.5), ValueError, "whole number"),
    "relative difference of different shapes": (lambda: nnlib.relative_difference(np.ones((2, 3)), np.ones((3, 2))), ValueError, "shapes differ"),
    "relative difference of lists of different lengths": (lambda: nnlib.relative_difference(T, T[:1]), ValueError, "shapes differ"),
    "relative difference with NaN": (lambda: nnlib.relative_difference([np.nan], [1.0]), ValueError, "NaN"),
    "complex X": (lambda: nnlib.forward(T, X + 1j), TypeError, "complex"),
    "complex theta": (lambda: nnlib.cost([T[0] + 0j, T[1]], X, Y), TypeError, "complex"),
    "complex labels": (lambda: nnlib.cost(T, X, Y + 0j), TypeError, "complex"),
    "complex lambda": (lambda: nnlib.backprop(T, X, Y, lam=1j), TypeError, "complex"),
    "complex z": (lambda: nnlib.sigmoid(np.array([1j])), TypeError, "complex"),
    "complex split": (lambda: data.train_test_split(X + 1j, Y), TypeError, "complex"),
    "complex split labels": (lambda: data.train_test_split(X, Y + 1j), TypeError, "complex"),
    "complex standardize": (lambda: data.standardize(X + 1j), TypeError, "complex"),
    "complex line": (lambda: descent.line_gradient(1j, 0, [1, 2], [1, 2]), TypeError, "complex"),
    "complex points": (lambda: descent.line_loss(1, 0, [1j, 2], [1, 2]), TypeError, "complex"),
    "complex gradients": (lambda: nnlib.relative_difference([1j], [1.0]), TypeError, "complex"),
    "complex learning rate": (lambda: nnlib.train(T, X, Y, learning_rate=0.5 + 0j), TypeError, "complex"),
    "complex in fast": (lambda: fast.backprop(T, X + 1j, Y), TypeError, "complex"),
    # our own
    "X with a None": (lambda: nnlib.forward(T, np.array([[1, 2, None]] * 5, dtype=object)), TypeError, "NoneType"),
    "X ragged": (lambda: nnlib.forward(T, [[1.0, 2.0, 3.0], [1.0, 2.0]]), ValueError, "differ in length"),
    "X as text array": (lambda: nnlib.forward(T, np.array([["1", "2", "3"]])), TypeError, "text"),
    "X three-dimensional": (lambda: nnlib.forward(T, X[None]), ValueError, "2-D array"),
    "X without features": (lambda: nnlib.forward(T, np.zeros((5, 0))), ValueError, "no features"),
    "fast X with its own bias column": (lambda: fast.backprop([np.zeros((4, 4)), T[1]], with_bias(X), Y), ValueError, "bias column itself"),
    "fast theta missing bias column": (lambda: fast.backprop([T[0][:, 1:], T[1]], X, Y), ValueError, "bias column"),
    "Y three-dimensional": (lambda: nnlib.cost(T, X, np.zeros((5, 2, 1))), ValueError, "1-D label vector"),
    "Y as text labels": (lambda: nnlib.cost(T, X, ["a", "b", "a", "b", "a"]), TypeError, "text"),
    "Y with infinity": (lambda: nnlib.cost(T, X, np.full((5, 2), np.inf)), ValueError, "infinity"),
    "Y with NaN labels": (lambda: nnlib.cost(T, X, [0, 1, np.nan, 0, 1]), ValueError, "NaN"),
    "Y empty": (lambda: nnlib.cost(T, X, []), ValueError, "must match"),
    "lambda NaN": (lambda: nnlib.cost(T, X, Y, lam=np.nan), ValueError, "finite"),
    "lambda None": (lambda: nnlib.cost(T, X, Y, lam=None), TypeError, "real number"),
    "lambda True": (lambda: nnlib.cost(T, X, Y, lam=True), TypeError, "bool"),
    "iterations a fraction": (lambda: nnlib.train(T, X, Y, iterations=2.5), ValueError, "whole number"),
    "iterations True": (lambda: nnlib.train(T, X, Y, iterations=True), TypeError, "bool"),
    "iterations as text": (lambda: nnlib.train(T, X, Y, iterations="10"), TypeError, "whole number"),
    "batch size True": (lambda: nnlib.train(T, X, Y, batch_size=True), TypeError, "bool"),
    "fruit count True": (lambda: data.fruit(n_per_class=True), TypeError, "bool"),
    "fruit separable as text": (lambda: data.fruit(separable="no"), TypeError, "True or False"),
    "show_source of a value": (lambda: nnlib.show_source(nnlib.cost(T, X, Y)), TypeError, "without calling it"),
    "descend steps True": (lambda: descent.descend([1, 2], [1, 2], 0.1, steps=True), TypeError, "bool"),
    "descend rate True": (lambda: descent.descend([1, 2], [1, 2], True), TypeError, "bool"),
    "verdict best NaN": (lambda: descent.verdict([1.0, 0.5], np.nan), ValueError, "finite"),
    "verdict tolerance negative": (lambda: nnlib.report_difference("x", [1.0], [1.0], tol=-1), ValueError, "positive"),
    "a layer of 0 units": (lambda: nnlib.forward([np.zeros((0, 4)), np.zeros((2, 1))], X), ValueError, "0 units"),
    "an output layer of 0 units": (lambda: nnlib.cost([np.zeros((0, 4))], X, np.zeros((5, 0))), ValueError, "0 units"),
    "callback with the wrong arguments": (lambda: nnlib.train(T, X, Y, callback=lambda i: None), TypeError, "three arguments"),
    "fast inner function given labels": (lambda: fast.cost_and_gradient(T, X, Y, 0.0), ValueError, "fast.backprop"),
    "split of one example": (lambda: data.train_test_split(X[:1], Y[:1]), ValueError, "splitting 1 example with"),
    "split labels two-dimensional": (lambda: data.train_test_split(X, nnlib.one_hot(Y, 2)), ValueError, "1-D vector"),
    "numerical gradient of text": (lambda: nnlib.numerical_gradient(lambda t: "1.0", [np.ones(1)]), TypeError, "one real number"),
    "numerical gradient of a complex number": (lambda: nnlib.numerical_gradient(lambda t: 1j, [np.ones(1)]), TypeError, "one real number"),
    "numerical gradient of a non-function": (lambda: nnlib.numerical_gradient(3, [np.ones(1)]), TypeError, "must be a function"),
    "thetas as a dict": (lambda: nnlib.forward({1: T[0]}, X), TypeError, "list of weight matrices"),
    "theta three-dimensional": (lambda: nnlib.forward([np.zeros((4, 4, 1)), T[1]], X), ValueError, "2-D matrix"),
    "labels 0.5 for one output": (lambda: nnlib.cost([np.zeros((1, 4))], X, Y * 0.5), ValueError, "0 or 1"),
    "one column of Y for two outputs": (lambda: nnlib.cost(T, X, Y.reshape(-1, 1)), ValueError, "K = 2 output units"),
    "starting weights overflow": (lambda: nnlib.train([np.array([[0.0, 1e308]])], np.array([[10.0], [-10.0]]), [0, 1]), FloatingPointError, "starting weights"),
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


def test_a_wrong_kind_is_both_a_type_error_and_a_value_error():
    # code that catches ValueError for a bad argument, as numpy users often do, still catches it
    for call in (lambda: nnlib.train(T, X, Y, iterations="10"), lambda: nnlib.init_weights([True, 1])):
        with pytest.raises(ValueError):
            call()
        with pytest.raises(TypeError):
            call()


ACCEPTED = {
    # name: (call, check of the result, why it is accepted)
    "numpy float32 learning rate": (lambda: nnlib.train(T, X, Y, learning_rate=np.float32(0.5), iterations=3),
                                    lambda r: r.history == nnlib.train(T, X, Y, learning_rate=0.5, iterations=3).history,
                                    "numpy scalars are numbers"),
    "numpy float32 eps": (lambda: nnlib.numerical_gradient(lambda t: float(np.sum(t[0] ** 2)), [np.ones(2)], eps=np.float32(1e-4)),
                          lambda g: np.allclose(g[0], 2.0), "numpy scalars are numbers"),
    "numpy int iterations": (lambda: nnlib.train(T, X, Y, iterations=np.int64(4)), lambda r: r.iterations == 4,
                             "numpy integers are whole numbers"),
    "iterations 1e1": (lambda: nnlib.train(T, X, Y, iterations=1e1), lambda r: r.iterations == 10,
                       "a float with no fraction is a whole number (1e3 is a common way to write 1000)"),
    "numpy float lambda": (lambda: nnlib.cost(T, X, Y, lam=np.float32(1.0)), lambda J: J == pytest.approx(nnlib.cost(T, X, Y, lam=1.0)),
                           "numpy scalars are numbers"),
    "K as 2.0": (lambda: nnlib.one_hot([0, 1], 2.0), lambda Yh: np.array_equal(Yh, np.eye(2)), "a float with no fraction"),
    "bool features": (lambda: nnlib.forward(T, X > 0).h, lambda h: np.allclose(h, nnlib.forward(T, (X > 0) * 1.0).h),
                      "True and False are the numbers 1 and 0, as in numpy"),
    "bool labels": (lambda: nnlib.cost(T, X, Y.astype(bool)), lambda J: J == nnlib.cost(T, X, Y), "True and False are labels 1 and 0"),
    "labels as whole floats": (lambda: nnlib.cost(T, X, Y * 1.0), lambda J: J == nnlib.cost(T, X, Y), "1.0 is the label 1"),
    "a tuple of thetas": (lambda: nnlib.cost(tuple(T), X, Y), lambda J: J == nnlib.cost(T, X, Y), "any sequence of matrices"),
    "seed as a Generator": (lambda: nnlib.init_weights([2, 1], seed=np.random.default_rng(3)),
                            lambda t: np.array_equal(t[0], nnlib.init_weights([2, 1], seed=3)[0]), "numpy's own way to pass randomness"),
    "split labels as names": (lambda: data.train_test_split(X, np.array(["a", "b", "a", "b", "a"])),
                              lambda parts: len(parts[2]) + len(parts[3]) == 5, "class names are labels too"),
    "standardize one example": (lambda: data.standardize(X[:1]), lambda Z: np.array_equal(Z, np.zeros((1, 3))),
                                "one example has no spread: every feature is centred to 0 (documented)"),
    "several 1s in a row of Y": (lambda: nnlib.cost(T, X, np.ones((5, 2))),
                                 lambda J: J == pytest.approx(nnlib.cost(T, X, [1, 1, 1, 1, 1]) + nnlib.cost(T, X, [0, 0, 0, 0, 0]) - nnlib.cost(T, X, np.zeros((5, 2)))),
                                 "each output unit is its own yes/no question, so multi-label rows are valid"),
    "iterations 0": (lambda: nnlib.train(T, X, Y, iterations=0), lambda r: r.history == [] and np.array_equal(r.thetas[0], T[0]),
                     "no step: the starting weights, copied"),
    "a mini-batch larger than the data": (lambda: nnlib.train(T, X, Y, batch_size=100, iterations=2),
                                          lambda r: r.history == nnlib.train(T, X, Y, iterations=2).history, "one batch: full-batch descent"),
    "a report named by a number": (lambda: nnlib.report_difference(3, [1.0], [1.0]), lambda ok: ok is True, "the name is only printed"),
    "sigmoid of infinity": (lambda: nnlib.sigmoid(np.array([-np.inf, np.inf])), lambda g: np.array_equal(g, [0.0, 1.0]), "the limits"),
    "cost when z overflows": (lambda: _quiet(lambda: nnlib.cost([np.array([[0.0, 1e308]])], np.array([[10.0], [-10.0]]), [1, 0])),
                              lambda J: J == 0.0, "right and sure: the cost is 0, not NaN"),
    "cost when z overflows, wrong": (lambda: _quiet(lambda: nnlib.cost([np.array([[0.0, 1e308]])], np.array([[10.0], [-10.0]]), [0, 1])),
                                     lambda J: J == np.inf, "wrong and sure: the cost is infinite, not NaN"),
}


def _quiet(f):
    with np.errstate(over="ignore"):
        return f()


@pytest.mark.parametrize("name", list(ACCEPTED))
def test_accepted_input_gives_the_right_result(name):
    call, check, _why = ACCEPTED[name]
    assert check(call())


@pytest.mark.parametrize("sizes", [[2, 2, 1], [2, 3, 1], [2, 4, 1]])
def test_a_huge_learning_rate_signals_divergence(sizes):
    with pytest.warns(DivergenceWarning, match="smaller learning rate") as record:
        result = nnlib.train(nnlib.init_weights(sizes, seed=0), XOR_X, XOR_Y, learning_rate=1000, iterations=50)
    assert len(record) == 1  # once, not at every iteration
    assert max(result.history) > 10 * result.history[0]
    assert issubclass(DivergenceWarning, RuntimeWarning)


def test_a_huge_learning_rate_on_the_raw_fruit_signals_divergence():
    X_fruit, y_fruit = data.fruit()
    with pytest.warns(DivergenceWarning, match="rose from"):
        nnlib.train(nnlib.init_weights([2, 1], seed=0), X_fruit, y_fruit, learning_rate=1000)


def test_a_good_learning_rate_trains_without_a_warning():
    X_fruit, y_fruit = data.fruit()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = nnlib.train(nnlib.init_weights([2, 3, 1], seed=0), data.standardize(X_fruit), y_fruit,
                             learning_rate=2.0, iterations=200)
        mini = nnlib.train(nnlib.init_weights([2, 3, 1], seed=0), data.standardize(X_fruit), y_fruit,
                           learning_rate=2.0, iterations=20, batch_size=4)
    assert result.history[-1] < result.history[0] and mini.history[-1] < mini.history[0]


def test_train_blames_the_learning_rate_only_after_a_step():
    X_far = np.array([[1.0e3], [-1.0e3]])
    with pytest.raises(FloatingPointError, match="smaller learning rate") as info:
        nnlib.train([np.array([[0.0, 0.0]])], X_far, [1, 0], learning_rate=1e308, iterations=5)
    assert "starting weights" not in str(info.value)


def test_a_callback_is_checked_before_any_training():
    calls = []

    class Counting(optim.GradientDescent):
        def step(self, params, grads):
            calls.append(1)
            super().step(params, grads)

    with pytest.raises(TypeError):
        nnlib.train(T, X, Y, optimizer=Counting(0.1), callback="print")
    assert calls == []
