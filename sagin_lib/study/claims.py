"""Claims: what the sources state, computed under a run's parameters, with a verdict.

A chapter never asserts a source's statement: a reader's parameters may put
the model in a regime where the statement no longer holds (case 1 of the
uplinks, say), and that is a result, not a crash. Each statement becomes a
:class:`Claim` whose verdict is computed from the run's numbers.

A claim is of one of two kinds:

* ``source``: a statement of a source as the source makes it (quoted or
  closely paraphrased, with its location);
* ``check``: one of the study's own checks (a Monte Carlo against its closed
  form, an identity, a bound).

Its ``statement`` is what is checked, never the study's finding about it, and
its verdict says whether that statement holds under the run's parameters:

* ``holds``: the statement is true under these parameters;
* ``fails``: it is false, and ``evidence`` gives the numbers that show it;
* ``not_applicable``: its premise does not arise under these parameters.

What the study finds goes into ``evidence``. :func:`save_claims` writes a
chapter's claims as ``<chapter>-claims.csv`` with a JSON provenance record
beside it (like a figure), and shows them: a one-line count, then a compact
table (short title, verdict badge, statement) whose rows unfold to the evidence
and the source; the study's own checks fold into a second table. The tests pin
every claim's verdict at the defaults.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from sagin_lib.model._docs import fill_doc
from sagin_lib.study.provenance import provenance_record, recorded_parameters, sha256_file

Verdict = Literal["holds", "fails", "not_applicable"]
Kind = Literal["source", "check"]
VERDICTS: tuple[str, ...] = ("holds", "fails", "not_applicable")
KINDS: tuple[str, ...] = ("source", "check")
CLAIM_COLUMNS: tuple[str, ...] = (
    "claim_id",
    "kind",
    "statement",
    "source",
    "verdict",
    "evidence",
)
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
#: Names that ids write in lower case and hyphens, as titles write them.
_TITLE_WORDS = {
    "x station": "X-station",
    "skynet": "SkyNet",
    "loon": "Loon",
    "zephyr": "Zephyr",
    "yuanmeng": "Yuanmeng",
    "clarke": "Clarke",
    "ks": "KS",
}
_NUMBERED = re.compile(r"^([a-z]{3,})(\d+)$")
#: Words of claim ids that titles write in capitals (scenarios, orbits, acronyms).
_UPPER_WORDS = frozenset(
    "g2a a2s g2s a2g s2a s2g uav haps hap leo meo geo nsp mc ks nn ppp fspl ee mec"
    " icao rtt sinr snr ci cdf los".split()
)
#: A statement reports what is checked, not the study's finding about it.
_FINDING = re.compile(r"^\s*(the study finds|we find|the study shows)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Claim:
    """One statement of a source, checked under a run's parameters.

    Parameters
    ----------
    claim_id : str
        Stable identifier (lower-case letters, digits, hyphens), prefixed by
        the chapter, e.g. ``coverage-uplink-shrinks-with-frequency``.
    statement : str
        For a ``source`` claim, the source's statement as the source makes it;
        for a ``check``, the check. Never the study's finding about it.
    source : str
        Where it comes from: paper and section, figure or table.
    verdict : {"holds", "fails", "not_applicable"}
        Whether the statement holds under the run's parameters.
    evidence : str
        The numbers behind the verdict and what the study finds, in words.
    kind : {"source", "check"}
        A source's statement, or one of the study's own checks (keyword only).
    """

    claim_id: str
    statement: str
    source: str
    verdict: Verdict
    evidence: str
    kind: Kind = field(kw_only=True)

    def __post_init__(self) -> None:
        if not _ID.match(self.claim_id):
            raise ValueError(
                f"claim_id must use lower-case letters, digits and hyphens; got {self.claim_id!r}"
            )
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {VERDICTS}; got {self.verdict!r}")
        if self.kind not in KINDS:
            raise ValueError(
                f"kind of claim {self.claim_id} must be one of {KINDS}; got {self.kind!r}"
            )
        for name in ("statement", "source", "evidence"):
            if not getattr(self, name).strip():
                raise ValueError(f"{name} of claim {self.claim_id} must not be empty")
        if _FINDING.match(self.statement):
            raise ValueError(
                f"statement of claim {self.claim_id} must state what is checked, not the "
                "study's finding (that goes into evidence)"
            )

    @property
    def title(self) -> str:
        """A short title: the id without its chapter prefix, in words."""
        words = [
            w.upper() if w in _UPPER_WORDS else _NUMBERED.sub(r"\1 \2", w)
            for w in self.claim_id.split("-")[1:]
        ] or [self.claim_id]
        text = " ".join(words)
        for plain, written in _TITLE_WORDS.items():
            text = re.sub(rf"\b{plain}\b", written, text)
        return text[:1].upper() + text[1:]

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
    *,
    kind: Kind,
) -> Claim:
    """A claim whose verdict follows a computed condition.

    ``condition`` is whether ``statement`` holds: True gives ``holds``, False
    ``fails`` and None ``not_applicable`` (the premise does not arise under the
    parameters). ``kind`` is ``"source"`` for a source's statement and
    ``"check"`` for one of the study's own checks.
    """
    return Claim(claim_id, statement, source, verdict_of(condition), evidence, kind=kind)


def returns_chapter_claims(chapter: str) -> Any:
    """Docstring filler: the Returns section of a chapter's ``chapter_claims``.

    Fills the placeholder ``{returns}``: the claims in reading order, each id
    prefixed with the chapter's name.
    """
    return fill_doc(
        returns=f"Returns\n-------\nlist of Claim\n    In reading order; ids prefixed ``{chapter}-``."
    )


def verdict_of(condition: bool | np.bool_ | None) -> Verdict:
    """The verdict of a computed condition: True ``holds``, False ``fails``, None ``not_applicable``.

    >>> verdict_of(True), verdict_of(np.False_), verdict_of(None)
    ('holds', 'fails', 'not_applicable')
    """
    return "not_applicable" if condition is None else ("holds" if bool(condition) else "fails")


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


def _count_words(claims: Sequence[Claim]) -> str:
    counts = {v: sum(c.verdict == v for c in claims) for v in VERDICTS}
    words = {"holds": ("holds", "hold"), "fails": ("fails", "fail")}
    parts = []
    for verdict, n in counts.items():
        if not n:
            continue
        if verdict == "not_applicable":
            parts.append(f"{n} not applicable")
        else:
            singular, plural = words[verdict]
            parts.append(f"{n} {singular if n == 1 else plural}")
    return ", ".join(parts)


def claims_summary(claims: Sequence[Claim]) -> str:
    """One line of counts: source statements by verdict, then the study's checks.

    >>> claims_summary([claim("x-a", "A.", "S", True, "E", kind="source"),
    ...                 claim("x-b", "B.", "S", False, "E", kind="source"),
    ...                 claim("x-c", "C.", "S", True, "E", kind="check")])
    "Of the source statements checked here: 1 holds, 1 fails. The study's own checks: 1 holds."
    """
    parts = []
    source = [c for c in claims if c.kind == "source"]
    checks = [c for c in claims if c.kind == "check"]
    if source:
        parts.append(f"Of the source statements checked here: {_count_words(source)}.")
    if checks:
        parts.append(f"The study's own checks: {_count_words(checks)}.")
    return " ".join(parts)


def _rows_html(claims: Sequence[Claim]) -> str:
    from sagin_lib.study.formatting import pretty_text, verdict_badge

    rows = []
    for c in claims:
        anchor = f"claim-{c.claim_id}"
        rows.append(
            f'<tr id="{anchor}" class="sagin-claim sagin-claim-{c.verdict}">'
            f'<td class="sagin-claim-title"><a href="#{anchor}">{html.escape(c.title)}</a></td>'
            f'<td class="sagin-claim-verdict">{verdict_badge(c.verdict)}</td>'
            f'<td class="sagin-claim-statement">{pretty_text(c.statement)}'
            f'<details class="sagin-claim-more"><summary>evidence · source</summary>'
            f"<p>{pretty_text(c.evidence)}</p>"
            f'<p class="sagin-claim-source">Source: {pretty_text(c.source)} · '
            f"<code>{html.escape(c.claim_id)}</code></p></details></td></tr>"
        )
    head = "<thead><tr><th>claim</th><th>verdict</th><th>statement</th></tr></thead>"
    return f'<table class="sagin-claims">{head}<tbody>{"".join(rows)}</tbody></table>'


def claims_html(claims: Sequence[Claim]) -> str:
    """The claims as the book shows them, each row anchored at ``#claim-<claim_id>``.

    A one-line count, the source statements in a compact table (title, verdict
    badge, statement; evidence and source unfold per row), and the study's own
    checks in a second table folded under a summary line (shown open where a
    chapter has only checks).
    """
    source = [c for c in claims if c.kind == "source"]
    checks = [c for c in claims if c.kind == "check"]
    parts = [f'<p class="sagin-claims-summary">{html.escape(claims_summary(claims))}</p>']
    if source:
        parts.append(_rows_html(source))
    if checks and not source:
        parts.append(_rows_html(checks))
    elif checks:
        parts.append(
            '<details class="sagin-claims-checks"><summary>The study\'s own checks '
            f"({len(checks)}): {_count_words(checks)}</summary>{_rows_html(checks)}</details>"
        )
    return f'<div class="sagin-claims-block">{"".join(parts)}</div>'


@dataclass(frozen=True)
class SavedClaims:
    """Where a chapter's claims were written, and the table itself."""

    csv: Path
    json: Path
    table: pd.DataFrame

    def counts(self) -> dict[str, int]:
        """Number of claims per verdict."""
        return {v: int((self.table["verdict"] == v).sum()) for v in VERDICTS}

    def __repr__(self) -> str:
        return f"SavedClaims({self.csv.name}: {self.counts()})"


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
        "verdicts_by_kind": {
            k: {v: int(((table["kind"] == k) & (table["verdict"] == v)).sum()) for v in VERDICTS}
            for k in KINDS
        },
        "parameters": recorded_parameters(parameters),
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
        from IPython.display import HTML
        from IPython.display import display as ipy_display
    except ImportError:  # pragma: no cover - IPython ships with the notebook stack
        return
    if get_ipython() is None:
        return
    rel = {
        k: html.escape(Path(os.path.relpath(p)).as_posix())
        for k, p in (("csv", saved.csv), ("json", saved.json))
    }
    links = (
        f'<p class="sagin-claims-links">Every claim with its evidence: '
        f'<a href="{rel["csv"]}">data (CSV)</a> · <a href="{rel["json"]}">metadata</a></p>'
    )
    ipy_display(HTML(claims_html(claims) + links))
