"""Energy efficiency of cellular and cell-free HAPS networks (survey Fig. 9(a))."""

from __future__ import annotations

import ast
import dataclasses
import functools
import math
from typing import Any

import numpy as np
import pandas as pd

from sagin_lib._random import as_seed_sequence, child_seed_sequence
from sagin_lib.platforms.cell_free import NetworkParams
from sagin_lib.platforms.energy_drops import (
    POWER_FIELDS,
    SINR_FIELDS,
    drop_energy_efficiency,
    drop_link_gains,
    drop_rates,
    energy_efficiency_drops,
    rates_from_link_gains,
)

from .compute import network_model
from .spec import POWER_VARIANTS, SPEC, Params


def ee_table(params: Params) -> pd.DataFrame:
    """Energy efficiency of both architectures over random drops, for each HAPS count.

    Columns: those of :func:`sagin_lib.platforms.energy_drops.energy_efficiency_drops`
    plus ``energy_efficiency_mbit_per_j`` and ``cdf`` (the empirical CDF value
    of the drop within its architecture and HAPS count). Each HAPS count draws
    from the child of the root seed at ``(1, n_haps)``.
    """
    model = network_model(params)
    root = as_seed_sequence(int(params["seed"]))
    frames = []
    for n in params["ee_haps_counts"]:
        frames.append(
            energy_efficiency_drops(
                model,
                int(n),
                int(params["ee_users"]),
                int(params["ee_drops"]),
                params["ee_region_radius_km"],
                rng=child_seed_sequence(root, 1, int(n)),
            )
        )
    df = pd.concat(frames, ignore_index=True)
    df["energy_efficiency_mbit_per_j"] = df["energy_efficiency_bit_per_j"] / 1e6
    groups = df.groupby(["architecture", "n_haps"])["energy_efficiency_bit_per_j"]
    df["cdf"] = groups.rank(method="first") / groups.transform("size")
    return df


#: Fields of a chapter model at their defaults: the power model's (the rates'
#: model keeps the others) and the SINR's (the link gains' model keeps the others).
_POWER_DEFAULTS, _SINR_DEFAULTS = (
    {f.name: f.default for f in dataclasses.fields(NetworkParams) if f.name in names}
    for names in (POWER_FIELDS, SINR_FIELDS)
)

#: Largest drops (drops x HAPS x users) whose link gains are kept for the next setting.
_KEPT_PAIRS = 1_000_000


def _median_efficiency(params: Params, n_haps: int) -> dict[str, float]:
    """Median energy efficiency of each architecture over the drops at ``n_haps`` HAPS, bit/J.

    The drops of :func:`ee_table` (the same seed), with the rates shared by
    every setting that differs only in the power model (:func:`_rates`). As
    pandas takes a median: over the drops with a defined efficiency, NaN
    when there are none.
    """
    model = network_model(params)
    rates = _rates(
        model.replace(**_POWER_DEFAULTS), int(n_haps), int(params["ee_users"]),
        int(params["ee_drops"]), float(params["ee_region_radius_km"]), int(params["seed"]),
    )  # fmt: skip
    out = {}
    for arch, columns in drop_energy_efficiency(model, rates).items():
        ee = columns["energy_efficiency_bit_per_j"]
        ee = ee[~np.isnan(ee)]
        out[arch] = float(np.median(ee)) if ee.size else math.nan
    return out


def _drop_seed(seed: int, n_haps: int) -> np.random.SeedSequence:
    """The seed of the drops at ``n_haps`` HAPS: the child of the root at ``(1, n_haps)``."""
    return child_seed_sequence(as_seed_sequence(seed), 1, n_haps)


@functools.lru_cache(maxsize=32)
def _rates(
    radio: NetworkParams, n_haps: int, n_users: int, n_drops: int, region_km: float, seed: int
) -> dict[str, dict[str, np.ndarray]]:
    """:func:`sagin_lib.platforms.energy_drops.drop_rates` of the drops of :func:`_drop_seed`, read-only.

    From link gains shared by every setting with the same drops and the same
    gains (:func:`_link_gains`) when the drops are small enough to keep them:
    the same rates, each drop being computed on its own.
    """
    if n_drops * n_haps * n_users <= _KEPT_PAIRS:
        beta = _link_gains(
            radio.replace(**_SINR_DEFAULTS), n_haps, n_users, n_drops, region_km, seed
        )
        rates = rates_from_link_gains(radio, beta)
    else:
        rng = _drop_seed(seed, n_haps)
        rates = drop_rates(radio, n_haps, n_users, n_drops, region_km, rng=rng)
    for arrays in rates.values():
        for arr in arrays.values():
            arr.flags.writeable = False
    return rates


@functools.lru_cache(maxsize=16)
def _link_gains(
    gains: NetworkParams, n_haps: int, n_users: int, n_drops: int, region_km: float, seed: int
) -> np.ndarray:
    """:func:`sagin_lib.platforms.energy_drops.drop_link_gains` of the drops of :func:`_drop_seed`, read-only."""
    rng = _drop_seed(seed, n_haps)
    beta = drop_link_gains(gains, n_haps, n_users, n_drops, region_km, rng=rng)
    beta.flags.writeable = False
    return beta


def _break_even_w_per_gbps(cell: pd.DataFrame, free: pd.DataFrame, e_j_per_bit: float) -> float:
    """Median over drops of the backhaul energy per bit at which both architectures tie.

    ``e* = (R_f P_c - R_c P_f) / (R_c (T_f - R_f))`` with ``P`` the power
    without backhaul and ``T`` the backhaul traffic; cell-free is the more
    efficient for any smaller ``e``. 0 where cellular wins even without
    backhaul cost, infinite where cell-free forwards no extra bits.
    """
    r_c, r_f = cell["sum_rate_bps"].to_numpy(), free["sum_rate_bps"].to_numpy()
    t_f = free["backhaul_bits_per_s"].to_numpy()
    p_c = cell["power_w"].to_numpy() - e_j_per_bit * cell["backhaul_bits_per_s"].to_numpy()
    p_f = free["power_w"].to_numpy() - e_j_per_bit * t_f
    gain = r_f * p_c - r_c * p_f
    extra = r_c * (t_f - r_f)
    with np.errstate(divide="ignore", invalid="ignore"):
        e_star = np.where(gain <= 0.0, 0.0, np.where(extra > 0.0, gain / extra, np.inf))
    return float(np.median(e_star)) * 1e9


def ee_summary(data: pd.DataFrame, params: Params) -> pd.DataFrame:
    """Per HAPS count: median energy efficiency of each architecture, their ratio, wins.

    Columns ``n_haps``, ``median_cellular_mbit_per_j``, ``median_cell_free_mbit_per_j``,
    ``ratio``, ``share_cell_free_wins``, ``median_sum_rate_cellular_gbps``,
    ``median_sum_rate_cell_free_gbps``, ``break_even_backhaul_w_per_gbps``.
    """
    e = params["backhaul_power_w_per_gbps"] * 1e-9
    rows = []
    for n, block in data.groupby("n_haps"):
        cell = block[block["architecture"] == "cellular"].sort_values("drop")
        free = block[block["architecture"] == "cell-free"].sort_values("drop")
        ee_c = cell["energy_efficiency_bit_per_j"].to_numpy()
        ee_f = free["energy_efficiency_bit_per_j"].to_numpy()
        med_c, med_f = float(np.median(ee_c)), float(np.median(ee_f))
        rows.append(
            {
                "n_haps": int(n),
                "median_cellular_mbit_per_j": med_c / 1e6,
                "median_cell_free_mbit_per_j": med_f / 1e6,
                "ratio": med_f / med_c if med_c > 0 else math.inf,
                "share_cell_free_wins": float(np.mean(ee_f > ee_c)),
                "median_sum_rate_cellular_gbps": float(cell["sum_rate_bps"].median()) / 1e9,
                "median_sum_rate_cell_free_gbps": float(free["sum_rate_bps"].median()) / 1e9,
                "break_even_backhaul_w_per_gbps": _break_even_w_per_gbps(cell, free, e),
            }
        )
    return pd.DataFrame(rows)


#: Inputs that do not enter the energy efficiency (the coverage and direct-access ones).
_NOT_EE = frozenset({"output_dir", "access_snr_threshold_db", "sat_alt_km",
                     "sat_eirp_density_dbw_mhz", "sat_tx_gain_dbi", "fading", "nakagami_m",
                     "backhaul_freq_ghz", "backhaul_bandwidth_mhz", "backhaul_eirp_dbw",
                     "sat_g_over_t_dbk", "backhaul_min_elevation_deg", "backhaul_snr_threshold_db",
                     "cov_region_radius_km", "sat_counts", "n_haps_max", "n_haps_step",
                     "n_users"})  # fmt: skip


def _ee_ratio(params: Params, n_haps: int, **changes: Any) -> float:
    """Median cell-free over median cellular energy efficiency at ``n_haps`` HAPS."""
    p = {**params, **changes}
    key = tuple(sorted((k, str(v)) for k, v in p.items() if k not in _NOT_EE))
    return _ee_ratio_cached(key, int(n_haps))


@functools.lru_cache(maxsize=512)
def _ee_ratio_cached(key: tuple[tuple[str, str], ...], n_haps: int) -> float:
    p = SPEC.validate({**SPEC.defaults(), **{k: _parse(k, v) for k, v in key}})
    med = _median_efficiency(p, int(n_haps))
    return med["cell-free"] / med["cellular"] if med["cellular"] > 0 else math.inf


def _parse(name: str, text: str) -> Any:
    """A parameter value back from its text in :func:`_ee_ratio`'s cache key."""
    return text if SPEC[name].choices else ast.literal_eval(text)


def ee_variants(params: Params) -> pd.DataFrame:
    """Cell-free gain at the largest HAPS count under every power and phase regime.

    The same drops (same seed) under each power accounting of
    :data:`POWER_VARIANTS` with the chosen pattern and phase reference, then
    with unsynchronised HAPS and with the isotropic-peak pattern. Columns
    ``variant``, ``haps_pattern``, ``power_chains``, ``idle_mode``, ``phase_sync``,
    ``n_haps``, ``ratio`` (median cell-free over median cellular efficiency).
    """
    n = int(max(params["ee_haps_counts"]))
    rows = []
    base = {k: params[k] for k in ("haps_pattern", "power_chains", "idle_mode", "phase_sync")}
    settings = [(label, {"power_chains": c, "idle_mode": i}) for label, c, i in POWER_VARIANTS]
    settings.append(("as run, unsynchronised HAPS", {"phase_sync": "unsynchronised"}))
    other = "isotropic-peak" if params["haps_pattern"] == "tr38901" else "tr38901"
    settings.append((f"as run, {other} pattern", {"haps_pattern": other}))
    settings.append(("first version (isotropic-peak, per payload, idle on)",
                     {"haps_pattern": "isotropic-peak", "power_chains": "per-payload",
                      "idle_mode": "on", "phase_sync": "synchronised"}))  # fmt: skip
    for label, change in settings:
        setting = {**base, **change}
        rows.append({"variant": label, **setting, "n_haps": n,
                     "ratio": _ee_ratio(params, n, **setting)})  # fmt: skip
    return pd.DataFrame(rows)
