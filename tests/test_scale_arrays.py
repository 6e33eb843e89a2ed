"""The Dask node arrays: bit-for-bit the streaming sampler's nodes, on Dask's local schedulers.

The same identities on a two-worker LocalCluster are in ``test_scale_cluster.py``.
"""

from __future__ import annotations

import math

import dask
import dask.array as da
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sagin_lib.model.dome import Dome
from sagin_lib.sampling.streams import (
    CHUNK_SIZE,
    dome_chunk,
    iter_dome_blocks,
    iter_ppp_dome_blocks,
    n_chunks,
)
from sagin_lib.scale.arrays import (
    LayerDome,
    check_node_array,
    dask_dome_nodes,
    dask_layer_nodes,
    dask_ppp_dome_nodes,
    node_block_offsets,
)

SMALL = 4096


def serial(n, dome, *, rng, chunk_size=SMALL, block_size=1000):
    blocks = list(iter_dome_blocks(n, dome, rng=rng, chunk_size=chunk_size, block_size=block_size))
    return np.concatenate(blocks) if blocks else np.empty((0, 3))


@pytest.mark.parametrize("scheduler", ["sync", "threads"])
def test_dome_nodes_equal_the_stream_bit_for_bit(scheduler: str) -> None:
    n = 3 * SMALL + 123
    dome = Dome(600.0, 0.3, 1.1, 2.0)
    nodes = dask_dome_nodes(n, dome, rng=42, chunk_size=SMALL)
    assert nodes.shape == (n, 3) and nodes.dtype == np.float64
    assert nodes.chunks == ((SMALL, SMALL, SMALL, 123), (3,))
    got = nodes.compute(scheduler=scheduler)
    assert got.tobytes() == serial(n, dome, rng=42).tobytes()


def test_default_chunk_size_matches_the_stream() -> None:
    n = CHUNK_SIZE + 10
    dome = Dome(0.0, 0.05)
    nodes = dask_dome_nodes(n, dome, rng=3)
    assert nodes.chunks[0] == (CHUNK_SIZE, 10)
    # The short last block alone: one chunk of the stream, by the pure chunk function.
    last = nodes.blocks[1].compute(scheduler="sync")
    assert np.array_equal(last, dome_chunk(1, n, dome, rng=3))


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(0, 2500),
    chunk=st.integers(1, 900),
    phi=st.floats(1e-6, math.pi),
    pol=st.floats(0.0, math.pi),
    seed=st.integers(0, 2**63),
)
def test_identity_for_any_size_and_chunking(n, chunk, phi, pol, seed) -> None:
    dome = Dome(20.0, phi, 0.7, pol)
    nodes = dask_dome_nodes(n, dome, rng=seed, chunk_size=chunk)
    assert nodes.shape == (n, 3)
    got = nodes.compute(scheduler="sync")
    assert got.tobytes() == serial(n, dome, rng=seed, chunk_size=chunk).tobytes()


def test_seed_sequence_and_generator_seeds_are_fixed_once() -> None:
    dome = Dome(0.0, 0.2)
    root = np.random.SeedSequence(123, spawn_key=(4,))
    a = dask_dome_nodes(5000, dome, rng=root, chunk_size=SMALL).compute(scheduler="sync")
    assert np.array_equal(a, serial(5000, dome, rng=root))
    # A None seed draws entropy once: computing twice gives the same nodes.
    lazy = dask_dome_nodes(3000, dome, rng=None, chunk_size=1000)
    assert np.array_equal(lazy.compute(scheduler="sync"), lazy.compute(scheduler="threads"))
    lazy = dask_dome_nodes(3000, dome, rng=np.random.default_rng(5), chunk_size=1000)
    assert np.array_equal(lazy.compute(scheduler="sync"), lazy.compute(scheduler="sync"))


def test_graph_names_are_deterministic_and_seed_dependent() -> None:
    dome = Dome(0.0, 0.2)
    a = dask_dome_nodes(5000, dome, rng=1, chunk_size=SMALL)
    b = dask_dome_nodes(5000, Dome(0.0, 0.2), rng=1, chunk_size=SMALL)
    c = dask_dome_nodes(5000, dome, rng=2, chunk_size=SMALL)
    d = dask_dome_nodes(5000, Dome(0.0, 0.2, 0.1), rng=1, chunk_size=SMALL)
    assert a.name == b.name
    assert len({a.name, c.name, d.name}) == 3


def test_ppp_nodes_equal_the_stream() -> None:
    dome = Dome(0.0, 0.25, 2.5, 1.0)
    nodes = dask_ppp_dome_nodes(2e-3, dome, rng=9, chunk_size=SMALL)
    want = np.concatenate(list(iter_ppp_dome_blocks(2e-3, dome, rng=9, chunk_size=SMALL)))
    assert nodes.shape == want.shape and want.shape[0] > 3 * SMALL
    assert nodes.compute(scheduler="threads").tobytes() == want.tobytes()


def test_empty_populations() -> None:
    nodes = dask_dome_nodes(0, Dome(0.0, 0.2), rng=1)
    assert nodes.shape == (0, 3)
    assert nodes.compute(scheduler="sync").shape == (0, 3)
    assert dask_ppp_dome_nodes(0.0, Dome(0.0, 0.2), rng=1).shape == (0, 3)


def test_whole_sphere_and_layers() -> None:
    sphere = dask_dome_nodes(5000, Dome(550.0, math.pi), rng=4, chunk_size=SMALL)
    got = sphere.compute(scheduler="sync")
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 6371.0 + 550.0, rtol=1e-13)

    domes = [
        LayerDome(2500, Dome(550.0, 0.1, 0.0, 1.0)),
        LayerDome(0, Dome(550.0, 0.2)),
        LayerDome(7000, Dome(550.0, math.pi)),
    ]
    layer = dask_layer_nodes(domes, rng=11, chunk_size=SMALL)
    # Dome d is streamed from the d-th child of the root, as SeedSequence.spawn gives it.
    children = np.random.SeedSequence(11).spawn(3)
    want = np.concatenate(
        [serial(d.n_total, d.dome, rng=c) for d, c in zip(domes, children, strict=True)]
    )
    assert layer.shape == (9500, 3)
    assert max(layer.chunks[0]) <= SMALL
    assert layer.compute(scheduler="sync").tobytes() == want.tobytes()
    assert node_block_offsets(layer) == [0, *np.cumsum(layer.chunks[0])[:-1].tolist()]


def test_generation_stays_lazy_and_blockwise() -> None:
    n = 10 * SMALL
    dome = Dome(0.0, 0.2)
    nodes = dask_dome_nodes(n, dome, rng=1, chunk_size=SMALL)
    assert nodes.numblocks == (n_chunks(n, SMALL), 1)
    # Each block depends on nothing but its own task.
    assert len(dict(nodes.__dask_graph__())) == nodes.numblocks[0]
    total = dask.compute(nodes.sum(axis=0), scheduler="threads")[0]
    np.testing.assert_allclose(total, serial(n, dome, rng=1).sum(axis=0), rtol=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"n_total": -1}, "n_total"),
        ({"n_total": 2.5}, "n_total"),
        ({"dome": (0.0, 0.2)}, "dome"),
        ({"dome": Dome(0.0, [0.1, 0.2])}, "dome"),
        ({"chunk_size": 0}, "chunk_size"),
        ({"rng": -3}, "rng"),
        ({"rng": "abc"}, "rng"),
    ],
)
def test_bad_input_names_the_argument(kwargs, name) -> None:
    args = {"n_total": 10, "dome": Dome(0.0, 0.2), "rng": 1} | kwargs
    with pytest.raises(ValueError, match=name):
        dask_dome_nodes(**args)


def test_bad_input_ppp_and_layers() -> None:
    with pytest.raises(ValueError, match="density_per_km2"):
        dask_ppp_dome_nodes(-1.0, Dome(0.0, 0.2), rng=1)
    with pytest.raises(ValueError, match="domes"):
        dask_layer_nodes([], rng=1)
    with pytest.raises(ValueError, match="domes"):
        dask_layer_nodes([(10, Dome(0.0, 0.2))], rng=1)
    with pytest.raises(ValueError, match="one layer"):
        dask_layer_nodes([LayerDome(1, Dome(0.0, 0.2)), LayerDome(1, Dome(5.0, 0.2))], rng=1)
    with pytest.raises(ValueError, match="n_total"):
        LayerDome(-1, Dome(0.0, 0.2))
    with pytest.raises(ValueError, match="dome"):
        LayerDome(1, 0.2)
    with pytest.raises(ValueError, match="nodes"):
        node_block_offsets(np.zeros((3, 3)))
    with pytest.raises(ValueError, match="nodes"):
        check_node_array(da.zeros((4, 3), chunks=(2, 1)))
    unknown = da.zeros((4, 3), chunks=(2, 3))
    unknown = unknown[unknown[:, 0] >= 0]
    with pytest.raises(ValueError, match="known chunk sizes"):
        check_node_array(unknown)
