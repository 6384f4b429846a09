// Pip learning, round by round, drawn in the page (the scene is web/fruit.js). Traits
// (nnlib/viz/rounds.py): frame (the round shown; linked to the slider and the play button in the
// page), frames (for each round, computed once in the kernel by round_views: dials, title,
// caption, made, wrong, done), mistakes (the bar chart: mistakes while learning, per round), spec,
// and the scene's X, y, xlim, ylim, xticks, yticks, labels, decimals, art.

function render({ model, el }) {
  const spec = model.get("spec"), labels = model.get("labels"), art = model.get("art");
  const frames = model.get("frames"), mistakes = model.get("mistakes");
  const row = document.createElement("div");
  row.style.display = "flex";
  row.style.flexWrap = "wrap";
  el.appendChild(row);
  const ax = makeAxes(row, spec, model.get("xlim"), model.get("ylim"), model.get("xticks"), model.get("yticks"),
                      labels.x, labels.y);
  const scene = sorterScene(ax, model, art);
  placeXLabel(ax.svg, labels.x, ax.box.y0 + 34);
  fruitLegend(ax.svg, art, ax.box.x0 + 8, ax.box.y0 + 60);
  ax.title.setAttribute("y", Math.max(ax.box.y1 - 26, 12));
  const title2 = svgEl("text", { x: ax.title.getAttribute("x"), y: ax.box.y1 - 8, "text-anchor": "middle",
                                 "font-size": 13, class: "title" }, ax.svg);

  const b = spec.bars, top = Math.max(...mistakes) * 1.18 + 1;
  const rounds = mistakes.map((_, i) => i + 1);
  const step = top > 12 ? 4 : 2;
  const yticks = Array.from({ length: Math.floor(top / step) + 1 }, (_, i) => [i * step, String(i * step)]);
  const bx = makeAxes(row, b, [0.4, mistakes.length + 0.6], [0, top], rounds.map((r) => [r, String(r)]), yticks,
                      "round", "mistakes while it learned\n(in that round)");
  bx.title.textContent = "Mistakes while learning";
  placeXLabel(bx.svg, "round", bx.box.y0 + 34);
  const bars = mistakes.map((m, i) => {
    const x0 = bx.sx(i + 1 - 0.35), x1 = bx.sx(i + 1 + 0.35);
    const bar = svgEl("rect", { x: px(x0), y: px(bx.sy(m)), width: px(x1 - x0), height: px(bx.sy(0) - bx.sy(m)),
                                fill: "#999999", class: "bar", "data-round": i + 1 }, bx.plot);
    svgEl("text", { x: px((x0 + x1) / 2), y: px(bx.sy(m) - 5), "text-anchor": "middle", "font-size": 11 },
          bx.plot, String(m));
    return bar;
  });
  const side = bx.box.x1 + (b.width - bx.box.x1) / 2;
  const pips = { thinking: drawPip(bx.svg, art, "thinking", side, bx.box.y1 + 40, 72),
                 proud: drawPip(bx.svg, art, "proud", side, bx.box.y1 + 40, 72) };
  const medal = drawShapes(bx.svg, art.medal, side, bx.box.y1 + 140, 70, 100, [0, 0], null, { class: "medal" });

  const caption = document.createElement("div");
  caption.className = "rounds-caption";
  Object.assign(caption.style, { fontSize: "15px", lineHeight: "1.4", maxWidth: `${spec.width + b.width}px`,
                                 margin: "4px 8px 8px 8px", fontFamily: "DejaVu Sans, Verdana, sans-serif" });
  el.appendChild(caption);

  function draw() {
    const r = Math.max(0, Math.min(frames.length - 1, model.get("frame")));
    const f = frames[r];
    const { right } = scene.update(...f.dials);
    const [first, second] = f.title.split("\n");
    ax.title.textContent = first;
    title2.textContent = second ?? "";
    title2.setAttribute("fill", f.done ? "#B8860B" : "black");
    title2.setAttribute("font-weight", f.done ? "bold" : "normal");
    bars.forEach((bar, i) => bar.setAttribute("fill", i + 1 === r ? "#0072B2" : "#BBBBBB"));
    pips.thinking.setAttribute("visibility", f.done ? "hidden" : "visible");
    pips.proud.setAttribute("visibility", f.done ? "visible" : "hidden");
    medal.setAttribute("visibility", f.done ? "visible" : "hidden");
    caption.textContent = f.caption;
    ax.svg.setAttribute("data-round", r);
    ax.svg.setAttribute("data-right", right);
  }
  draw();
  model.on("change:frame", draw);
  return () => model.off("change:frame", draw);
}

export default { render };
