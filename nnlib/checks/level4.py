"""Check cells of the level 4 exercises (solutions/04_graduate.ipynb).

Each check runs the learner's code on its own seeded inputs (graphs in which a
value is used twice, non-square shapes, huge scores, many optimizer steps),
recomputes the right answer independently (by hand-derived formulas or nnlib),
and names a known mistake when the wrong answer matches one. Every check takes
an instructor's ``seed=`` (the hidden tests): with it, the inputs (leaf values,
shapes, scores, starting points, gradients, layer sizes) are drawn from that
seed instead; without it, the checks are exactly those the learner sees.
"""

import numpy as np

from .. import layers, optim
from .core import CheckFailed, call, compare, describe, passed

def _seed(base, seed):
    """The seed of a check's inputs: ``base`` (the visible cases), or, with an instructor's ``seed``,
    another whole number drawn from both."""
    return base if seed is None else int(np.random.default_rng([base, seed]).integers(2 ** 31))


# ---------------------------------------------------------------- graphs for the scalar engine


def _graphs(Value, seed=None):
    """Small expressions built with the learner's Value class.

    Each entry: (description, root, {name: leaf}, {name: dJ/dleaf by hand}).
    Every graph uses some value twice; the last one is processed wrongly by
    any order that is not topological. With ``seed``, the leaves take other values.
    """
    if seed is None:
        v = [0.5, -1.5, 1.3, 0.7, 2.0, 0.4]
    else:  # away from 0 and from -1, so that no derivative vanishes by accident
        rng = np.random.default_rng(_seed(39, seed))
        v = list(rng.choice([-1, 1], size=6) * rng.uniform(0.3, 1.8, size=6))
        v[1] = abs(v[1]) + 0.2  # d/dx (x*y + x) = y + 1 stays away from 0
    out = []
    x, y = Value(v[0]), Value(v[1])
    a = x * y
    b = a + x
    out.append(("f = x*y + x", b, {"x": x, "y": y}, {"x": y.data + 1, "y": x.data}))

    x = Value(v[2])
    out.append(("f = x*x", x * x, {"x": x}, {"x": 2 * x.data}))

    x, y = Value(v[3]), Value(v[4])
    a = x * y
    b = a + y
    c = a * b  # c = x y (x y + y)
    dx = y.data * (2 * x.data * y.data + y.data)  # d/dx (x^2 y^2 + x y^2)
    dy = 2 * x.data ** 2 * y.data + 2 * x.data * y.data
    out.append(("f = (x*y) * (x*y + y)", c, {"x": x, "y": y}, {"x": dx, "y": dy}))

    x = Value(v[5])
    a = x.exp()
    b = a * 3.0
    r = a + b  # r = 4 e^x, but a is a parent of b: a must wait for b
    out.append(("f = e^x + 3 e^x (e^x used twice, once through 3 e^x)", r, {"x": x}, {"x": 4 * np.exp(x.data)}))
    return out


def _order_of(root):
    """A correct topological order (reference), by depth-first search."""
    order, seen = [], set()

    def visit(v):
        if id(v) not in seen:
            seen.add(id(v))
            for p, _ in v.parents:
                visit(p)
            order.append(v)

    visit(root)
    return order


def check_topological_order(topological_order, Value, seed=None):
    """Every value once, each after all of its parents, the root last."""
    __tracebackhide__ = True
    for text, root, _, _ in _graphs(Value, seed):
        want = _order_of(root)
        got = call(topological_order, (root,), "topological_order")
        if got is None:
            raise CheckFailed("topological_order returned None: did you forget `return order`?")
        if not isinstance(got, (list, tuple)):
            raise CheckFailed(f"topological_order should return a list of Values; got {describe(got)}.")
        ids = [id(v) for v in got]
        where = f"For {text}:"
        if len(set(ids)) < len(ids):
            raise CheckFailed(f"{where} a value appears {max(ids.count(i) for i in ids)} times in your order. "
                              "A value used twice must be listed once: keep a set of the values already "
                              "visited and skip them.")
        missing = len(want) - len(set(ids) & {id(v) for v in want})
        if missing:
            raise CheckFailed(f"{where} your order has {len(got)} values; the expression has {len(want)} "
                              f"({missing} missing). Visit the parents of every value recursively, "
                              "not only the root's.")
        if len(got) != len(want):
            raise CheckFailed(f"{where} your order has values that root does not depend on.")
        if got[-1] is not root and got[0] is root:
            raise CheckFailed(f"{where} the root comes first. Append a value only after visiting all of "
                              "its parents, so that the root (which depends on everything) comes last.")
        position = {id(v): i for i, v in enumerate(got)}
        for v in got:
            for p, _ in v.parents:
                if position[id(p)] > position[id(v)]:
                    raise CheckFailed(f"{where} a value comes before one of its parents. Append a value "
                                      "only after all of its parents have been visited (depth-first).")
    passed("topological_order lists every value once, parents first, root last.")


# Wrong backward sweeps, to name the mistake whose gradients the learner's match.
def _sweep(root, order, overwrite=False, seed=True):
    for v in order:
        v.grad = 0.0
    root.grad = 1.0 if seed else 0.0
    for v in order:
        for p, local in v.parents:
            if overwrite:
                p.grad = local * v.grad
            else:
                p.grad += local * v.grad


def _bfs(root):
    order, seen, queue = [], {id(root)}, [root]
    while queue:
        v = queue.pop(0)
        order.append(v)
        for p, _ in v.parents:
            if id(p) not in seen:
                seen.add(id(p))
                queue.append(p)
    return order


_WRONG_SWEEPS = [
    (lambda r: _sweep(r, _order_of(r)[::-1], overwrite=True),
     "The gradients match a backward pass that overwrites (`parent.grad = ...`) instead of "
     "accumulating (`parent.grad += ...`): a value used twice must receive the sum of both contributions."),
    (lambda r: _sweep(r, _order_of(r)),
     "The gradients match a sweep in topological order (parents first). Go through the order reversed "
     "(`reversed(order)`): a value may pass its gradient on only after all of its children have sent theirs."),
    (lambda r: _sweep(r, _bfs(r)),
     "The gradients match a sweep in breadth-first order from the root. That order is not topological: "
     "a value can pass its gradient on before all of its children have sent theirs. "
     "Use reversed(topological_order(root))."),
    (lambda r: _sweep(r, _order_of(r)[::-1], seed=False),
     "Every gradient is 0: start the sweep with root.grad = 1.0 (dJ/dJ = 1)."),
]


def check_backward(backward, Value, seed=None):
    """Gradients of every leaf equal the derivatives worked out by hand.

    backward runs with the reference topological_order swapped in (when it calls one by that name),
    so that a mistake in exercise 1 costs exercise 1 only."""
    __tracebackhide__ = True
    for index, (text, root, leaves, want) in enumerate(_graphs(Value, seed)):
        call(backward, (root,), "backward", swap={"topological_order": _order_of})
        got = {name: leaf.grad for name, leaf in leaves.items()}
        if all(np.isclose(got[n], want[n], rtol=1e-9, atol=1e-12) for n in want):
            continue
        hint = ""
        for wrong, message in _WRONG_SWEEPS:
            _, r2, leaves2, _ = _graphs(Value, seed)[index]
            wrong(r2)
            if all(np.isclose(got[n], leaves2[n].grad, rtol=1e-9, atol=1e-12) for n in want):
                hint = " " + message
                break
        shown = ", ".join(f"d/d{n} = {got[n]:.6g} (expected {want[n]:.6g})" for n in want)
        raise CheckFailed(f"For {text}: {shown}.{hint}")
    # Each graph once more, as a learner does who runs a cell twice: the gradients left by the first
    # sweep must not count (the statement: every gradient but the root's starts at 0).
    for text, root, leaves, want in _graphs(Value, seed):
        for _ in range(2):
            call(backward, (root,), "backward", swap={"topological_order": _order_of})
        again = {name: leaf.grad for name, leaf in leaves.items()}
        if not all(np.isclose(again[n], want[n], rtol=1e-9, atol=1e-12) for n in want):
            shown = ", ".join(f"d/d{n} = {again[n]:.6g} (expected {want[n]:.6g})" for n in want)
            raise CheckFailed(
                f"For {text}: the first backward(root) was right, but a second call on the same graph gave "
                f"{shown}: the gradients of the first sweep were still there and the second added to them. "
                "Set every value's grad to 0.0 before the sweep (then root.grad = 1.0), so that backward "
                "gives the same result however often it runs.")
    passed("backward accumulates every use of a value, sweeps in reverse topological order "
           "and starts from zero gradients.")


# ---------------------------------------------------------------- layers


def _affine_cases(seed=None):
    rng = np.random.default_rng(_seed(40, seed))
    shapes = ((7, 3, 5), (4, 6, 2), (9, 2, 3))
    if seed is not None:  # other sizes, all different within a case (a transpose cannot pass)
        shapes = [tuple(int(k) for k in rng.choice(np.arange(2, 10), size=3, replace=False)) for _ in shapes]
    out = []
    for m, s_in, s_out in shapes:
        a, theta, dz = rng.normal(size=(m, s_in)), rng.normal(size=(s_out, s_in + 1)), rng.normal(size=(m, s_out))
        out.append((dz, (a, theta)))
    return out


def _affine_right(dz, cache):
    return list(layers.affine_backward(dz, cache))


_AFFINE_DIAGNOSES = [
    (lambda dz, c: [dz @ c[1][:, 1:], np.hstack([dz[:1].T, dz.T @ c[0]])],
     "The bias column of dtheta holds one example's dz: sum dz over all m examples "
     "(dz.sum(axis=0)), since every example's bias unit a_0 = 1 contributes."),
    (lambda dz, c: [dz @ c[1][:, 1:], np.hstack([dz.mean(axis=0)[:, None], dz.T @ c[0]])],
     "The bias column of dtheta is dz averaged over examples: sum it instead (dz.sum(axis=0)); "
     "the cost layer has already divided by m."),
    (lambda dz, c: [dz @ c[1][:, 1:], np.hstack([dz.sum(axis=0)[:, None], dz.T @ c[0]]) / dz.shape[0]],
     "dtheta is divided by m: the cost (softmax cross-entropy) already averaged over the m examples, "
     "so dividing again divides by m twice. No 1/m in a layer's backward."),
    (lambda dz, c: [dz @ c[1][:, 1:] / dz.shape[0], np.hstack([dz.sum(axis=0)[:, None], dz.T @ c[0]]) / dz.shape[0]],
     "da and dtheta are divided by m: the cost already averaged over the m examples (dividing by m twice)."),
    (lambda dz, c: [dz @ c[1][:, 1:], np.hstack([np.zeros((dz.shape[1], 1)), dz.T @ c[0]])],
     "The bias column of dtheta is 0: the bias weights have a gradient too, the sum of dz over the examples."),
]


def check_affine_backward(affine_backward, seed=None):
    """(da, dtheta) equal to the chain rule through z = [1, a] Theta^T."""
    __tracebackhide__ = True
    for dz, cache in _affine_cases(seed):
        a, theta = cache
        got = call(affine_backward, (dz.copy(), (a.copy(), theta.copy())), "affine_backward",
                   forbidden=(layers.affine_backward,))
        if not isinstance(got, (list, tuple)) or len(got) != 2:
            raise CheckFailed(f"affine_backward should return two arrays (da, dtheta); got {describe(got)}.")
        da, dtheta = (np.asarray(g, dtype=float) if g is not None else None for g in got)
        if da is not None and da.shape == (a.shape[0], theta.shape[1]):
            raise CheckFailed(f"da has shape {da.shape}, one column too many: a has no bias column, so "
                              "leave Theta's bias column out: da = dz @ theta[:, 1:].")
        if dtheta is not None and dtheta.shape == (theta.shape[0], theta.shape[1] - 1):
            raise CheckFailed(f"dtheta has shape {dtheta.shape}, one column short of theta's {theta.shape}: "
                              "put the bias gradient (dz summed over examples) in front as column 0.")
        compare(f"affine_backward on dz {dz.shape}, a {a.shape}, theta {theta.shape}", list(got),
                _affine_right(dz, cache), rtol=1e-7, atol=1e-10, diagnoses=_AFFINE_DIAGNOSES, args=(dz, cache))
    passed("affine_backward: da = dz Theta[:, 1:], dtheta = dz^T [1, a] with the bias column summed over examples.")


def _softmax_cases(seed=None):
    rng = np.random.default_rng(_seed(41, seed))
    small = rng.normal(size=(6, 4)) * 2
    huge = rng.normal(size=(5, 3)) * 3 + np.array([[900.0], [-800.0], [1000.0], [0.0], [750.0]])
    # Scores far apart within a row: subtracting anything but the row maximum overflows, and the
    # labelled class's probability e^-2000 underflows to 0, so np.log(p) gives -inf.
    spread = rng.normal(size=(4, 3)) + np.array([[0.0, 1000.0, -1000.0], [-1000.0, 0.0, 1000.0],
                                                 [1000.0, -1000.0, 0.0], [0.0, 1000.0, -1000.0]])
    spread_y = np.array([2, 0, 1, 0])  # the lowest score of rows 1-3, the middle one of row 4
    if seed is not None:  # the columns in another order
        columns = rng.permutation(3)
        spread, spread_y = spread[:, columns], np.argsort(columns)[spread_y]
    return [(small, rng.integers(0, 4, size=6)), (rng.normal(size=(8, 5)), np.arange(8) % 5),
            (huge, np.array([0, 2, 1, 1, 0])), (spread, spread_y)]


def _softmax_wrong(power=1, J_sum=False):
    def wrong(scores, y):
        J, ds = layers.softmax_cross_entropy(scores, y)
        m = scores.shape[0]
        return [J * m if J_sum else J, ds * m ** (1 - power)]
    return wrong


_SOFTMAX_DIAGNOSES = [
    (_softmax_wrong(power=2),
     "dscores is divided by m twice: (p - Y) / m already carries the average over examples once."),
    (_softmax_wrong(power=0),
     "dscores is not divided by m: J averages over the m examples, so its gradient is (p - Y) / m."),
    (_softmax_wrong(J_sum=True),
     "J is summed over the examples: average it (divide by m), as the gradient (p - Y) / m assumes."),
    (lambda s, y: [layers.softmax_cross_entropy(s, y)[0], -layers.softmax_cross_entropy(s, y)[1]],
     "dscores has the wrong sign: it is (p - Y) / m, probabilities minus one-hot labels."),
]


def _finite_on(softmax_cross_entropy, scores, y):
    """Whether the learner's J and dscores are finite on one small probe."""
    with np.errstate(all="ignore"):
        got = call(softmax_cross_entropy, (np.array(scores), np.array(y)), "softmax_cross_entropy")
    try:
        return bool(np.isfinite(float(got[0])) and np.all(np.isfinite(np.asarray(got[1], dtype=float))))
    except (TypeError, ValueError, IndexError):
        return True


def _softmax_not_finite(softmax_cross_entropy, scores):
    """What went wrong, from three probes, when J or dscores is NaN or infinite on large scores."""
    where = (f"On scores as large as {np.abs(scores).max():.0f}, and as far apart as "
             f"{np.ptp(scores, axis=1).max():.0f} within a row, your J or dscores is NaN or infinite. ")
    if not _finite_on(softmax_cross_entropy, [[1000.0, 1001.0, 999.0]], [1]):
        return (where + "Already on the row [1000, 1001, 999]: e^1000 overflows. Subtract each row's maximum "
                "from the scores first (scores - scores.max(axis=1, keepdims=True)); softmax does not change.")
    if not _finite_on(softmax_cross_entropy, [[0.0, 1000.0]], [1]):
        return (where + "On the row [0, 1000] it fails, on [1000, 1001, 999] it does not: the shift leaves a "
                "score far above 0 (subtracting the row minimum gives [0, 1000], and e^1000 overflows). "
                "Subtract the row maximum: then the largest exponent is e^0 = 1 and nothing overflows.")
    if not _finite_on(softmax_cross_entropy, [[0.0, 1000.0]], [0]):
        return (where + "On the row [0, 1000] with label 0, J is infinite although the answer is J = 1000: the "
                "right class's probability e^-1000 underflows to 0 and np.log(0) = -inf. Take log p from the "
                "shifted scores instead, log p = shifted - log(sum(exp(shifted))) (the log-softmax), "
                "which stays finite; dscores may still use p = exp(log p).")
    return (where + "Subtract each row's maximum first, and take log p as shifted - log(sum(exp(shifted))) "
            "rather than np.log of a probability that can underflow to 0.")


def check_softmax_cross_entropy(softmax_cross_entropy, seed=None):
    """J and dscores on ordinary and on huge scores (which overflow without the max subtraction), and on
    rows whose scores lie 2000 apart (where a min shift overflows and np.log(p) of the smallest is -inf)."""
    __tracebackhide__ = True
    for scores, y in _softmax_cases(seed):
        with np.errstate(all="ignore"):
            got = call(softmax_cross_entropy, (scores.copy(), y.copy()), "softmax_cross_entropy",
                       forbidden=(layers.softmax_cross_entropy, layers.softmax))
        if not isinstance(got, (list, tuple)) or len(got) != 2:
            raise CheckFailed(f"softmax_cross_entropy should return (J, dscores); got {describe(got)}.")
        try:
            finite = np.isfinite(float(got[0])) and np.all(np.isfinite(np.asarray(got[1], dtype=float)))
        except (TypeError, ValueError):
            finite = True  # compare() explains what is not a number
        if not finite and np.abs(scores).max() > 500:
            raise CheckFailed(_softmax_not_finite(softmax_cross_entropy, scores))
        compare(f"softmax_cross_entropy on scores {scores.shape}", list(got),
                list(layers.softmax_cross_entropy(scores, y)), rtol=1e-7, atol=1e-12,
                diagnoses=_SOFTMAX_DIAGNOSES, args=(scores, y))
    passed("softmax_cross_entropy: averaged J, dscores = (p - Y) / m, stable for huge scores.")


# ---------------------------------------------------------------- optimizers

_CURVATURE = np.array([[3.0, 1.0, 0.0], [1.0, 2.0, 0.5], [0.0, 0.5, 8.0]])


def _trajectory(step, lr, mu, steps=25, start=(1.0, -2.0, 0.5), velocity=False):
    """theta after each of ``steps`` steps (with ``velocity``, the returned v after each step instead)."""
    theta, v, points = np.array(start), np.zeros(3), []
    for _ in range(steps):
        theta, v = step(theta, v, _CURVATURE @ theta, lr, mu)
        points.append(np.array(v if velocity else theta, dtype=float))
    return np.array(points)


def _momentum_right(theta, v, grad, lr, mu):
    v = mu * v + grad
    return theta - lr * v, v


_MOMENTUM_DIAGNOSES = [
    (lambda lr, mu, start: _trajectory(lambda t, v, g, lr, mu: (t + lr * (mu * v + g), mu * v + g), lr, mu,
                                       start=start),
     "theta moves along the velocity, uphill: subtract it, theta - lr * v (the gradient points uphill)."),
    (lambda lr, mu, start: _trajectory(lambda t, v, g, lr, mu: (t - lr * (mu * v + (1 - mu) * g),
                                                                mu * v + (1 - mu) * g), lr, mu, start=start),
     "The velocity is damped, v = mu v + (1 - mu) g: torch.optim.SGD (without dampening) adds the whole "
     "gradient, v = mu v + g."),
    (lambda lr, mu, start: _trajectory(lambda t, v, g, lr, mu: (t - lr * g, mu * v + g), lr, mu, start=start),
     "theta moves by the gradient alone, as in plain gradient descent: step along the new velocity, "
     "theta - lr * v, and return the new v so that the next step starts from it."),
]


# Velocities that give torch's theta but are not torch's buffer v = mu v + g (checked once theta is right).
_VELOCITY_DIAGNOSES = [
    (lambda lr, mu, start: -lr * _trajectory(_momentum_right, lr, mu, start=start, velocity=True),
     "theta is right, but your v is -lr times torch's: this is the CS231n convention, v = mu v - lr g and "
     "theta + v. It moves theta the same way while lr stays fixed, but the exercise asks for "
     "torch.optim.SGD's velocity buffer, v = mu v + g, with the learning rate applied in the step: "
     "theta - lr v. Return that v (the two rules part as soon as the learning rate changes during training)."),
    (lambda lr, mu, start: lr * _trajectory(_momentum_right, lr, mu, start=start, velocity=True),
     "theta is right, but your v is lr times torch's: the learning rate is inside the velocity "
     "(v = mu v + lr g, theta - v). torch.optim.SGD keeps v = mu v + g and applies the learning rate "
     "in the step, theta - lr v: return that v."),
]


def check_momentum_step(momentum_step, seed=None):
    """25 steps on a quadratic, the learner's velocity fed back each time: theta and v equal to torch's rule."""
    __tracebackhide__ = True
    start = (1.0, -2.0, 0.5) if seed is None else tuple(np.random.default_rng(_seed(42, seed)).uniform(-2, 2, 3))
    for lr, mu in ((0.05, 0.9), (0.1, 0.5)):
        def step(theta, v, grad, lr, mu):
            got = call(momentum_step, (theta, v, grad, lr, mu), "momentum_step", forbidden=(optim.Momentum.step,))
            if not isinstance(got, (list, tuple)) or len(got) != 2:
                raise CheckFailed(f"momentum_step should return (theta, v); got {describe(got)}.")
            return np.asarray(got[0], dtype=float), np.asarray(got[1], dtype=float)
        got = _trajectory(step, lr, mu, start=start)
        want = _trajectory(_momentum_right, lr, mu, start=start)
        compare(f"theta over 25 steps (lr = {lr}, momentum = {mu})", got, want, rtol=1e-9, atol=1e-12,
                diagnoses=_MOMENTUM_DIAGNOSES, args=(lr, mu, start))
        got = _trajectory(step, lr, mu, start=start, velocity=True)
        want = _trajectory(_momentum_right, lr, mu, start=start, velocity=True)
        compare(f"the returned v over 25 steps (lr = {lr}, momentum = {mu})", got, want, rtol=1e-9, atol=1e-12,
                diagnoses=_VELOCITY_DIAGNOSES, args=(lr, mu, start))
    passed("momentum_step follows torch.optim.SGD's rule: v = momentum v + g, theta = theta - lr v.")


def _adam_run(make, steps=30, seed=42):
    rng = np.random.default_rng(seed)
    params = [rng.normal(size=(3, 4)), rng.normal(size=5)]
    opt, history = make(), []
    for k in range(steps):
        grads = [rng.normal(size=p.shape) * (0.1 + k % 5) for p in params]
        opt.step(params, grads)
        history.append(np.concatenate([p.ravel() for p in params]))
    return np.array(history)


class _WrongAdam:
    """Adam with one known mistake: no bias correction, t one step ahead, eps inside the root,
    t counted once per array instead of once per step, or moments that restart from 0 at every step."""

    def __init__(self, lr, correction=True, t0=1, eps_inside=False, t_per_array=False, forget=False):
        self.lr, self.beta1, self.beta2, self.eps = lr, 0.9, 0.999, 1e-8
        self.correction, self.t0, self.eps_inside = correction, t0, eps_inside
        self.t_per_array, self.forget = t_per_array, forget
        self.t, self.m, self.v = 0, None, None

    def step(self, params, grads):
        if self.m is None or self.forget:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        t = self.t + self.t0
        if not self.t_per_array:
            self.t += 1
        for theta, g, m, v in zip(params, grads, self.m, self.v):
            if self.t_per_array:
                self.t += 1
                t = self.t
            c1 = 1 - self.beta1 ** t if self.correction else 1.0
            c2 = 1 - self.beta2 ** t if self.correction else 1.0
            m[...] = self.beta1 * m + (1 - self.beta1) * g
            v[...] = self.beta2 * v + (1 - self.beta2) * g * g
            root = np.sqrt(v / c2 + self.eps) if self.eps_inside else np.sqrt(v / c2) + self.eps
            theta -= self.lr * (m / c1) / root


_ADAM_DIAGNOSES = [
    (lambda lr, seed: _adam_run(lambda: _WrongAdam(lr, correction=False), seed=seed),
     "The steps match Adam without bias correction: divide m by (1 - beta1^t) and v by (1 - beta2^t)."),
    (lambda lr, seed: _adam_run(lambda: _WrongAdam(lr, t0=2), seed=seed),
     "The bias correction uses t one step ahead: count the steps t = 1, 2, ... (increment t once per step)."),
    (lambda lr, seed: _adam_run(lambda: _WrongAdam(lr, eps_inside=True), seed=seed),
     "eps is inside the square root: Adam divides by sqrt(v_hat) + eps."),
    (lambda lr, seed: _adam_run(lambda: _WrongAdam(lr, t_per_array=True), seed=seed),
     "The steps match Adam whose t counts the arrays, not the steps: `self.t += 1` sits inside the loop over "
     "the parameters, so with two arrays t runs 1, 2 in the first step, 3, 4 in the next. Increment t once per "
     "call of step, before the loop: every array of one step uses the same t."),
    (lambda lr, seed: _adam_run(lambda: _WrongAdam(lr, forget=True), seed=seed),
     "The steps match Adam whose running means restart from 0 at every step: `m = beta1 * m + ...` inside the "
     "loop makes a new array and binds it to the loop's name m, while self.m keeps its zeros. Change the "
     "stored arrays in place (m *= beta1; m += (1 - beta1) * g) or store the new ones back (self.m[i] = ...)."),
]


def check_adam(MyAdam, seed=None):
    """30 steps on random gradients of varying scale, equal to torch.optim.Adam's rule."""
    __tracebackhide__ = True
    lr = 0.01
    first = call(MyAdam, (lr,), "MyAdam", forbidden=(optim.Adam,))
    params = [np.ones(3)]
    with np.errstate(all="ignore"):
        call(first.step, (params, [np.array([1.0, -2.0, 0.5])]), "MyAdam(0.01).step", forbidden=(optim.Adam.step,))
    if not np.all(np.isfinite(params[0])):
        raise CheckFailed("After one step the parameters are NaN or infinite. At the first step t must be 1: "
                          "with t = 0 the bias correction 1 - beta1^0 = 0 divides by zero. "
                          "Increment self.t before using it.")
    if np.array_equal(params[0], np.ones(3)):
        raise CheckFailed("step did not change the parameters: update each array in place "
                          "(theta -= ...), as torch.optim does; `theta = theta - ...` only rebinds a name.")
    with np.errstate(all="ignore"):
        got = _adam_run(lambda: call(MyAdam, (lr,), "MyAdam"), seed=_seed(42, seed))
    want = _adam_run(lambda: optim.Adam(lr), seed=_seed(42, seed))
    compare("the parameters over 30 Adam steps", got, want, rtol=1e-8, atol=1e-12,
            diagnoses=_ADAM_DIAGNOSES, args=(lr, _seed(42, seed)))
    passed("MyAdam follows torch.optim.Adam: running means, bias correction from t = 1, sqrt(v_hat) + eps.")


# ---------------------------------------------------------------- initialization


def check_he_init(he_init, seed=None):
    """Shape, zero bias column, seeded, and the variance 2 / s_in of the other weights."""
    __tracebackhide__ = True
    s_in, s_out, s0 = 400, 100, 0
    if seed is not None:  # other sizes (enough weights, about 40,000, to measure the variance) and seeds
        rng = np.random.default_rng(_seed(44, seed))
        s_in, s_out, s0 = int(rng.integers(350, 500)), int(rng.integers(90, 130)), int(rng.integers(2, 1000))
    theta = call(he_init, (s_in, s_out, s0), "he_init")
    if theta is None:
        raise CheckFailed("he_init returned None: did you forget `return`?")
    theta = np.asarray(theta, dtype=float)
    if theta.shape != (s_out, s_in + 1):
        hint = " It looks transposed." if theta.shape == (s_in + 1, s_out) else ""
        if theta.shape == (s_out, s_in):
            hint = " The bias column is missing: put a column of zeros in front."
        raise CheckFailed(f"he_init({s_in}, {s_out}, {s0}) has shape {theta.shape}; expected (s_out, s_in + 1) "
                          f"= {(s_out, s_in + 1)}.{hint}")
    if not np.all(theta[:, 0] == 0):
        raise CheckFailed("The bias column (column 0) should start at zero; the variance argument concerns "
                          "the weights that multiply the inputs, columns 1 onward.")
    again = np.asarray(call(he_init, (s_in, s_out, s0), "he_init"), dtype=float)
    other = np.asarray(call(he_init, (s_in, s_out, s0 + 1), "he_init"), dtype=float)
    if not np.array_equal(theta, again):
        raise CheckFailed("Two calls with the same seed gave different weights: make the generator from the seed "
                          "(np.random.default_rng(seed)).")
    if np.array_equal(theta, other):
        raise CheckFailed(f"Seeds {s0} and {s0 + 1} gave the same weights: use the seed argument.")
    w = theta[:, 1:]
    if np.unique(w).size < w.size // 2:
        raise CheckFailed("Many weights are equal: draw every weight independently at random.")
    first = _he_variance(w, s_in, s_out)
    # A layer with very few inputs, where 2/(s_in + 1) is far from 2/s_in (2/3 of it for s_in = 2): many
    # weights (40,000 or more) so that the measured variance is within 1% of the true one.
    s_in, s_out = (2, 20000) if seed is None else (int(rng.integers(2, 4)), int(rng.integers(20000, 25000)))
    theta = np.asarray(call(he_init, (s_in, s_out, s0), "he_init"), dtype=float)
    if theta.shape != (s_out, s_in + 1):
        raise CheckFailed(f"he_init({s_in}, {s_out}, {s0}) has shape {theta.shape}; expected (s_out, s_in + 1) "
                          f"= {(s_out, s_in + 1)}.")
    few = _he_variance(theta[:, 1:], s_in, s_out, few=True)
    passed(f"he_init: shape (s_out, s_in + 1), zero bias column, variance 2/s_in (measured {first:.2f} x 2/s_in, "
           f"and {few:.2f} x 2/s_in with s_in = {s_in}).")


def _he_variance(w, s_in, s_out, few=False):
    """The measured variance of the weights w over 2/s_in; CheckFailed unless it is 1 (within 5%) and the mean 0."""
    __tracebackhide__ = True
    ratio = w.var() / (2.0 / s_in)
    mean = abs(w.mean()) / np.sqrt(2.0 / s_in)
    if abs(ratio - 1) < 0.05 and mean < 0.05:
        return ratio
    known = [(0.5, "The variance is 1/s_in: He's variance for ReLU is 2/s_in, since a ReLU zeroes half of z."),
             (s_in / (s_in + s_out), "The variance is 2/(s_in + s_out), Xavier's: for ReLU use He's 2/s_in."),
             (s_in / s_out, "The variance is 2/s_out: use the number of inputs s_in (the fan-in)."),
             (2.0 / s_in, "The variance is (2/s_in)^2: numpy's normal takes the standard deviation, "
                          "so pass np.sqrt(2 / s_in)."),
             (s_in / (s_in + 1), "The variance is 2/(s_in + 1): the fan-in counts the inputs a_1..a_s_in only. "
                                 "The bias column is not an input with a random weight (its weights start at 0 "
                                 "and add nothing to the variance of z), so use np.sqrt(2 / s_in).")]
    hint = next((msg for r, msg in known if abs(ratio / r - 1) < 0.1), "")
    where = f" of a layer with only s_in = {s_in} inputs" if few else ""
    raise CheckFailed(f"The weights (columns 1 onward){where} have variance {w.var():.3g} and mean {w.mean():.3g}; "
                      f"expected mean 0 and variance 2/s_in = {2 / s_in:.3g}. {hint}".rstrip())


# ---------------------------------------------------------------- a network from layers


def _network_cases(seed=None):
    rng = np.random.default_rng(_seed(43, seed))
    shapes = ((7, 3, 5, 4), (9, 4, 6, 3))
    if seed is not None:
        shapes = [tuple(int(k) for k in rng.choice(np.arange(2, 11), size=4, replace=False)) for _ in shapes]
    out = []
    for m, n, h, K in shapes:
        params = [rng.normal(size=(h, n + 1)), rng.normal(size=(K, h + 1))]
        out.append((params, rng.normal(size=(m, n)), np.arange(m) % K))
    return out


def _network(params, X, y, relu_back=True, grad_scale=1.0):
    z2, c1 = layers.affine_forward(X, params[0])
    a2, cr = layers.relu_forward(z2)
    s, c2 = layers.affine_forward(a2, params[1])
    J, ds = layers.softmax_cross_entropy(s, y)
    da2, d2 = layers.affine_backward(ds, c2)
    dz2 = layers.relu_backward(da2, cr) if relu_back else da2
    _, d1 = layers.affine_backward(dz2, c1)
    return [J, [d1 * grad_scale, d2 * grad_scale]]


_NETWORK_DIAGNOSES = [
    (lambda p, X, y: _network(p, X, y, relu_back=False),
     "dTheta1 matches a backward pass that skips the ReLU: pass da2 through relu_backward before the first "
     "affine layer's backward."),
    (lambda p, X, y: _network(p, X, y, grad_scale=1 / X.shape[0]),
     "The gradients are divided by m twice: softmax_cross_entropy's dscores is already (p - Y) / m."),
]


def check_two_layer(two_layer_loss, seed=None):
    """J and both gradients of affine - ReLU - affine - softmax, against the composed nnlib layers."""
    __tracebackhide__ = True
    for params, X, y in _network_cases(seed):
        got = call(two_layer_loss, ([p.copy() for p in params], X.copy(), y.copy()), "two_layer_loss")
        if not isinstance(got, (list, tuple)) or len(got) != 2 or not isinstance(got[1], (list, tuple)):
            raise CheckFailed(f"two_layer_loss should return (J, [dTheta1, dTheta2]); got {describe(got)}.")
        want = _network(params, X, y)
        compare(f"two_layer_loss with X {X.shape}, Theta1 {params[0].shape}, Theta2 {params[1].shape}",
                [got[0], *got[1]], [want[0], *want[1]], rtol=1e-7, atol=1e-10,
                diagnoses=[(lambda p, X, y, w=w: [w(p, X, y)[0], *w(p, X, y)[1]], msg) for w, msg in _NETWORK_DIAGNOSES],
                args=(params, X, y))
    passed("two_layer_loss: the layers' forward in order and backward in reverse, gradients exact.")
