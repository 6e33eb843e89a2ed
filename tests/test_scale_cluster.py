"""Where the Dask computations run: ``get_client`` and a two-worker LocalCluster (loopback).

On the cluster, the node arrays and the reductions equal the serial stream.
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

from sagin_lib.model.constants import GEO_ALT_KM
from sagin_lib.model.coverage import downlink_vertex_angle_rad
from sagin_lib.model.dome import Dome
from sagin_lib.sampling.streams import iter_dome_blocks, iter_ppp_dome_blocks
from sagin_lib.scale.arrays import dask_dome_nodes, dask_ppp_dome_nodes
from sagin_lib.scale.cluster import (
    LOCAL_WORKER_ENV,
    SCHEDULER_ENV_VAR,
    get_client,
    scheduler_address,
)
from sagin_lib.scale.reductions import (
    HistogramSpec,
    ReceiverDome,
    ReductionPlan,
    Station,
    dask_reduce,
    reduce_blocks,
)

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
    dome = Dome(20.0, 0.4, 2.0, 1.0)
    nodes = dask_dome_nodes(n, dome, rng=2024, chunk_size=SMALL)
    got = client.compute(nodes).result(timeout=TIMEOUT)
    want = np.concatenate(
        list(iter_dome_blocks(n, dome, rng=2024, chunk_size=SMALL, block_size=500))
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
    args = (2e-3, Dome(0.0, 0.25, 2.5, 1.0))
    got = client.compute(dask_ppp_dome_nodes(*args, rng=8, chunk_size=SMALL)).result(
        timeout=TIMEOUT
    )
    want = np.concatenate(list(iter_ppp_dome_blocks(*args, rng=8, chunk_size=SMALL)))
    assert got.tobytes() == want.tobytes()


def test_reductions_on_the_cluster_equal_the_serial_stream(client, tmp_path) -> None:
    phi = float(downlink_vertex_angle_rad(0.0, GEO_ALT_KM, math.radians(10.0)))
    geo = Station("GEO", GEO_ALT_KM, 0.5, math.pi / 2)
    centres = [0.5 + math.radians(12.0 * k) for k in range(3)]
    beams = tuple(
        ReceiverDome(f"beam-{k}", Dome(0.0, math.radians(6.0), az, math.pi / 2))
        for k, az in enumerate(centres)
    )
    plan = ReductionPlan(
        0.0,
        domes=beams,
        histograms=(
            HistogramSpec("elevation", geo, "elevation_deg", tuple(range(0, 91, 5))),
            HistogramSpec("distance", geo, "distance_km", tuple(range(35_700, 41_001, 100))),
        ),
        nearest=(
            geo,
            *(
                Station(b.name, 0.0, az, 0.5 * math.pi)
                for b, az in zip(beams, centres, strict=True)
            ),
        ),
    )
    n = 3 * SMALL + 5
    footprint = Dome(0.0, phi, 0.5, math.pi / 2)
    nodes = dask_dome_nodes(n, footprint, rng=77, chunk_size=SMALL)
    got = dask_reduce(nodes, plan, path=tmp_path / "parquet")  # the client is the default
    want = reduce_blocks(
        iter_dome_blocks(n, footprint, rng=77, chunk_size=SMALL, block_size=999), plan
    )
    assert got.n_nodes == want.n_nodes == n
    assert got.dome_counts.tolist() == want.dome_counts.tolist()
    assert [h.tolist() for h in got.histogram_counts] == [h.tolist() for h in want.histogram_counts]
    assert sum(got.histogram_counts[0]) == n
    assert got.nearest_index.tolist() == want.nearest_index.tolist()
    assert got.nearest_distance_km.tobytes() == want.nearest_distance_km.tobytes()
    back = pd.read_parquet(tmp_path / "parquet" / "histogram-elevation.parquet")
    pd.testing.assert_frame_equal(back, want.histogram_table("elevation"))


def test_get_client_connects_to_a_given_scheduler_and_leaves_it_running(
    cluster, monkeypatch
) -> None:
    monkeypatch.delenv(SCHEDULER_ENV_VAR, raising=False)
    with get_client(cluster.scheduler_address) as c:
        assert c.scheduler.address == cluster.scheduler_address
        assert c.submit(pow, 2, 5).result(timeout=TIMEOUT) == 32
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


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: get_client(n_workers=0).__enter__(), "n_workers"),
        (lambda: get_client(threads_per_worker=1.5).__enter__(), "threads_per_worker"),
        (lambda: get_client(timeout=0).__enter__(), "timeout"),
        (lambda: get_client(address=5).__enter__(), "address"),
        (lambda: get_client(worker_env={"A": 1}).__enter__(), "worker_env"),
    ],
)
def test_bad_input_names_the_argument(call, name) -> None:
    with pytest.raises(ValueError, match=name):
        call()
