"""Cross-layer platform comparison, Earth-cover counts and the survey's coverage claims."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pandas as pd
import pytest

from sagin_lib.model.constants import EARTH_RADIUS_KM, GEO_ALT_KM, SPEED_OF_LIGHT_M_S, UAV_ALT_KM
from sagin_lib.model.links import (
    free_space_path_loss_db,
    propagation_delay_s,
    received_power_dbw,
    thermal_noise_power_dbw,
)
from sagin_lib.platforms.comparison import (
    REFERENCE_PLATFORMS,
    check_coverage_claims,
    compare_platforms,
    elevation_at_ground_radius_rad,
    ground_coverage_angle_rad,
    platforms_to_cover_earth,
    spherical_hexagon_area_sr,
    survey_statement_checks,
)
from sagin_lib.platforms.projects import load_nsp_projects

R = EARTH_RADIUS_KM


# ---------------------------------------------------------------- links


def test_link_formulas() -> None:
    assert float(propagation_delay_s(GEO_ALT_KM)) == pytest.approx(
        GEO_ALT_KM * 1e3 / SPEED_OF_LIGHT_M_S, rel=1e-15
    )
    # FSPL(1 km, 1 GHz) = 20 log10(4 pi 1e3 1e9 / c) = 92.448 dB
    want = 20 * math.log10(4 * math.pi * 1e12 / 299_792_458.0)
    assert float(free_space_path_loss_db(1.0, 1e9)) == pytest.approx(want, abs=1e-12)
    assert float(free_space_path_loss_db(10.0, 1e9)) - want == pytest.approx(20.0, abs=1e-12)
    # kT at 290 K = -203.98 dBW/Hz; 10 MHz and NF 7 dB add 70 + 7 dB.
    assert float(thermal_noise_power_dbw(1.0)) == pytest.approx(
        10 * math.log10(1.380649e-23 * 290), abs=1e-12
    )
    assert float(thermal_noise_power_dbw(1e7, 7.0)) == pytest.approx(
        float(thermal_noise_power_dbw(1.0)) + 77.0, abs=1e-12
    )
    assert float(received_power_dbw(10.0, 20.0, 0.0, 1.0, 1e9)) == pytest.approx(30 - want)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: free_space_path_loss_db(0.0, 1e9), "distance_km"),
        (lambda: free_space_path_loss_db(1.0, -1.0), "freq_hz"),
        (lambda: propagation_delay_s(-1.0), "distance_km"),
        (lambda: propagation_delay_s(float("nan")), "distance_km"),
        (lambda: thermal_noise_power_dbw(0.0), "bandwidth_hz"),
        (lambda: thermal_noise_power_dbw(1.0, -1.0), "noise_figure_db"),
        (lambda: received_power_dbw(float("inf"), 0, 0, 1, 1e9), "tx_power_dbw"),
    ],
)
def test_links_reject_bad_input(call, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        call()


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
    assert geo["delay_nadir_ms"] == pytest.approx(GEO_ALT_KM / SPEED_OF_LIGHT_M_S * 1e6, rel=1e-14)
    assert geo["n_platforms_area_bound"] == pytest.approx(2 / (1 - R / (R + GEO_ALT_KM)))


def test_every_row_against_plain_trig(table: pd.DataFrame) -> None:
    for _, row in table.iterrows():
        # The textbook formulas, evaluated in 50 digits (the law of cosines
        # cancels badly in float64 for the 30 m tower).
        mp.mp.dps = 50
        h = mp.mpf(row["altitude_km"])
        a = mp.radians(mp.mpf(row["min_elevation_deg"]))
        phi_mp = mp.acos(R * mp.cos(a) / (R + h)) - a
        edge_mp = mp.sqrt(R**2 + (R + h) ** 2 - 2 * R * (R + h) * mp.cos(phi_mp))
        phi, edge, h, a = float(phi_mp), float(edge_mp), float(h), float(a)
        assert row["coverage_angle_rad"] == pytest.approx(phi, rel=1e-12)
        assert row["slant_range_edge_km"] == pytest.approx(edge, rel=1e-12)
        assert row["delay_edge_ms"] == pytest.approx(edge / SPEED_OF_LIGHT_M_S * 1e6, rel=1e-6)
        fspl = 20 * math.log10(4 * math.pi * edge * 1e3 * 2e9 / SPEED_OF_LIGHT_M_S)
        assert row["fspl_edge_db"] == pytest.approx(fspl, abs=1e-6)
        fspl0 = 20 * math.log10(4 * math.pi * h * 1e3 * 2e9 / SPEED_OF_LIGHT_M_S)
        assert row["fspl_nadir_db"] == pytest.approx(fspl0, abs=1e-9)
        # The user at the coverage edge sees the platform exactly at the minimum elevation.
        el = float(elevation_at_ground_radius_rad(h, row["coverage_radius_km"]))
        assert el == pytest.approx(a, abs=1e-9)


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


def test_frequency_shifts_fspl_only() -> None:
    a = compare_platforms(math.radians(10.0), 2e9)
    b = compare_platforms(math.radians(10.0), 20e9)
    assert np.allclose(b["fspl_nadir_db"] - a["fspl_nadir_db"], 20.0, atol=1e-12)
    assert np.array_equal(a["coverage_radius_km"], b["coverage_radius_km"])


def test_custom_platforms() -> None:
    t = compare_platforms(0.2, 1e9, {"stratosphere": 20.0, "mesosphere": 80.0})
    assert list(t["platform"]) == ["stratosphere", "mesosphere"]


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
    mp.mp.dps = 40
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


def _elevation_mp(alt_km: float, radius_km: float) -> float:
    mp.mp.dps = 50
    psi = mp.mpf(radius_km) / R
    return float(mp.degrees(mp.atan2(mp.cos(psi) - R / (R + mp.mpf(alt_km)), mp.sin(psi))))


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


def test_elevation_roundtrip_and_bad_input() -> None:
    phi = float(ground_coverage_angle_rad(20.0, math.radians(25.0)))
    el = float(elevation_at_ground_radius_rad(20.0, R * phi))
    assert math.degrees(el) == pytest.approx(25.0, abs=1e-10)
    with pytest.raises(ValueError, match="ground_radius_km"):
        elevation_at_ground_radius_rad(20.0, 0.0)
    with pytest.raises(ValueError, match="alt_km"):
        ground_coverage_angle_rad(0.0, 0.1)
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
    for name in ("Loon", "Elevate", "Jimu-1", "Zephyr S"):
        assert name in band["computed"]
    assert "X-station" not in band["computed"]
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
