"""How long does each lesson take to run, and where does the time go? One table, printed.

    .venv/bin/python benchmarks/lesson_speed.py [lessons/0N_*.ipynb ...] [--top N] [--busy K]

Each lesson runs top to bottom in a fresh kernel, in the environment
``course.py execute`` gives it (one BLAS thread), and prints: the wall time
from starting the kernel to the last reply (what ``course.py execute`` reports),
the kernel's start, the sum of the cells (read off the kernel's own timestamps,
nbclient's record_timing), and the slowest cells with their first line.
Measure on a quiet machine, and again under load: ``--busy K`` starts K
processes that keep a CPU busy each (a Python loop, no BLAS) for the whole
measurement, each in a session of its own (see below), a load the next run can
reproduce. The load average before and after is printed.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_speed import cell_seconds  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def measure(path):
    """(wall seconds, kernel start seconds, [(seconds, cell index, first line)])."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=True,
                            shutdown_kernel="immediate",  # as course.py execute (tools/execute.py)
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    with client.setup_kernel():
        started = time.perf_counter() - start
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
    wall = time.perf_counter() - start
    cells = [(cell_seconds(c), i, (c.source.splitlines() or [""])[0][:60])
             for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    return wall, started, cells


def option(args, name, default):
    """The value of ``name N`` in args (default if absent), and args without it."""
    if name not in args:
        return default, args
    at = args.index(name)
    return int(args[at + 1]), args[:at] + args[at + 2:]


def main(args):
    top, args = option(args, "--top", 5)
    busy, args = option(args, "--busy", 0)
    os.environ.pop("MPLBACKEND", None)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"  # as course.py execute runs them (tools/execute.py)
    paths = [Path(p) for p in args] or sorted((ROOT / "lessons").glob("0*.ipynb"))
    print(f"load average before: {os.getloadavg()[0]:.2f}" + (f"; starting {busy} busy processes" if busy else ""))
    # Each busy program in a session of its own, as independent programs are: with Linux's autogroup
    # scheduling (kernel.sched_autogroup_enabled) CPU time is shared between sessions first, and the
    # kernel runs in a session of its own, so busy loops started in this one would barely slow it.
    loops = [subprocess.Popen([sys.executable, "-c", "while True: pass"], start_new_session=True)
             for _ in range(busy)]
    try:
        if busy:
            time.sleep(5)  # let the load settle
        print(f"{'lesson':24} {'wall (s)':>8} {'kernel start':>12} {'cells (s)':>9}   slowest cells")
        for path in paths:
            wall, started, cells = measure(path.resolve())
            slow = sorted(cells, reverse=True)[:top]
            print(f"{path.name:24} {wall:>8.1f} {started:>12.1f} {sum(s for s, _, _ in cells):>9.1f}", flush=True)
            for seconds, index, line in slow:
                print(f"{'':58}{seconds:5.2f} s  cell {index}: {line}")
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    finally:
        for loop in loops:
            loop.kill()


if __name__ == "__main__":
    main(sys.argv[1:])
