"""nbgrader settings for everybody on the course's hub: students and instructors alike.

On one machine deploy/install_hub.sh copies this file to /etc/jupyter/nbgrader_config.py, so that
nbgrader run from a terminal or an SSH session finds the exchange too; the hub's spawner also puts
this folder on JUPYTER_CONFIG_PATH (deploy/jupyterhub_config.py). Without ``Exchange.root``,
``nbgrader release_assignment`` writes to nbgrader's system-wide default folder without a word.
"""

import os

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = os.environ.get("NBGRADER_COURSE_ID", "nn-backprop")
c.Exchange.root = os.environ.get("NBGRADER_EXCHANGE_ROOT", "/srv/nbgrader/exchange")
