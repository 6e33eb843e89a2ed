"""Block reductions: right against direct computations, exact for any blocking, same on Dask.

The pure NumPy block functions are checked against direct per-node geometry
written here (angles by ``arccos`` of dot products, elevations by the law of
cosines, distances, brute-force nearest nodes); the drivers against each
other (serial stream, Dask's local schedulers); the hand-written binner
against ``np.searchsorted``. The two-worker cluster is in
``test_scale_cluster.py``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sagin_lib.model.constants import EARTH_RADIUS_KM, GEO_ALT_KM, LEO_ALT_KM
from sagin_lib.model.coverage import downlink_vertex_angle_rad
from sagin_lib.model.dome import Dome
from sagin_lib.sampling.streams import iter_dome_blocks
from sagin_lib.scale import reductions
from sagin_lib.scale.arrays import dask_dome_nodes
from sagin_lib.scale.reductions import (
    HistogramSpec,
    LayerSummary,
    ReceiverDome,
    ReductionPlan,
    Station,
    _Binner,
    combine_summaries,
    dask_reduce,
    dask_reduce_with_blocks,
    dask_table,
    reduce_block,
    reduce_blocks,
)

SMALL = 4096
N = 3 * SMALL + 517
AZ0, POL0 = 0.4, math.pi / 2
PHI = float(downlink_vertex_angle_rad(0.0, GEO_ALT_KM, math.radians(10.0)))
GEO = Station("GEO", GEO_ALT_KM, AZ0, POL0)
LEO = Station("LEO", LEO_ALT_KM, AZ0 + 0.3, POL0 - 0.2)
FOOTPRINT = Dome(0.0, PHI, AZ0, POL0)
BEAMS = tuple(
    ReceiverDome(
        f"beam-{k}", Dome(0.0, math.radians(r), AZ0 + math.radians(da), POL0 + math.radians(dp))
    )
    for k, (r, da, dp) in enumerate([(8.0, 0.0, 0.0), (5.0, 20.0, 10.0), (12.0, -30.0, -25.0)])
)
EL_EDGES = tuple(np.arange(0.0, 90.5, 2.5))
D_EDGES = tuple(np.arange(35_700.0, 41_000.0, 100.0))
PLAN = ReductionPlan(
    0.0,
    domes=(
        *BEAMS,
        ReceiverDome("everything", Dome(0.0, math.pi)),
        ReceiverDome("north", Dome(0.0, 0.3)),
    ),
    histograms=(
        HistogramSpec("geo-elevation", GEO, "elevation_deg", EL_EDGES),
        HistogramSpec("geo-distance", GEO, "distance_km", D_EDGES),
        HistogramSpec("leo-elevation", LEO, "elevation_deg", (0.0, 10.0, 30.0, 60.0, 90.0)),
    ),
    nearest=(
        GEO,
        LEO,
        *(Station(b.name, 0.0, b.dome.center_azimuth_rad, b.dome.center_polar_rad) for b in BEAMS),
    ),
)


def unit(az: float, pol: float) -> np.ndarray:
    return np.array([math.sin(pol) * math.cos(az), math.sin(pol) * math.sin(az), math.cos(pol)])


def angle_to(nodes: np.ndarray, az: float, pol: float) -> np.ndarray:
    r = np.sqrt((nodes**2).sum(axis=1))
    return np.arccos(np.clip(nodes @ unit(az, pol) / r, -1.0, 1.0))


def blocks(block_size: int, n: int = N, seed: int = 5):
    return iter_dome_blocks(n, FOOTPRINT, rng=seed, chunk_size=SMALL, block_size=block_size)


@pytest.fixture(scope="module")
def nodes() -> np.ndarray:
    return np.concatenate(list(blocks(N)))


def assert_same(a: LayerSummary, b: LayerSummary) -> None:
    assert a.n_nodes == b.n_nodes
    assert a.dome_counts.dtype == np.int64 and np.array_equal(a.dome_counts, b.dome_counts)
    for x, y in zip(a.histogram_counts, b.histogram_counts, strict=True):
        assert x.dtype == np.int64 and np.array_equal(x, y)
    assert np.array_equal(a.nearest_index, b.nearest_index)
    assert a.nearest_key_km.tobytes() == b.nearest_key_km.tobytes()
    assert a.nearest_distance_km.tobytes() == b.nearest_distance_km.tobytes()


# --- the block functions against direct computations -----------------------------------------


def test_dome_counts_match_in_dome(nodes) -> None:
    summary = reduce_block(nodes, PLAN)
    want = [
        int(
            np.count_nonzero(
                angle_to(nodes, d.dome.center_azimuth_rad, d.dome.center_polar_rad)
                <= d.dome.vertex_angle_rad
            )
        )
        for d in PLAN.domes
    ]
    assert summary.dome_counts.tolist() == want
    assert summary.dome_counts[3] == N
    assert summary.dome_counts[4] == 0  # the north cap is outside the GEO footprint


def test_elevation_histograms_match_the_elevation_of_every_node(nodes) -> None:
    summary = reduce_block(nodes, PLAN)
    for k, station in ((0, GEO), (2, LEO)):
        edges = np.asarray(PLAN.histograms[k].edges)
        # Law of cosines in the triangle (Earth's centre, node, station).
        d = np.linalg.norm(nodes - station.xyz_km, axis=1)
        rho, r = station.radius_km, EARTH_RADIUS_KM
        elev = np.degrees(np.arcsin((rho**2 - r**2 - d**2) / (2.0 * r * d)))
        want = np.bincount(np.searchsorted(edges, elev, side="right"), minlength=edges.size + 1)
        assert summary.histogram_counts[k].tolist() == want.tolist()
        assert summary.histogram_counts[k].sum() == N
    # Every user of the footprint sees the GEO at 10 degrees or more.
    assert summary.histogram_counts[0][: EL_EDGES.index(10.0)].sum() == 0


def test_distance_histogram_matches_the_distance_of_every_node(nodes) -> None:
    summary = reduce_block(nodes, PLAN)
    edges = np.asarray(D_EDGES)
    dist = np.linalg.norm(nodes - GEO.xyz_km, axis=1)
    # Distance bins are closed on the right: (d_i, d_(i+1)].
    want = np.bincount(np.searchsorted(edges, dist, side="left"), minlength=edges.size + 1)
    assert summary.histogram_counts[1].tolist() == want.tolist()
    table = summary.histogram_table("geo-distance")
    assert list(table.columns) == ["distance_low_km", "distance_high_km", "count"]
    assert table["count"].sum() == N and table["distance_low_km"].iloc[0] == -np.inf


def test_nearest_nodes_match_brute_force(nodes) -> None:
    summary = reduce_blocks(blocks(1000), PLAN)
    for k, station in enumerate(PLAN.nearest):
        dist = np.linalg.norm(nodes - station.xyz_km, axis=1)
        assert summary.nearest_index[k] == int(np.argmin(dist))
        assert summary.nearest_distance_km[k] == pytest.approx(dist.min(), rel=1e-12)
    # The nearest user to the GEO is close to the sub-satellite point.
    assert summary.nearest_distance_km[0] == pytest.approx(GEO_ALT_KM, rel=1e-3)


# --- exactness: any blocking, any order, Dask ---------------------------------------------------


@pytest.mark.parametrize("block_size", [1, 777, SMALL, N])
def test_results_do_not_depend_on_the_blocking(nodes, block_size) -> None:
    if block_size == 1:  # one node per block: the first 1,500 nodes are enough
        cut = (nodes[i : i + 1] for i in range(1500))
        assert_same(reduce_blocks(cut, PLAN), reduce_block(nodes[:1500], PLAN))
    else:
        assert_same(reduce_blocks(blocks(block_size), PLAN), reduce_block(nodes, PLAN))


@pytest.mark.parametrize("tile", [1, 1000, 4096])
def test_results_do_not_depend_on_the_cache_tile(nodes, tile, monkeypatch) -> None:
    part = nodes[:2000] if tile == 1 else nodes
    whole = reduce_block(part, PLAN)
    monkeypatch.setattr(reductions, "_TILE", tile)
    assert_same(reduce_block(part, PLAN), whole)


def test_combining_is_order_independent(nodes) -> None:
    cuts = [0, 10, 5000, 5001, 9000, N]
    parts = [reduce_block(nodes[a:b], PLAN, a) for a, b in zip(cuts, cuts[1:], strict=False)]
    forward = parts[0]
    for p in parts[1:]:
        forward = combine_summaries(forward, p)
    backward = parts[-1]
    for p in reversed(parts[:-1]):
        backward = combine_summaries(p, backward)
    tree = combine_summaries(
        combine_summaries(parts[3], parts[0]),
        combine_summaries(parts[4], combine_summaries(parts[2], parts[1])),
    )
    for other in (backward, tree):
        assert_same(forward, other)
    assert_same(forward, reduce_block(nodes, PLAN))


def test_ties_go_to_the_smallest_global_index() -> None:
    xyz = np.tile([[EARTH_RADIUS_KM, 0.0, 0.0]], (6, 1))
    plan = ReductionPlan(0.0, nearest=(Station("s", 100.0, 0.0, math.pi / 2),))
    late = reduce_block(xyz[3:], plan, 3)
    early = reduce_block(xyz[:3], plan, 0)
    assert combine_summaries(late, early).nearest_index.tolist() == [0]
    assert combine_summaries(early, late).nearest_index.tolist() == [0]


@pytest.mark.parametrize("scheduler", ["sync", "threads"])
def test_dask_reduce_equals_the_serial_stream(scheduler, tmp_path) -> None:
    lazy = dask_dome_nodes(N, FOOTPRINT, rng=5, chunk_size=SMALL)
    got = dask_reduce(lazy, PLAN, scheduler=scheduler, split_every=2, path=tmp_path / "run")
    assert_same(got, reduce_blocks(blocks(999), PLAN))
    written = {p.name for p in (tmp_path / "run").iterdir()}
    assert written == {
        "dome_counts.parquet",
        "histogram-geo-elevation.parquet",
        "histogram-geo-distance.parquet",
        "histogram-leo-elevation.parquet",
        "nearest.parquet",
    }
    back = pd.read_parquet(tmp_path / "run" / "dome_counts.parquet")
    pd.testing.assert_frame_equal(back, got.dome_counts_table())
    back = pd.read_parquet(tmp_path / "run" / "histogram-geo-elevation.parquet")
    pd.testing.assert_frame_equal(back, got.histogram_table("geo-elevation"))


def test_dask_table_gives_each_table_of_the_plan(tmp_path) -> None:
    lazy = dask_dome_nodes(N, FOOTPRINT, rng=5, chunk_size=SMALL)
    serial = reduce_blocks(blocks(SMALL), PLAN)
    assert PLAN.table_names() == [
        "dome_counts",
        "histogram-geo-elevation",
        "histogram-geo-distance",
        "histogram-leo-elevation",
        "nearest",
    ]
    counts = dask_table(lazy, PLAN, "dome_counts", path=tmp_path / "c.parquet", scheduler="sync")
    pd.testing.assert_frame_equal(counts, serial.dome_counts_table())
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "c.parquet"), counts)
    assert counts["count"].tolist() == serial.dome_counts.tolist()
    assert counts["vertex_angle_rad"].iloc[3] == math.pi
    hist = dask_table(lazy, PLAN, "histogram-geo-distance", scheduler="sync")
    pd.testing.assert_frame_equal(hist, serial.histogram_table("geo-distance"))
    near = dask_table(lazy, PLAN, "nearest", scheduler="sync")
    pd.testing.assert_frame_equal(near, serial.nearest_table())
    assert list(near.columns) == [
        "station",
        "alt_km",
        "azimuth_rad",
        "polar_rad",
        "node_index",
        "nearest_distance_km",
    ]
    with pytest.raises(ValueError, match="name must be one of"):
        dask_table(lazy, PLAN, "histogram-nope", scheduler="sync")
    with pytest.raises(ValueError, match="plan"):
        dask_table(lazy, "plan", "nearest")
    with pytest.raises(ValueError, match="name must be one of"):
        serial.table("elevation")


def test_empty_population() -> None:
    lazy = dask_dome_nodes(0, FOOTPRINT, rng=1)
    got = dask_reduce(lazy, PLAN, scheduler="sync")
    assert got.n_nodes == 0 and not got.dome_counts.any()
    assert all(h.sum() == 0 for h in got.histogram_counts)
    assert got.nearest_index.tolist() == [-1] * len(PLAN.nearest)
    assert_same(got, reduce_blocks([], PLAN))


# --- the exact fast binning ---------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    thresholds=st.lists(
        st.floats(-1e5, 1e5, allow_nan=False, allow_infinity=False), min_size=1, max_size=60
    ),
    extra=st.lists(st.floats(-1e6, 1e6, allow_nan=False), max_size=50),
    scale=st.sampled_from([1e-9, 1.0, 1e3]),
)
def test_binner_is_exactly_searchsorted(thresholds, extra, scale) -> None:
    thr = np.sort(np.asarray(thresholds)) * scale
    probes = np.concatenate(
        [
            thr,
            np.nextafter(thr, np.inf),
            np.nextafter(thr, -np.inf),
            np.asarray(extra, dtype=float),
            np.linspace(thr[0] - 1.0, thr[-1] + 1.0, 101),
            [-1e300, 1e300, -np.inf, np.inf],
        ]
    )
    got = _Binner.build(thr).index(probes)
    assert got.tolist() == np.searchsorted(thr, probes, side="right").tolist()


def test_binner_sends_nan_to_the_underflow_bin() -> None:
    binner = _Binner.build(np.array([0.0, 1.0]))
    with np.errstate(invalid="raise", over="raise"):
        assert binner.index(np.array([np.nan, 0.5, 2.0])).tolist() == [0, 1, 2]


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "name"),
    [
        (lambda: Station("", 0.0), "name"),
        (lambda: Station("s", -1.0), "alt_km"),
        (lambda: Station("s", 1.0, 0.0, 4.0), "center_polar_rad"),
        (lambda: Station("s", 1.0, math.nan), "center_azimuth_rad"),
        (lambda: ReceiverDome("", Dome(0.0, 0.1)), "name"),
        (lambda: ReceiverDome("d", 0.1), "dome"),
        (lambda: ReceiverDome("d", Dome(0.0, [0.1, 0.2])), "dome"),
        (lambda: ReductionPlan(5.0, domes=(BEAMS[0],)), "domes"),
        (lambda: HistogramSpec("h", GEO, "speed", (0.0, 1.0)), "quantity"),
        (lambda: HistogramSpec("h", GEO, "elevation_deg", (0.0,)), "edges"),
        (lambda: HistogramSpec("h", GEO, "elevation_deg", (10.0, 5.0)), "edges"),
        (lambda: HistogramSpec("h", GEO, "elevation_deg", (0.0, 95.0)), "edges"),
        (lambda: HistogramSpec("h", GEO, "distance_km", (-1.0, 5.0)), "edges"),
        (lambda: HistogramSpec("h", GEO, "distance_km", "abc"), "edges"),
        (lambda: HistogramSpec("h", "GEO", "distance_km", (0.0, 1.0)), "station"),
        (lambda: ReductionPlan(-1.0), "node_alt_km"),
        (lambda: ReductionPlan(0.0, domes=("d",)), "domes"),
        (lambda: ReductionPlan(0.0, nearest=("s",)), "nearest"),
        (
            lambda: ReductionPlan(0.0, histograms=(PLAN.histograms[0], PLAN.histograms[0])),
            "histograms",
        ),
        (
            lambda: ReductionPlan(
                GEO_ALT_KM, histograms=(HistogramSpec("h", GEO, "elevation_deg", (0.0, 9.0)),)
            ),
            "histograms",
        ),
    ],
)
def test_bad_specs_name_the_argument(make, name) -> None:
    with pytest.raises(ValueError, match=name):
        make()


def test_bad_blocks_and_drivers(nodes) -> None:
    with pytest.raises(ValueError, match="xyz_km"):
        reduce_block(nodes[:, :2], PLAN)
    with pytest.raises(ValueError, match="xyz_km"):
        reduce_block(nodes.astype(np.float32), PLAN)
    with pytest.raises(ValueError, match="xyz_km"):
        reduce_block(nodes * 1.01, PLAN)  # not on the plan's layer
    with pytest.raises(ValueError, match="offset"):
        reduce_block(nodes, PLAN, -1)
    with pytest.raises(ValueError, match="plan"):
        reduce_block(nodes, "plan")
    with pytest.raises(ValueError, match="ReductionPlan"):
        combine_summaries(
            reduce_block(nodes[:5], PLAN), reduce_block(nodes[:5], ReductionPlan(0.0))
        )
    with pytest.raises(ValueError, match="nodes"):
        dask_reduce(nodes, PLAN)
    lazy = dask_dome_nodes(100, FOOTPRINT, rng=1)
    with pytest.raises(ValueError, match="split_every"):
        dask_reduce(lazy, PLAN, split_every=1)
    with pytest.raises(ValueError, match="name"):
        reduce_block(nodes[:5], PLAN).histogram_table("nope")


def test_reduce_with_blocks_returns_the_total_and_the_workers_block_summaries() -> None:
    nodes = dask_dome_nodes(N, FOOTPRINT, rng=11, chunk_size=SMALL)
    total, blocks = dask_reduce_with_blocks(nodes, PLAN, [3, 0, 3], scheduler="sync")
    serial = list(iter_dome_blocks(N, FOOTPRINT, rng=11, block_size=SMALL, chunk_size=SMALL))
    reference = reduce_blocks(serial, PLAN)
    assert total.n_nodes == N and np.array_equal(total.dome_counts, reference.dome_counts)
    assert np.array_equal(total.nearest_index, reference.nearest_index)
    assert list(blocks) == [3, 0]
    last = reduce_block(serial[3], PLAN, 3 * SMALL)
    assert blocks[3].n_nodes == 517 and np.array_equal(blocks[3].nearest_index, last.nearest_index)
    assert np.array_equal(blocks[0].dome_counts, reduce_block(serial[0], PLAN).dome_counts)
    none_total, none = dask_reduce_with_blocks(nodes, PLAN, [], scheduler="sync")
    assert none == {} and np.array_equal(none_total.dome_counts, total.dome_counts)
    with pytest.raises(ValueError, match=r"blocks must hold block indices in \[0, 4\)"):
        dask_reduce_with_blocks(nodes, PLAN, [4], scheduler="sync")
