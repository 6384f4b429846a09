"""Widgets that draw in the browser: anywidget views whose ESM lives in ``nnlib/viz/web/``.

A slider move must redraw within one frame (about 17 ms), and a trip through
the kernel alone costs 22-98 ms here (README, "Speed"). So the pictures of the
explorer, the fruit sorter and the guessing game are drawn as SVG by a few
lines of JavaScript in the page, and the ipywidgets sliders are linked to
them in the page (``widgets.jslink``): a move redraws without asking the
kernel. The kernel still receives every value and writes the captions with
nnlib's tested functions (they may lag; the picture does not).

``view_class(name, traits)`` makes (once) an ``anywidget.AnyWidget`` subclass
whose ESM is ``web/svg.js`` (shared helpers), any other shared file it needs
(``SHARED``), then ``web/<name>.js``;
anywidget is imported only when a widget is made, so ``nnlib.viz`` loads
without it.
"""

import functools
from pathlib import Path

WEB = Path(__file__).resolve().parent / "web"

# CSS classes a page without a kernel reads (the course's website, tools/site.py): text the kernel
# writes as the sliders move, and widgets whose picture the kernel draws. In JupyterLab they do nothing.
KERNEL_CAPTION = "nnlib-kernel-caption"
KERNEL_DRAWN = "nnlib-kernel-drawn"


# Names a picture's own traits must not take: ipywidgets' DOMWidget traits, and "style", which
# every widget view in the page reads as a style *widget* (DOMWidgetView.setStyle): a plain dict
# there stops the picture from being drawn ("Cannot read properties of undefined (reading 'then')").
RESERVED = frozenset({"layout", "style", "tabbable", "tooltip", "comm", "keys", "log"})


# Widgets that also need other shared files, put between svg.js and their own (level 1's drawings).
SHARED = {"sorter": ("fruit",), "rounds": ("fruit",)}


def esm(name):
    """The ESM source of widget ``name``: the shared helpers (``SHARED``), then ``web/<name>.js``."""
    parts = ("svg",) + SHARED.get(name, ()) + (name,)
    return "\n".join((WEB / f"{part}.js").read_text(encoding="utf-8") for part in parts)


@functools.cache
def view_class(name, class_name, traits):
    """An anywidget class named ``class_name`` drawing with ``web/<name>.js``.

    traits: a tuple of (trait name, kind) with kind one of "float", "int",
    "str", "list", "dict"; each is synced with the browser.
    """
    clashes = sorted(trait for trait, _ in traits if trait in RESERVED or trait.startswith("_"))
    if clashes:
        raise ValueError(f"{class_name}: the trait names {clashes} are taken by ipywidgets (a widget's "
                         f"page view reads them itself); reserved: {sorted(RESERVED)} and names starting "
                         "with '_'. Give the picture's data another name.")
    import anywidget
    import traitlets

    kinds = {"float": lambda: traitlets.Float(0.0), "int": lambda: traitlets.Int(0),
             "str": lambda: traitlets.Unicode(""), "list": lambda: traitlets.List(),
             "dict": lambda: traitlets.Dict()}
    body = {"_esm": esm(name), "__module__": __name__,
            "__doc__": f"Browser-drawn picture (nnlib/viz/web/{name}.js); its traits are synced with the page."}
    for trait, kind in traits:
        body[trait] = kinds[kind]().tag(sync=True)
    return type(class_name, (anywidget.AnyWidget,), body)


def kernel_caption(widget):
    """Mark ``widget`` (an HTML caption) as written by the kernel; returns it.

    A static page shows the caption saved with the notebook, true for the
    saved slider values; once a slider moves there, the page says the
    sentence is written by Python instead of showing a stale one.
    """
    widget.add_class(KERNEL_CAPTION)
    return widget


def kernel_drawn(widget):
    """Mark ``widget`` (a box) as drawn by the kernel; returns it. A static page shows its saved
    picture and says its controls work where Python runs (JupyterLab, the in-browser version)."""
    widget.add_class(KERNEL_DRAWN)
    return widget


def link(slider, view, trait):
    """Link a slider's value to ``view.<trait>`` in the browser (both ways); returns the link."""
    import ipywidgets as widgets

    setattr(view, trait, slider.value)
    return widgets.jslink((slider, "value"), (view, trait))
