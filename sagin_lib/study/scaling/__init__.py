"""The scaling chapter: a GEO footprint's users generated and reduced on Dask, as claims.

A population of ``n_users`` ground users, uniform by area under the footprint of
one geostationary satellite (the S2G dome of the coverage model at the minimum
elevation), is generated block by block on a Dask cluster and reduced there to
histograms of the elevation and slant range to the satellite, counts in spot-beam
domes and each beam centre's nearest user. This package turns the chapter's
parameters (degrees, km) into that computation, builds the tables and figures,
and checks the chapter's statements as claims: every user counted once and inside
the footprint, histograms and beam counts that agree with the area law, nearest
users as close as the density predicts, and results identical to the
single-process stream. Its modules: :mod:`~sagin_lib.study.scaling.spec` (the
parameters), :mod:`~sagin_lib.study.scaling.compute`,
:mod:`~sagin_lib.study.scaling.tables`, :mod:`~sagin_lib.study.scaling.figures`,
:mod:`~sagin_lib.study.scaling.claims` and :mod:`~sagin_lib.study.scaling.prose`;
every public name is re-exported here.

Dask is an optional extra of ``sagin_lib``: it is imported inside the functions
that need it, never when this package is imported.
"""

from __future__ import annotations

from .claims import (
    beam_claims,
    chapter_claims,
    histogram_claims,
    identity_claims,
    population_claims,
)
from .compute import (
    ClusterRun,
    Footprint,
    StreamCheck,
    beam_shares,
    beam_table,
    binomial_p_value,
    cap_intersection_sr,
    distance_edges_km,
    distance_table,
    elevation_edges_deg,
    elevation_table,
    footprint,
    footprint_dome,
    identity_blocks,
    nearest_p_value,
    pooled_chi_square,
    population,
    reduce_on_cluster,
    reduction_plan,
    stream_check,
    sweeps,
)
from .figures import (
    BEAM_COLOR,
    DISTANCE_COLOR,
    ELEVATION_COLOR,
    plot_distance,
    plot_elevation,
    plot_spot_beams,
)
from .prose import half_below_deg, plan_numbers, population_numbers, prose_numbers
from .spec import (
    FULL_CHECK_BLOCKS,
    MAX_BEAMS,
    MIN_EXPECTED,
    P_MIN,
    PAPER,
    SPEC,
    SWEEP_HAPS,
    SWEEP_SATS,
)
from .tables import sweep_table

__all__ = [
    "BEAM_COLOR",
    "ClusterRun",
    "DISTANCE_COLOR",
    "ELEVATION_COLOR",
    "FULL_CHECK_BLOCKS",
    "Footprint",
    "MAX_BEAMS",
    "MIN_EXPECTED",
    "PAPER",
    "P_MIN",
    "SPEC",
    "SWEEP_HAPS",
    "SWEEP_SATS",
    "StreamCheck",
    "beam_claims",
    "beam_shares",
    "beam_table",
    "binomial_p_value",
    "cap_intersection_sr",
    "chapter_claims",
    "distance_edges_km",
    "distance_table",
    "elevation_edges_deg",
    "elevation_table",
    "footprint",
    "footprint_dome",
    "half_below_deg",
    "histogram_claims",
    "identity_blocks",
    "identity_claims",
    "nearest_p_value",
    "plan_numbers",
    "plot_distance",
    "plot_elevation",
    "plot_spot_beams",
    "pooled_chi_square",
    "population",
    "population_claims",
    "population_numbers",
    "prose_numbers",
    "reduce_on_cluster",
    "reduction_plan",
    "stream_check",
    "sweep_table",
    "sweeps",
]
