"""sagin_lib.study.sources: the two sources named the same in claims, bibliography and citation."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from sagin_lib.study.sources import COVERAGE_PAPER, SURVEY

ROOT = Path(__file__).resolve().parent.parent


def _bib_entry(path: Path, key: str) -> str:
    text = path.read_text(encoding="utf-8")
    start = text.index("{" + key + ",")
    return text[start : text.index("\n}", start)]


def test_the_coverage_paper_is_named_by_its_four_authors_everywhere() -> None:
    entry = _bib_entry(ROOT / "book" / "bib" / "study.bib", "wang2024unified")
    authors = re.search(r"author\s*=\s*\{(.*)\}", entry).group(1)
    surnames = [a.split(",")[0].strip() for a in authors.split(" and ")]
    assert surnames == ["Liu", "Fu", "Wang", "Dai"]
    assert "year         = {2025}" in entry
    for surname in surnames:
        assert surname in COVERAGE_PAPER
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    paper = next(r for r in cff["references"] if r["title"].startswith("Unified Network"))
    assert [a["family-names"] for a in paper["authors"]] == surnames and paper["year"] == 2025


def test_the_survey_is_named_by_its_first_author_and_year() -> None:
    entry = _bib_entry(ROOT / "book" / "bib" / "platforms.bib", "plt-survey")
    assert entry.count("Liu, Xinhua") == 1 and "2025" in entry
    assert "X. Liu" in SURVEY and "2025" in SURVEY


def test_no_page_or_module_misnames_the_coverage_paper() -> None:
    files = [*ROOT.joinpath("book").rglob("*.md"), *ROOT.joinpath("book").rglob("*.ipynb")]
    files += [*ROOT.joinpath("sagin_lib").rglob("*.py"), *ROOT.joinpath("sagin_lib").rglob("*.csv")]
    wrong = [
        str(f.relative_to(ROOT))
        for f in files
        if "outputs" not in f.parts and "Wang et al" in f.read_text(encoding="utf-8")
    ]
    assert not wrong, wrong
