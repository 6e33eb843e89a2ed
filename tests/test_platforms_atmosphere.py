"""The ICAO standard atmosphere wrapper, against the ISA's closed forms."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sagin_lib.platforms.atmosphere import (
    ISA_MAX_ALT_KM,
    ISA_MIN_ALT_KM,
    SEA_LEVEL_PRESSURE_PA,
    isa_layer_name,
    isa_pressure_fraction,
    isa_pressure_pa,
    isa_profile,
    isa_temperature_degc,
    isa_temperature_k,
    stratosphere_bounds_km,
)

# ICAO 1993 constants, typed in here independently of ambiance.
G0 = mpmath.mpf("9.80665")
R_AIR = mpmath.mpf("287.05287")
R_EARTH_M = mpmath.mpf(6_356_766)


def _geopotential_m(alt_km: float) -> mpmath.mpf:
    h = mpmath.mpf(alt_km) * 1000
    return R_EARTH_M * h / (R_EARTH_M + h)


def _isa_closed_form(alt_km: float) -> tuple[float, float]:
    """Pressure (Pa) and temperature (K) from the ISA's layer formulas, 50 digits."""
    mpmath.mp.dps = 50
    big_h = _geopotential_m(alt_km)
    if big_h <= 11000:  # troposphere: T = 288.15 - 0.0065 H
        t = 288.15 - mpmath.mpf("0.0065") * big_h
        p = 101325 * (t / mpmath.mpf("288.15")) ** (G0 / (R_AIR * mpmath.mpf("0.0065")))
    elif big_h <= 20000:  # isothermal layer at 216.65 K from 22632.0 Pa
        t = mpmath.mpf("216.65")
        p = mpmath.mpf("22632.0") * mpmath.exp(-G0 * (big_h - 11000) / (R_AIR * t))
    else:  # 20-32 km: T = 216.65 + 0.001 (H - 20000) from 5474.87 Pa
        t = mpmath.mpf("216.65") + mpmath.mpf("0.001") * (big_h - 20000)
        p = mpmath.mpf("5474.87") * (t / mpmath.mpf("216.65")) ** (
            -G0 / (R_AIR * mpmath.mpf("0.001"))
        )
    return float(p), float(t)


@pytest.mark.parametrize("alt_km", [0.0, 5.0, 11.0, 15.0, 18.0, 20.0, 23.0, 30.0])
def test_pressure_and_temperature_match_the_isa_formulas(alt_km: float) -> None:
    p, t = _isa_closed_form(alt_km)
    # The ISA table's base pressures are rounded to 5-6 digits: 1e-4 relative.
    assert float(isa_pressure_pa(alt_km)) == pytest.approx(p, rel=1e-4)
    assert float(isa_temperature_k(alt_km)) == pytest.approx(t, abs=1e-9)
    assert float(isa_temperature_degc(alt_km)) == pytest.approx(t - 273.15, abs=1e-9)


def test_the_survey_numbers_at_20_km() -> None:
    assert float(isa_pressure_fraction(20.0)) == pytest.approx(0.05457, abs=5e-5)
    assert float(isa_temperature_degc(20.0)) == pytest.approx(-56.5, abs=1e-9)
    assert float(isa_pressure_pa(0.0)) == pytest.approx(SEA_LEVEL_PRESSURE_PA, rel=1e-12)


def test_shapes_broadcast_and_scalars_stay_scalars() -> None:
    assert isinstance(isa_pressure_pa(10.0), np.floating)
    grid = np.array([[0.0, 10.0], [20.0, 30.0]])
    assert isa_pressure_pa(grid).shape == (2, 2)
    assert isa_temperature_degc(grid).shape == (2, 2)
    assert isa_layer_name(grid).shape == (2, 2)
    assert str(isa_layer_name(5.0)) == "troposphere"
    assert list(isa_layer_name([5.0, 15.0, 30.0, 49.0, 60.0])) == [
        "troposphere",
        "tropopause",
        "stratosphere",
        "stratopause",
        "mesosphere",
    ]


def test_stratosphere_bounds_are_the_isa_layer_edges_in_geometric_altitude() -> None:
    bottom, top = stratosphere_bounds_km()
    # Geometric h = r H / (r - H) for the geopotential edges 11 and 51 km.
    r = 6356.766
    assert bottom == pytest.approx(r * 11.0 / (r - 11.0), rel=1e-12)
    assert top == pytest.approx(r * 51.0 / (r - 51.0), rel=1e-12)
    assert 11.0 < bottom < 11.1 and 51.0 < top < 51.5


def test_profile_columns_and_units() -> None:
    prof = isa_profile([0.0, 20.0])
    assert list(prof.columns) == [
        "alt_km",
        "pressure_pa",
        "pressure_fraction_of_sea_level",
        "temperature_k",
        "temperature_degc",
        "isa_layer",
    ]
    np.testing.assert_allclose(prof["alt_km"], [0.0, 20.0])
    np.testing.assert_allclose(prof["temperature_k"] - prof["temperature_degc"], 273.15)


@pytest.mark.parametrize("bad", [-6.0, 82.0, math.nan, math.inf])
def test_out_of_range_altitude_is_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="alt_km"):
        isa_pressure_pa(bad)


@settings(max_examples=40, deadline=None)
@given(
    st.floats(ISA_MIN_ALT_KM, ISA_MAX_ALT_KM - 0.01),
    st.floats(0.001, 10.0),
)
def test_pressure_falls_with_altitude(alt_km: float, step_km: float) -> None:
    high = min(alt_km + step_km, ISA_MAX_ALT_KM)
    assert float(isa_pressure_pa(high)) < float(isa_pressure_pa(alt_km))
    assert 0.0 < float(isa_pressure_fraction(high)) < 1.8
