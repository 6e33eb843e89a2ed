"""The scaling chapter's parameters (:data:`SPEC`) and the thresholds of its checks."""

from __future__ import annotations

from scipy import stats

from sagin_lib.study.quantities import quantity
from sagin_lib.study.sources import COVERAGE_PAPER
from sagin_lib.study.spec import ChapterSpec, Constraint, Param, output_dir_param

PAPER = COVERAGE_PAPER


#: Largest number of spot beams.
MAX_BEAMS = 8


SPEC = ChapterSpec(
    "scaling",
    (
        output_dir_param("scaling"),
        Param("scheduler_address", "",
              "tcp://host:port; empty: $SAGIN_DASK_SCHEDULER, else a LocalCluster"),
        Param("n_workers", 2, "worker processes of the LocalCluster (ignored with a scheduler address)",
              low=1, high=8),
        quantity("seed", 20260601, help="root seed of the user population"),
        Param("n_users", 100000000, "ground users under the GEO footprint (binomial point process)",
              low=0, high=1_000_000_000),
        quantity("geo_alt_km"),
        Param("geo_lon_deg", 10.0, "sub-satellite longitude (on the equator)",
              unit="deg", low=-180.0, high=180.0),
        quantity("min_elevation_deg", help="minimum elevation of the users: the footprint rim",
                 aliases=("min_elev_deg",)),
        Param("elev_bin_deg", 1.0, "width of the elevation bins", unit="deg", low=0.1, high=90.0),
        Param("distance_bin_km", 50.0, "width of the slant-range bins",
              unit="km", low=1.0, high=10000.0),
        Param("beam_lat_deg", [0.0, 25.0, -30.0, 45.0], "spot-beam centres, latitude",
              unit="deg", low=-90.0, high=90.0, max_items=MAX_BEAMS),
        Param("beam_lon_deg", [10.0, 0.0, 30.0, 15.0], "spot-beam centres, longitude",
              unit="deg", low=-180.0, high=180.0, max_items=MAX_BEAMS),
        Param("beam_radius_km", 250.0, "ground radius of every spot-beam dome (along the surface)",
              unit="km", low=1.0, high=20000.0),
        Param("sweep_users", 2000, "users per point of the distributed HAPS sweep",
              low=1, high=200000),
    ),
    (
        Constraint(("beam_lat_deg", "beam_lon_deg"),
                   "as many beam latitudes as beam longitudes (len(beam_lat_deg) == len(beam_lon_deg))",
                   lambda v: len(v["beam_lat_deg"]) == len(v["beam_lon_deg"])),
    ),
)  # fmt: skip


#: Two-sided tail probability of a normal variable beyond 4 standard errors. The
#: statistical claims hold when their p-value (exact binomial, chi-square or the
#: nearest-user law) is at least this: a 4-standard-error band, whatever the test.
P_MIN = float(2.0 * stats.norm.sf(4.0))


#: Adjacent histogram bins are pooled until each expects at least this many users
#: (the usual validity condition of the chi-square approximation).
MIN_EXPECTED = 5.0


#: Populations with at most this many blocks are also reduced whole on this
#: process; larger ones are compared block by block on :func:`identity_blocks`.
FULL_CHECK_BLOCKS = 3


#: The sweep of the platforms chapter run on the cluster: HAPS and satellite counts.
SWEEP_HAPS = (0, 10, 40)


SWEEP_SATS = (0, 60, 200)
