"""The platforms chapter's figures, each drawn from its tidy table.

:func:`legend_below` is shared with the other chapters that compare platforms.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from sagin_lib.platforms.atmosphere import stratosphere_bounds_km

from .compute import (
    _SOLAR_UAV_PAYLOAD_KG,
    _SURVEY_PRESSURE_FRACTION,
    _SURVEY_TEMPERATURE_DEGC,
    _UAV_ENDURANCE_H,
    _UAV_PAYLOAD_KG,
    NEAR_SPACE_BAND_KM,
    STRATOSPHERE_CHECK_ALT_KM,
)

__all__ = [
    "TYPE_COLORS",
    "altitude_figure",
    "atmosphere_figure",
    "endurance_figure",
    "legend_below",
    "payload_figure",
]


#: One colour per platform type of Table I.
TYPE_COLORS: Mapping[str, str] = {
    "balloon": "#1b9e77",
    "airship": "#d95f02",
    "solar UAV": "#7570b3",
}


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


def _project_rows(fig: Any, ax: Any, projects: Any, *, xlabel: str, title: str, ncol: int) -> Any:
    """Finish a chart of one row per Table I project (in the table's order, top down).

    Names the rows, labels the axes, titles the chart and puts the figure's
    legend under it in ``ncol`` columns; returns the figure.
    """
    ax.set_yticks(range(len(projects)), projects)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_ylabel("project (Table I)")
    ax.set_title(title)
    legend_below(fig, ncol=ncol)
    return fig


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
    ax.set_xlim(0.0, top)
    title = "Stated operating altitudes of the Table I projects"
    return _project_rows(fig, ax, data["project"], xlabel="altitude (km)", title=title, ncol=4)


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
    title = "Endurance: Table I against the survey's text"
    return _project_rows(fig, ax, order, xlabel="endurance (days, log scale)", title=title, ncol=3)


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
    title = "Stated payload capacity (dashed: the survey's ceilings, Sec. I-A and II)"
    return _project_rows(fig, ax, data["project"], xlabel="payload (kg)", title=title, ncol=3)


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
