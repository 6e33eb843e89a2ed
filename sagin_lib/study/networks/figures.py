"""The networks chapter's figures: energy-efficiency CDFs, coverage against the number of HAPS,
and the tornado plot of the sensitivity sweep.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from sagin_lib.study.platforms import legend_below

from .compute import _fading_title
from .compute_sensitivity import HEADLINES
from .spec import Params

_ARCH_STYLE = {"cellular": "--", "cell-free": "-"}


def _coincidence_note(curves: Sequence[tuple[str, np.ndarray]], atol: float) -> str:
    """Which curves of one panel coincide (within ``atol`` at every point), in words.

    ``curves`` are ``(label, values)`` pairs sampled on one grid. Returns ""
    when no two coincide, else e.g. "20 LEO and 50 LEO coincide".
    """
    groups: list[list[str]] = []
    seen: list[np.ndarray] = []
    for label, values in curves:
        for group, ref in zip(groups, seen, strict=True):
            if ref.shape == values.shape and np.allclose(ref, values, rtol=0.0, atol=atol):
                group.append(label)
                break
        else:
            groups.append([label])
            seen.append(np.asarray(values, dtype=float))
    same = [g for g in groups if len(g) > 1]
    return "; ".join(f"{', '.join(g[:-1])} and {g[-1]} coincide" for g in same)


def _log_axis(axis: Any, low: float, high: float) -> None:
    """A log scale whose tick labels stay apart: 1-2-5 labels within two decades, else decades."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    is_x = axis is axis.axes.xaxis
    axis.axes.set_xscale("log") if is_x else axis.axes.set_yscale("log")
    if high / low < 4.0:
        # A narrow spread (one HAPS, a few drops): widen the view to show a 1-2-5 tick.
        middle = math.sqrt(low * high)
        limits = (min(low, middle / 2.0) / 1.05, max(high, middle * 2.0) * 1.05)
        axis.axes.set_xlim(*limits) if is_x else axis.axes.set_ylim(*limits)
        low, high = limits
    subs = (1.0, 2.0, 5.0) if high / low < 100.0 else (1.0,)
    axis.set_major_locator(LogLocator(base=10.0, subs=subs))
    if subs != (1.0,):
        axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    axis.set_minor_formatter(NullFormatter())


def _haps_axis(ax: Any, counts: Any) -> None:
    """Label an axis of HAPS counts with whole numbers, wide enough for a single count."""
    from matplotlib.ticker import MaxNLocator

    ax.set_xlabel("number of HAPS")
    low, high = float(np.min(counts)), float(np.max(counts))
    if high - low < 2.0:
        ax.set_xlim(low - 0.5, max(high, low + 1.0) + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def ee_figure(data: pd.DataFrame) -> Any:
    """CDFs of the energy efficiency, one colour per HAPS count, one line style per architecture."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5.6, 4.0))
    counts = sorted(data["n_haps"].unique())
    colors = plt.get_cmap("viridis")(np.linspace(0.0, 0.85, max(len(counts), 1)))
    notes = []
    for color, n in zip(colors, counts, strict=True):
        curves = []
        for arch, style in _ARCH_STYLE.items():
            rows = data[(data["n_haps"] == n) & (data["architecture"] == arch)]
            rows = rows.sort_values("cdf")
            ax.step(
                rows["energy_efficiency_mbit_per_j"],
                rows["cdf"],
                where="post",
                ls=style,
                color=color,
                label=f"{arch}, {n} HAPS",
            )
            x = rows["energy_efficiency_mbit_per_j"].to_numpy(dtype=float)
            curves.append((arch, np.log10(np.maximum(x, 1e-300))))
        if _coincidence_note(curves, atol=0.002):
            notes.append(str(n))
    values = data["energy_efficiency_mbit_per_j"].to_numpy(dtype=float)
    if values.size and (values > 0).all():
        _log_axis(ax.xaxis, float(values.min()), float(values.max()))
    else:
        # A linear axis (some drop has no rate): powers of ten go to the offset text.
        ax.ticklabel_format(axis="x", style="sci", scilimits=(-2, 3))
    ax.set_xlabel("energy efficiency (Mbit/J)")
    ax.set_ylabel("CDF over drops")
    ax.set_ylim(0.0, 1.0)
    ax.set_title("Cellular (dashed) and cell-free (solid) HAPS networks")
    title = (
        f"cellular and cell-free coincide at {', '.join(notes)} HAPS (one HAPS per user)"
        if notes
        else None
    )
    legend_below(fig, ncol=2, title=title)
    return fig


def coverage_figure(data: pd.DataFrame) -> Any:
    """End-to-end coverage through HAPS with LEO backhaul, one colour per constellation size.

    Points: the cell-free Monte Carlo with two standard errors; dashed: the
    cellular closed form; band: the closed-form bounds on cell-free. The
    direct-access closed form (column ``direct_access_analysis``) is drawn by
    :func:`direct_access_figure`.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    sats = sorted(data["n_sats"].unique())
    colors = plt.get_cmap("plasma")(np.linspace(0.0, 0.8, max(len(sats), 1)))
    curves = []
    for color, ns in zip(colors, sats, strict=True):
        rows = data[data["n_sats"] == ns].sort_values("n_haps")
        x = rows["n_haps"]
        ax.fill_between(
            x, rows["cell_free_lower"], rows["cell_free_upper"], color=color, alpha=0.2, lw=0
        )
        ax.plot(x, rows["cellular_analysis"], "--", color=color, lw=1.2)
        ax.errorbar(
            x,
            rows["cell_free"],
            yerr=2.0 * rows["cell_free_standard_error"],
            fmt="o",
            ms=3,
            color=color,
            label=f"{ns} LEO",
        )
        curves.append((f"{ns} LEO", rows["cellular_analysis"].to_numpy(dtype=float)))
    ax.plot([], [], "k--", lw=1.2, label="cellular (closed form)")
    ax.plot([], [], "ko", ms=3, label="cell-free Monte Carlo (±2 s.e.)")
    ax.set_title("HAPS access with LEO backhaul")
    _haps_axis(ax, data["n_haps"])
    ax.set_ylim(-0.02, 1.02)
    ax.set_ylabel("end-to-end coverage probability")
    note = _coincidence_note(curves, atol=0.004)
    handles, labels = ax.get_legend_handles_labels()
    band = Patch(color="0.6", alpha=0.4)
    handles.insert(len(sats) + 1, band)
    labels.insert(len(sats) + 1, "cell-free bounds")
    legend_below(
        fig,
        ncol=min(4, len(handles)),
        title=f"Curves of {note}" if note else None,
        handles=handles,
        labels=labels,
    )
    return fig


def _panel_coincidences(theory: Mapping[Any, np.ndarray], visible: Mapping[Any, np.ndarray]) -> str:
    """In words, which curves of one panel of :func:`direct_access_figure` coincide.

    ``theory`` and ``visible`` map a constellation size to its solid (theory)
    and dotted (visibility) curve. Returns "" when no two curves of two or more
    points coincide, else one line per group of coinciding curves.
    """
    curves = [("solid", ns, v) for ns, v in theory.items()]
    curves += [("dotted", ns, v) for ns, v in visible.items()]
    groups: list[list[tuple[str, Any]]] = []
    refs: list[np.ndarray] = []
    for kind, ns, values in curves:
        if len(values) < 2:
            return ""  # single points: nothing is drawn as a line
        for group, ref in zip(groups, refs, strict=True):
            if ref.shape == values.shape and np.allclose(ref, values, rtol=0.0, atol=0.004):
                group.append((kind, ns))
                break
        else:
            groups.append([(kind, ns)])
            refs.append(np.asarray(values, dtype=float))
    same = [g for g in groups if len(g) > 1]
    sizes = list(theory)
    if same and all(len(g) == 2 and g[0][1] == g[1][1] for g in same) and len(same) == len(sizes):
        return "solid and dotted coincide"

    def describe(kind: str, members: list[Any]) -> str:
        if not members:
            return ""
        if members == sizes:
            return f"all {kind}"
        return f"{kind} {', '.join(map(str, members))} LEO"

    lines = []
    for group in same:
        parts = [
            describe(kind, [ns for k, ns in group if k == kind]) for kind in ("solid", "dotted")
        ]
        lines.append(" and ".join(p for p in parts if p) + " coincide")
    return "\n".join(lines)


def direct_access_figure(data: pd.DataFrame, params: Params) -> Any:
    """Direct-access coverage against the number of HAPS: one panel per fading model.

    One colour per constellation size; Monte Carlo with 2-standard-error bars,
    theory (solid) and the probability that a platform is visible (dotted).
    Curves that coincide are named in the legend's title.
    """
    import matplotlib.pyplot as plt

    panels = list(dict.fromkeys(data["fading"]))
    width = 7.4 if len(panels) == 2 else 5.0
    fig, axes = plt.subplots(1, len(panels), figsize=(width, 3.7), sharey=True, squeeze=False)
    axes = axes[0]
    sats = sorted(data["n_sats"].unique())
    colors = plt.get_cmap("plasma")(np.linspace(0.0, 0.8, max(len(sats), 1)))
    notes = []
    for ax, (fad, block) in zip(axes, data.groupby("fading", sort=False), strict=True):
        theory, visible = {}, {}
        for color, ns in zip(colors, sats, strict=True):
            rows = block[block["n_sats"] == ns].sort_values("n_haps")
            ax.errorbar(
                rows["n_haps"],
                rows["coverage_probability_mc"],
                yerr=2 * rows["standard_error"],
                fmt="o",
                ms=3,
                color=color,
                label=f"{ns} LEO" if ax is axes[0] else None,
            )
            theory[ns] = rows["closed_form"].to_numpy(dtype=float)
            visible[ns] = rows["p_visible_closed_form"].to_numpy(dtype=float)
            ax.plot(rows["n_haps"], theory[ns], "-", color=color, lw=1.2)
            ax.plot(rows["n_haps"], visible[ns], ":", color=color, lw=1.2)
        ax.set_title(_fading_title(fad, params["nakagami_m"]))
        _haps_axis(ax, block["n_haps"])
        note = _panel_coincidences(theory, visible)
        if note:
            notes.append(f"{_fading_title(fad, params['nakagami_m'])}: {note}")
    axes[0].set_ylabel("coverage probability")
    axes[0].set_ylim(-0.02, 1.02)
    theory = "closed form / numerical integral (fading)" if len(panels) == 2 else "closed form"
    axes[0].plot([], [], "k-", lw=1.2, label=theory)
    axes[0].plot([], [], "k:", lw=1.2, label="P(a platform is visible)")
    axes[0].plot([], [], "ko", ms=3, label="Monte Carlo (±2 s.e.)")
    fig.tight_layout()
    legend_below(fig, ncol=min(4, len(sats) + 3), title="\n".join(notes) or None)
    return fig


def sensitivity_figure(sweep: pd.DataFrame) -> Any:
    """Tornado plot: each headline number's span over each input's range, one panel per number."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 2, figsize=(7.4, 8.2))
    for ax, (key, label) in zip(axes.flat, HEADLINES, strict=True):
        rows = sweep[(sweep["headline"] == key) & (sweep["end"] != "default")]
        base = float(sweep[(sweep["headline"] == key) & (sweep["end"] == "default")][
            "headline_value"].iloc[0])  # fmt: skip
        spans = rows.groupby("parameter", sort=False)["headline_value"].agg(["min", "max"])
        spans = spans.assign(width=spans["max"] - spans["min"]).sort_values("width").tail(8)
        y = np.arange(len(spans))
        finite = np.isfinite(spans[["min", "max"]].to_numpy())
        lo = np.where(finite[:, 0], spans["min"], base)
        hi = np.where(finite[:, 1], spans["max"], base)
        ax.barh(y, np.minimum(hi, base) - lo, left=lo, color="#3b6ea5", height=0.6)
        ax.barh(y, hi - np.maximum(lo, base), left=np.maximum(lo, base), color="#d08c3c",
                height=0.6)  # fmt: skip
        ax.axvline(base, color="k", lw=1.0)
        ax.set_yticks(y, [n.replace("_", " ") for n in spans.index])
        ax.set_title(label, fontsize="medium")
        ax.set_xlabel(label.split(" (")[0].split(",")[0])
        ax.set_ylabel("input swept")
    fig.suptitle("One input at a time over its plausible range (8 widest per number)")
    fig.tight_layout()
    return fig
