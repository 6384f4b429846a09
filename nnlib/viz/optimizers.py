"""Optimizers on a 2-D loss surface: their paths, a static comparison and a slider explorer.

The surface is an ill-conditioned valley, J(x, y) = (x^2 + 25 y^2) / 2: steep
across (y), shallow along (x). The paths come from ``optimizer_paths``, a plain
function (tested without a figure); the drawing functions only draw them.

The explorer (``optimizer_explorer``) draws in the browser: ``optimizer_plot``
is an anywidget (``web/optimizers.js``) that gets the valley's contours once
(``valley_contours``) and computes the two paths in the page from the slider
values, by the rules of ``nnlib.optim``; the sliders are linked to it there,
so a move redraws without the kernel. The kernel writes the caption
(``explorer_view``). ``explorer_panels`` is its static twin.
"""

import numpy as np

from .. import optim
from .plots import COLORS

VALLEY_CURVATURE = np.array([1.0, 25.0])  # second derivatives along x and y
START = (-4.5, 1.5)
LIM = (-5.0, 1.0, -2.0, 2.0)  # the frame of every valley picture: x0, x1, y0, y1
LEVELS = np.geomspace(0.02, 60, 14)  # the contour levels of J
CLIP_MARGIN = 1.0  # explorer points further than this past the frame are drawn at that distance
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


def valley_grid(lim=LIM):
    """The valley's cost on the grid its contours are drawn from: (xs, ys, J), each (120, 200)."""
    x0, x1, y0, y1 = lim
    xs, ys = np.meshgrid(np.linspace(x0, x1, 200), np.linspace(y0, y1, 120))
    J = 0.5 * (VALLEY_CURVATURE[0] * xs ** 2 + VALLEY_CURVATURE[1] * ys ** 2)
    return xs, ys, J


def valley_contours(lim=LIM, levels=LEVELS, decimals=4):
    """The contour lines of ``plot_valley`` as polylines: [(level, array (n, 2) of x, y), ...].

    Traced by contourpy (matplotlib's own contour tracer) on ``valley_grid``;
    the browser-drawn explorer gets them once. Points rounded to ``decimals``
    places (1e-4 is a hundredth of a pixel there).
    """
    import contourpy

    tracer = contourpy.contour_generator(*valley_grid(lim))
    return [(float(level), np.round(line, decimals)) for level in levels for line in tracer.lines(level)]


def plot_valley(ax, lim=LIM):
    """Contours of the valley on ``ax``, the minimum marked."""
    x0, x1, y0, y1 = lim
    ax.contour(*valley_grid(lim), levels=LEVELS, colors=COLORS["grey"], linewidths=0.7)
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


def clip_frame(lim=LIM):
    """The box (x0, x1, y0, y1) a drawn path is clipped to: the frame widened by CLIP_MARGIN."""
    return (lim[0] - CLIP_MARGIN, lim[1] + CLIP_MARGIN, lim[2] - CLIP_MARGIN, lim[3] + CLIP_MARGIN)


def clip_path(pts, lim=LIM):
    """Points past the frame are drawn just outside it (a diverging path stays visible at the edge)."""
    x0, x1, y0, y1 = clip_frame(lim)
    with np.errstate(invalid="ignore"):
        return np.column_stack([np.clip(pts[:, 0], x0, x1), np.clip(pts[:, 1], y0, y1)])


def explorer_panels(settings, steps=40):
    """The explorer's static twin: one panel per (lr, momentum) in ``settings``. Returns the Figure."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(settings), figsize=(4.2 * len(settings), 3.6), sharey=True, squeeze=False)
    for ax, (lr, mom) in zip(axes[0], settings):
        paths, caption = explorer_view(lr, mom, steps)
        plot_valley(ax)
        plot_paths({k: clip_path(v) for k, v in paths.items()}, ax)
        ax.set_title(f"lr = {lr:g}, momentum = {mom:g}\n" + caption.split(", ", 1)[1].replace("; ", "\n"),
                     fontsize=9)
    axes[0, 0].legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


# The browser-drawn picture's size and margins in pixels (the kernel figure it replaces, 7.6 x 3.8 in at 100 dpi).
SPEC = {"width": 760, "height": 380, "left": 76, "right": 23, "top": 32, "bottom": 50}
LABELS = {"x": "\u03b8\u2081 (shallow direction)", "y": "\u03b8\u2082 (steep direction)",
          "title": "lr = {lr}, momentum = {momentum}: {steps} steps from the same start"}


def explorer_title(lr, momentum, steps=40):
    """The title the page writes over the explorer, written here in Python (lr to 3 significant digits)."""
    return LABELS["title"].format(lr=f"{float(f'{lr:.3g}'):g}", momentum=f"{momentum:g}", steps=steps)


def optimizer_plot(lr=0.02, momentum=0.8, steps=40, lim=LIM):
    """The explorer's picture, drawn in the browser (``web/optimizers.js``): an anywidget.

    Its traits lr and momentum are what it draws: the paths of
    GradientDescent(lr) and Momentum(lr, momentum) for ``steps`` steps from
    START on the valley (the page computes them by the rules of nnlib.optim;
    points past the frame are clipped as ``clip_path`` does), over the
    contours of ``valley_contours``. Link sliders to it with ``browser.link``.
    """
    from .browser import view_class

    optim.check_rate(lr)
    optim.check_fraction(momentum, "momentum", "how much of the last velocity is kept")
    traits = (("lr", "float"), ("momentum", "float"), ("curvature", "list"), ("start", "list"), ("steps", "int"),
              ("xlim", "list"), ("ylim", "list"), ("frame", "list"), ("contours", "list"), ("spec", "dict"),
              ("labels", "dict"), ("colours", "dict"), ("xticks", "list"), ("yticks", "list"))
    x0, x1, y0, y1 = lim
    return view_class("optimizers", "OptimizerPlot", traits)(
        lr=float(lr), momentum=float(momentum), curvature=[float(c) for c in VALLEY_CURVATURE],
        start=[float(v) for v in START], steps=int(steps), xlim=[x0, x1], ylim=[y0, y1],
        frame=list(clip_frame(lim)), contours=[line.tolist() for _, line in valley_contours(lim)],
        spec=SPEC, labels=LABELS, colours={"contour": COLORS["grey"], **STYLE},
        xticks=[[float(v), f"{v:g}"] for v in np.arange(np.ceil(x0), np.floor(x1) + 1)],
        yticks=[[float(v), f"{v:g}"] for v in np.arange(np.ceil(y0), np.floor(y1) + 1)])


def optimizer_explorer(lr=0.02, momentum=0.8, steps=40):
    """Sliders for the learning rate and the momentum; the two paths redrawn as they move.

    Returns an ipywidgets VBox: the sliders, the caption and ``optimizer_plot``
    (drawn in the browser and linked to the sliders there, so it follows the
    hand without a kernel round trip); the kernel writes the caption
    (``explorer_view``, each path's final cost) when a value reaches it.
    """
    import ipywidgets as widgets

    from .browser import kernel_caption, link

    lr_slider = widgets.FloatLogSlider(value=lr, base=10, min=-3, max=-0.9, step=0.05,
                                       description="lr", readout_format=".3f")
    mom_slider = widgets.FloatSlider(value=momentum, min=0.0, max=0.99, step=0.01, description="momentum")
    caption = kernel_caption(widgets.HTML())
    plot = optimizer_plot(lr_slider.value, mom_slider.value, steps)
    links = [link(lr_slider, plot, "lr"), link(mom_slider, plot, "momentum")]

    def recaption(change=None):
        caption.value = f"<b>{explorer_view(lr_slider.value, mom_slider.value, steps)[1]}</b>"

    lr_slider.observe(recaption, names="value")
    mom_slider.observe(recaption, names="value")
    recaption()
    box = widgets.VBox([widgets.HBox([lr_slider, mom_slider]), caption, plot])
    box.recaption, box.sliders, box.caption = recaption, {"lr": lr_slider, "momentum": mom_slider}, caption
    box.plot, box.links = plot, links
    return box
