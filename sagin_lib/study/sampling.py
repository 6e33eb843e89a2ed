"""The sampling chapter: Algorithm 1 and Fig. 4 of the coverage paper, with claims.

The chapter draws Poisson transmitters on coverage domes (Algorithm 1), shows
the area-uniform sampler against the tempting polar-uniform one, the three
uplinks around a satellite receiver (Fig. 4a) with the ground-to-air-to-
satellite relaying sweep, and the three downlinks around a ground user under a
LEO shell (Fig. 4b). This module declares the chapter's parameters
(:data:`SPEC`), builds every figure and table, and computes the chapter's
claims; the notebook only narrates and calls it.

The random draws follow the order of the chapter: one generator seeded with
``seed`` draws the two demonstration samples, then the uplink scene, then the
downlink scene; the relaying sweep has its own streams spawned from ``seed``.

Two of the paper's remarks on Fig. 4 are computed without drawing anything: whether
the small G2A dome "supports equal or more transmitters" (expected counts under the
chapter's densities), and its reason (ii) for the nearly coinciding S2A domes (a
large minimum elevation at the aerial receivers), swept over the elevation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from sagin_lib.model.constants import EARTH_RADIUS_KM, UAV_ALT_KM
from sagin_lib.model.coverage import coverage_dome, dome_area_km2
from sagin_lib.model.dome import Dome
from sagin_lib.model.sphere import latlon_deg_to_direction_rad, to_dome_frame
from sagin_lib.sampling.area_uniform import sample_dome
from sagin_lib.sampling.monte_carlo import dome_frame_coordinates, polar_uniform_dome
from sagin_lib.sampling.scenes import (
    DownlinkScene,
    UplinkScene,
    _node_table,
    downlink_scene,
    relay_sweep,
    uplink_scene,
)
from sagin_lib.study.claims import Claim, claim
from sagin_lib.study.figures import SCENARIO_COLORS
from sagin_lib.study.formatting import Table, format_table
from sagin_lib.study.sources import COVERAGE_PAPER
from sagin_lib.study.sources import STUDY as STUDY_SOURCE
from sagin_lib.study.spec import ChapterSpec, Constraint, Param, output_dir_param

__all__ = [
    "DEMO_SAMPLERS",
    "ELEVATION_SWEEP_DEG",
    "ELEVATION_VARIED",
    "SPEC",
    "aerial_elevation_figure",
    "aerial_elevation_table",
    "aerial_min_elevation_claim",
    "common_share",
    "g2a_transmitters_claim",
    "remarks_glue",
    "chapter_claims",
    "demo_claims",
    "demo_figure",
    "demo_samples",
    "demo_table",
    "counts_display",
    "dome_display",
    "dome_table",
    "downlink_claims",
    "downlink_figure",
    "downlink_glue",
    "downlink_plotly",
    "plotly_bundle",
    "expected_draws",
    "relay_claims",
    "relay_figure",
    "relay_glue",
    "run_downlink",
    "run_relay_sweep",
    "run_uplink",
    "uplink_claims",
    "uplink_data",
    "downlink_data",
    "uplink_figure",
    "uplink_glue",
    "uplink_parameters",
    "uplink_plotly",
]

PAPER = COVERAGE_PAPER
STUDY = STUDY_SOURCE
#: Where the study's own checks of Algorithm 1 come from.
ALGORITHM_CHECK = f"{STUDY}; {PAPER}, Sec. IV-A, Algorithm 1"
#: Where the study's own checks of the relaying count come from.
RELAY_CHECK = f"{STUDY}; the relaying count of the {PAPER}, Sec. IV-B, Fig. 4(a)"
GREY = "#9a9a9a"
EARTH_BLUE = "#9ecae1"

#: Region factors of the scenes (nodes are drawn this many times wider than the domes).
UPLINK_REGION_FACTOR = 1.3
DOWNLINK_REGION_FACTOR = 1.5
RELAY_REGION_FACTOR = 1.0

#: Largest mean number of nodes one figure may draw (keeps a run within minutes).
MAX_SCENE_NODES = 25_000
#: Largest mean number of (aerial vehicle, satellite) visibility tests of Fig. 4(b).
MAX_S2A_PAIRS = 4_000_000
#: Largest mean number of nodes drawn by the whole relaying sweep: the sweep draws
#: one scene at a time, so this bounds time (about 12 s of one core at the limit),
#: not memory; every parameter alone at either end of its range stays below it.
MAX_SWEEP_NODES = 20_000_000

#: Monte Carlo bands, in standard errors (a correct sampler leaves a 4-sigma band
#: with probability below 1e-4 at a fixed seed).
N_SIGMA = 4.0
#: The share of the union of the aerial vehicles' S2A domes that their common
#: part must hold for the domes to "nearly coincide".
COINCIDE_SHARE = 0.7
#: "Slightly larger": the G2S dome exceeds the A2S dome by less than this fraction.
SLIGHT_EXCESS = 0.10
#: "Tiny": the G2A dome is smaller than this fraction of the A2S dome.
TINY_FRACTION = 1e-3
#: Relays whose G2A dome straddles the G2S rim may reach slightly beyond it.
RELAY_RIM_ALLOWANCE = 0.10

DEMO_SAMPLERS: tuple[str, str] = ("area-uniform", "polar-uniform (wrong)")


# --- parameters ---------------------------------------------------------------------------


def _uplink_domes(v: Mapping[str, Any]) -> tuple[float, float, float, float, float, float]:
    """Vertex angles (rad) and areas (km^2) of the G2S, A2S and G2A domes."""
    up = {"freq_hz": v["freq_ghz"] * 1e9, "kappa_rad": math.radians(v["kappa_deg"])}
    sat, air = v["meo_alt_km"], v["air_alt_km"]
    g2s = coverage_dome(
        "G2S", rx_alt_km=sat, tx_alt_km=0.0, diameter_m=v["satellite_diameter_m"], **up
    )
    a2s = coverage_dome(
        "A2S", rx_alt_km=sat, tx_alt_km=air, diameter_m=v["satellite_diameter_m"], **up
    )
    g2a = coverage_dome(
        "G2A", rx_alt_km=air, tx_alt_km=0.0, diameter_m=v["aerial_diameter_m"], **up
    )
    return (
        float(g2s.vertex_angle_rad),
        float(a2s.vertex_angle_rad),
        float(g2a.vertex_angle_rad),
        float(g2s.area_km2),
        float(a2s.area_km2),
        float(g2a.area_km2),
    )


def _cap_km2(alt_km: float, angle_rad: float) -> float:
    return float(dome_area_km2(alt_km, min(angle_rad, math.pi)))


def expected_draws(values: Mapping[str, Any]) -> dict[str, float]:
    """Mean numbers of nodes the chapter draws, from its parameters.

    Parameters
    ----------
    values : mapping
        The chapter's parameters (human units, as in :data:`SPEC`).

    Returns
    -------
    dict
        ``uplink_nodes`` (Fig. 4a, ground and aerial), ``downlink_nodes``
        (Fig. 4b, satellites and aerial vehicles), ``s2a_pairs`` (aerial
        vehicles the user sees times satellites) and ``sweep_nodes`` (all
        scenes of the relaying sweep).
    """
    g2s_phi, a2s_phi, g2a_phi, *_ = _uplink_domes(values)
    lam_g, lam_a, air = (
        values["ground_density_per_km2"],
        values["air_density_per_km2"],
        values["air_alt_km"],
    )
    widest = max(g2s_phi, a2s_phi + g2a_phi)
    uplink = lam_g * _cap_km2(0.0, UPLINK_REGION_FACTOR * widest) + lam_a * _cap_km2(
        air, UPLINK_REGION_FACTOR * a2s_phi
    )
    a2g = coverage_dome(
        "A2G",
        rx_alt_km=0.0,
        tx_alt_km=air,
        min_elevation_rad=math.radians(values["min_elevation_deg"]),
    )
    a2g_phi = float(a2g.vertex_angle_rad)
    downlink = values["constellation_size"] + lam_a * _cap_km2(
        air, DOWNLINK_REGION_FACTOR * a2g_phi
    )
    pairs = lam_a * float(a2g.area_km2) * values["constellation_size"]
    ground_sweep = lam_g * _cap_km2(0.0, RELAY_REGION_FACTOR * widest)
    air_sweep = _cap_km2(air, RELAY_REGION_FACTOR * a2s_phi)
    sweep = values["relay_realisations"] * sum(
        ground_sweep + d * air_sweep for d in values["relay_air_densities_per_km2"]
    )
    return {
        "uplink_nodes": uplink,
        "downlink_nodes": downlink,
        "s2a_pairs": pairs,
        "sweep_nodes": sweep,
    }


SPEC = ChapterSpec(
    "sampling",
    (
        output_dir_param("sampling"),
        Param("seed", 2024, "root seed of every random draw on this page", low=0, high=2**32 - 1),
        Param(
            "freq_ghz",
            2.0,
            "uplink carrier frequency (S band)",
            unit="GHz",
            low=0.5,
            high=40.0,
            aliases=("freq_point_ghz",),
        ),
        Param(
            "kappa_deg",
            70.0,
            "illumination coefficient of the receivers' dishes",
            unit="deg",
            low=50.0,
            high=90.0,
        ),
        Param(
            "satellite_diameter_m",
            2.0,
            "dish of the satellite receiver (G2S, A2S)",
            unit="m",
            low=0.5,
            high=20.0,
        ),
        Param(
            "aerial_diameter_m",
            0.5,
            "dish of an aerial receiver (G2A)",
            unit="m",
            low=0.1,
            high=5.0,
        ),
        Param(
            "meo_alt_km",
            10000.0,
            "satellite receiver of Fig. 4(a)",
            unit="km",
            low=300.0,
            high=40000.0,
        ),
        Param(
            "leo_alt_km", 600.0, "satellite shell of Fig. 4(b)", unit="km", low=300.0, high=2000.0
        ),
        Param(
            "air_alt_km",
            20.0,
            "aerial layer (HAP)",
            unit="km",
            low=0.1,
            high=100.0,
            aliases=("air_layer_alt_km",),
        ),
        Param(
            "min_elevation_deg",
            10.0,
            "minimum elevation of every downlink receiver",
            unit="deg",
            low=0.0,
            high=80.0,
            aliases=("min_elev_deg",),
        ),
        Param(
            "ground_density_per_km2",
            0.001,
            "ground transmitters (illustrative)",
            unit="per km^2",
            low=0.0,
            high=0.01,
        ),
        Param(
            "air_density_per_km2",
            0.0002,
            "aerial vehicles (illustrative)",
            unit="per km^2",
            low=0.0,
            high=0.01,
        ),
        Param(
            "constellation_size",
            4000,
            "mean number of LEO satellites on the shell",
            low=0,
            high=20000,
        ),
        Param(
            "satellite_lat_deg",
            22.3,
            "sub-satellite point of Fig. 4(a)",
            unit="deg",
            low=-90.0,
            high=90.0,
        ),
        Param(
            "satellite_lon_deg",
            114.2,
            "sub-satellite point of Fig. 4(a)",
            unit="deg",
            low=-180.0,
            high=180.0,
        ),
        Param("user_lat_deg", 22.3, "ground user of Fig. 4(b)", unit="deg", low=-90.0, high=90.0),
        Param(
            "user_lon_deg", 114.2, "ground user of Fig. 4(b)", unit="deg", low=-180.0, high=180.0
        ),
        Param(
            "relay_air_densities_per_km2",
            [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1],
            "relaying sweep",
            unit="per km^2",
            low=0.0,
            low_open=True,
            high=0.1,
            max_items=12,
            increasing=True,
            kind="list[float]",
        ),
        Param(
            "relay_realisations",
            10,
            "Monte Carlo scenes per aerial density of the sweep",
            low=1,
            high=50,
        ),
        Param(
            "demo_points",
            3000,
            "points per sampler in the Algorithm 1 illustration",
            low=1,
            high=20000,
        ),
        Param(
            "demo_vertex_angle_deg",
            30.0,
            "dome of the Algorithm 1 illustration",
            unit="deg",
            low=0.001,
            high=180.0,
        ),
    ),
    (
        Constraint(
            (
                "ground_density_per_km2",
                "air_density_per_km2",
                "meo_alt_km",
                "freq_ghz",
                "satellite_diameter_m",
                "aerial_diameter_m",
                "kappa_deg",
            ),
            f"a mean of at most {MAX_SCENE_NODES:,} nodes drawn for Fig. 4(a) "
            "(densities times 1.3 times the satellite's domes)",
            load=lambda v: expected_draws(v)["uplink_nodes"],
            limit=MAX_SCENE_NODES,
        ),
        Constraint(
            ("constellation_size", "air_density_per_km2", "air_alt_km", "min_elevation_deg"),
            f"a mean of at most {MAX_SCENE_NODES:,} nodes drawn for Fig. 4(b) "
            "(satellites plus aerial vehicles on 1.5 times the user's A2G dome)",
            load=lambda v: expected_draws(v)["downlink_nodes"],
            limit=MAX_SCENE_NODES,
        ),
        Constraint(
            ("constellation_size", "air_density_per_km2", "air_alt_km", "min_elevation_deg"),
            f"a mean of at most {MAX_S2A_PAIRS:,} S2A visibility tests in Fig. 4(b) "
            "(aerial vehicles the user sees times satellites)",
            load=lambda v: expected_draws(v)["s2a_pairs"],
            limit=MAX_S2A_PAIRS,
        ),
        Constraint(
            (
                "relay_air_densities_per_km2",
                "relay_realisations",
                "ground_density_per_km2",
                "meo_alt_km",
                "freq_ghz",
                "satellite_diameter_m",
                "kappa_deg",
            ),
            f"a mean of at most {MAX_SWEEP_NODES:,} nodes drawn by the relaying sweep "
            "(realisations times the nodes of every scene)",
            load=lambda v: expected_draws(v)["sweep_nodes"],
            limit=MAX_SWEEP_NODES,
        ),
    ),
)


def _direction(lat_deg: float, lon_deg: float) -> tuple[float, float]:
    az, pol = latlon_deg_to_direction_rad(lat_deg, lon_deg)
    return float(az), float(pol)


def uplink_parameters(params: Mapping[str, Any]) -> dict[str, float]:
    """The keyword arguments of :func:`~sagin_lib.sampling.scenes.uplink_scene` (SI units, radians).

    Everything but the aerial density and the generator, as
    :func:`~sagin_lib.sampling.scenes.relay_sweep` takes them too.
    """
    az, pol = _direction(params["satellite_lat_deg"], params["satellite_lon_deg"])
    return {
        "sat_alt_km": float(params["meo_alt_km"]),
        "air_alt_km": float(params["air_alt_km"]),
        "freq_hz": params["freq_ghz"] * 1e9,
        "satellite_diameter_m": float(params["satellite_diameter_m"]),
        "aerial_diameter_m": float(params["aerial_diameter_m"]),
        "kappa_rad": math.radians(params["kappa_deg"]),
        "ground_density_per_km2": float(params["ground_density_per_km2"]),
        "center_azimuth_rad": az,
        "center_polar_rad": pol,
    }


# --- drawing helpers ---------------------------------------------------------------------


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


def _inner_area_share(vertex_angle_rad: float) -> float:
    """Share of a dome's area within half its vertex angle, ``sin^2(phi/4) / sin^2(phi/2)``."""
    return math.sin(vertex_angle_rad / 4) ** 2 / math.sin(vertex_angle_rad / 2) ** 2


def _ground_cap_rad(up: UplinkScene) -> float:
    g2s, a2s, g2a = (up.domes[k] for k in ("G2S", "A2S", "G2A"))
    return min(
        UPLINK_REGION_FACTOR
        * max(g2s.vertex_angle_rad, a2s.vertex_angle_rad + g2a.vertex_angle_rad),
        math.pi,
    )


# --- Algorithm 1: the two samplers --------------------------------------------------------


def demo_samples(
    n: int, vertex_angle_rad: float, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """``n`` points from each sampler on a dome around the north pole of the Earth's sphere.

    Draws with ``rng`` in a fixed order: the area-uniform sampler first, then
    the polar-uniform (wrong) one.
    """
    return {
        DEMO_SAMPLERS[0]: sample_dome(n, Dome(0.0, vertex_angle_rad), rng=rng),
        DEMO_SAMPLERS[1]: polar_uniform_dome(n, Dome(0.0, vertex_angle_rad), rng=rng),
    }


def demo_table(samples: Mapping[str, np.ndarray], vertex_angle_rad: float) -> pd.DataFrame:
    """Tidy table of the demonstration: one row per point, both samplers.

    Columns ``sampler``, ``x_km``, ``y_km``, ``z_km``, ``azimuth_deg`` and
    ``area_fraction`` (``(1 - cos(polar)) / (1 - cos(phi))``, uniform for an
    area-uniform sampler).
    """
    rows = []
    for name, xyz in samples.items():
        azimuth, fraction = dome_frame_coordinates(xyz, Dome(0.0, vertex_angle_rad))
        rows.append(
            pd.DataFrame(
                {
                    "sampler": name,
                    "x_km": xyz[:, 0],
                    "y_km": xyz[:, 1],
                    "z_km": xyz[:, 2],
                    "azimuth_deg": np.degrees(azimuth),
                    "area_fraction": fraction,
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


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


def demo_claims(table: pd.DataFrame, vertex_angle_rad: float) -> list[Claim]:
    """The two sampler claims: the right share inside ``phi/2``, and the wrong sampler's crowding.

    The number of points inside half the vertex angle is binomial: its share
    has standard error ``sqrt(p (1 - p) / n)`` with ``p`` the area share of the
    inner dome. The area-uniform share must lie within 4 standard errors of
    ``p``; the polar-uniform share (whose expectation is exactly 1/2) must
    exceed ``p`` by more than 4 standard errors. When the expected excess
    ``1/2 - p`` is below 8 standard errors, too few points are drawn for the
    test to tell the samplers apart, and the second claim is not applicable.
    """
    p = _inner_area_share(vertex_angle_rad)
    share = {
        name: float((table.loc[table["sampler"] == name, "area_fraction"] <= p).mean())
        for name in DEMO_SAMPLERS
    }
    n = int((table["sampler"] == DEMO_SAMPLERS[0]).sum())
    se = math.sqrt(p * (1 - p) / n)
    angle = f"{math.degrees(vertex_angle_rad):g}-degree dome"
    right, wrong = share[DEMO_SAMPLERS[0]], share[DEMO_SAMPLERS[1]]
    excess = 0.5 - p
    powered = excess > 2 * N_SIGMA * se
    return [
        claim(
            "sampling-area-uniform-share",
            "The area-uniform sampler (cos theta uniform on [cos phi, 1]) puts the area share "
            "of its points inside half the vertex angle, within 4 binomial standard errors.",
            ALGORITHM_CHECK,
            abs(right - p) <= N_SIGMA * se,
            f"{right:.4f} of {n:,} points inside phi/2 on a {angle}, against an area share of "
            f"{p:.4f}; the band is 4 binomial standard errors ({N_SIGMA * se:.4f}).",
            kind="check",
        ),
        claim(
            "sampling-polar-uniform-crowds-centre",
            "The polar-uniform sampler (theta uniform on [0, phi], the tempting error) puts "
            "more than the area share of its points inside half the vertex angle, by more than "
            "4 binomial standard errors: it crowds the dome centre.",
            ALGORITHM_CHECK,
            (wrong - p > N_SIGMA * se) if powered else None,
            f"{wrong:.4f} of {n:,} points inside phi/2 on a {angle}, against an area share of "
            f"{p:.4f} (this sampler's expectation is 0.5); "
            + (
                f"4 binomial standard errors are {N_SIGMA * se:.4f}."
                if powered
                else f"the expected excess {excess:.4f} is below 8 standard errors "
                f"({2 * N_SIGMA * se:.4f}): too few points, or a dome too wide, to tell the "
                "samplers apart by this share."
            ),
            kind="check",
        ),
    ]


# --- Fig. 4(a): the uplinks ---------------------------------------------------------------


def run_uplink(params: Mapping[str, Any], rng: np.random.Generator) -> UplinkScene:
    """One realisation of Fig. 4(a) under the chapter's parameters."""
    return uplink_scene(
        air_density_per_km2=float(params["air_density_per_km2"]),
        rng=rng,
        region_factor=UPLINK_REGION_FACTOR,
        **uplink_parameters(params),
    )


def dome_table(scene: UplinkScene | DownlinkScene) -> pd.DataFrame:
    """The domes of a scene: scenario, altitudes, vertex angle (rad, deg), area and arc radius."""
    table = pd.DataFrame(
        [
            {
                "scenario": key,
                "rx_alt_km": d.rx_alt_km,
                "tx_alt_km": d.tx_alt_km,
                "vertex_angle_rad": d.vertex_angle_rad,
                "area_km2": d.area_km2,
            }
            for key, d in scene.domes.items()
        ]
    )
    table["vertex_angle_deg"] = np.degrees(table["vertex_angle_rad"])
    table["arc_radius_km"] = [d.arc_radius_km for d in scene.domes.values()]
    return table


def dome_display(scene: UplinkScene | DownlinkScene, caption: str = "") -> Table:
    """The domes of a scene as the page shows them (:func:`dome_table`, formatted)."""
    table = dome_table(scene).drop(columns="vertex_angle_rad")
    return format_table(
        table[["scenario", "rx_alt_km", "tx_alt_km", "vertex_angle_deg", "area_km2",
               "arc_radius_km"]],
        headers={
            "rx_alt_km": "receiver alt. (km)",
            "tx_alt_km": "transmitter alt. (km)",
            "vertex_angle_deg": "φ (°)",
            "area_km2": "area (km²)",
            "arc_radius_km": "radius (km)",
        },
        caption=caption,
    )  # fmt: skip


def counts_display(scene: UplinkScene | DownlinkScene, caption: str = "") -> Table:
    """A scene's counts against their means, as the page shows them (folded: the prose quotes them)."""
    return format_table(
        scene.counts,
        headers={"count": "this realisation", "expected_count": "mean"},
        missing={
            "count": "no aerial vehicle to average over",
            "expected_count": "no closed form on this page",
        },
        caption=caption,
        fold_rows=0,
    )


def _receiver_row(xyz_km: np.ndarray, layer: str, frame: Dome, flags: dict) -> pd.DataFrame:
    return _node_table(np.asarray(xyz_km, dtype=float).reshape(1, 3), layer, frame).assign(**flags)


def uplink_data(up: UplinkScene) -> pd.DataFrame:
    """The data of Fig. 4(a): one row per node (:attr:`UplinkScene.nodes`).

    A realisation without any node (zero densities, or domes too small to
    hold one) is saved as the satellite receiver's row alone (layer
    ``"satellite"``), the one thing the figure then draws.
    """
    if len(up.nodes):
        return up.nodes
    flags = {"covered_by_satellite": False, "relay_aerial_count": 0}
    return _receiver_row(up.satellite_xyz_km, "satellite", up.domes["G2S"], flags)


def downlink_data(down: DownlinkScene, params: Mapping[str, Any]) -> pd.DataFrame:
    """The data of Fig. 4(b): one row per node (:attr:`DownlinkScene.nodes`).

    A realisation without any satellite or aerial vehicle is saved as the
    ground user's row alone (layer ``"user"``).
    """
    if len(down.nodes):
        return down.nodes
    flags = {
        "visible_from_user": False,
        "visible_from_aerial": False,
        "visible_from_all_aerial": False,
    }
    return _receiver_row(down.user_xyz_km, "user", down.domes["S2G"], flags)


def _poisson_check(label: str, count: float, mean: float) -> tuple[bool, str]:
    ok = abs(count - mean) <= N_SIGMA * math.sqrt(mean) + 1.0
    return ok, f"{label}: {count:,.0f} (mean {mean:,.4g})"


def _relay_links_variance(up: UplinkScene, lam_g: float, lam_a: float, air_alt_km: float) -> float:
    """Approximate variance of the relayed-link count of one scene.

    With ``m_a = lam_a |A2S|`` covered aerial vehicles (Poisson), each with
    ``lam_g |G2A|`` ground nodes on average, and ``mu = lam_a |G2A'|`` aerial
    vehicles hearing a given ground node (G2A cap on the aerial sphere),
    ``Var = m_a lam_g |G2A| (1 + lam_g |G2A| + mu)`` (compound Poisson, rim
    effects neglected).
    """
    g2a, a2s = up.domes["G2A"], up.domes["A2S"]
    per_air = lam_g * g2a.area_km2
    mu = lam_a * _cap_km2(air_alt_km, g2a.vertex_angle_rad)
    return lam_a * a2s.area_km2 * per_air * (1.0 + per_air + mu)


def uplink_claims(up: UplinkScene, params: Mapping[str, Any]) -> list[Claim]:
    """Claims of Fig. 4(a): counts against their means, the G2A dome tiny, G2S slightly above A2S."""
    g2s, a2s, g2a = (up.domes[k] for k in ("G2S", "A2S", "G2A"))
    counts = up.counts.set_index("quantity")
    lam_g, lam_a = params["ground_density_per_km2"], params["air_density_per_km2"]
    checks = [
        _poisson_check(
            "ground nodes in G2S",
            counts.at["ground nodes in the G2S dome", "count"],
            lam_g * g2s.area_km2,
        ),
        _poisson_check(
            "aerial vehicles in A2S",
            counts.at["aerial vehicles in the A2S dome", "count"],
            lam_a * a2s.area_km2,
        ),
    ]
    links = float(counts.at["relayed links ground-air-satellite", "count"])
    links_mean = float(counts.at["relayed links ground-air-satellite", "expected_count"])
    links_sd = math.sqrt(_relay_links_variance(up, lam_g, lam_a, params["air_alt_km"]))
    checks.append(
        (
            abs(links - links_mean) <= N_SIGMA * links_sd + 1.0,
            f"relayed links: {links:,.0f} (mean {links_mean:.4g}, sd {links_sd:.3g})",
        )
    )
    excess = g2s.area_km2 / a2s.area_km2 - 1.0
    ratio = g2a.area_km2 / a2s.area_km2
    return [
        claim(
            "sampling-uplink-counts-agree",
            "The counts of Fig. 4(a) (ground nodes in the G2S dome, aerial vehicles in the A2S "
            "dome, relayed links) agree with their means within 4 standard deviations plus one "
            "node.",
            f"{STUDY}; {PAPER}, Sec. IV-B, Fig. 4(a)",
            all(ok for ok, _ in checks),
            "; ".join(text for _, text in checks)
            + ". Poisson standard deviations; the compound variance for the links.",
            kind="check",
        ),
        claim(
            "sampling-g2a-dome-tiny",
            "An aerial vehicle's coverage region on the ground (G2A) is much smaller than the "
            "satellite's (read here: below a thousandth of the A2S dome's area).",
            f"{PAPER}, Sec. IV-B, Fig. 4(a)",
            ratio < TINY_FRACTION,
            f"G2A {g2a.area_km2:.4g} km^2 against A2S {a2s.area_km2:.4g} km^2: a ratio of "
            f"{ratio:.3g}.",
            kind="source",
        ),
        claim(
            "sampling-g2s-slightly-larger-than-a2s",
            "The satellite's G2S dome on the ground is slightly larger than its A2S dome on the "
            "air layer (read here: by less than 10 % of the area).",
            f"{PAPER}, Sec. IV-B, Fig. 4(a) (and Sec. III-B for G2S against A2S)",
            0.0 < excess < SLIGHT_EXCESS,
            f"G2S {g2s.area_km2:,.6g} km^2 against A2S {a2s.area_km2:,.6g} km^2: larger by "
            f"{100 * excess:.3g} %.",
            kind="source",
        ),
    ]


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
        ax.scatter(
            sel["local_x_km"],
            sel["local_y_km"],
            sel["local_up_km"],
            s=size,
            color=colour,
            label=f"{label} ({len(sel):,})",
            depthshade=False,
            marker="o" if layer == "ground" else "^",
        )
    relayed = n[n["relay_aerial_count"] > 0]
    ax.scatter(
        relayed["local_x_km"],
        relayed["local_y_km"],
        relayed["local_up_km"],
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


def uplink_glue(up: UplinkScene, params: Mapping[str, Any]) -> dict[str, str]:
    """Numbers of the Fig. 4(a) prose, as text to glue."""
    g2s, a2s, g2a = (up.domes[k] for k in ("G2S", "A2S", "G2A"))
    counts = up.counts["count"]
    lam_g, lam_a = params["ground_density_per_km2"], params["air_density_per_km2"]
    return {
        "up_ground_count": f"{int(counts.iloc[0]):,}",
        "up_ground_mean": f"{g2s.area_km2 * lam_g:,.0f}",
        "up_air_count": f"{int(counts.iloc[1]):,}",
        "up_air_mean": f"{a2s.area_km2 * lam_a:,.0f}",
        "up_g2a_area": f"{g2a.area_km2:.3g}",
        "up_g2a_mean": f"{g2a.area_km2 * lam_g:.3g}",
        "up_g2s_across": f"{2 * dome_table(up).at[0, 'arc_radius_km']:,.0f}",
        "up_a2s_across": f"{2 * dome_table(up).at[1, 'arc_radius_km']:,.0f}",
        "up_g2a_across": f"{2 * dome_table(up).at[2, 'arc_radius_km']:.3g}",
        "up_g2s_excess": f"{100 * (g2s.area_km2 / a2s.area_km2 - 1):.2g}",
        "up_region_factor": f"{UPLINK_REGION_FACTOR:g}",
        "up_nodes_drawn": f"{len(up.nodes):,}",
    }


# --- the relaying sweep -------------------------------------------------------------------


def run_relay_sweep(params: Mapping[str, Any]) -> pd.DataFrame:
    """The relaying sweep of Fig. 4(a) under the chapter's parameters (its own seeded streams)."""
    return relay_sweep(
        params["relay_air_densities_per_km2"],
        n_realisations=int(params["relay_realisations"]),
        rng=int(params["seed"]),
        region_factor=RELAY_REGION_FACTOR,
        **uplink_parameters(params),
    )


def lambda_star_per_km2(up: UplinkScene) -> float:
    """The aerial density above which relayed links outnumber direct ones, ``|G2S| / (|A2S| |G2A|)``."""
    g2s, a2s, g2a = (up.domes[k] for k in ("G2S", "A2S", "G2A"))
    return g2s.area_km2 / (a2s.area_km2 * g2a.area_km2)


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


def relay_claims(sweep: pd.DataFrame, up: UplinkScene, params: Mapping[str, Any]) -> list[Claim]:
    """Claims of the relaying sweep: Monte Carlo against the closed form, the threshold, the bound.

    Each Monte Carlo mean of ``n`` scenes is compared with its exact mean
    within 4 standard errors, taking the larger of the sample standard error
    (when ``n >= 2``) and the model's (compound Poisson variance over ``n``),
    plus one link over ``n`` for the discreteness of small counts.
    """
    n = int(params["relay_realisations"])
    lam_g, air_alt = params["ground_density_per_km2"], params["air_alt_km"]
    lam_star = lambda_star_per_km2(up)
    dens = sweep["air_density_per_km2"].to_numpy()
    model_se = np.array([math.sqrt(_relay_links_variance(up, lam_g, d, air_alt) / n) for d in dens])
    sample_se = np.nan_to_num(sweep["relay_links_se"].to_numpy(), nan=0.0)
    se = np.maximum(model_se, sample_se)
    gap = (sweep["relay_links_mean"] - sweep["relay_links_theory"]).abs().to_numpy()
    agree = gap <= N_SIGMA * se + 1.0 / n
    worst = int(np.argmax(gap / (N_SIGMA * se + 1.0 / n)))

    direct = sweep["direct_count_theory"].to_numpy()
    direct_mc = sweep["direct_count_mean"].to_numpy()
    links_mc = sweep["relay_links_mean"].to_numpy()
    spread = N_SIGMA * np.hypot(se, np.sqrt(direct / n)) + 1.0 / n
    clear = np.abs(links_mc - direct_mc) > spread
    wins = links_mc > direct_mc
    above = dens > lam_star
    consistent = wins[clear] == above[clear]

    relayed = sweep["relayed_ground_nodes_mean"].to_numpy()
    limit = (1 + RELAY_RIM_ALLOWANCE) * direct_mc + N_SIGMA * np.sqrt(direct / n) + 1.0 / n
    bounded = relayed <= limit
    worst_b = int(np.argmax(relayed - limit))
    return [
        claim(
            "sampling-relay-links-agree",
            "The Monte Carlo mean of the relayed links agrees with its closed form "
            "lambda_a |A_A2S| lambda_g |A_G2A| within 4 standard errors at every aerial density "
            "of the sweep.",
            RELAY_CHECK,
            bool(agree.all()),
            f"{int(agree.sum())} of {len(dens)} densities within 4 standard errors ({n} scenes "
            f"each); the farthest at {dens[worst]:g} per km^2: {links_mc[worst]:.4g} against "
            f"{sweep['relay_links_theory'].iloc[worst]:.4g} (standard error {se[worst]:.3g}).",
            kind="check",
        ),
        claim(
            "sampling-relay-wins-above-threshold",
            "Relayed links outnumber the direct G2S nodes exactly when the aerial density "
            "exceeds lambda_a* = |A_G2S| / (|A_A2S| |A_G2A|).",
            RELAY_CHECK,
            bool(consistent.all()) if clear.any() else None,
            f"lambda_a* = {lam_star:.4g} per km^2. "
            + (
                f"At {int(clear.sum())} of {len(dens)} densities the Monte Carlo links and the "
                f"direct count differ by more than 4 standard errors; the larger one is on the "
                f"side of lambda_a* predicted at {int(consistent.sum())} of them."
                if clear.any()
                else "No density of the sweep separates the Monte Carlo links from the direct "
                "count by more than 4 standard errors, so the threshold is not tested."
            ),
            kind="check",
        ),
        claim(
            "sampling-relayed-nodes-bounded",
            "The distinct ground nodes reached through an aerial relay never outnumber the "
            "ground nodes under the satellite (allowing 10 % for relays straddling the G2S rim, "
            "plus 4 Poisson standard errors).",
            RELAY_CHECK,
            bool(bounded.all()),
            f"Closest to the bound: {relayed[worst_b]:.4g} distinct relayed nodes against "
            f"{direct_mc[worst_b]:.4g} direct (Monte Carlo means) at {dens[worst_b]:g} per "
            "km^2.",
            kind="check",
        ),
    ]


def relay_glue(sweep: pd.DataFrame, up: UplinkScene, params: Mapping[str, Any]) -> dict[str, str]:
    """Numbers of the relaying prose, as text to glue."""
    lam_star = lambda_star_per_km2(up)
    return {
        "relay_runs": f"{int(params['relay_realisations'])}",
        "relay_lambda_star": f"{lam_star:.3g}",
        "relay_air_at_star": f"{lam_star * up.domes['A2S'].area_km2:,.0f}",
        "relay_air_density": f"{params['air_density_per_km2']:g}",
        "relay_ratio": f"{params['air_density_per_km2'] / lam_star:.3g}",
    }


# --- Fig. 4(b): the downlinks -------------------------------------------------------------


def run_downlink(params: Mapping[str, Any], rng: np.random.Generator) -> DownlinkScene:
    """One realisation of Fig. 4(b) under the chapter's parameters."""
    az, pol = _direction(params["user_lat_deg"], params["user_lon_deg"])
    return downlink_scene(
        leo_alt_km=float(params["leo_alt_km"]),
        air_alt_km=float(params["air_alt_km"]),
        constellation_size=int(params["constellation_size"]),
        air_density_per_km2=float(params["air_density_per_km2"]),
        min_elevation_rad=math.radians(params["min_elevation_deg"]),
        center_azimuth_rad=az,
        center_polar_rad=pol,
        region_factor=DOWNLINK_REGION_FACTOR,
        rng=rng,
    )


def _coincidence_bound(down: DownlinkScene) -> float:
    """Lower bound of (common part) / (union) of the S2A domes of aerial vehicles in the A2G dome.

    Every such vehicle lies within the A2G angle ``a`` of the user, so its S2A
    dome (angle ``s``) contains the cap of angle ``s - a`` around the user and
    lies inside the cap of angle ``s + a``.
    """
    s = down.domes["S2A"].vertex_angle_rad
    a = down.domes["A2G"].vertex_angle_rad
    inner = math.sin(max(s - a, 0.0) / 2) ** 2
    outer = math.sin(min(s + a, math.pi) / 2) ** 2
    return inner / outer


def downlink_claims(down: DownlinkScene, params: Mapping[str, Any]) -> list[Claim]:
    """Claims of Fig. 4(b): counts against their means, the S2A domes nearly coincide."""
    counts = down.counts.set_index("quantity")
    rows = (
        ("satellites on the shell", "satellites on the shell"),
        ("satellites visible from the user (S2G)", "satellites in S2G"),
        ("aerial vehicles visible from the user (A2G)", "aerial vehicles in A2G"),
    )
    checks = [
        _poisson_check(label, float(counts.at[q, "count"]), float(counts.at[q, "expected_count"]))
        for q, label in rows
    ]
    bound = _coincidence_bound(down)
    n_air = int(down.air_visible_user.sum())
    seen = down.sat_visible_air
    realised = ""
    if n_air >= 2 and seen.any():
        all_seen, any_seen = int(seen.all(axis=0).sum()), int(seen.any(axis=0).sum())
        realised = (
            f" In this realisation {all_seen} of the {any_seen} satellites seen by any of the "
            f"{n_air} aerial vehicles are seen by all ({all_seen / any_seen:.0%})."
        )
    has_air = params["air_density_per_km2"] > 0
    s2a, a2g = down.domes["S2A"], down.domes["A2G"]
    return [
        claim(
            "sampling-downlink-counts-agree",
            "The counts of Fig. 4(b) (satellites on the shell, satellites in the user's S2G "
            "dome, aerial vehicles in its A2G dome) agree with their Poisson means within 4 "
            "standard deviations plus one node.",
            f"{STUDY}; {PAPER}, Sec. IV-B, Fig. 4(b)",
            all(ok for ok, _ in checks),
            "; ".join(text for _, text in checks) + ".",
            kind="check",
        ),
        claim(
            "sampling-s2a-domes-nearly-coincide",
            "The space-layer coverage regions (S2A domes) of the aerial vehicles around a ground "
            "user nearly coincide, since (i) the aerial vehicles are nearly a point next to "
            "their distance to the satellites (read here: the common part of the domes holds at "
            "least 70 % of their union).",
            f"{PAPER}, Sec. IV-B, Fig. 4(b)",
            bound >= COINCIDE_SHARE if has_air else None,
            (
                f"S2A dome {math.degrees(s2a.vertex_angle_rad):.3g} deg, A2G dome "
                f"{math.degrees(a2g.vertex_angle_rad):.3g} deg: the common part holds at least "
                f"{bound:.0%} of the union (geometric bound).{realised}"
            )
            if has_air
            else "No aerial vehicles (aerial density 0): there are no S2A domes to compare.",
            kind="source",
        ),
    ]


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
    ax3.scatter(
        hidden["local_x_km"],
        hidden["local_y_km"],
        hidden["local_up_km"],
        s=0.8,
        color=GREY,
        alpha=0.6,
        label="not visible",
    )
    vis = sats[sats["visible_from_user"]]
    ax3.scatter(
        vis["local_x_km"],
        vis["local_y_km"],
        vis["local_up_km"],
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

    ax_rims.scatter(
        vis["local_x_km"],
        vis["local_y_km"],
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
    ax_air.scatter(
        hidden_air["local_x_km"],
        hidden_air["local_y_km"],
        s=10,
        color=GREY,
        label="not visible",
    )
    ax_air.scatter(
        seen_air["local_x_km"],
        seen_air["local_y_km"],
        s=14,
        color=SCENARIO_COLORS["A2G"],
        label="in the A2G dome",
    )
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


def downlink_glue(down: DownlinkScene, params: Mapping[str, Any]) -> dict[str, str]:
    """Numbers of the Fig. 4(b) prose, as text to glue (a sentence for the aerial vehicles)."""
    counts = down.counts.set_index("quantity")
    sat_q = "satellites visible from the user (S2G)"
    n_air = int(down.air_visible_user.sum())
    seen = down.sat_visible_air
    per_air = seen.sum(axis=1)
    if n_air == 0:
        sentence = "With no aerial vehicle in view there are no S2A domes to compare here."
    elif n_air == 1:
        sentence = f"That aerial vehicle sees {int(per_air[0]):,} satellites."
    elif not seen.any():
        sentence = "None of them sees a satellite."
    else:
        all_seen, any_seen = int(seen.all(axis=0).sum()), int(seen.any(axis=0).sum())
        sentence = (
            f"Those see {int(per_air.min()):,} to {int(per_air.max()):,} satellites each; "
            f"{all_seen:,} of the {any_seen:,} satellites seen by any of them are seen by all "
            f"({all_seen / any_seen:.0%})."
        )
    return {
        "down_sat_total": f"{int(counts.at['satellites on the shell', 'count']):,}",
        "down_constellation": f"{int(params['constellation_size']):,}",
        "down_sat_count": f"{int(counts.at[sat_q, 'count']):,}",
        "down_sat_mean": f"{float(counts.at[sat_q, 'expected_count']):.1f}",
        "down_air_count": f"{n_air:,}",
        "down_air_sentence": sentence,
        "down_coincide_bound": f"{_coincidence_bound(down):.0%}",
    }


# --- the paper's remarks on Fig. 4, computed ------------------------------------------------


def g2a_transmitters_claim(up: UplinkScene, params: Mapping[str, Any]) -> Claim:
    """The relaying remark of Fig. 4(a): the small G2A dome "can support ... even more transmitters".

    Under this page's densities the expected numbers are ``lambda_g |G2S|``
    ground transmitters under the satellite, ``lambda_g |G2A|`` in one aerial
    vehicle's G2A dome, ``lambda_a |A2S|`` aerial vehicles under the satellite
    and ``lambda_a |A2S| lambda_g |G2A|`` relayed links (the paper's
    ground-to-air-to-satellite count). The remark holds when one G2A dome, or
    the relayed count, reaches the direct G2S count; with the same ground
    density on both paths that happens only above the aerial density
    ``lambda_a*``. Not applicable without ground transmitters.
    """
    g2s, a2s, g2a = (up.domes[k].area_km2 for k in ("G2S", "A2S", "G2A"))
    lam_g, lam_a = params["ground_density_per_km2"], params["air_density_per_km2"]
    direct, per_g2a = lam_g * g2s, lam_g * g2a
    n_air = lam_a * a2s
    relayed = n_air * per_g2a
    lam_star = lambda_star_per_km2(up)
    supports = per_g2a >= direct or relayed >= direct
    if lam_g > 0:
        evidence = (
            f"Expected counts at {lam_g:g} ground and {lam_a:g} aerial transmitters per km^2: "
            f"{per_g2a:.3g} in one G2A dome (of {g2a:.4g} km²) against {direct:.4g} in the "
            f"satellite's G2S dome (of {g2s:.4g} km²); counted as the paper counts them, the "
            f"{n_air:.4g} aerial vehicles of the A2S dome relay {relayed:.4g} links, "
            f"{relayed / direct:.3g} of the direct count. The relayed count reaches the direct "
            f"one only above lambda_a* = {lam_star:.4g} per km^2 ("
            + (f"{lam_star / lam_a:.3g} times this density" if lam_a > 0 else
               "no aerial vehicles here")
            + f"); one G2A dome would need a ground density {g2s / g2a:.3g} times higher under "
            "the aerial vehicle."
        )  # fmt: skip
    else:
        evidence = "No ground transmitters (ground density 0): there is nothing to support."
    return claim(
        "sampling-g2a-supports-more-transmitters",
        "An aerial vehicle's G2A dome, though much smaller than the satellite's G2S dome, "
        '"can support the equal and even more transmitters": the aerial vehicles in the A2S '
        "dome times the ground transmitters in one G2A dome reach at least the direct "
        "ground-to-satellite count.",
        f"{PAPER}, Sec. IV-B, Fig. 4(a)",
        supports if lam_g > 0 else None,
        evidence,
        kind="source",
    )


#: Minimum elevations of the reason-(ii) sweep (deg), the range of ``min_elevation_deg``.
ELEVATION_SWEEP_DEG = np.linspace(0.0, 80.0, 161)

#: Which receivers' minimum elevation the reason-(ii) sweep varies.
ELEVATION_VARIED = (
    "the aerial receivers' elevation (S2A)",
    "the ground user's elevation (A2G)",
    "both elevations",
)


def common_share(s2a_vertex_angle_rad: ArrayLike, a2g_vertex_angle_rad: ArrayLike) -> np.ndarray:
    """Share of the union of all possible S2A domes that is common to all of them.

    The aerial vehicles a ground user sees lie within its A2G angle ``a``; each
    has an S2A dome of angle ``s`` around its own direction. Over every position
    within ``a`` their common part is the cap of angle ``s - a`` (empty if
    ``s <= a``) and their union the cap of angle ``s + a``, so the share is
    ``sin^2((s - a) / 2) / sin^2((s + a) / 2)`` (capped at the whole sphere).

    Parameters
    ----------
    s2a_vertex_angle_rad, a2g_vertex_angle_rad : array_like
        Vertex angles of the S2A and A2G domes, rad, in ``(0, pi)``.

    Returns
    -------
    numpy.ndarray
        The share, in ``[0, 1)``, broadcast over the inputs.
    """
    s = np.asarray(s2a_vertex_angle_rad, dtype=float)
    a = np.asarray(a2g_vertex_angle_rad, dtype=float)
    inner = np.sin(np.maximum(s - a, 0.0) / 2) ** 2
    outer = np.sin(np.minimum(s + a, np.pi) / 2) ** 2
    return inner / outer


def aerial_elevation_table(params: Mapping[str, Any]) -> pd.DataFrame:
    """The share common to the S2A domes against the minimum elevation of the receivers.

    Three sweeps over :data:`ELEVATION_SWEEP_DEG`: the aerial receivers' minimum
    elevation (S2A) with the ground user's at ``min_elevation_deg``, the user's
    (A2G) with the aerial receivers' at ``min_elevation_deg``, and both together
    (this page's single minimum elevation). LEO shell and aerial layer as in
    Fig. 4(b).
    """
    leo, air = float(params["leo_alt_km"]), float(params["air_alt_km"])
    sweep = ELEVATION_SWEEP_DEG
    fixed = np.full_like(sweep, float(params["min_elevation_deg"]))
    frames = []
    for varied, aerial_deg, user_deg in zip(
        ELEVATION_VARIED, (sweep, fixed, sweep), (fixed, sweep, sweep), strict=True
    ):
        s = coverage_dome("S2A", rx_alt_km=air, tx_alt_km=leo,
                          min_elevation_rad=np.radians(aerial_deg)).vertex_angle_rad  # fmt: skip
        a = coverage_dome("A2G", rx_alt_km=0.0, tx_alt_km=air,
                          min_elevation_rad=np.radians(user_deg)).vertex_angle_rad  # fmt: skip
        frames.append(
            pd.DataFrame(
                {
                    "varied": varied,
                    "swept_min_elev_deg": sweep,
                    "aerial_min_elev_deg": aerial_deg,
                    "user_min_elev_deg": user_deg,
                    "leo_alt_km": leo,
                    "air_alt_km": air,
                    "s2a_vertex_angle_deg": np.degrees(s),
                    "a2g_vertex_angle_deg": np.degrees(a),
                    "common_share": common_share(s, a),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def _share_at(rows: pd.DataFrame, elev_deg: float) -> float:
    return float(np.interp(elev_deg, rows["swept_min_elev_deg"], rows["common_share"]))


def aerial_min_elevation_claim(table: pd.DataFrame, params: Mapping[str, Any]) -> Claim:
    """Reason (ii) of Fig. 4(b): a large minimum elevation at the aerial receivers, computed.

    The paper's reason holds when the share of the S2A domes' union common to
    all of them does not fall as the aerial receivers' minimum elevation rises
    (the ground user's fixed at ``min_elevation_deg``); not applicable when the
    domes share no point even at 0 deg.
    """
    by = {v: rows for v, rows in table.groupby("varied", sort=False)}
    aerial = by[ELEVATION_VARIED[0]]["common_share"].to_numpy()
    here = float(params["min_elevation_deg"])
    applicable = aerial[0] > 0
    falls = bool(np.all(np.diff(aerial) <= 0) and aerial[-1] < aerial[0])
    zero_from = by[ELEVATION_VARIED[0]].loc[
        by[ELEVATION_VARIED[0]]["common_share"] <= 0, "swept_min_elev_deg"
    ]

    def line(varied: str) -> str:
        rows = by[varied]
        return (
            f"{_share_at(rows, 0.0):.0%} at 0 deg, {_share_at(rows, here):.0%} at {here:g} deg, "
            f"{_share_at(rows, 60.0):.0%} at 60 deg"
        )

    rises = not falls
    return claim(
        "sampling-aerial-min-elevation",
        'Reason (ii) for the nearly coinciding S2A domes of Fig. 4(b): "the large elevation '
        'angle chosen in aerial vehicles", i.e. a larger minimum elevation at the aerial '
        "receivers makes their S2A domes coincide more.",
        f"{PAPER}, Sec. IV-B, Fig. 4(b)",
        rises if applicable else None,
        (
            f"Share of the union of the S2A domes common to all of them, for aerial vehicles "
            f"within the user's A2G dome (LEO {params['leo_alt_km']:g} km, aerial layer "
            f"{params['air_alt_km']:g} km). Raising the aerial receivers' minimum elevation "
            f"(the user's at {here:g} deg) shrinks their S2A domes while their spread stays: "
            f"{line(ELEVATION_VARIED[0])}"
            + (f" (none from {zero_from.iloc[0]:g} deg)" if len(zero_from) else "")
            + f". Raising the user's instead shrinks the spread (its A2G dome): "
            f"{line(ELEVATION_VARIED[1])}; raising both: {line(ELEVATION_VARIED[2])}. "
            + (
                "The coincidence comes from reason (i); a larger elevation helps only through "
                "the ground user's A2G dome."
                if falls
                else "Here the share does not fall with the aerial receivers' elevation."
            )
        )
        if applicable
        else "The S2A domes of the aerial vehicles the user may see have no common part even "
        "at 0 deg minimum elevation (A2G angle at least the S2A angle): nothing to compare.",
        kind="source",
    )


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


def remarks_glue(up: UplinkScene, params: Mapping[str, Any]) -> dict[str, str]:
    """Numbers of the prose on the paper's Fig. 4 remarks, as text to glue."""
    g2s, a2s, g2a = (up.domes[k].area_km2 for k in ("G2S", "A2S", "G2A"))
    lam_g, lam_a = params["ground_density_per_km2"], params["air_density_per_km2"]
    rows = aerial_elevation_table(params)
    aerial = rows[rows["varied"] == ELEVATION_VARIED[0]]
    user = rows[rows["varied"] == ELEVATION_VARIED[1]]
    here = float(params["min_elevation_deg"])
    return {
        "g2a_per_dome": f"{lam_g * g2a:.3g}",
        "g2s_direct": f"{lam_g * g2s:,.0f}",
        "g2a_relayed": f"{lam_a * a2s * lam_g * g2a:.3g}",
        "g2a_area_factor": f"{g2s / g2a:,.0f}",
        "elev_here": f"{here:g}",
        "share_here": f"{_share_at(aerial, here):.0%}",
        "share_aerial_60": f"{_share_at(aerial, 60.0):.0%}",
        "share_user_60": f"{_share_at(user, 60.0):.0%}",
    }


# --- the chapter as a whole ---------------------------------------------------------------


def uav_g2a_dome(params: Mapping[str, Any]) -> dict[str, str]:
    """The G2A dome of the aerial dish at a UAV's altitude: diameter (m) and vertex angle (rad), as text."""
    dome = coverage_dome(
        "G2A",
        rx_alt_km=UAV_ALT_KM,
        tx_alt_km=0.0,
        freq_hz=params["freq_ghz"] * 1e9,
        diameter_m=params["aerial_diameter_m"],
        kappa_rad=math.radians(params["kappa_deg"]),
    )
    return {
        "uav_alt_km": f"{UAV_ALT_KM:g}",
        "uav_g2a_across_m": f"{2000 * float(dome.arc_radius_km):.3g}",
        "uav_g2a_angle_rad": f"{float(dome.vertex_angle_rad):.1e}",
    }


def intro_glue(params: Mapping[str, Any]) -> dict[str, str]:
    """Numbers of the introduction and of the Algorithm 1 section, as text to glue."""
    return {
        **uav_g2a_dome(params),
        "aerial_dish_m": f"{params['aerial_diameter_m']:g}",
        "air_alt": f"{params['air_alt_km']:g}",
        "freq": f"{params['freq_ghz']:g}",
        "demo_angle": f"{params['demo_vertex_angle_deg']:g}",
    }


def chapter_claims(
    demo: pd.DataFrame,
    up: UplinkScene,
    sweep: pd.DataFrame,
    down: DownlinkScene,
    params: Mapping[str, Any],
) -> list[Claim]:
    """Every claim of the chapter, in reading order."""
    angle = math.radians(params["demo_vertex_angle_deg"])
    return [
        *demo_claims(demo, angle),
        *uplink_claims(up, params),
        *relay_claims(sweep, up, params),
        g2a_transmitters_claim(up, params),
        *downlink_claims(down, params),
        aerial_min_elevation_claim(aerial_elevation_table(params), params),
    ]
