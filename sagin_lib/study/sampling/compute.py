"""The sampling chapter's computations: the demonstration samples, the scenes of Fig. 4, the relaying sweep and the remarks' domes.

The random draws follow the order of the chapter: one generator seeded with
``seed`` draws the two demonstration samples, then the uplink scene, then the
downlink scene; the relaying sweep has its own streams spawned from ``seed``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from sagin_lib.model.constants import UAV_ALT_KM
from sagin_lib.model.coverage import coverage_dome
from sagin_lib.model.dome import Dome
from sagin_lib.model.sphere import latlon_deg_to_direction_rad
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

from .spec import DOWNLINK_REGION_FACTOR, RELAY_REGION_FACTOR, UPLINK_REGION_FACTOR

__all__ = [
    "DEMO_SAMPLERS",
    "ELEVATION_SWEEP_DEG",
    "ELEVATION_VARIED",
    "aerial_elevation_table",
    "common_share",
    "demo_samples",
    "demo_table",
    "dome_table",
    "run_downlink",
    "run_relay_sweep",
    "run_uplink",
    "uplink_data",
    "downlink_data",
    "uplink_parameters",
]


#: The share of the union of the aerial vehicles' S2A domes that their common
#: part must hold for the domes to "nearly coincide".
COINCIDE_SHARE = 0.7

DEMO_SAMPLERS: tuple[str, str] = ("area-uniform", "polar-uniform (wrong)")


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


def _inner_area_share(vertex_angle_rad: float) -> float:
    """Share of a dome's area within half its vertex angle, ``sin^2(phi/4) / sin^2(phi/2)``."""
    return math.sin(vertex_angle_rad / 4) ** 2 / math.sin(vertex_angle_rad / 2) ** 2


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
