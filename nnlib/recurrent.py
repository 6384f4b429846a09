"""Recurrent cells (vanilla RNN, LSTM, GRU) as forward/backward pairs, and BPTT over a sequence.

The style is level 4's (CS231n's): ``*_forward(...) -> (out, cache)`` and
``*_backward(dout, cache)`` returning the gradient of every input. One step
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

A gradient list ``grads`` always has the order of the parameters:
[dWx, dWh, db] or, for the GRU, [dWx, dWh, dbx, dbh].
"""

from collections import namedtuple

import numpy as np

from . import _validate as v


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
    h = np.tanh(x @ Wx.T + h_prev @ Wh.T + b)
    return h, (x, h_prev, Wx, Wh, h)


def rnn_step_backward(dh, cache):
    """Backward of one RNN step. dh (m, H) is dL/dh for this step's output.

    tanh'(a) = 1 - tanh(a)^2 = 1 - h^2, read from the output h (no second tanh).
    Returns dx (m, D), dh_prev (m, H) and [dWx (H, D), dWh (H, H), db (H,)].
    """
    x, h_prev, Wx, Wh, h = cache
    da = dh * (1.0 - h ** 2)          # dL/d(pre-activation)
    dx = da @ Wx
    dh_prev = da @ Wh
    return dx, dh_prev, [da.T @ x, da.T @ h_prev, da.sum(axis=0)]


def rnn_forward(xs, h0, Wx, Wh, b):
    """Run the RNN over a sequence. xs (T, m, D), h0 (m, H) or None for zeros.

    Returns hs (T, m, H), the states h_1..h_T, and the cache for rnn_backward.
    """
    xs, h0 = _check_sequence(xs, h0, Wx, Wh, [b], gates=1, name="rnn_forward")
    hs, caches, h = [], [], h0
    for x in xs:
        h, cache = rnn_step_forward(x, h, Wx, Wh, b)
        hs.append(h)
        caches.append(cache)
    return np.array(hs), caches


def rnn_backward(dhs, cache, truncate=None):
    """Backpropagation through time for rnn_forward.

    dhs (T, m, H): dL/dh_t arriving from above at every step (zeros where the
    loss does not read h_t). Walking t = T..1, the gradient of h_t is
    dhs[t] plus what step t+1 sends back, and the weight gradients are summed
    over the steps, because the same Wx, Wh, b are used at every step.
    truncate: None for full BPTT; k for truncated BPTT, which stops the
    gradient at the start of every chunk of k steps (steps k, 2k, ...), as
    training chunk by chunk with the state detached between chunks does.
    Returns dxs (T, m, D), dh0 (m, H) and [dWx, dWh, db].
    """
    dhs = _check_dhs(dhs, cache, "rnn_backward", truncate)
    x, h_prev, Wx, Wh, h = cache[0]
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(Wh.shape[0])
    dxs = np.zeros((len(cache),) + x.shape)
    dh_next = np.zeros_like(h_prev)            # nothing flows back into h_T from a step T+1
    for t in reversed(range(len(cache))):
        dx, dh_next, (dWx_t, dWh_t, db_t) = rnn_step_backward(dhs[t] + dh_next, cache[t])
        dWx += dWx_t                           # the same weights act at every step:
        dWh += dWh_t                           # their gradients add up over time
        db += db_t
        dxs[t] = dx
        if truncate is not None and t % truncate == 0 and t > 0:
            dh_next = np.zeros_like(dh_next)   # truncated BPTT: no gradient into the previous chunk
    return dxs, dh_next, [dWx, dWh, db]


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
    H = h_prev.shape[1]
    a = x @ Wx.T + h_prev @ Wh.T + b
    ai, af, ag, ao = a[:, :H], a[:, H:2 * H], a[:, 2 * H:3 * H], a[:, 3 * H:]
    i, f, g, o = _sigmoid(ai), _sigmoid(af), np.tanh(ag), _sigmoid(ao)
    c = f * c_prev + i * g
    tc = np.tanh(c)
    h = o * tc
    return h, c, (x, h_prev, c_prev, Wx, Wh, i, f, g, o, tc)


def lstm_step_backward(dh, dc, cache):
    """Backward of one LSTM step. dh, dc (m, H): dL/dh_t and dL/dc_t from later on.

    The cell state's path c_prev -> c is additive, scaled only by the forget
    gate: dc_prev = dc_total * f. The forget gate's own gradient is
    dc_total * c_prev (it multiplies the previous cell state).
    Returns dx (m, D), dh_prev, dc_prev (m, H) and [dWx, dWh, db].
    """
    x, h_prev, c_prev, Wx, Wh, i, f, g, o, tc = cache
    do = dh * tc
    dc_total = dc + dh * o * (1.0 - tc ** 2)
    di, df, dg = dc_total * g, dc_total * c_prev, dc_total * i
    dc_prev = dc_total * f
    da = np.hstack([di * i * (1 - i), df * f * (1 - f), dg * (1 - g ** 2), do * o * (1 - o)])
    dx = da @ Wx
    dh_prev = da @ Wh
    return dx, dh_prev, dc_prev, [da.T @ x, da.T @ h_prev, da.sum(axis=0)]


def lstm_forward(xs, state0, Wx, Wh, b):
    """Run the LSTM over a sequence. xs (T, m, D); state0 = (h0, c0), each (m, H), or None for zeros.

    Returns hs (T, m, H) and the cache for lstm_backward; the cell states
    c_1..c_T are ``lstm_cell_states(cache)``.
    """
    h0, c0 = (None, None) if state0 is None else state0
    xs, h0 = _check_sequence(xs, h0, Wx, Wh, [b], gates=4, name="lstm_forward")
    c = np.zeros_like(h0) if c0 is None else _check_state(c0, h0.shape, "c0")
    hs, caches, h = [], [], h0
    for x in xs:
        h, c, cache = lstm_step_forward(x, h, c, Wx, Wh, b)
        hs.append(h)
        caches.append((cache, c))
    return np.array(hs), caches


def lstm_cell_states(cache):
    """The cell states c_1..c_T, (T, m, H), of an lstm_forward cache."""
    return np.array([c for _, c in cache])


def lstm_backward(dhs, cache, truncate=None):
    """BPTT for lstm_forward. dhs (T, m, H) as in rnn_backward; truncate likewise.

    Returns dxs (T, m, D), (dh0, dc0) and [dWx, dWh, db].
    """
    dhs = _check_dhs(dhs, cache, "lstm_backward", truncate)
    x, h_prev, c_prev, Wx, Wh = cache[0][0][:5]
    grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(Wx.shape[0])]
    dxs = np.zeros((len(cache),) + x.shape)
    dh_next, dc_next = np.zeros_like(h_prev), np.zeros_like(h_prev)
    for t in reversed(range(len(cache))):
        dxs[t], dh_next, dc_next, step_grads = lstm_step_backward(dhs[t] + dh_next, dc_next, cache[t][0])
        for total, g in zip(grads, step_grads):
            total += g
        if truncate is not None and t % truncate == 0 and t > 0:
            dh_next, dc_next = np.zeros_like(dh_next), np.zeros_like(dc_next)
    return dxs, (dh_next, dc_next), grads


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
    H = h_prev.shape[1]
    ax = x @ Wx.T + bx
    ah = h_prev @ Wh.T + bh
    r = _sigmoid(ax[:, :H] + ah[:, :H])
    z = _sigmoid(ax[:, H:2 * H] + ah[:, H:2 * H])
    ahn = ah[:, 2 * H:]
    n = np.tanh(ax[:, 2 * H:] + r * ahn)
    h = (1 - z) * n + z * h_prev
    return h, (x, h_prev, Wx, Wh, r, z, n, ahn)


def gru_step_backward(dh, cache):
    """Backward of one GRU step. dh (m, H) is dL/dh for this step's output.

    Returns dx (m, D), dh_prev (m, H) and [dWx, dWh, dbx, dbh].
    """
    x, h_prev, Wx, Wh, r, z, n, ahn = cache
    dn = dh * (1 - z)
    dz = dh * (h_prev - n)
    dan = dn * (1 - n ** 2)                  # through n's tanh
    dr = dan * ahn
    dar, daz = dr * r * (1 - r), dz * z * (1 - z)
    dax = np.hstack([dar, daz, dan])          # gradient of x Wx^T + bx
    dah = np.hstack([dar, daz, dan * r])      # gradient of h_prev Wh^T + bh
    dx = dax @ Wx
    dh_prev = dh * z + dah @ Wh
    return dx, dh_prev, [dax.T @ x, dah.T @ h_prev, dax.sum(axis=0), dah.sum(axis=0)]


def gru_forward(xs, h0, Wx, Wh, bx, bh):
    """Run the GRU over a sequence. xs (T, m, D), h0 (m, H) or None for zeros.

    Returns hs (T, m, H) and the cache for gru_backward.
    """
    xs, h0 = _check_sequence(xs, h0, Wx, Wh, [bx, bh], gates=3, name="gru_forward")
    hs, caches, h = [], [], h0
    for x in xs:
        h, cache = gru_step_forward(x, h, Wx, Wh, bx, bh)
        hs.append(h)
        caches.append(cache)
    return np.array(hs), caches


def gru_backward(dhs, cache, truncate=None):
    """BPTT for gru_forward. dhs (T, m, H) as in rnn_backward; truncate likewise.

    Returns dxs (T, m, D), dh0 (m, H) and [dWx, dWh, dbx, dbh].
    """
    dhs = _check_dhs(dhs, cache, "gru_backward", truncate)
    x, h_prev, Wx, Wh = cache[0][:4]
    grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(Wx.shape[0]), np.zeros(Wx.shape[0])]
    dxs = np.zeros((len(cache),) + x.shape)
    dh_next = np.zeros_like(h_prev)
    for t in reversed(range(len(cache))):
        dxs[t], dh_next, step_grads = gru_step_backward(dhs[t] + dh_next, cache[t])
        for total, g in zip(grads, step_grads):
            total += g
        if truncate is not None and t % truncate == 0 and t > 0:
            dh_next = np.zeros_like(dh_next)
    return dxs, dh_next, grads


# ---------------------------------------------------------------- the three cells in one table

Cell = namedtuple("Cell", "forward backward gates n_biases")
CELLS = {
    "rnn": Cell(rnn_forward, rnn_backward, 1, 1),
    "lstm": Cell(lstm_forward, lstm_backward, 4, 1),
    "gru": Cell(gru_forward, gru_backward, 3, 2),
}


def init_params(kind, n_in, n_hidden, seed=0, forget_bias=0.0):
    """Weights for a cell, drawn as torch does: uniform in (-1/sqrt(H), 1/sqrt(H)).

    kind: "rnn", "lstm" or "gru"; n_in = D, n_hidden = H.
    forget_bias: added to the LSTM's forget-gate bias (1.0 is the usual
    choice, Gers et al. 2000: the cell starts by remembering).
    Returns the parameter list [Wx, Wh, b] or, for the GRU, [Wx, Wh, bx, bh].
    """
    if kind not in CELLS:
        raise ValueError(f"kind must be one of {sorted(CELLS)}; got {kind!r}.")
    n_in, n_hidden = v.whole_number(n_in, "n_in"), v.whole_number(n_hidden, "n_hidden")
    cell = CELLS[kind]
    rng = np.random.default_rng(seed)
    k = 1.0 / np.sqrt(n_hidden)
    rows = cell.gates * n_hidden
    params = [rng.uniform(-k, k, (rows, n_in)), rng.uniform(-k, k, (rows, n_hidden))]
    params += [rng.uniform(-k, k, rows) for _ in range(cell.n_biases)]
    if kind == "lstm":
        params[2][n_hidden:2 * n_hidden] += forget_bias
    return params


def sequence_forward(kind, xs, params, state0=None):
    """The forward function of cell ``kind`` with the parameter list: (hs, cache)."""
    return CELLS[kind].forward(xs, state0, *params)


def sequence_backward(kind, dhs, cache, truncate=None):
    """The backward function of cell ``kind``: (dxs, dstate0, grads)."""
    return CELLS[kind].backward(dhs, cache, truncate)


# ---------------------------------------------------------------- a long-memory task


def adding_problem(m, T, seed=0):
    """The adding problem (Hochreiter and Schmidhuber 1997): remember two marked numbers.

    Each of the m sequences has T steps of two inputs: a random number in
    [0, 1) and a marker, 1 at exactly two steps (one in the first half, one
    in the second) and 0 elsewhere. The target is the sum of the two marked
    numbers. Always answering 1 (the mean) gives a mean squared error of
    about 1/6; remembering only the second marked number gives 1/12, and doing
    better than that needs a memory of T/2 steps or more.
    Returns xs (T, m, 2) and y (m,).
    """
    T = v.whole_number(T, "T", minimum=2, hint="The adding problem marks two steps.")
    m = v.whole_number(m, "m")
    rng = np.random.default_rng(seed)
    values = rng.uniform(0.0, 1.0, (T, m))
    first = rng.integers(0, T // 2, m)
    second = rng.integers(T // 2, T, m)
    markers = np.zeros((T, m))
    markers[first, np.arange(m)] = 1.0
    markers[second, np.arange(m)] = 1.0
    y = values[first, np.arange(m)] + values[second, np.arange(m)]
    return np.stack([values, markers], axis=2), y


# ---------------------------------------------------------------- input checks


def _check_state(s, shape, name):
    s = v.as_float_array(s, name)
    if s.shape != shape:
        raise ValueError(f"{name} must have shape (m, H) = {shape}; got {s.shape}.")
    v.check_finite(s, name)
    return s


def _check_dhs(dhs, cache, name, truncate):
    if not isinstance(cache, list) or not cache:
        raise TypeError(f"{name}: cache must be the cache that the matching *_forward returned.")
    dhs = v.as_float_array(dhs, "dhs")
    T = len(cache)
    first = cache[0][0] if isinstance(cache[0][0], tuple) else cache[0]
    m, H = first[1].shape
    if dhs.shape != (T, m, H):
        msg = f"{name}: dhs must be (T, m, H) = ({T}, {m}, {H}), one dL/dh_t per step; got shape {dhs.shape}."
        if dhs.shape == (m, H):
            msg += (" For a loss on the last state only, put it in the last step: "
                    "dhs = np.zeros_like(hs); dhs[-1] = dh_T.")
        raise ValueError(msg)
    v.check_finite(dhs, "dhs")
    if truncate is not None:
        v.whole_number(truncate, "truncate", hint=f"In {name}, None means full BPTT; a number k stops the gradient after k steps.")
    return dhs


def _check_sequence(xs, h0, Wx, Wh, biases, gates, name):
    xs = v.as_float_array(xs, "xs")
    if xs.ndim != 3:
        extra = " For one sequence of one example write xs.reshape(T, 1, D)." if xs.ndim == 2 else ""
        raise ValueError(f"{name}: xs must be (T steps, m examples, D inputs); got shape {xs.shape}.{extra}")
    v.check_finite(xs, "xs")
    T, m, D = xs.shape
    Wx, Wh = np.asarray(Wx), np.asarray(Wh)
    if Wh.ndim != 2 or Wh.shape[0] != gates * Wh.shape[1]:
        raise ValueError(
            f"{name}: Wh must be ({gates}H, H), {gates} block(s) of H rows stacked; got shape {Wh.shape}."
        )
    H = Wh.shape[1]
    if Wx.shape != (gates * H, D):
        msg = f"{name}: Wx must be ({gates}H, D) = ({gates * H}, {D}) for D = {D} inputs; got shape {Wx.shape}."
        if Wx.shape == (D, gates * H):
            msg += " Wx looks transposed (torch's weight_ih is (gates*H, D)): pass Wx.T."
        raise ValueError(msg)
    for i, bias in enumerate(biases):
        if np.shape(bias) != (gates * H,):
            raise ValueError(f"{name}: bias {i + 1} must be a vector of {gates * H} numbers; got shape {np.shape(bias)}.")
    h0 = np.zeros((m, H)) if h0 is None else _check_state(h0, (m, H), "h0")
    return xs, h0
