"""The coverage chapter rerun through papermill with non-default parameters."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sagin_lib import coverage_dome

from .conftest import load_metadata

pytestmark = pytest.mark.slow

FIGURES = [
    "coverage-uplink-frequency",
    "coverage-downlink-elevation",
    "coverage-altitude",
    "coverage-uplink-cases",
    "coverage-dome-vs-flat",
    "coverage-insight2",
    "coverage-insight3",
    "coverage-air-altitude-gap",
]


def test_coverage_chapter_follows_its_parameters(run_notebook) -> None:
    params = {
        "freq_min_ghz": 3.0,
        "freq_max_ghz": 30.0,
        "freq_points": 25,
        "freq_ghz": 12.0,
        "satellite_diameter_m": 1.0,
        "leo_alt_km": 1200.0,
        "min_elevation_deg": 30.0,
        "elev_max_deg": 60.0,
        "elev_points": 31,
        "air_sweep_min_km": 1.0,
        "air_sweep_max_km": 60.0,
    }
    # Plain papermill with a deprecated name: the notebook maps it to the current one.
    out = run_notebook("coverage", {**params, "air_layer_alt_km": 25.0})
    claims = pd.read_csv(out / "coverage-claims.csv")
    assert len(claims) == 16 and set(claims["verdict"]) <= {"holds", "fails", "not_applicable"}
    assert set(claims["kind"]) == {"source", "check"}
    verdict = claims.set_index("claim_id")["verdict"]
    assert verdict["coverage-insight2-uplinks"] == "holds"
    # The paper's Insight 2 read for the downlinks fails whatever the parameters.
    assert verdict["coverage-insight2-downlinks"] == "fails"

    for figure_id in FIGURES:
        for ext in ("png", "svg", "csv", "json"):
            assert (out / f"{figure_id}.{ext}").stat().st_size > 0
        meta = load_metadata(out, figure_id)
        for key, value in params.items():
            assert meta["parameters"][key] == value
        # Shown at natural size, legible, legends off the data.
        assert meta["layout_check"]["problems"] == [], figure_id
        assert meta["layout_check"]["natural_width_px"] <= 740, figure_id
        assert (
            meta["parameters"]["air_alt_km"] == 25.0
            and "air_layer_alt_km" not in meta["parameters"]
        )

    up = pd.read_csv(out / "coverage-uplink-frequency.csv")
    assert (up.loc[up["scenario"] == "A2S", "tx_alt_km"] == 25.0).all()
    assert up["freq_ghz"].min() == pytest.approx(3.0) and up["freq_ghz"].max() == pytest.approx(
        30.0
    )
    assert up.groupby(["scenario", "rx_platform"]).size().eq(25).all()
    leo = up[(up["scenario"] == "G2S") & (up["rx_platform"] == "LEO")]
    assert (leo["rx_alt_km"] == 1200.0).all() and (leo["diameter_m"] == 1.0).all()
    # The saved areas are the library's, for the new dish and altitude.
    expected = coverage_dome(
        "G2S",
        rx_alt_km=1200.0,
        tx_alt_km=0.0,
        freq_hz=leo["freq_ghz"].to_numpy() * 1e9,
        diameter_m=1.0,
    ).area_km2
    np.testing.assert_allclose(leo["area_km2"], expected, rtol=1e-12)

    down = pd.read_csv(out / "coverage-downlink-elevation.csv")
    assert down["min_elev_deg"].max() == pytest.approx(60.0)
    assert down.groupby(["scenario", "tx_platform"]).size().eq(31).all()

    alt = pd.read_csv(out / "coverage-altitude.csv")
    uplinks = alt[alt["scenario"].isin(["G2A", "A2S", "G2S"])]
    assert np.allclose(uplinks["freq_ghz"], 12.0)
    downlinks = alt[alt["scenario"].isin(["A2G", "S2A", "S2G"])]
    assert np.allclose(downlinks["min_elev_deg"], 30.0)

    # The insights follow the new parameters: the aerial sweep, the point frequency, the orbit.
    gap = pd.read_csv(out / "coverage-air-altitude-gap.csv")
    assert gap["air_alt_km"].min() == pytest.approx(1.0) and gap["air_alt_km"].max() == 60.0
    assert set(gap["sat_alt_km"]) == {1200.0, 10000.0, 35786.0} and (gap["freq_ghz"] == 12.0).all()
    # The Insight 2 figure plots the downlinks only (the uplinks are coverage-altitude's).
    ins2 = pd.read_csv(out / "coverage-insight2.csv")
    assert set(ins2["scenario"]) == {"A2G", "S2A", "S2G"}
    s2a = ins2[(ins2["curve"] == "S2G/S2A from LEO") & (ins2["rx_alt_km"] == 25.0)]
    assert len(s2a) == 1 and s2a["min_elev_deg"].iloc[0] == pytest.approx(30.0)
    ins3 = pd.read_csv(out / "coverage-insight3.csv")
    assert ins3["freq_ghz"].min() == pytest.approx(0.05) and ins3["freq_ghz"].max() == 30.0
    assert ins3.loc[ins3["in_sweep"], "freq_ghz"].min() == pytest.approx(3.0)

    # The summary at the point parameters is published as data, at the point frequency.
    summary = pd.read_csv(out / "coverage-point-domes.csv")
    assert len(summary) == 16 and (summary["tx_alt_km"] >= 0).all()
    g2s = summary[(summary["scenario"] == "G2S") & (summary["platform"] == "LEO")].iloc[0]
    expected_area = coverage_dome(
        "G2S", rx_alt_km=1200.0, tx_alt_km=0.0, freq_hz=12e9, diameter_m=1.0
    ).area_km2
    assert g2s["area_km2"] == pytest.approx(float(expected_area), rel=1e-12)


def test_a_bad_value_given_to_plain_papermill_is_refused_by_the_notebook(run_notebook) -> None:
    import papermill as pm

    with pytest.raises(pm.PapermillExecutionError, match=r"coverage: parameter min_elevation_deg"):
        run_notebook("coverage", {"min_elev_deg": 95.0})
