"""The numbers the constellations chapter's prose quotes."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .compute import Results, wide

__all__ = ["prose_numbers", "speed_numbers"]


def prose_numbers(p: Mapping[str, Any], res: Results, table: pd.DataFrame) -> dict[str, str]:
    """The numbers the chapter's prose quotes, as text to glue."""
    s = res.shell
    mean = wide(table, "mean_visible")
    incl = min(s.inclination_deg, 180.0 - s.inclination_deg)
    peak_lat = float(mean["sgp4"].idxmax())
    alt = res.propagation.altitude_km()
    return {
        "n_sats": f"{s.n_sats:,}",
        "walker": s.notation,
        "altitude": f"{s.altitude_km:g}",
        "psi_deg": f"{math.degrees(res.psi_rad):.2f}",
        "bpp_mean": f"{float(mean['bpp'].iloc[0]):.2f}",
        "equator_mean": f"{float(mean['sgp4'].iloc[0]):.2f}",
        "peak_mean": f"{float(mean['sgp4'].max()):.2f}",
        "peak_lat": f"{peak_lat:g}",
        "edge_lat": f"{incl + math.degrees(res.psi_rad):.1f}",
        "n_epochs": f"{res.propagation.times_s.size:,}",
        "sat_epochs": f"{res.propagation.n_sat_epochs:,}",
        "alt_min": f"{float(alt.min()):.1f}",
        "alt_max": f"{float(alt.max()):.1f}",
        "cover_slant": f"{res.cover_slant_km:,.0f}",
        "min_elev": f"{p['min_elevation_deg']:g}",
    }


def speed_numbers(res: Results) -> dict[str, str]:
    """Propagation and counting speed (changes run to run; quoted, never saved)."""
    prop = res.propagation
    users = res.counts.size
    return {
        "prop_s": f"{prop.elapsed_s:.2f}",
        "prop_rate": f"{prop.rate_per_s / 1e6:.2f}",
        "count_s": f"{res.count_s:.2f}",
        "user_epochs": f"{users:,}",
    }
