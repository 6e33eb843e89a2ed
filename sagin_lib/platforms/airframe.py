"""Power and mass of a solar HAPS derived from its airframe: aircraft, airship, battery.

The survey gives the payload power of its solar platforms (Table I) but not what
keeps them aloft. This module derives it from stated inputs, so that every watt
of the energy budget follows from a mass, a speed, a drag or an efficiency:

* a **fixed-wing** aircraft in level flight needs the thrust power ``D V = m g V /
  (L/D)`` at its airspeed ``V``, and the electrical power ``m g V / (L/D eta)``
  through a propulsion chain of efficiency ``eta`` (motor, gearbox and
  propeller); its airspeed at altitude follows from the lift it must make,
  ``V = sqrt(2 m g / (rho S C_L))`` (:func:`cruise_airspeed_m_s`); in a steady
  turn the lift grows by ``n = 1 / cos(bank)`` and, at constant lift coefficient
  and L/D, the power by ``n^1.5`` (:func:`turn_power_factor`);
* an **airship** holding station against a wind ``v`` needs
  ``1/2 rho v^3 C_DV Vol^(2/3) / eta`` (volumetric drag coefficient ``C_DV``,
  :func:`airship_propulsion_power_w`), and carries what its gas lifts,
  ``rho Vol (1 - M_gas / M_air)`` (:func:`buoyant_lift_kg`);
* an aircraft that **climbs by day and glides down at night** stores
  ``m g dh`` of potential energy, which spares ``m g dh / eta`` of electrical
  energy at night (:func:`glide_storage_wh`);
* a **battery** of specific energy ``e`` holding ``E`` weighs ``E / e``
  (:func:`battery_mass_kg`).

Every function is a NumPy-broadcasting formula; the inputs and their sources are
the operations chapter's (``sagin_lib.study.operations``).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from sagin_lib._checks import (
    FloatArray,
    check_interval,
    check_nonnegative,
    check_positive,
    scalar_or_array,
)

__all__ = [
    "HELIUM_AIR_MOLAR_RATIO",
    "STANDARD_GRAVITY_M_S2",
    "airship_propulsion_power_w",
    "battery_mass_kg",
    "buoyant_lift_kg",
    "cruise_airspeed_m_s",
    "glide_storage_wh",
    "level_flight_power_w",
    "turn_power_factor",
]

#: Standard acceleration of gravity (ISO 80000-3), m/s^2.
STANDARD_GRAVITY_M_S2: float = 9.80665
#: Molar mass of helium over that of dry air (4.0026 / 28.9644 g/mol).
HELIUM_AIR_MOLAR_RATIO: float = 4.0026 / 28.9644


def _efficiency(name: str, value: ArrayLike) -> FloatArray:
    return check_interval(name, value, 0.0, 1.0, low_closed=False, description="(0, 1]")


def level_flight_power_w(
    mass_kg: ArrayLike,
    airspeed_m_s: ArrayLike,
    lift_to_drag: ArrayLike,
    propulsive_efficiency: ArrayLike,
) -> FloatArray | np.float64:
    """Electrical power of a fixed-wing aircraft in steady level flight.

    ``P = m g V / (L/D eta)``: lift equals weight, thrust equals drag
    ``m g / (L/D)``, and the propulsion chain turns ``eta`` of its electrical
    input into thrust power.

    Parameters
    ----------
    mass_kg : array_like
        Take-off mass ``m``, kg, > 0.
    airspeed_m_s : array_like
        True airspeed ``V``, m/s, >= 0.
    lift_to_drag : array_like
        Lift-to-drag ratio ``L/D``, > 0.
    propulsive_efficiency : array_like
        ``eta`` of motor, gearbox and propeller together, in ``(0, 1]``.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Power, W.

    Examples
    --------
    >>> round(float(level_flight_power_w(70.0, 15.0, 30.0, 0.75)), 1)
    457.6
    """
    m = check_positive("mass_kg", mass_kg, " kg")
    v = check_nonnegative("airspeed_m_s", airspeed_m_s, " m/s")
    ld = check_positive("lift_to_drag", lift_to_drag)
    eta = _efficiency("propulsive_efficiency", propulsive_efficiency)
    return scalar_or_array(np.asarray(m * STANDARD_GRAVITY_M_S2 * v / (ld * eta)))


def cruise_airspeed_m_s(
    mass_kg: ArrayLike,
    air_density_kg_m3: ArrayLike,
    wing_area_m2: ArrayLike,
    lift_coefficient: ArrayLike,
) -> FloatArray | np.float64:
    """True airspeed at which the wing's lift carries the weight.

    ``V = sqrt(2 m g / (rho S C_L))``.

    Parameters
    ----------
    mass_kg : array_like
        Mass, kg, > 0.
    air_density_kg_m3 : array_like
        Air density at the flight altitude, kg/m^3, > 0.
    wing_area_m2 : array_like
        Wing (reference) area, m^2, > 0.
    lift_coefficient : array_like
        Cruise lift coefficient ``C_L``, > 0.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Airspeed, m/s.

    Examples
    --------
    >>> round(float(cruise_airspeed_m_s(75.0, 0.0889, 30.0, 1.0)), 2)
    23.49
    """
    m = check_positive("mass_kg", mass_kg, " kg")
    rho = check_positive("air_density_kg_m3", air_density_kg_m3, " kg/m^3")
    s = check_positive("wing_area_m2", wing_area_m2, " m^2")
    cl = check_positive("lift_coefficient", lift_coefficient)
    return scalar_or_array(np.sqrt(2.0 * m * STANDARD_GRAVITY_M_S2 / (rho * s * cl)))


def turn_power_factor(bank_rad: ArrayLike) -> FloatArray | np.float64:
    """Power in a steady level turn over the power in straight flight, ``n^1.5``.

    In a turn banked by ``phi`` the lift is ``n m g`` with load factor
    ``n = 1 / cos(phi)``; flown at the same lift coefficient (and so the same
    L/D) the airspeed grows by ``sqrt(n)`` and the drag by ``n``.

    Parameters
    ----------
    bank_rad : array_like
        Bank angle, rad, in ``[0, pi/2)``.

    Returns
    -------
    numpy.ndarray or numpy.float64
        ``(1 / cos(phi))^1.5``, >= 1.

    Examples
    --------
    >>> round(float(turn_power_factor(math.radians(60.0))), 4)
    2.8284
    """
    phi = check_interval(
        "bank_rad", bank_rad, 0.0, math.pi / 2, high_closed=False, description="[0, pi/2) rad"
    )
    return scalar_or_array(np.cos(phi) ** -1.5)


def airship_propulsion_power_w(
    air_density_kg_m3: ArrayLike,
    airspeed_m_s: ArrayLike,
    drag_coefficient: ArrayLike,
    volume_m3: ArrayLike,
    propulsive_efficiency: ArrayLike,
) -> FloatArray | np.float64:
    """Electrical power of an airship holding station against a wind.

    ``P = 1/2 rho v^3 C_DV Vol^(2/3) / eta``, the hull's drag at airspeed ``v``
    (equal to the wind speed when the airship stays over one point) times ``v``,
    through a propulsion chain of efficiency ``eta``; the drag coefficient is
    referred to the volume to the power 2/3, as is usual for airships.

    Parameters
    ----------
    air_density_kg_m3 : array_like
        Air density, kg/m^3, > 0.
    airspeed_m_s : array_like
        Airspeed (the wind it stems), m/s, >= 0.
    drag_coefficient : array_like
        Volumetric drag coefficient ``C_DV``, > 0.
    volume_m3 : array_like
        Envelope volume, m^3, > 0.
    propulsive_efficiency : array_like
        ``eta``, in ``(0, 1]``.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Power, W.

    Examples
    --------
    >>> round(float(airship_propulsion_power_w(0.0889, 10.0, 0.03, 18000.0, 0.6)))
    1526
    """
    rho = check_positive("air_density_kg_m3", air_density_kg_m3, " kg/m^3")
    v = check_nonnegative("airspeed_m_s", airspeed_m_s, " m/s")
    cd = check_positive("drag_coefficient", drag_coefficient)
    vol = check_positive("volume_m3", volume_m3, " m^3")
    eta = _efficiency("propulsive_efficiency", propulsive_efficiency)
    return scalar_or_array(np.asarray(0.5 * rho * v**3 * cd * vol ** (2.0 / 3.0) / eta))


def buoyant_lift_kg(
    air_density_kg_m3: ArrayLike,
    volume_m3: ArrayLike,
    gas_air_molar_ratio: ArrayLike = HELIUM_AIR_MOLAR_RATIO,
) -> FloatArray | np.float64:
    """Gross static lift of a gas envelope, as the mass it carries, kg.

    ``rho Vol (1 - M_gas / M_air)``: the displaced air less the gas, both at the
    ambient pressure and temperature (a superpressure envelope at its design
    altitude).

    Parameters
    ----------
    air_density_kg_m3 : array_like
        Air density, kg/m^3, > 0.
    volume_m3 : array_like
        Envelope volume, m^3, > 0.
    gas_air_molar_ratio : array_like, optional
        Molar mass of the lifting gas over that of air, in ``[0, 1)``; default
        helium.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Lift, kg.

    Examples
    --------
    >>> round(float(buoyant_lift_kg(0.0889, 18000.0)))
    1379
    """
    rho = check_positive("air_density_kg_m3", air_density_kg_m3, " kg/m^3")
    vol = check_positive("volume_m3", volume_m3, " m^3")
    ratio = check_interval("gas_air_molar_ratio", gas_air_molar_ratio, 0.0, 1.0, high_closed=False)
    return scalar_or_array(np.asarray(rho * vol * (1.0 - ratio)))


def glide_storage_wh(
    mass_kg: ArrayLike, altitude_drop_km: ArrayLike, propulsive_efficiency: ArrayLike
) -> FloatArray | np.float64:
    """Electrical energy that climbing by day and gliding down at night stores, Wh.

    Climbing ``dh`` costs ``m g dh / eta`` of electrical energy beyond level
    flight, paid from the day's surplus; gliding the same height down at the
    same L/D replaces level-flight propulsion for ``dh (L/D) / V`` seconds,
    which saves ``m g dh / eta``: a store without loss in this model.

    Parameters
    ----------
    mass_kg : array_like
        Mass, kg, > 0.
    altitude_drop_km : array_like
        Height climbed by day and glided down at night, km, >= 0.
    propulsive_efficiency : array_like
        ``eta``, in ``(0, 1]``.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Energy, Wh.

    Examples
    --------
    >>> round(float(glide_storage_wh(75.0, 3.0, 0.75)))
    817
    """
    m = check_positive("mass_kg", mass_kg, " kg")
    dh = check_nonnegative("altitude_drop_km", altitude_drop_km, " km")
    eta = _efficiency("propulsive_efficiency", propulsive_efficiency)
    return scalar_or_array(np.asarray(m * STANDARD_GRAVITY_M_S2 * dh * 1e3 / eta / 3600.0))


def battery_mass_kg(
    energy_wh: ArrayLike, specific_energy_wh_kg: ArrayLike
) -> FloatArray | np.float64:
    """Mass of a battery that holds ``energy_wh`` at ``specific_energy_wh_kg``.

    Parameters
    ----------
    energy_wh : array_like
        Usable energy, Wh, >= 0 (``inf`` passes through).
    specific_energy_wh_kg : array_like
        Usable specific energy, Wh/kg, > 0.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Mass, kg.

    Examples
    --------
    >>> float(battery_mass_kg(5000.0, 250.0))
    20.0
    """
    e = np.asarray(energy_wh, dtype=float)
    if np.isnan(e).any() or (e < 0).any():
        raise ValueError("energy_wh must be >= 0 Wh (inf allowed)")
    spec = check_positive("specific_energy_wh_kg", specific_energy_wh_kg, " Wh/kg")
    return scalar_or_array(np.asarray(e / spec))
