"""The sampling chapter: Algorithm 1 and Fig. 4 of the coverage paper, with claims.

The chapter draws Poisson transmitters on coverage domes (Algorithm 1), shows
the area-uniform sampler against the tempting polar-uniform one, the three
uplinks around a satellite receiver (Fig. 4a) with the ground-to-air-to-
satellite relaying sweep, and the three downlinks around a ground user under a
LEO shell (Fig. 4b). This module declares the chapter's parameters
(:data:`SPEC`), builds every figure and table, and computes the chapter's
claims; the notebook only narrates and calls it.

The random draws follow the order of the chapter: one generator seeded with
``seed`` draws the two demonstration samples, then the uplink scene, then the
downlink scene; the relaying sweep has its own streams spawned from ``seed``.

Two of the paper's remarks on Fig. 4 are computed without drawing anything: whether
the small G2A dome "supports equal or more transmitters" (expected counts under the
chapter's densities), and its reason (ii) for the nearly coinciding S2A domes (a
large minimum elevation at the aerial receivers), swept over the elevation.
"""

from __future__ import annotations

from .claims import (
    ALGORITHM_CHECK,
    N_SIGMA,
    RELAY_CHECK,
    RELAY_RIM_ALLOWANCE,
    SLIGHT_EXCESS,
    TINY_FRACTION,
    aerial_min_elevation_claim,
    chapter_claims,
    demo_claims,
    downlink_claims,
    g2a_transmitters_claim,
    relay_claims,
    uplink_claims,
)
from .compute import (
    COINCIDE_SHARE,
    DEMO_SAMPLERS,
    ELEVATION_SWEEP_DEG,
    ELEVATION_VARIED,
    aerial_elevation_table,
    common_share,
    demo_samples,
    demo_table,
    dome_table,
    downlink_data,
    lambda_star_per_km2,
    run_downlink,
    run_relay_sweep,
    run_uplink,
    uav_g2a_dome,
    uplink_data,
    uplink_parameters,
)
from .figures import (
    EARTH_BLUE,
    GREY,
    MAX_PLOTLY_POINTS,
    PLOTLY_HEIGHT_PX,
    RELAY_MISSING_OK,
    aerial_elevation_figure,
    demo_figure,
    downlink_figure,
    downlink_plotly,
    plotly_bundle,
    relay_figure,
    uplink_figure,
    uplink_plotly,
)
from .prose import downlink_glue, intro_glue, relay_glue, remarks_glue, uplink_glue
from .spec import (
    DOWNLINK_REGION_FACTOR,
    MAX_S2A_PAIRS,
    MAX_SCENE_NODES,
    MAX_SWEEP_NODES,
    PAPER,
    RELAY_REGION_FACTOR,
    SPEC,
    STUDY,
    UPLINK_REGION_FACTOR,
    expected_draws,
)
from .tables import counts_display, dome_display

__all__ = [
    "PAPER",
    "STUDY",
    "UPLINK_REGION_FACTOR",
    "DOWNLINK_REGION_FACTOR",
    "RELAY_REGION_FACTOR",
    "MAX_SCENE_NODES",
    "MAX_S2A_PAIRS",
    "MAX_SWEEP_NODES",
    "expected_draws",
    "SPEC",
    "COINCIDE_SHARE",
    "DEMO_SAMPLERS",
    "uplink_parameters",
    "demo_samples",
    "demo_table",
    "run_uplink",
    "dome_table",
    "uplink_data",
    "downlink_data",
    "run_relay_sweep",
    "lambda_star_per_km2",
    "run_downlink",
    "ELEVATION_SWEEP_DEG",
    "ELEVATION_VARIED",
    "common_share",
    "aerial_elevation_table",
    "uav_g2a_dome",
    "dome_display",
    "counts_display",
    "GREY",
    "EARTH_BLUE",
    "demo_figure",
    "uplink_figure",
    "PLOTLY_HEIGHT_PX",
    "plotly_bundle",
    "MAX_PLOTLY_POINTS",
    "uplink_plotly",
    "relay_figure",
    "RELAY_MISSING_OK",
    "downlink_figure",
    "downlink_plotly",
    "aerial_elevation_figure",
    "ALGORITHM_CHECK",
    "RELAY_CHECK",
    "N_SIGMA",
    "SLIGHT_EXCESS",
    "TINY_FRACTION",
    "RELAY_RIM_ALLOWANCE",
    "demo_claims",
    "uplink_claims",
    "relay_claims",
    "downlink_claims",
    "g2a_transmitters_claim",
    "aerial_min_elevation_claim",
    "chapter_claims",
    "uplink_glue",
    "relay_glue",
    "downlink_glue",
    "remarks_glue",
    "intro_glue",
]
