"""sagin_lib.model.coverage: the closed forms against mpmath, their invariants, and bad input.

Accuracy: the textbook formulas of Proposition 1 and Lemma 1 evaluated with the
same float64 inputs taken exactly, at 50 significant digits, where their
cancellations cost nothing. Properties: hypothesis draws altitudes, beams and
elevations and checks what the geometry guarantees. Errors: every bad argument
is refused with a ValueError naming it.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sagin_lib import (
    EARTH_RADIUS_KM,
    SCENARIOS,
    beamwidth_rad,
    coverage_dome,
    dome_area_km2,
    downlink_vertex_angle_rad,
    elevation_angle_rad,
    flat_disc_area_km2,
    slant_range_km,
    uplink_vertex_angle_rad,
)

# ---------------------------------------------------------------------- accuracy

mp.mp.dps = 50
R_E = mp.mpf(EARTH_RADIUS_KM)
TOL = 1e-12
EXTENDED = np.finfo(np.longdouble).nmant >= 63


def ref_uplink(rx: float, tx: float, width: float) -> mp.mpf:
    r_r, r_t, b = R_E + mp.mpf(rx), R_E + mp.mpf(tx), mp.mpf(width) / 2
    if b >= mp.asin(r_t / r_r):
        return mp.acos(r_t / r_r)
    return mp.asin(r_r * mp.sin(b) / r_t) - b


def ref_downlink(rx: float, tx: float, alpha: float) -> mp.mpf:
    r_r, r_t, a = R_E + mp.mpf(rx), R_E + mp.mpf(tx), mp.mpf(alpha)
    return mp.acos(r_r * mp.cos(a) / r_t) - a


def ref_area(tx: float, phi: mp.mpf) -> mp.mpf:
    r_t = R_E + mp.mpf(tx)
    return 2 * mp.pi * r_t**2 * (1 - mp.cos(phi))


def rel_err(got: float, ref: mp.mpf) -> float:
    return float(abs((mp.mpf(float(got)) - ref) / ref))


def _random_pairs(rng: np.random.Generator, n: int) -> list[tuple[float, float]]:
    """(lower, upper) altitudes: gaps log-uniform from 1 m to 40,000 km."""
    pairs = []
    for _ in range(n):
        lower = 0.0 if rng.random() < 0.3 else float(10 ** rng.uniform(-3, 4.6))
        gap = float(10 ** rng.uniform(-3, math.log10(40_000)))
        pairs.append((lower, lower + gap))
    return pairs


def test_uplink_random_inputs_match_mpmath() -> None:
    rng = np.random.default_rng(20261123)
    worst_phi = worst_area = 0.0
    for tx, rx in _random_pairs(rng, 600):
        width = float(10 ** rng.uniform(-4, 0.8))
        phi = uplink_vertex_angle_rad(rx, tx, width)
        ref = ref_uplink(rx, tx, width)
        worst_phi = max(worst_phi, rel_err(phi, ref))
        worst_area = max(worst_area, rel_err(dome_area_km2(tx, phi), ref_area(tx, ref)))
    assert worst_phi < TOL
    assert worst_area < TOL


def test_downlink_random_inputs_match_mpmath() -> None:
    rng = np.random.default_rng(11)
    worst_phi = worst_area = 0.0
    for rx, tx in _random_pairs(rng, 600):
        alpha = float(rng.uniform(0.0, math.radians(89.9)))
        phi = downlink_vertex_angle_rad(rx, tx, alpha)
        ref = ref_downlink(rx, tx, alpha)
        worst_phi = max(worst_phi, rel_err(phi, ref))
        worst_area = max(worst_area, rel_err(dome_area_km2(tx, phi), ref_area(tx, ref)))
    assert worst_phi < TOL
    assert worst_area < TOL


@pytest.mark.parametrize("gap_km", [0.001, 0.1, 1.0, 20.0, 600.0, 10_000.0, 35_786.0, 40_000.0])
@pytest.mark.parametrize("alpha_deg", [0.0, 1e-6, 10.0, 45.0, 89.9])
def test_downlink_tiny_and_huge_gaps(gap_km: float, alpha_deg: float) -> None:
    for rx in (0.0, 0.3, 20.0):
        alpha = math.radians(alpha_deg)
        phi = downlink_vertex_angle_rad(rx, rx + gap_km, alpha)
        ref = ref_downlink(rx, rx + gap_km, alpha)
        assert rel_err(phi, ref) < TOL
        assert rel_err(dome_area_km2(rx + gap_km, phi), ref_area(rx + gap_km, ref)) < TOL


@pytest.mark.parametrize("gap_km", [0.001, 0.1, 1.0, 20.0, 600.0, 10_000.0, 35_786.0, 40_000.0])
def test_uplink_tiny_domes_and_wide_beams(gap_km: float) -> None:
    for tx in (0.0, 0.3, 20.0):
        rx = tx + gap_km
        for width in (1e-4, 1e-2, 0.1, 0.5, 1.0, 2.0, 3.0, 6.0, 100.0):
            phi = uplink_vertex_angle_rad(rx, tx, width)
            assert rel_err(phi, ref_uplink(rx, tx, width)) < TOL


def _boundary_width(rx: float, tx: float) -> mp.mpf:
    return 2 * mp.asin((R_E + mp.mpf(tx)) / (R_E + mp.mpf(rx)))


@pytest.mark.parametrize("gap_km", [0.001, 1.0, 20.0, 600.0, 10_000.0, 35_786.0])
@pytest.mark.parametrize("offset", [1e-2, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12, 1e-13])
@pytest.mark.parametrize("side", [-1, 1])
def test_uplink_near_the_case_boundary(gap_km: float, offset: float, side: int) -> None:
    """Beams within a relative ``offset`` of the tangent cone, inside and outside it."""
    if not EXTENDED and offset < 1e-8:
        pytest.skip("numpy.longdouble is plain double on this platform")
    width = float(_boundary_width(gap_km, 0.0) * (1 + side * offset))
    phi = uplink_vertex_angle_rad(gap_km, 0.0, width)
    ref = ref_uplink(gap_km, 0.0, width)
    assert rel_err(phi, ref) < TOL
    assert rel_err(dome_area_km2(0.0, phi), ref_area(0.0, ref)) < TOL


@pytest.mark.skipif(not EXTENDED, reason="numpy.longdouble is plain double on this platform")
@pytest.mark.parametrize("gap_km", [0.001, 1.0, 600.0, 35_786.0])
def test_uplink_at_the_floats_nearest_the_boundary(gap_km: float) -> None:
    """The band where no 64-bit-significand evaluation keeps 12 digits.

    Within a few ulps of the exact boundary, phi depends on the square root of a
    clearance of order 1e-16 of the altitude gap; the error is bounded by what
    the 64-bit clearance allows (measured at most 2.5e-11 at GEO).
    """
    centre = float(_boundary_width(gap_km, 0.0))
    width = centre
    for _ in range(4):
        width = math.nextafter(width, 0.0)
    for _ in range(8):
        phi = uplink_vertex_angle_rad(gap_km, 0.0, width)
        assert rel_err(phi, ref_uplink(gap_km, 0.0, width)) < 1e-10
        width = math.nextafter(width, 10.0)


def test_case_boundary_is_continuous() -> None:
    """Both cases meet without a jump: phi approaches the tangent dome as a square root.

    phi_tangent - phi ~ c * sqrt(g - b), so each 100-fold step towards the
    boundary shrinks the gap tenfold (allowing 8 to 12 for the curvature).
    """
    for gap in (0.3, 600.0, 35_786.0):
        centre = float(_boundary_width(gap, 0.0))
        tangent = uplink_vertex_angle_rad(gap, 0.0, centre * (1 + 1e-9))
        shortfalls = [
            tangent - uplink_vertex_angle_rad(gap, 0.0, centre * (1 - offset))
            for offset in (1e-4, 1e-6, 1e-8, 1e-10)
        ]
        assert all(s > 0 for s in shortfalls)
        ratios = np.array(shortfalls[:-1]) / np.array(shortfalls[1:])
        assert np.all((ratios > 8) & (ratios < 12)), ratios


def test_flat_disc_and_slant_range_match_mpmath() -> None:
    for tx, phi in [(0.0, 1e-7), (20.0, 0.01), (600.0, 0.5), (35_786.0, 1.4)]:
        r_t = R_E + mp.mpf(tx)
        ref = mp.pi * (r_t * mp.sin(mp.mpf(phi))) ** 2
        assert rel_err(flat_disc_area_km2(tx, phi), ref) < TOL
    for a, b, psi in [
        (0.0, 0.001, 0.0),
        (0.0, 600.0, 0.3),
        (20.0, 20.0, 1e-9),
        (0.3, 35_786.0, 1.2),
    ]:
        r_a, r_b = R_E + mp.mpf(a), R_E + mp.mpf(b)
        ref = mp.sqrt(r_a**2 + r_b**2 - 2 * r_a * r_b * mp.cos(mp.mpf(psi)))
        assert rel_err(slant_range_km(a, b, psi), ref) < TOL


def test_elevation_angle_inverts_the_downlink_dome() -> None:
    for rx, tx in [(0.0, 0.3), (0.0, 600.0), (20.0, 35_786.0), (0.0, 0.001)]:
        for alpha_deg in (0.0, 5.0, 30.0, 80.0):
            alpha = math.radians(alpha_deg)
            phi = downlink_vertex_angle_rad(rx, tx, alpha)
            assert abs(elevation_angle_rad(rx, tx, phi) - alpha) < 1e-12


# ---------------------------------------------------------------------- errors

NAN, INF = float("nan"), float("inf")


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"freq_hz": 0.0, "diameter_m": 1.0}, "freq_hz"),
        ({"freq_hz": -1e9, "diameter_m": 1.0}, "freq_hz"),
        ({"freq_hz": INF, "diameter_m": 1.0}, "freq_hz"),
        ({"freq_hz": 1e9, "diameter_m": 0.0}, "diameter_m"),
        ({"freq_hz": 1e9, "diameter_m": 1.0, "kappa_rad": 0.0}, "kappa_rad"),
        ({"freq_hz": 1e9, "diameter_m": NAN}, "diameter_m"),
        ({"freq_hz": [1e9, NAN], "diameter_m": 1.0}, "freq_hz"),
        ({"freq_hz": "two", "diameter_m": 1.0}, "freq_hz"),
    ],
)
def test_beamwidth_rejects(kwargs: dict, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        beamwidth_rad(**kwargs)


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((-1.0, 0.0, 0.1), "rx_alt_km"),
        ((600.0, -0.5, 0.1), "tx_alt_km"),
        ((INF, 0.0, 0.1), "rx_alt_km"),
        ((NAN, 0.0, 0.1), "rx_alt_km"),
        ((600.0, 0.0, 0.0), "beamwidth_rad"),
        ((600.0, 0.0, -0.1), "beamwidth_rad"),
        ((600.0, 0.0, NAN), "beamwidth_rad"),
        ((600.0, 600.0, 0.1), "rx_alt_km must be greater than tx_alt_km"),
        ((20.0, 600.0, 0.1), "rx_alt_km must be greater than tx_alt_km"),
        ((np.array([600.0, NAN]), 0.0, 0.1), "rx_alt_km"),
    ],
)
def test_uplink_rejects(args: tuple, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        uplink_vertex_angle_rad(*args)


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((0.0, 600.0, -0.01), "min_elevation_rad"),
        ((0.0, 600.0, math.pi / 2), "min_elevation_rad"),
        ((0.0, 600.0, 2.0), "min_elevation_rad"),
        ((0.0, 600.0, NAN), "min_elevation_rad"),
        ((600.0, 600.0, 0.1), "tx_alt_km must be greater than rx_alt_km"),
        ((600.0, 20.0, 0.1), "tx_alt_km must be greater than rx_alt_km"),
        ((-1.0, 600.0, 0.1), "rx_alt_km"),
        ((0.0, INF, 0.1), "tx_alt_km"),
    ],
)
def test_downlink_rejects(args: tuple, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        downlink_vertex_angle_rad(*args)


def test_elevation_message_names_the_range_in_degrees() -> None:
    with pytest.raises(ValueError, match=r"\[0, 90\) degrees"):
        downlink_vertex_angle_rad(0.0, 600.0, math.radians(95.0))


@pytest.mark.parametrize("fn", [dome_area_km2, flat_disc_area_km2])
@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((0.0, -1e-9), "vertex_angle_rad"),
        ((0.0, 3.2), "vertex_angle_rad"),
        ((0.0, NAN), "vertex_angle_rad"),
        ((-1.0, 0.1), "tx_alt_km"),
        ((np.array([0.0, INF]), 0.1), "tx_alt_km"),
    ],
)
def test_area_rejects(fn, args: tuple, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        fn(*args)


def test_coverage_dome_checks_its_parameters() -> None:
    with pytest.raises(ValueError, match="scenario"):
        coverage_dome("X2Y", rx_alt_km=1.0, tx_alt_km=0.0, freq_hz=1e9, diameter_m=1.0)
    with pytest.raises(ValueError, match="freq_hz and diameter_m are required"):
        coverage_dome("G2A", rx_alt_km=1.0, tx_alt_km=0.0)
    with pytest.raises(ValueError, match="min_elevation_rad does not apply"):
        coverage_dome(
            "G2S",
            rx_alt_km=600.0,
            tx_alt_km=0.0,
            freq_hz=1e9,
            diameter_m=1.0,
            min_elevation_rad=0.1,
        )
    with pytest.raises(ValueError, match="min_elevation_rad is required"):
        coverage_dome("S2G", rx_alt_km=0.0, tx_alt_km=600.0)
    with pytest.raises(ValueError, match="do not apply"):
        coverage_dome("S2G", rx_alt_km=0.0, tx_alt_km=600.0, min_elevation_rad=0.1, freq_hz=1e9)


def test_outputs_are_finite_over_the_whole_domain() -> None:
    rx = np.geomspace(1e-3, 40_000.0, 50)
    widths = np.geomspace(1e-5, 20.0, 40)[:, None]
    phi = uplink_vertex_angle_rad(rx, 0.0, widths)
    assert phi.shape == (40, 50) and np.isfinite(phi).all()
    alphas = np.linspace(0.0, math.radians(89.99), 40)[:, None]
    phi = downlink_vertex_angle_rad(0.0, rx, alphas)
    assert np.isfinite(phi).all() and (phi > 0).all()


# ---------------------------------------------------------------------- properties

lower_alt = st.floats(0.0, 40_000.0)
gap = st.floats(1e-3, 40_000.0)
width = st.floats(1e-5, 10.0)
elevation = st.floats(0.0, math.radians(89.9))
SETTINGS = settings(max_examples=300, deadline=None)


def visible_cap(rx: float, tx: float) -> float:
    """Vertex angle of everything on the sphere at ``tx`` that ``rx`` can see."""
    hi, lo = max(rx, tx), min(rx, tx)
    # 30 digits: the float64 arccos would lose half of them for close layers.
    with mp.workdps(30):
        return float(mp.acos((EARTH_RADIUS_KM + mp.mpf(lo)) / (EARTH_RADIUS_KM + mp.mpf(hi))))


@SETTINGS
@given(tx=lower_alt, d=gap, w=width)
def test_uplink_dome_never_exceeds_the_visible_cap(tx: float, d: float, w: float) -> None:
    rx = tx + d
    phi = uplink_vertex_angle_rad(rx, tx, w)
    cap = visible_cap(rx, tx)
    assert 0 < phi <= cap * (1 + 1e-12)
    assert dome_area_km2(tx, phi) <= dome_area_km2(tx, cap) * (1 + 1e-12)
    # The dome never extends past the beam: its rim is seen at most b off nadir.
    assert phi <= math.pi / 2


@SETTINGS
@given(rx=lower_alt, d=gap, a=elevation)
def test_downlink_dome_never_exceeds_the_horizon(rx: float, d: float, a: float) -> None:
    tx = rx + d
    phi = downlink_vertex_angle_rad(rx, tx, a)
    assert 0 < phi <= visible_cap(rx, tx) * (1 + 1e-12)


@SETTINGS
@given(tx=lower_alt, d=gap, w1=width, w2=width)
def test_uplink_dome_grows_with_beamwidth(tx: float, d: float, w1: float, w2: float) -> None:
    lo, hi = sorted((w1, w2))
    rx = tx + d
    assert uplink_vertex_angle_rad(rx, tx, lo) <= uplink_vertex_angle_rad(rx, tx, hi) * (1 + 1e-13)


@SETTINGS
@given(f1=st.floats(1e8, 1e11), f2=st.floats(1e8, 1e11), d=st.sampled_from([0.5, 2.0]))
def test_uplink_dome_shrinks_with_frequency(f1: float, f2: float, d: float) -> None:
    lo, hi = sorted((f1, f2))
    for key, rx, tx in (("G2A", 0.3, 0.0), ("A2S", 600.0, 20.0), ("G2S", 35_786.0, 0.0)):
        low_f = coverage_dome(key, rx_alt_km=rx, tx_alt_km=tx, freq_hz=lo, diameter_m=d)
        high_f = coverage_dome(key, rx_alt_km=rx, tx_alt_km=tx, freq_hz=hi, diameter_m=d)
        assert high_f.area_km2 <= low_f.area_km2 * (1 + 1e-13)


@SETTINGS
@given(tx=lower_alt, d1=gap, d2=gap, w=st.floats(1e-4, 3.0))
def test_uplink_dome_grows_with_receiver_altitude(
    tx: float, d1: float, d2: float, w: float
) -> None:
    lo, hi = sorted((d1, d2))
    assert uplink_vertex_angle_rad(tx + lo, tx, w) <= uplink_vertex_angle_rad(tx + hi, tx, w) * (
        1 + 1e-13
    )


@SETTINGS
@given(rx=lower_alt, d=gap, a1=elevation, a2=elevation)
def test_downlink_dome_shrinks_with_elevation(rx: float, d: float, a1: float, a2: float) -> None:
    lo, hi = sorted((a1, a2))
    tx = rx + d
    assert downlink_vertex_angle_rad(rx, tx, hi) <= downlink_vertex_angle_rad(rx, tx, lo) * (
        1 + 1e-13
    )


@SETTINGS
@given(rx=lower_alt, d1=gap, d2=gap, a=elevation)
def test_downlink_dome_grows_with_transmitter_altitude(
    rx: float, d1: float, d2: float, a: float
) -> None:
    lo, hi = sorted((d1, d2))
    assert downlink_vertex_angle_rad(rx, rx + lo, a) <= downlink_vertex_angle_rad(
        rx, rx + hi, a
    ) * (1 + 1e-13)


@SETTINGS
@given(tx=lower_alt, phi=st.floats(0.0, math.pi))
def test_dome_area_bounds_and_flat_disc_ratio(tx: float, phi: float) -> None:
    area = dome_area_km2(tx, phi)
    sphere = 4 * math.pi * (EARTH_RADIUS_KM + tx) ** 2
    assert 0 <= area <= sphere * (1 + 1e-15)
    if 1e-8 < phi < math.pi - 1e-8:
        # Corollary: dome / flat disc = 1 / cos^2(phi / 2).
        ratio = area / flat_disc_area_km2(tx, phi)
        assert math.isclose(ratio, 1 / math.cos(phi / 2) ** 2, rel_tol=1e-12)


@SETTINGS
@given(
    rx=st.lists(st.floats(1.0, 1000.0), min_size=1, max_size=5),
    w=st.floats(1e-3, 1.0),
)
def test_vectorised_equals_scalar(rx: list[float], w: float) -> None:
    vec = uplink_vertex_angle_rad(np.array(rx), 0.0, w)
    assert vec.shape == (len(rx),)
    for i, value in enumerate(rx):
        assert vec[i] == uplink_vertex_angle_rad(value, 0.0, w)


def test_paper_ordering_of_the_six_domes() -> None:
    """Fig. 3's stated orderings at the default parameters."""
    f, alpha = 2e9, math.radians(10.0)
    up = {
        "G2A": coverage_dome("G2A", rx_alt_km=20.0, tx_alt_km=0.0, freq_hz=f, diameter_m=0.5),
        "A2S": coverage_dome("A2S", rx_alt_km=600.0, tx_alt_km=20.0, freq_hz=f, diameter_m=2.0),
        "G2S": coverage_dome("G2S", rx_alt_km=600.0, tx_alt_km=0.0, freq_hz=f, diameter_m=2.0),
    }
    down = {
        "A2G": coverage_dome("A2G", rx_alt_km=0.0, tx_alt_km=20.0, min_elevation_rad=alpha),
        "S2A": coverage_dome("S2A", rx_alt_km=20.0, tx_alt_km=600.0, min_elevation_rad=alpha),
        "S2G": coverage_dome("S2G", rx_alt_km=0.0, tx_alt_km=600.0, min_elevation_rad=alpha),
    }
    assert up["G2A"].area_km2 < 0.1 * up["A2S"].area_km2
    assert up["A2S"].vertex_angle_rad < up["G2S"].vertex_angle_rad
    assert down["A2G"].area_km2 < 0.1 * down["S2A"].area_km2
    assert down["S2A"].vertex_angle_rad < down["S2G"].vertex_angle_rad
    assert set(SCENARIOS) == set(up) | set(down)


def test_beamwidth_rule_of_thumb() -> None:
    """70 lambda / D degrees: a 2 m dish at 2 GHz has a 5.25 degree beam."""
    lam = 299_792_458.0 / 2e9
    assert math.isclose(math.degrees(beamwidth_rad(2e9, 2.0)), 70 * lam / 2.0, rel_tol=1e-15)


def test_coverage_dome_against_mpmath_on_a_sweep_longer_than_a_block() -> None:
    # More points than one block of the vectorised kernels, with single values
    # (the dish, the elevation) broadcast into every block.
    rng = np.random.default_rng(11)
    n = 40_000
    tx = rng.uniform(0.0, 2000.0, n)
    rx = tx + 10 ** rng.uniform(-3.0, 4.6, n)
    freq = 10 ** rng.uniform(8.0, 11.0, n)
    up = coverage_dome("G2S", rx_alt_km=rx, tx_alt_km=tx, freq_hz=freq, diameter_m=0.5)
    down = coverage_dome("S2G", rx_alt_km=tx, tx_alt_km=rx, min_elevation_rad=0.3)
    assert up.vertex_angle_rad.shape == down.area_km2.shape == (n,)
    width = beamwidth_rad(freq, 0.5)
    for i in rng.choice(n, 150, replace=False):
        phi_up = ref_uplink(rx[i], tx[i], width[i])
        assert rel_err(up.vertex_angle_rad[i], phi_up) < TOL
        assert rel_err(up.area_km2[i], ref_area(tx[i], phi_up)) < TOL
        phi_down = ref_downlink(tx[i], rx[i], 0.3)
        assert rel_err(down.vertex_angle_rad[i], phi_down) < TOL
        assert rel_err(down.area_km2[i], ref_area(rx[i], phi_down)) < TOL


def test_a_long_sweep_equals_its_pieces() -> None:
    # Block boundaries must not show: the same points give the same bits alone.
    rng = np.random.default_rng(3)
    tx = rng.uniform(0.0, 1000.0, 33_000)
    rx = tx + rng.uniform(0.001, 30_000.0, tx.size)
    width = 10 ** rng.uniform(-4.0, 0.7, tx.size)
    whole = uplink_vertex_angle_rad(rx, tx, width)
    for i in rng.choice(tx.size, 50, replace=False):
        assert whole[i] == uplink_vertex_angle_rad(rx[i], tx[i], width[i])
    grid = coverage_dome(
        "A2G", rx_alt_km=0.0, tx_alt_km=tx.reshape(300, 110), min_elevation_rad=0.1
    )
    assert grid.area_km2.shape == (300, 110)
    assert (
        grid.area_km2[7, 3]
        == coverage_dome(
            "A2G", rx_alt_km=0.0, tx_alt_km=tx[7 * 110 + 3], min_elevation_rad=0.1
        ).area_km2
    )
