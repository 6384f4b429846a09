// The guessing game drawn in the page: the computer's guesses closing in on the secret.
// Traits (nnlib/viz/guessing.py): secret (linked to the slider in the page), low, high, most,
// games (games[secret - low] = the turns of nnlib.guessing.play(secret), each [low, high, guess,
// answer], computed once in the kernel), spec. Nothing of the game is computed here.

const C = { sky: "#56B4E9", blue: "#0072B2", vermillion: "#D55E00" };

function render({ model, el }) {
  const spec = model.get("spec"), low = model.get("low"), high = model.get("high");
  const most = model.get("most"), games = model.get("games");
  const pad = 0.04 * (high - low) + 1;
  const xticks = Array.from({ length: most }, (_, i) => [i + 1, String(i + 1)]);
  const ax = makeAxes(el, spec, [0.5, most + 0.7], [low - pad, high + pad], xticks, model.get("yticks"),
                      "", "number");
  const { sx, sy, plot, svg } = ax;
  svgEl("text", { x: (ax.box.x0 + ax.box.x1) / 2, y: ax.box.y0 + 50, "text-anchor": "middle", "font-size": 12 },
        svg, "guess number, and what the game said");
  const answers = [...svg.querySelectorAll(".xtick text")];
  answers.forEach((a) => a.setAttribute("y", ax.box.y0 + 7));
  const bars = xticks.map(([x]) => svgEl("line", { x1: px(sx(x)), x2: px(sx(x)), stroke: C.sky, "stroke-width": 10,
                                                   "stroke-opacity": 0.6, class: "range" }, plot));
  const secretLine = svgEl("line", { x1: ax.box.x0, x2: ax.box.x1, stroke: C.vermillion, "stroke-width": 2,
                                     "stroke-dasharray": "7 3", class: "secret" }, plot);
  const dots = xticks.map(() => svgEl("circle", { r: 5.5, fill: C.blue, class: "guess" }, plot));
  const words = xticks.map(([x]) => svgEl("text", { x: px(sx(x + 0.12)), "dominant-baseline": "middle",
                                                    "font-size": 11, class: "guess-label" }, plot));
  const ly = ax.box.y0 + 72, lx = ax.box.x0 + 40, lg = svgEl("g", { class: "legend" }, svg);
  const entries = [["numbers still possible", (x) => svgEl("line", { x1: x, x2: x + 22, y1: ly, y2: ly, stroke: C.sky,
                                                                     "stroke-width": 10, "stroke-opacity": 0.6 }, lg)],
                   ["the computer's guess", (x) => svgEl("circle", { cx: x + 11, cy: ly, r: 5.5, fill: C.blue }, lg)],
                   ["the secret number", (x) => svgEl("line", { x1: x, x2: x + 22, y1: ly, y2: ly, stroke: C.vermillion,
                                                                "stroke-width": 2, "stroke-dasharray": "7 3" }, lg)]];
  entries.forEach(([text, mark], k) => {
    const x = lx + k * 210;
    mark(x);
    svgEl("text", { x: x + 30, y: ly, "dominant-baseline": "middle", "font-size": 10 }, lg, text);
  });

  function draw() {
    const secret = model.get("secret"), turns = games[secret - low] || [];
    bars.forEach((bar, i) => {
      const t = turns[i], shown = t ? "visible" : "hidden";
      for (const e of [bar, dots[i], words[i]]) e.setAttribute("visibility", shown);
      if (t) {
        bar.setAttribute("y1", px(sy(t[0] - 0.5)));
        bar.setAttribute("y2", px(sy(t[1] + 0.5)));
        dots[i].setAttribute("cx", px(sx(i + 1)));
        dots[i].setAttribute("cy", px(sy(t[2])));
        words[i].setAttribute("y", px(sy(t[2])));
        words[i].textContent = String(t[2]);
      }
      setText(answers[i], t ? `${i + 1}\n${t[3]}` : String(i + 1));
      answers[i].setAttribute("dominant-baseline", "hanging");
      answers[i].querySelectorAll("tspan").forEach((s, k) => s.setAttribute("dy", k ? "1.15em" : "0"));
    });
    secretLine.setAttribute("y1", px(sy(secret)));
    secretLine.setAttribute("y2", px(sy(secret)));
    ax.title.textContent = `Secret number ${secret}: found in ${turns.length} guess${turns.length > 1 ? "es" : ""}`;
    svg.setAttribute("data-secret", secret);
  }
  draw();
  model.on("change:secret", draw);
  return () => model.off("change:secret", draw);
}

export default { render };
