"""The comparison chapter: platforms side by side, and the survey's coverage claims.

The chapter (``book/comparison.ipynb``) puts a terrestrial base station, a
UAV, a high-altitude platform and LEO, MEO and GEO satellites side by side in
the dome geometry of the coverage model: coverage radius and area, one-way
delay and free-space path loss, the number of platforms needed to cover the
Earth (bounds, estimates and coverings checked exactly) and what geostationary
satellites leave uncovered. It then checks the coverage claims of the
near-space survey (Loon, SkyNet, X-station) against that geometry.

This module declares the chapter's parameters (:data:`SPEC`) and holds its
tables (``*_table``, and formatted ones), figures (``*_figure``), prose
numbers (:func:`prose_values`) and claims (:func:`chapter_claims`). Parameters
come as the checked mapping of :meth:`ChapterSpec.bind`, in the chapter's
human units (degrees, GHz, km).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import optimize

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
from sagin_lib.platforms.projects import load_nsp_projects
from sagin_lib.platforms.sphere_covering import (
    KNOWN_MIN_COVERING_RADIUS_RAD,
    equatorial_ring_full_latitude_rad,
    equatorial_ring_uncovered_fraction,
    feasible_covering,
    largest_cap_covered_by_three_rad,
)
from sagin_lib.study.claims import Claim, claim
from sagin_lib.study.formatting import Table, format_table
from sagin_lib.study.platforms import NEAR_SPACE_BAND_KM, legend_below, names_or_none
from sagin_lib.study.sources import COVERAGE_PAPER, STUDY, SURVEY
from sagin_lib.study.spec import ChapterSpec, Constraint, Param, output_dir_param

__all__ = [
    "COVERING_ORBITS",
    "PLATFORM_NAMES",
    "SPEC",
    "assumptions_table",
    "chapter_claims",
    "comparison_table",
    "comparison_display",
    "coverage_claims_data",
    "coverage_claims_display",
    "coverage_claims_figure",
    "coverage_claims_table",
    "covering_display",
    "covering_table",
    "earth_cover_figure",
    "earth_cover_table",
    "geo_polar_figure",
    "geo_polar_table",
    "link_figure",
    "link_table",
    "platform_altitudes_km",
    "prose_values",
    "radius_elevations_deg",
    "radius_figure",
    "radius_table",
    "statement_table",
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
#: The orbits whose covering counts the chapter computes.
COVERING_ORBITS: tuple[str, ...] = ("LEO", "MEO", "GEO")

# The survey's numbers that the chapter checks (Sec. I-A, Table I and Sec. II-C).
_UAV_RADIUS_KM = 50.0
_HUNDREDS_KM = 200.0
#: The X-station navigation network: three units covering 10^6 km^2 (Table I, Sec. II-C).
_XSTATION_UNITS = 3
_XSTATION_NETWORK_KM2 = 1e6
#: Clarke's "for a world service three would be required", and four.
_GEO_COUNTS = (3, 4)
_ELEVATION_GRID_DEG = np.linspace(0.0, 60.0, 61)
_ALT_GRID_KM = np.geomspace(0.01, 40000.0, 200)
_CLARKE = (
    "A. C. Clarke, 'Extra-Terrestrial Relays', Wireless World 51(10), Oct. 1945, "
    "pp. 305-308 (not in the survey)"
)

SPEC = ChapterSpec(
    "comparison",
    (
        output_dir_param("comparison"),
        Param(
            "min_elevation_deg",
            10.0,
            "minimum elevation of a ground user",
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
        Param("freq_ghz", 2.0, "carrier frequency of the path loss", "GHz", 0.1, 100.0),
        Param("tower_height_km", 0.03, "terrestrial base station antenna height", "km", 0.005, 0.5),
        Param("uav_alt_km", 0.3, "low-altitude UAV", "km", 0.05, 5.0),
        Param("hap_alt_km", 20.0, "high-altitude platform", "km", 10.0, 100.0),
        Param("leo_alt_km", 600.0, "LEO", "km", 150.0, 2000.0),
        Param("meo_alt_km", 10000.0, "MEO", "km", 2000.0, 35000.0),
        Param("geo_alt_km", 35786.0, "GEO", "km", 30000.0, 40000.0),
    ),
    (
        Constraint(
            _ALT_PARAMS,
            "tower_height_km < uav_alt_km < hap_alt_km < leo_alt_km < meo_alt_km < geo_alt_km "
            "(the platforms in order of altitude)",
            lambda v: all(v[a] < v[b] for a, b in zip(_ALT_PARAMS, _ALT_PARAMS[1:], strict=False)),
        ),
    ),
)


# ----------------------------------------------------------------- helpers


def platform_altitudes_km(params: Params) -> dict[str, float]:
    """The six platforms of the comparison and their altitudes, km, lowest first."""
    return {name: float(params[key]) for name, key in zip(PLATFORM_NAMES, _ALT_PARAMS, strict=True)}


def _boxes_overlap(a: Any, b: Any, pad: float = 2.0) -> bool:
    return min(a.x1, b.x1) - max(a.x0, b.x0) > -pad and min(a.y1, b.y1) - max(a.y0, b.y0) > -pad


def _place_apart(
    fig: Any,
    texts: Sequence[Any],
    moves: Sequence[Callable[[Any], None]],
    inside: Any = None,
) -> None:
    """Move each text to the first of its alternative places where it overlaps no text before it.

    ``moves`` are tried in order on a text that overlaps an already placed one
    (for labels of nearby platforms) or, when ``inside`` (an axes) is given,
    reaches out of that axes; a text that fits nowhere keeps its last place.
    """
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    frame = None if inside is None else inside.get_window_extent(renderer)
    placed: list[Any] = []
    for text in texts:
        for move in (None, *moves):
            if move is not None:
                move(text)
            box = text.get_window_extent(renderer)
            out = frame is not None and (box.x0 < frame.x0 or box.x1 > frame.x1)
            if not out and not any(_boxes_overlap(box, other) for other in placed):
                break
        placed.append(text.get_window_extent(renderer))


# ----------------------------------------------------------------- side by side


def comparison_table(params: Params) -> pd.DataFrame:
    """The six platforms side by side at the minimum elevation and frequency.

    See :func:`sagin_lib.platforms.comparison.compare_platforms` for the columns.
    """
    return compare_platforms(
        math.radians(params["min_elevation_deg"]),
        params["freq_ghz"] * 1e9,
        platform_altitudes_km(params),
    )


def comparison_display(comparison: pd.DataFrame) -> Table:
    """The comparison as the chapter shows it (platform counts rounded up)."""
    cols = ["platform", "altitude_km", "coverage_radius_km", "coverage_area_km2"]
    cols += ["delay_nadir_ms", "delay_edge_ms", "fspl_nadir_db", "fspl_edge_db"]
    cols += ["n_platforms_area_bound", "n_platforms_spherical_hexagon"]
    shown = comparison[cols].assign(
        n_platforms_area_bound=lambda d: np.ceil(d["n_platforms_area_bound"]).astype(int),
        n_platforms_spherical_hexagon=lambda d: np.ceil(
            d["n_platforms_spherical_hexagon"] * (1.0 - 1e-12)
        ).astype(int),
    )
    return format_table(
        shown,
        digits=4,
        headers={
            "coverage_radius_km": "radius (km)",
            "coverage_area_km2": "area (km²)",
            "fspl_nadir_db": "path loss nadir (dB)",
            "fspl_edge_db": "path loss edge (dB)",
            "n_platforms_area_bound": "Earth cover: area bound",
            "n_platforms_spherical_hexagon": "Earth cover: hexagon",
        },
        caption="Six platforms at the chosen minimum elevation and frequency",
    )


def radius_elevations_deg(params: Params) -> list[float]:
    """The distinct minimum elevations of the coverage-radius curves, ascending."""
    return sorted({0.0, float(params["min_elevation_deg"]), float(params["high_elevation_deg"])})


def radius_table(params: Params) -> pd.DataFrame:
    """Coverage radius against altitude at 0 deg and the two chosen elevations.

    Columns ``altitude_km``, ``min_elevation_deg``, ``coverage_radius_km``
    (figure ``comparison-coverage-radius``).
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
    from matplotlib.transforms import blended_transform_factory

    fig, ax = plt.subplots(figsize=(7.0, 4.2))
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
    radii = [data["coverage_radius_km"].to_numpy()]
    if len(claims):
        radii.append(claims["coverage_radius_km"].to_numpy())
    values = np.concatenate(radii)
    low = float(values[values > 0].min()) / 2.0
    high = max(float(values.max()), _UAV_RADIUS_KM)
    # Headroom above the curves for the platform names.
    top = high * 10.0 ** (0.22 * math.log10(high / low))
    uav = params["uav_alt_km"]
    ax.plot(
        [uav, uav],
        [low, _UAV_RADIUS_KM],
        color="C3",
        lw=4,
        alpha=0.5,
        label="survey: UAV radius < 50 km",
    )
    for color, (project, block) in zip(
        ("C2", "C1", "C4", "C5", "C6"), claims.groupby("project", sort=False), strict=False
    ):
        ax.plot(
            block["altitude_km"],
            block["coverage_radius_km"],
            "D",
            ms=6,
            color=color,
            label=f"claim: {project}",
        )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylim(low, top)
    ax.set_xlabel("platform altitude (km)")
    ax.set_ylabel("coverage radius along the ground (km)")
    ax.set_title("Ground coverage radius of one platform")
    trans = blended_transform_factory(ax.transData, ax.transAxes)
    altitudes = platform_altitudes_km(params)
    # One collection of vertical lines (platforms may share an altitude to the pixel).
    ax.vlines(list(altitudes.values()), 0.0, 1.0, transform=trans, color="0.8", lw=0.8, zorder=0)
    names = [
        ax.text(h, 0.98, name, rotation=90, va="top", ha="right", color="0.3", transform=trans)
        for name, h in altitudes.items()
    ]
    legend_below(fig, ncol=3)

    def other_side(text: Any) -> None:
        text.set_ha("left")

    _place_apart(fig, names, [other_side], inside=ax)
    return fig


def link_table(comparison: pd.DataFrame) -> pd.DataFrame:
    """Slant range, delay and path loss at nadir and at the edge (``comparison-delay-fspl``)."""
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

    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(7.0, 5.0), sharex=True)
    names = list(dict.fromkeys(data["platform"]))
    x = np.arange(len(names))
    for offset, (pos, marker) in zip((-0.15, 0.15), (("nadir", "o"), ("edge", "s")), strict=True):
        block = data[data["position"] == pos]
        label = pos if pos == "nadir" else f"edge ({params['min_elevation_deg']:g}° elevation)"
        ax1.plot(x + offset, block["delay_ms"], marker, ls="none", label=label)
        ax2.plot(x + offset, block["fspl_db"], marker, ls="none")
    ax1.set_yscale("log")
    ax1.set_ylabel("one-way delay (ms)")
    ax2.set_ylabel("free-space path loss (dB)")
    ax2.set_xticks(x, names)
    ax2.set_xlabel("platform")
    ax1.set_title(
        f"One-way delay and free-space path loss at {params['freq_ghz']:g} GHz, "
        "nadir and coverage edge"
    )
    fig.tight_layout()
    legend_below(fig, ncol=2)
    return fig


_COVER_LABELS = {
    "area": "area bound",
    "planar_hexagon": "planar hexagon",
    "spherical_hexagon": "spherical hexagon",
}
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


#: The hexagon estimate's status (:func:`covering_table`) in one word.
_HEXAGON_WORDS = {
    "infeasible: below the proven lower bound": "infeasible",
    "undecided: no covering searched": "undecided",
    "below the feasible count found (not proven infeasible)": "unproven",
    "at or above the feasible count found": "feasible",
}


def covering_display(covering: pd.DataFrame) -> Table:
    """The covering counts as the chapter shows them."""
    cols = ["platform", "coverage_angle_deg", "area_bound", "proven_lower_bound"]
    cols += ["hexagon_estimate", "feasible_count", "feasible_covering_radius_deg"]
    cols += ["proven_minimum", "hexagon_status"]
    shown = covering[cols].assign(
        hexagon_status=covering["hexagon_status"]
        .map(_HEXAGON_WORDS)
        .fillna(covering["hexagon_status"])
    )
    return format_table(
        shown,
        digits={"coverage_angle_deg": 4, "feasible_covering_radius_deg": 4},
        headers={
            "coverage_angle_deg": "cap (°)",
            "proven_lower_bound": "proven bound",
            "hexagon_estimate": "hexagon",
            "feasible_count": "feasible",
            "feasible_covering_radius_deg": "its covering radius (°)",
            "proven_minimum": "minimum",
            "hexagon_status": "hexagon is",
        },
        bool_words={"proven_minimum": ("proven", "not proven")},
        missing="no covering searched at this size",
        caption="Satellites needed to cover the Earth at the chosen minimum elevation",
    )


def earth_cover_table(params: Params, covering: pd.DataFrame | None = None) -> pd.DataFrame:
    """Platforms needed to cover the Earth against altitude, three estimates and two counts.

    Columns ``altitude_km``, ``min_elevation_deg``, ``method``,
    ``n_platforms`` (figure ``comparison-earth-cover``). The three estimates
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

    fig, ax = plt.subplots(figsize=(7.0, 4.2))
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
    ax.plot(
        comparison["altitude_km"],
        comparison["n_platforms_spherical_hexagon"],
        "ko",
        ms=4,
        label="the six platforms (hexagon estimate)",
    )
    names = [
        ax.annotate(
            row["platform"],
            (row["altitude_km"], row["n_platforms_spherical_hexagon"]),
            textcoords="offset points",
            xytext=(5, 4),
        )
        for _, row in comparison.iterrows()
    ]
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("platform altitude (km)")
    ax.set_ylabel("platforms to cover the Earth")
    ax.set_title(
        f"Platforms needed for global coverage at {params['min_elevation_deg']:g}° minimum elevation"
    )
    curves = {
        label: np.log10(data.loc[data["method"] == method, "n_platforms"].to_numpy(dtype=float))
        for method, label in _COVER_LABELS.items()
    }
    pairs = [
        f"{a} and {b}"
        for i, a in enumerate(curves)
        for b in list(curves)[i + 1 :]
        if np.max(np.abs(curves[a] - curves[b])) < 0.05
    ]
    title = f"the {'; '.join(pairs)} estimates coincide (small caps)" if pairs else None
    legend_below(fig, ncol=2, title=title)

    def below_left(text: Any) -> None:
        text.set_position((-5, -6))
        text.set_ha("right")
        text.set_va("top")

    def below_right(text: Any) -> None:
        text.set_position((5, -6))
        text.set_ha("left")

    _place_apart(fig, names, [below_left, below_right])
    return fig


def statement_table(projects: pd.DataFrame, params: Params) -> pd.DataFrame:
    """The survey's general statements beside the computed numbers.

    See :func:`sagin_lib.platforms.comparison.survey_statement_checks`.
    """
    return survey_statement_checks(
        math.radians(params["min_elevation_deg"]),
        projects,
        uav_alt_km=params["uav_alt_km"],
        nsp_altitudes_km=NEAR_SPACE_BAND_KM,
    )


# ----------------------------------------------------------------- GEO and X-station


def geo_polar_table(params: Params) -> pd.DataFrame:
    """Share of the Earth that GEO satellites leave uncovered (``comparison-geo-polar-caps``).

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
        data.groupby("geo_satellites", sort=False), ["--", "-.", "-"], strict=False
    ):
        name = (
            "any number of GEO satellites (the polar caps)"
            if label == "any number"
            else (f"{label} GEO satellites, evenly spaced")
        )
        ax.plot(block["min_elevation_deg"], 100.0 * block["uncovered_fraction"], style, label=name)
    ax.axvline(
        params["min_elevation_deg"],
        color="0.3",
        ls=(0, (1, 3)),
        lw=1,
        label=f"chosen minimum elevation ({params['min_elevation_deg']:g}°)",
    )
    ax.set_xlabel("minimum elevation of a ground user (°)")
    ax.set_ylabel("share of the Earth's surface uncovered (%)")
    ax.set_title("What geostationary satellites leave uncovered")
    ax.set_ylim(0.0, None)
    legend_below(fig, ncol=2)
    return fig


def _cap_area_km2(angle_rad: Any) -> np.ndarray:
    return 4.0 * math.pi * EARTH_RADIUS_KM**2 * np.sin(0.5 * np.asarray(angle_rad)) ** 2


def _xstation_alt_km(projects: pd.DataFrame) -> float | None:
    row = projects[projects["project"] == "X-station"]
    if row.empty:
        return None
    alt = row[["altitude_min_km", "altitude_max_km"]].iloc[0].dropna()
    return None if alt.empty else float(alt.mean())


def xstation_network_table(projects: pd.DataFrame, params: Params) -> pd.DataFrame:
    """Area three X-stations can serve against the minimum elevation (``comparison-xstation-network``).

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
    ax.axvline(
        params["min_elevation_deg"],
        color="0.3",
        ls=(0, (1, 3)),
        lw=1,
        label=f"chosen minimum elevation ({params['min_elevation_deg']:g}°)",
    )
    alt = float(data["altitude_km"].iloc[0]) if len(data) else math.nan
    ax.set_yscale("log")
    ax.set_xlabel("minimum elevation of a ground user (°)")
    ax.set_ylabel("area (km²)")
    ax.set_title(f"What three X-stations at {alt:g} km can serve")
    legend_below(fig, ncol=2)
    return fig


def xstation_network_values(projects: pd.DataFrame, params: Params) -> dict[str, Any] | None:
    """The numbers behind claim ``comparison-x-station-network-area`` (None without X-station).

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


# ----------------------------------------------------------------- the coverage claims


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
    """The plotted data of figure ``comparison-claimed-radii``."""
    return claims[_CLAIM_DATA_COLUMNS]


def coverage_claims_display(claims: pd.DataFrame) -> Table:
    """The coverage claims as the chapter shows them."""
    cols = [*_CLAIM_DATA_COLUMNS[:5], "radius_at_min_elevation_km", "meets_min_elevation"]
    return format_table(
        claims[cols],
        digits={
            "implied_elevation_deg": 3,
            "horizon_radius_km": 3,
            "radius_at_min_elevation_km": 3,
        },
        headers={
            "coverage_radius_km": "claimed radius (km)",
            "implied_elevation_deg": "edge elevation (°)",
            "horizon_radius_km": "horizon (km)",
            "radius_at_min_elevation_km": "radius at min. elevation (km)",
            "meets_min_elevation": "edge at min. elevation",
        },
        bool_words={"meets_min_elevation": ("at or above", "below")},
        caption="The survey's coverage claims against the geometry",
    )


def coverage_claims_figure(claims: pd.DataFrame, params: Params) -> Any:
    """The elevation each claim implies at its edge against the minimum elevation."""
    import matplotlib.pyplot as plt

    min_el = params["min_elevation_deg"]
    fig, ax = plt.subplots(figsize=(7.0, 3.0))
    labels = [
        f"{p} @ {a:g} km" for p, a in zip(claims["project"], claims["altitude_km"], strict=True)
    ]
    ok = claims["meets_min_elevation"].to_numpy(dtype=bool)
    ax.barh(range(len(claims)), claims["implied_elevation_deg"], color=np.where(ok, "C2", "C3"))
    ax.axvline(min_el, color="0.3", ls="--", lw=1, label=f"minimum elevation {min_el:g}°")
    if min_el != 0.0:
        ax.axvline(0.0, color="k", lw=1)
    for i, v in enumerate(claims["implied_elevation_deg"]):
        ax.text(max(v, 0.0), i, f" {v:.2f}°", va="center")
    ax.barh([0], [0], color="C2", label="edge at or above it")
    ax.barh([0], [0], color="C3", label="edge below it")
    ax.set_yticks(range(len(claims)), labels)
    ax.invert_yaxis()
    right = max(float(claims["implied_elevation_deg"].max()), min_el) * 1.15 + 1.0
    ax.set_xlim(min(0.0, float(claims["implied_elevation_deg"].min()) * 1.1), right)
    ax.set_xlabel("elevation of the platform seen from the claimed coverage edge (°)")
    ax.set_ylabel("claim (project @ altitude)")
    ax.set_title("Elevation implied by each coverage claim")
    legend_below(fig, ncol=3)
    return fig


# ----------------------------------------------------------------- assumptions


def assumptions_table(params: Params) -> pd.DataFrame:
    """Every reading of a source's words the chapter's checks make, with its reason.

    Columns ``quantity``, ``value`` and ``source`` (table ``comparison-assumptions``).
    """
    rows = [
        ("coverage of one platform", "ground users that see it at least the minimum elevation "
         "up (downlink dome of the model)", "the study's model page"),
        ("coverage radius of a claim", "read along the ground (differs from the straight-line "
         "distance by < 0.1 % at these sizes)", "Table I, Sec. II-A and II-C"),
        ("'hundreds of kilometers' across", f"{_HUNDREDS_KM:g} km or more", "the plural"),
        ("X-station network", "three airships at 21 km, 10^6 km^2", "Table I, Sec. II-C"),
        ("GEO constellations", "three and four satellites, evenly spaced on the equator",
         "Clarke 1945; not in the survey"),
        ("proven covering radii", "2-6 points", "Fejes Tóth 1953; Schütte 1955"),
        ("feasible covering", "exact covering radius within the cap less 1e-9 rad",
         "floating-point margin (6 mm on the Earth)"),
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["quantity", "value", "source"])


# ----------------------------------------------------------------- prose numbers


def prose_values(
    params: Params,
    comparison: pd.DataFrame,
    claims: pd.DataFrame,
    projects: pd.DataFrame,
    covering: pd.DataFrame,
) -> dict[str, str]:
    """Every computed number the chapter's prose quotes, formatted, by glue name."""
    alpha = math.radians(params["min_elevation_deg"])
    by_platform = comparison.set_index("platform")
    bs_horizon = compare_platforms(0.0, params["freq_ghz"] * 1e9, {"x": params["tower_height_km"]})
    by = claims.set_index(["project", "altitude_km"])
    loon = by.loc["Loon", "implied_elevation_deg"]
    xst = claims.set_index("project").loc["X-station"]
    skynet = claims.set_index("project").loc["SkyNet"]
    hundreds = math.degrees(
        float(elevation_at_ground_radius_rad(NEAR_SPACE_BAND_KM[0], _HUNDREDS_KM / 2.0))
    )
    hap, geo = by_platform.loc["HAP"], by_platform.loc["GEO"]
    out = {
        "tower_m": f"{params['tower_height_km'] * 1e3:g}",
        "min_el_text": f"{params['min_elevation_deg']:g}",
        "bs_r_min": f"{comparison['coverage_radius_km'].iloc[0]:.3g}",
        "bs_r0": f"{bs_horizon['coverage_radius_km'].iloc[0]:.3g}",
        "geo_delay": f"{geo['delay_nadir_ms']:.0f}",
        "hap_delay": f"{hap['delay_nadir_ms']:.2g}",
        "hap_geo_db": f"{geo['fspl_nadir_db'] - hap['fspl_nadir_db']:.0f}",
        "loon_el_range": f"{loon.min():.0f}-{loon.max():.0f}",
        "skynet_el": f"{skynet['implied_elevation_deg']:.1f}",
        "xst_el": f"{xst['implied_elevation_deg']:.2f}",
        "xst_horizon": f"{xst['horizon_radius_km']:.0f}",
        "xst_r_min": f"{xst['radius_at_min_elevation_km']:.0f}",
        "hundreds_switch": f"{hundreds:.1f}",
        "uav_r_min": f"{float(ground_footprint(params['uav_alt_km'], alpha).arc_radius_km):.3g}",
    }
    x = xstation_network_values(projects, params)
    keys = ("xnet_el_area", "xnet_el_region", "xnet_area_min", "xnet_region_min", "xnet_horizon")
    if x is None:
        out |= dict.fromkeys(keys, "—")
    else:
        out |= {
            "xnet_el_area": f"{x['el_area_max_deg']:.2f}",
            "xnet_el_region": "—"
            if math.isnan(x["el_region_max_deg"])
            else f"{x['el_region_max_deg']:.2f}",
            "xnet_area_min": f"{x['area_at_min_km2']:,.0f}",
            "xnet_region_min": f"{x['region_at_min_km2']:,.0f}",
            "xnet_horizon": f"{x['horizon_area_km2']:,.0f}",
        }
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
        for a in NEAR_SPACE_BAND_KM
    ]
    uav_switch = math.degrees(
        float(elevation_at_ground_radius_rad(params["uav_alt_km"], _UAV_RADIUS_KM))
    )
    return [
        claim(
            "comparison-higher-covers-more",
            "Coverage is hierarchical: satellites give global coverage, near-space platforms "
            "wide-area, low-altitude UAVs local and terrestrial base stations fixed-point "
            "coverage; a higher platform covers a larger area.",
            f"{SURVEY}, Sec. I-A and III-C; {COVERAGE_PAPER}, Fig. 3",
            grows["coverage_radius_km"] and grows["coverage_area_km2"] and fewer,
            f"Platforms {names} at {min_el:g} deg: coverage radius "
            + ", ".join(f"{v:.4g}" for v in c["coverage_radius_km"])
            + " km; to cover the Earth (hexagon estimate) "
            + ", ".join(f"{math.ceil(v * (1 - 1e-12))}" for v in c["n_platforms_spherical_hexagon"])
            + ".",
            kind="source",
        ),
        claim(
            "comparison-higher-costs-delay-and-loss",
            "The latency of satellite networks is constrained by orbital altitude: a higher "
            "platform costs more one-way delay and free-space path loss.",
            f"{SURVEY}, Sec. I-A",
            all(grows[k] for k in grows if k.startswith(("delay", "fspl"))) and edge_farther,
            f"Nadir delay {', '.join(f'{v:.3g}' for v in c['delay_nadir_ms'])} ms; nadir path "
            f"loss {', '.join(f'{v:.1f}' for v in c['fspl_nadir_db'])} dB at {params['freq_ghz']:g} "
            f"GHz; both grow at the edge too, whose user is always farther than the nadir user.",
            kind="source",
        ),
        claim(
            "comparison-geo-delay-is-h-over-c",
            "The GEO nadir delay equals its altitude over the speed of light to within 1 ns.",
            STUDY,
            abs(geo["delay_nadir_ms"] - geo_delay_ms) < 1e-6,
            f"Library {geo['delay_nadir_ms']:.6f} ms against h/c = {geo_delay_ms:.6f} ms.",
            kind="check",
        ),
        claim(
            "comparison-earth-cover-estimates-ordered",
            "At every altitude the area bound is at most the spherical-hexagon estimate, which is "
            "at most the planar-hexagon estimate of the platforms needed to cover the Earth.",
            STUDY,
            ordered,
            f"{len(wide)} altitudes from {wide.index.min():g} to {wide.index.max():g} km at "
            f"{min_el:g} deg; planar/area ratio at the lowest altitude {ratio:.4f} (covering "
            f"density of the hexagonal lattice {2 * math.pi / (3 * math.sqrt(3)):.4f}).",
            kind="check",
        ),
        claim(
            "comparison-elevation-shrinks-radius",
            "Downlink domes shrink as the receiver's minimum elevation rises.",
            f"{COVERAGE_PAPER}, Sec. III-B, Fig. 3",
            shrinks,
            "Curves at "
            + ", ".join(f"{e:g}" for e in elevations)
            + f" deg over {len(by_el)} altitudes"
            + ("" if shrinks is not None else ": only one distinct elevation, nothing to compare")
            + ".",
            kind="source",
        ),
        claim(
            "comparison-uav-radius-under-50km",
            "Low-altitude UAVs have a typical coverage radius under 50 km.",
            f"{SURVEY}, Sec. I-A",
            bool(uav["holds"]),
            f"{uav['computed']}; holds for a minimum elevation above {uav_switch:.2f} deg.",
            kind="source",
        ),
        claim(
            "comparison-nsp-hundreds-of-km",
            "A single near-space platform serves 'a continuous service area with a diameter of "
            "hundreds of kilometers' (checked at 20 and 100 km, the ends of its band).",
            f"{SURVEY}, Sec. I-A",
            all(bool(r["holds"]) for r in nsp_rows),
            "; ".join(
                f"at {a:g} km: {r['computed']} ({r['holds_when']})"
                for a, r in zip(NEAR_SPACE_BAND_KM, nsp_rows, strict=True)
            )
            + f"; 'hundreds' read as {_HUNDREDS_KM:g} km or more.",
            kind="source",
        ),
    ]


def _covering_claims(params: Params, covering: pd.DataFrame) -> list[Claim]:
    min_el = params["min_elevation_deg"]
    out: list[Claim] = []
    g = geo_polar_table(params).query("min_elevation_deg == @min_el").set_index("geo_satellites")
    three = g.loc["3"]
    any_row = g.loc["any number"]
    out.append(
        claim(
            "comparison-three-geo-give-world-service",
            "'A single station could only provide coverage to half the globe, and for a world "
            "service three would be required': three geostationary satellites cover the Earth.",
            _CLARKE,
            bool(three["uncovered_fraction"] <= 0.0),
            f"GEO at {params['geo_alt_km']:g} km, {min_el:g} deg: three evenly spaced satellites "
            f"leave {100 * three['uncovered_fraction']:.2f} % of the Earth uncovered, four "
            f"{100 * g.loc['4', 'uncovered_fraction']:.2f} %; any number leaves the polar caps "
            f"beyond {any_row['coverage_angle_deg']:.2f} deg of latitude, "
            f"{100 * any_row['uncovered_fraction']:.2f} % (1 - sin phi).",
            kind="source",
        )
    )

    cov = covering.set_index("platform")
    searched = cov.dropna(subset=["feasible_count"])
    rows = []
    for name, r in cov.iterrows():
        feas = (
            "not searched"
            if pd.isna(r["feasible_count"])
            else f"feasible {r['feasible_count']:.0f}"
            + (" (the minimum)" if r["proven_minimum"] else "")
        )
        rows.append(
            f"{name} (cap {r['coverage_angle_deg']:.2f} deg): area bound {r['area_bound']:.0f}, "
            f"proven lower bound {r['proven_lower_bound']:.0f}, hexagon estimate "
            f"{r['hexagon_estimate']:.0f}, {feas}"
        )
    out.append(
        claim(
            "comparison-covering-counts",
            "For LEO, MEO and GEO the area bound never exceeds a feasible covering count checked "
            "exactly.",
            STUDY,
            None
            if searched.empty
            else bool((searched["area_bound"] <= searched["feasible_count"]).all()),
            "; ".join(rows) + ".",
            kind="check",
        )
    )

    meo = cov.loc["MEO"]
    n_hex = int(meo["hexagon_estimate"])
    phi_deg = float(meo["coverage_angle_deg"])
    known = KNOWN_MIN_COVERING_RADIUS_RAD.get(n_hex)
    cond: bool | None
    if n_hex < meo["proven_lower_bound"]:
        cond = True
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
            "comparison-meo-hexagon-estimate-infeasible",
            "At MEO the hexagon estimate asks for fewer satellites than can cover the Earth: that "
            "many caps of the MEO footprint cannot cover the sphere.",
            STUDY,
            cond,
            f"MEO at {meo['altitude_km']:g} km, {min_el:g} deg: hexagon estimate "
            f"{meo['hexagon_estimate_raw']:.3f}, rounded up {n_hex}; {known_text}; feasible count "
            + ("not searched" if pd.isna(meo["feasible_count"]) else f"{meo['feasible_count']:.0f}")
            + "."
            + ("" if cond is not None else " Neither proven infeasible nor shown feasible."),
            kind="check",
        )
    )
    return out


def _coverage_claim_claims(
    params: Params, projects: pd.DataFrame, claims: pd.DataFrame, comparison: pd.DataFrame
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
        ("Loon", "comparison-loon-radius", "Loon had 'a single-node coverage radius of 40 km' at "
         "around 18-23 km"),
        ("SkyNet", "comparison-skynet-radius", "Each SkyNet airship at 20 km covers 'a ground "
         "coverage radius of about 100 km'"),
    ):  # fmt: skip
        block = rows.get(project)
        worst = None if block is None else float(block["implied_elevation_deg"].min())
        out.append(
            claim(
                cid,
                f"{words} (served at the minimum elevation).",
                f"{SURVEY}, Table I and Sec. II-A/II-C",
                None if block is None else worst >= min_el,
                "No such claim in the data."
                if block is None
                else f"The edge user sees the platform at {implied(project)}; minimum elevation "
                f"{min_el:g} deg; holds up to a minimum elevation of {worst:.2f} deg.",
                kind="source",
            )
        )

    xst = rows.get("X-station")
    statement = (
        "X-station, hovering at 21 km, has 'a 1000-km-diameter coverage area' (served at the "
        "minimum elevation)."
    )
    where = f"{SURVEY}, Table I and Sec. II-C"
    if xst is None:
        out.append(
            claim(
                "comparison-x-station-1000-km-diameter",
                statement,
                where,
                None,
                "No such claim.",
                kind="source",
            )
        )
    else:
        x = xst.iloc[0]
        el = float(x["implied_elevation_deg"])
        out.append(
            claim(
                "comparison-x-station-1000-km-diameter",
                statement,
                where,
                el >= min_el,
                f"The 500 km edge sees the airship {el:.3f} deg above a smooth horizon (radio "
                f"horizon at {x['horizon_radius_km']:.0f} km): a grazing line-of-sight footprint. "
                f"At the {min_el:g} deg minimum elevation it serves a radius of "
                f"{x['radius_at_min_elevation_km']:.0f} km.",
                kind="source",
            )
        )

    net = xstation_network_values(projects, params)
    statement = (
        "Three X-station units 'can establish a navigation network covering 10^6 square km' "
        "(served at the minimum elevation)."
    )
    if net is None:
        out.append(
            claim(
                "comparison-x-station-network-area",
                statement,
                where,
                None,
                "No X-station altitude in the data.",
                kind="source",
            )
        )
    else:
        region = (
            "not even at the horizon"
            if math.isnan(net["el_region_max_deg"])
            else f"up to {net['el_region_max_deg']:.2f} deg"
        )
        out.append(
            claim(
                "comparison-x-station-network-area",
                statement,
                where,
                net["area_at_min_km2"] >= _XSTATION_NETWORK_KM2,
                f"At {min_el:g} deg the three caps at {net['alt_km']:g} km total "
                f"{net['area_at_min_km2']:.3g} km^2 (any arrangement). They have 10^6 km^2 "
                f"between them only up to {net['el_area_max_deg']:.2f} deg, and cover one round "
                f"region of 10^6 km^2 {region}; at the horizon they total "
                f"{net['horizon_area_km2']:.3g} km^2.",
                kind="source",
            )
        )

    beyond = list(claims.loc[claims["beyond_horizon"], "project"]) if len(claims) else []
    out.append(
        claim(
            "comparison-claims-within-horizon",
            "Every coverage claim puts its edge within the platform's radio horizon (a line of "
            "sight exists).",
            f"{STUDY}, on the survey's Table I",
            None if claims.empty else not beyond,
            "No coverage claims in the data."
            if claims.empty
            else "Claimed radius against horizon radius: "
            + ", ".join(
                f"{r.project} @ {r.altitude_km:g} km {r.coverage_radius_km:g}/"
                f"{r.horizon_radius_km:.0f} km"
                for r in claims.itertuples()
            )
            + f"; beyond the horizon: {names_or_none(beyond)}.",
            kind="check",
        )
    )
    err = math.nan
    if not claims.empty:
        vec = _vector_elevation_deg(
            claims["altitude_km"].to_numpy(), claims["coverage_radius_km"].to_numpy()
        )
        err = float(np.max(np.abs(vec - claims["implied_elevation_deg"].to_numpy())))
    out.append(
        claim(
            "comparison-claim-elevations-independent",
            "The elevation implied by each coverage claim agrees with an independent computation "
            "from Earth-centred vectors to within 1e-9 degree.",
            STUDY,
            None if claims.empty else err < 1e-9,
            "No coverage claims in the data."
            if claims.empty
            else f"Largest difference over {len(claims)} claim rows: {err:.2e} deg.",
            kind="check",
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
            "comparison-radius-elevation-inverse",
            "At each platform's coverage edge (radius from the arccos form) the user sees the "
            "platform exactly at the minimum elevation, by the atan2 form and by Earth-centred "
            "vectors, to within 1e-6 degree.",
            STUDY,
            err_back < 1e-6,
            f"Six platforms at {min_el:g} deg; largest deviation {err_back:.2e} deg.",
            kind="check",
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
    coverage_claims: pd.DataFrame | None = None,
    covering: pd.DataFrame | None = None,
) -> list[Claim]:
    """Every claim of the chapter, with its verdict under ``params``.

    The tables the notebook has already built can be passed in; any table not
    given is computed.

    Parameters
    ----------
    params : mapping
        The chapter's checked parameters (:meth:`ChapterSpec.validate`).
    projects, comparison, radius_data, cover_data, coverage_claims, covering : DataFrame, optional
        The tables of :func:`sagin_lib.platforms.projects.load_nsp_projects`,
        :func:`comparison_table`, :func:`radius_table`,
        :func:`earth_cover_table`, :func:`coverage_claims_table` and
        :func:`covering_table`.

    Returns
    -------
    list of Claim
        In reading order; ids prefixed ``comparison-``.
    """
    params = SPEC.validate(params)
    projects = load_nsp_projects() if projects is None else projects
    comparison = comparison_table(params) if comparison is None else comparison
    radius_data = radius_table(params) if radius_data is None else radius_data
    covering = covering_table(params) if covering is None else covering
    cover_data = earth_cover_table(params, covering) if cover_data is None else cover_data
    if coverage_claims is None:
        coverage_claims = coverage_claims_table(projects, params)
    statements = statement_table(projects, params)
    return [
        *_comparison_claims(params, comparison, radius_data, cover_data, statements),
        *_covering_claims(params, covering),
        *_coverage_claim_claims(params, projects, coverage_claims, comparison),
    ]
