"""The comparison chapter's claims: the platforms side by side and the survey's coverage claims."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from sagin_lib.model.constants import SPEED_OF_LIGHT_M_S
from sagin_lib.platforms.comparison import elevation_at_ground_radius_rad
from sagin_lib.platforms.projects import load_nsp_projects
from sagin_lib.platforms.sphere_covering import KNOWN_MIN_COVERING_RADIUS_RAD
from sagin_lib.study.claims import Claim, claim, returns_chapter_claims
from sagin_lib.study.platforms.compute import NEAR_SPACE_BAND_KM, names_or_none
from sagin_lib.study.sources import COVERAGE_PAPER, STUDY, SURVEY

from .compute import (
    _COVER_LABELS,
    _HUNDREDS_KM,
    _UAV_RADIUS_KM,
    _XSTATION_NETWORK_KM2,
    _vector_elevation_deg,
    comparison_table,
    coverage_claims_table,
    covering_table,
    earth_cover_table,
    geo_polar_table,
    radius_elevations_deg,
    radius_table,
    statement_table,
    xstation_network_values,
)
from .spec import SPEC, Params

__all__ = ["chapter_claims"]


_CLARKE = (
    "A. C. Clarke, 'Extra-Terrestrial Relays', Wireless World 51(10), Oct. 1945, "
    "pp. 305-308 (not in the survey)"
)


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


@returns_chapter_claims("comparison")
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

    {returns}
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
