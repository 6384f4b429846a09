"""Level 5's lesson: every work its text cites is in its reading list.

A citation in the lesson's prose is a chain of surnames ("Werbos", "Williams
and Peng", "Bengio, Simard and Frasconi", "Cho et al.") followed by a year,
bare or in brackets ("Werbos (1974, 1982)"). The reading list (section 8)
gives every work as a bold "**Surnames (Year)**". Every year in the prose must
belong to such a citation, and each citation (first surname, year) must have
its entry.
"""

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSON = ROOT / "lessons" / "05_phd.ipynb"

NAME = r"[A-ZÀ-Þ][\w'’\-]+"
YEAR = r"(?:19|20)\d\d"
CITATION = re.compile(rf"({NAME})(?:(?:,\s+|\s+and\s+){NAME})*(?:\s+et\s+al\.)?,?\s+\(?({YEAR})((?:,\s*{YEAR})*)")
ENTRY = re.compile(rf"\*\*([^*]+?)\s+\(({YEAR})\)\*\*")


def prose_and_reading_list(nb):
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    start, end = text.index("## 8. Reading list"), text.index("## Key takeaways")
    return text[:start] + text[end:], text[start:end]


def citations(prose):
    """[(first surname, year, position)] for every citation chain, and the positions of every year."""
    found, covered = [], set()
    for match in CITATION.finditer(prose):
        years = [match.group(2)] + re.findall(YEAR, match.group(3))
        for year in years:
            found.append((re.sub(r"['’]s$", "", match.group(1)), year))
        covered.update(m.start() + match.start() for m in re.finditer(YEAR, match.group(0)))
    # Years in a chain's tail ("Werbos (1974, 1982)") are covered by the same match.
    loose = [(m.group(0), prose[max(0, m.start() - 60):m.end()].replace("\n", " "))
             for m in re.finditer(rf"\b{YEAR}\b", prose) if m.start() not in covered]
    return found, loose


def entries(reading_list):
    return [(authors, year) for authors, year in ENTRY.findall(reading_list)]


def missing(found, listed):
    return sorted({(name, year) for name, year in found
                   if not any(year == y and re.search(rf"\b{re.escape(name)}\b", authors) for authors, y in listed)})


@pytest.fixture(scope="module")
def lesson():
    return prose_and_reading_list(nbformat.read(LESSON, as_version=4))


def test_every_year_in_the_prose_belongs_to_a_citation(lesson):
    _, loose = citations(lesson[0])
    assert not loose, f"years in 05_phd's prose that are not part of a citation 'Surname (Year)': {loose}"


def test_every_cited_work_is_in_the_reading_list(lesson):
    prose, reading_list = lesson
    found, _ = citations(prose)
    listed = entries(reading_list)
    assert len(found) > 30 and len(listed) > 30  # the parser still sees the lesson's citations
    assert not missing(found, listed), f"cited in 05_phd but not in its reading list: {missing(found, listed)}"


def test_the_reading_list_has_no_duplicates(lesson):
    listed = entries(lesson[1])
    assert len(listed) == len(set(listed)), [e for e in listed if listed.count(e) > 1]


def test_the_checker_finds_what_it_should():
    prose = ("as Werbos (1974, 1982) and Bengio, Simard and Frasconi 1994 showed; El Hihi and Bengio (1995); "
             "Cho et al. 2014, and Hochreiter and Schmidhuber's 1997 paper; Nøkland 2016. Then in 2017 someone said.")
    found, loose = citations(prose)
    assert set(found) == {("Werbos", "1974"), ("Werbos", "1982"), ("Bengio", "1994"), ("Hihi", "1995"),
                          ("Cho", "2014"), ("Hochreiter", "1997"), ("Nøkland", "2016")}
    assert [year for year, _ in loose] == ["2017"]
    listed = entries("1. **Werbos (1974)**, *Beyond regression*. 2. **El Hihi and Bengio (1995)**, *Hierarchical*.")
    assert missing(found, listed) == [("Bengio", "1994"), ("Cho", "2014"), ("Hochreiter", "1997"),
                                      ("Nøkland", "2016"), ("Werbos", "1982")]
