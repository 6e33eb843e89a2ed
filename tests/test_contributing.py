"""CONTRIBUTING.md stays true: its paths exist, its commands run, its registry is complete."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEXT = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")

#: Folders that builds and runs create; the recipe names them but a fresh clone lacks them.
GENERATED = ("runs/", "book/outputs/", "_build/", ".venv/")

#: The actions of ``python -m sagin_lib.rerun``.
RERUN_ACTIONS = {"list", "params", "check", "run"}

_PATH_ENDINGS = (".py", ".md", ".yml", ".yaml", ".csv", ".json", ".ipynb", ".bib", ".toml", ".cff")


def _code_spans(text: str) -> list[str]:
    """Inline code spans and the lines of fenced code blocks."""
    fenced = re.findall(r"^```[^\n]*\n(.*?)^```", text, flags=re.M | re.S)
    outside = re.sub(r"^```[^\n]*\n.*?^```", "", text, flags=re.M | re.S)
    spans = re.findall(r"`([^`\n]+)`", outside)
    return spans + [line for block in fenced for line in block.splitlines()]


def _paths(text: str) -> list[str]:
    """Backticked words that name a file or folder of the repository (not templates)."""
    found = []
    for span in re.findall(r"`([^`\n]+)`", text):
        if " " in span or "<" in span or ":" in span:
            continue
        if "/" in span or span.endswith(_PATH_ENDINGS):
            found.append(span)
    return found


def _section(title: str) -> str:
    match = re.search(rf"^#+ {re.escape(title)}\n(.*?)(?=^#+ |\Z)", TEXT, flags=re.M | re.S)
    assert match, title
    return match.group(1)


def _make_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w.-]*)\s*:(?!=)", makefile, flags=re.M))


def test_the_recipe_names_enough_paths_to_be_checked() -> None:
    paths = _paths(TEXT)
    assert len(paths) > 30
    assert "sagin_lib/study/spec.py" in paths
    assert "tests/verdicts/constellations.json" in paths


@pytest.mark.parametrize("path", sorted(set(_paths(TEXT))))
def test_every_path_in_the_recipe_exists(path: str) -> None:
    if path.startswith(GENERATED):
        pytest.skip("created by a build or a run")
    assert (ROOT / path).exists(), path


def test_every_make_target_in_the_recipe_exists() -> None:
    named = {
        match
        for span in _code_spans(TEXT)
        for match in re.findall(r"(?:^|\s)make ([A-Za-z][\w-]*)", span)
    }
    assert {"test", "test-fast", "book", "bench"} <= named
    missing = named - _make_targets()
    assert not missing, sorted(missing)


def test_every_rerun_action_in_the_recipe_exists() -> None:
    from sagin_lib.study.rerun import _parser

    named = {
        match
        for span in _code_spans(TEXT)
        for match in re.findall(r"-m sagin_lib\.rerun (\w+)", span)
    }
    assert named == RERUN_ACTIONS
    (subcommands,) = (
        action for action in _parser()._actions if isinstance(action, argparse._SubParsersAction)
    )
    assert named <= set(subcommands.choices)


def _registration_places() -> list[str]:
    section = _section("Where a chapter is registered")
    return re.findall(r"^- `([^`]+)`", section, flags=re.M)


def test_the_registration_places_cover_the_chapter_registries() -> None:
    places = _registration_places()
    assert len(places) >= 8
    for required in ("sagin_lib/study/__init__.py", "_toc.yml"):
        assert required in places


@pytest.mark.parametrize("place", _registration_places())
def test_every_registration_place_names_the_worked_example(place: str) -> None:
    path = ROOT / place
    assert path.is_file(), place
    assert "constellations" in path.read_text(encoding="utf-8"), place


def test_the_registries_the_recipe_names_hold_every_chapter() -> None:
    from sagin_lib.study import CHAPTERS
    from sagin_lib.study.ledger import LEDGER_CHAPTERS

    assert "constellations" in CHAPTERS
    assert LEDGER_CHAPTERS == CHAPTERS
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    for chapter in CHAPTERS:
        assert f"book/{chapter}" in toc, chapter
        assert (ROOT / "tests" / "verdicts" / f"{chapter}.json").is_file(), chapter
