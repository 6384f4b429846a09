"""Recurrent cells (vanilla RNN, LSTM, GRU) as forward/backward pairs, and BPTT over a sequence.

The style is level 4's (CS231n's): ``*_forward(...) -> (out, cache)`` and
``*_backward(dout, cache)`` returning the gradient of every input of the
forward, in the forward's argument order, as one flat tuple (the convention
of docs/AUTHORING.md, "Backward passes: one convention"). One step
of a cell maps (x_t, h_(t-1)) to h_t; a sequence function runs the step over
t = 1..T and its backward runs backpropagation through time (BPTT): the
gradient of each h_t is what arrives from above plus what flows back from
step t+1, and the weight gradients are *summed* over the steps.

Shapes. A sequence ``xs`` is (T, m, D): T time steps, m examples, D inputs
per step (time first, as ``torch.nn.RNN`` with ``batch_first=False``). Hidden
states are (m, H); ``hs`` stacks h_1..h_T as (T, m, H).

Weight layout, the same as PyTorch's, so weights copy over unchanged:

| cell | Wx (torch ``weight_ih_l0``) | Wh (torch ``weight_hh_l0``) | bias |
| --- | --- | --- | --- |
| RNN  | (H, D)  | (H, H)  | b (H,): torch ``bias_ih_l0 = b``, ``bias_hh_l0 = 0`` |
| LSTM | (4H, D), row blocks i, f, g, o | (4H, H), same blocks | b (4H,): as for the RNN |
| GRU  | (3H, D), row blocks r, z, n | (3H, H), same blocks | bx (3H,) = ``bias_ih_l0``, bh (3H,) = ``bias_hh_l0`` |

The GRU needs its two biases apart because bh's n-block sits inside the reset
gate's product (torch's formulation, Cho et al. 2014 with the reset applied
after the matrix product). In the RNN and LSTM the two torch biases only ever
appear as a sum, so one vector b holds it; torch's two bias gradients both
equal nnlib's db.

The parameter gradients come last, in the order of the parameters: dWx,
dWh, db or, for the GRU, dWx, dWh, dbx, dbh. For a list to hand to an
optimizer, take them with a star: ``dxs, dh0, *grads = rnn_backward(dout, cache)``.
"""

import contextlib
import contextvars
from collections import namedtuple

import numpy as np

from . import _validate as v


#: True while a sequence function runs its steps on inputs it has checked as a whole (``_steps_checked``):
#: the step functions then skip their own checks, which cost as much as a step's arithmetic at these sizes.
_CHECKED = contextvars.ContextVar("nnlib_recurrent_checked", default=False)


@contextlib.contextmanager
def _steps_checked():
    token = _CHECKED.set(True)
    try:
        yield
    finally:
        _CHECKED.reset(token)


def _sigmoid(z):
    # The logistic sigmoid 1 / (1 + e^-z) (nnlib.sigmoid's values), written as
    # (1 + tanh(z/2)) / 2: no overflow for large |z| and no input checks, since
    # it runs inside the time loop.
    return 0.5 * (1.0 + np.tanh(0.5 * z))


# ---------------------------------------------------------------- vanilla RNN


def rnn_step_forward(x, h_prev, Wx, Wh, b):
    """One step of a vanilla (Elman) RNN: h = tanh(x Wx^T + h_prev Wh^T + b).

    x (m, D), h_prev (m, H), Wx (H, D), Wh (H, H), b (H,).
    Returns h (m, H) and the cache for rnn_step_backward.
    """
    x, h_prev, Wx, Wh, b = _check_step(x, h_prev, None, Wx, Wh, [b], "rnn")
    h = np.tanh(x @ Wx.T + h_prev @ Wh.T + b)
    return h, (x, h_prev, Wx, Wh, h)


def rnn_step_backward(dout, cache):
    """Backward of one RNN step. dout (m, H) is dL/dh for this step's output h.

    tanh'(a) = 1 - tanh(a)^2 = 1 - h^2, read from the output h (no second tanh).
    Returns dx (m, D), dh_prev (m, H), dWx (H, D), dWh (H, H), db (H,).
    """
    dout, (x, h_prev, Wx, Wh, h) = _check_step_backward(dout, cache, "rnn")
    da = dout * (1.0 - h ** 2)        # dL/d(pre-activation)
    dx = da @ Wx
    dh_prev = da @ Wh
    return dx, dh_prev, da.T @ x, da.T @ h_prev, da.sum(axis=0)


def rnn_forward(xs, h0, Wx, Wh, b):
    """Run the RNN over a sequence. xs (T, m, D), h0 (m, H) or None for zeros.

    Returns hs (T, m, H), the states h_1..h_T, and the cache for rnn_backward.
    """
    xs, h0, _, Wx, Wh, (b,) = _check_sequence(xs, h0, Wx, Wh, [b], "rnn")
    hs, caches, h = [], [], h0
    with _steps_checked():                     # xs, h0 and the weights are checked above, once
        for x in xs:
            h, cache = rnn_step_forward(x, h, Wx, Wh, b)
            hs.append(h)
            caches.append(cache)
    return np.array(hs), caches


def rnn_backward(dout, cache, truncate=None):
    """Backpropagation through time for rnn_forward.

    dout (T, m, H): dL/dh_t arriving from above at every step (zeros where the
    loss does not read h_t). Walking t = T..1, the gradient of h_t is
    dout[t] plus what step t+1 sends back, and the weight gradients are summed
    over the steps, because the same Wx, Wh, b are used at every step.
    truncate: None for full BPTT; k for truncated BPTT, which stops the
    gradient at the start of every chunk of k steps (steps k, 2k, ...), as
    training chunk by chunk with the state detached between chunks does.
    Returns dxs (T, m, D), dh0 (m, H), dWx, dWh, db.
    """
    dout, truncate = _check_sequence_backward(dout, cache, truncate, "rnn")
    x, h_prev, Wx, Wh, h = cache[0]
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(Wh.shape[0])
    dxs = np.zeros((len(cache),) + x.shape)
    dh_next = np.zeros_like(h_prev)            # nothing flows back into h_T from a step T+1
    for t in reversed(range(len(cache))):
        dx, dh_next, dWx_t, dWh_t, db_t = rnn_step_backward(dout[t] + dh_next, cache[t])
        dWx += dWx_t                           # the same weights act at every step:
        dWh += dWh_t                           # their gradients add up over time
        db += db_t
        dxs[t] = dx
        if truncate is not None and t % truncate == 0 and t > 0:
            dh_next = np.zeros_like(dh_next)   # truncated BPTT: no gradient into the previous chunk
    return dxs, dh_next, dWx, dWh, db


# ---------------------------------------------------------------- LSTM


def lstm_step_forward(x, h_prev, c_prev, Wx, Wh, b):
    """One LSTM step (Hochreiter and Schmidhuber 1997, with the forget gate of Gers et al. 2000).

    x (m, D), h_prev and c_prev (m, H), Wx (4H, D), Wh (4H, H), b (4H,);
    the four row blocks are the gates in torch's order i, f, g, o:
        i = sigmoid(a_i)  input gate        f = sigmoid(a_f)  forget gate
        g = tanh(a_g)     candidate values  o = sigmoid(a_o)  output gate
        c = f * c_prev + i * g              h = o * tanh(c)
    with [a_i, a_f, a_g, a_o] = x Wx^T + h_prev Wh^T + b.
    Returns h, c (m, H) and the cache for lstm_step_backward.
    """
    x, h_prev, c_prev, Wx, Wh, b = _check_step(x, h_prev, c_prev, Wx, Wh, [b], "lstm")
    H = h_prev.shape[1]
    a = x @ Wx.T + h_prev @ Wh.T + b
    ai, af, ag, ao = a[:, :H], a[:, H:2 * H], a[:, 2 * H:3 * H], a[:, 3 * H:]
    i, f, g, o = _sigmoid(ai), _sigmoid(af), np.tanh(ag), _sigmoid(ao)
    c = f * c_prev + i * g
    tc = np.tanh(c)
    h = o * tc
    return h, c, (x, h_prev, c_prev, Wx, Wh, i, f, g, o, tc)


def lstm_step_backward(dout, dc, cache):
    """Backward of one LSTM step. dout, dc (m, H): dL/dh_t and dL/dc_t from later on.

    The step has two outputs, h and c, so it takes a gradient for each: dout
    for h (the output the next layer reads), dc for the cell state.
    The cell state's path c_prev -> c is additive, scaled only by the forget
    gate: dc_prev = dc_total * f. The forget gate's own gradient is
    dc_total * c_prev (it multiplies the previous cell state).
    Returns dx (m, D), dh_prev, dc_prev (m, H), dWx, dWh, db.
    """
    dout, dc, (x, h_prev, c_prev, Wx, Wh, i, f, g, o, tc) = _check_lstm_step_backward(dout, dc, cache)
    do = dout * tc
    dc_total = dc + dout * o * (1.0 - tc ** 2)
    di, df, dg = dc_total * g, dc_total * c_prev, dc_total * i
    dc_prev = dc_total * f
    da = np.hstack([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)])
    dx = da @ Wx
    dh_prev = da @ Wh
    return dx, dh_prev, dc_prev, da.T @ x, da.T @ h_prev, da.sum(axis=0)


def lstm_forward(xs, state0, Wx, Wh, b):
    """Run the LSTM over a sequence. xs (T, m, D); state0 = (h0, c0), each (m, H), or None for zeros.

    Returns hs (T, m, H) and the cache for lstm_backward; the cell states
    c_1..c_T are ``lstm_cell_states(cache)``.
    """
    xs, h0, c, Wx, Wh, (b,) = _check_sequence(xs, state0, Wx, Wh, [b], "lstm")
    hs, caches, h = [], [], h0
    with _steps_checked():                     # xs, state0 and the weights are checked above, once
        for x in xs:
            h, c, cache = lstm_step_forward(x, h, c, Wx, Wh, b)
            hs.append(h)
            caches.append((cache, c))
    return np.array(hs), caches


def lstm_cell_states(cache):
    """The cell states c_1..c_T, (T, m, H), of an lstm_forward cache."""
    cache = _check_cache_list(cache, "lstm", "lstm_cell_states")
    return np.array([c for _, c in cache])


def lstm_backward(dout, cache, truncate=None):
    """BPTT for lstm_forward. dout (T, m, H) as in rnn_backward; truncate likewise.

    Returns dxs (T, m, D), (dh0, dc0), dWx, dWh, db: the gradient of state0 = (h0, c0) is a pair.
    """
    dout, truncate = _check_sequence_backward(dout, cache, truncate, "lstm")
    x, h_prev, c_prev, Wx, Wh = cache[0][0][:5]
    grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(Wx.shape[0])]
    dxs = np.zeros((len(cache),) + x.shape)
    dh_next, dc_next = np.zeros_like(h_prev), np.zeros_like(h_prev)
    with _steps_checked():                     # dout and the cache (its list, its first step) checked above
        for t in reversed(range(len(cache))):
            dxs[t], dh_next, dc_next, *step_grads = lstm_step_backward(dout[t] + dh_next, dc_next, cache[t][0])
            for total, g in zip(grads, step_grads):
                total += g
            if truncate is not None and t % truncate == 0 and t > 0:
                dh_next, dc_next = np.zeros_like(dh_next), np.zeros_like(dc_next)
    return (dxs, (dh_next, dc_next), *grads)


# ---------------------------------------------------------------- GRU


def gru_step_forward(x, h_prev, Wx, Wh, bx, bh):
    """One GRU step (Cho et al. 2014), in torch.nn.GRU's exact form.

    x (m, D), h_prev (m, H), Wx (3H, D), Wh (3H, H), bx and bh (3H,);
    row blocks in torch's order r, z, n:
        r = sigmoid(x Wx_r^T + bx_r + h_prev Wh_r^T + bh_r)     reset gate
        z = sigmoid(x Wx_z^T + bx_z + h_prev Wh_z^T + bh_z)     update gate
        n = tanh(x Wx_n^T + bx_n + r * (h_prev Wh_n^T + bh_n))  candidate state
        h = (1 - z) * n + z * h_prev
    Returns h (m, H) and the cache for gru_step_backward.
    """
    x, h_prev, Wx, Wh, bx, bh = _check_step(x, h_prev, None, Wx, Wh, [bx, bh], "gru")
    H = h_prev.shape[1]
    ax = x @ Wx.T + bx
    ah = h_prev @ Wh.T + bh
    r = _sigmoid(ax[:, :H] + ah[:, :H])
    z = _sigmoid(ax[:, H:2 * H] + ah[:, H:2 * H])
    ahn = ah[:, 2 * H:]
    n = np.tanh(ax[:, 2 * H:] + r * ahn)
    h = (1 - z) * n + z * h_prev
    return h, (x, h_prev, Wx, Wh, r, z, n, ahn)


def gru_step_backward(dout, cache):
    """Backward of one GRU step. dout (m, H) is dL/dh for this step's output h.

    Returns dx (m, D), dh_prev (m, H), dWx, dWh, dbx, dbh.
    """
    dout, (x, h_prev, Wx, Wh, r, z, n, ahn) = _check_step_backward(dout, cache, "gru")
    dn = dout * (1 - z)
    dz = dout * (h_prev - n)
    dan = dn * (1 - n ** 2)                  # through n's tanh
    dr = dan * ahn
    dar, daz = dr * r * (1 - r), dz * z * (1 - z)
    dax = np.hstack([dar, daz, dan])          # gradient of x Wx^T + bx
    dah = np.hstack([dar, daz, dan * r])      # gradient of h_prev Wh^T + bh
    dx = dax @ Wx
    dh_prev = dout * z + dah @ Wh
    return dx, dh_prev, dax.T @ x, dah.T @ h_prev, dax.sum(axis=0), dah.sum(axis=0)


def gru_forward(xs, h0, Wx, Wh, bx, bh):
    """Run the GRU over a sequence. xs (T, m, D), h0 (m, H) or None for zeros.

    Returns hs (T, m, H) and the cache for gru_backward.
    """
    xs, h0, _, Wx, Wh, (bx, bh) = _check_sequence(xs, h0, Wx, Wh, [bx, bh], "gru")
    hs, caches, h = [], [], h0
    with _steps_checked():                     # xs, h0 and the weights are checked above, once
        for x in xs:
            h, cache = gru_step_forward(x, h, Wx, Wh, bx, bh)
            hs.append(h)
            caches.append(cache)
    return np.array(hs), caches


def gru_backward(dout, cache, truncate=None):
    """BPTT for gru_forward. dout (T, m, H) as in rnn_backward; truncate likewise.

    Returns dxs (T, m, D), dh0 (m, H), dWx, dWh, dbx, dbh.
    """
    dout, truncate = _check_sequence_backward(dout, cache, truncate, "gru")
    x, h_prev, Wx, Wh = cache[0][:4]
    grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(Wx.shape[0]), np.zeros(Wx.shape[0])]
    dxs = np.zeros((len(cache),) + x.shape)
    dh_next = np.zeros_like(h_prev)
    with _steps_checked():                     # dout and the cache (its list, its first step) checked above
        for t in reversed(range(len(cache))):
            dxs[t], dh_next, *step_grads = gru_step_backward(dout[t] + dh_next, cache[t])
            for total, g in zip(grads, step_grads):
                total += g
            if truncate is not None and t % truncate == 0 and t > 0:
                dh_next = np.zeros_like(dh_next)
    return (dxs, dh_next, *grads)


# ---------------------------------------------------------------- the three cells in one table

Cell = namedtuple("Cell", "forward backward gates n_biases")
CELLS = {
    "rnn": Cell(rnn_forward, rnn_backward, 1, 1),
    "lstm": Cell(lstm_forward, lstm_backward, 4, 1),
    "gru": Cell(gru_forward, gru_backward, 3, 2),
}


def init_params(kind, n_in, n_hidden, seed=0, forget_bias=0.0):
    """Weights for a cell, drawn as torch does: uniform in (-1/sqrt(H), 1/sqrt(H)).

    kind: "rnn", "lstm" or "gru"; n_in = D, n_hidden = H; seed: a whole number or a Generator.
    forget_bias: added to the LSTM's forget-gate bias (1.0 is the usual
    choice, Gers et al. 2000: the cell starts by remembering); the RNN and
    the GRU have no forget gate and ignore it, so one call fits every kind.
    Returns the parameter list [Wx, Wh, b] or, for the GRU, [Wx, Wh, bx, bh].
    """
    cell, n_in, n_hidden, rng, forget_bias = _check_init(kind, n_in, n_hidden, seed, forget_bias)
    k = 1.0 / np.sqrt(n_hidden)
    rows = cell.gates * n_hidden
    params = [rng.uniform(-k, k, (rows, n_in)), rng.uniform(-k, k, (rows, n_hidden))]
    params += [rng.uniform(-k, k, rows) for _ in range(cell.n_biases)]
    if kind == "lstm":
        params[2][n_hidden:2 * n_hidden] += forget_bias
    return params


def sequence_forward(kind, xs, params, state0=None):
    """The forward function of cell ``kind`` with the parameter list: (hs, cache).

    sequence_forward(kind, xs, params, state0) is CELLS[kind].forward(xs, state0, *params).
    """
    cell, params = _check_kind_params(kind, params)
    return cell.forward(xs, state0, *params)


def sequence_backward(kind, dout, cache, truncate=None):
    """The backward function of cell ``kind``: what it returns, (dxs, dstate0, *dparams).

    The parameter gradients come last, in the order of params: write
    ``dxs, dstate0, *grads = sequence_backward(kind, dout, cache)``.
    """
    cell = _check_kind(kind, "sequence_backward")
    return cell.backward(dout, cache, truncate)


# ---------------------------------------------------------------- a long-memory task


def adding_problem(m, T, seed=0):
    """The adding problem, remember two marked numbers, in the form of Le et al. 2015 and Arjovsky et al. 2016.

    Each of the m sequences has T steps of two inputs: a random number in
    [0, 1) and a marker, 1 at exactly two steps (one in the first half, one
    in the second) and 0 elsewhere. The target is the sum of the two marked
    numbers. Always answering 1 (the mean) gives a mean squared error of
    about 1/6; remembering only the second marked number gives 1/12, and doing
    better than that needs a memory of T/2 steps or more.
    (Hochreiter and Schmidhuber's 1997 original draws the numbers from [-1, 1]
    and asks for 0.5 + (x1 + x2) / 4.)
    Returns xs (T, m, 2) and y (m,).
    """
    m, T, rng = _check_adding(m, T, seed)
    values = rng.uniform(0.0, 1.0, (T, m))
    first = rng.integers(0, T // 2, m)
    second = rng.integers(T // 2, T, m)
    markers = np.zeros((T, m))
    markers[first, np.arange(m)] = 1.0
    markers[second, np.arange(m)] = 1.0
    y = values[first, np.arange(m)] + values[second, np.arange(m)]
    return np.stack([values, markers], axis=2), y


# ---------------------------------------------------------------- input checks

GATES = {"rnn": 1, "lstm": 4, "gru": 3}
BIAS_NAMES = {"rnn": ["b"], "lstm": ["b"], "gru": ["bx", "bh"]}
STEP_CACHE = {"rnn": "x, h_prev, Wx, Wh, h", "lstm": "x, h_prev, c_prev, Wx, Wh, i, f, g, o, tc",
              "gru": "x, h_prev, Wx, Wh, r, z, n, ahn"}


def _check_kind(kind, where):
    if isinstance(kind, str) and kind in CELLS:
        return CELLS[kind]
    known = ", ".join(repr(k) for k in CELLS)
    if not isinstance(kind, str):
        raise v.WrongKindError(f"{where}: kind must be the name of a cell, one of {known}; got "
                               f"{v.describe(kind)}, {type(kind).__name__}.")
    close = [k for k in CELLS if k == kind.strip().lower()]
    hint = f" Did you mean {close[0]!r}?" if close else " nnlib has no other recurrent cells (no attention either)."
    raise ValueError(f"{where}: kind must be one of {known}; got {kind!r}.{hint}")


def _check_kind_params(kind, params):
    cell = _check_kind(kind, "sequence_forward")
    names = ["Wx", "Wh"] + BIAS_NAMES[kind]
    if not isinstance(params, (list, tuple)) or len(params) != len(names):
        got = (f"a single array of shape {params.shape}" if isinstance(params, np.ndarray)
               else f"{len(params)} item(s)" if isinstance(params, (list, tuple)) else type(params).__name__)
        raise v.WrongKindError(f"sequence_forward: params for {kind!r} must be the list [{', '.join(names)}], as "
                               f"init_params({kind!r}, D, H) returns it; got {got}.")
    return cell, params


def _check_init(kind, n_in, n_hidden, seed, forget_bias):
    cell = _check_kind(kind, "init_params")
    n_in = v.whole_number(n_in, "init_params: n_in (D, the inputs per step)")
    n_hidden = v.whole_number(n_hidden, "init_params: n_hidden (H, the hidden units)")
    rng = v.random_generator(seed, "init_params: seed")
    forget_bias = v.real_number(forget_bias, "init_params: forget_bias", expected="a real number such as 1.0")
    return cell, n_in, n_hidden, rng, forget_bias


def _check_adding(m, T, seed):
    T = v.whole_number(T, "T", minimum=2, hint="The adding problem marks two steps.")
    m = v.whole_number(m, "m")
    return m, T, v.random_generator(seed, "adding_problem: seed")


def _matrix(a, name, where, what):
    if a.ndim != 2:
        hint = f" For one example write {name}.reshape(1, -1)." if a.ndim == 1 and name != "Wh" else ""
        raise ValueError(f"{where}: {name} must be a 2-D array {what}; got shape {a.shape}.{hint}")
    return a


def _check_weights(Wx, Wh, biases, D, kind, where):
    """Wx (gates H, D), Wh (gates H, H), each bias (gates H,); returns H."""
    gates = GATES[kind]
    if Wh.ndim != 2 or Wh.shape[1] == 0 or Wh.shape[0] != gates * Wh.shape[1]:
        msg = (f"{where}: Wh must be ({gates}H, H), {gates} block(s) of H rows stacked"
               + (" (i, f, g, o)" if kind == "lstm" else " (r, z, n)" if kind == "gru" else "")
               + f"; got shape {Wh.shape}.")
        if Wh.ndim == 2 and Wh.shape[0] == Wh.shape[1] and gates > 1:
            msg += f" A square Wh is an RNN's: is it the weights of another cell? ({kind} has {gates} gates.)"
        elif Wh.ndim == 2 and Wh.shape[1] == gates * Wh.shape[0]:
            msg += " Wh looks transposed (torch's weight_hh is (gates*H, H)): pass Wh.T."
        raise ValueError(msg)
    H = Wh.shape[1]
    if Wx.shape != (gates * H, D):
        msg = f"{where}: Wx must be ({gates}H, D) = ({gates * H}, {D}) for D = {D} inputs and H = {H}; got shape {Wx.shape}."
        if Wx.shape == (D, gates * H):
            msg += " Wx looks transposed (torch's weight_ih is (gates*H, D)): pass Wx.T."
        elif Wx.ndim == 2 and Wx.shape[0] == gates * H:
            msg += f" Its {Wx.shape[1]} columns do not match the {D} inputs per step of x."
        raise ValueError(msg)
    for name, bias in zip(BIAS_NAMES[kind], biases):
        if bias.shape != (gates * H,):
            raise ValueError(f"{where}: {name} must be a vector of {gates}H = {gates * H} numbers; got shape {bias.shape}."
                             + (" A bias is 1-D: write it.ravel()." if bias.size == gates * H else ""))
    return H


def _check_state(s, shape, name, where):
    if s.shape != shape:
        msg = f"{where}: {name} must have shape (m, H) = {shape}; got {s.shape}."
        if s.ndim == 2 and s.shape[0] == shape[0]:
            msg += f" It has H = {s.shape[1]} units but the weights have H = {shape[1]}: a wrong hidden size."
        elif s.ndim == 2 and s.shape[1] == shape[1]:
            msg += f" It has {s.shape[0]} rows but there are m = {shape[0]} examples."
        elif s.ndim == 1 and s.shape[0] == shape[1]:
            msg += f" For the same state in every example write np.tile({name}, ({shape[0]}, 1))."
        elif s.ndim == 3 and s.shape[1:] == shape:
            msg += f" torch keeps a layer axis, (1, m, H); nnlib takes (m, H): pass {name}[0]."
        raise ValueError(msg)
    return s


def _check_step(x, h_prev, c_prev, Wx, Wh, biases, kind):
    if _CHECKED.get():                         # inside a sequence function that checked its inputs once
        return [x, h_prev] + ([c_prev] if kind == "lstm" else []) + [Wx, Wh] + list(biases)
    where = f"{kind}_step_forward"
    names = ["x", "h_prev"] + (["c_prev"] if kind == "lstm" else []) + ["Wx", "Wh"] + BIAS_NAMES[kind]
    values = [x, h_prev] + ([c_prev] if kind == "lstm" else []) + [Wx, Wh] + list(biases)
    arrays = v.arrays(where, names, values)
    x, h_prev = _matrix(arrays[0], "x", where, "(m examples, D inputs)"), arrays[1]
    if x.shape[0] == 0 or x.shape[1] == 0:
        raise ValueError(f"{where}: x has shape {x.shape}: it needs at least one example and one input.")
    Wx, Wh = arrays[-2 - len(biases)], arrays[-1 - len(biases)]
    H = _check_weights(Wx, Wh, arrays[-len(biases):], x.shape[1], kind, where)
    _check_state(h_prev, (x.shape[0], H), "h_prev", where)
    if kind == "lstm":
        _check_state(arrays[2], (x.shape[0], H), "c_prev", where)
    return arrays


def _check_sequence(xs, state0, Wx, Wh, biases, kind):
    """xs (T, m, D) with T, m, D >= 1, the weights, and the initial state: (xs, h0, c0, Wx, Wh, biases)."""
    where = f"{kind}_forward"
    if kind == "lstm":
        if state0 is not None and (not isinstance(state0, (tuple, list)) or len(state0) != 2):
            got = (f"an array of shape {np.shape(state0)}" if isinstance(state0, np.ndarray)
                   else v.describe(state0))
            raise v.WrongKindError(
                f"{where}: state0 must be the pair (h0, c0), each (m, H) or None for zeros, or None for both; "
                f"got {got}. For a given h0 and a zero cell state write (h0, None)."
            )
        h0, c0 = (None, None) if state0 is None else state0
    else:
        h0, c0 = state0, None
    xs, Wx, Wh, *biases = v.arrays(where, ["xs", "Wx", "Wh"] + BIAS_NAMES[kind], [xs, Wx, Wh] + list(biases))
    if xs.ndim != 3:
        extra = " For one sequence of one example write xs.reshape(T, 1, D)." if xs.ndim == 2 else ""
        raise ValueError(f"{where}: xs must be (T steps, m examples, D inputs); got shape {xs.shape}.{extra}")
    if 0 in xs.shape:
        raise ValueError(f"{where}: xs has shape {xs.shape} (T, m, D): a sequence needs at least one step, "
                         "one example and one input per step.")
    T, m, D = xs.shape
    H = _check_weights(Wx, Wh, biases, D, kind, where)
    states = []
    for name, s in (("h0", h0), ("c0", c0)):
        if s is None:
            states.append(np.zeros((m, H)) if name == "h0" or kind == "lstm" else None)
        else:
            states.append(_check_state(v.array(s, name, where), (m, H), name, where))
    return (xs, *states, Wx, Wh, biases)


def _check_step_cache(cache, kind, where):
    """The cache of one step of ``kind``: a tuple of arrays whose shapes agree; returns (m, H)."""
    fields = STEP_CACHE[kind].split(", ")
    if not isinstance(cache, (tuple, list)) or len(cache) != len(fields) \
            or not all(isinstance(a, np.ndarray) for a in cache):
        raise v.WrongKindError(
            f"{where}: cache must be what {kind}_step_forward returned, the tuple ({STEP_CACHE[kind]}) "
            f"of {len(fields)} arrays, unchanged; got {v.describe(cache)}."
        )
    x, h_prev, Wx, Wh = (cache[0], cache[1]) + tuple(cache[fields.index("Wx"):fields.index("Wx") + 2])
    ok = x.ndim == 2 and h_prev.ndim == 2 and Wx.ndim == 2 and Wh.ndim == 2 and x.shape[0] == h_prev.shape[0] \
        and Wh.shape == (GATES[kind] * h_prev.shape[1], h_prev.shape[1]) and Wx.shape == (Wh.shape[0], x.shape[1])
    ok = ok and all(cache[k].shape == h_prev.shape for k, f in enumerate(fields)
                    if f not in ("x", "h_prev", "Wx", "Wh"))
    if not ok:
        raise ValueError(f"{where}: the arrays of cache ({STEP_CACHE[kind]}) do not fit together "
                         f"(shapes {[a.shape for a in cache]}): pass the cache {kind}_step_forward returned, unchanged.")
    return h_prev.shape


def _check_step_backward(dout, cache, kind):
    if _CHECKED.get():                         # inside a sequence function that checked its inputs once
        return dout, cache
    where = f"{kind}_step_backward"
    shape = _check_step_cache(cache, kind, where)
    return v.dout_array(dout, shape, where, "h"), cache


def _check_lstm_step_backward(dout, dc, cache):
    if _CHECKED.get():
        return dout, dc, cache
    where = "lstm_step_backward"
    shape = _check_step_cache(cache, "lstm", where)
    return v.dout_array(dout, shape, where, "h"), v.dout_array(dc, shape, where, "c", name="dc"), cache


def _check_cache_list(cache, kind, where):
    """The cache of a {kind}_forward: a non-empty list of step caches (LSTM: (step cache, c) pairs)."""
    forward = f"{kind}_forward"
    if not isinstance(cache, list) or not cache:
        raise v.WrongKindError(f"{where}: cache must be the list of step caches that {forward} returned; got "
                               f"{v.describe(cache)}.")
    n = len(STEP_CACHE[kind].split(", "))
    for t, entry in enumerate(cache):
        step = entry[0] if kind == "lstm" and isinstance(entry, tuple) and len(entry) == 2 else entry
        if not isinstance(step, tuple) or len(step) != n or (kind == "lstm" and step is entry):
            other = [k for k, names in STEP_CACHE.items()
                     if isinstance(entry, tuple) and k != kind and len(names.split(", ")) == len(entry)]
            raise v.WrongKindError(
                f"{where}: cache[{t}] is not a step of {forward}'s cache"
                + (f" (it looks like the cache of {other[0]}_forward: each cell has its own backward)" if other else "")
                + f". Pass the cache {forward} returned, unchanged."
            )
    return cache


def _check_sequence_backward(dout, cache, truncate, kind):
    where = f"{kind}_backward"
    cache = _check_cache_list(cache, kind, where)
    steps = [entry[0] for entry in cache] if kind == "lstm" else cache
    m, H = _check_step_cache(steps[0], kind, where)
    shapes = [getattr(a, "shape", None) for a in steps[0]]
    for t, step in enumerate(steps[1:], start=1):  # the other steps: their shapes as the first's (cheap)
        if any(getattr(a, "shape", None) != s for a, s in zip(step, shapes)):
            _check_step_cache(step, kind, f"{where} (cache[{t}])")
            raise ValueError(f"{where}: cache[{t}] has other shapes than cache[0] "
                             f"({[getattr(a, 'shape', None) for a in step]} against {shapes}): pass the cache "
                             f"{kind}_forward returned, unchanged.")
    T = len(cache)
    dout_arr = v.as_float_array(dout, f"{where}: dout")
    if dout_arr.shape != (T, m, H):
        msg = (f"{where}: dout must be (T, m, H) = ({T}, {m}, {H}), one dL/dh_t per step (the shape of hs); "
               f"got shape {dout_arr.shape}.")
        if dout_arr.shape == (m, H):
            msg += (" For a loss on the last state only, put it in the last step: "
                    "dout = np.zeros_like(hs); dout[-1] = dh_T.")
        raise ValueError(msg)
    dout = v.dout_array(dout_arr, (T, m, H), where, "hs")
    if truncate is not None:
        truncate = v.whole_number(truncate, f"{where}: truncate",
                                  hint="None means full BPTT; a number k stops the gradient after k steps.")
    return dout, truncate
