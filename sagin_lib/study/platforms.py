"""The platforms chapter: the survey's Table I as data and the near-space environment.

The chapter (``book/platforms.ipynb``) takes the near-space survey at its word
on its own projects: the ten near-space platforms of its Table I (altitude,
endurance, payload, size) as a data set, and its description of near space
(pressure, temperature, the stratosphere) against the ICAO standard
atmosphere. This module declares its parameters (:data:`SPEC`) and holds
everything the notebook shows: the tidy table behind each figure
(``*_table``), the figure drawn from that table (``*_figure``, returning a
:class:`matplotlib.figure.Figure`), the formatted tables, the numbers quoted in
the prose (:func:`prose_values`) and the chapter's claims with their verdicts
(:func:`chapter_claims`).

The platforms side by side (coverage, delay, path loss, covering the Earth and
the survey's coverage claims) are the ``comparison`` chapter
(:mod:`sagin_lib.study.comparison`); the coverage probability against the
number of HAPS is part of the ``networks`` chapter
(:mod:`sagin_lib.study.networks`). Both import the shared names of this
module (:data:`NEAR_SPACE_BAND_KM`, :func:`names_or_none`, :func:`legend_below`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
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
from sagin_lib.study.claims import Claim, claim
from sagin_lib.study.formatting import Table, format_table
from sagin_lib.study.sources import STUDY, SURVEY
from sagin_lib.study.spec import ChapterSpec, Param, output_dir_param

__all__ = [
    "NEAR_SPACE_BAND_KM",
    "SPEC",
    "STRATOSPHERE_CHECK_ALT_KM",
    "TYPE_COLORS",
    "altitude_figure",
    "altitude_table",
    "assumptions_table",
    "atmosphere_figure",
    "atmosphere_table",
    "chapter_claims",
    "endurance_figure",
    "endurance_table",
    "legend_below",
    "names_or_none",
    "payload_figure",
    "payload_table",
    "project_table",
    "prose_values",
    "stratosphere_values",
]

Params = Mapping[str, Any]

#: One colour per platform type of Table I.
TYPE_COLORS: Mapping[str, str] = {
    "balloon": "#1b9e77",
    "airship": "#d95f02",
    "solar UAV": "#7570b3",
}

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

SPEC = ChapterSpec(
    "platforms",
    (
        output_dir_param("platforms"),
        Param(
            "heavy_payload_kg",
            200.0,
            "least payload read as the survey's 'hundreds of kilograms'",
            "kg",
            100.0,
            1000.0,
        ),
    ),
)


# ----------------------------------------------------------------- helpers


def names_or_none(names: list[str]) -> str:
    """The names joined by commas, or "none" for an empty list.

    >>> names_or_none(["Loon", "Elevate"]), names_or_none([])
    ('Loon, Elevate', 'none')
    """
    return ", ".join(names) if names else "none"


def _type_legend(ax: Any, kind: str) -> None:
    for ptype, color in TYPE_COLORS.items():
        if kind == "dot":
            ax.plot([], [], "o", color=color, label=ptype)
        else:
            ax.barh([0], [0], color=color, label=ptype)


def legend_below(
    fig: Any, ncol: int, *, title: str | None = None, handles: Any = None, labels: Any = None
) -> None:
    """One legend for the whole figure, under its axes, where no data can be.

    ``handles`` and ``labels`` default to those of every axes of the figure;
    ``title`` goes above the entries (the figures use it for notes such as
    which curves coincide).
    """
    args = () if handles is None else (handles, labels)
    fig.legend(*args, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=ncol, title=title)


# ----------------------------------------------------------------- Table I


_PROJECT_COLUMNS = [
    "project",
    "platform_type",
    "organisation",
    "country",
    "years",
    "altitude_min_km",
    "altitude_max_km",
    "endurance_days",
    "endurance_text_days",
    "payload_min_kg",
    "payload_kg",
    "payload_power_w",
    "coverage_radius_km",
    "size_m",
    "size_kind",
    "values_status",
]


def project_table(projects: pd.DataFrame) -> Table:
    """The Table I data set as the chapter shows it, values the survey does not give as —."""
    shown = projects[_PROJECT_COLUMNS].copy()
    for column in shown.columns:
        if pd.api.types.is_string_dtype(shown[column]):
            # pandas' missing text (pd.NA) is shown as "—" like a missing number.
            shown[column] = shown[column].astype(object).where(shown[column].notna(), None)
    return format_table(
        shown,
        digits=4,
        headers={
            "platform_type": "type",
            "endurance_text_days": "endurance in the text (days)",
            "payload_min_kg": "payload from (kg)",
            "payload_kg": "payload up to (kg)",
            "payload_power_w": "payload power (W)",
            "size_m": "size (m)",
            "size_kind": "size is",
            "values_status": "values",
        },
        missing="not given by the survey",
        caption="The ten projects of the survey's Table I, completed from its Section II",
    )


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


def altitude_figure(data: pd.DataFrame) -> Any:
    """Bars for stated altitude ranges, dots for single altitudes, arrows for one-sided ones."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.0, 3.8))
    stated = data[["altitude_min_km", "altitude_max_km"]].to_numpy(dtype=float)
    top = max(25.0, float(np.nanmax(stated)) + 2.0) if np.isfinite(stated).any() else 25.0
    band_lo = NEAR_SPACE_BAND_KM[0]
    ax.axvspan(
        band_lo,
        top,
        color="0.9",
        zorder=0,
        label=f"near space ({band_lo:g}-{NEAR_SPACE_BAND_KM[1]:g} km, Sec. I-A)",
    )
    for i, row in data.iterrows():
        color = TYPE_COLORS[row["platform_type"]]
        lo, hi = row["altitude_min_km"], row["altitude_max_km"]
        if row["altitude_open_above"] or row["altitude_open_below"]:
            start, end = (lo, top - 0.5) if row["altitude_open_above"] else (hi, 0.5)
            undetermined = row["band_verdict"] == "undetermined"
            ax.annotate(
                "",
                xy=(end, i),
                xytext=(start, i),
                arrowprops={
                    "arrowstyle": "->",
                    "color": color,
                    "lw": 2,
                    "ls": "--" if undetermined else "-",
                },
            )
            ax.plot(start, i, "o", color=color)
            if undetermined:
                ax.text(start - 0.4, i, "lower bound only: undetermined", ha="right", va="center")
        elif lo == hi:
            ax.plot(lo, i, "o", color=color)
        else:
            ax.plot([lo, hi], [i, i], "-", color=color, lw=6, solid_capstyle="butt")
    _type_legend(ax, "dot")
    ax.set_yticks(range(len(data)), data["project"])
    ax.invert_yaxis()
    ax.set_xlim(0.0, top)
    ax.set_xlabel("altitude (km)")
    ax.set_ylabel("project (Table I)")
    ax.set_title("Stated operating altitudes of the Table I projects")
    legend_below(fig, ncol=4)
    return fig


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


def endurance_figure(data: pd.DataFrame) -> Any:
    """Endurance bars (Table I) with crosses for the survey's conflicting text values."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.0, 3.6))
    table_rows = data[data["statement"] == "Table I"]
    order = list(table_rows["project"])
    ax.barh(
        [order.index(p) for p in table_rows["project"]],
        table_rows["endurance_days"],
        color=[TYPE_COLORS[t] for t in table_rows["platform_type"]],
    )
    text_rows = data[data["statement"] == "survey text"]
    ax.plot(
        text_rows["endurance_days"],
        [order.index(p) for p in text_rows["project"]],
        "kx",
        ms=9,
        mew=2,
        label="survey text (conflicts with Table I)",
    )
    ax.axvline(
        _UAV_ENDURANCE_H / 24.0,
        color="0.3",
        ls="--",
        lw=1,
        label=f"low-altitude UAV: {_UAV_ENDURANCE_H:g} h (Sec. I-A)",
    )
    _type_legend(ax, "bar")
    ax.set_xscale("log")
    ax.set_yticks(range(len(order)), order)
    ax.invert_yaxis()
    ax.set_xlabel("endurance (days, log scale)")
    ax.set_ylabel("project (Table I)")
    ax.set_title("Endurance: Table I against the survey's text")
    legend_below(fig, ncol=3)
    return fig


def payload_table(projects: pd.DataFrame) -> pd.DataFrame:
    """Stated payloads (``platforms-payload``): ``project``, ``platform_type``,
    ``payload_min_kg``, ``payload_kg``, ``payload_power_w``."""
    pay = projects.dropna(subset=["payload_kg"])
    return pay[
        ["project", "platform_type", "payload_min_kg", "payload_kg", "payload_power_w"]
    ].reset_index(drop=True)


def payload_figure(data: pd.DataFrame) -> Any:
    """Payload bars (a stated range from its lower end) with the survey's UAV ceilings."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.0, 3.2))
    low = data["payload_min_kg"].fillna(0.0)
    ax.barh(
        range(len(data)),
        data["payload_kg"] - low,
        left=low,
        color=[TYPE_COLORS[t] for t in data["platform_type"]],
    )
    _type_legend(ax, "bar")
    for x, label in [(_UAV_PAYLOAD_KG, "UAV: 20 kg"), (_SOLAR_UAV_PAYLOAD_KG, "solar UAV: 200 kg")]:
        ax.axvline(x, color="0.3", ls="--", lw=1)
        ax.text(x, len(data) - 0.5, " " + label, va="bottom")
    ax.set_yticks(range(len(data)), data["project"])
    ax.invert_yaxis()
    ax.set_xlabel("payload (kg)")
    ax.set_ylabel("project (Table I)")
    ax.set_title("Stated payload capacity (dashed: the survey's ceilings, Sec. I-A and II)")
    legend_below(fig, ncol=3)
    return fig


# ----------------------------------------------------------------- the environment


def atmosphere_table() -> pd.DataFrame:
    """The ICAO standard atmosphere from 0 to 80 km (figure ``platforms-atmosphere``).

    See :func:`sagin_lib.platforms.atmosphere.isa_profile` for the columns.
    """
    return isa_profile(_ATMOSPHERE_GRID_KM)


def atmosphere_figure(data: pd.DataFrame, projects: pd.DataFrame) -> Any:
    """Temperature and pressure against altitude, the stratosphere and Table I's altitudes."""
    import matplotlib.pyplot as plt

    bottom, top = stratosphere_bounds_km()
    stated = projects[["altitude_min_km", "altitude_max_km"]].stack()
    fly_lo, fly_hi = float(stated[stated > bottom].min()), float(stated.max())
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(7.4, 4.2), sharey=True)
    ax1.plot(data["temperature_degc"], data["alt_km"], color="C3")
    ax2.plot(100.0 * data["pressure_fraction_of_sea_level"], data["alt_km"], color="C0")
    for ax in (ax1, ax2):
        ax.axhspan(bottom, top, color="0.92", zorder=0)
        ax.axhspan(fly_lo, fly_hi, color="C2", alpha=0.3, zorder=0)
        ax.axhline(STRATOSPHERE_CHECK_ALT_KM, color="0.4", ls=":", lw=1)
    ax1.plot(_SURVEY_TEMPERATURE_DEGC, STRATOSPHERE_CHECK_ALT_KM, "kx", ms=9, mew=2)
    ax2.plot(100.0 * _SURVEY_PRESSURE_FRACTION, STRATOSPHERE_CHECK_ALT_KM, "kx", ms=9, mew=2)
    ax1.text(-95.0, (bottom + top) / 2.0, "stratosphere", color="0.35")
    ax1.text(-95.0, fly_hi + 0.8, "Table I altitudes", color="C2")
    ax1.set_xlabel("ISA temperature (°C)")
    ax2.set_xlabel("ISA pressure (% of sea level, log scale)")
    ax2.set_xscale("log")
    ax1.set_ylabel("geometric altitude (km)")
    ax1.set_xlim(-100.0, 20.0)
    ax1.plot([], [], "kx", mew=2, label="survey: ~5 % and -60 °C at 20 km")
    fig.suptitle("The ICAO standard atmosphere where near-space platforms fly")
    fig.tight_layout()
    legend_below(fig, ncol=1)
    return fig


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


# ----------------------------------------------------------------- assumptions


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
    return pd.DataFrame(rows, columns=["quantity", "value", "source"])


# ----------------------------------------------------------------- prose numbers


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


# ----------------------------------------------------------------- claims


def _one_sided_text(projects: pd.DataFrame, project: str) -> str:
    row = projects.set_index("project").loc[project]
    if pd.isna(row["altitude_max_km"]):
        return f"{project} (above {row['altitude_min_km']:g} km: a lower bound only)"
    return f"{project} (up to {row['altitude_max_km']:g} km: an upper bound only)"


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

    def listing(mask: pd.Series, col: str, unit: str) -> str:
        return names_or_none(
            [
                f"{p} {v:g} {unit}"
                for p, v in zip(projects.loc[mask, "project"], projects.loc[mask, col], strict=True)
            ]
        )

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
        claim(
            "platforms-nsp-payload-vs-uav",
            "UAVs have 'a payload capacity below 20 kg' while near-space vehicles carry 'heavy "
            "payloads': every Table I platform with a stated payload carries more than 20 kg.",
            f"{SURVEY}, Sec. I-A, against its Table I",
            None if not stated.any() else not light.any(),
            f"Stated payloads: {listing(stated, 'payload_kg', 'kg')}; at or under 20 kg: "
            f"{listing(light, 'payload_kg', 'kg')}.",
            kind="source",
        ),
        claim(
            "platforms-solar-uav-payload-under-200kg",
            "Solar-powered UAVs carry payloads below 200 kg: every solar UAV of Table I with a "
            "stated payload carries less than 200 kg.",
            f"{SURVEY}, Sec. II, against its Table I",
            None if not solar.any() else not heavy_solar.any(),
            f"Solar UAVs with a stated payload: {listing(solar, 'payload_kg', 'kg')}; at or "
            f"above 200 kg: {listing(heavy_solar, 'payload_kg', 'kg')}.",
            kind="source",
        ),
        claim(
            "platforms-airships-over-100m",
            "Stratospheric airships are longer than 100 m: every airship of Table I with a "
            "stated length exceeds 100 m.",
            f"{SURVEY}, Sec. II, against its Table I",
            None if not ships.any() else not short_ships.any(),
            f"Airships with a stated length: {listing(ships, 'size_m', 'm')}; at or under "
            f"100 m: {listing(short_ships, 'size_m', 'm')}.",
            kind="source",
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


def chapter_claims(params: Params, *, projects: pd.DataFrame | None = None) -> list[Claim]:
    """Every claim of the chapter, with its verdict under ``params``.

    Parameters
    ----------
    params : mapping
        The chapter's checked parameters (:meth:`ChapterSpec.validate`).
    projects : DataFrame, optional
        The table of :func:`sagin_lib.platforms.projects.load_nsp_projects`
        (loaded when not given).

    Returns
    -------
    list of Claim
        In reading order; ids prefixed ``platforms-``.
    """
    from sagin_lib.platforms.projects import load_nsp_projects

    params = SPEC.validate(params)
    projects = load_nsp_projects() if projects is None else projects
    return [
        *_table_claims(projects),
        *_environment_claims(projects),
        *_capacity_claims(params, projects),
    ]
