// The timeline as a filter: a drag across the killed-per-week chart (or a click on one bar) puts the days it spans
// in the address as date_from/date_to, the filter bar's own fields, so the map, the table, the tally link and the
// exports follow; the filter bar shows the dates with "all dates" to clear them.  From the keyboard, the "Choose
// dates" button under the chart focuses the filter bar's From field.
"use strict";
WL.timelineFilter = (function () {
  var DAY = 24 * 3600 * 1000;
  function iso(t) { return new Date(t).toISOString().slice(0, 10); }
  // a period's first and last day: week "2021-03-01" (its Monday), month "2021-03", year "2021"
  function bounds(period, unit) {
    if (unit === "week") { return [period, iso(Date.parse(period) + 6 * DAY)]; }
    if (unit === "month") {
      var y = +period.slice(0, 4), m = +period.slice(5, 7);
      return [period + "-01", iso(Date.UTC(m === 12 ? y + 1 : y, m === 12 ? 0 : m, 1) - DAY)];
    }
    return [period + "-01-01", period + "-12-31"];
  }
  function go(first, last, unit) {
    var params = new URLSearchParams(window.location.search);
    params.set("date_from", bounds(first, unit)[0]);
    params.set("date_to", bounds(last, unit)[1]);
    params.delete("offset");
    window.location.assign(window.location.pathname + "?" + params.toString());
  }
  var choose = document.getElementById("choose-dates");
  if (choose) {
    choose.addEventListener("click", function () {
      var from = document.querySelector("form.filters input[name=date_from]");
      if (from) { from.focus(); }
    });
  }
  // svg: the chart; periods: every period drawn, in order; geometry: {pad, step, height} of the bars
  return function (svg, periods, unit, geometry) {
    var NS = "http://www.w3.org/2000/svg", pad = geometry.pad, step = geometry.step;
    var band = document.createElementNS(NS, "rect");
    band.setAttribute("class", "brush"); band.setAttribute("y", 0); band.setAttribute("height", geometry.height);
    band.setAttribute("width", 0);
    svg.appendChild(band);
    svg.setAttribute("class", "brushable");
    function index(evt) {
      var box = svg.getBoundingClientRect(), x = evt.clientX - box.left;
      return Math.max(0, Math.min(periods.length - 1, Math.floor((x - pad) / step)));
    }
    var start = null, startX = 0;
    function show(a, b) {
      var lo = Math.min(a, b), hi = Math.max(a, b);
      band.setAttribute("x", (pad + lo * step).toFixed(2));
      band.setAttribute("width", ((hi - lo + 1) * step).toFixed(2));
    }
    svg.addEventListener("pointerdown", function (evt) {
      if (evt.button !== 0) { return; }
      start = index(evt); startX = evt.clientX; show(start, start);
      if (svg.setPointerCapture) { svg.setPointerCapture(evt.pointerId); }
      evt.preventDefault();
    });
    svg.addEventListener("pointermove", function (evt) { if (start !== null) { show(start, index(evt)); } });
    svg.addEventListener("pointerup", function (evt) {
      if (start === null) { return; }
      var end = Math.abs(evt.clientX - startX) < 3 ? start : index(evt), a = start;
      start = null;
      go(periods[Math.min(a, end)], periods[Math.max(a, end)], unit);
    });
    svg.addEventListener("pointercancel", function () { start = null; band.setAttribute("width", 0); });
  };
})();
