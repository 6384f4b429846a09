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
"""

from nbconvert.preprocessors import TagRemovePreprocessor
from nbgrader.converters import GenerateAssignment
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
