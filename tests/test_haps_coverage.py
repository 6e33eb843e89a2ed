"""HAPS + LEO coverage probability: Monte Carlo against closed forms, determinism, bad input."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pandas as pd
import pytest

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.platforms.haps_coverage import (
    HapsCoverageParams,
    coverage_probability_no_fading,
    coverage_probability_semianalytic,
    coverage_sweep,
    probability_visible,
    run_sweep_point,
    simulate_coverage_point,
    sweep_points,
)

R = EARTH_RADIUS_KM
BASE = HapsCoverageParams()
RAYLEIGH = BASE.replace(fading="rayleigh")


def _tolerance(p: float, n: int) -> float:
    """Four binomial standard errors (plus a floor for p near 0 or 1).

    A Monte Carlo estimate from n independent users has standard error
    sqrt(p (1 - p) / n); the chance of a 4-sigma miss is about 6e-5 per point,
    and the seeds are fixed, so the test is deterministic.
    """
    return 4.0 * math.sqrt(p * (1.0 - p) / n) + 1.0 / n


def _cap_fraction_plain(alt_km: float, elevation_rad: float) -> float:
    phi = math.acos(R * math.cos(elevation_rad) / (R + alt_km)) - elevation_rad
    return (1.0 - math.cos(phi)) / 2.0


# ---------------------------------------------------------------- closed forms


def test_visibility_closed_form_against_plain_formula() -> None:
    p = BASE.replace(haps_region_radius_km=None)
    qh = _cap_fraction_plain(p.haps_alt_km, p.min_elevation_rad)
    qs = _cap_fraction_plain(p.sat_alt_km, p.min_elevation_rad)
    for nh, ns in [(0, 0), (0, 40), (5000, 0), (20000, 100)]:
        want = 1.0 - (1.0 - qh) ** nh * (1.0 - qs) ** ns
        assert float(probability_visible(p, nh, ns)) == pytest.approx(want, rel=1e-9, abs=1e-15)


def test_regional_haps_fraction() -> None:
    # HAPS on a cap of ground radius 1000 km: fraction = sin^2(phi/2) / sin^2(Theta/2).
    phi = math.acos(R * math.cos(BASE.min_elevation_rad) / (R + 20.0)) - BASE.min_elevation_rad
    q = math.sin(phi / 2) ** 2 / math.sin(1000.0 / R / 2) ** 2
    assert float(probability_visible(BASE, 30, 0)) == pytest.approx(1 - (1 - q) ** 30, rel=1e-10)


def test_integral_reduces_to_closed_form_without_fading() -> None:
    nh = np.array([0, 1, 10, 60, 200])[:, None]
    ns = np.array([0, 1, 50, 400])[None, :]
    for params in (BASE, BASE.replace(haps_region_radius_km=None, snr_threshold_db=12.0)):
        a = coverage_probability_semianalytic(params, nh, ns)
        b = coverage_probability_no_fading(params, nh, ns)
        np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-13)


def test_fading_models_consistent() -> None:
    counts = (np.array([0, 40, 150]), 50)
    ray = coverage_probability_semianalytic(RAYLEIGH, *counts)
    nak1 = coverage_probability_semianalytic(
        BASE.replace(fading="nakagami", nakagami_m=1.0), *counts
    )
    np.testing.assert_allclose(ray, nak1, rtol=1e-12)
    # Large m approaches no fading; every fading model stays below visibility.
    nak = coverage_probability_semianalytic(
        BASE.replace(fading="nakagami", nakagami_m=400.0), *counts
    )
    np.testing.assert_allclose(nak, coverage_probability_no_fading(BASE, *counts), atol=0.01)
    assert np.all(ray <= probability_visible(BASE, *counts) + 1e-12)


def test_closed_forms_rise_with_haps() -> None:
    n = np.arange(0, 301, 10)
    for ns in (0, 50, 150):
        for f in (probability_visible, coverage_probability_no_fading):
            v = f(BASE, n, ns)
            assert np.all(np.diff(v) > 0)
        assert np.all(np.diff(coverage_probability_semianalytic(RAYLEIGH, n, ns)) > 0)
    assert float(coverage_probability_no_fading(BASE, 0, 0)) == 0.0


# ---------------------------------------------------------------- Monte Carlo


@pytest.fixture(scope="module")
def sweep() -> pd.DataFrame:
    return coverage_sweep(RAYLEIGH, [0, 20, 60, 150], [0, 50, 150], n_users=4000, seed=7)


def test_monte_carlo_matches_semianalytic(sweep: pd.DataFrame) -> None:
    for _, row in sweep.iterrows():
        p_cf = row["coverage_semianalytic"]
        assert abs(row["coverage_probability"] - p_cf) <= _tolerance(p_cf, row["n_users"]), row
        p_vis = row["p_visible_closed_form"]
        assert abs(row["p_visible"] - p_vis) <= _tolerance(p_vis, row["n_users"]), row


def test_monte_carlo_without_fading_matches_closed_form() -> None:
    df = coverage_sweep(BASE, [0, 30, 120], [0, 80], n_users=4000, seed=11)
    for _, row in df.iterrows():
        p_cf = row["coverage_no_fading_closed_form"]
        assert row["coverage_semianalytic"] == pytest.approx(p_cf, abs=1e-12)
        assert abs(row["coverage_probability"] - p_cf) <= _tolerance(p_cf, row["n_users"])


@pytest.mark.parametrize(("nh", "ns"), [(60, 0), (30, 60)])
def test_full_sampling_matches(nh: int, ns: int) -> None:
    # Every point of both processes drawn, visibility tested through the elevation.
    n = 4000
    out = simulate_coverage_point(RAYLEIGH, nh, ns, n, rng=3, sampling="full")
    p_cf = float(coverage_probability_semianalytic(RAYLEIGH, nh, ns))
    assert abs(out["coverage_probability"] - p_cf) <= _tolerance(p_cf, n)
    p_vis = float(probability_visible(RAYLEIGH, nh, ns))
    assert abs(out["p_visible"] - p_vis) <= _tolerance(p_vis, n)
    qh = float(probability_visible(RAYLEIGH, 1, 0))
    assert out["mean_visible_haps"] == pytest.approx(nh * qh, abs=4 * math.sqrt(nh * qh / n) + 1e-9)


def test_whole_sphere_haps() -> None:
    p = RAYLEIGH.replace(haps_region_radius_km=None)
    n = 4000
    out = simulate_coverage_point(p, 15000, 0, n, rng=5)
    p_cf = float(coverage_probability_semianalytic(p, 15000, 0))
    assert 0.3 < p_cf < 0.9
    assert abs(out["coverage_probability"] - p_cf) <= _tolerance(p_cf, n)


def test_region_inside_the_visibility_cap() -> None:
    # A 10 km deployment lies wholly inside the ~108 km visibility cap: every HAPS is
    # visible, and zero HAPS give exactly zero (no 0 * log(0) NaN, no warning).
    p = RAYLEIGH.replace(haps_region_radius_km=10.0)
    counts = np.array([0, 1, 5])
    np.testing.assert_array_equal(probability_visible(p, counts, 0), [0.0, 1.0, 1.0])
    np.testing.assert_array_equal(coverage_probability_no_fading(p, counts, 0), [0.0, 1.0, 1.0])
    semi = coverage_probability_semianalytic(p, counts, 0)
    assert semi[0] == 0.0 and np.all(np.isfinite(semi)) and 0.0 < semi[1] <= semi[2] <= 1.0
    out = simulate_coverage_point(p, 0, 0, 10, rng=1)
    assert out["coverage_probability"] == 0.0 and out["p_visible"] == 0.0
    one = simulate_coverage_point(p, 1, 0, 1, rng=1)  # a single user
    assert one["n_users"] == 1 and one["p_visible"] == 1.0


# ---------------------------------------------------------------- determinism


def test_same_seed_same_bytes(sweep: pd.DataFrame) -> None:
    again = coverage_sweep(RAYLEIGH, [0, 20, 60, 150], [0, 50, 150], n_users=4000, seed=7)
    assert sweep.to_csv(index=False) == again.to_csv(index=False)
    other = coverage_sweep(RAYLEIGH, [0, 20, 60, 150], [0, 50, 150], n_users=4000, seed=8)
    assert not sweep["coverage_probability"].equals(other["coverage_probability"])


def test_points_independent_of_grid_and_order(sweep: pd.DataFrame) -> None:
    alone = coverage_sweep(RAYLEIGH, [60], [50], n_users=4000, seed=7)
    row = sweep[(sweep["n_haps"] == 60) & (sweep["n_sats"] == 50)]
    pd.testing.assert_frame_equal(alone, row.reset_index(drop=True))

    def reversed_map(func, items):
        return reversed([func(x) for x in reversed(list(items))])

    shuffled = coverage_sweep(
        RAYLEIGH, [0, 20, 60, 150], [0, 50, 150], 4000, seed=7, map_function=reversed_map
    )
    pd.testing.assert_frame_equal(shuffled, sweep)


def test_sweep_point_is_a_picklable_pure_task() -> None:
    point = sweep_points(RAYLEIGH, [20], [50], 500, seed=1)[0]
    clone = pickle.loads(pickle.dumps(point))
    assert run_sweep_point(clone) == run_sweep_point(point)


def test_rng_kinds() -> None:
    a = simulate_coverage_point(RAYLEIGH, 20, 20, 300, rng=np.random.default_rng(4))
    b = simulate_coverage_point(RAYLEIGH, 20, 20, 300, rng=4)
    assert a == b
    seeded = coverage_sweep(RAYLEIGH, [10], [10], 300, seed=np.random.default_rng(1))
    assert len(seeded) == 1


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("changes", "name"),
    [
        ({"fading": "lognormal"}, "fading"),
        ({"min_elevation_rad": math.pi / 2}, "min_elevation_rad"),
        ({"sat_alt_km": 10.0}, "sat_alt_km"),
        ({"haps_alt_km": -1.0}, "haps_alt_km"),
        ({"haps_region_radius_km": 0.0}, "haps_region_radius_km"),
        ({"haps_region_radius_km": 30000.0}, "haps_region_radius_km"),
        ({"nakagami_m": 0.2}, "nakagami_m"),
        ({"freq_hz": float("nan")}, "freq_hz"),
        ({"bandwidth_hz": 0.0}, "bandwidth_hz"),
        ({"snr_threshold_db": float("inf")}, "snr_threshold_db"),
        ({"noise_figure_db": -3.0}, "noise_figure_db"),
        ({"antenna": 3.0}, "antenna"),
    ],
)
def test_params_reject_bad_values(changes: dict, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        BASE.replace(**changes)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: simulate_coverage_point(BASE, -1, 0, 10), "n_haps"),
        (lambda: simulate_coverage_point(BASE, 1, 2.5, 10), "n_sats"),
        (lambda: simulate_coverage_point(BASE, 1, 1, 0), "n_users"),
        (lambda: simulate_coverage_point(BASE, 1, 1, 10, sampling="grid"), "sampling"),
        (lambda: sweep_points(BASE, [1, 1], [0], 10), "repeat"),
        (lambda: sweep_points(BASE, [], [0], 10), "empty"),
        (lambda: probability_visible(BASE, -3, 0), "n_haps"),
        (lambda: coverage_probability_no_fading(BASE, 1, 0.5), "n_sats"),
    ],
)
def test_functions_reject_bad_input(call, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        call()
