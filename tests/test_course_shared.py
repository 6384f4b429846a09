"""`course.py lab` on a checkout the user cannot write to (a shared or read-only copy, e.g. a lab machine's).

Set-up would create .venv/ there and fails with "Permission denied"; course.py must then say what to do
instead (the class's hub, or a copy of one's own) and never advise installing python3-venv, which is
not the problem. The first test runs course.py for real as another user (needs root, as in CI); the
others simulate the missing permission.
"""

import hashlib
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

import course

ROOT = Path(__file__).resolve().parent.parent


def checkout(folder):
    """The files course.py reads before its environment exists, in ``folder`` (owned by root, mode 755)."""
    folder.mkdir()
    for name in ("course.py", "requirements.txt", "requirements-test.txt", "pyproject.toml"):
        shutil.copy(ROOT / name, folder / name)
    (folder / "exercises").mkdir()
    folder.chmod(0o755)
    return folder


def check_advice(text, folder):
    assert "shared or read-only" in text and f"{folder} is not writable" in text, text
    assert "JupyterHub" in text and "cd ~/nn-backprop && python3 course.py lab" in text, text
    assert "apt-get" not in text and "python3-venv" not in text, text


@pytest.fixture
def request_cleanup():
    folders = []
    yield folders
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def test_lab_as_another_user_on_a_root_owned_checkout(request_cleanup):
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("needs root to run course.py as another user (CI runs as root)")
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("no user 'nobody' on this machine")
    python = shutil.which("python3", path=os.defpath + ":/usr/local/bin")
    if not python:
        pytest.skip("no system python3 that another user can run")
    tmp_path = Path(tempfile.mkdtemp(prefix="shared-course-"))  # pytest's tmp_path is closed to other users
    tmp_path.chmod(0o755)
    request_cleanup.append(tmp_path)
    for parent in tmp_path.parents:  # the user must reach the checkout to run it at all
        if not os.stat(parent).st_mode & 0o001:
            pytest.skip(f"{parent} is closed to other users")
    folder = checkout(tmp_path / "shared-course")
    for stale in (False, True):  # no .venv at all; then one that an interrupted set-up left
        if stale:
            (folder / ".venv").mkdir()
            (folder / ".venv" / "pyvenv.cfg").write_text("home = nowhere\n")
        run = subprocess.run([python, "course.py", "lab"], cwd=folder, capture_output=True, text=True, timeout=120,
                             user=nobody.pw_uid, group=nobody.pw_gid, extra_groups=[],
                             env={"PATH": os.defpath, "HOME": str(tmp_path), "USER": "nobody"})
        assert run.returncode != 0
        check_advice(run.stdout + run.stderr, folder / ".venv" if stale else folder)
        assert "Permission denied" not in run.stderr  # said before anything is tried, no traceback


def test_no_write_permission_is_said_before_set_up_starts(tmp_path, monkeypatch):
    monkeypatch.setattr(course, "ROOT", tmp_path)
    monkeypatch.setattr(course, "VENV", tmp_path / ".venv")
    monkeypatch.setattr(course, "PYTHON", course.venv_python(tmp_path / ".venv"))
    monkeypatch.setattr(os, "access", lambda path, mode: mode != os.W_OK)
    monkeypatch.setattr(course, "create_venv", lambda path: pytest.fail("tried to create a venv"))
    for name in ("requirements.txt", "requirements-test.txt", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    with pytest.raises(SystemExit) as stop:
        course.setup("requirements.txt")
    check_advice(str(stop.value.code), tmp_path)


def test_a_failed_creation_in_a_folder_without_write_permission_is_no_venv_problem(tmp_path, monkeypatch):
    monkeypatch.setattr(course, "create_venv", lambda path: 1)
    monkeypatch.setattr(os, "access", lambda path, mode: mode != os.W_OK)
    with pytest.raises(SystemExit) as stop:
        course.ensure_venv(tmp_path / ".venv")
    check_advice(str(stop.value.code), tmp_path)


def test_a_set_up_environment_is_used_without_writing(tmp_path, monkeypatch):
    """A shared checkout that its owner has set up: nothing to write, so no advice, and lab can start."""
    venv = tmp_path / ".venv"
    for name in ("requirements.txt", "requirements-test.txt", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    monkeypatch.setattr(course, "ROOT", tmp_path)
    monkeypatch.setattr(course, "VENV", venv)
    monkeypatch.setattr(course, "PYTHON", course.venv_python(venv))
    course.PYTHON.parent.mkdir(parents=True)
    course.PYTHON.write_text("")
    files = [tmp_path / "requirements.txt", tmp_path / "pyproject.toml"]
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in [tmp_path / "requirements.txt", *files])).hexdigest()
    (venv / ".installed-requirements").write_text(digest)
    monkeypatch.setattr(os, "access", lambda path, mode: mode != os.W_OK)
    monkeypatch.setattr(course, "ensure_venv", lambda venv: pytest.fail("touched the venv"))
    monkeypatch.setattr(course, "run", lambda cmd: pytest.fail("installed something"))
    course.setup("requirements.txt")
