"""Every chapter is deterministic: two runs with the same parameters give byte-identical data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sagin_lib import rerun

from .conftest import execute_notebook

pytestmark = pytest.mark.slow

# Byte-identity does not depend on the population size; the scaling chapter's
# default 10^8 users run in nbval and in the book build, here 3 million (three
# chunks, two workers) keep the doubled run short.
LIGHTER = {"scaling": {"n_users": 3_000_000}}


@pytest.mark.parametrize("chapter", rerun.chapters())
def test_two_runs_give_identical_data(chapter: str, tmp_path: Path) -> None:
    outputs = []
    for run in ("first", "second"):
        out = tmp_path / run / "out"
        params = {**LIGHTER.get(chapter, {}), "output_dir": str(out)}
        execute_notebook(chapter, params, out.parent.parent / run)
        outputs.append(out)
    first, second = outputs
    csvs = sorted(p.name for p in first.glob("*.csv"))
    assert csvs, f"{chapter} saved no data files"
    assert csvs == sorted(p.name for p in second.glob("*.csv"))
    for name in csvs:
        assert (first / name).read_bytes() == (second / name).read_bytes(), (
            f"{chapter}/{name} differs"
        )

    # Each figure's metadata records exactly the chapter's declared parameters.
    declared = set(rerun.chapter_parameters(chapter))
    for meta_path in first.glob("*.json"):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        assert set(meta["parameters"]) == declared, meta_path.name
        assert meta["chapter"] == chapter
        assert (
            meta["data"]["sha256"]
            == json.loads((second / meta_path.name).read_text())["data"]["sha256"]
        )
