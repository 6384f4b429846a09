"""Pictures of gradient descent on a line (``nnlib.descent``): one walk, three learning rates, a stepper.

``plot_descent`` draws one walk on three axes (the line, the walk on a map of
the loss, the loss per step) and ``update_descent`` moves it to another walk;
``plot_learning_rates`` is the static story of three learning rates;
``descent_stepper`` wires a learning-rate slider and step buttons to one
figure (``StepperPicture``: a cached background, only the moving parts
redrawn, sent as JPEG), so it redraws without flicker in a few milliseconds.
"""

import asyncio

import numpy as np
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator
from matplotlib.transforms import blended_transform_factory

from ..descent import DescentPath, check_points, descend, verdict
from .plots import COLORS


def at_bottom(path):
    """True when the walk's loss equals the lowest possible to the 3 digits the caption prints."""
    L, best = path.losses[-1], path.best[2]
    return bool(path.steps and np.isfinite(L) and f"{L:.3g}" == f"{best:.3g}")


def state_word(path):
    """The walk's verdict as the stepper shows it: "at the bottom" once the loss equals the lowest to 3 digits.

    A slow walk (``verdict`` "crawling": the extra loss shrank slowly on average)
    that has nevertheless arrived is not called crawling any more.
    """
    if path.verdict == "crawling" and at_bottom(path):
        return "crawling, but it reached the bottom"
    return path.verdict


def caption(path):
    """One sentence on a walk, for a caption or a printout."""
    if path.steps == 0:
        return f"learning rate {path.learning_rate:g}: at the start, loss {path.losses[0]:.2f}. Take a step."
    m, c, L = path.ms[-1], path.cs[-1], path.losses[-1]
    where = f"m = {m:.3g}, c = {c:.3g}, loss {L:.3g}" if np.isfinite(L) else "the numbers overflowed"
    return (f"learning rate {path.learning_rate:g}, after {path.steps} step{'s' * (path.steps > 1)}: "
            f"{where} (lowest possible {path.best[2]:.2f}): {state_word(path)}.")


def loss_ticks(lo, hi):
    """Tick values for a log-scale loss axis from lo to hi (> 0, hi > 1.5 lo): 2 to 7 of them.

    The first of these that puts 2 to 7 ticks in range: 1, 2, 5 times powers
    of ten; every power of ten; every k-th power of ten (k = 2, 3, ...);
    for a short axis, 1, 1.5, 2, 3, 4, 5, 7 times powers of ten.
    """
    a, b = int(np.floor(np.log10(lo))), int(np.ceil(np.log10(hi)))
    candidates = [[m * 10.0 ** k for k in range(a, b + 1) for m in (1, 2, 5)]]
    candidates += [[10.0 ** k for k in range(a - a % s, b + 1, s)] for s in range(1, b - a + 2)]
    candidates.append([m * 10.0 ** k for k in range(a, b + 1) for m in (1, 1.5, 2, 3, 4, 5, 7)])
    for ticks in candidates:
        ticks = [t for t in ticks if lo <= t <= hi]
        if 2 <= len(ticks) <= 7:
            return ticks
    return [lo, hi]


def loss_label(v, _=None):
    """A loss tick label: 0.5, 20, 1e+06."""
    return f"{v:g}"


def _map_ranges(path):
    """Axis ranges of the loss map: the start and the bottom of the valley, with a margin."""
    (m0, c0), (m1, c1) = (path.ms[0], path.cs[0]), path.best[:2]
    pad = 0.35 * max(abs(m1 - m0), abs(c1 - c0), 2.0)
    return (min(m0, m1) - pad, max(m0, m1) + pad), (min(c0, c1) - pad, max(c0, c1) + pad)


def plot_descent(path, x, y, axes, xlabel="x", ylabel="y", titles=True, map_ranges=None):
    """Draw one walk on three Axes: the line over the points, the path on a map
    of the loss, and the loss after each step. Returns a dict of artists that
    ``update_descent`` moves to another walk (same points, same start).
    map_ranges: ((m0, m1), (c0, c1)) of the loss map (default: the start and
    the bottom with a margin, ``_map_ranges``).
    """
    x, y = check_points(x, y)
    ax_line, ax_map, ax_loss = axes
    ax_line.scatter(x, y, s=14, color=COLORS["sky"], edgecolors="none", label="points")
    xs = np.array([x.min() - 0.3, x.max() + 0.3])
    best = ax_line.plot(xs, path.best[0] * xs + path.best[1], ls="--", color=COLORS["grey"], lw=1.2,
                        label="best line (formula)")[0]
    line = ax_line.plot(xs, xs * 0, color=COLORS["blue"], lw=2.2, label="line now")[0]
    ax_line.set(xlim=xs, ylim=(y.min() - 1, y.max() + 1), xlabel=xlabel, ylabel=ylabel)
    ax_line.legend(loc="upper left", fontsize=8, framealpha=0.9)

    (ma, mb), (ca, cb) = map_ranges or _map_ranges(path)
    gm, gc = np.meshgrid(np.linspace(ma, mb, 80), np.linspace(ca, cb, 80))
    loss_map = np.mean((gm[..., None] * x + gc[..., None] - y) ** 2, axis=-1)
    ax_map.imshow(np.log10(loss_map), extent=(ma, mb, ca, cb), origin="lower", aspect="auto",
                  cmap="viridis", alpha=0.85, interpolation="bilinear")
    ax_map.contour(gm, gc, np.log10(loss_map), levels=12, colors="white", linewidths=0.4, alpha=0.6)
    ax_map.plot(*path.best[:2], marker="*", ms=15, color="white", mec="black", ls="none", label="bottom")
    ax_map.plot(path.ms[0], path.cs[0], "o", color="white", mec="black", ms=7, ls="none", label="start")
    trail = ax_map.plot([], [], "-o", color=COLORS["vermillion"], ms=3, lw=0.9, label="steps")[0]
    here = ax_map.plot([], [], "o", color=COLORS["vermillion"], mec="black", ms=8, ls="none")[0]
    away = ax_map.plot([], [], "^", color="white", mec=COLORS["vermillion"], mew=2, ms=10, ls="none")[0]
    ax_map.set(xlim=(ma, mb), ylim=(ca, cb), xlabel="m (slope of the line)", ylabel="c (intercept)")
    ax_map.legend(loc="lower right", fontsize=8, framealpha=0.9)

    floor = ax_loss.axhline(path.best[2], ls="--", color=COLORS["grey"], lw=1.2, label="lowest possible")
    # the floor's name under it, at the right: nothing is ever drawn below the lowest possible loss
    # (a legend would sit where a climbing loss goes)
    floor_text = ax_loss.annotate("lowest possible loss", xy=(0.98, path.best[2]), xytext=(0, -5),
                                  xycoords=blended_transform_factory(ax_loss.transAxes, ax_loss.transData),
                                  textcoords="offset points", ha="right", va="top", fontsize=8, color="#555555")
    curve = ax_loss.plot([], [], "-o", color=COLORS["vermillion"], ms=3, lw=1.3, label="loss")[0]
    ax_loss.set(yscale="log", xlabel="step", ylabel="loss L(m, c) (log scale)")
    ax_loss.yaxis.set_major_formatter(FuncFormatter(loss_label))
    ax_loss.yaxis.set_minor_locator(NullLocator())
    artists = {"line": line, "best": best, "trail": trail, "here": here, "away": away, "curve": curve,
               "floor": floor, "floor_text": floor_text, "xs": xs, "axes": axes, "titles": titles}
    update_descent(artists, path)
    return artists


def update_descent(artists, path):
    """Move the artists of ``plot_descent`` to show ``path``; returns the path."""
    ax_line, ax_map, ax_loss = artists["axes"]
    m, c = path.ms[-1], path.cs[-1]
    with np.errstate(over="ignore", invalid="ignore"):
        artists["line"].set_ydata(m * artists["xs"] + c)
    artists["trail"].set_data(path.ms, path.cs)
    (m0, m1), (c0, c1) = ax_map.get_xlim(), ax_map.get_ylim()
    inside = np.isfinite(m + c) and m0 <= m <= m1 and c0 <= c <= c1
    artists["here"].set_data([m], [c])
    if inside:
        artists["away"].set_data([], [])
    else:  # off the map: an arrow on its edge, pointing where the walk went
        finite = np.flatnonzero(np.isfinite(path.ms + path.cs))
        mc = np.array([path.ms[finite[-1]], path.cs[finite[-1]]])  # the last point the numbers could hold
        half = np.array([(m1 - m0) / 2, (c1 - c0) / 2])
        centre = np.array([m0, c0]) + half
        u = (mc - centre) / half  # in half-widths of the map; |u| > 1 on some axis
        k = int(np.argmax(np.abs(u)))
        edge = centre + 0.96 * half * u / max(np.abs(u[k]), 1e-12)
        artists["away"].set_data([edge[0]], [edge[1]])
        artists["away"].set_marker((">" if u[0] > 0 else "<") if k == 0 else ("^" if u[1] > 0 else "v"))
    artists["off_map"] = not inside
    steps = np.arange(path.losses.size)
    artists["curve"].set_data(steps, path.losses)
    xmax, (lo, hi) = loss_limits(path)
    set_loss_limits(ax_loss, xmax, lo, hi)
    if artists["titles"]:
        ax_line.set_title(f"the line after {path.steps} steps")
        ax_map.set_title("the walk on a map of the loss (dark = low)")
        ax_loss.set_title(f"loss after each step: {state_word(path) or 'not started'}")
    return path


STEP_AXIS = (10, 20, 50, 100, 200, 300, 500, 1000)  # the loss axis grows in these jumps


def loss_limits(path):
    """The loss axis's right end (a step count from STEP_AXIS) and (bottom, top) loss.

    Both change in jumps (the top to the next power of ten once the loss
    climbs above its start), so a stepper redraws its axes only now and then.
    The bottom puts the lowest possible loss a tenth of the way up the (log) axis.
    """
    finite = path.losses[np.isfinite(path.losses)]
    top = max(finite.max(), path.losses[0]) if finite.size else path.losses[0]
    if top > path.losses[0]:
        top = 10.0 ** np.ceil(np.log10(top))
    xmax = next((n for n in STEP_AXIS if n >= path.steps), path.steps)
    if path.best[2] <= 0:
        return xmax, (1e-3 * top, 3 * top)
    # the floor (the lowest possible loss) a tenth of the way up: room under it for its name
    return xmax, (path.best[2] * (3 * top / path.best[2]) ** (-1 / 9), 3 * top)


def set_loss_limits(ax, xmax, lo, hi):
    """Set the loss axis's limits and its ticks (``loss_ticks``); nothing to do if they are already set."""
    if ax.get_xlim() == (-0.5, xmax + 0.5) and ax.get_ylim() == (lo, hi):
        return
    ax.set_xlim(-0.5, xmax + 0.5)
    ax.set_ylim(lo, hi)
    ax.yaxis.set_major_locator(FixedLocator(loss_ticks(lo, hi)))


def plot_learning_rates(x, y, rates=(0.01, 0.1, 0.9), start=(0.0, 0.0), steps=30,
                        xlabel="x", ylabel="y"):
    """The static story: one column per learning rate (line, walk, loss). Returns the Figure."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(3, len(rates), figsize=(4.1 * len(rates), 10.2), squeeze=False)
    for j, rate in enumerate(rates):
        path = descend(x, y, rate, start, steps)
        plot_descent(path, x, y, axes[:, j], xlabel, ylabel, titles=False)
        set_loss_limits(axes[2, j], steps, *loss_limits(path)[1])  # the axis ends where the walk does
        axes[0, j].set_title(f"learning rate {rate:g}: {path.verdict.upper()}\n"
                             f"the line after {steps} steps", fontsize=11)
        axes[1, j].set_title("the walk on a map of the loss (dark = low)", fontsize=10)
        axes[2, j].set_title("loss after each step", fontsize=10)
    fig.suptitle(f"{steps} steps of gradient descent from m = {start[0]:g}, c = {start[1]:g}, "
                 f"with {len(rates)} learning rates", fontsize=13)
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.05, top=0.9, wspace=0.3, hspace=0.42)
    return fig


def first_steps(path, steps):
    """The walk ``path`` cut after ``steps`` steps: the same as ``descend`` with that many steps.

    Each step depends only on the one before, so the first k steps of a long
    walk are the walk of k steps; the stepper computes each rate's walk once.
    """
    if not 0 <= steps <= path.steps:
        raise ValueError(f"steps must be between 0 and {path.steps}; got {steps!r}.")
    n = steps + 1
    losses = path.losses[:n]
    return DescentPath(path.learning_rate, path.ms[:n], path.cs[:n], losses, path.best,
                       verdict(losses, path.best[2]) if steps else None)


def stepper_map_ranges(walks):
    """The stepper's loss map: the start, the bottom, and every point of the ``walks`` (DescentPaths
    from one start) whose loss is not above the start's; so only a walk that climbs leaves it.
    """
    (ma, mb), (ca, cb) = _map_ranges(walks[0])
    ms, cs = [ma, mb], [ca, cb]
    for path in walks:
        low = np.isfinite(path.losses) & (path.losses <= path.losses[0])
        ms.extend(path.ms[low])
        cs.extend(path.cs[low])
    (m0, m1), (c0, c1) = (min(ms), max(ms)), (min(cs), max(cs))
    pm, pc = 0.05 * (m1 - m0), 0.05 * (c1 - c0)
    return (m0 - pm, m1 + pm), (c0 - pc, c1 + pc)


class StepperPicture:
    """The stepper's figure drawn once into a cached background; a step redraws only what moves.

    The points, the loss map, and the loss panel's frame and title
    are drawn once; the loss panel's axes (ticks, tick labels, axis labels)
    and its "lowest possible" line and words depend on the loss axis's limits, so they
    are drawn over that for each new pair of limits (about 25 ms, cached).
    The line, the walk, the marker and the loss curve are drawn over the
    result, and it is sent as a JPEG (about 5-10 ms instead of 250 ms for a
    whole PNG).
    """

    MOVING = ("line", "trail", "here", "away", "curve")

    def __init__(self, x, y, rate, start, xlabel, ylabel, map_ranges, dpi=90):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.fig = Figure(figsize=(12.5, 3.9), dpi=dpi)
        FigureCanvasAgg(self.fig)
        axes = self.fig.subplots(1, 3)
        self.fig.subplots_adjust(left=0.05, right=0.99, bottom=0.13, top=0.91, wspace=0.28)
        self.artists = plot_descent(descend(x, y, rate, start, 0), x, y, axes, xlabel, ylabel,
                                    titles=False, map_ranges=map_ranges)
        axes[0].set_title("the line now (blue) and the best line (dashed)", fontsize=10)
        axes[1].set_title("the walk on a map of the loss (dark = low)", fontsize=10)
        axes[2].set_title("loss after each step", fontsize=10)
        for name in self.MOVING:
            self.artists[name].set_animated(True)
        self.static, self.backgrounds, self.background = None, {}, None

    def _limited(self):
        """The loss panel's parts that move with its limits: its two axes, the floor line and its name."""
        ax_loss = self.artists["axes"][2]
        return ax_loss.xaxis, ax_loss.yaxis, self.artists["floor"], self.artists["floor_text"]

    @staticmethod
    def limits(path):
        """The loss axis's (xlim, ylim) when ``path`` is shown: the key of its cached background."""
        xmax, (lo, hi) = loss_limits(path)
        return (-0.5, xmax + 0.5), (lo, hi)

    def _background(self, limits):
        """The picture without its moving parts, for the loss axis's ``limits`` (cached).

        Everything that never changes is drawn once, without the loss panel's
        axes and floor line. For new loss limits only those are drawn over it,
        with the loss axis set to ``limits``. The cache keeps the
        ``CACHED`` most recently used backgrounds.
        """
        canvas = self.fig.canvas
        if self.static is None:
            for part in self._limited():
                part.set_visible(False)
            canvas.draw()  # the animated artists are left out of this draw
            self.static = canvas.copy_from_bbox(self.fig.bbox)
            for part in self._limited():
                part.set_visible(True)
        if limits in self.backgrounds:
            self.backgrounds[limits] = self.backgrounds.pop(limits)  # now the most recently used
        else:
            while len(self.backgrounds) >= self.CACHED:
                self.backgrounds.pop(next(iter(self.backgrounds)))  # the least recently used
            (x0, x1), (lo, hi) = limits
            set_loss_limits(self.artists["axes"][2], x1 - 0.5, lo, hi)
            canvas.restore_region(self.static)
            for part in self._limited():
                self.fig.draw_artist(part)
            self.backgrounds[limits] = canvas.copy_from_bbox(self.fig.bbox)
        return self.backgrounds[limits]

    CACHED = 16  # backgrounds kept (1.6 MB each)

    def prepare(self, path):
        """Draw and cache the background that showing ``path`` will need, without showing it.

        The stepper calls this while the kernel is idle, for the walks one
        click away, so that a click rarely waits for a new loss axis. Returns
        True if it drew one. The shown picture is unchanged (the next ``show``
        restores its own background).
        """
        limits = self.limits(path)
        if limits in self.backgrounds:
            return False
        ax_loss = self.artists["axes"][2]
        now = ax_loss.get_xlim(), ax_loss.get_ylim()
        self._background(limits)
        set_loss_limits(ax_loss, now[0][1] - 0.5, *now[1])
        return True

    def show(self, path):
        """Move to ``path`` and return the JPEG bytes of the figure."""
        import io

        from PIL import Image

        update_descent(self.artists, path)
        canvas = self.fig.canvas
        self.background = self._background(self.limits(path))
        canvas.restore_region(self.background)
        for name in self.MOVING:
            self.fig.draw_artist(self.artists[name])
        buffer = io.BytesIO()
        Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba()).convert("RGB").save(
            buffer, format="jpeg", quality=88)
        return buffer.getvalue()


def descent_stepper(x, y, rates=(0.01, 0.03, 0.1, 0.3, 0.6, 0.85, 0.9, 0.95, 1.1), rate=0.1,
                    start=(0.0, 0.0), xlabel="x", ylabel="y", max_steps=300):
    """A learning-rate slider and "step", "10 steps" and "reset" buttons, over one figure.

    Returns an ipywidgets VBox; display it (or leave it last in a cell). The
    walk is recomputed by ``descend`` in the kernel and drawn by a
    ``StepperPicture`` (cached background, only the moving parts redrawn,
    JPEG); while the kernel is idle it draws ahead the backgrounds one click
    away (``one_click_away``, also on the returned box). Changing the learning rate keeps the number of steps, so rates can
    be compared step for step. The map holds every walk that does not climb
    (``stepper_map_ranges``); a walk that leaves it is marked on its edge.
    At most ``max_steps`` steps: a click past them says so.
    """
    import ipywidgets as widgets

    if rate not in rates:
        raise ValueError(f"rate must be one of rates {rates}; got {rate!r}.")
    walks = {r: descend(x, y, r, start, max_steps) for r in rates}  # each rate's walk, computed once
    picture = StepperPicture(x, y, rate, start, xlabel, ylabel, stepper_map_ranges(list(walks.values())))
    picker = widgets.SelectionSlider(options=[(f"{r:g}", r) for r in rates], value=rate,
                                     description="learning rate", continuous_update=False,
                                     style={"description_width": "initial"},
                                     layout=widgets.Layout(width="520px"))
    buttons = {name: widgets.Button(description=name) for name in ("step", "10 steps", "reset")}
    words = widgets.HTML()
    image = widgets.Image(format="jpeg", layout=widgets.Layout(align_self="flex-start", max_width="100%",
                                                               height="auto"))
    state = {"steps": 0, "path": None, "capped": False, "ahead": [], "turn": None}

    def one_click_away():
        """The walks one click away from the one shown: step, 10 steps, the next rates, reset."""
        steps, i = state["steps"], rates.index(picker.value)
        near = [(walks[picker.value], steps + 1), (walks[picker.value], steps + 10)]
        near += [(walks[rates[j]], steps) for j in (i + 1, i - 1) if 0 <= j < len(rates)]
        near += [(walks[picker.value], 0)]
        return [first_steps(walk, min(n, max_steps)) for walk, n in near]

    def prepare_ahead():
        """While the kernel waits for the next click, draw the backgrounds one click away.

        Runs on the kernel's event loop, one background per turn, so a click
        that comes meanwhile waits for one drawing (about 25 ms) at most.
        Outside a running event loop (a script, a test) nothing is drawn ahead.
        """
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        state["ahead"], turn = one_click_away(), object()
        state["turn"] = turn

        def next_one():
            while state["turn"] is turn and state["ahead"]:  # a newer redraw has its own list
                if picture.prepare(state["ahead"].pop(0)):
                    loop.call_later(0.005, next_one)  # let a waiting click in first
                    return

        loop.call_later(0.05, next_one)  # after the picture has gone out

    def redraw(change=None):
        path = first_steps(walks[picker.value], state["steps"])
        image.value = picture.show(path)
        state["path"] = path
        text = caption(path)
        if picture.artists["off_map"]:
            text += " The walk has left the map: the arrow on its edge shows which way it went."
        if state["capped"]:
            text += (f" This stepper stops at {max_steps} steps: press reset to start again, "
                     "or pick another learning rate.")
        words.value = f"<b>{text}</b>"
        prepare_ahead()

    def walk(n):
        def on_click(_):
            wanted = 0 if n == 0 else state["steps"] + n
            state["steps"] = min(wanted, max_steps)
            state["capped"] = wanted > max_steps
            redraw()
        return on_click

    for name, n in (("step", 1), ("10 steps", 10), ("reset", 0)):
        buttons[name].on_click(walk(n))
    picker.observe(redraw, names="value")
    redraw()
    from .browser import kernel_drawn

    box = kernel_drawn(widgets.VBox([picker, widgets.HBox(list(buttons.values())), words, image]))
    box.redraw, box.state, box.figure, box.artists = redraw, state, picture.fig, picture.artists
    box.picture, box.controls = picture, {"rate": picker, **buttons}
    box.one_click_away = one_click_away
    return box
