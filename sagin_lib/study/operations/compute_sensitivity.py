"""One-at-a-time sensitivity of the operations chapter's headline numbers and verdicts."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from sagin_lib.platforms.solar import endurance_days, sun_zenith_rad
from sagin_lib.platforms.sway import outside_share
from sagin_lib.study.claims import verdict_of

from .compute import _rad, latency_conditions, latency_summary
from .compute_energy import _array_output, _solar_verdicts, platform_budget
from .compute_motion import (
    MOTIONS,
    PATTERN,
    _states,
    attitude_and_displacement_shares,
    motion_states,
)
from .spec import _PREFIX, PLATFORMS, Params

_Range = tuple[str, float, float, str]

#: The inputs of the solar budget: (parameter, low, high, why this range).
_SOLAR_RANGES: tuple[_Range, ...] = (
    ("cell_efficiency_pct", 18.0, 22.0, "the survey's 18-22 % for GaAs in the stratosphere"),
    ("sea_level_optical_depth", 0.1, 0.5, "clean to hazy broadband depths at sea level"),
    ("battery_specific_energy_wh_kg", 150.0, 450.0, "lithium-ion packs to silicon-anode cells"),
    ("battery_round_trip_pct", 80.0, 98.0, "lithium-ion round trip, pack to cell"),
    ("battery_cold_loss_pct", 0.0, 40.0, "heated pack to the survey's Li-S cold loss"),
    ("zephyr_mass_kg", 60.0, 75.0, "Airbus: under 75 kg"),
    ("zephyr_wing_area_m2", 25.0, 35.0, "25 m span at aspect ratio 18-25"),
    ("zephyr_lift_coefficient", 0.8, 1.2, "low-Reynolds-number endurance wings"),
    ("zephyr_lift_to_drag", 20.0, 35.0, "high-aspect-ratio solar aircraft"),
    ("zephyr_propulsion_efficiency_pct", 60.0, 85.0, "motor, gearbox and propeller"),
    ("zephyr_avionics_w", 20.0, 100.0, "flight control, communication, heating"),
    ("zephyr_night_descent_km", 0.0, 5.0, "level flight to the climb-and-glide practice"),
    ("zephyr_max_array_m2", 12.0, 20.0, "share of the upper wing covered by cells"),
    ("zephyr_max_battery_kg", 25.0, 40.0, "a third to a half of the take-off mass"),
    ("yuanmeng_drag_coefficient", 0.02, 0.04, "streamlined hulls with fins and gondola"),
    ("yuanmeng_propulsion_efficiency_pct", 45.0, 75.0, "motor and large slow propellers"),
    ("yuanmeng_avionics_w", 100.0, 1000.0, "avionics, valves, thermal control"),
    ("yuanmeng_max_array_m2", 150.0, 500.0, "share of the hull's top covered by cells"),
    ("yuanmeng_battery_share_pct", 10.0, 30.0, "share of the gross lift left for the battery"),
    ("wind_n_sigma", 0.0, 2.0, "the mean wind to a windy day"),
)


_SOLAR_INPUTS = frozenset(n for n, *_ in _SOLAR_RANGES)


#: The inputs of the sway and handover part.
_SWAY_RANGES: tuple[_Range, ...] = (
    ("loiter_radius_km", 0.5, 5.0, "a tight circle to a station box of several km"),
    ("sway_displacement_km", 0.2, 5.0, "airship drift under gusts, no published data"),
    ("sway_tilt_deg", 0.2, 3.0, "airship pitch under gusts, no published data"),
    ("sway_period_s", 120.0, 3600.0, "gust response to slow drift"),
)


# The Zephyr's mass, wing area and lift coefficient set its loiter airspeed: they move it too.
_SWAY_INPUTS = frozenset(n for n, *_ in _SWAY_RANGES) | {
    "zephyr_mass_kg",
    "zephyr_wing_area_m2",
    "zephyr_lift_coefficient",
}


#: The inputs of the latency part.
_LATENCY_RANGES: tuple[_Range, ...] = (
    ("regenerative_processing_ms", 0.1, 5.0, "decode and forward of one packet"),
    ("queueing_ms", 0.0, 10.0, "an idle to a loaded relay"),
    ("mec_compute_ms", 0.5, 10.0, "a light to a heavy edge task"),
)


_LATENCY_INPUTS = frozenset(n for n, *_ in _LATENCY_RANGES)


#: Every chosen input of the chapter with its plausible range and the reason for it.
SENSITIVITY_INPUTS: tuple[_Range, ...] = _SOLAR_RANGES + _SWAY_RANGES + _LATENCY_RANGES


#: Values of each input the sweep evaluates, from its low to its high end.
SENSITIVITY_POINTS = 5


#: The headline numbers of the tornado plot, in panel order.
HEADLINES: tuple[tuple[str, str], ...] = (
    ("zephyr_need", "Zephyr S: year-round need (1 = all it carries)"),
    ("yuanmeng_need", "Yuanmeng: year-round need (1 = all it carries)"),
    ("zephyr_ever_outside", "Zephyr S loiter: share out at least once"),
    ("yuanmeng_ever_outside", "Yuanmeng drift: share out at least once"),
    ("mec_round_trip_ms", "Edge server round trip (ms)"),
)


_COARSE_LAT_STEP, _COARSE_DAY_STEP, _COARSE_STEPS = 5.0, 15, 48


#: What one sweep has computed already, by its inputs (sun, array output, budgets, sway).
_Found = dict[Any, Any]


def _solar_point(params: Params, found: _Found) -> dict[str, Any]:
    """Coarse solar budget: the two platforms' year-round need and the solar verdicts.

    ``found`` keeps between the points of a sweep the sun's positions, the
    array output per atmosphere and altitude and the daily budgets, each
    computed once for its inputs.
    """
    lats = np.unique(np.r_[np.arange(0.0, float(params["latitude_max_deg"]), _COARSE_LAT_STEP),
                           float(params["latitude_max_deg"])])  # fmt: skip
    days = np.arange(1, 366, _COARSE_DAY_STEP)
    sun = ("zenith", lats.tobytes())
    if sun not in found:
        found[sun] = sun_zenith_rad(np.radians(lats), days, _COARSE_STEPS)
    key = ("g", lats.tobytes(), float(params["sea_level_optical_depth"]),
           float(params["haps_alt_km"]))  # fmt: skip
    if key not in found:
        found[key] = _array_output({**params, "cell_efficiency_pct": 100.0}, lats, days,
                                   _COARSE_STEPS, found[sun])  # fmt: skip
    g = found[key] * float(params["cell_efficiency_pct"]) / 100.0
    budgets = found.setdefault("budgets", {})
    out: dict[str, Any] = {}
    rows = []
    for name in PLATFORMS:
        b = platform_budget(params, name, g, lats, days, found=budgets)
        need = np.maximum(b["array_m2"] / b["max_array_m2"], b["battery_kg"] / b["max_battery_kg"])
        out[f"{_PREFIX[name]}_need"] = float(np.min(np.max(need, axis=1)))
        end = endurance_days(b["feasible"], _COARSE_DAY_STEP)
        rows.append(pd.DataFrame({"platform": name, "latitude_deg": lats, "endurance_days": end,
                                  "year_round": end >= 365.0}))  # fmt: skip
    year_round_claim, months = _solar_verdicts(pd.concat(rows, ignore_index=True))
    out["verdicts"] = {
        "operations-solar-year-round-latitude": verdict_of(year_round_claim),
        "operations-solar-months-to-years": verdict_of(months),
    }
    return out


def _sway_point(params: Params, found: _Found) -> dict[str, Any]:
    """Coarse sway: each platform's share out at least once and the tilt verdict.

    ``found`` keeps between the points of a sweep the shares of each motion
    met already (an input of one platform leaves the other's motion alone).
    """
    h, alpha = float(params["haps_alt_km"]), _rad(params, "min_elevation_deg")
    coarse = {**params, "sway_steps": 16}
    out: dict[str, Any] = {}
    dominates, moving = True, False
    for name in MOTIONS:
        m = motion_states(coarse, name)
        states = _states(m)
        key = ("ever", h, alpha, *(np.asarray(x, dtype=float).tobytes() for x in states))
        if key not in found:
            found[key] = outside_share(
                h, alpha, *states, pattern_loss_db=PATTERN, n_azimuth=120, n_radial=32
            )
        out[f"{_PREFIX[name]}_ever_outside"] = found[key]
        if m["displacement_km"] > 0 and m["tilt_rad"] > 0:
            moving = True
            key = ("alone", name, h, alpha, float(m["displacement_km"]), float(m["tilt_rad"]))
            if key not in found:
                found[key] = attitude_and_displacement_shares(coarse, name)
            only_d, only_t = found[key]
            dominates = dominates and only_t > only_d
    out["verdicts"] = {"operations-tilt-dominates-sway": verdict_of(dominates if moving else None)}
    return out


def _latency_point(params: Params) -> dict[str, Any]:
    lat = latency_summary(params)
    claims = {cid: verdict_of(holds) for cid, holds in latency_conditions(lat).items()}
    row = lat.set_index(["path", "architecture"]).loc[("user-HAPS edge server", "MEC at the HAPS")]
    return {"mec_round_trip_ms": float(row["round_trip_ms"]), "verdicts": claims}


def sensitivity(params: Params) -> dict[str, pd.DataFrame]:
    """One-at-a-time sweep of every chosen input across its plausible range.

    Each input of :data:`SENSITIVITY_INPUTS` takes :data:`SENSITIVITY_POINTS`
    values from its low to its high end, the others staying at ``params``; the
    solar budget runs on a coarser grid (5 deg, every 15 days, 30 min) than
    the chapter's. What a point shares with one before it (the sun's
    positions; a platform's budget or motion that the input leaves alone) is
    computed once. Returns ``data`` (tidy: parameter, value, headline and its
    value, with the default run as ``parameter = "default"``; figure
    ``operations-sensitivity``) and ``verdicts`` (per claim and input: whether
    the verdict at ``params`` holds across the range, or the first value at
    which it changes).
    """
    found: _Found = {}
    parts = (_solar_point(params, found), _sway_point(params, found), _latency_point(params))
    base = {k: v for part in parts for k, v in part.items() if k != "verdicts"}
    base_verdicts = {k: v for part in parts for k, v in part["verdicts"].items()}
    rows = [{"parameter": "default", "value": math.nan, "headline": k, "headline_value": base[k]}
            for k, _ in HEADLINES]  # fmt: skip
    flips: dict[tuple[str, str], str] = {}
    entered: dict[str, set[str]] = {cid: set() for cid in base_verdicts}
    for name, lo, hi, _ in SENSITIVITY_INPUTS:
        for value in np.linspace(lo, hi, SENSITIVITY_POINTS):
            p = {**params, name: float(value)}
            got: dict[str, Any] = {}
            if name in _SOLAR_INPUTS:
                got.update(_solar_point(p, found))
            if name in _SWAY_INPUTS:
                sw = _sway_point(p, found)
                got.update({k: v for k, v in sw.items() if k != "verdicts"})
                got["verdicts"] = {**got.get("verdicts", {}), **sw["verdicts"]}
            if name in _LATENCY_INPUTS:
                got.update(_latency_point(p))
            for key, _ in HEADLINES:
                if key in got:
                    rows.append({"parameter": name, "value": float(value), "headline": key,
                                 "headline_value": got[key]})  # fmt: skip
            for cid, verdict in got.get("verdicts", {}).items():
                entered[cid].add(name)
                if verdict != base_verdicts[cid] and (cid, name) not in flips:
                    flips[(cid, name)] = f"{verdict.replace('_', ' ')} at {name} = {value:g}"
    table = []
    for cid, verdict in base_verdicts.items():
        names = sorted(entered[cid], key=[n for n, *_ in SENSITIVITY_INPUTS].index)
        turned = [flips[(cid, n)] for n in names if (cid, n) in flips]
        table.append(
            {
                "claim_id": cid,
                "verdict_at_defaults": verdict,
                "inputs_swept": len(names),
                "robust": not turned,
                "where_it_changes": "; ".join(turned)
                if turned
                else "holds its verdict across every range",
            }
        )
    for cid in ("operations-handover-quadrature-exact", "operations-handover-mc-agrees",
                "operations-handover-grows-with-displacement"):  # fmt: skip
        table.append({"claim_id": cid, "verdict_at_defaults": "see the claims table",
                      "inputs_swept": 0, "robust": True,
                      "where_it_changes": "no chosen input enters: geometry and sampling only"})  # fmt: skip
    return {"data": pd.DataFrame(rows), "verdicts": pd.DataFrame(table)}
