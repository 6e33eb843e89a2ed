"""The validation chapter's figures and their texts."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd

from sagin_lib.sampling.matern_thomas import (
    cap_area_km2,
    matern_ii_intensity_per_km2,
)
from sagin_lib.study.figures import SCENARIO_COLORS
from sagin_lib.study.formatting import format_number

from .compute import KS_P_LIMIT, RIGHT, WRONG

SAMPLER_STYLE: dict[str, dict[str, str]] = {
    RIGHT: {"marker": "o", "ls": "-", "color": "black"},
    WRONG: {"marker": "x", "ls": "--", "color": "#d95f02"},
}
#: Columns of the saved figure data that are empty where a statistic is undefined
#: (no spread among the realisations, or no pair of nodes observed).
MISSING_OK: dict[str, tuple[str, ...]] = {
    "validation-counts": ("z",),
    "validation-nearest-neighbour": ("z",),
    "validation-hard-core": ("z", "min_distance_km"),
    "validation-thomas": ("z",),
    "validation-ks": ("ks_statistic", "p_value"),
}


def _legend_below(fig: plt.Figure, ax: plt.Axes, ncol: int = 3) -> None:
    """The figure's legend under its axes, where it covers no data."""
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=ncol)


def plot_counts(counts: pd.DataFrame, order: list[str]) -> plt.Figure:
    """Mean count over expected count, with 95% intervals, per scenario, region and sampler."""
    fig, axes = plt.subplots(1, 2, figsize=(7.5, 3.6), sharey=True, layout="constrained")
    for ax, region in zip(axes, ["dome", "inner dome"], strict=True):
        for shift, sampler in ((-0.12, RIGHT), (0.12, WRONG)):
            rows = (
                counts[(counts["region"] == region) & (counts["sampler"] == sampler)]
                .set_index("scenario")
                .loc[order]
            )
            x = np.arange(len(order)) + shift
            low = rows["ratio"] - rows["ratio_ci95_low"]
            high = rows["ratio_ci95_high"] - rows["ratio"]
            ax.errorbar(x, rows["ratio"], yerr=[low, high], fmt=SAMPLER_STYLE[sampler]["marker"],
                        color=SAMPLER_STYLE[sampler]["color"], label=sampler, capsize=2)  # fmt: skip
        ax.axhline(1.0, color="0.4", lw=0.8, label="expected count")
        ax.set_xticks(np.arange(len(order)), order)
        ax.set_xlabel("scenario")
        ax.set_title(f"count in the {region}")
    axes[0].set_ylabel("mean count / expected count")
    _legend_below(fig, axes[1])
    return fig


_UNIFORMITY_LABELS = {
    "azimuth": r"azimuth / $2\pi$",
    "area fraction": r"area fraction $u$",
    "contact distance": r"$F(D)$ of the contact distance",
}


def plot_uniformity(hist: pd.DataFrame) -> plt.Figure:
    """Histograms of the three statistics that are uniform for a correct sampler."""
    fig, axes = plt.subplots(1, 3, figsize=(7.5, 3.2), layout="constrained")
    for ax, variable in zip(axes, _UNIFORMITY_LABELS, strict=True):
        for sampler in (RIGHT, WRONG):
            rows = hist[(hist["variable"] == variable) & (hist["sampler"] == sampler)]
            bins = np.append(rows["bin_low"].to_numpy(), rows["bin_high"].iloc[-1])
            ax.stairs(rows["density"].to_numpy(), bins, color=SAMPLER_STYLE[sampler]["color"],
                      ls=SAMPLER_STYLE[sampler]["ls"], label=sampler)  # fmt: skip
        ax.axhline(1.0, color="0.5", lw=0.8, ls=":", label="uniform")
        ax.set_xlabel(_UNIFORMITY_LABELS[variable])
        ax.set_ylabel("density")
        ax.set_xticks([0.0, 0.5, 1.0])
    _legend_below(fig, axes[0])
    return fig


#: Where a p-value below the smallest double is drawn, as ``-log10 p``.
KS_UNDERFLOW_LOG10 = 320.0


def _p_tick(y: float, _pos: int | None = None) -> str:
    """A tick of the ``-log10 p`` axis written as the p-value."""
    if y <= 0:
        return "1"
    if y >= KS_UNDERFLOW_LOG10:
        return "$<10^{-300}$"
    return f"$10^{{-{y:g}}}$"


def plot_ks(ks: pd.DataFrame, order: list[str]) -> plt.Figure:
    """KS p-values per scenario, variable and sampler against the threshold ``1e-4``.

    The axis is ``-log10 p`` (smaller p-values higher), linear below 1 and
    logarithmic above, labelled with the p-values. A p-value below the smallest
    positive double is drawn at the top with an upward marker; a group without
    values has no point.
    """
    fig, axes = plt.subplots(1, 3, figsize=(7.5, 3.6), sharey=True, layout="constrained")
    for ax, variable in zip(axes, ("azimuth", "area fraction", "contact distance"), strict=True):
        for shift, sampler in ((-0.15, RIGHT), (0.15, WRONG)):
            rows = ks[(ks["variable"] == variable) & (ks["sampler"] == sampler)]
            p = rows.set_index("scenario").reindex(order)["p_value"].to_numpy(dtype=float)
            x = np.arange(len(order)) + shift
            style = SAMPLER_STYLE[sampler]
            with np.errstate(divide="ignore"):
                y = -np.log10(p)
            shown = np.isfinite(y)
            ax.plot(x[shown], y[shown], style["marker"], color=style["color"], ls="none",
                    label=sampler)  # fmt: skip
            under = p == 0
            if under.any():
                ax.plot(x[under], np.full(int(under.sum()), KS_UNDERFLOW_LOG10), "^",
                        color=style["color"], ls="none",
                        label=f"{sampler}, below the float range")  # fmt: skip
        ax.axhline(-math.log10(KS_P_LIMIT), color="0.4", lw=0.8, ls="--",
                   label="threshold $p = 10^{-4}$")  # fmt: skip
        if not ks.loc[ks["variable"] == variable, "p_value"].notna().any():
            ax.text(0.5, 0.3, "no nodes drawn:\nno test", transform=ax.transAxes,
                    ha="center")  # fmt: skip
        ax.set_xlim(-0.5, len(order) - 0.5)
        ax.set_yscale("symlog", linthresh=1.0, linscale=0.6)
        ax.set_ylim(0.0, 2.0 * KS_UNDERFLOW_LOG10)
        ax.set_xticks(np.arange(len(order)), order, rotation=90)
        ax.set_xlabel("scenario")
        ax.set_title(variable)
    axes[0].set_yticks([0.0, 1.0, 4.0, 10.0, 100.0, KS_UNDERFLOW_LOG10])
    axes[0].yaxis.set_minor_locator(mticker.NullLocator())
    axes[0].yaxis.set_major_formatter(mticker.FuncFormatter(_p_tick))
    axes[0].set_ylabel("KS p-value (smaller upward)")
    handles, labels = [], []
    for ax in axes:
        for h, lab in zip(*ax.get_legend_handles_labels(), strict=True):
            if lab not in labels:
                handles.append(h)
                labels.append(lab)
    fig.legend(handles, labels, loc="outside lower center", ncol=2)
    return fig


def _theory_groups(nn: pd.DataFrame, order: list[str], tol: float = 1e-2) -> list[list[str]]:
    """Scenarios whose theoretical ``G`` (against the distance fraction) is one curve to the eye.

    Curves within ``tol`` of each other everywhere (a few pixels of the panel's
    unit height) cannot be told apart when drawn, so they are drawn once.
    """
    curves = {
        sc: nn[(nn["scenario"] == sc) & (nn["sampler"] == RIGHT)][
            ["distance_fraction", "g_theory"]
        ].to_numpy()
        for sc in order
    }
    groups: list[list[str]] = []
    for sc in order:
        for group in groups:
            ref = curves[group[0]]
            if ref.shape == curves[sc].shape and np.allclose(ref, curves[sc], atol=tol, rtol=0):
                group.append(sc)
                break
        else:
            groups.append([sc])
    return groups


def plot_nearest_neighbour(nn: pd.DataFrame, order: list[str]) -> plt.Figure:
    """Monte Carlo ``G`` with 95% intervals against ``1 - exp(-lambda a(d))``, both samplers.

    The theoretical curves of scenarios that coincide (within 0.01 against the
    distance fraction, as at equal mean counts) are drawn once.
    """
    fig, axes = plt.subplots(1, 2, figsize=(7.5, 4.2), sharey=True, layout="constrained")
    groups = _theory_groups(nn, order)
    for ax, sampler in zip(axes, (RIGHT, WRONG), strict=True):
        rows = nn[nn["sampler"] == sampler]
        for scenario in order:
            sc = rows[rows["scenario"] == scenario]
            ax.errorbar(sc["distance_fraction"], sc["g_mean"], yerr=1.96 * sc["g_se"],
                        fmt="o", ms=3, color=SCENARIO_COLORS[scenario], label=scenario,
                        alpha=0.85)  # fmt: skip
        for group in groups:
            sc = nn[(nn["scenario"] == group[0]) & (nn["sampler"] == sampler)]
            colour = "black" if len(group) > 1 else SCENARIO_COLORS[group[0]]
            label = (
                "Poisson formula, the same for all six domes"
                if len(group) == len(order)
                else f"Poisson formula, {', '.join(group)}"
            )
            ax.plot(sc["distance_fraction"], sc["g_theory"], color=colour, lw=1.0, label=label)
        ax.set_title(sampler)
        ax.set_xlabel(r"distance / $d_{\max}$")
    axes[0].set_ylabel(r"$G(d)$, border-corrected estimate")
    if (nn.loc[nn["sampler"] == WRONG, "g_mean"] > 1).any():
        axes[1].set_title(f"{WRONG}: above 1,\nnot a distribution function (caption)")
    _legend_below(fig, axes[0], ncol=4)
    return fig


def plot_hard_core(matern: pd.DataFrame, p: Mapping[str, Any]) -> plt.Figure:
    """Matern II intensity against the parent intensity: Monte Carlo, sphere and plane theory.

    Parent densities whose mean count is 0 have no point on the log axes.
    """
    r = p["hard_core_km"]
    densities = p["hard_core_parent_densities_per_km2"]
    lam_p = np.geomspace(min(densities) / 3, max(densities) * 3, 200)
    cap = float(cap_area_km2(r, 0.0))
    fig, ax = plt.subplots(figsize=(7.2, 4.6), layout="constrained")
    sphere = matern_ii_intensity_per_km2(lam_p, r, 0.0)
    ax.plot(lam_p, sphere, color="black",
            label="theory on the sphere" if r > 0 else r"theory at $r = 0$: no thinning")  # fmt: skip
    if r > 0:
        planar = -np.expm1(-lam_p * np.pi * r**2) / (np.pi * r**2)
        gap = float(np.max(np.abs(planar / sphere - 1.0)))
        ax.plot(lam_p, planar, color="0.5", ls="--", lw=1,
                label=rf"planar formula ($\pi r^2$): coincides to within "
                f"{format_number(100 * gap, 2)} %")  # fmt: skip
    if r > 0:
        ax.plot(lam_p, lam_p, color="0.7", ls=":", lw=1, label=r"no thinning, $\lambda_p$")
    if cap > 0:
        ax.axhline(1 / cap, color="0.7", lw=0.8, label=r"saturation $1/a(r)$")
    seen = matern[matern["intensity_per_km2"] > 0]
    ax.errorbar(seen["parent_density_per_km2"], seen["intensity_per_km2"],
                yerr=1.96 * seen["intensity_se_per_km2"], fmt="o", color="#d95f02", ms=5,
                label="Monte Carlo (95% CI)")  # fmt: skip
    ax.set_xscale("log")
    ax.set_yscale("log")
    top = 3 / cap if cap > 0 else 3 * lam_p.max()
    ax.set_ylim(lam_p.min() / 2, max(top, 3 * lam_p.min()))
    ax.set_xlabel(r"parent intensity $\lambda_p$ (per km$^2$)")
    ax.set_ylabel(r"intensity of retained nodes (per km$^2$)")
    _legend_below(fig, ax, ncol=2)
    return fig


def plot_thomas(thomas_k: pd.DataFrame, p: Mapping[str, Any]) -> plt.Figure:
    """Pair excess ``K(d) - a(d)`` of the Thomas process: Monte Carlo against theory."""
    sigma, lam_p = p["thomas_sigma_km"], p["thomas_parent_density_per_km2"]
    d_fine = np.linspace(0.0, thomas_k["distance_km"].max(), 200)
    fig, ax = plt.subplots(figsize=(7.2, 4.4), layout="constrained")
    ax.plot(d_fine, -np.expm1(-(d_fine**2) / (4 * sigma**2)) / lam_p, color="black",
            label=r"theory, $(1-e^{-d^2/4\sigma^2})/\lambda_p$")  # fmt: skip
    ax.errorbar(thomas_k["distance_km"], thomas_k["excess_mean_km2"],
                yerr=1.96 * thomas_k["k_se_km2"], fmt="o", color="#7570b3",
                label="Monte Carlo (95% CI)")  # fmt: skip
    ax.axhline(0.0, color="0.6", lw=0.8, label="Poisson process")
    ax.set_xlabel("distance along the sphere $d$ (km)")
    ax.set_ylabel(r"pair excess $K(d) - a(d)$ (km$^2$)")
    _legend_below(fig, ax)
    return fig


def figure_texts(p: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """Title and description of each figure, by figure id."""
    return {
        "validation-counts": {
            "title": "Mean PPP counts against λ|A|, six scenarios, two samplers",
            "description": (
                f"Mean over {p['n_realisations']} realisations, with 95% confidence intervals, "
                "of the node count in the dome and within half its vertex angle, divided by "
                "the expectation."
            ),
        },
        "validation-uniformity": {
            "title": "Azimuth, area fraction and contact distance, all six scenarios pooled: "
            "uniform for the area-uniform sampler",
            "description": (
                "Histograms (density) of the three statistics that are uniform on [0, 1] for a "
                "correct sampler, pooled over the six scenarios; the per-scenario KS tests are "
                "in the figure validation-ks."
            ),
        },
        "validation-ks": {
            "title": "Kolmogorov-Smirnov p-values of the azimuth, the area fraction and the "
            "contact distance, per scenario: a correct sampler stays above 10⁻⁴",
            "description": (
                "Exact one-sample KS tests against the uniform law, nodes of all realisations "
                "pooled per scenario and sampler; a p-value below the smallest double is drawn "
                "at 1e-300."
            ),
        },
        "validation-nearest-neighbour": {
            "title": "Nearest-neighbour distance function against the Poisson formula. The "
            "wrong sampler's estimates exceed 1: the estimator divides by λ|W|, the number of "
            "reference nodes a Poisson process of intensity λ puts in the inner window W, and "
            "that sampler crowds more nodes into W; for a pattern that is not Poisson with "
            "intensity λ the estimate is not a distribution function",
            "description": (
                "Border-corrected, unbiased estimates of G with 95% confidence intervals, six "
                "scenarios, for the area-uniform and the wrong sampler, against "
                "1 - exp(-lambda a(d))."
            ),
        },
        "validation-hard-core": {
            "title": "Matern II intensity on a dome against its theory",
            "description": (
                f"Hard-core distance {p['hard_core_km']:g} km along the sphere, dome of "
                f"{p['hard_core_dome_radius_km']:g} km radius; mean intensity over independent "
                "realisations with 95% confidence intervals."
            ),
        },
        "validation-thomas": {
            "title": "Thomas process on a dome: pair excess against theory",
            "description": (
                f"Border-corrected K minus the cap area, mean over {p['thomas_realisations']} "
                f"realisations with 95% confidence intervals; sigma = {p['thomas_sigma_km']:g} "
                f"km, {p['thomas_mean_children']:g} nodes per cluster."
            ),
        },
    }
