"""The numbers the sampling chapter's prose quotes, keyed by glue name."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from sagin_lib.sampling.scenes import (
    DownlinkScene,
    UplinkScene,
)

from .compute import (
    ELEVATION_VARIED,
    _coincidence_bound,
    _share_at,
    aerial_elevation_table,
    dome_table,
    lambda_star_per_km2,
    uav_g2a_dome,
)
from .spec import UPLINK_REGION_FACTOR

__all__ = ["remarks_glue", "downlink_glue", "relay_glue", "uplink_glue"]


def uplink_glue(up: UplinkScene, params: Mapping[str, Any]) -> dict[str, str]:
    """Numbers of the Fig. 4(a) prose, as text to glue."""
    g2s, a2s, g2a = (up.domes[k] for k in ("G2S", "A2S", "G2A"))
    counts = up.counts["count"]
    lam_g, lam_a = params["ground_density_per_km2"], params["air_density_per_km2"]
    return {
        "up_ground_count": f"{int(counts.iloc[0]):,}",
        "up_ground_mean": f"{g2s.area_km2 * lam_g:,.0f}",
        "up_air_count": f"{int(counts.iloc[1]):,}",
        "up_air_mean": f"{a2s.area_km2 * lam_a:,.0f}",
        "up_g2a_area": f"{g2a.area_km2:.3g}",
        "up_g2a_mean": f"{g2a.area_km2 * lam_g:.3g}",
        "up_g2s_across": f"{2 * dome_table(up).at[0, 'arc_radius_km']:,.0f}",
        "up_a2s_across": f"{2 * dome_table(up).at[1, 'arc_radius_km']:,.0f}",
        "up_g2a_across": f"{2 * dome_table(up).at[2, 'arc_radius_km']:.3g}",
        "up_g2s_excess": f"{100 * (g2s.area_km2 / a2s.area_km2 - 1):.2g}",
        "up_region_factor": f"{UPLINK_REGION_FACTOR:g}",
        "up_nodes_drawn": f"{len(up.nodes):,}",
    }


def relay_glue(sweep: pd.DataFrame, up: UplinkScene, params: Mapping[str, Any]) -> dict[str, str]:
    """Numbers of the relaying prose, as text to glue."""
    lam_star = lambda_star_per_km2(up)
    return {
        "relay_runs": f"{int(params['relay_realisations'])}",
        "relay_lambda_star": f"{lam_star:.3g}",
        "relay_air_at_star": f"{lam_star * up.domes['A2S'].area_km2:,.0f}",
        "relay_air_density": f"{params['air_density_per_km2']:g}",
        "relay_ratio": f"{params['air_density_per_km2'] / lam_star:.3g}",
    }


def downlink_glue(down: DownlinkScene, params: Mapping[str, Any]) -> dict[str, str]:
    """Numbers of the Fig. 4(b) prose, as text to glue (a sentence for the aerial vehicles)."""
    counts = down.counts.set_index("quantity")
    sat_q = "satellites visible from the user (S2G)"
    n_air = int(down.air_visible_user.sum())
    seen = down.sat_visible_air
    per_air = seen.sum(axis=1)
    if n_air == 0:
        sentence = "With no aerial vehicle in view there are no S2A domes to compare here."
    elif n_air == 1:
        sentence = f"That aerial vehicle sees {int(per_air[0]):,} satellites."
    elif not seen.any():
        sentence = "None of them sees a satellite."
    else:
        all_seen, any_seen = int(seen.all(axis=0).sum()), int(seen.any(axis=0).sum())
        sentence = (
            f"Those see {int(per_air.min()):,} to {int(per_air.max()):,} satellites each; "
            f"{all_seen:,} of the {any_seen:,} satellites seen by any of them are seen by all "
            f"({all_seen / any_seen:.0%})."
        )
    return {
        "down_sat_total": f"{int(counts.at['satellites on the shell', 'count']):,}",
        "down_constellation": f"{int(params['constellation_size']):,}",
        "down_sat_count": f"{int(counts.at[sat_q, 'count']):,}",
        "down_sat_mean": f"{float(counts.at[sat_q, 'expected_count']):.1f}",
        "down_air_count": f"{n_air:,}",
        "down_air_sentence": sentence,
        "down_coincide_bound": f"{_coincidence_bound(down):.0%}",
    }


def remarks_glue(up: UplinkScene, params: Mapping[str, Any]) -> dict[str, str]:
    """Numbers of the prose on the paper's Fig. 4 remarks, as text to glue."""
    g2s, a2s, g2a = (up.domes[k].area_km2 for k in ("G2S", "A2S", "G2A"))
    lam_g, lam_a = params["ground_density_per_km2"], params["air_density_per_km2"]
    rows = aerial_elevation_table(params)
    aerial = rows[rows["varied"] == ELEVATION_VARIED[0]]
    user = rows[rows["varied"] == ELEVATION_VARIED[1]]
    here = float(params["min_elevation_deg"])
    return {
        "g2a_per_dome": f"{lam_g * g2a:.3g}",
        "g2s_direct": f"{lam_g * g2s:,.0f}",
        "g2a_relayed": f"{lam_a * a2s * lam_g * g2a:.3g}",
        "g2a_area_factor": f"{g2s / g2a:,.0f}",
        "elev_here": f"{here:g}",
        "share_here": f"{_share_at(aerial, here):.0%}",
        "share_aerial_60": f"{_share_at(aerial, 60.0):.0%}",
        "share_user_60": f"{_share_at(user, 60.0):.0%}",
    }


def intro_glue(params: Mapping[str, Any]) -> dict[str, str]:
    """Numbers of the introduction and of the Algorithm 1 section, as text to glue."""
    return {
        **uav_g2a_dome(params),
        "aerial_dish_m": f"{params['aerial_diameter_m']:g}",
        "air_alt": f"{params['air_alt_km']:g}",
        "freq": f"{params['freq_ghz']:g}",
        "demo_angle": f"{params['demo_vertex_angle_deg']:g}",
    }
