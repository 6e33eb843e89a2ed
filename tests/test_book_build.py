"""The book builds with warnings as errors, every notebook executed."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_book_builds_without_warnings(built_book: Path) -> None:
    assert (built_book / "index.html").exists()
    for page in ("book/intro", "book/model", "book/parameters", "book/coverage", "book/references"):
        assert (built_book / f"{page}.html").exists(), page


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
