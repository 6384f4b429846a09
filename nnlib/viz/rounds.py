"""The computer's learning seen moving (level 1): the sorter's line after each round of ``nnlib.sorter.learn``.

``round_view`` is the plain, tested logic (which dials, how many right, what
to say) for round r; ``plot_rounds`` is the static figure (one small picture
per round); ``rounds_widget`` a slider over the rounds that moves the line and
lights up that round's bar of mistakes.
"""

from dataclasses import dataclass

import numpy as np

from ..sorter import sort_fruit
from .plots import COLORS


@dataclass
class RoundView:
    """What to show after round r (r = 0: before learning). dials: (size dial, colour dial, lean);
    n_right, n_mistakes: how the sorter does on every fruit with those dials; mistakes_made:
    the mistakes it made (and learned from) during round r (None for r = 0); caption: in words."""

    r: int
    dials: tuple
    n_right: int
    n_mistakes: int
    mistakes_made: object
    caption: str


def round_view(X, y, training, r):
    """What the picture shows after round r of ``training`` (a ``nnlib.sorter.Training``)."""
    last = len(training.mistakes)
    if isinstance(r, bool) or not isinstance(r, (int, np.integer)) or not 0 <= r <= last:
        raise ValueError(f"r must be a round number from 0 (before learning) to {last}; got {r!r}.")
    dials = training.dials[r]
    result = sort_fruit(X, y, *dials)
    shown = ", ".join(f"{d:g}" for d in dials)
    if r == 0:
        caption = f"Before learning: every dial at 0, so every fruit is called an apple ({result.n_mistakes} wrong)."
    else:
        made = training.mistakes[r - 1]
        n = result.n_right + result.n_mistakes
        if made == 0:
            caption = f"Round {r}: no mistakes, so nothing to nudge: it stops. Dials ({shown}): {result.n_right} of {n} right."
        else:
            caption = (f"Round {r}: {made} mistake{'s' if made != 1 else ''}, each followed by a nudge. "
                       f"Dials now ({shown}): {result.n_right} of {n} right.")
    return RoundView(int(r), tuple(dials), result.n_right, result.n_mistakes,
                     None if r == 0 else training.mistakes[r - 1], caption)


def plot_rounds(X, y, training, ncols=3):
    """One small picture of the sorter per round (before learning, then after each round). Returns the figure."""
    import matplotlib.pyplot as plt

    from .sorter import SorterPicture

    n = len(training.dials)
    nrows = -(-n // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.6 * ncols, 3.9 * nrows), sharex=True, sharey=True)
    axes = np.atleast_1d(axes).ravel()
    for r, ax in enumerate(axes):
        if r >= n:
            ax.axis("off")
            continue
        picture = SorterPicture(ax, X, y)
        view = round_view(X, y, training, r)
        picture.update(*view.dials, title="Before learning" if r == 0 else f"After round {r}")
        if r > 0:
            ax.get_legend().remove()
        ax.label_outer()
    fig.tight_layout()
    return fig


def rounds_widget(X, y, training):
    """A slider over the rounds: the sorter's line after that round, and the bar chart of
    mistakes with that round's bar lit up. Returns the ipywidgets box."""
    import ipywidgets as widgets
    from matplotlib.figure import Figure

    from .plots import figure_png, image_widget
    from .sorter import SorterPicture

    fig = Figure(figsize=(11, 4.6))
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.12, top=0.86, wspace=0.25)
    ax_fruit, ax_bars = fig.add_subplot(1, 2, 1), fig.add_subplot(1, 2, 2)
    picture = SorterPicture(ax_fruit, X, y)
    rounds = np.arange(1, len(training.mistakes) + 1)
    bars = ax_bars.bar(rounds, training.mistakes, color=COLORS["grey"])
    ax_bars.bar_label(bars, fontsize=10)
    ax_bars.set(xticks=rounds, xlabel="round", ylabel="mistakes made in that round",
                ylim=(0, max(training.mistakes) * 1.18 + 1), title="Mistakes, round by round")
    from matplotlib.ticker import MaxNLocator

    ax_bars.yaxis.set_major_locator(MaxNLocator(integer=True))  # whole mistakes only
    slider = widgets.IntSlider(value=0, min=0, max=len(training.mistakes), description="round",
                               continuous_update=True)
    caption, image = widgets.HTML(), image_widget()

    def redraw(change=None):
        view = round_view(X, y, training, slider.value)
        picture.update(*view.dials, title="Before learning" if view.r == 0 else f"After round {view.r}")
        for i, bar in enumerate(bars, start=1):
            bar.set_color(COLORS["vermillion"] if i == view.r else COLORS["grey"])
        caption.value = view.caption
        image.value = figure_png(fig)

    slider.observe(redraw, names="value")
    redraw()
    return widgets.VBox([slider, caption, image])
