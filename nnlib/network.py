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
"""

from dataclasses import dataclass

import numpy as np

from . import _validate as v


def init_weights(layer_sizes, seed=0):
    """Random weights for a network with the given layer sizes.

    layer_sizes: [s_1, ..., s_L], e.g. [64, 25, 10]; seed: int or numpy Generator.
    Returns [Theta^(1), ..., Theta^(L-1)], Theta^(l) of shape (s_(l+1), s_l + 1),
    each entry uniform in [-eps, eps] with eps = sqrt(6) / sqrt(s_l + s_(l+1)).
    Random, not zero: with equal weights every hidden unit would compute the
    same thing and receive the same update, forever.
    """
    sizes = list(layer_sizes) if not isinstance(layer_sizes, (str, bytes)) else None
    if sizes is None or len(sizes) < 2:
        raise ValueError(
            f"layer_sizes must list at least two layer sizes [inputs, ..., outputs]; got {layer_sizes!r}."
        )
    for s in sizes:
        if isinstance(s, bool) or not isinstance(s, (int, np.integer)) or s < 1:
            raise ValueError(f"every layer size must be a whole number >= 1; got {layer_sizes!r}.")
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    thetas = []
    for s_in, s_out in zip(sizes[:-1], sizes[1:]):
        eps = np.sqrt(6.0) / np.sqrt(s_in + s_out)
        thetas.append(rng.uniform(-eps, eps, size=(s_out, s_in + 1)))
    return thetas


def one_hot(y, K):
    """Labels y (m,) in 0..K-1 as an (m, K) matrix with a single 1 per row."""
    if isinstance(K, bool) or not isinstance(K, (int, np.integer)) or K < 1:
        raise ValueError(f"K (the number of classes) must be a whole number >= 1; got {K!r}.")
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


def _with_bias(a):
    return np.hstack([np.ones((a.shape[0], 1)), a])


def _sigmoid_inplace(z):
    """1 / (1 + e^(-z)) written over z itself (e^(-z) may overflow to inf: 1/inf = 0)."""
    with np.errstate(over="ignore"):
        np.negative(z, out=z)
        np.exp(z, out=z)
        z += 1.0
        np.reciprocal(z, out=z)
    return z


def forward(thetas, X):
    """Forward propagation: z^(l+1) = a^(l) Theta^(l)^T, a^(l+1) = g(z^(l+1)).

    thetas: [Theta^(1), ...]; X: (m, n). Returns a ``Forward`` with every
    layer's z and a (see its docstring); ``.h`` is the output, (m, K).
    """
    X, thetas = v.check_X_thetas(X, thetas)
    L = len(thetas) + 1
    z, a = {}, {1: _with_bias(X)}
    for l, theta in enumerate(thetas, start=1):
        z[l + 1] = a[l] @ theta.T
        g = _sigmoid_inplace(z[l + 1].copy())
        a[l + 1] = g if l + 1 == L else _with_bias(g)
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


def _logistic_cost(z_L, Y, h):
    """sum over examples and outputs of -y log h - (1 - y) log(1 - h), h = g(z).

    Computed from z so that it stays finite when h rounds to 0 or 1:
    -log h = softplus(-z) and -log(1 - h) = softplus(z), so each term is
    softplus(z) - y z. And softplus(z) = max(z, 0) - log g(|z|), where
    g(|z|) = 0.5 + |h - 0.5| lies in [0.5, 1], so its log never meets 0.
    """
    q = h - 0.5
    np.abs(q, out=q)
    q += 0.5
    np.log(q, out=q)
    return float(np.sum(np.maximum(z_L, 0.0)) - np.sum(q) - np.vdot(Y, z_L))


def _regularization(thetas, lam, m):
    """(lambda / 2m) times the sum of the squared weights, bias columns left out."""
    if lam == 0.0:
        return 0.0
    return lam / (2 * m) * sum(float(np.vdot(t[:, 1:], t[:, 1:])) for t in thetas)


def _check_all(thetas, X, Y, lam):
    X, thetas = v.check_X_thetas(X, thetas)
    Y = v.check_Y(Y, X.shape[0], thetas[-1].shape[0])
    return thetas, X, Y, v.check_lam(lam)


def cost(thetas, X, Y, lam=0.0):
    """J(Theta): the logistic cost, averaged over m examples, summed over K outputs.

    J = -(1/m) sum_i sum_k [y_k log h_k + (1 - y_k) log(1 - h_k)]
        + (lambda / 2m) sum_l sum_(j, i >= 1) (Theta^(l)_(j,i))^2
    The bias weights (column 0 of each Theta) are not regularized.
    """
    thetas, X, Y, lam = _check_all(thetas, X, Y, lam)
    fp = forward(thetas, X)
    m = X.shape[0]
    return _logistic_cost(fp.z[fp.L], Y, fp.h) / m + _regularization(thetas, lam, m)


def backprop(thetas, X, Y, lam=0.0):
    """The cost J and its gradient with respect to every weight, by backpropagation.

    thetas: [Theta^(1), ..., Theta^(L-1)]; X: (m, n); Y: (m, K) or labels (m,).
    Returns (J, grads), grads[l-1] = dJ/dTheta^(l), shaped like Theta^(l).
    Vectorized over all m examples; see ``_backprop`` for the equations.
    """
    thetas, X, Y, lam = _check_all(thetas, X, Y, lam)
    return _backprop(thetas, X, Y, lam)


def _backprop(thetas, X, Y, lam):
    """Backprop on checked inputs (the training loop calls this directly).

    Forward:  z^(l+1) = a^(l) Theta^(l)^T,  a^(l+1) = g(z^(l+1)), a^(1) = x.
    Backward: delta^(L) = a^(L) - y
              delta^(l) = (delta^(l+1) Theta^(l))[:, 1:] * g'(z^(l)),
                          g'(z^(l)) = a^(l) * (1 - a^(l))
              Delta^(l) = delta^(l+1)^T a^(l) / m  (a matrix product)
              dJ/dTheta^(l) = Delta^(l) + (lambda / m) Theta^(l), bias column unregularized.
    The activations a are kept without their bias unit: the product of [1, a]
    with Theta^T equals a times Theta[:, 1:]^T plus the bias column Theta[:, 0],
    which saves copying every a into a wider array.
    """
    m = X.shape[0]
    a = [X]  # a[l - 1] holds a^(l), bias unit left out
    for theta in thetas:
        z = a[-1] @ theta[:, 1:].T  # z^(l+1) = [1, a^(l)] Theta^(l)^T ...
        z += theta[:, 0]  # ... = a^(l) Theta[:, 1:]^T + bias column
        if len(a) == len(thetas):
            z_L = z.copy()  # z^(L), kept for the cost
        a.append(_sigmoid_inplace(z))  # a^(l+1) = g(z^(l+1)), written over z
    J = _logistic_cost(z_L, Y, a[-1]) / m + _regularization(thetas, lam, m)

    delta = a[-1] - Y  # delta^(L)
    grads = [None] * len(thetas)
    for l in range(len(thetas) - 1, -1, -1):  # Theta^(l+1) in the course's numbering
        theta, a_l = thetas[l], a[l]
        grad = np.empty_like(theta)
        np.sum(delta, axis=0, out=grad[:, 0])  # times the bias unit a_0 = 1
        np.matmul(delta.T, a_l, out=grad[:, 1:])
        grad /= m
        if lam:
            grad[:, 1:] += (lam / m) * theta[:, 1:]
        grads[l] = grad
        if l > 0:  # no delta for the input layer
            delta = delta @ theta[:, 1:]
            delta *= a_l
            delta *= 1.0 - a_l
    return J, grads
