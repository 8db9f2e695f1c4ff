// The audit trail page: the rows GET /api/audit gives for the form's analyst, day, action and incident (the trail
// needs the analyst's token, so the page asks for it with the token and draws the rows here).  A correction's
// "Undo" takes the correction back out (POST /api/audit/SEQ/undo): the field is no longer corrected, its value the one
// under the correction; refused when the field was corrected again since (another analyst's newer value stays).
"use strict";
(function () {
  var form = document.getElementById("audit-form");
  var body = document.querySelector("#audit-table tbody");
  var msg = document.getElementById("audit-msg");
  if (!form || !body) { return; }
  var words = WL.valueWords;   // a missing value is "empty", as in the 409s and the incident page
  function nextDay(day) {
    var t = Date.parse(day + "T00:00:00Z") + 24 * 3600 * 1000;
    return new Date(t).toISOString().slice(0, 10);
  }
  function query() {
    var p = new URLSearchParams();
    ["who", "action", "incident_id"].forEach(function (k) {
      var v = form.elements[k].value.trim(); if (v) { p.set(k, v); }
    });
    var day = form.elements["day"].value.trim();
    if (day) { p.set("since", day); p.set("until", nextDay(day)); }
    p.set("limit", "1000");
    return p.toString();
  }
  function undo(row, btn) {
    btn.disabled = true;
    // a new correction that takes #SEQ back out: the field is no longer corrected (the machine's value, or an
    // earlier correction's); refused (409) when the field was corrected again since
    WL.api("POST", "/api/audit/" + row.seq + "/undo", { reason: "undo #" + row.seq + (row.reason ? " (" + row.reason + ")" : "") })
      .then(function (line) {
              var back = row.field.split(".").reduce(function (o, k) { return o ? o[k] : undefined; }, line);
              var still = (line.reviewed_fields || []).indexOf(row.field) >= 0;
              WL.announce("Undone: " + row.field + " of " + row.incident_id + " is " + words(back) +
                          (still ? " again (an earlier correction)." : " again, the machine's value (no longer corrected)."), msg);
              load(); },
            function (err) { btn.disabled = false; WL.announce(WL.notSaved(err), msg); });
  }
  function draw(items) {
    body.textContent = "";
    var undone = {};
    items.forEach(function (r) {
      var m = r.data && r.data.reverts !== undefined ? [null, String(r.data.reverts)] : /^undo #(\d+)/.exec(r.reason || "");
      if (m) { undone[m[1]] = r.seq; }
    });
    items.forEach(function (r) {
      var tr = WL.el("tr", { "data-seq": r.seq, "data-action": r.action });
      tr.appendChild(WL.el("td", {}, r.seq));
      tr.appendChild(WL.el("td", {}, r.at));
      tr.appendChild(WL.el("td", {}, r.who));
      tr.appendChild(WL.el("td", {}, r.action));
      var cell = WL.el("td", {});
      if (r.incident_id) {
        cell.appendChild(WL.el("a", { href: "/incidents/" + encodeURIComponent(r.incident_id) }, r.incident_id));
      }
      tr.appendChild(cell);
      tr.appendChild(WL.el("td", {}, r.field || ""));
      tr.appendChild(WL.el("td", { "class": "from" }, r.action === "correct" ? words(r.old_value) : ""));
      tr.appendChild(WL.el("td", { "class": "to" }, r.action === "correct" ? words(r.new_value) : ""));
      tr.appendChild(WL.el("td", { dir: "auto" }, r.reason || ""));
      var act = WL.el("td", {});
      if (r.action === "correct" && undone[String(r.seq)]) {
        act.textContent = "undone by #" + undone[String(r.seq)];
      } else if (r.action === "correct" && r.incident_id && r.field) {
        var btn = WL.el("button", { type: "button", "class": "undo-correction",
                                    "aria-label": "Undo #" + r.seq + ": " + r.field + " back to " + words(r.old_value) },
                        "Undo");
        btn.addEventListener("click", function () { undo(r, btn); });
        act.appendChild(btn);
      }
      tr.appendChild(act);
      body.appendChild(tr);
    });
  }
  function load() {
    if (msg.hasAttribute("data-error")) { return; }   // the day cannot be read: the page says so above
    if (!WL.token()) { WL.announce("The audit trail needs a token: enter yours in the Token box at the top.", msg); return; }
    WL.api("GET", "/api/audit?" + query()).then(function (res) {
      draw(res.items);
      WL.announce(res.items.length + " change" + (res.items.length === 1 ? "" : "s") + " found (newest first).", msg);
    }, function (err) { WL.announce("Not shown: " + err.message, msg); });
  }
  load();
}());
