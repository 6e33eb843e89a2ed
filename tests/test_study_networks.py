"""The networks chapter's study layer: spec, tables, claims and their regimes."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sagin_lib.platforms.haps_coverage import coverage_probability_semianalytic
from sagin_lib.study import networks as chapter
from sagin_lib.study.figures import apply_style, save_figure
from sagin_lib.study.networks import compute_energy
from sagin_lib.study.networks import compute_sensitivity as sensitivity
from sagin_lib.study.spec import ParameterError

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

BOOK = Path(__file__).resolve().parent.parent / "book"
NOTEBOOK = BOOK / "networks.ipynb"
VERDICTS = json.loads((Path(__file__).resolve().parent / "verdicts" / "networks.json").read_text())
SPEC = chapter.SPEC
#: A cheap run for the regime tests.
CHEAP = {"ee_drops": 40, "ee_users": 8, "n_users": 300, "n_haps_max": 60, "n_haps_step": 20}


def _params(**changes: Any) -> dict[str, Any]:
    return SPEC.validate({**SPEC.defaults(), **changes})


def _claims(**changes: Any) -> dict[str, Any]:
    return {c.claim_id: c for c in chapter.chapter_claims(_params(**{**CHEAP, **changes}))}


@pytest.fixture(scope="module")
def default_run() -> dict[str, Any]:
    params = SPEC.defaults()
    ee = chapter.ee_table(params)
    cov = chapter.coverage_table(params)
    direct = chapter.direct_access_table(params)
    claims = chapter.chapter_claims(params, ee_data=ee, cov_data=cov, direct_data=direct)
    claims = {c.claim_id: c for c in claims}
    return {"params": params, "ee": ee, "cov": cov, "direct": direct, "claims": claims}


# ----------------------------------------------------------------- defaults


def test_the_verdicts_at_the_defaults_are_the_pinned_ones(default_run) -> None:
    claims = default_run["claims"]
    assert {i: c.verdict for i, c in claims.items()} == VERDICTS
    checks = {i for i, c in claims.items() if c.kind == "check"}
    assert checks == {
        "networks-direct-mc-agrees-with-theory",
        "networks-direct-mc-visibility-agrees",
        "networks-direct-fading-within-visibility",
        "networks-mc-agrees-with-analysis",
    }
    for claim_id, c in claims.items():
        if c.kind == "source":
            assert "Fig. 9" in c.statement and "Sec. IV-A" in c.source, claim_id
        else:
            assert c.source == "This study", claim_id


def test_default_evidence_carries_the_numbers_and_the_regime(default_run) -> None:
    ee = default_run["claims"]["networks-cell-free-more-energy-efficient"].evidence
    for text in ("4 HAPS", "32 HAPS", "break-even backhaul", "0.25 W per Gbit/s", "Regime"):
        assert text in ee
    mc = default_run["claims"]["networks-mc-agrees-with-analysis"]
    assert "336" in mc.evidence and "Bonferroni" in mc.statement
    fading = default_run["claims"]["networks-direct-fading-within-visibility"].evidence
    assert "At 84 of 84 points" in fading and "raises it nowhere" in fading


def test_default_headline_numbers(default_run) -> None:
    summary = chapter.ee_summary(default_run["ee"], default_run["params"])
    assert list(summary["n_haps"]) == [4, 8, 16, 32]
    # With the element pattern and the EARTH power per chain with sleep, cell-free
    # still wins at every count, by less than the first version's factor of 1.5-1.9.
    assert (summary["ratio"] > 1.0).all() and (summary["ratio"] < 1.3).all()
    # The energy efficiency falls with more HAPS in both architectures (static power).
    assert np.all(np.diff(summary["median_cellular_mbit_per_j"]) < 0)
    # The pattern costs 17.7 dB at the visibility edge: the 5 dB reach is link-limited.
    model = chapter.network_model(default_run["params"])
    assert model.access_angle_rad * 6371 == pytest.approx(74.2, abs=0.1)
    assert model.visible_angle_rad * 6371 == pytest.approx(107.9, abs=0.1)
    quote = chapter.coverage_summary(default_run["cov"])
    assert set(quote["n_haps"]) == {100} and list(quote["n_sats"]) == [20, 50, 100, 300]
    assert np.all(np.diff(quote["cellular_analysis"]) > 0)
    assert (quote["direct_access_analysis"] > quote["cell_free_upper"]).all()


def test_tables_are_finite_and_reproducible(default_run) -> None:
    for df in (default_run["ee"], default_run["cov"]):
        assert np.all(np.isfinite(df.select_dtypes("number").to_numpy()))
    again = chapter.coverage_table(default_run["params"])
    assert again.equals(default_run["cov"])
    cdf = default_run["ee"].groupby(["architecture", "n_haps"])["cdf"].max()
    np.testing.assert_allclose(cdf, 1.0)


# ----------------------------------------------------------------- regimes


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # A costly backhaul: cell-free forwards every user's bits over every HAPS.
        (
            {"backhaul_power_w_per_gbps": 2000.0},
            {"networks-cell-free-more-energy-efficient": "fails"},
        ),
        ({"ee_haps_counts": [1]}, {"networks-cell-free-more-energy-efficient": "not_applicable"}),
        ({"sat_counts": [0]}, {"networks-coverage-rises-with-haps": "not_applicable"}),
        ({"n_haps_max": 0}, {"networks-coverage-rises-with-haps": "not_applicable"}),
        # No satellite can be reached from a HAPS: nothing to rise.
        (
            {"backhaul_eirp_dbw": 0.0, "backhaul_snr_threshold_db": 30.0},
            {"networks-coverage-rises-with-haps": "not_applicable"},
        ),
        ({"fading": "none"}, {"networks-direct-fading-within-visibility": "not_applicable"}),
        ({"n_haps_max": 0}, {"networks-direct-coverage-rises-with-haps": "not_applicable"}),
        ({"sat_counts": [0]}, {"networks-direct-coverage-rises-with-sats": "not_applicable"}),
        (
            {"n_users": 1},
            {
                "networks-direct-mc-agrees-with-theory": "not_applicable",
                "networks-direct-mc-visibility-agrees": "not_applicable",
            },
        ),
        # The link budget limits every range: the fading bound has no premise.
        (
            {"access_snr_threshold_db": 20.0},
            {"networks-direct-fading-within-visibility": "not_applicable"},
        ),
    ],
)
def test_claims_flip_where_expected(changes, expected) -> None:
    claims = _claims(**changes)
    for claim_id, verdict in expected.items():
        assert claims[claim_id].verdict == verdict, claims[claim_id].evidence


def test_break_even_matches_the_flip() -> None:
    # Eight users per drop make cellular the more efficient (see the sensitivity
    # table); the break-even is checked at the default load.
    params = _params(**{**CHEAP, "ee_users": 20})
    ee = chapter.ee_table(params)
    summary = chapter.ee_summary(ee, params)
    tie = float(summary["break_even_backhaul_w_per_gbps"].min())
    below = _claims(backhaul_power_w_per_gbps=0.5 * tie, ee_users=20)
    assert below["networks-cell-free-more-energy-efficient"].verdict == "holds"
    high = float(summary["break_even_backhaul_w_per_gbps"].max())
    above = _claims(backhaul_power_w_per_gbps=3.0 * high, ee_users=20)
    assert above["networks-cell-free-more-energy-efficient"].verdict == "fails"


def test_no_link_closes_without_fading_is_a_result_not_a_crash() -> None:
    # At a 40 dB threshold no platform closes its link on its mean SNR: without fading
    # nobody is covered, while a favourable Rayleigh fade still covers some users.
    got = _claims(access_snr_threshold_db=40.0)
    rise = got["networks-direct-coverage-rises-with-haps"]
    assert rise.verdict == "holds"
    assert "no HAPS can serve" in rise.evidence and "skipped" in rise.evidence
    assert got["networks-direct-fading-within-visibility"].verdict == "not_applicable"
    values = chapter.prose_values(
        _params(**CHEAP, access_snr_threshold_db=40.0),
        chapter.ee_summary(chapter.ee_table(_params(**CHEAP)), _params(**CHEAP)),
        chapter.coverage_table(_params(**CHEAP)),
        chapter.direct_access_table(_params(**CHEAP, access_snr_threshold_db=40.0)),
    )
    assert int(values["n_fading_gains"]) > 0
    flat = _claims(access_snr_threshold_db=40.0, fading="none")
    assert flat["networks-direct-coverage-rises-with-haps"].verdict == "not_applicable"


def test_direct_access_checks_fail_on_a_wrong_theory() -> None:
    params = _params(**CHEAP)
    direct = chapter.direct_access_table(params)
    shifted = direct.copy()
    shifted.loc[5, "z_score"] = 4.5
    got = {c.claim_id: c for c in chapter.chapter_claims(params, direct_data=shifted)}
    assert got["networks-direct-mc-agrees-with-theory"].verdict == "fails"
    # A fading curve above the visibility probability breaks the bound.
    lifted = direct.copy()
    faded = lifted["fading"] != "none"
    lifted.loc[faded, "closed_form"] = lifted.loc[faded, "p_visible_closed_form"] + 0.01
    got = {c.claim_id: c for c in chapter.chapter_claims(params, direct_data=lifted)}
    assert got["networks-direct-fading-within-visibility"].verdict == "fails"


def test_direct_access_matches_the_relay_tables_closed_form(default_run) -> None:
    # The relay figure's data file keeps the direct-access closed form; it is the
    # no-fading theory that figure networks-haps-coverage draws.
    direct = default_run["direct"]
    none = direct[direct["fading"] == "none"].set_index(["n_haps", "n_sats"])["closed_form"]
    relay = default_run["cov"].set_index(["n_haps", "n_sats"])["direct_access_analysis"]
    np.testing.assert_allclose(none.loc[relay.index], relay, rtol=1e-12)


def test_mc_claim_fails_on_a_wrong_analysis() -> None:
    params = _params(**CHEAP)
    cov = chapter.coverage_table(params)
    cov["p_value_cellular"] = 1e-9  # as if the Monte Carlo had missed its closed form
    claims = {c.claim_id: c for c in chapter.chapter_claims(params, cov_data=cov)}
    assert claims["networks-mc-agrees-with-analysis"].verdict == "fails"


# ----------------------------------------------------------------- parameters


def test_spec_matches_the_parameters_cell() -> None:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
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
        assert default == SPEC[name].default and type(default) is type(SPEC[name].default)
        assert help_text == SPEC[name].help, name


def test_notebook_is_thin_and_cites_known_keys() -> None:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert "".join(cells[1]["source"]).strip() == (
        "from sagin_lib.study import networks as chapter\n\nparams = chapter.SPEC.bind(globals())"
    )
    for cell in cells[1:]:
        src = "".join(cell["source"])
        assert cell["metadata"].get("tags") == ["hide-input"] and not cell["outputs"]
        assert len(src.splitlines()) <= 30
        kinds = (ast.Assert, ast.FunctionDef, ast.ClassDef, ast.Lambda)
        assert not [n for n in ast.walk(ast.parse(src)) if isinstance(n, kinds)]
    text = "".join("".join(c["source"]) for c in nb["cells"])
    keys = set()
    for group in re.findall(r"\{cite\}`([^`]+)`", text):
        keys.update(k.strip() for k in group.split(","))
    bib = "".join(p.read_text(encoding="utf-8") for p in (BOOK / "bib").glob("*.bib"))
    known = set(re.findall(r"@\w+\{([^,]+),", bib))
    assert keys and keys <= known, keys - known
    networks_bib = (BOOK / "bib" / "networks.bib").read_text(encoding="utf-8")
    assert all(k.startswith("net-") for k in re.findall(r"@\w+\{([^,]+),", networks_bib))
    for label in re.findall(r"\{eq\}`([^`]+)`", text):
        assert f"$$ ({label})" in text, label
    cited = set(re.findall(r'href="#claim-([a-z0-9-]+)"', text))
    assert cited == set(VERDICTS), set(VERDICTS) ^ cited
    # "lost" appears once, in the one admonition that says what the source text lost.
    assert text.lower().count("lost") == 2 and ":class: sagin-lost" in text
    assert 'figure_id="networks-assumptions"' not in text  # the assumptions are a table only


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        ({"haps_alt_km": 120.0}, "haps_alt_km"),
        ({"n_haps_max": 1000, "n_haps_step": 1}, "n_haps_max / n_haps_step"),
        ({"ee_haps_counts": [8, 4]}, "ee_haps_counts"),
        ({"static_power_w": 0.0}, "static_power_w"),
    ],
)
def test_out_of_range_values_are_refused(changes, match) -> None:
    with pytest.raises(ParameterError, match=match):
        _params(**changes)


def test_assumptions_table_names_every_source() -> None:
    table = chapter.assumptions_table(SPEC.defaults())
    assert table["source"].str.len().gt(0).all()
    sources = " ".join(table["source"])
    for name in ("TR 38.821", "TR 38.811", "ITU-R P.525", "ITU-R P.676", "Auer", "Ngo"):
        assert name in sources
    assert "not in our sources" in table.iloc[0]["value"]
    assert table.set_index("quantity").loc["fading of the serving link", "value"] == "rayleigh"
    assert not hasattr(chapter, "assumptions_figure")  # the table is a table, not a PNG


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.fixed_dictionaries(
        {
            "min_elevation_deg": st.sampled_from([0.0, 45.0, 80.0]),
            "haps_alt_km": st.sampled_from([8.0, 100.0]),
            "access_snr_threshold_db": st.sampled_from([-10.0, 20.0, 40.0]),
            "haps_antennas": st.sampled_from([1, 256]),
            "ee_users": st.integers(1, 6),
            "ee_haps_counts": st.sampled_from([[1], [1, 2], [3, 100]]),
            "ee_drops": st.integers(1, 5),
            "ee_region_radius_km": st.sampled_from([1.0, 500.0]),
            "cov_region_radius_km": st.sampled_from([10.0, 20000.0]),
            "sat_counts": st.sampled_from([[0], [0, 2000], [1]]),
            "n_users": st.integers(1, 30),
            "n_haps_max": st.sampled_from([0, 40]),
            "n_haps_step": st.sampled_from([20, 1000]),
            "backhaul_min_elevation_deg": st.sampled_from([0.0, 80.0]),
            "fading": st.sampled_from(["none", "rayleigh", "nakagami"]),
            "nakagami_m": st.sampled_from([0.5, 20.0]),
            "freq_ghz": st.sampled_from([0.05, 300.0]),
        }
    )
)
def test_extreme_parameters_run_to_the_end(values) -> None:
    import tempfile

    apply_style()
    params = _params(**values)
    ee = chapter.ee_table(params)
    cov = chapter.coverage_table(params)
    direct = chapter.direct_access_table(params)
    claims = chapter.chapter_claims(params, ee_data=ee, cov_data=cov, direct_data=direct)
    assert {c.verdict for c in claims} <= {"holds", "fails", "not_applicable"}
    with tempfile.TemporaryDirectory() as out:
        for name, fig, data in (
            ("ee", chapter.ee_figure(ee), ee),
            ("relay", chapter.coverage_figure(cov), cov),
            ("direct", chapter.direct_access_figure(direct, params), direct),
        ):
            saved = save_figure(
                fig, data, figure_id=name, output_dir=out, parameters=params, title=name,
                display=False,
            )  # fmt: skip
            plt.close(fig)
            assert not saved.metadata["layout_check"]["problems"], (name, values)
    summary = chapter.ee_summary(ee, params)
    assert chapter.prose_values(params, summary, cov, direct)
    for table in (
        chapter.ee_display(summary),
        chapter.direct_access_summary(direct),
        chapter.coverage_summary_display(chapter.coverage_summary(cov)),
    ):
        assert "NaN" not in table.html and "..." not in table.html


def test_power_and_phase_regimes_of_the_cell_free_gain() -> None:
    params = _params(ee_drops=100)
    variants = chapter.ee_variants(params).set_index("variant")["ratio"]
    # Switching idle HAPS off, or losing the common phase, turns the verdict.
    assert variants["per chain, idle off"] < 1.0 < variants["per chain, idle asleep"]
    assert variants["as run, unsynchronised HAPS"] < 1.0
    assert variants["first version (isotropic-peak, per payload, idle on)"] > 1.5
    for changes in ({"idle_mode": "off"}, {"phase_sync": "unsynchronised"}):
        got = _claims(**{**changes, "ee_users": 20})
        assert got["networks-cell-free-more-energy-efficient"].verdict == "fails"


def test_sensitivity_sweep_and_robustness() -> None:
    params = _params(**{**CHEAP, "ee_users": 20})
    sweep = chapter.sensitivity_table(params)
    n_settings = 2 * len(chapter.SENSITIVITY_RANGES) + sum(
        len(SPEC[n].choices) - 1 for n, _ in chapter.SENSITIVITY_CHOICES
    )
    assert len(sweep) == (n_settings + 1) * len(chapter.HEADLINES)
    assert sweep["headline_value"].notna().all()
    # Swept verdicts at the defaults agree with the chapter's own claims.
    claims = _claims(ee_users=20)
    first = sweep[(sweep["end"] == "default")].iloc[0]
    for c in sensitivity._SWEPT_CLAIMS:
        assert first[f"verdict_{c}"] == claims[c].verdict, c
    table = chapter.claim_robustness_table(params, sweep).set_index("claim")
    ee = table.loc["networks-cell-free-more-energy-efficient"]
    assert not ee["robust"] and "idle_mode = off: fails" in ee["flips"]
    # The flip value reported for the static power is where the verdict changes.
    flip = [f for f in ee["flips"].split("; ") if f.startswith("static_power_w")]
    if flip:
        at = float(flip[0].split("about ")[1].split()[0])
        lo = sensitivity._swept_verdicts({**params, "static_power_w": at * 0.97})
        hi = sensitivity._swept_verdicts({**params, "static_power_w": at * 1.03})
        key = "networks-cell-free-more-energy-efficient"
        assert lo[key] == "holds" and hi[key] == "fails"
    fig = chapter.sensitivity_figure(sweep)
    assert len(fig.axes) == 4
    plt.close(fig)


def test_the_sweeps_kept_results_are_those_computed_afresh() -> None:
    # The sweep's efficiency ratios come from rates and link gains kept across
    # settings: they are the medians of the chapter's own table under a change
    # of the power model, of the SINR, of the link gains and of the drops.
    base = _params(ee_drops=30, ee_users=6, ee_haps_counts=[3, 6])
    for changes in (
        {},
        {"static_power_w": 60.0, "idle_mode": "off", "power_chains": "per-payload"},
        {"haps_tx_power_dbm": 37.0, "haps_antennas": 4, "phase_sync": "unsynchronised"},
        {"haps_element_gain_dbi": 5.0, "haps_pattern": "isotropic-peak"},
        {"ee_region_radius_km": 80.0, "ee_users": 5},
    ):
        ee = chapter.ee_table({**base, **changes})
        for n, block in ee.groupby("n_haps"):
            med = block.groupby("architecture")["energy_efficiency_bit_per_j"].median()
            want = med["cell-free"] / med["cellular"]
            assert compute_energy._ee_ratio(base, int(n), **changes) == want, (changes, n)
    # The direct-access curves kept by the sweep: each count integrated on its own.
    model = chapter.direct_access_model(base)
    curve = sensitivity._direct_curve(model, (0, 10, 60), 20)
    assert not curve.flags.writeable
    for got, n in zip(curve, (0, 10, 60), strict=True):
        assert got == float(coverage_probability_semianalytic(model, n, 20))
    # One verdict alone is the one of the full set; the others are not computed.
    params = _params(**CHEAP)
    full = sensitivity._swept_verdicts(params)
    for claim in sensitivity._SWEPT_CLAIMS:
        alone = sensitivity._swept_verdicts(params, claim)
        assert alone[claim] == full[claim]
        assert {v for c, v in alone.items() if c != claim} == {"not_applicable"}
