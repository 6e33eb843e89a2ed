"""Covering the sphere with caps: exact covering radius, bounds, constructions, GEO gaps."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.spatial import SphericalVoronoi

from sagin_lib.platforms.comparison import ground_coverage_angle_rad
from sagin_lib.platforms.sphere_covering import (
    KNOWN_MIN_COVERING_RADIUS_RAD,
    area_bound_caps,
    covering_radius_rad,
    equatorial_ring_full_latitude_rad,
    equatorial_ring_uncovered_fraction,
    feasible_covering,
    fibonacci_sphere_points,
    largest_cap_covered_by_three_rad,
    min_caps_lower_bound,
    optimised_covering_points,
)


def _grid_covering_radius(points: np.ndarray, n_grid: int = 200_000) -> float:
    """Largest nearest-centre angle over a dense Fibonacci test grid (a lower estimate)."""
    grid = fibonacci_sphere_points(n_grid)
    cos_max = (grid @ points.T).max(axis=1)
    return float(np.arccos(np.clip(cos_max.min(), -1.0, 1.0)))


@pytest.mark.parametrize("n", [5, 12, 40, 97])
def test_covering_radius_matches_voronoi_vertices_and_a_dense_grid(n: int) -> None:
    pts = fibonacci_sphere_points(n)
    exact = covering_radius_rad(pts)
    # Independent: the spherical Voronoi vertices and their nearest-centre angle.
    vor = SphericalVoronoi(pts)
    vert = vor.vertices / np.linalg.norm(vor.vertices, axis=1)[:, None]
    by_voronoi = float(np.arccos(np.clip((vert @ pts.T).max(axis=1), -1, 1)).max())
    assert exact == pytest.approx(by_voronoi, abs=1e-9)
    # A dense grid never exceeds it and comes within the grid spacing (~0.5 deg).
    grid = _grid_covering_radius(pts)
    assert grid <= exact + 1e-12
    assert exact - grid < math.radians(0.6)


def test_known_solids_reach_the_proven_radii() -> None:
    tetra = np.array([[1, 1, 1], [1, -1, -1], [-1, 1, -1], [-1, -1, 1]], dtype=float)
    assert covering_radius_rad(tetra) == pytest.approx(KNOWN_MIN_COVERING_RADIUS_RAD[4], abs=1e-12)
    octa = np.vstack([np.eye(3), -np.eye(3)])
    assert covering_radius_rad(octa) == pytest.approx(math.acos(1 / math.sqrt(3)), abs=1e-12)
    assert math.degrees(KNOWN_MIN_COVERING_RADIUS_RAD[5]) == pytest.approx(63.4349488, abs=1e-6)
    # A hemisphere's worth of centres: capped at pi/2.
    assert covering_radius_rad([[0, 0, 1], [1, 0, 0], [0, 1, 0]]) == pytest.approx(math.pi / 2)
    assert covering_radius_rad([[0, 0, 1], [1, 0, 0.1], [0, 1, 0.1], [-1, 0, 0.1]]) == math.pi / 2


def test_optimiser_finds_the_proven_optimum_for_four_and_six_and_improves_the_spiral() -> None:
    for n in (4, 6):
        _, r = optimised_covering_points(n)
        assert r == pytest.approx(KNOWN_MIN_COVERING_RADIUS_RAD[n], abs=1e-4)
    pts, r = optimised_covering_points(60)
    assert r < covering_radius_rad(fibonacci_sphere_points(60))
    assert r == pytest.approx(covering_radius_rad(pts), abs=0.0)
    # Same seed, same result.
    assert np.array_equal(optimised_covering_points(30, n_starts=2, rng=5)[0],
                          optimised_covering_points(30, n_starts=2, rng=5)[0])  # fmt: skip


def test_meo_and_geo_counts_at_ten_degrees() -> None:
    meo = feasible_covering(float(ground_coverage_angle_rad(10000.0, math.radians(10.0))))
    assert (meo.area_bound, meo.lower_bound, meo.n_caps, meo.proven_minimum) == (5, 6, 6, True)
    geo = feasible_covering(float(ground_coverage_angle_rad(35786.0, math.radians(10.0))))
    assert (geo.area_bound, geo.lower_bound, geo.n_caps, geo.proven_minimum) == (3, 4, 4, True)
    leo = feasible_covering(float(ground_coverage_angle_rad(600.0, math.radians(10.0))))
    assert leo.area_bound == 53 and leo.area_bound <= leo.n_caps <= 75
    # The returned centres really cover: checked again on a dense grid.
    assert _grid_covering_radius(leo.points_xyz) <= leo.cap_radius_rad


def test_hemispheres_and_huge_counts() -> None:
    half = feasible_covering(math.pi / 2)
    assert half.n_caps == 2 and half.proven_minimum
    tiny = feasible_covering(1e-3)
    assert tiny.n_caps is None and tiny.area_bound > 1e6


@settings(max_examples=25, deadline=None)
@given(st.floats(0.05, math.pi / 2))
def test_bounds_are_ordered(phi: float) -> None:
    area = float(area_bound_caps(phi))
    assert area == math.ceil(1.0 / math.sin(phi / 2) ** 2 - 1e-9)
    assert area <= min_caps_lower_bound(phi)
    if phi < KNOWN_MIN_COVERING_RADIUS_RAD[6]:
        assert min_caps_lower_bound(phi) >= 7


def test_three_caps_cover_a_disc_of_two_over_root_three_for_small_caps() -> None:
    assert float(largest_cap_covered_by_three_rad(1e-3)) / 1e-3 == pytest.approx(
        2 / math.sqrt(3), rel=1e-6
    )
    # At rho = 0.08 rad (X-station's size), check the arrangement on a grid of the covered cap.
    rho = 0.08
    big = float(largest_cap_covered_by_three_rad(rho))
    rng = np.random.default_rng(3)
    # Find the optimal d numerically again by brute force and check coverage.
    ds = np.linspace(0.3 * rho, rho, 2001)
    a, b = np.cos(ds), 0.5 * np.sin(ds)
    outer = np.arctan2(b, a) + np.arccos(np.cos(rho) / np.hypot(a, b))
    # A grid of centre distances gets within its spacing of the optimum, never above it.
    assert big - 1e-7 < outer.max() <= big + 1e-12
    d = float(ds[outer.argmax()])
    lon = 2 * np.pi * np.arange(3) / 3
    centres = np.column_stack(
        [np.sin(d) * np.cos(lon), np.sin(d) * np.sin(lon), np.full(3, np.cos(d))]
    )
    # Uniform points in the covered cap (area-uniform in cos theta).
    u = rng.random(20_000)
    theta = np.arccos(1 - u * (1 - math.cos(big * (1 - 1e-6))))
    phi = 2 * np.pi * rng.random(20_000)
    pts = np.column_stack([np.sin(theta) * np.cos(phi), np.sin(theta) * np.sin(phi), np.cos(theta)])
    nearest = np.arccos(np.clip((pts @ centres.T).max(axis=1), -1, 1))
    assert nearest.max() <= rho + 1e-9


def test_geo_polar_caps_closed_form_and_limits() -> None:
    phi = float(ground_coverage_angle_rad(35786.0, math.radians(10.0)))
    assert math.degrees(phi) == pytest.approx(71.44, abs=0.01)
    assert float(equatorial_ring_uncovered_fraction(phi)) == pytest.approx(1 - math.sin(phi))
    # Many satellites tend to the polar-cap limit from above.
    many = float(equatorial_ring_uncovered_fraction(phi, 1000))
    assert 1 - math.sin(phi) <= many < 1 - math.sin(phi) + 1e-6
    three = float(equatorial_ring_uncovered_fraction(phi, 3))
    four = float(equatorial_ring_uncovered_fraction(phi, 4))
    assert three > four > 1 - math.sin(phi)
    # Every longitude served up to arccos(cos(phi) / cos(pi / n)).
    lat3 = float(equatorial_ring_full_latitude_rad(phi, 3))
    assert lat3 == pytest.approx(math.acos(math.cos(phi) / 0.5))
    assert math.isnan(float(equatorial_ring_full_latitude_rad(0.5, 3)))
    assert math.isnan(float(equatorial_ring_full_latitude_rad(phi, 1)))


def test_geo_uncovered_share_against_monte_carlo() -> None:
    phi = float(ground_coverage_angle_rad(35786.0, math.radians(10.0)))
    rng = np.random.default_rng(2024)
    n = 400_000
    z = rng.uniform(-1, 1, n)
    lon = rng.uniform(0, 2 * np.pi, n)
    pts = np.column_stack([np.sqrt(1 - z * z) * np.cos(lon), np.sqrt(1 - z * z) * np.sin(lon), z])
    for count in (3, 4):
        sat_lon = 2 * np.pi * np.arange(count) / count
        sats = np.column_stack([np.cos(sat_lon), np.sin(sat_lon), np.zeros(count)])
        share = float(((pts @ sats.T).max(axis=1) < math.cos(phi)).mean())
        want = float(equatorial_ring_uncovered_fraction(phi, count))
        # Binomial standard error sqrt(p (1 - p) / n) ~ 4.5e-4; accept 5 of them.
        assert abs(share - want) < 5 * math.sqrt(want * (1 - want) / n)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: area_bound_caps(0.0), "cap_radius_rad"),
        (lambda: area_bound_caps(2.0), "cap_radius_rad"),
        (lambda: feasible_covering(-1.0), "cap_radius_rad"),
        (lambda: fibonacci_sphere_points(0), "n_points"),
        (lambda: optimised_covering_points(3), "n_points"),
        (lambda: optimised_covering_points(10, n_starts=0), "n_starts"),
        (lambda: covering_radius_rad(np.zeros((4, 2))), "points_xyz"),
        (lambda: covering_radius_rad(np.zeros((4, 3))), "points_xyz"),
        (lambda: largest_cap_covered_by_three_rad(1.2), "cap_radius_rad"),
        (lambda: equatorial_ring_uncovered_fraction(0.5, 0), "n_satellites"),
        (lambda: equatorial_ring_uncovered_fraction(math.nan), "coverage_angle_rad"),
    ],
)
def test_bad_input_is_refused(call, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        call()
