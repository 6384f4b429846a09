"""Execute notebooks top to bottom in a fresh kernel and store their outputs.

nbval later re-runs them and compares with what is stored here (text
outputs only: it skips widget views and figures). The widgets' state is stored
in the notebook's metadata, so that JupyterLab, a notebook viewer and the
course's website show the widgets on a first open, before anything is run;
its model ids, random on every run, are replaced by ids derived from where
each widget is shown, and only the models a shown widget needs are kept, so
re-running an unchanged notebook stores the same bytes. Per-cell timestamps
are stripped.

    python3 course.py execute lessons/01_kid.ipynb solutions/01_kid.ipynb
"""

import hashlib
import json
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
    """``nb`` without what changes on every run: timestamps, split streams, random model ids.

    The widget state nbclient stored (``metadata.widgets``) is kept for the
    models the shown widgets need (``widget_state``), under ids derived from
    the place each widget is shown, so that re-executing an unchanged notebook
    leaves the file byte-identical.
    """
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = merge_streams(cell.get("outputs", []))
            for out in cell.outputs:
                out.get("metadata", {}).pop("execution", None)
    stored = nb.metadata.pop("widgets", {}).get(WIDGET_STATE, {})
    state, renamed = widget_state(nb, stored.get("state", {}))
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            view = out.get("data", {}).get(WIDGET_VIEW)
            if isinstance(view, dict) and "model_id" in view:
                view["model_id"] = renamed.get(view["model_id"], view["model_id"])
    if state:
        nb.metadata["widgets"] = {WIDGET_STATE: {"state": state, "version_major": 2, "version_minor": 0}}
    return nb


def _refs(value):
    """The model ids ``value`` (a widget's state) refers to, in order ("IPY_MODEL_<id>" strings)."""
    if isinstance(value, str):
        return [value[len(REF):]] if value.startswith(REF) else []
    if isinstance(value, dict):
        return [r for key in sorted(value) for r in _refs(value[key])]
    if isinstance(value, (list, tuple)):
        return [r for item in value for r in _refs(item)]
    return []


def _renamed(value, renamed):
    """``value`` with every "IPY_MODEL_<id>" reference renamed."""
    if isinstance(value, str):
        return REF + renamed[value[len(REF):]] if value.startswith(REF) and value[len(REF):] in renamed else value
    if isinstance(value, dict):
        return {key: _renamed(item, renamed) for key, item in value.items()}
    if isinstance(value, list):
        return [_renamed(item, renamed) for item in value]
    return value


def _new_id(*parts):
    return hashlib.sha1("-".join(map(str, parts)).encode()).hexdigest()[:32]


def widget_state(nb, models):
    """The stored models a shown widget needs, renamed: (state, {old id: new id}).

    Kept: every model a widget view in the outputs reaches through its state
    (children, layouts, styles), and every model that only refers to kept ones
    (a ``jslink``, which makes a slider move its picture with no kernel).
    Dropped: widgets made but never shown, or closed and shown nowhere.
    A kept model is named after the view that first reaches it (cell, output,
    its order in that view); a link after what it links.
    """
    renamed = {}

    def reach(model_id, *where):
        order = [model_id]
        for current in order:  # breadth first, in the order of each state's sorted keys
            for ref in _refs(models.get(current, {}).get("state", {})):
                if ref in models and ref not in order:
                    order.append(ref)
        for n, found in enumerate(order):
            if found not in renamed and found in models:
                renamed[found] = _new_id(*where, n)

    for index, cell in enumerate(nb.cells):
        for k, out in enumerate(cell.get("outputs", []) if cell.cell_type == "code" else []):
            view = out.get("data", {}).get(WIDGET_VIEW)
            if isinstance(view, dict) and "model_id" in view:
                if view["model_id"] in models:
                    reach(view["model_id"], index, k)
                else:  # its state was not stored (a widget shown in a way nbclient did not see)
                    renamed[view["model_id"]] = _new_id(index, k)
    linkers = [(json.dumps(_renamed(m.get("state", {}), renamed), sort_keys=True), old)
               for old, m in models.items() if old not in renamed
               and (refs := _refs(m.get("state", {}))) and all(r in renamed for r in refs)]
    for n, (key, old) in enumerate(sorted(linkers)):
        renamed[old] = _new_id("link", key, n)
    state = {}
    for old, new in sorted(renamed.items(), key=lambda item: item[1]):
        if old in models:
            model = dict(models[old])
            model["state"] = _renamed(model.get("state", {}), renamed)
            state[new] = model
    return state, renamed


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
REF = "IPY_MODEL_"
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
    # shutdown_kernel="immediate": once the last cell has replied, every output is in nb, and the
    # kernel has nothing left to do; a graceful shutdown only waits for it (about 0.4 s here).
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", store_widget_state=True,
                            shutdown_kernel="immediate",
                            resources={"metadata": {"path": str(path.resolve().parent)}},
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
