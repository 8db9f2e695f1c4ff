// "Add a report": one pasted report goes to POST /api/reports/one; what was stored is shown with text nodes
// only (the report's words and what was read from them are untrusted: never parsed as HTML).
"use strict";
(function () {
  var form = document.getElementById("add-report");
  if (!form) { return; }
  var msg = document.getElementById("add-msg");
  var DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
  function realDay(s) {
    var m = DAY.exec(s);
    if (!m) { return false; }
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
  }
  // what is wrong with the form, in words, or null
  function problem(text, published) {
    var maxText = parseInt(form.getAttribute("data-max-text"), 10);
    var maxBody = parseInt(form.getAttribute("data-max-body"), 10);
    if (text.trim() === "") { return "the report's text is empty: paste the report's words."; }
    if (text.length > maxText || new Blob([text]).size > maxBody - 4096) {
      return "the report is too large for this server (at most " + maxText.toLocaleString() +
        " characters and " + maxBody.toLocaleString() + " bytes): add it in parts.";
    }
    if (published !== "" && !realDay(published)) {
      return "published date '" + published + "' is not a date: write YYYY-MM-DD (e.g. 2021-03-14), or leave it empty.";
    }
    return null;
  }
  function show(res) {
    var section = document.getElementById("added");
    var body = document.querySelector("#added-incidents tbody");
    var probs = document.getElementById("added-problems");
    body.textContent = ""; probs.textContent = "";
    var summary = document.getElementById("added-summary");
    summary.textContent = res.added ? "Added as " : "Already in the ledger as ";
    summary.appendChild(WL.el("a", { id: "added-report", href: "/reports/" + encodeURIComponent(res.report_id) }, res.report_id));
    summary.appendChild(document.createTextNode(": " + res.incidents.length + " incident" +
      (res.incidents.length === 1 ? "" : "s") +
      (res.aggregates ? ", " + res.aggregates + " aggregate claim" + (res.aggregates === 1 ? "" : "s") : "") +
      " (the report's page shows each value beside its words)."));
    res.incidents.forEach(function (inc) {
      var tr = WL.el("tr", { "data-incident": inc.incident_id });
      var cell = WL.el("td");
      cell.appendChild(WL.el("a", { href: "/incidents/" + encodeURIComponent(inc.incident_id) }, inc.incident_id));
      tr.appendChild(cell);
      [inc.event_date || "undated", inc.location || "(no place)", inc.actor1 || "", inc.sub_event_type || "",
       inc.fatalities === null || inc.fatalities === undefined ? "" : inc.fatalities,
       inc.merged ? "merged with " + (inc.reports - 1) + " other report" + (inc.reports === 2 ? "" : "s") : "new",
       (inc.problems || []).join("; ")].forEach(function (v) { tr.appendChild(WL.el("td", { dir: "auto" }, v)); });
      body.appendChild(tr);
    });
    if (!res.incidents.length) {
      var none = WL.el("tr"); none.appendChild(WL.el("td", { colspan: "8" }, "No incident was read from this report."));
      body.appendChild(none);
    }
    (res.problems.length ? res.problems : ["none"]).forEach(function (p) { probs.appendChild(WL.el("li", {}, p)); });
    section.hidden = false;
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = form.elements["text"].value;
    var published = form.elements["published"].value.trim();
    var wrong = problem(text, published);
    if (wrong) { WL.announce("Not added: " + wrong, msg); return; }
    var body = { text: text, published: published || null };
    ["source", "url"].forEach(function (k) { var v = form.elements[k].value.trim(); if (v) { body[k] = v; } });
    WL.announce("Reading the report…", msg);
    WL.api("POST", "/api/reports/one", body).then(function (res) {
      WL.announce(res.added ? "Added." : "This report was already in the ledger.", msg);
      show(res);
    }, function (err) {
      if (err.status === 413) { WL.announce("Not added: the report is too large for this server: add it in parts.", msg); return; }
      WL.announce(WL.notSaved(err).replace(/^Not saved/, "Not added"), msg);
    });
  });
})();
