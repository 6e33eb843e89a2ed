"""The sampling chapter's parameters, and the budgets that keep a run within minutes."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from sagin_lib.model.coverage import coverage_dome, dome_area_km2
from sagin_lib.study.quantities import quantity
from sagin_lib.study.sources import COVERAGE_PAPER
from sagin_lib.study.sources import STUDY as STUDY_SOURCE
from sagin_lib.study.spec import ChapterSpec, Constraint, Param, output_dir_param

__all__ = ["SPEC", "expected_draws"]


PAPER = COVERAGE_PAPER
STUDY = STUDY_SOURCE

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


def _budget(names: tuple[str, ...], total: str, limit: float, what: str) -> Constraint:
    """A limit on one total of :func:`expected_draws`, given in words by ``what``."""
    return Constraint(
        names,
        f"a mean of at most {limit:,} {what}",
        load=lambda v: expected_draws(v)[total],
        limit=limit,
    )


#: The parameters that set what Fig. 4(b) draws and tests.
_FIG4B_LOAD = ("constellation_size", "air_density_per_km2", "air_alt_km", "min_elevation_deg")


SPEC = ChapterSpec(
    "sampling",
    (
        output_dir_param("sampling"),
        quantity("seed", 2024, help="root seed of every random draw on this page"),
        quantity("freq_ghz", 2.0, help="uplink carrier frequency (S band)",
                 aliases=("freq_point_ghz",)),
        Param("kappa_deg", 70.0, "illumination coefficient of the receivers' dishes", "deg", 50.0, 90.0),
        Param("satellite_diameter_m", 2.0, "dish of the satellite receiver (G2S, A2S)", "m", 0.5, 20.0),
        Param("aerial_diameter_m", 0.5, "dish of an aerial receiver (G2A)", "m", 0.1, 5.0),
        quantity("meo_alt_km", 10000.0, help="satellite receiver of Fig. 4(a)"),
        quantity("leo_alt_km", 600.0, help="satellite shell of Fig. 4(b)"),
        Param("air_alt_km", 20.0, "aerial layer (HAP)", "km", 0.1, 100.0, aliases=("air_layer_alt_km",)),
        quantity("min_elevation_deg", 10.0, help="minimum elevation of every downlink receiver",
                 aliases=("min_elev_deg",)),
        Param("ground_density_per_km2", 0.001, "ground transmitters (illustrative)", "per km^2", 0.0, 0.01),
        Param("air_density_per_km2", 0.0002, "aerial vehicles (illustrative)", "per km^2", 0.0, 0.01),
        Param("constellation_size", 4000, "mean number of LEO satellites on the shell", low=0, high=20000),
        Param("satellite_lat_deg", 22.3, "sub-satellite point of Fig. 4(a)", "deg", -90.0, 90.0),
        Param("satellite_lon_deg", 114.2, "sub-satellite point of Fig. 4(a)", "deg", -180.0, 180.0),
        Param("user_lat_deg", 22.3, "ground user of Fig. 4(b)", "deg", -90.0, 90.0),
        Param("user_lon_deg", 114.2, "ground user of Fig. 4(b)", "deg", -180.0, 180.0),
        Param("relay_air_densities_per_km2", [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1], "relaying sweep",
              "per km^2", 0.0, 0.1, low_open=True, max_items=12, increasing=True, kind="list[float]"),
        Param("relay_realisations", 10, "Monte Carlo scenes per aerial density of the sweep", low=1, high=50),
        Param("demo_points", 3000, "points per sampler in the Algorithm 1 illustration", low=1, high=20000),
        Param("demo_vertex_angle_deg", 30.0, "dome of the Algorithm 1 illustration", "deg", 0.001, 180.0),
    ),
    (
        _budget(("ground_density_per_km2", "air_density_per_km2", "meo_alt_km", "freq_ghz",
                 "satellite_diameter_m", "aerial_diameter_m", "kappa_deg"),
                "uplink_nodes", MAX_SCENE_NODES,
                "nodes drawn for Fig. 4(a) (densities times 1.3 times the satellite's domes)"),
        _budget(_FIG4B_LOAD, "downlink_nodes", MAX_SCENE_NODES,
                "nodes drawn for Fig. 4(b) (satellites plus aerial vehicles on 1.5 times the "
                "user's A2G dome)"),
        _budget(_FIG4B_LOAD, "s2a_pairs", MAX_S2A_PAIRS,
                "S2A visibility tests in Fig. 4(b) (aerial vehicles the user sees times satellites)"),
        _budget(("relay_air_densities_per_km2", "relay_realisations", "ground_density_per_km2",
                 "meo_alt_km", "freq_ghz", "satellite_diameter_m", "kappa_deg"),
                "sweep_nodes", MAX_SWEEP_NODES,
                "nodes drawn by the relaying sweep (realisations times the nodes of every scene)"),
    ),
)  # fmt: skip
