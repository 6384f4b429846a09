"""Figures shared by the lessons. Colours are the Okabe-Ito palette (colour-blind safe)."""

import matplotlib.pyplot as plt
import numpy as np

COLORS = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
    "black": "#000000",
}

_LAYER_COLORS = {"input": COLORS["yellow"], "hidden": COLORS["sky"], "output": COLORS["vermillion"]}


def _shown_units(n, max_units):
    """Which units of a layer of n to draw: all, or the first and last few with a gap."""
    if n <= max_units:
        return list(range(1, n + 1)), None
    head = max_units // 2
    tail = max_units - head - 1
    return list(range(1, head + 1)) + list(range(n - tail + 1, n + 1)), head


def _unit_label(kind, l, j, L, input_labels, output_labels):
    if kind == "input":
        return input_labels[j - 1] if input_labels else f"$x_{{{j}}}$"
    if kind == "output":
        return output_labels[j - 1] if output_labels else (f"$h_{{{j}}}$" if L else "$h$")
    return f"$a^{{({l})}}_{{{j}}}$"


def draw_network(layer_sizes, ax=None, bias=True, input_labels=None, output_labels=None,
                 max_units=8, title=None, layer_names=True):
    """Draw a fully connected network, bias units included.

    layer_sizes: [s_1, ..., s_L] (bias units not counted, as in the course).
    bias: draw the bias unit (+1) on top of every layer but the last, with its
        connections, as a square to set it apart.
    input_labels / output_labels: names for the input and output units
        (default x_j and h_k; hidden units are a_j^(l)).
    max_units: a larger layer is drawn as its first and last units with a
        gap "..." between (e.g. the 64 inputs of the digits).
    Returns the matplotlib Axes.
    """
    sizes = [int(s) for s in layer_sizes]
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError(f"layer_sizes must list at least two positive sizes; got {layer_sizes!r}.")
    L = len(sizes)
    for labels, size, name in ((input_labels, sizes[0], "input_labels"),
                               (output_labels, sizes[-1], "output_labels")):
        if labels is not None and len(labels) != size:
            raise ValueError(f"{name} has {len(labels)} names for a layer of {size} units.")
    if ax is None:
        _, ax = plt.subplots(figsize=(1.9 * L + 1.2, 4.2))

    columns = []  # per layer: list of (label, y, is_bias)
    height = max(min(s, max_units) + (1 if bias else 0) for s in sizes)
    for l, s in enumerate(sizes, start=1):
        kind = "input" if l == 1 else "output" if l == L else "hidden"
        units, gap = _shown_units(s, max_units)
        rows = [(_unit_label(kind, l, j, s > 1, input_labels, output_labels), False) for j in units]
        if gap is not None:
            rows.insert(gap, ("...", None))
        if bias and l < L:
            name = "$x_0$" if l == 1 else f"$a^{{({l})}}_0$"
            rows.insert(0, (name, True))
        top = (len(rows) - 1) / 2
        columns.append([(label, top - i + (height - 1) / 2 - (height - 1) / 2, b)
                        for i, (label, b) in enumerate(rows)])

    radius = 0.32
    for l in range(L - 1):
        for _, y0, b0 in columns[l]:
            if b0 is None:
                continue
            for _, y1, b1 in columns[l + 1]:
                if b1 is None or b1:  # nothing feeds a bias unit or a gap
                    continue
                ax.plot([l * 2 + radius, (l + 1) * 2 - radius], [y0, y1],
                        color=COLORS["grey"] if not b0 else COLORS["purple"],
                        lw=0.8, ls="--" if b0 else "-", zorder=1)
    for l, column in enumerate(columns):
        kind = "input" if l == 0 else "output" if l == L - 1 else "hidden"
        for label, y, is_bias in column:
            if is_bias is None:
                ax.text(l * 2, y, "...", ha="center", va="center", fontsize=14)
                continue
            if is_bias:
                patch = plt.Rectangle((l * 2 - radius, y - radius), 2 * radius, 2 * radius,
                                      facecolor="white", edgecolor=COLORS["purple"], lw=1.5, zorder=2)
            else:
                patch = plt.Circle((l * 2, y), radius, facecolor=_LAYER_COLORS[kind],
                                   edgecolor="black", lw=1.0, zorder=2)
            ax.add_patch(patch)
            if not is_bias and not label.startswith("$") and len(label) > 3:
                # a word: write it beside the unit, outside the picture's wiring
                side = -1 if kind == "input" else 1
                ax.text(l * 2 + side * (radius + 0.12), y, label, zorder=3, fontsize=10,
                        ha="right" if side < 0 else "left", va="center")
                continue
            if is_bias:  # the constant 1 inside, the unit's name above
                ax.text(l * 2, y, "1", ha="center", va="center", zorder=3, fontsize=11)
                ax.text(l * 2, y + radius + 0.06, label, ha="center", va="bottom", zorder=3, fontsize=10)
                continue
            ax.text(l * 2, y, label, ha="center", va="center", zorder=3, fontsize=10)
    ys = [y for column in columns for _, y, _ in column]
    if layer_names:  # one row of layer names under the lowest unit
        for l in range(L):
            kind = "input" if l == 0 else "output" if l == L - 1 else "hidden"
            ax.text(l * 2, min(ys) - 0.7, f"layer {l + 1}\n{kind} ({sizes[l]})",
                    ha="center", va="top", fontsize=9)
    words = [lab for lab in (input_labels or []) + (output_labels or [])
             if not str(lab).startswith("$") and len(str(lab)) > 3]
    margin = 0.8 + (0.14 * max(len(str(w)) for w in words) if words else 0.0)
    ax.set_xlim(-margin, 2 * (L - 1) + margin)
    ax.set_ylim(min(ys) - 1.9, max(ys) + 0.95)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title)
    return ax


FRUIT_STYLE = {
    0: {"label": "apple", "color": COLORS["vermillion"], "marker": "o"},
    1: {"label": "orange", "color": COLORS["orange"], "marker": "s"},
}


def plot_fruit(X, y, ax=None, predicted=None, title=None, legend=True):
    """Scatter apples (y = 0, red circles) and oranges (y = 1, orange squares).

    X: (m, 2) size and colour, as made by ``nnlib.data.fruit``; y: (m,) labels.
    predicted: optional (m,) labels guessed by a model; fruit it got wrong are
        ringed in black and counted in the legend.
    Returns the Axes.
    """
    from ..data import FRUIT_FEATURES

    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2 or y.shape != (X.shape[0],):
        raise ValueError(
            f"plot_fruit wants X of shape (m, 2) (size, colour) and y of shape (m,); "
            f"got {X.shape} and {y.shape}."
        )
    if ax is None:
        _, ax = plt.subplots(figsize=(5.5, 4.2))
    for label, style in FRUIT_STYLE.items():
        pick = y == label
        ax.scatter(X[pick, 0], X[pick, 1], s=55, c=style["color"], marker=style["marker"],
                   edgecolors="white", linewidths=0.6, label=f"{style['label']}s", zorder=3)
    if predicted is not None:
        wrong = np.asarray(predicted) != y
        ax.scatter(X[wrong, 0], X[wrong, 1], s=170, facecolors="none", edgecolors="black",
                   linewidths=1.8, label=f"sorted wrong ({int(wrong.sum())})", zorder=4)
    ax.set_xlabel(FRUIT_FEATURES[0])
    ax.set_ylabel(FRUIT_FEATURES[1])
    if title:
        ax.set_title(title)
    if legend:
        ax.legend(loc="upper left", fontsize=9, framealpha=0.9)
    return ax


def plot_boundary(w_size, w_colour, bias, ax, shade=True):
    """Draw where w_size * size + w_colour * colour + bias = 0 on a fruit plot.

    The side where the sum is positive (the neuron says "orange") is shaded
    orange, the other side red. Works for any weights, including a vertical
    line (w_colour = 0) and no line at all (both weights 0).
    """
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    if shade:
        gx, gy = np.meshgrid(np.linspace(x0, x1, 200), np.linspace(y0, y1, 200))
        score = w_size * gx + w_colour * gy + bias
        ax.contourf(gx, gy, score > 0, levels=[-0.5, 0.5, 1.5],
                    colors=[FRUIT_STYLE[0]["color"], FRUIT_STYLE[1]["color"]], alpha=0.12, zorder=0)
    if w_colour != 0:
        xs = np.array([x0, x1])
        ax.plot(xs, -(w_size * xs + bias) / w_colour, color="black", lw=1.5, zorder=2)
    elif w_size != 0:
        ax.axvline(-bias / w_size, color="black", lw=1.5, zorder=2)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    return ax


def figure_png(fig, dpi=100):
    """The PNG bytes of a matplotlib figure (for an ipywidgets Image).

    Widgets show their picture this way, not with ``display(fig)`` in an
    Output: the inline backend crops to a tight bounding box, which lays the
    figure out twice, and clearing an Output makes the picture blink. The
    figure keeps its own margins (``subplots_adjust``, no ``tight_layout``,
    whose layout engine would also cost a second pass). Measured in
    benchmarks/widget_redraw.py.
    """
    import io

    buffer = io.BytesIO()
    # Light compression: ~10% faster to make, ~10% more bytes (a local connection carries them).
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white", pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def image_widget():
    """An empty ipywidgets Image for ``figure_png`` bytes, shown at its own pixel size.

    In a widget box an Image is stretched to the box's width, which blurs the
    picture; this one keeps its size and only shrinks to fit a narrow window.
    """
    import ipywidgets as widgets

    return widgets.Image(format="png", layout=widgets.Layout(align_self="flex-start", max_width="100%",
                                                             height="auto"))
