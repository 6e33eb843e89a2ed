"""The networks chapter: HAPS access, cellular and cell-free, with LEO backhaul (survey Fig. 9).

The chapter (``book/networks.ipynb``) rebuilds the two results of Lou,
Belmekki and Alouini that the near-space survey shows as its Fig. 9: the
energy efficiency of cellular and cell-free HAPS networks, and the coverage
probability against the number of HAPS for fixed LEO constellations. It
checks the coverage first in a direct-access model (a user served by a HAPS
or a satellite directly, Monte Carlo against closed forms, with and without
fading), then with the HAPS relaying the users' traffic to the satellites.
The source's parameter values are not in the survey, so every assumption is a
stated choice tabulated with its source (:func:`assumptions_table`).

This package declares the chapter's parameters (:data:`SPEC`, in
:mod:`~sagin_lib.study.networks.spec`) and holds its computations
(:mod:`~sagin_lib.study.networks.compute`, the energy efficiency in
:mod:`~sagin_lib.study.networks.compute_energy`, the sensitivity sweep in
:mod:`~sagin_lib.study.networks.compute_sensitivity`), tables
(:mod:`~sagin_lib.study.networks.tables`), figures
(:mod:`~sagin_lib.study.networks.figures`), claims
(:mod:`~sagin_lib.study.networks.claims`) and prose values
(:mod:`~sagin_lib.study.networks.prose`); every public name is re-exported
here. The library models are :mod:`sagin_lib.platforms.cell_free` and
:mod:`sagin_lib.platforms.haps_coverage`.

Parameters come as the checked mapping that :meth:`ChapterSpec.bind` returns,
in the chapter's human units (GHz, MHz, dBm, dBW, dBi, km, degrees, W).
"""

from __future__ import annotations

from .claims import chapter_claims
from .compute import (
    coverage_summary,
    coverage_table,
    direct_access_model,
    direct_access_table,
    n_haps_values,
    network_model,
)
from .compute_energy import ee_summary, ee_table, ee_variants
from .compute_sensitivity import (
    HEADLINES,
    SENSITIVITY_CHOICES,
    SENSITIVITY_RANGES,
    claim_robustness_table,
    headline_numbers,
    sensitivity_table,
)
from .figures import coverage_figure, direct_access_figure, ee_figure, sensitivity_figure
from .prose import prose_values
from .spec import (
    FAMILY_ALPHA,
    MAX_SWEEP_POINTS,
    MIN_USERS_FOR_Z,
    PHASE_SYNC,
    POWER_CHAINS,
    POWER_VARIANTS,
    QUOTE_N_HAPS,
    SPEC,
    Z_BAND,
)
from .tables import (
    assumptions_table,
    coverage_summary_display,
    direct_access_summary,
    ee_display,
    ee_variants_display,
    robustness_display,
    save_assumptions,
    sensitivity_ranges_table,
)

__all__ = [
    "FAMILY_ALPHA",
    "HEADLINES",
    "MAX_SWEEP_POINTS",
    "MIN_USERS_FOR_Z",
    "PHASE_SYNC",
    "POWER_CHAINS",
    "POWER_VARIANTS",
    "QUOTE_N_HAPS",
    "SENSITIVITY_CHOICES",
    "SENSITIVITY_RANGES",
    "SPEC",
    "Z_BAND",
    "assumptions_table",
    "chapter_claims",
    "claim_robustness_table",
    "coverage_figure",
    "coverage_summary",
    "coverage_summary_display",
    "coverage_table",
    "direct_access_figure",
    "direct_access_model",
    "direct_access_summary",
    "direct_access_table",
    "ee_display",
    "ee_figure",
    "ee_summary",
    "ee_table",
    "ee_variants",
    "ee_variants_display",
    "headline_numbers",
    "n_haps_values",
    "network_model",
    "prose_values",
    "robustness_display",
    "save_assumptions",
    "sensitivity_figure",
    "sensitivity_ranges_table",
    "sensitivity_table",
]
