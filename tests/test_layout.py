"""The library's layout rules: no private name used outside its module; the maths imports alone."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("nnlib", "tests", "benchmarks", "tools")
# A dotted path to a private name of nnlib written in a string, e.g. for monkeypatch.setattr.
PRIVATE_PATH = re.compile(r"\bnnlib(?:\.\w+)*\.(_(?!_)\w*)")


def is_private(name):
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def python_files():
    return sorted(p for folder in FOLDERS for p in (ROOT / folder).rglob("*.py")
                  if ".venv" not in p.parts and "__pycache__" not in p.parts)


def private_modules():
    """nnlib's private modules (``_validate``): shared inside the package, so importing them is allowed."""
    return {p.stem for p in (ROOT / "nnlib").rglob("_*.py") if is_private(p.stem)}


def uses_of_private_names(source, allowed_modules):
    """(line, text) for every private name of another module that ``source`` uses."""
    tree = ast.parse(source)
    imported = set()  # names bound to imported modules or objects
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                imported.add((alias.asname or alias.name).split(".")[0])
                for part in alias.name.split("."):
                    if is_private(part) and part not in allowed_modules:
                        found.append((node.lineno, f"import {alias.name}"))
        elif isinstance(node, ast.ImportFrom):
            for part in (node.module or "").split("."):
                if is_private(part) and part not in allowed_modules:
                    found.append((node.lineno, f"from {node.module} import ..."))
            for alias in node.names:
                imported.add(alias.asname or alias.name)
                if is_private(alias.name) and alias.name not in allowed_modules:
                    found.append((node.lineno, f"from {'.' * node.level}{node.module or ''} import {alias.name}"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr):
            base = node.value
            while isinstance(base, ast.Attribute):
                base = base.value
            if isinstance(base, ast.Name) and base.id in imported:
                found.append((node.lineno, f"{ast.unparse(node)}"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            for match in PRIVATE_PATH.finditer(node.value):
                if match.group(1) not in allowed_modules:
                    found.append((node.lineno, f"the string {match.group(0)!r}"))
    return found


def test_the_checker_finds_what_it_should():
    code = (
        "import nnlib\nfrom nnlib.network import Pbackprop\nfrom nnlib import _validate\n"
        "x = nnlib.network.Phelper(1)\ny = self.Pown\nm.setattr('nnlib.gradcheck.Pbackprop', f)\n"
        "z = nnlib.__version__\n"
    ).replace("P", "_")  # written with P, so that this file does not break its own rule
    found = [text for _, text in uses_of_private_names(code, {"_validate"})]
    assert found == [text.replace("P", "_") for text in (
        "from nnlib.network import Pbackprop", "nnlib.network.Phelper", "the string 'nnlib.gradcheck.Pbackprop'")]


def test_no_private_name_is_used_outside_its_module():
    allowed = private_modules()
    assert "_validate" in allowed
    problems = []
    for path in python_files():
        for line, text in uses_of_private_names(path.read_text(encoding="utf-8"), allowed):
            problems.append(f"{path.relative_to(ROOT)}:{line}: {text}")
    assert not problems, "private names used outside their module (make them public or move them):\n" + "\n".join(problems)


@pytest.mark.parametrize("statement", ["import nnlib", "import nnlib.network", "import nnlib.training",
                                       "import nnlib.data, nnlib.descent, nnlib.fast, nnlib.optim"])
def test_the_maths_imports_without_matplotlib_or_widgets(statement):
    code = (f"import sys\n{statement}\n"
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
            "('matplotlib', 'ipywidgets', 'IPython', 'sklearn', 'torch'))\n"
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]", f"{statement} loaded {out.stdout.strip()}"
