"""Execute notebooks top to bottom in a fresh kernel and store their outputs.

nbval later re-runs them and compares with what is stored here. Widget state
and per-cell timestamps change on every run, so they are stripped to keep
diffs small.

    python3 course.py execute lessons/01_kid.ipynb solutions/01_kid.ipynb
"""

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def merge_streams(outputs):
    """Consecutive stream outputs of the same name (stdout, stderr) joined into one.

    The kernel flushes printed text in chunks whose boundaries depend on
    timing, so the same cell is stored as one, two or three stream outputs on
    different runs; joined, the stored notebook changes only when the text does.
    """
    merged = []
    for out in outputs:
        prev = merged[-1] if merged else None
        if (out.get("output_type") == "stream" and prev is not None
                and prev.get("output_type") == "stream" and prev.get("name") == out.get("name")):
            prev["text"] = prev["text"] + out["text"]
        else:
            merged.append(out)
    return merged


def clean(nb):
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = merge_streams(cell.get("outputs", []))
            for out in cell.outputs:
                out.get("metadata", {}).pop("execution", None)
    return nb


def execute(path, timeout=300):
    """Run the notebook at ``path`` in its own folder and write it back with outputs."""
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    problems = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" or out.get("name") == "stderr":
                problems.append(f"cell {i}: {out.get('ename') or 'stderr'}: "
                                f"{(out.get('evalue') or out.get('text', ''))[:300]}")
    nbformat.write(clean(nb), path)
    return seconds, problems


def main(paths):
    # The kernel inherits this environment; a backend chosen for scripts
    # (MPLBACKEND=Agg) would keep figures out of the notebook.
    os.environ.pop("MPLBACKEND", None)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"  # as the tests run them (tests/conftest.py)
    failed = False
    for p in paths:
        seconds, problems = execute(p)
        print(f"{p}: executed in {seconds:.1f} s" + ("" if not problems else ", PROBLEMS:"))
        for line in problems:
            print("   ", line)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
