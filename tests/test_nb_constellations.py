"""The constellations chapter rerun through papermill with non-default parameters."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from .conftest import exec_notebook_in_process, load_metadata

pytestmark = pytest.mark.slow

FIGURES = [
    "constellations-visible-by-latitude",
    "constellations-no-satellite-probability",
    "constellations-visible-count-distribution",
    "constellations-effective-number",
    "constellations-snapshot",
]


def test_constellations_chapter_follows_its_parameters(run_notebook) -> None:
    # The Kuiper shell, a shorter propagation and coarser grids.
    params = {
        "altitude_km": 630.0,
        "inclination_deg": 51.9,
        "n_planes": 34,
        "sats_per_plane": 34,
        "min_elevation_deg": 30.0,
        "latitude_step_deg": 10.0,
        "n_longitudes": 36,
        "duration_h": 6.0,
        "time_step_s": 120.0,
        "distribution_latitudes_deg": [10.0, 45.0],
        "snapshot_latitude_deg": -20.0,
    }
    out = run_notebook("constellations", params)
    claims = pd.read_csv(out / "constellations-claims.csv")
    assert len(claims) == 6 and set(claims["verdict"]) <= {"holds", "fails", "not_applicable"}
    executed = json.loads(
        (out.parent / "constellations.executed.ipynb").read_text(encoding="utf-8")
    )
    for cell in executed["cells"]:
        for output in cell.get("outputs", []):
            assert output["output_type"] != "stream", output
    for figure_id in FIGURES:
        meta = load_metadata(out, figure_id)
        assert meta["chapter"] == "constellations"
        assert meta["layout_check"]["problems"] == [], (figure_id, meta["layout_check"])
        for key, value in params.items():
            assert meta["parameters"][key] == value
    vis = pd.read_csv(out / "constellations-visible-by-latitude.csv")
    assert (vis["altitude_km"] == 630.0).all() and (vis["n_planes"] == 34).all()
    assert sorted(vis["latitude_deg"].unique()) == [float(x) for x in range(0, 91, 10)]
    dist = pd.read_csv(out / "constellations-visible-count-distribution.csv")
    assert sorted(dist["latitude_deg"].unique()) == [10.0, 45.0]
    sums = dist.groupby(["latitude_deg", "model"])["probability"].sum()
    assert sums.between(0.999, 1.0 + 1e-9).all(), sums


def test_a_bad_shell_given_to_the_notebook_is_refused_before_it_runs(tmp_path) -> None:
    # The notebook's own parameter check (papermill's path is tested on the
    # coverage chapter): its code run in this process, parameters injected as
    # papermill injects them.
    with pytest.raises(ValueError, match=r"constellations: .*inclination_deg"):
        exec_notebook_in_process(
            "constellations", {"inclination_deg": 200.0, "output_dir": str(tmp_path / "out")}
        )
