"""The computer's learning seen moving (level 1): the sorter's line after each round of ``nnlib.sorter.learn``.

Two counts belong to a round and must never be confused: the mistakes Pip
made *while* it learned in that round (the bar chart, ``training.mistakes``),
and the fruit its line gets wrong *after* the round, with the dials it ended
with (the picture). They differ: a nudge that fixes one fruit can push the
line past others Pip had already looked at.

``round_view`` is the plain, tested logic (which dials, both counts, the title
and the words) for round r; ``plot_rounds`` is the static figure (one small
picture per round); ``rounds_widget`` a play button and a slider over the
rounds, drawn in the browser (``rounds_plot``, ``web/rounds.js``): every
round's picture and words are computed here once and sent with it, so it
plays without the kernel.
"""

from dataclasses import dataclass

import numpy as np

from ..sorter import sort_fruit
from .plots import COLORS


@dataclass
class RoundView:
    """What to show after round r (r = 0: before learning). dials: (size dial, colour dial, lean);
    n_right, n_mistakes: how the line does on every fruit with those dials (after the round);
    mistakes_made: the mistakes it made (and learned from) during round r (None for r = 0);
    title: the picture's title; caption: in words; done: every fruit right."""

    r: int
    dials: tuple
    n_right: int
    n_mistakes: int
    mistakes_made: object
    title: str
    caption: str
    done: bool


def _fruit(n):
    return f"{n} fruit" if n != 1 else "1 fruit"


def round_view(X, y, training, r):
    """What the picture shows after round r of ``training`` (a ``nnlib.sorter.Training``)."""
    last = len(training.mistakes)
    if isinstance(r, bool) or not isinstance(r, (int, np.integer)) or not 0 <= r <= last:
        raise ValueError(f"r must be a round number from 0 (before learning) to {last}; got {r!r}.")
    dials = training.dials[r]
    result = sort_fruit(X, y, *dials)
    n, wrong = result.n_right + result.n_mistakes, result.n_mistakes
    line = f"its line gets {_fruit(wrong)} wrong" if wrong else f"all {n} fruit right!"
    if r == 0:
        title = f"Before learning (no line yet):\n{_fruit(wrong)} wrong"
        caption = (f"Before learning every dial is at 0, so every score is 0 and Pip says apple to every fruit: "
                   f"{_fruit(wrong)} wrong. There is no line yet: it appears with Pip's first nudge.")
    else:
        made = training.mistakes[r - 1]
        title = f"After round {r} ({made} mistake{'s' * (made != 1)} while learning):\n{line}"
        if made == 0:
            caption = (f"Round {r}: Pip looked at all {n} fruit and made no mistakes, so there was nothing to "
                       f"nudge: it stops. Its line sorts all {n} fruit right.")
        else:
            caption = (f"Round {r}: Pip looked at all {n} fruit, one at a time, and made {made} "
                       f"mistake{'s' * (made != 1)}, nudging its dials after each one. With the dials it has now, "
                       + (f"its line sorts all {n} fruit right." if wrong == 0 else f"{line}."))
            if wrong > made:
                caption += (" That is more than during the round: its last nudges pushed the line past fruit it "
                            "had already looked at.")
                if r < last:
                    after = sort_fruit(X, y, *training.dials[r + 1]).n_mistakes
                    caption += (" The next round fixes them." if after == 0 else
                                " The next round fixes most of them." if after < wrong else "")
    return RoundView(int(r), tuple(dials), result.n_right, wrong, None if r == 0 else training.mistakes[r - 1],
                     title, caption, wrong == 0)


def round_views(X, y, training):
    """``round_view`` for every round, before learning first."""
    return [round_view(X, y, training, r) for r in range(len(training.dials))]


def plot_rounds(X, y, training, ncols=2):
    """One small picture of the sorter per round (before learning, then after each round). Returns the figure.

    Two pictures a row (8.6 inches wide): shown at a notebook's width the titles and the words on each
    side stay readable (three a row, 12.9 inches, shrank them to about 11 px).
    """
    import matplotlib.pyplot as plt

    from .sorter import SorterPicture, legend_handles

    n = len(training.dials)
    nrows = -(-n // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.3 * ncols, 4.0 * nrows), sharex=True, sharey=True)
    axes = np.atleast_1d(axes).ravel()
    for r, ax in enumerate(axes):
        if r >= n:
            ax.axis("off")
            continue
        picture = SorterPicture(ax, X, y, legend=False)
        view = round_view(X, y, training, r)
        picture.update(*view.dials)
        ax.set_title(view.title, fontsize=11)
        ax.label_outer()
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    fig.legend(handles=legend_handles(), loc="lower center", ncol=3, fontsize=11, frameon=False,
               columnspacing=2.0)
    return fig


def rounds_plot(X, y, training):
    """The rounds, drawn in the browser (``web/rounds.js``): an anywidget whose trait ``frame`` is the round.

    Every round's dials, title and words (``round_views``) and the bar chart of
    mistakes are sent once; the page only shows the one of ``frame``.
    """
    from .browser import view_class
    from .sorter import SCENE_TRAITS, scene_traits

    frames = [{"dials": list(v.dials), "title": v.title, "caption": v.caption, "made": v.mistakes_made,
               "wrong": v.n_mistakes, "done": v.done} for v in round_views(X, y, training)]
    traits = (("frame", "int"), ("frames", "list"), ("mistakes", "list"), ("spec", "dict")) + SCENE_TRAITS
    return view_class("rounds", "RoundsPlot", traits)(
        frame=0, frames=frames, mistakes=[int(m) for m in training.mistakes],
        spec={"width": 520, "height": 470, "left": 62, "right": 14, "top": 56, "bottom": 80,
              "bars": {"width": 400, "height": 470, "left": 60, "right": 96, "top": 56, "bottom": 80}},
        **scene_traits(X, y))


def rounds_widget(X, y, training, interval=1600):
    """A play button and a slider over the rounds, and the picture (``rounds_plot``): press play to watch
    Pip learn, round by round. The button, the slider and the picture are linked in the browser.
    interval: milliseconds per round while playing. Returns the ipywidgets box."""
    import ipywidgets as widgets

    from .browser import link

    last = len(training.mistakes)
    slider = widgets.IntSlider(value=0, min=0, max=last, description="round", continuous_update=True)
    play = widgets.Play(value=0, min=0, max=last, step=1, interval=interval, description="play",
                        show_repeat=False)
    plot = rounds_plot(X, y, training)
    links = [widgets.jslink((play, "value"), (slider, "value")), link(slider, plot, "frame")]
    box = widgets.VBox([widgets.HBox([play, slider]), plot])
    box.slider, box.play, box.plot, box.links = slider, play, plot, links
    return box
