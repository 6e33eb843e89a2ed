"""The ICAO standard atmosphere where near-space platforms fly.

A thin, unit-named wrapper around :mod:`ambiance`, a full implementation of the
ICAO standard atmosphere of 1993 (ISA), so that the survey's statements about
the near-space environment (pressure about 5 % of sea level, temperatures down
to about -60 degC, a region "above the stratosphere") are checked against the
standard rather than against numbers typed in by hand.

Altitudes are geometric (height above mean sea level), in km; ambiance turns
them into geopotential heights for its layer table. The ISA is defined from
-5.004 km to 81.02 km geometric altitude.

The ISA's layer table names its layers by their temperature profile:
troposphere (0-11 km geopotential, cooling), "tropopause" (11-20 km,
isothermal at 216.65 K), "stratosphere" (20-47 km, warming), "stratopause"
(47-51 km, isothermal) and mesosphere (51-80 km, cooling). The meteorological
stratosphere spans everything between the top of the troposphere and the top
of the stratopause layer; :func:`stratosphere_bounds_km` returns those two
altitudes (about 11 and 51 km geometric).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
import pandas as pd
from ambiance import Atmosphere
from ambiance.ambiance import CONST
from numpy.typing import ArrayLike

from sagin_lib._checks import FloatArray, check_interval, scalar_or_array
from sagin_lib.model._docs import fill_doc

__all__ = [
    "ISA_MAX_ALT_KM",
    "ISA_MIN_ALT_KM",
    "SEA_LEVEL_PRESSURE_PA",
    "SEA_LEVEL_TEMPERATURE_K",
    "isa_density_kg_m3",
    "isa_layer_name",
    "isa_pressure_fraction",
    "isa_pressure_pa",
    "isa_profile",
    "isa_temperature_degc",
    "isa_temperature_k",
    "stratosphere_bounds_km",
]

#: Lowest geometric altitude of the ICAO standard atmosphere, km.
ISA_MIN_ALT_KM: float = CONST.h_min / 1e3
#: Highest geometric altitude of the ICAO standard atmosphere, km.
ISA_MAX_ALT_KM: float = CONST.h_max / 1e3
#: ISA sea-level pressure, Pa.
SEA_LEVEL_PRESSURE_PA: float = float(CONST.P_0)
#: ISA sea-level temperature, K.
SEA_LEVEL_TEMPERATURE_K: float = float(CONST.T_0)

_KELVIN_AT_0_DEGC = 273.15

_F = TypeVar("_F", bound=Callable[..., Any])


def _atmosphere(alt_km: ArrayLike) -> tuple[Atmosphere, tuple[int, ...]]:
    alt = check_interval(
        "alt_km",
        alt_km,
        ISA_MIN_ALT_KM,
        ISA_MAX_ALT_KM,
        description=f"[{ISA_MIN_ALT_KM:g}, {ISA_MAX_ALT_KM:g}] km (the ICAO standard atmosphere)",
    )
    return Atmosphere(np.atleast_1d(alt).ravel() * 1e3), alt.shape


def _isa_column(alt_km: ArrayLike, column: str) -> FloatArray | np.float64:
    """One of ambiance's columns (``"pressure"``, ``"density"``, ...) at each altitude."""
    atm, shape = _atmosphere(alt_km)
    return scalar_or_array(np.asarray(getattr(atm, column), dtype=np.float64).reshape(shape))


def _lookup_doc(
    returns: str, returns_type: str = "numpy.ndarray or numpy.float64"
) -> Callable[[_F], _F]:
    """Fill ``{lookup}`` with the sections every lookup at geometric altitudes shares."""
    return fill_doc(
        lookup=f"""
        Parameters
        ----------
        alt_km : array_like
            Geometric altitude, km, in ``[-5.004, 81.02]``.

        Returns
        -------
        {returns_type}
            {returns}
        """
    )


@_lookup_doc("Pressure, Pa, shaped like ``alt_km``.")
def isa_pressure_pa(alt_km: ArrayLike) -> FloatArray | np.float64:
    """Static pressure of the ICAO standard atmosphere.

    {lookup}

    Raises
    ------
    ValueError
        For an altitude outside the standard atmosphere.

    Examples
    --------
    >>> round(float(isa_pressure_pa(0.0)))
    101325
    """
    return _isa_column(alt_km, "pressure")


@_lookup_doc("Pressure over sea-level pressure (1 at sea level).")
def isa_pressure_fraction(alt_km: ArrayLike) -> FloatArray | np.float64:
    """Static pressure as a fraction of the ISA sea-level pressure (101325 Pa).

    {lookup}

    Examples
    --------
    >>> round(float(isa_pressure_fraction(20.0)), 4)
    0.0546
    """
    return scalar_or_array(np.asarray(isa_pressure_pa(alt_km)) / SEA_LEVEL_PRESSURE_PA)


@_lookup_doc("Density, kg/m^3, shaped like ``alt_km``.")
def isa_density_kg_m3(alt_km: ArrayLike) -> FloatArray | np.float64:
    """Air density of the ICAO standard atmosphere, kg/m^3.

    {lookup}

    Examples
    --------
    >>> round(float(isa_density_kg_m3(20.0)), 4)
    0.0889
    """
    return _isa_column(alt_km, "density")


@_lookup_doc("Temperature, K, shaped like ``alt_km``.")
def isa_temperature_k(alt_km: ArrayLike) -> FloatArray | np.float64:
    """Air temperature of the ICAO standard atmosphere, K.

    {lookup}
    """
    return _isa_column(alt_km, "temperature")


@_lookup_doc("Temperature, degC, shaped like ``alt_km``.")
def isa_temperature_degc(alt_km: ArrayLike) -> FloatArray | np.float64:
    """Air temperature of the ICAO standard atmosphere, degrees Celsius.

    {lookup}

    Examples
    --------
    >>> round(float(isa_temperature_degc(20.0)), 2)
    -56.5
    """
    return scalar_or_array(np.asarray(isa_temperature_k(alt_km)) - _KELVIN_AT_0_DEGC)


@_lookup_doc(
    'One of "troposphere", "tropopause", "stratosphere", "stratopause", "mesosphere", '
    "shaped like ``alt_km`` (0-d for a scalar).",
    "numpy.ndarray of str",
)
def isa_layer_name(alt_km: ArrayLike) -> np.ndarray:
    """Name of the ISA layer (as in the ISA's layer table) at each altitude.

    {lookup}
    """
    atm, shape = _atmosphere(alt_km)
    return np.asarray(atm.layer_name).reshape(shape)


def stratosphere_bounds_km() -> tuple[float, float]:
    """Geometric altitudes of the bottom and top of the stratosphere, km.

    The bottom is the top of the ISA's troposphere (where the temperature
    stops falling, 11 km geopotential); the top is the top of its
    stratopause layer (where it starts falling again, 51 km geopotential).
    Both are read from ambiance's layer table and converted to geometric
    altitude.

    Returns
    -------
    tuple of float
        ``(bottom_km, top_km)``, about ``(11.02, 51.41)``.
    """
    layers = list(CONST.LAYER_DICTS.values())
    bottom = max(d["H_top"] for d in layers if d["name"] == "troposphere")
    top = max(d["H_top"] for d in layers if d["name"] == "stratopause")
    geom = Atmosphere.geop2geom_height(np.array([bottom, top], dtype=np.float64))
    return float(geom[0]) / 1e3, float(geom[1]) / 1e3


def isa_profile(alt_km: ArrayLike) -> pd.DataFrame:
    """Pressure, temperature and layer of the standard atmosphere at each altitude.

    Parameters
    ----------
    alt_km : array_like
        Geometric altitudes, km, in ``[-5.004, 81.02]`` (flattened).

    Returns
    -------
    pandas.DataFrame
        Columns ``alt_km``, ``pressure_pa``, ``pressure_fraction_of_sea_level``,
        ``temperature_k``, ``temperature_degc``, ``isa_layer``.
    """
    atm, _ = _atmosphere(alt_km)
    pressure = np.asarray(atm.pressure, dtype=np.float64)
    temperature = np.asarray(atm.temperature, dtype=np.float64)
    return pd.DataFrame(
        {
            "alt_km": np.asarray(atm.h, dtype=np.float64) / 1e3,
            "pressure_pa": pressure,
            "pressure_fraction_of_sea_level": pressure / SEA_LEVEL_PRESSURE_PA,
            "temperature_k": temperature,
            "temperature_degc": temperature - _KELVIN_AT_0_DEGC,
            "isa_layer": np.asarray(atm.layer_name).astype(str),
        }
    )
