"""Pip, level 1's robot, and the fruit drawn as fruit: one set of shapes for matplotlib and for the page.

Every shape is an SVG path (``d``: M, L, C and Z commands only) with its fill
and outline, so the same drawing is made by matplotlib (``draw_shapes``, which
reads the paths with ``svg_path``) and by the browser-drawn widgets
(``web/fruit.js``), which receive the shapes as they are.

- ``pip_shapes(mood)``: Pip's face in a 100 x 100 box (y grows downwards, as in
  SVG); moods "happy", "thinking" and "proud";
- ``fruit_shapes(kind)``: an apple (round, a dip at the top, a stem and a leaf)
  or an orange (plain round, a small dimple and two peel dots) in a box from
  -10 to 10: the shape says what a fruit really is;
- ``SAYS``: the two colours that say what the sorter says (deep red "apple",
  golden yellow "orange"), chosen far apart for colour-blind eyes too
  (``colour_difference``, tested);
- ``medal_shapes``: the golden badge;
- ``draw_pip``, ``hello_pip``, ``show_badge``: Pip in a figure, Pip saying hello, and the badge picture.
"""

import re

import numpy as np

from .plots import COLORS

# What the sorter says, as a colour (fruit fill and the tint of each side of its line).
SAYS = {0: {"word": "apple", "colour": "#A4161A", "tint": "#F4C7C3"},
        1: {"word": "orange", "colour": "#F5C518", "tint": "#FCEFB4"}}
INK = "#1B2A3A"       # outlines and Pip's features
FRUIT_DETAIL = "#2E6B30"  # stems and leaves
GOLD, GOLD_DARK = "#F2C230", "#B8860B"
KAPPA = 0.5523  # a quarter circle as one cubic Bezier curve


def circle(cx, cy, r):
    """An SVG path for a circle (four Bezier quarters)."""
    k = KAPPA * r
    return (f"M {cx + r:g},{cy:g} C {cx + r:g},{cy + k:g} {cx + k:g},{cy + r:g} {cx:g},{cy + r:g} "
            f"C {cx - k:g},{cy + r:g} {cx - r:g},{cy + k:g} {cx - r:g},{cy:g} "
            f"C {cx - r:g},{cy - k:g} {cx - k:g},{cy - r:g} {cx:g},{cy - r:g} "
            f"C {cx + k:g},{cy - r:g} {cx + r:g},{cy - k:g} {cx + r:g},{cy:g} Z")


def rounded_rect(x0, y0, x1, y1, r):
    """An SVG path for a rectangle with rounded corners of radius r."""
    k = (1 - KAPPA) * r
    return (f"M {x0 + r:g},{y0:g} L {x1 - r:g},{y0:g} C {x1 - k:g},{y0:g} {x1:g},{y0 + k:g} {x1:g},{y0 + r:g} "
            f"L {x1:g},{y1 - r:g} C {x1:g},{y1 - k:g} {x1 - k:g},{y1:g} {x1 - r:g},{y1:g} "
            f"L {x0 + r:g},{y1:g} C {x0 + k:g},{y1:g} {x0:g},{y1 - k:g} {x0:g},{y1 - r:g} "
            f"L {x0:g},{y0 + r:g} C {x0:g},{y0 + k:g} {x0 + k:g},{y0:g} {x0 + r:g},{y0:g} Z")


def shape(d, fill="none", stroke="none", width=0.0, name=""):
    """One shape: an SVG path with its fill, outline colour and outline width (in the box's units)."""
    return {"d": d, "fill": fill, "stroke": stroke, "width": float(width), "name": name}


MOODS = ("happy", "thinking", "proud")


def pip_shapes(mood="happy"):
    """Pip's face as a list of shapes in a 100 x 100 box (y downwards).

    happy: round eyes and a smile; thinking: eyes looking up, a small straight
    mouth; proud: closed happy eyes and a big open smile.
    """
    if mood not in MOODS:
        raise ValueError(f"mood must be one of {MOODS}; got {mood!r}.")
    out = [shape("M 50,24 L 50,10", stroke=INK, width=3, name="antenna"),
           shape(circle(50, 8, 5.5), fill=COLORS["vermillion"], stroke=INK, width=2, name="light"),
           shape(rounded_rect(10, 42, 20, 62, 3), fill=COLORS["grey"], stroke=INK, width=2, name="ear"),
           shape(rounded_rect(80, 42, 90, 62, 3), fill=COLORS["grey"], stroke=INK, width=2, name="ear"),
           shape(rounded_rect(18, 22, 82, 82, 16), fill=COLORS["sky"], stroke=INK, width=3, name="head"),
           shape(rounded_rect(30, 84, 70, 99, 6), fill=COLORS["blue"], stroke=INK, width=2.5, name="body"),
           shape(circle(28, 64, 5), fill="#F7A8B8", name="cheek"),
           shape(circle(72, 64, 5), fill="#F7A8B8", name="cheek")]
    if mood == "proud":
        out += [shape("M 29,47 C 33,39 41,39 45,47", stroke=INK, width=3.5, name="eye"),
                shape("M 55,47 C 59,39 67,39 71,47", stroke=INK, width=3.5, name="eye"),
                shape("M 34,60 C 38,75 62,75 66,60 Z", fill=INK, stroke=INK, width=2, name="mouth"),
                shape("M 42,68 C 46,73 54,73 58,68 C 54,66 46,66 42,68 Z", fill="#F7A8B8", name="tongue")]
        return out
    look = (2, -3) if mood == "thinking" else (1, 1)
    for cx in (37, 63):
        out += [shape(circle(cx, 46, 9), fill="white", stroke=INK, width=2.5, name="eye"),
                shape(circle(cx + look[0], 46 + look[1], 4.2), fill=INK, name="pupil")]
    if mood == "thinking":
        out += [shape("M 41,68 L 59,66", stroke=INK, width=3.5, name="mouth")]
    else:
        out += [shape("M 36,63 C 42,73 58,73 64,63", stroke=INK, width=3.5, name="mouth")]
    return out


def fruit_shapes(kind):
    """A fruit as shapes in a box from -10 to 10 (y downwards), its body filled by the caller.

    kind: "apple" (a dip at the top, a stem and a leaf) or "orange" (round, a dimple
    and two peel dots). The first shape is the body: ``fill`` "body" means "the
    colour the caller gives".
    """
    if kind == "apple":
        return [shape("M 0,-5.2 C 3.2,-9.4 10,-8.4 10,-1.2 C 10,5.6 6,9.8 2.6,9.6 C 1.4,9.5 0.8,8.9 0,8.9 "
                      "C -0.8,8.9 -1.4,9.5 -2.6,9.6 C -6,9.8 -10,5.6 -10,-1.2 C -10,-8.4 -3.2,-9.4 0,-5.2 Z",
                      fill="body", stroke=INK, width=1.0, name="body"),
                shape("M -0.7,-5.4 C -0.5,-7.6 0.2,-9.2 1.4,-10.3 L 2.5,-9.7 C 1.6,-8.8 1,-7.2 0.9,-5.2 Z",
                      fill=FRUIT_DETAIL, stroke=INK, width=0.5, name="stem"),
                shape("M 1.6,-8.2 C 3.4,-10.4 7.2,-10.5 8.8,-9.6 C 7,-7.4 3.8,-6.9 1.6,-8.2 Z",
                      fill=FRUIT_DETAIL, stroke=INK, width=0.5, name="leaf")]
    if kind == "orange":
        return [shape(circle(0, 0, 9.6), fill="body", stroke=INK, width=1.0, name="body"),
                shape(circle(0, -5.6, 1.5), fill=FRUIT_DETAIL, name="dimple"),
                shape(circle(-4.4, 1.6, 0.8), fill=INK, name="peel"),
                shape(circle(3.6, 4.2, 0.8), fill=INK, name="peel")]
    raise ValueError(f"kind must be 'apple' or 'orange'; got {kind!r}.")


FRUIT_KINDS = {0: "apple", 1: "orange"}


# ---------------------------------------------------------------- SVG paths in matplotlib

_COMMAND = re.compile(r"([MLCZ])([^MLCZ]*)")


def svg_path(d, flip=True):
    """A matplotlib Path from an SVG path of M, L, C and Z commands (absolute); y flipped by default."""
    from matplotlib.path import Path

    vertices, codes, start = [], [], None
    for command, args in _COMMAND.findall(d.strip()):
        numbers = [float(v) for v in re.split(r"[ ,]+", args.strip()) if v]
        points = list(zip(numbers[::2], numbers[1::2]))
        if command == "M":
            start = points[0]
            vertices.append(points[0])
            codes.append(Path.MOVETO)
            for p in points[1:]:
                vertices.append(p)
                codes.append(Path.LINETO)
        elif command == "L":
            vertices += points
            codes += [Path.LINETO] * len(points)
        elif command == "C":
            if len(points) % 3:
                raise ValueError(f"a C command takes points in threes; got {args!r} in {d!r}.")
            vertices += points
            codes += [Path.CURVE4] * len(points)
        elif command == "Z":
            vertices.append(start)
            codes.append(Path.CLOSEPOLY)
    vertices = np.array(vertices, dtype=float)
    if flip:
        vertices[:, 1] = -vertices[:, 1]
    return Path(vertices, codes)


def draw_shapes(ax, shapes, x, y, size, body=None, zorder=5, transform=None):
    """Draw ``shapes`` (from ``pip_shapes``/``fruit_shapes``) on ``ax``, their box centred at (x, y), ``size`` wide.

    size is in data units of ``ax`` (or of ``transform``); the box of the
    shapes (100 wide for Pip, 20 for a fruit) is scaled to it. body: the fill
    of shapes whose fill is "body". Returns the patches.
    """
    from matplotlib.patches import PathPatch
    from matplotlib.transforms import Affine2D

    xs = [v for s in shapes for v in svg_path(s["d"], flip=False).vertices[:, 0]]
    ys = [v for s in shapes for v in svg_path(s["d"], flip=False).vertices[:, 1]]
    centre = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    box = max(max(xs) - min(xs), max(ys) - min(ys))
    scale = size / box
    place = Affine2D().translate(-centre[0], centre[1]).scale(scale).translate(x, y)
    trans = transform or ax.transData
    ax.apply_aspect()  # the axes' final size on the figure, so the widths come out right
    # outline widths are in the box's units: turn them into points at the axes' present scale
    points = abs(trans.transform((1, 0))[0] - trans.transform((0, 0))[0]) * 72 / ax.figure.dpi * scale
    patches = []
    for s in shapes:
        fill = body if s["fill"] == "body" else s["fill"]
        patch = PathPatch(svg_path(s["d"]).transformed(place), facecolor=fill, edgecolor=s["stroke"],
                          lw=s["width"] * points if s["stroke"] != "none" else 0, zorder=zorder,
                          transform=trans, capstyle="round", joinstyle="round")
        ax.add_patch(patch)
        patches.append(patch)
    return patches


def fruit_marker(kind):
    """The fruit's outline (body, stem and leaf as one path) as a matplotlib marker, centred like the box."""
    from matplotlib.path import Path

    parts = [svg_path(s["d"]) for s in fruit_shapes(kind) if s["name"] in ("body", "stem", "leaf")]
    # a corner point of the box (a lone move) makes every fruit marker the same size and centre
    corner = Path(np.array([[10.6, 10.6], [-10.6, -10.6]]), [Path.MOVETO, Path.MOVETO])
    return Path.make_compound_path(corner, *parts)


# ---------------------------------------------------------------- Pip in a figure; the badge

def draw_pip(ax, x, y, size, mood="happy", zorder=5):
    """Pip's face on ``ax``, centred at (x, y), ``size`` data units wide. Returns the patches."""
    return draw_shapes(ax, pip_shapes(mood), x, y, size, zorder=zorder)


def _bubble(ax, x, y, text, fontsize=15):
    ax.text(x, y, text, ha="left", va="center", fontsize=fontsize, wrap=True, zorder=6,
            bbox=dict(boxstyle="round,pad=0.6,rounding_size=0.8", facecolor="white", edgecolor=INK, lw=1.5))


def star(cx, cy, r_out, r_in, points=5):
    """An SVG path for a star with its first point straight up."""
    angles = -np.pi / 2 + np.arange(2 * points) * np.pi / points
    radii = np.where(np.arange(2 * points) % 2 == 0, r_out, r_in)
    xy = [f"{cx + r * np.cos(a):.2f},{cy + r * np.sin(a):.2f}" for r, a in zip(radii, angles)]
    return "M " + " L ".join(xy) + " Z"


def medal_shapes():
    """A golden medal on a ribbon, in a 100 x 100 box (y downwards); its words go at (50, 80)."""
    return [shape("M 26,0 L 46,0 L 60,40 L 40,40 Z", fill=COLORS["blue"], stroke=INK, width=1.5, name="ribbon"),
            shape("M 74,0 L 54,0 L 40,40 L 60,40 Z", fill=COLORS["vermillion"], stroke=INK, width=1.5,
                  name="ribbon"),
            shape(circle(50, 66, 33), fill=GOLD, stroke=GOLD_DARK, width=4, name="medal"),
            shape(circle(50, 66, 26), stroke=GOLD_DARK, width=1.5, name="rim"),
            shape(star(50, 55, 12, 5), fill="white", stroke=GOLD_DARK, width=1.2, name="star")]


def draw_medal(ax, x, y, size, words="40 of 40"):
    """A golden medal on a ribbon, ``size`` wide, centred at (x, y); its words under the star."""
    draw_shapes(ax, medal_shapes(), x, y, size)
    ax.text(x, y - 0.3 * size, words, ha="center", va="center", fontsize=11, fontweight="bold", color=INK,
            zorder=6)


def hello_pip():
    """Pip says hello beside its fruit stall: the picture that opens level 1. Returns the figure."""
    import matplotlib.pyplot as plt

    from matplotlib.patches import Rectangle

    fig, ax = plt.subplots(figsize=(7.2, 2.9))
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.99)
    ax.set(xlim=(0, 10), ylim=(0, 4), aspect="equal")
    ax.axis("off")
    draw_pip(ax, 1.3, 2.1, 2.4, mood="happy")
    _bubble(ax, 2.8, 2.9, "Hi! I'm Pip. I have 40 fruit to sort\ninto apples and oranges. Will you help me?",
            fontsize=13)
    ax.add_patch(Rectangle((3.0, 0.25), 6.6, 0.35, facecolor="#C68642", edgecolor=INK, lw=1.5))  # the stall
    for i in range(12):
        kind = ("apple", "orange")[i % 2]
        draw_shapes(ax, fruit_shapes(kind), 3.35 + 0.55 * i, 0.95 + 0.06 * (i % 3), 0.5,
                    body=SAYS[i % 2]["colour"])
    return fig


def show_badge(X, y, dial_size, dial_colour, lean, who="you"):
    """Pip checks every fruit (``nnlib.sorter.badge`` prints the verdict) and draws it as a picture.

    All right: Pip, proud, beside the golden badge. Otherwise: Pip, thinking,
    says how many are left. who: "you" (the child's dials) or "Pip" (Pip's own).
    Returns the figure.
    """
    import matplotlib.pyplot as plt

    from ..sorter import badge, sort_fruit

    badge(X, y, dial_size, dial_colour, lean)
    result = sort_fruit(X, y, dial_size, dial_colour, lean)
    n = result.n_right + result.n_mistakes
    fig, ax = plt.subplots(figsize=(7.2, 2.9))
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.88)
    ax.set(xlim=(0, 10), ylim=(0, 4), aspect="equal")
    ax.axis("off")
    dials = f"size dial {dial_size:g}, colour dial {dial_colour:g}, lean {lean:g}"
    if result.n_mistakes == 0:
        draw_pip(ax, 1.3, 2.0, 2.4, mood="proud")
        draw_medal(ax, 8.6, 2.0, 2.6, words=f"{n} of {n}")
        winner = "You win" if who == "you" else "Pip wins"
        _bubble(ax, 2.8, 2.6, f"All {n} fruit sorted right!\n{winner} the golden badge.", fontsize=14)
        ax.text(2.8, 0.75, dials, fontsize=10.5, color=INK, va="center")
        ax.set_title("Pip's golden badge", fontsize=15, fontweight="bold", color=GOLD_DARK)
    else:
        draw_pip(ax, 1.3, 2.0, 2.4, mood="thinking")
        left = result.n_mistakes
        _bubble(ax, 2.8, 2.4, f"{result.n_right} of {n} sorted right.\n{left} more to go: keep turning the dials!",
                fontsize=14)
        ax.text(2.8, 0.6, dials, fontsize=10.5, color=INK, va="center")
        ax.set_title("Not the badge yet", fontsize=15, color=INK)
    return fig


# ---------------------------------------------------------------- colour-blind check

_MACHADO = {  # Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def _linear(hex_colour):
    rgb = np.array([int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)])
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def _lab(linear_rgb):
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear_rgb
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def colour_difference(a, b, vision=None):
    """The CIE76 colour difference (Delta E, in CIELAB) between hex colours a and b.

    vision: None (normal vision) or "deuteranopia", "protanopia", "tritanopia",
    simulated with Machado et al.'s (2009) matrices. About 2 is just noticeable;
    above 40 two colours are told apart at a glance.
    """
    la, lb = _linear(a), _linear(b)
    if vision is not None:
        m = np.array(_MACHADO[vision])
        la, lb = np.clip(m @ la, 0, 1), np.clip(m @ lb, 0, 1)
    return float(np.linalg.norm(_lab(la) - _lab(lb)))
