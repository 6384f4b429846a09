"""How long do the exercise checks take on right answers? One table, printed.

    .venv/bin/python benchmarks/check_speed.py [solutions/0N_*.ipynb ...]

Each solution notebook (the worked answers) runs top to bottom in a fresh kernel, as a
learner's finished exercise notebook would, and the time of every check cell (the graded
cells: the visible check, plus the hidden tests nbgrader adds when it grades) is read off
the kernel's own timestamps (nbclient's record_timing: from the cell's start to the reply).
Printed per level: the sum over its check cells, the slowest check cell, and the whole
notebook. A learner waits for one check cell at a time; an instructor's autograde waits
for the notebook.
"""

import sys
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def cell_seconds(cell):
    timing = cell.metadata.get("execution", {})
    start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
    if not (start and end):
        return float("nan")
    parse = lambda t: datetime.fromisoformat(t.replace("Z", "+00:00"))  # noqa: E731
    return (parse(end) - parse(start)).total_seconds()


def measure(path):
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    whole = time.perf_counter() - start
    checks = [(c.metadata["nbgrader"]["grade_id"], cell_seconds(c)) for c in nb.cells
              if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")]
    return whole, checks


def main(paths):
    paths = [Path(p) for p in paths] or sorted((ROOT / "solutions").glob("0*.ipynb"))
    print(f"{'notebook':28} {'checks':>6} {'sum (s)':>8} {'slowest check cell':>34} {'notebook (s)':>12}")
    for path in paths:
        whole, checks = measure(path.resolve())
        name, slow = max(checks, key=lambda c: c[1])
        total = sum(s for _, s in checks)
        print(f"{path.name:28} {len(checks):>6} {total:>8.2f} {name + f' {slow:.2f} s':>34} {whole:>12.1f}")


if __name__ == "__main__":
    main(sys.argv[1:])
