// warledger workbench: what every page shares. The token lives in sessionStorage (this tab only).
"use strict";
var WL = (function () {
  function token() { try { return sessionStorage.getItem("wl-token") || ""; } catch (e) { return ""; } }
  // When reading needs a token (the server's read_auth), the token also goes in a cookie, so that pages,
  // their fetches and export links are let in; writes still send it only as the Authorization header.
  function setToken(t) {
    try { sessionStorage.setItem("wl-token", t); } catch (e) { /* private mode */ }
    if (document.body && document.body.hasAttribute("data-read-auth")) {
      document.cookie = "wl_token=" + encodeURIComponent(t) + "; path=/; SameSite=Strict" + (t ? "" : "; max-age=0");
    }
  }
  function announce(msg, el) {
    var target = el || document.getElementById("live");
    if (target) { target.textContent = msg; }
  }
  function api(method, url, body) {
    var headers = { "Accept": "application/json" };
    var t = token();
    if (t) { headers["Authorization"] = "Bearer " + t; }
    var opts = { method: method, headers: headers };
    if (body !== undefined) { headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(body); }
    return fetch(url, opts).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) {
          var msg = (data && data.detail) ? data.detail : ("HTTP " + r.status);
          if (typeof msg !== "string") { msg = JSON.stringify(msg); }
          var err = new Error(msg); err.status = r.status; err.data = data; throw err;
        }
        return data;
      });
    });
  }
  // why a write failed, in words: a missing or wrong token says where to enter one
  function notSaved(err) {
    if (err.status === 401) {
      return "Not saved: this needs a valid token. Enter yours in the Token box at the top " +
        "(warledger token create NAME makes one).";
    }
    return "Not saved: " + err.message;
  }
  // a stored value as an analyst writes it, by the rule of the server's words() (store/team.py) that its 409s and
  // change notices use: 7, 6-7-9 (low-best-high, ? for an unknown bound), text, names with "; " between, and "empty"
  // for nothing, an empty text, list or object
  function valueWords(v) {
    if (v === null || v === undefined || v === "" || (typeof v === "object" && !Object.keys(v).length)) { return "empty"; }
    if (typeof v === "object" && !Array.isArray(v) &&
        Object.keys(v).every(function (k) { return k === "low" || k === "best" || k === "high"; })) {
      var lo = v.low === undefined ? null : v.low, best = v.best === undefined ? null : v.best;
      var hi = v.high === undefined ? null : v.high;
      return lo === best && best === hi ? (best === null ? "empty" : String(best)) :
        [lo, best, hi].map(function (x) { return x === null ? "?" : x; }).join("-");
    }
    if (Array.isArray(v)) {
      return v.map(function (x) { return x === null ? "" : (typeof x === "string" ? x : valueWords(x)); }).join("; ");
    }
    return typeof v === "object" ? JSON.stringify(v) : String(v);
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  // A filter form (GET) leaves out the fields left empty, so the URL holds the filter and nothing else:
  // it is the same query as the page's API link, and short enough to copy.
  function cleanSubmit(form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, key) {
        if (typeof value === "string" && value.trim() !== "") { params.append(key, value.trim()); }
      });
      var query = params.toString();
      window.location.assign((form.getAttribute("action") || window.location.pathname) + (query ? "?" + query : ""));
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.filters[method=get]").forEach(cleanSubmit);
    var form = document.getElementById("token-form");
    var input = document.getElementById("token");
    var state = document.getElementById("token-state");
    if (!form) { return; }
    if (token()) { state.textContent = "token set"; }
    // where the keyboard was before the Token box (a queue's row, a pair): it goes back there once the token is set,
    // so the keys that act on it (a, r, m, n ...) work at once rather than on the Use button
    var back = null;
    form.addEventListener("focusin", function (ev) {
      if (ev.relatedTarget && !form.contains(ev.relatedTarget)) { back = ev.relatedTarget; }
    });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      setToken(input.value.trim());
      input.value = "";
      state.textContent = token() ? "token set" : "no token";
      if (back && document.body.contains(back)) { back.focus(); }
      back = null;
      if (token() && document.querySelector("[data-reload-on-token]")) { window.location.reload(); }
    });
  });
  return { api: api, token: token, setToken: setToken, announce: announce, el: el, notSaved: notSaved,
           valueWords: valueWords };
})();
