"""The learner's code of the level 5 typical mistakes (nnlib/checks/level5.py declares each with its message).

Each string is the body of the answer's function below the lines the answer cell keeps (its prelude).
"""

BPTT = """dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(Wh.shape[0])
dh_next = np.zeros_like(h_prev)
for t in reversed(range(T)):
    dxs[t], dh_next, gx, gh, gb = step_backward({dout}, caches[t])
    {acc}
return dxs, dh_next, dWx, dWh, db"""
SUM = "dWx += gx\n    dWh += gh\n    db += gb"
TRUNC = BPTT.replace("    {acc}\n", "    {acc}\n    if {cut}:\n        dh_next = np.zeros_like(dh_next)\n")
ASSIGN = "dWx, dWh, db = gx, gh, gb"
FORWARD = BPTT.replace("reversed(range(T))", "range(T)")

STEP = "da = dout * ({slope})\nreturn da @ Wx, da @ {wh}, {dwx}, {dwh}, {db}"


def step(slope="1 - h ** 2", wh="Wh", dwx="da.T @ x", dwh="da.T @ h_prev", db="da.sum(axis=0)"):
    return STEP.format(slope=slope, wh=wh, dwx=dwx, dwh=dwh, db=db)


LSTM = """do = dout * {out}
dc_total = dc{through_h}
di, df, dg = dc_total * g, {df}, dc_total * i
dc_prev = {dc_prev}
da = np.hstack([{blocks}])
return da @ Wx, da @ Wh, dc_prev, da.T @ x, da.T @ h_prev, {db}"""
GATES = {"i": "di * i * (1 - i)", "f": "df * f * (1 - f)", "g": "dg * (1 - g ** 2)", "o": "do * o * (1 - o)"}


def lstm(out="tc", through_h=" + dout * o * (1 - tc ** 2)", df="dc_total * c_prev", dc_prev="dc_total * f",
         order="ifgo", db="da.sum(axis=0)"):
    return LSTM.format(out=out, through_h=through_h, df=df, dc_prev=dc_prev, db=db,
                       blocks=", ".join(GATES[k] for k in order))


GRU = """dn = dout * {dn}
dz = dout * ({dz})
dan = dn * (1 - n ** 2)
dr = dan * ahn
dar, daz = dr * r * (1 - r), dz * z * (1 - z)
dax = np.hstack([dar, daz, dan])
dah = np.hstack([dar, daz, {dahn}])
return dax @ Wx, {direct}dah @ Wh, dax.T @ x, dah.T @ h_prev, dax.sum(axis=0), dah.sum(axis=0)"""


def gru(dn="(1 - z)", dz="h_prev - n", dahn="dan * r", direct="dout * z + "):
    return GRU.format(dn=dn, dz=dz, dahn=dahn, direct=direct)


POOL_LOOP = ("for i in range(Ho):\n    for j in range(Wo):\n"
             "        block = x[:, :, i * size:(i + 1) * size, j * size:(j + 1) * size]\n"
             "{body}\nreturn dx")
POOL_SCATTER = ("        p, q = np.divmod(where, size)\n"
                "        for n in range(m):\n            for c in range(C):\n"
                "                dx[n, c, i * size + p[n, c], j * size + q[n, c]] += dout[n, c, i, j]")
POOL_ARGMIN = POOL_LOOP.format(body="        where = block.reshape(m, C, -1).argmin(axis=2)\n" + POOL_SCATTER)
POOL_ALL_TIED = POOL_LOOP.format(body=(
    "        mask = block == block.max(axis=(2, 3), keepdims=True)\n"
    "        dx[:, :, i * size:(i + 1) * size, j * size:(j + 1) * size] += mask * dout[:, :, i:i + 1, j:j + 1]"))
POOL_LAST = POOL_LOOP.format(body=(
    "        flat = block.reshape(m, C, -1)\n"
    "        where = flat.shape[2] - 1 - flat[:, :, ::-1].argmax(axis=2)\n" + POOL_SCATTER))
POOL_COLUMNS = POOL_LOOP.format(body=(
    "        flat = block.transpose(0, 1, 3, 2).reshape(m, C, -1)\n"
    "        q, p = np.divmod(flat.argmax(axis=2), size)\n"
    "        for n in range(m):\n            for c in range(C):\n"
    "                dx[n, c, i * size + p[n, c], j * size + q[n, c]] += dout[n, c, i, j]"))

PAD = "padded = np.pad(dout, ((kh - 1, kh - 1), (kw - 1, kw - 1)))\n"

# Finite differences where the backward pass is asked for (each check's large case makes them visible).
CENTRAL = """grads = []
for p in params:
    g = np.zeros_like(p)
    for i in np.ndindex(p.shape):
        old = p[i]
        p[i] = old + 1e-5
        up = loss()
        p[i] = old - 1e-5
        down = loss()
        p[i] = old
        g[i] = (up - down) / 2e-5
    grads.append(g)
return tuple(grads)"""
STEP_NUMERICAL = (
    "b = (a - x @ Wx.T - h_prev @ Wh.T)[0]\nparams = [x.copy(), h_prev.copy(), Wx.copy(), Wh.copy(), b]\n\n"
    "def loss():\n    return np.sum(dout * np.tanh(params[0] @ params[2].T + params[1] @ params[3].T + params[4]))\n\n"
    + CENTRAL)
RNN_NUMERICAL = """b = (caches[0][4] - x @ Wx.T - h_prev @ Wh.T)[0]
params = [np.array([c[0] for c in caches]), h_prev.copy(), Wx.copy(), Wh.copy(), b]

def loss():
    h, total = params[1], 0.0
    for t in range(T):
        h, _ = rnn_step_forward(params[0][t], h, params[2], params[3], params[4])
        total += np.sum(dout[t] * h)
    return total

""" + CENTRAL
POOL_NUMERICAL = (
    "x = x.copy()\n\ndef loss():\n    return np.sum(dout * x.reshape(m, C, Ho, size, Wo, size).max(axis=(3, 5)))\n\n"
    "for i in np.ndindex(x.shape):\n    old = x[i]\n    x[i] = old + 1e-6\n    up = loss()\n"
    "    x[i] = old - 1e-6\n    down = loss()\n    x[i] = old\n    dx[i] = (up - down) / 2e-6\nreturn dx")
CONV_NUMERICAL = (
    "x = np.zeros((dout.shape[0] + kh - 1, dout.shape[1] + kw - 1))\ndx = np.zeros_like(x)\n"
    "for i in np.ndindex(x.shape):\n    x[i] = 1e-5\n    up = np.sum(dout * correlate2d(x, w))\n"
    "    x[i] = -1e-5\n    down = np.sum(dout * correlate2d(x, w))\n    x[i] = 0.0\n"
    "    dx[i] = (up - down) / 2e-5\nreturn dx")
LSTM_NUMERICAL = (
    "from nnlib import recurrent\nlogit = lambda s: np.log(s / (1 - s))\n"
    "pre = np.hstack([logit(i), logit(f), np.arctanh(g), logit(o)])\n"
    "b = (pre - x @ Wx.T - h_prev @ Wh.T)[0]\n"
    "params = [x.copy(), h_prev.copy(), c_prev.copy(), Wx.copy(), Wh.copy(), b]\n\n"
    "def loss():\n    h, c, _ = recurrent.lstm_step_forward(*params)\n    return np.sum(dout * h) + np.sum(dc * c)\n\n"
    + CENTRAL)

FA = """delta2 = {delta2}
delta1 = {delta1}
return {dW1}, {db1}, {dW2}, {db2}"""


def fa(delta2="(p - Y) / X.shape[0]", delta1="(delta2 @ B) * (1 - a1 ** 2)", dW1="delta1.T @ X",
       db1="delta1.sum(axis=0)", dW2="delta2.T @ a1", db2="delta2.sum(axis=0)"):
    return FA.format(delta2=delta2, delta1=delta1, dW1=dW1, db1=db1, dW2=dW2, db2=db2)


FA_NUMERICAL = """params = [W1.copy(), b1.copy(), W2.copy(), b2.copy()]

def loss():
    q = softmax(np.tanh(X @ params[0].T + params[1]) @ params[2].T + params[3])
    return -np.sum(Y * np.log(q)) / X.shape[0]

""" + CENTRAL
