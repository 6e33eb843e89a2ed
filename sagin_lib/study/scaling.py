"""The scaling chapter: a GEO footprint's users generated and reduced on Dask, as claims.

A population of ``n_users`` ground users, uniform by area under the footprint of
one geostationary satellite (the S2G dome of the coverage model at the minimum
elevation), is generated block by block on a Dask cluster and reduced there to
histograms of the elevation and slant range to the satellite, counts in spot-beam
domes and each beam centre's nearest user. This module turns the chapter's
parameters (degrees, km) into that computation, builds the tables and figures,
and checks the chapter's statements as claims: every user counted once and inside
the footprint, histograms and beam counts that agree with the area law, nearest
users as close as the density predicts, and results identical to the
single-process stream.

Dask is an optional extra of ``sagin_lib``: it is imported inside the functions
that need it, never when this module is imported.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from scipy import stats

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.coverage import dome_area_km2, downlink_vertex_angle_rad, slant_range_km
from sagin_lib.model.dome import Dome
from sagin_lib.model.sphere import (
    cartesian_to_latlon_deg,
    central_angle_rad,
    direction_xyz,
    latlon_deg_to_direction_rad,
    yaw_pitch_matrix,
)
from sagin_lib.sampling.streams import CHUNK_SIZE
from sagin_lib.study.claims import Claim, claim
from sagin_lib.study.formatting import Table, format_number, format_table
from sagin_lib.study.sources import COVERAGE_PAPER, STUDY
from sagin_lib.study.spec import ChapterSpec, Constraint, Param, output_dir_param

PAPER = COVERAGE_PAPER

#: Largest number of spot beams.
MAX_BEAMS = 8

SPEC = ChapterSpec(
    "scaling",
    (
        output_dir_param("scaling"),
        Param("scheduler_address", "",
              "tcp://host:port; empty: $SAGIN_DASK_SCHEDULER, else a LocalCluster"),
        Param("n_workers", 2, "worker processes of the LocalCluster (ignored with a scheduler address)",
              low=1, high=8),
        Param("seed", 20260601, "root seed of the user population", low=0, high=2**32 - 1),
        Param("n_users", 100000000, "ground users under the GEO footprint (binomial point process)",
              low=0, high=1_000_000_000),
        Param("geo_alt_km", 35786.0, "GEO altitude", unit="km", low=20000.0, high=100000.0),
        Param("geo_lon_deg", 10.0, "sub-satellite longitude (on the equator)",
              unit="deg", low=-180.0, high=180.0),
        Param("min_elevation_deg", 10.0, "minimum elevation of the users: the footprint rim",
              unit="deg", low=0.0, high=89.0, aliases=("min_elev_deg",)),
        Param("elev_bin_deg", 1.0, "width of the elevation bins", unit="deg", low=0.1, high=90.0),
        Param("distance_bin_km", 50.0, "width of the slant-range bins",
              unit="km", low=1.0, high=10000.0),
        Param("beam_lat_deg", [0.0, 25.0, -30.0, 45.0], "spot-beam centres, latitude",
              unit="deg", low=-90.0, high=90.0, max_items=MAX_BEAMS),
        Param("beam_lon_deg", [10.0, 0.0, 30.0, 15.0], "spot-beam centres, longitude",
              unit="deg", low=-180.0, high=180.0, max_items=MAX_BEAMS),
        Param("beam_radius_km", 250.0, "ground radius of every spot-beam dome (along the surface)",
              unit="km", low=1.0, high=20000.0),
        Param("sweep_users", 2000, "users per point of the distributed HAPS sweep",
              low=1, high=200000),
    ),
    (
        Constraint(("beam_lat_deg", "beam_lon_deg"),
                   "as many beam latitudes as beam longitudes (len(beam_lat_deg) == len(beam_lon_deg))",
                   lambda v: len(v["beam_lat_deg"]) == len(v["beam_lon_deg"])),
    ),
)  # fmt: skip

#: Two-sided tail probability of a normal variable beyond 4 standard errors. The
#: statistical claims hold when their p-value (exact binomial, chi-square or the
#: nearest-user law) is at least this: a 4-standard-error band, whatever the test.
P_MIN = float(2.0 * stats.norm.sf(4.0))

#: Adjacent histogram bins are pooled until each expects at least this many users
#: (the usual validity condition of the chi-square approximation).
MIN_EXPECTED = 5.0

#: Populations with at most this many blocks are also reduced whole on this
#: process; larger ones are compared block by block on :func:`identity_blocks`.
FULL_CHECK_BLOCKS = 3

#: The sweep of the platforms chapter run on the cluster: HAPS and satellite counts.
SWEEP_HAPS = (0, 10, 40)
SWEEP_SATS = (0, 60, 200)

#: Colours of the figures.
ELEVATION_COLOR = "#a6761d"
DISTANCE_COLOR = "#7570b3"
BEAM_COLOR = "#1b9e77"


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


def _number(x: float, digits: int = 2) -> str:
    """A positive number with ``digits`` decimals, or significant digits if smaller."""
    if not math.isfinite(x):
        return "no"
    return f"{x:.{digits}f}" if x >= 10.0 ** (1 - digits) or x == 0.0 else f"{x:.2g}"


def prose_numbers(p: Mapping[str, Any], fp: Footprint) -> dict[str, str]:
    """The numbers the chapter's prose quotes, as text to glue."""
    nn = 0.5 / math.sqrt(fp.density_per_km2) if fp.density_per_km2 > 0 else math.inf
    return {
        "n_users": f"{p['n_users']:,}",
        "footprint_deg": f"{math.degrees(fp.vertex_angle_rad):.2f}",
        "footprint_mkm2": f"{fp.area_km2 / 1e6:.1f}",
        "earth_share_pct": f"{100.0 * math.sin(0.5 * fp.vertex_angle_rad) ** 2:.0f}",
        "density": _number(fp.density_per_km2),
        "min_elev": f"{p['min_elevation_deg']:g}",
        "beam_radius": f"{p['beam_radius_km']:g}",
        "nn_mean": "no user" if math.isinf(nn) else f"{nn:.2g} km",
        "block_users": f"{CHUNK_SIZE:,}",
        "p_min": format_number(P_MIN, 2),
        "full_check_blocks": f"{FULL_CHECK_BLOCKS}",
        "block_mb": f"{CHUNK_SIZE * 3 * 8 / 1e6:.0f}",
    }


# ---------------------------------------------------------------- the computation


def footprint_dome(fp: Footprint) -> Dome:
    """The footprint as a dome of the ground, around the sub-satellite point."""
    return Dome(0.0, fp.vertex_angle_rad, fp.geo_azimuth_rad, fp.geo_polar_rad)


def population(p: Mapping[str, Any], fp: Footprint) -> Any:
    """The users as a lazy Dask array of shape ``(n_users, 3)`` (Earth-centred km)."""
    from sagin_lib.scale.arrays import dask_dome_nodes

    return dask_dome_nodes(p["n_users"], footprint_dome(fp), rng=p["seed"])


def population_numbers(users: Any) -> dict[str, str]:
    """Size and blocks of the lazy population, as text to glue."""
    return {
        "gathered_gib": f"{users.nbytes / 2**30:.2f}",
        "n_blocks": f"{users.numblocks[0]:,}",
        "block_max": f"{users.chunks[0][0]:,}" if users.shape[0] else "0",
    }


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


def plan_numbers(plan: Any) -> dict[str, str]:
    """The plan's size (bins and beams), as text to glue."""
    n_elev, n_dist = (len(h.edges) - 1 for h in plan.histograms)
    return {"n_elev_bins": f"{n_elev}", "n_dist_bins": f"{n_dist}", "n_beams": f"{len(plan.domes)}"}


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


def sweep_table(cluster: pd.DataFrame) -> Table:
    """The cluster sweep's coverage columns, formatted for the page."""
    cols = ["n_sats", "n_haps", "coverage_probability", "coverage_semianalytic"]
    return format_table(
        cluster[cols],
        digits=4,
        headers={
            "n_sats": "satellites",
            "n_haps": "HAPS",
            "coverage_probability": "coverage probability (Monte Carlo)",
            "coverage_semianalytic": "coverage probability (semi-analytic)",
        },
        caption="The HAPS coverage sweep of the platforms chapter, run on the cluster",
    )


# ---------------------------------------------------------------- tables


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


def half_below_deg(elev: pd.DataFrame) -> str:
    """The upper edge of the elevation bin below which half of the users lie, as text."""
    total = int(elev["count"].sum())
    if total == 0:
        return "no"
    k = int(np.searchsorted(np.cumsum(elev["count"].to_numpy()), 0.5 * total))
    return f"{elev['elevation_high_deg'].iloc[k]:g}"


# ---------------------------------------------------------------- figures


def _plot_counts(
    table: pd.DataFrame,
    edges: np.ndarray,
    color: str,
    labels: tuple[str, str],
    rim_deg: float | None = None,
) -> plt.Figure:
    """Users per bin from the Dask reduction as filled stairs, and the expected count.

    The legend sits under the axes, off the histogram.
    """
    fig, ax = plt.subplots(figsize=(7, 4.4), layout="constrained")
    ax.stairs(table["count"], edges, fill=True, color=color, alpha=0.6, label="users (Dask)")
    ax.stairs(table["expected_count"], edges, color="k", linewidth=1.0, label="expected")
    if rim_deg is not None:
        ax.axvline(rim_deg, color="0.5", linestyle="--", linewidth=0.8,
                   label=f"minimum elevation ({rim_deg:g}°)")  # fmt: skip
    ax.set_xlabel(labels[0])
    ax.set_ylabel(labels[1])
    ax.ticklabel_format(axis="y", style="sci", scilimits=(-3, 4), useMathText=True)
    fig.legend(loc="outside lower center", ncol=3)
    fig.draw_without_rendering()
    fig.set_layout_engine("none")
    return fig


def plot_elevation(elev: pd.DataFrame, p: Mapping[str, Any], fp: Footprint) -> plt.Figure:
    """Users per elevation bin, and the expected count."""
    xlabel = "elevation of the GEO satellite seen by the user (°)"
    ylabel = f"users per {p['elev_bin_deg']:g}° bin"
    rim = p["min_elevation_deg"]
    return _plot_counts(elev, fp.elev_edges_deg, ELEVATION_COLOR, (xlabel, ylabel), rim)


def plot_distance(dist: pd.DataFrame, p: Mapping[str, Any], fp: Footprint) -> plt.Figure:
    """Users per slant-range bin, and the expected count."""
    ylabel = f"users per {p['distance_bin_km']:g} km bin"
    labels = ("slant range to the GEO satellite (km)", ylabel)
    return _plot_counts(dist, fp.dist_edges_km, DISTANCE_COLOR, labels, None)


def _rim_latlon(
    az: float, pol: float, angle: float, ref_lon: float, n: int = 241
) -> tuple[np.ndarray, np.ndarray]:
    """The rim of a dome around ``(az, pol)`` as latitude and longitude (unwrapped near ``ref_lon``)."""
    a = np.linspace(0.0, 2.0 * math.pi, n)
    local = np.stack(
        [math.sin(angle) * np.cos(a), math.sin(angle) * np.sin(a), np.full(n, math.cos(angle))],
        axis=1,
    )
    lat, lon, _ = cartesian_to_latlon_deg(EARTH_RADIUS_KM * local @ yaw_pitch_matrix(az, pol).T)
    lon = np.unwrap(np.asarray(lon, dtype=float), period=360.0)
    shift = 360.0 * round((float(np.mean(lon)) - ref_lon) / 360.0)
    return lat, lon - shift if shift else lon


def plot_spot_beams(beams: pd.DataFrame, p: Mapping[str, Any], fp: Footprint) -> plt.Figure:
    """The spot beams: where they lie, the users in each, their z-scores and nearest users.

    (a) the footprint and the beams on a latitude-longitude map; (b) users in
    each beam (Dask) against the binomial expectation; (c) the z-score of each
    count with the 4-standard-error band of the claims; (d) the distance from
    each beam centre to its nearest user against the mean spacing
    ``1/(2 sqrt(lambda))``. Legends sit under their panels, off the data.
    """
    fig = plt.figure(figsize=(7.5, 8.6), layout="constrained")
    grid = fig.add_gridspec(3, 2, height_ratios=[1.0, 0.36, 0.9])
    ax1, ax2 = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])
    ax3, ax4 = fig.add_subplot(grid[2, 0]), fig.add_subplot(grid[2, 1])
    lax1, lax2 = (fig.add_subplot(grid[1, k]) for k in range(2))
    for lax in (lax1, lax2):
        lax.axis("off")
    ref = p["geo_lon_deg"]
    lat, lon = _rim_latlon(fp.geo_azimuth_rad, fp.geo_polar_rad, fp.vertex_angle_rad, ref)
    ax1.plot(lon, lat, color=ELEVATION_COLOR, linewidth=1.0,
             label=f"footprint (elevation ≥ {p['min_elevation_deg']:g}°)")  # fmt: skip
    ax1.plot([ref], [0.0], marker="+", markersize=9, color="k", linestyle="none", zorder=3,
             label="sub-satellite point")  # fmt: skip
    for name, (az, pol) in zip(beams["beam"], fp.beam_directions_rad, strict=True):
        lat, lon = _rim_latlon(az, pol, fp.beam_angle_rad, ref)
        ax1.fill(lon, lat, alpha=0.5, label=name)
    ax1.set_xlabel("longitude (°)")
    ax1.set_ylabel("latitude (°)")
    ax1.set_aspect("equal")
    ax1.set_title("(a) Footprint and spot beams", pad=9.0)
    lax1.legend(*ax1.get_legend_handles_labels(), loc="upper center", ncol=2)

    x = np.arange(len(beams))
    numbers = [str(name).removeprefix("beam ") for name in beams["beam"]]
    ax2.bar(x, beams["count"], color=BEAM_COLOR, alpha=0.7, label="users (Dask)")
    ax2.scatter(x, beams["expected_count"], color="k", zorder=3, label="expected (binomial mean)")
    ax2.set_xticks(x, numbers)
    ax2.set_xlabel("spot beam")
    ax2.set_ylabel("users in the beam")
    ax2.ticklabel_format(axis="y", style="sci", scilimits=(-3, 4), useMathText=True)
    top = max(float(beams["count"].max()), float(beams["expected_count"].max()))
    ax2.set_ylim(0, 1.1 * top if top > 0 else 1.0)
    ax2.set_title("(b) Users in each beam", pad=9.0)
    lax2.legend(*ax2.get_legend_handles_labels(), loc="upper center", ncol=1)

    z = beams["z_score"].to_numpy(dtype=float)
    band = float(stats.norm.isf(0.5 * P_MIN))
    ax3.axhspan(-band, band, color="0.85", zorder=0)
    ax3.axhline(0.0, color="0.4", linewidth=0.8)
    ax3.plot(x, z, "o", color=BEAM_COLOR)
    ax3.set_xticks(x, numbers)
    ax3.set_xlim(-0.6, len(beams) - 0.4)
    reach = max(1.15 * band, 1.1 * float(np.max(np.abs(z))))
    ax3.set_ylim(-reach, reach)
    ax3.set_xlabel("spot beam")
    ax3.set_ylabel("z-score of the count (standard errors)")
    ax3.set_title(
        f"(c) Count against expectation\n(grey: within {band:.0f} standard errors)", pad=9.0
    )

    near = beams["nearest_user_km"].to_numpy(dtype=float)
    if np.isfinite(near).any() and fp.density_per_km2 > 0:
        spacing = 0.5 / math.sqrt(fp.density_per_km2)
        ax4.axhline(spacing, color="0.4", linestyle="--", linewidth=1.0)
        ax4.plot(x, near, "D", color=BEAM_COLOR)
        ax4.set_xticks(x, numbers)
        ax4.set_xlim(-0.6, len(beams) - 0.4)
        finite = near[np.isfinite(near)]
        ax4.set_ylim(0.0, 1.15 * max(float(finite.max()), spacing))
        ax4.set_xlabel("spot beam")
        ax4.set_ylabel("distance to the nearest user (km)")
        ax4.set_title(f"(d) Nearest user to each beam centre\n(dashed: 1/(2√λ) = {spacing:.3g} km)",
                      pad=9.0)  # fmt: skip
    else:
        ax4.axis("off")
        ax4.text(0.5, 0.5, "(d) No user: no nearest user", ha="center", va="center",
                 transform=ax4.transAxes)  # fmt: skip
    fig.draw_without_rendering()
    fig.set_layout_engine("none")
    return fig


# ---------------------------------------------------------------- claims


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


def population_claims(summary: Any, p: Mapping[str, Any], fp: Footprint) -> list[Claim]:
    """Every user counted once, and every user inside the footprint."""
    n = p["n_users"]
    elev = summary.histogram_table("elevation")
    dist = summary.histogram_table("distance")
    sums = (int(elev["count"].sum()), int(dist["count"].sum()))
    counted = summary.n_nodes == n and sums == (n, n)
    below = int(elev.loc[elev["elevation_high_deg"] <= p["min_elevation_deg"], "count"].sum())
    beyond = int(dist.loc[dist["distance_low_km"] >= fp.max_slant_km, "count"].sum())
    geo_near = float(summary.nearest_table().set_index("station").loc["GEO", "nearest_distance_km"])
    too_close = n > 0 and geo_near < p["geo_alt_km"] * (1.0 - 1e-12)
    near_text = f"{geo_near:,.3f} km" if math.isfinite(geo_near) else "none (no user)"
    return [
        claim(
            "scaling-every-user-counted",
            "The cluster reduces every user exactly once: each histogram adds up to the "
            "population, under- and overflow bins included.",
            STUDY,
            counted,
            f"{summary.n_nodes:,} users reduced of {n:,}; the elevation histogram holds "
            f"{sums[0]:,} and the slant-range histogram {sums[1]:,}.",
            kind="check",
        ),
        claim(
            "scaling-users-inside-footprint",
            "In the S2G downlink, a ground receiver with a minimum elevation angle observes "
            "the satellites of one altitude inside a spherical dome, whose vertex angle "
            "Proposition 1 gives (for a downlink, φ = arccos(R_r cos α / R_t) − α).",
            f"{PAPER}, Sec. III-A and Proposition 1",
            below == 0 and beyond == 0 and not too_close,
            "By the symmetry of that geometry, the ground points that see one satellite at "
            f"{p['min_elevation_deg']:g}° or more fill the dome of the same φ "
            f"({math.degrees(fp.vertex_angle_rad):.2f}°) around the sub-satellite point; the "
            f"users drawn in it: {below:,} in elevation bins below {p['min_elevation_deg']:g}°, "
            f"{beyond:,} beyond the rim's slant range {fp.max_slant_km:,.1f} km; nearest user "
            f"to the satellite {near_text} (altitude {p['geo_alt_km']:,.0f} km).",
            kind="source",
        ),
    ]


def histogram_claims(elev: pd.DataFrame, dist: pd.DataFrame, p: Mapping[str, Any]) -> list[Claim]:
    """The elevation and slant-range histograms against the area law (chi-square)."""
    out = []
    for key, data, what in (
        ("elevation", elev, "elevation"),
        ("distance", dist, "slant range"),
    ):
        chi2, dof, pv = pooled_chi_square(data["count"], data["expected_count"])
        enough = dof >= 1
        evidence = (
            f"chi-square {chi2:,.1f} on {dof} degrees of freedom (bins pooled to at least "
            f"{MIN_EXPECTED:g} expected users), p = {pv:.3g}; holds for p ≥ {P_MIN:.2g}, the "
            f"two-sided tail beyond 4 standard errors (seed {p['seed']})."
            if enough
            else f"{p['n_users']:,} users fill fewer than two bins of {MIN_EXPECTED:g} "
            "expected users: too few for a goodness-of-fit test."
        )
        out.append(
            claim(
                f"scaling-{key}-follows-area",
                f"The users' {what} histogram agrees with the count expected for users "
                "uniform by area (Lemma 1 through Proposition 1).",
                f"{STUDY}: Monte Carlo against Lemma 1 and Proposition 1 of the {PAPER}",
                (pv >= P_MIN) if enough else None,
                evidence,
                kind="check",
            )
        )
    return out


def beam_claims(beams: pd.DataFrame, p: Mapping[str, Any], fp: Footprint) -> list[Claim]:
    """Beam counts against their cap areas, and nearest users against the density."""
    n = p["n_users"]
    shares = beam_shares(fp)
    pv = [binomial_p_value(int(c), n, s) for c, s in zip(beams["count"], shares, strict=True)]
    worst = int(np.argmin(pv))
    z_max = float(np.abs(beams["z_score"]).max())
    counts = [
        claim(
            "scaling-beam-counts-follow-cap-areas",
            "In all six scenarios the coverage region on the transmitters' sphere (radius Rₜ) "
            "is a spherical dome of area |A| = 2π Rₜ² (1 − cos φ), φ its vertex angle.",
            f"{PAPER}, Sec. III-A, Lemma 1",
            min(pv) >= P_MIN if n > 0 else None,
            (
                "Checked by counting on the ground sphere: users uniform by area in the "
                "footprint fall into each "
                "spot-beam dome in the share of the footprint's area that Lemma 1 gives it (the "
                f"lens of two domes for a beam across the rim). {len(pv)} beams; largest |z| "
                f"{z_max:.2f}; smallest exact two-sided binomial "
                f"p = {pv[worst]:.3g} ({beams['beam'].iloc[worst]}: {int(beams['count'].iloc[worst]):,} "
                f"users, {float(beams['expected_count'].iloc[worst]):,.1f} expected); holds for "
                f"p ≥ {P_MIN:.2g}, a 4-standard-error band (seed {p['seed']})."
            )
            if n > 0
            else "No user: nothing to count.",
            kind="source",
        )
    ]
    near = beams["nearest_user_km"].to_numpy(dtype=float)
    if n > 0:
        npv = [nearest_p_value(d, o, n, fp) for d, o in zip(near, fp.beam_offsets_rad, strict=True)]
        k = int(np.argmin(npv))
        evidence = (
            f"smallest two-sided p = {npv[k]:.3g} ({beams['beam'].iloc[k]}: nearest user "
            f"{near[k]:.4g} km; mean spacing scale 1/(2√λ) = "
            f"{0.5 / math.sqrt(fp.density_per_km2):.3g} km at λ = {fp.density_per_km2:.3g} per "
            f"km²); holds for p ≥ {P_MIN:.2g} (seed {p['seed']})."
        )
        ok: bool | None = min(npv) >= P_MIN
    else:
        evidence, ok = "No user: no nearest user.", None
    counts.append(
        claim(
            "scaling-nearest-user-follows-density",
            "The nearest user to each beam centre is as close as the users' density "
            "predicts: P(D > d) = (1 - x(d))^N, x(d) the footprint's share within d.",
            STUDY,
            ok,
            evidence,
            kind="check",
        )
    )
    return counts


def identity_claims(
    check: StreamCheck, serial_sweep: pd.DataFrame, cluster_sweep: pd.DataFrame
) -> list[Claim]:
    """The cluster's reduction and sweep against the single-process ones."""
    same_blocks = not check.mismatched_blocks and check.total_identical is not False
    scope = (
        "the whole population, reduced again on this process, and each of its "
        f"{len(check.checked_blocks)} block(s)"
        if check.total_checked
        else f"blocks {', '.join(str(b) for b in check.checked_blocks)} (first, middle, last), "
        "recomputed on this process"
    )
    mismatch = (
        "identical (counts, histograms, nearest users and their distances)"
        if same_blocks
        else f"differ (blocks {list(check.mismatched_blocks)}, total {check.total_identical})"
    )
    try:
        pd.testing.assert_frame_equal(cluster_sweep, serial_sweep, check_exact=True)
        sweep_same = True
    except AssertionError:
        sweep_same = False
    return [
        claim(
            "scaling-dask-equals-stream",
            "The Dask reduction is identical, integer for integer and bit for bit, to the "
            "single-process stream with the same seed.",
            STUDY,
            same_blocks,
            f"Compared: {scope}; {mismatch}.",
            kind="check",
        ),
        claim(
            "scaling-sweep-equals-serial",
            "The HAPS coverage sweep run on the cluster gives the serial sweep's table exactly.",
            STUDY,
            sweep_same,
            f"{len(cluster_sweep)} sweep points, every column compared exactly: "
            f"{'identical' if sweep_same else 'different'}.",
            kind="check",
        ),
    ]


def chapter_claims(
    run: ClusterRun,
    check: StreamCheck,
    elev: pd.DataFrame,
    dist: pd.DataFrame,
    beams: pd.DataFrame,
    sweep_pair: tuple[pd.DataFrame, pd.DataFrame],
    p: Mapping[str, Any],
    fp: Footprint,
) -> list[Claim]:
    """Every claim of the chapter, in reading order."""
    return [
        *population_claims(run.summary, p, fp),
        *histogram_claims(elev, dist, p),
        *beam_claims(beams, p, fp),
        *identity_claims(check, *sweep_pair),
    ]
