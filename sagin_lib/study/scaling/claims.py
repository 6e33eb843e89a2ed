"""The scaling chapter's claims with their verdicts."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from sagin_lib.study.claims import Claim, claim
from sagin_lib.study.sources import STUDY

from .compute import (
    ClusterRun,
    Footprint,
    StreamCheck,
    beam_shares,
    binomial_p_value,
    nearest_p_value,
    pooled_chi_square,
)
from .spec import MIN_EXPECTED, P_MIN, PAPER


def population_claims(summary: Any, p: Mapping[str, Any], fp: Footprint) -> list[Claim]:
    """Every user counted once, and every user inside the footprint."""
    n = p["n_users"]
    elev = summary.histogram_table("elevation")
    dist = summary.histogram_table("distance")
    sums = (int(elev["count"].sum()), int(dist["count"].sum()))
    counted = summary.n_nodes == n and sums == (n, n)
    below = int(elev.loc[elev["elevation_high_deg"] <= p["min_elevation_deg"], "count"].sum())
    beyond = int(dist.loc[dist["distance_low_km"] >= fp.max_slant_km, "count"].sum())
    geo_near = float(summary.nearest_table().set_index("station").loc["GEO", "nearest_distance_km"])
    too_close = n > 0 and geo_near < p["geo_alt_km"] * (1.0 - 1e-12)
    near_text = f"{geo_near:,.3f} km" if math.isfinite(geo_near) else "none (no user)"
    return [
        claim(
            "scaling-every-user-counted",
            "The cluster reduces every user exactly once: each histogram adds up to the "
            "population, under- and overflow bins included.",
            STUDY,
            counted,
            f"{summary.n_nodes:,} users reduced of {n:,}; the elevation histogram holds "
            f"{sums[0]:,} and the slant-range histogram {sums[1]:,}.",
            kind="check",
        ),
        claim(
            "scaling-users-inside-footprint",
            "In the S2G downlink, a ground receiver with a minimum elevation angle observes "
            "the satellites of one altitude inside a spherical dome, whose vertex angle "
            "Proposition 1 gives (for a downlink, φ = arccos(R_r cos α / R_t) − α).",
            f"{PAPER}, Sec. III-A and Proposition 1",
            below == 0 and beyond == 0 and not too_close,
            "By the symmetry of that geometry, the ground points that see one satellite at "
            f"{p['min_elevation_deg']:g}° or more fill the dome of the same φ "
            f"({math.degrees(fp.vertex_angle_rad):.2f}°) around the sub-satellite point; the "
            f"users drawn in it: {below:,} in elevation bins below {p['min_elevation_deg']:g}°, "
            f"{beyond:,} beyond the rim's slant range {fp.max_slant_km:,.1f} km; nearest user "
            f"to the satellite {near_text} (altitude {p['geo_alt_km']:,.0f} km).",
            kind="source",
        ),
    ]


def histogram_claims(elev: pd.DataFrame, dist: pd.DataFrame, p: Mapping[str, Any]) -> list[Claim]:
    """The elevation and slant-range histograms against the area law (chi-square)."""
    out = []
    for key, data, what in (
        ("elevation", elev, "elevation"),
        ("distance", dist, "slant range"),
    ):
        chi2, dof, pv = pooled_chi_square(data["count"], data["expected_count"])
        enough = dof >= 1
        evidence = (
            f"chi-square {chi2:,.1f} on {dof} degrees of freedom (bins pooled to at least "
            f"{MIN_EXPECTED:g} expected users), p = {pv:.3g}; holds for p ≥ {P_MIN:.2g}, the "
            f"two-sided tail beyond 4 standard errors (seed {p['seed']})."
            if enough
            else f"{p['n_users']:,} users fill fewer than two bins of {MIN_EXPECTED:g} "
            "expected users: too few for a goodness-of-fit test."
        )
        out.append(
            claim(
                f"scaling-{key}-follows-area",
                f"The users' {what} histogram agrees with the count expected for users "
                "uniform by area (Lemma 1 through Proposition 1).",
                f"{STUDY}: Monte Carlo against Lemma 1 and Proposition 1 of the {PAPER}",
                (pv >= P_MIN) if enough else None,
                evidence,
                kind="check",
            )
        )
    return out


def beam_claims(beams: pd.DataFrame, p: Mapping[str, Any], fp: Footprint) -> list[Claim]:
    """Beam counts against their cap areas, and nearest users against the density."""
    n = p["n_users"]
    shares = beam_shares(fp)
    pv = [binomial_p_value(int(c), n, s) for c, s in zip(beams["count"], shares, strict=True)]
    worst = int(np.argmin(pv))
    z_max = float(np.abs(beams["z_score"]).max())
    counts = [
        claim(
            "scaling-beam-counts-follow-cap-areas",
            "In all six scenarios the coverage region on the transmitters' sphere (radius Rₜ) "
            "is a spherical dome of area |A| = 2π Rₜ² (1 − cos φ), φ its vertex angle.",
            f"{PAPER}, Sec. III-A, Lemma 1",
            min(pv) >= P_MIN if n > 0 else None,
            (
                "Checked by counting on the ground sphere: users uniform by area in the "
                "footprint fall into each "
                "spot-beam dome in the share of the footprint's area that Lemma 1 gives it (the "
                f"lens of two domes for a beam across the rim). {len(pv)} beams; largest |z| "
                f"{z_max:.2f}; smallest exact two-sided binomial "
                f"p = {pv[worst]:.3g} ({beams['beam'].iloc[worst]}: {int(beams['count'].iloc[worst]):,} "
                f"users, {float(beams['expected_count'].iloc[worst]):,.1f} expected); holds for "
                f"p ≥ {P_MIN:.2g}, a 4-standard-error band (seed {p['seed']})."
            )
            if n > 0
            else "No user: nothing to count.",
            kind="source",
        )
    ]
    near = beams["nearest_user_km"].to_numpy(dtype=float)
    if n > 0:
        npv = [nearest_p_value(d, o, n, fp) for d, o in zip(near, fp.beam_offsets_rad, strict=True)]
        k = int(np.argmin(npv))
        evidence = (
            f"smallest two-sided p = {npv[k]:.3g} ({beams['beam'].iloc[k]}: nearest user "
            f"{near[k]:.4g} km; mean spacing scale 1/(2√λ) = "
            f"{0.5 / math.sqrt(fp.density_per_km2):.3g} km at λ = {fp.density_per_km2:.3g} per "
            f"km²); holds for p ≥ {P_MIN:.2g} (seed {p['seed']})."
        )
        ok: bool | None = min(npv) >= P_MIN
    else:
        evidence, ok = "No user: no nearest user.", None
    counts.append(
        claim(
            "scaling-nearest-user-follows-density",
            "The nearest user to each beam centre is as close as the users' density "
            "predicts: P(D > d) = (1 - x(d))^N, x(d) the footprint's share within d.",
            STUDY,
            ok,
            evidence,
            kind="check",
        )
    )
    return counts


def identity_claims(
    check: StreamCheck, serial_sweep: pd.DataFrame, cluster_sweep: pd.DataFrame
) -> list[Claim]:
    """The cluster's reduction and sweep against the single-process ones."""
    same_blocks = not check.mismatched_blocks and check.total_identical is not False
    scope = (
        "the whole population, reduced again on this process, and each of its "
        f"{len(check.checked_blocks)} block(s)"
        if check.total_checked
        else f"blocks {', '.join(str(b) for b in check.checked_blocks)} (first, middle, last), "
        "recomputed on this process"
    )
    mismatch = (
        "identical (counts, histograms, nearest users and their distances)"
        if same_blocks
        else f"differ (blocks {list(check.mismatched_blocks)}, total {check.total_identical})"
    )
    try:
        pd.testing.assert_frame_equal(cluster_sweep, serial_sweep, check_exact=True)
        sweep_same = True
    except AssertionError:
        sweep_same = False
    return [
        claim(
            "scaling-dask-equals-stream",
            "The Dask reduction is identical, integer for integer and bit for bit, to the "
            "single-process stream with the same seed.",
            STUDY,
            same_blocks,
            f"Compared: {scope}; {mismatch}.",
            kind="check",
        ),
        claim(
            "scaling-sweep-equals-serial",
            "The HAPS coverage sweep run on the cluster gives the serial sweep's table exactly.",
            STUDY,
            sweep_same,
            f"{len(cluster_sweep)} sweep points, every column compared exactly: "
            f"{'identical' if sweep_same else 'different'}.",
            kind="check",
        ),
    ]


def chapter_claims(
    run: ClusterRun,
    check: StreamCheck,
    elev: pd.DataFrame,
    dist: pd.DataFrame,
    beams: pd.DataFrame,
    sweep_pair: tuple[pd.DataFrame, pd.DataFrame],
    p: Mapping[str, Any],
    fp: Footprint,
) -> list[Claim]:
    """Every claim of the chapter, in reading order."""
    return [
        *population_claims(run.summary, p, fp),
        *histogram_claims(elev, dist, p),
        *beam_claims(beams, p, fp),
        *identity_claims(check, *sweep_pair),
    ]
