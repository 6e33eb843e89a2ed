"""The comparison chapter: platforms side by side, and the survey's coverage claims.

The chapter (``book/comparison.ipynb``) puts a terrestrial base station, a
UAV, a high-altitude platform and LEO, MEO and GEO satellites side by side in
the dome geometry of the coverage model: coverage radius and area, one-way
delay and free-space path loss, the number of platforms needed to cover the
Earth (bounds, estimates and coverings checked exactly) and what geostationary
satellites leave uncovered. It then checks the coverage claims of the
near-space survey (Loon, SkyNet, X-station) against that geometry.

This package declares the chapter's parameters (:data:`SPEC`, in
:mod:`~sagin_lib.study.comparison.spec`) and holds its tables (``*_table``, in
:mod:`~sagin_lib.study.comparison.compute`, and formatted ones, in
:mod:`~sagin_lib.study.comparison.tables`), figures (``*_figure``, in
:mod:`~sagin_lib.study.comparison.figures`), prose numbers
(:func:`prose_values`, in :mod:`~sagin_lib.study.comparison.prose`) and claims
(:func:`chapter_claims`, in :mod:`~sagin_lib.study.comparison.claims`).
Parameters come as the checked mapping of :meth:`ChapterSpec.bind`, in the
chapter's human units (degrees, GHz, km).
"""

from __future__ import annotations

from .claims import chapter_claims
from .compute import (
    COVERING_ORBITS,
    comparison_table,
    coverage_claims_data,
    coverage_claims_table,
    covering_table,
    earth_cover_table,
    geo_polar_table,
    link_table,
    platform_altitudes_km,
    radius_elevations_deg,
    radius_table,
    statement_table,
    xstation_network_table,
    xstation_network_values,
)
from .figures import (
    coverage_claims_figure,
    earth_cover_figure,
    geo_polar_figure,
    link_figure,
    radius_figure,
    xstation_network_figure,
)
from .prose import prose_values
from .spec import PLATFORM_NAMES, SPEC
from .tables import (
    assumptions_table,
    comparison_display,
    coverage_claims_display,
    covering_display,
)

__all__ = [
    "COVERING_ORBITS",
    "PLATFORM_NAMES",
    "SPEC",
    "assumptions_table",
    "chapter_claims",
    "comparison_display",
    "comparison_table",
    "coverage_claims_data",
    "coverage_claims_display",
    "coverage_claims_figure",
    "coverage_claims_table",
    "covering_display",
    "covering_table",
    "earth_cover_figure",
    "earth_cover_table",
    "geo_polar_figure",
    "geo_polar_table",
    "link_figure",
    "link_table",
    "platform_altitudes_km",
    "prose_values",
    "radius_elevations_deg",
    "radius_figure",
    "radius_table",
    "statement_table",
    "xstation_network_figure",
    "xstation_network_table",
    "xstation_network_values",
]
