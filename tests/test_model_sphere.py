"""sagin_lib.model.sphere: coordinates, the yaw-pitch rotation and the dome test.

Checked against independent computations: SciPy's rotations, the haversine
formula, textbook spherical coordinates and the dot-product angle.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.spatial.transform import Rotation

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.dome import Dome
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

FAST = settings(max_examples=60, deadline=None)
azimuths = st.floats(-20.0, 20.0)
polars = st.floats(0.0, math.pi)


def _unit(az: float, pol: float) -> np.ndarray:
    """The textbook unit vector, written out here."""
    return np.array([math.sin(pol) * math.cos(az), math.sin(pol) * math.sin(az), math.cos(pol)])


@FAST
@given(az=azimuths, pol=polars)
def test_yaw_pitch_matrix_is_a_rotation_to_the_centre(az, pol) -> None:
    m = yaw_pitch_matrix(az, pol)
    np.testing.assert_allclose(m @ m.T, np.eye(3), atol=1e-15)
    assert np.linalg.det(m) == pytest.approx(1.0, abs=1e-14)
    np.testing.assert_allclose(m @ [0.0, 0.0, 1.0], _unit(az, pol), atol=1e-15)
    np.testing.assert_allclose(direction_xyz(az, pol), _unit(az, pol), atol=1e-15)


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
def test_spherical_coordinates_against_the_textbook_formula(r, az, pol) -> None:
    xyz = spherical_to_cartesian(r, az, pol)
    np.testing.assert_allclose(xyz, r * _unit(az, pol), rtol=1e-15, atol=1e-12)
    r2, az2, pol2 = cartesian_to_spherical(xyz)
    assert r2 == pytest.approx(r, rel=1e-14)
    assert pol2 == pytest.approx(pol, abs=1e-14)
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
    expected = (EARTH_RADIUS_KM + alt) * _unit(math.radians(lon), math.radians(90.0 - lat))
    np.testing.assert_allclose(xyz, expected, rtol=1e-12, atol=1e-8)
    lat2, lon2, alt2 = cartesian_to_latlon_deg(xyz)
    assert lat2 == pytest.approx(lat, abs=1e-11)
    assert abs(math.remainder(float(lon2) - lon, 360.0)) <= 1e-9
    assert -180.0 <= lon2 < 180.0
    assert alt2 == pytest.approx(alt, abs=1e-8)
    az, pol = latlon_deg_to_direction_rad(lat, lon)
    assert float(pol) == pytest.approx(math.radians(90.0 - lat), abs=1e-14)
    assert abs(math.remainder(float(az) - math.radians(lon), 2 * math.pi)) <= 1e-14


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
    lat, lon, _ = cartesian_to_latlon_deg([0.0, -1.0, 0.0])
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
    b = EARTH_RADIUS_KM * _unit(1e-10, math.pi / 2)
    assert float(central_angle_rad(a, b)) == pytest.approx(1e-10, rel=1e-9)


@FAST
@given(d=st.floats(0.0, math.pi * EARTH_RADIUS_KM), r=st.sampled_from([6371.0, 6971.0]))
def test_chord_and_arc_against_the_sine_formula(d, r) -> None:
    d = min(d, math.pi * r)
    chord = float(arc_to_chord_km(d, r))
    assert chord == pytest.approx(2 * r * math.sin(d / (2 * r)), rel=1e-14, abs=1e-12)
    assert float(chord_to_arc_km(chord, r)) == pytest.approx(d, rel=1e-9, abs=1e-9)


def test_dome_frame_puts_the_centre_at_the_pole() -> None:
    az, pol = 1.2, 0.7
    centre = EARTH_RADIUS_KM * _unit(az, pol)
    np.testing.assert_allclose(to_dome_frame(centre, az, pol), [0, 0, EARTH_RADIUS_KM], atol=1e-9)
    # The frame keeps angles to the centre: z / r is the cosine of that angle.
    pts = latlon_deg_to_cartesian([10.0, -40.0, 80.0], [5.0, 120.0, -170.0])
    local = to_dome_frame(pts, az, pol)
    cosines = pts @ _unit(az, pol) / np.linalg.norm(pts, axis=1)
    np.testing.assert_allclose(local[:, 2] / EARTH_RADIUS_KM, cosines, atol=1e-14)
    angle = np.asarray(angle_from_center_rad(pts, az, pol))
    np.testing.assert_allclose(angle, np.arccos(cosines), atol=1e-7)


def test_in_dome_against_the_dot_product_angle() -> None:
    rng = np.random.default_rng(4)
    pts = rng.normal(size=(2000, 3)) * 7000.0
    dome = Dome(600.0, 0.4, 2.0, 1.1)
    cos_angle = pts @ _unit(2.0, 1.1) / np.linalg.norm(pts, axis=1)
    # Away from the rim, the textbook arccos decides.
    clear = np.abs(np.arccos(np.clip(cos_angle, -1, 1)) - 0.4) > 1e-9
    want = np.arccos(np.clip(cos_angle, -1, 1)) <= 0.4
    assert np.array_equal(in_dome(pts, dome)[clear], want[clear])
    # The older form (vertex angle and centre) means the same dome.
    assert in_dome(pts, Dome(0.0, math.pi)).all()


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: yaw_pitch_matrix(math.nan, 0.0), "center_azimuth_rad"),
        (lambda: yaw_pitch_matrix(0.0, 3.5), "center_polar_rad"),
        (lambda: direction_xyz([0.0, 1.0], 0.0), "center_azimuth_rad"),
        (lambda: spherical_to_cartesian(-1.0, 0.0, 0.0), "radius_km"),
        (lambda: spherical_to_cartesian(1.0, 0.0, 4.0), "polar_rad"),
        (lambda: cartesian_to_spherical([1.0, 2.0]), "xyz_km"),
        (lambda: latlon_deg_to_cartesian(91.0, 0.0), "lat_deg"),
        (lambda: great_circle_distance_km([1, 0, 0], [0, 1, 0], -1.0), "radius_km"),
        (lambda: in_dome([[1.0, 0, 0]], -0.1), "dome must be a sagin_lib Dome"),
        (lambda: in_dome([[1.0, 0, 0]], Dome([0.0, 1.0], 0.1)), "dome"),
        (lambda: arc_to_chord_km(-1.0, 6371.0), "arc_km"),
        (lambda: chord_to_arc_km(1.0, 0.0), "radius_km"),
    ],
)
def test_bad_input_names_the_argument(call, name) -> None:
    with pytest.raises(ValueError, match=name):
        call()
