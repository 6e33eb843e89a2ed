"""The cellular / cell-free HAPS network model: geometry, SINR, power, coverage."""

from __future__ import annotations

import math
from dataclasses import fields

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from sagin_lib.platforms import cell_free as cf
from sagin_lib.platforms import energy_drops as ed
from sagin_lib.platforms.haps_coverage import HapsCoverageParams, probability_visible

R = 6371.0
C = 299_792_458.0
P = cf.NetworkParams()
# The earlier regime: the element's peak gain in every direction.
P_ISO = P.replace(haps_pattern="isotropic-peak")


# ----------------------------------------------------------------- parameters


def test_defaults_and_derived_values() -> None:
    assert P.haps_tx_power_w == pytest.approx(19.95, rel=1e-3)
    # rho = P / (k T B F): 13 dBW - (-228.6 + 24.6 + 73.0 + 7) dBW
    k_db = 10 * math.log10(1.380649e-23 * 290 * 20e6) + 7.0
    assert 10 * math.log10(P.rho) == pytest.approx(13.0 - k_db, abs=1e-9)
    # Visibility angle: phi = acos(R cos(a) / (R + h)) - a, at 10 deg and 20 km.
    a = math.radians(10.0)
    assert P.visible_angle_rad == pytest.approx(math.acos(R * math.cos(a) / (R + 20)) - a)


def test_access_angle_is_where_the_snr_meets_the_threshold() -> None:
    p = P_ISO.replace(access_snr_threshold_db=30.0)  # link-budget limited
    theta = mpmath.mpf(p.access_angle_rad)
    assert 0 < theta < p.visible_angle_rad
    mpmath.mp.dps = 30
    d_km = mpmath.sqrt(400 + 4 * R * (R + 20) * mpmath.sin(theta / 2) ** 2)
    fspl = (4 * mpmath.pi * d_km * 1000 * mpmath.mpf(2e9) / C) ** 2
    snr = p.rho * 16 * mpmath.mpf(10) ** (8 / mpmath.mpf(10)) / fspl
    assert float(10 * mpmath.log10(snr)) == pytest.approx(30.0, abs=1e-8)
    # Out of reach even at nadir: no access at all.
    assert P.replace(access_snr_threshold_db=60.0).access_angle_rad == 0.0


def test_backhaul_angle_elevation_and_snr_limits() -> None:
    # Elevation-limited at the defaults: the S2A dome seen from 20 km at 10 deg.
    a = math.radians(10.0)
    want = math.acos((R + 20) * math.cos(a) / (R + 600)) - a
    assert P.backhaul_angle_rad == pytest.approx(want, rel=1e-12)
    # SNR-limited: the slant range at the returned angle gives the threshold.
    p = P.replace(backhaul_snr_threshold_db=18.0)
    psi = p.backhaul_angle_rad
    d = math.sqrt(580**2 + 4 * (R + 20) * (R + 600) * math.sin(psi / 2) ** 2)
    snr_db = 10 * math.log10(p.backhaul_snr_at_1km / d**2)
    assert 0 < psi < want and snr_db == pytest.approx(18.0, abs=1e-9)
    assert P.replace(backhaul_snr_threshold_db=30.0, backhaul_eirp_dbw=0.0).backhaul_angle_rad == 0


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"freq_hz": 0.0}, "freq_hz"),
        ({"haps_antennas": 0}, "haps_antennas"),
        ({"haps_antennas": 2.5}, "haps_antennas"),
        ({"min_elevation_rad": math.pi / 2}, "min_elevation_rad"),
        ({"sat_alt_km": 10.0}, "sat_alt_km"),
        ({"static_power_w": -1.0}, "static_power_w"),
        ({"backhaul_eirp_dbw": math.nan}, "backhaul_eirp_dbw"),
        ({"nonsense": 1}, "unknown"),
    ],
)
def test_bad_parameters_are_refused(change, match) -> None:
    with pytest.raises(ValueError, match=match):
        P.replace(**change)


# ----------------------------------------------------------------- geometry


def test_cap_directions_are_uniform_by_area() -> None:
    cap = 0.3
    pts = cf.cap_directions(20000, cap, rng=1)
    assert pts.shape == (20000, 3)
    np.testing.assert_allclose(np.linalg.norm(pts, axis=-1), 1.0, atol=1e-12)
    theta = cf.central_angle_rad(pts, [0.0, 0.0, 1.0])
    assert theta.max() <= cap + 1e-12
    # Share within half the cap: sin^2(cap / 4) / sin^2(cap / 2), binomial check at 5 sigma.
    q = math.sin(cap / 4) ** 2 / math.sin(cap / 2) ** 2
    k = int((theta <= cap / 2).sum())
    assert abs(k - 20000 * q) < 5 * math.sqrt(20000 * q * (1 - q))
    # Azimuth uniform: Kolmogorov-Smirnov.
    az = (np.arctan2(pts[:, 1], pts[:, 0]) + 2 * math.pi) % (2 * math.pi)
    assert stats.kstest(az / (2 * math.pi), "uniform").pvalue > 1e-3
    np.testing.assert_array_equal(pts, cf.cap_directions(20000, cap, rng=1))
    with pytest.raises(ValueError, match="cap_angle_rad"):
        cf.cap_directions(3, 0.0, rng=1)


@given(st.floats(1e-9, math.pi - 1e-9), st.floats(0, 2 * math.pi))
def test_central_angle_matches_the_construction(angle: float, azimuth: float) -> None:
    a = np.array([0.0, 0.0, 1.0])
    b = np.array(
        [math.sin(angle) * math.cos(azimuth), math.sin(angle) * math.sin(azimuth), math.cos(angle)]
    )
    assert float(cf.central_angle_rad(a, b)) == pytest.approx(angle, rel=1e-9, abs=1e-15)


def test_central_angle_is_the_cross_and_dot_product_formula() -> None:
    gen = np.random.default_rng(4)
    a = cf.cap_directions((30, 7), 2.0, rng=gen)[:, :, None, :]
    b = cf.cap_directions((30, 5), 2.0, rng=gen)[:, None, :, :]
    a[3, 2] = np.nan  # a padding row stays NaN
    want = np.arctan2(np.linalg.norm(np.cross(a, b), axis=-1), np.sum(a * b, axis=-1))
    got = cf.central_angle_rad(a, b)
    assert got.shape == (30, 7, 5) and np.isnan(got[3, 2]).all()
    np.testing.assert_allclose(got, want, rtol=1e-14, atol=1e-15, equal_nan=True)


def test_central_angle_refuses_bad_shapes() -> None:
    with pytest.raises(ValueError, match="length 3"):
        cf.central_angle_rad([1.0, 0.0], [0.0, 1.0])


def test_link_gain_is_free_space_and_zero_below_the_elevation() -> None:
    psi = np.array([0.0, 0.01, 0.02])
    beta = cf.link_gain(P_ISO, psi)
    d_km = np.sqrt(400 + 4 * R * (R + 20) * np.sin(psi / 2) ** 2)
    want = 10**0.8 / (4 * math.pi * d_km * 1e3 * 2e9 / C) ** 2
    np.testing.assert_allclose(beta[:2], want[:2], rtol=1e-12)
    assert psi[2] > P.visible_angle_rad and beta[2] == 0.0
    # The TR 38.901 element: 12 (eta / 65 deg)^2 dB below free space, eta off nadir.
    eta = np.arctan2(R * np.sin(psi), 20 + 2 * R * np.sin(psi / 2) ** 2)
    loss_db = np.minimum(12 * (np.degrees(eta) / 65) ** 2, 30)
    np.testing.assert_allclose(cf.link_gain(P, psi)[:2], (want * 10 ** (-loss_db / 10))[:2])


def test_link_gain_falls_below_free_space_at_the_visibility_edge() -> None:
    edge = P.visible_angle_rad
    eta = float(cf.haps_off_nadir_rad(20.0, edge))
    # At 10 deg elevation the HAPS sees the user 79 deg off nadir: 12 (79/65)^2 = 17.7 dB.
    assert math.degrees(eta) == pytest.approx(79.03, abs=0.01)
    loss = 10 * math.log10(float(cf.link_gain(P_ISO, edge)) / float(cf.link_gain(P, edge)))
    assert loss == pytest.approx(12 * (math.degrees(eta) / 65) ** 2, rel=1e-9)
    # Edge SNR about 0 dB, so the 5 dB reach is shorter than the visibility arc.
    snr_db = 10 * math.log10(P.rho * 16 * float(cf.link_gain(P, edge)))
    assert -0.5 < snr_db < 0.5
    assert P.access_angle_rad < P.visible_angle_rad == P_ISO.access_angle_rad
    at = float(cf.link_gain(P, P.access_angle_rad))
    assert 10 * math.log10(P.rho * 16 * at) == pytest.approx(5.0, abs=1e-8)


@given(st.floats(0.0, 0.5))
def test_off_nadir_angle_matches_the_triangle(psi: float) -> None:
    # Law of sines in the triangle Earth centre, HAPS, ground point.
    eta = float(cf.haps_off_nadir_rad(20.0, psi))
    d = float(np.sqrt(400 + 4 * R * (R + 20) * math.sin(psi / 2) ** 2))
    assert math.sin(eta) == pytest.approx(R * math.sin(psi) / d, rel=1e-9, abs=1e-15)
    with pytest.raises(ValueError, match="central_angle_rad"):
        cf.haps_off_nadir_rad(20.0, -0.1)


# ----------------------------------------------------------------- association and SINR


def test_associations() -> None:
    beta = np.array([[3.0, 0.0, 1.0], [2.0, 0.0, 4.0]])  # 2 HAPS x 3 users
    np.testing.assert_array_equal(cf.cellular_association(beta), [[1, 0, 0], [0, 0, 1]])
    np.testing.assert_array_equal(cf.cell_free_association(beta), [[1, 0, 1], [1, 0, 1]])
    with pytest.raises(ValueError, match="two axes"):
        cf.cellular_association([1.0, 2.0])
    with pytest.raises(ValueError, match="beta"):
        cf.cell_free_association([[-1.0]])


def test_single_user_sinr_is_the_coherent_sum() -> None:
    beta = np.array([[1e-13], [4e-13], [0.0]])
    rho, m = 1e14, 8
    free = cf.beamforming_sinr(beta, cf.cell_free_association(beta), rho, m)
    cell = cf.beamforming_sinr(beta, cf.cellular_association(beta), rho, m)
    assert free[0] == pytest.approx(rho * m * (math.sqrt(1e-13) + math.sqrt(4e-13)) ** 2)
    # Cellular: the other active HAPS is silent (it serves nobody), no interference.
    assert cell[0] == pytest.approx(rho * m * 4e-13)
    np.testing.assert_allclose(cf.access_snr(P, beta[:, 0], "cell-free"), P.rho * 16 * 9e-13)
    np.testing.assert_allclose(cf.access_snr(P, beta[:, 0], "cellular"), P.rho * 16 * 4e-13)
    with pytest.raises(ValueError, match="architecture"):
        cf.access_snr(P, beta[:, 0], "mesh")


def _simulated_sinr(beta, assoc, rho, m, draws, rng):
    """Conjugate beamforming on LoS channels with random phases, by brute force."""
    n_haps, n_users = beta.shape
    load = (assoc * beta).sum(axis=1, keepdims=True)
    eta = np.where(assoc > 0, assoc / (m * np.where(load > 0, load, 1.0)), 0.0)
    phases = rng.uniform(0, 2 * math.pi, size=(draws, n_haps, n_users, m))
    g = np.sqrt(beta)[None, :, :, None] * np.exp(1j * phases)  # (draws, N, K, M)
    # Effective gain of stream j at user k: sqrt(rho) sum_n sqrt(eta_nj) g_nk^T conj(g_nj).
    gram = np.einsum("dnkm,dnjm->dnkj", g, np.conj(g))
    eff = np.sqrt(rho) * np.einsum("nj,dnkj->dkj", np.sqrt(eta), gram)
    power = np.abs(eff) ** 2
    signal = power[:, np.arange(n_users), np.arange(n_users)].mean(axis=0)
    interference = power.mean(axis=0).sum(axis=1) - signal
    # Per-HAPS power: rho sum_k eta_nk M beta_nk = rho for every active HAPS.
    used = (eta * m * beta).sum(axis=1)
    return signal / (interference + 1.0), used


@pytest.mark.parametrize("architecture", ["cellular", "cell-free"])
def test_sinr_against_brute_force_beamforming(architecture: str) -> None:
    rng = np.random.default_rng(5)
    beta = rng.uniform(0.2, 1.0, size=(3, 4)) * 1e-12
    beta[2, 3] = 0.0  # one user does not see one HAPS
    assoc = (cf.cellular_association if architecture == "cellular" else cf.cell_free_association)(
        beta
    )
    rho, m = 3e12, 8
    sim, used = _simulated_sinr(beta, assoc, rho, m, 4000, rng)
    want = cf.beamforming_sinr(beta, assoc, rho, m)
    np.testing.assert_allclose(sim, want, rtol=0.03)
    active = (assoc * beta).sum(axis=1) > 0
    np.testing.assert_allclose(used[active], 1.0, rtol=1e-12)


def test_sinr_refuses_bad_input() -> None:
    beta = np.ones((2, 2))
    with pytest.raises(ValueError, match="shape"):
        cf.beamforming_sinr(beta, np.ones((2, 3)), 1.0, 1)
    with pytest.raises(ValueError, match="rho"):
        cf.beamforming_sinr(beta, beta, 0.0, 1)
    with pytest.raises(ValueError, match="n_antennas"):
        cf.beamforming_sinr(beta, beta, 1.0, 0)


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 5),
    st.integers(1, 5),
    st.integers(0, 2**32 - 1),
    st.floats(1e8, 1e15),
)
def test_sinr_invariants(n_haps: int, n_users: int, seed: int, rho: float) -> None:
    rng = np.random.default_rng(seed)
    beta = rng.uniform(0, 1e-12, size=(n_haps, n_users)) * (rng.random((n_haps, n_users)) > 0.2)
    for assoc in (cf.cellular_association(beta), cf.cell_free_association(beta)):
        sinr = cf.beamforming_sinr(beta, assoc, rho, 4)
        assert np.all(np.isfinite(sinr)) and np.all(sinr >= 0)
        assert np.all(sinr[beta.max(axis=0) == 0] == 0)
    # One user: the coherent sum is never below the strongest single HAPS.
    snr_free = cf.access_snr(P, beta[:, 0], "cell-free")
    assert snr_free >= cf.access_snr(P, beta[:, 0], "cellular") * (1 - 1e-12)


def test_power_model() -> None:
    # Per chain with sleep (EARTH): 16 chains of 130 W busy, of 75 W asleep.
    w = cf.power_consumption_w(P, [True, False], [1e9, 0.0])
    np.testing.assert_allclose(w, [16 * 130 + 4.7 * 10**1.3 + 0.25, 16 * 75.0])
    old = P.replace(power_per_chain=False, idle_mode="on")
    w = cf.power_consumption_w(old, [True, False], [1e9, 0.0])
    np.testing.assert_allclose(w, [130 + 4.7 * 10**1.3 + 0.25, 130.0])
    off = P.replace(idle_mode="off")
    np.testing.assert_allclose(cf.power_consumption_w(off, [False, True])[0], 0.0)
    for change, match in (
        ({"idle_mode": "nap"}, "idle_mode must be one of"),
        ({"haps_pattern": "dish"}, "haps_pattern must be one of"),
        ({"power_per_chain": "yes"}, "power_per_chain must be True or False"),
        ({"phase_synchronised": 1}, "phase_synchronised must be True or False"),
        ({"sleep_power_w": -1.0}, "sleep_power_w"),
    ):
        with pytest.raises(ValueError, match=match):
            P.replace(**change)
    with pytest.raises(ValueError, match="backhaul_bits_per_s"):
        cf.power_consumption_w(P, [True], [-1.0])


# ----------------------------------------------------------------- energy efficiency


def test_energy_efficiency_drops() -> None:
    df = ed.energy_efficiency_drops(P, 6, 10, 50, 50.0, rng=3)
    assert len(df) == 100 and set(df["architecture"]) == {"cellular", "cell-free"}
    assert np.all(np.isfinite(df.select_dtypes("number").to_numpy()))
    np.testing.assert_allclose(
        df["energy_efficiency_bit_per_j"], df["sum_rate_bps"] / df["power_w"]
    )
    free = df[df["architecture"] == "cell-free"]
    # Every HAPS sees every user in a 50 km disc at 20 km: all active, each forwards all bits.
    assert (free["active_haps"] == 6).all()
    np.testing.assert_allclose(free["backhaul_bits_per_s"], 6 * free["sum_rate_bps"])
    # Reproducible and independent of the block size.
    again = ed.energy_efficiency_drops(P, 6, 10, 50, 50.0, rng=3)
    assert again.equals(df)


def test_energy_efficiency_blocks_do_not_change_the_draws(monkeypatch) -> None:
    whole = ed.energy_efficiency_drops(P, 3, 4, 20, 50.0, rng=9)
    monkeypatch.setattr(cf, "_BLOCK", 25)  # two drops per block
    assert ed.energy_efficiency_drops(P, 3, 4, 20, 50.0, rng=9).equals(whole)


def test_the_drops_split_into_link_gains_rates_and_power() -> None:
    args = (P, 5, 7, 30, 50.0)
    rates = ed.drop_rates(*args, rng=4)
    for arch in cf.ARCHITECTURES:
        assert rates[arch]["rate_bps"].shape == (30, 7)
        assert rates[arch]["backhaul_bits_per_s"].shape == rates[arch]["active"].shape == (30, 5)
    # The table is the power model applied to the rates, column for column.
    df = ed.energy_efficiency_drops(*args, rng=4)
    for arch, columns in ed.drop_energy_efficiency(P, rates).items():
        rows = df[df["architecture"] == arch]
        assert list(rows.columns[4:]) == list(columns)
        for name, values in columns.items():
            np.testing.assert_array_equal(rows[name].to_numpy(), values)
    # The rates are those of the drops' link gains, drawn alike.
    beta = ed.drop_link_gains(*args, rng=4)
    assert beta.shape == (30, 5, 7)
    again = ed.rates_from_link_gains(P, beta)
    for arch in cf.ARCHITECTURES:
        for name, values in rates[arch].items():
            np.testing.assert_array_equal(again[arch][name], values)
    # The power model does not enter the rates, nor the SINR the link gains; any
    # power model applied to the rates gives that model's table.
    power = P.replace(static_power_w=10.0, load_factor=1.0, sleep_power_w=3.0,
                      power_per_chain=False, idle_mode="off", backhaul_energy_j_per_bit=1e-9)  # fmt: skip
    other = ed.drop_rates(power, 5, 7, 30, 50.0, rng=4)
    for arch in cf.ARCHITECTURES:
        for name, values in rates[arch].items():
            np.testing.assert_array_equal(other[arch][name], values)
    assert set(ed.POWER_FIELDS) <= {f.name for f in fields(cf.NetworkParams)}
    table = ed.energy_efficiency_drops(power, 5, 7, 30, 50.0, rng=4)
    for arch, columns in ed.drop_energy_efficiency(power, rates).items():
        rows = table[table["architecture"] == arch]
        np.testing.assert_array_equal(rows["power_w"].to_numpy(), columns["power_w"])
    radio = P.replace(bandwidth_hz=5e6, noise_figure_db=3.0, temperature_k=200.0,
                      haps_tx_power_dbw=0.0, haps_antennas=2, phase_synchronised=False)  # fmt: skip
    assert set(ed.SINR_FIELDS) <= {f.name for f in fields(cf.NetworkParams)}
    np.testing.assert_array_equal(ed.drop_link_gains(radio, 5, 7, 30, 50.0, rng=4), beta)


def test_the_drops_split_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="rates"):
        ed.drop_energy_efficiency(P, {"cellular": {}})
    rates = ed.drop_rates(P, 2, 3, 4, 50.0, rng=1)
    with pytest.raises(ValueError, match="rates"):
        ed.drop_energy_efficiency(
            P, {a: {**r, "rate_bps": r["rate_bps"][:2]} for a, r in rates.items()}
        )
    with pytest.raises(ValueError, match="beta"):
        ed.rates_from_link_gains(P, np.ones((3, 4)))
    with pytest.raises(ValueError, match="beta"):
        ed.rates_from_link_gains(P, -np.ones((2, 3, 4)))
    with pytest.raises(ValueError, match="n_drops"):
        ed.drop_link_gains(P, 2, 3, 0, 50.0, rng=1)


def test_one_haps_makes_both_architectures_the_same() -> None:
    df = ed.energy_efficiency_drops(P, 1, 5, 20, 50.0, rng=2)
    cell, free = (df[df["architecture"] == a].reset_index(drop=True) for a in cf.ARCHITECTURES)
    np.testing.assert_allclose(cell["sum_rate_bps"], free["sum_rate_bps"])


@pytest.mark.parametrize(
    ("args", "match"),
    [((0, 3, 3, 50.0), "n_haps"), ((3, 0, 3, 50.0), "n_users"), ((3, 3, 3, 0.0), "region")],
)
def test_energy_efficiency_refuses_bad_input(args, match) -> None:
    with pytest.raises(ValueError, match=match):
        ed.energy_efficiency_drops(P, *args, rng=1)


# ----------------------------------------------------------------- coverage


def test_visibility_closed_form_matches_the_platforms_model() -> None:
    haps = HapsCoverageParams(haps_region_radius_km=800.0)
    counts = np.array([0, 1, 10, 100])
    ours = cf.coverage_analysis(P, counts, 0, 800.0)["p_haps_visible"]
    np.testing.assert_allclose(ours, probability_visible(haps, counts, 0), rtol=1e-12)


def test_coverage_analysis_closed_forms() -> None:
    out = cf.coverage_analysis(P_ISO, 50, 80, 1000.0)
    q = math.sin(P.visible_angle_rad / 2) ** 2 / math.sin(1000 / R / 2) ** 2
    p_vis = 1 - (1 - q) ** 50
    p_bh = 1 - (1 - math.sin(P.backhaul_angle_rad / 2) ** 2) ** 80
    assert float(out["p_haps_visible"]) == pytest.approx(p_vis, rel=1e-12)
    assert float(out["cellular"]) == pytest.approx(p_vis * p_bh, rel=1e-12)
    # With the pattern the access is link-limited: the access cap replaces the visible one.
    q_acc = math.sin(P.access_angle_rad / 2) ** 2 / math.sin(1000 / R / 2) ** 2
    got = float(cf.coverage_analysis(P, 50, 80, 1000.0)["cellular"])
    assert got == pytest.approx((1 - (1 - q_acc) ** 50) * p_bh, rel=1e-12)
    assert out["cell_free_lower"] <= out["cell_free_upper"] <= p_vis
    zero = cf.coverage_analysis(P, [0, 5], [0, 0], 1000.0)
    np.testing.assert_array_equal(zero["cellular"], 0.0)
    with pytest.raises(ValueError, match="n_haps"):
        cf.coverage_analysis(P, -1, 0, 1000.0)
    with pytest.raises(ValueError, match="region_radius_km"):
        cf.coverage_analysis(P, 1, 1, 0.0)


def _within(k: int, n: int, p: float, z: float = 4.5) -> bool:
    return abs(k - n * p) <= z * math.sqrt(max(n * p * (1 - p), 1e-12)) + 1e-9


@pytest.mark.parametrize("sampling", ["visible_cap", "full"])
def test_simulated_coverage_agrees_with_the_analysis(sampling: str) -> None:
    p = P.replace(access_snr_threshold_db=25.0)  # link-budget limited: coherent gain matters
    n = 3000
    out = cf.simulate_coverage(p, 60, 40, n, 400.0, rng=11, sampling=sampling)
    theory = cf.coverage_analysis(p, 60, 40, 400.0)
    assert _within(out["n_visible"], n, float(theory["p_haps_visible"]))
    assert _within(out["n_cellular"], n, float(theory["cellular"]))
    assert out["n_cell_free"] >= out["n_cellular"]
    assert out["n_cell_free"] <= n * float(theory["cell_free_upper"]) + 4.5 * math.sqrt(n / 4)
    # The coherent sum covers users no single HAPS covers.
    assert out["n_cell_free"] > out["n_cellular"] + 4.5 * math.sqrt(n / 4) / 4


def test_simulated_coverage_edge_cases() -> None:
    none = cf.simulate_coverage(P, 0, 50, 100, 1000.0, rng=1)
    assert none["n_visible"] == none["n_cellular"] == none["n_cell_free"] == 0
    no_sats = cf.simulate_coverage(P, 50, 0, 100, 1000.0, rng=1)
    assert no_sats["n_cell_free"] == 0 and no_sats["n_visible"] > 0
    again = cf.simulate_coverage(P, 50, 30, 100, 1000.0, rng=1)
    assert again == cf.simulate_coverage(P, 50, 30, 100, 1000.0, rng=1)
    with pytest.raises(ValueError, match="n_users"):
        cf.simulate_coverage(P, 1, 1, 0, 1000.0, rng=1)
    with pytest.raises(ValueError, match="sampling"):
        cf.simulate_coverage(P, 1, 1, 1, 1000.0, rng=1, sampling="grid")


def test_backhaul_shortcut_agrees_with_pairwise_angles(monkeypatch) -> None:
    args = (P, 80, 150, 400, 600.0)
    fast = cf.simulate_coverage(*args, rng=4)
    # Disable the "sure" shortcut by making it never apply.
    monkeypatch.setattr(
        cf.NetworkParams, "visible_angle_rad", property(lambda self: self.backhaul_angle_rad)
    )
    assert cf.simulate_coverage(*args, rng=4)["n_cell_free"] >= 0  # runs without the shortcut
    monkeypatch.undo()
    monkeypatch.setattr(cf, "_BLOCK", 50)
    assert cf.simulate_coverage(*args, rng=4) == fast


def test_coverage_sweep_points_are_independent() -> None:
    big = cf.coverage_sweep(P, [0, 20, 40], [10, 30], 200, 800.0, rng=7)
    small = cf.coverage_sweep(P, [40], [30], 200, 800.0, rng=7)
    row = big[(big["n_haps"] == 40) & (big["n_sats"] == 30)].iloc[0]
    assert row["n_cell_free"] == small.iloc[0]["n_cell_free"]
    assert list(big["n_sats"]) == [10, 10, 10, 30, 30, 30]
    with pytest.raises(ValueError, match="repeat"):
        cf.coverage_sweep(P, [1, 1], [1], 10, 800.0, rng=1)
    with pytest.raises(ValueError, match="empty"):
        cf.coverage_sweep(P, [], [1], 10, 800.0, rng=1)


def test_without_phase_synchronisation_the_haps_add_in_power() -> None:
    beta = np.array([[4e-13, 1e-13], [1e-13, 0.0]])  # 2 HAPS x 2 users
    assoc = cf.cell_free_association(beta)
    coh = cf.beamforming_sinr(beta, assoc, 1e12, 4)
    inc = cf.beamforming_sinr(beta, assoc, 1e12, 4, coherent=False)
    assert np.all(inc <= coh) and inc[1] == pytest.approx(coh[1])
    p = P.replace(phase_synchronised=False)
    b = np.array([1e-13, 4e-13])
    assert float(cf.access_snr(p, b, "cell-free")) == pytest.approx(p.rho * 16 * 5e-13)
    assert float(cf.access_snr(P, b, "cell-free")) == pytest.approx(P.rho * 16 * 9e-13)
