"""The coverage chapter's parameters: the frequency and elevation sweeps, the dishes, the layers' altitudes."""

from __future__ import annotations

from sagin_lib.study.quantities import QUANTITIES, quantity
from sagin_lib.study.sources import COVERAGE_PAPER
from sagin_lib.study.spec import ChapterSpec, Constraint, Param, output_dir_param

PAPER = COVERAGE_PAPER

#: The aerial layer of A2S and S2A; the aerial-altitude sweep moves it over its range.
_AIR_LAYER = Param(
    "air_alt_km",
    20.0,
    "aerial layer of A2S and S2A",
    unit="km",
    low=0.01,
    high=100.0,
    aliases=("air_layer_alt_km",),
)


def _sweep_ends(
    name: str, ends: tuple[float, float], what: str, swept: Param, notes: tuple[str, str] = ("", "")
) -> tuple[Param, Param]:
    """The lowest and the highest value of a sweep, in the unit and range of the quantity swept.

    Parameters
    ----------
    name : str
        The parameters' name with ``{}`` where ``min`` and ``max`` go.
    ends : tuple of float
        The defaults of the two ends.
    what : str
        The sweep in words, after "lowest" and "highest".
    swept : Param
        The quantity swept: its unit and range bound either end.
    notes : tuple of str
        A note in parentheses after the help of either end ("" for none).
    """
    lowest, highest = (
        Param(
            name.format(end),
            value,
            f"{word} {what}" + (f" ({note})" if note else ""),
            unit=swept.unit,
            low=swept.low,
            high=swept.high,
        )
        for end, word, value, note in zip(
            ("min", "max"), ("lowest", "highest"), ends, notes, strict=True
        )
    )
    return lowest, highest


def _apart(
    low: str, high: str, margin: str, *, factor: float = 1.0, step: float = 0.0
) -> Constraint:
    """``low < high`` with room for a sweep between them: ``high >= factor * low + step``."""
    return Constraint(
        (low, high),
        f"{low} < {high}, by at least {margin}",
        lambda v: v[high] >= factor * v[low] + step,
    )


SPEC = ChapterSpec(
    "coverage",
    (
        output_dir_param("coverage"),
        *_sweep_ends("freq_{}_ghz", (1.0, 40.0), "carrier frequency of the uplink sweep",
                     QUANTITIES["freq_ghz"]),
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
        _AIR_LAYER,
        *_sweep_ends("air_sweep_{}_km", (0.1, 25.0), "aerial layer of the aerial-altitude sweep",
                     _AIR_LAYER, notes=("UAV", "HAP")),
        quantity("leo_alt_km", 600.0, help="low Earth orbit"),
        quantity("meo_alt_km", 10000.0, help="medium Earth orbit"),
        quantity("geo_alt_km", 35786.0, help="geostationary orbit (or any higher shell)"),
        quantity("min_elevation_deg", 10.0,
                 help="downlink minimum elevation of the altitude sweep and markers",
                 aliases=("min_elev_deg",)),
        *_sweep_ends("elev_{}_deg", (0.0, 80.0), "minimum elevation of the downlink sweep",
                     QUANTITIES["min_elevation_deg"]),
        Param("elev_points", 161, "number of elevations in the sweep (evenly spaced)",
              low=2, high=2000),
    ),
    (
        _apart("freq_min_ghz", "freq_max_ghz", "1 %", factor=1.01),
        _apart("elev_min_deg", "elev_max_deg", "0.1 deg", step=0.1),
        Constraint(("uav_alt_km", "haps_alt_km"), "uav_alt_km < haps_alt_km",
                   lambda v: v["uav_alt_km"] < v["haps_alt_km"]),
        _apart("air_sweep_min_km", "air_sweep_max_km", "1 %", factor=1.01),
        Constraint(("leo_alt_km", "meo_alt_km", "geo_alt_km"),
                   "leo_alt_km < meo_alt_km < geo_alt_km",
                   lambda v: v["leo_alt_km"] < v["meo_alt_km"] < v["geo_alt_km"]),
    ),
)  # fmt: skip
