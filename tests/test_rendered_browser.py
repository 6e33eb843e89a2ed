"""The built book in headless Chromium (Debian's package, installed by ``make browser-deps``).

Every page is loaded once: with every figure and no console error from the book's
own resources (requests to other hosts are recorded but not failed: the test
machine may be offline), it fits a phone without sideways scroll, its verdict badges
stay on screen and its claims tables stay compact.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from sagin_lib.study import CHAPTERS

from .test_rendered_book import KEY_PAGES, OPTIONAL_PAGES, _is_external

pytestmark = pytest.mark.slow


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


_CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _require_chromium() -> str:
    chromium = _chromium()
    if chromium is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI: `make browser-deps` should have installed it")
        pytest.skip("chromium is not installed (run `make browser-deps` as root to install it)")
    return chromium


@pytest.fixture(scope="module")
def served_book(built_book: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_book))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


#: Chapter pages at most this tall at 1400 px (CSS px); the platforms pages, split to a
#: readable length, at most the second.
PAGE_HEIGHT_LIMIT_PX = 14_000
SPLIT_PAGE_HEIGHT_LIMIT_PX = 12_500
SPLIT_PAGES = ("platforms", "comparison")
#: A claims table, folded, at most about two screens at 1400 x 900.
CLAIMS_TABLE_LIMIT_PX = 1_900

_MEASURE = """() => {
  const doc = document.documentElement;
  const tables = Array.from(document.querySelectorAll('table.sagin-claims'))
    .map(t => t.getBoundingClientRect().height);
  const badges = Array.from(document.querySelectorAll('table.sagin-claims .sagin-badge'))
    .filter(b => b.offsetParent !== null)
    .map(b => b.getBoundingClientRect().right);
  return {height: doc.scrollHeight, scroll: doc.scrollWidth - doc.clientWidth,
          width: doc.clientWidth, tables: tables, badgeRight: Math.max(0, ...badges)};
}"""


def _desktop_problems(name: str, m: dict) -> list[str]:
    problems = (
        [f"{name} at 1400 px scrolls sideways by {m['scroll']} px"] if m["scroll"] > 0 else []
    )
    tall = [h for h in m["tables"] if h > CLAIMS_TABLE_LIMIT_PX]
    if tall:
        problems.append(f"{name}: claims table {max(tall):.0f} px tall")
    chapter = Path(name).stem
    limit = SPLIT_PAGE_HEIGHT_LIMIT_PX if chapter in SPLIT_PAGES else PAGE_HEIGHT_LIMIT_PX
    if name == f"book/{chapter}.html" and chapter in CHAPTERS and m["height"] > limit:
        problems.append(f"{name}: {m['height']} px tall at 1400 px")
    return problems


def _phone_problems(name: str, m: dict) -> list[str]:
    problems = [f"{name} at 390 px scrolls sideways by {m['scroll']} px"] if m["scroll"] > 0 else []
    if m["badgeRight"] > m["width"]:
        problems.append(f"{name} at 390 px: a verdict badge is off screen")
    return problems


class _PageWatch:
    """What one page reports while it loads: console errors, failed requests, HTTP errors.

    Requests to other hosts (none are expected: MathJax and Plotly are served by the
    book) are recorded apart and not failed, as the test machine may be offline.
    """

    def __init__(self, page, served: str) -> None:
        self.served, self.name = served, ""
        self.problems: list[str] = []
        self.external: set[str] = set()
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"{self.name}: page error {exc}"))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _console(self, msg) -> None:
        if msg.type != "error":
            return
        location = msg.location.get("url", "") if msg.location else ""
        if location and _is_external(location) and not location.startswith(self.served):
            self.external.add(location)
        elif "the server responded with a status of" in msg.text:
            pass  # _response reports it with its URL (favicon excepted)
        elif "net::ERR_NAME_NOT_RESOLVED" in msg.text or "ERR_INTERNET_DISCONNECTED" in msg.text:
            self.external.add(msg.text)
        else:
            self.problems.append(f"{self.name}: console error: {msg.text}")

    def _failed(self, request) -> None:
        if request.url.startswith(self.served):
            self.problems.append(f"{self.name}: failed request {request.url}")
        else:
            self.external.add(request.url)

    def _response(self, response) -> None:
        # Browsers ask for /favicon.ico on their own; the book has none.
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            self.problems.append(f"{self.name}: HTTP {response.status} for {response.url}")


_BROKEN_IMAGES = """() => Array.from(document.images)
  .filter(img => !(img.complete && img.naturalWidth > 0))
  .map(img => img.getAttribute('src'))"""


def _content_problems(name: str, page) -> list[str]:
    problems = [f"{name}: image did not load: {src}" for src in page.evaluate(_BROKEN_IMAGES)]
    if name == "book/model.html":
        # MathJax (served locally) typesets asynchronously.
        page.wait_for_selector("mjx-container", timeout=30_000)
        n_math = page.evaluate("() => document.querySelectorAll('mjx-container').length")
        if n_math < 20:
            problems.append(f"{name}: only {n_math} formulas typeset")
    if name == "book/coverage.html" and page.evaluate("() => document.images.length") < 5:
        problems.append(f"{name}: fewer than 5 images")
    return problems


@pytest.mark.browser
def test_every_page_renders_and_fits_a_phone(built_book: Path, served_book: str) -> None:
    chromium = _require_chromium()
    from playwright.sync_api import sync_playwright

    pages = sorted(
        str(p.relative_to(built_book))
        for p in (built_book / "book").rglob("*.html")
        if "_static" not in p.parts
    )
    assert set(KEY_PAGES + OPTIONAL_PAGES) <= set(pages)
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=_CHROMIUM_ARGS)
        try:
            # Each page is loaded once: checked as it loads, measured on a desktop
            # screen, then narrowed to a phone's width (the theme's layout follows the
            # viewport's media queries).
            page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
            watch = _PageWatch(page, served_book)
            for name in pages:
                watch.name = name
                page.set_viewport_size({"width": 1400, "height": 900})
                page.goto(f"{served_book}/{name}", wait_until="load", timeout=60_000)
                problems += _content_problems(name, page)
                problems += _desktop_problems(name, page.evaluate(_MEASURE))
                page.set_viewport_size({"width": 390, "height": 844})
                problems += _phone_problems(name, page.evaluate(_MEASURE))
        finally:
            browser.close()
    assert not problems + watch.problems, "\n".join(problems + watch.problems)
