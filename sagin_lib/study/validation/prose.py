"""The numbers the validation chapter's prose quotes."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from sagin_lib.study.formatting import format_number

from .compute import MIN_EVENTS, MIN_REALISATIONS, domes_table


def prose_numbers(p: Mapping[str, Any]) -> dict[str, str]:
    """The parameter values the chapter's prose quotes, formatted, keyed by glue name."""
    g2a = domes_table(p).set_index("scenario").at["G2A", "vertex_angle_rad"]
    return {
        "val_g2a_phi": format_number(float(g2a), 1),
        "val_min_runs": f"{MIN_REALISATIONS}",
        "val_min_events": f"{MIN_EVENTS:g}",
        "val_runs": f"{p['n_realisations']:g}",
        "val_nodes": f"{p['mean_nodes']:g}",
        "hc_runs": f"{p['hard_core_realisations']:g}",
        "hc_radius": f"{p['hard_core_dome_radius_km']:g}",
        "th_runs": f"{p['thomas_realisations']:g}",
        "th_radius": f"{p['thomas_dome_radius_km']:g}",
    }


def thomas_count_text(thomas_counts: pd.DataFrame) -> str:
    """The Thomas mean count against its expectation, in one Markdown sentence."""
    row = thomas_counts.iloc[0]
    z = "undefined" if math.isnan(row["z"]) else f"{row['z']:.2f}".replace("-", "−")
    return (
        f"Mean count {row['mean_count']:.1f} against $\\lambda_p\\mu|\\mathcal A|$ = "
        f"{row['expected_count']:.1f} (z = {z})."
    )
