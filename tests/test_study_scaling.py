"""The scaling chapter's study module: claims, where they flip, edge cases and the spec.

The reductions run on Dask's synchronous scheduler in this process (the same
block functions the workers run); the two-worker cluster is exercised by the
notebook test and ``test_scale_cluster.py``.
"""

from __future__ import annotations

import dataclasses
import json
import math
import subprocess
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest

from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.scale.reductions import reduce_blocks
from sagin_lib.study import ParameterError
from sagin_lib.study import scaling as chapter
from sagin_lib.study.figure_layout import CSS_PX_PER_INCH, check_layout
from sagin_lib.study.figures import apply_style

apply_style()  # the figures are checked as the book draws them
SMALL = 200_000
VERDICTS = json.loads(
    (Path(__file__).resolve().parent / "verdicts" / "scaling.json").read_text(encoding="utf-8")
)
SOURCE_CLAIMS = {"scaling-users-inside-footprint", "scaling-beam-counts-follow-cap-areas"}


def _layout_problems(fig) -> list[str]:
    """The layout check of a figure as save_figure records it (tight box, 0.1 in pad)."""
    fig.draw_without_rendering()
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    natural = (box.width + 0.2) * CSS_PX_PER_INCH
    return list(check_layout(fig, natural_width_px=natural, drawn=True).problems)


def _run(**overrides: object) -> dict[str, object]:
    p = chapter.SPEC.validate({**chapter.SPEC.defaults(), "n_users": SMALL, **overrides})
    fp = chapter.footprint(p)
    plan = chapter.reduction_plan(p, fp)
    run = chapter.reduce_on_cluster(chapter.population(p, fp), plan)
    check = chapter.stream_check(p, fp, plan, run)
    elev = chapter.elevation_table(run.summary, p, fp)
    dist = chapter.distance_table(run.summary, p, fp)
    beams = chapter.beam_table(run.summary, p, fp)
    sweep = chapter.sweeps({**p, "sweep_users": min(p["sweep_users"], 50)})
    claims = chapter.chapter_claims(run, check, elev, dist, beams, sweep, p, fp)
    try:
        for make in (
            lambda: chapter.plot_elevation(elev, p, fp),
            lambda: chapter.plot_distance(dist, p, fp),
            lambda: chapter.plot_spot_beams(beams, p, fp),
        ):
            fig = make()
            assert _layout_problems(fig) == [], fig.axes[0].get_title()
            plt.close(fig)
    finally:
        plt.close("all")
    return {
        "p": p, "fp": fp, "plan": plan, "run": run, "check": check, "elev": elev,
        "dist": dist, "beams": beams, "sweep": sweep, "claims": {c.claim_id: c for c in claims},
    }  # fmt: skip


@pytest.fixture(scope="module")
def three_blocks() -> dict[str, object]:
    """The default chapter with 3 million users (three blocks, so fully compared)."""
    return _run(n_users=3_000_000)


def test_importing_the_module_does_not_import_dask() -> None:
    code = "import sys, sagin_lib.study.scaling; print(any(m.split('.')[0] in ('dask', 'distributed') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_verdicts_at_the_defaults_are_the_pinned_ones(three_blocks) -> None:
    claims = three_blocks["claims"]
    assert {cid: c.verdict for cid, c in claims.items()} == VERDICTS
    for cid, c in claims.items():
        # The coverage paper's statements are source claims; the rest are the study's checks.
        assert c.kind == ("source" if cid in SOURCE_CLAIMS else "check"), cid
        if c.kind == "source":
            assert "Coverage paper (Y. Liu, Fu, Wang and Dai 2025)" in c.source, cid
            assert "Lemma 1" in c.source or "Proposition 1" in c.source, cid
        else:
            assert c.source.startswith("This study"), cid
    assert "whole population" in claims["scaling-dask-equals-stream"].evidence
    assert three_blocks["check"].total_checked and three_blocks["check"].total_identical


def test_the_default_tables_keep_their_columns_and_counts(three_blocks) -> None:
    elev, dist, beams = three_blocks["elev"], three_blocks["dist"], three_blocks["beams"]
    assert list(elev.columns) == [
        "elevation_low_deg",
        "elevation_high_deg",
        "count",
        "expected_count",
    ]
    assert list(dist.columns) == ["distance_low_km", "distance_high_km", "count", "expected_count"]
    assert list(beams.columns) == [
        "beam",
        "center_lat_deg",
        "center_lon_deg",
        "radius_km",
        "count",
        "expected_count",
        "z_score",
        "nearest_user_km",
    ]
    assert len(elev) == 90 and elev["count"].sum() == 3_000_000
    assert elev["expected_count"].sum() == pytest.approx(3_000_000, rel=1e-12)
    assert dist["expected_count"].sum() == pytest.approx(3_000_000, rel=1e-12)
    # Beams inside the footprint: the expectation is N sin^2(rho/2) / sin^2(phi/2).
    fp = three_blocks["fp"]
    share = math.sin(0.5 * 250.0 / EARTH_RADIUS_KM) ** 2 / math.sin(0.5 * fp.vertex_angle_rad) ** 2
    np.testing.assert_allclose(beams["expected_count"], 3_000_000 * share, rtol=1e-15)


def test_large_populations_are_compared_on_their_first_middle_and_last_blocks() -> None:
    assert chapter.identity_blocks(1) == (0,)
    assert chapter.identity_blocks(3) == (0, 1, 2)
    assert chapter.identity_blocks(96) == (0, 48, 95)


@pytest.mark.parametrize("n_users", [0, 1, 3])
def test_tiny_populations_run_to_the_end_with_defined_results(n_users) -> None:
    out = _run(n_users=n_users, beam_lat_deg=[0.0], beam_lon_deg=[10.0])
    claims, beams = out["claims"], out["beams"]
    assert claims["scaling-every-user-counted"].holds
    assert claims["scaling-dask-equals-stream"].holds
    assert claims["scaling-elevation-follows-area"].verdict == "not_applicable"
    assert np.isfinite(beams["z_score"]).all() and np.isfinite(beams["expected_count"]).all()
    if n_users == 0:
        assert claims["scaling-beam-counts-follow-cap-areas"].verdict == "not_applicable"
        assert claims["scaling-nearest-user-follows-density"].verdict == "not_applicable"
        assert beams["nearest_user_km"].isna().all()
        numbers = chapter.prose_numbers(out["p"], out["fp"])
        assert numbers["nn_mean"] == "no user" and numbers["density"] == "0.00"
        assert chapter.half_below_deg(out["elev"]) == "no"
    else:
        assert np.isfinite(beams["nearest_user_km"]).all()
        assert claims["scaling-nearest-user-follows-density"].verdict == "holds"


def test_a_beam_larger_than_the_footprint_holds_every_user() -> None:
    out = _run(n_users=5000, beam_lat_deg=[0.0], beam_lon_deg=[10.0], beam_radius_km=20000.0)
    beams = out["beams"]
    assert beams["count"].tolist() == [5000] and beams["expected_count"].tolist() == [5000.0]
    assert beams["z_score"].tolist() == [0.0]
    assert out["claims"]["scaling-beam-counts-follow-cap-areas"].holds


def test_beams_outside_and_across_the_rim_expect_their_overlap() -> None:
    # Beam 1 straddles the rim of a footprint centred at 10 E; beam 2 lies beyond it.
    out = _run(
        n_users=400_000,
        beam_lat_deg=[0.0, 0.0],
        beam_lon_deg=[80.0, -120.0],
        beam_radius_km=2000.0,
        geo_lon_deg=10.0,
    )
    beams = out["beams"]
    assert beams["count"].iloc[1] == 0 and beams["expected_count"].iloc[1] == 0.0
    full = 400_000 * math.sin(0.5 * 2000.0 / EARTH_RADIUS_KM) ** 2
    full /= math.sin(0.5 * out["fp"].vertex_angle_rad) ** 2
    assert 0.2 * full < beams["expected_count"].iloc[0] < 0.8 * full
    assert abs(beams["z_score"].iloc[0]) < 4.0
    assert out["claims"]["scaling-beam-counts-follow-cap-areas"].holds


def test_cap_intersection_matches_monte_carlo() -> None:
    rng = np.random.default_rng(3)
    v = rng.normal(size=(400_000, 3))
    v /= np.linalg.norm(v, axis=1)[:, None]
    for a, b, d in [(1.2, 0.3, 1.0), (1.4, 2.0, 1.0), (0.5, 0.5, 0.6), (2.5, 2.5, 3.0)]:
        inside = (v[:, 2] >= math.cos(a)) & (v @ [math.sin(d), 0.0, math.cos(d)] >= math.cos(b))
        area = chapter.cap_intersection_sr(a, b, d)
        se = 4 * math.pi * math.sqrt(inside.mean() * (1 - inside.mean()) / len(v))
        assert abs(area - 4 * math.pi * inside.mean()) < 4 * se
    assert chapter.cap_intersection_sr(0.3, 0.2, 0.6) == 0.0
    assert chapter.cap_intersection_sr(1.0, 0.2, 0.5) == pytest.approx(
        4 * math.pi * math.sin(0.1) ** 2, rel=1e-15
    )
    # Antipodal centres: the band between the two rims.
    assert chapter.cap_intersection_sr(2.0, 2.0, math.pi) == pytest.approx(
        -4 * math.pi * math.cos(2.0), rel=1e-12
    )


def test_bins_cover_zero_to_ninety_degrees_and_the_whole_slant_range() -> None:
    assert chapter.elevation_edges_deg(60.0).tolist() == [0.0, 60.0, 90.0]
    assert chapter.elevation_edges_deg(90.0).tolist() == [0.0, 90.0]
    assert chapter.elevation_edges_deg(1.0).tolist() == [float(k) for k in range(91)]
    edges = chapter.distance_edges_km(35786.0, 40581.2, 10000.0)
    assert edges[0] <= 35786.0 and edges[-1] >= 40581.2 and len(edges) >= 2
    out = _run(n_users=20_000, elev_bin_deg=60.0, distance_bin_km=10000.0)
    assert out["claims"]["scaling-users-inside-footprint"].holds


def test_a_polar_uniform_population_fails_the_area_law() -> None:
    # Users uniform in the central angle (not by area) crowd the sub-satellite point.
    p = chapter.SPEC.validate({**chapter.SPEC.defaults(), "n_users": SMALL})
    fp = chapter.footprint(p)
    plan = chapter.reduction_plan(p, fp)
    rng = np.random.default_rng(1)
    psi = rng.uniform(0.0, fp.vertex_angle_rad, SMALL)
    az = rng.uniform(0.0, 2 * math.pi, SMALL)
    local = np.stack([np.sin(psi) * np.cos(az), np.sin(psi) * np.sin(az), np.cos(psi)], axis=1)
    from sagin_lib.model.sphere import yaw_pitch_matrix

    xyz = EARTH_RADIUS_KM * local @ yaw_pitch_matrix(fp.geo_azimuth_rad, fp.geo_polar_rad).T
    summary = reduce_blocks([xyz], plan)
    elev = chapter.elevation_table(summary, p, fp)
    dist = chapter.distance_table(summary, p, fp)
    claims = {c.claim_id: c for c in chapter.histogram_claims(elev, dist, p)}
    assert claims["scaling-elevation-follows-area"].verdict == "fails"
    assert claims["scaling-distance-follows-area"].verdict == "fails"
    beams = chapter.beam_table(summary, p, fp)
    assert chapter.beam_claims(beams, p, fp)[0].verdict == "fails"


def test_users_from_a_wider_dome_fail_the_footprint_claim() -> None:
    p = chapter.SPEC.validate({**chapter.SPEC.defaults(), "n_users": 20_000})
    wide = chapter.SPEC.validate({**p, "min_elevation_deg": 0.0})
    fp, fp_wide = chapter.footprint(p), chapter.footprint(wide)
    users = chapter.population(wide, fp_wide).compute(scheduler="sync")
    summary = reduce_blocks([users], chapter.reduction_plan(p, fp))
    inside = chapter.population_claims(summary, p, fp)[1]
    assert inside.claim_id == "scaling-users-inside-footprint" and inside.verdict == "fails"


def test_tampered_results_fail_the_identity_and_statistics_claims(three_blocks) -> None:
    run, p, fp = three_blocks["run"], three_blocks["p"], three_blocks["fp"]
    blocks = dict(run.blocks)
    first = blocks[0]
    blocks[0] = dataclasses.replace(first, dome_counts=first.dome_counts + 1)
    bad_run = dataclasses.replace(run, blocks=blocks)
    check = chapter.stream_check(p, fp, three_blocks["plan"], bad_run)
    assert check.mismatched_blocks == (0,)
    serial, cluster = three_blocks["sweep"]
    shifted = cluster.copy()
    shifted.loc[0, "coverage_probability"] += 1e-12
    ident = {c.claim_id: c for c in chapter.identity_claims(check, serial, shifted)}
    assert ident["scaling-dask-equals-stream"].verdict == "fails"
    assert ident["scaling-sweep-equals-serial"].verdict == "fails"
    beams = three_blocks["beams"].copy()
    beams.loc[1, "count"] += 2000  # about 20 standard errors
    beams.loc[2, "nearest_user_km"] *= 30.0
    counts, nearest = chapter.beam_claims(beams, p, fp)
    assert counts.verdict == "fails" and nearest.verdict == "fails"


def test_p_value_helpers_at_their_limits() -> None:
    assert chapter.binomial_p_value(0, 10, 0.0) == 1.0
    assert chapter.binomial_p_value(1, 10, 0.0) == 0.0
    assert chapter.binomial_p_value(10, 10, 1.0) == 1.0
    assert chapter.binomial_p_value(50, 100, 0.5) == pytest.approx(1.0)
    assert chapter.pooled_chi_square([0, 0], [0.5, 0.5]) == (0.0, 0, 1.0)
    chi2, dof, pv = chapter.pooled_chi_square([10, 10, 10, 0], [10, 10, 10, 0])
    assert (chi2, dof, pv) == (0.0, 2, 1.0)
    assert chapter.P_MIN == pytest.approx(6.334e-5, rel=1e-3)


def test_prose_numbers_at_the_defaults() -> None:
    p = chapter.SPEC.defaults()
    fp = chapter.footprint(p)
    numbers = chapter.prose_numbers(p, fp)
    assert numbers["n_users"] == "100,000,000"
    # phi = arccos(R cos(e) / (R + h)) - e for the S2G dome.
    e = math.radians(10.0)
    phi = math.acos(EARTH_RADIUS_KM * math.cos(e) / (EARTH_RADIUS_KM + 35786.0)) - e
    assert numbers["footprint_deg"] == f"{math.degrees(phi):.2f}" == "71.44"
    assert numbers["earth_share_pct"] == "34"  # a third of the Earth
    assert numbers["density"] == f"{1e8 / fp.area_km2:.2f}"
    assert numbers["block_users"] == "1,048,576" and numbers["block_mb"] == "25"
    assert numbers["p_min"] == "6.3 × 10⁻⁵" and numbers["full_check_blocks"] == "3"


def test_the_page_numbers_and_the_sweep_table(three_blocks) -> None:
    p, fp = three_blocks["p"], three_blocks["fp"]
    population = chapter.population_numbers(chapter.population(p, fp))
    assert population == {"gathered_gib": "0.07", "n_blocks": "3", "block_max": "1,048,576"}
    assert chapter.plan_numbers(three_blocks["plan"]) == {
        "n_elev_bins": "90",
        "n_dist_bins": f"{len(fp.dist_edges_km) - 1}",
        "n_beams": "4",
    }
    numbers = three_blocks["run"].numbers()
    assert numbers["workers"] == "0" and "synchronous" in numbers["where"]
    table = chapter.sweep_table(three_blocks["sweep"][1])
    assert list(table.frame.columns) == [
        "satellites",
        "HAPS",
        "coverage probability (Monte Carlo)",
        "coverage probability (semi-analytic)",
    ]
    assert "NaN" not in table.html and "..." not in table.html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"n_users": -1}, r"scaling: parameter n_users = -1 is out of range"),
        ({"n_users": 2_000_000_000}, r"n_users = 2_000_000_000 .*integers in \[0, 1_000_000_000\]"),
        ({"n_workers": 0}, r"n_workers = 0 .*integers in \[1, 8\]"),
        ({"min_elevation_deg": 95.0}, r"min_elevation_deg = 95 deg .*\[0, 89\] deg"),
        ({"elev_bin_deg": 0.0}, r"elev_bin_deg = 0 deg"),
        ({"distance_bin_km": 0.5}, r"distance_bin_km = 0.5 km"),
        ({"beam_radius_km": 30000.0}, r"beam_radius_km = 30000 km"),
        ({"beam_lat_deg": [95.0], "beam_lon_deg": [0.0]}, r"beam_lat_deg = \[95.0\]"),
        ({"beam_lat_deg": [], "beam_lon_deg": []}, r"beam_lat_deg = \[\] has 0 values"),
        ({"beam_lat_deg": [0.0, 1.0], "beam_lon_deg": [0.0]}, r"as many beam latitudes"),
        ({"sweep_users": 0}, r"sweep_users = 0"),
    ],
)
def test_out_of_range_values_are_refused_naming_the_parameter(overrides, message) -> None:
    with pytest.raises(ParameterError, match=message):
        chapter.SPEC.validate({**chapter.SPEC.defaults(), **overrides})


def test_the_old_elevation_name_still_works() -> None:
    chosen, notes = chapter.SPEC.resolve([("min_elev_deg", "20")])
    assert chosen == {"min_elevation_deg": 20.0}
    assert notes and "now called min_elevation_deg" in notes[0]
    namespace = {**chapter.SPEC.defaults(), "min_elev_deg": 15.0}
    del namespace["min_elevation_deg"]
    assert chapter.SPEC.bind(namespace)["min_elevation_deg"] == 15.0
