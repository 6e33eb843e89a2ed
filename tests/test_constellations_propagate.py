"""SGP4 propagation: the sidereal angle, the frame rotation and the orbits it gives."""

from __future__ import annotations

import math

import numpy as np
import pytest
from sgp4.propagation import gstime

from sagin_lib.constellations.propagate import (
    DEFAULT_EPOCH_JD,
    gmst_rad,
    propagate_shell,
    teme_to_ecef_km,
    time_grid_s,
)
from sagin_lib.constellations.walker import WalkerShell


def test_gmst_is_the_iau_1982_angle_of_vallado() -> None:
    for fr in (0.0, 0.123, 0.75):
        assert math.isclose(
            float(gmst_rad(DEFAULT_EPOCH_JD, fr)), gstime(DEFAULT_EPOCH_JD + fr), abs_tol=1e-8
        )


def test_rotation_keeps_lengths_and_the_axis() -> None:
    rng = np.random.default_rng(3)
    r = rng.normal(size=(5, 4, 3)) * 7000.0
    g = rng.uniform(0, 2 * np.pi, 4)
    out = teme_to_ecef_km(r, g)
    np.testing.assert_allclose(np.linalg.norm(out, axis=-1), np.linalg.norm(r, axis=-1), rtol=1e-14)
    np.testing.assert_array_equal(out[..., 2], r[..., 2])


def test_time_grid_and_its_refusals() -> None:
    t = time_grid_s(1.0, 60.0)
    assert t.size == 60 and t[0] == 0.0 and t[-1] == 3540.0
    with pytest.raises(ValueError, match="step_s must be at most the duration"):
        time_grid_s(0.5, 3600.0)
    with pytest.raises(ValueError, match="duration_h must be > 0"):
        time_grid_s(0.0, 60.0)


def test_orbits_stay_circular_inclined_and_near_their_altitude() -> None:
    shell = WalkerShell(550.0, 53.0, 6, 5)
    prop = propagate_shell(shell, time_grid_s(6.0, 120.0))
    assert prop.ecef_km.shape == (30, 180, 3)
    alt = prop.altitude_km()
    # SGP4's J2 terms move a circular orbit by some km around its mean altitude.
    assert abs(alt.mean() - 550.0) < 2.0 and alt.max() - alt.min() < 20.0
    lat = np.degrees(np.arcsin(prop.ecef_km[..., 2] / np.linalg.norm(prop.ecef_km, axis=-1)))
    assert 52.5 < lat.max() <= 53.2 and -53.2 <= lat.min() < -52.5
    assert prop.rate_per_s > 0 and prop.n_sat_epochs == 30 * 180
