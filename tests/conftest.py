"""pytest set-up shared by the tests."""

import os

import matplotlib

# Figures drawn by the tests themselves need no screen.
matplotlib.use("Agg")
# The notebook kernels that nbval starts inherit this process's environment:
# they must keep their own inline backend, or figures vanish and plt.show() warns.
os.environ.pop("MPLBACKEND", None)

# The pipeline and browser fixtures are run by their own tests, not by nbval.
collect_ignore_glob = ["fixtures/*"]
