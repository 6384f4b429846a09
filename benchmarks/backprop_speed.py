"""How fast is nnlib's backprop? One table, printed.

    .venv/bin/python benchmarks/backprop_speed.py

Problem: the 8x8 digits (1797 x 64), network 64-25-10, float64, one BLAS
thread (small networks run best on one; see the notes at the end).

1. One cost-and-gradient evaluation: ``nnlib.fast.backprop`` (what
   ``train`` runs) and ``nnlib.backprop`` (the lesson's equations) against a
   per-example loop (the textbook algorithm, one example at a time) and
   against PyTorch CPU autograd of the same cost, when torch is installed
   (an optional extra, not in requirements.txt; the README says how to install
   the CPU-only build).
2. Time to reach 97% test accuracy: ``nnlib.train`` (full-batch gradient
   descent) against scikit-learn's ``MLPClassifier`` with the same hidden
   layer of 25 units (adam, its default), both on standardized inputs.

Targets: nnlib.fast no slower than PyTorch autograd, at least 50x faster than
the loop. The contenders are timed in turn within each of 40 rounds, so a
shared machine's changing load falls on all of them alike; the ratios are
medians of the per-round ratios, with their range.
"""

import time
import warnings

import numpy as np
from threadpoolctl import threadpool_limits

import nnlib
from nnlib import data
from nnlib import fast

ROUNDS = 40


def call_ms(f, calls):
    """Milliseconds per call of f, the median of `calls` back-to-back calls."""
    times = []
    for _ in range(calls):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return 1e3 * float(np.median(times))


def interleaved_ms(contenders, rounds):
    """Time every contender once per round, in turn, for `rounds` rounds.

    contenders: {name: (f, calls per round)}. A shared machine's load comes and
    goes; timing the contenders one after another within each round puts them
    under the same load, so the per-round ratios are fair even when the
    absolute times drift. Returns {name: array of per-round ms}.
    """
    for f, _ in contenders.values():  # warm up: caches, BLAS buffers, first-call costs
        f()
        f()
    per_round = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, (f, calls) in contenders.items():
            per_round[name].append(call_ms(f, calls))
    return {name: np.array(ms) for name, ms in per_round.items()}


def loop_backprop(thetas, X, Y):
    """The per-example algorithm: forward and backward for one row at a time, then average."""
    m = X.shape[0]
    grads = [np.zeros_like(t) for t in thetas]
    J = 0.0
    for i in range(m):
        a = [np.concatenate(([1.0], X[i]))]
        for t in thetas:
            z = t @ a[-1]
            a.append(np.concatenate(([1.0], 1 / (1 + np.exp(-z)))))
        h = a[-1][1:]
        J -= np.sum(Y[i] * np.log(h) + (1 - Y[i]) * np.log(1 - h))
        delta = h - Y[i]
        for l in range(len(thetas) - 1, -1, -1):
            grads[l] += np.outer(delta, a[l])
            if l > 0:
                delta = (thetas[l].T @ delta)[1:] * a[l][1:] * (1 - a[l][1:])
    return J / m, [g / m for g in grads]


def torch_backprop_fn(thetas, X, Y):
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    Xt, Yt = torch.tensor(X), torch.tensor(Y)
    T = [torch.tensor(t, requires_grad=True) for t in thetas]

    def run():
        for p in T:
            p.grad = None
        a = Xt
        for t in T:
            z = a @ t[:, 1:].T + t[:, 0]
            a = torch.sigmoid(z)
        J = torch.nn.functional.binary_cross_entropy_with_logits(z, Yt, reduction="sum") / Xt.shape[0]
        J.backward()
        return J.item(), [p.grad for p in T]

    run.version = torch.__version__
    return run


def time_to_accuracy_nnlib(Xtr, ytr, Xte, yte, target):
    state = {"best": 0.0}

    def callback(i, J, thetas):
        acc = np.mean(nnlib.predict(thetas, Xte) == yte)
        state["best"] = max(state["best"], acc)
        if acc >= target and "iterations" not in state:
            state.update(iterations=i + 1, accuracy=acc)
            return True
        return False

    t0 = time.perf_counter()
    nnlib.train(nnlib.init_weights([64, 25, 10], seed=0), Xtr, ytr, learning_rate=4.0,
                iterations=400, callback=callback)
    return time.perf_counter() - t0, state.get("iterations"), state.get("accuracy", state["best"])


def time_to_accuracy_sklearn(Xtr, ytr, Xte, yte, target):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    clf = MLPClassifier(hidden_layer_sizes=(25,), max_iter=1, warm_start=True, random_state=0)
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        best = 0.0
        for epoch in range(1, 301):
            clf.fit(Xtr, ytr)  # one more epoch each call (warm_start)
            acc = clf.score(Xte, yte)
            best = max(best, acc)
            if acc >= target:
                return time.perf_counter() - t0, epoch, acc
    return time.perf_counter() - t0, None, best


def main():
    X, y = data.digits()
    Y = nnlib.one_hot(y, 10)
    thetas = nnlib.init_weights([64, 25, 10], seed=0)
    rows = []
    with threadpool_limits(1):
        J, grads = nnlib.backprop(thetas, X, Y)
        J_fast, grads_fast = fast.backprop(thetas, X, Y)
        assert abs(J_fast - J) <= 1e-12 * J and nnlib.relative_difference(grads_fast, grads) < 1e-12
        J_loop, grads_loop = loop_backprop(thetas, X, Y)
        assert abs(J - J_loop) < 1e-10 and nnlib.relative_difference(grads, grads_loop) < 1e-10
        checked_X, checked_Y = X.astype(float), Y.astype(float)
        contenders = {
            "fast": (lambda: fast.backprop(thetas, X, Y), 15),
            "inner": (lambda: fast.cost_and_gradient(thetas, checked_X, checked_Y, 0.0), 15),
            "textbook": (lambda: nnlib.backprop(thetas, X, Y), 5),
            "loop": (lambda: loop_backprop(thetas, X, Y), 1),
        }
        torch_run = torch_backprop_fn(thetas, X, Y)
        if torch_run is not None:
            Jt, gt = torch_run()
            assert abs(Jt - J) < 1e-10 and nnlib.relative_difference(grads, [g.numpy() for g in gt]) < 1e-10
            contenders["torch"] = (torch_run, 15)
        ms = interleaved_ms(contenders, ROUNDS)

        def ratio(name):  # per round, contender's time / fast's time: median and range;
            r = ms[name] / ms["fast"]  # then the ratio of the two fastest rounds, the least disturbed
            return np.median(r), r.min(), r.max(), ms[name].min() / ms["fast"].min()

        rows.append(("nnlib.fast.backprop (checks inputs)", ms["fast"], ""))
        rows.append(("  fast.cost_and_gradient, as train() calls it", ms["inner"], ""))
        rows.append(("nnlib.backprop, the lesson's equations", ms["textbook"],
                     "{:.1f}x fast's time (rounds {:.1f}-{:.1f}, fastest {:.1f})".format(*ratio("textbook"))))
        rows.append(("per-example loop", ms["loop"],
                     "{:.0f}x fast's time (rounds {:.0f}-{:.0f}, fastest {:.0f}); goal >= 50x".format(*ratio("loop"))))
        if torch_run is not None:
            rows.append((f"PyTorch {torch_run.version} CPU autograd", ms["torch"],
                         "{:.2f}x fast's time (rounds {:.2f}-{:.2f}, fastest {:.2f}); goal >= 1x".format(*ratio("torch"))))
        else:
            rows.append(("PyTorch CPU autograd", None, "torch not installed (optional)"))

        target = 0.97
        races = []
        for split in (0, 1, 2):  # the test set's difficulty varies from split to split
            Xtr, Xte, ytr, yte = data.train_test_split(X, y, test_fraction=0.25, seed=split)
            Xtr, Xte = data.standardize(Xtr, Xte)
            races.append((split, time_to_accuracy_nnlib(Xtr, ytr, Xte, yte, target),
                          time_to_accuracy_sklearn(Xtr, ytr, Xte, yte, target)))

    print("One cost-and-gradient evaluation, digits 1797 x 64, network 64-25-10, float64, 1 thread")
    print(f"{ROUNDS} rounds, each timing every contender in turn; ms per call, median and range over rounds")
    print(f"{'':46} {'median':>8} {'min':>7} {'max':>7}  note")
    for name, t, note in rows:
        if t is None:
            print(f"{name:46} {'-':>8} {'-':>7} {'-':>7}  {note}")
        else:
            print(f"{name:46} {np.median(t):8.2f} {t.min():7.2f} {t.max():7.2f}  {note}")
    print(f"\nTime to {target:.0%} test accuracy (train 1348 / test 449 digits, standardized, 25 hidden units)")
    print(f"{'':46} {'seconds':>8} {'steps':>6}  test accuracy")
    for split, ours_t, sk_t in races:
        for name, (secs, steps, acc) in ((f"split {split}: nnlib.train, gradient descent, rate 4", ours_t),
                                         (f"split {split}: scikit-learn MLPClassifier (adam)", sk_t)):
            reached = f"{acc:.3f}" if steps else f"best {acc:.3f}: {target:.0%} not reached"
            print(f"{name:46} {secs:8.2f} {str(steps or '-'):>6}  {reached}")
    print("\n(steps: full-batch iterations for nnlib, epochs for scikit-learn)")


if __name__ == "__main__":
    main()
