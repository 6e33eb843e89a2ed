"""Claims: what the sources state, computed under a run's parameters, with a verdict.

A chapter never asserts a source's statement: a reader's parameters may put
the model in a regime where the statement no longer holds (case 1 of the
uplinks, say), and that is a result, not a crash. Each statement becomes a
:class:`Claim` whose verdict is computed from the run's numbers:

* ``holds``: the statement is true under these parameters;
* ``fails``: it is false, and ``evidence`` gives the numbers that show it;
* ``not_applicable``: its premise does not arise under these parameters.

:func:`save_claims` writes a chapter's claims as ``<chapter>-claims.csv`` with
a JSON provenance record beside it (like a figure), and shows them as a table.
The tests assert that every claim holds at the defaults.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from sagin_lib.study.provenance import provenance_record, sha256_file

Verdict = Literal["holds", "fails", "not_applicable"]
VERDICTS: tuple[str, ...] = ("holds", "fails", "not_applicable")
CLAIM_COLUMNS: tuple[str, ...] = ("claim_id", "statement", "source", "verdict", "evidence")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_MARK = {"holds": "✓ holds", "fails": "✗ fails", "not_applicable": "– not applicable"}


@dataclass(frozen=True)
class Claim:
    """One statement of a source, checked under a run's parameters.

    Parameters
    ----------
    claim_id : str
        Stable identifier (lower-case letters, digits, hyphens), prefixed by
        the chapter, e.g. ``coverage-uplink-shrinks-with-frequency``.
    statement : str
        The statement, in the study's words.
    source : str
        Where it comes from: paper and section, figure or table.
    verdict : {"holds", "fails", "not_applicable"}
        The computed verdict.
    evidence : str
        The numbers behind the verdict, in words.
    """

    claim_id: str
    statement: str
    source: str
    verdict: Verdict
    evidence: str

    def __post_init__(self) -> None:
        if not _ID.match(self.claim_id):
            raise ValueError(
                f"claim_id must use lower-case letters, digits and hyphens; got {self.claim_id!r}"
            )
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {VERDICTS}; got {self.verdict!r}")
        for name in ("statement", "source", "evidence"):
            if not getattr(self, name).strip():
                raise ValueError(f"{name} of claim {self.claim_id} must not be empty")

    @property
    def holds(self) -> bool:
        """True when the verdict is ``holds``."""
        return self.verdict == "holds"


def claim(
    claim_id: str,
    statement: str,
    source: str,
    condition: bool | np.bool_ | None,
    evidence: str,
) -> Claim:
    """A claim whose verdict follows a computed condition.

    ``condition`` True gives ``holds``, False ``fails`` and None
    ``not_applicable`` (the premise does not arise under the parameters).
    """
    verdict: Verdict = (
        "not_applicable" if condition is None else ("holds" if bool(condition) else "fails")
    )
    return Claim(claim_id, statement, source, verdict, evidence)


def claims_frame(claims: Iterable[Claim]) -> pd.DataFrame:
    """The claims as a DataFrame with columns :data:`CLAIM_COLUMNS`.

    Raises
    ------
    ValueError
        If two claims share an id.
    """
    rows = [asdict(c) for c in claims]
    ids = [r["claim_id"] for r in rows]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise ValueError(f"claim ids must be unique; repeated: {duplicated}")
    return pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))


def claims_html(claims: Sequence[Claim]) -> str:
    """An HTML table of the claims, each row anchored at ``#claim-<claim_id>``."""
    head = "".join(f"<th>{h}</th>" for h in ("claim", "statement", "source", "verdict", "evidence"))
    rows = []
    for c in claims:
        rows.append(
            f'<tr id="claim-{c.claim_id}" class="sagin-claim sagin-claim-{c.verdict}">'
            f"<td><code>{html.escape(c.claim_id)}</code></td>"
            f"<td>{html.escape(c.statement)}</td>"
            f"<td>{html.escape(c.source)}</td>"
            f"<td><strong>{_MARK[c.verdict]}</strong></td>"
            f"<td>{html.escape(c.evidence)}</td></tr>"
        )
    return (
        '<table class="sagin-claims table">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


@dataclass(frozen=True)
class SavedClaims:
    """Where a chapter's claims were written, and the table itself."""

    csv: Path
    json: Path
    table: pd.DataFrame

    def counts(self) -> dict[str, int]:
        """Number of claims per verdict."""
        return {v: int((self.table["verdict"] == v).sum()) for v in VERDICTS}


def save_claims(
    claims: Sequence[Claim],
    *,
    chapter: str,
    output_dir: str | os.PathLike[str],
    parameters: Mapping[str, Any],
    display: bool = True,
) -> SavedClaims:
    """Write a chapter's claims as ``<chapter>-claims.csv`` and ``.json``; show them.

    Parameters
    ----------
    claims : sequence of Claim
        The chapter's claims, in reading order.
    chapter : str
        The chapter name; it prefixes the files.
    output_dir : path-like
        The chapter's output folder (created if missing).
    parameters : mapping
        The run's checked parameters, recorded in the JSON.
    display : bool, optional
        In IPython, show the claims as a table with anchors and a download link.

    Returns
    -------
    SavedClaims
    """
    if not claims:
        raise ValueError("claims must not be empty")
    table = claims_frame(claims)
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    csv = out / f"{chapter}-claims.csv"
    meta = out / f"{chapter}-claims.json"
    table.to_csv(csv, index=False, lineterminator="\n")
    record = {
        "claims_of": chapter,
        "chapter": chapter,
        "verdicts": {v: int((table["verdict"] == v).sum()) for v in VERDICTS},
        "parameters": dict(parameters),
        "seed": parameters.get("seed"),
        **provenance_record(),
        "data": {"file": csv.name, "sha256": sha256_file(csv), "rows": int(len(table))},
    }
    meta.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    saved = SavedClaims(csv, meta, table)
    if display:
        _show(claims, saved)
    return saved


def _show(claims: Sequence[Claim], saved: SavedClaims) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import HTML, Markdown
        from IPython.display import display as ipy_display
    except ImportError:  # pragma: no cover - IPython ships with the notebook stack
        return
    if get_ipython() is None:
        return
    counts = saved.counts()
    summary = ", ".join(f"{n} {v.replace('_', ' ')}" for v, n in counts.items() if n)
    ipy_display(HTML(claims_html(claims)))
    rel = {
        k: Path(os.path.relpath(p)).as_posix()
        for k, p in (("csv", saved.csv), ("json", saved.json))
    }
    ipy_display(
        Markdown(
            f"Claims under this run's parameters: {summary}. [CSV]({rel['csv']}) · [JSON]({rel['json']})"
        )
    )
