"""Antenna patterns: TR 38.901 element, ITU-R M.2101 array, Bessel dish."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sagin_lib.platforms import antenna as ant

C = 299_792_458.0
angles = st.floats(-math.pi, math.pi, allow_nan=False)
rolls = st.floats(-math.pi, math.pi, allow_nan=False)


def test_tr38901_table_values() -> None:
    # Boresight: the peak gain; half-power at 32.5 deg on both cuts; 12 (off/65)^2 then 30 dB.
    assert float(ant.tr38901_element_gain_dbi(0.0)) == pytest.approx(8.0)
    for roll in (0.0, math.pi / 2):
        g = ant.tr38901_element_gain_dbi(math.radians(32.5), roll)
        assert float(g) == pytest.approx(5.0, abs=1e-12)
        g79 = ant.tr38901_element_gain_dbi(math.radians(79.0), roll)
        assert float(g79) == pytest.approx(8.0 - 12 * (79 / 65) ** 2, abs=1e-9)
        assert float(ant.tr38901_element_gain_dbi(math.radians(150.0), roll)) == pytest.approx(
            -22.0
        )
    # The combined pattern is capped at A_m even where both cuts add up past it.
    assert float(ant.tr38901_element_pattern_db(0.0, math.pi / 2)) == pytest.approx(-30.0)
    assert float(ant.tr38901_element_pattern_db(math.pi / 2, 0.0)) == 0.0


@settings(max_examples=200, deadline=None)
@given(angles, rolls)
def test_tr38901_invariants(off: float, roll: float) -> None:
    g = float(ant.tr38901_element_gain_dbi(off, roll))
    assert -22.0 - 1e-9 <= g <= 8.0 + 1e-12
    # Symmetric about boresight (the same angle on the other side).
    assert float(ant.tr38901_element_gain_dbi(-off, roll)) == pytest.approx(g, abs=1e-9)
    # Monotone along a principal cut.
    a, b = sorted((abs(off), abs(off) * 0.5))
    assert float(ant.tr38901_element_gain_dbi(a)) >= float(ant.tr38901_element_gain_dbi(b)) - 1e-12


def test_pattern_loss_regimes() -> None:
    off = np.radians([0.0, 40.0, 79.0])
    assert np.all(ant.pattern_loss_db(off, "isotropic-peak") == 0.0)
    np.testing.assert_allclose(ant.pattern_loss_db(off), 12 * (np.degrees(off) / 65) ** 2)
    with pytest.raises(ValueError, match="pattern must be one of"):
        ant.pattern_loss_db(0.0, "dipole")


def test_m2101_array_peak_and_steering() -> None:
    assert float(ant.m2101_array_gain_dbi(0.0)) == pytest.approx(8 + 10 * math.log10(16))
    steer = math.radians(30.0)
    g = ant.m2101_array_gain_dbi(steer, steer_off_boresight_rad=steer)
    want = float(ant.tr38901_element_gain_dbi(steer)) + 10 * math.log10(16)
    assert float(g) == pytest.approx(want, abs=1e-9)
    # A 1 x N line at half-wavelength spacing has its first null at sin(off) = 2 / N.
    null = math.asin(2.0 / 8)
    assert float(ant.m2101_array_gain_dbi(null, n_rows=1, n_columns=8)) < -60.0
    with pytest.raises(ValueError, match="n_rows must be at least 1"):
        ant.m2101_array_gain_dbi(0.0, n_rows=0)


@settings(max_examples=100, deadline=None)
@given(angles, rolls)
def test_m2101_array_never_exceeds_its_peak(off: float, roll: float) -> None:
    g = float(ant.m2101_array_gain_dbi(off, roll))
    assert g <= 8 + 10 * math.log10(16) + 1e-9


def _bessel_db_mp(off: float, d_m: float, f_hz: float) -> float:
    mpmath.mp.dps = 50
    u = mpmath.pi * d_m * f_hz / C * mpmath.sin(mpmath.mpf(off))
    if u == 0:
        return 0.0
    return float(20 * mpmath.log10(abs(2 * mpmath.besselj(1, u) / u)))


@pytest.mark.parametrize("off_deg", [0.0, 0.1, 0.5, 1.0, 2.0, 5.0, 30.0, 89.0])
def test_bessel_against_mpmath(off_deg: float) -> None:
    got = float(ant.bessel_pattern_db(math.radians(off_deg), 0.6, 30e9))
    assert got == pytest.approx(_bessel_db_mp(math.radians(off_deg), 0.6, 30e9), abs=1e-9)


def test_bessel_half_power_and_first_null() -> None:
    lam = C / 20e9
    # u = 1.6163: -3.01 dB; u = 3.8317: the first null.
    half = math.asin(1.616339948 * lam / (math.pi * 1.0))
    assert float(ant.bessel_pattern_db(half, 1.0, 20e9)) == pytest.approx(-3.0103, abs=1e-3)
    null = math.asin(ant.BESSEL_FIRST_NULL_U * lam / math.pi)
    assert float(ant.bessel_pattern_db(null, 1.0, 20e9)) < -100.0
    peak = float(ant.bessel_dish_peak_gain_dbi(1.0, 20e9, 0.65))
    assert peak == pytest.approx(10 * math.log10(0.65 * (math.pi / lam) ** 2))
    assert float(ant.bessel_dish_gain_dbi(0.0, 1.0, 20e9)) == pytest.approx(peak)


@settings(max_examples=200, deadline=None)
@given(
    st.floats(0.0, 1.0, allow_nan=False),
    st.floats(0.1, 5.0, allow_nan=False),
    st.floats(1e9, 60e9, allow_nan=False),
)
def test_bessel_invariants(frac: float, d_m: float, f_hz: float) -> None:
    first_null = math.asin(min(1.0, ant.BESSEL_FIRST_NULL_U * C / (math.pi * d_m * f_hz)))
    off = frac * first_null
    g = float(ant.bessel_pattern_db(off, d_m, f_hz))
    assert g <= 1e-12
    assert float(ant.bessel_pattern_db(-off, d_m, f_hz)) == pytest.approx(g, abs=1e-12)
    # Monotone within the main lobe.
    inner = float(ant.bessel_pattern_db(0.5 * off, d_m, f_hz))
    assert inner >= g - 1e-9


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: ant.tr38901_element_gain_dbi(4.0), "off_boresight_rad must lie in"),
        (lambda: ant.tr38901_element_gain_dbi(0.0, 4.0), "roll_rad must lie in"),
        (lambda: ant.tr38901_element_pattern_db(-0.1, 0.0), "zenith_rad must lie in"),
        (lambda: ant.tr38901_element_pattern_db(1.0, 0.0, hpbw_rad=0.0), "hpbw_rad must lie"),
        (lambda: ant.tr38901_element_pattern_db(1.0, 0.0, sla_v_db=-1.0), "sla_v_db must be > 0"),
        (lambda: ant.bessel_pattern_db(2.0, 1.0, 1e9), "off_boresight_rad must lie in"),
        (lambda: ant.bessel_pattern_db(0.1, 0.0, 1e9), "diameter_m must be > 0"),
        (lambda: ant.bessel_pattern_db(0.1, 1.0, -1e9), "freq_hz must be > 0"),
        (lambda: ant.bessel_dish_peak_gain_dbi(1.0, 1e9, 1.5), "efficiency must lie in"),
        (lambda: ant.tr38901_element_gain_dbi(float("nan")), "off_boresight_rad must not"),
    ],
)
def test_bad_input(call, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        call()


def test_broadcasting() -> None:
    off = np.radians(np.linspace(0, 80, 5))[:, None]
    roll = np.array([0.0, math.pi / 4, math.pi / 2])
    assert ant.tr38901_element_gain_dbi(off, roll).shape == (5, 3)
    assert ant.bessel_dish_gain_dbi(off / 10, np.array([0.5, 1.0]), 20e9).shape == (5, 2)
    assert ant.m2101_array_gain_dbi(off, roll).shape == (5, 3)
