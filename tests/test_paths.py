"""No committed file names an absolute path outside the repository.

A path such as ``/tmp/explorer_fixed.py`` or ``/home/me/course/...`` exists only
on the machine that wrote it: a fixture that loaded a file from /tmp passed
there and failed everywhere else. This test reads every file git tracks
(notebooks cell by cell, outputs included, images left out) and fails on any
absolute path that starts at a system root folder, a Windows drive, or this
repository's own location.

Allowed, each for a reason (``ALLOWED``): ``/usr/bin/env`` in a shebang line
finds the interpreter on any Unix; ``/usr/bin/chromium`` is where Debian's
package puts the browser that the browser test drives (``.ci/run`` installs
it there; ``COURSE_CHROMIUM`` overrides it); ``/dev/null`` exists on every Unix;
``/proc/...`` is Linux's process table, the same on every Linux.
"""

import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The first folder of an absolute Unix path that names a machine's own files.
# Not preceded by a letter, digit, ".", "/", ":", "+", "~" or "-", so that a URL
# (https://host/usr/...), a relative path (docs/tmp/x) and base64 are not matched.
_ROOTS = ("tmp|var|root|home|work|Users|mnt|media|srv|opt|private|usr|etc|proc|sys|dev|run"
          "|bin|sbin|lib|lib64|snap|nix|gnu|Volumes|workspace|builds|github|content|kaggle")
UNIX_PATH = re.compile(rf"(?<![\w.:/+~\-\\])/(?:{_ROOTS})(?:/[^\s\"'`<>()\[\]{{}},;:]*)?(?![\w\-])")
# C:\Users\... or C:/Users/...: a drive letter, then at least two path components. A
# backslash followed by n, r or t is read as an escape ("X:\n"), not a path (C:\temp is missed).
WINDOWS_PATH = re.compile(r"(?<![\w\\])[A-Za-z]:(?:\\\\?(?![nrt])|/)[\w .\-]+(?:(?:\\\\?|/)[\w.\-]+)+")
ALLOWED = {
    "/usr/bin/env",       # shebang: `#!/usr/bin/env python3` finds the interpreter anywhere
    "/usr/bin/chromium",  # Debian's chromium, installed by .ci/run; COURSE_CHROMIUM overrides it
    "/dev/null",          # the same on every Unix
}
# These two files hold example paths on purpose, to test the finder itself.
EXAMPLES = {"tests/test_paths.py", "tests/test_stored_outputs.py"}
ALLOWED_UNDER = (
    "/proc",              # Linux's process table (tests/test_browser.py finds its children there)
    # The folders a class's hub uses on its server (deploy/, docs/INSTRUCTORS.md): where they are is
    # what a deployment file says; each is an environment variable in deploy/jupyterhub_config.py.
    "/srv/nbgrader", "/srv/jupyterhub", "/opt/nn-backprop", "/etc/jupyter", "/etc/nn-backprop",
    "/etc/systemd/system", "/home/jovyan",
    "/usr/lib/postgresql",  # Debian's PostgreSQL programs (tests/test_jupyterhub.py), off PATH there
)
# Image data in notebooks is base64, not text; widget views hold only a model id.
SKIPPED_MIME = re.compile(r"^(image/(png|jpeg|gif)|application/vnd\.jupyter\.widget-(view|state)\+json)$")


def absolute_paths(text, root=ROOT):
    """The absolute paths outside the repository that ``text`` names, in order."""
    found = []
    for pattern in (UNIX_PATH, WINDOWS_PATH):
        for match in pattern.finditer(text):
            path = match.group(0).rstrip(".:")
            if path not in ALLOWED and not any(
                    path == top or path.startswith(top + "/") for top in ALLOWED_UNDER):
                found.append(path)
    if str(root) in text:  # the repository's own location, wherever it is
        found.append(str(root))
    return found


def notebook_texts(nb):
    """(where, text) for every piece of text in a notebook: sources, outputs, metadata."""
    yield "notebook metadata", json.dumps(nb.get("metadata", {}))
    for index, cell in enumerate(nb.get("cells", [])):
        where = f"cell {index}"
        yield f"{where} source", _join(cell.get("source", ""))
        yield f"{where} metadata", json.dumps(cell.get("metadata", {}))
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "stream":
                yield f"{where} output ({out.get('name')})", _join(out.get("text", ""))
            elif kind == "error":
                yield f"{where} error", "\n".join([out.get("ename", ""), out.get("evalue", "")]
                                                 + list(out.get("traceback", [])))
            else:
                for mime, data in out.get("data", {}).items():
                    if not SKIPPED_MIME.match(mime):
                        text = _join(data) if not isinstance(data, dict) else json.dumps(data)
                        yield f"{where} output ({mime})", text


def _join(value):
    return "".join(value) if isinstance(value, list) else str(value)


def file_texts(path):
    """(where, text) for a committed file; nothing for a binary file."""
    raw = path.read_bytes()
    if b"\0" in raw:
        return []
    text = raw.decode("utf-8", errors="replace")
    if path.suffix == ".ipynb":
        return list(notebook_texts(json.loads(text)))
    return [(f"line {n}", line) for n, line in enumerate(text.splitlines(), 1)]


def committed_files():
    try:
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                                check=True).stdout.decode().split("\0")
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout: the committed files are unknown")
    return sorted(p for p in listed if p and (ROOT / p).is_file() and p not in EXAMPLES)


def test_no_committed_file_names_an_absolute_path():
    assert all((ROOT / name).is_file() for name in EXAMPLES), "an exempted file is gone: update EXAMPLES"
    offences = []
    for name in committed_files():
        for where, text in file_texts(ROOT / name):
            for path in absolute_paths(text):
                offences.append(f"{name}, {where}: {path}")
    assert not offences, (
        "committed files name absolute paths outside the repository (they exist only on the "
        "machine that wrote them; use a path relative to the repository, or tmp_path in a test):\n  "
        + "\n  ".join(offences)
    )


@pytest.mark.parametrize("text,expected", [
    ("open('/tmp/explorer_fixed.py')", ["/tmp/explorer_fixed.py"]),
    ('File "/home/ana/course/nnlib/network.py", line 3', ["/home/ana/course/nnlib/network.py"]),
    ("/root/.cache/x and /work/main/lessons", ["/root/.cache/x", "/work/main/lessons"]),
    ("see /Users/bob/Desktop/nb.ipynb", ["/Users/bob/Desktop/nb.ipynb"]),
    ("/tmp/ipykernel_123/456.py:3: UserWarning", ["/tmp/ipykernel_123/456.py"]),
    ("in /opt/conda/lib/python3.11/site-packages/numpy", ["/opt/conda/lib/python3.11/site-packages/numpy"]),
    (r"C:\Users\ana\course\lessons", [r"C:\Users\ana\course\lessons"]),
    ("C:/Users/ana/x.py", ["C:/Users/ana/x.py"]),
    ("cd /tmp", ["/tmp"]),
])
def test_the_finder_sees_absolute_paths(text, expected):
    assert absolute_paths(text, root=Path("/nowhere/repo")) == expected


@pytest.mark.parametrize("text", [
    "https://example.org/tmp/x and http://host/home/page",
    "lessons/01_kid.ipynb and docs/tmp/notes, ./home/x, ~/home",
    "#!/usr/bin/env python3",
    'CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")',
    "cost / m and 1/m and a/b, input/output, w/o, n/a, and/or, std/dev",
    'print("Z = A Theta^T:\\n", Z_rows)',  # a JSON-escaped newline after a colon
    r'print(f"W:\n{W}", "a:\nfoo bar\nbaz")',  # escapes in source code, not a drive
    "iVBORw0KGgo+/tmp/AAAA",  # base64 that happens to spell a root folder
    "> /dev/null 2>&1",
    'Path("/proc").glob("[0-9]*") and f"/proc/{pid}/stat"',
])
def test_the_finder_ignores_what_is_not_a_local_path(text):
    assert absolute_paths(text, root=Path("/nowhere/repo")) == []


def test_the_finder_sees_the_repository_own_location(tmp_path):
    assert absolute_paths(f"data = '{tmp_path}/x.csv'", root=tmp_path)  # /tmp/... and the root


def test_notebook_outputs_are_read_but_images_are_not():
    nb = {"cells": [{"cell_type": "code", "source": "f()", "metadata": {}, "outputs": [
        {"output_type": "stream", "name": "stderr", "text": ["/tmp/ipykernel_1/2.py:1: Warning\n"]},
        {"output_type": "display_data", "metadata": {},
         "data": {"image/png": "AAAA/home/BBBB", "text/plain": ["<Figure>"]}},
    ]}], "metadata": {}}
    found = [(where, absolute_paths(text)) for where, text in notebook_texts(nb)]
    assert [(w, p) for w, p in found if p] == [("cell 0 output (stderr)", ["/tmp/ipykernel_1/2.py"])]
