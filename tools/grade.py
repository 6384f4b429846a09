"""Grade an assignment with nbgrader so that a student's code cannot subvert the grade.

    python3 course.py grade COURSE ASSIGNMENT [--student ID ...] [--feedback] [--no-scan] [--hide PATH ...]

COURSE is an nbgrader course folder (with nbgrader_config.py, source/, release/ from
``nbgrader generate_assignment``, and submitted/<student>/<assignment>/). For each student
(all who submitted the assignment, or those named):

1. **Scan** (before anything runs): every code cell the student wrote or could change
   (answer cells and cells the student added; the instructor's locked cells, which nbgrader
   puts back, are skipped) is parsed with the ``ast`` module, after IPython's own input
   transformations (so ``%magic`` and ``!shell`` lines appear as the ``get_ipython()``
   calls they become), and looked at for what no answer needs and every known trick uses:
   see ``scan_source``. A flagged notebook is graded as the blank release (so nbgrader's
   gradebook holds 0 for it), with a note cell at its top that names what was found; the
   flag and its reasons (cell, line, what) go to COURSE/grading_flags.json and are printed.
   The submission in submitted/ is left as it was: grading works on a copy.
2. **Secret seed**: COURSE/.nnlib_grading_secret (random, mode 0600, made at first use,
   never printed) gives each student NNLIB_GRADING_SEED = HMAC-SHA256(secret, student id),
   from which nnlib.checks.hidden draws each check's hidden cases.
3. **Sandbox** (when run as root with util-linux's ``unshare`` and ``setpriv``): nbgrader
   autogrades with a kernelspec whose kernel runs as an unprivileged uid of its own (one per
   student), in a private mount namespace where COURSE, the repository's solutions/ and
   git data (and any --hide PATH) are empty, in a scratch copy of the student's folder
   (tools/sandbox.py). Not root: the sandbox is off, said plainly; the scan still runs.
4. ``--feedback``: then ``nbgrader generate_feedback`` (the course's configuration removes
   the hidden tests and their failures' details from the feedback).

Timings per notebook are printed. ``--no-scan`` skips step 1 (for testing the sandbox alone).
"""

import argparse
import ast
import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SECRET_NAME = ".nnlib_grading_secret"
FLAGS_NAME = "grading_flags.json"
STAGING = ".nnlib_staging"
KERNEL_NAME = "nnlib-sandbox"
UID_BASE = 61_000  # the sandbox's uids: UID_BASE + 1, + 2, ... (one per student in a run, unused by any account)
FLAG_MARK = "nnlib-grading-flag"

# ---------------------------------------------------------------------------------------------------------------
# The scan

#: Modules no answer imports and the tricks reach for (files, processes, the interpreter, frames, the kernel).
MODULES = {
    "os", "sys", "subprocess", "pathlib", "io", "builtins", "ctypes", "gc", "inspect", "importlib", "imp",
    "IPython", "ipykernel", "jupyter_client", "zmq", "traitlets", "nbformat", "nbclient", "nbgrader", "nbconvert",
    "traceback", "types", "shutil", "glob", "fnmatch", "tempfile", "socket", "signal", "threading", "_thread",
    "multiprocessing", "concurrent", "asyncio", "runpy", "code", "codeop", "marshal", "pickle", "shelve",
    "copyreg", "dill", "cloudpickle", "posix", "nt", "_io", "pty", "fcntl", "mmap", "fileinput", "linecache",
    "tokenize", "zipfile", "tarfile", "zipimport", "pkgutil", "site", "sysconfig", "unittest",
    "weakref", "atexit", "faulthandler", "tracemalloc", "dis", "urllib", "http", "requests", "json",
    "sqlite3", "dbm", "shlex", "pdb", "bdb", "trace", "cProfile", "profile", "resource", "pwd", "grp",
    "webbrowser",
}
#: Names whose use (a call, or the function itself) no answer needs.
NAMES = {
    "get_ipython": "get_ipython() (the kernel's hooks, transformers and events)",
    "exec": "exec()", "eval": "eval()", "compile": "compile()", "open": "open() (reads or writes files)",
    "__import__": "__import__()", "globals": "globals()", "vars": "vars()", "locals": "locals()",
    "breakpoint": "breakpoint()", "setattr": "setattr()", "delattr": "delattr()", "reload": "reload()",
    "input": "input()", "help": "help()", "exit": "exit()", "quit": "quit()", "memoryview": "memoryview()",
}
#: Attributes of frames, generators, coroutines and tracebacks (the way to another function's variables).
FRAME_ATTRIBUTES = {"f_locals", "f_back", "f_globals", "f_builtins", "f_code", "f_trace", "f_lasti", "gi_frame",
                    "gi_code", "cr_frame", "cr_code", "ag_frame", "ag_code", "tb_frame", "tb_next", "tb_lasti"}
#: Attributes that reach the interpreter's hooks, the kernel, the environment, module reloading or files.
HOOK_ATTRIBUTES = {
    "setprofile", "settrace", "getprofile", "gettrace", "_getframe", "_current_frames", "currentframe",
    "addaudithook", "setrecursionlimit", "input_transformers_post", "input_transformers_cleanup",
    "ast_transformers", "set_custom_exc", "set_hook", "register_magic_function", "run_line_magic",
    "run_cell_magic", "user_ns", "user_global_ns", "environ", "system", "popen", "modules", "reload",
    "loadtxt", "genfromtxt", "fromfile", "memmap", "fromregex", "savetxt", "tofile", "load", "save", "savez",
    "savez_compressed", "DataSource", "open_memmap", "imread", "read_text", "read_bytes", "attrgetter",
    "methodcaller",
}
#: The special methods a class in an answer may define; others (comparisons, the array protocol, conversions,
#: attribute hooks) make objects that fool a check's comparisons.
ALLOWED_DUNDER_DEFS = {"__init__", "__call__", "__repr__", "__str__", "__len__", "__iter__", "__getitem__"}
PATCHED_ROOTS = {"np", "numpy", "nnlib", "builtins", "__builtins__"}
DUNDER = re.compile(r"^__\w+__$")
NAMED_IN_STRING = re.compile(r"__\w+__|\b(?:%s)\b" % "|".join(sorted(FRAME_ATTRIBUTES | {
    "setprofile", "settrace", "_getframe", "get_ipython", "input_transformers_post", "ast_transformers"})))


def _root(node):
    """The Name at the root of an attribute/subscript/call chain (``a`` of ``a.b[0].c``), or None."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def module_names(sources):
    """Names that code cells bind to a module or to something imported from nnlib or numpy."""
    found = set(PATCHED_ROOTS)
    for source in sources:
        try:
            tree = ast.parse(ipython_source(source))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update((a.asname or a.name.split(".")[0]) for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                if node.module.split(".")[0] in ("nnlib", "numpy", "matplotlib", "sklearn"):
                    found.update(a.asname or a.name for a in node.names)
    return found


def ipython_source(source):
    """The Python that IPython runs for a cell (line and cell magics, ``!`` escapes, ``?`` help become calls)."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager
    except ImportError:  # without IPython, a magic is a syntax error, which the line check below still names
        return source
    try:
        return TransformerManager().transform_cell(source)
    except Exception:  # IPython could not transform it: the kernel would fail on it the same way
        return source


def scan_source(source, modules=frozenset(PATCHED_ROOTS)):
    """What the code of one cell does that no answer needs: [(line, what), ...], empty when clean.

    ``modules`` are the names bound to modules (or to nnlib's and numpy's functions and classes) anywhere in
    the notebook: assigning to one of their attributes is a patch.
    """
    found = []
    modules = set(modules) | module_names([source])
    for number, line in enumerate(source.splitlines(), 1):
        stripped = line.lstrip()
        if stripped.startswith(("%", "!")) or re.match(r"^[\w\s.,\[\]()*]+=\s*[%!]", stripped):
            found.append((number, f"an IPython magic or shell escape (% or !): {stripped[:60]}"))
    code = ipython_source(source)
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return found  # Python cannot run it either: the cell fails with a SyntaxError and nothing in it runs

    def flag(node, what):
        found.append((getattr(node, "lineno", 0), what))

    def attribute_name(node, name):
        if DUNDER.match(name):
            flag(node, f"the special attribute .{name}")
        elif name in FRAME_ATTRIBUTES:
            flag(node, f"a frame attribute .{name} (another function's variables)")
        elif name in HOOK_ATTRIBUTES:
            flag(node, f".{name} (the interpreter's hooks, the kernel, files or module reloading)")

    def patch(target, how):
        for node in ast.walk(target) if isinstance(target, (ast.Tuple, ast.List, ast.Starred)) else [target]:
            if isinstance(node, (ast.Attribute, ast.Subscript)):
                root = _root(node)
                if root in modules or root in PATCHED_ROOTS:
                    flag(node, f"{how} an attribute of {root} (a patch of a module or of nnlib's or numpy's code)")

    # `"name" in globals()` only asks whether a name exists (a typical, harmless way to keep state): allowed
    membership = {id(c.comparators[0].func) for c in ast.walk(tree) if isinstance(c, ast.Compare) and len(c.ops) == 1
                  and isinstance(c.ops[0], (ast.In, ast.NotIn)) and isinstance(c.comparators[0], ast.Call)
                  and isinstance(c.comparators[0].func, ast.Name) and c.comparators[0].func.id == "globals"
                  and not c.comparators[0].args}
    for node in ast.walk(tree):
        if id(node) in membership:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in MODULES:
                    flag(node, f"import {alias.name}")
                elif alias.name.startswith(("nnlib.checks.core", "nnlib.checks.hidden")):
                    flag(node, f"import {alias.name} (the checks' machinery)")
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level or module.split(".")[0] in MODULES:
                flag(node, f"from {'.' * node.level}{module} import ...")
            for alias in node.names:
                if alias.name in HOOK_ATTRIBUTES or alias.name in FRAME_ATTRIBUTES:
                    flag(node, f"from {module} import {alias.name} (the interpreter's hooks, files or reloading)")
                if alias.name.startswith("_") or alias.name == "*":
                    flag(node, f"from {module} import {alias.name} (a private or every name)")
                elif module == "nnlib.checks" and alias.name in ("core", "hidden"):
                    flag(node, f"from nnlib.checks import {alias.name} (the checks' machinery)")
                elif module.startswith(("nnlib.checks.core", "nnlib.checks.hidden")):
                    flag(node, f"from {module} import {alias.name} (the checks' machinery)")
        elif isinstance(node, ast.Name):
            if node.id in NAMES:
                flag(node, NAMES[node.id])
            elif DUNDER.match(node.id):
                flag(node, f"the special name {node.id}")
        elif isinstance(node, ast.Attribute):
            attribute_name(node, node.attr)
            if node.attr.startswith("_") and not DUNDER.match(node.attr) and _root(node) in modules:
                flag(node, f"a private part .{node.attr} of {_root(node)}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("getattr", "hasattr"):
            name = node.args[1] if len(node.args) > 1 else None
            if not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
                flag(node, f"{node.func.id}() with a name that is not written out")
            else:
                attribute_name(node, name.value)
                if name.value.startswith("_") and _root(node.args[0]) in modules:
                    flag(node, f"a private part {name.value!r} of {_root(node.args[0])}")
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                patch(target, "assigns to")
        elif isinstance(node, ast.Delete):
            for target in node.targets:
                patch(target, "deletes")
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if DUNDER.match(node.name) and node.name not in ALLOWED_DUNDER_DEFS:
                flag(node, f"defines {node.name} (an object that can fool a check's comparisons)")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            hit = NAMED_IN_STRING.search(node.value)
            if hit:
                flag(node, f"a string that names {hit.group(0)}")
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            for name in node.names:
                if name in modules:
                    flag(node, f"rebinds the module name {name}")
    return sorted(set(found))


def scan_notebook(nb, instructor_sources):
    """[{"cell", "line", "found"}] for every code cell the student could write (not an instructor's cell)."""
    sources = [c.source for c in nb.cells if c.cell_type == "code"]
    modules = module_names(sources)
    out = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or cell.source in instructor_sources:
            continue
        meta = cell.metadata.get("nbgrader", {})
        name = meta.get("grade_id") or f"cell {index + 1} (added by the student)"
        for line, what in scan_source(cell.source, modules):
            out.append({"cell": name, "line": line, "found": what})
    return out


def instructor_cells(course, assignment, name):
    """The sources of the instructor's code cells (not answers) in the source and release notebooks."""
    found = set()
    for folder in ("source", "release"):
        path = course / folder / assignment / name
        if path.exists():
            for cell in nbformat.read(path, as_version=4).cells:
                if cell.cell_type == "code" and not cell.metadata.get("nbgrader", {}).get("solution"):
                    found.add(cell.source)
    return found


def flagged_copy(release, findings):
    """The release notebook (every answer blank), with a note on top naming what the scan found."""
    nb = nbformat.read(release, as_version=4)
    lines = "\n".join(f"- {f['cell']}, line {f['line']}: {f['found']}" for f in findings)
    note = nbformat.v4.new_markdown_cell(
        "**This submission was not graded: it scored 0.** Before grading, every answer cell is read for code "
        "that no answer needs and that can change how the checks run (IPython hooks, frames, patches, "
        f"files, ...). Found:\n\n{lines}\n\nAsk your instructor if this is a mistake.")
    note.metadata[FLAG_MARK] = True
    nb.cells.insert(0, note)
    return nb


# ---------------------------------------------------------------------------------------------------------------
# The secret and the seeds

def secret(course):
    """The class's grading secret (bytes), made at first use: COURSE/.nnlib_grading_secret, mode 0600."""
    path = course / SECRET_NAME
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32) + "\n")
        print(f"[grade] made the class's grading secret {path.name} (mode 0600; keep it, never share it)")
    os.chmod(path, 0o600)
    return path.read_text().strip().encode()


def student_seed(key, student):
    """NNLIB_GRADING_SEED of one student: HMAC-SHA256 of the class's secret and the student's id."""
    return hmac.new(key, student.encode(), hashlib.sha256).hexdigest()


# ---------------------------------------------------------------------------------------------------------------
# The sandbox

def sandbox_problem():
    """Why the sandbox cannot run here, or None."""
    if not hasattr(os, "geteuid"):
        return "this system has no Unix users"
    if os.geteuid() != 0:
        return "not running as root (dropping to another user and hiding folders needs root)"
    for tool in ("unshare", "setpriv", "mount"):
        if shutil.which(tool) is None:
            return f"util-linux's {tool} is not installed"
    probe = subprocess.run(["unshare", "--mount", "--propagation", "private", "--", "mount", "-t", "tmpfs",
                            "probe", tempfile.gettempdir()], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"no private mount namespace here ({probe.stderr.strip()})"
    return None


def git_paths():
    """The repository's git data (it holds every version of solutions/)."""
    found = [ROOT / ".git"]
    dot_git = ROOT / ".git"
    if dot_git.is_file():  # a worktree: "gitdir: <main>/.git/worktrees/<name>"
        text = dot_git.read_text().strip()
        if text.startswith("gitdir:"):
            gitdir = (ROOT / text.split(":", 1)[1].strip()).resolve()
            found.append(gitdir)
            common = gitdir / "commondir"
            found.append((gitdir / common.read_text().strip()).resolve() if common.exists() else gitdir)
    return found


def free_uids(count):
    import pwd
    uids, uid = [], UID_BASE
    while len(uids) < count:
        uid += 1
        try:
            pwd.getpwuid(uid)
        except KeyError:
            uids.append(uid)
    return uids


def make_kernel(course, students, key, sandboxed, hide_extra):
    """The run's scratch root with its kernelspec and plan: (scratch root, JUPYTER_PATH entry, hidden paths, uids).

    One ``nbgrader autograde`` grades every student; the kernelspec's launcher (tools/sandbox.py) tells
    the student from the folder nbgrader starts it in and gives that student's kernel its seed and, in
    the sandbox, its own uid."""
    scratch = Path(tempfile.mkdtemp(prefix="nnlib-grade-"))
    os.chmod(scratch, 0o711 if sandboxed else 0o700)  # sandboxed kernels enter their own folder, list none
    hide = [course, ROOT / "solutions", *git_paths(), *map(Path, hide_extra)] if sandboxed else []
    uids = free_uids(len(students)) if sandboxed else [None] * len(students)
    plan = {"mode": "sandbox" if sandboxed else "plain", "scratch_root": str(scratch), "python": sys.executable,
            "autograded": str(course / "autograded"),
            "students": {s: {"seed": student_seed(key, s), "uid": u} for s, u in zip(students, uids)},
            "hide": sorted({str(p.resolve()) for p in hide if p.exists()})}
    needed = [Path(sys.prefix).resolve(), (ROOT / "nnlib").resolve()]  # what the kernel runs and imports
    for folder in map(Path, plan["hide"]):
        for path in needed:
            if path == folder or folder in path.parents:
                shutil.rmtree(scratch, ignore_errors=True)
                sys.exit(f"[grade] {path} (the grading kernel needs it) is inside {folder}, which the sandbox "
                         "hides from the kernels: keep the course folder apart from the environment and nnlib.")
    fd = os.open(scratch / "plan.json", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(plan, f, indent=1)
    spec = scratch / "jupyter" / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, str(ROOT / "tools" / "sandbox.py"), str(scratch / "plan.json"),
                 "-f", "{connection_file}"],
        "display_name": "Python 3 (grading)", "language": "python", "interrupt_mode": "signal"}))
    return scratch, scratch / "jupyter", plan["hide"], [u for u in uids if u is not None]


def end_processes_of(uid):
    """Kill what a student's kernel left running (its uid is the student's alone), by process id."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        real = re.search(r"^Uid:\s+(\d+)", status, re.M)
        if real and int(real.group(1)) == uid:
            try:
                os.kill(int(entry.name), signal.SIGKILL)
            except OSError:
                pass


# ---------------------------------------------------------------------------------------------------------------
# Grading

def nbgrader(course, args, env):
    path = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", os.defpath)])
    return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, capture_output=True, text=True,
                          env={**env, "PATH": path})


def students_of(course, assignment, chosen):
    if chosen:
        return list(chosen)
    folder = course / "submitted"
    return sorted(p.name for p in folder.iterdir() if (p / assignment).is_dir()) if folder.is_dir() else []


def record_flags(course, assignment, students, flags):
    path = course / FLAGS_NAME
    data = json.loads(path.read_text()) if path.exists() else {}
    mine = data.setdefault(assignment, {})
    for student in students:
        mine.pop(student, None)
    mine.update(flags)
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    return path


def scores(course, assignment, student):
    """{notebook: (score, max score)} from the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        try:
            submission = gb.find_submission(assignment, student)
        except MissingEntry:
            return {}
        return {nb.name: (nb.score, nb.max_score) for nb in submission.notebooks}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="course.py grade", description=__doc__.split("\n\n")[0])
    parser.add_argument("course", type=Path)
    parser.add_argument("assignment")
    parser.add_argument("--student", action="append", default=[], help="grade only this student (repeatable)")
    parser.add_argument("--feedback", action="store_true", help="then write feedback/ (no hidden tests in it)")
    parser.add_argument("--no-scan", action="store_true", help="skip the scan (to test the sandbox alone)")
    parser.add_argument("--hide", action="append", default=[], metavar="PATH",
                        help="another folder the students' kernels must not see (repeatable)")
    args = parser.parse_args(argv)
    course = args.course.resolve()
    assignment = args.assignment
    if not (course / "source" / assignment).is_dir() or not (course / "release" / assignment).is_dir():
        sys.exit(f"[grade] {course} has no source/{assignment} and release/{assignment}: "
                 f"run `nbgrader generate_assignment {assignment}` in it first.")
    students = students_of(course, assignment, args.student)
    if not students:
        sys.exit(f"[grade] nobody submitted {assignment} (nothing in {course / 'submitted'}/*/{assignment}).")
    key = secret(course)

    # 1. the scan, on a staged copy of the submissions
    staging = course / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    flags = {}
    for student in students:
        source = course / "submitted" / student / assignment
        if not source.is_dir():
            sys.exit(f"[grade] {student} has no submission {source}")
        target = staging / student / assignment
        shutil.copytree(source, target)
        if args.no_scan:
            continue
        for path in sorted(target.glob("*.ipynb")):
            release = course / "release" / assignment / path.name
            try:
                nb = nbformat.read(path, as_version=4)
                findings = scan_notebook(nb, instructor_cells(course, assignment, path.name))
            except Exception as error:  # a notebook nbformat cannot read is not graded either
                findings = [{"cell": "the notebook", "line": 0, "found": f"unreadable: {type(error).__name__}"}]
            if findings:
                if not release.exists():
                    sys.exit(f"[grade] {student}'s {path.name} is flagged, and release/{assignment}/{path.name} "
                             "(graded in its place) is missing: run nbgrader generate_assignment first.")
                flags.setdefault(student, {})[path.name] = findings
                nbformat.write(flagged_copy(release, findings), path)
    if args.no_scan:
        print("[grade] --no-scan: the submissions are NOT scanned (only for testing the sandbox alone)")
    else:
        flags_file = record_flags(course, assignment, students, flags)
        for student, notebooks in flags.items():
            for name, findings in notebooks.items():
                print(f"[grade] FLAGGED {student} {assignment}/{name}: scored 0 (graded as the blank release)")
                for f in findings:
                    print(f"          {f['cell']}, line {f['line']}: {f['found']}")
        print(f"[grade] scanned {len(students)} submission(s): {len(flags)} flagged (recorded in {flags_file.name})")

    # 2.-3. seeds and the sandbox: one nbgrader run for every student (each kernel gets its student's seed)
    problem = sandbox_problem()
    env = {k: v for k, v in os.environ.items() if k != "NNLIB_GRADING_SEED"}
    scratch, jupyter_path, hidden, uids = make_kernel(course, students, key, problem is None, args.hide)
    env["JUPYTER_PATH"] = os.pathsep.join([str(jupyter_path), env.get("JUPYTER_PATH", "")]).rstrip(os.pathsep)
    if problem is None:
        print(f"[grade] sandbox ON: each student's kernel runs as its own unprivileged uid "
              f"({uids[0]}...) in a private mount namespace; hidden from it: {', '.join(hidden)}")
    else:
        print(f"[grade] SANDBOX OFF: {problem}. The students' kernels run as you, with your files: a student's "
              "code can read source/ (the worked answers), gradebook.db, the secret, other students' "
              "submissions and anything else you can read. The scan still runs; run this as root for the sandbox.")
    try:
        start = time.perf_counter()
        done = nbgrader(course, ["autograde", assignment, "--force", f"--CourseDirectory.submitted_directory={STAGING}",
                                 f"--Execute.kernel_name={KERNEL_NAME}"], env)
        seconds = time.perf_counter() - start
        for uid in uids:
            end_processes_of(uid)
        if done.returncode != 0:
            print(done.stdout[-3000:], done.stderr[-3000:], sep="\n", file=sys.stderr)
            sys.exit(f"[grade] nbgrader autograde failed ({done.returncode})")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)
    notebooks = 0
    for student in students:
        got = scores(course, assignment, student)
        notebooks += len(got)
        text = ", ".join(f"{n} {s:g}/{m:g}" for n, (s, m) in got.items())
        print(f"[grade] {student}: {text}")
    print(f"[grade] autograde: {seconds:.1f} s for {notebooks} notebook(s), "
          f"{seconds / max(1, notebooks):.1f} s per notebook")

    if args.feedback:  # one nbgrader run for the students graded here (the others excluded)
        others = sorted(set(students_of(course, assignment, [])) - set(students))
        start = time.perf_counter()
        done = nbgrader(course, ["generate_feedback", assignment, "--force",
                                 f"--CourseDirectory.student_id_exclude={','.join(others)}"], env)
        if done.returncode != 0:
            print(done.stdout[-3000:], done.stderr[-3000:], sep="\n", file=sys.stderr)
            sys.exit(f"[grade] nbgrader generate_feedback failed ({done.returncode})")
        print(f"[grade] feedback for {len(students)} student(s) in {time.perf_counter() - start:.1f} s")
        print(f"[grade] feedback in {course / 'feedback'}/<student>/{assignment}/ (no hidden tests in it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
