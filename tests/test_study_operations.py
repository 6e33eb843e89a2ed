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
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sagin_lib.study import operations as chapter  # noqa: E402
from sagin_lib.study.spec import ParameterError  # noqa: E402

SPEC = chapter.SPEC
NOTEBOOK = Path(__file__).resolve().parent.parent / "book" / "operations.ipynb"
CHEAP = {
    "n_users": 2000,
    "sway_steps": 16,
    "day_step_days": 30,
    "latitude_step_deg": 10.0,
}


def _params(**changes: Any) -> dict[str, Any]:
    return SPEC.validate({**SPEC.defaults(), **changes})


def _run(params: dict[str, Any]) -> list:
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
    for fig in (
        chapter.sway_figure(sway, params),
        chapter.solar_figure(solar, params),
        chapter.latency_figure(sweep, params),
    ):
        plt.close(fig)
    chapter.sway_summary(sway)
    chapter.solar_summary(solar)
    assert (chapter.assumptions_table(params)["source"].str.len() > 0).all()
    return chapter.chapter_claims(params, sway=sway, solar=solar, latency=latency)


@pytest.fixture(scope="module")
def default_claims() -> dict[str, Any]:
    return {c.claim_id: c for c in _run(_params())}


def test_every_claim_holds_at_the_defaults(default_claims: dict[str, Any]) -> None:
    assert len(default_claims) >= 8
    assert all(cid.startswith("operations-") for cid in default_claims)
    failing = {cid: c.evidence for cid, c in default_claims.items() if c.verdict != "holds"}
    assert not failing, failing
    for cid in (
        "operations-handover-mc-agrees",
        "operations-handover-grows-with-displacement",
        "operations-solar-year-round-latitude",
        "operations-solar-months-to-years",
        "operations-mec-ms-level",
        "operations-cross-layer-hundreds-ms",
    ):
        assert cid in default_claims


def _verdicts(**changes: Any) -> dict[str, str]:
    return {c.claim_id: c.verdict for c in _run(_params(**{**CHEAP, **changes}))}


def test_claims_flip_where_expected() -> None:
    v = _verdicts(mec_compute_ms=50.0, queueing_ms=40.0, sway_tilt_deg=0.0)
    assert v["operations-mec-ms-level"] == "fails"
    assert v["operations-cross-layer-hundreds-ms"] == "fails"  # queues push LEO paths past 100 ms
    assert v["operations-tilt-dominates-sway"] == "not_applicable"
    v = _verdicts(zephyr_max_array_m2=1000.0, zephyr_max_battery_kg=1000.0, latitude_max_deg=40.0)
    assert v["operations-solar-year-round-latitude"] == "fails"  # year-round everywhere computed
    v = _verdicts(zephyr_platform_w=5000.0, yuanmeng_platform_w=50000.0)
    assert v["operations-solar-year-round-latitude"] == "fails"  # not even the equator
    assert v["operations-solar-months-to-years"] == "fails"


def test_solar_numbers_follow_the_budget() -> None:
    params = _params(**CHEAP)
    solar = chapter.solar_tables(params)
    limit = solar["limits"]["Zephyr S"]["limit_deg"]
    end = solar["endurance"].set_index(["platform", "latitude_deg"])["endurance_days"]
    assert end[("Zephyr S", 0.0)] == 365.0
    assert 0.0 < limit < params["latitude_max_deg"]
    # More payload, more array and battery everywhere.
    more = chapter.solar_tables(_params(**CHEAP, zephyr_payload_w=500.0))["daily"]
    base = solar["daily"]
    z, zm = base[base["platform"] == "Zephyr S"], more[more["platform"] == "Zephyr S"]
    lit = z["array_m2"].notna().to_numpy()  # polar night: no array is enough
    assert (zm["array_m2"].to_numpy()[lit] > z["array_m2"].to_numpy()[lit]).all()
    assert zm["array_m2"].isna().sum() == (~lit).sum()


def test_sway_mc_follows_the_seed() -> None:
    a = chapter.sway_tables(_params(**CHEAP, seed=1))["mc"]
    b = chapter.sway_tables(_params(**CHEAP, seed=1))["mc"]
    c = chapter.sway_tables(_params(**CHEAP, seed=2))["mc"]
    np.testing.assert_array_equal(a.outside_fraction, b.outside_fraction)
    assert not np.array_equal(a.outside_fraction, c.outside_fraction)


def test_save_table(tmp_path: Path) -> None:
    params = _params()
    csv = chapter.save_table(
        chapter.assumptions_table(params),
        table_id="operations-assumptions",
        output_dir=tmp_path,
        parameters=params,
        title="t",
    )
    meta = json.loads((tmp_path / "operations-assumptions.json").read_text(encoding="utf-8"))
    assert meta["table_id"] == "operations-assumptions" and meta["data"]["rows"] == len(
        pd.read_csv(csv)
    )


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("hap_alt_km", "10"),
        ("min_elevation_deg", "61"),
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
        "operations-assumptions",
    ):
        assert fid in text


@pytest.mark.parametrize(
    "changes",
    [
        {"min_elevation_deg": 0.0, "sway_tilt_deg": 10.0, "sway_displacement_km": 20.0},
        {"min_elevation_deg": 60.0, "hap_alt_km": 15.0, "sway_displacement_km": 20.0},
        {"sway_displacement_km": 0.0, "sway_tilt_deg": 0.0},
        {"latitude_max_deg": 10.0, "latitude_step_deg": 30.0, "day_step_days": 60},
        {"latitude_max_deg": 89.0, "cell_efficiency_pct": 5.0, "battery_cold_loss_pct": 60.0},
        {"zephyr_payload_w": 0.0, "zephyr_platform_w": 0.0},
    ],
)
def test_edge_cases_run(changes: dict[str, Any]) -> None:
    claims = _run(_params(**{**CHEAP, **changes}))
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
    max_examples=6,
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
    _run(params)
    assert math.isfinite(params["hap_alt_km"])
