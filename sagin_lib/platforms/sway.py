"""Platform sway: how a displaced or tilted HAPS moves and reshapes its footprint.

Airflow and mechanical vibration displace a high-altitude platform and tilt it
(Fig. 10 and Sec. IV-C of the near-space survey), so the ground area it serves
moves and changes shape, and users at the edge fall out of it: a handover.

The model. A HAPS at altitude ``alt_km`` serves the ground users who see it at
least ``min_elevation_rad`` above their horizon (the downlink dome of the
coverage model, a spherical cap of central angle ``phi`` around its nadir) and
who lie inside its antenna beam. The beam points at the platform's nadir when
the platform is upright and its half-width is matched to the dome (its edge
meets the ground exactly at the minimum elevation), so at rest the footprint is
the cap. The platform's state is a horizontal displacement ``displacement_km``
(measured along the platform's sphere) and a tilt ``tilt_rad`` of the beam away
from the local nadir, both in one vertical plane (the x-z plane of the frame in
which the nominal nadir is the north pole); positive values point to +x.

* A displacement alone moves the cap: the users that leave are those of the
  nominal cap outside a cap of the same size whose centre is ``displacement /
  (R + h)`` radians away, a closed form (:func:`cap_intersection_area_km2`,
  :func:`displacement_handover_fraction`).
* A tilt reshapes the footprint: the beam's edge moves in on one side and out
  (where the minimum elevation then clips it) on the other. There is no closed
  form; :func:`footprint_overlap_fraction` integrates over the nominal cap
  (trapezoid rule in azimuth, exact cap areas between radial crossings found by
  bisection), which reproduces the closed form for a displacement alone.

Builds on :mod:`sagin_lib.model` (the dome) and :mod:`sagin_lib.sampling`
(users uniform by area on the cap, for the Monte Carlo check).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from sagin_lib._checks import (
    FloatArray,
    check_count,
    check_elevation,
    check_finite,
    check_interval,
    check_positive,
    scalar_or_array,
)
from sagin_lib._random import RngLike
from sagin_lib.model._docs import GROUND_USERS_PARAMETERS, fill_doc
from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.coverage import downlink_vertex_angle_rad
from sagin_lib.model.dome import Dome

# The motions that drive the footprint have their own module; their names stay
# importable from here as before.
from sagin_lib.platforms.motion import loiter_bank_rad as loiter_bank_rad
from sagin_lib.platforms.motion import loiter_states as loiter_states
from sagin_lib.platforms.motion import oscillation_states as oscillation_states
from sagin_lib.platforms.motion import sinusoid_peaks as sinusoid_peaks
from sagin_lib.sampling.area_uniform import sample_dome

__all__ = [
    "LinkMonteCarlo",
    "PatternLoss",
    "SwayMonteCarlo",
    "cap_intersection_area_km2",
    "displacement_handover_fraction",
    "footprint_boundary_xyz_km",
    "footprint_overlap_fraction",
    "link_monte_carlo",
    "in_sway_footprint",
    "matched_half_beam_rad",
    "outside_share",
    "platform_frames",
    "rim_snr_offset_db",
    "served",
    "served_boundary_xyz_km",
    "sway_monte_carlo",
]

_BISECTION_STEPS = 60
#: Users x states handled at once by the Monte Carlo.
_CHUNK_ELEMENTS = 2_000_000

# A serving rule: which of N ground users, (N, 3) Earth-centred km, each of S
# platform states (positions and unit boresights, (S, 3) each) serves, (N, S).
_Rule = Callable[[FloatArray, FloatArray, FloatArray], np.ndarray]


def _check_alt_elevation(alt_km: ArrayLike, min_elevation_rad: ArrayLike) -> tuple[float, float]:
    h = float(check_positive("alt_km", alt_km, " km"))
    a = float(check_elevation("min_elevation_rad", min_elevation_rad))
    return h, a


def _check_users(user_xyz_km: ArrayLike) -> FloatArray:
    xyz = check_finite("user_xyz_km", user_xyz_km)
    if xyz.ndim != 2 or xyz.shape[1] != 3:
        raise ValueError(f"user_xyz_km must have shape (N, 3); got {xyz.shape}")
    return xyz


@fill_doc(ground_users=GROUND_USERS_PARAMETERS)
def matched_half_beam_rad(alt_km: ArrayLike, min_elevation_rad: ArrayLike) -> FloatArray | float:
    """Half-width of a nadir beam whose edge meets the ground at the minimum elevation.

    In the triangle Earth centre - platform - rim user the angle at the user is
    ``pi/2 + alpha`` and at the centre ``phi``, so the angle at the platform,
    between its nadir and the rim, is ``pi/2 - alpha - phi``.

    {ground_users}

    Returns
    -------
    numpy.ndarray or float
        Half-beamwidth, rad, in ``(0, pi/2)``.

    Examples
    --------
    >>> round(math.degrees(matched_half_beam_rad(20.0, math.radians(10.0))), 4)
    79.0297
    """
    h = check_positive("alt_km", alt_km, " km")
    phi = downlink_vertex_angle_rad(0.0, h, min_elevation_rad)
    return scalar_or_array(np.asarray(math.pi / 2 - np.asarray(min_elevation_rad) - phi))


def cap_intersection_area_km2(
    radius_km: ArrayLike, vertex_angle_rad: ArrayLike, separation_rad: ArrayLike
) -> FloatArray | np.float64:
    """Area common to two equal spherical caps whose centres are ``separation_rad`` apart.

    For caps of angular radius ``t`` on a sphere of radius ``R`` at centre
    separation ``g <= 2 t`` the lens has area
    ``R^2 (2 pi (1 - cos t) - 4 asin(sin(g/2) / sin t) + 4 cos t asin(tan(g/2) / tan t))``,
    the standard two-cap formula with its arccosines rewritten as arcsines,
    which keeps it accurate for small separations. It is 0 for ``g >= 2 t``.

    Parameters
    ----------
    radius_km : array_like
        Radius of the sphere carrying the caps, km, > 0.
    vertex_angle_rad : array_like
        Angular radius of each cap, rad, in ``(0, pi/2]``.
    separation_rad : array_like
        Central angle between the caps' centres, rad, in ``[0, pi]``.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Lens area, km^2.

    Examples
    --------
    Two identical caps overlap completely:

    >>> a = cap_intersection_area_km2(6371.0, 0.1, 0.0)
    >>> bool(np.isclose(a, 2 * np.pi * 6371.0**2 * (1 - np.cos(0.1))))
    True
    """
    r = check_positive("radius_km", radius_km, " km")
    t = check_interval("vertex_angle_rad", vertex_angle_rad, 0.0, math.pi / 2, low_closed=False)
    g = check_interval("separation_rad", separation_rad, 0.0, math.pi)
    r, t, g = np.broadcast_arrays(r, t, g)
    overlap = g < 2.0 * t
    gg = np.where(overlap, g, 0.0)
    u = np.clip(np.sin(0.5 * gg) / np.sin(t), 0.0, 1.0)
    v = np.clip(np.tan(0.5 * gg) / np.tan(t), 0.0, 1.0)
    cap = 4.0 * np.pi * np.sin(0.5 * t) ** 2
    # The part of one cap outside the other, then the lens.
    outside = 4.0 * (np.arcsin(u) - np.cos(t) * np.arcsin(v))
    lens = np.where(overlap, np.clip(cap - outside, 0.0, cap), 0.0)
    return scalar_or_array(r**2 * lens)


@fill_doc(ground_users=GROUND_USERS_PARAMETERS)
def displacement_handover_fraction(
    alt_km: ArrayLike, min_elevation_rad: ArrayLike, displacement_km: ArrayLike
) -> FloatArray | np.float64:
    """Share of a platform's users that a horizontal displacement puts outside its footprint.

    Users uniform by area on the nominal ground cap; after a displacement by
    ``displacement_km`` along the platform's sphere the cap's centre moves by
    ``g = |displacement_km| / (R + h)`` and the users in the nominal cap but
    not in the moved one leave: ``1 - lens(phi, g) / cap(phi)``.

    {ground_users}
    displacement_km : array_like
        Horizontal displacement, km, finite (its sign does not matter).

    Returns
    -------
    numpy.ndarray or numpy.float64
        Handover fraction in ``[0, 1]``.

    Examples
    --------
    >>> round(float(displacement_handover_fraction(20.0, math.radians(10.0), 1.0)), 6)
    0.005882
    """
    h = check_positive("alt_km", alt_km, " km")
    d = np.abs(check_finite("displacement_km", displacement_km))
    phi = downlink_vertex_angle_rad(0.0, h, min_elevation_rad)
    h, d, phi = np.broadcast_arrays(h, d, phi)
    g = np.minimum(d / (EARTH_RADIUS_KM + h), math.pi)
    lens = cap_intersection_area_km2(EARTH_RADIUS_KM, phi, g)
    # Lemma 1 written out rather than model.dome.dome_area_km2: its tangent
    # form rounds differently in the last bits, and the lens above is built
    # from this sine form.
    cap = 4.0 * np.pi * EARTH_RADIUS_KM**2 * np.sin(0.5 * phi) ** 2
    return scalar_or_array(np.clip(1.0 - lens / cap, 0.0, 1.0))


def _platform_frame(
    alt_km: float, displacement_km: FloatArray, tilt_rad: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Positions (S, 3) and beam boresights (S, 3) of the platform states."""
    r_p = EARTH_RADIUS_KM + alt_km
    delta = displacement_km / r_p
    up = np.stack([np.sin(delta), np.zeros_like(delta), np.cos(delta)], axis=-1)
    ahead = np.stack([np.cos(delta), np.zeros_like(delta), -np.sin(delta)], axis=-1)
    boresight = -np.cos(tilt_rad)[:, None] * up + np.sin(tilt_rad)[:, None] * ahead
    return r_p * up, boresight


def _check_quadrature(n_azimuth: int, n_radial: int) -> tuple[int, int]:
    n_az, n_r = check_count("n_azimuth", n_azimuth), check_count("n_radial", n_radial)
    if n_az < 8 or n_r < 8:
        raise ValueError("n_azimuth and n_radial must be at least 8")
    return n_az, n_r


def _check_n_points(n_points: int) -> int:
    n = check_count("n_points", n_points)
    if n < 3:
        raise ValueError(f"n_points must be at least 3; got {n}")
    return n


def _states(displacement_km: ArrayLike, tilt_rad: ArrayLike) -> tuple[FloatArray, FloatArray]:
    d = check_finite("displacement_km", displacement_km)
    t = check_interval(
        "tilt_rad", tilt_rad, -math.pi / 2, math.pi / 2, description="[-pi/2, pi/2] rad"
    )
    d, t = np.broadcast_arrays(d, t)
    return np.atleast_1d(d).astype(float).ravel(), np.atleast_1d(t).astype(float).ravel()


def _chunked(rule: _Rule) -> _Rule:
    """``rule`` on the users in chunks: its (users, states, 3) work arrays stay near 50 MB."""

    def chunked(user_xyz_km: FloatArray, position: FloatArray, boresight: FloatArray) -> np.ndarray:
        chunk = max(1, _CHUNK_ELEMENTS // max(1, position.shape[0]))
        n = user_xyz_km.shape[0]
        if n <= chunk:
            return rule(user_xyz_km, position, boresight)
        return np.concatenate(
            [rule(user_xyz_km[i : i + chunk], position, boresight) for i in range(0, n, chunk)]
        )

    return chunked


def _sight(
    user_xyz_km: FloatArray, position: FloatArray, boresight: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Range, elevation sine and off-boresight cosine from N ground points to S states, (N, S)."""
    u = user_xyz_km[:, None, :]
    los = position[None, :, :] - u  # user -> platform
    dist = np.sqrt(np.einsum("nsk,nsk->ns", los, los))
    up = user_xyz_km / np.linalg.norm(user_xyz_km, axis=1, keepdims=True)
    sin_el = np.einsum("nsk,nk->ns", los, up) / dist
    cos_off = -np.einsum("nsk,sk->ns", los, boresight) / dist
    return dist, sin_el, cos_off


def _beam_rule(sin_min_el: float, cos_half_beam: float) -> _Rule:
    """Served in the footprint: seen high enough, and inside a brick-wall beam."""

    @_chunked
    def rule(users: FloatArray, position: FloatArray, boresight: FloatArray) -> np.ndarray:
        _, sin_el, cos_off = _sight(users, position, boresight)
        return (sin_el >= sin_min_el) & (cos_off >= cos_half_beam)

    return rule


def in_sway_footprint(
    user_xyz_km: ArrayLike,
    alt_km: float,
    min_elevation_rad: float,
    displacement_km: ArrayLike = 0.0,
    tilt_rad: ArrayLike = 0.0,
    half_beam_rad: float | None = None,
) -> np.ndarray:
    """Which ground users each platform state serves.

    A user is served when it sees the platform at least ``min_elevation_rad``
    above its horizon and lies within ``half_beam_rad`` of the beam's
    boresight.

    Parameters
    ----------
    user_xyz_km : array_like
        Shape (N, 3): Earth-centred Cartesian coordinates of the users, km
        (the nominal nadir is the north pole).
    alt_km : float
        Platform altitude, km, > 0.
    min_elevation_rad : float
        Minimum elevation, rad, in ``[0, pi/2)``.
    displacement_km, tilt_rad : array_like, optional
        The platform states (broadcast together, S of them): horizontal
        displacement along +x, km, and beam tilt towards +x, rad, in
        ``[-pi/2, pi/2]``. Default: upright at the nominal position.
    half_beam_rad : float, optional
        Beam half-width, rad, in ``(0, pi)``; default
        :func:`matched_half_beam_rad`.

    Returns
    -------
    numpy.ndarray
        Boolean, shape (N, S).
    """
    h, a = _check_alt_elevation(alt_km, min_elevation_rad)
    xyz = _check_users(user_xyz_km)
    beam = (
        float(matched_half_beam_rad(h, a))
        if half_beam_rad is None
        else float(check_interval("half_beam_rad", half_beam_rad, 0.0, math.pi, low_closed=False))
    )
    d, t = _states(displacement_km, tilt_rad)
    position, boresight = _platform_frame(h, d, t)
    return _beam_rule(math.sin(a), math.cos(beam))(xyz, position, boresight)


def _ground_points(psi: FloatArray, az: FloatArray) -> FloatArray:
    """Ground points at central angle ``psi`` from the north pole and azimuth ``az``.

    The unit vector of :func:`sagin_lib.model.sphere.spherical_to_cartesian`
    scaled afterwards: ``R * (sin(psi) cos(az), sin(psi) sin(az), cos(psi))``,
    the rounding this module has always used (the radius first would round
    differently and move the bisected edges in their last bits). Its arithmetic
    is written out here without the checks of its arguments: the angles come
    from this module's own grids and brackets, and the bisections call this
    thousands of times (the same bits: a test compares the two).
    """
    sin_psi = np.sin(psi)
    return EARTH_RADIUS_KM * np.stack(
        [sin_psi * np.cos(az), sin_psi * np.sin(az), np.cos(psi)], axis=-1
    )


def _bisect(
    lo: FloatArray, hi: FloatArray, keeps_low_side: Callable[[FloatArray], np.ndarray]
) -> tuple[FloatArray, FloatArray]:
    """Brackets ``[lo, hi]`` narrowed by bisection, each ``_BISECTION_STEPS`` times at most.

    ``keeps_low_side(mid)`` is True where the midpoint lies on the side of
    ``lo`` (it becomes the new ``lo``), False where it becomes the new ``hi``.
    A step is a function of the brackets alone, so once one leaves every
    bracket as it was (they have shrunk to adjacent floats) every later step
    would repeat it: the loop stops there with the result of all the steps.
    """
    for _ in range(_BISECTION_STEPS):
        mid = 0.5 * (lo + hi)
        keep = keeps_low_side(mid)
        new_lo, new_hi = np.where(keep, mid, lo), np.where(keep, hi, mid)
        if np.array_equal(new_lo, lo) and np.array_equal(new_hi, hi):
            break
        lo, hi = new_lo, new_hi
    return lo, hi


def _edge_points(
    rule: _Rule,
    position: FloatArray,
    boresight: FloatArray,
    rot: FloatArray,
    az: FloatArray,
    outer_rad: float,
) -> FloatArray:
    """Edge of one state's served area along each azimuth, by bisection in ``[0, outer_rad]``.

    ``rot`` takes the north pole to the platform's nadir, about which the area
    is taken as star-shaped.
    """
    lo, hi = _bisect(
        np.zeros(az.size),
        np.full(az.size, outer_rad),
        lambda mid: rule(_ground_points(mid, az) @ rot.T, position, boresight)[:, 0],
    )
    return _ground_points(0.5 * (lo + hi), az) @ rot.T


def footprint_overlap_fraction(
    alt_km: float,
    min_elevation_rad: float,
    displacement_km: ArrayLike,
    tilt_rad: ArrayLike,
    *,
    n_azimuth: int = 360,
    n_radial: int = 128,
) -> float:
    """Share of the nominal footprint's users outside the footprint of at least one state.

    For one state this is the instantaneous handover fraction; for the states
    of a sway cycle it is the share of users that leave at least once. Users are
    uniform by area on the nominal cap (central angle ``phi``). The covered area
    is integrated in polar coordinates about the nominal nadir: the trapezoid
    rule over ``n_azimuth`` azimuths (spectrally accurate for a periodic
    integrand) and, along each azimuth, exact cap areas between the crossings
    of the footprint boundaries, located by bisection inside each of
    ``n_radial`` radial cells (one crossing per cell is assumed).

    Parameters
    ----------
    alt_km : float
        Platform altitude, km, > 0.
    min_elevation_rad : float
        Minimum elevation, rad, in ``[0, pi/2)``.
    displacement_km, tilt_rad : array_like
        The platform states (see :func:`in_sway_footprint`).
    n_azimuth, n_radial : int, optional
        Quadrature resolution, each >= 8.

    Returns
    -------
    float
        Fraction in ``[0, 1]``.
    """
    h, a = _check_alt_elevation(alt_km, min_elevation_rad)
    n_az, n_r = _check_quadrature(n_azimuth, n_radial)
    d, t = _states(displacement_km, tilt_rad)
    position, boresight = _platform_frame(h, d, t)
    return _share_ever_outside(h, a, _membership(h, a, None), position, boresight, n_az, n_r)


def footprint_boundary_xyz_km(
    alt_km: float,
    min_elevation_rad: float,
    displacement_km: float,
    tilt_rad: float,
    n_points: int = 181,
) -> FloatArray:
    """Points on the boundary of one state's footprint, for drawing it.

    Along each of ``n_points`` azimuths about the platform's own nadir the
    boundary is found by bisection, assuming the footprint is star-shaped about
    that nadir (true while the nadir stays in the beam, ``|tilt| < half_beam``).

    Parameters
    ----------
    alt_km, min_elevation_rad, displacement_km, tilt_rad : float
        The platform and its state (see :func:`in_sway_footprint`); the tilt must
        be smaller in size than the matched half-beam.
    n_points : int, optional
        Number of boundary points (the last repeats the first), >= 3.

    Returns
    -------
    numpy.ndarray
        Shape (n_points, 3), Earth-centred coordinates, km.
    """
    h, a = _check_alt_elevation(alt_km, min_elevation_rad)
    n = _check_n_points(n_points)
    beam = float(matched_half_beam_rad(h, a))
    d, t = _states(displacement_km, tilt_rad)
    if d.size != 1 or abs(float(t[0])) >= beam:
        raise ValueError(
            f"tilt_rad must be one value smaller in size than the half-beam {beam:.4f} rad"
        )
    position, boresight = _platform_frame(h, d, t)
    delta = float(d[0]) / (EARTH_RADIUS_KM + h)
    phi = float(downlink_vertex_angle_rad(0.0, h, a))
    az = np.linspace(0.0, 2.0 * np.pi, n)
    # Rotation taking the north pole to the platform's nadir (about y by delta).
    c, s = math.cos(delta), math.sin(delta)
    rot = np.array([[c, 0.0, s], [0.0, 1.0, 0.0], [-s, 0.0, c]])
    rule = _membership(h, a, None)
    return _edge_points(rule, position, boresight, rot, az, phi * (1.0 + 1e-9))


def _users_at_rest(
    n_users: int, alt_km: float, min_elevation_rad: float, rng: RngLike
) -> tuple[int, float, float, FloatArray]:
    """The checked count, altitude and elevation, and the users drawn uniform on the dome."""
    n = check_count("n_users", n_users)
    if n < 1:
        raise ValueError("n_users must be at least 1")
    h, a = _check_alt_elevation(alt_km, min_elevation_rad)
    phi = float(downlink_vertex_angle_rad(0.0, h, a))
    return n, h, a, sample_dome(n, Dome(0.0, phi), rng=rng)


# The arguments of the Monte Carlos, which draw their users with _users_at_rest.
_users_at_rest_doc = fill_doc(
    users_at_rest="""
    Parameters
    ----------
    n_users : int
        Number of users, >= 1, uniform by area on the footprint at rest (the
        dome, :func:`sagin_lib.sampling.area_uniform.sample_dome`).
    alt_km, min_elevation_rad : float
        The platform (see :func:`in_sway_footprint`).
    """,
    rng="""
    rng : int, numpy.random.SeedSequence, numpy.random.Generator or None, optional
        Source of randomness (see :mod:`sagin_lib._random`).
    """,
)


def _count_outside(
    users: FloatArray, n_states: int, outside: Callable[[FloatArray], np.ndarray]
) -> tuple[np.ndarray, int, int]:
    """Per state the users ``outside`` marks (N, S), the users outside once at least, the exits.

    Exits are outside steps after a served one, counted cyclically over the states.

    Users go in chunks, so that the (users, states, 3) work arrays stay near 50 MB.
    """
    chunk = max(1, _CHUNK_ELEMENTS // n_states)
    outside_count = np.zeros(n_states, dtype=np.int64)
    ever = exits = 0
    for start in range(0, users.shape[0], chunk):
        out = outside(users[start : start + chunk])
        outside_count += out.sum(axis=0)
        ever += int(out.any(axis=1).sum())
        exits += int((out & ~np.roll(out, 1, axis=1)).sum())
    return outside_count, ever, exits


@dataclass(frozen=True)
class SwayMonteCarlo:
    """Monte Carlo of users under a swaying platform.

    Attributes
    ----------
    n_users : int
        Users drawn uniform by area on the nominal footprint.
    outside_fraction : numpy.ndarray
        Share of users outside the footprint at each state, shape (S,).
    ever_outside_fraction : float
        Share of users outside at one state at least.
    """

    n_users: int
    outside_fraction: FloatArray
    ever_outside_fraction: float


@_users_at_rest_doc
def sway_monte_carlo(
    n_users: int,
    alt_km: float,
    min_elevation_rad: float,
    displacement_km: ArrayLike,
    tilt_rad: ArrayLike,
    *,
    rng: RngLike = None,
) -> SwayMonteCarlo:
    """Draw users on the nominal footprint and count those each state loses.

    {users_at_rest}
    displacement_km, tilt_rad : array_like
        The platform states, e.g. from :func:`oscillation_states`.
    {rng}

    Returns
    -------
    SwayMonteCarlo
    """
    n, h, a, users = _users_at_rest(n_users, alt_km, min_elevation_rad, rng)

    def lost(block: FloatArray) -> np.ndarray:
        # A user drawn on the rim sees the platform exactly at the minimum elevation;
        # one that rounding puts outside the footprint at rest is never counted as lost.
        at_rest = in_sway_footprint(block, h, a)[:, 0]
        return ~in_sway_footprint(block, h, a, displacement_km, tilt_rad) & at_rest[:, None]

    n_states = _states(displacement_km, tilt_rad)[0].size
    outside_count, ever, _ = _count_outside(users, n_states, lost)
    return SwayMonteCarlo(
        n_users=n,
        outside_fraction=outside_count / n,
        ever_outside_fraction=ever / n,
    )


# ----------------------------------------------------------------- flown motion, link rule

#: A pattern: loss below the peak gain (dB, >= 0) at an angle off boresight (rad).
PatternLoss = Callable[[np.ndarray], np.ndarray]


def platform_frames(
    alt_km: float,
    east_km: ArrayLike,
    north_km: ArrayLike,
    tilt_east_rad: ArrayLike,
    tilt_north_rad: ArrayLike,
) -> tuple[FloatArray, FloatArray]:
    """Positions and beam boresights of platform states anywhere around the nominal nadir.

    A state is a horizontal displacement ``(east_km, north_km)`` along the
    platform's sphere (x is east, y north, the nominal nadir the north pole) and
    a tilt of the beam away from the local nadir with components
    ``(tilt_east_rad, tilt_north_rad)`` (its size is the tilt, its direction
    where the beam leans). With ``north_km = tilt_north_rad = 0`` these are the
    states of :func:`in_sway_footprint`.

    Parameters
    ----------
    alt_km : float
        Platform altitude, km, > 0.
    east_km, north_km : array_like
        Displacement components, km, finite (broadcast together).
    tilt_east_rad, tilt_north_rad : array_like
        Tilt components, rad; the tilt's size must stay below pi/2.

    Returns
    -------
    position_km, boresight : numpy.ndarray
        Each of shape (S, 3): Earth-centred position, km, and unit boresight.
    """
    h = float(check_positive("alt_km", alt_km, " km"))
    e, n, te, tn = (
        np.atleast_1d(check_finite(name, v)).astype(float)
        for name, v in (
            ("east_km", east_km),
            ("north_km", north_km),
            ("tilt_east_rad", tilt_east_rad),
            ("tilt_north_rad", tilt_north_rad),
        )
    )
    e, n, te, tn = (x.ravel() for x in np.broadcast_arrays(e, n, te, tn))
    tilt = np.hypot(te, tn)
    if np.any(tilt >= math.pi / 2):
        raise ValueError("the tilt (hypot of tilt_east_rad, tilt_north_rad) must be below pi/2")
    r_p = EARTH_RADIUS_KM + h
    delta = np.hypot(e, n) / r_p
    az = np.arctan2(n, e)
    # Rotation about the horizontal axis (-sin az, cos az, 0) by delta takes the pole to the nadir.
    kx, ky = -np.sin(az), np.cos(az)
    c, s = np.cos(delta), np.sin(delta)

    def rotate(v: FloatArray) -> FloatArray:
        k = np.stack([kx, ky, np.zeros_like(kx)], axis=-1)
        cross = np.cross(k, v)
        dot = np.einsum("sk,sk->s", k, v)
        return v * c[:, None] + cross * s[:, None] + k * (dot * (1.0 - c))[:, None]

    up = rotate(np.tile([0.0, 0.0, 1.0], (e.size, 1)))
    lean = np.arctan2(tn, te)
    local = np.stack(
        [np.sin(tilt) * np.cos(lean), np.sin(tilt) * np.sin(lean), -np.cos(tilt)], axis=-1
    )
    return r_p * up, rotate(local)


def rim_snr_offset_db(
    alt_km: float, min_elevation_rad: float, pattern_loss_db: PatternLoss
) -> float:
    """Relative SNR at the rim of the footprint at rest: ``-loss(beta) - 20 log10(d_rim)``.

    The link rule serves a user while its relative SNR (pattern loss and
    spreading loss, in dB, against a reference that cancels) is at least this
    value: the beam is designed to deliver its threshold SNR exactly at the
    dome's rim, so at rest the served area is the dome.

    Parameters
    ----------
    alt_km : float
        Platform altitude, km, > 0.
    min_elevation_rad : float
        Minimum elevation, rad, in ``[0, pi/2)``.
    pattern_loss_db : callable
        Loss below peak gain, dB, of an angle off boresight, rad.

    Returns
    -------
    float
        dB (relative to 1 km).
    """
    h, a = _check_alt_elevation(alt_km, min_elevation_rad)
    beta = float(matched_half_beam_rad(h, a))
    phi = float(downlink_vertex_angle_rad(0.0, h, a))
    r_p = EARTH_RADIUS_KM + h
    # The law of cosines in Python floats, not model.coverage.slant_range_km:
    # the threshold must round like the ranges the link rule compares with it
    # (the rim user at rest is served by a margin of 1e-9 dB), and the model's
    # cancellation-free form differs in the last bits.
    d_rim = math.sqrt(EARTH_RADIUS_KM**2 + r_p**2 - 2.0 * EARTH_RADIUS_KM * r_p * math.cos(phi))
    return float(-np.asarray(pattern_loss_db(np.asarray([beta])))[0] - 20.0 * math.log10(d_rim))


def _link_rule(sin_min_el: float, threshold_db: float, pattern_loss_db: PatternLoss) -> _Rule:
    """Served under the link rule: seen high enough, with the relative SNR of the rim."""

    @_chunked
    def rule(users: FloatArray, position: FloatArray, boresight: FloatArray) -> np.ndarray:
        dist, sin_el, cos_off = _sight(users, position, boresight)
        off = np.arccos(np.clip(cos_off, -1.0, 1.0))
        snr = -np.asarray(pattern_loss_db(off)) - 20.0 * np.log10(dist)
        # A hair of tolerance: the rim user at rest is served despite rounding.
        return (sin_el >= sin_min_el - 1e-12) & (snr >= threshold_db - 1e-9)

    return rule


def _membership(
    alt_km: float, min_elevation_rad: float, pattern_loss_db: PatternLoss | None
) -> _Rule:
    """The serving rule: a matched brick-wall beam (None) or the link rule with a pattern."""
    h, a = alt_km, min_elevation_rad
    if pattern_loss_db is None:
        return _beam_rule(math.sin(a), math.cos(float(matched_half_beam_rad(h, a))))
    return _link_rule(math.sin(a), rim_snr_offset_db(h, a, pattern_loss_db), pattern_loss_db)


def served(
    user_xyz_km: ArrayLike,
    alt_km: float,
    min_elevation_rad: float,
    east_km: ArrayLike = 0.0,
    north_km: ArrayLike = 0.0,
    tilt_east_rad: ArrayLike = 0.0,
    tilt_north_rad: ArrayLike = 0.0,
    *,
    pattern_loss_db: PatternLoss | None = None,
) -> np.ndarray:
    """Which ground users each platform state serves, by the beam's edge or by the link.

    With ``pattern_loss_db=None`` a user is served inside the matched beam
    (a brick wall, as :func:`in_sway_footprint`); with a pattern, while it sees
    the platform at least ``min_elevation_rad`` up and its relative SNR
    ``-loss(off-boresight angle) - 20 log10(range)`` is at least the rim's at
    rest (:func:`rim_snr_offset_db`).

    Parameters
    ----------
    user_xyz_km : array_like
        Shape (N, 3), Earth-centred coordinates, km.
    alt_km, min_elevation_rad : float
        The platform.
    east_km, north_km, tilt_east_rad, tilt_north_rad : array_like, optional
        The states (:func:`platform_frames`).
    pattern_loss_db : callable, optional
        Loss below peak gain, dB, of the angle off boresight, rad (for example
        :func:`sagin_lib.platforms.antenna.pattern_loss_db`).

    Returns
    -------
    numpy.ndarray
        Boolean, shape (N, S).
    """
    h, a = _check_alt_elevation(alt_km, min_elevation_rad)
    xyz = _check_users(user_xyz_km)
    pos, bore = platform_frames(h, east_km, north_km, tilt_east_rad, tilt_north_rad)
    return _membership(h, a, pattern_loss_db)(xyz, pos, bore)


def _outside_share(
    phi: float, inside: Callable[[FloatArray, FloatArray], np.ndarray], n_az: int, n_r: int
) -> float:
    """Share of the cap of angular radius ``phi`` where ``inside`` is False (polar quadrature)."""
    az = 2.0 * np.pi * np.arange(n_az) / n_az
    edges = np.linspace(0.0, phi, n_r + 1)
    psi_grid, az_grid = np.meshgrid(edges, az)
    m = inside(psi_grid, az_grid)
    lo, hi = psi_grid[:, :-1], psi_grid[:, 1:]
    m_lo, m_hi = m[:, :-1], m[:, 1:]
    # Area of the ring between polar angles x < y per unit azimuth: cos x - cos y.
    ring = 2.0 * np.sin(0.5 * (lo + hi)) * np.sin(0.5 * (hi - lo))
    covered = np.where(m_lo & m_hi, ring, 0.0)
    mixed = m_lo != m_hi
    if mixed.any():
        a_lo, a_hi = lo[mixed].copy(), hi[mixed].copy()
        az_m = az_grid[:, :-1][mixed]
        start_in = m_lo[mixed]
        a_lo, a_hi = _bisect(a_lo, a_hi, lambda mid: inside(mid, az_m) == start_in)
        cross = 0.5 * (a_lo + a_hi)
        x = np.where(start_in, lo[mixed], cross)
        y = np.where(start_in, cross, hi[mixed])
        covered[mixed] = 2.0 * np.sin(0.5 * (x + y)) * np.sin(0.5 * (y - x))
    covered_area = covered.sum(axis=1).mean() * 2.0 * np.pi
    cap_area = 4.0 * np.pi * math.sin(0.5 * phi) ** 2
    return float(np.clip(1.0 - covered_area / cap_area, 0.0, 1.0))


def _share_ever_outside(
    alt_km: float,
    min_elevation_rad: float,
    rule: _Rule,
    position: FloatArray,
    boresight: FloatArray,
    n_az: int,
    n_r: int,
) -> float:
    """Share of the dome at rest outside the area ``rule`` serves in at least one state."""
    phi = float(downlink_vertex_angle_rad(0.0, alt_km, min_elevation_rad))

    def inside(psi: FloatArray, az: FloatArray) -> np.ndarray:
        pts = _ground_points(psi.ravel(), az.ravel())
        return rule(pts, position, boresight).all(axis=1).reshape(psi.shape)

    return _outside_share(phi, inside, n_az, n_r)


def outside_share(
    alt_km: float,
    min_elevation_rad: float,
    east_km: ArrayLike = 0.0,
    north_km: ArrayLike = 0.0,
    tilt_east_rad: ArrayLike = 0.0,
    tilt_north_rad: ArrayLike = 0.0,
    *,
    pattern_loss_db: PatternLoss | None = None,
    n_azimuth: int = 360,
    n_radial: int = 128,
) -> float:
    """Share of the footprint's users (at rest) not served by at least one of the states.

    For one state the instantaneous handover share; for the states of a
    cycle, the share that leaves at least once. The quadrature of
    :func:`footprint_overlap_fraction`, for states anywhere around the nadir
    and either serving rule (:func:`served`).

    Parameters
    ----------
    alt_km, min_elevation_rad : float
        The platform.
    east_km, north_km, tilt_east_rad, tilt_north_rad : array_like, optional
        The states (:func:`platform_frames`).
    pattern_loss_db : callable, optional
        The pattern of the link rule; None: the matched brick-wall beam.
    n_azimuth, n_radial : int, optional
        Quadrature resolution, each >= 8.

    Returns
    -------
    float
        Share in ``[0, 1]``.
    """
    h, a = _check_alt_elevation(alt_km, min_elevation_rad)
    n_az, n_r = _check_quadrature(n_azimuth, n_radial)
    pos, bore = platform_frames(h, east_km, north_km, tilt_east_rad, tilt_north_rad)
    return _share_ever_outside(h, a, _membership(h, a, pattern_loss_db), pos, bore, n_az, n_r)


def served_boundary_xyz_km(
    alt_km: float,
    min_elevation_rad: float,
    east_km: float = 0.0,
    north_km: float = 0.0,
    tilt_east_rad: float = 0.0,
    tilt_north_rad: float = 0.0,
    *,
    pattern_loss_db: PatternLoss | None = None,
    n_points: int = 181,
) -> FloatArray:
    """Points on the edge of one state's served area, for drawing it.

    Along each of ``n_points`` azimuths about the platform's own nadir the edge
    is found by bisection out to 1.5 times the dome's radius (the served area
    is taken as star-shaped about that nadir).

    Parameters
    ----------
    alt_km, min_elevation_rad : float
        The platform.
    east_km, north_km, tilt_east_rad, tilt_north_rad : float, optional
        One state (:func:`platform_frames`).
    pattern_loss_db : callable, optional
        As in :func:`served`.
    n_points : int, optional
        Number of points (the last repeats the first), >= 3.

    Returns
    -------
    numpy.ndarray
        Shape (n_points, 3), Earth-centred coordinates, km.
    """
    h, a = _check_alt_elevation(alt_km, min_elevation_rad)
    n = _check_n_points(n_points)
    pos, bore = platform_frames(h, east_km, north_km, tilt_east_rad, tilt_north_rad)
    rule = _membership(h, a, pattern_loss_db)
    nadir = pos[0] / np.linalg.norm(pos[0])
    phi = float(downlink_vertex_angle_rad(0.0, h, a))
    az = np.linspace(0.0, 2.0 * np.pi, n)
    # Rotation taking the north pole to the platform's nadir (Rodrigues).
    z = np.array([0.0, 0.0, 1.0])
    axis = np.cross(z, nadir)
    s, c = float(np.linalg.norm(axis)), float(nadir[2])
    rot = np.eye(3)
    if s > 0.0:
        k = axis / s
        kx = np.array([[0.0, -k[2], k[1]], [k[2], 0.0, -k[0]], [-k[1], k[0], 0.0]])
        rot = np.eye(3) + s * kx + (1.0 - c) * kx @ kx
    return _edge_points(rule, pos, bore, rot, az, 1.5 * phi)


@dataclass(frozen=True)
class LinkMonteCarlo:
    """Monte Carlo of users under a moving platform over one cycle of its motion.

    Attributes
    ----------
    n_users : int
        Users drawn uniform by area on the footprint at rest.
    outside_fraction : numpy.ndarray
        Share of users not served at each state, shape (S,).
    ever_outside_fraction : float
        Share not served at one state at least.
    exits_per_user : float
        Served-to-unserved transitions per user and cycle (cyclic), over all users.
    exits_per_leaving_user : float
        The same among the users that leave at least once (0 if none does).
    """

    n_users: int
    outside_fraction: FloatArray
    ever_outside_fraction: float
    exits_per_user: float
    exits_per_leaving_user: float


@_users_at_rest_doc
def link_monte_carlo(
    n_users: int,
    alt_km: float,
    min_elevation_rad: float,
    east_km: ArrayLike,
    north_km: ArrayLike,
    tilt_east_rad: ArrayLike,
    tilt_north_rad: ArrayLike,
    *,
    pattern_loss_db: PatternLoss | None = None,
    rng: RngLike = None,
) -> LinkMonteCarlo:
    """Draw users on the footprint at rest and follow them through one cycle of states.

    {users_at_rest}
    east_km, north_km, tilt_east_rad, tilt_north_rad : array_like
        The states of one cycle, in time order (:func:`loiter_states`, say).
    pattern_loss_db : callable, optional
        The link rule's pattern (:func:`served`); None: the brick-wall beam.
    {rng}

    Returns
    -------
    LinkMonteCarlo
    """
    n, h, a, users = _users_at_rest(n_users, alt_km, min_elevation_rad, rng)
    pos, bore = platform_frames(h, east_km, north_km, tilt_east_rad, tilt_north_rad)
    rule = _membership(h, a, pattern_loss_db)
    rest_pos, rest_bore = platform_frames(h, 0.0, 0.0, 0.0, 0.0)

    def lost(block: FloatArray) -> np.ndarray:
        at_rest = rule(block, rest_pos, rest_bore)[:, 0]
        return ~rule(block, pos, bore) & at_rest[:, None]

    outside_count, ever, exits = _count_outside(users, pos.shape[0], lost)
    return LinkMonteCarlo(
        n_users=n,
        outside_fraction=outside_count / n,
        ever_outside_fraction=ever / n,
        exits_per_user=exits / n,
        exits_per_leaving_user=exits / ever if ever else 0.0,
    )
