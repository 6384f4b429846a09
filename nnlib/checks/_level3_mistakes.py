"""The learner's code of level 3's longer typical mistakes (what stands between ### BEGIN SOLUTION and
### END SOLUTION), used by nnlib/checks/level3.py's Mistake tables."""

# ---------------------------------------------------------------- exercise 4: the forward pass

FORWARD_ROWS = """rows = []
for x in {rows}:
    a1 = np.concatenate([[1.0], x])
    a2 = np.concatenate([[1.0], sigmoid(Theta1 @ a1)])
    rows.append(sigmoid(Theta2 @ a2))
return np.array(rows)"""

FORWARD_FILLED_COPY = """A = np.zeros(X.shape)
A[:] = X
h = np.zeros((m, Theta2.shape[0]))
for i in range(m):
    a2 = np.concatenate([[1.0], sigmoid(Theta1 @ np.concatenate([[1.0], A[i]]))])
    h[i] = sigmoid(Theta2 @ a2)
return h"""

# ---------------------------------------------------------------- exercise 6: backpropagation

FORWARD = """a1 = np.hstack([np.ones((m, 1)), X])
z2 = a1 @ Theta1.T
a2 = np.hstack([np.ones((m, 1)), sigmoid(z2)])
a3 = sigmoid(a2 @ Theta2.T)
delta3 = a3 - Y
"""
DELTA2 = "delta2 = (delta3 @ Theta2[:, 1:]) * sigmoid_gradient(z2)\n"
GRADS = "grad1 = delta2.T @ a1 / m\ngrad2 = delta3.T @ a2 / m\n"
REG = """grad1[:, 1:] += lam / m * Theta1[:, 1:]
grad2[:, 1:] += lam / m * Theta2[:, 1:]
return [grad1, grad2]"""


def backprop(delta2=DELTA2, grads=GRADS, reg=REG, forward=FORWARD):
    """The worked backpropagation with one of its four parts replaced."""
    return forward + delta2 + grads + reg


BACKPROP_ROWS_BY_INDEX = {"loop": "for i in range(m):", "x": "X[i]", "y": "Y[i]"}
BACKPROP_ROWS_OF_A_COPY = {"loop": "Xs, Ys = np.asarray(X), np.asarray(Y)\nfor x, y in zip(Xs, Ys):",
                           "x": "x", "y": "y"}
BACKPROP_ROWS = """grads = [np.zeros_like(Theta1), np.zeros_like(Theta2)]
{loop}
    a1 = np.concatenate([[1.0], {x}])
    z2 = Theta1 @ a1
    a2 = np.concatenate([[1.0], sigmoid(z2)])
    d3 = sigmoid(Theta2 @ a2) - {y}
    d2 = (Theta2[:, 1:].T @ d3) * sigmoid_gradient(z2)
    grads[0] += np.outer(d2, a1) / m
    grads[1] += np.outer(d3, a2) / m
grads[0][:, 1:] += lam / m * Theta1[:, 1:]
grads[1][:, 1:] += lam / m * Theta2[:, 1:]
return grads"""

BACKPROP_NUMERICAL = """def numeric(f, theta, eps=1e-5):
    grad = np.zeros_like(theta)
    for idx in np.ndindex(theta.shape):
        plus, minus = theta.copy(), theta.copy()
        plus[idx] += eps
        minus[idx] -= eps
        grad[idx] = (f(plus) - f(minus)) / (2 * eps)
    return grad
return [numeric(lambda T: nn_cost([T, Theta2], X, Y, lam), Theta1),
        numeric(lambda T: nn_cost([Theta1, T], X, Y, lam), Theta2)]"""

# ---------------------------------------------------------------- exercise 7: the numerical gradient

CENTRAL = """theta = np.asarray(theta, dtype=float)
grad = np.zeros_like(theta)
for idx in np.ndindex(theta.shape):
    plus, minus = theta.copy(), theta.copy()
    plus[idx] += eps
    minus[idx] -= eps
    grad[idx] = {difference}
return grad"""

ONE_SIDED = """theta = np.asarray(theta, dtype=float)
grad = np.zeros_like(theta)
for idx in np.ndindex(theta.shape):
    plus = theta.copy()
    plus[idx] += eps
    grad[idx] = (f(plus) - f(theta)) / eps
return grad"""

IN_PLACE = """grad = np.zeros_like(theta)
for idx in np.ndindex(theta.shape):
    theta[idx] += eps
    plus = f(theta)
    theta[idx] -= 2 * eps
    minus = f(theta)
{restore}    grad[idx] = (plus - minus) / (2 * eps)
return grad"""

FLATTENED = """flat = np.asarray(theta, dtype=float).ravel()
grad = np.zeros_like(flat)
for i in range(flat.size):
    plus, minus = flat.copy(), flat.copy()
    plus[i] += eps
    minus[i] -= eps
    grad[i] = (f(plus) - f(minus)) / (2 * eps)
return grad.reshape(np.shape(theta))"""

AS_A_LIST = """out = []
for idx in np.ndindex(theta.shape):
    plus, minus = theta.copy(), theta.copy()
    plus[idx] += eps
    minus[idx] -= eps
    out.append((f(plus) - f(minus)) / (2 * eps))
return out"""

COPIES_ONCE = """theta = np.asarray(theta, dtype=float)
grad = np.zeros_like(theta)
plus, minus = theta.copy(), theta.copy()
for idx in np.ndindex(theta.shape):
    plus[idx] += eps
    minus[idx] -= eps
    grad[idx] = (f(plus) - f(minus)) / (2 * eps)
return grad"""

ONE_COPY_ONCE = """theta = np.asarray(theta, dtype=float)
grad = np.zeros_like(theta)
t = theta.copy()
for idx in np.ndindex(theta.shape):
    t[idx] += eps
    plus = f(t)
    t[idx] -= 2 * eps
    grad[idx] = (plus - f(t)) / (2 * eps)
return grad"""

# ---------------------------------------------------------------- exercise 8: the gradient check

#: relative_difference's body, returning ``value``
RELATIVE_DIFFERENCE = """a = np.concatenate([g.ravel() for g in grads_a])
b = np.concatenate([g.ravel() for g in grads_b])
return {value}"""
NORMS = "(np.linalg.norm(a) + np.linalg.norm(b))"

GC_NUMERIC = (
    "numeric_grads = [numerical_gradient(lambda T: nn_cost([T, Theta2], X, Y, lam), Theta1, 1e-5),\n"
    "                 numerical_gradient(lambda T: nn_cost([Theta1, T], X, Y, lam), Theta2, 1e-5)]\n")
GC_REL_DIFF = "rel_diff = relative_difference(nn_gradients(thetas, X, Y, lam), numeric_grads)\n"
GC_RETURN = "return numeric_grads, rel_diff"

GC_ONE_SIDED = """def one_sided(f, theta, eps):
    grad = np.zeros_like(theta)
    for idx in np.ndindex(theta.shape):
        plus = theta.copy()
        plus[idx] += eps
        grad[idx] = (f(plus) - f(theta)) / eps
    return grad
numeric_grads = [one_sided(lambda T: nn_cost([T, Theta2], X, Y, lam), Theta1, 1e-5),
                 one_sided(lambda T: nn_cost([Theta1, T], X, Y, lam), Theta2, 1e-5)]
rel_diff = 1e-5
"""

GC_NOTEBOOKS_PROBLEM = (
    "numeric_grads = [numerical_gradient(lambda T: nn_cost([T, gc_thetas[1]], gc_X, gc_Y, gc_lam), "
    "gc_thetas[0], 1e-5),\n"
    "                 numerical_gradient(lambda T: nn_cost([gc_thetas[0], T], gc_X, gc_Y, gc_lam), "
    "gc_thetas[1], 1e-5)]\n"
    "rel_diff = relative_difference(nn_gradients(gc_thetas, gc_X, gc_Y, gc_lam), numeric_grads)\n")

#: rel_diff computed in compare_gradients itself, as ``value`` of a (backpropagation's) and b (numerical)
GC_INLINE = GC_NUMERIC + (
    "a = np.concatenate([g.ravel() for g in nn_gradients(thetas, X, Y, lam)])\n"
    "b = np.concatenate([g.ravel() for g in numeric_grads])\n"
    "rel_diff = {value}\n")

# ---------------------------------------------------------------- exercise 10: training

START = "thetas = [rand_init(64, 25, seed=0), rand_init(25, 10, seed=1)]\n"
DESCENT = """for it in range({iterations}):
    grads = nn_gradients(thetas, {X}, Y_train, 1.0)
    thetas = [t - {rate} * g for t, g in zip(thetas, grads)]
return thetas"""

TUNED_ON_THE_TEST_SET = """best = None
for rate in (1.0, 4.0):
    thetas = [rand_init(64, 25, seed=0), rand_init(25, 10, seed=1)]
    for it in range(100):
        grads = nn_gradients(thetas, X_train, Y_train, 1.0)
        thetas = [t - rate * g for t, g in zip(thetas, grads)]
    score = np.mean(np.argmax(forward_pass(thetas, X_test), axis=1) == y_test)
    if best is None or score > best[0]:
        best = (score, thetas)
return best[1]"""
