"""The course's sliders, tested the way learners meet them: in JupyterLab.

The test starts JupyterLab on 127.0.0.1 (random free port, random token),
opens a notebook in headless Chromium (Debian's ``chromium`` driven by
Playwright for Python; Playwright's own browser download is never used), runs
all cells, presses arrow keys on the sliders and checks, for each widget:

* what the page draws is what nnlib computes: the sigmoid explorer's SVG
  curve, read back through its own axis ticks, against ``nnlib.sigmoid`` for
  the slider values shown; the fruit sorter's painted fruit against exact
  arithmetic (``fractions.Fraction``); the guessing game's guesses against
  ``nnlib.guessing.play``; the level 4 optimizer explorer's two paths, read
  back through its ticks, against ``nnlib.optim``'s trajectories;
* the kernel's caption catches up with the sliders (it may lag; the picture
  is drawn in the page, linked to the sliders there);
* the gradient-descent stepper (drawn in the kernel) shows a new picture and
  caption after a click;
* no cell printed to stderr or raised (except cells tagged ``raises-exception``).

Two notebooks: ``tests/fixtures/browser/sliders.ipynb`` (every slider widget)
and ``lessons/02_high_school.ipynb`` (the learner's path). Each is copied,
with its folder, into a temporary server root, so the repository is never
written to. Screenshots go to ``artifacts/browser/`` (ignored by git);
the last one is named in every failure message.

Without chromium or Playwright the test skips, except in CI (CI=true), where
it fails. Deselect it with ``-m "not browser"``.
"""

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from tests.browser_support import (CHROMIUM, LAUNCH_ARGS, alive, browser_leftovers, descendants, free_port,
                                    missing_browser, process_name, skip_or_fail)

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts" / "browser"
NOTEBOOKS = {
    "fixture": "tests/fixtures/browser/sliders.ipynb",
    "lesson": "lessons/02_high_school.ipynb",
    "kid": "lessons/01_kid.ipynb",
}
KERNEL_IDLE = "Python 3 (ipykernel) | Idle"
WEIGHT_LABEL = "weight w"  # sigmoid_explorer()'s first slider
# Seconds allowed for each step; every wait in this file is bounded by one of these.
SERVER_START, PAGE_READY, RUN_ALL, SLIDER, SHUTDOWN = 60, 60, 120, 30, 15
# JupyterLab user settings: no autosave, no network (news, update checks).
SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
}

# Deselect with -m "not browser" (the marker is registered in pyproject.toml).
pytestmark = pytest.mark.browser


# ---------------------------------------------------------------- server

class Lab:
    """A JupyterLab server on a temporary root; stopped by its own process handle."""

    def __init__(self, tmp):
        self.tmp, self.root = tmp, tmp / "root"
        self.root.mkdir()
        self.port, self.token = free_port(), secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp / "jupyterlab.log"
        self.kernel_pids = set()
        config = tmp / "config"
        for name, values in SETTINGS.items():
            path = config / "lab" / "user-settings" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        env = dict(os.environ)
        env.pop("MPLBACKEND", None)  # tests set Agg; a learner's kernel uses the inline backend
        env.update(JUPYTER_CONFIG_DIR=str(config), JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
                   JUPYTER_DATA_DIR=str(tmp / "data"), IPYTHONDIR=str(tmp / "ipython"),
                   JUPYTERLAB_SETTINGS_DIR=str(config / "lab" / "user-settings"),
                   JUPYTERLAB_WORKSPACES_DIR=str(config / "lab" / "workspaces"))
        cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
               f"--port={self.port}", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")  # as root JupyterLab exits without it
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(cmd, cwd=self.root, env=env, stdin=subprocess.DEVNULL,
                                     stdout=self.log, stderr=subprocess.STDOUT)

    def log_tail(self, n=25):
        self.log.flush()
        lines = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(lines[-n:])

    def api(self, path, method="GET", timeout=5):
        request = urllib.request.Request(f"{self.url}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read() or b"null")

    def wait_ready(self):
        deadline = time.monotonic() + SERVER_START
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"JupyterLab exited with code {self.proc.returncode} while starting.\n"
                            f"Its log ends:\n{self.log_tail()}", pytrace=False)
            try:
                self.api("/api/status", timeout=2)
                return
            except (urllib.error.URLError, OSError):
                time.sleep(0.25)
        pytest.fail(f"JupyterLab did not answer /api/status within {SERVER_START} s.\n"
                    f"Its log ends:\n{self.log_tail()}", pytrace=False)

    def add(self, relpath):
        """Copy the notebook's folder into the server root; returns its URL path."""
        source = ROOT / relpath
        target = self.root / relpath
        if not target.parent.exists():
            shutil.copytree(source.parent, target.parent,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        return relpath

    def note_kernels(self):
        """Remember the server's child processes (kernels) to check them after shutdown."""
        self.kernel_pids.update(descendants(self.proc.pid))

    def stop(self):
        """Shut down kernels and server; returns a list of processes that had to be killed."""
        leaked = []
        if self.proc.poll() is None:
            self.note_kernels()
            try:
                self.api("/api/shutdown", method="POST", timeout=5)
            except (urllib.error.URLError, OSError):
                pass
            try:
                self.proc.wait(SHUTDOWN)
            except subprocess.TimeoutExpired:
                self.proc.terminate()
                try:
                    self.proc.wait(5)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(5)
                leaked.append(f"jupyter lab (pid {self.proc.pid}) ignored /api/shutdown")
        self.log.close()
        deadline = time.monotonic() + 5
        while any(alive(p) for p in self.kernel_pids) and time.monotonic() < deadline:
            time.sleep(0.1)
        for pid in sorted(self.kernel_pids):
            if alive(pid):
                leaked.append(f"{process_name(pid)} (pid {pid}) outlived the server")
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
        return leaked


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    reason = missing_browser()
    if reason:
        skip_or_fail(reason)
    from playwright.sync_api import sync_playwright

    # Chromium's crash reporter writes under $XDG_CONFIG_HOME/chromium: keep it out of $HOME.
    tmp = tmp_path_factory.mktemp("chromium")
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp / "config"), XDG_CACHE_HOME=str(tmp / "cache"))
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS,
                                     env=env)
        try:
            yield chromium
        finally:
            chromium.close()
    left = browser_leftovers(os.getpid())
    assert not left, f"the browser outlived the test: {left}"


@pytest.fixture(scope="module")
def lab(browser, tmp_path_factory):
    server = Lab(tmp_path_factory.mktemp("jupyterlab"))
    try:
        server.wait_ready()
        yield server
    finally:
        leaked = server.stop()
    assert not leaked, f"processes left running after the test: {leaked}"


# ---------------------------------------------------------------- page steps

class Steps:
    """Screenshots after each step; a timed-out step fails with the last screenshot's path."""

    def __init__(self, page, case, server):
        self.page, self.case, self.server, self.n = page, case, server, 0
        self.last = None
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for old in ARTIFACTS.glob(f"{case}-*.png"):
            old.unlink()

    def shot(self, label, element=None):
        self.n += 1
        path = ARTIFACTS / f"{self.case}-{self.n:02d}-{label}.png"
        try:
            (element or self.page).screenshot(path=str(path), timeout=10_000)
            self.last = path
        except Exception as exc:  # a screenshot must never hide the real failure
            print(f"screenshot {path.name} failed: {exc}")
        return path

    def fail(self, what):
        self.shot("FAILED")
        pytest.fail(f"[{self.case}] {what}\nLast screenshot: {self.last}\n"
                    f"JupyterLab log ends:\n{self.server.log_tail(10)}", pytrace=False)

    def wait(self, what, seconds, check):
        """Poll ``check()`` (truthy = done) for at most ``seconds``; fail with ``what``."""
        deadline = time.monotonic() + seconds
        state = None
        while time.monotonic() < deadline:
            state = check()
            if state:
                return state
            self.page.wait_for_timeout(200)
        self.fail(f"timed out after {seconds} s waiting for {what}.")


NOTEBOOK_STATE = """(panel) => {
  const bar = document.querySelector('#jp-main-statusbar');
  const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
      .map(p => p.textContent.trim());
  return {
    status: bar ? bar.textContent.replace(/\\s+/g, ' ').trim() : '',
    prompts: prompts,
    ran: prompts.filter(t => /^\\[\\d+\\]:$/.test(t)).length,
    busy: prompts.filter(t => t === '[*]:').length,
  };
}"""

CELL_ERRORS = """(panel) => [...panel.querySelectorAll('.jp-Notebook .jp-Cell')].map(cell =>
  [...cell.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
    .map(o => o.textContent.trim().slice(0, 400)))"""


def _number(text):
    """A slider readout as a float; widgets print negatives with U+2212."""
    return float(text.strip().replace("\u2212", "-"))


def _cell_errors(panel, cells, tolerated_tag="raises-exception"):
    """Error and stderr outputs, per cell, of cells not tagged ``raises-exception``."""
    found = panel.evaluate(CELL_ERRORS)
    return [f"cell {i + 1}: {text}" for i, outputs in enumerate(found) for text in outputs
            if i >= len(cells) or tolerated_tag not in cells[i].get("metadata", {}).get("tags", [])]


class Notebook:
    """A notebook opened in JupyterLab with its stored outputs cleared and every cell run."""

    def __init__(self, lab, browser, relpath, case):
        self.cells = json.loads((ROOT / relpath).read_text())["cells"]
        n_code = sum(c["cell_type"] == "code" for c in self.cells)
        url = (f"{lab.url}/lab/workspaces/test-{case}-{secrets.token_hex(4)}/tree/"
               f"{lab.add(relpath)}?token={lab.token}")
        self.lab, self.case = lab, case
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = page = self.context.new_page()
        page.set_default_timeout(SLIDER * 1000)
        self.steps = steps = Steps(page, case, lab)
        t0 = time.monotonic()
        page.goto(url, timeout=PAGE_READY * 1000)
        self.panel = panel = page.locator(".jp-NotebookPanel").first
        steps.wait(f"the notebook to open and the status bar to say {KERNEL_IDLE!r}", PAGE_READY,
                   lambda: KERNEL_IDLE in self.state()["status"])
        steps.shot("opened")
        # Stored outputs (and stored widget views) would satisfy every check below: clear them.
        page.get_by_role("menuitem", name="Edit", exact=True).click()
        page.get_by_role("menuitem", name="Clear Outputs of All Cells", exact=True).click()
        steps.wait("the stored outputs to be cleared", PAGE_READY,
                   lambda: self.state()["ran"] == 0 and panel.locator(".jp-OutputArea-output").count() == 0)
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()

        def finished():
            s = self.state()
            stopped = s["busy"] == 0 and KERNEL_IDLE in s["status"]
            return s if stopped and (s["ran"] == n_code or self.errors()) else None

        steps.wait(f"all {n_code} code cells to run (Run -> Run All Cells)", RUN_ALL, finished)
        self.seconds = time.monotonic() - t0
        if self.errors():
            steps.fail("Run All Cells produced error or stderr output:\n" + "\n".join(self.errors()))

    def state(self):
        return (self.panel.evaluate(NOTEBOOK_STATE) if self.panel.count()
                else {"status": "", "ran": 0, "busy": 0})

    def errors(self):
        return _cell_errors(self.panel, self.cells)

    def idle(self):
        return KERNEL_IDLE in self.state()["status"]

    def widget(self, label, nth=0):
        """The widget box (the VBox) holding the slider labelled ``label`` (its nth such slider)."""
        slider = self.panel.locator(".widget-slider").filter(has_text=label).nth(nth)
        if not slider.count():
            labels = self.panel.locator(".widget-slider .widget-label").all_inner_texts()
            self.steps.fail(f"no slider labelled {label!r} (sliders found: {labels})")
        return slider.locator("xpath=ancestor::div[contains(@class, 'widget-vbox')][1]")

    def press(self, box, label, key, times):
        """Press ``key`` on the slider ``label`` of ``box``; returns its readout afterwards."""
        slider = box.locator(".widget-slider").filter(has_text=label).first
        readout = slider.locator(".widget-readout")
        before = readout.inner_text()
        slider.scroll_into_view_if_needed()
        handle = slider.locator(".noUi-handle")
        handle.focus()
        for _ in range(times):
            handle.press(key)
        return self.steps.wait(f"the {label!r} readout to move from {before}", SLIDER,
                               lambda: [t for t in [readout.inner_text()] if t != before])[0]

    def close(self):
        self.lab.note_kernels()
        self.context.close()


@pytest.fixture(scope="module")
def fixture_notebook(lab, browser):
    notebook = Notebook(lab, browser, NOTEBOOKS["fixture"], "fixture")
    try:
        yield notebook
    finally:
        notebook.close()


READ_CURVE = """(svg) => {
  const ticks = (cls, attr) => [...svg.querySelectorAll('.' + cls)].map(g =>
      [Number(g.getAttribute('data-value')), Number(g.querySelector('line').getAttribute(attr))]);
  const curve = svg.querySelector('path.curve');
  return {x: ticks('xtick', 'x1'), y: ticks('ytick', 'y1'), d: curve.getAttribute('d'),
          w: Number(curve.getAttribute('data-w')), b: Number(curve.getAttribute('data-b')),
          title: svg.querySelector('.title').textContent};
}"""


def drawn_curve(svg):
    """The explorer's curve as the page draws it, mapped back to data through the axis ticks.

    Returns (x, y, w, b, title, pixel): data coordinates of the path's points,
    the w and b the page drew with, the title, and the size of one pixel in y.
    """
    got = svg.evaluate(READ_CURVE)
    maps = []
    for ticks in (got["x"], got["y"]):
        value, pixel = np.array(ticks, dtype=float).T
        slope, offset = np.polyfit(value, pixel, 1)  # pixel = slope * value + offset
        assert np.abs(slope * value + offset - pixel).max() < 0.02, f"uneven ticks {ticks}"
        maps.append((slope, offset))
    points = np.array([p.split(",") for p in got["d"].lstrip("M").split("L")], dtype=float)
    x = (points[:, 0] - maps[0][1]) / maps[0][0]
    y = (points[:, 1] - maps[1][1]) / maps[1][0]
    return x, y, got["w"], got["b"], got["title"], 1 / abs(maps[1][0])


def check_curve(svg, w, b):
    """The drawn curve is nnlib's g(w x + b) on sigmoid_view's grid, within 0.05 pixel."""
    from nnlib import sigmoid
    from nnlib.viz.explorer import sigmoid_view

    x, y, drawn_w, drawn_b, title, pixel = drawn_curve(svg)
    view = sigmoid_view(w, b)
    assert abs(drawn_w - w) < 1e-9 and abs(drawn_b - b) < 1e-9, (drawn_w, drawn_b, w, b)
    assert x.shape == view.x.shape, f"{x.size} points drawn, sigmoid_view has {view.x.size}"
    assert np.abs(x - view.x).max() < 0.05 * pixel * 16 / 1.1  # x spans 16 units
    error = np.abs(y - sigmoid(w * x + b)).max()
    assert error < 0.05 * pixel, f"drawn curve differs from nnlib's by {error / pixel:.3f} px"
    assert np.abs(y - view.y).max() < 0.06 * pixel
    return title, error / pixel


def test_explorer_draws_nnlibs_sigmoid_in_the_page(fixture_notebook):
    nb = fixture_notebook
    box = nb.widget(WEIGHT_LABEL)
    svg = box.locator("svg.nnlib-plot").first
    caption = box.locator(".widget-html").first
    check_curve(svg, 1.0, 0.0)
    w = _number(nb.press(box, WEIGHT_LABEL, "ArrowRight", 5))  # 1.0 -> 1.5
    b = _number(nb.press(box, "bias b", "ArrowLeft", 3))  # 0 -> -1.5
    assert (w, b) == (1.5, -1.5)
    title, error = check_curve(svg, w, b)
    assert title == "g(w x + b) with w = 1.5, b = -1.5"
    nb.steps.wait("the kernel's caption to catch up", SLIDER,
                  lambda: f"w/4 = {round(w / 4, 6):g}." in caption.inner_text()
                  and "x = -b/w = 1.00" in caption.inner_text())
    w = _number(nb.press(box, WEIGHT_LABEL, "ArrowLeft", 14))  # w down to 0.1: the midpoint 15, off the plot
    assert w == 0.1
    check_curve(svg, w, b)
    arrow, words = box.locator("polygon.away"), box.locator("text.away-label")
    assert arrow.get_attribute("visibility") == "visible" and arrow.get_attribute("data-side") == "right"
    assert box.locator("circle.midpoint").get_attribute("visibility") == "hidden"
    from nnlib.viz.explorer import away_label, sigmoid_view

    assert words.text_content() == away_label(-b / w).replace("\n", "")  # one tspan a line
    nb.steps.wait("the caption to say where the midpoint went", SLIDER,
                  lambda: "off the plot to the right" in caption.inner_text()
                  and sigmoid_view(w, b).caption in caption.inner_text())
    nb.steps.shot("explorer-away", box)
    w = _number(nb.press(box, WEIGHT_LABEL, "ArrowLeft", 1))  # w = 0: a flat line
    assert w == 0.0
    check_curve(svg, w, b)
    assert box.locator("circle.midpoint").get_attribute("visibility") == "hidden"  # no midpoint
    assert arrow.get_attribute("visibility") == "hidden"
    nb.steps.shot("explorer", box)
    print(f"explorer: drawn curve within {error:.3f} px of nnlib's")


def test_kid_explorer_draws_in_the_page(fixture_notebook):
    nb = fixture_notebook
    box = nb.widget("quickness")
    svg = box.locator("svg.nnlib-plot").first
    w = _number(nb.press(box, "quickness", "ArrowRight", 10))  # 1 -> 2
    b = _number(nb.press(box, "lean", "ArrowRight", 8))  # 0 -> 4
    title, _ = check_curve(svg, w, b)
    assert title == f"How sure the sorter is, with quickness {w:g} and lean {b:g}"
    caption = box.locator(".widget-html").first
    nb.steps.wait("the kid caption to catch up", SLIDER,
                  lambda: "It can't decide at score -2." in caption.inner_text())


READ_FRUIT = """(svg) => ({
  said: [...svg.querySelectorAll('.fruit')].map(e => [Number(e.dataset.i), Number(e.dataset.said)]),
  rings: [...svg.querySelectorAll('.ring')].filter(e => e.getAttribute('visibility') === 'visible').length,
  right: Number(svg.getAttribute('data-right')),
  title: [...svg.querySelectorAll('.title')].map(e => e.textContent).join(' '),
})"""


def test_sorter_paints_each_fruit_as_exact_arithmetic_says(fixture_notebook):
    from fractions import Fraction

    from nnlib import data

    nb = fixture_notebook
    X, y = data.fruit()
    box = nb.widget("size dial")
    svg = box.locator("svg.nnlib-plot").first
    caption = box.locator(".widget-html").first
    settings = []
    for label, key, times in (("colour dial", "ArrowRight", 2), ("starting lean", "ArrowLeft", 2),
                              ("size dial", "ArrowLeft", 2), ("starting lean", "ArrowRight", 9)):
        nb.press(box, label, key, times)
        dials = [_number(box.locator(".widget-slider").filter(has_text=name).first
                         .locator(".widget-readout").inner_text())
                 for name in ("size dial", "colour dial", "starting lean")]
        exact = [Fraction(str(dials[0])) * Fraction(str(s)) + Fraction(str(dials[1])) * Fraction(str(c))
                 + Fraction(str(dials[2])) for s, c in X]
        said = [int(v > 0) for v in exact]
        got = svg.evaluate(READ_FRUIT)
        assert [s for _, s in sorted(got["said"])] == said, f"dials {dials}: painted fruit differ from exact arithmetic"
        right = sum(s == t for s, t in zip(said, y))
        assert got["right"] == right and got["rings"] == len(y) - right
        assert (f"{right} of {len(y)} sorted right" in got["title"]
                or (right == len(y) and "All 40 fruit sorted right!" in got["title"]))
        settings.append((dials, right))
    rule = f"score = {dials[0]:g} x size"
    nb.steps.wait("the kernel's rule to catch up", SLIDER, lambda: rule in caption.inner_text())
    nb.steps.shot("sorter", box)
    party = svg.locator("g.celebration")
    assert party.get_attribute("visibility") == "hidden" and svg.locator("g.pip-proud").get_attribute(
        "visibility") == "hidden"
    # the tip's path from the start: colour dial up one step, then the lean down to -10.5: all 40 right
    for label, key, times in (("size dial", "ArrowRight", 2), ("colour dial", "ArrowLeft", 1),
                              ("starting lean", "ArrowLeft", 12)):
        nb.press(box, label, key, times)
    dials = [_number(box.locator(".widget-slider").filter(has_text=name).first.locator(".widget-readout").inner_text())
             for name in ("size dial", "colour dial", "starting lean")]
    assert dials == [1.0, 0.5, -10.5], dials
    assert svg.evaluate(READ_FRUIT)["right"] == 40
    assert party.get_attribute("visibility") == "visible"  # Pip celebrates, with the medal
    assert svg.locator("g.pip-proud").get_attribute("visibility") == "visible"
    assert svg.locator("g.pip-thinking").get_attribute("visibility") == "hidden"
    nb.steps.wait("the kernel's words to celebrate", SLIDER, lambda: "You did it!" in caption.inner_text())
    nb.steps.shot("sorter-all-right", box)
    # one step of the lean is wide enough to hit with a mouse: with dials 1 and 0.5 only two leans are perfect
    from nnlib.viz.sorter import LEAN_RANGE

    track = box.locator(".widget-slider").filter(has_text="starting lean").first.locator(".noUi-target").first
    per_step = track.bounding_box()["width"] / round((LEAN_RANGE[1] - LEAN_RANGE[0]) / LEAN_RANGE[2])
    assert per_step >= 9, f"a lean step is {per_step:.1f} px on the page"
    print(f"sorter: settings checked {settings}; a lean step is {per_step:.1f} px")


def test_guessing_game_draws_nnlibs_guesses(fixture_notebook):
    from nnlib.guessing import play

    nb = fixture_notebook
    box = nb.widget("secret")
    svg = box.locator("svg.nnlib-plot").first
    for key, times in (("ArrowLeft", 4), ("ArrowRight", 30)):
        secret = int(_number(nb.press(box, "secret", key, times)))
        got = svg.evaluate("""(svg) => ({
          secret: Number(svg.getAttribute('data-secret')),
          guesses: [...svg.querySelectorAll('.guess-label')].filter(e => e.getAttribute('visibility') === 'visible')
                     .map(e => Number(e.textContent)),
          title: svg.querySelector('.title').textContent})""")
        turns = play(secret)
        assert got["secret"] == secret and got["guesses"] == [t.guess for t in turns]
        assert got["title"] == f"Secret number {secret}: found in {len(turns)} guess{'es' * (len(turns) > 1)}"
    nb.steps.shot("guessing", box)


def test_rounds_play_in_the_page(fixture_notebook):
    from nnlib import data
    from nnlib.sorter import learn
    from nnlib.viz.rounds import round_views

    nb = fixture_notebook
    X, y = data.fruit()
    training = learn(X, y)
    views = round_views(X, y, training)
    box = nb.widget("round")
    svg = box.locator("svg.nnlib-plot").first
    caption = box.locator(".rounds-caption").first
    assert svg.get_attribute("data-round") == "0" and caption.text_content() == views[0].caption
    box.scroll_into_view_if_needed()
    box.locator(".widget-play button").first.click()  # play: the rounds go by in the page, no kernel needed
    nb.steps.wait("the play button to reach the last round", SLIDER,
                  lambda: svg.get_attribute("data-round") == str(len(views) - 1))
    assert caption.text_content() == views[-1].caption
    assert int(svg.get_attribute("data-right")) == views[-1].n_right == 40
    # The Play widget stops one interval after the last round (its next tick finds no round left) and
    # shows its play icon again; a slider moved before that is played on from where it was put.
    nb.steps.wait("the play button to stop at the last round", SLIDER,
                  lambda: box.locator(".widget-play button i.fa-play").count() == 1)
    assert svg.get_attribute("data-round") == str(len(views) - 1)
    nb.steps.shot("rounds-played", box)
    readout = nb.press(box, "round", "ArrowLeft", 2)  # back to round 3, by hand
    assert readout == "3" and svg.get_attribute("data-round") == "3"
    got = svg.evaluate(READ_FRUIT)
    said = [s for _, s in sorted(got["said"])]
    from nnlib.sorter import sort_fruit

    assert said == sort_fruit(X, y, *training.dials[3]).said.tolist()
    assert got["rings"] == views[3].n_mistakes == 10 and caption.text_content() == views[3].caption
    bars = box.locator("rect.bar")
    assert [bars.nth(i).get_attribute("fill") for i in range(bars.count())].count("#0072B2") == 1
    nb.steps.shot("rounds-3", box)


READ_LINES = """(svg) => {
  const ticks = (cls, attr) => [...svg.querySelectorAll('.' + cls)].map(g =>
      [Number(g.getAttribute('data-value')), Number(g.querySelector('line').getAttribute(attr))]);
  return {x: ticks('xtick', 'x1'), y: ticks('ytick', 'y1'),
          lines: [...svg.querySelectorAll('line.neuron-line')].map(l =>
              ['x1', 'y1', 'x2', 'y2'].map(a => Number(l.getAttribute(a)))),
          k: Number(svg.getAttribute('data-k')), right: Number(svg.getAttribute('data-right')),
          yes: Number(svg.getAttribute('data-yes')), title: svg.querySelector('.title').textContent};
}"""


def test_hidden_neuron_explorer_draws_nnlibs_networks_in_the_page(fixture_notebook):
    from nnlib.sorter import lunchbox_fruit
    from nnlib.viz.hidden import hidden_fits, hidden_view

    nb = fixture_notebook
    X, y = lunchbox_fruit()
    fits = hidden_fits(X, y)  # the same networks the kernel trained: nnlib.train is deterministic
    box = nb.widget("hidden neurons")
    svg = box.locator("svg.nnlib-plot").first
    worst = 0.0
    for key, times in (("ArrowLeft", 3), ("ArrowRight", 2), ("ArrowRight", 4)):
        k = int(_number(nb.press(box, "hidden neurons", key, times)))
        got = svg.evaluate(READ_LINES)
        view = hidden_view(fits[k], X, y)
        assert got["k"] == k and got["right"] == view.n_right and got["yes"] == int(view.yes.sum())
        assert got["title"] == view.title.replace("\n", "")
        assert len(got["lines"]) == len(view.lines) == k
        maps = []
        for ticks in (got["x"], got["y"]):
            value, pixel = np.array(ticks, dtype=float).T
            slope, offset = np.polyfit(value, pixel, 1)
            maps.append((slope, offset))
        for (x1, y1, x2, y2), (a, c, lean) in zip(got["lines"], view.lines):
            # both ends, read back through the ticks, lie on nnlib's line a size + c colour + lean = 0
            for u, v in ((x1, y1), (x2, y2)):
                size, colour = (u - maps[0][1]) / maps[0][0], (v - maps[1][1]) / maps[1][0]
                pixel = abs(a * size + c * colour + lean) / np.hypot(a / abs(maps[0][0]), c / abs(maps[1][0]))
                worst = max(worst, pixel)
        assert worst < 0.05, f"a drawn hidden neuron's line is {worst:.3f} px off nnlib's"
        assert box.locator(".hidden-caption").first.text_content() == view.caption
    assert k == 6
    nb.steps.shot("hidden-explorer", box)
    print(f"hidden-neuron explorer: lines within {worst:.4f} px of nnlib's")


def test_stepper_redraws_in_the_kernel(fixture_notebook):
    nb = fixture_notebook
    box = nb.widget("learning rate")
    image, caption = box.locator("img").first, box.locator(".widget-html").first
    before = image.get_attribute("src")
    box.get_by_role("button", name="10 steps").click()
    nb.steps.wait("the stepper's caption to say 10 steps", SLIDER, lambda: "after 10 steps" in caption.inner_text())
    nb.steps.wait("the stepper's picture to change", SLIDER, lambda: image.get_attribute("src") != before)
    before = image.get_attribute("src")
    assert nb.press(box, "learning rate", "ArrowRight", 1) == "0.3"  # the arrow keys reach the kernel too
    nb.steps.wait("the caption to show the new rate", SLIDER,
                  lambda: "learning rate 0.3, after 10 steps" in caption.inner_text())
    nb.steps.wait("the stepper's picture to change", SLIDER, lambda: image.get_attribute("src") != before)
    assert not nb.errors(), "error or stderr output after the clicks:\n" + "\n".join(nb.errors())
    assert not nb.panel.get_by_text("Error displaying widget").count(), "a widget failed to display"
    nb.steps.shot("stepper", box)


def test_lesson_explorer_draws_in_the_page(lab, browser):
    relpath = NOTEBOOKS["lesson"]
    nb = Notebook(lab, browser, relpath, "lesson")
    try:
        box = nb.widget(WEIGHT_LABEL)
        svg = box.locator("svg.nnlib-plot").first
        w = _number(nb.press(box, WEIGHT_LABEL, "ArrowRight", 5))
        _, error = check_curve(svg, w, 0.0)
        caption = box.locator(".widget-html").first
        nb.steps.wait("the kernel's caption to catch up", SLIDER,
                      lambda: f"w/4 = {round(w / 4, 6):g}." in caption.inner_text())
        nb.steps.wait("the kernel to return to Idle", SLIDER, nb.idle)
        errors = nb.errors()
        assert not errors, "error or stderr output after moving the slider:\n" + "\n".join(errors)
        assert not nb.panel.get_by_text("Error displaying widget").count(), "a widget failed to display"
        nb.steps.shot("lesson-explorer", box)
        print(f"[lesson] Run All and first checks in {nb.seconds:.1f} s; curve within {error:.3f} px")
    finally:
        nb.close()


def test_kid_lesson_runs_and_pip_learns_in_the_page(lab, browser):
    # the child's path: every cell runs (the friendly errors installed, no traceback), every widget
    # displays, and the play button shows Pip learning to the last round
    from nnlib import data
    from nnlib.sorter import learn
    from nnlib.viz.rounds import round_views

    nb = Notebook(lab, browser, NOTEBOOKS["kid"], "kid")
    try:
        assert not nb.panel.get_by_text("Error displaying widget").count(), "a widget failed to display"
        box = nb.widget("round")
        box.scroll_into_view_if_needed()
        svg = box.locator("svg.nnlib-plot").first
        box.locator(".widget-play button").first.click()
        X, y = data.fruit()
        views = round_views(X, y, learn(X, y))
        nb.steps.wait("Pip to learn to the last round", SLIDER,
                      lambda: svg.get_attribute("data-round") == str(len(views) - 1))
        nb.steps.wait("the last round's words", SLIDER,
                      lambda: box.locator(".rounds-caption").first.text_content() == views[-1].caption)
        nb.steps.shot("kid-rounds", box)
        sorter = nb.widget("size dial")
        sorter.scroll_into_view_if_needed()
        nb.steps.shot("kid-sorter", sorter)
        errors = nb.errors()
        assert not errors, "error or stderr output in the kid lesson:\n" + "\n".join(errors)
        print(f"[kid] Run All and the rounds played in {nb.seconds:.1f} s")
    finally:
        nb.close()


READ_PATHS = """(svg) => {
  const ticks = (cls, attr) => [...svg.querySelectorAll('.' + cls)].map(g =>
      [Number(g.getAttribute('data-value')), Number(g.querySelector('line').getAttribute(attr))]);
  return {x: ticks('xtick', 'x1'), y: ticks('ytick', 'y1'),
          paths: Object.fromEntries([...svg.querySelectorAll('path.opt-path')].map(p =>
              [p.getAttribute('data-name'), p.getAttribute('d')])),
          lr: Number(svg.getAttribute('data-lr')), momentum: Number(svg.getAttribute('data-momentum')),
          contours: svg.querySelectorAll('.contours path').length,
          title: svg.querySelector('.title').textContent};
}"""


def drawn_paths(svg):
    """The optimizer explorer's two paths as the page draws them, mapped back to data through the ticks.

    Returns ({name: array (n, 2)}, what the page read: lr, momentum, title, contour count, and
    (size of one pixel in x, in y) in data units).
    """
    got = svg.evaluate(READ_PATHS)
    maps = []
    for ticks in (got["x"], got["y"]):
        value, pixel = np.array(ticks, dtype=float).T
        slope, offset = np.polyfit(value, pixel, 1)
        assert np.abs(slope * value + offset - pixel).max() < 0.02, f"uneven ticks {ticks}"
        maps.append((slope, offset))
    paths = {}
    for name, d in got["paths"].items():
        points = np.array([p.split(",") for p in d.lstrip("M").split("L")], dtype=float)
        paths[name] = np.column_stack([(points[:, k] - maps[k][1]) / maps[k][0] for k in (0, 1)])
    got["pixel"] = (1 / abs(maps[0][0]), 1 / abs(maps[1][0]))
    return paths, got


def check_paths(svg):
    """The drawn paths are nnlib.optim's GradientDescent and Momentum trajectories, within 0.05 pixel.

    For the exact lr and momentum the page drew with (the readouts are rounded; the log slider snaps
    log10(lr) to its grid of steps). Returns (lr, momentum, largest error in pixels).
    """
    from nnlib import optim
    from nnlib.viz import optimizers as optviz

    paths, got = drawn_paths(svg)
    lr, momentum = got["lr"], got["momentum"]
    want = optviz.optimizer_paths({"gradient descent": optim.GradientDescent(lr),
                                   "momentum": optim.Momentum(lr, momentum=momentum)}, steps=40)
    worst = 0.0
    for name in ("gradient descent", "momentum"):
        assert paths[name].shape == (41, 2), f"{name}: {paths[name].shape[0]} points drawn, nnlib has 41"
        error = np.abs(paths[name] - optviz.clip_path(want[name])) / np.array(got["pixel"])
        assert error.max() < 0.05, f"{name}: drawn path differs from nnlib's by {error.max():.3f} px"
        worst = max(worst, error.max())
    assert got["title"] == optviz.explorer_title(lr, momentum)
    assert got["contours"] == len(optviz.valley_contours())
    return lr, momentum, worst


def test_optimizer_explorer_draws_nnlibs_paths_in_the_page(fixture_notebook):
    from nnlib.viz import optimizers as optviz

    nb = fixture_notebook
    box = nb.widget("momentum")
    svg = box.locator("svg.nnlib-plot").first
    caption = box.locator(".widget-html").first
    lr, mom, error = check_paths(svg)
    assert abs(lr - 0.02) < 1e-3 and abs(mom - 0.8) < 1e-12, (lr, mom)  # the starting values
    nb.steps.shot("optimizers-start", box)
    errors = [error]
    assert _number(nb.press(box, "momentum", "ArrowLeft", 30)) == 0.5  # 0.8 -> 0.5
    readout = nb.press(box, "lr", "ArrowRight", 8)  # log10(lr) up by 8 steps of 0.05
    lr, mom, error = check_paths(svg)
    errors.append(error)
    assert f"{lr:.3f}" == readout and 0.04 < lr < 0.08 and abs(mom - 0.5) < 1e-12, (lr, readout, mom)
    nb.steps.wait("the kernel's caption to catch up", SLIDER,
                  lambda: caption.inner_text() == optviz.explorer_view(lr, mom)[1])
    readout = nb.press(box, "lr", "ArrowRight", 6)  # past 2/25: gradient descent diverges, clipped at the edge
    lr, mom, error = check_paths(svg)
    errors.append(error)
    assert f"{lr:.3f}" == readout and lr > 0.08, (lr, readout)
    nb.steps.wait("the caption to say gradient descent diverged", SLIDER,
                  lambda: "gradient descent: diverged" in caption.inner_text())
    nb.steps.shot("optimizers", box)
    print(f"optimizer explorer: drawn paths within {max(errors):.3f} px of nnlib.optim's")


def test_the_browser_is_found_without_naming_a_path():
    from tests.browser_support import DEBIAN_CHROMIUM, find_chromium

    nowhere = lambda name: None  # noqa: E731
    on_path = {"google-chrome": "bin/google-chrome"}.get
    assert find_chromium({"COURSE_CHROMIUM": "my/chrome"}, lambda p: False, nowhere) == "my/chrome"
    assert find_chromium({}, lambda p: p == DEBIAN_CHROMIUM, on_path) == DEBIAN_CHROMIUM
    assert find_chromium({"COURSE_CHROMIUM": " "}, lambda p: False, on_path) == "bin/google-chrome"
    assert find_chromium({}, lambda p: False, nowhere) == DEBIAN_CHROMIUM  # then the skip names it


def test_a_picture_cannot_take_a_trait_name_ipywidgets_reads_itself():
    # a dict trait "style" stopped the hidden-neuron picture from drawing in a static page: every
    # widget view reads "style" as a style widget ("Cannot read properties of undefined (reading 'then')")
    from nnlib.viz.browser import RESERVED, view_class

    for name in ("style", "layout", "tooltip", "_private"):
        with pytest.raises(ValueError, match=f"trait names \\['{name}'\\] are taken by ipywidgets"):
            view_class("hidden", f"Clash{name.strip('_').title()}", (("k", "int"), (name, "dict")))
    assert "style" in RESERVED
    assert view_class("hidden", "NoClash", (("k", "int"), ("palette", "dict")))(k=2, palette={"a": 1}).palette == {"a": 1}
