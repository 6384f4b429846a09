"""A fully connected sigmoid network: weights, forward pass, cost, backprop.

Conventions (the course's notation; layers are numbered 1..L):

- ``X`` is (m, n): m examples, one per row, n features, *without* a bias
  column (nnlib adds the bias unit a_0 = 1 itself).
- ``thetas = [Theta^(1), ..., Theta^(L-1)]``; Theta^(l) maps layer l to
  layer l+1 and has shape (s_(l+1), s_l + 1), its first column holding the
  bias weights.
- ``Y`` is (m, K) of 0/1; a 1-D vector of labels is accepted and one-hot
  encoded (K > 1) or taken as 0/1 targets (K = 1).
- Every unit uses the sigmoid g, and the cost is the logistic
  (cross-entropy) cost summed over the K outputs and averaged over m.

The functions here are the lesson's equations line for line (level 3,
sections 5 to 7), a shape in the comment of every line. ``nnlib.fast``
computes the same numbers faster for training, and is tested equal.
"""

from dataclasses import dataclass

import numpy as np

from . import _validate as v
from .activations import sigmoid, sigmoid_gradient


def init_weights(layer_sizes, seed=0):
    """Random weights for a network with the given layer sizes.

    layer_sizes: [s_1, ..., s_L], e.g. [64, 25, 10]; seed: int or numpy Generator.
    Returns [Theta^(1), ..., Theta^(L-1)], Theta^(l) of shape (s_(l+1), s_l + 1),
    each entry uniform in [-eps, eps] with eps = sqrt(6) / sqrt(s_l + s_(l+1)).
    Random, not zero: with equal weights every hidden unit would compute the
    same thing and receive the same update, forever.
    """
    sizes = v.layer_sizes(layer_sizes)
    rng = v.random_generator(seed)
    thetas = []
    for s_in, s_out in zip(sizes[:-1], sizes[1:]):
        eps = np.sqrt(6.0) / np.sqrt(s_in + s_out)
        thetas.append(rng.uniform(-eps, eps, size=(s_out, s_in + 1)))
    return thetas


def one_hot(y, K):
    """Labels y (m,) in 0..K-1 as an (m, K) matrix with a single 1 per row."""
    K = v.whole_number(K, "K (the number of classes)")
    return v.one_hot_unchecked(v.check_labels(y, K), K)


@dataclass
class Forward:
    """Every layer of one forward pass, keyed by the course's layer numbers.

    z[l]: (m, s_l), the weighted inputs of layer l, for l = 2..L.
    a[l]: the activations of layer l. For l < L they carry the bias unit in
          column 0, so a[l] is (m, s_l + 1); a[L] = h(x) is (m, K).
    """

    z: dict
    a: dict

    @property
    def L(self):
        """The number of layers, input and output included."""
        return max(self.a)

    @property
    def h(self):
        """The network's output h(x) = a^(L), shape (m, K)."""
        return self.a[self.L]

    def __repr__(self):
        lines = [f"Forward pass through {self.L} layers ({self.h.shape[0]} examples):"]
        for l in sorted(self.a):
            z = f"z[{l}] {self.z[l].shape}" if l in self.z else "-"
            bias = " (bias column first)" if l < self.L else " = h(x)"
            lines.append(f"  layer {l}: {z:<18} a[{l}] {self.a[l].shape}{bias}")
        return "\n".join(lines)


def add_bias(A):
    """[1, A]: a column of ones (the bias unit of every example) put before A's columns.

    A: (m, s). Returns (m, s + 1).
    """
    return np.hstack([np.ones((A.shape[0], 1)), A])  # (m, s + 1)


def forward(thetas, X):
    """Forward propagation: a^(1) = [1, X], z^(l+1) = a^(l) Theta^(l)T, a^(l+1) = [1, g(z^(l+1))].

    thetas: [Theta^(1), ..., Theta^(L-1)]; X: (m, n). Returns a ``Forward``
    with every layer's z and a (see its docstring); ``.h`` is the output, (m, K).
    The output layer L gets no column of ones: a^(L) = g(z^(L)) = h(x).
    """
    X, thetas = v.check_X_thetas(X, thetas)
    Theta = dict(enumerate(thetas, start=1))  # Theta[l] = Theta^(l), (s_(l+1), s_l + 1)
    L = len(thetas) + 1  # layers, input and output included
    a = {1: add_bias(X)}  # a^(1) = [1, X], (m, n + 1)
    z = {}
    for l in range(1, L):
        z[l + 1] = a[l] @ Theta[l].T  # z^(l+1) = a^(l) Theta^(l)T, (m, s_(l+1))
        if l + 1 < L:
            a[l + 1] = add_bias(sigmoid(z[l + 1]))  # a^(l+1) = [1, g(z^(l+1))], (m, s_(l+1) + 1)
        else:
            a[l + 1] = sigmoid(z[l + 1])  # a^(L) = g(z^(L)) = h(x), (m, K)
    return Forward(z=z, a=a)


def predict_proba(thetas, X):
    """The network's outputs h(x) for every example: (m, K), each in (0, 1)."""
    return forward(thetas, X).h


def predict(thetas, X):
    """Predicted labels (m,): the most active output unit, or h >= 0.5 when K = 1."""
    h = predict_proba(thetas, X)
    if h.shape[1] == 1:
        return (h[:, 0] >= 0.5).astype(int)
    return np.argmax(h, axis=1)


def logistic_cost(z_L, Y):
    """The logistic cost summed over examples and outputs, from the output layer's z.

    z_L: z^(L), (m, K); Y: (m, K) of 0/1. Returns the number
        sum_i sum_k [-y_k log h_k - (1 - y_k) log(1 - h_k)],  h = g(z^(L)).
    Computed from z, because -log h = log(1 + e^(-z)) and -log(1 - h) = log(1 + e^z)
    stay finite where h itself rounds to exactly 0 or 1 (np.logaddexp(0, t) is
    log(e^0 + e^t), computed without overflow).
    """
    minus_log_h = np.logaddexp(0.0, -z_L)  # -log h = log(1 + e^(-z)), (m, K)
    minus_log_1_minus_h = np.logaddexp(0.0, z_L)  # -log(1 - h) = log(1 + e^z), (m, K)
    # -y log h - (1 - y) log(1 - h), with y 0 or 1: the one term whose factor is not 0
    costs = np.where(Y == 1, minus_log_h, minus_log_1_minus_h)  # (m, K)
    return float(np.sum(costs))


def regularization(thetas, lam, m):
    """(lambda / 2m) times the sum of the squared weights, bias columns (column 0) left out."""
    if lam == 0.0:
        return 0.0  # no penalty (even for weights so large that their squares overflow)
    return lam / (2 * m) * sum(float(np.sum(theta[:, 1:] ** 2)) for theta in thetas)


def cost(thetas, X, Y, lam=0.0):
    """J(Theta): the logistic cost, averaged over m examples, summed over K outputs.

    thetas: [Theta^(1), ...]; X: (m, n); Y: (m, K) or labels (m,); lam >= 0.
    J = -(1/m) sum_i sum_k [y_k log h_k + (1 - y_k) log(1 - h_k)]
        + (lambda / 2m) sum_l sum_(j, c >= 1) (Theta^(l)_(j,c))^2
    The bias weights (column 0 of each Theta) are not regularized.
    """
    thetas, X, Y, lam = v.check_network_inputs(thetas, X, Y, lam)  # X (m, n), Y (m, K) of 0/1
    m = X.shape[0]  # the number of examples
    fp = forward(thetas, X)
    z_L = fp.z[fp.L]  # z^(L), (m, K)
    return logistic_cost(z_L, Y) / m + regularization(thetas, lam, m)  # a number


def backprop(thetas, X, Y, lam=0.0):
    """The cost J and its gradient with respect to every weight, by backpropagation.

    thetas: [Theta^(1), ..., Theta^(L-1)]; X: (m, n); Y: (m, K) or labels (m,).
    Returns (J, grads), grads[l-1] = dJ/dTheta^(l), shaped like Theta^(l).
    All m examples at once, one per row:
        delta^(L) = a^(L) - Y
        delta^(l) = (delta^(l+1) Theta^(l)[:, 1:]) * g'(z^(l)),  l = L-1, ..., 2
        Delta^(l) = delta^(l+1)T a^(l) / m
        dJ/dTheta^(l) = Delta^(l) + (lambda / m) [0 | Theta^(l)[:, 1:]]
    """
    thetas, X, Y, lam = v.check_network_inputs(thetas, X, Y, lam)  # X (m, n), Y (m, K) of 0/1
    m = X.shape[0]  # the number of examples
    Theta = dict(enumerate(thetas, start=1))  # Theta[l] = Theta^(l), (s_(l+1), s_l + 1)
    fp = forward(thetas, X)
    L, z, a = fp.L, fp.z, fp.a  # z[l]: (m, s_l); a[l]: (m, s_l + 1), a[L]: (m, K)
    J = logistic_cost(z[L], Y) / m + regularization(thetas, lam, m)  # a number

    delta = {L: a[L] - Y}  # delta^(L) = a^(L) - y, (m, K)
    for l in range(L - 1, 1, -1):  # l = L-1, ..., 2: no delta^(1) for the inputs
        delta[l] = (delta[l + 1] @ Theta[l][:, 1:]) * sigmoid_gradient(z[l])  # (m, s_l)

    grads = []
    for l in range(1, L):
        Delta = delta[l + 1].T @ a[l] / m  # Delta^(l) = delta^(l+1)T a^(l) / m, (s_(l+1), s_l + 1)
        no_bias = np.hstack([np.zeros((Theta[l].shape[0], 1)), Theta[l][:, 1:]])  # [0 | Theta^(l)[:, 1:]], like Theta^(l)
        grads.append(Delta + lam / m * no_bias)  # dJ/dTheta^(l), (s_(l+1), s_l + 1)
    return J, grads
