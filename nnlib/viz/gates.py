"""A small graph of gates, drawn with its forward values and its backward gradients.

Level 3's bridge to level 4: a formula such as f = (x + y) max(y, z) is a graph of
gates (add, multiply, max). ``draw_gate_graph`` draws one: the value each wire
carries forward above it, the gradient of f flowing back along it below it, and
each input with its total gradient (the sum over its outgoing wires, where a
wire forks). The maths (values and gradients) comes from the caller; this
module only draws.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle, FancyBboxPatch

from .plots import COLORS

_RADIUS = 0.32
_OFFSET = 0.2  # how far a wire's value and gradient sit from it


def _number(v):
    return f"{v:.4g}"


def _check_graph(nodes, edges):
    if not isinstance(nodes, dict) or not nodes:
        raise ValueError("nodes must be a non-empty dict: name -> {'xy': (x, y), 'label': ..., 'value': ...}.")
    for name, node in nodes.items():
        missing = {"xy", "label", "value"} - set(node)
        if missing:
            raise ValueError(f"node {name!r} lacks {sorted(missing)}; each node needs 'xy', 'label' and 'value'.")
    for edge in edges:
        if len(edge) != 3:
            raise ValueError(f"each edge is (source, target, gradient); got {edge!r}.")
        for end in edge[:2]:
            if end not in nodes:
                raise ValueError(f"edge {edge!r} names node {end!r}, which is not in nodes {sorted(nodes)}.")


def draw_gate_graph(nodes, edges, ax=None, title=None):
    """Draw a graph of gates with forward values (blue) and backward gradients (vermillion).

    nodes: {name: {"xy": (x, y), "label": str, "value": number,
                   "gate": bool (drawn as a box; default False, a circle),
                   "grad": number (the total gradient of f, written under an input or output; optional),
                   "name": str (the name in that "df/d..." caption; default the node's key)}}
    edges: [(source, target, gradient)]: the wire from source to target carries
        nodes[source]["value"] forward (written on its left, seen along the wire)
        and ``gradient`` (df/d that wire) back (written on its right).
    Returns the matplotlib Axes.
    """
    _check_graph(nodes, edges)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4))
    for src, dst, grad in edges:
        (x0, y0), (x1, y1) = nodes[src]["xy"], nodes[dst]["xy"]
        length = np.hypot(x1 - x0, y1 - y0)
        ux, uy = (x1 - x0) / length, (y1 - y0) / length  # along the wire
        nx, ny = -uy, ux  # across it, to the left of the direction of travel
        ax.annotate("", xy=(x1 - _RADIUS * 1.15 * ux, y1 - _RADIUS * 1.15 * uy),
                    xytext=(x0 + _RADIUS * ux, y0 + _RADIUS * uy),
                    arrowprops=dict(arrowstyle="-|>", color=COLORS["grey"], lw=1.5, shrinkA=0, shrinkB=0))
        xm, ym = x0 + 0.45 * (x1 - x0), y0 + 0.45 * (y1 - y0)
        for text, side, color in ((_number(nodes[src]["value"]), 1, COLORS["blue"]),
                                  (_number(grad), -1, COLORS["vermillion"])):
            ax.text(xm + side * _OFFSET * nx, ym + side * _OFFSET * ny, text, color=color, ha="center",
                    va="center", fontsize=11, fontweight="bold")
    for name, node in nodes.items():
        x, y = node["xy"]
        if node.get("gate", False):
            ax.add_patch(FancyBboxPatch((x - _RADIUS, y - _RADIUS), 2 * _RADIUS, 2 * _RADIUS,
                                        boxstyle="round,pad=0.05", facecolor=COLORS["sky"],
                                        edgecolor=COLORS["black"], zorder=3))
        else:
            ax.add_patch(Circle((x, y), _RADIUS, facecolor=COLORS["yellow"], edgecolor=COLORS["black"],
                                zorder=3))
        ax.text(x, y, node["label"], ha="center", va="center", fontsize=12, zorder=4)
        if "grad" in node:
            ax.text(x, y - _RADIUS - 0.12, f"df/d{node.get('name', name)} = {_number(node['grad'])}",
                    color=COLORS["vermillion"], ha="center", va="top", fontsize=10)
    xs = [n["xy"][0] for n in nodes.values()]
    ys = [n["xy"][1] for n in nodes.values()]
    ax.set_xlim(min(xs) - 0.9, max(xs) + 0.9)
    ax.set_ylim(min(ys) - 0.9, max(ys) + 0.7)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.plot([], [], color=COLORS["blue"], lw=3, label="value carried forward")
    ax.plot([], [], color=COLORS["vermillion"], lw=3, label="gradient of f carried back")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2, frameon=False, fontsize=9)
    if title:
        ax.set_title(title)
    return ax
