"""The course's website, built and read in headless Chromium with the network cut off.

``python3 course.py site`` (tools/site.py) is run once for the module; the site is served from
127.0.0.1, and every request for anything else is blocked (Playwright's route interception) and
recorded. The tests then check, as a reader would meet the pages:

* the index links every level: lesson, exercises, solutions and the in-browser version, each
  answering;
* every lesson page has its maths typeset (no MathJax error, no raw ``$...$`` left), every image
  loaded, no widget shown as its text (``VBox(children=...``), every slider of every picture drawn
  in the browser redrawing it and a Play button playing it (levels 1-4; level 5 has none), every
  text the kernel writes beside them marked and replaced by a note once a slider moves, the
  kernel-drawn stepper shown for what it is; no console error, no missing file (the widgets' icon
  font included), and no request that left the machine;
* the in-browser version (JupyterLite) starts its Pyodide kernel from the site alone; a cell
  builds a widget from nnlib's own ``web/*.js`` (read from the nnlib wheel the site serves) and a
  slider linked to it redraws it; an exercise's check cell runs as far as it can.

What needs Pyodide's compiled packages (numpy, matplotlib: on neither npm nor PyPI, so not
reachable from this machine) runs only where they are available: a local copy named by
COURSE_PYODIDE_PACKAGES (the site is then built with it), or the Pyodide distribution on the web
when it answers. Then every lesson runs top to bottom in JupyterLite and an exercise check passes
with the worked answer; elsewhere that test is skipped, saying why. Without numpy an exercise
check stops at ``import nnlib`` (it needs numpy): the test checks that it gets that far and that
the only requests it tried outside were Pyodide's compiled packages.

Screenshots go to artifacts/site/ (ignored by git), the measured times and bytes to
artifacts/site/metrics.json. Without chromium or Playwright the test skips (fails with CI=true).
"""

import functools
import gzip
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import nbformat
import pytest

from tests.browser_support import CHROMIUM, LAUNCH_ARGS, browser_leftovers, missing_browser, skip_or_fail

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "build" / "site"
ARTIFACTS = ROOT / "artifacts" / "site"
LEVELS = ["01_kid", "02_high_school", "03_undergraduate", "04_graduate", "05_phd"]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
PACKAGES_ENV = "COURSE_PYODIDE_PACKAGES"
# Seconds allowed for each step; every wait in this file is bounded by one of these.
BUILD, PAGE, WIDGETS, KERNEL, CELL, RUN_ALL = 900, 60, 60, 240, 120, 900
METRICS = {"pages": {}, "lite": {}}

pytestmark = pytest.mark.browser


# ---------------------------------------------------------------- build, serve, browse

@pytest.fixture(scope="module")
def built():
    reason = missing_browser()
    if reason:
        skip_or_fail(reason)
    t0 = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "tools.site"], cwd=ROOT, capture_output=True, text=True,
                            timeout=BUILD)
    seconds = time.monotonic() - t0
    assert result.returncode == 0, f"the site did not build:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    assert re.search(r"\[site\] \d+/\d+ ", result.stdout), "the build shows no progress"
    summary = json.loads((SITE / "build.json").read_text())
    METRICS["build"] = {"seconds": round(seconds, 1), "site_bytes": summary["bytes"],
                        "lite_bytes": summary["lite_bytes"]}
    yield summary
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "metrics.json").write_text(json.dumps(METRICS, indent=1))


class Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript",
                      ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json"}

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)  # a page closed mid-download is no error


@pytest.fixture(scope="module")
def server(built):
    httpd = Server(("127.0.0.1", 0), functools.partial(Handler, directory=str(SITE)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(10)


@pytest.fixture(scope="module")
def browser(server, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    tmp = tmp_path_factory.mktemp("chromium")
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp / "config"), XDG_CACHE_HOME=str(tmp / "cache"))
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS, env=env)
        try:
            yield chromium
        finally:
            chromium.close()
    left = browser_leftovers(os.getpid())
    assert not left, f"the browser outlived the test: {left}"


FIRST_PICTURE = """(() => {
  window.__firstPicture = undefined;
  const mark = () => { if (window.__firstPicture === undefined) window.__firstPicture = performance.now(); };
  document.addEventListener('load', e => {
    if (e.target.tagName === 'IMG' && e.target.naturalWidth) mark();
  }, true);
})();"""


class Reader:
    """A fresh browser context whose every request outside ``server`` is blocked and recorded."""

    def __init__(self, browser, server, allow=()):
        self.server, self.allow = server, tuple(allow)
        self.blocked, self.allowed_outside, self.missing, self.console, self.served = [], [], [], [], []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.route("**/*", self._route)
        self.context.add_init_script(FIRST_PICTURE)
        self.context.add_init_script(PANEL)
        self.page = self.context.new_page()
        self.page.set_default_timeout(PAGE * 1000)
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.console.append(f"page error: {e}"))
        self.page.on("response", lambda r: self.missing.append(f"{r.status} {r.url}") if r.status >= 400 else None)

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.server + "/") or url.startswith(("data:", "blob:")):
            if url.startswith(self.server + "/"):
                self.served.append(url)
            route.continue_()
        elif self.allow and url.startswith(self.allow):
            self.allowed_outside.append(url)
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def bytes_served(self):
        """Bytes of the site's files asked for so far (the page's and its workers' requests)."""
        total = 0
        for url in self.served:
            path = SITE / urllib.parse.unquote(urllib.parse.urlparse(url).path).lstrip("/")
            path = path / "index.html" if path.is_dir() else path
            total += path.stat().st_size if path.is_file() else 0
        return total

    def bytes_gzipped(self):
        """The same files' bytes as a host that compresses text (gzip, as GitHub Pages does) sends them."""
        paths = {SITE / urllib.parse.unquote(urllib.parse.urlparse(url).path).lstrip("/") for url in self.served}
        return sum(_gzipped_size(path / "index.html" if path.is_dir() else path) for path in paths)

    def shot(self, name, element=None):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        try:
            (element or self.page).screenshot(path=str(path), timeout=15_000)
        except Exception as exc:  # a screenshot must never hide the real failure
            print(f"screenshot {path.name} failed: {exc}")
        return path

    def wait(self, what, seconds, check, name="FAILED"):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            state = check()
            if state:
                return state
            self.page.wait_for_timeout(250)
        shot = self.shot(name)
        pytest.fail(f"timed out after {seconds} s waiting for {what}. Screenshot: {shot}\n"
                    f"console errors: {self.console[:10]}\nblocked: {self.blocked[:10]}", pytrace=False)

    def close(self):
        self.context.close()


@functools.lru_cache(maxsize=None)
def _gzipped_size(path):
    if not path.is_file():
        return 0
    data = path.read_bytes()
    return len(gzip.compress(data, 6)) if path.suffix in (".html", ".js", ".mjs", ".css", ".json", ".svg") else len(data)


@pytest.fixture
def reader(browser, server):
    r = Reader(browser, server)
    yield r
    r.close()


# ---------------------------------------------------------------- the index

def test_the_build_made_every_page_and_fetched_nothing_unlocked(built):
    for kind in ("lessons", "exercises", "solutions"):
        for stem in LEVELS:
            assert (SITE / kind / f"{stem}.html").is_file()
            assert (SITE / kind / f"{stem}.ipynb").is_file(), "the notebook to download is missing"
    lock = json.loads((ROOT / "tools" / "site" / "lock.json").read_text())
    for name, entry in lock["npm"].items():
        assert entry["integrity"].startswith("sha512-"), name
    for page in SITE.rglob("*.html"):
        if "lite" in page.relative_to(SITE).parts:
            continue
        text = page.read_text(encoding="utf-8")
        for url in re.findall(r"""(?:src|href)=["'](https?://[^"']+)""", text):
            assert "cdn" not in url and not url.endswith(".js"), f"{page.name} loads {url}"


def test_the_index_links_every_level(reader, server):
    page = reader.page
    page.goto(f"{server}/index.html")
    reader.shot("index")
    links = page.eval_on_selector_all("a[href]", "els => els.map(a => a.getAttribute('href'))")
    for stem in LEVELS:
        for kind in ("lessons", "exercises", "solutions"):
            assert f"{kind}/{stem}.html" in links, f"the index has no link to {kind}/{stem}.html"
        for kind in ("lessons", "exercises"):
            assert f"lite/lab/index.html?path={kind}/{stem}.ipynb" in links
    sections = page.locator(".course-level")
    assert sections.count() == 5
    for i in range(5):
        text = sections.nth(i).inner_text()
        for label in ("Who it is for", "What it assumes", "Time"):
            assert label in text
        assert re.search(r"\b(\d+|one|two|three) (minutes|hours?|h)\b", text), f"level {i + 1}: no time given"
    missing = []
    for href in sorted({h.split("?")[0] for h in links if not h.startswith(("http", "#"))}):
        try:
            urllib.request.urlopen(f"{server}/{href}", timeout=10).close()
        except urllib.error.HTTPError as error:
            missing.append(f"{href}: {error.code}")
    assert not missing, f"the index links to pages that are not there: {missing}"
    assert not reader.blocked and not reader.missing and not reader.console


# ---------------------------------------------------------------- the lesson pages

PAGE_STATE = """() => {
  const math = document.querySelectorAll('.MathJax_CHTML').length;
  const scripts = document.querySelectorAll('script[type^="math/tex"]').length;
  const errors = document.querySelectorAll('.MathJax_Error, .mjx-merror').length;
  const raw = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent.closest('.jp-RenderedMarkdown') || parent.closest('code, pre, script, style, .MathJax_CHTML')) continue;
    const found = node.textContent.match(/\\$[^$\\s][^$]*\\$|\\\\\\(|\\\\\\[/);
    if (found) raw.push(found[0].slice(0, 60));
  }
  const images = [...document.querySelectorAll('main img')];
  const outputs = [...document.querySelectorAll('.jp-OutputArea-output')];
  return {
    math, scripts, errors, raw,
    images: images.length,
    broken: images.filter(i => !i.complete || !i.naturalWidth).map(i => (i.getAttribute('src') || '').slice(0, 60)),
    texty: outputs.filter(o => /\\b(V|H)Box\\(children=|\\b(Int|Float)Slider\\(value=|IntProgress\\(value=/.test(o.innerText))
                  .map(o => o.innerText.slice(0, 80)),
    views: document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]').length,
    rendered: outputs.filter(o => o.querySelector('.jupyter-widgets.widget-box, .jupyter-widgets .widget-box')).length,
    sliders: document.querySelectorAll('main .widget-slider').length,
    mathjaxDone: !!(window.MathJax && MathJax.Hub && MathJax.isReady && MathJax.Hub.queue.pending === 0),
    firstPicture: window.__firstPicture,
  };
}"""

BYTES = """(until) => {
  const nav = performance.getEntriesByType('navigation')[0];
  const all = performance.getEntriesByType('resource');
  const size = e => e.transferSize || e.encodedBodySize || 0;
  return {
    total: size(nav) + all.reduce((s, e) => s + size(e), 0),
    before: size(nav) + all.filter(e => e.responseEnd <= until).reduce((s, e) => s + size(e), 0),
    requests: all.length + 1,
    domContentLoaded: nav.domContentLoadedEventEnd,
  };
}"""

MATHJAX_DONE = """() => new Promise(resolve => {
  const wait = () => (window.MathJax && MathJax.Hub && MathJax.isReady)
    ? MathJax.Hub.Queue(() => resolve(true)) : setTimeout(wait, 100);
  wait();
})"""


def _widget_views(stem):
    nb = nbformat.read(ROOT / "lessons" / f"{stem}.ipynb", as_version=4)
    images = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs
                 if {"image/png", "image/jpeg"} & set(o.get("data", {})))
    views = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs if WIDGET_VIEW in o.get("data", {}))
    maths = any(re.search(r"\$[^$\s]", c.source) for c in nb.cells if c.cell_type == "markdown")
    return images, views, "widgets" in nb.metadata, maths


# The levels with browser-drawn pictures (an anywidget's SVG), and a slider each must have; every
# slider of every such picture is moved.
LIVE = {"01_kid": "quickness", "02_high_school": "weight w", "03_undergraduate": "weight w", "04_graduate": "momentum"}


@pytest.mark.parametrize("stem", LEVELS)
def test_a_lesson_page_reads_offline(reader, server, stem):
    page = reader.page
    images, views, stored, maths = _widget_views(stem)
    assert stored, f"lessons/{stem}.ipynb has no stored widget state: python3 course.py execute lessons/{stem}.ipynb"
    t0 = time.monotonic()
    page.goto(f"{server}/lessons/{stem}.html", wait_until="load")
    page.evaluate(MATHJAX_DONE)
    state = reader.wait(f"{views} widgets to be drawn from their saved state", WIDGETS,
                        lambda: (s := page.evaluate(PAGE_STATE))["rendered"] >= views and s, f"{stem}-FAILED")
    seconds = time.monotonic() - t0
    page.wait_for_timeout(500)
    reader.shot(f"{stem}-top")
    for i in range(state["images"]):  # images far down the page too
        page.locator("main img").nth(i).scroll_into_view_if_needed()
    state = page.evaluate(PAGE_STATE)
    measured = page.evaluate(BYTES, state["firstPicture"] or 0)
    METRICS["pages"][stem] = {"ready_seconds": round(seconds, 2), "bytes": measured["total"],
                              "bytes_served": reader.bytes_served(),
                              "bytes_gzipped": reader.bytes_gzipped(),
                              "requests": measured["requests"],
                              "first_picture_ms": round(state["firstPicture"] or -1),
                              "bytes_before_first_picture": measured["before"],
                              "dom_content_loaded_ms": round(measured["domContentLoaded"])}
    assert state["math"] == state["scripts"], f"maths not typeset: {state['math']} of {state['scripts']}"
    assert state["math"] > 0 or not maths, "the lesson has maths, the page shows none typeset"
    assert state["errors"] == 0, "MathJax reported an error"
    assert not state["raw"], f"raw maths left in the page: {state['raw'][:5]}"
    assert state["images"] >= images and not state["broken"], f"images not shown: {state['broken']}"
    assert not state["texty"], f"a widget shown as text: {state['texty']}"
    assert state["rendered"] == views
    assert state["firstPicture"], "no picture was drawn"
    if stem in LIVE:
        moved = _every_picture_is_live(reader, stem)
        assert LIVE[stem] in moved, f"{stem}: no slider {LIVE[stem]!r} among {moved}"
        METRICS["pages"][stem]["sliders_moved"] = moved
    else:
        assert state["sliders"] == 0, f"{stem} has a slider this test does not move"
    if stem == "02_high_school":
        _stepper_is_marked(reader)
    assert not reader.blocked, f"requests left the machine: {reader.blocked}"
    assert not reader.missing, f"files missing from the site: {reader.missing}"
    assert not reader.console, f"console errors: {reader.console}"


DRAWN = "b => [...b.querySelectorAll('svg')].map(s => s.outerHTML).join('')"


def _every_picture_is_live(reader, stem):
    """Every browser-drawn picture of the page redraws with no kernel when any of its sliders moves,
    and plays from its Play button (level 1's rounds); the text the kernel writes beside it is marked
    and replaced by a note once a slider moves. Returns the labels of the sliders moved."""
    page = reader.page
    boxes = page.locator("main .jp-OutputArea-output").filter(has=page.locator("svg.nnlib-plot"))
    assert boxes.count(), f"{stem}: no browser-drawn picture in the page"
    moved = []
    for i in range(boxes.count()):
        box = boxes.nth(i)
        box.scroll_into_view_if_needed()
        reader.shot(f"{stem}-picture{i + 1}-before", box)
        unmarked = box.locator(".widget-html:not(.nnlib-kernel-caption)")
        assert not unmarked.count(), f"{stem}: picture {i + 1} has a text the kernel wrote that is not marked"
        caption = box.locator(".nnlib-kernel-caption")
        # (a caption with nothing to say is hidden: the guessing game's, without a game of the learner's)
        saved_caption = caption.first.inner_text() if caption.count() and caption.first.is_visible() else None
        play = box.locator(".widget-play button")
        if play.count():
            svg = box.locator("svg.nnlib-plot").first
            shown = svg.get_attribute("data-round")
            play.first.click()
            reader.wait(f"{stem}: the Play button to move picture {i + 1} on", 10,
                        lambda: svg.get_attribute("data-round") != shown, f"{stem}-FAILED")
            play.first.click()  # pause
            reader.wait(f"{stem}: the Play button to pause", 10,
                        lambda: box.locator(".widget-play button i.fa-play").count() == 1, f"{stem}-FAILED")
        sliders = box.locator(".widget-slider")
        assert sliders.count(), f"{stem}: picture {i + 1} has no slider"
        for j in range(sliders.count()):
            slider = sliders.nth(j)
            label = slider.locator(".widget-label").inner_text()
            readout = slider.locator(".widget-readout")
            before, value = box.evaluate(DRAWN), readout.inner_text()
            handle = slider.locator(".noUi-handle")
            handle.focus()
            for key in ("ArrowRight", "ArrowLeft"):  # the other way at the end of its range
                for _ in range(3):
                    handle.press(key)
                page.wait_for_timeout(300)
                if readout.inner_text() != value:
                    break
            assert readout.inner_text() != value, f"{stem}: the slider {label!r} did not move"
            reader.wait(f"{stem}: the picture to redraw after {label!r} moved", 10,
                        lambda: box.evaluate(DRAWN) != before, f"{stem}-FAILED")
            moved.append(label)
        reader.shot(f"{stem}-picture{i + 1}-after", box)
        if saved_caption is not None:
            reader.wait("the kernel's caption to be replaced by a note", 5,
                        lambda: caption.first.get_attribute("data-course-stale") is not None)
            text = caption.first.inner_text()
            assert "Python" in text and saved_caption not in text, text
    return moved


def _stepper_is_marked(reader):
    page = reader.page
    stepper = page.locator(".nnlib-kernel-drawn").first
    assert stepper.count() and stepper.get_attribute("inert") is not None, "the stepper's controls are not switched off"
    note = stepper.locator("xpath=preceding-sibling::div[contains(@class, 'course-note')][1]")
    assert "drawn by Python" in note.inner_text()
    assert stepper.locator("img").first.evaluate("i => i.complete && i.naturalWidth > 0")
    stepper.scroll_into_view_if_needed()
    reader.shot("02_high_school-stepper", stepper.locator("xpath=.."))


# ---------------------------------------------------------------- the digits without scikit-learn

def test_the_wheel_the_site_serves_brings_the_digits(built, tmp_path):
    """In Pyodide, nnlib.data.digits() reads the digits from the wheel: exactly scikit-learn's."""
    wheel = next((SITE / "lite" / "static" / "pyodide").glob("nnlib-*-py3-none-any.whl"))
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path)
        names = archive.namelist()
    assert "nnlib/viz/web/explorer.js" in names and "nnlib/checks/level1.py" in names
    code = ("import sys, hashlib; sys.modules['sklearn'] = None\n"  # as in Pyodide: no scikit-learn
            "import nnlib.data as d; X, y = d.digits()\n"
            "print(X.shape, y.shape, hashlib.sha256(X.tobytes() + y.tobytes()).hexdigest())")
    shipped = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                             env=dict(os.environ, PYTHONPATH=str(tmp_path)))
    assert shipped.returncode == 0, shipped.stderr
    import hashlib

    from nnlib.data import digits

    X, y = digits()
    assert shipped.stdout.split() == ["(1797,", "64)", "(1797,)",
                                      hashlib.sha256(X.tobytes() + y.tobytes()).hexdigest()]


# ---------------------------------------------------------------- the in-browser version

KERNEL_READY = """async () => {
  const app = window.jupyterapp;
  const panel = app && __panel();
  if (!panel || !panel.sessionContext) return null;
  await panel.sessionContext.ready;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel) return null;
  await kernel.info;
  return kernel.status;
}"""

RUN_CODE = """async (code) => {
  const app = window.jupyterapp, panel = __panel(), nb = panel.content;
  nb.activeCellIndex = nb.widgets.length - 1;
  await app.commands.execute('notebook:insert-cell-below');
  const index = nb.activeCellIndex;
  nb.activeCell.model.sharedModel.setSource(code);
  await app.commands.execute('notebook:run-cell');
  return index;
}"""

CELL_STATE = """(index) => {
  const app = window.jupyterapp, panel = __panel(), cell = panel.content.widgets[index];
  const kernel = panel.sessionContext.session.kernel;
  return {count: cell.model.executionCount, status: kernel.status,
          outputs: cell.model.outputs.toJSON(), text: cell.node.querySelector('.jp-OutputArea')
            ? cell.node.querySelector('.jp-OutputArea').innerText : ''};
}"""


# The notebook's panel in JupyterLite's main area (the shell's current widget follows the focus).
PANEL = """window.__panel = () => { const app = window.jupyterapp; if (!app) return null;
  for (const w of app.shell.widgets('main')) { if (w.sessionContext && w.content) return w; } return null; };"""


def _open_lite(reader, server, path, name):
    page = reader.page
    t0 = time.monotonic()
    page.goto(f"{server}/lite/lab/index.html?path={path}")
    reader.wait("JupyterLite to open the notebook", PAGE,
                lambda: page.evaluate("() => !!(window.jupyterapp && __panel())"), f"{name}-FAILED")
    status = None
    deadline = time.monotonic() + KERNEL
    while time.monotonic() < deadline:
        status = page.evaluate(KERNEL_READY)
        if status == "idle":
            break
        page.wait_for_timeout(250)
    if status != "idle":
        shot = reader.shot(f"{name}-FAILED")
        pytest.fail(f"the Pyodide kernel did not start within {KERNEL} s (status {status}). Screenshot: {shot}\n"
                    f"blocked: {reader.blocked[:10]}\nmissing: {reader.missing[:10]}\nconsole: {reader.console[:10]}",
                    pytrace=False)
    return time.monotonic() - t0


def _run(reader, code, name, seconds=CELL):
    page = reader.page
    index = page.evaluate(RUN_CODE, code)
    return reader.wait(f"the cell to run:\n{code[:300]}", seconds,
                       lambda: (s := page.evaluate(CELL_STATE, index))["count"] is not None
                       and s["status"] == "idle" and s, f"{name}-FAILED")


def _explorer_traits():
    from nnlib.viz.explorer import sigmoid_plot

    plot = sigmoid_plot(1.0, 0.0)
    return {k: getattr(plot, k) for k in ("w", "b", "x_range", "n", "spec", "labels", "xticks", "yticks")}


def test_the_in_browser_version_starts_offline_and_draws_nnlibs_widget(browser, server, built):
    reader = Reader(browser, server)
    try:
        seconds = _open_lite(reader, server, "lessons/01_kid.ipynb", "lite-kernel")
        METRICS["lite"]["kernel_start_seconds"] = round(seconds, 1)
        METRICS["lite"]["bytes_to_kernel_idle"] = reader.bytes_served()
        METRICS["lite"]["bytes_to_kernel_idle_gzipped"] = reader.bytes_gzipped()
        reader.shot("lite-01-kernel-idle")
        wheel = next((SITE / "lite" / "static" / "pyodide").glob("nnlib-*-py3-none-any.whl")).name
        # nnlib without its dependencies (numpy is among Pyodide's compiled packages, not reachable here)
        out = _run(reader, "import micropip\n"
                           f"await micropip.install('{server}/lite/static/pyodide/{wheel}', deps=False)\n"
                           "import importlib.metadata as m\nprint('nnlib', m.version('nnlib'))", "lite-install")
        assert "nnlib 0.1" in out["text"], out
        traits = json.dumps(_explorer_traits())
        code = f"""import json, importlib.metadata
import anywidget, traitlets, ipywidgets as widgets
nnlib = importlib.metadata.distribution("nnlib")
esm = "\\n".join(nnlib.locate_file(f"nnlib/viz/web/{{name}}.js").read_text() for name in ("svg", "explorer"))
kinds = {{float: traitlets.Float, int: traitlets.Int, list: traitlets.List, dict: traitlets.Dict}}
values = json.loads({traits!r})
Plot = type("SigmoidPlot", (anywidget.AnyWidget,),
            {{"_esm": esm, **{{k: kinds[type(v)]().tag(sync=True) for k, v in values.items()}}}})
plot = Plot(**values)
slider = widgets.FloatSlider(value=1.0, min=-5, max=5, step=0.1, description="weight w")
widgets.jslink((slider, "value"), (plot, "w"))
widgets.VBox([slider, plot])"""
        out = _run(reader, code, "lite-widget")
        METRICS["lite"]["bytes_after_widget_cell"] = reader.bytes_served()
        assert not [o for o in out["outputs"] if o["output_type"] == "error"], out["outputs"]
        page = reader.page
        cell = page.locator(".jp-Notebook .jp-Cell").last
        svg = cell.locator(".jp-OutputArea svg").first
        reader.wait("the widget to draw its SVG", WIDGETS, lambda: svg.count() and svg.locator("path").count())
        before = svg.inner_html()
        cell.scroll_into_view_if_needed()
        reader.shot("lite-02-widget-before", cell)
        handle = cell.locator(".noUi-handle").first
        handle.focus()
        for _ in range(5):
            handle.press("ArrowRight")
        reader.wait("the widget to redraw after the slider moved", 10, lambda: svg.inner_html() != before)
        reader.shot("lite-03-widget-after", cell)
        # SIGALRM, which the checks' time limit uses: what Pyodide does with it (reported, not required)
        out = _run(reader, "import signal, time\nrang = []\n"
                           "if hasattr(signal, 'setitimer'):\n"
                           "    signal.signal(signal.SIGALRM, lambda *a: rang.append(1))\n"
                           "    signal.setitimer(signal.ITIMER_REAL, 0.05)\n"
                           "    end = time.time() + 0.5\n"
                           "    while time.time() < end and not rang: pass\n"
                           "    signal.setitimer(signal.ITIMER_REAL, 0)\n"
                           "print('setitimer', hasattr(signal, 'setitimer'), 'delivered', bool(rang))", "lite-alarm")
        METRICS["lite"]["sigalrm"] = out["text"].strip()
        # An exercise: its first cell imports the checks (nnlib.checks, which needs numpy), then a
        # check cell runs on the blank answer.
        exercise = nbformat.read(ROOT / "exercises" / "01_kid.ipynb", as_version=4)
        imports = next(c.source for c in exercise.cells if c.cell_type == "code" and "nnlib.checks" in c.source)
        check = next(c.source for c in exercise.cells if c.cell_type == "code"
                     and c.metadata.get("nbgrader", {}).get("grade") and "check" in c.source)
        out = _run(reader, imports, "lite-check-imports")
        errors = [o for o in out["outputs"] if o["output_type"] == "error"]
        if built["compiled_packages"]["web"]:
            # numpy and matplotlib could not be fetched: the cell stops at importing them
            assert errors and re.search(r"No module named '(numpy|matplotlib)'", json.dumps(errors)), out["outputs"]
            METRICS["lite"]["check_offline"] = f"{errors[0]['ename']}: {errors[0]['evalue'][:120]}"
            reader.shot("lite-04-check-without-numpy", page.locator(".jp-Notebook .jp-Cell").last)
        else:
            assert not errors, out["outputs"]
            out = _run(reader, "score = None\nsays = None\n" + check, "lite-check")
            assert "\u2718" in out["text"], out["outputs"]  # a blank answer is rejected, with a message
    finally:
        reader.close()
    from tools.site import PYODIDE_CDN

    outside = [u for u in reader.blocked if not u.startswith(PYODIDE_CDN)]
    assert not outside, f"the in-browser version asked for more than Pyodide's compiled packages: {outside}"
    assert all(re.search(r"pyemscripten_\d+_\d+_wasm32\.whl$", u) for u in reader.blocked), reader.blocked
    assert not reader.missing, f"files missing from the site: {reader.missing}"
    METRICS["lite"]["blocked_requests"] = reader.blocked


def _compiled_packages_reachable():
    """(allow prefix, why) when Pyodide's compiled packages can be had; (None, why not) otherwise."""
    from tools.site import PYODIDE_CDN

    if os.environ.get(PACKAGES_ENV):
        return (), f"{PACKAGES_ENV}={os.environ[PACKAGES_ENV]}"
    try:
        with urllib.request.urlopen(PYODIDE_CDN + "pyodide-lock.json", timeout=5) as response:
            response.read(100)
        return (PYODIDE_CDN,), f"{PYODIDE_CDN} answers"
    except (urllib.error.URLError, OSError) as error:
        return None, (f"Pyodide's compiled packages (numpy, matplotlib) are not available: {PACKAGES_ENV} is not "
                      f"set and {PYODIDE_CDN} does not answer ({error}); they are on neither npm nor PyPI")


def test_every_lesson_runs_in_the_browser_and_a_check_passes(browser, server, built):
    allow, why = _compiled_packages_reachable()
    if allow is None:
        pytest.skip(why)
    if os.environ.get(PACKAGES_ENV):
        assert not built["compiled_packages"]["web"], "the site was not built with the local copy"
    METRICS["lite"]["run_all_with"] = why
    for stem in LEVELS:
        reader = Reader(browser, server, allow=allow)
        try:
            _open_lite(reader, server, f"lessons/{stem}.ipynb", f"lite-{stem}")
            page = reader.page
            n = page.evaluate("() => __panel().content.widgets"
                              ".filter(c => c.model.type === 'code').length")
            t0 = time.monotonic()
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            state = """() => { const p = __panel();
              const cells = p.content.widgets.filter(c => c.model.type === 'code');
              const errors = cells.filter(c => !(c.model.getMetadata('tags') || []).includes('raises-exception'))
                .flatMap(c => c.model.outputs.toJSON().filter(o => o.output_type === 'error')
                .map(o => o.ename + ': ' + o.evalue));
              return {ran: cells.filter(c => c.model.executionCount !== null && !c.node.querySelector('.jp-InputPrompt')
                  .textContent.includes('*')).length, errors, status: p.sessionContext.session.kernel.status}; }"""
            result = reader.wait(f"Run All in lessons/{stem}.ipynb", RUN_ALL,
                                 lambda: (s := page.evaluate(state))["status"] == "idle"
                                 and (s["ran"] == n or s["errors"]) and s, f"lite-{stem}-FAILED")
            METRICS["lite"].setdefault("run_all_seconds", {})[stem] = round(time.monotonic() - t0, 1)
            reader.shot(f"lite-run-all-{stem}")
            assert not result["errors"], f"{stem}: {result['errors']}"
            assert not reader.blocked, reader.blocked
        finally:
            reader.close()
    # an exercise check with the worked answer
    solution = nbformat.read(ROOT / "solutions" / "01_kid.ipynb", as_version=4)
    answer = next(c for c in solution.cells if c.metadata.get("nbgrader", {}).get("solution"))
    grade_id = answer.metadata["nbgrader"]["grade_id"]
    exercise = nbformat.read(ROOT / "exercises" / "01_kid.ipynb", as_version=4)
    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in exercise.cells]
    index = ids.index(grade_id)
    check = next(i for i in range(index + 1, len(exercise.cells)) if exercise.cells[i].metadata.get("nbgrader", {}).get("grade"))
    reader = Reader(browser, server, allow=allow)
    try:
        _open_lite(reader, server, "exercises/01_kid.ipynb", "lite-exercise")
        page = reader.page
        page.evaluate("""([index, source]) => { const nb = __panel().content;
            nb.widgets[index].model.sharedModel.setSource(source); }""", [index, answer.source])
        page.evaluate("""(check) => { const nb = __panel().content;
            nb.activeCellIndex = check; return window.jupyterapp.commands.execute('notebook:run-all-above'); }""", check)
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-cell')")
        text = reader.wait("the check to print its verdict", RUN_ALL, lambda: (t := page.evaluate(
            "(i) => __panel().content.widgets[i].node.innerText", check))
            and ("\u2714" in t or "\u2718" in t or "Error" in t) and t, "lite-exercise-FAILED")
        reader.shot("lite-exercise-check")
        assert "\u2714" in text, text
    finally:
        reader.close()


# ---------------------------------------------------------------- integrity

def test_a_download_that_does_not_match_the_lock_is_refused(tmp_path, monkeypatch):
    import tools.site as site

    monkeypatch.setattr(site, "CACHE", tmp_path)
    monkeypatch.setattr(site, "fetch", lambda url, timeout=120: b"not the package the lock names")
    lock = {"npm": {"requirejs": {"version": "2.3.7", "integrity": site.sri(b"the real one")}}}
    with pytest.raises(site.SiteError, match="refusing .*requirejs-2.3.7.tgz: its integrity is sha512-"):
        site.npm_tarball("requirejs", lock)
    assert not list(tmp_path.rglob("*.tgz")), "a refused download was kept"
    # a damaged file in the cache is fetched again, and checked again
    (tmp_path / "npm").mkdir()
    (tmp_path / "npm" / "requirejs-2.3.7.tgz").write_bytes(b"damaged")
    monkeypatch.setattr(site, "fetch", lambda url, timeout=120: b"the real one")
    assert site.npm_tarball("requirejs", lock).read_bytes() == b"the real one"


def test_a_local_copy_of_another_pyodide_is_refused(built, tmp_path):
    import tools.site as site

    copy = tmp_path / "pyodide-dist"
    copy.mkdir()
    lock = json.loads(site.pyodide_lock_bytes(site.read_lock()))["packages"]
    (copy / lock["numpy"]["file_name"]).write_bytes(b"a numpy of another build")
    with pytest.raises(site.SiteError, match=r"refusing numpy-.*its sha256 is not the one"):
        site.stage_pyodide(site.read_lock(), tmp_path / "out", site.CompiledPackages(copy), site.Progress(1))
    with pytest.raises(site.SiteError, match="does not exist"):
        site.CompiledPackages(tmp_path / "nowhere")
