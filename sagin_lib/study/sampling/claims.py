"""The sampling chapter's claims: the paper's statements about Algorithm 1 and Fig. 4, and the study's checks."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from sagin_lib.sampling.scenes import (
    DownlinkScene,
    UplinkScene,
)
from sagin_lib.study.claims import Claim, claim

from .compute import (
    COINCIDE_SHARE,
    DEMO_SAMPLERS,
    ELEVATION_VARIED,
    _coincidence_bound,
    _inner_area_share,
    _share_at,
    aerial_elevation_table,
    lambda_star_per_km2,
)
from .spec import PAPER, STUDY, _cap_km2

__all__ = [
    "aerial_min_elevation_claim",
    "g2a_transmitters_claim",
    "chapter_claims",
    "demo_claims",
    "downlink_claims",
    "relay_claims",
    "uplink_claims",
]


#: Where the study's own checks of Algorithm 1 come from.
ALGORITHM_CHECK = f"{STUDY}; {PAPER}, Sec. IV-A, Algorithm 1"
#: Where the study's own checks of the relaying count come from.
RELAY_CHECK = f"{STUDY}; the relaying count of the {PAPER}, Sec. IV-B, Fig. 4(a)"

#: Monte Carlo bands, in standard errors (a correct sampler leaves a 4-sigma band
#: with probability below 1e-4 at a fixed seed).
N_SIGMA = 4.0
#: "Slightly larger": the G2S dome exceeds the A2S dome by less than this fraction.
SLIGHT_EXCESS = 0.10
#: "Tiny": the G2A dome is smaller than this fraction of the A2S dome.
TINY_FRACTION = 1e-3
#: Relays whose G2A dome straddles the G2S rim may reach slightly beyond it.
RELAY_RIM_ALLOWANCE = 0.10


def demo_claims(table: pd.DataFrame, vertex_angle_rad: float) -> list[Claim]:
    """The two sampler claims: the right share inside ``phi/2``, and the wrong sampler's crowding.

    The number of points inside half the vertex angle is binomial: its share
    has standard error ``sqrt(p (1 - p) / n)`` with ``p`` the area share of the
    inner dome. The area-uniform share must lie within 4 standard errors of
    ``p``; the polar-uniform share (whose expectation is exactly 1/2) must
    exceed ``p`` by more than 4 standard errors. When the expected excess
    ``1/2 - p`` is below 8 standard errors, too few points are drawn for the
    test to tell the samplers apart, and the second claim is not applicable.
    """
    p = _inner_area_share(vertex_angle_rad)
    share = {
        name: float((table.loc[table["sampler"] == name, "area_fraction"] <= p).mean())
        for name in DEMO_SAMPLERS
    }
    n = int((table["sampler"] == DEMO_SAMPLERS[0]).sum())
    se = math.sqrt(p * (1 - p) / n)
    angle = f"{math.degrees(vertex_angle_rad):g}-degree dome"
    right, wrong = share[DEMO_SAMPLERS[0]], share[DEMO_SAMPLERS[1]]
    excess = 0.5 - p
    powered = excess > 2 * N_SIGMA * se
    return [
        claim(
            "sampling-area-uniform-share",
            "The area-uniform sampler (cos theta uniform on [cos phi, 1]) puts the area share "
            "of its points inside half the vertex angle, within 4 binomial standard errors.",
            ALGORITHM_CHECK,
            abs(right - p) <= N_SIGMA * se,
            f"{right:.4f} of {n:,} points inside phi/2 on a {angle}, against an area share of "
            f"{p:.4f}; the band is 4 binomial standard errors ({N_SIGMA * se:.4f}).",
            kind="check",
        ),
        claim(
            "sampling-polar-uniform-crowds-centre",
            "The polar-uniform sampler (theta uniform on [0, phi], the tempting error) puts "
            "more than the area share of its points inside half the vertex angle, by more than "
            "4 binomial standard errors: it crowds the dome centre.",
            ALGORITHM_CHECK,
            (wrong - p > N_SIGMA * se) if powered else None,
            f"{wrong:.4f} of {n:,} points inside phi/2 on a {angle}, against an area share of "
            f"{p:.4f} (this sampler's expectation is 0.5); "
            + (
                f"4 binomial standard errors are {N_SIGMA * se:.4f}."
                if powered
                else f"the expected excess {excess:.4f} is below 8 standard errors "
                f"({2 * N_SIGMA * se:.4f}): too few points, or a dome too wide, to tell the "
                "samplers apart by this share."
            ),
            kind="check",
        ),
    ]


def _poisson_check(label: str, count: float, mean: float) -> tuple[bool, str]:
    ok = abs(count - mean) <= N_SIGMA * math.sqrt(mean) + 1.0
    return ok, f"{label}: {count:,.0f} (mean {mean:,.4g})"


def _relay_links_variance(up: UplinkScene, lam_g: float, lam_a: float, air_alt_km: float) -> float:
    """Approximate variance of the relayed-link count of one scene.

    With ``m_a = lam_a |A2S|`` covered aerial vehicles (Poisson), each with
    ``lam_g |G2A|`` ground nodes on average, and ``mu = lam_a |G2A'|`` aerial
    vehicles hearing a given ground node (G2A cap on the aerial sphere),
    ``Var = m_a lam_g |G2A| (1 + lam_g |G2A| + mu)`` (compound Poisson, rim
    effects neglected).
    """
    g2a, a2s = up.domes["G2A"], up.domes["A2S"]
    per_air = lam_g * g2a.area_km2
    mu = lam_a * _cap_km2(air_alt_km, g2a.vertex_angle_rad)
    return lam_a * a2s.area_km2 * per_air * (1.0 + per_air + mu)


def uplink_claims(up: UplinkScene, params: Mapping[str, Any]) -> list[Claim]:
    """Claims of Fig. 4(a): counts against their means, the G2A dome tiny, G2S slightly above A2S."""
    g2s, a2s, g2a = (up.domes[k] for k in ("G2S", "A2S", "G2A"))
    counts = up.counts.set_index("quantity")
    lam_g, lam_a = params["ground_density_per_km2"], params["air_density_per_km2"]
    checks = [
        _poisson_check(
            "ground nodes in G2S",
            counts.at["ground nodes in the G2S dome", "count"],
            lam_g * g2s.area_km2,
        ),
        _poisson_check(
            "aerial vehicles in A2S",
            counts.at["aerial vehicles in the A2S dome", "count"],
            lam_a * a2s.area_km2,
        ),
    ]
    links = float(counts.at["relayed links ground-air-satellite", "count"])
    links_mean = float(counts.at["relayed links ground-air-satellite", "expected_count"])
    links_sd = math.sqrt(_relay_links_variance(up, lam_g, lam_a, params["air_alt_km"]))
    checks.append(
        (
            abs(links - links_mean) <= N_SIGMA * links_sd + 1.0,
            f"relayed links: {links:,.0f} (mean {links_mean:.4g}, sd {links_sd:.3g})",
        )
    )
    excess = g2s.area_km2 / a2s.area_km2 - 1.0
    ratio = g2a.area_km2 / a2s.area_km2
    return [
        claim(
            "sampling-uplink-counts-agree",
            "The counts of Fig. 4(a) (ground nodes in the G2S dome, aerial vehicles in the A2S "
            "dome, relayed links) agree with their means within 4 standard deviations plus one "
            "node.",
            f"{STUDY}; {PAPER}, Sec. IV-B, Fig. 4(a)",
            all(ok for ok, _ in checks),
            "; ".join(text for _, text in checks)
            + ". Poisson standard deviations; the compound variance for the links.",
            kind="check",
        ),
        claim(
            "sampling-g2a-dome-tiny",
            "An aerial vehicle's coverage region on the ground (G2A) is much smaller than the "
            "satellite's (read here: below a thousandth of the A2S dome's area).",
            f"{PAPER}, Sec. IV-B, Fig. 4(a)",
            ratio < TINY_FRACTION,
            f"G2A {g2a.area_km2:.4g} km^2 against A2S {a2s.area_km2:.4g} km^2: a ratio of "
            f"{ratio:.3g}.",
            kind="source",
        ),
        claim(
            "sampling-g2s-slightly-larger-than-a2s",
            "The satellite's G2S dome on the ground is slightly larger than its A2S dome on the "
            "air layer (read here: by less than 10 % of the area).",
            f"{PAPER}, Sec. IV-B, Fig. 4(a) (and Sec. III-B for G2S against A2S)",
            0.0 < excess < SLIGHT_EXCESS,
            f"G2S {g2s.area_km2:,.6g} km^2 against A2S {a2s.area_km2:,.6g} km^2: larger by "
            f"{100 * excess:.3g} %.",
            kind="source",
        ),
    ]


def relay_claims(sweep: pd.DataFrame, up: UplinkScene, params: Mapping[str, Any]) -> list[Claim]:
    """Claims of the relaying sweep: Monte Carlo against the closed form, the threshold, the bound.

    Each Monte Carlo mean of ``n`` scenes is compared with its exact mean
    within 4 standard errors, taking the larger of the sample standard error
    (when ``n >= 2``) and the model's (compound Poisson variance over ``n``),
    plus one link over ``n`` for the discreteness of small counts.
    """
    n = int(params["relay_realisations"])
    lam_g, air_alt = params["ground_density_per_km2"], params["air_alt_km"]
    lam_star = lambda_star_per_km2(up)
    dens = sweep["air_density_per_km2"].to_numpy()
    model_se = np.array([math.sqrt(_relay_links_variance(up, lam_g, d, air_alt) / n) for d in dens])
    sample_se = np.nan_to_num(sweep["relay_links_se"].to_numpy(), nan=0.0)
    se = np.maximum(model_se, sample_se)
    gap = (sweep["relay_links_mean"] - sweep["relay_links_theory"]).abs().to_numpy()
    agree = gap <= N_SIGMA * se + 1.0 / n
    worst = int(np.argmax(gap / (N_SIGMA * se + 1.0 / n)))

    direct = sweep["direct_count_theory"].to_numpy()
    direct_mc = sweep["direct_count_mean"].to_numpy()
    links_mc = sweep["relay_links_mean"].to_numpy()
    spread = N_SIGMA * np.hypot(se, np.sqrt(direct / n)) + 1.0 / n
    clear = np.abs(links_mc - direct_mc) > spread
    wins = links_mc > direct_mc
    above = dens > lam_star
    consistent = wins[clear] == above[clear]

    relayed = sweep["relayed_ground_nodes_mean"].to_numpy()
    limit = (1 + RELAY_RIM_ALLOWANCE) * direct_mc + N_SIGMA * np.sqrt(direct / n) + 1.0 / n
    bounded = relayed <= limit
    worst_b = int(np.argmax(relayed - limit))
    return [
        claim(
            "sampling-relay-links-agree",
            "The Monte Carlo mean of the relayed links agrees with its closed form "
            "lambda_a |A_A2S| lambda_g |A_G2A| within 4 standard errors at every aerial density "
            "of the sweep.",
            RELAY_CHECK,
            bool(agree.all()),
            f"{int(agree.sum())} of {len(dens)} densities within 4 standard errors ({n} scenes "
            f"each); the farthest at {dens[worst]:g} per km^2: {links_mc[worst]:.4g} against "
            f"{sweep['relay_links_theory'].iloc[worst]:.4g} (standard error {se[worst]:.3g}).",
            kind="check",
        ),
        claim(
            "sampling-relay-wins-above-threshold",
            "Relayed links outnumber the direct G2S nodes exactly when the aerial density "
            "exceeds lambda_a* = |A_G2S| / (|A_A2S| |A_G2A|).",
            RELAY_CHECK,
            bool(consistent.all()) if clear.any() else None,
            f"lambda_a* = {lam_star:.4g} per km^2. "
            + (
                f"At {int(clear.sum())} of {len(dens)} densities the Monte Carlo links and the "
                f"direct count differ by more than 4 standard errors; the larger one is on the "
                f"side of lambda_a* predicted at {int(consistent.sum())} of them."
                if clear.any()
                else "No density of the sweep separates the Monte Carlo links from the direct "
                "count by more than 4 standard errors, so the threshold is not tested."
            ),
            kind="check",
        ),
        claim(
            "sampling-relayed-nodes-bounded",
            "The distinct ground nodes reached through an aerial relay never outnumber the "
            "ground nodes under the satellite (allowing 10 % for relays straddling the G2S rim, "
            "plus 4 Poisson standard errors).",
            RELAY_CHECK,
            bool(bounded.all()),
            f"Closest to the bound: {relayed[worst_b]:.4g} distinct relayed nodes against "
            f"{direct_mc[worst_b]:.4g} direct (Monte Carlo means) at {dens[worst_b]:g} per "
            "km^2.",
            kind="check",
        ),
    ]


def downlink_claims(down: DownlinkScene, params: Mapping[str, Any]) -> list[Claim]:
    """Claims of Fig. 4(b): counts against their means, the S2A domes nearly coincide."""
    counts = down.counts.set_index("quantity")
    rows = (
        ("satellites on the shell", "satellites on the shell"),
        ("satellites visible from the user (S2G)", "satellites in S2G"),
        ("aerial vehicles visible from the user (A2G)", "aerial vehicles in A2G"),
    )
    checks = [
        _poisson_check(label, float(counts.at[q, "count"]), float(counts.at[q, "expected_count"]))
        for q, label in rows
    ]
    bound = _coincidence_bound(down)
    n_air = int(down.air_visible_user.sum())
    seen = down.sat_visible_air
    realised = ""
    if n_air >= 2 and seen.any():
        all_seen, any_seen = int(seen.all(axis=0).sum()), int(seen.any(axis=0).sum())
        realised = (
            f" In this realisation {all_seen} of the {any_seen} satellites seen by any of the "
            f"{n_air} aerial vehicles are seen by all ({all_seen / any_seen:.0%})."
        )
    has_air = params["air_density_per_km2"] > 0
    s2a, a2g = down.domes["S2A"], down.domes["A2G"]
    return [
        claim(
            "sampling-downlink-counts-agree",
            "The counts of Fig. 4(b) (satellites on the shell, satellites in the user's S2G "
            "dome, aerial vehicles in its A2G dome) agree with their Poisson means within 4 "
            "standard deviations plus one node.",
            f"{STUDY}; {PAPER}, Sec. IV-B, Fig. 4(b)",
            all(ok for ok, _ in checks),
            "; ".join(text for _, text in checks) + ".",
            kind="check",
        ),
        claim(
            "sampling-s2a-domes-nearly-coincide",
            "The space-layer coverage regions (S2A domes) of the aerial vehicles around a ground "
            "user nearly coincide, since (i) the aerial vehicles are nearly a point next to "
            "their distance to the satellites (read here: the common part of the domes holds at "
            "least 70 % of their union).",
            f"{PAPER}, Sec. IV-B, Fig. 4(b)",
            bound >= COINCIDE_SHARE if has_air else None,
            (
                f"S2A dome {math.degrees(s2a.vertex_angle_rad):.3g} deg, A2G dome "
                f"{math.degrees(a2g.vertex_angle_rad):.3g} deg: the common part holds at least "
                f"{bound:.0%} of the union (geometric bound).{realised}"
            )
            if has_air
            else "No aerial vehicles (aerial density 0): there are no S2A domes to compare.",
            kind="source",
        ),
    ]


def g2a_transmitters_claim(up: UplinkScene, params: Mapping[str, Any]) -> Claim:
    """The relaying remark of Fig. 4(a): the small G2A dome "can support ... even more transmitters".

    Under this page's densities the expected numbers are ``lambda_g |G2S|``
    ground transmitters under the satellite, ``lambda_g |G2A|`` in one aerial
    vehicle's G2A dome, ``lambda_a |A2S|`` aerial vehicles under the satellite
    and ``lambda_a |A2S| lambda_g |G2A|`` relayed links (the paper's
    ground-to-air-to-satellite count). The remark holds when one G2A dome, or
    the relayed count, reaches the direct G2S count; with the same ground
    density on both paths that happens only above the aerial density
    ``lambda_a*``. Not applicable without ground transmitters.
    """
    g2s, a2s, g2a = (up.domes[k].area_km2 for k in ("G2S", "A2S", "G2A"))
    lam_g, lam_a = params["ground_density_per_km2"], params["air_density_per_km2"]
    direct, per_g2a = lam_g * g2s, lam_g * g2a
    n_air = lam_a * a2s
    relayed = n_air * per_g2a
    lam_star = lambda_star_per_km2(up)
    supports = per_g2a >= direct or relayed >= direct
    if lam_g > 0:
        evidence = (
            f"Expected counts at {lam_g:g} ground and {lam_a:g} aerial transmitters per km^2: "
            f"{per_g2a:.3g} in one G2A dome (of {g2a:.4g} km²) against {direct:.4g} in the "
            f"satellite's G2S dome (of {g2s:.4g} km²); counted as the paper counts them, the "
            f"{n_air:.4g} aerial vehicles of the A2S dome relay {relayed:.4g} links, "
            f"{relayed / direct:.3g} of the direct count. The relayed count reaches the direct "
            f"one only above lambda_a* = {lam_star:.4g} per km^2 ("
            + (f"{lam_star / lam_a:.3g} times this density" if lam_a > 0 else
               "no aerial vehicles here")
            + f"); one G2A dome would need a ground density {g2s / g2a:.3g} times higher under "
            "the aerial vehicle."
        )  # fmt: skip
    else:
        evidence = "No ground transmitters (ground density 0): there is nothing to support."
    return claim(
        "sampling-g2a-supports-more-transmitters",
        "An aerial vehicle's G2A dome, though much smaller than the satellite's G2S dome, "
        '"can support the equal and even more transmitters": the aerial vehicles in the A2S '
        "dome times the ground transmitters in one G2A dome reach at least the direct "
        "ground-to-satellite count.",
        f"{PAPER}, Sec. IV-B, Fig. 4(a)",
        supports if lam_g > 0 else None,
        evidence,
        kind="source",
    )


def aerial_min_elevation_claim(table: pd.DataFrame, params: Mapping[str, Any]) -> Claim:
    """Reason (ii) of Fig. 4(b): a large minimum elevation at the aerial receivers, computed.

    The paper's reason holds when the share of the S2A domes' union common to
    all of them does not fall as the aerial receivers' minimum elevation rises
    (the ground user's fixed at ``min_elevation_deg``); not applicable when the
    domes share no point even at 0 deg.
    """
    by = {v: rows for v, rows in table.groupby("varied", sort=False)}
    aerial = by[ELEVATION_VARIED[0]]["common_share"].to_numpy()
    here = float(params["min_elevation_deg"])
    applicable = aerial[0] > 0
    falls = bool(np.all(np.diff(aerial) <= 0) and aerial[-1] < aerial[0])
    zero_from = by[ELEVATION_VARIED[0]].loc[
        by[ELEVATION_VARIED[0]]["common_share"] <= 0, "swept_min_elev_deg"
    ]

    def line(varied: str) -> str:
        rows = by[varied]
        return (
            f"{_share_at(rows, 0.0):.0%} at 0 deg, {_share_at(rows, here):.0%} at {here:g} deg, "
            f"{_share_at(rows, 60.0):.0%} at 60 deg"
        )

    rises = not falls
    return claim(
        "sampling-aerial-min-elevation",
        'Reason (ii) for the nearly coinciding S2A domes of Fig. 4(b): "the large elevation '
        'angle chosen in aerial vehicles", i.e. a larger minimum elevation at the aerial '
        "receivers makes their S2A domes coincide more.",
        f"{PAPER}, Sec. IV-B, Fig. 4(b)",
        rises if applicable else None,
        (
            f"Share of the union of the S2A domes common to all of them, for aerial vehicles "
            f"within the user's A2G dome (LEO {params['leo_alt_km']:g} km, aerial layer "
            f"{params['air_alt_km']:g} km). Raising the aerial receivers' minimum elevation "
            f"(the user's at {here:g} deg) shrinks their S2A domes while their spread stays: "
            f"{line(ELEVATION_VARIED[0])}"
            + (f" (none from {zero_from.iloc[0]:g} deg)" if len(zero_from) else "")
            + f". Raising the user's instead shrinks the spread (its A2G dome): "
            f"{line(ELEVATION_VARIED[1])}; raising both: {line(ELEVATION_VARIED[2])}. "
            + (
                "The coincidence comes from reason (i); a larger elevation helps only through "
                "the ground user's A2G dome."
                if falls
                else "Here the share does not fall with the aerial receivers' elevation."
            )
        )
        if applicable
        else "The S2A domes of the aerial vehicles the user may see have no common part even "
        "at 0 deg minimum elevation (A2G angle at least the S2A angle): nothing to compare.",
        kind="source",
    )


def chapter_claims(
    demo: pd.DataFrame,
    up: UplinkScene,
    sweep: pd.DataFrame,
    down: DownlinkScene,
    params: Mapping[str, Any],
) -> list[Claim]:
    """Every claim of the chapter, in reading order."""
    angle = math.radians(params["demo_vertex_angle_deg"])
    return [
        *demo_claims(demo, angle),
        *uplink_claims(up, params),
        *relay_claims(sweep, up, params),
        g2a_transmitters_claim(up, params),
        *downlink_claims(down, params),
        aerial_min_elevation_claim(aerial_elevation_table(params), params),
    ]
