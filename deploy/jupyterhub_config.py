"""JupyterHub for a class taught with this course, on one machine (JupyterHub 6.1.1).

    jupyterhub -f deploy/jupyterhub_config.py          (as root: it starts each user's server as that user)

Local system users log in (PAM: their own Unix password); each gets a Jupyter server running as
themselves, from the course's system-wide environment, with nbgrader's extensions: students see the
Assignments tab (fetch, submit, fetch feedback), instructors also the Formgrader, working on the
course folder. nbgrader's exchange is one folder on this machine (NBGRADER_EXCHANGE_ROOT).
deploy/install_hub.sh installs all of it; docs/INSTRUCTORS.md ("A class on one hub machine") walks
through a term. Everything is set by environment variables, so that tests/test_jupyterhub.py starts
this very file on 127.0.0.1 with its own users and folders:

COURSE_HUB_AUTH        pam (default: system users and their passwords); shared-password (anybody with
                       COURSE_HUB_PASSWORD, for trying the hub; the users must still exist on the
                       machine); dummy (any name and password, every server runs as the hub's own
                       user: for a demo on a laptop only, no isolation between users); lti13 or lti11
                       (log in from the LMS, ltiauthenticator; settings below)
COURSE_HUB_PASSWORD    the shared password for shared-password (8 characters or more)
COURSE_ROSTER          nbgrader's roster CSV (columns id,first_name,last_name,email): its ids may log in;
                       the instructor imports the same file with `nbgrader db student import`
COURSE_INSTRUCTORS     comma-separated user names that get the Formgrader and the course folder
COURSE_HUB_ADMINS      comma-separated JupyterHub admins (default: none)
COURSE_ENV             the course's environment (default /opt/nn-backprop/env): its jupyterhub-singleuser
                       starts the users' servers
COURSE_HUB_STATE       the hub's database, cookie secret and pid files (default /srv/jupyterhub)
COURSE_HUB_IP, COURSE_HUB_PORT   where the proxy listens (default all addresses, port 8000; put TLS in
                       front, or set COURSE_HUB_SSL_CERT and COURSE_HUB_SSL_KEY)
COURSE_HUB_API_PORT    the hub's own port on 127.0.0.1 (default 8081); COURSE_PROXY_API_PORT the proxy's
                       API port (default 8001)
COURSE_PROXY           the configurable-http-proxy command (default: deploy/node_modules/.bin's, from
                       `npm ci --prefix deploy`, else the one on PATH)
NBGRADER_COURSE_ID     (default nn-backprop), NBGRADER_EXCHANGE_ROOT (default /srv/nbgrader/exchange)
COURSE_JUPYTER_CONFIG  the folder holding student/, instructor/ and common/ (default deploy/jupyter beside
                       this file; install_hub.sh copies it to /etc/nn-backprop/jupyter)
NBGRADER_COURSE_DIR    the course folder (default ~INSTRUCTOR/nn-backprop)
NBGRADER_DB_URL        a shared gradebook (PostgreSQL) for parallel grading; passed to instructors' servers
"""

import csv
import os
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

HERE = Path(__file__).resolve().parent
env = os.environ.get


def names(variable):
    return [n.strip() for n in env(variable, "").split(",") if n.strip()]


def roster_ids(path):
    """The student ids in nbgrader's roster CSV (its ``id`` column)."""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if rows and "id" not in rows[0]:
        sys.exit(f"[hub] the roster {path} has no 'id' column (nbgrader's roster: id,first_name,last_name,email)")
    return [row["id"].strip() for row in rows if row["id"].strip()]


INSTRUCTORS = set(names("COURSE_INSTRUCTORS"))
STUDENTS = set(roster_ids(env("COURSE_ROSTER"))) if env("COURSE_ROSTER") else set()
COURSE_ENV = Path(env("COURSE_ENV", "/opt/nn-backprop/env"))
STATE = Path(env("COURSE_HUB_STATE", "/srv/jupyterhub"))
STATE.mkdir(parents=True, exist_ok=True)
COURSE_ID = env("NBGRADER_COURSE_ID", "nn-backprop")
EXCHANGE = env("NBGRADER_EXCHANGE_ROOT", "/srv/nbgrader/exchange")
JUPYTER_CONFIG = Path(env("COURSE_JUPYTER_CONFIG", str(HERE / "jupyter")))

# --- where it listens, and its files ------------------------------------------------------------
c.JupyterHub.ip = env("COURSE_HUB_IP", "")
c.JupyterHub.port = int(env("COURSE_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env("COURSE_HUB_API_PORT", "8081"))
if env("COURSE_HUB_SSL_CERT"):
    c.JupyterHub.ssl_cert = env("COURSE_HUB_SSL_CERT")
    c.JupyterHub.ssl_key = env("COURSE_HUB_SSL_KEY")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops the users' servers

# --- the proxy: configurable-http-proxy from npm -----------------------------------------------
proxy = env("COURSE_PROXY") or next(
    (str(p) for p in [HERE / "node_modules" / ".bin" / "configurable-http-proxy"] if p.exists()),
    shutil.which("configurable-http-proxy"))
if not proxy:
    sys.exit("[hub] configurable-http-proxy not found: `npm ci --prefix deploy` (from the repository) installs it "
             "into deploy/node_modules/, or `npm install -g configurable-http-proxy@5.3.0`, or set COURSE_PROXY")
c.ConfigurableHTTPProxy.command = [proxy]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{int(env('COURSE_PROXY_API_PORT', '8001'))}"
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")

# --- who logs in ----------------------------------------------------------------------------------
auth = env("COURSE_HUB_AUTH", "pam")
if auth == "pam":
    c.JupyterHub.authenticator_class = "pam"
    c.PAMAuthenticator.open_sessions = False  # no login session per server: not needed, and fails in containers
elif auth == "shared-password":
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = env("COURSE_HUB_PASSWORD", "")
elif auth == "dummy":
    c.JupyterHub.authenticator_class = "dummy"
    c.JupyterHub.spawner_class = "simple"  # every server as the hub's user, homes in the temporary folder: a demo only
elif auth in ("lti13", "lti11"):
    # pip install jupyterhub-ltiauthenticator==1.6.3 (deploy/requirements-hub.txt names it). Register the
    # hub as a tool in the LMS first; the LMS gives the values below. Users must exist on the machine
    # (LocalProcessSpawner), under the name the LMS sends (username_key).
    if auth == "lti13":
        c.JupyterHub.authenticator_class = "ltiauthenticator.lti13.auth.LTI13Authenticator"
        c.LTI13Authenticator.issuer = env("COURSE_LTI_ISSUER", "")
        c.LTI13Authenticator.client_id = names("COURSE_LTI_CLIENT_ID")
        c.LTI13Authenticator.authorize_url = env("COURSE_LTI_AUTHORIZE_URL", "")
        c.LTI13Authenticator.jwks_endpoint = env("COURSE_LTI_JWKS_URL", "")
        c.LTI13Authenticator.username_key = env("COURSE_LTI_USERNAME_KEY", "sub")
    else:
        c.JupyterHub.authenticator_class = "ltiauthenticator.lti11.auth.LTI11Authenticator"
        c.LTI11Authenticator.consumers = {env("COURSE_LTI_KEY", ""): env("COURSE_LTI_SECRET", "")}
        c.LTI11Authenticator.username_key = env("COURSE_LTI_USERNAME_KEY", "custom_canvas_user_login_id")
else:
    sys.exit(f"[hub] COURSE_HUB_AUTH={auth!r}: use pam, shared-password, dummy, lti13 or lti11")

if STUDENTS or INSTRUCTORS:
    c.Authenticator.allowed_users = STUDENTS | INSTRUCTORS
c.Authenticator.admin_users = set(names("COURSE_HUB_ADMINS"))
c.Authenticator.allow_all = not (STUDENTS or INSTRUCTORS) and auth == "dummy"

# --- each user's server ---------------------------------------------------------------------------
singleuser = COURSE_ENV / "bin" / "jupyterhub-singleuser"
c.Spawner.cmd = [str(singleuser) if singleuser.exists() else "jupyterhub-singleuser"]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 180  # 100 servers starting at 9:00 on a busy machine
c.Spawner.http_timeout = 120
c.Spawner.env_keep = ["PATH", "PYTHONPATH", "LANG", "LC_ALL", "LD_LIBRARY_PATH"]


def course_environment(spawner):
    """nbgrader's settings and the user's role: JUPYTER_CONFIG_PATH holds deploy/jupyter/<role>/ first."""
    role = "instructor" if spawner.user.name in INSTRUCTORS else "student"
    spawner.environment.update({
        "JUPYTER_CONFIG_PATH": os.pathsep.join([str(JUPYTER_CONFIG / role), str(JUPYTER_CONFIG / "common")]),
        "NBGRADER_COURSE_ID": COURSE_ID,
        "NBGRADER_EXCHANGE_ROOT": EXCHANGE,
        # one BLAS thread per kernel: 100 kernels on a few cores, and the same rounding as the stored outputs
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
    })
    if role == "instructor":
        for name in ("NBGRADER_COURSE_DIR", "NBGRADER_DB_URL"):
            if env(name):
                spawner.environment[name] = env(name)


c.Spawner.pre_spawn_hook = course_environment
