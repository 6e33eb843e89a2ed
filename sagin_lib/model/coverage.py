"""Spherical-dome coverage regions of the six cross-layer scenarios.

A receiver at altitude ``rx_alt_km`` covers, on the sphere of transmitters at
altitude ``tx_alt_km``, a spherical dome (cap) centred on the point straight
below or above it. The dome is described by its *vertex angle* ``phi``: the
angle at the Earth's centre between the receiver's direction and the rim of
the dome (a half-angle, from the dome's centre to its rim).

Numerical care
--------------
The textbook closed forms (``arccos(R_t / R_r)``, ``arcsin(...) - b``,
``arccos(...) - alpha``, ``1 - cos(phi)``) subtract nearly equal numbers when
the two layers are close: a drone 100 m above the ground has a dome of about
1e-5 rad, and the literal formulas lose most of their digits there. Here the
altitude *difference* is formed from the altitudes (not from two radii of
6,000 km), the slant range to the rim comes from the rationalised root of the
ray-sphere quadratic, ``phi`` from ``atan2`` of the rim point, and areas from
``y^2 / (R_t + x)`` (equal to ``2 R_t sin^2(phi / 2)``) or the tangent of
``phi / 2``, never from ``1 - cos(phi)``. The result stays within about 1e-14
of a 50-digit evaluation everywhere except in a band around the boundary
between the two uplink cases, where the problem itself is ill-conditioned
(``phi`` has an infinite derivative in the beamwidth there) and the beam
edge's clearance is formed in extended precision.

Speed
-----
The functions check their arguments here and run the closed forms in
:mod:`sagin_lib.model._kernels`, on cache-sized blocks, without sine or
cosine and without allocating per operation: a million domes take about 25
``arccos`` passes over as many values (``benchmarks/bench_closed_form.py``).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from sagin_lib._checks import (
    FloatArray,
    check_elevation,
    check_interval,
    check_nonnegative,
    check_positive,
    scalar_or_array,
)
from sagin_lib.model import _kernels
from sagin_lib.model._docs import fill_doc
from sagin_lib.model.constants import DEFAULT_KAPPA_RAD, EARTH_RADIUS_KM, SPEED_OF_LIGHT_M_S

# Lemma 1 (the areas of a dome) lives with the dome, which this module builds
# on; the three area functions stay importable from here as before.
from sagin_lib.model.dome import Dome
from sagin_lib.model.dome import dome_arc_radius_km as dome_arc_radius_km
from sagin_lib.model.dome import dome_area_km2 as dome_area_km2
from sagin_lib.model.dome import flat_disc_area_km2 as flat_disc_area_km2
from sagin_lib.model.scenarios import Scenario, get_scenario

__all__ = [
    "beamwidth_rad",
    "coverage_dome",
    "downlink_vertex_angle_rad",
    "elevation_angle_rad",
    "slant_range_km",
    "uplink_vertex_angle_rad",
]


def _altitudes(rx_alt_km: ArrayLike, tx_alt_km: ArrayLike) -> tuple[FloatArray, FloatArray]:
    rx = check_nonnegative("rx_alt_km", rx_alt_km, " km")
    tx = check_nonnegative("tx_alt_km", tx_alt_km, " km")
    return rx, tx


def _uplink_inputs(
    rx_alt_km: ArrayLike, tx_alt_km: ArrayLike, beamwidth_rad: ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray]:
    rx, tx = _altitudes(rx_alt_km, tx_alt_km)
    width = check_positive("beamwidth_rad", beamwidth_rad, " rad")
    _check_uplink_order(rx, tx)
    return rx, tx, width


def _check_uplink_order(rx: FloatArray, tx: FloatArray) -> None:
    if np.any(rx <= tx):
        raise ValueError(
            "rx_alt_km must be greater than tx_alt_km for an uplink "
            "(the receiver sits above its transmitters)"
        )


def _downlink_inputs(
    rx_alt_km: ArrayLike, tx_alt_km: ArrayLike, min_elevation_rad: ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray]:
    rx, tx = _altitudes(rx_alt_km, tx_alt_km)
    alpha = check_elevation("min_elevation_rad", min_elevation_rad)
    if np.any(tx <= rx):
        raise ValueError(
            "tx_alt_km must be greater than rx_alt_km for a downlink "
            "(the transmitters sit above the receiver)"
        )
    return rx, tx, alpha


def _vertex_angle(
    kernel: Callable[..., None], args: tuple[FloatArray, FloatArray, FloatArray]
) -> FloatArray | np.float64:
    """Vertex angles from one of Proposition 1's kernels, run block by block on checked inputs."""
    (phi,) = _kernels.blockwise(kernel, 1, _kernels.RIM_SCRATCH, *args)
    return scalar_or_array(phi)


def beamwidth_rad(
    freq_hz: ArrayLike,
    diameter_m: ArrayLike,
    kappa_rad: ArrayLike = DEFAULT_KAPPA_RAD,
) -> FloatArray | np.float64:
    """Full 3-dB beamwidth of a reflector antenna, ``kappa * c / (f * D)``.

    Eq. (1) of the coverage paper, after Maral & Bousquet (eq. 5.3b), whose
    rule of thumb ``theta_3dB ~ 70 lambda / D`` degrees gives the default
    ``kappa = 70 deg``.

    Parameters
    ----------
    freq_hz : array_like
        Carrier frequency, Hz, > 0.
    diameter_m : array_like
        Reflector diameter, m, > 0.
    kappa_rad : array_like, optional
        Illumination coefficient, rad, > 0. Default 70 degrees.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Full beamwidth, rad, broadcast over the inputs.

    Raises
    ------
    ValueError
        If an argument is not finite and positive.

    Examples
    --------
    >>> round(float(beamwidth_rad(2e9, 2.0)), 6)
    0.091566
    """
    f = check_positive("freq_hz", freq_hz, " Hz")
    d = check_positive("diameter_m", diameter_m, " m")
    k = check_positive("kappa_rad", kappa_rad, " rad")
    return scalar_or_array(k * SPEED_OF_LIGHT_M_S / (f * d))


def uplink_vertex_angle_rad(
    rx_alt_km: ArrayLike,
    tx_alt_km: ArrayLike,
    beamwidth_rad: ArrayLike,
) -> FloatArray | np.float64:
    """Vertex angle of an uplink dome (Proposition 1, both cases).

    The receiver points a beam of full width ``beamwidth_rad`` at the Earth's
    centre. With half beamwidth ``b`` and tangent angle
    ``g = arcsin(R_t / R_r)``:

    * case 1, ``b >= g``: the beam covers everything visible, and the rim is
      the circle of tangent points, ``phi = arccos(R_t / R_r)``;
    * case 2, ``b < g``: the rim is where the beam edge first meets the
      transmitters' sphere, ``phi = arcsin(R_r sin(b) / R_t) - b``.

    Parameters
    ----------
    rx_alt_km : array_like
        Receiver altitude above the Earth's surface, km, finite, >= 0.
    tx_alt_km : array_like
        Altitude of the transmitters' sphere, km, finite, >= 0, and strictly
        below ``rx_alt_km``.
    beamwidth_rad : array_like
        Full 3-dB beamwidth, rad, > 0 (see :func:`beamwidth_rad`). Beams wider
        than ``2 g`` saturate at the tangent dome.

    {vertex_angle_returns}

    Raises
    ------
    ValueError
        For negative or non-finite altitudes, a receiver not above its
        transmitters, or a beamwidth that is not positive and finite.
    """
    args = _uplink_inputs(rx_alt_km, tx_alt_km, beamwidth_rad)
    return _vertex_angle(_kernels.uplink_angle, args)


def downlink_vertex_angle_rad(
    rx_alt_km: ArrayLike,
    tx_alt_km: ArrayLike,
    min_elevation_rad: ArrayLike,
) -> FloatArray | np.float64:
    """Vertex angle of a downlink dome (Proposition 1).

    The receiver tracks transmitters down to ``min_elevation_rad`` above its
    local horizontal: ``phi = arccos(R_r cos(alpha) / R_t) - alpha``.

    Parameters
    ----------
    rx_alt_km : array_like
        Receiver altitude, km, finite, >= 0.
    tx_alt_km : array_like
        Altitude of the transmitters' sphere, km, finite and strictly above
        ``rx_alt_km``.
    min_elevation_rad : array_like
        Minimum elevation angle, rad, in ``[0, pi/2)``.

    {vertex_angle_returns}

    Raises
    ------
    ValueError
        For negative or non-finite altitudes, transmitters not above the
        receiver, or an elevation outside ``[0, 90)`` degrees.
    """
    args = _downlink_inputs(rx_alt_km, tx_alt_km, min_elevation_rad)
    return _vertex_angle(_kernels.downlink_angle, args)


# Both cases of Proposition 1 return the same quantity, described once.
_VERTEX_ANGLE_RETURNS = """
Returns
-------
numpy.ndarray or numpy.float64
    Vertex angle, rad, in ``(0, pi/2)``.
"""
for _proposition_1 in (uplink_vertex_angle_rad, downlink_vertex_angle_rad):
    fill_doc(vertex_angle_returns=_VERTEX_ANGLE_RETURNS)(_proposition_1)
del _proposition_1


def slant_range_km(
    alt_a_km: ArrayLike, alt_b_km: ArrayLike, central_angle_rad: ArrayLike
) -> FloatArray | np.float64:
    """Straight-line distance between two points given their altitudes and central angle.

    ``sqrt((H_a - H_b)^2 + 4 R_a R_b sin(psi / 2)^2)``: exact, and free of
    cancellation for nearby points.

    Parameters
    ----------
    alt_a_km, alt_b_km : array_like
        Altitudes of the two points, km, finite, >= 0.
    central_angle_rad : array_like
        Angle between the two points seen from the Earth's centre, rad, in
        ``[0, pi]``.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Distance, km.
    """
    a = check_nonnegative("alt_a_km", alt_a_km, " km")
    b = check_nonnegative("alt_b_km", alt_b_km, " km")
    psi = check_interval("central_angle_rad", central_angle_rad, 0.0, math.pi)
    r_a = EARTH_RADIUS_KM + a
    r_b = EARTH_RADIUS_KM + b
    return scalar_or_array(np.sqrt((a - b) ** 2 + 4.0 * r_a * r_b * np.sin(0.5 * psi) ** 2))


def elevation_angle_rad(
    rx_alt_km: ArrayLike, tx_alt_km: ArrayLike, central_angle_rad: ArrayLike
) -> FloatArray | np.float64:
    """Elevation at which a receiver sees a point of a higher sphere.

    The inverse of :func:`downlink_vertex_angle_rad` in its last argument: a
    transmitter at central angle ``psi`` from the receiver is seen at
    ``atan2(R_t cos(psi) - R_r, R_t sin(psi))``. A negative value means the
    point lies below the receiver's horizon.

    Parameters
    ----------
    rx_alt_km : array_like
        Receiver altitude, km, finite, >= 0.
    tx_alt_km : array_like
        Altitude of the other point, km, finite, >= ``rx_alt_km``.
    central_angle_rad : array_like
        Central angle, rad, in ``(0, pi]``.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Elevation, rad, in ``(-pi/2, pi/2)``.
    """
    rx, tx = _altitudes(rx_alt_km, tx_alt_km)
    psi = check_interval("central_angle_rad", central_angle_rad, 0.0, math.pi, low_closed=False)
    rx, tx, psi = np.broadcast_arrays(rx, tx, psi)
    if np.any(tx < rx):
        raise ValueError(
            "tx_alt_km must be at least rx_alt_km (the point seen is not below the receiver)"
        )
    r_t = EARTH_RADIUS_KM + tx
    # R_t cos(psi) - R_r without subtracting two Earth-sized radii.
    vertical = (tx - rx) - 2.0 * r_t * np.sin(0.5 * psi) ** 2
    return scalar_or_array(np.arctan2(vertical, r_t * np.sin(psi)))


def coverage_dome(
    scenario: str | Scenario,
    *,
    rx_alt_km: ArrayLike,
    tx_alt_km: ArrayLike,
    freq_hz: ArrayLike | None = None,
    diameter_m: ArrayLike | None = None,
    kappa_rad: ArrayLike = DEFAULT_KAPPA_RAD,
    min_elevation_rad: ArrayLike | None = None,
) -> Dome:
    """The dome of a named scenario from its physical parameters (Theorem 1).

    Uplinks (G2A, A2S, G2S) need ``freq_hz`` and ``diameter_m`` (and take
    ``kappa_rad``); downlinks (A2G, S2A, S2G) need ``min_elevation_rad``.
    Passing a parameter that the scenario does not use is an error, so that a
    sweep never silently ignores one.

    Parameters
    ----------
    scenario : str or Scenario
        ``"G2A"``, ``"A2S"``, ``"G2S"``, ``"A2G"``, ``"S2A"`` or ``"S2G"``.
    rx_alt_km, tx_alt_km : array_like
        Receiver and transmitter altitudes, km.
    freq_hz, diameter_m, kappa_rad : array_like, optional
        Uplink antenna parameters (see :func:`beamwidth_rad`).
    min_elevation_rad : array_like, optional
        Downlink minimum elevation, rad, in ``[0, pi/2)``.

    Returns
    -------
    Dome
        The dome around the north pole, its vertex angle and area broadcast
        over all inputs (see :class:`~sagin_lib.model.dome.Dome`).

    Examples
    --------
    >>> dome = coverage_dome("S2G", rx_alt_km=0.0, tx_alt_km=600.0,
    ...                      min_elevation_rad=np.radians(10.0))
    >>> round(float(np.degrees(dome.vertex_angle_rad)), 3)
    15.836
    """
    sc = get_scenario(scenario)
    if sc.is_uplink:
        if freq_hz is None or diameter_m is None:
            raise ValueError(f"{sc.key} is an uplink: freq_hz and diameter_m are required")
        if min_elevation_rad is not None:
            raise ValueError(f"{sc.key} is an uplink: min_elevation_rad does not apply")
        f = check_positive("freq_hz", freq_hz, " Hz")
        d = check_positive("diameter_m", diameter_m, " m")
        k = check_positive("kappa_rad", kappa_rad, " rad")
        rx, tx = _altitudes(rx_alt_km, tx_alt_km)
        _check_uplink_order(rx, tx)
        args = (rx, tx, f, d, k * SPEED_OF_LIGHT_M_S)
        kernel, n_scratch = _kernels.uplink_dome, _kernels.RIM_SCRATCH + 1
    else:
        if min_elevation_rad is None:
            raise ValueError(f"{sc.key} is a downlink: min_elevation_rad is required")
        if freq_hz is not None or diameter_m is not None:
            raise ValueError(f"{sc.key} is a downlink: freq_hz and diameter_m do not apply")
        args = _downlink_inputs(rx_alt_km, tx_alt_km, min_elevation_rad)
        kernel, n_scratch = _kernels.downlink_dome, _kernels.RIM_SCRATCH
    phi, area = _kernels.blockwise(kernel, 2, n_scratch, *args)
    shape = phi.shape
    # The inputs were checked above and phi, area come from the closed form.
    return Dome._from_checked(
        tx_alt_km=np.broadcast_to(args[1], shape),
        vertex_angle_rad=phi,
        scenario=sc,
        rx_alt_km=np.broadcast_to(args[0], shape),
        area_km2=area,
    )
