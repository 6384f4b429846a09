"""A hidden layer that bends (level 2): how many hidden neurons a job needs, in the manner of TensorFlow Playground.

``hidden_fits`` trains, once, a network with k hidden sigmoid neurons for
each k asked for (k = 0: no hidden layer, the output neuron alone), all with
``nnlib.train`` on standardized inputs. ``hidden_view`` is the plain, tested
logic of what to draw for one of them: each hidden neuron's own line (where
its weighted sum is 0, back in centimetres and colour), the network's answer
on a grid over the picture, the fruit it gets wrong, a title and a caption.
``plot_hidden_fit`` draws one view with matplotlib (the static figures);
``hidden_explorer`` is a slider for k over the same picture drawn in the
browser (``hidden_plot``, ``web/hidden.js``): every view is computed here
once and sent with it, so the slider redraws in the page.
"""

from dataclasses import dataclass

import numpy as np

from .. import init_weights, predict_proba, train
from .plots import COLORS

# The hidden neurons' lines, one colour each (Okabe-Ito, then grey shades).
LINE_COLOURS = (COLORS["vermillion"], COLORS["green"], COLORS["orange"], COLORS["black"], COLORS["sky"],
                COLORS["yellow"], "#666666", "#BBBBBB")
STYLES = {1: ("fits the lunch box", COLORS["blue"], "o"), 0: ("too small or too big", COLORS["purple"], "^")}
GRID = (80, 60)  # the network's answer is sent to the page on this many cells across and up


@dataclass
class HiddenFit:
    """A trained network with k hidden neurons (k = 0: none). thetas: nnlib weights; centre, spread:
    the standardization of the inputs (size, colour) it was trained on; history: the cost per step."""

    k: int
    thetas: list
    centre: np.ndarray
    spread: np.ndarray
    history: np.ndarray

    def inputs(self, sizes_and_colours):
        """(m, 2) sizes and colours -> the standardized inputs the network reads."""
        return (np.asarray(sizes_and_colours, dtype=float) - self.centre) / self.spread

    def chance(self, sizes_and_colours):
        """(m,) the network's chance that each fruit fits the box."""
        return predict_proba(self.thetas, self.inputs(sizes_and_colours))[:, 0]


def hidden_fits(X, y, ks=(0, 1, 2, 3, 4, 5, 6), learning_rate=2.0, iterations=500, seed=0):
    """One trained network per number of hidden neurons in ``ks``: {k: HiddenFit}.

    X: (m, 2) sizes and colours; y: (m,) 1 = fits the box. Inputs are
    standardized with the averages and spreads of X; each network starts from
    ``nnlib.init_weights(layers, seed)`` and takes ``iterations`` steps of
    gradient descent on the cross-entropy (``nnlib.train``).
    """
    X = np.asarray(X, dtype=float)
    centre, spread = X.mean(axis=0), X.std(axis=0)
    fits = {}
    for k in ks:
        layers = [2, 1] if k == 0 else [2, int(k), 1]
        result = train(init_weights(layers, seed=seed), (X - centre) / spread, y, learning_rate=learning_rate,
                       iterations=iterations)
        fits[int(k)] = HiddenFit(int(k), result.thetas, centre, spread, np.asarray(result.history))
    return fits


def neuron_lines(fit):
    """Each hidden neuron's own line in centimetres and colour: a list of (a, c, lean), the line
    a * size + c * colour + lean = 0, positive where the neuron says more than 0.5. [] for k = 0.

    Its weighted sum on standardized inputs is b + w1 (size - mu1) / s1 + w2 (colour - mu2) / s2;
    multiplied out, a = w1 / s1, c = w2 / s2 and lean = b - w1 mu1 / s1 - w2 mu2 / s2.
    """
    if fit.k == 0:
        return []
    (mu1, mu2), (s1, s2) = fit.centre, fit.spread
    return [(float(w1 / s1), float(w2 / s2), float(b - w1 * mu1 / s1 - w2 * mu2 / s2))
            for b, w1, w2 in np.asarray(fit.thetas[0])]


def limits_of(X):
    """The picture's ((x0, x1), (y0, y1)): every fruit with a margin; colour from -0.5 to 10.5."""
    X = np.asarray(X, dtype=float)
    return (float(X[:, 0].min() - 0.4), float(X[:, 0].max() + 0.4)), (-0.5, 10.5)


def grid_points(limits, shape=GRID):
    """The centres of the picture's cells, row by row from the bottom: (nx * ny, 2)."""
    (x0, x1), (y0, y1) = limits
    nx, ny = shape
    gx = x0 + (np.arange(nx) + 0.5) * (x1 - x0) / nx
    gy = y0 + (np.arange(ny) + 0.5) * (y1 - y0) / ny
    return np.column_stack([np.tile(gx, ny), np.repeat(gy, nx)])  # (u, v) for v in gy for u in gx


@dataclass
class HiddenView:
    """What to draw for one network (``hidden_view``). lines: ``neuron_lines``; yes: (nx * ny,) 1 where
    the network says "fits" (chance >= 0.5) on ``grid_points``; said: (m,) its answer for each fruit;
    n_right: fruit sorted right; title, caption: in words."""

    k: int
    lines: list
    yes: np.ndarray  # sent to the page as a string of "0" and "1", row by row from the bottom
    said: np.ndarray
    n_right: int
    title: str
    caption: str


def hidden_view(fit, X, y, limits=None, shape=GRID):
    """What the picture of ``fit`` shows over the fruit X, y: a ``HiddenView``."""
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    limits = limits or limits_of(X)
    said = (fit.chance(X) >= 0.5).astype(int)
    n_right, n = int(np.sum(said == y)), len(y)
    yes = (fit.chance(grid_points(limits, shape)) >= 0.5).astype(int)
    k = fit.k
    score = f"{n_right} of {n} fruit sorted right"
    if k == 0:
        title = f"no hidden layer:\n{score}"
        caption = (f"No hidden layer: the output neuron alone draws one straight line, and no straight line "
                   f"can keep the fruit that fit apart from both the small and the big ones: {score}.")
    elif k == 1:
        title = f"1 hidden neuron:\n{score}"
        caption = (f"One hidden neuron draws one line (dashed). The output neuron reads only its one answer, so "
                   f"the boundary is still a straight line, beside the neuron's own: {score}.")
    else:
        title = f"{k} hidden neurons:\n{score}"
        caption = (f"{k} hidden neurons, {k} dashed lines: each is one neuron's own line, where its weighted sum "
                   f"is 0. The output neuron combines their {k} answers, so the boundary can bend: {score}.")
    return HiddenView(k, neuron_lines(fit), yes, said, n_right, title, caption)


def plot_hidden_fit(ax, fit, X, y, limits=None, title=None, legend=True):
    """One network's picture on ``ax``: its answer shaded (blue: fits, purple: does not), each hidden
    neuron's own line dashed in its colour, the fruit (blue circles fit, purple triangles do not), the
    fruit it gets wrong ringed. Returns the ``HiddenView``."""
    from matplotlib.colors import ListedColormap

    X, y = np.asarray(X, dtype=float), np.asarray(y)
    limits = limits or limits_of(X)
    view = hidden_view(fit, X, y, limits)
    (x0, x1), (y0, y1) = limits
    fine = (300, 240)  # a finer grid than the page's, for a smooth edge on paper
    yes = (fit.chance(grid_points(limits, fine)) >= 0.5).reshape(fine[1], fine[0]).astype(float)
    ax.imshow(yes, extent=(x0, x1, y0, y1), origin="lower", aspect="auto", vmin=0, vmax=1,
              cmap=ListedColormap([STYLES[0][1], STYLES[1][1]]), alpha=0.25, interpolation="nearest", zorder=0)
    for j, (a, c, lean) in enumerate(view.lines):
        style = dict(color=LINE_COLOURS[j % len(LINE_COLOURS)], lw=2, ls="--", zorder=2,
                     label="a hidden neuron's line" if j == 0 else None)
        if c != 0:
            ax.plot([x0, x1], [-(a * x0 + lean) / c, -(a * x1 + lean) / c], **style)
        elif a != 0:
            ax.plot([-lean / a] * 2, [y0, y1], **style)
    for label, (name, colour, marker) in STYLES.items():
        pick = y == label
        ax.scatter(X[pick, 0], X[pick, 1], s=45, c=colour, marker=marker, edgecolors="white", linewidths=0.5,
                   zorder=3, label=name)
    wrong = view.said != y
    ax.scatter(X[wrong, 0], X[wrong, 1], s=150, facecolors="none", edgecolors="black", linewidths=1.6, zorder=4,
               label="sorted wrong")
    ax.set(xlim=(x0, x1), ylim=(y0, y1), xlabel="size (cm across)", ylabel="colour (0 = red, 10 = orange)",
           title=title or view.title)
    if legend:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=8.5, frameon=False)
    return view


def hidden_plot(fits, X, y, k=3):
    """The explorer's picture, drawn in the browser (``web/hidden.js``): an anywidget whose trait ``k``
    is the network shown. Every view (``hidden_view``) is sent once."""
    from matplotlib.ticker import MaxNLocator

    from .browser import view_class

    X, y = np.asarray(X, dtype=float), np.asarray(y)
    limits = limits_of(X)
    views = {k_: hidden_view(fit, X, y, limits) for k_, fit in fits.items()}

    def ticks(lo, hi):
        return [[float(v), f"{v:g}"] for v in MaxNLocator(nbins=7, steps=[1, 2, 5, 10]).tick_values(lo, hi)
                if lo <= v <= hi]

    traits = (("k", "int"), ("views", "dict"), ("X", "list"), ("y", "list"), ("xlim", "list"), ("ylim", "list"),
              ("grid", "list"), ("xticks", "list"), ("yticks", "list"), ("spec", "dict"), ("palette", "dict"))
    (x0, x1), (y0, y1) = limits
    return view_class("hidden", "HiddenPlot", traits)(
        k=int(k), X=X.tolist(), y=[int(v) for v in y], xlim=[x0, x1], ylim=[y0, y1], grid=list(GRID),
        views={str(k_): {"lines": [list(line) for line in v.lines], "yes": "".join(map(str, v.yes)),
                         "said": v.said.tolist(),
                         "right": v.n_right, "title": v.title, "caption": v.caption} for k_, v in views.items()},
        xticks=ticks(x0, x1), yticks=ticks(y0, y1),
        spec={"width": 620, "height": 470, "left": 62, "right": 14, "top": 52, "bottom": 76, "net_width": 230},
        palette={"fits": STYLES[1][1], "not": STYLES[0][1], "lines": list(LINE_COLOURS), "shade": 0.25,
                 "labels": {"x": "size (cm across)", "y": "colour (0 = red, 10 = orange)"}})


def hidden_explorer(X, y, ks=(0, 1, 2, 3, 4, 5, 6), k=3, fits=None):
    """A slider for the number of hidden neurons over the lunch-box fruit, TensorFlow Playground style.

    Each network is trained once (``hidden_fits``, or pass ``fits``); the
    picture and its words are drawn in the browser (``hidden_plot``), linked
    to the slider there. Returns the ipywidgets box.
    """
    import ipywidgets as widgets

    from .browser import link

    fits = fits if fits is not None else hidden_fits(X, y, ks)
    ks = sorted(fits)
    slider = widgets.IntSlider(value=k, min=ks[0], max=ks[-1], step=1, description="hidden neurons",
                               style={"description_width": "initial"}, layout=widgets.Layout(width="420px"))
    plot = hidden_plot(fits, X, y, k)
    links = [link(slider, plot, "k")]
    box = widgets.VBox([slider, plot])
    box.slider, box.plot, box.links, box.fits = slider, plot, links, fits
    return box
