"""The validation chapter's parameters, and the loads that keep a run within minutes."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from sagin_lib.sampling.matern_thomas import (
    THOMAS_MARGIN_SIGMAS,
    cap_area_km2,
)
from sagin_lib.study.quantities import quantity
from sagin_lib.study.sources import COVERAGE_PAPER
from sagin_lib.study.sources import STUDY as STUDY_SOURCE
from sagin_lib.study.spec import ChapterSpec, Constraint, Param, output_dir_param

PAPER = COVERAGE_PAPER
STUDY = STUDY_SOURCE

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
        quantity("seed", 7, help="root seed of every Monte Carlo on this page"),
        quantity("freq_ghz", 2.0, help="uplink carrier frequency"),
        Param("kappa_deg", 70.0, "illumination coefficient", unit="deg", low=10.0, high=180.0),
        Param("satellite_diameter_m", 2.0, "dish of a satellite receiver (A2S, G2S)",
              unit="m", low=0.05, high=100.0),
        Param("aerial_diameter_m", 0.5, "dish of an aerial receiver (G2A)",
              unit="m", low=0.05, high=100.0),
        quantity("min_elevation_deg", 10.0, help="minimum elevation of the downlink receivers"),
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
