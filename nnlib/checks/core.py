"""Building blocks for exercise check cells: one check runner for every level.

A check compares the learner's answer with the reference answer and either
prints a short success line or raises ``CheckFailed`` (an AssertionError, so
nbgrader's autograder counts it as a failed test) with a message that says
what was tried, what came back, what was expected and, where a known mistake
explains the difference, what to look at.

``check_function`` is the runner. Besides comparing results it
- calls the learner's function under a time limit (a loop that never ends
  gets a message instead of a hung notebook);
- gives every call copies of the inputs and names an answer that changed
  them in place;
- explains a list where an array was expected, a pair where one value was
  expected, a missing ``return``;
- can swap reference versions of earlier exercises into the learner's
  function (``swap``), so that one mistake is not charged twice;
- names an answer that calls the library's own version of the function it
  was asked to write (``forbidden``).
The level modules (``level1`` ... ``level5``) are tables of cases and typical
mistakes over it.
"""

import contextlib
import math
import numbers
import signal
import sys
import threading
import types
from dataclasses import dataclass

import numpy as np

#: Seconds a learner's function may run on one case before the check gives up on it.
TIME_LIMIT = 10.0


class CheckFailed(AssertionError):
    """The answer is not right yet; the message says why and where to look."""

    def _render_traceback_(self):
        # IPython (Jupyter) shows these lines instead of a traceback: the learner
        # needs the message, not the lines of nnlib's check code (which may even
        # give the answer away). Outside IPython the usual traceback stays.
        return [f"\u2718 {line}" if i == 0 else line for i, line in enumerate(str(self).splitlines())]


class TimedOut(BaseException):
    """Raised inside the learner's code when its time is up (a BaseException, so that
    the learner's own ``except Exception`` does not swallow it)."""


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


def brief(value):
    """An argument in a feedback message, briefly: the values of a small array, the shapes of a big one."""
    if isinstance(value, np.ndarray) and value.size > 6:
        return f"array {value.shape}"
    if isinstance(value, (list, tuple)) and value and all(isinstance(x, np.ndarray) for x in value):
        return f"[arrays {', '.join(str(x.shape) for x in value)}]"
    return describe(value)


def _differ(got, want, joiner="; expected"):
    """'got; expected want' (or another ``joiner``), with enough digits to see the difference:
    12 and the relative error when the two look the same at 6 significant digits."""
    got, want = float(got), float(want)
    if f"{got:.6g}" != f"{want:.6g}":
        return f"{got:.6g}{joiner} {want:.6g}"
    rel = abs(got - want) / max(abs(want), abs(got))
    return f"{got:.12g}{joiner} {want:.12g} (relative error {rel:.1e})"


# ---------------------------------------------------------------- values the learner sets


def require(name, value, what="a number"):
    """Reject an answer that was never filled in (None or ...)."""
    __tracebackhide__ = True
    if value is None or value is Ellipsis:
        raise CheckFailed(f"{name} is not set yet: replace None with {what}.")
    return value


def number(name, value, what="a number", positive=False):
    """One finite real number from a value the learner set, or CheckFailed saying what is wrong.

    Accepts Python and numpy numbers and 0-d arrays; rejects None, text (even
    '0.5'), True/False, several numbers (a tuple from a decimal comma, a list,
    an array), NaN and infinity.
    """
    __tracebackhide__ = True
    require(name, value, what)
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        value = value.item()
    if isinstance(value, str):
        raise CheckFailed(f"{name} should be a number written without quotes; got the text {value!r}. "
                          f"Write {value.strip()} instead of {value!r}." if _looks_numeric(value) else
                          f"{name} should be a number written without quotes; got the text {value!r}.")
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, numbers.Integral) for v in value):
        raise CheckFailed(f"{name} should be one number, but a comma made {len(value)} numbers: {value!r}. "
                          "Python writes one and a half with a dot: 1.5, not 1,5.")
    if isinstance(value, (list, tuple, np.ndarray)):
        raise CheckFailed(f"{name} should be one number, not several; got {describe(value)}.")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise CheckFailed(f"{name} should be a number (written without quotes); got {describe(value)}.")
    value = float(value)
    if math.isnan(value):
        raise CheckFailed(f"{name} is NaN (not a number): it came from a 0/0, a log of a negative "
                          "number or an overflow. Set it to an ordinary number.")
    if math.isinf(value):
        raise CheckFailed(f"{name} is infinite: it must be an ordinary, finite number.")
    if positive and value <= 0:
        raise CheckFailed(f"{name} must be a positive number; got {value:g}.")
    return value


def _looks_numeric(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


# ---------------------------------------------------------------- calling the learner's function


@contextlib.contextmanager
def time_limit(seconds):
    """Raise TimedOut in the running code after ``seconds`` (SIGALRM, main thread only).

    Where there is no SIGALRM (Windows) or outside the main thread the code
    runs without a limit rather than failing.
    """
    usable = (seconds is not None and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def ring(signum, frame):
        raise TimedOut()

    try:
        previous = signal.signal(signal.SIGALRM, ring)
    except ValueError:  # not allowed here after all
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, float(seconds))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _code_names(code):
    """Every global or attribute name used in ``code`` and in the functions defined inside it."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _code_names(const)
    return names


def names_reached(fn, skip=()):
    """The global names ``fn`` uses, and those of the learner's other functions it calls (functions of
    the same notebook, found through its globals), except inside the functions named in ``skip``.

    A learner's training function that calls their own helper, which calls forward_pass, reaches
    forward_pass too: swapping only the names in ``fn``'s own code would miss it."""
    glob = getattr(fn, "__globals__", None)
    code = getattr(getattr(fn, "__func__", fn), "__code__", None)
    if code is None:
        return set()
    names, seen, todo = set(), set(), [code]
    while todo:
        code = todo.pop()
        if code in seen:
            continue
        seen.add(code)
        found = _code_names(code)
        names |= found
        for name in found:
            other = glob.get(name) if glob is not None and name not in skip else None
            if isinstance(other, types.FunctionType) and other.__globals__ is glob:
                todo.append(other.__code__)
    return names


@contextlib.contextmanager
def swapped(fn, replacements):
    """Inside the block, the global names of ``fn`` listed in ``replacements`` (name -> function)
    refer to the replacements: the learner's function is graded with reference versions of the
    earlier exercises it builds on, so that an earlier mistake does not fail this one too."""
    glob = getattr(fn, "__globals__", None)
    code = getattr(fn, "__code__", None)
    if not replacements or glob is None or code is None:
        yield
        return
    used = names_reached(fn, skip=replacements)
    saved = {}
    for name, ref in replacements.items():
        if name in used and name in glob and glob[name] is not ref:
            saved[name] = glob[name]
            glob[name] = ref
    try:
        yield
    finally:
        glob.update(saved)


class _CallWatch:
    """Records which of the ``watched`` functions run while it is active (sys.setprofile, and
    threading.setprofile for the threads started meanwhile)."""

    def __init__(self, watched):
        self.codes = {}
        for f, message in watched:
            code = getattr(getattr(f, "__func__", f), "__code__", None)
            if code is not None:
                self.codes[code] = (f, message)
        self.seen = []

    def __call__(self, frame, event, arg):
        if event == "call" and frame.f_code in self.codes and len(self.seen) < 5:
            self.seen.append(self.codes[frame.f_code])

    @contextlib.contextmanager
    def active(self):
        if not self.codes or threading.current_thread() is not threading.main_thread():
            yield self
            return
        previous, previous_threads = sys.getprofile(), threading.getprofile()
        sys.setprofile(self)
        threading.setprofile(self)  # threads the learner's code starts during the call are watched too
        try:
            yield self
        finally:
            sys.setprofile(previous)
            threading.setprofile(previous_threads)


def _qualified(f):
    module = getattr(f, "__module__", "") or ""
    return f"{module}.{getattr(f, '__qualname__', getattr(f, '__name__', repr(f)))}"


def own_version_message(name, f):
    return (f"{name} uses {_qualified(f)}, the library's own version of the function this exercise asks "
            f"you to write. Write {name} yourself from the formula, without calling it.")


def _forbidden_pairs(forbidden):
    """(function, message or None) for every entry of ``forbidden`` (a function, or a (function, message) pair)."""
    return [tuple(f) if isinstance(f, tuple) else (f, None) for f in forbidden]


_MATH_HINT = " The math module's functions (math.exp) take one number; use np.exp, which works on whole arrays."
_BROADCAST_HINT = (" Elementwise operations (*, +, -) need matching shapes; where the equation has a matrix "
                   "product write @ instead of *.")
_MATMUL_HINT = " Check the shapes of both sides of each product (@); a missing .T is the usual cause."


def _innermost_function(exc):
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame.f_code.co_name if tb is not None else None


def call(fn, args=(), name=None, *, time_limit_s=TIME_LIMIT, swap=None, forbidden=(), hints=None,
         show=describe):
    """Call the learner's function, turning its exceptions into readable feedback.

    time_limit_s: seconds before a call that never ends is stopped (None: no
    limit). swap: {global name: reference function} swapped into ``fn`` for the
    call. forbidden: functions (the library's answers) whose use by ``fn``
    fails the check, each alone or as a pair (function, message). hints: extra text for numpy errors, keyed "matmul",
    "broadcast" or "math".
    """
    __tracebackhide__ = True
    name = name or getattr(fn, "__name__", "your function")
    if not callable(fn):
        raise CheckFailed(f"{name} should be a function, but it is {describe(fn)}.")
    forbidden = _forbidden_pairs(forbidden)
    for f, message in forbidden:
        if fn is f or getattr(fn, "__wrapped__", None) is f:
            raise CheckFailed(message or own_version_message(name, f))
    hints = {"math": _MATH_HINT, "broadcast": _BROADCAST_HINT, "matmul": _MATMUL_HINT, **(hints or {})}
    shown = ", ".join(show(a) for a in args)
    watch = _CallWatch(forbidden)
    try:
        with swapped(fn, swap), watch.active(), time_limit(time_limit_s):
            result = fn(*args)
    except TimedOut:
        raise CheckFailed(
            f"{name}({shown}) did not finish within {time_limit_s:g} seconds: look for a loop that never "
            "ends (a while loop whose condition never becomes false, or a function that calls itself)."
        ) from None
    except NotImplementedError as exc:
        inner = _innermost_function(exc)
        if inner and inner not in (name, "<module>", "__call__"):
            raise CheckFailed(
                f"{name} calls {inner}, which still raises NotImplementedError: finish {inner} "
                "(an earlier exercise) first, run its cell, then run this check again."
            ) from None
        raise CheckFailed(
            f"{name} still raises NotImplementedError: replace the line "
            "`raise NotImplementedError(...)` with your code, run that cell, then run this check again."
        ) from None
    except CheckFailed:
        raise
    except RecursionError:
        raise CheckFailed(f"{name}({shown}) calls itself without end (RecursionError).") from None
    except Exception as exc:  # the learner's code failed: say how, briefly
        text = str(exc).strip()
        hint = ""
        if isinstance(exc, ValueError) and "broadcast" in text:
            hint = hints["broadcast"]
        elif isinstance(exc, ValueError) and ("matmul" in text or "not aligned" in text or "mismatch" in text):
            hint = hints["matmul"]
        elif isinstance(exc, TypeError) and "converted to Python scalars" in text:
            hint = hints["math"]
        raise CheckFailed(f"{name}({shown}) raised {type(exc).__name__}: {text.rstrip('.')}.{hint}") from None
    if watch.seen:
        f, message = watch.seen[0]
        raise CheckFailed(message or own_version_message(name, f))
    return result


# ---------------------------------------------------------------- comparing results


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
        try:
            with np.errstate(all="ignore"):
                wrong_value = wrong(*args) if callable(wrong) else wrong
        except Exception:  # a variant that does not apply to these inputs
            continue
        gl, wl = _as_list(got), _as_list(wrong_value)
        if len(gl) == len(wl) and all(_close(g, w, rtol, atol) for g, w in zip(gl, wl)):
            return message
    return None


def compare(name, got, want, rtol=1e-6, atol=1e-9, diagnoses=(), args=(), context="",
            single_hint="", value_name="it", hidden=False):
    """Raise CheckFailed unless ``got`` equals ``want`` (numbers, arrays, or lists of arrays).

    diagnoses: (wrong, message) pairs; ``wrong`` is a known wrong answer or a
    function of ``args`` that makes one. When ``got`` matches it, the message
    names that mistake.
    single_hint: added to the message when one number or array is expected and
    ``got`` is a list or tuple (for example "Return only J."); value_name: what
    the answer is called in "return a single number: float(J)".
    hidden: a case of the hidden tests (drawn from an instructor's seed): a wrong
    value is named without the expected one (the typical mistake, a shape, a
    NaN are still said), so that no message gives the right answer away.
    """
    __tracebackhide__ = True
    if hidden:
        try:
            compare(name, got, want, rtol, atol, context=context, single_hint=single_hint, value_name=value_name)
        except CheckFailed as failed:
            text = str(failed)
            hint = diagnose(got, args, diagnoses, rtol, atol) if diagnoses else None
            if not any(k in text for k in ("expected shape", "is None", "should be", "item(s)", "NaN")):
                text = (f"{name}{' ' + context if context else ''} is wrong on a hidden case (the check passed on "
                        "the visible ones; the expected values of hidden cases are not shown).")
            raise CheckFailed(text + (f" {hint}" if hint else "")) from None
        return
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
            hint = diagnose(got, args, diagnoses, rtol, atol)
            raise CheckFailed(f"{label}{context} contains NaN: look for a log of 0 or a 0/0."
                              + (f" {hint}" if hint else ""))
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


# ---------------------------------------------------------------- typical mistakes, declared once


@dataclass
class Mistake:
    """A typical wrong answer of an exercise, declared once and read both by the check and by the tests.

    name: what the mistake is, briefly (the tests' label). code: the learner's code that makes it, the
    lines that stand between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` in the answer cell.
    says: the sentence of the check's message that names it. words: the part of ``says`` that the tests
    require in the message, where ``says`` is formatted with the case (default: all of ``says``).
    rule: True when the check recognises the mistake by a rule of its own (a time limit, a count of
    calls, a test of identity) rather than by running ``code`` on the case and comparing results.

    The check compiles ``code`` into a function with the exercise's signature (``compiled_mistake``) and
    runs it on each case beside the reference: when the learner's result matches it, the message names
    the mistake. The tests (tests/mistakes) put ``code`` into the solution notebook in place of the
    worked answer and require ``words`` in the check's message.
    """
    name: str
    code: str
    says: str
    words: str = None
    rule: bool = False


def compiled_mistake(mistake, name, params, prelude="", env=None):
    """The learner's function that makes ``mistake``: ``def name(params): prelude; code``, with numpy as
    ``np``, ``math`` and the names of ``env`` (the reference versions of earlier answers) as its globals."""
    body = "\n".join("    " + line for line in (prelude + mistake.code).splitlines())
    ns = {"np": np, "math": math, **(env or {})}
    exec(compile(f"def {name}({params}):\n{body}\n", f"<mistake {mistake.name}>", "exec"), ns)
    return ns[name]


def mistake_diagnoses(mistakes, name, params, prelude="", env=None):
    """(function of the case's arguments, says) for every mistake the check simulates (``rule`` False)."""
    return [(compiled_mistake(m, name, params, prelude, env), m.says) for m in mistakes if not m.rule]


def says(mistakes, name):
    """The sentence of the mistake called ``name`` in the table ``mistakes``."""
    for m in mistakes:
        if m.name == name:
            return m.says
    raise KeyError(f"no mistake named {name!r} in this table")


def copy_args(args):
    """Deep copies of the arrays among ``args`` (inside lists and tuples too: a cache is a tuple), for a
    call that must not change them."""
    return tuple(_copy(a) for a in args)


def _copy(a):
    if isinstance(a, np.ndarray):
        return a.copy()
    if isinstance(a, tuple) and hasattr(a, "_fields"):  # a namedtuple
        return type(a)(*(_copy(x) for x in a))
    if isinstance(a, (list, tuple)):
        return type(a)(_copy(x) for x in a)
    return a


def _same(a, b):
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.shape == b.shape and np.array_equal(a, b, equal_nan=True)
    if isinstance(a, (list, tuple)):
        return isinstance(b, (list, tuple)) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return True


def _restored(a, b):
    """True when the arrays differ only by rounding (a perturbation added, then subtracted)."""
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_restored(x, y) for x, y in zip(a, b))
    if not isinstance(a, np.ndarray):
        return True
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-12, atol=1e-15)


def check_unchanged(name, given, originals):
    """CheckFailed if the learner's call changed one of the arrays it was given."""
    __tracebackhide__ = True
    for a, c in zip(given, originals):
        if not _same(a, c):
            raise CheckFailed(
                f"{name} changed one of its input arrays in place; work on a copy instead "
                "(for example x = x.copy(), or build a new array)."
                + (" Adding and subtracting eps does not always give back exactly the same float; "
                   "perturb a copy." if _restored(a, c) else "")
            )


def check_function(fn, reference, cases, name=None, rtol=1e-6, atol=1e-9, diagnoses=(), *,
                   items=None, returns="the result", list_hint="np.array(...) turns your list into one.",
                   single_hint="", swap=None, forbidden=(), hints=None, time_limit_s=TIME_LIMIT,
                   show=describe, post=None, mistakes=(), params=None, prelude="", env=None, hidden=False):
    """Compare fn(*args) with reference(*args) for every tuple ``args`` in ``cases``.

    The first mismatch raises CheckFailed, naming the inputs, the result, the
    expected result and, if a diagnosis matches, the likely mistake.

    items: names of the two parts of a pair result, e.g. ("new m", "new c").
    returns: what the function returns, for messages ("h", "J"); list_hint,
    single_hint: what to do when a list comes instead of an array, or several
    things instead of one. swap, forbidden, hints, time_limit_s: as for ``call``.
    show: how an argument is shown in messages (``describe``, or ``brief``).
    post: a function of the result applied before comparing (may raise CheckFailed).
    mistakes: the exercise's table of ``Mistake``s; each one not a ``rule`` is compiled as
    ``def name(params): prelude; code`` (``env``: the names its code may use besides np and math)
    and joins ``diagnoses``. hidden: the cases are the hidden tests' (no expected value is shown).
    """
    __tracebackhide__ = True
    name = name or getattr(fn, "__name__", "your function")
    if mistakes:
        diagnoses = list(diagnoses) + mistake_diagnoses(mistakes, name, params, prelude, env)
    for args in cases:
        args = tuple(args)
        given = copy_args(args)
        got = call(fn, given, name, time_limit_s=time_limit_s, swap=swap, forbidden=forbidden, hints=hints,
                   show=show)
        shown = f"{name}({', '.join(show(a) for a in args)})"
        if got is None:
            raise CheckFailed(f"{shown} returned None: did you forget the `return` line at its end?")
        if post is not None:
            got = post(got)
        check_unchanged(name, given, args)
        want = reference(*args)
        if items:
            _compare_pair(shown, got, want, items, diagnoses, args, rtol, atol, hidden)
            continue
        if isinstance(want, list) and not isinstance(got, (list, tuple)):
            raise CheckFailed(f"{shown} should return a list of {len(want)} arrays; got {describe(got)}.")
        if isinstance(want, np.ndarray) and want.ndim and isinstance(got, (list, tuple)):
            kind = type(got).__name__
            if not any(np.ndim(x) >= want.ndim for x in got):
                raise CheckFailed(  # one value (or row) per entry, as a loop or list comprehension makes
                    f"{shown} returned a {kind} of {len(got)} values; return a numpy array of shape "
                    f"{want.shape}. {list_hint}")
            raise CheckFailed(
                f"{shown} returned a {kind} of {len(got)} items; return only {returns}, one numpy array "
                f"of shape {want.shape}. {single_hint}".rstrip())
        compare(shown, got, want, rtol, atol, diagnoses, args,
                single_hint=single_hint or (f"Return only {returns}." if returns != "the result" else ""),
                value_name=returns if returns != "the result" else "it", hidden=hidden)


def _compare_pair(shown, got, want, items, diagnoses, args, rtol, atol, hidden=False):
    __tracebackhide__ = True
    if isinstance(got, np.ndarray) and got.shape == (len(items),):
        got = tuple(got)
    if not isinstance(got, (tuple, list)) or len(got) != len(items):
        raise CheckFailed(
            f"{shown} returned {describe(got)}; expected a pair ({items[0]}, {items[1]}): "
            "return both, separated by a comma.")
    hint = diagnose(got, args, diagnoses, rtol, atol)
    for item, g, w in zip(items, got, want):
        compare(f"the {item} returned by {shown}", g, w, rtol, atol, diagnoses=[(g, hint)] if hint else (),
                hidden=hidden)
