"""sagin_lib.sampling.scenes: the uplink and downlink scenes of Fig. 4 and the relaying sweep.

Every flag and count of a scene is recomputed here by brute force (the angle
between every pair of directions by ``arccos`` of the dot product, away from
the rims), and the expected counts from the cap area ``2 pi R^2 (1 - cos phi)``
in mpmath.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.dome import Dome
from sagin_lib.sampling.scenes import downlink_scene, relay_sweep, uplink_scene

UP = {
    "sat_alt_km": 10_000.0,
    "air_alt_km": 20.0,
    "freq_hz": 2e9,
    "satellite_diameter_m": 2.0,
    "aerial_diameter_m": 0.5,
    "kappa_rad": math.radians(70.0),
    "center_azimuth_rad": 1.0,
    "center_polar_rad": 1.2,
}
DOWN = {
    "leo_alt_km": 550.0,
    "air_alt_km": 20.0,
    "constellation_size": 400,
    "air_density_per_km2": 2e-4,
    "min_elevation_rad": math.radians(25.0),
    "center_azimuth_rad": 0.4,
    "center_polar_rad": 0.9,
}


def _unit(az: float, pol: float) -> np.ndarray:
    return np.array([math.sin(pol) * math.cos(az), math.sin(pol) * math.sin(az), math.cos(pol)])


def _angles(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Angle between every direction of ``a`` and every one of ``b`` (arccos of dot products)."""
    ua = a / np.linalg.norm(a, axis=-1, keepdims=True)
    ub = b / np.linalg.norm(b, axis=-1, keepdims=True)
    return np.arccos(np.clip(ua @ ub.T, -1.0, 1.0))


def _agree(flags: np.ndarray, angle: np.ndarray, phi: float) -> None:
    """The flags are ``angle <= phi`` wherever arccos is clear of the rim."""
    clear = np.abs(angle - phi) > 1e-7
    assert np.array_equal(flags[clear], (angle <= phi)[clear])


def _cap_mp(alt_km: float, phi: float) -> float:
    with mp.workdps(50):
        r = mp.mpf(EARTH_RADIUS_KM) + alt_km
        return float(2 * mp.pi * r**2 * (1 - mp.cos(mp.mpf(phi))))


@pytest.fixture(scope="module")
def up():
    return uplink_scene(ground_density_per_km2=2e-3, air_density_per_km2=1e-3, rng=3, **UP)


@pytest.fixture(scope="module")
def down():
    return downlink_scene(rng=5, **DOWN)


def test_uplink_domes_are_the_scenarios_centred_on_the_satellite(up) -> None:
    assert list(up.domes) == ["G2S", "A2S", "G2A"]
    for key, dome in up.domes.items():
        assert isinstance(dome, Dome) and dome.scenario.key == key
        assert (dome.center_azimuth_rad, dome.center_polar_rad) == (1.0, 1.2)
    sat = up.satellite_xyz_km
    np.testing.assert_allclose(sat, (EARTH_RADIUS_KM + 10_000.0) * _unit(1.0, 1.2), rtol=1e-15)
    assert up.domes["G2S"].tx_alt_km == 0.0 and up.domes["A2S"].tx_alt_km == 20.0


def test_uplink_flags_and_relay_counts_by_brute_force(up) -> None:
    g2s, a2s, g2a = (up.domes[k] for k in ("G2S", "A2S", "G2A"))
    centre = _unit(1.0, 1.2)[None, :]
    assert len(up.ground_xyz_km) > 50 and len(up.air_xyz_km) > 50
    np.testing.assert_allclose(np.linalg.norm(up.ground_xyz_km, axis=1), EARTH_RADIUS_KM)
    np.testing.assert_allclose(np.linalg.norm(up.air_xyz_km, axis=1), EARTH_RADIUS_KM + 20.0)
    _agree(up.ground_in_g2s, _angles(up.ground_xyz_km, centre)[:, 0], g2s.vertex_angle_rad)
    _agree(up.air_in_a2s, _angles(up.air_xyz_km, centre)[:, 0], a2s.vertex_angle_rad)
    pair = _angles(up.ground_xyz_km, up.air_xyz_km[up.air_in_a2s])
    clear = np.all(np.abs(pair - g2a.vertex_angle_rad) > 1e-7, axis=1)
    want = (pair <= g2a.vertex_angle_rad).sum(axis=1)
    assert np.array_equal(up.ground_relay_count[clear], want[clear])
    assert up.ground_relay_count.sum() > 0
    counts = up.counts.set_index("quantity")["count"]
    assert counts["ground nodes in the G2S dome"] == up.ground_in_g2s.sum()
    assert counts["aerial vehicles in the A2S dome"] == up.air_in_a2s.sum()
    assert counts["relayed links ground-air-satellite"] == up.ground_relay_count.sum()
    assert counts["distinct ground nodes with an aerial relay"] == np.count_nonzero(
        up.ground_relay_count
    )


def test_uplink_expected_counts_are_density_times_cap_area(up) -> None:
    g2s, a2s, g2a = (up.domes[k] for k in ("G2S", "A2S", "G2A"))
    expected = up.counts.set_index("quantity")["expected_count"]
    area_g2s = _cap_mp(0.0, g2s.vertex_angle_rad)
    area_a2s = _cap_mp(20.0, a2s.vertex_angle_rad)
    area_g2a = _cap_mp(0.0, g2a.vertex_angle_rad)
    assert expected["ground nodes in the G2S dome"] == pytest.approx(2e-3 * area_g2s, rel=1e-12)
    assert expected["aerial vehicles in the A2S dome"] == pytest.approx(1e-3 * area_a2s, rel=1e-12)
    links = expected["relayed links ground-air-satellite"]
    assert links == pytest.approx(1e-3 * area_a2s * 2e-3 * area_g2a, rel=1e-12)


def test_uplink_node_table_coordinates(up) -> None:
    nodes = up.nodes
    assert len(nodes) == len(up.ground_xyz_km) + len(up.air_xyz_km)
    xyz = nodes[["x_km", "y_km", "z_km"]].to_numpy()
    r = np.linalg.norm(xyz, axis=1)
    np.testing.assert_allclose(nodes["lat_deg"], 90 - np.degrees(np.arccos(xyz[:, 2] / r)))
    np.testing.assert_allclose(nodes["alt_km"], r - EARTH_RADIUS_KM, atol=1e-8)
    # Dome frame: the height above the tangent plane at the centre is along the centre.
    np.testing.assert_allclose(
        nodes["local_up_km"], xyz @ _unit(1.0, 1.2) - EARTH_RADIUS_KM, atol=1e-8
    )
    assert nodes["covered_by_satellite"].sum() == up.ground_in_g2s.sum() + up.air_in_a2s.sum()


def test_downlink_flags_by_brute_force(down) -> None:
    s2g, a2g, s2a = (down.domes[k] for k in ("S2G", "A2G", "S2A"))
    assert all(d.center_polar_rad == 0.9 for d in down.domes.values())
    np.testing.assert_allclose(down.user_xyz_km, EARTH_RADIUS_KM * _unit(0.4, 0.9), rtol=1e-15)
    user = _unit(0.4, 0.9)[None, :]
    _agree(down.sat_visible_user, _angles(down.satellites_xyz_km, user)[:, 0], s2g.vertex_angle_rad)
    _agree(down.air_visible_user, _angles(down.air_xyz_km, user)[:, 0], a2g.vertex_angle_rad)
    seen = down.air_xyz_km[down.air_visible_user]
    assert len(seen) > 0
    _agree(down.sat_visible_air, _angles(seen, down.satellites_xyz_km), s2a.vertex_angle_rad)
    counts = down.counts.set_index("quantity")
    assert counts.at["satellites on the shell", "count"] == len(down.satellites_xyz_km)
    assert counts.at["satellites on the shell", "expected_count"] == 400.0
    r_leo = EARTH_RADIUS_KM + 550.0
    want = 400 / (4 * math.pi * r_leo**2) * _cap_mp(550.0, s2g.vertex_angle_rad)
    got = counts.at["satellites visible from the user (S2G)", "expected_count"]
    assert got == pytest.approx(want, rel=1e-12)
    assert len(down.nodes) == len(down.satellites_xyz_km) + len(down.air_xyz_km)


def test_scenes_are_deterministic_in_rng() -> None:
    a = downlink_scene(rng=7, **DOWN)
    b = downlink_scene(rng=np.random.SeedSequence(7), **DOWN)
    assert a.satellites_xyz_km.tobytes() == b.satellites_xyz_km.tobytes()
    assert a.air_xyz_km.tobytes() == b.air_xyz_km.tobytes()


def test_empty_scenes_have_empty_tables() -> None:
    up = uplink_scene(ground_density_per_km2=0.0, air_density_per_km2=0.0, rng=1, **UP)
    assert up.nodes.empty and up.ground_relay_count.size == 0
    assert math.isnan(up.counts.set_index("quantity").iloc[2]["count"])


def test_relay_sweep_streams_and_closed_forms() -> None:
    scene = {**UP, "region_factor": 1.0, "ground_density_per_km2": 1e-3}
    sweep = relay_sweep([0.01, 0.05], n_realisations=2, rng=3, **scene)
    # Density i uses the i-th child NumPy's spawn gives: its first scene is reproducible alone.
    child = np.random.SeedSequence(3).spawn(2)[1]
    first = uplink_scene(air_density_per_km2=0.05, rng=np.random.default_rng(child), **scene)
    gen = np.random.default_rng(child)
    scenes = [uplink_scene(air_density_per_km2=0.05, rng=gen, **scene) for _ in range(2)]
    assert scenes[0].ground_in_g2s.sum() == first.ground_in_g2s.sum()
    direct = np.mean([s.ground_in_g2s.sum() for s in scenes])
    assert sweep["direct_count_mean"].iloc[1] == direct
    g2s, a2s, g2a = (first.domes[k] for k in ("G2S", "A2S", "G2A"))
    theory = 1e-3 * _cap_mp(0.0, g2s.vertex_angle_rad)
    assert sweep["direct_count_theory"].iloc[1] == pytest.approx(theory, rel=1e-12)
    distinct = (
        1e-3
        * _cap_mp(0.0, a2s.vertex_angle_rad)
        * -math.expm1(-0.05 * _cap_mp(20.0, g2a.vertex_angle_rad))
    )
    assert sweep["relayed_ground_nodes_theory"].iloc[1] == pytest.approx(distinct, rel=1e-12)


def test_relay_sweep_with_one_scene_leaves_standard_errors_undefined() -> None:
    scene = {**UP, "region_factor": 1.0, "ground_density_per_km2": 1e-3}
    sweep = relay_sweep([0.01], n_realisations=1, rng=3, **scene)
    assert sweep.filter(like="_se").isna().all().all()
    assert np.isfinite(sweep.drop(columns=sweep.filter(like="_se").columns).to_numpy()).all()


def test_relay_ratio_is_defined_without_ground_nodes() -> None:
    with_ground, without = (
        relay_sweep(
            [0.05], n_realisations=2, rng=3, ground_density_per_km2=g, region_factor=1.0, **UP
        )
        for g in (1e-3, 0.0)
    )
    assert without["direct_count_mean"].iloc[0] == 0.0
    assert without["relay_links_mean"].iloc[0] == 0.0
    assert without["relay_to_direct_theory"].iloc[0] == pytest.approx(
        with_ground["relay_to_direct_theory"].iloc[0], rel=1e-12
    )


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (
            lambda: uplink_scene(
                ground_density_per_km2=1e-3, air_density_per_km2=1e-3, region_factor=0.5, **UP
            ),
            "region_factor",
        ),
        (lambda: downlink_scene(region_factor=0.9, **DOWN), "region_factor"),
        (lambda: downlink_scene(rng="x", **DOWN), "rng"),
        (
            lambda: relay_sweep([0.01], n_realisations=0, rng=1, ground_density_per_km2=1e-3, **UP),
            "n_realisations",
        ),
        (
            lambda: relay_sweep(
                [0.01], n_realisations=2.5, rng=1, ground_density_per_km2=1e-3, **UP
            ),
            "n_realisations",
        ),
        (
            lambda: relay_sweep([], n_realisations=2, rng=1, ground_density_per_km2=1e-3, **UP),
            "air_densities_per_km2",
        ),
    ],
)
def test_bad_input_names_the_argument(call, name) -> None:
    with pytest.raises(ValueError, match=name):
        call()
