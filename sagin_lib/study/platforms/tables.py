"""The platforms chapter's tables: Table I as the chapter shows it and the assumptions."""

from __future__ import annotations

import pandas as pd

from sagin_lib.platforms.atmosphere import stratosphere_bounds_km
from sagin_lib.study.formatting import Table
from sagin_lib.study.table_output import records_table, show_columns

from .compute import _MONTH_DAYS, _YEAR_DAYS, STRATOSPHERE_CHECK_ALT_KM
from .spec import Params

__all__ = ["assumptions_table", "project_table"]


#: The columns of Table I as the chapter shows them, with their headers (None: the name's own).
_PROJECT_COLUMNS: dict[str, str | None] = {
    "project": None,
    "platform_type": "type",
    "organisation": None,
    "country": None,
    "years": None,
    "altitude_min_km": None,
    "altitude_max_km": None,
    "endurance_days": None,
    "endurance_text_days": "endurance in the text (days)",
    "payload_min_kg": "payload from (kg)",
    "payload_kg": "payload up to (kg)",
    "payload_power_w": "payload power (W)",
    "coverage_radius_km": None,
    "size_m": "size (m)",
    "size_kind": "size is",
    "values_status": "values",
}


def project_table(projects: pd.DataFrame) -> Table:
    """The Table I data set as the chapter shows it, values the survey does not give as —."""
    shown = projects[list(_PROJECT_COLUMNS)].copy()
    for column in shown.columns:
        if pd.api.types.is_string_dtype(shown[column]):
            # pandas' missing text (pd.NA) is shown as "—" like a missing number.
            shown[column] = shown[column].astype(object).where(shown[column].notna(), None)
    return show_columns(
        shown,
        _PROJECT_COLUMNS,
        missing="not given by the survey",
        caption="The ten projects of the survey's Table I, completed from its Section II",
    )


def assumptions_table(params: Params) -> pd.DataFrame:
    """Every reading of the survey's words that the chapter's checks make, with its reason.

    Columns ``quantity``, ``value`` and ``source`` (text), one row per choice
    (table ``platforms-assumptions``).
    """
    bottom, top = stratosphere_bounds_km()
    rows = [
        ("standard atmosphere", "ICAO 1993 (ambiance package), geometric altitude",
         "ICAO Doc 7488/3 (1993)"),
        ("altitude of the environment check", f"{STRATOSPHERE_CHECK_ALT_KM:g} km",
         "floor of the survey's 20-100 km band; Table I's airships hover there"),
        ("'about 5 %', 'about -60 °C'",
         "agree if the value rounds to the survey's one significant figure "
         "(4.5-5.5 %; -65 to -55 °C)",
         "the survey's precision; the ISA is a mean, real temperatures vary by 10 °C and more"),
        ("stratosphere", f"top of the ISA troposphere to top of its stratopause, "
         f"{bottom:.1f}-{top:.1f} km", "ISA layer table (the meteorological stratosphere)"),
        ("one-sided altitudes", "'exceeds 18 km' decides nothing below 18 km: undetermined",
         "Zephyr S, Table I"),
        ("month, year", f"{_MONTH_DAYS:g} days, {_YEAR_DAYS:g} days",
         "'months to years', Sec. II"),
        ("reported against planned values",
         "values_status: SkyNet planned, Stratobus a target, the others reported",
         "the survey's 'would', 'envisioned' (SkyNet) and 'Targeting' (Stratobus), Sec. II-C"),
        ("'hundreds of kilograms'", f"{params['heavy_payload_kg']:g} kg or more",
         "the plural; parameter heavy_payload_kg"),
    ]  # fmt: skip
    return records_table(rows, ["quantity", "value", "source"])
