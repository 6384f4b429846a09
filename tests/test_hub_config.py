"""deploy/'s configuration files, without starting anything (tests/test_jupyterhub.py runs the hub itself).

- jupyterhub_config.py loads with each log-in option (COURSE_HUB_AUTH) and names an authenticator
  that JupyterHub can import (LTI only where jupyterhub-ltiauthenticator is installed), with the
  roster's students and the instructors allowed; its spawner hook gives each role its settings.
- The Kubernetes files (which cannot run here: no cluster) parse as YAML, the hub's extra Python in
  config.yaml compiles and gives an instructor the course volume and a UID of their own, and the
  files the Dockerfile copies exist.
"""

import importlib.util
import os
import types
from pathlib import Path

import pytest

pytest.importorskip("jupyterhub")
yaml = pytest.importorskip("yaml")

from traitlets.config import PyFileConfigLoader  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
OPTIONS = {"pam": "PAMAuthenticator", "shared-password": "SharedPasswordAuthenticator", "dummy": "DummyAuthenticator",
           "lti13": "LTI13Authenticator", "lti11": "LTI11Authenticator"}


def load(monkeypatch, tmp_path, **env):
    roster = tmp_path / "roster.csv"
    roster.write_text("id,first_name,last_name,email\nada,Ada,L,a@example.org\nbob,Bob,B,b@example.org\n")
    for key, value in {"COURSE_HUB_STATE": str(tmp_path / "state"), "COURSE_ROSTER": str(roster),
                       "COURSE_INSTRUCTORS": "teach", "COURSE_PROXY": "configurable-http-proxy",
                       "COURSE_HUB_PASSWORD": "a-long-password", **env}.items():
        monkeypatch.setenv(key, value)
    return PyFileConfigLoader("jupyterhub_config.py", path=str(DEPLOY)).load_config()


@pytest.mark.parametrize("auth", OPTIONS)
def test_each_log_in_option_loads(auth, monkeypatch, tmp_path):
    if auth.startswith("lti") and importlib.util.find_spec("ltiauthenticator") is None:
        pytest.skip("jupyterhub-ltiauthenticator is not installed (deploy/requirements-hub.txt names it, commented)")
    from jupyterhub.app import JupyterHub

    config = load(monkeypatch, tmp_path, COURSE_HUB_AUTH=auth)
    hub = JupyterHub(config=config)
    authenticator = hub.authenticator_class(config=config)
    assert type(authenticator).__name__ == OPTIONS[auth]
    assert authenticator.allowed_users == {"ada", "bob", "teach"}
    assert hub.spawner_class.__name__ == ("SimpleLocalProcessSpawner" if auth == "dummy" else "LocalProcessSpawner")


def test_an_unknown_option_is_refused_with_the_choices(monkeypatch, tmp_path):
    with pytest.raises(SystemExit, match="use pam, shared-password, dummy, lti13 or lti11"):
        load(monkeypatch, tmp_path, COURSE_HUB_AUTH="ldap")


def test_a_roster_without_ids_is_refused(monkeypatch, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,email\nada,a@example.org\n")
    with pytest.raises(SystemExit, match="no 'id' column"):
        load(monkeypatch, tmp_path, COURSE_ROSTER=str(bad))


def test_each_role_gets_its_settings(monkeypatch, tmp_path):
    config = load(monkeypatch, tmp_path, NBGRADER_EXCHANGE_ROOT="exchange-root", NBGRADER_COURSE_DIR="course-dir",
                  NBGRADER_DB_URL="postgresql+psycopg://grader@db/nn")
    hook = config.Spawner.pre_spawn_hook
    environments = {}
    for name in ("ada", "teach"):
        spawner = types.SimpleNamespace(user=types.SimpleNamespace(name=name), environment={})
        hook(spawner)
        environments[name] = spawner.environment
    student, instructor = environments["ada"], environments["teach"]
    assert student["JUPYTER_CONFIG_PATH"].split(os.pathsep) == [str(DEPLOY / "jupyter" / "student"),
                                                                str(DEPLOY / "jupyter" / "common")]
    assert instructor["JUPYTER_CONFIG_PATH"].split(os.pathsep)[0] == str(DEPLOY / "jupyter" / "instructor")
    assert student["NBGRADER_EXCHANGE_ROOT"] == instructor["NBGRADER_EXCHANGE_ROOT"] == "exchange-root"
    assert student["NBGRADER_COURSE_ID"] == "nn-backprop"
    assert "NBGRADER_DB_URL" not in student and "NBGRADER_COURSE_DIR" not in student
    assert instructor["NBGRADER_COURSE_DIR"] == "course-dir"
    for folder in ("student", "instructor", "common"):
        assert (DEPLOY / "jupyter" / folder).is_dir()


def test_kubernetes_files_parse_and_the_hub_hook_works():
    config = yaml.safe_load((DEPLOY / "kubernetes" / "config.yaml").read_text())
    assert {m["mountPath"] for m in config["singleuser"]["storage"]["extraVolumeMounts"]} == {"/srv/nbgrader/exchange"}
    assert config["singleuser"]["extraEnv"]["NBGRADER_EXCHANGE_ROOT"] == "/srv/nbgrader/exchange"
    claims = {d["metadata"]["name"] for d in yaml.safe_load_all((DEPLOY / "kubernetes" / "storage.yaml").read_text())}
    assert claims == {"nbgrader-exchange", "nbgrader-course"}
    job = yaml.safe_load((DEPLOY / "kubernetes" / "grading-job.yaml").read_text())
    assert job["spec"]["completionMode"] == "Indexed"
    assert f"--shard \"$JOB_COMPLETION_INDEX/{job['spec']['completions']}\"" in job["spec"]["template"]["spec"]["containers"][0]["args"][0]
    # the hub's extra Python: run it with a stand-in for z2jh's `c`, then the hook on two users
    c = types.SimpleNamespace(KubeSpawner=types.SimpleNamespace())
    exec(compile(config["hub"]["extraConfig"]["nn-backprop"], "config.yaml:extraConfig", "exec"), {"c": c})
    pods = {}
    for name in ("instructor", "ada", "bob"):
        spawner = types.SimpleNamespace(user=types.SimpleNamespace(name=name), environment={}, volumes=[],
                                        volume_mounts=[], cpu_limit=1, mem_limit="2G")
        c.KubeSpawner.pre_spawn_hook(spawner)
        pods[name] = spawner
    uids = {name: int(p.environment["NB_UID"]) for name, p in pods.items()}
    assert len(set(uids.values())) == 3 and min(uids.values()) >= 20000
    job_uid = job["spec"]["template"]["spec"]["securityContext"]["runAsUser"]
    assert job_uid == uids["instructor"]  # the grading pods own the course volume as the instructor does
    assert [v["name"] for v in pods["instructor"].volumes] == ["nbgrader-course"] and pods["ada"].volumes == []


def test_the_dockerfile_copies_what_exists():
    text = (DEPLOY / "Dockerfile").read_text()
    for path in ("requirements.txt", "deploy/requirements-hub.txt", "deploy/jupyter", "deploy/jupyter/common/nbgrader_config.py"):
        assert f"/opt/nn-backprop/course/{path}" in text and (ROOT / path).exists(), path
