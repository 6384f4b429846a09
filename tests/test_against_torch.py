"""nnlib against PyTorch, in float64, to 1e-10: an independent reference for every gradient.

PyTorch is optional: without it every test here is skipped with the reason (in CI,
CI=true, tests/test_against_torch_ci.py then fails: there they must run).
Sections (each a block of tests, later levels append theirs at the end):

1. layers        nnlib.layers forward and backward vs torch.nn.functional + autograd
2. optimizers    nnlib.optim trajectories over 100 steps vs torch.optim
3. network       nnlib.backprop (sigmoid net, logistic cost, lambda) vs autograd
"""

import numpy as np
import pytest

import nnlib
from nnlib import layers, optim

from tests.torch_reference import import_torch

torch = import_torch()
F = torch.nn.functional

TOL = 1e-10


def t64(a, grad=False):
    return torch.tensor(np.asarray(a, dtype=np.float64), dtype=torch.float64, requires_grad=grad)


def close(ours, theirs, tol=TOL):
    """Relative difference (||a - b|| / (||a|| + ||b||)) below tol."""
    theirs = theirs.detach().numpy() if hasattr(theirs, "detach") else np.asarray(theirs)
    assert np.shape(ours) == np.shape(theirs), f"shapes differ: {np.shape(ours)} vs {np.shape(theirs)}"
    assert nnlib.relative_difference(ours, theirs) < tol


# ---------------------------------------------------------------- 1. layers

def test_affine_equals_F_linear_forward_and_backward():
    rng = np.random.default_rng(0)
    a, theta, dz = rng.normal(size=(7, 5)), rng.normal(size=(3, 6)), rng.normal(size=(7, 3))
    z, cache = layers.affine_forward(a, theta)
    da, dtheta = layers.affine_backward(dz, cache)
    ta, W, b = t64(a, True), t64(theta[:, 1:], True), t64(theta[:, 0], True)
    tz = F.linear(ta, W, b)
    tz.backward(t64(dz))
    close(z, tz)
    close(da, ta.grad)
    close(dtheta[:, 0], b.grad)
    close(dtheta[:, 1:], W.grad)


@pytest.mark.parametrize("name,reference", [
    ("sigmoid", lambda z: torch.sigmoid(z)),
    ("tanh", lambda z: torch.tanh(z)),
    ("relu", lambda z: torch.relu(z)),
])
def test_activation_layers_equal_torch(name, reference):
    fwd, bwd = layers.LAYERS[name]
    rng = np.random.default_rng(1)
    z, da = rng.normal(size=(6, 4)) * 3, rng.normal(size=(6, 4))
    out, cache = fwd(z)
    tz = t64(z, True)
    tout = reference(tz)
    tout.backward(t64(da))
    close(out, tout)
    close(bwd(da, cache), tz.grad)


@pytest.mark.parametrize("one_hot", [False, True])
def test_softmax_cross_entropy_equals_F_cross_entropy(one_hot):
    rng = np.random.default_rng(2)
    s, y = rng.normal(size=(9, 5)) * 4, rng.integers(0, 5, size=9)
    J, ds = layers.softmax_cross_entropy(s, np.eye(5)[y] if one_hot else y)
    ts = t64(s, True)
    tJ = F.cross_entropy(ts, torch.tensor(y))
    tJ.backward()
    assert abs(J - tJ.item()) <= TOL * abs(tJ.item())
    close(ds, ts.grad)


def test_softmax_equals_torch_on_huge_scores():
    s = np.array([[1000.0, 1001.0, 999.0], [-1000.0, -1000.0, -998.0]])
    J, ds = layers.softmax_cross_entropy(s, [1, 2])
    ts = t64(s, True)
    tJ = F.cross_entropy(ts, torch.tensor([1, 2]))
    tJ.backward()
    assert abs(J - tJ.item()) <= TOL * abs(tJ.item())
    close(ds, ts.grad)


# ---------------------------------------------------------------- 2. optimizers

OPTIMIZER_PAIRS = {
    "sgd-momentum": (lambda: optim.Momentum(0.05, momentum=0.9),
                     lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9)),
    "sgd-plain": (lambda: optim.GradientDescent(0.05), lambda ps: torch.optim.SGD(ps, lr=0.05)),
    "rmsprop": (lambda: optim.RMSprop(0.01, alpha=0.99, eps=1e-8),
                lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.99, eps=1e-8)),
    "adam": (lambda: optim.Adam(0.01, betas=(0.9, 0.999), eps=1e-8),
             lambda ps: torch.optim.Adam(ps, lr=0.01, betas=(0.9, 0.999), eps=1e-8)),
    "adam-other-betas": (lambda: optim.Adam(0.003, betas=(0.5, 0.9), eps=1e-6),
                         lambda ps: torch.optim.Adam(ps, lr=0.003, betas=(0.5, 0.9), eps=1e-6)),
    "amsgrad": (lambda: optim.Adam(0.01, amsgrad=True),
                lambda ps: torch.optim.Adam(ps, lr=0.01, amsgrad=True)),
}


@pytest.mark.parametrize("name", sorted(OPTIMIZER_PAIRS))
def test_optimizer_trajectory_equals_torch_over_100_steps(name):
    ours_make, theirs_make = OPTIMIZER_PAIRS[name]
    rng = np.random.default_rng(3)
    params = [rng.normal(size=(4, 3)), rng.normal(size=6)]
    tparams = [t64(p, True) for p in params]
    ours, theirs = ours_make(), theirs_make(tparams)
    for step in range(100):
        # gradients of shrinking and growing scale, so that the running averages matter
        grads = [rng.normal(size=p.shape) * (0.1 + (step % 7)) for p in params]
        ours.step(params, grads)
        for tp, g in zip(tparams, grads):
            tp.grad = t64(g)
        theirs.step()
    for p, tp in zip(params, tparams):
        close(p, tp)


# ---------------------------------------------------------------- 3. network

@pytest.mark.parametrize("lam", [0.0, 0.7])
def test_backprop_equals_autograd_on_a_sigmoid_network(lam):
    rng = np.random.default_rng(4)
    sizes = [5, 4, 3, 3]
    thetas = nnlib.init_weights(sizes, seed=4)
    X, y = rng.normal(size=(8, 5)), rng.integers(0, 3, size=8)
    J, grads = nnlib.backprop(thetas, X, y, lam=lam)
    Y = t64(np.eye(3)[y])
    tthetas = [t64(t, True) for t in thetas]
    a = t64(X)
    for th in tthetas:
        a = torch.sigmoid(F.linear(a, th[:, 1:], th[:, 0]))
    m = X.shape[0]
    tJ = -(Y * torch.log(a) + (1 - Y) * torch.log(1 - a)).sum() / m
    tJ = tJ + lam / (2 * m) * sum((th[:, 1:] ** 2).sum() for th in tthetas)
    tJ.backward()
    assert abs(J - tJ.item()) <= TOL * abs(tJ.item())
    for g, th in zip(grads, tthetas):
        close(g, th.grad)
