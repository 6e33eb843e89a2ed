"""Vertex angles and dome areas against a 50-digit mpmath evaluation.

The reference evaluates the textbook formulas of Proposition 1 and Lemma 1 with
the same float64 inputs taken exactly, at 50 significant digits, where their
cancellations cost nothing.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest

from sagin_lib import (
    EARTH_RADIUS_KM,
    dome_area_km2,
    downlink_vertex_angle_rad,
    elevation_angle_rad,
    flat_disc_area_km2,
    slant_range_km,
    uplink_vertex_angle_rad,
)

mp.mp.dps = 50
R_E = mp.mpf(EARTH_RADIUS_KM)
TOL = 1e-12
EXTENDED = np.finfo(np.longdouble).nmant >= 63


def ref_uplink(rx: float, tx: float, width: float) -> mp.mpf:
    r_r, r_t, b = R_E + mp.mpf(rx), R_E + mp.mpf(tx), mp.mpf(width) / 2
    if b >= mp.asin(r_t / r_r):
        return mp.acos(r_t / r_r)
    return mp.asin(r_r * mp.sin(b) / r_t) - b


def ref_downlink(rx: float, tx: float, alpha: float) -> mp.mpf:
    r_r, r_t, a = R_E + mp.mpf(rx), R_E + mp.mpf(tx), mp.mpf(alpha)
    return mp.acos(r_r * mp.cos(a) / r_t) - a


def ref_area(tx: float, phi: mp.mpf) -> mp.mpf:
    r_t = R_E + mp.mpf(tx)
    return 2 * mp.pi * r_t**2 * (1 - mp.cos(phi))


def rel_err(got: float, ref: mp.mpf) -> float:
    return float(abs((mp.mpf(float(got)) - ref) / ref))


def _random_pairs(rng: np.random.Generator, n: int) -> list[tuple[float, float]]:
    """(lower, upper) altitudes: gaps log-uniform from 1 m to 40,000 km."""
    pairs = []
    for _ in range(n):
        lower = 0.0 if rng.random() < 0.3 else float(10 ** rng.uniform(-3, 4.6))
        gap = float(10 ** rng.uniform(-3, math.log10(40_000)))
        pairs.append((lower, lower + gap))
    return pairs


def test_uplink_random_inputs_match_mpmath() -> None:
    rng = np.random.default_rng(20261123)
    worst_phi = worst_area = 0.0
    for tx, rx in _random_pairs(rng, 600):
        width = float(10 ** rng.uniform(-4, 0.8))
        phi = uplink_vertex_angle_rad(rx, tx, width)
        ref = ref_uplink(rx, tx, width)
        worst_phi = max(worst_phi, rel_err(phi, ref))
        worst_area = max(worst_area, rel_err(dome_area_km2(tx, phi), ref_area(tx, ref)))
    assert worst_phi < TOL
    assert worst_area < TOL


def test_downlink_random_inputs_match_mpmath() -> None:
    rng = np.random.default_rng(11)
    worst_phi = worst_area = 0.0
    for rx, tx in _random_pairs(rng, 600):
        alpha = float(rng.uniform(0.0, math.radians(89.9)))
        phi = downlink_vertex_angle_rad(rx, tx, alpha)
        ref = ref_downlink(rx, tx, alpha)
        worst_phi = max(worst_phi, rel_err(phi, ref))
        worst_area = max(worst_area, rel_err(dome_area_km2(tx, phi), ref_area(tx, ref)))
    assert worst_phi < TOL
    assert worst_area < TOL


@pytest.mark.parametrize("gap_km", [0.001, 0.1, 1.0, 20.0, 600.0, 10_000.0, 35_786.0, 40_000.0])
@pytest.mark.parametrize("alpha_deg", [0.0, 1e-6, 10.0, 45.0, 89.9])
def test_downlink_tiny_and_huge_gaps(gap_km: float, alpha_deg: float) -> None:
    for rx in (0.0, 0.3, 20.0):
        alpha = math.radians(alpha_deg)
        phi = downlink_vertex_angle_rad(rx, rx + gap_km, alpha)
        ref = ref_downlink(rx, rx + gap_km, alpha)
        assert rel_err(phi, ref) < TOL
        assert rel_err(dome_area_km2(rx + gap_km, phi), ref_area(rx + gap_km, ref)) < TOL


@pytest.mark.parametrize("gap_km", [0.001, 0.1, 1.0, 20.0, 600.0, 10_000.0, 35_786.0, 40_000.0])
def test_uplink_tiny_domes_and_wide_beams(gap_km: float) -> None:
    for tx in (0.0, 0.3, 20.0):
        rx = tx + gap_km
        for width in (1e-4, 1e-2, 0.1, 0.5, 1.0, 2.0, 3.0, 6.0, 100.0):
            phi = uplink_vertex_angle_rad(rx, tx, width)
            assert rel_err(phi, ref_uplink(rx, tx, width)) < TOL


def _boundary_width(rx: float, tx: float) -> mp.mpf:
    return 2 * mp.asin((R_E + mp.mpf(tx)) / (R_E + mp.mpf(rx)))


@pytest.mark.parametrize("gap_km", [0.001, 1.0, 20.0, 600.0, 10_000.0, 35_786.0])
@pytest.mark.parametrize("offset", [1e-2, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12, 1e-13])
@pytest.mark.parametrize("side", [-1, 1])
def test_uplink_near_the_case_boundary(gap_km: float, offset: float, side: int) -> None:
    """Beams within a relative ``offset`` of the tangent cone, inside and outside it."""
    if not EXTENDED and offset < 1e-8:
        pytest.skip("numpy.longdouble is plain double on this platform")
    width = float(_boundary_width(gap_km, 0.0) * (1 + side * offset))
    phi = uplink_vertex_angle_rad(gap_km, 0.0, width)
    ref = ref_uplink(gap_km, 0.0, width)
    assert rel_err(phi, ref) < TOL
    assert rel_err(dome_area_km2(0.0, phi), ref_area(0.0, ref)) < TOL


@pytest.mark.skipif(not EXTENDED, reason="numpy.longdouble is plain double on this platform")
@pytest.mark.parametrize("gap_km", [0.001, 1.0, 600.0, 35_786.0])
def test_uplink_at_the_floats_nearest_the_boundary(gap_km: float) -> None:
    """The band where no 64-bit-significand evaluation keeps 12 digits.

    Within a few ulps of the exact boundary, phi depends on the square root of a
    clearance of order 1e-16 of the altitude gap; the error is bounded by what
    the 64-bit clearance allows (measured at most 2.5e-11 at GEO).
    """
    centre = float(_boundary_width(gap_km, 0.0))
    width = centre
    for _ in range(4):
        width = math.nextafter(width, 0.0)
    for _ in range(8):
        phi = uplink_vertex_angle_rad(gap_km, 0.0, width)
        assert rel_err(phi, ref_uplink(gap_km, 0.0, width)) < 1e-10
        width = math.nextafter(width, 10.0)


def test_case_boundary_is_continuous() -> None:
    """Both cases meet without a jump: phi approaches the tangent dome as a square root.

    phi_tangent - phi ~ c * sqrt(g - b), so each 100-fold step towards the
    boundary shrinks the gap tenfold (allowing 8 to 12 for the curvature).
    """
    for gap in (0.3, 600.0, 35_786.0):
        centre = float(_boundary_width(gap, 0.0))
        tangent = uplink_vertex_angle_rad(gap, 0.0, centre * (1 + 1e-9))
        shortfalls = [
            tangent - uplink_vertex_angle_rad(gap, 0.0, centre * (1 - offset))
            for offset in (1e-4, 1e-6, 1e-8, 1e-10)
        ]
        assert all(s > 0 for s in shortfalls)
        ratios = np.array(shortfalls[:-1]) / np.array(shortfalls[1:])
        assert np.all((ratios > 8) & (ratios < 12)), ratios


def test_flat_disc_and_slant_range_match_mpmath() -> None:
    for tx, phi in [(0.0, 1e-7), (20.0, 0.01), (600.0, 0.5), (35_786.0, 1.4)]:
        r_t = R_E + mp.mpf(tx)
        ref = mp.pi * (r_t * mp.sin(mp.mpf(phi))) ** 2
        assert rel_err(flat_disc_area_km2(tx, phi), ref) < TOL
    for a, b, psi in [
        (0.0, 0.001, 0.0),
        (0.0, 600.0, 0.3),
        (20.0, 20.0, 1e-9),
        (0.3, 35_786.0, 1.2),
    ]:
        r_a, r_b = R_E + mp.mpf(a), R_E + mp.mpf(b)
        ref = mp.sqrt(r_a**2 + r_b**2 - 2 * r_a * r_b * mp.cos(mp.mpf(psi)))
        assert rel_err(slant_range_km(a, b, psi), ref) < TOL


def test_elevation_angle_inverts_the_downlink_dome() -> None:
    for rx, tx in [(0.0, 0.3), (0.0, 600.0), (20.0, 35_786.0), (0.0, 0.001)]:
        for alpha_deg in (0.0, 5.0, 30.0, 80.0):
            alpha = math.radians(alpha_deg)
            phi = downlink_vertex_angle_rad(rx, tx, alpha)
            assert abs(elevation_angle_rad(rx, tx, phi) - alpha) < 1e-12
