"""Speed of the closed form: vertex angle plus dome area for a million parameter points.

Run from a checkout: ``python benchmarks/bench_closed_form.py`` (``--quick`` for a
smaller run). It prints a table and writes nothing.

For each link direction it draws 10^6 random parameter points (altitude gaps
log-uniform from 1 m to 40,000 km, beamwidths log-uniform from 1e-4 to 6 rad,
elevations uniform in [0, 89.9] degrees) and times, over all of them,

* ``coverage_dome``: the vertex angle and the area of every dome (Theorem 1),
  from the carrier frequency and dish (uplinks) or the elevation (downlinks);
* ``uplink_vertex_angle_rad`` / ``downlink_vertex_angle_rad`` followed by
  ``dome_area_km2``: the same through the two separate functions;

and reports each time as a multiple of one NumPy ``arccos`` pass over as many
values in the same run: a yardstick that cancels most of the machine's speed.
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Callable

import numpy as np

from sagin_lib.model.constants import DEFAULT_KAPPA_RAD, SPEED_OF_LIGHT_M_S
from sagin_lib.model.coverage import (
    coverage_dome,
    dome_area_km2,
    downlink_vertex_angle_rad,
    uplink_vertex_angle_rad,
)


def best_ms(func: Callable[[], object], reps: int = 9) -> float:
    """Best wall time of ``reps`` calls, ms."""
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return 1e3 * min(times)


def parameter_points(n: int, seed: int = 1) -> dict[str, np.ndarray]:
    """Random uplink and downlink parameter points, as in the accuracy tests."""
    rng = np.random.default_rng(seed)
    lower = rng.uniform(0.0, 2000.0, n)
    upper = lower + 10 ** rng.uniform(-3.0, math.log10(40_000.0), n)
    return {
        "lower_km": lower,
        "upper_km": upper,
        "beamwidth_rad": 10 ** rng.uniform(-4.0, math.log10(6.0), n),
        "min_elevation_rad": rng.uniform(0.0, math.radians(89.9), n),
        "cosines": rng.uniform(-1.0, 1.0, n),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10^5 points instead of 10^6")
    args = parser.parse_args()
    n = 100_000 if args.quick else 1_000_000
    p = parameter_points(n)
    lo, hi = p["lower_km"], p["upper_km"]

    # A 1 m dish whose carrier gives each point's beamwidth (beamwidth = kappa c / (f D)).
    freq_hz = DEFAULT_KAPPA_RAD * SPEED_OF_LIGHT_M_S / p["beamwidth_rad"]
    cases = {
        "uplink, coverage_dome": lambda: coverage_dome(
            "G2S", rx_alt_km=hi, tx_alt_km=lo, freq_hz=freq_hz, diameter_m=1.0
        ),
        "downlink, coverage_dome": lambda: coverage_dome(
            "S2G", rx_alt_km=lo, tx_alt_km=hi, min_elevation_rad=p["min_elevation_rad"]
        ),
        "uplink, angle then area": lambda: dome_area_km2(
            lo, uplink_vertex_angle_rad(hi, lo, p["beamwidth_rad"])
        ),
        "downlink, angle then area": lambda: dome_area_km2(
            hi, downlink_vertex_angle_rad(lo, hi, p["min_elevation_rad"])
        ),
    }
    arccos = best_ms(lambda: np.arccos(p["cosines"]))
    print(f"{n:,} parameter points, best of 9; one arccos pass: {arccos:.2f} ms")
    print(f"{'what':26s} {'ms':>8s} {'arccos passes':>14s}")
    for name, func in cases.items():
        ms = best_ms(func)
        print(f"{name:26s} {ms:8.1f} {ms / arccos:14.1f}")


if __name__ == "__main__":
    main()
