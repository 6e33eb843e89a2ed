"""Matern II and Thomas processes on domes, and the Monte Carlo validation tables."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.spatial import cKDTree

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.coverage import dome_area_km2
from sagin_lib.model.sphere import angle_from_center_rad, great_circle_distance_km
from sagin_lib.sampling.matern_thomas import (
    cap_area_km2,
    matern_ii_dome,
    matern_ii_intensity_per_km2,
    thomas_dome,
    thomas_k_function_km2,
)
from sagin_lib.sampling.monte_carlo import (
    count_summary,
    dome_monte_carlo,
    ks_summary,
    matern_ii_validation,
    nearest_neighbour_summary,
    polar_uniform_dome,
    six_scenario_domes,
    thomas_validation,
)

SMALL_DOME = 100.0 / EARTH_RADIUS_KM  # 100 km radius on the ground


def _min_distance_km(xyz: np.ndarray) -> float:
    chord = cKDTree(xyz).query(xyz, k=2)[0][:, 1].min()
    return 2 * EARTH_RADIUS_KM * math.asin(chord / (2 * EARTH_RADIUS_KM))


def test_matern_ii_respects_the_hard_core_and_stays_in_the_dome() -> None:
    pts = matern_ii_dome(0.05, 8.0, 0.0, SMALL_DOME, 1.0, 1.0, rng=4)
    assert pts.shape[0] > 50
    assert _min_distance_km(pts) > 8.0
    assert np.all(np.asarray(angle_from_center_rad(pts, 1.0, 1.0)) <= SMALL_DOME * (1 + 1e-12))


def test_matern_ii_without_hard_core_is_the_poisson_process() -> None:
    assert matern_ii_intensity_per_km2(0.3, 0.0, 0.0) == 0.3
    assert matern_ii_dome(0.01, 0.0, 0.0, SMALL_DOME, rng=2).shape[0] > 0


def test_matern_ii_intensity_limits() -> None:
    r = 5.0
    # Sparse parents: almost nobody is thinned; dense: one point per cap area.
    assert float(matern_ii_intensity_per_km2(1e-9, r, 0.0)) == pytest.approx(1e-9, rel=1e-6)
    dense = float(matern_ii_intensity_per_km2(1e3, r, 0.0))
    assert dense == pytest.approx(1 / float(cap_area_km2(r, 0.0)), rel=1e-12)
    assert float(cap_area_km2(r, 0.0)) == pytest.approx(math.pi * r * r, rel=1e-6)


def test_matern_ii_mean_count_matches_theory() -> None:
    # 150 independent realisations: the mean is within 4 standard errors of
    # lambda_MII |A| except with probability 6e-5 (exact theory on the sphere).
    table = matern_ii_validation(
        [0.004, 0.04],
        hard_core_km=10.0,
        tx_alt_km=0.0,
        vertex_angle_rad=SMALL_DOME,
        n_realisations=150,
        seed=12,
    )
    assert (table["z"].abs() < 4).all(), table
    assert (table["min_distance_km"] > 10.0).all()


def test_thomas_children_cluster_around_parents() -> None:
    sigma = 3.0
    kids, parents, owner = thomas_dome(
        0.002, 15.0, sigma, 20.0, SMALL_DOME, 0.5, 2.0, rng=8, return_parents=True
    )
    assert kids.shape[0] == owner.shape[0] > 0
    np.testing.assert_allclose(np.linalg.norm(kids, axis=1), EARTH_RADIUS_KM + 20.0, rtol=1e-12)
    assert np.all(np.asarray(angle_from_center_rad(kids, 0.5, 2.0)) <= SMALL_DOME * (1 + 1e-12))
    # Displacements are Rayleigh(sigma): mean sigma sqrt(pi / 2), within a loose band.
    dist = np.asarray(great_circle_distance_km(kids, parents[owner]))
    assert dist.mean() == pytest.approx(sigma * math.sqrt(math.pi / 2), rel=0.1)


def test_thomas_at_the_pole_and_the_whole_sphere() -> None:
    kids = thomas_dome(1e-7, 3.0, 50.0, 0.0, math.pi, 0.0, 0.0, rng=3)
    np.testing.assert_allclose(np.linalg.norm(kids, axis=1), EARTH_RADIUS_KM, rtol=1e-12)
    assert thomas_dome(0.0, 3.0, 5.0, 0.0, 0.1, rng=1).shape == (0, 3)


def test_thomas_count_and_pair_excess_match_theory() -> None:
    # Unbiased per-realisation estimators averaged over 120 independent
    # realisations: within 4 standard errors except with probability ~6e-5 each.
    counts, k = thomas_validation(
        parent_density_per_km2=2e-4,
        mean_children=10.0,
        sigma_km=5.0,
        tx_alt_km=0.0,
        vertex_angle_rad=200.0 / EARTH_RADIUS_KM,
        distances_km=[5.0, 10.0, 20.0],
        n_realisations=120,
        seed=21,
    )
    assert abs(float(counts["z"].iloc[0])) < 4
    assert (k["z"].abs() < 4).all(), k
    assert (k["excess_mean_km2"] > 5 * k["k_se_km2"]).all()  # clearly clustered
    np.testing.assert_allclose(
        k["k_theory_km2"], thomas_k_function_km2(k["distance_km"], 2e-4, 5.0, 0.0)
    )


def test_validation_tables_pass_the_right_sampler_and_fail_the_wrong_one() -> None:
    domes = six_scenario_domes(
        freq_hz=2e9,
        satellite_diameter_m=2.0,
        aerial_diameter_m=0.5,
        kappa_rad=math.radians(70.0),
        min_elevation_rad=math.radians(10.0),
        air_alt_km=20.0,
        space_alt_km=600.0,
    )
    assert list(domes["scenario"]) == ["G2A", "A2S", "G2S", "A2G", "S2A", "S2G"]
    np.testing.assert_allclose(
        domes["area_km2"], dome_area_km2(domes["tx_alt_km"], domes["vertex_angle_rad"])
    )
    mc = dome_monte_carlo(domes.iloc[[0, 5]], mean_nodes=40, n_realisations=150, seed=5)
    counts = count_summary(mc["counts"])
    right = counts[counts["sampler"] == "area-uniform"]
    wrong = counts[counts["sampler"] != "area-uniform"]
    assert (right["z"].abs() < 4).all()
    assert (wrong.loc[wrong["region"] == "inner dome", "z"] > 10).all()
    ks = ks_summary(mc["nodes"], mc["contact"])
    assert (ks.loc[ks["sampler"] == "area-uniform", "p_value"] > 1e-3).all()
    bad = ks[(ks["sampler"] != "area-uniform") & (ks["variable"] != "azimuth")]
    assert (bad["p_value"] < 1e-6).all()
    nn = nearest_neighbour_summary(mc["nn"])
    assert (nn.loc[nn["sampler"] == "area-uniform", "z"].abs() < 4).all()
    assert (nn.loc[nn["sampler"] != "area-uniform", "z"].abs().max()) > 10


def test_polar_uniform_sampler_crowds_the_centre() -> None:
    pts = polar_uniform_dome(20_000, 0.0, 0.2, rng=1)
    angle = np.asarray(angle_from_center_rad(pts))
    # Half its points within phi / 2, where a quarter of the area is.
    assert np.mean(angle <= 0.1) == pytest.approx(0.5, abs=0.02)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: matern_ii_dome(-1.0, 1.0, 0.0, 0.1), "parent_density_per_km2"),
        (lambda: matern_ii_dome(1.0, -1.0, 0.0, 0.1), "hard_core_km"),
        (lambda: matern_ii_dome(1.0, math.nan, 0.0, 0.1), "hard_core_km"),
        (lambda: matern_ii_dome(1.0, 1.0, 0.0, 4.0), "vertex_angle_rad"),
        (lambda: thomas_dome(1.0, 2.0, 0.0, 0.0, 0.1), "sigma_km"),
        (lambda: thomas_dome(1.0, 2.0, -1.0, 0.0, 0.1), "sigma_km"),
        (lambda: thomas_dome(1.0, -2.0, 1.0, 0.0, 0.1), "mean_children"),
        (lambda: thomas_dome(-1.0, 2.0, 1.0, 0.0, 0.1), "parent_density_per_km2"),
        (lambda: thomas_dome(1.0, 2.0, 1.0, 0.0, 0.1, math.inf), "center_azimuth_rad"),
        (lambda: thomas_k_function_km2(1.0, 0.0, 1.0, 0.0), "parent_density_per_km2"),
        (lambda: cap_area_km2(-1.0, 0.0), "distance_km"),
        (lambda: matern_ii_intensity_per_km2(1.0, -2.0, 0.0), "hard_core_km"),
    ],
)
def test_bad_input_names_the_argument(call, name) -> None:
    with pytest.raises(ValueError, match=name):
        call()
