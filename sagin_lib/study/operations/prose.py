"""Numbers the operations chapter's prose quotes."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from sagin_lib.platforms.solar import pressure_ratio
from sagin_lib.platforms.sway import matched_half_beam_rad

from .compute import _max_propagation_ms, _rad
from .compute_energy import _limit_words, solar_summary
from .spec import Params


def _fmt_pct(x: float) -> str:
    return f"{100.0 * x:.2f}"


def prose_values(
    params: Params,
    sway: Mapping[str, Any],
    solar: Mapping[str, Any],
    latency: pd.DataFrame,
) -> dict[str, str]:
    """Every computed number the chapter's prose quotes, formatted, by glue name."""
    lat = latency.set_index(["path", "architecture"])
    summary = solar_summary(solar).set_index("platform")
    z, y = sway["motions"]["Zephyr S"], sway["motions"]["Yuanmeng"]
    f = solar["flight"]
    return {
        "sway_radius": f"{sway['radius_km']:.1f}",
        "sway_beam": f"{math.degrees(float(matched_half_beam_rad(params['haps_alt_km'], _rad(params, 'min_elevation_deg')))):.2f}",
        "loiter_bank": f"{math.degrees(z['tilt_rad']):.2f}",
        "loiter_speed": f"{z['peak_speed_m_s']:.1f}",
        "loiter_acc": f"{z['peak_acceleration_m_s2']:.2f}",
        "loiter_period": f"{z['period_s']:.0f}",
        "airship_speed": f"{y['peak_speed_m_s']:.1f}",
        "airship_acc": f"{y['peak_acceleration_m_s2']:.2f}",
        "zephyr_ever": _fmt_pct(z["ever"]),
        "zephyr_ever_mc": _fmt_pct(z["mc"].ever_outside_fraction),
        "zephyr_max": _fmt_pct(float(z["instantaneous"].max())),
        "yuanmeng_ever": _fmt_pct(y["ever"]),
        "yuanmeng_max": _fmt_pct(float(y["instantaneous"].max())),
        "zephyr_only_d": _fmt_pct(z["displacement_only"]),
        "zephyr_only_t": _fmt_pct(z["tilt_only"]),
        "yuanmeng_only_t": _fmt_pct(y["tilt_only"]),
        "zephyr_rate_all": f"{z['handovers_per_user_hour']:.1f}",
        "zephyr_rate_leaving": f"{z['handovers_per_leaving_user_hour']:.1f}",
        "yuanmeng_rate_all": f"{y['handovers_per_user_hour']:.2f}",
        "yuanmeng_rate_leaving": f"{y['handovers_per_leaving_user_hour']:.1f}",
        "zephyr_airspeed": f"{f['airspeed_day_m_s']:.1f}",
        "zephyr_propulsion": f"{f['propulsion_day_w']:.0f}",
        "zephyr_load": f"{solar['limits']['Zephyr S']['load_w']:.0f}",
        "yuanmeng_load_max": f"{solar['limits']['Yuanmeng']['load_max_w'] / 1e3:.1f}",
        "yuanmeng_lift": f"{solar['hull']['gross_lift_kg']:.0f}",
        "yuanmeng_max_battery": f"{solar['hull']['max_battery_kg']:.0f}",
        "zephyr_limit": _limit_words(solar, "Zephyr S"),
        "yuanmeng_limit": _limit_words(solar, "Yuanmeng"),
        "zephyr_area": f"{summary.loc['Zephyr S', 'array_m2_equator_max']:.1f}",
        "zephyr_battery": f"{summary.loc['Zephyr S', 'battery_kg_equator_max']:.1f}",
        "yuanmeng_area": f"{summary.loc['Yuanmeng', 'array_m2_equator_max']:.0f}",
        "yuanmeng_battery": f"{summary.loc['Yuanmeng', 'battery_kg_equator_max']:.0f}",
        "mec_rtt": f"{lat.loc[('user-HAPS edge server', 'MEC at the HAPS'), 'round_trip_ms']:.2f}",
        "haps_rtt": f"{lat.loc[('user-HAPS-gateway', 'bent-pipe'), 'round_trip_ms']:.2f}",
        "haps_leo_rtt": f"{lat.loc[('user-HAPS-LEO-gateway', 'regenerative'), 'round_trip_ms']:.1f}",
        "geo_rtt": f"{lat.loc[('user-GEO-gateway', 'bent-pipe'), 'round_trip_ms']:.0f}",
        "optical_depth": f"{float(params['sea_level_optical_depth']):g}",
        "cell_eff": f"{float(params['cell_efficiency_pct']):g}",
        "pressure_pct": f"{100.0 * float(pressure_ratio(params['haps_alt_km'])):.1f}",
        "propagation_max": f"{_max_propagation_ms(latency):.0f}",
    }
