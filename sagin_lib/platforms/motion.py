"""Platform motion: the states a swaying or loitering platform passes through.

The footprint geometry of :mod:`sagin_lib.platforms.sway` takes a platform's
states (a horizontal displacement and a tilt of its beam) as given; this
module generates them over one cycle: a pendulum-like sinusoidal sway
(:func:`oscillation_states`), a fixed-wing platform circling its station banked
as its turn requires (:func:`loiter_bank_rad`, :func:`loiter_states`), and the
peak speed and acceleration of a sinusoidal motion (:func:`sinusoid_peaks`).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from sagin_lib._checks import (
    FloatArray,
    check_count,
    check_interval,
    check_nonnegative,
    check_positive,
    scalar_or_array,
)
from sagin_lib.platforms.airframe import STANDARD_GRAVITY_M_S2

__all__ = [
    "loiter_bank_rad",
    "loiter_states",
    "oscillation_states",
    "sinusoid_peaks",
]


def oscillation_states(
    displacement_amplitude_km: float,
    tilt_amplitude_rad: float,
    period_s: float,
    n_steps: int,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """A sinusoidal sway over one period, sampled at ``n_steps`` equal steps.

    The displacement and the tilt swing in phase in one vertical plane (a
    pendulum: the platform swung to +x leans its beam towards +x):
    ``d(t) = D sin(2 pi t / T)``, ``tau(t) = tau_max sin(2 pi t / T)``,
    ``t = k T / n_steps``.

    Parameters
    ----------
    displacement_amplitude_km : float
        ``D``, km, >= 0.
    tilt_amplitude_rad : float
        ``tau_max``, rad, in ``[0, pi/2]``.
    period_s : float
        ``T``, s, > 0.
    n_steps : int
        Number of samples, >= 4 (a multiple of 4 samples both extremes).

    Returns
    -------
    tuple of numpy.ndarray
        ``(time_s, displacement_km, tilt_rad)``, each of shape (n_steps,).
    """
    amp = float(check_nonnegative("displacement_amplitude_km", displacement_amplitude_km, " km"))
    tilt = float(check_interval("tilt_amplitude_rad", tilt_amplitude_rad, 0.0, math.pi / 2))
    period = float(check_positive("period_s", period_s, " s"))
    n = check_count("n_steps", n_steps)
    if n < 4:
        raise ValueError(f"n_steps must be at least 4; got {n}")
    time_s = period * np.arange(n) / n
    s = np.sin(2.0 * np.pi * np.arange(n) / n)
    return time_s, amp * s, tilt * s


def loiter_bank_rad(airspeed_m_s: ArrayLike, radius_km: ArrayLike) -> FloatArray | np.float64:
    """Bank angle of a coordinated level turn: ``tan(phi) = v^2 / (g r)``.

    Parameters
    ----------
    airspeed_m_s : array_like
        Speed on the circle, m/s, >= 0.
    radius_km : array_like
        Radius of the circle, km, > 0.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Bank, rad.

    Examples
    --------
    >>> round(math.degrees(float(loiter_bank_rad(15.0, 1.0))), 3)
    1.314
    """
    v = check_nonnegative("airspeed_m_s", airspeed_m_s, " m/s")
    r = check_positive("radius_km", radius_km, " km")
    return scalar_or_array(np.arctan(v**2 / (STANDARD_GRAVITY_M_S2 * r * 1e3)))


def loiter_states(
    radius_km: float, airspeed_m_s: float, n_steps: int
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray]:
    """A fixed-wing platform circling its station once, banked as its turn requires.

    The platform flies the circle of radius ``r`` about the nominal nadir at
    ``v`` (still air); banked by :func:`loiter_bank_rad` into the turn, its
    lift leans towards the centre, so a body-fixed nadir beam leans by the bank
    away from it.

    Parameters
    ----------
    radius_km : float
        Loiter radius, km, > 0.
    airspeed_m_s : float
        Speed, m/s, > 0.
    n_steps : int
        Samples over one revolution, >= 4.

    Returns
    -------
    tuple of numpy.ndarray
        ``(time_s, east_km, north_km, tilt_east_rad, tilt_north_rad)``, each of
        shape (n_steps,).
    """
    r = float(check_positive("radius_km", radius_km, " km"))
    v = float(check_positive("airspeed_m_s", airspeed_m_s, " m/s"))
    n = check_count("n_steps", n_steps)
    if n < 4:
        raise ValueError(f"n_steps must be at least 4; got {n}")
    theta = 2.0 * np.pi * np.arange(n) / n
    bank = float(loiter_bank_rad(v, r))
    period = 2.0 * np.pi * r * 1e3 / v
    return (
        period * np.arange(n) / n,
        r * np.cos(theta),
        r * np.sin(theta),
        bank * np.cos(theta),
        bank * np.sin(theta),
    )


def sinusoid_peaks(amplitude_km: ArrayLike, period_s: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Peak speed and acceleration of ``A sin(2 pi t / T)``: ``2 pi A / T`` and ``(2 pi / T)^2 A``.

    Parameters
    ----------
    amplitude_km : array_like
        ``A``, km, >= 0.
    period_s : array_like
        ``T``, s, > 0.

    Returns
    -------
    speed_m_s, acceleration_m_s2 : numpy.ndarray

    Examples
    --------
    >>> [round(float(x), 2) for x in sinusoid_peaks(1.0, 60.0)]
    [104.72, 10.97]
    """
    a = check_nonnegative("amplitude_km", amplitude_km, " km") * 1e3
    t = check_positive("period_s", period_s, " s")
    w = 2.0 * np.pi / t
    return np.asarray(w * a), np.asarray(w * w * a)
