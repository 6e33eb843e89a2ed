"""sagin_lib.sampling.monte_carlo: the validation Monte Carlo, its tasks and its tables.

The statistics are checked against what they estimate (counts against
``lambda |A|`` in mpmath, KS against the uniform law, the wrong sampler's
inner share against ``sin^2(phi/4) / sin^2(phi/2)``), the per-task streams
against NumPy's own ``SeedSequence.spawn``, and the edge cases (empty
realisations, few realisations, no spread) for defined results.
"""

from __future__ import annotations

import math
import pickle

import mpmath as mp
import numpy as np
import pandas as pd
import pytest

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.dome import Dome
from sagin_lib.sampling.monte_carlo import (
    SAMPLERS,
    DomeSamplerTask,
    contact_pit,
    count_summary,
    dome_frame_coordinates,
    dome_monte_carlo,
    ks_summary,
    matern_ii_validation,
    nearest_neighbour_summary,
    polar_uniform_dome,
    run_dome_sampler_task,
    six_scenario_domes,
    thomas_validation,
    z_score,
)

SMALL = 100.0 / EARTH_RADIUS_KM


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


def test_six_scenario_domes_have_the_cap_area_of_their_angle(domes) -> None:
    assert list(domes["scenario"]) == ["G2A", "A2S", "G2S", "A2G", "S2A", "S2G"]
    with mp.workdps(50):
        for row in domes.itertuples():
            r = mp.mpf(EARTH_RADIUS_KM) + row.tx_alt_km
            area = float(2 * mp.pi * r**2 * (1 - mp.cos(mp.mpf(row.vertex_angle_rad))))
            assert row.area_km2 == pytest.approx(area, rel=1e-12)
            assert row.vertex_angle_deg == pytest.approx(math.degrees(row.vertex_angle_rad))


def test_polar_uniform_sampler_crowds_the_centre() -> None:
    pts = polar_uniform_dome(20_000, Dome(0.0, 0.2), rng=1)
    angle = np.arccos(np.clip(pts[:, 2] / np.linalg.norm(pts, axis=1), -1, 1))
    # Half its points within phi / 2, where about a quarter of the area is.
    assert np.mean(angle <= 0.1) == pytest.approx(0.5, abs=0.02)
    assert set(SAMPLERS) == {"area-uniform", "polar-uniform (wrong)"}


def test_dome_frame_coordinates_against_spherical_angles() -> None:
    az, pol, phi = 1.0, 2.0, 0.3
    dome = Dome(600.0, phi, az, pol)
    r = EARTH_RADIUS_KM + 600.0
    # Points built here at known dome-frame angles, rotated by scipy-independent algebra.
    local_az = np.array([0.1, 2.0, 4.0, 6.0])
    local_pol = np.array([0.0, 0.1, 0.2, 0.3])
    local = np.stack(
        [
            np.sin(local_pol) * np.cos(local_az),
            np.sin(local_pol) * np.sin(local_az),
            np.cos(local_pol),
        ],
        axis=1,
    )
    ca, sa, cp, sp = math.cos(az), math.sin(az), math.cos(pol), math.sin(pol)
    m = np.array([[ca * cp, -sa, ca * sp], [sa * cp, ca, sa * sp], [-sp, 0.0, cp]])
    got_az, fraction = dome_frame_coordinates(r * local @ m.T, dome)
    np.testing.assert_allclose(fraction, (1 - np.cos(local_pol)) / (1 - math.cos(phi)), atol=1e-12)
    np.testing.assert_allclose(got_az[1:], local_az[1:], atol=1e-12)


def test_tasks_hold_a_dome_and_their_own_stream(domes) -> None:
    seen = []

    def recording_map(func, tasks):
        tasks = list(tasks)
        seen.extend(tasks)
        return map(func, tasks)

    mc = dome_monte_carlo(
        domes.iloc[[0, 5]], mean_nodes=10, n_realisations=3, rng=11, map_function=recording_map
    )
    assert [t.scenario for t in seen] == ["G2A", "G2A", "S2G", "S2G"]
    assert all(isinstance(t.dome, Dome) and t.dome.scenario.key == t.scenario for t in seen)
    # The k-th task draws from the k-th child NumPy's spawn gives.
    children = np.random.SeedSequence(11).spawn(4)
    assert [t.rng.spawn_key for t in seen] == [c.spawn_key for c in children]
    assert all(t.rng.entropy == 11 for t in seen)
    # A task is self-contained: pickled and run elsewhere, it gives the same rows.
    again = run_dome_sampler_task(pickle.loads(pickle.dumps(seen[3])))
    rows = mc["counts"][(mc["counts"]["scenario"] == "S2G")].iloc[3:]
    assert [r[3] for r in again["counts"]] == rows["count"].tolist()
    # The same root in any form gives the same tables.
    other = dome_monte_carlo(
        domes.iloc[[0, 5]], mean_nodes=10, n_realisations=3, rng=np.random.SeedSequence(11)
    )
    for name, table in mc.items():
        pd.testing.assert_frame_equal(table, other[name], check_exact=True)


def test_validation_tables_pass_the_right_sampler_and_fail_the_wrong_one(domes) -> None:
    mc = dome_monte_carlo(domes.iloc[[0, 5]], mean_nodes=40, n_realisations=150, rng=5)
    counts = count_summary(mc["counts"])
    right = counts[counts["sampler"] == "area-uniform"]
    wrong = counts[counts["sampler"] != "area-uniform"]
    assert (right["z"].abs() < 4).all()
    assert (wrong.loc[wrong["region"] == "inner dome", "z"] > 10).all()
    # The wrong sampler's inner share is one half, the right one's sin^2(phi/4)/sin^2(phi/2).
    phi = float(domes["vertex_angle_rad"].iloc[0])
    inner = right[(right["scenario"] == "G2A") & (right["region"] == "inner dome")]
    share = math.sin(phi / 4) ** 2 / math.sin(phi / 2) ** 2
    assert float(inner["expected_count"].iloc[0]) == pytest.approx(40 * share, rel=1e-12)
    ks = ks_summary(mc["nodes"], mc["contact"])
    assert (ks.loc[ks["sampler"] == "area-uniform", "p_value"] > 1e-3).all()
    bad = ks[(ks["sampler"] != "area-uniform") & (ks["variable"] != "azimuth")]
    assert (bad["p_value"] < 1e-6).all()
    nn = nearest_neighbour_summary(mc["nn"])
    assert (nn.loc[nn["sampler"] == "area-uniform", "z"].abs() < 4).all()
    assert (nn.loc[nn["sampler"] != "area-uniform", "z"].abs().max()) > 10


def test_empty_realisations_have_an_infinite_contact_distance(domes) -> None:
    mc = dome_monte_carlo(domes.iloc[[0, 5]], mean_nodes=5.0, n_realisations=400, rng=7)
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
        mc = dome_monte_carlo(domes, mean_nodes=mean, n_realisations=3, rng=1)
        counts = count_summary(mc["counts"])
        nn = nearest_neighbour_summary(mc["nn"])
        ks = ks_summary(mc["nodes"], mc["contact"])
        assert not np.isinf(counts["z"]).any() and not np.isinf(nn["z"]).any()
        assert np.isfinite(nn["distance_km"]).all() and (nn["distance_km"] > 0).all()
        assert set(ks["variable"]) == {"azimuth", "area fraction", "contact distance"}
    # No nodes at all: zero z where the estimate equals its expectation, NaN KS.
    zero = dome_monte_carlo(domes.iloc[[0]], mean_nodes=0.0, n_realisations=2, rng=1)
    assert (count_summary(zero["counts"])["z"] == 0).all()
    assert ks_summary(zero["nodes"], zero["contact"])["p_value"].isna().all()
    assert np.isposinf(zero["contact"]["contact_distance_km"]).all()


def test_small_mean_counts_keep_a_border_window(domes) -> None:
    # Below about three nodes per dome, d_max stops at half the dome's radius.
    mc = dome_monte_carlo(domes.iloc[[5]], mean_nodes=2.0, n_realisations=40, rng=3)
    nn = nearest_neighbour_summary(mc["nn"])
    half_radius = 0.5 * float(domes["vertex_angle_rad"].iloc[5]) * (EARTH_RADIUS_KM + 600.0)
    assert nn["distance_km"].max() == pytest.approx(half_radius, rel=1e-12)
    assert (nn["g_theory"] < 0.95).all()


def test_dome_monte_carlo_refuses_bad_settings(domes) -> None:
    with pytest.raises(ValueError, match="mean_nodes"):
        dome_monte_carlo(domes, mean_nodes=-1.0, n_realisations=5, rng=1)
    with pytest.raises(ValueError, match="mean_nodes"):
        dome_monte_carlo(domes, mean_nodes=math.inf, n_realisations=5, rng=1)
    with pytest.raises(ValueError, match="n_realisations"):
        dome_monte_carlo(domes, mean_nodes=5.0, n_realisations=1, rng=1)
    with pytest.raises(ValueError, match="samplers"):
        dome_monte_carlo(domes, mean_nodes=5.0, n_realisations=2, rng=1, samplers=["x"])
    with pytest.raises(ValueError, match="rng"):
        dome_monte_carlo(domes, mean_nodes=5.0, n_realisations=2, rng=-1)
    with pytest.raises(ValueError, match="dome"):
        polar_uniform_dome(3, 0.1)


def test_z_score_without_spread() -> None:
    assert z_score(1.0, 0.5) == 2.0
    assert z_score(0.0, 0.0) == 0.0
    assert math.isnan(z_score(-0.25, 0.0))
    np.testing.assert_array_equal(z_score([3.0, 0.0], [1.5, 0.0]), [2.0, 0.0])


def test_matern_ii_mean_count_matches_theory() -> None:
    # 150 independent realisations: the mean is within 4 standard errors of
    # lambda_MII |A| except with probability 6e-5 (exact theory on the sphere).
    table = matern_ii_validation(
        [0.004, 0.04], hard_core_km=10.0, dome=Dome(0.0, SMALL), n_realisations=150, rng=12
    )
    assert (table["z"].abs() < 4).all(), table
    assert (table["min_distance_km"] > 10.0).all()
    a = 2 * math.pi * EARTH_RADIUS_KM**2 * (1 - math.cos(10.0 / EARTH_RADIUS_KM))
    theory = -np.expm1(-np.array([0.004, 0.04]) * a) / a
    np.testing.assert_allclose(table["intensity_theory_per_km2"], theory, rtol=1e-9)


def test_matern_without_pairs_has_an_infinite_minimum_distance() -> None:
    table = matern_ii_validation(
        [1e-6], hard_core_km=0.0, dome=Dome(0.0, 20 / EARTH_RADIUS_KM), n_realisations=3, rng=2
    )
    assert np.isposinf(table["min_distance_km"]).all()
    assert (table["mean_count"] == 0).all() and not np.isinf(table["z"]).any()


def test_thomas_count_and_pair_excess_match_theory() -> None:
    # Unbiased per-realisation estimators averaged over 120 independent
    # realisations: within 4 standard errors except with probability ~6e-5 each.
    counts, k = thomas_validation(
        parent_density_per_km2=2e-4,
        mean_children=10.0,
        sigma_km=5.0,
        dome=Dome(0.0, 200.0 / EARTH_RADIUS_KM),
        distances_km=[5.0, 10.0, 20.0],
        n_realisations=120,
        rng=21,
    )
    assert abs(float(counts["z"].iloc[0])) < 4
    assert (k["z"].abs() < 4).all(), k
    assert (k["excess_mean_km2"] > 5 * k["k_se_km2"]).all()  # clearly clustered
    d = k["distance_km"].to_numpy()
    np.testing.assert_allclose(k["excess_theory_km2"], -np.expm1(-d * d / 100.0) / 2e-4, rtol=1e-9)


def test_thomas_with_few_realisations_and_sparse_clusters() -> None:
    counts, k = thomas_validation(
        parent_density_per_km2=1e-7, mean_children=0.1, sigma_km=1.0,
        dome=Dome(0.0, 10 / EARTH_RADIUS_KM), distances_km=[0.5, 4.0], n_realisations=2, rng=4,
    )  # fmt: skip
    assert (k["k_mean_km2"] == 0).all()
    assert not np.isinf(k["z"]).any() and not np.isinf(counts["z"]).any()
    with pytest.raises(ValueError, match="distances_km"):
        thomas_validation(
            parent_density_per_km2=1e-7, mean_children=0.1, sigma_km=1.0,
            dome=Dome(0.0, 10 / EARTH_RADIUS_KM), distances_km=[20.0], n_realisations=2, rng=4,
        )  # fmt: skip


def test_task_is_a_frozen_value() -> None:
    task = DomeSamplerTask(
        Dome(0.0, 0.1, scenario="G2A"), "area-uniform", 5.0, 2, np.random.SeedSequence(1)
    )
    with pytest.raises(AttributeError):
        task.mean_nodes = 3.0  # type: ignore[misc]
    assert task.scenario == "G2A" and task.nn_grid_points == 12
