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
- Grading uses the kernel named ``python3``; install nnlib into it (see the guide).
"""

from nbconvert.preprocessors import TagRemovePreprocessor
from nbgrader.converters import GenerateAssignment

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = "nn-backprop"

c.TagRemovePreprocessor.enabled = True
c.TagRemovePreprocessor.remove_cell_tags = {"solution-only"}
defaults = GenerateAssignment.class_traits()["preprocessors"].default()  # nbgrader's own list, in its order
c.GenerateAssignment.preprocessors = list(defaults) + [TagRemovePreprocessor]

c.Execute.timeout = 300
# The same stub as exercises/ (tools/exercises.py), so the release and exercises/ read alike.
c.ClearSolutions.code_stub = {
    "python": '# YOUR CODE HERE\nraise NotImplementedError("Replace this line with your answer.")'
}
