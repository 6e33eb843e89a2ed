"""The sampling chapter's study layer: its parameters, claims, figures and edge cases."""

from __future__ import annotations

import ast
import dataclasses
import json
import math
import warnings
from pathlib import Path

import matplotlib
import mpmath
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sagin_lib.study import sampling as chapter
from sagin_lib.study.claims import VERDICTS, save_claims
from sagin_lib.study.figures import apply_style, save_figure
from sagin_lib.study.sampling.compute import _coincidence_bound
from sagin_lib.study.spec import ParameterError

from .conftest import BOOK

VERDICTS_DIR = Path(__file__).resolve().parent / "verdicts"

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

SPEC = chapter.SPEC
CLAIM_IDS = (
    "sampling-area-uniform-share",
    "sampling-polar-uniform-crowds-centre",
    "sampling-uplink-counts-agree",
    "sampling-g2a-dome-tiny",
    "sampling-g2s-slightly-larger-than-a2s",
    "sampling-relay-links-agree",
    "sampling-relay-wins-above-threshold",
    "sampling-relayed-nodes-bounded",
    "sampling-g2a-supports-more-transmitters",
    "sampling-downlink-counts-agree",
    "sampling-s2a-domes-nearly-coincide",
    "sampling-aerial-min-elevation",
)


def _params(**over) -> dict:
    return SPEC.validate({**SPEC.defaults(), **over})


def _run(params: dict) -> dict:
    """The chapter's computation (no figures), in the notebook's order of draws."""
    rng = np.random.default_rng(params["seed"])
    angle = math.radians(params["demo_vertex_angle_deg"])
    demo = chapter.demo_table(chapter.demo_samples(params["demo_points"], angle, rng), angle)
    up = chapter.run_uplink(params, rng)
    sweep = chapter.run_relay_sweep(params)
    down = chapter.run_downlink(params, rng)
    claims = chapter.chapter_claims(demo, up, sweep, down, params)
    return {"demo": demo, "up": up, "sweep": sweep, "down": down, "claims": claims, "angle": angle}


def _verdicts(claims) -> dict[str, str]:
    return {c.claim_id: c.verdict for c in claims}


@pytest.fixture(scope="module")
def default_run() -> dict:
    return _run(_params())


# --- the claims at the defaults and where they flip ----------------------------------------


#: The paper's statements this chapter checks; the rest are the study's own checks.
SOURCE_CLAIMS = {
    "sampling-g2a-dome-tiny",
    "sampling-g2s-slightly-larger-than-a2s",
    "sampling-g2a-supports-more-transmitters",
    "sampling-s2a-domes-nearly-coincide",
    "sampling-aerial-min-elevation",
}


def test_every_claim_has_its_pinned_verdict_at_the_defaults(default_run) -> None:
    claims = default_run["claims"]
    assert tuple(c.claim_id for c in claims) == CLAIM_IDS
    pinned = json.loads((VERDICTS_DIR / "sampling.json").read_text(encoding="utf-8"))
    assert {c.claim_id: c.verdict for c in claims} == pinned
    # The paper's remark on the relays and its reason (ii) are refuted at the defaults.
    assert pinned["sampling-g2a-supports-more-transmitters"] == "fails"
    assert pinned["sampling-aerial-min-elevation"] == "fails"
    for c in claims:
        assert c.kind == ("source" if c.claim_id in SOURCE_CLAIMS else "check"), c.claim_id
        assert c.statement and c.source and c.evidence
        # The statement is what is checked, never the study's finding; no "lost" on the page.
        assert not c.statement.startswith("The study finds"), c.claim_id
        assert "lost" not in f"{c.statement} {c.evidence}", c.claim_id


def test_source_statements_quote_the_paper(default_run) -> None:
    claims = {c.claim_id: c for c in default_run["claims"]}
    assert (
        '"can support the equal and even more transmitters"'
        in claims["sampling-g2a-supports-more-transmitters"].statement
    )
    assert (
        '"the large elevation angle chosen in aerial vehicles"'
        in claims["sampling-aerial-min-elevation"].statement
    )
    for claim_id in SOURCE_CLAIMS:
        assert claims[claim_id].source.startswith(chapter.PAPER), claim_id


def test_default_numbers_behind_the_prose(default_run) -> None:
    up, down = default_run["up"], default_run["down"]
    # The G2A dome of a 0.5 m dish at 2 GHz seen from a UAV at 0.3 km: about 111 m across.
    uav = chapter.uav_g2a_dome(_params())
    assert 105 < float(uav["uav_g2a_across_m"]) < 117
    glue = chapter.uplink_glue(up, _params())
    assert glue["up_ground_count"] == str(int(up.ground_in_g2s.sum()))
    assert 0 < float(glue["up_g2s_excess"]) < 10
    d = chapter.downlink_glue(down, _params())
    assert d["down_sat_count"] == str(int(down.sat_visible_user.sum()))
    assert d["down_coincide_bound"].endswith("%")


def test_sampler_claims_catch_the_wrong_sampler(default_run) -> None:
    demo, angle = default_run["demo"], default_run["angle"]
    # Label the polar-uniform points as the area-uniform sampler's: the share claim fails.
    wrong = demo[demo["sampler"] == chapter.DEMO_SAMPLERS[1]]
    swapped = pd.concat([wrong.assign(sampler=chapter.DEMO_SAMPLERS[0]), wrong], ignore_index=True)
    assert _verdicts(chapter.demo_claims(swapped, angle))["sampling-area-uniform-share"] == "fails"
    # And the other way round: the right sampler does not crowd the centre.
    right = demo[demo["sampler"] == chapter.DEMO_SAMPLERS[0]]
    both_right = pd.concat([right, right.assign(sampler=chapter.DEMO_SAMPLERS[1])])
    verdict = _verdicts(chapter.demo_claims(both_right, angle))
    assert verdict["sampling-polar-uniform-crowds-centre"] == "fails"


@pytest.mark.parametrize(
    ("points", "angle_deg"),
    [(1, 30.0), (20, 30.0), (3000, 180.0)],
)
def test_crowding_is_not_applicable_without_power(points, angle_deg) -> None:
    angle = math.radians(angle_deg)
    demo = chapter.demo_table(chapter.demo_samples(points, angle, np.random.default_rng(3)), angle)
    verdict = _verdicts(chapter.demo_claims(demo, angle))
    assert verdict["sampling-polar-uniform-crowds-centre"] == "not_applicable"
    assert verdict["sampling-area-uniform-share"] in VERDICTS


def _uplink_claims(**over) -> dict[str, str]:
    params = _params(
        ground_density_per_km2=0.0,
        air_density_per_km2=0.0,
        relay_air_densities_per_km2=[1e-6],
        **over,
    )
    up = chapter.run_uplink(params, np.random.default_rng(1))
    return _verdicts(chapter.uplink_claims(up, params))


def test_dome_claims_flip_where_the_geometry_says() -> None:
    assert set(_uplink_claims().values()) == {"holds"}
    # A satellite receiver at 2000 km over a 100 km aerial layer: the G2A dome is no longer
    # tiny, and G2S exceeds A2S by more than "slightly".
    low = _uplink_claims(meo_alt_km=2000.0, air_alt_km=100.0)
    assert low["sampling-g2a-dome-tiny"] == "fails"
    assert low["sampling-g2s-slightly-larger-than-a2s"] == "fails"
    # A beam wider than the Earth (case 1): the A2S dome, on the larger sphere, wins.
    wide = _uplink_claims(
        meo_alt_km=35000.0, freq_ghz=0.5, satellite_diameter_m=0.5, kappa_deg=90.0
    )
    assert wide["sampling-g2s-slightly-larger-than-a2s"] == "fails"


def test_count_claims_fail_on_counts_far_from_their_means(default_run) -> None:
    up, down, params = default_run["up"], default_run["down"], _params()
    counts = up.counts.copy()
    counts.loc[0, "count"] = 2 * counts.loc[0, "expected_count"]
    bad_up = dataclasses.replace(up, counts=counts)
    assert (
        _verdicts(chapter.uplink_claims(bad_up, params))["sampling-uplink-counts-agree"] == "fails"
    )
    counts = down.counts.copy()
    counts.loc[1, "count"] = 0
    bad_down = dataclasses.replace(down, counts=counts)
    verdict = _verdicts(chapter.downlink_claims(bad_down, params))
    assert verdict["sampling-downlink-counts-agree"] == "fails"


def test_relay_claims_fail_on_wrong_numbers(default_run) -> None:
    sweep, up, params = default_run["sweep"], default_run["up"], _params()
    off = sweep.assign(relay_links_theory=2.0 * sweep["relay_links_theory"])
    assert _verdicts(chapter.relay_claims(off, up, params))["sampling-relay-links-agree"] == "fails"
    # Swap the links of the densities below and above lambda_a*: the threshold claim fails.
    swapped = sweep.assign(relay_links_mean=sweep["relay_links_mean"].to_numpy()[::-1])
    verdict = _verdicts(chapter.relay_claims(swapped, up, params))
    assert verdict["sampling-relay-wins-above-threshold"] == "fails"
    many = sweep.assign(relayed_ground_nodes_mean=3.0 * sweep["direct_count_mean"])
    verdict = _verdicts(chapter.relay_claims(many, up, params))
    assert verdict["sampling-relayed-nodes-bounded"] == "fails"


def test_s2a_domes_stop_coinciding_at_low_elevation_and_need_aerial_vehicles() -> None:
    def verdict(**over) -> str:
        params = _params(constellation_size=200, **over)
        down = chapter.run_downlink(params, np.random.default_rng(2))
        return _verdicts(chapter.downlink_claims(down, params))[
            "sampling-s2a-domes-nearly-coincide"
        ]

    assert verdict() == "holds"
    assert verdict(min_elevation_deg=0.0) == "fails"
    assert verdict(air_alt_km=100.0, leo_alt_km=300.0) == "fails"
    assert verdict(air_density_per_km2=0.0) == "not_applicable"


# --- the paper's remarks on Fig. 4, computed ------------------------------------------------


def _g2a_area_mp(air_km: float, freq_hz: float, d_m: float) -> float:
    """The G2A dome (case 2 of Proposition 1, Lemma 1) with mpmath to 50 digits."""
    with mpmath.workdps(50):
        r_r, r_t = 6371 + mpmath.mpf(air_km), mpmath.mpf(6371)
        b = mpmath.radians(70) * 299792458 / (mpmath.mpf(freq_hz) * d_m) / 2
        phi = mpmath.asin(r_r * mpmath.sin(b) / r_t) - b
        return float(2 * mpmath.pi * r_t**2 * (1 - mpmath.cos(phi)))


def test_g2a_remark_numbers_at_the_defaults(default_run) -> None:
    params, up = _params(), default_run["up"]
    claim = {c.claim_id: c for c in default_run["claims"]}[
        "sampling-g2a-supports-more-transmitters"
    ]
    per_dome = 0.001 * _g2a_area_mp(20.0, 2e9, 0.5)
    assert f"{per_dome:.3g} in one G2A dome" in claim.evidence
    assert claim.verdict == "fails" and "0.00859 of the direct count" in claim.evidence
    glue = chapter.remarks_glue(up, params)
    assert glue["g2a_per_dome"] == f"{per_dome:.3g}" == "0.0431"
    relayed = 0.0002 * up.domes["A2S"].area_km2 * per_dome
    assert float(glue["g2a_relayed"]) == pytest.approx(relayed, rel=1e-3)


def test_g2a_remark_flips_above_the_relay_threshold_and_needs_ground_nodes(default_run) -> None:
    up = default_run["up"]
    lam_star = chapter.lambda_star_per_km2(up)
    # The claim reads only the domes and densities: no scene is drawn at these densities.
    dense = {**_params(), "air_density_per_km2": 1.01 * lam_star}
    flipped = chapter.g2a_transmitters_claim(up, dense)
    assert flipped.verdict == "holds" and "1.01 of the direct count" in flipped.evidence
    below = {**_params(), "air_density_per_km2": 0.99 * lam_star}
    assert chapter.g2a_transmitters_claim(up, below).verdict == "fails"
    empty = {**_params(), "ground_density_per_km2": 0.0}
    assert chapter.g2a_transmitters_claim(up, empty).verdict == "not_applicable"
    no_air = {**_params(), "air_density_per_km2": 0.0}
    assert "no aerial vehicles here" in chapter.g2a_transmitters_claim(up, no_air).evidence


def test_common_share_is_the_common_part_over_the_union_of_the_caps() -> None:
    """Brute force: caps of angle s centred on the rim of angle a, many centres, random points."""
    s, a = math.radians(15.0), math.radians(3.0)
    rng = np.random.default_rng(5)
    z = rng.uniform(math.cos(s + a + 0.01), 1.0, 100_000)  # uniform by area on a cap
    az = rng.uniform(0.0, 2 * math.pi, z.size)
    r = np.sqrt(1 - z**2)
    pts = np.stack([r * np.cos(az), r * np.sin(az), z], axis=1)
    centres_az = np.linspace(0.0, 2 * math.pi, 360, endpoint=False)
    centres = np.stack(
        [math.sin(a) * np.cos(centres_az), math.sin(a) * np.sin(centres_az),
         np.full_like(centres_az, math.cos(a))], axis=1,
    )  # fmt: skip
    inside = pts @ centres.T >= math.cos(s)
    share = inside.all(axis=1).sum() / inside.any(axis=1).sum()
    expected = float(chapter.common_share(s, a))
    p = expected
    assert abs(share - p) < 4 * math.sqrt(p * (1 - p) / inside.any(axis=1).sum()) + 2e-3
    assert float(chapter.common_share(a, s)) == 0.0


def test_common_share_agrees_with_the_scene_bound(default_run) -> None:
    down = default_run["down"]
    s2a, a2g = down.domes["S2A"].vertex_angle_rad, down.domes["A2G"].vertex_angle_rad
    assert float(chapter.common_share(s2a, a2g)) == pytest.approx(
        _coincidence_bound(down), rel=1e-15
    )


def test_reason_ii_numbers_and_the_three_sweeps() -> None:
    params = _params()
    table = chapter.aerial_elevation_table(params)
    assert list(table["varied"].unique()) == list(chapter.ELEVATION_VARIED)
    by = {v: rows for v, rows in table.groupby("varied", sort=False)}
    aerial, user, both = (by[v]["common_share"].to_numpy() for v in chapter.ELEVATION_VARIED)
    assert np.all(np.diff(aerial) <= 0) and np.all(np.diff(user) >= 0)
    # The three sweeps meet at the page's elevation.
    i = int(np.argmin(np.abs(chapter.ELEVATION_SWEEP_DEG - 10.0)))
    assert aerial[i] == pytest.approx(user[i]) == pytest.approx(both[i])
    claim = chapter.aerial_min_elevation_claim(table, params)
    assert claim.verdict == "fails"
    assert "85% at 0 deg, 78% at 10 deg, 22% at 60 deg" in claim.evidence
    # Were the share to rise with the aerial receivers' elevation, reason (ii) would hold.
    rising = table.copy()
    aerial_rows = rising["varied"] == chapter.ELEVATION_VARIED[0]
    rising.loc[aerial_rows, "common_share"] = np.linspace(0.5, 0.9, int(aerial_rows.sum()))
    assert chapter.aerial_min_elevation_claim(rising, params).verdict == "holds"
    glue = chapter.remarks_glue(chapter.run_uplink(_params(), 0), params)
    assert (glue["share_here"], glue["share_aerial_60"], glue["share_user_60"]) == (
        "78%",
        "22%",
        "97%",
    )


def test_reason_ii_is_not_applicable_when_the_domes_never_share_a_point() -> None:
    # Aerial layer at 100 km under a 120 km shell (outside the page's ranges): s < a at 0 deg.
    raw = {**_params(), "air_alt_km": 100.0, "leo_alt_km": 120.0, "min_elevation_deg": 0.0}
    table = chapter.aerial_elevation_table(raw)
    assert chapter.aerial_min_elevation_claim(table, raw).verdict == "not_applicable"


@settings(max_examples=30, deadline=None)
@given(
    leo=st.floats(300.0, 2000.0),
    air=st.floats(0.1, 100.0),
    elev=st.floats(0.0, 80.0),
)
def test_reason_ii_is_reversed_for_any_layers(leo, air, elev) -> None:
    params = {**SPEC.defaults(), "leo_alt_km": leo, "air_alt_km": air, "min_elevation_deg": elev}
    table = chapter.aerial_elevation_table(params)
    assert chapter.aerial_min_elevation_claim(table, params).verdict == "fails"


# --- the parameters -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("freq_ghz", 0.0),
        ("freq_ghz", 400.0),
        ("min_elevation_deg", 90.0),
        ("constellation_size", -1),
        ("constellation_size", 1.5),
        ("ground_density_per_km2", -0.001),
        ("relay_realisations", 0),
        ("demo_points", 0),
        ("demo_vertex_angle_deg", 0.0),
        ("demo_vertex_angle_deg", 181.0),
        ("user_lat_deg", 91.0),
        ("relay_air_densities_per_km2", [0.01, 0.001]),
        ("relay_air_densities_per_km2", [0.0, 0.01]),
        ("relay_air_densities_per_km2", []),
        ("air_alt_km", 150.0),
    ],
)
def test_out_of_range_values_are_refused_with_the_parameter_named(name, value) -> None:
    with pytest.raises(ParameterError, match=rf"sampling: parameter {name} = .*allowed"):
        _params(**{name: value})


@pytest.mark.parametrize(
    ("over", "named"),
    [
        ({"ground_density_per_km2": 0.01, "freq_ghz": 0.5, "aerial_diameter_m": 0.1}, "Fig. 4(a)"),
        (
            {"constellation_size": 20000, "air_density_per_km2": 0.01, "air_alt_km": 100.0},
            "Fig. 4(b)",
        ),
        ({"constellation_size": 20000, "air_density_per_km2": 0.01}, "S2A visibility tests"),
        ({"relay_realisations": 50, "freq_ghz": 0.8}, "relaying sweep"),
    ],
)
def test_combinations_too_costly_are_refused_with_the_parameters_named(over, named) -> None:
    with pytest.raises(ParameterError, match=r"(?s)sampling: .*is required; got ") as info:
        _params(**over)
    text = str(info.value)
    assert named in text and "against the limit" in text
    for name in over:
        assert f"{name} = " in text
    # Each value proposed for a parameter passes with the others as given.
    proposed = text.split("each changed alone: ")[1].split("; ")
    for item in proposed:
        if " = " in item:
            name, value = item.split(" = ")
            SPEC.resolve(
                [(k, str(v)) for k, v in over.items() if k != name] + [(name, value.split()[0])]
            )


def test_old_names_map_to_the_current_ones() -> None:
    chosen, notes = SPEC.resolve([("min_elev_deg", "25"), ("freq_point_ghz", "12")])
    assert chosen == {"min_elevation_deg": 25.0, "freq_ghz": 12.0}
    assert len(notes) == 2


def test_the_notebook_declares_exactly_the_spec() -> None:
    nb = json.loads((BOOK / "sampling.ipynb").read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
    rows = []
    for line in "".join(cell["source"]).splitlines():
        if line.strip() and not line.startswith("#"):
            code, _, comment = line.partition("  # ")
            node = ast.parse(code).body[0]
            rows.append((node.target.id, ast.literal_eval(node.value), comment))
    assert [r[0] for r in rows] == list(SPEC.names)
    for name, default, comment in rows:
        assert default == SPEC[name].default and comment == SPEC[name].help, name


def test_the_label_slip_note_is_a_linkable_admonition() -> None:
    nb = json.loads((BOOK / "sampling.ipynb").read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    start = text.index("(sampling-label-slip)=\n:::{admonition}")
    note = text[start : text.index("\n:::", start + 30)]
    assert "group-to-satellite" in note and "G2S" in note and "A2G" in note


# --- edge cases -----------------------------------------------------------------------------


def _all_figures(run: dict, params: dict, out: Path) -> None:
    """Save every figure of the run and assert the layout check finds nothing."""
    apply_style()
    up, down, sweep = run["up"], run["down"], run["sweep"]
    elevations = chapter.aerial_elevation_table(params)
    figures = {
        "sampling-uniform-by-area": (chapter.demo_figure(run["demo"], run["angle"]), run["demo"]),
        "sampling-uplinks": (chapter.uplink_figure(up, params), chapter.uplink_data(up)),
        "sampling-relay": (chapter.relay_figure(sweep, up, params), sweep),
        "sampling-downlinks": (
            chapter.downlink_figure(down, params),
            chapter.downlink_data(down, params),
        ),
        "sampling-aerial-min-elevation": (
            chapter.aerial_elevation_figure(elevations, params),
            elevations,
        ),
    }
    for figure_id, (fig, data) in figures.items():
        saved = save_figure(fig, data, figure_id=figure_id, output_dir=out, parameters=params,
                            title=figure_id, chapter="sampling", display=False,
                            missing_ok=chapter.RELAY_MISSING_OK)  # fmt: skip
        plt.close(fig)
        assert saved.metadata["layout_check"]["problems"] == [], (figure_id, params)
    for view in (chapter.uplink_plotly(up, params), chapter.downlink_plotly(down, params)):
        bundle = chapter.plotly_bundle(view)
        # plotly.js is loaded once by the book, never embedded in a figure.
        assert "plotly-graph-div" in bundle["text/html"]
        assert len(bundle["text/html"]) < 400_000
        assert bundle["application/vnd.plotly.v1+json"]["data"]


def test_default_figures_read_well_and_counts_agree(default_run, tmp_path) -> None:
    params = _params()
    _all_figures(default_run, params, tmp_path)
    down = default_run["down"]
    drawn = int((down.nodes["layer"] == "space").sum())
    seen = int(down.sat_visible_user.sum())
    title = chapter.downlink_plotly(down, params).layout.title.text
    # The interactive globe names the realised count and the mean, as the prose does.
    assert f"{drawn:,} satellites drawn (mean 4,000), {seen:,} visible" in title
    glue = chapter.downlink_glue(down, params)
    assert (glue["down_sat_total"], glue["down_constellation"]) == (f"{drawn:,}", "4,000")
    names = [t.name for t in chapter.downlink_plotly(down, params).data]
    assert f"not visible from the user ({drawn - seen:,})" in names


EDGES = [
    {"ground_density_per_km2": 0.0, "air_density_per_km2": 0.0, "constellation_size": 0},
    {"constellation_size": 1, "demo_points": 1, "relay_realisations": 1},
    {
        "freq_ghz": 40.0,
        "satellite_diameter_m": 20.0,
        "aerial_diameter_m": 5.0,
        "demo_vertex_angle_deg": 0.001,
    },
    {
        "min_elevation_deg": 80.0,
        "air_alt_km": 0.1,
        "demo_vertex_angle_deg": 180.0,
        "demo_points": 2,
    },
]


@pytest.mark.parametrize("over", EDGES)
def test_edge_cases_run_to_the_end_with_defined_results(over, tmp_path) -> None:
    common = {"relay_air_densities_per_km2": [1e-3, 0.05], "relay_realisations": 2}
    params = _params(**{**common, **over})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = _run(params)
        _all_figures(run, params, tmp_path)
    for table in (chapter.uplink_data(run["up"]), chapter.downlink_data(run["down"], params)):
        assert len(table) >= 1
        assert np.isfinite(table.select_dtypes("number").to_numpy(dtype=float)).all()
    sweep = run["sweep"]
    finite = sweep.drop(columns=list(chapter.RELAY_MISSING_OK))
    assert np.isfinite(finite.to_numpy(dtype=float)).all()
    assert {c.verdict for c in run["claims"]} <= set(VERDICTS)
    for glue in (
        chapter.uplink_glue(run["up"], params),
        chapter.relay_glue(sweep, run["up"], params),
        chapter.downlink_glue(run["down"], params),
        chapter.intro_glue(params),
        chapter.remarks_glue(run["up"], params),
    ):
        assert all(text and "nan" not in text.lower() for text in glue.values()), glue
    saved = save_claims(run["claims"], chapter="sampling", output_dir=tmp_path, parameters=params)
    assert len(saved.table) == len(CLAIM_IDS)


def test_empty_realisations_are_saved_as_the_receiver_alone() -> None:
    params = _params(ground_density_per_km2=0.0, air_density_per_km2=0.0, constellation_size=0)
    rng = np.random.default_rng(0)
    up = chapter.run_uplink(params, rng)
    down = chapter.run_downlink(params, rng)
    assert up.nodes.empty and down.nodes.empty
    sat, user = chapter.uplink_data(up), chapter.downlink_data(down, params)
    assert sat["layer"].tolist() == ["satellite"] and user["layer"].tolist() == ["user"]
    assert sat["alt_km"].iloc[0] == pytest.approx(params["meo_alt_km"])
    assert user["lat_deg"].iloc[0] == pytest.approx(params["user_lat_deg"])
    assert list(sat.columns) == list(chapter.uplink_data(chapter.run_uplink(_params(), 1)).columns)


def test_one_realisation_leaves_the_standard_errors_undefined() -> None:
    params = _params(relay_realisations=1, relay_air_densities_per_km2=[0.01])
    sweep = chapter.run_relay_sweep(params)
    assert sweep[list(chapter.RELAY_MISSING_OK)].isna().all().all()
    verdict = _verdicts(chapter.relay_claims(sweep, chapter.run_uplink(params, 0), params))
    assert verdict["sampling-relay-links-agree"] == "holds"


def test_zero_ground_density_keeps_the_relay_ratio_defined() -> None:
    params = _params(
        ground_density_per_km2=0.0, relay_realisations=2, relay_air_densities_per_km2=[0.05]
    )
    sweep = chapter.run_relay_sweep(params)
    assert sweep["direct_count_theory"].iloc[0] == 0.0
    up = chapter.run_uplink(params, 0)
    assert sweep["relay_to_direct_theory"].iloc[0] == pytest.approx(
        0.05 / chapter.lambda_star_per_km2(up)
    )
    verdict = _verdicts(chapter.relay_claims(sweep, up, params))
    assert verdict["sampling-relay-wins-above-threshold"] == "not_applicable"


# --- any parameters inside the ranges run -------------------------------------------------


def _edge_weighted(name: str) -> st.SearchStrategy:
    p = SPEC[name]
    inner = st.floats(p.low, p.high) if p.kind == "float" else st.integers(int(p.low), int(p.high))
    return st.one_of(st.sampled_from([p.low, p.high, p.default]), inner).map(
        float if p.kind == "float" else int
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(
    values=st.fixed_dictionaries(
        {
            name: _edge_weighted(name)
            for name in (
                "freq_ghz",
                "kappa_deg",
                "satellite_diameter_m",
                "aerial_diameter_m",
                "meo_alt_km",
                "leo_alt_km",
                "air_alt_km",
                "min_elevation_deg",
                "satellite_lat_deg",
                "user_lon_deg",
                "demo_vertex_angle_deg",
            )
        }
    ),
    ground=st.sampled_from([0.0, 1e-5, 1e-3]),
    air=st.sampled_from([0.0, 1e-5, 2e-4]),
    constellation=st.sampled_from([0, 1, 300]),
    points=st.integers(1, 200),
)
def test_any_parameters_in_range_give_claims(values, ground, air, constellation, points) -> None:
    over = {
        **values,
        "ground_density_per_km2": ground,
        "air_density_per_km2": air,
        "constellation_size": constellation,
        "demo_points": points,
        "relay_air_densities_per_km2": [1e-5, 1e-3],
        "relay_realisations": 1,
    }
    try:
        params = _params(**over)
    except ParameterError:
        assume(False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = _run(params)
    assert [c.claim_id for c in run["claims"]] == list(CLAIM_IDS)
