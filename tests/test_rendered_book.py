"""The built book, checked as a reader gets it.

0. The book builds with warnings as errors (every notebook executed), with
   every page, and the coverage page shows its figures with their downloads.
1. Every image, download, stylesheet, script and internal link of every page
   points to a file that exists, and every ``#anchor`` of an internal link
   exists in its target page.
2. Key pages load in headless Chromium (Debian's package, installed by
   ``make browser-deps``): every figure loads and the book's own resources
   raise no console error. Requests to other hosts (MathJax's CDN) are
   recorded but not failed, since the test machine is offline.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pandas as pd
import pytest

from sagin_lib.study import CHAPTERS, chapter_spec

from .conftest import execute_notebook

# Everything that needs the built book lives in this one module: `make test` builds
# the book first and its tests spread over the workers; without a built book, one
# worker builds a copy and runs them all (see conftest.py).
pytestmark = pytest.mark.slow

KEY_PAGES = ["book/intro.html", "book/model.html", "book/coverage.html", "book/reproduce.html"]
OPTIONAL_PAGES = [
    "book/sampling.html",
    "book/validation.html",
    "book/platforms.html",
    "book/scaling.html",
]


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if a.get("name") and tag == "a":
            self.ids.add(a["name"])
        for key in ("src", "href"):
            value = a.get(key)
            if value and not (tag == "link" and a.get("rel") in ("canonical", "preconnect")):
                self.refs.append((tag, value))


def _parse(path: Path) -> _Refs:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc) or url.startswith(("mailto:", "javascript:", "data:"))


def test_book_builds_without_warnings(built_book: Path) -> None:
    assert (built_book / "index.html").exists()
    for page in (
        "book/intro",
        "book/model",
        "book/parameters",
        "book/coverage",
        "book/sampling",
        "book/validation",
        "book/platforms",
        "book/constellations",
        "book/scaling",
        "book/reproduce",
        "book/api/index",
        "book/api/model",
        "book/api/study",
        "book/references",
    ):
        assert (built_book / f"{page}.html").exists(), page


def test_library_reference_documents_the_public_api_and_every_module(built_book: Path) -> None:
    import pkgutil

    import sagin_lib

    # One page per layer of the package; together they document every module.
    ids: set[str] = set()
    for page in sorted((built_book / "book" / "api").glob("*.html")):
        ids |= _parse(page).ids
    modules = [
        info.name
        for info in pkgutil.walk_packages(sagin_lib.__path__, "sagin_lib.")
        if not any(part.startswith("_") for part in info.name.split("."))
        and info.name != "sagin_lib.rerun"
        and not info.ispkg
    ]
    assert len(modules) > 20
    missing_modules = [m for m in modules if f"module-{m}" not in ids]
    assert not missing_modules, missing_modules
    missing = []
    for name in sagin_lib.__all__:
        if name == "__version__":
            continue
        obj = getattr(sagin_lib, name)
        module = getattr(obj, "__module__", None)
        if module is None or not callable(obj):
            # Constants: documented under the module that defines them.
            candidates = [f"{m}.{name}" for m in modules]
        else:
            candidates = [f"{module}.{name}"]
        if not any(c in ids for c in candidates):
            missing.append(name)
    assert not missing, missing


def test_coverage_page_shows_figures_and_downloads(built_book: Path) -> None:
    html = (built_book / "book" / "coverage.html").read_text(encoding="utf-8")
    for figure_id in (
        "coverage-uplink-frequency",
        "coverage-downlink-elevation",
        "coverage-altitude",
    ):
        for ext in ("png", "svg", "csv", "json"):
            assert f"{figure_id}.{ext}" in html, (figure_id, ext)
    assert html.count("<img") >= 5
    model = (built_book / "book" / "model.html").read_text(encoding="utf-8")
    for label in ("Lemma", "Proposition", "Theorem", "Corollary"):
        assert label in model


def test_every_reference_and_anchor_resolves(built_book: Path) -> None:
    # Theme templates under _static are not pages.
    pages = sorted(
        p for p in built_book.rglob("*.html") if "_static" not in p.relative_to(built_book).parts
    )
    parsed = {page: _parse(page) for page in pages}
    missing, bad_anchors, checked = [], [], 0
    for page, refs in parsed.items():
        if page.name in ("genindex.html", "search.html"):
            continue
        for tag, url in refs.refs:
            if _is_external(url):
                continue
            parts = urlsplit(url)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            checked += 1
            if not target.exists():
                missing.append(f"{page.relative_to(built_book)}: <{tag}> {url}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if parts.fragment not in ids:
                    bad_anchors.append(f"{page.relative_to(built_book)}: {url}")
    assert checked > 100
    assert not missing, "missing targets:\n" + "\n".join(missing[:30])
    assert not bad_anchors, "broken anchors:\n" + "\n".join(bad_anchors[:30])


def _chapter_pages(built_book: Path) -> list[Path]:
    return [built_book / "book" / f"{chapter}.html" for chapter in CHAPTERS]


def test_every_figure_has_a_permalink_and_one_line_of_links(built_book: Path) -> None:
    for page in _chapter_pages(built_book):
        html = page.read_text(encoding="utf-8")
        figures = re.findall(r'<figure class="sagin-figure" id="fig-([a-z0-9-]+)">', html)
        assert figures, page.name
        for figure_id in figures:
            block = html[html.index(f'id="fig-{figure_id}"') :]
            block = block[: block.index("</figure>")]
            assert f'href="#fig-{figure_id}"' in block, figure_id
            for ext in ("png", "csv", "svg", "json"):
                assert f"{figure_id}.{ext}" in block, (figure_id, ext)
            # One line of links; the citation and the command fold.
            assert block.count('<details class="sagin-figure-tail">') == 1, figure_id
            assert "<em>Cite:</em>" in block and "<em>Regenerate:</em>" in block, figure_id
        assert len(set(figures)) == len(figures), f"{page.name}: a figure is shown twice"


def test_pages_show_no_object_reprs_raw_tables_or_truncated_cells(built_book: Path) -> None:
    pages = sorted(p for p in (built_book / "book").rglob("*.html") if "_static" not in p.parts)
    problems = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for token in ("SavedFigure(", "SavedClaims(", "SavedTable(", "PosixPath(", "<pandas."):
            if token in html:
                problems.append(f"{page.name}: {token}")
        if 'class="dataframe' in html:
            problems.append(f"{page.name}: a DataFrame shown raw (not through format_table)")
        cells = re.findall(r"<td[^>]*>(.*?)</td>", html, flags=re.S)
        if any(c.strip() in ("...", "…", "NaN", "nan") for c in cells):
            problems.append(f"{page.name}: a table cell shows '...' or NaN")
    assert not problems, "\n".join(problems)


_LOST = re.compile(r"\blost\b", re.IGNORECASE)


def test_what_the_source_text_lost_is_said_once_per_page(built_book: Path) -> None:
    problems = []
    for page in sorted((built_book / "book").rglob("*.html")):
        if "_static" in page.parts:
            continue
        html = page.read_text(encoding="utf-8")
        main = html[html.find("<main") : html.find("</main>")]
        admonitions = main.count("sagin-lost")
        outside = _LOST.findall(re.sub(
            r'<div class="[^"]*\bsagin-lost\b[^"]*">.*?</div>', "", main, flags=re.S
        ))  # fmt: skip
        if admonitions > 1:
            problems.append(f"{page.name}: {admonitions} 'lost' admonitions")
        if outside:
            problems.append(f"{page.name}: 'lost' {len(outside)} times outside the admonition")
    assert not problems, "\n".join(problems)


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


@pytest.mark.browser
def test_key_pages_render_in_chromium(built_book: Path, served_book: str) -> None:
    chromium = _require_chromium()
    from playwright.sync_api import sync_playwright

    pages = KEY_PAGES + [p for p in OPTIONAL_PAGES if (built_book / p).exists()]
    problems: list[str] = []
    offline: set[str] = set()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=_CHROMIUM_ARGS)
        try:
            for name in pages:
                page = browser.new_page()
                local_failures: list[str] = []

                def on_console(msg, name=name, sink=local_failures) -> None:
                    if msg.type == "error":
                        location = msg.location.get("url", "") if msg.location else ""
                        if (
                            location
                            and _is_external(location)
                            and not location.startswith(served_book)
                        ):
                            offline.add(location)
                        elif "the server responded with a status of" in msg.text:
                            pass  # on_response reports it with its URL (favicon excepted)
                        elif (
                            "net::ERR_NAME_NOT_RESOLVED" in msg.text
                            or "ERR_INTERNET_DISCONNECTED" in msg.text
                        ):
                            offline.add(msg.text)
                        else:
                            sink.append(f"{name}: console error: {msg.text}")

                def on_failed(request, name=name, sink=local_failures) -> None:
                    if request.url.startswith(served_book):
                        sink.append(f"{name}: failed request {request.url}")
                    else:
                        offline.add(request.url)

                page.on("console", on_console)
                page.on(
                    "pageerror",
                    lambda exc, name=name, sink=local_failures: sink.append(
                        f"{name}: page error {exc}"
                    ),
                )
                page.on("requestfailed", on_failed)

                def on_response(response, name=name, sink=local_failures) -> None:
                    # Browsers ask for /favicon.ico on their own; the book has none.
                    if response.status >= 400 and not response.url.endswith("/favicon.ico"):
                        sink.append(f"{name}: HTTP {response.status} for {response.url}")

                page.on("response", on_response)
                page.goto(f"{served_book}/{name}", wait_until="load", timeout=60_000)
                broken = page.evaluate(
                    """() => Array.from(document.images)
                         .filter(img => !(img.complete && img.naturalWidth > 0))
                         .map(img => img.getAttribute('src'))"""
                )
                n_images = page.evaluate("() => document.images.length")
                if name == "book/model.html":
                    # MathJax (served locally) typesets asynchronously.
                    page.wait_for_selector("mjx-container", timeout=30_000)
                    n_math = page.evaluate(
                        "() => document.querySelectorAll('mjx-container').length"
                    )
                    if n_math < 20:
                        local_failures.append(f"{name}: only {n_math} formulas typeset")
                if "coverage" in name and n_images < 5:
                    local_failures.append(f"{name}: only {n_images} images")
                problems += local_failures + [
                    f"{name}: image did not load: {src}" for src in broken
                ]
                page.close()
        finally:
            browser.close()
    assert not problems, "\n".join(problems)


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


@pytest.mark.browser
def test_pages_fit_a_phone_and_claims_stay_compact(built_book: Path, served_book: str) -> None:
    chromium = _require_chromium()
    from playwright.sync_api import sync_playwright

    pages = sorted(
        str(p.relative_to(built_book))
        for p in (built_book / "book").rglob("*.html")
        if "_static" not in p.parts
    )
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=_CHROMIUM_ARGS)
        try:
            for width, height in ((1400, 900), (390, 844)):
                context = browser.new_context(viewport={"width": width, "height": height})
                for name in pages:
                    page = context.new_page()
                    page.goto(f"{served_book}/{name}", wait_until="load", timeout=60_000)
                    m = page.evaluate(_MEASURE)
                    page.close()
                    if m["scroll"] > 0:
                        problems.append(
                            f"{name} at {width} px scrolls sideways by {m['scroll']} px"
                        )
                    if width == 390 and m["badgeRight"] > m["width"]:
                        problems.append(f"{name} at 390 px: a verdict badge is off screen")
                    if width == 1400:
                        tall = [h for h in m["tables"] if h > CLAIMS_TABLE_LIMIT_PX]
                        if tall:
                            problems.append(f"{name}: claims table {max(tall):.0f} px tall")
                        chapter = Path(name).stem
                        limit = (
                            SPLIT_PAGE_HEIGHT_LIMIT_PX
                            if chapter in SPLIT_PAGES
                            else PAGE_HEIGHT_LIMIT_PX
                        )
                        if (
                            name == f"book/{chapter}.html"
                            and chapter in CHAPTERS
                            and m["height"] > limit
                        ):
                            problems.append(f"{name}: {m['height']} px tall at 1400 px")
                context.close()
        finally:
            browser.close()
    assert not problems, "\n".join(problems)


def test_the_sampling_page_is_light_and_loads_plotly_once(built_book: Path) -> None:
    html = (built_book / "book" / "sampling.html").read_text(encoding="utf-8")
    assert len(html.encode("utf-8")) <= 1_500_000
    assert html.count("plotly.min.js") == 1 and "plotly-graph-div" in html
    assert (built_book / "_static" / "plotly.min.js").exists()
    # Pages without a Plotly figure do not load the library.
    assert "plotly.min.js" not in (built_book / "book" / "coverage.html").read_text("utf-8")


def _outputs(built_book: Path, chapter: str) -> Path:
    """Where the book build wrote a chapter's default figures, data and claims."""
    return built_book.parent.parent / "book" / "outputs" / chapter


VERDICTS = Path(__file__).resolve().parent / "verdicts"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_claims_at_the_defaults_have_their_pinned_verdicts(built_book: Path, chapter: str) -> None:
    claims = pd.read_csv(_outputs(built_book, chapter) / f"{chapter}-claims.csv")
    assert len(claims) >= 3
    assert claims["claim_id"].str.startswith(f"{chapter}-").all()
    assert set(claims["kind"]) <= {"source", "check"}
    expected = json.loads((VERDICTS / f"{chapter}.json").read_text(encoding="utf-8"))
    got = dict(zip(claims["claim_id"], claims["verdict"], strict=True))
    assert got == expected
    html = (built_book / "book" / f"{chapter}.html").read_text(encoding="utf-8")
    for claim_id in claims["claim_id"]:
        assert f'id="claim-{claim_id}"' in html, claim_id
    assert "Of the source statements checked here" in html or (claims["kind"] == "check").all()


def test_the_refuted_source_statements_read_fails(built_book: Path) -> None:
    frames = [
        pd.read_csv(_outputs(built_book, chapter) / f"{chapter}-claims.csv") for chapter in CHAPTERS
    ]
    claims = pd.concat(frames, ignore_index=True)
    source = claims[claims["kind"] == "source"]
    assert (source["verdict"] == "fails").sum() >= 8
    # A statement is what is checked; the study's finding is in the evidence.
    assert not claims["statement"].str.match(r"(?i)\s*the study finds").any()


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_figure_passes_the_layout_check_at_the_defaults(
    built_book: Path, chapter: str
) -> None:
    out = _outputs(built_book, chapter)
    reports = {
        path.stem: meta["layout_check"]
        for path in sorted(out.glob("*.json"))
        if "layout_check" in (meta := json.loads(path.read_text(encoding="utf-8")))
    }
    assert reports
    bad = {k: r["problems"] for k, r in reports.items() if r["problems"]}
    assert not bad, bad
    assert min(r["min_text_px"] for r in reports.values()) >= 10.0


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_code_cells_are_folded_except_the_parameters(built_book: Path, chapter: str) -> None:
    html = (built_book / "book" / f"{chapter}.html").read_text(encoding="utf-8")
    cells = html.count('class="cell_input')
    assert html.count('class="cell tag_parameters') == 1
    assert html.count('<details class="admonition hide above-input"') == cells - 1


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_second_run_gives_byte_identical_data(
    built_book: Path, chapter: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    execute_notebook(chapter, {"output_dir": str(out)}, tmp_path)
    first = _outputs(built_book, chapter)
    csvs = sorted(p.name for p in first.glob("*.csv"))
    assert csvs and csvs == sorted(p.name for p in out.glob("*.csv"))
    for name in csvs:
        assert (first / name).read_bytes() == (out / name).read_bytes(), f"{chapter}/{name}"
    # Each figure's metadata records exactly the chapter's declared parameters.
    declared = set(chapter_spec(chapter).names)
    for meta_path in out.glob("*.json"):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        assert set(meta["parameters"]) == declared, meta_path.name
        assert meta["chapter"] == chapter


# --------------------------------------------------------------------------- the fidelity ledger


def test_fidelity_page_shows_the_counts_and_every_statement(built_book: Path) -> None:
    from sagin_lib.study.ledger import LEDGER_SOURCES, ledger_counts, load_fidelity_ledger

    ledger = load_fidelity_ledger()
    html = (built_book / "book" / "fidelity.html").read_text(encoding="utf-8")
    assert 'id="fidelity"' in html
    assert html.count('class="sagin-ledger-row') == len(ledger)
    assert (
        html.count('class="sagin-ledger-section"') == ledger.groupby(["source", "section"]).ngroups
    )
    counts = ledger_counts(ledger)
    for source in LEDGER_SOURCES:
        assert f'<th class="sagin-num">{source}</th>' in html
    assert f'<td class="sagin-num">{counts.loc["total", "both"]}</td>' in html


def test_every_ledger_link_resolves_in_the_built_book(built_book: Path) -> None:
    from sagin_lib.study.ledger import load_fidelity_ledger, where_refs

    refs = where_refs(load_fidelity_ledger()).drop_duplicates("href")
    ids: dict[str, set[str]] = {}
    unresolved = []
    for ref in refs.itertuples():
        page = built_book / "book" / f"{ref.page}.html"
        if not page.exists():
            unresolved.append(f"{ref.entry}: no page {page.name}")
            continue
        if ref.page not in ids:
            ids[ref.page] = _parse(page).ids
        if ref.anchor not in ids[ref.page]:
            unresolved.append(f"{ref.entry}: no id {ref.anchor!r} in {page.name}")
    assert len(refs) > 50
    assert not unresolved, "ledger entries not in the book:\n" + "\n".join(unresolved)


def test_every_claim_of_every_chapter_is_in_the_ledger(built_book: Path) -> None:
    from sagin_lib.study.ledger import load_fidelity_ledger, where_refs

    outputs = _outputs(built_book, "coverage").parent
    # <chapter>/<chapter>-claims.csv only: no figure file ends in -claims.
    files = sorted(
        p for p in outputs.glob("*/*-claims.csv") if p.name == f"{p.parent.name}-claims.csv"
    )
    assert {p.parent.name for p in files} >= set(CHAPTERS)
    strays = [p.name for p in outputs.glob("*/*-claims.*") if p.stem != f"{p.parent.name}-claims"]
    assert not strays, f"figures named like a chapter's claims: {strays}"
    refs = where_refs(load_fidelity_ledger())
    in_ledger = set(refs.loc[refs["kind"] == "claim", "target"])
    missing = [
        f"{p.parent.name}: {claim_id}"
        for p in files
        for claim_id in pd.read_csv(p)["claim_id"]
        if claim_id not in in_ledger
    ]
    assert not missing, "claims missing from the fidelity ledger:\n" + "\n".join(missing)
