"""The platforms chapter: the survey's Table I as data and the near-space environment.

The chapter (``book/platforms.ipynb``) takes the near-space survey at its word
on its own projects: the ten near-space platforms of its Table I (altitude,
endurance, payload, size) as a data set, and its description of near space
(pressure, temperature, the stratosphere) against the ICAO standard
atmosphere. This package declares its parameters (:data:`SPEC`, in
:mod:`~sagin_lib.study.platforms.spec`) and holds everything the notebook
shows: the tidy table behind each figure (``*_table``, in
:mod:`~sagin_lib.study.platforms.compute`), the figure drawn from that table
(``*_figure``, returning a :class:`matplotlib.figure.Figure`, in
:mod:`~sagin_lib.study.platforms.figures`), the formatted tables
(:mod:`~sagin_lib.study.platforms.tables`), the numbers quoted in the prose
(:func:`prose_values`, in :mod:`~sagin_lib.study.platforms.prose`) and the
chapter's claims with their verdicts (:func:`chapter_claims`, in
:mod:`~sagin_lib.study.platforms.claims`).

The platforms side by side (coverage, delay, path loss, covering the Earth and
the survey's coverage claims) are the ``comparison`` chapter
(:mod:`sagin_lib.study.comparison`); the coverage probability against the
number of HAPS is part of the ``networks`` chapter
(:mod:`sagin_lib.study.networks`). Both use the shared names of this package
(:data:`NEAR_SPACE_BAND_KM`, :func:`names_or_none`, :func:`legend_below`).
"""

from __future__ import annotations

from .claims import chapter_claims
from .compute import (
    NEAR_SPACE_BAND_KM,
    STRATOSPHERE_CHECK_ALT_KM,
    altitude_table,
    atmosphere_table,
    endurance_table,
    names_or_none,
    payload_table,
    stratosphere_values,
)
from .figures import (
    TYPE_COLORS,
    altitude_figure,
    atmosphere_figure,
    endurance_figure,
    legend_below,
    payload_figure,
)
from .prose import prose_values
from .spec import SPEC
from .tables import assumptions_table, project_table

__all__ = [
    "NEAR_SPACE_BAND_KM",
    "SPEC",
    "STRATOSPHERE_CHECK_ALT_KM",
    "TYPE_COLORS",
    "altitude_figure",
    "altitude_table",
    "assumptions_table",
    "atmosphere_figure",
    "atmosphere_table",
    "chapter_claims",
    "endurance_figure",
    "endurance_table",
    "legend_below",
    "names_or_none",
    "payload_figure",
    "payload_table",
    "project_table",
    "prose_values",
    "stratosphere_values",
]
