"""sagin_lib.platforms.latency: hop lengths and the latency of each path.

Hop lengths are checked against the ray-sphere solution written out here.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sagin_lib.model.constants import EARTH_RADIUS_KM, SPEED_OF_LIGHT_M_S
from sagin_lib.platforms.latency import (
    LATENCY_COLUMNS,
    hop_slant_range_km,
    latency_paths,
    latency_table,
)

R = EARTH_RADIUS_KM


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(
    lower=st.floats(0.0, 1000.0),
    gap=st.floats(1.0, 40000.0),
    el_deg=st.floats(0.0, 89.0),
)
def test_hop_against_the_ray_sphere_solution(lower: float, gap: float, el_deg: float) -> None:
    upper = lower + gap
    a = math.radians(el_deg)
    r_l, r_u = R + lower, R + upper
    want = math.sqrt(r_u**2 - (r_l * math.cos(a)) ** 2) - r_l * math.sin(a)
    assert hop_slant_range_km(lower, upper, a) == pytest.approx(want, rel=1e-9)


def test_paths() -> None:
    paths = latency_paths(20.0, 600.0, 35786.0)
    assert [p.relays for p in paths] == [1, 1, 2, 2, 1, 1, 1, 1, 1]
    assert paths[-1].mec and paths[-1].altitudes_km == (0.0, 20.0)
    with pytest.raises(ValueError, match="haps_alt_km"):
        latency_paths(700.0, 600.0, 35786.0)


def _table(**kw: float):
    args = {
        "bent_pipe_delay_s": 1e-5,
        "regenerative_processing_s": 1e-3,
        "queueing_s": 2e-3,
        "mec_compute_s": 5e-3,
    }
    args.update(kw)
    return latency_table(latency_paths(20.0, 600.0, 35786.0), math.radians(10.0), **args)


def test_table_adds_up() -> None:
    t = _table()
    assert list(t.columns) == list(LATENCY_COLUMNS)
    np.testing.assert_allclose(
        t["propagation_one_way_ms"], t["path_length_km"] * 1e6 / SPEED_OF_LIGHT_M_S, rtol=1e-12
    )
    parts = t["propagation_one_way_ms"] + t["processing_one_way_ms"] + t["queueing_one_way_ms"]
    np.testing.assert_allclose(t["one_way_ms"], parts, rtol=1e-12)
    np.testing.assert_allclose(
        t["round_trip_ms"], 2 * t["one_way_ms"] + t["compute_ms"], rtol=1e-12
    )
    by = t.set_index(["path", "architecture"])
    haps = by.loc[("user-HAPS-gateway", "regenerative")]
    assert haps["processing_one_way_ms"] == pytest.approx(1.0)
    assert haps["queueing_one_way_ms"] == pytest.approx(2.0)
    two = by.loc[("user-HAPS-LEO-gateway", "bent-pipe")]
    assert two["processing_one_way_ms"] == pytest.approx(0.02) and two["queueing_one_way_ms"] == 0
    mec = by.loc[("user-HAPS edge server", "MEC at the HAPS")]
    assert mec["compute_ms"] == pytest.approx(5.0)
    assert mec["path_length_km"] == pytest.approx(
        float(hop_slant_range_km(0.0, 20.0, math.radians(10.0)))
    )
    # A GEO hop costs at least 2 h / c each way.
    assert (
        by.loc[("user-GEO-gateway", "bent-pipe"), "round_trip_ms"]
        > 4 * 35786e6 / SPEED_OF_LIGHT_M_S
    )


def test_regenerative_never_faster_than_bent_pipe_when_it_processes_longer() -> None:
    t = _table().set_index(["path", "architecture"])["one_way_ms"]
    for path in (
        "user-HAPS-gateway",
        "user-HAPS-LEO-gateway",
        "user-LEO-gateway",
        "user-GEO-gateway",
    ):
        assert t[(path, "regenerative")] > t[(path, "bent-pipe")]


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="queueing_s"):
        _table(queueing_s=-1.0)
    with pytest.raises(ValueError, match="min_elevation_rad"):
        latency_table(
            latency_paths(20.0, 600.0, 35786.0),
            2.0,
            bent_pipe_delay_s=0.0,
            regenerative_processing_s=0.0,
            queueing_s=0.0,
            mec_compute_s=0.0,
        )
