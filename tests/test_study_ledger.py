"""The fidelity ledger: its checks on load, its links into the book, its page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sagin_lib
from sagin_lib.study import CHAPTERS
from sagin_lib.study.claims import claim, claims_html
from sagin_lib.study.figures import SavedFigure
from sagin_lib.study.ledger import (
    LEDGER_CHAPTERS,
    LEDGER_COLUMNS,
    LEDGER_PAGES,
    LEDGER_SOURCES,
    LEDGER_STATUSES,
    WhereRef,
    ledger_counts,
    ledger_html,
    ledger_prose,
    load_fidelity_ledger,
    parse_where,
    validate_ledger,
    where_href,
    where_refs,
)

from .conftest import BOOK, execute_notebook

NOTEBOOK = BOOK / "fidelity.ipynb"


@pytest.fixture(scope="module")
def ledger() -> pd.DataFrame:
    return load_fidelity_ledger()


def _raw(ledger: pd.DataFrame) -> pd.DataFrame:
    """The ledger as the loader reads it: plain text columns."""
    return ledger.astype(object).astype(str).copy()


# --------------------------------------------------------------------------- the data


def test_load_gives_the_columns_the_statuses_and_both_sources(ledger: pd.DataFrame) -> None:
    assert tuple(ledger.columns) == LEDGER_COLUMNS
    assert all(pd.api.types.is_string_dtype(ledger[c]) for c in LEDGER_COLUMNS)
    assert set(ledger["status"]) == set(LEDGER_STATUSES)
    assert set(ledger["source"]) == set(LEDGER_SOURCES)
    assert (ledger["bib_key"] == ledger["source"].map(LEDGER_SOURCES)).all()
    # The earlier audit of the two sources counted 74 statements; the ledger has them all.
    assert len(ledger) >= 100
    assert sagin_lib.load_fidelity_ledger().equals(ledger)


def test_every_row_points_into_the_book_unless_out_of_scope(ledger: pd.DataFrame) -> None:
    for _, row in ledger.iterrows():
        if row["status"] != "out_of_scope":
            assert row["where"], row["statement"]
        if row["status"] in ("checked", "flagged", "out_of_scope"):
            assert row["note"], row["statement"]
        for entry in row["where"].split(";") if row["where"] else []:
            assert entry == entry.strip() and entry
            parse_where(entry)


def test_the_bib_keys_are_in_the_bibliography() -> None:
    bib = "\n".join(p.read_text(encoding="utf-8") for p in (BOOK / "bib").glob("*.bib"))
    for key in LEDGER_SOURCES.values():
        assert re.search(rf"@\w+\{{{re.escape(key)},", bib), key


def test_the_statements_the_sources_leave_uncomputable_are_out_of_scope(
    ledger: pd.DataFrame,
) -> None:
    out = ledger[ledger["status"] == "out_of_scope"]
    text = " ".join(out["statement"])
    for phrase in ("Tbps/km²", "99 %", "hundreds of Gbps", "Tbps-level"):
        assert phrase in text, phrase
    # The coverage paper's scenario-label slips are flagged where the sampling chapter
    # discusses them (Fig. 4(b) and the downlink paragraph of Fig. 3).
    slip = ledger[ledger["where"].str.contains("sampling#sampling-label-slip", regex=False)]
    assert len(slip) == 2 and (slip["status"] == "flagged").all()
    assert (slip["source"] == "coverage paper").all()


def test_chapter_tables_cover_the_study_chapters() -> None:
    assert set(CHAPTERS) <= set(LEDGER_CHAPTERS)
    assert set(LEDGER_CHAPTERS) <= set(LEDGER_PAGES)
    assert {"model", "parameters", "reproduce"} <= set(LEDGER_PAGES)


def test_what_our_copy_lacks_is_a_column_not_repeated_prose(ledger: pd.DataFrame) -> None:
    text = ledger[["statement", "note"]].apply(" ".join, axis=1)
    assert not text.str.contains(r"(?i)\blost\b").any()
    lacks = ledger[ledger["copy_lacks"] != ""]
    assert len(lacks) >= 20
    assert set(lacks["source"]) == {"coverage paper"}


# --------------------------------------------------------------------------- the checks


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda df: df.drop(columns="note"), "lacks column"),
        (lambda df: df.assign(extra="x"), "unknown column"),
        (lambda df: df.assign(status=["reproduced"] * (len(df) - 1) + ["done"]), "status"),
        (lambda df: df.assign(source=["survey"] * (len(df) - 1) + ["a blog"]), "source"),
        (lambda df: df.assign(bib_key="wang2024unified"), "bib_key"),
        (lambda df: df.assign(statement=[""] + list(df["statement"][1:])), "statement"),
        (lambda df: df.assign(section=[""] + list(df["section"][1:])), "section"),
        (lambda df: pd.concat([df, df.iloc[[0]]], ignore_index=True), "repeated"),
    ],
)
def test_a_malformed_ledger_is_refused(ledger: pd.DataFrame, change, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate_ledger(change(_raw(ledger)))


def _one_row(**values: str) -> pd.DataFrame:
    row = {
        "source": "survey",
        "bib_key": "plt-survey",
        "section": "Sec. I-A",
        "location": "Sec. I-A",
        "statement": "A statement.",
        "status": "reproduced",
        "where": "fig:platforms-altitudes",
        "note": "",
        "copy_lacks": "",
    }
    row.update(values)
    return pd.DataFrame([row])


@pytest.mark.parametrize("status", ["reproduced", "checked", "flagged"])
def test_a_row_that_is_not_out_of_scope_needs_a_where(status: str) -> None:
    with pytest.raises(ValueError, match="needs a where"):
        validate_ledger(_one_row(status=status, where=" ; ", note="n"))
    validate_ledger(_one_row(status="out_of_scope", where="", note="no model"))


@pytest.mark.parametrize("status", ["checked", "flagged", "out_of_scope"])
def test_a_verdict_or_reason_is_required(status: str) -> None:
    with pytest.raises(ValueError, match="needs a note"):
        validate_ledger(_one_row(status=status, note=""))


def test_validation_normalises_where_and_missing_values() -> None:
    raw = _one_row(where=" fig:platforms-altitudes ;claim:platforms-loon-radius; ", note=None)
    df = validate_ledger(raw)
    assert df.loc[0, "where"] == "fig:platforms-altitudes;claim:platforms-loon-radius"
    assert df.loc[0, "note"] == ""
    with pytest.raises(ValueError, match="row 0"):
        validate_ledger(_one_row(where="platforms-altitudes"))


# --------------------------------------------------------------------------- the links


def test_links_follow_the_figure_claim_and_label_conventions() -> None:
    assert where_href("fig:coverage-altitude") == "coverage.html#fig-coverage-altitude"
    assert (
        where_href("claim:sampling-g2a-dome-tiny") == "sampling.html#claim-sampling-g2a-dome-tiny"
    )
    assert where_href("model#lem-dome-area") == "model.html#lem-dome-area"
    assert where_href(" parameters#parameters ") == "parameters.html#parameters"
    assert parse_where("claim:operations-mec-ms-level") == WhereRef(
        "claim", "operations-mec-ms-level", "operations", "claim-operations-mec-ms-level"
    )
    assert parse_where("sampling#alg-dome-ppp").kind == "page"


def test_figure_anchor_is_the_one_save_figure_writes(tmp_path: Path) -> None:
    figure_id = "coverage-altitude"
    paths = {k: tmp_path / f"{figure_id}.{k}" for k in ("png", "svg", "csv", "json")}
    saved = SavedFigure(
        figure_id,
        **paths,
        metadata={
            "title": "t",
            "citation": "c",
            "regenerate": "r",
            "display": {"width_px": 600.0},
        },
    )
    anchor = where_href(f"fig:{figure_id}").split("#", 1)[1]
    assert f'id="{anchor}"' in saved.html()


def test_claim_anchor_is_the_one_the_claims_table_writes() -> None:
    c = claim("platforms-loon-radius", "s", "src", True, "e", kind="source")
    anchor = where_href("claim:platforms-loon-radius").split("#", 1)[1]
    assert f'id="{anchor}"' in claims_html([c])


@pytest.mark.parametrize(
    "entry",
    [
        "coverage-altitude",  # a bare id: figure or claim?
        "fig:Coverage-altitude",
        "fig:coverage",
        "fig:unknown-figure",
        "claim:coverage_altitude",
        "figure:coverage-altitude",
        "blog#label",
        "model#",
        "model#bad label",
        "",
    ],
)
def test_a_malformed_where_entry_is_refused(entry: str) -> None:
    with pytest.raises(ValueError, match="where"):
        parse_where(entry)


def test_a_where_entry_must_be_text() -> None:
    with pytest.raises(ValueError, match="where must be a string"):
        parse_where(3)  # type: ignore[arg-type]


_ids = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,4}", fullmatch=True)


@given(chapter=st.sampled_from(LEDGER_CHAPTERS), rest=_ids, kind=st.sampled_from(["fig", "claim"]))
def test_every_well_formed_id_links_to_its_chapter(chapter: str, rest: str, kind: str) -> None:
    target = f"{chapter}-{rest}"
    ref = parse_where(f"{kind}:{target}")
    anchor = f"{'fig' if kind == 'fig' else 'claim'}-{target}"
    assert ref.target == target and ref.page == chapter and ref.anchor == anchor
    assert ref.href == f"{chapter}.html#{anchor}"


@given(
    page=st.sampled_from(LEDGER_PAGES),
    label=st.from_regex(r"[a-z][a-z0-9_-]{0,20}", fullmatch=True),
)
def test_every_page_label_links_to_its_page(page: str, label: str) -> None:
    assert where_href(f"{page}#{label}") == f"{page}.html#{label}"


def test_where_refs_lists_every_entry(ledger: pd.DataFrame) -> None:
    refs = where_refs(ledger)
    n_entries = sum(len([e for e in w.split(";") if e]) for w in ledger["where"])
    assert len(refs) == n_entries
    assert set(refs["kind"]) == {"figure", "claim", "page"}
    assert (refs["href"] == refs["page"] + ".html#" + refs["anchor"]).all()
    assert refs["row"].isin(ledger.index).all()
    empty = where_refs(ledger.iloc[0:0])
    assert empty.empty and list(empty.columns) == list(refs.columns)


# --------------------------------------------------------------------------- counts and HTML


def test_counts_add_up_by_status_and_source(ledger: pd.DataFrame) -> None:
    counts = ledger_counts(ledger)
    assert list(counts.index) == [*LEDGER_STATUSES, "total"]
    assert list(counts.columns) == [*LEDGER_SOURCES, "both"]
    assert counts.loc["total", "both"] == len(ledger)
    for source in LEDGER_SOURCES:
        assert counts.loc["total", source] == (ledger["source"] == source).sum()
        for status in LEDGER_STATUSES:
            expected = ((ledger["source"] == source) & (ledger["status"] == status)).sum()
            assert counts.loc[status, source] == expected
    assert (counts.loc[list(LEDGER_STATUSES)].sum() == counts.loc["total"]).all()
    prose = ledger_prose(ledger)
    assert prose["n_statements"] == str(len(ledger))
    assert int(prose["n_coverage_paper"]) + int(prose["n_survey"]) == len(ledger)
    assert sum(int(prose[f"n_{s}"]) for s in LEDGER_STATUSES) == len(ledger)


def test_counts_keep_every_status_even_when_absent() -> None:
    counts = ledger_counts(validate_ledger(_one_row()))
    assert counts.loc["flagged", "coverage paper"] == 0
    assert counts.loc["reproduced", "survey"] == 1


def test_html_has_one_row_per_statement_grouped_with_links(ledger: pd.DataFrame) -> None:
    page = ledger_html(ledger)
    assert page.count('class="sagin-ledger-row') == len(ledger)
    n_sections = ledger.groupby(["source", "section"]).ngroups
    assert page.count('class="sagin-ledger-section"') == n_sections
    for href in where_refs(ledger)["href"].unique():
        assert f'href="{href}"' in page
    for source in LEDGER_SOURCES:
        part = ledger_html(ledger, source=source)
        assert part.count('class="sagin-ledger-row') == (ledger["source"] == source).sum()
    with pytest.raises(ValueError, match="source must be one of"):
        ledger_html(ledger, source="a blog")


def test_html_escapes_the_text() -> None:
    df = validate_ledger(
        _one_row(statement="Loss < 20 dB & more", status="out_of_scope", where="", note="<b>")
    )
    page = ledger_html(df)
    assert "Loss &lt; 20 dB &amp; more" in page and "&lt;b&gt;" in page
    assert "—" in page  # no link for a row without a where


# --------------------------------------------------------------------------- the page


def test_the_page_is_a_thin_notebook_stored_without_outputs() -> None:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code
    for cell in code:
        source = "".join(cell["source"])
        assert cell["outputs"] == [] and cell["execution_count"] is None
        assert "hide-input" in cell["metadata"].get("tags", [])
        assert len(source.splitlines()) <= 30
        assert not re.search(r"^\s*(def|class|assert)\b", source, re.M)
        assert "open(" not in source and "to_csv" not in source
    first = "".join(nb["cells"][0]["source"])
    assert first.startswith("(fidelity)=\n# ")


@pytest.mark.slow
def test_the_page_runs_and_shows_the_counts_and_the_ledger(
    tmp_path: Path, ledger: pd.DataFrame
) -> None:
    before = sorted(p.name for p in BOOK.iterdir())
    out = execute_notebook("fidelity", {}, tmp_path)
    assert sorted(p.name for p in BOOK.iterdir()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]
    nb = json.loads(out.read_text(encoding="utf-8"))
    html_out = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            assert output["output_type"] != "stream" or output["name"] != "stderr", output
            assert output["output_type"] != "error", output
            html_out.append("".join(output.get("data", {}).get("text/html", "")))
    text = "\n".join(html_out)
    assert text.count('class="sagin-ledger-row') == len(ledger)
    assert f'<td class="sagin-num">{len(ledger)}</td>' in text
