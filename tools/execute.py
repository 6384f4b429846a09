"""Execute notebooks top to bottom in a fresh kernel and store their outputs.

nbval later re-runs them and compares with what is stored here. Widget state
and per-cell timestamps change on every run, so they are stripped to keep
diffs small.

    python3 course.py execute lessons/01_kid.ipynb solutions/01_kid.ipynb
"""

import hashlib
import os
import re
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
    """``nb`` without what changes on every run: widget state, timestamps, split streams, model ids.

    A widget's view keeps a model id that is random on every run and names
    state that is stripped here; it is replaced by one derived from its place
    in the notebook, so that re-executing an unchanged notebook leaves the file
    byte-identical.
    """
    nb.metadata.pop("widgets", None)
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = merge_streams(cell.get("outputs", []))
            for k, out in enumerate(cell.outputs):
                out.get("metadata", {}).pop("execution", None)
                view = out.get("data", {}).get(WIDGET_VIEW)
                if isinstance(view, dict) and "model_id" in view:
                    view["model_id"] = hashlib.sha1(f"{index}-{k}".encode()).hexdigest()[:32]
    return nb


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class NotebookFailed(Exception):
    """A notebook did not run to its end; the message says where and why, in a few lines."""


def failure_report(path, nb, index, error):
    """A short account of a failed cell: file, cell index, the cell's first lines, the error's last."""
    lines = [f"{path}: cell {index} failed (cells counted from 0, markdown included):"
             if index is not None else f"{path}: failed"]
    if index is not None:
        source = nb.cells[index].source.splitlines()
        lines += ["    " + s for s in source[:3]] + (["    ..."] if len(source) > 3 else [])
        errors = [o for o in nb.cells[index].get("outputs", []) if o.get("output_type") == "error"]
    else:
        errors = []
    if errors:
        trace = ANSI.sub("", "\n".join(errors[-1].get("traceback", []))).rstrip().splitlines()
        tail = [t for t in trace[-TRACE_LINES:] if t.strip()]
        lines += ["  " + t for t in tail]
        last = f"{errors[-1].get('ename')}: {errors[-1].get('evalue')}"
        if not tail or last not in tail[-1]:
            lines.append("  " + last)
    else:
        message = (ANSI.sub("", str(error)).strip().splitlines() or [""])[-1]
        lines.append(f"  {type(error).__name__}: {message}")
    return "\n".join(lines)


TRACE_LINES = 6


def execute(path, timeout=300):
    """Run the notebook at ``path`` in its own folder and write it back with outputs.

    Returns (seconds, problems), problems being any stderr output. Raises
    NotebookFailed, and leaves the file unchanged, when a cell raises.
    """
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    current = {}
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            on_cell_start=lambda cell, cell_index: current.update(index=cell_index))
    start = time.perf_counter()
    try:
        client.execute()
    except Exception as error:  # CellExecutionError, a timeout, a dead kernel
        raise NotebookFailed(failure_report(path, nb, current.get("index"), error)) from None
    seconds = time.perf_counter() - start
    problems = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" or out.get("name") == "stderr":
                problems.append(f"cell {i}: {out.get('ename') or 'stderr'}: "
                                f"{(out.get('evalue') or out.get('text', ''))[:300]}")
    nbformat.write(clean(nb), path)
    return seconds, problems


USAGE = """usage: python3 course.py execute NOTEBOOK [NOTEBOOK ...]
Runs each notebook top to bottom in a fresh kernel and stores its outputs in it,
e.g.  python3 course.py execute lessons/01_kid.ipynb solutions/01_kid.ipynb"""


def main(paths):
    if not paths or any(p in ("-h", "--help") for p in paths):
        print(USAGE, file=sys.stderr if not paths else sys.stdout)
        return 2 if not paths else 0
    missing = [p for p in paths if not Path(p).is_file()]
    if missing:
        for p in missing:
            print(f"[execute] no such notebook: {p}", file=sys.stderr)
        return 2
    # The kernel inherits this environment; a backend chosen for scripts
    # (MPLBACKEND=Agg) would keep figures out of the notebook.
    os.environ.pop("MPLBACKEND", None)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"  # as the tests run them (tests/conftest.py)
    failed = False
    for p in paths:
        try:
            seconds, problems = execute(p)
        except NotebookFailed as failure:
            print(failure, file=sys.stderr)
            print(f"    (not stored: {p} is unchanged)", file=sys.stderr)
            failed = True
            continue
        print(f"{p}: executed in {seconds:.1f} s" + ("" if not problems else ", PROBLEMS:"))
        for line in problems:
            print("   ", line)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
