"""The coverage chapter's parameters: the frequency and elevation sweeps, the dishes, the layers' altitudes."""

from __future__ import annotations

from sagin_lib.study.quantities import quantity
from sagin_lib.study.sources import COVERAGE_PAPER
from sagin_lib.study.spec import ChapterSpec, Constraint, Param, output_dir_param

PAPER = COVERAGE_PAPER

SPEC = ChapterSpec(
    "coverage",
    (
        output_dir_param("coverage"),
        Param("freq_min_ghz", 1.0, "lowest carrier frequency of the uplink sweep",
              unit="GHz", low=0.05, high=300.0),
        Param("freq_max_ghz", 40.0, "highest carrier frequency of the uplink sweep",
              unit="GHz", low=0.05, high=300.0),
        Param("freq_points", 120, "number of frequencies in the sweep (log-spaced)",
              low=2, high=2000),
        quantity("freq_ghz", 2.0, help="point frequency of the altitude sweep, markers and summary",
                 aliases=("freq_point_ghz",)),
        Param("kappa_deg", 70.0, "illumination coefficient of the dishes (beamwidth kappa lambda / D)",
              unit="deg", low=10.0, high=180.0),
        Param("satellite_diameter_m", 2.0, "reflector diameter of a satellite receiver (A2S, G2S)",
              unit="m", low=0.05, high=100.0),
        Param("aerial_diameter_m", 0.5, "reflector diameter of an aerial receiver (G2A)",
              unit="m", low=0.05, high=100.0),
        quantity("uav_alt_km", 0.3, help="altitude of a low-altitude UAV"),
        quantity("haps_alt_km", 20.0, help="altitude of a high-altitude platform (HAPS)"),
        Param("air_alt_km", 20.0, "aerial layer of A2S and S2A", unit="km", low=0.01, high=100.0,
              aliases=("air_layer_alt_km",)),
        Param("air_sweep_min_km", 0.1, "lowest aerial layer of the aerial-altitude sweep (UAV)",
              unit="km", low=0.01, high=100.0),
        Param("air_sweep_max_km", 25.0, "highest aerial layer of the aerial-altitude sweep (HAP)",
              unit="km", low=0.01, high=100.0),
        quantity("leo_alt_km", 600.0, help="low Earth orbit"),
        quantity("meo_alt_km", 10000.0, help="medium Earth orbit"),
        quantity("geo_alt_km", 35786.0, help="geostationary orbit (or any higher shell)"),
        quantity("min_elevation_deg", 10.0,
                 help="downlink minimum elevation of the altitude sweep and markers",
                 aliases=("min_elev_deg",)),
        Param("elev_min_deg", 0.0, "lowest minimum elevation of the downlink sweep",
              unit="deg", low=0.0, high=89.0),
        Param("elev_max_deg", 80.0, "highest minimum elevation of the downlink sweep",
              unit="deg", low=0.0, high=89.0),
        Param("elev_points", 161, "number of elevations in the sweep (evenly spaced)",
              low=2, high=2000),
    ),
    (
        Constraint(("freq_min_ghz", "freq_max_ghz"),
                   "freq_min_ghz < freq_max_ghz, by at least 1 %",
                   lambda v: v["freq_max_ghz"] >= 1.01 * v["freq_min_ghz"]),
        Constraint(("elev_min_deg", "elev_max_deg"),
                   "elev_min_deg < elev_max_deg, by at least 0.1 deg",
                   lambda v: v["elev_max_deg"] >= v["elev_min_deg"] + 0.1),
        Constraint(("uav_alt_km", "haps_alt_km"), "uav_alt_km < haps_alt_km",
                   lambda v: v["uav_alt_km"] < v["haps_alt_km"]),
        Constraint(("air_sweep_min_km", "air_sweep_max_km"),
                   "air_sweep_min_km < air_sweep_max_km, by at least 1 %",
                   lambda v: v["air_sweep_max_km"] >= 1.01 * v["air_sweep_min_km"]),
        Constraint(("leo_alt_km", "meo_alt_km", "geo_alt_km"),
                   "leo_alt_km < meo_alt_km < geo_alt_km",
                   lambda v: v["leo_alt_km"] < v["meo_alt_km"] < v["geo_alt_km"]),
    ),
)  # fmt: skip
