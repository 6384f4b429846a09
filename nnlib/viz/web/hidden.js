// A hidden layer that bends, drawn in the page (TensorFlow Playground style). Traits
// (nnlib/viz/hidden.py): k (the number of hidden neurons; linked to the slider in the page),
// views (for each k, computed once in the kernel by hidden_view: each hidden neuron's own line
// [a, c, lean] with a*size + c*colour + lean = 0, the network's answer "yes" on a grid of cells
// (row by row from the bottom), its answer for each fruit, title, caption), X, y, xlim, ylim,
// grid [nx, ny], xticks, yticks, spec, palette (colours, labels: named "palette", since every widget
// view reads a trait "style" as a style widget). Nothing of the networks is computed here.

function render({ model, el }) {
  const spec = model.get("spec"), style = model.get("palette"), views = model.get("views");
  const X = model.get("X"), y = model.get("y"), xlim = model.get("xlim"), ylim = model.get("ylim");
  const [nx, ny] = model.get("grid");
  const row = document.createElement("div");
  row.style.display = "flex";
  row.style.flexWrap = "wrap";
  row.style.alignItems = "flex-start";
  el.appendChild(row);
  const ax = makeAxes(row, spec, xlim, ylim, model.get("xticks"), model.get("yticks"), style.labels.x,
                      style.labels.y);
  const { sx, sy, plot, svg } = ax;
  ax.title.setAttribute("y", ax.box.y1 - 22);  // two lines of title, centred here
  // the network's answer: one pixel a cell on a small canvas, stretched (and smoothed) over the plot
  const canvas = document.createElement("canvas");
  canvas.width = nx;
  canvas.height = ny;
  const image = svgEl("image", { x: px(sx(xlim[0])), y: px(sy(ylim[1])), width: px(sx(xlim[1]) - sx(xlim[0])),
                                 height: px(sy(ylim[0]) - sy(ylim[1])), preserveAspectRatio: "none",
                                 class: "answer" }, plot);
  const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const tint = (hex) => rgb(hex).map((c) => Math.round(255 - style.shade * (255 - c)));  // over white
  const colours = [tint(style.not), tint(style.fits)];
  function paint(yes) {
    const ctx = canvas.getContext("2d"), data = ctx.createImageData(nx, ny);
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const c = colours[yes.charCodeAt(j * nx + i) - 48], p = 4 * ((ny - 1 - j) * nx + i);  // canvas rows go down
        data.data[p] = c[0]; data.data[p + 1] = c[1]; data.data[p + 2] = c[2]; data.data[p + 3] = 255;
      }
    }
    ctx.putImageData(data, 0, 0);
    image.setAttribute("href", canvas.toDataURL());
  }
  const lines = svgEl("g", { class: "neuron-lines" }, plot);
  const marks = X.map(([size, colour], i) => {
    const cx = sx(size), cy = sy(colour), attrs = { stroke: "white", "stroke-width": 0.8, class: "fruit",
                                                   "data-i": i, fill: y[i] ? style.fits : style.not };
    return y[i] ? svgEl("circle", { ...attrs, cx: px(cx), cy: px(cy), r: 5.5 }, plot)
      : svgEl("polygon", { ...attrs, points: `${px(cx)},${px(cy - 7)} ${px(cx - 6.5)},${px(cy + 5)} `
                                             + `${px(cx + 6.5)},${px(cy + 5)}` }, plot);
  });
  const rings = X.map(([size, colour]) => svgEl("circle", { cx: px(sx(size)), cy: px(sy(colour)), r: 10,
    fill: "none", stroke: "black", "stroke-width": 1.8, class: "ring", visibility: "hidden" }, plot));
  // the legend under the picture
  const lg = svgEl("g", { class: "legend" }, svg), ly = ax.box.y0 + 62;
  svgEl("circle", { cx: ax.box.x0 + 10, cy: ly, r: 5.5, fill: style.fits }, lg);
  svgEl("text", { x: ax.box.x0 + 20, y: ly, "dominant-baseline": "middle", "font-size": 11 }, lg, "fits the lunch box");
  svgEl("polygon", { points: `${ax.box.x0 + 150},${ly - 7} ${ax.box.x0 + 143.5},${ly + 5} ${ax.box.x0 + 156.5},${ly + 5}`,
                     fill: style.not }, lg);
  svgEl("text", { x: ax.box.x0 + 162, y: ly, "dominant-baseline": "middle", "font-size": 11 }, lg, "too small or too big");
  svgEl("line", { x1: ax.box.x0 + 300, x2: ax.box.x0 + 324, y1: ly, y2: ly, stroke: style.lines[0], "stroke-width": 2,
                  "stroke-dasharray": "6 3" }, lg);
  svgEl("text", { x: ax.box.x0 + 330, y: ly, "dominant-baseline": "middle", "font-size": 11 }, lg, "a hidden neuron's line");
  [...svg.querySelectorAll(":scope > text")].filter((t) => t.textContent === style.labels.x)
    .forEach((t) => t.setAttribute("y", ax.box.y0 + 36));

  // the network, drawn beside the picture: 2 inputs, k hidden neurons in their lines' colours, 1 output
  const W = spec.net_width, H = spec.height;
  const net = svgEl("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, class: "nnlib-net",
                             "font-family": "DejaVu Sans, Verdana, sans-serif", "font-size": 11 }, row);
  const caption = document.createElement("div");
  caption.className = "hidden-caption";
  Object.assign(caption.style, { fontSize: "14px", lineHeight: "1.4", maxWidth: `${spec.width + W}px`,
                                 margin: "2px 8px 8px 8px", fontFamily: "DejaVu Sans, Verdana, sans-serif" });
  el.appendChild(caption);

  function drawNet(k, view) {
    net.textContent = "";
    const mid = (spec.top + H - spec.bottom) / 2, gap = 56;
    const column = (n, x) => Array.from({ length: n }, (_, i) => [x, mid + (i - (n - 1) / 2) * gap]);
    const inputs = column(2, 40), hidden = k ? column(k, W / 2) : [], output = column(1, W - 40);
    const wire = (a, b) => svgEl("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], stroke: "#BBBBBB", "stroke-width": 1.2 }, net);
    if (k) { for (const i of inputs) for (const h of hidden) wire(i, h); for (const h of hidden) wire(h, output[0]); }
    else for (const i of inputs) wire(i, output[0]);
    inputs.forEach(([x, yy], i) => { svgEl("circle", { cx: x, cy: yy, r: 13, fill: "#F0E442", stroke: "black" }, net);
                                     svgEl("text", { x, y: yy + 28, "text-anchor": "middle" }, net, ["size", "colour"][i]); });
    hidden.forEach(([x, yy], j) => svgEl("circle", { cx: x, cy: yy, r: 11, fill: style.lines[j % style.lines.length],
                                                      stroke: "black", class: "hidden-unit" }, net));
    svgEl("circle", { cx: output[0][0], cy: output[0][1], r: 13, fill: style.fits, stroke: "black" }, net);
    svgEl("text", { x: output[0][0], y: output[0][1] + 28, "text-anchor": "middle" }, net, "fits?");
    svgEl("text", { x: W / 2, y: spec.top, "text-anchor": "middle", "font-size": 12 }, net,
          k ? `${k} hidden neuron${k > 1 ? "s" : ""}` : "no hidden layer");
  }

  function draw() {
    const k = model.get("k"), view = views[String(k)];
    if (!view) return;
    paint(view.yes);
    lines.textContent = "";
    view.lines.forEach(([a, c, lean], j) => {
      let ends = null;
      if (c !== 0) ends = [[xlim[0], -(a * xlim[0] + lean) / c], [xlim[1], -(a * xlim[1] + lean) / c]];
      else if (a !== 0) ends = [[-lean / a, ylim[0]], [-lean / a, ylim[1]]];
      if (!ends) return;
      const clamp = (v) => Math.max(-1e5, Math.min(1e5, v));
      svgEl("line", { x1: px(clamp(sx(ends[0][0]))), y1: px(clamp(sy(ends[0][1]))), x2: px(clamp(sx(ends[1][0]))),
                      y2: px(clamp(sy(ends[1][1]))), stroke: style.lines[j % style.lines.length], "stroke-width": 2.2,
                      "stroke-dasharray": "7 4", class: "neuron-line", "data-a": a, "data-c": c, "data-lean": lean },
            lines);
    });
    view.said.forEach((s, i) => rings[i].setAttribute("visibility", s === y[i] ? "hidden" : "visible"));
    setText(ax.title, view.title);
    svg.setAttribute("data-k", k);
    svg.setAttribute("data-right", view.right);
    svg.setAttribute("data-yes", [...view.yes].filter((c) => c === "1").length);
    drawNet(k, view);
    caption.textContent = view.caption;
  }
  draw();
  model.on("change:k", draw);
  return () => model.off("change:k", draw);
}

export default { render };
