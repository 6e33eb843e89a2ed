"""The chunked, seeded dome sampler as a Dask array.

The streaming sampler of :mod:`sagin_lib.sampling.streams` cuts a population of
``n_total`` nodes on a :class:`~sagin_lib.model.dome.Dome` into chunks of
``chunk_size`` nodes, and chunk ``i`` is the pure function
:func:`~sagin_lib.sampling.streams.dome_chunk` of the root seed, ``i`` and the
dome. This module maps that function over the chunk indices as the blocks of a
:class:`dask.array.Array` of shape ``(n_total, 3)`` and chunks
``(chunk_size, 3)``. Each block is drawn where it is computed (a thread, a
local worker process or a remote worker), from its own child of the one root
:class:`numpy.random.SeedSequence`, so

``dask_dome_nodes(n, dome, rng=s).compute()`` equals
``np.concatenate(list(iter_dome_blocks(n, dome, rng=s)))`` bit for bit,

whatever the scheduler and the number of workers. Nothing but the graph (a
few hundred bytes per block) leaves the client; the workers need
``sagin_lib`` installed.

Whole layers: a vertex angle of ``pi`` is the whole sphere, and
:func:`dask_layer_nodes` concatenates several domes of one layer (each a
:class:`LayerDome`: a count and a Dome), dome ``d`` streamed from
``child_seed_sequence(root, d)``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import dask.array as da
import numpy as np
from dask.base import tokenize

from sagin_lib._checks import FloatArray, check_count
from sagin_lib._random import RngLike, as_seed_sequence, child_seed_sequence
from sagin_lib.model.dome import Dome, as_dome
from sagin_lib.sampling.streams import (
    CHUNK_SIZE,
    chunk_bounds,
    dome_chunk,
    n_chunks,
    ppp_total_count,
)

__all__ = [
    "LayerDome",
    "check_node_array",
    "dask_dome_nodes",
    "dask_layer_nodes",
    "dask_ppp_dome_nodes",
    "node_block_offsets",
]


def _block(
    n_total: int,
    dome: Dome,
    root: np.random.SeedSequence,
    chunk_size: int,
    block_id: tuple[int, int] | None = None,
) -> FloatArray:
    """Block ``block_id[0]`` of the array: chunk ``block_id[0]`` of the stream."""
    assert block_id is not None
    return dome_chunk(block_id[0], n_total, dome, rng=root, chunk_size=chunk_size)


def _nodes_array(total: int, dome: Dome, root: np.random.SeedSequence, size: int) -> da.Array:
    """The lazy array of a checked population: one block per chunk of the stream."""
    if total == 0:
        return da.zeros((0, 3), chunks=((0,), (3,)), dtype=np.float64)
    sizes = tuple(
        stop - start
        for start, stop in (chunk_bounds(i, total, size) for i in range(n_chunks(total, size)))
    )
    fields = (dome.tx_alt_km, dome.vertex_angle_rad, dome.center_azimuth_rad, dome.center_polar_rad)
    name = "dome-nodes-" + tokenize(
        total, *fields, root.entropy, root.spawn_key, root.pool_size, size
    )
    return da.map_blocks(
        _block,
        total,
        dome,
        root,
        size,
        chunks=(sizes, (3,)),
        dtype=np.float64,
        meta=np.empty((0, 3), dtype=np.float64),
        name=name,
    )


def _check_chunk_size(chunk_size: object) -> int:
    size = check_count("chunk_size", chunk_size)
    if size == 0:
        raise ValueError("chunk_size must be a positive integer; got 0")
    return size


def dask_dome_nodes(
    n_total: int, dome: Dome, *, rng: RngLike, chunk_size: int = CHUNK_SIZE
) -> da.Array:
    """``n_total`` area-uniform dome nodes as a lazy Dask array, one block per stream chunk.

    Parameters
    ----------
    n_total : int
        Number of nodes, >= 0.
    dome : Dome
        Where the nodes are (a single dome; a vertex angle of ``pi`` is the
        whole sphere).
    rng : int, numpy.random.SeedSequence, numpy.random.Generator or None
        Root seed of the stream; it is resolved to a SeedSequence once, here,
        so even ``None`` gives one consistent population however often the
        array is computed.
    chunk_size : int, optional
        Nodes per block; the same value as the streaming sampler's gives the
        same nodes.

    Returns
    -------
    dask.array.Array
        Shape ``(n_total, 3)``, float64, chunks ``(chunk_size, 3)`` (the last
        block shorter): Earth-centred Cartesian km. Block ``i`` is
        ``dome_chunk(i, n_total, dome, rng=root, chunk_size=chunk_size)``.

    Raises
    ------
    ValueError
        For a negative ``n_total``, a bad dome or ``rng``, or a non-positive
        ``chunk_size``.

    Examples
    --------
    >>> from sagin_lib.sampling.streams import iter_dome_blocks
    >>> dome = Dome(tx_alt_km=0.0, vertex_angle_rad=0.1)
    >>> nodes = dask_dome_nodes(5000, dome, rng=7, chunk_size=2048)
    >>> nodes.chunks[0]
    (2048, 2048, 904)
    >>> serial = np.concatenate(list(iter_dome_blocks(5000, dome, rng=7, chunk_size=2048)))
    >>> bool((nodes.compute(scheduler="sync") == serial).all())
    True
    """
    total = check_count("n_total", n_total)
    size = _check_chunk_size(chunk_size)
    return _nodes_array(total, as_dome(dome), as_seed_sequence(rng), size)


def dask_ppp_dome_nodes(
    density_per_km2: float, dome: Dome, *, rng: RngLike, chunk_size: int = CHUNK_SIZE
) -> da.Array:
    """A Poisson point process on a dome as a lazy Dask array.

    The count is :func:`~sagin_lib.sampling.streams.ppp_total_count` of the
    root seed (one Poisson draw, made here on the client); the nodes are those
    of :func:`dask_dome_nodes` with the same root, so the result equals
    ``np.concatenate(list(iter_ppp_dome_blocks(...)))`` bit for bit.

    Parameters
    ----------
    density_per_km2 : float
        Intensity, nodes per km^2 of the dome's sphere, >= 0.
    dome : Dome
        Where the nodes are (a single dome).
    rng : int, numpy.random.SeedSequence, numpy.random.Generator or None
        Root seed of the stream.
    chunk_size : int, optional
        Nodes per block.

    Returns
    -------
    dask.array.Array
        Shape ``(N, 3)`` with ``N`` the Poisson count, chunks ``(chunk_size, 3)``.

    Raises
    ------
    ValueError
        For anything :func:`~sagin_lib.sampling.streams.ppp_total_count` or
        :func:`dask_dome_nodes` rejects.
    """
    root = as_seed_sequence(rng)
    total = ppp_total_count(density_per_km2, dome, rng=root)
    size = _check_chunk_size(chunk_size)
    return _nodes_array(total, as_dome(dome), root, size)


@dataclass(frozen=True)
class LayerDome:
    """One dome of a layer population: how many nodes, and the dome.

    Attributes
    ----------
    n_total : int
        Nodes in the dome, >= 0.
    dome : Dome
        Where they are (a single dome).

    Raises
    ------
    ValueError
        For a negative count or a bad dome.
    """

    n_total: int
    dome: Dome

    def __post_init__(self) -> None:
        object.__setattr__(self, "n_total", check_count("n_total", self.n_total))
        as_dome(self.dome)


def dask_layer_nodes(
    domes: Sequence[LayerDome], *, rng: RngLike, chunk_size: int = CHUNK_SIZE
) -> da.Array:
    """Several domes of one layer as one lazy Dask array (domes in order).

    Dome ``d`` is the stream of :func:`dask_dome_nodes` seeded with
    ``child_seed_sequence(root, d)`` (what ``root.spawn(len(domes))[d]``
    would give on a fresh root), so its nodes are those of
    ``iter_dome_blocks(item.n_total, item.dome, rng=that_child)``; the domes
    may overlap (each is an independent population).

    Parameters
    ----------
    domes : sequence of LayerDome
        The domes, at least one, all on the same sphere (same ``tx_alt_km``).
    rng : int, numpy.random.SeedSequence, numpy.random.Generator or None
        Root seed of the layer.
    chunk_size : int, optional
        Nodes per block (blocks never straddle two domes).

    Returns
    -------
    dask.array.Array
        Shape ``(sum of n_total, 3)``.

    Raises
    ------
    ValueError
        For an empty ``domes``, an item that is not a :class:`LayerDome`,
        domes on different spheres, or a bad ``rng`` or chunk size.
    """
    items = list(domes)
    if not items:
        raise ValueError("domes must hold at least one LayerDome")
    for item in items:
        if not isinstance(item, LayerDome):
            raise ValueError(f"domes must hold LayerDome items; got {item!r}")
    if len({item.dome.tx_alt_km for item in items}) > 1:
        raise ValueError("domes must all lie on one layer (the same tx_alt_km)")
    size = _check_chunk_size(chunk_size)
    root = as_seed_sequence(rng)
    parts = [
        _nodes_array(item.n_total, item.dome, child_seed_sequence(root, d), size)
        for d, item in enumerate(items)
    ]
    nonempty = [p for p in parts if p.shape[0] > 0] or parts[:1]
    return nonempty[0] if len(nonempty) == 1 else da.concatenate(nonempty, axis=0)


def node_block_offsets(nodes: da.Array) -> list[int]:
    """Index of the first node of each block of a node array (for global node indices).

    Parameters
    ----------
    nodes : dask.array.Array
        Shape ``(n, 3)``, one block along the second axis.

    Returns
    -------
    list of int
        ``offsets[b]`` is the global index of row 0 of block ``b``.

    Raises
    ------
    ValueError
        If ``nodes`` is not a Dask array of shape ``(n, 3)`` in one column block
        with known chunk sizes.
    """
    sizes = check_node_array(nodes).chunks[0]
    return [int(v) for v in np.concatenate([[0], np.cumsum(sizes)[:-1]])]


def check_node_array(nodes: object) -> da.Array:
    """Check that ``nodes`` is a Dask node array: shape ``(n, 3)``, chunks ``(m, 3)``, known sizes.

    Parameters
    ----------
    nodes : object
        What to check.

    Returns
    -------
    dask.array.Array
        ``nodes``.

    Raises
    ------
    ValueError
        Naming ``nodes``, for anything else.
    """
    if not isinstance(nodes, da.Array) or nodes.ndim != 2 or nodes.shape[1] != 3:
        raise ValueError("nodes must be a dask array of shape (n, 3)")
    if len(nodes.chunks[1]) != 1:
        raise ValueError("nodes must have one chunk along its second axis (chunks (m, 3))")
    if any(math.isnan(c) for c in nodes.chunks[0]):
        raise ValueError("nodes must have known chunk sizes (call compute_chunk_sizes())")
    return nodes
