"""sagin_lib: coverage and node sampling in space-air-ground integrated networks.

The library behind the SAGIN coverage study. It is layered, each layer a
subpackage that imports only from the ones before it:

* :mod:`sagin_lib.model`: constants, the six scenarios, the sphere, the
  coverage dome (Lemma 1, Proposition 1, Theorem 1) and link budgets;
* :mod:`sagin_lib.sampling`: nodes on domes (area-uniform and Poisson samplers,
  seeded block streams, hard-core and cluster processes, the scenes of Fig. 4,
  the Monte Carlo checks against theory);
* :mod:`sagin_lib.platforms`: the survey's near-space projects as data,
  platforms compared, HAPS coverage probability;
* :mod:`sagin_lib.scale`: populations and sweeps on Dask (optional extra);
* :mod:`sagin_lib.study`: the book's chapters (parameter specs, claims,
  figures with provenance, the rerun command) and the fidelity ledger of the
  two sources' statements.

This top level holds the names a reader of the book uses. Every function takes
units spelled out in its argument names (radians, km, Hz), broadcasts over
NumPy arrays, raises :class:`ValueError` naming the argument on bad input, and
takes ``rng`` (an int, a SeedSequence, a Generator or None) when it is random.
"""

from __future__ import annotations

from sagin_lib.model.constants import (
    EARTH_RADIUS_KM,
    GEO_ALT_KM,
    HAP_ALT_KM,
    LEO_ALT_KM,
    MEO_ALT_KM,
    SPEED_OF_LIGHT_M_S,
    UAV_ALT_KM,
)
from sagin_lib.model.coverage import (
    beamwidth_rad,
    coverage_dome,
    downlink_vertex_angle_rad,
    elevation_angle_rad,
    slant_range_km,
    uplink_vertex_angle_rad,
)
from sagin_lib.model.dome import Dome, dome_area_km2, flat_disc_area_km2
from sagin_lib.model.links import free_space_path_loss_db, propagation_delay_s
from sagin_lib.model.scenarios import SCENARIOS, Scenario, get_scenario
from sagin_lib.model.sphere import in_dome, latlon_deg_to_direction_rad
from sagin_lib.platforms.comparison import compare_platforms, ground_footprint
from sagin_lib.platforms.projects import load_nsp_projects
from sagin_lib.sampling.area_uniform import ppp_dome, sample_dome
from sagin_lib.sampling.matern_thomas import matern_ii_dome, thomas_dome
from sagin_lib.sampling.streams import iter_dome_blocks
from sagin_lib.study.ledger import load_fidelity_ledger

__version__ = "0.2.0"

__all__ = [
    "__version__",
    "EARTH_RADIUS_KM",
    "GEO_ALT_KM",
    "HAP_ALT_KM",
    "LEO_ALT_KM",
    "MEO_ALT_KM",
    "SCENARIOS",
    "SPEED_OF_LIGHT_M_S",
    "UAV_ALT_KM",
    "Dome",
    "Scenario",
    "beamwidth_rad",
    "compare_platforms",
    "coverage_dome",
    "dome_area_km2",
    "downlink_vertex_angle_rad",
    "elevation_angle_rad",
    "flat_disc_area_km2",
    "free_space_path_loss_db",
    "get_scenario",
    "ground_footprint",
    "in_dome",
    "iter_dome_blocks",
    "latlon_deg_to_direction_rad",
    "load_fidelity_ledger",
    "load_nsp_projects",
    "matern_ii_dome",
    "ppp_dome",
    "propagation_delay_s",
    "sample_dome",
    "slant_range_km",
    "thomas_dome",
    "uplink_vertex_angle_rad",
]
