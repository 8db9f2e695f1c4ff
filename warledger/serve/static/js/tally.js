// The tally page's chart: killed per group as plain SVG bars, drawn from the table's own rows (data-group,
// data-killed), so the chart and the table cannot disagree and no second query is made. A grouping by
// perpetrator, place or type draws the groups with the most killed, longest first, as horizontal bars; a
// grouping by day, week or month draws every period on a time axis as columns, from the filter's From to its To
// when it has them (a period with no incident: a flat zero mark). Each bar opens the incident list of its group, as
// the row's name does. Group names are untrusted (they come from reports): they only ever become text nodes.
"use strict";
(function () {
  var box = document.getElementById("tally-svg");
  var table = document.getElementById("tally-table");
  if (!box || !table) { return; }
  var NS = "http://www.w3.org/2000/svg";
  var MAX_BARS = 25;
  var note = document.getElementById("tally-chart-note");
  var time = document.getElementById("tally-chart").getAttribute("data-time") === "1";

  function svgEl(tag, attrs, text) {
    var node = document.createElementNS(NS, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = String(text); }
    return node;
  }
  function rows() {
    var out = [];
    table.querySelectorAll("tbody tr[data-group]").forEach(function (tr) {
      if (tr.hasAttribute("data-empty")) { return; }   // a zero row of the range: drawn as a period without an incident
      var k = tr.getAttribute("data-killed");
      var a = tr.querySelector("th a");
      out.push({ group: tr.getAttribute("data-group"), killed: k === "" ? null : parseInt(k, 10),
                 missing: tr.hasAttribute("data-missing"), link: a ? a.getAttribute("href") : null });
    });
    return out;
  }
  // a bar opens the incident list with its group's filter (the row name's own link); the keyboard has the row names
  function linked(r, node) {
    if (!r.link) { return node; }
    var a = svgEl("a", { href: r.link, "class": "bar-link", tabindex: "-1" });
    a.appendChild(node);
    return a;
  }
  function say(parts) { note.textContent = parts.filter(function (p) { return p; }).join(" "); }
  function sum(list) { return list.reduce(function (s, r) { return s + (r.killed || 0); }, 0); }

  // horizontal bars: one line per group, its name on the left, its figure after the bar
  function bars(list) {
    var stated = list.filter(function (r) { return r.killed !== null; });
    stated.sort(function (a, b) { return b.killed - a.killed; });
    var drawn = stated.slice(0, MAX_BARS), rest = stated.slice(MAX_BARS);
    var W = Math.max(480, Math.min(box.clientWidth || 900, 1100)), LABEL = Math.min(360, W * 0.4), ROW = 20;
    var max = Math.max(1, drawn.length ? drawn[0].killed : 1), span = W - LABEL - 70;
    var svg = svgEl("svg", { width: W, height: drawn.length * ROW + 8, viewBox: "0 0 " + W + " " + (drawn.length * ROW + 8),
                             focusable: "false", "aria-hidden": "true" });
    drawn.forEach(function (r, i) {
      var y = 4 + i * ROW, w = Math.max(r.killed > 0 ? 2 : 0, Math.round(span * r.killed / max));
      var name = r.group.length > 48 ? r.group.slice(0, 47) + "\u2026" : r.group;
      svg.appendChild(svgEl("text", { x: LABEL - 6, y: y + 14, "text-anchor": "end", "class": "axis" }, name));
      var bar = svgEl("rect", { x: LABEL, y: y + 3, width: w, height: ROW - 6, "class": "bar" });
      bar.appendChild(svgEl("title", {}, r.group + ": " + r.killed + " killed"));
      svg.appendChild(linked(r, bar));
      svg.appendChild(svgEl("text", { x: LABEL + w + 4, y: y + 14, "class": "axis" }, r.killed));
    });
    box.textContent = ""; box.appendChild(svg);
    var none = list.length - stated.length;
    say([rest.length ? rest.length + " more group" + (rest.length === 1 ? "" : "s") + " (" + sum(rest) +
         " killed) are in the table." : "",
         none ? none + " group" + (none === 1 ? " states" : "s state") + " no figure of killed." : ""]);
  }

  // where a period sits on the time axis: days (or weeks) since the first, months since the first
  function periodIndex(label) {
    var m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(label);
    if (!m) { return null; }
    if (m[3] === undefined) { return +m[1] * 12 + (+m[2] - 1); }
    return Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000;
  }

  // a period index back to its label (inverse of periodIndex): day or week "YYYY-MM-DD", month "YYYY-MM"
  function periodLabel(i, by) {
    if (by === "month") { var m = i % 12 + 1; return Math.floor(i / 12) + "-" + (m < 10 ? "0" : "") + m; }
    return new Date(i * 86400000).toISOString().slice(0, 10);
  }
  // the period a day of the filter bar (date_from, date_to) falls in, as an index; null without a day
  function filterPeriod(name, by) {
    var input = document.querySelector("form.filters input[name=" + name + "]");
    var day = input ? input.value.trim() : "";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) { return null; }
    if (by === "month") { return periodIndex(day.slice(0, 7)); }
    var d = periodIndex(day);
    return by === "week" ? d - (new Date(d * 86400000).getUTCDay() + 6) % 7 : d;
  }

  // columns on a time axis: every period from the first to the last (or the filter's own dates, when it has them),
  // those without an incident drawn as zero (a flat mark, "no incident"); the undated row is not drawn
  function columns(list) {
    var by = table.getAttribute("data-by"), unit = by === "week" ? 7 : 1;
    var dated = list.filter(function (r) { return !r.missing && periodIndex(r.group) !== null; });
    var undated = list.filter(function (r) { return r.missing; });
    var from = filterPeriod("date_from", by), to = filterPeriod("date_to", by);
    var first = dated.length ? periodIndex(dated[0].group) : (from !== null ? from : 0);
    var last = dated.length ? periodIndex(dated[dated.length - 1].group) : (to !== null ? to : first);
    if (from !== null && from < first) { first = from; }
    if (to !== null && to > last && (to - first) / unit < 2000) { last = to; }
    var at = {};
    dated.forEach(function (r) { at[periodIndex(r.group)] = r; });
    var every = [], zero = 0;
    for (var i = first; i <= last; i += unit) {
      if (at[i]) { every.push(at[i]); } else { every.push({ group: periodLabel(i, by), killed: 0, zero: true }); zero += 1; }
    }
    var n = every.length;
    var W = Math.max(480, Math.min(box.clientWidth || 900, 1100)), H = 180, LEFT = 44, BOTTOM = 34;
    var max = Math.max(1, Math.max.apply(null, dated.map(function (r) { return r.killed || 0; })));
    var step = (W - LEFT - 10) / Math.max(1, n), bw = Math.max(1, step * 0.8);
    var svg = svgEl("svg", { width: W, height: H + BOTTOM, viewBox: "0 0 " + W + " " + (H + BOTTOM),
                             focusable: "false", "aria-hidden": "true" });
    svg.appendChild(svgEl("text", { x: LEFT - 6, y: 12, "text-anchor": "end", "class": "axis" }, max));
    svg.appendChild(svgEl("text", { x: LEFT - 6, y: H, "text-anchor": "end", "class": "axis" }, 0));
    svg.appendChild(svgEl("line", { x1: LEFT, y1: H, x2: W - 6, y2: H, "class": "base" }));
    var labelled = -Infinity;
    every.forEach(function (r, k) {
      var h = r.zero ? 2 : Math.max(r.killed === null ? 0 : 2, Math.round((H - 8) * (r.killed || 0) / max));
      var x = LEFT + k * step;
      var bar = svgEl("rect", { x: x, y: H - h, width: bw, height: h, "class": r.zero ? "bar zero" : "bar",
                                "data-period": r.group });
      bar.appendChild(svgEl("title", {}, r.group + ": " + (r.zero ? "no incident" :
                                                           (r.killed === null ? "no figure of" : r.killed) + " killed")));
      svg.appendChild(r.zero ? bar : linked(r, bar));
      if (x - labelled >= 90 && x < W - 70) { svg.appendChild(svgEl("text", { x: x, y: H + 16, "class": "axis" }, r.group)); labelled = x; }
    });
    box.textContent = ""; box.appendChild(svg);
    say([zero ? zero + " " + (by === "week" ? "week" : by === "month" ? "month" : "day") + (zero === 1 ? "" : "s") +
         " without an incident drawn as zero." : "",
         undated.length ? "Not drawn: the undated incidents (" + sum(undated) + " killed), which fall in no period." : ""]);
  }

  var list = rows();
  if (!list.length) { return; }
  if (time) { columns(list); } else { bars(list); }
})();
