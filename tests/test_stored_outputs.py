"""Stored notebook outputs hold nothing that changes from one machine to the next.

nbval compares every stored text output with a fresh run. A number at the
round-off level (about 1e-10 and below: "7.8e-11", "1.4e-17", "0.0000000001")
depends on which BLAS kernels the CPU gets, the thread count and the numpy
build: it printed 7.8e-11 where the notebook was written and 8.4e-11 on a fresh
machine, and nbval failed there. A lesson prints such a result as a verdict
with a bound instead ("relative difference < 1e-9: OK"). An absolute path or a
memory address names one machine or one run.

Allowed: a bound (the number follows "<", "<=", "≤", "below", "less than",
"under", "at most") and a bare power of ten written "1e-12" (a tolerance or an
order of magnitude, not a computed value).

``KNOWN_OFFENDERS`` lists what is stored today and must be fixed in the
notebooks; the list must match exactly, so it can only shrink.
"""

import json
import re
import shlex
from pathlib import Path

import pytest
from nbval.plugin import get_sanitize_patterns

from tests.test_paths import absolute_paths

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(
    str(p.relative_to(ROOT))
    for folder in ("lessons", "solutions", "exercises", "tests/fixtures")
    for p in (ROOT / folder).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
)

# notebook -> {(cell index, offending text)}; the cell index counts every cell from 0
# (nbval's "Cell N" counts code cells only: given in the comments). To be fixed in the
# notebooks, then removed from here; the test fails when an entry no longer offends.
# Today's list, in this form: .venv/bin/python -m tests.test_stored_outputs
KNOWN_OFFENDERS = {}  # none left: lessons 2 and 3 print bounds and verdicts

_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
NUMBER = re.compile(
    r"(?<![\w.])(?P<mantissa>\d+(?:\.\d*)?|\.\d+)"
    r"(?:\s*[eE]\s*(?P<exp>[-−+]?\s*\d+)"                     # 7.8e-11, 1.4E-17
    r"|\s*[×x·]\s*10\^?\{?(?P<exp10>[-−⁻]?[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]+)\}?"  # 7.8 × 10^-11, 7.8×10⁻¹¹
    r")?(?![\w.])"
)
BOUND = re.compile(r"(<|<=|≤|⩽|\bbelow|\bless than|\bunder|\bat most|\bsmaller than)\s*[~≈]?\s*$",
                   re.IGNORECASE)
ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")
ROUND_OFF = 1e-9  # smaller than this and not zero: round-off level


def round_off_numbers(text):
    """The numbers in ``text`` at the round-off level that are not a bound or a power of ten."""
    found = []
    for m in NUMBER.finditer(text):
        mantissa, exp, exp10 = m.group("mantissa"), m.group("exp"), m.group("exp10")
        exponent = exp if exp is not None else exp10
        exponent = int(exponent.translate(_SUPERSCRIPT).replace("−", "-").replace(" ", "")) \
            if exponent is not None else 0
        try:
            value = float(mantissa) * 10.0 ** exponent
        except OverflowError:
            continue
        if not 0 < value < ROUND_OFF:
            continue
        if mantissa == "1" and exponent:  # 1e-12: a tolerance or an order of magnitude
            continue
        if BOUND.search(text[max(0, m.start() - 20):m.start()]):
            continue
        found.append(m.group(0))
    return found


def output_texts(nb):
    """(cell index, text) for every text output of every code cell."""
    for index, cell in enumerate(nb.get("cells", [])):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                yield index, _join(out.get("text", ""))
            elif out.get("output_type") == "error":
                yield index, "\n".join([out.get("evalue", "")] + list(out.get("traceback", [])))
            else:
                for mime, data in out.get("data", {}).items():
                    if mime.startswith("text/"):
                        yield index, _join(data)


def code_cell_numbers(nb):
    """{cell index: the number nbval gives it}: nbval counts code cells only."""
    code = [i for i, c in enumerate(nb.get("cells", [])) if c.get("cell_type") == "code"]
    return {index: n for n, index in enumerate(code)}


def _join(value):
    return "".join(value) if isinstance(value, list) else str(value)


def offenders(nb):
    """{(cell index, offending text): the output line that shows it}."""
    found = {}
    for index, text in output_texts(nb):
        for line in text.splitlines():
            bad = round_off_numbers(line) + absolute_paths(line) + ADDRESS.findall(line)
            for token in bad:
                found.setdefault((index, token), line.strip()[:160])
    return found


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_stored_outputs_hold_no_machine_dependent_value(notebook):
    nb = json.loads((ROOT / notebook).read_text(encoding="utf-8"))
    found = offenders(nb)
    known = set(KNOWN_OFFENDERS.get(notebook, ()))
    new = sorted(set(found) - known)
    gone = sorted(known - set(found))
    nbval_number = code_cell_numbers(nb)
    assert not new, (
        f"{notebook}: stored outputs show values that differ between machines (round-off, "
        "a path or a memory address); print a verdict with a bound instead, e.g. "
        "'relative difference < 1e-9: OK', and re-execute the notebook:\n  "
        + "\n  ".join(f"cell {i} (nbval Cell {nbval_number.get(i)}): {token!r} in: {found[(i, token)]}"
                       for i, token in new)
    )
    assert not gone, (
        f"{notebook}: fixed, well done; remove these from KNOWN_OFFENDERS in "
        f"tests/test_stored_outputs.py: {gone}"
    )


def test_known_offenders_name_existing_notebooks():
    assert set(KNOWN_OFFENDERS) <= set(NOTEBOOKS), set(KNOWN_OFFENDERS) - set(NOTEBOOKS)


@pytest.mark.parametrize("text,expected", [
    ("relative difference 7.8e-11", ["7.8e-11"]),
    ("max diff: 1.4e-17 and -3.2E-12", ["1.4e-17", "3.2E-12"]),
    ("9.9e-10 is round-off too", ["9.9e-10"]),
    ("tiny: 0.0000000001 and 0.00000000023", ["0.0000000001", "0.00000000023"]),
    ("[ 1.00000000e+00 -2.77555756e-17]", ["2.77555756e-17"]),
    ("2.1 × 10^-11 and 3×10⁻¹²", ["2.1 × 10^-11", "3×10⁻¹²"]),
    ("1.0e-10", ["1.0e-10"]),  # a computed value formatted with a decimal
])
def test_round_off_numbers_are_found(text, expected):
    assert round_off_numbers(text) == expected


@pytest.mark.parametrize("text", [
    "relative difference < 1e-9: OK",
    "relative difference < 7.8e-11: OK",  # a bound, even an odd one
    "difference below 1e-7, about 1e-11 (round-off)",
    "tolerance 1e-12",
    "cost 0.6931, accuracy 97.2%, gradient 1.2e-09, 3.5e-05",
    "0.000000000 and 0e-12 and 0.0e+00",  # zero is exact
    "learning rate 1e+01, epoch 10",
    "x2e-11, v1.2e-11",  # parts of names, not numbers
])
def test_what_holds_everywhere_is_not_flagged(text):
    assert round_off_numbers(text) == []


def test_offenders_name_the_cell_and_the_line():
    nb = {"cells": [
        {"cell_type": "markdown", "source": "7.8e-11 in prose is not an output", "metadata": {}},
        {"cell_type": "code", "source": "", "metadata": {}, "outputs": [
            {"output_type": "stream", "name": "stdout", "text": ["ok\n", "diff 7.8e-11\n"]},
            {"output_type": "execute_result", "metadata": {}, "execution_count": 1,
             "data": {"text/plain": ["<Figure size 640x480 at 0x7f3a2b4c5d60>"],
                      "image/png": "AAAA0.0000000001"}},
            {"output_type": "stream", "name": "stderr",
             "text": "/tmp/ipykernel_7/1.py:2: UserWarning: x\n"},
        ]},
    ], "metadata": {}}
    assert offenders(nb) == {
        (1, "7.8e-11"): "diff 7.8e-11",
        (1, "0x7f3a2b4c5d60"): "<Figure size 640x480 at 0x7f3a2b4c5d60>",
        (1, "/tmp/ipykernel_7/1.py"): "/tmp/ipykernel_7/1.py:2: UserWarning: x",
    }


SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"


def sanitized(text):
    for regex, replace in get_sanitize_patterns(SANITIZE.read_text()):
        text = re.sub(regex, replace, text)
    return text


def test_nbval_uses_the_sanitize_file():
    addopts = re.search(r'^addopts = "(.*)"$', (ROOT / "pyproject.toml").read_text(), re.MULTILINE)
    args = shlex.split(addopts.group(1))
    assert args[args.index("--nbval-sanitize-with") + 1] == str(SANITIZE.relative_to(ROOT))


@pytest.mark.parametrize("here,there", [
    ("relative difference: 7.8e-11 (expect < 1e-9)", "relative difference: 8.4e-11 (expect < 1e-9)"),
    ("max diff 1.0e-17", "max diff 1.4E-17"),
    ("[ 1.00000000e+00 -2.77555756e-17]", "[ 1.00000000e+00 -5.55111512e-17]"),
    ("mean 0.00000000012", "mean 0.000000000071"),
    ("<Foo object at 0x7f3a2b4c5d60>", "<Foo object at 0x7f00aa11bb22>"),
])
def test_the_sanitizers_hide_round_off_and_addresses(here, there):
    assert here != there and sanitized(here) == sanitized(there)


@pytest.mark.parametrize("text", [
    "cost 0.6931 after 10 steps, gradient 1.2e-09, 3.5e-05, 1e-3, 2e+10, accuracy 97.2%",
    "x1e-12 and 1e-12abc",
])
def test_the_sanitizers_keep_what_is_not_round_off(text):
    assert sanitized(text) == text


if __name__ == "__main__":  # .venv/bin/python -m tests.test_stored_outputs: today's list, to paste above
    print("KNOWN_OFFENDERS = {")
    for path in NOTEBOOKS:
        notebook = json.loads((ROOT / path).read_text(encoding="utf-8"))
        found, numbers = offenders(notebook), code_cell_numbers(notebook)
        if found:
            print(f'    "{path}": {{')
            for (index, token), line in sorted(found.items()):
                print(f'        ({index}, "{token}"),  # nbval Cell {numbers.get(index)}: {line[:50]}')
            print("    },")
    print("}")
