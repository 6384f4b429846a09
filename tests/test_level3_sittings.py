"""Lesson 3 recommends two sittings: the second starts at section 7 with one cell that makes everything ready.

Run alone in a fresh kernel, from that cell to the end, the lesson prints what its stored outputs (made in
one sitting from the top) say: the cell remakes exactly what sections 1 to 6 made."""

import re
from pathlib import Path

import nbformat
from nbclient import NotebookClient

PATH = Path(__file__).resolve().parent.parent / "lessons" / "03_undergraduate.ipynb"


def _texts(cell):
    """A code cell's printed text and plain-text results, memory addresses blanked."""
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(out["text"])
        elif "data" in out and "image/png" not in out["data"] and "text/plain" in out["data"]:
            parts.append(out["data"]["text/plain"])
    return re.sub(r"0x[0-9a-fA-F]{6,}", "0x<address>", "".join(parts))


def test_the_second_sitting_of_level_3_runs_from_its_own_first_cell_and_prints_what_the_lesson_stored():
    nb = nbformat.read(PATH, as_version=4)
    ready = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.startswith("# Second sitting")]
    assert len(ready) == 1
    first = ready[0]
    assert nb.cells[first - 1].source.startswith("## Second sitting? Start here")
    assert nb.cells[first + 1].source.startswith("## 7. Backpropagation")
    imports = [line for line in nb.cells[2].source.splitlines() if line.startswith(("import", "from", "np.set"))]
    assert imports and all(line in nb.cells[first].source.splitlines() for line in imports)  # the same tools
    stored = [c for c in nb.cells[first + 1:] if c.cell_type == "code"]
    expected = [_texts(c) for c in stored]
    nb.cells = nb.cells[first:]
    NotebookClient(nb, timeout=300, kernel_name="python3").execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error" or (o.output_type == "stream" and o.name == "stderr")]
    assert not errors, errors
    assert "Ready" in _texts(nb.cells[0])
    fresh = [c for c in nb.cells[1:] if c.cell_type == "code"]
    compared = 0
    for old, new, want in zip(stored, fresh, expected):
        if {"nbval-ignore-output", "nbval-skip"} & set(old.metadata.get("tags", [])):
            continue
        assert _texts(new) == want, new.source[:200]
        compared += 1
    assert compared >= 30, compared
