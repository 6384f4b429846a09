"""The learner's code of level 4's typical mistakes (what stands between ### BEGIN SOLUTION and
### END SOLUTION), used by nnlib/checks/level4.py's Mistake tables."""

SWEEP = """order = topological_order(root)
for v in order:
    v.grad = 0.0
root.grad = 1.0
"""

ORDER_DFS = """order, seen = [], set()

def visit(v):
    if {test} not in seen:
        seen.add({key})
        for parent, _ in v.parents:
            visit(parent)
        order.append(v)

visit(root)
return order"""

ORDER_DUPLICATES = """order = []

def visit(v):
    for parent, _ in v.parents:
        visit(parent)
    order.append(v)

visit(root)
return order"""

ORDER_DEDUPLICATED = """order = []

def visit(v):
    for parent, _ in v.parents:
        visit(parent)
    order.append(v)

visit(root)
unique = []
for v in order:
    if not any(v is u for u in unique):
        unique.append(v)
return unique"""

ORDER_PREORDER = """order, seen = [], set()

def visit(v):
    if v not in seen:
        seen.add(v)
        order.append(v)
        for parent, _ in v.parents:
            visit(parent)

visit(root)
return order"""

ORDER_BFS = """order, seen, queue = [], {root}, [root]
while queue:
    v = queue.pop(0)
    order.append(v)
    for parent, _ in v.parents:
        if parent not in seen:
            seen.add(parent)
            queue.append(parent)
return order[::-1]"""

BACKWARD_PATHS = """def reset(v):
    v.grad = 0.0
    for parent, _ in v.parents:
        reset(parent)

def push(v, g):
    v.grad += g
    for parent, local in v.parents:
        push(parent, local * g)

reset(root)
push(root, 1.0)"""

BACKWARD_DATA_KEYS = """order = topological_order(root)
grads = {v.data: 0.0 for v in order}
grads[root.data] = 1.0
for v in reversed(order):
    for parent, local in v.parents:
        grads[parent.data] += local * grads[v.data]
for v in order:
    v.grad = grads[v.data]"""

# A numerical gradient on the scalar engine: every value recomputed from its parents (by its op)
# with one leaf moved by +h and by -h.
BACKWARD_NUMERICAL = """order = topological_order(root)
leaves = [v for v in order if not v.parents]

def evaluate():
    for v in order:
        if v.op == "+":
            v.data = v.parents[0][0].data + v.parents[1][0].data
        elif v.op == "*":
            v.data = v.parents[0][0].data * v.parents[1][0].data
        elif v.op == "exp":
            v.data = math.exp(v.parents[0][0].data)
    return root.data

for v in order:
    v.grad = 0.0
h = 1e-6
for leaf in leaves:
    old = leaf.data
    leaf.data = old + h
    up = evaluate()
    leaf.data = old - h
    down = evaluate()
    leaf.data = old
    leaf.grad = (up - down) / (2 * h)
evaluate()
root.grad = 1.0"""

AFFINE_NUMERICAL = """def J(a, theta):
    return np.sum(dout * (a @ theta[:, 1:].T + theta[:, 0]))

h = 1e-6
da, dtheta = np.zeros_like(a), np.zeros_like(theta)
for x, g in ((a.copy(), da), (theta.copy(), dtheta)):
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        up = J(x, theta) if g is da else J(a, x)
        x[i] = old - h
        down = J(x, theta) if g is da else J(a, x)
        x[i] = old
        g[i] = (up - down) / (2 * h)
return da, dtheta"""

SOFTMAX_TAIL = """log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
dscores = np.exp(log_p)
dscores[np.arange(m), y] -= 1.0
"""

SOFTMAX_NUMERICAL = """def J(s):
    shifted = s - s.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return -np.mean(log_p[np.arange(m), y])

h = 1e-6
dscores = np.zeros_like(scores)
for i in np.ndindex(scores.shape):
    up, down = scores.copy(), scores.copy()
    up[i] += h
    down[i] -= h
    dscores[i] = (J(up) - J(down)) / (2 * h)
return J(scores), dscores"""

ADAM_LOOP = """for theta, g, m, v in zip(params, grads, self.m, self.v):
    m *= self.beta1
    m += (1 - self.beta1) * g
    v *= self.beta2
    v += (1 - self.beta2) * g * g
"""

ADAM_RIGHT_TAIL = """    m_hat = m / (1 - self.beta1 ** self.t)
    v_hat = v / (1 - self.beta2 ** self.t)
    theta -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)"""

HE = ("rng = np.random.default_rng(seed)\n"
      "return np.hstack([np.zeros((s_out, 1)), rng.normal(0, {std}, (s_out, s_in))])")

TWO_LAYER = """z2, cache1 = layers.affine_forward(X, Theta1)
a2, cache_relu = layers.relu_forward(z2)
scores, cache2 = layers.affine_forward(a2, Theta2)
J, dscores = layers.softmax_cross_entropy(scores, y)
da2, dTheta2 = layers.affine_backward(dscores, cache2)
"""

TWO_LAYER_NUMERICAL = """def J(T1, T2):
    z2, _ = layers.affine_forward(X, T1)
    a2, _ = layers.relu_forward(z2)
    scores, _ = layers.affine_forward(a2, T2)
    return layers.softmax_cross_entropy(scores, y)[0]

h = 1e-6
grads = [np.zeros_like(Theta1), np.zeros_like(Theta2)]
for k, T in enumerate((Theta1, Theta2)):
    for i in np.ndindex(T.shape):
        up, down = T.copy(), T.copy()
        up[i] += h
        down[i] -= h
        if k == 0:
            grads[0][i] = (J(up, Theta2) - J(down, Theta2)) / (2 * h)
        else:
            grads[1][i] = (J(Theta1, up) - J(Theta1, down)) / (2 * h)
return J(Theta1, Theta2), grads"""

# The same numerical gradient with numpy alone (no call into nnlib that a count could see).
TWO_LAYER_NUMERICAL_NUMPY = TWO_LAYER_NUMERICAL.replace(
    """    z2, _ = layers.affine_forward(X, T1)
    a2, _ = layers.relu_forward(z2)
    scores, _ = layers.affine_forward(a2, T2)
    return layers.softmax_cross_entropy(scores, y)[0]""",
    """    a2 = np.maximum(X @ T1[:, 1:].T + T1[:, 0], 0.0)
    s = a2 @ T2[:, 1:].T + T2[:, 0]
    s = s - s.max(axis=1, keepdims=True)
    return -np.mean(s[np.arange(len(y)), y] - np.log(np.exp(s).sum(axis=1)))""")
