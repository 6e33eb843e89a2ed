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

from .claims import ALGORITHM, WRONG_READING, matern_claims, ppp_claims, thomas_claims
from .compute import (
    KS_P_LIMIT,
    MIN_EVENTS,
    MIN_REALISATIONS,
    RIGHT,
    UNIFORMITY_BINS,
    WRONG,
    center_angles_rad,
    counts_table,
    domes_table,
    ks_critical,
    ks_table,
    matern_table,
    nn_table,
    ppp_monte_carlo,
    thomas_distances_km,
    thomas_tables,
    uniformity_table,
    wrong_inner_z,
    wrong_ks_distance,
)
from .figures import (
    KS_UNDERFLOW_LOG10,
    MISSING_OK,
    SAMPLER_STYLE,
    figure_texts,
    plot_counts,
    plot_hard_core,
    plot_ks,
    plot_nearest_neighbour,
    plot_thomas,
    plot_uniformity,
)
from .prose import prose_numbers, thomas_count_text
from .spec import (
    MAX_MATERN_PARENTS,
    MAX_MATERN_PARENTS_PER_RUN,
    MAX_PARENTS_PER_CAP,
    MAX_PPP_NODES,
    MAX_THOMAS_NODES,
    MAX_THOMAS_PAIRS,
    PAPER,
    SPEC,
    STUDY,
    matern_parent_load,
    matern_parents_per_cap,
    matern_parents_per_run,
    thomas_node_load,
    thomas_pair_load,
)
from .tables import (
    counts_display,
    domes_display,
    ks_display,
    matern_display,
    nn_display,
    thomas_display,
)

__all__ = [
    "PAPER",
    "STUDY",
    "MAX_PPP_NODES",
    "MAX_MATERN_PARENTS",
    "MAX_MATERN_PARENTS_PER_RUN",
    "MAX_PARENTS_PER_CAP",
    "MAX_THOMAS_NODES",
    "MAX_THOMAS_PAIRS",
    "matern_parent_load",
    "matern_parents_per_run",
    "matern_parents_per_cap",
    "thomas_node_load",
    "thomas_pair_load",
    "SPEC",
    "RIGHT",
    "WRONG",
    "KS_P_LIMIT",
    "MIN_REALISATIONS",
    "MIN_EVENTS",
    "UNIFORMITY_BINS",
    "center_angles_rad",
    "thomas_distances_km",
    "domes_table",
    "ppp_monte_carlo",
    "counts_table",
    "ks_table",
    "nn_table",
    "uniformity_table",
    "matern_table",
    "thomas_tables",
    "wrong_inner_z",
    "ks_critical",
    "wrong_ks_distance",
    "domes_display",
    "counts_display",
    "ks_display",
    "nn_display",
    "matern_display",
    "thomas_display",
    "SAMPLER_STYLE",
    "MISSING_OK",
    "plot_counts",
    "plot_uniformity",
    "KS_UNDERFLOW_LOG10",
    "plot_ks",
    "plot_nearest_neighbour",
    "plot_hard_core",
    "plot_thomas",
    "figure_texts",
    "ALGORITHM",
    "WRONG_READING",
    "ppp_claims",
    "matern_claims",
    "thomas_claims",
    "prose_numbers",
    "thomas_count_text",
]
