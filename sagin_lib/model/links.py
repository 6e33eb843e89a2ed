"""Line-of-sight link quantities: propagation delay, free-space path loss, noise.

Distances are in km, frequencies in Hz, powers in dBW; the formulas are the
textbook ones (Friis for the path loss, ``k T B F`` for the noise).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from sagin_lib._checks import (
    FloatArray,
    check_finite,
    check_nonnegative,
    check_positive,
    scalar_or_array,
)
from sagin_lib.model.constants import SPEED_OF_LIGHT_M_S

__all__ = [
    "BOLTZMANN_J_K",
    "REFERENCE_TEMPERATURE_K",
    "free_space_path_loss_db",
    "propagation_delay_s",
    "received_power_dbw",
    "thermal_noise_power_dbw",
]

#: Boltzmann constant (exact, SI definition), J/K.
BOLTZMANN_J_K: float = 1.380649e-23

#: Reference noise temperature for noise figures, K.
REFERENCE_TEMPERATURE_K: float = 290.0


def propagation_delay_s(distance_km: ArrayLike) -> FloatArray | np.float64:
    """One-way propagation delay in vacuum, ``d / c``.

    Parameters
    ----------
    distance_km : array_like
        Path length, km, finite, >= 0.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Delay, s.

    Raises
    ------
    ValueError
        For a negative or non-finite distance.

    Examples
    --------
    >>> round(float(propagation_delay_s(35786.0)) * 1e3, 3)
    119.369
    """
    d = check_nonnegative("distance_km", distance_km, " km")
    return scalar_or_array(d * 1e3 / SPEED_OF_LIGHT_M_S)


def free_space_path_loss_db(distance_km: ArrayLike, freq_hz: ArrayLike) -> FloatArray | np.float64:
    """Free-space path loss, ``20 log10(4 pi d f / c)`` dB.

    Parameters
    ----------
    distance_km : array_like
        Path length, km, finite, > 0 (the far-field formula has no meaning at 0).
    freq_hz : array_like
        Carrier frequency, Hz, finite, > 0.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Path loss, dB, broadcast over the inputs.

    Raises
    ------
    ValueError
        For a distance or frequency that is not finite and positive.

    Examples
    --------
    Ten times the distance costs 20 dB:

    >>> free_space_path_loss_db([1.0, 10.0], 1e9).round(2)
    array([ 92.45, 112.45])
    """
    d = check_positive("distance_km", distance_km, " km")
    f = check_positive("freq_hz", freq_hz, " Hz")
    return scalar_or_array(20.0 * np.log10(4.0 * math.pi * d * 1e3 * f / SPEED_OF_LIGHT_M_S))


def thermal_noise_power_dbw(
    bandwidth_hz: ArrayLike,
    noise_figure_db: ArrayLike = 0.0,
    temperature_k: ArrayLike = REFERENCE_TEMPERATURE_K,
) -> FloatArray | np.float64:
    """Receiver noise power ``k T B F`` in dBW.

    Parameters
    ----------
    bandwidth_hz : array_like
        Noise bandwidth, Hz, > 0.
    noise_figure_db : array_like, optional
        Receiver noise figure, dB, >= 0. Default 0.
    temperature_k : array_like, optional
        Reference temperature, K, > 0. Default 290 K.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Noise power, dBW.

    Raises
    ------
    ValueError
        For a non-positive bandwidth or temperature, or a negative noise figure.

    Examples
    --------
    >>> round(float(thermal_noise_power_dbw(1.0)), 2)
    -203.98
    """
    b = check_positive("bandwidth_hz", bandwidth_hz, " Hz")
    nf = check_nonnegative("noise_figure_db", noise_figure_db, " dB")
    t = check_positive("temperature_k", temperature_k, " K")
    return scalar_or_array(10.0 * np.log10(BOLTZMANN_J_K * t * b) + nf)


def received_power_dbw(
    tx_power_dbw: ArrayLike,
    tx_gain_dbi: ArrayLike,
    rx_gain_dbi: ArrayLike,
    distance_km: ArrayLike,
    freq_hz: ArrayLike,
) -> FloatArray | np.float64:
    """Friis received power, ``P_t + G_t + G_r - FSPL(d, f)`` in dBW.

    Parameters
    ----------
    tx_power_dbw : array_like
        Transmit power, dBW, finite.
    tx_gain_dbi, rx_gain_dbi : array_like
        Antenna gains towards each other, dBi, finite.
    distance_km : array_like
        Path length, km, > 0.
    freq_hz : array_like
        Carrier frequency, Hz, > 0.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Received power, dBW, broadcast over the inputs.

    Raises
    ------
    ValueError
        For a non-finite power or gain, or a distance or frequency that is
        not finite and positive.

    Examples
    --------
    >>> round(float(received_power_dbw(10.0, 20.0, 0.0, 1.0, 1e9)), 2)
    -62.45
    """
    p = check_finite("tx_power_dbw", tx_power_dbw)
    gt = check_finite("tx_gain_dbi", tx_gain_dbi)
    gr = check_finite("rx_gain_dbi", rx_gain_dbi)
    return scalar_or_array(p + gt + gr - np.asarray(free_space_path_loss_db(distance_km, freq_hz)))
