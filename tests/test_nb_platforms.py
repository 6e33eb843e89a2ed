"""The platforms chapter with a non-default parameter (its notebook's code, in the test process)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

FIGURES = (
    "platforms-altitudes",
    "platforms-endurance",
    "platforms-payload",
    "platforms-atmosphere",
)

PARAMS = {"heavy_payload_kg": 100.0}


@pytest.mark.slow
def test_platforms_notebook_with_other_parameters(run_chapter) -> None:
    out = run_chapter("platforms", PARAMS)
    for fid in FIGURES:
        for ext in ("png", "svg", "csv", "json"):
            assert (out / f"{fid}.{ext}").is_file(), f"{fid}.{ext}"
        meta = json.loads((out / f"{fid}.json").read_text(encoding="utf-8"))
        assert meta["figure_id"] == fid and meta["chapter"] == "platforms"
        assert meta["parameters"]["heavy_payload_kg"] == 100.0
        assert not meta["layout_check"]["problems"], (fid, meta["layout_check"])
    # Nothing of the moved sections is left on the page.
    assert not list(out.glob("platforms-haps-*")) and not list(out.glob("platforms-geo-*"))

    # The data are the survey's: Loon at 18-23 km, Zephyr S above 18 km only.
    alt = pd.read_csv(out / "platforms-altitudes.csv").set_index("project")
    assert alt.loc["Loon", ["altitude_min_km", "altitude_max_km"]].tolist() == [18.0, 23.0]
    assert alt.loc["Zephyr S", "band_verdict"] == "undetermined"

    # Read as 100 kg, "hundreds of kilograms" holds for four of five stated payloads.
    claims = pd.read_csv(out / "platforms-claims.csv").set_index("claim_id")
    assert set(claims["kind"]) == {"source", "check"}
    assert claims.loc["platforms-nsp-payload-hundreds-of-kg", "verdict"] == "holds"
    assert "(4 of 5)" in claims.loc["platforms-nsp-payload-hundreds-of-kg", "evidence"]
    assert claims.loc["platforms-projects-fly-in-near-space-band", "verdict"] == "fails"
    table = pd.read_csv(out / "platforms-assumptions.csv").set_index("quantity")
    assert table.loc["'hundreds of kilograms'", "value"] == "100 kg or more"
