// The incident page: review buttons, the correction form, merge and split. Reloads to show the new state.
"use strict";
(function () {
  var article = document.querySelector("article.incident");
  if (!article) { return; }
  var id = article.getAttribute("data-incident");
  var base = "/api/incidents/" + encodeURIComponent(id);

  function parseValue(field, raw) {
    raw = raw.trim();
    if (raw === "") { return null; }
    var counts = field === "strikes" || field.indexOf("killed.") === 0 || field.indexOf("injured.") === 0;
    if (counts) {
      var parts = raw.split(/\s*[-–]\s*/);
      if (parts.length === 3) {
        var r = parts.map(function (p) { return p === "" || p === "?" ? null : Number(p); });
        return { low: r[0], best: r[1], high: r[2] };
      }
      return Number(raw);
    }
    if (["latitude", "longitude", "geo_precision", "time_precision", "fatalities"].indexOf(field) >= 0) {
      return Number(raw);
    }
    return raw;
  }
  function done(msgEl) {
    return function () { WL.announce("Saved.", msgEl); window.location.reload(); };
  }
  function failed(msgEl) {
    return function (err) {
      WL.announce(WL.notSaved(err), msgEl);
    };
  }
  document.querySelectorAll(".review-btn").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var msg = document.getElementById("action-msg");
      WL.api("POST", base + "/review", { action: btn.getAttribute("data-action"), reason: null })
        .then(done(msg), failed(msg));
    });
  });
  var form = document.getElementById("correct-form");
  if (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var msg = document.getElementById("correct-msg");
      var field = form.elements["field"].value;
      var value = parseValue(field, form.elements["value"].value);
      WL.api("PATCH", base, { field: field, value: value, reason: form.elements["reason"].value })
        .then(done(msg), failed(msg));
    });
  }
  var merge = document.getElementById("merge-form");
  if (merge) {
    merge.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var msg = document.getElementById("dedup-msg");
      WL.api("POST", "/api/incidents/merge", { incident_ids: [id, merge.elements["other"].value.trim()],
                                               reason: merge.elements["reason"].value })
        .then(done(msg), failed(msg));
    });
  }
  var split = document.getElementById("split-form");
  if (split) {
    split.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var msg = document.getElementById("dedup-msg");
      var ids = Array.prototype.map.call(split.querySelectorAll("input[name=record]:checked"), function (c) { return c.value; });
      WL.api("POST", "/api/incidents/split", { incident_id: id, record_ids: ids, reason: split.elements["reason"].value })
        .then(function (res) { window.location.href = "/incidents/" + encodeURIComponent(res.new_incident.incident_id); },
              failed(msg));
    });
  }
})();
