"""The validation chapter's claims, each with a stated false-alarm rate and a power gate."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.coverage import dome_area_km2
from sagin_lib.sampling.monte_carlo import (
    Z_LIMIT,
)
from sagin_lib.study.claims import Claim, claim

from .compute import (
    KS_P_LIMIT,
    MIN_EVENTS,
    MIN_REALISATIONS,
    RIGHT,
    WRONG,
    ks_critical,
    wrong_inner_z,
    wrong_ks_distance,
)
from .spec import PAPER, STUDY, _cap_km2

#: Where the checks of the area-uniform sampler come from.
ALGORITHM = f"{STUDY}, Monte Carlo; {PAPER}, Sec. IV-A, Algorithm 1, and Sec. III-A, Lemma 1"
#: Where the checks of the wrong sampler come from.
WRONG_READING = f"{STUDY}, Monte Carlo of the polar-uniform reading of {PAPER}, Algorithm 1"


def _check(claim_id: str, statement: str, source: str, condition: Any, evidence: str) -> Claim:
    """One of the study's own checks (every claim of this chapter is one).

    The evidence is written as a sentence: capital first letter, full stop.
    """
    text = evidence.strip()
    text = text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
    return claim(claim_id, statement, source, condition, text, kind="check")


def _fmt_z(values: Iterable[float]) -> str:
    finite = [abs(v) for v in values if not math.isnan(v)]
    return f"{max(finite):.2f}" if finite else "undefined"


def ppp_claims(
    domes: pd.DataFrame,
    counts: pd.DataFrame,
    ks: pd.DataFrame,
    nn: pd.DataFrame,
    mc: Mapping[str, pd.DataFrame],
    p: Mapping[str, Any],
) -> list[Claim]:
    """Claims of the PPP Monte Carlo: the right sampler passes, the wrong one fails."""
    n = p["n_realisations"]
    enough = n >= MIN_REALISATIONS
    few = f"only {n} realisations (the 4-SE band needs at least {MIN_REALISATIONS})"
    out: list[Claim] = []

    # Counts, right sampler.
    right = counts[counts["sampler"] == RIGHT]
    judged = right[right["expected_count"] * n >= MIN_EVENTS] if enough else right.iloc[:0]
    ok = judged["z"].abs() < Z_LIMIT
    out.append(_check(
        "validation-counts-right-sampler",
        "With the area-uniform sampler, the mean count in each dome and in its inner half "
        "(half the vertex angle) agrees with lambda|A| and lambda|A(phi/2)| within 4 standard "
        "errors, in all six scenarios.",
        ALGORITHM,
        None if judged.empty else bool(ok.all()),
        (few if not enough else
         "too few expected nodes over all realisations for a normal mean" if judged.empty else
         f"{int(ok.sum())} of {len(judged)} means within 4 SE (largest |z| "
         f"{_fmt_z(judged['z'])}) over {n} realisations of mean {p['mean_nodes']:g} nodes; "
         "a correct sampler leaves the band with probability about 6e-5 per mean"),
    ))  # fmt: skip

    # Counts, wrong sampler: total right, inner wrong.
    power = wrong_inner_z(domes, p)
    wrong = counts[counts["sampler"] == WRONG].set_index(["region", "scenario"])
    strong = power[power >= 2 * Z_LIMIT].index if enough else power.index[:0]
    inner_z = wrong.loc["inner dome", "z"].reindex(strong)
    out.append(_check(
        "validation-counts-wrong-sampler-fails",
        "The polar-uniform sampler fails the inner-dome count test (z > 4) in every scenario: "
        "it puts half its nodes within half the vertex angle instead of about a quarter.",
        WRONG_READING,
        None if strong.empty else bool((inner_z > Z_LIMIT).all()),
        (few if not enough else
         f"the test lacks power: the wrong sampler's expected z is {power.max():.1f} < "
         f"{2 * Z_LIMIT:g}" if strong.empty else
         f"inner-count z of the wrong sampler {inner_z.min():.1f} to {inner_z.max():.1f} "
         f"(expected {power.min():.1f} to {power.max():.1f}) in {len(strong)} scenarios with "
         f"power (expected z >= {2 * Z_LIMIT:g})"),
    ))  # fmt: skip
    dome_wrong = wrong.loc["dome"]
    judged_w = dome_wrong[dome_wrong["expected_count"] * n >= MIN_EVENTS] if enough else \
        dome_wrong.iloc[:0]  # fmt: skip
    out.append(_check(
        "validation-counts-wrong-sampler-total",
        "The polar-uniform sampler still passes the whole-dome count test (its count is the "
        "Poisson draw): only tests that look inside the dome catch it.",
        WRONG_READING,
        None if judged_w.empty else bool((judged_w["z"].abs() < Z_LIMIT).all()),
        (few if not enough else "too few expected nodes" if judged_w.empty else
         f"largest |z| of the wrong sampler's whole-dome mean count: {_fmt_z(judged_w['z'])}"),
    ))  # fmt: skip

    # KS tests.
    ks_right = ks[(ks["sampler"] == RIGHT) & (ks["n"] > 0)]
    passed = ks_right["p_value"] > KS_P_LIMIT
    out.append(_check(
        "validation-ks-right-sampler",
        "With the area-uniform sampler, the azimuth, the area fraction and the contact "
        "distance are uniform (Kolmogorov-Smirnov p > 1e-4) in all six scenarios.",
        ALGORITHM,
        None if ks_right.empty else bool(passed.all()),
        "no nodes were drawn" if ks_right.empty else
        f"{int(passed.sum())} of {len(ks_right)} exact KS tests with p > 1e-4 (smallest p "
        f"{ks_right['p_value'].min():.2g}); all pass together except with probability below "
        f"{len(ks_right) * KS_P_LIMIT:.1g} (Bonferroni)",
    ))  # fmt: skip
    phi = domes.set_index("scenario")["vertex_angle_rad"]
    ks_wrong = ks[(ks["sampler"] == WRONG) & (ks["variable"] != "azimuth")].copy()
    ks_wrong["power"] = [
        math.sqrt(row.n) * wrong_ks_distance(row.variable, phi[row.scenario], p["mean_nodes"])
        for row in ks_wrong.itertuples()
    ]
    has_power = ks_wrong[ks_wrong["power"] >= 2 * ks_critical()]
    out.append(_check(
        "validation-ks-wrong-sampler-fails",
        "The polar-uniform sampler fails the area-fraction and contact-distance KS tests "
        "(p <= 1e-4) in every scenario.",
        WRONG_READING,
        None if has_power.empty else bool((has_power["p_value"] <= KS_P_LIMIT).all()),
        (f"the tests lack power: √n times the expected KS distance is at most "
         f"{ks_wrong['power'].max():.2f} < {2 * ks_critical():.2f}" if has_power.empty else
         f"largest p of the {len(has_power)} tests with power: "
         f"{has_power['p_value'].max():.2g} (power: √n times the expected KS distance "
         f">= {2 * ks_critical():.2f}, twice the 1e-4 critical value)"),
    ))  # fmt: skip
    az_wrong = ks[(ks["sampler"] == WRONG) & (ks["variable"] == "azimuth") & (ks["n"] > 0)]
    out.append(_check(
        "validation-ks-wrong-sampler-azimuth",
        "The polar-uniform sampler passes the azimuth KS test (p > 1e-4): its azimuth is right.",
        WRONG_READING,
        None if az_wrong.empty else bool((az_wrong["p_value"] > KS_P_LIMIT).all()),
        "no nodes were drawn" if az_wrong.empty else
        f"smallest azimuth p of the wrong sampler: {az_wrong['p_value'].min():.2g}",
    ))  # fmt: skip

    # Nearest-neighbour function.
    out.extend(_nn_claims(domes, nn, mc, p, power))
    return out


def _nn_claims(
    domes: pd.DataFrame,
    nn: pd.DataFrame,
    mc: Mapping[str, pd.DataFrame],
    p: Mapping[str, Any],
    power: pd.Series,
) -> list[Claim]:
    n = p["n_realisations"]
    enough = n >= MIN_REALISATIONS
    right = nn[nn["sampler"] == RIGHT]
    # Expected reference nodes within d over all realisations: n * lambda |W_inner| * G(d)
    # = n * mean_nodes * (inner share) * G(d); the inner share is the border window's.
    phi = domes.set_index("scenario")["vertex_angle_rad"]
    radius = EARTH_RADIUS_KM + domes.set_index("scenario")["tx_alt_km"]
    d_max = right.groupby("scenario")["distance_km"].transform("max")
    border = phi[right["scenario"]].to_numpy() - d_max.to_numpy() / radius[right["scenario"]]
    share = np.asarray(dome_area_km2(0.0, border)) / np.asarray(
        dome_area_km2(0.0, phi[right["scenario"]].to_numpy())
    )
    events = n * p["mean_nodes"] * share * right["g_theory"].to_numpy()
    judged = right[events >= MIN_EVENTS] if enough else right.iloc[:0]
    ok = judged["z"].abs() < Z_LIMIT
    few = f"only {n} realisations (the 4-SE band needs at least {MIN_REALISATIONS})"
    strong = power[power >= 4 * Z_LIMIT].index if enough else power.index[:0]
    wrong = nn[(nn["sampler"] == WRONG) & nn["scenario"].isin(strong)]
    worst = wrong.groupby("scenario")["z"].agg(lambda z: z.abs().max())
    return [
        _check(
            "validation-nn-right-sampler",
            "With the area-uniform sampler, the border-corrected nearest-neighbour function G "
            "agrees with the Poisson formula 1 − exp(−lambda a(d)) within 4 standard errors at "
            "every distance, in all six scenarios.",
            f"{STUDY}, Monte Carlo; Slivnyak's theorem (Chiu et al. 2013)",
            None if judged.empty else bool(ok.all()),
            few if not enough else
            "too few expected reference nodes within the distances for a normal mean"
            if judged.empty else
            f"{int(ok.sum())} of {len(judged)} estimates within 4 SE (largest |z| "
            f"{_fmt_z(judged['z'])}); distances with fewer than {MIN_EVENTS:g} expected "
            f"reference nodes within them over all realisations are left out "
            f"({len(right) - len(judged)} of {len(right)})",
        ),
        _check(
            "validation-nn-wrong-sampler-fails",
            "The polar-uniform sampler's nearest-neighbour function departs from the Poisson "
            "formula by more than 4 standard errors at some distance, in every scenario.",
            WRONG_READING,
            None if strong.empty else bool((worst.reindex(strong) > Z_LIMIT).all()),
            few if not enough else
            f"the test lacks power: the wrong sampler's expected inner-count z is "
            f"{power.max():.1f} < {4 * Z_LIMIT:g} (its G departs by about two thirds of that)"
            if strong.empty else
            f"largest |z| of the wrong sampler per scenario: {worst.min():.1f} to "
            f"{worst.max():.1f} in the {len(strong)} scenarios with power (expected "
            f"inner-count z >= {4 * Z_LIMIT:g})",
        ),
    ]  # fmt: skip


def matern_claims(matern: pd.DataFrame, p: Mapping[str, Any]) -> list[Claim]:
    """Claims of the Matern II Monte Carlo: intensity and hard core."""
    n = p["hard_core_realisations"]
    r = p["hard_core_km"]
    judged = matern[matern["expected_count"] * n >= MIN_EVENTS] if n >= MIN_REALISATIONS else \
        matern.iloc[:0]  # fmt: skip
    ok = judged["z"].abs() < Z_LIMIT
    seen = matern["min_distance_km"].dropna()
    closest = float(seen.min()) if not seen.empty else math.nan
    return [
        _check(
            "validation-hard-core-intensity",
            "The Matérn II process on a dome has the intensity (1 − exp(−lambda_p a(r))) / a(r) "
            "(a(r) the cap area of radius r): mean counts within 4 standard errors at every "
            "parent density.",
            f"{STUDY}, Monte Carlo; Chiu et al. 2013, eq. 5.63, taken to the sphere",
            None if judged.empty else bool(ok.all()),
            f"only {n} realisations (needs {MIN_REALISATIONS})" if n < MIN_REALISATIONS else
            "too few expected nodes at every parent density" if judged.empty else
            f"{int(ok.sum())} of {len(judged)} parent densities within 4 SE (largest |z| "
            f"{_fmt_z(judged['z'])}) over {n} realisations"
            + (f"; {len(matern) - len(judged)} densities with under {MIN_EVENTS:g} expected "
               "nodes left out" if len(judged) < len(matern) else ""),
        ),
        _check(
            "validation-hard-core-distance",
            "No two retained Matérn II nodes are closer than the hard-core distance.",
            f"{STUDY}, Monte Carlo; the definition of the Matérn II process",
            None if seen.empty else closest >= r * (1 - 1e-9),
            "no realisation held two nodes" if seen.empty else
            f"closest pair {closest:.4f} km against a hard core of {r:g} km",
        ),
    ]  # fmt: skip


def thomas_claims(
    thomas_counts: pd.DataFrame, thomas_k: pd.DataFrame, p: Mapping[str, Any]
) -> list[Claim]:
    """Claims of the Thomas Monte Carlo: intensity, K function and clustering."""
    n = p["thomas_realisations"]
    enough = n >= MIN_REALISATIONS
    few = f"only {n} realisations (needs {MIN_REALISATIONS})"
    lam_p, mu = p["thomas_parent_density_per_km2"], p["thomas_mean_children"]
    radius_km, d_max = p["thomas_dome_radius_km"], float(thomas_k["distance_km"].max())
    parents = n * lam_p * _cap_km2(radius_km)
    row = thomas_counts.iloc[0]
    count_ok = enough and parents >= MIN_EVENTS
    # Expected pairs over all realisations: n * lambda^2 |W_inner| K(d).
    inner = _cap_km2(radius_km - d_max)
    pairs = n * (lam_p * mu) ** 2 * inner * thomas_k["k_theory_km2"]
    judged = thomas_k[pairs >= MIN_EVENTS] if count_ok else thomas_k.iloc[:0]
    ok = judged["z"].abs() < Z_LIMIT
    planned = thomas_k["excess_theory_km2"] / thomas_k["k_se_km2"].where(thomas_k["k_se_km2"] > 0)
    strong = thomas_k[planned >= 2 * Z_LIMIT] if count_ok else thomas_k.iloc[:0]
    clustered = strong["excess_mean_km2"] > Z_LIMIT * strong["k_se_km2"]
    gate = few if not enough else f"only {parents:.1f} expected cluster centres in all realisations"
    return [
        _check(
            "validation-thomas-count",
            "The Thomas process has the intensity lambda_p mu: its mean count on the dome is "
            "within 4 standard errors of lambda_p mu |A|.",
            f"{STUDY}, Monte Carlo; Chiu et al. 2013, Sec. 5.3",
            None if not count_ok else abs(row["z"]) < Z_LIMIT,
            gate if not count_ok else
            f"mean {row['mean_count']:.2f} against {row['expected_count']:.2f} nodes "
            f"(z = {row['z']:.2f}) over {n} realisations".replace("= -", "= −"),
        ),
        _check(
            "validation-thomas-k",
            "The Thomas process's Ripley K agrees with a(d) + (1 − exp(−d²/4σ²)) / "
            "lambda_p within 4 standard errors at every distance from sigma/2 to 4 sigma.",
            f"{STUDY}, Monte Carlo; Chiu et al. 2013, eq. 5.47",
            None if judged.empty else bool(ok.all()),
            gate if not count_ok else "too few expected pairs at every distance"
            if judged.empty else
            f"{int(ok.sum())} of {len(judged)} distances within 4 SE (largest |z| "
            f"{_fmt_z(judged['z'])})",
        ),
        _check(
            "validation-thomas-clustered",
            "The Thomas process is clustered: its pair excess K(d) - a(d) is above 4 standard "
            "errors at every distance where theory puts it well above (at least 8 SE).",
            f"{STUDY}, Monte Carlo; Chiu et al. 2013, Sec. 5.3",
            None if strong.empty else bool(clustered.all()),
            gate if not count_ok else
            "the pair excess is within 8 SE of zero at every distance: no power" if strong.empty
            else f"smallest excess / SE over the {len(strong)} distances with power: "
            f"{(strong['excess_mean_km2'] / strong['k_se_km2']).min():.1f}",
        ),
    ]  # fmt: skip
