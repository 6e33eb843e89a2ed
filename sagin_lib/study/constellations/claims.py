"""The constellations chapter's claims: the uniform sphere and the inclined-shell density against SGP4."""

from __future__ import annotations

import math

import pandas as pd

from sagin_lib.study.claims import Claim, claim
from sagin_lib.study.sources import COVERAGE_PAPER, STUDY

from .compute import MIN_MEAN_FOR_RELATIVE, Results, wide

__all__ = [
    "BPP_MARGIN_DEG",
    "BPP_TOLERANCE",
    "NONHOMOGENEOUS_TOLERANCE",
    "chapter_claims",
]


#: Tolerances of the claims (see the chapter's text for why these values).
BPP_TOLERANCE = 0.10
BPP_MARGIN_DEG = 15.0
NONHOMOGENEOUS_TOLERANCE = 0.02


def _rel_errors(mean: pd.DataFrame, model: str) -> pd.Series:
    keep = mean["sgp4"] >= MIN_MEAN_FOR_RELATIVE
    return ((mean[model] - mean["sgp4"]).abs() / mean["sgp4"])[keep]


def chapter_claims(table: pd.DataFrame, dtable: pd.DataFrame, res: Results) -> list[Claim]:
    """Every claim of the chapter, in reading order."""
    s = res.shell
    incl = min(s.inclination_deg, 180.0 - s.inclination_deg)
    mean = wide(table, "mean_visible")
    out = []

    # The coverage paper's satellites: a PPP whose density stands for a number of satellites.
    rel_bpp = _rel_errors(mean, "bpp")
    worst = float(rel_bpp.max()) if len(rel_bpp) else math.nan
    worst_lat = float(rel_bpp.idxmax()) if len(rel_bpp) else math.nan
    out.append(
        claim(
            "constellations-ppp-density-stands-for-shell",
            "The satellites form a PPP whose density corresponds to a number of LEO satellites.",
            f"{COVERAGE_PAPER}, Sec. IV-B, Fig. 4(b)",
            (worst <= BPP_TOLERANCE) if len(rel_bpp) else None,
            f"Read as: N satellites spread uniformly on their sphere give a ground user the "
            f"mean visible count of a shell of N satellites, within {100 * BPP_TOLERANCE:g} % at "
            f"every latitude where the shell shows at least {MIN_MEAN_FOR_RELATIVE:g} satellite "
            f"on average. For {s.notation} at {s.altitude_km:g} km the uniform sphere gives "
            f"{float(mean['bpp'].iloc[0]):.2f} everywhere; the propagated shell ranges from "
            f"{float(mean['sgp4'][mean['sgp4'] >= MIN_MEAN_FOR_RELATIVE].min()) if len(rel_bpp) else 0:.2f} "
            f"to {float(mean['sgp4'].max()):.2f}; the largest error is "
            f"{100 * worst:.1f} % at {worst_lat:g}°.",
            kind="source",
        )
    )

    below = mean[mean.index < incl - BPP_MARGIN_DEG]
    rel_below = _rel_errors(below, "bpp") if len(below) else pd.Series(dtype=float)
    ok = None if rel_below.empty else bool(rel_below.max() <= BPP_TOLERANCE)
    out.append(
        claim(
            "constellations-uniform-sphere-within-10pct-below-inclination",
            f"A uniform sphere with the same N gives the mean visible count within "
            f"{100 * BPP_TOLERANCE:g} % at latitudes below i − {BPP_MARGIN_DEG:g}°.",
            f"{STUDY}, after Okati et al. 2020 (the uniform-sphere assumption)",
            ok,
            "No latitude of the grid lies below i − 15°."
            if ok is None
            else f"Latitudes below {incl - BPP_MARGIN_DEG:g}°: largest error "
            f"{100 * float(rel_below.max()):.1f} % at {float(rel_below.idxmax()):g}° "
            f"(uniform sphere {float(mean['bpp'].iloc[0]):.2f}, SGP4 "
            f"{float(below['sgp4'].loc[rel_below.idxmax()]):.2f}).",
            kind="check",
        )
    )

    rel_nh = _rel_errors(mean, "nonhomogeneous")
    small = mean["sgp4"] < MIN_MEAN_FOR_RELATIVE
    abs_small = (
        float((mean["nonhomogeneous"][small] - mean["sgp4"][small]).abs().max())
        if small.any()
        else 0.0
    )
    ok_nh = None if rel_nh.empty else bool(rel_nh.max() <= NONHOMOGENEOUS_TOLERANCE)
    out.append(
        claim(
            "constellations-inclined-density-within-2pct-everywhere",
            f"The latitude-dependent density of an inclined shell gives the mean visible count "
            f"within {100 * NONHOMOGENEOUS_TOLERANCE:g} % at every latitude.",
            "Okati and Riihonen, arXiv 2108.10785 (the nonhomogeneous model)",
            ok_nh,
            "No latitude shows half a satellite on average."
            if ok_nh is None
            else f"Largest error {100 * float(rel_nh.max()):.1f} % at "
            f"{float(rel_nh.idxmax()):g}° (latitudes where SGP4 shows at least "
            f"{MIN_MEAN_FOR_RELATIVE:g} satellite; elsewhere the two differ by at most "
            f"{abs_small:.2f} satellites).",
            kind="check",
        )
    )

    edge = incl + math.degrees(res.psi_max_rad)
    beyond = res.latitudes_deg > edge
    seen_beyond = int(res.counts[beyond].max()) if beyond.any() else 0
    out.append(
        claim(
            "constellations-none-visible-above-inclination-plus-psi",
            "No satellite is visible above latitude i + ψ, ψ the vertex angle of the S2G dome.",
            f"{STUDY}: geometry of an inclined shell (Proposition 1 of the {COVERAGE_PAPER})",
            (seen_beyond == 0) if beyond.any() else None,
            f"i + ψ = {incl:g}° + {math.degrees(res.psi_max_rad):.2f}° = {edge:.2f}° (ψ at the "
            f"highest altitude SGP4 reached); "
            + (
                f"{int(beyond.sum())} grid latitudes beyond it; most satellites any of their users "
                f"saw at any epoch: {seen_beyond}."
                if beyond.any()
                else "no grid latitude lies beyond it."
            ),
            kind="check",
        )
    )

    closer = dtable["nonhomogeneous_total_variation"] <= dtable["bpp_total_variation"]
    out.append(
        claim(
            "constellations-inclined-density-closer-in-distribution",
            "At each chosen latitude the latitude-dependent density's visible-count distribution "
            "is at least as close to the propagated one (total variation) as the uniform sphere's.",
            f"{STUDY}: Okati and Riihonen against Okati et al. 2020",
            bool(closer.all()),
            "; ".join(
                f"{r.latitude_deg:g}°: TV {r.nonhomogeneous_total_variation:.3f} against "
                f"{r.bpp_total_variation:.3f}"
                for r in dtable.itertuples()
            )
            + ".",
            kind="check",
        )
    )

    none = wide(table, "p_none")
    gap = (none["bpp"] - none["sgp4"]).abs()
    under = gap[gap.index < incl]
    out.append(
        claim(
            "constellations-uniform-sphere-p-none-within-001",
            "Below the inclination, a uniform sphere gives the probability that no satellite is "
            "visible within 0.01 of the propagated shell's.",
            f"{STUDY}, after Okati et al. 2020",
            bool(under.max() <= 0.01) if len(under) else None,
            f"Largest gap {float(under.max()):.3g} at {float(under.idxmax()):g}° (uniform sphere "
            f"{float(none['bpp'].iloc[0]):.3g} everywhere)."
            if len(under)
            else "No grid latitude lies below the inclination.",
            kind="check",
        )
    )
    return out
