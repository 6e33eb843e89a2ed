"""The sampling chapter's figures: the samplers, Fig. 4 (static and interactive 3D), the relaying sweep and the aerial minimum elevation."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from matplotlib.figure import Figure

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.sphere import to_dome_frame
from sagin_lib.sampling.scenes import (
    DownlinkScene,
    UplinkScene,
)
from sagin_lib.study.figures import SCENARIO_COLORS

from .compute import (
    COINCIDE_SHARE,
    DEMO_SAMPLERS,
    _coincidence_bound,
    _direction,
    _inner_area_share,
    lambda_star_per_km2,
)
from .spec import UPLINK_REGION_FACTOR

__all__ = [
    "aerial_elevation_figure",
    "demo_figure",
    "downlink_figure",
    "downlink_plotly",
    "plotly_bundle",
    "relay_figure",
    "uplink_figure",
    "uplink_plotly",
]


GREY = "#9a9a9a"
EARTH_BLUE = "#9ecae1"


def _rim_local(vertex_angle_rad: float, radius_km: float, n: int = 181) -> tuple[np.ndarray, ...]:
    """A dome's rim in its dome frame: horizontal x, y and height above the centre's tangent plane."""
    psi = np.linspace(0.0, 2.0 * np.pi, n)
    r = radius_km * math.sin(vertex_angle_rad)
    up = radius_km * math.cos(vertex_angle_rad) - EARTH_RADIUS_KM
    return r * np.cos(psi), r * np.sin(psi), np.full(n, up)


def _sphere_patch_local(
    radius_km: float, cap_rad: float, n_polar: int = 30, n_az: int = 60
) -> tuple[np.ndarray, ...]:
    """A cap of a centred sphere in the dome frame, for drawing the Earth's surface."""
    theta, psi = np.meshgrid(np.linspace(0.0, cap_rad, n_polar), np.linspace(0.0, 2 * np.pi, n_az))
    return (
        radius_km * np.sin(theta) * np.cos(psi),
        radius_km * np.sin(theta) * np.sin(psi),
        radius_km * np.cos(theta) - EARTH_RADIUS_KM,
    )


def _globe(n_polar: int, n_az: int) -> tuple[np.ndarray, ...]:
    """The whole Earth in a dome frame (centre at height ``-R_e``)."""
    return _sphere_patch_local(EARTH_RADIUS_KM, math.pi, n_polar, n_az)


def _ground_cap_rad(up: UplinkScene) -> float:
    g2s, a2s, g2a = (up.domes[k] for k in ("G2S", "A2S", "G2A"))
    return min(
        UPLINK_REGION_FACTOR
        * max(g2s.vertex_angle_rad, a2s.vertex_angle_rad + g2a.vertex_angle_rad),
        math.pi,
    )


def _scatter_local(ax: Any, nodes: pd.DataFrame, **style: Any) -> None:
    """Nodes at their positions in the user's (or satellite's) frame, on 2-D or 3-D axes.

    A top view takes the horizontal coordinates; 3-D axes take the height as well.
    """
    columns = ["local_x_km", "local_y_km"] + (["local_up_km"] if ax.name == "3d" else [])
    ax.scatter(*(nodes[c] for c in columns), **style)


def _km_axes(axes: Sequence[Any], radius_km: float, which: str = "xy") -> str:
    """Tick the horizontal axes of top views in km, or in 1000 km for wide domes; the unit."""
    big = radius_km >= 2000.0
    for ax in axes:
        for name in which:
            axis = ax.xaxis if name == "x" else ax.yaxis
            axis.set_major_locator(plt.MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]))
            if big:
                axis.set_major_formatter(_thousands)
    return "1000 km" if big else "km"


def demo_figure(table: pd.DataFrame, vertex_angle_rad: float) -> Figure:
    """Top views of both samples (inside half the vertex angle highlighted) and the histogram."""
    inner_share = _inner_area_share(vertex_angle_rad)
    fig = plt.figure(figsize=(7.5, 3.3), layout="constrained")
    grid = fig.add_gridspec(1, 3, width_ratios=[1, 1, 1.2])
    ax_right = fig.add_subplot(grid[0])
    ax_wrong = fig.add_subplot(grid[1], sharex=ax_right, sharey=ax_right)
    ax_hist = fig.add_subplot(grid[2])
    styles = {DEMO_SAMPLERS[0]: ("black", "-"), DEMO_SAMPLERS[1]: ("#d95f02", "--")}
    for ax, name in zip((ax_right, ax_wrong), DEMO_SAMPLERS, strict=True):
        part = table[table["sampler"] == name]
        fraction = part["area_fraction"].to_numpy()
        inner = fraction <= inner_share
        ax.scatter(
            part["x_km"], part["y_km"], s=1.0, c=np.where(inner, "#7570b3", "#1b9e77"), linewidths=0
        )
        rim_x, rim_y, _ = _rim_local(vertex_angle_rad, EARTH_RADIUS_KM)
        half_x, half_y, _ = _rim_local(vertex_angle_rad / 2, EARTH_RADIUS_KM)
        ax.plot(rim_x, rim_y, color="black", lw=0.8)
        ax.plot(half_x, half_y, color="black", lw=0.8, ls="--")
        ax.set_aspect("equal")
        ax.set_title(f"{name}:\n{inner.mean():.0%} inside $\\varphi/2$ (purple)")
        colour, style = styles[name]
        ax_hist.hist(fraction, bins=20, range=(0, 1), histtype="step", lw=1.4, label=name,
                     density=True, color=colour, linestyle=style)  # fmt: skip
    unit = _km_axes((ax_right, ax_wrong), EARTH_RADIUS_KM * math.sin(vertex_angle_rad))
    for ax in (ax_right, ax_wrong):
        ax.set_xlabel(f"x ({unit})")
    ax_right.set_ylabel(f"y ({unit})")
    ax_wrong.tick_params(labelleft=False)
    ax_hist.axhline(1.0, color="0.4", lw=0.8, ls=":", label="uniform by area")
    ax_hist.set_xlabel(r"area fraction $(1-\cos\theta)/(1-\cos\varphi)$")
    ax_hist.set_ylabel("density")
    fig.legend(*ax_hist.get_legend_handles_labels(), loc="outside lower center", ncol=3)
    return fig


def _thousands_text(value: float, _pos: int | None = None) -> str:
    """A tick label in thousands of km (``-2000`` becomes ``−2``)."""
    text = f"{value / 1000:g}"
    return text.replace("-", "\u2212")


_thousands = plt.FuncFormatter(_thousands_text)


def _ticks_inside(ax: Any) -> None:
    """About four ticks per axis of a 3-D axes, all inside its limits.

    A 3-D axis keeps the labels of ticks beyond its limits at stale positions
    (they are not drawn); fixing the ticks to those inside keeps every label
    where it is drawn.
    """
    for axis, limits, setter in ((ax.xaxis, ax.get_xlim(), ax.set_xticks),
                                 (ax.yaxis, ax.get_ylim(), ax.set_yticks),
                                 (ax.zaxis, ax.get_zlim(), ax.set_zticks)):  # fmt: skip
        lo, hi = sorted(limits)
        ticks = plt.MaxNLocator(nbins=4).tick_values(lo, hi)
        setter([t for t in ticks if lo <= t <= hi])
        axis.set_major_formatter(plt.ScalarFormatter())


def _rim_note(up: UplinkScene, air_alt_km: float) -> str:
    """A note for the A2S rim where it lies on the G2S rim (a low aerial layer), else ``""``.

    The rims are circles of radius ``R sin(phi)`` at height ``R cos(phi) - R_e``
    in the dome frame; the note gives their gap as a share of the G2S rim's
    radius and of the height of the drawn cap.
    """
    g2s, a2s = up.domes["G2S"], up.domes["A2S"]
    r_g, r_a = EARTH_RADIUS_KM, EARTH_RADIUS_KM + air_alt_km
    radius_gap = abs(r_a * math.sin(a2s.vertex_angle_rad) - r_g * math.sin(g2s.vertex_angle_rad))
    height_gap = abs(r_a * math.cos(a2s.vertex_angle_rad) - r_g * math.cos(g2s.vertex_angle_rad))
    depth = EARTH_RADIUS_KM * (1 - math.cos(_ground_cap_rad(up))) + air_alt_km
    share = max(radius_gap / (r_g * math.sin(g2s.vertex_angle_rad)), height_gap / depth)
    return f":\ncoincides with G2S to within {share:.1%}" if share < 0.02 else ""


def uplink_figure(up: UplinkScene, params: Mapping[str, Any]) -> Figure:
    """Fig. 4(a): the whole geometry to scale (left) and the covered nodes (right)."""
    g2s, a2s = up.domes["G2S"], up.domes["A2S"]
    sat_up, air_alt = params["meo_alt_km"], params["air_alt_km"]
    fig = plt.figure(figsize=(7.6, 4.5))
    ax_globe = fig.add_axes((0.0, 0.22, 0.3, 0.7), projection="3d")
    ax = fig.add_axes((0.27, 0.19, 0.73, 0.78), projection="3d")
    ax_globe.plot_surface(*_globe(25, 49), color=EARTH_BLUE, alpha=0.25, linewidth=0)
    ax_globe.scatter([0], [0], [sat_up], color="black", s=25, marker="^")
    # The G2S beam as a cone from the satellite to the rim of its dome.
    rx, ry, rz = _rim_local(g2s.vertex_angle_rad, EARTH_RADIUS_KM, 49)
    share = np.linspace(0.0, 1.0, 2)[:, None]
    ax_globe.plot_surface(share * rx, share * ry, sat_up + share * (rz - sat_up),
                          color=SCENARIO_COLORS["G2S"], alpha=0.35, linewidth=0)  # fmt: skip
    ax_globe.plot(
        *_rim_local(g2s.vertex_angle_rad, EARTH_RADIUS_KM), color=SCENARIO_COLORS["G2S"], lw=1.5
    )
    ax_globe.set_box_aspect(
        (2 * EARTH_RADIUS_KM, 2 * EARTH_RADIUS_KM, 2 * EARTH_RADIUS_KM + sat_up)
    )
    ax_globe.set_xlim(-EARTH_RADIUS_KM, EARTH_RADIUS_KM)
    ax_globe.set_ylim(-EARTH_RADIUS_KM, EARTH_RADIUS_KM)
    ax_globe.set_zlim(-2 * EARTH_RADIUS_KM, sat_up)
    ax_globe.set_title(f"Satellite at {sat_up:,.0f} km\nand its G2S beam (to scale)")
    ax_globe.set_axis_off()

    ax.plot_surface(
        *_sphere_patch_local(EARTH_RADIUS_KM, _ground_cap_rad(up)),
        color=EARTH_BLUE,
        alpha=0.2,
        linewidth=0,
    )
    n = up.nodes
    for layer, flag, colour, label, size in _UPLINK_LAYERS:
        sel = n[(n["layer"] == layer) & (n["covered_by_satellite"] == flag)]
        _scatter_local(
            ax,
            sel,
            s=size,
            color=colour,
            label=f"{label} ({len(sel):,})",
            depthshade=False,
            marker="o" if layer == "ground" else "^",
        )
    relayed = n[n["relay_aerial_count"] > 0]
    _scatter_local(
        ax,
        relayed,
        s=40,
        facecolors="none",
        edgecolors=SCENARIO_COLORS["G2A"],
        label=f"ground, in a G2A dome ({len(relayed):,})",
    )
    ax.plot(
        *_rim_local(g2s.vertex_angle_rad, EARTH_RADIUS_KM),
        color=SCENARIO_COLORS["G2S"],
        lw=1.5,
        label="G2S dome rim (ground)",
    )
    ax.plot(
        *_rim_local(a2s.vertex_angle_rad, EARTH_RADIUS_KM + air_alt),
        color=SCENARIO_COLORS["A2S"],
        lw=1.5,
        label="A2S dome rim (air layer)" + _rim_note(up, air_alt),
    )
    ax.set_box_aspect((1, 1, 0.45))
    _ticks_inside(ax)
    ax.tick_params(pad=1)
    ax.set_xlabel("x (km)", labelpad=10)
    ax.set_ylabel("y (km)", labelpad=10)
    ax.set_zlabel("height (km)", labelpad=8)
    ax.set_title("Covered nodes (height stretched)")
    ax.view_init(elev=28, azim=-60)
    fig.legend(*ax.get_legend_handles_labels(), loc="lower center", ncol=2,
               bbox_to_anchor=(0.5, 0.0))  # fmt: skip
    return fig


_UPLINK_LAYERS = (
    ("ground", False, GREY, "ground, not covered", 3),
    ("ground", True, SCENARIO_COLORS["G2S"], "ground, in the G2S dome", 4),
    ("air", False, GREY, "aerial, not covered", 8),
    ("air", True, SCENARIO_COLORS["A2S"], "aerial, in the A2S dome", 10),
)


#: Height of the interactive views (CSS px); the width follows the page.
PLOTLY_HEIGHT_PX = 460


def _plotly_scene(
    traces: Sequence[Any],
    title: str,
    aspect_z: float,
    eye: tuple[float, float, float],
    show_axes: bool = True,
    height: int = PLOTLY_HEIGHT_PX,
) -> go.Figure:
    """A 3-D Plotly figure whose legend sits below the scene, so the view keeps the width."""
    fig = go.Figure(list(traces))
    axis = dict(visible=show_axes)
    fig.update_layout(
        title=dict(text=title, x=0.0, xanchor="left", y=1.0, yanchor="top", pad=dict(t=8),
                   font=dict(size=13)),  # one line: Plotly anchors only a title's first line
        height=height,
        autosize=True,
        margin=dict(l=0, r=0, t=40, b=0),
        font=dict(size=12),
        legend=dict(itemsizing="constant", orientation="h", x=0.0, y=0.0, yanchor="top",
                    xanchor="left", font=dict(size=12)),
        scene=dict(
            xaxis=dict(title="x (km)", **axis),
            yaxis=dict(title="y (km)", **axis),
            zaxis=dict(title="height (km)", **axis),
            aspectmode="manual",
            aspectratio=dict(x=1, y=1, z=aspect_z),
            camera=dict(eye=dict(x=eye[0], y=eye[1], z=eye[2])),
        ),
    )  # fmt: skip
    return fig


def plotly_bundle(fig: go.Figure) -> dict[str, Any]:
    """A display bundle of an interactive figure: HTML for the book, Plotly's JSON for Jupyter.

    The HTML does not embed plotly.js: the book loads it once, from its static
    files, on every page that holds a Plotly figure. Jupyter renders the
    ``application/vnd.plotly.v1+json`` part with its own Plotly. Show it with
    ``IPython.display.display(bundle, raw=True)``.
    """
    import json

    import plotly.io as pio

    html = pio.to_html(fig, include_plotlyjs=False, full_html=False,
                       config={"responsive": True, "displaylogo": False})  # fmt: skip
    return {
        "text/html": html,
        "application/vnd.plotly.v1+json": json.loads(pio.to_json(fig, validate=False)),
        "text/plain": f"<interactive figure: {fig.layout.title.text}>",
    }


#: Most points one trace of an interactive view draws (denser clouds are thinned evenly).
MAX_PLOTLY_POINTS = 8_000


def _f32(values: Any) -> np.ndarray:
    """Coordinates as float32: Plotly ships them as compact binary arrays, ample for km."""
    return np.asarray(values, dtype=np.float32)


def _surface(x: np.ndarray, y: np.ndarray, z: np.ndarray, opacity: float) -> go.Surface:
    return go.Surface(
        x=_f32(x),
        y=_f32(y),
        z=_f32(z),
        opacity=opacity,
        showscale=False,
        colorscale=[[0, EARTH_BLUE], [1, EARTH_BLUE]],
        name="Earth",
        hoverinfo="skip",
    )


def _rim_trace(vertex_angle_rad: float, radius_km: float, colour: str, name: str) -> go.Scatter3d:
    x_, y_, z_ = _rim_local(vertex_angle_rad, radius_km)
    return go.Scatter3d(x=_f32(x_), y=_f32(y_), z=_f32(z_), mode="lines",
                        line=dict(color=colour, width=4), name=name)  # fmt: skip


def _points_trace(sel: pd.DataFrame, size: float, colour: str, name: str) -> go.Scatter3d:
    """A point cloud, every node up to :data:`MAX_PLOTLY_POINTS`, then one in ``k``."""
    step = max(1, math.ceil(len(sel) / MAX_PLOTLY_POINTS))
    shown = sel.iloc[::step]
    label = f"{name} ({len(sel):,}" + (f"; 1 in {step} shown)" if step > 1 else ")")
    return go.Scatter3d(
        x=_f32(shown["local_x_km"]),
        y=_f32(shown["local_y_km"]),
        z=_f32(shown["local_up_km"]),
        mode="markers",
        marker=dict(size=size, color=colour),
        name=label,
    )


def uplink_plotly(up: UplinkScene, params: Mapping[str, Any]) -> go.Figure:
    """Fig. 4(a), interactive: the same realisation, vertical axis stretched as in the static view."""
    traces = [_surface(*_sphere_patch_local(EARTH_RADIUS_KM, _ground_cap_rad(up), 20, 40), 0.25)]
    n = up.nodes
    sizes = {"ground": (2, 3), "air": (3, 4)}
    for layer, flag, colour, label, _ in _UPLINK_LAYERS:
        sel = n[(n["layer"] == layer) & (n["covered_by_satellite"] == flag)]
        traces.append(_points_trace(sel, sizes[layer][int(flag)], colour, label))
    for key, radius in (("G2S", EARTH_RADIUS_KM), ("A2S", EARTH_RADIUS_KM + params["air_alt_km"])):
        traces.append(
            _rim_trace(
                up.domes[key].vertex_angle_rad, radius, SCENARIO_COLORS[key], f"{key} dome rim"
            )
        )
    title = f"{len(n):,} nodes drawn, height stretched"
    return _plotly_scene(traces, title, 0.45, (1.35, 1.35, 0.8), height=420)


def relay_figure(sweep: pd.DataFrame, up: UplinkScene, params: Mapping[str, Any]) -> Figure:
    """Direct and relayed counts against the aerial density, Monte Carlo and closed forms (log-log)."""
    a2s, g2a = up.domes["A2S"], up.domes["G2A"]
    lam_g = params["ground_density_per_km2"]
    lam_star = lambda_star_per_km2(up)
    dens_sweep = sweep["air_density_per_km2"].to_numpy()
    dens = np.geomspace(dens_sweep.min(), dens_sweep.max(), 200)
    fig, ax = plt.subplots(figsize=(7.4, 4.3), layout="constrained")
    ax.plot(
        dens,
        np.full_like(dens, sweep["direct_count_theory"].iloc[0]),
        color=SCENARIO_COLORS["G2S"],
        label="direct G2S, $\\lambda_g|A_{G2S}|$",
    )
    ax.plot(
        dens,
        dens * a2s.area_km2 * lam_g * g2a.area_km2,
        color=SCENARIO_COLORS["A2S"],
        label="relayed links, $\\lambda_a|A_{A2S}|\\,\\lambda_g|A_{G2A}|$",
    )
    for column, marker, key, label in (
        ("relay_links", "o", "A2S", "relayed links, Monte Carlo (95% CI)"),
        ("relayed_ground_nodes", "s", "G2A", "distinct relayed ground nodes, Monte Carlo"),
    ):
        ax.errorbar(
            dens_sweep,
            sweep[f"{column}_mean"],
            yerr=1.96 * np.nan_to_num(sweep[f"{column}_se"].to_numpy()),
            fmt=marker,
            color=SCENARIO_COLORS[key],
            ms=4,
            label=label,
        )
    ax.plot(
        dens_sweep,
        sweep["relayed_ground_nodes_theory"],
        color=SCENARIO_COLORS["G2A"],
        ls="--",
        lw=1,
        label="distinct relayed ground nodes, approximation",
    )
    ax.axvline(lam_star, color="black", lw=0.8, ls=":",
               label=f"$\\lambda_a^\\star$ = {lam_star:.3g} per km$^2$ (links = direct)")  # fmt: skip
    ax.set_xscale("log")
    positive = sweep[["direct_count_theory", "relay_links_mean", "relay_links_theory"]].to_numpy()
    if (positive > 0).any():
        ax.set_yscale("log")
    else:
        ax.text(0.5, 0.85, "No ground transmitters: every count is 0 (the curves coincide).",
                transform=ax.transAxes, ha="center")  # fmt: skip
    ax.set_xlabel("aerial density $\\lambda_a$ (per km$^2$)")
    ax.set_ylabel("ground transmitters\nreaching the satellite")
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=2)
    return fig


#: Columns of the sweep allowed to be empty: standard errors of a single realisation.
RELAY_MISSING_OK: tuple[str, ...] = ("direct_count_se", "relay_links_se", "relayed_ground_nodes_se")


def downlink_figure(down: DownlinkScene, params: Mapping[str, Any]) -> Figure:
    """Fig. 4(b): the LEO shell, the S2G and S2A domes from above, the aerial vehicles around the user."""
    s2g, a2g, s2a = (down.domes[k] for k in ("S2G", "A2G", "S2A"))
    az, pol = _direction(params["user_lat_deg"], params["user_lon_deg"])
    fig = plt.figure(figsize=(7.6, 4.3))
    ax3 = fig.add_axes((0.0, 0.3, 0.27, 0.58), projection="3d")
    ax_rims = fig.add_axes((0.38, 0.3, 0.26, 0.58))
    ax_air = fig.add_axes((0.75, 0.3, 0.24, 0.58))
    nd = down.nodes
    sats = nd[nd["layer"] == "space"]
    r_leo = EARTH_RADIUS_KM + params["leo_alt_km"]

    ax3.plot_surface(*_globe(25, 49), color=EARTH_BLUE, alpha=0.3, linewidth=0)
    hidden = sats[~sats["visible_from_user"]]
    _scatter_local(ax3, hidden, s=0.8, color=GREY, alpha=0.6, label="not visible")
    vis = sats[sats["visible_from_user"]]
    _scatter_local(
        ax3,
        vis,
        s=6,
        color=SCENARIO_COLORS["S2G"],
        depthshade=False,
        label="visible from the user",
    )
    ax3.plot(*_rim_local(s2g.vertex_angle_rad, r_leo), color=SCENARIO_COLORS["S2G"], lw=1.5)
    ax3.scatter([0], [0], [0], color="black", s=20, marker="*", label="user")
    ax3.set_box_aspect((1, 1, 1))
    ax3.set_xlim(-r_leo, r_leo)
    ax3.set_ylim(-r_leo, r_leo)
    ax3.set_zlim(-EARTH_RADIUS_KM - r_leo, r_leo - EARTH_RADIUS_KM)
    ax3.set_axis_off()
    ax3.view_init(elev=25, azim=-60)
    ax3.set_title(
        f"LEO shell: {len(sats):,} satellites\n(mean {params['constellation_size']:,}), "
        f"{len(vis):,} visible"
    )
    ax3.legend(loc="upper center", bbox_to_anchor=(0.5, 0.02), markerscale=2)

    _scatter_local(
        ax_rims,
        vis,
        s=8,
        color=SCENARIO_COLORS["S2G"],
        label="satellites visible\nfrom the user",
    )
    x_, y_, _ = _rim_local(s2g.vertex_angle_rad, r_leo)
    ax_rims.plot(x_, y_, color=SCENARIO_COLORS["S2G"], lw=1.5, label="S2G dome (user)")
    air_seen = to_dome_frame(down.air_xyz_km[down.air_visible_user], az, pol)
    psi = np.linspace(0, 2 * np.pi, 181)[:, None]
    bound = _coincidence_bound(down)
    s2a_label = "S2A domes (aerial\nvehicles)" + (
        f", coinciding\nto ≥ {bound:.0%} of their union" if bound > 0 else ""
    )
    for i, p in enumerate(air_seen):
        # The S2A dome of an aerial vehicle: its rim in the user's frame, centred on its direction.
        centre = p / np.linalg.norm(p)
        e1 = np.cross([0.0, 0.0, 1.0], centre)
        e1 = e1 / np.linalg.norm(e1) if np.linalg.norm(e1) > 0 else np.array([1.0, 0.0, 0.0])
        e2 = np.cross(centre, e1)
        rim = r_leo * (
            math.cos(s2a.vertex_angle_rad) * centre
            + math.sin(s2a.vertex_angle_rad) * (np.cos(psi) * e1 + np.sin(psi) * e2)
        )
        ax_rims.plot(
            rim[:, 0],
            rim[:, 1],
            color=SCENARIO_COLORS["S2A"],
            lw=0.7,
            alpha=0.8,
            label=s2a_label if i == 0 else None,
        )
    ax_rims.set_aspect("equal")
    ax_rims.set_title("Domes on the LEO shell")
    ax_rims.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=1)

    air = nd[nd["layer"] == "air"]
    hidden_air, seen_air = air[~air["visible_from_user"]], air[air["visible_from_user"]]
    _scatter_local(ax_air, hidden_air, s=10, color=GREY, label="not visible")
    _scatter_local(ax_air, seen_air, s=14, color=SCENARIO_COLORS["A2G"], label="in the A2G dome")
    x_, y_, _ = _rim_local(a2g.vertex_angle_rad, EARTH_RADIUS_KM + params["air_alt_km"])
    ax_air.plot(x_, y_, color=SCENARIO_COLORS["A2G"], lw=1.5)
    ax_air.scatter([0], [0], color="black", marker="*", s=40, label="user")
    ax_air.set_aspect("equal")
    ax_air.set_title("Aerial vehicles")
    ax_air.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=1)
    for ax, radius in ((ax_rims, r_leo * math.sin(s2g.vertex_angle_rad)),
                       (ax_air, (EARTH_RADIUS_KM + params["air_alt_km"])
                        * math.sin(a2g.vertex_angle_rad))):  # fmt: skip
        unit = _km_axes((ax,), radius)
        ax.set_xlabel(f"x ({unit})")
        ax.set_ylabel(f"y ({unit})", labelpad=1)
    return fig


def downlink_plotly(down: DownlinkScene, params: Mapping[str, Any]) -> go.Figure:
    """Fig. 4(b), interactive: the LEO shell around the Earth, to scale, the user on top."""
    sats = down.nodes[down.nodes["layer"] == "space"]
    r_leo = EARTH_RADIUS_KM + params["leo_alt_km"]
    visible = sats["visible_from_user"]
    traces = [
        _surface(*_globe(30, 60), 0.35),
        _points_trace(sats[~visible], 1.5, GREY, "not visible from the user"),
        _points_trace(sats[visible], 3, SCENARIO_COLORS["S2G"], "visible from the user"),
        _rim_trace(
            down.domes["S2G"].vertex_angle_rad, r_leo, SCENARIO_COLORS["S2G"], "S2G dome rim"
        ),
        go.Scatter3d(
            x=[0],
            y=[0],
            z=[0],
            mode="markers",
            marker=dict(size=4, color="black", symbol="diamond"),
            name="user",
        ),
    ]
    title = (
        f"{len(sats):,} satellites drawn (mean {params['constellation_size']:,}), "
        f"{int(visible.sum()):,} visible"
    )
    return _plotly_scene(traces, title, 1.0, (1.0, 1.0, 0.55), show_axes=False)


def aerial_elevation_figure(table: pd.DataFrame, params: Mapping[str, Any]) -> Figure:
    """The common share of the S2A domes against the minimum elevation, three ways."""
    fig, ax = plt.subplots(figsize=(7.2, 4.1), layout="constrained")
    colours = (SCENARIO_COLORS["S2A"], SCENARIO_COLORS["A2G"], "black")
    styles = ("-", "--", ":")
    for (varied, rows), colour, style in zip(
        table.groupby("varied", sort=False), colours, styles, strict=True
    ):
        ax.plot(rows["swept_min_elev_deg"], rows["common_share"], color=colour, linestyle=style,
                label=f"varying {varied}")  # fmt: skip
    here = params["min_elevation_deg"]
    ax.axvline(here, color="0.6", linewidth=0.8,
               label=f"the other elevation, fixed at {here:g}°")  # fmt: skip
    ax.axhline(COINCIDE_SHARE, color="0.6", linewidth=0.8, linestyle="--",
               label=f"{COINCIDE_SHARE:.0%}: read as nearly coinciding")  # fmt: skip
    ax.set_ylim(0.0, 1.0)
    ax.set_xlabel("minimum elevation (°)")
    ax.set_ylabel("share of the S2A domes' union\ncommon to all of them")
    fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncol=2)
    return fig
