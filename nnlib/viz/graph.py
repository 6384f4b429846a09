"""Drawing a computational graph of scalar values with matplotlib (no graphviz).

A node is any object with
  ``data``    its value (a number),
  ``grad``    dJ/d(node), filled in by a backward pass,
  ``op``      the operation that made it ('' for an input),
  ``label``   a short name ('' if none),
  ``parents`` a sequence of (parent node, local derivative d(node)/d(parent)),
as the scalar engine built in the level 4 lesson has.
"""

from .plots import COLORS


def graph_layout(root):
    """Every node reachable from root, in topological order, with a position.

    Returns (order, pos): order lists parents before children (root last);
    pos maps id(node) -> (x, y), x the length of the longest path from an
    input (inputs at x = 0), y spreading the nodes of one column.
    """
    order, seen, stack = [], set(), [(root, False)]
    while stack:  # depth-first without recursion, as the lesson's topological_order: long chains fit
        node, parents_done = stack.pop()
        if parents_done:
            order.append(node)
        elif id(node) not in seen:
            seen.add(id(node))
            stack.append((node, True))
            stack.extend((parent, False) for parent, _ in reversed(node.parents))  # first parent first
    depth = {}
    for node in order:
        depth[id(node)] = 1 + max((depth[id(p)] for p, _ in node.parents), default=-1)
    columns = {}
    for node in order:
        columns.setdefault(depth[id(node)], []).append(node)
    pos = {}
    for x, nodes in columns.items():
        for i, node in enumerate(nodes):
            pos[id(node)] = (float(x), (len(nodes) - 1) / 2.0 - i)
    return order, pos


def draw_graph(root, ax=None, grads=True, title=None):
    """Draw the graph that made ``root``: a box per value, an arrow per use.

    Each box shows the name or operation, the value and (grads=True) the
    gradient dJ/d(node); each arrow is labelled with its local derivative.
    A value used twice has two arrows leaving it. Returns the Axes.
    """
    import matplotlib.pyplot as plt

    order, pos = graph_layout(root)
    if ax is None:
        width = max(x for x, _ in pos.values()) + 1
        height = max(abs(y) for _, y in pos.values()) * 2 + 1
        _, ax = plt.subplots(figsize=(2.4 * width + 1, 1.3 * height + 1.2))
    for node in order:
        x1, y1 = pos[id(node)]
        for parent, local in node.parents:
            x0, y0 = pos[id(parent)]
            ax.annotate("", xy=(x1 - 0.3, y1), xytext=(x0 + 0.3, y0),
                        arrowprops={"arrowstyle": "->", "color": COLORS["grey"], "lw": 1.3,
                                    "shrinkA": 0, "shrinkB": 0})
            ax.text((x0 + x1) / 2, (y0 + y1) / 2 + 0.08, f"{local:.3g}", ha="center", va="bottom",
                    fontsize=8, color=COLORS["vermillion"])
    for node in order:
        x, y = pos[id(node)]
        name = node.label or node.op or "input"
        if node.label and node.op:
            name = f"{node.label} = {node.op}"
        text = f"{name}\nvalue {node.data:.4g}" + (f"\ngrad {node.grad:.4g}" if grads else "")
        colour = COLORS["yellow"] if not node.parents else (COLORS["sky"] if node is not root else COLORS["orange"])
        ax.text(x, y, text, ha="center", va="center", fontsize=9,
                bbox={"boxstyle": "round,pad=0.35", "facecolor": colour, "edgecolor": "black", "alpha": 0.9})
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - 0.6, max(xs) + 0.6)
    ax.set_ylim(min(ys) - 0.7, max(ys) + 0.7)
    ax.axis("off")
    ax.set_title(title or "Computational graph: inputs (yellow) to output (orange); "
                 "arrow labels are local derivatives", fontsize=10)
    return ax
