"""Speed and memory of the dome samplers.

Run from a checkout: ``python benchmarks/bench_sampling.py`` (add ``--quick``
for a smaller run). It prints a table and writes nothing.

Compared, on one 10-degree dome, in one run:

* ``sample_dome`` (transcendental-free, tiled, fused rotation),
* a plain NumPy inverse-CDF sampler written the obvious way (``arccos`` of a
  uniform, sine and cosine of the polar angle and azimuth, ``np.stack``, a
  matrix product),
* rejection from the whole sphere (normalised Gaussian vectors, keep those in
  the cap; acceptance ``sin^2(phi / 2)``, about 0.76 % for 10 degrees),

then Matern II thinning of a million parents, and a 1e8-node stream
(throughput, then peak memory with ``tracemalloc`` in a second, untimed pass).
"""

from __future__ import annotations

import argparse
import math
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable

import numpy as np
from peak_memory import peak_rss_mib

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.dome import Dome
from sagin_lib.model.sphere import yaw_pitch_matrix
from sagin_lib.sampling.area_uniform import sample_dome
from sagin_lib.sampling.matern_thomas import matern_ii_dome
from sagin_lib.sampling.streams import CHUNK_SIZE, iter_dome_blocks

PHI = math.radians(10.0)
CENTER = (math.radians(40.0), math.radians(55.0))
DOME = Dome(0.0, PHI, *CENTER)


def plain_inverse_cdf(n: int, rng: np.random.Generator) -> np.ndarray:
    """The obvious NumPy version of Algorithm 1."""
    u = rng.random(n)
    v = rng.random(n)
    polar = np.arccos(1.0 - u * (1.0 - np.cos(PHI)))
    azimuth = 2.0 * np.pi * v
    local = np.stack(
        [np.sin(polar) * np.cos(azimuth), np.sin(polar) * np.sin(azimuth), np.cos(polar)],
        axis=1,
    )
    return EARTH_RADIUS_KM * local @ yaw_pitch_matrix(*CENTER).T


def whole_sphere_rejection(n: int, rng: np.random.Generator) -> np.ndarray:
    """Uniform points on the whole sphere, kept when they fall in the cap."""
    center = yaw_pitch_matrix(*CENTER)[:, 2]
    cos_phi = math.cos(PHI)
    accept = math.sin(0.5 * PHI) ** 2
    kept: list[np.ndarray] = []
    have = 0
    while have < n:
        batch = min(int((n - have) / accept * 1.05) + 64, 4_000_000)
        g = rng.standard_normal((batch, 3))
        g /= np.linalg.norm(g, axis=1, keepdims=True)
        inside = g[g @ center >= cos_phi]
        kept.append(inside)
        have += inside.shape[0]
    return EARTH_RADIUS_KM * np.concatenate(kept)[:n]


def ours(n: int, rng: np.random.Generator) -> np.ndarray:
    return sample_dome(n, DOME, rng=rng)


def best_time(func: Callable[[int, np.random.Generator], np.ndarray], n: int, reps: int) -> float:
    rng = np.random.default_rng(12345)
    func(min(n, 10_000), rng)  # warm-up
    best = math.inf
    for _ in range(reps):
        start = time.perf_counter()
        func(n, rng)
        best = min(best, time.perf_counter() - start)
    return best


def stream(n_total: int, block_size: int) -> tuple[int, float]:
    """Consume a stream as a user would: count the nodes in the inner half-angle dome."""
    center = yaw_pitch_matrix(*CENTER)[:, 2] * EARTH_RADIUS_KM
    threshold = EARTH_RADIUS_KM**2 * math.cos(0.5 * PHI)
    inner = 0
    for block in iter_dome_blocks(n_total, DOME, block_size=block_size, rng=2024):
        inner += int(np.count_nonzero(block @ center >= threshold))
    return inner, inner / n_total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes (a smoke run)")
    parser.add_argument("--stream-memory", type=int, metavar="N", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stream_memory:
        stream_memory(args.stream_memory)
        return
    n = 100_000 if args.quick else 1_000_000
    n_rejection = 20_000 if args.quick else 200_000
    n_stream = 2_000_000 if args.quick else 100_000_000
    n_matern = 1_000_000

    print(f"10-degree dome, {n:,} points (best of 7)")
    rows = []
    for name, func, size in (
        ("sample_dome", ours, n),
        ("plain NumPy inverse CDF", plain_inverse_cdf, n),
        ("whole-sphere rejection", whole_sphere_rejection, n_rejection),
    ):
        seconds = best_time(func, size, 7 if size >= n else 3)
        rows.append((name, size, seconds, size / seconds))
    ours_rate = rows[0][3]
    print(
        f"{'sampler':28s} {'points':>12s} {'time (s)':>10s} {'Mpoints/s':>10s} {'ours / it':>10s}"
    )
    for name, size, seconds, rate in rows:
        print(f"{name:28s} {size:12,d} {seconds:10.4f} {rate / 1e6:10.2f} {ours_rate / rate:10.1f}")

    area = 2.0 * math.pi * EARTH_RADIUS_KM**2 * (1.0 - math.cos(PHI))
    lam = n_matern / area
    rng = np.random.default_rng(7)
    start = time.perf_counter()
    kept = matern_ii_dome(lam, 3.0, DOME, rng=rng)
    seconds = time.perf_counter() - start
    print(
        f"\nMatern II, about {n_matern:,} parents (hard core 3 km): "
        f"{seconds:.2f} s, {kept.shape[0]:,} points kept"
    )

    block = 1_000_000
    start = time.perf_counter()
    inner, fraction = stream(n_stream, block)
    seconds = time.perf_counter() - start
    print(
        f"\nStream of {n_stream:,} nodes in blocks of {block:,} (chunks of {CHUNK_SIZE:,}): "
        f"{seconds:.2f} s, {n_stream / seconds / 1e6:.1f} Mnodes/s; inner-dome fraction "
        f"{fraction:.5f} (theory {math.sin(0.25 * PHI) ** 2 / math.sin(0.5 * PHI) ** 2:.5f})"
    )
    # Memory in a fresh process, so that nothing measured above counts.
    child = subprocess.run(
        [sys.executable, __file__, "--stream-memory", str(n_stream)],
        capture_output=True,
        text=True,
        check=True,
    )
    print(child.stdout.strip())


def stream_memory(n_stream: int) -> None:
    """Peak memory of one streamed pass: traced allocations and the process's peak RSS."""
    rss_before = peak_rss_mib()
    tracemalloc.start()
    stream(n_stream, 1_000_000)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = peak_rss_mib()
    print(
        f"Peak memory of the stream (fresh process): traced allocations {peak / 2**20:.1f} MiB; "
        f"peak RSS {rss_after:.0f} MiB (interpreter and imports alone {rss_before:.0f} MiB)"
    )


if __name__ == "__main__":
    main()
