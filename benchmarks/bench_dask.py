"""Throughput and memory of the Dask sampler and reductions, and the choices behind them.

Run from a checkout: ``python benchmarks/bench_dask.py`` (``--quick`` for a
smaller population, ``--n-users N`` to choose it). It prints tables and
writes nothing.

The workload is that of the scaling chapter: ground users uniform by area
under the footprint of one GEO satellite (10 degrees minimum elevation),
generated on the workers by :func:`~sagin_lib.scale.arrays.dask_dome_nodes`
and reduced there by :func:`~sagin_lib.scale.reductions.dask_reduce`
(elevation and slant-range histograms to the satellite, four spot-beam
counts, nearest users). Sections:

* **workers** (default): ``numpy, 1 process`` is the serial reference,
  ``reduce_blocks`` over ``iter_dome_blocks`` in this process (no Dask);
  ``LocalCluster, k workers`` a fresh loopback cluster of ``k`` processes with
  one thread each, timed from the submission of the graph to the result (the
  cluster start and a warm-up on a tiny population are reported apart).
  Memory is the peak resident set (``VmHWM``) of each worker during the run
  (reset just before it), and of this process for the serial row. Every
  row's counts are checked against the serial ones.
* ``--binning``: the histogram binning of the reductions, the hand-written
  exact binner against ``np.bincount`` of ``np.searchsorted`` indices, on the
  projections of the whole population (the same tiles as the library's), and
  the whole serial reduction with each of them. The counts must agree.
* ``--malloc``: a two-worker LocalCluster started with the library's malloc
  settings (:data:`~sagin_lib.scale.cluster.LOCAL_WORKER_ENV`) against one
  with Dask's own (``worker_env={}``), twice each, alternating.
"""

from __future__ import annotations

import argparse
import math
import os
import time
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

import numpy as np
from peak_memory import peak_rss_mib, reset_peak_rss, worker_peak_rss_mib

from sagin_lib.model.constants import GEO_ALT_KM
from sagin_lib.model.coverage import downlink_vertex_angle_rad
from sagin_lib.model.dome import Dome
from sagin_lib.model.sphere import latlon_deg_to_direction_rad
from sagin_lib.sampling.streams import CHUNK_SIZE, iter_dome_blocks
from sagin_lib.scale import reductions
from sagin_lib.scale.arrays import dask_dome_nodes
from sagin_lib.scale.cluster import get_client
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
FOOTPRINT = Dome(0.0, PHI, GEO_AZ, GEO_POL)
BEAMS = [(0.0, 10.0), (25.0, 0.0), (-30.0, 30.0), (45.0, 15.0)]


def plan() -> ReductionPlan:
    """The scaling chapter's reductions."""
    geo = Station("GEO", GEO_ALT_KM, GEO_AZ, GEO_POL)
    centres = [tuple(float(v) for v in latlon_deg_to_direction_rad(*b)) for b in BEAMS]
    domes = tuple(
        ReceiverDome(f"beam {k + 1}", Dome(0.0, 250.0 / 6371.0, az, pol))
        for k, (az, pol) in enumerate(centres)
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
            *(Station(d.name, 0.0, az, pol) for d, (az, pol) in zip(domes, centres, strict=True)),
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
    summary = reduce_blocks(iter_dome_blocks(n_users, FOOTPRINT, rng=SEED), plan())
    return summary, time.perf_counter() - start, peak_rss_mib()


def on_cluster(
    n_users: int, n_workers: int, worker_env: dict[str, str] | None = None
) -> tuple[LayerSummary, float, float, list[float]]:
    """A fresh LocalCluster run: summary, start-up s (with a warm-up task), run s, peak RSS per worker (MiB)."""
    start = time.perf_counter()
    with get_client(None, n_workers=n_workers, threads_per_worker=1, worker_env=worker_env) as c:
        # Warm the workers up (imports, compiled plan) on a tiny population.
        dask_reduce(dask_dome_nodes(1000, FOOTPRINT, rng=SEED), plan())
        started = time.perf_counter() - start
        nodes = dask_dome_nodes(n_users, FOOTPRINT, rng=SEED)
        worker_peak_rss_mib(c, reset=True)
        start = time.perf_counter()
        summary = dask_reduce(nodes, plan())
        elapsed = time.perf_counter() - start
        peaks = list(worker_peak_rss_mib(c).values())
    return summary, started, elapsed, peaks


def workers_section(n_users: int, worker_counts: list[int]) -> None:
    """Serial run, then one LocalCluster per worker count."""
    reference, seconds, peak = serial(n_users)
    rows = [("numpy, 1 process (no Dask)", "-", seconds, f"{peak:,.0f} (process)", True)]
    for workers in worker_counts:
        summary, started, elapsed, peaks = on_cluster(n_users, workers)
        memory = ", ".join(f"{p:,.0f}" for p in peaks)
        name = f"LocalCluster, {workers} worker(s) x 1 thread"
        rows.append((name, f"{started:.1f}", elapsed, memory, same(summary, reference)))
    header = (
        f"{'run':<36} {'start s':>8} {'run s':>8} {'Musers/s':>9}  {'peak RSS MiB':<22} identical"
    )
    print(header)
    print("-" * len(header))
    for name, started, elapsed, memory, identical in rows:
        rate = n_users / elapsed / 1e6
        print(f"{name:<36} {started:>8} {elapsed:>8.2f} {rate:>9.1f}  {memory:<22} {identical}")


def _searchsorted_counts(binner: Any, t: np.ndarray, work: Any = None) -> np.ndarray:
    """The binner's counts by ``np.bincount`` of ``np.searchsorted`` (the plain-NumPy variant)."""
    thresholds = binner.thresholds[:-1]  # the binner keeps a NaN sentinel at the end
    idx = np.searchsorted(thresholds, t, side="right")
    return np.bincount(idx, minlength=thresholds.size + 1).astype(np.int64)


@contextmanager
def _binning(counts: Callable[..., np.ndarray] | None):
    """Reduce with another binning function (None: the library's own)."""
    original = reductions._Binner.counts
    if counts is not None:
        reductions._Binner.counts = counts
    try:
        yield
    finally:
        reductions._Binner.counts = original


def binning_section(n_users: int) -> None:
    """The hand-written binner against searchsorted, on the chapter's population."""
    the_plan = plan()
    compiled = reductions._compile(the_plan)
    (m,) = [k for k, w in enumerate(compiled.work) if w.binner is not None]
    binner, u = compiled.work[m].binner, compiled.directions[m]
    print(
        f"Binning {n_users:,} users into {binner.thresholds.size} bins "
        f"(elevation and slant range to the GEO, tiles of {reductions._TILE:,}):"
    )
    seconds = {"hand-written binner": 0.0, "bincount(searchsorted)": 0.0}
    totals = {name: np.zeros(binner.thresholds.size, dtype=np.int64) for name in seconds}
    work = reductions._Workspace(reductions._TILE)
    for block in iter_dome_blocks(n_users, FOOTPRINT, rng=SEED):
        for start in range(0, block.shape[0], reductions._TILE):
            tile = block[start : start + reductions._TILE]
            t = tile[:, 0] * u[0] + tile[:, 1] * u[1] + tile[:, 2] * u[2]
            view = work if t.size == work.size else work.view(t.size)
            for name, func in (
                ("hand-written binner", reductions._Binner.counts),
                ("bincount(searchsorted)", _searchsorted_counts),
            ):
                begin = time.perf_counter()
                totals[name] += func(binner, t, view)
                seconds[name] += time.perf_counter() - begin
    names = list(seconds)
    identical = np.array_equal(*totals.values())
    for name in names:
        print(f"  binning only, {name:<24} {1e3 * seconds[name]:>10,.0f} ms")
    ratio = seconds[names[1]] / seconds[names[0]]
    print(f"  ratio searchsorted / hand-written: {ratio:.2f}; identical counts: {identical}")
    whole: dict[str, tuple[float, LayerSummary]] = {}
    for name, func in (
        ("hand-written binner", None),
        ("bincount(searchsorted)", _searchsorted_counts),
    ):
        with _binning(func):
            begin = time.perf_counter()
            summary = reduce_blocks(iter_dome_blocks(n_users, FOOTPRINT, rng=SEED), the_plan)
            whole[name] = (time.perf_counter() - begin, summary)
    for name in names:
        print(f"  sampling and reduction, {name:<24} {1e3 * whole[name][0]:>10,.0f} ms")
    print(
        f"  ratio searchsorted / hand-written: {whole[names[1]][0] / whole[names[0]][0]:.2f}; "
        f"identical summaries: {same(whole[names[0]][1], whole[names[1]][1])}"
    )


def malloc_section(n_users: int) -> None:
    """Two workers with the library's malloc settings and with Dask's, alternating."""
    print(f"Malloc settings of the local workers, 2 workers, {n_users:,} users:")
    for env, name in ((None, "library (LOCAL_WORKER_ENV)"), ({}, "Dask's defaults")) * 2:
        _, _, elapsed, peaks = on_cluster(n_users, 2, env)
        memory = ", ".join(f"{p:,.0f}" for p in peaks)
        print(f"  {name:<28} {1e3 * elapsed:>8,.0f} ms  peak RSS per worker {memory} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 million users instead of 1e8")
    parser.add_argument("--n-users", type=int, default=None, help="population size")
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[1, 2], help="worker counts to try"
    )
    parser.add_argument("--binning", action="store_true", help="the binning section only")
    parser.add_argument("--malloc", action="store_true", help="the malloc section only")
    args = parser.parse_args()
    n_users = args.n_users or (10_000_000 if args.quick else 100_000_000)
    os.environ.pop("SAGIN_DASK_SCHEDULER", None)  # always a local cluster here

    print(
        f"{n_users:,} users under a GEO footprint, blocks of {CHUNK_SIZE:,}; cores: {os.cpu_count()}"
    )
    if args.binning:
        binning_section(n_users)
    if args.malloc:
        malloc_section(n_users)
    if not (args.binning or args.malloc):
        workers_section(n_users, args.workers)


if __name__ == "__main__":
    main()
