"""Numbers the scaling chapter's prose quotes."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from sagin_lib.sampling.streams import CHUNK_SIZE
from sagin_lib.study.formatting import format_number

from .compute import Footprint
from .spec import FULL_CHECK_BLOCKS, P_MIN


def _number(x: float, digits: int = 2) -> str:
    """A positive number with ``digits`` decimals, or significant digits if smaller."""
    if not math.isfinite(x):
        return "no"
    return f"{x:.{digits}f}" if x >= 10.0 ** (1 - digits) or x == 0.0 else f"{x:.2g}"


def prose_numbers(p: Mapping[str, Any], fp: Footprint) -> dict[str, str]:
    """The numbers the chapter's prose quotes, as text to glue."""
    nn = 0.5 / math.sqrt(fp.density_per_km2) if fp.density_per_km2 > 0 else math.inf
    return {
        "n_users": f"{p['n_users']:,}",
        "footprint_deg": f"{math.degrees(fp.vertex_angle_rad):.2f}",
        "footprint_mkm2": f"{fp.area_km2 / 1e6:.1f}",
        "earth_share_pct": f"{100.0 * math.sin(0.5 * fp.vertex_angle_rad) ** 2:.0f}",
        "density": _number(fp.density_per_km2),
        "min_elev": f"{p['min_elevation_deg']:g}",
        "beam_radius": f"{p['beam_radius_km']:g}",
        "nn_mean": "no user" if math.isinf(nn) else f"{nn:.2g} km",
        "block_users": f"{CHUNK_SIZE:,}",
        "p_min": format_number(P_MIN, 2),
        "full_check_blocks": f"{FULL_CHECK_BLOCKS}",
        "block_mb": f"{CHUNK_SIZE * 3 * 8 / 1e6:.0f}",
    }


def population_numbers(users: Any) -> dict[str, str]:
    """Size and blocks of the lazy population, as text to glue."""
    return {
        "gathered_gib": f"{users.nbytes / 2**30:.2f}",
        "n_blocks": f"{users.numblocks[0]:,}",
        "block_max": f"{users.chunks[0][0]:,}" if users.shape[0] else "0",
    }


def plan_numbers(plan: Any) -> dict[str, str]:
    """The plan's size (bins and beams), as text to glue."""
    n_elev, n_dist = (len(h.edges) - 1 for h in plan.histograms)
    return {"n_elev_bins": f"{n_elev}", "n_dist_bins": f"{n_dist}", "n_beams": f"{len(plan.domes)}"}


def half_below_deg(elev: pd.DataFrame) -> str:
    """The upper edge of the elevation bin below which half of the users lie, as text."""
    total = int(elev["count"].sum())
    if total == 0:
        return "no"
    k = int(np.searchsorted(np.cumsum(elev["count"].to_numpy()), 0.5 * total))
    return f"{elev['elevation_high_deg'].iloc[k]:g}"
