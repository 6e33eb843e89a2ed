"""The operations chapter's tables: the assumptions with their sources, and the tables as shown."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from sagin_lib.platforms.solar import SOLAR_CONSTANT_W_M2, SOLAR_YEAR, pressure_ratio
from sagin_lib.platforms.sway import matched_half_beam_rad
from sagin_lib.platforms.winds import WIND_SOURCE
from sagin_lib.study.formatting import Table, format_number, format_table
from sagin_lib.study.table_output import (
    SavedTable,
    records_table,
    save_assumptions_table,
    save_table,
)

from .compute import _rad
from .compute_energy import _limit_words, solar_summary, yuanmeng_hull, zephyr_flight
from .compute_motion import MOTIONS, sway_summary
from .compute_sensitivity import SENSITIVITY_INPUTS
from .spec import _SURVEY, SOLAR_STEPS_PER_DAY, SPEC, Params


def assumptions_table(params: Params) -> pd.DataFrame:
    """Every assumption of the chapter with its value and source (table ``operations-assumptions``)."""
    p = params
    ratio = float(pressure_ratio(p["haps_alt_km"]))
    flight = zephyr_flight(p)
    hull = yuanmeng_hull(p)
    rows = [
        (
            "sway",
            "footprint",
            "users who see the HAPS at or above the minimum elevation and are served by its beam",
            f"{p['min_elevation_deg']:g} deg",
            "Coverage paper (downlink dome); study",
        ),
        (
            "sway",
            "antenna beam and link rule",
            "one body-fixed nadir beam, TR 38.901 element pattern (12 (theta/65 deg)^2 dB, at "
            "most 30 dB); a user is served while its relative SNR (pattern and spreading loss) "
            "is at least the rim's at rest",
            f"rim {math.degrees(float(matched_half_beam_rad(p['haps_alt_km'], _rad(p, 'min_elevation_deg')))):.2f} deg off boresight",
            "3GPP TR 38.901, Table 7.3-1; study assumption (threshold matched to the dome)",
        ),
        (
            "sway",
            "Zephyr S motion",
            "a loiter circle at its derived airspeed, banked by tan(phi) = v^2/(g r); the beam "
            "leans outward by the bank",
            f"radius {p['loiter_radius_km']:g} km (0.5-5 km), {flight['airspeed_day_m_s']:.1f} m/s, "
            f"bank {math.degrees(flight['bank_day_rad']):.2f} deg",
            "Study choice of radius (no published loiter data); coordinated-turn kinematics",
        ),
        (
            "sway",
            "Yuanmeng motion",
            "drift along the wind and pitch, sinusoidal and in phase",
            f"{p['sway_displacement_km']:g} km (0.2-5 km), {p['sway_tilt_deg']:g} deg (0.2-3 deg), "
            f"{p['sway_period_s']:g} s (120-3600 s)",
            f"{_SURVEY}, Fig. 10 and Sec. IV-C (no magnitudes); study choice, no published "
            "flight data",
        ),
        (
            "sway",
            "users",
            "uniform by area on the footprint at rest, not moving",
            f"{p['n_users']} users",
            "Study assumption",
        ),
        (
            "sway",
            "handover",
            "a user leaves when the link rule no longer serves it; each exit is one handover",
            "",
            f"{_SURVEY}, Sec. IV-C (He et al.: average and maximum handover probability)",
        ),
        (
            "solar",
            "sun position",
            "NREL solar position algorithm, UTC at longitude 0",
            f"year {SOLAR_YEAR}, {SOLAR_STEPS_PER_DAY} steps per day",
            "pvlib (Reda and Andreas)",
        ),
        (
            "solar",
            "top-of-atmosphere irradiance",
            "Spencer's Earth-Sun distance correction",
            f"solar constant {SOLAR_CONSTANT_W_M2:g} W/m^2",
            "pvlib",
        ),
        (
            "solar",
            "atmosphere above the platform",
            "beam attenuated by exp(-tau0 (p/p0) m), no diffuse light",
            f"tau0 {p['sea_level_optical_depth']:g} (0.1-0.5), p/p0 {ratio:.4f} at {p['haps_alt_km']:g} km",
            "Study assumption; ICAO standard atmosphere (ambiance); Kasten-Young air mass (pvlib); "
            "tau0 = ln(1366.1/900)/1.5 from the 900 W/m^2 direct beam of ASTM G173 at air mass 1.5",
        ),
        (
            "solar",
            "array",
            "flat and horizontal; no output with the sun below the horizon",
            "",
            "Study assumption",
        ),
        (
            "solar",
            "cell efficiency",
            "GaAs cells in the stratosphere",
            f"{p['cell_efficiency_pct']:g} % (18-22 %)",
            f"{_SURVEY}, Sec. III-B (18-22 %)",
        ),
        (
            "solar",
            "battery",
            "specific energy, round trip (split evenly between charge and discharge), cold loss",
            f"{p['battery_specific_energy_wh_kg']:g} Wh/kg (150-450), {p['battery_round_trip_pct']:g} % "
            f"(80-98), {p['battery_cold_loss_pct']:g} % (0-40)",
            "Study choice (lithium-ion packs; 450 Wh/kg: the silicon-anode cells reported for "
            f"Zephyr); {_SURVEY}, Sec. III-B (Li-S loses over 40 % in the cold)",
        ),
        (
            "solar",
            "Zephyr S payload power",
            "continuous",
            f"{p['zephyr_payload_w']:g} W",
            f"{_SURVEY}, Sec. II-B and Table I (250 W class)",
        ),
        (
            "solar",
            "Zephyr S mass",
            "take-off mass",
            f"{p['zephyr_mass_kg']:g} kg (60-75)",
            "Airbus Zephyr S data (under 75 kg, 25 m span)",
        ),
        (
            "solar",
            "Zephyr S airspeed",
            "V = sqrt(2 m g / (rho S C_L)) at the ISA density of the altitude",
            f"S {p['zephyr_wing_area_m2']:g} m^2 (25-35), C_L {p['zephyr_lift_coefficient']:g} "
            f"(0.8-1.2): {flight['airspeed_day_m_s']:.1f} m/s",
            "Study choice: a 25 m span at aspect ratio ~20; C_L of a low-Reynolds-number "
            "endurance wing",
        ),
        (
            "solar",
            "Zephyr S flight power",
            "m g V / (L/D eta), times the turn's (1/cos phi)^1.5, continuous",
            f"L/D {p['zephyr_lift_to_drag']:g} (20-35), eta {p['zephyr_propulsion_efficiency_pct']:g} % "
            f"(60-85): {flight['propulsion_day_w']:.0f} W",
            "Level-flight power (Klesh and Kabamba); study choice of L/D and eta",
        ),
        (
            "solar",
            "Zephyr S avionics",
            "continuous",
            f"{p['zephyr_avionics_w']:g} W (20-100)",
            "Study choice",
        ),
        (
            "solar",
            "Zephyr S night descent",
            "climb by day, glide down at night: m g dh / eta stored without loss, and the night "
            "flown lower, slower and cheaper",
            f"{p['zephyr_night_descent_km']:g} km (0-5)",
            "Practice of solar HALE aircraft (gravity storage, Gao et al. 2013); study choice "
            "(0: level flight)",
        ),
        (
            "solar",
            "Zephyr S limits",
            "largest array and battery",
            f"{p['zephyr_max_array_m2']:g} m^2 (12-20), {p['zephyr_max_battery_kg']:g} kg (25-40)",
            "Study choice: the upper wing of a 25 m span; about half the take-off mass",
        ),
        (
            "solar",
            "Yuanmeng payload power",
            "continuous",
            f"{p['yuanmeng_payload_w']:g} W",
            f"{_SURVEY}, Table I (1000 W)",
        ),
        (
            "solar",
            "Yuanmeng hull",
            "envelope volume; drag 0.5 rho v^3 C_DV V^(2/3) / eta",
            f"{p['yuanmeng_volume_m3']:g} m^3; C_DV {p['yuanmeng_drag_coefficient']:g} (0.02-0.04), "
            f"eta {p['yuanmeng_propulsion_efficiency_pct']:g} % (45-75)",
            "Volume: reports of the 2015 Yuanmeng flight (18,000 m^3); study choice of C_DV "
            "(streamlined hulls) and eta",
        ),
        (
            "solar",
            "stratospheric wind",
            "the airship stems the climatological mean speed plus n spreads, by latitude and day",
            f"n = {p['wind_n_sigma']:g} (0-2)",
            WIND_SOURCE,
        ),
        (
            "solar",
            "Yuanmeng avionics and systems",
            "continuous",
            f"{p['yuanmeng_avionics_w']:g} W (100-1000)",
            "Study choice",
        ),
        (
            "solar",
            "Yuanmeng limits",
            "largest array; battery as a share of the gross lift rho V (1 - M_He/M_air)",
            f"{p['yuanmeng_max_array_m2']:g} m^2 (150-500); {p['yuanmeng_battery_share_pct']:g} % "
            f"(10-30) of {hull['gross_lift_kg']:.0f} kg: {hull['max_battery_kg']:.0f} kg",
            "Study choice; ICAO density at the altitude",
        ),
        (
            "solar",
            "season",
            "northern latitudes; the south mirrors them half a year later",
            f"0-{p['latitude_max_deg']:g} deg every {p['latitude_step_deg']:g} deg, "
            f"every {p['day_step_days']} days",
            "Study assumption",
        ),
        (
            "latency",
            "hops",
            "every hop at its worst case: far end at the minimum elevation; gateway at the "
            "relay's coverage edge",
            f"{p['min_elevation_deg']:g} deg",
            "Study assumption",
        ),
        (
            "latency",
            "propagation",
            "straight line at the speed of light",
            "",
            "Coverage model (links)",
        ),
        (
            "latency",
            "bent-pipe relay",
            "group delay per relay",
            f"{p['bent_pipe_delay_ms']:g} ms",
            "Study assumption",
        ),
        (
            "latency",
            "regenerative relay",
            "decode-and-forward plus queueing per relay",
            f"{p['regenerative_processing_ms']:g} ms + {p['queueing_ms']:g} ms",
            "Study assumption",
        ),
        (
            "latency",
            "edge computing",
            "server on the HAPS; round trip adds the computing time",
            f"{p['mec_compute_ms']:g} ms",
            f"{_SURVEY}, Sec. V (MEC on NSPs); study assumption",
        ),
        (
            "latency",
            "altitudes",
            "HAPS, LEO, GEO",
            f"{p['haps_alt_km']:g}, {p['leo_alt_km']:g}, {p['geo_alt_km']:g} km",
            "3GPP TR 38.821 (HAPS, LEO); the geostationary orbit",
        ),
    ]
    return records_table(rows, ["part", "assumption", "what", "value", "source"])


def save_assumptions(params: Params) -> SavedTable:
    """Write the assumptions as table ``operations-assumptions`` (CSV and JSON); return it shown.

    A rule without a number (the handover rule, say) has no value: the CSV
    leaves the cell empty and the page shows a dash with a note.
    """
    table = assumptions_table(params)
    table["value"] = table["value"].where(table["value"].str.len() > 0, None)
    title = "Assumptions of the operations chapter with their sources"
    return save_assumptions_table(
        table, params, SPEC.chapter, title, missing="a rule, not a number"
    )


def display_sway(sway: Mapping[str, Any]) -> Table:
    """The numbers of :func:`sway_summary` as the chapter shows them: one column per platform."""
    summary = sway_summary(sway).set_index("platform")
    pct = 100.0
    rows = [
        ("motion", "motion", None),
        ("displacement, largest (km)", "displacement_km", 1.0),
        ("beam tilt, largest (°)", "tilt_deg", 1.0),
        ("period (s)", "period_s", 1.0),
        ("peak speed (m/s)", "peak_speed_m_s", 1.0),
        ("peak acceleration (m/s²)", "peak_acceleration_m_s2", 1.0),
        ("outside at the worst instant, analysis (%)", "outside_max", pct),
        ("outside at the worst instant, Monte Carlo (%)", "outside_max_mc", pct),
        ("outside at least once per cycle, analysis (%)", "ever_outside", pct),
        ("outside at least once per cycle, Monte Carlo (%)", "ever_outside_mc", pct),
        ("displacement alone, worst instant (%)", "displacement_only", pct),
        ("tilt alone, worst instant (%)", "tilt_only", pct),
        ("handovers per user-hour, all users", "handovers_per_user_hour", 1.0),
        ("handovers per user-hour, users who leave", "handovers_per_leaving_user_hour", 1.0),
    ]
    table = pd.DataFrame(
        {
            "quantity": [label for label, _, _ in rows],
            **{
                name: [
                    str(summary.loc[name, col]) if scale is None
                    else format_number(scale * float(summary.loc[name, col]), 3)
                    for _, col, scale in rows
                ]
                for name in MOTIONS
            },
        }
    )  # fmt: skip
    n = sway["motions"][MOTIONS[0]]["mc"].n_users
    return format_table(
        table,
        caption=f"Users leaving the served area of the moving platforms (link rule, TR 38.901 "
        f"element; {n:,} Monte Carlo users)",
    )


def display_solar(solar: Mapping[str, Any]) -> Table:
    """The per-platform summary of :func:`solar_summary` as the chapter shows it.

    One row per quantity, one column per platform, so that the table stays
    narrow on a phone.
    """
    summary = solar_summary(solar).set_index("platform")
    rows = [
        ("payload (W)", "payload_w"),
        ("payload, avionics and propulsion, mean (W)", "load_w"),
        ("payload, avionics and propulsion, largest (W)", "load_max_w"),
        ("largest array needed on the equator (m²)", "array_m2_equator_max"),
        ("largest array carried (m²)", "max_array_m2"),
        ("largest battery needed on the equator (kg)", "battery_kg_equator_max"),
        ("largest battery carried (kg)", "max_battery_kg"),
    ]
    table = pd.DataFrame(
        {
            "quantity": [label for label, _ in rows] + ["year-round flight"],
            **{
                name: [format_number(float(summary.loc[name, col]), 3) for _, col in rows]
                + [_limit_words(solar, name)]
                for name in summary.index
            },
        }
    )
    return format_table(
        table,
        missing="no array is enough on some day",
        caption="Solar energy budget per platform: the most the equator's days need, "
        "against the most the platform carries",
    )


def display_latency(latency: pd.DataFrame) -> Table:
    """The latency table of :func:`latency_summary` as the chapter shows it (one way, ms)."""
    el = float(latency["min_elevation_deg"].iloc[0])
    shown = pd.DataFrame(
        {
            "path": latency["path"] + " (" + latency["architecture"] + ")",
            "length_km": latency["path_length_km"],
            "propagation_ms": latency["propagation_one_way_ms"],
            "processing_ms": latency["processing_one_way_ms"] + latency["queueing_one_way_ms"],
            "computing_ms": latency["compute_ms"],
            "one_way_ms": latency["one_way_ms"],
            "round_trip_ms": latency["round_trip_ms"],
        }
    )
    return format_table(
        shown,
        digits=4,
        headers={"processing_ms": "processing and queueing (ms)"},
        caption=f"Latency of each path, every hop at its worst case ({el:g}° minimum elevation); "
        "propagation, processing and queueing one way",
    )


def sensitivity_inputs_table(params: Params) -> pd.DataFrame:
    """The chosen inputs of the sweep: default, plausible range and the reason for it."""
    return pd.DataFrame(
        [
            {"parameter": n, "default": float(params[n]), "low": lo, "high": hi, "reason": why}
            for n, lo, hi, why in SENSITIVITY_INPUTS
        ]
    )


def display_sensitivity(sens: Mapping[str, pd.DataFrame]) -> Table:
    """The per-claim robustness of :func:`sensitivity` as the chapter shows it."""
    v = sens["verdicts"]
    shown = pd.DataFrame(
        {
            "claim": v["claim_id"],
            "verdict at the defaults": v["verdict_at_defaults"].str.replace("_", " "),
            "inputs swept": v["inputs_swept"],
            "across the ranges": v["where_it_changes"],
        }
    )
    return format_table(
        shown,
        caption="Does each claim keep its verdict when one chosen input moves across its "
        "plausible range?",
    )


def save_sensitivity_inputs(params: Params) -> SavedTable:
    """Write the swept inputs as table ``operations-sensitivity-inputs``; return it shown."""
    return save_table(
        sensitivity_inputs_table(params),
        table_id="operations-sensitivity-inputs",
        output_dir=params["output_dir"],
        parameters=params,
        chapter=SPEC.chapter,
        title="Chosen inputs of the operations chapter: default, plausible range and why",
    )
