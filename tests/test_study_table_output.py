"""sagin_lib.study.table_output: tables published as data (CSV and JSON) and shown formatted."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from sagin_lib.study.table_output import save_table


def test_saved_table_writes_raw_csv_and_provenance_and_shows_formatted(tmp_path: Path) -> None:
    data = pd.DataFrame({"quantity": ["mass", "speed"], "value_kg": [70.0, 1.2345678]})
    saved = save_table(
        data,
        table_id="demo-assumptions",
        output_dir=tmp_path / "run-7",
        parameters={"seed": 1},
        title="Assumptions",
        chapter="demo",
    )
    assert pd.read_csv(saved.csv).equals(data)  # the raw values, not the formatted ones
    meta = json.loads(saved.json.read_text())
    assert meta["chapter"] == "demo" and meta["title"] == "Assumptions"
    assert meta["data"]["sha256"] == hashlib.sha256(saved.csv.read_bytes()).hexdigest()
    html = saved._repr_html_()
    assert 'id="table-demo-assumptions"' in html and "demo-assumptions.csv" in html
    assert (
        "value (kg)" in html and "1.235" in html and 'sagin-table-caption">Assumptions</p>' in html
    )


def test_saved_table_refuses_bad_ids_and_empty_tables(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="table_id"):
        save_table(pd.DataFrame({"a": [1]}), table_id="Bad", output_dir=tmp_path,
                   parameters={}, title="t", chapter="demo")  # fmt: skip
    with pytest.raises(ValueError, match="non-empty"):
        save_table(
            pd.DataFrame(),
            table_id="ok",
            output_dir=tmp_path,
            parameters={},
            title="t",
            chapter="d",
        )
