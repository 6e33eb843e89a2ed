"""The constellations chapter's computations: propagate the shell, count what users see.

:func:`compute` is the chapter's one heavy step (SGP4 and the visibility
counts); the other functions turn its :class:`Results` into the statistics by
latitude and the tidy data behind each figure.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from sagin_lib.constellations.density import (
    binomial_pmf,
    bpp_cap_probability,
    effective_number,
    nonhomogeneous_cap_probability,
    p_none,
    total_variation,
)
from sagin_lib.constellations.propagate import Propagation, propagate_shell, time_grid_s
from sagin_lib.constellations.visibility import (
    count_histogram,
    nearest_central_angle_rad,
    satellite_latlon_rad,
    visible_counts,
)
from sagin_lib.constellations.walker import WalkerShell
from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.coverage import downlink_vertex_angle_rad, elevation_angle_rad, slant_range_km
from sagin_lib.platforms.haps_coverage import HapsCoverageParams, coverage_probability_no_fading

#: The models, in the order of the figures and tables.
MODELS: tuple[str, ...] = ("sgp4", "bpp", "nonhomogeneous")

#: Epochs and longitudes of the brute-force nearest-satellite search (at most).
NEAREST_EPOCHS = 240
NEAREST_LONGITUDES = 24

#: Latitudes whose propagated mean is below this are left out of relative errors.
MIN_MEAN_FOR_RELATIVE = 0.5


def shell_from(p: Mapping[str, Any]) -> WalkerShell:
    """The shell of a parameter set."""
    return WalkerShell(
        p["altitude_km"],
        p["inclination_deg"],
        p["n_planes"],
        p["sats_per_plane"],
        phasing=p["phasing"],
        raan_spread_deg=p["raan_spread_deg"],
    )


def latitudes_deg(step_deg: float) -> np.ndarray:
    """User latitudes from 0 to 90 degrees; 90 is always included."""
    lat = np.arange(0.0, 90.0 + 1e-9, step_deg)
    return lat if lat[-1] >= 90.0 - 1e-9 else np.append(lat, 90.0)


def max_slant_km(altitude_km: float, min_elevation_rad: float) -> float:
    """Largest slant range of the platforms chapter's direct satellite link at this altitude.

    The link is that of :class:`sagin_lib.platforms.haps_coverage.HapsCoverageParams`
    at its defaults (2 GHz, EIRP 40 dBW, 0 dBi user antenna, 5 dB threshold, no
    fading) with the satellites at ``altitude_km``. One satellite uniform on its
    sphere covers the user with probability ``sin^2(theta/2)``, ``theta`` the
    coverage cap's angle; that probability comes from the platforms model
    itself, and ``theta`` becomes a slant range.
    """
    params = HapsCoverageParams(sat_alt_km=altitude_km, min_elevation_rad=min_elevation_rad)
    q = float(coverage_probability_no_fading(params, 0, 1))
    theta = 2.0 * math.asin(math.sqrt(min(max(q, 0.0), 1.0)))
    return float(slant_range_km(0.0, altitude_km, theta))


@dataclass(frozen=True)
class Results:
    """Everything the chapter computes from its parameters.

    Attributes
    ----------
    shell : WalkerShell
    propagation : Propagation
    latitudes_deg : numpy.ndarray
    psi_rad : float
        Vertex angle of the S2G dome at the shell's nominal altitude.
    psi_max_rad : float
        The same at the highest altitude SGP4 reached.
    cover_slant_km : float
        Largest slant range of the direct link.
    counts : numpy.ndarray
        Visible counts, ``(n_lat, n_times, n_longitudes)``.
    covered : numpy.ndarray
        Whether each user-epoch is served by the direct link.
    nearest_km : numpy.ndarray
        Slant range to the nearest satellite, ``(n_lat, epochs, longitudes)``.
    count_s : float
        Wall time of the visibility counts, s.
    """

    shell: WalkerShell
    propagation: Propagation
    latitudes_deg: np.ndarray
    psi_rad: float
    psi_max_rad: float
    cover_slant_km: float
    counts: np.ndarray
    covered: np.ndarray
    nearest_km: np.ndarray
    count_s: float


def compute(p: Mapping[str, Any]) -> Results:
    """Propagate the shell and count what the users see (the chapter's one heavy step)."""
    shell = shell_from(p)
    alpha = math.radians(p["min_elevation_deg"])
    prop = propagate_shell(shell, time_grid_s(p["duration_h"], p["time_step_s"]))
    lat = latitudes_deg(p["latitude_step_deg"])
    start = time.perf_counter()
    counts = visible_counts(prop.ecef_km, lat, p["n_longitudes"], alpha)
    d_max = max_slant_km(shell.altitude_km, alpha)
    covered = visible_counts(prop.ecef_km, lat, p["n_longitudes"], alpha, d_max) > 0
    count_s = time.perf_counter() - start
    n_t = prop.times_s.size
    every = max(1, math.ceil(n_t / NEAREST_EPOCHS))
    n_lon = min(NEAREST_LONGITUDES, p["n_longitudes"])
    angle = nearest_central_angle_rad(prop.ecef_km[:, ::every], lat, n_lon)
    nearest = np.asarray(slant_range_km(0.0, shell.altitude_km, angle), dtype=float)
    top = float(prop.altitude_km().max())
    return Results(
        shell,
        prop,
        lat,
        float(downlink_vertex_angle_rad(0.0, shell.altitude_km, alpha)),
        float(downlink_vertex_angle_rad(0.0, top, alpha)),
        d_max,
        counts,
        covered,
        nearest,
        count_s,
    )


def _model_probabilities(res: Results, cap_rad: float) -> dict[str, np.ndarray]:
    lat = np.radians(res.latitudes_deg)
    return {
        "bpp": np.full(lat.shape, float(bpp_cap_probability(cap_rad))),
        "nonhomogeneous": nonhomogeneous_cap_probability(lat, cap_rad, res.shell.inclination_rad),
    }


def _median_nearest_km(res: Results, probability_at: Any) -> np.ndarray:
    """Median nearest-satellite slant range of a binomial model, by latitude (bisection)."""
    n = res.shell.n_sats
    target = 1.0 - 0.5 ** (1.0 / n)
    lo = np.zeros(res.latitudes_deg.shape)
    hi = np.full(res.latitudes_deg.shape, math.pi)
    for _ in range(40):
        mid = 0.5 * (lo + hi)
        above = probability_at(mid) >= target
        hi = np.where(above, mid, hi)
        lo = np.where(above, lo, mid)
    return np.asarray(slant_range_km(0.0, res.shell.altitude_km, 0.5 * (lo + hi)), dtype=float)


def by_latitude(res: Results) -> pd.DataFrame:
    """Mean visible count, P(none), coverage and median nearest range by latitude and model.

    Columns: ``altitude_km, inclination_deg, n_planes, sats_per_plane,
    latitude_deg, model, mean_visible, p_none, p_covered, median_nearest_km``.
    """
    s = res.shell
    n = s.n_sats
    lat_rad = np.radians(res.latitudes_deg)
    vis = _model_probabilities(res, res.psi_rad)
    cov_angle = float(2.0 * math.asin(min(1.0, _half_chord(res.cover_slant_km, s.altitude_km))))
    cover_angle = min(res.psi_rad, cov_angle)
    cov = _model_probabilities(res, cover_angle)
    stats_ = {
        "sgp4": (
            res.counts.mean(axis=(1, 2)),
            (res.counts == 0).mean(axis=(1, 2)),
            res.covered.mean(axis=(1, 2)),
            np.median(res.nearest_km.reshape(res.latitudes_deg.size, -1), axis=1),
        )
    }
    nearest_models = {
        "bpp": lambda ang: np.broadcast_to(bpp_cap_probability(ang), ang.shape),
        "nonhomogeneous": lambda ang: np.array(
            [
                float(nonhomogeneous_cap_probability(la, a, s.inclination_rad, nodes=1024))
                for la, a in zip(lat_rad, ang, strict=True)
            ]
        ),
    }
    for model in ("bpp", "nonhomogeneous"):
        stats_[model] = (
            n * vis[model],
            p_none(n, vis[model]),
            1.0 - p_none(n, cov[model]),
            _median_nearest_km(res, nearest_models[model]),
        )
    rows = []
    for model in MODELS:
        mean, none, covered, nearest = stats_[model]
        for k, lat in enumerate(res.latitudes_deg):
            rows.append(
                {
                    "altitude_km": s.altitude_km,
                    "inclination_deg": s.inclination_deg,
                    "n_planes": s.n_planes,
                    "sats_per_plane": s.sats_per_plane,
                    "latitude_deg": float(lat),
                    "model": model,
                    "mean_visible": float(mean[k]),
                    "p_none": float(none[k]),
                    "p_covered": float(covered[k]),
                    "median_nearest_km": float(nearest[k]),
                }
            )
    return pd.DataFrame(rows)


def _half_chord(slant_km: float, alt_km: float) -> float:
    """``sin(theta/2)`` of the central angle at which a ground user has slant range ``slant_km``."""
    r_t = EARTH_RADIUS_KM + alt_km
    s2 = (slant_km - alt_km) * (slant_km + alt_km) / (4.0 * EARTH_RADIUS_KM * r_t)
    return math.sqrt(min(max(s2, 0.0), 1.0))


def visible_table(table: pd.DataFrame) -> pd.DataFrame:
    """The figure data of ``constellations-visible-by-latitude`` (its required columns)."""
    cols = ["altitude_km", "inclination_deg", "n_planes", "sats_per_plane", "latitude_deg",
            "model", "mean_visible", "p_none"]  # fmt: skip
    return table[cols].reset_index(drop=True)


def wide(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """One column of :func:`by_latitude` with one column per model, indexed by latitude."""
    return table.pivot(index="latitude_deg", columns="model", values=column)[list(MODELS)]


def errors_by_band(table: pd.DataFrame) -> pd.DataFrame:
    """Largest relative error of each model's mean against SGP4, by latitude band.

    Latitudes where SGP4 sees fewer than :data:`MIN_MEAN_FOR_RELATIVE` satellites on
    average are left out of the relative error (their absolute error is given).
    """
    mean = wide(table, "mean_visible")
    rows = []
    for lo, hi in ((0, 30), (30, 50), (50, 70), (70, 90)):
        band = mean[(mean.index >= lo) & (mean.index <= hi)]
        ref = band["sgp4"]
        keep = ref >= MIN_MEAN_FOR_RELATIVE
        row: dict[str, Any] = {"band": f"{lo}–{hi}°"}
        for model in ("bpp", "nonhomogeneous"):
            rel = (band[model][keep] - ref[keep]).abs() / ref[keep]
            row[f"{model}_max_rel_error_pct"] = 100.0 * float(rel.max()) if keep.any() else np.nan
            row[f"{model}_max_abs_error"] = float((band[model] - ref).abs().max())
        rows.append(row)
    return pd.DataFrame(rows)


def distributions(res: Results, chosen_deg: list[float]) -> pd.DataFrame:
    """Visible-count distributions at the chosen latitudes: SGP4 histogram and both models."""
    s = res.shell
    lat = np.asarray(chosen_deg, dtype=float)
    # The chosen latitudes need not lie on the grid: count there too.
    alpha = math.radians(_alpha_deg(res))
    counts = visible_counts(res.propagation.ecef_km, lat, res.counts.shape[2], alpha)
    top = int(max(counts.max(), 1))
    q = float(bpp_cap_probability(res.psi_rad))
    pn = nonhomogeneous_cap_probability(np.radians(lat), res.psi_rad, s.inclination_rad)
    top = max(
        top,
        int(
            np.ceil(
                s.n_sats * max(q, float(pn.max()))
                + 5 * math.sqrt(s.n_sats * max(q, float(pn.max())) + 1)
            )
        ),
    )
    hist = count_histogram(counts, top)
    bpp = binomial_pmf(s.n_sats, q, top)
    nh = binomial_pmf(s.n_sats, pn, top)
    rows = []
    for j, la in enumerate(lat):
        for k in range(top + 1):
            for model, prob in (
                ("sgp4", hist[j, k]),
                ("bpp", bpp[k]),
                ("nonhomogeneous", nh[j, k]),
            ):
                rows.append({"latitude_deg": float(la), "visible_count": k, "model": model,
                             "probability": float(prob)})  # fmt: skip
    return pd.DataFrame(rows)


def _alpha_deg(res: Results) -> float:
    """The minimum elevation of a result, degrees (recovered from psi at the nominal altitude)."""
    r_t = EARTH_RADIUS_KM + res.shell.altitude_km
    # psi = arccos(R cos a / R_t) - a  <=>  tan a = (cos psi - R / R_t) / sin psi
    return math.degrees(
        math.atan2(math.cos(res.psi_rad) - EARTH_RADIUS_KM / r_t, math.sin(res.psi_rad))
    )


def distance_table(dist: pd.DataFrame) -> pd.DataFrame:
    """Total variation distance of each model's count distribution to SGP4's, and P(none) gaps."""
    rows = []
    for lat, grp in dist.groupby("latitude_deg"):
        pm = {
            m: g.sort_values("visible_count")["probability"].to_numpy()
            for m, g in grp.groupby("model")
        }
        row: dict[str, Any] = {"latitude_deg": float(lat)}
        for model in ("bpp", "nonhomogeneous"):
            row[f"{model}_total_variation"] = float(total_variation(pm[model], pm["sgp4"]))
            row[f"{model}_p_none_gap"] = float(pm[model][0] - pm["sgp4"][0])
        rows.append(row)
    return pd.DataFrame(rows)


def effective_table(table: pd.DataFrame, res: Results) -> pd.DataFrame:
    """Satellites a uniform sphere needs to match the propagated mean at each latitude."""
    mean = wide(table, "mean_visible")["sgp4"]
    n_eff = effective_number(mean.to_numpy(), res.psi_rad)
    return pd.DataFrame(
        {
            "latitude_deg": mean.index.to_numpy(dtype=float),
            "effective_n_sats": n_eff,
            "n_sats": res.shell.n_sats,
        }
    )


def snapshot(res: Results, user_lat_deg: float) -> pd.DataFrame:
    """Every satellite at the first epoch: position, and how the user at longitude 0 sees it."""
    x = res.propagation.ecef_km[:, :1]
    lat, lon, r = satellite_latlon_rad(x)
    lat, lon, r = lat[:, 0], lon[:, 0], r[:, 0]
    ul = math.radians(user_lat_deg)
    user = np.array([math.cos(ul), 0.0, math.sin(ul)])
    unit = x[:, 0] / r[:, None]
    angle = np.arctan2(np.linalg.norm(np.cross(unit, user), axis=-1), unit @ user)
    elev = np.asarray(elevation_angle_rad(0.0, r - EARTH_RADIUS_KM, np.maximum(angle, 1e-12)))
    east = np.array([0.0, 1.0, 0.0])
    north = np.array([-math.sin(ul), 0.0, math.cos(ul)])
    rel = x[:, 0] - EARTH_RADIUS_KM * user
    az = np.degrees(np.arctan2(rel @ east, rel @ north)) % 360.0
    return pd.DataFrame(
        {
            "sat_index": np.arange(lat.size),
            "plane": res.propagation.plane,
            "lat_deg": np.degrees(lat),
            "lon_deg": np.degrees(lon),
            "elevation_deg": np.degrees(elev),
            "azimuth_deg": az,
            "visible": np.degrees(elev) >= _alpha_deg(res) - 1e-9,
        }
    )
