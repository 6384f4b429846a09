"""Training by repeated backprop and optimizer steps, and the progress bar (nnlib.training)."""

import numpy as np
import pytest

import nnlib
from nnlib import data


def small_problem(sizes, m=7, seed=0):
    rng = np.random.default_rng(seed)
    thetas = nnlib.init_weights(sizes, seed=seed + 1)
    X = rng.normal(size=(m, sizes[0]))
    K = sizes[-1]
    y = rng.integers(0, 2, m) if K == 1 else rng.integers(0, K, m)
    return thetas, X, y


def test_train_lowers_the_cost_and_reaches_high_accuracy_on_fruit():
    X, y = data.fruit(n_per_class=30, seed=1)
    X = data.standardize(X)
    thetas = nnlib.init_weights([2, 1], seed=0)
    result = nnlib.train(thetas, X, y, learning_rate=1.0, iterations=300)
    assert result.iterations == 300
    assert result.history[-1] < 0.25 * result.history[0]
    assert all(b <= a + 1e-12 for a, b in zip(result.history, result.history[1:]))
    assert np.mean(nnlib.predict(result.thetas, X) == y) == 1.0


def test_train_callback_mini_batches_and_optimizer_plug_in():
    thetas, X, y = small_problem([3, 4, 3], m=40)
    seen = []
    result = nnlib.train(thetas, X, y, iterations=50, callback=lambda i, J, ts: seen.append(i) or i == 9)
    assert seen == list(range(10)) and result.iterations == 10
    mb1 = nnlib.train(thetas, X, y, iterations=5, batch_size=8, seed=2)
    mb2 = nnlib.train(thetas, X, y, iterations=5, batch_size=8, seed=2)
    assert mb1.history == mb2.history  # seeded shuffling: reproducible

    class Halving:
        def __init__(self):
            self.calls = 0

        def step(self, params, grads):
            self.calls += 1
            for t, g in zip(params, grads):
                t -= 0.5 * g

    opt = Halving()
    nnlib.train(thetas, X, y, iterations=3, batch_size=20, optimizer=opt)
    assert opt.calls == 6  # 2 mini-batches in each of 3 passes


def test_train_reports_divergence():
    X = np.array([[1.0e3], [-1.0e3]])
    with pytest.raises(FloatingPointError, match="smaller learning rate"):
        nnlib.train([np.array([[0.0, 0.0]])], X, [1, 0], learning_rate=1e308, iterations=5)


def test_a_network_learns_the_digits():
    X, y = data.digits()
    Xtr, Xte, ytr, yte = data.train_test_split(X, y, seed=0)
    Xtr, Xte = data.standardize(Xtr, Xte)
    result = nnlib.train(nnlib.init_weights([64, 25, 10], seed=0), Xtr, ytr,
                         learning_rate=4.0, iterations=150)
    assert np.mean(nnlib.predict(result.thetas, Xte) == yte) >= 0.95


def test_progress_bar_prints_every_n_steps_and_never_stops(capsys):
    X, y = nnlib.data.fruit()
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    seen = []
    bar = nnlib.ProgressBar(25, every=10, report=lambda step, ts: seen.append(step) or f"report {step}")
    result = nnlib.train(nnlib.init_weights([2, 1], seed=0), X, y, iterations=25, callback=bar)
    lines = capsys.readouterr().out.splitlines()
    assert result.iterations == 25 and seen == [10, 20, 25]
    assert [line.split(":")[0] for line in lines] == ["step 10", "step 20", "step 25"]
    assert lines[0] == f"step 10: cost {result.history[9]:.4f}, report 10"


def test_progress_bar_fills_its_widget_in_a_notebook(monkeypatch):
    import IPython

    monkeypatch.setattr(IPython, "get_ipython", lambda: object())  # as if in a kernel
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: None)
    bar = nnlib.ProgressBar(3, every=5)
    for it in range(3):
        bar(it, 1.0, None)
    assert bar.bar.value == 3 and bar.bar.max == 3 and "step 3 of 3" in bar.label.value


def test_progress_bar_redraws_ten_times_a_second_and_at_the_end(monkeypatch):
    import IPython

    from nnlib.viz import progress

    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: None)
    clock = iter(range(10_000))  # a step every 10 ms
    monkeypatch.setattr(progress.time, "perf_counter", lambda: next(clock) / 100)
    bar = nnlib.ProgressBar(1000, every=5000)
    values = []
    bar.bar.observe(lambda change: values.append(change["new"]), "value")
    for it in range(1000):  # 10 s of training
        bar(it, 1.0, None)
    assert 95 <= len(values) <= 101 and values[-1] == 1000  # one redraw per 0.1 s, and the last step
    assert "step 1000 of 1000" in bar.label.value


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "10"])
def test_progress_bar_checks_its_numbers(bad):
    with pytest.raises(ValueError, match="whole number"):
        nnlib.ProgressBar(bad)
    with pytest.raises(ValueError, match="every"):
        nnlib.ProgressBar(10, every=bad)
