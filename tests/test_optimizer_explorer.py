"""The level 4 optimizer explorer: its contours, its browser-drawn picture's wiring, the page's update rules.

The picture itself is checked in a real browser by tests/test_browser.py; here
the Python side (what the page is sent, what the kernel writes) and, when
Node.js is installed, the JavaScript update rules run outside a browser
against nnlib.optim.
"""

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from nnlib import optim
from nnlib.viz import optimizers as optviz

ROOT = Path(__file__).resolve().parent.parent


def test_contours_lie_on_their_levels_inside_the_frame():
    lines = optviz.valley_contours(decimals=12)
    x0, x1, y0, y1 = optviz.LIM
    assert {level for level, _ in lines} == {float(v) for v in optviz.LEVELS}  # every level meets the frame
    # each point is interpolated linearly along a grid edge (spacing hx, hy), so J there is off the
    # level by at most c h^2 / 8 for that edge's direction (J is quadratic)
    xs, ys, _ = optviz.valley_grid()
    hx, hy = xs[0, 1] - xs[0, 0], ys[1, 0] - ys[0, 0]
    bound = max(optviz.VALLEY_CURVATURE[0] * hx ** 2, optviz.VALLEY_CURVATURE[1] * hy ** 2) / 8 + 1e-9
    for level, line in lines:
        assert line.ndim == 2 and line.shape[1] == 2 and len(line) >= 10
        assert (line[:, 0] >= x0).all() and (line[:, 0] <= x1).all()
        assert (line[:, 1] >= y0).all() and (line[:, 1] <= y1).all()
        J = np.array([optviz.valley(p)[0] for p in line])
        assert np.abs(J - level).max() <= bound, (level, np.abs(J - level).max(), bound)
    # what the page is sent: the same points rounded to 1e-4 (a hundredth of a pixel)
    for (level, exact), (same, rounded) in zip(lines, optviz.valley_contours()):
        assert level == same and np.abs(rounded - exact).max() <= 0.5e-4 + 1e-12


def test_contours_are_the_lines_matplotlib_draws():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    optviz.plot_valley(ax)
    drawn = ax.collections[0].get_paths()  # one path per level
    ours = optviz.valley_contours(decimals=12)
    assert len(drawn) == len(optviz.LEVELS)
    for level, path in zip(optviz.LEVELS, drawn):
        mine = np.concatenate([line for same, line in ours if same == level])
        assert mine.shape == path.vertices.shape
        np.testing.assert_allclose(mine, path.vertices, atol=1e-11)
    plt.close(fig)


def test_plot_is_sent_what_the_page_needs():
    plot = optviz.optimizer_plot(0.05, 0.6)
    assert (plot.lr, plot.momentum, plot.steps) == (0.05, 0.6, 40)
    assert plot.curvature == [1.0, 25.0] and plot.start == list(optviz.START)
    assert plot.frame == [-6.0, 2.0, -3.0, 3.0]  # the frame widened by CLIP_MARGIN
    assert len(plot.contours) == len(optviz.valley_contours())
    assert [t[0] for t in plot.xticks] == [-5, -4, -3, -2, -1, 0, 1]
    assert [t[0] for t in plot.yticks] == [-2, -1, 0, 1, 2]
    assert plot.colours["momentum"] == optviz.STYLE["momentum"]
    assert "export default" in plot._esm and "function makeAxes" in plot._esm and "function path(" in plot._esm
    assert len(json.dumps(plot.contours)) < 60_000  # sent once; a few tens of kB at most


@pytest.mark.parametrize("lr,momentum,message", [
    (-0.1, 0.5, "lr"), (0.0, 0.5, "lr"), (0.05, 1.0, "momentum"), (0.05, -0.1, "momentum"), ("fast", 0.5, "lr"),
])
def test_bad_values_are_explained(lr, momentum, message):
    with pytest.raises((ValueError, TypeError), match=message):
        optviz.optimizer_plot(lr, momentum)


def test_titles_as_the_page_writes_them():
    assert optviz.explorer_title(0.02, 0.8) == "lr = 0.02, momentum = 0.8: 40 steps from the same start"
    assert optviz.explorer_title(10 ** -1.65, 0.0).startswith("lr = 0.0224, momentum = 0:")
    assert optviz.explorer_title(10 ** -0.9, 0.99, steps=30) == ("lr = 0.126, momentum = 0.99: "
                                                                  "30 steps from the same start")


def test_explorer_links_its_sliders_in_the_page_and_the_kernel_writes_the_caption():
    box = optviz.optimizer_explorer(lr=0.02, momentum=0.8)
    found = {}
    for link in box.links:
        (slider, value), (plot, trait) = link.source, link.target
        assert value == "value" and plot is box.plot
        found[trait] = slider
    assert found == {"lr": box.sliders["lr"], "momentum": box.sliders["momentum"]}
    assert box.children[-1] is box.plot
    assert box.caption.value == f"<b>{optviz.explorer_view(0.02, 0.8)[1]}</b>"
    box.sliders["momentum"].value = 0.0
    assert box.caption.value == f"<b>{optviz.explorer_view(0.02, 0.0)[1]}</b>"
    box.sliders["lr"].value = 0.1  # above 2/25: gradient descent diverges across the valley
    assert "gradient descent: diverged" in box.caption.value
    assert (box.plot.lr, box.plot.momentum) == (0.02, 0.8)  # the kernel does not redraw: the page does


def test_widget_text_line_is_the_one_stored_in_lesson_4():
    cells = json.loads((ROOT / "lessons" / "04_graduate.ipynb").read_text())["cells"]
    source = "optviz.optimizer_explorer(lr=0.02, momentum=0.8)"
    (cell,) = [c for c in cells if "".join(c["source"]).strip() == source]
    stored = "".join(cell["outputs"][0]["data"]["text/plain"])
    assert optviz.optimizer_explorer(lr=0.02, momentum=0.8)._repr_mimebundle_()["text/plain"] == stored


NODE = shutil.which("node")
RUN_JS = """
{source}
const cases = JSON.parse(process.argv[1]);
console.log(JSON.stringify(cases.map(([lr, m]) => path([1, 25], [-4.5, 1.5], 40, lr, m))));
"""


@pytest.mark.skipif(NODE is None, reason="Node.js is not installed (the browser test checks the same rules)")
def test_the_pages_update_rules_are_nnlibs():
    source = (ROOT / "nnlib" / "viz" / "web" / "optimizers.js").read_text()
    source = source[: source.index("function render(")]  # the maths only: no DOM here
    cases = [(lr, m) for lr in (0.001, 0.02, 0.07, 10 ** -0.9) for m in (None, 0.0, 0.5, 0.9, 0.99)]
    out = subprocess.run([NODE, "-e", RUN_JS.format(source=source), json.dumps(cases)],
                         capture_output=True, text=True, timeout=30, check=True).stdout
    for (lr, m), got in zip(cases, json.loads(out)):
        rule = optim.GradientDescent(lr) if m is None else optim.Momentum(lr, momentum=m)
        want = optviz.optimizer_paths({"rule": rule}, steps=40)["rule"]
        np.testing.assert_allclose(np.array(got), want, rtol=1e-12, atol=1e-12, err_msg=f"lr={lr}, momentum={m}")
