"""The operations chapter rerun with non-default parameters through papermill."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

R = 6371.0  # km, the Earth's radius of the model
C = 299_792_458.0  # m/s

FIGURES = (
    "operations-sway-handover",
    "operations-solar-energy-budget",
    "operations-end-to-end-latency",
    "operations-sensitivity",
)

# Few users, steps and days keep the run short: what is checked here (the files, their
# layout checks, the closed forms, the verdicts, a clean page) needs no more.
PARAMS = {
    "haps_alt_km": 25.0,
    "min_elevation_deg": 20.0,
    "sway_displacement_km": 2.0,
    "sway_tilt_deg": 0.5,
    "sway_steps": 8,
    "n_users": 1000,
    "sweep_altitudes_km": [20.0, 25.0],
    "cell_efficiency_pct": 22.0,
    "latitude_step_deg": 10.0,
    "day_step_days": 30,
    "mec_compute_ms": 1.0,
    "seed": 7,
}


@pytest.mark.slow
def test_operations_notebook_with_other_parameters(run_notebook) -> None:
    out = run_notebook("operations", PARAMS)
    for fid in FIGURES:
        for ext in ("png", "svg", "csv", "json"):
            assert (out / f"{fid}.{ext}").is_file(), f"{fid}.{ext}"
        meta = json.loads((out / f"{fid}.json").read_text(encoding="utf-8"))
        assert meta["figure_id"] == fid and meta["chapter"] == "operations"
        assert meta["layout_check"]["problems"] == [], (fid, meta["layout_check"])
        for key, value in PARAMS.items():
            assert meta["parameters"][key] == value, (fid, key)

    # Sway: the closed-form curves at the two altitudes; the footprint at rest has the
    # radius R phi, phi = acos(R cos(a) / (R + h)) - a at 25 km and 20 deg.
    sway = pd.read_csv(out / "operations-sway-handover.csv")
    closed = sway[(sway["panel"] == "displacement") & (sway["curve"] == "closed form")]
    assert sorted(closed["alt_km"].unique()) == [20.0, 25.0]
    a = math.radians(20.0)
    phi = math.acos(R * math.cos(a) / (R + 25.0)) - a
    rest = sway[(sway["panel"] == "outline") & (sway["curve"] == "at rest")]
    np.testing.assert_allclose(np.hypot(rest["x_km"], rest["y_km"]), R * phi, rtol=1e-6)
    for name in ("Zephyr S", "Yuanmeng"):
        cycle = sway[(sway["panel"] == "cycle") & (sway["curve"] == f"{name}: Monte Carlo")]
        assert len(cycle) == PARAMS["sway_steps"]

    # Latency: the edge server's round trip from the ray-sphere slant range.
    lat = pd.read_csv(out / "operations-end-to-end-latency.csv")
    mec = lat[(lat["architecture"] == "MEC at the HAPS") & (lat["min_elevation_deg"] == 20.0)].iloc[
        0
    ]
    d = math.sqrt((R + 25.0) ** 2 - (R * math.cos(a)) ** 2) - R * math.sin(a)
    want = 2 * (d / C * 1e6 + 1.0 + 1.0) + 1.0
    assert mec["round_trip_ms"] == pytest.approx(want, rel=1e-9)

    # Solar: the grid follows the steps.
    solar = pd.read_csv(out / "operations-solar-energy-budget.csv")
    assert sorted(solar["latitude_deg"].unique()) == [0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0]
    assert sorted(solar["day_of_year"].unique())[:3] == [1, 31, 61]

    claims = pd.read_csv(out / "operations-claims.csv").set_index("claim_id")
    assert set(claims["verdict"]) <= {"holds", "fails", "not_applicable"}
    assert set(claims["kind"]) == {"source", "check"}
    for cid in ("operations-handover-mc-agrees", "operations-mec-ms-level"):
        assert claims.loc[cid, "verdict"] == "holds", claims.loc[cid, "evidence"]

    # A clean page: every table formatted (HTML), no object reprs, no printed dumps.
    executed = json.loads((out.parent / "operations.executed.ipynb").read_text(encoding="utf-8"))
    for cell in executed["cells"]:
        for output in cell.get("outputs", []):
            assert output["output_type"] != "stream", output
            if output["output_type"] == "execute_result":
                assert "text/html" in output["data"], output["data"].get("text/plain")
                html = "".join(output["data"]["text/html"])
                assert "sagin-table" in html and "NaN" not in html
    assumptions = pd.read_csv(out / "operations-assumptions.csv")
    assert assumptions["source"].notna().all() and len(assumptions) >= 20
