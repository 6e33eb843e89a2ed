"""The platforms chapter's computations: the tidy data behind each figure and the ISA numbers.

Also the survey's stated numbers that the figures and claims check against,
and the shared helpers other chapters import (:data:`NEAR_SPACE_BAND_KM`,
:func:`names_or_none`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from sagin_lib.platforms.atmosphere import (
    isa_pressure_fraction,
    isa_pressure_pa,
    isa_profile,
    isa_temperature_degc,
    stratosphere_bounds_km,
)
from sagin_lib.platforms.projects import altitude_band_verdicts

__all__ = [
    "NEAR_SPACE_BAND_KM",
    "STRATOSPHERE_CHECK_ALT_KM",
    "altitude_table",
    "atmosphere_table",
    "endurance_table",
    "names_or_none",
    "payload_table",
    "stratosphere_values",
]


#: The survey's near-space band, km ("deployed in 20-100 km above the Earth's surface", Sec. I-A).
NEAR_SPACE_BAND_KM: tuple[float, float] = (20.0, 100.0)

# The survey's numbers for low-altitude UAVs and its platform classes (Sec. I-A and II).
_UAV_ENDURANCE_H = 4.0
_UAV_PAYLOAD_KG = 20.0
_SOLAR_UAV_PAYLOAD_KG = 200.0
_AIRSHIP_LENGTH_M = 100.0

#: The altitude (km) at which the survey's near-space environment is checked
#: (the floor of its 20-100 km band, where Table I's airships hover).
STRATOSPHERE_CHECK_ALT_KM = 20.0

#: The survey's "atmospheric pressure at approximately 5% of sea-level conditions".
_SURVEY_PRESSURE_FRACTION = 0.05

#: The survey's "temperatures as low as -60 degC".
_SURVEY_TEMPERATURE_DEGC = -60.0

# "About 5 %" and "about -60 degC" are read at the one significant figure the
# survey gives: a value that rounds to it agrees ([4.5, 5.5) % and (-65, -55] degC).
_PRESSURE_TOLERANCE = 0.005
_TEMPERATURE_TOLERANCE_DEGC = 5.0

#: One year of endurance, days; a month is read as 30 days.
_YEAR_DAYS = 365.25
_MONTH_DAYS = 30.0
_ATMOSPHERE_GRID_KM = np.linspace(0.0, 80.0, 161)


def names_or_none(names: list[str]) -> str:
    """The names joined by commas, or "none" for an empty list.

    >>> names_or_none(["Loon", "Elevate"]), names_or_none([])
    ('Loon, Elevate', 'none')
    """
    return ", ".join(names) if names else "none"


def altitude_table(projects: pd.DataFrame) -> pd.DataFrame:
    """Stated altitude ranges of the projects that state one (figure ``platforms-altitudes``).

    Columns ``project``, ``platform_type``, ``altitude_min_km``,
    ``altitude_max_km`` (NaN for a one-sided statement), ``altitude_open_above``,
    ``altitude_open_below`` and ``band_verdict`` against the survey's 20-100 km
    band (:func:`sagin_lib.platforms.projects.altitude_band_verdicts`: a
    one-sided "exceeds 18 km" is "undetermined").
    """
    verdicts = altitude_band_verdicts(projects, *NEAR_SPACE_BAND_KM)["band_verdict"]
    stated = projects[["altitude_min_km", "altitude_max_km"]].notna().any(axis=1).to_numpy()
    alt = projects[stated]
    data = alt[["project", "platform_type", "altitude_min_km", "altitude_max_km"]].reset_index(
        drop=True
    )
    data["altitude_open_above"] = data["altitude_max_km"].isna()
    data["altitude_open_below"] = data["altitude_min_km"].isna()
    data["band_verdict"] = verdicts.to_numpy()[stated]
    return data


def endurance_table(projects: pd.DataFrame) -> pd.DataFrame:
    """Endurance by Table I and, where it disagrees, by the survey's text (``platforms-endurance``).

    Columns ``project``, ``platform_type``, ``statement`` ("Table I" or
    "survey text"), ``endurance_days``.
    """
    cols = ["project", "platform_type", "statement", "endurance_days"]
    end = projects.dropna(subset=["endurance_days"])
    return pd.concat(
        [
            end.assign(statement="Table I")[cols],
            end.dropna(subset=["endurance_text_days"]).assign(
                statement="survey text", endurance_days=lambda d: d["endurance_text_days"]
            )[cols],
        ],
        ignore_index=True,
    )


def payload_table(projects: pd.DataFrame) -> pd.DataFrame:
    """Stated payloads (``platforms-payload``): ``project``, ``platform_type``,
    ``payload_min_kg``, ``payload_kg``, ``payload_power_w``."""
    pay = projects.dropna(subset=["payload_kg"])
    return pay[
        ["project", "platform_type", "payload_min_kg", "payload_kg", "payload_power_w"]
    ].reset_index(drop=True)


def atmosphere_table() -> pd.DataFrame:
    """The ICAO standard atmosphere from 0 to 80 km (figure ``platforms-atmosphere``).

    See :func:`sagin_lib.platforms.atmosphere.isa_profile` for the columns.
    """
    return isa_profile(_ATMOSPHERE_GRID_KM)


def stratosphere_values() -> dict[str, float]:
    """ISA numbers of the chapter: pressure and temperature at the check altitude and bounds."""
    bottom, top = stratosphere_bounds_km()
    alts = np.array([18.0, STRATOSPHERE_CHECK_ALT_KM, 23.0])
    frac = np.asarray(isa_pressure_fraction(alts))
    temp = np.asarray(isa_temperature_degc(alts))
    strat = np.linspace(bottom, top, 401)
    return {
        "alt_km": STRATOSPHERE_CHECK_ALT_KM,
        "pressure_fraction": float(frac[1]),
        "pressure_pa": float(isa_pressure_pa(STRATOSPHERE_CHECK_ALT_KM)),
        "pressure_fraction_18km": float(frac[0]),
        "pressure_fraction_23km": float(frac[2]),
        "temperature_degc": float(temp[1]),
        "temperature_min_stratosphere_degc": float(np.min(isa_temperature_degc(strat))),
        "temperature_80km_degc": float(isa_temperature_degc(80.0)),
        "stratosphere_bottom_km": bottom,
        "stratosphere_top_km": top,
    }


def _below_band(projects: pd.DataFrame) -> dict[str, Any]:
    verdict = altitude_band_verdicts(projects, *NEAR_SPACE_BAND_KM)["band_verdict"]
    outside = verdict.isin(["reaches below the band", "reaches above the band"]).to_numpy()
    low = projects["altitude_min_km"].fillna(projects["altitude_max_km"])
    return {
        "outside": list(projects.loc[outside, "project"]),
        "undetermined": list(projects.loc[verdict.eq("undetermined").to_numpy(), "project"]),
        "n_known": int(verdict.ne("no altitude stated").sum()),
        "lowest": {p: float(v) for p, v in zip(projects["project"], low, strict=True) if v == v},
    }
