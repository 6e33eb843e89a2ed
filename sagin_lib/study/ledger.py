"""The fidelity ledger: what became of every quantitative statement of the two sources.

``fidelity_ledger.csv`` (shipped in ``sagin_lib/data/``) holds one row per
statement of the coverage paper (Y. Liu, Fu, Wang and Dai 2025) and of the near-space
survey (X. Liu et al. 2025) that carries a number, a formula or a checkable trend. Each row
says where the statement is in its source, restates it, and gives its
``status``:

* ``reproduced``: a figure or claim of the book reproduces it;
* ``checked``: the book computes it against the geometry or a model, and the
  ``note`` gives the verdict;
* ``flagged``: the statement is missing from the source text, contradicts itself or
  is wrong; the ``note`` says which, and what the book does instead;
* ``out_of_scope``: it cannot be checked by computation; the ``note`` says why.

``where`` points into the book, several entries separated by ``;``:

* ``fig:<figure_id>``: a figure, anchored ``#fig-<figure_id>`` on the page of
  its chapter (the figure id's prefix);
* ``claim:<claim_id>``: a claim, anchored ``#claim-<claim_id>`` likewise;
* ``<page>#<label>``: a labelled target of a page (a MyST ``(label)=`` target,
  a theorem or algorithm ``:label:``, or ``equation-<label>`` for a numbered
  equation).

Every row but an ``out_of_scope`` one has at least one ``where`` entry.
``copy_lacks`` says what of the statement our text of the source does not hold
(a value, a formula, a figure), empty where it holds it all; the book's page says
once what that means instead of repeating it in every row.
:func:`ledger_counts` and :func:`ledger_html` give the book's page its table of
counts and the ledger with links.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Literal

import pandas as pd

from sagin_lib.study import CHAPTERS

__all__ = [
    "LEDGER_CHAPTERS",
    "LEDGER_COLUMNS",
    "LEDGER_PAGES",
    "LEDGER_SOURCES",
    "LEDGER_STATUSES",
    "WhereRef",
    "ledger_counts",
    "ledger_html",
    "ledger_prose",
    "load_fidelity_ledger",
    "parse_where",
    "validate_ledger",
    "where_href",
    "where_refs",
]

#: Columns of the ledger, in file order.
LEDGER_COLUMNS: tuple[str, ...] = (
    "source",
    "bib_key",
    "section",
    "location",
    "statement",
    "status",
    "where",
    "note",
    "copy_lacks",
)

#: The allowed statuses, in the order the book lists them.
LEDGER_STATUSES: tuple[str, ...] = ("reproduced", "checked", "flagged", "out_of_scope")

#: The two sources and their keys in the book's bibliography.
LEDGER_SOURCES: Mapping[str, str] = MappingProxyType(
    {"coverage paper": "wang2024unified", "survey": "plt-survey"}
)

#: Chapters whose figure and claim ids ``where`` may name (the id's prefix): every
#: chapter of :data:`sagin_lib.study.CHAPTERS`.
LEDGER_CHAPTERS: tuple[str, ...] = CHAPTERS

#: Pages a ``<page>#<label>`` entry may point at.
LEDGER_PAGES: tuple[str, ...] = (*LEDGER_CHAPTERS, "model", "parameters", "reproduce", "intro")

_REQUIRED_NOTE = {"checked", "flagged", "out_of_scope"}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
#: A status as the book's page writes it.
_STATUS_TEXT = {s: s.replace("_", " ") for s in LEDGER_STATUSES}
_KIND_TEXT = {"figure": "figure", "claim": "claim", "page": "page"}


@dataclass(frozen=True)
class WhereRef:
    """One entry of a ledger row's ``where``: a place in the built book.

    Parameters
    ----------
    kind : {"figure", "claim", "page"}
        What the entry names.
    target : str
        The figure id, the claim id, or the label of the page target.
    page : str
        The book page holding it (``coverage``, ``model`` ...), without suffix.
    anchor : str
        The HTML id of the target on that page.
    """

    kind: Literal["figure", "claim", "page"]
    target: str
    page: str
    anchor: str

    @property
    def href(self) -> str:
        """The link relative to a page of the book: ``<page>.html#<anchor>``."""
        return f"{self.page}.html#{self.anchor}"


def parse_where(entry: str) -> WhereRef:
    """Parse one ``where`` entry.

    Parameters
    ----------
    entry : str
        ``fig:<figure_id>``, ``claim:<claim_id>`` (ids of lower-case letters,
        digits and hyphens, prefixed by one of :data:`LEDGER_CHAPTERS`) or
        ``<page>#<label>`` with a page of :data:`LEDGER_PAGES`.

    Returns
    -------
    WhereRef

    Raises
    ------
    ValueError
        If the entry has none of these forms, names an unknown chapter or page,
        or has a malformed id or label.

    Examples
    --------
    >>> parse_where("fig:coverage-altitude").href
    'coverage.html#fig-coverage-altitude'
    >>> parse_where("claim:platforms-loon-radius").href
    'platforms.html#claim-platforms-loon-radius'
    >>> parse_where("model#lem-dome-area").href
    'model.html#lem-dome-area'
    """
    if not isinstance(entry, str):
        raise ValueError(f"where must be a string; got {entry!r}")
    text = entry.strip()
    for prefix, kind, anchor_prefix in (("fig:", "figure", "fig-"), ("claim:", "claim", "claim-")):
        if text.startswith(prefix):
            target = text[len(prefix) :]
            if not _ID.match(target):
                raise ValueError(
                    f"where entry {entry!r}: the {kind} id must use lower-case letters, "
                    "digits and hyphens"
                )
            chapter = target.split("-", 1)[0]
            if chapter not in LEDGER_CHAPTERS or "-" not in target:
                raise ValueError(
                    f"where entry {entry!r}: a {kind} id must start with one of the chapters "
                    f"{', '.join(LEDGER_CHAPTERS)} followed by '-'"
                )
            return WhereRef(kind, target, chapter, anchor_prefix + target)  # type: ignore[arg-type]
    if "#" in text:
        page, _, label = text.partition("#")
        if page not in LEDGER_PAGES:
            raise ValueError(
                f"where entry {entry!r}: the page must be one of {', '.join(LEDGER_PAGES)}"
            )
        if not _LABEL.match(label):
            raise ValueError(f"where entry {entry!r}: the label after '#' is malformed")
        return WhereRef("page", label, page, label)
    raise ValueError(
        f"where entry {entry!r} must be 'fig:<figure_id>', 'claim:<claim_id>' or '<page>#<label>'"
    )


def where_href(entry: str) -> str:
    """The relative link of one ``where`` entry (see :func:`parse_where`).

    Figures go to ``<chapter>.html#fig-<figure_id>``, claims to
    ``<chapter>.html#claim-<claim_id>`` and page targets to
    ``<page>.html#<label>``; the links hold from any page of the book's
    ``book/`` folder.
    """
    return parse_where(entry).href


def _split(where: str) -> list[str]:
    return [part.strip() for part in where.split(";") if part.strip()]


def validate_ledger(raw: pd.DataFrame) -> pd.DataFrame:
    """Check a raw ledger table and return it clean.

    Parameters
    ----------
    raw : pandas.DataFrame
        The table as read from CSV (all columns text).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`LEDGER_COLUMNS` of pandas' string dtype, values
        stripped, ``where`` and ``note`` empty strings where not given.

    Raises
    ------
    ValueError
        If a column is missing or unknown; a source, its bib key or a status is
        not one of the allowed ones; a source, section, location or statement is
        empty; a statement is repeated within its source; a ``where`` entry is
        malformed; a row other than ``out_of_scope`` has no ``where``; or a
        ``checked``, ``flagged`` or ``out_of_scope`` row has no ``note``.
    """
    missing = [c for c in LEDGER_COLUMNS if c not in raw.columns]
    if missing:
        raise ValueError(f"fidelity ledger lacks column(s) {missing}")
    extra = [c for c in raw.columns if c not in LEDGER_COLUMNS]
    if extra:
        raise ValueError(f"fidelity ledger has unknown column(s) {extra}")
    df = pd.DataFrame(
        {c: raw[c].fillna("").astype(str).str.strip() for c in LEDGER_COLUMNS}
    ).reset_index(drop=True)
    for col in ("source", "section", "location", "statement"):
        empty = df.index[df[col] == ""].tolist()
        if empty:
            raise ValueError(f"fidelity ledger: column {col} is empty in row(s) {empty}")
    unknown = sorted(set(df["source"]) - set(LEDGER_SOURCES))
    if unknown:
        raise ValueError(
            f"fidelity ledger: source must be one of {sorted(LEDGER_SOURCES)}; got {unknown}"
        )
    wrong_key = df.index[df["bib_key"] != df["source"].map(LEDGER_SOURCES)].tolist()
    if wrong_key:
        raise ValueError(
            f"fidelity ledger: bib_key must match the source ({dict(LEDGER_SOURCES)}) "
            f"in row(s) {wrong_key}"
        )
    bad_status = sorted(set(df["status"]) - set(LEDGER_STATUSES))
    if bad_status:
        raise ValueError(
            f"fidelity ledger: status must be one of {LEDGER_STATUSES}; got {bad_status}"
        )
    repeated = df[df.duplicated(["source", "statement"], keep=False)]
    if not repeated.empty:
        raise ValueError(
            f"fidelity ledger: statements repeated within a source: "
            f"{sorted(set(repeated['statement']))}"
        )
    for i, row in df.iterrows():
        entries = _split(row["where"])
        if not entries and row["status"] != "out_of_scope":
            raise ValueError(
                f"fidelity ledger row {i} ({row['status']}) needs a where entry: "
                f"{row['statement']!r}"
            )
        for entry in entries:
            try:
                parse_where(entry)
            except ValueError as err:
                raise ValueError(f"fidelity ledger row {i}: {err}") from None
        if row["status"] in _REQUIRED_NOTE and not row["note"]:
            raise ValueError(
                f"fidelity ledger row {i} ({row['status']}) needs a note: {row['statement']!r}"
            )
    df["where"] = df["where"].map(lambda w: ";".join(_split(w)))
    return df.astype("string")


def load_fidelity_ledger() -> pd.DataFrame:
    """The fidelity ledger of the two sources, checked.

    Returns
    -------
    pandas.DataFrame
        One row per quantitative statement of the coverage paper and the
        near-space survey, in source order, with columns :data:`LEDGER_COLUMNS`
        (see the module docstring for their meaning).

    Raises
    ------
    ValueError
        If the packaged file is malformed (see :func:`validate_ledger`).

    Examples
    --------
    >>> ledger = load_fidelity_ledger()
    >>> sorted(set(ledger["status"])) == sorted(LEDGER_STATUSES)
    True
    """
    ref = resources.files("sagin_lib").joinpath("data", "fidelity_ledger.csv")
    with ref.open("r", encoding="utf-8") as handle:
        raw = pd.read_csv(handle, dtype=str, keep_default_na=False)
    return validate_ledger(raw)


def where_refs(ledger: pd.DataFrame) -> pd.DataFrame:
    """Every ``where`` entry of the ledger, parsed.

    Returns
    -------
    pandas.DataFrame
        One row per entry, with the ledger's row index (``row``), ``entry``,
        ``kind`` (figure, claim or page), ``target``, ``page``, ``anchor`` and
        ``href``.
    """
    records = []
    for i, where in ledger["where"].items():
        for entry in _split(str(where)):
            ref = parse_where(entry)
            records.append(
                {
                    "row": i,
                    "entry": entry,
                    "kind": ref.kind,
                    "target": ref.target,
                    "page": ref.page,
                    "anchor": ref.anchor,
                    "href": ref.href,
                }
            )
    columns = ["row", "entry", "kind", "target", "page", "anchor", "href"]
    return pd.DataFrame.from_records(records, columns=columns)


def ledger_counts(ledger: pd.DataFrame) -> pd.DataFrame:
    """Number of statements by status (rows) and source (columns), with totals.

    Returns
    -------
    pandas.DataFrame
        Index: the statuses of :data:`LEDGER_STATUSES` then ``total``; columns:
        the sources of :data:`LEDGER_SOURCES` then ``both``; integer counts.
    """
    table = pd.crosstab(ledger["status"].astype(str), ledger["source"].astype(str))
    table = table.reindex(index=list(LEDGER_STATUSES), columns=list(LEDGER_SOURCES), fill_value=0)
    table["both"] = table.sum(axis=1)
    table.loc["total"] = table.sum(axis=0)
    table.index.name = "status"
    table.columns.name = "source"
    return table.astype(int)


def ledger_prose(ledger: pd.DataFrame) -> dict[str, str]:
    """Counts for the page's prose, as text: ``n_statements``, ``n_<source>``, ``n_<status>``.

    Source names are written with underscores (``n_coverage_paper``, ``n_survey``).
    """
    counts = ledger_counts(ledger)
    values = {"n_statements": str(int(counts.loc["total", "both"]))}
    for source in LEDGER_SOURCES:
        values[f"n_{source.replace(' ', '_')}"] = str(int(counts.loc["total", source]))
    for status in LEDGER_STATUSES:
        values[f"n_{status}"] = str(int(counts.loc[status, "both"]))
    return values


def _link(entry: str) -> str:
    ref = parse_where(entry)
    label = ref.target if ref.kind != "page" else f"{ref.page}#{ref.target}"
    return (
        f'<a class="reference internal" href="{html.escape(ref.href)}">'
        f"{_KIND_TEXT[ref.kind]} <code>{html.escape(label)}</code></a>"
    )


def _status_counts(statuses: pd.Series) -> str:
    counts = statuses.value_counts()
    return ", ".join(
        f"{int(counts[s])} {_STATUS_TEXT[s]}" for s in LEDGER_STATUSES if s in counts.index
    )


def ledger_html(ledger: pd.DataFrame, source: str | None = None) -> str:
    """The ledger as the book shows it: one folded table per section, with links.

    Parameters
    ----------
    ledger : pandas.DataFrame
        The ledger (:func:`load_fidelity_ledger`).
    source : str, optional
        Keep only this source (one of :data:`LEDGER_SOURCES`); default both,
        each with its own sections.

    Returns
    -------
    str
        One ``<details class="sagin-ledger-section">`` per section, whose summary
        gives the section and its counts by status and whose table (through
        :func:`sagin_lib.study.formatting.format_table`) has one row per statement
        (class ``sagin-ledger-row`` and ``sagin-ledger-<status>``): location,
        statement (with what our copy lacks), status, links (``where``) and note.

    Raises
    ------
    ValueError
        If ``source`` is not one of :data:`LEDGER_SOURCES`.
    """
    from sagin_lib.study.formatting import format_table, pretty_text

    if source is not None and source not in LEDGER_SOURCES:
        raise ValueError(f"source must be one of {sorted(LEDGER_SOURCES)}; got {source!r}")
    rows = ledger if source is None else ledger[ledger["source"] == source]
    parts = []
    for (src, section), group in rows.groupby(["source", "section"], sort=False):
        title = section if source is not None else f"{src}: {section}"
        statements = [
            pretty_text(str(r["statement"]))
            + (
                f'<span class="sagin-ledger-lacks">our copy lacks {html.escape(str(r["copy_lacks"]))}</span>'
                if str(r["copy_lacks"])
                else ""
            )
            for _, r in group.iterrows()
        ]
        table = pd.DataFrame(
            {
                "where in the source": group["location"].astype(str).to_numpy(),
                "statement": statements,
                "status": [_STATUS_TEXT[str(s)] for s in group["status"]],
                "in the book": [
                    "<br>".join(_link(e) for e in _split(str(w))) or "—" for w in group["where"]
                ],
                "note": group["note"].astype(str).to_numpy(),
            }
        )
        classes = [f"sagin-ledger-row sagin-ledger-{s}" for s in group["status"]]
        formatted = format_table(
            table,
            html_columns=("statement", "in the book"),
            row_classes=classes,
            fold_rows=len(table) + 1,
            missing="nothing in the book to point at (out of scope)",
        )
        parts.append(
            f'<details class="sagin-ledger-section"><summary>{html.escape(title)}: '
            f"{len(group)} statement{'s' if len(group) != 1 else ''} "
            f"({_status_counts(group['status'])})</summary>{formatted.html}</details>"
        )
    return f'<div class="sagin-ledger">{"".join(parts)}</div>'
