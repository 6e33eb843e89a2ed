"""The comparison chapter with non-default parameters (its notebook's code, in the test process)."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

R = 6371.0  # km, the Earth's radius of the model
C = 299_792_458.0  # m/s

FIGURES = (
    "comparison-coverage-radius",
    "comparison-delay-fspl",
    "comparison-earth-cover",
    "comparison-geo-polar-caps",
    "comparison-claimed-radii",
    "comparison-xstation-network",
)

PARAMS = {"min_elevation_deg": 20.0, "freq_ghz": 12.0}


@pytest.mark.slow
def test_comparison_notebook_with_other_parameters(run_chapter) -> None:
    out = run_chapter("comparison", PARAMS)
    for fid in FIGURES:
        for ext in ("png", "svg", "csv", "json"):
            assert (out / f"{fid}.{ext}").is_file(), f"{fid}.{ext}"
        meta = json.loads((out / f"{fid}.json").read_text(encoding="utf-8"))
        assert meta["figure_id"] == fid and meta["chapter"] == "comparison"
        for key, value in PARAMS.items():
            assert meta["parameters"][key] == value, (fid, key)
        assert not meta["layout_check"]["problems"], (fid, meta["layout_check"])

    # Coverage radius: curves at 0, 20 and 30 deg; a higher elevation shrinks the radius.
    radius = pd.read_csv(out / "comparison-coverage-radius.csv")
    assert sorted(radius["min_elevation_deg"].unique()) == [0.0, 20.0, 30.0]
    wide = radius.pivot(
        index="altitude_km", columns="min_elevation_deg", values="coverage_radius_km"
    )
    assert (wide[20.0] < wide[0.0]).all() and (wide[30.0] < wide[20.0]).all()
    # Radius R phi with phi = acos(R cos(a) / (R + h)) - a, at 20 deg.
    alt = wide.index.to_numpy()
    a = math.radians(20.0)
    phi = np.arccos(R * math.cos(a) / (R + alt)) - a
    np.testing.assert_allclose(wide[20.0], R * phi, rtol=1e-9)

    # Delay and path loss at 12 GHz and a 20 deg edge.
    links = pd.read_csv(out / "comparison-delay-fspl.csv")
    assert (links["freq_ghz"] == 12.0).all() and (links["min_elevation_deg"] == 20.0).all()
    hap = links[(links["platform"] == "HAP") & (links["position"] == "nadir")].iloc[0]
    fspl = 20 * math.log10(4 * math.pi * 20e3 * 12e9 / C)
    assert hap["fspl_db"] == pytest.approx(fspl, abs=1e-9)
    assert hap["delay_ms"] == pytest.approx(20e3 / C * 1e3, rel=1e-12)
    # The edge ray leaves the ground at 20 deg: it meets the sphere R + h after
    # sqrt((R + h)^2 - R^2 cos^2 a) - R sin a.
    edge = links[links["position"] == "edge"]
    h = edge["altitude_km"].to_numpy()
    want = np.sqrt((R + h) ** 2 - (R * math.cos(a)) ** 2) - R * math.sin(a)
    np.testing.assert_allclose(edge["slant_range_km"], want, rtol=1e-6)
    np.testing.assert_allclose(edge["delay_ms"], edge["slant_range_km"] / C * 1e6, rtol=1e-12)

    # Coverage claims: at 20 deg only Loon still holds.
    coverage_claims = pd.read_csv(out / "comparison-claimed-radii.csv")
    verdict = coverage_claims.groupby("project")["meets_min_elevation"].all()
    assert verdict.to_dict() == {"Loon": True, "SkyNet": False, "X-station": False}

    # The chapter's claims follow the parameters: SkyNet's 10.84 deg edge and the 200 km
    # span of a 20 km platform fail at 20 deg; the run still succeeds.
    claims = pd.read_csv(out / "comparison-claims.csv").set_index("claim_id")
    assert set(claims["verdict"]) <= {"holds", "fails", "not_applicable"}
    assert set(claims["kind"]) == {"source", "check"}
    assert claims.loc["comparison-skynet-radius", "verdict"] == "fails"
    assert claims.loc["comparison-nsp-hundreds-of-km", "verdict"] == "fails"
    assert claims.loc["comparison-loon-radius", "verdict"] == "holds"
    assert claims.loc["comparison-x-station-network-area", "verdict"] == "fails"
    assert claims.loc["comparison-three-geo-give-world-service", "verdict"] == "fails"
    assert (claims.loc[claims["kind"] == "check", "verdict"] != "fails").all()
    meta = json.loads((out / "comparison-claims.json").read_text(encoding="utf-8"))
    assert meta["parameters"]["min_elevation_deg"] == 20.0

    # Earth cover at 20 deg, with the proven lower bound and the feasible count per orbit.
    cover = pd.read_csv(out / "comparison-earth-cover.csv")
    assert (cover["min_elevation_deg"] == 20.0).all()
    counts = cover[cover["method"].isin(["proven_lower_bound", "feasible_covering"])]
    wide = counts.pivot(index="altitude_km", columns="method", values="n_platforms")
    assert list(wide.index) == [600.0, 10000.0, 35786.0]
    assert (wide["proven_lower_bound"] <= wide["feasible_covering"]).all()
    # The area bound ceil(1 / sin^2(phi / 2)) at 20 deg for MEO, independently.
    phi_meo = math.acos(R * math.cos(a) / (R + 10000.0)) - a
    assert wide.loc[10000.0, "proven_lower_bound"] >= math.ceil(1 / math.sin(phi_meo / 2) ** 2)

    # GEO polar caps at 20 deg: 1 - sin(phi) uncovered with any number of satellites.
    geo = pd.read_csv(out / "comparison-geo-polar-caps.csv")
    row = geo[(geo["min_elevation_deg"] == 20.0) & (geo["geo_satellites"] == "any number")]
    phi_geo = math.acos(R * math.cos(a) / (R + 35786.0)) - a
    assert row["uncovered_fraction"].iloc[0] == pytest.approx(1 - math.sin(phi_geo), rel=1e-12)
