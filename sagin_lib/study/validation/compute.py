"""The validation chapter's computations: the Monte Carlo runs and the tidy tables of every figure.

The Monte Carlo loops are in :mod:`sagin_lib.sampling.monte_carlo`; this module converts the
chapter's parameters (GHz, degrees, km, per km^2) and builds each figure's tidy table.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.dome import Dome
from sagin_lib.model.sphere import latlon_deg_to_direction_rad
from sagin_lib.sampling.monte_carlo import (
    contact_pit,
    count_summary,
    dome_monte_carlo,
    ks_summary,
    matern_ii_validation,
    nearest_neighbour_summary,
    six_scenario_domes,
    thomas_validation,
)

#: The two samplers, as named in the tables.
RIGHT, WRONG = "area-uniform", "polar-uniform (wrong)"
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


def center_angles_rad(p: Mapping[str, Any]) -> tuple[float, float]:
    """Azimuth and polar angle (rad) of the domes' centre."""
    az, pol = latlon_deg_to_direction_rad(p["center_lat_deg"], p["center_lon_deg"])
    return float(az), float(pol)


def thomas_distances_km(p: Mapping[str, Any]) -> np.ndarray:
    """The distances at which Ripley's K is estimated: 0.5 to 4 sigma, eight of them."""
    return np.linspace(0.5, 4.0, 8) * p["thomas_sigma_km"]


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
