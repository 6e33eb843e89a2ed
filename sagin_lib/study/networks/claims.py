"""The networks chapter's claims with their verdicts."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from sagin_lib.study.claims import Claim, claim, returns_chapter_claims
from sagin_lib.study.platforms import names_or_none
from sagin_lib.study.sources import STUDY

from .compute import (
    _curve_rises,
    _fading_gains,
    _fading_title,
    coverage_table,
    direct_access_model,
    direct_access_table,
)
from .compute_energy import ee_summary, ee_table
from .spec import (
    _LOU_SCOPE,
    _MONO_TOL,
    _SURVEY,
    FAMILY_ALPHA,
    MIN_USERS_FOR_Z,
    SPEC,
    Z_BAND,
    Params,
)


def _ee_claim(params: Params, ee_sum: pd.DataFrame, variants: pd.DataFrame | None = None) -> Claim:
    rows = ee_sum[ee_sum["n_haps"] >= 2]
    statement = (
        "HAPS cell-free networks are more energy-efficient than cellular ones (the CDFs of "
        "Fig. 9(a))."
    )
    if rows.empty:
        return claim(
            "networks-cell-free-more-energy-efficient",
            statement,
            _SURVEY,
            None,
            "Fig. 9(a) compares networks of several HAPS; with one HAPS the two architectures "
            "coincide, and no HAPS count of this run exceeds one.",
            kind="source",
        )
    holds = bool((rows["ratio"] > 1.0).all())
    per_n = "; ".join(
        f"{r.n_haps} HAPS: x{r.ratio:.2f} (cell-free better in "
        f"{100 * r.share_cell_free_wins:.0f} % of drops; break-even backhaul "
        f"{r.break_even_backhaul_w_per_gbps:.3g} W per Gbit/s)"
        for r in rows.itertuples()
    )
    regime = (
        f"Regime: {int(params['ee_users'])} users in a {params['ee_region_radius_km']:g} km "
        f"radius, {int(params['haps_antennas'])} antennas per HAPS, static "
        f"{params['static_power_w']:g} W + {params['load_factor']:g} x radiated power per HAPS, "
        f"backhaul {params['backhaul_power_w_per_gbps']:g} W per Gbit/s; above the break-even "
        "backhaul power per traffic cellular is the more efficient. "
        f"Pattern {params['haps_pattern']}, static power {params['power_chains']}, idle HAPS "
        f"{params['idle_mode']}, cell-free HAPS {params['phase_sync']}."
    )
    if variants is not None:
        regime += (
            " At the largest count, under each regime: "
            + "; ".join(f"{r.variant}: x{r.ratio:.2f}" for r in variants.itertuples())
            + "."
        )
    return claim(
        "networks-cell-free-more-energy-efficient",
        statement,
        _SURVEY,
        holds,
        f"Median energy efficiency, cell-free over cellular, over {int(params['ee_drops'])} drops "
        f"per HAPS count: {per_n}. {regime}" + _LOU_SCOPE,
        kind="source",
    )


def _rise_ok(block: pd.DataFrame, use_z: bool) -> tuple[bool, str]:
    lower = block["cell_free_lower"].to_numpy()
    steady = bool(np.all(np.diff(lower) >= -1e-12)) and lower[-1] > lower[0]
    mc = block["cell_free"].to_numpy()
    se = block["cell_free_standard_error"].to_numpy()
    text = f"MC {mc[0]:.3f} -> {mc[-1]:.3f}, cellular exact {lower[0]:.3f} -> {lower[-1]:.3f}"
    if not use_z:
        return steady, text
    rise = mc[-1] - mc[0] > Z_BAND * math.hypot(se[0], se[-1])
    drops = np.diff(mc) < -Z_BAND * np.hypot(se[1:], se[:-1])
    return steady and rise and not drops.any(), text


_RISE_STATEMENT = (
    "The coverage probability rises with the number of HAPS at a fixed LEO constellation size "
    "(Fig. 9(b))."
)


def _coverage_claims(params: Params, cov: pd.DataFrame) -> list[Claim]:
    out: list[Claim] = []
    n_users = int(params["n_users"])
    use_z = n_users >= MIN_USERS_FOR_Z
    checked, skipped, failed = [], [], []
    if cov["n_haps"].nunique() < 2:
        verdict: bool | None = None
        why = "the sweep has a single HAPS count, so no rise can be seen"
    else:
        for ns, block in cov.groupby("n_sats"):
            block = block.sort_values("n_haps")
            if block["cell_free_upper"].iloc[-1] <= block["cell_free_upper"].iloc[0]:
                skipped.append(f"{ns} LEO")  # no backhaul (or no HAPS can serve): flat
                continue
            ok, text = _rise_ok(block, use_z)
            checked.append(f"{ns} LEO: {text}")
            if not ok:
                failed.append(f"{ns} LEO")
        verdict = (not failed) if checked else None
        why = (
            "no constellation size of the run gives a HAPS a backhaul link"
            if not checked
            else "; ".join(checked)
        )
    out.append(
        claim(
            "networks-coverage-rises-with-haps",
            _RISE_STATEMENT + " Checked with the HAPS relaying to LEO satellites.",
            _SURVEY,
            verdict,
            f"End-to-end (access and backhaul) coverage of the cell-free network from "
            f"{cov['n_haps'].min()} to {cov['n_haps'].max()} HAPS: {why}. "
            + (
                f"Sizes without a possible rise (no backhaul): {', '.join(skipped)}. "
                if skipped
                else ""
            )
            + (
                f"A rise must exceed {Z_BAND:g} standard errors and no step may fall by more. "
                if use_z
                else f"With fewer than {MIN_USERS_FOR_Z} users per point only the exact curves "
                "are checked. "
            )
            + (f"Curves that do not rise: {', '.join(failed)}." if failed else "")
            + _LOU_SCOPE,
            kind="source",
        )
    )

    p_cols = ["p_value_visible", "p_value_cellular", "p_value_cell_free_lower",
              "p_value_cell_free_upper"]  # fmt: skip
    pvals = cov[p_cols].to_numpy()
    n_tests = pvals.size
    alpha = FAMILY_ALPHA / n_tests
    worst = float(pvals.min())
    where = np.unravel_index(int(np.argmin(pvals)), pvals.shape)
    row = cov.iloc[where[0]]
    z_vis = np.abs(cov["p_haps_visible"] - cov["p_haps_visible_analysis"]) / np.sqrt(
        np.maximum(cov["p_haps_visible_analysis"] * (1 - cov["p_haps_visible_analysis"]), 1e-300)
        / cov["n_users"]
    )
    out.append(
        claim(
            "networks-mc-agrees-with-analysis",
            "The relay Monte Carlo, which places every HAPS and every satellite and counts the "
            "ones a user sees, agrees with the analysis: P(a HAPS is visible) and the "
            "cellular end-to-end coverage match their closed forms, and the cell-free coverage "
            "lies between its bounds (exact binomial tests, Bonferroni at a family-wise "
            f"{FAMILY_ALPHA:g}).",
            STUDY,
            worst >= alpha,
            f"{len(cov)} points x 4 tests ({n_tests} in all), {n_users} users each, seed "
            f"{params['seed']}: each p-value must exceed {FAMILY_ALPHA:g} / {n_tests} = "
            f"{alpha:.2g}. Smallest p-value {worst:.3g} ({p_cols[where[1]]} at "
            f"{int(row['n_haps'])} HAPS, {int(row['n_sats'])} LEO); largest |z| of the "
            f"visibility share {float(z_vis.max()):.2f}.",
            kind="check",
        )
    )
    return out


def _direct_access_claims(params: Params, direct: pd.DataFrame) -> list[Claim]:
    model = direct_access_model(params)
    tier_h = model._tiers[0]
    nadir_snr_db = 10.0 * math.log10(tier_h.snr_gain_km2 / model.haps_alt_km**2)
    haps_can_cover = tier_h.cover_angle_rad > 0.0
    n_points = direct["n_haps"].nunique()
    out: list[Claim] = []
    where = f"{_SURVEY}; in the direct-access model"

    # More HAPS raise coverage, for every curve where a HAPS can serve at all.
    checked, skipped, failed, spans = 0, [], [], []
    for (fad, ns), block in direct.groupby(["fading", "n_sats"], sort=False):
        values = block.sort_values("n_haps")["closed_form"].to_numpy()
        label = f"{_fading_title(fad, params['nakagami_m'])}, {ns} LEO"
        if fad == "none" and not haps_can_cover:
            skipped.append(label)
            continue
        checked += 1
        spans.append(f"{label}: {values[0]:.3f} -> {values[-1]:.3f}")
        if not _curve_rises(values):
            failed.append(label)
    cond: bool | None
    if n_points < 2:
        cond, why = None, "the sweep has a single number of HAPS, nothing to compare"
    elif checked == 0:
        cond, why = None, "no curve where a HAPS can serve"
    else:
        cond, why = not failed, f"not rising: {names_or_none(failed)}"
    skip_text = (
        f" Without fading no HAPS can serve (mean SNR at nadir {nadir_snr_db:.1f} dB, below the "
        f"{model.snr_threshold_db:g} dB threshold): skipped {names_or_none(skipped)}."
        if skipped
        else ""
    )
    out.append(
        claim(
            "networks-direct-coverage-rises-with-haps",
            _RISE_STATEMENT + " Checked with users served by a HAPS or a satellite directly.",
            where,
            cond,
            f"{checked} curves of the theory from {direct['n_haps'].min()} to "
            f"{direct['n_haps'].max()} HAPS"
            + (f", the first {spans[0]}" if spans else "")
            + f"; {why}."
            + skip_text
            + _LOU_SCOPE,
            kind="source",
        )
    )

    sats = sorted(direct["n_sats"].unique())
    if len(sats) < 2:
        cond, evidence = None, f"A single constellation size ({sats[0]} LEO), nothing to compare."
    else:
        wide = direct.pivot_table(
            index=["fading", "n_haps"], columns="n_sats", values="closed_form"
        )
        worst = float(wide.diff(axis=1).iloc[:, 1:].min().min())
        cond = worst >= -_MONO_TOL
        evidence = (
            f"Constellations of {', '.join(map(str, sats))} LEO; smallest change in coverage "
            f"from one size to the next, over every HAPS count and fading model: {worst:.2e}."
        )
    out.append(
        claim(
            "networks-direct-coverage-rises-with-sats",
            "A larger LEO constellation gives a higher coverage probability at every number of "
            "HAPS (the curves of Fig. 9(b)). Checked with users served directly.",
            where,
            cond,
            evidence + _LOU_SCOPE,
            kind="source",
        )
    )

    n_users = int(params["n_users"])
    few = n_users < MIN_USERS_FOR_Z
    max_z = float(direct["z_score"].abs().max())
    worst_row = direct.loc[direct["z_score"].abs().idxmax()]
    out.append(
        claim(
            "networks-direct-mc-agrees-with-theory",
            f"The direct-access Monte Carlo lies within {Z_BAND:g} standard errors of the closed "
            "form (no fading) and of the numerical integral (fading) at every point.",
            STUDY,
            None if few else max_z < Z_BAND,
            f"{len(direct)} points, {n_users} users each, seed {params['seed']}; largest |z| "
            f"{max_z:.2f} (at {worst_row['n_haps']} HAPS, {worst_row['n_sats']} LEO, "
            f"{worst_row['fading']}); a {Z_BAND:g}-standard-error band misses about 6e-5 of points "
            "by chance."
            + (f" Not applicable below {MIN_USERS_FOR_Z} users per point." if few else ""),
            kind="check",
        )
    )
    vis_se = np.sqrt(
        np.maximum(
            direct["p_visible_closed_form"] * (1 - direct["p_visible_closed_form"]),
            1.0 / n_users,
        )
        / n_users
    )
    vis_z = float(((direct["p_visible"] - direct["p_visible_closed_form"]).abs() / vis_se).max())
    out.append(
        claim(
            "networks-direct-mc-visibility-agrees",
            f"The Monte Carlo share of users who see a platform lies within {Z_BAND:g} standard "
            "errors of the closed-form visibility probability at every point.",
            STUDY,
            None if few else vis_z < Z_BAND,
            f"{len(direct)} points; largest |z| {vis_z:.2f}."
            + (f" Not applicable below {MIN_USERS_FOR_Z} users per point." if few else ""),
            kind="check",
        )
    )

    g = _fading_gains(params, direct)
    if g["n_points"] == 0:
        cond, evidence = None, "Fading is none: there is no fading curve."
    elif g["bounded"] == 0:
        cond, evidence = (
            None,
            "At no point does every visible platform clear the threshold on its mean SNR.",
        )
    else:
        cond = g["bounded_excess"] <= _MONO_TOL
        excess = g["bounded_excess"]
        relation = (
            f"stays below P(visible) by at least {-excess:.3g}"
            if excess <= 0.0
            else f"exceeds P(visible) by up to {excess:.3g}"
        )
        raises = (
            "raises it nowhere"
            if g["n_gains"] == 0
            else f"raises it at {g['n_gains']} points, by up to {g['max_gain']:.3f}, where a "
            "favourable fade lifts a mean SNR that falls short of the threshold"
        )
        evidence = (
            f"At {g['bounded']} of {g['n_points']} points every visible platform clears the "
            f"threshold on its mean SNR; there the fading coverage {relation}. Over all points "
            f"fading costs up to {g['max_loss']:.3f} in coverage and {raises}."
        )
    out.append(
        claim(
            "networks-direct-fading-within-visibility",
            "Where every visible platform clears the threshold on its mean SNR (the no-fading "
            "coverage is the visibility probability), fading cannot raise the coverage above it.",
            STUDY,
            cond,
            evidence,
            kind="check",
        )
    )
    return out


@returns_chapter_claims("networks")
def chapter_claims(
    params: Params,
    *,
    ee_data: pd.DataFrame | None = None,
    cov_data: pd.DataFrame | None = None,
    direct_data: pd.DataFrame | None = None,
    variants: pd.DataFrame | None = None,
) -> list[Claim]:
    """The chapter's claims with their verdicts under ``params``.

    The tables are recomputed when not given (:func:`ee_table`,
    :func:`coverage_table`, :func:`direct_access_table`).

    {returns}
    """
    params = SPEC.validate(params)
    ee_data = ee_table(params) if ee_data is None else ee_data
    cov_data = coverage_table(params) if cov_data is None else cov_data
    direct_data = direct_access_table(params) if direct_data is None else direct_data
    return [
        _ee_claim(params, ee_summary(ee_data, params), variants),
        *_direct_access_claims(params, direct_data),
        *_coverage_claims(params, cov_data),
    ]
