"""Level 2's decision-boundary pictures: where a trained model says yes, drawn over the fruit.

``plot_neuron_boundary`` draws one sigmoid neuron's straight boundary with
clearly shaded sides and the legend outside the data; ``plot_network_boundary``
the (possibly bent) boundary of any network of ``nnlib``, found on a grid.
"""

import numpy as np

from .. import predict_proba
from .plots import COLORS, FRUIT_STYLE, plot_fruit

SHADE_ALPHA = 0.28  # strong enough to read the two sides at a glance, light enough to see the fruit


def _shade(ax, yes, colors):
    from matplotlib.colors import ListedColormap

    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    ax.imshow(yes.astype(float), extent=(x0, x1, y0, y1), origin="lower", aspect="auto", vmin=0, vmax=1,
              cmap=ListedColormap(colors), alpha=SHADE_ALPHA, zorder=0, interpolation="bilinear")


def _grid(ax, n=300):
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    return np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))


def plot_neuron_boundary(ax, X, y, predicted, w_size, w_colour, bias, title, limits=((5.5, 10.5), (-0.5, 10.5))):
    """Fruit (shape = what it is), fruit sorted wrong ringed, and the line w_size size + w_colour colour
    + bias = 0 with the orange side shaded orange and the apple side red. The legend goes under the axes."""
    plot_fruit(X, y, ax, predicted=predicted, title=title, legend=False)
    ax.set(xlim=limits[0], ylim=limits[1])
    gx, gy = _grid(ax)
    _shade(ax, w_size * gx + w_colour * gy + bias >= 0, [FRUIT_STYLE[0]["color"], FRUIT_STYLE[1]["color"]])
    xs = np.array(limits[0])
    ax.plot(xs, -(w_size * xs + bias) / w_colour, color="black", lw=2, zorder=2, label="boundary")
    ax.set(xlim=limits[0], ylim=limits[1])
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=10, frameon=False,
              handletextpad=0.3, columnspacing=1.2)  # two rows: readable when a notebook shrinks the figure
    return ax


def plot_network_boundary(ax, thetas, X, y, to_inputs, title, names=("no", "yes")):
    """The boundary of a trained network on the plane of the two fruit numbers.

    thetas: nnlib weights; to_inputs: a function from an (m, 2) array of (size, colour)
    to the network's inputs (for example the standardization used in training).
    The side where the network says yes (chance >= 0.5) is shaded blue, the other purple;
    fruit with y = 1 are blue circles, y = 0 purple triangles; fruit sorted wrong are ringed.
    """
    X = np.asarray(X, dtype=float)
    said = (predict_proba(thetas, to_inputs(X))[:, 0] >= 0.5).astype(int)
    styles = {1: (COLORS["blue"], "o"), 0: (COLORS["purple"], "^")}
    for label, (colour, marker) in styles.items():
        pick = y == label
        ax.scatter(X[pick, 0], X[pick, 1], s=45, c=colour, marker=marker, edgecolors="white", linewidths=0.5,
                   zorder=3, label=names[label])
    wrong = said != y
    ax.scatter(X[wrong, 0], X[wrong, 1], s=150, facecolors="none", edgecolors="black", linewidths=1.6, zorder=4,
               label=f"sorted wrong ({int(wrong.sum())})")
    ax.set(xlim=(X[:, 0].min() - 0.4, X[:, 0].max() + 0.4), ylim=(-0.5, 10.5),
           xlabel="size (cm across)", ylabel="colour (0 = red, 10 = orange)", title=title)
    gx, gy = _grid(ax, 200)
    chance = predict_proba(thetas, to_inputs(np.column_stack([gx.ravel(), gy.ravel()])))[:, 0].reshape(gx.shape)
    _shade(ax, chance >= 0.5, [styles[0][0], styles[1][0]])
    ax.contour(gx, gy, chance, levels=[0.5], colors="black", linewidths=2, zorder=2)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, fontsize=8.5, frameon=False)
    return said
