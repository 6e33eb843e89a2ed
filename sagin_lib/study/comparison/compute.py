"""The comparison chapter's computations: platforms side by side, covering the Earth, GEO's gap.

Pure functions of the checked parameters that return the tidy data behind
each figure and the numbers the claims and the prose read.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from scipy import optimize

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.platforms.comparison import (
    check_coverage_claims,
    compare_platforms,
    elevation_at_ground_radius_rad,
    ground_coverage_angle_rad,
    ground_footprint,
    platforms_to_cover_earth,
    survey_statement_checks,
)
from sagin_lib.platforms.sphere_covering import (
    equatorial_ring_full_latitude_rad,
    equatorial_ring_uncovered_fraction,
    feasible_covering,
    largest_cap_covered_by_three_rad,
)
from sagin_lib.study.platforms.compute import NEAR_SPACE_BAND_KM

from .spec import _ALT_PARAMS, PLATFORM_NAMES, Params

__all__ = [
    "COVERING_ORBITS",
    "comparison_table",
    "coverage_claims_data",
    "coverage_claims_table",
    "covering_table",
    "earth_cover_table",
    "geo_polar_table",
    "link_table",
    "platform_altitudes_km",
    "radius_elevations_deg",
    "radius_table",
    "statement_table",
    "xstation_network_table",
    "xstation_network_values",
]


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


def platform_altitudes_km(params: Params) -> dict[str, float]:
    """The six platforms of the comparison and their altitudes, km, lowest first."""
    return {name: float(params[key]) for name, key in zip(PLATFORM_NAMES, _ALT_PARAMS, strict=True)}


def comparison_table(params: Params) -> pd.DataFrame:
    """The six platforms side by side at the minimum elevation and frequency.

    See :func:`sagin_lib.platforms.comparison.compare_platforms` for the columns.
    """
    return compare_platforms(
        math.radians(params["min_elevation_deg"]),
        params["freq_ghz"] * 1e9,
        platform_altitudes_km(params),
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
