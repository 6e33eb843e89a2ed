"""The validation chapter's study module: spec, claims at the defaults and where they flip, notebook."""

from __future__ import annotations

import ast
import json
import math
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from sagin_lib.study import ParameterError, chapter_spec
from sagin_lib.study import validation as ch
from sagin_lib.study.figures import apply_style, save_figure
from sagin_lib.study.validation.figures import _theory_groups

from .conftest import BOOK

VERDICTS = json.loads(
    (Path(__file__).resolve().parent / "verdicts" / "validation.json").read_text("utf-8")
)


def _run(p: dict[str, Any], relabel: bool = False) -> dict[str, Any]:
    """Every table and claim of the chapter; ``relabel`` swaps the two samplers' names."""
    domes = ch.domes_table(p)
    mc = ch.ppp_monte_carlo(domes, p)
    if relabel:
        swap = {ch.RIGHT: ch.WRONG, ch.WRONG: ch.RIGHT}
        mc = {k: v.assign(sampler=v["sampler"].map(swap)) for k, v in mc.items()}
    counts, ks, nn = ch.counts_table(mc), ch.ks_table(mc), ch.nn_table(mc)
    matern = ch.matern_table(p)
    tc, tk = ch.thomas_tables(p)
    claims = [
        *ch.ppp_claims(domes, counts, ks, nn, mc, p),
        *ch.matern_claims(matern, p),
        *ch.thomas_claims(tc, tk, p),
    ]
    tables = {
        "validation-counts": counts,
        "validation-uniformity": ch.uniformity_table(mc),
        "validation-ks": ks,
        "validation-nearest-neighbour": nn,
        "validation-hard-core": matern,
        "validation-thomas": tk,
    }
    return {"claims": {c.claim_id: c for c in claims}, "tables": tables, "domes": domes}


def _figures(run: dict[str, Any], p: dict[str, Any]) -> dict[str, plt.Figure]:
    """Every figure of the chapter, by id, from a run's tables."""
    t, order = run["tables"], list(run["domes"]["scenario"])
    return {
        "validation-counts": ch.plot_counts(t["validation-counts"], order),
        "validation-uniformity": ch.plot_uniformity(t["validation-uniformity"]),
        "validation-ks": ch.plot_ks(t["validation-ks"], order),
        "validation-nearest-neighbour": ch.plot_nearest_neighbour(
            t["validation-nearest-neighbour"], order
        ),
        "validation-hard-core": ch.plot_hard_core(t["validation-hard-core"], p),
        "validation-thomas": ch.plot_thomas(t["validation-thomas"], p),
    }


def _assert_figures_read_well(run: dict[str, Any], p: dict[str, Any], out) -> None:
    apply_style()
    for figure_id, fig in _figures(run, p).items():
        saved = save_figure(fig, run["tables"][figure_id], figure_id=figure_id, output_dir=out,
                            parameters=p, title="t", chapter="validation", display=False,
                            missing_ok=ch.MISSING_OK.get(figure_id, ()))  # fmt: skip
        plt.close(fig)
        assert saved.metadata["layout_check"]["problems"] == [], figure_id


def _params(**changes: Any) -> dict[str, Any]:
    return ch.SPEC.validate({**ch.SPEC.defaults(), **changes})


@pytest.fixture(scope="module")
def defaults() -> dict[str, Any]:
    return _run(_params())


def test_every_claim_has_its_pinned_verdict_at_the_defaults(defaults) -> None:
    claims = defaults["claims"]
    assert len(claims) == 13
    assert {cid: c.verdict for cid, c in claims.items()} == VERDICTS
    for c in claims.values():
        # Every claim of this chapter is one of the study's own Monte Carlo checks.
        assert c.kind == "check" and c.source.startswith(ch.STUDY), c.claim_id
        assert not c.evidence[0].islower() and c.evidence.endswith("."), c.evidence


def test_default_figures_read_well(defaults, tmp_path) -> None:
    _assert_figures_read_well(defaults, _params(), tmp_path)
    # The six Poisson curves of G coincide at equal mean counts: drawn once, and said so.
    nn = defaults["tables"]["validation-nearest-neighbour"]
    assert _theory_groups(nn, list(defaults["domes"]["scenario"])) == [
        list(defaults["domes"]["scenario"])
    ]


def test_tables_are_formatted_without_nan_or_index(defaults) -> None:
    t, order = defaults["tables"], list(defaults["domes"]["scenario"])
    ks = ch.ks_display(t["validation-ks"], order)
    # Underflowed p-values are labelled, tiny ones written as powers of ten.
    assert "(p-value)" in ks.html and "× 10⁻²" in ks.html
    assert "< 10⁻³⁰⁰" in ks.html or "&lt; 10⁻³⁰⁰" in ks.html
    for table in (
        ch.domes_display(defaults["domes"], _params()),
        ch.counts_display(t["validation-counts"]),
        ks,
        ch.nn_display(t["validation-nearest-neighbour"], order),
        ch.matern_display(t["validation-hard-core"]),
        ch.thomas_display(t["validation-thomas"]),
    ):
        assert "nan" not in table.html.lower() and "<th></th>" not in table.html


def test_default_tables_are_finite(defaults) -> None:
    for figure_id, table in defaults["tables"].items():
        numeric = table.select_dtypes("number")
        assert np.isfinite(numeric.to_numpy(dtype=float)).all(), figure_id


def test_swapped_samplers_flip_every_sampler_claim() -> None:
    # Feeding the wrong sampler's realisations as the "area-uniform" ones must flip the
    # sampler claims from holds to fails: the checks have teeth.
    claims = _run(_params(n_realisations=200), relabel=True)["claims"]
    for cid in (
        "validation-counts-right-sampler",
        "validation-counts-wrong-sampler-fails",
        "validation-ks-right-sampler",
        "validation-ks-wrong-sampler-fails",
        "validation-nn-right-sampler",
        "validation-nn-wrong-sampler-fails",
    ):
        assert claims[cid].verdict == "fails", (cid, claims[cid].evidence)


def test_few_realisations_make_the_statistical_claims_not_applicable(tmp_path) -> None:
    p = _params(
        mean_nodes=0.01, n_realisations=2, hard_core_realisations=2, thomas_realisations=2,
        hard_core_parent_densities_per_km2=[1e-6], hard_core_km=0.0,
        thomas_parent_density_per_km2=1e-7, thomas_mean_children=0.1,
    )  # fmt: skip
    run = _run(p)
    verdicts = {cid: c.verdict for cid, c in run["claims"].items()}
    assert set(verdicts.values()) == {"not_applicable"}, verdicts
    assert "Only 2 realisations" in run["claims"]["validation-counts-right-sampler"].evidence
    # Every figure of such a run still saves and reads well (undefined statistics as empty
    # cells, never inf).
    _assert_figures_read_well(run, p, tmp_path)
    for figure_id in run["tables"]:
        saved = pd.read_csv(tmp_path / f"{figure_id}.csv")
        assert not np.isinf(saved.select_dtypes("number").to_numpy(dtype=float)).any()


def test_mean_nodes_five_runs_and_gates_the_weakest_test() -> None:
    claims = _run(_params(mean_nodes=5.0))["claims"]
    assert claims["validation-counts-right-sampler"].holds
    assert claims["validation-ks-right-sampler"].holds
    # 400 realisations of 5 nodes: the wrong sampler's expected inner-count z is about 16,
    # enough for the count and KS tests, just short of what the G test needs.
    assert claims["validation-counts-wrong-sampler-fails"].holds
    assert claims["validation-nn-wrong-sampler-fails"].verdict == "not_applicable"


def test_power_of_the_wrong_sampler_tests() -> None:
    p = _params()
    domes = ch.domes_table(p)
    z = ch.wrong_inner_z(domes, p)
    assert z.to_numpy() == pytest.approx(0.25 * math.sqrt(2 * 400 * 50), rel=0.01)
    # Polar-uniform area fraction: law sqrt(u) for small domes, KS distance 1/4.
    assert ch.wrong_ks_distance("area fraction", 1e-3, 50.0) == pytest.approx(0.25, abs=1e-3)
    assert 0.1 < ch.wrong_ks_distance("contact distance", 1e-3, 50.0) < 1.0
    assert ch.ks_critical(1e-4) == pytest.approx(2.2253, abs=1e-4)


def test_hard_core_distance_claim_fails_when_nodes_are_too_close() -> None:
    p = _params()
    matern = pd.DataFrame(
        {"parent_density_per_km2": [1e-3], "expected_count": [50.0], "z": [0.0],
         "min_distance_km": [9.5]}
    )  # fmt: skip
    claims = {c.claim_id: c for c in ch.matern_claims(matern, p)}
    assert claims["validation-hard-core-distance"].verdict == "fails"
    assert "9.5000 km" in claims["validation-hard-core-distance"].evidence


@pytest.mark.parametrize(
    ("changes", "name"),
    [
        ({"mean_nodes": 0.0}, "mean_nodes"),
        ({"mean_nodes": 501.0}, "mean_nodes"),
        ({"n_realisations": 1}, "n_realisations"),
        ({"center_lat_deg": 91.0}, "center_lat_deg"),
        ({"hard_core_km": -1.0}, "hard_core_km"),
        ({"hard_core_parent_densities_per_km2": [1e-3, 1e-4]}, "hard_core_parent_densities"),
        ({"hard_core_parent_densities_per_km2": [0.0]}, "hard_core_parent_densities"),
        ({"thomas_parent_density_per_km2": 0.0}, "thomas_parent_density_per_km2"),
        ({"freq_ghz": 0.0}, "freq_ghz"),
        ({"air_alt_km": 100.0, "space_alt_km": 150.0, "mean_nodes": 1.0}, None),
        ({"air_alt_km": 100.0, "space_alt_km": 100.0}, "space_alt_km"),
        ({"mean_nodes": 500.0, "n_realisations": 1000}, "n_realisations"),
        ({"thomas_sigma_km": 50.0, "thomas_dome_radius_km": 200.0}, "thomas_sigma_km"),
        ({"hard_core_km": 100.0, "hard_core_parent_densities_per_km2": [0.01]}, "hard_core_km"),
        ({"hard_core_dome_radius_km": 1000.0, "hard_core_realisations": 1000}, "hard_core"),
        ({"thomas_dome_radius_km": 1000.0, "thomas_parent_density_per_km2": 0.01},
         "thomas_parent_density_per_km2"),
    ],
)  # fmt: skip
def test_spec_refuses_bad_values_naming_the_parameter(changes, name) -> None:
    if name is None:
        ch.SPEC.validate({**ch.SPEC.defaults(), **changes})  # the edges combined are allowed
        return
    with pytest.raises(ParameterError, match=name):
        ch.SPEC.validate({**ch.SPEC.defaults(), **changes})


def test_spec_is_the_chapters_and_its_defaults_are_allowed() -> None:
    assert chapter_spec("validation") is ch.SPEC
    assert ch.SPEC.names[0] == "output_dir"
    assert ch.SPEC.validate(ch.SPEC.defaults()) == ch.SPEC.defaults()


def _cells() -> list[dict[str, Any]]:
    return json.loads((BOOK / "validation.ipynb").read_text(encoding="utf-8"))["cells"]


def test_notebook_parameters_cell_equals_the_spec() -> None:
    cells = _cells()
    code = [c for c in cells if c["cell_type"] == "code"]
    assert code[0]["metadata"]["tags"] == ["parameters"]
    declared = []
    for line in "".join(code[0]["source"]).splitlines():
        if line.startswith("#"):
            continue
        node = ast.parse(line).body[0]
        assert isinstance(node, ast.AnnAssign)
        help_text = line.split("  # ", 1)[1]
        declared.append((node.target.id, ast.literal_eval(node.value), help_text))
    expected = [(p.name, p.default, p.help) for p in ch.SPEC.params]
    assert declared == expected


def test_notebook_is_thin() -> None:
    cells = _cells()
    code = [c for c in cells if c["cell_type"] == "code"]
    assert "chapter.SPEC.bind(globals())" in "".join(code[1]["source"])
    for cell in code[1:]:
        src = "".join(cell["source"])
        assert cell["metadata"].get("tags") == ["hide-input"], src[:60]
        assert len(src.splitlines()) <= 30
        tree = ast.parse(src)
        for node in ast.walk(tree):
            assert not isinstance(node, (ast.Assert, ast.FunctionDef, ast.ClassDef, ast.Lambda))
        assert "plt." not in src and "ax." not in src
    text = "".join("".join(c["source"]) for c in cells)
    assert text.count("save_claims(") == 1
    for name in ch.prose_numbers(ch.SPEC.defaults()):
        assert f"{{glue:text}}`{name}`" in text, name


@pytest.mark.slow
def test_notebook_runs_with_few_realisations(run_chapter) -> None:
    params = {"mean_nodes": 3.0, "n_realisations": 12, "hard_core_realisations": 5,
              "thomas_realisations": 5, "hard_core_parent_densities_per_km2": [1e-3]}  # fmt: skip
    out = run_chapter("validation", params)
    claims = pd.read_csv(out / "validation-claims.csv")
    assert len(claims) == 13 and set(claims["verdict"]) <= {"holds", "not_applicable"}
    assert (claims["verdict"] == "not_applicable").sum() >= 6
    meta = json.loads((out / "validation-claims.json").read_text(encoding="utf-8"))
    assert meta["parameters"]["n_realisations"] == 12
    hard = pd.read_csv(out / "validation-hard-core.csv")
    assert hard["parent_density_per_km2"].tolist() == [1e-3]
