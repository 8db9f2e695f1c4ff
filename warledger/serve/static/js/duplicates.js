// The possible duplicates queue, by keyboard: j/k move between pairs, m merge, n not the same.
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
  function act(pair, action) {
    if (pair.hasAttribute("data-done")) { return; }
    var a = pair.getAttribute("data-a"), b = pair.getAttribute("data-b");
    var seen = {};
    seen[a] = parseInt(pair.getAttribute("data-va") || "0", 10);
    seen[b] = parseInt(pair.getAttribute("data-vb") || "0", 10);
    var url = action === "merge" ? "/api/incidents/merge" : "/api/duplicates/apart";
    WL.api("POST", url, { incident_ids: [a, b], reason: reason(), base_versions: seen })
      .then(function (res) {
        if (action === "merge") { answered(pair, "Merged into " + res.incident_id + ".", res.incident_id); }
        else { answered(pair, "Kept apart as not the same (decision " + res.decision + ")."); }
      }, function (err) {
        var words = WL.notSaved(err);
        var newer = (err.data && err.data.newer) || [];
        if (err.status === 409 && err.data.said && newer.length) {   // the 409's "reload the incident" is not this page's
          words = "Not saved: incident " + newer[0].incident_id + " changed after this list was drawn: " + err.data.said +
            ". Reload this list of pairs to see the pair as it is now, then answer it again if it still stands.";
        }
        pair.querySelector(".pair-state").textContent = words;
        WL.announce(words, msg);
      });
  }
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
