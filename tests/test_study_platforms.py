"""The platforms chapter's study layer: spec, claims and their regimes, edge cases."""

from __future__ import annotations

import ast
import json
import math
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sagin_lib.platforms.projects import load_nsp_projects
from sagin_lib.study import chapter_spec
from sagin_lib.study import platforms as chapter
from sagin_lib.study.spec import ParameterError

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

NOTEBOOK = Path(__file__).resolve().parent.parent / "book" / "platforms.ipynb"
SPEC = chapter.SPEC
#: A cheap Monte Carlo for the regime tests (the claims under test do not need more).
CHEAP = {"n_users": 200, "n_haps_max": 40, "n_haps_step": 20}


def _params(**changes: Any) -> dict[str, Any]:
    return SPEC.validate({**SPEC.defaults(), **changes})


def _claims(**changes: Any) -> dict[str, Any]:
    return {c.claim_id: c for c in chapter.chapter_claims(_params(**changes))}


@pytest.fixture(scope="module")
def default_claims() -> dict[str, Any]:
    return {c.claim_id: c for c in chapter.chapter_claims(SPEC.defaults())}


# ----------------------------------------------------------------- claims at the defaults


def test_every_claim_holds_at_the_defaults(default_claims) -> None:
    not_holding = {i: (c.verdict, c.evidence) for i, c in default_claims.items() if not c.holds}
    assert not not_holding
    assert len(default_claims) >= 20
    assert all(i.startswith("platforms-") for i in default_claims)


def test_default_evidence_carries_the_numbers(default_claims) -> None:
    xst = default_claims["platforms-xstation-footprint-grazing"].evidence
    # The survey's raw statement and the verdict on it as a service area are kept.
    assert "1000-km-diameter" in xst and "fails" in xst and "0.152 deg" in xst and "517 km" in xst
    assert "113 km" in xst
    band = default_claims["platforms-table-altitudes-below-band"].evidence
    for name in ("Loon", "Elevate", "Jimu-1", "Zephyr S"):
        assert name in band
    assert "X-station" not in band and "3 of the 8" in band
    # Zephyr S's "exceeds 18 km" is a lower bound only: undetermined, not below the band.
    assert "undetermined: Zephyr S (above 18 km: a lower bound only)" in band
    assert "10.84 deg" in default_claims["platforms-skynet-radius"].evidence
    assert "24.02 deg" in default_claims["platforms-loon-radius"].evidence
    assert "Zephyr S 12 kg" in default_claims["platforms-nsp-payload-vs-uav"].evidence


# ----------------------------------------------------------------- claims that flip


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # SkyNet's edge sees the airship at 10.84 deg, Loon's at 24.02 deg (18 km).
        ({"min_elevation_deg": 11.0}, {"platforms-skynet-radius": "fails"}),
        ({"min_elevation_deg": 10.8}, {"platforms-skynet-radius": "holds"}),
        (
            {"min_elevation_deg": 25.0},
            {"platforms-loon-radius": "fails", "platforms-nsp-hundreds-of-km": "fails"},
        ),
        ({"min_elevation_deg": 24.0}, {"platforms-loon-radius": "holds"}),
        # A 0.3 km UAV reaches 50 km only below 0.12 deg of elevation.
        ({"min_elevation_deg": 0.0}, {"platforms-uav-radius-under-50km": "fails"}),
        (
            {"min_elevation_deg": 0.0, "uav_alt_km": 0.1},
            {"platforms-uav-radius-under-50km": "holds"},
        ),
        # Equal elevations leave a single curve: nothing to compare.
        (
            {"min_elevation_deg": 0.0, "high_elevation_deg": 0.0},
            {"platforms-elevation-shrinks-radius": "not_applicable"},
        ),
        # A strict threshold: fading lifts users whose mean SNR falls short.
        ({"snr_threshold_db": 20.0}, {"platforms-fading-costs-coverage": "fails"}),
        ({"fading": "none"}, {"platforms-fading-costs-coverage": "not_applicable"}),
        ({"n_haps_max": 0}, {"platforms-haps-raise-coverage": "not_applicable"}),
        ({"sat_counts": [0]}, {"platforms-more-sats-raise-coverage": "not_applicable"}),
        # Three X-stations at 21 km have 10^6 km^2 between them only below 2.22 deg.
        ({"min_elevation_deg": 2.0}, {"platforms-three-xstations-cover-1e6km2": "fails"}),
        ({"min_elevation_deg": 2.5}, {"platforms-three-xstations-cover-1e6km2": "holds"}),
        # At 30 deg the MEO hexagon estimate (10) is above the proven bound (9) but below
        # the feasible count found (13): undecided.
        ({"min_elevation_deg": 30.0}, {"platforms-meo-five-hexagons-infeasible": "not_applicable"}),
        # At 0 deg four MEO caps (hexagon estimate) need 70.53 deg, more than 67.1.
        ({"min_elevation_deg": 0.0}, {"platforms-meo-five-hexagons-infeasible": "holds"}),
        # A MEO high enough for a cap of 70.6 deg: four caps (a tetrahedron) do cover.
        (
            {"min_elevation_deg": 0.0, "meo_alt_km": 14000.0},
            {"platforms-meo-five-hexagons-infeasible": "fails"},
        ),
        (
            {"n_users": 1},
            {
                "platforms-mc-agrees-with-theory": "not_applicable",
                "platforms-mc-visibility-agrees": "not_applicable",
            },
        ),
    ],
)
def test_claims_flip_where_expected(changes: dict, expected: dict) -> None:
    got = _claims(**{**CHEAP, **changes})
    for claim_id, verdict in expected.items():
        assert got[claim_id].verdict == verdict, (claim_id, got[claim_id].evidence)


def test_the_28_ghz_case_is_a_result_not_a_crash() -> None:
    # Without fading no HAPS closes its link at 28 GHz: those curves are flat at zero.
    got = _claims(**CHEAP, min_elevation_deg=30.0, freq_ghz=28.0)
    rise = got["platforms-haps-raise-coverage"]
    assert rise.verdict == "holds"  # the Rayleigh curves still rise
    assert "no HAPS can serve" in rise.evidence and "skipped" in rise.evidence
    assert got["platforms-fading-costs-coverage"].verdict == "not_applicable"
    # Without fading at all, nothing is left to check.
    flat = _claims(**CHEAP, min_elevation_deg=30.0, freq_ghz=28.0, fading="none")
    assert flat["platforms-haps-raise-coverage"].verdict == "not_applicable"


def test_parameter_free_claims_hold_everywhere() -> None:
    for changes in ({"min_elevation_deg": 0.0}, {"min_elevation_deg": 80.0}):
        got = _claims(**CHEAP, **changes)
        for claim_id in (
            "platforms-table-endurance-conflicts",
            "platforms-table-altitudes-below-band",
            "platforms-xstation-footprint-grazing",
            "platforms-claims-within-horizon",
            "platforms-claim-elevations-independent",
            "platforms-radius-elevation-inverse",
            "platforms-higher-covers-more",
            "platforms-higher-costs-delay-and-loss",
            "platforms-earth-cover-estimates-ordered",
            "platforms-stratosphere-pressure-20km",
            "platforms-stratosphere-temperature-20km",
            "platforms-near-space-above-stratosphere",
            "platforms-nsp-endurance-months-to-years",
            "platforms-nsp-payload-hundreds-of-kg",
            "platforms-geo-leaves-polar-caps",
            "platforms-covering-counts",
        ):
            assert got[claim_id].holds, (changes, claim_id, got[claim_id].evidence)


def test_claims_fail_on_a_wrong_data_set() -> None:
    projects = load_nsp_projects()
    projects.loc[projects["project"] == "SkyNet", "coverage_radius_km"] = 600.0
    projects.loc[projects["project"] == "Zephyr S", "payload_kg"] = 250.0
    got = {c.claim_id: c for c in chapter.chapter_claims(_params(**CHEAP), projects=projects)}
    assert got["platforms-claims-within-horizon"].verdict == "fails"
    assert "SkyNet" in got["platforms-claims-within-horizon"].evidence
    assert got["platforms-solar-uav-payload-under-200kg"].verdict == "fails"


def test_capacity_and_altitude_claims_fail_on_a_data_set_that_fits_the_survey() -> None:
    projects = load_nsp_projects()
    projects.loc[projects["project"] == "Loon", "endurance_days"] = 800.0
    projects.loc[projects["payload_kg"].notna(), "payload_kg"] = 500.0
    projects.loc[projects["project"] == "X-station", ["altitude_min_km", "altitude_max_km"]] = 60.0
    got = {c.claim_id: c for c in chapter.chapter_claims(_params(**CHEAP), projects=projects)}
    for claim_id in (
        "platforms-nsp-endurance-months-to-years",
        "platforms-nsp-payload-hundreds-of-kg",
        "platforms-near-space-above-stratosphere",
    ):
        assert got[claim_id].verdict == "fails", (claim_id, got[claim_id].evidence)
    # Without an X-station altitude the network claim has no premise.
    projects.loc[projects["project"] == "X-station", ["altitude_min_km", "altitude_max_km"]] = (
        np.nan
    )
    got = {c.claim_id: c for c in chapter.chapter_claims(_params(**CHEAP), projects=projects)}
    assert got["platforms-three-xstations-cover-1e6km2"].verdict == "not_applicable"


def test_new_claims_carry_the_numbers(default_claims) -> None:
    ev = {k: c.evidence for k, c in default_claims.items()}
    assert "5.46 %" in ev["platforms-stratosphere-pressure-20km"]
    assert "-56.50 degC" in ev["platforms-stratosphere-temperature-20km"]
    assert "11.02-51.41 km" in ev["platforms-near-space-above-stratosphere"]
    assert "above it: none" in ev["platforms-near-space-above-stratosphere"]
    assert "Longest reported: 312 d" in ev["platforms-nsp-endurance-months-to-years"]
    assert "(2 of 5)" in ev["platforms-nsp-payload-hundreds-of-kg"]
    assert "up to 2.22 deg" in ev["platforms-three-xstations-cover-1e6km2"]
    assert "5.20 %" in ev["platforms-geo-leaves-polar-caps"]
    assert "63.43 deg (proven)" in ev["platforms-meo-five-hexagons-infeasible"]
    cov = ev["platforms-covering-counts"]
    assert "MEO (cap 57.46 deg): area bound 5, proven lower bound 6, hexagon estimate 5" in cov
    assert "feasible 6" in cov and "feasible 4" in cov


def test_monte_carlo_claim_fails_on_a_shifted_estimate() -> None:
    params = _params(**CHEAP)
    data = chapter.haps_table(params)
    data.loc[5, "z_score"] = 4.5
    got = {c.claim_id: c for c in chapter.chapter_claims(params, haps_data=data)}
    assert got["platforms-mc-agrees-with-theory"].verdict == "fails"


def test_vector_elevation_is_independent_and_exact() -> None:
    # Against a direct 3D construction in double-double-free numbers.
    alt, radius = 20.0, 100.0
    psi = radius / 6371.0
    user = np.array([0.0, 6371.0])
    plat = (6371.0 + alt) * np.array([math.sin(psi), math.cos(psi)])
    los = plat - user
    want = math.degrees(math.asin(los @ (user / 6371.0) / np.linalg.norm(los)))
    got = chapter._vector_elevation_deg(np.array([alt]), np.array([radius]))[0]
    assert got == pytest.approx(want, abs=1e-9)
    assert got == pytest.approx(10.843, abs=1e-3)


# ----------------------------------------------------------------- the spec


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("fading", "rician"),
        ("nakagami_m", "0.1"),
        ("n_users", "-5"),
        ("n_users", "0"),
        ("min_elevation_deg", "90"),
        ("freq_ghz", "0"),
        ("sat_counts", "[]"),
        ("sat_counts", "[-1, 5]"),
        ("sat_counts", "[50, 0]"),
        ("n_haps_step", "0"),
        ("n_haps_max", "-1"),
        ("haps_region_radius_km", "0"),
    ],
)
def test_spec_refuses_out_of_range_values(name: str, raw: str) -> None:
    with pytest.raises(ParameterError, match=rf"platforms: parameter {name} = "):
        SPEC.resolve([(name, raw)])


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"tower_height_km": 0.5, "uav_alt_km": 0.3}, "tower_height_km"),
        ({"leo_alt_km": 2000.0, "meo_alt_km": 2000.0}, "leo_alt_km"),
        ({"meo_alt_km": 35000.0, "geo_alt_km": 30000.0}, "geo_alt_km"),
        ({"n_haps_max": 1000, "n_haps_step": 1}, "n_haps_step"),
    ],
)
def test_spec_refuses_bad_combinations(changes: dict, named: str) -> None:
    with pytest.raises(ParameterError, match=named):
        SPEC.validate({**SPEC.defaults(), **changes})


def test_spec_is_the_chapters_spec() -> None:
    assert chapter_spec("platforms") is SPEC
    assert SPEC.names[0] == "output_dir"
    assert SPEC["fading"].choices == ("none", "rayleigh", "nakagami")
    assert SPEC["nakagami_m"].low == 0.5  # Nakagami-m is defined for m >= 1/2


def _notebook() -> dict:
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))


def test_spec_matches_the_parameters_cell() -> None:
    cells = [c for c in _notebook()["cells"] if c["cell_type"] == "code"]
    source = "".join(cells[0]["source"])
    assert "parameters" in cells[0]["metadata"]["tags"]
    declared = []
    for line in source.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        code, _, comment = line.partition("  # ")
        node = ast.parse(code).body[0]
        assert isinstance(node, ast.AnnAssign), line
        declared.append((node.target.id, ast.literal_eval(node.value), comment.strip()))
    assert [d[0] for d in declared] == list(SPEC.names)
    for name, default, help_text in declared:
        assert default == SPEC[name].default, name
        assert type(default) is type(SPEC[name].default), name
        assert help_text == SPEC[name].help, name


def test_notebook_is_thin() -> None:
    cells = [c for c in _notebook()["cells"] if c["cell_type"] == "code"]
    assert "".join(cells[1]["source"]).strip() == (
        "from sagin_lib.study import platforms as chapter\n\nparams = chapter.SPEC.bind(globals())"
    )
    for cell in cells[1:]:
        src = "".join(cell["source"])
        assert cell["metadata"].get("tags") == ["hide-input"], src[:60]
        assert len(src.splitlines()) <= 30, src[:60]
        tree = ast.parse(src)
        for node in ast.walk(tree):
            assert not isinstance(node, (ast.Assert, ast.FunctionDef, ast.ClassDef, ast.Lambda)), (
                src[:60]
            )
        assert "plt." not in src and "ax." not in src, src[:60]
    text = json.dumps(_notebook())
    assert '"platforms-claims"' not in text  # the figure id now differs from the claims file
    assert "platforms-coverage-claims" in text and "save_claims(" in text


# ----------------------------------------------------------------- edge cases


def _check_finite(data: pd.DataFrame, missing_ok: tuple[str, ...] = ()) -> None:
    for col in data.select_dtypes(include=[np.number]).columns:
        values = data[col].to_numpy(dtype=float)
        assert not np.isinf(values).any(), col
        if col not in missing_ok:
            assert not np.isnan(values).any(), col


def _run_library(params: dict[str, Any]) -> list:
    """Every table, figure and claim of the chapter, as the notebook makes them."""
    projects = load_nsp_projects()
    comparison = chapter.comparison_table(params)
    coverage_claims = chapter.coverage_claims_table(projects, params)
    chapter.prose_values(params, comparison, coverage_claims, projects)
    covering = chapter.covering_table(params)
    chapter.survey_check_prose_values(params, projects, covering)
    chapter.covering_display(covering)
    radius = chapter.radius_table(params)
    links = chapter.link_table(comparison)
    cover = chapter.earth_cover_table(params, covering)
    atmosphere = chapter.atmosphere_table()
    geo = chapter.geo_polar_table(params)
    xnet = chapter.xstation_network_table(projects, params)
    statements = chapter.statement_table(projects, params)
    haps = chapter.haps_table(params)
    for data in (
        comparison,
        radius,
        links,
        cover,
        haps,
        chapter.coverage_claims_data(coverage_claims),
        atmosphere,
        xnet,
    ):
        _check_finite(data)
    _check_finite(geo, missing_ok=("full_coverage_latitude_deg",))
    figures = [
        chapter.radius_figure(radius, coverage_claims, params),
        chapter.link_figure(links, params),
        chapter.earth_cover_figure(cover, comparison, params),
        chapter.coverage_claims_figure(coverage_claims, params),
        chapter.haps_figure(haps, params),
        chapter.atmosphere_figure(atmosphere, projects),
        chapter.geo_polar_figure(geo, params),
        chapter.xstation_network_figure(xnet, params),
        chapter.altitude_figure(chapter.altitude_table(projects)),
    ]
    for fig in figures:
        plt.close(fig)
    chapter.haps_summary(haps)
    return chapter.chapter_claims(
        params,
        projects=projects,
        comparison=comparison,
        radius_data=radius,
        cover_data=cover,
        statements=statements,
        coverage_claims=coverage_claims,
        haps_data=haps,
        covering=covering,
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"n_haps_max": 0},  # zero HAPS
        {"sat_counts": [0], "n_haps_max": 0},  # no platform at all
        {"n_users": 1},  # a single user
        {"n_users": 2, "n_haps_max": 20, "n_haps_step": 20},  # very few users
        {"n_haps_max": 5, "n_haps_step": 10},  # a step longer than the sweep
        {"haps_region_radius_km": 10.0, "n_users": 50},  # every HAPS always visible
        {"haps_region_radius_km": 20000.0, "n_users": 50},  # HAPS over the whole Earth
        {"fading": "none", "n_users": 50},  # one panel
        {"min_elevation_deg": 30.0, "freq_ghz": 28.0, "n_users": 50},  # no link closes
    ],
)
def test_edge_cases_run_with_defined_results(changes: dict) -> None:
    claims = _run_library(_params(**{**CHEAP, **changes}))
    assert {c.verdict for c in claims} <= {"holds", "fails", "not_applicable"}


def test_no_platform_at_all_covers_nobody() -> None:
    data = chapter.haps_table(_params(sat_counts=[0], n_haps_max=0, n_users=10))
    assert len(data) == 2 and (data["coverage_probability_mc"] == 0).all()
    assert (data["closed_form"] == 0).all() and (data["z_score"] == 0).all()


def test_fading_none_draws_one_panel_and_one_sweep() -> None:
    params = _params(**CHEAP, fading="none")
    data = chapter.haps_table(params)
    assert set(data["fading"]) == {"none"}
    fig = chapter.haps_figure(data, params)
    assert len(fig.axes) == 1
    plt.close(fig)


# The expensive ends of the ranges are the default run; draws keep to the cheap end.
_CAPS = {"n_users": 150, "n_haps_max": 60, "sat_counts": 400}


def _strategy(name: str) -> st.SearchStrategy[Any]:
    p = SPEC[name]
    if p.choices is not None:
        return st.sampled_from(p.choices)
    high = min(p.high, _CAPS.get(name, p.high))
    if p.item_kind == "int":
        item = st.one_of(
            st.sampled_from([int(p.low), int(high)]), st.integers(int(p.low), int(high))
        )
    else:
        item = st.one_of(st.sampled_from([p.low, high]), st.floats(p.low, high))
    if p.is_list:
        return st.lists(item, min_size=1, max_size=3, unique=True).map(sorted)
    return item


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(values=st.fixed_dictionaries({n: _strategy(n) for n in SPEC.names if n != "output_dir"}))
def test_drawn_parameters_run_the_library_to_the_end(values: dict[str, Any]) -> None:
    try:
        params = SPEC.validate({**SPEC.defaults(), **values})
    except ParameterError:
        return  # a refused combination (altitude order, sweep size) never runs
    _run_library(params)
