"""Tables a chapter publishes as data: a CSV with its JSON record, shown formatted.

A figure goes through :func:`sagin_lib.study.figures.save_figure`; a table that
readers may want as data (assumptions with their sources, summaries) goes
through :func:`save_table`, which writes ``<table_id>.csv`` (the raw values,
column names with units) and ``<table_id>.json`` (title, parameters,
provenance, SHA-256 of the CSV) into the chapter's output folder, and shows
the table through :func:`sagin_lib.study.formatting.format_table` with a line
of links under it.

The chapters build their tables with the helpers here too: :func:`show_columns`
shows chosen columns under their headers, :func:`records_table` makes a table
of one row per record (the assumptions with their sources), and
:func:`save_assumptions_table` publishes such a table as
``<chapter>-assumptions``.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from sagin_lib.study.formatting import Table, format_table
from sagin_lib.study.provenance import provenance_record, recorded_parameters, sha256_file

#: What names a saved figure or table (and its files and anchor).
OUTPUT_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def check_output(data: pd.DataFrame, id_name: str, identifier: str) -> None:
    """Refuse an output before anything is written: a malformed identifier or no data.

    Parameters
    ----------
    data : pandas.DataFrame
        The table, or a figure's plotted data.
    id_name : str
        The identifier's parameter name (``table_id``, ``figure_id``), for the message.
    identifier : str
        Lower-case letters, digits and hyphens, as :data:`OUTPUT_ID_PATTERN`.

    Raises
    ------
    ValueError
        For a malformed identifier or an empty (or non-DataFrame) ``data``.
    """
    if not OUTPUT_ID_PATTERN.match(identifier):
        raise ValueError(
            f"{id_name} must use lower-case letters, digits and hyphens; got {identifier!r}"
        )
    if not isinstance(data, pd.DataFrame) or data.empty:
        raise ValueError("data must be a non-empty pandas DataFrame")


@dataclass(frozen=True)
class SavedTable:
    """Where a table was written, and the formatted table shown."""

    table_id: str
    csv: Path
    json: Path
    table: Table

    def html(self) -> str:
        """The formatted table with its anchor and a line of links under it."""
        rel = {
            k: Path(os.path.relpath(p)).as_posix()
            for k, p in (("csv", self.csv), ("json", self.json))
        }
        return (
            f'<div class="sagin-saved-table" id="table-{html.escape(self.table_id)}">'
            f"{self.table.html}"
            f'<p class="sagin-table-links">Table <code>{html.escape(self.table_id)}</code>: '
            f'<a href="{html.escape(rel["csv"])}">data (CSV)</a> · '
            f'<a href="{html.escape(rel["json"])}">metadata</a></p></div>'
        )

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:
        return f"SavedTable({self.table_id}: {self.csv.name})"


def save_table(
    data: pd.DataFrame,
    *,
    table_id: str,
    output_dir: str | os.PathLike[str],
    parameters: Mapping[str, Any],
    title: str,
    chapter: str,
    **format_options: Any,
) -> SavedTable:
    """Write a table as ``<table_id>.csv`` and ``.json``; return it formatted.

    Parameters
    ----------
    data : pandas.DataFrame
        The table, column names with units; written as it is (raw values).
    table_id : str
        Stable identifier (lower-case letters, digits, hyphens); names the files
        and the anchor ``#table-<table_id>``.
    output_dir : path-like
        The chapter's output folder (created if missing).
    parameters : mapping
        The run's checked parameters, recorded in the JSON.
    title : str
        What the table holds; stored in the JSON and shown as its caption.
    chapter : str
        The chapter (notebook name without ``.ipynb``) the table belongs to.
    **format_options
        Passed to :func:`sagin_lib.study.formatting.format_table`.

    Returns
    -------
    SavedTable
        Displayed as the formatted table with links to its files.

    Raises
    ------
    ValueError
        For a malformed ``table_id`` or an empty table.
    """
    check_output(data, "table_id", table_id)
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    csv = out / f"{table_id}.csv"
    data.to_csv(csv, index=False, lineterminator="\n")
    record = {
        "table_id": table_id,
        "chapter": chapter,
        "title": title,
        "parameters": recorded_parameters(parameters),
        "seed": parameters.get("seed"),
        **provenance_record(),
        "data": {"file": csv.name, "sha256": sha256_file(csv), "rows": int(len(data))},
    }
    meta = out / f"{table_id}.json"
    meta.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    format_options.setdefault("caption", title)
    return SavedTable(table_id, csv, meta, format_table(data, **format_options))


def show_columns(
    data: pd.DataFrame, columns: Mapping[str, str | None], **format_options: Any
) -> Table:
    """Some columns of a table, in the order given and under their headers, as the book shows them.

    Parameters
    ----------
    data : pandas.DataFrame
        The table; the columns not named in ``columns`` are left out.
    columns : mapping
        Each column shown, in order, with its header; ``None`` keeps the
        header :func:`~sagin_lib.study.formatting.header_for` makes of the name.
    **format_options
        Passed to :func:`~sagin_lib.study.formatting.format_table`.

    Returns
    -------
    Table
        The formatted table.

    Examples
    --------
    >>> data = pd.DataFrame({"extra": [0], "area_km2": [1.5], "scenario": ["G2S"]})
    >>> list(show_columns(data, {"scenario": None, "area_km2": "dome area (km²)"}).frame)
    ['scenario', 'dome area (km²)']
    """
    headers = {name: header for name, header in columns.items() if header is not None}
    return format_table(data[list(columns)], headers=headers, **format_options)


def records_table(records: Iterable[Sequence[Any]], columns: Sequence[str]) -> pd.DataFrame:
    """A table of text, one row per record: numbers as the run writes them, the rest as it is.

    The assumptions tables are built this way: each record says what is
    assumed, its value (a parameter of the run, a derived number or a rule in
    words) and where it comes from.

    Parameters
    ----------
    records : iterable of sequences
        One record per row, its fields in the order of ``columns``.
    columns : sequence of str
        The column names.

    Returns
    -------
    pandas.DataFrame
        Every cell text; a number ``x`` as ``f"{x:g}"``.

    Examples
    --------
    >>> records_table([("altitude", 20.0, "km"), ("path loss", "free space", "")],
    ...               ["quantity", "value", "unit"]).to_dict("list")
    {'quantity': ['altitude', 'path loss'], 'value': ['20', 'free space'], 'unit': ['km', '']}
    """
    rows = [
        [f"{v:g}" if isinstance(v, (int, float)) else str(v) for v in record] for record in records
    ]
    return pd.DataFrame(rows, columns=list(columns))


def save_assumptions_table(
    table: pd.DataFrame, params: Mapping[str, Any], chapter: str, title: str, **options: Any
) -> SavedTable:
    """Publish a chapter's assumptions as table ``<chapter>-assumptions``; return it shown.

    ``table`` holds the assumptions with their values and sources (as
    :func:`records_table` makes them), ``params`` the run's checked parameters
    (the files go to ``params["output_dir"]``) and ``title`` the caption;
    ``options`` go to :func:`sagin_lib.study.formatting.format_table`. Returns
    the :class:`SavedTable` of :func:`save_table`.
    """
    return save_table(
        table,
        table_id=f"{chapter}-assumptions",
        output_dir=params["output_dir"],
        parameters=params,
        title=title,
        chapter=chapter,
        **options,
    )
