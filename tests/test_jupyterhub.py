"""A class on a real JupyterHub: deploy/jupyterhub_config.py on 127.0.0.1, one term of level 1.

The test creates an instructor and three students as system users (it must run as root, as CI
does; they are removed afterwards, also when the test fails), starts JupyterHub with the
shipped configuration (PAM log-in, LocalProcessSpawner, configurable-http-proxy from npm), logs
each user in through the hub's REST API (a token for user name and password), spawns their
servers and runs the term as the guide (docs/INSTRUCTORS.md) says:

    instructor: nbgrader db student import, generate_assignment, release_assignment
    students:   fetch through their server's Assignments API, save a notebook (a right, a mixed
                and a blank one), submit
    instructor: collect, autograde, generate_feedback, release_feedback
    students:   fetch_feedback, and read their own feedback

It asserts the exact scores (those of tests/test_nbgrader.py), that the feedback each student
gets is their own, that a student can neither list nor guess the way into another student's
submission, nor read the instructor's source/ or reach another user's server, that only the
instructor has the Formgrader; it times each step and then grades the same submissions serially
and with deploy/grade_parallel.py (one gradebook: the SQLite file, then a PostgreSQL server the
test starts as the instructor, where PostgreSQL and psycopg are installed) and compares. Timings go to
artifacts/hub/metrics.json.

Skipped, saying why, when not root, without useradd, or without jupyterhub, nbgrader or
configurable-http-proxy (`npm ci --prefix deploy`; .ci/run does it; with CI=true a missing proxy fails).
"""

import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
ARTIFACTS = ROOT / "artifacts" / "hub"
ASSIGNMENT, NOTEBOOK = "level1", "01_kid.ipynb"
COURSE_ID = "nn-backprop"


def _skip_reason():
    if os.name != "posix" or os.geteuid() != 0:
        return "needs root: it creates the instructor's and the students' system users (CI runs as root)"
    for tool in ("useradd", "userdel", "chpasswd"):
        if not shutil.which(tool):
            return f"needs {tool} to create the test's system users"
    for module in ("jupyterhub", "nbgrader", "requests", "pamela"):
        try:
            __import__(module)
        except ImportError:
            return f"{module} is not installed (requirements-test.txt lists it)"
    return None


def _proxy():
    local = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"
    return str(local) if local.exists() else shutil.which("configurable-http-proxy")


if _skip_reason():
    pytest.skip(_skip_reason(), allow_module_level=True)
if not _proxy():
    why = ("configurable-http-proxy not found: `npm ci --prefix deploy` installs it into deploy/node_modules/ "
           "(.ci/run does), or install it on PATH (npm install -g configurable-http-proxy@5.3.0)")
    if os.environ.get("CI") == "true":
        pytest.fail(why, pytrace=False)
    pytest.skip(why, allow_module_level=True)

import requests  # noqa: E402
from nbgrader.api import Gradebook  # noqa: E402

from tests.test_nbgrader import EXPECTED, MIXED, check_cells, submission  # noqa: E402

TIMEOUT = 60  # seconds for one HTTP request
TIMINGS = {}


class timed:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        self.start = time.perf_counter()

    def __exit__(self, *exc):
        TIMINGS[self.name] = round(time.perf_counter() - self.start, 2)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def processes_of(uids):
    """PIDs of the processes running as any of ``uids`` (the test's own users)."""
    pids = []
    for entry in Path("/proc").iterdir():  # Linux's process table
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid in uids:
                    pids.append(int(entry.name))
            except FileNotFoundError:
                pass
    return pids


class Hub:
    """The users, folders and the running hub of one test; ``close()`` removes all of it."""

    def __init__(self):
        tag = secrets.token_hex(3)
        self.instructor = f"nnhi{tag}"
        self.students = {kind: f"nnhs{tag}{kind[0]}" for kind in ("full", "mixed", "blank")}
        self.password = secrets.token_urlsafe(12)
        self.base = Path(tempfile.mkdtemp(prefix="nnhub-"))
        self.base.chmod(0o755)
        self.users, self.proc, self.log = [], None, self.base / "jupyterhub.log"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.tokens = {}

    # --- users ---------------------------------------------------------------------------------
    def add_user(self, name):
        home = self.base / "home" / name
        home.parent.mkdir(exist_ok=True)
        subprocess.run(["useradd", "--create-home", "--home-dir", str(home), "--shell", shutil.which("bash") or "sh", name],
                       check=True, capture_output=True, timeout=60)
        self.users.append(name)
        subprocess.run(["chpasswd"], input=f"{name}:{self.password}", text=True, check=True, timeout=60)
        home.chmod(0o700)
        return home

    def uid(self, name):
        return pwd.getpwnam(name).pw_uid

    def as_user(self, name, cmd, cwd=None, check=True, timeout=600):
        """Run ``cmd`` as ``name``, with the environment that user's server gives a terminal."""
        entry = pwd.getpwnam(name)
        role = "instructor" if name == self.instructor else "student"
        config = self.shared / "jupyter"
        env = {"HOME": entry.pw_dir, "USER": name, "LOGNAME": name, "PATH": self.path, "PYTHONPATH": str(self.shared),
               "LD_LIBRARY_PATH": self.ld_path, "JUPYTER_CONFIG_PATH": f"{config / role}:{config / 'common'}",
               "NBGRADER_COURSE_ID": COURSE_ID, "NBGRADER_EXCHANGE_ROOT": str(self.exchange),
               "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        result = subprocess.run(cmd, cwd=cwd or entry.pw_dir, env=env, user=entry.pw_uid, group=entry.pw_gid,
                                extra_groups=[], capture_output=True, text=True, timeout=timeout)
        if check:
            assert result.returncode == 0, f"{' '.join(map(str, cmd))} as {name} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        return result

    def nbgrader(self, *args):
        return self.as_user(self.instructor, [self.python, "-m", "nbgrader", *args], cwd=self.course)

    def share_the_course(self):
        """What the users run, where every user can read it: a copy of nnlib and deploy's files, and the
        environment's Python (or, when that Python sits in a folder they cannot enter, such as pyenv's
        in root's home, a copy of its interpreter and standard library, and a venv of it that loads the
        environment's packages: what a system-wide install gives every user)."""
        self.shared = self.base / "shared"
        self.shared.mkdir()
        shutil.copytree(ROOT / "nnlib", self.shared / "nnlib", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(DEPLOY / "jupyter", self.shared / "jupyter")
        shutil.copy(DEPLOY / "grade_parallel.py", self.shared / "grade_parallel.py")
        env_bin = Path(sys.executable).parent
        if not first_blocked(Path(sys.executable).resolve(), self.instructor) and not first_blocked(env_bin, self.instructor):
            self.python, self.env, self.ld_path = sys.executable, env_bin.parent, os.environ.get("LD_LIBRARY_PATH", "")
            return None
        version = f"python{sys.version_info.major}.{sys.version_info.minor}"
        site = Path(__import__("sysconfig").get_paths()["purelib"])
        if first_blocked(site, self.instructor):
            return f"the test's users cannot read this environment's packages ({first_blocked(site, self.instructor)} is closed to them)"
        python = self.base / "python"  # a copy of the base Python's interpreter and standard library
        base = Path(sys.base_prefix)
        (python / "bin").mkdir(parents=True)
        shutil.copy2((base / "bin" / version).resolve(), python / "bin" / version)
        (python / "lib").mkdir()
        for lib in base.glob("lib/libpython*"):
            shutil.copy2(lib, python / "lib" / lib.name)
        shutil.copytree(base / "lib" / version, python / "lib" / version, symlinks=True,
                        ignore=shutil.ignore_patterns("site-packages", "test", "idlelib", "tkinter", "turtledemo", "config-*"))
        self.ld_path = str(python / "lib")
        system = str(python / "bin" / version)
        self.env = self.base / "env"
        subprocess.run([system, "-m", "venv", "--without-pip", str(self.env)], check=True, timeout=120,
                       env={**os.environ, "LD_LIBRARY_PATH": self.ld_path})
        [own_site] = self.env.glob("lib/python*/site-packages")
        (own_site / "course_env.pth").write_text(f"import site; site.addsitedir({str(site)!r})\n")
        self.python = str(self.env / "bin" / "python")
        if (Path(sys.prefix) / "etc").exists():  # Jupyter's settings: the extensions enabled
            (self.env / "etc").symlink_to(Path(sys.prefix) / "etc")
        jupyter_data = Path(sys.prefix) / "share" / "jupyter"  # lab extensions, and kernels: those run this Python
        (self.env / "share" / "jupyter").mkdir(parents=True)
        for entry in jupyter_data.iterdir() if jupyter_data.is_dir() else []:
            if entry.name != "kernels":
                (self.env / "share" / "jupyter" / entry.name).symlink_to(entry)
                continue
            for kernel in entry.iterdir():
                shutil.copytree(kernel, self.env / "share" / "jupyter" / "kernels" / kernel.name)
                spec_file = self.env / "share" / "jupyter" / "kernels" / kernel.name / "kernel.json"
                spec = json.loads(spec_file.read_text())
                if spec["argv"] and Path(spec["argv"][0]).parent == Path(sys.executable).parent:
                    spec["argv"][0] = self.python
                spec_file.write_text(json.dumps(spec))
        for script, module in {"jupyterhub-singleuser": "jupyterhub.singleuser", "alembic": "alembic.config",
                               "nbgrader": "nbgrader.apps.nbgraderapp"}.items():
            path = self.env / "bin" / script
            path.write_text(f"#!{self.python}\nimport sys\nfrom {module} import main\nsys.exit(main())\n")
            path.chmod(0o755)
        return None

    # --- the hub ---------------------------------------------------------------------------------
    def start(self):
        self.path = os.pathsep.join([str(Path(self.python).parent), os.environ.get("PATH", os.defpath)])
        state = self.base / "state"
        state.mkdir()
        env = {**os.environ,
               "PATH": self.path, "PYTHONPATH": str(self.shared), "LD_LIBRARY_PATH": self.ld_path,
               "COURSE_JUPYTER_CONFIG": str(self.shared / "jupyter"),
               "COURSE_HUB_AUTH": "pam", "COURSE_HUB_IP": "127.0.0.1", "COURSE_HUB_PORT": str(self.port),
               "COURSE_HUB_API_PORT": str(free_port()), "COURSE_PROXY_API_PORT": str(free_port()),
               "COURSE_HUB_STATE": str(state), "COURSE_PROXY": _proxy(),
               "COURSE_ENV": str(self.env),
               "COURSE_ROSTER": str(self.roster), "COURSE_INSTRUCTORS": self.instructor,
               "NBGRADER_EXCHANGE_ROOT": str(self.exchange), "NBGRADER_COURSE_DIR": str(self.course)}
        with open(self.log, "w") as log:
            self.proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(DEPLOY / "jupyterhub_config.py")],
                                         cwd=state, env=env, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"JupyterHub stopped ({self.proc.returncode}):\n{self.log_tail()}"
            try:
                if requests.get(f"{self.url}/hub/api/", timeout=5).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        raise AssertionError(f"JupyterHub did not answer on {self.url} within 90 s:\n{self.log_tail()}")

    def log_tail(self, n=4000):
        return self.log.read_text(errors="replace")[-n:] if self.log.exists() else "(no log)"

    def login(self, name):
        """A token for ``name``, from user name and password, as a script logs in."""
        r = requests.post(f"{self.url}/hub/api/users/{name}/tokens", timeout=TIMEOUT,
                          json={"auth": {"username": name, "password": self.password}, "note": "test_jupyterhub"})
        assert r.status_code in (200, 201), f"log-in of {name}: {r.status_code} {r.text}\n{self.log_tail()}"
        self.tokens[name] = r.json()["token"]
        return self.tokens[name]

    def api(self, name, method, path, as_user=None, **kw):
        """A request to the hub (``path`` from /hub/api) or a server (``path`` from /user/NAME) with NAME's token."""
        token = self.tokens[as_user or name]
        return requests.request(method, f"{self.url}{path}", headers={"Authorization": f"token {token}"},
                                timeout=TIMEOUT, **kw)

    def spawn(self, name):
        r = self.api(name, "POST", f"/hub/api/users/{name}/server")
        assert r.status_code in (201, 202), f"spawn {name}: {r.status_code} {r.text}"
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            server = self.api(name, "GET", f"/hub/api/users/{name}").json().get("servers", {}).get("")
            if server and server.get("ready"):
                return
            assert server is not None, f"the server of {name} stopped:\n{self.log_tail()}"
            time.sleep(1)
        raise AssertionError(f"the server of {name} was not ready in 240 s:\n{self.log_tail()}")

    def server(self, name, method, path, **kw):
        return self.api(name, method, f"/user/{name}{path}", **kw)

    def assignments(self, name, action):
        r = self.server(name, "POST", f"/assignments/{action}",
                        data={"course_id": COURSE_ID, "assignment_id": ASSIGNMENT})
        assert r.status_code == 200, f"{action} as {name}: {r.status_code} {r.text[:2000]}"
        reply = r.json()
        assert not (isinstance(reply, dict) and reply.get("success") is False), f"{action} as {name}: {reply}"
        return reply

    def close(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # the hub stops the users' servers and the proxy
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=30)
        uids = set()
        for name in self.users:
            try:
                uids.add(self.uid(name))
            except KeyError:
                pass
        for sig in (signal.SIGTERM, signal.SIGKILL):
            pids = processes_of(uids)
            for pid in pids:  # the test users' own processes: servers, kernels left behind
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
            if pids:
                time.sleep(2)
        for name in self.users:
            subprocess.run(["userdel", "--remove", name], capture_output=True, timeout=60)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        if self.log.exists():
            shutil.copy(self.log, ARTIFACTS / "jupyterhub.log")
        shutil.rmtree(self.base, ignore_errors=True)


def first_blocked(path, user):
    """The first folder on the way to ``path`` that ``user`` cannot enter, or None."""
    entry = pwd.getpwnam(user)
    for folder in [*reversed(Path(path).parents), Path(path)]:
        st = folder.stat()
        mode = st.st_mode
        ok = (mode & 0o001) or (st.st_uid == entry.pw_uid and mode & 0o100) or (st.st_gid == entry.pw_gid and mode & 0o010)
        if not ok:
            return folder
    return None


@pytest.fixture(scope="module")
def hub():
    hub = Hub()
    try:
        home = hub.add_user(hub.instructor)
        for name in hub.students.values():
            hub.add_user(name)
        why = hub.share_the_course()
        if why:
            pytest.skip(why)
        hub.exchange = hub.base / "exchange"
        hub.exchange.mkdir()
        hub.exchange.chmod(0o777)
        hub.course = home / "nn-backprop"
        (hub.course / "source" / ASSIGNMENT).mkdir(parents=True)
        shutil.copy(ROOT / "nbgrader" / "nbgrader_config.py", hub.course / "nbgrader_config.py")
        shutil.copy(ROOT / "solutions" / NOTEBOOK, hub.course / "source" / ASSIGNMENT / NOTEBOOK)
        hub.roster = hub.base / "roster.csv"
        hub.roster.write_text("id,first_name,last_name,email\n" + "".join(
            f"{name},{kind.title()},Student,{name}@example.org\n" for kind, name in hub.students.items()))
        hub.roster.chmod(0o644)
        subprocess.run(["chown", "-R", f"{hub.instructor}:{hub.instructor}", str(hub.course)], check=True)
        with timed("hub start"):
            hub.start()
        yield hub
    finally:
        hub.close()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "metrics.json").write_text(json.dumps(TIMINGS, indent=1))
        print("\nJupyterHub class timings (s):", json.dumps(TIMINGS))


def score(course, student):
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        nb = gb.find_submission_notebook(Path(NOTEBOOK).stem, ASSIGNMENT, student)
        return {g.name: g.score for g in nb.grades}


@pytest.fixture(scope="module")
def term(hub):
    """One term of level 1 through the hub; what it left behind."""
    everybody = [hub.instructor, *hub.students.values()]
    with timed("log in (4 users, tokens)"):
        for name in everybody:
            hub.login(name)
    with timed("spawn 4 servers"):
        for name in everybody:
            hub.spawn(name)
    with timed("roster: nbgrader db student import"):
        hub.nbgrader("db", "student", "import", str(hub.roster))
    with timed("generate_assignment"):
        hub.nbgrader("generate_assignment", ASSIGNMENT)
    with timed("release_assignment"):
        hub.nbgrader("release_assignment", ASSIGNMENT)
    release = hub.course / "release" / ASSIGNMENT / NOTEBOOK
    answers = check_cells(nbformat.read(ROOT / "solutions" / NOTEBOOK, as_version=4))
    choices = {"full": {}, "mixed": MIXED[ASSIGNMENT], "blank": {k: "blank" for k in answers}}
    fetched = {}
    with timed("students fetch (3, Assignments API)"):
        for kind, name in hub.students.items():
            listing = hub.assignments(name, "fetch")
            assert [(a["assignment_id"], a["status"]) for a in listing["value"]] == [(ASSIGNMENT, "fetched")]
    for kind, name in hub.students.items():
        r = hub.server(name, "GET", f"/api/contents/{ASSIGNMENT}/{NOTEBOOK}")
        assert r.status_code == 200, r.text
        fetched[kind] = nbformat.from_dict(r.json()["content"])
        nb = submission(release, ROOT / "solutions" / NOTEBOOK, choices[kind])
        r = hub.server(name, "PUT", f"/api/contents/{ASSIGNMENT}/{NOTEBOOK}",
                       json={"type": "notebook", "format": "json", "content": nb})
        assert r.status_code in (200, 201), r.text
    with timed("students submit (3)"):
        for name in hub.students.values():
            listing = hub.assignments(name, "submit")
            statuses = {a["status"] for a in listing["value"]}
            assert "submitted" in statuses, listing
    with timed("collect"):
        hub.nbgrader("collect", ASSIGNMENT)
    with timed("autograde (3 notebooks, serial)"):
        hub.nbgrader("autograde", ASSIGNMENT)
    with timed("generate_feedback"):
        hub.nbgrader("generate_feedback", ASSIGNMENT)
    with timed("release_feedback"):
        hub.nbgrader("release_feedback", ASSIGNMENT)
    feedback = {}
    with timed("students fetch feedback (3)"):
        for kind, name in hub.students.items():
            hub.assignments(name, "fetch_feedback")
    for kind, name in hub.students.items():
        r = hub.server(name, "GET", f"/api/contents/{ASSIGNMENT}/feedback")
        assert r.status_code == 200, f"no feedback folder for {name}: {r.text}"
        [stamp] = [e["name"] for e in r.json()["content"]]
        r = hub.server(name, "GET", f"/api/contents/{ASSIGNMENT}/feedback/{stamp}/{Path(NOTEBOOK).stem}.html")
        assert r.status_code == 200, r.text
        feedback[kind] = r.json()["content"]
    return {"fetched": fetched, "feedback": feedback, "release": release}


def test_students_fetch_the_release(hub, term):
    release = nbformat.read(term["release"], as_version=4)
    for kind, nb in term["fetched"].items():
        assert [c.source for c in nb.cells] == [c.source for c in release.cells], kind
        text = "\n".join(c.source for c in nb.cells)
        assert "BEGIN HIDDEN TESTS" not in text and "### BEGIN SOLUTION" not in text and "holds the worked" not in text


def test_scores_are_exact(hub, term):
    blank, full, mixed = EXPECTED[ASSIGNMENT]
    got = {kind: sum(score(hub.course, name).values()) for kind, name in hub.students.items()}
    assert got == {"full": full, "mixed": mixed, "blank": blank}


def test_each_student_gets_their_own_feedback(hub, term):
    blank, full, mixed = EXPECTED[ASSIGNMENT]
    total = full
    for kind, points in {"full": full, "mixed": mixed, "blank": blank}.items():
        html = term["feedback"][kind]
        # nbgrader's feedback page states the notebook's score as "Score: X / Y" in its header
        found = re.findall(r"Score:\s*([\d.]+)\s*/\s*([\d.]+)", html)
        assert found, f"no score in {kind}'s feedback"
        assert (float(found[0][0]), float(found[0][1])) == (points, total), kind


def test_students_cannot_read_others_work_or_the_source(hub, term):
    full, mixed = hub.students["full"], hub.students["mixed"]
    inbound = hub.exchange / COURSE_ID / "inbound"
    [theirs] = [p for p in inbound.iterdir() if p.name.startswith(f"{full}+")]
    guess = inbound / theirs.name.rsplit("+", 1)[0]  # the name without nbgrader's random part
    probe = (
        "import sys, os\n"
        "def tries(f, *a):\n"
        "    try:\n        f(*a)\n        return 'read'\n"
        "    except PermissionError:\n        return 'denied'\n"
        "    except FileNotFoundError:\n        return 'not found'\n"
        "inbound, guess, source, gradebook, home = sys.argv[1:]\n"
        "print(','.join([tries(os.listdir, inbound), tries(os.listdir, guess), tries(os.listdir, source),"
        " tries(open, gradebook), tries(os.listdir, home)]))\n"
    )
    r = hub.as_user(mixed, [hub.python, "-c", probe, str(inbound), str(guess),
                            str(hub.course / "source" / ASSIGNMENT), str(hub.course / "gradebook.db"),
                            str(pwd.getpwnam(full).pw_dir)])
    assert r.stdout.strip().split(",") == ["denied", "not found", "denied", "denied", "denied"], r.stdout
    # through the hub: a student's token does not open another user's server
    r = hub.api(full, "GET", f"/user/{full}/api/contents/{ASSIGNMENT}", as_user=mixed, allow_redirects=False)
    assert r.status_code in (403, 404), r.status_code


def test_only_the_instructor_has_the_formgrader(hub, term):
    r = hub.server(hub.instructor, "GET", "/formgrader/api/assignments")
    assert r.status_code == 200, r.text[:500]
    assert ASSIGNMENT in {a["name"] for a in r.json()}
    student = hub.students["full"]
    assert hub.server(student, "GET", "/formgrader/api/assignments").status_code == 404
    assert hub.server(student, "GET", "/assignments", params={"course_id": COURSE_ID}).status_code == 200


def test_parallel_grading_gives_the_serial_scores(hub, term):
    """The same three submissions again: serially, then with deploy/grade_parallel.py (3 workers, one gradebook)."""
    before = {name: score(hub.course, name) for name in hub.students.values()}
    start = time.perf_counter()
    hub.nbgrader("autograde", ASSIGNMENT, "--force")
    serial = time.perf_counter() - start
    start = time.perf_counter()
    r = hub.as_user(hub.instructor, [hub.python, str(hub.shared / "grade_parallel.py"), ASSIGNMENT, "--workers", "3",
                                     "--force"], cwd=hub.course)
    parallel = time.perf_counter() - start
    assert "3 graded, 0 failed" in r.stdout, r.stdout + r.stderr
    after = {name: score(hub.course, name) for name in hub.students.values()}
    assert after == before
    TIMINGS["regrade 3 notebooks: serial"] = round(serial, 2)
    TIMINGS["regrade 3 notebooks: 3 workers"] = round(parallel, 2)


def postgres_tools():
    found = {tool: shutil.which(tool) for tool in ("initdb", "pg_ctl")}
    if not all(found.values()):  # Debian keeps them off PATH, in its versioned folder
        for version in sorted(Path("/usr/lib/postgresql").glob("*"), reverse=True):
            folder = version / "bin"
            if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
                return {tool: str(folder / tool) for tool in found}
        return None
    return found


def test_parallel_grading_into_one_postgresql_gradebook(hub, term):
    """deploy/grade_parallel.py with --db-url: three workers write one PostgreSQL gradebook (the set-up for
    500 notebooks); the scores are those of the serial SQLite gradebook. PostgreSQL runs as the instructor."""
    tools = postgres_tools()
    if not tools:
        pytest.skip("PostgreSQL's initdb and pg_ctl are not installed (apt-get install postgresql; .ci/run does)")
    probe = hub.as_user(hub.instructor, [hub.python, "-c", "import psycopg"], check=False)
    if probe.returncode != 0:
        pytest.skip("psycopg is not installed (requirements-test.txt lists psycopg[binary])")
    data = Path(pwd.getpwnam(hub.instructor).pw_dir) / "pgdata"
    port = free_port()
    start = time.perf_counter()
    hub.as_user(hub.instructor, [tools["initdb"], "-D", str(data), "-A", "trust", "-U", hub.instructor,
                                 "-E", "UTF8", "--no-locale"], timeout=120)
    hub.as_user(hub.instructor, [tools["pg_ctl"], "-D", str(data), "-w", "-t", "60", "-l", str(data / "log"), "start",
                                 "-o", f"-h 127.0.0.1 -p {port} -k {data}"], timeout=120)
    TIMINGS["PostgreSQL: initdb and start"] = round(time.perf_counter() - start, 2)
    url = f"postgresql+psycopg://{hub.instructor}@127.0.0.1:{port}/postgres"
    try:
        with timed("PostgreSQL gradebook: generate_assignment (records the assignment)"):
            hub.nbgrader("generate_assignment", ASSIGNMENT, "--force", f"--db={url}")
        with timed("PostgreSQL gradebook: autograde 3 notebooks, 3 workers"):
            r = hub.as_user(hub.instructor, [hub.python, str(hub.shared / "grade_parallel.py"), ASSIGNMENT,
                                             "--workers", "3", "--force", "--db-url", url], cwd=hub.course)
        assert "3 graded, 0 failed" in r.stdout, r.stdout + r.stderr
        for name in hub.students.values():
            with Gradebook(url) as gb:
                nb = gb.find_submission_notebook(Path(NOTEBOOK).stem, ASSIGNMENT, name)
                assert {g.name: g.score for g in nb.grades} == score(hub.course, name), name
    finally:
        hub.as_user(hub.instructor, [tools["pg_ctl"], "-D", str(data), "-m", "fast", "-w", "stop"], check=False, timeout=120)
