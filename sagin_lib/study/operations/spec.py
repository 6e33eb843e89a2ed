"""The operations chapter's parameters (:data:`SPEC`) and the constants its checks use.

Parameters come as the checked mapping of :meth:`ChapterSpec.bind`, in the
chapter's human units (km, degrees, s, W, m^2, kg, Wh/kg, %, ms, days).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sagin_lib.study.quantities import quantity
from sagin_lib.study.sources import SURVEY
from sagin_lib.study.spec import ChapterSpec, Param, output_dir_param

Params = Mapping[str, Any]


_SURVEY = SURVEY


#: The two solar platforms of the energy budget, with the survey's payload power.
PLATFORMS: tuple[str, ...] = ("Zephyr S", "Yuanmeng")


_PREFIX = {"Zephyr S": "zephyr", "Yuanmeng": "yuanmeng"}


#: Samples per day of the solar computation (10 min).
SOLAR_STEPS_PER_DAY = 144


#: A Monte Carlo estimate is accepted within this many standard errors.
Z_BAND = 4.0


#: Largest difference accepted between the quadrature and the closed form.
QUADRATURE_TOL = 1e-4


#: "ms-level" latency: a round trip below this, ms.
MS_LEVEL_MS = 10.0


#: "Hundreds of ms": at least this, ms.
HUNDREDS_MS = 100.0


#: "Months" of endurance: at least this many days.
MONTHS_DAYS = 60.0


_SWEEP_POINTS = 41


_TILT_POINTS = 11


_FAST = {"n_azimuth": 180, "n_radial": 64}


SPEC = ChapterSpec(
    "operations",
    (
        output_dir_param("operations"),
        quantity("haps_alt_km", high=81.0,
                 why="the ICAO standard atmosphere of the solar budget ends at 81 km",
                 help="HAPS altitude (all three parts)"),
        quantity("min_elevation_deg", high=80.0,
                 why="above 80 deg a large drift leaves the served area too small for legible "
                     "sway-figure ticks",
                 help="minimum elevation of a user (footprint, slant ranges)"),
        # Sway and handover.
        Param("loiter_radius_km", 1.0, "Zephyr S: radius of its loiter circle", "km", 0.2, 20.0),
        Param("sway_displacement_km", 1.0, "Yuanmeng: amplitude of its drift with the wind", "km", 0.0, 20.0),
        Param("sway_tilt_deg", 1.0, "Yuanmeng: amplitude of its pitch", "deg", 0.0, 10.0),
        Param("sway_period_s", 600.0, "Yuanmeng: period of its drift and pitch", "s", 1.0, 3600.0),
        Param("sway_steps", 64, "samples per cycle of each motion", "steps", 8, 256),
        Param("n_users", 20000, "Monte Carlo users on the footprint", "users", 100, 200000),
        Param("sweep_displacement_max_km", 20.0, "largest displacement of the handover curves", "km", 1.0, 100.0),
        Param("sweep_tilt_max_deg", 5.0, "largest tilt of the handover curves", "deg", 1.0, 10.0),
        Param("sweep_altitudes_km", [17.0, 20.0, 25.0, 30.0], "HAPS altitudes of the handover curves", "km",
              15.0, 50.0, min_items=2, max_items=5, increasing=True),
        # The solar energy budget.
        Param("cell_efficiency_pct", 20.0, "solar cell efficiency (survey: GaAs 18-22 %)", "%", 5.0, 50.0),
        Param("sea_level_optical_depth", 0.28, "broadband optical depth at sea level, scaled by pressure", "", 0.0, 1.0),
        Param("battery_specific_energy_wh_kg", 250.0, "battery specific energy", "Wh/kg", 50.0, 1000.0),
        Param("battery_round_trip_pct", 90.0, "battery round-trip efficiency", "%", 50.0, 100.0),
        Param("battery_cold_loss_pct", 0.0, "capacity loss in the cold (survey: over 40 % for Li-S)", "%", 0.0, 60.0),
        Param("zephyr_payload_w", 250.0, "Zephyr S payload power (survey: 250 W class)", "W", 0.0, 5000.0),
        Param("zephyr_mass_kg", 75.0, "Zephyr S mass (Airbus: under 75 kg)", "kg", 20.0, 200.0),
        Param("zephyr_wing_area_m2", 30.0, "Zephyr S wing area", "m^2", 10.0, 100.0),
        Param("zephyr_lift_coefficient", 1.0, "Zephyr S cruise lift coefficient", "", 0.3, 1.5),
        Param("zephyr_lift_to_drag", 30.0, "Zephyr S lift-to-drag ratio", "", 10.0, 50.0),
        Param("zephyr_propulsion_efficiency_pct", 75.0, "Zephyr S motor and propeller efficiency", "%", 30.0, 95.0),
        Param("zephyr_avionics_w", 50.0, "Zephyr S avionics power", "W", 0.0, 1000.0),
        Param("zephyr_night_descent_km", 0.0, "Zephyr S height glided down at night and climbed back by day", "km", 0.0, 8.0),
        Param("zephyr_max_array_m2", 15.0, "Zephyr S largest solar array", "m^2", 1.0, 1000.0),
        Param("zephyr_max_battery_kg", 35.0, "Zephyr S largest battery", "kg", 1.0, 1000.0),
        Param("yuanmeng_payload_w", 1000.0, "Yuanmeng payload power (survey: 1000 W)", "W", 0.0, 10000.0),
        Param("yuanmeng_volume_m3", 18000.0, "Yuanmeng envelope volume", "m^3", 1000.0, 500000.0),
        Param("yuanmeng_drag_coefficient", 0.03, "Yuanmeng hull drag coefficient on volume^(2/3)", "", 0.005, 0.1),
        Param("yuanmeng_propulsion_efficiency_pct", 60.0, "Yuanmeng motor and propeller efficiency", "%", 30.0, 95.0),
        Param("yuanmeng_avionics_w", 300.0, "Yuanmeng avionics and systems power", "W", 0.0, 10000.0),
        Param("wind_n_sigma", 1.0, "wind the airship stems: climatological mean plus this many spreads", "", 0.0, 3.0),
        Param("yuanmeng_max_array_m2", 300.0, "Yuanmeng largest solar array", "m^2", 1.0, 5000.0),
        Param("yuanmeng_battery_share_pct", 20.0, "Yuanmeng battery as a share of its gross lift", "%", 1.0, 60.0),
        Param("latitude_max_deg", 70.0, "highest latitude of the energy budget", "deg", 10.0, 89.0),
        Param("latitude_step_deg", 5.0, "latitude step of the energy budget", "deg", 2.0, 30.0),
        Param("day_step_days", 5, "days between the sampled days of the year", "days", 2, 60),
        # Latency of the relay architectures.
        quantity("leo_alt_km", help="LEO altitude (latency)"),
        quantity("geo_alt_km", help="GEO altitude (latency)"),
        Param("bent_pipe_delay_ms", 0.01, "group delay of a bent-pipe relay", "ms", 0.0, 10.0),
        Param("regenerative_processing_ms", 1.0, "decode and forward at a regenerative relay", "ms", 0.0, 100.0),
        Param("queueing_ms", 1.0, "queueing at a regenerative relay or server", "ms", 0.0, 1000.0),
        Param("mec_compute_ms", 2.0, "task computing time at the HAPS edge server", "ms", 0.0, 1000.0),
        quantity("seed", 2025, help="root seed of the Monte Carlo"),
    ),
)  # fmt: skip
