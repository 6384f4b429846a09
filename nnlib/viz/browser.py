"""Widgets that draw in the browser: anywidget views whose ESM lives in ``nnlib/viz/web/``.

A slider move must redraw within one frame (about 17 ms), and a trip through
the kernel alone costs 22-98 ms here (README, "Speed"). So the pictures of the
explorer, the fruit sorter and the guessing game are drawn as SVG by a few
lines of JavaScript in the page, and the ipywidgets sliders are linked to
them in the page (``widgets.jslink``): a move redraws without asking the
kernel. The kernel still receives every value and writes the captions with
nnlib's tested functions (they may lag; the picture does not).

``view_class(name, traits)`` makes (once) an ``anywidget.AnyWidget`` subclass
whose ESM is ``web/svg.js`` (shared helpers) followed by ``web/<name>.js``;
anywidget is imported only when a widget is made, so ``nnlib.viz`` loads
without it.
"""

import functools
from pathlib import Path

WEB = Path(__file__).resolve().parent / "web"


def esm(name):
    """The ESM source of widget ``name``: the shared helpers, then ``web/<name>.js``."""
    return (WEB / "svg.js").read_text(encoding="utf-8") + "\n" + (WEB / f"{name}.js").read_text(encoding="utf-8")


@functools.cache
def view_class(name, class_name, traits):
    """An anywidget class named ``class_name`` drawing with ``web/<name>.js``.

    traits: a tuple of (trait name, kind) with kind one of "float", "int",
    "str", "list", "dict"; each is synced with the browser.
    """
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


def link(slider, view, trait):
    """Link a slider's value to ``view.<trait>`` in the browser (both ways); returns the link."""
    import ipywidgets as widgets

    setattr(view, trait, slider.value)
    return widgets.jslink((slider, "value"), (view, trait))
