"""The constellations chapter's figures: the three models against the propagated shell."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .compute import MIN_MEAN_FOR_RELATIVE, MODELS, Results, _alpha_deg, wide

__all__ = [
    "MODEL_COLORS",
    "MODEL_LABELS",
    "MODEL_MARKERS",
    "plot_distributions",
    "plot_effective",
    "plot_none",
    "plot_snapshot",
    "plot_visible",
]


MODEL_LABELS: Mapping[str, str] = {
    "sgp4": "SGP4 (propagated shell)",
    "bpp": "uniform sphere (BPP)",
    "nonhomogeneous": "inclined-shell density",
}
MODEL_COLORS: Mapping[str, str] = {"sgp4": "#1b9e77", "bpp": "#d95f02", "nonhomogeneous": "#7570b3"}
MODEL_MARKERS: Mapping[str, str] = {"sgp4": "o", "bpp": "s", "nonhomogeneous": "^"}


def plot_visible(table: pd.DataFrame, res: Results) -> Any:
    """(a) Mean visible count by latitude, three models; (b) each model's error against SGP4."""
    mean = wide(table, "mean_visible")
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(7.0, 7.2), sharex=True, layout="constrained")
    for model in MODELS:
        ax1.plot(mean.index, mean[model], marker=MODEL_MARKERS[model], color=MODEL_COLORS[model],
                 label=MODEL_LABELS[model], markersize=4)  # fmt: skip
    ax1.set_ylabel("mean visible satellites")
    ax1.set_ylim(0.0, 1.15 * max(float(mean.to_numpy().max()), 1.0))
    ax1.set_title(f"(a) Satellites above {_alpha_deg(res):.3g}° elevation, {res.shell.notation}",
                  pad=8.0)  # fmt: skip
    ax1.legend(loc="upper left", bbox_to_anchor=(0.0, -0.02), ncol=3, fontsize="small",
               frameon=False)  # fmt: skip
    keep = mean["sgp4"] >= MIN_MEAN_FOR_RELATIVE
    for model in ("bpp", "nonhomogeneous"):
        rel = 100.0 * (mean[model] - mean["sgp4"]) / mean["sgp4"]
        ax2.plot(mean.index[keep], rel[keep], marker=MODEL_MARKERS[model],
                 color=MODEL_COLORS[model], markersize=4)  # fmt: skip
    ax2.axhline(0.0, color="0.4", linewidth=0.8)
    ax2.set_xlabel("user latitude (°)")
    ax2.set_ylabel("error against SGP4 (%)")
    ax2.set_title("(b) Model mean against the propagated mean\n"
                  f"(latitudes where SGP4 sees ≥ {MIN_MEAN_FOR_RELATIVE:g} satellite)", pad=8.0)  # fmt: skip
    ax2.set_xlim(-2.0, 92.0)
    fig.get_layout_engine().set(h_pad=0.25)
    return fig


def plot_none(table: pd.DataFrame, res: Results) -> Any:
    """(a) P(no satellite visible); (b) direct-link coverage; (c) median nearest range."""
    fig, axes = plt.subplots(3, 1, figsize=(7.0, 9.0), sharex=True, layout="constrained")
    panels = (
        ("p_none", "P(no satellite visible)", "(a) No satellite above the minimum elevation"),
        (
            "p_covered",
            "P(covered)",
            f"(b) Direct link covered (slant range ≤ {res.cover_slant_km:,.0f} km)",
        ),
        ("median_nearest_km", "median nearest range (km)", "(c) Distance to the nearest satellite"),
    )
    for ax, (col, ylabel, title) in zip(axes, panels, strict=True):
        w = wide(table, col)
        for model in MODELS:
            ax.plot(w.index, w[model], marker=MODEL_MARKERS[model], color=MODEL_COLORS[model],
                    markersize=4, label=MODEL_LABELS[model])  # fmt: skip
        ax.set_ylabel(ylabel)
        ax.set_title(title, pad=8.0)
    axes[0].set_ylim(-0.05, 1.25)
    axes[1].set_ylim(-0.05, 1.25)
    axes[0].legend(loc="upper left", ncol=2, fontsize="small", frameon=False)
    axes[2].set_xlabel("user latitude (°)")
    axes[2].set_xlim(-2.0, 92.0)
    return fig


def plot_distributions(dist: pd.DataFrame) -> Any:
    """The visible-count distribution at each chosen latitude: SGP4 bars, model markers."""
    lats = sorted(dist["latitude_deg"].unique())
    cols = 2 if len(lats) > 1 else 1
    rows = math.ceil(len(lats) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(7.0, 2.9 * rows + 0.8), layout="constrained",
                             squeeze=False)  # fmt: skip
    for ax, lat in zip(axes.ravel(), lats, strict=False):
        grp = dist[dist["latitude_deg"] == lat]
        sg = grp[grp["model"] == "sgp4"]
        shown = grp[grp["probability"] > 1e-4]["visible_count"]
        lo, hi = int(shown.min()), int(shown.max())
        ax.bar(sg["visible_count"], sg["probability"], color=MODEL_COLORS["sgp4"], alpha=0.6,
               label=MODEL_LABELS["sgp4"])  # fmt: skip
        for model in ("bpp", "nonhomogeneous"):
            g = grp[(grp["model"] == model) & grp["visible_count"].between(lo, hi)]
            ax.plot(g["visible_count"], g["probability"], linestyle="none",
                    marker=MODEL_MARKERS[model], color=MODEL_COLORS[model], markersize=4,
                    label=MODEL_LABELS[model])  # fmt: skip
        ax.set_xlim(lo - 0.8, hi + 0.8)
        ax.set_ylim(0.0, 1.3 * float(grp["probability"].max()))
        ax.set_title(f"latitude {lat:g}°", pad=6.0)
        ax.set_xlabel("visible satellites")
        ax.set_ylabel("probability")
    for ax in axes.ravel()[len(lats) :]:
        ax.axis("off")
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=3, fontsize="small", frameon=False)
    return fig


def plot_effective(eff: pd.DataFrame, res: Results) -> Any:
    """Satellites a uniform sphere needs to match the propagated mean, by latitude."""
    fig, ax = plt.subplots(figsize=(7.0, 4.2), layout="constrained")
    ax.plot(eff["latitude_deg"], eff["effective_n_sats"], marker="o", markersize=4,
            color=MODEL_COLORS["sgp4"], label="effective number (uniform sphere matching SGP4)")  # fmt: skip
    ax.axhline(res.shell.n_sats, color="0.3", linestyle="--", linewidth=1.0,
               label=f"satellites of the shell, N = {res.shell.n_sats:,}")  # fmt: skip
    ax.set_xlabel("user latitude (°)")
    ax.set_ylabel("satellites on a uniform sphere")
    ax.set_xlim(-2.0, 92.0)
    ax.set_ylim(0.0, 1.35 * max(float(eff["effective_n_sats"].max()), res.shell.n_sats))
    ax.legend(loc="upper right", fontsize="small", frameon=False)
    return fig


def plot_snapshot(snap: pd.DataFrame, res: Results, user_lat_deg: float) -> Any:
    """(a) The shell at the first epoch on a map; (b) the sky of one user (polar plot)."""
    fig = plt.figure(figsize=(7.0, 8.6), layout="constrained")
    grid = fig.add_gridspec(2, 1, height_ratios=[1.0, 1.25])
    ax1 = fig.add_subplot(grid[0])
    ax2 = fig.add_subplot(grid[1], projection="polar")
    ax1.scatter(snap["lon_deg"], snap["lat_deg"], c=snap["plane"], cmap="viridis", s=4)
    ax1.plot([0.0], [user_lat_deg], marker="*", color="#d95f02", markersize=12, linestyle="none")
    ax1.set_xlim(-180.0, 180.0)
    ax1.set_ylim(-90.0, 90.0)
    ax1.set_xticks(np.arange(-180, 181, 60))
    ax1.set_yticks(np.arange(-90, 91, 30))
    ax1.set_xlabel("longitude (°)")
    ax1.set_ylabel("latitude (°)")
    ax1.set_title(f"(a) {res.shell.n_sats:,} satellites at the epoch (colour: plane; star: user)",
                  pad=8.0)  # fmt: skip
    up = snap[snap["elevation_deg"] > 0.0]
    vis = up["visible"].to_numpy(dtype=bool)
    r = 90.0 - up["elevation_deg"].to_numpy()
    th = np.radians(up["azimuth_deg"].to_numpy())
    ax2.set_theta_zero_location("N")
    ax2.set_theta_direction(-1)
    alpha = _alpha_deg(res)
    ring = np.linspace(0.0, 2.0 * np.pi, 181)
    ax2.plot(ring, np.full(ring.shape, 90.0 - alpha), color="0.4", linestyle="--", linewidth=1.0,
             label=f"minimum elevation {alpha:.3g}°")  # fmt: skip
    ax2.scatter(th[~vis], r[~vis], s=10, color="0.6", label="above the horizon, below the minimum")
    ax2.scatter(th[vis], r[vis], s=22, color=MODEL_COLORS["sgp4"], label="visible")
    ax2.set_rlim(0.0, 90.0)
    ax2.set_xlabel("azimuth (clockwise from north)")
    ax2.set_ylabel("elevation", labelpad=34.0)
    ax2.set_rticks([30.0, 60.0, 90.0], labels=["60°", "30°", "0°"])
    ax2.set_title(f"(b) Sky of the user at {user_lat_deg:g}° N, 0° E: {int(vis.sum())} visible\n"
                  "(centre: zenith; rings: elevation)", pad=12.0)  # fmt: skip
    ax2.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=1, fontsize="small",
               frameon=False)  # fmt: skip
    return fig
