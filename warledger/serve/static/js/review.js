// The review queue, by keyboard: j/k or arrows move, a accept, r reject, o or Enter open, x select the row.
// Selected rows are accepted or rejected at once with one reason (POST /api/incidents/review): one audited
// review each, each against the version this page showed; a row changed since is refused by name.
"use strict";
(function () {
  var table = document.getElementById("queue");
  if (!table) { return; }
  var msg = document.getElementById("queue-msg");
  function rows() { return Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-incident]")); }
  function act(row, action) {
    var id = row.getAttribute("data-incident");
    // an incident another analyst was handed: say so before acting on it (a stale review is refused anyway)
    var holder = row.getAttribute("data-held-by");
    if (holder && row.getAttribute("data-mine") !== "1" && !window.confirm(holder + " has this incident open. " + action + " it anyway?")) { return; }
    // the next row has the focus at once, not when the server has answered: a second key pressed before the answer
    // acted on this row again, with the version it had before (refused as stale, 409); a row waiting takes no key
    if (row.getAttribute("data-pending") === "1") { return; }
    if (row.hasAttribute("data-changed")) {   // another analyst's change, told on the row: not sent (it would be refused)
      WL.announce("Not sent: the row '" + (row.getAttribute("aria-label") || id) + "' changed since this page was drawn: " +
                  row.getAttribute("data-changed") + ". Reload the queue to see it as it is now.", msg);
      return;
    }
    row.setAttribute("data-pending", "1");
    row.removeAttribute("data-refused");
    var after = rows()[rows().indexOf(row) + 1];
    if (after) { after.focus(); }
    WL.api("POST", "/api/incidents/" + encodeURIComponent(id) + "/review", { action: action, reason: "review queue",
      base_version: parseInt(row.getAttribute("data-version") || "0", 10) })
      .then(function (inc) {
        var pill = row.querySelector("td.state-cell .state");
        pill.textContent = inc.review_state;
        pill.className = "state state-" + inc.review_state;
        row.setAttribute("data-done", "1");
        row.setAttribute("data-version", String(inc.version));
        row.removeAttribute("data-pending");
        WL.announce((action === "accept" ? "Accepted " : "Rejected ") + (row.getAttribute("aria-label") || id) + ".", msg);
      }, function (err) {
        row.removeAttribute("data-pending");
        row.setAttribute("data-refused", "1");
        WL.announce(WL.notSaved(err) + " (" + (row.getAttribute("aria-label") || id) + ")", msg);
      });
  }
  table.addEventListener("click", function (ev) {
    var btn = ev.target.closest("button[data-action]");
    if (btn) { act(btn.closest("tr"), btn.getAttribute("data-action")); }
  });
  var toggle = bulkReview(table, rows, msg);
  table.addEventListener("keydown", function (ev) {
    var row = ev.target.closest ? ev.target.closest("tr[data-incident]") : null;
    if (!row || ev.target.tagName === "BUTTON" && (ev.key === "Enter" || ev.key === " ")) { return; }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var list = rows(); var i = list.indexOf(row);
    if (ev.key === "j" || ev.key === "ArrowDown") { if (list[i + 1]) { list[i + 1].focus(); } ev.preventDefault(); }
    else if (ev.key === "k" || ev.key === "ArrowUp") { if (list[i - 1]) { list[i - 1].focus(); } ev.preventDefault(); }
    else if (ev.key === "x") { toggle(row, ev.shiftKey); ev.preventDefault(); }
    else if (ev.key === "a") { act(row, "accept"); ev.preventDefault(); }
    else if (ev.key === "r") { act(row, "reject"); ev.preventDefault(); }
    else if (ev.key === "o" || ev.key === "Enter") {
      window.location.href = "/incidents/" + encodeURIComponent(row.getAttribute("data-incident"));
      ev.preventDefault();
    }
  });
  var next = document.getElementById("take-next");
  if (next) {
    next.addEventListener("click", function () {
      var queue = next.getAttribute("data-queue") || "all";
      var extra = { problems: "has_problems", claims: "claim_failed", places: "low_precision", merged: "merged" }[queue];
      WL.api("POST", "/api/review/next" + (extra ? "?" + extra + "=true" : ""), { skip: [] })
        .then(function (res) {
          if (!res.incident) { WL.announce(res.message, msg); return; }
          window.location.href = "/incidents/" + encodeURIComponent(res.incident.incident_id);
        }, function (err) { WL.announce(WL.notSaved(err), msg); });
    });
  }
  var audit = document.getElementById("audit-csv");
  if (audit) {
    // the trail needs a token, so it is fetched with the Authorization header and saved from memory
    audit.addEventListener("click", function () {
      var headers = { "Accept": "text/csv" };
      if (WL.token()) { headers["Authorization"] = "Bearer " + WL.token(); }
      fetch("/api/audit?format=csv", { headers: headers }).then(function (r) {
        if (!r.ok) { var err = new Error("HTTP " + r.status); err.status = r.status; throw err; }
        return r.blob();
      }).then(function (blob) {
        var a = WL.el("a", { href: URL.createObjectURL(blob), download: "warledger-audit.csv" });
        document.body.appendChild(a); a.click(); a.remove();
        WL.announce("Audit trail saved.", msg);
      }, function (err) { WL.announce(WL.notSaved(err), msg); });
    });
  }
  // an incident the analyst holds himself says "held by you" (the server knows the token's name: /api/whoami)
  if (WL.token() && table.querySelector("tr[data-held-by]")) {
    WL.api("GET", "/api/whoami").then(function (me) {
      if (!me.name) { return; }
      rows().forEach(function (row) {
        var held = row.querySelector(".held");
        if (row.getAttribute("data-held-by") === me.name && held) {
          row.setAttribute("data-mine", "1");
          held.textContent = "held by you until " + held.getAttribute("data-until") + " UTC";
        }
      });
    }, function () { /* an unknown token: the names stay as they are */ });
  }
  // Another analyst's review or correction of a row since this page was drawn, told on the row (its state cell) when
  // the page comes back into view and every 30 s: a key on that row then says so instead of being refused (409)
  function checkNewer() {
    if (document.hidden) { return; }
    var seen = rows().filter(function (r) { return r.getAttribute("data-pending") !== "1"; })
      .map(function (r) { return r.getAttribute("data-incident") + ":" + (r.getAttribute("data-version") || "0"); });
    if (!seen.length) { return; }
    WL.api("GET", "/api/changes?" + new URLSearchParams({ seen: seen.join(",") }).toString()).then(function (res) {
      Object.keys(res.changed || {}).forEach(function (iid) {
        var row = table.querySelector("tr[data-incident='" + CSS.escape(iid) + "']");
        var said = res.changed[iid].changes.map(function (c) { return c.said; });
        if (!row || row.getAttribute("data-pending") === "1") { return; }
        var words = said.slice(-2).join("; then ") + (said.length > 2 ? " (" + (said.length - 2) + " earlier too)" : "");
        row.setAttribute("data-changed", words);
        var note = row.querySelector(".changed") || row.querySelector("td.state-cell").appendChild(WL.el("span", { "class": "changed" }));
        note.textContent = " changed since: " + words;
      });
    }, function () { /* offline or the server restarting: asked again later */ });
  }
  window.addEventListener("focus", checkNewer);
  document.addEventListener("visibilitychange", checkNewer);
  window.setInterval(checkNewer, 30000);
  var first = rows()[0];
  if (first) { first.focus(); }
})();

// ---- selected rows: checkboxes, Shift+click for a range, "select all on this page", x on the focused row
function bulkReview(table, rows, msg) {
  var form = document.getElementById("bulk");
  if (!form) { return function () {}; }
  var all = document.getElementById("select-page"), count = document.getElementById("bulk-count");
  var buttons = form.querySelectorAll("button[data-action]"), last = null;
  function box(row) { return row.querySelector("input.pick"); }
  function picked() { return rows().filter(function (r) { return box(r).checked; }); }
  function refresh() {
    var n = picked().length, total = rows().length;
    count.textContent = n ? n + " row" + (n === 1 ? "" : "s") + " selected" : "No row selected";
    buttons.forEach(function (b) { b.disabled = n === 0; });
    all.checked = n > 0 && n === total;
    all.indeterminate = n > 0 && n < total;
    rows().forEach(function (r) { r.classList.toggle("picked", box(r).checked); });
  }
  function setRange(row, on) {   // from the last row clicked to this one, all set as this one
    var list = rows(), a = list.indexOf(last), b = list.indexOf(row);
    if (a < 0) { box(row).checked = on; return; }
    list.slice(Math.min(a, b), Math.max(a, b) + 1).forEach(function (r) { box(r).checked = on; });
  }
  function toggle(row, range) {
    var on = !box(row).checked;
    if (range) { setRange(row, on); } else { box(row).checked = on; }
    last = row;
    refresh();
  }
  table.addEventListener("click", function (ev) {
    var b = ev.target.closest("input.pick");
    if (!b) { return; }
    var row = b.closest("tr");
    if (ev.shiftKey && last) { setRange(row, b.checked); }
    last = row;
    refresh();
  });
  all.addEventListener("change", function () {
    rows().forEach(function (r) { box(r).checked = all.checked; });
    refresh();
  });
  buttons.forEach(function (b) {
    b.addEventListener("click", function () { send(b.getAttribute("data-action")); });
  });
  function send(action) {
    var list = picked(), versions = {};
    if (!list.length) { return; }
    list.forEach(function (r) { versions[r.getAttribute("data-incident")] = parseInt(r.getAttribute("data-version") || "0", 10); });
    buttons.forEach(function (b) { b.disabled = true; });
    WL.api("POST", "/api/incidents/review", { incident_ids: Object.keys(versions), action: action,
      reason: document.getElementById("bulk-reason").value.trim() || "review queue, selected rows", base_versions: versions })
      .then(function (res) {
        res.done.forEach(function (d) {
          var row = table.querySelector("tr[data-incident='" + CSS.escape(d.incident_id) + "']");
          if (!row) { return; }
          var pill = row.querySelector("td.state-cell .state");
          pill.textContent = d.review_state;
          pill.className = "state state-" + d.review_state;
          row.setAttribute("data-done", "1");
          row.setAttribute("data-version", String(d.version));
          box(row).checked = false;
        });
        res.refused.forEach(function (d) {
          var row = table.querySelector("tr[data-incident='" + CSS.escape(d.incident_id) + "']");
          if (row) { row.setAttribute("data-refused", "1"); }
        });
        refresh();
        WL.announce(res.message, msg);
      }, function (err) { refresh(); WL.announce(WL.notSaved(err), msg); });
  }
  refresh();
  return toggle;
}
