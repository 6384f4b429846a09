"""Building blocks for exercise check cells.

A check compares the learner's answer with the reference answer and either
prints a short success line or raises ``CheckFailed`` (an AssertionError, so
nbgrader's autograder counts it as a failed test) with a message that says
what was tried, what came back, what was expected and, where a known mistake
explains the difference, what to look at.
"""

import numpy as np


class CheckFailed(AssertionError):
    """The answer is not right yet; the message says why and where to look."""

    def _render_traceback_(self):
        # IPython (Jupyter) shows these lines instead of a traceback: the learner
        # needs the message, not the lines of nnlib's check code (which may even
        # give the answer away). Outside IPython the usual traceback stays.
        return [f"\u2718 {line}" if i == 0 else line for i, line in enumerate(str(self).splitlines())]


def passed(message="Correct!"):
    """Print the success line of a check cell."""
    print(f"\u2714 {message}")


def describe(value, limit=6, width=150):
    """A short, readable description of a value for a feedback message (at most ``width`` characters)."""
    if isinstance(value, np.ndarray):
        if value.size <= limit:
            return f"array {np.array2string(value, precision=4, separator=', ')}"
        flat = ", ".join(f"{x:.4g}" for x in value.ravel()[:limit])
        return f"array of shape {value.shape} starting [{flat}, ...]"
    if isinstance(value, (list, tuple)) and value and all(isinstance(x, np.ndarray) for x in value):
        return f"list of {len(value)} arrays with shapes {[x.shape for x in value]}"
    if isinstance(value, float):
        return f"{value:.6g}"
    text = repr(value)  # capped: the repr of a large object (a TrainResult) would fill the screen
    return text if len(text) <= width else f"{text[:width - 5]} ...{text[-1] if text[-1] in ')]}>' else ''}"


def _differ(got, want, joiner="; expected"):
    """'got; expected want' (or another ``joiner``), with enough digits to see the difference:
    12 and the relative error when the two look the same at 6 significant digits."""
    got, want = float(got), float(want)
    if f"{got:.6g}" != f"{want:.6g}":
        return f"{got:.6g}{joiner} {want:.6g}"
    rel = abs(got - want) / max(abs(want), abs(got))
    return f"{got:.12g}{joiner} {want:.12g} (relative error {rel:.1e})"


def require(name, value, what="a number"):
    """Reject an answer that was never filled in (None or ...)."""
    __tracebackhide__ = True
    if value is None or value is Ellipsis:
        raise CheckFailed(f"{name} is not set yet: replace None with {what}.")
    return value


def call(fn, args=(), name=None):
    """Call the learner's function, turning its exceptions into readable feedback."""
    __tracebackhide__ = True
    name = name or getattr(fn, "__name__", "your function")
    if not callable(fn):
        raise CheckFailed(f"{name} should be a function, but it is {describe(fn)}.")
    shown = ", ".join(describe(a) for a in args)
    try:
        return fn(*args)
    except NotImplementedError:
        raise CheckFailed(
            f"{name} still raises NotImplementedError: replace the line "
            "`raise NotImplementedError(...)` with your code, run that cell, then run this check again."
        ) from None
    except CheckFailed:
        raise
    except Exception as exc:  # the learner's code failed: say how, briefly
        raise CheckFailed(f"{name}({shown}) raised {type(exc).__name__}: {exc}") from None


def _close(got, want, rtol, atol):
    try:
        got = np.asarray(got, dtype=float)
        want = np.asarray(want, dtype=float)
    except (TypeError, ValueError):
        return False
    return got.shape == want.shape and bool(np.allclose(got, want, rtol=rtol, atol=atol))


def _as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


def diagnose(got, args, diagnoses, rtol, atol):
    """The message of the first known mistake whose result matches ``got``, or None."""
    for wrong, message in diagnoses:
        wrong_value = wrong(*args) if callable(wrong) else wrong
        gl, wl = _as_list(got), _as_list(wrong_value)
        if len(gl) == len(wl) and all(_close(g, w, rtol, atol) for g, w in zip(gl, wl)):
            return message
    return None


def compare(name, got, want, rtol=1e-6, atol=1e-9, diagnoses=(), args=(), context="",
            single_hint="", value_name="it"):
    """Raise CheckFailed unless ``got`` equals ``want`` (numbers, arrays, or lists of arrays).

    diagnoses: (wrong, message) pairs; ``wrong`` is a known wrong answer or a
    function of ``args`` that makes one. When ``got`` matches it, the message
    names that mistake.
    single_hint: added to the message when one number or array is expected and
    ``got`` is a list or tuple (for example "Return only J."); value_name: what
    the answer is called in "return a single number: float(J)".
    """
    __tracebackhide__ = True
    context = f" {context}" if context else ""
    if not isinstance(want, (list, tuple)) and isinstance(got, (list, tuple)):
        kind = type(got).__name__
        items = f"a {kind} of {len(got)} item{'s' if len(got) != 1 else ''}"
        wshape = np.shape(want)
        what = "one number" if wshape == () else f"one numpy array of shape {wshape}"
        tail = f" {single_hint}" if single_hint else ""
        raise CheckFailed(f"{name}{context} should be {what}; got {items}.{tail}")
    gl, wl = _as_list(got), _as_list(want)
    if isinstance(want, (list, tuple)) and len(gl) != len(wl):
        raise CheckFailed(f"{name}{context} gave {len(gl)} item(s); expected {len(wl)}.")
    for i, (g, w) in enumerate(zip(gl, wl)):
        label = f"{name}[{i}]" if isinstance(want, (list, tuple)) else name
        if g is None:
            raise CheckFailed(f"{label}{context} is None: did the function forget its `return` line?")
        try:
            garr = np.asarray(g, dtype=float)
        except (TypeError, ValueError):
            raise CheckFailed(f"{label}{context} should be numeric; got {describe(g)}.") from None
        warr = np.asarray(w, dtype=float)
        if garr.shape != warr.shape:
            hint = diagnose(got, args, diagnoses, rtol, atol)
            if not hint and warr.shape == () and garr.size == 1:
                hint = f"Return a single number: float({value_name})."
            raise CheckFailed(
                f"{label}{context} has shape {garr.shape}; expected shape {warr.shape}."
                + (f" {hint}" if hint else "")
            )
        if np.isnan(garr).any() and not np.isnan(warr).any():
            raise CheckFailed(f"{label}{context} contains NaN: look for a log of 0 or a 0/0.")
        if not np.allclose(garr, warr, rtol=rtol, atol=atol):
            hint = diagnose(got, args, diagnoses, rtol, atol)
            where = ""
            if garr.ndim:
                bad = np.argwhere(~np.isclose(garr, warr, rtol=rtol, atol=atol))[0]
                idx = tuple(int(k) for k in bad)
                where = f" First difference at index {idx}: {_differ(garr[idx], warr[idx], ' instead of')}."
                msg = f"{label}{context} is {describe(garr)}; expected {describe(warr)}.{where}"
            else:
                msg = f"{label}{context} is {_differ(garr, warr)}."
            raise CheckFailed(msg + (f" {hint}" if hint else ""))


def check_function(fn, reference, cases, name=None, rtol=1e-6, atol=1e-9, diagnoses=()):
    """Compare fn(*args) with reference(*args) for every tuple ``args`` in ``cases``.

    The first mismatch raises CheckFailed, naming the inputs, the result, the
    expected result and, if a diagnosis matches, the likely mistake.
    """
    __tracebackhide__ = True
    name = name or getattr(fn, "__name__", "your function")
    for args in cases:
        args = tuple(args)
        copies = tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args)
        got = call(fn, copies, name)
        want = reference(*args)
        shown = ", ".join(describe(a) for a in args)
        compare(f"{name}({shown})", got, want, rtol, atol, diagnoses, args)
        for a, c in zip(args, copies):
            if isinstance(a, np.ndarray) and not np.array_equal(a, c, equal_nan=True):
                raise CheckFailed(
                    f"{name} changed its input array in place; work on a copy instead "
                    "(for example x = x.copy(), or build a new array)."
                )
