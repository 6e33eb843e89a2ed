"""The constellations chapter: real Walker shells against the uniform sphere, as claims.

A Walker shell given by the chapter's parameters (altitude, inclination, planes,
satellites per plane, phasing) is propagated with SGP4 over ``duration_h`` hours
and turned Earth-fixed (:mod:`sagin_lib.constellations`). Ground users on a grid of
latitudes and longitudes count the satellites they see above the minimum
elevation at every epoch. Beside those counts stand two models of the same
``N`` satellites: uniform on their sphere (``bpp``, the study's assumption) and
the latitude-dependent density of an inclined shell (``nonhomogeneous``). This
package converts the parameters once (:mod:`~sagin_lib.study.constellations.spec`),
computes the statistics by latitude (:mod:`~sagin_lib.study.constellations.compute`),
builds the tables (:mod:`~sagin_lib.study.constellations.tables`) and figures
(:mod:`~sagin_lib.study.constellations.figures`), quotes its numbers
(:mod:`~sagin_lib.study.constellations.prose`) and checks the chapter's statements
as claims (:mod:`~sagin_lib.study.constellations.claims`).
"""

from __future__ import annotations

from .claims import BPP_MARGIN_DEG, BPP_TOLERANCE, NONHOMOGENEOUS_TOLERANCE, chapter_claims
from .compute import (
    MIN_MEAN_FOR_RELATIVE,
    MODELS,
    NEAREST_EPOCHS,
    NEAREST_LONGITUDES,
    Results,
    by_latitude,
    compute,
    distance_table,
    distributions,
    effective_table,
    errors_by_band,
    latitudes_deg,
    max_slant_km,
    shell_from,
    snapshot,
    visible_table,
    wide,
)
from .figures import (
    MODEL_COLORS,
    MODEL_LABELS,
    MODEL_MARKERS,
    plot_distributions,
    plot_effective,
    plot_none,
    plot_snapshot,
    plot_visible,
)
from .prose import prose_numbers, speed_numbers
from .spec import MAX_DISTRIBUTION_LATITUDES, SPEC
from .tables import band_table, presets_table

__all__ = [
    "BPP_MARGIN_DEG",
    "BPP_TOLERANCE",
    "MAX_DISTRIBUTION_LATITUDES",
    "MIN_MEAN_FOR_RELATIVE",
    "MODELS",
    "MODEL_COLORS",
    "MODEL_LABELS",
    "MODEL_MARKERS",
    "NEAREST_EPOCHS",
    "NEAREST_LONGITUDES",
    "NONHOMOGENEOUS_TOLERANCE",
    "Results",
    "SPEC",
    "band_table",
    "by_latitude",
    "chapter_claims",
    "compute",
    "distance_table",
    "distributions",
    "effective_table",
    "errors_by_band",
    "latitudes_deg",
    "max_slant_km",
    "plot_distributions",
    "plot_effective",
    "plot_none",
    "plot_snapshot",
    "plot_visible",
    "presets_table",
    "prose_numbers",
    "shell_from",
    "snapshot",
    "speed_numbers",
    "visible_table",
    "wide",
]
