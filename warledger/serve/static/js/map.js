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

  var COLORS = ["#b2182b", "#2166ac", "#1b7837", "#762a83", "#e08214", "#4d4d4d", "#35978f", "#c51b7d"];
  var colorOf = {};
  function color(actor) {
    var key = actor || "(unknown)";
    if (!(key in colorOf)) { colorOf[key] = COLORS[Object.keys(colorOf).length % COLORS.length]; }
    return colorOf[key];
  }
  function popup(p) {
    var box = WL.el("div", { "class": "popup" });
    var a = WL.el("a", { href: "/incidents/" + encodeURIComponent(p.id) }, p.location || "(no place)");
    box.appendChild(a);
    box.appendChild(WL.el("div", {}, (p.date || "undated") + " · " + (p.sub_event_type || "")));
    box.appendChild(WL.el("div", {}, (p.actor1 || "unknown perpetrator")));
    box.appendChild(WL.el("div", {}, "killed: " + (p.killed === null ? "unknown" : p.killed)));
    if (p.guess) { box.appendChild(WL.el("div", { "class": "flag" }, "placed at its area, not the exact place")); }
    return box;
  }
  var cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false });
  fetch("/api/map" + (query ? "?" + query : ""), { headers: { "Accept": "application/json" } })
    .then(function (r) { return r.json(); }).then(function (data) {
      var bounds = [];
      (data.points || []).forEach(function (p) {
        var k = p.killed || 0;
        var m = L.circleMarker([p.lat, p.lon], {
          radius: 5 + 3 * Math.sqrt(k), color: color(p.actor1), weight: 2,
          fillOpacity: p.guess ? 0.15 : 0.55, dashArray: p.guess ? "4 3" : null,
          className: "wl-marker" + (p.guess ? " wl-guess" : "")
        });
        m.bindPopup(function () { return popup(p); });
        m.options.incidentId = p.id;
        cluster.addLayer(m);
        bounds.push([p.lat, p.lon]);
      });
      // the view is set first and at once, so the clusters are built for it with no zoom animation running;
      // without a tile layer the country outlines are all there is to see: closer than zoom 8 shows nothing
      if (bounds.length) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: tiles ? 12 : 8, animate: false }); }
      map.addLayer(cluster);
      var n = (data.points || []).length;
      var msg = n + " of " + data.total + " incidents on the map";
      if (data.capped) { msg += " (the " + n + " most recently added: narrow the filters to map the others)"; }
      if (data.unplaced) { msg += "; " + data.unplaced + " have no coordinates (see the table)"; }
      WL.announce(msg + ". Dashed circles: placed at their area (a guess, not the exact place).", note);
      mapEl.setAttribute("data-points", String(n));
    }).catch(function (e) { WL.announce("The map could not load its points: " + (e && e.message ? e.message : e), note); if (window.console) { console.error(e && e.stack ? e.stack : e); } });

  // ---- timeline: killed per week by perpetrator, as SVG bars and as a table
  // The API lists only the weeks that have incidents; the bars need every week in between, or a quiet
  // month would vanish from the time axis.
  function everyWeek(periods) {
    var sorted = periods.slice().sort();
    if (!sorted.every(function (p) { return /^\d{4}-\d{2}-\d{2}$/.test(p); })) { return sorted; }
    var day = 24 * 3600 * 1000, first = Date.parse(sorted[0]), last = Date.parse(sorted[sorted.length - 1]);
    if ((last - first) / (7 * day) > 2000) { return sorted; }
    var out = [];
    for (var t = first; t <= last; t += 7 * day) { out.push(new Date(t).toISOString().slice(0, 10)); }
    return out;
  }
  var tl = document.getElementById("timeline");
  if (!tl) { return; }
  fetch("/api/timeline?period=week" + (query ? "&" + query : ""), { headers: { "Accept": "application/json" } })
    .then(function (r) { return r.json(); }).then(function (data) {
      var rows = data.rows || [];
      var periods = [], byPeriod = {}, actors = [];
      rows.forEach(function (r) {
        if (!(r.period in byPeriod)) { byPeriod[r.period] = []; periods.push(r.period); }
        byPeriod[r.period].push(r);
        var a = r.actor1 || "(unknown)";
        if (actors.indexOf(a) < 0) { actors.push(a); }
      });
      var ranged = data.ranged || 0, undated = data.undated || 0;
      var leftOut = (ranged ? ranged + " incident" + (ranged === 1 ? " is" : "s are") +
        " known only by a date range and drawn on the middle day of that range. " : "") +
        (undated ? undated + " undated incident" + (undated === 1 ? " is" : "s are") +
        " not drawn here (see the table)." : "");
      var tlNote = document.getElementById("timeline-note");
      if (leftOut && tlNote) { WL.announce(leftOut, tlNote); }
      if (!periods.length) { tl.textContent = "No dated incident to draw."; return; }
      periods = everyWeek(periods);
      periods.forEach(function (p) { if (!(p in byPeriod)) { byPeriod[p] = []; } });
      var max = 1;
      periods.forEach(function (p) {
        var s = byPeriod[p].reduce(function (t, r) { return t + r.killed; }, 0); if (s > max) { max = s; }
      });
      var W = Math.max(300, tl.clientWidth || 800), H = 140, pad = 24;
      var bw = Math.max(2, Math.floor((W - pad * 2) / periods.length) - 2);
      var NS = "http://www.w3.org/2000/svg";
      var svg = document.createElementNS(NS, "svg");
      svg.setAttribute("width", W); svg.setAttribute("height", H + 40); svg.setAttribute("focusable", "false");
      periods.forEach(function (p, i) {
        var y = H;
        byPeriod[p].forEach(function (r) {
          var h = Math.round((r.killed / max) * (H - 10));
          if (h <= 0) { return; }
          var rect = document.createElementNS(NS, "rect");
          rect.setAttribute("x", pad + i * (bw + 2)); rect.setAttribute("y", y - h);
          rect.setAttribute("width", bw); rect.setAttribute("height", h);
          rect.setAttribute("fill", color(r.actor1));
          var t = document.createElementNS(NS, "title");
          t.textContent = "week of " + p + ": " + r.killed + " killed by " + (r.actor1 || "unknown");
          rect.appendChild(t); svg.appendChild(rect); y -= h;
        });
      });
      // the first and the last period are labelled under their own bars (one label when there is one period)
      (periods.length > 1 ? [0, periods.length - 1] : [0]).forEach(function (i, j) {
        var t = document.createElementNS(NS, "text");
        var x = pad + i * (bw + 2) + bw / 2;
        var anchor = "middle";
        if (bw < 160) { x = j ? pad + i * (bw + 2) + bw : pad + i * (bw + 2); anchor = j ? "end" : "start"; }
        t.setAttribute("x", x); t.setAttribute("y", H + 16);
        t.setAttribute("text-anchor", anchor); t.setAttribute("class", "axis");
        t.textContent = "week of " + periods[i]; svg.appendChild(t);
      });
      tl.textContent = ""; tl.appendChild(svg);
      var legend = WL.el("p", { "class": "legend" });
      actors.forEach(function (a) {
        var sw = WL.el("span", { "class": "swatch" }); sw.style.background = color(a === "(unknown)" ? null : a);
        legend.appendChild(sw); legend.appendChild(document.createTextNode(" " + a + "  "));
      });
      tl.appendChild(legend);
      var table = WL.el("table", { "class": "incidents" });
      table.appendChild(WL.el("caption", {}, "Killed per week by perpetrator"));
      var head = WL.el("tr"); ["Week of", "Perpetrator", "Incidents", "Killed"].forEach(function (h) {
        head.appendChild(WL.el("th", { scope: "col" }, h)); });
      table.appendChild(head);
      rows.forEach(function (r) {
        var tr = WL.el("tr");
        [r.period, r.actor1 || "(unknown)", r.incidents, r.killed].forEach(function (v) { tr.appendChild(WL.el("td", {}, v)); });
        table.appendChild(tr);
      });
      document.getElementById("timeline-table").appendChild(table);
    }).catch(function (e) { tl.textContent = "The timeline could not load: " + e.message; });
})();
