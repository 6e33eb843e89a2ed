"""Platforms side by side: ground coverage, delay, path loss, Earth-cover counts.

Every platform is treated the same way, with the downlink geometry of the
coverage model: a ground user is served by a platform at altitude ``h`` if it
sees the platform at least ``alpha`` above its horizon. By symmetry the
platform then covers the spherical cap of ground users within the central
angle ``phi = arccos(R_e cos(alpha) / (R_e + h)) - alpha`` of its nadir
(:func:`sagin_lib.model.coverage.downlink_vertex_angle_rad` with the receiver on
the ground), so

* the covered ground cap is the :class:`~sagin_lib.model.dome.Dome` of vertex
  angle ``phi`` on the Earth's surface (:func:`ground_footprint`);
* coverage radius along the ground: its arc radius ``R_e phi``;
* covered ground area: its area ``4 pi R_e^2 sin(phi/2)^2``;
* nadir distance ``h``; edge distance: the slant range at central angle ``phi``.

A terrestrial base station is handled as a platform on a 30 m tower. This is
a deliberate choice: it gives the geometric line-of-sight cell (0.17 km at
10 degrees elevation, the 19.6 km radio horizon at 0 degrees), not the
path-loss and clutter-limited radius of a real macro cell, which serves users
that see its antenna at a fraction of a degree.

The module also checks the coverage claims of the near-space survey against
this geometry (:func:`check_coverage_claims`) and sets the survey's general
statements beside the computed numbers (:func:`survey_statement_checks`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from sagin_lib._checks import (
    FloatArray,
    check_elevation,
    check_interval,
    check_nonnegative,
    check_positive,
    scalar_or_array,
)
from sagin_lib.model import constants
from sagin_lib.model._docs import GROUND_USERS_PARAMETERS, fill_doc
from sagin_lib.model.constants import DEFAULT_MIN_ELEVATION_RAD, EARTH_RADIUS_KM, UAV_ALT_KM
from sagin_lib.model.coverage import downlink_vertex_angle_rad, elevation_angle_rad, slant_range_km
from sagin_lib.model.dome import Dome
from sagin_lib.model.links import free_space_path_loss_db, propagation_delay_s
from sagin_lib.platforms.projects import altitude_band_verdicts, load_nsp_projects

__all__ = [
    "EARTH_COVER_METHODS",
    "REFERENCE_PLATFORMS",
    "TERRESTRIAL_TOWER_KM",
    "check_coverage_claims",
    "compare_platforms",
    "elevation_at_ground_radius_rad",
    "ground_coverage_angle_rad",
    "ground_footprint",
    "platforms_to_cover_earth",
    "spherical_hexagon_area_sr",
    "survey_statement_checks",
]

#: Antenna height of the terrestrial base station treated as a platform, km.
TERRESTRIAL_TOWER_KM: float = 0.03

#: The six reference platforms of the comparison and their altitudes, km.
REFERENCE_PLATFORMS: Mapping[str, float] = MappingProxyType(
    {
        "terrestrial BS": TERRESTRIAL_TOWER_KM,
        "UAV": constants.UAV_ALT_KM,
        "HAP": constants.HAP_ALT_KM,
        "LEO": constants.LEO_ALT_KM,
        "MEO": constants.MEO_ALT_KM,
        "GEO": constants.GEO_ALT_KM,
    }
)

#: Ways of counting the platforms needed to cover the Earth.
EARTH_COVER_METHODS: tuple[str, ...] = ("area", "planar_hexagon", "spherical_hexagon")


@fill_doc(ground_users=GROUND_USERS_PARAMETERS)
def ground_coverage_angle_rad(
    alt_km: ArrayLike, min_elevation_rad: ArrayLike
) -> FloatArray | np.float64:
    """Central angle of the ground cap a platform covers.

    A ground user at central angle ``psi`` from the platform's nadir sees it
    at or above ``min_elevation_rad`` exactly when ``psi <= phi`` with ``phi``
    the downlink vertex angle of a ground receiver.

    {ground_users}

    Returns
    -------
    numpy.ndarray or numpy.float64
        Central angle ``phi``, rad, in ``(0, pi/2)``.

    Raises
    ------
    ValueError
        For a non-positive altitude or an elevation outside ``[0, 90)`` degrees.
    """
    alt = check_positive("alt_km", alt_km, " km")
    alpha = check_elevation("min_elevation_rad", min_elevation_rad)
    return downlink_vertex_angle_rad(0.0, alt, alpha)


def ground_footprint(alt_km: ArrayLike, min_elevation_rad: ArrayLike) -> Dome:
    """The ground cap a platform covers: a dome on the Earth's surface below it.

    The dome of vertex angle :func:`ground_coverage_angle_rad` on the sphere
    of altitude 0, centred at the platform's nadir (the north pole). Its
    :attr:`~sagin_lib.model.dome.Dome.arc_radius_km` is the coverage radius
    along the ground, its :attr:`~sagin_lib.model.dome.Dome.area_km2` the
    covered area and its
    :attr:`~sagin_lib.model.dome.Dome.flat_disc_area_km2` the flat disc
    spanned by its rim.

    Parameters
    ----------
    alt_km, min_elevation_rad : array_like
        As for :func:`ground_coverage_angle_rad` (broadcast together).

    Returns
    -------
    Dome
        The footprint; its fields are arrays when the inputs are.

    Raises
    ------
    ValueError
        As :func:`ground_coverage_angle_rad` does.

    Examples
    --------
    >>> cap = ground_footprint(20.0, 0.0)  # a HAP seen down to the horizon
    >>> round(float(cap.arc_radius_km), 1)
    504.2
    """
    return Dome(
        tx_alt_km=0.0, vertex_angle_rad=ground_coverage_angle_rad(alt_km, min_elevation_rad)
    )


def elevation_at_ground_radius_rad(
    alt_km: ArrayLike, ground_radius_km: ArrayLike
) -> FloatArray | np.float64:
    """Elevation at which a ground user ``ground_radius_km`` from nadir sees a platform.

    The inverse of the coverage radius: the user sits at central angle
    ``psi = r / R_e`` (``r`` measured along the ground) and sees the platform
    at ``atan2(R_t cos(psi) - R_e, R_t sin(psi))``. A negative value means the
    platform is below the user's horizon: no line of sight.

    Parameters
    ----------
    alt_km : array_like
        Platform altitude, km, >= 0.
    ground_radius_km : array_like
        Ground (great-circle) distance from the nadir point, km, in
        ``(0, pi R_e]``.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Elevation, rad, in ``(-pi/2, pi/2)``.
    """
    alt = check_nonnegative("alt_km", alt_km, " km")
    radius = check_interval(
        "ground_radius_km",
        ground_radius_km,
        0.0,
        math.pi * EARTH_RADIUS_KM,
        low_closed=False,
        description=f"(0, pi * {EARTH_RADIUS_KM:g}] km",
    )
    return elevation_angle_rad(0.0, alt, radius / EARTH_RADIUS_KM)


def spherical_hexagon_area_sr(circumradius_rad: ArrayLike) -> FloatArray | np.float64:
    """Area of a regular spherical hexagon on the unit sphere, from its circumradius.

    Split the hexagon into twelve right spherical triangles with angle
    ``pi/6`` at the centre and hypotenuse ``rho`` (the circumradius). Napier's
    rule ``cos(rho) = cot(pi/6) cot(A/2)`` gives the interior angle
    ``A = 2 atan(sqrt(3) / cos(rho))``, and the spherical excess gives the
    area ``6 A - 4 pi``. For small ``rho`` this tends to the planar
    ``(3 sqrt(3) / 2) rho^2``; at ``rho = pi/2`` the hexagon is a hemisphere
    (area ``2 pi``).

    Parameters
    ----------
    circumradius_rad : array_like
        Angular circumradius, rad, in ``[0, pi/2]``.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Area, steradian.
    """
    rho = check_interval(
        "circumradius_rad", circumradius_rad, 0.0, 0.5 * math.pi, description="[0, pi/2] rad"
    )
    # 6 A - 4 pi = 12 (atan(sqrt(3) / c) - atan(sqrt(3))) with c = cos(rho);
    # the difference of arctangents is atan(sqrt(3) (1 - c) / (c + 3)), and
    # 1 - c = 2 sin(rho/2)^2 keeps its digits for small rho.
    one_minus_c = 2.0 * np.sin(0.5 * rho) ** 2
    return scalar_or_array(12.0 * np.arctan2(math.sqrt(3.0) * one_minus_c, np.cos(rho) + 3.0))


def platforms_to_cover_earth(
    coverage_angle_rad: ArrayLike, method: str = "area"
) -> FloatArray | np.float64:
    """Estimated number of platforms, each covering a cap of ``phi``, to cover the Earth.

    * ``"area"``: the area bound ``4 pi R^2 / |A| = 1 / sin(phi/2)^2``. No
      covering can use fewer caps (they would not even have the area).
    * ``"planar_hexagon"``: the caps overlap as in a hexagonal cell layout;
      each platform is credited with the hexagon inscribed in its rim, whose
      planar circumradius is the rim radius ``R sin(phi)``:
      ``4 pi R^2 / ((3 sqrt(3) / 2) R^2 sin(phi)^2)``. For small caps its
      ratio to the area bound tends to ``2 pi / (3 sqrt(3)) = 1.209``, the
      covering density of the hexagonal lattice; for large caps the flat
      hexagon badly undercounts the curved cap and the estimate is too high.
    * ``"spherical_hexagon"``: the same with the regular spherical hexagon
      inscribed in the cap (:func:`spherical_hexagon_area_sr`). It agrees
      with the planar version for small caps and gives 2 at ``phi = pi/2``
      (two hemispheres). The sphere cannot be tiled by hexagons alone, so
      this too is an estimate, not a construction.

    Counts are returned as real numbers; round up for a count of platforms.

    Parameters
    ----------
    coverage_angle_rad : array_like
        Central (half) angle of each platform's ground cap, rad, in ``(0, pi/2]``.
    method : {"area", "planar_hexagon", "spherical_hexagon"}
        Which estimate.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Number of platforms (>= 2 for the area bound and the spherical hexagon).

    Raises
    ------
    ValueError
        For an angle outside ``(0, pi/2]`` or an unknown method.
    """
    phi = check_interval(
        "coverage_angle_rad",
        coverage_angle_rad,
        0.0,
        0.5 * math.pi,
        low_closed=False,
        description="(0, pi/2] rad",
    )
    if method == "area":
        out = 1.0 / np.sin(0.5 * phi) ** 2
    elif method == "planar_hexagon":
        out = 8.0 * math.pi / (3.0 * math.sqrt(3.0) * np.sin(phi) ** 2)
    elif method == "spherical_hexagon":
        out = 4.0 * math.pi / np.asarray(spherical_hexagon_area_sr(phi))
    else:
        raise ValueError(f"method must be one of {', '.join(EARTH_COVER_METHODS)}; got {method!r}")
    return scalar_or_array(np.asarray(out, dtype=np.float64))


def compare_platforms(
    min_elevation_rad: ArrayLike,
    freq_hz: float,
    altitudes_km: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Coverage, delay, path loss and Earth-cover counts of platforms side by side.

    Parameters
    ----------
    min_elevation_rad : array_like
        Minimum elevation at the ground user, rad, in ``[0, pi/2)``; a scalar
        or a 1-D array (one block of rows per elevation).
    freq_hz : float
        Carrier frequency for the path loss, Hz, > 0.
    altitudes_km : mapping of str to float, optional
        Platform name to altitude, km, > 0. Default :data:`REFERENCE_PLATFORMS`
        (terrestrial base station on a 30 m tower, UAV, HAP, LEO, MEO, GEO).

    Returns
    -------
    pandas.DataFrame
        One row per (elevation, platform), in the given orders, with columns
        ``platform``, ``altitude_km``, ``min_elevation_deg``, ``freq_ghz``,
        ``coverage_angle_rad``, ``coverage_radius_km`` (along the ground),
        ``coverage_diameter_km``, ``coverage_area_km2`` (the dome on the
        ground), ``flat_disc_area_km2`` (the flat disc spanned by the rim),
        ``slant_range_nadir_km``, ``slant_range_edge_km``, ``delay_nadir_ms``,
        ``delay_edge_ms``, ``fspl_nadir_db``, ``fspl_edge_db``,
        ``n_platforms_area_bound``, ``n_platforms_planar_hexagon``,
        ``n_platforms_spherical_hexagon``.

    Raises
    ------
    ValueError
        For an elevation outside ``[0, 90)`` degrees, a non-positive
        frequency or altitude, or an empty mapping.
    """
    alphas = np.atleast_1d(check_elevation("min_elevation_rad", min_elevation_rad))
    if alphas.ndim != 1:
        raise ValueError("min_elevation_rad must be a scalar or a 1-D array")
    freq = float(check_positive("freq_hz", freq_hz, " Hz"))
    platforms = dict(REFERENCE_PLATFORMS if altitudes_km is None else altitudes_km)
    if not platforms:
        raise ValueError("altitudes_km must name at least one platform")
    names = list(platforms)
    alts = check_positive("altitudes_km", [platforms[n] for n in names], " km")

    alpha_grid, alt_grid = (a.ravel() for a in np.meshgrid(alphas, alts, indexing="ij"))
    cap = ground_footprint(alt_grid, alpha_grid)
    phi = np.asarray(cap.vertex_angle_rad)
    edge = np.asarray(slant_range_km(0.0, alt_grid, phi))
    radius = np.asarray(cap.arc_radius_km)
    return pd.DataFrame(
        {
            "platform": names * len(alphas),
            "altitude_km": alt_grid,
            "min_elevation_deg": np.degrees(alpha_grid),
            "freq_ghz": freq / 1e9,
            "coverage_angle_rad": phi,
            "coverage_radius_km": radius,
            "coverage_diameter_km": 2.0 * radius,
            "coverage_area_km2": cap.area_km2,
            "flat_disc_area_km2": cap.flat_disc_area_km2,
            "slant_range_nadir_km": alt_grid,
            "slant_range_edge_km": edge,
            "delay_nadir_ms": 1e3 * np.asarray(propagation_delay_s(alt_grid)),
            "delay_edge_ms": 1e3 * np.asarray(propagation_delay_s(edge)),
            "fspl_nadir_db": free_space_path_loss_db(alt_grid, freq),
            "fspl_edge_db": free_space_path_loss_db(edge, freq),
            "n_platforms_area_bound": platforms_to_cover_earth(phi, "area"),
            "n_platforms_planar_hexagon": platforms_to_cover_earth(phi, "planar_hexagon"),
            "n_platforms_spherical_hexagon": platforms_to_cover_earth(phi, "spherical_hexagon"),
        }
    )


def _claim_verdict(elevation_deg: float, reference_deg: float) -> str:
    if elevation_deg < 0.0:
        return (
            f"impossible: the claimed edge lies beyond the radio horizon "
            f"(the platform is {-elevation_deg:.2f} deg below the horizon there)"
        )
    if elevation_deg < reference_deg:
        return (
            f"geometrically possible only down to {elevation_deg:.2f} deg elevation, "
            f"below the {reference_deg:g} deg minimum elevation assumed here"
        )
    return (
        f"holds: the edge user sees the platform {elevation_deg:.1f} deg above the horizon, "
        f"above the {reference_deg:g} deg minimum elevation"
    )


def check_coverage_claims(
    projects: pd.DataFrame | None = None,
    min_elevation_rad: float = DEFAULT_MIN_ELEVATION_RAD,
) -> pd.DataFrame:
    """The elevation each coverage claim of the survey implies, and a verdict.

    For every project with a stated altitude and a stated coverage radius,
    the user at the claimed edge (``coverage_radius_km`` along the ground from
    the nadir point) sees the platform at
    :func:`elevation_at_ground_radius_rad`. The claim is impossible if that
    elevation is negative (the edge is beyond the radio horizon), marginal if
    it is below ``min_elevation_rad``, and holds otherwise. A stated altitude
    range (Loon, 18-23 km) gives one row per end of the range; an open-ended
    altitude ("exceeds 18 km") is checked at its stated bound.

    Parameters
    ----------
    projects : pandas.DataFrame, optional
        Table as returned by :func:`sagin_lib.platforms.projects.load_nsp_projects`
        (the default).
    min_elevation_rad : float, optional
        Reference minimum elevation for the verdict, rad, in ``[0, pi/2)``.
        Default 10 degrees.

    Returns
    -------
    pandas.DataFrame
        Columns ``project``, ``coverage_claim``, ``altitude_km``,
        ``coverage_radius_km``, ``central_angle_rad``,
        ``implied_elevation_deg``, ``horizon_radius_km`` (radius at 0 deg),
        ``radius_at_min_elevation_km``, ``edge_slant_range_km``,
        ``beyond_horizon``, ``meets_min_elevation``, ``verdict``.
    """
    ref = float(check_elevation("min_elevation_rad", min_elevation_rad))
    table = load_nsp_projects() if projects is None else projects
    rows = []
    for _, p in table.iterrows():
        radius = p["coverage_radius_km"]
        if pd.isna(radius):
            continue
        alts = [a for a in (p["altitude_min_km"], p["altitude_max_km"]) if not pd.isna(a)]
        for alt in sorted(set(alts)):
            el = float(elevation_at_ground_radius_rad(alt, radius))
            psi = radius / EARTH_RADIUS_KM
            el_deg = math.degrees(el)
            rows.append(
                {
                    "project": p["project"],
                    "coverage_claim": p["coverage_claim"],
                    "altitude_km": float(alt),
                    "coverage_radius_km": float(radius),
                    "central_angle_rad": psi,
                    "implied_elevation_deg": el_deg,
                    "horizon_radius_km": float(ground_footprint(alt, 0.0).arc_radius_km),
                    "radius_at_min_elevation_km": float(ground_footprint(alt, ref).arc_radius_km),
                    "edge_slant_range_km": float(slant_range_km(0.0, alt, psi)),
                    "beyond_horizon": el < 0.0,
                    "meets_min_elevation": el >= ref,
                    "verdict": _claim_verdict(el_deg, math.degrees(ref)),
                }
            )
    return pd.DataFrame(rows)


def survey_statement_checks(
    min_elevation_rad: float = DEFAULT_MIN_ELEVATION_RAD,
    projects: pd.DataFrame | None = None,
    uav_alt_km: float = UAV_ALT_KM,
    nsp_altitudes_km: tuple[float, ...] = (20.0, 100.0),
) -> pd.DataFrame:
    """The survey's general platform statements beside the computed numbers.

    Geometric statements (coverage radius of low-altitude UAVs under 50 km;
    a near-space platform serving an area hundreds of km across) are
    evaluated at ``min_elevation_rad`` together with the elevation at which
    each stops holding. Statements about the projects (near-space band of
    20-100 km, judged by
    :func:`~sagin_lib.platforms.projects.altitude_band_verdicts` so that a
    one-sided altitude is undetermined; endurance and payload beyond the UAV
    limits of 4 h and 20 kg, solar UAV payloads under 200 kg, airships longer
    than 100 m) are checked against the Table I data set.

    Parameters
    ----------
    min_elevation_rad : float, optional
        Minimum elevation at the ground user, rad, in ``[0, pi/2)``. Default 10 degrees.
    projects : pandas.DataFrame, optional
        Table from :func:`sagin_lib.platforms.projects.load_nsp_projects` (the default).
    uav_alt_km : float, optional
        Altitude of the low-altitude UAV, km, > 0. Default 0.3 km.
    nsp_altitudes_km : tuple of float, optional
        Near-space platform altitudes at which the "hundreds of km" statement
        is checked, km, > 0. Default the two ends of the survey's band, 20 and
        100 km.

    Returns
    -------
    pandas.DataFrame
        Columns ``statement``, ``where`` (section of the survey), ``computed``
        (the number or the exceptions, in words), ``holds`` (bool),
        ``holds_when`` (the condition on the elevation, or "data").
    """
    alpha = float(check_elevation("min_elevation_rad", min_elevation_rad))
    uav_alt = float(check_positive("uav_alt_km", uav_alt_km, " km"))
    nsp_alts = [
        float(a) for a in np.atleast_1d(check_positive("nsp_altitudes_km", nsp_altitudes_km, " km"))
    ]
    table = load_nsp_projects() if projects is None else projects
    deg = math.degrees(alpha)
    rows = []

    uav_r = float(ground_footprint(uav_alt, alpha).arc_radius_km)
    uav_switch = math.degrees(float(elevation_at_ground_radius_rad(uav_alt, 50.0)))
    rows.append(
        {
            "statement": "low-altitude UAV coverage radius under 50 km",
            "where": "Sec. I-A",
            "computed": f"{uav_r:.2f} km at {uav_alt:g} km altitude and {deg:g} deg",
            "holds": uav_r < 50.0,
            "holds_when": f"min elevation > {uav_switch:.2f} deg",
        }
    )
    for alt in nsp_alts:
        d = 2.0 * float(ground_footprint(alt, alpha).arc_radius_km)
        switch = math.degrees(float(elevation_at_ground_radius_rad(alt, 100.0)))
        rows.append(
            {
                "statement": f"one NSP at {alt:g} km serves an area hundreds of km across",
                "where": "Sec. I-A",
                "computed": f"diameter {d:.0f} km at {deg:g} deg",
                "holds": d >= 200.0,
                "holds_when": f"min elevation <= {switch:.2f} deg",
            }
        )

    def _names(mask: pd.Series) -> str:
        names = list(table.loc[mask, "project"])
        return ", ".join(names) if names else "none"

    band = altitude_band_verdicts(table, 20.0, 100.0)["band_verdict"]
    below = pd.Series(band.eq("reaches below the band").to_numpy(), index=table.index)
    above = pd.Series(band.eq("reaches above the band").to_numpy(), index=table.index)
    open_ended = pd.Series(band.eq("undetermined").to_numpy(), index=table.index)
    rows.append(
        {
            "statement": "NSPs operate 20-100 km above the surface",
            "where": "Sec. I-A",
            "computed": f"partly or wholly below 20 km: {_names(below)}; above 100 km: "
            f"{_names(above)}; undetermined (one-sided altitude): {_names(open_ended)}",
            "holds": not (below.any() or above.any()),
            "holds_when": "data",
        }
    )
    short = table["endurance_days"].notna() & (table["endurance_days"] * 24.0 <= 4.0)
    rows.append(
        {
            "statement": "NSP endurance beyond the 4 h of low-altitude UAVs",
            "where": "Sec. I-A, Table I",
            "computed": f"projects at or under 4 h: {_names(short)}",
            "holds": not short.any(),
            "holds_when": "data",
        }
    )
    light = table["payload_kg"].notna() & (table["payload_kg"] < 20.0)
    rows.append(
        {
            "statement": "NSP payload beyond the 20 kg of low-altitude UAVs",
            "where": "Sec. I-A, Table I",
            "computed": f"projects under 20 kg: {_names(light)}",
            "holds": not light.any(),
            "holds_when": "data",
        }
    )
    solar = table["platform_type"].eq("solar UAV")
    heavy = solar & table["payload_kg"].notna() & (table["payload_kg"] >= 200.0)
    rows.append(
        {
            "statement": "solar-powered UAV payloads typically below 200 kg",
            "where": "Sec. II",
            "computed": f"solar UAVs with a stated payload: {_names(solar & table['payload_kg'].notna())}; "
            f"at or above 200 kg: {_names(heavy)}",
            "holds": not heavy.any(),
            "holds_when": "data",
        }
    )
    airship = table["platform_type"].eq("airship") & table["size_m"].notna()
    short_ship = airship & (table["size_m"] <= 100.0)
    rows.append(
        {
            "statement": "stratospheric airships exceed 100 m in length",
            "where": "Sec. II",
            "computed": f"airships with a stated length: {_names(airship)}; "
            f"at or under 100 m: {_names(short_ship)}",
            "holds": not short_ship.any(),
            "holds_when": "data",
        }
    )
    return pd.DataFrame(rows)
