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


# ================================================================ levels 4 and 5
#
# Every public function and class of optim, clip, conv, recurrent, layers and
# training, meeting the bad and edge inputs a learner (or a tired researcher)
# gives them. A BAD_45 entry names the function it calls ("conv2d_backward:
# ..."), the exception, and two pieces of its message: what was expected and
# the likely cause (or the way out). A RIGHT_45 entry is an edge input with a
# right result, checked; a DOCUMENTED_45 entry is a rule the docstring states.

from nnlib import clip, conv, layers, recurrent  # noqa: E402
from nnlib import training  # noqa: E402

_R = np.random.default_rng(45)
A4, TH4 = _R.normal(size=(4, 3)), _R.normal(size=(2, 4))
Z4 = _R.normal(size=(3, 5))
_, AFF_CACHE = layers.affine_forward(A4, TH4)
SIG, SIG_CACHE = layers.sigmoid_forward(Z4)
_, TANH_CACHE = layers.tanh_forward(Z4)
_, RELU_CACHE = layers.relu_forward(Z4)
IMG, KER, BIAS = _R.normal(size=(2, 3, 6, 5)), _R.normal(size=(4, 3, 3, 2)), _R.normal(size=4)
CONV_OUT, CONV_CACHE = conv.conv2d_forward(IMG, KER, BIAS, 1, 1)
MAX_OUT, MAX_CACHE = conv.max_pool_forward(IMG, 2)
AVG_OUT, AVG_CACHE = conv.avg_pool_forward(IMG, 2)
RNN_P, LSTM_P, GRU_P = (recurrent.init_params(k, 2, 3, seed=1) for k in ("rnn", "lstm", "gru"))
XS = _R.normal(size=(4, 2, 2))  # T = 4 steps, m = 2 examples, D = 2 inputs
X1, H1, C1 = XS[0], _R.normal(size=(2, 3)), _R.normal(size=(2, 3))
RNN_HS, RNN_CACHE = recurrent.rnn_forward(XS, None, *RNN_P)
LSTM_HS, LSTM_CACHE = recurrent.lstm_forward(XS, None, *LSTM_P)
GRU_HS, GRU_CACHE = recurrent.gru_forward(XS, None, *GRU_P)
_, RNN_STEP = recurrent.rnn_step_forward(X1, H1, *RNN_P)
_, _, LSTM_STEP = recurrent.lstm_step_forward(X1, H1, C1, *LSTM_P)
_, GRU_STEP = recurrent.gru_step_forward(X1, H1, *GRU_P)
DH = _R.normal(size=(2, 3))


def _read_only(a):
    a = np.array(a, dtype=float)
    a.setflags(write=False)
    return a


def _nan_at(shape, where=0):
    a = np.ones(shape)
    a.flat[where] = np.nan
    return a


BAD_45 = {
    # name "function: case": (call, exception, what was expected, the likely cause or the way out)
    # ---- optim
    "check_rate: a learning rate of 0": (lambda: optim.check_rate(0), ValueError, "positive number", "got 0"),
    "check_fraction: 1": (lambda: optim.check_fraction(1.0, "momentum", "kept"), ValueError, "[0, 1)", "never forget"),
    "check_eps: negative": (lambda: optim.check_eps(-1e-8), ValueError, "positive number", "never 0"),
    "GradientDescent: lr 0": (lambda: optim.GradientDescent(0), ValueError, "positive number", "got 0.0"),
    "GradientDescent: lr negative": (lambda: optim.GradientDescent(-0.1), ValueError, "positive number", "got -0.1"),
    "GradientDescent: lr NaN": (lambda: optim.GradientDescent(np.nan), ValueError, "positive number", "finite"),
    "GradientDescent: lr infinite": (lambda: optim.GradientDescent(np.inf), ValueError, "positive number", "finite"),
    "GradientDescent: lr as text": (lambda: optim.GradientDescent("0.1"), TypeError, "positive number", "str"),
    "GradientDescent: lr None": (lambda: optim.GradientDescent(None), TypeError, "positive number", "NoneType"),
    "GradientDescent: lr complex": (lambda: optim.GradientDescent(0.1 + 1j), TypeError, "positive number", "complex"),
    "Momentum: momentum 1": (lambda: optim.Momentum(0.1, momentum=1.0), ValueError, "[0, 1)", "never forget"),
    "Momentum: momentum negative": (lambda: optim.Momentum(0.1, momentum=-0.5), ValueError, "[0, 1)", "flips the sign"),
    "Momentum: momentum NaN": (lambda: optim.Momentum(0.1, momentum=np.nan), ValueError, "[0, 1)", "finite"),
    "Momentum: momentum as text": (lambda: optim.Momentum(0.1, momentum="0.9"), TypeError, "[0, 1)", "str"),
    "Momentum: lr 0": (lambda: optim.Momentum(0.0), ValueError, "positive number", "got 0.0"),
    "RMSprop: alpha 1.5": (lambda: optim.RMSprop(0.1, alpha=1.5), ValueError, "[0, 1)", "grows without bound"),
    "RMSprop: eps 0": (lambda: optim.RMSprop(0.1, eps=0), ValueError, "positive number such as 1e-8", "never 0"),
    "RMSprop: eps NaN": (lambda: optim.RMSprop(0.1, eps=np.nan), ValueError, "positive number", "finite"),
    "Adam: betas a number": (lambda: optim.Adam(0.1, betas=0.9), TypeError, "pair (beta1, beta2)", "got 0.9"),
    "Adam: betas of one": (lambda: optim.Adam(0.1, betas=(0.9,)), TypeError, "pair (beta1, beta2)", "running means"),
    "Adam: beta2 1": (lambda: optim.Adam(0.1, betas=(0.9, 1.0)), ValueError, "beta2", "never forget"),
    "Adam: beta1 1": (lambda: optim.Adam(0.1, betas=(1.0, 0.999)), ValueError, "beta1", "never forget"),
    "Adam: beta1 negative": (lambda: optim.Adam(0.1, betas=(-0.1, 0.999)), ValueError, "[0, 1)", "flips the sign"),
    "Adam: beta1 as text": (lambda: optim.Adam(0.1, betas=("0.9", 0.999)), TypeError, "[0, 1)", "str"),
    "Adam: betas as text": (lambda: optim.Adam(0.1, betas="09"), TypeError, "pair (beta1, beta2)", "'09'"),
    "Adam: amsgrad 'no'": (lambda: optim.Adam(0.1, amsgrad="no"), TypeError, "True or False", "would count as True"),
    "Adam: amsgrad 1": (lambda: optim.Adam(0.1, amsgrad=1), TypeError, "True or False", "got 1, int"),
    "Adam: lr NaN": (lambda: optim.Adam(np.nan), ValueError, "positive number", "finite"),
    "Adam.step: fewer grads than params (zip truncation)":
        (lambda: optim.Adam(0.1).step([np.zeros(3), np.zeros(2)], [np.ones(3)]), ValueError,
         "one gradient per parameter", "2 parameter arrays but 1 gradients"),
    "GradientDescent.step: more grads than params":
        (lambda: optim.GradientDescent(0.1).step([np.zeros(3)], [np.ones(3), np.ones(2)]), ValueError,
         "one gradient per parameter", "nothing was changed"),
    "GradientDescent.step: a (3,) grad for a (3, 3) parameter (broadcast)":
        (lambda: optim.GradientDescent(0.1).step([np.zeros((3, 3))], [np.ones(3)]), ValueError,
         "shape of its parameter", "order of params"),
    "Momentum.step: a transposed grad":
        (lambda: optim.Momentum(0.1).step([np.zeros((2, 3))], [np.ones((3, 2))]), ValueError,
         "shape of its parameter", "transposed"),
    "GradientDescent.step: a bare array for the list":
        (lambda: optim.GradientDescent(0.1).step(np.zeros(3), np.ones(3)), TypeError, "list of arrays", "[theta]"),
    "RMSprop.step: a bare array for grads":
        (lambda: optim.RMSprop(0.1).step([np.zeros(3)], np.ones(3)), TypeError, "list of arrays", "[grad]"),
    "GradientDescent.step: params as lists":
        (lambda: optim.GradientDescent(0.1).step([[1.0, 2.0]], [[0.1, 0.2]]), TypeError,
         "float numpy array", "np.array(..., dtype=float)"),
    "Adam.step: an integer parameter":
        (lambda: optim.Adam(0.1).step([np.zeros(3, dtype=int)], [np.ones(3)]), TypeError,
         "float numpy array", "dtype int"),
    "Adam.step: a read-only parameter":
        (lambda: optim.Adam(0.1).step([np.zeros(2), _read_only([0.0, 0.0])], [np.ones(2), np.ones(2)]), ValueError,
         "read-only", ".copy()"),
    "Momentum.step: the same parameter twice":
        (lambda: (lambda p: optim.Momentum(0.1).step([p, p], [np.ones(2), np.ones(2)]))(np.zeros(2)), ValueError,
         "same array", "updated twice"),
    "GradientDescent.step: overlapping views":
        (lambda: (lambda W: optim.GradientDescent(0.1).step([W, W[0]], [np.ones((2, 2)), np.ones(2)]))(np.zeros((2, 2))),
         ValueError, "same array (or overlapping views", "list every parameter once"),
    "Adam.step: a NaN gradient": (lambda: optim.Adam(0.1).step([np.zeros(3)], [_nan_at(3, 1)]), ValueError,
                                  "NaN (first at index 1", "no step can be taken"),
    "Momentum.step: an infinite gradient":
        (lambda: optim.Momentum(0.1).step([np.zeros(2)], [np.array([1.0, np.inf])]), ValueError,
         "infinity", "clip the gradients"),
    "RMSprop.step: a gradient as text": (lambda: optim.RMSprop(0.1).step([np.zeros(1)], ["1"]), TypeError,
                                         "array of numbers", "got str"),
    "GradientDescent.step: grads None": (lambda: optim.GradientDescent(0.1).step([np.zeros(1)], None), TypeError,
                                         "list of arrays", "NoneType"),
    "Adam.step: no parameters": (lambda: optim.Adam(0.1).step([], []), ValueError, "at least one array", "is empty"),
    "Adam.step: a NaN parameter": (lambda: optim.Adam(0.1).step([_nan_at(2)], [np.ones(2)]), ValueError,
                                   "NaN", "diverged earlier"),
    "Momentum.step: a second model": (lambda: (lambda o: (o.step([np.zeros(3)], [np.ones(3)]),
                                                          o.step([np.zeros(4)], [np.ones(4)])))(optim.Momentum(0.1)),
                                      ValueError, "first used on parameters of shapes", "one optimizer per model"),
    "GradientDescent.step: a step to infinity":
        (lambda: optim.GradientDescent(1e308).step([np.zeros(2)], [np.array([1e10, 1.0])]), FloatingPointError,
         "infinite or NaN", "smaller learning rate"),
    "Optimizer.new_state: theta as text": (lambda: optim.Adam(0.1).new_state("theta"), TypeError, "array of numbers",
                                           "got str"),
    "Adam.update: a state of the wrong kind":
        (lambda: optim.Adam(0.1).update(np.zeros(2), np.ones(2), (np.zeros(2),), 1), TypeError,
         "tuple of 3 array(s)", "new_state(theta)"),
    "Momentum.update: a gradient of another shape":
        (lambda: optim.Momentum(0.1).update(np.zeros(2), np.ones(3), (np.zeros(2),), 1), ValueError,
         "shape of its parameter", "g has shape (3,)"),
    "RMSprop.update: step t = 0": (lambda: optim.RMSprop(0.1).update(np.zeros(1), np.ones(1), (np.zeros(1),), 0),
                                   ValueError, "whole number >= 1", "from 1"),
    "GradientDescent.update: theta with NaN": (lambda: optim.GradientDescent(0.1).update(_nan_at(2), np.ones(2), (), 1),
                                               ValueError, "theta contains NaN", "division by zero"),
    "Optimizer.update: the shared base has no rule": (lambda: optim.Optimizer().update(np.zeros(1), np.ones(1), (), 1),
                                                      NotImplementedError, "update(theta, g, state, t)", "Use GradientDescent"),
    "Optimizer.step: the shared base itself": (lambda: optim.Optimizer().step([np.zeros(1)], [np.ones(1)]),
                                               NotImplementedError, "update(theta, g, state, t)", "what the optimizers share"),
    # ---- clip
    "global_norm: text in the list": (lambda: clip.global_norm(["ab"]), TypeError, "array of numbers", "got str"),
    "global_norm: a bare array": (lambda: clip.global_norm(np.ones((2, 2))), TypeError, "list of arrays", "[grad]"),
    "global_norm: an empty list": (lambda: clip.global_norm([]), ValueError, "at least one array", "is empty"),
    "global_norm: NaN": (lambda: clip.global_norm([np.ones(2), _nan_at(3)]), ValueError, "grads[1] contains NaN",
                         "lower the learning rate"),
    "global_norm: None": (lambda: clip.global_norm(None), TypeError, "list of arrays", "NoneType"),
    "global_norm: a norm beyond float64": (lambda: clip.global_norm([np.full(4, 1e308)]), ValueError,
                                           "larger than 1.8e308", "every entry is finite"),
    "clip_by_global_norm: max_norm 0": (lambda: clip.clip_by_global_norm([np.ones(3)], 0.0), ValueError,
                                        "positive number such as 1.0", "got 0.0"),
    "clip_by_global_norm: max_norm negative": (lambda: clip.clip_by_global_norm([np.ones(3)], -1.0), ValueError,
                                               "positive number", "got -1.0"),
    "clip_by_global_norm: max_norm NaN": (lambda: clip.clip_by_global_norm([np.ones(3)], np.nan), ValueError,
                                          "positive number", "finite"),
    "clip_by_global_norm: max_norm True": (lambda: clip.clip_by_global_norm([np.ones(3)], True), TypeError,
                                           "positive number", "bool"),
    "clip_by_global_norm: integer gradients": (lambda: clip.clip_by_global_norm([np.ones(3, dtype=int)], 1.0),
                                               TypeError, "float numpy array", "dtype int"),
    "clip_by_global_norm: gradients as lists": (lambda: clip.clip_by_global_norm([[3.0, 4.0]], 1.0), TypeError,
                                                "float numpy array", "scales it in place"),
    "clip_by_global_norm: a read-only gradient": (lambda: clip.clip_by_global_norm([_read_only([3.0, 4.0])], 1.0),
                                                  ValueError, "read-only", ".copy()"),
    "clip_by_global_norm: a bare array": (lambda: clip.clip_by_global_norm(np.ones(3), 1.0), TypeError,
                                          "list of arrays", "[grad]"),
    "clip_by_global_norm: the same gradient twice": (lambda: (lambda g: clip.clip_by_global_norm([g, g], 1.0))(np.ones(2)),
                                                     ValueError, "same array", "list every parameter once"),
    "clip_by_global_norm: NaN": (lambda: clip.clip_by_global_norm([np.array([1.0, np.nan])], 1.0), ValueError,
                                 "NaN", "clip earlier"),
    "clip_by_global_norm: a norm beyond float64": (lambda: clip.clip_by_global_norm([np.full(4, 1e308)], 1.0),
                                                   ValueError, "larger than 1.8e308", "lower the learning rate"),
    # ---- conv
    "windows: a window of 0": (lambda: conv.windows(IMG, 0, 2), ValueError, "kh must be a whole number >= 1", "got 0"),
    "windows: a window larger than the image": (lambda: conv.windows(IMG, 7, 2), ValueError,
                                                "larger than the input", "smaller window"),
    "windows: stride 0": (lambda: conv.windows(IMG, 2, 2, stride=0), ValueError, "stride must be a whole number >= 1",
                          "got 0"),
    "windows: a 3-D image": (lambda: conv.windows(IMG[0], 2, 2), ValueError, "(m, C, H, W)", "x[None]"),
    "correlate: channels differ": (lambda: conv.correlate(IMG, KER[:, :2]), ValueError, "C = 3 channels",
                                   "every channel"),
    "correlate: a kernel larger than the image": (lambda: conv.correlate(IMG[:, :, :2], KER), ValueError,
                                                  "larger than the input", "smaller kernel"),
    "flip: a 2-D kernel": (lambda: conv.flip(np.ones((3, 3))), ValueError, "(F filters, C channels, kh, kw)",
                           "reshape(1, 1, kh, kw)"),
    "conv2d_forward: a 0 x 0 kernel": (lambda: conv.conv2d_forward(IMG, np.zeros((4, 3, 0, 0)), BIAS), ValueError,
                                       "at least 1 x 1", "sees nothing"),
    "conv2d_forward: C = 0": (lambda: conv.conv2d_forward(np.zeros((1, 0, 4, 4)), np.zeros((1, 0, 2, 2)), np.zeros(1)),
                              ValueError, "at least one entry", "no channels (C = 0)"),
    "conv2d_forward: no examples": (lambda: conv.conv2d_forward(IMG[:0], KER, BIAS), ValueError,
                                    "at least one entry", "no examples"),
    "conv2d_forward: no filters": (lambda: conv.conv2d_forward(IMG, KER[:0], BIAS[:0]), ValueError,
                                   "at least one filter", "(0, 3, 3, 2)"),
    "conv2d_forward: stride 0": (lambda: conv.conv2d_forward(IMG, KER, BIAS, stride=0), ValueError,
                                 "stride must be a whole number >= 1", "got 0"),
    "conv2d_forward: negative padding": (lambda: conv.conv2d_forward(IMG, KER, BIAS, padding=-1), ValueError,
                                         "padding must be a whole number >= 0", "got -1"),
    "conv2d_forward: padding 1.5": (lambda: conv.conv2d_forward(IMG, KER, BIAS, padding=1.5), ValueError,
                                    "whole number", "not a whole number"),
    "conv2d_forward: stride True": (lambda: conv.conv2d_forward(IMG, KER, BIAS, stride=True), TypeError,
                                    "whole number", "bool"),
    "conv2d_forward: a kernel larger than the input": (lambda: conv.conv2d_forward(IMG[:, :, :2, :2], KER, BIAS),
                                                       ValueError, "larger than the", "more padding"),
    "conv2d_forward: one bias for every filter": (lambda: conv.conv2d_forward(IMG, KER, BIAS[:1]), ValueError,
                                                  "one number per filter", "got (1,)"),
    "conv2d_forward: a NaN in x": (lambda: conv.conv2d_forward(_nan_at(IMG.shape, 7), KER, BIAS), ValueError,
                                   "x contains NaN", "missing value"),
    "conv2d_forward: channels differ": (lambda: conv.conv2d_forward(IMG, KER[:, :2], BIAS), ValueError,
                                        "channels but w expects 2", "every channel"),
    "conv2d_forward: a grey image": (lambda: conv.conv2d_forward(np.ones((5, 5)), np.ones((1, 1, 3, 3)), np.zeros(1)),
                                     ValueError, "(m, C, H, W)", "reshape(1, 1, H, W)"),
    "conv2d_forward: text": (lambda: conv.conv2d_forward("image", KER, BIAS), TypeError, "array of numbers", "str"),
    "conv2d_backward: dout that would broadcast": (lambda: conv.conv2d_backward(np.ones((2, 4, 1, 1)), CONV_CACHE),
                                                   ValueError, f"shape of the forward's output, {CONV_OUT.shape}",
                                                   "same forward call"),
    "conv2d_backward: dout without its batch axis": (lambda: conv.conv2d_backward(CONV_OUT[0], CONV_CACHE), ValueError,
                                                     "shape of the forward's output", "dout[None]"),
    "conv2d_backward: NaN in dout": (lambda: conv.conv2d_backward(_nan_at(CONV_OUT.shape), CONV_CACHE), ValueError,
                                     "dout contains NaN", "layer above"),
    "conv2d_backward: the (out, cache) pair": (lambda: conv.conv2d_backward(CONV_OUT, (CONV_OUT, CONV_CACHE)),
                                               TypeError, "(x_pad, w, stride, padding)", "second value only"),
    "conv2d_backward: a pooling cache": (lambda: conv.conv2d_backward(MAX_OUT, MAX_CACHE), ValueError,
                                         "(m, C, H, W)", "x_pad (cache[0])"),
    "max_pool_forward: size 0": (lambda: conv.max_pool_forward(IMG, 0), ValueError, "size must be a whole number >= 1",
                                 "got 0"),
    "max_pool_forward: stride 0": (lambda: conv.max_pool_forward(IMG, 2, stride=0), ValueError,
                                   "stride must be a whole number >= 1", "got 0"),
    "max_pool_forward: a window larger than the image": (lambda: conv.max_pool_forward(IMG, 6), ValueError,
                                                         "larger than the input", "smaller window"),
    "max_pool_forward: one image of channels": (lambda: conv.max_pool_forward(IMG[0], 2), ValueError,
                                                "(m, C, H, W)", "x[None]"),
    "max_pool_backward: dout that would broadcast": (lambda: conv.max_pool_backward(np.ones((2, 3, 1, 1)), MAX_CACHE),
                                                     ValueError, f"shape of the forward's output, {MAX_OUT.shape}",
                                                     "same forward call"),
    "max_pool_backward: an avg-pool cache": (lambda: conv.max_pool_backward(AVG_OUT, AVG_CACHE), TypeError,
                                             "(x.shape, size, stride, arg)", "max_pool_forward returned"),
    "max_pool_backward: a cache with its arg-max changed": (lambda: conv.max_pool_backward(
        MAX_OUT, MAX_CACHE[:3] + (MAX_CACHE[3] + 4,)), ValueError, "integers 0..3", "max_pool_forward returned"),
    "avg_pool_forward: size 1.5": (lambda: conv.avg_pool_forward(IMG, 1.5), ValueError, "whole number",
                                   "not a whole number"),
    "avg_pool_backward: dout with H and W swapped": (lambda: conv.avg_pool_backward(AVG_OUT.transpose(0, 1, 3, 2),
                                                                                    AVG_CACHE), ValueError,
                                           "shape of the forward's output", "same forward call"),
    "avg_pool_backward: a max-pool cache": (lambda: conv.avg_pool_backward(MAX_OUT, MAX_CACHE), TypeError,
                                            "(x.shape, size, stride)", "avg_pool_forward returned"),
    # ---- recurrent
    "rnn_step_forward: a 1-D x": (lambda: recurrent.rnn_step_forward(X1[0], H1[:1], *RNN_P), ValueError,
                                  "(m examples, D inputs)", "reshape(1, -1)"),
    "rnn_step_forward: a wrong hidden size": (lambda: recurrent.rnn_step_forward(X1, np.zeros((2, 4)), *RNN_P),
                                              ValueError, "(m, H) = (2, 3)", "wrong hidden size"),
    "rnn_step_forward: Wx transposed": (lambda: recurrent.rnn_step_forward(X1, H1, RNN_P[0].T, *RNN_P[1:]),
                                        ValueError, "(1H, D) = (3, 2)", "transposed"),
    "rnn_step_forward: a bias as a column": (lambda: recurrent.rnn_step_forward(X1, H1, *RNN_P[:2], RNN_P[2][:, None]),
                                             ValueError, "vector of 1H = 3 numbers", "ravel()"),
    "rnn_step_forward: NaN in h_prev": (lambda: recurrent.rnn_step_forward(X1, _nan_at(H1.shape), *RNN_P), ValueError,
                                        "h_prev contains NaN", "division by zero"),
    "rnn_step_backward: dout of the wrong shape": (lambda: recurrent.rnn_step_backward(DH.T, RNN_STEP), ValueError,
                                                   "shape of the forward's output, (2, 3)", "transposed"),
    "rnn_step_backward: an LSTM step's cache": (lambda: recurrent.rnn_step_backward(DH, LSTM_STEP), TypeError,
                                                "(x, h_prev, Wx, Wh, h)", "rnn_step_forward returned"),
    "rnn_step_backward: the (h, cache) pair": (lambda: recurrent.rnn_step_backward(DH, (DH, RNN_STEP)), TypeError,
                                               "tuple (x, h_prev, Wx, Wh, h)", "unchanged"),
    "lstm_step_forward: RNN weights": (lambda: recurrent.lstm_step_forward(X1, H1, C1, *RNN_P), ValueError,
                                       "(4H, H)", "another cell"),
    "lstm_step_forward: c_prev of the wrong shape": (lambda: recurrent.lstm_step_forward(X1, H1, C1[:1], *LSTM_P),
                                                     ValueError, "c_prev must have shape (m, H) = (2, 3)", "m = 2 examples"),
    "lstm_step_backward: dc of the wrong shape": (lambda: recurrent.lstm_step_backward(DH, DH[:, :2], LSTM_STEP),
                                                  ValueError, "shape of the forward's output, (2, 3)", "same forward call"),
    "lstm_step_backward: a GRU step's cache": (lambda: recurrent.lstm_step_backward(DH, DH, GRU_STEP), TypeError,
                                               "tuple (x, h_prev, c_prev, Wx, Wh, i, f, g, o, tc)", "unchanged"),
    "gru_step_forward: one bias for two": (lambda: recurrent.gru_step_forward(X1, H1, *GRU_P[:3], GRU_P[3][:3]),
                                           ValueError, "bh must be a vector of 3H = 9 numbers", "got shape (3,)"),
    "gru_step_forward: Wh transposed": (lambda: recurrent.gru_step_forward(X1, H1, GRU_P[0], GRU_P[1].T, *GRU_P[2:]),
                                        ValueError, "(3H, H)", "transposed"),
    "gru_step_backward: NaN in dout": (lambda: recurrent.gru_step_backward(_nan_at(DH.shape), GRU_STEP), ValueError,
                                       "dout contains NaN", "layer above"),
    "rnn_forward: a sequence of length 0": (lambda: recurrent.rnn_forward(XS[:0], None, *RNN_P), ValueError,
                                            "at least one step", "(0, 2, 2)"),
    "rnn_forward: one sequence as a matrix": (lambda: recurrent.rnn_forward(XS[:, 0], None, *RNN_P), ValueError,
                                              "(T steps, m examples, D inputs)", "reshape(T, 1, D)"),
    "rnn_forward: torch's (1, m, H) h0": (lambda: recurrent.rnn_forward(XS, H1[None], *RNN_P), ValueError,
                                          "h0 must have shape (m, H) = (2, 3)", "h0[0]"),
    "rnn_forward: a wrong hidden size": (lambda: recurrent.rnn_forward(XS, np.zeros((2, 5)), *RNN_P), ValueError,
                                         "(m, H) = (2, 3)", "wrong hidden size"),
    "rnn_forward: inputs of another width": (lambda: recurrent.rnn_forward(np.ones((4, 2, 3)), None, *RNN_P),
                                             ValueError, "Wx must be (1H, D) = (3, 3)", "do not match the 3 inputs"),
    "lstm_forward: h0 alone as state0": (lambda: recurrent.lstm_forward(XS, H1, *LSTM_P), TypeError,
                                         "the pair (h0, c0)", "(h0, None)"),
    "lstm_forward: state0 of three": (lambda: recurrent.lstm_forward(XS, (H1, C1, C1), *LSTM_P), TypeError,
                                      "the pair (h0, c0)", "(h0, None)"),
    "lstm_forward: c0 of the wrong hidden size": (lambda: recurrent.lstm_forward(XS, (H1, np.zeros((2, 4))), *LSTM_P),
                                                  ValueError, "c0 must have shape (m, H) = (2, 3)", "wrong hidden size"),
    "gru_forward: LSTM weights": (lambda: recurrent.gru_forward(XS, None, *LSTM_P, LSTM_P[2]), ValueError,
                                  "(3H, H)", "(12, 3)"),
    "rnn_backward: truncate 0": (lambda: recurrent.rnn_backward(np.ones_like(RNN_HS), RNN_CACHE, truncate=0), ValueError,
                                 "truncate must be a whole number >= 1", "full BPTT"),
    "rnn_backward: truncate 1.5": (lambda: recurrent.rnn_backward(np.ones_like(RNN_HS), RNN_CACHE, truncate=1.5),
                                   ValueError, "whole number", "full BPTT"),
    "rnn_backward: the last step's gradient only": (lambda: recurrent.rnn_backward(DH, RNN_CACHE), ValueError,
                                                    "(T, m, H) = (4, 2, 3)", "dout[-1] = dh_T"),
    "rnn_backward: an LSTM cache": (lambda: recurrent.rnn_backward(np.ones_like(RNN_HS), LSTM_CACHE), TypeError,
                                    "rnn_forward's cache", "Pass the cache rnn_forward returned"),
    "lstm_backward: an RNN cache": (lambda: recurrent.lstm_backward(np.ones_like(RNN_HS), RNN_CACHE), TypeError,
                                    "lstm_forward's cache", "the cache of rnn_forward"),
    "gru_backward: an empty cache": (lambda: recurrent.gru_backward(np.ones((0, 2, 3)), []), TypeError,
                                     "list of step caches", "got []"),
    "gru_backward: NaN in dout": (lambda: recurrent.gru_backward(_nan_at(GRU_HS.shape), GRU_CACHE), ValueError,
                                  "dout contains NaN", "layer above"),
    "lstm_cell_states: an RNN cache": (lambda: recurrent.lstm_cell_states(RNN_CACHE), TypeError,
                                       "lstm_forward's cache", "unchanged"),
    "init_params: kind 'transformer'": (lambda: recurrent.init_params("transformer", 2, 3), ValueError,
                                        "one of 'rnn', 'lstm', 'gru'", "no other recurrent cells"),
    "init_params: kind in capitals": (lambda: recurrent.init_params("LSTM", 2, 3), ValueError,
                                      "one of 'rnn', 'lstm', 'gru'", "Did you mean 'lstm'?"),
    "init_params: kind a class": (lambda: recurrent.init_params(recurrent.Cell, 2, 3), TypeError,
                                  "the name of a cell", "type"),
    "init_params: n_in 0": (lambda: recurrent.init_params("rnn", 0, 3), ValueError, "whole number >= 1", "got 0"),
    "init_params: n_hidden 2.5": (lambda: recurrent.init_params("gru", 2, 2.5), ValueError, "whole number",
                                  "not a whole number"),
    "init_params: seed as text": (lambda: recurrent.init_params("rnn", 2, 3, seed="abc"), TypeError,
                                  "seed must be a whole number >= 0", "same number gives the same result"),
    "init_params: seed negative": (lambda: recurrent.init_params("rnn", 2, 3, seed=-1), ValueError,
                                   "seed must be a whole number >= 0", "got -1"),
    "init_params: forget_bias as text": (lambda: recurrent.init_params("lstm", 2, 3, forget_bias="1"), TypeError,
                                         "real number such as 1.0", "str"),
    "init_params: forget_bias NaN": (lambda: recurrent.init_params("lstm", 2, 3, forget_bias=np.nan), ValueError,
                                     "real number", "finite"),
    "sequence_forward: kind 'transformer' (a KeyError before)": (lambda: recurrent.sequence_forward("transformer", XS, RNN_P),
                                                                ValueError, "one of 'rnn', 'lstm', 'gru'",
                                                                "no other recurrent cells"),
    "sequence_forward: GRU parameters for an RNN": (lambda: recurrent.sequence_forward("rnn", XS, GRU_P), TypeError,
                                                    "[Wx, Wh, b]", "init_params('rnn', D, H)"),
    "sequence_forward: parameters as one array": (lambda: recurrent.sequence_forward("rnn", XS, RNN_P[0]), TypeError,
                                                  "[Wx, Wh, b]", "a single array"),
    "sequence_backward: kind None": (lambda: recurrent.sequence_backward(None, RNN_HS, RNN_CACHE), TypeError,
                                     "the name of a cell", "NoneType"),
    "adding_problem: T 1": (lambda: recurrent.adding_problem(10, 1), ValueError, "T must be a whole number >= 2",
                            "marks two steps"),
    "adding_problem: m 0": (lambda: recurrent.adding_problem(0, 5), ValueError, "m must be a whole number >= 1", "got 0"),
    "adding_problem: seed as text": (lambda: recurrent.adding_problem(5, 5, seed="x"), TypeError,
                                     "seed must be a whole number", "numpy Generator"),
    # ---- layers
    "affine_forward: a 1-D a": (lambda: layers.affine_forward(A4[0], TH4), ValueError, "2-D array (m examples, units)",
                                "reshape(1, -1)"),
    "affine_forward: theta without its bias column": (lambda: layers.affine_forward(A4, TH4[:, 1:]), ValueError,
                                                      "(s_out, s_in + 1) = (s_out, 4)", "missing its bias column"),
    "affine_forward: theta transposed": (lambda: layers.affine_forward(A4, TH4.T), ValueError,
                                         "(s_out, s_in + 1)", "transposed"),
    "affine_forward: a with its own bias column": (lambda: layers.affine_forward(np.hstack([np.ones((4, 1)), A4]),
                                                                                 np.ones((2, 6))),
                                                   ValueError, "(s_out, s_in + 1)", "without its bias column"),
    "affine_forward: theta of 0 rows": (lambda: layers.affine_forward(A4, TH4[:0]), ValueError, "s_out >= 1", "0 units"),
    "affine_forward: NaN in theta": (lambda: layers.affine_forward(A4, _nan_at(TH4.shape)), ValueError,
                                     "theta contains NaN", "diverged"),
    "affine_forward: no examples": (lambda: layers.affine_forward(A4[:0], TH4), ValueError, "at least 1", "no examples"),
    "affine_backward: a malformed cache": (lambda: layers.affine_backward(np.ones((4, 2)), (A4,)), TypeError,
                                           "the pair (a, theta)", "affine_forward returned"),
    "affine_backward: the (z, cache) pair": (lambda: layers.affine_backward(np.ones((4, 2)), (np.ones((4, 2)), AFF_CACHE)),
                                             TypeError, "the pair (a, theta)", "pass its second value only"),
    "affine_backward: a cache of theta and a": (lambda: layers.affine_backward(np.ones((4, 2)), AFF_CACHE[::-1]),
                                                ValueError, "(s_out, s_in + 1)", "(cache[1])"),
    "affine_backward: dout transposed": (lambda: layers.affine_backward(np.ones((2, 4)), AFF_CACHE), ValueError,
                                         "shape of the forward's output, (4, 2)", "transposed"),
    "affine_backward: dout with NaN": (lambda: layers.affine_backward(_nan_at((4, 2)), AFF_CACHE), ValueError,
                                       "dout contains NaN", "layer above"),
    "sigmoid_forward: NaN": (lambda: layers.sigmoid_forward(np.array([0.0, np.nan])), ValueError, "z contains NaN",
                             "missing value"),
    "sigmoid_forward: empty": (lambda: layers.sigmoid_forward(np.zeros((0, 3))), ValueError, "at least one value",
                               "empty"),
    "sigmoid_backward: the (a, cache) pair": (lambda: layers.sigmoid_backward(SIG, (SIG, SIG_CACHE)), TypeError,
                                              "the array that sigmoid_forward returned", "tuple of 2"),
    "sigmoid_backward: dout of the wrong shape": (lambda: layers.sigmoid_backward(SIG.T, SIG_CACHE), ValueError,
                                                  "shape of the forward's output, (3, 5)", "transposed"),
    "tanh_forward: text": (lambda: layers.tanh_forward("z"), TypeError, "array of numbers", "str"),
    "tanh_backward: dout with an extra axis": (lambda: layers.tanh_backward(SIG[None], TANH_CACHE), ValueError,
                                               "shape of the forward's output", "extra first axis"),
    "relu_forward: infinity": (lambda: layers.relu_forward(np.array([1.0, np.inf])), ValueError, "z contains infinity",
                               "division by zero"),
    "relu_backward: a cache of text": (lambda: layers.relu_backward(SIG, "z"), TypeError, "array of numbers", "str"),
    "softmax: a 1-D row": (lambda: layers.softmax(np.ones(3)), ValueError, "2-D array", "reshape(1, -1)"),
    "softmax: NaN": (lambda: layers.softmax(_nan_at((2, 3))), ValueError, "scores contains NaN", "missing value"),
    "softmax_cross_entropy: a label out of range": (lambda: layers.softmax_cross_entropy(np.ones((3, 4)), [0, 1, 4]),
                                                    ValueError, "labels 0..3", "found labels from 0 to 4"),
    "softmax_cross_entropy: too few labels": (lambda: layers.softmax_cross_entropy(np.ones((3, 4)), [0, 1]),
                                              ValueError, "must match", "3 examples but y has 2"),
    "softmax_cross_entropy: one class": (lambda: layers.softmax_cross_entropy(np.ones((3, 1)), [0, 0, 0]), ValueError,
                                         "at least two classes", "sigmoid"),
    "softmax_cross_entropy: y transposed": (lambda: layers.softmax_cross_entropy(np.ones((3, 4)), np.eye(4)[:3].T),
                                            ValueError, "y has shape (4, 3)", "transposed"),
    "softmax_cross_entropy: y as text": (lambda: layers.softmax_cross_entropy(np.ones((3, 4)), "0 1 2"), TypeError,
                                         "integer labels 0..3", "str"),
    "softmax_cross_entropy: a row of two classes": (lambda: layers.softmax_cross_entropy(np.ones((2, 3)),
                                                                                         [[1, 1, 0], [0, 0, 1]]),
                                                    ValueError, "exactly one 1", "sigmoids"),
    "softmax_cross_entropy: a row of no class": (lambda: layers.softmax_cross_entropy(np.ones((2, 3)),
                                                                                      [[0, 0, 0], [0, 0, 1]]),
                                                 ValueError, "exactly one 1", "row 0 holds 0"),
    # ---- training
    "train: learning_rate and an optimizer": (lambda: nnlib.train(T, X, Y, learning_rate=0.5, optimizer=optim.Adam(0.01)),
                                              ValueError, "one of the two would be ignored",
                                              "leave learning_rate out"),
    "train: an optimizer stepping to infinity": (lambda: nnlib.train([np.array([[0.0, 0.0]])], np.array([[1e3], [-1e3]]),
                                                                     [1, 0], optimizer=optim.GradientDescent(1e308)),
                                                 FloatingPointError, "at iteration 0", "smaller learning rate"),
    "check_optimizer: a class, not an object": (lambda: training.check_optimizer(optim.Adam), TypeError,
                                                "optimizer object", "Adam(0.01)"),
    "check_callback: a string": (lambda: training.check_callback("print"), TypeError,
                                 "callback(iteration, J, thetas)", "ProgressBar"),
}


@pytest.mark.parametrize("name", list(BAD_45))
def test_level45_bad_input_says_what_was_expected_and_why(name):
    call, exc, expected, cause = BAD_45[name]
    with pytest.raises(exc) as info:
        call()
    message = str(info.value)
    assert expected.lower() in message.lower(), f"{name}: the message does not say what was expected ({expected!r}): {message}"
    assert cause.lower() in message.lower(), f"{name}: the message does not name the cause ({cause!r}): {message}"
    assert "operands could not be broadcast" not in message and "unpack" not in message
    assert not isinstance(info.value, KeyError)


def _adam_twice(params, grads):
    opt = optim.Adam(0.1)
    opt.step(params, grads)
    opt.step(params, grads)
    return params


def _interrupt_after(calls, make):
    """An optimizer that raises KeyboardInterrupt (Ctrl+C) on step number ``calls``, half-way through it."""
    opt, count = make(), [0]

    class Interrupting:
        def step(self, params, grads):
            count[0] += 1
            if count[0] == calls:
                params[0] -= 1.0  # a step half done
                raise KeyboardInterrupt
            opt.step(params, grads)

    return Interrupting()


def _quietly(f):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", training.TrainingInterrupted)
        return f()


P32 = np.array([1.0, -2.0, 3.0], dtype=np.float32)
BIG = [np.full((2, 2), 1e200), np.full(3, -1e200)]

RIGHT_45 = {
    # name "function: case": (call, check of the result)
    "Adam.step: read-only gradients": (lambda: _adam_twice([np.zeros(3)], [_read_only([1.0, 2.0, 3.0])]),
                                       lambda ps: np.allclose(ps[0], _adam_twice([np.zeros(3)], [np.array([1.0, 2, 3])])[0])),
    "Momentum.step: a gradient as a list of numbers": (
        lambda: (lambda p: (optim.Momentum(0.1).step([p], [[1.0, 2.0]]), p)[1])(np.zeros(2)),
        lambda p: np.allclose(p, [-0.1, -0.2])),
    "RMSprop.step: a tuple of parameters": (
        lambda: (lambda p: (optim.RMSprop(0.01).step((p,), (np.ones(2),)), p)[1])(np.zeros(2)),
        lambda p: np.allclose(p, -0.01 / (np.sqrt(0.01) + 1e-8))),
    "GradientDescent.step: a 0-d parameter": (
        lambda: (lambda p: (optim.GradientDescent(0.5).step([p], [np.array(2.0)]), p)[1])(np.array(1.0)),
        lambda p: p.shape == () and p == 0.0),
    "GradientDescent: lr as numpy float32": (lambda: optim.GradientDescent(np.float32(0.5)).lr, lambda lr: lr == 0.5),
    "Adam: amsgrad as numpy's True": (lambda: optim.Adam(0.1, amsgrad=np.bool_(True)).amsgrad, lambda a: a is True),
    "Adam: betas as a numpy array": (lambda: optim.Adam(0.1, betas=np.array([0.5, 0.9])),
                                     lambda o: (o.beta1, o.beta2) == (0.5, 0.9)),
    "Momentum: momentum 0 is gradient descent": (
        lambda: [(lambda p, o: [o.step([p], [np.array([1.0, -2.0])]) for _ in range(3)] and p)(np.zeros(2), o)
                 for o in (optim.Momentum(0.1, momentum=0), optim.GradientDescent(0.1))],
        lambda ps: np.array_equal(ps[0], ps[1])),
    "Adam.update: changes nothing it is given": (
        lambda: (lambda th, g, st: (optim.Adam(0.1).update(th, g, st, 1), th, g, st))(np.ones(2), np.ones(2),
                                                                                      (np.zeros(2),) * 3),
        lambda r: np.array_equal(r[1], np.ones(2)) and all(np.array_equal(s, np.zeros(2)) for s in r[3])
        and np.allclose(r[0][0], 1 - 0.1)),
    "global_norm: entries of 1e200 (their squares overflow)": (
        lambda: clip.global_norm(BIG), lambda n: n == pytest.approx(1e200 * np.sqrt(7), rel=1e-15)),
    "global_norm: entries of 1e-200 (their squares vanish)": (
        lambda: clip.global_norm([np.full(4, 1e-200)]), lambda n: n == pytest.approx(2e-200, rel=1e-15)),
    "global_norm: whole numbers in a list": (lambda: clip.global_norm([[3, 4]]), lambda n: n == 5.0),
    "global_norm: all zeros": (lambda: clip.global_norm([np.zeros(3)]), lambda n: n == 0.0),
    "clip_by_global_norm: entries of 1e200 (all zero before)": (
        lambda: (lambda g: (clip.clip_by_global_norm(g, 2.0), g))([a.copy() for a in BIG]),
        lambda r: r[0] == pytest.approx(1e200 * np.sqrt(7)) and clip.global_norm(r[1]) == pytest.approx(2.0)
        and np.allclose(r[1][0], 2 / np.sqrt(7)) and np.allclose(r[1][1], -2 / np.sqrt(7))),
    "clip_by_global_norm: zeros stay zeros": (lambda: (lambda g: (clip.clip_by_global_norm(g, 1.0), g))([np.zeros(3)]),
                                              lambda r: r[0] == 0.0 and np.array_equal(r[1][0], np.zeros(3))),
    "conv2d_forward: float32, read-only x": (lambda: conv.conv2d_forward(_read_only(IMG).astype(np.float32), KER, BIAS)[0],
                                             lambda out: np.allclose(out, conv.conv2d_forward(IMG.astype(np.float32).astype(float),
                                                                                              KER, BIAS)[0], rtol=1e-12)),
    "conv2d_forward: a kernel the size of the image": (
        lambda: conv.conv2d_forward(IMG, KER[:, :, :1, :1].repeat(6, 2).repeat(5, 3), BIAS)[0],
        lambda out: out.shape == (2, 4, 1, 1) and np.allclose(
            out[:, :, 0, 0], np.einsum("nchw,fc->nf", IMG, KER[:, :, 0, 0]) + BIAS)),
    "conv2d_forward: whole-number images": (lambda: conv.conv2d_forward(np.ones((1, 1, 3, 3), dtype=int), np.ones((1, 1, 2, 2)),
                                                                        np.zeros(1))[0],
                                            lambda out: np.array_equal(out, np.full((1, 1, 2, 2), 4.0))),
    "max_pool_forward: a stride longer than the window": (
        lambda: conv.max_pool_forward(np.arange(25.0).reshape(1, 1, 5, 5), 2, stride=3)[0],
        lambda out: np.array_equal(out[0, 0], [[6.0, 9.0], [21.0, 24.0]])),
    "avg_pool_backward: read-only dout": (lambda: conv.avg_pool_backward(_read_only(np.ones(AVG_OUT.shape)), AVG_CACHE),
                                          lambda dx: dx.shape == IMG.shape and dx[0, 0, 0, 0] == 0.25),
    "rnn_forward: one step": (lambda: recurrent.rnn_forward(XS[:1], H1, *RNN_P)[0][0],
                              lambda h: np.array_equal(h, recurrent.rnn_step_forward(XS[0], H1, *RNN_P)[0])),
    "rnn_forward: float32 inputs as a list": (lambda: recurrent.rnn_forward(XS.astype(np.float32).tolist(), None, *RNN_P)[0],
                                              lambda hs: np.allclose(hs, recurrent.rnn_forward(XS.astype(np.float32).astype(float),
                                                                                               None, *RNN_P)[0], rtol=1e-12)),
    "lstm_forward: state0 (h0, None)": (lambda: recurrent.lstm_forward(XS, (H1, None), *LSTM_P)[0],
                                        lambda hs: np.array_equal(hs, recurrent.lstm_forward(XS, (H1, np.zeros((2, 3))),
                                                                                             *LSTM_P)[0])),
    "rnn_backward: truncate longer than the sequence": (
        lambda: recurrent.rnn_backward(np.ones_like(RNN_HS), RNN_CACHE, truncate=100),
        lambda r: all(np.array_equal(a, b) for a, b in zip(r, recurrent.rnn_backward(np.ones_like(RNN_HS), RNN_CACHE)))),
    "sequence_backward: the parameter gradients unpack with a star": (
        lambda: recurrent.sequence_backward("gru", np.ones_like(GRU_HS), GRU_CACHE),
        lambda r: len(r) == 6 and [g.shape for g in r[2:]] == [p.shape for p in GRU_P]),
    "softmax_cross_entropy: scores of 1e308, right and sure (NaN before)": (
        lambda: layers.softmax_cross_entropy(np.array([[1e308, -1e308], [-1e308, 1e308]]), [0, 1]),
        lambda r: r[0] == 0.0 and np.array_equal(r[1], np.zeros((2, 2)))),
    "softmax_cross_entropy: scores of 1e308, wrong and sure": (
        lambda: layers.softmax_cross_entropy(np.array([[1e308, -1e308]]), [1]),
        lambda r: r[0] == np.inf and np.array_equal(r[1], [[1.0, -1.0]])),
    "softmax: scores of 1e308 of both signs": (lambda: layers.softmax(np.array([[1e308, -1e308, 1e308]])),
                                               lambda p: np.array_equal(p, [[0.5, 0.0, 0.5]])),
    "affine_forward: float32, read-only": (lambda: layers.affine_forward(_read_only(A4).astype(np.float32), _read_only(TH4))[0],
                                           lambda z: z.dtype == float and np.allclose(
                                               z, layers.affine_forward(A4.astype(np.float32).astype(float), TH4)[0])),
    "sigmoid_forward: a single number": (lambda: layers.sigmoid_forward(0.0)[0], lambda a: a == 0.5),
    "relu_backward: a read-only dout": (lambda: layers.relu_backward(_read_only(np.ones(Z4.shape)), RELU_CACHE),
                                        lambda dz: np.array_equal(dz, (Z4 > 0) * 1.0)),
}

DOCUMENTED_45 = {
    # name "function: case": (call, check of the result, where the rule is written)
    "Adam.step: float32 parameters stay float32": (
        lambda: (lambda p: (optim.Adam(0.1).step([p], [np.ones(3)]), p)[1])(P32.copy()),
        lambda p: p.dtype == np.float32 and np.array_equal(p, (P32.astype(float) - 0.1 / (1 + 1e-8)).astype(np.float32)),
        "nnlib.optim's docstring: float32 parameters are updated in place and stay float32"),
    "GradientDescent.step: one optimizer for two models": (
        lambda: (lambda o: (o.step([np.zeros(3)], [np.ones(3)]), o.step([np.zeros(2)], [np.ones(2)])))(optim.GradientDescent(1.0)),
        lambda r: r == (None, None), "Optimizer: only an optimizer with state (state_names) belongs to one model"),
    "clip_by_global_norm: returns the norm before clipping": (
        lambda: clip.clip_by_global_norm([np.array([3.0, 4.0])], 1.0), lambda n: n == 5.0,
        "its docstring: returns n, the norm before clipping, as torch does"),
    "max_pool_forward: a tie goes to the first maximum": (
        lambda: conv.max_pool_backward(np.ones((1, 1, 1, 1)), conv.max_pool_forward(np.ones((1, 1, 2, 2)), 2)[1]),
        lambda dx: np.array_equal(dx[0, 0], [[1.0, 0.0], [0.0, 0.0]]), "its docstring and lesson 5: as torch picks"),
    "init_params: forget_bias ignored by the GRU and the RNN": (
        lambda: [recurrent.init_params(k, 2, 3, seed=0, forget_bias=1.0) for k in ("gru", "rnn")],
        lambda ps: all(np.array_equal(a, b) for p, k in zip(ps, ("gru", "rnn"))
                       for a, b in zip(p, recurrent.init_params(k, 2, 3, seed=0))),
        "its docstring: the RNN and the GRU have no forget gate and ignore it, so one call fits every kind"),
    "train: without an optimizer, learning_rate 1.0": (
        lambda: nnlib.train(T, X, Y, iterations=3).history,
        lambda h: h == nnlib.train(T, X, Y, optimizer=optim.GradientDescent(1.0), iterations=3).history,
        "its docstring: learning_rate, the step size of plain gradient descent (default 1.0)"),
    "train: Ctrl+C in a callback returns the iterations done": (
        lambda: _quietly(lambda: nnlib.train(T, X, Y, iterations=50, callback=lambda i, J, ts: (_ for _ in ()).throw(
            KeyboardInterrupt) if i == 3 else None)),
        lambda r: r.interrupted and r.iterations == 4
        and all(np.array_equal(a, b) for a, b in zip(r.thetas, nnlib.train(T, X, Y, iterations=4).thetas)),
        "its docstring: interrupted, it returns the weights and history of the last complete iteration"),
    "train: Ctrl+C in the middle of a step": (
        lambda: _quietly(lambda: nnlib.train(T, X, Y, iterations=50,
                                             optimizer=_interrupt_after(5, lambda: optim.Adam(0.1)))),
        lambda r: r.interrupted and r.iterations == 4
        and all(np.array_equal(a, b) for a, b in zip(r.thetas, nnlib.train(T, X, Y, iterations=4,
                                                                          optimizer=optim.Adam(0.1)).thetas)),
        "its docstring: the last complete iteration, never a half-done step"),
}


@pytest.mark.parametrize("name", list(RIGHT_45))
def test_level45_edge_input_gives_the_right_result(name):
    call, check = RIGHT_45[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # right, and without a warning
        assert check(call())


@pytest.mark.parametrize("name", list(DOCUMENTED_45))
def test_level45_documented_rule_holds(name):
    call, check, _where = DOCUMENTED_45[name]
    assert check(call())


def test_an_interrupted_train_says_so():
    with pytest.warns(training.TrainingInterrupted, match=r"interrupted \(Ctrl\+C\) during iteration 2 of 10"):
        result = nnlib.train(T, X, Y, iterations=10, optimizer=_interrupt_after(3, lambda: optim.GradientDescent(0.5)))
    assert result.interrupted and result.iterations == 2
    assert not nnlib.train(T, X, Y, iterations=2).interrupted


# Public names of the level 4-5 modules that take no input to check, with the reason.
NO_INPUTS_45 = {
    "optim.Optimizer": "the shared base: made without arguments (its step and update are in the table)",
    "recurrent.Cell": "a record type (namedtuple) of the table CELLS, not called by a learner",
    "training.DivergenceWarning": "a warning class",
    "training.TrainingInterrupted": "a warning class",
    "training.TrainResult": "a record (dataclass) that train fills in",
    "training.one_blas_thread": "takes no arguments",
}


def _public_callables_45():
    import inspect

    for module in (optim, clip, conv, recurrent, layers, training):
        short = module.__name__.split(".")[-1]
        for name, obj in vars(module).items():
            if name.startswith("_") or not callable(obj) or getattr(obj, "__module__", None) != module.__name__:
                continue
            yield short, name
            if inspect.isclass(obj) and issubclass(obj, optim.Optimizer):
                yield from ((short, f"{name}.{method}") for method in ("step", "update", "new_state")
                            if method in vars(obj))  # an inherited method is covered where it is defined


def test_the_level45_table_covers_every_public_function():
    names = {key.split(":")[0] for key in list(BAD_45) + list(RIGHT_45) + list(DOCUMENTED_45)}
    bad_names = {key.split(":")[0] for key in BAD_45}
    missing = [f"{module}.{name}" for module, name in _public_callables_45()
               if f"{module}.{name}" not in NO_INPUTS_45 and name not in bad_names]
    assert not missing, f"public functions without a bad-input case: {missing}"
    known = {name for _, name in _public_callables_45()}
    unknown = {n for n in names - known
               if not ("." in n and callable(getattr(getattr(optim, n.split(".")[0], None), n.split(".")[1], None)))}
    assert not unknown, f"cases named after no public function: {unknown}"
