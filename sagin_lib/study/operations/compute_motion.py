"""Part 1 of the operations chapter: platform sway and handover, closed form and Monte Carlo."""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.platforms.antenna import pattern_loss_db
from sagin_lib.platforms.sway import (
    displacement_handover_fraction,
    footprint_overlap_fraction,
    link_monte_carlo,
    loiter_bank_rad,
    loiter_states,
    oscillation_states,
    outside_share,
    served_boundary_xyz_km,
    sinusoid_peaks,
)

from .compute import _phi, _rad
from .compute_energy import zephyr_flight
from .spec import _FAST, _SWEEP_POINTS, _TILT_POINTS, Params

#: The access element's pattern of the link rule: TR 38.901, on its principal cut.
PATTERN = partial(pattern_loss_db, pattern="tr38901")


#: The two moving platforms: Zephyr S loiters, Yuanmeng drifts and pitches.
MOTIONS: tuple[str, ...] = ("Zephyr S", "Yuanmeng")


def motion_states(params: Params, name: str) -> dict[str, Any]:
    """One cycle of a platform's motion: times and states, with peak speed and acceleration.

    Zephyr S flies its loiter circle at its derived day airspeed, banked as the
    turn requires (:func:`sagin_lib.platforms.motion.loiter_states`); the
    Yuanmeng drifts and pitches sinusoidally, in phase, along the wind.
    """
    n = int(params["sway_steps"])
    if name == "Zephyr S":
        v = zephyr_flight(params)["airspeed_day_m_s"]
        r = float(params["loiter_radius_km"])
        t, e, no, te, tn = loiter_states(r, v, n)
        return {
            "time_s": t, "east_km": e, "north_km": no, "tilt_east_rad": te, "tilt_north_rad": tn,
            "period_s": float(2.0 * math.pi * r * 1e3 / v), "displacement_km": r,
            "tilt_rad": float(loiter_bank_rad(v, r)), "peak_speed_m_s": v,
            "peak_acceleration_m_s2": v * v / (r * 1e3),
        }  # fmt: skip
    period = float(params["sway_period_s"])
    amp = float(params["sway_displacement_km"])
    t, d, tilt = oscillation_states(amp, _rad(params, "sway_tilt_deg"), period, n)
    speed, acc = sinusoid_peaks(amp, period)
    zero = np.zeros_like(d)
    return {
        "time_s": t, "east_km": d, "north_km": zero, "tilt_east_rad": tilt, "tilt_north_rad": zero,
        "period_s": period, "displacement_km": amp, "tilt_rad": _rad(params, "sway_tilt_deg"),
        "peak_speed_m_s": float(speed), "peak_acceleration_m_s2": float(acc),
    }  # fmt: skip


def _states(m: Mapping[str, Any]) -> tuple[Any, Any, Any, Any]:
    return m["east_km"], m["north_km"], m["tilt_east_rad"], m["tilt_north_rad"]


def attitude_and_displacement_shares(
    params: Params, name: str, pattern: Any = PATTERN
) -> tuple[float, float]:
    """Share outside at a platform's largest displacement alone and at its largest tilt alone."""
    h, alpha = float(params["haps_alt_km"]), _rad(params, "min_elevation_deg")
    m = motion_states(params, name)
    only_d = float(displacement_handover_fraction(h, alpha, m["displacement_km"]))
    only_t = outside_share(h, alpha, 0.0, 0.0, m["tilt_rad"], 0.0, pattern_loss_db=pattern, **_FAST)
    return only_d, only_t


def sway_tables(params: Params) -> dict[str, Any]:
    """Everything of part 1: served areas, handover curves, one cycle of each platform's motion.

    Returns a dict with ``data`` (the tidy table of figure
    ``operations-sway-handover``, one ``panel`` per subplot), and per platform
    (``motions``) the states, the analysis, the Monte Carlo and the numbers the
    claims and prose use. A user is served while it sees the platform above the
    minimum elevation and its relative SNR through the TR 38.901 element is at
    least the rim's at rest (the link rule).
    """
    h = float(params["haps_alt_km"])
    alpha = _rad(params, "min_elevation_deg")
    phi = _phi(params)
    frames = []
    motions = {name: motion_states(params, name) for name in MOTIONS}

    # (a) served areas: at rest, at the extreme state of each motion (link rule), brick wall.
    z, y = motions["Zephyr S"], motions["Yuanmeng"]
    outlines = (
        ("at rest", (0.0, 0.0, 0.0, 0.0), PATTERN),
        ("Zephyr S on its circle", (z["displacement_km"], 0.0, z["tilt_rad"], 0.0), PATTERN),
        ("Yuanmeng drifted and pitched", (y["displacement_km"], 0.0, y["tilt_rad"], 0.0), PATTERN),
        ("Yuanmeng, brick-wall beam", (y["displacement_km"], 0.0, y["tilt_rad"], 0.0), None),
    )
    for label, state, pattern in outlines:
        xyz = served_boundary_xyz_km(h, alpha, *state, pattern_loss_db=pattern, n_points=121)
        psi = np.arctan2(np.hypot(xyz[:, 0], xyz[:, 1]), xyz[:, 2])
        az = np.arctan2(xyz[:, 1], xyz[:, 0])
        frames.append(
            pd.DataFrame(
                {
                    "panel": "outline",
                    "curve": label,
                    "alt_km": h,
                    "x_km": EARTH_RADIUS_KM * psi * np.cos(az),
                    "y_km": EARTH_RADIUS_KM * psi * np.sin(az),
                }
            )
        )

    # (b) handover against displacement: closed form per altitude, quadrature check.
    disp = np.linspace(0.0, float(params["sweep_displacement_max_km"]), _SWEEP_POINTS)
    altitudes = [float(a) for a in params["sweep_altitudes_km"]]
    for alt in altitudes:
        frames.append(
            pd.DataFrame(
                {
                    "panel": "displacement",
                    "curve": "closed form",
                    "alt_km": alt,
                    "displacement_km": disp,
                    "tilt_deg": 0.0,
                    "handover_fraction": displacement_handover_fraction(alt, alpha, disp),
                }
            )
        )
    check_disp = disp[::4]
    quad = [footprint_overlap_fraction(h, alpha, d, 0.0) for d in check_disp]
    closed = displacement_handover_fraction(h, alpha, check_disp)
    frames.append(
        pd.DataFrame(
            {
                "panel": "displacement",
                "curve": "quadrature",
                "alt_km": h,
                "displacement_km": check_disp,
                "tilt_deg": 0.0,
                "handover_fraction": quad,
            }
        )
    )
    quad_err = float(np.max(np.abs(np.asarray(quad) - closed)))

    # (c) handover against tilt: the link rule per altitude, the brick wall at the chapter's.
    tilts = np.linspace(0.0, float(params["sweep_tilt_max_deg"]), _TILT_POINTS)
    for curve, alts, pattern in (("link rule", altitudes, PATTERN), ("brick wall", [h], None)):
        for alt in alts:
            frames.append(
                pd.DataFrame(
                    {
                        "panel": "tilt",
                        "curve": curve,
                        "alt_km": alt,
                        "displacement_km": 0.0,
                        "tilt_deg": tilts,
                        "handover_fraction": [
                            outside_share(
                                alt, alpha, 0.0, 0.0, math.radians(t), 0.0,
                                pattern_loss_db=pattern, **_FAST,
                            )
                            for t in tilts
                        ],
                    }
                )
            )  # fmt: skip

    # (d) one cycle of each motion: analysis against Monte Carlo.
    n_users = int(params["n_users"])
    seeds = np.random.SeedSequence(int(params["seed"])).spawn(len(MOTIONS))
    results: dict[str, Any] = {}
    for seed, name in zip(seeds, MOTIONS, strict=True):
        m = motions[name]
        e, no, te, tn = _states(m)
        if name == "Zephyr S":  # the same state turned about the nadir: one quadrature
            one = outside_share(
                h, alpha, e[0], no[0], te[0], tn[0], pattern_loss_db=PATTERN, **_FAST
            )
            inst = np.full(e.size, one)
        else:
            inst = np.array(
                [
                    outside_share(h, alpha, a, b, c, d, pattern_loss_db=PATTERN, **_FAST)
                    for a, b, c, d in zip(e, no, te, tn, strict=True)
                ]
            )
        ever = outside_share(h, alpha, e, no, te, tn, pattern_loss_db=PATTERN)
        mc = link_monte_carlo(n_users, h, alpha, e, no, te, tn, pattern_loss_db=PATTERN, rng=seed)
        n = mc.n_users

        def zscore(est: Any, p: Any, n: int = n) -> np.ndarray:
            p = np.asarray(p)
            return (np.asarray(est) - p) / np.sqrt(np.maximum(p * (1.0 - p), 1.0 / n) / n)

        only_d, only_t = attitude_and_displacement_shares(params, name)
        per_hour = 3600.0 / m["period_s"]
        results[name] = {
            **m,
            "instantaneous": inst,
            "ever": ever,
            "mc": mc,
            "z_max": float(
                max(np.max(np.abs(zscore(mc.outside_fraction, inst))),
                    abs(float(zscore(mc.ever_outside_fraction, ever))))
            ),
            "displacement_only": only_d,
            "tilt_only": only_t,
            "handovers_per_user_hour": mc.exits_per_user * per_hour,
            "handovers_per_leaving_user_hour": mc.exits_per_leaving_user * per_hour,
        }  # fmt: skip
        for curve, values in (("analysis", inst), ("Monte Carlo", mc.outside_fraction)):
            frames.append(
                pd.DataFrame(
                    {
                        "panel": "cycle",
                        "curve": f"{name}: {curve}",
                        "alt_km": h,
                        "time_s": m["time_s"],
                        "cycle_share": m["time_s"] / m["period_s"],
                        "displacement_km": np.hypot(e, no),
                        "tilt_deg": np.degrees(np.hypot(te, tn)),
                        "handover_fraction": values,
                    }
                )
            )
        for curve, value in (
            ("analysis, ever out", ever),
            ("Monte Carlo, ever out", mc.ever_outside_fraction),
        ):
            frames.append(
                pd.DataFrame(
                    {"panel": "cycle", "curve": [f"{name}: {curve}"], "alt_km": [h],
                     "handover_fraction": [value]}
                )
            )  # fmt: skip
    cols = [
        "panel", "curve", "alt_km", "x_km", "y_km", "time_s", "cycle_share",
        "displacement_km", "tilt_deg", "handover_fraction",
    ]  # fmt: skip
    data = pd.concat(frames, ignore_index=True).reindex(columns=cols)
    return {
        "data": data,
        "phi_rad": phi,
        "radius_km": EARTH_RADIUS_KM * phi,
        "quadrature_error": quad_err,
        "motions": results,
    }


def sway_summary(sway: Mapping[str, Any]) -> pd.DataFrame:
    """Per platform: its motion, peak speed and acceleration, and the handover numbers."""
    rows = []
    for name in MOTIONS:
        r = sway["motions"][name]
        mc = r["mc"]
        rows.append(
            {
                "platform": name,
                "motion": "loiter circle" if name == "Zephyr S" else "drift and pitch",
                "displacement_km": r["displacement_km"],
                "tilt_deg": math.degrees(r["tilt_rad"]),
                "period_s": r["period_s"],
                "peak_speed_m_s": r["peak_speed_m_s"],
                "peak_acceleration_m_s2": r["peak_acceleration_m_s2"],
                "outside_max": float(r["instantaneous"].max()),
                "outside_max_mc": float(mc.outside_fraction.max()),
                "outside_mean": float(r["instantaneous"].mean()),
                "outside_mean_mc": float(mc.outside_fraction.mean()),
                "ever_outside": float(r["ever"]),
                "ever_outside_mc": float(mc.ever_outside_fraction),
                "displacement_only": r["displacement_only"],
                "tilt_only": r["tilt_only"],
                "handovers_per_user_hour": r["handovers_per_user_hour"],
                "handovers_per_leaving_user_hour": r["handovers_per_leaving_user_hour"],
            }
        )
    return pd.DataFrame(rows)
