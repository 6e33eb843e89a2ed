"""The comparison chapter's parameters (:data:`SPEC`): the six platforms' altitudes and more.

The frequency, the minimum elevation and the platforms' altitudes are the
study's shared quantities (:mod:`sagin_lib.study.quantities`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sagin_lib.study.quantities import quantity
from sagin_lib.study.spec import ChapterSpec, Constraint, Param, output_dir_param

__all__ = ["PLATFORM_NAMES", "SPEC"]

#: The chapter's checked parameters, as :meth:`ChapterSpec.bind` returns them.
Params = Mapping[str, Any]


#: The six platforms of the side-by-side comparison, lowest first.
PLATFORM_NAMES: tuple[str, ...] = ("terrestrial BS", "UAV", "HAP", "LEO", "MEO", "GEO")
#: Their altitude parameters, in the same order.
_ALT_PARAMS: tuple[str, ...] = (
    "tower_height_km",
    "uav_alt_km",
    "haps_alt_km",
    "leo_alt_km",
    "meo_alt_km",
    "geo_alt_km",
)

SPEC = ChapterSpec(
    "comparison",
    (
        output_dir_param("comparison"),
        quantity("min_elevation_deg", help="minimum elevation of a ground user"),
        Param(
            "high_elevation_deg",
            30.0,
            "extra curve of the coverage-radius figure",
            "deg",
            0.0,
            80.0,
        ),
        quantity("freq_ghz", help="carrier frequency of the path loss"),
        Param("tower_height_km", 0.03, "terrestrial base station antenna height", "km", 0.005, 0.5),
        quantity("uav_alt_km"),
        quantity("haps_alt_km"),
        quantity("leo_alt_km"),
        quantity("meo_alt_km"),
        quantity("geo_alt_km"),
    ),
    (
        Constraint(
            _ALT_PARAMS,
            "tower_height_km < uav_alt_km < haps_alt_km < leo_alt_km < meo_alt_km < geo_alt_km "
            "(the platforms in order of altitude)",
            lambda v: all(v[a] < v[b] for a, b in zip(_ALT_PARAMS, _ALT_PARAMS[1:], strict=False)),
        ),
    ),
)
