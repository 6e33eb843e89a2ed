"""Edge cases of the validation Monte Carlo: empty realisations, few realisations, zero spread."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.sampling.matern_thomas import cap_area_km2
from sagin_lib.sampling.monte_carlo import (
    contact_pit,
    count_summary,
    dome_monte_carlo,
    ks_summary,
    matern_ii_validation,
    nearest_neighbour_summary,
    six_scenario_domes,
    thomas_validation,
    z_score,
)


@pytest.fixture(scope="module")
def domes() -> pd.DataFrame:
    return six_scenario_domes(
        freq_hz=2e9,
        satellite_diameter_m=2.0,
        aerial_diameter_m=0.5,
        kappa_rad=math.radians(70.0),
        min_elevation_rad=math.radians(10.0),
        air_alt_km=20.0,
        space_alt_km=600.0,
    )


def test_cap_of_an_infinite_radius_is_the_whole_sphere() -> None:
    sphere = 4 * math.pi * EARTH_RADIUS_KM**2
    assert float(cap_area_km2(math.inf, 0.0)) == pytest.approx(sphere, rel=1e-12)
    both = np.asarray(cap_area_km2([5.0, math.inf], 0.0))
    assert both[0] == pytest.approx(math.pi * 25.0, rel=1e-6) and both[1] == pytest.approx(sphere)
    with pytest.raises(ValueError, match="distance_km"):
        cap_area_km2(-math.inf, 0.0)
    with pytest.raises(ValueError, match="distance_km"):
        cap_area_km2(math.nan, 0.0)


def test_empty_realisations_have_an_infinite_contact_distance(domes) -> None:
    # mean_nodes 5 used to die in cap_area_km2 on the empty realisations.
    mc = dome_monte_carlo(domes.iloc[[0, 5]], mean_nodes=5.0, n_realisations=400, seed=7)
    contact, counts = mc["contact"], mc["counts"]
    empty = (counts["count"] == 0).to_numpy()
    assert empty.sum() > 0  # exp(-5) * 1600 ~ 11 expected
    assert np.isposinf(contact.loc[empty, "contact_distance_km"]).all()
    assert (contact.loc[empty, "cdf_theory"] == 1.0).all()
    assert np.isfinite(contact.loc[~empty, "contact_distance_km"]).all()
    np.testing.assert_allclose(contact["cdf_rim"], -math.expm1(-5.0), rtol=1e-15)
    # The KS test is taken given a non-empty dome: a correct sampler passes it.
    pit = contact_pit(contact[contact["sampler"] == "area-uniform"])
    assert pit.size == int((~empty & (contact["sampler"] == "area-uniform")).sum())
    assert 0.0 <= pit.min() and pit.max() <= 1.0
    ks = ks_summary(mc["nodes"], contact)
    right = ks[(ks["sampler"] == "area-uniform") & (ks["variable"] == "contact distance")]
    assert (right["p_value"] > 1e-4).all()


def test_tiny_and_zero_mean_counts_run_with_defined_results(domes) -> None:
    for mean in (0.0, 0.01, 1.0):
        mc = dome_monte_carlo(domes, mean_nodes=mean, n_realisations=3, seed=1)
        counts = count_summary(mc["counts"])
        nn = nearest_neighbour_summary(mc["nn"])
        ks = ks_summary(mc["nodes"], mc["contact"])
        assert not np.isinf(counts["z"]).any() and not np.isinf(nn["z"]).any()
        assert np.isfinite(nn["distance_km"]).all() and (nn["distance_km"] > 0).all()
        assert set(ks["variable"]) == {"azimuth", "area fraction", "contact distance"}
    # No nodes at all: zero z where the estimate equals its expectation, NaN KS.
    zero = dome_monte_carlo(domes.iloc[[0]], mean_nodes=0.0, n_realisations=2, seed=1)
    assert (count_summary(zero["counts"])["z"] == 0).all()
    assert ks_summary(zero["nodes"], zero["contact"])["p_value"].isna().all()
    assert np.isposinf(zero["contact"]["contact_distance_km"]).all()


def test_small_mean_counts_keep_a_border_window(domes) -> None:
    # Below about three nodes per dome, G used to be refused; now d_max stops at half the radius.
    mc = dome_monte_carlo(domes.iloc[[5]], mean_nodes=2.0, n_realisations=40, seed=3)
    nn = nearest_neighbour_summary(mc["nn"])
    half_radius = 0.5 * float(domes["vertex_angle_rad"].iloc[5]) * (EARTH_RADIUS_KM + 600.0)
    assert nn["distance_km"].max() == pytest.approx(half_radius, rel=1e-12)
    assert (nn["g_theory"] < 0.95).all()


def test_dome_monte_carlo_refuses_bad_counts(domes) -> None:
    with pytest.raises(ValueError, match="mean_nodes"):
        dome_monte_carlo(domes, mean_nodes=-1.0, n_realisations=5, seed=1)
    with pytest.raises(ValueError, match="mean_nodes"):
        dome_monte_carlo(domes, mean_nodes=math.inf, n_realisations=5, seed=1)
    with pytest.raises(ValueError, match="n_realisations"):
        dome_monte_carlo(domes, mean_nodes=5.0, n_realisations=1, seed=1)


def test_z_score_without_spread() -> None:
    assert z_score(1.0, 0.5) == 2.0
    assert z_score(0.0, 0.0) == 0.0
    assert math.isnan(z_score(-0.25, 0.0))
    np.testing.assert_array_equal(z_score([3.0, 0.0], [1.5, 0.0]), [2.0, 0.0])


def test_matern_without_pairs_has_an_infinite_minimum_distance() -> None:
    table = matern_ii_validation(
        [1e-6], hard_core_km=0.0, tx_alt_km=0.0, vertex_angle_rad=20 / EARTH_RADIUS_KM,
        n_realisations=3, seed=2,
    )  # fmt: skip
    assert np.isposinf(table["min_distance_km"]).all()
    assert (table["mean_count"] == 0).all() and not np.isinf(table["z"]).any()


def test_thomas_with_few_realisations_and_sparse_clusters() -> None:
    counts, k = thomas_validation(
        parent_density_per_km2=1e-7, mean_children=0.1, sigma_km=1.0, tx_alt_km=0.0,
        vertex_angle_rad=10 / EARTH_RADIUS_KM, distances_km=[0.5, 4.0], n_realisations=2, seed=4,
    )  # fmt: skip
    assert (k["k_mean_km2"] == 0).all()
    assert not np.isinf(k["z"]).any() and not np.isinf(counts["z"]).any()
