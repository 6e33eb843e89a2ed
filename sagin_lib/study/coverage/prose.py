"""The numbers the coverage chapter's prose quotes, keyed by glue name."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .compute import _by, _orders_smaller, case1_limits


def prose_numbers(
    up: pd.DataFrame,
    down: pd.DataFrame,
    points: pd.DataFrame,
    cases: pd.DataFrame,
    p: Mapping[str, Any],
) -> dict[str, str]:
    """The numbers the chapter's (and the model page's) prose quotes, keyed by glue name."""
    by = _by(up, "rx_platform", "freq_ghz")
    fewest, most = _orders_smaller(by["G2A"], by[["A2S", "G2S"]], "freq_ghz")
    dby = _by(down, "tx_platform", "min_elev_deg")
    d_fewest, d_most = _orders_smaller(dby["A2G"], dby[["S2A", "S2G"]], "min_elev_deg")
    at = points.set_index(["scenario", "platform"])["area_km2"]
    ratios = {n: at[("G2S", n)] / at[("A2S", n)] for n in ("LEO", "MEO", "GEO")}
    tangent = cases.groupby(["scenario", "rx_platform"])["tangent_angle_deg"].first()
    limits = case1_limits(cases)["case 1 below (GHz)"]
    geo_phi = math.radians(90.0 - tangent[("G2S", "GEO")])
    return {
        "aerial_d": f"{p['aerial_diameter_m']:g}",
        "sat_d": f"{p['satellite_diameter_m']:g}",
        "air_alt": f"{p['air_alt_km']:g}",
        "f_point": f"{p['freq_ghz']:g}",
        "elev_point": f"{p['min_elevation_deg']:g}",
        "g2a_orders_min": f"{fewest:.1f}",
        "g2a_orders_max": f"{most:.1f}",
        "a2g_orders_min": f"{d_fewest:.1f}",
        "a2g_orders_max": f"{d_most:.1f}",
        "g2s_a2s_ratios": ", ".join(f"{r:.4f} ({n})" for n, r in ratios.items()),
        "flat_1pct_deg": f"{math.degrees(2 * math.asin(0.1)):.1f}",
        "geo_visible_flat_miss_pct": f"{100 * math.sin(geo_phi / 2) ** 2:.0f}",
        "full_beam_geo_deg": f"{2 * tangent[('G2S', 'GEO')]:.1f}",
        "full_beam_meo_deg": f"{2 * tangent[('G2S', 'MEO')]:.1f}",
        "full_beam_uav_deg": f"{2 * tangent[('G2A', 'UAV')]:.1f}",
        "uav_alt_m": f"{1000 * p['uav_alt_km']:.0f}",
        "case1_geo_ghz": f"{limits[('G2S', 'GEO')]:.2g}",
        "case1_meo_ghz": f"{limits[('G2S', 'MEO')]:.2g}",
        "cases_low_mhz": f"{1000 * cases['freq_ghz'].min():.3g}",
    }


def insight_numbers(
    ins2: pd.DataFrame, ins3: pd.DataFrame, gap: pd.DataFrame, p: Mapping[str, Any]
) -> dict[str, str]:
    """The numbers the chapter's prose about the insights quotes, keyed by glue name."""
    leo = ins2[ins2["curve"] == "S2G/S2A from LEO"]
    s2g = float(leo["area_km2"].iloc[0])
    s2a = leo.loc[leo["rx_alt_km"] == p["air_alt_km"], "area_km2"]
    cross = ins3.groupby(["uplink", "platform"], sort=False)["crossover_ghz"].first()

    def below(key: tuple[str, str], who: str) -> str:
        f = float(cross[key])
        return f"below {f:.2g} GHz for {who}" if f > 0 else f"at no frequency for {who}"

    worst = ins3[ins3["in_sweep"]]["downlink_to_uplink_area_ratio"].min()
    by_sat = gap.groupby("satellite", sort=False)["g2s_over_a2s_excess_pct"]
    return {
        "ins2_s2a_smaller_pct": f"{100 * (1 - float(s2a.iloc[0]) / s2g):.2g}",
        "ins3_min_ratio": f"{worst:.3g}",
        "ins3_low_mhz": f"{1000 * ins3['freq_ghz'].min():.3g}",
        "ins3_cross_text": below(("G2A", "HAP"), "G2A from a HAP")
        + " and "
        + below(("G2S", "LEO"), "G2S from LEO"),
        "gap_air_min": f"{p['air_sweep_min_km']:g}",
        "gap_air_max": f"{p['air_sweep_max_km']:g}",
        "gap_leo_low_pct": f"{by_sat.first()['LEO']:.2g}",
        "gap_leo_high_pct": f"{by_sat.last()['LEO']:.2g}",
        "gap_geo_high_pct": f"{by_sat.last()['GEO']:.2g}",
    }
