"""sagin_lib.sampling.area_uniform: sample_dome and ppp_dome on a Dome.

Checked against independent computations: the dot-product angle to the
centre, the textbook inverse-CDF sampler, uniform-law KS tests of coordinates
computed here, and the cap area ``2 pi R^2 (1 - cos(phi))`` in 50-digit mpmath.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.dome import Dome
from sagin_lib.sampling.area_uniform import (
    layer_radius_km,
    ppp_dome,
    ppp_mean_count,
    sample_dome,
)

FAST = settings(max_examples=60, deadline=None)

# From a 1e-9 rad dome (6 mm on the ground) to the whole sphere.
vertex_angles = st.one_of(
    st.floats(1e-9, math.pi), st.sampled_from([1e-9, 5.8e-4, 0.1745, math.pi / 2, math.pi])
)


def _unit(az: float, pol: float) -> np.ndarray:
    return np.array([math.sin(pol) * math.cos(az), math.sin(pol) * math.sin(az), math.cos(pol)])


def _angle_to_centre(xyz: np.ndarray, dome: Dome) -> np.ndarray:
    """Angle between each point and the dome centre, by atan2 of cross and dot products."""
    u = _unit(dome.center_azimuth_rad, dome.center_polar_rad)
    return np.arctan2(np.linalg.norm(np.cross(xyz, u), axis=1), xyz @ u)


def _cap_area_mp(alt_km: float, phi: float) -> float:
    with mp.workdps(50):
        r = mp.mpf(EARTH_RADIUS_KM) + mp.mpf(alt_km)
        return float(2 * mp.pi * r**2 * (1 - mp.cos(mp.mpf(phi))))


@FAST
@given(
    n=st.integers(0, 300),
    alt=st.floats(0.0, 40_000.0),
    phi=vertex_angles,
    az=st.floats(-20.0, 20.0),
    pol=st.floats(0.0, math.pi),
    seed=st.integers(0, 2**63),
)
def test_points_lie_on_the_sphere_inside_the_dome(n, alt, phi, az, pol, seed) -> None:
    dome = Dome(alt, phi, az, pol)
    xyz = sample_dome(n, dome, rng=seed)
    assert xyz.shape == (n, 3) and xyz.dtype == np.float64 and xyz.flags.c_contiguous
    np.testing.assert_allclose(np.linalg.norm(xyz, axis=1), EARTH_RADIUS_KM + alt, rtol=1e-9)
    # Rounding of the coordinates (a few ulp of R) bounds the angle error by ~1e-15 rad.
    assert np.all(_angle_to_centre(xyz, dome) <= phi * (1 + 1e-12) + 1e-13)


def test_full_sphere_tiny_dome_and_zero_dome() -> None:
    whole = sample_dome(20_000, Dome(600.0, math.pi), rng=1)
    # Uniform on the sphere (Archimedes): z / R is uniform on [-1, 1].
    assert stats.kstest(whole[:, 2] / (EARTH_RADIUS_KM + 600), "uniform", (-1, 2)).pvalue > 1e-3
    tiny = Dome(0.0, 1e-9, 0.3, 2.0)
    spread = _angle_to_centre(sample_dome(1000, tiny, rng=1), tiny)
    assert 0.0 < float(spread.max()) <= 1e-9 * (1 + 1e-6)
    point = sample_dome(5, Dome(20.0, 0.0, 0.3, 2.0), rng=1)
    np.testing.assert_allclose(point, np.tile((EARTH_RADIUS_KM + 20) * _unit(0.3, 2.0), (5, 1)))


def test_same_seed_gives_identical_bytes_whatever_its_form() -> None:
    dome = Dome(20.0, 0.3, 1.0, 0.5)
    ref = sample_dome(5000, dome, rng=42).tobytes()
    assert ref == sample_dome(5000, dome, rng=42).tobytes()
    assert ref != sample_dome(5000, dome, rng=43).tobytes()
    assert ref == sample_dome(5000, dome, rng=np.random.default_rng(42)).tobytes()
    assert ref == sample_dome(5000, dome, rng=np.random.SeedSequence(42)).tobytes()
    assert ref == sample_dome(5000, dome, rng=np.int64(42)).tobytes()
    ppp = Dome(0.0, 0.2, 0.0, 1.0)
    assert ppp_dome(1e-3, ppp, rng=9).tobytes() == ppp_dome(1e-3, ppp, rng=9).tobytes()


def test_ppp_draws_the_count_then_the_points_from_one_generator() -> None:
    dome = Dome(0.0, 0.05, 1.0, 1.0)
    density = 200.0 / _cap_area_mp(0.0, 0.05)
    rng = np.random.default_rng(17)
    count = int(rng.poisson(density * _cap_area_mp(0.0, 0.05)))
    got = ppp_dome(density, dome, rng=17)
    assert got.shape == (count, 3)
    assert got.tobytes() == sample_dome(count, dome, rng=rng).tobytes()


def test_large_samples_span_several_tiles() -> None:
    dome = Dome(0.0, 0.01, 2.0, 2.0)
    xyz = sample_dome(100_000, dome, rng=5)
    assert np.all(_angle_to_centre(xyz, dome) <= 0.01 * (1 + 1e-12))
    assert len(np.unique(xyz[:, 0])) == 100_000


@pytest.mark.parametrize("phi", [1e-6, 0.01, 0.3, math.pi / 2, math.pi])
def test_azimuth_and_area_fraction_are_uniform(phi) -> None:
    # 20,000 i.i.d. points; at a fixed seed an exact KS test of a correct
    # sampler gives p > 1e-3 except with probability 1e-3, and a sampler off
    # by even 1.5 % in a CDF fails it (critical D at p = 1e-3 is 0.0138).
    az, pol = 0.4, 2.5
    xyz = sample_dome(20_000, Dome(600.0, phi, az, pol), rng=2024)
    # Coordinates in the dome frame from an orthonormal basis built here.
    up = _unit(az, pol)
    east = np.array([-math.sin(az), math.cos(az), 0.0])
    south = np.cross(east, up)
    r = EARTH_RADIUS_KM + 600.0
    azimuth = np.mod(np.arctan2(xyz @ east, xyz @ south), 2 * math.pi)
    chord = np.linalg.norm(xyz / r - up, axis=1)
    fraction = (chord / (2 * math.sin(phi / 2))) ** 2  # (1 - cos) / (1 - cos phi)
    assert stats.kstest(azimuth / (2 * math.pi), "uniform").pvalue > 1e-3
    assert stats.kstest(fraction, "uniform").pvalue > 1e-3
    assert fraction.max() <= 1.0 + 1e-9


def test_sampler_agrees_with_plain_inverse_cdf() -> None:
    # Two-sample KS against the textbook arccos construction (independent code path).
    rng = np.random.default_rng(77)
    phi = 0.4
    polar_plain = np.arccos(1 - rng.random(20_000) * (1 - math.cos(phi)))
    dome = Dome(0.0, phi)
    polar_ours = _angle_to_centre(sample_dome(20_000, dome, rng=78), dome)
    assert stats.ks_2samp(polar_ours, polar_plain).pvalue > 1e-3


def test_ppp_mean_count_is_lambda_times_the_cap_area() -> None:
    phi, alt = 0.05, 20.0
    area = _cap_area_mp(alt, phi)
    density = 40.0 / area
    assert ppp_mean_count(density, Dome(alt, phi)) == pytest.approx(40.0, rel=1e-14)
    # The older form (altitude and vertex angle) is still accepted.
    assert layer_radius_km(alt) == EARTH_RADIUS_KM + alt


def test_ppp_counts_are_poisson_with_mean_lambda_area() -> None:
    # 2,000 independent Poisson counts of mean 40: the sample mean is within 4
    # standard errors of lambda |A| except with probability 6e-5.
    phi, alt = 0.05, 20.0
    density = 40.0 / _cap_area_mp(alt, phi)
    rng = np.random.default_rng(31)
    dome = Dome(alt, phi, 1.0, 1.0)
    counts = np.array([ppp_dome(density, dome, rng=rng).shape[0] for _ in range(2000)])
    se = counts.std(ddof=1) / math.sqrt(counts.size)
    assert abs(counts.mean() - 40.0) < 4 * se
    # Poisson: variance equals the mean (within 4 standard errors of the variance, ~sqrt(2/n) m).
    assert abs(counts.var(ddof=1) - 40.0) < 4 * 40.0 * math.sqrt(2 / counts.size + 1 / (40 * 2000))


def test_zero_density_and_zero_count_give_no_nodes() -> None:
    assert ppp_dome(0.0, Dome(0.0, 0.1), rng=1).shape == (0, 3)
    assert sample_dome(0, Dome(0.0, 0.1), rng=1).shape == (0, 3)


DOME = Dome(0.0, 0.1)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: sample_dome(-1, DOME), "n"),
        (lambda: sample_dome(2.5, DOME), "n"),
        (lambda: sample_dome(True, DOME), "n"),
        (lambda: sample_dome(5, (0.0, 0.1)), "dome"),
        (lambda: sample_dome(5, Dome([0.0, 1.0], 0.1)), "dome"),
        (lambda: sample_dome(5, DOME, rng="seed"), "rng"),
        (lambda: sample_dome(5, DOME, rng=-3), "rng"),
        (lambda: sample_dome(5, DOME, rng=True), "rng"),
        (lambda: ppp_dome(-1e-3, DOME), "density_per_km2"),
        (lambda: ppp_dome(math.nan, DOME), "density_per_km2"),
        (lambda: ppp_dome(math.inf, DOME), "density_per_km2"),
        (lambda: ppp_dome(1.0, None), "dome"),
        (lambda: ppp_mean_count(1.0, (0.0, 0.1)), "dome must be a sagin_lib Dome"),
        (lambda: ppp_mean_count(-1.0, Dome(0.0, 0.1)), "density_per_km2"),
        (lambda: layer_radius_km(-1.0), "tx_alt_km"),
        (lambda: layer_radius_km(math.nan), "tx_alt_km"),
    ],
)
def test_bad_input_names_the_argument(call, name) -> None:
    with pytest.raises(ValueError, match=name):
        call()
