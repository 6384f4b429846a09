"""Check cells of the level 4 exercises (solutions/04_graduate.ipynb), one Exercise each.

Every check calls the learner's code through the shared runner (``core.call``):
on copies of the check's inputs (an answer that changes them fails), under a
time limit, with the watch on (nnlib's own version of the answer, nnlib's
numerical gradient and the checks' private references fail, named). A wrong
result is matched against the exercise's typical mistakes, each declared once
below with the learner's code that makes it and the sentence that names it.

What level 4 adds:
- graphs for the scalar engine in which different values hold the same number
  (an order or a table keyed on ``v.data`` merges them), one with 2^40 paths
  (a sweep that follows every path separately never ends) and one with about
  14,000 leaves (a numerical gradient recomputes it twice per leaf);
- a large case for every backward pass (affine layer, softmax cross-entropy's
  dscores, the two-layer network), called first under a short time limit: a
  right answer takes milliseconds, a numerical gradient (two forward passes
  per number) minutes; and a count of the forward passes of ``nnlib.layers``
  that two_layer_loss makes;
- optimizers built with hyperparameters other than the defaults, two Adam
  instances stepped in turn, and He initialization judged by its statistics.

Every check takes an instructor's ``seed=`` (the hidden tests): with it the
cases are drawn from that seed; without it they are those the learner sees.
"""

import math

import numpy as np

from .. import gradcheck, layers, optim
from . import _level4_graphs as graphs
from . import _level4_mistakes as code
from .core import (CheckFailed, Mistake, call, check_unchanged, compare, compiled_mistake, copy_args, describe,
                   diagnose, mistake_diagnoses, passed, says)

# ---------------------------------------------------------------- the shared runner's pieces (nnlib.checks.core)

_diagnoses = mistake_diagnoses
_says = says


# ---------------------------------------------------------------- shared pieces

#: Seconds a backward pass has on the large case: a right one needs a few milliseconds (a hundredth
#: of this), a numerical gradient minutes (at least fifteen times this).
PROBE_SECONDS = 4.0

# nnlib's numerical gradients: where a backward pass is asked for, a numerical one earns nothing.
_NUMERICAL = tuple((f, f"{{name}} calls nnlib.{f.__name__}: that is a numerical gradient, and the exercise "
                       "asks for the backward pass, worked out with the chain rule.")
                   for f in (gradcheck.numerical_gradient, gradcheck.gradient_check))


def _reference_message(name, f):
    return (f"{name} calls {getattr(f, '__qualname__', f)}, one of the check's own reference answers: an answer "
            "that calls the reference is not your own work and earns nothing. Write it yourself from the "
            "formulas.")


def forbidden_references(name, allowed=()):
    """(function, message) for every private reference of this level (the references of the earlier answers
    that a check swaps in, ``allowed``, excepted): an answer that reaches one fails and is told why."""
    found = [_topological_order, graphs.order, _backward, _affine_backward, _softmax_cross_entropy,
             _momentum_step, _Adam.__init__, _Adam.step, _two_layer_loss]
    return [(f, _reference_message(name, f)) for f in found if f not in allowed]


def references():
    """The check's private reference answers by name, for the course's own tests: an answer that calls any of
    them fails its check and is told why (see ``forbidden_references``)."""
    return {"topological_order": _topological_order, "backward": _backward, "affine_backward": _affine_backward,
            "Adam.step": _Adam.step, "two_layer_loss": _two_layer_loss}


def _forbidden(name, *functions, allowed=()):
    return ([(f, m.replace("{name}", name)) for f, m in _NUMERICAL] + forbidden_references(name, allowed)
            + list(functions))


def _seed(base, seed):
    """The seed of a check's inputs: ``base`` (the visible cases), or one drawn from ``base`` and an
    instructor's ``seed``."""
    return base if seed is None else int(np.random.default_rng([base, seed]).integers(2 ** 31))


def _numerical_says(name, numbers):
    return (f"{name} seems to compute the gradient numerically (a numerical gradient: finite differences), "
            "where the exercise asks "
            f"for the backward pass: on a case with {numbers:,} inputs and parameters it did not finish within "
            f"{PROBE_SECONDS:g} s, while the chain rule takes milliseconds there; finite differences evaluate the "
            f"forward pass twice per number ({2 * numbers:,} times). Work the gradients out from the cache with "
            "matrix products (no loop over single entries).")


def _probe(fn, args, name, numbers, **kw):
    """Call ``fn`` on a large case under PROBE_SECONDS; running out of time names a numerical gradient."""
    __tracebackhide__ = True
    try:
        return call(fn, copy_args(args), name, time_limit_s=PROBE_SECONDS, **kw)
    except CheckFailed as failed:
        if "did not finish within" in str(failed):
            raise CheckFailed(_numerical_says(name, numbers)) from None
        raise


def _pair(got, name, items):
    """got as a pair of arrays, or CheckFailed saying what to return."""
    __tracebackhide__ = True
    if isinstance(got, (list, tuple)) and len(got) == 2:
        return got
    raise CheckFailed(f"{name} should return the pair ({items}); got {describe(got)}.")


def _run_cases(fn, name, cases, reference, mistakes, params, prelude="", rtol=1e-9, atol=1e-12, check_pair=None,
               forbidden=(), swap=None, env=None, hidden=False):
    """Compare fn(*args) with reference(*args) on every (label, args) case (copies of the inputs, which must
    stay unchanged), naming the first typical mistake whose result matches."""
    __tracebackhide__ = True
    diagnoses = _diagnoses(mistakes, name, params, prelude, env)
    for label, args in cases:
        given = copy_args(args)
        got = call(fn, given, name, forbidden=forbidden, swap=swap)
        check_unchanged(name, given, args)
        if got is None:
            raise CheckFailed(f"{name} returned None: did you forget the `return` line?")
        if check_pair:
            got = list(_pair(got, name, check_pair))
        compare(f"{name} on {label}", got, reference(*args), rtol, atol, diagnoses=diagnoses, args=args,
                hidden=hidden)


# ---------------------------------------------------------------- exercise 1: a topological order


def _topological_order(root):
    """Exercise 1's reference: every value once, parents first, root last (by identity, iteratively)."""
    return graphs.order(root)


_TOPOLOGICAL_MISTAKES = [
    Mistake("a value used twice listed twice", code.ORDER_DUPLICATES,
            "A value used twice appears twice in your order. List each value once: keep a set of the values "
            "already visited and skip them.", words="List each value once", rule=True),
    Mistake("seen keyed on the values' numbers", code.ORDER_DFS.format(test="v.data", key="v.data"),
            "Two different values that hold the same number are one value to your order: the set of visited "
            "values holds numbers (v.data), so the second value with that number is skipped. Keep the values "
            "themselves in the set (seen.add(v)): a Value is compared by identity, which is what a graph needs.",
            words="same number", rule=True),
    Mistake("root first (pre-order)", code.ORDER_PREORDER,
            "The root comes first. Append a value only after visiting all of its parents, so that the root "
            "(which depends on everything) comes last.", words="root comes first", rule=True),
    Mistake("only the root's parents", "return [p for p, _ in root.parents] + [root]",
            "Values are missing: visit the parents of every value recursively, not only the root's.",
            words="recursively", rule=True),
    Mistake("forgot to return", code.ORDER_DFS.format(test="v", key="v").replace("return order", ""),
            "topological_order returned None: did you forget `return order`?", words="return", rule=True),
    Mistake("breadth-first order, reversed", code.ORDER_BFS,
            "A value comes before one of its parents: a breadth-first order from the root, reversed, is not "
            "topological when paths of different lengths lead to a value. Append a value only after all of its "
            "parents have been visited (depth-first).", words="before one of its parents", rule=True),
    Mistake("every path followed, duplicates removed afterwards", code.ORDER_DEDUPLICATED,
            "Your order visits a value once per path that leads to it, then removes the repeats: right, but on a "
            "graph where each value is used twice by the next the paths double at every step (2^40 for 41 values) "
            "and it never ends. Skip a value already visited (a set of the values seen) so that each is visited "
            "once.", words="once per path", rule=True),
]


def _order_problem(got, root, seed):
    """What is wrong with ``got`` as a topological order of ``root`` (a sentence), or None."""
    if got is None:
        return _says(_TOPOLOGICAL_MISTAKES, "forgot to return")
    if isinstance(got, (set, frozenset, dict)):
        return (f"topological_order returned a {type(got).__name__}, which has no order: return a list of the "
                "values, parents before children.")
    if not isinstance(got, (list, tuple)):
        return f"topological_order should return a list of Values; got {describe(got)}."
    want = graphs.order(root)
    inside = {id(v) for v in want}
    strangers = [v for v in got if id(v) not in inside]
    if strangers and all(isinstance(v, (int, float)) for v in strangers):
        return ("Your list holds numbers, not the values themselves: append v, not v.data, so that backward can "
                "set each value's grad.")
    ids = [id(v) for v in got]
    if len(set(ids)) < len(ids):
        return _says(_TOPOLOGICAL_MISTAKES, "a value used twice listed twice")
    missing = [v for v in want if id(v) not in set(ids)]
    if missing:
        listed = {float(v.data) for v in got if id(v) in inside}
        if all(float(v.data) in listed for v in missing):
            return _says(_TOPOLOGICAL_MISTAKES, "seen keyed on the values' numbers")
        return (f"Your order has {len(got)} values; the expression has {len(want)} ({len(missing)} missing). "
                "Visit the parents of every value recursively, not only the root's.")
    if strangers:
        return "Your order holds values that the root does not depend on: start from root and follow parents only."
    if got[0] is root and len(got) > 1:
        return _says(_TOPOLOGICAL_MISTAKES, "root first (pre-order)")
    position = {id(v): i for i, v in enumerate(got)}
    for v in got:
        for p, _ in v.parents:
            if position[id(p)] > position[id(v)]:
                return _says(_TOPOLOGICAL_MISTAKES, "breadth-first order, reversed")
    if got[-1] is not root:
        return "The root must come last: it depends on every other value."
    return None


def _judge_topological_order(topological_order, Value, seed):
    __tracebackhide__ = True
    for text, root, _, _ in graphs.small(Value, _seed(39, seed)):
        got = call(topological_order, (root,), "topological_order", forbidden=_forbidden("topological_order"))
        problem = _order_problem(got, root, seed)
        if problem:
            raise CheckFailed(f"For {text}: {problem}")
    text, root, _ = graphs.ladder(Value, _seed(38, seed))
    try:
        got = call(topological_order, (root,), "topological_order", time_limit_s=PROBE_SECONDS,
                   forbidden=_forbidden("topological_order"))
    except CheckFailed as failed:
        if "did not finish within" not in str(failed):
            raise
        raise CheckFailed(f"For {text}: topological_order did not finish within {PROBE_SECONDS:g} s. "
                          + _says(_TOPOLOGICAL_MISTAKES, "every path followed, duplicates removed afterwards")
                          ) from None
    problem = _order_problem(got, root, seed)
    if problem:
        raise CheckFailed(f"For {text}: {problem}")


def check_topological_order(topological_order, Value, seed=None):
    """Every value once (by identity, also where two hold the same number), each after its parents, the root
    last; and in time on a graph with 2^40 paths."""
    __tracebackhide__ = True
    if not isinstance(Value, type):
        raise CheckFailed(f"check_topological_order takes the Value class as its second argument; got "
                          f"{describe(Value)}. Run the cell that defines Value, then this check again.")
    _judge_topological_order(topological_order, Value, seed)
    passed("topological_order lists every value once (by identity), parents first, root last.")


# ---------------------------------------------------------------- exercise 2: the backward sweep


def _backward(root):
    """Exercise 2's reference: zero every gradient, then root.grad = 1 and one sweep in reverse order."""
    order = graphs.order(root)
    for v in order:
        v.grad = 0.0
    root.grad = 1.0
    for v in reversed(order):
        for p, local in v.parents:
            p.grad += local * v.grad


_BACKWARD_MISTAKES = [
    Mistake("gradient overwritten instead of accumulated",
            code.SWEEP + "for v in reversed(order):\n    for parent, local in v.parents:\n"
            "        parent.grad = local * v.grad",
            "The gradients match a backward pass that overwrites (`parent.grad = ...`) instead of accumulating "
            "(`parent.grad += ...`): a value used twice must receive the sum of both contributions.",
            words="accumulating"),
    Mistake("not in reverse topological order",
            code.SWEEP + "for v in order:\n    for parent, local in v.parents:\n        parent.grad += local * v.grad",
            "The gradients match a sweep in topological order (parents first). Go through the order reversed "
            "(`reversed(order)`): a value may pass its gradient on only after all of its children have sent "
            "theirs.", words="reversed"),
    Mistake("breadth-first order from the root",
            "for v in topological_order(root):\n    v.grad = 0.0\nroot.grad = 1.0\n"
            "queue, seen = [root], {root}\nwhile queue:\n    v = queue.pop(0)\n"
            "    for parent, local in v.parents:\n        parent.grad += local * v.grad\n"
            "        if parent not in seen:\n            seen.add(parent)\n            queue.append(parent)",
            "The gradients match a sweep in breadth-first order from the root. That order is not topological: a "
            "value can pass its gradient on before all of its children have sent theirs. Use "
            "reversed(topological_order(root)).", words="breadth-first"),
    Mistake("root gradient not set to 1",
            "order = topological_order(root)\nfor v in order:\n    v.grad = 0.0\nfor v in reversed(order):\n"
            "    for parent, local in v.parents:\n        parent.grad += local * v.grad",
            "Every gradient is 0: start the sweep with root.grad = 1.0 (dJ/dJ = 1).", words="root.grad = 1"),
    Mistake("gradients kept in a dict keyed on v.data", code.BACKWARD_DATA_KEYS,
            "The gradients match a sweep that keeps them in a table keyed on the values' numbers (v.data): two "
            "different values holding the same number share one entry and add up each other's gradients. Store "
            "each gradient on its own value (v.grad), or key a table on the value itself.", words="same number"),
    Mistake("gradients never reset to 0 (micrograd style, right once only)",
            "order = topological_order(root)\nroot.grad = 1.0\nfor v in reversed(order):\n"
            "    for parent, local in v.parents:\n        parent.grad += local * v.grad",
            "The first backward(root) was right, but a second call on the same graph added to the gradients of "
            "the first. Set every value's grad to 0.0 before the sweep (then root.grad = 1.0), so that backward "
            "gives the same result however often it runs.", words="second call", rule=True),
    Mistake("every path followed separately", code.BACKWARD_PATHS,
            "Your backward pushes each gradient along every path from the root separately: right, but on a graph "
            "where each value is used twice by the next the paths double at every step (2^40 for 41 values) and "
            "it never ends. Pass each value's gradient on once, when it is complete: sweep "
            "reversed(topological_order(root)).", words="every path", rule=True),
    Mistake("numerical gradient (finite differences)", code.BACKWARD_NUMERICAL,
            "backward seems to compute the gradients numerically, recomputing the expression with each leaf moved "
            "(finite differences): on an expression with about 14,000 leaves it did not finish in time, while "
            "one backward sweep takes a few hundredths of a second. Pass the gradients backwards once, in "
            "reverse topological order, with the local derivatives the values hold.", words="numerically",
            rule=True),
]


_NOT_RESET = "gradients never reset to 0 (micrograd style, right once only)"


def _leaf_gradients(leaves):
    return {name: float(leaf.grad) for name, leaf in leaves.items()}


def _shown(got, want, hidden):
    if hidden:
        return ", ".join(f"d/d{n} = {got[n]:.6g}" for n in want) + " (wrong; the expected values of the hidden " \
            "cases are not shown)"
    return ", ".join(f"d/d{n} = {got[n]:.6g} (expected {want[n]:.6g})" for n in want)


def _close(got, want):
    return all(np.isclose(got[n], want[n], rtol=1e-9, atol=1e-12) for n in want)


def _judge_backward(backward, Value, seed):
    __tracebackhide__ = True
    swap = {"topological_order": _topological_order}
    forbidden = _forbidden("backward", allowed=(_topological_order, graphs.order))
    diagnoses = [(m, compiled_mistake(m, "backward", "root", env={"topological_order": _topological_order}))
                 for m in _BACKWARD_MISTAKES if not m.rule]
    base = _seed(39, seed)
    for index, (text, root, leaves, want) in enumerate(graphs.small(Value, base)):
        call(backward, (root,), "backward", swap=swap, forbidden=forbidden)
        got = _leaf_gradients(leaves)
        if _close(got, want):
            continue
        hint = ""
        for mistake, wrong in diagnoses:
            _, root2, leaves2, _ = graphs.small(Value, base)[index]
            try:
                wrong(root2)
            except Exception:
                continue
            if _close(got, _leaf_gradients(leaves2)):
                hint = " " + mistake.says
                break
        raise CheckFailed(f"For {text}: {_shown(got, want, seed is not None)}.{hint}")
    # Each graph once more, as a learner does who runs a cell twice: the first sweep must not count.
    for text, root, leaves, want in graphs.small(Value, base):
        for _ in range(2):
            call(backward, (root,), "backward", swap=swap, forbidden=forbidden)
        again = _leaf_gradients(leaves)
        if not _close(again, want):
            raise CheckFailed(f"For {text}: {_shown(again, want, seed is not None)} after a second "
                              "backward(root). " + _says(_BACKWARD_MISTAKES, _NOT_RESET))
    # 2^40 paths: a sweep that follows every path separately never ends.
    text, root, x = graphs.ladder(Value, _seed(38, seed))
    try:
        call(backward, (root,), "backward", swap=swap, forbidden=forbidden, time_limit_s=PROBE_SECONDS)
    except CheckFailed as failed:
        if "did not finish within" not in str(failed):
            raise
        raise CheckFailed(f"For {text}: backward did not finish within {PROBE_SECONDS:g} s. "
                          + _says(_BACKWARD_MISTAKES, "every path followed separately")) from None
    got = float(x.grad)
    _backward(root)
    if not np.isclose(got, x.grad, rtol=1e-9):
        raise CheckFailed(f"For {text}: d/dx = {got:.6g}, which is wrong.")
    # About 14,000 leaves: a numerical gradient recomputes the expression twice per leaf.
    text, root, leaves = graphs.dense(Value, None if seed is None else _seed(37, seed))
    try:
        call(backward, (root,), "backward", swap=swap, forbidden=forbidden, time_limit_s=PROBE_SECONDS)
    except CheckFailed as failed:
        if "did not finish within" not in str(failed):
            raise
        raise CheckFailed(f"For {text}: backward did not finish within {PROBE_SECONDS:g} s. "
                          + _says(_BACKWARD_MISTAKES, "numerical gradient (finite differences)")) from None
    got = np.array([leaf.grad for leaf in leaves])
    _backward(root)
    want = np.array([leaf.grad for leaf in leaves])
    if not np.allclose(got, want, rtol=1e-9, atol=1e-12):
        raise CheckFailed(f"For {text}: {int(np.sum(~np.isclose(got, want, rtol=1e-9, atol=1e-12))):,} of the "
                          "leaves' gradients are wrong, although the small expressions were right.")


def check_backward(backward, Value, seed=None):
    """Gradients of every leaf equal the derivatives worked out by hand (also where different values hold the
    same number), the same on a second call, and in time on graphs with 2^40 paths and 14,000 leaves.

    backward runs with the reference topological_order swapped in (when it calls one by that name),
    so that a mistake in exercise 1 costs exercise 1 only."""
    __tracebackhide__ = True
    if not isinstance(Value, type):
        raise CheckFailed(f"check_backward takes the Value class as its second argument; got {describe(Value)}. "
                          "Run the cell that defines Value, then this check again.")
    _judge_backward(backward, Value, seed)
    passed("backward accumulates every use of a value, sweeps once in reverse topological order and starts "
           "from zero gradients.")


# ---------------------------------------------------------------- what torch offers, when a learner imported it


def torch_forbidden(message):
    """torch's autograd (and optimizers), when the learner's kernel has imported torch: (function, message)."""
    import sys

    torch = sys.modules.get("torch")
    if torch is None:
        return []
    found = []
    for owner, names in ((getattr(torch, "autograd", None), ("backward", "grad")),):
        for n in names:
            f = getattr(owner, n, None)
            if f is not None:
                found.append((f, message))
    return found


_AUTOGRAD = ("{name} calls torch's autograd: the exercise asks you to write the backward pass yourself, with the "
             "chain rule, not to have a framework compute it.")


# ---------------------------------------------------------------- exercise 3: the affine layer's backward pass


def _affine_backward(dout, cache):
    """Exercise 3's reference: da = dout Theta[:, 1:], dtheta = dout^T [1, a]."""
    a, theta = cache
    return [dout @ theta[:, 1:], np.hstack([dout.sum(axis=0)[:, None], dout.T @ a])]


def _affine_cases(seed=None):
    """(label, (dout, cache)) for the small cases: sizes all different within a case (no transpose passes)."""
    rng = np.random.default_rng(_seed(40, seed))
    shapes = ((7, 3, 5), (4, 6, 2), (9, 2, 3))
    if seed is not None:
        shapes = [tuple(int(k) for k in rng.choice(np.arange(2, 10), size=3, replace=False)) for _ in shapes]
    out = []
    for m, s_in, s_out in shapes:
        a, theta, dout = rng.normal(size=(m, s_in)), rng.normal(size=(s_out, s_in + 1)), rng.normal(size=(m, s_out))
        out.append((f"dout {dout.shape}, a {a.shape}, theta {theta.shape}", (dout, (a, theta))))
    return out


def _affine_probe(seed=None):
    """A large case: 200 examples, 300 inputs, 250 outputs (135,250 numbers in a and theta)."""
    rng = np.random.default_rng(_seed(45, seed))
    m, s_in, s_out = 200, 300, 250
    a, theta = rng.normal(size=(m, s_in)), rng.normal(size=(s_out, s_in + 1)) / np.sqrt(s_in)
    return (f"dout ({m}, {s_out}), a ({m}, {s_in}), theta ({s_out}, {s_in + 1})",
            (rng.normal(size=(m, s_out)), (a, theta)), a.size + theta.size)


_AFFINE_RETURN = "return dout @ theta[:, 1:], np.hstack([{bias}, dout.T @ a])"
_AFFINE_MISTAKES = [
    Mistake("bias gradient not summed over examples", _AFFINE_RETURN.format(bias="dout[:1].T"),
            "The bias column of dtheta holds one example's dout: sum dout over all m examples "
            "(dout.sum(axis=0)), since every example's bias unit a_0 = 1 contributes.", words="sum dout over all m"),
    Mistake("bias gradient averaged", _AFFINE_RETURN.format(bias="dout.mean(axis=0)[:, None]"),
            "The bias column of dtheta is dout averaged over the examples: sum it instead (dout.sum(axis=0)); "
            "the cost layer has already divided by m.", words="sum it instead"),
    Mistake("dividing by m twice",
            "return dout @ theta[:, 1:], np.hstack([dout.sum(axis=0)[:, None], dout.T @ a]) / len(a)",
            "dtheta is divided by m: the cost (softmax cross-entropy) already averaged over the m examples, so "
            "dividing again divides by m twice. No 1/m in a layer's backward.", words="twice"),
    Mistake("da and dtheta divided by m",
            "m = len(a)\nreturn dout @ theta[:, 1:] / m, np.hstack([dout.sum(axis=0)[:, None], dout.T @ a]) / m",
            "da and dtheta are divided by m: the cost already averaged over the m examples (dividing by m twice).",
            words="twice"),
    Mistake("da through the bias column",
            "return dout @ theta, np.hstack([dout.sum(axis=0)[:, None], dout.T @ a])",
            "da has one column too many: a has no bias column, so leave Theta's bias column out: "
            "da = dout @ theta[:, 1:].", words="bias column"),
    Mistake("no bias gradient", "return dout @ theta[:, 1:], dout.T @ a",
            "dtheta is one column short of theta's shape: put the bias gradient (dout summed over the examples) in "
            "front, as column 0.", words="column 0"),
    Mistake("bias column last", "return dout @ theta[:, 1:], np.hstack([dout.T @ a, dout.sum(axis=0)[:, None]])",
            "The bias gradient is dtheta's last column: theta keeps its bias weights in column 0, so the bias "
            "gradient comes first, np.hstack([dout.sum(axis=0)[:, None], dout.T @ a]).", words="column 0"),
    Mistake("dtheta transposed", "return dout @ theta[:, 1:], np.hstack([dout.sum(axis=0)[:, None], dout.T @ a]).T",
            "dtheta is transposed: a gradient has its parameter's shape, (s_out, s_in + 1) like theta: "
            "dout.T @ a, not a.T @ dout.", words="transposed"),
    Mistake("zero bias gradient", _AFFINE_RETURN.format(bias="np.zeros((dout.shape[1], 1))"),
            "The bias column of dtheta is 0: the bias weights have a gradient too, the sum of dout over the "
            "examples.", words="have a gradient too"),
    Mistake("dtheta written into theta's array",
            "dtheta = theta\ndtheta[:, 0] = dout.sum(axis=0)\ndtheta[:, 1:] = dout.T @ a\n"
            "return dout @ theta[:, 1:], dtheta",
            "affine_backward changed its cache in place: `dtheta = theta` names the same array, so filling dtheta "
            "overwrites the weights (and da then uses the overwritten ones). Make a new array: "
            "np.zeros_like(theta) or np.hstack([...]).", words="in place", rule=True),
    Mistake("numerical gradient", code.AFFINE_NUMERICAL, _numerical_says("affine_backward", 135250),
            words="numerically", rule=True),
]


def check_affine_backward(affine_backward, seed=None):
    """(da, dtheta) equal to the chain rule through z = [1, a] Theta^T, on small cases and on a large one
    (where a numerical gradient runs out of time)."""
    __tracebackhide__ = True
    name = "affine_backward"
    forbidden = _forbidden(name, (layers.affine_backward, None)) + torch_forbidden(_AUTOGRAD.format(name=name))
    label, args, numbers = _affine_probe(seed)
    big = _pair(_probe(affine_backward, args, name, numbers, forbidden=forbidden), name, "da, dtheta")
    _run_cases(affine_backward, name, _affine_cases(seed), _affine_backward, _AFFINE_MISTAKES, "dout, cache",
               prelude="a, theta = cache\n", rtol=1e-9, atol=1e-12, check_pair="da, dtheta", forbidden=forbidden,
               hidden=seed is not None)
    compare(f"{name} on {label}", list(big), _affine_backward(*args), 1e-9, 1e-12, hidden=seed is not None)
    passed("affine_backward: da = dout Theta[:, 1:], dtheta = dout^T [1, a] with the bias column summed over "
           "the examples.")


# ---------------------------------------------------------------- exercise 4: softmax cross-entropy


def _softmax_cross_entropy(scores, y):
    """Exercise 4's reference: J averaged over the rows, dscores = (p - Y) / m, from log p."""
    m = scores.shape[0]
    shifted = scores - scores.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    p = np.exp(log_p)
    p[np.arange(m), y] -= 1.0
    return [float(-np.mean(log_p[np.arange(m), y])), p / m]


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
    cases = [(small, rng.integers(0, 4, size=6)), (rng.normal(size=(8, 5)), np.arange(8) % 5),
             (huge, np.array([0, 2, 1, 1, 0])), (spread, spread_y)]
    return [(f"scores {s.shape}" + (" as large as 1000" if np.abs(s).max() > 500 else ""), (s, y)) for s, y in cases]


def _softmax_probe(seed=None):
    rng = np.random.default_rng(_seed(46, seed))
    m, K = 2000, 50
    return f"scores ({m}, {K})", (rng.normal(size=(m, K)) * 3, rng.integers(0, K, size=m)), m * K


def _softmax_finite(fn, scores, y):
    """Whether the learner's J and dscores are finite on one small probe."""
    with np.errstate(all="ignore"):
        got = call(fn, (np.array(scores, dtype=float), np.array(y)), "softmax_cross_entropy")
    try:
        return bool(np.isfinite(float(got[0])) and np.all(np.isfinite(np.asarray(got[1], dtype=float))))
    except (TypeError, ValueError, IndexError):
        return True


_SHIFT_MAX = "shifted = scores - scores.max(axis=1, keepdims=True)\n"
_SOFTMAX_MISTAKES = [
    Mistake("no max subtraction (overflow)",
            "shifted = scores\n" + code.SOFTMAX_TAIL + "return -np.mean(log_p[np.arange(m), y]), dscores / m",
            "Already on the row [1000, 1001, 999] J or dscores is NaN or infinite: e^1000 overflows. Subtract each "
            "row's maximum from the scores first (scores - scores.max(axis=1, keepdims=True)); softmax does not "
            "change.", words="maximum", rule=True),
    Mistake("row minimum subtracted instead of the maximum",
            "shifted = scores - scores.min(axis=1, keepdims=True)\n" + code.SOFTMAX_TAIL
            + "return -np.mean(log_p[np.arange(m), y]), dscores / m",
            "On the row [0, 1000] J or dscores is NaN or infinite, on [1000, 1001, 999] it is not: the shift leaves "
            "a score far above 0 (subtracting the row minimum gives [0, 1000], and e^1000 overflows). Subtract the "
            "row maximum: then the largest exponent is e^0 = 1 and nothing overflows.", words="row minimum",
            rule=True),
    Mistake("np.log of a probability that underflows to 0",
            _SHIFT_MAX + "p = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)\n"
            "J = -np.mean(np.log(p[np.arange(m), y]))\nY = np.zeros_like(p)\nY[np.arange(m), y] = 1.0\n"
            "return J, (p - Y) / m",
            "On the row [0, 1000] with label 0, J is infinite although the answer is J = 1000: the right class's "
            "probability e^-1000 underflows to 0 and np.log(0) = -inf. Take log p from the shifted scores instead, "
            "log p = shifted - log(sum(exp(shifted))) (the log-softmax), which stays finite; dscores may still use "
            "p = exp(log p).", words="underflows to 0", rule=True),
    Mistake("dividing by m twice",
            _SHIFT_MAX + code.SOFTMAX_TAIL + "return -np.mean(log_p[np.arange(m), y]), dscores / m / m",
            "dscores is divided by m twice: (p - Y) / m already carries the average over examples once.",
            words="twice"),
    Mistake("gradient not divided by m",
            _SHIFT_MAX + code.SOFTMAX_TAIL + "return -np.mean(log_p[np.arange(m), y]), dscores",
            "dscores is not divided by m: J averages over the m examples, so its gradient is (p - Y) / m.",
            words="not divided by m"),
    Mistake("cost summed, not averaged",
            _SHIFT_MAX + code.SOFTMAX_TAIL + "return -np.sum(log_p[np.arange(m), y]), dscores / m",
            "J is summed over the examples: average it (divide by m), as the gradient (p - Y) / m assumes.",
            words="average"),
    Mistake("gradient with the wrong sign",
            _SHIFT_MAX + code.SOFTMAX_TAIL + "return -np.mean(log_p[np.arange(m), y]), -dscores / m",
            "dscores has the wrong sign: it is (p - Y) / m, probabilities minus one-hot labels.", words="wrong sign"),
    Mistake("labels indexed as [:, y]",
            _SHIFT_MAX + "log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))\n"
            "dscores = np.exp(log_p)\ndscores[:, y] -= 1.0\nreturn -np.mean(log_p[:, y]), dscores / m",
            "log_p[:, y] (or dscores[:, y]) takes every row at every label: an (m, m) block, not one entry per row. "
            "Pair row i with its own label y[i]: log_p[np.arange(m), y].", words="np.arange(m), y"),
    Mistake("scores shifted in place",
            "scores -= scores.max(axis=1, keepdims=True)\n"
            "log_p = scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))\n"
            "dscores = np.exp(log_p)\ndscores[np.arange(m), y] -= 1.0\n"
            "return -np.mean(log_p[np.arange(m), y]), dscores / m",
            "softmax_cross_entropy changed its input in place: `scores -= ...` shifts the caller's scores. "
            "Write shifted = scores - scores.max(axis=1, keepdims=True), a new array.", words="in place", rule=True),
    Mistake("numerical gradient", code.SOFTMAX_NUMERICAL, _numerical_says("softmax_cross_entropy", 100000),
            words="numerically", rule=True),
]


def _softmax_not_finite(fn, scores):
    """What went wrong, from three small probes, when J or dscores is NaN or infinite on large scores."""
    where = (f"On scores as large as {np.abs(scores).max():.0f}, and as far apart as "
             f"{np.ptp(scores, axis=1).max():.0f} within a row, your J or dscores is NaN or infinite. ")
    if not _softmax_finite(fn, [[1000.0, 1001.0, 999.0]], [1]):
        return where + _says(_SOFTMAX_MISTAKES, "no max subtraction (overflow)")
    if not _softmax_finite(fn, [[0.0, 1000.0]], [1]):
        return where + _says(_SOFTMAX_MISTAKES, "row minimum subtracted instead of the maximum")
    if not _softmax_finite(fn, [[0.0, 1000.0]], [0]):
        return where + _says(_SOFTMAX_MISTAKES, "np.log of a probability that underflows to 0")
    return (where + "Subtract each row's maximum first, and take log p as shifted - log(sum(exp(shifted))) rather "
            "than np.log of a probability that can underflow to 0.")


def check_softmax_cross_entropy(softmax_cross_entropy, seed=None):
    """J and dscores on ordinary and on huge scores (which overflow without the max subtraction), on rows whose
    scores lie 2000 apart (where a min shift overflows and np.log(p) of the smallest is -inf), and on a large
    case (where a numerical dscores runs out of time)."""
    __tracebackhide__ = True
    name = "softmax_cross_entropy"
    forbidden = (_forbidden(name, (layers.softmax_cross_entropy, None), (layers.softmax, None))
                 + torch_forbidden(_AUTOGRAD.format(name=name)))
    label, args, numbers = _softmax_probe(seed)
    big = _pair(_probe(softmax_cross_entropy, args, name, numbers, forbidden=forbidden), name, "J, dscores")
    diagnoses = _diagnoses(_SOFTMAX_MISTAKES, name, "scores, y", "m = scores.shape[0]\n")
    for label_k, (scores, y) in _softmax_cases(seed):
        given = copy_args((scores, y))
        with np.errstate(all="ignore"):
            got = call(softmax_cross_entropy, given, name, forbidden=forbidden)
        check_unchanged(name, given, (scores, y))
        got = list(_pair(got, name, "J, dscores"))
        try:
            finite = np.isfinite(float(got[0])) and np.all(np.isfinite(np.asarray(got[1], dtype=float)))
        except (TypeError, ValueError):
            finite = True  # compare() explains what is not a number
        if not finite and np.abs(scores).max() > 500:
            raise CheckFailed(_softmax_not_finite(softmax_cross_entropy, scores))
        compare(f"{name} on {label_k}", got, _softmax_cross_entropy(scores, y), 1e-9, 1e-12,
                diagnoses=diagnoses, args=(scores, y), hidden=seed is not None)
    compare(f"{name} on {label}", list(big), _softmax_cross_entropy(*args), 1e-9, 1e-12, hidden=seed is not None)
    passed("softmax_cross_entropy: averaged J, dscores = (p - Y) / m, stable for huge scores.")


# ---------------------------------------------------------------- exercise 5: momentum

_CURVATURE = np.array([[3.0, 1.0, 0.0], [1.0, 2.0, 0.5], [0.0, 0.5, 8.0]])


def _momentum_step(theta, v, grad, lr, momentum):
    """Exercise 5's reference: torch.optim.SGD's rule (no dampening)."""
    v = momentum * v + grad
    return theta - lr * v, v


def _momentum_settings(seed=None):
    """[(lr, momentum)] and the start: other than the defaults, and from the seed for the hidden tests."""
    if seed is None:
        return [(0.05, 0.9), (0.1, 0.5)], (1.0, -2.0, 0.5)
    rng = np.random.default_rng(_seed(42, seed))
    settings = [(float(rng.uniform(0.02, 0.06)), float(rng.uniform(0.8, 0.95))),
                (float(rng.uniform(0.06, 0.12)), float(rng.uniform(0.3, 0.6)))]
    return settings, tuple(rng.uniform(-2, 2, 3))


def _trajectory(step, lr, mu, start, steps=25):
    """(thetas, vs) after each of ``steps`` steps on the quadratic, feeding the returned v back."""
    theta, v, thetas, vs = np.array(start, dtype=float), np.zeros(3), [], []
    for _ in range(steps):
        theta, v = step(theta, v, _CURVATURE @ theta, lr, mu)
        theta, v = np.asarray(theta, dtype=float), np.asarray(v, dtype=float)
        thetas.append(theta)
        vs.append(v)
    return np.array(thetas), np.array(vs)


_MOMENTUM_MISTAKES = [
    Mistake("wrong sign", "v = momentum * v + grad\nreturn theta + lr * v, v",
            "theta moves along the velocity, uphill: subtract it, theta - lr * v (the gradient points uphill).",
            words="uphill"),
    Mistake("dampening", "v = momentum * v + (1 - momentum) * grad\nreturn theta - lr * v, v",
            "The velocity is damped, v = mu v + (1 - mu) g: torch.optim.SGD (without dampening) adds the whole "
            "gradient, v = mu v + g.", words="damped"),
    Mistake("velocity unused", "v = momentum * v + grad\nreturn theta - lr * grad, v",
            "theta moves by the gradient alone, as in plain gradient descent: step along the new velocity, "
            "theta - lr * v.", words="plain gradient descent"),
    Mistake("old velocity returned", "return theta - lr * (momentum * v + grad), v",
            "theta's first step is right but the velocity never builds up: return the new v, so that the next "
            "step starts from it.", words="return the new v"),
    Mistake("CS231n convention (v = mu v - lr g, theta + v)", "v = momentum * v - lr * grad\nreturn theta + v, v",
            "theta is right, but your v is -lr times torch's: this is the CS231n convention, v = mu v - lr g and "
            "theta + v. It moves theta the same way while lr stays fixed, but the exercise asks for "
            "torch.optim.SGD's velocity buffer, v = mu v + g, with the learning rate applied in the step: "
            "theta - lr v. Return that v (the two rules part as soon as the learning rate changes during "
            "training).", words="CS231n"),
    Mistake("learning rate inside the velocity", "v = momentum * v + lr * grad\nreturn theta - v, v",
            "theta is right, but your v is lr times torch's: the learning rate is inside the velocity "
            "(v = mu v + lr g, theta - v). torch.optim.SGD keeps v = mu v + g and applies the learning rate in the "
            "step, theta - lr v: return that v.", words="inside the velocity"),
    Mistake("Nesterov's momentum", "v = momentum * v + grad\nreturn theta - lr * (grad + momentum * v), v",
            "This is Nesterov's momentum (torch's nesterov=True: theta - lr (g + mu v)). The exercise asks for the "
            "plain rule, theta - lr v.", words="Nesterov"),
    Mistake("momentum typed in", "v = 0.9 * v + grad\nreturn theta - lr * v, v",
            "The steps are those of momentum 0.9, whatever momentum the call passes (the check passes others): "
            "use the argument, v = momentum * v + grad.", words="whatever momentum"),
    Mistake("learning rate typed in", "v = momentum * v + grad\nreturn theta - 0.01 * v, v",
            "The steps are those of learning rate 0.01, whatever lr the call passes (the check passes others): "
            "use the argument, theta - lr * v.", words="whatever lr"),
    Mistake("updated in place", "v *= momentum\nv += grad\ntheta -= lr * v\nreturn theta, v",
            "momentum_step changed its inputs in place (`theta -= ...`, `v *= ...`): the caller's arrays move "
            "too. Return new arrays: v = momentum * v + grad, then theta - lr * v.", words="in place", rule=True),
]


def check_momentum_step(momentum_step, seed=None):
    """25 steps on a quadratic, the learner's velocity fed back each time, for two (lr, momentum) settings other
    than torch's defaults: theta and v equal to torch's rule."""
    __tracebackhide__ = True
    name = "momentum_step"
    forbidden = _forbidden(name, (optim.Momentum.step, None)) + ([(optim.Momentum.update, None)]
                                                                 if hasattr(optim.Momentum, "update") else [])
    diagnoses = [(m, compiled_mistake(m, name, "theta, v, grad, lr, momentum")) for m in _MOMENTUM_MISTAKES if not m.rule]
    settings, start = _momentum_settings(seed)

    def step(theta, v, grad, lr, mu):
        args = (theta, v, grad, lr, mu)
        given = copy_args(args)
        got = call(momentum_step, given, name, forbidden=forbidden)
        check_unchanged(name, given, args)
        if not isinstance(got, (list, tuple)) or len(got) != 2:
            raise CheckFailed(f"{name} should return the pair (theta, v); got {describe(got)}.")
        for item, what in zip(got, ("theta", "v")):
            if item is None:
                raise CheckFailed(f"{name} returned None for {what}: return (theta, v), both new arrays.")
            if np.shape(item) != np.shape(theta):
                raise CheckFailed(f"The {what} returned by {name} has shape {np.shape(item)}; expected "
                                  f"{np.shape(theta)}, the shape of theta.")
        return got

    for lr, mu in settings:
        got = _trajectory(step, lr, mu, start)
        want = _trajectory(_momentum_step, lr, mu, start)
        if all(np.allclose(g, w, rtol=1e-9, atol=1e-12) for g, w in zip(got, want)):
            continue
        hint = next((m.says for m, wrong in diagnoses
                     if all(np.allclose(g, w, rtol=1e-9, atol=1e-12)
                            for g, w in zip(got, _trajectory(wrong, lr, mu, start)))), "")
        what = "theta" if not np.allclose(got[0], want[0], rtol=1e-9, atol=1e-12) else "the returned v"
        k = int(np.argmax(~np.all(np.isclose(got[what != "theta"], want[what != "theta"], rtol=1e-9, atol=1e-12),
                                  axis=1)))
        raise CheckFailed(f"With lr = {lr:.4g} and momentum = {mu:.4g}, {what} is wrong from step {k + 1} of 25 on. "
                          + (hint or "The rule: v = momentum * v + grad, then theta - lr * v; return both."))
    passed("momentum_step follows torch.optim.SGD's rule: v = momentum v + g, theta = theta - lr v.")


# ---------------------------------------------------------------- exercise 6: Adam

# The class of the exercise around the learner's code (the lines the answer cell keeps): a typical
# mistake's code goes where the learner's does.
_ADAM_CLASS = """class MyAdam:
    def __init__(self, lr, betas=(0.9, 0.999), eps=1e-8):
        self.lr, (self.beta1, self.beta2), self.eps = lr, betas, eps
        self.t = 0                   # the number of steps taken so far
        self.m, self.v = None, None  # running means, one array per parameter

    def step(self, params, grads):
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
{body}
"""


def _adam_class(mistake):
    ns = {"np": np, "math": math}
    body = "\n".join("        " + line for line in mistake.code.splitlines())
    exec(compile(_ADAM_CLASS.format(body=body), f"<mistake {mistake.name}>", "exec"), ns)
    return ns["MyAdam"]


class _Adam:
    """Exercise 6's reference: torch.optim.Adam's rule, t counted from 1."""

    def __init__(self, lr, betas=(0.9, 0.999), eps=1e-8):
        self.lr, (self.beta1, self.beta2), self.eps = lr, betas, eps
        self.t, self.m, self.v = 0, None, None

    def step(self, params, grads):
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.t += 1
        for theta, g, m, v in zip(params, grads, self.m, self.v):
            m *= self.beta1
            m += (1 - self.beta1) * g
            v *= self.beta2
            v += (1 - self.beta2) * g * g
            theta -= self.lr * (m / (1 - self.beta1 ** self.t)) / (np.sqrt(v / (1 - self.beta2 ** self.t)) + self.eps)


def _adam_settings(seed=None):
    """Two optimizers' (lr, betas, eps), none of them torch's defaults, and the seed of the gradients. Gradients
    as small as 1e-4 make eps count."""
    if seed is None:
        return [(0.02, (0.8, 0.99), 1e-4), (0.005, (0.95, 0.9), 1e-6)], 42
    rng = np.random.default_rng(_seed(47, seed))
    return [(float(rng.uniform(0.005, 0.03)), (float(rng.uniform(0.7, 0.85)), float(rng.uniform(0.95, 0.995))),
             float(10 ** rng.uniform(-5, -3.5))),
            (float(rng.uniform(0.002, 0.01)), (float(rng.uniform(0.9, 0.97)), float(rng.uniform(0.8, 0.95))),
             float(10 ** rng.uniform(-7, -5)))], _seed(42, seed)


def _adam_run(make, settings, gseed, steps=30, together=True):
    """Parameters after each step of two optimizers (three and two arrays), stepped in turn (``together``) or
    the first one alone."""
    rng = np.random.default_rng(gseed)
    shapes = [[(3, 4), (5,), (2, 2)], [(4,), (3, 3)]]
    params = [[rng.normal(size=s) for s in group] for group in shapes]
    scales = [np.array([1e-4, 1.0, 10.0]), np.array([0.01, 1.0])]
    opts = [make(*s) for s in settings]
    history = [[], []]
    for k in range(steps):
        for i in (range(2) if together else range(1)):
            grads = [rng.normal(size=p.shape) * scale * (0.2 + k % 5) for p, scale in zip(params[i], scales[i])]
            opts[i].step(params[i], grads)
            history[i].append(np.concatenate([p.ravel() for p in params[i]]))
    return [np.array(h) for h in history if h]


_ADAM_TAIL = code.ADAM_RIGHT_TAIL
_ADAM_MISTAKES = [
    Mistake("no bias correction", "self.t += 1\n" + code.ADAM_LOOP
            + "    theta -= self.lr * m / (np.sqrt(v) + self.eps)",
            "The steps match Adam without bias correction: divide m by (1 - beta1^t) and v by (1 - beta2^t).",
            words="bias correction"),
    Mistake("step count starting at 0", code.ADAM_LOOP + _ADAM_TAIL + "\nself.t += 1",
            "After one step the parameters are NaN or infinite. At the first step t must be 1: with t = 0 the bias "
            "correction 1 - beta1^0 = 0 divides by zero. Increment self.t before using it.", words="t must be 1",
            rule=True),
    Mistake("t one step ahead", "self.t += 1\n" + code.ADAM_LOOP
            + _ADAM_TAIL.replace("self.beta1 ** self.t", "self.beta1 ** (self.t + 1)")
            .replace("self.beta2 ** self.t", "self.beta2 ** (self.t + 1)"),
            "The bias correction uses t one step ahead: count the steps t = 1, 2, ... (increment t once per step, "
            "then use it).", words="one step ahead"),
    Mistake("eps inside the square root", "self.t += 1\n" + code.ADAM_LOOP
            + _ADAM_TAIL.replace("(np.sqrt(v_hat) + self.eps)", "np.sqrt(v_hat + self.eps)"),
            "eps is inside the square root: Adam divides by sqrt(v_hat) + eps.", words="inside the square root"),
    Mistake("parameters rebound, not updated in place", "self.t += 1\n" + code.ADAM_LOOP
            + _ADAM_TAIL.replace("theta -= self.lr", "theta = theta - self.lr"),
            "step did not change the parameters: update each array in place (theta -= ...), as torch.optim does; "
            "`theta = theta - ...` only rebinds a name.", words="in place", rule=True),
    Mistake("t incremented once per array, not once per step",
            code.ADAM_LOOP.replace("zip(params, grads, self.m, self.v):\n",
                                   "zip(params, grads, self.m, self.v):\n    self.t += 1\n") + _ADAM_TAIL,
            "The steps match Adam whose t counts the arrays, not the steps: `self.t += 1` sits inside the loop over "
            "the parameters, so with three arrays t runs 1, 2, 3 in the first step, 4, 5, 6 in the next. Increment "
            "t once per call of step, before the loop: every array of one step uses the same t.",
            words="once per call of step"),
    Mistake("moments re-assigned, their state lost",
            "self.t += 1\nfor theta, g, m, v in zip(params, grads, self.m, self.v):\n"
            "    m = self.beta1 * m + (1 - self.beta1) * g\n    v = self.beta2 * v + (1 - self.beta2) * g * g\n"
            + _ADAM_TAIL,
            "The steps match Adam whose running means restart from 0 at every step: `m = beta1 * m + ...` inside "
            "the loop makes a new array and binds it to the loop's name m, while self.m keeps its zeros. Change the "
            "stored arrays in place (m *= beta1; m += (1 - beta1) * g) or store the new ones back (self.m[i] = ...).",
            words="restart from 0"),
    Mistake("hyperparameters typed in",
            "self.t += 1\nfor theta, g, m, v in zip(params, grads, self.m, self.v):\n    m *= 0.9\n    m += 0.1 * g\n"
            "    v *= 0.999\n    v += 0.001 * g * g\n    m_hat = m / (1 - 0.9 ** self.t)\n"
            "    v_hat = v / (1 - 0.999 ** self.t)\n    theta -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-8)",
            "The steps are those of Adam with beta1 = 0.9, beta2 = 0.999 and eps = 1e-8 whatever MyAdam was built "
            "with (the check builds it with other values): use self.beta1, self.beta2 and self.eps.",
            words="whatever MyAdam was built with"),
    Mistake("learning rate typed in", "self.t += 1\n" + code.ADAM_LOOP
            + _ADAM_TAIL.replace("self.lr *", "0.01 *"),
            "The steps are those of learning rate 0.01 whatever MyAdam was built with (the check builds it with "
            "other rates): use self.lr.", words="whatever MyAdam was built with"),
    Mistake("the paper's efficient form (eps outside the bias correction)",
            "self.t += 1\nstep_size = self.lr * np.sqrt(1 - self.beta2 ** self.t) / (1 - self.beta1 ** self.t)\n"
            + code.ADAM_LOOP + "    theta -= step_size * m / (np.sqrt(v) + self.eps)",
            "The steps match Kingma and Ba's 'efficient' form, lr sqrt(1 - beta2^t) / (1 - beta1^t) m / (sqrt(v) "
            "+ eps), in which eps is not divided by the bias correction. torch.optim.Adam (and the exercise) divide "
            "by sqrt(v_hat) + eps; the two differ where sqrt(v_hat) is as small as eps, as in the check's smallest "
            "gradients.", words="efficient"),
    Mistake("bias correction of m only", "self.t += 1\n" + code.ADAM_LOOP
            + _ADAM_TAIL.replace("v / (1 - self.beta2 ** self.t)", "v"),
            "Only m is bias-corrected: v_hat = v / (1 - beta2^t) too. Without it the first steps are far too large, "
            "since v starts at 0 and (1 - beta2^t) is tiny.", words="only m"),
    Mistake("running means overwritten by their corrected values",
            "self.t += 1\n" + code.ADAM_LOOP + "    m /= 1 - self.beta1 ** self.t\n    v /= 1 - self.beta2 ** self.t\n"
            "    theta -= self.lr * m / (np.sqrt(v) + self.eps)",
            "The bias correction is applied to the stored running means themselves (m /= ..., v /= ...), so it "
            "accumulates from step to step. Keep m and v as they are and divide copies: "
            "m_hat = m / (1 - beta1^t).", words="running means themselves"),
    Mistake("state shared by every optimizer",
            "global _SHARED\nif '_SHARED' not in globals():\n    _SHARED = {'t': 0}\n_SHARED['t'] += 1\n"
            "t = _SHARED['t']\n" + code.ADAM_LOOP
            + _ADAM_TAIL.replace("self.beta1 ** self.t", "self.beta1 ** t").replace("self.beta2 ** self.t",
                                                                                   "self.beta2 ** t"),
            "A new MyAdam given the same first step as an earlier one moved the parameters differently, so two "
            "optimizers disturb each other: the step count "
            "or the running means live outside the instance (a global or the class), so both share them. Keep "
            "every piece of state on self.", words="two optimizers", rule=True),
]


def _adam_forbidden():
    found = [(optim.Adam, None), (optim.Adam.step, None)] + _forbidden("MyAdam")
    if hasattr(optim.Adam, "update"):
        found.append((optim.Adam.update, None))
    import sys

    torch = sys.modules.get("torch")
    if torch is not None:
        found += [(torch.optim.Adam.step, "MyAdam uses torch.optim.Adam: write the update yourself.")]
    return found


def check_adam(MyAdam, seed=None):
    """Two optimizers built with hyperparameters other than the defaults, stepped in turn 30 times on random
    gradients of very different sizes: the parameters equal torch.optim.Adam's."""
    __tracebackhide__ = True
    forbidden = _adam_forbidden()
    if MyAdam is None or not isinstance(MyAdam, type):
        raise CheckFailed(f"MyAdam should be the class of the answer cell; got {describe(MyAdam)}. Run the answer "
                          "cell (it defines class MyAdam), then this check.")
    if MyAdam is optim.Adam or issubclass(MyAdam, optim.Adam):
        raise CheckFailed("MyAdam is (or inherits from) nnlib.optim.Adam, the library's own version of the class "
                          "this exercise asks you to write. Write step yourself from the formulas.")
    settings, gseed = _adam_settings(seed)

    def make(lr, betas, eps):
        opt = call(lambda: MyAdam(lr, betas=betas, eps=eps), (), f"MyAdam({lr:g}, betas={betas}, eps={eps:g})",
                   forbidden=forbidden)
        step = getattr(opt, "step", None)
        if not callable(step):
            raise CheckFailed("MyAdam has no method step: keep the line `def step(self, params, grads):` of the "
                              "answer cell and write its body below the hint.")
        return _Stepped(step)

    # One step on ones: finite, and in place.
    opt = make(*settings[0])
    params = [np.ones(3)]
    with np.errstate(all="ignore"):
        opt.step(params, [np.array([1.0, -2.0, 0.5])])
    if not np.all(np.isfinite(params[0])):
        raise CheckFailed(_says(_ADAM_MISTAKES, "step count starting at 0"))
    if np.array_equal(params[0], np.ones(3)):
        raise CheckFailed(_says(_ADAM_MISTAKES, "parameters rebound, not updated in place"))
    first = params[0].copy()
    with np.errstate(all="ignore"):
        got = _adam_run(make, settings, gseed)
    want = _adam_run(_Adam, settings, gseed)
    # A fresh optimizer given the same first step must do the same as the first one did: if it does not,
    # some state lives outside the instance (a global, or the class), shared by every MyAdam.
    opt, params = make(*settings[0]), [np.ones(3)]
    with np.errstate(all="ignore"):
        opt.step(params, [np.array([1.0, -2.0, 0.5])])
    if not np.allclose(params[0], first, rtol=1e-12, atol=0) and not np.allclose(got[0], want[0], rtol=1e-8,
                                                                                     atol=1e-12):
        raise CheckFailed(_says(_ADAM_MISTAKES, "state shared by every optimizer"))
    diagnoses = []
    for m in _ADAM_MISTAKES:
        if not m.rule:
            diagnoses.append((lambda *a, m=m: _adam_run(_adam_class(m), settings, gseed), m.says))
    shown = ("the parameters over 30 steps of two MyAdam optimizers, built with "
             + " and ".join(f"lr = {lr:g}, betas = {b}, eps = {e:g}" for lr, b, e in settings))
    with np.errstate(all="ignore"):
        compare(shown, got, want, rtol=1e-8, atol=1e-12, diagnoses=diagnoses, hidden=seed is not None)
    passed("MyAdam follows torch.optim.Adam: running means, bias correction from t = 1, sqrt(v_hat) + eps, "
           "with the hyperparameters it was built with.")


class _Stepped:
    """A learner's optimizer whose ``step`` goes through the runner (time limit, watch, unchanged grads)."""

    def __init__(self, step):
        self._step = step

    def step(self, params, grads):
        __tracebackhide__ = True
        given = copy_args((grads,))
        try:
            call(self._step, (params, given[0]), "MyAdam.step", forbidden=_adam_forbidden())
        except CheckFailed as failed:
            if "NotImplementedError" in str(failed):  # step is this exercise's answer, not an earlier one
                raise CheckFailed("MyAdam.step still raises NotImplementedError: replace the line "
                                  "`raise NotImplementedError(...)` in step with your code, run that cell, then "
                                  "run this check again.") from None
            raise
        check_unchanged("MyAdam.step", given, (grads,))


# ---------------------------------------------------------------- exercise 7: He initialization

_HE_MISTAKES = [
    Mistake("He variance 1/n instead of 2/n", code.HE.format(std="np.sqrt(1 / s_in)"),
            "The variance is 1/s_in: He's variance for ReLU is 2/s_in, since a ReLU zeroes half of z.",
            words="2/s_in", rule=True),
    Mistake("2/n as the standard deviation", code.HE.format(std="2 / s_in"),
            "The variance is (2/s_in)^2: numpy's normal takes the standard deviation, so pass np.sqrt(2 / s_in).",
            words="standard deviation", rule=True),
    Mistake("Xavier instead of He", code.HE.format(std="np.sqrt(2 / (s_in + s_out))"),
            "The variance is 2/(s_in + s_out), Xavier's: for ReLU use He's 2/s_in.", words="Xavier", rule=True),
    Mistake("fan-out instead of fan-in", code.HE.format(std="np.sqrt(2 / s_out)"),
            "The variance is 2/s_out: use the number of inputs s_in (the fan-in).", words="fan-in", rule=True),
    Mistake("fan-in counting the bias column, 2/(s_in + 1)", code.HE.format(std="np.sqrt(2.0 / (s_in + 1))"),
            "The variance is 2/(s_in + 1): the fan-in counts the inputs a_1..a_s_in only. The bias column is not an "
            "input with a random weight (its weights start at 0 and add nothing to the variance of z), so use "
            "np.sqrt(2 / s_in).", words="2/(s_in + 1)", rule=True),
    Mistake("no bias column", "return np.random.default_rng(seed).normal(0, np.sqrt(2 / s_in), (s_out, s_in))",
            "The bias column is missing: put a column of zeros in front (shape (s_out, s_in + 1)).",
            words="bias column", rule=True),
    Mistake("bias column last",
            "rng = np.random.default_rng(seed)\n"
            "return np.hstack([rng.normal(0, np.sqrt(2 / s_in), (s_out, s_in)), np.zeros((s_out, 1))])",
            "The zero column is the last one: the bias weights are column 0 (the bias unit comes first), so put "
            "the zeros in front.", words="column 0", rule=True),
    Mistake("bias weights drawn too",
            "return np.random.default_rng(seed).normal(0, np.sqrt(2 / s_in), (s_out, s_in + 1))",
            "The bias column (column 0) should start at zero; the variance argument concerns the weights that "
            "multiply the inputs, columns 1 onward.", words="start at zero", rule=True),
    Mistake("seed ignored", "rng = np.random.default_rng()\n"
            "return np.hstack([np.zeros((s_out, 1)), rng.normal(0, np.sqrt(2 / s_in), (s_out, s_in))])",
            "Two calls with the same seed gave different weights: make the generator from the seed "
            "(np.random.default_rng(seed)).", words="seed", rule=True),
    Mistake("uniform instead of normal",
            "rng = np.random.default_rng(seed)\nr = np.sqrt(6 / s_in)\n"
            "return np.hstack([np.zeros((s_out, 1)), rng.uniform(-r, r, (s_out, s_in))])",
            "The variance is right, but the weights are uniform (none beyond sqrt(3) standard deviations): the "
            "exercise asks for a normal distribution, rng.normal(0, np.sqrt(2 / s_in), ...) (torch's "
            "kaiming_normal_; kaiming_uniform_ is the uniform twin).", words="uniform", rule=True),
    Mistake("transposed", "rng = np.random.default_rng(seed)\n"
            "return np.vstack([np.zeros((1, s_out)), rng.normal(0, np.sqrt(2 / s_in), (s_in, s_out))])",
            "The matrix looks transposed: Theta has one row per output, shape (s_out, s_in + 1).",
            words="transposed", rule=True),
]


def _as_matrix(value, call_text):
    """The learner's weights as a 2-D float array, or CheckFailed saying what came back instead."""
    __tracebackhide__ = True
    if value is None:
        raise CheckFailed(f"{call_text} returned None: did you forget `return`?")
    if isinstance(value, (str, bytes, dict, set)) or np.isscalar(value):
        raise CheckFailed(f"{call_text} should return a numpy array of shape (s_out, s_in + 1); got "
                          f"{describe(value)}.")
    if isinstance(value, tuple) and value and all(isinstance(v, np.ndarray) for v in value):
        raise CheckFailed(f"{call_text} returned a tuple of {len(value)} arrays; return one matrix of shape "
                          "(s_out, s_in + 1): the zero bias column and the weights side by side (np.hstack).")
    try:
        with np.errstate(all="ignore"):
            arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise CheckFailed(f"{call_text} should return a numpy array of numbers; got {describe(value)}.") from None
    if arr.ndim != 2:
        raise CheckFailed(f"{call_text} has shape {arr.shape}; expected a matrix of shape (s_out, s_in + 1).")
    if not np.all(np.isfinite(arr)):
        raise CheckFailed(f"{call_text} holds NaN or infinite weights.")
    return arr


def _he_variance(w, s_in, s_out, few=False):
    """The measured variance of the weights w over 2/s_in; CheckFailed unless it is 1 (within 5%), the mean 0 and
    the distribution normal."""
    __tracebackhide__ = True
    ratio = w.var() / (2.0 / s_in)
    mean = abs(w.mean()) / np.sqrt(2.0 / s_in)
    if abs(ratio - 1) < 0.05 and mean < 0.05:
        z = (w - w.mean()) / w.std()
        kurtosis = float(np.mean(z ** 4))  # 3 for a normal distribution, 1.8 for a uniform one
        if kurtosis < 2.4:
            raise CheckFailed(_says(_HE_MISTAKES, "uniform instead of normal"))
        return ratio
    known = [(0.5, "He variance 1/n instead of 2/n"), (s_in / (s_in + s_out), "Xavier instead of He"),
             (s_in / s_out, "fan-out instead of fan-in"), (2.0 / s_in, "2/n as the standard deviation"),
             (s_in / (s_in + 1), "fan-in counting the bias column, 2/(s_in + 1)")]
    hint = next((_says(_HE_MISTAKES, name) for r, name in known if abs(ratio / r - 1) < 0.1), "")
    where = f" of a layer with only s_in = {s_in} inputs" if few else ""
    raise CheckFailed(f"The weights (columns 1 onward){where} have variance {w.var():.3g} and mean {w.mean():.3g}; "
                      f"He's is mean 0 and variance 2/s_in. {hint}".rstrip())


def check_he_init(he_init, seed=None):
    """Shape, zero bias column, seeded, and the variance 2 / s_in of the other weights, normally distributed."""
    __tracebackhide__ = True
    s_in, s_out, s0 = 400, 100, 0
    rng = np.random.default_rng(_seed(44, seed))
    if seed is not None:  # other sizes (enough weights, about 40,000, to measure the variance) and seeds
        s_in, s_out, s0 = int(rng.integers(350, 500)), int(rng.integers(90, 130)), int(rng.integers(2, 1000))

    def weights(s_in, s_out, s):
        text = f"he_init({s_in}, {s_out}, {s})"
        theta = _as_matrix(call(he_init, (s_in, s_out, s), "he_init", forbidden=_forbidden("he_init")), text)
        if theta.shape != (s_out, s_in + 1):
            hint = ""
            if theta.shape == (s_in + 1, s_out):
                hint = " " + _says(_HE_MISTAKES, "transposed")
            elif theta.shape == (s_out, s_in):
                hint = " " + _says(_HE_MISTAKES, "no bias column")
            raise CheckFailed(f"{text} has shape {theta.shape}; expected (s_out, s_in + 1) = "
                              f"{(s_out, s_in + 1)}.{hint}")
        return theta

    theta = weights(s_in, s_out, s0)
    if not np.all(theta[:, 0] == 0):
        if np.all(theta[:, -1] == 0):
            raise CheckFailed(_says(_HE_MISTAKES, "bias column last"))
        raise CheckFailed(_says(_HE_MISTAKES, "bias weights drawn too"))
    if not np.array_equal(theta, weights(s_in, s_out, s0)):
        raise CheckFailed(_says(_HE_MISTAKES, "seed ignored"))
    if np.array_equal(theta, weights(s_in, s_out, s0 + 1)):
        raise CheckFailed(f"Seeds {s0} and {s0 + 1} gave the same weights: use the seed argument.")
    w = theta[:, 1:]
    if np.unique(w).size < w.size // 2:
        raise CheckFailed("Many weights are equal: draw every weight independently at random.")
    first = _he_variance(w, s_in, s_out)
    # A layer with very few inputs, where 2/(s_in + 1) is far from 2/s_in (2/3 of it for s_in = 2): many
    # weights (40,000 or more) so that the measured variance is within 1% of the true one.
    s_in, s_out = (2, 20000) if seed is None else (int(rng.integers(2, 4)), int(rng.integers(20000, 25000)))
    few = _he_variance(weights(s_in, s_out, s0)[:, 1:], s_in, s_out, few=True)
    passed(f"he_init: shape (s_out, s_in + 1), zero bias column, variance 2/s_in (measured {first:.2f} x 2/s_in, "
           f"and {few:.2f} x 2/s_in with s_in = {s_in}).")


# ---------------------------------------------------------------- exercise 8: a network from layer pairs


def _two_layer_loss(params, X, y):
    """Exercise 8's reference, from the check's own layers (exercises 3 and 4)."""
    Theta1, Theta2 = params
    z2 = X @ Theta1[:, 1:].T + Theta1[:, 0]
    a2 = np.maximum(z2, 0.0)
    scores = a2 @ Theta2[:, 1:].T + Theta2[:, 0]
    J, dscores = _softmax_cross_entropy(scores, y)
    da2, dTheta2 = _affine_backward(dscores, (a2, Theta2))
    _, dTheta1 = _affine_backward(da2 * (z2 > 0), (X, Theta1))
    return [J, [dTheta1, dTheta2]]


def _network_cases(seed=None):
    rng = np.random.default_rng(_seed(43, seed))
    shapes = ((7, 3, 5, 4), (9, 4, 6, 3))
    if seed is not None:
        shapes = [tuple(int(k) for k in rng.choice(np.arange(2, 11), size=4, replace=False)) for _ in shapes]
    out = []
    for m, n, h, K in shapes:
        params = [rng.normal(size=(h, n + 1)), rng.normal(size=(K, h + 1))]
        X = rng.normal(size=(m, n))
        out.append((f"X {X.shape}, Theta1 {params[0].shape}, Theta2 {params[1].shape}", (params, X, np.arange(m) % K)))
    return out


def _network_probe(seed=None):
    """500 examples, 150 inputs, 300 hidden units, 30 classes: 54,330 weights."""
    rng = np.random.default_rng(_seed(48, seed))
    m, n, h, K = 500, 150, 300, 30
    params = [rng.normal(size=(h, n + 1)) / np.sqrt(n), rng.normal(size=(K, h + 1)) / np.sqrt(h)]
    return (f"X ({m}, {n}), Theta1 {params[0].shape}, Theta2 {params[1].shape}",
            (params, rng.normal(size=(m, n)), rng.integers(0, K, size=m)), sum(p.size for p in params))


class _CountedLayers:
    """nnlib.layers with its forward functions counted (a numerical gradient calls them twice per weight)."""

    FORWARDS = ("affine_forward", "relu_forward", "softmax_cross_entropy", "sigmoid_forward", "tanh_forward",
                "softmax")

    def __init__(self):
        self.calls = 0

    def __getattr__(self, name):
        f = getattr(layers, name)
        if name not in self.FORWARDS:
            return f

        def counted(*args, **kwargs):
            self.calls += 1
            return f(*args, **kwargs)
        return counted


_TWO_LAYER_TAIL = "dz2 = layers.relu_backward(da2, cache_relu)\n_, dTheta1 = layers.affine_backward(dz2, cache1)\n"
_TWO_LAYER_MISTAKES = [
    Mistake("ReLU skipped in the backward pass",
            code.TWO_LAYER + "_, dTheta1 = layers.affine_backward(da2, cache1)\nreturn J, [dTheta1, dTheta2]",
            "dTheta1 matches a backward pass that skips the ReLU: pass da2 through relu_backward before the first "
            "affine layer's backward.", words="relu_backward"),
    Mistake("dividing by m twice",
            code.TWO_LAYER + _TWO_LAYER_TAIL + "m = len(X)\nreturn J, [dTheta1 / m, dTheta2 / m]",
            "The gradients are divided by m twice: softmax_cross_entropy's dscores is already (p - Y) / m.",
            words="twice"),
    Mistake("gradients in the wrong order", code.TWO_LAYER + _TWO_LAYER_TAIL + "return J, [dTheta2, dTheta1]",
            "The gradients come in the wrong order: return them in the order of params, [dTheta1, dTheta2], so "
            "that an optimizer pairs each gradient with its matrix.", words="order of params"),
    Mistake("numerical gradient with nnlib", code.TWO_LAYER + "import nnlib\n"
            "f = lambda ps: layers.softmax_cross_entropy(layers.affine_forward(layers.relu_forward("
            "layers.affine_forward(X, ps[0])[0])[0], ps[1])[0], y)[0]\n"
            "return J, nnlib.numerical_gradient(f, [Theta1, Theta2])",
            "two_layer_loss calls nnlib.numerical_gradient: that is a numerical gradient, and the exercise asks for "
            "the backward pass, worked out with the chain rule.", words="numerical gradient", rule=True),
    Mistake("numerical gradient through nnlib.layers", code.TWO_LAYER_NUMERICAL,
            "two_layer_loss called the layers' forward functions thousands of times in one call: that is a "
            "numerical gradient (finite differences evaluate the network twice per weight). Run each forward once, "
            "then each backward once, in reverse order.", words="numerical gradient", rule=True),
    Mistake("numerical gradient in numpy", code.TWO_LAYER_NUMERICAL_NUMPY,
            _numerical_says("two_layer_loss", 54330), words="numerically", rule=True),
]


def check_two_layer(two_layer_loss, seed=None):
    """J and both gradients of affine - ReLU - affine - softmax on small cases and on a large one (where a
    numerical gradient runs out of time), with at most a few forward passes per call."""
    __tracebackhide__ = True
    name = "two_layer_loss"
    forbidden = (_forbidden(name, allowed=(_affine_backward, _softmax_cross_entropy))
                 + torch_forbidden(_AUTOGRAD.format(name=name)))
    counted = _CountedLayers()
    swap = {"layers": counted, "affine_backward": _affine_backward, "softmax_cross_entropy": _softmax_cross_entropy}
    diagnoses = _diagnoses(_TWO_LAYER_MISTAKES, name, "params, X, y", "Theta1, Theta2 = params\n", {"layers": layers})

    def run(args, limit=None):
        given = copy_args(args)
        before = counted.calls
        got = call(two_layer_loss, given, name, forbidden=forbidden, swap=swap,
                   **({"time_limit_s": limit} if limit else {}))
        if counted.calls - before > 12:
            raise CheckFailed(_says(_TWO_LAYER_MISTAKES, "numerical gradient through nnlib.layers")
                              .replace("thousands of", f"{counted.calls - before:,}"))
        check_unchanged(name, given, args)
        if not isinstance(got, (list, tuple)) or len(got) != 2 or not isinstance(got[1], (list, tuple)):
            raise CheckFailed(f"{name} should return (J, [dTheta1, dTheta2]); got {describe(got)}.")
        return [got[0], *got[1]]

    label, args, numbers = _network_probe(seed)
    try:
        big = run(args, PROBE_SECONDS)
    except CheckFailed as failed:
        if "did not finish within" in str(failed):
            raise CheckFailed(_numerical_says(name, numbers)) from None
        raise
    for label_k, case in _network_cases(seed):
        got = run(case)
        want = _two_layer_loss(*case)
        compare(f"{name} on {label_k}", got, [want[0], *want[1]], rtol=1e-9, atol=1e-12,
                diagnoses=[(lambda *a, w=w: (lambda r: [r[0], *r[1]])(w(*a)), says) for w, says in diagnoses],
                args=case, hidden=seed is not None)
    want = _two_layer_loss(*args)
    compare(f"{name} on {label}", big, [want[0], *want[1]], rtol=1e-9, atol=1e-12, hidden=seed is not None)
    passed("two_layer_loss: the layers' forward in order and backward in reverse, gradients exact.")


#: Each exercise's typical mistakes, by the grade_id of its answer cell (the tests run each as the answer).
MISTAKES = {
    "topological_order_answer": _TOPOLOGICAL_MISTAKES,
    "backward_answer": _BACKWARD_MISTAKES,
    "affine_backward_answer": _AFFINE_MISTAKES,
    "softmax_cross_entropy_answer": _SOFTMAX_MISTAKES,
    "momentum_step_answer": _MOMENTUM_MISTAKES,
    "adam_answer": _ADAM_MISTAKES,
    "he_init_answer": _HE_MISTAKES,
    "two_layer_answer": _TWO_LAYER_MISTAKES,
}
