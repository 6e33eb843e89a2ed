"""What ground users see of a propagated shell: visible counts, nearest satellite, coverage.

Users stand on a grid of latitudes and ``n_longitudes`` evenly spaced
longitudes of the spherical Earth. A satellite at Earth-fixed position ``x``
(radius ``r``) is visible to a ground user when it is at or above the minimum
elevation ``alpha``, that is when the central angle between them is at most
the vertex angle of the S2G dome, ``psi(r) = arccos(R cos(alpha) / r) - alpha``
(Proposition 1, :func:`sagin_lib.model.coverage.downlink_vertex_angle_rad`,
evaluated at each satellite's own altitude). Optionally a link also needs the
slant range at most ``max_slant_km``, which caps the central angle further.

Counting
--------
For a user latitude ``phi_u``, a satellite of latitude ``phi_s`` and longitude
``lambda_s`` is in the caps of the users whose longitude lies within
``Delta`` of ``lambda_s`` (:func:`~sagin_lib.constellations.density.cap_longitude_halfwidth_rad`):
an interval of grid indices. Adding +1 at its start and -1 past its end, for
every satellite at once (``numpy.bincount``), and a cumulative sum along the
longitudes give the exact count of every grid user at every epoch, in
``O(n_sats n_times + n_times n_longitudes)`` per latitude rather than
``O(n_sats n_times n_longitudes)``.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from sagin_lib._checks import FloatArray, check_interval, check_positive
from sagin_lib.constellations.density import _halfwidth
from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.coverage import downlink_vertex_angle_rad, slant_range_km

__all__ = [
    "cap_angle_rad",
    "count_histogram",
    "nearest_central_angle_rad",
    "satellite_latlon_rad",
    "visible_counts",
]


def _check_positions(ecef_km: ArrayLike) -> FloatArray:
    x = np.asarray(ecef_km, dtype=float)
    if x.ndim != 3 or x.shape[-1] != 3:
        raise ValueError(f"ecef_km must have shape (n_sats, n_times, 3); got {x.shape}")
    if not np.isfinite(x).all():
        raise ValueError("ecef_km must be finite")
    return x


def satellite_latlon_rad(ecef_km: ArrayLike) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Geocentric latitude, longitude (rad) and radius (km) of Earth-fixed positions."""
    x = _check_positions(ecef_km)
    r = np.linalg.norm(x, axis=-1)
    return np.arcsin(x[..., 2] / r), np.arctan2(x[..., 1], x[..., 0]), r


def cap_angle_rad(
    radius_km: ArrayLike, min_elevation_rad: float, max_slant_km: float | None = None
) -> FloatArray:
    """Largest central angle at which a ground user sees (or is served by) a satellite.

    Parameters
    ----------
    radius_km : array_like
        Distance of the satellite from the Earth's centre, km, above the surface.
    min_elevation_rad : float
        Minimum elevation, rad, in ``[0, pi/2)``.
    max_slant_km : float, optional
        Largest slant range of a usable link, km, > 0; None: no limit.

    Returns
    -------
    numpy.ndarray
        Angle, rad; 0 where no point of the sphere qualifies (a slant limit
        below the altitude).
    """
    alt = np.asarray(radius_km, dtype=float) - EARTH_RADIUS_KM
    psi = np.asarray(downlink_vertex_angle_rad(0.0, alt, min_elevation_rad), dtype=float)
    if max_slant_km is None:
        return psi
    d = float(check_positive("max_slant_km", max_slant_km, " km"))
    r = alt + EARTH_RADIUS_KM
    s2 = (d - alt) * (d + alt) / (4.0 * EARTH_RADIUS_KM * r)
    theta = 2.0 * np.arcsin(np.sqrt(np.clip(s2, 0.0, 1.0)))
    return np.where(d < alt, 0.0, np.minimum(psi, theta))


def visible_counts(
    ecef_km: ArrayLike,
    user_latitude_deg: ArrayLike,
    n_longitudes: int,
    min_elevation_rad: float,
    max_slant_km: float | None = None,
) -> np.ndarray:
    """Satellites each grid user sees at each epoch.

    Parameters
    ----------
    ecef_km : array_like
        Earth-fixed positions, shape ``(n_sats, n_times, 3)``, km.
    user_latitude_deg : array_like
        User latitudes, degrees, in ``[-90, 90]``, 1-D.
    n_longitudes : int
        Users per latitude, at longitudes ``360° k / n_longitudes``, >= 1.
    min_elevation_rad : float
        Minimum elevation, rad, in ``[0, pi/2)``.
    max_slant_km : float, optional
        Largest slant range of a usable link, km; None: visibility only.

    Returns
    -------
    numpy.ndarray
        Counts (int64), shape ``(n_latitudes, n_times, n_longitudes)``.
    """
    x = _check_positions(ecef_km)
    lat_u = np.radians(
        np.atleast_1d(
            check_interval("user_latitude_deg", user_latitude_deg, -90.0, 90.0,
                           description="[-90, 90] degrees")
        )
    )  # fmt: skip
    if (
        isinstance(n_longitudes, bool)
        or not isinstance(n_longitudes, (int, np.integer))
        or n_longitudes < 1
    ):
        raise ValueError(f"n_longitudes must be an integer >= 1; got {n_longitudes!r}")
    m = int(n_longitudes)
    n_sats, n_t, _ = x.shape
    lat_s, lon_s, r = satellite_latlon_rad(x)
    psi = cap_angle_rad(r, min_elevation_rad, max_slant_km)
    step = 2.0 * math.pi / m
    t_index = np.broadcast_to(np.arange(n_t), (n_sats, n_t)).ravel()
    width = 2 * m + 1
    lat_s, lon_s, psi = lat_s.ravel(), lon_s.ravel(), psi.ravel()
    out = np.empty((lat_u.size, n_t, m), dtype=np.int64)
    for j, lu in enumerate(lat_u):
        # Only satellites within psi of the user's parallel can be in a cap.
        near = np.flatnonzero(np.abs(lat_s - lu) <= psi)
        delta = _halfwidth(np.float64(lu), lat_s[near], psi[near])
        lon = lon_s[near]
        start = np.ceil((lon - delta) / step - 1e-12).astype(np.int64)
        stop = np.floor((lon + delta) / step + 1e-12).astype(np.int64)
        length = np.where(delta >= 0.0, np.clip(stop - start + 1, 0, m), 0)
        length = np.where(delta >= math.pi, m, length)
        base = t_index[near] * width + np.mod(start, m)
        used = length > 0
        diff = np.bincount(base[used], minlength=n_t * width) - np.bincount(
            (base + length)[used], minlength=n_t * width
        )
        acc = np.cumsum(diff.reshape(n_t, width)[:, : 2 * m], axis=1)
        out[j] = acc[:, :m] + acc[:, m:]
    return out


def count_histogram(counts: ArrayLike, max_count: int | None = None) -> np.ndarray:
    """Share of users and epochs with each visible count, per latitude.

    Parameters
    ----------
    counts : array_like
        Counts of :func:`visible_counts`, shape ``(n_latitudes, ...)``.
    max_count : int, optional
        Last count of the histogram (default: the largest seen).

    Returns
    -------
    numpy.ndarray
        Shape ``(n_latitudes, max_count + 1)``; rows add up to 1.
    """
    c = np.asarray(counts).reshape(np.shape(counts)[0], -1)
    top = int(c.max()) if max_count is None else int(max_count)
    rows = [np.bincount(row, minlength=top + 1)[: top + 1] / row.size for row in c]
    return np.array(rows)


def nearest_central_angle_rad(
    ecef_km: ArrayLike, user_latitude_deg: ArrayLike, n_longitudes: int
) -> FloatArray:
    """Central angle from each grid user to the nearest satellite, at each epoch.

    Brute force over the satellites (use few epochs and longitudes).

    Returns
    -------
    numpy.ndarray
        Shape ``(n_latitudes, n_times, n_longitudes)``, rad.
    """
    x = _check_positions(ecef_km)
    lat_u = np.radians(
        np.atleast_1d(check_interval("user_latitude_deg", user_latitude_deg, -90.0, 90.0))
    )
    lon_u = 2.0 * np.pi * np.arange(int(n_longitudes)) / int(n_longitudes)
    unit = x / np.linalg.norm(x, axis=-1, keepdims=True)  # (S, T, 3)
    out = np.empty((lat_u.size, x.shape[1], lon_u.size))
    for j, lu in enumerate(lat_u):
        users = np.stack(
            [
                np.cos(lu) * np.cos(lon_u),
                np.cos(lu) * np.sin(lon_u),
                np.full_like(lon_u, np.sin(lu)),
            ],
            axis=-1,
        )  # (L, 3)
        cosines = np.einsum("stc,lc->tls", unit, users).max(axis=-1)
        out[j] = np.arccos(np.clip(cosines, -1.0, 1.0))
    return out


def nearest_slant_km(alt_km: float, central_angle: ArrayLike) -> FloatArray:
    """Slant range from a ground user to a point of altitude ``alt_km`` at a central angle."""
    return np.asarray(slant_range_km(0.0, alt_km, central_angle), dtype=float)
