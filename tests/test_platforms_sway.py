"""sagin_lib.platforms.sway: footprint of a displaced or tilted HAPS, handover fractions.

Checked against the two-cap lens in 50-digit mpmath (the textbook arccos form),
the planar lens for small caps, vector geometry built here, and Monte Carlo.
"""

from __future__ import annotations

import math
from functools import partial

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.coverage import downlink_vertex_angle_rad
from sagin_lib.model.sphere import spherical_to_cartesian
from sagin_lib.platforms.antenna import pattern_loss_db
from sagin_lib.platforms.sway import (
    _BISECTION_STEPS,
    _bisect,
    _ground_points,
    _platform_frame,
    cap_intersection_area_km2,
    displacement_handover_fraction,
    footprint_boundary_xyz_km,
    footprint_overlap_fraction,
    in_sway_footprint,
    link_monte_carlo,
    loiter_bank_rad,
    loiter_states,
    matched_half_beam_rad,
    oscillation_states,
    outside_share,
    platform_frames,
    served,
    served_boundary_xyz_km,
    sinusoid_peaks,
    sway_monte_carlo,
)

R = EARTH_RADIUS_KM
A10 = math.radians(10.0)


def _phi(alt_km: float, el: float) -> float:
    return math.acos(R * math.cos(el) / (R + alt_km)) - el


def _lens_mp(t: float, g: float) -> float:
    """Two equal caps on the unit sphere, the standard arccos form, 50 digits."""
    with mp.workdps(50):
        t, g = mp.mpf(t), mp.mpf(g)
        a1 = mp.acos((mp.cos(g) - mp.cos(t) ** 2) / mp.sin(t) ** 2)
        a2 = mp.acos((mp.cos(t) - mp.cos(g) * mp.cos(t)) / (mp.sin(g) * mp.sin(t)))
        return float(2 * (mp.pi - a1 - 2 * mp.cos(t) * a2))


@pytest.mark.parametrize("t", [0.01, 0.1, 0.5, 1.2])
@pytest.mark.parametrize("share", [0.01, 0.3, 0.9, 1.7])
def test_lens_against_fifty_digits(t: float, share: float) -> None:
    g = share * t
    got = cap_intersection_area_km2(1.0, t, g)
    assert got == pytest.approx(_lens_mp(t, g), rel=1e-9, abs=1e-15)


def test_lens_ends() -> None:
    t = 0.2
    cap = 2 * math.pi * (1 - math.cos(t)) * R**2
    assert cap_intersection_area_km2(R, t, 0.0) == pytest.approx(cap, rel=1e-14)
    assert cap_intersection_area_km2(R, t, 2 * t) == 0.0
    assert cap_intersection_area_km2(R, t, 3 * t) == 0.0


def test_small_caps_follow_the_planar_lens() -> None:
    # 20 km HAPS: the cap is 108 km across; the planar lens of two discs of radius r
    # at distance s has area 2 r^2 acos(s/2r) - (s/2) sqrt(4 r^2 - s^2).
    phi = _phi(20.0, A10)
    r = R * math.sin(phi)
    for d in (1.0, 10.0, 80.0):
        s = R * math.sin(d / (R + 20.0))
        planar = 2 * r**2 * math.acos(s / (2 * r)) - 0.5 * s * math.sqrt(4 * r**2 - s**2)
        want = 1 - planar / (math.pi * r**2)
        got = displacement_handover_fraction(20.0, A10, d)
        assert got == pytest.approx(want, rel=2e-3)


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(
    alt=st.floats(15.0, 50.0),
    el=st.floats(0.0, 1.0),
    d1=st.floats(0.0, 300.0),
    d2=st.floats(0.0, 300.0),
)
def test_handover_is_monotone_in_displacement(alt: float, el: float, d1: float, d2: float) -> None:
    lo, hi = sorted((d1, d2))
    f_lo = displacement_handover_fraction(alt, el, lo)
    f_hi = displacement_handover_fraction(alt, el, hi)
    assert 0.0 <= f_lo <= f_hi + 1e-12 <= 1.0 + 1e-12
    assert displacement_handover_fraction(alt, el, -hi) == f_hi


def test_handover_saturates_beyond_the_diameter() -> None:
    phi = _phi(20.0, A10)
    assert displacement_handover_fraction(20.0, A10, 2.01 * phi * (R + 20.0)) == 1.0
    assert displacement_handover_fraction(20.0, A10, 0.0) == 0.0


def test_matched_beam_puts_its_edge_on_the_rim() -> None:
    h = 20.0
    phi = _phi(h, A10)
    beam = matched_half_beam_rad(h, A10)
    platform = np.array([0.0, 0.0, R + h])
    rim = R * np.array([math.sin(phi), 0.0, math.cos(phi)])
    los = rim - platform
    off_nadir = math.acos(-los[2] / np.linalg.norm(los))
    assert off_nadir == pytest.approx(beam, abs=1e-12)
    elevation = math.asin(np.dot(-los, rim / R) / np.linalg.norm(los))
    assert elevation == pytest.approx(A10, abs=1e-12)


def _ring(psi: float, n: int = 72) -> np.ndarray:
    az = np.linspace(0, 2 * np.pi, n, endpoint=False)
    return R * np.stack(
        [np.sin(psi) * np.cos(az), np.sin(psi) * np.sin(az), np.full(n, np.cos(psi))], axis=1
    )


def test_footprint_at_rest_is_the_cap() -> None:
    phi = _phi(20.0, A10)
    assert in_sway_footprint(_ring(phi * 0.999), 20.0, A10).all()
    assert not in_sway_footprint(_ring(phi * 1.001), 20.0, A10).any()


def test_displaced_footprint_is_the_moved_cap() -> None:
    h, d = 20.0, 15.0
    phi, g = _phi(h, A10), d / (R + h)
    c, s = math.cos(g), math.sin(g)
    rot = np.array([[c, 0, s], [0, 1, 0], [-s, 0, c]])
    inner, outer = _ring(phi * 0.999) @ rot.T, _ring(phi * 1.001) @ rot.T
    assert in_sway_footprint(inner, h, A10, d, 0.0).all()
    assert not in_sway_footprint(outer, h, A10, d, 0.0).any()


def test_quadrature_reproduces_the_closed_form() -> None:
    for d in (0.5, 5.0, 50.0):
        quad = footprint_overlap_fraction(20.0, A10, d, 0.0, n_azimuth=720, n_radial=256)
        assert quad == pytest.approx(displacement_handover_fraction(20.0, A10, d), abs=1e-6)


def test_ground_points_are_the_model_s_coordinates() -> None:
    # The quadratures' points round as spherical_to_cartesian's unit vector times R, bit for bit.
    rng = np.random.default_rng(3)
    psi, az = rng.uniform(0.0, 0.5, 200), rng.uniform(0.0, 2.0 * np.pi, 200)
    want = EARTH_RADIUS_KM * spherical_to_cartesian(1.0, az, psi)
    assert np.array_equal(_ground_points(psi, az), want)


def test_the_bisection_stops_once_settled_with_the_result_of_every_step() -> None:
    lo, hi = np.array([1.0, 0.0, 2.0]), np.array([2.0, 1e-3, 3.0])
    targets = np.array([math.sqrt(2.0), 1e-4 / 3.0, 2.5])
    calls = []

    def below(mid: np.ndarray) -> np.ndarray:
        calls.append(1)
        return mid <= targets

    got_lo, got_hi = _bisect(lo, hi, below)
    for _ in range(_BISECTION_STEPS):
        mid = 0.5 * (lo + hi)
        lo, hi = np.where(mid <= targets, mid, lo), np.where(mid <= targets, hi, mid)
    assert np.array_equal(got_lo, lo) and np.array_equal(got_hi, hi)
    assert np.array_equal(np.nextafter(got_lo, np.inf), got_hi)  # adjacent floats
    assert len(calls) < _BISECTION_STEPS


def test_tilt_is_symmetric_and_grows() -> None:
    f = [footprint_overlap_fraction(20.0, A10, 0.0, math.radians(t)) for t in (0.5, 1.0, 2.0)]
    assert f[0] < f[1] < f[2]
    assert footprint_overlap_fraction(20.0, A10, 0.0, -math.radians(1.0)) == pytest.approx(
        f[1], abs=1e-9
    )


def test_boundary_at_rest_is_a_circle_and_follows_the_tilt() -> None:
    phi = _phi(20.0, A10)
    xyz = footprint_boundary_xyz_km(20.0, A10, 0.0, 0.0, n_points=37)
    psi = np.arccos(np.clip(xyz[:, 2] / R, -1, 1))
    np.testing.assert_allclose(psi, phi, rtol=1e-9)
    tilted = footprint_boundary_xyz_km(20.0, A10, 0.0, math.radians(2.0), n_points=5)
    # Azimuth 0 points along the tilt: the edge there stays on the rim; opposite, it moves in.
    psi_t = np.arccos(np.clip(tilted[:, 2] / R, -1, 1))
    assert psi_t[0] == pytest.approx(phi, rel=1e-6) and psi_t[2] < 0.9 * phi


def test_oscillation_states() -> None:
    t, d, tau = oscillation_states(2.0, 0.1, 60.0, 8)
    np.testing.assert_allclose(t, np.arange(8) * 7.5)
    assert d[2] == pytest.approx(2.0) and d[6] == pytest.approx(-2.0)
    np.testing.assert_allclose(tau / 0.1, d / 2.0)


def test_monte_carlo_is_seeded_and_agrees_with_the_analysis() -> None:
    _, d, tau = oscillation_states(3.0, math.radians(1.5), 60.0, 16)
    a = sway_monte_carlo(20_000, 20.0, A10, d, tau, rng=5)
    b = sway_monte_carlo(20_000, 20.0, A10, d, tau, rng=5)
    np.testing.assert_array_equal(a.outside_fraction, b.outside_fraction)
    ever = footprint_overlap_fraction(20.0, A10, d, tau)
    se = math.sqrt(ever * (1 - ever) / a.n_users)
    # 4 standard errors: a false alarm once in ~16,000 seeds.
    assert abs(a.ever_outside_fraction - ever) < 4 * se
    inst = footprint_overlap_fraction(20.0, A10, d[4], tau[4])
    assert abs(a.outside_fraction[4] - inst) < 4 * math.sqrt(inst * (1 - inst) / a.n_users)
    assert a.outside_fraction[0] == 0.0


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: cap_intersection_area_km2(R, 0.0, 0.1), "vertex_angle_rad"),
        (lambda: cap_intersection_area_km2(R, 0.1, -0.1), "separation_rad"),
        (lambda: displacement_handover_fraction(-1.0, A10, 1.0), "alt_km"),
        (lambda: displacement_handover_fraction(20.0, A10, math.nan), "displacement_km"),
        (lambda: footprint_overlap_fraction(20.0, 2.0, 0.0, 0.0), "min_elevation_rad"),
        (lambda: footprint_overlap_fraction(20.0, A10, 0.0, 2.0), "tilt_rad"),
        (lambda: footprint_overlap_fraction(20.0, A10, 0.0, 0.0, n_azimuth=4), "n_azimuth"),
        (lambda: in_sway_footprint(np.zeros((3, 2)), 20.0, A10), "user_xyz_km"),
        (lambda: footprint_boundary_xyz_km(20.0, A10, 0.0, 1.5), "tilt_rad"),
        (lambda: oscillation_states(-1.0, 0.0, 1.0, 8), "displacement_amplitude_km"),
        (lambda: oscillation_states(1.0, 0.0, 1.0, 2), "n_steps"),
        (lambda: sway_monte_carlo(0, 20.0, A10, 0.0, 0.0), "n_users"),
    ],
)
def test_bad_input_is_refused(call, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        call()


# ----------------------------------------------------------------- flown motion and the link rule

_PATTERN = partial(pattern_loss_db, pattern="tr38901")
_A = math.radians(10.0)


def test_platform_frames_extend_the_planar_states() -> None:
    d, t = np.array([0.0, 3.0, -2.0]), np.array([0.0, 0.02, -0.01])
    pos, bore = platform_frames(20.0, d, 0.0, t, 0.0)
    pos0, bore0 = _platform_frame(20.0, d, t)
    np.testing.assert_allclose(pos, pos0, atol=1e-9)
    np.testing.assert_allclose(bore, bore0, atol=1e-12)
    # Turned about the nadir: the same state rotated.
    pos_n, bore_n = platform_frames(20.0, 0.0, 3.0, 0.0, 0.02)
    np.testing.assert_allclose(pos_n[0], [pos0[1, 1], pos0[1, 0], pos0[1, 2]], atol=1e-9)
    np.testing.assert_allclose(np.linalg.norm(bore_n, axis=1), 1.0)


def test_link_rule_at_rest_serves_the_dome_and_a_displacement_moves_it() -> None:
    xyz = served_boundary_xyz_km(20.0, _A, pattern_loss_db=_PATTERN, n_points=37)
    psi = np.arctan2(np.hypot(xyz[:, 0], xyz[:, 1]), xyz[:, 2])
    phi = float(downlink_vertex_angle_rad(0.0, 20.0, _A))
    np.testing.assert_allclose(psi, phi, rtol=1e-6)
    for d in (1.0, 5.0):
        link = outside_share(20.0, _A, d, pattern_loss_db=_PATTERN)
        assert link == pytest.approx(float(displacement_handover_fraction(20.0, _A, d)), abs=1e-5)


def test_the_pattern_softens_the_tilt() -> None:
    tilt = math.radians(1.0)
    wall = outside_share(20.0, _A, 0.0, 0.0, tilt, 0.0)
    link = outside_share(20.0, _A, 0.0, 0.0, tilt, 0.0, pattern_loss_db=_PATTERN)
    assert 0.0 < link < wall


def test_loiter_kinematics() -> None:
    assert float(loiter_bank_rad(15.0, 1.0)) == pytest.approx(math.atan(225.0 / 9806.65))
    t, e, n, te, tn = loiter_states(1.0, 20.0, 8)
    np.testing.assert_allclose(np.hypot(e, n), 1.0)
    np.testing.assert_allclose(np.hypot(te, tn), float(loiter_bank_rad(20.0, 1.0)))
    # The beam leans outward, along the displacement.
    np.testing.assert_allclose(np.arctan2(tn, te), np.arctan2(n, e))
    assert t[-1] == pytest.approx(2 * math.pi * 1000.0 / 20.0 * 7 / 8)
    speed, acc = sinusoid_peaks(1.0, 60.0)
    assert float(speed) == pytest.approx(104.72, abs=0.01)
    assert float(acc) == pytest.approx(1.1 * 9.80665, rel=0.02)


def test_link_monte_carlo_agrees_with_the_quadrature_and_counts_exits() -> None:
    _, e, n, te, tn = loiter_states(1.0, 23.0, 16)
    mc = link_monte_carlo(20000, 20.0, _A, e, n, te, tn, pattern_loss_db=_PATTERN, rng=3)
    ever = outside_share(20.0, _A, e, n, te, tn, pattern_loss_db=_PATTERN)
    se = math.sqrt(ever * (1 - ever) / 20000)
    assert abs(mc.ever_outside_fraction - ever) < 4 * se
    # On a circle each leaving user leaves once per revolution.
    assert mc.exits_per_leaving_user == pytest.approx(1.0)
    assert mc.exits_per_user == pytest.approx(mc.ever_outside_fraction)
    users = np.array([[0.0, 0.0, 6371.0]])
    assert served(users, 20.0, _A, e, n, te, tn, pattern_loss_db=_PATTERN).all()


def test_flown_motion_bad_input() -> None:
    with pytest.raises(ValueError, match="radius_km"):
        loiter_bank_rad(15.0, 0.0)
    with pytest.raises(ValueError, match="tilt"):
        platform_frames(20.0, 0.0, 0.0, 2.0, 0.0)
    with pytest.raises(ValueError, match="n_users"):
        link_monte_carlo(0, 20.0, _A, 0.0, 0.0, 0.0, 0.0)
