"""nbgrader configuration for a class taught with this course (nbgrader 0.9.6).

Copy this file into the root of your nbgrader course folder (the folder that holds
``source/``); docs/INSTRUCTORS.md walks through the set-up. What it changes from
nbgrader's defaults, and why:

- Cells tagged ``solution-only`` (the note "This copy holds the worked answers")
  are removed from the students' release. nbgrader keeps cells it does not know,
  so without this they leak into every student's copy: nbconvert's
  TagRemovePreprocessor is appended to GenerateAssignment's preprocessors.
- A cell may run for up to 5 minutes when graded: the level 3 training exercise
  takes seconds on a laptop but can take much longer on a busy grading server.
- A notebook whose metadata gives ``course.code_stub`` (level 1) gets that stub in place of
  each answer, as exercises/ does: level 1's answer cells set every name to None and the
  checks say "Not yet!" to a None, so the stub has no ``raise NotImplementedError`` line.
- Grading uses the kernel named ``python3``; install nnlib into it (see the guide).
  ``python3 course.py grade`` (tools/grade.py) runs nbgrader with its own sandboxed kernel instead.
- Feedback without the hidden tests: ``nbgrader generate_feedback`` would show each check cell
  as graded, hidden tests and all (what they call, and a failure's traceback through them).
  HideHiddenTests, appended to GenerateFeedback's preprocessors, removes the
  ``### BEGIN HIDDEN TESTS`` ... ``### END HIDDEN TESTS`` lines from the check cells, shortens
  every error of a check cell to its message, and replaces the message of a failure inside the
  hidden tests (their cases are drawn from the student's secret seed) with a sentence saying so.
"""

import re

from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor
from nbgrader.converters import GenerateAssignment, GenerateFeedback
from nbgrader.preprocessors import ClearSolutions

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = "nn-backprop"

c.TagRemovePreprocessor.enabled = True
c.TagRemovePreprocessor.remove_cell_tags = {"solution-only"}


class CourseClearSolutions(ClearSolutions):
    """nbgrader's ClearSolutions, with a notebook's own ``course.code_stub`` (a list of lines) where it has one."""

    def preprocess(self, nb, resources):
        own = nb.metadata.get("course", {}).get("code_stub")
        if own is None:
            return super().preprocess(nb, resources)
        language = nb.metadata.get("kernelspec", {}).get("language", "python")
        default = self.code_stub
        self.code_stub = {**default, language: "\n".join(own)}
        try:
            return super().preprocess(nb, resources)
        finally:
            self.code_stub = default


defaults = GenerateAssignment.class_traits()["preprocessors"].default()  # nbgrader's own list, in its order
c.GenerateAssignment.preprocessors = [CourseClearSolutions if p is ClearSolutions else p
                                      for p in defaults] + [TagRemovePreprocessor]

c.Execute.timeout = 300
# The same stub as exercises/ (tools/exercises.py), so the release and exercises/ read alike.
c.ClearSolutions.code_stub = {
    "python": '# YOUR CODE HERE\nraise NotImplementedError("Replace this line with your answer.")'
}


HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class HideHiddenTests(Preprocessor):
    """Feedback without hidden tests: their lines go, errors shrink to their message, hidden failures say so."""

    def __init__(self, **kw):
        super().__init__(**kw)
        self.enabled = True  # nbconvert's preprocessors are off unless enabled

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or HIDDEN_BEGIN not in cell.source:
            return cell, resources
        lines = cell.source.split("\n")
        begin = next(i for i, line in enumerate(lines) if line.strip() == HIDDEN_BEGIN)
        kept, hiding = [], False
        for line in lines:
            if line.strip() == HIDDEN_BEGIN:
                hiding = True
            elif line.strip() == HIDDEN_END:
                hiding = False
            elif not hiding:
                kept.append(line)
        cell.source = "\n".join(kept).rstrip()
        passed_before = False  # a check's "✔" printed before the error: the visible check passed
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and "\u2714" in output.get("text", ""):
                passed_before = True
            if output.get("output_type") != "error":
                continue
            trace = ANSI.sub("", "\n".join(output.get("traceback", [])))
            # a full traceback names the cell's line; a check's failure shows as its message alone
            where = re.search(r"Cell In\[\d+\], line (\d+)", trace)
            in_hidden = int(where.group(1)) > begin + 1 if where else passed_before
            if in_hidden:
                output["evalue"] = ("your answer passed the check above but not the hidden tests: other cases, "
                                    "drawn for you alone, which this feedback does not show.")
            output["traceback"] = [f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"]
        return cell, resources


c.GenerateFeedback.preprocessors = list(GenerateFeedback.class_traits()["preprocessors"].default()) + [HideHiddenTests]
