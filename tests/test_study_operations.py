"""sagin_lib.study.operations: the operations chapter's spec, tables, figures and claims."""

from __future__ import annotations

import ast
import json
import math
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sagin_lib.study import operations as chapter  # noqa: E402
from sagin_lib.study.figure_layout import CSS_PX_PER_INCH, check_layout  # noqa: E402
from sagin_lib.study.figures import apply_style  # noqa: E402
from sagin_lib.study.operations import claims as chapter_claims  # noqa: E402
from sagin_lib.study.spec import ParameterError  # noqa: E402

apply_style()  # the figures are checked as the book draws them
SPEC = chapter.SPEC
NOTEBOOK = Path(__file__).resolve().parent.parent / "book" / "operations.ipynb"
VERDICTS = json.loads(
    (Path(__file__).resolve().parent / "verdicts" / "operations.json").read_text(encoding="utf-8")
)
KINDS = {
    "operations-handover-quadrature-exact": "check",
    "operations-handover-mc-agrees": "check",
    "operations-handover-grows-with-displacement": "source",
    "operations-tilt-dominates-sway": "check",
    "operations-solar-year-round-latitude": "source",
    "operations-solar-months-to-years": "source",
    "operations-mec-ms-level": "source",
    "operations-propagation-under-hundreds-ms": "check",
}
CHEAP = {
    "n_users": 2000,
    "sway_steps": 16,
    "day_step_days": 30,
    "latitude_step_deg": 10.0,
}


def _params(**changes: Any) -> dict[str, Any]:
    return SPEC.validate({**SPEC.defaults(), **changes})


def _layout_problems(fig: Any) -> list[str]:
    """The layout check of a figure as save_figure records it.

    Laid out without being rasterised; the tight box padded by 0.1 in on each side.
    """
    fig.draw_without_rendering()
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    natural = (box.width + 0.2) * CSS_PX_PER_INCH
    return list(check_layout(fig, natural_width_px=natural, drawn=True).problems)


#: The chapter's three parts, each with a figure.
PARTS = ("sway", "solar", "latency")


def _run(params: dict[str, Any], *, drawn: tuple[str, ...] = PARTS, layout: bool = False) -> list:
    """Every table, prose value and claim of the chapter, and the figures of the ``drawn`` parts."""
    sway = chapter.sway_tables(params)
    solar = chapter.solar_tables(params)
    latency = chapter.latency_summary(params)
    sweep = chapter.latency_sweep(params)
    chapter.prose_values(params, sway, solar, latency)
    for data, missing in (
        (sway["data"], chapter.SWAY_MISSING_OK),
        (solar["daily"], ["array_m2", "battery_kg", "array_share_of_max", "battery_share_of_max"]),
        (sweep, []),
    ):
        for col in data.select_dtypes(include=[np.number]).columns:
            values = data[col].to_numpy(dtype=float)
            assert not np.isinf(values).any(), col
            assert col in missing or not np.isnan(values).any(), col
    figures = {
        "sway": lambda: chapter.sway_figure(sway, params),
        "solar": lambda: chapter.solar_figure(solar, params),
        "latency": lambda: chapter.latency_figure(sweep, params),
    }
    try:
        for part in drawn:
            fig = figures[part]()
            if layout:
                assert _layout_problems(fig) == [], fig.axes[0].get_title()
            plt.close(fig)
    finally:
        plt.close("all")
    for table in (
        chapter.display_sway(sway),
        chapter.display_solar(solar),
        chapter.display_latency(latency),
    ):
        assert "NaN" not in table.html and "..." not in table.html
    assert (chapter.assumptions_table(params)["source"].str.len() > 0).all()
    return chapter.chapter_claims(params, sway=sway, solar=solar, latency=latency)


@pytest.fixture(scope="module")
def default_claims() -> dict[str, Any]:
    # The figures at the defaults are drawn by the notebook and their layout checks are
    # asserted on the built book (test_rendered_book); here the tables and claims.
    return {c.claim_id: c for c in _run(_params(), drawn=())}


#: CHEAP with the fewest users and steps and two handover curves (the solar grid of CHEAP).
SMALL = {**CHEAP, "n_users": 500, "sway_steps": 8, "sweep_altitudes_km": [17.0, 20.0]}


@pytest.fixture(scope="module")
def small() -> dict[str, Any]:
    """The three parts' tables at SMALL, shared by the tests that only read them."""
    params = _params(**SMALL)
    return {
        "params": params,
        "sway": chapter.sway_tables(params),
        "solar": chapter.solar_tables(params),
        "latency": chapter.latency_summary(params),
    }


def test_the_verdicts_at_the_defaults_are_the_pinned_ones(default_claims: dict[str, Any]) -> None:
    assert {cid: c.verdict for cid, c in default_claims.items()} == VERDICTS
    assert {cid: c.kind for cid, c in default_claims.items()} == KINDS
    for c in default_claims.values():
        assert not c.statement.startswith("The study finds"), c.claim_id
        # Source statements name the survey and where it says it; checks are the study's.
        if c.kind == "source":
            assert "Near-space survey" in c.source and "Sec. " in c.source, c.claim_id
        else:
            assert c.source.startswith("This study"), c.claim_id


def test_the_propagation_check_does_not_claim_to_test_the_survey(
    default_claims: dict[str, Any],
) -> None:
    # The survey's hundreds of ms are protocol signalling: the check bounds propagation only,
    # and its evidence says it neither confirms nor refutes the survey's statement.
    c = default_claims["operations-propagation-under-hundreds-ms"]
    assert c.kind == "check" and "Propagation" in c.statement
    assert "protocol" in c.evidence and "Sec. III-C" in c.evidence
    assert "neither confirms nor refutes" in c.evidence
    assert "cross-layer" not in c.statement


def _verdicts(part: str, **changes: Any) -> dict[str, str]:
    """The verdicts of one part's claims under SMALL and ``changes``, that part alone computed.

    The changes are inputs of that part only; its table is shown too. (The whole chapter with
    its figures runs in the edge cases and the drawn runs.)
    """
    params = _params(**{**SMALL, **changes})
    if part == "sway":
        sway = chapter.sway_tables(params)
        shown, claims = chapter.display_sway(sway), chapter_claims._sway_claims(params, sway)
    elif part == "solar":
        solar = chapter.solar_tables(params)
        shown, claims = chapter.display_solar(solar), chapter_claims._solar_claims(params, solar)
    else:
        lat = chapter.latency_summary(params)
        shown, claims = chapter.display_latency(lat), chapter_claims._latency_claims(params, lat)
    assert "NaN" not in shown.html and "..." not in shown.html
    return {c.claim_id: c.verdict for c in claims}


def test_claims_flip_where_expected() -> None:
    v = _verdicts("latency", mec_compute_ms=50.0, queueing_ms=40.0)
    assert v["operations-mec-ms-level"] == "fails"
    # Queues are no propagation: the bound on propagation still holds.
    assert v["operations-propagation-under-hundreds-ms"] == "holds"
    # A wide loiter circle banks little: its displacement then costs more than its tilt.
    assert _verdicts("sway", loiter_radius_km=5.0)["operations-tilt-dominates-sway"] == "fails"
    v = _verdicts(
        "solar",
        zephyr_max_array_m2=1000.0,
        zephyr_max_battery_kg=1000.0,
        yuanmeng_max_array_m2=5000.0,
        yuanmeng_battery_share_pct=60.0,
        wind_n_sigma=0.0,
        latitude_max_deg=40.0,
    )
    # Both platforms fly year-round at every latitude computed: no seasonal limit.
    assert v["operations-solar-year-round-latitude"] == "fails"
    v = _verdicts("solar", zephyr_avionics_w=1000.0, yuanmeng_avionics_w=10000.0)
    # No day closes anywhere: the seasons are not what limits them.
    assert v["operations-solar-year-round-latitude"] == "not_applicable"
    assert v["operations-solar-months-to-years"] == "fails"


def test_the_propagation_bound_and_the_handover_claim_can_fail(small: dict[str, Any]) -> None:
    params, latency = small["params"], small["latency"]
    slow = latency.assign(propagation_one_way_ms=latency["propagation_one_way_ms"] * 10.0)
    claims = {c.claim_id: c for c in chapter_claims._latency_claims(params, slow)}
    assert claims["operations-propagation-under-hundreds-ms"].verdict == "fails"
    sway = small["sway"]
    data = sway["data"].copy()
    data.loc[data["panel"] == "tilt", "handover_fraction"] = 0.0  # both rules
    claims = {c.claim_id: c for c in chapter_claims._sway_claims(params, {**sway, "data": data})}
    assert claims["operations-handover-grows-with-displacement"].verdict == "fails"


def test_the_platform_power_is_derived_from_its_inputs(small: dict[str, Any]) -> None:
    params = small["params"]
    f = chapter.zephyr_flight(params)
    rho = 0.08891  # ISA at 20 km
    v = math.sqrt(2 * 75.0 * 9.80665 / (rho * 30.0 * 1.0))
    assert f["airspeed_day_m_s"] == pytest.approx(v, rel=1e-4)
    bank = math.atan(v * v / (9.80665 * 1000.0))
    want = 75.0 * 9.80665 * v / (30.0 * 0.75) / math.cos(bank) ** 1.5
    assert f["propulsion_day_w"] == pytest.approx(want, rel=1e-4)
    solar = small["solar"]
    assert solar["limits"]["Zephyr S"]["load_w"] == pytest.approx(want + 300.0, rel=1e-4)
    # The airship's battery follows its lift, not Table I's payload.
    hull = chapter.yuanmeng_hull(params)
    assert hull["max_battery_kg"] == pytest.approx(
        0.2 * rho * 18000.0 * (1 - 4.0026 / 28.9644), rel=1e-3
    )
    # The wind enters by the cube: no wind, only payload and avionics.
    assert float(chapter.yuanmeng_propulsion_w(params, 0.0)) == 0.0
    p20 = float(chapter.yuanmeng_propulsion_w(params, 20.0))
    assert p20 == pytest.approx(8.0 * float(chapter.yuanmeng_propulsion_w(params, 10.0)))


def test_the_night_descent_is_where_the_zephyr_verdict_changes(small: dict[str, Any]) -> None:
    # Level flight at the defaults closes no latitude all year; the climb-and-glide
    # practice with the best cells does, near the equator.
    assert small["solar"]["limits"]["Zephyr S"]["none_year_round"]
    glide = _params(**CHEAP, zephyr_night_descent_km=5.0, battery_specific_energy_wh_kg=450.0)
    limit = chapter.solar_tables(glide)["limits"]["Zephyr S"]["limit_deg"]
    assert 0.0 < limit < 40.0


def test_solar_numbers_follow_the_budget(small: dict[str, Any]) -> None:
    solar = small["solar"]
    # More payload, more array and battery everywhere.
    more = chapter.solar_tables(_params(**SMALL, zephyr_payload_w=500.0))["daily"]
    base = solar["daily"]
    z, zm = base[base["platform"] == "Zephyr S"], more[more["platform"] == "Zephyr S"]
    lit = z["array_m2"].notna().to_numpy()  # polar night: no array is enough
    assert (zm["array_m2"].to_numpy()[lit] > z["array_m2"].to_numpy()[lit]).all()
    assert zm["array_m2"].isna().sum() == (~lit).sum()


def test_sway_mc_follows_the_seed(small: dict[str, Any]) -> None:
    a = small["sway"]["motions"]["Yuanmeng"]["mc"]
    seed = small["params"]["seed"]
    b = chapter.sway_tables(_params(**SMALL, seed=seed))["motions"]["Yuanmeng"]["mc"]
    c = chapter.sway_tables(_params(**SMALL, seed=seed + 1))["motions"]["Yuanmeng"]["mc"]
    np.testing.assert_array_equal(a.outside_fraction, b.outside_fraction)
    assert not np.array_equal(a.outside_fraction, c.outside_fraction)


def test_the_assumptions_table_is_saved_and_shown_folded(tmp_path: Path) -> None:
    params = _params(output_dir=str(tmp_path))
    saved = chapter.save_assumptions(params)
    raw = chapter.assumptions_table(params)
    # The CSV holds the table as it is (a rule without a number: an empty cell).
    assert (tmp_path / "operations-assumptions.csv").read_bytes() == raw.to_csv(
        index=False, lineterminator="\n"
    ).encode("utf-8")
    meta = json.loads((tmp_path / "operations-assumptions.json").read_text(encoding="utf-8"))
    assert meta["table_id"] == "operations-assumptions" and meta["chapter"] == "operations"
    assert meta["data"]["rows"] == len(raw) > 15
    html = saved.html()
    assert "sagin-table-fold" in html and "a rule, not a number" in html
    assert "NaN" not in html and "..." not in html and "m²" in html


def test_the_tables_say_what_they_hold(small: dict[str, Any]) -> None:
    frame = chapter.display_solar(small["solar"]).frame.set_index("quantity")
    assert list(frame.columns) == list(chapter.PLATFORMS)
    assert frame.loc["payload (W)"].tolist() == ["250", "1000"]
    assert frame.loc["year-round flight", "Zephyr S"].startswith("nowhere")
    sway = chapter.display_sway(small["sway"]).frame
    assert list(sway.columns) == ["quantity", "Zephyr S", "Yuanmeng"]
    assert "peak acceleration (m/s²)" in sway["quantity"].tolist()
    latency = chapter.display_latency(small["latency"]).frame
    assert "round trip (ms)" in latency.columns and "min elevation (°)" not in latency.columns
    assert latency["path"].iloc[0] == "user-HAPS-gateway (bent-pipe)"


def test_coinciding_curves_are_found_and_named() -> None:
    fig, ax = plt.subplots()
    x = np.linspace(0.0, 1.0, 20)
    ax.plot(x, x, label="a")
    ax.plot(x, x + 1e-6, label="b")
    ax.plot(x, 1.0 - x, label="c")
    assert chapter.coinciding_curves(ax) == [["a", "b"]]
    plt.close(fig)


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("haps_alt_km", "82"),
        ("min_elevation_deg", "81"),
        ("sway_tilt_deg", "11"),
        ("sway_steps", "4"),
        ("n_users", "50"),
        ("sweep_altitudes_km", "[20]"),
        ("sweep_altitudes_km", "[25, 20]"),
        ("cell_efficiency_pct", "0"),
        ("battery_round_trip_pct", "101"),
        ("day_step_days", "1"),
        ("queueing_ms", "-1"),
    ],
)
def test_spec_refuses_out_of_range_values(name: str, raw: str) -> None:
    with pytest.raises(ParameterError, match=rf"operations: parameter {name} = "):
        SPEC.resolve([(name, raw)])


def _notebook() -> dict:
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))


def test_spec_matches_the_parameters_cell() -> None:
    cells = [c for c in _notebook()["cells"] if c["cell_type"] == "code"]
    assert "parameters" in cells[0]["metadata"]["tags"]
    declared = []
    for line in "".join(cells[0]["source"]).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        code, _, comment = line.partition("  # ")
        node = ast.parse(code).body[0]
        assert isinstance(node, ast.AnnAssign), line
        declared.append((node.target.id, ast.literal_eval(node.value), comment.strip()))
    assert [d[0] for d in declared] == list(SPEC.names)
    for name, default, help_text in declared:
        assert default == SPEC[name].default and type(default) is type(SPEC[name].default), name
        assert help_text == SPEC[name].help, name


def test_notebook_is_thin_and_stored_without_outputs() -> None:
    cells = [c for c in _notebook()["cells"] if c["cell_type"] == "code"]
    assert "".join(cells[1]["source"]).strip() == (
        "from sagin_lib.study import operations as chapter\n\nparams = chapter.SPEC.bind(globals())"
    )
    for cell in cells:
        assert cell["outputs"] == [] and cell["execution_count"] is None
    for cell in cells[1:]:
        src = "".join(cell["source"])
        assert cell["metadata"].get("tags") == ["hide-input"], src[:60]
        assert len(src.splitlines()) <= 30, src[:60]
        for node in ast.walk(ast.parse(src)):
            assert not isinstance(node, (ast.Assert, ast.FunctionDef, ast.ClassDef, ast.Lambda))
    text = json.dumps(_notebook())
    for fid in (
        "operations-sway-handover",
        "operations-solar-energy-budget",
        "operations-end-to-end-latency",
        "operations-sensitivity",
        "operations-assumptions",
    ):
        assert fid in text


#: Few users and steps: the edges show in the figures as well as at the defaults.
EDGE = {**CHEAP, "n_users": 500, "sway_steps": 8}


# Each edge with the parts it concerns, whose figures are drawn and checked (the whole chapter
# computes at every edge). Edges run together where no input of one reaches another's part
# (sway: the geometry and the motions; solar: the platforms, the cells, the battery and the
# grid; latency: the elevation, the orbits and the delays), so that each part computes as it
# would alone. The altitude reaches every part (its two edges at 8 km share it) and the
# Zephyr's circle both its motion and its power: those edges run with no other.
@pytest.mark.parametrize(
    ("changes", "drawn"),
    [
        pytest.param(
            # Sway: no floor on the elevation, the largest tilt and drift; latency at 0 deg.
            # Solar: arrays without limit, year-round flight beyond the grid.
            {"min_elevation_deg": 0.0, "sway_tilt_deg": 10.0, "sway_displacement_km": 20.0,
             "zephyr_max_array_m2": 1000.0, "yuanmeng_max_array_m2": 5000.0},
            PARTS,
            id="horizon-largest-sway+unlimited-arrays",
        ),
        pytest.param(
            # 8 km. Sway: seen steeply, a tiny footprint, drifted beyond it. Latency: short
            # paths at 80 deg. Solar: the night glided down to the ground, the windiest design wind.
            {"haps_alt_km": 8.0, "min_elevation_deg": 80.0, "sway_displacement_km": 20.0,
             "zephyr_night_descent_km": 8.0, "wind_n_sigma": 3.0},
            PARTS,
            id="low-platform-steep-view+glide-to-the-ground",
        ),
        pytest.param(
            # Sway: a platform that does not move. Solar: two latitudes, a day in 60.
            # Latency: a second of computing and queueing, a high LEO.
            {"sway_displacement_km": 0.0, "sway_tilt_deg": 0.0,
             "latitude_max_deg": 10.0, "latitude_step_deg": 30.0, "day_step_days": 60,
             "mec_compute_ms": 1000.0, "queueing_ms": 1000.0, "leo_alt_km": 2000.0},
            PARTS,
            id="still-platform+coarsest-grid+slow-servers",
        ),
        pytest.param(
            # Solar: the polar grid with poor cells and a cold battery.
            # Latency: the lowest LEO and a low GEO.
            {"latitude_max_deg": 89.0, "cell_efficiency_pct": 5.0, "battery_cold_loss_pct": 60.0,
             "leo_alt_km": 150.0, "geo_alt_km": 20000.0},
            ("solar", "latency"),
            id="polar-poor-cells+low-orbits",
        ),
        pytest.param(
            # A Zephyr that carries nothing on the tightest circle (its bank, its power).
            {"zephyr_payload_w": 0.0, "zephyr_avionics_w": 0.0, "loiter_radius_km": 0.2},
            ("sway", "solar"),
            id="empty-zephyr-tight-circle",
        ),
        pytest.param(
            # The top of the atmosphere, seen from the horizon; a far GEO.
            {"haps_alt_km": 81.0, "min_elevation_deg": 0.0, "geo_alt_km": 100000.0},
            PARTS,
            id="top-of-the-atmosphere",
        ),
    ],
)  # fmt: skip
def test_edge_cases_run_with_legible_figures(
    changes: dict[str, Any], drawn: tuple[str, ...]
) -> None:
    # Finiteness, tables, prose and claims of the whole chapter; the concerned figures' layout.
    claims = _run(_params(**{**EDGE, **changes}), drawn=drawn, layout=True)
    assert {c.verdict for c in claims} <= {"holds", "fails", "not_applicable"}


_CAPS = {"n_users": 500, "sway_steps": 16, "sweep_displacement_max_km": 100.0}


def _strategy(name: str) -> st.SearchStrategy[Any]:
    p = SPEC[name]
    high = min(p.high, _CAPS.get(name, p.high))
    if p.item_kind == "int":
        item = st.one_of(
            st.sampled_from([int(p.low), int(high)]), st.integers(int(p.low), int(high))
        )
    else:
        item = st.one_of(st.sampled_from([p.low, high]), st.floats(p.low, high))
    if p.is_list:
        return st.lists(item, min_size=2, max_size=3, unique=True).map(sorted)
    return item


_DRAWN = [n for n in SPEC.names if n not in ("output_dir", "latitude_step_deg", "day_step_days")]


@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(values=st.fixed_dictionaries({n: _strategy(n) for n in _DRAWN}))
def test_drawn_parameters_run_the_library_to_the_end(values: dict[str, Any]) -> None:
    try:
        params = SPEC.validate({**SPEC.defaults(), **CHEAP, **values})
    except ParameterError:
        return
    _run(params, layout=True)
    assert math.isfinite(params["haps_alt_km"])


def test_sensitivity_at_the_defaults() -> None:
    params = _params()
    sens = chapter.sensitivity(params)
    data, table = sens["data"], sens["verdicts"].set_index("claim_id")
    # Every chosen input is swept across its range, at least one headline moving with it.
    assert set(data["parameter"]) - {"default"} == {n for n, *_ in chapter.SENSITIVITY_INPUTS}
    assert set(data["headline"]) == {k for k, _ in chapter.HEADLINES}
    assert not data["headline_value"].isna().any()
    # The verdicts that depend on chosen inputs, across their ranges.
    assert table.loc["operations-solar-year-round-latitude", "robust"]
    assert table.loc["operations-propagation-under-hundreds-ms", "robust"]
    tilt = table.loc["operations-tilt-dominates-sway", "where_it_changes"]
    assert "loiter_radius_km" in tilt and "sway_tilt_deg" in tilt
    assert "mec_compute_ms" in table.loc["operations-mec-ms-level", "where_it_changes"]
    assert (
        "battery_specific_energy_wh_kg"
        in table.loc["operations-solar-months-to-years", "where_it_changes"]
    )
    # The sweep's defaults agree with the chapter's verdicts.
    for cid, verdict in table["verdict_at_defaults"].items():
        if verdict in ("holds", "fails", "not_applicable"):
            assert verdict == VERDICTS[cid], cid
    fig = chapter.sensitivity_figure(sens, params)
    try:
        assert _layout_problems(fig) == []
    finally:
        plt.close(fig)
    inputs = chapter.sensitivity_inputs_table(params)
    assert (inputs["low"] <= inputs["default"]).all() and (
        inputs["default"] <= inputs["high"]
    ).all()
    assert (inputs["reason"].str.len() > 0).all()
