"""Every relative link in the notebooks and the README points to a file that exists."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINK = re.compile(r"\]\(([^)\s]+)\)")  # markdown [text](target)
DOCUMENTS = sorted(ROOT.glob("lessons/*.ipynb")) + sorted(ROOT.glob("solutions/*.ipynb")) + \
    sorted(ROOT.glob("exercises/*.ipynb")) + [ROOT / "README.md", ROOT / "docs" / "AUTHORING.md"]


def _markdown(path):
    if path.suffix == ".md":
        return path.read_text()
    cells = json.loads(path.read_text())["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def broken_links(path):
    """The relative link targets in ``path`` that name no existing file."""
    broken = []
    for target in LINK.findall(_markdown(path)):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue  # web addresses and anchors
        if not (path.parent / target.split("#")[0]).exists():
            broken.append(target)
    return broken


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(path):
    broken = broken_links(path)
    assert not broken, f"{path.relative_to(ROOT)} links to missing files: {broken}"


def test_the_link_checker_notices_a_missing_file(tmp_path):
    (tmp_path / "here.ipynb").write_text("{}")
    doc = tmp_path / "doc.md"
    doc.write_text("[a](here.ipynb#top) [b](there.ipynb) [c](https://example.org) [d](#anchor)")
    assert broken_links(doc) == ["there.ipynb"]
