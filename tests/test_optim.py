"""nnlib.optim: each optimizer's update rule computed by hand, in place, with clear errors."""

import numpy as np
import pytest

from nnlib import optim


def _problem(seed=0):
    rng = np.random.default_rng(seed)
    return [rng.normal(size=(3, 4)), rng.normal(size=5)], rng


def test_momentum_by_hand():
    theta = np.array([1.0, -2.0])
    opt = optim.Momentum(0.1, momentum=0.5)
    g1, g2 = np.array([1.0, 2.0]), np.array([-1.0, 4.0])
    opt.step([theta], [g1])
    np.testing.assert_allclose(theta, [1.0 - 0.1, -2.0 - 0.2])  # first velocity = the gradient
    opt.step([theta], [g2])
    v2 = 0.5 * g1 + g2
    np.testing.assert_allclose(theta, [0.9 - 0.1 * v2[0], -2.2 - 0.1 * v2[1]])


def test_momentum_zero_is_gradient_descent():
    params, rng = _problem()
    twin = [p.copy() for p in params]
    m, gd = optim.Momentum(0.05, momentum=0.0), optim.GradientDescent(0.05)
    for _ in range(5):
        grads = [rng.normal(size=p.shape) for p in params]
        m.step(params, grads)
        gd.step(twin, grads)
    for p, q in zip(params, twin):
        np.testing.assert_allclose(p, q, rtol=1e-14)


def test_rmsprop_by_hand():
    theta = np.array([1.0])
    opt = optim.RMSprop(0.01, alpha=0.9, eps=1e-8)
    s = 0.0
    expected = 1.0
    for g in (2.0, -1.0, 0.5):
        opt.step([theta], [np.array([g])])
        s = 0.9 * s + 0.1 * g * g
        expected -= 0.01 * g / (np.sqrt(s) + 1e-8)
    assert theta[0] == pytest.approx(expected, rel=1e-14)


def test_adam_by_hand_with_bias_correction_from_step_one():
    theta = np.array([0.0])
    opt = optim.Adam(0.1)
    opt.step([theta], [np.array([3.0])])
    # after one step m_hat = g, v_hat = g^2: the step is lr * g / (|g| + eps), about lr
    assert theta[0] == pytest.approx(-0.1 * 3.0 / (3.0 + 1e-8), rel=1e-14)
    for g in (-1.0, 2.0, 0.25):
        opt.step([theta], [np.array([g])])
    # recompute the whole run by the textbook equations
    theta2, m, v = 0.0, 0.0, 0.0
    for t, g in enumerate((3.0, -1.0, 2.0, 0.25), start=1):
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        theta2 -= 0.1 * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    assert theta[0] == pytest.approx(theta2, rel=1e-12)
    assert opt.t == 4


def test_amsgrad_uses_the_largest_v_seen():
    theta_a, theta_b = np.array([0.0]), np.array([0.0])
    plain, ams = optim.Adam(0.1), optim.Adam(0.1, amsgrad=True)
    for g in (10.0, 0.1, 0.1):
        plain.step([theta_a], [np.array([g])])
        ams.step([theta_b], [np.array([g])])
    theta, m, v, vmax = 0.0, 0.0, 0.0, 0.0
    for t, g in enumerate((10.0, 0.1, 0.1), start=1):
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        vmax = max(vmax, v)
        theta -= 0.1 / (1 - 0.9 ** t) * m / (np.sqrt(vmax) / np.sqrt(1 - 0.999 ** t) + 1e-8)
    assert theta_b[0] == pytest.approx(theta, rel=1e-12)
    assert theta_a[0] != pytest.approx(theta_b[0], rel=1e-6)


@pytest.mark.parametrize("make", [lambda: optim.Momentum(0.1), lambda: optim.RMSprop(0.01), lambda: optim.Adam(0.01)])
def test_step_updates_in_place_and_returns_none(make):
    params, rng = _problem(1)
    ids = [id(p) for p in params]
    before = [p.copy() for p in params]
    grads = [rng.normal(size=p.shape) for p in params]
    assert make().step(params, grads) is None
    assert [id(p) for p in params] == ids
    assert all(not np.array_equal(p, b) for p, b in zip(params, before))
    # each step goes downhill along every coordinate: against the gradient's sign
    for p, b, g in zip(params, before, grads):
        assert np.all(np.sign(p - b) == -np.sign(g))


@pytest.mark.parametrize("make", [lambda: optim.Momentum(0.02), lambda: optim.RMSprop(0.01), lambda: optim.Adam(0.05)])
def test_optimizers_minimize_a_quadratic(make):
    A = np.diag([1.0, 10.0])
    theta = np.array([3.0, 1.0])
    opt = make()
    for _ in range(500):
        opt.step([theta], [A @ theta])
    assert 0.5 * theta @ A @ theta < 1e-3


@pytest.mark.parametrize("call,words", [
    (lambda: optim.Momentum(-1), "positive"),
    (lambda: optim.Momentum(0.1, momentum=1.0), "[0, 1)"),
    (lambda: optim.RMSprop(0.1, alpha=1.5), "alpha"),
    (lambda: optim.RMSprop(0.1, eps=0), "eps"),
    (lambda: optim.Adam(0.1, betas=0.9), "pair"),
    (lambda: optim.Adam(0.1, betas=(0.9, 1.0)), "beta2"),
    (lambda: optim.Adam(0.1).step([np.zeros(3)], [np.zeros(4)]), "shape of its parameter"),
    (lambda: optim.Adam(0.1).step([np.zeros(3)], []), "one gradient per parameter"),
    (lambda: optim.Momentum(0.1).step([np.zeros(3, dtype=int)], [np.zeros(3)]), "float numpy array"),
    (lambda: optim.RMSprop(0.1).step(np.zeros(3), np.zeros(3)), "list of arrays"),
])
def test_bad_input_gets_a_teaching_message(call, words):
    with pytest.raises((ValueError, TypeError)) as info:
        call()
    assert words.lower() in str(info.value).lower()


def test_one_optimizer_per_model():
    opt = optim.Momentum(0.1)
    opt.step([np.zeros(3)], [np.ones(3)])
    with pytest.raises(ValueError, match="one optimizer per model"):
        opt.step([np.zeros(4)], [np.ones(4)])


def test_repr_names_the_settings():
    assert repr(optim.Adam(0.01, amsgrad=True)) == "Adam(lr=0.01, betas=(0.9, 0.999), eps=1e-08, amsgrad=True)"
    assert repr(optim.Momentum(0.1)) == "Momentum(lr=0.1, momentum=0.9)"
    assert repr(optim.RMSprop(0.01)) == "RMSprop(lr=0.01, alpha=0.99, eps=1e-08)"


# ---------------------------------------------------------------- the optimizer pictures' logic

def test_optimizer_paths_follow_each_rule_on_the_valley():
    from nnlib.viz import optimizers as optviz

    paths = optviz.optimizer_paths({"gd": optim.GradientDescent(0.05)}, start=(1.0, 1.0), steps=3)
    c = optviz.VALLEY_CURVATURE
    np.testing.assert_allclose(paths["gd"], [(1 - 0.05 * c) ** k for k in range(4)], rtol=1e-14)
    J, grad = optviz.valley([1.0, 2.0])
    assert J == 0.5 * (1 + 25 * 4) and np.array_equal(grad, [1.0, 50.0])


def test_explorer_view_momentum_zero_is_gradient_descent_and_divergence_is_named():
    from nnlib.viz import optimizers as optviz

    paths, caption = optviz.explorer_view(0.02, 0.0)
    np.testing.assert_allclose(paths["momentum"], paths["gradient descent"], rtol=1e-14)
    assert caption.startswith("after 40 steps")
    _, caption = optviz.explorer_view(0.1, 0.9)  # lr > 2/25: gradient descent diverges across the valley
    assert "gradient descent: diverged" in caption


def test_optimizer_explorer_redraws_when_a_slider_moves():
    from nnlib.viz import optimizers as optviz

    box = optviz.optimizer_explorer()
    before = box.caption.value
    box.sliders["momentum"].value = 0.0
    assert box.caption.value != before and "momentum: J" in box.caption.value


def test_graph_layout_orders_parents_first_and_draws():
    import matplotlib.pyplot as plt

    from nnlib.viz import graph

    class Node:
        def __init__(self, data, parents=(), op="", label=""):
            self.data, self.grad, self.parents, self.op, self.label = data, 0.0, parents, op, label

    x = Node(2.0, label="x")
    a = Node(4.0, ((x, 2.0),), "*")
    b = Node(6.0, ((a, 1.0), (x, 1.0)), "+")  # x used twice
    order, pos = graph.graph_layout(b)
    assert order == [x, a, b]
    assert pos[id(x)][0] == 0 and pos[id(a)][0] == 1 and pos[id(b)][0] == 2
    ax = graph.draw_graph(b)
    assert len(ax.texts) == 3 + 3 + 3  # a box per node; an arrow and its label per edge
    plt.close("all")


# ---------------------------------------------------------------- every step is all or nothing

MAKERS = {"gd": lambda: optim.GradientDescent(0.1), "momentum": lambda: optim.Momentum(0.1),
          "rmsprop": lambda: optim.RMSprop(0.1), "adam": lambda: optim.Adam(0.1, amsgrad=True)}


def _read_only(a):
    a = a.copy()
    a.setflags(write=False)
    return a


def _failing_steps(params):
    """Steps that must fail on their LAST parameter, after a naive loop would have changed the others."""
    first, second, last = params
    ok = [np.ones_like(first), np.ones_like(second)]
    return {
        "a read-only last parameter": ([first, second, _read_only(last)], ok + [np.ones_like(last)], ValueError),
        "NaN in the last gradient": (params, ok + [np.full(last.shape, np.nan)], ValueError),
        "infinity in the last gradient": (params, ok + [np.full(last.shape, np.inf)], ValueError),
        "a last gradient of another shape": (params, ok + [np.ones(last.size + 1)], ValueError),
        "a last gradient missing": (params, ok, ValueError),
        "an integer last parameter": ([first, second, last.astype(int)], ok + [np.ones_like(last)], TypeError),
        "a last gradient that overflows the step": (params, ok + [np.full(last.shape, 1e308)], FloatingPointError),
    }


@pytest.mark.parametrize("kind", sorted(MAKERS))
@pytest.mark.parametrize("case", ["a read-only last parameter", "NaN in the last gradient", "infinity in the last gradient",
                                  "a last gradient of another shape", "a last gradient missing",
                                  "an integer last parameter", "a last gradient that overflows the step"])
def test_a_failed_step_changes_nothing(kind, case):
    rng = np.random.default_rng(0)
    params = [rng.normal(size=(3, 2)), rng.normal(size=4), rng.normal(size=(2, 2))]
    opt = MAKERS[kind]()
    opt.step(params, [rng.normal(size=p.shape) for p in params])  # a first step: the state exists
    if case == "a last gradient that overflows the step" and kind in ("gd", "momentum"):
        opt.lr = 1e308  # theta - lr g overflows; for RMSprop and Adam, g^2 in their state does
    before = [p.copy() for p in params]
    state = [tuple(s.copy() for s in entry) for entry in (opt.state or [])]
    t = opt.t
    step_params, step_grads, error = _failing_steps(params)[case]
    with pytest.raises(error, match="(?i)nothing was changed|read-only|float numpy array"):
        opt.step(step_params, step_grads)
    assert all(np.array_equal(p, b) for p, b in zip(params, before)), "a failed step changed the parameters"
    assert opt.t == t, "a failed step advanced t"
    assert all(np.array_equal(a, b) for old, new in zip(state, opt.state or []) for a, b in zip(old, new))


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_after_a_failed_step_the_next_one_is_the_same_as_without_it(kind):
    rng = np.random.default_rng(1)
    params = [rng.normal(size=(3, 2)), rng.normal(size=4)]
    twin = [p.copy() for p in params]
    grads = [[rng.normal(size=p.shape) for p in params] for _ in range(3)]
    a, b = MAKERS[kind](), MAKERS[kind]()
    for g in grads:
        a.step(params, g)
        with pytest.raises(ValueError):
            a.step(params, [g[0], np.full(4, np.nan)])
        b.step(twin, g)
    assert all(np.array_equal(p, q) for p, q in zip(params, twin))


def test_amsgrad_takes_only_true_or_false():
    assert optim.Adam(0.1, amsgrad=True).amsgrad is True and optim.Adam(0.1).amsgrad is False
    for bad in ("no", "False", 1, 0, None):
        with pytest.raises(TypeError, match="True or False"):
            optim.Adam(0.1, amsgrad=bad)


def test_update_is_the_rule_step_applies():
    rng = np.random.default_rng(2)
    theta, g = rng.normal(size=5), rng.normal(size=5)
    for kind, make in MAKERS.items():
        opt = make()
        new_theta, new_state = opt.update(theta, g, opt.new_state(theta), 1)
        stepped = theta.copy()
        make().step([stepped], [g])
        assert np.array_equal(new_theta, stepped), kind
        assert len(new_state) == len(opt.state_names)


def test_update_called_directly_still_checks_its_inputs_after_a_step():
    # step skips update's own checks (it has checked everything itself); a direct call must not.
    for kind, make in MAKERS.items():
        opt = make()
        opt.step([np.zeros(3)], [np.ones(3)])
        with pytest.raises(ValueError, match="shape"):
            opt.update(np.zeros(3), np.ones(4), opt.new_state(np.zeros(3)), 2)
        with pytest.raises(ValueError, match="(?i)nan|finite"):
            opt.update(np.zeros(3), np.array([1.0, np.nan, 0.0]), opt.new_state(np.zeros(3)), 2)


def test_update_checks_again_after_a_step_whose_update_raised():
    class Broken(optim.GradientDescent):
        def update(self, theta, g, state, t):
            raise RuntimeError("broken rule")

    opt = Broken(0.1)
    with pytest.raises(RuntimeError, match="broken rule"):
        opt.step([np.zeros(2)], [np.ones(2)])
    with pytest.raises(ValueError, match="shape"):
        optim.GradientDescent.update(opt, np.zeros(2), np.ones(3), (), 1)


def test_finite_results_whose_sum_overflows_are_accepted():
    # The fast finiteness pass sums everything; 1e308 + 1e308 overflows although both entries are finite.
    for kind, make in MAKERS.items():
        params = [np.array([1e308, 1e308]), np.array([1e308])]
        opt = make()
        opt.step(params, [np.zeros(2), np.zeros(1)])
        assert np.all(np.isfinite(params[0])) and np.all(np.isfinite(params[1])), kind
