"""What the browser tests share (tests/test_browser.py, tests/test_site.py): where the browser is,
how it is launched, whether the test can run here, and the processes it leaves behind.

The browser is Debian's ``chromium`` (``/usr/bin/chromium``, which ``.ci/run`` installs), or the
one ``COURSE_CHROMIUM`` names; without either, the first of ``chromium``, ``chromium-browser``
and ``google-chrome`` found on the PATH (GitHub's runners have Google Chrome there). Playwright's
own browser download is never used.
"""

import os
import shutil
import socket
from pathlib import Path

import pytest

DEBIAN_CHROMIUM = "/usr/bin/chromium"  # Debian's package
ON_PATH = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium(environ=os.environ, exists=os.path.exists, which=shutil.which):
    """The browser to drive: COURSE_CHROMIUM, else Debian's chromium, else the first on the PATH.

    COURSE_CHROMIUM is returned as given even when it does not exist, so that the skip (or, with
    CI=true, the failure) names what was asked for.
    """
    wanted = environ.get("COURSE_CHROMIUM", "").strip()
    if wanted:
        return wanted
    if exists(DEBIAN_CHROMIUM):
        return DEBIAN_CHROMIUM
    for name in ON_PATH:
        found = which(name)
        if found:
            return found
    return DEBIAN_CHROMIUM


CHROMIUM = find_chromium()
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def missing_browser():
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return ("Playwright for Python is not installed "
                "(pip install -r requirements-test.txt installs it)")
    if not os.path.exists(CHROMIUM):
        return (f"{CHROMIUM} is missing (Debian/Ubuntu: apt-get install -y chromium, or name a "
                "Chromium or Chrome with COURSE_CHROMIUM; Playwright's own browser download is not used)")
    return None


def skip_or_fail(reason):
    """Skip the test, saying why; with CI=true fail instead (CI must run the browser tests)."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but the browser test cannot run: {reason}", pytrace=False)
    pytest.skip(f"browser test skipped: {reason}")


# ---------------------------------------------------------------- processes (Linux /proc)

def children_map():
    """{parent pid: [child pids]} for every process (Linux /proc; {} elsewhere)."""
    tree = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def descendants(pid):
    """Every process started by ``pid``, its children's children too."""
    tree, found, todo = children_map(), [], [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def alive(pid):
    """True while ``pid`` runs (a zombie, which has exited, is not alive)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def process_name(pid):
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def browser_leftovers(pid):
    """The browser, node or Playwright processes ``pid`` started that still run, named."""
    return [f"{process_name(p)} (pid {p})" for p in descendants(pid)
            if alive(p) and any(k in process_name(p).lower() for k in ("chrom", "node", "playwright"))]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
