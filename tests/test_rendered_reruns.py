"""A second run of every chapter gives the built book's data byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sagin_lib.study import CHAPTERS, chapter_spec

from .conftest import execute_notebook
from .test_rendered_book import _outputs

pytestmark = pytest.mark.slow


#: This file takes the first half of the chapters, test_rendered_reruns_more.py the
#: rest, so that the two workers share the reruns.
HALF = (len(CHAPTERS) + 1) // 2


@pytest.mark.parametrize("chapter", CHAPTERS[:HALF])
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
