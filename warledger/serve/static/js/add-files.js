// "Add a report", files: each chosen file goes to POST /api/uploads in its own request (the first opens an upload,
// the others join it), then the page polls GET /api/uploads/ID until every file is stored, showing how far it
// is and, per file, what was stored or why it was refused. File names, report words and problems are untrusted:
// they only ever become text nodes.
"use strict";
(function () {
  var form = document.getElementById("add-files");
  if (!form) { return; }
  var msg = document.getElementById("files-msg");
  var section = document.getElementById("upload");
  var list = document.getElementById("upload-files");
  var DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
  var POLL_MS = 700;
  var busy = false;

  function realDay(s) {
    var m = DAY.exec(s);
    if (!m) { return false; }
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
  }
  function kb(n) { return Math.ceil(n / 1000).toLocaleString() + " kB"; }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function seconds(s) {
    if (s === null || s === undefined) { return "?"; }
    return s < 10 ? s.toFixed(1) + " s" : s < 90 ? Math.round(s) + " s" : Math.round(s / 60) + " min";
  }
  function tooBig(file, max) {
    return { name: file.name, state: "refused", why: file.name + " is " + kb(file.size) + ": this server takes files " +
      "of at most " + kb(max) + ". Split it (a .jsonl file between lines) and add the parts, or store it with " +
      "warledger ingest on the server." };
  }

  function send(file, job, published) {
    var q = "name=" + encodeURIComponent(file.name) + (job ? "&job=" + encodeURIComponent(job) : "") +
      (published ? "&published=" + encodeURIComponent(published) : "");
    var headers = { "Accept": "application/json", "Content-Type": "application/octet-stream" };
    if (WL.token()) { headers["Authorization"] = "Bearer " + WL.token(); }
    return fetch("/api/uploads?" + q, { method: "POST", headers: headers, body: file }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) {
          var err = new Error(typeof data.detail === "string" ? data.detail : "HTTP " + r.status);
          err.status = r.status; throw err;
        }
        return data;
      });
    });
  }

  function incidentTable(f) {
    var table = WL.el("table", { "class": "incidents" });
    table.appendChild(WL.el("caption", {}, "Incidents its reports are in" + (f.incidents_total > f.incidents.length ?
      " (the first " + f.incidents.length + " of " + f.incidents_total + ")" : "")));
    var head = WL.el("tr");
    ["Incident", "Date", "Place", "Perpetrator", "Type", "Killed", "New or joined"].forEach(function (h) {
      head.appendChild(WL.el("th", { scope: "col" }, h));
    });
    var thead = WL.el("thead"); thead.appendChild(head); table.appendChild(thead);
    var body = WL.el("tbody");
    f.incidents.forEach(function (inc) {
      var tr = WL.el("tr", { "data-incident": inc.incident_id }), cell = WL.el("td");
      cell.appendChild(WL.el("a", { href: "/incidents/" + encodeURIComponent(inc.incident_id) }, inc.incident_id));
      tr.appendChild(cell);
      [inc.event_date || "undated", inc.location || "(no place)", inc.actor1 || "", inc.sub_event_type || "",
       inc.fatalities === null || inc.fatalities === undefined ? "" : inc.fatalities, inc.status
      ].forEach(function (v) { tr.appendChild(WL.el("td", { dir: "auto" }, v)); });
      body.appendChild(tr);
    });
    table.appendChild(body);
    return table;
  }

  function stored(f, box) {
    var parts = [plural(f.added, "report") + " added"];
    if (f.unchanged) { parts.push(f.unchanged + " already in the ledger (nothing added)"); }
    if (f.conflicts) { parts.push(f.conflicts + " kept as stored: an id already in the ledger with other words"); }
    if (f.failed) { parts.push(f.failed + " could not be read"); }
    box.appendChild(WL.el("p", { "class": "file-summary" }, "Stored: " + parts.join(", ") + "; " +
      plural(f.new_incidents, "new incident") + ", " + f.merged + " joined to incidents already there" +
      (f.aggregates ? ", " + plural(f.aggregates, "aggregate claim") : "") + "."));
    if (f.incidents.length) { box.appendChild(incidentTable(f)); }
    var probs = WL.el("ul", { "class": "problems" });
    f.problems.forEach(function (p) {
      var words = p.example.indexOf(p.code + ":") === 0 ? p.example.slice(p.code.length + 1).trim() : p.example;
      probs.appendChild(WL.el("li", { "data-code": p.code }, p.code + " \u00d7 " + p.count + ", e.g. " + words));
    });
    f.messages.forEach(function (m) { probs.appendChild(WL.el("li", {}, m)); });
    box.appendChild(WL.el("h4", {}, f.problems.length || f.messages.length ? "Problems, by code (one in words)" :
      "No problems"));
    if (f.problems.length || f.messages.length) { box.appendChild(probs); }
  }

  function fileBox(f) {
    var box = WL.el("article", { "class": "upload-file", "data-state": f.state, "data-name": f.name });
    var words = { queued: "waiting", storing: "storing: " + f.done + " of " + f.reports + " reports",
                  done: "done: " + plural(f.reports, "report"), refused: "refused", failed: "failed" }[f.state];
    box.appendChild(WL.el("h3", { dir: "auto" }, f.name + " \u2014 " + words));
    if (f.why) { box.appendChild(WL.el("p", { "class": "error", role: "alert" }, f.why)); }
    if (f.state === "done") { stored(f, box); }
    return box;
  }

  function show(status, local) {
    section.hidden = false;
    var bar = document.getElementById("upload-bar"), words = document.getElementById("upload-progress");
    var total = status ? status.total : 0, done = status ? status.done : 0;
    bar.max = Math.max(1, total); bar.value = done;
    if (!status) {
      words.textContent = "Nothing was sent.";
    } else if (status.state === "done") {
      words.textContent = "Done: " + done + " of " + plural(total, "report") + " stored" +
        (status.seconds ? " in " + seconds(status.seconds) : "") + ".";
    } else {
      words.textContent = done + " of " + plural(total, "report") + " stored" +
        (status.reports_per_second ? " \u00b7 " + status.reports_per_second + " reports a second" : "") +
        (status.eta_seconds !== null ? " \u00b7 about " + seconds(status.eta_seconds) + " left" : " \u00b7 starting") + ".";
    }
    list.textContent = "";
    local.forEach(function (item) {
      list.appendChild(fileBox(item.server !== undefined ? status.files[item.server] : item.refused));
    });
  }

  function poll(job, local) {
    WL.api("GET", "/api/uploads/" + encodeURIComponent(job)).then(function (status) {
      show(status, local);
      if (status.state !== "done") { window.setTimeout(function () { poll(job, local); }, POLL_MS); return; }
      busy = false;
      WL.announce("All files are done.", msg);
    }, function (err) { busy = false; WL.announce("Cannot say how the files are doing: " + err.message, msg); });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    if (busy) { WL.announce("Wait: the files added before are still being sent.", msg); return; }
    var files = Array.prototype.slice.call(form.elements["files"].files);
    var published = form.elements["published"].value.trim();
    var max = parseInt(form.getAttribute("data-max-body"), 10);
    if (!files.length) { WL.announce("Not added: choose one or more files first.", msg); return; }
    if (published !== "" && !realDay(published)) {
      WL.announce("Not added: published date '" + published + "' is not a date: write YYYY-MM-DD, or leave it empty.", msg);
      return;
    }
    busy = true;
    var local = [], job = null, last = null, n = 0;
    WL.announce("Sending " + plural(files.length, "file") + "\u2026", msg);
    var chain = Promise.resolve();
    files.forEach(function (file) {
      chain = chain.then(function () {
        if (file.size > max) { local.push({ refused: tooBig(file, max) }); return; }
        return send(file, job, published).then(function (status) {
          job = status.job_id; last = status; local.push({ server: n }); n += 1;
        }, function (err) {
          if (err.status === 413) { local.push({ refused: tooBig(file, max) }); return; }
          throw err;
        });
      });
    });
    chain.then(function () {
      if (job) { WL.announce("Sent; storing\u2026", msg); show(last, local); poll(job, local); return; }
      busy = false; show(null, local); WL.announce("No file was sent.", msg);
    }, function (err) {
      busy = false;
      WL.announce(WL.notSaved(err).replace(/^Not saved/, "Not added"), msg);
      if (job) { poll(job, local); }
    });
  });
})();
