"""``dask_map``: a ``map`` that runs its calls as Dask tasks, results in input order.

Without a client it goes through Dask's local schedulers; with one (here an
in-process cluster of threads, quick to start) through ``client.map``, in
batches or not. The study's sweeps give the table of the plain ``map``.
"""

from __future__ import annotations

import logging
import math
import operator

import pandas as pd
import pytest

from sagin_lib.platforms.haps_coverage import HapsCoverageParams, coverage_sweep
from sagin_lib.scale.sweeps import dask_map

TIMEOUT = 60.0


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=1,
            threads_per_worker=2,
            processes=False,
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster, timeout=TIMEOUT) as c,
    ):
        yield c


@pytest.mark.parametrize("scheduler", ["sync", "threads", None])
def test_without_a_client_it_is_map(scheduler) -> None:
    mapper = dask_map(scheduler=scheduler)
    assert mapper(pow, [2, 3, 4], [2, 2]) == [4, 9]  # stops at the shortest, as map does
    assert mapper(abs, []) == []
    values = list(range(-20, 20))
    assert mapper(operator.neg, values) == [-v for v in values]


@pytest.mark.parametrize("batch_size", [None, 1, 3])
def test_with_a_client_results_come_back_in_input_order(client, batch_size) -> None:
    mapper = dask_map(client, batch_size=batch_size)
    values = list(range(10))
    assert mapper(pow, values, [3] * 10) == [v**3 for v in values]
    # Equal arguments are separate tasks (pure=False), each with its own result.
    assert mapper(math.hypot, [3, 3], [4, 4]) == [5.0, 5.0]
    assert mapper(abs, []) == []


def test_the_haps_sweep_on_dask_is_the_serial_table(client) -> None:
    args = (HapsCoverageParams(fading="rayleigh"), [0, 5, 40], [0, 60], 800)
    serial = coverage_sweep(*args, rng=12)
    for mapper in (dask_map(client, batch_size=2), dask_map(scheduler="threads")):
        got = coverage_sweep(*args, rng=12, map_function=mapper)
        pd.testing.assert_frame_equal(got, serial, check_exact=True)


def test_the_validation_monte_carlo_on_dask_is_the_serial_run(client) -> None:
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
    settings = {"mean_nodes": 30, "n_realisations": 8, "rng": 11}
    serial = dome_monte_carlo(domes, **settings)
    spread = dome_monte_carlo(domes, **settings, map_function=dask_map(client))
    assert set(serial) == set(spread)
    for name, table in serial.items():
        pd.testing.assert_frame_equal(table, spread[name], check_exact=True)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: dask_map(object()), "client"),
        (lambda: dask_map(scheduler="gpu"), "scheduler"),
        (lambda: dask_map(batch_size=0), "batch_size"),
        (lambda: dask_map(batch_size=True), "batch_size"),
        (lambda: dask_map(scheduler="sync")(5, [1]), "func"),
        (lambda: dask_map(scheduler="sync")(abs), "iterable"),
    ],
)
def test_bad_input_names_the_argument(call, name) -> None:
    with pytest.raises(ValueError, match=name):
        call()


def test_a_client_and_a_scheduler_are_refused_together(client) -> None:
    with pytest.raises(ValueError, match="scheduler"):
        dask_map(client, scheduler="sync")
