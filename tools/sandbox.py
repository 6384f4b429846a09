#!/usr/bin/env python3
"""The grading kernel's launcher: a student's kernel that cannot read the course's files.

``tools/grade.py`` (``course.py grade``, as root) writes a kernelspec whose argv is::

    PYTHON tools/sandbox.py PLAN.json -f {connection_file} [ipykernel arguments ...]

nbgrader's kernel manager (running as root) writes the connection file (root's, mode
0600) and starts this script in the notebook's folder (``autograded/<student>/<assignment>``):
that folder names the student, whose seed and uid the plan (root's, mode 0600) gives.
The script sets the student's NNLIB_GRADING_SEED; in the plan's "plain" mode (not root:
no sandbox) it then starts the kernel as it is. As root, it

0. kills, by process id, whatever an earlier student's kernel left running (the
   sandbox's uids belong to no account and no other process);
1. makes a scratch folder for this kernel inside the run's scratch root, owned by the
   student's own unprivileged uid (one uid per student), mode 0700, and copies into it
   the files of the notebook's folder
   (not the notebooks: the kernel gets its cells over the connection) and the
   connection file (the kernel needs its ports and key; it is this kernel's own);
2. re-executes itself under ``unshare --mount --propagation private`` (a private mount
   namespace: nothing it mounts is seen outside), mounts an empty read-only tmpfs over
   every folder the plan hides (the course folder with source/, release/, submitted/,
   autograded/, gradebook.db and the secret; the repository's solutions/ and its git
   data) and binds /dev/null over hidden files;
3. changes to the scratch folder (so no working directory points into a hidden folder:
   a mount hides a path from lookups that come from above it, not from a process whose
   working directory is already below it), and
4. replaces itself with ``setpriv`` dropping to the student's uid and gid (no other
   groups, no capabilities, no new privileges), with a clean environment (no variable of
   the grader's but the PATH, PYTHONPATH, locale, thread counts and the student's
   NNLIB_GRADING_SEED; HOME and the caches in the scratch folder), which runs
   ``python -m ipykernel_launcher -f <copy of the connection file> ...``.

Every step execs the next, so the process nbgrader started is, in the end, the kernel
itself: interrupts and kills reach it. If any step fails, the kernel does not start (nbgrader
reports a dead kernel) rather than run unboxed. Standard library only; run as root.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

KEEP_ENV = ("PATH", "PYTHONPATH", "LANG", "LANGUAGE", "TZ", "NNLIB_GRADING_SEED",
            "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "PYTHONHASHSEED")


def fail(message):
    print(f"[sandbox] {message}; the kernel is not started.", file=sys.stderr, flush=True)
    sys.exit(1)


def student_of(plan):
    """The student whose notebook this kernel runs: nbgrader starts it in autograded/<student>/<assignment>."""
    here = os.path.realpath(os.getcwd())
    base = os.path.realpath(plan["autograded"])
    relative = os.path.relpath(here, base).split(os.sep)
    if len(relative) != 2 or relative[0] in ("..", ".") or relative[0] not in plan["students"]:
        fail(f"this kernel was started in {here}, not in a graded student's folder of {base}")
    return relative[0]


def end_sandboxed_processes(uids):
    """Kill, by process id, whatever a student's earlier kernel left running (the sandbox's uids are its own)."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as f:
                uid = next(int(line.split()[1]) for line in f if line.startswith("Uid:"))
        except (OSError, StopIteration, ValueError):
            continue
        if uid in uids:
            try:
                os.kill(int(entry), 9)
            except OSError:
                pass


def outer(plan_path, kernel_args):
    with open(plan_path) as f:
        plan = json.load(f)
    student = student_of(plan)
    os.environ["NNLIB_GRADING_SEED"] = plan["students"][student]["seed"]
    if plan["mode"] == "plain":  # not root: no sandbox (course.py grade said so); the student's seed only
        os.execv(plan["python"], [plan["python"], "-m", "ipykernel_launcher", *kernel_args])
    uid = int(plan["students"][student]["uid"])
    if uid == 0:
        fail("refusing to run a student's kernel as root")
    if "-f" not in kernel_args:
        fail("no connection file (-f) in the kernel's arguments")
    end_sandboxed_processes({int(s["uid"]) for s in plan["students"].values()})
    at = kernel_args.index("-f") + 1
    connection = kernel_args[at]
    scratch = tempfile.mkdtemp(prefix="kernel-", dir=plan["scratch_root"])
    work = os.path.join(scratch, "work")
    here = os.getcwd()
    shutil.copytree(here, work, ignore=shutil.ignore_patterns("*.ipynb", ".ipynb_checkpoints"), symlinks=False)
    for sub in ("home", "tmp", "runtime"):
        os.makedirs(os.path.join(scratch, sub))
    own_connection = os.path.join(scratch, "runtime", "kernel.json")
    shutil.copyfile(connection, own_connection)
    for folder, dirs, files in os.walk(scratch):
        for name in [*dirs, *files]:
            os.lchown(os.path.join(folder, name), uid, uid)
    os.chown(scratch, uid, uid)
    os.chmod(scratch, 0o700)
    os.chmod(own_connection, 0o600)
    kernel_args = [*kernel_args[:at], own_connection, *kernel_args[at + 1:]]
    inner_plan = {"uid": uid, "scratch": scratch, "hide": plan["hide"], "python": plan["python"],
                  "args": kernel_args}
    os.execvp("unshare", ["unshare", "--mount", "--propagation", "private", "--",
                          sys.executable, os.path.abspath(__file__), "--inner", json.dumps(inner_plan)])


def inner(plan):
    for path in plan["hide"]:
        if os.path.isdir(path):
            cmd = ["mount", "-t", "tmpfs", "-o", "ro,nosuid,nodev,noexec,size=4k,mode=0555", "hidden", path]
        elif os.path.exists(path):
            cmd = ["mount", "--bind", "-o", "ro", "/dev/null", path]
        else:
            continue
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            fail(f"could not hide {path}: {done.stderr.strip()}")
    scratch = plan["scratch"]
    os.chdir(os.path.join(scratch, "work"))
    env = {k: os.environ[k] for k in KEEP_ENV if k in os.environ}
    env.update({k: v for k, v in os.environ.items() if k.startswith("LC_")})
    env.update(HOME=os.path.join(scratch, "home"), TMPDIR=os.path.join(scratch, "tmp"),
               IPYTHONDIR=os.path.join(scratch, "home", ".ipython"),
               MPLCONFIGDIR=os.path.join(scratch, "home", ".matplotlib"),
               XDG_CACHE_HOME=os.path.join(scratch, "home", ".cache"),
               JUPYTER_RUNTIME_DIR=os.path.join(scratch, "runtime"),
               JUPYTER_CONFIG_DIR=os.path.join(scratch, "home", ".jupyter"),
               JUPYTER_DATA_DIR=os.path.join(scratch, "home", ".local"),
               NNLIB_SANDBOXED="1")
    uid = str(plan["uid"])
    argv = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--no-new-privs",
            "--inh-caps=-all", "--bounding-set=-all", "--",
            plan["python"], "-m", "ipykernel_launcher", *plan["args"]]
    os.execvpe("setpriv", argv, env)


def main(argv):
    if len(argv) == 3 and argv[1] == "--inner":
        return inner(json.loads(argv[2]))
    if len(argv) < 3:
        fail("usage: sandbox.py PLAN.json -f CONNECTION_FILE [kernel arguments]")
    return outer(argv[1], argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
