"""Invariants and monotone trends of the coverage model (hypothesis)."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from sagin_lib import (
    EARTH_RADIUS_KM,
    SCENARIOS,
    beamwidth_rad,
    coverage_dome,
    dome_area_km2,
    downlink_vertex_angle_rad,
    flat_disc_area_km2,
    uplink_vertex_angle_rad,
)

lower_alt = st.floats(0.0, 40_000.0)
gap = st.floats(1e-3, 40_000.0)
width = st.floats(1e-5, 10.0)
elevation = st.floats(0.0, math.radians(89.9))
SETTINGS = settings(max_examples=300, deadline=None)


def visible_cap(rx: float, tx: float) -> float:
    """Vertex angle of everything on the sphere at ``tx`` that ``rx`` can see."""
    hi, lo = max(rx, tx), min(rx, tx)
    # 30 digits: the float64 arccos would lose half of them for close layers.
    with mp.workdps(30):
        return float(mp.acos((EARTH_RADIUS_KM + mp.mpf(lo)) / (EARTH_RADIUS_KM + mp.mpf(hi))))


@SETTINGS
@given(tx=lower_alt, d=gap, w=width)
def test_uplink_dome_never_exceeds_the_visible_cap(tx: float, d: float, w: float) -> None:
    rx = tx + d
    phi = uplink_vertex_angle_rad(rx, tx, w)
    cap = visible_cap(rx, tx)
    assert 0 < phi <= cap * (1 + 1e-12)
    assert dome_area_km2(tx, phi) <= dome_area_km2(tx, cap) * (1 + 1e-12)
    # The dome never extends past the beam: its rim is seen at most b off nadir.
    assert phi <= math.pi / 2


@SETTINGS
@given(rx=lower_alt, d=gap, a=elevation)
def test_downlink_dome_never_exceeds_the_horizon(rx: float, d: float, a: float) -> None:
    tx = rx + d
    phi = downlink_vertex_angle_rad(rx, tx, a)
    assert 0 < phi <= visible_cap(rx, tx) * (1 + 1e-12)


@SETTINGS
@given(tx=lower_alt, d=gap, w1=width, w2=width)
def test_uplink_dome_grows_with_beamwidth(tx: float, d: float, w1: float, w2: float) -> None:
    lo, hi = sorted((w1, w2))
    rx = tx + d
    assert uplink_vertex_angle_rad(rx, tx, lo) <= uplink_vertex_angle_rad(rx, tx, hi) * (1 + 1e-13)


@SETTINGS
@given(f1=st.floats(1e8, 1e11), f2=st.floats(1e8, 1e11), d=st.sampled_from([0.5, 2.0]))
def test_uplink_dome_shrinks_with_frequency(f1: float, f2: float, d: float) -> None:
    lo, hi = sorted((f1, f2))
    for key, rx, tx in (("G2A", 0.3, 0.0), ("A2S", 600.0, 20.0), ("G2S", 35_786.0, 0.0)):
        low_f = coverage_dome(key, rx_alt_km=rx, tx_alt_km=tx, freq_hz=lo, diameter_m=d)
        high_f = coverage_dome(key, rx_alt_km=rx, tx_alt_km=tx, freq_hz=hi, diameter_m=d)
        assert high_f.area_km2 <= low_f.area_km2 * (1 + 1e-13)


@SETTINGS
@given(tx=lower_alt, d1=gap, d2=gap, w=st.floats(1e-4, 3.0))
def test_uplink_dome_grows_with_receiver_altitude(
    tx: float, d1: float, d2: float, w: float
) -> None:
    lo, hi = sorted((d1, d2))
    assert uplink_vertex_angle_rad(tx + lo, tx, w) <= uplink_vertex_angle_rad(tx + hi, tx, w) * (
        1 + 1e-13
    )


@SETTINGS
@given(rx=lower_alt, d=gap, a1=elevation, a2=elevation)
def test_downlink_dome_shrinks_with_elevation(rx: float, d: float, a1: float, a2: float) -> None:
    lo, hi = sorted((a1, a2))
    tx = rx + d
    assert downlink_vertex_angle_rad(rx, tx, hi) <= downlink_vertex_angle_rad(rx, tx, lo) * (
        1 + 1e-13
    )


@SETTINGS
@given(rx=lower_alt, d1=gap, d2=gap, a=elevation)
def test_downlink_dome_grows_with_transmitter_altitude(
    rx: float, d1: float, d2: float, a: float
) -> None:
    lo, hi = sorted((d1, d2))
    assert downlink_vertex_angle_rad(rx, rx + lo, a) <= downlink_vertex_angle_rad(
        rx, rx + hi, a
    ) * (1 + 1e-13)


@SETTINGS
@given(tx=lower_alt, phi=st.floats(0.0, math.pi))
def test_dome_area_bounds_and_flat_disc_ratio(tx: float, phi: float) -> None:
    area = dome_area_km2(tx, phi)
    sphere = 4 * math.pi * (EARTH_RADIUS_KM + tx) ** 2
    assert 0 <= area <= sphere * (1 + 1e-15)
    if 1e-8 < phi < math.pi - 1e-8:
        # Corollary: dome / flat disc = 1 / cos^2(phi / 2).
        ratio = area / flat_disc_area_km2(tx, phi)
        assert math.isclose(ratio, 1 / math.cos(phi / 2) ** 2, rel_tol=1e-12)


@SETTINGS
@given(
    rx=st.lists(st.floats(1.0, 1000.0), min_size=1, max_size=5),
    w=st.floats(1e-3, 1.0),
)
def test_vectorised_equals_scalar(rx: list[float], w: float) -> None:
    vec = uplink_vertex_angle_rad(np.array(rx), 0.0, w)
    assert vec.shape == (len(rx),)
    for i, value in enumerate(rx):
        assert vec[i] == uplink_vertex_angle_rad(value, 0.0, w)


def test_paper_ordering_of_the_six_domes() -> None:
    """Fig. 3's stated orderings at the default parameters."""
    f, alpha = 2e9, math.radians(10.0)
    up = {
        "G2A": coverage_dome("G2A", rx_alt_km=20.0, tx_alt_km=0.0, freq_hz=f, diameter_m=0.5),
        "A2S": coverage_dome("A2S", rx_alt_km=600.0, tx_alt_km=20.0, freq_hz=f, diameter_m=2.0),
        "G2S": coverage_dome("G2S", rx_alt_km=600.0, tx_alt_km=0.0, freq_hz=f, diameter_m=2.0),
    }
    down = {
        "A2G": coverage_dome("A2G", rx_alt_km=0.0, tx_alt_km=20.0, min_elevation_rad=alpha),
        "S2A": coverage_dome("S2A", rx_alt_km=20.0, tx_alt_km=600.0, min_elevation_rad=alpha),
        "S2G": coverage_dome("S2G", rx_alt_km=0.0, tx_alt_km=600.0, min_elevation_rad=alpha),
    }
    assert up["G2A"].area_km2 < 0.1 * up["A2S"].area_km2
    assert up["A2S"].vertex_angle_rad < up["G2S"].vertex_angle_rad
    assert down["A2G"].area_km2 < 0.1 * down["S2A"].area_km2
    assert down["S2A"].vertex_angle_rad < down["S2G"].vertex_angle_rad
    assert set(SCENARIOS) == set(up) | set(down)


def test_beamwidth_rule_of_thumb() -> None:
    """70 lambda / D degrees: a 2 m dish at 2 GHz has a 5.25 degree beam."""
    lam = 299_792_458.0 / 2e9
    assert math.isclose(math.degrees(beamwidth_rad(2e9, 2.0)), 70 * lam / 2.0, rel_tol=1e-15)
