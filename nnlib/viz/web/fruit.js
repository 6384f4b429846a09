// Level 1's drawings in the page, shared by the sorter and the rounds widgets.
// The shapes (Pip, the fruit, the medal) are made in Python (nnlib/viz/pip.py) and arrive in the
// trait `art`; this file only places them. sorterScene draws the sorter's picture for given dials:
// the tint of each side of the line, the line, the fruit painted by what the sorter says (their
// shape says what they really are), rings round the mistakes, and "says apple" / "says orange" on
// each side, placed where the fewest fruit are (the rule of nnlib.viz.sorter.side_spots).

// Shapes in a box of `boxSize` units whose top left corner is `corner`, drawn `size` pixels wide,
// centred at (x, y). A shape whose fill is "body" gets the colour `body`. Returns the group.
function drawShapes(parent, shapes, x, y, size, boxSize, corner, body, attrs = {}) {
  const k = size / boxSize;
  const g = svgEl("g", { transform: `translate(${px(x)} ${px(y)}) scale(${k}) `
                                    + `translate(${-corner[0] - boxSize / 2} ${-corner[1] - boxSize / 2})`,
                         ...attrs }, parent);
  for (const s of shapes) {
    const fill = s.fill === "body" ? body : s.fill;
    svgEl("path", { d: s.d, fill, stroke: s.stroke, "stroke-width": s.width, "stroke-linecap": "round",
                    "stroke-linejoin": "round", class: `part-${s.name}`, "data-fill": s.fill }, g);
  }
  return g;
}

function drawPip(parent, art, mood, x, y, size) {
  return drawShapes(parent, art.pip[mood], x, y, size, 100, [0, 0], null, { class: `pip pip-${mood}` });
}

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

// Where to write each side's words (nnlib.viz.sorter.side_spots): of a grid of spots on that side,
// the one farthest from every fruit and from the line, in units of the picture's width and height.
const SPOT_GRID = [24, 16], SPOT_MARGIN = [0.14, 0.07];

function sideSpots(X, a, b, c, xlim, ylim) {
  const W = xlim[1] - xlim[0], H = ylim[1] - ylim[0];
  const norm = Math.hypot(a * W, b * H);
  const best = { 0: null, 1: null }, value = { 0: -1, 1: -1 };
  for (let j = 0; j < SPOT_GRID[1]; j++) {
    for (let i = 0; i < SPOT_GRID[0]; i++) {
      const u = (i + 0.5) / SPOT_GRID[0], v = (j + 0.5) / SPOT_GRID[1];
      if (u < SPOT_MARGIN[0] || u > 1 - SPOT_MARGIN[0] || v < SPOT_MARGIN[1] || v > 1 - SPOT_MARGIN[1]) continue;
      const x = xlim[0] + u * W, y = ylim[0] + v * H, s = a * x + b * y + c;
      const side = s > 0 ? 1 : 0;
      let d = norm > 0 ? Math.abs(s) / norm : Infinity;
      for (const [fx, fy] of X) d = Math.min(d, Math.hypot((fx - x) / W, (fy - y) / H));
      if (d > value[side]) { value[side] = d; best[side] = [x, y]; }
    }
  }
  return best;
}

function sorterScene(ax, model, art) {
  const X = model.get("X"), y = model.get("y"), xlim = model.get("xlim"), ylim = model.get("ylim");
  const scale = 10 ** model.get("decimals"), says = art.says;
  const { sx, sy, plot } = ax;
  const rect = [[xlim[0], ylim[0]], [xlim[1], ylim[0]], [xlim[1], ylim[1]], [xlim[0], ylim[1]]];
  const land = [0, 1].map((k) => svgEl("polygon", { fill: says[k].tint, class: `land-${says[k].word}` }, plot));
  const words = [0, 1].map((k) => svgEl("text", { "text-anchor": "middle", "dominant-baseline": "middle",
    "font-size": 14, "font-weight": "bold", fill: art.ink, stroke: "white", "stroke-width": 4,
    "paint-order": "stroke", class: `says says-${says[k].word}` }, plot, `says ${says[k].word}`));
  const line = svgEl("line", { stroke: "black", "stroke-width": 2, class: "divider" }, plot);
  const kinds = ["apple", "orange"];
  const marks = X.map(([size, colour], i) => drawShapes(plot, art.fruit[kinds[y[i]]], sx(size), sy(colour), 19, 20,
                                                         [-10, -10], says[0].colour,
                                                         { class: "fruit", "data-i": i, "data-label": y[i] }));
  const bodies = marks.map((g) => g.querySelector('[data-fill="body"]'));
  const rings = X.map(([size, colour]) => svgEl("circle", { cx: px(sx(size)), cy: px(sy(colour)), r: 14,
    fill: "none", stroke: "black", "stroke-width": 2.4, class: "ring", visibility: "hidden" }, plot));

  function update(a, b, c) {
    let right = 0;
    const said = X.map(([size, colour], i) => {
      const score = Math.round((a * size + b * colour + c) * scale) / scale;
      const s = score > 0 ? 1 : 0;
      bodies[i].setAttribute("fill", says[s].colour);
      marks[i].setAttribute("data-said", s);
      rings[i].setAttribute("visibility", s === y[i] ? "hidden" : "visible");
      right += s === y[i];
      return s;
    });
    const flat = a === 0 && b === 0;  // the same score everywhere: all one side
    const sides = flat ? [[1, c > 0 ? rect : []], [0, c > 0 ? [] : rect]]
      : [[1, clipHalfPlane(rect, a, b, c, true)], [0, clipHalfPlane(rect, a, b, c, false)]];
    for (const [k, poly] of sides) {
      land[k].setAttribute("points", poly.map(([u, v]) => `${px(sx(u))},${px(sy(v))}`).join(" "));
    }
    const spots = sideSpots(X, a, b, c, xlim, ylim);
    for (const k of [0, 1]) {
      words[k].setAttribute("visibility", spots[k] ? "visible" : "hidden");
      if (spots[k]) { words[k].setAttribute("x", px(sx(spots[k][0]))); words[k].setAttribute("y", px(sy(spots[k][1]))); }
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
    return { right, said, wrong: X.length - right };
  }
  return { update };
}

// The legend under the picture: the two fruit shapes (what a fruit really is) and the ring.
function fruitLegend(svg, art, x, y) {
  const lg = svgEl("g", { class: "legend" }, svg);
  const items = [["really an apple", (xx) => drawShapes(lg, art.fruit.apple, xx, y, 16, 20, [-10, -10], "#999999")],
                 ["really an orange", (xx) => drawShapes(lg, art.fruit.orange, xx, y, 16, 20, [-10, -10], "#999999")],
                 ["a ring: a mistake", (xx) => svgEl("circle", { cx: xx, cy: y, r: 9, fill: "none", stroke: "black",
                                                                "stroke-width": 2.2 }, lg)]];
  items.forEach(([text, mark], k) => {
    const xx = x + 150 * k;
    mark(xx);
    svgEl("text", { x: xx + 15, y, "dominant-baseline": "middle", "font-size": 12 }, lg, text);
  });
  return lg;
}

function fruitMessage(right, n) {
  const wrong = n - right;
  return wrong === 0 ? `All ${right} fruit sorted right!`
    : `${right} of ${n} sorted right (${wrong} mistake${wrong > 1 ? "s" : ""})`;
}

// Move the x-axis label (made by makeAxes at the bottom edge) up to `y`, to make room under it.
function placeXLabel(svg, text, y) {
  const label = [...svg.querySelectorAll(":scope > text")].find((t) => t.textContent === text);
  if (label) label.setAttribute("y", y);
}
