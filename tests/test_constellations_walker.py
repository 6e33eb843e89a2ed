"""Walker shells: slots, presets with sources, and refused shells."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sagin_lib.constellations.walker import MIN_ALTITUDE_KM, PRESETS, WalkerShell, preset


def test_starlink_preset_is_the_filed_shell() -> None:
    s = preset("starlink-550")
    assert (s.altitude_km, s.inclination_deg, s.n_planes, s.sats_per_plane) == (550.0, 53.0, 72, 22)
    assert s.n_sats == 1584 and "FCC" in s.source
    assert preset("kuiper-630").n_sats == 1156
    assert preset("oneweb-1200").raan_spread_deg == 180.0
    assert all(p.source for p in PRESETS.values())
    with pytest.raises(ValueError, match="preset must be one of"):
        preset("iridium")


@settings(max_examples=40, deadline=None, derandomize=True)
@given(p=st.integers(1, 30), s=st.integers(1, 30), data=st.data())
def test_slots_are_evenly_spread(p: int, s: int, data) -> None:
    f = data.draw(st.integers(0, p - 1))
    shell = WalkerShell(550.0, 53.0, p, s, phasing=f)
    raan, u, plane = shell.elements_rad()
    assert raan.shape == u.shape == plane.shape == (p * s,)
    assert np.bincount(plane).tolist() == [s] * p
    # Along each plane the slots are 2 pi / S apart; neighbouring planes shift by 2 pi F / T.
    u = u.reshape(p, s)
    gaps = np.mod(
        np.diff(np.sort(u, axis=1), axis=1, append=u.min(axis=1, keepdims=True) + 2 * np.pi),
        2 * np.pi,
    )
    np.testing.assert_allclose(gaps[:, :-1], 2 * np.pi / s, atol=1e-12)
    if p > 1:
        shift = np.mod(u[1, 0] - u[0, 0], 2 * np.pi)
        assert math.isclose(shift, np.mod(2 * np.pi * f / (p * s), 2 * np.pi), abs_tol=1e-12)
    assert np.allclose(np.unique(raan), 2 * np.pi * np.arange(p) / p)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"inclination_deg": 180.5}, r"inclination_deg must lie in \[0, 180\] degrees"),
        ({"inclination_deg": -1.0}, r"inclination_deg must lie in \[0, 180\] degrees"),
        ({"n_planes": 0}, r"n_planes must be an integer >= 1"),
        ({"sats_per_plane": 0}, r"sats_per_plane must be an integer >= 1"),
        ({"altitude_km": 250.0}, r"altitude_km must lie in \[300, 35786\] km \(below 300 km drag"),
        ({"phasing": 72}, r"phasing must be an integer in \[0, n_planes - 1\]"),
        ({"raan_spread_deg": 0.0}, r"raan_spread_deg must lie in \(0, 360\]"),
    ],
)
def test_bad_shells_are_refused_naming_the_argument(kwargs, message) -> None:
    args = {"altitude_km": 550.0, "inclination_deg": 53.0, "n_planes": 72, "sats_per_plane": 22}
    with pytest.raises(ValueError, match=message):
        WalkerShell(**{**args, **kwargs})
    assert MIN_ALTITUDE_KM == 300.0
