"""pytest set-up shared by the tests."""

import os

import matplotlib

matplotlib.use("Agg")
os.environ.setdefault("MPLBACKEND", "Agg")

# The pipeline fixture is exercised by test_exercises.py, not by nbval.
collect_ignore_glob = ["fixtures/*"]
