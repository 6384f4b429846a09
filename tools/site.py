"""Build the course's website in build/site/: the lessons as pages, and the in-browser version.

    python3 course.py site [--no-lite] [--pyodide-packages PATH] [--update-lock]

build/site/ (ignored by git) holds
- index.html: the five levels, who each is for, what it assumes, how long it takes, and links to
  the lesson, its exercises and their worked twin, and the in-browser version;
- lessons/, exercises/, solutions/: every notebook as a page (nbconvert's lab look) with its
  figures, its maths typeset by MathJax, its widgets drawn from their saved state (the sliders
  drawn in the browser stay live: they are linked to their pictures in the page), a bar to move
  between levels, and the notebook itself to download;
- static/: every file a page needs (nothing is loaded from elsewhere when a page is read): RequireJS,
  MathJax 2 (pruned to what the pages use), @jupyter-widgets/html-manager and anywidget's AMD
  module, all from the npm registry at build time;
- lite/: JupyterLite with the Pyodide kernel (``--no-lite`` leaves it out): the lessons and exercises
  to run with nothing installed, nnlib as a wheel (with the 8x8 digits inside, so scikit-learn and
  scipy are not needed), ipywidgets and anywidget loaded when a cell imports them.

Integrity: tools/site/lock.json pins every npm package (its sha512 integrity, as the registry gives
it) and every pure-Python wheel the in-browser version serves (its sha256, from PyPI); a download
that does not match is refused and the build stops. ``--update-lock`` rewrites the lock from the
registries (trust on first use: review its diff).

Pyodide's compiled packages (numpy, matplotlib, ...) are on neither npm nor PyPI. By default the
in-browser version loads them from the Pyodide distribution on the web (PYODIDE_CDN below); with
``--pyodide-packages PATH`` or COURSE_PYODIDE_PACKAGES=PATH (a folder holding the distribution's
files, or its .tar.bz2) the ones the course needs are checked against Pyodide's lock and served
by the site itself.

Downloads are cached in build/cache/ (ignored by git), so a second build fetches nothing.
"""

import argparse
import base64
import hashlib
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "tools" / "site"
LOCK = HERE / "lock.json"
BUILD = ROOT / "build"
SITE = BUILD / "site"
CACHE = BUILD / "cache"
NPM_REGISTRY = os.environ.get("COURSE_NPM_REGISTRY", "https://registry.npmjs.org").rstrip("/")
PACKAGES_ENV = "COURSE_PYODIDE_PACKAGES"

# What the lock pins (--update-lock looks these versions up).
NPM = {
    "requirejs": "2.3.7",
    "mathjax": "2.7.7",
    "@jupyter-widgets/html-manager": "1.0.15",
    "anywidget": "0.11.0",
    "pyodide": "314.0.6",  # the version jupyterlite-pyodide-kernel 0.8.6 is built for
}
PYODIDE_CDN = f"https://cdn.jsdelivr.net/pyodide/v{NPM['pyodide']}/full/"
# Kernel start-up (micropip, IPython, jedi and theirs) and what nnlib imports: the pure wheels are
# served by the site; the compiled ones come from PYODIDE_CDN or a local copy.
LITE_NEEDS = ["micropip", "ipython", "jedi", "numpy", "matplotlib", "threadpoolctl", "typing-extensions"]
# Not in Pyodide's lock: from PyPI, at the versions the course's own environment has (the kernel
# installs comm at its start, from PyPI unless the site has it).
LITE_EXTRA = ["comm", "ipywidgets", "anywidget", "psygnal"]
LEVELS = ["01_kid", "02_high_school", "03_undergraduate", "04_graduate", "05_phd"]
KINDS = {"lessons": "lesson", "exercises": "exercises", "solutions": "worked solutions"}
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
NOTEBOOK_LINK = re.compile(r"\]\(((?:\.\./(?:lessons|exercises|solutions)/)?0[1-5]_[a-z_]+)\.ipynb")


class SiteError(Exception):
    """The build cannot go on; the message says why and what to do."""


class Progress:
    """One line per step: its number, what it does, how long the previous one took."""

    def __init__(self, total):
        self.total, self.n, self.start = total, 0, time.monotonic()

    def step(self, what):
        self.n += 1
        print(f"[site] {self.n}/{self.total} {what} ({time.monotonic() - self.start:.0f} s so far)",
              flush=True)

    def detail(self, what):
        print(f"[site]       {what}", flush=True)


# ---------------------------------------------------------------- the lock and the downloads

def read_lock():
    if not LOCK.exists():
        raise SiteError(f"{LOCK.relative_to(ROOT)} is missing: run  python3 course.py site --update-lock")
    return json.loads(LOCK.read_text())


def sri(data, algorithm="sha512"):
    return f"{algorithm}-" + base64.b64encode(hashlib.new(algorithm, data).digest()).decode()


def fetch(url, timeout=120):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read()
    except (urllib.error.URLError, OSError) as error:
        raise SiteError(f"could not download {url}: {error}. The site is built from the npm registry "
                        "and PyPI; is the network reachable?") from None


def npm_tarball(name, lock):
    """The verified tarball of npm package ``name`` at its locked version (cached in build/cache/npm)."""
    entry = lock["npm"].get(name)
    if entry is None:
        raise SiteError(f"{name} is not in {LOCK.relative_to(ROOT)}: run  python3 course.py site --update-lock")
    base = name.split("/")[-1]
    path = CACHE / "npm" / f"{name.replace('/', '__')}-{entry['version']}.tgz"
    if path.exists():
        data = path.read_bytes()
        if sri(data) == entry["integrity"]:
            return path
        path.unlink()  # a damaged cache file is fetched again, and checked again
    url = f"{NPM_REGISTRY}/{name}/-/{base}-{entry['version']}.tgz"
    data = fetch(url)
    got = sri(data)
    if got != entry["integrity"]:
        raise SiteError(f"refusing {url}: its integrity is {got}, but {LOCK.relative_to(ROOT)} pins "
                        f"{entry['integrity']}. Nothing was written; if the new file is trusted, run "
                        "python3 course.py site --update-lock and review the diff.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def npm_extract(name, lock, target, keep=lambda rel: True, rename=lambda rel: rel):
    """Extract the files of ``name`` that ``keep`` (a path inside the package) accepts; returns bytes."""
    total = 0
    with tarfile.open(npm_tarball(name, lock)) as tar:
        for member in tar.getmembers():
            rel = member.name.split("/", 1)[1] if "/" in member.name else member.name
            if not member.isfile() or not keep(rel) or ".." in Path(rel).parts:
                continue
            out = target / rename(rel)
            out.parent.mkdir(parents=True, exist_ok=True)
            data = tar.extractfile(member).read()
            out.write_bytes(data)
            total += len(data)
    return total


def pypi_wheels(lock, progress):
    """The locked pure wheels (pip download --require-hashes into build/cache/wheels): {name: path}."""
    folder = CACHE / "wheels"
    folder.mkdir(parents=True, exist_ok=True)
    wanted = lock["pypi"]
    missing = {n: e for n, e in wanted.items()
               if not (folder / e["file"]).exists()
               or hashlib.sha256((folder / e["file"]).read_bytes()).hexdigest() != e["sha256"]}
    if missing:
        progress.detail(f"downloading {len(missing)} wheels from PyPI (pip, hashes checked) ...")
        requirements = folder / "requirements.txt"
        requirements.write_text("".join(f"{n}=={e['version']} --hash=sha256:{e['sha256']}\n"
                                        for n, e in sorted(missing.items())))
        result = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                                 "--disable-pip-version-check", "--only-binary=:all:", "--platform", "any",
                                 "--python-version", "3.14", "--implementation", "py", "--abi", "none",
                                 "--require-hashes", "-r", str(requirements), "-d", str(folder)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            errors = [line for line in result.stderr.splitlines() if "WARNING: Location" not in line]
            raise SiteError("pip could not download the locked wheels (a hash that does not match is "
                            "refused):\n" + "\n".join(errors[-12:]))
    return {n: folder / e["file"] for n, e in wanted.items()}


def update_lock():
    """Rewrite tools/site/lock.json from the registries: npm integrity values, PyPI wheel hashes."""
    import importlib.metadata

    lock = {"comment": "Written by python3 course.py site --update-lock; the build refuses any download "
                       "that does not match. npm: sha512 integrity from the registry; pypi: sha256 of "
                       "the pure wheels the in-browser version serves.", "npm": {}, "pypi": {}}
    for name, version in NPM.items():
        meta = json.loads(fetch(f"{NPM_REGISTRY}/{name}/{version}"))
        lock["npm"][name] = {"version": version, "integrity": meta["dist"]["integrity"]}
        print(f"[site] npm {name}@{version}: {meta['dist']['integrity'][:30]}...")
    old = json.loads(LOCK.read_text()) if LOCK.exists() else {}
    LOCK.write_text(json.dumps({**lock, "pypi": old.get("pypi", {})}, indent=1, sort_keys=True) + "\n")
    pyodide_lock = json.loads(pyodide_lock_bytes(read_lock()))["packages"]
    versions = {n: pyodide_lock[n]["version"] for n in _closure(pyodide_lock, LITE_NEEDS)
                if pyodide_lock[n]["file_name"].endswith("-none-any.whl")}
    versions.update({n: importlib.metadata.version(n) for n in LITE_EXTRA})
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                                 "--disable-pip-version-check", "--only-binary=:all:", "--platform", "any",
                                 "--python-version", "3.14", "--implementation", "py", "--abi", "none",
                                 "-d", tmp, *[f"{n}=={v}" for n, v in sorted(versions.items())]],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise SiteError("pip download failed:\n" + result.stderr[-2000:])
        for wheel in sorted(Path(tmp).glob("*.whl")):
            name = _wheel_project(wheel.name, versions)
            lock["pypi"][name] = {"version": versions[name], "file": wheel.name,
                                  "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest()}
    missing = sorted(set(versions) - set(lock["pypi"]))
    if missing:
        raise SiteError(f"no pure wheel on PyPI for {missing}")
    LOCK.write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n")
    print(f"[site] wrote {LOCK.relative_to(ROOT)}: {len(lock['npm'])} npm packages, {len(lock['pypi'])} wheels")


def _norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def _wheel_project(filename, versions):
    stem = _norm(filename.split("-")[0])
    for name in versions:
        if _norm(name) == stem:
            return name
    raise SiteError(f"pip downloaded {filename}, which was not asked for")


# ---------------------------------------------------------------- static files

def stage_static(lock, static, progress):
    """Everything a page needs, from npm: RequireJS, MathJax (pruned), html-manager, anywidget."""
    if static.exists():
        shutil.rmtree(static)
    static.mkdir(parents=True)
    sizes = {}
    sizes["requirejs"] = npm_extract("requirejs", lock, static, keep=lambda r: r == "require.js")

    def mathjax(rel):  # MathJax.js with the TeX input and the CommonHTML output, its TeX web fonts
        return (rel in ("MathJax.js", "config/TeX-AMS_CHTML-full.js", "config/Safe.js", "LICENSE")
                or rel.startswith(("extensions/", "jax/input/TeX/", "jax/output/CommonHTML/",
                                   "jax/element/", "fonts/HTML-CSS/TeX/woff/", "localization/en/")))

    sizes["mathjax"] = npm_extract("mathjax", lock, static / "mathjax", keep=mathjax)
    sizes["html-manager"] = npm_extract(
        "@jupyter-widgets/html-manager", lock, static / "html-manager",
        # the widgets' icon font (FontAwesome, the Play button's icons) as woff2 and woff: every browser
        # the course meets reads one of them, and asks for nothing else once it has one
        keep=lambda r: r in ("dist/embed-amd.js", "dist/embed.js.LICENSE.txt") or (
            r.startswith("dist/") and r.endswith((".woff2", ".woff"))),
        rename=lambda r: r.removeprefix("dist/"))
    for name, size in sizes.items():
        progress.detail(f"{name}: {size / 1e6:.1f} MB")
    lab = ROOT / ".venv" / "share" / "jupyter" / "nbconvert" / "templates" / "lab" / "static"
    if not lab.exists():
        import nbconvert  # noqa: F401  (the templates live in the environment's share/jupyter)
        lab = Path(sys.prefix) / "share" / "jupyter" / "nbconvert" / "templates" / "lab" / "static"
    (static / "lab.css").write_text((lab / "index.css").read_text() + "\n" + (lab / "theme-light.css").read_text()
                                    + "\n" + LAB_EXTRA_CSS)
    for name in ("site.css", "site.js"):
        shutil.copy(HERE / name, static / name)


def stage_anywidget(lock, static):
    """anywidget's AMD module where html-manager looks for it: npm/anywidget@<version>/dist/index.js."""
    version = lock["npm"]["anywidget"]["version"]
    npm_extract("anywidget", lock, static / "npm" / f"anywidget@{version}",
                keep=lambda r: r in ("dist/index.js", "LICENSE"))


def pin_anywidget(state, lock):
    """The saved models' anywidget version range (e.g. "~0.11.*") replaced by the version the site serves.

    html-manager loads a model's module from <cdn>/<module>@<version>/dist/index.js: one plain
    folder name on every web server. A range the served version does not satisfy stops the build.
    """
    pinned = lock["npm"]["anywidget"]["version"]
    for model in state.values():
        if model.get("model_module") != "anywidget":
            continue
        wanted = model.get("model_module_version") or ""
        major_minor = re.escape(".".join(pinned.split(".")[:2]))
        if not re.fullmatch(r"[~^]?" + major_minor + r"\.[0-9*]+", wanted):
            raise SiteError(f"a notebook's widgets were saved with anywidget {wanted}, but the site serves "
                            f"anywidget {pinned} ({LOCK.relative_to(ROOT)}): re-execute the notebook or "
                            "update the lock")
        model["model_module_version"] = pinned
        model["state"]["_model_module_version"] = pinned
        model["state"]["_view_module_version"] = pinned


LAB_EXTRA_CSS = """
/* from nbconvert's lab template */
a.anchor-link { display: none; }
.jp-InputArea { overflow: hidden; }
.jp-InputArea-editor { overflow: hidden; }
.cm-editor.cm-s-jupyter .highlight pre { padding: var(--jp-code-padding) 4px; margin: 0;
  font-family: inherit; font-size: inherit; line-height: inherit; color: inherit; }
.jp-OutputArea-output pre { line-height: inherit; font-family: inherit; }
.jp-RenderedText pre { color: var(--jp-content-font-color1); font-size: var(--jp-code-font-size); }
.jp-Collapser { display: none; }
"""


# ---------------------------------------------------------------- pages

def level_facts(stem):
    """Title, who it is for, what it assumes and the time, from the lesson's first cell (markdown)."""
    import nbformat

    nb = nbformat.read(ROOT / "lessons" / f"{stem}.ipynb", as_version=4)
    # links as the index (at the site's root) reaches the pages
    text = re.sub(r"\]\((?:\.\./)?((?:lessons|exercises|solutions)/)?(0[1-5]_[a-z_]+)\.ipynb",
                  lambda m: f"]({m.group(1) or 'lessons/'}{m.group(2)}.html", nb.cells[0].source)
    title = re.search(r"^#\s+(.+)$", text, re.M).group(1).strip()
    facts = {"title": title}
    for key, label in (("for", r"Who this is for"), ("assumes", r"What you need(?: to know)?"),
                       ("time", r"Time")):
        match = re.search(r"^\*\*" + label + r"[:.]?\*\*[:.]?\s*(.*?)(?=\n\s*\n|\Z)", text, re.M | re.S)
        facts[key] = match.group(1).strip() if match else ""
    return facts


def markdown(text):
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return markdown2html_mistune(text)


def bar(depth, current=None, kind=None):
    """The bar at the top of every page: home, the five levels, this level's other pages."""
    up = "../" * depth
    links = []
    for n, stem in enumerate(LEVELS, start=1):
        here = ' aria-current="page"' if stem == current else ""
        links.append(f'<a href="{up}lessons/{stem}.html"{here} title="Level {n}: {stem[3:].replace("_", " ")}">'
                     f"{n}</a>")
    actions = []
    if current:
        for other, word in KINDS.items():
            if other != kind:
                actions.append(f'<a href="{up}{other}/{current}.html">{word}</a>')
        if kind in ("lessons", "exercises"):
            actions.append(f'<a href="{lite_link(depth, kind, current)}">run it in your browser</a>')
        actions.append(f'<a href="{current}.ipynb" download>download the notebook</a>')
    return (f'<nav class="course-bar" aria-label="course"><a class="course-home" href="{up}index.html">'
            f'Neural networks in five levels</a><span class="course-levels">levels {"".join(links)}</span>'
            f'<span class="course-actions">{"".join(actions)}</span></nav>')


def lite_link(depth, kind, stem):
    return f"{'../' * depth}lite/lab/index.html?path={kind}/{stem}.ipynb"


def pager(kind, stem, facts):
    i = LEVELS.index(stem)
    prev = (f'<a href="{LEVELS[i - 1]}.html">&larr; level {i}: {html.escape(facts[LEVELS[i - 1]]["title"])}</a>'
            if i > 0 else '<a href="../index.html">&larr; all levels</a>')
    nxt = (f'<a href="{LEVELS[i + 1]}.html">level {i + 2}: {html.escape(facts[LEVELS[i + 1]]["title"])} &rarr;</a>'
           if i + 1 < len(LEVELS) else '<a href="../index.html">all levels &rarr;</a>')
    return f'<nav class="course-pager" aria-label="levels">{prev}{nxt}</nav>'


def exporter():
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import ExtractOutputPreprocessor

    exp = HTMLExporter(template_name="course", extra_template_basedirs=[str(HERE / "templates")])
    exp.register_preprocessor(ExtractOutputPreprocessor(extract_output_types={"image/png", "image/jpeg",
                                                                             "image/svg+xml"}), enabled=True)
    return exp


def convert(exp, kind, stem, facts, lite, lock):
    """Write build/site/<kind>/<stem>.html, its figures and the notebook."""
    import nbformat

    source = ROOT / kind / f"{stem}.ipynb"
    nb = nbformat.read(source, as_version=4)
    pin_anywidget(nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {}), lock)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = NOTEBOOK_LINK.sub(r"](\1.html", cell.source)
    folder = SITE / kind
    folder.mkdir(parents=True, exist_ok=True)
    n = LEVELS.index(stem) + 1
    title = facts[stem]["title"]
    resources = {
        "metadata": {"name": f"{title} ({KINDS[kind]})" if kind != "lessons" else title, "path": str(source.parent)},
        "output_files_dir": f"{stem}_files",
        "course": {"static": "../static/", "lite": lite_link(1, kind, stem) if lite and kind != "solutions" else "",
                   "description": f"Level {n} of an open course on neural networks and backpropagation: {KINDS[kind]}.",
                   "header": bar(1, stem, kind), "footer": pager(kind, stem, facts)},
    }
    body, resources = exp.from_notebook_node(nb, resources=resources)
    (folder / f"{stem}.html").write_text(body, encoding="utf-8")
    files = folder / f"{stem}_files"
    if files.exists():
        shutil.rmtree(files)
    for name, data in resources.get("outputs", {}).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    shutil.copy(source, folder / f"{stem}.ipynb")


def heading(n, title):
    """'Level 1: Computers learn ...', or the title itself when it names its level."""
    return title if title.lower().startswith(f"level {n}") else f"Level {n}: {title}"


def index_page(facts, lite):
    levels = []
    for n, stem in enumerate(LEVELS, start=1):
        f = facts[stem]
        links = [f'<a href="lessons/{stem}.html">read the lesson</a>',
                 f'<a href="exercises/{stem}.html">the exercises</a>',
                 f'<a href="solutions/{stem}.html">worked solutions</a>']
        if lite:
            links += [f'<a href="{lite_link(0, "lessons", stem)}">run the lesson in your browser</a>',
                      f'<a href="{lite_link(0, "exercises", stem)}">do the exercises in your browser</a>']
        levels.append(
            f'<section class="course-level" id="level-{n}"><h2>{html.escape(heading(n, f["title"]))}</h2><dl>'
            f'<dt>Who it is for</dt><dd>{markdown(f["for"])}</dd>'
            f'<dt>What it assumes</dt><dd>{markdown(f["assumes"])}</dd>'
            f'<dt>Time</dt><dd>{markdown(f["time"])}</dd></dl>'
            f'<div class="course-links">{"".join(links)}</div></section>')
    fetched = ("" if not lite or not lite.get("web") else
               f" It fetches {', '.join(lite['web'][:2])} and the like from the Pyodide distribution on "
               "the web the first time a lesson needs them.")
    lite_way = ('<p><a href="lite/lab/index.html?path=lessons/01_kid.ipynb"><b>Run it in your browser</b></a>: '
                'JupyterLite starts Python inside this page, with nothing to install (the first start '
                f'takes a little while).{fetched} Your changes stay in this browser.</p>'
                if lite else "<p>(This copy of the site was built without the in-browser version.)</p>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Neural networks and backpropagation in five levels</title>
<meta name="description" content="An open course: how neural networks learn, from a curious ten-year-old to a PhD student, in Python.">
<link rel="stylesheet" href="static/lab.css"><link rel="stylesheet" href="static/site.css">
<script src="static/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"></script>
<script type="text/x-mathjax-config">MathJax.Hub.Config({{tex2jax: {{inlineMath: [['$','$'], ['\\\\(','\\\\)']],
processEscapes: true}}, messageStyle: 'none'}});</script>
</head><body class="course-page" data-lite="">
{bar(0)}
<div class="course-index">
<h1>Neural networks and backpropagation in five levels</h1>
<p>An open course on how neural networks learn, from a curious ten-year-old to a PhD student, in Python.
Every level is a lesson to read and play with, exercises whose checks say what went wrong, and their
worked solutions. Every equation a lesson states is computed in code and checked.</p>
<div class="course-ways">
<div><p><b>Read and play here</b>: every lesson is a page with its figures and sliders; the pictures the
browser draws move as you slide, with nothing to install.</p></div>
<div>{lite_way}</div>
<div><p><b>Run it on your computer</b>: with Python 3.10 or newer, get the course's folder and run
<code>python3 course.py lab</code>; it sets itself up and opens JupyterLab.</p></div>
</div>
{"".join(levels)}
</div></body></html>
"""


# ---------------------------------------------------------------- the in-browser version

def pyodide_lock_bytes(lock):
    with tarfile.open(npm_tarball("pyodide", lock)) as tar:
        return tar.extractfile("package/pyodide-lock.json").read()


def _closure(packages, names):
    seen, todo = [], list(names)
    while todo:
        name = _norm(todo.pop(0))
        if name in seen:
            continue
        if name not in packages:
            raise SiteError(f"{name} is not in Pyodide {NPM['pyodide']}'s lock")
        seen.append(name)
        todo += packages[name]["depends"]
    return seen


def digits_npz():
    """The 8x8 digits as scikit-learn ships them (pixels 0..16, labels), compressed: about 30 kB."""
    import numpy as np
    from sklearn.datasets import load_digits

    data = load_digits()
    buffer = io.BytesIO()
    np.savez_compressed(buffer, pixels=data.data.astype(np.uint8), labels=data.target.astype(np.uint8))
    return buffer.getvalue()


def _project_version():
    text = (ROOT / "pyproject.toml").read_text()
    return re.search(r'^version\s*=\s*"([^"]+)"', text, re.M).group(1)


def build_nnlib_wheel(folder):
    """nnlib as a pure wheel, with its web/*.js and the digits (nnlib/digits.npz); returns its path.

    Written here, byte for byte the same for the same sources (no build back-end, no network).
    """
    version = _project_version()
    dist = f"nnlib-{version}.dist-info"
    files = {}
    for path in sorted((ROOT / "nnlib").rglob("*")):
        if path.is_file() and path.suffix in (".py", ".js") and "__pycache__" not in path.parts:
            files[path.relative_to(ROOT).as_posix()] = path.read_bytes()
    files["nnlib/digits.npz"] = digits_npz()
    files[f"{dist}/METADATA"] = (f"Metadata-Version: 2.1\nName: nnlib\nVersion: {version}\n"
                                 "Summary: The small numpy library behind the five-level course\n"
                                 "Requires-Python: >=3.10\n").encode()
    files[f"{dist}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: tools/site.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    record = [f"{name},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},{len(data)}"
              for name, data in files.items()]
    files[f"{dist}/RECORD"] = ("\n".join(record + [f"{dist}/RECORD,,"]) + "\n").encode()
    folder.mkdir(parents=True, exist_ok=True)
    wheel = folder / f"nnlib-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return wheel


def _lock_entry(name, version, wheel, imports, depends):
    return {"name": name, "version": version, "file_name": wheel.name, "install_dir": "site",
            "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(), "package_type": "package",
            "imports": imports, "depends": depends, "unvendored_tests": False, "shared_library": False}


class CompiledPackages:
    """Where the compiled packages come from: a local copy (a folder or a .tar.bz2) or the web."""

    def __init__(self, path):
        self.path = Path(path).expanduser().resolve() if path else None
        if self.path is not None and not self.path.exists():
            raise SiteError(f"--pyodide-packages / {PACKAGES_ENV}: {self.path} does not exist")
        self._tar = None

    def describe(self):
        return f"a local copy ({self.path})" if self.path else f"the Pyodide distribution on the web ({PYODIDE_CDN})"

    def read(self, file_name):
        """The bytes of ``file_name`` from the local copy, or None when it has none."""
        if self.path is None:
            return None
        if self.path.is_dir():
            found = next(iter(sorted(self.path.rglob(file_name))), None)
            return found.read_bytes() if found else None
        if self._tar is None:
            self._tar = tarfile.open(self.path)
            self._members = {Path(m.name).name: m for m in self._tar.getmembers() if m.isfile()}
        member = self._members.get(file_name)
        return self._tar.extractfile(member).read() if member else None


def stage_pyodide(lock, target, compiled, progress):
    """Pyodide for the site: the core from npm and a lock whose every package can be found.

    Pure wheels the kernel and nnlib need: from PyPI (hashes in our lock), served here. Compiled
    ones nnlib needs: from ``compiled`` (checked against Pyodide's sha256) or, without a local copy,
    from the web. Every other package of Pyodide's lock keeps its place on the web, so a learner's
    ``import`` of one still works online. nnlib, ipywidgets, anywidget and psygnal are added, so that
    a cell importing them loads them (the kernel loads what a cell imports).
    """
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    npm_extract("pyodide", lock, target, keep=lambda r: r in (
        "pyodide.mjs", "pyodide.js", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
        "package.json", "LICENSE", "README.md"))
    spec = json.loads(pyodide_lock_bytes(lock))
    packages = spec["packages"]
    needed = _closure(packages, LITE_NEEDS)
    wheels = pypi_wheels(lock, progress)
    served, local, web = [], [], []
    for name, entry in packages.items():
        if name in needed and entry["file_name"].endswith("-none-any.whl"):
            wheel = wheels.get(name) or wheels.get(next((k for k in wheels if _norm(k) == name), ""))
            if wheel is None:
                raise SiteError(f"{name} (needed in the browser) is not in the lock's pypi wheels: "
                                "run python3 course.py site --update-lock")
            shutil.copy(wheel, target / wheel.name)
            entry.update(file_name=wheel.name, sha256=hashlib.sha256(wheel.read_bytes()).hexdigest())
            served.append(name)
            continue
        data = compiled.read(entry["file_name"]) if name in needed else None
        if data is not None:
            if hashlib.sha256(data).hexdigest() != entry["sha256"]:
                raise SiteError(f"refusing {entry['file_name']} from {compiled.path}: its sha256 is not the one "
                                f"Pyodide {NPM['pyodide']}'s lock gives (is it another Pyodide version?)")
            (target / entry["file_name"]).write_bytes(data)
            local.append(name)
        else:
            entry["file_name"] = PYODIDE_CDN + entry["file_name"]
            if name in needed:
                web.append(name)
    for name in LITE_EXTRA:
        if _norm(name) in packages:
            continue
        wheel = wheels[name]
        shutil.copy(wheel, target / wheel.name)
        imports = [name]
        depends = {"comm": ["traitlets"], "ipywidgets": ["comm", "traitlets", "ipython"],
                   "anywidget": ["ipywidgets", "psygnal", "typing-extensions"], "psygnal": ["typing-extensions"]}[name]
        packages[_norm(name)] = _lock_entry(_norm(name), lock["pypi"][name]["version"], wheel, imports, depends)
    nnlib = build_nnlib_wheel(target)
    packages["nnlib"] = _lock_entry("nnlib", _project_version(), nnlib, ["nnlib"],
                                    ["numpy", "matplotlib", "threadpoolctl", "ipywidgets", "anywidget"])
    (target / "pyodide-lock.json").write_text(json.dumps(spec, sort_keys=True))
    progress.detail(f"served here: {len(served)} pure wheels, nnlib, {', '.join(LITE_EXTRA)}")
    if local:
        progress.detail(f"compiled, from the local copy: {', '.join(local)}")
    if web:
        progress.detail(f"compiled, from the web when a cell first needs them: {', '.join(web)} "
                        f"(give a local copy with --pyodide-packages or {PACKAGES_ENV})")
    return {"served": served, "local": local, "web": web}


def build_lite(lock, compiled, progress):
    """build/site/lite: JupyterLite (core and Pyodide kernel 0.8.6) with the lessons and exercises."""
    import nbformat

    lite_dir = CACHE / "lite"
    contents = lite_dir / "contents"
    if contents.exists():
        shutil.rmtree(contents)
    for kind in ("lessons", "exercises"):
        (contents / kind).mkdir(parents=True)
        for stem in LEVELS:
            # sources as single strings, as a Jupyter server hands them out: JupyterLite serves the
            # file as it is, and its table of contents fails on the list form
            nb = nbformat.read(ROOT / kind / f"{stem}.ipynb", as_version=4)
            (contents / kind / f"{stem}.ipynb").write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    where = stage_pyodide(lock, lite_dir / "static" / "pyodide", compiled, progress)
    settings = {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Neural networks in five levels",
            # window.jupyterapp: how tests/test_site.py drives the notebooks (as JupyterLab's own tests do)
            "exposeAppInBrowser": "true",
            "litePluginSettings": {"@jupyterlite/pyodide-kernel-extension:kernel": {"disablePyPIFallback": True}},
            "settingsOverrides": {"@jupyterlab/apputils-extension:notification":
                                  {"fetchNews": "false", "checkForUpdates": False}},
        },
    }
    (lite_dir / "jupyter-lite.json").write_text(json.dumps(settings, indent=1))
    share = Path(sys.prefix) / "share" / "jupyter" / "labextensions"
    extensions = [share / "@jupyter-widgets" / "jupyterlab-manager", share / "anywidget",
                  share / "@jupyterlite" / "pyodide-kernel-extension"]
    for ext in extensions:
        if not (ext / "package.json").exists():
            raise SiteError(f"{ext} is missing: the site needs jupyterlab_widgets, anywidget and "
                            "jupyterlite-pyodide-kernel installed (python3 course.py site installs them)")
    output = SITE / "lite"
    if output.exists():
        shutil.rmtree(output)
    for db in lite_dir.glob(".jupyterlite.doit.db*"):  # its record of done tasks would skip them
        db.unlink()
    cmd = [sys.executable, "-m", "jupyter", "lite", "build", "--lite-dir", str(lite_dir),
           "--output-dir", str(output), "--contents", str(contents), "--apps", "lab",
           "--no-sourcemaps", "--no-unused-shared-packages", "--ignore-sys-prefix",
           *[f"--LiteBuildConfig.federated_extensions={ext}" for ext in extensions]]
    progress.detail("jupyter lite build ...")
    result = subprocess.run(cmd, cwd=lite_dir, capture_output=True, text=True)
    if result.returncode != 0:
        raise SiteError("jupyter lite build failed:\n" + (result.stdout + result.stderr)[-3000:])
    config = json.loads((output / "jupyter-lite.json").read_text())
    kernel = config["jupyter-config-data"]["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    if not kernel.get("pyodideUrl", "").startswith("./"):
        raise SiteError(f"the in-browser version would load Pyodide from {kernel.get('pyodideUrl')!r}, not from the site")
    return where


# ---------------------------------------------------------------- the whole build

def folder_size(path):
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build(lite=True, pyodide_packages=None):
    lock = read_lock()
    compiled = CompiledPackages(pyodide_packages or os.environ.get(PACKAGES_ENV) or None)
    progress = Progress(5 if lite else 4)
    started = time.monotonic()
    SITE.mkdir(parents=True, exist_ok=True)
    (SITE / ".nojekyll").write_text("")  # GitHub Pages: serve the files as they are
    progress.step("static files from npm (cached in build/cache/npm, integrity checked)")
    stage_static(lock, SITE / "static", progress)
    facts = {stem: level_facts(stem) for stem in LEVELS}
    exp = exporter()
    progress.step("pages: every lesson, exercise and solution notebook")
    for kind in KINDS:
        for stem in LEVELS:
            t0 = time.monotonic()
            convert(exp, kind, stem, facts, lite, lock)
            progress.detail(f"{kind}/{stem}.html ({time.monotonic() - t0:.1f} s)")
    stage_anywidget(lock, SITE / "static")
    where = None
    if lite:
        progress.step(f"in-browser version (JupyterLite); compiled packages from {compiled.describe()}")
        where = build_lite(lock, compiled, progress)
    elif (SITE / "lite").exists():
        shutil.rmtree(SITE / "lite")
    progress.step("index page")
    (SITE / "index.html").write_text(index_page(facts, where), encoding="utf-8")
    progress.step("summary")
    summary = {"seconds": round(time.monotonic() - started, 1), "bytes": folder_size(SITE),
               "lite_bytes": folder_size(SITE / "lite") if lite else 0, "compiled_packages": where,
               "pyodide_packages": str(compiled.path) if compiled.path else None}
    (SITE / "build.json").write_text(json.dumps(summary, indent=1))
    print(f"[site] built {SITE.relative_to(ROOT)}/ in {summary['seconds']:.0f} s: "
          f"{summary['bytes'] / 1e6:.1f} MB" + (f", of which lite/ {summary['lite_bytes'] / 1e6:.1f} MB" if lite else ""))
    print(f"[site] open {SITE.relative_to(ROOT)}/index.html through a web server, e.g.  "
          f"python3 -m http.server -d {SITE.relative_to(ROOT)} 8000 --bind 127.0.0.1")
    return summary


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 course.py site", description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-lite", action="store_true", help="leave out the in-browser version (faster)")
    parser.add_argument("--pyodide-packages", metavar="PATH",
                        help=f"a local copy of Pyodide {NPM['pyodide']}'s distribution (a folder or its .tar.bz2) "
                             f"to serve numpy, matplotlib, ... from the site (also {PACKAGES_ENV}=PATH)")
    parser.add_argument("--update-lock", action="store_true",
                        help=f"rewrite {LOCK.relative_to(ROOT)} from the registries, then stop")
    args = parser.parse_args(argv)
    try:
        if args.update_lock:
            update_lock()
        else:
            build(lite=not args.no_lite, pyodide_packages=args.pyodide_packages)
    except SiteError as error:
        print(f"[site] {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
