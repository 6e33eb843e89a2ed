"""The operations chapter: platform sway and handover, solar energy budget, latency.

The chapter (``book/operations.ipynb``) operates a near-space platform as the
survey describes it: swayed by the wind (Fig. 10, Sec. IV-C), powered by the
sun through the night (Sec. II, III-B, Table I) and serving users at low
latency (Sec. I-A, IV, V). This module declares its parameters (:data:`SPEC`)
and holds every table, figure and claim the notebook shows, plus the table of
assumptions with their sources (:func:`assumptions_table`).

Parameters come as the checked mapping of :meth:`ChapterSpec.bind`, in the
chapter's human units (km, degrees, s, W, m^2, kg, Wh/kg, %, ms, days).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from sagin_lib._checks import FloatArray
from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.coverage import downlink_vertex_angle_rad
from sagin_lib.platforms.airframe import (
    airship_propulsion_power_w,
    buoyant_lift_kg,
    cruise_airspeed_m_s,
    glide_storage_wh,
    level_flight_power_w,
    turn_power_factor,
)
from sagin_lib.platforms.antenna import pattern_loss_db
from sagin_lib.platforms.atmosphere import isa_density_kg_m3
from sagin_lib.platforms.latency import latency_paths, latency_table
from sagin_lib.platforms.solar import (
    SOLAR_CONSTANT_W_M2,
    SOLAR_YEAR,
    array_output_w_m2,
    daily_energy_budget,
    endurance_days,
    pressure_ratio,
)
from sagin_lib.platforms.sway import (
    displacement_handover_fraction,
    footprint_overlap_fraction,
    link_monte_carlo,
    loiter_bank_rad,
    loiter_states,
    matched_half_beam_rad,
    oscillation_states,
    outside_share,
    served_boundary_xyz_km,
    sinusoid_peaks,
)
from sagin_lib.platforms.winds import WIND_SOURCE, design_wind_speed_m_s
from sagin_lib.study.claims import Claim, claim
from sagin_lib.study.formatting import Table, format_number, format_table
from sagin_lib.study.sources import STUDY, SURVEY
from sagin_lib.study.spec import ChapterSpec, Param, output_dir_param
from sagin_lib.study.table_output import SavedTable, save_table

__all__ = [
    "PLATFORMS",
    "SPEC",
    "assumptions_table",
    "SWAY_MISSING_OK",
    "chapter_claims",
    "coinciding_curves",
    "display_latency",
    "display_sensitivity",
    "display_solar",
    "display_sway",
    "latency_figure",
    "latency_sweep",
    "latency_summary",
    "prose_values",
    "save_assumptions",
    "save_sensitivity_inputs",
    "sensitivity",
    "sensitivity_figure",
    "sensitivity_inputs_table",
    "solar_figure",
    "solar_summary",
    "solar_tables",
    "sway_figure",
    "sway_summary",
    "sway_tables",
]

Params = Mapping[str, Any]

_SURVEY = SURVEY
#: The two solar platforms of the energy budget, with the survey's payload power.
PLATFORMS: tuple[str, ...] = ("Zephyr S", "Yuanmeng")
_PREFIX = {"Zephyr S": "zephyr", "Yuanmeng": "yuanmeng"}
#: Samples per day of the solar computation (10 min).
SOLAR_STEPS_PER_DAY = 144
#: A Monte Carlo estimate is accepted within this many standard errors.
Z_BAND = 4.0
#: Largest difference accepted between the quadrature and the closed form.
QUADRATURE_TOL = 1e-4
#: "ms-level" latency: a round trip below this, ms.
MS_LEVEL_MS = 10.0
#: "Hundreds of ms": at least this, ms.
HUNDREDS_MS = 100.0
#: "Months" of endurance: at least this many days.
MONTHS_DAYS = 60.0
_SWEEP_POINTS = 41
_TILT_POINTS = 11
_FAST = {"n_azimuth": 180, "n_radial": 64}

SPEC = ChapterSpec(
    "operations",
    (
        output_dir_param("operations"),
        Param("hap_alt_km", 20.0, "HAPS altitude (all three parts)", "km", 15.0, 50.0),
        Param(
            "min_elevation_deg",
            10.0,
            "minimum elevation of a user (footprint, slant ranges)",
            "deg",
            0.0,
            60.0,
        ),
        Param("loiter_radius_km", 1.0, "Zephyr S: radius of its loiter circle", "km", 0.2, 20.0),
        Param(
            "sway_displacement_km",
            1.0,
            "Yuanmeng: amplitude of its drift with the wind",
            "km",
            0.0,
            20.0,
        ),
        Param("sway_tilt_deg", 1.0, "Yuanmeng: amplitude of its pitch", "deg", 0.0, 10.0),
        Param("sway_period_s", 600.0, "Yuanmeng: period of its drift and pitch", "s", 1.0, 3600.0),
        Param("sway_steps", 64, "samples per cycle of each motion", "steps", 8, 256),
        Param("n_users", 20000, "Monte Carlo users on the footprint", "users", 100, 200000),
        Param(
            "sweep_displacement_max_km",
            20.0,
            "largest displacement of the handover curves",
            "km",
            1.0,
            100.0,
        ),
        Param("sweep_tilt_max_deg", 5.0, "largest tilt of the handover curves", "deg", 1.0, 10.0),
        Param(
            "sweep_altitudes_km",
            [17.0, 20.0, 25.0, 30.0],
            "HAPS altitudes of the handover curves",
            "km",
            15.0,
            50.0,
            min_items=2,
            max_items=5,
            increasing=True,
        ),
        Param(
            "cell_efficiency_pct",
            20.0,
            "solar cell efficiency (survey: GaAs 18-22 %)",
            "%",
            5.0,
            50.0,
        ),
        Param(
            "sea_level_optical_depth",
            0.28,
            "broadband optical depth at sea level, scaled by pressure",
            "",
            0.0,
            1.0,
        ),
        Param(
            "battery_specific_energy_wh_kg", 250.0, "battery specific energy", "Wh/kg", 50.0, 1000.0
        ),
        Param("battery_round_trip_pct", 90.0, "battery round-trip efficiency", "%", 50.0, 100.0),
        Param(
            "battery_cold_loss_pct",
            0.0,
            "capacity loss in the cold (survey: over 40 % for Li-S)",
            "%",
            0.0,
            60.0,
        ),
        Param(
            "zephyr_payload_w",
            250.0,
            "Zephyr S payload power (survey: 250 W class)",
            "W",
            0.0,
            5000.0,
        ),
        Param("zephyr_mass_kg", 75.0, "Zephyr S mass (Airbus: under 75 kg)", "kg", 20.0, 200.0),
        Param("zephyr_wing_area_m2", 30.0, "Zephyr S wing area", "m^2", 10.0, 100.0),
        Param("zephyr_lift_coefficient", 1.0, "Zephyr S cruise lift coefficient", "", 0.3, 1.5),
        Param("zephyr_lift_to_drag", 30.0, "Zephyr S lift-to-drag ratio", "", 10.0, 50.0),
        Param(
            "zephyr_propulsion_efficiency_pct",
            75.0,
            "Zephyr S motor and propeller efficiency",
            "%",
            30.0,
            95.0,
        ),
        Param("zephyr_avionics_w", 50.0, "Zephyr S avionics power", "W", 0.0, 1000.0),
        Param(
            "zephyr_night_descent_km",
            0.0,
            "Zephyr S height glided down at night and climbed back by day",
            "km",
            0.0,
            8.0,
        ),
        Param("zephyr_max_array_m2", 15.0, "Zephyr S largest solar array", "m^2", 1.0, 1000.0),
        Param("zephyr_max_battery_kg", 35.0, "Zephyr S largest battery", "kg", 1.0, 1000.0),
        Param(
            "yuanmeng_payload_w",
            1000.0,
            "Yuanmeng payload power (survey: 1000 W)",
            "W",
            0.0,
            10000.0,
        ),
        Param("yuanmeng_volume_m3", 18000.0, "Yuanmeng envelope volume", "m^3", 1000.0, 500000.0),
        Param(
            "yuanmeng_drag_coefficient",
            0.03,
            "Yuanmeng hull drag coefficient on volume^(2/3)",
            "",
            0.005,
            0.1,
        ),
        Param(
            "yuanmeng_propulsion_efficiency_pct",
            60.0,
            "Yuanmeng motor and propeller efficiency",
            "%",
            30.0,
            95.0,
        ),
        Param(
            "yuanmeng_avionics_w", 300.0, "Yuanmeng avionics and systems power", "W", 0.0, 10000.0
        ),
        Param(
            "wind_n_sigma",
            1.0,
            "wind the airship stems: climatological mean plus this many spreads",
            "",
            0.0,
            3.0,
        ),
        Param("yuanmeng_max_array_m2", 300.0, "Yuanmeng largest solar array", "m^2", 1.0, 5000.0),
        Param(
            "yuanmeng_battery_share_pct",
            20.0,
            "Yuanmeng battery as a share of its gross lift",
            "%",
            1.0,
            60.0,
        ),
        Param("latitude_max_deg", 70.0, "highest latitude of the energy budget", "deg", 10.0, 89.0),
        Param("latitude_step_deg", 5.0, "latitude step of the energy budget", "deg", 2.0, 30.0),
        Param("day_step_days", 5, "days between the sampled days of the year", "days", 2, 60),
        Param("leo_alt_km", 600.0, "LEO altitude (latency)", "km", 300.0, 2000.0),
        Param("geo_alt_km", 35786.0, "GEO altitude (latency)", "km", 30000.0, 40000.0),
        Param("bent_pipe_delay_ms", 0.01, "group delay of a bent-pipe relay", "ms", 0.0, 10.0),
        Param(
            "regenerative_processing_ms",
            1.0,
            "decode and forward at a regenerative relay",
            "ms",
            0.0,
            100.0,
        ),
        Param("queueing_ms", 1.0, "queueing at a regenerative relay or server", "ms", 0.0, 1000.0),
        Param(
            "mec_compute_ms", 2.0, "task computing time at the HAPS edge server", "ms", 0.0, 1000.0
        ),
        Param("seed", 2025, "root seed of the Monte Carlo", "", 0, 2**32 - 1),
    ),
)


# ----------------------------------------------------------------- helpers


def _rad(params: Params, name: str) -> float:
    return math.radians(float(params[name]))


def _phi(params: Params, alt_km: float | None = None) -> float:
    h = float(params["hap_alt_km"]) if alt_km is None else alt_km
    return float(downlink_vertex_angle_rad(0.0, h, _rad(params, "min_elevation_deg")))


def _round(df: pd.DataFrame, digits: int = 4) -> pd.DataFrame:
    out = df.copy()
    for col in out.select_dtypes("number").columns:
        out[col] = out[col].round(digits)
    return out


# ----------------------------------------------------------------- assumptions


def assumptions_table(params: Params) -> pd.DataFrame:
    """Every assumption of the chapter with its value and source (table ``operations-assumptions``)."""
    p = params
    ratio = float(pressure_ratio(p["hap_alt_km"]))
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
            f"rim {math.degrees(float(matched_half_beam_rad(p['hap_alt_km'], _rad(p, 'min_elevation_deg')))):.2f} deg off boresight",
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
            f"tau0 {p['sea_level_optical_depth']:g} (0.1-0.5), p/p0 {ratio:.4f} at {p['hap_alt_km']:g} km",
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
            f"{p['hap_alt_km']:g}, {p['leo_alt_km']:g}, {p['geo_alt_km']:g} km",
            "3GPP TR 38.821 (HAPS, LEO); the geostationary orbit",
        ),
    ]
    return pd.DataFrame(rows, columns=["part", "assumption", "what", "value", "source"])


def save_assumptions(params: Params) -> SavedTable:
    """Write the assumptions as table ``operations-assumptions`` (CSV and JSON); return it shown.

    A rule without a number (the handover rule, say) has no value: the CSV
    leaves the cell empty and the page shows a dash with a note.
    """
    table = assumptions_table(params)
    table["value"] = table["value"].where(table["value"].str.len() > 0, None)
    return save_table(
        table,
        table_id="operations-assumptions",
        output_dir=params["output_dir"],
        parameters=params,
        chapter=SPEC.chapter,
        title="Assumptions of the operations chapter with their sources",
        missing="a rule, not a number",
    )


# ----------------------------------------------------------------- plotting helpers

#: Markers that tell apart curves a reader might otherwise take for one.
_MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X")
#: Widest range, in decades, that a ratio axis shows on a log scale.
_LOG_DECADES = 8.0
#: Two curves closer than this everywhere (in pixels of the drawn figure) are said to coincide.
_COINCIDE_PX = 1.5


def _legend_axes(fig: Any, spec: Any) -> Any:
    """An empty axes (no frame, no ticks) that holds a legend beside the panels it explains."""
    ax = fig.add_subplot(spec)
    ax.axis("off")
    return ax


def _words_and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def coinciding_curves(
    ax: Any, tol_px: float = _COINCIDE_PX, *, layout: bool = True
) -> list[list[str]]:
    """Groups of labelled curves of ``ax`` drawn on top of each other.

    Two lines of the same number of points coincide when they stay within
    ``tol_px`` pixels of each other at every point of the drawn figure; the
    figure's text then says so, since a reader sees one curve where there are
    several.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        A drawn axes (the figure is drawn here first).
    tol_px : float, optional
        Largest distance, pixels, between two curves that coincide.
    layout : bool, optional
        Lay the figure out first; pass False when it has just been laid out.

    Returns
    -------
    list of list of str
        The labels of each group of two or more coinciding curves, in drawing order.
    """
    if layout:
        ax.get_figure(root=True).draw_without_rendering()
    lines = [
        ln
        for ln in ax.get_lines()
        if ln.get_visible()
        and ln.get_linestyle() not in ("None", "", " ", "none")
        and not str(ln.get_label()).startswith("_")
    ]
    points = [
        ln.get_transform().transform(np.asarray(ln.get_xydata(), dtype=float)) for ln in lines
    ]
    group = list(range(len(lines)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i in range(len(lines)):
        for j in range(i + 1, len(lines)):
            if points[i].shape != points[j].shape or len(points[i]) < 2:
                continue
            with np.errstate(invalid="ignore"):
                d = np.hypot(*(points[i] - points[j]).T)
            if np.all(np.isfinite(d)) and d.max() < tol_px:
                group[root(j)] = root(i)
    groups: dict[int, list[str]] = {}
    for k, ln in enumerate(lines):
        groups.setdefault(root(k), []).append(str(ln.get_label()))
    return [g for g in groups.values() if len(g) > 1]


def _coincide_note(groups: list[list[str]], width: int = 40) -> str:
    """The groups of :func:`coinciding_curves` in words, wrapped to ``width`` characters.

    Labels of more than two words are quoted; a prefix they share up to a colon is said once
    (``out at least once: analysis and Monte Carlo coincide``).
    """
    import textwrap

    parts = []
    for g in groups:
        heads = {label.rpartition(": ")[0] for label in g}
        if len(heads) == 1 and "" not in heads:
            tails = [label.rpartition(": ")[2] for label in g]
            parts.append(f"{heads.pop()}: {_words_and(tails)} coincide")
        else:
            quoted = [f"“{label}”" if len(label.split()) > 2 else label for label in g]
            parts.append(_words_and(quoted) + " coincide")
    return textwrap.fill("; ".join(parts), width) if parts else ""


def _freeze_layout(fig: Any) -> Any:
    """Lay a constrained figure out once and keep it so: saving it then lays out nothing."""
    fig.draw_without_rendering()
    fig.set_layout_engine("none")
    return fig


def _panel_note(ax: Any) -> str:
    """What coincides in a laid-out panel, in words ("" if nothing)."""
    groups = coinciding_curves(ax, layout=False)
    labelled = [
        ln
        for ln in ax.get_lines()
        if ln.get_linestyle() not in ("None", "", " ", "none")
        and not str(ln.get_label()).startswith("_")
    ]
    if len(groups) == 1 and len(groups[0]) == len(labelled) > 2:
        return f"all {len(labelled)} curves coincide"
    return _coincide_note(groups)


def _title(ax: Any, title: str, note: str = "") -> None:
    # A little more room than usual: a tick label at the top of the axis stays clear of it.
    ax.set_title(title + (f"\n{note}" if note else ""), pad=9.0)


def _log_or_linear(ax: Any, values: np.ndarray, always: tuple[float, ...] = ()) -> None:
    """A y axis that spans ``values`` (and ``always``): log scale, else linear.

    Linear where a value is 0 or the values span more than :data:`_LOG_DECADES`
    decades. The limits follow the data, so no curve leaves the panel whatever
    the parameters.
    """
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    finite = values[np.isfinite(values)]
    span = np.r_[finite, np.asarray(always, dtype=float)]
    decades = (
        float(np.log10(span.max()) - np.log10(span.min()))
        if finite.size and np.all(span > 0.0)
        else math.inf
    )
    if decades <= _LOG_DECADES:
        lo, hi = span.min() / 1.4, span.max() * 1.4
        ax.set_yscale("log")
        ax.set_ylim(lo, hi)
        # Plain numbers (0.3, 1, 10), with labelled minor ticks inside a short range.
        plain = FuncFormatter(lambda v, _: f"{v:g}")
        ax.yaxis.set_major_formatter(plain)
        ax.yaxis.set_minor_locator(LogLocator(subs=(2.0, 3.0, 5.0)))
        ax.yaxis.set_minor_formatter(plain if decades < 1.2 else NullFormatter())
    else:
        top = float(span.max()) if span.size else 1.0
        ax.set_ylim(-0.04 * top, 1.08 * top if top > 0 else 1.0)


# ----------------------------------------------------------------- part 1: sway


#: The access element's pattern of the link rule: TR 38.901, on its principal cut.
PATTERN = partial(pattern_loss_db, pattern="tr38901")
#: The two moving platforms: Zephyr S loiters, Yuanmeng drifts and pitches.
MOTIONS: tuple[str, ...] = ("Zephyr S", "Yuanmeng")


def motion_states(params: Params, name: str) -> dict[str, Any]:
    """One cycle of a platform's motion: times and states, with peak speed and acceleration.

    Zephyr S flies its loiter circle at its derived day airspeed, banked as the
    turn requires (:func:`sagin_lib.platforms.sway.loiter_states`); the
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
    h, alpha = float(params["hap_alt_km"]), _rad(params, "min_elevation_deg")
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
    h = float(params["hap_alt_km"])
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


#: Columns of the sway figure's data that are empty where they do not apply.
SWAY_MISSING_OK = [
    "x_km", "y_km", "time_s", "cycle_share", "displacement_km", "tilt_deg", "handover_fraction",
]  # fmt: skip


def sway_figure(sway: Mapping[str, Any], params: Params) -> Any:
    """Four panels: served areas, handover against displacement and tilt, one cycle of each motion.

    Each panel's legend sits under it, clear of the data; curves that the eye
    cannot tell apart carry distinct markers and the panel's title says they
    coincide.
    """
    import matplotlib.pyplot as plt

    data = sway["data"]
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    fig = plt.figure(figsize=(7.5, 10.0), layout="constrained")
    grid = fig.add_gridspec(4, 2, height_ratios=[1.0, 0.3, 1.0, 0.38])
    ax_a, ax_b, ax_c, ax_d = (
        fig.add_subplot(grid[r, c]) for r, c in ((0, 0), (0, 1), (2, 0), (2, 1))
    )
    legends = [_legend_axes(fig, grid[r, c]) for r, c in ((1, 0), (1, 1), (3, 0), (3, 1))]

    outlines = data[data["panel"] == "outline"].groupby("curve", sort=False)
    for k, (style, (label, block)) in enumerate(zip(["-", "--", ":", "-."], outlines, strict=True)):
        marker = {} if k == 0 else {"marker": _MARKERS[k - 1], "ms": 4, "markevery": (5 * k, 20)}
        ax_a.plot(block["x_km"], block["y_km"], style, label=label, **marker)
    ax_a.set_aspect("equal")
    ax_a.set_xlabel("x (km, motion direction)")
    ax_a.set_ylabel("y (km)")
    title_a = f"(a) Served area at {params['hap_alt_km']:.4g} km,\nat the extremes"

    block = data[data["panel"] == "displacement"]
    closed = block[block["curve"] == "closed form"].groupby("alt_km")
    for k, (alt, rows) in enumerate(closed):
        ax_b.plot(rows["displacement_km"], rows["handover_fraction"], "-", color=colors[k],
                  marker=_MARKERS[k], ms=4, markevery=(k, 8), label=f"{alt:.4g} km")  # fmt: skip
    quad = block[block["curve"] == "quadrature"]
    ax_b.plot(quad["displacement_km"], quad["handover_fraction"], "kx", ms=7,
              label=f"quadrature at {params['hap_alt_km']:.4g} km")  # fmt: skip
    ax_b.set_xlabel("horizontal displacement (km)")
    ax_b.set_ylabel("share of users outside")

    block = data[data["panel"] == "tilt"]
    link = block[block["curve"] == "link rule"].groupby("alt_km")
    n_alt = len(link)
    for k, (alt, rows) in enumerate(link):
        ax_c.plot(rows["tilt_deg"], rows["handover_fraction"], "-", color=colors[k],
                  marker=_MARKERS[k], ms=5, markevery=(k, n_alt), label=f"{alt:.4g} km")  # fmt: skip
    wall = block[block["curve"] == "brick wall"]
    ax_c.plot(wall["tilt_deg"], wall["handover_fraction"], "k--", lw=1.2,
              label=f"brick wall, {params['hap_alt_km']:.4g} km")  # fmt: skip
    ax_c.set_xlabel("beam tilt (°)")
    ax_c.set_ylabel("share of users outside")

    block = data[data["panel"] == "cycle"]
    tops = [float(np.nanmax(block["handover_fraction"]))]
    for k, name in enumerate(MOTIONS):
        ana = block[block["curve"] == f"{name}: analysis"]
        mc = block[block["curve"] == f"{name}: Monte Carlo"]
        ever = sway["motions"][name]["ever"]
        x = ana["cycle_share"].to_numpy()
        ax_d.plot(x, ana["handover_fraction"], "-", color=colors[k], label=f"{name}: analysis")
        ax_d.plot(mc["cycle_share"], mc["handover_fraction"], _MARKERS[k], ms=3,
                  color=colors[k], alpha=0.8, label=f"{name}: Monte Carlo")  # fmt: skip
        ax_d.plot(x, np.full(x.size, ever), ":", color=colors[k], lw=1.5,
                  label=f"{name}: out at least once")  # fmt: skip
        tops.append(ever)
    top = max(tops)
    ax_d.set_ylim(-0.04 * top, 1.1 * top) if top > 0 else ax_d.set_ylim(-0.04, 1.04)
    ax_d.set_xlabel("share of the motion's cycle")
    ax_d.set_ylabel("share of users outside")

    titles = ("(a) " + title_a[4:], "(b) Displacement only (closed form)",
              "(c) Tilt only (TR 38.901 link rule)", "(d) One cycle of each motion")  # fmt: skip
    for ax, title in zip((ax_a, ax_b, ax_c, ax_d), titles, strict=True):
        _title(ax, title)
    fig.draw_without_rendering()
    for ax, title in zip((ax_a, ax_b, ax_c, ax_d), titles, strict=True):
        _title(ax, title, _panel_note(ax))
    for ax, lax, ncol in ((ax_a, legends[0], 1), (ax_b, legends[1], 2), (ax_c, legends[2], 2),
                          (ax_d, legends[3], 1)):  # fmt: skip
        lax.legend(*ax.get_legend_handles_labels(), loc="upper center", ncol=ncol)
    return _freeze_layout(fig)


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


# ----------------------------------------------------------------- part 2: solar


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
    h_day = float(params["hap_alt_km"])
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
    rho = float(isa_density_kg_m3(params["hap_alt_km"]))
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
            isa_density_kg_m3(params["hap_alt_km"]),
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


def platform_budget(
    params: Params, name: str, g: np.ndarray, latitudes_deg: np.ndarray, days: np.ndarray
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
    area, battery_wh = daily_energy_budget(g, load, rt, storage)
    battery_kg = battery_wh / lim["usable_wh_kg"]
    feasible = (area <= lim["max_array_m2"]) & (battery_kg <= lim["max_battery_kg"])
    return {
        "load_w": np.broadcast_to(load, g.shape).mean(axis=-1),
        "array_m2": area,
        "battery_kg": battery_kg,
        "feasible": feasible,
        **lim,
    }


def _array_output(params: Params, lats_deg: np.ndarray, days: np.ndarray, steps: int) -> np.ndarray:
    return array_output_w_m2(
        np.radians(lats_deg),
        days,
        alt_km=float(params["hap_alt_km"]),
        cell_efficiency=float(params["cell_efficiency_pct"]) / 100.0,
        sea_level_optical_depth=float(params["sea_level_optical_depth"]),
        n_steps=steps,
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


def _shown_latitudes(lats: np.ndarray) -> list[float]:
    wanted = [0.0, 20.0, 40.0, 60.0]
    return sorted({float(lats[np.argmin(np.abs(lats - w))]) for w in wanted})


def _solar_note(groups: list[list[str]], panel: str) -> list[str]:
    """Coinciding curves of one solar panel in words (labels ``<platform> at <lat>° N``)."""
    words: list[str] = []
    by_platforms: dict[tuple[str, ...], list[str]] = {}
    for g in groups:
        parsed = [label.split(" at ") for label in g]
        if not all(len(p) == 2 for p in parsed):
            words.append(_coincide_note([g], width=10_000))
            continue
        platforms = tuple(dict.fromkeys(p for p, _ in parsed))
        lats = list(dict.fromkeys(lat.replace("° N", "°") for _, lat in parsed))
        if len(lats) == 1 and len(platforms) > 1:
            by_platforms.setdefault(platforms, []).append(lats[0])
        else:
            words.append(f"{_words_and(list(platforms))} at {_words_and(lats)} N coincide")
    for platforms, lats in by_platforms.items():
        words.insert(0, f"{_words_and(list(platforms))} coincide at {_words_and(lats)} N")
    return [f"{panel} {'; '.join(words)}."] if words else []


def solar_figure(solar: Mapping[str, Any], params: Params) -> Any:
    """Array and battery needed (as a share of the largest) over the year; endurance by latitude.

    The ratio axes follow the data (log scale, or linear where a platform needs
    nothing), so no curve leaves its panel for any parameters; the fourth
    quadrant holds the legend.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    daily, end = solar["daily"], solar["endurance"]
    fig = plt.figure(figsize=(7.5, 6.9), layout="constrained")
    grid = fig.add_gridspec(2, 2)
    ax_a, ax_b, ax_c = (fig.add_subplot(grid[r, c]) for r, c in ((0, 0), (0, 1), (1, 0)))
    lax = _legend_axes(fig, grid[1, 1])
    shown = _shown_latitudes(solar["latitudes"])
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    styles = dict(zip(PLATFORMS, ["-", "--"], strict=True))
    notes = []
    for col, ax, title, what in (
        ("array_share_of_max", ax_a, "(a) Array", "array needed / largest array"),
        ("battery_share_of_max", ax_b, "(b) Battery", "battery needed / largest battery"),
    ):
        values = []
        for name in PLATFORMS:
            for color, lat in zip(colors, shown, strict=False):
                rows = daily[(daily["platform"] == name) & (daily["latitude_deg"] == lat)]
                ax.plot(rows["day_of_year"], rows[col], styles[name], color=color, lw=1.2,
                        label=f"{name} at {lat:g}° N")  # fmt: skip
                values.append(rows[col].to_numpy(dtype=float))
        ax.axhline(1.0, color="k", lw=1)
        _log_or_linear(ax, np.concatenate(values), always=(1.0,))
        ax.set_xlabel("day of year")
        ax.set_ylabel(what)
        _title(ax, f"{title} (a day closes below 1)")
    for style, name in zip(["-o", "--s"], PLATFORMS, strict=True):
        rows = end[end["platform"] == name]
        color = "0.15" if name == PLATFORMS[0] else "0.5"
        ax_c.plot(
            rows["latitude_deg"], rows["endurance_days"], style, color=color, ms=4, label=name
        )
        limit = solar["limits"][name]["limit_deg"]
        if math.isfinite(limit):
            ax_c.axvline(limit, color=color, ls=":", lw=1)
    ax_c.axhline(MONTHS_DAYS, color="0.6", lw=0.8)
    ax_c.set_xlabel("latitude (° N)")
    ax_c.set_ylabel("longest run of closing days (days)")
    _title(ax_c, "(c) Endurance (365 = year-round)")
    fig.draw_without_rendering()
    for ax, panel in ((ax_a, "(a)"), (ax_b, "(b)"), (ax_c, "(c)")):
        notes.extend(_solar_note(coinciding_curves(ax, layout=False), panel))

    handles = [
        Line2D([], [], color=c, lw=1.5, label=f"{lat:g}° N")
        for c, lat in zip(colors, shown, strict=False)
    ]
    handles += [Line2D([], [], color="0.3", ls=styles[n], label=f"{n} (a, b)") for n in PLATFORMS]
    handles += [
        Line2D([], [], color="0.15", ls="-", marker="o", ms=4, label=f"{PLATFORMS[0]} (c)"),
        Line2D([], [], color="0.5", ls="--", marker="s", ms=4, label=f"{PLATFORMS[1]} (c)"),
        Line2D([], [], color="k", lw=1, label="largest array or battery carried"),
        Line2D([], [], color="0.4", ls=":", lw=1, label="year-round latitude limit"),
        Line2D([], [], color="0.6", lw=0.8, label=f"{MONTHS_DAYS:g} days (months)"),
    ]
    if len(notes) >= 2 and notes[0][4:] == notes[1][4:] and notes[1].startswith("(b)"):
        notes[:2] = ["(a, b)" + notes[0][3:]]
    if notes:
        import textwrap

        # The note is the legend's last entry (no handle), so it never meets the data.
        note = textwrap.fill(" ".join(notes), 40)
        handles.append(Line2D([], [], color="none", label=note))
    lax.legend(handles=handles, loc="upper left", title="Latitudes (colour), platforms (line)")
    return _freeze_layout(fig)


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


# ----------------------------------------------------------------- part 3: latency


def _latency(params: Params, elevation_deg: float) -> pd.DataFrame:
    paths = latency_paths(params["hap_alt_km"], params["leo_alt_km"], params["geo_alt_km"])
    return latency_table(
        paths,
        math.radians(elevation_deg),
        bent_pipe_delay_s=params["bent_pipe_delay_ms"] / 1e3,
        regenerative_processing_s=params["regenerative_processing_ms"] / 1e3,
        queueing_s=params["queueing_ms"] / 1e3,
        mec_compute_s=params["mec_compute_ms"] / 1e3,
    )


def latency_summary(params: Params) -> pd.DataFrame:
    """The latency of each path at the chapter's minimum elevation, ms."""
    return _latency(params, float(params["min_elevation_deg"])).assign(
        min_elevation_deg=float(params["min_elevation_deg"])
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


def latency_sweep(params: Params) -> pd.DataFrame:
    """Latency of each path against the minimum elevation (figure ``operations-end-to-end-latency``)."""
    grid = sorted({*np.arange(0.0, 61.0, 2.0).tolist(), float(params["min_elevation_deg"])})
    return pd.concat(
        [_latency(params, el).assign(min_elevation_deg=el) for el in grid], ignore_index=True
    )


def _latency_note(groups: list[list[str]]) -> str:
    """Coinciding latency curves in words: ``path: bent-pipe and regenerative coincide``."""
    import textwrap

    parts = []
    for g in groups:
        paths = {label.split(" (")[0] for label in g}
        if len(paths) == 1:
            archs = [label.split(" (", 1)[1].rstrip(")") for label in g]
            parts.append(f"{paths.pop()}: {_words_and(archs)} coincide")
        else:
            parts.append(f"{_words_and(g)} coincide")
    return textwrap.fill("; ".join(parts), 70)


def latency_figure(sweep: pd.DataFrame, params: Params) -> Any:
    """Latency per path at the chapter's elevation, and the round trip against the elevation.

    Colour and marker name the path, the line style its relays' architecture;
    the latency axis spans the data, whatever the processing and queueing times.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    el = float(params["min_elevation_deg"])
    at = sweep[sweep["min_elevation_deg"] == el]
    labels = [f"{p} ({a})" for p, a in zip(at["path"], at["architecture"], strict=True)]
    fig = plt.figure(figsize=(7.5, 9.6), layout="constrained")
    top, bottom = fig.subfigures(2, 1, height_ratios=[1.0, 1.05])
    grid = top.add_gridspec(2, 1, height_ratios=[1.0, 0.13])
    ax1, lax1 = top.add_subplot(grid[0]), _legend_axes(top, grid[1])
    grid = bottom.add_gridspec(2, 1, height_ratios=[1.0, 0.36])
    ax2, lax2 = bottom.add_subplot(grid[0]), _legend_axes(bottom, grid[1])

    y = np.arange(len(at))
    values = np.r_[at["propagation_one_way_ms"] * 2.0, at["one_way_ms"], at["round_trip_ms"]]
    positive = values[values > 0.0]
    lo = min(float(positive.min()) / 2.0, 0.5 * MS_LEVEL_MS)
    hi = max(float(positive.max()) * 2.0, 2.0 * HUNDREDS_MS)
    ax1.axvspan(
        lo / 10.0, MS_LEVEL_MS, color="C2", alpha=0.12, label=f"ms-level (< {MS_LEVEL_MS:g} ms)"
    )
    ax1.axvspan(HUNDREDS_MS, 10.0 * HUNDREDS_MS, color="C3", alpha=0.12, label="hundreds of ms")
    ax1.plot(at["one_way_ms"], y, "o", color="C0", label="one way")
    ax1.plot(at["round_trip_ms"], y, "s", color="C1", label="round trip")
    ax1.plot(at["propagation_one_way_ms"] * 2.0, y, "|", ms=12, mew=1.5, color="k",
             label="propagation part of the round trip")  # fmt: skip
    ax1.set_xscale("log")
    ax1.set_xlim(lo, hi)
    ax1.set_yticks(y, labels)
    ax1.set_ylim(len(at) - 0.5, -0.5)
    ax1.set_xlabel("latency (ms, log scale)")
    ax1.set_ylabel("path (relays)")
    _title(ax1, f"(a) Latency at {el:g}° minimum elevation")
    lax1.legend(*ax1.get_legend_handles_labels(), loc="upper center", ncol=3)

    paths = list(dict.fromkeys(sweep["path"]))
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    color = {p: colors[k % len(colors)] for k, p in enumerate(paths)}
    marker = {p: _MARKERS[k % len(_MARKERS)] for k, p in enumerate(paths)}
    styles = {"bent-pipe": "--", "regenerative": "-"}
    for k, ((path, arch), rows) in enumerate(sweep.groupby(["path", "architecture"], sort=False)):
        ax2.plot(rows["min_elevation_deg"], rows["round_trip_ms"], styles.get(arch, "-."),
                 color=color[path], marker=marker[path], ms=4, markevery=(k % 5, 5),
                 label=f"{path} ({arch})")  # fmt: skip
    ax2.axvline(el, color="0.5", ls=":", lw=1)
    ax2.set_yscale("log")
    ax2.set_xlabel("minimum elevation (°)")
    ax2.set_ylabel("round trip (ms, log scale)")
    _title(
        ax2, "(b) Round trip against the minimum elevation", _latency_note(coinciding_curves(ax2))
    )
    handles = [
        Line2D([], [], color=color[p], marker=marker[p], ms=4, lw=1.5, label=p) for p in paths
    ]
    archs = list(dict.fromkeys(sweep["architecture"]))
    handles += [Line2D([], [], color="0.3", ls=styles.get(a, "-."), label=a) for a in archs]
    handles += [Line2D([], [], color="0.5", ls=":", lw=1, label=f"{el:g}°, as in (a)")]
    lax2.legend(handles=handles, loc="upper center", ncol=2)
    return _freeze_layout(fig)


# ----------------------------------------------------------------- prose and claims


def _fmt_pct(x: float) -> str:
    return f"{100.0 * x:.2f}"


def _max_propagation_ms(latency: pd.DataFrame) -> float:
    """The largest propagation round trip of the paths without GEO, ms."""
    non_geo = latency[~latency["path"].str.contains("GEO")]
    return float(2.0 * non_geo["propagation_one_way_ms"].max())


def prose_values(
    params: Params,
    sway: Mapping[str, Any],
    solar: Mapping[str, Any],
    latency: pd.DataFrame,
) -> dict[str, str]:
    """Every computed number the chapter's prose quotes, formatted, by glue name."""
    lat = latency.set_index(["path", "architecture"])
    summary = solar_summary(solar).set_index("platform")
    z, y = sway["motions"]["Zephyr S"], sway["motions"]["Yuanmeng"]
    f = solar["flight"]
    return {
        "sway_radius": f"{sway['radius_km']:.1f}",
        "sway_beam": f"{math.degrees(float(matched_half_beam_rad(params['hap_alt_km'], _rad(params, 'min_elevation_deg')))):.2f}",
        "loiter_bank": f"{math.degrees(z['tilt_rad']):.2f}",
        "loiter_speed": f"{z['peak_speed_m_s']:.1f}",
        "loiter_acc": f"{z['peak_acceleration_m_s2']:.2f}",
        "loiter_period": f"{z['period_s']:.0f}",
        "airship_speed": f"{y['peak_speed_m_s']:.1f}",
        "airship_acc": f"{y['peak_acceleration_m_s2']:.2f}",
        "zephyr_ever": _fmt_pct(z["ever"]),
        "zephyr_ever_mc": _fmt_pct(z["mc"].ever_outside_fraction),
        "zephyr_max": _fmt_pct(float(z["instantaneous"].max())),
        "yuanmeng_ever": _fmt_pct(y["ever"]),
        "yuanmeng_max": _fmt_pct(float(y["instantaneous"].max())),
        "zephyr_only_d": _fmt_pct(z["displacement_only"]),
        "zephyr_only_t": _fmt_pct(z["tilt_only"]),
        "yuanmeng_only_t": _fmt_pct(y["tilt_only"]),
        "zephyr_rate_all": f"{z['handovers_per_user_hour']:.1f}",
        "zephyr_rate_leaving": f"{z['handovers_per_leaving_user_hour']:.1f}",
        "yuanmeng_rate_all": f"{y['handovers_per_user_hour']:.2f}",
        "yuanmeng_rate_leaving": f"{y['handovers_per_leaving_user_hour']:.1f}",
        "zephyr_airspeed": f"{f['airspeed_day_m_s']:.1f}",
        "zephyr_propulsion": f"{f['propulsion_day_w']:.0f}",
        "zephyr_load": f"{solar['limits']['Zephyr S']['load_w']:.0f}",
        "yuanmeng_load_max": f"{solar['limits']['Yuanmeng']['load_max_w'] / 1e3:.1f}",
        "yuanmeng_lift": f"{solar['hull']['gross_lift_kg']:.0f}",
        "yuanmeng_max_battery": f"{solar['hull']['max_battery_kg']:.0f}",
        "zephyr_limit": _limit_words(solar, "Zephyr S"),
        "yuanmeng_limit": _limit_words(solar, "Yuanmeng"),
        "zephyr_area": f"{summary.loc['Zephyr S', 'array_m2_equator_max']:.1f}",
        "zephyr_battery": f"{summary.loc['Zephyr S', 'battery_kg_equator_max']:.1f}",
        "yuanmeng_area": f"{summary.loc['Yuanmeng', 'array_m2_equator_max']:.0f}",
        "yuanmeng_battery": f"{summary.loc['Yuanmeng', 'battery_kg_equator_max']:.0f}",
        "mec_rtt": f"{lat.loc[('user-HAPS edge server', 'MEC at the HAPS'), 'round_trip_ms']:.2f}",
        "haps_rtt": f"{lat.loc[('user-HAPS-gateway', 'bent-pipe'), 'round_trip_ms']:.2f}",
        "haps_leo_rtt": f"{lat.loc[('user-HAPS-LEO-gateway', 'regenerative'), 'round_trip_ms']:.1f}",
        "geo_rtt": f"{lat.loc[('user-GEO-gateway', 'bent-pipe'), 'round_trip_ms']:.0f}",
        "optical_depth": f"{float(params['sea_level_optical_depth']):g}",
        "cell_eff": f"{float(params['cell_efficiency_pct']):g}",
        "pressure_pct": f"{100.0 * float(pressure_ratio(params['hap_alt_km'])):.1f}",
        "propagation_max": f"{_max_propagation_ms(latency):.0f}",
    }


def _sway_claims(params: Params, sway: Mapping[str, Any]) -> list[Claim]:
    data = sway["data"]
    motions = sway["motions"]
    z_max = max(float(r["z_max"]) for r in motions.values())
    curves = data[(data["panel"] == "displacement") & (data["curve"] == "closed form")]
    wide = curves.pivot(index="displacement_km", columns="alt_km", values="handover_fraction")
    grows = bool(
        all(
            np.all(np.diff(col) >= -1e-12) and np.all(np.diff(col)[col[:-1] < 1.0] > 0.0)
            for col in wide.to_numpy().T
        )
    )
    tilt = data[(data["panel"] == "tilt") & (data["curve"] == "link rule")].pivot(
        index="tilt_deg", columns="alt_km", values="handover_fraction"
    )
    tilt_grows = bool(np.all(tilt.to_numpy()[1:] > 0.0))
    inner = wide[(wide.index > 0.0) & (wide.max(axis=1) < 1.0)].to_numpy()
    shrinks = bool(inner.size and np.all(np.diff(inner, axis=1) < 0.0))
    some = wide.iloc[len(wide) // 2]
    moving = [
        n for n in MOTIONS if motions[n]["displacement_km"] > 0 and motions[n]["tilt_rad"] > 0
    ]
    dominates = all(motions[n]["tilt_only"] > motions[n]["displacement_only"] for n in moving)
    mc_words = "; ".join(
        f"{n}: out at least once {motions[n]['ever']:.4f} (analysis) against "
        f"{motions[n]['mc'].ever_outside_fraction:.4f} (Monte Carlo), largest |z| "
        f"{motions[n]['z_max']:.2f}"
        for n in MOTIONS
    )
    return [
        claim(
            "operations-handover-quadrature-exact",
            "The quadrature of the swayed footprint reproduces the closed form (the lens of two "
            f"caps) of a pure displacement to within {QUADRATURE_TOL:g}.",
            STUDY,
            sway["quadrature_error"] < QUADRATURE_TOL,
            f"Largest difference over {int(np.ceil(_SWEEP_POINTS / 4))} displacements at "
            f"{params['hap_alt_km']:g} km: {sway['quadrature_error']:.2e}. A displacement alone "
            "moves the served area without reshaping it, under the brick-wall beam and the link "
            "rule alike.",
            kind="check",
        ),
        claim(
            "operations-handover-mc-agrees",
            "Users drawn on the footprint and followed through one cycle of each platform's "
            "motion leave it as the analysis predicts: every Monte Carlo share lies within "
            f"{Z_BAND:g} standard errors.",
            f"{STUDY}: Monte Carlo against the analysis of the platform motion in {_SURVEY}, "
            "Fig. 10 and Sec. IV-C",
            z_max < Z_BAND,
            f"{motions['Zephyr S']['mc'].n_users:,} users, {len(motions['Zephyr S']['mc'].outside_fraction)} "
            f"states per cycle; {mc_words}.",
            kind="check",
        ),
        claim(
            "operations-handover-grows-with-displacement",
            "The movement of near-space platforms and atmospheric disturbances change their "
            "position and orientation, so that their coverage area and shape fluctuate; the "
            "unstable motion of airborne platforms impacts the handover probability.",
            f"{_SURVEY}, Sec. IV-C and Fig. 10",
            grows and tilt_grows,
            (
                "Both motions move users out of the served area: the share outside rises with the "
                f"displacement at every altitude ({len(wide)} displacements up to "
                f"{wide.index.max():g} km) and is above 0 at every tilt up to "
                f"{tilt.index.max():g} deg under the link rule."
                if grows and tilt_grows
                else "The share outside does not rise with the displacement at every altitude, "
                "or is 0 at some tilt."
            )
            + f" At {some.name:g} km of displacement: "
            + ", ".join(f"{a:g} km altitude {v:.4f}" for a, v in some.items())
            + (
                "; a higher platform loses fewer users (its footprint is larger)."
                if shrinks
                else "; the share does not fall with the altitude everywhere."
            ),
            kind="source",
        ),
        claim(
            "operations-tilt-dominates-sway",
            "At this run's platform motions (the Zephyr S's loiter circle and the bank it "
            "requires, the Yuanmeng's drift and pitch), the beam's tilt alone moves more users "
            "out of the served area than the displacement alone, for each platform.",
            STUDY,
            dominates if moving else None,
            "; ".join(
                f"{n}: {motions[n]['displacement_km']:g} km displacement alone "
                f"{motions[n]['displacement_only']:.4f}, {math.degrees(motions[n]['tilt_rad']):.2f} "
                f"deg tilt alone {motions[n]['tilt_only']:.4f}"
                for n in MOTIONS
            )
            + (
                " (link rule, TR 38.901 element, body-fixed beam). This compares the two parts "
                "of these motions only; a beam stabilised or steered against the attitude "
                "removes the tilt part, and the sensitivity table gives the amplitudes at which "
                "the comparison turns."
                if moving
                else " (a platform without displacement or tilt: nothing to compare)."
            ),
            kind="check",
        ),
    ]


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


def _solar_claims(params: Params, solar: Mapping[str, Any]) -> list[Claim]:
    end = solar["endurance"]
    lat_max = float(params["latitude_max_deg"])
    lim = solar["limits"]
    seasonal_verdict, months_verdict = _solar_verdicts(end)
    ranges, seasonal_words = [], []
    for name in PLATFORMS:
        rows = end[end["platform"] == name]
        ranges.append(
            f"{name} {rows['endurance_days'].min():g}-{rows['endurance_days'].max():g} days over "
            f"0-{lat_max:g} deg"
        )
        part = rows[(rows["endurance_days"] > 0) & (rows["endurance_days"] < 365)]
        if len(part):
            seasonal_words.append(
                f"{name} closes only part of the year at {len(part)} of {len(rows)} latitudes "
                f"(e.g. {part['endurance_days'].iloc[-1]:g} days at {part['latitude_deg'].iloc[-1]:g} deg)"
            )
    loads = (
        f" Loads: Zephyr S {lim['Zephyr S']['load_w']:.0f} W (derived flight power "
        f"{solar['flight']['propulsion_day_w']:.0f} W), Yuanmeng {lim['Yuanmeng']['load_w']:.0f} W "
        f"on average and up to {lim['Yuanmeng']['load_max_w']:.0f} W against the wind; cells "
        f"{params['cell_efficiency_pct']:g} %, battery {params['battery_specific_energy_wh_kg']:g} Wh/kg."
    )
    where = "; ".join(f"{n}: year-round {_limit_words(solar, n)}" for n in PLATFORMS)
    return [
        claim(
            "operations-solar-year-round-latitude",
            "The daily energy conversion of the gallium arsenide cells (18-22 % in the "
            "stratosphere) is significantly reduced by seasonal variations of the solar "
            "incidence angle: a critical limitation of solar-battery systems for long-term "
            "station keeping.",
            f"{_SURVEY}, Sec. III-B",
            seasonal_verdict,
            where
            + ". "
            + (
                "; ".join(seasonal_words)
                + ": the seasons end flight there (for the Yuanmeng the wind's seasons as well "
                "as the sun's)."
                if seasonal_verdict
                else (
                    "No platform closes even one sampled day at any latitude: the load, not the "
                    "seasons, decides."
                    if seasonal_verdict is None
                    else "Every latitude either closes all year or never: the seasons decide nothing."
                )
            )
            + loads,
            kind="source",
        ),
        claim(
            "operations-solar-months-to-years",
            "Near-space platforms' energy systems predominantly use solar power paired with "
            "high-efficiency energy storage, enabling continuous operation at near-space "
            "altitudes for months to years.",
            f"{_SURVEY}, Sec. II",
            months_verdict,
            "Longest runs of days whose energy budget closes: "
            + "; ".join(ranges)
            + f". Months (at least {MONTHS_DAYS:g} days) for each platform somewhere: "
            + ("yes" if all(
                float(end.loc[end["platform"] == n, "endurance_days"].max()) >= MONTHS_DAYS
                for n in PLATFORMS) else "no")
            + "; year-round somewhere: "
            + ("yes" if bool(end["year_round"].any()) else "no")
            + ". A year-round budget bounds the endurance only by the airframe and battery "
            "life, which the budget does not model.",
            kind="source",
        ),
    ]  # fmt: skip


def _latency_claims(params: Params, latency: pd.DataFrame) -> list[Claim]:
    lat = latency.set_index(["path", "architecture"])
    mec_row = lat.loc[("user-HAPS edge server", "MEC at the HAPS")]
    mec = float(mec_row["round_trip_ms"])
    non_geo = latency[~latency["path"].str.contains("GEO")]
    propagation = 2.0 * non_geo["propagation_one_way_ms"]
    worst = non_geo.loc[propagation.idxmax()]
    worst_prop = float(propagation.max())
    geo = latency[latency["path"].str.contains("GEO")]
    geo_prop = 2.0 * float(geo["propagation_one_way_ms"].min())
    return [
        claim(
            "operations-mec-ms-level",
            "Deploying edge computing nodes on near-space platforms provides millisecond-level "
            "low-latency services for satellites, UAVs and terrestrial devices.",
            f"{_SURVEY}, Sec. V-B",
            mec < MS_LEVEL_MS,
            f"Checked for a ground user: the round trip to the server on the HAPS, computing included, is "
            f"{mec:.3f} ms at {params['min_elevation_deg']:g} deg (ms-level: under "
            f"{MS_LEVEL_MS:g} ms): propagation {2 * float(mec_row['propagation_one_way_ms']):.3f} ms, "
            f"processing and queueing {2 * (params['regenerative_processing_ms'] + params['queueing_ms']):g} ms, "
            f"computing {params['mec_compute_ms']:g} ms.",
            kind="source",
        ),
        claim(
            "operations-propagation-under-hundreds-ms",
            "Propagation alone keeps the round trip of every computed path through HAPS and LEO "
            f"relays under {HUNDREDS_MS:g} ms, every hop at its worst case.",
            STUDY,
            worst_prop < HUNDREDS_MS,
            f"Largest propagation round trip without GEO {worst_prop:.2f} ms ({worst['path']}); "
            f"through GEO {geo_prop:.0f} ms. This bounds propagation only. The survey puts a "
            "delay bottleneck 'on the order of hundreds of milliseconds' on cross-layer "
            "signalling between heterogeneous protocol stacks (Sec. III-C): a cost of the "
            "protocols' exchanges and translations, which this computation does not model, so "
            "the check neither confirms nor refutes that statement (the ledger marks it out of "
            "scope). "
            + (
                f"It says that propagation through HAPS and LEO relays can be at most "
                f"{worst_prop:.0f} ms of such a delay, unless a GEO hop is on the path."
                if worst_prop < HUNDREDS_MS
                else "Here propagation alone reaches hundreds of ms."
            ),
            kind="check",
        ),
    ]


def chapter_claims(
    params: Params,
    *,
    sway: Mapping[str, Any],
    solar: Mapping[str, Any],
    latency: pd.DataFrame,
) -> list[Claim]:
    """The chapter's claims with their verdicts under ``params``, in reading order."""
    return [
        *_sway_claims(params, sway),
        *_solar_claims(params, solar),
        *_latency_claims(params, latency),
    ]


# ----------------------------------------------------------------- sensitivity

#: Every chosen input of the chapter with its plausible range and the reason for it.
SENSITIVITY_INPUTS: tuple[tuple[str, float, float, str], ...] = (
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
    ("loiter_radius_km", 0.5, 5.0, "a tight circle to a station box of several km"),
    ("sway_displacement_km", 0.2, 5.0, "airship drift under gusts, no published data"),
    ("sway_tilt_deg", 0.2, 3.0, "airship pitch under gusts, no published data"),
    ("sway_period_s", 120.0, 3600.0, "gust response to slow drift"),
    ("regenerative_processing_ms", 0.1, 5.0, "decode and forward of one packet"),
    ("queueing_ms", 0.0, 10.0, "an idle to a loaded relay"),
    ("mec_compute_ms", 0.5, 10.0, "a light to a heavy edge task"),
)
_SOLAR_INPUTS = frozenset(n for n, *_ in SENSITIVITY_INPUTS[:20])
_SWAY_INPUTS = frozenset(
    {"loiter_radius_km", "sway_displacement_km", "sway_tilt_deg", "sway_period_s"}
    | {"zephyr_mass_kg", "zephyr_wing_area_m2", "zephyr_lift_coefficient"}
)
_LATENCY_INPUTS = frozenset({"regenerative_processing_ms", "queueing_ms", "mec_compute_ms"})
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


def sensitivity_inputs_table(params: Params) -> pd.DataFrame:
    """The chosen inputs of the sweep: default, plausible range and the reason for it."""
    return pd.DataFrame(
        [
            {"parameter": n, "default": float(params[n]), "low": lo, "high": hi, "reason": why}
            for n, lo, hi, why in SENSITIVITY_INPUTS
        ]
    )


def _solar_point(params: Params, g_cache: dict[tuple[float, float], np.ndarray]) -> dict[str, Any]:
    """Coarse solar budget: the two platforms' year-round need and the solar verdicts."""
    lats = np.unique(np.r_[np.arange(0.0, float(params["latitude_max_deg"]), _COARSE_LAT_STEP),
                           float(params["latitude_max_deg"])])  # fmt: skip
    days = np.arange(1, 366, _COARSE_DAY_STEP)
    key = (float(params["sea_level_optical_depth"]), float(params["hap_alt_km"]))
    if key not in g_cache:
        g_cache[key] = _array_output({**params, "cell_efficiency_pct": 100.0}, lats, days,
                                     _COARSE_STEPS)  # fmt: skip
    g = g_cache[key] * float(params["cell_efficiency_pct"]) / 100.0
    out: dict[str, Any] = {}
    rows = []
    for name in PLATFORMS:
        b = platform_budget(params, name, g, lats, days)
        need = np.maximum(b["array_m2"] / b["max_array_m2"], b["battery_kg"] / b["max_battery_kg"])
        out[f"{_PREFIX[name]}_need"] = float(np.min(np.max(need, axis=1)))
        end = endurance_days(b["feasible"], _COARSE_DAY_STEP)
        rows.append(pd.DataFrame({"platform": name, "latitude_deg": lats, "endurance_days": end,
                                  "year_round": end >= 365.0}))  # fmt: skip
    year_round_claim, months = _solar_verdicts(pd.concat(rows, ignore_index=True))
    out["verdicts"] = {
        "operations-solar-year-round-latitude": _verdict(year_round_claim),
        "operations-solar-months-to-years": _verdict(months),
    }
    return out


def _verdict(value: bool | None) -> str:
    return "not_applicable" if value is None else ("holds" if value else "fails")


def _sway_point(params: Params) -> dict[str, Any]:
    """Coarse sway: each platform's share out at least once and the tilt verdict."""
    h, alpha = float(params["hap_alt_km"]), _rad(params, "min_elevation_deg")
    coarse = {**params, "sway_steps": 16}
    out: dict[str, Any] = {}
    dominates, moving = True, False
    for name in MOTIONS:
        m = motion_states(coarse, name)
        out[f"{_PREFIX[name]}_ever_outside"] = outside_share(
            h, alpha, *_states(m), pattern_loss_db=PATTERN, n_azimuth=120, n_radial=32
        )
        if m["displacement_km"] > 0 and m["tilt_rad"] > 0:
            moving = True
            only_d, only_t = attitude_and_displacement_shares(coarse, name)
            dominates = dominates and only_t > only_d
    out["verdicts"] = {"operations-tilt-dominates-sway": _verdict(dominates if moving else None)}
    return out


def _latency_point(params: Params) -> dict[str, Any]:
    lat = latency_summary(params)
    claims = {c.claim_id: c.verdict for c in _latency_claims(params, lat)}
    row = lat.set_index(["path", "architecture"]).loc[("user-HAPS edge server", "MEC at the HAPS")]
    return {"mec_round_trip_ms": float(row["round_trip_ms"]), "verdicts": claims}


def sensitivity(params: Params) -> dict[str, pd.DataFrame]:
    """One-at-a-time sweep of every chosen input across its plausible range.

    Each input of :data:`SENSITIVITY_INPUTS` takes :data:`SENSITIVITY_POINTS`
    values from its low to its high end, the others staying at ``params``; the
    solar budget runs on a coarser grid (5 deg, every 15 days, 30 min) than
    the chapter's. Returns ``data`` (tidy: parameter, value, headline and its
    value, with the default run as ``parameter = "default"``; figure
    ``operations-sensitivity``) and ``verdicts`` (per claim and input: whether
    the verdict at ``params`` holds across the range, or the first value at
    which it changes).
    """
    g_cache: dict[tuple[float, float], np.ndarray] = {}
    base = {**_solar_point(params, g_cache), **_sway_point(params), **_latency_point(params)}
    base_verdicts = {
        **_solar_point(params, g_cache)["verdicts"],
        **_sway_point(params)["verdicts"],
        **_latency_point(params)["verdicts"],
    }
    rows = [{"parameter": "default", "value": math.nan, "headline": k, "headline_value": base[k]}
            for k, _ in HEADLINES]  # fmt: skip
    flips: dict[tuple[str, str], str] = {}
    entered: dict[str, set[str]] = {cid: set() for cid in base_verdicts}
    for name, lo, hi, _ in SENSITIVITY_INPUTS:
        for value in np.linspace(lo, hi, SENSITIVITY_POINTS):
            p = {**params, name: float(value)}
            got: dict[str, Any] = {}
            if name in _SOLAR_INPUTS:
                got.update(_solar_point(p, g_cache))
            if name in _SWAY_INPUTS:
                sw = _sway_point(p)
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


def sensitivity_figure(sens: Mapping[str, pd.DataFrame], params: Params) -> Any:
    """Tornado plot: each headline number at the low and high end of each input that moves it."""
    import matplotlib.pyplot as plt

    data = sens["data"]
    panels = []
    for key, title in HEADLINES:
        rows = data[data["headline"] == key]
        ref = float(rows.loc[rows["parameter"] == "default", "headline_value"].iloc[0])
        bars = []
        for name, *_ in SENSITIVITY_INPUTS:
            vals = rows[rows["parameter"] == name].sort_values("value")["headline_value"].to_numpy()
            if vals.size and np.nanmax(np.abs(vals - ref)) > 1e-9 * max(1.0, abs(ref)):
                bars.append((name, float(vals[0]), float(vals[-1])))
        bars.sort(key=lambda b: abs(b[2] - b[1]))
        panels.append((title, ref, bars))
    heights = [max(len(b), 1) + 1.6 for _, _, b in panels]
    fig = plt.figure(figsize=(7.5, 0.26 * sum(heights) + 1.1), layout="constrained")
    axes = fig.subplots(len(panels), 1, gridspec_kw={"height_ratios": heights})
    for ax, (title, ref, bars) in zip(axes, panels, strict=True):
        y = np.arange(len(bars))
        for k, (_name, low, high) in enumerate(bars):
            ax.barh(k, low - ref, left=ref, height=0.38, align="edge", color="C0",
                    label="low end" if k == 0 else None)  # fmt: skip
            ax.barh(k - 0.38, high - ref, left=ref, height=0.38, align="edge", color="C1",
                    label="high end" if k == 0 else None)  # fmt: skip
        ax.axvline(ref, color="k", lw=1)
        ax.set_yticks(y, [b[0] for b in bars] if bars else [])
        ax.set_ylim(-0.8, max(len(bars), 1) - 0.2)
        if bars:
            ends = [v for _, lo, hi in bars for v in (lo, hi)] + [ref]
            span = max(ends) - min(ends) or 1.0
            ax.set_xlim(min(ends) - 0.05 * span, max(ends) + 0.05 * span)
        ax.set_title(f"{title}: {format_number(ref, 3)} at the defaults", loc="left")
        ax.set_xlabel(title.split(": ", 1)[-1].split(" (")[0] if ": " in title else title)
        ax.set_ylabel("input")
    axes[0].legend(loc="lower right", bbox_to_anchor=(1.0, 1.15), ncol=2, frameon=False)
    return _freeze_layout(fig)


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
