"""The coverage chapter's study module: its claims at the defaults and where they flip."""

from __future__ import annotations

import json
import math
from pathlib import Path

import matplotlib
import mpmath
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import brentq

from sagin_lib import coverage_dome
from sagin_lib.study import ParameterError
from sagin_lib.study import coverage as chapter
from sagin_lib.study.figure_layout import check_layout
from sagin_lib.study.figures import apply_style

R_E = 6371.0
VERDICTS = json.loads(
    (Path(__file__).resolve().parent / "verdicts" / "coverage.json").read_text(encoding="utf-8")
)


def _downlink_area_closed_form(rx_km: float, tx_km: float, elev_deg: float) -> float:
    """The textbook downlink dome (Proposition 1, Lemma 1), evaluated with mpmath to 50 digits."""
    with mpmath.workdps(50):
        r_r, r_t, a = R_E + mpmath.mpf(rx_km), R_E + mpmath.mpf(tx_km), mpmath.radians(elev_deg)
        phi = mpmath.acos(r_r * mpmath.cos(a) / r_t) - a
        return float(2 * mpmath.pi * r_t**2 * (1 - mpmath.cos(phi)))


def _uplink_area_closed_form(rx_km: float, tx_km: float, freq_hz: float, d_m: float) -> float:
    """The textbook uplink dome (case 2 or the tangent cap), with mpmath to 50 digits."""
    with mpmath.workdps(50):
        r_r, r_t = R_E + mpmath.mpf(rx_km), R_E + mpmath.mpf(tx_km)
        b = mpmath.radians(70) * 299792458 / (mpmath.mpf(freq_hz) * d_m) / 2
        g = mpmath.asin(r_t / r_r)
        phi = mpmath.acos(r_t / r_r) if b >= g else mpmath.asin(r_r * mpmath.sin(b) / r_t) - b
        return float(2 * mpmath.pi * r_t**2 * (1 - mpmath.cos(phi)))


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
        *chapter.altitude_claims(alt, points, p),
        *chapter.insight2_claims(chapter.insight2_table(p), p),
        chapter.insight3_claim(chapter.insight3_table(p), p),
        chapter.air_altitude_gap_claim(chapter.air_altitude_gap_table(p), p),
    ]
    return {c.claim_id: c for c in claims}


def test_the_verdicts_at_the_defaults_are_the_pinned_ones() -> None:
    claims = _claims()
    assert {cid: c.verdict for cid, c in claims.items()} == VERDICTS
    # The paper's Insight 2, read for the downlinks, is the one statement refuted.
    assert {cid for cid, c in claims.items() if not c.holds} == {"coverage-insight2-downlinks"}
    # Every claim is the paper's statement except the study's own flat-disc check.
    kinds = {cid: c.kind for cid, c in claims.items()}
    assert {cid for cid, k in kinds.items() if k == "check"} == {"coverage-flat-disc-misses-sin2"}
    for c in claims.values():
        assert not c.statement.lower().startswith("the study"), c.claim_id
        assert "fails" not in c.statement and "holds" not in c.statement, c.claim_id
        assert ("Coverage paper (Y. Liu, Fu, Wang and Dai 2025)" in c.source) == (
            c.kind == "source"
        ), c.claim_id
        assert len(c.evidence) < 600, c.claim_id


def test_the_refuted_insight_reads_as_the_paper_states_it() -> None:
    claim = _claims()["coverage-insight2-downlinks"]
    assert claim.verdict == "fails" and claim.kind == "source"
    assert "increasing the receiver height" in claim.statement
    assert "'for all six scenarios'" in claim.statement
    assert "A2G, S2A and S2G" in claim.statement
    assert "Sec. IV-B, Insight 2" in claim.source
    assert "shrinks as its receiver rises" in claim.evidence


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
        ({"uav_alt_km": 10.0, "haps_alt_km": 10.0}, r"uav_alt_km < haps_alt_km"),
        ({"meo_alt_km": 30000.0, "geo_alt_km": 25000.0}, r"leo_alt_km < meo_alt_km < geo_alt_km"),
        (
            {"air_sweep_min_km": 0.0},
            r"air_sweep_min_km = 0 km is out of range; allowed: \[0.01, 100\] km",
        ),
        ({"air_sweep_max_km": 150.0}, r"air_sweep_max_km = 150 km .*\[0.01, 100\] km"),
        (
            {"air_sweep_min_km": 30.0, "air_sweep_max_km": 20.0},
            r"air_sweep_min_km < air_sweep_max_km",
        ),
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


# --- the paper's insights ---------------------------------------------------------------


def test_insight2_numbers_are_the_closed_form_ones() -> None:
    p = chapter.SPEC.defaults()
    claims = _claims()
    # S2G (ground receiver) against S2A (receiver at 20 km) under LEO at 10 degrees.
    s2g = _downlink_area_closed_form(0.0, 600.0, 10.0)
    s2a = _downlink_area_closed_form(20.0, 600.0, 10.0)
    evidence = claims["coverage-insight2-downlinks"].evidence
    assert f"{s2g:.4g} km^2" in evidence and f"{s2a:.4g} km^2" in evidence
    assert f"({100 * (s2a / s2g - 1):+.2f} %)" == "(-4.64 %)"
    assert "(-4.64 %)" in evidence
    numbers = chapter.insight_numbers(
        chapter.insight2_table(p), chapter.insight3_table(p), chapter.air_altitude_gap_table(p), p
    )
    assert numbers["ins2_s2a_smaller_pct"] == f"{100 * (1 - s2a / s2g):.2g}" == "4.6"


def test_insight2_table_areas_match_the_closed_forms() -> None:
    p = chapter.SPEC.defaults()
    table = chapter.insight2_table(p)
    for _, row in table[table["scenario"].isin(["A2G", "S2A", "S2G"])].iloc[::37].iterrows():
        expected = _downlink_area_closed_form(row["rx_alt_km"], row["tx_alt_km"], 10.0)
        assert row["area_km2"] == pytest.approx(expected, rel=1e-12)
    for _, row in table[table["scenario"].isin(["G2A", "A2S", "G2S"])].iloc[::41].iterrows():
        expected = _uplink_area_closed_form(
            row["rx_alt_km"], row["tx_alt_km"], 2e9, row["diameter_m"]
        )
        assert row["area_km2"] == pytest.approx(expected, rel=1e-12)
    ground = table[table["rx_alt_km"] == 0.0]
    assert set(ground["scenario"]) == {"A2G", "S2G"}
    assert np.allclose(ground["area_to_ground_receiver_ratio"], 1.0)
    assert (
        table.loc[table["scenario"].isin(["G2A", "A2S", "G2S"]), "area_to_ground_receiver_ratio"]
        .isna()
        .all()
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    freq=st.floats(0.05, 300.0),
    elev=st.floats(0.0, 89.0),
    hap=st.floats(8.0, 100.0),
    air=st.floats(0.01, 100.0),
    leo=st.floats(150.0, 2000.0),
    dish=st.floats(0.05, 100.0),
)
def test_insight2_verdicts_hold_for_any_parameters(freq, elev, hap, air, leo, dish) -> None:
    """Geometry, not the defaults: uplinks always grow with the receiver, downlinks always shrink."""
    over = dict(freq_ghz=freq, min_elevation_deg=elev, haps_alt_km=hap, air_alt_km=air,
                leo_alt_km=leo, satellite_diameter_m=dish, aerial_diameter_m=dish)  # fmt: skip
    try:
        p = chapter.SPEC.validate({**chapter.SPEC.defaults(), **over})
    except ParameterError:
        assume(False)
    claims = chapter.insight2_claims(chapter.insight2_table(p), p)
    assert [c.verdict for c in claims] == ["holds", "fails"], [c.evidence for c in claims]


@pytest.mark.parametrize(
    ("rx", "tx", "d_m", "area"),
    [(20.0, 0.0, 0.5, 36801.15), (600.0, 0.0, 2.0, 1.1588e7), (10000.0, 20.0, 2.0, 1e6),
     (0.3, 0.0, 0.5, 1.0), (35786.0, 0.0, 0.05, 5e7)],
)  # fmt: skip
def test_the_crossover_frequency_matches_a_root_search(rx, tx, d_m, area) -> None:
    kappa = math.radians(70.0)
    f_star = chapter.uplink_crossover_ghz(rx, tx, d_m, kappa, area)

    def excess(log_f: float) -> float:
        dome = coverage_dome("G2S" if tx == 0 else "A2S", rx_alt_km=rx, tx_alt_km=tx,
                             freq_hz=math.exp(log_f), diameter_m=d_m, kappa_rad=kappa)  # fmt: skip
        return float(dome.area_km2) / area - 1

    root = math.exp(brentq(excess, math.log(1e6), math.log(1e15), xtol=1e-14, rtol=1e-14))
    assert f_star * 1e9 == pytest.approx(root, rel=1e-9)


def test_the_crossover_is_zero_when_the_tangent_cap_is_smaller() -> None:
    # The tangent cap of a UAV at 0.3 km is about 12,000 km^2.
    assert chapter.uplink_crossover_ghz(0.3, 0.0, 0.5, math.radians(70.0), 1e5) == 0.0


def test_insight3_fails_where_the_uplink_beam_covers_its_visible_cap() -> None:
    low = _claims(freq_min_ghz=0.05)
    assert low["coverage-insight3-downlink-larger"].verdict == "fails"
    assert "Uplink the larger within the sweep: A2G/G2A UAV" in (
        low["coverage-insight3-downlink-larger"].evidence
    )
    # A large minimum elevation shrinks the downlink domes: it fails inside the default sweep.
    assert _claims(min_elevation_deg=80.0)["coverage-insight3-downlink-larger"].verdict == "fails"


def test_insight3_holds_at_zero_elevation_whatever_the_frequency() -> None:
    """At 0 deg a downlink dome is the tangent cap on the larger sphere: no uplink beats it."""
    claims = _claims(min_elevation_deg=0.0, freq_min_ghz=0.05, satellite_diameter_m=0.05,
                     aerial_diameter_m=0.05)  # fmt: skip
    assert claims["coverage-insight3-downlink-larger"].verdict == "holds"
    table = chapter.insight3_table(
        chapter.SPEC.validate({**chapter.SPEC.defaults(), "min_elevation_deg": 0.0})
    )
    assert (table["crossover_ghz"] == 0.0).all()


def test_insight3_table_is_consistent() -> None:
    p = chapter.SPEC.defaults()
    table = chapter.insight3_table(p)
    assert table.groupby(["uplink", "platform"]).size().eq(table["freq_ghz"].nunique()).all()
    swept = table[table["in_sweep"]]
    assert np.allclose(np.sort(swept["freq_ghz"].unique()), np.geomspace(1.0, 40.0, 120))
    # The uplink is in case 1 exactly where it is larger than at the case-1 limit.
    cases = chapter.case1_limits(chapter.uplink_cases_table(p))["case 1 below (GHz)"]
    for (u, n), rows in table.groupby(["uplink", "platform"]):
        limit = cases[(u, n)]
        assert (rows.loc[rows["freq_ghz"] < limit * (1 - 1e-9), "case"] == 1).all()
        assert (rows.loc[rows["freq_ghz"] > limit * (1 + 1e-9), "case"] == 2).all()
        # Below the crossover the ratio is below 1, above it above 1.
        f_star = rows["crossover_ghz"].iloc[0]
        ratio = rows["downlink_to_uplink_area_ratio"]
        assert (ratio[rows["freq_ghz"] > f_star * (1 + 1e-9)] > 1).all()
        assert (ratio[rows["freq_ghz"] < f_star * (1 - 1e-9)] < 1).all()
    assert np.isfinite(table.select_dtypes("number").to_numpy(dtype=float)).all()


def test_the_air_altitude_gap_grows_and_matches_the_closed_form() -> None:
    p = chapter.SPEC.defaults()
    gap = chapter.air_altitude_gap_table(p)
    assert gap["air_alt_km"].min() == pytest.approx(0.1) and gap["air_alt_km"].max() == 25.0
    top = gap[(gap["satellite"] == "LEO") & (gap["air_alt_km"] == 25.0)].iloc[0]
    g2s = _uplink_area_closed_form(600.0, 0.0, 2e9, 2.0)
    a2s = _uplink_area_closed_form(600.0, 25.0, 2e9, 2.0)
    assert top["g2s_over_a2s_excess_pct"] == pytest.approx(100 * (g2s / a2s - 1), rel=1e-9)
    s2g = _downlink_area_closed_form(0.0, 600.0, 10.0)
    s2a = _downlink_area_closed_form(25.0, 600.0, 10.0)
    assert top["s2g_over_s2a_excess_pct"] == pytest.approx(100 * (s2g / s2a - 1), rel=1e-9)
    claim = _claims()["coverage-air-altitude-gap"]
    assert claim.holds and "LEO 0.0333 % to 8.89 %" in claim.evidence


def test_the_air_altitude_gap_flips_in_case_1() -> None:
    # At 50 MHz a 2 m dish on MEO or GEO sees its whole cap: the A2S cap, on the larger
    # sphere, beats the G2S one, and more so as the aerial layer rises.
    claim = _claims(freq_ghz=0.05)["coverage-air-altitude-gap"]
    assert claim.verdict == "fails" and "MEO, GEO" in claim.evidence


def _figures(p: dict[str, object]) -> dict[str, object]:
    up = chapter.uplink_frequency_table(p)
    points = chapter.point_domes(p)
    return {
        "coverage-uplink-frequency": chapter.plot_uplink_frequency(up),
        "coverage-downlink-elevation": chapter.plot_downlink_elevation(
            chapter.downlink_elevation_table(p)
        ),
        "coverage-altitude": chapter.plot_altitude(chapter.altitude_table(p), p),
        "coverage-uplink-cases": chapter.plot_uplink_cases(chapter.uplink_cases_table(p)),
        "coverage-dome-vs-flat": chapter.plot_dome_vs_flat(chapter.dome_vs_flat_table(points)),
        "coverage-insight2": chapter.plot_insight2(chapter.insight2_table(p), p),
        "coverage-insight3": chapter.plot_insight3(chapter.insight3_table(p), p),
        "coverage-air-altitude-gap": chapter.plot_air_altitude_gap(
            chapter.air_altitude_gap_table(p), p
        ),
    }


def _layout_problems(fig) -> list[str]:
    """The layout check as save_figure records it (the tight box, padded, at 96 px per inch)."""
    import matplotlib.pyplot as plt

    from sagin_lib.study.figure_layout import CSS_PX_PER_INCH

    fig.draw_without_rendering()
    pad = matplotlib.rcParams["savefig.pad_inches"]
    box = fig.get_tightbbox(fig.canvas.get_renderer()).padded(0.1 if pad == "layout" else pad)
    width_px = box.width * CSS_PX_PER_INCH
    report = check_layout(fig, natural_width_px=width_px, drawn=True)
    plt.close(fig)
    # Shown at natural size: no figure wider than the book's column.
    assert width_px <= 740, width_px
    return list(report.problems)


@pytest.mark.parametrize(
    "over",
    [
        # The defaults are checked on the built book (test_rendered_book.py).
        # Sub-GHz sweeps within one decade, every uplink in case 1, half beamwidths > 180 deg.
        pytest.param(
            {"freq_min_ghz": 0.05, "freq_max_ghz": 0.08, "freq_ghz": 0.05,
             "min_elevation_deg": 89.0, "elev_min_deg": 88.0, "elev_max_deg": 89.0,
             "elev_points": 2},
            marks=pytest.mark.slow, id="sub-GHz",
        ),
        # Platforms at nearly the same altitude: their curves coincide, and a note says so.
        pytest.param(
            {"uav_alt_km": 9.9, "haps_alt_km": 10.0, "leo_alt_km": 1999.0, "meo_alt_km": 2000.0,
             "air_sweep_min_km": 9.0, "air_sweep_max_km": 11.0},
            marks=pytest.mark.slow, id="coincident-platforms",
        ),
    ],
)  # fmt: skip
def test_every_figure_reads_at_the_width_the_book_shows_it(over) -> None:
    matplotlib.use("Agg")
    apply_style()
    p = chapter.SPEC.validate({**chapter.SPEC.defaults(), **over})
    problems = {fid: _layout_problems(fig) for fid, fig in _figures(p).items()}
    assert {k: v for k, v in problems.items() if v} == {}


def test_coincident_curves_are_told_apart() -> None:
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    apply_style()
    p = chapter.SPEC.defaults()
    fig = chapter.plot_uplink_frequency(chapter.uplink_frequency_table(p))
    # A2S lies on G2S: it carries markers, and the legend says by how much they differ.
    a2s = [ln for ln in fig.axes[0].get_lines() if ln.get_label().startswith("A2S")]
    assert len(a2s) == 3 and all(ln.get_marker() == "o" for ln in a2s)
    title = fig.legends[0].get_title().get_text()
    g2s = _uplink_area_closed_form(600.0, 0.0, 1e9, 2.0)
    a2s = _uplink_area_closed_form(600.0, 20.0, 1e9, 2.0)
    assert f"{100 * (1 - a2s / g2s):.2g}" == "6.6"
    assert "A2S (○) and G2S areas differ by at most 6.6 % (LEO)" in title
    plt.close(fig)
    # Two platforms at the same altitude: the note names the coinciding curves.
    close = chapter.SPEC.validate({**p, "leo_alt_km": 1999.0, "meo_alt_km": 2000.0})
    fig = chapter.plot_insight3(chapter.insight3_table(close), close)
    assert "coincide at this scale" in fig.legends[0].get_title().get_text()
    assert "S2G / G2S, LEO and MEO" in fig.legends[0].get_title().get_text()
    plt.close(fig)


def test_downlink_areas_say_they_lie_on_the_transmitters_shell() -> None:
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    apply_style()
    p = chapter.SPEC.defaults()
    fig = chapter.plot_downlink_elevation(chapter.downlink_elevation_table(p))
    assert "transmitters' shell" in fig.axes[0].get_ylabel()
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert any("the Earth's surface (5.1 × 10⁸ km²)" in t for t in labels)
    plt.close(fig)


def test_the_uplink_cases_figure_explains_beams_past_180_degrees() -> None:
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    apply_style()
    cases = chapter.uplink_cases_table(chapter.SPEC.defaults())
    assert cases["half_beamwidth_deg"].max() > 400
    fig = chapter.plot_uplink_cases(cases)
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert any(t.startswith("b > 180°") and "whole visible cap" in t for t in labels)
    assert any(t.startswith("case-1 limit (b = g)") for t in labels)
    # Every drawn receiver's case-1 limit is a dot on its tangent line.
    dots = [ln for ln in fig.axes[0].get_lines() if ln.get_marker() == "o" and len(ln.get_xdata())]
    assert len(dots) == 5
    low, high = fig.axes[0].get_ylim()
    assert low <= cases["half_beamwidth_deg"].min() and high >= cases["half_beamwidth_deg"].max()
    plt.close(fig)


@pytest.mark.parametrize(
    ("lo", "hi", "expected"),
    [(0.05, 0.06, None), (0.05, 0.9, [0.05, 0.1, 0.2, 0.5]), (1.0, 40.0, [1, 2, 5, 10, 20])],
)
def test_narrow_log_axes_get_round_labels_that_do_not_run_together(lo, hi, expected) -> None:
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    apply_style()
    fig, ax = plt.subplots(figsize=(3.0, 2.5))
    ax.plot([lo, hi], [1, 2])
    ax.set_xscale("log")
    ax.set_xlim(lo, hi)
    ax.set_xlabel("f (GHz)")
    ax.set_ylabel("y (km)")
    chapter.tidy_log_axis(ax.xaxis)
    ticks = [t for t in ax.get_xticks() if lo <= t <= hi]
    assert len(ticks) >= 2
    if expected is not None:
        assert ticks == pytest.approx(expected)
    assert check_layout(fig).problems == ()
    plt.close(fig)


def test_the_displayed_tables_are_formatted() -> None:
    p = chapter.SPEC.defaults()
    curves = chapter.curves_table(p)
    assert list(curves.frame.columns) == [
        "uplink", "downlink", "platform (higher node)", "altitude (km)", "other node (km)",
        "uplink dish (m)",
    ]  # fmt: skip
    assert len(curves.frame) == 8 and "nan" not in curves.html.lower()
    assert curves.frame.iloc[2].tolist() == ["A2S", "S2A", "LEO", "600", "20", "2"]
    limits = chapter.case1_table(chapter.uplink_cases_table(p))
    assert len(limits.frame) == 8
    assert limits.frame["case 1 below (GHz)"].tolist()[-1] == "0.604"
    assert "<th>receiver</th>" in limits.html and "sagin-table" in limits.html
