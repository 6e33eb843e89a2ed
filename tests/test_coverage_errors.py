"""Bad input raises ValueError naming the argument; never a silent NaN."""

from __future__ import annotations

import math

import numpy as np
import pytest

from sagin_lib import (
    SCENARIOS,
    beamwidth_rad,
    coverage_dome,
    dome_area_km2,
    downlink_vertex_angle_rad,
    flat_disc_area_km2,
    get_scenario,
    uplink_vertex_angle_rad,
)

NAN, INF = float("nan"), float("inf")


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"freq_hz": 0.0, "diameter_m": 1.0}, "freq_hz"),
        ({"freq_hz": -1e9, "diameter_m": 1.0}, "freq_hz"),
        ({"freq_hz": INF, "diameter_m": 1.0}, "freq_hz"),
        ({"freq_hz": 1e9, "diameter_m": 0.0}, "diameter_m"),
        ({"freq_hz": 1e9, "diameter_m": 1.0, "kappa_rad": 0.0}, "kappa_rad"),
        ({"freq_hz": 1e9, "diameter_m": NAN}, "diameter_m"),
        ({"freq_hz": [1e9, NAN], "diameter_m": 1.0}, "freq_hz"),
        ({"freq_hz": "two", "diameter_m": 1.0}, "freq_hz"),
    ],
)
def test_beamwidth_rejects(kwargs: dict, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        beamwidth_rad(**kwargs)


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((-1.0, 0.0, 0.1), "rx_alt_km"),
        ((600.0, -0.5, 0.1), "tx_alt_km"),
        ((INF, 0.0, 0.1), "rx_alt_km"),
        ((NAN, 0.0, 0.1), "rx_alt_km"),
        ((600.0, 0.0, 0.0), "beamwidth_rad"),
        ((600.0, 0.0, -0.1), "beamwidth_rad"),
        ((600.0, 0.0, NAN), "beamwidth_rad"),
        ((600.0, 600.0, 0.1), "rx_alt_km must be greater than tx_alt_km"),
        ((20.0, 600.0, 0.1), "rx_alt_km must be greater than tx_alt_km"),
        ((np.array([600.0, NAN]), 0.0, 0.1), "rx_alt_km"),
    ],
)
def test_uplink_rejects(args: tuple, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        uplink_vertex_angle_rad(*args)


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((0.0, 600.0, -0.01), "min_elevation_rad"),
        ((0.0, 600.0, math.pi / 2), "min_elevation_rad"),
        ((0.0, 600.0, 2.0), "min_elevation_rad"),
        ((0.0, 600.0, NAN), "min_elevation_rad"),
        ((600.0, 600.0, 0.1), "tx_alt_km must be greater than rx_alt_km"),
        ((600.0, 20.0, 0.1), "tx_alt_km must be greater than rx_alt_km"),
        ((-1.0, 600.0, 0.1), "rx_alt_km"),
        ((0.0, INF, 0.1), "tx_alt_km"),
    ],
)
def test_downlink_rejects(args: tuple, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        downlink_vertex_angle_rad(*args)


def test_elevation_message_names_the_range_in_degrees() -> None:
    with pytest.raises(ValueError, match=r"\[0, 90\) degrees"):
        downlink_vertex_angle_rad(0.0, 600.0, math.radians(95.0))


@pytest.mark.parametrize("fn", [dome_area_km2, flat_disc_area_km2])
@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((0.0, -1e-9), "vertex_angle_rad"),
        ((0.0, 3.2), "vertex_angle_rad"),
        ((0.0, NAN), "vertex_angle_rad"),
        ((-1.0, 0.1), "tx_alt_km"),
        ((np.array([0.0, INF]), 0.1), "tx_alt_km"),
    ],
)
def test_area_rejects(fn, args: tuple, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        fn(*args)


def test_coverage_dome_checks_its_parameters() -> None:
    with pytest.raises(ValueError, match="scenario"):
        coverage_dome("X2Y", rx_alt_km=1.0, tx_alt_km=0.0, freq_hz=1e9, diameter_m=1.0)
    with pytest.raises(ValueError, match="freq_hz and diameter_m are required"):
        coverage_dome("G2A", rx_alt_km=1.0, tx_alt_km=0.0)
    with pytest.raises(ValueError, match="min_elevation_rad does not apply"):
        coverage_dome(
            "G2S",
            rx_alt_km=600.0,
            tx_alt_km=0.0,
            freq_hz=1e9,
            diameter_m=1.0,
            min_elevation_rad=0.1,
        )
    with pytest.raises(ValueError, match="min_elevation_rad is required"):
        coverage_dome("S2G", rx_alt_km=0.0, tx_alt_km=600.0)
    with pytest.raises(ValueError, match="do not apply"):
        coverage_dome("S2G", rx_alt_km=0.0, tx_alt_km=600.0, min_elevation_rad=0.1, freq_hz=1e9)


def test_scenarios_table() -> None:
    assert list(SCENARIOS) == ["G2A", "A2S", "G2S", "A2G", "S2A", "S2G"]
    assert [s.symbol for s in SCENARIOS.values()] == [
        "S1,u",
        "S2,u",
        "S3,u",
        "S1,d",
        "S2,d",
        "S3,d",
    ]
    assert [s.is_uplink for s in SCENARIOS.values()] == [True] * 3 + [False] * 3
    assert get_scenario("s2g").description == "space-to-ground downlink"
    with pytest.raises(TypeError):
        SCENARIOS["G2A"] = SCENARIOS["A2G"]  # type: ignore[index]


def test_outputs_are_finite_over_the_whole_domain() -> None:
    rx = np.geomspace(1e-3, 40_000.0, 50)
    widths = np.geomspace(1e-5, 20.0, 40)[:, None]
    phi = uplink_vertex_angle_rad(rx, 0.0, widths)
    assert phi.shape == (40, 50) and np.isfinite(phi).all()
    alphas = np.linspace(0.0, math.radians(89.99), 40)[:, None]
    phi = downlink_vertex_angle_rad(0.0, rx, alphas)
    assert np.isfinite(phi).all() and (phi > 0).all()
