"""sagin_lib.model.constants: the defaults, checked against physics they must agree with."""

from __future__ import annotations

import math

from sagin_lib.model import constants as c


def test_geo_altitude_gives_one_sidereal_day() -> None:
    # Kepler's third law with the standard gravitational parameter (IERS) and the
    # equatorial radius (WGS 84), which the geostationary altitude is measured from.
    mu_km3_s2 = 398_600.4418
    semi_major_km = 6378.137 + c.GEO_ALT_KM
    period_s = 2 * math.pi * math.sqrt(semi_major_km**3 / mu_km3_s2)
    assert abs(period_s - 86_164.0905) < 2.0


def test_reference_values() -> None:
    assert c.SPEED_OF_LIGHT_M_S == 299_792_458.0  # exact by the SI definition
    assert math.isclose(math.degrees(c.DEFAULT_KAPPA_RAD), 70.0)
    assert math.isclose(math.degrees(c.DEFAULT_MIN_ELEVATION_RAD), 10.0)
    assert c.UAV_ALT_KM < c.HAP_ALT_KM < c.LEO_ALT_KM < c.MEO_ALT_KM < c.GEO_ALT_KM
    # Maral and Bousquet's rule of thumb: 70 lambda / D degrees at 2 GHz and 2 m.
    lam_m = c.SPEED_OF_LIGHT_M_S / c.DEFAULT_FREQ_HZ
    assert math.isclose(70 * lam_m / c.SATELLITE_DIAMETER_M, 5.246, rel_tol=1e-3)
