"""sagin_lib.study.claims: the sources' statements as claims with verdicts, saved with provenance."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from sagin_lib.study import Claim, claim, save_claims
from sagin_lib.study.claims import claims_frame, claims_html


def test_claim_verdicts_follow_the_condition() -> None:
    assert claim("c-1", "s", "src", True, "e").verdict == "holds"
    assert claim("c-1", "s", "src", False, "e").verdict == "fails"
    assert claim("c-1", "s", "src", None, "e").verdict == "not_applicable"
    with pytest.raises(ValueError, match="claim_id"):
        Claim("Bad Id", "s", "src", "holds", "e")
    with pytest.raises(ValueError, match="verdict"):
        Claim("c-1", "s", "src", "maybe", "e")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="repeated"):
        claims_frame([claim("c-1", "s", "x", True, "e")] * 2)


def test_saved_claims_have_provenance_and_anchors(tmp_path: Path) -> None:
    claims = [claim("demo-a", "A <b>", "src", True, "1 < 2"), claim("demo-b", "B", "s", None, "n")]
    saved = save_claims(
        claims, chapter="demo", output_dir=tmp_path, parameters={"seed": 3}, display=False
    )
    table = pd.read_csv(saved.csv)
    assert list(table["verdict"]) == ["holds", "not_applicable"]
    meta = json.loads(saved.json.read_text())
    assert meta["verdicts"] == {"holds": 1, "fails": 0, "not_applicable": 1}
    assert meta["seed"] == 3 and len(meta["data"]["sha256"]) == 64
    html = claims_html(claims)
    assert 'id="claim-demo-a"' in html and "A &lt;b&gt;" in html
