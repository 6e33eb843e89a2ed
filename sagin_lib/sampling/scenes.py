"""The two node-distribution scenes of Fig. 4 of the coverage paper, as data.

* :func:`uplink_scene` (Fig. 4a): one satellite receiver; Poisson ground and
  aerial transmitters; who is covered in the G2S and A2S domes, and the
  ground-to-air-to-satellite relaying count.
* :func:`downlink_scene` (Fig. 4b): one ground user; a Poisson LEO shell of a
  given constellation size and Poisson aerial vehicles; visible satellites in
  the S2G dome, aerial vehicles in the A2G dome, and the S2A domes of those
  aerial vehicles, which nearly coincide.
* :func:`relay_sweep`: the relaying count against the aerial density, by
  Monte Carlo and in closed form.

Densities are per km^2 of the sphere the nodes live on. The domes of a scene
are :class:`~sagin_lib.model.dome.Dome` values (from
:func:`~sagin_lib.model.coverage.coverage_dome`) centred on the scene's
receiver. Every function is deterministic in its ``rng`` (see
:mod:`sagin_lib._random`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from sagin_lib._checks import FloatArray, check_count
from sagin_lib._random import RngLike, as_generator, as_seed_sequence, child_seed_sequence
from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.coverage import coverage_dome, dome_area_km2
from sagin_lib.model.dome import Dome
from sagin_lib.model.sphere import (
    cartesian_to_latlon_deg,
    cartesian_to_spherical,
    direction_xyz,
    in_dome,
    to_dome_frame,
)
from sagin_lib.sampling.area_uniform import ppp_dome

__all__ = [
    "DownlinkScene",
    "UplinkScene",
    "downlink_scene",
    "relay_sweep",
    "uplink_scene",
]


def _scene_generator(region_factor: float, rng: RngLike) -> np.random.Generator:
    """Check the region factor of a scene (>= 1) and normalise its ``rng``."""
    if not region_factor >= 1.0:
        raise ValueError(f"region_factor must be >= 1; got {region_factor!r}")
    return as_generator(rng)


def _dome(key: str, rx: float, tx: float, center: tuple[float, float], **kwargs: float) -> Dome:
    """The coverage dome of a scenario, centred on the scene's receiver."""
    return coverage_dome(key, rx_alt_km=rx, tx_alt_km=tx, **kwargs).centred_at(*center)


def _region(
    density_per_km2: float, alt_km: float, angle_rad: float, like: Dome, rng: np.random.Generator
) -> FloatArray:
    """A PPP on the cap of ``angle_rad`` (at most pi) around the centre of ``like``."""
    cap = Dome(alt_km, min(angle_rad, math.pi), like.center_azimuth_rad, like.center_polar_rad)
    return ppp_dome(density_per_km2, cap, rng=rng)


def _covered(xyz: FloatArray, dome: Dome) -> np.ndarray:
    """Which nodes lie in the dome (an empty mask for no nodes)."""
    return in_dome(xyz, dome) if len(xyz) else np.zeros(0, bool)


def _node_table(xyz: FloatArray, layer: str, frame: Dome) -> pd.DataFrame:
    """One row per node: Earth-centred, geographic and ``frame``'s dome-frame coordinates."""
    lat, lon, alt = cartesian_to_latlon_deg(xyz) if len(xyz) else ([], [], [])
    centre = (frame.center_azimuth_rad, frame.center_polar_rad)
    local = to_dome_frame(xyz, *centre) if len(xyz) else xyz
    return pd.DataFrame(
        {
            "layer": layer,
            "x_km": xyz[:, 0],
            "y_km": xyz[:, 1],
            "z_km": xyz[:, 2],
            "lat_deg": np.asarray(lat, dtype=float),
            "lon_deg": np.asarray(lon, dtype=float),
            "alt_km": np.round(np.asarray(alt, dtype=float), 9),
            "local_x_km": local[:, 0],
            "local_y_km": local[:, 1],
            "local_up_km": local[:, 2] - EARTH_RADIUS_KM,
        }
    )


def _pairs_within(a: FloatArray, b: FloatArray, angle_rad: float) -> FloatArray:
    """For each point of ``a``, how many points of ``b`` lie within a central angle.

    Both sets are projected on the unit sphere, where the chord
    ``2 sin(angle / 2)`` selects the same pairs as the angle.
    """
    if len(a) == 0 or len(b) == 0:
        return np.zeros(len(a))
    ua = a / np.linalg.norm(a, axis=1, keepdims=True)
    ub = b / np.linalg.norm(b, axis=1, keepdims=True)
    hits = cKDTree(ub).query_ball_point(ua, 2.0 * math.sin(0.5 * angle_rad), return_length=True)
    return np.asarray(hits, dtype=float)


@dataclass(frozen=True)
class UplinkScene:
    """One realisation of Fig. 4(a).

    Attributes
    ----------
    domes : dict of Dome
        ``"G2S"``, ``"A2S"`` and ``"G2A"`` (the dome on the ground of an
        aerial vehicle), all centred below the satellite.
    satellite_xyz_km : numpy.ndarray
        The receiver, shape (3,).
    ground_xyz_km, air_xyz_km : numpy.ndarray
        Transmitters drawn on a region ``region_factor`` times wider than the
        domes, so that the figure shows covered and uncovered nodes.
    ground_in_g2s, air_in_a2s : numpy.ndarray of bool
        Coverage by the satellite.
    ground_relay_count : numpy.ndarray
        For each ground node, the number of aerial vehicles of the A2S dome
        whose G2A dome covers it; the sum is the number of relayed links.
    counts : pandas.DataFrame
        ``quantity``, ``count`` (this realisation) and ``expected_count``.

    The per-node table :attr:`nodes` is built on first use.
    """

    domes: dict[str, Dome]
    satellite_xyz_km: FloatArray
    ground_xyz_km: FloatArray
    air_xyz_km: FloatArray
    ground_in_g2s: np.ndarray
    air_in_a2s: np.ndarray
    ground_relay_count: FloatArray
    counts: pd.DataFrame

    @cached_property
    def nodes(self) -> pd.DataFrame:
        """One row per node: coordinates (Earth-centred, geographic, dome frame) and flags."""
        frame = self.domes["G2S"]
        return pd.concat(
            [
                _node_table(self.ground_xyz_km, "ground", frame).assign(
                    covered_by_satellite=self.ground_in_g2s,
                    relay_aerial_count=self.ground_relay_count.astype(int),
                ),
                _node_table(self.air_xyz_km, "air", frame).assign(
                    covered_by_satellite=self.air_in_a2s, relay_aerial_count=0
                ),
            ],
            ignore_index=True,
        )


def uplink_scene(
    *,
    sat_alt_km: float,
    air_alt_km: float,
    freq_hz: float,
    satellite_diameter_m: float,
    aerial_diameter_m: float,
    kappa_rad: float,
    ground_density_per_km2: float,
    air_density_per_km2: float,
    center_azimuth_rad: float,
    center_polar_rad: float,
    region_factor: float = 1.3,
    rng: RngLike = None,
) -> UplinkScene:
    """Fig. 4(a): the three uplinks around one satellite receiver.

    Parameters
    ----------
    sat_alt_km, air_alt_km : float
        Altitudes of the satellite receiver and of the aerial layer, km.
    freq_hz, satellite_diameter_m, aerial_diameter_m, kappa_rad : float
        Uplink antenna parameters (eq. 1): the satellite's dish for G2S and
        A2S, the aerial vehicles' dish for G2A.
    ground_density_per_km2, air_density_per_km2 : float
        PPP intensities of ground and aerial transmitters.
    center_azimuth_rad, center_polar_rad : float
        Direction of the satellite (sub-satellite point).
    region_factor : float, optional
        Nodes are drawn on caps this many times wider than the domes, >= 1.
    rng : int, numpy.random.SeedSequence, numpy.random.Generator or None, optional
        Source of randomness: the ground nodes are drawn first, then the aerial
        vehicles.

    Returns
    -------
    UplinkScene
    """
    generator = _scene_generator(region_factor, rng)
    up = {"freq_hz": freq_hz, "kappa_rad": kappa_rad}
    centre = (center_azimuth_rad, center_polar_rad)
    g2s = _dome("G2S", sat_alt_km, 0.0, centre, diameter_m=satellite_diameter_m, **up)
    a2s = _dome("A2S", sat_alt_km, air_alt_km, centre, diameter_m=satellite_diameter_m, **up)
    g2a = _dome("G2A", air_alt_km, 0.0, centre, diameter_m=aerial_diameter_m, **up)
    widest = max(g2s.vertex_angle_rad, a2s.vertex_angle_rad + g2a.vertex_angle_rad)
    ground = _region(ground_density_per_km2, 0.0, region_factor * widest, g2s, generator)
    air = _region(
        air_density_per_km2, air_alt_km, region_factor * a2s.vertex_angle_rad, a2s, generator
    )
    ground_in = _covered(ground, g2s)
    air_in = _covered(air, a2s)
    # Pairs (ground node, covered aerial vehicle) within the G2A angle, counted per
    # ground node: querying the few ground nodes against the many aerial vehicles is fast.
    relay_count = _pairs_within(ground, air[air_in], g2a.vertex_angle_rad)
    n_links = int(relay_count.sum())
    n_air_in = int(air_in.sum())
    sat = (EARTH_RADIUS_KM + sat_alt_km) * direction_xyz(*centre)
    expected_air = air_density_per_km2 * a2s.area_km2
    expected_per_air = ground_density_per_km2 * g2a.area_km2
    counts = pd.DataFrame(
        [
            (
                "ground nodes in the G2S dome",
                int(ground_in.sum()),
                ground_density_per_km2 * g2s.area_km2,
            ),
            ("aerial vehicles in the A2S dome", int(air_in.sum()), expected_air),
            (
                "ground nodes per G2A dome (mean over covered aerial vehicles)",
                n_links / n_air_in if n_air_in else math.nan,
                expected_per_air,
            ),
            (
                "relayed links ground-air-satellite",
                n_links,
                expected_air * expected_per_air,
            ),
            (
                "distinct ground nodes with an aerial relay",
                int(np.count_nonzero(relay_count)),
                math.nan,
            ),
        ],
        columns=["quantity", "count", "expected_count"],
    )
    return UplinkScene(
        {"G2S": g2s, "A2S": a2s, "G2A": g2a},
        sat,
        ground,
        air,
        ground_in,
        air_in,
        relay_count,
        counts,
    )


def relay_sweep(
    air_densities_per_km2: Sequence[float],
    *,
    n_realisations: int,
    rng: RngLike,
    **scene_parameters: float,
) -> pd.DataFrame:
    """The relaying count of Fig. 4(a) against the aerial density.

    For each aerial density, ``n_realisations`` independent scenes (the other
    parameters as in :func:`uplink_scene`, without ``air_density_per_km2``
    and ``rng``). The paper's rough count, aerial vehicles in the A2S dome
    times ground nodes per G2A dome, counts *links*: its mean is exactly
    ``lambda_a |A_A2S| lambda_g |A_G2A|`` (independence of the two layers),
    so it beats the direct G2S count when ``lambda_a |A_G2A| |A_A2S| > |A_G2S|``.
    The number of *distinct* ground nodes that have a relay saturates
    instead, near ``lambda_g |A_A2S'| (1 - exp(-lambda_a |A_G2A'|))`` with the
    primed areas taken on the other layer's sphere (ignoring the thin rim).

    Parameters
    ----------
    air_densities_per_km2 : sequence of float
        Aerial densities of the sweep, per km^2, at least one.
    n_realisations : int
        Scenes per density, >= 1. With a single scene the standard errors
        are undefined and reported as NaN.
    rng : int, numpy.random.SeedSequence, numpy.random.Generator or None
        Root of the randomness; density ``i`` draws its scenes from
        ``child_seed_sequence(root, i)``.
    **scene_parameters : float
        The other arguments of :func:`uplink_scene`.

    Returns
    -------
    pandas.DataFrame
        One row per aerial density: ``air_density_per_km2``, means and
        standard errors of ``direct_count``, ``relay_links`` and
        ``relayed_ground_nodes``, their closed forms (``*_theory``) and the
        ratio ``relay_to_direct_theory``.
    """
    if check_count("n_realisations", n_realisations) < 1:
        raise ValueError(f"n_realisations must be at least 1; got {n_realisations!r}")
    if len(air_densities_per_km2) == 0:
        raise ValueError("air_densities_per_km2 must hold at least one density")
    root = as_seed_sequence(rng)
    rows = []
    for index, lam_a in enumerate(air_densities_per_km2):
        generator = as_generator(child_seed_sequence(root, index))
        values = np.empty((n_realisations, 3))
        for k in range(n_realisations):
            scene = uplink_scene(air_density_per_km2=lam_a, rng=generator, **scene_parameters)
            values[k] = (
                scene.ground_in_g2s.sum(),
                scene.ground_relay_count.sum(),
                np.count_nonzero(scene.ground_relay_count),
            )
        mean = values.mean(axis=0)
        # One scene has no spread to measure: its standard errors are undefined (NaN).
        se = (
            values.std(axis=0, ddof=1) / math.sqrt(n_realisations)
            if n_realisations > 1
            else np.full(3, math.nan)
        )
        g2s, a2s, g2a = (scene.domes[k] for k in ("G2S", "A2S", "G2A"))
        lam_g = scene_parameters["ground_density_per_km2"]
        air_alt = scene_parameters["air_alt_km"]
        direct = lam_g * g2s.area_km2
        links = lam_a * a2s.area_km2 * lam_g * g2a.area_km2
        # A ground node in the A2S cone has a relay when an aerial vehicle is
        # within the G2A angle of it, i.e. in a cap of that angle on the air sphere.
        cap_air = float(dome_area_km2(air_alt, g2a.vertex_angle_rad))
        distinct = (
            lam_g * float(dome_area_km2(0.0, a2s.vertex_angle_rad)) * -math.expm1(-lam_a * cap_air)
        )
        rows.append(
            {
                "air_density_per_km2": float(lam_a),
                "direct_count_mean": mean[0],
                "direct_count_se": se[0],
                "relay_links_mean": mean[1],
                "relay_links_se": se[1],
                "relayed_ground_nodes_mean": mean[2],
                "relayed_ground_nodes_se": se[2],
                "direct_count_theory": direct,
                "relay_links_theory": links,
                "relayed_ground_nodes_theory": distinct,
                # links / direct = lambda_a |A2S| |G2A| / |G2S| whatever lambda_g: the
                # closed form keeps the ratio defined when there are no ground nodes.
                "relay_to_direct_theory": (
                    links / direct
                    if direct > 0
                    else lam_a * a2s.area_km2 * g2a.area_km2 / g2s.area_km2
                ),
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class DownlinkScene:
    """One realisation of Fig. 4(b).

    Attributes
    ----------
    domes : dict of Dome
        ``"S2G"`` and ``"A2G"`` (seen from the user) and ``"S2A"`` (seen from
        an aerial vehicle above the user), all centred on the user.
    user_xyz_km : numpy.ndarray
        The ground user, shape (3,).
    satellites_xyz_km : numpy.ndarray
        The whole LEO shell (a PPP on the sphere).
    air_xyz_km : numpy.ndarray
        Aerial vehicles drawn on a cap ``region_factor`` times the A2G dome.
    sat_visible_user : numpy.ndarray of bool
        Satellites in the user's S2G dome.
    air_visible_user : numpy.ndarray of bool
        Aerial vehicles in the user's A2G dome.
    sat_visible_air : numpy.ndarray of bool
        Shape (n_aerial_in_A2G, n_satellites): satellites in the S2A dome of
        each aerial vehicle that the user sees.
    counts : pandas.DataFrame
        ``quantity``, ``count`` and ``expected_count``.
    nodes : pandas.DataFrame
        One row per node, coordinates in the user's dome frame included.
    """

    domes: dict[str, Dome]
    user_xyz_km: FloatArray
    satellites_xyz_km: FloatArray
    air_xyz_km: FloatArray
    sat_visible_user: np.ndarray
    air_visible_user: np.ndarray
    sat_visible_air: np.ndarray
    counts: pd.DataFrame
    nodes: pd.DataFrame


def downlink_scene(
    *,
    leo_alt_km: float,
    air_alt_km: float,
    constellation_size: int,
    air_density_per_km2: float,
    min_elevation_rad: float,
    center_azimuth_rad: float,
    center_polar_rad: float,
    region_factor: float = 1.5,
    rng: RngLike = None,
) -> DownlinkScene:
    """Fig. 4(b): the three downlinks around one ground user.

    The LEO shell is a PPP on the whole sphere of density
    ``constellation_size / (4 pi R_LEO^2)``, so its mean size is the
    constellation size.

    Parameters
    ----------
    leo_alt_km, air_alt_km : float
        Altitudes of the satellites and of the aerial vehicles, km.
    constellation_size : int
        Mean number of satellites on the shell.
    air_density_per_km2 : float
        PPP intensity of the aerial vehicles.
    min_elevation_rad : float
        Minimum elevation of every receiver (user and aerial vehicles).
    center_azimuth_rad, center_polar_rad : float
        Direction of the user.
    region_factor : float, optional
        Aerial vehicles are drawn on a cap this many times the A2G dome.
    rng : int, numpy.random.SeedSequence, numpy.random.Generator or None, optional
        Source of randomness, drawn in order: satellites, aerial vehicles.

    Returns
    -------
    DownlinkScene
        The realisation.
    """
    generator = _scene_generator(region_factor, rng)
    down = {"min_elevation_rad": min_elevation_rad}
    centre = (center_azimuth_rad, center_polar_rad)
    s2g = _dome("S2G", 0.0, leo_alt_km, centre, **down)
    a2g = _dome("A2G", 0.0, air_alt_km, centre, **down)
    s2a = _dome("S2A", air_alt_km, leo_alt_km, centre, **down)
    r_leo = EARTH_RADIUS_KM + leo_alt_km
    sat_density = constellation_size / (4.0 * math.pi * r_leo**2)
    sats = ppp_dome(sat_density, Dome(leo_alt_km, math.pi), rng=generator)
    air = _region(
        air_density_per_km2, air_alt_km, region_factor * a2g.vertex_angle_rad, a2g, generator
    )
    user = EARTH_RADIUS_KM * direction_xyz(*centre)
    sat_user = _covered(sats, s2g)
    air_user = _covered(air, a2g)
    seen_air = air[air_user]
    sat_air = np.zeros((len(seen_air), len(sats)), dtype=bool)
    for i, p in enumerate(seen_air):
        _, a_az, a_pol = cartesian_to_spherical(p)
        sat_air[i] = in_dome(sats, s2a.centred_at(float(a_az), float(a_pol)))
    any_air = sat_air.any(axis=0) if len(seen_air) else np.zeros(len(sats), bool)
    all_air = sat_air.all(axis=0) if len(seen_air) else np.zeros(len(sats), bool)
    counts = pd.DataFrame(
        [
            ("satellites on the shell", len(sats), float(constellation_size)),
            (
                "satellites visible from the user (S2G)",
                int(sat_user.sum()),
                sat_density * s2g.area_km2,
            ),
            (
                "aerial vehicles visible from the user (A2G)",
                int(air_user.sum()),
                air_density_per_km2 * a2g.area_km2,
            ),
            (
                "satellites visible from an aerial vehicle (S2A, mean)",
                float(sat_air.sum(axis=1).mean()) if len(seen_air) else math.nan,
                sat_density * s2a.area_km2,
            ),
            ("satellites visible from every such aerial vehicle", int(all_air.sum()), math.nan),
            (
                "satellites visible from at least one such aerial vehicle",
                int(any_air.sum()),
                math.nan,
            ),
        ],
        columns=["quantity", "count", "expected_count"],
    )
    nodes = pd.concat(
        [
            _node_table(sats, "space", s2g).assign(
                visible_from_user=sat_user,
                visible_from_aerial=any_air,
                visible_from_all_aerial=all_air,
            ),
            _node_table(air, "air", s2g).assign(
                visible_from_user=air_user, visible_from_aerial=False, visible_from_all_aerial=False
            ),
        ],
        ignore_index=True,
    )
    return DownlinkScene(
        {"S2G": s2g, "A2G": a2g, "S2A": s2a},
        user,
        sats,
        air,
        sat_user,
        air_user,
        sat_air,
        counts,
        nodes,
    )
