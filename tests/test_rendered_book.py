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

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pandas as pd
import pytest

from sagin_lib.study import CHAPTERS

# The built book: `make test` builds it first (see conftest.py); the browser checks
# are in test_rendered_browser.py, so that the two workers share them, and the second
# run of every chapter is nbval's (see conftest.py, SecondRunItem).
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


def test_the_sampling_page_is_light_and_loads_plotly_once(built_book: Path) -> None:
    html = (built_book / "book" / "sampling.html").read_text(encoding="utf-8")
    assert len(html.encode("utf-8")) <= 1_500_000
    assert html.count("plotly.min.js") == 1 and "plotly-graph-div" in html
    assert (built_book / "_static" / "plotly.min.js").exists()
    # Pages without a Plotly figure do not load the library.
    assert "plotly.min.js" not in (built_book / "book" / "coverage.html").read_text("utf-8")


def _outputs(built_book: Path, chapter: str) -> Path:
    """A chapter's default figures, data and claims as the built book serves them.

    The build copies ``book/outputs/<chapter>`` beside the pages; the copy is read
    (not the source folder, which nbval's second run rewrites meanwhile).
    """
    return built_book / "book" / "outputs" / chapter


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
    if chapter == "coverage":
        # Shown at natural size: no figure wider than the book's column.
        assert max(r["natural_width_px"] for r in reports.values()) <= 740


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_code_cells_are_folded_except_the_parameters(built_book: Path, chapter: str) -> None:
    html = (built_book / "book" / f"{chapter}.html").read_text(encoding="utf-8")
    cells = html.count('class="cell_input')
    assert html.count('class="cell tag_parameters') == 1
    assert html.count('<details class="admonition hide above-input"') == cells - 1


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
