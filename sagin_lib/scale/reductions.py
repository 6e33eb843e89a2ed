"""Reductions of a node population, block by block: exact counts without gathering the nodes.

The population is a sequence of blocks of Earth-centred nodes (km) on one
*layer*, the sphere of radius ``R = EARTH_RADIUS_KM + node_alt_km`` (what the
dome samplers produce). A :class:`ReductionPlan` lists what to reduce:

* **dome counts**: the nodes inside each :class:`ReceiverDome` (a name and
  a :class:`~sagin_lib.model.dome.Dome` of the nodes' layer: a cone of vertex
  angle ``phi`` from the Earth's centre, as
  :func:`~sagin_lib.model.sphere.in_dome`);
* **histograms** (:class:`HistogramSpec`) of the elevation at which the
  nodes see a :class:`Station` above them, or of their distance to it, on
  fixed bin edges, with an underflow and an overflow bin so that the counts
  always add up to the number of nodes;
* the **nearest node** to each of a set of stations: its global index and
  its distance.

Everything is computed from one number per node and direction: the
projection ``t = p . u`` of the node ``p`` on the unit vector ``u`` of a
dome centre or station (three ufunc multiplications and two additions; no
trigonometry per node). On the layer, the central angle ``psi`` between
``p`` and ``u`` has ``cos(psi) = t / R``, and the dome test, the elevation
and the distance are monotone functions of ``psi``: the dome test is
``t >= R cos(phi)``; an elevation or distance bin edge maps to a threshold
on ``t`` through the exact geometry (:func:`~sagin_lib.model.coverage.downlink_vertex_angle_rad`,
the law of cosines), evaluated once per edge; and the nearest node to a
station is the one of largest ``t``, whose distance is then computed from its
coordinates. The classification agrees with computing the elevation or the
distance of every node except for nodes within rounding (about 1e-12 km) of
an edge, which has probability zero in practice.

Exactness and identity: each node's bin or dome membership depends on its
coordinates only (elementwise IEEE arithmetic, the same bits for any block
size), counts are int64 sums, and the nearest node is the largest ``t`` with
ties going to the smallest global index. So the results are identical,
integer for integer, for any cut of the population into blocks, in any
order, on one process (:func:`reduce_blocks`) or on Dask workers
(:func:`dask_reduce`).

The per-block work is plain NumPy (:func:`reduce_block`); the Dask wrappers
map it over the blocks of a node array (see
:mod:`sagin_lib.scale.arrays`) and add the small per-block results in a
tree, so only a few hundred bytes per block travel back to the client.
Tables (:meth:`LayerSummary.table`, :func:`dask_table`) are pandas DataFrames
with units in the column names, written to Parquet with ``path=``.
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dask
import dask.array as da
import numpy as np
import pandas as pd
from dask.base import tokenize
from dask.delayed import Delayed

from sagin_lib._checks import FloatArray
from sagin_lib.model.coverage import downlink_vertex_angle_rad
from sagin_lib.model.sphere import direction_xyz
from sagin_lib.scale.arrays import check_node_array

# What a reduction computes is declared in its own module; the names stay
# importable from here as before.
from sagin_lib.scale.plans import HISTOGRAM_QUANTITIES as HISTOGRAM_QUANTITIES
from sagin_lib.scale.plans import HistogramSpec as HistogramSpec
from sagin_lib.scale.plans import ReceiverDome as ReceiverDome
from sagin_lib.scale.plans import ReductionPlan as ReductionPlan
from sagin_lib.scale.plans import Station as Station
from sagin_lib.scale.plans import _check_plan

__all__ = [
    "LayerSummary",
    "combine_summaries",
    "dask_reduce",
    "dask_reduce_delayed",
    "dask_reduce_with_blocks",
    "dask_table",
    "reduce_block",
    "reduce_blocks",
]

# Relative tolerance on the layer radius of the nodes (a sampled node is on
# its sphere to a few ulps).
_LAYER_RTOL = 1e-9


@dataclass(frozen=True)
class _Binner:
    """``searchsorted(thresholds, t, side="right")`` for many ``t``, without a binary search.

    A uniform grid of cells over ``[thresholds[0], thresholds[-1]]`` gives a
    lower bound on each index: the number of thresholds at or below the
    cell's start, less a margin that covers the rounding of the cell
    computation. In a cell that no threshold (or margin) reaches, the bound is
    the index. Keys in the few other cells then climb to their exact index by
    a fixed number of compare-and-step passes. The result is exactly that of
    :func:`numpy.searchsorted`.
    """

    thresholds: FloatArray  # ascending, with NaN appended (never <= t)
    start: float
    scale: float
    last_cell: float
    lower: np.ndarray  # intp, per cell: a lower bound of the index
    check: np.ndarray  # bool, per cell: the bound may be short of the index
    steps: int

    @classmethod
    def build(cls, thresholds: FloatArray) -> _Binner:
        thr = np.asarray(thresholds, dtype=np.float64)
        n = thr.size
        lo, hi = float(thr[0]), float(thr[-1])
        span = hi - lo
        cells = min(max(64 * n, 1024), 1 << 14) if span > 0.0 else 1
        scale = cells / span if span > 0.0 else 0.0
        margin = 1e-12 * (span + abs(lo) + abs(hi) + 1.0)
        starts = lo + span * (np.arange(cells) / cells)
        ends = lo + span * (np.arange(1, cells + 1) / cells)
        lower = np.searchsorted(thr, starts - margin, side="right").astype(np.intp)
        upper = np.searchsorted(thr, ends + margin, side="right")
        upper[-1] = n  # keys beyond the last threshold land in the last cell
        steps = int((upper - lower).max())
        return cls(np.append(thr, np.nan), lo, scale, float(cells - 1), lower, upper > lower, steps)

    def index(self, t: FloatArray, work: _Workspace | None = None) -> np.ndarray:
        """``searchsorted(thresholds, t, side="right")`` (into ``work.index`` if given)."""
        work = work if work is not None else _Workspace(t.size)
        cell, cell_index, idx, pending = work.real, work.cell, work.index, work.mask
        np.subtract(t, self.start, out=cell)
        # Far-out or non-finite keys only need a clipped cell: silence the
        # overflow and the invalid casts. NaN and -inf cast to the most
        # negative integer, which take(mode="clip") sends to cell 0 (the
        # underflow bin for NaN); +inf is capped at the last cell first.
        with np.errstate(over="ignore", invalid="ignore"):
            np.multiply(cell, self.scale, out=cell)
            np.minimum(cell, self.last_cell, out=cell)
            np.copyto(cell_index, cell, casting="unsafe")
        np.take(self.lower, cell_index, out=idx, mode="clip")
        np.take(self.check, cell_index, out=pending, mode="clip")
        todo = np.flatnonzero(pending)
        if todo.size:
            sub_idx = idx[todo]
            sub_t = t[todo]
            for _ in range(self.steps):
                sub_idx += self.thresholds[sub_idx] <= sub_t
            idx[todo] = sub_idx
        return idx

    def counts(self, t: FloatArray, work: _Workspace | None = None) -> np.ndarray:
        """Counts of the ``len(thresholds) + 1`` bins, int64."""
        n_bins = self.thresholds.size  # len(thresholds) + 1 bins
        return np.bincount(self.index(t, work), minlength=n_bins).astype(np.int64)


class _Workspace:
    """Scratch arrays for blocks of up to ``n`` nodes, reused by every direction and binner."""

    def __init__(self, n: int) -> None:
        self.size = n
        self.real = np.empty(n)
        self.cell = np.empty(n, dtype=np.intp)
        self.index = np.empty(n, dtype=np.intp)
        self.mask = np.empty(n, dtype=bool)
        self.key = np.empty(n)
        self.tmp = np.empty(n)
        self.rows = np.empty((3, n))

    def view(self, n: int) -> _Workspace:
        """The first ``n`` entries of every array (no copy)."""
        out = object.__new__(_Workspace)
        out.size = n
        for name in ("real", "cell", "index", "mask", "key", "tmp"):
            setattr(out, name, getattr(self, name)[:n])
        out.rows = self.rows[:, :n]
        return out


@dataclass(frozen=True)
class _DirectionWork:
    """What one direction's projection serves."""

    domes: tuple[int, ...]
    binner: _Binner | None  # over the union of the thresholds of its histograms
    # (histogram index, union bin -> own bin, reversed): union bin J (J union
    # thresholds <= t) lies in bin #(thr <= union[J-1]) of each member, since
    # no member threshold lies between union[J-1] and t.
    histograms: tuple[tuple[int, np.ndarray, bool], ...]
    nearest: tuple[int, ...]


@dataclass(frozen=True)
class _Compiled:
    """A plan turned into directions, thresholds and binners (cached per process)."""

    directions: FloatArray  # (M, 3) unit vectors
    work: tuple[_DirectionWork, ...]  # one per direction
    dome_threshold: FloatArray
    dome_all: np.ndarray  # bool: vertex angle pi counts every node
    nearest_xyz: FloatArray  # (S, 3)
    radius: float


def _elevation_thresholds(spec: HistogramSpec, node_alt: float, radius: float) -> FloatArray:
    """``t = R cos(psi(e))`` for each elevation edge (ascending with the edges)."""
    out = np.empty(len(spec.edges))
    for k, edge in enumerate(spec.edges):
        if edge >= 90.0:
            psi = 0.0
        else:
            psi = float(
                downlink_vertex_angle_rad(node_alt, spec.station.alt_km, math.radians(edge))
            )
        half = math.sin(0.5 * psi)
        out[k] = radius - 2.0 * radius * half * half
    return out


def _distance_thresholds(spec: HistogramSpec, radius: float) -> FloatArray:
    """``t = (R^2 + rho^2 - d^2) / (2 rho)`` for each distance edge (descending with the edges)."""
    rho = spec.station.radius_km
    d = np.asarray(spec.edges)
    return (radius * radius + (rho - d) * (rho + d)) / (2.0 * rho)


@functools.lru_cache(maxsize=32)
def _compile(plan: ReductionPlan) -> _Compiled:
    radius = plan.radius_km
    keys: dict[tuple[float, float, float], int] = {}
    vectors: list[FloatArray] = []

    def direction(az: float, pol: float) -> int:
        u = direction_xyz(az, pol)
        key = (float(u[0]), float(u[1]), float(u[2]))
        if key not in keys:
            keys[key] = len(vectors)
            vectors.append(u)
        return keys[key]

    dome_dir = [direction(d.dome.center_azimuth_rad, d.dome.center_polar_rad) for d in plan.domes]
    hist_members: list[tuple[int, int, FloatArray, bool]] = []
    for k, spec in enumerate(plan.histograms):
        m = direction(spec.station.azimuth_rad, spec.station.polar_rad)
        if spec.quantity == "elevation_deg":
            thr, rev = _elevation_thresholds(spec, plan.node_alt_km, radius), False
        else:
            thr, rev = _distance_thresholds(spec, radius)[::-1].copy(), True
        hist_members.append((m, k, thr, rev))
    near_dir = [direction(s.azimuth_rad, s.polar_rad) for s in plan.nearest]
    work = []
    for m in range(len(vectors)):
        members = [(k, thr, rev) for mm, k, thr, rev in hist_members if mm == m]
        binner = None
        maps: tuple[tuple[int, np.ndarray, bool], ...] = ()
        if members:
            union = np.sort(np.concatenate([thr for _, thr, _ in members]))
            binner = _Binner.build(union)
            maps = tuple(
                (k, np.concatenate([[0], np.searchsorted(thr, union, side="right")]), rev)
                for k, thr, rev in members
            )
        work.append(
            _DirectionWork(
                tuple(k for k, mm in enumerate(dome_dir) if mm == m),
                binner,
                maps,
                tuple(k for k, mm in enumerate(near_dir) if mm == m),
            )
        )
    return _Compiled(
        np.array(vectors) if vectors else np.empty((0, 3)),
        tuple(work),
        np.array([radius * math.cos(d.dome.vertex_angle_rad) for d in plan.domes], dtype=float),
        np.array([d.dome.vertex_angle_rad >= math.pi for d in plan.domes], dtype=bool),
        np.array([s.xyz_km for s in plan.nearest]) if plan.nearest else np.empty((0, 3)),
        radius,
    )


@dataclass(frozen=True)
class LayerSummary:
    """Reduced results of (part of) a population: counts, histograms, nearest nodes.

    Summaries of disjoint parts combine with :func:`combine_summaries` into
    the summary of their union. Attributes hold raw NumPy arrays; the
    ``*_table`` methods give tidy DataFrames.

    Attributes
    ----------
    plan : ReductionPlan
        What was reduced.
    n_nodes : int
        Nodes reduced.
    dome_counts : numpy.ndarray
        int64, one per dome of the plan.
    histogram_counts : tuple of numpy.ndarray
        int64, one array of ``len(edges) + 1`` counts per histogram: the
        underflow bin, the bins between the edges in increasing order of the
        quantity, the overflow bin.
    nearest_key_km : numpy.ndarray
        Largest projection ``t`` on each station's direction (``-inf`` if
        no node).
    nearest_index : numpy.ndarray
        int64 global index of each station's nearest node (-1 if no node).
    nearest_distance_km : numpy.ndarray
        Distance from each station to that node, km (``inf`` if no node).
    """

    plan: ReductionPlan
    n_nodes: int
    dome_counts: np.ndarray
    histogram_counts: tuple[np.ndarray, ...]
    nearest_key_km: FloatArray
    nearest_index: np.ndarray
    nearest_distance_km: FloatArray

    def dome_counts_table(self) -> pd.DataFrame:
        """One row per dome: ``dome``, ``center_azimuth_rad``, ``center_polar_rad``, ``vertex_angle_rad``, ``count``."""
        domes = [d.dome for d in self.plan.domes]
        columns = ("center_azimuth_rad", "center_polar_rad", "vertex_angle_rad")
        return pd.DataFrame(
            {
                "dome": [d.name for d in self.plan.domes],
                **{c: np.array([getattr(d, c) for d in domes], dtype=float) for c in columns},
                "count": np.asarray(self.dome_counts, dtype=np.int64),
            }
        )

    def histogram_table(self, name: str) -> pd.DataFrame:
        """One histogram as a table, underflow and overflow bins included.

        Columns ``<quantity>_low_<unit>``, ``<quantity>_high_<unit>`` (with
        ``-inf`` and ``inf`` for the outer bins) and ``count``; the counts add
        up to ``n_nodes``.
        """
        names = [h.name for h in self.plan.histograms]
        if name not in names:
            raise ValueError(f"name must be one of {names}; got {name!r}")
        k = names.index(name)
        spec = self.plan.histograms[k]
        edges = np.asarray(spec.edges)
        lows = np.concatenate([[-np.inf], edges])
        highs = np.concatenate([edges, [np.inf]])
        return pd.DataFrame(
            {
                f"{spec.stem}_low_{spec.unit}": lows,
                f"{spec.stem}_high_{spec.unit}": highs,
                "count": np.asarray(self.histogram_counts[k], dtype=np.int64),
            }
        )

    def nearest_table(self) -> pd.DataFrame:
        """One row per station: ``station``, ``alt_km``, ``node_index``, ``nearest_distance_km``."""
        stations = self.plan.nearest
        return pd.DataFrame(
            {
                "station": [s.name for s in stations],
                "alt_km": np.array([s.alt_km for s in stations], dtype=float),
                "azimuth_rad": np.array([s.azimuth_rad for s in stations], dtype=float),
                "polar_rad": np.array([s.polar_rad for s in stations], dtype=float),
                "node_index": np.asarray(self.nearest_index, dtype=np.int64),
                "nearest_distance_km": np.asarray(self.nearest_distance_km, dtype=float),
            }
        )

    def table(self, name: str) -> pd.DataFrame:
        """The table ``name`` (one of :meth:`ReductionPlan.table_names`).

        Raises
        ------
        ValueError
            For another name.
        """
        names = self.plan.table_names()
        if name not in names:
            raise ValueError(f"name must be one of {names}; got {name!r}")
        if name == "dome_counts":
            return self.dome_counts_table()
        if name == "nearest":
            return self.nearest_table()
        return self.histogram_table(name.removeprefix("histogram-"))

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name (see :meth:`ReductionPlan.table_names`)."""
        return {name: self.table(name) for name in self.plan.table_names()}

    def to_parquet(self, path: str | os.PathLike[str]) -> dict[str, Path]:
        """Write every table as ``<path>/<table>.parquet`` (folder created); return the paths."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        written = {}
        for name, table in self.tables().items():
            target = folder / f"{name}.parquet"
            table.to_parquet(target, index=False)
            written[name] = target
        return written


def _check_block(xyz_km: Any, radius: float) -> FloatArray:
    xyz = np.asarray(xyz_km)
    if xyz.ndim != 2 or xyz.shape[1] != 3:
        raise ValueError(f"xyz_km must have shape (n, 3); got shape {xyz.shape}")
    if xyz.dtype != np.float64:
        raise ValueError(f"xyz_km must be float64; got {xyz.dtype}")
    if xyz.shape[0]:
        ends = xyz[[0, -1]]
        r = np.sqrt((ends * ends).sum(axis=1))
        if not np.all(np.abs(r - radius) <= _LAYER_RTOL * radius):
            raise ValueError(
                f"xyz_km must lie on the plan's layer (radius {radius!r} km); "
                f"got nodes at {r.tolist()} km"
            )
    return xyz


def _empty_summary(plan: ReductionPlan) -> LayerSummary:
    s = len(plan.nearest)
    return LayerSummary(
        plan,
        0,
        np.zeros(len(plan.domes), dtype=np.int64),
        tuple(np.zeros(len(h.edges) + 1, dtype=np.int64) for h in plan.histograms),
        np.full(s, -np.inf),
        np.full(s, -1, dtype=np.int64),
        np.full(s, np.inf),
    )


#: Nodes per cache tile of :func:`reduce_block`: the scratch arrays of one
#: tile (about 2 MB) stay in cache through the dozen passes over them. The
#: results do not depend on it.
_TILE: int = 1 << 15


def _reduce_tile(
    xyz: FloatArray,
    compiled: _Compiled,
    work: _Workspace,
    domes: np.ndarray,
    union_counts: list[np.ndarray | None],
    best_key: FloatArray,
    best_index: np.ndarray,
    start: int,
) -> None:
    """Add one tile (rows ``start:`` of a block) to the running block totals, in place."""
    t, tmp, mask = work.key, work.tmp, work.mask
    n = xyz.shape[0]
    if len(compiled.work) >= 3:
        # Contiguous coordinate rows: each projection then runs at full speed,
        # which repays the copy from three directions on.
        np.copyto(work.rows, xyz.T)
        x, y, z = work.rows
    else:
        x, y, z = xyz[:, 0], xyz[:, 1], xyz[:, 2]
    # One direction at a time: its projection is computed once, into a reused
    # buffer, and serves every dome, histogram and station on that direction.
    for m, todo in enumerate(compiled.work):
        u = compiled.directions[m]
        np.multiply(x, u[0], out=t)
        if u[1] != 0.0:
            np.multiply(y, u[1], out=tmp)
            t += tmp
        if u[2] != 0.0:
            np.multiply(z, u[2], out=tmp)
            t += tmp
        for k in todo.domes:
            if compiled.dome_all[k]:
                domes[k] += n
            else:
                np.greater_equal(t, compiled.dome_threshold[k], out=mask)
                domes[k] += np.count_nonzero(mask)
        if todo.binner is not None:
            union_counts[m] += todo.binner.counts(t, work)
        if todo.nearest:
            i = int(np.argmax(t))
            # Strictly larger: on a tie the earlier tile (smaller index) stays.
            if t[i] > best_key[m] or best_index[m] < 0:
                best_key[m] = t[i]
                best_index[m] = start + i


def reduce_block(xyz_km: FloatArray, plan: ReductionPlan, offset: int = 0) -> LayerSummary:
    """Reduce one block of nodes (pure NumPy).

    Parameters
    ----------
    xyz_km : numpy.ndarray
        Shape ``(n, 3)``, float64: nodes on the plan's layer, km.
    plan : ReductionPlan
        What to reduce.
    offset : int, optional
        Global index of the block's first node (for the nearest-node
        indices). Default 0.

    Returns
    -------
    LayerSummary

    Raises
    ------
    ValueError
        For a bad shape or dtype, nodes not on the plan's layer (checked on
        the first and last node), a negative offset or a non-plan ``plan``.
    """
    _check_plan(plan)
    if isinstance(offset, bool) or not isinstance(offset, (int, np.integer)) or offset < 0:
        raise ValueError(f"offset must be a non-negative integer; got {offset!r}")
    compiled = _compile(plan)
    xyz = _check_block(xyz_km, compiled.radius)
    n = xyz.shape[0]
    if n == 0:
        return _empty_summary(plan)
    # Scratch arrays for one tile, reused by every tile of the block.
    work = _Workspace(min(n, _TILE))
    domes = np.zeros(len(plan.domes), dtype=np.int64)
    union_counts = [
        np.zeros(todo.binner.thresholds.size, dtype=np.int64) if todo.binner else None
        for todo in compiled.work
    ]
    best_key = np.full(len(compiled.work), -np.inf)
    best_index = np.full(len(compiled.work), -1, dtype=np.int64)
    # Tile by tile, so that the dozen passes over each tile's projections stay
    # in cache instead of streaming block-sized arrays through memory.
    for start in range(0, n, _TILE):
        tile = xyz[start : start + _TILE]
        _reduce_tile(
            tile,
            compiled,
            work if tile.shape[0] == work.size else work.view(tile.shape[0]),
            domes,
            union_counts,
            best_key,
            best_index,
            start,
        )
    hists: list[np.ndarray] = [np.empty(0, dtype=np.int64)] * len(plan.histograms)
    s = len(plan.nearest)
    near_key = np.empty(s)
    near_index = np.empty(s, dtype=np.int64)
    near_dist = np.empty(s)
    for m, todo in enumerate(compiled.work):
        for k, bin_of, rev in todo.histograms:
            counts = np.zeros(int(bin_of[-1]) + 1, dtype=np.int64)
            np.add.at(counts, bin_of, union_counts[m])
            hists[k] = counts[::-1].copy() if rev else counts
        i = int(best_index[m])
        for k in todo.nearest:
            near_key[k] = best_key[m]
            near_index[k] = offset + i
            diff = xyz[i] - compiled.nearest_xyz[k]
            near_dist[k] = math.sqrt(float(diff[0] ** 2 + diff[1] ** 2 + diff[2] ** 2))
    return LayerSummary(plan, n, domes, tuple(hists), near_key, near_index, near_dist)


def combine_summaries(a: LayerSummary, b: LayerSummary) -> LayerSummary:
    """The summary of two disjoint parts of one population (associative and commutative).

    Parameters
    ----------
    a, b : LayerSummary
        Summaries made with the same plan.

    Returns
    -------
    LayerSummary
        The summary of the union of the two parts.

    Raises
    ------
    ValueError
        If the summaries come from different plans.
    """
    if not isinstance(a, LayerSummary) or not isinstance(b, LayerSummary):
        raise ValueError("a and b must be LayerSummary objects")
    if a.plan != b.plan:
        raise ValueError("a and b must come from the same ReductionPlan")
    # Larger key wins; on a tie the smaller global index (order-independent).
    take_b = (b.nearest_key_km > a.nearest_key_km) | (
        (b.nearest_key_km == a.nearest_key_km)
        & (b.nearest_index >= 0)
        & ((a.nearest_index < 0) | (b.nearest_index < a.nearest_index))
    )
    return LayerSummary(
        a.plan,
        a.n_nodes + b.n_nodes,
        a.dome_counts + b.dome_counts,
        tuple(x + y for x, y in zip(a.histogram_counts, b.histogram_counts, strict=True)),
        np.where(take_b, b.nearest_key_km, a.nearest_key_km),
        np.where(take_b, b.nearest_index, a.nearest_index),
        np.where(take_b, b.nearest_distance_km, a.nearest_distance_km),
    )


def reduce_blocks(
    blocks: Iterable[FloatArray],
    plan: ReductionPlan,
    *,
    path: str | os.PathLike[str] | None = None,
) -> LayerSummary:
    """Reduce a stream of blocks on one process (the serial reference).

    Parameters
    ----------
    blocks : iterable of numpy.ndarray
        Blocks of shape ``(m, 3)``, in population order (for example
        :func:`~sagin_lib.sampling.streams.iter_dome_blocks`).
    plan : ReductionPlan
        What to reduce.
    path : path-like, optional
        If given, a folder to write the tables to as Parquet.

    Returns
    -------
    LayerSummary
    """
    _check_plan(plan)
    total = _empty_summary(plan)
    offset = 0
    for block in blocks:
        part = reduce_block(block, plan, offset)
        offset += part.n_nodes
        total = combine_summaries(total, part)
    if path is not None:
        total.to_parquet(path)
    return total


def _check_split_every(split_every: Any) -> int:
    if isinstance(split_every, bool) or not isinstance(split_every, (int, np.integer)):
        raise ValueError(f"split_every must be an integer >= 2; got {split_every!r}")
    if split_every < 2:
        raise ValueError(f"split_every must be an integer >= 2; got {split_every!r}")
    return int(split_every)


def dask_reduce_delayed(nodes: da.Array, plan: ReductionPlan, *, split_every: int = 8) -> Delayed:
    """The reduction of a Dask node array as one lazy :class:`~dask.delayed.Delayed`.

    Each block is reduced where it is made by :func:`reduce_block` (with its
    global offset), mapped blockwise over the node array so that Dask fuses
    it with the task that produces the block: a block is drawn, reduced and
    dropped in one task, and only its summary leaves the worker. The
    per-block summaries are combined in a tree of fan-in ``split_every``.

    Parameters
    ----------
    nodes : dask.array.Array
        Shape ``(n, 3)``, chunks ``(m, 3)`` (see :mod:`sagin_lib.scale.arrays`).
    plan : ReductionPlan
        What to reduce.
    split_every : int, optional
        Fan-in of the combining tree, >= 2. Default 8.

    Returns
    -------
    dask.delayed.Delayed
        Computes to a :class:`LayerSummary`.
    """
    total, _ = _reduce_graph(nodes, plan, split_every)
    return total


def _reduce_graph(
    nodes: da.Array, plan: ReductionPlan, split_every: int
) -> tuple[Delayed, list[Delayed]]:
    """The lazy total and the lazy per-block summaries (one graph, shared keys)."""
    arr = check_node_array(nodes)
    _check_plan(plan)
    fan_in = _check_split_every(split_every)
    summaries = da.map_blocks(
        _summary_of_block,
        arr,
        plan,
        drop_axis=1,
        chunks=((1,) * arr.numblocks[0],),
        dtype=object,
        meta=np.empty((0,), dtype=object),
        name="layer-summary-" + tokenize(arr.name, plan),
    )
    combine = dask.delayed(_combine_many, pure=True)
    unwrap = dask.delayed(_unwrap, pure=True)
    blocks = summaries.to_delayed().ravel().tolist()
    parts = blocks
    while len(parts) > 1:
        parts = [combine(*parts[i : i + fan_in]) for i in range(0, len(parts), fan_in)]
    return unwrap(parts[0]), [unwrap(b) for b in blocks]


def _summary_of_block(
    block: FloatArray, plan: ReductionPlan, block_info: dict | None = None
) -> np.ndarray:
    """:func:`reduce_block` of one block of a Dask array, as a one-element object array."""
    assert block_info is not None
    out = np.empty((1,), dtype=object)
    out[0] = reduce_block(block, plan, int(block_info[0]["array-location"][0][0]))
    return out


def _unwrap(part: LayerSummary | np.ndarray) -> LayerSummary:
    """The summary held by a one-element object array (or the summary itself)."""
    return part if isinstance(part, LayerSummary) else part[0]


def _combine_many(*parts: LayerSummary | np.ndarray) -> LayerSummary:
    return functools.reduce(combine_summaries, [_unwrap(p) for p in parts])


def dask_reduce(
    nodes: da.Array,
    plan: ReductionPlan,
    *,
    path: str | os.PathLike[str] | None = None,
    scheduler: str | None = None,
    split_every: int = 8,
) -> LayerSummary:
    """Reduce a Dask node array without gathering its nodes.

    Parameters
    ----------
    nodes : dask.array.Array
        Shape ``(n, 3)``, chunks ``(m, 3)``.
    plan : ReductionPlan
        What to reduce.
    path : path-like, optional
        If given, a folder to write the tables to as Parquet.
    scheduler : str, optional
        Passed to :func:`dask.compute` (``"sync"``, ``"threads"``,
        ``"processes"``); by default the active distributed client if there
        is one, else Dask's threaded scheduler.
    split_every : int, optional
        Fan-in of the combining tree, >= 2.

    Returns
    -------
    LayerSummary
        Identical to ``reduce_blocks`` over the same nodes.
    """
    summary, _ = dask_reduce_with_blocks(
        nodes, plan, (), scheduler=scheduler, split_every=split_every
    )
    if path is not None:
        summary.to_parquet(path)
    return summary


def dask_reduce_with_blocks(
    nodes: da.Array,
    plan: ReductionPlan,
    blocks: Sequence[int],
    *,
    scheduler: str | None = None,
    split_every: int = 8,
) -> tuple[LayerSummary, dict[int, LayerSummary]]:
    """Reduce a Dask node array, and bring back the summaries of a few of its blocks.

    One computation: the blocks named in ``blocks`` are reduced once, on the
    workers, and their summaries travel back beside the total (a few
    kilobytes each), for example to check them against the single-process
    stream.

    Parameters
    ----------
    nodes, plan, scheduler, split_every
        As in :func:`dask_reduce`.
    blocks : sequence of int
        Block indices, each in ``[0, nodes.numblocks[0])``; may be empty.

    Returns
    -------
    tuple of (LayerSummary, dict)
        The total (identical to :func:`dask_reduce`) and block index to that
        block's summary (its nearest-node indices global).

    Raises
    ------
    ValueError
        For a block index out of range, or anything :func:`dask_reduce` rejects.
    """
    total, parts = _reduce_graph(nodes, plan, split_every)
    wanted: list[int] = []
    for b in blocks:
        if isinstance(b, bool) or not isinstance(b, (int, np.integer)) or not 0 <= b < len(parts):
            raise ValueError(f"blocks must hold block indices in [0, {len(parts)}); got {b!r}")
        if int(b) not in wanted:
            wanted.append(int(b))
    kwargs = {} if scheduler is None else {"scheduler": scheduler}
    summary, *chosen = dask.compute(total, *(parts[b] for b in wanted), **kwargs)
    return summary, dict(zip(wanted, chosen, strict=True))


def dask_table(
    nodes: da.Array,
    plan: ReductionPlan,
    name: str,
    *,
    path: str | os.PathLike[str] | None = None,
    scheduler: str | None = None,
) -> pd.DataFrame:
    """One table of the reduction of a Dask node array (see :meth:`LayerSummary.table`).

    Parameters
    ----------
    nodes : dask.array.Array
        Shape ``(n, 3)``: nodes on the plan's layer.
    plan : ReductionPlan
        What to reduce (give it only what the table needs: the whole plan is
        reduced).
    name : str
        The table: ``"dome_counts"``, ``"nearest"`` or ``"histogram-<name>"``.
    path : path-like, optional
        If given, the table is also written there as one Parquet file.
    scheduler : str, optional
        See :func:`dask_reduce`.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    ValueError
        For an unknown table name, or anything :func:`dask_reduce` rejects.
    """
    _check_plan(plan)
    if name not in plan.table_names():
        raise ValueError(f"name must be one of {plan.table_names()}; got {name!r}")
    table = dask_reduce(nodes, plan, scheduler=scheduler).table(name)
    if path is not None:
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        table.to_parquet(target, index=False)
    return table
