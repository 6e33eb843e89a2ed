"""The scaling chapter rerun through papermill with non-default parameters."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from sagin_lib.model.coverage import dome_area_km2, downlink_vertex_angle_rad
from sagin_lib.model.dome import Dome
from sagin_lib.model.sphere import in_dome, latlon_deg_to_direction_rad
from sagin_lib.sampling.streams import iter_dome_blocks

from .conftest import exec_notebook_in_process, load_metadata

pytestmark = pytest.mark.slow

FIGURES = ["scaling-elevation", "scaling-distance", "scaling-spot-beams"]


def test_scaling_chapter_follows_its_parameters(run_notebook) -> None:
    params = {
        "n_users": 3_000_000,
        "seed": 7,
        "geo_lon_deg": -30.0,
        "min_elevation_deg": 20.0,
        "elev_bin_deg": 2.0,
        "distance_bin_km": 100.0,
        "beam_lat_deg": [10.0, -20.0],
        "beam_lon_deg": [-35.0, -10.0],
        "beam_radius_km": 400.0,
        "sweep_users": 500,
    }
    # One worker; the old name of the elevation, mapped by the notebook itself.
    renamed = {k: v for k, v in params.items() if k != "min_elevation_deg"}
    out = run_notebook("scaling", {**renamed, "min_elev_deg": 20.0, "n_workers": 1})
    claims = pd.read_csv(out / "scaling-claims.csv")
    assert len(claims) == 8 and (claims["verdict"] == "holds").all(), claims
    assert sorted(claims["kind"].unique()) == ["check", "source"]

    # A clean page: no printed text, no object reprs, every table formatted.
    executed = json.loads((out.parent / "scaling.executed.ipynb").read_text(encoding="utf-8"))
    for cell in executed["cells"]:
        for output in cell.get("outputs", []):
            if output["output_type"] == "stream":  # only the note on the old parameter name
                assert "".join(output["text"]).startswith("note: parameter min_elev_deg"), output
            if output["output_type"] == "execute_result":
                assert "sagin-table" in "".join(output["data"].get("text/html", "")), output

    for figure_id in FIGURES:
        for ext in ("png", "svg", "csv", "json"):
            assert (out / f"{figure_id}.{ext}").stat().st_size > 0
        meta = load_metadata(out, figure_id)
        assert meta["chapter"] == "scaling"
        assert meta["layout_check"]["problems"] == [], (figure_id, meta["layout_check"])
        for key, value in params.items():
            assert meta["parameters"][key] == value
        assert "min_elev_deg" not in meta["parameters"]
        assert meta["seed"] == 7

    n = params["n_users"]
    elev = pd.read_csv(out / "scaling-elevation.csv")
    assert list(elev.columns) == [
        "elevation_low_deg",
        "elevation_high_deg",
        "count",
        "expected_count",
    ]
    assert elev["count"].sum() == n
    np.testing.assert_allclose(elev["elevation_high_deg"] - elev["elevation_low_deg"], 2.0)
    assert elev.loc[elev["elevation_high_deg"] <= 20.0, "count"].sum() == 0
    assert elev["expected_count"].sum() == pytest.approx(n, rel=1e-9)

    dist = pd.read_csv(out / "scaling-distance.csv")
    assert dist["count"].sum() == n
    np.testing.assert_allclose(dist["distance_high_km"] - dist["distance_low_km"], 100.0)

    # The Dask counts are those of the serial stream, recomputed here with the
    # library's own dome test.
    beams = pd.read_csv(out / "scaling-spot-beams.csv")
    assert beams["beam"].tolist() == ["beam 1", "beam 2"]
    assert beams["center_lat_deg"].tolist() == [10.0, -20.0]
    assert (beams["radius_km"] == 400.0).all()
    geo_az, geo_pol = (float(v) for v in latlon_deg_to_direction_rad(0.0, -30.0))
    phi = float(downlink_vertex_angle_rad(0.0, 35786.0, math.radians(20.0)))
    counts = np.zeros(2, dtype=np.int64)
    footprint = Dome(0.0, phi, geo_az, geo_pol)
    for block in iter_dome_blocks(n, footprint, rng=7, block_size=1 << 20):
        for k, (lat, lon) in enumerate(zip([10.0, -20.0], [-35.0, -10.0], strict=True)):
            az, pol = (float(v) for v in latlon_deg_to_direction_rad(lat, lon))
            counts[k] += np.count_nonzero(in_dome(block, Dome(0.0, 400.0 / 6371.0, az, pol)))
    assert beams["count"].tolist() == counts.tolist()
    # Nearest user to each beam centre: mean 1 / (2 sqrt(density)) for a Poisson-like
    # population; five times that is exceeded with probability exp(-6.25 pi) ~ 3e-9.
    mean_nn_km = 0.5 / math.sqrt(n / float(dome_area_km2(0.0, phi)))
    assert (beams["nearest_user_km"] < 5.0 * mean_nn_km).all()


def test_beams_given_to_the_notebook_must_pair_up(tmp_path) -> None:
    # The notebook's own parameter check (papermill's path is tested on the
    # coverage chapter): its code run in this process, parameters injected as
    # papermill injects them.
    with pytest.raises(ValueError, match=r"scaling: .*as many beam latitudes"):
        exec_notebook_in_process(
            "scaling",
            {
                "beam_lat_deg": [0.0, 10.0],
                "beam_lon_deg": [10.0],
                "output_dir": str(tmp_path / "out"),
            },
        )
