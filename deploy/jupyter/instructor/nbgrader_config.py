"""nbgrader settings for an instructor's server: where the course folder is, and the gradebook.

The formgrader (Formgrader tab) works on ``CourseDirectory.root``; the course's own
nbgrader_config.py (nbgrader/nbgrader_config.py, copied into that folder) sets the rest.
With NBGRADER_DB_URL (e.g. postgresql+psycopg://grader@dbhost/nn_backprop) every grading worker shares
one gradebook (deploy/grade_parallel.py); without it the gradebook is gradebook.db in the course folder.
"""

import os

c = get_config()  # noqa: F821

c.CourseDirectory.root = os.environ.get("NBGRADER_COURSE_DIR", os.path.expanduser("~/nn-backprop"))
if os.environ.get("NBGRADER_DB_URL"):
    c.CourseDirectory.db_url = os.environ["NBGRADER_DB_URL"]
