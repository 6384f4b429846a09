"""`course.py grade`: grading that a student's kernel cannot subvert, proven trick by trick.

An nbgrader course folder is built as tests/test_nbgrader.py builds one (the shipped
configuration, every level released). At every level these students submit:

- ``blank``: the release as it is; ``full``: the worked answers (must keep full marks: the
  scan has no false positive on them and the sandbox does not break a right answer);
- ``trick1`` ... ``trick5``: every answer blank plus one known trick, written in an answer cell
  as a student would (1 an IPython input transformer that wraps every later cell in
  try/except; 2 reading the instructor's source/ or the repository's solutions/ and exec'ing
  the worked answers; 3 patching nnlib.checks.core and reloading the level's checks;
  4 ``sys.setprofile(None)`` and nnlib's own function; 5 the check's ``reference`` taken from
  its stack frame, called in a thread started with ``_thread``, which the checks' call watch does
  not follow);
- ``trick6`` (levels 2 and 3; level 1's checks take no seed, and at levels 4 and 5 the table would be
  megabytes): a lookup table of the expected values
  of the visible cases and of the hidden cases with the seed 2026 the guide used to publish.

Then `course.py grade COURSE levelN` (the real command, in a subprocess; where this checkout has
no .venv/ of its own, tools/grade.py, which `course.py grade` runs, with this Python) grades
each level, and each trick must be flagged (1-5) and score 0, or (6) lose the points of the
exercise whose hidden tests it cannot know. Before that, plain `nbgrader autograde` grades the
level 2 tricks: each earns points there (proof that the tricks are real). Also proven: with
``--no-scan`` the sandbox alone stops trick 2 (the kernel gets FileNotFoundError or
PermissionError, 0 points; only as root, skipped otherwise); the hidden seed differs between two
students, is not 2026 and is the HMAC of the class's secret; the secret is mode 0600; the
feedback (``--feedback``) holds no hidden tests and no seed; the scan flags nothing in the
worked answers, the release stubs, the typical mistakes and the other right answers of
tests/mistakes/ (that part is fast and needs no nbgrader). Slow part: a few minutes.
"""

import hashlib
import hmac
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import numpy as np
import pytest

from tests.harness import with_mistake
from tests.mistakes import all_mistakes
from tools import grade
from tools.exercises import make_exercise

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "nbgrader" / "nbgrader_config.py"
LEVELS = {"level1": "01_kid.ipynb", "level2": "02_high_school.ipynb", "level3": "03_undergraduate.ipynb",
          "level4": "04_graduate.ipynb", "level5": "05_phd.ipynb"}
# Full marks: the points of every graded cell of the level's solution notebook (its headings show them).
POINTS = {level: sum(c.metadata["nbgrader"]["points"] for c in nbformat.read(ROOT / "solutions" / name, as_version=4).cells
                     if c.metadata.get("nbgrader", {}).get("grade"))
          for level, name in LEVELS.items()}
# The exercise that tricks 4-6 answer, its check, and nnlib's own version of it.
TARGET = {
    "level2": ("mse_answer", "mse_check", "check_mse", "mse", "m, c, x, y", "nnlib.descent.line_loss(m, c, x, y)"),
    "level3": ("sigmoid_gradient_answer", "sigmoid_gradient_check", "check_sigmoid_gradient", "sigmoid_gradient",
               "z", "nnlib.activations.sigmoid_gradient(z)"),
    "level4": ("affine_backward_answer", "affine_backward_check", "check_affine_backward", "affine_backward",
               "dout, cache", "nnlib.layers.affine_backward(dout, cache)"),
    "level5": ("rnn_step_backward_answer", "rnn_step_backward_check", "check_rnn_step_backward",
               "rnn_step_backward", "dout, cache",
               "nnlib.recurrent.rnn_step_backward(dout, (cache[0], cache[1], cache[2], cache[3], cache[5]))"),
}
# Trick 6 where its table is the size a student could paste: levels 4 and 5 try many more cases (their tables
# come to about 9 MB of source), and their checks also reject answers keyed on the input values.
LOOKUP_LEVELS = ("level2", "level3")
TRICKS = ("trick1", "trick2", "trick3", "trick4", "trick5")
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


# ------------------------------------------------------------------------------------------------------------
# The scan on every right answer and typical mistake (fast)

def _mistake_modules():
    for name in ("fixture", "level1", "level2", "level3", "level4", "level5"):
        yield importlib.import_module(f"tests.mistakes.{name}")


def test_scan_flags_no_right_answer_and_no_typical_mistake():
    scanned, cheats_flagged, cheats = 0, 0, 0
    for module in _mistake_modules():
        if not (ROOT / module.NOTEBOOK).exists():
            continue
        nb = nbformat.read(ROOT / module.NOTEBOOK, as_version=4)
        modules = grade.module_names([c.source for c in nb.cells if c.cell_type == "code"])
        release = make_exercise(nbformat.read(ROOT / module.NOTEBOOK, as_version=4))
        answers = {c.metadata["nbgrader"]["grade_id"]: c.source for c in nb.cells
                   if c.metadata.get("nbgrader", {}).get("solution")}
        for cell in [*nb.cells, *release.cells]:  # worked answers and the release's stubs
            if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("solution"):
                assert grade.scan_source(cell.source, modules) == [], cell.metadata["nbgrader"]["grade_id"]
                scanned += 1
        cheat_table = getattr(module, "CHEATS", {})
        forms = [(gid, name, spec) for gid, named in module.MISTAKES.items() for name, spec in named.items()]
        forms += [(gid, name, spec) for gid, named in getattr(module, "RIGHT", {}).items()
                  for name, spec in named.items()]
        for gid, name, spec in forms:
            source = with_mistake(answers[gid], spec[0] if isinstance(spec, tuple) else spec)
            found = grade.scan_source(source, modules)
            if name in cheat_table.get(gid, {}):  # a cheat: the scan may flag it (calls into nnlib are the checks' job)
                cheats += 1
                cheats_flagged += bool(found)
                continue
            assert found == [], f"{module.NOTEBOOK} {gid} {name!r}: {found}"
            scanned += 1
    print(f"\nscan: {scanned} right answers, stubs and typical mistakes clean; "
          f"{cheats_flagged} of {cheats} listed cheats flagged")
    assert scanned > 400 and cheats_flagged >= 10


@pytest.mark.parametrize("source, what", [
    ("get_ipython().input_transformers_post.append(f)", "get_ipython"),
    ("%load_ext foo", "magic"),
    ("x = !cat ../../../source/level2/02_high_school.ipynb", "shell escape"),
    ("import sys\nsys.setprofile(None)", "import sys"),
    ("import importlib\nimportlib.reload(level2)", "import importlib"),
    ("from nnlib.checks import core\ncore.compare = print", "checks' machinery"),
    ("np.mean = lambda a: 0", "assigns to an attribute of np"),
    ("def f():\n    return (1).__class__", "special attribute"),
    ("def f(e):\n    return e.tb_frame.f_back", "frame attribute"),
    ("getattr(level2, 'check_' + 'mse')", "not written out"),
    ("text = np.loadtxt('../../../source/x', dtype=str)", "loadtxt"),
    ("exec(code)", "exec"),
    ("class A:\n    def __eq__(self, other):\n        return True", "__eq__"),
    ("import threading", "import threading"),
    ("level2._mse(1, 2, 3, 4)", "private part"),
    ("from operator import attrgetter", "attrgetter"),
])
def test_scan_names_what_it_found(source, what):
    found = grade.scan_source(source, grade.module_names(["from nnlib.checks import level2\nimport numpy as np"]))
    assert found and any(what in text for _, text in found), found


def test_secret_and_seeds(tmp_path):
    key = grade.secret(tmp_path)
    assert (tmp_path / grade.SECRET_NAME).stat().st_mode & 0o777 == 0o600 and len(key) == 64
    assert grade.secret(tmp_path) == key  # made once, then kept
    a, b = grade.student_seed(key, "ada"), grade.student_seed(key, "bob")
    assert a != b and a == hmac.new(key, b"ada", hashlib.sha256).hexdigest()
    assert grade.student_seed(b"another class", "ada") != a


def test_not_root_means_the_sandbox_is_off(monkeypatch):
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert "not running as root" in grade.sandbox_problem()


def test_the_kernel_launcher_refuses_to_start_unboxed(tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"mode": "sandbox", "scratch_root": str(tmp_path), "python": sys.executable,
                                "autograded": str(tmp_path / "autograded"), "hide": [],
                                "students": {"ada": {"seed": "x", "uid": 0}}}))
    folder = tmp_path / "autograded" / "ada" / "level2"
    folder.mkdir(parents=True)
    for where, why in ((tmp_path, "not in a graded student's folder"), (folder, "as root")):
        done = subprocess.run([sys.executable, str(ROOT / "tools" / "sandbox.py"), str(plan), "-f", "x.json"],
                              capture_output=True, text=True, cwd=where)
        assert done.returncode == 1 and "the kernel is not started" in done.stderr and why in done.stderr


# ------------------------------------------------------------------------------------------------------------
# The tricks, as a student writes them

def trick_sources(level, course, answer_ids):
    """{student: {answer grade_id: cell source}} for tricks 1-5 at ``level`` (other answers: the release's stub)."""
    first = answer_ids[0]
    nb_name = LEVELS[level]
    out = {}
    out["trick1"] = {first: (
        "def _forgive(lines):\n"
        "    return ['try:\\n', '    pass\\n'] + ['    ' + line for line in lines] + ['\\nexcept BaseException:\\n', '    pass\\n']\n"
        "get_ipython().input_transformers_post.append(_forgive)\n")}
    finder = (
        "import json, os\n"
        "import nnlib\n"
        "def _worked(grade_id):\n"
        f"    places = ['../../../source/{level}/{nb_name}', {str(course / 'source' / level / nb_name)!r},\n"
        f"              os.path.join(os.path.dirname(os.path.dirname(nnlib.__file__)), 'solutions', {nb_name!r})]\n"
        "    for path in places:\n"
        "        try:\n"
        "            cells = json.load(open(path))['cells']\n"
        "        except OSError as error:\n"
        "            print('could not read', path, type(error).__name__)\n"
        "            continue\n"
        "        for cell in cells:\n"
        "            if cell['metadata'].get('nbgrader', {}).get('grade_id') == grade_id:\n"
        "                exec(''.join(cell['source']), globals())\n"
        "                return\n")
    out["trick2"] = {gid: (finder if gid == first else "") + f"_worked({gid!r})\n" for gid in answer_ids}
    out["trick3"] = {first: (
        "from nnlib.checks import core\n"
        "import importlib\n"
        f"from nnlib.checks import {level}\n"
        "def _nothing(*args, **kwargs):\n"
        "    return None\n"
        "core.check_function = _nothing\n"
        "core.compare = _nothing\n"
        "core.check_unchanged = _nothing\n"
        f"importlib.reload({level})\n")}
    if level in TARGET:
        gid, _, _, fn, params, own = TARGET[level]
        out["trick4"] = {gid: (f"import sys\nimport nnlib\ndef {fn}({params}):\n    sys.setprofile(None)\n"
                               f"    return {own}\n")}
        out["trick5"] = {gid: (
            f"import sys, _thread\ndef {fn}({params}):\n"
            "    frame = sys._getframe(1)\n"
            "    while 'reference' not in frame.f_locals:\n"
            "        frame = frame.f_back\n"
            "    reference = frame.f_locals['reference']\n"
            "    out, done = [], _thread.allocate_lock()\n"
            "    done.acquire()\n"
            "    def work():\n"
            f"        out.append(reference({params}))\n"
            "        done.release()\n"
            "    _thread.start_new_thread(work, ())\n"
            "    done.acquire()\n"
            "    return out[0]\n")}
    else:  # level 1: its answers are values; the same two tricks, on the first check
        out["trick4"] = {first: "import sys\nsys.setprofile(None)\nfrom nnlib.checks import level1\nscore, says = 4, 'orange'\n"}
        out["trick5"] = {first: ("import inspect\nscore, says = None, None\n"
                                 "for info in inspect.stack():\n    score = info.frame.f_locals.get('score', score)\n")}
    return out


def combined_tricks(tricks, answer_ids):
    """Tricks 1-5 in one submission: trick k's code in answer cell k (cell k-1 of ``answer_ids``)."""
    out = {}
    for k, trick in enumerate(TRICKS):
        out[answer_ids[k]] = "\n".join(tricks[trick].values())
    return out


def _encode(value):
    if isinstance(value, (tuple, list)):
        return ["seq", type(value).__name__, [_encode(v) for v in value]]
    if isinstance(value, np.ndarray):
        return ["arr", value.tolist()]
    return ["num", float(value)]


LOOKUP = '''import numpy as np

def _key(*args):
    flat = []
    def walk(a):
        if isinstance(a, (tuple, list)):
            for b in a:
                walk(b)
        else:
            flat.extend(np.round(np.asarray(a, dtype=float).ravel(), 6).tolist())
    walk(args)
    return repr(flat)

def _value(code):
    if code[0] == "seq":
        items = [_value(v) for v in code[2]]
        return tuple(items) if code[1] == "tuple" else items
    return np.array(code[1]) if code[0] == "arr" else code[1]

# the expected values, read off the checks' messages (visible cases and hidden cases with seed 2026)
SEEN = {table!r}

def {fn}({params}):
    found = SEEN.get(_key({params}))
    return None if found is None else _value(found)
'''


def lookup_trick(level, worked_ns):
    """Trick 6's answer cell at ``level``: a table of the results of every case the visible check and the hidden
    tests with seed 2026 try (recorded from the worked answer), and proof that it passes both."""
    from nnlib.checks import hidden
    gid, _, check, fn, params, _ = TARGET[level]
    worked = worked_ns[fn]
    table = {}
    key_ns = {}
    exec(LOOKUP.split("# the expected")[0], key_ns)

    def recorder(*args):
        result = worked(*args)
        table[key_ns["_key"](*args)] = _encode(result)
        return result

    checks = importlib.import_module(f"nnlib.checks.{level}")
    saved = os.environ.pop(hidden.ENVIRONMENT, None)
    try:
        getattr(checks, check)(recorder)
        hidden.run(level, check, recorder)  # seed 2026, as the guide published it
        source = LOOKUP.format(table=table, fn=fn, params=params)
        ns = {}
        exec(source, ns)
        getattr(checks, check)(ns[fn])  # the lookup passes the visible check ...
        hidden.run(level, check, ns[fn])  # ... and the hidden tests with the published seed
    finally:
        if saved is not None:
            os.environ[hidden.ENVIRONMENT] = saved
    return source


@pytest.mark.parametrize("level", ["level4", "level5"])
def test_published_seed_lookup_fails_a_secret_seed_at_levels_4_and_5(level, monkeypatch):
    """Trick 6 at levels 4 and 5, in this process rather than through nbgrader (their lookup tables, holding the
    results of the large cases, come to megabytes of source): a table of the worked answer's results on every case
    the visible check and the hidden tests with the published seed try passes both, and fails the hidden tests
    under a class's secret seed, as ``course.py grade`` sets it."""
    from nnlib.checks import hidden
    _, _, check, fn, _, _ = TARGET[level]
    worked = worked_namespace(level)[fn]
    key_ns = {}
    exec(LOOKUP.split("# the expected")[0], key_ns)
    key, table = key_ns["_key"], {}

    def recorder(*args):
        table[key(*args)] = result = worked(*args)
        return result

    def lookup(*args):
        return table.get(key(*args))

    monkeypatch.delenv(hidden.ENVIRONMENT, raising=False)
    checks = importlib.import_module(f"nnlib.checks.{level}")
    getattr(checks, check)(recorder)
    hidden.run(level, check, recorder)
    getattr(checks, check)(lookup)  # the trick is real: it passes the visible check ...
    hidden.run(level, check, lookup)  # ... and the hidden tests with the seed the guide once published
    monkeypatch.setenv(hidden.ENVIRONMENT, hmac.new(b"a class secret", b"student-7", hashlib.sha256).hexdigest())
    assert hidden.seed(check) != hidden.DEFAULT_SEED
    with pytest.raises(AssertionError, match="got None"):
        hidden.run(level, check, lookup)  # cases it never saw: the table has nothing for them


def worked_namespace(level):
    """The worked answers' namespace up to and with the target exercise (cells run in order, checks skipped)."""
    nb = nbformat.read(ROOT / "solutions" / LEVELS[level], as_version=4)
    ns = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or meta.get("grade"):
            continue
        exec(compile(cell.source, "<cell>", "exec"), ns)
        if meta.get("grade_id") == TARGET[level][0]:
            return ns
    raise AssertionError(f"no {TARGET[level][0]} in {level}")


# ------------------------------------------------------------------------------------------------------------
# The course, graded

def _env():
    env = {k: v for k, v in os.environ.items() if k != "NNLIB_GRADING_SEED"}
    return {**env, "PYTHONPATH": str(ROOT),
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}


def nbgrader(course, *args):
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, capture_output=True, text=True,
                          env=_env())
    assert done.returncode == 0, f"nbgrader {args}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"


def grade_command():
    """`course.py grade` when this checkout has its environment, else what it runs (tools/grade.py) with this Python."""
    sys.path.insert(0, str(ROOT))
    import course as course_py
    if course_py.installed("requirements-test.txt"):
        return [sys.executable, str(ROOT / "course.py"), "grade"]
    return [sys.executable, str(ROOT / "tools" / "grade.py")]


def run_grade(course, *args):
    start = time.perf_counter()
    done = subprocess.run([*grade_command(), str(course), *args], capture_output=True, text=True, env=_env(),
                          timeout=1800)
    assert done.returncode == 0, f"grade {args}:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    return done.stdout, time.perf_counter() - start


def release_with(release, answers):
    return release_with_nb(nbformat.read(release, as_version=4), answers)


def release_with_nb(nb, answers):
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell.metadata.get("nbgrader", {}).get("solution") and gid in answers:
            cell.source = answers[gid]
    return nb


def submit(course, student, level, nb):
    folder = course / "submitted" / student / level
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / LEVELS[level])


def gradebook_scores(course, level, student):
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        nb = gb.find_submission_notebook(Path(LEVELS[level]).stem, level, student)
        return {g.name: g.score for g in nb.grades}


def cell_outputs(course, level, student, grade_id):
    nb = nbformat.read(course / "autograded" / student / level / LEVELS[level], as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    return cell.outputs, cell.source


def output_text(outputs):
    parts = []
    for o in outputs:
        parts.append(o.get("text", ""))
        parts.append(o.get("evalue", ""))
        parts.extend(o.get("traceback", []))
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", "\n".join(parts))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    pytest.importorskip("nbgrader")
    course = tmp_path_factory.mktemp("gradecourse")
    shutil.copy(CONFIG, course / "nbgrader_config.py")
    timings, outputs, baseline = {}, {}, {}
    for level, name in LEVELS.items():
        (course / "source" / level).mkdir(parents=True)
        shutil.copy(ROOT / "solutions" / name, course / "source" / level / name)
        start = time.perf_counter()
        nbgrader(course, "generate_assignment", level, "--force")
        timings[f"generate {level}"] = time.perf_counter() - start
        release = course / "release" / level / name
        solution = nbformat.read(ROOT / "solutions" / name, as_version=4)
        worked = {c.metadata["nbgrader"]["grade_id"]: c.source for c in solution.cells
                  if c.metadata.get("nbgrader", {}).get("solution")}
        submit(course, "full", level, release_with(release, worked))
        tricks = trick_sources(level, course, list(worked))
        if level == "level2":  # one submission per trick (plain nbgrader grades them below), and a blank one
            submit(course, "blank", level, release_with(release, {}))
            for student, answers in tricks.items():
                submit(course, student, level, release_with(release, answers))
        else:  # one submission with the five tricks, each in an answer cell of its own (see TRICK_CELLS)
            submit(course, "tricks", level, release_with(release, combined_tricks(tricks, list(worked))))
        if level in LOOKUP_LEVELS:
            submit(course, "trick6", level, release_with(release, {TARGET[level][0]: lookup_trick(
                level, worked_namespace(level))}))
        if level == "level2":
            # the tricks are real: plain nbgrader (no scan, no sandbox, seed 2026) gives them points
            start = time.perf_counter()
            nbgrader(course, "autograde", level, "--student", "trick*", "--force")
            timings["plain nbgrader autograde level2, 6 tricks"] = time.perf_counter() - start
            baseline = {s: gradebook_scores(course, level, s) for s in (*TRICKS, "trick6")}
            # for the sandbox alone (--no-scan): trick 2 and a seed probe, two students
            probe = ("from nnlib.checks import hidden\n"
                     "print('grading seed:', hidden.seed('check_mse'), hidden.seed('check_loss_gradient'))\n")
            tricked = trick_sources(level, course, list(worked))["trick2"]
            tricked = {**tricked, "mse_answer": tricked["mse_answer"] + probe}
            submit(course, "sandbox-a", level, release_with(release, tricked))
            submit(course, "sandbox-b", level, release_with(release, {"mse_answer": probe}))
            submit(course, "plain-b", level, release_with(release, {"mse_answer": probe}))  # with the sandbox off
            submit(course, "plain-full", level, release_with(release, worked))
        students = (["blank", "full", *TRICKS] if level == "level2" else ["full", "tricks"]) + (
            ["trick6"] if level in LOOKUP_LEVELS else [])
        args = [level, *[a for s in students for a in ("--student", s)]]
        if level == "level2":
            args.append("--feedback")
        out, seconds = run_grade(course, *args)
        outputs[level] = out
        timings[f"course.py grade {level}, {len(students)} notebooks"] = seconds
        found = re.search(r"autograde: ([\d.]+) s for (\d+) notebook\(s\), ([\d.]+) s per notebook", out)
        timings[f"  {level} autograde, per notebook"] = float(found.group(3))
    if AS_ROOT:
        out, seconds = run_grade(course, "level2", "--no-scan", "--student", "sandbox-a", "--student", "sandbox-b")
        outputs["no-scan"] = out
        timings["course.py grade level2 --no-scan, 2 notebooks"] = seconds
        # the sandbox off (as when not root): the same seeds, the same marks, and said plainly
        code = ("import sys; from tools import grade; grade.sandbox_problem = lambda: 'switched off by the test'; "
                "sys.exit(grade.main(sys.argv[1:]))")
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", code, str(course), "level2", "--no-scan", "--student", "plain-full",
                               "--student", "plain-b"], capture_output=True, text=True, env=_env(), cwd=ROOT,
                              timeout=900)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        outputs["sandbox off"] = done.stdout
        timings["grade level2 --no-scan, sandbox off, 2 notebooks"] = time.perf_counter() - start
    print("\ngrading timings (s):", json.dumps({k: round(v, 1) for k, v in timings.items()}, indent=1))
    return {"course": course, "outputs": outputs, "baseline": baseline, "timings": timings}


def test_the_tricks_are_real_under_plain_nbgrader(graded):
    base = {s: sum(v.values()) for s, v in graded["baseline"].items()}
    print("\nplain nbgrader, level 2 (of 11):", base)
    assert base["trick1"] == POINTS["level2"] and base["trick2"] == POINTS["level2"]
    for student in ("trick3", "trick4", "trick5"):
        assert base[student] >= 1, student
    assert graded["baseline"]["trick6"]["mse_check"] == 1  # the lookup passes with the published seed


@pytest.mark.parametrize("level", LEVELS)
def test_right_answers_keep_full_marks(graded, level):
    assert sum(gradebook_scores(graded["course"], level, "full").values()) == POINTS[level]
    if level == "level2":
        assert sum(gradebook_scores(graded["course"], level, "blank").values()) == 0
    flags = json.loads((graded["course"] / grade.FLAGS_NAME).read_text())
    assert "full" not in flags.get(level, {}) and "blank" not in flags.get(level, {})


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("trick", TRICKS)
def test_each_trick_is_flagged(level, trick):
    """Each trick alone, at each level, as `course.py grade` scans it (in this process: fast)."""
    course = ROOT  # only for the paths written into trick 2
    solution = nbformat.read(ROOT / "solutions" / LEVELS[level], as_version=4)
    release = make_exercise(nbformat.read(ROOT / "solutions" / LEVELS[level], as_version=4))
    answer_ids = [c.metadata["nbgrader"]["grade_id"] for c in solution.cells
                  if c.metadata.get("nbgrader", {}).get("solution")]
    nb = release_with_nb(release, trick_sources(level, course, answer_ids)[trick])
    instructor = {c.source for c in release.cells if c.cell_type == "code"
                  and not c.metadata.get("nbgrader", {}).get("solution")}
    findings = grade.scan_notebook(nb, instructor)
    assert findings and all({"cell", "line", "found"} <= set(f) for f in findings)
    clean = grade.scan_notebook(release_with_nb(release, {}), instructor)
    assert clean == []


@pytest.mark.parametrize("level", LEVELS)
def test_tricks_score_zero_under_course_py_grade(graded, level):
    course = graded["course"]
    flags = json.loads((course / grade.FLAGS_NAME).read_text())[level]
    for student in (TRICKS if level == "level2" else ["tricks"]):
        assert sum(gradebook_scores(course, level, student).values()) == 0, student
        findings = flags[student][LEVELS[level]]
        assert f"FLAGGED {student} {level}/{LEVELS[level]}" in graded["outputs"][level]
        nb = nbformat.read(course / "autograded" / student / level / LEVELS[level], as_version=4)
        assert nb.cells[0].metadata.get(grade.FLAG_MARK) and "scored 0" in nb.cells[0].source  # says why, on top
        if student == "tricks":  # every trick's own cell is named
            solution = nbformat.read(ROOT / "solutions" / LEVELS[level], as_version=4)
            answer_ids = [c.metadata["nbgrader"]["grade_id"] for c in solution.cells
                          if c.metadata.get("nbgrader", {}).get("solution")]
            assert {f["cell"] for f in findings} == set(answer_ids[:len(TRICKS)])


@pytest.mark.parametrize("level", LOOKUP_LEVELS)
def test_published_seed_lookup_fails_the_secret_hidden_tests(graded, level):
    course = graded["course"]
    gid, check_gid = TARGET[level][:2]
    assert "trick6" not in json.loads((course / grade.FLAGS_NAME).read_text()).get(level, {})  # scans clean
    assert gradebook_scores(course, level, "trick6")[check_gid] == 0
    outputs, _ = cell_outputs(course, level, "trick6", check_gid)
    kinds = [o.output_type for o in outputs]
    assert "error" in kinds, "the check cell passed"
    before = outputs[:kinds.index("error")]
    # the visible check passed (its ✔ printed), then the hidden tests (with this student's seed) failed
    assert any("\u2714" in o.get("text", "") for o in before), output_text(outputs)


@pytest.mark.skipif(not AS_ROOT, reason="the sandbox needs root (setpriv and a mount namespace); "
                                        "not root here, so `course.py grade` runs it with the sandbox off")
def test_the_sandbox_alone_stops_reading_the_worked_answers(graded):
    course = graded["course"]
    out = graded["outputs"]["no-scan"]
    assert "sandbox ON" in out and "NOT scanned" in out
    assert sum(gradebook_scores(course, "level2", "sandbox-a").values()) == 0
    outputs, _ = cell_outputs(course, "level2", "sandbox-a", "mse_answer")
    text = output_text(outputs)
    tried = re.findall(r"could not read (\S+) (\w+)", text)
    assert len(tried) == 3, text
    for path, error in tried:
        assert error in ("FileNotFoundError", "PermissionError"), (path, error)
    # and every one of them is there for the grader
    assert (course / "source" / "level2" / LEVELS["level2"]).exists() and (ROOT / "solutions" / LEVELS["level2"]).exists()


@pytest.mark.skipif(not AS_ROOT, reason="the per-student seed is read back from the sandboxed --no-scan run, "
                                        "which needs root")
def test_hidden_seed_is_per_student_and_secret(graded):
    from nnlib.checks import hidden
    course = graded["course"]
    key = (course / grade.SECRET_NAME).read_text().strip().encode()
    assert (course / grade.SECRET_NAME).stat().st_mode & 0o777 == 0o600
    seen = {}
    for student in ("sandbox-a", "sandbox-b"):
        outputs, _ = cell_outputs(course, "level2", student, "mse_answer")
        seen[student] = tuple(int(s) for s in re.search(r"grading seed: (\d+) (\d+)", output_text(outputs)).groups())
        os.environ[hidden.ENVIRONMENT] = grade.student_seed(key, student)
        try:
            assert seen[student] == (hidden.seed("check_mse"), hidden.seed("check_loss_gradient"))
        finally:
            del os.environ[hidden.ENVIRONMENT]
    assert seen["sandbox-a"] != seen["sandbox-b"]
    assert hidden.DEFAULT_SEED not in {*seen["sandbox-a"], *seen["sandbox-b"]}
    for out in graded["outputs"].values():
        assert key.decode() not in out  # never printed
    for folder in ("release", "feedback"):
        for path in (course / folder).rglob("*"):
            if path.is_file():
                assert key not in path.read_bytes(), path


def test_feedback_holds_no_hidden_tests_and_no_seed(graded):
    from nnlib.checks import hidden
    course = graded["course"]
    key = (course / grade.SECRET_NAME).read_text().strip().encode()
    pages = sorted((course / "feedback").glob("*/level2/*.html"))
    assert {p.parent.parent.name for p in pages} == {"blank", "full", "trick6", *TRICKS}
    for page in pages:
        html = page.read_text()
        student = page.parent.parent.name
        student_seed = grade.student_seed(key, student)
        os.environ[hidden.ENVIRONMENT] = student_seed
        try:
            seeds = {str(hidden.seed(c)) for c in ("check_mse", "check_loss_gradient", "check_gd_step",
                                                    "check_slope_by_nudging", "check_accuracy")}
        finally:
            del os.environ[hidden.ENVIRONMENT]
        assert "hidden.run" not in html and "HIDDEN TESTS" not in html, page
        assert student_seed not in html and not any(re.search(rf"\b{s}\b", html) for s in seeds), page
        assert "seed=2026" not in html and "NNLIB_GRADING_SEED" not in html
    trick6 = (course / "feedback" / "trick6" / "level2" / "02_high_school.html").read_text()
    assert "not the hidden tests" in trick6  # the hidden failure is named, its cases are not shown
    full = (course / "feedback" / "full" / "level2" / "02_high_school.html").read_text()
    assert "mse measures how wrong a line is" in full  # the visible checks' verdicts stay


@pytest.mark.skipif(not AS_ROOT, reason="compared with the sandboxed run, which needs root")
def test_with_the_sandbox_off_it_says_so_and_grades_the_same(graded):
    course = graded["course"]
    out = graded["outputs"]["sandbox off"]
    assert "SANDBOX OFF: switched off by the test" in out and "can read source/" in out
    assert sum(gradebook_scores(course, "level2", "plain-full").values()) == POINTS["level2"]
    outputs, _ = cell_outputs(course, "level2", "plain-b", "mse_answer")
    key = (course / grade.SECRET_NAME).read_text().strip().encode()
    from nnlib.checks import hidden
    os.environ[hidden.ENVIRONMENT] = grade.student_seed(key, "plain-b")
    try:
        want = (hidden.seed("check_mse"), hidden.seed("check_loss_gradient"))
    finally:
        del os.environ[hidden.ENVIRONMENT]
    got = tuple(int(s) for s in re.search(r"grading seed: (\d+) (\d+)", output_text(outputs)).groups())
    assert got == want


def test_the_class_report_lists_what_grading_flagged(graded):
    """The flags `course.py grade` wrote are read by the class report: every trick submission is listed with
    what the scan found, the right answers are not, and a flagged submission is counted as passed nowhere."""
    from tools import report

    course = graded["course"]
    flags = report.grading_flags(course)
    tricksters = {(s, level) for level in LEVELS for s in (TRICKS if level == "level2" else ["tricks"])}
    assert tricksters <= set(flags)
    assert not any(student in ("full", "blank") for student, _ in flags)
    assert all(reasons and all(", line " in r for r in reasons) for reasons in flags.values())
    text = report.table(report.collect(course), flags=flags)
    assert "flagged submissions (not counted as passed):" in text and "tricks/level3: " in text
