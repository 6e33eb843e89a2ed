"""The numbers the platforms chapter's prose quotes."""

from __future__ import annotations

import pandas as pd

from .compute import _MONTH_DAYS, _below_band, stratosphere_values
from .spec import Params

__all__ = ["prose_values"]


def prose_values(params: Params, projects: pd.DataFrame) -> dict[str, str]:
    """Every computed number the chapter's prose quotes, formatted, by glue name."""
    below = _below_band(projects)
    v = stratosphere_values()
    end = projects.dropna(subset=["endurance_days"])
    reported = end[end["values_status"] == "reported"]
    longest = reported[["endurance_days", "endurance_text_days"]].max(axis=1)
    stated = projects.dropna(subset=["payload_kg"])
    heavy = stated[stated["payload_kg"] >= params["heavy_payload_kg"]]
    light = stated[stated["payload_kg"] < params["heavy_payload_kg"]]
    return {
        "n_below_band": str(len(below["outside"])),
        "n_with_altitude": str(below["n_known"]),
        "isa_alt": f"{v['alt_km']:g}",
        "isa_p_pa": f"{v['pressure_pa']:.0f}",
        "isa_p_pct": f"{100 * v['pressure_fraction']:.2f}",
        "isa_p18_pct": f"{100 * v['pressure_fraction_18km']:.1f}",
        "isa_p23_pct": f"{100 * v['pressure_fraction_23km']:.1f}",
        "isa_t": f"{v['temperature_degc']:.1f}",
        "isa_t_min": f"{v['temperature_min_stratosphere_degc']:.1f}",
        "isa_t80": f"{v['temperature_80km_degc']:.1f}",
        "strat_bottom": f"{v['stratosphere_bottom_km']:.1f}",
        "strat_top": f"{v['stratosphere_top_km']:.1f}",
        "end_longest": f"{float(longest.max()):g}" if len(longest) else "—",
        "n_end_stated": str(len(end)),
        "n_under_month": str(int((end["endurance_days"] < _MONTH_DAYS).sum())),
        "n_pay_stated": str(len(stated)),
        "n_pay_heavy": str(len(heavy)),
        "heavy_kg": f"{params['heavy_payload_kg']:g}",
        "light_range": (
            f"{light['payload_kg'].min():g}-{light['payload_kg'].max():g}" if len(light) else "—"
        ),
    }
