"""Coverage probability of a ground user against the number of HAPS.

A stochastic-geometry model in the spirit of Fig. 9(b) of the near-space
survey (after Lou, Belmekki and Alouini): adding high-altitude platform
stations (HAPS) to a fixed LEO constellation raises the probability that a
typical ground user is covered. Their parameter values are not in our
sources, so every number below is a stated choice.

Assumptions
-----------
* Spherical Earth of radius ``R_e``; the typical user is on the ground at
  the north pole (by rotational symmetry, any user of the same statistics).
* HAPS: a binomial point process (BPP) of ``n_haps`` points, uniform by area
  on the cap of ground radius ``haps_region_radius_km`` around the user, on
  the sphere of altitude ``haps_alt_km`` (``None``: the whole sphere). For a
  BPP the count in any cap inside the region depends only on its area, so
  every user whose visibility cap lies inside the region sees the same
  statistics as the centre user.
* LEO satellites: a BPP of ``n_sats`` points uniform on the whole sphere of
  altitude ``sat_alt_km`` (an isotropic stand-in for a constellation).
* A platform is usable if the user sees it at or above ``min_elevation_rad``.
* Link budget: free-space path loss at ``freq_hz``, transmit power and a
  fixed antenna gain per tier (beams steered at the user), receive gain
  ``rx_gain_dbi``, noise ``k T B F``. Noise-limited: interference between
  platforms is ignored.
* Association: the visible platform with the strongest *mean* received
  power (over both tiers). Fading, if any, acts on the serving link only:
  none, Rayleigh, or Nakagami-m (unit-mean power gain).
* Covered: serving SNR >= ``snr_threshold_db``.

Closed forms
------------
With ``q(theta) = sin^2(theta/2) / sin^2(Theta/2)`` the fraction of a BPP
region of angular radius ``Theta`` within central angle ``theta`` of the user,

* P(at least one platform visible) = ``1 - prod_k (1 - q_k(theta_vis,k))^N_k``;
* without fading, a user is covered iff some tier has a platform within
  ``theta_cov,k = min(theta_vis,k, theta_snr,k)``, where ``theta_snr,k`` is the
  central angle at which the mean SNR falls to the threshold (the strongest
  platform then has SNR >= threshold too), so
  P(covered) = ``1 - prod_k (1 - q_k(theta_cov,k))^N_k``;
* with fading, conditioning on the nearest platform of the serving tier gives
  a one-dimensional integral per tier, evaluated numerically
  (:func:`coverage_probability_semianalytic`).

Reproducibility
---------------
:func:`sweep_points` takes the root of the randomness as ``rng`` (normalised
by :func:`sagin_lib._random.as_seed_sequence`) and gives every point the child
:class:`numpy.random.SeedSequence` at the point's own ``(n_sats, n_haps)``
(:func:`sagin_lib._random.child_seed_sequence`), so a point's result does not
depend on which other points are computed, in what order, or on which worker.
:func:`run_sweep_point` is a pure function of its :class:`SweepPoint`;
:func:`coverage_sweep` maps it over the grid.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
import pandas as pd
from scipy import special

from sagin_lib._checks import check_choice, check_fields, check_interval, check_scalar_finite
from sagin_lib._random import RngLike, as_generator
from sagin_lib.model.constants import (
    DEFAULT_MIN_ELEVATION_RAD,
    EARTH_RADIUS_KM,
    HAP_ALT_KM,
    LEO_ALT_KM,
)
from sagin_lib.model.coverage import downlink_vertex_angle_rad, elevation_angle_rad, slant_range_km
from sagin_lib.model.links import (
    REFERENCE_TEMPERATURE_K,
    free_space_path_loss_db,
    thermal_noise_power_dbw,
)
from sagin_lib.platforms import _sweep_grid
from sagin_lib.platforms._sweep_grid import check_point, check_users_and_sampling, count_grid

__all__ = [
    "FADING_MODELS",
    "SAMPLING_MODES",
    "HapsCoverageParams",
    "SweepPoint",
    "coverage_probability_no_fading",
    "coverage_probability_semianalytic",
    "coverage_sweep",
    "probability_visible",
    "run_sweep_point",
    "simulate_coverage_point",
    "sweep_points",
]

FADING_MODELS: tuple[str, ...] = ("none", "rayleigh", "nakagami")
#: Ways of drawing the HAPS and the satellites (see :func:`simulate_coverage_point`).
SAMPLING_MODES: tuple[str, ...] = _sweep_grid.SAMPLING_MODES

# Largest number of (user, platform) pairs drawn at once in "full" sampling.
_FULL_BLOCK = 2_000_000


@dataclass(frozen=True)
class HapsCoverageParams:
    """Every assumption of the HAPS + LEO coverage model (validated on creation).

    Attributes
    ----------
    freq_hz : float
        Carrier frequency, Hz, > 0. Default 2 GHz (S band).
    bandwidth_hz : float
        Noise bandwidth, Hz, > 0. Default 10 MHz.
    noise_figure_db : float
        User receiver noise figure, dB, >= 0. Default 7 dB (handheld class).
    temperature_k : float
        Noise reference temperature, K, > 0. Default 290 K.
    rx_gain_dbi : float
        User antenna gain, dBi. Default 0 dBi.
    snr_threshold_db : float
        Coverage threshold on the serving SNR, dB. Default 5 dB.
    min_elevation_rad : float
        Minimum elevation at the user, rad, in ``[0, pi/2)``. Default 10 degrees.
    haps_alt_km : float
        HAPS altitude, km, > 0. Default 20 km.
    haps_tx_power_dbw, haps_tx_gain_dbi : float
        HAPS transmit power (dBW) and antenna gain towards the user (dBi).
        Defaults 0 dBW and 20 dBi (EIRP 20 dBW).
    haps_region_radius_km : float or None
        Ground radius of the HAPS deployment cap around the user, km, in
        ``(0, pi R_e]``; ``None`` for the whole sphere. Default 1,000 km.
    sat_alt_km : float
        LEO altitude, km, > ``haps_alt_km``. Default 600 km.
    sat_tx_power_dbw, sat_tx_gain_dbi : float
        Satellite transmit power (dBW) and gain (dBi). Defaults 10 dBW and
        30 dBi (EIRP 40 dBW).
    fading : {"none", "rayleigh", "nakagami"}
        Small-scale fading on the serving link. Default "none".
    nakagami_m : float
        Nakagami shape, >= 0.5 (used when ``fading == "nakagami"``). Default 1.
    """

    # The carrier and the user's receiver.
    freq_hz: float = 2.0e9
    bandwidth_hz: float = 10.0e6
    noise_figure_db: float = 7.0
    temperature_k: float = REFERENCE_TEMPERATURE_K
    rx_gain_dbi: float = 0.0
    # When a user counts as covered.
    snr_threshold_db: float = 5.0
    min_elevation_rad: float = DEFAULT_MIN_ELEVATION_RAD
    # The HAPS tier.
    haps_alt_km: float = HAP_ALT_KM
    haps_tx_power_dbw: float = 0.0
    haps_tx_gain_dbi: float = 20.0
    haps_region_radius_km: float | None = 1000.0
    # The satellite tier.
    sat_alt_km: float = LEO_ALT_KM
    sat_tx_power_dbw: float = 10.0
    sat_tx_gain_dbi: float = 30.0
    # Small-scale fading on the serving link.
    fading: str = "none"
    nakagami_m: float = 1.0
    _tiers: tuple[_Tier, _Tier] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        check_fields(
            self,
            positive=[("freq_hz", " Hz"), ("bandwidth_hz", " Hz"), ("temperature_k", " K"),
                      ("haps_alt_km", " km"), ("sat_alt_km", " km")],
            nonnegative=[("noise_figure_db", " dB")],
            finite=["rx_gain_dbi", "snr_threshold_db", "haps_tx_power_dbw", "haps_tx_gain_dbi",
                    "sat_tx_power_dbw", "sat_tx_gain_dbi"],
            elevation=["min_elevation_rad"],
        )  # fmt: skip
        if self.sat_alt_km <= self.haps_alt_km:
            raise ValueError(
                f"sat_alt_km must be greater than haps_alt_km ({self.haps_alt_km!r} km); "
                f"got {self.sat_alt_km!r}"
            )
        if self.haps_region_radius_km is not None:
            set_(
                self,
                "haps_region_radius_km",
                float(
                    check_interval(
                        "haps_region_radius_km",
                        self.haps_region_radius_km,
                        0.0,
                        math.pi * EARTH_RADIUS_KM,
                        low_closed=False,
                        description=f"(0, pi * {EARTH_RADIUS_KM:g}] km, or None",
                    )
                ),
            )
        check_choice("fading", self.fading, FADING_MODELS)
        m = check_scalar_finite("nakagami_m", self.nakagami_m)
        if m < 0.5:
            raise ValueError(f"nakagami_m must be >= 0.5; got {self.nakagami_m!r}")
        set_(self, "nakagami_m", m)
        set_(self, "_tiers", (_make_tier(self, "haps"), _make_tier(self, "sat")))

    def replace(self, **changes: Any) -> HapsCoverageParams:
        """A copy with some fields changed (validated again)."""
        values = {f.name: getattr(self, f.name) for f in fields(self) if f.init}
        unknown = set(changes) - set(values)
        if unknown:
            raise ValueError(f"unknown parameter(s) {sorted(unknown)}")
        values.update(changes)
        return HapsCoverageParams(**values)

    def as_dict(self) -> dict[str, Any]:
        """The parameters as plain data (for tables and metadata)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.init}

    @property
    def snr_threshold_linear(self) -> float:
        """The SNR threshold as a power ratio."""
        return 10.0 ** (self.snr_threshold_db / 10.0)


@dataclass(frozen=True)
class _Tier:
    """Derived geometry and link budget of one tier."""

    name: str
    alt_km: float
    region_angle_rad: float  # angular radius of the BPP region (pi: whole sphere)
    snr_gain_km2: float  # mean SNR = snr_gain_km2 / d_km^2 (linear)
    visible_angle_rad: float  # central angle of the visibility cap
    snr_angle_rad: float  # central angle where the mean SNR meets the threshold
    cap_angle_rad: float  # min(visible, region): where visible points can be
    cover_angle_rad: float  # min(visible, snr, region): no-fading coverage cap

    def fraction(self, angle_rad: np.ndarray | float) -> np.ndarray:
        """Fraction of the BPP region within central angle ``angle_rad`` of the user."""
        a = np.minimum(np.asarray(angle_rad, dtype=float), self.region_angle_rad)
        return np.sin(0.5 * a) ** 2 / math.sin(0.5 * self.region_angle_rad) ** 2

    def angle_at_distance(self, distance_km: np.ndarray | float) -> np.ndarray:
        """Central angle at which the slant range from the user equals ``distance_km``."""
        # The inverse of model.coverage.slant_range_km for a ground user (the
        # model has no inverse; cell_free has the same formula in Python floats).
        d = np.asarray(distance_km, dtype=float)
        r_t = EARTH_RADIUS_KM + self.alt_km
        s2 = (d - self.alt_km) * (d + self.alt_km) / (4.0 * EARTH_RADIUS_KM * r_t)
        return 2.0 * np.arcsin(np.sqrt(np.clip(s2, 0.0, 1.0)))


def _make_tier(p: HapsCoverageParams, name: str) -> _Tier:
    alt = p.haps_alt_km if name == "haps" else p.sat_alt_km
    power = p.haps_tx_power_dbw if name == "haps" else p.sat_tx_power_dbw
    gain = p.haps_tx_gain_dbi if name == "haps" else p.sat_tx_gain_dbi
    if name == "haps" and p.haps_region_radius_km is not None:
        region = p.haps_region_radius_km / EARTH_RADIUS_KM
    else:
        region = math.pi
    noise = float(thermal_noise_power_dbw(p.bandwidth_hz, p.noise_figure_db, p.temperature_k))
    snr_1km_db = (
        power + gain + p.rx_gain_dbi - float(free_space_path_loss_db(1.0, p.freq_hz)) - noise
    )
    snr_gain = 10.0 ** (snr_1km_db / 10.0)
    visible = float(downlink_vertex_angle_rad(0.0, alt, p.min_elevation_rad))
    tier = _Tier(name, alt, region, snr_gain, visible, 0.0, 0.0, 0.0)
    d_snr = math.sqrt(snr_gain / p.snr_threshold_linear)
    snr_angle = float(tier.angle_at_distance(d_snr))
    return _Tier(
        name,
        alt,
        region,
        snr_gain,
        visible,
        snr_angle,
        min(visible, region),
        min(visible, snr_angle, region),
    )


def _counts(n_haps: Any, n_sats: Any) -> tuple[np.ndarray, np.ndarray]:
    nh = np.asarray(n_haps)
    ns = np.asarray(n_sats)
    for name, arr in (("n_haps", nh), ("n_sats", ns)):
        if not np.issubdtype(arr.dtype, np.integer) or (arr < 0).any():
            raise ValueError(f"{name} must be a non-negative integer or an array of them")
    return nh.astype(np.int64), ns.astype(np.int64)


def _none_in_cap(tier: _Tier, angle_rad: float | np.ndarray, n: np.ndarray) -> np.ndarray:
    """P(no point of an ``n``-point BPP of ``tier`` within ``angle_rad`` of the user)."""
    q = tier.fraction(angle_rad)
    # A cap that holds the whole region (q = 1) leaves no point outside it for
    # n >= 1; written without 0 * log(0), which would be NaN for n = 0.
    full = q >= 1.0
    none = np.exp(n * np.log1p(-np.where(full, 0.0, q)))
    return np.where(n == 0, 1.0, np.where(full, 0.0, none))


def _none_within(params: HapsCoverageParams, n_haps: Any, n_sats: Any, angle: str) -> np.ndarray:
    """P(no platform of either tier within its tier's ``angle`` attribute of the user)."""
    nh, ns = _counts(n_haps, n_sats)
    th, ts = params._tiers
    return _none_in_cap(th, getattr(th, angle), nh) * _none_in_cap(ts, getattr(ts, angle), ns)


def probability_visible(params: HapsCoverageParams, n_haps: Any, n_sats: Any) -> np.ndarray:
    """P(at least one HAPS or satellite above the minimum elevation), closed form.

    ``1 - (1 - q_h)^n_haps (1 - q_s)^n_sats`` with ``q`` the fraction of each
    BPP region inside the user's visibility cap.

    Parameters
    ----------
    params : HapsCoverageParams
        The model; only its geometry matters here.
    n_haps, n_sats : int or array of int
        Numbers of HAPS and satellites, >= 0 (broadcast together).

    Returns
    -------
    numpy.ndarray
        P(visible), over the broadcast counts.

    Raises
    ------
    ValueError
        For a negative or non-integer count.
    """
    return 1.0 - _none_within(params, n_haps, n_sats, "visible_angle_rad")


def coverage_probability_no_fading(
    params: HapsCoverageParams, n_haps: Any, n_sats: Any
) -> np.ndarray:
    """Coverage probability without fading, closed form.

    ``1 - (1 - q_h(theta_cov,h))^n_haps (1 - q_s(theta_cov,s))^n_sats`` where
    ``theta_cov`` is the smaller of the visibility angle and the angle at which
    the mean SNR meets the threshold.

    Parameters
    ----------
    params : HapsCoverageParams
        The model (its ``fading`` field is ignored).
    n_haps, n_sats : int or array of int
        Numbers of HAPS and satellites, >= 0.

    Returns
    -------
    numpy.ndarray
        P(serving SNR >= threshold) without fading, over the broadcast counts.
    """
    return 1.0 - _none_within(params, n_haps, n_sats, "cover_angle_rad")


def _fading_survival(params: HapsCoverageParams) -> Callable[[np.ndarray], np.ndarray]:
    """``x -> P(fading power gain >= x)`` for unit-mean gains."""
    if params.fading == "rayleigh":
        return lambda x: np.exp(-x)
    if params.fading == "nakagami":
        m = params.nakagami_m
        return lambda x: special.gammaincc(m, m * x)
    return lambda x: (x <= 1.0).astype(float)


# Composite Gauss-Legendre rule on [0, 1]: panels x nodes, vectorised.
_GL_NODES, _GL_WEIGHTS = np.polynomial.legendre.leggauss(10)
_GL_PANELS = 48
# Pairs of counts whose integrals are evaluated together (at most 3 intervals of
# 480 nodes each per pair).
_PAIRS_PER_BLOCK = 512


def _gauss_legendre_rule(breakpoints: list[float]) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights of the composite rule over consecutive ``breakpoints``.

    Each interval between breakpoints is split into equal panels with a
    10-point Gauss-Legendre rule on each; the integrand is smooth inside
    every interval, so the rule converges fast (the tests compare it with
    the exact closed form and with adaptive quadrature). Empty arrays when
    no interval has a positive length.
    """
    xs, ws = [], []
    for a, b in zip(breakpoints[:-1], breakpoints[1:], strict=True):
        if b <= a:
            continue
        edges = np.linspace(a, b, _GL_PANELS + 1)
        half = 0.5 * np.diff(edges)
        mid = 0.5 * (edges[:-1] + edges[1:])
        xs.append((mid[:, None] + half[:, None] * _GL_NODES[None, :]).ravel())
        ws.append((half[:, None] * _GL_WEIGHTS[None, :]).ravel())
    if not xs:
        return np.empty(0), np.empty(0)
    return np.concatenate(xs), np.concatenate(ws)


def _tier_shares(
    params: HapsCoverageParams, k: int, upper_angle_rad: float
) -> tuple[float, list[float]]:
    """Cap shares of tier ``k`` at ``upper_angle_rad`` and at the kinks of its integrand.

    The kinks are the tier-k distances at which the other tier's "stronger"
    cap opens (its radius passes the other tier's altitude) and where it
    reaches that tier's visibility cap, when they fall inside the integral.
    None of this depends on the numbers of platforms.
    """
    tk, tj = params._tiers[k], params._tiers[1 - k]
    ratio = math.sqrt(tj.snr_gain_km2 / tk.snr_gain_km2)
    kinks = []
    for d_other in (tj.alt_km, float(slant_range_km(0.0, tj.alt_km, tj.cap_angle_rad))):
        d_kink = d_other / ratio
        theta_kink = float(tk.angle_at_distance(d_kink))
        if d_kink > tk.alt_km and 0.0 < theta_kink < upper_angle_rad:
            kinks.append(min(float(tk.fraction(theta_kink)), 1.0))
    return min(float(tk.fraction(upper_angle_rad)), 1.0), kinks


def _tier_breaks(n_k: int, shares: tuple[float, list[float]]) -> list[float]:
    """Breakpoints in ``v`` of the integral of :func:`_tier_integrals` (empty when it is 0).

    From 0 to ``v_max`` (the nearest of the ``n_k`` tier-k platforms within
    the upper angle) with the kinks of the integrand between, from the cap
    shares of :func:`_tier_shares`: ``v = 1 - (1 - q)^n_k``.
    """
    if n_k == 0:
        return []

    def v_of_share(q: float) -> float:
        return float(-np.expm1(n_k * np.log1p(-q))) if q < 1.0 else 1.0

    q_max, kinks = shares
    v_max = v_of_share(q_max)
    if v_max <= 0.0:
        return []
    return sorted([0.0, v_max, *(v_of_share(q) for q in kinks)])


def _tier_integrand(
    params: HapsCoverageParams,
    k: int,
    n_k: Any,
    n_j: Any,
    survival: Callable[[np.ndarray], np.ndarray],
    v: np.ndarray,
) -> np.ndarray:
    """Integrand of :func:`_tier_integrals` at ``v``, with the counts ``n_k`` and ``n_j``.

    The counts of tier ``k`` and of the other tier broadcast with ``v`` (one
    pair of counts per node when several integrals are evaluated at once).
    """
    tiers = params._tiers
    tk, tj = tiers[k], tiers[1 - k]
    sin_half_region = math.sin(0.5 * tk.region_angle_rad)
    ratio = math.sqrt(tj.snr_gain_km2 / tk.snr_gain_km2)
    # At v = 1 (a node end of the integral) log1p(-1) = -inf gives u = 1, the right limit.
    with np.errstate(divide="ignore"):
        u = -np.expm1(np.log1p(-v) / n_k)
    theta = 2.0 * np.arcsin(np.minimum(1.0, np.sqrt(u) * sin_half_region))
    d = np.asarray(slant_range_km(0.0, tk.alt_km, theta))
    snr = tk.snr_gain_km2 / (d * d)
    # Tier j beats tier k iff one of its visible points is closer than d * ratio.
    beat_angle = np.minimum(tj.angle_at_distance(d * ratio), tj.cap_angle_rad)
    return _none_in_cap(tj, beat_angle, np.asarray(n_j)) * survival(
        params.snr_threshold_linear / snr
    )


def _tier_integrals(
    params: HapsCoverageParams,
    k: int,
    pairs: list[tuple[int, int]],
    shares: tuple[float, list[float]],
    survival: Callable[[np.ndarray], np.ndarray],
) -> list[float]:
    """P(tier ``k`` serves, its nearest platform within the upper angle, and SNR ok), per pair.

    Integrates over ``v``, the CDF of the nearest tier-k platform's cap
    fraction, so that the integrand is bounded and smooth: the nearest lies at
    cap fraction ``u = 1 - (1 - v)^(1/N)``, i.e. at central angle
    ``2 asin(sqrt(u) sin(Theta/2))``. The one kink of the integrand (where the
    other tier's "stronger" cap reaches its visibility cap) is a breakpoint
    (:func:`_tier_breaks`). The nodes of every pair's rule are evaluated at
    once, each with its pair's counts, then summed pair by pair.
    """
    rules = [_gauss_legendre_rule(_tier_breaks(c[k], shares)) for c in pairs]
    sizes = [x.size for x, _ in rules]
    if not any(sizes):
        return [0.0] * len(pairs)
    values = _tier_integrand(
        params,
        k,
        np.repeat([c[k] for c in pairs], sizes),
        np.repeat([c[1 - k] for c in pairs], sizes),
        survival,
        np.concatenate([x for x, _ in rules]),
    )
    out, stop = [], 0
    for (_, w), size in zip(rules, sizes, strict=True):
        start, stop = stop, stop + size
        out.append(float(np.dot(w, values[start:stop])) if size else 0.0)
    return out


def coverage_probability_semianalytic(
    params: HapsCoverageParams, n_haps: Any, n_sats: Any
) -> np.ndarray:
    """Coverage probability by numerical integration over the serving distance.

    For each tier ``k``, condition on the central angle of its nearest
    platform (density of the nearest of a BPP), require that the other tier
    has no visible platform with a stronger mean power, and multiply by the
    probability that the fading gain lifts the SNR over the threshold::

        P = sum_k  int  f_k(theta) P(no stronger tier-j platform | theta)
                        P(g >= tau d_k(theta)^2 / K_k) d theta

    over ``theta`` up to the visibility angle. Without fading it reduces to
    :func:`coverage_probability_no_fading` (the tests check both routes).

    Parameters
    ----------
    params : HapsCoverageParams
        The model, fading included.
    n_haps, n_sats : int or array of int
        Numbers of HAPS and satellites, >= 0; each pair is integrated on its own.

    Returns
    -------
    numpy.ndarray
        Coverage probability (at most 1) for every broadcast pair of counts.

    Raises
    ------
    ValueError
        If a count is negative or not an integer.
    """
    nh, ns = _counts(n_haps, n_sats)
    nh, ns = np.broadcast_arrays(nh, ns)
    survival = _fading_survival(params)
    no_fading = params.fading == "none"
    pairs = list(zip(nh.ravel().tolist(), ns.ravel().tolist(), strict=True))
    totals = [0.0] * len(pairs)
    for k, tier in enumerate(params._tiers):
        upper = tier.cover_angle_rad if no_fading else tier.cap_angle_rad
        shares = _tier_shares(params, k, upper)
        for first in range(0, len(pairs), _PAIRS_PER_BLOCK):
            block = pairs[first : first + _PAIRS_PER_BLOCK]
            for i, value in enumerate(_tier_integrals(params, k, block, shares, survival), first):
                totals[i] += value
    return np.array([min(t, 1.0) for t in totals], dtype=float).reshape(nh.shape)


def _nearest_angles(
    rng: np.random.Generator,
    tier: _Tier,
    n: int,
    n_users: int,
    min_elevation_rad: float,
    sampling: str,
) -> tuple[np.ndarray, np.ndarray]:
    """Central angle of the nearest visible point of a tier (inf if none) and visible counts."""
    if n == 0:
        return np.full(n_users, np.inf), np.zeros(n_users, dtype=np.int64)
    if sampling == "visible_cap":
        # Exact thinning of the BPP: the number of points in the visible cap is
        # binomial, and given that number they are i.i.d. uniform by area on it.
        q = float(tier.fraction(tier.cap_angle_rad))
        k = rng.binomial(n, min(q, 1.0), size=n_users)
        width = int(k.max()) if k.size else 0
        if width == 0:
            return np.full(n_users, np.inf), k
        u = rng.random((n_users, width))
        theta = 2.0 * np.arcsin(np.sqrt(u) * math.sin(0.5 * tier.cap_angle_rad))
        theta[np.arange(width)[None, :] >= k[:, None]] = np.inf
        return theta.min(axis=1), k
    # Full sampling: every point of the BPP on its region, visibility tested
    # through the elevation angle (an independent route to the same cap).
    nearest = np.full(n_users, np.inf)
    visible_count = np.zeros(n_users, dtype=np.int64)
    block = max(1, _FULL_BLOCK // n)
    sin_half_region = math.sin(0.5 * tier.region_angle_rad)
    for start in range(0, n_users, block):
        stop = min(n_users, start + block)
        u = 1.0 - rng.random((stop - start, n))  # in (0, 1]: angle > 0
        theta = 2.0 * np.arcsin(np.minimum(1.0, np.sqrt(u) * sin_half_region))
        elev = np.asarray(elevation_angle_rad(0.0, tier.alt_km, theta))
        seen = elev >= min_elevation_rad
        visible_count[start:stop] = seen.sum(axis=1)
        nearest[start:stop] = np.where(seen, theta, np.inf).min(axis=1)
    return nearest, visible_count


def simulate_coverage_point(
    params: HapsCoverageParams,
    n_haps: int,
    n_sats: int,
    n_users: int,
    *,
    rng: RngLike = None,
    sampling: str = "visible_cap",
) -> dict[str, Any]:
    """Monte Carlo estimate of the coverage probability for one configuration.

    Each of ``n_users`` independent realisations draws both BPPs, keeps the
    nearest visible platform of each tier (the strongest in mean power within
    a tier), serves the user from the tier whose nearest platform is stronger,
    draws the fading gain of that link and compares the SNR with the threshold.

    Parameters
    ----------
    params : HapsCoverageParams
        The model.
    n_haps, n_sats : int
        Numbers of HAPS and satellites, >= 0.
    n_users : int
        Number of independent user realisations, >= 1.
    rng : int, numpy.random.SeedSequence, numpy.random.Generator or None, optional
        Randomness (:func:`sagin_lib._random.as_generator`): the same int or
        SeedSequence gives the same result; a Generator is drawn from.
    sampling : {"visible_cap", "full"}
        ``"visible_cap"`` (default, fast) draws only the points inside the
        user's visibility cap (exact thinning of the BPP); ``"full"`` draws every
        point of both processes and tests visibility by elevation.

    Returns
    -------
    dict
        ``n_haps``, ``n_sats``, ``n_users``, ``n_covered``,
        ``coverage_probability``, ``standard_error``, ``p_visible`` (share of
        realisations with a visible platform), ``p_served_by_haps``,
        ``mean_visible_haps``, ``mean_visible_sats``.

    Raises
    ------
    ValueError
        For a negative or non-integer count, no user, an unknown sampling
        mode or a bad ``rng``.
    """
    nh, ns, nu = check_point(n_haps, n_sats, n_users, sampling)
    gen = as_generator(rng)
    th, ts = params._tiers
    alpha = params.min_elevation_rad
    theta_h, k_h = _nearest_angles(gen, th, nh, nu, alpha, sampling)
    theta_s, k_s = _nearest_angles(gen, ts, ns, nu, alpha, sampling)

    def mean_snr(tier: _Tier, theta: np.ndarray) -> np.ndarray:
        snr = np.zeros(nu)
        ok = np.isfinite(theta)
        d = np.asarray(slant_range_km(0.0, tier.alt_km, theta[ok]))
        snr[ok] = tier.snr_gain_km2 / d**2
        return snr

    snr_h = mean_snr(th, theta_h)
    snr_s = mean_snr(ts, theta_s)
    by_haps = snr_h > snr_s
    serving = np.maximum(snr_h, snr_s)
    if params.fading == "rayleigh":
        gain = gen.exponential(1.0, size=nu)
    elif params.fading == "nakagami":
        gain = gen.gamma(params.nakagami_m, 1.0 / params.nakagami_m, size=nu)
    else:
        gain = np.ones(nu)
    covered = (serving > 0.0) & (gain * serving >= params.snr_threshold_linear)
    n_cov = int(covered.sum())
    p = n_cov / nu
    return {
        "n_haps": nh,
        "n_sats": ns,
        "n_users": nu,
        "n_covered": n_cov,
        "coverage_probability": p,
        "standard_error": math.sqrt(p * (1.0 - p) / nu),
        "p_visible": float(((k_h > 0) | (k_s > 0)).mean()),
        "p_served_by_haps": float(by_haps.mean()),
        "mean_visible_haps": float(k_h.mean()),
        "mean_visible_sats": float(k_s.mean()),
    }


@dataclass(frozen=True)
class SweepPoint:
    """Everything one Monte Carlo point needs: a self-contained task.

    Attributes
    ----------
    params : HapsCoverageParams
        The model.
    n_haps, n_sats, n_users : int
        Counts of the point.
    rng : numpy.random.SeedSequence
        The point's own randomness: the child of the sweep's root at
        ``(n_sats, n_haps)``.
    sampling : str
        ``"visible_cap"`` or ``"full"``.
    """

    params: HapsCoverageParams
    n_haps: int
    n_sats: int
    n_users: int
    rng: np.random.SeedSequence
    sampling: str = "visible_cap"


def sweep_points(
    params: HapsCoverageParams,
    n_haps_values: Iterable[int],
    n_sats_values: Iterable[int],
    n_users: int,
    *,
    rng: RngLike = None,
    sampling: str = "visible_cap",
) -> list[SweepPoint]:
    """The grid of sweep points (``n_sats`` outer, ``n_haps`` inner), each with its own randomness.

    The root :class:`numpy.random.SeedSequence` is
    :func:`sagin_lib._random.as_seed_sequence` of ``rng``; a point's is the
    root's child at its own counts, ``(n_sats, n_haps)``, so points can be
    computed in any order or on any worker, and adding points leaves the
    others unchanged.

    Parameters
    ----------
    params : HapsCoverageParams
        The model.
    n_haps_values, n_sats_values : iterable of int
        Counts to sweep, each >= 0, without repeats.
    n_users : int
        Realisations per point, >= 1.
    rng : int, SeedSequence, Generator or None, optional
        Root of the randomness. An int ``s`` and ``SeedSequence(s)`` give the
        same points; a Generator contributes one 128-bit draw.
    sampling : {"visible_cap", "full"}
        Passed to :func:`simulate_coverage_point`.

    Returns
    -------
    list of SweepPoint

    Raises
    ------
    ValueError
        For a negative or non-integer count, an empty or repeating list of
        counts, no user, an unknown sampling mode or a bad ``rng``.
    """
    users = check_users_and_sampling(n_users, sampling)
    return [
        SweepPoint(params, nh, ns, users, seed, sampling)
        for nh, ns, seed in count_grid(n_haps_values, n_sats_values, rng)
    ]


def run_sweep_point(point: SweepPoint) -> dict[str, Any]:
    """Monte Carlo and closed forms for one sweep point (a pure function of ``point``).

    Parameters
    ----------
    point : SweepPoint
        The task.

    Returns
    -------
    dict
        The output of :func:`simulate_coverage_point` plus ``fading``,
        ``p_visible_closed_form``, ``coverage_no_fading_closed_form`` and
        ``coverage_semianalytic`` (for the point's fading model).
    """
    out = simulate_coverage_point(
        point.params,
        point.n_haps,
        point.n_sats,
        point.n_users,
        rng=point.rng,
        sampling=point.sampling,
    )
    p = point.params
    out["fading"] = p.fading
    out["p_visible_closed_form"] = float(probability_visible(p, point.n_haps, point.n_sats))
    out["coverage_no_fading_closed_form"] = float(
        coverage_probability_no_fading(p, point.n_haps, point.n_sats)
    )
    out["coverage_semianalytic"] = float(
        coverage_probability_semianalytic(p, point.n_haps, point.n_sats)
    )
    return out


def coverage_sweep(
    params: HapsCoverageParams,
    n_haps_values: Iterable[int],
    n_sats_values: Iterable[int],
    n_users: int,
    *,
    map_function: Callable[..., Iterable[dict[str, Any]]] = map,
    rng: RngLike = None,
    sampling: str = "visible_cap",
) -> pd.DataFrame:
    """Coverage probability against the number of HAPS, for several constellation sizes.

    Parameters
    ----------
    params, n_haps_values, n_sats_values, n_users
        The grid, as for :func:`sweep_points`.
    map_function : callable, optional
        ``map``-like function used to run :func:`run_sweep_point` over the
        points (the built-in ``map`` by default; a parallel map gives the
        same table).
    rng, sampling
        The root of every point's randomness and the sampling mode, as for
        :func:`sweep_points`.

    Returns
    -------
    pandas.DataFrame
        One row per point, sorted by ``n_sats`` then ``n_haps``, with the
        columns of :func:`run_sweep_point`.

    Raises
    ------
    ValueError
        As :func:`sweep_points` does.
    """
    points = sweep_points(params, n_haps_values, n_sats_values, n_users, rng=rng, sampling=sampling)
    rows = list(map_function(run_sweep_point, points))
    df = pd.DataFrame(rows)
    return df.sort_values(["n_sats", "n_haps"], kind="stable").reset_index(drop=True)
