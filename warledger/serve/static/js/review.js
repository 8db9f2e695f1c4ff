// The review queue, by keyboard: j/k or arrows move, a accept, r reject, o or Enter open.
"use strict";
(function () {
  var table = document.getElementById("queue");
  if (!table) { return; }
  var msg = document.getElementById("queue-msg");
  function rows() { return Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-incident]")); }
  function act(row, action) {
    var id = row.getAttribute("data-incident");
    WL.api("POST", "/api/incidents/" + encodeURIComponent(id) + "/review", { action: action, reason: "review queue" })
      .then(function (inc) {
        var pill = row.querySelector("td.state-cell .state");
        pill.textContent = inc.review_state;
        pill.className = "state state-" + inc.review_state;
        row.setAttribute("data-done", "1");
        WL.announce((action === "accept" ? "Accepted " : "Rejected ") + (row.getAttribute("aria-label") || id) + ".", msg);
        var list = rows(); var next = list[list.indexOf(row) + 1];
        if (next) { next.focus(); }
      }, function (err) {
        WL.announce(WL.notSaved(err), msg);
      });
  }
  table.addEventListener("click", function (ev) {
    var btn = ev.target.closest("button[data-action]");
    if (btn) { act(btn.closest("tr"), btn.getAttribute("data-action")); }
  });
  table.addEventListener("keydown", function (ev) {
    var row = ev.target.closest ? ev.target.closest("tr[data-incident]") : null;
    if (!row || ev.target.tagName === "BUTTON" && (ev.key === "Enter" || ev.key === " ")) { return; }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var list = rows(); var i = list.indexOf(row);
    if (ev.key === "j" || ev.key === "ArrowDown") { if (list[i + 1]) { list[i + 1].focus(); } ev.preventDefault(); }
    else if (ev.key === "k" || ev.key === "ArrowUp") { if (list[i - 1]) { list[i - 1].focus(); } ev.preventDefault(); }
    else if (ev.key === "a") { act(row, "accept"); ev.preventDefault(); }
    else if (ev.key === "r") { act(row, "reject"); ev.preventDefault(); }
    else if (ev.key === "o" || ev.key === "Enter") {
      window.location.href = "/incidents/" + encodeURIComponent(row.getAttribute("data-incident"));
      ev.preventDefault();
    }
  });
  var first = rows()[0];
  if (first) { first.focus(); }
})();
