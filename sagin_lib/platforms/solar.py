"""Solar energy budget of a near-space platform over a day and a year.

A solar-powered HAPS flies through the night on what its array stored during
the day (Sec. II and III-B of the near-space survey). This module sizes the two
for a continuous electrical load:

* the sun's position comes from pvlib's solar position algorithm
  (:func:`pvlib.solarposition.get_solarposition`, NREL SPA) and the
  top-of-atmosphere irradiance from :func:`pvlib.irradiance.get_extra_radiation`
  (Spencer's Earth-Sun distance correction);
* above ~20 km the air is thin: the beam irradiance at the platform is the
  extraterrestrial one attenuated as ``exp(-tau0 * (p(h) / p0) * m(z))``, a
  sea-level broadband optical depth ``tau0`` scaled by the pressure ratio of the
  ICAO standard atmosphere (:mod:`ambiance`) and the relative air mass ``m`` of
  Kasten and Young (:func:`pvlib.atmosphere.get_relative_airmass`); diffuse
  light is ignored;
* the array is flat and horizontal (a wing, the top of a hull), so it collects
  ``G cos(z)`` while the sun is above the astronomical horizon (the sun seen a
  few degrees below it from 20 km contributes nothing to a horizontal array);
* the battery charges with efficiency ``sqrt(eta_rt)`` and discharges with the
  same, for a round trip ``eta_rt``.

For one day, :func:`daily_energy_budget` finds the smallest array that closes
the day in a cyclic steady state (the battery ends the day as it began) and the
battery energy that the night then draws. Times are UTC at longitude 0, so a
day of 24 h holds one whole night for every latitude.

Builds on nothing of the model but the altitude; pvlib and ambiance do the
astronomy and the atmosphere.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from sagin_lib._checks import (
    FloatArray,
    check_count,
    check_interval,
    check_nonnegative,
    check_positive,
)

__all__ = [
    "SOLAR_CONSTANT_W_M2",
    "SOLAR_YEAR",
    "array_output_w_m2",
    "daily_energy_budget",
    "endurance_days",
    "extraterrestrial_irradiance_w_m2",
    "horizontal_irradiance_w_m2",
    "pressure_ratio",
    "sun_zenith_rad",
    "year_round_latitude_limit_rad",
]

#: Solar constant of pvlib's extraterrestrial irradiance (ASTM E-490), W/m^2.
SOLAR_CONSTANT_W_M2: float = 1366.1
#: The (non-leap) calendar year of the dates; days of year run 1 to 365.
SOLAR_YEAR: int = 2025
_BISECTION_STEPS = 60
_DAYS_IN_YEAR = 365


def _days(day_of_year: ArrayLike) -> np.ndarray:
    days = np.atleast_1d(np.asarray(day_of_year))
    if days.ndim != 1 or days.size == 0 or not np.issubdtype(days.dtype, np.integer):
        raise ValueError(f"day_of_year must be integers in [1, 365]; got {day_of_year!r}")
    if days.min() < 1 or days.max() > _DAYS_IN_YEAR:
        raise ValueError(f"day_of_year must be integers in [1, 365]; got {day_of_year!r}")
    return days.astype(int)


def _times(days: np.ndarray, n_steps: int) -> pd.DatetimeIndex:
    start = pd.Timestamp(f"{SOLAR_YEAR}-01-01", tz="UTC")
    offsets = (days[:, None] - 1) * 86400.0 + (np.arange(n_steps) + 0.5) * 86400.0 / n_steps
    return start + pd.to_timedelta(offsets.ravel(), unit="s")


def sun_zenith_rad(
    latitude_rad: ArrayLike, day_of_year: ArrayLike, n_steps: int = 144
) -> FloatArray:
    """Geometric solar zenith angle over whole days (pvlib's NREL SPA).

    Parameters
    ----------
    latitude_rad : array_like
        Latitudes, rad, in ``[-pi/2, pi/2]`` (a 1-D list).
    day_of_year : array_like of int
        Days of the year :data:`SOLAR_YEAR`, in ``[1, 365]`` (a 1-D list).
    n_steps : int, optional
        Samples per day (at the middle of equal steps, UTC, longitude 0), >= 4.

    Returns
    -------
    numpy.ndarray
        Zenith angle, rad, shape ``(n_latitudes, n_days, n_steps)``.

    Examples
    --------
    >>> z = sun_zenith_rad([0.0], [80])
    >>> round(float(np.degrees(z.min())), 1)  # close to the March equinox
    0.7
    """
    import pvlib

    lat = np.atleast_1d(
        check_interval(
            "latitude_rad", latitude_rad, -math.pi / 2, math.pi / 2, description="[-pi/2, pi/2]"
        )
    )
    days = _days(day_of_year)
    n = check_count("n_steps", n_steps)
    if n < 4:
        raise ValueError(f"n_steps must be at least 4; got {n}")
    times = _times(days, n)
    out = np.empty((lat.size, days.size, n))
    for i, phi in enumerate(lat):
        pos = pvlib.solarposition.get_solarposition(times, math.degrees(float(phi)), 0.0)
        out[i] = np.radians(pos["zenith"].to_numpy()).reshape(days.size, n)
    return out


def extraterrestrial_irradiance_w_m2(day_of_year: ArrayLike) -> FloatArray:
    """Top-of-atmosphere normal irradiance on each day (pvlib, Spencer 1971).

    Parameters
    ----------
    day_of_year : array_like of int
        Days of the year, in ``[1, 365]``.

    Returns
    -------
    numpy.ndarray
        Irradiance, W/m^2, one per day.

    Examples
    --------
    >>> e = extraterrestrial_irradiance_w_m2([3, 185])
    >>> bool(e[0] > 1400.0 > 1330.0 > e[1])  # perihelion in January, aphelion in July
    True
    """
    import pvlib

    days = _days(day_of_year)
    return np.asarray(
        pvlib.irradiance.get_extra_radiation(
            days, solar_constant=SOLAR_CONSTANT_W_M2, method="spencer"
        ),
        dtype=float,
    )


def pressure_ratio(alt_km: ArrayLike) -> FloatArray | float:
    """Air pressure at ``alt_km`` over sea-level pressure (ICAO standard atmosphere).

    Parameters
    ----------
    alt_km : array_like
        Altitude, km, in ``[0, 81]`` (the range of :mod:`ambiance`).

    Returns
    -------
    numpy.ndarray or float
        ``p(h) / p0``.

    Examples
    --------
    >>> round(float(pressure_ratio(20.0)), 4)
    0.0546
    """
    from ambiance import Atmosphere

    h = check_interval("alt_km", alt_km, 0.0, 81.0)
    ratio = Atmosphere(h * 1e3).pressure / Atmosphere(0.0).pressure
    return float(ratio[0]) if np.ndim(h) == 0 else np.asarray(ratio, dtype=float).reshape(h.shape)


def horizontal_irradiance_w_m2(
    zenith_rad: ArrayLike,
    extraterrestrial_w_m2: ArrayLike,
    alt_km: float,
    sea_level_optical_depth: float,
) -> FloatArray:
    """Beam irradiance on a horizontal surface at altitude.

    ``E0 cos(z) exp(-tau0 (p(h) / p0) m(z))`` for ``z < pi/2`` and 0 otherwise,
    with ``m`` the Kasten-Young relative air mass.

    Parameters
    ----------
    zenith_rad : array_like
        Solar zenith angle, rad, in ``[0, pi]``.
    extraterrestrial_w_m2 : array_like
        Top-of-atmosphere normal irradiance, W/m^2, >= 0 (broadcast with
        ``zenith_rad``).
    alt_km : float
        Altitude of the array, km, in ``[0, 81]``.
    sea_level_optical_depth : float
        Broadband vertical optical depth of the whole atmosphere at sea level,
        ``tau0 >= 0`` (0: the extraterrestrial irradiance itself).

    Returns
    -------
    numpy.ndarray
        Irradiance, W/m^2.
    """
    import pvlib

    z = check_interval("zenith_rad", zenith_rad, 0.0, math.pi)
    e0 = check_nonnegative("extraterrestrial_w_m2", extraterrestrial_w_m2, " W/m^2")
    tau = float(check_nonnegative("sea_level_optical_depth", sea_level_optical_depth))
    ratio = pressure_ratio(alt_km)
    up = z < math.pi / 2
    zen_deg = np.degrees(np.where(up, z, 0.0))
    air_mass = np.asarray(pvlib.atmosphere.get_relative_airmass(zen_deg), dtype=float)
    beam = np.exp(-tau * ratio * air_mass)
    return np.where(up, e0 * np.cos(np.where(up, z, 0.0)) * beam, 0.0)


def daily_energy_budget(
    array_output_w_m2: ArrayLike,
    load_w: ArrayLike,
    round_trip_efficiency: float,
    lossless_storage_wh: ArrayLike = 0.0,
) -> tuple[FloatArray, FloatArray]:
    """Smallest array and the battery energy that carry a load through a day.

    With ``p(t) = A g(t)`` the array's electrical output and ``P(t)`` the load,
    the surplus charges the battery at ``sqrt(eta_rt)`` and the deficit drains
    it at ``1 / sqrt(eta_rt)``. The day closes when
    ``sqrt(eta_rt) int (A g - P)+ dt >= int (P - A g)+ dt / sqrt(eta_rt)``;
    the smallest such ``A`` is found by bisection between ``int P / int g`` and
    ``int P / (eta_rt int g)``. The battery must then hold
    ``int (P - A g)+ dt / sqrt(eta_rt)``: the deficit is one stretch (the night
    and its twilight) for the unimodal daily course of the sun.

    A lossless store of ``S`` Wh beside the battery (height gained by day and
    glided down at night, :func:`sagin_lib.platforms.airframe.glide_storage_wh`)
    takes ``s = min(S, surplus, deficit)`` of the surplus and returns it to the
    deficit without loss: the day closes when
    ``sqrt(eta_rt) (surplus - s) >= (deficit - s) / sqrt(eta_rt)`` and the
    battery holds ``(deficit - s) / sqrt(eta_rt)``.

    Parameters
    ----------
    array_output_w_m2 : array_like
        ``g``: electrical output per m^2 of array at equal steps over 24 h,
        W/m^2, >= 0, shape ``(..., n_steps)``.
    load_w : array_like
        ``P``: the load, W, >= 0: one constant, or one value per step
        (broadcast against ``array_output_w_m2``).
    round_trip_efficiency : float
        ``eta_rt``, in ``(0, 1]``.
    lossless_storage_wh : array_like, optional
        ``S``, Wh, >= 0, broadcast against the shape ``(...)``. Default 0.

    Returns
    -------
    area_m2, battery_wh : numpy.ndarray
        Each of shape ``(...)``; ``inf`` where the day has no sun and the load
        is positive.

    Examples
    --------
    A day of 12 h at 100 W/m^2 then 12 h of night, a 50 W load, a lossless
    battery: 1 m^2 (100 W by day, half of it into the battery) and 600 Wh.

    >>> g = np.r_[np.full(12, 100.0), np.zeros(12)]
    >>> area, battery = daily_energy_budget(g, 50.0, 1.0)
    >>> round(float(area), 6), round(float(battery), 6)
    (1.0, 600.0)
    """
    g = check_nonnegative("array_output_w_m2", array_output_w_m2, " W/m^2")
    if g.ndim < 1 or g.shape[-1] < 2:
        raise ValueError("array_output_w_m2 must hold at least 2 steps along its last axis")
    load_arr = check_nonnegative("load_w", load_w, " W")
    eta = float(
        check_interval("round_trip_efficiency", round_trip_efficiency, 0.0, 1.0, low_closed=False)
    )
    store = check_nonnegative("lossless_storage_wh", lossless_storage_wh, " Wh")
    step_h = 24.0 / g.shape[-1]
    if load_arr.ndim == 0 and float(load_arr) == 0.0:
        zero = np.zeros(g.shape[:-1])
        return zero, zero.copy()
    try:
        load = np.broadcast_to(load_arr, g.shape) if load_arr.ndim else load_arr
    except ValueError as exc:
        raise ValueError(
            f"load_w must be one value or broadcast against array_output_w_m2 {g.shape}"
        ) from exc
    total_wh = g.sum(axis=-1) * step_h  # per m^2
    need_wh = np.broadcast_to(load, g.shape).sum(axis=-1) * step_h
    dark = (total_wh <= 0.0) & (need_wh > 0.0)
    safe_total = np.where(total_wh <= 0.0, 1.0, total_wh)
    lo = need_wh / safe_total
    hi = lo / eta
    eta_c = math.sqrt(eta)

    def flows(area: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
        p = area[..., None] * g
        surplus = np.maximum(p - load, 0.0).sum(axis=-1) * step_h
        deficit = np.maximum(load - p, 0.0).sum(axis=-1) * step_h
        used = np.minimum(store, np.minimum(surplus, deficit))
        return surplus, deficit, used

    for _ in range(_BISECTION_STEPS):
        mid = 0.5 * (lo + hi)
        surplus, deficit, used = flows(mid)
        ok = eta_c * (surplus - used) - (deficit - used) / eta_c >= 0.0
        new_hi, new_lo = np.where(ok, mid, hi), np.where(ok, lo, mid)
        # A step depends on the brackets alone: once one leaves them all as they
        # were (adjacent floats), every later step would repeat it.
        if np.array_equal(new_hi, hi) and np.array_equal(new_lo, lo):
            break
        hi, lo = new_hi, new_lo
    area = hi
    _, deficit, used = flows(area)
    battery = (deficit - used) / eta_c
    return np.where(dark, np.inf, area), np.where(dark, np.inf, battery)


def endurance_days(feasible: ArrayLike, day_step_days: int) -> FloatArray:
    """Longest run of consecutive feasible days, wrapping round the year.

    Parameters
    ----------
    feasible : array_like of bool
        Shape ``(..., n_days)``: whether each sampled day closes its energy
        budget; the samples are ``day_step_days`` apart and cover the year.
    day_step_days : int
        Days between samples, >= 1.

    Returns
    -------
    numpy.ndarray
        Endurance, days, shape ``(...)``: the number of consecutive feasible
        samples times ``day_step_days``, capped at 365 (a year-round run).

    Examples
    --------
    >>> endurance_days([[True, False, True, True], [True] * 4], 30).tolist()
    [90.0, 365.0]
    """
    ok = np.asarray(feasible, dtype=bool)
    if ok.ndim < 1 or ok.shape[-1] == 0:
        raise ValueError("feasible must hold at least one day along its last axis")
    step = check_count("day_step_days", day_step_days)
    if step < 1:
        raise ValueError("day_step_days must be at least 1")
    n = ok.shape[-1]
    flat = ok.reshape(-1, n)
    out = np.empty(flat.shape[0])
    for i, row in enumerate(flat):
        if row.all():
            out[i] = _DAYS_IN_YEAR
            continue
        run = best = 0
        for value in np.r_[row, row]:  # twice round: a run may wrap the new year
            run = run + 1 if value else 0
            best = max(best, run)
        out[i] = min(best * step, _DAYS_IN_YEAR)
    return out.reshape(ok.shape[:-1])


def _check_efficiency(name: str, value: float) -> float:
    return float(check_interval(name, value, 0.0, 1.0, low_closed=False))


def array_output_w_m2(
    latitude_rad: ArrayLike,
    day_of_year: ArrayLike,
    *,
    alt_km: float,
    cell_efficiency: float,
    sea_level_optical_depth: float,
    n_steps: int = 144,
    zenith_rad: ArrayLike | None = None,
) -> FloatArray:
    """Electrical output per m^2 of a horizontal array over whole days.

    Parameters
    ----------
    latitude_rad, day_of_year, n_steps
        See :func:`sun_zenith_rad`.
    alt_km : float
        Altitude, km, in ``[0, 81]``.
    cell_efficiency : float
        Conversion efficiency of the cells, in ``(0, 1]``.
    sea_level_optical_depth : float
        See :func:`horizontal_irradiance_w_m2`.
    zenith_rad : array_like, optional
        The sun's zenith angles at these latitudes, days and steps as
        :func:`sun_zenith_rad` returns them, when already at hand (a sweep over
        the atmosphere or the altitude then finds the sun's positions once);
        default: computed here.

    Returns
    -------
    numpy.ndarray
        W/m^2, shape ``(n_latitudes, n_days, n_steps)``.

    Examples
    --------
    The sun's positions computed once serve every optical depth:

    >>> zen = sun_zenith_rad([0.0], [80], 24)
    >>> kw = {"alt_km": 20.0, "cell_efficiency": 0.2, "n_steps": 24}
    >>> g = array_output_w_m2([0.0], [80], sea_level_optical_depth=0.5, zenith_rad=zen, **kw)
    >>> bool(np.array_equal(g, array_output_w_m2([0.0], [80], sea_level_optical_depth=0.5, **kw)))
    True
    """
    eff = _check_efficiency("cell_efficiency", cell_efficiency)
    check_positive("n_steps", n_steps)
    if zenith_rad is None:
        zen = sun_zenith_rad(latitude_rad, day_of_year, n_steps)
    else:
        zen = np.asarray(zenith_rad, dtype=float)
        want = (np.atleast_1d(np.asarray(latitude_rad)).size, _days(day_of_year).size, n_steps)
        if zen.shape != want:
            raise ValueError(
                f"zenith_rad must have the shape (n_latitudes, n_days, n_steps) = {want}; "
                f"got {zen.shape}"
            )
    e0 = extraterrestrial_irradiance_w_m2(day_of_year)[None, :, None]
    return eff * horizontal_irradiance_w_m2(zen, e0, alt_km, sea_level_optical_depth)


def year_round_latitude_limit_rad(
    *,
    load_w: float,
    max_array_m2: float,
    max_battery_wh: float,
    alt_km: float,
    cell_efficiency: float,
    sea_level_optical_depth: float,
    round_trip_efficiency: float,
    day_of_year: ArrayLike,
    low_rad: float,
    high_rad: float,
    tol_rad: float = 1e-3,
    n_steps: int = 144,
) -> float:
    """Highest latitude at which every listed day closes its energy budget, by bisection.

    A day closes when its smallest array (:func:`daily_energy_budget`) fits in
    ``max_array_m2`` and the battery it then needs in ``max_battery_wh``.
    ``low_rad`` must be year-round and ``high_rad`` not (the caller brackets
    the limit, e.g. on a latitude grid); the limit is taken as monotone
    between them.

    Parameters
    ----------
    load_w, max_array_m2, max_battery_wh : float
        The continuous load, W, and the largest array (m^2) and battery (Wh).
    alt_km, cell_efficiency, sea_level_optical_depth, round_trip_efficiency : float
        See :func:`array_output_w_m2` and :func:`daily_energy_budget`.
    day_of_year : array_like of int
        The days that must all close.
    low_rad, high_rad : float
        The bracket, rad, ``0 <= low_rad < high_rad <= pi/2``.
    tol_rad : float, optional
        Width of the final bracket, rad, > 0.
    n_steps : int, optional
        Samples per day.

    Returns
    -------
    float
        The limit, rad (the year-round end of the final bracket).
    """
    lo = float(check_interval("low_rad", low_rad, 0.0, math.pi / 2))
    hi = float(check_interval("high_rad", high_rad, 0.0, math.pi / 2))
    if not lo < hi:
        raise ValueError(f"low_rad must be below high_rad; got {lo} and {hi}")
    tol = float(check_positive("tol_rad", tol_rad, " rad"))
    amax = float(check_nonnegative("max_array_m2", max_array_m2, " m^2"))
    emax = float(check_nonnegative("max_battery_wh", max_battery_wh, " Wh"))
    days = _days(day_of_year)
    while hi - lo > tol:
        mid = 0.5 * (lo + hi)
        g = array_output_w_m2(
            [mid],
            days,
            alt_km=alt_km,
            cell_efficiency=cell_efficiency,
            sea_level_optical_depth=sea_level_optical_depth,
            n_steps=n_steps,
        )
        area, battery = daily_energy_budget(g, load_w, round_trip_efficiency)
        if bool(np.all((area <= amax) & (battery <= emax))):
            lo = mid
        else:
            hi = mid
    return lo
