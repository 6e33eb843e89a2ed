"""Nodes sampled uniformly by area on a spherical dome (Algorithm 1 of the coverage paper).

A dome of vertex (half) angle ``phi`` on the sphere of radius
``R = EARTH_RADIUS_KM + tx_alt_km`` has area ``2 pi R^2 (1 - cos(phi))``
(Archimedes: the area above a height ``z`` is proportional to ``R - z``), so a
point is uniform by area exactly when its azimuth is uniform on
``[0, 2 pi)`` and ``1 - cos(polar)`` is uniform on ``[0, 1 - cos(phi)]``. A
polar angle uniform on ``[0, phi]`` is *not* uniform by area: it crowds the
centre.

How :func:`sample_dome` draws it
--------------------------------
Marsaglia's construction of a uniform point on the sphere, restricted to a
cap: draw ``(a, b)`` uniform in the unit disc (by rejection from the square,
acceptance ``pi / 4``); then ``q = a^2 + b^2`` is uniform on ``[0, 1]`` and
independent of the direction ``(a, b) / sqrt(q)``, which is uniform on the
circle. With ``h = 2 sin^2(phi / 2)`` (``= 1 - cos(phi)`` without its
cancellation for tiny domes)

* ``1 - cos(polar) = t = h q`` (uniform on ``[0, h]``, as required),
* ``sin(polar) = sqrt(t (2 - t))`` and the azimuth's cosine and sine are
  ``a / sqrt(q)`` and ``b / sqrt(q)``, so the two horizontal coordinates are
  ``a sqrt(h (2 - h q))`` and ``b sqrt(h (2 - h q))``: one square root per
  point, no ``arccos``, ``sin`` or ``cos``, no division.

The yaw-pitch rotation (eq. 2 of the paper) is then applied as three
outer-product sums of NumPy ufuncs rather than a BLAS matrix product: ufunc
arithmetic is correctly rounded element by element, so the same seed gives the
same bits on any machine (a BLAS kernel may reorder or fuse the sums). The
work is done in cache-sized tiles into a preallocated output.

Every function here takes its dome as one checked
:class:`~sagin_lib.model.dome.Dome` and its randomness as ``rng`` (an int
seed, a :class:`numpy.random.SeedSequence`, a :class:`numpy.random.Generator`
or None), normalised by :func:`sagin_lib._random.as_generator`. Same seed and
dome give byte-identical output.
"""

from __future__ import annotations

import math

import numpy as np

from sagin_lib._checks import FloatArray, check_count, check_scalar_finite
from sagin_lib._random import RngLike, as_generator
from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.dome import Dome, as_dome
from sagin_lib.model.sphere import yaw_pitch_matrix

__all__ = [
    "layer_radius_km",
    "ppp_dome",
    "ppp_mean_count",
    "sample_dome",
]

#: Random pairs drawn per tile of :func:`sample_dome` (about 0.785 of them
#: become points). Part of the definition of the output stream: changing it
#: changes the points a seed gives.
PAIRS_PER_TILE: int = 1 << 15


def layer_radius_km(tx_alt_km: float) -> float:
    """Radius of the sphere of a layer, ``EARTH_RADIUS_KM + tx_alt_km`` (checked >= 0)."""
    alt = check_scalar_finite("tx_alt_km", tx_alt_km)
    if alt < 0.0:
        raise ValueError(f"tx_alt_km must be >= 0 km; got {alt!r}")
    return EARTH_RADIUS_KM + alt


def _dome_coefficients(radius_km: float, vertex_angle_rad: float, matrix: FloatArray) -> tuple:
    """Per-output-column coefficients of the fused rotation (see ``_fill_dome``)."""
    half = math.sin(0.5 * vertex_angle_rad)
    h = 2.0 * half * half
    # (a, b) are drawn in [-1/2, 1/2)^2 and accepted when q' = a^2 + b^2 <= 1/4,
    # so the unit-disc q of the module docstring is 4 q' and its (a, b) are 2 (a, b).
    # Point = R M (2 a s, 2 b s, 1 - 4 h q') with s = sqrt(h (2 - 4 h q')).
    col_a = 2.0 * radius_km * matrix[:, 0]
    col_b = 2.0 * radius_km * matrix[:, 1]
    const = radius_km * matrix[:, 2]
    col_q = -4.0 * h * radius_km * matrix[:, 2]
    return h, col_a, col_b, const, col_q


def _fill_dome(
    out: FloatArray,
    radius_km: float,
    vertex_angle_rad: float,
    matrix: FloatArray,
    rng: np.random.Generator,
) -> None:
    """Fill ``out`` (shape (n, 3), C order) with area-uniform points of the dome."""
    n = out.shape[0]
    if n == 0:
        return
    h, col_a, col_b, const, col_q = _dome_coefficients(radius_km, vertex_angle_rad, matrix)
    s_a, s_b = -4.0 * h * h, 2.0 * h
    tile = min(PAIRS_PER_TILE, _pairs_for(n))
    pairs = np.empty(2 * tile)
    q = np.empty(tile)
    tmp = np.empty(tile)
    xs = np.empty(tile)
    ys = np.empty(tile)
    qs = np.empty(tile)
    work = np.empty(tile)
    pos = 0
    while pos < n:
        need = n - pos
        k = min(tile, _pairs_for(need))
        ab = pairs[: 2 * k].reshape(2, k)
        rng.random(out=ab)
        ab -= 0.5  # exact for doubles on the 2^-53 grid of Generator.random
        a, b = ab
        qk = q[:k]
        np.multiply(a, a, out=qk)
        np.multiply(b, b, out=tmp[:k])
        qk += tmp[:k]
        idx = np.flatnonzero(qk <= 0.25)[:need]
        m = idx.size
        x, y, qq, w, s = xs[:m], ys[:m], qs[:m], work[:m], tmp[:m]
        np.take(a, idx, out=x)
        np.take(b, idx, out=y)
        np.take(qk, idx, out=qq)
        np.multiply(qq, s_a, out=s)
        s += s_b
        np.sqrt(s, out=s)
        x *= s
        y *= s
        block = out[pos : pos + m]
        for j in range(3):
            np.multiply(qq, col_q[j], out=w)
            w += const[j]
            # The yaw-pitch matrix has an exact zero (z does not depend on the
            # east axis): skipping it saves a pass and changes no bits.
            if col_a[j] != 0.0:
                np.multiply(x, col_a[j], out=s)
                w += s
            if col_b[j] != 0.0:
                np.multiply(y, col_b[j], out=s)
                w += s
            block[:, j] = w
        pos += m


def _pairs_for(need: int) -> int:
    """Pairs to draw for ``need`` points: mean ``4 need / pi`` plus 4 standard deviations."""
    return int(need * (4.0 / math.pi) + 4.0 * math.sqrt(need) + 8.0)


def sample_dome(n: int, dome: Dome, *, rng: RngLike = None) -> FloatArray:
    """``n`` points uniform by area on a spherical dome (a binomial point process).

    Steps 3 and 4 of Algorithm 1 of the coverage paper: the points are drawn
    on the dome of half-angle ``dome.vertex_angle_rad`` around the north pole
    of the sphere of radius ``dome.radius_km`` (azimuth uniform,
    ``1 - cos(polar)`` uniform on ``[0, 2 sin^2(phi / 2)]``), then rotated by
    :func:`~sagin_lib.model.sphere.yaw_pitch_matrix` onto the dome's centre
    direction. See the module docstring for the transcendental-free
    construction.

    Parameters
    ----------
    n : int
        Number of points, >= 0.
    dome : Dome
        A single dome (a vertex angle of ``pi`` is the whole sphere, 0 its
        centre point).
    rng : int, numpy.random.SeedSequence, numpy.random.Generator or None, optional
        Source of randomness (see :mod:`sagin_lib._random`).

    Returns
    -------
    numpy.ndarray
        Shape (n, 3), float64, C order: Earth-centred Cartesian coordinates, km.

    Raises
    ------
    ValueError
        For a negative or non-integer ``n``, a ``dome`` that is not a single
        :class:`~sagin_lib.model.dome.Dome`, or an unusable ``rng``.

    Examples
    --------
    >>> xyz = sample_dome(1000, Dome(0.0, np.radians(5.0)), rng=1)
    >>> xyz.shape
    (1000, 3)
    >>> bool(np.allclose(np.linalg.norm(xyz, axis=1), 6371.0))
    True
    """
    count = check_count("n", n)
    dome = as_dome(dome)
    generator = as_generator(rng)
    out = np.empty((count, 3))
    matrix = yaw_pitch_matrix(dome.center_azimuth_rad, dome.center_polar_rad)
    _fill_dome(out, float(dome.radius_km), float(dome.vertex_angle_rad), matrix, generator)
    return out


def ppp_mean_count(density_per_km2: float, dome: Dome) -> float:
    """Mean number of nodes of a PPP in a dome, ``density * |A|`` (Lemma 1 area).

    Parameters
    ----------
    density_per_km2 : float
        Intensity of the Poisson point process, nodes per km^2, >= 0.
    dome : Dome
        A single dome.

    Returns
    -------
    float
        Expected count.

    Raises
    ------
    ValueError
        For a negative or non-finite density, or a bad dome.

    Examples
    --------
    >>> round(ppp_mean_count(1e-3, Dome(0.0, np.radians(10.0))), 1)
    3874.5
    """
    density = check_scalar_finite("density_per_km2", density_per_km2)
    if density < 0.0:
        raise ValueError(f"density_per_km2 must be >= 0 per km^2; got {density!r}")
    return float(density * as_dome(dome).area_km2)


def ppp_dome(density_per_km2: float, dome: Dome, *, rng: RngLike = None) -> FloatArray:
    """A homogeneous Poisson point process on a dome (Algorithm 1 of the coverage paper).

    The count is Poisson with mean ``density_per_km2 * dome.area_km2``; given
    the count, the points are placed by :func:`sample_dome` with the same
    generator.

    Parameters
    ----------
    density_per_km2 : float
        Intensity, nodes per km^2 of the dome's sphere, >= 0.
    dome : Dome
        A single dome.
    rng : int, numpy.random.SeedSequence, numpy.random.Generator or None, optional
        Source of randomness (see :mod:`sagin_lib._random`).

    Returns
    -------
    numpy.ndarray
        Shape (N, 3), Earth-centred Cartesian km, N the Poisson count.

    Raises
    ------
    ValueError
        For a negative or non-finite density, or any argument that
        :func:`sample_dome` rejects.

    Examples
    --------
    >>> ppp_dome(0.0, Dome(0.0, 0.1), rng=1).shape
    (0, 3)
    """
    mean = ppp_mean_count(density_per_km2, dome)
    generator = as_generator(rng)
    return sample_dome(int(generator.poisson(mean)), dome, rng=generator)
