"""The chunked, seeded dome sampler as a Dask array.

The streaming sampler of :mod:`sagin_lib.sampling.streams` cuts a population of
``n_total`` nodes into chunks of ``chunk_size`` nodes, and chunk ``i`` is the
pure function :func:`~sagin_lib.sampling.streams.dome_chunk` of the root seed, ``i``
and the dome. This module maps that function over the chunk indices as the
blocks of a :class:`dask.array.Array` of shape ``(n_total, 3)`` and chunks
``(chunk_size, 3)``. Each block is drawn where it is computed (a thread, a
local worker process or a remote worker), from its own child of the one root
:class:`numpy.random.SeedSequence`, so

``dask_dome_nodes(n, ..., seed=s).compute()`` equals
``np.concatenate(list(iter_dome_blocks(n, ..., rng=s)))`` bit for bit,

whatever the scheduler and the number of workers. Nothing but the graph (a
few hundred bytes per block) leaves the client; the workers need
``sagin_lib`` installed.

Whole layers: a vertex angle of ``pi`` is the whole sphere, and
:func:`dask_layer_nodes` concatenates several domes of one layer, dome ``d``
streamed from the ``d``-th child of the root seed (:func:`layer_dome_seeds`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import dask.array as da
import numpy as np
from dask.base import tokenize

from sagin_lib._checks import FloatArray, check_count
from sagin_lib.model.sphere import check_center_angles, check_vertex_angle
from sagin_lib.sampling.area_uniform import layer_radius_km
from sagin_lib.sampling.streams import (
    CHUNK_SIZE,
    SeedLike,
    chunk_bounds,
    dome_chunk,
    n_chunks,
    ppp_total_count,
    root_seed_sequence,
)

__all__ = [
    "LayerDome",
    "dask_dome_nodes",
    "dask_layer_nodes",
    "dask_ppp_dome_nodes",
    "layer_dome_seeds",
    "node_block_offsets",
]


def _root(seed: SeedLike) -> np.random.SeedSequence:
    """The root seed, fixed once at graph construction (None draws fresh entropy once)."""
    return root_seed_sequence(seed)


def _check_chunk_size(chunk_size: Any) -> int:
    size = check_count("chunk_size", chunk_size)
    if size == 0:
        raise ValueError("chunk_size must be a positive integer; got 0")
    return size


def _check_dome(
    tx_alt_km: Any, vertex_angle_rad: Any, center_azimuth_rad: Any, center_polar_rad: Any
) -> None:
    """Validate a dome on the client, so a bad one fails before any task runs."""
    layer_radius_km(tx_alt_km)
    check_vertex_angle(vertex_angle_rad)
    check_center_angles(center_azimuth_rad, center_polar_rad)


def _block(
    n_total: int,
    tx_alt_km: float,
    vertex_angle_rad: float,
    center_azimuth_rad: float,
    center_polar_rad: float,
    root: np.random.SeedSequence,
    chunk_size: int,
    block_id: tuple[int, int] | None = None,
) -> FloatArray:
    """Block ``block_id[0]`` of the array: chunk ``block_id[0]`` of the stream."""
    assert block_id is not None
    return dome_chunk(
        block_id[0],
        n_total,
        tx_alt_km,
        vertex_angle_rad,
        center_azimuth_rad,
        center_polar_rad,
        seed=root,
        chunk_size=chunk_size,
    )


def _block_sizes(n_total: int, chunk_size: int) -> tuple[int, ...]:
    if n_total == 0:
        return (0,)
    return tuple(
        stop - start
        for start, stop in (
            chunk_bounds(i, n_total, chunk_size) for i in range(n_chunks(n_total, chunk_size))
        )
    )


def dask_dome_nodes(
    n_total: int,
    tx_alt_km: float,
    vertex_angle_rad: float,
    center_azimuth_rad: float = 0.0,
    center_polar_rad: float = 0.0,
    *,
    seed: SeedLike,
    chunk_size: int = CHUNK_SIZE,
) -> da.Array:
    """``n_total`` area-uniform dome nodes as a lazy Dask array, one block per stream chunk.

    Parameters
    ----------
    n_total : int
        Number of nodes, >= 0.
    tx_alt_km : float
        Altitude of the nodes' sphere, km, >= 0.
    vertex_angle_rad : float
        Vertex (half) angle of the dome, rad, in ``(0, pi]`` (``pi``: the
        whole sphere).
    center_azimuth_rad, center_polar_rad : float, optional
        Direction of the dome centre, rad (polar in ``[0, pi]``).
    seed : int, numpy.random.SeedSequence, numpy.random.Generator or None
        Root seed of the stream (see
        :func:`~sagin_lib.sampling.streams.root_seed_sequence`); it is resolved to a
        SeedSequence once, here, so even ``None`` gives one consistent
        population however often the array is computed.
    chunk_size : int, optional
        Nodes per block; the same value as the streaming sampler's gives the
        same nodes.

    Returns
    -------
    dask.array.Array
        Shape ``(n_total, 3)``, float64, chunks ``(chunk_size, 3)`` (the last
        block shorter): Earth-centred Cartesian km. Block ``i`` is
        ``dome_chunk(i, n_total, ..., seed=root, chunk_size=chunk_size)``.

    Raises
    ------
    ValueError
        For a negative ``n_total``, a bad dome, an unusable seed or a
        non-positive ``chunk_size``.

    Examples
    --------
    >>> from sagin_lib.sampling.streams import iter_dome_blocks
    >>> nodes = dask_dome_nodes(5000, 0.0, 0.1, seed=7, chunk_size=2048)
    >>> nodes.chunks[0]
    (2048, 2048, 904)
    >>> serial = np.concatenate(list(iter_dome_blocks(5000, 0.0, 0.1, rng=7, chunk_size=2048)))
    >>> bool((nodes.compute(scheduler="sync") == serial).all())
    True
    """
    total = check_count("n_total", n_total)
    size = _check_chunk_size(chunk_size)
    _check_dome(tx_alt_km, vertex_angle_rad, center_azimuth_rad, center_polar_rad)
    root = _root(seed)
    return _nodes_array(
        total,
        float(tx_alt_km),
        float(vertex_angle_rad),
        float(center_azimuth_rad),
        float(center_polar_rad),
        root,
        size,
    )


def _nodes_array(
    total: int,
    alt: float,
    phi: float,
    az: float,
    pol: float,
    root: np.random.SeedSequence,
    size: int,
) -> da.Array:
    chunks = (_block_sizes(total, size), (3,))
    if total == 0:
        return da.zeros((0, 3), chunks=((0,), (3,)), dtype=np.float64)
    name = "dome-nodes-" + tokenize(
        total, alt, phi, az, pol, root.entropy, root.spawn_key, root.pool_size, size
    )
    return da.map_blocks(
        _block,
        total,
        alt,
        phi,
        az,
        pol,
        root,
        size,
        chunks=chunks,
        dtype=np.float64,
        meta=np.empty((0, 3), dtype=np.float64),
        name=name,
    )


def dask_ppp_dome_nodes(
    density_per_km2: float,
    tx_alt_km: float,
    vertex_angle_rad: float,
    center_azimuth_rad: float = 0.0,
    center_polar_rad: float = 0.0,
    *,
    seed: SeedLike,
    chunk_size: int = CHUNK_SIZE,
) -> da.Array:
    """A Poisson point process on a dome as a lazy Dask array.

    The count is :func:`~sagin_lib.sampling.streams.ppp_total_count` of the root
    seed (one Poisson draw, made here on the client); the nodes are those of
    :func:`dask_dome_nodes` with the same root, so the result equals
    ``np.concatenate(list(iter_ppp_dome_blocks(...)))`` bit for bit.

    Parameters
    ----------
    density_per_km2 : float
        Intensity, nodes per km^2 of the nodes' sphere, >= 0.
    tx_alt_km, vertex_angle_rad, center_azimuth_rad, center_polar_rad : float
        The dome, as in :func:`dask_dome_nodes`.
    seed : int, numpy.random.SeedSequence, numpy.random.Generator or None
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
        For a negative or non-finite density, or anything
        :func:`dask_dome_nodes` rejects.
    """
    size = _check_chunk_size(chunk_size)
    _check_dome(tx_alt_km, vertex_angle_rad, center_azimuth_rad, center_polar_rad)
    root = _root(seed)
    total = ppp_total_count(density_per_km2, tx_alt_km, vertex_angle_rad, seed=root)
    return _nodes_array(
        total,
        float(tx_alt_km),
        float(vertex_angle_rad),
        float(center_azimuth_rad),
        float(center_polar_rad),
        root,
        size,
    )


@dataclass(frozen=True)
class LayerDome:
    """One dome of a layer population: how many nodes, where.

    Attributes
    ----------
    n_total : int
        Nodes in the dome, >= 0.
    vertex_angle_rad : float
        Vertex (half) angle, rad, in ``(0, pi]``.
    center_azimuth_rad, center_polar_rad : float
        Direction of the dome centre, rad. Defaults 0 (the north pole).
    """

    n_total: int
    vertex_angle_rad: float
    center_azimuth_rad: float = 0.0
    center_polar_rad: float = 0.0


def layer_dome_seeds(seed: SeedLike, n_domes: int) -> list[np.random.SeedSequence]:
    """The root seeds of the domes of a layer: the first ``n_domes`` children of the root.

    Child ``d`` is ``SeedSequence(root.entropy, spawn_key=root.spawn_key + (d,))``,
    what ``root.spawn(n_domes)[d]`` would give on a fresh root, computed
    without mutating the root.

    Parameters
    ----------
    seed : int, numpy.random.SeedSequence, numpy.random.Generator or None
        Root seed of the layer.
    n_domes : int
        Number of domes, >= 0.

    Returns
    -------
    list of numpy.random.SeedSequence
    """
    count = check_count("n_domes", n_domes)
    root = _root(seed)
    return [
        np.random.SeedSequence(
            root.entropy, spawn_key=(*root.spawn_key, d), pool_size=root.pool_size
        )
        for d in range(count)
    ]


def dask_layer_nodes(
    domes: Sequence[LayerDome],
    tx_alt_km: float,
    *,
    seed: SeedLike,
    chunk_size: int = CHUNK_SIZE,
) -> da.Array:
    """Several domes of one layer as one lazy Dask array (domes in order).

    Dome ``d`` is the stream of :func:`dask_dome_nodes` seeded with
    ``layer_dome_seeds(seed, len(domes))[d]``, so its nodes are those of
    ``iter_dome_blocks(dome.n_total, tx_alt_km, ..., rng=that_seed)``; the
    domes may overlap (each is an independent population).

    Parameters
    ----------
    domes : sequence of LayerDome
        The domes, at least one.
    tx_alt_km : float
        Altitude of the layer, km, >= 0.
    seed : int, numpy.random.SeedSequence, numpy.random.Generator or None
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
        For an empty ``domes``, an item that is not a :class:`LayerDome`, or
        a bad dome, altitude, seed or chunk size.
    """
    items = list(domes)
    if not items:
        raise ValueError("domes must hold at least one LayerDome")
    for item in items:
        if not isinstance(item, LayerDome):
            raise ValueError(f"domes must hold LayerDome items; got {item!r}")
    seeds = layer_dome_seeds(seed, len(items))
    parts = [
        dask_dome_nodes(
            dome.n_total,
            tx_alt_km,
            dome.vertex_angle_rad,
            dome.center_azimuth_rad,
            dome.center_polar_rad,
            seed=child,
            chunk_size=chunk_size,
        )
        for dome, child in zip(items, seeds, strict=True)
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
        If ``nodes`` is not a Dask array of shape ``(n, 3)`` in one column block.
    """
    if not isinstance(nodes, da.Array) or nodes.ndim != 2 or nodes.shape[1] != 3:
        raise ValueError("nodes must be a dask array of shape (n, 3)")
    if len(nodes.chunks[1]) != 1:
        raise ValueError("nodes must have one chunk along its second axis (chunks (m, 3))")
    sizes = nodes.chunks[0]
    if any(math.isnan(s) for s in sizes):
        raise ValueError("nodes must have known chunk sizes (call compute_chunk_sizes())")
    return [int(v) for v in np.concatenate([[0], np.cumsum(sizes)[:-1]])]
