// The fruit sorter drawn in the page: every fruit painted by what the sorter says, the land on
// each side of its dividing line, rings round the mistakes. Traits (nnlib/viz/sorter.py):
// size_dial, colour_dial, lean (linked to the sliders in the page), X, y, xlim, ylim, spec,
// labels, decimals. The rule is nnlib.sorter's: score = size_dial * size + colour_dial * colour
// + lean, rounded to `decimals` places (so computer rounding never flips a fruit), "orange"
// when the score is above 0.

const FRUIT = [{ name: "apple", colour: "#D55E00" }, { name: "orange", colour: "#E69F00" }];

// The part of polygon `poly` where a*x + b*y + c > 0 (or <= 0 when `inside` is false).
function clipHalfPlane(poly, a, b, c, inside) {
  const side = ([x, y]) => (inside ? 1 : -1) * (a * x + b * y + c);
  const out = [];
  poly.forEach((p, i) => {
    const q = poly[(i + 1) % poly.length], sp = side(p), sq = side(q);
    if (sp >= 0) out.push(p);
    if ((sp >= 0) !== (sq >= 0)) {
      const t = sp / (sp - sq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  });
  return out;
}

function render({ model, el }) {
  const spec = model.get("spec"), labels = model.get("labels");
  const X = model.get("X"), y = model.get("y"), xlim = model.get("xlim"), ylim = model.get("ylim");
  const scale = 10 ** model.get("decimals");
  const ax = makeAxes(el, spec, xlim, ylim, model.get("xticks"), model.get("yticks"), labels.x, labels.y);
  const { sx, sy, plot, svg } = ax;
  const rect = [[xlim[0], ylim[0]], [xlim[1], ylim[0]], [xlim[1], ylim[1]], [xlim[0], ylim[1]]];
  const land = FRUIT.map((f, k) => svgEl("polygon", { fill: f.colour, "fill-opacity": 0.3,
                                                       class: `land-${f.name}` }, plot));
  const line = svgEl("line", { stroke: "black", "stroke-width": 2, class: "divider" }, plot);
  const marks = X.map(([size, colour], i) => {
    const cx = sx(size), cy = sy(colour);
    const attrs = { stroke: "white", "stroke-width": 0.8, class: "fruit", "data-i": i, "data-label": y[i] };
    return y[i] === 1
      ? svgEl("rect", { ...attrs, x: px(cx - 5.5), y: px(cy - 5.5), width: 11, height: 11 }, plot)
      : svgEl("circle", { ...attrs, cx: px(cx), cy: px(cy), r: 5.5 }, plot);
  });
  const rings = X.map(([size, colour]) => svgEl("circle", { cx: px(sx(size)), cy: px(sy(colour)), r: 10.5,
    fill: "none", stroke: "black", "stroke-width": 2.2, class: "ring", visibility: "hidden" }, plot));
  const lg = svgEl("g", { class: "legend" }, svg);
  svgEl("rect", { x: ax.box.x0 + 6, y: ax.box.y1 + 6, width: 138, height: 66, fill: "white",
                  "fill-opacity": 0.95, stroke: "#cccccc", rx: 3 }, lg);
  const items = [["really an apple", (x, yy) => svgEl("circle", { cx: x, cy: yy, r: 5, fill: "#999999" }, lg)],
                 ["really an orange", (x, yy) => svgEl("rect", { x: x - 5, y: yy - 5, width: 10, height: 10,
                                                                fill: "#999999" }, lg)],
                 ["mistake", (x, yy) => svgEl("circle", { cx: x, cy: yy, r: 6.5, fill: "none", stroke: "black",
                                                          "stroke-width": 2 }, lg)]];
  items.forEach(([text, mark], k) => {
    const yy = ax.box.y1 + 19 + 20 * k;
    mark(ax.box.x0 + 20, yy);
    svgEl("text", { x: ax.box.x0 + 34, y: yy, "dominant-baseline": "middle", "font-size": 10 }, lg, text);
  });
  ax.title.setAttribute("y", Math.max(ax.box.y1 - 26, 12));
  const title2 = svgEl("text", { x: ax.title.getAttribute("x"), y: ax.box.y1 - 8, "text-anchor": "middle",
                                 "font-size": 13, class: "title" }, svg);

  function draw() {
    const a = model.get("size_dial"), b = model.get("colour_dial"), c = model.get("lean");
    let right = 0;
    X.forEach(([size, colour], i) => {
      const score = Math.round((a * size + b * colour + c) * scale) / scale;
      const said = score > 0 ? 1 : 0;
      marks[i].setAttribute("fill", FRUIT[said].colour);
      marks[i].setAttribute("data-said", said);
      rings[i].setAttribute("visibility", said === y[i] ? "hidden" : "visible");
      right += said === y[i];
    });
    const flat = a === 0 && b === 0;  // the same score everywhere: all one side
    const sides = flat ? [[1, c > 0 ? rect : []], [0, c > 0 ? [] : rect]]
      : [[1, clipHalfPlane(rect, a, b, c, true)], [0, clipHalfPlane(rect, a, b, c, false)]];
    for (const [k, poly] of sides) {
      land[k].setAttribute("points", poly.map(([u, v]) => `${px(sx(u))},${px(sy(v))}`).join(" "));
    }
    let ends = null;
    if (b !== 0) ends = [[xlim[0], -(a * xlim[0] + c) / b], [xlim[1], -(a * xlim[1] + c) / b]];
    else if (a !== 0) ends = [[-c / a, ylim[0]], [-c / a, ylim[1]]];
    line.setAttribute("visibility", ends ? "visible" : "hidden");
    if (ends) {
      // far ends are clipped by the plot area; keep the numbers finite and modest
      const clamp = (v) => Math.max(-1e5, Math.min(1e5, v));
      line.setAttribute("x1", px(clamp(sx(ends[0][0])))); line.setAttribute("y1", px(clamp(sy(ends[0][1]))));
      line.setAttribute("x2", px(clamp(sx(ends[1][0])))); line.setAttribute("y2", px(clamp(sy(ends[1][1]))));
    }
    const wrong = X.length - right;
    const message = wrong === 0 ? `All ${right} fruit sorted right!`
      : `${right} of ${X.length} sorted right (${wrong} mistake${wrong > 1 ? "s" : ""})`;
    ax.title.textContent = `size dial ${fmtG(a)}, colour dial ${fmtG(b)}, lean ${fmtG(c)}:`;
    title2.textContent = message;
    svg.setAttribute("data-right", right);
  }
  draw();
  const names = ["change:size_dial", "change:colour_dial", "change:lean"];
  names.forEach((n) => model.on(n, draw));
  return () => names.forEach((n) => model.off(n, draw));
}

export default { render };
