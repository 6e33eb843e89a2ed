"""Coordinates on the Earth-centred spheres of the study, and the dome rotation.

Conventions (those of Section II-B of the coverage paper): the origin is the
Earth's centre, the *polar angle* is measured from the +z axis (the zenith of
the coordinate system) and the *azimuth* from the +x axis towards +y, so

``x = r sin(polar) cos(azimuth)``, ``y = r sin(polar) sin(azimuth)``,
``z = r cos(polar)``.

Latitude is ``90 deg - polar`` and longitude is the azimuth wrapped to
``[-180, 180)`` degrees. Every distance is in km, every angle in radians
unless the name says ``deg``.

The *dome frame* of a dome centred on the direction (azimuth, polar) is the
frame in which that centre is the north pole: :func:`yaw_pitch_matrix` maps
dome-frame coordinates to Earth-centred ones, and :func:`to_dome_frame` goes
back. :func:`in_dome` tests which points lie in a
:class:`~sagin_lib.model.dome.Dome`.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from sagin_lib._checks import (
    FloatArray,
    check_finite,
    check_interval,
    check_nonnegative,
    check_positive,
    scalar_or_array,
)
from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.dome import Dome, as_dome, check_center

__all__ = [
    "angle_from_center_rad",
    "cartesian_to_latlon_deg",
    "cartesian_to_spherical",
    "central_angle_rad",
    "chord_to_arc_km",
    "arc_to_chord_km",
    "direction_xyz",
    "great_circle_distance_km",
    "in_dome",
    "latlon_deg_to_cartesian",
    "latlon_deg_to_direction_rad",
    "spherical_to_cartesian",
    "to_dome_frame",
    "yaw_pitch_matrix",
]

_TWO_PI = 2.0 * math.pi


def _check_xyz(name: str, xyz_km: ArrayLike) -> FloatArray:
    arr = check_finite(name, xyz_km)
    if arr.ndim == 0 or arr.shape[-1] != 3:
        raise ValueError(f"{name} must have shape (..., 3); got shape {arr.shape}")
    return arr


def _direction(azimuth_rad: float, polar_rad: float) -> tuple[float, float]:
    """One checked direction (:func:`~sagin_lib.model.dome.check_center`) as two floats."""
    az, pol = check_center(azimuth_rad, polar_rad)
    if az.ndim or pol.ndim:
        raise ValueError("center_azimuth_rad and center_polar_rad must be single numbers")
    return float(az), float(pol)


def yaw_pitch_matrix(azimuth_rad: float, polar_rad: float) -> FloatArray:
    """The yaw-pitch rotation of eq. (2) of the coverage paper, ``Rz(azimuth) @ Ry(polar)``.

    It takes the north pole ``(0, 0, 1)`` to the unit vector with the given
    azimuth and polar angle, so a dome sampled around the north pole is moved
    onto its receiver's direction by one matrix product.

    Parameters
    ----------
    azimuth_rad : float
        Azimuth of the target direction, rad, any finite value.
    polar_rad : float
        Polar angle of the target direction, rad, in ``[0, pi]``.

    Returns
    -------
    numpy.ndarray
        A (3, 3) float64 rotation matrix (orthonormal, determinant +1).

    Raises
    ------
    ValueError
        If an angle is not finite or the polar angle is outside ``[0, pi]``.

    Examples
    --------
    >>> m = yaw_pitch_matrix(0.0, np.pi / 2)
    >>> np.round(m @ [0.0, 0.0, 1.0], 12) + 0.0
    array([1., 0., 0.])
    """
    az, pol = _direction(azimuth_rad, polar_rad)
    # math.cos/sin on Python floats: the same bits on every platform for the
    # matrix that all sampled coordinates go through.
    ca, sa = math.cos(az), math.sin(az)
    cp, sp = math.cos(pol), math.sin(pol)
    return np.array(
        [
            [ca * cp, -sa, ca * sp],
            [sa * cp, ca, sa * sp],
            [-sp, 0.0, cp],
        ]
    )


def spherical_to_cartesian(
    radius_km: ArrayLike, azimuth_rad: ArrayLike, polar_rad: ArrayLike
) -> FloatArray:
    """Earth-centred Cartesian coordinates of points given in spherical coordinates.

    Parameters
    ----------
    radius_km : array_like
        Distance from the Earth's centre, km, >= 0.
    azimuth_rad : array_like
        Azimuth, rad, any finite value.
    polar_rad : array_like
        Polar angle from +z, rad, in ``[0, pi]``.

    Returns
    -------
    numpy.ndarray
        Shape ``broadcast_shape + (3,)``, km.
    """
    r = check_nonnegative("radius_km", radius_km, " km")
    az = check_finite("azimuth_rad", azimuth_rad)
    pol = check_interval("polar_rad", polar_rad, 0.0, math.pi, description="[0, pi] rad")
    r, az, pol = np.broadcast_arrays(r, az, pol)
    sp = np.sin(pol)
    return np.stack([r * sp * np.cos(az), r * sp * np.sin(az), r * np.cos(pol)], axis=-1)


def cartesian_to_spherical(
    xyz_km: ArrayLike,
) -> tuple[FloatArray | np.float64, FloatArray | np.float64, FloatArray | np.float64]:
    """Spherical coordinates of Earth-centred Cartesian points.

    The polar angle comes from ``atan2(hypot(x, y), z)``, accurate near the
    poles where ``arccos(z / r)`` would lose half its digits.

    Parameters
    ----------
    xyz_km : array_like
        Points, shape ``(..., 3)``, km.

    Returns
    -------
    radius_km : numpy.ndarray or numpy.float64
        Distance from the Earth's centre, km.
    azimuth_rad : numpy.ndarray or numpy.float64
        Azimuth in ``[0, 2 pi)`` (0 on the z axis).
    polar_rad : numpy.ndarray or numpy.float64
        Polar angle in ``[0, pi]``.
    """
    xyz = _check_xyz("xyz_km", xyz_km)
    x, y, z = xyz[..., 0], xyz[..., 1], xyz[..., 2]
    rho = np.hypot(x, y)
    radius = np.hypot(rho, z)
    polar = np.arctan2(rho, z)
    azimuth = np.arctan2(y, x)
    azimuth = np.where(azimuth < 0.0, azimuth + _TWO_PI, azimuth)
    # -tiny + 2 pi rounds to 2 pi, which is outside the half-open range.
    azimuth = np.where(azimuth >= _TWO_PI, 0.0, azimuth)
    return scalar_or_array(radius), scalar_or_array(azimuth), scalar_or_array(polar)


def latlon_deg_to_direction_rad(
    lat_deg: ArrayLike, lon_deg: ArrayLike
) -> tuple[FloatArray | np.float64, FloatArray | np.float64]:
    """Azimuth and polar angle (rad) of a latitude and longitude (degrees).

    Parameters
    ----------
    lat_deg : array_like
        Latitude, degrees, in ``[-90, 90]``.
    lon_deg : array_like
        Longitude, degrees, any finite value.

    Returns
    -------
    azimuth_rad, polar_rad : numpy.ndarray or numpy.float64
        Azimuth in ``[0, 2 pi)`` and polar angle in ``[0, pi]``.
    """
    lat = check_interval("lat_deg", lat_deg, -90.0, 90.0, description="[-90, 90] degrees")
    lon = check_finite("lon_deg", lon_deg)
    azimuth = np.radians(np.mod(lon, 360.0))
    azimuth = np.where(azimuth >= _TWO_PI, 0.0, azimuth)
    polar = np.radians(90.0 - lat)
    return scalar_or_array(azimuth), scalar_or_array(polar)


def latlon_deg_to_cartesian(
    lat_deg: ArrayLike, lon_deg: ArrayLike, alt_km: ArrayLike = 0.0
) -> FloatArray:
    """Earth-centred Cartesian coordinates of a latitude, longitude and altitude.

    Parameters
    ----------
    lat_deg, lon_deg : array_like
        Latitude in ``[-90, 90]`` and longitude (any finite value), degrees.
    alt_km : array_like, optional
        Altitude above the spherical Earth of radius ``EARTH_RADIUS_KM``, km,
        >= 0. Default 0.

    Returns
    -------
    numpy.ndarray
        Shape ``broadcast_shape + (3,)``, km.
    """
    azimuth, polar = latlon_deg_to_direction_rad(lat_deg, lon_deg)
    alt = check_nonnegative("alt_km", alt_km, " km")
    return spherical_to_cartesian(EARTH_RADIUS_KM + alt, azimuth, polar)


def cartesian_to_latlon_deg(
    xyz_km: ArrayLike,
) -> tuple[FloatArray | np.float64, FloatArray | np.float64, FloatArray | np.float64]:
    """Latitude, longitude (degrees) and altitude (km) of Earth-centred points.

    Parameters
    ----------
    xyz_km : array_like
        Earth-centred points of shape ``(..., 3)``, km (the inverse of
        :func:`latlon_deg_to_cartesian`).

    Returns
    -------
    lat_deg : numpy.ndarray or numpy.float64
        Latitude in ``[-90, 90]``.
    lon_deg : numpy.ndarray or numpy.float64
        Longitude in ``[-180, 180)``.
    alt_km : numpy.ndarray or numpy.float64
        Distance from the Earth's centre minus ``EARTH_RADIUS_KM`` (negative
        below the surface).
    """
    radius, azimuth, polar = cartesian_to_spherical(xyz_km)
    lat = 90.0 - np.degrees(polar)
    lon = np.degrees(azimuth)
    lon = np.where(lon >= 180.0, lon - 360.0, lon)
    return (
        scalar_or_array(np.asarray(lat)),
        scalar_or_array(np.asarray(lon)),
        scalar_or_array(np.asarray(radius - EARTH_RADIUS_KM)),
    )


def direction_xyz(azimuth_rad: float, polar_rad: float) -> FloatArray:
    """The unit vector with the given azimuth and polar angle (a dome's centre)."""
    az, pol = _direction(azimuth_rad, polar_rad)
    sp = math.sin(pol)
    return np.array([sp * math.cos(az), sp * math.sin(az), math.cos(pol)])


def central_angle_rad(xyz_a_km: ArrayLike, xyz_b_km: ArrayLike) -> FloatArray | np.float64:
    """Angle at the Earth's centre between the directions of two sets of points.

    ``atan2(|a x b|, a . b)``: accurate for nearby, orthogonal and antipodal
    points alike (``arccos`` of the dot product loses half its digits for
    nearby points). Broadcasts over the leading axes.

    Parameters
    ----------
    xyz_a_km, xyz_b_km : array_like
        Points, shape ``(..., 3)``, km; neither may be the origin.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Angle in ``[0, pi]``.
    """
    a = _check_xyz("xyz_a_km", xyz_a_km)
    b = _check_xyz("xyz_b_km", xyz_b_km)
    cross = np.cross(a, b)
    dot = np.einsum("...i,...i->...", *np.broadcast_arrays(a, b))
    return scalar_or_array(np.arctan2(np.linalg.norm(cross, axis=-1), dot))


def great_circle_distance_km(
    xyz_a_km: ArrayLike, xyz_b_km: ArrayLike, radius_km: ArrayLike | None = None
) -> FloatArray | np.float64:
    """Distance along a sphere between the directions of two sets of points.

    Parameters
    ----------
    xyz_a_km, xyz_b_km : array_like
        Points, shape ``(..., 3)``, km.
    radius_km : array_like, optional
        Radius of the sphere along which to measure, km, > 0. Defaults to the
        distance of each point of ``xyz_a_km`` from the Earth's centre (the
        natural choice when both points lie on the same layer).

    Returns
    -------
    numpy.ndarray or numpy.float64
        ``radius_km * central_angle``, km.
    """
    angle = np.asarray(central_angle_rad(xyz_a_km, xyz_b_km))
    if radius_km is None:
        radius = np.linalg.norm(np.asarray(xyz_a_km, dtype=np.float64), axis=-1)
    else:
        radius = check_positive("radius_km", radius_km, " km")
    return scalar_or_array(np.asarray(radius * angle))


def arc_to_chord_km(arc_km: ArrayLike, radius_km: ArrayLike) -> FloatArray | np.float64:
    """Straight-line (chord) length of a great-circle arc, ``2 R sin(d / 2R)``.

    Monotone in the arc length up to half a circumference, so a chord
    threshold selects the same pairs as a great-circle threshold; arcs longer
    than ``pi R`` are clipped to the diameter.
    """
    arc = check_nonnegative("arc_km", arc_km, " km")
    radius = check_positive("radius_km", radius_km, " km")
    angle = np.minimum(arc / radius, math.pi)
    return scalar_or_array(2.0 * radius * np.sin(0.5 * angle))


def chord_to_arc_km(chord_km: ArrayLike, radius_km: ArrayLike) -> FloatArray | np.float64:
    """Great-circle arc length of a chord, ``2 R arcsin(c / 2R)`` (inverse of :func:`arc_to_chord_km`)."""
    chord = check_nonnegative("chord_km", chord_km, " km")
    radius = check_positive("radius_km", radius_km, " km")
    return scalar_or_array(2.0 * radius * np.arcsin(np.minimum(chord / (2.0 * radius), 1.0)))


def to_dome_frame(
    xyz_km: ArrayLike, center_azimuth_rad: float = 0.0, center_polar_rad: float = 0.0
) -> FloatArray:
    """Coordinates in the frame where the dome centre is the north pole.

    The inverse of the yaw-pitch rotation: ``xyz @ yaw_pitch_matrix(...)``.
    In that frame the dome of vertex angle ``phi`` is ``z >= r cos(phi)``,
    and ``(x, y)`` are horizontal coordinates at the dome centre (``+y`` is
    east of the centre, ``+x`` points away from the z axis of the Earth frame,
    i.e. south on the northern hemisphere).

    Parameters
    ----------
    xyz_km : array_like
        Earth-centred points, shape ``(..., 3)``, km.
    center_azimuth_rad, center_polar_rad : float, optional
        Direction of the dome centre, rad.

    Returns
    -------
    numpy.ndarray
        Same shape as ``xyz_km``.
    """
    xyz = _check_xyz("xyz_km", xyz_km)
    return xyz @ yaw_pitch_matrix(center_azimuth_rad, center_polar_rad)


def angle_from_center_rad(
    xyz_km: ArrayLike, center_azimuth_rad: float = 0.0, center_polar_rad: float = 0.0
) -> FloatArray | np.float64:
    """Central angle between each point and a dome centre, rad, in ``[0, pi]``."""
    xyz = _check_xyz("xyz_km", xyz_km)
    return central_angle_rad(xyz, direction_xyz(center_azimuth_rad, center_polar_rad))


def in_dome(xyz_km: ArrayLike, dome: Dome) -> np.ndarray:
    """Which points lie in a dome (the cone from the Earth's centre through it).

    A point is inside when its direction is within ``dome.vertex_angle_rad``
    of the dome's centre, whatever its altitude; with points of one layer
    this is the coverage test of the scenario.

    Parameters
    ----------
    xyz_km : array_like
        Points, shape ``(..., 3)``, km.
    dome : Dome
        A single dome.

    Returns
    -------
    numpy.ndarray of bool
        Shape ``xyz_km.shape[:-1]``.

    Examples
    --------
    >>> in_dome([[0.0, 0.0, 7000.0], [7000.0, 0.0, 0.0]], Dome(0.0, 0.5)).tolist()
    [True, False]
    """
    dome = as_dome(dome)
    centre = (dome.center_azimuth_rad, dome.center_polar_rad)
    return np.asarray(angle_from_center_rad(xyz_km, *centre)) <= dome.vertex_angle_rad
