"""Optimizers on a 2-D loss surface: their paths, a static comparison and a slider explorer.

The surface is an ill-conditioned valley, J(x, y) = (x^2 + 25 y^2) / 2: steep
across (y), shallow along (x). The paths come from ``optimizer_paths``, a plain
function (tested without a figure); the drawing functions only draw them.
"""

import numpy as np

from .. import optim
from .plots import COLORS, figure_png, image_widget

VALLEY_CURVATURE = np.array([1.0, 25.0])  # second derivatives along x and y
START = (-4.5, 1.5)
STYLE = {"gradient descent": COLORS["grey"], "momentum": COLORS["blue"], "RMSprop": COLORS["green"],
         "Adam": COLORS["vermillion"]}


def valley(theta):
    """J(theta) = sum(c * theta^2) / 2 with c = (1, 25), and its gradient c * theta."""
    theta = np.asarray(theta, dtype=float)
    return 0.5 * float(np.sum(VALLEY_CURVATURE * theta ** 2)), VALLEY_CURVATURE * theta


def optimizer_paths(optimizers, start=START, steps=50):
    """Run each optimizer from ``start`` on the valley for ``steps`` steps.

    optimizers: {name: an object with step(params, grads)} (a fresh one each).
    Returns {name: array (steps + 1, 2)}, the points visited, start included.
    """
    paths = {}
    for name, opt in optimizers.items():
        theta = np.array(start, dtype=float)
        points = [theta.copy()]
        for _ in range(steps):
            _, grad = valley(theta)
            opt.step([theta], [grad])
            points.append(theta.copy())
        paths[name] = np.array(points)
    return paths


def default_optimizers():
    """The four optimizers of the lesson's comparison, each with a learning rate that suits it."""
    return {"gradient descent": optim.GradientDescent(0.07), "momentum": optim.Momentum(0.02, momentum=0.8),
            "RMSprop": optim.RMSprop(0.1), "Adam": optim.Adam(0.3)}


def plot_valley(ax, lim=(-5.0, 1.0, -2.0, 2.0)):
    """Contours of the valley on ``ax``, the minimum marked."""
    x0, x1, y0, y1 = lim
    xs, ys = np.meshgrid(np.linspace(x0, x1, 200), np.linspace(y0, y1, 120))
    J = 0.5 * (VALLEY_CURVATURE[0] * xs ** 2 + VALLEY_CURVATURE[1] * ys ** 2)
    ax.contour(xs, ys, J, levels=np.geomspace(0.02, 60, 14), colors=COLORS["grey"], linewidths=0.7)
    ax.plot(0, 0, marker="*", ms=14, color="black", ls="none", label="minimum")
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xlabel("$\\theta_1$ (shallow direction)")
    ax.set_ylabel("$\\theta_2$ (steep direction)")


def plot_paths(paths, ax):
    """One line with dots per path on ``ax``; returns {name: Line2D}."""
    lines = {}
    for name, pts in paths.items():
        (lines[name],) = ax.plot(pts[:, 0], pts[:, 1], "-o", ms=2.5, lw=1.3,
                                 color=STYLE.get(name, COLORS["purple"]), label=name)
    return lines


def compare_figure(optimizers=None, steps=50):
    """The static comparison: the four optimizers' paths on one valley. Returns the Figure."""
    import matplotlib.pyplot as plt

    paths = optimizer_paths(optimizers or default_optimizers(), steps=steps)
    fig, ax = plt.subplots(figsize=(10, 4.2))
    plot_valley(ax)
    plot_paths(paths, ax)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=9)
    ax.set_title(f"{steps} steps of each optimizer from the same start on $J = (\\theta_1^2 + 25\\,\\theta_2^2)/2$")
    return fig


def explorer_view(lr, momentum, steps=40):
    """What the explorer draws for given slider values: the paths and a caption.

    Returns (paths, caption): paths of gradient descent and momentum with this
    lr and momentum; the caption gives each one's final cost J.
    """
    paths = optimizer_paths({"gradient descent": optim.GradientDescent(lr),
                             "momentum": optim.Momentum(lr, momentum=momentum)}, steps=steps)
    words = []
    for name, pts in paths.items():
        J = valley(pts[-1])[0]
        words.append(f"{name}: J = {J:.2g}" if np.isfinite(J) and J < 1e6 else f"{name}: diverged")
    return paths, f"after {steps} steps, " + "; ".join(words)


def _clip(pts, lim=(-5.0, 1.0, -2.0, 2.0)):
    """Points past the frame are drawn on its edge (a diverging path stays visible)."""
    with np.errstate(invalid="ignore"):
        return np.column_stack([np.clip(pts[:, 0], lim[0] - 1, lim[1] + 1), np.clip(pts[:, 1], lim[2] - 1, lim[3] + 1)])


def explorer_panels(settings, steps=40):
    """The explorer's static twin: one panel per (lr, momentum) in ``settings``. Returns the Figure."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(settings), figsize=(4.2 * len(settings), 3.6), sharey=True, squeeze=False)
    for ax, (lr, mom) in zip(axes[0], settings):
        paths, caption = explorer_view(lr, mom, steps)
        plot_valley(ax)
        plot_paths({k: _clip(v) for k, v in paths.items()}, ax)
        ax.set_title(f"lr = {lr:g}, momentum = {mom:g}\n" + caption.split(", ", 1)[1].replace("; ", "\n"),
                     fontsize=9)
    axes[0, 0].legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


def optimizer_explorer(lr=0.02, momentum=0.8, steps=40):
    """Sliders for the learning rate and the momentum; the two paths redrawn as they move.

    Returns an ipywidgets VBox. The figure is made once; a move updates the
    lines' data and swaps the PNG of an Image widget (``plots.figure_png``).
    """
    import ipywidgets as widgets
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.6, 3.8))
    fig.subplots_adjust(left=0.1, right=0.97, bottom=0.14, top=0.92)
    ax = fig.add_subplot()
    plot_valley(ax)
    paths, _ = explorer_view(lr, momentum, steps)
    lines = plot_paths(paths, ax)
    ax.legend(loc="lower right", fontsize=9)
    lr_slider = widgets.FloatLogSlider(value=lr, base=10, min=-3, max=-0.9, step=0.05,
                                       description="lr", readout_format=".3f")
    mom_slider = widgets.FloatSlider(value=momentum, min=0.0, max=0.99, step=0.01, description="momentum")
    caption = widgets.HTML()
    image = image_widget()

    def redraw(change=None):
        paths, text = explorer_view(lr_slider.value, mom_slider.value, steps)
        for name, line in lines.items():
            pts = _clip(paths[name])
            line.set_data(pts[:, 0], pts[:, 1])
        caption.value = f"<b>{text}</b>"
        image.value = figure_png(fig)

    lr_slider.observe(redraw, names="value")
    mom_slider.observe(redraw, names="value")
    redraw()
    box = widgets.VBox([widgets.HBox([lr_slider, mom_slider]), caption, image])
    box.redraw, box.sliders, box.caption = redraw, {"lr": lr_slider, "momentum": mom_slider}, caption
    return box
