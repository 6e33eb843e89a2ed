"""Dome sampling at scale: a seeded stream of fixed-size chunks.

A population of ``n_total`` nodes is split into chunks of ``CHUNK_SIZE``
nodes (the last one shorter). Chunk ``i`` is drawn by :func:`sample_dome`
from its own generator, seeded by the child ``SeedSequence(entropy,
spawn_key=root.spawn_key + (i,))`` of one root ``SeedSequence``: the child
that ``root.spawn`` would give as its ``i``-th. So

* any chunk can be generated alone, on any worker, by the pure function
  :func:`dome_chunk` of (root seed, chunk index, parameters): a distributed
  layer only has to map it over ``range(n_chunks(n_total))``;
* :func:`iter_dome_blocks` yields blocks of any ``block_size`` cut from the
  concatenation of the chunks, so the same seed gives the same nodes, in the
  same order, whatever the block size;
* memory stays at about one chunk plus one block (a few tens of MB for the
  defaults), whatever ``n_total``.

For a Poisson process, the total count is drawn first, from a generator
seeded by the root itself (:func:`ppp_total_count`); the chunks then place
that many nodes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from sagin_lib._checks import FloatArray, check_count
from sagin_lib.model.sphere import check_center_angles, check_vertex_angle, yaw_pitch_matrix
from sagin_lib.sampling.area_uniform import _fill_dome, layer_radius_km, ppp_mean_count

__all__ = [
    "CHUNK_SIZE",
    "chunk_bounds",
    "chunk_seed_sequence",
    "dome_chunk",
    "iter_dome_blocks",
    "iter_ppp_dome_blocks",
    "n_chunks",
    "ppp_total_count",
    "root_seed_sequence",
]

#: Nodes per chunk. Part of the definition of the stream: the nodes a seed
#: gives depend on it (but not on the block size).
CHUNK_SIZE: int = 1 << 20

SeedLike = int | np.random.SeedSequence | np.random.Generator | None


def root_seed_sequence(seed: SeedLike) -> np.random.SeedSequence:
    """The root ``SeedSequence`` of a stream.

    Parameters
    ----------
    seed : int, numpy.random.SeedSequence, numpy.random.Generator or None
        An int (the reproducible choice) or a SeedSequence is used as is; a
        Generator contributes 128 bits drawn from it (reproducible if the
        generator is); None takes fresh entropy from the operating system.

    Returns
    -------
    numpy.random.SeedSequence

    Raises
    ------
    ValueError
        For a negative int or another type.
    """
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if isinstance(seed, np.random.Generator):
        return np.random.SeedSequence(seed.integers(0, 2**32, size=4, dtype=np.uint64).tolist())
    if seed is None:
        return np.random.SeedSequence()
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(
            f"rng must be a non-negative int, a SeedSequence, a Generator or None; got {seed!r}"
        )
    return np.random.SeedSequence(int(seed))


def chunk_seed_sequence(root: np.random.SeedSequence, chunk_index: int) -> np.random.SeedSequence:
    """The seed of chunk ``chunk_index``: ``SeedSequence(root.entropy, spawn_key=root.spawn_key + (i,))``."""
    index = check_count("chunk_index", chunk_index)
    return np.random.SeedSequence(
        root.entropy, spawn_key=(*root.spawn_key, index), pool_size=root.pool_size
    )


def n_chunks(n_total: int, chunk_size: int = CHUNK_SIZE) -> int:
    """Number of chunks of a population of ``n_total`` nodes."""
    total = check_count("n_total", n_total)
    size = _check_chunk_size(chunk_size)
    return -(-total // size)


def chunk_bounds(chunk_index: int, n_total: int, chunk_size: int = CHUNK_SIZE) -> tuple[int, int]:
    """``(start, stop)`` node indices of a chunk."""
    index = check_count("chunk_index", chunk_index)
    total = check_count("n_total", n_total)
    size = _check_chunk_size(chunk_size)
    if index >= max(n_chunks(total, size), 1):
        raise ValueError(
            f"chunk_index must be below {max(n_chunks(total, size), 1)} for "
            f"n_total={total}; got {index}"
        )
    start = index * size
    return start, min(start + size, total)


def _check_chunk_size(chunk_size: Any) -> int:
    size = check_count("chunk_size", chunk_size)
    if size == 0:
        raise ValueError("chunk_size must be a positive integer; got 0")
    return size


def _dome_parameters(
    tx_alt_km: float,
    vertex_angle_rad: float,
    center_azimuth_rad: float,
    center_polar_rad: float,
) -> tuple[float, float, FloatArray]:
    radius = layer_radius_km(tx_alt_km)
    phi = check_vertex_angle(vertex_angle_rad)
    az, pol = check_center_angles(center_azimuth_rad, center_polar_rad)
    return radius, phi, yaw_pitch_matrix(az, pol)


def _chunk(
    root: np.random.SeedSequence,
    index: int,
    count: int,
    radius: float,
    phi: float,
    matrix: FloatArray,
) -> FloatArray:
    out = np.empty((count, 3))
    _fill_dome(out, radius, phi, matrix, np.random.default_rng(chunk_seed_sequence(root, index)))
    return out


def dome_chunk(
    chunk_index: int,
    n_total: int,
    tx_alt_km: float,
    vertex_angle_rad: float,
    center_azimuth_rad: float = 0.0,
    center_polar_rad: float = 0.0,
    *,
    seed: int | np.random.SeedSequence,
    chunk_size: int = CHUNK_SIZE,
) -> FloatArray:
    """The nodes of one chunk of a streamed dome population (a pure function).

    Parameters
    ----------
    chunk_index : int
        Which chunk, ``0 <= chunk_index < n_chunks(n_total)``.
    n_total : int
        Size of the whole population, >= 0.
    tx_alt_km, vertex_angle_rad, center_azimuth_rad, center_polar_rad : float
        The dome, as in :func:`~sagin_lib.sampling.area_uniform.sample_dome`.
    seed : int or numpy.random.SeedSequence
        The root seed of the stream (not the chunk's own).
    chunk_size : int, optional
        Nodes per chunk; keep the default unless every producer and consumer
        of the stream uses the same value.

    Returns
    -------
    numpy.ndarray
        Shape (m, 3), Earth-centred Cartesian km, with ``m = stop - start`` of
        :func:`chunk_bounds`.
    """
    if not isinstance(seed, (int, np.integer, np.random.SeedSequence)) or isinstance(seed, bool):
        raise ValueError(f"seed must be a non-negative int or a SeedSequence; got {seed!r}")
    root = root_seed_sequence(seed)
    start, stop = chunk_bounds(chunk_index, n_total, chunk_size)
    radius, phi, matrix = _dome_parameters(
        tx_alt_km, vertex_angle_rad, center_azimuth_rad, center_polar_rad
    )
    return _chunk(root, int(chunk_index), stop - start, radius, phi, matrix)


def ppp_total_count(
    density_per_km2: float,
    tx_alt_km: float,
    vertex_angle_rad: float,
    *,
    seed: int | np.random.SeedSequence,
) -> int:
    """Poisson count of a streamed PPP population, drawn from the root seed.

    Parameters
    ----------
    density_per_km2 : float
        Intensity, per km^2, >= 0.
    tx_alt_km, vertex_angle_rad : float
        The dome, as in :func:`~sagin_lib.sampling.area_uniform.ppp_dome`.
    seed : int or numpy.random.SeedSequence
        The root seed of the stream.

    Returns
    -------
    int
    """
    mean = ppp_mean_count(density_per_km2, tx_alt_km, vertex_angle_rad)
    return int(np.random.default_rng(root_seed_sequence(seed)).poisson(mean))


def iter_dome_blocks(
    n_total: int,
    tx_alt_km: float,
    vertex_angle_rad: float,
    center_azimuth_rad: float = 0.0,
    center_polar_rad: float = 0.0,
    *,
    block_size: int = CHUNK_SIZE,
    rng: SeedLike = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[FloatArray]:
    """Stream ``n_total`` area-uniform dome nodes in blocks of ``block_size``.

    The nodes are those of the chunks of :func:`dome_chunk`, in order; the
    block size only decides where the stream is cut. Blocks may be views into
    a chunk: copy one before keeping it if memory matters.

    Parameters
    ----------
    n_total : int
        Number of nodes, >= 0.
    tx_alt_km, vertex_angle_rad, center_azimuth_rad, center_polar_rad : float
        The dome, as in :func:`~sagin_lib.sampling.area_uniform.sample_dome`.
    block_size : int, optional
        Nodes per yielded block (the last may be shorter), > 0.
    rng : int, numpy.random.SeedSequence, numpy.random.Generator or None, optional
        The root seed (see :func:`root_seed_sequence`).
    chunk_size : int, optional
        Nodes per chunk (see :func:`dome_chunk`).

    Yields
    ------
    numpy.ndarray
        Blocks of shape (block_size, 3), Earth-centred Cartesian km.
    """
    total = check_count("n_total", n_total)
    block = _check_block_size(block_size)
    size = _check_chunk_size(chunk_size)
    radius, phi, matrix = _dome_parameters(
        tx_alt_km, vertex_angle_rad, center_azimuth_rad, center_polar_rad
    )
    root = root_seed_sequence(rng)
    return _blocks(root, total, block, size, radius, phi, matrix)


def _check_block_size(block_size: Any) -> int:
    block = check_count("block_size", block_size)
    if block == 0:
        raise ValueError("block_size must be a positive integer; got 0")
    return block


def _blocks(
    root: np.random.SeedSequence,
    total: int,
    block: int,
    size: int,
    radius: float,
    phi: float,
    matrix: FloatArray,
) -> Iterator[FloatArray]:
    pending: list[FloatArray] = []
    filled = 0
    for index in range(-(-total // size)):
        count = min(size, total - index * size)
        chunk = _chunk(root, index, count, radius, phi, matrix)
        start = 0
        while start < count:
            take = min(block - filled, count - start)
            pending.append(chunk[start : start + take])
            filled += take
            start += take
            if filled == block:
                yield pending[0] if len(pending) == 1 else np.concatenate(pending)
                pending, filled = [], 0
        del chunk
    if filled:
        yield pending[0] if len(pending) == 1 else np.concatenate(pending)


def iter_ppp_dome_blocks(
    density_per_km2: float,
    tx_alt_km: float,
    vertex_angle_rad: float,
    center_azimuth_rad: float = 0.0,
    center_polar_rad: float = 0.0,
    *,
    block_size: int = CHUNK_SIZE,
    rng: SeedLike = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[FloatArray]:
    """Stream a Poisson point process on a dome in blocks.

    The count comes from :func:`ppp_total_count` of the root seed; the nodes
    from :func:`iter_dome_blocks` with the same root.

    Parameters
    ----------
    density_per_km2 : float
        Intensity, per km^2, >= 0.
    tx_alt_km, vertex_angle_rad, center_azimuth_rad, center_polar_rad : float
        The dome, as in :func:`~sagin_lib.sampling.area_uniform.ppp_dome`.
    block_size : int, optional
        Nodes per yielded block, > 0.
    rng : int, numpy.random.SeedSequence, numpy.random.Generator or None, optional
        The root seed.
    chunk_size : int, optional
        Nodes per chunk.

    Yields
    ------
    numpy.ndarray
        Blocks of shape (block_size, 3), Earth-centred Cartesian km.
    """
    mean = ppp_mean_count(density_per_km2, tx_alt_km, vertex_angle_rad)
    block = _check_block_size(block_size)
    size = _check_chunk_size(chunk_size)
    radius, phi, matrix = _dome_parameters(
        tx_alt_km, vertex_angle_rad, center_azimuth_rad, center_polar_rad
    )
    root = root_seed_sequence(rng)
    total = int(np.random.default_rng(root).poisson(mean))
    return _blocks(root, total, block, size, radius, phi, matrix)
