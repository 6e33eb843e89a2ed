"""The coverage chapter's study module: its claims at the defaults and where they flip."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sagin_lib import coverage_dome
from sagin_lib.study import ParameterError
from sagin_lib.study import coverage as chapter


def _claims(**overrides: object) -> dict[str, object]:
    p = chapter.SPEC.validate({**chapter.SPEC.defaults(), **overrides})
    up = chapter.uplink_frequency_table(p)
    down = chapter.downlink_elevation_table(p)
    alt = chapter.altitude_table(p)
    cases = chapter.uplink_cases_table(p)
    points = chapter.point_domes(p)
    claims = [
        *chapter.uplink_claims(up, cases, p),
        *chapter.downlink_claims(down),
        *chapter.altitude_claims(alt, points),
    ]
    return {c.claim_id: c for c in claims}


def test_every_claim_holds_at_the_defaults() -> None:
    claims = _claims()
    assert len(claims) == 11
    assert {cid: c.verdict for cid, c in claims.items() if not c.holds} == {}


def test_a_sweep_reaching_below_the_case_1_limit_flips_the_case_2_claim() -> None:
    claims = _claims(freq_min_ghz=0.1, freq_max_ghz=3.0)
    assert claims["coverage-uplinks-in-case-2"].verdict == "fails"
    # Restricted to its case-2 frequencies, every dome still shrinks.
    shrink = claims["coverage-uplink-shrinks-with-frequency"]
    assert shrink.verdict == "holds" and "tangent cap" in shrink.evidence
    # In case 1 the A2S tangent cap can exceed the G2S one: the paper's ordering fails.
    assert claims["coverage-g2s-larger-than-a2s"].verdict == "fails"


def test_a_sweep_entirely_in_case_1_makes_the_shrinking_claim_not_applicable() -> None:
    claims = _claims(
        freq_min_ghz=0.05, freq_max_ghz=1.0, satellite_diameter_m=0.05, aerial_diameter_m=0.05
    )
    assert claims["coverage-uplink-shrinks-with-frequency"].verdict == "not_applicable"
    assert claims["coverage-uplinks-in-case-2"].verdict == "fails"


def test_a_low_sweep_with_small_dishes_makes_g2a_domes_comparable_to_satellite_ones() -> None:
    claims = _claims(freq_min_ghz=0.1, freq_max_ghz=3.0)
    assert claims["coverage-g2a-much-smaller"].verdict == "fails"
    assert "-0." in claims["coverage-g2a-much-smaller"].evidence


def test_prose_numbers_are_the_computed_ones() -> None:
    p = chapter.SPEC.defaults()
    up = chapter.uplink_frequency_table(p)
    down = chapter.downlink_elevation_table(p)
    points = chapter.point_domes(p)
    numbers = chapter.prose_numbers(up, down, points, chapter.uplink_cases_table(p), p)
    # HAP G2A against the LEO A2S dome at the low end of the sweep is the closest pair.
    hap = coverage_dome("G2A", rx_alt_km=20.0, tx_alt_km=0.0, freq_hz=1e9, diameter_m=0.5)
    leo = coverage_dome("A2S", rx_alt_km=600.0, tx_alt_km=20.0, freq_hz=1e9, diameter_m=2.0)
    assert numbers["g2a_orders_min"] == f"{np.log10(leo.area_km2 / hap.area_km2):.1f}" == "1.7"
    assert numbers["g2a_orders_max"] == "9.0"
    assert numbers["flat_1pct_deg"] == "11.5"
    # GEO's whole visible dome: phi = arccos(R / (R + h)), and the flat disc misses sin^2(phi/2).
    phi = np.arccos(6371.0 / (6371.0 + 35786.0))
    assert numbers["geo_visible_flat_miss_pct"] == f"{100 * np.sin(phi / 2) ** 2:.0f}" == "42"
    assert numbers["full_beam_geo_deg"] == "17.4" and numbers["case1_geo_ghz"] == "0.6"


def test_point_domes_are_computed_at_the_point_parameters_not_the_nearest_sample() -> None:
    p = {**chapter.SPEC.defaults(), "freq_ghz": 2.0, "freq_points": 7}
    points = chapter.point_domes(p).set_index(["scenario", "platform"])
    expected = coverage_dome("G2S", rx_alt_km=600.0, tx_alt_km=0.0, freq_hz=2e9, diameter_m=2.0)
    assert points.loc[("G2S", "LEO"), "freq_ghz"] == 2.0
    assert points.loc[("G2S", "LEO"), "area_km2"] == pytest.approx(expected.area_km2, rel=1e-14)
    assert points.loc[("S2G", "GEO"), "min_elev_deg"] == pytest.approx(10.0, rel=1e-15)


def test_tables_follow_the_sweep_parameters() -> None:
    p = {**chapter.SPEC.defaults(), "freq_points": 5, "elev_points": 3, "elev_max_deg": 40.0}
    up = chapter.uplink_frequency_table(p)
    down = chapter.downlink_elevation_table(p)
    assert up.groupby(["scenario", "rx_platform"]).size().eq(5).all()
    assert sorted(down["min_elev_deg"].unique()) == pytest.approx([0.0, 20.0, 40.0])
    assert set(chapter.cases_frame(p)["scenario"]) == {"G2A", "A2S", "G2S", "A2G", "S2A", "S2G"}
    assert isinstance(chapter.summary_table(chapter.point_domes(p)), pd.DataFrame)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"freq_ghz": -1.0}, r"freq_ghz = -1 GHz is out of range; allowed: \[0.05, 300\] GHz"),
        ({"min_elevation_deg": 95.0}, r"min_elevation_deg = 95 deg .*\[0, 89\] deg"),
        ({"freq_points": 0}, r"freq_points = 0 .*integers in \[2, 2000\]"),
        ({"leo_alt_km": 10.0}, r"leo_alt_km = 10 km"),
        ({"freq_min_ghz": 5.0, "freq_max_ghz": 3.0}, r"freq_min_ghz < freq_max_ghz"),
        ({"uav_alt_km": 10.0, "hap_alt_km": 10.0}, r"uav_alt_km < hap_alt_km"),
        ({"meo_alt_km": 30000.0, "geo_alt_km": 25000.0}, r"leo_alt_km < meo_alt_km < geo_alt_km"),
    ],
)
def test_out_of_range_values_are_refused_naming_the_parameter(overrides, message) -> None:
    with pytest.raises(ParameterError, match=message):
        chapter.SPEC.validate({**chapter.SPEC.defaults(), **overrides})


def test_old_names_still_work() -> None:
    chosen, notes = chapter.SPEC.resolve(
        [("freq_point_ghz", "12"), ("min_elev_deg", "25"), ("air_layer_alt_km", "30")]
    )
    assert chosen == {"freq_ghz": 12.0, "min_elevation_deg": 25.0, "air_alt_km": 30.0}
    assert len(notes) == 3 and "now called freq_ghz" in notes[0]
