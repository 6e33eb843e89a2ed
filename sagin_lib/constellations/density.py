"""Models of a shell's satellites seen from the ground: the uniform sphere and the inclined shell.

Two models stand beside the propagated orbits. Both treat the ``N`` satellites
as independent points with the same distribution on their sphere, so the
number within a cap is binomial, ``Binomial(N, p)``, with ``p`` the
probability that one satellite lies in the cap.

``bpp``
    The study's assumption: satellites uniform on the sphere (a binomial
    point process, Okati et al. 2020). A cap of angular radius ``psi`` holds
    the share ``p = sin^2(psi / 2) = (1 - cos psi) / 2`` of the sphere, so the
    mean count is ``N (1 - cos psi) / 2`` at every latitude.

``nonhomogeneous``
    The latitude-dependent density of an inclined shell (Okati and Riihonen,
    arXiv 2108.10785). A satellite on a circular orbit of inclination ``i``
    has the argument of latitude ``u`` uniform in time and ``sin(phi) =
    sin(i) sin(u)``. Its latitude therefore has the density
    ``f(phi) = cos(phi) / (pi sqrt(sin^2 i - sin^2 phi))`` for
    ``|phi| < i`` (for ``i`` above 90° read ``180° - i``), and over a day the
    Earth's rotation makes its longitude uniform. A cap of angular radius
    ``psi`` around a user at latitude ``phi_u`` meets the parallel of
    latitude ``phi`` over a longitude half-width ``Delta(phi)`` with
    ``cos(psi) = sin(phi_u) sin(phi) + cos(phi_u) cos(phi) cos(Delta)``, so
    ``p = int f(phi) Delta(phi) / pi dphi``. Written in ``u`` the integral
    has no singular weight: ``p = (1/pi) int_{-pi/2}^{pi/2} Delta(phi(u)) / pi du``,
    evaluated by the midpoint rule.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats

from sagin_lib._checks import FloatArray, check_interval, check_nonnegative

__all__ = [
    "bpp_cap_probability",
    "binomial_pmf",
    "cap_longitude_halfwidth_rad",
    "effective_number",
    "latitude_pdf",
    "nonhomogeneous_cap_probability",
    "p_none",
    "total_variation",
]

#: Nodes of the midpoint rule over the argument of latitude.
QUADRATURE_NODES = 4096


def _angle(name: str, value: ArrayLike, high: float = math.pi) -> FloatArray:
    return check_interval(
        name, value, 0.0, high, description=f"[0, {math.degrees(high):g}] degrees in rad"
    )


def _latitude(name: str, value: ArrayLike) -> FloatArray:
    return check_interval(
        name, value, -math.pi / 2, math.pi / 2, description="[-90, 90] degrees in rad"
    )


def latitude_pdf(latitude_rad: ArrayLike, inclination_rad: ArrayLike) -> FloatArray:
    """Density of a satellite's latitude on a circular orbit of inclination ``i``, per rad.

    ``cos(phi) / (pi sqrt(sin^2 i - sin^2 phi))`` for ``|phi| < i'`` (``i' = min(i, pi - i)``),
    0 beyond. It integrates to 1 and is infinite at ``|phi| = i'``.

    Parameters
    ----------
    latitude_rad : array_like
        Latitude, rad, in ``[-pi/2, pi/2]``.
    inclination_rad : array_like
        Inclination, rad, in ``[0, pi]``.

    Returns
    -------
    numpy.ndarray
        Density, per rad (``inf`` at the turning latitudes).
    """
    lat = _latitude("latitude_rad", latitude_rad)
    inc = _angle("inclination_rad", inclination_rad)
    s2 = np.sin(inc) ** 2 - np.sin(lat) ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(s2 > 0.0, np.cos(lat) / (np.pi * np.sqrt(np.where(s2 > 0, s2, 1.0))), 0.0)
    return np.where(s2 == 0.0, np.inf, out)


def cap_longitude_halfwidth_rad(
    user_latitude_rad: ArrayLike, sat_latitude_rad: ArrayLike, cap_angle_rad: ArrayLike
) -> FloatArray:
    """Longitude half-width of the points of a parallel that lie in a user's cap.

    The points of latitude ``phi`` within central angle ``psi`` of a user at
    ``phi_u`` are those within ``Delta`` of the user's longitude, with
    ``cos(psi) = sin(phi_u) sin(phi) + cos(phi_u) cos(phi) cos(Delta)``:
    ``Delta`` is 0 where the parallel misses the cap and ``pi`` where the cap
    holds the whole parallel (a pole inside the cap). Broadcasts.

    Parameters
    ----------
    user_latitude_rad, sat_latitude_rad : array_like
        Latitudes, rad, in ``[-pi/2, pi/2]``.
    cap_angle_rad : array_like
        Angular radius of the cap, rad, in ``[0, pi]``.

    Returns
    -------
    numpy.ndarray
        ``Delta``, rad, in ``[0, pi]``; -1 marks a parallel that misses the cap.
    """
    lu = _latitude("user_latitude_rad", user_latitude_rad)
    ls = _latitude("sat_latitude_rad", sat_latitude_rad)
    psi = _angle("cap_angle_rad", cap_angle_rad)
    return _halfwidth(lu, ls, psi)


def _halfwidth(lu: FloatArray, ls: FloatArray, psi: FloatArray) -> FloatArray:
    """:func:`cap_longitude_halfwidth_rad` without the checks (-1: missed)."""
    num = np.cos(psi) - np.sin(lu) * np.sin(ls)
    den = np.cos(lu) * np.cos(ls)
    tiny = den < 1e-15
    ratio = np.divide(num, np.where(tiny, 1.0, den))
    # At a pole (den = 0) the parallel is one point: inside iff num <= 0.
    ratio = np.where(tiny, np.where(num <= 0.0, -np.inf, np.inf), ratio)
    out = np.arccos(np.clip(ratio, -1.0, 1.0))
    return np.where(ratio > 1.0, -1.0, out)


def bpp_cap_probability(cap_angle_rad: ArrayLike) -> FloatArray:
    """Share of a uniform sphere inside a cap, ``sin^2(psi/2) = (1 - cos psi) / 2``."""
    psi = _angle("cap_angle_rad", cap_angle_rad)
    return np.sin(0.5 * psi) ** 2


def nonhomogeneous_cap_probability(
    user_latitude_rad: ArrayLike,
    cap_angle_rad: ArrayLike,
    inclination_rad: float,
    nodes: int = QUADRATURE_NODES,
) -> FloatArray:
    """Probability that one satellite of an inclined shell lies in a user's cap.

    ``(1/pi) int_{-pi/2}^{pi/2} Delta(asin(sin i sin u)) / pi du`` by the
    midpoint rule on ``nodes`` points (error well below 1e-4 of ``p`` for the
    caps of the study). Broadcasts over the user latitude and the cap angle.

    Parameters
    ----------
    user_latitude_rad : array_like
        Latitude of the user, rad, in ``[-pi/2, pi/2]``.
    cap_angle_rad : array_like
        Angular radius of the cap, rad, in ``[0, pi]``.
    inclination_rad : float
        Inclination of the shell, rad, in ``[0, pi]``.
    nodes : int, optional
        Midpoint-rule nodes, >= 16.

    Returns
    -------
    numpy.ndarray
        ``p`` in ``[0, 1]``.
    """
    lu = _latitude("user_latitude_rad", user_latitude_rad)
    psi = _angle("cap_angle_rad", cap_angle_rad)
    inc = float(_angle("inclination_rad", inclination_rad))
    if isinstance(nodes, bool) or not isinstance(nodes, int) or nodes < 16:
        raise ValueError(f"nodes must be an integer >= 16; got {nodes!r}")
    lu, psi = np.broadcast_arrays(lu, psi)
    u = -0.5 * np.pi + np.pi * (np.arange(nodes) + 0.5) / nodes
    lat = np.arcsin(math.sin(inc) * np.sin(u))
    out = np.empty(lu.shape)
    flat_lu, flat_psi, flat_out = lu.ravel(), psi.ravel(), out.reshape(-1)
    for k in range(flat_lu.size):
        delta = _halfwidth(flat_lu[k], lat, flat_psi[k])
        flat_out[k] = np.mean(np.maximum(delta, 0.0)) / np.pi
    return out


def binomial_pmf(n_sats: int, probability: ArrayLike, max_count: int) -> FloatArray:
    """P(count = k) for ``k = 0 .. max_count`` of ``Binomial(n_sats, p)``, per ``p``.

    Returns
    -------
    numpy.ndarray
        Shape ``p.shape + (max_count + 1,)``.
    """
    p = check_interval("probability", probability, 0.0, 1.0)
    k = np.arange(int(max_count) + 1)
    return stats.binom.pmf(k, int(n_sats), p[..., None])


def p_none(n_sats: int, probability: ArrayLike) -> FloatArray:
    """P(no satellite in the cap) ``(1 - p)^N``, without cancellation for small ``p``."""
    p = check_interval("probability", probability, 0.0, 1.0)
    if n_sats == 0:
        return np.ones_like(p)
    full = p >= 1.0
    return np.where(full, 0.0, np.exp(n_sats * np.log1p(-np.where(full, 0.0, p))))


def effective_number(mean_visible: ArrayLike, cap_angle_rad: ArrayLike) -> FloatArray:
    """Satellites a uniform sphere needs to give ``mean_visible`` in a cap: ``mean / sin^2(psi/2)``."""
    mean = check_nonnegative("mean_visible", mean_visible)
    return mean / bpp_cap_probability(cap_angle_rad)


def total_variation(pmf_a: ArrayLike, pmf_b: ArrayLike) -> FloatArray:
    """Total variation distance ``(1/2) sum_k |a_k - b_k|`` along the last axis.

    The two distributions are padded with zeros to the same length.
    """
    a = check_nonnegative("pmf_a", pmf_a)
    b = check_nonnegative("pmf_b", pmf_b)
    n = max(a.shape[-1], b.shape[-1])
    a = np.concatenate([a, np.zeros(a.shape[:-1] + (n - a.shape[-1],))], axis=-1)
    b = np.concatenate([b, np.zeros(b.shape[:-1] + (n - b.shape[-1],))], axis=-1)
    return 0.5 * np.abs(a - b).sum(axis=-1)
