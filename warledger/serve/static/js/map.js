// The map (country outlines from world-atlas, no tile server unless one is set) and the timeline.
// Everything from the ledger is put in the page as text (textContent), never as HTML.
"use strict";
(function () {
  var mapEl = document.getElementById("map");
  if (!mapEl || typeof L === "undefined") { return; }
  var query = mapEl.getAttribute("data-query") || "";
  var note = document.getElementById("map-note");
  var map = L.map(mapEl, { minZoom: 2, maxZoom: 14, worldCopyJump: true, attributionControl: true }).setView([35.0, 38.5], 6);
  var tiles = document.body.getAttribute("data-tile-url");
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 18 }).addTo(map);
  }
  fetch("/static/vendor/world-atlas/countries-50m.json").then(function (r) { return r.json(); }).then(function (topo) {
    var land = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(land, { interactive: false, style: { color: "#7a7a7a", weight: 1, fillColor: "#f2efe6", fillOpacity: 1 } })
      .addTo(map).bringToBack();
    map.attributionControl.addAttribution("Outlines: Natural Earth via world-atlas");
  }).catch(function () { WL.announce("Country outlines could not be loaded.", note); });

  var COLORS = ["#b2182b", "#2166ac", "#1b7837", "#762a83", "#e08214", "#35978f", "#c51b7d", "#8c510a"];
  var OTHERS = "\u0000others", OTHER_COLOR = "#9a9a9a";
  var colorOf = {};
  function color(actor) {
    var key = actor || "(unknown)";
    if (!(key in colorOf)) { colorOf[key] = COLORS[Object.keys(colorOf).length % COLORS.length]; }
    return colorOf[key];
  }
  // the perpetrators the timeline gives a colour (those who killed most); the map waits for them, so a
  // marker and a bar of one perpetrator share a colour, and the rest are grey on both
  var palette = (function () {
    var done, p = new Promise(function (resolve) { done = resolve; });
    return { ready: p, resolve: function (v) { done(v); } };
  })();
  function markerColor(actor, shown) {
    if (!shown) { return color(actor); }
    return shown.indexOf(actor || "(unknown)") >= 0 ? color(actor) : OTHER_COLOR;
  }
  function popup(p) {
    var box = WL.el("div", { "class": "popup" });
    var a = WL.el("a", { href: "/incidents/" + encodeURIComponent(p.id) }, p.location || "(no place)");
    box.appendChild(a);
    box.appendChild(WL.el("div", {}, (p.date || "undated") + " · " + (p.sub_event_type || "")));
    box.appendChild(WL.el("div", {}, (p.actor1 || "unknown perpetrator")));
    box.appendChild(WL.el("div", {}, "killed: " + (p.killed === null ? "unknown" : p.killed)));
    if (p.guess) { box.appendChild(WL.el("div", { "class": "flag" }, "a guess: placed at its area, at a place spelt differently from the report's words, or in a country only a town's spelling points to")); }
    return box;
  }
  // a link to the table of the incidents a chart cannot show (same filters, and name=false)
  function listLink(name, text) {
    var params = new URLSearchParams(query);
    params.set(name, "false");
    return WL.el("a", { href: "/?" + params.toString() + "#table-h", "class": "left-out", "data-filter": name }, text);
  }
  // a capped map: the incidents not drawn as points, counted in grey squares (from the API's cells), so the map
  // still shows where they are; returns how many are left out
  var cellLayer = null;
  function cellsLeftOut(data) {
    if (cellLayer) { map.removeLayer(cellLayer); cellLayer = null; }
    mapEl.removeAttribute("data-cells-left-out");
    if (!data.cells || !data.cell_degrees) { return 0; }
    var size = data.cell_degrees, shown = {}, total = 0, layer = L.layerGroup();
    cellLayer = layer;
    function key(lat, lon) { return Math.floor((lat + 90) / size) + ":" + Math.floor((lon + 180) / size); }
    (data.points || []).forEach(function (p) { var k = key(p.lat, p.lon); shown[k] = (shown[k] || 0) + 1; });
    var most = Math.max.apply(null, data.cells.map(function (c) { return c.incidents; }).concat([1]));
    data.cells.forEach(function (c) {
      var rest = c.incidents - (shown[key(c.lat, c.lon)] || 0);
      if (rest <= 0) { return; }
      total += rest;
      var h = size / 2;
      var r = L.rectangle([[c.lat - h, c.lon - h], [c.lat + h, c.lon + h]], {
        color: "#555", weight: 1, fillColor: "#555", fillOpacity: 0.1 + 0.4 * Math.sqrt(rest / most),
        className: "wl-cell", interactive: true
      });
      r.bindTooltip(rest + " incident" + (rest === 1 ? "" : "s") + " here not drawn as points (" + c.incidents +
                    " in this square, " + c.killed + " killed)");
      layer.addLayer(r);
    });
    layer.addTo(map);
    mapEl.setAttribute("data-cells-left-out", String(total));
    return total;
  }
  // "Only the map's area": the map's view becomes the bbox filter in the URL (W,S,E,N, clamped to the world),
  // and a page with a bbox opens on that box, so what the table lists is what the map frames
  function roundOut(v, up) { var k = 10000; return (up ? Math.ceil(v * k) : Math.floor(v * k)) / k; }
  function viewBox() {
    var b = map.getBounds(), w = Math.max(-180, b.getWest()), e = Math.min(180, b.getEast());
    if (b.getEast() - b.getWest() >= 360 || w >= e) { w = -180; e = 180; }
    return [roundOut(w, false), roundOut(Math.max(-90, b.getSouth()), false), roundOut(e, true),
            roundOut(Math.min(90, b.getNorth()), true)].join(",");
  }
  var areaButton = document.getElementById("map-area");
  if (areaButton) {
    areaButton.addEventListener("click", function () {
      var params = new URLSearchParams(window.location.search);
      params.set("bbox", viewBox());
      params.delete("offset");
      window.location.assign("/?" + params.toString());
    });
  }
  var asked = (new URLSearchParams(query)).get("bbox");
  var askedBox = asked ? asked.split(",").map(Number) : null;
  var cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false });
  // at most this many points at once (2,000; ?map_limit=N in the page's address changes it): a ledger of tens of
  // thousands is drawn as the newest points plus grey squares counting the rest, and once the analyst zooms or
  // pans, the points of the view alone are fetched again (the server filters them by the view's box), so a
  // district shows every one of its incidents
  var limit = Math.min(20000, Math.max(1, parseInt(new URLSearchParams(window.location.search).get("map_limit") || "2000", 10) || 2000));
  function mapUrl(box) {
    var params = new URLSearchParams(query);
    if (box) { params.set("bbox", box); }
    params.set("limit", String(limit));
    return "/api/map?" + params.toString();
  }
  function getPoints(box) {
    return fetch(mapUrl(box), { headers: { "Accept": "application/json" } }).then(function (r) {
      return r.json().then(function (d) { if (!r.ok) { throw new Error(d.detail || r.status); } return d; });
    });
  }
  function draw(data, shown) {
    var bounds = [];
    cluster.clearLayers();
    var markers = (data.points || []).map(function (p) {
      var k = p.killed || 0;
      var m = L.circleMarker([p.lat, p.lon], {
        radius: 5 + 3 * Math.sqrt(k), color: markerColor(p.actor1, shown), weight: 2,
        fillOpacity: p.guess ? 0.15 : 0.55, dashArray: p.guess ? "4 3" : null,
        className: "wl-marker" + (p.guess ? " wl-guess" : "")
      });
      m.bindPopup(function () { return popup(p); });
      m.options.incidentId = p.id;
      bounds.push([p.lat, p.lon]);
      return m;
    });
    cluster.addLayers(markers);   // in one go: the clusters are computed once, not once per marker
    return bounds;
  }
  function say(data, inView, left) {
    var n = (data.points || []).length;
    var msg = n + " of " + data.total + " incidents " + (inView ? "in the map's view" : "on the map");
    if (data.capped) {
      msg += " (the " + n + " most recently added: zoom in or narrow the filters to map the others";
      msg += left ? "; the other " + left + " are counted in grey squares of " + data.cell_degrees + "\u00b0)" : ")";
    }
    if (data.unplaced) { msg += "; " + data.unplaced + " have no coordinates"; }
    WL.announce(msg + ". Dashed circles are guesses: placed at their area, at a place spelt differently from the report's words, or in a country only a town's spelling points to.", note);
    if (data.unplaced) { note.appendChild(document.createTextNode(" ")); note.appendChild(listLink("placed", "List the " + data.unplaced + " with no coordinates")); }
    mapEl.setAttribute("data-points", String(n));
    mapEl.setAttribute("data-scope", inView ? "view" : "all");
  }
  // the view's box, within the box the filters ask for (if any)
  function viewWithin() {
    var v = viewBox().split(",").map(Number);
    if (askedBox && askedBox.length === 4) {
      v = [Math.max(v[0], askedBox[0]), Math.max(v[1], askedBox[1]), Math.min(v[2], askedBox[2]), Math.min(v[3], askedBox[3])];
      if (v[0] > v[2] || v[1] > v[3]) { return null; }
    }
    return v.join(",");
  }
  // the first view frames where the points are, not the few far from all the others (a place in another
  // continent read from one report would otherwise zoom a ledger of one country out to the whole world): with
  // 50 points or more, those further than the 5th-95th percentile's own width (at least 1 degree) beyond it, in
  // latitude or longitude, are left out of the first view (the note counts them)
  function core(bounds) {
    if (bounds.length < 50) { return bounds; }
    function span(values) {
      var v = values.slice().sort(function (a, b) { return a - b; });
      var lo = v[Math.floor(0.05 * (v.length - 1))], hi = v[Math.ceil(0.95 * (v.length - 1))];
      var w = Math.max(1, hi - lo);
      return [lo - w, hi + w];
    }
    var la = span(bounds.map(function (b) { return b[0]; })), lo = span(bounds.map(function (b) { return b[1]; }));
    var kept = bounds.filter(function (b) { return b[0] >= la[0] && b[0] <= la[1] && b[1] >= lo[0] && b[1] <= lo[1]; });
    return kept.length ? kept : bounds;
  }
  var paletteOrNone = document.getElementById("timeline") ? palette.ready : Promise.resolve(null);
  Promise.all([getPoints(null), paletteOrNone]).then(function (both) {
      var data = both[0], shown = both[1];
      var bounds = draw(data, shown);
      // the view is set first and at once, so the clusters are built for it with no zoom animation running;
      // without a tile layer the country outlines are all there is to see: closer than zoom 8 shows nothing
      if (askedBox && askedBox.length === 4) {
        map.fitBounds([[askedBox[1], askedBox[0]], [askedBox[3], askedBox[2]]], { animate: false });
      } else if (bounds.length) { map.fitBounds(core(bounds), { padding: [30, 30], maxZoom: tiles ? 12 : 8, animate: false }); }
      map.addLayer(cluster);
      say(data, false, cellsLeftOut(data));
      var outside = bounds.filter(function (b) { return !map.getBounds().contains(b); }).length;
      if (outside) {
        note.appendChild(document.createTextNode(" " + outside + " of the points drawn " + (outside === 1 ? "lies" : "lie") +
          " outside this first view, far from the others: zoom out to see " + (outside === 1 ? "it." : "them.")));
        mapEl.setAttribute("data-outside", String(outside));
      }
      if (!data.capped) { return; }
      var timer = null, asking = 0;
      map.on("moveend", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          var box = viewWithin(), mine = ++asking;
          if (!box) { return; }
          mapEl.setAttribute("data-loading", "1");
          getPoints(box).then(function (d) {
            if (mine !== asking) { return; }   // the analyst has moved on: a newer view is on its way
            mapEl.removeAttribute("data-loading");
            draw(d, shown);
            say(d, true, cellsLeftOut(d));
          }, function (e) { mapEl.removeAttribute("data-loading"); WL.announce("The map could not load the points of this view: " + e.message, note); });
        }, 250);
      });
    }).catch(function (e) { WL.announce("The map could not load its points: " + (e && e.message ? e.message : e), note); if (window.console) { console.error(e && e.stack ? e.stack : e); } });

  // ---- timeline: killed per week (or month, or year) by perpetrator, as SVG bars and as a table
  // The API lists only the periods that have incidents; the bars need every period in between, or a quiet
  // month would vanish from the time axis.  A ledger of many years has more weeks than the chart has room
  // for: then the bars are months, or years, so that every period is drawn (none falls off the right edge).
  var MIN_BAR = 3;
  function allPeriods(first, last, unit) {
    var out = [], d, day = 24 * 3600 * 1000;
    if (unit === "week") {
      for (var t = Date.parse(first); t <= Date.parse(last); t += 7 * day) { out.push(new Date(t).toISOString().slice(0, 10)); }
    } else if (unit === "month") {
      d = { y: +first.slice(0, 4), m: +first.slice(5, 7) };
      var end = last.slice(0, 7);
      while (true) {
        var key = d.y + "-" + (d.m < 10 ? "0" : "") + d.m;
        out.push(key);
        if (key >= end || out.length > 100000) { break; }
        d.m += 1; if (d.m > 12) { d.m = 1; d.y += 1; }
      }
    } else {
      for (var y = +first.slice(0, 4); y <= +last.slice(0, 4); y++) { out.push(String(y)); }
    }
    return out;
  }
  function fits(first, last, unit, room) {
    if (unit === "week") { return (Date.parse(last) - Date.parse(first)) / (7 * 24 * 3600 * 1000) + 1 <= room; }
    if (unit === "month") { return (+last.slice(0, 4) - +first.slice(0, 4)) * 12 + 12 <= room; }
    return true;
  }
  function byYear(rows) {   // month rows -> year rows (same actors summed)
    var acc = {}, out = [];
    rows.forEach(function (r) {
      var k = r.period.slice(0, 4) + "\u0000" + (r.actor1 || "");
      if (!(k in acc)) { acc[k] = { period: r.period.slice(0, 4), actor1: r.actor1, incidents: 0, killed: 0 }; out.push(acc[k]); }
      acc[k].incidents += r.incidents; acc[k].killed += r.killed;
    });
    return out;
  }
  // the axis spans the filter's own dates when it has them (quiet periods before the first incident and after the
  // last are drawn empty, as those between), unless that many periods do not fit the chart
  function periodOf(day, unit) {
    if (unit === "week") {
      var t = Date.parse(day + "T00:00:00Z");
      return new Date(t - ((new Date(t).getUTCDay() + 6) % 7) * 24 * 3600 * 1000).toISOString().slice(0, 10);
    }
    return unit === "month" ? day.slice(0, 7) : day.slice(0, 4);
  }
  function filterSpan(first, last, unit) {
    var params = new URLSearchParams(window.location.search), day = /^\d{4}-\d{2}-\d{2}$/;
    var from = params.get("date_from") || "", to = params.get("date_to") || "";
    var a = day.test(from) && periodOf(from, unit) < first ? periodOf(from, unit) : first;
    var b = day.test(to) && periodOf(to, unit) > last ? periodOf(to, unit) : last;
    return fits(a, b, unit, room) ? [a, b] : [first, last];
  }
  var UNIT_LABEL = { week: "week of ", month: "", year: "" };
  var tl = document.getElementById("timeline");
  function getTimeline(period) {
    return fetch("/api/timeline?period=" + period + (query ? "&" + query : ""), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json().then(function (d) { if (!r.ok) { throw new Error(d.detail || r.status); } return d; }); });
  }
  if (!tl) { return; }
  var W = Math.max(300, tl.clientWidth || 800), H = 140, pad = 24;
  var room = Math.floor((W - pad * 2) / MIN_BAR);
  getTimeline("week").then(function (data) {
    var ps = (data.rows || []).map(function (r) { return r.period; }).sort();
    if (!ps.length || fits(ps[0], ps[ps.length - 1], "week", room)) { return { unit: "week", data: data }; }
    return getTimeline("month").then(function (m) {
      var mp = (m.rows || []).map(function (r) { return r.period; }).sort();
      if (fits(mp[0], mp[mp.length - 1], "month", room)) { return { unit: "month", data: m }; }
      m.rows = byYear(m.rows || []);
      return { unit: "year", data: m };
    });
  }).then(function (got) {
      var data = got.data, unit = got.unit, rows = data.rows || [];
      var periods = [], byPeriod = {}, killedBy = {};
      rows.forEach(function (r) {
        if (!(r.period in byPeriod)) { byPeriod[r.period] = []; periods.push(r.period); }
        byPeriod[r.period].push(r);
        var a = r.actor1 || "(unknown)";
        killedBy[a] = (killedBy[a] || 0) + r.killed;
      });
      // the perpetrators who killed most get a colour each; the rest share one grey bar ("others")
      var ranked = Object.keys(killedBy).sort(function (a, b) { return killedBy[b] - killedBy[a] || (a < b ? -1 : 1); });
      var shown = ranked.slice(0, ranked.length > COLORS.length ? COLORS.length - 1 : COLORS.length);
      var others = ranked.length - shown.length;
      function group(actor) { var a = actor || "(unknown)"; return shown.indexOf(a) >= 0 ? a : OTHERS; }
      shown.forEach(function (a) { color(a === "(unknown)" ? null : a); });
      palette.resolve(shown.length ? shown : null);
      var ranged = data.ranged || 0, undated = data.undated || 0;
      var leftOut = (ranged ? ranged + " incident" + (ranged === 1 ? " is" : "s are") +
        " known only by a date range and drawn on the middle day of that range. " : "") +
        (undated ? undated + " undated incident" + (undated === 1 ? " is" : "s are") +
        " not drawn here." : "");
      var tlNote = document.getElementById("timeline-note");
      var per = unit === "week" ? "week" : unit;
      tl.setAttribute("aria-label", "Killed per " + per + " by perpetrator");
      if (unit !== "week") { leftOut = "Killed per " + per + ": the ledger spans more weeks than the chart can draw. " + leftOut; }
      if (leftOut && tlNote) { WL.announce(leftOut, tlNote); }
      if (undated && tlNote) { tlNote.appendChild(document.createTextNode(" ")); tlNote.appendChild(listLink("dated", "List the " + undated + " undated")); }
      tl.setAttribute("data-unit", unit);
      if (!periods.length) { tl.textContent = "No dated incident to draw."; return; }
      var sorted = periods.slice().sort();
      var span = filterSpan(sorted[0], sorted[sorted.length - 1], unit);
      periods = allPeriods(span[0], span[1], unit);
      periods.forEach(function (p) { if (!(p in byPeriod)) { byPeriod[p] = []; } });
      var max = 1;
      periods.forEach(function (p) {
        var s = byPeriod[p].reduce(function (t, r) { return t + r.killed; }, 0); if (s > max) { max = s; }
      });
      var step = (W - pad * 2) / periods.length, gap = step >= 6 ? 2 : (step >= 3 ? 1 : 0);
      var bw = Math.max(1, step - gap);
      var NS = "http://www.w3.org/2000/svg";
      var svg = document.createElementNS(NS, "svg");
      svg.setAttribute("width", W); svg.setAttribute("height", H + 40); svg.setAttribute("focusable", "false");
      periods.forEach(function (p, i) {
        var y = H, stack = {}, order = [];
        byPeriod[p].forEach(function (r) {
          var g = group(r.actor1);
          if (!(g in stack)) { stack[g] = 0; order.push(g); }
          stack[g] += r.killed;
        });
        order.forEach(function (g) {
          var h = Math.round((stack[g] / max) * (H - 10));
          if (h <= 0) { return; }
          var rect = document.createElementNS(NS, "rect");
          rect.setAttribute("x", (pad + i * step).toFixed(2)); rect.setAttribute("y", y - h);
          rect.setAttribute("width", bw.toFixed(2)); rect.setAttribute("height", h);
          rect.setAttribute("fill", g === OTHERS ? OTHER_COLOR : color(g === "(unknown)" ? null : g));
          rect.setAttribute("class", "bar");
          var t = document.createElementNS(NS, "title");
          t.textContent = UNIT_LABEL[unit] + p + ": " + stack[g] + " killed by " + g;
          rect.appendChild(t); svg.appendChild(rect); y -= h;
        });
      });
      // the first and the last period are labelled under their own bars (one label when there is one period)
      (periods.length > 1 ? [0, periods.length - 1] : [0]).forEach(function (i, j) {
        var t = document.createElementNS(NS, "text");
        var x = pad + i * step + bw / 2;
        var anchor = "middle";
        if (bw < 160) { x = j ? pad + i * step + bw : pad + i * step; anchor = j ? "end" : "start"; }
        t.setAttribute("x", x.toFixed(2)); t.setAttribute("y", H + 16);
        t.setAttribute("text-anchor", anchor); t.setAttribute("class", "axis");
        t.textContent = UNIT_LABEL[unit] + periods[i]; svg.appendChild(t);
      });
      tl.textContent = ""; tl.appendChild(svg);
      if (WL.timelineFilter) { WL.timelineFilter(svg, periods, unit, { pad: pad, step: step, height: H }); }
      var legend = WL.el("p", { "class": "legend" });
      shown.concat(others ? [OTHERS] : []).forEach(function (a) {
        var sw = WL.el("span", { "class": "swatch" });
        sw.style.background = a === OTHERS ? OTHER_COLOR : color(a === "(unknown)" ? null : a);
        legend.appendChild(sw);
        legend.appendChild(document.createTextNode(" " + (a === OTHERS ? others + " other perpetrators" : a) + "  "));
      });
      tl.appendChild(legend);
      var table = WL.el("table", { "class": "incidents" });
      table.appendChild(WL.el("caption", {}, "Killed per " + per + " by perpetrator"));
      var head = WL.el("tr"); [unit === "week" ? "Week of" : (unit === "month" ? "Month" : "Year"), "Perpetrator",
                               "Incidents", "Killed"].forEach(function (h) {
        head.appendChild(WL.el("th", { scope: "col" }, h)); });
      table.appendChild(head);
      rows.forEach(function (r) {
        var tr = WL.el("tr");
        [r.period, r.actor1 || "(unknown)", r.incidents, r.killed].forEach(function (v) { tr.appendChild(WL.el("td", {}, v)); });
        table.appendChild(tr);
      });
      document.getElementById("timeline-table").appendChild(table);
    }).catch(function (e) { palette.resolve(null); tl.textContent = "The timeline could not load: " + e.message; });
})();
