"""pytest set-up shared by the tests."""

import os

import matplotlib

# Figures drawn by the tests themselves need no screen.
matplotlib.use("Agg")
# The notebook kernels that nbval starts inherit this process's environment:
# they must keep their own inline backend, or figures vanish and plt.show() warns.
os.environ.pop("MPLBACKEND", None)
# One BLAS thread in the kernels, as when the stored outputs were made
# (tools/execute.py): the same rounding, and no thread contention on small nets.
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

# The pipeline and browser fixtures are run by their own tests, not by nbval.
collect_ignore_glob = ["fixtures/*"]
