"""sagin_lib.platforms.airframe: flight power, airship drag, lift, glide storage, battery mass."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sagin_lib.platforms.airframe import (
    HELIUM_AIR_MOLAR_RATIO,
    STANDARD_GRAVITY_M_S2,
    airship_propulsion_power_w,
    battery_mass_kg,
    buoyant_lift_kg,
    cruise_airspeed_m_s,
    glide_storage_wh,
    level_flight_power_w,
    turn_power_factor,
)

G = STANDARD_GRAVITY_M_S2


def test_level_flight_power_is_weight_times_speed_over_lift_to_drag_and_efficiency() -> None:
    # The arithmetic: 70 kg at 15 m/s, L/D 30, eta 0.75 is about 458 W.
    assert float(level_flight_power_w(70.0, 15.0, 30.0, 0.75)) == pytest.approx(
        70 * G * 15 / (30 * 0.75)
    )
    out = level_flight_power_w([60.0, 75.0], 20.0, 25.0, 0.8)
    np.testing.assert_allclose(out, np.array([60.0, 75.0]) * G * 20 / 20.0)


def test_airspeed_makes_the_lift_that_carries_the_weight() -> None:
    v = float(cruise_airspeed_m_s(75.0, 0.0889, 30.0, 1.0))
    assert 0.5 * 0.0889 * v**2 * 30.0 * 1.0 == pytest.approx(75.0 * G)
    # Four times the density, half the speed.
    assert float(cruise_airspeed_m_s(75.0, 4 * 0.0889, 30.0, 1.0)) == pytest.approx(v / 2)


def test_turn_power_factor() -> None:
    assert float(turn_power_factor(0.0)) == 1.0
    assert float(turn_power_factor(math.radians(60.0))) == pytest.approx(2.0**1.5)


def test_airship_power_grows_as_the_cube_of_the_wind() -> None:
    p10 = float(airship_propulsion_power_w(0.0889, 10.0, 0.03, 18000.0, 0.6))
    assert p10 == pytest.approx(0.5 * 0.0889 * 1000 * 0.03 * 18000 ** (2 / 3) / 0.6)
    p20 = float(airship_propulsion_power_w(0.0889, 20.0, 0.03, 18000.0, 0.6))
    assert p20 == pytest.approx(8 * p10)
    assert 10_000 < p20 < 14_000  # the "about 12 kW at 20 m/s"


def test_lift_storage_and_battery() -> None:
    assert float(buoyant_lift_kg(1.0, 1.0)) == pytest.approx(1 - HELIUM_AIR_MOLAR_RATIO)
    assert float(buoyant_lift_kg(1.0, 1.0, 0.0)) == 1.0
    assert float(glide_storage_wh(75.0, 3.0, 1.0)) == pytest.approx(75 * G * 3000 / 3600)
    assert float(glide_storage_wh(75.0, 0.0, 0.5)) == 0.0
    assert float(battery_mass_kg(5000.0, 250.0)) == 20.0
    assert np.isinf(battery_mass_kg(np.inf, 250.0))


@settings(max_examples=40, deadline=None)
@given(
    m=st.floats(1.0, 500.0),
    v=st.floats(1.0, 60.0),
    ld=st.floats(5.0, 60.0),
    eta=st.floats(0.1, 1.0),
)
def test_power_is_monotone_in_its_inputs(m: float, v: float, ld: float, eta: float) -> None:
    p = float(level_flight_power_w(m, v, ld, eta))
    assert p > 0.0
    assert float(level_flight_power_w(m * 1.1, v, ld, eta)) > p
    assert float(level_flight_power_w(m, v, ld * 1.1, eta)) < p


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: level_flight_power_w(0.0, 15.0, 30.0, 0.75), "mass_kg"),
        (lambda: level_flight_power_w(70.0, -1.0, 30.0, 0.75), "airspeed_m_s"),
        (lambda: level_flight_power_w(70.0, 15.0, 30.0, 0.0), "propulsive_efficiency"),
        (lambda: level_flight_power_w(70.0, 15.0, 30.0, 1.5), "propulsive_efficiency"),
        (lambda: cruise_airspeed_m_s(75.0, 0.0, 30.0, 1.0), "air_density_kg_m3"),
        (lambda: turn_power_factor(math.pi / 2), "bank_rad"),
        (lambda: airship_propulsion_power_w(0.09, 10.0, 0.0, 18000.0, 0.6), "drag_coefficient"),
        (lambda: buoyant_lift_kg(0.09, 18000.0, 1.0), "gas_air_molar_ratio"),
        (lambda: glide_storage_wh(75.0, -1.0, 0.75), "altitude_drop_km"),
        (lambda: battery_mass_kg(-1.0, 250.0), "energy_wh"),
        (lambda: battery_mass_kg(1.0, 0.0), "specific_energy_wh_kg"),
    ],
)
def test_bad_input_names_the_argument(call, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        call()
