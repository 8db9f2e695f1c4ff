"""Helpers for the browser suite: Debian's Chromium driven by Playwright (never a downloaded browser), a
watched tab that records every request, console error, page error and dialog, and the page checks every
workbench page must pass (labelled controls, a visible keyboard focus).

Without /usr/bin/chromium (or without Playwright) the browser tests skip, except under CI=true, where they
fail: CI installs Debian's chromium in .ci/run, so a missing browser there is a broken build.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Iterator, Optional
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
REPO = Path(__file__).resolve().parents[2]
VIEWPORT = {"width": 1280, "height": 900}
LOCAL_HOST = "127.0.0.1"


def skip_or_fail(why: str) -> None:
    """Skip the browser tests here; under CI=true a missing browser fails the run instead."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{why} (CI=true: the browser tests must run; .ci/run installs Debian's chromium)")
    pytest.skip(why)


def launch() -> Iterator[Any]:
    """One Chromium for a test module (the generator behind a module-scoped fixture)."""
    if not os.path.exists(CHROMIUM):
        skip_or_fail(f"{CHROMIUM} is missing: apt-get install chromium fonts-dejavu-core")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Python Playwright is not installed: pip install '.[test]'")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def screenshot_dir() -> Path:
    """Where the tests save their screenshots: $WARLEDGER_SCREENSHOTS, else test-artifacts/screenshots/."""
    path = Path(os.environ.get("WARLEDGER_SCREENSHOTS") or REPO / "test-artifacts" / "screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


class Tab:
    """A fresh browser context with one page, watched: every request (anything not for 127.0.0.1 is
    recorded and aborted), console errors, uncaught page errors and dialogs (dismissed)."""

    def __init__(self, browser: Any, base_url: str) -> None:
        self.base_url = base_url
        self.context = browser.new_context(viewport=VIEWPORT, base_url=base_url, java_script_enabled=True)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.allowed: list[re.Pattern[str]] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("dialog", self._dialog)

    def _route(self, route: Any) -> None:
        url = route.request.url
        self.requests.append(url)
        if urlsplit(url).hostname == LOCAL_HOST or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def allow(self, pattern: str) -> None:
        """A console error this test expects (e.g. the 401 of a write without a token)."""
        self.allowed.append(re.compile(pattern))

    def goto(self, path: str) -> Any:
        response = self.page.goto(path)
        assert response is not None and response.ok, f"{path}: {response.status if response else 'no response'}"
        self.page.wait_for_load_state("load")
        return response

    def off_site(self) -> list[str]:
        """Every request that went (or tried to go) anywhere but 127.0.0.1."""
        out = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob"):
                continue
            if parts.scheme not in ("http", "https") or parts.hostname != LOCAL_HOST:
                out.append(url)
        return out

    def use_token(self, token: str) -> None:
        """Type the API token into the workbench's Token box and press Use (what an analyst does before writing)."""
        self.page.get_by_label("Token").fill(token)
        self.page.get_by_role("button", name="Use").click()

    def unexpected_errors(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in self.allowed)]

    def check_clean(self) -> None:
        assert self.requests, "no request was recorded: the request watch is not working"
        assert self.off_site() == [], f"requests left {LOCAL_HOST}: {self.off_site()}"
        assert self.unexpected_errors() == [], "\n".join(self.unexpected_errors())
        assert self.dialogs == [], self.dialogs

    def close(self) -> None:
        self.context.close()

    def screenshot(self, name: str, selector: Optional[str] = None) -> Path:
        path = screenshot_dir() / f"{name}.png"
        target = self.page.locator(selector) if selector else self.page
        kw: dict[str, Any] = {"path": str(path), "animations": "disabled"}
        if selector is None:
            kw["full_page"] = True
        target.screenshot(**kw)
        assert path.stat().st_size > 5000, f"{path} is suspiciously small"
        return path


UNLABELLED_JS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('input, select, textarea, button')) {
    if (el.type === 'hidden') continue;
    const named = (el.labels && Array.from(el.labels).some(l => l.textContent.trim()))
      || (el.getAttribute('aria-label') || '').trim() || el.getAttribute('aria-labelledby')
      || (el.tagName === 'BUTTON' && el.textContent.trim());
    if (!named) out.push(el.outerHTML.slice(0, 120));
  }
  return out;
}"""

FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow && s.boxShadow !== 'none');
  const r = el.getBoundingClientRect();
  return {tag: el.tagName, id: el.id, text: (el.textContent || el.value || '').trim().slice(0, 40),
          ring: ring, outline: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor,
          visible: r.width > 0 && r.height > 0};
}"""


def open_tab(browser: Any, url: str) -> Iterator[Tab]:
    """A fresh browser context (empty sessionStorage: no token) on ``url``, whose requests, console and
    dialogs are checked when the test ends (the body of each module's ``tab`` fixture)."""
    t = Tab(browser, url)
    try:
        yield t
        t.check_clean()
    finally:
        t.close()


def unlabelled_controls(page: Any) -> list[str]:
    """Form controls with no accessible name (no label, aria-label or aria-labelledby; buttons: no text)."""
    return list(page.evaluate(UNLABELLED_JS))


def focus_stops(page: Any, presses: int = 10) -> list[dict[str, Any]]:
    """Press Tab from the top of the page and record, for each stop, what is focused and whether it shows a
    focus ring (an outline of 2 px or more, or a box shadow)."""
    page.evaluate("() => { if (document.activeElement) document.activeElement.blur(); window.scrollTo(0, 0); }")
    stops = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_JS)
        if info is not None:
            stops.append(info)
    return stops
