"""Monte Carlo checks of the dome samplers against the analysis, as tidy tables.

Every function here is deterministic in its ``rng`` (an int seed, a
:class:`numpy.random.SeedSequence`, a :class:`numpy.random.Generator` or None;
see :mod:`sagin_lib._random`), takes its domes as
:class:`~sagin_lib.model.dome.Dome` values, and returns pandas DataFrames with
units in the column names, ready for the validation chapter.

The statistics, and why each is a fair test:

* **counts**: the number of nodes of a PPP in the dome, and in the inner dome
  of half the vertex angle. Their means are ``lambda |A|`` and
  ``lambda |A(phi / 2)|`` exactly; realisations are independent, so a mean
  over ``n`` realisations is off by more than 4 standard errors with
  probability about 6e-5. The inner count is the one a sampler that is not
  uniform by area gets wrong.
* **Kolmogorov-Smirnov tests** of the azimuth (uniform on ``[0, 2 pi)``) and
  of the *area fraction* ``u = (1 - cos(polar)) / (1 - cos(phi))`` (uniform on
  ``[0, 1]``) in the dome frame. Given their number, the nodes of a PPP are
  independent and identically distributed, so pooling realisations gives an
  exact KS test.
* **the contact distance** from the dome centre to the nearest node, one per
  realisation (so independent): for a PPP its CDF is
  ``F(d) = 1 - exp(-lambda a(d))`` with ``a(d)`` the cap area of radius ``d``
  along the sphere, an exact KS test again.
* **the nearest-neighbour function** ``G(d)``, the same formula for a PPP
  (Slivnyak). Estimated with border correction (reference nodes at least
  ``d_max`` inside the rim) and the known intensity, the per-realisation
  estimate ``#{x inner: nn(x) <= d} / (lambda |W_inner|)`` is exactly
  unbiased (Campbell-Mecke), so its mean over independent realisations is
  again compared within 4 standard errors.
* the **Matern II** intensity and hard core, and the **Thomas** intensity and
  pair excess (Ripley's K with the same unbiased border estimator).

Edge cases have defined results rather than exceptions: an empty realisation
has the contact distance ``+inf`` (beyond every radius; its CDF value is 1),
and the contact-distance KS test is taken given a non-empty dome (the empty
ones are the count test's business); a statistic whose realisations do not
vary has the z-score 0 when it equals its expectation and NaN (undefined)
otherwise; a KS test of no values has NaN statistic and p-value; Matern II
realisations that never hold two nodes give the minimum distance ``+inf``.
Small mean counts shorten the nearest-neighbour grid to half the dome's
radius, so the border-corrected window never vanishes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import stats
from scipy.spatial import cKDTree

from sagin_lib._checks import FloatArray, check_count
from sagin_lib._random import RngLike, as_generator, as_seed_sequence, child_seed_sequence
from sagin_lib.model.coverage import coverage_dome
from sagin_lib.model.dome import Dome, as_dome
from sagin_lib.model.scenarios import DOWNLINKS, UPLINKS
from sagin_lib.model.sphere import direction_xyz, yaw_pitch_matrix
from sagin_lib.sampling.area_uniform import sample_dome
from sagin_lib.sampling.matern_thomas import (
    cap_area_km2,
    matern_ii_dome,
    matern_ii_intensity_per_km2,
    thomas_dome,
    thomas_k_function_km2,
)

__all__ = [
    "DomeSamplerTask",
    "run_dome_sampler_task",
    "SAMPLERS",
    "count_summary",
    "dome_frame_coordinates",
    "dome_monte_carlo",
    "ks_summary",
    "matern_ii_validation",
    "nearest_neighbour_summary",
    "polar_uniform_dome",
    "six_scenario_domes",
    "thomas_validation",
    "z_score",
]

#: Four standard errors: a correct sampler fails a single such check with
#: probability about 6e-5 (normal approximation of a mean of many
#: independent realisations).
Z_LIMIT: float = 4.0


def polar_uniform_dome(n: int, dome: Dome, *, rng: RngLike = None) -> FloatArray:
    """The tempting WRONG sampler: polar angle uniform on ``[0, phi]``.

    Kept only to show that the validation tests catch it: the density per
    unit area is proportional to ``1 / sin(polar)``, so nodes crowd the dome
    centre. Parameters, result and errors are those of
    :func:`~sagin_lib.sampling.area_uniform.sample_dome` (``n`` points, shape
    (n, 3), Earth-centred km).

    Examples
    --------
    >>> polar_uniform_dome(3, Dome(0.0, 0.1), rng=1).shape
    (3, 3)
    """
    count = check_count("n", n)
    dome = as_dome(dome)
    generator = as_generator(rng)
    polar = float(dome.vertex_angle_rad) * generator.random(count)
    azimuth = 2.0 * math.pi * generator.random(count)
    local = np.stack(
        [np.sin(polar) * np.cos(azimuth), np.sin(polar) * np.sin(azimuth), np.cos(polar)], axis=1
    )
    matrix = yaw_pitch_matrix(dome.center_azimuth_rad, dome.center_polar_rad)
    return float(dome.radius_km) * local @ matrix.T


#: The samplers compared in the validation chapter, by name.
SAMPLERS: dict[str, Callable[..., FloatArray]] = {
    "area-uniform": sample_dome,
    "polar-uniform (wrong)": polar_uniform_dome,
}


def six_scenario_domes(
    *,
    freq_hz: float,
    satellite_diameter_m: float,
    aerial_diameter_m: float,
    kappa_rad: float,
    min_elevation_rad: float,
    air_alt_km: float,
    space_alt_km: float,
) -> pd.DataFrame:
    """The domes of the six scenarios for one air and one space altitude.

    Returns
    -------
    pandas.DataFrame
        One row per scenario: ``scenario``, ``rx_alt_km``, ``tx_alt_km``,
        ``vertex_angle_rad``, ``vertex_angle_deg``, ``area_km2``.
    """
    layers = {"ground": 0.0, "air": air_alt_km, "space": space_alt_km}
    rows = []
    for key in (*UPLINKS, *DOWNLINKS):
        tx_layer = {"G": "ground", "A": "air", "S": "space"}[key[0]]
        rx_layer = {"G": "ground", "A": "air", "S": "space"}[key[2]]
        kwargs: dict[str, float] = {}
        if key in UPLINKS:
            kwargs = {
                "freq_hz": freq_hz,
                "kappa_rad": kappa_rad,
                "diameter_m": aerial_diameter_m if rx_layer == "air" else satellite_diameter_m,
            }
        else:
            kwargs = {"min_elevation_rad": min_elevation_rad}
        dome = coverage_dome(key, rx_alt_km=layers[rx_layer], tx_alt_km=layers[tx_layer], **kwargs)
        phi = float(dome.vertex_angle_rad)
        rows.append(
            {
                "scenario": key,
                "rx_alt_km": float(dome.rx_alt_km),
                "tx_alt_km": float(dome.tx_alt_km),
                "vertex_angle_rad": phi,
                "vertex_angle_deg": math.degrees(phi),
                "area_km2": float(dome.area_km2),
            }
        )
    return pd.DataFrame(rows)


def dome_frame_coordinates(xyz_km: FloatArray, dome: Dome) -> tuple[FloatArray, FloatArray]:
    """Azimuth and area fraction of nodes in their dome's frame.

    The area fraction ``u = (1 - cos(polar)) / (1 - cos(phi))`` is computed
    from the chord to the dome centre, ``(c / (2 sin(phi / 2)))^2``, which
    keeps its digits for tiny domes. Both are uniform for an area-uniform
    sampler.

    Parameters
    ----------
    xyz_km : numpy.ndarray
        Nodes on the dome's sphere, shape (n, 3), Earth-centred km.
    dome : Dome
        A single dome with a vertex angle above 0.

    Returns
    -------
    azimuth_rad : numpy.ndarray
        In ``[0, 2 pi)``.
    area_fraction : numpy.ndarray
        In ``[0, 1]`` for nodes in the dome.
    """
    dome = as_dome(dome)
    radius, phi = float(dome.radius_km), float(dome.vertex_angle_rad)
    matrix = yaw_pitch_matrix(dome.center_azimuth_rad, dome.center_polar_rad)
    local = xyz_km @ matrix
    azimuth = np.mod(np.arctan2(local[:, 1], local[:, 0]), 2.0 * math.pi)
    diff = xyz_km / radius - matrix[:, 2]
    chord = np.sqrt(np.einsum("ij,ij->i", diff, diff))
    return azimuth, (chord / (2.0 * math.sin(0.5 * phi))) ** 2


def _contact_cdf(distance_km: FloatArray, density: float, tx_alt_km: float) -> FloatArray:
    """``1 - exp(-lambda a(d))``, and 1 at ``d = +inf`` (an empty realisation)."""
    d = np.asarray(distance_km, dtype=float)
    cdf = -np.expm1(-density * np.asarray(cap_area_km2(d, tx_alt_km)))
    return np.where(np.isposinf(d), 1.0, cdf)


def z_score(difference: ArrayLike, standard_error: ArrayLike) -> FloatArray | np.float64:
    """``difference / standard_error``, defined when the realisations do not vary.

    With a zero standard error the z-score is 0 if the difference is 0 (the
    estimate equals its expectation) and NaN otherwise (undefined: no spread
    to measure the difference by). Never infinite.

    Examples
    --------
    >>> z_score([1.0, 0.0, 2.0], [0.5, 0.0, 0.0]).tolist()
    [2.0, 0.0, nan]
    """
    diff = np.asarray(difference, dtype=float)
    se = np.asarray(standard_error, dtype=float)
    safe = np.where(se > 0, se, 1.0)
    out = np.where(se > 0, diff / safe, np.where(diff == 0, 0.0, math.nan))
    return out if out.ndim else out[()]


def _distance_for_cdf(level: float, density: float, radius: float) -> float:
    """Great-circle distance at which ``1 - exp(-lambda a(d))`` reaches ``level``.

    Half a circumference (the whole sphere) when the density is 0.
    """
    if density <= 0.0:
        return math.pi * radius
    area = -math.log1p(-level) / density
    return 2.0 * radius * math.asin(min(math.sqrt(area / (4.0 * math.pi * radius**2)), 1.0))


@dataclass(frozen=True)
class DomeSamplerTask:
    """One (dome, sampler) pair of :func:`dome_monte_carlo`: a self-contained task.

    Its own ``rng`` (a child of the run's root ``SeedSequence``) makes the
    result independent of where and in which order tasks run.

    Attributes
    ----------
    dome : Dome
        The dome, with its scenario (whose key labels the rows).
    sampler : str
        A key of :data:`SAMPLERS`.
    mean_nodes : float
        Mean number of nodes per realisation.
    n_realisations : int
        Realisations to draw.
    rng : numpy.random.SeedSequence
        The task's own stream.
    nn_grid_points, nn_level : int, float
        The nearest-neighbour grid (see :func:`dome_monte_carlo`).
    """

    dome: Dome
    sampler: str
    mean_nodes: float
    n_realisations: int
    rng: np.random.SeedSequence
    nn_grid_points: int = 12
    nn_level: float = 0.95

    @property
    def scenario(self) -> str:
        """The key of the dome's scenario (``""`` for a dome without one)."""
        return self.dome.scenario.key if self.dome.scenario is not None else ""


def _dome_constants(dome: Dome, mean_nodes: float, nn_level: float) -> dict[str, float]:
    """Density, inner-dome and border-correction constants of one dome.

    ``G`` is estimated up to ``d_max``, where the theory reaches ``nn_level``,
    but at most half the dome's arc radius, so that the border-corrected
    window (the dome shrunk by ``d_max``) keeps at least a quarter of the
    dome however small the mean count.
    """
    radius, phi = float(dome.radius_km), float(dome.vertex_angle_rad)
    density = mean_nodes / float(dome.area_km2)
    d_max = min(_distance_for_cdf(nn_level, density, radius), 0.5 * phi * radius)
    border_phi = phi - d_max / radius
    return {
        "radius": radius,
        "density": density,
        "inner_expected": density * _area_km2(dome, 0.5 * phi),
        "inner_u": (math.sin(0.25 * phi) / math.sin(0.5 * phi)) ** 2,
        "d_max": d_max,
        "border_u": (math.sin(0.5 * border_phi) / math.sin(0.5 * phi)) ** 2,
        "inner_area": _area_km2(dome, border_phi),
        "rim_cdf": -math.expm1(-mean_nodes),
    }


def _area_km2(dome: Dome, vertex_angle_rad: float) -> float:
    """Area of the dome of the same sphere with another vertex angle, km^2."""
    return float(Dome(dome.tx_alt_km, vertex_angle_rad).area_km2)


def run_dome_sampler_task(task: DomeSamplerTask) -> dict[str, Any]:
    """The realisations of one (dome, sampler) pair (a pure function of ``task``).

    Parameters
    ----------
    task : DomeSamplerTask
        The dome, the sampler, the run's settings and the task's own stream.

    Returns
    -------
    dict
        ``"counts"`` and ``"contact"``: lists of row tuples; ``"nodes"`` and
        ``"nn"``: DataFrames (see :func:`dome_monte_carlo`).
    """
    dome, n_real, scenario = task.dome, task.n_realisations, task.scenario
    c = _dome_constants(dome, task.mean_nodes, task.nn_level)
    radius, density = c["radius"], c["density"]
    grid = np.linspace(c["d_max"] / task.nn_grid_points, c["d_max"], task.nn_grid_points)
    g_theory = _contact_cdf(grid, density, float(dome.tx_alt_km))
    center = direction_xyz(dome.center_azimuth_rad, dome.center_polar_rad)
    rng = as_generator(task.rng)
    sampler = SAMPLERS[task.sampler]
    counts, contact = [], []
    frame_az, frame_u, nn_rows = [], [], np.empty((n_real, grid.size))
    for k in range(n_real):
        n = int(rng.poisson(task.mean_nodes))
        xyz = sampler(n, dome, rng=rng)
        az, u = dome_frame_coordinates(xyz, dome)
        frame_az.append(az)
        frame_u.append(u)
        inner_n = int(np.count_nonzero(u <= c["inner_u"]))
        counts.append(
            (
                scenario,
                task.sampler,
                k,
                n,
                inner_n,
                task.mean_nodes,
                c["inner_expected"],
                density,
            )
        )
        chord = (
            float(np.sqrt(np.min(np.sum((xyz / radius - center) ** 2, axis=1)))) if n else math.inf
        )
        dist = 2.0 * radius * math.asin(min(chord / 2.0, 1.0)) if n else math.inf
        contact.append((scenario, task.sampler, k, dist))
        norm = density * c["inner_area"]
        nn_rows[k] = _nn_counts(xyz, u <= c["border_u"], grid, radius) / norm if norm > 0 else 0.0
    nodes = pd.DataFrame(
        {
            "scenario": scenario,
            "sampler": task.sampler,
            "azimuth_rad": np.concatenate(frame_az),
            "area_fraction": np.concatenate(frame_u),
        }
    )
    nn = pd.DataFrame(
        {
            "scenario": scenario,
            "sampler": task.sampler,
            "realisation": np.repeat(np.arange(n_real), grid.size),
            "distance_km": np.tile(grid, n_real),
            "g_estimate": nn_rows.ravel(),
            "g_theory": np.tile(g_theory, n_real),
        }
    )
    return {"counts": counts, "contact": contact, "nodes": nodes, "nn": nn}


def dome_monte_carlo(
    domes: pd.DataFrame,
    *,
    mean_nodes: float,
    n_realisations: int,
    rng: RngLike,
    samplers: Sequence[str] = tuple(SAMPLERS),
    center_azimuth_rad: float = 0.0,
    center_polar_rad: float = 0.0,
    nn_grid_points: int = 12,
    nn_level: float = 0.95,
    map_function: Callable[..., Iterable[dict[str, Any]]] = map,
) -> dict[str, pd.DataFrame]:
    """Monte Carlo realisations of a PPP on each dome, with every sampler.

    The density of each dome is ``mean_nodes / |A|`` (the sampler is tested,
    not a physical density), so every scenario has the same mean count.

    Parameters
    ----------
    domes : pandas.DataFrame
        Rows with ``scenario``, ``tx_alt_km`` and ``vertex_angle_rad`` (see
        :func:`six_scenario_domes`).
    mean_nodes : float
        Mean number of nodes per dome, >= 0 (0 gives empty realisations).
    n_realisations : int
        Independent realisations per dome and sampler, > 1.
    rng : int, numpy.random.SeedSequence, numpy.random.Generator or None
        Root of the randomness; the ``k``-th (dome, sampler) pair, in table
        then sampler order, draws from ``child_seed_sequence(root, k)``.
    samplers : sequence of str, optional
        Keys of :data:`SAMPLERS`.
    center_azimuth_rad, center_polar_rad : float, optional
        Where the domes are centred.
    nn_grid_points : int, optional
        Distances at which ``G`` is estimated.
    nn_level : float, optional
        ``G`` is estimated up to the distance where the theory reaches this
        level; the reference nodes are that far inside the rim.
    map_function : callable, optional
        ``map``-like function that runs :func:`run_dome_sampler_task` over the
        (dome, sampler) tasks: the built-in ``map`` by default; a parallel one
        (for example :func:`sagin_lib.scale.sweeps.dask_map`) gives the same
        tables, since every task carries its own stream.

    Returns
    -------
    dict of pandas.DataFrame
        ``"counts"``: one row per realisation (``count``, ``inner_count`` and
        their expectations); ``"nodes"``: every node's ``azimuth_rad`` and
        ``area_fraction``; ``"contact"``: the contact distance of each
        realisation (``+inf`` for an empty one) with its theoretical CDF value
        ``cdf_theory`` (1 for an empty one) and ``cdf_rim``, the probability
        ``1 - exp(-mean_nodes)`` of a non-empty dome; ``"nn"``: per-realisation
        border-corrected estimates of ``G`` on a grid, with the theory.
    """
    n_real = check_count("n_realisations", n_realisations)
    if n_real < 2:
        raise ValueError(f"n_realisations must be at least 2; got {n_real}")
    if not (
        isinstance(mean_nodes, (int, float))
        and not isinstance(mean_nodes, bool)
        and math.isfinite(mean_nodes)
        and mean_nodes >= 0
    ):
        raise ValueError(f"mean_nodes must be a finite number >= 0; got {mean_nodes!r}")
    unknown = [s for s in samplers if s not in SAMPLERS]
    if unknown:
        raise ValueError(f"samplers must be among {list(SAMPLERS)}; got {unknown}")
    root = as_seed_sequence(rng)
    tasks = []
    for row in domes.itertuples(index=False):
        dome = Dome(
            row.tx_alt_km,
            row.vertex_angle_rad,
            center_azimuth_rad,
            center_polar_rad,
            scenario=row.scenario,
        )
        _dome_constants(dome, mean_nodes, nn_level)  # reject bad settings before any task runs
        for name in samplers:
            child = child_seed_sequence(root, len(tasks))
            tasks.append(
                DomeSamplerTask(dome, name, mean_nodes, n_real, child, nn_grid_points, nn_level)
            )
    results = list(map_function(run_dome_sampler_task, tasks))
    counts = [row for r in results for row in r["counts"]]
    contact = [row for r in results for row in r["contact"]]
    count_df = pd.DataFrame(
        counts,
        columns=[
            "scenario",
            "sampler",
            "realisation",
            "count",
            "inner_count",
            "expected_count",
            "expected_inner_count",
            "density_per_km2",
        ],
    )
    contact_df = pd.DataFrame(
        contact, columns=["scenario", "sampler", "realisation", "contact_distance_km"]
    )
    density_of = count_df.groupby("scenario")["density_per_km2"].first()
    alt_of = domes.set_index("scenario")["tx_alt_km"]
    contact_df["cdf_theory"] = [
        float(_contact_cdf(np.array(d), density_of[s], float(alt_of[s])))
        for s, d in zip(contact_df["scenario"], contact_df["contact_distance_km"], strict=True)
    ]
    contact_df["cdf_rim"] = -math.expm1(-float(mean_nodes))
    return {
        "counts": count_df,
        "nodes": pd.concat([r["nodes"] for r in results], ignore_index=True),
        "contact": contact_df,
        "nn": pd.concat([r["nn"] for r in results], ignore_index=True),
    }


def _nn_counts(
    xyz: FloatArray, reference: np.ndarray, grid: FloatArray, radius: float
) -> FloatArray:
    """Number of reference nodes whose nearest neighbour is within each grid distance."""
    if xyz.shape[0] < 2 or not reference.any():
        return np.zeros(grid.size)
    dist, _ = cKDTree(xyz).query(xyz[reference], k=2)
    arc = 2.0 * radius * np.arcsin(np.minimum(dist[:, 1] / (2.0 * radius), 1.0))
    return np.searchsorted(np.sort(arc), grid, side="right").astype(float)


def _mean_se(values: np.ndarray) -> tuple[float, float]:
    return float(np.mean(values)), float(np.std(values, ddof=1) / math.sqrt(values.size))


def count_summary(counts: pd.DataFrame) -> pd.DataFrame:
    """Mean counts with standard errors, 95% confidence intervals and z-scores.

    Returns
    -------
    pandas.DataFrame
        One row per (scenario, sampler, region): ``region`` is ``"dome"`` or
        ``"inner dome"`` (half the vertex angle); ``mean_count``, ``se_count``,
        ``ci95_low_count``, ``ci95_high_count``, ``expected_count``, ``z``.
    """
    rows = []
    for (scenario, sampler), group in counts.groupby(["scenario", "sampler"], sort=False):
        for region, column, expected in (
            ("dome", "count", "expected_count"),
            ("inner dome", "inner_count", "expected_inner_count"),
        ):
            mean, se = _mean_se(group[column].to_numpy(dtype=float))
            exp = float(group[expected].iloc[0])
            rows.append(
                {
                    "scenario": scenario,
                    "sampler": sampler,
                    "region": region,
                    "n_realisations": len(group),
                    "mean_count": mean,
                    "se_count": se,
                    "ci95_low_count": mean - 1.959963984540054 * se,
                    "ci95_high_count": mean + 1.959963984540054 * se,
                    "expected_count": exp,
                    "z": (mean - exp) / se if se > 0 else float(z_score(mean - exp, se)),
                }
            )
    return pd.DataFrame(rows)


def ks_summary(nodes: pd.DataFrame, contact: pd.DataFrame) -> pd.DataFrame:
    """Kolmogorov-Smirnov tests of azimuth, area fraction and contact distance.

    The contact distance is tested given a non-empty dome: for the finite
    distances, ``F(D) / F(rim)`` is uniform on ``[0, 1]`` (``cdf_rim``, when
    the table has it; 1 otherwise). A group without values gets NaN.

    Returns
    -------
    pandas.DataFrame
        One row per (scenario, sampler, variable): ``n``, ``ks_statistic``,
        ``p_value``.
    """
    rows = []
    groups = contact[["scenario", "sampler"]].drop_duplicates().itertuples(index=False)
    by_group = dict(tuple(nodes.groupby(["scenario", "sampler"], sort=False)))
    for scenario, sampler in groups:
        group = by_group.get((scenario, sampler), nodes.iloc[:0])
        tests = {
            "azimuth": group["azimuth_rad"].to_numpy() / (2.0 * math.pi),
            "area fraction": group["area_fraction"].to_numpy(),
        }
        for variable, values in tests.items():
            rows.append((scenario, sampler, variable, values.size, *_ks_uniform(values)))
    for (scenario, sampler), group in contact.groupby(["scenario", "sampler"], sort=False):
        # F(D) is uniform when D has the contact distribution (probability
        # integral transform), so the same uniform KS test applies.
        values = contact_pit(group)
        rows.append((scenario, sampler, "contact distance", values.size, *_ks_uniform(values)))
    return pd.DataFrame(
        rows, columns=["scenario", "sampler", "variable", "n", "ks_statistic", "p_value"]
    )


def contact_pit(contact: pd.DataFrame) -> FloatArray:
    """Probability integral transform of the finite contact distances, given a non-empty dome.

    ``F(D) / F(rim)`` for the realisations with at least one node: uniform on
    ``[0, 1]`` for a correct sampler. Tables without ``cdf_rim`` (older runs)
    are taken with ``F(rim) = 1``.
    """
    finite = np.isfinite(contact["contact_distance_km"].to_numpy(dtype=float))
    cdf = contact["cdf_theory"].to_numpy(dtype=float)[finite]
    if "cdf_rim" not in contact:
        return cdf
    return cdf / contact["cdf_rim"].to_numpy(dtype=float)[finite]


def _ks_uniform(values: FloatArray) -> tuple[float, float]:
    """KS statistic and p-value against the uniform law on [0, 1]; NaN for no values."""
    if np.size(values) == 0:
        return math.nan, math.nan
    res = stats.kstest(values, "uniform")
    return float(res.statistic), float(res.pvalue)


def nearest_neighbour_summary(nn: pd.DataFrame) -> pd.DataFrame:
    """Mean border-corrected ``G`` estimates with standard errors, against the theory.

    Returns
    -------
    pandas.DataFrame
        One row per (scenario, sampler, distance): ``g_mean``, ``g_se``,
        ``g_theory``, ``z``; plus ``distance_fraction``, the distance over the
        largest one of its scenario.
    """
    grouped = nn.groupby(["scenario", "sampler", "distance_km"], sort=False)
    out = grouped.agg(
        g_mean=("g_estimate", "mean"),
        g_sd=("g_estimate", "std"),
        n=("g_estimate", "size"),
        g_theory=("g_theory", "first"),
    ).reset_index()
    out["g_se"] = out["g_sd"] / np.sqrt(out["n"])
    out["z"] = z_score(out["g_mean"] - out["g_theory"], out["g_se"])
    out["distance_fraction"] = out["distance_km"] / out.groupby("scenario")[
        "distance_km"
    ].transform("max")
    return out.drop(columns=["g_sd"])


def matern_ii_validation(
    parent_densities_per_km2: Sequence[float],
    *,
    hard_core_km: float,
    dome: Dome,
    n_realisations: int,
    rng: RngLike,
) -> pd.DataFrame:
    """Matern II on a dome: mean count against ``lambda_MII |A|``, and the hard core.

    Parameters
    ----------
    parent_densities_per_km2 : sequence of float
        Parent intensities, per km^2, >= 0.
    hard_core_km : float
        Hard-core distance along the sphere, km, >= 0.
    dome : Dome
        A single dome.
    n_realisations : int
        Realisations per parent density, >= 2.
    rng : int, numpy.random.SeedSequence, numpy.random.Generator or None
        Root of the randomness; density ``i`` draws from
        ``child_seed_sequence(root, i)``.

    Returns
    -------
    pandas.DataFrame
        One row per parent density: ``parent_density_per_km2``,
        ``mean_count``, ``se_count``, ``expected_count``,
        ``intensity_per_km2`` (estimated), ``intensity_theory_per_km2``,
        ``z``, ``min_distance_km`` (over all realisations; ``+inf`` when no
        realisation holds two nodes) and ``hard_core_km``.
    """
    n_real = check_count("n_realisations", n_realisations)
    if n_real < 2:
        raise ValueError(f"n_realisations must be at least 2; got {n_real}")
    dome = as_dome(dome)
    area, radius = float(dome.area_km2), float(dome.radius_km)
    root = as_seed_sequence(rng)
    rows = []
    for index, lam in enumerate(parent_densities_per_km2):
        generator = as_generator(child_seed_sequence(root, index))
        counts = np.empty(n_real)
        min_chord = math.inf
        for k in range(n_real):
            pts = matern_ii_dome(lam, hard_core_km, dome, rng=generator)
            counts[k] = pts.shape[0]
            if pts.shape[0] > 1:
                min_chord = min(min_chord, float(cKDTree(pts).query(pts, k=2)[0][:, 1].min()))
        mean, se = _mean_se(counts)
        theory = float(matern_ii_intensity_per_km2(lam, hard_core_km, dome.tx_alt_km))
        rows.append(
            {
                "parent_density_per_km2": float(lam),
                "hard_core_km": float(hard_core_km),
                "mean_count": mean,
                "se_count": se,
                "expected_count": theory * area,
                "intensity_per_km2": mean / area,
                "intensity_theory_per_km2": theory,
                "z": float(z_score(mean - theory * area, se)),
                "min_distance_km": 2.0 * radius * math.asin(min(min_chord / (2 * radius), 1.0))
                if math.isfinite(min_chord)
                else math.inf,
            }
        )
    return pd.DataFrame(rows)


def thomas_validation(
    *,
    parent_density_per_km2: float,
    mean_children: float,
    sigma_km: float,
    dome: Dome,
    distances_km: Sequence[float],
    n_realisations: int,
    rng: RngLike,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Thomas process on a dome: mean count and Ripley's K (pair excess) against theory.

    K is estimated per realisation with border correction and the known
    intensity, ``#{(x, y): x inner, y != x, d(x, y) <= d} / (lambda^2 |W_inner|)``,
    which is unbiased; the inner region lies ``max(distances_km)`` inside the
    rim.

    Parameters
    ----------
    parent_density_per_km2, mean_children, sigma_km : float
        The Thomas process (see :func:`~sagin_lib.sampling.matern_thomas.thomas_dome`).
    dome : Dome
        A single dome.
    distances_km : sequence of float
        Where K is estimated, km, well below the dome's arc radius.
    n_realisations : int
        Realisations, >= 2.
    rng : int, numpy.random.SeedSequence, numpy.random.Generator or None
        Source of randomness (one stream for all realisations).

    Returns
    -------
    counts : pandas.DataFrame
        One row: ``mean_count``, ``se_count``, ``expected_count``, ``z``.
    k_function : pandas.DataFrame
        One row per distance: ``distance_km``, ``k_mean_km2``, ``k_se_km2``,
        ``k_theory_km2``, ``k_poisson_km2`` (the cap area), the pair excess
        ``excess_mean_km2`` and ``excess_theory_km2`` (K minus the cap area),
        and ``z``.
    """
    n_real = check_count("n_realisations", n_realisations)
    if n_real < 2:
        raise ValueError(f"n_realisations must be at least 2; got {n_real}")
    dome = as_dome(dome)
    grid = np.asarray(distances_km, dtype=float)
    radius, phi, alt = float(dome.radius_km), float(dome.vertex_angle_rad), dome.tx_alt_km
    lam = parent_density_per_km2 * mean_children
    area = float(dome.area_km2)
    inner_phi = phi - grid.max() / radius
    if inner_phi <= 0:
        raise ValueError("distances_km must be well below the dome radius")
    inner_area = _area_km2(dome, inner_phi)
    chords = 2.0 * radius * np.sin(grid / (2.0 * radius))
    generator = as_generator(rng)
    counts = np.empty(n_real)
    k_est = np.empty((n_real, grid.size))
    for k in range(n_real):
        pts = thomas_dome(parent_density_per_km2, mean_children, sigma_km, dome, rng=generator)
        counts[k] = pts.shape[0]
        _, u = dome_frame_coordinates(pts, dome)
        inner = u <= (math.sin(0.5 * inner_phi) / math.sin(0.5 * phi)) ** 2
        if pts.shape[0] < 2 or not inner.any():
            k_est[k] = 0.0
            continue
        tree_all = cKDTree(pts)
        tree_inner = cKDTree(pts[inner])
        # count_neighbors counts each inner point with itself once per radius.
        pairs = tree_inner.count_neighbors(tree_all, chords) - np.count_nonzero(inner)
        k_est[k] = pairs / (lam * lam * inner_area) if lam > 0 else 0.0
    mean, se = _mean_se(counts)
    count_df = pd.DataFrame(
        [
            {
                "mean_count": mean,
                "se_count": se,
                "expected_count": lam * area,
                "z": float(z_score(mean - lam * area, se)),
            }
        ]
    )
    k_mean = k_est.mean(axis=0)
    k_se = k_est.std(axis=0, ddof=1) / math.sqrt(n_real)
    k_theory = np.asarray(thomas_k_function_km2(grid, parent_density_per_km2, sigma_km, alt))
    k_poisson = np.asarray(cap_area_km2(grid, alt))
    k_df = pd.DataFrame(
        {
            "distance_km": grid,
            "k_mean_km2": k_mean,
            "k_se_km2": k_se,
            "k_theory_km2": k_theory,
            "k_poisson_km2": k_poisson,
            "excess_mean_km2": k_mean - k_poisson,
            "excess_theory_km2": k_theory - k_poisson,
            "z": z_score(k_mean - k_theory, k_se),
        }
    )
    return count_df, k_df
