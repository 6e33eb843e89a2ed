"""sagin_lib.sampling.matern_thomas: hard-core and cluster processes on a Dome.

Checked against independent computations: pairwise great-circle distances by
cKDTree, the cap area ``2 pi R^2 (1 - cos(d / R))`` in mpmath, the planar
limits ``pi r^2`` and ``1 / (pi r^2)``, the Rayleigh mean of the displacements,
and Chiu et al.'s Thomas K function written out here.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from scipy.spatial import cKDTree

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.dome import Dome
from sagin_lib.sampling.matern_thomas import (
    cap_area_km2,
    matern_ii_dome,
    matern_ii_intensity_per_km2,
    thomas_dome,
    thomas_k_function_km2,
)

SMALL = 100.0 / EARTH_RADIUS_KM  # 100 km radius on the ground


def _cap_mp(d_km: float, alt_km: float = 0.0) -> float:
    with mp.workdps(50):
        r = mp.mpf(EARTH_RADIUS_KM) + alt_km
        return float(2 * mp.pi * r**2 * (1 - mp.cos(mp.mpf(d_km) / r)))


def _angle_to_centre(xyz: np.ndarray, az: float, pol: float) -> np.ndarray:
    u = np.array([math.sin(pol) * math.cos(az), math.sin(pol) * math.sin(az), math.cos(pol)])
    return np.arctan2(np.linalg.norm(np.cross(xyz, u), axis=1), xyz @ u)


def _min_distance_km(xyz: np.ndarray, radius: float = EARTH_RADIUS_KM) -> float:
    chord = cKDTree(xyz).query(xyz, k=2)[0][:, 1].min()
    return 2 * radius * math.asin(chord / (2 * radius))


def test_cap_area_against_mpmath_and_at_infinity() -> None:
    for d in (1e-3, 5.0, 3000.0, 15_000.0):
        assert float(cap_area_km2(d, 0.0)) == pytest.approx(_cap_mp(d), rel=1e-13)
    assert float(cap_area_km2(800.0, 600.0)) == pytest.approx(_cap_mp(800.0, 600.0), rel=1e-13)
    sphere = 4 * math.pi * EARTH_RADIUS_KM**2
    assert float(cap_area_km2(math.inf, 0.0)) == pytest.approx(sphere, rel=1e-12)
    both = np.asarray(cap_area_km2([5.0, math.inf], 0.0))
    assert both[0] == pytest.approx(math.pi * 25.0, rel=1e-6) and both[1] == pytest.approx(sphere)


def test_matern_ii_respects_the_hard_core_and_stays_in_the_dome() -> None:
    pts = matern_ii_dome(0.05, 8.0, Dome(0.0, SMALL, 1.0, 1.0), rng=4)
    assert pts.shape[0] > 50
    assert _min_distance_km(pts) > 8.0
    assert np.all(_angle_to_centre(pts, 1.0, 1.0) <= SMALL * (1 + 1e-12))


def test_matern_ii_without_hard_core_is_the_poisson_process() -> None:
    assert matern_ii_intensity_per_km2(0.3, 0.0, 0.0) == 0.3
    rng = np.random.default_rng(2)
    counts = [matern_ii_dome(0.004, 0.0, Dome(0.0, SMALL), rng=rng).shape[0] for _ in range(200)]
    # 200 Poisson counts of mean lambda |A|: within 4 standard errors.
    mean = 0.004 * _cap_mp(100.0)
    assert abs(np.mean(counts) - mean) < 4 * math.sqrt(mean / 200)


def test_matern_ii_intensity_against_its_closed_form_and_limits() -> None:
    r = 5.0
    for lam in (1e-9, 0.01, 0.3, 1e3):
        a = _cap_mp(r)
        want = -math.expm1(-lam * a) / a
        assert float(matern_ii_intensity_per_km2(lam, r, 0.0)) == pytest.approx(want, rel=1e-12)
    # Sparse parents: almost nobody is thinned; dense: one point per planar disc.
    assert float(matern_ii_intensity_per_km2(1e-9, r, 0.0)) == pytest.approx(1e-9, rel=1e-6)
    dense = float(matern_ii_intensity_per_km2(1e3, r, 0.0))
    assert dense == pytest.approx(1 / (math.pi * r * r), rel=1e-6)


def test_thomas_children_cluster_around_parents() -> None:
    sigma = 3.0
    kids, parents, owner = thomas_dome(
        0.002, 15.0, sigma, Dome(20.0, SMALL, 0.5, 2.0), rng=8, return_parents=True
    )
    assert kids.shape[0] == owner.shape[0] > 0
    radius = EARTH_RADIUS_KM + 20.0
    np.testing.assert_allclose(np.linalg.norm(kids, axis=1), radius, rtol=1e-12)
    assert np.all(_angle_to_centre(kids, 0.5, 2.0) <= SMALL * (1 + 1e-12))
    # Displacements are Rayleigh(sigma): mean sigma sqrt(pi / 2), within a loose band.
    a, b = kids, parents[owner]
    angle = np.arctan2(np.linalg.norm(np.cross(a, b), axis=1), np.einsum("ij,ij->i", a, b))
    assert (radius * angle).mean() == pytest.approx(sigma * math.sqrt(math.pi / 2), rel=0.1)


def test_thomas_on_the_whole_sphere_and_without_parents() -> None:
    kids = thomas_dome(1e-7, 3.0, 50.0, Dome(0.0, math.pi), rng=3)
    assert kids.shape[0] > 0
    np.testing.assert_allclose(np.linalg.norm(kids, axis=1), EARTH_RADIUS_KM, rtol=1e-12)
    assert thomas_dome(0.0, 3.0, 5.0, Dome(0.0, 0.1), rng=1).shape == (0, 3)


def test_thomas_k_function_against_the_written_out_formula() -> None:
    lam, sigma = 2e-4, 5.0
    for d in (0.0, 5.0, 10.0, 20.0):
        want = _cap_mp(d) + (1 - math.exp(-d * d / (4 * sigma * sigma))) / lam
        assert float(thomas_k_function_km2(d, lam, sigma, 0.0)) == pytest.approx(want, rel=1e-12)


def test_same_seed_same_processes() -> None:
    dome = Dome(0.0, SMALL, 1.0, 1.0)
    a = matern_ii_dome(0.05, 8.0, dome, rng=np.random.SeedSequence(4))
    assert a.tobytes() == matern_ii_dome(0.05, 8.0, dome, rng=4).tobytes()
    b = thomas_dome(0.002, 5.0, 3.0, dome, rng=np.random.default_rng(6))
    assert b.tobytes() == thomas_dome(0.002, 5.0, 3.0, dome, rng=6).tobytes()


DOME = Dome(0.0, 0.1)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: matern_ii_dome(-1.0, 1.0, DOME), "parent_density_per_km2"),
        (lambda: matern_ii_dome(1.0, -1.0, DOME), "hard_core_km"),
        (lambda: matern_ii_dome(1.0, math.nan, DOME), "hard_core_km"),
        (lambda: matern_ii_dome(1.0, 1.0, 0.1), "dome"),
        (lambda: thomas_dome(1.0, 2.0, 0.0, DOME), "sigma_km"),
        (lambda: thomas_dome(1.0, 2.0, -1.0, DOME), "sigma_km"),
        (lambda: thomas_dome(1.0, -2.0, 1.0, DOME), "mean_children"),
        (lambda: thomas_dome(-1.0, 2.0, 1.0, DOME), "parent_density_per_km2"),
        (lambda: thomas_dome(1.0, 2.0, 1.0, DOME, rng=-1), "rng"),
        (lambda: thomas_k_function_km2(1.0, 0.0, 1.0, 0.0), "parent_density_per_km2"),
        (lambda: cap_area_km2(-1.0, 0.0), "distance_km"),
        (lambda: cap_area_km2(-math.inf, 0.0), "distance_km"),
        (lambda: cap_area_km2(math.nan, 0.0), "distance_km"),
        (lambda: matern_ii_intensity_per_km2(1.0, -2.0, 0.0), "hard_core_km"),
    ],
)
def test_bad_input_names_the_argument(call, name) -> None:
    with pytest.raises(ValueError, match=name):
        call()
