"""sagin_lib.study.provenance: code version, commit, packages, hashes, and how a figure is cited."""

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


def test_file_hashes_and_the_code_side_of_provenance(tmp_path, monkeypatch) -> None:
    import hashlib

    from sagin_lib.study import provenance

    data = tmp_path / "data.csv"
    data.write_bytes(b"a,b\n1,2\n" * 100_000)
    assert provenance.sha256_file(data) == hashlib.sha256(data.read_bytes()).hexdigest()
    record = provenance.provenance_record()
    assert record["sagin_lib_version"] == sagin_lib.__version__
    assert len(record["git"]["commit"]) == 40 and isinstance(record["git"]["dirty"], bool)
    assert record["packages"]["numpy"] == __import__("numpy").__version__
    # Outside a git checkout (an installed package) the commit is unknown, not an error.
    monkeypatch.setattr(provenance, "_REPO_ROOT", tmp_path)
    assert provenance.git_state() == {"commit": None, "dirty": None}
    assert regenerate_command("f", "coverage", {"commit": None, "dirty": None}).startswith(
        "python -m sagin_lib.rerun run coverage"
    )
