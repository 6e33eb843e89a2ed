"""The numbers the comparison chapter's prose quotes."""

from __future__ import annotations

import math

import pandas as pd

from sagin_lib.platforms.comparison import (
    compare_platforms,
    elevation_at_ground_radius_rad,
    ground_footprint,
)
from sagin_lib.study.platforms.compute import NEAR_SPACE_BAND_KM

from .compute import (
    _HUNDREDS_KM,
    COVERING_ORBITS,
    geo_polar_table,
    xstation_network_values,
)
from .spec import Params

__all__ = ["prose_values"]


def prose_values(
    params: Params,
    comparison: pd.DataFrame,
    claims: pd.DataFrame,
    projects: pd.DataFrame,
    covering: pd.DataFrame,
) -> dict[str, str]:
    """Every computed number the chapter's prose quotes, formatted, by glue name."""
    alpha = math.radians(params["min_elevation_deg"])
    by_platform = comparison.set_index("platform")
    bs_horizon = compare_platforms(0.0, params["freq_ghz"] * 1e9, {"x": params["tower_height_km"]})
    by = claims.set_index(["project", "altitude_km"])
    loon = by.loc["Loon", "implied_elevation_deg"]
    xst = claims.set_index("project").loc["X-station"]
    skynet = claims.set_index("project").loc["SkyNet"]
    hundreds = math.degrees(
        float(elevation_at_ground_radius_rad(NEAR_SPACE_BAND_KM[0], _HUNDREDS_KM / 2.0))
    )
    hap, geo = by_platform.loc["HAP"], by_platform.loc["GEO"]
    out = {
        "tower_m": f"{params['tower_height_km'] * 1e3:g}",
        "min_el_text": f"{params['min_elevation_deg']:g}",
        "bs_r_min": f"{comparison['coverage_radius_km'].iloc[0]:.3g}",
        "bs_r0": f"{bs_horizon['coverage_radius_km'].iloc[0]:.3g}",
        "geo_delay": f"{geo['delay_nadir_ms']:.0f}",
        "hap_delay": f"{hap['delay_nadir_ms']:.2g}",
        "hap_geo_db": f"{geo['fspl_nadir_db'] - hap['fspl_nadir_db']:.0f}",
        "loon_el_range": f"{loon.min():.0f}-{loon.max():.0f}",
        "skynet_el": f"{skynet['implied_elevation_deg']:.1f}",
        "xst_el": f"{xst['implied_elevation_deg']:.2f}",
        "xst_horizon": f"{xst['horizon_radius_km']:.0f}",
        "xst_r_min": f"{xst['radius_at_min_elevation_km']:.0f}",
        "hundreds_switch": f"{hundreds:.1f}",
        "uav_r_min": f"{float(ground_footprint(params['uav_alt_km'], alpha).arc_radius_km):.3g}",
    }
    x = xstation_network_values(projects, params)
    keys = ("xnet_el_area", "xnet_el_region", "xnet_area_min", "xnet_region_min", "xnet_horizon")
    if x is None:
        out |= dict.fromkeys(keys, "—")
    else:
        out |= {
            "xnet_el_area": f"{x['el_area_max_deg']:.2f}",
            "xnet_el_region": "—"
            if math.isnan(x["el_region_max_deg"])
            else f"{x['el_region_max_deg']:.2f}",
            "xnet_area_min": f"{x['area_at_min_km2']:,.0f}",
            "xnet_region_min": f"{x['region_at_min_km2']:,.0f}",
            "xnet_horizon": f"{x['horizon_area_km2']:,.0f}",
        }
    min_el = params["min_elevation_deg"]
    g = geo_polar_table(params)
    g = g[g["min_elevation_deg"] == min_el].set_index("geo_satellites")

    def lat(key: str) -> str:
        value = g.loc[key, "full_coverage_latitude_deg"]
        return "—" if pd.isna(value) else f"{value:.1f}"

    out |= {
        "geo_lat": f"{g.loc['any number', 'coverage_angle_deg']:.1f}",
        "geo_polar_pct": f"{100 * g.loc['any number', 'uncovered_fraction']:.1f}",
        "geo3_pct": f"{100 * g.loc['3', 'uncovered_fraction']:.1f}",
        "geo4_pct": f"{100 * g.loc['4', 'uncovered_fraction']:.1f}",
        "geo3_lat": lat("3"),
        "geo4_lat": lat("4"),
    }
    cov = covering.set_index("platform")
    for name in COVERING_ORBITS:
        r = cov.loc[name]
        key = name.lower()
        out |= {
            f"{key}_cap": f"{r['coverage_angle_deg']:.2f}",
            f"{key}_area_bound": f"{r['area_bound']:.0f}",
            f"{key}_lower": f"{r['proven_lower_bound']:.0f}",
            f"{key}_hex": f"{r['hexagon_estimate']:.0f}",
            f"{key}_hex_raw": f"{r['hexagon_estimate_raw']:.2f}",
            f"{key}_feasible": "—"
            if pd.isna(r["feasible_count"])
            else f"{r['feasible_count']:.0f}",
        }
    return out
