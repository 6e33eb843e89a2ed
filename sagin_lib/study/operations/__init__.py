"""The operations chapter: platform sway and handover, solar energy budget, latency.

The chapter (``book/operations.ipynb``) operates a near-space platform as the
survey describes it: swayed by the wind (Fig. 10, Sec. IV-C), powered by the
sun through the night (Sec. II, III-B, Table I) and serving users at low
latency (Sec. I-A, IV, V).

This package declares the chapter's parameters (:data:`SPEC`, in
:mod:`~sagin_lib.study.operations.spec`) and holds every table, figure and
claim the notebook shows: the computations (sway and handover in
:mod:`~sagin_lib.study.operations.compute_motion`, the solar budget in
:mod:`~sagin_lib.study.operations.compute_energy`, latency in
:mod:`~sagin_lib.study.operations.compute`, the sensitivity sweep in
:mod:`~sagin_lib.study.operations.compute_sensitivity`), the tables with the
assumptions and their sources (:mod:`~sagin_lib.study.operations.tables`),
the figures (:mod:`~sagin_lib.study.operations.figures`), the claims
(:mod:`~sagin_lib.study.operations.claims`) and the prose values
(:mod:`~sagin_lib.study.operations.prose`); every public name is re-exported
here.

Parameters come as the checked mapping of :meth:`ChapterSpec.bind`, in the
chapter's human units (km, degrees, s, W, m^2, kg, Wh/kg, %, ms, days).
"""

from __future__ import annotations

from .claims import chapter_claims
from .compute import latency_conditions, latency_summary, latency_sweep
from .compute_energy import (
    platform_budget,
    solar_summary,
    solar_tables,
    year_round_latitudes,
    yuanmeng_hull,
    yuanmeng_propulsion_w,
    zephyr_flight,
)
from .compute_motion import (
    MOTIONS,
    PATTERN,
    attitude_and_displacement_shares,
    motion_states,
    sway_summary,
    sway_tables,
)
from .compute_sensitivity import HEADLINES, SENSITIVITY_INPUTS, SENSITIVITY_POINTS, sensitivity
from .figures import (
    SWAY_MISSING_OK,
    coinciding_curves,
    latency_figure,
    sensitivity_figure,
    solar_figure,
    sway_figure,
)
from .prose import prose_values
from .spec import (
    HUNDREDS_MS,
    MONTHS_DAYS,
    MS_LEVEL_MS,
    PLATFORMS,
    QUADRATURE_TOL,
    SOLAR_STEPS_PER_DAY,
    SPEC,
    Z_BAND,
)
from .tables import (
    assumptions_table,
    display_latency,
    display_sensitivity,
    display_solar,
    display_sway,
    save_assumptions,
    save_sensitivity_inputs,
    sensitivity_inputs_table,
)

__all__ = [
    "HEADLINES",
    "HUNDREDS_MS",
    "MONTHS_DAYS",
    "MOTIONS",
    "MS_LEVEL_MS",
    "PATTERN",
    "PLATFORMS",
    "QUADRATURE_TOL",
    "SENSITIVITY_INPUTS",
    "SENSITIVITY_POINTS",
    "SOLAR_STEPS_PER_DAY",
    "SPEC",
    "SWAY_MISSING_OK",
    "Z_BAND",
    "assumptions_table",
    "attitude_and_displacement_shares",
    "chapter_claims",
    "coinciding_curves",
    "display_latency",
    "display_sensitivity",
    "display_solar",
    "display_sway",
    "latency_conditions",
    "latency_figure",
    "latency_summary",
    "latency_sweep",
    "motion_states",
    "platform_budget",
    "prose_values",
    "save_assumptions",
    "save_sensitivity_inputs",
    "sensitivity",
    "sensitivity_figure",
    "sensitivity_inputs_table",
    "solar_figure",
    "solar_summary",
    "solar_tables",
    "sway_figure",
    "sway_summary",
    "sway_tables",
    "year_round_latitudes",
    "yuanmeng_hull",
    "yuanmeng_propulsion_w",
    "zephyr_flight",
]
