"""Expressions for level 4's scalar-engine exercises (topological order, backward sweep).

Every graph is built with the learner's ``Value`` class (a number, ``grad`` and
``parents = ((parent, d self / d parent), ...)``), so the learner's functions
run on the objects they were written for. Three kinds:

- ``small(Value, seed)``: a handful of expressions whose derivatives are worked
  out by hand: a value used twice, a value that must wait for another, and
  *different values that hold the same number* (an order or a table keyed on
  ``v.data`` rather than on the value itself merges them);
- ``ladder(Value, seed)``: 41 values, each used twice by the next, so that
  2^40 paths lead from the root to the leaf: a sweep that follows every path
  separately (instead of passing each value's gradient on once) never ends;
- ``dense(Value, seed)``: about 40,000 values over about 14,000 leaves in a few
  dense layers: a right sweep takes tens of milliseconds, a numerical gradient
  (the root recomputed twice per leaf) takes minutes.
"""

import math

import numpy as np


def _values(seed, n, low=0.3, high=1.8):
    """n numbers away from 0 (so that no derivative vanishes by accident), from ``seed``."""
    rng = np.random.default_rng(seed)
    return list(rng.choice([-1.0, 1.0], size=n) * rng.uniform(low, high, size=n))


def small(Value, seed=None):
    """[(description, root, {name: leaf}, {name: d root / d leaf by hand})]."""
    if seed is None:
        v = [0.5, -1.5, 1.3, 0.7, 2.0, 0.4, 1.5, -0.8]
    else:
        v = _values(seed, 8)
        v[1] = abs(v[1]) + 0.2  # d/dx (x*y + x) = y + 1 stays away from 0
    out = []
    x, y = Value(v[0]), Value(v[1])
    out.append(("f = x*y + x", x * y + x, {"x": x, "y": y}, {"x": y.data + 1, "y": x.data}))

    x = Value(v[2])
    out.append(("f = x*x", x * x, {"x": x}, {"x": 2 * x.data}))

    x, y = Value(v[3]), Value(v[4])
    a = x * y
    c = a * (a + y)  # c = x y (x y + y)
    dx = y.data * (2 * x.data * y.data + y.data)
    dy = 2 * x.data ** 2 * y.data + 2 * x.data * y.data
    out.append(("f = (x*y) * (x*y + y)", c, {"x": x, "y": y}, {"x": dx, "y": dy}))

    x = Value(v[5])
    a = x.exp()
    r = a + a * 3.0  # r = 4 e^x, but a is a parent of a * 3: a must wait for it
    out.append(("f = e^x + 3 e^x (e^x used twice, once through 3 e^x)", r, {"x": x}, {"x": 4 * math.exp(x.data)}))

    # Two different leaves holding the same number, with different derivatives.
    x, y = Value(v[6]), Value(v[6])
    out.append((f"f = x*y + x with x and y two different values that both hold {v[6]:.4g}", x * y + x,
                {"x": x, "y": y}, {"x": y.data + 1, "y": x.data}))

    # Two different inner values holding the same number: a = x + y and b = y + x.
    x, y = Value(v[7]), Value(v[1])
    s, t = x + y, y + x
    f = s * t * x  # (x + y)^2 x
    q = x.data + y.data
    out.append(("f = (x + y) * (y + x) * x, where x + y and y + x are two different values holding the same number",
                f, {"x": x, "y": y}, {"x": 2 * q * x.data + q * q, "y": 2 * q * x.data}))
    return out


def ladder(Value, seed=None, steps=40):
    """(description, root, leaf): a_(k+1) = a_k * w_k + a_k, every a_k used twice, 2^steps paths."""
    w = [0.0] * steps if seed is None else _values(seed, steps, 0.0, 0.02)
    x = Value(1.0 if seed is None else 1.0 + abs(w[0]))
    a = x
    for k in range(steps):
        a = a * Value(w[k]) + a
    return (f"a chain of {steps + 1} values in which each value is used twice by the next "
            f"(2^{steps} paths from the root back to x)", a, x)


def dense(Value, seed=None, width=48, layers=6):
    """(description, root, leaves): ``layers`` dense layers of ``width`` units, z_j = sum_i w_ji a_i, a = z * z
    every other layer; the sums are pairwise trees, so the deepest path stays short (about 150 values)."""
    rng = np.random.default_rng(7 if seed is None else seed)
    units = [Value(v) for v in rng.uniform(-1.0, 1.0, size=width)]
    leaves = list(units)
    for layer in range(layers):
        new = []
        for _ in range(width):
            terms = []
            for a in units:
                w = Value(rng.normal() / math.sqrt(width))
                leaves.append(w)
                terms.append(w * a)
            while len(terms) > 1:
                terms = [terms[k] + terms[k + 1] if k + 1 < len(terms) else terms[k] for k in range(0, len(terms), 2)]
            new.append(terms[0] * terms[0] if layer % 2 else terms[0])
        units = new
    root = units[0]
    for u in units[1:]:
        root = root + u
    return (f"an expression of {count(root):,} values, {len(leaves):,} of them leaves", root, leaves)


def order(root):
    """A topological order of everything ``root`` depends on (parents first, root last), iteratively
    and by identity: the check's own version."""
    found, seen, stack = [], set(), [(root, False)]
    while stack:
        v, expanded = stack.pop()
        if expanded:
            found.append(v)
            continue
        if id(v) in seen:
            continue
        seen.add(id(v))
        stack.append((v, True))
        for p, _ in reversed(v.parents):
            if id(p) not in seen:
                stack.append((p, False))
    return found


def count(root):
    """How many different values ``root`` depends on, root included."""
    return len(order(root))
