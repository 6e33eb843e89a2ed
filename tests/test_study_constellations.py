"""The constellations chapter's study module: the spec, the claims at the defaults and where they flip."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib
import pytest

from sagin_lib.study import constellations as chapter
from sagin_lib.study import rerun

matplotlib.use("Agg")

EXPECTED = json.loads(
    (Path(__file__).resolve().parent / "verdicts" / "constellations.json").read_text(
        encoding="utf-8"
    )
)


def _claims(**changes):
    p = chapter.SPEC.validate({**chapter.SPEC.defaults(), **changes})
    res = chapter.compute(p)
    table = chapter.by_latitude(res)
    dist = chapter.distributions(res, p["distribution_latitudes_deg"])
    claims = chapter.chapter_claims(table, chapter.distance_table(dist), res)
    return {c.claim_id: c for c in claims}, table, res


@pytest.fixture(scope="module")
def defaults():
    return _claims()


def test_claims_at_the_defaults_have_their_pinned_verdicts(defaults) -> None:
    claims, _, _ = defaults
    assert {k: c.verdict for k, c in claims.items()} == EXPECTED
    assert claims["constellations-ppp-density-stands-for-shell"].kind == "source"
    assert all(
        c.kind == "check"
        for k, c in claims.items()
        if k != "constellations-ppp-density-stands-for-shell"
    )


def test_the_figure_data_have_the_required_columns(defaults) -> None:
    _, table, res = defaults
    vis = chapter.visible_table(table)
    assert list(vis.columns) == ["altitude_km", "inclination_deg", "n_planes", "sats_per_plane",
                                 "latitude_deg", "model", "mean_visible", "p_none"]  # fmt: skip
    assert set(vis["model"]) == {"sgp4", "bpp", "nonhomogeneous"}
    mean = chapter.wide(table, "mean_visible")
    # The numbers for this shell: 6.9 on the equator, 19.2 at 50 deg, 8.6 uniform.
    assert mean.loc[0.0, "sgp4"] == pytest.approx(6.9, abs=0.1)
    assert mean.loc[50.0, "nonhomogeneous"] == pytest.approx(19.2, abs=0.15)
    assert (mean["bpp"] == mean["bpp"].iloc[0]).all()
    bands = chapter.errors_by_band(table)
    assert bands["band"].tolist() == ["0–30°", "30–50°", "50–70°", "70–90°"]
    assert bands["nonhomogeneous_max_rel_error_pct"].iloc[0] < 2.0


def test_a_near_polar_shell_leaves_no_latitude_beyond_its_reach() -> None:
    claims, table, _ = _claims(inclination_deg=87.9, n_planes=12, sats_per_plane=12,
                               altitude_km=1200.0, duration_h=3.0, time_step_s=120.0)  # fmt: skip
    assert (
        claims["constellations-none-visible-above-inclination-plus-psi"].verdict == "not_applicable"
    )
    mean = chapter.wide(table, "mean_visible")
    assert mean["sgp4"].iloc[-1] > mean["sgp4"].iloc[0]  # polar planes crowd over the poles


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        (
            "inclination_deg",
            "181",
            r"constellations: parameter inclination_deg = 181 deg is out of range",
        ),
        ("n_planes", "0", r"constellations: parameter n_planes = 0 is out of range"),
        ("sats_per_plane", "0", r"constellations: parameter sats_per_plane = 0 is out of range"),
        ("altitude_km", "250", r"constellations: parameter altitude_km = 250 km is out of range"),
    ],
)
def test_out_of_range_shells_are_refused_before_running(name, raw, message) -> None:
    with pytest.raises(rerun.RerunError, match=message):
        rerun.resolve_parameters("constellations", [(name, raw)])


def test_relations_between_parameters_are_refused() -> None:
    with pytest.raises(rerun.RerunError, match="phasing < n_planes"):
        rerun.resolve_parameters("constellations", [("n_planes", "4"), ("phasing", "4")])
    with pytest.raises(rerun.RerunError, match=r"time_step_s <= 3600 \* duration_h"):
        rerun.resolve_parameters("constellations", [("duration_h", "0.5"), ("time_step_s", "3600")])
