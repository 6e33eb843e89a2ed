"""Data sets shipped with the library, loaded with checked columns and types.

``nsp_projects.csv`` holds the ten near-space platform (NSP) projects of
Table I of the near-space survey (Liu et al., "Toward Near-Space Communication
Network in the 6G and Beyond Era"), with the numbers of Table I and of the
survey's Section II. A value the survey does not give is left empty (NaN in
the DataFrame): nothing is guessed. Where the table and the text disagree,
both values are kept and the row is flagged (``endurance_conflict``).
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType

import numpy as np
import pandas as pd

__all__ = [
    "NSP_COLUMNS",
    "NSP_NUMERIC_COLUMNS",
    "NSP_PLATFORM_TYPES",
    "NSP_TEXT_COLUMNS",
    "NSP_VALUES_STATUSES",
    "altitude_band_verdicts",
    "load_nsp_projects",
]

#: Every column of the data set in Table I order, with its kind: ``"text"``
#: (empty where the survey says nothing), ``"number"`` (units in the name; NaN
#: means "not given by the survey") or ``"flag"`` (bool).
NSP_COLUMNS: Mapping[str, str] = MappingProxyType(
    {
        "project": "text",
        "platform_type": "text",
        "organisation": "text",
        "country": "text",
        "years": "text",
        "altitude_min_km": "number",
        "altitude_max_km": "number",
        "endurance_days": "number",
        "endurance_qualifier": "text",
        "endurance_text_days": "number",
        "endurance_conflict": "flag",
        "payload_min_kg": "number",
        "payload_kg": "number",
        "payload_power_w": "number",
        "coverage_radius_km": "number",
        "coverage_claim": "text",
        "size_m": "number",
        "size_kind": "text",
        "values_status": "text",
        "notes": "text",
        "source": "text",
    }
)

#: Columns holding text, in table order.
NSP_TEXT_COLUMNS: tuple[str, ...] = tuple(c for c, k in NSP_COLUMNS.items() if k == "text")

#: Numeric columns, in table order.
NSP_NUMERIC_COLUMNS: tuple[str, ...] = tuple(c for c, k in NSP_COLUMNS.items() if k == "number")

#: The platform types of Table I.
NSP_PLATFORM_TYPES: tuple[str, ...] = ("balloon", "airship", "solar UAV")

#: How firm a project's numbers are: ``reported`` (the survey reports them as
#: achieved or as the platform's capability), ``planned`` (a project's plan,
#: "would", "envisioned": SkyNet) or ``target`` (a design target: Stratobus).
NSP_VALUES_STATUSES: tuple[str, ...] = ("reported", "planned", "target")

_QUALIFIERS = {"up to", "about", "over", "stated"}
_SIZE_KINDS = {"length", "wingspan"}


def load_nsp_projects() -> pd.DataFrame:
    """The ten NSP projects of the survey's Table I.

    Columns (NaN or missing text where the survey gives no value):

    ``project``, ``platform_type`` (balloon, airship, solar UAV),
    ``organisation``, ``country``, ``years`` (as stated, e.g. "since 2009");
    ``altitude_min_km``, ``altitude_max_km`` (a single stated altitude fills
    both; "exceeds 18 km" fills only the minimum; "a maximum altitude of
    9,050 m" only the maximum); ``endurance_days`` (Table I; hours, years
    converted at 24 h and 365.25 days), ``endurance_qualifier`` ("up to",
    "about", "over", "stated"), ``endurance_text_days`` (the survey's text
    where it disagrees with Table I), ``endurance_conflict`` (bool flag);
    ``payload_min_kg`` (lower end of a stated range), ``payload_kg`` (the
    largest stated payload), ``payload_power_w``; ``coverage_radius_km`` (a
    stated diameter is halved) and ``coverage_claim`` (the survey's words);
    ``size_m`` with ``size_kind`` (length or wingspan); ``values_status``
    (:data:`NSP_VALUES_STATUSES`: reported, planned or target); ``notes``;
    ``source`` (where in the survey each value is).

    Returns
    -------
    pandas.DataFrame
        Ten rows in Table I order; text columns of pandas' string dtype,
        numeric columns float64, ``endurance_conflict`` bool.

    Raises
    ------
    ValueError
        If the packaged file is malformed (missing columns, wrong types, an
        unknown platform type, a negative value or an altitude range whose
        minimum exceeds its maximum).
    """
    ref = resources.files("sagin_lib").joinpath("data", "nsp_projects.csv")
    with ref.open("r", encoding="utf-8") as handle:
        raw = pd.read_csv(handle, dtype=str, keep_default_na=False)
    return _checked(raw)


def _checked(raw: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in NSP_COLUMNS if c not in raw.columns]
    if missing:
        raise ValueError(f"nsp_projects.csv lacks column(s) {missing}")
    df = pd.DataFrame(index=raw.index)
    for col, kind in NSP_COLUMNS.items():
        text = raw[col].astype(str).str.strip()
        if kind == "number":
            values = pd.to_numeric(text.replace("", np.nan), errors="coerce")
            bad = values.isna() & (text != "")
            if bad.any():
                raise ValueError(
                    f"nsp_projects.csv column {col} has non-numbers: {list(text[bad])}"
                )
            if (values < 0).any():
                raise ValueError(f"nsp_projects.csv column {col} has negative values")
            df[col] = values.astype(np.float64)
        elif kind == "flag":
            if not text.isin(["True", "False"]).all():
                raise ValueError(f"nsp_projects.csv column {col} must be True or False")
            df[col] = text.eq("True").astype(bool)
        else:
            df[col] = text.replace("", pd.NA).astype("string")
    if df["project"].isna().any() or df["project"].duplicated().any():
        raise ValueError("nsp_projects.csv: every project needs a unique name")
    unknown = set(df["platform_type"].dropna()) - set(NSP_PLATFORM_TYPES)
    if unknown or df["platform_type"].isna().any():
        raise ValueError(f"nsp_projects.csv: platform_type must be one of {NSP_PLATFORM_TYPES}")
    if not set(df["endurance_qualifier"].dropna()) <= _QUALIFIERS:
        raise ValueError(
            f"nsp_projects.csv: endurance_qualifier must be one of {sorted(_QUALIFIERS)}"
        )
    if df["values_status"].isna().any() or not set(df["values_status"]) <= set(NSP_VALUES_STATUSES):
        raise ValueError(f"nsp_projects.csv: values_status must be one of {NSP_VALUES_STATUSES}")
    if not set(df["size_kind"].dropna()) <= _SIZE_KINDS:
        raise ValueError(f"nsp_projects.csv: size_kind must be one of {sorted(_SIZE_KINDS)}")
    if (df["altitude_min_km"] > df["altitude_max_km"]).any():
        raise ValueError("nsp_projects.csv: altitude_min_km exceeds altitude_max_km")
    if (df["payload_min_kg"] > df["payload_kg"]).any():
        raise ValueError("nsp_projects.csv: payload_min_kg exceeds payload_kg")
    conflict_has_text = df["endurance_text_days"].notna()
    if not (conflict_has_text == df["endurance_conflict"]).all():
        raise ValueError(
            "nsp_projects.csv: endurance_conflict must be True exactly where endurance_text_days is given"
        )
    return df.reset_index(drop=True)


def _side(lo: float, hi: float, beyond: str, bound_km: float) -> str:
    """Does a stated altitude range reach beyond ``bound_km`` ("below" or "above" it)?"""
    has_lo, has_hi = not np.isnan(lo), not np.isnan(hi)
    if not (has_lo or has_hi):
        return "not stated"
    if beyond == "below":
        if has_lo and has_hi:
            return "yes" if lo < bound_km else "no"
        if has_hi:  # "a maximum altitude of hi": the whole range is at or below hi
            return "yes" if hi < bound_km else "undetermined"
        return "no" if lo >= bound_km else "undetermined"  # "exceeds lo"
    if has_lo and has_hi:
        return "yes" if hi > bound_km else "no"
    if has_lo:
        return "yes" if lo > bound_km else "undetermined"
    return "no" if hi <= bound_km else "undetermined"


def altitude_band_verdicts(
    projects: pd.DataFrame, floor_km: float, ceiling_km: float
) -> pd.DataFrame:
    """Where each project's stated altitude lies against a band of altitudes.

    A stated range (both ends given) decides both questions. A one-sided
    statement decides only what its bound implies: "exceeds 18 km" (Zephyr
    S, minimum only) shows neither that the platform flies below a 20 km
    floor nor that it stays above it, so it is ``undetermined``; "a maximum
    altitude of 9.05 km" (Jimu-1) puts the whole range below a 20 km floor.

    Parameters
    ----------
    projects : pandas.DataFrame
        Table from :func:`load_nsp_projects`.
    floor_km, ceiling_km : float
        The band, km, ``0 <= floor_km < ceiling_km``.

    Returns
    -------
    pandas.DataFrame
        Columns ``project``, ``below_floor`` and ``above_ceiling`` (each
        "yes", "no", "undetermined" or "not stated") and ``band_verdict``:
        "reaches below the band", "reaches above the band", "within the
        band", "undetermined" or "no altitude stated".

    Raises
    ------
    ValueError
        For a band with ``floor_km >= ceiling_km`` or a negative floor.
    """
    floor, ceiling = float(floor_km), float(ceiling_km)
    if not (0.0 <= floor < ceiling) or not np.isfinite(ceiling):
        raise ValueError(
            f"floor_km and ceiling_km must satisfy 0 <= floor_km < ceiling_km < inf; "
            f"got {floor_km!r} and {ceiling_km!r}"
        )
    lows = projects["altitude_min_km"].to_numpy(dtype=np.float64)
    highs = projects["altitude_max_km"].to_numpy(dtype=np.float64)
    below = [_side(lo, hi, "below", floor) for lo, hi in zip(lows, highs, strict=True)]
    above = [_side(lo, hi, "above", ceiling) for lo, hi in zip(lows, highs, strict=True)]
    verdicts = []
    for b, a in zip(below, above, strict=True):
        if b == "not stated":
            verdicts.append("no altitude stated")
        elif b == "yes":
            verdicts.append("reaches below the band")
        elif a == "yes":
            verdicts.append("reaches above the band")
        elif b == "no" and a == "no":
            verdicts.append("within the band")
        else:
            verdicts.append("undetermined")
    return pd.DataFrame(
        {
            "project": list(projects["project"]),
            "below_floor": below,
            "above_ceiling": above,
            "band_verdict": verdicts,
        }
    )
