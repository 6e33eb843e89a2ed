"""Points on spherical caps: directions drawn uniform by area, angles between them.

The HAPS networks of :mod:`sagin_lib.platforms.cell_free` place HAPS and
satellites uniform by area on caps around a user and measure the central
angles between them, with ragged sets of points padded by NaN rows; these
helpers keep NaN where the model's coordinate functions
(:mod:`sagin_lib.model.sphere`) refuse it. :func:`haps_off_nadir_rad` is the
angle at a HAPS between its nadir and a ground point.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from sagin_lib._checks import check_interval, check_positive
from sagin_lib._random import RngLike, as_generator
from sagin_lib.model.constants import EARTH_RADIUS_KM

__all__ = ["cap_directions", "central_angle_rad", "haps_off_nadir_rad"]


def haps_off_nadir_rad(haps_alt_km: Any, central_angle_rad: Any) -> np.ndarray:
    """Angle off nadir at which a HAPS sees a ground point ``central_angle_rad`` away, rad.

    ``atan2(R_e sin(psi), h + 2 R_e sin^2(psi / 2))``, the angle at the HAPS
    between its nadir and the direction to the ground point (free of
    cancellation near nadir).

    Parameters
    ----------
    haps_alt_km : array_like
        HAPS altitude, km, > 0.
    central_angle_rad : array_like
        Central angle between the HAPS's nadir point and the ground point,
        rad, in ``[0, pi]``. Broadcast with ``haps_alt_km``.

    Returns
    -------
    numpy.ndarray
        Off-nadir angle, rad, in ``[0, pi]``.

    Examples
    --------
    >>> round(math.degrees(float(haps_off_nadir_rad(20.0, 0.0169))), 1)  # the 10 deg edge
    79.0
    """
    h = check_positive("haps_alt_km", haps_alt_km, " km")
    psi = check_interval("central_angle_rad", central_angle_rad, 0.0, math.pi)
    return np.arctan2(
        EARTH_RADIUS_KM * np.sin(psi), h + 2.0 * EARTH_RADIUS_KM * np.sin(0.5 * psi) ** 2
    )


def cap_directions(
    shape: int | tuple[int, ...], cap_angle_rad: float, *, rng: RngLike = None
) -> np.ndarray:
    """Unit vectors uniform by area on the spherical cap around the north pole.

    The central angle from the pole is ``2 asin(sqrt(u) sin(Theta / 2))`` with
    ``u`` uniform on (0, 1], the azimuth uniform: the area of a cap grows as
    ``sin^2(theta / 2)``.

    Parameters
    ----------
    shape : int or tuple of int
        Number (or array shape) of points.
    cap_angle_rad : float
        Angular radius of the cap, rad, in ``(0, pi]``.
    rng : int, SeedSequence, Generator or None, optional
        Randomness (:func:`sagin_lib._random.as_generator`).

    Returns
    -------
    numpy.ndarray
        Shape ``(*shape, 3)``, unit vectors.

    Raises
    ------
    ValueError
        For a cap angle outside ``(0, pi]`` or a bad ``rng``.
    """
    cap = float(check_interval("cap_angle_rad", cap_angle_rad, 0.0, math.pi, low_closed=False))
    gen = as_generator(rng)
    shape = (shape,) if isinstance(shape, (int, np.integer)) else tuple(shape)
    return _directions(*_cap_angles(gen, shape, cap))


def _cap_angles(
    gen: np.random.Generator, shape: tuple[int, ...], cap: float
) -> tuple[np.ndarray, np.ndarray]:
    """Polar angle and azimuth of points uniform by area on a cap (the draws of :func:`cap_directions`)."""
    u = 1.0 - gen.random(shape)
    azimuth = 2.0 * math.pi * gen.random(shape)
    theta = 2.0 * np.arcsin(np.minimum(1.0, np.sqrt(u) * math.sin(0.5 * cap)))
    return theta, azimuth


def _directions(theta: np.ndarray, azimuth: np.ndarray) -> np.ndarray:
    """Unit vectors of polar angles and azimuths (NaN stays NaN)."""
    # model.sphere.spherical_to_cartesian(1.0, azimuth, theta) gives the same
    # bits but refuses NaN, which pads the ragged rows here.
    sin_t = np.sin(theta)
    return np.stack([sin_t * np.cos(azimuth), sin_t * np.sin(azimuth), np.cos(theta)], axis=-1)


def central_angle_rad(a_xyz: Any, b_xyz: Any) -> np.ndarray:
    """Angle between unit vectors (last axis), broadcast, ``atan2(|a x b|, a . b)``.

    Accurate for nearby and for nearly opposite points alike.

    Parameters
    ----------
    a_xyz, b_xyz : array_like
        Unit vectors, shape ``(..., 3)``, broadcast together.

    Returns
    -------
    numpy.ndarray
        Central angle, rad, in ``[0, pi]``.
    """
    # Not model.sphere.central_angle_rad: that one refuses the NaN rows that
    # pad ragged sets of directions here, and sums the dot product by einsum.
    a = np.asarray(a_xyz, dtype=float)
    b = np.asarray(b_xyz, dtype=float)
    if a.shape[-1:] != (3,) or b.shape[-1:] != (3,):
        raise ValueError("a_xyz and b_xyz must have a last axis of length 3")
    # Component by component, so that the broadcast pairs never hold a
    # (..., 3) array: the operations of numpy.cross, of the norm and of the
    # dot product over the last axis, in their order (the same bits).
    ax, ay, az = a[..., 0], a[..., 1], a[..., 2]
    bx, by, bz = b[..., 0], b[..., 1], b[..., 2]
    cx = ay * bz - az * by
    cy = az * bx - ax * bz
    cz = ax * by - ay * bx
    cross = np.sqrt(cx * cx + cy * cy + cz * cz)
    return np.arctan2(cross, ax * bx + ay * by + az * bz)
