"""CITATION.cff agrees with the library's version and the study title used in figure citations."""

from __future__ import annotations

from pathlib import Path

import yaml

import sagin_lib
from sagin_lib.study.provenance import STUDY_AUTHORS, STUDY_TITLE, citation_text, regenerate_command

ROOT = Path(__file__).resolve().parent.parent


def test_citation_file_matches_the_library() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["title"] == STUDY_TITLE
    assert cff["version"] == sagin_lib.__version__
    assert cff["authors"][0]["name"] == STUDY_AUTHORS


def test_figure_citation_and_regeneration_text() -> None:
    git = {"commit": "0123456789abcdef" * 2 + "01234567", "dirty": False}
    text = citation_text("coverage-altitude", "coverage", git)
    assert "figure coverage-altitude (chapter coverage)" in text
    assert "commit 0123456789ab" in text and sagin_lib.__version__ in text
    assert "uncommitted" in citation_text("x", "coverage", {**git, "dirty": True})
    assert "commit unknown" in citation_text("x", "coverage", {"commit": None, "dirty": None})
    command = regenerate_command("coverage-altitude", "coverage", git)
    assert command.startswith("git checkout 0123456789ab && make setup && ")
    assert command.endswith("sagin_lib.rerun run coverage --from-metadata coverage-altitude.json")
