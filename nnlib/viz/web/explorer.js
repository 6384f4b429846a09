// The sigmoid explorer drawn in the page: g(w x + b) (solid), g(x) (dashed), the midpoint -b/w.
// Traits (nnlib/viz/explorer.py): w, b (linked to the sliders in the page), x_range, n, spec,
// labels, xticks, yticks. The curve is computed here from w and b at the n points of x_range,
// exactly the grid of nnlib's sigmoid_view; tests/test_browser.py compares the two.

const COLOURS = { blue: "#0072B2", grey: "#999999", vermillion: "#D55E00" };

function sigmoid(z) { return 1 / (1 + Math.exp(-z)); }

function render({ model, el }) {
  const spec = model.get("spec"), labels = model.get("labels");
  const [lo, hi] = model.get("x_range"), n = model.get("n");
  const xs = Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  const ax = makeAxes(el, spec, [lo, hi], [-0.05, 1.05], model.get("xticks"), model.get("yticks"),
                      labels.x, labels.y);
  const { sx, sy, plot, svg } = ax;
  const pathOf = (ys) => "M" + xs.map((x, i) => `${px(sx(x))},${px(sy(ys[i]))}`).join("L");
  svgEl("line", { x1: sx(lo), x2: sx(hi), y1: sy(0.5), y2: sy(0.5), stroke: COLOURS.grey,
                  "stroke-width": 0.6, "stroke-dasharray": "1 2" }, plot);
  svgEl("path", { d: pathOf(xs.map(sigmoid)), fill: "none", stroke: COLOURS.grey, "stroke-width": 1.2,
                  "stroke-dasharray": "5 3", class: "reference" }, plot);
  const curve = svgEl("path", { fill: "none", stroke: COLOURS.blue, "stroke-width": 2.2, class: "curve" }, plot);
  const vline = svgEl("line", { y1: sy(-0.05), y2: sy(1.05), stroke: COLOURS.vermillion, "stroke-width": 0.8,
                                "stroke-dasharray": "4 2", class: "midline" }, plot);
  const dot = svgEl("circle", { r: 4.5, fill: COLOURS.vermillion, class: "midpoint" }, plot);
  // a midpoint off the plot: an arrow on the edge it went past, with its value (nnlib's away_label)
  const away = svgEl("polygon", { fill: COLOURS.vermillion, class: "away", visibility: "hidden" }, svg);
  const awayText = svgEl("text", { fill: COLOURS.vermillion, "font-size": 11, class: "away-label",
                                   visibility: "hidden" }, svg);
  const d = labels.away_decimals;
  const awayLabel = (m) => {
    let t = (Math.round(m * 10 ** d) / 10 ** d + 0).toFixed(d);
    if (d === 1) t = t.replace(/\.0$/, "");
    return labels.away.replace("{m}", t);
  };
  legend(svg, ax.box.x1 + 12, ax.box.y1 + (ax.box.y0 - ax.box.y1) / 2 - 36, [
    { label: labels.reference, draw: (g, x, y) => svgEl("line", { x1: x, x2: x + 22, y1: y, y2: y,
        stroke: COLOURS.grey, "stroke-width": 1.2, "stroke-dasharray": "5 3" }, g) },
    { label: labels.curve, draw: (g, x, y) => svgEl("line", { x1: x, x2: x + 22, y1: y, y2: y,
        stroke: COLOURS.blue, "stroke-width": 2.2 }, g) },
    { label: labels.marker, draw: (g, x, y) => svgEl("circle", { cx: x + 11, cy: y, r: 4.5,
        fill: COLOURS.vermillion }, g) },
  ]);

  function draw() {
    const w = model.get("w"), b = model.get("b");
    curve.setAttribute("d", pathOf(xs.map((x) => sigmoid(w * x + b))));
    curve.setAttribute("data-w", w);
    curve.setAttribute("data-b", b);
    const mid = w === 0 ? NaN : -b / w;
    const off = Number.isFinite(mid) && (mid < lo || mid > hi);
    const shown = Number.isFinite(mid) && !off ? "visible" : "hidden";
    const x = Number.isFinite(mid) ? Math.max(-1e4, Math.min(1e4, sx(mid))) : 0;
    away.setAttribute("visibility", off ? "visible" : "hidden");
    awayText.setAttribute("visibility", off ? "visible" : "hidden");
    if (off) {
      const left = mid < lo, ex = left ? ax.box.x0 : ax.box.x1, ey = sy(0.5), k = left ? -1 : 1;
      // the tip on the edge, the body inside the plot: it points the way the midpoint went
      away.setAttribute("points", `${px(ex)},${px(ey)} ${px(ex - 12 * k)},${px(ey - 7)} ${px(ex - 12 * k)},${px(ey + 7)}`);
      away.setAttribute("data-side", left ? "left" : "right");
      awayText.setAttribute("x", px(ex - 6 * k));
      awayText.setAttribute("y", px(ey - 30));
      awayText.setAttribute("text-anchor", left ? "start" : "end");
      setText(awayText, awayLabel(mid));
      awayText.querySelectorAll("tspan").forEach((t) => t.setAttribute("x", px(ex - 6 * k)));
    }
    for (const e of [vline, dot]) e.setAttribute("visibility", shown);
    vline.setAttribute("x1", px(x));
    vline.setAttribute("x2", px(x));
    dot.setAttribute("cx", px(x));
    dot.setAttribute("cy", px(sy(0.5)));
    ax.title.textContent = labels.title.replace("{w:g}", fmtG(w)).replace("{b:g}", fmtG(b));
  }
  draw();
  model.on("change:w", draw);
  model.on("change:b", draw);
  return () => { model.off("change:w", draw); model.off("change:b", draw); };
}

export default { render };
