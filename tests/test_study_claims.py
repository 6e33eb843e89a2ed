"""sagin_lib.study.claims: the sources' statements as claims with verdicts, saved with provenance."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from sagin_lib.study import Claim, claim, save_claims
from sagin_lib.study.claims import CLAIM_COLUMNS, claims_frame, claims_html, claims_summary


def test_claim_verdicts_follow_the_condition() -> None:
    assert claim("c-1", "s", "src", True, "e", kind="source").verdict == "holds"
    assert claim("c-1", "s", "src", False, "e", kind="source").verdict == "fails"
    assert claim("c-1", "s", "src", None, "e", kind="check").verdict == "not_applicable"
    with pytest.raises(ValueError, match="claim_id"):
        Claim("Bad Id", "s", "src", "holds", "e", kind="source")
    with pytest.raises(ValueError, match="verdict"):
        Claim("c-1", "s", "src", "maybe", "e", kind="source")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="kind"):
        Claim("c-1", "s", "src", "holds", "e", kind="finding")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="repeated"):
        claims_frame([claim("c-1", "s", "x", True, "e", kind="check")] * 2)


def test_a_statement_is_what_is_checked_not_the_finding() -> None:
    with pytest.raises(ValueError, match="not the study's finding"):
        claim("c-1", "The study finds that X fails.", "src", True, "e", kind="source")
    # The finding belongs in the evidence.
    ok = claim("c-1", "X holds.", "src", False, "The study finds that X fails.", kind="source")
    assert ok.verdict == "fails"


def test_titles_come_from_the_id_with_acronyms_in_capitals() -> None:
    c = claim("coverage-g2s-larger-than-a2s", "s", "src", True, "e", kind="source")
    assert c.title == "G2S larger than A2S"
    assert claim("x-haps-raise-coverage", "s", "s", True, "e", kind="check").title == (
        "HAPS raise coverage"
    )
    assert claim("x-insight2-downlinks", "s", "s", True, "e", kind="source").title == (
        "Insight 2 downlinks"
    )
    assert claim("x-x-station-network-area", "s", "s", True, "e", kind="source").title == (
        "X-station network area"
    )


def test_summary_counts_source_statements_and_checks_apart() -> None:
    claims = [
        claim("x-a", "A.", "S", True, "E", kind="source"),
        claim("x-b", "B.", "S", False, "E", kind="source"),
        claim("x-c", "C.", "S", False, "E", kind="source"),
        claim("x-d", "D.", "S", None, "E", kind="source"),
        claim("x-e", "E.", "S", True, "E", kind="check"),
    ]
    assert claims_summary(claims) == (
        "Of the source statements checked here: 1 holds, 2 fail, 1 not applicable. "
        "The study's own checks: 1 holds."
    )
    only_checks = claims_summary(claims[-1:])
    assert only_checks == "The study's own checks: 1 holds."


def test_saved_claims_have_provenance_kind_and_anchors(tmp_path: Path) -> None:
    claims = [
        claim("demo-a", "A <b>", "src", True, "1 < 2, 1.5e+07 km^2", kind="source"),
        claim("demo-b", "B", "s", None, "n", kind="check"),
        claim("demo-c", "C", "s", False, "lambda_a", kind="source"),
    ]
    saved = save_claims(
        claims, chapter="demo", output_dir=tmp_path, parameters={"seed": 3}, display=False
    )
    table = pd.read_csv(saved.csv)
    assert tuple(table.columns) == CLAIM_COLUMNS
    assert list(table["verdict"]) == ["holds", "not_applicable", "fails"]
    assert list(table["kind"]) == ["source", "check", "source"]
    meta = json.loads(saved.json.read_text())
    assert meta["verdicts"] == {"holds": 1, "fails": 1, "not_applicable": 1}
    assert meta["verdicts_by_kind"]["source"] == {"holds": 1, "fails": 1, "not_applicable": 0}
    assert meta["seed"] == 3 and len(meta["data"]["sha256"]) == 64
    assert "demo-claims.csv" in repr(saved) and len(repr(saved)) < 120
    html = claims_html(claims)
    for claim_id in ("demo-a", "demo-b", "demo-c"):
        assert f'id="claim-{claim_id}"' in html
    assert "A &lt;b&gt;" in html
    # Evidence in the book's notation; verdicts as badges; checks folded apart.
    assert "1.5 × 10⁷ km²" in html and "λ<sub>a</sub>" in html
    assert html.count('class="sagin-badge sagin-badge-fails"') == 1
    checks = html.index('<details class="sagin-claims-checks">')
    assert html.index('id="claim-demo-b"') > checks > html.index('id="claim-demo-c"')
