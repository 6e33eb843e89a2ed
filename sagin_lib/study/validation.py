"""The validation chapter: Monte Carlo of the dome samplers and point processes against theory.

The chapter runs a Poisson process on the domes of the six scenarios with the
area-uniform sampler of Algorithm 1 and with the tempting wrong one (polar
angle uniform), and checks counts, uniformity (Kolmogorov-Smirnov), contact
and nearest-neighbour distances against the analysis; then a Matern II
hard-core process and a Thomas cluster process against their theory. The Monte
Carlo loops are in :mod:`sagin_lib.sampling.monte_carlo`; this module converts the
chapter's parameters (GHz, degrees, km, per km^2), builds each figure's tidy
table, draws the figures and computes the claims.

Every statistical claim uses a threshold with a stated false-alarm rate (four
standard errors, a KS p-value of 1e-4 at a fixed seed) and a *power gate*:
where the parameters leave too few realisations or nodes for the test to
decide (the normal approximation of a mean, or the wrong sampler's expected
departure), the claim is ``not_applicable`` and its evidence says why.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.coverage import dome_area_km2
from sagin_lib.model.dome import Dome
from sagin_lib.model.sphere import latlon_deg_to_direction_rad
from sagin_lib.sampling.matern_thomas import (
    THOMAS_MARGIN_SIGMAS,
    cap_area_km2,
    matern_ii_intensity_per_km2,
)
from sagin_lib.sampling.monte_carlo import (
    Z_LIMIT,
    contact_pit,
    count_summary,
    dome_monte_carlo,
    ks_summary,
    matern_ii_validation,
    nearest_neighbour_summary,
    six_scenario_domes,
    thomas_validation,
)
from sagin_lib.study.claims import Claim, claim
from sagin_lib.study.figures import SCENARIO_COLORS
from sagin_lib.study.formatting import Table, format_number, format_table
from sagin_lib.study.sources import COVERAGE_PAPER
from sagin_lib.study.sources import STUDY as STUDY_SOURCE
from sagin_lib.study.spec import ChapterSpec, Constraint, Param, output_dir_param

PAPER = COVERAGE_PAPER
STUDY = STUDY_SOURCE
#: Where the checks of the area-uniform sampler come from.
ALGORITHM = f"{STUDY}, Monte Carlo; {PAPER}, Sec. IV-A, Algorithm 1, and Sec. III-A, Lemma 1"
#: Where the checks of the wrong sampler come from.
WRONG_READING = f"{STUDY}, Monte Carlo of the polar-uniform reading of {PAPER}, Algorithm 1"

#: Largest number of PPP nodes per dome and sampler over all realisations
#: (``mean_nodes * n_realisations``): keeps the largest run to seconds.
MAX_PPP_NODES = 200_000
#: Largest expected number of Matern II parents over all realisations and densities.
MAX_MATERN_PARENTS = 20_000_000
#: Largest expected number of Matern II parents in one realisation.
MAX_MATERN_PARENTS_PER_RUN = 200_000
#: Largest expected number of parents within a hard-core cap (the intensity is within
#: ``exp(-50)`` of its saturation long before; more only multiplies the pairs to thin).
MAX_PARENTS_PER_CAP = 50.0
#: Largest expected number of Thomas nodes (before clipping) over all realisations.
MAX_THOMAS_NODES = 10_000_000
#: Largest expected number of Thomas node pairs within 4 sigma over all realisations
#: (what Ripley's K counts; about a minute at the limit).
MAX_THOMAS_PAIRS = 1e11


def _cap_km2(radius_km: float) -> float:
    return float(cap_area_km2(radius_km, 0.0))


def matern_parent_load(p: Mapping[str, Any]) -> float:
    """Expected Matern II parents over all realisations and parent densities."""
    area = _cap_km2(p["hard_core_dome_radius_km"] + p["hard_core_km"])
    return sum(p["hard_core_parent_densities_per_km2"]) * area * p["hard_core_realisations"]


def matern_parents_per_run(p: Mapping[str, Any]) -> float:
    """Expected Matern II parents in one realisation at the largest parent density."""
    area = _cap_km2(p["hard_core_dome_radius_km"] + p["hard_core_km"])
    return max(p["hard_core_parent_densities_per_km2"]) * area


def matern_parents_per_cap(p: Mapping[str, Any]) -> float:
    """Expected parents within one hard-core cap at the largest parent density."""
    return max(p["hard_core_parent_densities_per_km2"]) * _cap_km2(p["hard_core_km"])


def thomas_node_load(p: Mapping[str, Any]) -> float:
    """Expected Thomas nodes (on the dome enlarged by the parent margin) over all realisations."""
    area = _cap_km2(p["thomas_dome_radius_km"] + THOMAS_MARGIN_SIGMAS * p["thomas_sigma_km"])
    lam = p["thomas_parent_density_per_km2"] * p["thomas_mean_children"]
    return lam * area * p["thomas_realisations"]


def thomas_pair_load(p: Mapping[str, Any]) -> float:
    """Expected Thomas node pairs within 4 sigma (Ripley's K) over all realisations."""
    lam = p["thomas_parent_density_per_km2"] * p["thomas_mean_children"]
    d = 4.0 * p["thomas_sigma_km"]
    k = _cap_km2(d) + (1 - math.exp(-4.0)) / p["thomas_parent_density_per_km2"]
    return p["thomas_realisations"] * lam**2 * _cap_km2(p["thomas_dome_radius_km"]) * k


SPEC = ChapterSpec(
    "validation",
    (
        output_dir_param("validation"),
        Param("seed", 7, "root seed of every Monte Carlo on this page", low=0, high=2**32 - 1),
        Param("freq_ghz", 2.0, "uplink carrier frequency", unit="GHz", low=0.05, high=300.0),
        Param("kappa_deg", 70.0, "illumination coefficient", unit="deg", low=10.0, high=180.0),
        Param("satellite_diameter_m", 2.0, "dish of a satellite receiver (A2S, G2S)",
              unit="m", low=0.05, high=100.0),
        Param("aerial_diameter_m", 0.5, "dish of an aerial receiver (G2A)",
              unit="m", low=0.05, high=100.0),
        Param("min_elevation_deg", 10.0, "minimum elevation of the downlink receivers",
              unit="deg", low=0.0, high=89.0),
        Param("air_alt_km", 20.0, "aerial layer (HAP)", unit="km", low=0.01, high=100.0),
        Param("space_alt_km", 600.0, "satellite layer (LEO)", unit="km", low=150.0,
              high=100000.0),
        Param("mean_nodes", 50.0, "mean nodes per dome in the PPP Monte Carlo",
              low=0.01, high=500.0),
        Param("n_realisations", 400, "PPP realisations per dome and sampler", low=2, high=2000),
        Param("center_lat_deg", -33.9, "where the domes are centred", unit="deg",
              low=-90.0, high=90.0),
        Param("center_lon_deg", 18.4, "where the domes are centred", unit="deg",
              low=-180.0, high=180.0),
        Param("hard_core_km", 10.0, "Matern II hard-core distance along the sphere",
              unit="km", low=0.0, high=100.0),
        Param("hard_core_dome_radius_km", 100.0, "radius along the ground of the Matern II dome",
              unit="km", low=1.0, high=1000.0),
        Param("hard_core_parent_densities_per_km2", [3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1],
              "parents", unit="per km^2", low=1e-6, high=1.0, max_items=8, increasing=True),
        Param("hard_core_realisations", 150, "Matern II realisations per parent density",
              low=2, high=1000),
        Param("thomas_parent_density_per_km2", 0.0002, "intensity of the Thomas cluster centres",
              unit="per km^2", low=1e-7, high=0.01),
        Param("thomas_mean_children", 10.0, "mean nodes per cluster", low=0.1, high=100.0),
        Param("thomas_sigma_km", 5.0, "cluster spread, per coordinate", unit="km",
              low=0.1, high=50.0),
        Param("thomas_dome_radius_km", 200.0, "radius along the ground of the Thomas dome",
              unit="km", low=5.0, high=1000.0),
        Param("thomas_realisations", 300, "Thomas realisations", low=2, high=1000),
    ),
    (
        Constraint(("air_alt_km", "space_alt_km"), "air_alt_km < space_alt_km (aerial below space)",
                   lambda v: v["air_alt_km"] < v["space_alt_km"]),
        Constraint(("mean_nodes", "n_realisations"),
                   f"mean_nodes * n_realisations <= {MAX_PPP_NODES} (nodes per dome and sampler)",
                   load=lambda v: v["mean_nodes"] * v["n_realisations"], limit=MAX_PPP_NODES),
        Constraint(("thomas_sigma_km", "thomas_dome_radius_km"),
                   "4 * thomas_sigma_km < thomas_dome_radius_km (K is estimated up to 4 sigma "
                   "inside the dome)",
                   lambda v: 4.0 * v["thomas_sigma_km"] < v["thomas_dome_radius_km"]),
        Constraint(("hard_core_km", "hard_core_dome_radius_km",
                    "hard_core_parent_densities_per_km2", "hard_core_realisations"),
                   f"expected Matern II parents over all realisations <= {MAX_MATERN_PARENTS}",
                   load=lambda v: matern_parent_load(v), limit=MAX_MATERN_PARENTS),
        Constraint(("hard_core_km", "hard_core_dome_radius_km",
                    "hard_core_parent_densities_per_km2"),
                   f"expected Matern II parents per realisation <= {MAX_MATERN_PARENTS_PER_RUN}",
                   load=lambda v: matern_parents_per_run(v), limit=MAX_MATERN_PARENTS_PER_RUN),
        Constraint(("hard_core_km", "hard_core_parent_densities_per_km2"),
                   f"expected parents per hard-core cap <= {MAX_PARENTS_PER_CAP:g} (the intensity "
                   "has saturated long before)",
                   load=lambda v: matern_parents_per_cap(v), limit=MAX_PARENTS_PER_CAP),
        Constraint(("thomas_parent_density_per_km2", "thomas_mean_children", "thomas_sigma_km",
                    "thomas_dome_radius_km", "thomas_realisations"),
                   f"expected Thomas nodes over all realisations <= {MAX_THOMAS_NODES}",
                   load=lambda v: thomas_node_load(v), limit=MAX_THOMAS_NODES),
        Constraint(("thomas_parent_density_per_km2", "thomas_mean_children", "thomas_sigma_km",
                    "thomas_dome_radius_km", "thomas_realisations"),
                   f"expected Thomas pairs within 4 sigma over all realisations <= "
                   f"{MAX_THOMAS_PAIRS:.0e}",
                   load=lambda v: thomas_pair_load(v), limit=MAX_THOMAS_PAIRS),
    ),
)  # fmt: skip

#: The two samplers, as named in the tables.
RIGHT, WRONG = "area-uniform", "polar-uniform (wrong)"
SAMPLER_STYLE: dict[str, dict[str, str]] = {
    RIGHT: {"marker": "o", "ls": "-", "color": "black"},
    WRONG: {"marker": "x", "ls": "--", "color": "#d95f02"},
}
#: KS p-value threshold: a correct sampler fails one test with probability 1e-4.
KS_P_LIMIT = 1e-4
#: Fewest realisations for which a mean is compared within 4 standard errors
#: (Student t with 29 degrees of freedom exceeds 4 with probability 4e-4).
MIN_REALISATIONS = 30
#: Fewest expected events (nodes, reference nodes within d, pairs) over all
#: realisations for a mean to be close enough to normal.
MIN_EVENTS = 10.0
#: Histogram bins of the uniformity figure.
UNIFORMITY_BINS = np.linspace(0.0, 1.0, 21)
#: Columns of the saved figure data that are empty where a statistic is undefined
#: (no spread among the realisations, or no pair of nodes observed).
MISSING_OK: dict[str, tuple[str, ...]] = {
    "validation-counts": ("z",),
    "validation-nearest-neighbour": ("z",),
    "validation-hard-core": ("z", "min_distance_km"),
    "validation-thomas": ("z",),
    "validation-ks": ("ks_statistic", "p_value"),
}


# --------------------------------------------------------------------------- parameters


def center_angles_rad(p: Mapping[str, Any]) -> tuple[float, float]:
    """Azimuth and polar angle (rad) of the domes' centre."""
    az, pol = latlon_deg_to_direction_rad(p["center_lat_deg"], p["center_lon_deg"])
    return float(az), float(pol)


def thomas_distances_km(p: Mapping[str, Any]) -> np.ndarray:
    """The distances at which Ripley's K is estimated: 0.5 to 4 sigma, eight of them."""
    return np.linspace(0.5, 4.0, 8) * p["thomas_sigma_km"]


# --------------------------------------------------------------------------- tables


def domes_table(p: Mapping[str, Any]) -> pd.DataFrame:
    """The domes of the six scenarios under the chapter's parameters."""
    return six_scenario_domes(
        freq_hz=p["freq_ghz"] * 1e9,
        satellite_diameter_m=p["satellite_diameter_m"],
        aerial_diameter_m=p["aerial_diameter_m"],
        kappa_rad=np.radians(p["kappa_deg"]),
        min_elevation_rad=np.radians(p["min_elevation_deg"]),
        air_alt_km=p["air_alt_km"],
        space_alt_km=p["space_alt_km"],
    )


def domes_display(domes: pd.DataFrame, p: Mapping[str, Any]) -> Table:
    """The domes with the PPP density of each (``mean_nodes / |A|``), formatted."""
    table = domes.assign(density_per_km2=p["mean_nodes"] / domes["area_km2"])
    return format_table(
        table[["scenario", "rx_alt_km", "tx_alt_km", "vertex_angle_deg", "area_km2",
               "density_per_km2"]],
        headers={
            "rx_alt_km": "receiver alt. (km)",
            "tx_alt_km": "transmitter alt. (km)",
            "vertex_angle_deg": "φ (°)",
            "area_km2": "area |A| (km²)",
            "density_per_km2": "λ (per km²)",
        },
        digits=4,
        caption="The six domes and the density λ of each",
    )  # fmt: skip


def ppp_monte_carlo(
    domes: pd.DataFrame,
    p: Mapping[str, Any],
    map_function: Callable[..., Iterable[dict[str, Any]]] = map,
) -> dict[str, pd.DataFrame]:
    """The PPP Monte Carlo on the six domes with both samplers (see :func:`dome_monte_carlo`)."""
    az, pol = center_angles_rad(p)
    return dome_monte_carlo(
        domes,
        mean_nodes=p["mean_nodes"],
        n_realisations=p["n_realisations"],
        rng=p["seed"],
        center_azimuth_rad=az,
        center_polar_rad=pol,
        map_function=map_function,
    )


def counts_table(mc: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Mean counts against their expectation, with the ratio and its 95% interval."""
    counts = count_summary(mc["counts"])
    counts["ratio"] = counts["mean_count"] / counts["expected_count"]
    counts["ratio_ci95_low"] = counts["ci95_low_count"] / counts["expected_count"]
    counts["ratio_ci95_high"] = counts["ci95_high_count"] / counts["expected_count"]
    return counts


def ks_table(mc: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """KS tests of azimuth, area fraction and contact distance per scenario and sampler."""
    return ks_summary(mc["nodes"], mc["contact"])


def nn_table(mc: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Mean border-corrected ``G`` against the Poisson formula (see the library summary)."""
    return nearest_neighbour_summary(mc["nn"])


def counts_display(counts: pd.DataFrame) -> Table:
    """The counts table, formatted and folded (the figure above shows it)."""
    cols = ["scenario", "sampler", "region", "mean_count", "ci95_low_count", "ci95_high_count",
            "expected_count", "z"]  # fmt: skip
    return format_table(
        counts[cols],
        headers={
            "mean_count": "mean count",
            "ci95_low_count": "95% CI, low",
            "ci95_high_count": "95% CI, high",
            "expected_count": "expected λ|A|",
            "z": "z of the mean",
        },
        digits=4,
        missing="no spread among the realisations",
        caption="Mean counts per scenario, region and sampler",
        fold_rows=0,
    )


def _pooled(mc: Mapping[str, pd.DataFrame], variable: str, sampler: str) -> np.ndarray:
    nodes, contact = mc["nodes"], mc["contact"]
    if variable == "azimuth":
        return (nodes.loc[nodes["sampler"] == sampler, "azimuth_rad"] / (2 * np.pi)).to_numpy()
    if variable == "area fraction":
        return nodes.loc[nodes["sampler"] == sampler, "area_fraction"].to_numpy()
    return contact_pit(contact[contact["sampler"] == sampler])


def _density_histogram(values: np.ndarray, bins: np.ndarray) -> np.ndarray:
    """``numpy.histogram(density=True)``, and zeros for no values."""
    if np.size(values) == 0:
        return np.zeros(bins.size - 1)
    return np.histogram(values, bins=bins, density=True)[0]


def uniformity_table(mc: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Histograms (density) of azimuth, area fraction and contact-distance PIT, pooled by sampler.

    The contact distance enters through ``F(D) / F(rim)`` for the non-empty
    realisations (:func:`~sagin_lib.sampling.monte_carlo.contact_pit`), uniform on
    ``[0, 1]`` for a correct sampler. A sampler without values has density 0.
    """
    bins = UNIFORMITY_BINS
    rows = [
        pd.DataFrame(
            {
                "variable": variable,
                "sampler": sampler,
                "bin_low": bins[:-1],
                "bin_high": bins[1:],
                "density": _density_histogram(_pooled(mc, variable, sampler), bins),
            }
        )
        for variable in ("azimuth", "area fraction", "contact distance")
        for sampler in (RIGHT, WRONG)
    ]
    return pd.concat(rows, ignore_index=True)


def ks_display(ks: pd.DataFrame, order: list[str]) -> Table:
    """KS p-values, one row per scenario, one column per (sampler, variable), folded."""
    wide = ks.pivot_table(
        index="scenario", columns=["sampler", "variable"], values="p_value", dropna=False
    ).reindex(order)
    wide.columns = [f"{sampler}, {variable}" for sampler, variable in wide.columns]
    wide = wide.reset_index()
    return format_table(
        wide,
        p_values=[c for c in wide.columns if c != "scenario"],
        missing="no nodes drawn",
        caption="KS p-values per scenario (the figure above)",
        fold_rows=0,
    )


def nn_display(nn: pd.DataFrame, order: list[str]) -> Table:
    """Largest ``|z|`` of the nearest-neighbour function per scenario and sampler, folded."""
    worst = nn.groupby(["scenario", "sampler"], sort=False)["z"].agg(lambda z: z.abs().max())
    wide = worst.unstack().reindex(order)
    wide.columns = [f"{sampler}, largest |z|" for sampler in wide.columns]
    return format_table(
        wide.reset_index(),
        digits=3,
        missing="no spread among the realisations",
        caption="Largest |z| of G over the distances, per scenario and sampler",
        fold_rows=0,
    )


def matern_table(p: Mapping[str, Any]) -> pd.DataFrame:
    """Matern II on the chapter's dome: mean counts and intensities against theory.

    ``min_distance_km`` is NaN (not observed) where no realisation held two
    nodes; the library reports ``+inf`` there.
    """
    matern = matern_ii_validation(
        p["hard_core_parent_densities_per_km2"],
        hard_core_km=p["hard_core_km"],
        dome=Dome(0.0, p["hard_core_dome_radius_km"] / EARTH_RADIUS_KM),
        n_realisations=p["hard_core_realisations"],
        rng=p["seed"],
    )
    area = matern["expected_count"] / matern["intensity_theory_per_km2"]
    matern["intensity_se_per_km2"] = matern["se_count"] / area
    matern["min_distance_km"] = matern["min_distance_km"].replace(math.inf, math.nan)
    return matern


def matern_display(matern: pd.DataFrame) -> Table:
    """The columns of the Matern II table a reader needs, formatted."""
    cols = ["parent_density_per_km2", "mean_count", "expected_count", "z", "min_distance_km"]
    return format_table(
        matern[cols],
        headers={
            "parent_density_per_km2": "parent density λₚ (per km²)",
            "mean_count": "mean count",
            "expected_count": "expected count",
            "z": "z of the mean",
            "min_distance_km": "closest pair (km)",
        },
        digits=4,
        missing={
            "z": "no spread among the realisations",
            "min_distance_km": "no realisation held two nodes",
        },
    )


def thomas_display(thomas_k: pd.DataFrame) -> Table:
    """Ripley's K of the Thomas process against theory, formatted and folded."""
    cols = ["distance_km", "k_mean_km2", "k_se_km2", "k_theory_km2", "excess_mean_km2",
            "excess_theory_km2", "z"]  # fmt: skip
    return format_table(
        thomas_k[cols],
        headers={
            "distance_km": "distance d (km)",
            "k_mean_km2": "K(d), Monte Carlo (km²)",
            "k_se_km2": "standard error (km²)",
            "k_theory_km2": "K(d), theory (km²)",
            "excess_mean_km2": "K(d) − a(d), Monte Carlo (km²)",
            "excess_theory_km2": "K(d) − a(d), theory (km²)",
            "z": "z",
        },
        digits=4,
        missing="no pair of nodes observed",
        caption="Ripley's K of the Thomas process per distance (the figure above)",
        fold_rows=0,
    )


def thomas_tables(p: Mapping[str, Any]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Thomas process on the chapter's dome: the count row and the K table."""
    return thomas_validation(
        parent_density_per_km2=p["thomas_parent_density_per_km2"],
        mean_children=p["thomas_mean_children"],
        sigma_km=p["thomas_sigma_km"],
        dome=Dome(0.0, p["thomas_dome_radius_km"] / EARTH_RADIUS_KM),
        distances_km=thomas_distances_km(p),
        n_realisations=p["thomas_realisations"],
        rng=p["seed"],
    )


def prose_numbers(p: Mapping[str, Any]) -> dict[str, str]:
    """The parameter values the chapter's prose quotes, formatted, keyed by glue name."""
    g2a = domes_table(p).set_index("scenario").at["G2A", "vertex_angle_rad"]
    return {
        "val_g2a_phi": format_number(float(g2a), 1),
        "val_min_runs": f"{MIN_REALISATIONS}",
        "val_min_events": f"{MIN_EVENTS:g}",
        "val_runs": f"{p['n_realisations']:g}",
        "val_nodes": f"{p['mean_nodes']:g}",
        "hc_runs": f"{p['hard_core_realisations']:g}",
        "hc_radius": f"{p['hard_core_dome_radius_km']:g}",
        "th_runs": f"{p['thomas_realisations']:g}",
        "th_radius": f"{p['thomas_dome_radius_km']:g}",
    }


def thomas_count_text(thomas_counts: pd.DataFrame) -> str:
    """The Thomas mean count against its expectation, in one Markdown sentence."""
    row = thomas_counts.iloc[0]
    z = "undefined" if math.isnan(row["z"]) else f"{row['z']:.2f}".replace("-", "−")
    return (
        f"Mean count {row['mean_count']:.1f} against $\\lambda_p\\mu|\\mathcal A|$ = "
        f"{row['expected_count']:.1f} (z = {z})."
    )


# --------------------------------------------------------------------------- figures


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


def _theory_groups(nn: pd.DataFrame, order: list[str], tol: float = 2e-3) -> list[list[str]]:
    """Scenarios whose theoretical ``G`` (against the distance fraction) is the same curve."""
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

    The theoretical curves of scenarios that coincide (the same curve against
    the distance fraction, as at equal mean counts) are drawn once.
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


# --------------------------------------------------------------------------- claims


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


def wrong_inner_z(domes: pd.DataFrame, p: Mapping[str, Any]) -> pd.Series:
    """Expected z of the wrong sampler's inner-dome count, per scenario (its power).

    The polar-uniform sampler puts half its nodes within half the vertex angle,
    where the area-uniform one puts the area share ``p_r``; over ``n``
    realisations of ``n_bar`` nodes the mean inner count departs by
    ``(1/2 - p_r) sqrt(2 n n_bar)`` standard errors.
    """
    phi = domes.set_index("scenario")["vertex_angle_rad"]
    share = (np.sin(phi / 4) / np.sin(phi / 2)) ** 2
    return (0.5 - share) * np.sqrt(p["n_realisations"] * p["mean_nodes"] / 0.5)


def ks_critical(alpha: float = KS_P_LIMIT) -> float:
    """``sqrt(n) D`` beyond which the (asymptotic) KS test gives ``p < alpha``."""
    return math.sqrt(math.log(2.0 / alpha) / 2.0)


def wrong_ks_distance(variable: str, phi_rad: float, mean_nodes: float) -> float:
    """KS distance between the wrong sampler's law and the uniform one, for one statistic.

    ``variable`` is ``"area fraction"`` (law ``theta(u) / phi`` with
    ``theta(u) = 2 asin(sqrt(u) sin(phi / 2))``) or ``"contact distance"``
    (the transform ``F(D) / F(rim)`` of the wrong sampler's contact distance).
    """
    v = np.linspace(0.0, 1.0, 2001)
    half = math.sin(0.5 * phi_rad)
    if variable == "area fraction":
        law = 2 * np.arcsin(np.sqrt(v) * half) / phi_rad
    else:
        rim = -math.expm1(-mean_nodes)
        v = v[:-1]  # both laws reach 1 at v = 1
        u = np.minimum(-np.log1p(-v * rim) / mean_nodes, 1.0)
        theta = 2 * np.arcsin(np.sqrt(u) * half)
        law = -np.expm1(-mean_nodes * theta / phi_rad) / rim
    return float(np.max(np.abs(law - v)))


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
