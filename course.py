#!/usr/bin/env python3
"""The course's entry point: set up once, then open the lessons or run the tests.

    python3 course.py lab          set up, then open JupyterLab on lessons/
    python3 course.py test [ARGS]  set up, then run every test (ARGS go to pytest)
    python3 course.py exercises    regenerate exercises/ from solutions/ (keeps your answers;
                                   --force replaces them after a backup in backups/)
    python3 course.py execute NB   re-run notebooks in a fresh kernel, store outputs
    python3 course.py grade DIR A  grade assignment A of an nbgrader course: scan, secret seeds, sandbox
                                   (--student ID, --feedback; see docs/INSTRUCTORS.md)
    python3 course.py report DIR   class report from an nbgrader course's autograded submissions
    python3 course.py site         build the course's website in build/site/ (the lessons as pages,
                                   and the in-browser version; --no-lite, --pyodide-packages PATH)

Set-up creates (or reuses) a virtual environment in .venv/ inside this folder
and installs what requirements.txt (lab) or requirements-test.txt (test)
lists, plus nnlib itself, so that every notebook can ``import nnlib``.
Nothing is installed outside this folder. Only the Python standard library is
used before the environment exists.
"""

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"


def say(message):
    print(f"[course] {message}", flush=True)


def run(cmd):
    result = subprocess.run([str(c) for c in cmd], cwd=ROOT)
    if result.returncode != 0:
        sys.exit(f"[course] failed ({result.returncode}): {' '.join(map(str, cmd))}")


def venv_python(venv):
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


PYTHON = venv_python(VENV)


def venv_problem(venv):
    """Why the environment in ``venv`` cannot be used, or None when it is complete.

    A creation that was interrupted (Ctrl+C, a full disk, python3-venv missing)
    leaves a folder without its Python, or a Python without pip.
    """
    python = venv_python(venv)
    if not (venv / "pyvenv.cfg").exists():
        return "it has no pyvenv.cfg"
    if not python.exists():
        return f"its {python.relative_to(venv).as_posix()} is missing or broken"
    try:
        probe = subprocess.run([str(python), "-c", "import pip"], capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"its Python does not run ({error})"
    if probe.returncode != 0:
        return "it has no pip"
    return None


def create_venv(venv):
    return subprocess.run([sys.executable, "-m", "venv", str(venv)]).returncode


def ensure_venv(venv):
    """Create ``venv``, first removing an environment whose creation was interrupted."""
    if venv.exists():
        problem = venv_problem(venv)
        if problem is None:
            return
        say(f"the environment in {venv.name}/ is incomplete ({problem}), probably an interrupted "
            "set-up; removing it and creating it again ...")
        try:
            shutil.rmtree(venv)
        except PermissionError as error:
            sys.exit(read_only_advice(Path(error.filename or venv)))
    say(f"creating a virtual environment in {venv.name}/ ...")
    returncode = create_venv(venv)
    problem = venv_problem(venv)
    if (returncode != 0 or problem) and not os.access(venv.parent, os.W_OK):
        sys.exit(read_only_advice(venv.parent))  # a permission problem, not a missing venv module
    if returncode != 0 or problem:
        sys.exit(
            f"[course] could not create a virtual environment in {venv} ({problem or 'venv failed'}). "
            "On Debian or Ubuntu install the venv module first:  sudo apt-get install python3-venv"
            f"  (then run this command again; it removes the incomplete {venv.name}/ itself)"
        )


def not_writable(venv):
    """The folder that set-up must write to and cannot (a shared or read-only checkout), or None.

    Set-up writes into ``venv`` (creating it in its parent first) and, when an interrupted
    creation left an incomplete one, removes it.
    """
    if not venv.exists():
        return None if os.access(venv.parent, os.W_OK) else venv.parent
    for folder in [venv, *sorted(venv.glob("lib*/python*/site-packages"))]:
        if not os.access(folder, os.W_OK):
            return folder
    return None


def read_only_advice(folder):
    """What to do instead, on a checkout that this user cannot write to (never the venv advice)."""
    user = os.environ.get("USER") or os.environ.get("USERNAME") or "you"
    if (ROOT / ".git").exists():
        copy = f"git clone {ROOT} ~/nn-backprop"
    else:
        copy = f"mkdir ~/nn-backprop && tar -C {ROOT} --exclude=.venv -cf - . | tar -C ~/nn-backprop -xf -"
    return (
        f"[course] this copy of the course is shared or read-only: {folder} is not writable by {user}, so the "
        "environment with the course's packages (.venv/) cannot be set up here. Nothing is wrong with your "
        "Python, and there is nothing to install. Instead:\n"
        "  - use your class's JupyterHub, where the course is installed for everybody (ask your instructor "
        "for its address; docs/INSTRUCTORS.md says how a hub is set up);\n"
        "  - copy the course to a folder of your own and run it there (the copy gets its own .venv/):\n"
        f"        {copy}\n"
        "        cd ~/nn-backprop && python3 course.py lab\n"
        "  - or ask whoever owns this folder to run `python3 course.py lab` in it once: then it works for you too."
    )


def installed(requirements):
    """True if ``requirements`` was installed into .venv and has not changed since."""
    files = [ROOT / requirements, ROOT / "requirements.txt", ROOT / "pyproject.toml"]
    stamp = VENV / f".installed-{Path(requirements).stem}"
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    return PYTHON.exists() and stamp.exists() and stamp.read_text() == digest


def setup(requirements):
    """Create or reuse .venv and install ``requirements`` and nnlib when they changed."""
    if sys.version_info < (3, 10):
        sys.exit(f"[course] Python 3.10 or newer is needed; this is {sys.version.split()[0]}.")
    if not (installed(requirements) or (requirements == "requirements.txt" and installed("requirements-test.txt"))):
        blocked = not_writable(VENV)  # set-up has work to do: can it write here at all?
        if blocked:
            sys.exit(read_only_advice(blocked))
    if not PYTHON.exists() or not (VENV / f".installed-{Path(requirements).stem}").exists():
        ensure_venv(VENV)  # also when an earlier set-up stopped before its first install finished
    files = [ROOT / requirements, ROOT / "requirements.txt", ROOT / "pyproject.toml"]
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    stamp = VENV / f".installed-{Path(requirements).stem}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    if requirements == "requirements.txt" and installed("requirements-test.txt"):
        return  # the test set-up installs requirements.txt too (requirements-test.txt includes it)
    say(f"installing {requirements} and nnlib into {VENV.name}/ (first time: about a minute) ...")
    run([PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-r", ROOT / requirements, "-e", ROOT])
    stamp.write_text(digest)


def in_venv(args, here=False):
    """Replace this process with ``args`` run by the environment's Python.

    It runs in the repository's folder, unless ``here``: then in the caller's
    folder, so that paths the caller gave mean what they meant there.
    """
    sys.stdout.flush()
    if not here:
        os.chdir(ROOT)
    if os.name == "nt":
        sys.exit(subprocess.run([str(PYTHON), *args]).returncode)
    os.execv(str(PYTHON), [str(PYTHON), *args])


def lab(extra):
    setup("requirements.txt")
    args = ["-m", "jupyter", "lab", "--ip=127.0.0.1", f"--ServerApp.root_dir={ROOT}",
            "--LabApp.default_url=/lab/tree/lessons"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")  # Jupyter refuses to run as root without it
    if not os.access(ROOT / "exercises", os.W_OK):
        say(f"note: {ROOT} is read-only for you: the notebooks open, but what you change cannot be saved "
            "here. Copy the course to a folder of your own (git clone, or see docs/INSTRUCTORS.md) to keep your work.")
    say("starting JupyterLab on http://127.0.0.1 (the address with its token follows) ...")
    in_venv(args + list(extra))


def test(extra):
    setup("requirements-test.txt")
    in_venv(["-m", "pytest", *extra])


def site(extra):
    setup("requirements-test.txt")  # the site test builds it, so the test set-up has what it needs
    in_venv(["-m", "tools.site", *extra])


def main(argv):
    commands = {"lab": lab, "test": test, "site": site}
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__)
        return 0
    name, extra = argv[0], argv[1:]
    if name in commands:
        commands[name](extra)
        return 0
    if name == "exercises":
        setup("requirements-test.txt")
        in_venv(["-m", "tools.exercises", *extra])
    if name == "execute":
        if not extra:
            print("usage: python3 course.py execute NOTEBOOK [NOTEBOOK ...]  (for example "
                  "lessons/01_kid.ipynb): runs each in a fresh kernel and stores its outputs",
                  file=sys.stderr)
            return 2
        setup("requirements-test.txt")
        in_venv([str(ROOT / "tools" / "execute.py"), *extra], here=True)  # NOTEBOOK paths from here
    if name == "grade":
        setup("requirements-test.txt")  # nbgrader is in the test set-up
        in_venv([str(ROOT / "tools" / "grade.py"), *extra], here=True)  # COURSE from here
    if name == "report":
        setup("requirements.txt")
        in_venv([str(ROOT / "tools" / "report.py"), *extra], here=True)  # COURSE and --png from here
    print(f"[course] unknown command {name!r}.\n{__doc__}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
