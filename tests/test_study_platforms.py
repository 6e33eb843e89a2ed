"""The platforms chapter's study layer: Table I, the environment, claims and their regimes."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
import pytest

from sagin_lib.platforms.projects import load_nsp_projects
from sagin_lib.study import chapter_spec
from sagin_lib.study import platforms as chapter
from sagin_lib.study.figures import apply_style, save_figure
from sagin_lib.study.spec import ParameterError

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

NOTEBOOK = Path(__file__).resolve().parent.parent / "book" / "platforms.ipynb"
VERDICTS = json.loads(
    (Path(__file__).resolve().parent / "verdicts" / "platforms.json").read_text(encoding="utf-8")
)
SPEC = chapter.SPEC


def _params(**changes: Any) -> dict[str, Any]:
    return SPEC.validate({**SPEC.defaults(), **changes})


def _claims(projects: pd.DataFrame | None = None, **changes: Any) -> dict[str, Any]:
    return {c.claim_id: c for c in chapter.chapter_claims(_params(**changes), projects=projects)}


@pytest.fixture(scope="module")
def default_claims() -> dict[str, Any]:
    return {c.claim_id: c for c in chapter.chapter_claims(SPEC.defaults())}


# ----------------------------------------------------------------- claims at the defaults


def test_the_verdicts_at_the_defaults_are_the_pinned_ones(default_claims) -> None:
    assert {i: c.verdict for i, c in default_claims.items()} == VERDICTS
    assert all(i.startswith("platforms-") for i in default_claims)
    # The survey statements that its own Table I refutes read as the survey's and fail.
    failing = {i for i, v in VERDICTS.items() if v == "fails"}
    assert failing == {
        "platforms-projects-fly-in-near-space-band",
        "platforms-nsp-payload-vs-uav",
        "platforms-near-space-above-stratosphere",
        "platforms-nsp-endurance-months-to-years",
        "platforms-nsp-payload-hundreds-of-kg",
    }


def test_every_claim_has_its_kind_and_states_the_source(default_claims) -> None:
    kinds = {i: c.kind for i, c in default_claims.items()}
    assert kinds.pop("platforms-table-endurance-conflicts") == "check"
    assert set(kinds.values()) == {"source"}
    for claim_id in kinds:
        c = default_claims[claim_id]
        assert "Near-space survey" in c.source and "Sec." in c.source, claim_id
        assert not c.statement.lower().startswith("the study"), claim_id
        # The survey's words are quoted or paraphrased, the finding is in the evidence.
        assert "verdict" not in c.statement.lower(), claim_id


def test_default_evidence_carries_the_numbers(default_claims) -> None:
    ev = {k: c.evidence for k, c in default_claims.items()}
    band = ev["platforms-projects-fly-in-near-space-band"]
    for name in ("Loon 18 km", "Elevate 18 km", "Jimu-1 9.05 km"):
        assert name in band
    assert "X-station" not in band and "3 of the 8" in band
    # Zephyr S's "exceeds 18 km" is a lower bound only: undetermined, not below the band.
    assert "undetermined: Zephyr S (above 18 km: a lower bound only)" in band
    assert "Zephyr S 12 kg" in ev["platforms-nsp-payload-vs-uav"]
    assert "5.46 %" in ev["platforms-stratosphere-pressure-20km"]
    assert "-56.50 degC" in ev["platforms-stratosphere-temperature-20km"]
    above = ev["platforms-near-space-above-stratosphere"]
    assert "11.02-51.41 km" in above and "above it: none" in above
    assert "Longest reported endurance: 312 d" in ev["platforms-nsp-endurance-months-to-years"]
    assert "(2 of 5)" in ev["platforms-nsp-payload-hundreds-of-kg"]
    assert "Elevate: Table I" not in ev["platforms-table-endurance-conflicts"]
    assert "Yuanmeng: Table I 48 days, text 2 days" in ev["platforms-table-endurance-conflicts"]


# ----------------------------------------------------------------- the reading parameter


@pytest.mark.parametrize(
    ("heavy_kg", "verdict", "count"),
    [(100.0, "holds", "(4 of 5)"), (200.0, "fails", "(2 of 5)"), (1000.0, "fails", "(0 of 5)")],
)
def test_hundreds_of_kilograms_follows_its_reading(heavy_kg, verdict, count) -> None:
    got = _claims(heavy_payload_kg=heavy_kg)["platforms-nsp-payload-hundreds-of-kg"]
    assert got.verdict == verdict and count in got.evidence
    assert f"{heavy_kg:g} kg or more" in got.statement


# ----------------------------------------------------------------- other data sets


def test_claims_fail_on_a_wrong_data_set() -> None:
    projects = load_nsp_projects()
    projects.loc[projects["project"] == "Zephyr S", "payload_kg"] = 250.0
    projects.loc[projects["project"] == "Stratobus", "size_m"] = 80.0
    projects.loc[projects["project"] == "Elevate", "endurance_days"] = 0.1
    got = _claims(projects)
    assert got["platforms-solar-uav-payload-under-200kg"].verdict == "fails"
    assert got["platforms-airships-over-100m"].verdict == "fails"
    assert got["platforms-nsp-endurance-beyond-uav"].verdict == "fails"
    # Zephyr S no longer below 20 kg: the survey's UAV contrast now holds.
    assert got["platforms-nsp-payload-vs-uav"].verdict == "holds"


def test_the_survey_statements_hold_on_a_data_set_that_fits_them() -> None:
    projects = load_nsp_projects()
    projects.loc[projects["project"] == "Loon", "endurance_days"] = 800.0
    projects.loc[projects["payload_kg"].notna(), "payload_kg"] = 500.0
    stated = projects[["altitude_min_km", "altitude_max_km"]].notna().any(axis=1)
    projects.loc[stated, ["altitude_min_km", "altitude_max_km"]] = [60.0, 80.0]
    got = _claims(projects)
    for claim_id in (
        "platforms-nsp-endurance-months-to-years",
        "platforms-nsp-payload-hundreds-of-kg",
        "platforms-near-space-above-stratosphere",
        "platforms-projects-fly-in-near-space-band",
    ):
        assert got[claim_id].verdict == "holds", (claim_id, got[claim_id].evidence)
    # The data set no longer holds the survey's two endurance conflicts as flagged.
    projects.loc[projects["project"] == "Yuanmeng", "endurance_conflict"] = False
    assert _claims(projects)["platforms-table-endurance-conflicts"].verdict == "fails"


def test_no_stated_value_leaves_the_premise_out() -> None:
    projects = load_nsp_projects()
    projects[["altitude_min_km", "altitude_max_km", "payload_kg", "size_m"]] = np.nan
    got = _claims(projects)
    for claim_id in (
        "platforms-projects-fly-in-near-space-band",
        "platforms-near-space-above-stratosphere",
        "platforms-nsp-payload-vs-uav",
        "platforms-nsp-payload-hundreds-of-kg",
        "platforms-solar-uav-payload-under-200kg",
        "platforms-airships-over-100m",
    ):
        assert got[claim_id].verdict == "not_applicable", claim_id


# ----------------------------------------------------------------- tables and figures


def test_project_table_shows_every_project_without_nan() -> None:
    table = chapter.project_table(load_nsp_projects())
    assert len(table.frame) == 10
    assert "NaN" not in table.html and "&lt;NA&gt;" not in table.html and "<NA>" not in table.html
    assert "not given by the survey" in table.html
    assert "altitude min (km)" in table.frame.columns


def test_assumptions_follow_the_reading_parameter() -> None:
    table = chapter.assumptions_table(_params(heavy_payload_kg=150.0))
    row = table.set_index("quantity").loc["'hundreds of kilograms'"]
    assert row["value"] == "150 kg or more"
    assert table["source"].str.len().gt(0).all()


def test_prose_values_quote_the_computed_numbers() -> None:
    values = chapter.prose_values(_params(), load_nsp_projects())
    assert values["n_below_band"] == "3" and values["n_with_altitude"] == "8"
    assert values["isa_p_pct"] == "5.46" and values["isa_t"] == "-56.5"
    assert values["n_pay_heavy"] == "2" and values["light_range"] == "12-100"


def test_figures_read_at_their_display_width(tmp_path: Path) -> None:
    apply_style()
    projects = load_nsp_projects()
    tables = {
        "altitudes": (chapter.altitude_figure, chapter.altitude_table(projects)),
        "endurance": (chapter.endurance_figure, chapter.endurance_table(projects)),
        "payload": (chapter.payload_figure, chapter.payload_table(projects)),
    }
    saved = {
        name: save_figure(
            draw(data), data, figure_id=f"platforms-{name}", output_dir=tmp_path,
            parameters=_params(), title=name, missing_ok=list(data.columns), display=False,
        )
        for name, (draw, data) in tables.items()
    }  # fmt: skip
    atm = chapter.atmosphere_table()
    saved["atmosphere"] = save_figure(
        chapter.atmosphere_figure(atm, projects), atm, figure_id="platforms-atmosphere",
        output_dir=tmp_path, parameters=_params(), title="atmosphere", display=False,
    )  # fmt: skip
    for name, figure in saved.items():
        layout = figure.metadata["layout_check"]
        assert not layout["problems"], (name, layout["problems"])
        assert layout["min_text_px"] >= 10.0 and layout["natural_width_px"] <= 740.0, name
    plt.close("all")


# ----------------------------------------------------------------- the spec and the notebook


@pytest.mark.parametrize("raw", ["99", "1001", "nan", "heavy"])
def test_spec_refuses_out_of_range_values(raw: str) -> None:
    with pytest.raises(ParameterError, match=r"platforms: parameter heavy_payload_kg = "):
        SPEC.resolve([("heavy_payload_kg", raw)])


def test_spec_is_the_chapters_spec() -> None:
    assert chapter_spec("platforms") is SPEC
    assert SPEC.names == ("output_dir", "heavy_payload_kg")


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


def test_notebook_is_thin_and_shows_only_formatted_output() -> None:
    nb = _notebook()
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
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
        assert "display_table" not in src and "Markdown(" not in src, src[:60]
    text = "".join("".join(c["source"]) for c in nb["cells"])
    # Every claim the prose cites exists, and the word "lost" stays out of the page.
    cited = set(re_claims(text))
    assert cited and cited <= set(VERDICTS), cited - set(VERDICTS)
    assert " lost" not in text.lower()


def re_claims(text: str) -> list[str]:
    import re

    return re.findall(r'href="#claim-([a-z0-9-]+)"', text)
