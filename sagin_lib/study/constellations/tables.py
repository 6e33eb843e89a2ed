"""The constellations chapter's tables: the errors by latitude band and the preset shells."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from sagin_lib.constellations.density import bpp_cap_probability, nonhomogeneous_cap_probability
from sagin_lib.constellations.walker import PRESETS
from sagin_lib.model.coverage import downlink_vertex_angle_rad
from sagin_lib.study.formatting import Table, format_table

__all__ = ["band_table", "presets_table"]


def band_table(errors: pd.DataFrame) -> Table:
    """The errors by band as the book shows them."""
    return format_table(
        errors,
        digits=2,
        headers={
            "band": "latitude band",
            "bpp_max_rel_error_pct": "uniform sphere: largest error (%)",
            "bpp_max_abs_error": "uniform sphere: largest error (satellites)",
            "nonhomogeneous_max_rel_error_pct": "inclined-shell density: largest error (%)",
            "nonhomogeneous_max_abs_error": "inclined-shell density: largest error (satellites)",
        },
        missing="no latitude of the band sees half a satellite on average",
        caption="Largest error of each model's mean visible count against the propagated shell",
    )


def presets_table(min_elevation_deg: float) -> pd.DataFrame:
    """The preset shells: their numbers, sources and the two models' means at a few latitudes."""
    alpha = math.radians(min_elevation_deg)
    rows = []
    for key, s in PRESETS.items():
        psi = float(downlink_vertex_angle_rad(0.0, s.altitude_km, alpha))
        nh = s.n_sats * nonhomogeneous_cap_probability(
            np.radians([0.0, 30.0, 50.0]), psi, s.inclination_rad
        )
        rows.append(
            {
                "preset": key,
                "altitude_km": s.altitude_km,
                "inclination_deg": s.inclination_deg,
                "n_planes": s.n_planes,
                "sats_per_plane": s.sats_per_plane,
                "n_sats": s.n_sats,
                "bpp_mean_visible": s.n_sats * float(bpp_cap_probability(psi)),
                "nonhomogeneous_mean_equator": float(nh[0]),
                "nonhomogeneous_mean_lat30": float(nh[1]),
                "nonhomogeneous_mean_lat50": float(nh[2]),
                "source": s.source,
            }
        )
    return pd.DataFrame(rows)
