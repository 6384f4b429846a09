"""Friendly errors for level 1: a typing slip gets one line that says what to type, not a traceback.

A child who types a word without quotes (``says = orange``), forgets a comma
(``["D" "E"]``), writes the lesson's ``x`` for times (``0.5 x 8``), pastes a
readout's printed minus (``−10.50``), writes a number as a word
(``game.guess(fifty)``) or leaves out what goes in a function's brackets
sees a red box of Python it cannot read. ``explain(error, line, namespace)``
is the plain, tested logic: for those slips it returns one message that
starts with "Oops!" and shows the line as it should be typed; for anything
else it returns None.

``install()`` hands ``explain`` to the running IPython kernel (one call, in the
first cell of a level 1 notebook). It looks only at NameError, SyntaxError and
TypeError, and only where the learner's own cell made them: an error raised
inside nnlib or any other library, and every error ``explain`` does not know,
is shown as IPython always shows it. Nothing else changes: the cell still
fails (a notebook runner and nbval see the same error name and message), and
no code is rewritten before it runs. ``uninstall()`` puts IPython back as it
was. Later levels never call ``install``.
"""

import difflib
import inspect
import io
import keyword
import re
import tokenize

HANDLED = (NameError, SyntaxError, TypeError)

# Characters that look like Python's but are not: what to type instead, and what they are.
LOOKALIKES = {
    "\u2212": ("-", 'the "\u2212" is a printed minus sign (the kind a readout shows): type the minus key, -'),
    "\u2013": ("-", 'the "\u2013" is a dash, not a minus: type the minus key, -'),
    "\u2014": ("-", 'the "\u2014" is a dash, not a minus: type the minus key, -'),
    "\u00d7": ("*", "Python writes times as *, not \u00d7"),
    "\u00f7": ("/", "Python writes divided by as /, not \u00f7"),
    "\u201c": ('"', 'those are curly quotes: Python needs straight ones, the " key'),
    "\u201d": ('"', 'those are curly quotes: Python needs straight ones, the " key'),
    "\u2018": ("'", "those are curly quotes: Python needs straight ones, the ' key"),
    "\u2019": ("'", "those are curly quotes: Python needs straight ones, the ' key"),
    "\u00a0": (" ", "there is an invisible special space in it: type an ordinary space"),
    "\u2009": (" ", "there is an invisible special space in it: type an ordinary space"),
    "\u202f": (" ", "there is an invisible special space in it: type an ordinary space"),
}
CLOSERS = {"(": ")", "[": "]", "{": "}"}


def explain(error, line, namespace=None):
    """The friendly message for a typing slip, or None when ``error`` is not one.

    error: the exception (NameError, SyntaxError or TypeError; anything else
    gives None); line: the line of the learner's code where it happened (for a
    SyntaxError its own ``text`` is used); namespace: the names the notebook has
    made (a dict), for "did you mean" and to look up a function's arguments.
    """
    namespace = namespace or {}
    if isinstance(error, SyntaxError):
        return _syntax(error, (error.text or line or "").rstrip("\n"), namespace)
    if isinstance(error, NameError):
        return _unknown_name(error, (line or "").rstrip("\n"), namespace)
    if isinstance(error, TypeError):
        return _arguments(error, namespace)
    return None


# ---------------------------------------------------------------- words without quotes

def _tokens(line):
    """The tokens of one line of code, or None when it cannot be split into tokens."""
    try:
        return [t for t in tokenize.generate_tokens(io.StringIO(line + "\n").readline)
                if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.ENDMARKER, tokenize.INDENT,
                                  tokenize.DEDENT)]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None


def _replace(line, edits):
    """``line`` with each (start column, end column, new text) of ``edits`` applied."""
    for start, end, text in sorted(edits, reverse=True):
        line = line[:start] + text + line[end:]
    return line


def _value_positions(tokens):
    """Indices of NAME tokens that stand where a value goes: alone after "=", or an item of a list."""
    found, stack = [], []  # stack: for each open bracket, True if it is a list or tuple (not a call)
    for i, t in enumerate(tokens):
        prev = tokens[i - 1] if i else None
        if t.type == tokenize.OP and t.string in CLOSERS:
            call = t.string == "(" and prev is not None and (prev.type == tokenize.NAME and not keyword.iskeyword(
                prev.string) or prev.string in (")", "]"))
            stack.append(not call and t.string in "([")
            continue
        if t.type == tokenize.OP and t.string in CLOSERS.values():
            stack = stack[:-1]
            continue
        if t.type != tokenize.NAME or keyword.iskeyword(t.string):
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        alone = nxt is None or nxt.type == tokenize.COMMENT or (nxt.type == tokenize.OP and nxt.string in ",)]")
        if stack and stack[-1] and alone and prev is not None and prev.string in ("[", "(", ","):
            found.append(i)
        elif not stack and alone and prev is not None and prev.string in ("=", "==", "!="):
            found.append(i)
    return found


def _quoted(line, namespace, tokens=None):
    """``line`` with every unknown name that stands where a value goes put in quotes; None if there is none."""
    tokens = tokens if tokens is not None else _tokens(line)
    if not tokens:
        return None
    edits = [(t.start[1], t.end[1], f'"{t.string}"') for t in (tokens[i] for i in _value_positions(tokens))
             if t.string not in namespace and not _is_builtin(t.string)]
    return _replace(line, edits) if edits else None


def _is_builtin(name):
    import builtins

    return hasattr(builtins, name)


# Numbers a child may write as words (game.guess(fifty)): Python reads them as unknown names.
NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
NUMBER_WORDS.update({w: 10 * n for n, w in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), 3)})
NUMBER_WORDS.update(hundred=100, thousand=1000)


def _number_word(name, line, namespace):
    """The message for a number written as a word, with the line as it should be typed; None for other names."""
    digits = NUMBER_WORDS.get(name.lower())
    if digits is None:
        return None
    tokens = _tokens(line) or []
    fixed = _replace(line, [(t.start[1], t.end[1], str(NUMBER_WORDS[t.string.lower()])) for t in tokens
                            if t.type == tokenize.NAME and t.string.lower() in NUMBER_WORDS
                            and t.string not in namespace])
    return (f"Oops! Python does not know the word {name}: a number is typed with digits, like {digits}. "
            + (f"Type it like this:   {fixed.strip()}" if tokens and fixed != line else f"Write {digits} instead."))


def _unknown_name(error, line, namespace):
    name = getattr(error, "name", None) or (re.findall(r"name '(\w+)' is not defined", str(error)) or [None])[0]
    if not name:
        return None
    word = _number_word(name, line, namespace)
    if word:
        return word
    known = [n for n in namespace if not n.startswith("_")] + ["print", "round", "len", "True", "False", "None"]
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
    if close and close[0] != name:
        return (f"Oops! Python does not know {name}. Did you mean {close[0]}? "
                "Python wants every letter the same, small and capital letters too.")
    tokens = _tokens(line)
    if tokens and any(tokens[i].string == name for i in _value_positions(tokens)):
        fixed = _quoted(line, namespace, tokens)
        return (f"Oops! Python does not know the word {name}. A word you type as an answer goes in quote marks, "
                f"like this:   {fixed.strip()}")
    return (f"Oops! Python does not know {name} yet. A cell further up makes it: run the cells above this one "
            "first (from the top, or from the cell that starts this sitting), then this one again.")


# ---------------------------------------------------------------- lines Python cannot read

def _syntax(error, line, namespace):
    if any(c in line for c in LOOKALIKES):
        first = next(c for c in line if c in LOOKALIKES)
        fixed = "".join(LOOKALIKES[c][0] if c in LOOKALIKES else c for c in line)
        return f"Oops! Python cannot read this line: {LOOKALIKES[first][1]}. Type it like this:   {fixed.strip()}"
    message = error.msg or ""
    tokens = _tokens(line)
    if tokens:
        times = _times_edits(tokens)
        if times:
            return ("Oops! In Python, times is written * (the star key), not x. Type it like this:   "
                    + _replace(line, times).strip())
    if "forgot a comma" in message and tokens:
        fixed = _with_commas(line, tokens)
        fixed = _quoted(fixed, namespace) or fixed
        return ("Oops! Between the things in a list goes a comma, and every word has its own quote marks. "
                f"Type it like this:   {fixed.strip()}")
    if message.startswith("unterminated string literal"):
        quote = line[error.offset - 1] if error.offset and 0 < error.offset <= len(line) else '"'
        quote = quote if quote in ("'", '"') else '"'
        return f"Oops! A word needs a quote mark at each end. Type it like this:   {line.strip()}{quote}"
    opened = re.match(r"'([(\[{])' was never closed", message)
    closers = _missing_closers(line)
    if opened or (message.startswith("incomplete input") and closers):
        bracket = opened.group(1) if opened else {v: k for k, v in CLOSERS.items()}[closers[0]]
        return (f"Oops! Every {bracket} needs a {CLOSERS[bracket]} to close it. "
                f"Type it like this:   {line.strip()}{closers}")
    return None


def _times_edits(tokens):
    """(start, end, "*") for each x or X standing between two numbers or names, where Python has no meaning for it."""
    edits = []
    for i in range(1, len(tokens) - 1):
        t, prev, nxt = tokens[i], tokens[i - 1], tokens[i + 1]
        if t.type == tokenize.NAME and t.string in ("x", "X") and (
                prev.type in (tokenize.NUMBER, tokenize.NAME) or prev.string == ")") and (
                nxt.type in (tokenize.NUMBER, tokenize.NAME) or nxt.string == "(") and not (
                prev.type == tokenize.NAME and keyword.iskeyword(prev.string)):
            edits.append((t.start[1], t.end[1], "*"))
    return edits


def _with_commas(line, tokens):
    """``line`` with ", " put between two things that stand side by side inside brackets."""
    edits, depth = [], 0
    atoms = (tokenize.STRING, tokenize.NUMBER, tokenize.NAME)
    for prev, t in zip(tokens, tokens[1:]):
        depth += (prev.string in CLOSERS) - (prev.string in CLOSERS.values())
        if depth > 0 and prev.type in atoms and t.type in atoms and not keyword.iskeyword(t.string) \
                and not keyword.iskeyword(prev.string):
            edits.append((prev.end[1], t.start[1], ", "))
    return _replace(line, edits)


def _missing_closers(line):
    """The brackets ``line`` leaves open, closed in order: "badge(X, [1" -> "])"."""
    stack, quote = [], None
    for c in line:
        if quote:
            quote = None if c == quote else quote
        elif c in "'\"":
            quote = c
        elif c == "#":
            break
        elif c in CLOSERS:
            stack.append(CLOSERS[c])
        elif c in CLOSERS.values() and stack:
            stack.pop()
    return "".join(reversed(stack))


# ---------------------------------------------------------------- what goes in the brackets

def _arguments(error, namespace):
    text = str(error)
    missing = re.match(r"([\w.]+)\(\) missing (\d+) required positional arguments?", text)
    extra = re.match(r"([\w.]+)\(\) takes (\d+) positional arguments? but (\d+) (?:was|were) given", text)
    if not (missing or extra):
        return None
    qualname = (missing or extra).group(1)
    function = _look_up(qualname, namespace)
    name = qualname.rsplit(".", 1)[-1]
    if function is None:
        return None
    try:
        parameters = [p for p in inspect.signature(function).parameters.values()
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.name != "self"]
    except (TypeError, ValueError):
        return None
    needed = [p.name for p in parameters if p.default is p.empty]
    listed = ", ".join(needed)
    if missing:
        gave = len(needed) - int(missing.group(2))
        return (f"Oops! {name} needs {len(needed)} things in its brackets, in this order: {listed}. "
                f"You gave {gave}. Put them all back, with a comma between each two: "
                f"{name}({listed}).")
    gave = int(extra.group(3)) - (1 if "." in qualname else 0)
    return (f"Oops! {name} takes {len(parameters)} things in its brackets ({', '.join(p.name for p in parameters)}), "
            f"and you gave {gave}. Is there a comma inside a number? Write 0.5, not 0,5.")


def _look_up(qualname, namespace):
    """The function named ``qualname`` ("badge", "SecretNumber.guess") in ``namespace``, or None."""
    head, *rest = qualname.split(".")
    obj = namespace.get(head)
    if obj is None:
        obj = next((v for v in namespace.values() if type(v).__name__ == head), None)
        obj = type(obj) if obj is not None else None
    for part in rest:
        obj = getattr(obj, part, None)
    return obj if callable(obj) else None


# ---------------------------------------------------------------- wiring into IPython

def _where(tb, user_ns):
    """(the line of the learner's own code where the error happened, True if the error happened there).

    The innermost frame of the traceback that runs in the notebook's namespace
    is the learner's cell; the error happened there if it is the last frame.
    """
    import linecache

    line, own, last_user = "", False, None
    frames = []
    while tb is not None:
        frames.append(tb)
        tb = tb.tb_next
    for k, frame in enumerate(frames):
        if frame.tb_frame.f_globals is user_ns:
            last_user = k
    if last_user is not None:
        frame = frames[last_user]
        line = linecache.getline(frame.tb_frame.f_code.co_filename, frame.tb_lineno)
        own = last_user == len(frames) - 1
    return line, own, last_user is not None


def _handler(shell, etype, value, tb, tb_offset=None):
    """IPython's custom exception handler: the friendly line for a slip in the learner's cell, else the usual."""
    line, own, in_cell = _where(tb, shell.user_ns)
    parse_error = isinstance(value, SyntaxError) and not in_cell  # the cell itself could not be read
    message = None
    if parse_error or (own and not isinstance(value, SyntaxError)):
        try:
            message = explain(value, line, shell.user_ns)
        except Exception:  # a bug here must never hide the learner's error
            message = None
    if message is None:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
        return None
    shell._showtraceback(etype, value, [message])
    return [message]


def install(shell=None):
    """Show typing slips in the learner's own cells as one friendly line (level 1). Returns True if installed.

    shell: the IPython shell (default: the running one); outside IPython
    nothing happens and the result is False.
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None:
        return False
    shell.set_custom_exc(HANDLED, _handler)
    return True


def uninstall(shell=None):
    """Show every error as IPython always does again."""
    if shell is None:
        from IPython import get_ipython

        shell = get_ipython()
    if shell is not None:
        shell.set_custom_exc((), None)
