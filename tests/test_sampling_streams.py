"""The block stream of :mod:`sagin_lib.sampling.streams`: chunks, blocks, seeds and counts.

The nodes are checked against independent computations: NumPy's own
``SeedSequence.spawn`` for the chunk seeds, the sphere and the cap by
``arccos`` of the dot product, the area law by a binomial test of the share in
the half-angle cap, and the Poisson count by NumPy's generator of the root.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.dome import Dome
from sagin_lib.sampling.area_uniform import sample_dome
from sagin_lib.sampling.streams import (
    CHUNK_SIZE,
    chunk_bounds,
    dome_chunk,
    iter_dome_blocks,
    iter_ppp_dome_blocks,
    n_chunks,
    ppp_total_count,
)

DOME = Dome(20.0, 0.3, 1.0, 2.0)


def _stream(block_size: int, chunk_size: int = 1000, n: int = 3500, rng: object = 5):
    blocks = list(iter_dome_blocks(n, DOME, block_size=block_size, rng=rng, chunk_size=chunk_size))
    return blocks, np.concatenate(blocks) if blocks else np.empty((0, 3))


def _centre(dome: Dome) -> np.ndarray:
    az, pol = dome.center_azimuth_rad, dome.center_polar_rad
    return np.array([math.sin(pol) * math.cos(az), math.sin(pol) * math.sin(az), math.cos(pol)])


def test_chunk_arithmetic() -> None:
    assert n_chunks(0, 1000) == 0 and n_chunks(1, 1000) == 1 and n_chunks(3500, 1000) == 4
    assert chunk_bounds(0, 0, 1000) == (0, 0)
    assert chunk_bounds(3, 3500, 1000) == (3000, 3500)
    assert chunk_bounds(1, 2 * CHUNK_SIZE) == (CHUNK_SIZE, 2 * CHUNK_SIZE)


@pytest.mark.parametrize("block_size", [1, 7, 999, 1000, 1001, 3500, 10_000])
def test_the_stream_does_not_depend_on_the_block_size(block_size) -> None:
    blocks, nodes = _stream(block_size)
    _, reference = _stream(1000)
    assert nodes.tobytes() == reference.tobytes()
    assert all(b.shape == (block_size, 3) for b in blocks[:-1])
    assert 0 < blocks[-1].shape[0] <= block_size


def test_nodes_lie_on_the_dome() -> None:
    _, nodes = _stream(1000)
    r = np.sqrt((nodes**2).sum(axis=1))
    np.testing.assert_allclose(r, EARTH_RADIUS_KM + 20.0, rtol=1e-13)
    angle = np.arccos(np.clip(nodes @ _centre(DOME) / r, -1.0, 1.0))
    assert angle.max() <= 0.3 + 1e-9


def test_nodes_are_uniform_by_area() -> None:
    # The cap of half the vertex angle holds sin^2(phi/4) / sin^2(phi/2) of the area.
    n = 200_000
    nodes = np.concatenate(list(iter_dome_blocks(n, DOME, rng=3, chunk_size=50_000)))
    angle = np.arccos(np.clip(nodes @ _centre(DOME) / (EARTH_RADIUS_KM + 20.0), -1.0, 1.0))
    share = math.sin(0.075) ** 2 / math.sin(0.15) ** 2
    inner = int(np.count_nonzero(angle <= 0.15))
    assert stats.binomtest(inner, n, share).pvalue > 1e-4


def test_chunk_i_is_drawn_from_the_ith_spawned_child() -> None:
    _, nodes = _stream(777)
    chunks = [dome_chunk(i, 3500, DOME, rng=5, chunk_size=1000) for i in (3, 1)]
    assert chunks[0].tobytes() == nodes[3000:].tobytes()
    assert chunks[1].tobytes() == nodes[1000:2000].tobytes()
    # Chunk 2 is sample_dome's draw from the root's third child, as NumPy spawns it.
    child = np.random.SeedSequence(5).spawn(3)[2]
    direct = sample_dome(1000, DOME, rng=np.random.default_rng(child))
    assert direct.tobytes() == nodes[2000:3000].tobytes()
    again = _stream(1000, rng=np.random.SeedSequence(5))[1]
    assert again.tobytes() == nodes.tobytes()


def test_the_default_chunk_size_crosses_chunks_identically() -> None:
    n = CHUNK_SIZE + 1234
    dome = Dome(0.0, 0.1)
    a = np.concatenate(list(iter_dome_blocks(n, dome, rng=11, block_size=300_000)))
    tail = dome_chunk(1, n, dome, rng=11)
    assert a.shape == (n, 3) and tail.tobytes() == a[CHUNK_SIZE:].tobytes()


def test_the_ppp_count_is_the_poisson_draw_of_the_root() -> None:
    dome = Dome(0.0, 0.05)
    density = 2e-3
    total = ppp_total_count(density, dome, rng=8)
    area = 2.0 * math.pi * EARTH_RADIUS_KM**2 * (1.0 - math.cos(0.05))
    assert total == int(np.random.default_rng(8).poisson(density * area))
    nodes = np.concatenate(
        list(iter_ppp_dome_blocks(density, dome, rng=8, block_size=100, chunk_size=500))
    )
    assert nodes.shape == (total, 3)
    first = dome_chunk(0, total, dome, rng=8, chunk_size=500)
    assert first.tobytes() == nodes[:500].tobytes()


def test_empty_streams_and_generator_seeds() -> None:
    assert list(iter_dome_blocks(0, DOME, rng=1)) == []
    assert list(iter_ppp_dome_blocks(0.0, DOME, rng=1)) == []
    a = _stream(20, n=50, rng=np.random.default_rng(3))[1]
    b = _stream(20, n=50, rng=np.random.default_rng(3))[1]
    assert a.tobytes() == b.tobytes()
    # A generator contributes 128 bits drawn from it: the root they make.
    root = np.random.SeedSequence(
        np.random.default_rng(3).integers(0, 2**32, size=4, dtype=np.uint64).tolist()
    )
    assert _stream(20, n=50, rng=root)[1].tobytes() == a.tobytes()


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: iter_dome_blocks(10, DOME, block_size=0), "block_size"),
        (lambda: iter_dome_blocks(-5, DOME), "n_total"),
        (lambda: iter_dome_blocks(5, DOME, rng=-1), "rng"),
        (lambda: iter_dome_blocks(5, DOME, chunk_size=0), "chunk_size"),
        (lambda: iter_dome_blocks(5, (0.0, 0.1)), "dome"),
        (lambda: iter_dome_blocks(5, Dome(0.0, [0.1, 0.2])), "dome"),
        (lambda: dome_chunk(4, 3500, DOME, rng=1, chunk_size=1000), "chunk_index"),
        (lambda: dome_chunk(0, 10, DOME, rng=None), "rng"),
        (lambda: dome_chunk(0, 10, DOME, rng=np.random.default_rng(1)), "rng"),
        (lambda: iter_ppp_dome_blocks(-1.0, DOME), "density_per_km2"),
        (lambda: ppp_total_count(1e-3, "dome", rng=1), "dome"),
        (lambda: n_chunks(5, 0), "chunk_size"),
        (lambda: chunk_bounds(-1, 5), "chunk_index"),
    ],
)
def test_bad_input_names_the_argument(call, name) -> None:
    with pytest.raises(ValueError, match=name):
        call()
