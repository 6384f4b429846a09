// Shared SVG helpers of nnlib's browser-drawn widgets (no library, no build step).
// nnlib/viz/browser.py puts this file in front of each widget's own file, so the widget's
// ESM module is one string that anywidget loads as it is.

const SVG_NS = "http://www.w3.org/2000/svg";
let clipCounter = 0;

function svgEl(tag, attrs = {}, parent = null, text = null) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== null) setText(e, text);
  if (parent) parent.appendChild(e);
  return e;
}

// Text that may hold "\n": one tspan a line, centred on the text's own y.
function setText(e, text, lineHeight = 1.15) {
  const lines = String(text).split("\n");
  e.textContent = "";
  if (lines.length === 1) { e.textContent = lines[0]; return; }
  const x = e.getAttribute("x") ?? "0";
  lines.forEach((line, i) => {
    const dy = i === 0 ? `${(-(lines.length - 1) * lineHeight) / 2}em` : `${lineHeight}em`;
    svgEl("tspan", { x, dy }, e).textContent = line;
  });
}

// Python's format(v, "g") for the numbers a slider gives (6 significant digits, no "-0").
function fmtG(v) {
  const r = Number(Number(v).toPrecision(6));
  if (r === 0) return "0";
  const a = Math.abs(r);
  if (a >= 1e-4 && a < 1e6) return String(r);
  const [m, e] = r.toExponential().split("e");
  const exp = Number(e);
  return `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}

// A linear map from data to pixels.
function linear(d0, d1, p0, p1) {
  const k = (p1 - p0) / (d1 - d0);
  return (v) => p0 + (v - d0) * k;
}

function px(v) { return Number.isFinite(v) ? v.toFixed(2) : "0"; }

// Axes like matplotlib's: a frame, ticks with labels, axis labels, a clip rectangle.
// spec: {width, height, left, right, top, bottom} in pixels; xlim, ylim: [lo, hi];
// xticks, yticks: [[value, label], ...]. Returns {svg, sx, sy, plot, clip, title}.
function makeAxes(el, spec, xlim, ylim, xticks, yticks, xlabel, ylabel) {
  const { width, height, left, right, top, bottom } = spec;
  const svg = svgEl("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "nnlib-plot",
                             "font-family": "DejaVu Sans, Verdana, sans-serif", "font-size": 11 }, el);
  svgEl("rect", { x: 0, y: 0, width, height, fill: "white" }, svg);
  const x0 = left, x1 = width - right, y0 = height - bottom, y1 = top;
  const sx = linear(xlim[0], xlim[1], x0, x1), sy = linear(ylim[0], ylim[1], y0, y1);
  const id = `nnlib-clip-${++clipCounter}-${Math.random().toString(36).slice(2, 8)}`;
  const cp = svgEl("clipPath", { id }, svgEl("defs", {}, svg));
  svgEl("rect", { x: x0, y: y1, width: x1 - x0, height: y0 - y1 }, cp);
  const ticks = svgEl("g", { class: "ticks" }, svg);
  for (const [v, label] of xticks) {
    const x = px(sx(v));
    const g = svgEl("g", { class: "xtick", "data-value": v }, ticks);
    svgEl("line", { x1: x, x2: x, y1: y0, y2: y0 + 4, stroke: "black" }, g);
    svgEl("text", { x, y: y0 + 16, "text-anchor": "middle" }, g, label);
  }
  for (const [v, label] of yticks) {
    const y = px(sy(v));
    const g = svgEl("g", { class: "ytick", "data-value": v }, ticks);
    svgEl("line", { x1: x0 - 4, x2: x0, y1: y, y2: y, stroke: "black" }, g);
    svgEl("text", { x: x0 - 7, y, "text-anchor": "end", "dominant-baseline": "middle" }, g, label);
  }
  const plot = svgEl("g", { class: "plot-area", "clip-path": `url(#${id})` }, svg);
  svgEl("rect", { x: x0, y: y1, width: x1 - x0, height: y0 - y1, fill: "none", stroke: "black",
                  "stroke-width": 0.8 }, svg);
  if (xlabel) svgEl("text", { x: (x0 + x1) / 2, y: height - 6, "text-anchor": "middle",
                              "font-size": 12 }, svg, xlabel);
  if (ylabel) {
    const yl = svgEl("text", { x: 0, y: 0, "text-anchor": "middle", "font-size": 12,
                               "dominant-baseline": "middle",
                               transform: `translate(${spec.ylabel_x ?? 16} ${(y0 + y1) / 2}) rotate(-90)` }, svg);
    setText(yl, ylabel);
    yl.querySelectorAll("tspan").forEach((t) => t.setAttribute("x", 0));
  }
  const title = svgEl("text", { x: (x0 + x1) / 2, y: Math.max(y1 - 10, 12), "text-anchor": "middle",
                                "font-size": 13, class: "title" }, svg);
  return { svg, sx, sy, plot, clip: id, title, box: { x0, x1, y0, y1 } };
}

// A legend: entries [{label, draw(g, x, y)}], one under the other from (x, y).
function legend(svg, x, y, entries, gap = 34) {
  const g = svgEl("g", { class: "legend" }, svg);
  entries.forEach((entry, i) => {
    const yy = y + i * gap;
    entry.draw(g, x, yy);
    const t = svgEl("text", { x: x + 30, y: yy, "dominant-baseline": "middle", "font-size": 10 }, g);
    setText(t, entry.label);
  });
  return g;
}
