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

from sagin_lib.model.constants import EARTH_RADIUS_KM, SPEED_OF_LIGHT_M_S
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
from sagin_lib.platforms.projects import NSP_COLUMNS, load_nsp_projects
from sagin_lib.study.claims import Claim, claim
from sagin_lib.study.spec import ChapterSpec, Constraint, Param, output_dir_param

__all__ = [
    "PLATFORM_NAMES",
    "SPEC",
    "TYPE_COLORS",
    "altitude_figure",
    "altitude_table",
    "chapter_claims",
    "comparison_table",
    "coverage_claims_figure",
    "coverage_claims_table",
    "display_table",
    "earth_cover_figure",
    "earth_cover_table",
    "endurance_figure",
    "endurance_table",
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

_SURVEY = "Near-space survey"
_COVERAGE_PAPER = "Coverage paper (Wang et al. 2024)"

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
    ``altitude_open_below``.
    """
    alt = projects.dropna(subset=["altitude_min_km", "altitude_max_km"], how="all")
    data = alt[["project", "platform_type", "altitude_min_km", "altitude_max_km"]].reset_index(
        drop=True
    )
    data["altitude_open_above"] = data["altitude_max_km"].isna()
    data["altitude_open_below"] = data["altitude_min_km"].isna()
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
            ax.annotate(
                "",
                xy=(end, i),
                xytext=(start, i),
                arrowprops={"arrowstyle": "->", "color": color, "lw": 2},
            )
            ax.plot(start, i, "o", color=color)
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


def earth_cover_table(params: Params) -> pd.DataFrame:
    """Platforms needed to cover the Earth against altitude, three estimates.

    Columns ``altitude_km``, ``min_elevation_deg``, ``method``,
    ``n_platforms`` (figure ``platforms-earth-cover``).
    """
    phi = ground_coverage_angle_rad(_ALT_GRID_KM, math.radians(params["min_elevation_deg"]))
    return pd.concat(
        [
            pd.DataFrame(
                {
                    "altitude_km": _ALT_GRID_KM,
                    "min_elevation_deg": params["min_elevation_deg"],
                    "method": method,
                    "n_platforms": platforms_to_cover_earth(phi, method),
                }
            )
            for method in _COVER_LABELS
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


# ----------------------------------------------------------------- claims


def _below_band(projects: pd.DataFrame) -> dict[str, Any]:
    top = projects["altitude_max_km"].fillna(projects["altitude_min_km"])
    low = projects["altitude_min_km"].fillna(projects["altitude_max_km"])
    known = top.notna()
    lo_km, hi_km = _NEAR_SPACE_BAND_KM
    outside = known & ((low < lo_km) | (top > hi_km))
    return {
        "outside": list(projects.loc[outside, "project"]),
        "n_known": int(known.sum()),
        "lowest": {p: float(v) for p, v in zip(projects["project"], low, strict=True) if v == v},
    }


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
            f"reach below 20 km ({lows}); verdict on the survey's band: "
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

    wide = cover_data.pivot(index="altitude_km", columns="method", values="n_platforms")
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
) -> list[Claim]:
    """Every claim of the chapter, with its verdict under ``params``.

    The tables the notebook has already built can be passed in; any table not
    given is computed (the HAPS sweep is the only costly one).

    Parameters
    ----------
    params : mapping
        The chapter's checked parameters (:meth:`ChapterSpec.validate`).
    projects, comparison, radius_data, cover_data, statements, coverage_claims, haps_data : DataFrame, optional
        The tables of :func:`sagin_lib.platforms.projects.load_nsp_projects`,
        :func:`comparison_table`, :func:`radius_table`,
        :func:`earth_cover_table`, :func:`statement_table`,
        :func:`coverage_claims_table` and :func:`haps_table`.

    Returns
    -------
    list of Claim
        In reading order; ids prefixed ``platforms-``.
    """
    params = SPEC.validate(params)
    projects = load_nsp_projects() if projects is None else projects
    comparison = comparison_table(params) if comparison is None else comparison
    radius_data = radius_table(params) if radius_data is None else radius_data
    cover_data = earth_cover_table(params) if cover_data is None else cover_data
    statements = statement_table(projects, params) if statements is None else statements
    if coverage_claims is None:
        coverage_claims = coverage_claims_table(projects, params)
    haps_data = haps_table(params) if haps_data is None else haps_data
    return [
        *_table_claims(projects),
        *_comparison_claims(params, comparison, radius_data, cover_data, statements),
        *_coverage_claim_claims(params, coverage_claims, comparison),
        *_haps_claims(params, haps_data),
    ]
