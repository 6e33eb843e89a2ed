"""The networks chapter's models and its coverage computations.

The library models under the chapter's parameters (:func:`network_model`,
:func:`direct_access_model`), the end-to-end coverage through HAPS with LEO
backhaul (:func:`coverage_table`) and the direct-access coverage
(:func:`direct_access_table`), Monte Carlo against analysis.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from sagin_lib._random import as_seed_sequence, child_seed_sequence
from sagin_lib.platforms.cell_free import (
    NetworkParams,
    coverage_sweep,
    haps_off_nadir_rad,
    link_gain,
)
from sagin_lib.platforms.haps_coverage import HapsCoverageParams, coverage_probability_no_fading
from sagin_lib.platforms.haps_coverage import coverage_sweep as direct_coverage_sweep

from .spec import _MONO_TOL, QUOTE_N_HAPS, Params


def network_model(params: Params) -> NetworkParams:
    """The library model under the chapter's parameters."""
    return NetworkParams(
        freq_hz=params["freq_ghz"] * 1e9,
        bandwidth_hz=params["bandwidth_mhz"] * 1e6,
        noise_figure_db=params["noise_figure_db"],
        ue_gain_dbi=params["ue_gain_dbi"],
        haps_tx_power_dbw=params["haps_tx_power_dbm"] - 30.0,
        haps_element_gain_dbi=params["haps_element_gain_dbi"],
        haps_antennas=int(params["haps_antennas"]),
        haps_alt_km=params["haps_alt_km"],
        min_elevation_rad=math.radians(params["min_elevation_deg"]),
        access_snr_threshold_db=params["access_snr_threshold_db"],
        sat_alt_km=params["sat_alt_km"],
        backhaul_freq_hz=params["backhaul_freq_ghz"] * 1e9,
        backhaul_bandwidth_hz=params["backhaul_bandwidth_mhz"] * 1e6,
        backhaul_eirp_dbw=params["backhaul_eirp_dbw"],
        sat_g_over_t_db_k=params["sat_g_over_t_dbk"],
        backhaul_min_elevation_rad=math.radians(params["backhaul_min_elevation_deg"]),
        backhaul_snr_threshold_db=params["backhaul_snr_threshold_db"],
        static_power_w=params["static_power_w"],
        load_factor=params["load_factor"],
        backhaul_energy_j_per_bit=params["backhaul_power_w_per_gbps"] * 1e-9,
        haps_pattern=params["haps_pattern"],
        power_per_chain=params["power_chains"] == "per-chain",
        idle_mode=params["idle_mode"],
        sleep_power_w=params["sleep_power_w"],
        phase_synchronised=params["phase_sync"] == "synchronised",
    )


def direct_access_model(params: Params) -> HapsCoverageParams:
    """The direct-access model (user to HAPS or LEO, no backhaul) with this chapter's link.

    A HAPS beams its whole array (``M`` elements) at the user; a satellite
    radiates the chapter's EIRP density over the access bandwidth; the serving
    link fades as ``fading`` says (the closed form without fading ignores it).
    See :class:`sagin_lib.platforms.haps_coverage.HapsCoverageParams`.
    """
    sat_eirp_dbw = params["sat_eirp_density_dbw_mhz"] + 10.0 * math.log10(params["bandwidth_mhz"])
    return HapsCoverageParams(
        freq_hz=params["freq_ghz"] * 1e9,
        bandwidth_hz=params["bandwidth_mhz"] * 1e6,
        noise_figure_db=params["noise_figure_db"],
        rx_gain_dbi=params["ue_gain_dbi"],
        snr_threshold_db=params["access_snr_threshold_db"],
        min_elevation_rad=math.radians(params["min_elevation_deg"]),
        haps_alt_km=params["haps_alt_km"],
        haps_tx_power_dbw=params["haps_tx_power_dbm"] - 30.0,
        haps_tx_gain_dbi=params["haps_element_gain_dbi"]
        + 10.0 * math.log10(int(params["haps_antennas"])),
        haps_region_radius_km=params["cov_region_radius_km"],
        sat_alt_km=params["sat_alt_km"],
        sat_tx_power_dbw=sat_eirp_dbw - params["sat_tx_gain_dbi"],
        sat_tx_gain_dbi=params["sat_tx_gain_dbi"],
        fading=params["fading"],
        nakagami_m=params["nakagami_m"],
    )


def _edge_off_nadir_rad(m: NetworkParams) -> float:
    """Angle off nadir at which a HAPS sees a user at the visibility edge, rad."""
    return float(haps_off_nadir_rad(m.haps_alt_km, m.visible_angle_rad))


def _edge_loss_db(m: NetworkParams) -> float:
    """Pattern loss of the access link at the visibility edge, dB (0 for isotropic-peak)."""
    peak = m.replace(haps_pattern="isotropic-peak")
    edge = m.visible_angle_rad
    return 10.0 * math.log10(float(link_gain(peak, edge)) / float(link_gain(m, edge)))


def _edge_snr_db(m: NetworkParams) -> float:
    """Single-user access SNR from one HAPS at the visibility edge, dB."""
    return 10.0 * math.log10(m.rho * m.haps_antennas * float(link_gain(m, m.visible_angle_rad)))


def n_haps_values(params: Params) -> list[int]:
    """The HAPS counts of the coverage sweep: ``0, step, 2 step, ... <= n_haps_max``."""
    return list(range(0, int(params["n_haps_max"]) + 1, int(params["n_haps_step"])))


def _binomial_p_values(k: np.ndarray, n: np.ndarray, p: np.ndarray, side: str) -> np.ndarray:
    """Exact binomial p-values of ``k`` successes in ``n`` under ``p``.

    ``side`` is "two" (``2 min(P(X <= k), P(X >= k))``, at most 1), "below"
    (``P(X <= k)``: evidence that the truth is below ``p``) or "above"
    (``P(X >= k)``).
    """
    p = np.clip(p, 0.0, 1.0)
    below = stats.binom.cdf(k, n, p)
    above = stats.binom.sf(k - 1, n, p)
    if side == "below":
        return below
    if side == "above":
        return above
    return np.minimum(1.0, 2.0 * np.minimum(below, above))


def coverage_table(params: Params) -> pd.DataFrame:
    """End-to-end coverage against the number of HAPS, Monte Carlo and analysis.

    Columns: those of :func:`sagin_lib.platforms.cell_free.coverage_sweep`,
    ``direct_access_analysis`` (the platforms chapter's closed form without
    fading, user to HAPS or LEO directly), the standard errors
    ``*_standard_error`` of the Monte Carlo shares, and the exact binomial
    p-values of the checks (``p_value_visible``, ``p_value_cellular``,
    ``p_value_cell_free_lower``, ``p_value_cell_free_upper``).
    """
    model = network_model(params)
    root = child_seed_sequence(as_seed_sequence(int(params["seed"])), 2)
    df = coverage_sweep(
        model,
        n_haps_values(params),
        [int(n) for n in params["sat_counts"]],
        int(params["n_users"]),
        params["cov_region_radius_km"],
        rng=root,
        sampling="full",
    )
    direct = direct_access_model(params)
    df["direct_access_analysis"] = coverage_probability_no_fading(
        direct, df["n_haps"].to_numpy(), df["n_sats"].to_numpy()
    )
    n = df["n_users"].to_numpy()
    for col in ("p_haps_visible", "cellular", "cell_free"):
        p = df[col].to_numpy()
        df[f"{col}_standard_error"] = np.sqrt(p * (1.0 - p) / n)
    df["p_value_visible"] = _binomial_p_values(
        df["n_visible"].to_numpy(), n, df["p_haps_visible_analysis"].to_numpy(), "two"
    )
    df["p_value_cellular"] = _binomial_p_values(
        df["n_cellular"].to_numpy(), n, df["cellular_analysis"].to_numpy(), "two"
    )
    df["p_value_cell_free_lower"] = _binomial_p_values(
        df["n_cell_free"].to_numpy(), n, df["cell_free_lower"].to_numpy(), "below"
    )
    df["p_value_cell_free_upper"] = _binomial_p_values(
        df["n_cell_free"].to_numpy(), n, df["cell_free_upper"].to_numpy(), "above"
    )
    return df


def coverage_summary(data: pd.DataFrame) -> pd.DataFrame:
    """Coverage at the HAPS count nearest :data:`QUOTE_N_HAPS`, one row per constellation size."""
    counts = np.array(sorted(data["n_haps"].unique()))
    quote = int(counts[np.argmin(np.abs(counts - QUOTE_N_HAPS))])
    rows = data[data["n_haps"] == quote]
    cols = ["n_haps", "n_sats", "cell_free", "cell_free_standard_error", "cellular",
            "cellular_analysis", "cell_free_lower", "cell_free_upper", "direct_access_analysis"]  # fmt: skip
    return rows[cols].reset_index(drop=True)


def direct_access_table(params: Params) -> pd.DataFrame:
    """Monte Carlo and theory of the direct-access coverage against the number of HAPS.

    One sweep without fading and, unless ``fading`` is "none", one with the
    chosen fading, both from the same root seed (common random numbers for
    the platform positions), in the model of :func:`direct_access_model`
    (figure ``networks-haps-coverage``). Columns: those of
    :func:`sagin_lib.platforms.haps_coverage.run_sweep_point` with
    ``coverage_probability`` renamed ``coverage_probability_mc``, plus
    ``closed_form`` (the closed form without fading, the numerical integral
    with fading) and ``z_score`` (the Monte Carlo's distance from it in
    standard errors, with the variance floored at ``1 / n_users``).
    """
    model = direct_access_model(params)
    n_users, seed = int(params["n_users"]), int(params["seed"])
    grid = (n_haps_values(params), [int(n) for n in params["sat_counts"]])
    sweeps = [direct_coverage_sweep(model.replace(fading="none"), *grid, n_users, rng=seed)]
    if model.fading != "none":
        sweeps.append(direct_coverage_sweep(model, *grid, n_users, rng=seed))
    data = pd.concat(sweeps, ignore_index=True)
    data["closed_form"] = np.where(
        data["fading"] == "none",
        data["coverage_no_fading_closed_form"],
        data["coverage_semianalytic"],
    )
    data = data.rename(columns={"coverage_probability": "coverage_probability_mc"})
    data["z_score"] = (data["coverage_probability_mc"] - data["closed_form"]) / np.sqrt(
        np.maximum(data["closed_form"] * (1 - data["closed_form"]), 1.0 / n_users) / n_users
    )
    return data


def _fading_title(fading: str, nakagami_m: float) -> str:
    return {"none": "no fading", "rayleigh": "Rayleigh fading"}.get(
        fading, f"Nakagami-{nakagami_m:g} fading"
    )


def _beta_nadir(m: NetworkParams) -> float:
    from sagin_lib.platforms.cell_free import link_gain

    return float(link_gain(m, 0.0))


def _curve_rises(values: np.ndarray) -> bool:
    """Non-decreasing (within tolerance) and higher at the end, unless saturated at 1."""
    steady = bool(np.all(np.diff(values) >= -_MONO_TOL))
    return steady and (values[-1] > values[0] or values[0] >= 1.0 - _MONO_TOL)


def _fading_gains(params: Params, direct: pd.DataFrame) -> dict[str, Any]:
    """Where fading raises the direct-access coverage above its no-fading value.

    Returns ``n_points`` (points with a fading curve), ``n_gains`` (points
    where fading raises the theory), ``max_gain`` and ``max_loss``, and
    ``bounded`` (points where every visible platform clears the threshold on
    its mean SNR: there the no-fading coverage is the visibility probability)
    with ``bounded_excess``, the largest excess of the fading theory over it.
    """
    if params["fading"] == "none" or set(direct["fading"]) == {"none"}:
        return {"n_points": 0, "n_gains": 0, "max_gain": 0.0, "max_loss": 0.0, "bounded": 0,
                "bounded_excess": math.nan}  # fmt: skip
    wide = direct.pivot_table(index=["n_sats", "n_haps"], columns="fading", values="closed_form")
    vis = direct[direct["fading"] == "none"].set_index(["n_sats", "n_haps"])[
        "p_visible_closed_form"
    ]
    none, faded = wide["none"], wide[params["fading"]]
    gain = faded - none
    limited_by_horizon = (none - vis).abs() <= _MONO_TOL
    excess = (faded - vis)[limited_by_horizon]
    return {
        "n_points": int(len(gain)),
        "n_gains": int((gain > _MONO_TOL).sum()),
        "max_gain": float(max(gain.max(), 0.0)),
        "max_loss": float(max(-gain.min(), 0.0)),
        "bounded": int(limited_by_horizon.sum()),
        "bounded_excess": float(excess.max()) if len(excess) else math.nan,
    }
