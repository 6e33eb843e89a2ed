"""The comparison chapter's figures, each drawn from its tidy table."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from sagin_lib.study.platforms.figures import legend_below

from .compute import _COVER_LABELS, _UAV_RADIUS_KM, _XSTATION_NETWORK_KM2, platform_altitudes_km
from .spec import Params

__all__ = [
    "coverage_claims_figure",
    "earth_cover_figure",
    "geo_polar_figure",
    "link_figure",
    "radius_figure",
    "xstation_network_figure",
]


def _boxes_overlap(a: Any, b: Any, pad: float = 2.0) -> bool:
    return min(a.x1, b.x1) - max(a.x0, b.x0) > -pad and min(a.y1, b.y1) - max(a.y0, b.y0) > -pad


def _place_apart(
    fig: Any,
    texts: Sequence[Any],
    moves: Sequence[Callable[[Any], None]],
    inside: Any = None,
) -> None:
    """Move each text to the first of its alternative places where it overlaps no text before it.

    ``moves`` are tried in order on a text that overlaps an already placed one
    (for labels of nearby platforms) or, when ``inside`` (an axes) is given,
    reaches out of that axes; a text that fits nowhere keeps its last place.
    """
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    frame = None if inside is None else inside.get_window_extent(renderer)
    placed: list[Any] = []
    for text in texts:
        for move in (None, *moves):
            if move is not None:
                move(text)
            box = text.get_window_extent(renderer)
            out = frame is not None and (box.x0 < frame.x0 or box.x1 > frame.x1)
            if not out and not any(_boxes_overlap(box, other) for other in placed):
                break
        placed.append(text.get_window_extent(renderer))


def _min_elevation_axis(ax: Any, params: Params) -> None:
    """Label the x axis as the ground user's minimum elevation and mark the run's value on it."""
    ax.axvline(
        params["min_elevation_deg"],
        color="0.3",
        ls=(0, (1, 3)),
        lw=1,
        label=f"chosen minimum elevation ({params['min_elevation_deg']:g}°)",
    )
    ax.set_xlabel("minimum elevation of a ground user (°)")


def radius_figure(data: pd.DataFrame, claims: pd.DataFrame, params: Params) -> Any:
    """Radius curves, the platforms' altitudes, the survey's UAV bound and coverage claims."""
    import matplotlib.pyplot as plt
    from matplotlib.transforms import blended_transform_factory

    fig, ax = plt.subplots(figsize=(7.0, 4.2))
    styles = ["-", "--", ":"]
    for style, (el, block) in zip(
        styles, data.groupby("min_elevation_deg", sort=True), strict=False
    ):
        ax.plot(
            block["altitude_km"],
            block["coverage_radius_km"],
            style,
            color="C0",
            label=f"min elevation {el:g}°",
        )
    radii = [data["coverage_radius_km"].to_numpy()]
    if len(claims):
        radii.append(claims["coverage_radius_km"].to_numpy())
    values = np.concatenate(radii)
    low = float(values[values > 0].min()) / 2.0
    high = max(float(values.max()), _UAV_RADIUS_KM)
    # Headroom above the curves for the platform names.
    top = high * 10.0 ** (0.22 * math.log10(high / low))
    uav = params["uav_alt_km"]
    ax.plot(
        [uav, uav],
        [low, _UAV_RADIUS_KM],
        color="C3",
        lw=4,
        alpha=0.5,
        label="survey: UAV radius < 50 km",
    )
    for color, (project, block) in zip(
        ("C2", "C1", "C4", "C5", "C6"), claims.groupby("project", sort=False), strict=False
    ):
        ax.plot(
            block["altitude_km"],
            block["coverage_radius_km"],
            "D",
            ms=6,
            color=color,
            label=f"claim: {project}",
        )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylim(low, top)
    ax.set_xlabel("platform altitude (km)")
    ax.set_ylabel("coverage radius along the ground (km)")
    ax.set_title("Ground coverage radius of one platform")
    trans = blended_transform_factory(ax.transData, ax.transAxes)
    altitudes = platform_altitudes_km(params)
    # One collection of vertical lines (platforms may share an altitude to the pixel).
    ax.vlines(list(altitudes.values()), 0.0, 1.0, transform=trans, color="0.8", lw=0.8, zorder=0)
    names = [
        ax.text(h, 0.98, name, rotation=90, va="top", ha="right", color="0.3", transform=trans)
        for name, h in altitudes.items()
    ]
    legend_below(fig, ncol=3)

    def other_side(text: Any) -> None:
        text.set_ha("left")

    _place_apart(fig, names, [other_side], inside=ax)
    return fig


def link_figure(data: pd.DataFrame, params: Params) -> Any:
    """Delay (log scale) and free-space path loss per platform, nadir and edge."""
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(7.0, 5.0), sharex=True)
    names = list(dict.fromkeys(data["platform"]))
    x = np.arange(len(names))
    for offset, (pos, marker) in zip((-0.15, 0.15), (("nadir", "o"), ("edge", "s")), strict=True):
        block = data[data["position"] == pos]
        label = pos if pos == "nadir" else f"edge ({params['min_elevation_deg']:g}° elevation)"
        ax1.plot(x + offset, block["delay_ms"], marker, ls="none", label=label)
        ax2.plot(x + offset, block["fspl_db"], marker, ls="none")
    ax1.set_yscale("log")
    ax1.set_ylabel("one-way delay (ms)")
    ax2.set_ylabel("free-space path loss (dB)")
    ax2.set_xticks(x, names)
    ax2.set_xlabel("platform")
    ax1.set_title(
        f"One-way delay and free-space path loss at {params['freq_ghz']:g} GHz, "
        "nadir and coverage edge"
    )
    fig.tight_layout()
    legend_below(fig, ncol=2)
    return fig


def earth_cover_figure(data: pd.DataFrame, comparison: pd.DataFrame, params: Params) -> Any:
    """The three Earth-cover estimates against altitude, with the six platforms marked."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.0, 4.2))
    for (method, label), style in zip(_COVER_LABELS.items(), ["-", "--", ":"], strict=True):
        block = data[data["method"] == method]
        ax.plot(block["altitude_km"], block["n_platforms"], style, label=label)
    for method, marker, label in (
        ("proven_lower_bound", "v", "proven lower bound (LEO, MEO, GEO)"),
        ("feasible_covering", "*", "feasible covering, checked exactly"),
    ):
        block = data[data["method"] == method]
        if not block.empty:
            ax.plot(block["altitude_km"], block["n_platforms"], marker, ms=9, label=label)
    ax.plot(
        comparison["altitude_km"],
        comparison["n_platforms_spherical_hexagon"],
        "ko",
        ms=4,
        label="the six platforms (hexagon estimate)",
    )
    names = [
        ax.annotate(
            row["platform"],
            (row["altitude_km"], row["n_platforms_spherical_hexagon"]),
            textcoords="offset points",
            xytext=(5, 4),
        )
        for _, row in comparison.iterrows()
    ]
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("platform altitude (km)")
    ax.set_ylabel("platforms to cover the Earth")
    ax.set_title(
        f"Platforms needed for global coverage at {params['min_elevation_deg']:g}° minimum elevation"
    )
    curves = {
        label: np.log10(data.loc[data["method"] == method, "n_platforms"].to_numpy(dtype=float))
        for method, label in _COVER_LABELS.items()
    }
    pairs = [
        f"{a} and {b}"
        for i, a in enumerate(curves)
        for b in list(curves)[i + 1 :]
        if np.max(np.abs(curves[a] - curves[b])) < 0.05
    ]
    title = f"the {'; '.join(pairs)} estimates coincide (small caps)" if pairs else None
    legend_below(fig, ncol=2, title=title)

    def below_left(text: Any) -> None:
        text.set_position((-5, -6))
        text.set_ha("right")
        text.set_va("top")

    def below_right(text: Any) -> None:
        text.set_position((5, -6))
        text.set_ha("left")

    _place_apart(fig, names, [below_left, below_right])
    return fig


def geo_polar_figure(data: pd.DataFrame, params: Params) -> Any:
    """Uncovered share of the Earth against the minimum elevation, per GEO constellation."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.0, 3.8))
    for (label, block), style in zip(
        data.groupby("geo_satellites", sort=False), ["--", "-.", "-"], strict=False
    ):
        name = (
            "any number of GEO satellites (the polar caps)"
            if label == "any number"
            else (f"{label} GEO satellites, evenly spaced")
        )
        ax.plot(block["min_elevation_deg"], 100.0 * block["uncovered_fraction"], style, label=name)
    _min_elevation_axis(ax, params)
    ax.set_ylabel("share of the Earth's surface uncovered (%)")
    ax.set_title("What geostationary satellites leave uncovered")
    ax.set_ylim(0.0, None)
    legend_below(fig, ncol=2)
    return fig


def xstation_network_figure(data: pd.DataFrame, params: Params) -> Any:
    """The two areas against the minimum elevation, with the survey's 10^6 km^2."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.0, 3.6))
    for (label, block), style in zip(
        data.groupby("quantity", sort=False), ["-", "--"], strict=False
    ):
        ax.plot(block["min_elevation_deg"], block["area_km2"], style, label=label)
    ax.axhline(_XSTATION_NETWORK_KM2, color="C3", lw=1.5, label="survey: $10^6$ km² with three")
    _min_elevation_axis(ax, params)
    alt = float(data["altitude_km"].iloc[0]) if len(data) else math.nan
    ax.set_yscale("log")
    ax.set_ylabel("area (km²)")
    ax.set_title(f"What three X-stations at {alt:g} km can serve")
    legend_below(fig, ncol=2)
    return fig


def coverage_claims_figure(claims: pd.DataFrame, params: Params) -> Any:
    """The elevation each claim implies at its edge against the minimum elevation."""
    import matplotlib.pyplot as plt

    min_el = params["min_elevation_deg"]
    fig, ax = plt.subplots(figsize=(7.0, 3.0))
    labels = [
        f"{p} @ {a:g} km" for p, a in zip(claims["project"], claims["altitude_km"], strict=True)
    ]
    ok = claims["meets_min_elevation"].to_numpy(dtype=bool)
    ax.barh(range(len(claims)), claims["implied_elevation_deg"], color=np.where(ok, "C2", "C3"))
    ax.axvline(min_el, color="0.3", ls="--", lw=1, label=f"minimum elevation {min_el:g}°")
    if min_el != 0.0:
        ax.axvline(0.0, color="k", lw=1)
    for i, v in enumerate(claims["implied_elevation_deg"]):
        ax.text(max(v, 0.0), i, f" {v:.2f}°", va="center")
    ax.barh([0], [0], color="C2", label="edge at or above it")
    ax.barh([0], [0], color="C3", label="edge below it")
    ax.set_yticks(range(len(claims)), labels)
    ax.invert_yaxis()
    right = max(float(claims["implied_elevation_deg"].max()), min_el) * 1.15 + 1.0
    ax.set_xlim(min(0.0, float(claims["implied_elevation_deg"].min()) * 1.1), right)
    ax.set_xlabel("elevation of the platform seen from the claimed coverage edge (°)")
    ax.set_ylabel("claim (project @ altitude)")
    ax.set_title("Elevation implied by each coverage claim")
    legend_below(fig, ncol=3)
    return fig
