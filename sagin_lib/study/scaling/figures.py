"""The scaling chapter's figures: the elevation and slant-range histograms and the spot beams."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from scipy import stats

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.sphere import cartesian_to_latlon_deg, yaw_pitch_matrix

from .compute import Footprint
from .spec import P_MIN

#: Colours of the figures.
ELEVATION_COLOR = "#a6761d"


DISTANCE_COLOR = "#7570b3"


BEAM_COLOR = "#1b9e77"


def _plot_counts(
    table: pd.DataFrame,
    edges: np.ndarray,
    color: str,
    labels: tuple[str, str],
    rim_deg: float | None = None,
) -> plt.Figure:
    """Users per bin from the Dask reduction as filled stairs, and the expected count.

    The legend sits under the axes, off the histogram.
    """
    fig, ax = plt.subplots(figsize=(7, 4.4), layout="constrained")
    ax.stairs(table["count"], edges, fill=True, color=color, alpha=0.6, label="users (Dask)")
    ax.stairs(table["expected_count"], edges, color="k", linewidth=1.0, label="expected")
    if rim_deg is not None:
        ax.axvline(rim_deg, color="0.5", linestyle="--", linewidth=0.8,
                   label=f"minimum elevation ({rim_deg:g}°)")  # fmt: skip
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    ax.ticklabel_format(axis="y", style="sci", scilimits=(-3, 4), useMathText=True)
    fig.legend(loc="outside lower center", ncol=3)
    fig.draw_without_rendering()
    fig.set_layout_engine("none")
    return fig


def plot_elevation(elev: pd.DataFrame, p: Mapping[str, Any], fp: Footprint) -> plt.Figure:
    """Users per elevation bin, and the expected count."""
    xlabel = "elevation of the GEO satellite seen by the user (°)"
    ylabel = f"users per {p['elev_bin_deg']:g}° bin"
    rim = p["min_elevation_deg"]
    return _plot_counts(elev, fp.elev_edges_deg, ELEVATION_COLOR, (xlabel, ylabel), rim)


def plot_distance(dist: pd.DataFrame, p: Mapping[str, Any], fp: Footprint) -> plt.Figure:
    """Users per slant-range bin, and the expected count."""
    ylabel = f"users per {p['distance_bin_km']:g} km bin"
    labels = ("slant range to the GEO satellite (km)", ylabel)
    return _plot_counts(dist, fp.dist_edges_km, DISTANCE_COLOR, labels, None)


def _rim_latlon(
    az: float, pol: float, angle: float, ref_lon: float, n: int = 241
) -> tuple[np.ndarray, np.ndarray]:
    """The rim of a dome around ``(az, pol)`` as latitude and longitude (unwrapped near ``ref_lon``)."""
    a = np.linspace(0.0, 2.0 * math.pi, n)
    local = np.stack(
        [math.sin(angle) * np.cos(a), math.sin(angle) * np.sin(a), np.full(n, math.cos(angle))],
        axis=1,
    )
    lat, lon, _ = cartesian_to_latlon_deg(EARTH_RADIUS_KM * local @ yaw_pitch_matrix(az, pol).T)
    lon = np.unwrap(np.asarray(lon, dtype=float), period=360.0)
    shift = 360.0 * round((float(np.mean(lon)) - ref_lon) / 360.0)
    return lat, lon - shift if shift else lon


def plot_spot_beams(beams: pd.DataFrame, p: Mapping[str, Any], fp: Footprint) -> plt.Figure:
    """The spot beams: where they lie, the users in each, their z-scores and nearest users.

    (a) the footprint and the beams on a latitude-longitude map; (b) users in
    each beam (Dask) against the binomial expectation; (c) the z-score of each
    count with the 4-standard-error band of the claims; (d) the distance from
    each beam centre to its nearest user against the mean spacing
    ``1/(2 sqrt(lambda))``. Legends sit under their panels, off the data.
    """
    fig = plt.figure(figsize=(7.5, 8.6), layout="constrained")
    grid = fig.add_gridspec(3, 2, height_ratios=[1.0, 0.36, 0.9])
    ax1, ax2 = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])
    ax3, ax4 = fig.add_subplot(grid[2, 0]), fig.add_subplot(grid[2, 1])
    lax1, lax2 = (fig.add_subplot(grid[1, k]) for k in range(2))
    for lax in (lax1, lax2):
        lax.axis("off")
    ref = p["geo_lon_deg"]
    lat, lon = _rim_latlon(fp.geo_azimuth_rad, fp.geo_polar_rad, fp.vertex_angle_rad, ref)
    ax1.plot(lon, lat, color=ELEVATION_COLOR, linewidth=1.0,
             label=f"footprint (elevation ≥ {p['min_elevation_deg']:g}°)")  # fmt: skip
    ax1.plot([ref], [0.0], marker="+", markersize=9, color="k", linestyle="none", zorder=3,
             label="sub-satellite point")  # fmt: skip
    for name, (az, pol) in zip(beams["beam"], fp.beam_directions_rad, strict=True):
        lat, lon = _rim_latlon(az, pol, fp.beam_angle_rad, ref)
        ax1.fill(lon, lat, alpha=0.5, label=name)
    ax1.set_xlabel("longitude (°)")
    ax1.set_ylabel("latitude (°)")
    ax1.set_aspect("equal")
    ax1.set_title("(a) Footprint and spot beams", pad=9.0)
    lax1.legend(*ax1.get_legend_handles_labels(), loc="upper center", ncol=2)

    x = np.arange(len(beams))
    numbers = [str(name).removeprefix("beam ") for name in beams["beam"]]
    ax2.bar(x, beams["count"], color=BEAM_COLOR, alpha=0.7, label="users (Dask)")
    ax2.scatter(x, beams["expected_count"], color="k", zorder=3, label="expected (binomial mean)")
    ax2.set_xticks(x, numbers)
    ax2.set_xlabel("spot beam")
    ax2.set_ylabel("users in the beam")
    ax2.ticklabel_format(axis="y", style="sci", scilimits=(-3, 4), useMathText=True)
    top = max(float(beams["count"].max()), float(beams["expected_count"].max()))
    ax2.set_ylim(0, 1.1 * top if top > 0 else 1.0)
    ax2.set_title("(b) Users in each beam", pad=9.0)
    lax2.legend(*ax2.get_legend_handles_labels(), loc="upper center", ncol=1)

    z = beams["z_score"].to_numpy(dtype=float)
    band = float(stats.norm.isf(0.5 * P_MIN))
    ax3.axhspan(-band, band, color="0.85", zorder=0)
    ax3.axhline(0.0, color="0.4", linewidth=0.8)
    ax3.plot(x, z, "o", color=BEAM_COLOR)
    ax3.set_xticks(x, numbers)
    ax3.set_xlim(-0.6, len(beams) - 0.4)
    reach = max(1.15 * band, 1.1 * float(np.max(np.abs(z))))
    ax3.set_ylim(-reach, reach)
    ax3.set_xlabel("spot beam")
    ax3.set_ylabel("z-score of the count (standard errors)")
    ax3.set_title(
        f"(c) Count against expectation\n(grey: within {band:.0f} standard errors)", pad=9.0
    )

    near = beams["nearest_user_km"].to_numpy(dtype=float)
    if np.isfinite(near).any() and fp.density_per_km2 > 0:
        spacing = 0.5 / math.sqrt(fp.density_per_km2)
        ax4.axhline(spacing, color="0.4", linestyle="--", linewidth=1.0)
        ax4.plot(x, near, "D", color=BEAM_COLOR)
        ax4.set_xticks(x, numbers)
        ax4.set_xlim(-0.6, len(beams) - 0.4)
        finite = near[np.isfinite(near)]
        ax4.set_ylim(0.0, 1.15 * max(float(finite.max()), spacing))
        ax4.set_xlabel("spot beam")
        ax4.set_ylabel("distance to the nearest user (km)")
        ax4.set_title(f"(d) Nearest user to each beam centre\n(dashed: 1/(2√λ) = {spacing:.3g} km)",
                      pad=9.0)  # fmt: skip
    else:
        ax4.axis("off")
        ax4.text(0.5, 0.5, "(d) No user: no nearest user", ha="center", va="center",
                 transform=ax4.transAxes)  # fmt: skip
    fig.draw_without_rendering()
    fig.set_layout_engine("none")
    return fig
