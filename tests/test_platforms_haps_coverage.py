"""sagin_lib.platforms.haps_coverage: closed forms and integrals against plain formulas and
adaptive quadrature, the Monte Carlo against them, the randomness of every point, bad input."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pandas as pd
import pytest
from scipy import integrate, special

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


# ---------------------------------------------------------------- an independent model
# The model's geometry and link budget written out again from the textbook
# formulas (law of cosines, Friis, k T B F), for the quadrature checks below.


class _PlainTier:
    def __init__(self, p: HapsCoverageParams, tier: str) -> None:
        self.h = p.haps_alt_km if tier == "haps" else p.sat_alt_km
        power = p.haps_tx_power_dbw if tier == "haps" else p.sat_tx_power_dbw
        gain = p.haps_tx_gain_dbi if tier == "haps" else p.sat_tx_gain_dbi
        region = p.haps_region_radius_km if tier == "haps" else None
        self.region = math.pi if region is None else region / R
        eirp_w = 10 ** ((power + gain + p.rx_gain_dbi) / 10)
        noise_w = 1.380649e-23 * p.temperature_k * p.bandwidth_hz * 10 ** (p.noise_figure_db / 10)
        wavelength_km = 299_792.458 / p.freq_hz
        # Mean SNR at d km: EIRP (lambda / (4 pi d))^2 / noise = k_snr / d^2.
        self.k_snr = eirp_w * (wavelength_km / (4 * math.pi)) ** 2 / noise_w
        a = p.min_elevation_rad
        self.visible = math.acos(R * math.cos(a) / (R + self.h)) - a
        self.cap = min(self.visible, self.region)

    def q(self, theta: float) -> float:
        t = min(theta, self.region)
        return (1 - math.cos(t)) / (1 - math.cos(self.region))

    def distance(self, theta: float) -> float:
        return math.sqrt(R**2 + (R + self.h) ** 2 - 2 * R * (R + self.h) * math.cos(theta))

    def angle_at(self, d: float) -> float:
        if d <= self.h:
            return 0.0
        c = (R**2 + (R + self.h) ** 2 - d * d) / (2 * R * (R + self.h))
        return math.acos(max(-1.0, min(1.0, c)))


def _plain_tiers(p: HapsCoverageParams) -> tuple[_PlainTier, _PlainTier]:
    return _PlainTier(p, "haps"), _PlainTier(p, "sats")


def _coverage_quad(p: HapsCoverageParams, n_haps: int, n_sats: int, survival) -> float:
    """Sum over tiers of the integral over the nearest platform's central angle, by quad."""
    tiers = _plain_tiers(p)
    counts = (n_haps, n_sats)
    total = 0.0
    for k in (0, 1):
        tk, tj, nk, nj = tiers[k], tiers[1 - k], counts[k], counts[1 - k]
        if nk == 0:
            continue

        def integrand(theta: float, tk=tk, tj=tj, nk=nk, nj=nj) -> float:
            dens = nk * (1 - tk.q(theta)) ** (nk - 1) * math.sin(theta)
            dens /= 1 - math.cos(tk.region)
            d = tk.distance(theta)
            stronger = min(tj.angle_at(d * math.sqrt(tj.k_snr / tk.k_snr)), tj.cap)
            none_stronger = (1 - tj.q(stronger)) ** nj
            return dens * none_stronger * survival(p.snr_threshold_linear * d * d / tk.k_snr)

        value, _ = integrate.quad(integrand, 0.0, tk.cap, limit=400, epsabs=1e-13, epsrel=1e-11)
        total += value
    return total


def _no_fading_plain(p: HapsCoverageParams, n_haps: int, n_sats: int) -> float:
    none = 1.0
    for tier, n in zip(_plain_tiers(p), (n_haps, n_sats), strict=True):
        snr_angle = tier.angle_at(math.sqrt(tier.k_snr / p.snr_threshold_linear))
        none *= (1 - tier.q(min(tier.visible, snr_angle, tier.region))) ** n
    return 1.0 - none


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


_NO_FADING_CASES = [
    BASE,
    BASE.replace(haps_region_radius_km=None, snr_threshold_db=12.0),
    BASE.replace(haps_region_radius_km=10.0),  # the region inside the visibility cap
    BASE.replace(freq_hz=28e9, min_elevation_rad=math.radians(30.0)),  # no HAPS link closes
]


@pytest.mark.parametrize("params", _NO_FADING_CASES)
def test_no_fading_closed_form_against_plain_formula(params: HapsCoverageParams) -> None:
    nh = np.array([0, 1, 10, 60, 200])[:, None]
    ns = np.array([0, 1, 50, 400])[None, :]
    want = np.vectorize(lambda a, b: _no_fading_plain(params, int(a), int(b)))(nh, ns)
    np.testing.assert_allclose(
        coverage_probability_no_fading(params, nh, ns), want, rtol=1e-9, atol=1e-14
    )
    # The integral route, with a step for the fading survival, gives the same.
    np.testing.assert_allclose(
        coverage_probability_semianalytic(params, nh, ns), want, rtol=1e-9, atol=1e-12
    )


@pytest.mark.parametrize(
    ("params", "survival"),
    [
        (RAYLEIGH, lambda x: math.exp(-x)),
        (
            BASE.replace(fading="nakagami", nakagami_m=2.5),
            lambda x: special.gammaincc(2.5, 2.5 * x),
        ),
        (
            RAYLEIGH.replace(haps_region_radius_km=None, snr_threshold_db=15.0),
            lambda x: math.exp(-x),
        ),
    ],
)
@pytest.mark.parametrize(("nh", "ns"), [(1, 0), (0, 3), (20, 50), (150, 150)])
def test_fading_integral_against_adaptive_quadrature(params, survival, nh: int, ns: int) -> None:
    want = _coverage_quad(params, nh, ns, survival)
    got = float(coverage_probability_semianalytic(params, nh, ns))
    assert got == pytest.approx(want, rel=1e-7, abs=1e-10)


def test_fading_bounds() -> None:
    counts = (np.array([0, 40, 150]), 50)
    ray = coverage_probability_semianalytic(RAYLEIGH, *counts)
    assert np.all(ray <= probability_visible(BASE, *counts) + 1e-12)
    # A large Nakagami m approaches no fading.
    nak = coverage_probability_semianalytic(
        BASE.replace(fading="nakagami", nakagami_m=400.0), *counts
    )
    want = [_no_fading_plain(BASE, int(n), 50) for n in counts[0]]
    np.testing.assert_allclose(nak, want, atol=0.01)


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
    return coverage_sweep(RAYLEIGH, [0, 20, 60, 150], [0, 50, 150], n_users=4000, rng=7)


def test_monte_carlo_matches_semianalytic(sweep: pd.DataFrame) -> None:
    for _, row in sweep.iterrows():
        p_cf = row["coverage_semianalytic"]
        assert abs(row["coverage_probability"] - p_cf) <= _tolerance(p_cf, row["n_users"]), row
        p_vis = row["p_visible_closed_form"]
        assert abs(row["p_visible"] - p_vis) <= _tolerance(p_vis, row["n_users"]), row


def test_monte_carlo_without_fading_matches_closed_form() -> None:
    df = coverage_sweep(BASE, [0, 30, 120], [0, 80], n_users=4000, rng=11)
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


# ---------------------------------------------------------------- randomness


def _monte_carlo_columns(row: dict) -> dict:
    keys = ("n_covered", "p_visible", "p_served_by_haps", "mean_visible_haps", "mean_visible_sats")
    return {k: row[k] for k in keys}


def test_points_carry_the_root_child_at_their_counts() -> None:
    # SeedSequence(root, spawn_key=(n_sats, n_haps)), built here with NumPy alone.
    for rng in (7, np.random.SeedSequence(7)):
        points = sweep_points(RAYLEIGH, [0, 20], [50, 150], 100, rng=rng)
        assert [(p.n_sats, p.n_haps) for p in points] == [(50, 0), (50, 20), (150, 0), (150, 20)]
        for p in points:
            want = np.random.SeedSequence(7, spawn_key=(p.n_sats, p.n_haps))
            assert p.rng.entropy == 7 and p.rng.spawn_key == (p.n_sats, p.n_haps)
            np.testing.assert_array_equal(p.rng.generate_state(8), want.generate_state(8))


def test_a_generator_root_is_one_128_bit_draw() -> None:
    drawn = np.random.default_rng(1).integers(0, 2**32, size=4, dtype=np.uint64).tolist()
    gen = np.random.default_rng(1)
    (point,) = sweep_points(RAYLEIGH, [10], [30], 100, rng=gen)
    want = np.random.SeedSequence(drawn, spawn_key=(30, 10))
    np.testing.assert_array_equal(point.rng.generate_state(8), want.generate_state(8))
    # The generator has moved on by exactly that draw.
    after = np.random.default_rng(1)
    after.integers(0, 2**32, size=4, dtype=np.uint64)
    assert gen.random() == after.random()


@pytest.mark.parametrize(
    "rng",
    [4, np.int64(4), np.random.SeedSequence(4), np.random.default_rng(4), np.random.PCG64(4)],
    ids=["int", "numpy-int", "SeedSequence", "Generator", "BitGenerator"],
)
def test_every_rng_kind_draws_the_same_stream(rng) -> None:
    # Satellites only: the single draw is Binomial(n, q) visible satellites per user,
    # reproduced here from NumPy's default_rng(4) and the plain cap fraction.
    p = BASE.replace(haps_region_radius_km=None)
    q = _cap_fraction_plain(p.sat_alt_km, p.min_elevation_rad)
    want = np.random.default_rng(4).binomial(40, q, size=500)
    out = simulate_coverage_point(p, 0, 40, 500, rng=rng)
    assert out["mean_visible_sats"] == want.mean()
    assert out["p_visible"] == (want > 0).mean()


@pytest.fixture(scope="module")
def small_sweep() -> pd.DataFrame:
    return coverage_sweep(RAYLEIGH, [0, 20, 60], [0, 50], n_users=500, rng=7)


def test_each_row_is_its_point_alone(small_sweep: pd.DataFrame) -> None:
    # Any order of evaluation (here reversed) gives every point its own draws.
    def reversed_map(func, items):
        return reversed([func(x) for x in reversed(list(items))])

    shuffled = coverage_sweep(RAYLEIGH, [0, 20, 60], [0, 50], 500, rng=7, map_function=reversed_map)
    for table in (small_sweep, shuffled):
        assert list(zip(table["n_sats"], table["n_haps"], strict=True)) == [
            (ns, nh) for ns in (0, 50) for nh in (0, 20, 60)
        ]
        for _, row in table.iterrows():
            ns, nh = int(row["n_sats"]), int(row["n_haps"])
            seed = np.random.SeedSequence(7, spawn_key=(ns, nh))
            alone = simulate_coverage_point(RAYLEIGH, nh, ns, 500, rng=seed)
            assert _monte_carlo_columns(row) == _monte_carlo_columns(alone)
            p_cf = float(coverage_probability_semianalytic(RAYLEIGH, nh, ns))
            assert row["coverage_semianalytic"] == p_cf


def test_sweep_point_is_a_picklable_pure_task() -> None:
    (point,) = sweep_points(RAYLEIGH, [20], [50], 500, rng=1)
    clone = pickle.loads(pickle.dumps(point))
    out = run_sweep_point(clone)
    alone = simulate_coverage_point(
        RAYLEIGH, 20, 50, 500, rng=np.random.SeedSequence(1, spawn_key=(50, 20))
    )
    assert _monte_carlo_columns(out) == _monte_carlo_columns(alone)
    assert out["fading"] == "rayleigh"
    assert out["coverage_no_fading_closed_form"] == pytest.approx(
        _no_fading_plain(RAYLEIGH, 20, 50), rel=1e-9
    )
    assert out["coverage_semianalytic"] == pytest.approx(
        _coverage_quad(RAYLEIGH, 20, 50, lambda x: math.exp(-x)), rel=1e-7
    )


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
        (lambda: sweep_points(BASE, [1], [0], 0), "n_users"),
        (lambda: sweep_points(BASE, [1], [0], 10, sampling="grid"), "sampling"),
        (lambda: sweep_points(BASE, [1], [0], 10, rng=-1), "rng"),
        (lambda: sweep_points(BASE, [1], [0], 10, rng="seven"), "rng"),
        (lambda: simulate_coverage_point(BASE, 1, 1, 10, rng=2.5), "rng"),
        (lambda: probability_visible(BASE, -3, 0), "n_haps"),
        (lambda: coverage_probability_no_fading(BASE, 1, 0.5), "n_sats"),
    ],
)
def test_functions_reject_bad_input(call, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        call()
