"""Part 2 of the operations chapter: the solar energy budget of the Zephyr S and the Yuanmeng."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from sagin_lib._checks import FloatArray
from sagin_lib.platforms.airframe import (
    airship_propulsion_power_w,
    buoyant_lift_kg,
    cruise_airspeed_m_s,
    glide_storage_wh,
    level_flight_power_w,
    turn_power_factor,
)
from sagin_lib.platforms.atmosphere import isa_density_kg_m3
from sagin_lib.platforms.solar import array_output_w_m2, daily_energy_budget, endurance_days
from sagin_lib.platforms.sway import loiter_bank_rad
from sagin_lib.platforms.winds import design_wind_speed_m_s

from .compute import _round, _words_and
from .spec import _PREFIX, MONTHS_DAYS, PLATFORMS, SOLAR_STEPS_PER_DAY, Params


def _latitudes_deg(params: Params) -> np.ndarray:
    top, step = float(params["latitude_max_deg"]), float(params["latitude_step_deg"])
    return np.unique(np.r_[np.arange(0.0, top, step), top])


def _days(params: Params) -> np.ndarray:
    return np.arange(1, 366, int(params["day_step_days"]))


def zephyr_flight(params: Params) -> dict[str, float]:
    """The Zephyr S's flight derived from its airframe: airspeed, bank, propulsion power.

    Airspeed from the lift at the air density of the day altitude (and of the
    night altitude ``zephyr_night_descent_km`` lower), the loiter bank from
    that airspeed and ``loiter_radius_km``, the electrical propulsion power
    ``m g V / (L/D eta)`` times the turn's ``n^1.5``, and the energy stored by
    climbing the night's descent back by day.
    """
    m = float(params["zephyr_mass_kg"])
    eta = float(params["zephyr_propulsion_efficiency_pct"]) / 100.0
    h_day = float(params["haps_alt_km"])
    h_night = h_day - float(params["zephyr_night_descent_km"])
    out: dict[str, float] = {"alt_day_km": h_day, "alt_night_km": h_night}
    for when, h in (("day", h_day), ("night", h_night)):
        v = float(
            cruise_airspeed_m_s(
                m,
                isa_density_kg_m3(h),
                params["zephyr_wing_area_m2"],
                params["zephyr_lift_coefficient"],
            )
        )
        bank = float(loiter_bank_rad(v, params["loiter_radius_km"]))
        level = float(level_flight_power_w(m, v, params["zephyr_lift_to_drag"], eta))
        out[f"airspeed_{when}_m_s"] = v
        out[f"bank_{when}_rad"] = bank
        out[f"propulsion_{when}_w"] = level * float(turn_power_factor(bank))
    out["glide_storage_wh"] = float(glide_storage_wh(m, params["zephyr_night_descent_km"], eta))
    return out


def yuanmeng_hull(params: Params) -> dict[str, float]:
    """The Yuanmeng's air density, gross lift and the battery that share of it allows."""
    rho = float(isa_density_kg_m3(params["haps_alt_km"]))
    lift = float(buoyant_lift_kg(rho, params["yuanmeng_volume_m3"]))
    return {
        "air_density_kg_m3": rho,
        "gross_lift_kg": lift,
        "max_battery_kg": lift * float(params["yuanmeng_battery_share_pct"]) / 100.0,
    }


def yuanmeng_propulsion_w(params: Params, wind_m_s: ArrayLike) -> FloatArray:
    """Electrical power the Yuanmeng needs to stem a wind, W."""
    return np.asarray(
        airship_propulsion_power_w(
            isa_density_kg_m3(params["haps_alt_km"]),
            wind_m_s,
            params["yuanmeng_drag_coefficient"],
            params["yuanmeng_volume_m3"],
            float(params["yuanmeng_propulsion_efficiency_pct"]) / 100.0,
        ),
        dtype=float,
    )


def _platform_limits(params: Params, name: str) -> dict[str, float]:
    pre = _PREFIX[name]
    usable = float(params["battery_specific_energy_wh_kg"]) * (
        1.0 - float(params["battery_cold_loss_pct"]) / 100.0
    )
    max_battery = (
        float(params["zephyr_max_battery_kg"])
        if name == "Zephyr S"
        else yuanmeng_hull(params)["max_battery_kg"]
    )
    return {
        "payload_w": float(params[f"{pre}_payload_w"]),
        "avionics_w": float(params[f"{pre}_avionics_w"]),
        "max_array_m2": float(params[f"{pre}_max_array_m2"]),
        "max_battery_kg": max_battery,
        "usable_wh_kg": usable,
    }


def _fingerprint(a: ArrayLike) -> tuple[Any, ...]:
    """An array's shape, type and a digest of its bytes: equal for equal arrays."""
    arr = np.ascontiguousarray(a)
    return arr.shape, arr.dtype.str, hashlib.blake2b(arr.tobytes(), digest_size=32).digest()


def _daily_budget(
    g: np.ndarray,
    load: np.ndarray,
    round_trip: float,
    storage: np.ndarray | float,
    found: dict[tuple[Any, ...], tuple[np.ndarray, np.ndarray]] | None,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`daily_energy_budget`, looked up in ``found`` by its inputs when given."""
    if found is None:
        return daily_energy_budget(g, load, round_trip, storage)
    key = (round_trip, _fingerprint(g), _fingerprint(load), _fingerprint(storage))
    if key not in found:
        found[key] = daily_energy_budget(g, load, round_trip, storage)
    return found[key]


def platform_budget(
    params: Params,
    name: str,
    g: np.ndarray,
    latitudes_deg: np.ndarray,
    days: np.ndarray,
    *,
    found: dict[tuple[Any, ...], tuple[np.ndarray, np.ndarray]] | None = None,
) -> dict[str, np.ndarray]:
    """One platform's daily budget on a grid of latitudes and days.

    Parameters
    ----------
    params : mapping
        The chapter's parameters.
    name : str
        ``"Zephyr S"`` or ``"Yuanmeng"``.
    g : numpy.ndarray
        Array output, W/m^2, shape ``(n_latitudes, n_days, n_steps)``.
    latitudes_deg, days : numpy.ndarray
        The grid of ``g``.
    found : dict, optional
        The daily budgets (array and battery) already solved, by their inputs
        (array output, load, round trip, lossless storage); a budget met
        again is taken from it and a new one added. A sweep whose inputs
        leave a platform's load alone (the other platform's, the largest
        array or battery, the battery's specific energy) shares one dict
        between its calls. Default: solve every budget.

    Returns
    -------
    dict
        ``load_w`` (mean load per latitude and day), ``array_m2``,
        ``battery_kg``, ``feasible`` (each ``(n_latitudes, n_days)``) and the
        limits of :func:`_platform_limits`.
    """
    lim = _platform_limits(params, name)
    base = lim["payload_w"] + lim["avionics_w"]
    storage: np.ndarray | float = 0.0
    if name == "Zephyr S":
        flight = zephyr_flight(params)
        sun = g > 0.0
        load = base + np.where(sun, flight["propulsion_day_w"], flight["propulsion_night_w"])
        night_h = (~sun).sum(axis=-1) * 24.0 / g.shape[-1]
        storage = np.minimum(flight["glide_storage_wh"], flight["propulsion_night_w"] * night_h)
    else:
        wind = design_wind_speed_m_s(
            np.radians(latitudes_deg)[:, None], days[None, :], float(params["wind_n_sigma"])
        )
        load = (base + yuanmeng_propulsion_w(params, wind))[..., None] * np.ones_like(g)
    rt = float(params["battery_round_trip_pct"]) / 100.0
    area, battery_wh = _daily_budget(g, load, rt, storage, found)
    battery_kg = battery_wh / lim["usable_wh_kg"]
    feasible = (area <= lim["max_array_m2"]) & (battery_kg <= lim["max_battery_kg"])
    return {
        "load_w": np.broadcast_to(load, g.shape).mean(axis=-1),
        "array_m2": area,
        "battery_kg": battery_kg,
        "feasible": feasible,
        **lim,
    }


def _array_output(
    params: Params,
    lats_deg: np.ndarray,
    days: np.ndarray,
    steps: int,
    zenith_rad: np.ndarray | None = None,
) -> np.ndarray:
    return array_output_w_m2(
        np.radians(lats_deg),
        days,
        alt_km=float(params["haps_alt_km"]),
        cell_efficiency=float(params["cell_efficiency_pct"]) / 100.0,
        sea_level_optical_depth=float(params["sea_level_optical_depth"]),
        n_steps=steps,
        zenith_rad=zenith_rad,
    )


def _year_round_limit_deg(params: Params, name: str, low: float, high: float) -> float:
    """Highest year-round latitude between a year-round ``low`` and a failing ``high``, deg."""
    days = _days(params)
    while high - low > 0.05:
        mid = 0.5 * (low + high)
        g = _array_output(params, np.array([mid]), days, SOLAR_STEPS_PER_DAY)
        if platform_budget(params, name, g, np.array([mid]), days)["feasible"].all():
            low = mid
        else:
            high = mid
    return low


def solar_tables(params: Params) -> dict[str, Any]:
    """Everything of part 2: the daily budget per platform, latitude and day, endurance, limits.

    Returns a dict with ``daily`` (one row per platform, latitude and sampled
    day: ``load_w``, ``array_m2``, ``battery_kg``, ``feasible``), ``endurance``
    (per platform and latitude: ``endurance_days``, ``year_round``), ``limits``
    (per platform: the year-round latitude limit, deg, or NaN where even the
    equator fails or the highest latitude still holds), ``flight`` and
    ``hull`` (the derived Zephyr S flight and Yuanmeng hull).
    """
    lats = _latitudes_deg(params)
    days = _days(params)
    g = _array_output(params, lats, days, SOLAR_STEPS_PER_DAY)
    daily, endurance, limits = [], [], {}
    for name in PLATFORMS:
        b = platform_budget(params, name, g, lats, days)
        area, battery_kg, feasible = b["array_m2"], b["battery_kg"], b["feasible"]
        end = endurance_days(feasible, int(params["day_step_days"]))
        lat_grid, day_grid = np.meshgrid(lats, days, indexing="ij")
        daily.append(
            pd.DataFrame(
                {
                    "platform": name,
                    "latitude_deg": lat_grid.ravel(),
                    "day_of_year": day_grid.ravel(),
                    "load_w": b["load_w"].ravel(),
                    "array_m2": np.where(np.isfinite(area), area, np.nan).ravel(),
                    "battery_kg": np.where(np.isfinite(battery_kg), battery_kg, np.nan).ravel(),
                    "array_share_of_max": np.where(
                        np.isfinite(area), area / b["max_array_m2"], np.nan
                    ).ravel(),
                    "battery_share_of_max": np.where(
                        np.isfinite(battery_kg), battery_kg / b["max_battery_kg"], np.nan
                    ).ravel(),
                    "feasible": feasible.ravel(),
                }
            )
        )
        year_round = end >= 365.0
        endurance.append(
            pd.DataFrame(
                {
                    "platform": name,
                    "latitude_deg": lats,
                    "endurance_days": end,
                    "year_round": year_round,
                }
            )
        )
        limit = math.nan
        if year_round[0] and not year_round.all():
            k = int(np.argmin(year_round))  # first latitude that is not year-round
            limit = _year_round_limit_deg(params, name, float(lats[k - 1]), float(lats[k]))
        limits[name] = {
            "limit_deg": limit,
            "all_year_round": bool(year_round.all()),
            "none_year_round": not bool(year_round[0]),
            "load_w": float(b["load_w"].mean()),
            "load_max_w": float(b["load_w"].max()),
            **{k: v for k, v in b.items() if isinstance(v, float)},
        }
    return {
        "daily": pd.concat(daily, ignore_index=True),
        "endurance": pd.concat(endurance, ignore_index=True),
        "limits": limits,
        "latitudes": lats,
        "days": days,
        "flight": zephyr_flight(params),
        "hull": yuanmeng_hull(params),
    }


def solar_summary(solar: Mapping[str, Any]) -> pd.DataFrame:
    """Per platform: load, array and battery at the equinox on the equator and in the worst
    year-round case, and the year-round latitude limit."""
    daily = solar["daily"]
    rows = []
    for name in PLATFORMS:
        lim = solar["limits"][name]
        d = daily[daily["platform"] == name]
        eq = d[d["latitude_deg"] == 0.0]
        rows.append(
            {
                "platform": name,
                "payload_w": lim["payload_w"],
                "load_w": lim["load_w"],
                "load_max_w": lim["load_max_w"],
                "array_m2_equator_max": float(eq["array_m2"].max()),
                "battery_kg_equator_max": float(eq["battery_kg"].max()),
                "max_array_m2": lim["max_array_m2"],
                "max_battery_kg": lim["max_battery_kg"],
                "year_round_limit_deg": lim["limit_deg"],
            }
        )
    return _round(pd.DataFrame(rows), 2)


def year_round_latitudes(solar: Mapping[str, Any], name: str) -> np.ndarray:
    """The computed latitudes at which a platform closes every sampled day, deg N."""
    end = solar["endurance"]
    rows = end[(end["platform"] == name) & end["year_round"]]
    return rows["latitude_deg"].to_numpy(dtype=float)


def _limit_words(solar: Mapping[str, Any], name: str) -> str:
    """Where a platform flies year-round, in words."""
    lim = solar["limits"][name]
    if math.isfinite(lim["limit_deg"]):
        return f"0-{lim['limit_deg']:.1f}° N"
    if lim["all_year_round"]:
        return f"beyond {float(solar['latitudes'][-1]):g}° N, the highest latitude computed"
    lats = year_round_latitudes(solar, name)
    if lats.size == 0:
        return "nowhere: not at any latitude computed"
    step = float(np.diff(solar["latitudes"]).min()) if len(solar["latitudes"]) > 1 else 0.0
    return f"only near {_words_and([f'{v:g}° N' for v in lats])} (grid {step:g}°)"


def _solar_verdicts(end: pd.DataFrame) -> tuple[bool | None, bool]:
    """The two solar claims' verdicts from the endurance table (None: not applicable)."""
    days = end["endurance_days"].to_numpy(dtype=float)
    seasonal = bool(np.any((days > 0.0) & (days < 365.0)))
    year_round_claim = seasonal if np.any(days > 0.0) else None
    months = all(
        float(end.loc[end["platform"] == n, "endurance_days"].max()) >= MONTHS_DAYS
        for n in PLATFORMS
    )
    years = bool(end["year_round"].any())
    return year_round_claim, months and years
