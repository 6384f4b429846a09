"""Figures and widgets: everything nnlib draws (matplotlib, ipywidgets).

One module per idea, named after the maths module whose results it draws:

- ``plots``: the palette, fruit scatter plots, decision boundaries, network
  diagrams, and ``figure_png``/``image_widget`` that every widget draws with;
- ``guessing``, ``sorter`` (level 1), ``descent`` (level 2): pictures and
  widgets of ``nnlib.guessing``, ``nnlib.sorter`` and ``nnlib.descent``;
- ``explorer``: the sigmoid explorer (levels 1 to 3);
- ``gallery``: the digits and the hidden units as images (level 3);
- ``progress``: ``ProgressBar``, a training callback.

The maths never imports this package; this package imports the maths.
"""

from . import descent, explorer, gallery, guessing, plots, progress, sorter
from .progress import ProgressBar

__all__ = ["ProgressBar", "descent", "explorer", "gallery", "guessing", "plots", "progress", "sorter"]
