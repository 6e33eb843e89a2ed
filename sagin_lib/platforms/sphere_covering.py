"""Covering the sphere with equal caps: bounds, constructions, and GEO's polar gap.

How many platforms, each serving a ground cap of central angle ``phi``, does
it take to serve the whole Earth? Three numbers answer it, and they must not
be confused:

* the **area bound** ``ceil(1 / sin(phi/2)^2)`` (sphere area over cap area):
  no covering uses fewer caps, but caps that cover must overlap, so it is
  rarely reached;
* a **proven lower bound** (:func:`min_caps_lower_bound`): the area bound,
  raised where the smallest covering radius of ``n`` points is known exactly
  (:data:`KNOWN_MIN_COVERING_RADIUS_RAD`, ``n`` = 2 to 6): if even the best
  ``n`` caps need a radius larger than ``phi``, ``n`` caps cannot cover;
* a **feasible count** (:func:`feasible_covering`): the number of caps of a
  constructed set of centres whose covering radius, computed exactly
  (:func:`covering_radius_rad`), is at most ``phi``. It is an upper bound on
  the minimum; the minimum lies between the two bounds.

Hexagonal-layout estimates (:func:`sagin_lib.platforms.comparison.platforms_to_cover_earth`)
are neither: they can fall below the minimum (five caps at MEO, say).

The module also gives the three caps of the X-station navigation network
(:func:`largest_cap_covered_by_three_rad`) and the share of the Earth that
satellites on the equator (GEO) leave uncovered
(:func:`equatorial_ring_uncovered_fraction`).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import integrate, optimize
from scipy.spatial import ConvexHull, QhullError

from sagin_lib._checks import FloatArray, check_count, check_interval, scalar_or_array
from sagin_lib._random import RngLike, as_generator
from sagin_lib.model._docs import fill_doc
from sagin_lib.platforms.comparison import platforms_to_cover_earth

__all__ = [
    "KNOWN_MIN_COVERING_RADIUS_RAD",
    "MAX_FEASIBLE_CAPS",
    "MAX_OPTIMISED_CAPS",
    "CoveringResult",
    "area_bound_caps",
    "covering_radius_rad",
    "equatorial_ring_full_latitude_rad",
    "equatorial_ring_uncovered_fraction",
    "feasible_covering",
    "fibonacci_sphere_points",
    "largest_cap_covered_by_three_rad",
    "min_caps_lower_bound",
    "optimised_covering_points",
]

_HALF_PI = 0.5 * math.pi

_F = TypeVar("_F", bound=Callable[..., Any])

#: Smallest covering radius of ``n`` points on the sphere, rad, where it is
#: proven: two antipodal points or three on a great circle (a hemisphere each,
#: 90 deg); the regular tetrahedron (``arccos(1/3)``, 70.53 deg) and
#: octahedron (``arccos(1/sqrt(3))``, 54.74 deg), Fejes Toth 1953; five points
#: (the poles and three on the equator, ``arctan(2)``, 63.43 deg), Schutte 1955.
KNOWN_MIN_COVERING_RADIUS_RAD: Mapping[int, float] = MappingProxyType(
    {
        2: _HALF_PI,
        3: _HALF_PI,
        4: math.acos(1.0 / 3.0),
        5: math.atan(2.0),
        6: math.acos(1.0 / math.sqrt(3.0)),
    }
)

#: Above this many caps :func:`feasible_covering` uses the Fibonacci spiral alone.
MAX_OPTIMISED_CAPS: int = 120
#: Above this area bound :func:`feasible_covering` gives up (returns no count).
MAX_FEASIBLE_CAPS: int = 20000

# A set covers when its covering radius is at most the cap radius minus this
# margin, rad (1e-9 rad is 6 mm on the Earth): floating-point noise never
# turns a near miss into a covering.
_COVER_MARGIN_RAD = 1e-9


def _check_cap(cap_radius_rad: ArrayLike, name: str = "cap_radius_rad") -> FloatArray:
    return check_interval(
        name, cap_radius_rad, 0.0, _HALF_PI, low_closed=False, description="(0, pi/2] rad"
    )


def _cap_radius_doc(kind: str) -> Callable[[_F], _F]:
    """Fill ``{cap_radius}``: a Parameters section opening with ``cap_radius_rad`` of ``kind``."""
    return fill_doc(
        cap_radius=f"""
        Parameters
        ----------
        cap_radius_rad : {kind}
            Angular radius of each cap, rad, in ``(0, pi/2]``.
        """
    )


@_cap_radius_doc("array_like")
def area_bound_caps(cap_radius_rad: ArrayLike) -> FloatArray | np.float64:
    """The area bound: ``ceil(1 / sin(phi/2)^2)``, sphere area over cap area, rounded up.

    {cap_radius}

    Returns
    -------
    numpy.ndarray or numpy.float64
        The least number of caps whose areas add up to the sphere's.
    """
    phi = _check_cap(cap_radius_rad)
    raw = np.asarray(platforms_to_cover_earth(phi, "area"))
    # 1 / sin^2 can land a hair above an integer it equals (phi = pi/2 gives 2).
    return scalar_or_array(np.ceil(raw * (1.0 - 1e-12)))


@_cap_radius_doc("float")
def min_caps_lower_bound(cap_radius_rad: float) -> int:
    """The fewest caps that could cover the sphere, by a proof.

    The larger of the area bound and the smallest ``n`` whose proven minimal
    covering radius (:data:`KNOWN_MIN_COVERING_RADIUS_RAD`) is at most
    ``phi``; if no ``n`` up to 6 qualifies, at least 7 caps are needed (the
    minimal covering radius only falls as ``n`` grows).

    {cap_radius}

    Returns
    -------
    int
        A number of caps below which no covering exists.
    """
    phi = float(_check_cap(cap_radius_rad))
    known = [n for n, r in sorted(KNOWN_MIN_COVERING_RADIUS_RAD.items()) if r <= phi]
    by_known = known[0] if known else max(KNOWN_MIN_COVERING_RADIUS_RAD) + 1
    return int(max(float(area_bound_caps(phi)), by_known))


def fibonacci_sphere_points(n_points: int) -> NDArray[np.float64]:
    """``n`` nearly uniform unit vectors on a Fibonacci (golden-angle) spiral.

    Point ``i`` sits at ``z = 1 - (2 i + 1) / n`` and longitude ``i`` times the
    golden angle.

    Parameters
    ----------
    n_points : int
        Number of points, >= 1.

    Returns
    -------
    numpy.ndarray
        Shape ``(n_points, 3)``, unit rows.
    """
    n = check_count("n_points", n_points)
    if n < 1:
        raise ValueError(f"n_points must be >= 1; got {n}")
    i = np.arange(n, dtype=np.float64)
    z = 1.0 - (2.0 * i + 1.0) / n
    lon = math.pi * (3.0 - math.sqrt(5.0)) * i
    r = np.sqrt(np.clip(1.0 - z * z, 0.0, None))
    return np.column_stack([r * np.cos(lon), r * np.sin(lon), z])


def _unit_rows(points_xyz: ArrayLike) -> NDArray[np.float64]:
    pts = np.asarray(points_xyz, dtype=np.float64)
    if pts.ndim != 2 or pts.shape[1] != 3 or pts.shape[0] < 1:
        raise ValueError(f"points_xyz must have shape (n, 3) with n >= 1; got {pts.shape}")
    norm = np.linalg.norm(pts, axis=1)
    if not np.all(np.isfinite(pts)) or np.any(norm == 0.0):
        raise ValueError("points_xyz must be finite, non-zero vectors")
    return pts / norm[:, None]


def covering_radius_rad(points_xyz: ArrayLike) -> float:
    """Covering radius of a set of centres on the unit sphere, exactly, capped at ``pi/2``.

    The covering radius is the largest angular distance from a point of the
    sphere to its nearest centre: caps of that radius around the centres
    cover the sphere, and smaller caps do not. It is reached at a vertex of
    the spherical Voronoi diagram, that is at the circumcentre of a face of
    the centres' convex hull, and for a face whose plane lies at distance
    ``d`` from the origin it equals ``arccos(d)``. So the covering radius is
    ``arccos(min d)`` over the hull's faces, provided the origin is strictly
    inside the hull. Otherwise all centres lie in a closed hemisphere, the
    covering radius is at least ``pi/2``, and ``pi/2`` is returned.

    Parameters
    ----------
    points_xyz : array_like
        Shape ``(n, 3)``: the centres (normalised to unit length here).

    Returns
    -------
    float
        ``min(covering radius, pi/2)``, rad.
    """
    pts = _unit_rows(points_xyz)
    if len(pts) < 4:
        return _HALF_PI
    try:
        hull = ConvexHull(pts)
    except QhullError:  # all centres on one plane: a great circle or a smaller circle
        return _HALF_PI
    offsets = -hull.equations[:, 3]
    closest = float(offsets.min())
    if closest <= 0.0:
        return _HALF_PI
    return math.acos(min(1.0, closest))


def _cross(u: NDArray[np.float64], v: NDArray[np.float64]) -> NDArray[np.float64]:
    """Row-wise cross product of two ``(m, 3)`` arrays.

    The same products and differences, in the same order, as :func:`numpy.cross`
    (so the same bits), without its axis handling, which costs more than the
    arithmetic on the optimiser's few hundred faces.
    """
    u0, u1, u2 = u[:, 0], u[:, 1], u[:, 2]
    v0, v1, v2 = v[:, 0], v[:, 1], v[:, 2]
    return np.stack((u1 * v2 - u2 * v1, u2 * v0 - u0 * v2, u0 * v1 - u1 * v0), axis=1)


def _soft_covering_radius(
    flat: NDArray[np.float64], n: int, beta: float
) -> tuple[float, NDArray[np.float64]]:
    """Log-sum-exp of the hull faces' circumradii and its gradient (fixed hull topology)."""
    raw = flat.reshape(n, 3)
    norm = np.linalg.norm(raw, axis=1)
    pts = raw / norm[:, None]
    simplices = ConvexHull(pts).simplices
    a, b, c = (pts[simplices[:, k]] for k in range(3))
    normal = _cross(a, b) + _cross(b, c) + _cross(c, a)
    size = np.linalg.norm(normal, axis=1)
    det = np.einsum("ij,ij->i", a, _cross(b, c))
    sign = np.sign(det)
    dist = np.clip(det * sign / size, -1.0 + 1e-12, 1.0 - 1e-12)
    radius = np.arccos(dist)
    top = float(radius.max())
    weight = np.exp(beta * (radius - top))
    total = float(weight.sum())
    value = top + math.log(total) / beta
    d_dist = -(weight / total) / np.sqrt(1.0 - dist * dist) * sign
    grad = np.zeros_like(pts)
    for k, (_u, v, w) in enumerate(((a, b, c), (b, c, a), (c, a, b))):
        d_u = _cross(v, w) / size[:, None] - (det / size**3)[:, None] * _cross(v - w, normal)
        np.add.at(grad, simplices[:, k], d_dist[:, None] * d_u)
    grad = (grad - np.einsum("ij,ij->i", grad, pts)[:, None] * pts) / norm[:, None]
    return value, grad.ravel()


def _lbfgs(
    x: NDArray[np.float64], n: int, beta: float, max_iter: int, memory: int = 8
) -> NDArray[np.float64]:
    """Minimise :func:`_soft_covering_radius` by L-BFGS with Armijo backtracking.

    A small NumPy implementation (two-loop recursion) rather than SciPy's
    L-BFGS-B: the vectors are short, and SciPy's routine goes through BLAS,
    whose thread pool costs more than the arithmetic on a busy machine.
    """
    f, g = _soft_covering_radius(x, n, beta)
    s_hist: list[NDArray[np.float64]] = []
    y_hist: list[NDArray[np.float64]] = []
    for _ in range(max_iter):
        q = g.copy()
        alphas = []
        for s_k, y_k in zip(reversed(s_hist), reversed(y_hist), strict=True):
            a = float(s_k @ q) / float(y_k @ s_k)
            alphas.append(a)
            q -= a * y_k
        if s_hist:
            q *= float(s_hist[-1] @ y_hist[-1]) / float(y_hist[-1] @ y_hist[-1])
        else:
            q *= 1e-2 / max(float(np.abs(g).max()), 1e-300)
        for (s_k, y_k), a in zip(zip(s_hist, y_hist, strict=True), reversed(alphas), strict=True):
            b = float(y_k @ q) / float(y_k @ s_k)
            q += (a - b) * s_k
        direction = -q
        slope = float(g @ direction)
        if slope >= 0.0:  # not a descent direction: restart from steepest descent
            s_hist.clear()
            y_hist.clear()
            direction = -g * 1e-2 / max(float(np.abs(g).max()), 1e-300)
            slope = float(g @ direction)
        step = 1.0
        for _ls in range(30):
            x_new = x + step * direction
            f_new, g_new = _soft_covering_radius(x_new, n, beta)
            if f_new <= f + 1e-4 * step * slope:
                break
            step *= 0.5
        else:
            return x
        s_k, y_k = x_new - x, g_new - g
        if float(y_k @ s_k) > 1e-16:
            s_hist.append(s_k)
            y_hist.append(y_k)
            if len(s_hist) > memory:
                s_hist.pop(0)
                y_hist.pop(0)
        converged = f - f_new < 1e-12 * max(1.0, abs(f))
        x, f, g = x_new, f_new, g_new
        if converged:
            break
    return x


def optimised_covering_points(
    n_points: int, *, n_starts: int = 1, rng: RngLike = 0
) -> tuple[NDArray[np.float64], float]:
    """Centres whose covering radius is locally minimised, with that radius.

    Starting from the Fibonacci spiral (and ``n_starts - 1`` randomly
    perturbed copies of it), minimise a smooth maximum (log-sum-exp with a
    rising sharpness) of the hull faces' circumradii by L-BFGS, then measure
    the result exactly with :func:`covering_radius_rad`. A local optimum: it
    reaches the proven optima for 4, 5 and 6 points but not always beyond.

    Parameters
    ----------
    n_points : int
        Number of centres, >= 4.
    n_starts : int, optional
        Number of starting sets, >= 1.
    rng : int, SeedSequence, Generator or None, optional
        Seed of the perturbations; same seed, same result.

    Returns
    -------
    tuple
        ``(points, radius)``: shape ``(n_points, 3)`` unit rows and their
        exact covering radius, rad (the best over the starts).
    """
    n = check_count("n_points", n_points)
    if n < 4:
        raise ValueError(f"n_points must be >= 4; got {n}")
    starts = check_count("n_starts", n_starts)
    if starts < 1:
        raise ValueError(f"n_starts must be >= 1; got {starts}")
    gen = as_generator(rng)
    base = fibonacci_sphere_points(n)
    best_pts, best_r = base, covering_radius_rad(base)
    for s in range(starts):
        start = base if s == 0 else base + 0.5 * gen.standard_normal(base.shape) / math.sqrt(n)
        flat = start.ravel()
        for beta in (30.0, 300.0, 3000.0):
            try:
                flat = _lbfgs(flat, n, beta, max_iter=150)
            except QhullError:  # pragma: no cover - a degenerate step; keep the last set
                break
        pts = _unit_rows(flat.reshape(n, 3))
        r = covering_radius_rad(pts)
        if r < best_r:
            best_pts, best_r = pts, r
    return best_pts, best_r


@dataclass(frozen=True)
class CoveringResult:
    """A feasible covering of the sphere by equal caps, with the bounds around it.

    Attributes
    ----------
    cap_radius_rad : float
        The caps' angular radius.
    area_bound : int
        Sphere area over cap area, rounded up.
    lower_bound : int
        :func:`min_caps_lower_bound`: fewer caps cannot cover.
    n_caps : int or None
        Number of caps of the feasible covering found (None when the search
        was not run because the area bound exceeds :data:`MAX_FEASIBLE_CAPS`).
    covering_radius_rad : float or None
        Exact covering radius of its centres (at most ``cap_radius_rad``).
    construction : str
        How the centres were made.
    proven_minimum : bool
        True when ``n_caps`` equals ``lower_bound``: the count is the minimum.
    points_xyz : numpy.ndarray or None
        The centres, shape ``(n_caps, 3)``.
    """

    cap_radius_rad: float
    area_bound: int
    lower_bound: int
    n_caps: int | None
    covering_radius_rad: float | None
    construction: str
    proven_minimum: bool
    points_xyz: NDArray[np.float64] | None = field(default=None, repr=False, compare=False)


def _tetrahedron() -> NDArray[np.float64]:
    return np.array(
        [[1, 1, 1], [1, -1, -1], [-1, 1, -1], [-1, -1, 1]], dtype=np.float64
    ) / math.sqrt(3.0)


def _bipyramid() -> NDArray[np.float64]:
    lon = 2.0 * math.pi * np.arange(3) / 3.0
    ring = np.column_stack([np.cos(lon), np.sin(lon), np.zeros(3)])
    return np.vstack([[[0.0, 0.0, 1.0], [0.0, 0.0, -1.0]], ring])


def _octahedron() -> NDArray[np.float64]:
    eye = np.eye(3)
    return np.vstack([eye, -eye])


def _icosahedron() -> NDArray[np.float64]:
    g = (1.0 + math.sqrt(5.0)) / 2.0
    base = [(0, 1, g), (0, -1, g), (0, 1, -g), (0, -1, -g)]
    pts = np.array([np.roll(v, k) for v in base for k in range(3)], dtype=np.float64)
    return pts / np.linalg.norm(pts, axis=1)[:, None]


# The regular solids and the five-point bipyramid: the proven optimal coverings
# for 4, 5 and 6 centres, and the icosahedron for 12.
_SOLIDS = {
    4: ("regular tetrahedron", _tetrahedron),
    5: ("triangular bipyramid", _bipyramid),
    6: ("regular octahedron", _octahedron),
    12: ("regular icosahedron", _icosahedron),
}


def _try(n: int, phi: float, n_starts: int, rng: RngLike) -> tuple[NDArray[np.float64], float, str]:
    if n <= 3:
        # Two antipodal centres: two closed hemispheres (radius exactly pi/2).
        pts = np.array([[0.0, 0.0, 1.0], [0.0, 0.0, -1.0]] + [[1.0, 0.0, 0.0]] * (n - 2))
        return pts, _HALF_PI, "antipodal pair"
    if n in _SOLIDS:
        pts = _SOLIDS[n][1]()
        return pts, covering_radius_rad(pts), _SOLIDS[n][0]
    if n <= MAX_OPTIMISED_CAPS:
        pts, r = _optimised_once(n, n_starts, int(rng))
        return pts, r, "optimised from the Fibonacci spiral"
    pts = fibonacci_sphere_points(n)
    return pts, covering_radius_rad(pts), "Fibonacci spiral"


@functools.lru_cache(maxsize=512)
def _optimised_once(n: int, n_starts: int, seed: int) -> tuple[NDArray[np.float64], float]:
    # The optimised centres depend on the count and the seed alone, not on the cap
    # radius; a chapter asks for the same counts again for every orbit and rerun.
    pts, r = optimised_covering_points(n, n_starts=n_starts, rng=seed)
    pts.setflags(write=False)  # shared between callers
    return pts, r


@_cap_radius_doc("float")
def feasible_covering(
    cap_radius_rad: float, *, n_starts: int = 1, rng: RngLike = 0
) -> CoveringResult:
    """Find a number of caps of radius ``phi`` that provably covers the sphere.

    From the proven lower bound upwards, candidate counts are tried by
    galloping (``lb, lb+1, lb+2, lb+4, ...``) until one covers, then by
    bisection between the last failure and that success. A count "covers"
    when its centres (an antipodal pair for ``n <= 3``, centres optimised by
    :func:`optimised_covering_points` up to :data:`MAX_OPTIMISED_CAPS`, the
    Fibonacci spiral beyond) have an exact covering radius
    (:func:`covering_radius_rad`) at most ``phi - 1e-9``. The guarantee is
    one-sided: the returned count covers; a smaller one might too with
    better centres, unless the count equals the lower bound
    (``proven_minimum``).

    {cap_radius}
    n_starts : int, optional
        Starting sets per optimisation, >= 1.
    rng : int, SeedSequence, Generator or None, optional
        Seed of the optimisation's perturbations.

    Returns
    -------
    CoveringResult
    """
    phi = float(_check_cap(cap_radius_rad))
    area = int(area_bound_caps(phi))
    lower = min_caps_lower_bound(phi)
    if area > MAX_FEASIBLE_CAPS:
        return CoveringResult(phi, area, lower, None, None, "not searched (too many caps)", False)
    seed = as_generator(rng).integers(2**32)
    found: dict[int, tuple[NDArray[np.float64], float, str]] = {}

    def covers(n: int) -> bool:
        if n not in found:
            found[n] = _try(n, phi, n_starts, seed)
        return found[n][1] <= phi - _COVER_MARGIN_RAD or (n <= 3 and phi >= _HALF_PI)

    fail, step, n = lower - 1, 1, lower
    while not covers(n):
        fail, n, step = n, n + step, step * 2
    ok = n
    while ok - fail > 1:
        mid = (ok + fail) // 2
        if covers(mid):
            ok = mid
        else:
            fail = mid
    pts, r, how = found[ok]
    return CoveringResult(phi, area, lower, ok, r, how, ok == lower, pts)


def largest_cap_covered_by_three_rad(cap_radius_rad: ArrayLike) -> FloatArray | np.float64:
    """Angular radius of the largest cap that three caps of radius ``rho`` cover together.

    The three centres sit at the corners of an equilateral spherical
    triangle around the covered cap's centre (the arrangement that is optimal
    in the plane, where three unit discs cover a disc of radius
    ``2/sqrt(3)``). With the centres at angular distance ``d`` from it, the
    covered radius is where the rims of two neighbouring caps cross, midway
    between them: ``t(d) = atan2(B, A) + arccos(cos(rho) / hypot(A, B))``
    with ``A = cos(d)``, ``B = sin(d) / 2``; it is maximised over ``d``
    numerically (the crossing on the other side lies inside the third cap
    at the optimum, which is checked).

    Parameters
    ----------
    cap_radius_rad : array_like
        Angular radius of each of the three caps, rad, in ``(0, pi/3]``.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Angular radius of the covered cap, rad (``2 rho / sqrt(3)`` for small ``rho``).
    """
    rho = check_interval(
        "cap_radius_rad",
        cap_radius_rad,
        0.0,
        math.pi / 3.0,
        low_closed=False,
        description="(0, pi/3] rad",
    )
    out = np.empty(rho.shape, dtype=np.float64)
    for idx, r in np.ndenumerate(rho):
        out[idx] = _three_cap_radius(float(r))
    return scalar_or_array(out)


def _three_cap_radius(rho: float) -> float:
    cos_rho = math.cos(rho)

    def outer(d: float) -> float:
        a, b = math.cos(d), 0.5 * math.sin(d)
        return math.atan2(b, a) + math.acos(min(1.0, cos_rho / math.hypot(a, b)))

    res = optimize.minimize_scalar(
        lambda d: -outer(d), bounds=(0.0, rho), method="bounded", options={"xatol": 1e-13}
    )
    d = float(res.x)
    a, b = math.cos(d), 0.5 * math.sin(d)
    inner = math.atan2(b, a) - math.acos(min(1.0, cos_rho / math.hypot(a, b)))
    # The inner crossing lies on the far side, |inner| from the centre, towards
    # the third cap's centre (at distance d): it must lie inside that cap.
    if abs(abs(inner) - d) > rho + 1e-9:  # pragma: no cover - geometry guarantees it
        raise RuntimeError("three-cap arrangement leaves a hole")
    return -float(res.fun)


def _ring_inputs(
    coverage_angle_rad: ArrayLike, n_satellites: int | None
) -> tuple[FloatArray, int | None]:
    """The checked cap angles and number of satellites (None: as many as wanted)."""
    phi = _check_cap(coverage_angle_rad, "coverage_angle_rad")
    if n_satellites is None:
        return phi, None
    n = check_count("n_satellites", n_satellites)
    if n < 1:
        raise ValueError(f"n_satellites must be >= 1 (or None for any number); got {n}")
    return phi, n


# The ring of satellites that both equatorial functions take.
_ring_doc = fill_doc(
    ring_parameters="""
    Parameters
    ----------
    coverage_angle_rad : array_like
        Central angle of each satellite's ground cap, rad, in ``(0, pi/2]``.
    n_satellites : int or None, optional
        Number of satellites, >= 1, or None for "as many as wanted".
    """
)


@_ring_doc
def equatorial_ring_full_latitude_rad(
    coverage_angle_rad: ArrayLike, n_satellites: int | None = None
) -> FloatArray | np.float64:
    """Highest latitude up to which satellites evenly spaced on the equator cover every longitude.

    A satellite over the equator serves the ground cap of central angle
    ``phi`` around its sub-satellite point; at latitude ``lat`` it covers the
    longitudes within ``arccos(cos(phi) / cos(lat))`` of its own. ``n``
    satellites spaced ``2 pi / n`` apart cover the whole parallel while that
    half-width reaches ``pi / n``: up to ``arccos(cos(phi) / cos(pi / n))``.
    With any number of them (``n_satellites=None``) the limit is ``phi``
    itself; beyond it lie the polar caps that no equatorial satellite serves.

    {ring_parameters}

    Returns
    -------
    numpy.ndarray or numpy.float64
        Latitude, rad; NaN where not even the equator is fully covered
        (``phi < pi / n``).
    """
    phi, n = _ring_inputs(coverage_angle_rad, n_satellites)
    if n is None:
        return scalar_or_array(phi.copy())
    half_gap = math.pi / n
    if half_gap >= _HALF_PI:
        return scalar_or_array(np.full(phi.shape, np.nan))
    ratio = np.cos(phi) / math.cos(half_gap)
    with np.errstate(invalid="ignore"):
        lat = np.where(ratio <= 1.0, np.arccos(np.minimum(ratio, 1.0)), np.nan)
    return scalar_or_array(lat)


@_ring_doc
def equatorial_ring_uncovered_fraction(
    coverage_angle_rad: ArrayLike, n_satellites: int | None = None
) -> FloatArray | np.float64:
    """Share of the Earth's surface that satellites on the equator leave uncovered.

    With the satellites evenly spaced, the covered share of the parallel at
    latitude ``lat`` is ``min(1, n w / pi)`` with ``w = arccos(cos(phi) /
    cos(lat))`` for ``|lat| < phi`` and 0 beyond, and the surface element is
    proportional to ``cos(lat)``, so the uncovered share is
    ``1 - integral_0^phi min(1, n w / pi) cos(lat) dlat`` (adaptive
    quadrature, split where the parallel becomes fully covered). With any
    number of satellites it is ``1 - sin(phi)``: the two polar caps beyond
    latitude ``phi``.

    {ring_parameters}

    Returns
    -------
    numpy.ndarray or numpy.float64
        Uncovered share, in ``[0, 1)``.
    """
    phi, n = _ring_inputs(coverage_angle_rad, n_satellites)
    if n is None:
        return scalar_or_array(1.0 - np.sin(phi))
    full = np.atleast_1d(np.asarray(equatorial_ring_full_latitude_rad(phi, n)))
    out = np.empty(phi.shape, dtype=np.float64)
    for (idx, p), lat_full in zip(np.ndenumerate(phi), full.ravel(), strict=True):
        p = float(p)
        cos_p = math.cos(p)

        def covered(lat: float, n: int = n, cos_p: float = cos_p) -> float:
            w = math.acos(min(1.0, cos_p / math.cos(lat)))
            return min(1.0, n * w / math.pi) * math.cos(lat)

        if math.isnan(lat_full):
            part, _ = integrate.quad(covered, 0.0, p, epsabs=1e-12, epsrel=1e-10, limit=200)
        else:
            tail, _ = integrate.quad(
                covered, float(lat_full), p, epsabs=1e-12, epsrel=1e-10, limit=200
            )
            part = math.sin(float(lat_full)) + tail
        out[idx] = 1.0 - part
    return scalar_or_array(out)
