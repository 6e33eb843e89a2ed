"""The constellations chapter's parameters (:data:`SPEC`): the Walker shell, the users, the run."""

from __future__ import annotations

from sagin_lib.constellations.walker import MIN_ALTITUDE_KM
from sagin_lib.study.quantities import quantity
from sagin_lib.study.spec import ChapterSpec, Constraint, Param, output_dir_param

__all__ = ["MAX_DISTRIBUTION_LATITUDES", "SPEC"]


#: Largest number of latitudes of the count-distribution figure.
MAX_DISTRIBUTION_LATITUDES = 6

SPEC = ChapterSpec(
    "constellations",
    (
        output_dir_param("constellations"),
        Param("altitude_km", 550.0, "altitude of the shell (at least 300 km, the drag limit)",
              unit="km", low=MIN_ALTITUDE_KM, high=2000.0),
        Param("inclination_deg", 53.0, "inclination of every orbital plane",
              unit="deg", low=0.0, high=180.0),
        Param("n_planes", 72, "orbital planes of the Walker shell", low=1, high=200),
        Param("sats_per_plane", 22, "satellites per plane", low=1, high=100),
        Param("phasing", 1, "Walker phasing factor F (below n_planes)", low=0, high=199),
        Param("raan_spread_deg", 360.0, "spread of the ascending nodes: 360 Walker delta, 180 Walker star",
              unit="deg", low=0.0, high=360.0, low_open=True),
        quantity("min_elevation_deg", 25.0,
                 help="minimum elevation at which a ground user sees a satellite"),
        Param("latitude_step_deg", 5.0, "spacing of the user latitudes from 0 to 90 degrees",
              unit="deg", low=0.5, high=45.0),
        Param("n_longitudes", 72, "users per latitude, evenly spaced in longitude", low=1, high=720),
        Param("duration_h", 24.0, "length of the SGP4 propagation", unit="h", low=0.5, high=72.0),
        Param("time_step_s", 120.0, "time between epochs (2 min: day averages within 0.1 % of 1 min)", unit="s", low=10.0, high=3600.0),
        Param("distribution_latitudes_deg", [0.0, 30.0, 50.0, 60.0],
              "latitudes of the count distributions", unit="deg", low=0.0, high=90.0,
              max_items=MAX_DISTRIBUTION_LATITUDES, increasing=True),
        Param("snapshot_latitude_deg", 50.0, "latitude of the user of the sky plot (longitude 0)",
              unit="deg", low=-90.0, high=90.0),
    ),
    (
        Constraint(("phasing", "n_planes"), "phasing < n_planes",
                   lambda v: v["phasing"] < v["n_planes"]),
        Constraint(("time_step_s", "duration_h"), "time_step_s <= 3600 * duration_h",
                   lambda v: v["time_step_s"] <= 3600.0 * v["duration_h"]),
    ),
)  # fmt: skip
