"""sagin_lib.study.formatting: the one table formatter and the book's notation for plain text."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sagin_lib.study.formatting import (
    format_number,
    format_p_value,
    format_table,
    header_for,
    pretty_text,
)


@pytest.mark.parametrize(
    ("column", "header"),
    [
        ("area_km2", "area (km²)"),
        ("min_elev_deg", "min elev (°)"),
        ("freq_ghz", "freq (GHz)"),
        ("density_per_km2", "density (per km²)"),
        ("rtt_ms", "rtt (ms)"),
        ("snr_db", "snr (dB)"),
        ("scenario", "scenario"),
        ("km", "km"),
    ],
)
def test_headers_carry_the_unit_of_the_column_name(column: str, header: str) -> None:
    assert header_for(column) == header


@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [
        (718.0, 4, "718"),
        (35786.0, 4, "35,786"),
        (2023, 4, "2023"),
        (11590000.4, 4, "1.159 × 10⁷"),
        (0.012345, 3, "0.0123"),
        (1.0702, 4, "1.07"),
        (0.5, 4, "0.5"),
        (-2.5, 3, "−2.5"),
        (9.99996e-5, 3, "1 × 10⁻⁴"),
        (123456.7, 4, "123,457"),
        (2.0e7, 4, "2 × 10⁷"),
        (float("nan"), 4, "—"),
    ],
)
def test_numbers_read_as_a_reader_writes_them(value: float, digits: int, text: str) -> None:
    assert format_number(value, digits) == text


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.floats(min_value=-1e12, max_value=1e12, allow_nan=False).filter(lambda x: abs(x) > 1e-300)
)
def test_formatted_numbers_round_trip_to_their_significant_digits(x: float) -> None:
    text = format_number(x, 4).replace("−", "-").replace(",", "")
    if "×" in text:
        mantissa, power = text.split(" × 10")
        exponent = int(power.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")))
        back = float(mantissa) * 10.0**exponent
    else:
        back = float(text)
    assert math.isclose(back, x, rel_tol=5.1e-4, abs_tol=0.5 if float(x).is_integer() else 0)


def test_p_values_are_labelled_and_never_zero() -> None:
    assert format_p_value(3.88e-285) == "3.9 × 10⁻²⁸⁵"
    assert format_p_value(0.0) == "< 10⁻³⁰⁰"
    assert format_p_value(0.4123) == "0.41"


def test_plain_text_maths_becomes_the_books_notation() -> None:
    assert (
        pretty_text("lambda_a |A2S| >= 1.159e+07 km^2") == "λ<sub>a</sub> |A2S| ≥ 1.159 × 10⁷ km²"
    )
    assert pretty_text("-60 degC at 20 km, 10 deg elevation") == "-60 °C at 20 km, 10° elevation"
    # Identifiers in backticks stay as written; HTML is escaped.
    assert pretty_text("`min_elevation_deg` <b>") == "<code>min_elevation_deg</code> &lt;b&gt;"
    assert pretty_text("degrees and mu") == "degrees and μ"


def _table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "scenario": ["G2A", "S2G", "A2S"],
            "count": [718.0, 20.0, 3.0],
            "area_km2": [1.159e7, 0.5, np.nan],
            "p_ks": [3.88e-285, 0.41, 0.05],
            "inside": [True, False, True],
            "verdict": ["holds", "fails", "not_applicable"],
        },
        index=[10, 11, 12],
    )


def test_tables_have_no_index_units_in_headers_and_words_for_booleans() -> None:
    table = format_table(_table(), missing={"area_km2": "not computed for A2S"})
    html = table.html
    assert ">10<" not in html and ">12<" not in html  # no index
    assert '<th class="sagin-num">area (km²)</th>' in html
    assert "ks (p-value)" in table.frame.columns
    assert list(table.frame["count"]) == ["718", "20", "3"]
    assert list(table.frame["area (km²)"]) == ["1.159 × 10⁷", "0.5", "—"]
    assert "— : not computed for A2S." in html
    assert list(table.frame["inside"]) == ["yes", "no", "yes"]
    assert 'sagin-badge-fails">fails<' in html and "not applicable" in html
    assert "NaN" not in html and "..." not in html and "True" not in html
    text = format_table(pd.DataFrame({"name": pd.array(["a", pd.NA], dtype="string")}))
    assert "&lt;NA&gt;" not in text.html and list(text.frame["name"]) == ["a", "—"]


def test_long_tables_fold_and_every_row_is_shown() -> None:
    df = pd.DataFrame({"n": np.arange(40), "text": ["x" * 300] * 40})
    html = format_table(df, caption="Forty rows").html
    assert html.count("<tr>") == 41  # header and every row
    assert "<details" in html and "Forty rows: 40 rows" in html
    assert ("x" * 300) in html
    assert "<details" not in format_table(df.head(15)).html


def test_bad_requests_name_the_column() -> None:
    with pytest.raises(ValueError, match="no column"):
        format_table(_table(), headers={"nope": "x"})
    with pytest.raises(ValueError, match="digits"):
        format_table(_table(), digits=0)
    with pytest.raises(ValueError, match="DataFrame"):
        format_table(pd.DataFrame())
