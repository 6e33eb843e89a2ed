"""Dome sampling at scale: a seeded stream of fixed-size chunks.

A population of ``n_total`` nodes on a :class:`~sagin_lib.model.dome.Dome` is
split into chunks of ``CHUNK_SIZE`` nodes (the last one shorter). Chunk ``i``
is drawn, area-uniform on the dome as by
:func:`~sagin_lib.sampling.area_uniform.sample_dome`, from its own generator,
seeded by ``child_seed_sequence(root, i)`` of one root ``SeedSequence``: the
child that ``root.spawn`` would give as its ``i``-th. So

* any chunk can be generated alone, on any worker, by the pure function
  :func:`dome_chunk` of (root seed, chunk index, dome): a distributed layer
  only has to map it over ``range(n_chunks(n_total))``;
* :func:`iter_dome_blocks` yields blocks of any ``block_size`` cut from the
  concatenation of the chunks, so the same seed gives the same nodes, in the
  same order, whatever the block size;
* memory stays at about one chunk plus one block (a few tens of MB for the
  defaults), whatever ``n_total``.

For a Poisson process, the total count is drawn first, from a generator
seeded by the root itself (:func:`ppp_total_count`); the chunks then place
that many nodes.

The root comes from ``rng`` through :func:`sagin_lib._random.as_seed_sequence`:
an int ``s`` and ``SeedSequence(s)`` give the same stream.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from sagin_lib._checks import FloatArray, check_count
from sagin_lib._random import RngLike, as_seed_sequence, child_seed_sequence
from sagin_lib.model.dome import Dome, as_dome
from sagin_lib.model.sphere import yaw_pitch_matrix
from sagin_lib.sampling.area_uniform import _fill_dome, layer_radius_km, ppp_mean_count

__all__ = [
    "CHUNK_SIZE",
    "chunk_bounds",
    "dome_chunk",
    "iter_dome_blocks",
    "iter_ppp_dome_blocks",
    "n_chunks",
    "ppp_total_count",
]

#: Nodes per chunk. Part of the definition of the stream: the nodes a seed
#: gives depend on it (but not on the block size).
CHUNK_SIZE: int = 1 << 20


def _check_positive(name: str, value: Any) -> int:
    count = check_count(name, value)
    if count == 0:
        raise ValueError(f"{name} must be a positive integer; got 0")
    return count


def n_chunks(n_total: int, chunk_size: int = CHUNK_SIZE) -> int:
    """Number of chunks of a population of ``n_total`` nodes.

    Parameters
    ----------
    n_total, chunk_size : int
        As in :func:`chunk_bounds`.

    Returns
    -------
    int
        ``ceil(n_total / chunk_size)`` (0 for an empty population).
    """
    total = check_count("n_total", n_total)
    return -(-total // _check_positive("chunk_size", chunk_size))


def chunk_bounds(chunk_index: int, n_total: int, chunk_size: int = CHUNK_SIZE) -> tuple[int, int]:
    """``(start, stop)`` node indices of a chunk.

    Parameters
    ----------
    chunk_index : int
        Which chunk, ``0 <= chunk_index < max(n_chunks(n_total), 1)``.
    n_total : int
        Size of the population, >= 0.
    chunk_size : int, optional
        Nodes per chunk, > 0.

    Returns
    -------
    tuple of int

    Raises
    ------
    ValueError
        For an index out of range or a bad size.
    """
    index = check_count("chunk_index", chunk_index)
    total = check_count("n_total", n_total)
    size = _check_positive("chunk_size", chunk_size)
    count = max(n_chunks(total, size), 1)
    if index >= count:
        raise ValueError(f"chunk_index must be below {count} for n_total={total}; got {index}")
    start = index * size
    return start, min(start + size, total)


class _Sampler:
    """A checked dome, ready to fill chunks: radius, vertex angle and rotation."""

    def __init__(self, dome: Any) -> None:
        dome = as_dome(dome)
        self.radius = layer_radius_km(dome.tx_alt_km)
        self.phi = float(dome.vertex_angle_rad)
        self.matrix = yaw_pitch_matrix(dome.center_azimuth_rad, dome.center_polar_rad)

    def chunk(self, root: np.random.SeedSequence, index: int, count: int) -> FloatArray:
        out = np.empty((count, 3))
        generator = np.random.default_rng(child_seed_sequence(root, index))
        _fill_dome(out, self.radius, self.phi, self.matrix, generator)
        return out

    def blocks(
        self, root: np.random.SeedSequence, total: int, block: int, size: int
    ) -> Iterator[FloatArray]:
        pending: list[FloatArray] = []
        filled = 0
        for index in range(-(-total // size)):
            count = min(size, total - index * size)
            chunk = self.chunk(root, index, count)
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


def _root_of_pure(rng: Any) -> np.random.SeedSequence:
    """The root of a pure function of the stream: an int or a SeedSequence only."""
    if isinstance(rng, np.random.Generator | np.random.BitGenerator) or rng is None:
        raise ValueError(f"rng must be a non-negative int or a SeedSequence here; got {rng!r}")
    return as_seed_sequence(rng)


def dome_chunk(
    chunk_index: int,
    n_total: int,
    dome: Dome,
    *,
    rng: int | np.random.SeedSequence,
    chunk_size: int = CHUNK_SIZE,
) -> FloatArray:
    """The nodes of one chunk of a streamed dome population (a pure function).

    Parameters
    ----------
    chunk_index : int
        Which chunk, ``0 <= chunk_index < n_chunks(n_total)``.
    n_total : int
        Size of the whole population, >= 0.
    dome : Dome
        Where the nodes are (a single dome).
    rng : int or numpy.random.SeedSequence
        The root seed of the stream (not the chunk's own). A Generator or
        None is refused: the chunk must be reproducible from its arguments.
    chunk_size : int, optional
        Nodes per chunk; keep the default unless every producer and consumer
        of the stream uses the same value.

    Returns
    -------
    numpy.ndarray
        Shape (m, 3), Earth-centred Cartesian km, with ``m = stop - start`` of
        :func:`chunk_bounds`.

    Raises
    ------
    ValueError
        For a bad index, size, dome or ``rng``.

    Examples
    --------
    >>> dome = Dome(tx_alt_km=0.0, vertex_angle_rad=0.1)
    >>> dome_chunk(1, 2500, dome, rng=7, chunk_size=1000).shape
    (1000, 3)
    """
    root = _root_of_pure(rng)
    start, stop = chunk_bounds(chunk_index, n_total, chunk_size)
    return _Sampler(dome).chunk(root, start // chunk_size, stop - start)


def ppp_total_count(density_per_km2: float, dome: Dome, *, rng: RngLike) -> int:
    """Poisson count of a streamed PPP population, drawn from a generator of the root seed.

    Parameters
    ----------
    density_per_km2 : float
        Intensity, per km^2 of the dome's sphere, >= 0.
    dome : Dome
        The dome (a single one).
    rng : int, numpy.random.SeedSequence, numpy.random.Generator or None
        The root seed of the stream.

    Returns
    -------
    int

    Raises
    ------
    ValueError
        For a negative or non-finite density, a bad dome or ``rng``.
    """
    dome = as_dome(dome)
    mean = ppp_mean_count(density_per_km2, dome)
    return int(np.random.default_rng(as_seed_sequence(rng)).poisson(mean))


def iter_dome_blocks(
    n_total: int,
    dome: Dome,
    *,
    block_size: int = CHUNK_SIZE,
    rng: RngLike = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[FloatArray]:
    """Stream ``n_total`` area-uniform nodes of a dome in blocks of ``block_size``.

    The nodes are those of the chunks of :func:`dome_chunk`, in order; the
    block size only decides where the stream is cut. Blocks may be views into
    a chunk: copy one before keeping it if memory matters.

    Parameters
    ----------
    n_total : int
        Number of nodes, >= 0.
    dome : Dome
        Where the nodes are (a single dome).
    block_size : int, optional
        Nodes per yielded block (the last may be shorter), > 0.
    rng : int, numpy.random.SeedSequence, numpy.random.Generator or None, optional
        The root seed (a Generator contributes 128 bits drawn from it once).
    chunk_size : int, optional
        Nodes per chunk (see :func:`dome_chunk`).

    Yields
    ------
    numpy.ndarray
        Blocks of shape (block_size, 3), Earth-centred Cartesian km.

    Raises
    ------
    ValueError
        For a bad count, size, dome or ``rng`` (when called, not when iterated).

    Examples
    --------
    >>> dome = Dome(tx_alt_km=0.0, vertex_angle_rad=0.1)
    >>> [b.shape[0] for b in iter_dome_blocks(2500, dome, block_size=1000, rng=7)]
    [1000, 1000, 500]
    """
    total = check_count("n_total", n_total)
    block = _check_positive("block_size", block_size)
    size = _check_positive("chunk_size", chunk_size)
    sampler = _Sampler(dome)
    return sampler.blocks(as_seed_sequence(rng), total, block, size)


def iter_ppp_dome_blocks(
    density_per_km2: float, dome: Dome, *, rng: RngLike = None, **sizes: int
) -> Iterator[FloatArray]:
    """Stream a Poisson point process on a dome in blocks.

    The count is :func:`ppp_total_count` of the root seed; the nodes are
    those of :func:`iter_dome_blocks` with that count and the same root.

    Parameters
    ----------
    density_per_km2 : float
        Intensity, per km^2 of the dome's sphere, >= 0.
    dome : Dome
        Where the nodes are (a single dome).
    rng : int, numpy.random.SeedSequence, numpy.random.Generator or None, optional
        The root seed.
    **sizes : int
        ``block_size`` and ``chunk_size``, passed to :func:`iter_dome_blocks`.

    Returns
    -------
    iterator of numpy.ndarray
        The blocks, as :func:`iter_dome_blocks` yields them.
    """
    root = as_seed_sequence(rng)
    return iter_dome_blocks(
        ppp_total_count(density_per_km2, dome, rng=root), dome, rng=root, **sizes
    )
