"""The coverage chapter's figures: Fig. 3, the uplink cases, the flat disc and the insights.

Every figure is 7.4 in wide (shown at natural size in the book), with its legend under
the axes; curves that lie on each other carry markers or are named in a note (see
:func:`tidy_log_axis` for the ticks).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.scenarios import DOWNLINKS, SCENARIOS, UPLINKS
from sagin_lib.study.figures import ALTITUDE_STYLES, SCENARIO_COLORS
from sagin_lib.study.formatting import format_number
from sagin_lib.study.tables import DIRECTION_SPECIFIC_COLUMNS

from .compute import LAYER_PAIRS, _curves

#: Columns of the dome-versus-flat data that are empty by design on some rows.
DOME_VS_FLAT_MISSING_OK: tuple[str, ...] = (
    *DIRECTION_SPECIFIC_COLUMNS,
    "rx_alt_km",
    "tx_alt_km",
    "area_km2",
    "flat_area_km2",
    "platform",
)

#: Width of every figure of the chapter (inches): shown at natural size in the book.
FIG_WIDTH_IN = 7.4

#: The Earth's surface area (km^2), the yardstick of the downlink domes.
EARTH_AREA_KM2 = 4 * math.pi * EARTH_RADIUS_KM**2

_EARTH_LABEL = f"the Earth's surface ({format_number(EARTH_AREA_KM2, 2)} km²), for scale"

#: Scenarios whose curves lie on those of their ground twin (A2S on G2S, S2A on S2G).
_AIR_TWINS: Mapping[str, str] = {"A2S": "G2S", "S2A": "S2G"}

#: Marker of the air-layer twins, so that a reader finds them on their ground twins.
_TWIN_MARKER = dict(marker="o", markerfacecolor="none", markersize=5, markeredgewidth=1.0)

_AREA_LABEL = r"dome area $|\mathcal{A}|$ (km$^2$)"

_SHELL_AREA_LABEL = "dome area on the\ntransmitters' shell (km$^2$)"

#: The parameter that holds each platform's altitude (the figures name the platforms).
_ALT_PARAM: Mapping[str, str] = {
    "UAV": "uav_alt_km",
    "HAP": "haps_alt_km",
    "LEO": "leo_alt_km",
    "MEO": "meo_alt_km",
    "GEO": "geo_alt_km",
}


def _new_figure(height_in: float, ncols: int = 1, **kwargs: Any) -> tuple[plt.Figure, Any]:
    """A figure of the chapter's width with constrained layout (legends go outside)."""
    return plt.subplots(1, ncols, figsize=(FIG_WIDTH_IN, height_in), layout="constrained",
                        **kwargs)  # fmt: skip


def _markevery(n: int) -> int:
    return max(n // 8, 1)


def _tick_text(x: float) -> str:
    if x == 0:
        return "0"
    if 1e-3 <= abs(x) < 1e5:
        return f"{x:g}"
    exponent = math.floor(math.log10(abs(x)))
    mantissa = x / 10.0**exponent
    if math.isclose(mantissa, round(mantissa), rel_tol=1e-9) and round(mantissa) == 1:
        return rf"$10^{{{exponent}}}$"
    return rf"${mantissa:.3g} \times 10^{{{exponent}}}$"


def tidy_log_axis(axis: Any) -> None:
    """Tick a logarithmic axis so that its labels never run together.

    Over a wide range the powers of ten are labelled (and no minor tick); over a
    narrower one, a few round values (1, 2 and 5 times a power of ten, or evenly
    spaced values where even those are too far apart) are written out.

    Parameters
    ----------
    axis : matplotlib.axis.Axis
        A logarithmic x or y axis whose limits are final.
    """
    from matplotlib.ticker import (
        FixedLocator,
        FuncFormatter,
        MaxNLocator,
        NullFormatter,
        NullLocator,
    )

    lo, hi = sorted(axis.get_view_interval())
    axis.set_minor_formatter(NullFormatter())
    if not (lo > 0 and hi > lo):
        return
    k0, k1 = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    ticks = [m * 10.0**k for k in range(k0, k1 + 1) for m in (1, 2, 5) if lo <= m * 10.0**k <= hi]
    if len(ticks) > 7:  # two or more powers of ten: Matplotlib's own labels
        if math.log10(hi / lo) > 6:
            axis.set_minor_locator(NullLocator())  # minor ticks would only crowd the decades
        return
    if len(ticks) < 2:
        ticks = [
            t
            for t in MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]).tick_values(lo, hi)
            if lo * (1 - 1e-9) <= t <= hi * (1 + 1e-9) and t > 0
        ]
    axis.set_major_locator(FixedLocator(ticks))
    axis.set_major_formatter(FuncFormatter(lambda x, _pos: _tick_text(x)))


def _tidy_log_axes(fig: plt.Figure) -> None:
    for ax in fig.get_axes():
        ax.get_xlim(), ax.get_ylim()  # settle the autoscaled limits
        for axis, scale in ((ax.xaxis, ax.get_xscale()), (ax.yaxis, ax.get_yscale())):
            if scale == "log":
                tidy_log_axis(axis)


def _name_marks(ax: Any, marks: Mapping[str, float], fontsize: float = 9.0) -> int:
    """Grey vertical lines at the platforms' altitudes, named above the axes.

    Names that would run into each other go one row up. Returns the number of rows.
    """
    from matplotlib.transforms import offset_copy

    lo, hi = sorted(ax.get_xlim())
    inside = sorted((alt, name) for name, alt in marks.items() if lo <= alt <= hi)
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    placed: list[tuple[int, Any]] = []
    for alt, name in inside:
        ax.axvline(alt, color="0.6", linewidth=0.8, linestyle=ALTITUDE_STYLES[name],
                   label=f"_{name} line")  # fmt: skip
        for row in range(len(inside)):
            where = offset_copy(ax.get_xaxis_transform(), fig=fig, y=2 + 1.35 * fontsize * row,
                                units="points")  # fmt: skip
            text = ax.text(alt, 1.0, name, transform=where, ha="center", va="bottom",
                           fontsize=fontsize, color="0.35")  # fmt: skip
            box = text.get_window_extent(renderer).expanded(1.0, 1.0).padded(4)
            if not any(r == row and box.overlaps(b) for r, b in placed):
                placed.append((row, box))
                break
            text.remove()
    return 1 + max((r for r, _ in placed), default=-1)


def _title_above_marks(ax: Any, title: str, rows: int, fontsize: float = 9.0) -> None:
    ax.set_title(title, pad=4 + 1.35 * fontsize * rows)


def _twin_note(table: pd.DataFrame, platform_col: str, value: str = "area_km2") -> str:
    """How far each air-layer twin (A2S, S2A) is from its ground twin, in per cent."""
    parts = []
    for air, ground in _AIR_TWINS.items():
        a = table[table["scenario"] == air]
        if a.empty:
            continue
        g = table[table["scenario"] == ground]
        per = []
        for name, rows in a.groupby(platform_col, sort=False):
            other = g[g[platform_col] == name][value].to_numpy()
            diff = np.max(np.abs(rows[value].to_numpy() / other - 1))
            per.append(f"{100 * diff:.2g} % ({name})")
        parts.append(f"{air} (○) and {ground} areas differ by at most " + ", ".join(per))
    return "; ".join(parts)


def _legend_below(fig: plt.Figure, columns: list[list[tuple[Any, str]]], **kwargs: Any) -> Any:
    """A legend under the axes with one column per group of (handle, label) entries."""
    from matplotlib.lines import Line2D

    columns = [c for c in columns if c]
    rows = max(len(c) for c in columns)
    handles, labels = [], []
    for column in columns:
        for handle, label in column + [(Line2D([], [], linestyle="none"), "")] * (
            rows - len(column)
        ):
            handles.append(handle)
            labels.append(label)
    return fig.legend(handles, labels, loc="outside lower center", ncol=len(columns), **kwargs)


def _entries(*axes: Any) -> list[tuple[Any, str]]:
    pairs: list[tuple[Any, str]] = []
    for ax in axes:
        pairs += list(zip(*ax.get_legend_handles_labels(), strict=True))
    return pairs


def _coincident(fig: plt.Figure, tol_px: float = 1.5) -> list[str]:
    """Pairs of lines drawn (within ``tol_px`` display pixels) on top of each other."""
    fig.draw_without_rendering()
    pairs = []
    for ax in fig.get_axes():
        lines = [ln for ln in ax.get_lines()
                 if ln.get_visible() and ln.get_linestyle() not in ("None", "", " ", "none")]  # fmt: skip
        for i, a in enumerate(lines):
            pa = a.get_transform().transform(np.asarray(a.get_xydata(), dtype=float))
            for b in lines[i + 1 :]:
                pb = b.get_transform().transform(np.asarray(b.get_xydata(), dtype=float))
                if pa.shape != pb.shape or len(pa) < 2 or a.get_marker() != b.get_marker():
                    continue
                with np.errstate(invalid="ignore"):
                    d = np.hypot(*(pa - pb).T)
                if np.all(np.isfinite(d)) and d.max() < tol_px:
                    pair = _pair_text(a.get_label().lstrip("_"), b.get_label().lstrip("_"))
                    if pair not in pairs:
                        pairs.append(pair)
    return pairs


def _pair_text(a: str, b: str) -> str:
    """``"A2S, LEO"`` and ``"A2S, MEO"`` as ``"A2S, LEO and MEO"``."""
    head_a, _, tail_a = a.rpartition(", ")
    head_b, _, tail_b = b.rpartition(", ")
    if head_a and head_a == head_b:
        return f"{head_a}, {tail_a} and {tail_b}"
    return f"{a} and {b}"


def _lines_of(parts: list[str], width: int = 90) -> str:
    """Parts joined by "; ", broken into lines between parts (never inside one)."""
    lines = [parts[0]]
    for part in parts[1:]:
        if len(lines[-1]) + 2 + len(part) <= width:
            lines[-1] += "; " + part
        else:
            lines[-1] += ";"
            lines.append(part)
    return "\n".join(lines)


def _finish(fig: plt.Figure, legend: Any) -> plt.Figure:
    """Tidy the log axes and say, in the legend's title, which curves coincide at this scale.

    Platforms at nearly the same altitude (a reader's choice) draw their curves on
    top of each other; the note names them rather than hiding one.
    """
    _tidy_log_axes(fig)
    pairs = _coincident(fig)
    if pairs:
        title = legend.get_title().get_text()
        note = _lines_of([f"coincide at this scale: {pairs[0]}", *pairs[1:]])
        legend.set_title(f"{title}\n{note}" if title else note, prop={"size": 9})
        fig.draw_without_rendering()
    # The layout is final: saving the figure (PNG, SVG) and checking it need not redo it.
    fig.set_layout_engine("none")
    return fig


def _family(table: pd.DataFrame, x: str, platform_col: str, xlabel: str, *, downlink: bool
            ) -> plt.Figure:  # fmt: skip
    """Area (left) and vertex angle (right) of every curve against ``x``, legend below."""
    fig, (ax_area, ax_angle) = _new_figure(3.9, 2)
    for (key, name), rows in table.groupby(["scenario", platform_col], sort=False):
        style: dict[str, Any] = dict(color=SCENARIO_COLORS[key], linestyle=ALTITUDE_STYLES[name])
        if key in _AIR_TWINS:
            style.update(_TWIN_MARKER, markevery=_markevery(len(rows)))
        ax_area.plot(rows[x], rows["area_km2"], label=f"{key}, {name}", **style)
        ax_angle.plot(rows[x], rows["vertex_angle_deg"], label=f"{key}, {name}", **style)
    if downlink:
        ax_area.axhline(EARTH_AREA_KM2, color="0.45", linewidth=0.9, linestyle=(0, (1, 2)),
                        label=_EARTH_LABEL)  # fmt: skip
    ax_area.set_ylabel(_SHELL_AREA_LABEL if downlink else _AREA_LABEL)
    ax_angle.set_ylabel(r"vertex angle $\varphi$ (°)")
    for ax in (ax_area, ax_angle):
        ax.set_yscale("log")
        ax.set_xscale("linear" if downlink else "log")
        ax.set_xlabel(xlabel)
    entries = _entries(ax_area)
    keys = list(dict.fromkeys(table["scenario"]))
    columns = [[e for e in entries if e[1].startswith(f"{k},")] for k in keys]
    columns[0] += [e for e in entries if e[1] == _EARTH_LABEL]
    legend = _legend_below(fig, columns, title=_twin_note(table, platform_col),
                           title_fontsize=9)  # fmt: skip
    return _finish(fig, legend)


def plot_uplink_frequency(table: pd.DataFrame) -> plt.Figure:
    """Fig. 3, uplinks: dome area and vertex angle against carrier frequency.

    The A2S curves carry circles: they lie on the G2S curves of the same satellite,
    and the legend's title says by how much they differ.
    """
    return _family(table, "freq_ghz", "rx_platform", "carrier frequency (GHz)", downlink=False)


def plot_downlink_elevation(table: pd.DataFrame) -> plt.Figure:
    """Fig. 3, downlinks: dome area and vertex angle against minimum elevation.

    A downlink dome lies on the transmitters' shell (radius R + h_t), so a GEO dome
    can exceed the Earth's surface, drawn for scale. S2A carries circles: it lies on S2G.
    """
    return _family(table, "min_elev_deg", "tx_platform", "receiver minimum elevation (°)",
                   downlink=True)  # fmt: skip


def plot_altitude(table: pd.DataFrame, p: Mapping[str, Any]) -> plt.Figure:
    """Dome area against the receiver (uplinks) and transmitter (downlinks) altitude."""
    marks = {n: p[_ALT_PARAM[n]] for n in ("UAV", "HAP", "LEO", "MEO", "GEO")}
    fig, axes = _new_figure(4.1, 2, sharey=True)
    panels = ((axes[0], UPLINKS, "rx_alt_km", "receiver altitude (km)"),
              (axes[1], DOWNLINKS, "tx_alt_km", "transmitter altitude (km)"))  # fmt: skip
    for ax, keys, col, label in panels:
        for key in keys:
            rows = table[table["scenario"] == key]
            style: dict[str, Any] = dict(color=SCENARIO_COLORS[key])
            if key in _AIR_TWINS:
                style.update(_TWIN_MARKER, markevery=_markevery(len(rows)))
            ax.plot(rows[col], rows["area_km2"], label=f"{key} ({SCENARIOS[key].symbol})",
                    **style)  # fmt: skip
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(label)
    axes[1].axhline(EARTH_AREA_KM2, color="0.45", linewidth=0.9, linestyle=(0, (1, 2)),
                    label=_EARTH_LABEL)  # fmt: skip
    axes[0].set_ylabel(_SHELL_AREA_LABEL)
    _tidy_log_axes(fig)
    fig.draw_without_rendering()
    for ax, title in ((axes[0], f"uplinks at {p['freq_ghz']:g} GHz"),
                      (axes[1], f"downlinks at {p['min_elevation_deg']:g}° minimum elevation")):  # fmt: skip
        _title_above_marks(ax, title, _name_marks(ax, marks))
    entries = _entries(*axes)
    columns = [[e for e in entries if e[1].startswith((u, d))] for u, d, _ in LAYER_PAIRS]
    legend = _legend_below(fig, [*columns, [e for e in entries if e[1] == _EARTH_LABEL]])
    return _finish(fig, legend)


def plot_uplink_cases(cases: pd.DataFrame) -> plt.Figure:
    """Half beamwidth against each receiver's tangent angle; case 1 where the beam is wider.

    A dot marks each receiver's case-1 limit (b = g): case 1 holds at lower
    frequencies. Above 180° the half beamwidth is the value of the formula
    κλ/(2D) only; the beam then covers the receiver's whole visible cap.
    """
    fig, ax = _new_figure(4.6)
    drawn = cases[cases["scenario"] != "A2S"]  # A2S receivers are the G2S ones, see the note
    for d, grp in cases.groupby("diameter_m", sort=False):
        first = grp[grp["rx_platform"] == grp["rx_platform"].iloc[0]]
        who = ", ".join(dict.fromkeys(grp["scenario"]))
        ax.plot(first["freq_ghz"], first["half_beamwidth_deg"], color="k",
                linewidth=2 if d > 1 else 1, label=f"half beamwidth b, D = {d:g} m ({who})")  # fmt: skip
    for (key, name), grp in drawn.groupby(["scenario", "rx_platform"], sort=False):
        style = dict(color=SCENARIO_COLORS[key], linestyle=ALTITUDE_STYLES[name])
        g = grp["tangent_angle_deg"].iloc[0]
        ax.axhline(g, linewidth=1, label=f"tangent angle g, {key} {name}", **style)  # fmt: skip
        f1 = grp["case1_below_ghz"].iloc[0]
        if grp["freq_ghz"].min() <= f1 <= grp["freq_ghz"].max():
            ax.plot([f1], [g], marker="o", markersize=6, color=style["color"], linestyle="none",
                    zorder=3)  # fmt: skip
    ax.plot([], [], marker="o", markersize=6, color="0.3", linestyle="none",
            label="case-1 limit (b = g): case 1 at lower frequencies")  # fmt: skip
    angles = np.concatenate([cases["half_beamwidth_deg"], cases["tangent_angle_deg"]])
    low, top = float(angles.min()), float(angles.max())
    if top > 180:
        ax.axhspan(180, 2 * top, color="0.9", zorder=0,
                   label="b > 180°: the value of κλ/(2D) only; the beam\n"
                   "covers the receiver's whole visible cap")  # fmt: skip
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylim(low / 1.5, top * 1.5)  # from the data: nothing is cut off
    ax.set_xlabel("carrier frequency (GHz)")
    ax.set_ylabel("angle at the receiver (°)")
    ax.set_title("Case 1 (b ≥ g) left of each dot, case 2 right of it")
    tangent = cases.groupby(["scenario", "rx_platform"], sort=False)["tangent_angle_deg"].first()
    gaps = [abs(tangent[("A2S", n)] - tangent[("G2S", n)]) for n in ("LEO", "MEO", "GEO")
            if ("A2S", n) in tangent.index]  # fmt: skip
    note = f"A2S receivers (not drawn): tangent angles within {max(gaps):.2g}° of G2S's"
    entries = _entries(ax)
    tangents = [e for e in entries if e[1].startswith("tangent angle")]
    others = [e for e in entries if not e[1].startswith("tangent angle")]
    legend = _legend_below(fig, [others, tangents], title=note if gaps else None,
                           title_fontsize=9)  # fmt: skip
    return _finish(fig, legend)


def plot_dome_vs_flat(data: pd.DataFrame) -> plt.Figure:
    """The share of the dome the flat disc misses: the curve and the scenarios' points.

    The air-layer scenarios (A2S, S2A) are drawn as open markers: they sit on
    their ground twins (G2S, S2G).
    """
    curve, points = data[data["kind"] == "curve"], data[data["kind"] == "scenario"]
    fig, ax = _new_figure(4.2)
    ax.plot(curve["vertex_angle_deg"], 1 - curve["flat_to_dome_area_ratio"], color="k",
            label=r"$\sin^2(\varphi/2)$")  # fmt: skip
    for key in SCENARIOS:
        rows = points[points["scenario"] == key]
        marker = "o" if SCENARIOS[key].is_uplink else "s"
        style = (dict(facecolors="none", edgecolors=SCENARIO_COLORS[key], s=70, linewidths=1.3)
                 if key in _AIR_TWINS else dict(color=SCENARIO_COLORS[key], s=28))  # fmt: skip
        ax.scatter(rows["vertex_angle_deg"], 1 - rows["flat_to_dome_area_ratio"], marker=marker,
                   zorder=3, label=key, **style)  # fmt: skip
    ax.axhline(0.01, color="0.5", linestyle="--", linewidth=0.8)
    ax.text(1.2e-4, 0.014, "1 % of the dome", color="0.35")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(r"vertex angle $\varphi$ (°)")
    ax.set_ylabel("area the flat disc misses\n(fraction of the dome)")
    # Below the axes: with small domes the points reach the lower right corner.
    fig.legend(ncol=7, loc="outside lower center")
    _tidy_log_axes(fig)
    return fig


#: Columns of the Insight 2 data that are empty by design on some rows.
INSIGHT2_MISSING_OK: tuple[str, ...] = (
    *DIRECTION_SPECIFIC_COLUMNS,
    "area_to_ground_receiver_ratio",
)


def plot_insight2(table: pd.DataFrame, p: Mapping[str, Any]) -> plt.Figure:
    """Downlink domes against the receiver's altitude: how much smaller than on the ground.

    Each curve divides the dome of a raised receiver by that of the same curve's
    ground receiver (A2G under HAP transmitters; S2A, raised from the S2G ground
    receiver, under LEO, MEO and GEO) and plots the shortfall in per cent. The
    uplinks' half of Insight 2 is the left panel of :func:`plot_altitude`.
    """
    fig, ax = _new_figure(4.3)
    y = "area_to_ground_receiver_ratio"
    for name, rows in _curves(table, DOWNLINKS).items():
        platform = name.rsplit(" ", 1)[-1]
        key = "A2G" if name.startswith("A2G") else "S2A"
        raised = rows[rows["rx_alt_km"] > 0]
        shortfall = 100 * (1 - raised[y])
        keep = shortfall > 0
        label = (
            f"{key} under {platform} transmitters ({format_number(rows['tx_alt_km'].iloc[0])} km)"
        )
        ax.plot(raised["rx_alt_km"][keep], shortfall[keep], color=SCENARIO_COLORS[key],
                linestyle=ALTITUDE_STYLES[platform], label=label)  # fmt: skip
        at_air = raised[(raised["scenario"] == "S2A") & (raised["rx_alt_km"] == p["air_alt_km"])]
        at_air = at_air[100 * (1 - at_air[y]) > 0]
        ax.plot(at_air["rx_alt_km"], 100 * (1 - at_air[y]), marker="o", markersize=6,
                linestyle="none", zorder=3, color=SCENARIO_COLORS["S2A"])  # fmt: skip
    ax.plot([], [], marker="o", markersize=6, linestyle="none", color=SCENARIO_COLORS["S2A"],
            label=f"S2A receiver at the air layer ({p['air_alt_km']:g} km)")  # fmt: skip
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("receiver altitude (km)")
    ax.set_ylabel("shortfall against a ground\nreceiver's dome (%)")
    ax.set_title(f"Downlinks at {p['min_elevation_deg']:g}° minimum elevation: "
                 "a raised receiver sees a smaller dome")  # fmt: skip
    entries = _entries(ax)
    s2a = [e for e in entries if e[1].startswith("S2A under")]
    legend = _legend_below(fig, [[e for e in entries if e not in s2a], s2a])
    return _finish(fig, legend)


def plot_insight3(table: pd.DataFrame, p: Mapping[str, Any]) -> plt.Figure:
    """Downlink over uplink area against frequency, one curve per layer pair and platform.

    The air-space pair (S2A / A2S) carries circles: it lies on the ground-space
    pair (S2G / G2S); the legend's title says by how much they differ.
    """
    fig, ax = _new_figure(4.6)
    ax.axvspan(p["freq_min_ghz"], p["freq_max_ghz"], color="0.93", zorder=0,
               label="the chapter's sweep")  # fmt: skip
    ratio = "downlink_to_uplink_area_ratio"
    for (u, d, name), rows in table.groupby(["uplink", "downlink", "platform"], sort=False):
        style: dict[str, Any] = dict(color=SCENARIO_COLORS[d], linestyle=ALTITUDE_STYLES[name])
        if d in _AIR_TWINS:
            style.update(_TWIN_MARKER, markevery=_markevery(len(rows)))
        ax.plot(rows["freq_ghz"], rows[ratio], label=f"{d} / {u}, {name}", **style)
    ax.axhline(1.0, color="k", linewidth=0.8)
    ax.text(0.01, 1.0, " downlink = uplink", transform=ax.get_yaxis_transform(), va="bottom",
            color="0.3")  # fmt: skip
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("uplink carrier frequency (GHz)")
    ax.set_ylabel("downlink / uplink dome area (ratio)")
    ax.set_title(f"Insight 3 at {p['min_elevation_deg']:g}° downlink minimum elevation")
    per = []
    for name, rows in table[table["downlink"] == "S2A"].groupby("platform", sort=False):
        twin = table[(table["downlink"] == "S2G") & (table["platform"] == name)]
        diff = np.max(np.abs(rows[ratio].to_numpy() / twin[ratio].to_numpy() - 1))
        per.append(f"{100 * diff:.2g} % ({name})")
    note = "S2A / A2S (○) and S2G / G2S differ by at most " + ", ".join(per)
    legend = fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncol=3,
                        title=note, title_fontsize=9)  # fmt: skip
    return _finish(fig, legend)


def plot_air_altitude_gap(table: pd.DataFrame, p: Mapping[str, Any]) -> plt.Figure:
    """The G2S-over-A2S and S2G-over-S2A excess against the aerial altitude."""
    fig, axes = _new_figure(4.1, 2, sharey=True)
    panels = ((axes[0], "g2s_over_a2s_excess_pct", "G2S",
               f"uplinks at {p['freq_ghz']:g} GHz: G2S over A2S"),
              (axes[1], "s2g_over_s2a_excess_pct", "S2G",
               f"downlinks at {p['min_elevation_deg']:g}°: S2G over S2A"))  # fmt: skip
    # Logarithmic down to the smallest excess; linear through 0 should the order flip.
    values = np.abs(table[[c for _, c, _, _ in panels]].to_numpy().ravel())
    smallest = values[values > 0].min() if np.any(values > 0) else 1.0
    linthresh = 10 ** math.floor(math.log10(max(smallest, 1e-12)))
    for ax, col, key, _title in panels:
        for name, rows in table.groupby("satellite", sort=False):
            ax.plot(rows["air_alt_km"], rows[col], color=SCENARIO_COLORS[key],
                    linestyle=ALTITUDE_STYLES[name], label=f"{name} ({key})")  # fmt: skip
        ax.set_xscale("log")
        ax.set_yscale("symlog", linthresh=linthresh)
        ax.set_xlabel("aerial layer altitude (km)")
    axes[0].set_ylabel("excess area (%)")
    _tidy_log_axes(fig)
    fig.draw_without_rendering()
    marks = {n: p[_ALT_PARAM[n]] for n in ("UAV", "HAP")}
    for ax, _col, _key, title in panels:
        _title_above_marks(ax, title, _name_marks(ax, marks))
    legend = _legend_below(fig, [_entries(axes[0]), _entries(axes[1])])
    return _finish(fig, legend)
