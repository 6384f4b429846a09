"""Input checks for nnlib's public functions, gathered in one place.

Every check raises ``ValueError`` (or ``TypeError`` for a wrong kind of object)
with a message that says what was expected, what came, and the likely cause.
The arrays are checked once at the public boundary; the inner loops of
training call the unchecked versions.
"""

import math
import numbers

import numpy as np


class WrongKindError(TypeError, ValueError):
    """A value of the wrong kind (text for a number, a bool for a count).

    Both a TypeError and a ValueError, so that code catching either for a bad
    argument catches it.
    """


def describe(value):
    """How a message shows what it got: repr(value) when short; else a summary (arrays by their shape)."""
    text = repr(value)
    if len(text) <= 60:
        return text
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if isinstance(value, (tuple, list)):
        parts = [f"array {x.shape}" if isinstance(x, np.ndarray) else
                 f"{type(x).__name__} of {len(x)}" if isinstance(x, (tuple, list)) else type(x).__name__
                 for x in value[:6]]
        return f"a {type(value).__name__} of {len(value)}: ({', '.join(parts)}{', ...' if len(value) > 6 else ''})"
    return text[:57] + "..."


_describe = describe


def _plain_number(value):
    """value as a python int or float when it is one real number (python, numpy, 0-d array), else None."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (numbers.Integral, np.integer)):
        return int(value)
    if isinstance(value, (numbers.Real, np.floating)):
        return float(value)
    return None


def whole_number(value, name, minimum=1, hint=""):
    """``value`` as a python int >= ``minimum``, or an error that says what was expected.

    Accepts python and numpy integers, and floats with no fraction (1e3 is 1000);
    rejects bools, fractions, text, NaN and infinity.
    """
    number = _plain_number(value)
    expected = f"{name} must be a whole number >= {minimum}"
    if number is None:
        kind = "a bool (True/False)" if isinstance(value, (bool, np.bool_)) else type(value).__name__
        raise WrongKindError(f"{expected}; got {_describe(value)}, {kind}. {hint}".rstrip())
    if isinstance(number, float):
        if not np.isfinite(number) or number != round(number):
            raise ValueError(f"{expected}; got {_describe(value)}, which is not a whole number. {hint}".rstrip())
        number = int(number)
    if number < minimum:
        raise ValueError(f"{expected}; got {number}. {hint}".rstrip())
    return number


def real_number(value, name, hint="", expected="a real number"):
    """``value`` as a finite python float, or an error that says what was expected.

    Accepts python and numpy integers and floats (np.float32 too) and 0-d
    arrays; rejects bools, text, complex numbers, arrays, NaN and infinity.
    """
    number = _plain_number(value)
    if number is None:
        if isinstance(value, (bool, np.bool_)):
            got = f"{value!r}, a bool"
        elif isinstance(value, (complex, np.complexfloating)):
            got = f"the complex number {value!r}; nnlib works with real numbers only"
        else:
            got = f"{_describe(value)}, {type(value).__name__}"
        raise WrongKindError(f"{name} must be {expected}; got {got}. {hint}".rstrip())
    if not np.isfinite(number):
        raise ValueError(f"{name} must be {expected}, finite; got {number}. {hint}".rstrip())
    return float(number)


def positive_number(value, name, example="0.1", hint=""):
    """``value`` as a finite python float > 0 (see ``real_number``), or a clear error."""
    expected = f"a positive number such as {example}"
    number = real_number(value, name, hint, expected)
    if number <= 0:
        raise ValueError(f"{name} must be {expected}; got {number}. {hint}".rstrip())
    return number


def layer_sizes(sizes):
    """[s_1, ..., s_L] as a list of python ints >= 1, at least two of them, or a clear error."""
    example = "such as [64, 25, 10] (inputs, hidden units, outputs)"
    if isinstance(sizes, (str, bytes, dict, set)) or not hasattr(sizes, "__iter__") \
            or (isinstance(sizes, np.ndarray) and sizes.ndim != 1):
        raise WrongKindError(f"layer_sizes must be a list of layer sizes {example}; got {_describe(sizes)}.")
    sizes = list(sizes)
    if len(sizes) < 2:
        raise ValueError(
            f"layer_sizes must list at least two layer sizes [inputs, ..., outputs], {example}; got {sizes!r}."
        )
    return [whole_number(s, f"layer size {i + 1} of {sizes!r}") for i, s in enumerate(sizes)]


def random_generator(seed, name="seed"):
    """A numpy Generator from ``seed``: a whole number >= 0, None (unseeded) or a Generator itself."""
    if seed is None or isinstance(seed, np.random.Generator):
        return np.random.default_rng(seed)
    hint = "Pass a whole number such as 0 (the same number gives the same result), or a numpy Generator."
    return np.random.default_rng(whole_number(seed, name, minimum=0, hint=hint))


def as_float_array(value, name):
    """``value`` as a float ndarray, or a TypeError that names ``name``.

    Accepts numbers, lists and arrays of real numbers (bools count as 0 and 1);
    rejects text, None, complex numbers (never silently dropping the imaginary
    part) and ragged lists.
    """
    if isinstance(value, (str, bytes, dict, set)) or value is None:
        raise TypeError(
            f"{name} must be a number or an array of numbers; got {type(value).__name__}."
        )
    try:
        raw = np.asarray(value)
    except ValueError:  # a ragged list: rows of different lengths
        raise ValueError(
            f"{name} must be a number or a rectangular array of numbers; its rows differ in length."
        ) from None
    if raw.dtype.kind == "O":
        kinds = sorted({type(x).__name__ for x in raw.flat if not isinstance(x, (numbers.Real, np.number))})
        if kinds:
            raise TypeError(
                f"{name} must hold numbers; it holds {', '.join(kinds)}. "
                "(A list of arrays of different lengths becomes an array of objects.)"
            )
        if any(isinstance(x, (complex, np.complexfloating)) for x in raw.flat):
            raw = raw.astype(complex)
    if raw.dtype.kind == "c":
        raise WrongKindError(
            f"{name} holds complex numbers; nnlib works with real numbers only "
            "(take .real if every imaginary part is meant to be 0)."
        )
    if raw.dtype.kind in "USa":
        raise TypeError(
            f"{name} must hold numbers; it holds text such as {str(raw.flat[0])!r}. "
            "Text that spells numbers can be converted with np.asarray(..., dtype=float)."
        )
    if raw.dtype.kind not in "biuf" and raw.dtype.kind != "O":
        raise TypeError(f"{name} must hold numbers; got an array of {raw.dtype} values.")
    try:
        return np.asarray(raw, dtype=float)
    except (TypeError, ValueError, OverflowError) as exc:
        raise TypeError(
            f"{name} must be a number or an array of numbers; could not turn "
            f"{type(value).__name__} into one ({exc})."
        ) from None


def check_finite(arr, name, hint=""):
    """Raise if ``arr`` holds NaN or infinity, saying where the first one is."""
    # A sum is finite exactly when every element is finite (barring overflow
    # of huge values, which the exact test below then catches): one fast pass.
    with np.errstate(over="ignore", invalid="ignore"):
        if np.isfinite(arr.sum()):
            return
    bad = ~np.isfinite(arr)
    if not bad.any():
        return
    where = tuple(int(i) for i in np.argwhere(bad)[0])
    kind = "NaN" if np.isnan(arr[where]) else "infinity"
    raise ValueError(
        f"{name} contains {kind} (first at index {where if len(where) > 1 else where[0]}, "
        f"{int(bad.sum())} bad value(s) in all). "
        + (hint or "Look for a division by zero or a missing value in the data.")
    )


def check_X(X, name="X"):
    """X as a finite float matrix (m examples, n features), m >= 1."""
    X = as_float_array(X, name)
    if X.ndim != 2:
        extra = ""
        if X.ndim == 1:
            extra = (
                f" For a single example with {X.shape[0]} features write "
                f"{name}.reshape(1, -1); for {X.shape[0]} examples of one feature "
                f"write {name}.reshape(-1, 1)."
            )
        raise ValueError(
            f"{name} must be a 2-D array of shape (m examples, n features), one "
            f"example per row; got shape {X.shape}.{extra}"
        )
    if X.shape[0] == 0:
        raise ValueError(f"{name} has no examples (shape {X.shape}): m must be at least 1.")
    if X.shape[1] == 0:
        raise ValueError(f"{name} has no features (shape {X.shape}): n must be at least 1.")
    check_finite(X, name)
    return X


def check_thetas(thetas):
    """A non-empty list of finite 2-D weight matrices whose shapes chain.

    Theta^(l) must have shape (s_(l+1), s_l + 1): the first column holds the
    bias weights, so each matrix has one column more than the layer before has
    units.
    """
    if isinstance(thetas, np.ndarray) and thetas.dtype != object:
        raise TypeError(
            "thetas must be a list of weight matrices, one per layer "
            f"[Theta^(1), Theta^(2), ...]; got a single array of shape {thetas.shape}. "
            "For a network without hidden layers write [theta]."
        )
    if not isinstance(thetas, (list, tuple)):
        raise TypeError(
            "thetas must be a list of weight matrices [Theta^(1), Theta^(2), ...]; "
            f"got {type(thetas).__name__}."
        )
    if len(thetas) == 0:
        raise ValueError(
            "thetas is empty: a network needs at least one weight matrix. "
            "Make one with nnlib.init_weights([n_inputs, ..., n_outputs])."
        )
    out = []
    for i, theta in enumerate(thetas, start=1):
        name = f"Theta^({i}) (thetas[{i - 1}])"
        theta = as_float_array(theta, name)
        if theta.ndim != 2:
            raise ValueError(
                f"{name} must be a 2-D matrix of shape (s_{i + 1}, s_{i} + 1); "
                f"got shape {theta.shape}."
            )
        if theta.shape[0] == 0:
            raise ValueError(
                f"{name} has shape {theta.shape}: no rows means a layer of 0 units. "
                "Every layer needs at least one unit (one row of Theta per unit it feeds)."
            )
        if theta.shape[1] < 2:
            raise ValueError(
                f"{name} has shape {theta.shape}: it needs a bias column plus one "
                "column per unit of the layer before, so at least 2 columns."
            )
        check_finite(theta, name, "Training may have diverged: try a smaller learning rate.")
        out.append(theta)
    for i in range(1, len(out)):
        prev, cur = out[i - 1], out[i]
        if cur.shape[1] == prev.shape[0] + 1:
            continue
        msg = (
            f"Theta^({i + 1}) has shape {cur.shape} but Theta^({i}) has shape "
            f"{prev.shape}: layer {i + 1} has {prev.shape[0]} units, so Theta^({i + 1}) "
            f"must have {prev.shape[0]} + 1 = {prev.shape[0] + 1} columns (bias column first)."
        )
        if cur.shape[1] == prev.shape[0]:
            msg += f" Theta^({i + 1}) looks like it is missing its bias column."
        elif cur.shape[0] == prev.shape[0] + 1:
            msg += f" Theta^({i + 1}) looks transposed: use its .T."
        raise ValueError(msg)
    return out


def check_X_thetas(X, thetas):
    """X and thetas each valid, and X's feature count matching Theta^(1)."""
    X = check_X(X)
    thetas = check_thetas(thetas)
    n, cols = X.shape[1], thetas[0].shape[1]
    if cols == n + 1:
        return X, thetas
    msg = (
        f"X has {n} features per example (shape {X.shape}), so Theta^(1) needs "
        f"{n} + 1 = {n + 1} columns (the bias column first); it has shape {thetas[0].shape}."
    )
    if cols == n and np.all(X[:, 0] == 1.0):
        msg += (
            " X's first column is all ones: nnlib adds the bias column itself, "
            "so pass X without it (X[:, 1:])."
        )
    elif cols == n:
        msg += " Theta^(1) looks like it is missing its bias column."
    elif X.shape[0] + 1 == cols:
        msg += " X looks transposed: nnlib wants one example per row, so pass X.T."
    raise ValueError(msg)


def check_lam(lam):
    """lambda as a finite, non-negative float."""
    lam = real_number(lam, "lam (lambda, the regularization strength)", expected="a real number >= 0")
    if lam < 0:
        raise ValueError(
            f"lam (lambda, the regularization strength) must be finite and >= 0; got {lam}. "
            "A negative lambda would reward large weights instead of penalising them."
        )
    return lam


def check_labels(y, K, name="y"):
    """Integer labels in 0..K-1 as an int array of shape (m,)."""
    y = np.asarray(y)
    if y.ndim != 1:
        raise ValueError(f"{name} must be a 1-D vector of integer labels; got shape {y.shape}.")
    if y.size == 0:
        raise ValueError(f"{name} has no labels: m must be at least 1.")
    if y.dtype.kind not in "iub":
        yf = as_float_array(y, name)
        check_finite(yf, name)
        out_of_range = (yf < 0) | (yf >= K)
        if out_of_range.any():  # before the cast to int, which garbles huge numbers
            raise ValueError(
                f"{name} must hold class labels 0..{K - 1} for K = {K} classes; found {yf[out_of_range][0]:g}."
            )
        if not np.all(yf == np.round(yf)):
            bad = yf[yf != np.round(yf)][0]
            raise ValueError(
                f"{name} must hold whole-number class labels 0..{K - 1}; found {bad}. "
                "Did you pass predicted probabilities instead of labels?"
            )
        y = yf.astype(int)
    y = y.astype(int)
    low, high = int(y.min()), int(y.max())
    if low < 0 or high >= K:
        hint = ""
        if low == 1 and high == K:
            hint = " The labels look 1-based (1..K): subtract 1 so they run 0..K-1."
        raise ValueError(
            f"{name} must hold class labels 0..{K - 1} for K = {K} classes; "
            f"found labels from {low} to {high}.{hint}"
        )
    return y


def check_Y(Y, m, K):
    """Y as a float (m, K) matrix of 0/1, from either that or 1-D labels.

    A 1-D vector is one-hot encoded when K > 1 (labels 0..K-1) and taken as
    0/1 targets when K = 1.
    """
    if isinstance(Y, (str, bytes)) or Y is None:
        raise TypeError(f"Y must be an array of labels; got {type(Y).__name__}.")
    Y = np.asarray(Y)
    if Y.ndim == 1:
        if Y.shape[0] != m:
            raise ValueError(
                f"X has {m} examples but y has {Y.shape[0]} labels: they must match, "
                "one label per row of X."
            )
        if K == 1:
            Yf = as_float_array(Y, "y")
            check_finite(Yf, "y")
            if not np.all((Yf == 0) | (Yf == 1)):
                raise ValueError(
                    "With one output unit (K = 1) the labels must be 0 or 1; found "
                    f"{np.unique(Yf)[:6]}. For several classes use an output layer "
                    "with one unit per class."
                )
            return Yf.reshape(m, 1)
        return one_hot_unchecked(check_labels(Y, K), K)
    Yf = as_float_array(Y, "Y")
    if Yf.ndim != 2:
        raise ValueError(f"Y must be (m, K) one-hot or a 1-D label vector; got shape {Yf.shape}.")
    if Yf.shape != (m, K):
        msg = f"Y must have shape (m, K) = ({m}, {K}); got {Yf.shape}."
        if Yf.shape == (K, m):
            msg += " Y looks transposed: pass Y.T."
        elif Yf.shape[0] == m:
            msg += (
                f" Y has {Yf.shape[1]} columns but the network has K = {K} output units: "
                "the last weight matrix must have one row per class."
            )
        elif Yf.shape[0] != m:
            msg += f" X has {m} examples but Y has {Yf.shape[0]} rows."
        raise ValueError(msg)
    check_finite(Yf, "Y")
    if not np.all((Yf == 0) | (Yf == 1)):
        raise ValueError(
            "Y must hold only 0s and 1s (one-hot rows); found values such as "
            f"{Yf[(Yf != 0) & (Yf != 1)][:3]}. Pass class labels as a 1-D vector "
            "and nnlib will one-hot encode them."
        )
    return Yf


def one_hot_unchecked(y, K):
    Y = np.zeros((y.shape[0], K))
    Y[np.arange(y.shape[0]), y] = 1.0
    return Y


def check_network_inputs(thetas, X, Y, lam):
    """thetas, X, Y and lambda of a network's cost or backprop, each checked and converted.

    Returns (thetas, X, Y, lam): a list of float matrices whose shapes chain,
    X (m, n) float, Y (m, K) float of 0/1 (labels one-hot encoded), lam a float >= 0.
    """
    X, thetas = check_X_thetas(X, thetas)
    Y = check_Y(Y, X.shape[0], thetas[-1].shape[0])
    return thetas, X, Y, check_lam(lam)


# ---------------------------------------------------------------- levels 4 and 5: layers, optimizers, cells
#
# The modules of levels 4 and 5 (layers, optim, clip, conv, recurrent) keep
# their own checks in a closing "input checks" section, built from these.


def _prefix(where, name):
    return f"{where}: {name}" if where else name


_add = np.add.reduce


def arrays(where, names, values, hint=""):
    """Each value as a float64 ndarray (no copy when it already is one), all finite, or a clear error.

    names and values are sequences of the same length; ``where`` (the public
    function's name) starts every message. One fast pass checks finiteness
    for all of them; only when it fails is each array searched.
    """
    out = [value if type(value) is np.ndarray and value.dtype == np.float64
           else as_float_array(value, _prefix(where, name)) for name, value in zip(names, values)]
    total = 0.0
    with np.errstate(over="ignore", invalid="ignore"):  # a sum that overflows is searched below
        for a in out:
            total += _add(a, axis=None)
    if not math.isfinite(total):
        for name, a in zip(names, out):
            check_finite(a, _prefix(where, name), hint)
    return out


def array(value, name, where="", hint=""):
    """``value`` as a finite float64 ndarray (see ``arrays``)."""
    return arrays(where, [name], [value], hint)[0]


def shape_hint(name, got, want):
    """A sentence naming the likely cause of an array of shape ``got`` where ``want`` was expected."""
    if len(got) == len(want) == 2 and got == want[::-1]:
        return f" {name} looks transposed: pass {name}.T."
    if got == want[1:]:
        return f" {name} lacks the first axis (the examples): for one example write {name}[None]."
    if len(got) == len(want) + 1 and got[1:] == want:
        return f" {name} has an extra first axis of {got[0]}: pass one of its entries, or reshape it."
    if int(np.prod(got)) == int(np.prod(want)) and got != want:
        return f" It has the right number of entries: did you mean {name}.reshape{want}?"
    return ""


def dout_array(dout, shape, where, what="out", name="dout"):
    """``dout`` as a finite float array of the forward output's ``shape``, or an error that says why."""
    dout = (dout if type(dout) is np.ndarray and dout.dtype == np.float64
            else as_float_array(dout, _prefix(where, name)))
    if dout.shape != tuple(shape):
        raise ValueError(
            f"{where}: {name} must be the gradient of the cost with respect to the forward's output {what}, "
            f"so of the shape of the forward's output, {tuple(shape)}; got shape {dout.shape}."
            f"{shape_hint(name, dout.shape, tuple(shape))} "
            "Pass the gradient of the output of the same forward call whose cache you pass."
        )
    return array(dout, name, where, "The gradient arriving from the layer above is not finite: "
                                    "look for an overflow or a division by zero above this layer.")


def fraction(value, name, meaning, example="0.9"):
    """A number in [0, 1) (a decay rate or a momentum) as a float, or a clear error."""
    expected = f"a number in [0, 1) such as {example}"
    number = real_number(value, f"{name} ({meaning})", expected=expected)
    if not 0.0 <= number < 1.0:
        extra = (" 1 would never forget: the running average would stay at its start." if number == 1.0
                 else " A negative value flips the sign of the past." if number < 0 else
                 " Above 1 the running average grows without bound.")
        raise ValueError(f"{name} ({meaning}) must be {expected}; got {number}.{extra}")
    return number


def flag(value, name, meaning=""):
    """True or False (numpy's bools too), never a string or a number that happens to be truthy."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise WrongKindError(
        f"{name} must be True or False{f' ({meaning})' if meaning else ''}; got {_describe(value)}, "
        f"{type(value).__name__}. (Any non-empty string, \"no\" and \"False\" included, would count as True.)"
    )


def array_list(values, name, what, example, allow_empty=False):
    """``values`` as a python list (a list or tuple of arrays), or an error for a single array or another object."""
    if isinstance(values, np.ndarray):
        raise WrongKindError(
            f"{name} must be a list of arrays, {what}; got a single array of shape {values.shape}. "
            f"For one array write [{example}]."
        )
    if not isinstance(values, (list, tuple)):
        raise WrongKindError(f"{name} must be a list of arrays, {what}; got {_describe(values)}, {type(values).__name__}.")
    if len(values) == 0 and not allow_empty:
        raise ValueError(f"{name} is empty: it must hold at least one array, {what}.")
    return list(values)


def in_place_array(value, name, why):
    """``value`` if it can be changed in place (a writable float ndarray), else an error that says why not."""
    if not isinstance(value, np.ndarray) or value.dtype.kind != "f":
        got = (f"an array of dtype {value.dtype}" if isinstance(value, np.ndarray)
               else f"{type(value).__name__}")
        raise WrongKindError(
            f"{name} must be a float numpy array ({why}); got {got}. "
            "Make it with np.array(..., dtype=float) and keep that array."
        )
    if not value.flags.writeable:
        raise ValueError(
            f"{name} is read-only (its writeable flag is off: a view of read-only memory, or set with "
            f"setflags(write=False)), but {why}. Pass a copy: {name.split('[')[0]}[i].copy()."
        )
    return value


def distinct_arrays(values, name):
    """Raise if two arrays of ``values`` share memory (the same array twice, or overlapping views)."""
    for i, a in enumerate(values):
        for j in range(i):
            if np.may_share_memory(a, values[j]) and np.shares_memory(a, values[j]):
                raise ValueError(
                    f"{name}[{j}] and {name}[{i}] are the same array (or overlapping views of one): "
                    "each would be updated twice. List every parameter once."
                )
