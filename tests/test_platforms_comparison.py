"""sagin_lib.platforms.comparison: footprints, side-by-side table, Earth-cover counts, claims.

Every number is checked against the geometry evaluated independently (mpmath in
50 digits, the law of cosines, vector constructions), never against the library.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pandas as pd
import pytest

from sagin_lib.model.constants import EARTH_RADIUS_KM, GEO_ALT_KM, UAV_ALT_KM
from sagin_lib.model.dome import Dome
from sagin_lib.platforms.comparison import (
    REFERENCE_PLATFORMS,
    check_coverage_claims,
    compare_platforms,
    elevation_at_ground_radius_rad,
    ground_coverage_angle_rad,
    ground_footprint,
    platforms_to_cover_earth,
    spherical_hexagon_area_sr,
    survey_statement_checks,
)
from sagin_lib.platforms.projects import load_nsp_projects

R = EARTH_RADIUS_KM


@pytest.fixture(autouse=True)
def _fifty_digits():
    with mp.workdps(50):
        yield


def _phi_mp(alt_km: float, elevation_rad: float) -> mp.mpf:
    """Central angle of the ground cap, acos(R cos(a) / (R + h)) - a, in 50 digits."""
    a = mp.mpf(elevation_rad)
    return mp.acos(R * mp.cos(a) / (R + mp.mpf(alt_km))) - a


def _elevation_mp(alt_km: float, radius_km: float) -> float:
    """Elevation (deg) of a platform seen from ground distance ``radius_km`` of its nadir."""
    psi = mp.mpf(radius_km) / R
    return float(mp.degrees(mp.atan2(mp.cos(psi) - R / (R + mp.mpf(alt_km)), mp.sin(psi))))


# ---------------------------------------------------------------- the footprint


@pytest.mark.parametrize("alt_km", [0.03, 0.3, 20.0, 600.0, 35_786.0])
@pytest.mark.parametrize("elevation_deg", [0.0, 10.0, 45.0, 89.0])
def test_footprint_against_the_cap_geometry(alt_km: float, elevation_deg: float) -> None:
    a = math.radians(elevation_deg)
    cap = ground_footprint(alt_km, a)
    assert isinstance(cap, Dome) and cap.is_single
    assert cap.tx_alt_km == 0.0 and cap.center_polar_rad == 0.0
    phi = _phi_mp(alt_km, a)
    assert cap.vertex_angle_rad == pytest.approx(float(phi), rel=1e-12)
    assert float(ground_coverage_angle_rad(alt_km, a)) == pytest.approx(float(phi), rel=1e-12)
    assert cap.arc_radius_km == pytest.approx(float(R * phi), rel=1e-12)
    # Cap area 2 pi R^2 (1 - cos phi) and the flat disc of the rim, pi (R sin phi)^2.
    assert cap.area_km2 == pytest.approx(float(2 * mp.pi * R**2 * (1 - mp.cos(phi))), rel=1e-10)
    assert cap.flat_disc_area_km2 == pytest.approx(float(mp.pi * (R * mp.sin(phi)) ** 2), rel=1e-12)


def test_footprint_broadcasts_and_edge_user_sees_the_minimum_elevation() -> None:
    alts = np.array([[0.3], [20.0], [600.0]])
    elevations = np.radians([0.0, 25.0])
    cap = ground_footprint(alts, elevations)
    assert np.shape(cap.vertex_angle_rad) == (3, 2)
    for (i, j), radius in np.ndenumerate(np.asarray(cap.arc_radius_km)):
        el = _elevation_mp(float(alts[i, 0]), float(radius))
        assert el == pytest.approx(math.degrees(elevations[j]), abs=1e-9)


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((0.0, 0.1), "alt_km"),
        ((20.0, -0.1), "min_elevation_rad"),
        ((20.0, math.pi / 2), "min_elevation_rad"),
    ],
)
def test_footprint_rejects_bad_input(args: tuple, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        ground_footprint(*args)
    with pytest.raises(ValueError, match=name):
        ground_coverage_angle_rad(*args)


@pytest.mark.parametrize(("alt_km", "radius_km"), [(20.0, 100.0), (0.3, 50.0), (600.0, 2500.0)])
def test_elevation_at_ground_radius(alt_km: float, radius_km: float) -> None:
    got = math.degrees(float(elevation_at_ground_radius_rad(alt_km, radius_km)))
    assert got == pytest.approx(_elevation_mp(alt_km, radius_km), abs=1e-11)


def test_elevation_at_ground_radius_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="ground_radius_km"):
        elevation_at_ground_radius_rad(20.0, 0.0)
    with pytest.raises(ValueError, match="ground_radius_km"):
        elevation_at_ground_radius_rad(20.0, 4 * R)
    with pytest.raises(ValueError, match="alt_km"):
        elevation_at_ground_radius_rad(-1.0, 10.0)


# ---------------------------------------------------------------- comparison


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return compare_platforms(np.radians([0.0, 10.0, 30.0]), 2e9)


def test_comparison_layout(table: pd.DataFrame) -> None:
    assert len(table) == 3 * len(REFERENCE_PLATFORMS)
    assert list(table["platform"][:6]) == list(REFERENCE_PLATFORMS)
    assert np.isfinite(table.select_dtypes("number").to_numpy()).all()
    assert (table["freq_ghz"] == 2.0).all()


def test_geo_horizon_and_nadir_delay(table: pd.DataFrame) -> None:
    geo = table[(table["platform"] == "GEO") & (table["min_elevation_deg"] == 0.0)].iloc[0]
    phi = math.acos(R / (R + GEO_ALT_KM))
    assert geo["coverage_angle_rad"] == pytest.approx(phi, rel=1e-13)
    assert geo["coverage_radius_km"] == pytest.approx(R * phi, rel=1e-13)
    assert geo["coverage_area_km2"] == pytest.approx(
        2 * math.pi * R**2 * (1 - R / (R + GEO_ALT_KM))
    )
    # At the horizon the edge ray is tangent: slant = sqrt((R+h)^2 - R^2).
    assert geo["slant_range_edge_km"] == pytest.approx(
        math.sqrt((R + GEO_ALT_KM) ** 2 - R**2), rel=1e-13
    )
    assert geo["delay_nadir_ms"] == pytest.approx(GEO_ALT_KM / 299_792.458 * 1e3, rel=1e-14)
    assert geo["n_platforms_area_bound"] == pytest.approx(2 / (1 - R / (R + GEO_ALT_KM)))


@pytest.mark.parametrize("freq_hz", [2e9, 20e9])
def test_every_row_against_plain_trig(freq_hz: float) -> None:
    table = compare_platforms(np.radians([0.0, 10.0, 30.0]), freq_hz)
    assert (table["freq_ghz"] == freq_hz / 1e9).all()
    c = 299_792_458.0
    for _, row in table.iterrows():
        # The textbook formulas, evaluated in 50 digits (the law of cosines
        # cancels badly in float64 for the 30 m tower).
        h = mp.mpf(row["altitude_km"])
        a = mp.radians(mp.mpf(row["min_elevation_deg"]))
        phi_mp = _phi_mp(h, a)
        edge_mp = mp.sqrt(R**2 + (R + h) ** 2 - 2 * R * (R + h) * mp.cos(phi_mp))
        phi, edge, h, a = float(phi_mp), float(edge_mp), float(h), float(a)
        assert row["coverage_angle_rad"] == pytest.approx(phi, rel=1e-12)
        assert row["coverage_radius_km"] == pytest.approx(R * phi, rel=1e-12)
        assert row["coverage_diameter_km"] == pytest.approx(2 * R * phi, rel=1e-12)
        area = float(2 * mp.pi * R**2 * (1 - mp.cos(phi_mp)))
        assert row["coverage_area_km2"] == pytest.approx(area, rel=1e-10)
        disc = float(mp.pi * (R * mp.sin(phi_mp)) ** 2)
        assert row["flat_disc_area_km2"] == pytest.approx(disc, rel=1e-12)
        assert row["slant_range_nadir_km"] == h
        assert row["slant_range_edge_km"] == pytest.approx(edge, rel=1e-12)
        assert row["delay_nadir_ms"] == pytest.approx(h / c * 1e6, rel=1e-14)
        assert row["delay_edge_ms"] == pytest.approx(edge / c * 1e6, rel=1e-11)
        fspl = 20 * math.log10(4 * math.pi * edge * 1e3 * freq_hz / c)
        assert row["fspl_edge_db"] == pytest.approx(fspl, abs=1e-9)
        fspl0 = 20 * math.log10(4 * math.pi * h * 1e3 * freq_hz / c)
        assert row["fspl_nadir_db"] == pytest.approx(fspl0, abs=1e-9)
        # The user at the coverage edge sees the platform exactly at the minimum elevation.
        el = _elevation_mp(h, row["coverage_radius_km"])
        assert el == pytest.approx(math.degrees(a), abs=1e-9)
        # Area bound 4 pi R^2 / |cap| = 2 / (1 - cos phi).
        bound = float(2 / (1 - mp.cos(phi_mp)))
        assert row["n_platforms_area_bound"] == pytest.approx(bound, rel=1e-10)


def test_trends(table: pd.DataFrame) -> None:
    wide = table.assign(el=table["min_elevation_deg"].round(9)).pivot(
        index="platform", columns="el", values="coverage_radius_km"
    )
    assert (wide[0.0] > wide[10.0]).all() and (wide[10.0] > wide[30.0]).all()
    for _, block in table.groupby("min_elevation_deg", sort=False):
        for col in ("coverage_radius_km", "delay_nadir_ms", "fspl_edge_db"):
            assert block[col].is_monotonic_increasing, col
        assert block["n_platforms_area_bound"].is_monotonic_decreasing
        assert (block["delay_edge_ms"] >= block["delay_nadir_ms"]).all()
    # Terrestrial base station on a 30 m tower at 0 deg: the radio horizon ~ sqrt(2 R h).
    bs = table[(table["platform"] == "terrestrial BS") & (table["min_elevation_deg"] == 0.0)]
    assert bs["coverage_radius_km"].iloc[0] == pytest.approx(math.sqrt(2 * R * 0.03), rel=1e-5)


def test_ten_times_the_frequency_costs_20_db() -> None:
    a = compare_platforms(math.radians(10.0), 2e9)
    b = compare_platforms(math.radians(10.0), 20e9)
    for col in ("fspl_nadir_db", "fspl_edge_db"):
        np.testing.assert_allclose(b[col] - a[col], 20.0, atol=1e-12)


def test_custom_platforms() -> None:
    t = compare_platforms(0.2, 1e9, {"stratosphere": 20.0, "mesosphere": 80.0})
    assert list(t["platform"]) == ["stratosphere", "mesosphere"]
    assert list(t["altitude_km"]) == [20.0, 80.0]
    for _, row in t.iterrows():
        want = float(R * _phi_mp(row["altitude_km"], 0.2))
        assert row["coverage_radius_km"] == pytest.approx(want, rel=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"min_elevation_rad": -0.1, "freq_hz": 2e9}, "min_elevation_rad"),
        ({"min_elevation_rad": math.pi / 2, "freq_hz": 2e9}, "min_elevation_rad"),
        ({"min_elevation_rad": 0.1, "freq_hz": 0.0}, "freq_hz"),
        ({"min_elevation_rad": 0.1, "freq_hz": 2e9, "altitudes_km": {"x": -1.0}}, "altitudes_km"),
        ({"min_elevation_rad": 0.1, "freq_hz": 2e9, "altitudes_km": {}}, "altitudes_km"),
    ],
)
def test_comparison_rejects_bad_input(kwargs: dict, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        compare_platforms(**kwargs)


# ---------------------------------------------------------------- Earth-cover counts


def _spherical_hexagon_area_girard(rho: float) -> float:
    """Independent route: six triangles centre-vertex-vertex (Van Oosterom & Strackee)."""
    rho = mp.mpf(rho)
    centre = mp.matrix([0, 0, 1])
    verts = [
        mp.matrix(
            [mp.sin(rho) * mp.cos(k * mp.pi / 3), mp.sin(rho) * mp.sin(k * mp.pi / 3), mp.cos(rho)]
        )
        for k in range(6)
    ]

    def dot(u, v):
        return sum(u[i] * v[i] for i in range(3))

    def cross(u, v):
        return mp.matrix(
            [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]]
        )

    total = mp.mpf(0)
    for k in range(6):
        a, b = verts[k], verts[(k + 1) % 6]
        num = abs(dot(centre, cross(a, b)))
        den = 1 + dot(centre, a) + dot(a, b) + dot(b, centre)
        total += 2 * mp.atan2(num, den)
    return float(total)


@pytest.mark.parametrize("rho", [1e-6, 1e-3, 0.1, 0.5, 1.0, 1.4, math.pi / 2])
def test_spherical_hexagon_area(rho: float) -> None:
    assert float(spherical_hexagon_area_sr(rho)) == pytest.approx(
        _spherical_hexagon_area_girard(rho), rel=1e-12
    )


@pytest.mark.parametrize("phi", [1e-3, 0.05, 0.4, 1.0, math.pi / 2])
def test_cover_counts_against_their_areas(phi: float) -> None:
    # The sphere's 4 pi sr over: the cap, 2 pi (1 - cos phi); the planar hexagon of
    # circumradius sin(phi), six equilateral triangles; the spherical hexagon (Girard).
    cap = 2 * mp.pi * (1 - mp.cos(mp.mpf(phi)))
    planar = 6 * mp.sqrt(3) / 4 * mp.sin(mp.mpf(phi)) ** 2
    want = {
        "area": 4 * mp.pi / cap,
        "planar_hexagon": 4 * mp.pi / planar,
        "spherical_hexagon": 4 * mp.pi / _spherical_hexagon_area_girard(phi),
    }
    for method, count in want.items():
        assert float(platforms_to_cover_earth(phi, method)) == pytest.approx(
            float(count), rel=1e-11
        )


def test_cover_count_limits() -> None:
    small = 1e-4
    area = float(platforms_to_cover_earth(small, "area"))
    planar = float(platforms_to_cover_earth(small, "planar_hexagon"))
    sph = float(platforms_to_cover_earth(small, "spherical_hexagon"))
    assert planar / area == pytest.approx(2 * math.pi / (3 * math.sqrt(3)), rel=1e-7)
    assert sph / planar == pytest.approx(1.0, rel=1e-7)
    # A cap of 90 deg is a hemisphere: two of them; the inscribed spherical hexagon too.
    assert float(platforms_to_cover_earth(math.pi / 2, "area")) == pytest.approx(2.0)
    assert float(platforms_to_cover_earth(math.pi / 2, "spherical_hexagon")) == pytest.approx(2.0)
    phi = np.linspace(1e-3, math.pi / 2, 200)
    a = platforms_to_cover_earth(phi, "area")
    s = platforms_to_cover_earth(phi, "spherical_hexagon")
    p = platforms_to_cover_earth(phi, "planar_hexagon")
    assert np.all(a <= s * (1 + 1e-12)) and np.all(s <= p * (1 + 1e-12))
    assert np.all(np.diff(a) < 0) and np.all(np.diff(s) < 0)


@pytest.mark.parametrize(
    ("args", "name"),
    [((0.0,), "coverage_angle_rad"), ((2.0,), "coverage_angle_rad"), ((0.1, "square"), "method")],
)
def test_cover_count_rejects_bad_input(args: tuple, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        platforms_to_cover_earth(*args)


# ---------------------------------------------------------------- coverage claims


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return check_coverage_claims()


def test_claim_rows(claims: pd.DataFrame) -> None:
    assert list(zip(claims["project"], claims["altitude_km"], strict=True)) == [
        ("Loon", 18.0),
        ("Loon", 23.0),
        ("X-station", 21.0),
        ("SkyNet", 20.0),
    ]
    assert list(claims["coverage_radius_km"]) == [40.0, 40.0, 500.0, 100.0]


def test_claim_elevations_against_mpmath(claims: pd.DataFrame) -> None:
    for _, row in claims.iterrows():
        want = _elevation_mp(row["altitude_km"], row["coverage_radius_km"])
        assert row["implied_elevation_deg"] == pytest.approx(want, abs=1e-11)
    got = dict(zip(claims["project"] + "@" + claims["altitude_km"].astype(str),
                   claims["implied_elevation_deg"], strict=True))  # fmt: skip
    assert got["Loon@18.0"] == pytest.approx(24.018, abs=1e-3)
    assert got["Loon@23.0"] == pytest.approx(29.674, abs=1e-3)
    assert got["X-station@21.0"] == pytest.approx(0.1515, abs=1e-4)
    assert got["SkyNet@20.0"] == pytest.approx(10.843, abs=1e-3)


def test_claim_verdicts(claims: pd.DataFrame) -> None:
    assert not claims["beyond_horizon"].any()
    meets = dict(zip(claims["project"], claims["meets_min_elevation"], strict=False))
    assert meets == {"Loon": True, "X-station": False, "SkyNet": True}
    xst = claims[claims["project"] == "X-station"].iloc[0]
    assert xst["horizon_radius_km"] > 500.0 > xst["radius_at_min_elevation_km"]
    assert "below the 10 deg minimum" in xst["verdict"]
    # A stricter reference elevation turns SkyNet (10.8 deg) marginal.
    strict = check_coverage_claims(min_elevation_rad=math.radians(15.0))
    assert not strict.set_index("project").loc["SkyNet", "meets_min_elevation"]


def test_claim_beyond_horizon_detected() -> None:
    projects = load_nsp_projects().iloc[[0]].copy()
    projects["coverage_radius_km"] = 600.0  # beyond the ~480-540 km horizon at 18-23 km
    out = check_coverage_claims(projects)
    assert out["beyond_horizon"].all()
    assert out["verdict"].str.startswith("impossible").all()
    for _, row in out.iterrows():
        assert row["implied_elevation_deg"] == pytest.approx(
            _elevation_mp(row["altitude_km"], 600.0), abs=1e-11
        )
        assert row["implied_elevation_deg"] < 0


def test_claim_geometry_columns(claims: pd.DataFrame) -> None:
    for _, row in claims.iterrows():
        h, r = row["altitude_km"], row["coverage_radius_km"]
        assert row["central_angle_rad"] == pytest.approx(r / R, rel=1e-15)
        assert row["horizon_radius_km"] == pytest.approx(float(R * mp.acos(R / (R + h))), rel=1e-12)
        at_min = float(R * _phi_mp(h, math.radians(10.0)))
        assert row["radius_at_min_elevation_km"] == pytest.approx(at_min, rel=1e-12)
        psi = mp.mpf(r) / R
        edge = mp.sqrt(R**2 + (R + h) ** 2 - 2 * R * (R + h) * mp.cos(psi))
        assert row["edge_slant_range_km"] == pytest.approx(float(edge), rel=1e-12)


def test_claims_reject_bad_elevation() -> None:
    with pytest.raises(ValueError, match="min_elevation_rad"):
        check_coverage_claims(min_elevation_rad=-1.0)


# ---------------------------------------------------------------- survey statements


def test_survey_statements() -> None:
    s = survey_statement_checks(math.radians(10.0)).set_index("statement")
    uav = s.loc["low-altitude UAV coverage radius under 50 km"]
    assert uav["holds"]
    switch = _elevation_mp(UAV_ALT_KM, 50.0)
    assert f"{switch:.2f}" in uav["holds_when"]
    assert s.loc["one NSP at 20 km serves an area hundreds of km across", "holds"]
    band = s.loc["NSPs operate 20-100 km above the surface"]
    assert not band["holds"]
    for name in ("Loon", "Elevate", "Jimu-1"):
        assert name in band["computed"]
    assert "X-station" not in band["computed"]
    # "Exceeds 18 km" is a lower bound only: Zephyr S is undetermined, not below the band.
    assert band["computed"].endswith("undetermined (one-sided altitude): Zephyr S")
    payload = s.loc["NSP payload beyond the 20 kg of low-altitude UAVs"]
    assert not payload["holds"] and "Zephyr S" in payload["computed"]
    assert s.loc["NSP endurance beyond the 4 h of low-altitude UAVs", "holds"]
    assert s.loc["stratospheric airships exceed 100 m in length", "holds"]
    # At 12 deg a 20 km platform no longer spans 200 km.
    s12 = survey_statement_checks(math.radians(12.0)).set_index("statement")
    assert not s12.loc["one NSP at 20 km serves an area hundreds of km across", "holds"]


def test_survey_statements_follow_their_parameters() -> None:
    s = survey_statement_checks(0.0, uav_alt_km=1.0, nsp_altitudes_km=(30.0,))
    s = s.set_index("statement")
    # A 1 km platform at 0 deg reaches its 113 km horizon: over 50 km.
    assert not s.loc["low-altitude UAV coverage radius under 50 km", "holds"]
    assert "one NSP at 30 km serves an area hundreds of km across" in s.index
    with pytest.raises(ValueError, match="uav_alt_km"):
        survey_statement_checks(uav_alt_km=0.0)
    with pytest.raises(ValueError, match="nsp_altitudes_km"):
        survey_statement_checks(nsp_altitudes_km=(-5.0,))
