"""Dome sampling: geometry invariants, the rotation, determinism, streaming, statistics, bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from scipy.spatial.transform import Rotation

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.coverage import dome_area_km2
from sagin_lib.model.sphere import (
    angle_from_center_rad,
    arc_to_chord_km,
    cartesian_to_latlon_deg,
    cartesian_to_spherical,
    central_angle_rad,
    chord_to_arc_km,
    direction_xyz,
    great_circle_distance_km,
    in_dome,
    latlon_deg_to_cartesian,
    latlon_deg_to_direction_rad,
    spherical_to_cartesian,
    to_dome_frame,
    yaw_pitch_matrix,
)
from sagin_lib.sampling.area_uniform import ppp_dome, ppp_mean_count, sample_dome
from sagin_lib.sampling.monte_carlo import dome_frame_coordinates
from sagin_lib.sampling.streams import (
    CHUNK_SIZE,
    chunk_bounds,
    chunk_seed_sequence,
    dome_chunk,
    iter_dome_blocks,
    iter_ppp_dome_blocks,
    n_chunks,
    ppp_total_count,
    root_seed_sequence,
)

FAST = settings(max_examples=60, deadline=None)

altitudes = st.floats(0.0, 40_000.0)
# From a 1e-9 rad dome (6 mm on the ground) to the whole sphere.
vertex_angles = st.one_of(
    st.floats(1e-9, math.pi), st.sampled_from([1e-9, 5.8e-4, 0.1745, math.pi / 2, math.pi])
)
azimuths = st.floats(-20.0, 20.0)
polars = st.floats(0.0, math.pi)
seeds = st.integers(0, 2**63)


# --- geometry invariants ---------------------------------------------------------------------


@FAST
@given(
    n=st.integers(0, 300),
    alt=altitudes,
    phi=vertex_angles,
    az=azimuths,
    pol=polars,
    seed=seeds,
)
def test_points_lie_on_the_sphere_inside_the_dome(n, alt, phi, az, pol, seed) -> None:
    xyz = sample_dome(n, alt, phi, az, pol, rng=seed)
    assert xyz.shape == (n, 3) and xyz.dtype == np.float64 and xyz.flags.c_contiguous
    radius = EARTH_RADIUS_KM + alt
    np.testing.assert_allclose(np.linalg.norm(xyz, axis=1), radius, rtol=1e-9, atol=0)
    # Rounding of the coordinates (a few ulp of R) bounds the angle error by ~1e-15 rad.
    angle = np.asarray(angle_from_center_rad(xyz, az, pol))
    assert np.all(angle <= phi * (1 + 1e-12) + 1e-13)
    assert np.all(in_dome(xyz, min(phi * (1 + 1e-12) + 1e-13, math.pi), az, pol))


@FAST
@given(az=azimuths, pol=polars)
def test_yaw_pitch_matrix_is_a_rotation_to_the_centre(az, pol) -> None:
    m = yaw_pitch_matrix(az, pol)
    np.testing.assert_allclose(m @ m.T, np.eye(3), atol=1e-15)
    assert np.linalg.det(m) == pytest.approx(1.0, abs=1e-14)
    np.testing.assert_allclose(m @ [0.0, 0.0, 1.0], direction_xyz(az, pol), atol=1e-15)
    expected = spherical_to_cartesian(1.0, az, pol)
    np.testing.assert_allclose(m[:, 2], expected, atol=1e-15)


@FAST
@given(az=azimuths, pol=polars)
def test_yaw_pitch_matrix_matches_scipy(az, pol) -> None:
    # Rz(az) @ Ry(pol): intrinsic Z then Y, or extrinsic y then z.
    intrinsic = Rotation.from_euler("ZY", [az, pol]).as_matrix()
    extrinsic = Rotation.from_euler("yz", [pol, az]).as_matrix()
    np.testing.assert_allclose(yaw_pitch_matrix(az, pol), intrinsic, atol=1e-14)
    np.testing.assert_allclose(yaw_pitch_matrix(az, pol), extrinsic, atol=1e-14)


def test_centre_at_the_north_pole_is_the_identity() -> None:
    assert np.array_equal(yaw_pitch_matrix(0.0, 0.0), np.eye(3))


@FAST
@given(
    r=st.floats(1.0, 1e5),
    az=st.floats(0.0, 2 * math.pi, exclude_max=True),
    pol=st.floats(1e-6, math.pi - 1e-6),
)
def test_spherical_round_trip(r, az, pol) -> None:
    xyz = spherical_to_cartesian(r, az, pol)
    r2, az2, pol2 = cartesian_to_spherical(xyz)
    assert r2 == pytest.approx(r, rel=1e-14)
    assert pol2 == pytest.approx(pol, abs=1e-14)
    # Azimuth is periodic; compare on the circle.
    assert abs(math.remainder(float(az2) - az, 2 * math.pi)) <= 1e-13 / math.sin(pol)
    assert 0.0 <= az2 < 2 * math.pi


@FAST
@given(
    lat=st.floats(-89.999, 89.999),
    lon=st.floats(-180.0, 180.0, exclude_max=True),
    alt=st.floats(0.0, 40_000.0),
)
def test_latlon_round_trip(lat, lon, alt) -> None:
    xyz = latlon_deg_to_cartesian(lat, lon, alt)
    lat2, lon2, alt2 = cartesian_to_latlon_deg(xyz)
    assert lat2 == pytest.approx(lat, abs=1e-11)
    assert abs(math.remainder(float(lon2) - lon, 360.0)) <= 1e-9
    assert -180.0 <= lon2 < 180.0
    assert alt2 == pytest.approx(alt, abs=1e-8)
    az, pol = latlon_deg_to_direction_rad(lat, lon)
    np.testing.assert_allclose(xyz, spherical_to_cartesian(EARTH_RADIUS_KM + alt, az, pol))


def test_latlon_reference_points() -> None:
    np.testing.assert_allclose(
        latlon_deg_to_cartesian(0.0, 0.0), [EARTH_RADIUS_KM, 0, 0], atol=1e-9
    )
    np.testing.assert_allclose(
        latlon_deg_to_cartesian(0.0, 90.0), [0, EARTH_RADIUS_KM, 0], atol=1e-9
    )
    np.testing.assert_allclose(
        latlon_deg_to_cartesian(90.0, 0.0, 20.0), [0, 0, EARTH_RADIUS_KM + 20], atol=1e-9
    )
    lat, lon, alt = cartesian_to_latlon_deg([0.0, -1.0, 0.0])
    assert (float(lat), float(lon)) == (0.0, -90.0)


@FAST
@given(
    a=st.tuples(st.floats(-90, 90), st.floats(-180, 180)),
    b=st.tuples(st.floats(-90, 90), st.floats(-180, 180)),
)
def test_great_circle_distance_matches_haversine(a, b) -> None:
    pa, pb = latlon_deg_to_cartesian(*a), latlon_deg_to_cartesian(*b)
    la, lb = np.radians(a), np.radians(b)
    hav = (
        math.sin((lb[0] - la[0]) / 2) ** 2
        + math.cos(la[0]) * math.cos(lb[0]) * math.sin((lb[1] - la[1]) / 2) ** 2
    )
    expected = 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(hav)))
    got = float(great_circle_distance_km(pa, pb))
    # Haversine itself loses digits near antipodes; 1 m is far below any use here.
    assert got == pytest.approx(expected, abs=1e-3)
    assert float(great_circle_distance_km(pb, pa)) == pytest.approx(got, abs=1e-9)


def test_central_angle_is_accurate_for_nearby_points() -> None:
    a = np.array([EARTH_RADIUS_KM, 0.0, 0.0])
    b = spherical_to_cartesian(EARTH_RADIUS_KM, 1e-10, math.pi / 2)
    assert float(central_angle_rad(a, b)) == pytest.approx(1e-10, rel=1e-9)


@FAST
@given(d=st.floats(0.0, math.pi * EARTH_RADIUS_KM), r=st.sampled_from([6371.0, 6971.0]))
def test_chord_and_arc_are_inverse(d, r) -> None:
    d = min(d, math.pi * r)
    chord = float(arc_to_chord_km(d, r))
    assert 0.0 <= chord <= 2 * r
    assert float(chord_to_arc_km(chord, r)) == pytest.approx(d, rel=1e-9, abs=1e-9)


def test_dome_frame_puts_the_centre_at_the_pole() -> None:
    az, pol = 1.2, 0.7
    centre = EARTH_RADIUS_KM * direction_xyz(az, pol)
    np.testing.assert_allclose(to_dome_frame(centre, az, pol), [0, 0, EARTH_RADIUS_KM], atol=1e-9)
    xyz = sample_dome(500, 0.0, 0.2, az, pol, rng=3)
    local = to_dome_frame(xyz, az, pol)
    assert np.all(local[:, 2] >= EARTH_RADIUS_KM * math.cos(0.2) - 1e-9)


def test_full_sphere_and_tiny_dome() -> None:
    whole = sample_dome(20_000, 600.0, math.pi, rng=1)
    # Uniform on the sphere: z / R is uniform on [-1, 1].
    assert stats.kstest(whole[:, 2] / (EARTH_RADIUS_KM + 600), "uniform", (-1, 2)).pvalue > 1e-3
    tiny = sample_dome(1000, 0.0, 1e-9, 0.3, 2.0, rng=1)
    spread = great_circle_distance_km(tiny, EARTH_RADIUS_KM * direction_xyz(0.3, 2.0))
    assert 0.0 < float(np.max(spread)) <= EARTH_RADIUS_KM * 1e-9 * (1 + 1e-6)


# --- determinism -----------------------------------------------------------------------------


def test_same_seed_gives_identical_bytes() -> None:
    args = (5000, 20.0, 0.3, 1.0, 0.5)
    assert sample_dome(*args, rng=42).tobytes() == sample_dome(*args, rng=42).tobytes()
    assert sample_dome(*args, rng=42).tobytes() != sample_dome(*args, rng=43).tobytes()
    gen = sample_dome(*args, rng=np.random.default_rng(42))
    assert gen.tobytes() == sample_dome(*args, rng=42).tobytes()
    ppp = (1e-3, 0.0, 0.2, 0.0, 1.0)
    assert ppp_dome(*ppp, rng=9).tobytes() == ppp_dome(*ppp, rng=9).tobytes()


def test_large_samples_span_several_tiles() -> None:
    # More than one tile of random pairs; still on the sphere and in the dome.
    xyz = sample_dome(100_000, 0.0, 0.01, 2.0, 2.0, rng=5)
    assert np.all(np.asarray(angle_from_center_rad(xyz, 2.0, 2.0)) <= 0.01 * (1 + 1e-12))
    assert len(np.unique(xyz[:, 0])) == 100_000


# --- streaming -------------------------------------------------------------------------------


def _stream(block_size, chunk_size=1000, n=3500, seed=5):
    blocks = list(
        iter_dome_blocks(
            n, 20.0, 0.3, 1.0, 2.0, block_size=block_size, rng=seed, chunk_size=chunk_size
        )
    )
    return blocks, np.concatenate(blocks)


@pytest.mark.parametrize("block_size", [1, 7, 999, 1000, 1001, 3500, 10_000])
def test_stream_does_not_depend_on_block_size(block_size) -> None:
    blocks, nodes = _stream(block_size)
    _, reference = _stream(1000)
    assert nodes.tobytes() == reference.tobytes()
    assert all(b.shape == (block_size, 3) for b in blocks[:-1])
    assert 0 < blocks[-1].shape[0] <= block_size


def test_stream_is_the_concatenation_of_pure_chunks() -> None:
    _, nodes = _stream(777)
    assert n_chunks(3500, 1000) == 4 and chunk_bounds(3, 3500, 1000) == (3000, 3500)
    chunks = [dome_chunk(i, 3500, 20.0, 0.3, 1.0, 2.0, seed=5, chunk_size=1000) for i in (3, 1)]
    assert chunks[0].tobytes() == nodes[3000:].tobytes()
    assert chunks[1].tobytes() == nodes[1000:2000].tobytes()
    # Chunk i is what sample_dome gives with the i-th spawned child of the root.
    child = np.random.SeedSequence(5).spawn(3)[2]
    direct = sample_dome(1000, 20.0, 0.3, 1.0, 2.0, rng=np.random.default_rng(child))
    assert direct.tobytes() == nodes[2000:3000].tobytes()
    assert chunk_seed_sequence(root_seed_sequence(5), 2).spawn_key == (2,)


def test_stream_with_the_default_chunk_size_crosses_chunks_identically() -> None:
    n = CHUNK_SIZE + 1234
    a = np.concatenate(list(iter_dome_blocks(n, 0.0, 0.1, rng=11, block_size=300_000)))
    tail = dome_chunk(1, n, 0.0, 0.1, seed=11)
    assert a.shape == (n, 3) and tail.tobytes() == a[CHUNK_SIZE:].tobytes()


def test_ppp_stream_count_comes_from_the_root() -> None:
    args = (2e-3, 0.0, 0.05)
    total = ppp_total_count(*args, seed=8)
    nodes = np.concatenate(
        list(iter_ppp_dome_blocks(*args, rng=8, block_size=100, chunk_size=500))
        or [np.empty((0, 3))]
    )
    assert nodes.shape == (total, 3)
    assert total == ppp_total_count(*args, seed=np.random.SeedSequence(8))
    first = dome_chunk(0, total, 0.0, 0.05, seed=8, chunk_size=500)
    assert first.tobytes() == nodes[:500].tobytes()


def test_stream_of_nothing_and_seed_types() -> None:
    assert list(iter_dome_blocks(0, 0.0, 0.1, rng=1)) == []
    a = np.concatenate(list(iter_dome_blocks(50, 0.0, 0.1, rng=np.random.default_rng(3))))
    b = np.concatenate(list(iter_dome_blocks(50, 0.0, 0.1, rng=np.random.default_rng(3))))
    assert a.tobytes() == b.tobytes()


# --- statistics (fixed seeds) ----------------------------------------------------------------


@pytest.mark.parametrize("phi", [1e-6, 0.01, 0.3, math.pi / 2, math.pi])
def test_azimuth_and_area_fraction_are_uniform(phi) -> None:
    # 20,000 i.i.d. points; at a fixed seed an exact KS test of a correct
    # sampler gives p > 1e-3 except with probability 1e-3, and a sampler off
    # by even 1.5 % in a CDF fails it (critical D at p = 1e-3 is 0.0138).
    az, pol = 0.4, 2.5
    xyz = sample_dome(20_000, 600.0, phi, az, pol, rng=2024)
    azimuth, fraction = dome_frame_coordinates(xyz, 600.0, phi, az, pol)
    assert stats.kstest(azimuth / (2 * math.pi), "uniform").pvalue > 1e-3
    assert stats.kstest(fraction, "uniform").pvalue > 1e-3
    assert fraction.max() <= 1.0 + 1e-9


def test_sampler_agrees_with_plain_inverse_cdf() -> None:
    # Two-sample KS against the textbook arccos construction (independent code path).
    rng = np.random.default_rng(77)
    phi = 0.4
    polar_plain = np.arccos(1 - rng.random(20_000) * (1 - math.cos(phi)))
    xyz = sample_dome(20_000, 0.0, phi, rng=78)
    polar_ours = np.asarray(angle_from_center_rad(xyz))
    assert stats.ks_2samp(polar_ours, polar_plain).pvalue > 1e-3


def test_ppp_mean_count_matches_lambda_area() -> None:
    # 2,000 independent Poisson counts of mean 40: the sample mean is within 4
    # standard errors of lambda |A| except with probability 6e-5.
    phi, alt = 0.05, 20.0
    area = float(dome_area_km2(alt, phi))
    density = 40.0 / area
    assert ppp_mean_count(density, alt, phi) == pytest.approx(40.0)
    rng = np.random.default_rng(31)
    counts = np.array([ppp_dome(density, alt, phi, 1.0, 1.0, rng).shape[0] for _ in range(2000)])
    se = counts.std(ddof=1) / math.sqrt(counts.size)
    assert abs(counts.mean() - 40.0) < 4 * se
    # Poisson: variance equals the mean (within 4 standard errors of the variance, ~sqrt(2/n) m).
    assert abs(counts.var(ddof=1) - 40.0) < 4 * 40.0 * math.sqrt(2 / counts.size + 1 / (40 * 2000))


def test_zero_density_gives_no_nodes() -> None:
    assert ppp_dome(0.0, 0.0, 0.1, rng=1).shape == (0, 3)
    assert sample_dome(0, 0.0, 0.1, rng=1).shape == (0, 3)


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: sample_dome(-1, 0.0, 0.1), "n"),
        (lambda: sample_dome(2.5, 0.0, 0.1), "n"),
        (lambda: sample_dome(True, 0.0, 0.1), "n"),
        (lambda: sample_dome(5, -1.0, 0.1), "tx_alt_km"),
        (lambda: sample_dome(5, math.nan, 0.1), "tx_alt_km"),
        (lambda: sample_dome(5, 0.0, 0.0), "vertex_angle_rad"),
        (lambda: sample_dome(5, 0.0, -0.1), "vertex_angle_rad"),
        (lambda: sample_dome(5, 0.0, 3.2), "vertex_angle_rad"),
        (lambda: sample_dome(5, 0.0, math.inf), "vertex_angle_rad"),
        (lambda: sample_dome(5, 0.0, 0.1, math.nan, 0.0), "center_azimuth_rad"),
        (lambda: sample_dome(5, 0.0, 0.1, math.inf, 0.0), "center_azimuth_rad"),
        (lambda: sample_dome(5, 0.0, 0.1, 0.0, -0.1), "center_polar_rad"),
        (lambda: sample_dome(5, 0.0, 0.1, 0.0, math.nan), "center_polar_rad"),
        (lambda: sample_dome(5, 0.0, 0.1, rng="seed"), "rng"),
        (lambda: sample_dome(5, 0.0, 0.1, rng=-3), "rng"),
        (lambda: ppp_dome(-1e-3, 0.0, 0.1), "density_per_km2"),
        (lambda: ppp_dome(math.nan, 0.0, 0.1), "density_per_km2"),
        (lambda: ppp_dome(math.inf, 0.0, 0.1), "density_per_km2"),
        (lambda: yaw_pitch_matrix(math.nan, 0.0), "center_azimuth_rad"),
        (lambda: spherical_to_cartesian(-1.0, 0.0, 0.0), "radius_km"),
        (lambda: spherical_to_cartesian(1.0, 0.0, 4.0), "polar_rad"),
        (lambda: cartesian_to_spherical([1.0, 2.0]), "xyz_km"),
        (lambda: latlon_deg_to_cartesian(91.0, 0.0), "lat_deg"),
        (lambda: great_circle_distance_km([1, 0, 0], [0, 1, 0], -1.0), "radius_km"),
        (lambda: in_dome([[1.0, 0, 0]], 0.0), "vertex_angle_rad"),
        (lambda: iter_dome_blocks(10, 0.0, 0.1, block_size=0), "block_size"),
        (lambda: iter_dome_blocks(-5, 0.0, 0.1), "n_total"),
        (lambda: iter_dome_blocks(5, 0.0, 0.1, rng=-1), "rng"),
        (lambda: iter_dome_blocks(5, 0.0, 0.1, chunk_size=0), "chunk_size"),
        (lambda: dome_chunk(4, 3500, 0.0, 0.1, seed=1, chunk_size=1000), "chunk_index"),
        (lambda: dome_chunk(0, 10, 0.0, 0.1, seed=None), "seed"),
        (lambda: iter_ppp_dome_blocks(-1.0, 0.0, 0.1), "density_per_km2"),
    ],
)
def test_bad_input_names_the_argument(call, name) -> None:
    with pytest.raises(ValueError, match=name):
        call()


# --- the relaying sweep at its edges -----------------------------------------------------------

_RELAY_SCENE = {
    "sat_alt_km": 10_000.0,
    "air_alt_km": 20.0,
    "freq_hz": 2e9,
    "satellite_diameter_m": 2.0,
    "aerial_diameter_m": 0.5,
    "kappa_rad": math.radians(70.0),
    "center_azimuth_rad": 1.0,
    "center_polar_rad": 1.2,
    "region_factor": 1.0,
}


def test_relay_sweep_with_one_scene_leaves_standard_errors_undefined() -> None:
    from sagin_lib.sampling.scenes import relay_sweep

    sweep = relay_sweep(
        [0.01], n_realisations=1, seed=3, ground_density_per_km2=1e-3, **_RELAY_SCENE
    )
    assert sweep.filter(like="_se").isna().all().all()
    assert np.isfinite(sweep.drop(columns=sweep.filter(like="_se").columns).to_numpy()).all()
    for bad in (0, 2.5, True):
        with pytest.raises(ValueError, match="n_realisations"):
            relay_sweep(
                [0.01], n_realisations=bad, seed=3, ground_density_per_km2=1e-3, **_RELAY_SCENE
            )
    with pytest.raises(ValueError, match="air_densities_per_km2"):
        relay_sweep([], n_realisations=2, seed=3, ground_density_per_km2=1e-3, **_RELAY_SCENE)


def test_relay_ratio_is_defined_without_ground_nodes() -> None:
    from sagin_lib.sampling.scenes import relay_sweep

    with_ground, without = (
        relay_sweep([0.05], n_realisations=2, seed=3, ground_density_per_km2=g, **_RELAY_SCENE)
        for g in (1e-3, 0.0)
    )
    assert without["direct_count_mean"].iloc[0] == 0.0
    assert without["relay_links_mean"].iloc[0] == 0.0
    assert without["relay_to_direct_theory"].iloc[0] == pytest.approx(
        with_ground["relay_to_direct_theory"].iloc[0], rel=1e-12
    )
