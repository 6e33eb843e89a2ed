"""The platforms chapter: Table I as data, platforms side by side, claims, HAPS coverage.

The chapter (``book/platforms.ipynb``) takes the near-space survey at its word
and checks it against the dome geometry of the coverage model. This module
declares its parameters (:data:`SPEC`) and holds everything the notebook
shows: the tidy table behind each figure (``*_table``), the figure drawn from
that table (``*_figure``, returning a :class:`matplotlib.figure.Figure`), the
numbers quoted in the prose (:func:`prose_values`) and the chapter's claims
with their verdicts (:func:`chapter_claims`).

Parameters come as the checked mapping that :meth:`ChapterSpec.bind` returns,
in the chapter's human units (degrees, GHz, km, dBW, dBi, MHz, dB).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from scipy import optimize

from sagin_lib.model.constants import EARTH_RADIUS_KM, SPEED_OF_LIGHT_M_S
from sagin_lib.platforms.atmosphere import (
    isa_pressure_fraction,
    isa_pressure_pa,
    isa_profile,
    isa_temperature_degc,
    stratosphere_bounds_km,
)
from sagin_lib.platforms.comparison import (
    check_coverage_claims,
    compare_platforms,
    elevation_at_ground_radius_rad,
    ground_coverage_angle_rad,
    ground_footprint,
    platforms_to_cover_earth,
    survey_statement_checks,
)
from sagin_lib.platforms.haps_coverage import (
    HapsCoverageParams,
    coverage_sweep,
)
from sagin_lib.platforms.projects import NSP_COLUMNS, altitude_band_verdicts, load_nsp_projects
from sagin_lib.platforms.sphere_covering import (
    KNOWN_MIN_COVERING_RADIUS_RAD,
    equatorial_ring_full_latitude_rad,
    equatorial_ring_uncovered_fraction,
    feasible_covering,
    largest_cap_covered_by_three_rad,
)
from sagin_lib.study.claims import Claim, claim
from sagin_lib.study.sources import COVERAGE_PAPER, SURVEY
from sagin_lib.study.spec import ChapterSpec, Constraint, Param, output_dir_param

__all__ = [
    "COVERING_ORBITS",
    "PLATFORM_NAMES",
    "STRATOSPHERE_CHECK_ALT_KM",
    "SPEC",
    "TYPE_COLORS",
    "altitude_figure",
    "altitude_table",
    "atmosphere_figure",
    "atmosphere_table",
    "chapter_claims",
    "comparison_table",
    "coverage_claims_figure",
    "coverage_claims_table",
    "covering_display",
    "covering_table",
    "display_table",
    "earth_cover_figure",
    "earth_cover_table",
    "endurance_figure",
    "endurance_table",
    "geo_polar_figure",
    "geo_polar_table",
    "haps_figure",
    "haps_model",
    "haps_summary",
    "haps_table",
    "link_figure",
    "link_table",
    "n_haps_values",
    "payload_figure",
    "payload_table",
    "platform_altitudes_km",
    "project_table",
    "prose_values",
    "radius_figure",
    "radius_table",
    "stratosphere_values",
    "survey_check_prose_values",
    "xstation_network_figure",
    "xstation_network_table",
    "xstation_network_values",
]

Params = Mapping[str, Any]

#: The six platforms of the side-by-side comparison, lowest first.
PLATFORM_NAMES: tuple[str, ...] = ("terrestrial BS", "UAV", "HAP", "LEO", "MEO", "GEO")
_ALT_PARAMS: tuple[str, ...] = (
    "tower_height_km",
    "uav_alt_km",
    "hap_alt_km",
    "leo_alt_km",
    "meo_alt_km",
    "geo_alt_km",
)

#: One colour per platform type of Table I.
TYPE_COLORS: Mapping[str, str] = {
    "balloon": "#1b9e77",
    "airship": "#d95f02",
    "solar UAV": "#7570b3",
}

#: Largest number of points of one HAPS sweep curve (keeps the Monte Carlo modest).
MAX_SWEEP_POINTS = 101

# The survey's numbers that the chapter checks (Near-space survey, Sec. I-A and II).
_NEAR_SPACE_BAND_KM = (20.0, 100.0)
_UAV_RADIUS_KM = 50.0
_UAV_ENDURANCE_H = 4.0
_UAV_PAYLOAD_KG = 20.0
_SOLAR_UAV_PAYLOAD_KG = 200.0
_AIRSHIP_LENGTH_M = 100.0
_HUNDREDS_KM = 200.0
_GRAZING_DEG = 1.0
# A Monte Carlo estimate is accepted within this many standard errors of theory.
_Z_BAND = 4.0
# Below this many users per point the normal approximation behind the band fails.
_MIN_USERS_FOR_BAND = 100
# Tolerance of the monotonicity checks on the closed forms and numerical integrals.
_MONO_TOL = 1e-9

_SURVEY = SURVEY
_COVERAGE_PAPER = COVERAGE_PAPER

SPEC = ChapterSpec(
    "platforms",
    (
        output_dir_param("platforms"),
        Param(
            "min_elevation_deg",
            10.0,
            "minimum elevation of a ground user, all parts",
            "deg",
            0.0,
            80.0,
        ),
        Param(
            "high_elevation_deg",
            30.0,
            "extra curve of the coverage-radius figure",
            "deg",
            0.0,
            80.0,
        ),
        Param(
            "freq_ghz",
            2.0,
            "carrier frequency (path loss, HAPS link budget)",
            "GHz",
            0.1,
            100.0,
        ),
        Param("tower_height_km", 0.03, "terrestrial base station antenna height", "km", 0.005, 0.5),
        Param("uav_alt_km", 0.3, "low-altitude UAV", "km", 0.05, 5.0),
        Param(
            "hap_alt_km",
            20.0,
            "high-altitude platform (also the HAPS of part 4)",
            "km",
            10.0,
            100.0,
        ),
        Param("leo_alt_km", 600.0, "LEO (also the constellation of part 4)", "km", 150.0, 2000.0),
        Param("meo_alt_km", 10000.0, "MEO", "km", 2000.0, 35000.0),
        Param("geo_alt_km", 35786.0, "GEO", "km", 30000.0, 40000.0),
        Param(
            "haps_region_radius_km",
            1000.0,
            "ground radius of the HAPS deployment around the user",
            "km",
            10.0,
            20000.0,
        ),
        Param("haps_tx_power_dbw", 0.0, "HAPS transmit power", "dBW", -30.0, 30.0),
        Param("haps_tx_gain_dbi", 20.0, "HAPS antenna gain towards the user", "dBi", 0.0, 50.0),
        Param("sat_tx_power_dbw", 10.0, "satellite transmit power", "dBW", -20.0, 40.0),
        Param("sat_tx_gain_dbi", 30.0, "satellite antenna gain towards the user", "dBi", 0.0, 60.0),
        Param("rx_gain_dbi", 0.0, "user antenna gain", "dBi", -10.0, 40.0),
        Param("bandwidth_mhz", 10.0, "noise bandwidth", "MHz", 0.01, 1000.0),
        Param("noise_figure_db", 7.0, "user receiver noise figure", "dB", 0.0, 20.0),
        Param("snr_threshold_db", 5.0, "coverage threshold on the serving SNR", "dB", -20.0, 40.0),
        Param(
            "fading",
            "rayleigh",
            '"none", "rayleigh" or "nakagami" (second panel of part 4)',
            choices=("none", "rayleigh", "nakagami"),
        ),
        Param("nakagami_m", 1.0, "Nakagami shape when fading is nakagami", "", 0.5, 20.0),
        Param(
            "sat_counts",
            [0, 50, 150],
            "LEO constellation sizes, one curve each",
            "satellites",
            0,
            2000,
            max_items=6,
            increasing=True,
        ),
        Param("n_haps_max", 200, "largest number of HAPS in the sweep", "HAPS", 0, 1000),
        Param("n_haps_step", 10, "step of the HAPS sweep", "HAPS", 1, 1000),
        Param("n_users", 3000, "Monte Carlo user realisations per point", "users", 1, 10000),
        Param("seed", 2023, "root seed of the Monte Carlo", "", 0, 2**32 - 1),
    ),
    (
        Constraint(
            _ALT_PARAMS,
            "tower_height_km < uav_alt_km < hap_alt_km < leo_alt_km < meo_alt_km < geo_alt_km "
            "(the platforms in order of altitude)",
            lambda v: all(v[a] < v[b] for a, b in zip(_ALT_PARAMS, _ALT_PARAMS[1:], strict=False)),
        ),
        Constraint(
            ("n_haps_max", "n_haps_step"),
            f"n_haps_max / n_haps_step <= {MAX_SWEEP_POINTS - 1} "
            f"(at most {MAX_SWEEP_POINTS} points per curve)",
            lambda v: v["n_haps_max"] // v["n_haps_step"] < MAX_SWEEP_POINTS,
        ),
    ),
)


# ----------------------------------------------------------------- helpers


def platform_altitudes_km(params: Params) -> dict[str, float]:
    """The six platforms of the comparison and their altitudes, km, lowest first."""
    return {name: float(params[key]) for name, key in zip(PLATFORM_NAMES, _ALT_PARAMS, strict=True)}


def n_haps_values(params: Params) -> list[int]:
    """The numbers of HAPS of the sweep: ``0, step, 2 step, ... <= n_haps_max``."""
    return list(range(0, int(params["n_haps_max"]) + 1, int(params["n_haps_step"])))


def display_table(df: pd.DataFrame, digits: int = 3) -> pd.DataFrame:
    """A copy for display: numbers rounded, values the source does not give shown as —."""
    out = df.copy()
    for col in out.select_dtypes("number").columns:
        out[col] = out[col].round(digits)
    return out.astype(object).where(out.notna(), "—")


def _type_legend(ax: Any, kind: str) -> None:
    for ptype, color in TYPE_COLORS.items():
        if kind == "dot":
            ax.plot([], [], "o", color=color, label=ptype)
        else:
            ax.barh([0], [0], color=color, label=ptype)


def _fmt_names(names: list[str]) -> str:
    return ", ".join(names) if names else "none"


# ----------------------------------------------------------------- part 1: Table I


_PROJECT_COLUMNS = [
    c
    for c in NSP_COLUMNS
    if c not in ("endurance_qualifier", "endurance_conflict", "coverage_claim", "notes", "source")
]


def project_table(projects: pd.DataFrame) -> pd.DataFrame:
    """The Table I data set as the chapter shows it (numbers to two decimals, — for missing)."""
    return display_table(projects[_PROJECT_COLUMNS], digits=2)


def altitude_table(projects: pd.DataFrame) -> pd.DataFrame:
    """Stated altitude ranges of the projects that state one (figure ``platforms-altitudes``).

    Columns ``project``, ``platform_type``, ``altitude_min_km``,
    ``altitude_max_km`` (NaN for a one-sided statement), ``altitude_open_above``,
    ``altitude_open_below`` and ``band_verdict`` against the survey's 20-100 km
    band (:func:`sagin_lib.platforms.projects.altitude_band_verdicts`: a
    one-sided "exceeds 18 km" is "undetermined").
    """
    verdicts = altitude_band_verdicts(projects, *_NEAR_SPACE_BAND_KM)["band_verdict"]
    stated = projects[["altitude_min_km", "altitude_max_km"]].notna().any(axis=1).to_numpy()
    alt = projects[stated]
    data = alt[["project", "platform_type", "altitude_min_km", "altitude_max_km"]].reset_index(
        drop=True
    )
    data["altitude_open_above"] = data["altitude_max_km"].isna()
    data["altitude_open_below"] = data["altitude_min_km"].isna()
    data["band_verdict"] = verdicts.to_numpy()[stated]
    return data


def altitude_figure(data: pd.DataFrame) -> Any:
    """Bars for stated altitude ranges, dots for single altitudes, arrows for one-sided ones."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.0, 3.8))
    ax.axvspan(20.0, 25.0, color="0.9", zorder=0, label="near space (20-100 km, Sec. I-A)")
    for i, row in data.iterrows():
        color = TYPE_COLORS[row["platform_type"]]
        lo, hi = row["altitude_min_km"], row["altitude_max_km"]
        if row["altitude_open_above"] or row["altitude_open_below"]:
            start, end = (lo, 24.5) if row["altitude_open_above"] else (hi, 0.5)
            undetermined = row["band_verdict"] == "undetermined"
            ax.annotate(
                "",
                xy=(end, i),
                xytext=(start, i),
                arrowprops={
                    "arrowstyle": "->",
                    "color": color,
                    "lw": 2,
                    "ls": "--" if undetermined else "-",
                },
            )
            ax.plot(start, i, "o", color=color)
            if undetermined:
                ax.text(
                    start - 0.4,
                    i,
                    "lower bound only: undetermined",
                    ha="right",
                    va="center",
                    fontsize=7,
                )
        elif lo == hi:
            ax.plot(lo, i, "o", color=color)
        else:
            ax.plot([lo, hi], [i, i], "-", color=color, lw=6, solid_capstyle="butt")
    _type_legend(ax, "dot")
    ax.set_yticks(range(len(data)), data["project"])
    ax.invert_yaxis()
    ax.set_xlim(0.0, 25.0)
    ax.set_xlabel("altitude (km)")
    ax.set_title("Stated operating altitudes of the Table I projects")
    ax.legend(loc="lower left")
    return fig


def endurance_table(projects: pd.DataFrame) -> pd.DataFrame:
    """Endurance by Table I and, where it disagrees, by the survey's text (``platforms-endurance``).

    Columns ``project``, ``platform_type``, ``statement`` ("Table I" or
    "survey text"), ``endurance_days``.
    """
    cols = ["project", "platform_type", "statement", "endurance_days"]
    end = projects.dropna(subset=["endurance_days"])
    return pd.concat(
        [
            end.assign(statement="Table I")[cols],
            end.dropna(subset=["endurance_text_days"]).assign(
                statement="survey text", endurance_days=lambda d: d["endurance_text_days"]
            )[cols],
        ],
        ignore_index=True,
    )


def endurance_figure(data: pd.DataFrame) -> Any:
    """Endurance bars (Table I) with crosses for the survey's conflicting text values."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.0, 3.6))
    table_rows = data[data["statement"] == "Table I"]
    order = list(table_rows["project"])
    ax.barh(
        [order.index(p) for p in table_rows["project"]],
        table_rows["endurance_days"],
        color=[TYPE_COLORS[t] for t in table_rows["platform_type"]],
    )
    text_rows = data[data["statement"] == "survey text"]
    ax.plot(
        text_rows["endurance_days"],
        [order.index(p) for p in text_rows["project"]],
        "kx",
        ms=9,
        mew=2,
        label="survey text (conflicts with Table I)",
    )
    uav_days = _UAV_ENDURANCE_H / 24.0
    ax.axvline(uav_days, color="0.3", ls="--", lw=1)
    ax.text(uav_days, len(order) - 0.5, " UAV: 4 h", va="bottom", fontsize=8)
    _type_legend(ax, "bar")
    ax.set_xscale("log")
    ax.set_yticks(range(len(order)), order)
    ax.invert_yaxis()
    ax.set_xlabel("endurance (days, log scale)")
    ax.set_title("Endurance: Table I against the survey's text")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig


def payload_table(projects: pd.DataFrame) -> pd.DataFrame:
    """Stated payloads (``platforms-payload``): ``project``, ``platform_type``,
    ``payload_min_kg``, ``payload_kg``, ``payload_power_w``."""
    pay = projects.dropna(subset=["payload_kg"])
    return pay[
        ["project", "platform_type", "payload_min_kg", "payload_kg", "payload_power_w"]
    ].reset_index(drop=True)


def payload_figure(data: pd.DataFrame) -> Any:
    """Payload bars (a stated range from its lower end) with the survey's UAV ceilings."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.0, 3.0))
    low = data["payload_min_kg"].fillna(0.0)
    ax.barh(
        range(len(data)),
        data["payload_kg"] - low,
        left=low,
        color=[TYPE_COLORS[t] for t in data["platform_type"]],
    )
    _type_legend(ax, "bar")
    for x, label in [(_UAV_PAYLOAD_KG, "UAV: 20 kg"), (_SOLAR_UAV_PAYLOAD_KG, "solar UAV: 200 kg")]:
        ax.axvline(x, color="0.3", ls="--", lw=1)
        ax.text(x, len(data) - 0.5, " " + label, va="bottom", fontsize=8)
    ax.set_yticks(range(len(data)), data["project"])
    ax.invert_yaxis()
    ax.set_xlabel("payload (kg)")
    ax.set_title("Stated payload capacity")
    ax.legend(loc="lower right")
    return fig


# ----------------------------------------------------------------- part 2: side by side


def comparison_table(params: Params) -> pd.DataFrame:
    """The six platforms side by side at the minimum elevation and frequency.

    See :func:`sagin_lib.platforms.comparison.compare_platforms` for the columns.
    """
    return compare_platforms(
        math.radians(params["min_elevation_deg"]),
        params["freq_ghz"] * 1e9,
        platform_altitudes_km(params),
    )


def comparison_display(comparison: pd.DataFrame) -> pd.DataFrame:
    """The comparison as the chapter shows it (platform counts rounded up)."""
    cols = ["platform", "altitude_km", "coverage_radius_km", "coverage_area_km2"]
    cols += ["delay_nadir_ms", "delay_edge_ms", "fspl_nadir_db", "fspl_edge_db"]
    cols += ["n_platforms_area_bound", "n_platforms_spherical_hexagon"]
    shown = comparison[cols].assign(
        n_platforms_area_bound=lambda d: np.ceil(d["n_platforms_area_bound"]),
        n_platforms_spherical_hexagon=lambda d: np.ceil(d["n_platforms_spherical_hexagon"]),
    )
    return display_table(shown, digits=3)


_ALT_GRID_KM = np.geomspace(0.01, 40000.0, 200)


def radius_elevations_deg(params: Params) -> list[float]:
    """The distinct minimum elevations of the coverage-radius curves, ascending."""
    return sorted({0.0, float(params["min_elevation_deg"]), float(params["high_elevation_deg"])})


def radius_table(params: Params) -> pd.DataFrame:
    """Coverage radius against altitude at 0 deg and the two chosen elevations.

    Columns ``altitude_km``, ``min_elevation_deg``, ``coverage_radius_km``
    (figure ``platforms-coverage-radius``).
    """
    rows = []
    for el in radius_elevations_deg(params):
        cap = ground_footprint(_ALT_GRID_KM, math.radians(el))
        rows.append(
            pd.DataFrame(
                {
                    "altitude_km": _ALT_GRID_KM,
                    "min_elevation_deg": el,
                    "coverage_radius_km": cap.arc_radius_km,
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


def radius_figure(data: pd.DataFrame, claims: pd.DataFrame, params: Params) -> Any:
    """Radius curves, the platforms' altitudes, the survey's UAV bound and coverage claims."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    styles = ["-", "--", ":"]
    for style, (el, block) in zip(
        styles, data.groupby("min_elevation_deg", sort=True), strict=False
    ):
        ax.plot(
            block["altitude_km"],
            block["coverage_radius_km"],
            style,
            color="C0",
            label=f"min elevation {el:g}°",
        )
    for name, h in platform_altitudes_km(params).items():
        ax.axvline(h, color="0.8", lw=0.8, zorder=0)
        ax.text(h, 2.5e4, name, rotation=90, fontsize=7, va="top", ha="right", color="0.35")
    uav = params["uav_alt_km"]
    ax.plot(
        [uav, uav],
        [0.02, _UAV_RADIUS_KM],
        color="C3",
        lw=4,
        alpha=0.5,
        label="survey: UAV radius < 50 km",
    )
    for project, block in claims.groupby("project", sort=False):
        ax.plot(
            block["altitude_km"], block["coverage_radius_km"], "D", ms=6, label=f"claim: {project}"
        )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylim(0.01, 3e4)
    ax.set_xlabel("platform altitude (km)")
    ax.set_ylabel("coverage radius along the ground (km)")
    ax.set_title("Ground coverage radius of one platform")
    fig.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3)
    return fig


def link_table(comparison: pd.DataFrame) -> pd.DataFrame:
    """Slant range, delay and path loss at nadir and at the edge (``platforms-delay-fspl``)."""
    given = ["platform", "altitude_km", "min_elevation_deg", "freq_ghz"]
    cols = [*given, "position", "slant_range_km", "delay_ms", "fspl_db"]
    return pd.concat(
        [
            comparison.assign(
                position=pos,
                slant_range_km=comparison[f"slant_range_{pos}_km"],
                delay_ms=comparison[f"delay_{pos}_ms"],
                fspl_db=comparison[f"fspl_{pos}_db"],
            )[cols]
            for pos in ("nadir", "edge")
        ],
        ignore_index=True,
    )


def link_figure(data: pd.DataFrame, params: Params) -> Any:
    """Delay (log scale) and free-space path loss per platform, nadir and edge."""
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(8.0, 3.8))
    names = list(dict.fromkeys(data["platform"]))
    x = np.arange(len(names))
    for offset, (pos, marker) in zip((-0.15, 0.15), (("nadir", "o"), ("edge", "s")), strict=True):
        block = data[data["position"] == pos]
        ax1.plot(x + offset, block["delay_ms"], marker, ls="none", label=pos)
        ax2.plot(x + offset, block["fspl_db"], marker, ls="none", label=pos)
    ax1.set_yscale("log")
    ax1.set_ylabel("one-way delay (ms)")
    ax2.set_ylabel(f"free-space path loss at {params['freq_ghz']:g} GHz (dB)")
    for ax in (ax1, ax2):
        ax.set_xticks(x, names, rotation=35, ha="right")
        ax.legend()
    ax1.set_title(f"Delay (edge at {params['min_elevation_deg']:g}° elevation)")
    ax2.set_title("Free-space path loss")
    fig.tight_layout()
    return fig


_COVER_LABELS = {
    "area": "area bound",
    "planar_hexagon": "planar hexagon",
    "spherical_hexagon": "spherical hexagon",
}


def earth_cover_table(params: Params, covering: pd.DataFrame | None = None) -> pd.DataFrame:
    """Platforms needed to cover the Earth against altitude, three estimates and two counts.

    Columns ``altitude_km``, ``min_elevation_deg``, ``method``,
    ``n_platforms`` (figure ``platforms-earth-cover``). The three estimates
    (``area``, ``planar_hexagon``, ``spherical_hexagon``, real numbers) run
    over an altitude grid; below them, at the LEO, MEO and GEO altitudes of
    :func:`covering_table` (computed unless given), the proven lower bound
    (``proven_lower_bound``) and the feasible covering count
    (``feasible_covering``) follow, where the count was searched.
    """
    phi = ground_coverage_angle_rad(_ALT_GRID_KM, math.radians(params["min_elevation_deg"]))
    covering = covering_table(params) if covering is None else covering
    counts = [
        pd.DataFrame(
            {
                "altitude_km": covering["altitude_km"],
                "min_elevation_deg": params["min_elevation_deg"],
                "method": method,
                "n_platforms": covering[column].astype(np.float64),
            }
        ).dropna(subset=["n_platforms"])
        for method, column in _COUNT_COLUMNS.items()
    ]
    return pd.concat(
        [
            *(
                pd.DataFrame(
                    {
                        "altitude_km": _ALT_GRID_KM,
                        "min_elevation_deg": params["min_elevation_deg"],
                        "method": method,
                        "n_platforms": platforms_to_cover_earth(phi, method),
                    }
                )
                for method in _COVER_LABELS
            ),
            *counts,
        ],
        ignore_index=True,
    )


def earth_cover_figure(data: pd.DataFrame, comparison: pd.DataFrame, params: Params) -> Any:
    """The three Earth-cover estimates against altitude, with the six platforms marked."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    for (method, label), style in zip(_COVER_LABELS.items(), ["-", "--", ":"], strict=True):
        block = data[data["method"] == method]
        ax.plot(block["altitude_km"], block["n_platforms"], style, label=label)
    for method, marker, label in (
        ("proven_lower_bound", "v", "proven lower bound (LEO, MEO, GEO)"),
        ("feasible_covering", "*", "feasible covering, checked exactly"),
    ):
        block = data[data["method"] == method]
        if not block.empty:
            ax.plot(block["altitude_km"], block["n_platforms"], marker, ms=9, label=label)
    ax.plot(comparison["altitude_km"], comparison["n_platforms_spherical_hexagon"], "ko", ms=4)
    for _, row in comparison.iterrows():
        ax.annotate(
            row["platform"],
            (row["altitude_km"], row["n_platforms_spherical_hexagon"]),
            textcoords="offset points",
            xytext=(4, 4),
            fontsize=8,
        )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("platform altitude (km)")
    ax.set_ylabel("platforms to cover the Earth")
    ax.set_title(
        f"Platforms needed for global coverage at {params['min_elevation_deg']:g}° minimum elevation"
    )
    ax.legend()
    return fig


def statement_table(projects: pd.DataFrame, params: Params) -> pd.DataFrame:
    """The survey's general statements beside the computed numbers.

    See :func:`sagin_lib.platforms.comparison.survey_statement_checks`.
    """
    return survey_statement_checks(
        math.radians(params["min_elevation_deg"]),
        projects,
        uav_alt_km=params["uav_alt_km"],
        nsp_altitudes_km=_NEAR_SPACE_BAND_KM,
    )


# ----------------------------------------------------------------- the survey's numbers checked


#: The altitude (km) at which the survey's near-space environment is checked
#: (the floor of its 20-100 km band, where Table I's airships hover).
STRATOSPHERE_CHECK_ALT_KM = 20.0
#: The survey's "atmospheric pressure at approximately 5% of sea-level conditions".
_SURVEY_PRESSURE_FRACTION = 0.05
#: The survey's "temperatures as low as -60 degC".
_SURVEY_TEMPERATURE_DEGC = -60.0
# "About 5 %" and "about -60 degC" are read at the one significant figure the
# survey gives: a value that rounds to it agrees ([4.5, 5.5) % and (-65, -55] degC).
_PRESSURE_TOLERANCE = 0.005
_TEMPERATURE_TOLERANCE_DEGC = 5.0
#: One year of endurance, days; "months" is read as 30 days or more.
_YEAR_DAYS = 365.25
_MONTH_DAYS = 30.0
#: "Payload exceeding hundreds of kilograms": 200 kg or more.
_HUNDREDS_KG = 200.0
#: The X-station navigation network: three units covering 10^6 km^2 (Table I, Sec. II-C).
_XSTATION_UNITS = 3
_XSTATION_NETWORK_KM2 = 1e6
#: GEO constellation sizes of the saying "three or four GEO satellites cover the Earth".
_GEO_COUNTS = (3, 4)
_ELEVATION_GRID_DEG = np.linspace(0.0, 60.0, 61)
_ATMOSPHERE_GRID_KM = np.linspace(0.0, 80.0, 161)

#: The orbits whose covering counts the chapter computes.
COVERING_ORBITS: tuple[str, ...] = ("LEO", "MEO", "GEO")
_COUNT_COLUMNS = {
    "proven_lower_bound": "proven_lower_bound",
    "feasible_covering": "feasible_count",
}


def covering_table(params: Params) -> pd.DataFrame:
    """Three numbers per orbit for covering the Earth, each under its own name.

    For LEO, MEO and GEO at the chapter's altitudes and minimum elevation:
    ``coverage_angle_deg`` (the cap's central angle), ``area_bound`` (sphere
    area over cap area, rounded up), ``proven_lower_bound`` (the area bound
    raised by the proven minimal covering radii of 2 to 6 points),
    ``hexagon_estimate`` (the spherical-hexagon estimate rounded up, and
    ``hexagon_estimate_raw``), ``feasible_count`` (caps of a constructed
    covering whose exact covering radius ``feasible_covering_radius_deg`` is
    within the cap; NaN if not searched), ``construction``,
    ``proven_minimum`` (the feasible count equals the lower bound) and
    ``hexagon_status`` in words. See
    :func:`sagin_lib.platforms.sphere_covering.feasible_covering`.
    """
    alts = platform_altitudes_km(params)
    alpha = math.radians(params["min_elevation_deg"])
    rows = []
    for name in COVERING_ORBITS:
        phi = float(ground_coverage_angle_rad(alts[name], alpha))
        found = feasible_covering(phi, rng=0)
        hex_raw = float(platforms_to_cover_earth(phi, "spherical_hexagon"))
        hex_n = math.ceil(hex_raw * (1.0 - 1e-12))
        if hex_n < found.lower_bound:
            status = "infeasible: below the proven lower bound"
        elif found.n_caps is None:
            status = "undecided: no covering searched"
        elif hex_n < found.n_caps:
            status = "below the feasible count found (not proven infeasible)"
        else:
            status = "at or above the feasible count found"
        rows.append(
            {
                "platform": name,
                "altitude_km": alts[name],
                "min_elevation_deg": params["min_elevation_deg"],
                "coverage_angle_deg": math.degrees(phi),
                "area_bound": found.area_bound,
                "proven_lower_bound": found.lower_bound,
                "hexagon_estimate_raw": hex_raw,
                "hexagon_estimate": hex_n,
                "feasible_count": np.nan if found.n_caps is None else float(found.n_caps),
                "feasible_covering_radius_deg": (
                    np.nan
                    if found.covering_radius_rad is None
                    else math.degrees(found.covering_radius_rad)
                ),
                "construction": found.construction,
                "proven_minimum": found.proven_minimum,
                "hexagon_status": status,
            }
        )
    return pd.DataFrame(rows)


def covering_display(covering: pd.DataFrame) -> pd.DataFrame:
    """The covering counts as the chapter shows them."""
    cols = ["platform", "coverage_angle_deg", "area_bound", "proven_lower_bound"]
    cols += ["hexagon_estimate", "feasible_count", "feasible_covering_radius_deg"]
    cols += ["proven_minimum", "hexagon_status"]
    return display_table(covering[cols], digits=2)


def atmosphere_table() -> pd.DataFrame:
    """The ICAO standard atmosphere from 0 to 80 km (figure ``platforms-atmosphere``).

    See :func:`sagin_lib.platforms.atmosphere.isa_profile` for the columns.
    """
    return isa_profile(_ATMOSPHERE_GRID_KM)


def atmosphere_figure(data: pd.DataFrame, projects: pd.DataFrame) -> Any:
    """Temperature and pressure against altitude, the stratosphere and Table I's altitudes."""
    import matplotlib.pyplot as plt

    bottom, top = stratosphere_bounds_km()
    stated = projects[["altitude_min_km", "altitude_max_km"]].stack()
    fly_lo, fly_hi = float(stated[stated > bottom].min()), float(stated.max())
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(8.0, 4.2), sharey=True)
    ax1.plot(data["temperature_degc"], data["alt_km"], color="C3")
    ax2.plot(100.0 * data["pressure_fraction_of_sea_level"], data["alt_km"], color="C0")
    for ax in (ax1, ax2):
        ax.axhspan(bottom, top, color="0.92", zorder=0)
        ax.axhspan(fly_lo, fly_hi, color="C2", alpha=0.3, zorder=0)
        ax.axhline(STRATOSPHERE_CHECK_ALT_KM, color="0.4", ls=":", lw=1)
    ax1.plot(_SURVEY_TEMPERATURE_DEGC, STRATOSPHERE_CHECK_ALT_KM, "kx", ms=9, mew=2)
    ax2.plot(100.0 * _SURVEY_PRESSURE_FRACTION, STRATOSPHERE_CHECK_ALT_KM, "kx", ms=9, mew=2)
    ax1.text(-95.0, (bottom + top) / 2.0, "stratosphere", fontsize=8, color="0.35")
    ax1.text(-95.0, fly_hi + 0.8, "Table I altitudes", fontsize=8, color="C2")
    ax1.set_xlabel("ISA temperature (°C)")
    ax2.set_xlabel("ISA pressure (% of sea level, log scale)")
    ax2.set_xscale("log")
    ax1.set_ylabel("geometric altitude (km)")
    ax1.set_xlim(-100.0, 20.0)
    ax1.plot([], [], "kx", mew=2, label="survey: ~5 % and -60 °C")
    ax1.legend(loc="upper right")
    fig.suptitle("The ICAO standard atmosphere where near-space platforms fly")
    fig.tight_layout()
    return fig


def xstation_network_table(projects: pd.DataFrame, params: Params) -> pd.DataFrame:
    """Area three X-stations can serve against the minimum elevation (``platforms-xstation-network``).

    Columns ``min_elevation_deg``, ``altitude_km``, ``quantity`` ("three caps,
    total area": an upper bound on what three caps can cover, whatever
    their arrangement; "round region covered by three": the largest cap
    that three caps cover together) and ``area_km2``. Elevations from 0 to
    the chapter's minimum elevation and at least 15 degrees; empty if the
    data set has no X-station altitude.
    """
    alt = _xstation_alt_km(projects)
    if alt is None:
        return pd.DataFrame(columns=["min_elevation_deg", "altitude_km", "quantity", "area_km2"])
    top = max(15.0, float(params["min_elevation_deg"]))
    grid = np.unique(np.append(np.linspace(0.0, top, 61), params["min_elevation_deg"]))
    phi = np.asarray(ground_coverage_angle_rad(alt, np.radians(grid)))
    union = np.asarray(largest_cap_covered_by_three_rad(np.minimum(phi, math.pi / 3.0)))
    return pd.concat(
        [
            pd.DataFrame(
                {
                    "min_elevation_deg": grid,
                    "altitude_km": alt,
                    "quantity": label,
                    "area_km2": area,
                }
            )
            for label, area in (
                ("three caps, total area", _XSTATION_UNITS * _cap_area_km2(phi)),
                ("round region covered by three", _cap_area_km2(union)),
            )
        ],
        ignore_index=True,
    )


def xstation_network_figure(data: pd.DataFrame, params: Params) -> Any:
    """The two areas against the minimum elevation, with the survey's 10^6 km^2."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.0, 3.6))
    for (label, block), style in zip(
        data.groupby("quantity", sort=False), ["-", "--"], strict=False
    ):
        ax.plot(block["min_elevation_deg"], block["area_km2"], style, label=label)
    ax.axhline(_XSTATION_NETWORK_KM2, color="C3", lw=1.5, label="survey: $10^6$ km² with three")
    ax.axvline(params["min_elevation_deg"], color="0.3", ls=":", lw=1, label="minimum elevation")
    ax.set_yscale("log")
    ax.set_xlabel("minimum elevation of a ground user (deg)")
    ax.set_ylabel("area (km²)")
    ax.set_title("What three X-stations at 21 km can serve")
    ax.legend(loc="lower left")
    return fig


def geo_polar_table(params: Params) -> pd.DataFrame:
    """Share of the Earth that GEO satellites leave uncovered (``platforms-geo-polar-caps``).

    Over minimum elevations 0 to 60 degrees (and the chapter's own), for 3
    and 4 satellites evenly spaced on the equator and for any number:
    columns ``min_elevation_deg``, ``geo_alt_km``, ``geo_satellites`` ("3",
    "4", "any number"), ``coverage_angle_deg``, ``full_coverage_latitude_deg``
    (up to which every longitude is served; NaN where not even the equator
    is) and ``uncovered_fraction``.
    """
    grid = np.unique(np.append(_ELEVATION_GRID_DEG, params["min_elevation_deg"]))
    phi = np.asarray(ground_coverage_angle_rad(params["geo_alt_km"], np.radians(grid)))
    blocks = []
    for count in (*_GEO_COUNTS, None):
        blocks.append(
            pd.DataFrame(
                {
                    "min_elevation_deg": grid,
                    "geo_alt_km": params["geo_alt_km"],
                    "geo_satellites": "any number" if count is None else str(count),
                    "coverage_angle_deg": np.degrees(phi),
                    "full_coverage_latitude_deg": np.degrees(
                        equatorial_ring_full_latitude_rad(phi, count)
                    ),
                    "uncovered_fraction": equatorial_ring_uncovered_fraction(phi, count),
                }
            )
        )
    return pd.concat(blocks, ignore_index=True)


def geo_polar_figure(data: pd.DataFrame, params: Params) -> Any:
    """Uncovered share of the Earth against the minimum elevation, per GEO constellation."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.0, 3.8))
    for (label, block), style in zip(
        data.groupby("geo_satellites", sort=False), ["--", ":", "-"], strict=False
    ):
        name = (
            "any number of GEO satellites (polar caps)"
            if label == "any number"
            else (f"{label} GEO satellites, evenly spaced")
        )
        ax.plot(block["min_elevation_deg"], 100.0 * block["uncovered_fraction"], style, label=name)
    ax.axvline(params["min_elevation_deg"], color="0.3", ls=":", lw=1, label="minimum elevation")
    ax.set_xlabel("minimum elevation of a ground user (deg)")
    ax.set_ylabel("share of the Earth's surface uncovered (%)")
    ax.set_title("What geostationary satellites leave uncovered")
    ax.set_ylim(0.0, None)
    ax.legend(loc="upper left")
    return fig


def _cap_area_km2(angle_rad: Any) -> np.ndarray:
    return 4.0 * math.pi * EARTH_RADIUS_KM**2 * np.sin(0.5 * np.asarray(angle_rad)) ** 2


def _xstation_alt_km(projects: pd.DataFrame) -> float | None:
    row = projects[projects["project"] == "X-station"]
    if row.empty:
        return None
    alt = row[["altitude_min_km", "altitude_max_km"]].iloc[0].dropna()
    return None if alt.empty else float(alt.mean())


def xstation_network_values(projects: pd.DataFrame, params: Params) -> dict[str, Any] | None:
    """The numbers behind claim ``platforms-three-xstations-cover-1e6km2`` (None without X-station).

    Keys: ``alt_km``; ``el_area_max_deg``, the highest minimum elevation at
    which three caps even have 10^6 km^2 between them (any arrangement);
    ``el_region_max_deg``, the highest at which three caps cover one round
    region of 10^6 km^2 (NaN if not even at the horizon); ``area_at_min_km2``
    (three caps' total area) and ``region_at_min_km2`` (the round region) at
    the chapter's minimum elevation; ``horizon_area_km2`` (three caps at 0 deg).
    """
    alt = _xstation_alt_km(projects)
    if alt is None:
        return None
    r2 = EARTH_RADIUS_KM**2
    # A cap of central angle phi has area 4 pi R^2 sin^2(phi/2).
    phi_area = 2.0 * math.asin(
        math.sqrt(_XSTATION_NETWORK_KM2 / _XSTATION_UNITS / (4 * math.pi * r2))
    )
    big = 2.0 * math.asin(math.sqrt(_XSTATION_NETWORK_KM2 / (4 * math.pi * r2)))
    rho = optimize.brentq(
        lambda r: float(largest_cap_covered_by_three_rad(r)) - big, 1e-6, math.pi / 3.0, xtol=1e-14
    )
    horizon = float(ground_coverage_angle_rad(alt, 0.0))
    alpha = math.radians(params["min_elevation_deg"])
    phi_min = float(ground_coverage_angle_rad(alt, alpha))

    def max_el(angle: float) -> float:
        if angle > horizon:
            return math.nan
        return math.degrees(float(elevation_at_ground_radius_rad(alt, EARTH_RADIUS_KM * angle)))

    return {
        "alt_km": alt,
        "el_area_max_deg": max_el(phi_area),
        "el_region_max_deg": max_el(rho),
        "area_at_min_km2": float(_XSTATION_UNITS * _cap_area_km2(phi_min)),
        "region_at_min_km2": float(
            _cap_area_km2(largest_cap_covered_by_three_rad(min(phi_min, math.pi / 3.0)))
        ),
        "horizon_area_km2": float(_XSTATION_UNITS * _cap_area_km2(horizon)),
    }


def stratosphere_values() -> dict[str, float]:
    """ISA numbers of the chapter: pressure and temperature at the check altitude and bounds."""
    bottom, top = stratosphere_bounds_km()
    alts = np.array([18.0, STRATOSPHERE_CHECK_ALT_KM, 23.0])
    frac = np.asarray(isa_pressure_fraction(alts))
    temp = np.asarray(isa_temperature_degc(alts))
    strat = np.linspace(bottom, top, 401)
    return {
        "alt_km": STRATOSPHERE_CHECK_ALT_KM,
        "pressure_fraction": float(frac[1]),
        "pressure_pa": float(isa_pressure_pa(STRATOSPHERE_CHECK_ALT_KM)),
        "pressure_fraction_18km": float(frac[0]),
        "pressure_fraction_23km": float(frac[2]),
        "temperature_degc": float(temp[1]),
        "temperature_min_stratosphere_degc": float(np.min(isa_temperature_degc(strat))),
        "temperature_80km_degc": float(isa_temperature_degc(80.0)),
        "stratosphere_bottom_km": bottom,
        "stratosphere_top_km": top,
    }


# ----------------------------------------------------------------- part 3: coverage claims


def coverage_claims_table(projects: pd.DataFrame, params: Params) -> pd.DataFrame:
    """Each coverage claim of the survey with the elevation it implies at its edge.

    See :func:`sagin_lib.platforms.comparison.check_coverage_claims` for the columns.
    """
    return check_coverage_claims(projects, math.radians(params["min_elevation_deg"]))


_CLAIM_DATA_COLUMNS = [
    "project",
    "altitude_km",
    "coverage_radius_km",
    "implied_elevation_deg",
    "horizon_radius_km",
    "beyond_horizon",
    "meets_min_elevation",
]


def coverage_claims_data(claims: pd.DataFrame) -> pd.DataFrame:
    """The plotted data of figure ``platforms-coverage-claims``."""
    return claims[_CLAIM_DATA_COLUMNS]


def coverage_claims_display(claims: pd.DataFrame) -> pd.DataFrame:
    """The coverage claims as the chapter shows them."""
    cols = [*_CLAIM_DATA_COLUMNS[:5], "radius_at_min_elevation_km", *_CLAIM_DATA_COLUMNS[5:]]
    return display_table(claims[cols], digits=3)


def coverage_claims_verdicts(claims: pd.DataFrame) -> str:
    """One Markdown bullet per claim and altitude with the library's verdict in words."""
    return "\n".join(
        f"* **{r.project}** ({r.coverage_radius_km:g} km radius at {r.altitude_km:g} km): {r.verdict}."
        for r in claims.itertuples()
    )


def coverage_claims_figure(claims: pd.DataFrame, params: Params) -> Any:
    """The elevation each claim implies at its edge against the minimum elevation."""
    import matplotlib.pyplot as plt

    min_el = params["min_elevation_deg"]
    fig, ax = plt.subplots(figsize=(7.0, 3.0))
    labels = [
        f"{p} @ {a:g} km" for p, a in zip(claims["project"], claims["altitude_km"], strict=True)
    ]
    colors = ["C2" if ok else "C3" for ok in claims["meets_min_elevation"]]
    ax.barh(range(len(claims)), claims["implied_elevation_deg"], color=colors)
    ax.axvline(min_el, color="0.3", ls="--", lw=1, label=f"minimum elevation {min_el:g}°")
    ax.axvline(0.0, color="k", lw=1)
    for i, v in enumerate(claims["implied_elevation_deg"]):
        ax.text(v, i, f" {v:.2f}°", va="center", fontsize=8)
    ax.set_yticks(range(len(claims)), labels)
    ax.invert_yaxis()
    ax.set_xlabel("elevation of the platform seen from the claimed coverage edge (deg)")
    ax.set_title("Elevation implied by each coverage claim")
    ax.legend(loc="lower right")
    return fig


# ----------------------------------------------------------------- part 4: HAPS coverage


def haps_model(params: Params) -> HapsCoverageParams:
    """The HAPS + LEO coverage model under the chapter's parameters (fading included)."""
    return HapsCoverageParams(
        freq_hz=params["freq_ghz"] * 1e9,
        bandwidth_hz=params["bandwidth_mhz"] * 1e6,
        noise_figure_db=params["noise_figure_db"],
        rx_gain_dbi=params["rx_gain_dbi"],
        snr_threshold_db=params["snr_threshold_db"],
        min_elevation_rad=math.radians(params["min_elevation_deg"]),
        haps_alt_km=params["hap_alt_km"],
        haps_tx_power_dbw=params["haps_tx_power_dbw"],
        haps_tx_gain_dbi=params["haps_tx_gain_dbi"],
        haps_region_radius_km=params["haps_region_radius_km"],
        sat_alt_km=params["leo_alt_km"],
        sat_tx_power_dbw=params["sat_tx_power_dbw"],
        sat_tx_gain_dbi=params["sat_tx_gain_dbi"],
        fading=params["fading"],
        nakagami_m=params["nakagami_m"],
    )


def haps_table(params: Params) -> pd.DataFrame:
    """Monte Carlo and theory of the coverage probability against the number of HAPS.

    One sweep without fading and, unless ``fading`` is "none", one with the
    chosen fading, both from the same root seed (common random numbers for
    the platform positions). Columns: those of
    :func:`sagin_lib.platforms.haps_coverage.run_sweep_point` with
    ``coverage_probability`` renamed ``coverage_probability_mc``, plus
    ``closed_form`` (the closed form without fading, the numerical integral
    with fading) and ``z_score`` (the Monte Carlo's distance from it in
    standard errors, with the variance floored at ``1 / n_users``).
    """
    model = haps_model(params)
    n_users, seed = int(params["n_users"]), int(params["seed"])
    grid = (n_haps_values(params), [int(n) for n in params["sat_counts"]])
    sweeps = [coverage_sweep(model.replace(fading="none"), *grid, n_users, rng=seed)]
    if model.fading != "none":
        sweeps.append(coverage_sweep(model, *grid, n_users, rng=seed))
    data = pd.concat(sweeps, ignore_index=True)
    data["closed_form"] = np.where(
        data["fading"] == "none",
        data["coverage_no_fading_closed_form"],
        data["coverage_semianalytic"],
    )
    data = data.rename(columns={"coverage_probability": "coverage_probability_mc"})
    data["z_score"] = (data["coverage_probability_mc"] - data["closed_form"]) / np.sqrt(
        np.maximum(data["closed_form"] * (1 - data["closed_form"]), 1.0 / n_users) / n_users
    )
    return data


def _fading_title(fading: str, nakagami_m: float) -> str:
    return {"none": "no fading", "rayleigh": "Rayleigh fading"}.get(
        fading, f"Nakagami-{nakagami_m:g} fading"
    )


def haps_figure(data: pd.DataFrame, params: Params) -> Any:
    """Coverage against the number of HAPS: one panel per fading model, one colour per
    constellation size; Monte Carlo with 2-standard-error bars, theory and visibility."""
    import matplotlib.pyplot as plt

    panels = list(dict.fromkeys(data["fading"]))
    width = 8.6 if len(panels) == 2 else 4.8
    fig, axes = plt.subplots(1, len(panels), figsize=(width, 3.9), sharey=True, squeeze=False)
    axes = axes[0]
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for ax, (fad, block) in zip(axes, data.groupby("fading", sort=False), strict=True):
        for color, (ns, rows) in zip(colors, block.groupby("n_sats"), strict=False):
            ax.errorbar(
                rows["n_haps"],
                rows["coverage_probability_mc"],
                yerr=2 * rows["standard_error"],
                fmt="o",
                ms=3.5,
                color=color,
                label=f"{ns} LEO satellites: Monte Carlo",
            )
            ax.plot(rows["n_haps"], rows["closed_form"], "-", color=color, lw=1.2)
            ax.plot(rows["n_haps"], rows["p_visible_closed_form"], ":", color=color, lw=1)
        ax.set_title(_fading_title(fad, params["nakagami_m"]))
        ax.set_xlabel("number of HAPS")
    axes[0].set_ylabel("coverage probability")
    theory = (
        "closed form (left) / numerical integral (right)" if len(panels) == 2 else "closed form"
    )
    axes[0].plot([], [], "k-", label=theory)
    axes[0].plot([], [], "k:", label="P(a platform is visible)")
    axes[0].legend(loc="lower right", fontsize=7)
    fig.tight_layout()
    return fig


def haps_summary(data: pd.DataFrame) -> pd.DataFrame:
    """Per fading model: number of points, largest absolute difference and largest absolute z-score (rounded)."""
    summary = (
        data.assign(
            abs_difference=lambda d: (d["coverage_probability_mc"] - d["closed_form"]).abs(),
            abs_z=lambda d: d["z_score"].abs(),
        )
        .groupby("fading", sort=False)
        .agg(
            points=("abs_z", "size"),
            max_abs_difference=("abs_difference", "max"),
            max_abs_z=("abs_z", "max"),
        )
    )
    return display_table(summary, digits=4)


# ----------------------------------------------------------------- prose numbers


def prose_values(
    params: Params,
    comparison: pd.DataFrame,
    claims: pd.DataFrame,
    projects: pd.DataFrame,
) -> dict[str, str]:
    """Every computed number the chapter's prose quotes, formatted, by glue name."""
    alpha = math.radians(params["min_elevation_deg"])
    by_platform = comparison.set_index("platform")
    bs_horizon = compare_platforms(0.0, params["freq_ghz"] * 1e9, {"x": params["tower_height_km"]})
    by = claims.set_index(["project", "altitude_km"])
    loon = by.loc["Loon", "implied_elevation_deg"]
    xst = claims.set_index("project").loc["X-station"]
    skynet = claims.set_index("project").loc["SkyNet"]
    below = _below_band(projects)
    hundreds = math.degrees(
        float(elevation_at_ground_radius_rad(_NEAR_SPACE_BAND_KM[0], _HUNDREDS_KM / 2.0))
    )
    hap, geo = by_platform.loc["HAP"], by_platform.loc["GEO"]
    return {
        "tower_m": f"{params['tower_height_km'] * 1e3:g}",
        "min_el_text": f"{params['min_elevation_deg']:g}",
        "bs_r_min": f"{comparison['coverage_radius_km'].iloc[0]:.3g}",
        "bs_r0": f"{bs_horizon['coverage_radius_km'].iloc[0]:.3g}",
        "geo_delay": f"{geo['delay_nadir_ms']:.0f}",
        "hap_delay": f"{hap['delay_nadir_ms']:.2g}",
        "hap_geo_db": f"{geo['fspl_nadir_db'] - hap['fspl_nadir_db']:.0f}",
        "n_below_band": str(len(below["outside"])),
        "n_with_altitude": str(below["n_known"]),
        "loon_el_range": f"{loon.min():.0f}-{loon.max():.0f}",
        "skynet_el": f"{skynet['implied_elevation_deg']:.1f}",
        "xst_el": f"{xst['implied_elevation_deg']:.2f}",
        "xst_horizon": f"{xst['horizon_radius_km']:.0f}",
        "xst_r_min": f"{xst['radius_at_min_elevation_km']:.0f}",
        "hundreds_switch": f"{hundreds:.1f}",
        "uav_r_min": f"{float(ground_footprint(params['uav_alt_km'], alpha).arc_radius_km):.3g}",
        "haps_alt": f"{params['hap_alt_km']:g}",
        "haps_region": f"{params['haps_region_radius_km']:g}",
        "sat_alt": f"{params['leo_alt_km']:g}",
        "min_el": f"{params['min_elevation_deg']:g}",
        "freq": f"{params['freq_ghz']:g}",
        "haps_eirp": f"{params['haps_tx_power_dbw'] + params['haps_tx_gain_dbi']:g}",
        "sat_eirp": f"{params['sat_tx_power_dbw'] + params['sat_tx_gain_dbi']:g}",
        "rx_gain": f"{params['rx_gain_dbi']:g}",
        "bw": f"{params['bandwidth_mhz']:g}",
        "nf": f"{params['noise_figure_db']:g}",
        "snr_th": f"{params['snr_threshold_db']:g}",
        "n_users": f"{params['n_users']:g}",
        "fading_name": (
            params["fading"]
            if params["fading"] != "nakagami"
            else f"Nakagami-{params['nakagami_m']:g}"
        ),
        "z_band": f"{_Z_BAND:g}",
    }


def survey_check_prose_values(
    params: Params, projects: pd.DataFrame, covering: pd.DataFrame
) -> dict[str, str]:
    """The numbers the prose quotes about the survey's environment, capacity and covering claims."""
    v = stratosphere_values()
    out = {
        "isa_alt": f"{v['alt_km']:g}",
        "isa_p_pa": f"{v['pressure_pa']:.0f}",
        "isa_p_pct": f"{100 * v['pressure_fraction']:.2f}",
        "isa_p18_pct": f"{100 * v['pressure_fraction_18km']:.1f}",
        "isa_p23_pct": f"{100 * v['pressure_fraction_23km']:.1f}",
        "isa_t": f"{v['temperature_degc']:.1f}",
        "isa_t80": f"{v['temperature_80km_degc']:.1f}",
        "strat_bottom": f"{v['stratosphere_bottom_km']:.1f}",
        "strat_top": f"{v['stratosphere_top_km']:.1f}",
    }
    end = projects.dropna(subset=["endurance_days"])
    reported = end[end["values_status"] == "reported"]
    longest = reported[["endurance_days", "endurance_text_days"]].max(axis=1)
    stated = projects.dropna(subset=["payload_kg"])
    out |= {
        "end_longest": f"{float(longest.max()):g}" if len(longest) else "—",
        "n_end_stated": str(len(end)),
        "n_under_month": str(int((end["endurance_days"] < _MONTH_DAYS).sum())),
        "n_pay_stated": str(len(stated)),
        "n_pay_heavy": str(int((stated["payload_kg"] >= _HUNDREDS_KG).sum())),
    }
    x = xstation_network_values(projects, params)
    if x is not None:
        out |= {
            "xnet_el_area": f"{x['el_area_max_deg']:.2f}",
            "xnet_el_region": "—"
            if math.isnan(x["el_region_max_deg"])
            else f"{x['el_region_max_deg']:.2f}",
            "xnet_area_min": f"{x['area_at_min_km2']:,.0f}",
            "xnet_region_min": f"{x['region_at_min_km2']:,.0f}",
            "xnet_horizon": f"{x['horizon_area_km2']:,.0f}",
        }
    else:
        out |= dict.fromkeys(
            ("xnet_el_area", "xnet_el_region", "xnet_area_min", "xnet_region_min", "xnet_horizon"),
            "—",
        )
    min_el = params["min_elevation_deg"]
    g = geo_polar_table(params)
    g = g[g["min_elevation_deg"] == min_el].set_index("geo_satellites")

    def lat(key: str) -> str:
        value = g.loc[key, "full_coverage_latitude_deg"]
        return "—" if pd.isna(value) else f"{value:.1f}"

    out |= {
        "geo_lat": f"{g.loc['any number', 'coverage_angle_deg']:.1f}",
        "geo_polar_pct": f"{100 * g.loc['any number', 'uncovered_fraction']:.1f}",
        "geo3_pct": f"{100 * g.loc['3', 'uncovered_fraction']:.1f}",
        "geo4_pct": f"{100 * g.loc['4', 'uncovered_fraction']:.1f}",
        "geo3_lat": lat("3"),
        "geo4_lat": lat("4"),
    }
    cov = covering.set_index("platform")
    for name in COVERING_ORBITS:
        r = cov.loc[name]
        key = name.lower()
        out |= {
            f"{key}_cap": f"{r['coverage_angle_deg']:.2f}",
            f"{key}_area_bound": f"{r['area_bound']:.0f}",
            f"{key}_lower": f"{r['proven_lower_bound']:.0f}",
            f"{key}_hex": f"{r['hexagon_estimate']:.0f}",
            f"{key}_hex_raw": f"{r['hexagon_estimate_raw']:.2f}",
            f"{key}_feasible": "—"
            if pd.isna(r["feasible_count"])
            else f"{r['feasible_count']:.0f}",
        }
    return out


# ----------------------------------------------------------------- claims


def _below_band(projects: pd.DataFrame) -> dict[str, Any]:
    verdicts = altitude_band_verdicts(projects, *_NEAR_SPACE_BAND_KM)
    verdict = verdicts["band_verdict"]
    outside = verdict.isin(["reaches below the band", "reaches above the band"]).to_numpy()
    low = projects["altitude_min_km"].fillna(projects["altitude_max_km"])
    return {
        "outside": list(projects.loc[outside, "project"]),
        "undetermined": list(projects.loc[verdict.eq("undetermined").to_numpy(), "project"]),
        "n_known": int(verdict.ne("no altitude stated").sum()),
        "lowest": {p: float(v) for p, v in zip(projects["project"], low, strict=True) if v == v},
    }


def _one_sided_text(projects: pd.DataFrame, project: str) -> str:
    row = projects.set_index("project").loc[project]
    if pd.isna(row["altitude_max_km"]):
        return f"{project} (above {row['altitude_min_km']:g} km: a lower bound only)"
    return f"{project} (up to {row['altitude_max_km']:g} km: an upper bound only)"


def _vector_elevation_deg(alt_km: np.ndarray, ground_radius_km: np.ndarray) -> np.ndarray:
    """Elevation of a platform seen from the ground, from Earth-centred vectors.

    An independent route to the elevation (not the library's atan2 formula):
    the user at ``(0, R_e)``, the platform at ``(R_t sin psi, R_t cos psi)``;
    the elevation is the angle between the line of sight and the local
    horizontal, ``asin(los . up / |los|)``.
    """
    psi = ground_radius_km / EARTH_RADIUS_KM
    r_t = EARTH_RADIUS_KM + alt_km
    los_x = r_t * np.sin(psi)
    # r_t cos(psi) - R_e, written to keep its digits for small psi.
    los_y = alt_km - 2.0 * r_t * np.sin(0.5 * psi) ** 2
    return np.degrees(np.arcsin(los_y / np.hypot(los_x, los_y)))


def _table_claims(projects: pd.DataFrame) -> list[Claim]:
    conflicts = sorted(projects.loc[projects["endurance_conflict"], "project"])
    conf_rows = projects.set_index("project").loc[conflicts]
    conflict_text = "; ".join(
        f"{p}: Table I {r.endurance_days:g} days, text {r.endurance_text_days:g} days"
        for p, r in conf_rows.iterrows()
    )
    below = _below_band(projects)
    lows = ", ".join(f"{p} {below['lowest'][p]:g} km" for p in below["outside"])
    end = endurance_table(projects)
    shortest = end.loc[end["endurance_days"].idxmin()]
    light = projects["payload_kg"].notna() & (projects["payload_kg"] < _UAV_PAYLOAD_KG)
    stated = projects["payload_kg"].notna()
    solar = projects["platform_type"].eq("solar UAV") & stated
    heavy_solar = solar & (projects["payload_kg"] >= _SOLAR_UAV_PAYLOAD_KG)
    ships = projects["platform_type"].eq("airship") & projects["size_m"].notna()
    short_ships = ships & (projects["size_m"] <= _AIRSHIP_LENGTH_M)

    def listing(mask: pd.Series, col: str, unit: str) -> str:
        return _fmt_names(
            [
                f"{p} {v:g} {unit}"
                for p, v in zip(projects.loc[mask, "project"], projects.loc[mask, col], strict=True)
            ]
        )

    return [
        claim(
            "platforms-table-endurance-conflicts",
            "The survey's Table I and its own text disagree on endurance for exactly two of its "
            "ten projects, Yuanmeng and Zephyr S; the data set keeps both values.",
            f"{_SURVEY}, Table I against Sec. II-B and II-C",
            len(projects) == 10 and conflicts == ["Yuanmeng", "Zephyr S"],
            f"{len(projects)} projects; flagged: {conflict_text}.",
        ),
        claim(
            "platforms-table-altitudes-below-band",
            "Table I projects with a stated altitude reach below the survey's 20-100 km "
            "near-space band, so the band does not describe the survey's own projects.",
            f"{_SURVEY}, Sec. I-A against Table I",
            bool(below["outside"]),
            f"Survey: 'NS-ComNet deployed in 20-100 km above the Earth's surface'. "
            f"{len(below['outside'])} of the {below['n_known']} projects with a stated altitude "
            f"reach below 20 km ({lows}); undetermined: "
            f"{_fmt_names([_one_sided_text(projects, p) for p in below['undetermined']])}; "
            f"verdict on the survey's band: "
            f"{'does not hold for them' if below['outside'] else 'holds'}.",
        ),
        claim(
            "platforms-nsp-endurance-beyond-uav",
            "Every endurance stated for a Table I project, in the table or the text, exceeds "
            "the 4 h the survey gives for low-altitude UAVs.",
            f"{_SURVEY}, Sec. I-A and Table I",
            bool((end["endurance_days"] * 24.0 > _UAV_ENDURANCE_H).all()),
            f"{len(end)} stated values; the shortest is {shortest['project']} "
            f"({shortest['statement']}) at {shortest['endurance_days'] * 24.0:g} h.",
        ),
        claim(
            "platforms-nsp-payload-vs-uav",
            "Not every Table I payload exceeds the 20 kg ceiling the survey gives for "
            "low-altitude UAVs: at least one near-space platform carries less.",
            f"{_SURVEY}, Sec. I-A and Table I",
            bool(light.any()),
            f"Survey: UAVs have 'a payload capacity below 20 kg', near-space vehicles carry "
            f"'heavy payloads'. Stated payloads: {listing(stated, 'payload_kg', 'kg')}; under "
            f"20 kg: {listing(light, 'payload_kg', 'kg')}; verdict on the survey's contrast: "
            f"{'fails for these' if light.any() else 'holds'}.",
        ),
        claim(
            "platforms-solar-uav-payload-under-200kg",
            "Every solar-powered UAV of Table I with a stated payload carries less than 200 kg.",
            f"{_SURVEY}, Sec. II",
            None if not solar.any() else not heavy_solar.any(),
            f"Solar UAVs with a stated payload: {listing(solar, 'payload_kg', 'kg')}; at or "
            f"above 200 kg: {listing(heavy_solar, 'payload_kg', 'kg')}.",
        ),
        claim(
            "platforms-airships-over-100m",
            "Every stratospheric airship of Table I with a stated length exceeds 100 m.",
            f"{_SURVEY}, Sec. II",
            None if not ships.any() else not short_ships.any(),
            f"Airships with a stated length: {listing(ships, 'size_m', 'm')}; at or under "
            f"100 m: {listing(short_ships, 'size_m', 'm')}.",
        ),
    ]


def _environment_claims(projects: pd.DataFrame) -> list[Claim]:
    v = stratosphere_values()
    frac, temp = v["pressure_fraction"], v["temperature_degc"]
    bottom, top = v["stratosphere_bottom_km"], v["stratosphere_top_km"]
    verdicts = altitude_band_verdicts(projects, bottom, top)
    stated = verdicts[verdicts["band_verdict"] != "no altitude stated"]
    inside = list(stated.loc[stated["band_verdict"] == "within the band", "project"])
    above = list(stated.loc[stated["above_ceiling"] == "yes", "project"])
    below = list(stated.loc[stated["below_floor"] == "yes", "project"])
    open_top = list(stated.loc[stated["above_ceiling"] == "undetermined", "project"])
    ranges = []
    for r in projects.itertuples():
        lo, hi = r.altitude_min_km, r.altitude_max_km
        if pd.isna(lo) and pd.isna(hi):
            continue
        text = (
            f"above {lo:g}"
            if pd.isna(hi)
            else (f"up to {hi:g}" if pd.isna(lo) else (f"{lo:g}" if lo == hi else f"{lo:g}-{hi:g}"))
        )
        ranges.append(f"{r.project} {text} km")
    band_lo, band_hi = _NEAR_SPACE_BAND_KM
    band_share = (min(top, band_hi) - band_lo) / (band_hi - band_lo)
    return [
        claim(
            "platforms-stratosphere-pressure-20km",
            f"At {v['alt_km']:g} km the ICAO standard atmosphere has about 5 % of sea-level "
            "pressure, as the survey says of near space (agreement read at the survey's one "
            "significant figure: 4.5 % to 5.5 %).",
            f"{_SURVEY}, Sec. II; ICAO standard atmosphere (ambiance)",
            abs(frac - _SURVEY_PRESSURE_FRACTION) < _PRESSURE_TOLERANCE,
            f"Survey: 'atmospheric pressure at approximately 5% of sea-level conditions'. ISA at "
            f"{v['alt_km']:g} km: {v['pressure_pa']:.0f} Pa = {100 * frac:.2f} % of 101325 Pa "
            f"({100 * v['pressure_fraction_18km']:.1f} % at 18 km, "
            f"{100 * v['pressure_fraction_23km']:.1f} % at 23 km, the span of Table I's balloons).",
        ),
        claim(
            "platforms-stratosphere-temperature-20km",
            f"At {v['alt_km']:g} km the ICAO standard atmosphere is about -60 degC, as the survey "
            "says of near space (agreement read at the survey's one significant figure: above "
            "-65 degC and at most -55 degC).",
            f"{_SURVEY}, Sec. II; ICAO standard atmosphere (ambiance)",
            abs(temp - _SURVEY_TEMPERATURE_DEGC) <= _TEMPERATURE_TOLERANCE_DEGC
            and temp > _SURVEY_TEMPERATURE_DEGC - _TEMPERATURE_TOLERANCE_DEGC,
            f"Survey: 'temperatures as low as -60 degC'. ISA at {v['alt_km']:g} km: {temp:.2f} "
            f"degC, {abs(temp - _SURVEY_TEMPERATURE_DEGC):.1f} degC warmer than the survey's "
            f"figure; the ISA is never colder than {v['temperature_min_stratosphere_degc']:.1f} "
            f"degC anywhere in the stratosphere ({bottom:.1f}-{top:.1f} km) and reaches "
            f"{v['temperature_80km_degc']:.1f} degC only at 80 km, in the mesosphere. The ISA is a "
            "mid-latitude annual mean; real lower-stratosphere temperatures depart from it by "
            "10 degC and more with latitude and season, so agreement is read at one significant "
            "figure.",
        ),
        claim(
            "platforms-near-space-above-stratosphere",
            "The Table I platforms fly inside the stratosphere (about 11 to 51 km in the ICAO "
            "standard atmosphere) or below it, never above it: the survey's 'near-space region "
            "above the stratosphere' does not describe where its own platforms fly.",
            f"{_SURVEY}, Sec. I-A against Table I and Sec. II-C",
            None if stated.empty else (not above and bool(inside)),
            "Survey: 'The near-space region above the stratosphere is characterized by stable "
            "atmospheric conditions' (Sec. I-A), yet X-station hovers 'at 21 km in the "
            "stratosphere' and SkyNet at '20 km in the stratosphere' (Sec. II-C). Stated "
            f"altitudes: {', '.join(ranges) or 'none'}. Inside the stratosphere ({bottom:.2f}-"
            f"{top:.2f} km): {_fmt_names(inside)}; reaching below it: {_fmt_names(below)}; above "
            f"it: {_fmt_names(above)}; upper end not stated: {_fmt_names(open_top)}. The survey's "
            f"own {band_lo:g}-{band_hi:g} km band lies {100 * band_share:.0f} % inside the "
            f"stratosphere; verdict on 'above the stratosphere': "
            f"{'fails for its platforms' if inside and not above else 'holds'}.",
        ),
    ]


def _capacity_claims(projects: pd.DataFrame) -> list[Claim]:
    end = projects.dropna(subset=["endurance_days"])
    reported = end[end["values_status"] == "reported"]
    longest = reported[["endurance_days", "endurance_text_days"]].max(axis=1)
    longest_reported = float(longest.max()) if len(longest) else math.nan
    under_month = list(end.loc[end["endurance_days"] < _MONTH_DAYS, "project"])
    years = end[end["endurance_days"] >= _YEAR_DAYS]

    def days(r: Any) -> str:
        text = f"{r.project} {r.endurance_days:g} d"
        if not pd.isna(r.endurance_text_days):
            text += f" (text: {r.endurance_text_days:g} d)"
        return text + ("" if r.values_status == "reported" else f" [{r.values_status}]")

    listing = ", ".join(days(r) for r in end.itertuples())
    stated = projects.dropna(subset=["payload_kg"])
    heavy = stated[stated["payload_kg"] >= _HUNDREDS_KG]
    pay = ", ".join(
        f"{r.project} {'' if pd.isna(r.payload_min_kg) else f'{r.payload_min_kg:g}-'}"
        f"{r.payload_kg:g} kg" + ("" if r.values_status == "reported" else f" [{r.values_status}]")
        for r in stated.itertuples()
    )
    return [
        claim(
            "platforms-nsp-endurance-months-to-years",
            "No Table I project reports an endurance of a year or more: the survey's 'months to "
            "years' reaches years only with a plan or a design target, and some of its projects "
            "stay aloft for less than a month.",
            f"{_SURVEY}, Sec. II (opening and near-space environment) against Table I",
            None if reported.empty else (longest_reported < _YEAR_DAYS and bool(under_month)),
            "Survey: 'continuous operation at near-space altitudes for months to years'. "
            f"Stated endurance (Table I, days; a year is {_YEAR_DAYS:g} d, a month read as "
            f"{_MONTH_DAYS:g} d): {listing}. Longest reported: {longest_reported:g} d; a year or "
            f"more only as plan or target: {_fmt_names(list(years['project']))}; under a month: "
            f"{_fmt_names(under_month)}. X-station's 'continuous year-round operation' and "
            "BH-HAPs' 'for months' give no duration. Verdict on 'months to years': months holds "
            "for some, years is not reported.",
        ),
        claim(
            "platforms-nsp-payload-hundreds-of-kg",
            "Most Table I projects with a stated payload carry less than 200 kg: the survey's "
            "'payload exceeding hundreds of kilograms' describes only a minority of them.",
            f"{_SURVEY}, Sec. II against Table I",
            None if stated.empty else len(heavy) < len(stated) / 2.0,
            "Survey: 'NSPs can carry communication equipment exceeding hundreds of kilograms'. "
            f"Stated payloads: {pay}; {_HUNDREDS_KG:g} kg or more: "
            f"{_fmt_names(list(heavy['project']))} ({len(heavy)} of {len(stated)}). Verdict on "
            "the survey's statement: fails for most of its own projects.",
        ),
    ]


def _coverage_number_claims(
    params: Params, projects: pd.DataFrame, covering: pd.DataFrame
) -> list[Claim]:
    min_el = params["min_elevation_deg"]
    out: list[Claim] = []
    x = xstation_network_values(projects, params)
    if x is None:
        out.append(
            claim(
                "platforms-three-xstations-cover-1e6km2",
                "Three X-stations cannot serve 10^6 km^2 at the minimum elevation.",
                f"{_SURVEY}, Table I and Sec. II-C",
                None,
                "No X-station altitude in the data.",
            )
        )
    else:
        region = (
            "not even at the horizon"
            if math.isnan(x["el_region_max_deg"])
            else f"up to {x['el_region_max_deg']:.2f} deg"
        )
        short = x["area_at_min_km2"] < _XSTATION_NETWORK_KM2
        out.append(
            claim(
                "platforms-three-xstations-cover-1e6km2",
                f"Three X-stations at {x['alt_km']:g} km cannot serve 10^6 km^2 at the minimum "
                "elevation: even the total area of their three caps falls short, so the survey's "
                "navigation network needs users who accept lower elevations.",
                f"{_SURVEY}, Table I and Sec. II-C",
                short,
                "Survey: three units 'can establish a navigation network covering 10^6 square "
                f"km'. At {min_el:g} deg the three caps total {x['area_at_min_km2']:.3g} km^2 "
                f"and cover one round region of at most {x['region_at_min_km2']:.3g} km^2. Three "
                f"caps have 10^6 km^2 between them only up to {x['el_area_max_deg']:.2f} deg "
                f"(any arrangement) and cover one round region of 10^6 km^2 {region} (three "
                f"caps around it, the arrangement optimal in the plane); at the horizon they "
                f"total {x['horizon_area_km2']:.3g} km^2. Verdict on the survey's statement at "
                f"{min_el:g} deg: {'fails' if short else 'holds'}.",
            )
        )

    g = (
        geo_polar_table({**params, "min_elevation_deg": min_el})
        .query("min_elevation_deg == @min_el")
        .set_index("geo_satellites")
    )
    any_row = g.loc["any number"]
    shares = ", ".join(
        f"{n} satellites {100 * g.loc[str(n), 'uncovered_fraction']:.1f} % (every longitude "
        f"served up to {g.loc[str(n), 'full_coverage_latitude_deg']:.1f} deg)"
        for n in _GEO_COUNTS
    )
    out.append(
        claim(
            "platforms-geo-leaves-polar-caps",
            "Geostationary satellites, however many, leave the polar caps uncovered at the "
            "minimum elevation, so 'three or four GEO satellites cover the Earth' does not hold.",
            "Common statement (after Clarke 1945); the chapter's area bound and hexagon estimate",
            bool(any_row["uncovered_fraction"] > 0.0),
            f"GEO at {params['geo_alt_km']:g} km over the equator, {min_el:g} deg: each footprint "
            f"reaches {any_row['coverage_angle_deg']:.2f} deg of latitude; beyond it the two polar "
            f"caps, {100 * any_row['uncovered_fraction']:.2f} % of the Earth's surface (1 - sin "
            f"phi), see no GEO satellite at all. Uncovered with {shares}.",
        )
    )

    cov = covering.set_index("platform")
    searched = cov.dropna(subset=["feasible_count"])
    rows = []
    for name, r in cov.iterrows():
        feas = (
            "not searched"
            if pd.isna(r["feasible_count"])
            else (
                f"feasible {r['feasible_count']:.0f} (covering radius "
                f"{r['feasible_covering_radius_deg']:.2f} deg, {r['construction']}"
                + (", the minimum" if r["proven_minimum"] else "")
                + ")"
            )
        )
        rows.append(
            f"{name} (cap {r['coverage_angle_deg']:.2f} deg): area bound {r['area_bound']:.0f}, "
            f"proven lower bound {r['proven_lower_bound']:.0f}, hexagon estimate "
            f"{r['hexagon_estimate']:.0f} ({r['hexagon_estimate_raw']:.3f}), {feas}; hexagon "
            f"estimate {r['hexagon_status']}"
        )
    below = [
        n
        for n, r in cov.iterrows()
        if r["hexagon_status"] != "at or above the feasible count found"
        and not r["hexagon_status"].startswith("undecided")
    ]
    out.append(
        claim(
            "platforms-covering-counts",
            "For LEO, MEO and GEO the area bound never exceeds a feasible covering count checked "
            "exactly; the hexagon estimate is not a lower bound: where it falls below the "
            "feasible count it is an estimate only, and below the proven lower bound impossible.",
            "Study; the chapter's Earth-cover estimates",
            None
            if searched.empty
            else bool((searched["area_bound"] <= searched["feasible_count"]).all()),
            "; ".join(rows) + f". Hexagon estimate below the feasible count: {_fmt_names(below)}.",
        )
    )

    meo = cov.loc["MEO"]
    n_hex = int(meo["hexagon_estimate"])
    phi_deg = float(meo["coverage_angle_deg"])
    known = KNOWN_MIN_COVERING_RADIUS_RAD.get(n_hex)
    if n_hex < meo["proven_lower_bound"]:
        cond: bool | None = True
    elif not pd.isna(meo["feasible_count"]) and meo["feasible_count"] <= n_hex:
        cond = False
    else:
        cond = None
    known_text = (
        f"the smallest covering radius of {n_hex} points is {math.degrees(known):.2f} deg "
        f"(proven), {'above' if math.degrees(known) > phi_deg else 'within'} the MEO cap of "
        f"{phi_deg:.2f} deg"
        if known is not None
        else f"no proven covering radius for {n_hex} points is tabulated"
    )
    out.append(
        claim(
            "platforms-meo-five-hexagons-infeasible",
            "At MEO the hexagon estimate asks for fewer satellites than can cover the Earth: that "
            "many caps of the MEO footprint cannot cover the sphere.",
            "Study; the chapter's Earth-cover estimates",
            cond,
            f"MEO at {meo['altitude_km']:g} km, {min_el:g} deg: hexagon estimate "
            f"{meo['hexagon_estimate_raw']:.3f}, rounded up {n_hex}; {known_text}; proven lower "
            f"bound {meo['proven_lower_bound']:.0f}; feasible count "
            + ("not searched" if pd.isna(meo["feasible_count"]) else f"{meo['feasible_count']:.0f}")
            + f"; area bound {meo['area_bound']:.0f}."
            + (
                ""
                if cond is not None
                else " Undecided: neither proven infeasible nor shown feasible."
            ),
        )
    )
    return out


def _comparison_claims(
    params: Params,
    comparison: pd.DataFrame,
    radius_data: pd.DataFrame,
    cover_data: pd.DataFrame,
    statements: pd.DataFrame,
) -> list[Claim]:
    c = comparison
    names = " < ".join(c["platform"])
    grows = {
        col: bool(np.all(np.diff(c[col].to_numpy()) > 0))
        for col in (
            "coverage_radius_km",
            "coverage_area_km2",
            "delay_nadir_ms",
            "delay_edge_ms",
            "fspl_nadir_db",
            "fspl_edge_db",
        )
    }
    fewer = bool(np.all(np.diff(c["n_platforms_spherical_hexagon"].to_numpy()) < 0)) and bool(
        np.all(np.diff(c["n_platforms_area_bound"].to_numpy()) < 0)
    )
    edge_farther = bool((c["slant_range_edge_km"] >= c["slant_range_nadir_km"]).all())
    # The GEO nadir delay from the speed of light directly, independent of the library.
    geo = c.set_index("platform").loc["GEO"]
    geo_delay_ms = geo["altitude_km"] * 1e3 / SPEED_OF_LIGHT_M_S * 1e3

    estimates = cover_data[cover_data["method"].isin(list(_COVER_LABELS))]
    wide = estimates.pivot(index="altitude_km", columns="method", values="n_platforms")
    ordered = bool(
        (wide["area"] <= wide["spherical_hexagon"]).all()
        and (wide["spherical_hexagon"] <= wide["planar_hexagon"] * (1 + 1e-12)).all()
    )
    ratio = float((wide["planar_hexagon"] / wide["area"]).iloc[0])

    elevations = radius_elevations_deg(params)
    by_el = radius_data.pivot(
        index="altitude_km", columns="min_elevation_deg", values="coverage_radius_km"
    )
    shrinks = None
    if len(elevations) > 1:
        shrinks = all(
            bool((by_el[hi] < by_el[lo]).all())
            for lo, hi in zip(elevations[:-1], elevations[1:], strict=True)
        )

    st = statements.set_index("statement")
    uav = st.loc["low-altitude UAV coverage radius under 50 km"]
    min_el = params["min_elevation_deg"]
    nsp_rows = [
        st.loc[f"one NSP at {a:g} km serves an area hundreds of km across"]
        for a in _NEAR_SPACE_BAND_KM
    ]
    uav_switch = math.degrees(
        float(elevation_at_ground_radius_rad(params["uav_alt_km"], _UAV_RADIUS_KM))
    )
    return [
        claim(
            "platforms-higher-covers-more",
            "A higher platform covers a larger ground radius and area and needs fewer copies to "
            "cover the Earth.",
            f"{_SURVEY}, Sec. I-A; {_COVERAGE_PAPER}, Fig. 3",
            grows["coverage_radius_km"] and grows["coverage_area_km2"] and fewer,
            f"Platforms {names} at {min_el:g} deg: coverage radius "
            + ", ".join(f"{v:.4g}" for v in c["coverage_radius_km"])
            + " km; spherical-hexagon count "
            + ", ".join(f"{math.ceil(v)}" for v in c["n_platforms_spherical_hexagon"])
            + ".",
        ),
        claim(
            "platforms-higher-costs-delay-and-loss",
            "A higher platform costs more one-way delay and free-space path loss, at nadir and "
            "at the coverage edge, and its edge user is always farther than its nadir user.",
            f"{_SURVEY}, Sec. I-A",
            all(grows[k] for k in grows if k.startswith(("delay", "fspl"))) and edge_farther,
            f"Nadir delay {', '.join(f'{v:.3g}' for v in c['delay_nadir_ms'])} ms; nadir path "
            f"loss {', '.join(f'{v:.1f}' for v in c['fspl_nadir_db'])} dB at {params['freq_ghz']:g} "
            f"GHz; GEO nadir delay {geo['delay_nadir_ms']:.6f} ms against h/c = "
            f"{geo_delay_ms:.6f} ms from the speed of light.",
        ),
        claim(
            "platforms-earth-cover-estimates-ordered",
            "At every altitude the area bound is at most the spherical-hexagon estimate, which is "
            "at most the planar-hexagon estimate of the platforms needed to cover the Earth.",
            "Study",
            ordered,
            f"{len(wide)} altitudes from {wide.index.min():g} to {wide.index.max():g} km at "
            f"{min_el:g} deg; planar/area ratio at the lowest altitude {ratio:.4f} (covering "
            f"density of the hexagonal lattice {2 * math.pi / (3 * math.sqrt(3)):.4f}).",
        ),
        claim(
            "platforms-elevation-shrinks-radius",
            "A higher minimum elevation shrinks the coverage radius at every altitude.",
            f"{_COVERAGE_PAPER}, Fig. 3",
            shrinks,
            "Curves at "
            + ", ".join(f"{e:g}" for e in elevations)
            + " deg over "
            + f"{len(by_el)} altitudes"
            + ("" if shrinks is not None else ": only one distinct elevation, nothing to compare")
            + ".",
        ),
        claim(
            "platforms-uav-radius-under-50km",
            "A low-altitude UAV's coverage radius is under 50 km.",
            f"{_SURVEY}, Sec. I-A",
            bool(uav["holds"]),
            f"{uav['computed']}; holds for a minimum elevation above {uav_switch:.2f} deg.",
        ),
        claim(
            "platforms-nsp-hundreds-of-km",
            "One near-space platform anywhere in the survey's 20-100 km band serves an area at "
            "least 200 km across (hundreds of km) at the minimum elevation.",
            f"{_SURVEY}, Sec. I-A",
            all(bool(r["holds"]) for r in nsp_rows),
            "; ".join(
                f"at {a:g} km: {r['computed']} ({r['holds_when']})"
                for a, r in zip(_NEAR_SPACE_BAND_KM, nsp_rows, strict=True)
            )
            + ".",
        ),
    ]


def _coverage_claim_claims(
    params: Params, claims: pd.DataFrame, comparison: pd.DataFrame
) -> list[Claim]:
    min_el = params["min_elevation_deg"]
    out: list[Claim] = []
    rows = {p: block for p, block in claims.groupby("project", sort=False)}

    def implied(project: str) -> str:
        block = rows[project]
        return ", ".join(
            f"{e:.2f} deg at {a:g} km"
            for a, e in zip(block["altitude_km"], block["implied_elevation_deg"], strict=True)
        )

    for project, cid, words in (
        ("Loon", "platforms-loon-radius", "Loon's 40 km coverage radius at 18-23 km"),
        ("SkyNet", "platforms-skynet-radius", "SkyNet's 100 km coverage radius at 20 km"),
    ):
        block = rows.get(project)
        worst = None if block is None else float(block["implied_elevation_deg"].min())
        out.append(
            claim(
                cid,
                f"{words} is served at the minimum elevation: its edge user sees the platform at "
                "or above it at every stated altitude.",
                f"{_SURVEY}, Table I and Sec. II",
                None if block is None else worst >= min_el,
                "No such claim in the data."
                if block is None
                else f"Implied edge elevation {implied(project)}; minimum elevation {min_el:g} deg; "
                f"holds up to a minimum elevation of {worst:.2f} deg.",
            )
        )

    xst = rows.get("X-station")
    if xst is None:
        out.append(
            claim(
                "platforms-xstation-footprint-grazing",
                "The survey's 1,000 km X-station footprint at 21 km implies an edge elevation "
                "below 1 degree: a line-of-sight footprint, not a service area.",
                f"{_SURVEY}, Table I and Sec. II-C",
                None,
                "No such claim in the data.",
            )
        )
    else:
        x = xst.iloc[0]
        el = float(x["implied_elevation_deg"])
        out.append(
            claim(
                "platforms-xstation-footprint-grazing",
                "The survey's 1,000 km X-station footprint at 21 km implies an edge elevation "
                "below 1 degree: a line-of-sight footprint, not a service area.",
                f"{_SURVEY}, Table I and Sec. II-C",
                0.0 <= el < _GRAZING_DEG,
                f"Survey: 'enabling a 1000-km-diameter coverage area' at 21 km. The 500 km edge "
                f"sees the airship {el:.3f} deg above a smooth horizon (radio horizon at "
                f"{x['horizon_radius_km']:.0f} km). As a service area at the {min_el:g} deg "
                f"minimum elevation the survey's statement "
                f"{'holds' if el >= min_el else 'fails'}: the airship serves a radius of "
                f"{x['radius_at_min_elevation_km']:.0f} km there.",
            )
        )
    beyond = list(claims.loc[claims["beyond_horizon"], "project"]) if len(claims) else []
    out.append(
        claim(
            "platforms-claims-within-horizon",
            "No coverage claim of the survey puts its edge beyond the platform's radio horizon.",
            f"{_SURVEY}, Table I",
            None if claims.empty else not beyond,
            "No coverage claims in the data."
            if claims.empty
            else "Edge radius against horizon radius: "
            + ", ".join(
                f"{r.project} @ {r.altitude_km:g} km {r.coverage_radius_km:g}/{r.horizon_radius_km:.0f} km"
                for r in claims.itertuples()
            )
            + f"; beyond the horizon: {_fmt_names(beyond)}.",
        )
    )
    if not claims.empty:
        vec = _vector_elevation_deg(
            claims["altitude_km"].to_numpy(), claims["coverage_radius_km"].to_numpy()
        )
        err = float(np.max(np.abs(vec - claims["implied_elevation_deg"].to_numpy())))
    out.append(
        claim(
            "platforms-claim-elevations-independent",
            "The elevation implied by each coverage claim agrees with an independent computation "
            "from Earth-centred vectors to within 1e-9 degree.",
            "Study",
            None if claims.empty else err < 1e-9,
            "No coverage claims in the data."
            if claims.empty
            else f"Largest difference over {len(claims)} claim rows: {err:.2e} deg.",
        )
    )
    # Radius (arccos form) and elevation at a radius (atan2 form) are inverses.
    back = np.degrees(
        np.asarray(
            elevation_at_ground_radius_rad(
                comparison["altitude_km"].to_numpy(), comparison["coverage_radius_km"].to_numpy()
            )
        )
    )
    vec_back = _vector_elevation_deg(
        comparison["altitude_km"].to_numpy(), comparison["coverage_radius_km"].to_numpy()
    )
    err_back = float(max(np.max(np.abs(back - min_el)), np.max(np.abs(vec_back - min_el))))
    out.append(
        claim(
            "platforms-radius-elevation-inverse",
            "At each platform's coverage edge (radius from the arccos form) the user sees the "
            "platform exactly at the minimum elevation, by the atan2 form and by Earth-centred "
            "vectors, to within 1e-6 degree.",
            "Study",
            err_back < 1e-6,
            f"Six platforms at {min_el:g} deg; largest deviation {err_back:.2e} deg.",
        )
    )
    return out


def _curve_rises(values: np.ndarray) -> bool:
    """Non-decreasing (within tolerance) and higher at the end, unless saturated at 1."""
    steady = bool(np.all(np.diff(values) >= -_MONO_TOL))
    return steady and (values[-1] > values[0] or values[0] >= 1.0 - _MONO_TOL)


def _haps_claims(params: Params, haps_data: pd.DataFrame) -> list[Claim]:
    model = haps_model(params)
    tier_h = model._tiers[0]
    nadir_snr_db = 10.0 * math.log10(tier_h.snr_gain_km2 / model.haps_alt_km**2)
    haps_can_cover = tier_h.cover_angle_rad > 0.0
    n_points = haps_data["n_haps"].nunique()
    out: list[Claim] = []

    # More HAPS raise coverage, for every curve where a HAPS can serve at all.
    checked, skipped, failed, spans = 0, [], [], []
    for (fad, ns), block in haps_data.groupby(["fading", "n_sats"], sort=False):
        values = block["closed_form"].to_numpy()
        label = f"{_fading_title(fad, params['nakagami_m'])}, {ns} satellites"
        if fad == "none" and not haps_can_cover:
            skipped.append(label)
            continue
        checked += 1
        spans.append(f"{label}: {values[0]:.3f} -> {values[-1]:.3f}")
        if not _curve_rises(values):
            failed.append(label)
    if n_points < 2:
        cond, why = None, "the sweep has a single number of HAPS, nothing to compare"
    elif checked == 0:
        cond, why = None, "no curve where a HAPS can serve"
    else:
        cond, why = not failed, f"not rising: {_fmt_names(failed)}"
    skip_text = (
        f" Without fading no HAPS can serve (mean SNR at nadir {nadir_snr_db:.1f} dB below the "
        f"{model.snr_threshold_db:g} dB threshold): skipped {_fmt_names(skipped)}."
        if skipped
        else ""
    )
    out.append(
        claim(
            "platforms-haps-raise-coverage",
            "Adding HAPS raises the coverage probability for every constellation size, until it "
            "saturates at 1 (closed form without fading, numerical integral with fading).",
            f"{_SURVEY}, Fig. 9(b) (after Lou et al.)",
            cond,
            f"{n_points} HAPS counts from {haps_data['n_haps'].min()} to "
            f"{haps_data['n_haps'].max()}; "
            + "; ".join(spans or ["no curve checked"])
            + f"; {why}."
            + skip_text,
        )
    )

    sats = sorted(haps_data["n_sats"].unique())
    if len(sats) < 2:
        cond, evidence = (
            None,
            f"a single constellation size ({sats[0]} satellites), nothing to compare",
        )
    else:
        wide = haps_data.pivot_table(
            index=["fading", "n_haps"], columns="n_sats", values="closed_form"
        )
        steps = wide.diff(axis=1).iloc[:, 1:]
        worst = float(steps.min().min())
        cond = worst >= -_MONO_TOL
        evidence = (
            f"Constellations {', '.join(map(str, sats))}; smallest change in coverage from one "
            f"size to the next, over every HAPS count and fading model: {worst:.2e}"
        )
    out.append(
        claim(
            "platforms-more-sats-raise-coverage",
            "A larger LEO constellation never lowers the coverage probability, at any number of HAPS.",
            f"{_SURVEY}, Fig. 9(b) (after Lou et al.)",
            cond,
            evidence + ".",
        )
    )

    n_users = int(params["n_users"])
    max_z = float(haps_data["z_score"].abs().max())
    worst_row = haps_data.loc[haps_data["z_score"].abs().idxmax()]
    few = n_users < _MIN_USERS_FOR_BAND
    out.append(
        claim(
            "platforms-mc-agrees-with-theory",
            f"The Monte Carlo coverage lies within {_Z_BAND:g} standard errors of the closed form "
            "(no fading) and of the numerical integral (fading) at every point.",
            "Study",
            None if few else max_z < _Z_BAND,
            f"{len(haps_data)} points, {n_users} users each, seed {params['seed']}; largest |z| "
            f"{max_z:.2f} (at {worst_row['n_haps']} HAPS, {worst_row['n_sats']} satellites, "
            f"{worst_row['fading']}). A {_Z_BAND:g}-standard-error band misses about 6e-5 of "
            "points by chance; the variance is floored at 1/n_users."
            + (
                f" Not applicable below {_MIN_USERS_FOR_BAND} users per point, where the normal "
                "approximation behind the band fails."
                if few
                else ""
            ),
        )
    )
    vis_se = np.sqrt(
        np.maximum(
            haps_data["p_visible_closed_form"] * (1 - haps_data["p_visible_closed_form"]),
            1.0 / n_users,
        )
        / n_users
    )
    vis_z = float(
        ((haps_data["p_visible"] - haps_data["p_visible_closed_form"]).abs() / vis_se).max()
    )
    out.append(
        claim(
            "platforms-mc-visibility-agrees",
            f"The Monte Carlo share of users who see a platform lies within {_Z_BAND:g} standard "
            "errors of the closed-form visibility probability at every point.",
            "Study",
            None if few else vis_z < _Z_BAND,
            f"{len(haps_data)} points; largest |z| {vis_z:.2f}."
            + (f" Not applicable below {_MIN_USERS_FOR_BAND} users per point." if few else ""),
        )
    )

    if params["fading"] == "none":
        cond, evidence = None, "fading is none: there is no fading curve to compare"
    else:
        wide = haps_data.pivot_table(
            index=["n_sats", "n_haps"], columns="fading", values="closed_form"
        )
        loss = wide["none"] - wide[params["fading"]]
        covered = wide["none"] > _MONO_TOL
        cond = None if not covered.any() else bool((loss[covered] >= -_MONO_TOL).all())
        gains = loss[covered & (loss < -_MONO_TOL)]
        evidence = (
            f"Largest loss {loss.max():.3f}, largest gain {max(0.0, -loss.min()):.3f} in coverage "
            f"probability from {_fading_title(params['fading'], params['nakagami_m'])}"
            + (
                f"; fading raises coverage at {len(gains)} points, where the mean SNR of the "
                "serving link falls short of the threshold and a favourable fade lifts it"
                if len(gains)
                else ""
            )
            + ("" if covered.any() else "; without fading nobody is covered, nothing to lose")
        )
    out.append(
        claim(
            "platforms-fading-costs-coverage",
            "Fading on the serving link never raises the coverage probability above the "
            "no-fading value (association on mean power: a deep fade is not rescued by a "
            "second platform).",
            "Study",
            cond,
            evidence + ".",
        )
    )
    return out


def chapter_claims(
    params: Params,
    *,
    projects: pd.DataFrame | None = None,
    comparison: pd.DataFrame | None = None,
    radius_data: pd.DataFrame | None = None,
    cover_data: pd.DataFrame | None = None,
    statements: pd.DataFrame | None = None,
    coverage_claims: pd.DataFrame | None = None,
    haps_data: pd.DataFrame | None = None,
    covering: pd.DataFrame | None = None,
) -> list[Claim]:
    """Every claim of the chapter, with its verdict under ``params``.

    The tables the notebook has already built can be passed in; any table not
    given is computed (the HAPS sweep is the only costly one).

    Parameters
    ----------
    params : mapping
        The chapter's checked parameters (:meth:`ChapterSpec.validate`).
    projects, comparison, radius_data, cover_data, statements, coverage_claims, haps_data, covering : DataFrame, optional
        The tables of :func:`sagin_lib.platforms.projects.load_nsp_projects`,
        :func:`comparison_table`, :func:`radius_table`,
        :func:`earth_cover_table`, :func:`statement_table`,
        :func:`coverage_claims_table`, :func:`haps_table` and
        :func:`covering_table`.

    Returns
    -------
    list of Claim
        In reading order; ids prefixed ``platforms-``.
    """
    params = SPEC.validate(params)
    projects = load_nsp_projects() if projects is None else projects
    comparison = comparison_table(params) if comparison is None else comparison
    radius_data = radius_table(params) if radius_data is None else radius_data
    covering = covering_table(params) if covering is None else covering
    cover_data = earth_cover_table(params, covering) if cover_data is None else cover_data
    statements = statement_table(projects, params) if statements is None else statements
    if coverage_claims is None:
        coverage_claims = coverage_claims_table(projects, params)
    haps_data = haps_table(params) if haps_data is None else haps_data
    return [
        *_table_claims(projects),
        *_environment_claims(projects),
        *_capacity_claims(projects),
        *_comparison_claims(params, comparison, radius_data, cover_data, statements),
        *_coverage_number_claims(params, projects, covering),
        *_coverage_claim_claims(params, coverage_claims, comparison),
        *_haps_claims(params, haps_data),
    ]
