"""The operations chapter's figures (sway and handover, solar budget, latency, sensitivity)
and the plotting helpers that keep them legible.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from sagin_lib.study.formatting import format_number

from .compute import _words_and
from .compute_motion import MOTIONS
from .compute_sensitivity import HEADLINES, SENSITIVITY_INPUTS
from .spec import HUNDREDS_MS, MONTHS_DAYS, MS_LEVEL_MS, PLATFORMS, Params

#: Markers that tell apart curves a reader might otherwise take for one.
_MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X")


#: Widest range, in decades, that a ratio axis shows on a log scale.
_LOG_DECADES = 8.0


#: Two curves closer than this everywhere (in pixels of the drawn figure) are said to coincide.
_COINCIDE_PX = 1.5


def _legend_axes(fig: Any, spec: Any) -> Any:
    """An empty axes (no frame, no ticks) that holds a legend beside the panels it explains."""
    ax = fig.add_subplot(spec)
    ax.axis("off")
    return ax


def coinciding_curves(
    ax: Any, tol_px: float = _COINCIDE_PX, *, layout: bool = True
) -> list[list[str]]:
    """Groups of labelled curves of ``ax`` drawn on top of each other.

    Two lines of the same number of points coincide when they stay within
    ``tol_px`` pixels of each other at every point of the drawn figure; the
    figure's text then says so, since a reader sees one curve where there are
    several.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        A drawn axes (the figure is drawn here first).
    tol_px : float, optional
        Largest distance, pixels, between two curves that coincide.
    layout : bool, optional
        Lay the figure out first; pass False when it has just been laid out.

    Returns
    -------
    list of list of str
        The labels of each group of two or more coinciding curves, in drawing order.
    """
    if layout:
        ax.get_figure(root=True).draw_without_rendering()
    lines = [
        ln
        for ln in ax.get_lines()
        if ln.get_visible()
        and ln.get_linestyle() not in ("None", "", " ", "none")
        and not str(ln.get_label()).startswith("_")
    ]
    points = [
        ln.get_transform().transform(np.asarray(ln.get_xydata(), dtype=float)) for ln in lines
    ]
    group = list(range(len(lines)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i in range(len(lines)):
        for j in range(i + 1, len(lines)):
            if points[i].shape != points[j].shape or len(points[i]) < 2:
                continue
            with np.errstate(invalid="ignore"):
                d = np.hypot(*(points[i] - points[j]).T)
            if np.all(np.isfinite(d)) and d.max() < tol_px:
                group[root(j)] = root(i)
    groups: dict[int, list[str]] = {}
    for k, ln in enumerate(lines):
        groups.setdefault(root(k), []).append(str(ln.get_label()))
    return [g for g in groups.values() if len(g) > 1]


def _coincide_note(groups: list[list[str]], width: int = 40) -> str:
    """The groups of :func:`coinciding_curves` in words, wrapped to ``width`` characters.

    Labels of more than two words are quoted; a prefix they share up to a colon is said once
    (``out at least once: analysis and Monte Carlo coincide``).
    """
    import textwrap

    parts = []
    for g in groups:
        heads = {label.rpartition(": ")[0] for label in g}
        if len(heads) == 1 and "" not in heads:
            tails = [label.rpartition(": ")[2] for label in g]
            parts.append(f"{heads.pop()}: {_words_and(tails)} coincide")
        else:
            quoted = [f"“{label}”" if len(label.split()) > 2 else label for label in g]
            parts.append(_words_and(quoted) + " coincide")
    return textwrap.fill("; ".join(parts), width) if parts else ""


def _freeze_layout(fig: Any) -> Any:
    """Lay a constrained figure out once and keep it so: saving it then lays out nothing."""
    fig.draw_without_rendering()
    fig.set_layout_engine("none")
    return fig


def _panel_note(ax: Any) -> str:
    """What coincides in a laid-out panel, in words ("" if nothing)."""
    groups = coinciding_curves(ax, layout=False)
    labelled = [
        ln
        for ln in ax.get_lines()
        if ln.get_linestyle() not in ("None", "", " ", "none")
        and not str(ln.get_label()).startswith("_")
    ]
    if len(groups) == 1 and len(groups[0]) == len(labelled) > 2:
        return f"all {len(labelled)} curves coincide"
    return _coincide_note(groups)


def _title(ax: Any, title: str, note: str = "") -> None:
    # A little more room than usual: a tick label at the top of the axis stays clear of it.
    ax.set_title(title + (f"\n{note}" if note else ""), pad=9.0)


def _log_or_linear(ax: Any, values: np.ndarray, always: tuple[float, ...] = ()) -> None:
    """A y axis that spans ``values`` (and ``always``): log scale, else linear.

    Linear where a value is 0 or the values span more than :data:`_LOG_DECADES`
    decades. The limits follow the data, so no curve leaves the panel whatever
    the parameters.
    """
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    finite = values[np.isfinite(values)]
    span = np.r_[finite, np.asarray(always, dtype=float)]
    decades = (
        float(np.log10(span.max()) - np.log10(span.min()))
        if finite.size and np.all(span > 0.0)
        else math.inf
    )
    if decades <= _LOG_DECADES:
        lo, hi = span.min() / 1.4, span.max() * 1.4
        ax.set_yscale("log")
        ax.set_ylim(lo, hi)
        # Plain numbers (0.3, 1, 10), with labelled minor ticks inside a short range.
        plain = FuncFormatter(lambda v, _: f"{v:g}")
        ax.yaxis.set_major_formatter(plain)
        ax.yaxis.set_minor_locator(LogLocator(subs=(2.0, 3.0, 5.0)))
        ax.yaxis.set_minor_formatter(plain if decades < 1.2 else NullFormatter())
    else:
        top = float(span.max()) if span.size else 1.0
        ax.set_ylim(-0.04 * top, 1.08 * top if top > 0 else 1.0)


def _handover_panel(
    ax: Any,
    block: pd.DataFrame,
    x: str,
    curves: tuple[str, str],
    colors: Sequence[str],
    markers: tuple[float, int | None],
    reference: tuple[str, str, Mapping[str, Any]],
    xlabel: str,
) -> None:
    """One handover panel: the share of users outside against the size of one motion.

    ``curves`` names the curve drawn at every altitude and the reference drawn
    in black at the chapter's altitude. The per-altitude curves carry markers
    of size ``markers[0]``, one every ``markers[1]`` points (one per altitude
    when None) and staggered, so that curves that coincide stay told apart.
    ``reference`` is the reference's legend label, format string and style.
    """
    family, name = curves
    by_alt = block[block["curve"] == family].groupby("alt_km")
    size, every = markers
    every = len(by_alt) if every is None else every
    for k, (alt, rows) in enumerate(by_alt):
        ax.plot(rows[x], rows["handover_fraction"], "-", color=colors[k], marker=_MARKERS[k],
                ms=size, markevery=(k, every), label=f"{alt:.4g} km")  # fmt: skip
    label, fmt, style = reference
    ref = block[block["curve"] == name]
    ax.plot(ref[x], ref["handover_fraction"], fmt, label=label, **style)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("share of users outside")


#: Columns of the sway figure's data that are empty where they do not apply.
SWAY_MISSING_OK = [
    "x_km", "y_km", "time_s", "cycle_share", "displacement_km", "tilt_deg", "handover_fraction",
]  # fmt: skip


def sway_figure(sway: Mapping[str, Any], params: Params) -> Any:
    """Four panels: served areas, handover against displacement and tilt, one cycle of each motion.

    Each panel's legend sits under it, clear of the data; curves that the eye
    cannot tell apart carry distinct markers and the panel's title says they
    coincide.
    """
    import matplotlib.pyplot as plt

    data = sway["data"]
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    fig = plt.figure(figsize=(7.5, 10.0), layout="constrained")
    grid = fig.add_gridspec(4, 2, height_ratios=[1.0, 0.3, 1.0, 0.38])
    ax_a, ax_b, ax_c, ax_d = (
        fig.add_subplot(grid[r, c]) for r, c in ((0, 0), (0, 1), (2, 0), (2, 1))
    )
    legends = [_legend_axes(fig, grid[r, c]) for r, c in ((1, 0), (1, 1), (3, 0), (3, 1))]

    outlines = data[data["panel"] == "outline"].groupby("curve", sort=False)
    for k, (style, (label, block)) in enumerate(zip(["-", "--", ":", "-."], outlines, strict=True)):
        marker = {} if k == 0 else {"marker": _MARKERS[k - 1], "ms": 4, "markevery": (5 * k, 20)}
        ax_a.plot(block["x_km"], block["y_km"], style, label=label, **marker)
    ax_a.set_aspect("equal")
    ax_a.set_xlabel("x (km, motion direction)")
    ax_a.set_ylabel("y (km)")
    title_a = f"(a) Served area at {params['haps_alt_km']:.4g} km,\nat the extremes"

    alt = f"{params['haps_alt_km']:.4g} km"
    for ax, panel, x, curves, markers, reference, xlabel in (
        (ax_b, "displacement", "displacement_km", ("closed form", "quadrature"), (4, 8),
         (f"quadrature at {alt}", "kx", {"ms": 7}), "horizontal displacement (km)"),
        (ax_c, "tilt", "tilt_deg", ("link rule", "brick wall"), (5, None),
         (f"brick wall, {alt}", "k--", {"lw": 1.2}), "beam tilt (°)"),
    ):  # fmt: skip
        block = data[data["panel"] == panel]
        _handover_panel(ax, block, x, curves, colors, markers, reference, xlabel)

    block = data[data["panel"] == "cycle"]
    tops = [float(np.nanmax(block["handover_fraction"]))]
    for k, name in enumerate(MOTIONS):
        ana = block[block["curve"] == f"{name}: analysis"]
        mc = block[block["curve"] == f"{name}: Monte Carlo"]
        ever = sway["motions"][name]["ever"]
        x = ana["cycle_share"].to_numpy()
        ax_d.plot(x, ana["handover_fraction"], "-", color=colors[k], label=f"{name}: analysis")
        ax_d.plot(mc["cycle_share"], mc["handover_fraction"], _MARKERS[k], ms=3,
                  color=colors[k], alpha=0.8, label=f"{name}: Monte Carlo")  # fmt: skip
        ax_d.plot(x, np.full(x.size, ever), ":", color=colors[k], lw=1.5,
                  label=f"{name}: out at least once")  # fmt: skip
        tops.append(ever)
    top = max(tops)
    ax_d.set_ylim(-0.04 * top, 1.1 * top) if top > 0 else ax_d.set_ylim(-0.04, 1.04)
    ax_d.set_xlabel("share of the motion's cycle")
    ax_d.set_ylabel("share of users outside")

    titles = ("(a) " + title_a[4:], "(b) Displacement only (closed form)",
              "(c) Tilt only (TR 38.901 link rule)", "(d) One cycle of each motion")  # fmt: skip
    for ax, title in zip((ax_a, ax_b, ax_c, ax_d), titles, strict=True):
        _title(ax, title)
    fig.draw_without_rendering()
    for ax, title in zip((ax_a, ax_b, ax_c, ax_d), titles, strict=True):
        _title(ax, title, _panel_note(ax))
    for ax, lax, ncol in ((ax_a, legends[0], 1), (ax_b, legends[1], 2), (ax_c, legends[2], 2),
                          (ax_d, legends[3], 1)):  # fmt: skip
        lax.legend(*ax.get_legend_handles_labels(), loc="upper center", ncol=ncol)
    return _freeze_layout(fig)


def _shown_latitudes(lats: np.ndarray) -> list[float]:
    wanted = [0.0, 20.0, 40.0, 60.0]
    return sorted({float(lats[np.argmin(np.abs(lats - w))]) for w in wanted})


def _solar_note(groups: list[list[str]], panel: str) -> list[str]:
    """Coinciding curves of one solar panel in words (labels ``<platform> at <lat>° N``)."""
    words: list[str] = []
    by_platforms: dict[tuple[str, ...], list[str]] = {}
    for g in groups:
        parsed = [label.split(" at ") for label in g]
        if not all(len(p) == 2 for p in parsed):
            words.append(_coincide_note([g], width=10_000))
            continue
        platforms = tuple(dict.fromkeys(p for p, _ in parsed))
        lats = list(dict.fromkeys(lat.replace("° N", "°") for _, lat in parsed))
        if len(lats) == 1 and len(platforms) > 1:
            by_platforms.setdefault(platforms, []).append(lats[0])
        else:
            words.append(f"{_words_and(list(platforms))} at {_words_and(lats)} N coincide")
    for platforms, lats in by_platforms.items():
        words.insert(0, f"{_words_and(list(platforms))} coincide at {_words_and(lats)} N")
    return [f"{panel} {'; '.join(words)}."] if words else []


def solar_figure(solar: Mapping[str, Any], params: Params) -> Any:
    """Array and battery needed (as a share of the largest) over the year; endurance by latitude.

    The ratio axes follow the data (log scale, or linear where a platform needs
    nothing), so no curve leaves its panel for any parameters; the fourth
    quadrant holds the legend.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    daily, end = solar["daily"], solar["endurance"]
    fig = plt.figure(figsize=(7.5, 6.9), layout="constrained")
    grid = fig.add_gridspec(2, 2)
    ax_a, ax_b, ax_c = (fig.add_subplot(grid[r, c]) for r, c in ((0, 0), (0, 1), (1, 0)))
    lax = _legend_axes(fig, grid[1, 1])
    shown = _shown_latitudes(solar["latitudes"])
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    styles = dict(zip(PLATFORMS, ["-", "--"], strict=True))
    notes = []
    for col, ax, title, what in (
        ("array_share_of_max", ax_a, "(a) Array", "array needed / largest array"),
        ("battery_share_of_max", ax_b, "(b) Battery", "battery needed / largest battery"),
    ):
        values = []
        for name in PLATFORMS:
            for color, lat in zip(colors, shown, strict=False):
                rows = daily[(daily["platform"] == name) & (daily["latitude_deg"] == lat)]
                ax.plot(rows["day_of_year"], rows[col], styles[name], color=color, lw=1.2,
                        label=f"{name} at {lat:g}° N")  # fmt: skip
                values.append(rows[col].to_numpy(dtype=float))
        ax.axhline(1.0, color="k", lw=1)
        _log_or_linear(ax, np.concatenate(values), always=(1.0,))
        ax.set_xlabel("day of year")
        ax.set_ylabel(what)
        _title(ax, f"{title} (a day closes below 1)")
    for style, name in zip(["-o", "--s"], PLATFORMS, strict=True):
        rows = end[end["platform"] == name]
        color = "0.15" if name == PLATFORMS[0] else "0.5"
        ax_c.plot(
            rows["latitude_deg"], rows["endurance_days"], style, color=color, ms=4, label=name
        )
        limit = solar["limits"][name]["limit_deg"]
        if math.isfinite(limit):
            ax_c.axvline(limit, color=color, ls=":", lw=1)
    ax_c.axhline(MONTHS_DAYS, color="0.6", lw=0.8)
    ax_c.set_xlabel("latitude (° N)")
    ax_c.set_ylabel("longest run of closing days (days)")
    _title(ax_c, "(c) Endurance (365 = year-round)")
    fig.draw_without_rendering()
    for ax, panel in ((ax_a, "(a)"), (ax_b, "(b)"), (ax_c, "(c)")):
        notes.extend(_solar_note(coinciding_curves(ax, layout=False), panel))

    handles = [
        Line2D([], [], color=c, lw=1.5, label=f"{lat:g}° N")
        for c, lat in zip(colors, shown, strict=False)
    ]
    handles += [Line2D([], [], color="0.3", ls=styles[n], label=f"{n} (a, b)") for n in PLATFORMS]
    handles += [
        Line2D([], [], color="0.15", ls="-", marker="o", ms=4, label=f"{PLATFORMS[0]} (c)"),
        Line2D([], [], color="0.5", ls="--", marker="s", ms=4, label=f"{PLATFORMS[1]} (c)"),
        Line2D([], [], color="k", lw=1, label="largest array or battery carried"),
        Line2D([], [], color="0.4", ls=":", lw=1, label="year-round latitude limit"),
        Line2D([], [], color="0.6", lw=0.8, label=f"{MONTHS_DAYS:g} days (months)"),
    ]
    if len(notes) >= 2 and notes[0][4:] == notes[1][4:] and notes[1].startswith("(b)"):
        notes[:2] = ["(a, b)" + notes[0][3:]]
    if notes:
        import textwrap

        # The note is the legend's last entry (no handle), so it never meets the data.
        note = textwrap.fill(" ".join(notes), 40)
        handles.append(Line2D([], [], color="none", label=note))
    lax.legend(handles=handles, loc="upper left", title="Latitudes (colour), platforms (line)")
    return _freeze_layout(fig)


def _latency_note(groups: list[list[str]]) -> str:
    """Coinciding latency curves in words: ``path: bent-pipe and regenerative coincide``."""
    import textwrap

    parts = []
    for g in groups:
        paths = {label.split(" (")[0] for label in g}
        if len(paths) == 1:
            archs = [label.split(" (", 1)[1].rstrip(")") for label in g]
            parts.append(f"{paths.pop()}: {_words_and(archs)} coincide")
        else:
            parts.append(f"{_words_and(g)} coincide")
    return textwrap.fill("; ".join(parts), 70)


def latency_figure(sweep: pd.DataFrame, params: Params) -> Any:
    """Latency per path at the chapter's elevation, and the round trip against the elevation.

    Colour and marker name the path, the line style its relays' architecture;
    the latency axis spans the data, whatever the processing and queueing times.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    el = float(params["min_elevation_deg"])
    at = sweep[sweep["min_elevation_deg"] == el]
    labels = [f"{p} ({a})" for p, a in zip(at["path"], at["architecture"], strict=True)]
    fig = plt.figure(figsize=(7.5, 9.6), layout="constrained")
    top, bottom = fig.subfigures(2, 1, height_ratios=[1.0, 1.05])
    grid = top.add_gridspec(2, 1, height_ratios=[1.0, 0.13])
    ax1, lax1 = top.add_subplot(grid[0]), _legend_axes(top, grid[1])
    grid = bottom.add_gridspec(2, 1, height_ratios=[1.0, 0.36])
    ax2, lax2 = bottom.add_subplot(grid[0]), _legend_axes(bottom, grid[1])

    y = np.arange(len(at))
    values = np.r_[at["propagation_one_way_ms"] * 2.0, at["one_way_ms"], at["round_trip_ms"]]
    positive = values[values > 0.0]
    lo = min(float(positive.min()) / 2.0, 0.5 * MS_LEVEL_MS)
    hi = max(float(positive.max()) * 2.0, 2.0 * HUNDREDS_MS)
    ax1.axvspan(
        lo / 10.0, MS_LEVEL_MS, color="C2", alpha=0.12, label=f"ms-level (< {MS_LEVEL_MS:g} ms)"
    )
    ax1.axvspan(HUNDREDS_MS, 10.0 * HUNDREDS_MS, color="C3", alpha=0.12, label="hundreds of ms")
    ax1.plot(at["one_way_ms"], y, "o", color="C0", label="one way")
    ax1.plot(at["round_trip_ms"], y, "s", color="C1", label="round trip")
    ax1.plot(at["propagation_one_way_ms"] * 2.0, y, "|", ms=12, mew=1.5, color="k",
             label="propagation part of the round trip")  # fmt: skip
    ax1.set_xscale("log")
    ax1.set_xlim(lo, hi)
    ax1.set_yticks(y, labels)
    ax1.set_ylim(len(at) - 0.5, -0.5)
    ax1.set_xlabel("latency (ms, log scale)")
    ax1.set_ylabel("path (relays)")
    _title(ax1, f"(a) Latency at {el:g}° minimum elevation")
    lax1.legend(*ax1.get_legend_handles_labels(), loc="upper center", ncol=3)

    paths = list(dict.fromkeys(sweep["path"]))
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    color = {p: colors[k % len(colors)] for k, p in enumerate(paths)}
    marker = {p: _MARKERS[k % len(_MARKERS)] for k, p in enumerate(paths)}
    styles = {"bent-pipe": "--", "regenerative": "-"}
    for k, ((path, arch), rows) in enumerate(sweep.groupby(["path", "architecture"], sort=False)):
        ax2.plot(rows["min_elevation_deg"], rows["round_trip_ms"], styles.get(arch, "-."),
                 color=color[path], marker=marker[path], ms=4, markevery=(k % 5, 5),
                 label=f"{path} ({arch})")  # fmt: skip
    ax2.axvline(el, color="0.5", ls=":", lw=1)
    ax2.set_yscale("log")
    ax2.set_xlabel("minimum elevation (°)")
    ax2.set_ylabel("round trip (ms, log scale)")
    _title(
        ax2, "(b) Round trip against the minimum elevation", _latency_note(coinciding_curves(ax2))
    )
    handles = [
        Line2D([], [], color=color[p], marker=marker[p], ms=4, lw=1.5, label=p) for p in paths
    ]
    archs = list(dict.fromkeys(sweep["architecture"]))
    handles += [Line2D([], [], color="0.3", ls=styles.get(a, "-."), label=a) for a in archs]
    handles += [Line2D([], [], color="0.5", ls=":", lw=1, label=f"{el:g}°, as in (a)")]
    lax2.legend(handles=handles, loc="upper center", ncol=2)
    return _freeze_layout(fig)


def sensitivity_figure(sens: Mapping[str, pd.DataFrame], params: Params) -> Any:
    """Tornado plot: each headline number at the low and high end of each input that moves it."""
    import matplotlib.pyplot as plt

    data = sens["data"]
    panels = []
    for key, title in HEADLINES:
        rows = data[data["headline"] == key]
        ref = float(rows.loc[rows["parameter"] == "default", "headline_value"].iloc[0])
        bars = []
        for name, *_ in SENSITIVITY_INPUTS:
            vals = rows[rows["parameter"] == name].sort_values("value")["headline_value"].to_numpy()
            if vals.size and np.nanmax(np.abs(vals - ref)) > 1e-9 * max(1.0, abs(ref)):
                bars.append((name, float(vals[0]), float(vals[-1])))
        bars.sort(key=lambda b: abs(b[2] - b[1]))
        panels.append((title, ref, bars))
    heights = [max(len(b), 1) + 1.6 for _, _, b in panels]
    fig = plt.figure(figsize=(7.5, 0.26 * sum(heights) + 1.1), layout="constrained")
    axes = fig.subplots(len(panels), 1, gridspec_kw={"height_ratios": heights})
    for ax, (title, ref, bars) in zip(axes, panels, strict=True):
        y = np.arange(len(bars))
        for k, (_name, low, high) in enumerate(bars):
            ax.barh(k, low - ref, left=ref, height=0.38, align="edge", color="C0",
                    label="low end" if k == 0 else None)  # fmt: skip
            ax.barh(k - 0.38, high - ref, left=ref, height=0.38, align="edge", color="C1",
                    label="high end" if k == 0 else None)  # fmt: skip
        ax.axvline(ref, color="k", lw=1)
        ax.set_yticks(y, [b[0] for b in bars] if bars else [])
        ax.set_ylim(-0.8, max(len(bars), 1) - 0.2)
        if bars:
            ends = [v for _, lo, hi in bars for v in (lo, hi)] + [ref]
            span = max(ends) - min(ends) or 1.0
            ax.set_xlim(min(ends) - 0.05 * span, max(ends) + 0.05 * span)
        ax.set_title(f"{title}: {format_number(ref, 3)} at the defaults", loc="left")
        ax.set_xlabel(title.split(": ", 1)[-1].split(" (")[0] if ": " in title else title)
        ax.set_ylabel("input")
    axes[0].legend(loc="lower right", bbox_to_anchor=(1.0, 1.15), ncol=2, frameon=False)
    return _freeze_layout(fig)
