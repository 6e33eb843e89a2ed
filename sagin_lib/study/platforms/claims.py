"""The platforms chapter's claims: Table I and the near-space environment against the survey."""

from __future__ import annotations

import math

import pandas as pd

from sagin_lib.platforms.projects import altitude_band_verdicts
from sagin_lib.study.claims import Claim, claim, returns_chapter_claims
from sagin_lib.study.sources import STUDY, SURVEY

from .compute import (
    _AIRSHIP_LENGTH_M,
    _MONTH_DAYS,
    _PRESSURE_TOLERANCE,
    _SOLAR_UAV_PAYLOAD_KG,
    _SURVEY_PRESSURE_FRACTION,
    _SURVEY_TEMPERATURE_DEGC,
    _TEMPERATURE_TOLERANCE_DEGC,
    _UAV_ENDURANCE_H,
    _UAV_PAYLOAD_KG,
    _YEAR_DAYS,
    NEAR_SPACE_BAND_KM,
    _below_band,
    endurance_table,
    names_or_none,
    stratosphere_values,
)
from .spec import SPEC, Params

__all__ = ["chapter_claims"]


def _one_sided_text(projects: pd.DataFrame, project: str) -> str:
    row = projects.set_index("project").loc[project]
    if pd.isna(row["altitude_max_km"]):
        return f"{project} (above {row['altitude_min_km']:g} km: a lower bound only)"
    return f"{project} (up to {row['altitude_max_km']:g} km: an upper bound only)"


def _listing(projects: pd.DataFrame, mask: pd.Series, col: str, unit: str) -> str:
    """The projects of ``mask`` with their value of ``col``, or "none"."""
    rows = projects.loc[mask]
    return names_or_none(
        [f"{p} {v:g} {unit}" for p, v in zip(rows["project"], rows[col], strict=True)]
    )


def _no_exception_claim(
    claim_id: str,
    statement: str,
    source: str,
    projects: pd.DataFrame,
    stated: pd.Series,
    exceptions: pd.Series,
    value: tuple[str, str],
    labels: tuple[str, str],
) -> Claim:
    """A statement about every Table I project that states a value: it holds when none is an exception.

    ``value`` is the column and its unit; ``labels`` introduce the two lists of
    the evidence, the projects that state the value and the exceptions among
    them. Not applicable when no project states it.
    """
    col, unit = value
    return claim(
        claim_id,
        statement,
        source,
        None if not stated.any() else not exceptions.any(),
        f"{labels[0]}: {_listing(projects, stated, col, unit)}; "
        f"{labels[1]}: {_listing(projects, exceptions, col, unit)}.",
        kind="source",
    )


def _table_claims(projects: pd.DataFrame) -> list[Claim]:
    conflicts = sorted(projects.loc[projects["endurance_conflict"], "project"])
    conf_rows = projects.set_index("project").loc[conflicts]
    conflict_text = "; ".join(
        f"{p}: Table I {r.endurance_days:g} days, text {r.endurance_text_days:g} days"
        for p, r in conf_rows.iterrows()
    )
    below = _below_band(projects)
    lows = ", ".join(f"{p} {below['lowest'][p]:g} km" for p in below["outside"])
    end = endurance_table(projects)
    shortest = end.loc[end["endurance_days"].idxmin()]
    light = projects["payload_kg"].notna() & (projects["payload_kg"] <= _UAV_PAYLOAD_KG)
    stated = projects["payload_kg"].notna()
    solar = projects["platform_type"].eq("solar UAV") & stated
    heavy_solar = solar & (projects["payload_kg"] >= _SOLAR_UAV_PAYLOAD_KG)
    ships = projects["platform_type"].eq("airship") & projects["size_m"].notna()
    short_ships = ships & (projects["size_m"] <= _AIRSHIP_LENGTH_M)

    return [
        claim(
            "platforms-table-endurance-conflicts",
            "The data set holds the ten projects of Table I and flags exactly the two whose "
            "endurance the survey's table and text state differently (Yuanmeng, Zephyr S), "
            "keeping both values.",
            f"{STUDY}: the Table I data set against the survey's Sec. II-B and II-C",
            len(projects) == 10 and conflicts == ["Yuanmeng", "Zephyr S"],
            f"{len(projects)} projects; flagged: {conflict_text}.",
            kind="check",
        ),
        claim(
            "platforms-projects-fly-in-near-space-band",
            "'NS-ComNet deployed in 20-100 km above the Earth's surface': the near-space "
            "platforms of its Table I fly within 20-100 km.",
            f"{SURVEY}, Sec. I-A, against its Table I",
            None if not below["n_known"] else not below["outside"],
            f"{len(below['outside'])} of the {below['n_known']} projects with a stated altitude "
            f"reach outside the band ({lows or 'none'}); undetermined: "
            f"{names_or_none([_one_sided_text(projects, p) for p in below['undetermined']])}.",
            kind="source",
        ),
        claim(
            "platforms-nsp-endurance-beyond-uav",
            "Low-altitude UAVs have 'an endurance generally below 4 hours', unlike near-space "
            "platforms: every Table I project with a stated endurance stays aloft longer than "
            "4 h.",
            f"{SURVEY}, Sec. I-A, against its Table I",
            bool((end["endurance_days"] * 24.0 > _UAV_ENDURANCE_H).all()),
            f"{len(end)} stated values (table or text); the shortest is {shortest['project']} "
            f"({shortest['statement']}) at {shortest['endurance_days'] * 24.0:g} h.",
            kind="source",
        ),
        _no_exception_claim(
            "platforms-nsp-payload-vs-uav",
            "UAVs have 'a payload capacity below 20 kg' while near-space vehicles carry 'heavy "
            "payloads': every Table I platform with a stated payload carries more than 20 kg.",
            f"{SURVEY}, Sec. I-A, against its Table I",
            projects,
            stated,
            light,
            ("payload_kg", "kg"),
            ("Stated payloads", "at or under 20 kg"),
        ),
        _no_exception_claim(
            "platforms-solar-uav-payload-under-200kg",
            "Solar-powered UAVs carry payloads below 200 kg: every solar UAV of Table I with a "
            "stated payload carries less than 200 kg.",
            f"{SURVEY}, Sec. II, against its Table I",
            projects,
            solar,
            heavy_solar,
            ("payload_kg", "kg"),
            ("Solar UAVs with a stated payload", "at or above 200 kg"),
        ),
        _no_exception_claim(
            "platforms-airships-over-100m",
            "Stratospheric airships are longer than 100 m: every airship of Table I with a "
            "stated length exceeds 100 m.",
            f"{SURVEY}, Sec. II, against its Table I",
            projects,
            ships,
            short_ships,
            ("size_m", "m"),
            ("Airships with a stated length", "at or under 100 m"),
        ),
    ]


def _environment_claims(projects: pd.DataFrame) -> list[Claim]:
    v = stratosphere_values()
    frac, temp = v["pressure_fraction"], v["temperature_degc"]
    bottom, top = v["stratosphere_bottom_km"], v["stratosphere_top_km"]
    verdicts = altitude_band_verdicts(projects, bottom, top)
    stated = verdicts[verdicts["band_verdict"] != "no altitude stated"]
    inside = list(stated.loc[stated["band_verdict"] == "within the band", "project"])
    below = list(stated.loc[stated["below_floor"] == "yes", "project"])
    # Above the stratosphere means wholly above it: the lowest stated altitude over its top.
    lowest = projects.set_index("project")["altitude_min_km"]
    above = [p for p in stated["project"] if lowest.get(p, math.nan) > top]
    not_above = [p for p in stated["project"] if p not in above]
    band_lo, band_hi = NEAR_SPACE_BAND_KM
    band_share = (min(top, band_hi) - band_lo) / (band_hi - band_lo)
    alt = f"{v['alt_km']:g} km"
    return [
        claim(
            "platforms-stratosphere-pressure-20km",
            "Near space has 'atmospheric pressure at approximately 5% of sea-level conditions' "
            f"(checked at {alt}, the floor of the survey's band).",
            f"{SURVEY}, Sec. II; ICAO standard atmosphere (ambiance)",
            abs(frac - _SURVEY_PRESSURE_FRACTION) < _PRESSURE_TOLERANCE,
            f"ISA at {alt}: {v['pressure_pa']:.0f} Pa = {100 * frac:.2f} % of 101325 Pa "
            f"({100 * v['pressure_fraction_18km']:.1f} % at 18 km, "
            f"{100 * v['pressure_fraction_23km']:.1f} % at 23 km, the span of Table I's "
            "balloons); agreement read at the survey's one significant figure (4.5-5.5 %).",
            kind="source",
        ),
        claim(
            "platforms-stratosphere-temperature-20km",
            f"Near space has 'temperatures as low as -60 degC' (checked at {alt}, the floor of "
            "the survey's band).",
            f"{SURVEY}, Sec. II; ICAO standard atmosphere (ambiance)",
            abs(temp - _SURVEY_TEMPERATURE_DEGC) <= _TEMPERATURE_TOLERANCE_DEGC
            and temp > _SURVEY_TEMPERATURE_DEGC - _TEMPERATURE_TOLERANCE_DEGC,
            f"ISA at {alt}: {temp:.2f} degC, never colder than "
            f"{v['temperature_min_stratosphere_degc']:.1f} degC in the stratosphere "
            f"({bottom:.1f}-{top:.1f} km); {v['temperature_80km_degc']:.1f} degC only at 80 km. "
            "Agreement read at one significant figure (-65 to -55 degC): the ISA is a "
            "mid-latitude mean, real temperatures depart from it by 10 degC and more.",
            kind="source",
        ),
        claim(
            "platforms-near-space-above-stratosphere",
            "'The near-space region above the stratosphere is characterized by stable "
            "atmospheric conditions': near space, where the survey's platforms fly, lies above "
            "the stratosphere.",
            f"{SURVEY}, Sec. I-A, against its Table I and Sec. II-C",
            None if stated.empty else not not_above,
            f"Stratosphere of the ISA: {bottom:.2f}-{top:.2f} km. Inside it: "
            f"{names_or_none(inside)}; reaching below it: {names_or_none(below)}; above it: "
            f"{names_or_none(above)}. The survey itself puts X-station 'at 21 km in the "
            f"stratosphere' (Sec. II-C); its own {band_lo:g}-{band_hi:g} km band lies "
            f"{100 * band_share:.0f} % inside the stratosphere.",
            kind="source",
        ),
    ]


def _capacity_claims(params: Params, projects: pd.DataFrame) -> list[Claim]:
    end = projects.dropna(subset=["endurance_days"])
    reported = end[end["values_status"] == "reported"]
    longest = reported[["endurance_days", "endurance_text_days"]].max(axis=1)
    longest_reported = float(longest.max()) if len(longest) else math.nan
    under_month = list(end.loc[end["endurance_days"] < _MONTH_DAYS, "project"])
    years = end[end["endurance_days"] >= _YEAR_DAYS]
    planned_years = years[years["values_status"] != "reported"]
    stated = projects.dropna(subset=["payload_kg"])
    heavy_kg = float(params["heavy_payload_kg"])
    heavy = stated[stated["payload_kg"] >= heavy_kg]
    pay = ", ".join(
        f"{r.project} {'' if pd.isna(r.payload_min_kg) else f'{r.payload_min_kg:g}-'}"
        f"{r.payload_kg:g} kg" + ("" if r.values_status == "reported" else f" [{r.values_status}]")
        for r in stated.itertuples()
    )
    return [
        claim(
            "platforms-nsp-endurance-months-to-years",
            "Solar power and energy storage give 'continuous operation at near-space altitudes "
            "for months to years': some platform of Table I has flown for a year or more.",
            f"{SURVEY}, Sec. II, against its Table I",
            None if reported.empty else longest_reported >= _YEAR_DAYS,
            f"Longest reported endurance: {longest_reported:g} d (a year is {_YEAR_DAYS:g} d); "
            f"a year or more only as plan or target: "
            f"{names_or_none(list(planned_years['project']))}; under a month "
            f"({_MONTH_DAYS:g} d): {names_or_none(under_month)}.",
            kind="source",
        ),
        claim(
            "platforms-nsp-payload-hundreds-of-kg",
            "'NSPs can carry communication equipment exceeding hundreds of kilograms': most "
            f"Table I platforms with a stated payload carry {heavy_kg:g} kg or more.",
            f"{SURVEY}, Sec. II, against its Table I",
            None if stated.empty else len(heavy) > len(stated) / 2.0,
            f"Stated payloads: {pay}; {heavy_kg:g} kg or more: "
            f"{names_or_none(list(heavy['project']))} ({len(heavy)} of {len(stated)}).",
            kind="source",
        ),
    ]


@returns_chapter_claims("platforms")
def chapter_claims(params: Params, *, projects: pd.DataFrame | None = None) -> list[Claim]:
    """Every claim of the chapter, with its verdict under ``params``.

    Parameters
    ----------
    params : mapping
        The chapter's checked parameters (:meth:`ChapterSpec.validate`).
    projects : DataFrame, optional
        The table of :func:`sagin_lib.platforms.projects.load_nsp_projects`
        (loaded when not given).

    {returns}
    """
    from sagin_lib.platforms.projects import load_nsp_projects

    params = SPEC.validate(params)
    projects = load_nsp_projects() if projects is None else projects
    return [
        *_table_claims(projects),
        *_environment_claims(projects),
        *_capacity_claims(params, projects),
    ]
