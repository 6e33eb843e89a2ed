"""The book builds with warnings as errors, every notebook executed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """Build a copy of the book into a temporary folder; return its HTML folder."""
    work = tmp_path_factory.mktemp("book")
    for item in ("_config.yml", "_toc.yml", "book", "sagin_lib"):
        src = ROOT / item
        if src.is_dir():
            shutil.copytree(
                src, work / item, ignore=shutil.ignore_patterns("outputs", "__pycache__")
            )
        else:
            shutil.copy2(src, work / item)
    jb = Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run(
        [str(jb), "build", str(work), "--warningiserror", "--keep-going"],
        capture_output=True,
        text=True,
        timeout=1500,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-6000:]
    return work / "_build" / "html"


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
