// The fruit sorter drawn in the page (the scene is web/fruit.js): every fruit painted by what the
// sorter says, the two sides of its line, rings round the mistakes, and Pip beside it, who
// celebrates with the golden badge when every fruit is right. Traits (nnlib/viz/sorter.py):
// size_dial, colour_dial, lean (linked to the sliders in the page), X, y, xlim, ylim, xticks,
// yticks, spec, labels, decimals, art. The rule is nnlib.sorter's: score = size_dial * size +
// colour_dial * colour + lean, rounded to `decimals` places (so computer rounding never flips a
// fruit), "orange" when the score is above 0.

function render({ model, el }) {
  const spec = model.get("spec"), labels = model.get("labels"), art = model.get("art");
  const X = model.get("X");
  const ax = makeAxes(el, spec, model.get("xlim"), model.get("ylim"), model.get("xticks"), model.get("yticks"),
                      labels.x, labels.y);
  const { svg } = ax;
  const scene = sorterScene(ax, model, art);
  placeXLabel(svg, labels.x, ax.box.y0 + 34);
  fruitLegend(svg, art, ax.box.x0 + 30, ax.box.y0 + 60);
  ax.title.setAttribute("y", Math.max(ax.box.y1 - 26, 12));
  const title2 = svgEl("text", { x: ax.title.getAttribute("x"), y: ax.box.y1 - 8, "text-anchor": "middle",
                                 "font-size": 13, class: "title" }, svg);
  const side = ax.box.x1 + (spec.width - ax.box.x1) / 2;
  const pips = { thinking: drawPip(svg, art, "thinking", side, ax.box.y1 + 46, 88),
                 proud: drawPip(svg, art, "proud", side, ax.box.y1 + 46, 88) };
  const party = svgEl("g", { class: "celebration", visibility: "hidden" }, svg);
  svgEl("rect", { x: ax.box.x0 - 3, y: ax.box.y1 - 3, width: ax.box.x1 - ax.box.x0 + 6,
                  height: ax.box.y0 - ax.box.y1 + 6, fill: "none", stroke: "#F2C230", "stroke-width": 5 }, party);
  drawShapes(party, art.medal, side, ax.box.y1 + 170, 96, 100, [0, 0], null, { class: "medal" });
  svgEl("text", { x: side, y: ax.box.y1 + 200, "text-anchor": "middle", "font-size": 10, "font-weight": "bold",
                  fill: art.ink }, party, `${X.length} of ${X.length}`);
  svgEl("text", { x: side, y: ax.box.y1 + 250, "text-anchor": "middle", "font-size": 13, "font-weight": "bold",
                  fill: "#B8860B" }, party, "You win\nthe badge!");

  function draw() {
    const a = model.get("size_dial"), b = model.get("colour_dial"), c = model.get("lean");
    const { right } = scene.update(a, b, c);
    const all = right === X.length;
    ax.title.textContent = `size dial ${fmtG(a)}, colour dial ${fmtG(b)}, lean ${fmtG(c)}:`;
    title2.textContent = fruitMessage(right, X.length);
    title2.setAttribute("fill", all ? "#B8860B" : "black");
    title2.setAttribute("font-weight", all ? "bold" : "normal");
    pips.thinking.setAttribute("visibility", all ? "hidden" : "visible");
    pips.proud.setAttribute("visibility", all ? "visible" : "hidden");
    party.setAttribute("visibility", all ? "visible" : "hidden");
    svg.setAttribute("data-right", right);
  }
  draw();
  const names = ["change:size_dial", "change:colour_dial", "change:lean"];
  names.forEach((n) => model.on(n, draw));
  return () => names.forEach((n) => model.off(n, draw));
}

export default { render };
