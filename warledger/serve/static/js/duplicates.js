// The possible duplicates queue, by keyboard: j/k move between pairs, m merge, n not the same.  Another analyst's
// merge, correction or "not the same" of a pair's incident since the list was drawn is told on the pair (asked when
// the page comes back into view and every 30 s, GET /api/changes?pairs=true); an answer to such a pair is not sent.
"use strict";
(function () {
  var box = document.getElementById("pairs");
  if (!box) { return; }
  var msg = document.getElementById("dup-msg");
  function pairs() { return Array.prototype.slice.call(box.querySelectorAll("section.pair")); }
  function reason() { var r = document.getElementById("dup-reason"); return r && r.value.trim() ? r.value.trim() : null; }
  // words, then (for a merge) a link to the merged incident, whose history has the button that undoes it
  function answered(pair, words, incident) {
    pair.setAttribute("data-done", "1");
    var state = pair.querySelector(".pair-state");
    state.textContent = words;
    if (incident) {
      var link = document.createElement("a");
      link.href = "/incidents/" + encodeURIComponent(incident);
      link.className = "merged-link";
      link.textContent = "open " + incident + " (its history undoes the merge)";
      state.appendChild(document.createTextNode(" "));
      state.appendChild(link);
    }
    pair.querySelectorAll("button[data-action]").forEach(function (b) { b.disabled = true; });
    WL.announce(words, msg);
    var list = pairs(); var next = list[list.indexOf(pair) + 1];
    if (next) { next.focus(); }
  }
  function label(pair) { return (pair.getAttribute("aria-label") || "").replace(/:.*/, ""); }
  function stale(pair, words) {   // words for an answer refused because the pair changed after the list was drawn
    var say = "Not saved: " + label(pair) + " changed after this list was drawn: " + words +
      ". Reload this list of pairs to see it as it is now, then answer it again if it still stands.";
    pair.querySelector(".pair-state").textContent = say;
    WL.announce(say, msg);
  }
  function act(pair, action) {
    if (pair.hasAttribute("data-done")) { return; }
    if (pair.hasAttribute("data-changed")) {   // told on the pair already: not sent (it would be refused or undone)
      var say = "Not sent: " + label(pair) + " changed after this list was drawn: " + pair.getAttribute("data-changed") +
        ". Reload this list of pairs to see it as it is now.";
      WL.announce(say, msg);
      pair.querySelector(".pair-state").textContent = say;
      return;
    }
    var a = pair.getAttribute("data-a"), b = pair.getAttribute("data-b");
    var seen = {};
    seen[a] = parseInt(pair.getAttribute("data-va") || "0", 10);
    seen[b] = parseInt(pair.getAttribute("data-vb") || "0", 10);
    var url = action === "merge" ? "/api/incidents/merge" : "/api/duplicates/apart";
    WL.api("POST", url, { incident_ids: [a, b], reason: reason(), base_versions: seen })
      .then(function (res) {
        if (action === "merge") { answered(pair, "Merged into " + res.incident_id + ".", res.incident_id); }
        else { answered(pair, (res.already ? "Already kept apart as not the same by an earlier answer (decision " :
                                "Kept apart as not the same (decision ") + res.decision + ")."); }
      }, function (err) {
        var data = err.data || {};
        // the 409's "reload the incident" and the 400's "undo it from the history" are the incident page's words
        if (err.status === 409 && data.said) { stale(pair, data.said); return; }
        if (err.status === 400 && data.kept_apart) { stale(pair, data.kept_apart.said); return; }
        var words = WL.notSaved(err);
        pair.querySelector(".pair-state").textContent = words;
        WL.announce(words, msg);
      });
  }
  function checkNewer() {
    if (document.hidden) { return; }
    var seen = {};
    pairs().forEach(function (p) {
      if (p.hasAttribute("data-done")) { return; }
      seen[p.getAttribute("data-a")] = p.getAttribute("data-va") || "0";
      seen[p.getAttribute("data-b")] = p.getAttribute("data-vb") || "0";
    });
    var list = Object.keys(seen).map(function (iid) { return iid + ":" + seen[iid]; });
    if (!list.length) { return; }
    WL.api("GET", "/api/changes?" + new URLSearchParams({ seen: list.join(","), pairs: "true" }).toString()).then(function (res) {
      pairs().forEach(function (p) {
        if (p.hasAttribute("data-done")) { return; }
        var said = [], writes = {};   // one write on both incidents (a merge, a "not the same") is told once
        [p.getAttribute("data-a"), p.getAttribute("data-b")].forEach(function (iid) {
          ((res.changed || {})[iid] || { changes: [] }).changes.forEach(function (c) {
            var write = [c.who, c.action, c.field || "", c.at].join(" ");
            if (!writes[write]) { writes[write] = 1; said.push(iid + ": " + c.said); }   // "it" is that incident
          });
        });
        if (!said.length) { return; }
        var words = said.slice(-2).join("; then ") + (said.length > 2 ? " (" + (said.length - 2) + " earlier too)" : "");
        p.setAttribute("data-changed", words);
        p.querySelector(".pair-state").textContent = "Changed since this list was drawn: " + words + ". Reload to see it.";
      });
    }, function () { /* offline or the server restarting: asked again later */ });
  }
  window.addEventListener("focus", checkNewer);
  document.addEventListener("visibilitychange", checkNewer);
  window.setInterval(checkNewer, 30000);
  box.addEventListener("click", function (ev) {
    var btn = ev.target.closest("button[data-action]");
    if (btn) { act(btn.closest("section.pair"), btn.getAttribute("data-action")); }
  });
  box.addEventListener("keydown", function (ev) {
    var pair = ev.target.closest ? ev.target.closest("section.pair") : null;
    if (!pair || ev.target.tagName === "BUTTON" || ev.target.tagName === "A" || ev.target.tagName === "INPUT") { return; }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var list = pairs(); var i = list.indexOf(pair);
    if (ev.key === "j") { if (list[i + 1]) { list[i + 1].focus(); } ev.preventDefault(); }
    else if (ev.key === "k") { if (list[i - 1]) { list[i - 1].focus(); } ev.preventDefault(); }
    else if (ev.key === "m") { act(pair, "merge"); ev.preventDefault(); }
    else if (ev.key === "n") { act(pair, "apart"); ev.preventDefault(); }
  });
  var first = pairs()[0];
  if (first) { first.focus(); }
})();
