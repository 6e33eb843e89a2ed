"""Throughput and memory of the Dask sampler and reductions against the number of workers.

Run from a checkout: ``python benchmarks/bench_dask.py`` (``--quick`` for a
smaller population, ``--n-users N`` to choose it). It prints a table and
writes nothing.

The workload is that of the scaling chapter: ground users uniform by area
under the footprint of one GEO satellite (10 degrees minimum elevation),
generated on the workers by :func:`~sagin_lib.scale.arrays.dask_dome_nodes`
and reduced there by :func:`~sagin_lib.scale.reductions.dask_reduce`
(elevation and slant-range histograms to the satellite, four spot-beam
counts, nearest users). Rows:

* ``numpy, 1 process``: the serial reference, ``reduce_blocks`` over
  ``iter_dome_blocks`` in this process (no Dask);
* ``LocalCluster, k workers``: a fresh loopback cluster of ``k`` processes
  with one thread each, timed from the submission of the graph to the
  result; the cluster start and a warm-up on a tiny population (imports on
  the workers) are reported apart.

Throughput is users per second of wall-clock time. Memory is the peak
resident set (``VmHWM``) of each worker during the run (reset just before it),
and of this process for the serial row. Every row's counts are checked
against the serial ones, so the table also shows that the cluster changes
nothing but the time.
"""

from __future__ import annotations

import argparse
import math
import os
import time

import numpy as np

from sagin_lib.model.constants import GEO_ALT_KM
from sagin_lib.model.coverage import downlink_vertex_angle_rad
from sagin_lib.model.sphere import latlon_deg_to_direction_rad
from sagin_lib.sampling.streams import CHUNK_SIZE, iter_dome_blocks
from sagin_lib.scale.arrays import dask_dome_nodes
from sagin_lib.scale.cluster import get_client, peak_rss_mib, reset_peak_rss, worker_peak_rss_mib
from sagin_lib.scale.reductions import (
    HistogramSpec,
    LayerSummary,
    ReceiverDome,
    ReductionPlan,
    Station,
    dask_reduce,
    reduce_blocks,
)

SEED = 20260601
PHI = float(downlink_vertex_angle_rad(0.0, GEO_ALT_KM, math.radians(10.0)))
GEO_AZ, GEO_POL = (float(v) for v in latlon_deg_to_direction_rad(0.0, 10.0))
BEAMS = [(0.0, 10.0), (25.0, 0.0), (-30.0, 30.0), (45.0, 15.0)]


def plan() -> ReductionPlan:
    """The scaling chapter's reductions."""
    geo = Station("GEO", GEO_ALT_KM, GEO_AZ, GEO_POL)
    domes = tuple(
        ReceiverDome(f"beam {k + 1}", 250.0 / 6371.0, *latlon_deg_to_direction_rad(lat, lon))
        for k, (lat, lon) in enumerate(BEAMS)
    )
    return ReductionPlan(
        0.0,
        domes=domes,
        histograms=(
            HistogramSpec("elevation", geo, "elevation_deg", tuple(np.arange(0.0, 90.5, 1.0))),
            HistogramSpec("distance", geo, "distance_km", tuple(np.arange(35750.0, 40651.0, 50.0))),
        ),
        nearest=(
            geo,
            *(Station(d.name, 0.0, d.center_azimuth_rad, d.center_polar_rad) for d in domes),
        ),
    )


def same(a: LayerSummary, b: LayerSummary) -> bool:
    """Integer-for-integer identity of two summaries."""
    return (
        a.n_nodes == b.n_nodes
        and np.array_equal(a.dome_counts, b.dome_counts)
        and all(
            np.array_equal(x, y)
            for x, y in zip(a.histogram_counts, b.histogram_counts, strict=True)
        )
        and np.array_equal(a.nearest_index, b.nearest_index)
    )


def serial(n_users: int) -> tuple[LayerSummary, float, float]:
    """The single-process NumPy run: summary, seconds, peak RSS (MiB)."""
    reset_peak_rss()
    start = time.perf_counter()
    blocks = iter_dome_blocks(n_users, 0.0, PHI, GEO_AZ, GEO_POL, rng=SEED)
    summary = reduce_blocks(blocks, plan())
    return summary, time.perf_counter() - start, peak_rss_mib()


def on_cluster(n_users: int, n_workers: int) -> tuple[LayerSummary, float, float, list[float]]:
    """A fresh LocalCluster run: summary, start-up s (with a warm-up task), run s, peak RSS per worker (MiB)."""
    start = time.perf_counter()
    with get_client(None, n_workers=n_workers, threads_per_worker=1) as client:
        # Warm the workers up (imports, compiled plan) on a tiny population.
        dask_reduce(dask_dome_nodes(1000, 0.0, PHI, GEO_AZ, GEO_POL, seed=SEED), plan())
        started = time.perf_counter() - start
        nodes = dask_dome_nodes(n_users, 0.0, PHI, GEO_AZ, GEO_POL, seed=SEED)
        worker_peak_rss_mib(client, reset=True)
        start = time.perf_counter()
        summary = dask_reduce(nodes, plan())
        elapsed = time.perf_counter() - start
        peaks = list(worker_peak_rss_mib(client).values())
    return summary, started, elapsed, peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 million users instead of 1e8")
    parser.add_argument("--n-users", type=int, default=None, help="population size")
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[1, 2], help="worker counts to try"
    )
    args = parser.parse_args()
    n_users = args.n_users or (10_000_000 if args.quick else 100_000_000)
    os.environ.pop("SAGIN_DASK_SCHEDULER", None)  # always a local cluster here

    print(
        f"{n_users:,} users under a GEO footprint, blocks of {CHUNK_SIZE:,}; cores: {os.cpu_count()}"
    )
    reference, seconds, peak = serial(n_users)
    rows = [("numpy, 1 process (no Dask)", "-", seconds, f"{peak:,.0f} (process)", True)]
    for workers in args.workers:
        summary, started, elapsed, peaks = on_cluster(n_users, workers)
        memory = ", ".join(f"{p:,.0f}" for p in peaks)
        rows.append(
            (
                f"LocalCluster, {workers} worker(s) x 1 thread",
                f"{started:.1f}",
                elapsed,
                memory,
                same(summary, reference),
            )
        )
    header = (
        f"{'run':<36} {'start s':>8} {'run s':>8} {'Musers/s':>9}  {'peak RSS MiB':<22} identical"
    )
    print(header)
    print("-" * len(header))
    for name, started, elapsed, memory, identical in rows:
        rate = n_users / elapsed / 1e6
        print(f"{name:<36} {started:>8} {elapsed:>8.2f} {rate:>9.1f}  {memory:<22} {identical}")


if __name__ == "__main__":
    main()
