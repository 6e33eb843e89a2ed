"""Visible counts of a propagated shell: exact against brute force, and against an
independent two-body time average written here."""

from __future__ import annotations

import math

import numpy as np
import pytest

from sagin_lib.constellations.density import bpp_cap_probability, nonhomogeneous_cap_probability
from sagin_lib.constellations.propagate import propagate_shell, time_grid_s
from sagin_lib.constellations.visibility import count_histogram, visible_counts
from sagin_lib.constellations.walker import preset
from sagin_lib.model.coverage import downlink_vertex_angle_rad

ALPHA = math.radians(25.0)
R_KM = 6371.0


def _elevation_counts(sat_km: np.ndarray, lat_deg: np.ndarray, lon_rad: np.ndarray) -> np.ndarray:
    """Satellites at or above 25 degrees of elevation, from the elevation itself (brute force).

    sat_km: (S, T, 3); returns (n_lat, T, n_lon).
    """
    out = np.zeros((lat_deg.size, sat_km.shape[1], lon_rad.size), dtype=np.int64)
    for j, lat in enumerate(np.radians(lat_deg)):
        up = np.stack([np.cos(lat) * np.cos(lon_rad), np.cos(lat) * np.sin(lon_rad),
                       np.full(lon_rad.shape, np.sin(lat))], axis=-1)  # fmt: skip
        for k in range(lon_rad.size):
            rel = sat_km - R_KM * up[k]
            sin_el = rel @ up[k] / np.linalg.norm(rel, axis=-1)
            out[j, :, k] = (sin_el >= math.sin(ALPHA)).sum(axis=0)
    return out


def _two_body_ecef_km(shell, times_s: np.ndarray) -> np.ndarray:
    """Circular Keplerian orbits (no J2) seen from an Earth turning at the sidereal rate."""
    mu = 398_600.4418
    a = R_KM + shell.altitude_km
    n = math.sqrt(mu / a**3)
    raan, u0, _ = shell.elements_rad()
    i = shell.inclination_rad
    u = u0[:, None] + n * times_s[None, :]
    om = raan[:, None]
    x = a * (np.cos(om) * np.cos(u) - np.sin(om) * np.sin(u) * math.cos(i))
    y = a * (np.sin(om) * np.cos(u) + np.cos(om) * np.sin(u) * math.cos(i))
    z = a * np.sin(u) * math.sin(i) * np.ones_like(om)
    theta = 7.292115e-5 * times_s[None, :]
    return np.stack(
        [np.cos(theta) * x + np.sin(theta) * y, -np.sin(theta) * x + np.cos(theta) * y, z], axis=-1
    )


@pytest.fixture(scope="module")
def starlink():
    shell = preset("starlink-550")
    return shell, propagate_shell(shell, time_grid_s(24.0, 180.0))


def test_interval_counts_equal_brute_force(starlink) -> None:
    shell, prop = starlink
    lat = np.array([0.0, 37.5, 52.0, 61.0, 90.0])
    counts = visible_counts(prop.ecef_km[:, :40], lat, 36, ALPHA)
    brute = _elevation_counts(prop.ecef_km[:, :40], lat, 2 * np.pi * np.arange(36) / 36)
    np.testing.assert_array_equal(counts, brute)
    hist = count_histogram(counts)
    np.testing.assert_allclose(hist.sum(axis=1), 1.0)


def test_sgp4_and_inclined_density_match_an_independent_time_average(starlink) -> None:
    """The issue's check: 550 km / 53 deg / 72 x 22 at 25 deg, latitudes up to 50 deg.

    The reference is a day of circular two-body orbits on a turning Earth, computed here
    with its own elevation test; 5 % covers the time sampling (every 3 min) and SGP4's
    few-km altitude oscillation, which neither reference nor model has.
    """
    shell, prop = starlink
    lat = np.array([0.0, 10.0, 20.0, 30.0, 40.0, 50.0])
    lon = 2 * np.pi * np.arange(24) / 24
    ref = _elevation_counts(_two_body_ecef_km(shell, prop.times_s), lat, lon).mean(axis=(1, 2))
    sgp4 = visible_counts(prop.ecef_km, lat, 24, ALPHA).mean(axis=(1, 2))
    psi = float(downlink_vertex_angle_rad(0.0, shell.altitude_km, ALPHA))
    nh = shell.n_sats * nonhomogeneous_cap_probability(np.radians(lat), psi, shell.inclination_rad)
    np.testing.assert_allclose(sgp4, ref, rtol=0.05)
    np.testing.assert_allclose(nh, ref, rtol=0.05)
    # The numbers the issue quotes: about 6.9 on the equator, 8.9 at 30 deg, 19.2 at 50 deg.
    np.testing.assert_allclose(ref[[0, 3, 5]], [6.9, 8.9, 19.2], rtol=0.03)
    # The uniform sphere: N (1 - cos psi) / 2, about 8.6, computed as N sin^2(psi / 2) (the
    # same number without the cancellation of 1 - cos psi; equal to rounding).
    bpp = shell.n_sats * float(bpp_cap_probability(psi))
    assert bpp == pytest.approx(shell.n_sats * (1 - math.cos(psi)) / 2, rel=1e-13)
    assert bpp == pytest.approx(8.6, abs=0.05)


def test_bad_positions_and_grids_are_refused(starlink) -> None:
    _, prop = starlink
    with pytest.raises(ValueError, match=r"ecef_km must have shape \(n_sats, n_times, 3\)"):
        visible_counts(prop.ecef_km[0], [0.0], 4, ALPHA)
    with pytest.raises(ValueError, match="n_longitudes must be an integer >= 1"):
        visible_counts(prop.ecef_km[:, :2], [0.0], 0, ALPHA)
    with pytest.raises(ValueError, match=r"user_latitude_deg must lie in \[-90, 90\]"):
        visible_counts(prop.ecef_km[:, :2], [91.0], 4, ALPHA)
