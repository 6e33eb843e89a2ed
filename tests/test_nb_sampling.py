"""The sampling and validation chapters rerun through papermill with non-default parameters."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.coverage import coverage_dome

from .conftest import load_metadata

pytestmark = pytest.mark.slow

SAMPLING_FIGURES = (
    "sampling-uniform-by-area",
    "sampling-uplinks",
    "sampling-relay",
    "sampling-downlinks",
    "sampling-aerial-min-elevation",
)
VALIDATION_FIGURES = (
    "validation-counts",
    "validation-uniformity",
    "validation-ks",
    "validation-nearest-neighbour",
    "validation-hard-core",
    "validation-thomas",
)


def _check_files(out, figures, params) -> None:
    for figure_id in figures:
        for ext in ("png", "svg", "csv", "json"):
            assert (out / f"{figure_id}.{ext}").stat().st_size > 0
        meta = load_metadata(out, figure_id)
        for key, value in params.items():
            assert meta["parameters"][key] == value, (figure_id, key)
        assert meta["seed"] == params["seed"]
        # Every figure reads at the width the book shows it, at these parameters too.
        assert meta["layout_check"]["problems"] == [], (figure_id, meta["layout_check"])


def _check_page(out, chapter: str) -> None:
    """The executed notebook: no stderr, no raw DataFrame, plotly.js never embedded."""
    nb = json.loads((out.parent / f"{chapter}.executed.ipynb").read_text("utf-8"))
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            assert output.get("name") != "stderr", output.get("text")
            html = "".join(output.get("data", {}).get("text/html", ""))
            assert 'class="dataframe"' not in html
            assert len(html) < 500_000 and "plotly.js v" not in html


def test_sampling_chapter_follows_its_parameters(run_notebook) -> None:
    # Non-default values, and the edges a reader reaches: no aerial vehicles, a single
    # scene per density of the relaying sweep, a handful of demonstration points.
    params = {
        "seed": 99,
        "ground_density_per_km2": 0.003,
        "air_density_per_km2": 0.0,
        "constellation_size": 8000,
        "user_lat_deg": -10.0,
        "user_lon_deg": 30.0,
        "relay_air_densities_per_km2": [0.001, 0.1],
        "relay_realisations": 1,
        "demo_points": 7,
    }
    out = run_notebook("sampling", params)
    _check_files(out, SAMPLING_FIGURES, params)

    demo = pd.read_csv(out / "sampling-uniform-by-area.csv")
    assert demo.groupby("sampler").size().eq(7).all()

    # Ground counts scale with the (tripled) density: ~1,990 nodes in the G2S dome.
    up = pd.read_csv(out / "sampling-uplinks.csv")
    assert not up["layer"].eq("air").any()
    g2s = coverage_dome("G2S", rx_alt_km=10_000.0, tx_alt_km=0.0, freq_hz=2e9, diameter_m=2.0)
    expected = 0.003 * float(g2s.area_km2)
    covered = int((up["layer"].eq("ground") & up["covered_by_satellite"]).sum())
    assert abs(covered - expected) < 4 * math.sqrt(expected)
    np.testing.assert_allclose(
        np.linalg.norm(up[["x_km", "y_km", "z_km"]].to_numpy(), axis=1),
        EARTH_RADIUS_KM + up["alt_km"].to_numpy(),
        rtol=1e-12,
    )

    # One scene per density: the standard errors are left empty, the rest is defined.
    relay = pd.read_csv(out / "sampling-relay.csv")
    assert relay["air_density_per_km2"].tolist() == [0.001, 0.1]
    assert np.allclose(relay["direct_count_theory"], expected)
    assert relay["relay_links_se"].isna().all() and relay["relay_links_mean"].notna().all()

    # A doubled constellation: about 8,000 satellites, about 150 visible from the new user.
    down = pd.read_csv(out / "sampling-downlinks.csv")
    sats = down[down["layer"] == "space"]
    assert abs(len(sats) - 8000) < 4 * math.sqrt(8000)
    visible = sats[sats["visible_from_user"]]
    assert 100 < len(visible) < 210
    assert abs(visible["lat_deg"].mean() - (-10.0)) < 3.0

    # Every claim is reported; those whose premise does not arise are not applicable.
    claims = pd.read_csv(out / "sampling-claims.csv").set_index("claim_id")["verdict"]
    assert claims["sampling-s2a-domes-nearly-coincide"] == "not_applicable"
    assert claims["sampling-polar-uniform-crowds-centre"] == "not_applicable"
    # The paper's remarks computed without drawing: no aerial vehicles, so no relayed links at
    # all (the relay remark fails), and reason (ii) fails for any layers.
    refuted = ["sampling-g2a-supports-more-transmitters", "sampling-aerial-min-elevation"]
    assert claims[refuted].eq("fails").all(), claims
    assert (
        claims.drop(
            ["sampling-s2a-domes-nearly-coincide", "sampling-polar-uniform-crowds-centre", *refuted]
        )
        .eq("holds")
        .all()
    ), claims
    assert len(claims) == 12
    _check_page(out, "sampling")
    evidence = pd.read_csv(out / "sampling-claims.csv").set_index("claim_id")["evidence"]
    assert "0.003 ground and 0 aerial" in evidence["sampling-g2a-supports-more-transmitters"]
    elevations = pd.read_csv(out / "sampling-aerial-min-elevation.csv")
    assert elevations.groupby("varied").size().eq(161).all()
    assert (elevations["leo_alt_km"] == 600.0).all() and (elevations["air_alt_km"] == 20.0).all()
    record = json.loads((out / "sampling-claims.json").read_text(encoding="utf-8"))
    assert record["parameters"]["relay_realisations"] == 1


def test_validation_chapter_follows_its_parameters(run_notebook) -> None:
    params = {
        "seed": 11,
        "mean_nodes": 80.0,
        "n_realisations": 150,
        "hard_core_km": 8.0,
        "hard_core_parent_densities_per_km2": [0.001, 0.05],
        "hard_core_realisations": 60,
        "thomas_realisations": 100,
    }
    out = run_notebook("validation", params)
    _check_files(out, VALIDATION_FIGURES, params)
    _check_page(out, "validation")

    counts = pd.read_csv(out / "validation-counts.csv")
    right = counts[counts["sampler"] == "area-uniform"]
    assert (right["n_realisations"] == 150).all()
    assert np.allclose(right.loc[right["region"] == "dome", "expected_count"], 80.0)
    assert (right["z"].abs() < 4).all()

    hard = pd.read_csv(out / "validation-hard-core.csv")
    assert hard["parent_density_per_km2"].tolist() == [0.001, 0.05]
    assert (hard["hard_core_km"] == 8.0).all() and (hard["min_distance_km"] >= 8.0).all()
    # Saturation at one node per cap of radius 8 km.
    assert hard["intensity_theory_per_km2"].iloc[-1] == pytest.approx(1 / (math.pi * 64), rel=0.01)
