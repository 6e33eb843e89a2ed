"""The comparison chapter's tables as the book shows them, and its assumptions."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sagin_lib.study.formatting import Table
from sagin_lib.study.table_output import records_table, show_columns

from .compute import _CLAIM_DATA_COLUMNS, _HUNDREDS_KM
from .spec import Params

__all__ = [
    "assumptions_table",
    "comparison_display",
    "coverage_claims_display",
    "covering_display",
]


def comparison_display(comparison: pd.DataFrame) -> Table:
    """The comparison as the chapter shows it (platform counts rounded up)."""
    shown = comparison.assign(
        n_platforms_area_bound=lambda d: np.ceil(d["n_platforms_area_bound"]).astype(int),
        n_platforms_spherical_hexagon=lambda d: np.ceil(
            d["n_platforms_spherical_hexagon"] * (1.0 - 1e-12)
        ).astype(int),
    )
    columns = {
        "platform": None,
        "altitude_km": None,
        "coverage_radius_km": "radius (km)",
        "coverage_area_km2": "area (km²)",
        "delay_nadir_ms": None,
        "delay_edge_ms": None,
        "fspl_nadir_db": "path loss nadir (dB)",
        "fspl_edge_db": "path loss edge (dB)",
        "n_platforms_area_bound": "Earth cover: area bound",
        "n_platforms_spherical_hexagon": "Earth cover: hexagon",
    }
    caption = "Six platforms at the chosen minimum elevation and frequency"
    return show_columns(shown, columns, caption=caption)


#: The hexagon estimate's status (:func:`covering_table`) in one word.
_HEXAGON_WORDS = {
    "infeasible: below the proven lower bound": "infeasible",
    "undecided: no covering searched": "undecided",
    "below the feasible count found (not proven infeasible)": "unproven",
    "at or above the feasible count found": "feasible",
}


def covering_display(covering: pd.DataFrame) -> Table:
    """The covering counts as the chapter shows them."""
    status = covering["hexagon_status"]
    columns = {
        "platform": None,
        "coverage_angle_deg": "cap (°)",
        "area_bound": None,
        "proven_lower_bound": "proven bound",
        "hexagon_estimate": "hexagon",
        "feasible_count": "feasible",
        "feasible_covering_radius_deg": "its covering radius (°)",
        "proven_minimum": "minimum",
        "hexagon_status": "hexagon is",
    }
    return show_columns(
        covering.assign(hexagon_status=status.map(_HEXAGON_WORDS).fillna(status)),
        columns,
        digits={"coverage_angle_deg": 4, "feasible_covering_radius_deg": 4},
        bool_words={"proven_minimum": ("proven", "not proven")},
        missing="no covering searched at this size",
        caption="Satellites needed to cover the Earth at the chosen minimum elevation",
    )


def coverage_claims_display(claims: pd.DataFrame) -> Table:
    """The coverage claims as the chapter shows them."""
    # The claim columns of the figure's data first, in their order, then the checks.
    columns = {
        **dict.fromkeys(_CLAIM_DATA_COLUMNS[:5]),
        "coverage_radius_km": "claimed radius (km)",
        "implied_elevation_deg": "edge elevation (°)",
        "horizon_radius_km": "horizon (km)",
        "radius_at_min_elevation_km": "radius at min. elevation (km)",
        "meets_min_elevation": "edge at min. elevation",
    }
    return show_columns(
        claims,
        columns,
        digits={
            "implied_elevation_deg": 3,
            "horizon_radius_km": 3,
            "radius_at_min_elevation_km": 3,
        },
        bool_words={"meets_min_elevation": ("at or above", "below")},
        caption="The survey's coverage claims against the geometry",
    )


def assumptions_table(params: Params) -> pd.DataFrame:
    """Every reading of a source's words the chapter's checks make, with its reason.

    Columns ``quantity``, ``value`` and ``source`` (table ``comparison-assumptions``).
    """
    rows = [
        ("coverage of one platform", "ground users that see it at least the minimum elevation "
         "up (downlink dome of the model)", "the study's model page"),
        ("coverage radius of a claim", "read along the ground (differs from the straight-line "
         "distance by < 0.1 % at these sizes)", "Table I, Sec. II-A and II-C"),
        ("'hundreds of kilometers' across", f"{_HUNDREDS_KM:g} km or more", "the plural"),
        ("X-station network", "three airships at 21 km, 10^6 km^2", "Table I, Sec. II-C"),
        ("GEO constellations", "three and four satellites, evenly spaced on the equator",
         "Clarke 1945; not in the survey"),
        ("proven covering radii", "2-6 points", "Fejes Tóth 1953; Schütte 1955"),
        ("feasible covering", "exact covering radius within the cap less 1e-9 rad",
         "floating-point margin (6 mm on the Earth)"),
    ]  # fmt: skip
    return records_table(rows, ["quantity", "value", "source"])
