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
from .scenarios import DOWNLINKS, SCENARIOS, UPLINKS, Direction, Layer, Scenario, get_scenario

__version__ = "0.1.0"

__all__ = [
    "AERIAL_DIAMETER_M",
    "DEFAULT_FREQ_HZ",
    "DEFAULT_KAPPA_RAD",
    "DEFAULT_MIN_ELEVATION_RAD",
    "DOWNLINKS",
    "Direction",
    "Dome",
    "EARTH_RADIUS_KM",
    "GEO_ALT_KM",
    "HAP_ALT_KM",
    "LEO_ALT_KM",
    "Layer",
    "MEO_ALT_KM",
    "SATELLITE_DIAMETER_M",
    "SCENARIOS",
    "SPEED_OF_LIGHT_M_S",
    "Scenario",
    "UAV_ALT_KM",
    "UPLINKS",
    "__version__",
    "beamwidth_rad",
    "coverage_dome",
    "dome_arc_radius_km",
    "dome_area_km2",
    "downlink_vertex_angle_rad",
    "elevation_angle_rad",
    "flat_disc_area_km2",
    "get_scenario",
    "slant_range_km",
    "uplink_vertex_angle_rad",
]
