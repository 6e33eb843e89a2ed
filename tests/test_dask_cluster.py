"""On a two-worker LocalCluster (loopback): sampling, reductions and sweeps equal the serial run.

One cluster serves the module; it is closed by its fixture. No timing
assertions: a slow machine only makes the tests slower.
"""

from __future__ import annotations

import logging
import math
import os

import numpy as np
import pandas as pd
import pytest

from sagin_lib import HapsCoverageParams, coverage_sweep
from sagin_lib.model.constants import GEO_ALT_KM
from sagin_lib.model.coverage import downlink_vertex_angle_rad
from sagin_lib.sampling.streams import iter_dome_blocks, iter_ppp_dome_blocks
from sagin_lib.scale.arrays import dask_dome_nodes, dask_ppp_dome_nodes
from sagin_lib.scale.cluster import (
    LOCAL_WORKER_ENV,
    SCHEDULER_ENV_VAR,
    get_client,
    peak_rss_mib,
    reset_peak_rss,
    scheduler_address,
    worker_peak_rss_mib,
)
from sagin_lib.scale.reductions import (
    HistogramSpec,
    ReceiverDome,
    ReductionPlan,
    Station,
    dask_reduce,
    reduce_blocks,
)
from sagin_lib.scale.sweeps import dask_map

SMALL = 4096
TIMEOUT = 120.0


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        silence_logs=logging.ERROR,
    ) as local:
        yield local


@pytest.fixture(scope="module")
def client(cluster):
    from distributed import Client

    with Client(cluster, timeout=TIMEOUT) as c:
        c.wait_for_workers(2, timeout=TIMEOUT)
        yield c


def test_the_cluster_has_two_loopback_workers(client) -> None:
    workers = client.scheduler_info(n_workers=-1)["workers"]
    assert len(workers) == 2
    assert all(address.startswith("tcp://127.0.0.1:") for address in workers)


def test_dome_nodes_on_the_cluster_equal_the_stream(client) -> None:
    n = 3 * SMALL + 77
    nodes = dask_dome_nodes(n, 20.0, 0.4, 2.0, 1.0, seed=2024, chunk_size=SMALL)
    got = client.compute(nodes).result(timeout=TIMEOUT)
    want = np.concatenate(
        list(iter_dome_blocks(n, 20.0, 0.4, 2.0, 1.0, rng=2024, chunk_size=SMALL, block_size=500))
    )
    assert got.tobytes() == want.tobytes()
    # The blocks are drawn and held on the workers, not on the client.
    from distributed import wait

    held = client.persist(nodes)
    wait(held, timeout=TIMEOUT)
    who = client.who_has(held)
    assert len(who) == nodes.numblocks[0]
    assert {w for workers in who.values() for w in workers} <= set(
        client.scheduler_info(n_workers=-1)["workers"]
    )
    assert held.compute().tobytes() == want.tobytes()
    del held


def test_ppp_nodes_on_the_cluster_equal_the_stream(client) -> None:
    args = (2e-3, 0.0, 0.25, 2.5, 1.0)
    got = client.compute(dask_ppp_dome_nodes(*args, seed=8, chunk_size=SMALL)).result(
        timeout=TIMEOUT
    )
    want = np.concatenate(list(iter_ppp_dome_blocks(*args, rng=8, chunk_size=SMALL)))
    assert got.tobytes() == want.tobytes()


def test_reductions_on_the_cluster_equal_the_serial_stream(client, tmp_path) -> None:
    phi = float(downlink_vertex_angle_rad(0.0, GEO_ALT_KM, math.radians(10.0)))
    geo = Station("GEO", GEO_ALT_KM, 0.5, math.pi / 2)
    beams = tuple(
        ReceiverDome(f"beam-{k}", math.radians(6.0), 0.5 + math.radians(12.0 * k), math.pi / 2)
        for k in range(3)
    )
    plan = ReductionPlan(
        0.0,
        domes=beams,
        histograms=(
            HistogramSpec("elevation", geo, "elevation_deg", tuple(range(0, 91, 5))),
            HistogramSpec("distance", geo, "distance_km", tuple(range(35_700, 41_001, 100))),
        ),
        nearest=(geo, *(Station(b.name, 0.0, b.center_azimuth_rad, 0.5 * math.pi) for b in beams)),
    )
    n = 3 * SMALL + 5
    nodes = dask_dome_nodes(n, 0.0, phi, 0.5, math.pi / 2, seed=77, chunk_size=SMALL)
    got = dask_reduce(nodes, plan, path=tmp_path / "parquet")  # the client is the default
    want = reduce_blocks(
        iter_dome_blocks(n, 0.0, phi, 0.5, math.pi / 2, rng=77, chunk_size=SMALL, block_size=999),
        plan,
    )
    assert got.n_nodes == want.n_nodes == n
    assert got.dome_counts.tolist() == want.dome_counts.tolist()
    assert [h.tolist() for h in got.histogram_counts] == [h.tolist() for h in want.histogram_counts]
    assert sum(got.histogram_counts[0]) == n
    assert got.nearest_index.tolist() == want.nearest_index.tolist()
    assert got.nearest_distance_km.tobytes() == want.nearest_distance_km.tobytes()
    back = pd.read_parquet(tmp_path / "parquet" / "histogram-elevation.parquet")
    pd.testing.assert_frame_equal(back, want.histogram_table("elevation"))


def test_haps_sweep_on_the_cluster_equals_the_serial_sweep(client) -> None:
    params = HapsCoverageParams(fading="rayleigh")
    args = (params, [0, 5, 40], [0, 60], 1500)
    serial = coverage_sweep(*args, seed=12)
    on_cluster = coverage_sweep(*args, seed=12, map_function=dask_map(client))
    pd.testing.assert_frame_equal(on_cluster, serial, check_exact=True)
    batched = coverage_sweep(*args, seed=12, map_function=dask_map(client, batch_size=2))
    pd.testing.assert_frame_equal(batched, serial, check_exact=True)


def test_validation_monte_carlo_on_the_cluster_equals_the_serial_run(client) -> None:
    from sagin_lib.sampling.monte_carlo import dome_monte_carlo, six_scenario_domes

    domes = six_scenario_domes(
        freq_hz=2e9,
        satellite_diameter_m=2.0,
        aerial_diameter_m=0.5,
        kappa_rad=math.radians(70.0),
        min_elevation_rad=math.radians(10.0),
        air_alt_km=20.0,
        space_alt_km=600.0,
    )
    settings = {"mean_nodes": 30, "n_realisations": 8, "seed": 11}
    serial = dome_monte_carlo(domes, **settings)
    spread = dome_monte_carlo(domes, **settings, map_function=dask_map(client))
    assert set(serial) == set(spread)
    for name, table in serial.items():
        pd.testing.assert_frame_equal(table, spread[name], check_exact=True)


def test_get_client_connects_to_a_given_scheduler_and_leaves_it_running(
    cluster, monkeypatch
) -> None:
    monkeypatch.delenv(SCHEDULER_ENV_VAR, raising=False)
    with get_client(cluster.scheduler_address) as c:
        assert c.scheduler.address == cluster.scheduler_address
        assert dask_map(c)(pow, [2, 3], [5, 2]) == [32, 9]
    assert cluster.status.name == "running"
    monkeypatch.setenv(SCHEDULER_ENV_VAR, cluster.scheduler_address)
    with get_client() as c:
        assert c.scheduler.address == cluster.scheduler_address
        assert len(c.scheduler_info(n_workers=-1)["workers"]) == 2
    assert cluster.status.name == "running"


def _malloc_env() -> tuple[str | None, str | None]:
    return os.environ.get("MALLOC_MMAP_THRESHOLD_"), os.environ.get("MALLOC_TRIM_THRESHOLD_")


def test_get_client_starts_and_closes_a_local_cluster(monkeypatch) -> None:
    monkeypatch.delenv(SCHEDULER_ENV_VAR, raising=False)
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "12345")
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    with get_client(n_workers=1, threads_per_worker=1) as c:
        local = c.cluster
        assert local is not None
        assert c.scheduler.address.startswith("tcp://127.0.0.1:")
        # The workers start with the chunk-friendly malloc settings; this
        # process keeps its own environment.
        (worker_env,) = c.run(_malloc_env).values()
        assert tuple(worker_env) == (
            LOCAL_WORKER_ENV["MALLOC_MMAP_THRESHOLD_"],
            LOCAL_WORKER_ENV["MALLOC_TRIM_THRESHOLD_"],
        )
        assert _malloc_env() == (None, "12345")
        peaks = worker_peak_rss_mib(c)
        assert len(peaks) == 1 and all(v > 0 for v in peaks.values())
        current = worker_peak_rss_mib(c, reset=True)
        assert set(current) == set(peaks)
    assert local.status.name == "closed"
    assert c.status == "closed"


def test_scheduler_address_resolution(monkeypatch) -> None:
    monkeypatch.delenv(SCHEDULER_ENV_VAR, raising=False)
    assert scheduler_address(None) is None
    assert scheduler_address("") is None
    assert scheduler_address(" tcp://h:1 ") == "tcp://h:1"
    monkeypatch.setenv(SCHEDULER_ENV_VAR, "tcp://env:8786")
    assert scheduler_address("") == "tcp://env:8786"
    assert scheduler_address("tcp://arg:1") == "tcp://arg:1"
    with pytest.raises(ValueError, match="address"):
        scheduler_address(8786)


def test_peak_rss_of_this_process() -> None:
    assert peak_rss_mib() > 0
    assert isinstance(reset_peak_rss(), bool)
    assert peak_rss_mib() > 0


def test_dask_map_without_a_cluster_is_map() -> None:
    params = HapsCoverageParams()
    args = (params, [0, 10], [0, 30], 800)
    serial = coverage_sweep(*args, seed=4)
    for scheduler in ("sync", "threads"):
        got = coverage_sweep(*args, seed=4, map_function=dask_map(scheduler=scheduler))
        pd.testing.assert_frame_equal(got, serial, check_exact=True)
    assert dask_map(scheduler="sync")(abs, []) == []
    assert dask_map(scheduler="sync")(pow, [2, 3, 4], [2, 2]) == [4, 9]


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: get_client(n_workers=0).__enter__(), "n_workers"),
        (lambda: get_client(threads_per_worker=1.5).__enter__(), "threads_per_worker"),
        (lambda: get_client(timeout=0).__enter__(), "timeout"),
        (lambda: get_client(address=5).__enter__(), "address"),
        (lambda: get_client(worker_env={"A": 1}).__enter__(), "worker_env"),
        (lambda: dask_map(object()), "client"),
        (lambda: dask_map(scheduler="gpu"), "scheduler"),
        (lambda: dask_map(batch_size=0), "batch_size"),
        (lambda: dask_map(scheduler="sync")(5, [1]), "func"),
        (lambda: dask_map(scheduler="sync")(abs), "iterable"),
        (lambda: worker_peak_rss_mib(None), "client"),
    ],
)
def test_bad_input_names_the_argument(call, name) -> None:
    with pytest.raises(ValueError, match=name):
        call()
