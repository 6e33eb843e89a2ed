"""Antenna radiation patterns: the 3GPP element pattern, the ITU-R array pattern, a dish.

Three documented patterns, each a pure NumPy-broadcasting function of the angle
off the antenna's boresight (radians), returning gain in dBi:

* :func:`tr38901_element_gain_dbi`: the single-element pattern of 3GPP TR 38.901
  (Table 7.3-1): a vertical cut ``A_V = -min{12 ((theta - 90 deg) / theta_3dB)^2,
  SLA_V}``, a horizontal cut ``A_H = -min{12 (phi / phi_3dB)^2, A_m}``, combined
  as ``A = -min{-(A_V + A_H), A_m}`` and added to the peak gain ``G_max``. The
  table's values are a 65 deg half-power beamwidth in both cuts, SLA_V = 30 dB,
  A_m = 30 dB and G_max = 8 dBi.
* :func:`m2101_array_gain_dbi`: the composite pattern of a uniform planar array
  of such elements in ITU-R M.2101 (Annex 1, Tables 3 and 4; the model of the
  ITU-R sharing studies of IMT, HAPS as IMT base stations included), with the
  beam steered at boresight or at any other direction.
* :func:`bessel_dish_gain_dbi`: the far-field pattern of a uniformly illuminated
  circular aperture of diameter ``D``, ``G(theta) = G_max [2 J1(u) / u]^2`` with
  ``u = pi D sin(theta) / lambda`` (Balanis, *Antenna Theory*, 4th ed., Sect.
  12.7; the main lobe's first null is at ``u = 3.8317``), with the aperture's
  peak gain ``G_max = eta (pi D / lambda)^2``.

Angles follow the element's local frame of TR 38.901 Sect. 7.1: boresight along
``x``, the zenith angle ``theta`` from the ``z`` axis (90 deg at boresight) and the
azimuth ``phi`` from ``x`` in the ``xy`` plane. A direction ``off_boresight_rad``
away from boresight in the plane rolled ``roll_rad`` about the boresight from the
horizontal (``xy``) cut has ``cos(theta) = sin(off) sin(roll)`` and ``phi =
atan2(sin(off) cos(roll), cos(off))``; ``roll_rad = 0`` is the horizontal cut,
``pi/2`` the vertical cut. On either principal cut the element pattern is
``G_max - min{12 (off / 65 deg)^2, 30}`` dB.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from scipy import special

from sagin_lib._checks import check_count, check_interval, check_positive, check_scalar_finite

__all__ = [
    "BESSEL_FIRST_NULL_U",
    "PATTERNS",
    "TR38901_A_MAX_DB",
    "TR38901_G_MAX_DBI",
    "TR38901_HPBW_RAD",
    "TR38901_SLA_V_DB",
    "bessel_dish_gain_dbi",
    "bessel_dish_peak_gain_dbi",
    "bessel_pattern_db",
    "m2101_array_gain_dbi",
    "pattern_loss_db",
    "tr38901_element_gain_dbi",
    "tr38901_element_pattern_db",
]

#: Half-power beamwidth of the TR 38.901 element in both cuts (65 deg), rad.
TR38901_HPBW_RAD: float = math.radians(65.0)
#: Side-lobe level limit of the vertical cut, SLA_V, dB.
TR38901_SLA_V_DB: float = 30.0
#: Front-to-back ratio, A_m, dB.
TR38901_A_MAX_DB: float = 30.0
#: Peak (boresight) gain of the element, G_max, dBi.
TR38901_G_MAX_DBI: float = 8.0
#: First zero of the Bessel function J1: the main-lobe edge of ``2 J1(u) / u``.
BESSEL_FIRST_NULL_U: float = 3.8317059702075125
#: Names of the patterns an access link can apply (see :func:`pattern_loss_db`).
PATTERNS: tuple[str, ...] = ("tr38901", "isotropic-peak")

_SPEED_OF_LIGHT_M_S = 299_792_458.0
_OFF_TEXT = "[-pi, pi] rad, i.e. [-180, 180] degrees"
_FRONT_TEXT = "[-pi/2, pi/2] rad, i.e. [-90, 90] degrees (the front half-space)"


def _check_off(name: str, value: Any, half: bool = False) -> np.ndarray:
    limit = 0.5 * math.pi if half else math.pi
    return check_interval(
        name, value, -limit, limit, description=_FRONT_TEXT if half else _OFF_TEXT
    )


def _check_beamwidth(name: str, value: Any) -> float:
    return float(
        check_interval(name, check_scalar_finite(name, value), 0.0, math.pi, low_closed=False)
    )


def tr38901_element_pattern_db(
    zenith_rad: Any,
    azimuth_rad: Any,
    *,
    hpbw_rad: float = TR38901_HPBW_RAD,
    sla_v_db: float = TR38901_SLA_V_DB,
    a_max_db: float = TR38901_A_MAX_DB,
) -> np.ndarray:
    """Relative power pattern ``A(theta, phi)`` of the TR 38.901 element, dB (<= 0).

    ``A_V = -min{12 ((theta - pi/2) / hpbw)^2, SLA_V}``,
    ``A_H = -min{12 (phi / hpbw)^2, A_m}``, ``A = -min{-(A_V + A_H), A_m}``
    (3GPP TR 38.901 V16.1.0, Table 7.3-1).

    Parameters
    ----------
    zenith_rad : array_like
        Zenith angle ``theta`` in the element's frame, rad, in ``[0, pi]``
        (boresight at ``pi/2``).
    azimuth_rad : array_like
        Azimuth ``phi``, rad, in ``[-pi, pi]`` (boresight at 0). Broadcast with
        ``zenith_rad``.
    hpbw_rad : float, optional
        Half-power beamwidth of both cuts, rad, in ``(0, pi]``. Default 65 deg.
    sla_v_db, a_max_db : float, optional
        Side-lobe limit of the vertical cut and front-to-back ratio, dB, > 0.
        Defaults 30 dB each.

    Returns
    -------
    numpy.ndarray
        Relative gain, dB, in ``[-a_max_db, 0]``.

    Raises
    ------
    ValueError
        For an angle outside its range or a non-positive beamwidth or limit.

    Examples
    --------
    >>> float(tr38901_element_pattern_db(np.pi / 2, np.radians(32.5)))  # half-power
    -3.0
    """
    theta = check_interval("zenith_rad", zenith_rad, 0.0, math.pi)
    phi = check_interval("azimuth_rad", azimuth_rad, -math.pi, math.pi)
    hpbw = _check_beamwidth("hpbw_rad", hpbw_rad)
    sla = float(check_positive("sla_v_db", check_scalar_finite("sla_v_db", sla_v_db), " dB"))
    a_m = float(check_positive("a_max_db", check_scalar_finite("a_max_db", a_max_db), " dB"))
    a_v = -np.minimum(12.0 * ((theta - 0.5 * math.pi) / hpbw) ** 2, sla)
    a_h = -np.minimum(12.0 * (phi / hpbw) ** 2, a_m)
    return -np.minimum(-(a_v + a_h), a_m)


def _element_angles(off: np.ndarray, roll: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Zenith and azimuth in the element frame of a direction ``off`` from boresight.

    The direction is ``(cos off, sin off cos roll, sin off sin roll)``; a negative
    ``off`` is the direction ``|off|`` rolled by ``pi``.
    """
    s = np.sin(off)
    cos_theta = np.clip(s * np.sin(roll), -1.0, 1.0)
    phi = np.arctan2(s * np.cos(roll), np.cos(off))
    return np.arccos(cos_theta), phi


def _element_direction(
    off_boresight_rad: Any, roll_rad: Any, prefix: str = ""
) -> tuple[np.ndarray, np.ndarray]:
    """Zenith and azimuth in the element frame of a direction ``(off, roll)``, checked.

    The arguments are checked as ``{prefix}off_boresight_rad`` and ``{prefix}roll_rad``.
    """
    off = _check_off(f"{prefix}off_boresight_rad", off_boresight_rad)
    roll = check_interval(f"{prefix}roll_rad", roll_rad, -math.pi, math.pi)
    return _element_angles(off, roll)


def tr38901_element_gain_dbi(
    off_boresight_rad: Any,
    roll_rad: Any = 0.0,
    *,
    max_gain_dbi: float = TR38901_G_MAX_DBI,
    hpbw_rad: float = TR38901_HPBW_RAD,
    sla_v_db: float = TR38901_SLA_V_DB,
    a_max_db: float = TR38901_A_MAX_DB,
) -> np.ndarray:
    """Gain of the TR 38.901 element towards a direction ``off_boresight_rad`` from boresight.

    ``G_max + A(theta, phi)`` (:func:`tr38901_element_pattern_db`) with the
    element-frame angles of the direction (module docstring). On the principal
    cuts (``roll_rad`` 0 or ``pi/2``) it is ``G_max - min{12 (off / hpbw)^2, 30}``.

    Parameters
    ----------
    off_boresight_rad : array_like
        Angle between boresight and the direction, rad, in ``[-pi, pi]``; a
        negative angle is the direction on the other side of boresight.
    roll_rad : array_like, optional
        Plane of the direction, rolled about boresight from the horizontal cut,
        rad, in ``[-pi, pi]``. Default 0 (horizontal cut). Broadcast.
    max_gain_dbi : float, optional
        Peak gain ``G_max``, dBi. Default 8 dBi.
    hpbw_rad, sla_v_db, a_max_db : float, optional
        As in :func:`tr38901_element_pattern_db`.

    Returns
    -------
    numpy.ndarray
        Gain, dBi, at most ``max_gain_dbi`` (reached at boresight).

    Raises
    ------
    ValueError
        For an angle outside ``[-pi, pi]`` or a bad pattern parameter.

    Examples
    --------
    >>> round(float(tr38901_element_gain_dbi(np.radians(79.0))), 2)  # 8 - 12 (79/65)^2
    -9.73
    """
    theta, phi = _element_direction(off_boresight_rad, roll_rad)
    peak = check_scalar_finite("max_gain_dbi", max_gain_dbi)
    rel = tr38901_element_pattern_db(
        theta, phi, hpbw_rad=hpbw_rad, sla_v_db=sla_v_db, a_max_db=a_max_db
    )
    return peak + rel


def m2101_array_gain_dbi(
    off_boresight_rad: Any,
    roll_rad: Any = 0.0,
    *,
    n_rows: int = 4,
    n_columns: int = 4,
    spacing_wavelengths: float = 0.5,
    steer_off_boresight_rad: float = 0.0,
    steer_roll_rad: float = 0.0,
    element_max_gain_dbi: float = TR38901_G_MAX_DBI,
    hpbw_rad: float = TR38901_HPBW_RAD,
    sla_v_db: float = TR38901_SLA_V_DB,
    a_max_db: float = TR38901_A_MAX_DB,
) -> np.ndarray:
    """Composite beam pattern of a uniform planar array (ITU-R M.2101, Annex 1), dBi.

    ``A_A = G_E,max + A_E(theta, phi) + 10 log10 |sum_{m,n} w_mn v_mn|^2`` with the
    element pattern of :func:`tr38901_element_pattern_db`, the superposition
    vector ``v_mn = exp(i 2 pi [(m-1) d_V cos(theta) + (n-1) d_H sin(theta)
    sin(phi)])`` and the weights ``w_mn = exp(-i 2 pi [(m-1) d_V cos(theta_s) +
    (n-1) d_H sin(theta_s) sin(phi_s)]) / sqrt(N_V N_H)`` that steer the beam to
    ``(theta_s, phi_s)`` (M.2101 Table 4 with correlation ``rho = 1``; spacing
    ``d`` in wavelengths, the same in both directions). At the steering
    direction the gain is the element's plus ``10 log10(N_V N_H)``.

    Parameters
    ----------
    off_boresight_rad, roll_rad : array_like
        Direction, as in :func:`tr38901_element_gain_dbi`. Broadcast.
    n_rows, n_columns : int, optional
        Elements per column ``N_V`` and per row ``N_H``, >= 1. Default 4 x 4.
    spacing_wavelengths : float, optional
        Element spacing, wavelengths, > 0. Default 0.5.
    steer_off_boresight_rad, steer_roll_rad : float, optional
        Direction the beam is steered to. Default boresight.
    element_max_gain_dbi : float, optional
        Element peak gain, dBi. Default 8 dBi.
    hpbw_rad, sla_v_db, a_max_db : float, optional
        Element pattern, as in :func:`tr38901_element_pattern_db`.

    Returns
    -------
    numpy.ndarray
        Gain, dBi (``-inf`` in an exact null of the array factor).

    Raises
    ------
    ValueError
        For an angle outside its range or a bad array parameter.

    Examples
    --------
    >>> round(float(m2101_array_gain_dbi(0.0)), 6)  # 8 dBi + 10 log10(16)
    20.0412
    """
    theta, phi = _element_direction(off_boresight_rad, roll_rad)
    rows, cols = check_count("n_rows", n_rows), check_count("n_columns", n_columns)
    for name, value in (("n_rows", rows), ("n_columns", cols)):
        if value < 1:
            raise ValueError(f"{name} must be at least 1; got {value!r}")
    d = float(
        check_positive(
            "spacing_wavelengths", check_scalar_finite("spacing_wavelengths", spacing_wavelengths)
        )
    )
    s_theta, s_phi = _element_direction(steer_off_boresight_rad, steer_roll_rad, "steer_")
    peak = check_scalar_finite("element_max_gain_dbi", element_max_gain_dbi)
    element = tr38901_element_pattern_db(
        theta, phi, hpbw_rad=hpbw_rad, sla_v_db=sla_v_db, a_max_db=a_max_db
    )
    # Phase progression along a column (vertical) and along a row (horizontal).
    u = 2.0 * math.pi * d * (np.cos(theta) - np.cos(s_theta))
    v = 2.0 * math.pi * d * (np.sin(theta) * np.sin(phi) - np.sin(s_theta) * np.sin(s_phi))

    def line(phase: np.ndarray, n: int) -> np.ndarray:
        k = np.arange(n)
        return np.abs(np.exp(1j * np.multiply.outer(phase, k)).sum(axis=-1)) ** 2

    power = line(u, rows) * line(v, cols) / (rows * cols)
    with np.errstate(divide="ignore"):
        return peak + element + 10.0 * np.log10(power)


def bessel_pattern_db(off_boresight_rad: Any, diameter_m: Any, freq_hz: Any) -> np.ndarray:
    """Relative pattern of a uniformly illuminated circular aperture, dB (<= 0).

    ``20 log10 |2 J1(u) / u|`` with ``u = pi D sin(theta) / lambda`` (``-inf`` in
    the exact nulls, 0 at boresight).

    Parameters
    ----------
    off_boresight_rad : array_like
        Angle from boresight, rad, in ``[-pi/2, pi/2]`` (the front half-space).
    diameter_m : array_like
        Aperture diameter, m, > 0.
    freq_hz : array_like
        Carrier frequency, Hz, > 0. The three arguments broadcast.

    Returns
    -------
    numpy.ndarray
        Relative gain, dB.

    Raises
    ------
    ValueError
        For an angle outside the front half-space or a non-positive size or frequency.

    Examples
    --------
    >>> round(float(bessel_pattern_db(np.arcsin(1.6163 / np.pi), 1.0, 299_792_458.0)), 2)
    -3.01
    """
    off = _check_off("off_boresight_rad", off_boresight_rad, half=True)
    diameter = check_positive("diameter_m", diameter_m, " m")
    freq = check_positive("freq_hz", freq_hz, " Hz")
    u = math.pi * diameter * freq / _SPEED_OF_LIGHT_M_S * np.sin(np.abs(off))
    # Below u = 1e-4 the series 1 - u^2 / 8 is exact to double precision (the next
    # term is u^4 / 192), and j1 of a subnormal u loses accuracy.
    small = u < 1e-4
    safe = np.where(small, 1.0, u)
    ratio = np.where(small, 1.0 - u * u / 8.0, 2.0 * special.j1(safe) / safe)
    with np.errstate(divide="ignore"):
        return 20.0 * np.log10(np.abs(ratio))


def bessel_dish_peak_gain_dbi(diameter_m: Any, freq_hz: Any, efficiency: Any = 0.65) -> np.ndarray:
    """Peak gain of a circular aperture, ``10 log10(eta (pi D / lambda)^2)``, dBi.

    Parameters
    ----------
    diameter_m, freq_hz : array_like
        Diameter (m) and frequency (Hz), > 0.
    efficiency : array_like, optional
        Aperture efficiency, in ``(0, 1]``. Default 0.65, a typical reflector
        (ITU-R S.580 and S.465 studies take 0.6-0.7).

    Returns
    -------
    numpy.ndarray
        Peak gain, dBi.

    Examples
    --------
    >>> round(float(bessel_dish_peak_gain_dbi(1.0, 30e9, 1.0)), 2)
    49.95
    """
    diameter = check_positive("diameter_m", diameter_m, " m")
    freq = check_positive("freq_hz", freq_hz, " Hz")
    eta = check_interval("efficiency", efficiency, 0.0, 1.0, low_closed=False)
    return 10.0 * np.log10(eta * (math.pi * diameter * freq / _SPEED_OF_LIGHT_M_S) ** 2)


def bessel_dish_gain_dbi(
    off_boresight_rad: Any, diameter_m: Any, freq_hz: Any, efficiency: Any = 0.65
) -> np.ndarray:
    """Gain of a circular dish off boresight: peak gain plus :func:`bessel_pattern_db`, dBi.

    Parameters
    ----------
    off_boresight_rad : array_like
        Angle from boresight, rad, in ``[-pi/2, pi/2]``.
    diameter_m, freq_hz, efficiency : array_like
        As in :func:`bessel_dish_peak_gain_dbi`. All four broadcast.

    Returns
    -------
    numpy.ndarray
        Gain, dBi (``-inf`` in the exact nulls).
    """
    return bessel_dish_peak_gain_dbi(diameter_m, freq_hz, efficiency) + bessel_pattern_db(
        off_boresight_rad, diameter_m, freq_hz
    )


def pattern_loss_db(off_boresight_rad: Any, pattern: str = "tr38901") -> np.ndarray:
    """Loss below the peak gain of a HAPS access element at an angle off boresight, dB (>= 0).

    Parameters
    ----------
    off_boresight_rad : array_like
        Angle from boresight, rad, in ``[-pi, pi]``.
    pattern : {"tr38901", "isotropic-peak"}
        ``"tr38901"``: the TR 38.901 element on its principal cut,
        ``min{12 (off / 65 deg)^2, 30}`` dB; ``"isotropic-peak"``: the peak gain
        in every direction (no loss; the regime of the earlier study).

    Returns
    -------
    numpy.ndarray
        Loss, dB.

    Raises
    ------
    ValueError
        For an unknown pattern or an angle out of range.
    """
    if pattern not in PATTERNS:
        raise ValueError(f"pattern must be one of {', '.join(PATTERNS)}; got {pattern!r}")
    off = _check_off("off_boresight_rad", off_boresight_rad)
    if pattern == "isotropic-peak":
        return np.zeros_like(off)
    return -(tr38901_element_gain_dbi(off) - TR38901_G_MAX_DBI)
