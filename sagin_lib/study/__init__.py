"""The study layer: chapter parameter specs, claims, and each chapter's tables and figures.

One module per chapter (``coverage``, ``sampling``, ``validation``, ``platforms``,
``comparison``, ``constellations``, ``networks``, ``operations``, ``scaling``) declares the chapter's
parameters as a :class:`ChapterSpec` named ``SPEC`` and holds the code that builds
its tables, figures and claims, so that the chapter's notebook only narrates, sets
parameters and calls it. The fidelity ledger (``ledger``) records what became of every
quantitative statement of the two sources.
"""

from __future__ import annotations

import importlib

from sagin_lib.study.claims import Claim, claim, claims_frame, save_claims
from sagin_lib.study.spec import ChapterSpec, Constraint, Param, ParameterError

#: The book's chapters that take parameters, in reading order.
CHAPTERS: tuple[str, ...] = (
    "coverage",
    "sampling",
    "validation",
    "platforms",
    "comparison",
    "constellations",
    "networks",
    "operations",
    "scaling",
)


def chapter_spec(chapter: str) -> ChapterSpec:
    """The declared parameters of a chapter.

    Raises
    ------
    ValueError
        For a chapter that is not one of :data:`CHAPTERS`.
    """
    if chapter not in CHAPTERS:
        raise ValueError(f"chapter must be one of {', '.join(CHAPTERS)}; got {chapter!r}")
    return importlib.import_module(f"{__name__}.{chapter}").SPEC


__all__ = [
    "CHAPTERS",
    "ChapterSpec",
    "Claim",
    "Constraint",
    "Param",
    "ParameterError",
    "chapter_spec",
    "claim",
    "claims_frame",
    "save_claims",
]
