// The level 4 optimizer explorer drawn in the page: gradient descent and momentum on the valley
// J = (c1 x^2 + c2 y^2) / 2. Traits (nnlib/viz/optimizers.py): lr, momentum (linked to the sliders
// in the page), curvature, start, steps, xlim, ylim, frame, contours, spec, labels, colours,
// xticks, yticks. The contours come from Python once; the paths are computed here from lr and
// momentum by nnlib.optim's rules; tests/test_browser.py compares them with nnlib's.

// The valley's gradient, c * theta.
function gradient(c, t) { return [c[0] * t[0], c[1] * t[1]]; }

// `steps` steps from `start`; momentum null is GradientDescent, else Momentum (torch.optim.SGD,
// no dampening): v <- momentum v + g (v starts at 0), theta <- theta - lr v.
function path(c, start, steps, lr, momentum) {
  let t = [...start], v = [0, 0];
  const points = [[...t]];
  for (let k = 0; k < steps; k++) {
    const g = gradient(c, t);
    if (momentum === null) v = g;
    else v = [momentum * v[0] + g[0], momentum * v[1] + g[1]];
    t = [t[0] - lr * v[0], t[1] - lr * v[1]];
    points.push([...t]);
  }
  return points;
}

function render({ model, el }) {
  const spec = model.get("spec"), labels = model.get("labels"), colours = model.get("colours");
  const xlim = model.get("xlim"), ylim = model.get("ylim"), frame = model.get("frame");
  const c = model.get("curvature"), start = model.get("start"), steps = model.get("steps");
  const ax = makeAxes(el, spec, xlim, ylim, model.get("xticks"), model.get("yticks"), labels.x, labels.y);
  const { sx, sy, plot, svg } = ax;
  const toPx = ([x, y]) => `${px(sx(x))},${px(sy(y))}`;
  const contours = svgEl("g", { class: "contours", fill: "none", stroke: colours.contour, "stroke-width": 0.7 }, plot);
  for (const line of model.get("contours")) svgEl("path", { d: "M" + line.map(toPx).join("L") }, contours);
  const defs = svg.querySelector("defs");
  const names = ["gradient descent", "momentum"];
  const lines = names.map((name, k) => {
    const id = `${ax.clip}-dot-${k}`;
    svgEl("circle", { cx: 3, cy: 3, r: 1.7, fill: colours[name] },
          svgEl("marker", { id, markerWidth: 6, markerHeight: 6, refX: 3, refY: 3, markerUnits: "userSpaceOnUse" }, defs));
    return svgEl("path", { fill: "none", stroke: colours[name], "stroke-width": 1.3, class: "opt-path",
                           "data-name": name, "marker-start": `url(#${id})`, "marker-mid": `url(#${id})`,
                           "marker-end": `url(#${id})` }, plot);
  });
  const star = `M0,-7L1.6,-2.2L6.7,-2.2L2.6,0.8L4.1,5.7L0,2.8L-4.1,5.7L-2.6,0.8L-6.7,-2.2L-1.6,-2.2Z`;
  svgEl("path", { d: star, fill: "black", transform: `translate(${px(sx(0))} ${px(sy(0))})`, class: "minimum" }, plot);
  const lg = svgEl("g", { class: "legend" }, svg);
  const lx = ax.box.x1 - 150, ly = ax.box.y0 - 70;
  svgEl("rect", { x: lx, y: ly, width: 144, height: 64, fill: "white", "fill-opacity": 0.9, stroke: "#cccccc", rx: 3 }, lg);
  names.forEach((name, k) => {
    const yy = ly + 14 + 19 * k;
    svgEl("line", { x1: lx + 8, x2: lx + 30, y1: yy, y2: yy, stroke: colours[name], "stroke-width": 1.3 }, lg);
    svgEl("circle", { cx: lx + 19, cy: yy, r: 2.2, fill: colours[name] }, lg);
    svgEl("text", { x: lx + 38, y: yy, "dominant-baseline": "middle", "font-size": 10 }, lg, name);
  });
  svgEl("path", { d: star, fill: "black", transform: `translate(${lx + 19} ${ly + 52}) scale(0.8)` }, lg);
  svgEl("text", { x: lx + 38, y: ly + 52, "dominant-baseline": "middle", "font-size": 10 }, lg, "minimum");
  // Points past the frame are drawn on its edge, as nnlib's static panels do (a diverging path stays visible).
  const clip = ([x, y]) => [Math.min(Math.max(x, frame[0]), frame[1]), Math.min(Math.max(y, frame[2]), frame[3])];

  function draw() {
    const lr = model.get("lr"), momentum = model.get("momentum");
    [null, momentum].forEach((m, k) => {
      lines[k].setAttribute("d", "M" + path(c, start, steps, lr, m).map((p) => toPx(clip(p))).join("L"));
    });
    svg.setAttribute("data-lr", lr);
    svg.setAttribute("data-momentum", momentum);
    ax.title.textContent = labels.title.replace("{lr}", fmtG(Number(lr.toPrecision(3))))
                                       .replace("{momentum}", fmtG(momentum))
                                       .replace("{steps}", steps);
  }
  draw();
  model.on("change:lr", draw);
  model.on("change:momentum", draw);
  return () => { model.off("change:lr", draw); model.off("change:momentum", draw); };
}

export default { render };
