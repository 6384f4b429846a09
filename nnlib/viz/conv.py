"""Pictures of level 5: small matrices drawn as grids of numbers (kernels, gradients, pooling)."""

import matplotlib.pyplot as plt
import numpy as np


def draw_matrix(M, ax=None, title=None, fmt="{:.2f}", cmap="RdBu_r", limit=None, highlight=None):
    """Draw a 2-D array as coloured cells with their values written in.

    limit: the colour scale runs from -limit to limit (default: the largest
    |value|), so 0 is white; highlight: a boolean mask of cells to outline.
    Returns the Axes.
    """
    M = np.asarray(M, dtype=float)
    if M.ndim != 2:
        raise ValueError(f"draw_matrix draws a 2-D array; got shape {M.shape}.")
    if ax is None:
        _, ax = plt.subplots(figsize=(0.55 * M.shape[1] + 0.6, 0.55 * M.shape[0] + 0.6))
    limit = limit or (float(np.max(np.abs(M))) or 1.0)
    ax.imshow(M, cmap=cmap, vmin=-limit, vmax=limit)
    for (i, j), value in np.ndenumerate(M):
        ax.text(j, i, fmt.format(value + 0.0), ha="center", va="center", fontsize=8)
        if highlight is not None and highlight[i, j]:
            ax.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, lw=2.2, edgecolor="black"))
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title, fontsize=10)
    return ax
