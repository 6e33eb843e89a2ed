"""The scaling chapter's computation: the footprint, the population on Dask, its reduction and the
expected counts.

Dask is imported inside the functions that need it, never when this module is imported.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from scipy import stats

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.coverage import dome_area_km2, downlink_vertex_angle_rad, slant_range_km
from sagin_lib.model.dome import Dome
from sagin_lib.model.sphere import central_angle_rad, direction_xyz, latlon_deg_to_direction_rad

from .spec import FULL_CHECK_BLOCKS, MIN_EXPECTED, SWEEP_HAPS, SWEEP_SATS


class Footprint(NamedTuple):
    """The chapter's geometry, converted once from the parameters (rad, km)."""

    geo_azimuth_rad: float
    geo_polar_rad: float
    vertex_angle_rad: float
    area_km2: float
    density_per_km2: float
    max_slant_km: float
    elev_edges_deg: np.ndarray
    dist_edges_km: np.ndarray
    beam_angle_rad: float
    beam_directions_rad: tuple[tuple[float, float], ...]
    beam_offsets_rad: tuple[float, ...]


def elevation_edges_deg(bin_deg: float) -> np.ndarray:
    """Elevation bin edges from 0 to 90 degrees; the last bin is narrower if need be."""
    edges = np.arange(0.0, 90.0 + 0.5 * bin_deg, bin_deg)
    edges[-1] = min(edges[-1], 90.0)
    if edges[-1] < 90.0:
        edges = np.append(edges, 90.0)
    return edges


def distance_edges_km(geo_alt_km: float, max_slant_km: float, bin_km: float) -> np.ndarray:
    """Slant-range bin edges on multiples of the bin, from below the altitude past the rim."""
    edges = np.arange(math.floor(geo_alt_km / bin_km) * bin_km, max_slant_km + bin_km, bin_km)
    if edges[-1] < max_slant_km:  # guard against rounding in arange
        edges = np.append(edges, edges[-1] + bin_km)
    if edges.size < 2:
        edges = np.append(edges, edges[-1] + bin_km)
    return edges


def footprint(p: Mapping[str, Any]) -> Footprint:
    """The footprint, the bins and the spot beams of a parameter set (human units)."""
    geo_az, geo_pol = (float(v) for v in latlon_deg_to_direction_rad(0.0, p["geo_lon_deg"]))
    phi = float(
        downlink_vertex_angle_rad(0.0, p["geo_alt_km"], math.radians(p["min_elevation_deg"]))
    )
    area = float(dome_area_km2(0.0, phi))
    max_slant = float(slant_range_km(0.0, p["geo_alt_km"], phi))
    dirs = tuple(
        tuple(float(v) for v in latlon_deg_to_direction_rad(lat, lon))
        for lat, lon in zip(p["beam_lat_deg"], p["beam_lon_deg"], strict=True)
    )
    geo_u = direction_xyz(geo_az, geo_pol)
    offsets = tuple(float(central_angle_rad(direction_xyz(az, pol), geo_u)) for az, pol in dirs)
    return Footprint(
        geo_az,
        geo_pol,
        phi,
        area,
        p["n_users"] / area,
        max_slant,
        elevation_edges_deg(p["elev_bin_deg"]),
        distance_edges_km(p["geo_alt_km"], max_slant, p["distance_bin_km"]),
        p["beam_radius_km"] / EARTH_RADIUS_KM,
        dirs,  # type: ignore[arg-type]
        offsets,
    )


def footprint_dome(fp: Footprint) -> Dome:
    """The footprint as a dome of the ground, around the sub-satellite point."""
    return Dome(0.0, fp.vertex_angle_rad, fp.geo_azimuth_rad, fp.geo_polar_rad)


def population(p: Mapping[str, Any], fp: Footprint) -> Any:
    """The users as a lazy Dask array of shape ``(n_users, 3)`` (Earth-centred km)."""
    from sagin_lib.scale.arrays import dask_dome_nodes

    return dask_dome_nodes(p["n_users"], footprint_dome(fp), rng=p["seed"])


def reduction_plan(p: Mapping[str, Any], fp: Footprint) -> Any:
    """What the workers reduce: two histograms, the beam counts, the nearest users."""
    from sagin_lib.scale.reductions import HistogramSpec, ReceiverDome, ReductionPlan, Station

    geo = Station("GEO", p["geo_alt_km"], fp.geo_azimuth_rad, fp.geo_polar_rad)
    beams = tuple(
        ReceiverDome(f"beam {k + 1}", Dome(0.0, fp.beam_angle_rad, az, pol))
        for k, (az, pol) in enumerate(fp.beam_directions_rad)
    )
    centres = tuple(
        Station(b.name, 0.0, az, pol)
        for b, (az, pol) in zip(beams, fp.beam_directions_rad, strict=True)
    )
    return ReductionPlan(
        0.0,
        domes=beams,
        histograms=(
            HistogramSpec("elevation", geo, "elevation_deg", tuple(fp.elev_edges_deg)),
            HistogramSpec("distance", geo, "distance_km", tuple(fp.dist_edges_km)),
        ),
        nearest=(geo, *centres),
    )


def identity_blocks(n_blocks: int) -> tuple[int, ...]:
    """The blocks compared with the single-process stream: all of few, else first, middle, last."""
    if n_blocks <= FULL_CHECK_BLOCKS:
        return tuple(range(n_blocks))
    return (0, n_blocks // 2, n_blocks - 1)


@dataclass(frozen=True)
class ClusterRun:
    """The reduction of the population and how it ran.

    Attributes
    ----------
    summary : sagin_lib.scale.reductions.LayerSummary
        The reduction of the whole population.
    blocks : dict
        Block index to the summary of that block as the workers computed it.
    n_blocks : int
        Blocks of the population.
    elapsed_s : float
        Wall time of the computation, s.
    where : str
        The cluster, in words.
    n_workers : int
        Workers of the cluster (0 without one: Dask's synchronous scheduler).
    """

    summary: Any
    blocks: dict[int, Any]
    n_blocks: int
    elapsed_s: float
    where: str
    n_workers: int

    @property
    def rate_musers_s(self) -> float:
        """Users generated and reduced per second, millions."""
        return self.summary.n_nodes / max(self.elapsed_s, 1e-9) / 1e6

    def report(self) -> str:
        """The run in words (times change from run to run; never saved)."""
        return (
            f"cluster: {self.where}, {self.n_workers} workers\n"
            f"generated and reduced {self.summary.n_nodes:,} users in {self.elapsed_s:.1f} s "
            f"({self.rate_musers_s:.1f} million users/s)"
        )

    def numbers(self) -> dict[str, str]:
        """The run's numbers the prose quotes."""
        rate = self.rate_musers_s
        return {
            "elapsed": f"{self.elapsed_s:.1f}",
            "rate": f"{rate:.0f}" if rate >= 10.0 else f"{rate:.2g}",
            "where": self.where,
            "workers": f"{self.n_workers}",
        }


def reduce_on_cluster(users: Any, plan: Any, client: Any = None, address: str = "") -> ClusterRun:
    """Generate and reduce the population on the client's cluster, timed.

    Parameters
    ----------
    users : dask.array.Array
        The population (:func:`population`).
    plan : ReductionPlan
        What to reduce (:func:`reduction_plan`).
    client : distributed.Client, optional
        The cluster; without one, Dask's synchronous scheduler on this process.
    address : str, optional
        The scheduler address asked for (empty: local or from the environment).

    Returns
    -------
    ClusterRun
    """
    from sagin_lib.scale.cluster import scheduler_address
    from sagin_lib.scale.reductions import dask_reduce_with_blocks

    n_blocks = int(users.numblocks[0])
    if client is not None:
        where = scheduler_address(address or None) or "a LocalCluster on 127.0.0.1"
        n_workers = len(client.scheduler_info(n_workers=-1)["workers"])
    else:
        where, n_workers = "this process (synchronous scheduler)", 0
    start = time.perf_counter()
    summary, blocks = dask_reduce_with_blocks(
        users, plan, identity_blocks(n_blocks), scheduler=None if client is not None else "sync"
    )
    elapsed = time.perf_counter() - start
    return ClusterRun(summary, blocks, n_blocks, elapsed, where, n_workers)


def _same_summary(a: Any, b: Any) -> bool:
    """Whether two layer summaries are identical, integer for integer and bit for bit."""
    return (
        a.n_nodes == b.n_nodes
        and np.array_equal(a.dome_counts, b.dome_counts)
        and all(
            np.array_equal(x, y)
            for x, y in zip(a.histogram_counts, b.histogram_counts, strict=True)
        )
        and np.array_equal(a.nearest_key_km, b.nearest_key_km)
        and np.array_equal(a.nearest_index, b.nearest_index)
        and np.array_equal(a.nearest_distance_km, b.nearest_distance_km)
    )


@dataclass(frozen=True)
class StreamCheck:
    """The cluster's results against the single-process stream.

    Attributes
    ----------
    checked_blocks : tuple of int
        Blocks recomputed on this process.
    mismatched_blocks : tuple of int
        Those whose summary differs from the workers'.
    total_checked : bool
        Whether the whole population was also reduced on this process.
    total_identical : bool or None
        Whether that serial total equals the cluster's (None if not checked).
    """

    checked_blocks: tuple[int, ...]
    mismatched_blocks: tuple[int, ...]
    total_checked: bool
    total_identical: bool | None


def stream_check(p: Mapping[str, Any], fp: Footprint, plan: Any, run: ClusterRun) -> StreamCheck:
    """Recompute the checked blocks (and, for a few blocks, the whole) from the stream here."""
    from sagin_lib.sampling.streams import chunk_bounds, dome_chunk, iter_dome_blocks
    from sagin_lib.scale.reductions import reduce_block, reduce_blocks

    n = p["n_users"]
    dome = footprint_dome(fp)
    bad = []
    for b in sorted(run.blocks):
        block = dome_chunk(b, n, dome, rng=p["seed"])
        serial = reduce_block(block, plan, chunk_bounds(b, n)[0])
        if not _same_summary(serial, run.blocks[b]):
            bad.append(b)
    full = run.n_blocks <= FULL_CHECK_BLOCKS
    total = None
    if full:
        serial_total = reduce_blocks(iter_dome_blocks(n, dome, rng=p["seed"]), plan)
        total = _same_summary(serial_total, run.summary)
    return StreamCheck(tuple(sorted(run.blocks)), tuple(bad), full, total)


def sweeps(p: Mapping[str, Any], client: Any = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The HAPS coverage sweep run serially and on the cluster: ``(serial, cluster)``."""
    from sagin_lib.platforms.haps_coverage import HapsCoverageParams, coverage_sweep
    from sagin_lib.scale.sweeps import dask_map

    args = (HapsCoverageParams(fading="rayleigh"), list(SWEEP_HAPS), list(SWEEP_SATS))
    serial = coverage_sweep(*args, p["sweep_users"], rng=p["seed"])
    mapper = dask_map(client) if client is not None else dask_map(scheduler="sync")
    cluster = coverage_sweep(*args, p["sweep_users"], rng=p["seed"], map_function=mapper)
    return serial, cluster


def _share_within(psi: np.ndarray, fp: Footprint) -> np.ndarray:
    """Share of the footprint within central angle ``psi`` of the sub-satellite point."""
    s2_phi = math.sin(0.5 * fp.vertex_angle_rad) ** 2
    return np.minimum(np.sin(0.5 * np.minimum(psi, fp.vertex_angle_rad)) ** 2 / s2_phi, 1.0)


def elevation_table(summary: Any, p: Mapping[str, Any], fp: Footprint) -> pd.DataFrame:
    """Users per elevation bin (closed on the left) and the count expected by area (Lemma 1)."""
    edges = fp.elev_edges_deg
    psi = np.array(
        [
            0.0 if e >= 90.0 else float(downlink_vertex_angle_rad(0.0, p["geo_alt_km"], math.radians(e)))
            for e in edges
        ]
    )  # fmt: skip
    data = summary.histogram_table("elevation").iloc[1:-1].reset_index(drop=True)
    data["expected_count"] = p["n_users"] * (
        _share_within(psi[:-1], fp) - _share_within(psi[1:], fp)
    )
    return data


def distance_table(summary: Any, p: Mapping[str, Any], fp: Footprint) -> pd.DataFrame:
    """Users per slant-range bin (closed on the right) and the count expected by area."""
    edges = fp.dist_edges_km
    s2_phi = math.sin(0.5 * fp.vertex_angle_rad) ** 2
    r_s = EARTH_RADIUS_KM + p["geo_alt_km"]
    gap = r_s - EARTH_RADIUS_KM
    s2 = np.clip((edges - gap) * (edges + gap) / (4.0 * EARTH_RADIUS_KM * r_s), 0.0, s2_phi)
    data = summary.histogram_table("distance").iloc[1:-1].reset_index(drop=True)
    data["expected_count"] = p["n_users"] * np.diff(s2) / s2_phi
    return data


def cap_intersection_sr(a: float, b: float, d: float) -> float:
    """Area (steradians) common to two caps of angular radii ``a`` and ``b``, centres ``d`` apart.

    Parameters
    ----------
    a, b : float
        Angular radii of the caps, rad, in ``[0, pi]``.
    d : float
        Angle between their centres, rad, in ``[0, pi]``.

    Returns
    -------
    float
        The area on the unit sphere: 0 for disjoint caps, the smaller cap's
        ``4 pi sin^2(r / 2)`` when one holds the other, else the closed form
        of the lens ``2 (pi - g - cos(a) x - cos(b) y)`` with ``g`` the angle
        between the rims at a crossing and ``x``, ``y`` the half-angles they
        subtend at the centres.
    """
    if d >= a + b:
        return 0.0
    if d <= abs(a - b):
        r = min(a, b)
        return 4.0 * math.pi * math.sin(0.5 * r) ** 2
    ca, cb, cd = math.cos(a), math.cos(b), math.cos(d)
    sa, sb, sd = math.sin(a), math.sin(b), math.sin(d)
    if sd < 1e-12:  # antipodal centres, overlapping caps: a band
        return max(0.0, -2.0 * math.pi * (ca + cb))

    def _acos(x: float) -> float:
        return math.acos(min(1.0, max(-1.0, x)))

    g = _acos((cd - ca * cb) / (sa * sb))
    x = _acos((cb - cd * ca) / (sd * sa))
    y = _acos((ca - cd * cb) / (sd * sb))
    area = 2.0 * (math.pi - g - ca * x - cb * y)
    cap = 4.0 * math.pi * min(math.sin(0.5 * a) ** 2, math.sin(0.5 * b) ** 2)
    return min(max(area, 0.0), cap)


def beam_shares(fp: Footprint) -> np.ndarray:
    """Share of the footprint's area inside each spot beam (0 to 1).

    A beam wholly inside the footprint holds ``sin^2(rho/2) / sin^2(phi/2)``
    (Lemma 1); one that overlaps its rim, the share of the lens; one outside it,
    nothing; one that holds the whole footprint, all of it.
    """
    phi, rho = fp.vertex_angle_rad, fp.beam_angle_rad
    s2_phi = math.sin(0.5 * phi) ** 2
    shares = []
    for offset in fp.beam_offsets_rad:
        if offset + rho <= phi:
            share = math.sin(0.5 * rho) ** 2 / s2_phi
        elif offset + phi <= rho:
            share = 1.0
        else:
            share = cap_intersection_sr(phi, rho, offset) / (4.0 * math.pi * s2_phi)
        shares.append(min(share, 1.0))
    return np.array(shares)


def beam_table(summary: Any, p: Mapping[str, Any], fp: Footprint) -> pd.DataFrame:
    """Users in each spot beam, the binomial expectation, its z-score and the nearest user.

    The z-score is 0 where the count cannot vary (a beam outside the footprint
    or holding all of it); the nearest user's distance is NaN without users.
    """
    counts = summary.dome_counts_table()
    nearest = summary.nearest_table().set_index("station")
    n = p["n_users"]
    z = []
    for count, share in zip(counts["count"], beam_shares(fp), strict=True):
        var = n * share * (1.0 - share)
        z.append((count - n * share) / math.sqrt(var) if var > 0.0 else 0.0)
    near = nearest.loc[list(counts["dome"]), "nearest_distance_km"].to_numpy()
    return pd.DataFrame(
        {
            "beam": counts["dome"],
            "center_lat_deg": np.asarray(p["beam_lat_deg"], dtype=float),
            "center_lon_deg": np.asarray(p["beam_lon_deg"], dtype=float),
            "radius_km": p["beam_radius_km"],
            "count": counts["count"],
            "expected_count": n * beam_shares(fp),
            "z_score": np.array(z, dtype=float),
            "nearest_user_km": np.where(np.isfinite(near), near, np.nan),
        }
    )


def pooled_chi_square(
    counts: Sequence[float], expected: Sequence[float], min_expected: float = MIN_EXPECTED
) -> tuple[float, int, float]:
    """Chi-square goodness of fit after pooling adjacent bins to ``min_expected`` users.

    Bins expecting no user are left out (the containment claim covers them).

    Returns
    -------
    tuple of (float, int, float)
        The statistic, its degrees of freedom (pooled bins less one) and its
        p-value; ``(0, 0, 1)`` when fewer than two pooled bins remain.
    """
    obs = np.asarray(counts, dtype=float)
    exp = np.asarray(expected, dtype=float)
    keep = exp > 0.0
    pooled: list[list[float]] = []
    acc_o = acc_e = 0.0
    for o, e in zip(obs[keep], exp[keep], strict=True):
        acc_o, acc_e = acc_o + o, acc_e + e
        if acc_e >= min_expected:
            pooled.append([acc_o, acc_e])
            acc_o = acc_e = 0.0
    if acc_e > 0.0:
        if pooled:
            pooled[-1][0] += acc_o
            pooled[-1][1] += acc_e
        else:
            pooled.append([acc_o, acc_e])
    if len(pooled) < 2:
        return 0.0, 0, 1.0
    o, e = np.array(pooled).T
    chi2 = float(((o - e) ** 2 / e).sum())
    dof = len(pooled) - 1
    return chi2, dof, float(stats.chi2.sf(chi2, dof))


def binomial_p_value(count: int, n: int, share: float) -> float:
    """Two-sided exact binomial p-value of ``count`` successes in ``n`` trials of probability ``share``."""
    if share <= 0.0 or share >= 1.0:
        return 1.0 if count == round(n * share) else 0.0
    low = float(stats.binom.cdf(count, n, share))
    high = float(stats.binom.sf(count - 1, n, share))
    return min(1.0, 2.0 * min(low, high))


def nearest_p_value(distance_km: float, offset_rad: float, n: int, fp: Footprint) -> float:
    """Two-sided p-value of a beam centre's nearest-user distance under the binomial process.

    The users within chord distance ``d`` of the centre are those of the cap of
    angular radius ``psi = 2 asin(d / 2R)``; with ``x`` the share of the footprint
    in that cap, ``P(D > d) = (1 - x)^n`` exactly.
    """
    psi = 2.0 * math.asin(min(distance_km / (2.0 * EARTH_RADIUS_KM), 1.0))
    total = 4.0 * math.pi * math.sin(0.5 * fp.vertex_angle_rad) ** 2
    x = min(cap_intersection_sr(fp.vertex_angle_rad, psi, offset_rad) / total, 1.0)
    survive = math.exp(n * math.log1p(-x)) if x < 1.0 else 0.0
    return min(1.0, 2.0 * min(1.0 - survive, survive))
