"""sagin_lib: coverage and node sampling in space-air-ground integrated networks.

The library behind the SAGIN coverage study. All functions take SI-like units
spelled out in their argument names (radians, km, Hz), broadcast over NumPy
arrays, and raise :class:`ValueError` naming the argument on bad input.
"""

from __future__ import annotations

from .constants import (
    AERIAL_DIAMETER_M,
    DEFAULT_FREQ_HZ,
    DEFAULT_KAPPA_RAD,
    DEFAULT_MIN_ELEVATION_RAD,
    EARTH_RADIUS_KM,
    GEO_ALT_KM,
    HAP_ALT_KM,
    LEO_ALT_KM,
    MEO_ALT_KM,
    SATELLITE_DIAMETER_M,
    SPEED_OF_LIGHT_M_S,
    UAV_ALT_KM,
)
from .coverage import (
    Dome,
    beamwidth_rad,
    coverage_dome,
    dome_arc_radius_km,
    dome_area_km2,
    downlink_vertex_angle_rad,
    elevation_angle_rad,
    flat_disc_area_km2,
    slant_range_km,
    uplink_vertex_angle_rad,
)
from .datasets import load_nsp_projects
from .haps_coverage import (
    HapsCoverageParams,
    SweepPoint,
    coverage_probability_no_fading,
    coverage_probability_semianalytic,
    coverage_sweep,
    probability_visible,
    run_sweep_point,
    simulate_coverage_point,
    sweep_points,
)
from .links import (
    BOLTZMANN_J_K,
    free_space_path_loss_db,
    propagation_delay_s,
    received_power_dbw,
    thermal_noise_power_dbw,
)
from .platforms import (
    REFERENCE_PLATFORMS,
    TERRESTRIAL_TOWER_KM,
    check_coverage_claims,
    compare_platforms,
    elevation_at_ground_radius_rad,
    ground_coverage_angle_rad,
    platforms_to_cover_earth,
    spherical_hexagon_area_sr,
    survey_statement_checks,
)
from .scenarios import DOWNLINKS, SCENARIOS, UPLINKS, Direction, Layer, Scenario, get_scenario

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "AERIAL_DIAMETER_M",
    "beamwidth_rad",
    "BOLTZMANN_J_K",
    "check_coverage_claims",
    "compare_platforms",
    "coverage_dome",
    "coverage_probability_no_fading",
    "coverage_probability_semianalytic",
    "coverage_sweep",
    "DEFAULT_FREQ_HZ",
    "DEFAULT_KAPPA_RAD",
    "DEFAULT_MIN_ELEVATION_RAD",
    "Direction",
    "Dome",
    "dome_arc_radius_km",
    "dome_area_km2",
    "downlink_vertex_angle_rad",
    "DOWNLINKS",
    "EARTH_RADIUS_KM",
    "elevation_angle_rad",
    "elevation_at_ground_radius_rad",
    "flat_disc_area_km2",
    "free_space_path_loss_db",
    "GEO_ALT_KM",
    "get_scenario",
    "ground_coverage_angle_rad",
    "HAP_ALT_KM",
    "HapsCoverageParams",
    "Layer",
    "LEO_ALT_KM",
    "load_nsp_projects",
    "MEO_ALT_KM",
    "platforms_to_cover_earth",
    "probability_visible",
    "propagation_delay_s",
    "received_power_dbw",
    "REFERENCE_PLATFORMS",
    "run_sweep_point",
    "SATELLITE_DIAMETER_M",
    "Scenario",
    "SCENARIOS",
    "simulate_coverage_point",
    "slant_range_km",
    "SPEED_OF_LIGHT_M_S",
    "spherical_hexagon_area_sr",
    "survey_statement_checks",
    "sweep_points",
    "SweepPoint",
    "TERRESTRIAL_TOWER_KM",
    "thermal_noise_power_dbw",
    "UAV_ALT_KM",
    "uplink_vertex_angle_rad",
    "UPLINKS",
]
