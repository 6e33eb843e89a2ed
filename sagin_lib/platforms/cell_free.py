"""Cellular against cell-free HAPS networks: energy efficiency and end-to-end coverage.

A model in the spirit of Fig. 8(b) and Fig. 9 of the near-space survey (after
Lou, Belmekki and Alouini, IEEE Wireless Communications 2023): ground users
are served by high-altitude platform stations (HAPS) acting as access points,
and the HAPS relay the traffic to LEO satellites. Two architectures:

* **cellular**: each user is served by one HAPS, the one it receives most
  strongly (the nearest visible one);
* **cell-free**: each user is served jointly by every HAPS it sees, which
  transmit coherently (conjugate beamforming, phase-synchronised HAPS).

Their parameter values are not in our sources; every number below is a stated
choice (the book's networks chapter tabulates them with their sources).

Access link
-----------
HAPS ``n`` carries ``M`` antennas of element gain ``G_e`` and radiates at most
``P`` in total; the users have gain ``G_u`` and noise ``N_0 = k T B F``. The
link is line of sight at free-space loss (ITU-R P.525), so the large-scale
gain is ``beta_nk = G_e(eta_nk) G_u / L_fs(d_nk)`` when user ``k`` sees HAPS
``n`` at or above the minimum elevation, and 0 otherwise. The array faces
nadir and ``G_e(eta)`` is the gain of one element at the angle ``eta`` off
nadir under which the HAPS sees the user: the 3GPP TR 38.901 element pattern
``G_e - min{12 (eta / 65 deg)^2, 30 dB}`` by default
(:func:`sagin_lib.platforms.antenna.pattern_loss_db`), or the peak gain in
every direction (``haps_pattern="isotropic-peak"``, the regime of the study's
first version). With ``A_nk`` = 1 when HAPS
``n`` serves user ``k``, ``S_n = sum_k A_nk beta_nk`` and the power of HAPS
``n`` shared as ``eta_nk = A_nk / (M S_n)`` (full power on every HAPS that
serves someone), conjugate beamforming gives the
signal-to-interference-plus-noise ratio

    SINR_k = rho M (sum_n A_nk beta_nk / sqrt(S_n))^2
             / (rho sum_n beta_nk (1[S_n > 0] - A_nk beta_nk / S_n) + 1),

``rho = P / N_0``, where the interference power is averaged over uniformly
random carrier phases (the array responses of two users are taken as
uncorrelated, ``E|a_k^H a_j|^2 = M``; valid for users farther apart than the
array's beam). Cellular and cell-free differ only in ``A``
(:func:`cellular_association`, :func:`cell_free_association`). With one user
the cell-free SNR is ``rho M (sum_n sqrt(beta_n))^2``, the coherent sum.

Power model
-----------
The static + load-dependent model of Auer et al. (EARTH) is stated per
transceiver chain: a chain radiating ``P_out > 0`` draws ``P_0 + Delta_p P_out``
and an idle one ``P_sleep`` in its sleep mode. A HAPS of ``M`` chains that
transmits draws ``M P_0 + Delta_p P`` (``P`` its total radiated power) and,
when it serves nobody, ``M P_sleep`` (``idle_mode="sleep"``), ``M P_0``
(``"on"``) or nothing (``"off"``, the platform's payload switched off);
``power_per_chain=False`` charges ``P_0`` once per HAPS (the regime of the
study's first version). Each HAPS also spends ``e_bh`` joules per bit it
forwards over its backhaul. In the
cell-free network every serving HAPS forwards the data of each user it serves
(Ngo et al. 2018), so its backhaul carries more bits than the cellular one.
Energy efficiency is the sum rate over the total power, bit/J.

End-to-end coverage
-------------------
The typical ground user sits at the north pole; ``N_h`` HAPS form a binomial
point process (BPP) on a cap of the HAPS sphere around it, and ``N_s`` LEO
satellites a BPP on the whole LEO sphere (an isotropic stand-in for a
constellation). A user is covered when the access SNR (one scheduled user)
meets its threshold **and** a HAPS that serves it has a backhaul link: a
satellite seen from that HAPS above the backhaul minimum elevation with the
backhaul SNR above its threshold. Cell-free HAPS share the user's data over
inter-HAPS links, so any serving HAPS with a satellite link will do.

Closed forms (:func:`coverage_analysis`), with ``q(theta)`` the share of a BPP
region within central angle ``theta`` of a point:

* P(a HAPS is visible) = ``1 - (1 - q_h(theta_vis))^N_h``;
* cellular, exactly: ``[1 - (1 - q_h(theta_acc))^N_h] [1 - (1 - q_s(psi_bh))^N_s]``
  (the satellites are isotropic and independent of the HAPS, so the serving
  HAPS has a backhaul link with the same probability wherever it is);
* cell-free: between the cellular value (a lower bound: the coherent SNR is
  at least the strongest single one, and the nearest HAPS is one of the
  serving ones) and ``P(visible) [1 - (1 - q_s(theta_vis + psi_bh))^N_s]``
  (an upper bound: the backhauling satellite lies within ``theta_vis + psi_bh``
  of the user, by the triangle inequality on central angles).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import pandas as pd
from scipy import optimize

from sagin_lib._checks import (
    check_choice,
    check_count,
    check_fields,
    check_flag,
    check_interval,
    check_nonnegative,
    check_positive,
)
from sagin_lib._random import RngLike, as_generator
from sagin_lib.model.constants import (
    DEFAULT_MIN_ELEVATION_RAD,
    EARTH_RADIUS_KM,
    HAP_ALT_KM,
    LEO_ALT_KM,
)
from sagin_lib.model.coverage import downlink_vertex_angle_rad, elevation_angle_rad, slant_range_km
from sagin_lib.model.links import (
    BOLTZMANN_J_K,
    REFERENCE_TEMPERATURE_K,
    free_space_path_loss_db,
    thermal_noise_power_dbw,
)
from sagin_lib.platforms import _sweep_grid
from sagin_lib.platforms._sweep_grid import check_point, count_grid
from sagin_lib.platforms.antenna import PATTERNS, pattern_loss_db

# The geometry of points on caps has its own module; its public names stay
# importable from here as before.
from sagin_lib.platforms.cap_geometry import _cap_angles, _directions
from sagin_lib.platforms.cap_geometry import cap_directions as cap_directions
from sagin_lib.platforms.cap_geometry import central_angle_rad as central_angle_rad
from sagin_lib.platforms.cap_geometry import haps_off_nadir_rad as haps_off_nadir_rad

__all__ = [
    "ARCHITECTURES",
    "IDLE_MODES",
    "SAMPLING_MODES",
    "NetworkParams",
    "access_snr",
    "beamforming_sinr",
    "cell_free_association",
    "cellular_association",
    "coverage_analysis",
    "coverage_sweep",
    "link_gain",
    "power_consumption_w",
    "simulate_coverage",
]

ARCHITECTURES: tuple[str, ...] = ("cellular", "cell-free")
#: Ways of drawing the HAPS and the satellites (see :func:`simulate_coverage`).
SAMPLING_MODES: tuple[str, ...] = _sweep_grid.SAMPLING_MODES
#: What an idle HAPS payload (one that serves nobody) draws: see :class:`NetworkParams`.
IDLE_MODES: tuple[str, ...] = ("sleep", "on", "off")
# Largest number of (HAPS, user) or (user, HAPS, satellite) pairs handled at once.
_BLOCK = 1_000_000


def _db(x_db: float) -> float:
    return 10.0 ** (x_db / 10.0)


@dataclass(frozen=True)
class NetworkParams:
    """Every assumption of the HAPS network model (validated on creation).

    Attributes
    ----------
    freq_hz, bandwidth_hz : float
        Access carrier and bandwidth, Hz, > 0. Defaults 2 GHz (S band) and 20 MHz.
    noise_figure_db, ue_gain_dbi : float
        User receiver noise figure (dB, >= 0) and antenna gain (dBi). Defaults
        7 dB and 0 dBi (3GPP handheld).
    temperature_k : float
        Noise reference temperature, K, > 0. Default 290 K.
    haps_tx_power_dbw : float
        Largest total transmit power of one HAPS, dBW. Default 13 dBW (20 W).
    haps_element_gain_dbi : float
        Gain of one HAPS antenna element, dBi. Default 8 dBi.
    haps_antennas : int
        Antennas per HAPS, >= 1. Default 16.
    haps_alt_km : float
        HAPS altitude, km, > 0. Default 20 km.
    min_elevation_rad : float
        Minimum elevation at which a user is served by a HAPS, rad, in [0, pi/2).
    access_snr_threshold_db : float
        Access SNR needed for coverage, dB. Default 5 dB.
    haps_pattern : {"tr38901", "isotropic-peak"}
        Element pattern of the nadir-facing HAPS array. Default "tr38901".
    phase_synchronised : bool
        Whether the cell-free HAPS transmit coherently (default). When false,
        each HAPS still beamforms with its own array but their signals add in
        power, not in amplitude (no common phase reference across swaying
        platforms).
    sat_alt_km : float
        LEO altitude, km, > ``haps_alt_km``. Default 600 km.
    backhaul_freq_hz, backhaul_bandwidth_hz : float
        HAPS-to-LEO carrier and bandwidth, Hz. Defaults 30 GHz (Ka) and 400 MHz.
    backhaul_eirp_dbw : float
        EIRP of a HAPS backhaul terminal, dBW. Default 46.2 dBW.
    sat_g_over_t_db_k : float
        Satellite receive figure of merit, dB/K. Default 13 dB/K.
    backhaul_min_elevation_rad : float
        Minimum elevation of a satellite seen from a HAPS, rad, in [0, pi/2).
    backhaul_snr_threshold_db : float
        Backhaul SNR needed for a link, dB. Default 0 dB.
    static_power_w : float
        Static power of one HAPS payload, W, >= 0. Default 130 W.
    load_factor : float
        Slope of the load-dependent power (W drawn per W radiated), >= 0.
        Default 4.7.
    sleep_power_w : float
        Sleep-mode power of one chain (or of the payload when
        ``power_per_chain`` is false), W, >= 0. Default 75 W (EARTH macro
        base station, Auer et al. 2011, Table 2).
    power_per_chain : bool
        Charge the static power per transceiver chain (one per antenna, as
        EARTH states it; default) rather than once per HAPS.
    idle_mode : {"sleep", "on", "off"}
        What an idle HAPS draws: its chains' sleep power (default), their
        static power, or nothing.
    backhaul_energy_j_per_bit : float
        Energy per bit forwarded over a backhaul, J/bit, >= 0. Default
        2.5e-10 (0.25 W per Gbit/s).
    """

    # The access carrier and the user's receiver.
    freq_hz: float = 2.0e9
    bandwidth_hz: float = 20.0e6
    noise_figure_db: float = 7.0
    temperature_k: float = REFERENCE_TEMPERATURE_K
    ue_gain_dbi: float = 0.0
    # The HAPS payload and where it serves.
    haps_tx_power_dbw: float = 13.0
    haps_element_gain_dbi: float = 8.0
    haps_antennas: int = 16
    haps_alt_km: float = HAP_ALT_KM
    min_elevation_rad: float = DEFAULT_MIN_ELEVATION_RAD
    access_snr_threshold_db: float = 5.0
    haps_pattern: str = "tr38901"
    phase_synchronised: bool = True
    # The backhaul to the LEO satellite.
    sat_alt_km: float = LEO_ALT_KM
    backhaul_freq_hz: float = 30.0e9
    backhaul_bandwidth_hz: float = 400.0e6
    backhaul_eirp_dbw: float = 46.2
    sat_g_over_t_db_k: float = 13.0
    backhaul_min_elevation_rad: float = math.radians(10.0)
    backhaul_snr_threshold_db: float = 0.0
    # The power drawn (EARTH model) and the backhaul's energy per bit.
    static_power_w: float = 130.0
    load_factor: float = 4.7
    sleep_power_w: float = 75.0
    power_per_chain: bool = True
    idle_mode: str = "sleep"
    backhaul_energy_j_per_bit: float = 2.5e-10

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        check_fields(
            self,
            positive=[("freq_hz", " Hz"), ("bandwidth_hz", " Hz"), ("temperature_k", " K"),
                      ("haps_alt_km", " km"), ("sat_alt_km", " km"),
                      ("backhaul_freq_hz", " Hz"), ("backhaul_bandwidth_hz", " Hz")],
            nonnegative=[("noise_figure_db", " dB"), ("static_power_w", " W"),
                         ("load_factor", ""), ("backhaul_energy_j_per_bit", " J/bit"),
                         ("sleep_power_w", " W")],
            finite=["ue_gain_dbi", "haps_tx_power_dbw", "haps_element_gain_dbi",
                    "access_snr_threshold_db", "backhaul_eirp_dbw", "sat_g_over_t_db_k",
                    "backhaul_snr_threshold_db"],
            elevation=["min_elevation_rad", "backhaul_min_elevation_rad"],
        )  # fmt: skip
        check_choice("haps_pattern", self.haps_pattern, PATTERNS)
        check_choice("idle_mode", self.idle_mode, IDLE_MODES)
        set_(self, "power_per_chain", check_flag("power_per_chain", self.power_per_chain))
        set_(self, "phase_synchronised", check_flag("phase_synchronised", self.phase_synchronised))
        antennas = check_count("haps_antennas", self.haps_antennas)
        if antennas < 1:
            raise ValueError(f"haps_antennas must be at least 1; got {self.haps_antennas!r}")
        set_(self, "haps_antennas", antennas)
        if self.sat_alt_km <= self.haps_alt_km:
            raise ValueError(
                f"sat_alt_km must be greater than haps_alt_km ({self.haps_alt_km!r} km); "
                f"got {self.sat_alt_km!r}"
            )

    def replace(self, **changes: Any) -> NetworkParams:
        """A copy with some fields changed (validated again)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        unknown = set(changes) - set(values)
        if unknown:
            raise ValueError(f"unknown parameter(s) {sorted(unknown)}")
        values.update(changes)
        return NetworkParams(**values)

    # ------------------------------------------------------------ derived values

    @property
    def haps_tx_power_w(self) -> float:
        """Largest transmit power of one HAPS, W."""
        return _db(self.haps_tx_power_dbw)

    @property
    def rho(self) -> float:
        """Transmit SNR ``P / N_0`` (linear): the HAPS power over the user's noise."""
        noise = float(
            thermal_noise_power_dbw(self.bandwidth_hz, self.noise_figure_db, self.temperature_k)
        )
        return _db(self.haps_tx_power_dbw - noise)

    @property
    def visible_angle_rad(self) -> float:
        """Central angle within which a ground user sees a HAPS above the minimum elevation."""
        return float(downlink_vertex_angle_rad(0.0, self.haps_alt_km, self.min_elevation_rad))

    @property
    def access_angle_rad(self) -> float:
        """Central angle within which one HAPS alone gives the access SNR threshold.

        The smaller of :attr:`visible_angle_rad` and the angle at which
        ``rho M beta`` meets the threshold; 0 when even a HAPS at nadir falls
        short. ``beta`` falls with the angle (longer path, further off the
        element's boresight), so the crossing is unique; found by Brent's method
        (once per distinct model: the root is kept).
        """
        return _access_angle_rad(self)

    @property
    def backhaul_snr_at_1km(self) -> float:
        """Backhaul SNR (linear) at 1 km: ``EIRP + G/T - L_fs(1 km) - k - B``."""
        snr_db = (
            self.backhaul_eirp_dbw
            + self.sat_g_over_t_db_k
            - float(free_space_path_loss_db(1.0, self.backhaul_freq_hz))
            - 10.0 * math.log10(BOLTZMANN_J_K * self.backhaul_bandwidth_hz)
        )
        return _db(snr_db)

    @property
    def backhaul_angle_rad(self) -> float:
        """Central angle within which a HAPS has a backhaul link to a satellite.

        The smaller of the HAPS's visibility angle to the LEO sphere at the
        backhaul minimum elevation and the angle at which the backhaul SNR
        meets its threshold; 0 when no satellite can be reached.
        """
        visible = float(
            downlink_vertex_angle_rad(
                self.haps_alt_km, self.sat_alt_km, self.backhaul_min_elevation_rad
            )
        )
        d_km = math.sqrt(self.backhaul_snr_at_1km / _db(self.backhaul_snr_threshold_db))
        return min(visible, _angle_at_distance(self.haps_alt_km, self.sat_alt_km, d_km))


@functools.lru_cache(maxsize=256)
def _access_angle_rad(params: NetworkParams) -> float:
    """:attr:`NetworkParams.access_angle_rad`, computed once per distinct model."""
    need = _db(params.access_snr_threshold_db) / (params.rho * params.haps_antennas)
    vis = params.visible_angle_rad

    def excess_db(angle: float) -> float:
        return 10.0 * math.log10(max(float(_beta(params, np.asarray(angle))), 1e-300) / need)

    if excess_db(0.0) < 0.0:
        return 0.0
    if excess_db(vis) >= 0.0:
        return vis
    return float(optimize.brentq(excess_db, 0.0, vis, xtol=1e-15, rtol=1e-14))


def _beta(params: NetworkParams, psi: np.ndarray) -> np.ndarray:
    """``G_e(eta) G_u / L_fs(d)`` at central angles ``psi`` (checked), visibility not applied."""
    d = np.asarray(slant_range_km(0.0, params.haps_alt_km, psi))
    loss = pattern_loss_db(haps_off_nadir_rad(params.haps_alt_km, psi), params.haps_pattern)
    gain = _db(params.haps_element_gain_dbi + params.ue_gain_dbi) * 10.0 ** (-loss / 10.0)
    return gain / (_fspl_linear_per_km2(params.freq_hz) * d * d)


def _fspl_linear_per_km2(freq_hz: float) -> float:
    """Free-space loss at 1 km (linear); the loss at ``d`` km is this times ``d^2``."""
    return _db(float(free_space_path_loss_db(1.0, freq_hz)))


def _angle_at_distance(alt_a_km: float, alt_b_km: float, distance_km: float) -> float:
    """Central angle at which two spheres' points are ``distance_km`` apart (0 if closer)."""
    # The inverse of model.coverage.slant_range_km; haps_coverage has the same
    # formula in NumPy. Kept here in Python floats: math.asin and numpy.arcsin
    # differ in the last bit for many arguments, which would move the backhaul
    # angle and every coverage number that depends on it.
    r_a, r_b = EARTH_RADIUS_KM + alt_a_km, EARTH_RADIUS_KM + alt_b_km
    gap = alt_b_km - alt_a_km
    if distance_km <= gap:
        return 0.0
    s2 = (distance_km - gap) * (distance_km + gap) / (4.0 * r_a * r_b)
    return 2.0 * math.asin(math.sqrt(min(s2, 1.0)))


def link_gain(params: NetworkParams, central_angle: Any) -> np.ndarray:
    """Large-scale gain ``beta`` of the access link (linear), 0 below the minimum elevation.

    ``G_e(eta) G_u / L_fs(d)`` with ``d`` the slant range from a ground user to
    a HAPS at central angle ``central_angle`` (rad) from it and ``G_e(eta)``
    the element gain of the nadir-facing array at the off-nadir angle ``eta``
    (:func:`haps_off_nadir_rad`) under ``params.haps_pattern``.

    Parameters
    ----------
    params : NetworkParams
        The model.
    central_angle : array_like
        Central angles between users and HAPS, rad, in ``[0, pi]``.

    Returns
    -------
    numpy.ndarray
        ``beta`` for every angle.
    """
    psi = check_interval("central_angle", central_angle, 0.0, math.pi)
    return np.where(psi <= params.visible_angle_rad, _beta(params, psi), 0.0)


# ----------------------------------------------------------------- association and SINR


def _check_beta(beta: Any) -> np.ndarray:
    b = np.asarray(beta, dtype=float)
    if b.ndim < 2:
        raise ValueError("beta must have at least two axes (..., haps, users)")
    check_nonnegative("beta", b)
    return b


def cellular_association(beta: Any) -> np.ndarray:
    """Each user served by its strongest HAPS (``beta`` of shape ``(..., haps, users)``).

    Returns a 0/1 float mask of the same shape; a user who sees no HAPS
    (``beta`` all 0) is served by none.
    """
    b = _check_beta(beta)
    best = np.argmax(b, axis=-2)
    mask = np.zeros_like(b)
    np.put_along_axis(mask, best[..., None, :], 1.0, axis=-2)
    return np.where(b > 0.0, mask, 0.0)


def cell_free_association(beta: Any) -> np.ndarray:
    """Each user served by every HAPS it sees: the mask ``beta > 0`` as 0/1 floats."""
    b = _check_beta(beta)
    return (b > 0.0).astype(float)


def beamforming_sinr(
    beta: Any, association: Any, rho: float, n_antennas: int, *, coherent: bool = True
) -> np.ndarray:
    """SINR of every user under conjugate beamforming, for any association.

    Parameters
    ----------
    beta : array_like
        Large-scale gains, shape ``(..., haps, users)``, >= 0.
    association : array_like
        0/1 mask ``A`` of the same shape (1: the HAPS serves the user).
    rho : float
        Transmit SNR ``P / N_0`` of one HAPS, linear, > 0.
    n_antennas : int
        Antennas per HAPS, >= 1.
    coherent : bool, optional
        The serving HAPS' signals add in amplitude (phase-synchronised,
        default) or in power, ``rho M sum_n A_nk beta_nk^2 / S_n``.

    Returns
    -------
    numpy.ndarray
        SINR, shape ``(..., users)`` (0 for a user served by no HAPS).
    """
    b = _check_beta(beta)
    a = np.asarray(association, dtype=float)
    if a.shape != b.shape:
        raise ValueError("association must have the shape of beta")
    r = float(check_positive("rho", rho))
    m = check_count("n_antennas", n_antennas)
    if m < 1:
        raise ValueError(f"n_antennas must be at least 1; got {n_antennas!r}")
    served = a * b
    load = served.sum(axis=-1, keepdims=True)  # S_n
    active = load > 0.0
    safe = np.where(active, load, 1.0)
    per_haps = served / np.sqrt(safe)
    if coherent:
        signal = r * m * per_haps.sum(axis=-2) ** 2
    else:
        signal = r * m * (per_haps**2).sum(axis=-2)
    interference = r * (b * (active - served / safe)).sum(axis=-2)
    # Rounding can leave a tiny negative where a HAPS serves only this user.
    return signal / (np.maximum(interference, 0.0) + 1.0)


def access_snr(params: NetworkParams, beta: Any, architecture: str) -> np.ndarray:
    """Access SNR of one scheduled user (``beta`` of shape ``(..., haps)``).

    Cellular: ``rho M max_n beta_n``; cell-free: ``rho M (sum_n sqrt(beta_n))^2``,
    or ``rho M sum_n beta_n`` when ``params.phase_synchronised`` is false.
    """
    b = np.asarray(beta, dtype=float)
    check_nonnegative("beta", b)
    scale = params.rho * params.haps_antennas
    if architecture == "cellular":
        return scale * (b.max(axis=-1) if b.shape[-1] else np.zeros(b.shape[:-1]))
    if architecture == "cell-free":
        if params.phase_synchronised:
            return scale * np.sqrt(b).sum(axis=-1) ** 2
        return scale * b.sum(axis=-1)
    raise ValueError(
        f"architecture must be one of {', '.join(ARCHITECTURES)}; got {architecture!r}"
    )


def power_consumption_w(
    params: NetworkParams, active: Any, backhaul_bits_per_s: Any = 0.0
) -> np.ndarray:
    """Power drawn by HAPS payloads, W.

    A transmitting HAPS draws ``C P_0 + Delta_p P``, an idle one ``C P_sleep``,
    ``C P_0`` or 0 (``params.idle_mode``), with ``C`` = ``M`` chains when
    ``params.power_per_chain`` (else 1); every HAPS adds ``e_bh`` times the
    traffic it forwards.

    Parameters
    ----------
    params : NetworkParams
        The power model.
    active : array_like of bool
        Whether each HAPS transmits (serves at least one user).
    backhaul_bits_per_s : array_like, optional
        Traffic each HAPS forwards over its backhaul, bit/s, >= 0.

    Returns
    -------
    numpy.ndarray
        Power per HAPS, W, broadcast over the inputs.
    """
    on = np.asarray(active, dtype=bool)
    traffic = check_nonnegative("backhaul_bits_per_s", backhaul_bits_per_s)
    chains = params.haps_antennas if params.power_per_chain else 1
    busy = chains * params.static_power_w + params.load_factor * params.haps_tx_power_w
    idle = {"on": chains * params.static_power_w, "sleep": chains * params.sleep_power_w,
            "off": 0.0}[params.idle_mode]  # fmt: skip
    return np.where(on, busy, idle) + params.backhaul_energy_j_per_bit * traffic


def _share(angle_rad: float, region_rad: float) -> float:
    """Share of a BPP region of angular radius ``region_rad`` within ``angle_rad`` of its centre."""
    a = min(angle_rad, region_rad)
    return math.sin(0.5 * a) ** 2 / math.sin(0.5 * region_rad) ** 2


def _none(q: float, n: np.ndarray) -> np.ndarray:
    """``(1 - q)^n`` for a BPP of ``n`` points, exact at ``q = 1`` and ``n = 0``."""
    if q >= 1.0:
        return np.where(n == 0, 1.0, 0.0)
    return np.exp(n * math.log1p(-q))


def _check_region(region_radius_km: Any) -> float:
    return float(
        check_interval(
            "region_radius_km", region_radius_km, 0.0, math.pi * EARTH_RADIUS_KM, low_closed=False
        )
    )


def _check_counts(name: str, values: Any) -> np.ndarray:
    arr = np.asarray(values)
    if not np.issubdtype(arr.dtype, np.integer) or (arr < 0).any():
        raise ValueError(f"{name} must be a non-negative integer or an array of them")
    return arr.astype(np.int64)


def coverage_analysis(
    params: NetworkParams, n_haps: Any, n_sats: Any, region_radius_km: float
) -> dict[str, np.ndarray]:
    """Closed forms of the end-to-end coverage model, broadcast over the counts.

    Parameters
    ----------
    params : NetworkParams
        The model.
    n_haps, n_sats : int or array of int
        Numbers of HAPS (on the cap of ground radius ``region_radius_km``) and
        of LEO satellites (on the whole sphere), >= 0.
    region_radius_km : float
        Ground radius of the HAPS deployment, km, in ``(0, pi R_e]``.

    Returns
    -------
    dict of numpy.ndarray
        ``p_haps_visible``, ``p_backhaul`` (a given HAPS has a satellite link),
        ``cellular`` (exact end-to-end coverage), ``cell_free_lower`` and
        ``cell_free_upper`` (bounds on the cell-free coverage).
    """
    nh = _check_counts("n_haps", n_haps)
    ns = _check_counts("n_sats", n_sats)
    region = _check_region(region_radius_km) / EARTH_RADIUS_KM
    vis, acc, bh = params.visible_angle_rad, params.access_angle_rad, params.backhaul_angle_rad
    p_vis = 1.0 - _none(_share(vis, region), nh)
    p_acc = 1.0 - _none(_share(acc, region), nh)
    p_bh = 1.0 - _none(_share(bh, math.pi), ns) if bh > 0.0 else np.zeros(ns.shape)
    p_bh_union = 1.0 - _none(_share(vis + bh, math.pi), ns) if bh > 0.0 else np.zeros(ns.shape)
    cellular = p_acc * p_bh
    return {
        "p_haps_visible": np.asarray(p_vis + 0.0 * ns),
        "p_backhaul": np.asarray(p_bh + 0.0 * nh),
        "cellular": np.asarray(cellular),
        "cell_free_lower": np.asarray(cellular),
        "cell_free_upper": np.asarray(p_vis * p_bh_union),
    }


def _kept_directions(theta: np.ndarray, azimuth: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Directions of the kept points of each row, first, NaN-padded to the largest count."""
    counts = keep.sum(axis=-1)
    width = int(counts.max()) if keep.size else 0
    # The kept points of each row in their order (nonzero runs row by row), then
    # their slot in the row: their rank among the row's kept points.
    rows, cols = np.nonzero(keep)
    slot = np.arange(rows.size) - np.repeat(np.cumsum(counts) - counts, counts)
    kept_theta = np.full((keep.shape[0], width), np.nan)
    kept_azimuth = np.zeros((keep.shape[0], width))
    kept_theta[rows, slot] = theta[rows, cols]
    kept_azimuth[rows, slot] = azimuth[rows, cols]
    return _directions(kept_theta, kept_azimuth)


def _visible_haps(
    gen: np.random.Generator, params: NetworkParams, n: int, n_users: int, region: float, mode: str
) -> np.ndarray:
    """Directions of each user's visible HAPS, ``(users, width, 3)``, NaN-padded."""
    vis = params.visible_angle_rad
    if n == 0:
        return np.full((n_users, 0, 3), np.nan)
    if mode == "visible_cap":
        # Exact thinning of the BPP: the count in the visible cap is binomial and,
        # given it, the points are uniform by area on the cap.
        q = _share(vis, region)
        k = gen.binomial(n, min(q, 1.0), size=n_users)
        width = int(k.max())
        pts = cap_directions((n_users, width), min(vis, region), rng=gen)
        pts[np.arange(width)[None, :] >= k[:, None]] = np.nan
        return pts
    # Every HAPS of the BPP is placed; the visible ones are those seen at or
    # above the minimum elevation (the polar angle is the central angle to the user).
    theta, azimuth = _cap_angles(gen, (n_users, n), region)
    elev = np.asarray(elevation_angle_rad(0.0, params.haps_alt_km, np.maximum(theta, 1e-300)))
    return _kept_directions(theta, azimuth, elev >= params.min_elevation_rad)


def _satellites(
    gen: np.random.Generator, params: NetworkParams, n: int, n_users: int, mode: str
) -> np.ndarray:
    """Directions of the satellites that can matter, ``(users, width, 3)``, NaN-padded."""
    if n == 0 or params.backhaul_angle_rad <= 0.0:
        return np.full((n_users, 0, 3), np.nan)
    if mode == "visible_cap":
        reach = min(params.visible_angle_rad + params.backhaul_angle_rad, math.pi)
        k = gen.binomial(n, min(_share(reach, math.pi), 1.0), size=n_users)
        width = int(k.max())
        pts = cap_directions((n_users, width), reach, rng=gen)
        pts[np.arange(width)[None, :] >= k[:, None]] = np.nan
        return pts
    # Every satellite is placed; one farther than theta_vis + psi_bh from the user
    # backhauls no visible HAPS (triangle inequality), so it is dropped before
    # the pairwise angles.
    theta, azimuth = _cap_angles(gen, (n_users, n), math.pi)
    reach = params.visible_angle_rad + params.backhaul_angle_rad
    return _kept_directions(theta, azimuth, theta <= reach)


def _backhaul(
    params: NetworkParams, haps: np.ndarray, sats: np.ndarray, seen: np.ndarray
) -> np.ndarray:
    """Whether each visible HAPS has a satellite within the backhaul angle, ``(users, width)``.

    A satellite within ``psi_bh - theta_vis`` of the user is within ``psi_bh``
    of every visible HAPS (triangle inequality), which settles most users
    without the pairwise angles; the others are done in blocks of users.
    """
    has_bh = np.zeros(seen.shape, dtype=bool)
    if not sats.shape[1] or not haps.shape[1]:
        return has_bh
    pole = np.array([0.0, 0.0, 1.0])
    present = ~np.isnan(sats[..., 0])
    to_user = np.where(present, central_angle_rad(np.nan_to_num(sats), pole), np.inf)
    sure = (to_user <= params.backhaul_angle_rad - params.visible_angle_rad).any(axis=-1)
    has_bh[sure] = seen[sure]
    todo = np.flatnonzero(~sure & seen.any(axis=-1))
    block = max(1, _BLOCK // (haps.shape[1] * sats.shape[1]))
    for start in range(0, todo.size, block):
        idx = todo[start : start + block]
        hs = central_angle_rad(
            np.nan_to_num(haps[idx])[:, :, None, :], np.nan_to_num(sats[idx])[:, None]
        )
        near = (hs <= params.backhaul_angle_rad) & present[idx][:, None, :]
        has_bh[idx] = near.any(axis=-1) & seen[idx]
    return has_bh


def simulate_coverage(
    params: NetworkParams,
    n_haps: int,
    n_sats: int,
    n_users: int,
    region_radius_km: float,
    *,
    rng: RngLike = None,
    sampling: str = "visible_cap",
) -> dict[str, Any]:
    """Monte Carlo of the end-to-end coverage of a typical user, both architectures.

    Each of ``n_users`` independent realisations draws the HAPS and the
    satellites, finds the user's visible HAPS, its access SNR under each
    architecture (:func:`access_snr`) and whether a serving HAPS has a
    satellite within its backhaul angle.

    Parameters
    ----------
    params : NetworkParams
        The model.
    n_haps, n_sats : int
        HAPS and satellites, >= 0.
    n_users : int
        Realisations, >= 1.
    region_radius_km : float
        Ground radius of the HAPS deployment, km.
    rng : int, SeedSequence, Generator or None, optional
        Randomness; the same int gives the same result.
    sampling : {"visible_cap", "full"}
        ``"visible_cap"`` draws only the points that can matter (exact
        thinning of both BPPs); ``"full"`` draws every point and tests
        visibility through the elevation angle (an independent route).

    Returns
    -------
    dict
        ``n_haps``, ``n_sats``, ``n_users``, counts ``n_visible``,
        ``n_cellular``, ``n_cell_free`` and their shares ``p_haps_visible``,
        ``cellular``, ``cell_free``.
    """
    nh, ns, nu = check_point(n_haps, n_sats, n_users, sampling)
    region = _check_region(region_radius_km) / EARTH_RADIUS_KM
    gen = as_generator(rng)
    haps = _visible_haps(gen, params, nh, nu, region, sampling)  # (U, W, 3)
    sats = _satellites(gen, params, ns, nu, sampling)  # (U, V, 3)
    seen = ~np.isnan(haps[..., 0])
    angle = central_angle_rad(np.nan_to_num(haps), np.array([0.0, 0.0, 1.0]))
    beta = np.where(seen, link_gain(params, np.where(seen, angle, 0.0)), 0.0)
    has_bh = _backhaul(params, haps, sats, seen)
    threshold = _db(params.access_snr_threshold_db)
    # Cellular: the strongest visible HAPS serves; it needs its own backhaul.
    best = np.argmax(beta, axis=-1) if beta.shape[1] else np.zeros(nu, dtype=int)
    cell_snr = access_snr(params, beta, "cellular")
    best_bh = (
        np.take_along_axis(has_bh, best[:, None], axis=-1)[:, 0]
        if beta.shape[1]
        else np.zeros(nu, dtype=bool)
    )
    cellular = seen.any(axis=-1) & (cell_snr >= threshold) & best_bh
    free_snr = access_snr(params, beta, "cell-free")
    cell_free = seen.any(axis=-1) & (free_snr >= threshold) & has_bh.any(axis=-1)
    counts = {
        "n_visible": int(seen.any(axis=-1).sum()),
        "n_cellular": int(cellular.sum()),
        "n_cell_free": int(cell_free.sum()),
    }
    return {
        "n_haps": nh,
        "n_sats": ns,
        "n_users": nu,
        **counts,
        "p_haps_visible": counts["n_visible"] / nu,
        "cellular": counts["n_cellular"] / nu,
        "cell_free": counts["n_cell_free"] / nu,
    }


def coverage_sweep(
    params: NetworkParams,
    n_haps_values: Iterable[int],
    n_sats_values: Iterable[int],
    n_users: int,
    region_radius_km: float,
    *,
    rng: RngLike = None,
    sampling: str = "visible_cap",
) -> pd.DataFrame:
    """Monte Carlo and closed forms over a grid of HAPS and satellite counts.

    Every point draws from its own child of the root ``SeedSequence`` at
    ``(n_sats, n_haps)``, so a point's result does not depend on the others.

    Returns
    -------
    pandas.DataFrame
        One row per point (``n_sats`` outer, ``n_haps`` inner) with the output
        of :func:`simulate_coverage` and of :func:`coverage_analysis`, the
        latter's columns suffixed ``_analysis`` where they share a name.
    """
    rows = []
    for nh, ns, seed in count_grid(n_haps_values, n_sats_values, rng):
        out = simulate_coverage(
            params, nh, ns, n_users, region_radius_km, rng=seed, sampling=sampling
        )
        theory = coverage_analysis(params, nh, ns, region_radius_km)
        out["p_haps_visible_analysis"] = float(theory["p_haps_visible"])
        out["p_backhaul_analysis"] = float(theory["p_backhaul"])
        out["cellular_analysis"] = float(theory["cellular"])
        out["cell_free_lower"] = float(theory["cell_free_lower"])
        out["cell_free_upper"] = float(theory["cell_free_upper"])
        rows.append(out)
    return pd.DataFrame(rows)
