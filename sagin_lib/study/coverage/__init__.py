"""The coverage chapter: Fig. 3 of the coverage paper, its statements as claims.

The chapter sweeps the dome of the six scenarios against the carrier frequency
(uplinks), the receiver's minimum elevation (downlinks) and the layers'
altitudes, compares the two uplink cases of Proposition 1 and the dome with
the flat disc of the same rim, and checks the paper's insights: Insight 2 (a
higher receiver, a larger dome, "for all six scenarios"), read for the uplinks
and for the downlinks, Insight 3 (downlink domes larger than uplink domes)
across layer pairs and frequencies, and the growing difference between the A2S
and G2S domes as the aerial layer rises. Each claim states what the paper
states; its verdict says whether that holds under the run's parameters.

Parameters are in the chapter's human units (GHz, degrees, km, m) and
converted once, here. Every figure is 7.4 in wide (shown at natural size in
the book), with its legend under the axes; curves that lie on each other carry
markers or are named in a note (see :func:`tidy_log_axis` for the ticks).
"""

from __future__ import annotations

from .claims import (
    MUCH_SMALLER_FACTOR,
    air_altitude_gap_claim,
    altitude_claims,
    downlink_claims,
    insight2_claims,
    insight3_claim,
    uplink_claims,
)
from .compute import (
    AIR_SWEEP_POINTS,
    INSIGHT3_LOW_GHZ,
    LAYER_PAIRS,
    RX_SWEEP_LOW_KM,
    RX_SWEEP_POINTS,
    Case,
    air_altitude_gap_table,
    altitude_table,
    case1_limits,
    cases_frame,
    dome_vs_flat_table,
    downlink_cases,
    downlink_elevation_table,
    insight2_figure_data,
    insight2_table,
    insight3_table,
    point_domes,
    summary_table,
    uplink_cases,
    uplink_cases_table,
    uplink_crossover_ghz,
    uplink_frequency_table,
)
from .figures import (
    DOME_VS_FLAT_MISSING_OK,
    EARTH_AREA_KM2,
    FIG_WIDTH_IN,
    INSIGHT2_MISSING_OK,
    plot_air_altitude_gap,
    plot_altitude,
    plot_dome_vs_flat,
    plot_downlink_elevation,
    plot_insight2,
    plot_insight3,
    plot_uplink_cases,
    plot_uplink_frequency,
    tidy_log_axis,
)
from .prose import insight_numbers, prose_numbers
from .spec import PAPER, SPEC
from .tables import SUMMARY_FORMAT, case1_table, curves_table

__all__ = [
    "PAPER",
    "SPEC",
    "Case",
    "uplink_cases",
    "downlink_cases",
    "cases_frame",
    "uplink_frequency_table",
    "downlink_elevation_table",
    "altitude_table",
    "uplink_cases_table",
    "case1_limits",
    "point_domes",
    "dome_vs_flat_table",
    "summary_table",
    "LAYER_PAIRS",
    "AIR_SWEEP_POINTS",
    "RX_SWEEP_POINTS",
    "RX_SWEEP_LOW_KM",
    "INSIGHT3_LOW_GHZ",
    "insight2_table",
    "insight2_figure_data",
    "uplink_crossover_ghz",
    "insight3_table",
    "air_altitude_gap_table",
    "curves_table",
    "case1_table",
    "SUMMARY_FORMAT",
    "DOME_VS_FLAT_MISSING_OK",
    "FIG_WIDTH_IN",
    "EARTH_AREA_KM2",
    "tidy_log_axis",
    "plot_uplink_frequency",
    "plot_downlink_elevation",
    "plot_altitude",
    "plot_uplink_cases",
    "plot_dome_vs_flat",
    "INSIGHT2_MISSING_OK",
    "plot_insight2",
    "plot_insight3",
    "plot_air_altitude_gap",
    "MUCH_SMALLER_FACTOR",
    "uplink_claims",
    "downlink_claims",
    "altitude_claims",
    "insight2_claims",
    "insight3_claim",
    "air_altitude_gap_claim",
    "prose_numbers",
    "insight_numbers",
]
