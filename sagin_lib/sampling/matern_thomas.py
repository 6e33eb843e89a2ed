"""Hard-core and cluster point processes on spherical domes.

The coverage paper notes that Algorithm 1 extends to other point processes;
these are two standard ones (Chiu et al., *Stochastic Geometry and its
Applications*, sections 5.4 and 5.3), with every distance measured along the
sphere (great-circle distance).

Edge handling
-------------
Both processes are defined on the *whole* sphere and observed through the
dome, so that the points in the dome are an exact (or, for the Thomas
process, nearly exact) restriction of a stationary process, not a process
that thins out towards the rim:

* Matern II: parents are drawn on the dome enlarged by the hard-core distance
  (an extra angle ``r / R``). A point of the dome can only be deleted by a
  parent within ``r`` of it, and all of those are in the enlarged dome, so the
  retained points in the dome are exactly those of the sphere-wide process.
* Thomas: parents are drawn on the dome enlarged by ``7 sigma`` along the
  sphere; a child lands farther than that from its parent with probability
  ``exp(-49 / 2) ~ 2e-11``, the only approximation. Children are kept when
  they fall in the dome; parents are never returned as points.

Hard-core thinning is O(N log N): a :class:`scipy.spatial.cKDTree` on the 3-D
positions finds all pairs within the chord ``2 R sin(r / 2R)``, which is
monotone in the great-circle distance ``r``.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike
from scipy.spatial import cKDTree

from sagin_lib._checks import FloatArray, check_nonnegative, check_scalar_finite, scalar_or_array
from sagin_lib._random import RngLike, as_generator
from sagin_lib.model.coverage import dome_area_km2
from sagin_lib.model.dome import Dome, as_dome
from sagin_lib.model.sphere import direction_xyz
from sagin_lib.sampling.area_uniform import layer_radius_km, ppp_dome

__all__ = [
    "THOMAS_MARGIN_SIGMAS",
    "cap_area_km2",
    "matern_ii_dome",
    "matern_ii_intensity_per_km2",
    "thomas_dome",
    "thomas_k_function_km2",
]

#: Margin, in units of ``sigma``, by which Thomas parents extend past the dome.
THOMAS_MARGIN_SIGMAS: float = 7.0


def _nonneg_scalar(name: str, value: float, unit: str) -> float:
    out = check_scalar_finite(name, value)
    if out < 0.0:
        raise ValueError(f"{name} must be >= 0{unit}; got {out!r}")
    return out


def _positive_scalar(name: str, value: float, unit: str) -> float:
    out = check_scalar_finite(name, value)
    if out <= 0.0:
        raise ValueError(f"{name} must be > 0{unit}; got {out!r}")
    return out


def cap_area_km2(distance_km: ArrayLike, tx_alt_km: float) -> FloatArray | np.float64:
    """Area of the spherical cap of great-circle radius ``distance_km``, ``4 pi R^2 sin^2(d / 2R)``.

    The spherical counterpart of ``pi d^2``; radii beyond half a circumference
    give the whole sphere, and so does ``+inf``: the contact distance of an
    empty realisation lies beyond every radius, and its cap is the sphere.

    Parameters
    ----------
    distance_km : array_like
        Great-circle radius, km, >= 0 (``+inf`` allowed).
    tx_alt_km : float
        Altitude of the sphere, km, >= 0.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Area, km^2.

    Examples
    --------
    >>> float(cap_area_km2(math.inf, 0.0)) == float(cap_area_km2(1e9, 0.0))
    True
    """
    radius = layer_radius_km(tx_alt_km)
    d = np.asarray(distance_km, dtype=float)
    infinite = np.isposinf(d)
    d = check_nonnegative("distance_km", np.where(infinite, 0.0, d), " km")
    angle = np.where(infinite, math.pi, np.minimum(d / radius, math.pi))
    return dome_area_km2(tx_alt_km, angle if angle.ndim else angle[()])


def _inside(points: FloatArray, dome: Dome) -> np.ndarray:
    """Points of the dome's sphere within its vertex angle of its centre (chord test, no arccos)."""
    phi = float(dome.vertex_angle_rad)
    if phi >= math.pi:
        return np.ones(points.shape[0], dtype=bool)
    radius = float(dome.radius_km)
    diff = points - radius * direction_xyz(dome.center_azimuth_rad, dome.center_polar_rad)
    chord2 = np.einsum("ij,ij->i", diff, diff)
    limit = 2.0 * radius * math.sin(0.5 * phi)
    return chord2 <= limit * limit


def _widened(dome: Dome, margin_km: float) -> Dome:
    """The dome with its vertex angle enlarged by ``margin_km`` along its sphere (at most pi)."""
    angle = min(float(dome.vertex_angle_rad) + margin_km / float(dome.radius_km), math.pi)
    return Dome(dome.tx_alt_km, angle, dome.center_azimuth_rad, dome.center_polar_rad)


def matern_ii_intensity_per_km2(
    parent_density_per_km2: ArrayLike, hard_core_km: ArrayLike, tx_alt_km: float
) -> FloatArray | np.float64:
    """Intensity of a Matern hard-core process of type II on a sphere.

    ``(1 - exp(-lambda_p a)) / a`` with ``a`` the area of the cap of
    great-circle radius ``r`` (the planar ``pi r^2`` is the small-``r``
    limit): a point survives when it has the smallest mark among the Poisson
    number of parents in its cap (Chiu et al., eq. 5.63). Exact on the sphere.

    Parameters
    ----------
    parent_density_per_km2 : array_like
        Intensity of the parent Poisson process, per km^2, >= 0.
    hard_core_km : array_like
        Hard-core distance along the sphere, km, >= 0 (0 means no thinning).
    tx_alt_km : float
        Altitude of the sphere, km, >= 0.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Intensity of the retained points, per km^2.
    """
    lam = check_nonnegative("parent_density_per_km2", parent_density_per_km2, " per km^2")
    r = check_nonnegative("hard_core_km", hard_core_km, " km")
    area = np.asarray(cap_area_km2(r, tx_alt_km))
    lam, area = np.broadcast_arrays(lam, area)
    x = lam * area
    with np.errstate(invalid="ignore", divide="ignore"):
        thinned = -np.expm1(-x) / np.where(area > 0.0, area, 1.0)
    return scalar_or_array(np.where(area > 0.0, thinned, lam))


def matern_ii_dome(
    parent_density_per_km2: float,
    hard_core_km: float,
    dome: Dome,
    *,
    rng: RngLike = None,
) -> FloatArray:
    """Matern hard-core process of type II on a dome, distances along the sphere.

    Parents form a Poisson process of intensity ``parent_density_per_km2``;
    each gets an independent uniform mark, and a parent is deleted when
    another parent within great-circle distance ``hard_core_km`` has a
    smaller mark. See the module docstring for the (exact) edge handling.

    Parameters
    ----------
    parent_density_per_km2 : float
        Parent intensity, per km^2, >= 0.
    hard_core_km : float
        Hard-core distance along the sphere, km, >= 0. No two returned points
        are closer than this.
    dome : Dome
        A single dome: where the points are observed.
    rng : int, numpy.random.SeedSequence, numpy.random.Generator or None, optional
        Source of randomness (see :mod:`sagin_lib._random`).

    Returns
    -------
    numpy.ndarray
        Shape (N, 3), Earth-centred Cartesian km, the retained points in the
        dome (in the order they were drawn).

    Raises
    ------
    ValueError
        For a negative density or hard-core distance, or any argument that
        :func:`~sagin_lib.sampling.area_uniform.ppp_dome` rejects.

    Examples
    --------
    >>> pts = matern_ii_dome(0.05, 8.0, Dome(0.0, 0.01), rng=4)
    >>> pts.shape[1]
    3
    """
    lam = _nonneg_scalar("parent_density_per_km2", parent_density_per_km2, " per km^2")
    r = _nonneg_scalar("hard_core_km", hard_core_km, " km")
    dome = as_dome(dome)
    generator = as_generator(rng)
    radius = float(dome.radius_km)
    parents = ppp_dome(lam, _widened(dome, r), rng=generator)
    marks = generator.random(parents.shape[0])
    keep = _inside(parents, dome)
    if r > 0.0 and parents.shape[0] > 1:
        chord = 2.0 * radius * math.sin(0.5 * min(r / radius, math.pi))
        pairs = cKDTree(parents).query_pairs(chord, output_type="ndarray")
        if pairs.size:
            i, j = pairs[:, 0], pairs[:, 1]
            loser = np.where(marks[i] > marks[j], i, j)
            keep[loser] = False
    return parents[keep]


def thomas_k_function_km2(
    distance_km: ArrayLike,
    parent_density_per_km2: float,
    sigma_km: float,
    tx_alt_km: float,
) -> FloatArray | np.float64:
    """Ripley's K function of the Thomas process (spherical Poisson term, planar cluster term).

    ``K(d) = a(d) + (1 - exp(-d^2 / (4 sigma^2))) / lambda_p`` with ``a(d)``
    the cap area of :func:`cap_area_km2`. The cluster term is the planar
    formula (Chiu et al., eq. 5.47), accurate to relative order
    ``(sigma / R)^2`` for clusters much smaller than the sphere.

    Parameters
    ----------
    distance_km : array_like
        Great-circle distance, km, >= 0.
    parent_density_per_km2 : float
        Parent intensity, per km^2, > 0.
    sigma_km : float
        Standard deviation of each displacement coordinate, km, > 0.
    tx_alt_km : float
        Altitude of the sphere, km, >= 0.

    Returns
    -------
    numpy.ndarray or numpy.float64
        K(d), km^2.
    """
    lam = _positive_scalar("parent_density_per_km2", parent_density_per_km2, " per km^2")
    sigma = _positive_scalar("sigma_km", sigma_km, " km")
    d = check_nonnegative("distance_km", distance_km, " km")
    poisson = np.asarray(cap_area_km2(d, tx_alt_km))
    return scalar_or_array(poisson - np.expm1(-(d * d) / (4.0 * sigma * sigma)) / lam)


def thomas_dome(
    parent_density_per_km2: float,
    mean_children: float,
    sigma_km: float,
    dome: Dome,
    *,
    rng: RngLike = None,
    return_parents: bool = False,
) -> FloatArray | tuple[FloatArray, FloatArray, np.ndarray]:
    """Thomas cluster process on a dome, displacements along the sphere.

    Parents form a Poisson process of intensity ``parent_density_per_km2``;
    each has a Poisson number of children (mean ``mean_children``) displaced
    from it by an isotropic Gaussian of standard deviation ``sigma_km`` per
    coordinate in the tangent plane, wrapped onto the sphere along the great
    circle (exponential map): a child lies at great-circle distance
    ``|g|`` from its parent in the direction of ``g``. The intensity is
    ``parent_density_per_km2 * mean_children`` everywhere. See the module
    docstring for the edge handling.

    Parameters
    ----------
    parent_density_per_km2 : float
        Parent intensity, per km^2, >= 0.
    mean_children : float
        Mean number of children per parent, >= 0.
    sigma_km : float
        Displacement standard deviation per coordinate, km, > 0.
    dome : Dome
        A single dome: where the children are observed.
    rng : int, numpy.random.SeedSequence, numpy.random.Generator or None, optional
        Source of randomness (see :mod:`sagin_lib._random`).
    return_parents : bool, optional
        Also return all parents (on the enlarged dome) and the parent index of
        each returned child.

    Returns
    -------
    numpy.ndarray or tuple
        The children in the dome, shape (N, 3), Earth-centred Cartesian km;
        with ``return_parents``, ``(children, parents, parent_index)``.

    Raises
    ------
    ValueError
        For a negative density or mean, ``sigma_km <= 0``, or any argument
        that :func:`~sagin_lib.sampling.area_uniform.ppp_dome` rejects.

    Examples
    --------
    >>> thomas_dome(0.0, 3.0, 5.0, Dome(0.0, 0.1), rng=1).shape
    (0, 3)
    """
    lam = _nonneg_scalar("parent_density_per_km2", parent_density_per_km2, " per km^2")
    mu = _nonneg_scalar("mean_children", mean_children, "")
    sigma = _positive_scalar("sigma_km", sigma_km, " km")
    dome = as_dome(dome)
    generator = as_generator(rng)
    radius = float(dome.radius_km)
    parents = ppp_dome(lam, _widened(dome, THOMAS_MARGIN_SIGMAS * sigma), rng=generator)
    counts = generator.poisson(mu, size=parents.shape[0])
    owner = np.repeat(np.arange(parents.shape[0]), counts)
    g = generator.standard_normal((2, owner.size)) * sigma
    children = _displace(parents[owner] / radius, g[0], g[1], radius)
    keep = _inside(children, dome)
    if return_parents:
        return children[keep], parents, owner[keep]
    return children[keep]


def _displace(unit: FloatArray, gx: FloatArray, gy: FloatArray, radius: float) -> FloatArray:
    """Move unit vectors by tangent displacements (km) along great circles.

    The tangent frame at ``p`` is the yaw-pitch frame of its direction
    (``e_x`` towards increasing polar angle, ``e_y`` east); it is built from
    the coordinates of ``p`` directly, with no trigonometric call, and stays
    defined at the poles (where any frame will do).
    """
    x, y, z = unit[:, 0], unit[:, 1], unit[:, 2]
    rho = np.hypot(x, y)
    safe = rho > 0.0
    ca = np.where(safe, x / np.where(safe, rho, 1.0), 1.0)
    sa = np.where(safe, y / np.where(safe, rho, 1.0), 0.0)
    dist = np.hypot(gx, gy)
    angle = dist / radius
    # sin(d / R) / d, finite at d = 0.
    scale = np.sinc(angle / math.pi) / radius
    u = gx * scale
    v = gy * scale
    w = np.cos(angle)
    # Columns of the per-point yaw-pitch matrix: e_x = (ca z, sa z, -rho),
    # e_y = (-sa, ca, 0), e_z = p.
    out = np.empty_like(unit)
    out[:, 0] = ca * z * u - sa * v + x * w
    out[:, 1] = sa * z * u + ca * v + y * w
    out[:, 2] = -rho * u + z * w
    return out * radius
