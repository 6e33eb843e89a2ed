"""Energy efficiency of cellular and cell-free HAPS networks over random drops.

The model is that of :mod:`sagin_lib.platforms.cell_free` (its access link,
associations, beamforming SINR and power model); this module places users and
HAPS at random, drop by drop, and computes both architectures' rates, power and
energy efficiency. The computation comes in three stages, so that a sweep over
the model's inputs redoes only the stage an input enters:

1. the link gains of every (HAPS, user) pair (:func:`drop_link_gains`);
2. the rates and backhaul traffic (:func:`rates_from_link_gains`,
   :func:`drop_rates`), which the fields of :data:`SINR_FIELDS` also enter;
3. the power and the energy efficiency (:func:`drop_energy_efficiency`), which
   the fields of :data:`POWER_FIELDS` also enter.

:func:`energy_efficiency_drops` runs the three on the same drops.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

from sagin_lib._checks import check_count, check_interval
from sagin_lib._random import RngLike, as_generator
from sagin_lib.model._docs import fill_doc
from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.platforms.cap_geometry import cap_directions, central_angle_rad
from sagin_lib.platforms.cell_free import (
    _BLOCK,
    ARCHITECTURES,
    NetworkParams,
    _check_beta,
    beamforming_sinr,
    cell_free_association,
    cellular_association,
    link_gain,
    power_consumption_w,
)

__all__ = [
    "POWER_FIELDS",
    "SINR_FIELDS",
    "drop_energy_efficiency",
    "drop_link_gains",
    "drop_rates",
    "energy_efficiency_drops",
    "rates_from_link_gains",
]

#: Fields of :class:`NetworkParams` that enter only the power drawn, not the rates
#: (:func:`drop_rates` ignores them; :func:`drop_energy_efficiency` applies them).
POWER_FIELDS: tuple[str, ...] = ("static_power_w", "load_factor", "sleep_power_w",
                                 "power_per_chain", "idle_mode", "backhaul_energy_j_per_bit")  # fmt: skip
#: Fields of :class:`NetworkParams` that set the SINR and the rates but not the
#: link gains (:func:`drop_link_gains` ignores them; :func:`rates_from_link_gains` applies them).
SINR_FIELDS: tuple[str, ...] = ("bandwidth_hz", "noise_figure_db", "temperature_k",
                                "haps_tx_power_dbw", "haps_antennas", "phase_synchronised")  # fmt: skip


def _drop_angles(
    n_haps: int, n_users: int, n_drops: int, region_radius_km: float, rng: RngLike
) -> Iterator[np.ndarray]:
    """Central angles (drops, haps, users) of random drops, block by block of drops.

    The arguments are checked and every position is drawn at once; the
    (HAPS, user) pairs are then handled in blocks of drops as the iterator
    advances, so the result does not depend on the block size.
    """
    nh, nu, nd = (check_count(n, v) for n, v in
                  (("n_haps", n_haps), ("n_users", n_users), ("n_drops", n_drops)))  # fmt: skip
    for name, value in (("n_haps", nh), ("n_users", nu), ("n_drops", nd)):
        if value < 1:
            raise ValueError(f"{name} must be at least 1; got {value!r}")
    radius = float(
        check_interval(
            "region_radius_km", region_radius_km, 0.0, math.pi * EARTH_RADIUS_KM, low_closed=False
        )
    )
    gen = as_generator(rng)
    cap = radius / EARTH_RADIUS_KM
    all_haps = cap_directions((nd, nh), cap, rng=gen)
    all_users = cap_directions((nd, nu), cap, rng=gen)
    block = max(1, _BLOCK // (nh * nu))
    return (
        central_angle_rad(
            all_haps[start : start + block, :, None, :], all_users[start : start + block, None]
        )
        for start in range(0, nd, block)
    )


#: The Parameters section shared by the functions of random drops.
_DROPS_PARAMETERS = """
Parameters
----------
params : NetworkParams
    The model.
n_haps, n_users, n_drops : int
    HAPS and users per drop (>= 1), number of drops (>= 1).
region_radius_km : float
    Ground radius of the deployment, km, in ``(0, pi R_e]``.
rng : int, SeedSequence, Generator or None, optional
    Randomness; the same int, and the same three counts, give the same drops
    in every one of :func:`drop_link_gains`, :func:`drop_rates` and
    :func:`energy_efficiency_drops`.
"""


@fill_doc(drops_parameters=_DROPS_PARAMETERS)
def drop_link_gains(
    params: NetworkParams,
    n_haps: int,
    n_users: int,
    n_drops: int,
    region_radius_km: float,
    *,
    rng: RngLike = None,
) -> np.ndarray:
    """Link gains of random placements (drops): the drops of :func:`drop_rates`.

    Each drop places ``n_users`` ground users and ``n_haps`` HAPS uniformly by
    area on caps of ground radius ``region_radius_km`` around the same point
    (the HAPS at their altitude); ``beta`` of every (HAPS, user) pair is
    :func:`link_gain`. Only the fields of ``params`` that :func:`link_gain`
    reads enter (not those of :data:`SINR_FIELDS` nor :data:`POWER_FIELDS`).

    {drops_parameters}

    Returns
    -------
    numpy.ndarray
        ``beta``, shape ``(n_drops, n_haps, n_users)``: the whole array at
        once (:func:`drop_rates` holds one block of drops at a time).
    """
    angles = _drop_angles(n_haps, n_users, n_drops, region_radius_km, rng)
    return np.concatenate([link_gain(params, angle) for angle in angles])


def rates_from_link_gains(params: NetworkParams, beta: Any) -> dict[str, dict[str, np.ndarray]]:
    """Rates and backhaul traffic of both architectures from the link gains of drops.

    Every user's SINR under both associations (:func:`beamforming_sinr`) and
    its rate ``B log2(1 + SINR)``; each drop on its own.

    Parameters
    ----------
    params : NetworkParams
        The model (its link gains are ``beta``).
    beta : array_like
        Large-scale gains, shape ``(drops, haps, users)``, >= 0
        (:func:`drop_link_gains`).

    Returns
    -------
    dict
        As :func:`drop_rates`.

    Raises
    ------
    ValueError
        If ``beta`` does not have three axes or holds a negative value.
    """
    b = _check_beta(beta)
    if b.ndim != 3:
        raise ValueError(f"beta must have three axes (drops, haps, users); got shape {b.shape}")
    out = {}
    for arch, assoc in (
        ("cellular", cellular_association(b)),
        ("cell-free", cell_free_association(b)),
    ):
        coherent = arch == "cellular" or params.phase_synchronised
        sinr = beamforming_sinr(b, assoc, params.rho, params.haps_antennas, coherent=coherent)
        rate = params.bandwidth_hz * np.log2(1.0 + sinr)  # (drops, users)
        out[arch] = {
            "rate_bps": rate,
            "backhaul_bits_per_s": (assoc * rate[:, None, :]).sum(axis=-1),
            "active": (assoc * b).sum(axis=-1) > 0.0,
        }
    return out


@fill_doc(drops_parameters=_DROPS_PARAMETERS)
def drop_rates(
    params: NetworkParams,
    n_haps: int,
    n_users: int,
    n_drops: int,
    region_radius_km: float,
    *,
    rng: RngLike = None,
) -> dict[str, dict[str, np.ndarray]]:
    """Rates and backhaul traffic of both architectures over random placements (drops).

    The radio half of :func:`energy_efficiency_drops`, the same drops from the
    same ``rng``: :func:`rates_from_link_gains` of :func:`drop_link_gains`,
    a block of drops at a time. The power model (the fields of
    :data:`POWER_FIELDS`) does not enter: one result serves every power
    model (:func:`drop_energy_efficiency`).

    {drops_parameters}

    Returns
    -------
    dict
        For each architecture of :data:`ARCHITECTURES` a dict of arrays:
        ``rate_bps`` (drops, users), the rate of every user, bit/s;
        ``backhaul_bits_per_s`` (drops, haps), the traffic each HAPS forwards;
        ``active`` (drops, haps), whether it serves at least one user.
    """
    angles = _drop_angles(n_haps, n_users, n_drops, region_radius_km, rng)
    parts = [rates_from_link_gains(params, link_gain(params, angle)) for angle in angles]
    return {
        arch: {k: np.concatenate([p[arch][k] for p in parts]) for k in parts[0][arch]}
        for arch in ARCHITECTURES
    }


def drop_energy_efficiency(
    params: NetworkParams, rates: dict[str, dict[str, np.ndarray]]
) -> dict[str, dict[str, np.ndarray]]:
    """Power and energy efficiency of every drop, both architectures, from the drops' rates.

    The power half of :func:`energy_efficiency_drops`: the power of every
    HAPS (:func:`power_consumption_w`, backhaul traffic included) summed over
    the drop, and the sum rate over it. The rates come from
    :func:`drop_rates` under the radio fields of ``params``; any power model
    (:data:`POWER_FIELDS`) can then be applied to them.

    Parameters
    ----------
    params : NetworkParams
        The model.
    rates : dict
        The output of :func:`drop_rates`: for each architecture ``rate_bps``
        (drops, users), ``backhaul_bits_per_s`` and ``active`` (drops, haps).

    Returns
    -------
    dict
        For each architecture of :data:`ARCHITECTURES` a dict of arrays over
        the drops, in the order of the columns of :func:`energy_efficiency_drops`:
        ``sum_rate_bps``, ``power_w``, ``backhaul_bits_per_s``, ``active_haps``,
        ``min_user_rate_bps``, ``energy_efficiency_bit_per_j``.

    Raises
    ------
    ValueError
        If ``rates`` lacks an architecture or an array, or their shapes disagree.
    """
    out = {}
    for arch in ARCHITECTURES:
        try:
            rate = np.asarray(rates[arch]["rate_bps"], dtype=float)
            traffic = np.asarray(rates[arch]["backhaul_bits_per_s"], dtype=float)
            active = np.asarray(rates[arch]["active"], dtype=bool)
        except (KeyError, TypeError) as exc:
            raise ValueError(
                f"rates must map each of {', '.join(ARCHITECTURES)} to rate_bps, "
                "backhaul_bits_per_s and active (the output of drop_rates)"
            ) from exc
        if rate.ndim != 2 or traffic.ndim != 2 or active.shape != traffic.shape:
            raise ValueError(
                "rates must hold rate_bps of shape (drops, users) and backhaul_bits_per_s and "
                f"active of shape (drops, haps); got {rate.shape}, {traffic.shape}, {active.shape}"
            )
        if rate.shape[0] != traffic.shape[0]:
            raise ValueError(
                f"rates must hold as many drops in rate_bps as in backhaul_bits_per_s; "
                f"got {rate.shape[0]} and {traffic.shape[0]}"
            )
        sum_rate = rate.sum(axis=-1)
        power = power_consumption_w(params, active, traffic).sum(axis=-1)
        with np.errstate(divide="ignore", invalid="ignore"):
            efficiency = sum_rate / power
        out[arch] = {
            "sum_rate_bps": sum_rate,
            "power_w": power,
            "backhaul_bits_per_s": traffic.sum(axis=-1),
            "active_haps": active.sum(axis=-1),
            "min_user_rate_bps": rate.min(axis=-1),
            "energy_efficiency_bit_per_j": efficiency,
        }
    return out


@fill_doc(drops_parameters=_DROPS_PARAMETERS)
def energy_efficiency_drops(
    params: NetworkParams,
    n_haps: int,
    n_users: int,
    n_drops: int,
    region_radius_km: float,
    *,
    rng: RngLike = None,
) -> pd.DataFrame:
    """Energy efficiency of both architectures over random placements (drops).

    Each drop places ``n_users`` ground users and ``n_haps`` HAPS uniformly by
    area on caps of ground radius ``region_radius_km`` around the same point
    (the HAPS at their altitude), computes every user's SINR under both
    associations (:func:`beamforming_sinr`), the rates ``B log2(1 + SINR)``
    (:func:`drop_rates`), the power (:func:`power_consumption_w`, backhaul
    traffic included) and their ratio (:func:`drop_energy_efficiency`).

    {drops_parameters}

    Returns
    -------
    pandas.DataFrame
        One row per drop and architecture: ``architecture``, ``n_haps``,
        ``n_users``, ``drop``, ``sum_rate_bps``, ``power_w``,
        ``backhaul_bits_per_s``, ``active_haps``, ``min_user_rate_bps``,
        ``energy_efficiency_bit_per_j``.
    """
    rates = drop_rates(params, n_haps, n_users, n_drops, region_radius_km, rng=rng)
    frames = []
    for arch, columns in drop_energy_efficiency(params, rates).items():
        (nd, nh), nu = rates[arch]["backhaul_bits_per_s"].shape, rates[arch]["rate_bps"].shape[1]
        head = {"architecture": arch, "n_haps": nh, "n_users": nu, "drop": np.arange(nd)}
        frames.append(pd.DataFrame({**head, **columns}))
    return pd.concat(frames, ignore_index=True)


# ----------------------------------------------------------------- end-to-end coverage
