"""The networks chapter with non-default parameters (its notebook's code, in the test process)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

FIGURES = (
    "networks-energy-efficiency-cdf",
    "networks-haps-coverage",
    "networks-cell-free-coverage",
)

PARAMS = {
    "haps_antennas": 4,
    "backhaul_power_w_per_gbps": 5000.0,
    "ee_users": 6,
    "ee_haps_counts": [2, 5],
    "ee_drops": 30,
    "sat_counts": [0, 80],
    "n_haps_max": 60,
    "n_haps_step": 20,
    "n_users": 400,
    "fading": "nakagami",
    "nakagami_m": 2.0,
    "seed": 99,
}


@pytest.mark.slow
def test_networks_notebook_with_other_parameters(run_chapter) -> None:
    out = run_chapter("networks", PARAMS)
    for fid in FIGURES:
        for ext in ("png", "svg", "csv", "json"):
            assert (out / f"{fid}.{ext}").is_file(), f"{fid}.{ext}"
        meta = json.loads((out / f"{fid}.json").read_text(encoding="utf-8"))
        assert meta["figure_id"] == fid and meta["seed"] == 99
        for key, value in PARAMS.items():
            assert meta["parameters"][key] == value, (fid, key)
        assert not meta["layout_check"]["problems"], (fid, meta["layout_check"])

    # The assumptions are a table (CSV and JSON), not a figure; they follow the run.
    assert not (out / "networks-assumptions.png").exists()
    meta = json.loads((out / "networks-assumptions.json").read_text(encoding="utf-8"))
    assert meta["table_id"] == "networks-assumptions" and meta["parameters"]["seed"] == 99
    table = pd.read_csv(out / "networks-assumptions.csv")
    row = table.set_index("quantity")
    assert row.loc["antennas per HAPS", "value"] == "4"
    assert row.loc["backhaul power per traffic", "value"] == "5000"
    assert row.loc["fading of the serving link", "value"] == "nakagami"

    # Direct access on the requested grid, both fading models, Monte Carlo within 4 s.e.
    haps = pd.read_csv(out / "networks-haps-coverage.csv")
    assert sorted(haps["n_haps"].unique()) == [0, 20, 40, 60]
    assert sorted(haps["n_sats"].unique()) == [0, 80]
    assert (haps["n_users"] == 400).all()
    assert set(haps["fading"]) == {"none", "nakagami"}
    assert np.abs(haps["z_score"]).max() < 4.0

    ee = pd.read_csv(out / "networks-energy-efficiency-cdf.csv")
    assert sorted(ee["n_haps"].unique()) == [2, 5]
    assert (ee["n_users"] == 6).all() and len(ee) == 2 * 2 * 30
    np.testing.assert_allclose(
        ee["energy_efficiency_bit_per_j"], ee["sum_rate_bps"] / ee["power_w"], rtol=1e-12
    )

    cov = pd.read_csv(out / "networks-cell-free-coverage.csv")
    assert sorted(cov["n_haps"].unique()) == [0, 20, 40, 60]
    assert sorted(cov["n_sats"].unique()) == [0, 80]
    assert (cov["n_users"] == 400).all()
    assert (cov.loc[cov["n_sats"] == 0, "cell_free"] == 0).all()

    # A backhaul this costly turns the energy-efficiency verdict; the run still succeeds.
    claims = pd.read_csv(out / "networks-claims.csv").set_index("claim_id")
    assert claims.loc["networks-cell-free-more-energy-efficient", "verdict"] == "fails"
    assert claims.loc["networks-coverage-rises-with-haps", "verdict"] == "holds"
    assert claims.loc["networks-mc-agrees-with-analysis", "verdict"] == "holds"
    assert claims.loc["networks-direct-mc-agrees-with-theory", "verdict"] == "holds"
    assert claims.loc["networks-direct-coverage-rises-with-haps", "verdict"] == "holds"
    assert set(claims["kind"]) == {"source", "check"}
