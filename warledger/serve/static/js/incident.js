// The incident page: review buttons, the correction form, merge and split. Reloads to show the new state.
"use strict";
(function () {
  var article = document.querySelector("article.incident");
  if (!article) { return; }
  var id = article.getAttribute("data-incident");
  var base = "/api/incidents/" + encodeURIComponent(id);
  // the version this page shows: a write sends it, and the server refuses it (409, saying who changed
  // what since) when another analyst has changed the incident meanwhile, instead of overwriting them
  var version = parseInt(article.getAttribute("data-version") || "0", 10);

  // The value box's text -> the value the API takes, by the grammar of `warledger correct`: a count is a
  // whole number or low-best-high (blank or ? for an unknown bound); empty clears the value.  Anything
  // else is refused here: Number("abc") is NaN, which JSON sends as null, and would clear the value.
  var WHOLE = /^\d+$/;
  function wholeOrNone(p) {
    if (p === "" || p === "?") { return null; }
    if (!WHOLE.test(p)) { throw new Error("'" + p + "' is not a whole number"); }
    return parseInt(p, 10);
  }
  function parseValue(field, raw) {
    raw = raw.trim();
    if (raw === "") { return null; }
    var counts = field === "strikes" || field.indexOf("killed.") === 0 || field.indexOf("injured.") === 0;
    if (counts) {
      var parts = raw.split(/\s*[-\u2013]\s*/);
      if (parts.length === 3) {
        try { parts = parts.map(wholeOrNone); } catch (e) {
          throw new Error(field + ": write low-best-high as whole numbers, e.g. 6-7-9 (" + e.message + ")");
        }
        return { low: parts[0], best: parts[1], high: parts[2] };
      }
      if (!WHOLE.test(raw)) {
        throw new Error(field + ": '" + raw + "' is not a count: write a whole number (7) or low-best-high (6-7-9)");
      }
      return parseInt(raw, 10);
    }
    if (["geo_precision", "time_precision", "fatalities"].indexOf(field) >= 0) {
      if (!WHOLE.test(raw)) { throw new Error(field + ": '" + raw + "' is not a whole number"); }
      return parseInt(raw, 10);
    }
    if (field === "latitude" || field === "longitude") {
      var x = Number(raw);
      if (!/^[-+]?\d+(\.\d+)?$/.test(raw) || !isFinite(x)) {
        throw new Error(field + ": '" + raw + "' is not a number: write decimal degrees, e.g. 35.61");
      }
      return x;
    }
    return raw;
  }
  function done(msgEl) {
    return function () { WL.announce("Saved.", msgEl); window.location.reload(); };
  }
  function failed(msgEl) {
    return function (err) {
      WL.announce(WL.notSaved(err), msgEl);
      var into = err.data && err.data.merged_into;
      if (into && msgEl) {   // merged away by another analyst meanwhile: the incident it went into, one click away
        msgEl.appendChild(document.createTextNode(" "));
        msgEl.appendChild(WL.el("a", { id: "merged-into", href: "/incidents/" + encodeURIComponent(into) },
                                "Open " + into + ", the incident it is now part of"));
      }
    };
  }
  document.querySelectorAll(".review-btn").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var msg = document.getElementById("action-msg");
      WL.api("POST", base + "/review", { action: btn.getAttribute("data-action"), reason: null,
                                               base_version: version })
        .then(done(msg), failed(msg));
    });
  });
  var form = document.getElementById("correct-form");
  // One idempotency key per correction: Save pressed again for the same field, value and reason (after a dropped
  // connection) sends the same key, so the server makes the correction at most once and says whether it had.
  var FLASH = "wl-saved-" + id;
  var pending = null;
  function keyFor(body) {
    var sig = JSON.stringify([body.field, body.value, body.reason]);
    if (!pending || pending.sig !== sig) {
      var bytes = new Uint8Array(12);
      window.crypto.getRandomValues(bytes);
      pending = { sig: sig, tries: 0, key: Array.prototype.map.call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2); }).join("") };
    }
    pending.tries += 1;
    return pending.key;
  }
  if (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var msg = document.getElementById("correct-msg");
      var field = form.elements["field"].value;
      var value;
      try { value = parseValue(field, form.elements["value"].value); } catch (err) {
        WL.announce("Not saved: " + err.message, msg);
        form.elements["value"].focus();
        return;
      }
      var body = { field: field, value: value, reason: form.elements["reason"].value, base_version: version };
      body.key = keyFor(body);
      WL.api("PATCH", base, body).then(function (line) {
        var said = line.repeat_of ? "Saved once: your first try had reached the server (correction #" + line.repeat_of +
          "); the retry changed nothing." : (pending.tries > 1 ? "Saved: your first try had not reached the server; " +
          "this one did." : "Saved.");
        pending = null;
        try { sessionStorage.setItem(FLASH, said); } catch (e) { /* private mode */ }
        WL.announce(said, msg); window.location.reload();
      }, function (err) {
        // refused because someone changed the field (409) or merged the incident away (404 naming where it went):
        // the typed correction is kept for the page that shows the newer state, this one reloaded or the other
        if (err.status === 409) { document.getElementById("reload-keep").hidden = false; }
        if (err.data && err.data.merged_into) { keepDraft(err.data.merged_into); }
        if (err.status) { pending = null; failed(msg)(err); return; }
        WL.announce("Not known whether it was saved: the connection dropped before the server answered. Press " +
                    "Save again: the same correction is applied at most once, and this line will say which.", msg);
      });
    });
    document.getElementById("reload-keep").addEventListener("click", function () { keepDraft(id); window.location.reload(); });
    try {   // what the last save said, kept across the reload that shows the new state
      var flash = sessionStorage.getItem(FLASH);
      if (flash) { sessionStorage.removeItem(FLASH); WL.announce(flash, document.getElementById("correct-msg")); }
    } catch (e) { /* private mode */ }
  }
  // A correction typed and not saved outlives the reload that shows another analyst's change (the 409's "Reload,
  // keeping my correction", the banner's "Reload to see it"): kept in this tab's sessionStorage under the incident it
  // is for, put back in the form when that incident's page is drawn, beside the value the field holds now.
  var DRAFT = "wl-draft-";
  function keepDraft(target) {
    if (!form) { return; }
    var d = { field: form.elements["field"].value, value: form.elements["value"].value,
              reason: form.elements["reason"].value };
    if (!d.value.trim() && !d.reason.trim()) { return; }
    try { sessionStorage.setItem(DRAFT + target, JSON.stringify(d)); } catch (e) { /* private mode */ }
  }
  function restoreDraft() {
    var d = null;
    try { d = JSON.parse(sessionStorage.getItem(DRAFT + id) || "null"); sessionStorage.removeItem(DRAFT + id); } catch (e) { d = null; }
    if (!form || !d || !d.field) { return; }
    form.elements["field"].value = d.field;
    form.elements["value"].value = d.value || "";
    form.elements["reason"].value = d.reason || "";
    var cell = document.querySelector('#values tr[data-field="' + d.field + '"] td.value');
    var now = cell ? cell.textContent.replace(/\s+/g, " ").trim() : "";
    WL.announce("Your correction of " + d.field + " to " + WL.valueWords(d.value) + " is back in the form, not saved: " +
                d.field + " now holds " + (now || "no value") + ". Save it if it still stands.",
                document.getElementById("correct-msg"));
    form.elements["value"].focus();
  }
  restoreDraft();
  // Another analyst's change since this page was drawn, told before a write is refused for it: asked when the page
  // comes back into view (the analyst returns to this tab or window) and every 30 s while it is in view.
  var newer = document.getElementById("newer");
  function checkNewer() {
    if (!newer || document.hidden) { return; }
    WL.api("GET", base + "/changes?since=" + version).then(function (res) {
      if (!res.changes || !res.changes.length) { return; }
      var said = res.changes.map(function (c) { return c.said; });
      var words = document.getElementById("newer-words");
      words.textContent = "Changed since you opened this page (version " + version + "): " +
        said.slice(-3).join("; then ") + (said.length > 3 ? " (" + (said.length - 3) + " earlier changes too)" : "") +
        ". Reload to see it: a write from this page that depends on it is refused.";
      newer.hidden = false;
    }, function () { /* offline or the server restarting: asked again later */ });
  }
  if (newer) {
    window.addEventListener("focus", checkNewer);
    document.addEventListener("visibilitychange", checkNewer);
    window.setInterval(checkNewer, 30000);
    document.getElementById("newer-reload").addEventListener("click", function () { keepDraft(id); window.location.reload(); });
  }
  // "this holds" beside a report's figure: the correction form gets the field, the figure and a reason naming the
  // report, and the focus (Enter saves it: the correction answers the reports' W-REPORTS-DISAGREE on that field)
  document.querySelectorAll("button.use-figure").forEach(function (btn) {
    btn.addEventListener("click", function () {
      if (!form) { return; }
      form.elements["field"].value = btn.getAttribute("data-field");
      form.elements["value"].value = btn.getAttribute("data-value");
      form.elements["reason"].value = "report " + btn.getAttribute("data-report") + "'s figure holds";
      form.elements["reason"].focus();
    });
  });
  // "Copy the citation": the page's citation text to the clipboard in one step (selected in its box when the
  // browser refuses the clipboard, so Ctrl+C copies it)
  var cite = document.getElementById("copy-citation");
  if (cite) {
    cite.addEventListener("click", function () {
      var box = document.getElementById("citation"), msg = document.getElementById("cite-msg");
      function selected() { box.focus(); box.select(); WL.announce("Selected: press Ctrl+C to copy it.", msg); }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(box.value).then(function () { WL.announce("Copied.", msg); }, selected);
      } else { selected(); }
    });
  }
  // The place picker: the gazetteer searched by name (GET /api/places); each candidate shows its kind,
  // admin units and country; the one picked is set as one grouped correction (POST .../place).
  var search = document.getElementById("place-search");
  var pick = document.getElementById("place-pick");
  if (search && pick) {
    var results = document.getElementById("place-results");
    var placeMsg = document.getElementById("place-msg");
    search.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var params = new URLSearchParams({ q: search.elements["q"].value.trim() });
      var country = search.elements["country"].value.trim();
      if (country) { params.set("country", country); }
      results.textContent = "";
      WL.api("GET", "/api/places?" + params.toString()).then(function (res) {
        res.items.forEach(function (c, n) {
          var li = WL.el("li", { "class": "candidate" });
          var radio = WL.el("input", { type: "radio", name: "place", id: "pc-" + n, value: c.id,
                                       "data-name": c.name });
          var label = WL.el("label", { "for": "pc-" + n });
          label.appendChild(WL.el("strong", { dir: "auto" }, c.name));
          var where = [c.admin2, c.admin1, c.country].filter(function (x) { return x; }).join(", ");
          label.appendChild(document.createTextNode(" · " + c.kind + (where ? " · " + where : "") +
            " · " + c.latitude + ", " + c.longitude + " · precision " + c.geo_precision));
          li.appendChild(radio); li.appendChild(label); results.appendChild(li);
        });
        WL.announce(res.items.length ? res.items.length + " of " + res.total + " places found: pick one." :
                    "No place of that name in the gazetteer (" + res.countries.join(", ") + ").", placeMsg);
        // the keyboard goes to the first candidate (not picked: Space picks it, the arrows another): three Tabs
        // (country, search button) took it there before
        var first = results.querySelector("input[name=place]");
        if (first) { first.focus(); }
      }, function (err) { WL.announce("Search failed: " + err.message, placeMsg); });
    });
    pick.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var chosen = pick.querySelector("input[name=place]:checked");
      if (!chosen) { WL.announce("Not saved: search, then pick a place.", placeMsg); return; }
      var body = { place: chosen.value, name: chosen.getAttribute("data-name"),
                   reason: pick.elements["reason"].value, base_version: version };
      body.key = keyFor({ field: "place", value: body.place, reason: body.reason });
      WL.api("POST", base + "/place", body).then(function (line) { pending = null; done(placeMsg)(line); },
        function (err) { if (err.status) { pending = null; } failed(placeMsg)(err); });
    });
  }
  document.querySelectorAll("button.undo-group").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var msg = document.getElementById("place-msg");
      WL.api("POST", base + "/undo", { group: btn.getAttribute("data-group"), reason: "undo",
                                       base_version: version })
        .then(done(msg), failed(msg));
    });
  });
  // The actor type-ahead: for actor1/actor2/assoc_actor_*, the value box offers ACLED names (GET /api/actors,
  // with this incident's country and date); an associates box completes its last name after "; ".
  var valueBox = document.getElementById("c-value");
  var names = document.getElementById("actor-names");
  var asked = 0;
  function actorField(f) { return f === "actor1" || f === "actor2" || f.indexOf("assoc_actor_") === 0; }
  if (form && valueBox && names) {
    valueBox.addEventListener("input", function () {
      var field = form.elements["field"].value;
      if (!actorField(field)) { names.textContent = ""; return; }
      var text = valueBox.value;
      var cut = field.indexOf("assoc_") === 0 ? text.lastIndexOf(";") + 1 : 0;
      var head = cut ? text.slice(0, cut).replace(/\s*$/, " ") : "";
      var q = text.slice(cut).trim();
      if (q.length < 2) { return; }
      var mine = ++asked;
      WL.api("GET", "/api/actors?" + new URLSearchParams({ q: q, incident: id, limit: "15" }).toString())
        .then(function (res) {
          if (mine !== asked) { return; }   // a later keystroke's answer wins
          names.textContent = "";
          res.items.forEach(function (a) { names.appendChild(WL.el("option", { value: head + a.name })); });
        }, function () { names.textContent = ""; });
    });
  }
  var merge = document.getElementById("merge-form");
  // a candidate's button fills the merge form with its id; the analyst still gives a reason and merges
  document.querySelectorAll("button.use-candidate").forEach(function (btn) {
    btn.addEventListener("click", function () {
      merge.elements["other"].value = btn.getAttribute("data-other");
      merge.elements["reason"].focus();
      WL.announce("Give a reason, then Merge.", document.getElementById("dedup-msg"));
    });
  });
  if (merge) {
    merge.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var msg = document.getElementById("dedup-msg");
      var seen = {}; seen[id] = version;
      WL.api("POST", "/api/incidents/merge", { incident_ids: [id, merge.elements["other"].value.trim()],
                                               reason: merge.elements["reason"].value, base_versions: seen })
        .then(done(msg), failed(msg));
    });
  }
  // "Undo this merge" on a merge in the history: the records that merge brought in go back out together
  document.querySelectorAll("button.undo-merge").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var msg = document.getElementById("dedup-msg");
      var ids = btn.getAttribute("data-records").split(" ");
      WL.api("POST", "/api/incidents/split", { incident_id: id, record_ids: ids, reason: "undo a merge",
                                                base_version: version })
        .then(function (res) { window.location.href = "/incidents/" + encodeURIComponent(res.new_incident.incident_id); },
              failed(msg));
    });
  });
  // "Undo 'not the same'" on an answer of the duplicates queue: the two may be listed and merged again
  document.querySelectorAll("button.undo-apart").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var msg = document.getElementById("dedup-msg");
      WL.api("POST", "/api/duplicates/undo", { decision: parseInt(btn.getAttribute("data-decision"), 10),
                                                reason: "undo not the same" })
        .then(function () { window.location.reload(); }, failed(msg));
    });
  });
  var split = document.getElementById("split-form");
  if (split) {
    split.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var msg = document.getElementById("dedup-msg");
      var ids = Array.prototype.map.call(split.querySelectorAll("input[name=record]:checked"), function (c) { return c.value; });
      WL.api("POST", "/api/incidents/split", { incident_id: id, record_ids: ids, reason: split.elements["reason"].value,
                                                base_version: version })
        .then(function (res) { window.location.href = "/incidents/" + encodeURIComponent(res.new_incident.incident_id); },
              failed(msg));
    });
  }
})();
