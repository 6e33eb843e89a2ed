"""SGP4 propagation of a Walker shell, in an Earth-fixed frame.

Every satellite of a :class:`~sagin_lib.constellations.walker.WalkerShell` is
initialised from mean elements with ``Satrec.sgp4init`` of the ``sgp4`` package
(Vallado et al. 2006, "Revisiting Spacetrack Report #3"): a circular orbit
(eccentricity 0, argument of perigee 0, mean anomaly = the argument of
latitude of its Walker slot), the shell's inclination and node, no drag
(``bstar = 0``), WGS-72 gravity. No two-line element set is read and nothing
comes from the network. The mean motion is Kepler's for a semi-major axis of
``R + h`` (``R`` the study's spherical Earth, 6,371 km); SGP4's J2 terms then
make nodes regress and the altitude oscillate by some kilometres, as real
orbits do.

Frames
------
SGP4 gives positions in TEME (true equator, mean equinox of date). The
Earth-fixed (pseudo-Earth-fixed) frame is TEME rotated about the z axis by the
Greenwich mean sidereal time (the IAU 1982 GMST formula, as in Vallado et al.
2006), with UT1 taken equal to UTC and polar motion ignored (both well under a
kilometre on the ground, far below the resolution of a visibility cap).

Speed of propagation
--------------------
``SatrecArray.sgp4`` propagates every satellite at every epoch in one call of
compiled code; the rotation is one vectorised multiply. A day of a 1,584-satellite
shell at one-minute steps (2.3 million satellite-epochs) takes a fraction of a
second (:func:`propagate_shell` reports the rate).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from sagin_lib._checks import FloatArray, check_finite, check_positive
from sagin_lib.constellations.walker import WalkerShell
from sagin_lib.model.constants import EARTH_RADIUS_KM

__all__ = [
    "DEFAULT_EPOCH_JD",
    "MU_WGS72_KM3_S2",
    "Propagation",
    "gmst_rad",
    "propagate_shell",
    "teme_to_ecef_km",
    "time_grid_s",
]

#: Gravitational parameter of WGS-72 (the constants SGP4 is defined with), km^3/s^2.
MU_WGS72_KM3_S2: float = 398_600.8
#: Epoch of the shells: 2025-01-01 00:00 UTC, as a Julian date.
DEFAULT_EPOCH_JD: float = 2_460_676.5
#: Julian date of SGP4's epoch origin (1949 December 31, 00:00 UT).
_SGP4_EPOCH0_JD = 2_433_281.5
_SECONDS_PER_DAY = 86_400.0


def time_grid_s(duration_h: float, step_s: float) -> FloatArray:
    """Epochs from 0 (inclusive) to ``duration_h`` hours (exclusive) every ``step_s`` seconds.

    Parameters
    ----------
    duration_h : float
        Length of the propagation, hours, > 0.
    step_s : float
        Time step, s, > 0 and at most the duration.

    Returns
    -------
    numpy.ndarray
        Seconds after the epoch.
    """
    hours = float(check_positive("duration_h", duration_h, " h"))
    step = float(check_positive("step_s", step_s, " s"))
    if step > 3600.0 * hours:
        raise ValueError(
            f"step_s must be at most the duration ({3600.0 * hours:g} s); got {step!r}"
        )
    return np.arange(0.0, 3600.0 * hours - 1e-9, step)


def gmst_rad(jd_ut1: ArrayLike, fraction_days: ArrayLike = 0.0) -> FloatArray | np.float64:
    """Greenwich mean sidereal time, IAU 1982 (Vallado et al. 2006), rad in ``[0, 2 pi)``.

    Parameters
    ----------
    jd_ut1 : array_like
        Julian date (UT1), whole part or all of it.
    fraction_days : array_like, optional
        A fraction of a day added to ``jd_ut1`` (kept apart for precision).

    Returns
    -------
    numpy.ndarray or numpy.float64
        GMST, rad.
    """
    jd = check_finite("jd_ut1", jd_ut1)
    fr = check_finite("fraction_days", fraction_days)
    t = ((jd - 2_451_545.0) + fr) / 36_525.0
    seconds = (
        -6.2e-6 * t**3
        + 0.093104 * t**2
        + (876_600.0 * 3600.0 + 8_640_184.812866) * t
        + 67_310.54841
    )
    out = np.mod(np.radians(seconds / 240.0), 2.0 * np.pi)
    return out[()] if out.ndim == 0 else out


def teme_to_ecef_km(r_teme_km: ArrayLike, gmst: ArrayLike) -> FloatArray:
    """Rotate TEME positions into the Earth-fixed frame by the sidereal angle.

    ``x' = cos(g) x + sin(g) y``, ``y' = -sin(g) x + cos(g) y``, ``z' = z``.

    Parameters
    ----------
    r_teme_km : array_like
        Positions, shape ``(..., n_times, 3)``, km.
    gmst : array_like
        Sidereal angle of each epoch, rad, shape ``(n_times,)``.

    Returns
    -------
    numpy.ndarray
        Earth-fixed positions, same shape, km.
    """
    r = check_finite("r_teme_km", r_teme_km)
    g = check_finite("gmst", gmst)
    c, s = np.cos(g), np.sin(g)
    out = np.empty_like(r)
    out[..., 0] = c * r[..., 0] + s * r[..., 1]
    out[..., 1] = -s * r[..., 0] + c * r[..., 1]
    out[..., 2] = r[..., 2]
    return out


@dataclass(frozen=True)
class Propagation:
    """A shell propagated with SGP4.

    Attributes
    ----------
    ecef_km : numpy.ndarray
        Earth-fixed positions, shape ``(n_sats, n_times, 3)``, km.
    times_s : numpy.ndarray
        Seconds after the epoch, shape ``(n_times,)``.
    plane : numpy.ndarray
        Plane index of each satellite.
    elapsed_s : float
        Wall time of the propagation and rotation, s (changes run to run).
    """

    ecef_km: FloatArray
    times_s: FloatArray
    plane: np.ndarray
    elapsed_s: float

    @property
    def n_sat_epochs(self) -> int:
        """Satellites times epochs."""
        return int(self.ecef_km.shape[0] * self.ecef_km.shape[1])

    @property
    def rate_per_s(self) -> float:
        """Satellite-epochs propagated per second of wall time."""
        return self.n_sat_epochs / max(self.elapsed_s, 1e-9)

    def altitude_km(self) -> FloatArray:
        """Altitude above the spherical Earth of every satellite-epoch, km."""
        return np.linalg.norm(self.ecef_km, axis=-1) - EARTH_RADIUS_KM


def propagate_shell(
    shell: WalkerShell, times_s: ArrayLike, epoch_jd: float = DEFAULT_EPOCH_JD
) -> Propagation:
    """Positions of every satellite of ``shell`` at ``times_s``, Earth-fixed.

    Parameters
    ----------
    shell : WalkerShell
        The constellation.
    times_s : array_like
        Seconds after ``epoch_jd``, 1-D, finite.
    epoch_jd : float, optional
        Julian date (UTC) of the elements. Default 2025-01-01 00:00 UTC.

    Returns
    -------
    Propagation

    Raises
    ------
    ValueError
        For non-finite times, or if SGP4 reports an error for any satellite.
    """
    from sgp4.api import WGS72, Satrec, SatrecArray

    t = np.atleast_1d(check_finite("times_s", times_s))
    if t.ndim != 1:
        raise ValueError(f"times_s must be one-dimensional; got shape {t.shape}")
    epoch = float(check_finite("epoch_jd", epoch_jd))
    start = time.perf_counter()
    raan, u, plane = shell.elements_rad()
    a_km = EARTH_RADIUS_KM + shell.altitude_km
    n_rad_min = math.sqrt(MU_WGS72_KM3_S2 / a_km**3) * 60.0
    incl = shell.inclination_rad
    sats = []
    for k in range(shell.n_sats):
        sat = Satrec()
        sat.sgp4init(
            WGS72, "i", k + 1, epoch - _SGP4_EPOCH0_JD, 0.0, 0.0, 0.0, 0.0, 0.0,
            incl, float(u[k]), n_rad_min, float(raan[k]),
        )  # fmt: skip
        sats.append(sat)
    days = t / _SECONDS_PER_DAY
    whole = np.floor(days)
    jd = epoch + whole
    fr = days - whole
    err, r, _ = SatrecArray(sats).sgp4(jd, fr)
    if np.any(err):
        raise ValueError(f"SGP4 failed for {int(np.count_nonzero(err))} satellite-epochs")
    ecef = teme_to_ecef_km(r, gmst_rad(jd, fr))
    return Propagation(ecef, t, plane, time.perf_counter() - start)
