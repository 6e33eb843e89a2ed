"""sagin_lib.model.dome: the one frozen dome value, checked once."""

from __future__ import annotations

import math
import pickle

import mpmath as mp
import numpy as np
import pytest

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.coverage import coverage_dome
from sagin_lib.model.dome import Dome, as_dome, check_center, check_vertex_angle


def test_area_and_radii_against_an_independent_evaluation() -> None:
    mp.mp.dps = 40
    dome = Dome(tx_alt_km=600.0, vertex_angle_rad=0.3)
    r = mp.mpf(EARTH_RADIUS_KM) + 600
    expected = 2 * mp.pi * r**2 * (1 - mp.cos(mp.mpf(0.3)))
    assert dome.area_km2 == pytest.approx(float(expected), rel=1e-14)
    assert dome.radius_km == EARTH_RADIUS_KM + 600.0
    assert dome.arc_radius_km == pytest.approx((EARTH_RADIUS_KM + 600.0) * 0.3, rel=1e-15)
    assert dome.flat_disc_area_km2 == pytest.approx(
        float(mp.pi * (r * mp.sin(0.3)) ** 2), rel=1e-14
    )
    whole = Dome(tx_alt_km=0.0, vertex_angle_rad=math.pi)
    assert whole.area_km2 == pytest.approx(4 * math.pi * EARTH_RADIUS_KM**2, rel=1e-15)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"tx_alt_km": -1.0, "vertex_angle_rad": 0.1}, "tx_alt_km must be >= 0 km"),
        ({"tx_alt_km": np.nan, "vertex_angle_rad": 0.1}, "tx_alt_km must not contain NaN"),
        (
            {"tx_alt_km": 0.0, "vertex_angle_rad": 3.5},
            r"vertex_angle_rad must lie in \[0, pi\] rad",
        ),
        ({"tx_alt_km": 0.0, "vertex_angle_rad": -0.1}, r"vertex_angle_rad must lie in \[0, pi\]"),
        (
            {"tx_alt_km": 0.0, "vertex_angle_rad": 0.1, "center_polar_rad": 4.0},
            r"center_polar_rad must lie in \[0, pi\] rad",
        ),
        (
            {"tx_alt_km": 0.0, "vertex_angle_rad": 0.1, "center_azimuth_rad": np.inf},
            "center_azimuth_rad must be finite",
        ),
        ({"tx_alt_km": 0.0, "vertex_angle_rad": 0.1, "scenario": "X2Y"}, "scenario must be one of"),
        ({"tx_alt_km": 0.0, "vertex_angle_rad": 0.1, "rx_alt_km": -2.0}, "rx_alt_km must be >= 0"),
    ],
)
def test_a_bad_dome_is_refused_when_made(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Dome(**kwargs)


def test_a_dome_is_a_frozen_value() -> None:
    a = Dome(tx_alt_km=20.0, vertex_angle_rad=0.2, center_azimuth_rad=1.0, center_polar_rad=0.5)
    b = Dome(tx_alt_km=20, vertex_angle_rad=0.2, center_azimuth_rad=1, center_polar_rad=0.5)
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != Dome(tx_alt_km=20.0, vertex_angle_rad=0.2)
    with pytest.raises(AttributeError):
        a.vertex_angle_rad = 0.3  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(a)) == a
    moved = a.centred_at(2.0, 1.0)
    assert (moved.center_azimuth_rad, moved.center_polar_rad) == (2.0, 1.0)
    assert moved.vertex_angle_rad == a.vertex_angle_rad and a.center_azimuth_rad == 1.0
    assert isinstance(a.tx_alt_km, float) and isinstance(a.area_km2, float)


def test_a_sweep_of_domes_holds_read_only_arrays() -> None:
    alts = np.array([0.0, 10.0, 20.0])
    sweep = Dome(tx_alt_km=alts, vertex_angle_rad=0.1)
    assert not sweep.is_single and sweep.area_km2.shape == (3,)
    assert np.all(np.diff(sweep.area_km2) > 0)
    with pytest.raises(ValueError, match="read-only"):
        sweep.tx_alt_km[0] = 5.0
    with pytest.raises(ValueError, match="dome must be a single dome"):
        as_dome(sweep)
    with pytest.raises(ValueError, match="must be a sagin_lib Dome; got tuple"):
        as_dome((0.0, 0.1))
    assert as_dome(Dome(tx_alt_km=0.0, vertex_angle_rad=0.1)).is_single


def test_coverage_dome_returns_the_scenarios_dome() -> None:
    dome = coverage_dome("S2A", rx_alt_km=20.0, tx_alt_km=600.0, min_elevation_rad=0.2)
    assert dome.scenario.key == "S2A" and dome.rx_alt_km == 20.0 and dome.tx_alt_km == 600.0
    assert dome.is_single and (dome.center_azimuth_rad, dome.center_polar_rad) == (0.0, 0.0)
    assert dome.area_km2 == pytest.approx(Dome(600.0, dome.vertex_angle_rad).area_km2, rel=1e-14)


def test_the_shared_checks() -> None:
    assert check_vertex_angle(0.0) == 0.0 and check_vertex_angle(math.pi) == math.pi
    az, pol = check_center(-7.0, math.pi)
    assert az == -7.0 and pol == math.pi
