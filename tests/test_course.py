"""The commands of course.py: a set-up that recovers, an executor that says what failed and
stores the same bytes twice, an exercise generator that never loses a learner's answers."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import course
from tools import execute as ex
from tools import exercises as gen

ROOT = Path(__file__).resolve().parent.parent
STREAMS = ROOT / "tests/fixtures/execute/streams.ipynb"
FIXTURE = ROOT / "tests/fixtures/solutions/00_fixture.ipynb"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="the fake venvs are POSIX venvs")


# --- set-up: a .venv whose creation was interrupted is found and made again ------------------

def venv_without_pip(path):
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(path)], check=True)
    return path


def give_pip(venv):
    """A stand-in for pip (an importable package), so a test needs no network and no install."""
    site = subprocess.run([str(course.venv_python(venv)), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (Path(site) / "pip").mkdir(parents=True)
    (Path(site) / "pip" / "__init__.py").write_text("")


@posix_only
def test_venv_problem_names_what_an_interrupted_set_up_left(tmp_path):
    assert course.venv_problem(tmp_path) == "it has no pyvenv.cfg"  # an empty folder
    (tmp_path / "pyvenv.cfg").write_text("home = /nowhere\n")
    assert "bin/python is missing or broken" in course.venv_problem(tmp_path)
    venv = venv_without_pip(tmp_path / "nopip")  # what `python -m venv` leaves without ensurepip
    assert course.venv_problem(venv) == "it has no pip"
    give_pip(venv)
    assert course.venv_problem(venv) is None


@pytest.mark.skipif(sys.prefix == sys.base_prefix, reason="the tests run outside a venv")
def test_the_venv_running_the_tests_is_complete():
    assert course.venv_problem(Path(sys.prefix)) is None


@posix_only
def test_an_interrupted_venv_is_removed_and_created_again(tmp_path, monkeypatch, capsys):
    venv = venv_without_pip(tmp_path / ".venv")
    (venv / "left-over").write_text("from the interrupted set-up")
    created = []

    def create(path):
        created.append(path)
        venv_without_pip(path)
        give_pip(path)
        return 0

    monkeypatch.setattr(course, "create_venv", create)
    course.ensure_venv(venv)
    said = capsys.readouterr().out
    assert created == [venv]
    assert "incomplete (it has no pip)" in said and "creating it again" in said
    assert not (venv / "left-over").exists()
    assert course.venv_problem(venv) is None
    course.ensure_venv(venv)  # a complete one is kept as it is
    assert created == [venv]


def test_a_failed_creation_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(course, "create_venv", lambda path: path.mkdir() or 1)
    with pytest.raises(SystemExit, match="python3-venv"):
        course.ensure_venv(tmp_path / ".venv")


# --- course.py execute ---------------------------------------------------------------------------

@posix_only
def test_the_test_set_up_covers_the_lab_set_up(tmp_path, monkeypatch):
    # requirements-test.txt includes requirements.txt: after `course.py test`, `course.py lab`
    # and `course.py report` install nothing (no network needed), until a requirements file changes
    venv = venv_without_pip(tmp_path / ".venv")
    give_pip(venv)
    monkeypatch.setattr(course, "VENV", venv)
    monkeypatch.setattr(course, "PYTHON", course.venv_python(venv))
    installs = []
    monkeypatch.setattr(course, "run", lambda args: installs.append(args))
    monkeypatch.setattr(course, "say", lambda *args: None)
    course.setup("requirements-test.txt")
    assert len(installs) == 1 and (venv / ".installed-requirements-test").exists()
    course.setup("requirements.txt")
    course.setup("requirements-test.txt")
    assert len(installs) == 1
    (venv / ".installed-requirements-test").write_text("an older requirements file")
    course.setup("requirements.txt")
    assert len(installs) == 2 and "requirements.txt" in str(installs[-1])


def test_execute_without_a_notebook_prints_usage_and_fails(capsys):
    assert ex.main([]) == 2
    assert "usage: python3 course.py execute NOTEBOOK" in capsys.readouterr().err
    done = subprocess.run([sys.executable, "course.py", "execute"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2 and "usage:" in done.stderr


def test_execute_names_a_missing_notebook_in_one_line(capsys):
    assert ex.main(["lessons/no_such_lesson.ipynb"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "[execute] no such notebook: lessons/no_such_lesson.ipynb"


def test_execute_takes_paths_from_where_it_is_run(tmp_path):
    # `python3 path/to/course.py execute NB` in another folder: NB is found there, and runs in its own folder
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import os\nprint(os.path.basename(os.getcwd()))")]
    (tmp_path / "here").mkdir()
    nbformat.write(nb, tmp_path / "here" / "nb.ipynb")
    done = subprocess.run([sys.executable, str(ROOT / "course.py"), "execute", "here/nb.ipynb"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "here/nb.ipynb: executed in" in done.stdout
    outputs = nbformat.read(tmp_path / "here" / "nb.ipynb", as_version=4).cells[0].outputs
    assert outputs[0]["text"] == "here\n"


def test_a_failing_notebook_is_named_with_its_cell_and_error(tmp_path, capsys):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1"),
                nbformat.v4.new_markdown_cell("text"),
                nbformat.v4.new_code_cell("def f(v):\n    return v / 0\n\ny = f(x)\nprint(y)")]
    path = tmp_path / "broken.ipynb"
    nbformat.write(nb, path)
    before = path.read_bytes()
    assert ex.main([str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}: cell 2 failed" in err
    assert "def f(v):" in err and "ZeroDivisionError: division by zero" in err
    assert "\x1b[" not in err, "colour codes left in the report"
    assert len(err.splitlines()) <= 15, f"too long:\n{err}"
    assert path.read_bytes() == before, "a failed notebook must stay as it was"


def test_merge_streams_joins_chunks_of_one_stream():
    outs = [{"output_type": "stream", "name": "stdout", "text": "a\n"},
            {"output_type": "stream", "name": "stdout", "text": "b"},
            {"output_type": "stream", "name": "stderr", "text": "w\n"},
            {"output_type": "stream", "name": "stdout", "text": "c\n"}]
    assert [o["text"] for o in ex.merge_streams(outs)] == ["a\nb", "w\n", "c\n"]


def test_executing_an_unchanged_notebook_twice_stores_the_same_bytes(tmp_path):
    path = tmp_path / STREAMS.name
    shutil.copy(STREAMS, path)
    assert ex.main([str(path)]) == 0
    first = path.read_bytes()
    assert ex.main([str(path)]) == 0
    assert path.read_bytes() == first, "re-executing changed the stored notebook"
    nb = json.loads(first)
    printed = [o for o in nb["cells"][1]["outputs"] if o["output_type"] == "stream"]
    assert len(printed) == 1 and "".join(printed[0]["text"]).startswith("line 0\nline 1\n")
    view = nb["cells"][2]["outputs"][0]["data"]["application/vnd.jupyter.widget-view+json"]
    assert view["model_id"] == ex.clean(nbformat.reads(first, as_version=4)).cells[2].outputs[0]["data"][
        "application/vnd.jupyter.widget-view+json"]["model_id"]
    # the widget's state is stored (a viewer shows the slider before anything runs), under the
    # view's id, with its layout and style and nothing else
    state = nb["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    slider = state[view["model_id"]]
    assert slider["model_name"] == "IntSliderModel" and slider["state"]["value"] == 3
    assert sorted(m["model_name"] for m in state.values()) == ["IntSliderModel", "LayoutModel",
                                                               "SliderStyleModel"]
    assert all(ref.removeprefix("IPY_MODEL_") in state for ref in
               (slider["state"]["layout"], slider["state"]["style"]))


# --- course.py exercises: a learner's answers are never lost -----------------------------------

@pytest.fixture
def exercises_dir(tmp_path, monkeypatch):
    """Exercises written to tmp_path/exercises, backups to tmp_path/backups, from the fixture."""
    (tmp_path / "solutions").mkdir()
    shutil.copy(FIXTURE, tmp_path / "solutions")
    monkeypatch.setattr(gen, "exercise_path", lambda p: tmp_path / "exercises" / Path(p).name)
    monkeypatch.setattr(gen, "BACKUPS", tmp_path / "backups")
    monkeypatch.setattr(gen, "ROOT", tmp_path)
    target = tmp_path / "exercises" / FIXTURE.name
    assert gen.generate() == [target]
    return target


def answer(target, grade_id, text):
    nb = nbformat.read(target, as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    cell.source = text
    nbformat.write(nb, target)


def answer_ids(path):
    nb = nbformat.read(path, as_version=4)
    return [c.metadata["nbgrader"]["grade_id"] for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("solution")]


def test_regenerating_keeps_a_notebook_with_answers(exercises_dir):
    target = exercises_dir
    first_id = answer_ids(target)[0]
    answer(target, first_id, "def square(x):\n    return x * x  # my own answer")
    mine = target.read_text()
    with pytest.raises(gen.LearnerWork) as kept:
        gen.generate()
    assert target.read_text() == mine, "the learner's answers were overwritten"
    message = str(kept.value)
    assert target.name in message and first_id in message and "--force" in message
    assert not (target.parent.parent / "backups").exists()


def test_regenerating_replaces_a_notebook_that_was_only_run(exercises_dir):
    target = exercises_dir
    nb = nbformat.read(target, as_version=4)
    nb.cells[0].metadata["collapsed"] = True  # what opening and running leaves, no answer
    code = next(c for c in nb.cells if c.cell_type == "code")
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="ran\n")]
    nbformat.write(nb, target)
    assert gen.generate() == [target]
    assert "ran\n" not in target.read_text()


def test_force_saves_the_answers_before_replacing_them(exercises_dir, capsys):
    target = exercises_dir
    fresh = target.read_text()
    answer(target, answer_ids(target)[-1], "answer = 3  # my own")
    mine = target.read_text()
    assert gen.main(["--force"]) == 0
    out = capsys.readouterr().out
    copies = list((target.parent.parent / "backups").glob("00_fixture.*.ipynb"))
    assert len(copies) == 1 and copies[0].read_text() == mine
    assert target.read_text() == fresh
    assert f"saved the previous version in backups/{copies[0].name}" in out


def test_the_command_refuses_and_says_how_to_force(exercises_dir, capsys):
    answer(exercises_dir, answer_ids(exercises_dir)[0], "def square(x):\n    return x ** 2")
    assert gen.main([]) == 1
    out = capsys.readouterr().out
    assert "not overwritten" in out and "python3 course.py exercises --force" in out
    assert gen.main(["--what"]) == 2
