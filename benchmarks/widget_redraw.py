"""How long the course's widgets take to redraw after a slider move or a click.

    .venv/bin/python benchmarks/widget_redraw.py

A learner moves a slider. The explorer, the fruit sorter and the guessing
game draw in the browser (benchmarks/widget_latency.py measures them there),
so in the kernel a move only rewrites the caption; the gradient-descent
stepper still draws in the kernel (a cached background, only what moves
redrawn, JPEG). This script times each in the kernel (setting the widget's
value runs exactly the code a slider move runs), next to the ways used before:
a whole matplotlib draw to PNG, and ``display(fig)`` in an Output (the inline
backend renders with a tight bounding box: two layout passes). Run it on a
quiet machine.
"""

import io
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import matplotlib  # noqa: E402
import numpy as np  # noqa: E402

matplotlib.use("Agg")

from IPython.core.pylabtools import print_figure  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from nnlib import data  # noqa: E402
from nnlib.viz import descent, explorer, guessing, plots, sorter  # noqa: E402


def timed(f, repeats=40):
    """Median and 90th percentile in milliseconds of ``f()`` (after one warm-up call)."""
    f()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return 1e3 * float(np.median(times)), 1e3 * float(np.percentile(times, 90))


def cycler(values):
    values = list(values)
    state = {"i": 0}

    def next_value():
        state["i"] += 1
        return values[state["i"] % len(values)]
    return next_value


def main():
    rows = []
    # The explorer, the sorter and the guessing game draw in the browser (benchmarks/widget_latency.py
    # measures that); in the kernel a slider move only rewrites the caption.
    box = explorer.sigmoid_explorer()
    w_next = cycler(np.round(np.linspace(-5, 5, 101), 1))
    rows.append(("sigmoid explorer: move w (kernel: caption only)",
                 timed(lambda: setattr(box.sliders["w"], "value", w_next()))))
    fig = Figure(figsize=(7.6, 3.6))
    fig.subplots_adjust(left=0.09, right=0.79, bottom=0.14, top=0.9)
    artists = explorer.plot_sigmoid(1.0, 0.0, fig.add_subplot())
    rows.append(("  before: move the artists + one PNG draw",
                 timed(lambda: (explorer.update_sigmoid(artists, w_next(), 1.0, artists["curve"].axes),
                                plots.figure_png(fig, dpi=100)))))
    rows.append(("  old way: inline display(fig), tight bbox",
                 timed(lambda: print_figure(fig, "png", bbox_inches="tight"))))

    X, y = data.fruit()
    kid = sorter.sorter_widget(X, y)
    lean_next = cycler(np.arange(-15, 5.5, 0.5))
    rows.append(("fruit sorter (level 1): move the lean (caption)",
                 timed(lambda: setattr(kid.children[2], "value", lean_next()))))
    game = guessing.guessing_widget()
    secret_next = cycler(range(1, 101))
    rows.append(("guessing game (level 1): move the secret",
                 timed(lambda: setattr(game.children[0], "value", secret_next()))))

    X, y = data.fruit(n_per_class=100, seed=7, separable=False)
    stepper = descent.descent_stepper(X[:, 0] - 8.0, X[:, 1])
    rows.append(("gradient-descent stepper (level 2): one step",
                 timed(lambda: stepper.controls["step"].click())))
    rows.append(("  of which the picture (cached background, JPEG)",
                 timed(lambda: stepper.picture.show(stepper.state["path"]))))
    rows.append(("  before: a whole draw, PNG", timed(lambda: plots.figure_png(stepper.figure, dpi=90))))

    print(f"{'widget redraw in the kernel':48} {'median ms':>10} {'p90 ms':>8}")
    for name, (median, p90) in rows:
        print(f"{name:48} {median:10.1f} {p90:8.1f}")
    print(f"(matplotlib {matplotlib.__version__}, {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main()
