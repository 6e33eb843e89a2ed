"""The constellations chapter: real Walker shells against the uniform sphere, as claims.

A Walker shell given by the chapter's parameters (altitude, inclination, planes,
satellites per plane, phasing) is propagated with SGP4 over ``duration_h`` hours
and turned Earth-fixed (:mod:`sagin_lib.constellations`). Ground users on a grid of
latitudes and longitudes count the satellites they see above the minimum
elevation at every epoch. Beside those counts stand two models of the same
``N`` satellites: uniform on their sphere (``bpp``, the study's assumption) and
the latitude-dependent density of an inclined shell (``nonhomogeneous``). This
module converts the parameters once, computes the statistics by latitude, builds
the tables and figures and checks the chapter's statements as claims.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import matplotlib.pyplot as plt
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
from sagin_lib.constellations.walker import MIN_ALTITUDE_KM, PRESETS, WalkerShell
from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.coverage import downlink_vertex_angle_rad, elevation_angle_rad, slant_range_km
from sagin_lib.platforms.haps_coverage import HapsCoverageParams, coverage_probability_no_fading
from sagin_lib.study.claims import Claim, claim
from sagin_lib.study.formatting import Table, format_table
from sagin_lib.study.sources import COVERAGE_PAPER, STUDY
from sagin_lib.study.spec import ChapterSpec, Constraint, Param, output_dir_param

#: The models, in the order of the figures and tables.
MODELS: tuple[str, ...] = ("sgp4", "bpp", "nonhomogeneous")
MODEL_LABELS: Mapping[str, str] = {
    "sgp4": "SGP4 (propagated shell)",
    "bpp": "uniform sphere (BPP)",
    "nonhomogeneous": "inclined-shell density",
}
MODEL_COLORS: Mapping[str, str] = {"sgp4": "#1b9e77", "bpp": "#d95f02", "nonhomogeneous": "#7570b3"}
MODEL_MARKERS: Mapping[str, str] = {"sgp4": "o", "bpp": "s", "nonhomogeneous": "^"}

#: Largest number of latitudes of the count-distribution figure.
MAX_DISTRIBUTION_LATITUDES = 6
#: Epochs and longitudes of the brute-force nearest-satellite search (at most).
NEAREST_EPOCHS = 240
NEAREST_LONGITUDES = 24

#: Tolerances of the claims (see the chapter's text for why these values).
BPP_TOLERANCE = 0.10
BPP_MARGIN_DEG = 15.0
NONHOMOGENEOUS_TOLERANCE = 0.02
#: Latitudes whose propagated mean is below this are left out of relative errors.
MIN_MEAN_FOR_RELATIVE = 0.5

SPEC = ChapterSpec(
    "constellations",
    (
        output_dir_param("constellations"),
        Param("altitude_km", 550.0, "altitude of the shell (at least 300 km, the drag limit)",
              unit="km", low=MIN_ALTITUDE_KM, high=2000.0),
        Param("inclination_deg", 53.0, "inclination of every orbital plane",
              unit="deg", low=0.0, high=180.0),
        Param("n_planes", 72, "orbital planes of the Walker shell", low=1, high=200),
        Param("sats_per_plane", 22, "satellites per plane", low=1, high=100),
        Param("phasing", 1, "Walker phasing factor F (below n_planes)", low=0, high=199),
        Param("raan_spread_deg", 360.0, "spread of the ascending nodes: 360 Walker delta, 180 Walker star",
              unit="deg", low=0.0, high=360.0, low_open=True),
        Param("min_elevation_deg", 25.0, "minimum elevation at which a ground user sees a satellite",
              unit="deg", low=0.0, high=89.0),
        Param("latitude_step_deg", 5.0, "spacing of the user latitudes from 0 to 90 degrees",
              unit="deg", low=0.5, high=45.0),
        Param("n_longitudes", 72, "users per latitude, evenly spaced in longitude", low=1, high=720),
        Param("duration_h", 24.0, "length of the SGP4 propagation", unit="h", low=0.5, high=72.0),
        Param("time_step_s", 60.0, "time between epochs", unit="s", low=10.0, high=3600.0),
        Param("distribution_latitudes_deg", [0.0, 30.0, 50.0, 60.0],
              "latitudes of the count distributions", unit="deg", low=0.0, high=90.0,
              max_items=MAX_DISTRIBUTION_LATITUDES, increasing=True),
        Param("snapshot_latitude_deg", 50.0, "latitude of the user of the sky plot (longitude 0)",
              unit="deg", low=-90.0, high=90.0),
    ),
    (
        Constraint(("phasing", "n_planes"), "phasing < n_planes",
                   lambda v: v["phasing"] < v["n_planes"]),
        Constraint(("time_step_s", "duration_h"), "time_step_s <= 3600 * duration_h",
                   lambda v: v["time_step_s"] <= 3600.0 * v["duration_h"]),
    ),
)  # fmt: skip


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


def band_table(errors: pd.DataFrame) -> Table:
    """The errors by band as the book shows them."""
    return format_table(
        errors,
        digits=2,
        headers={
            "band": "latitude band",
            "bpp_max_rel_error_pct": "uniform sphere: largest error (%)",
            "bpp_max_abs_error": "uniform sphere: largest error (satellites)",
            "nonhomogeneous_max_rel_error_pct": "inclined-shell density: largest error (%)",
            "nonhomogeneous_max_abs_error": "inclined-shell density: largest error (satellites)",
        },
        missing="no latitude of the band sees half a satellite on average",
        caption="Largest error of each model's mean visible count against the propagated shell",
    )


def presets_table(min_elevation_deg: float) -> pd.DataFrame:
    """The preset shells: their numbers, sources and the two models' means at a few latitudes."""
    alpha = math.radians(min_elevation_deg)
    rows = []
    for key, s in PRESETS.items():
        psi = float(downlink_vertex_angle_rad(0.0, s.altitude_km, alpha))
        nh = s.n_sats * nonhomogeneous_cap_probability(
            np.radians([0.0, 30.0, 50.0]), psi, s.inclination_rad
        )
        rows.append(
            {
                "preset": key,
                "altitude_km": s.altitude_km,
                "inclination_deg": s.inclination_deg,
                "n_planes": s.n_planes,
                "sats_per_plane": s.sats_per_plane,
                "n_sats": s.n_sats,
                "bpp_mean_visible": s.n_sats * float(bpp_cap_probability(psi)),
                "nonhomogeneous_mean_equator": float(nh[0]),
                "nonhomogeneous_mean_lat30": float(nh[1]),
                "nonhomogeneous_mean_lat50": float(nh[2]),
                "source": s.source,
            }
        )
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


# ---------------------------------------------------------------- numbers for the prose


def prose_numbers(p: Mapping[str, Any], res: Results, table: pd.DataFrame) -> dict[str, str]:
    """The numbers the chapter's prose quotes, as text to glue."""
    s = res.shell
    mean = wide(table, "mean_visible")
    incl = min(s.inclination_deg, 180.0 - s.inclination_deg)
    peak_lat = float(mean["sgp4"].idxmax())
    alt = res.propagation.altitude_km()
    return {
        "n_sats": f"{s.n_sats:,}",
        "walker": s.notation,
        "altitude": f"{s.altitude_km:g}",
        "psi_deg": f"{math.degrees(res.psi_rad):.2f}",
        "bpp_mean": f"{float(mean['bpp'].iloc[0]):.2f}",
        "equator_mean": f"{float(mean['sgp4'].iloc[0]):.2f}",
        "peak_mean": f"{float(mean['sgp4'].max()):.2f}",
        "peak_lat": f"{peak_lat:g}",
        "edge_lat": f"{incl + math.degrees(res.psi_rad):.1f}",
        "n_epochs": f"{res.propagation.times_s.size:,}",
        "sat_epochs": f"{res.propagation.n_sat_epochs:,}",
        "alt_min": f"{float(alt.min()):.1f}",
        "alt_max": f"{float(alt.max()):.1f}",
        "cover_slant": f"{res.cover_slant_km:,.0f}",
        "min_elev": f"{p['min_elevation_deg']:g}",
    }


def speed_numbers(res: Results) -> dict[str, str]:
    """Propagation and counting speed (changes run to run; quoted, never saved)."""
    prop = res.propagation
    users = res.counts.size
    return {
        "prop_s": f"{prop.elapsed_s:.2f}",
        "prop_rate": f"{prop.rate_per_s / 1e6:.2f}",
        "count_s": f"{res.count_s:.2f}",
        "user_epochs": f"{users:,}",
    }


# ---------------------------------------------------------------- figures


def plot_visible(table: pd.DataFrame, res: Results) -> Any:
    """(a) Mean visible count by latitude, three models; (b) each model's error against SGP4."""
    mean = wide(table, "mean_visible")
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(7.0, 7.2), sharex=True, layout="constrained")
    for model in MODELS:
        ax1.plot(mean.index, mean[model], marker=MODEL_MARKERS[model], color=MODEL_COLORS[model],
                 label=MODEL_LABELS[model], markersize=4)  # fmt: skip
    ax1.set_ylabel("mean visible satellites")
    ax1.set_ylim(0.0, 1.15 * max(float(mean.to_numpy().max()), 1.0))
    ax1.set_title(f"(a) Satellites above {_alpha_deg(res):.3g}° elevation, {res.shell.notation}",
                  pad=8.0)  # fmt: skip
    ax1.legend(loc="upper left", bbox_to_anchor=(0.0, -0.02), ncol=3, fontsize="small",
               frameon=False)  # fmt: skip
    keep = mean["sgp4"] >= MIN_MEAN_FOR_RELATIVE
    for model in ("bpp", "nonhomogeneous"):
        rel = 100.0 * (mean[model] - mean["sgp4"]) / mean["sgp4"]
        ax2.plot(mean.index[keep], rel[keep], marker=MODEL_MARKERS[model],
                 color=MODEL_COLORS[model], markersize=4)  # fmt: skip
    ax2.axhline(0.0, color="0.4", linewidth=0.8)
    ax2.set_xlabel("user latitude (°)")
    ax2.set_ylabel("error against SGP4 (%)")
    ax2.set_title("(b) Model mean against the propagated mean\n"
                  f"(latitudes where SGP4 sees ≥ {MIN_MEAN_FOR_RELATIVE:g} satellite)", pad=8.0)  # fmt: skip
    ax2.set_xlim(-2.0, 92.0)
    fig.get_layout_engine().set(h_pad=0.25)
    return fig


def plot_none(table: pd.DataFrame, res: Results) -> Any:
    """(a) P(no satellite visible); (b) direct-link coverage; (c) median nearest range."""
    fig, axes = plt.subplots(3, 1, figsize=(7.0, 9.0), sharex=True, layout="constrained")
    panels = (
        ("p_none", "P(no satellite visible)", "(a) No satellite above the minimum elevation"),
        (
            "p_covered",
            "P(covered)",
            f"(b) Direct link covered (slant range ≤ {res.cover_slant_km:,.0f} km)",
        ),
        ("median_nearest_km", "median nearest range (km)", "(c) Distance to the nearest satellite"),
    )
    for ax, (col, ylabel, title) in zip(axes, panels, strict=True):
        w = wide(table, col)
        for model in MODELS:
            ax.plot(w.index, w[model], marker=MODEL_MARKERS[model], color=MODEL_COLORS[model],
                    markersize=4, label=MODEL_LABELS[model])  # fmt: skip
        ax.set_ylabel(ylabel)
        ax.set_title(title, pad=8.0)
    axes[0].set_ylim(-0.05, 1.25)
    axes[1].set_ylim(-0.05, 1.25)
    axes[0].legend(loc="upper left", ncol=2, fontsize="small", frameon=False)
    axes[2].set_xlabel("user latitude (°)")
    axes[2].set_xlim(-2.0, 92.0)
    return fig


def plot_distributions(dist: pd.DataFrame) -> Any:
    """The visible-count distribution at each chosen latitude: SGP4 bars, model markers."""
    lats = sorted(dist["latitude_deg"].unique())
    cols = 2 if len(lats) > 1 else 1
    rows = math.ceil(len(lats) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(7.0, 2.9 * rows + 0.8), layout="constrained",
                             squeeze=False)  # fmt: skip
    for ax, lat in zip(axes.ravel(), lats, strict=False):
        grp = dist[dist["latitude_deg"] == lat]
        sg = grp[grp["model"] == "sgp4"]
        shown = grp[grp["probability"] > 1e-4]["visible_count"]
        lo, hi = int(shown.min()), int(shown.max())
        ax.bar(sg["visible_count"], sg["probability"], color=MODEL_COLORS["sgp4"], alpha=0.6,
               label=MODEL_LABELS["sgp4"])  # fmt: skip
        for model in ("bpp", "nonhomogeneous"):
            g = grp[(grp["model"] == model) & grp["visible_count"].between(lo, hi)]
            ax.plot(g["visible_count"], g["probability"], linestyle="none",
                    marker=MODEL_MARKERS[model], color=MODEL_COLORS[model], markersize=4,
                    label=MODEL_LABELS[model])  # fmt: skip
        ax.set_xlim(lo - 0.8, hi + 0.8)
        ax.set_ylim(0.0, 1.3 * float(grp["probability"].max()))
        ax.set_title(f"latitude {lat:g}°", pad=6.0)
        ax.set_xlabel("visible satellites")
        ax.set_ylabel("probability")
    for ax in axes.ravel()[len(lats) :]:
        ax.axis("off")
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=3, fontsize="small", frameon=False)
    return fig


def plot_effective(eff: pd.DataFrame, res: Results) -> Any:
    """Satellites a uniform sphere needs to match the propagated mean, by latitude."""
    fig, ax = plt.subplots(figsize=(7.0, 4.2), layout="constrained")
    ax.plot(eff["latitude_deg"], eff["effective_n_sats"], marker="o", markersize=4,
            color=MODEL_COLORS["sgp4"], label="effective number (uniform sphere matching SGP4)")  # fmt: skip
    ax.axhline(res.shell.n_sats, color="0.3", linestyle="--", linewidth=1.0,
               label=f"satellites of the shell, N = {res.shell.n_sats:,}")  # fmt: skip
    ax.set_xlabel("user latitude (°)")
    ax.set_ylabel("satellites on a uniform sphere")
    ax.set_xlim(-2.0, 92.0)
    ax.set_ylim(0.0, 1.35 * max(float(eff["effective_n_sats"].max()), res.shell.n_sats))
    ax.legend(loc="upper right", fontsize="small", frameon=False)
    return fig


def plot_snapshot(snap: pd.DataFrame, res: Results, user_lat_deg: float) -> Any:
    """(a) The shell at the first epoch on a map; (b) the sky of one user (polar plot)."""
    fig = plt.figure(figsize=(7.0, 8.6), layout="constrained")
    grid = fig.add_gridspec(2, 1, height_ratios=[1.0, 1.25])
    ax1 = fig.add_subplot(grid[0])
    ax2 = fig.add_subplot(grid[1], projection="polar")
    ax1.scatter(snap["lon_deg"], snap["lat_deg"], c=snap["plane"], cmap="viridis", s=4)
    ax1.plot([0.0], [user_lat_deg], marker="*", color="#d95f02", markersize=12, linestyle="none")
    ax1.set_xlim(-180.0, 180.0)
    ax1.set_ylim(-90.0, 90.0)
    ax1.set_xticks(np.arange(-180, 181, 60))
    ax1.set_yticks(np.arange(-90, 91, 30))
    ax1.set_xlabel("longitude (°)")
    ax1.set_ylabel("latitude (°)")
    ax1.set_title(f"(a) {res.shell.n_sats:,} satellites at the epoch (colour: plane; star: user)",
                  pad=8.0)  # fmt: skip
    up = snap[snap["elevation_deg"] > 0.0]
    vis = up["visible"].to_numpy(dtype=bool)
    r = 90.0 - up["elevation_deg"].to_numpy()
    th = np.radians(up["azimuth_deg"].to_numpy())
    ax2.set_theta_zero_location("N")
    ax2.set_theta_direction(-1)
    alpha = _alpha_deg(res)
    ring = np.linspace(0.0, 2.0 * np.pi, 181)
    ax2.plot(ring, np.full(ring.shape, 90.0 - alpha), color="0.4", linestyle="--", linewidth=1.0,
             label=f"minimum elevation {alpha:.3g}°")  # fmt: skip
    ax2.scatter(th[~vis], r[~vis], s=10, color="0.6", label="above the horizon, below the minimum")
    ax2.scatter(th[vis], r[vis], s=22, color=MODEL_COLORS["sgp4"], label="visible")
    ax2.set_rlim(0.0, 90.0)
    ax2.set_xlabel("azimuth (clockwise from north)")
    ax2.set_ylabel("elevation", labelpad=34.0)
    ax2.set_rticks([30.0, 60.0, 90.0], labels=["60°", "30°", "0°"])
    ax2.set_title(f"(b) Sky of the user at {user_lat_deg:g}° N, 0° E: {int(vis.sum())} visible\n"
                  "(centre: zenith; rings: elevation)", pad=12.0)  # fmt: skip
    ax2.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=1, fontsize="small",
               frameon=False)  # fmt: skip
    return fig


# ---------------------------------------------------------------- claims


def _rel_errors(mean: pd.DataFrame, model: str) -> pd.Series:
    keep = mean["sgp4"] >= MIN_MEAN_FOR_RELATIVE
    return ((mean[model] - mean["sgp4"]).abs() / mean["sgp4"])[keep]


def chapter_claims(table: pd.DataFrame, dtable: pd.DataFrame, res: Results) -> list[Claim]:
    """Every claim of the chapter, in reading order."""
    s = res.shell
    incl = min(s.inclination_deg, 180.0 - s.inclination_deg)
    mean = wide(table, "mean_visible")
    out = []

    # The coverage paper's satellites: a PPP whose density stands for a number of satellites.
    rel_bpp = _rel_errors(mean, "bpp")
    worst = float(rel_bpp.max()) if len(rel_bpp) else math.nan
    worst_lat = float(rel_bpp.idxmax()) if len(rel_bpp) else math.nan
    out.append(
        claim(
            "constellations-ppp-density-stands-for-shell",
            "The satellites form a PPP whose density corresponds to a number of LEO satellites.",
            f"{COVERAGE_PAPER}, Sec. IV-B, Fig. 4(b)",
            (worst <= BPP_TOLERANCE) if len(rel_bpp) else None,
            f"Read as: N satellites spread uniformly on their sphere give a ground user the "
            f"mean visible count of a shell of N satellites, within {100 * BPP_TOLERANCE:g} % at "
            f"every latitude where the shell shows at least {MIN_MEAN_FOR_RELATIVE:g} satellite "
            f"on average. For {s.notation} at {s.altitude_km:g} km the uniform sphere gives "
            f"{float(mean['bpp'].iloc[0]):.2f} everywhere; the propagated shell ranges from "
            f"{float(mean['sgp4'][mean['sgp4'] >= MIN_MEAN_FOR_RELATIVE].min()) if len(rel_bpp) else 0:.2f} "
            f"to {float(mean['sgp4'].max()):.2f}; the largest error is "
            f"{100 * worst:.1f} % at {worst_lat:g}°.",
            kind="source",
        )
    )

    below = mean[mean.index < incl - BPP_MARGIN_DEG]
    rel_below = _rel_errors(below, "bpp") if len(below) else pd.Series(dtype=float)
    ok = None if rel_below.empty else bool(rel_below.max() <= BPP_TOLERANCE)
    out.append(
        claim(
            "constellations-uniform-sphere-within-10pct-below-inclination",
            f"A uniform sphere with the same N gives the mean visible count within "
            f"{100 * BPP_TOLERANCE:g} % at latitudes below i − {BPP_MARGIN_DEG:g}°.",
            f"{STUDY}, after Okati et al. 2020 (the uniform-sphere assumption)",
            ok,
            "No latitude of the grid lies below i − 15°."
            if ok is None
            else f"Latitudes below {incl - BPP_MARGIN_DEG:g}°: largest error "
            f"{100 * float(rel_below.max()):.1f} % at {float(rel_below.idxmax()):g}° "
            f"(uniform sphere {float(mean['bpp'].iloc[0]):.2f}, SGP4 "
            f"{float(below['sgp4'].loc[rel_below.idxmax()]):.2f}).",
            kind="check",
        )
    )

    rel_nh = _rel_errors(mean, "nonhomogeneous")
    small = mean["sgp4"] < MIN_MEAN_FOR_RELATIVE
    abs_small = (
        float((mean["nonhomogeneous"][small] - mean["sgp4"][small]).abs().max())
        if small.any()
        else 0.0
    )
    ok_nh = None if rel_nh.empty else bool(rel_nh.max() <= NONHOMOGENEOUS_TOLERANCE)
    out.append(
        claim(
            "constellations-inclined-density-within-2pct-everywhere",
            f"The latitude-dependent density of an inclined shell gives the mean visible count "
            f"within {100 * NONHOMOGENEOUS_TOLERANCE:g} % at every latitude.",
            "Okati and Riihonen, arXiv 2108.10785 (the nonhomogeneous model)",
            ok_nh,
            "No latitude shows half a satellite on average."
            if ok_nh is None
            else f"Largest error {100 * float(rel_nh.max()):.1f} % at "
            f"{float(rel_nh.idxmax()):g}° (latitudes where SGP4 shows at least "
            f"{MIN_MEAN_FOR_RELATIVE:g} satellite; elsewhere the two differ by at most "
            f"{abs_small:.2f} satellites).",
            kind="check",
        )
    )

    edge = incl + math.degrees(res.psi_max_rad)
    beyond = res.latitudes_deg > edge
    seen_beyond = int(res.counts[beyond].max()) if beyond.any() else 0
    out.append(
        claim(
            "constellations-none-visible-above-inclination-plus-psi",
            "No satellite is visible above latitude i + ψ, ψ the vertex angle of the S2G dome.",
            f"{STUDY}: geometry of an inclined shell (Proposition 1 of the {COVERAGE_PAPER})",
            (seen_beyond == 0) if beyond.any() else None,
            f"i + ψ = {incl:g}° + {math.degrees(res.psi_max_rad):.2f}° = {edge:.2f}° (ψ at the "
            f"highest altitude SGP4 reached); "
            + (
                f"{int(beyond.sum())} grid latitudes beyond it; most satellites any of their users "
                f"saw at any epoch: {seen_beyond}."
                if beyond.any()
                else "no grid latitude lies beyond it."
            ),
            kind="check",
        )
    )

    closer = dtable["nonhomogeneous_total_variation"] <= dtable["bpp_total_variation"]
    out.append(
        claim(
            "constellations-inclined-density-closer-in-distribution",
            "At each chosen latitude the latitude-dependent density's visible-count distribution "
            "is at least as close to the propagated one (total variation) as the uniform sphere's.",
            f"{STUDY}: Okati and Riihonen against Okati et al. 2020",
            bool(closer.all()),
            "; ".join(
                f"{r.latitude_deg:g}°: TV {r.nonhomogeneous_total_variation:.3f} against "
                f"{r.bpp_total_variation:.3f}"
                for r in dtable.itertuples()
            )
            + ".",
            kind="check",
        )
    )

    none = wide(table, "p_none")
    gap = (none["bpp"] - none["sgp4"]).abs()
    under = gap[gap.index < incl]
    out.append(
        claim(
            "constellations-uniform-sphere-p-none-within-001",
            "Below the inclination, a uniform sphere gives the probability that no satellite is "
            "visible within 0.01 of the propagated shell's.",
            f"{STUDY}, after Okati et al. 2020",
            bool(under.max() <= 0.01) if len(under) else None,
            f"Largest gap {float(under.max()):.3g} at {float(under.idxmax()):g}° (uniform sphere "
            f"{float(none['bpp'].iloc[0]):.3g} everywhere)."
            if len(under)
            else "No grid latitude lies below the inclination.",
            kind="check",
        )
    )
    return out
