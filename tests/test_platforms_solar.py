"""sagin_lib.platforms.solar: sun, irradiance at altitude, the daily budget, endurance.

Checked against the sunrise equation (day length), the ICAO isothermal layer
written out here, and the closed form of a square-wave day.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sagin_lib.platforms.solar import (
    SOLAR_CONSTANT_W_M2,
    array_output_w_m2,
    daily_energy_budget,
    endurance_days,
    extraterrestrial_irradiance_w_m2,
    horizontal_irradiance_w_m2,
    pressure_ratio,
    sun_zenith_rad,
    year_round_latitude_limit_rad,
)


@pytest.mark.parametrize("lat_deg", [0.0, 30.0, 50.0, 60.0])
@pytest.mark.parametrize("day", [20, 172, 355])
def test_day_length_follows_the_sunrise_equation(lat_deg: float, day: int) -> None:
    z = sun_zenith_rad([math.radians(lat_deg)], [day], n_steps=1440)[0, 0]
    sunlit_h = 24.0 * float(np.mean(z < math.pi / 2))
    # Cooper's declination; cos(w0) = -tan(lat) tan(dec); no refraction (geometric zenith).
    dec = math.radians(23.45) * math.sin(2 * math.pi * (284 + day) / 365)
    w0 = math.acos(-math.tan(math.radians(lat_deg)) * math.tan(dec))
    assert sunlit_h == pytest.approx(24.0 * w0 / math.pi, abs=0.25)


def test_noon_sun_at_the_equinox_and_solstice() -> None:
    z = sun_zenith_rad([0.0, math.radians(23.44)], [79, 172], n_steps=1440)
    assert math.degrees(z[0, 0].min()) < 1.0  # March equinox on the equator
    assert math.degrees(z[1, 1].min()) < 0.5  # June solstice on the tropic


def test_extraterrestrial_irradiance() -> None:
    e = extraterrestrial_irradiance_w_m2(np.arange(1, 366))
    assert e.mean() == pytest.approx(SOLAR_CONSTANT_W_M2, rel=2e-3)
    assert 1.030 < e.max() / SOLAR_CONSTANT_W_M2 < 1.036  # perihelion, (1 + e)^2 ~ 1.034
    assert int(np.argmax(e)) < 10 and 170 < int(np.argmin(e)) < 200


def test_pressure_ratio_against_the_isothermal_layer() -> None:
    # ICAO: 11-20 km (geopotential) isothermal at 216.65 K from 22632.06 Pa; the
    # argument is the geometric height, H = r h / (r + h) with r = 6356.766 km.
    g0, m, rstar, t = 9.80665, 0.0289644, 8.31432, 216.65
    for h in (12.0, 20.0):
        geopotential = 6356.766 * h / (6356.766 + h)
        p = 22632.06 * math.exp(-g0 * m * (geopotential - 11.0) * 1e3 / (rstar * t))
        assert pressure_ratio(h) == pytest.approx(p / 101325.0, rel=1e-4)


def test_irradiance_without_atmosphere_is_the_cosine_law() -> None:
    z = np.radians([0.0, 30.0, 60.0, 89.0, 90.0, 120.0])
    g = horizontal_irradiance_w_m2(z, 1361.0, 20.0, 0.0)
    np.testing.assert_allclose(g[:4], 1361.0 * np.cos(z[:4]), rtol=1e-12)
    assert (g[4:] == 0.0).all()
    thin = horizontal_irradiance_w_m2(0.0, 1361.0, 20.0, 0.28)
    assert thin == pytest.approx(1361.0 * math.exp(-0.28 * pressure_ratio(20.0)), rel=1e-3)
    assert horizontal_irradiance_w_m2(0.0, 1361.0, 0.0, 0.28) < thin


@settings(max_examples=50, deadline=None, derandomize=True, database=None)
@given(
    sunlit=st.integers(1, 23),
    output=st.floats(10.0, 500.0),
    load=st.floats(1.0, 5000.0),
    eta=st.floats(0.5, 1.0),
)
def test_square_day_closed_form(sunlit: int, output: float, load: float, eta: float) -> None:
    g = np.r_[np.full(sunlit, output), np.zeros(24 - sunlit)]
    f = sunlit / 24.0
    area, battery = daily_energy_budget(g, load, eta)
    # eta_c (A G - P) f 24 = P (1 - f) 24 / eta_c  =>  A = P (f + (1 - f) / eta) / (G f).
    assert area == pytest.approx(load * (f + (1 - f) / eta) / (output * f), rel=1e-9)
    assert battery == pytest.approx(load * (1 - f) * 24.0 / math.sqrt(eta), rel=1e-9)


def test_budget_edge_cases() -> None:
    dark = np.zeros((2, 24))
    area, battery = daily_energy_budget(dark, 100.0, 0.9)
    assert np.isinf(area).all() and np.isinf(battery).all()
    area, battery = daily_energy_budget(dark, 0.0, 0.9)
    assert (area == 0).all() and (battery == 0).all()
    with pytest.raises(ValueError, match="round_trip_efficiency"):
        daily_energy_budget(np.ones(24), 1.0, 0.0)
    with pytest.raises(ValueError, match="load_w"):
        daily_energy_budget(np.ones(24), -1.0, 0.9)
    with pytest.raises(ValueError, match="array_output_w_m2"):
        daily_energy_budget(np.ones(1), 1.0, 0.9)


def test_endurance_days() -> None:
    ok = np.array([[True, True, False, True], [False] * 4, [True] * 4])
    np.testing.assert_array_equal(endurance_days(ok, 10), [30.0, 0.0, 365.0])
    with pytest.raises(ValueError, match="day_step_days"):
        endurance_days(ok, 0)


def test_winter_costs_more_array_at_higher_latitudes() -> None:
    g = array_output_w_m2(
        np.radians([0.0, 45.0]),
        [172, 355],
        alt_km=20.0,
        cell_efficiency=0.2,
        sea_level_optical_depth=0.28,
        n_steps=96,
    )
    area, battery = daily_energy_budget(g, 500.0, 0.9)
    assert area[1, 1] > area[1, 0] and area[1, 1] > area[0, 1]
    assert battery[1, 1] > battery[1, 0]


def test_year_round_limit_brackets_the_grid() -> None:
    kw = {
        "load_w": 550.0,
        "alt_km": 20.0,
        "cell_efficiency": 0.2,
        "sea_level_optical_depth": 0.28,
        "n_steps": 96,
    }
    days = np.arange(1, 366, 15)
    limit = year_round_latitude_limit_rad(
        max_array_m2=15.0,
        max_battery_wh=35 * 250.0,
        round_trip_efficiency=0.9,
        day_of_year=days,
        low_rad=math.radians(20.0),
        high_rad=math.radians(50.0),
        tol_rad=math.radians(0.1),
        **kw,
    )
    assert math.radians(20.0) <= limit < math.radians(50.0)
    for lat, closes in ((limit, True), (limit + math.radians(0.2), False)):
        g = array_output_w_m2([lat], days, **{k: kw[k] for k in kw if k != "load_w"})
        area, battery = daily_energy_budget(g, 550.0, 0.9)
        assert bool(np.all((area <= 15.0) & (battery <= 35 * 250.0))) is closes


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: sun_zenith_rad([2.0], [1]), "latitude_rad"),
        (lambda: sun_zenith_rad([0.0], [0]), "day_of_year"),
        (lambda: sun_zenith_rad([0.0], [1.5]), "day_of_year"),
        (lambda: sun_zenith_rad([0.0], [1], n_steps=2), "n_steps"),
        (lambda: pressure_ratio(100.0), "alt_km"),
        (lambda: horizontal_irradiance_w_m2(0.0, 1361.0, 20.0, -0.1), "sea_level_optical_depth"),
        (
            lambda: array_output_w_m2(
                [0.0], [1], alt_km=20.0, cell_efficiency=0.0, sea_level_optical_depth=0.0
            ),
            "cell_efficiency",
        ),
        (
            lambda: array_output_w_m2(
                [0.0, 0.1],
                [1],
                alt_km=20.0,
                cell_efficiency=0.2,
                sea_level_optical_depth=0.0,
                n_steps=24,
                zenith_rad=np.zeros((1, 1, 24)),
            ),
            "zenith_rad",
        ),
    ],
)
def test_bad_input_is_refused(call, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        call()
