"""The platforms chapter's parameters (:data:`SPEC`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sagin_lib.study.spec import ChapterSpec, Param, output_dir_param

__all__ = ["SPEC"]

#: The chapter's checked parameters, as :meth:`ChapterSpec.bind` returns them.
Params = Mapping[str, Any]


SPEC = ChapterSpec(
    "platforms",
    (
        output_dir_param("platforms"),
        Param(
            "heavy_payload_kg",
            200.0,
            "least payload read as the survey's 'hundreds of kilograms'",
            "kg",
            100.0,
            1000.0,
        ),
    ),
)
