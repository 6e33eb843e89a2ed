"""The one way the book shows a table, and the text helpers it shares with claims.

Every table a chapter displays goes through :func:`format_table`, which turns a
tidy DataFrame into an HTML table a reader can take in:

* no index column; headers in words with the unit from the column name
  (``area_km2`` becomes "area (km²)", ``min_elev_deg`` "min elev (°)");
* numbers to a number of significant digits per column, integers as integers
  (with thousands separators from 10,000), very large or small values as
  ``1.159 × 10⁷``; p-values labelled and written as ``3.9 × 10⁻²⁸⁵`` or
  ``< 10⁻³⁰⁰``;
* booleans as words (``holds``/``fails``, ``yes``/``no``) and verdicts as badges;
* an empty cell shown as "—" with a note saying what it means, never ``NaN``;
* every cell in full (no "..." truncation); a table of more than ``fold_rows``
  rows folds behind a summary line; the table scrolls inside its own box on a
  narrow screen, never the page.

:func:`pretty_text` turns the plain-text mathematics that claims and CSV files
carry (``km^2``, ``lambda_a``, ``1.159e+07``, ``<=``) into the book's notation
(km², λₐ, 1.159 × 10⁷, ≤) for display; the CSV files keep the plain text.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Unit suffixes of column names and how a header writes them, longest first.
UNIT_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("_per_km2", "per km²"),
    ("_bit_per_j", "bit/J"),
    ("_mbit_per_j", "Mbit/J"),
    ("_bps_per_hz", "bit/s/Hz"),
    ("_km2", "km²"),
    ("_m2", "m²"),
    ("_m_s2", "m/s²"),
    ("_m_s", "m/s"),
    ("_km_h", "km/h"),
    ("_wh_kg", "Wh/kg"),
    ("_w_m2", "W/m²"),
    ("_kwh", "kWh"),
    ("_wh", "Wh"),
    ("_kw", "kW"),
    ("_dbw", "dBW"),
    ("_dbm", "dBm"),
    ("_dbi", "dBi"),
    ("_db", "dB"),
    ("_ghz", "GHz"),
    ("_mhz", "MHz"),
    ("_hz", "Hz"),
    ("_km", "km"),
    ("_deg", "°"),
    ("_rad", "rad"),
    ("_ms", "ms"),
    ("_us", "µs"),
    ("_kg", "kg"),
    ("_pct", "%"),
    ("_days", "days"),
    ("_hours", "h"),
    ("_h", "h"),
    ("_s", "s"),
    ("_w", "W"),
    ("_m", "m"),
    ("_k", "K"),
    ("_pa", "Pa"),
    ("_hpa", "hPa"),
    ("_degc", "°C"),
    ("_g", "g"),
)

_SUPERSCRIPT = str.maketrans("0123456789-+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺")
_VERDICT_WORDS = {"holds": "holds", "fails": "fails", "not_applicable": "not applicable"}


def header_for(column: str) -> str:
    """A column name as a header in words, with its unit in parentheses.

    >>> header_for("area_km2")
    'area (km²)'
    >>> header_for("min_elev_deg")
    'min elev (°)'
    >>> header_for("scenario")
    'scenario'
    """
    name = str(column)
    lower = name.lower()
    for suffix, unit in UNIT_SUFFIXES:
        if lower.endswith(suffix) and len(lower) > len(suffix):
            words = name[: -len(suffix)].replace("_", " ").strip()
            return f"{words} ({unit})"
    return name.replace("_", " ")


def power_of_ten(exponent: int) -> str:
    """``10`` with a Unicode superscript exponent: ``power_of_ten(-7) == '10⁻⁷'``."""
    return "10" + str(int(exponent)).translate(_SUPERSCRIPT)


def format_number(value: float, digits: int = 4) -> str:
    """A number to ``digits`` significant digits as a reader writes it.

    Integers (and integral floats below 10⁶) print as integers, with thousands
    separators from 10,000 on; other values from 10⁻³ to below 10⁶ in
    positional notation without trailing zeros; the rest as ``m × 10ⁿ``.

    >>> format_number(11590000.4)
    '1.159 × 10⁷'
    >>> format_number(3_000_000)
    '3,000,000'
    >>> format_number(718.0)
    '718'
    >>> format_number(35786.0)
    '35,786'
    >>> format_number(0.012345, 3)
    '0.0123'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        n = int(value)
        return (f"{n:,}" if abs(n) >= 10_000 else str(n)).replace("-", "−")
    x = float(value)
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if x == 0:
        return "0"
    if x.is_integer() and abs(x) < 1e6:
        n = int(x)
        text = f"{n:,}" if abs(n) >= 10_000 else str(n)
        return text.replace("-", "−")
    mantissa, _, power = f"{x:.{max(digits - 1, 0)}e}".partition("e")
    exponent = int(power)
    if -3 <= exponent < 6:
        decimals = max(digits - 1 - exponent, 0)
        text = f"{x:.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        if abs(float(text)) >= 10_000 and "." not in text:
            text = f"{int(float(text)):,}"
        return text.replace("-", "−")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa} × {power_of_ten(exponent)}".replace("-", "−")


def format_p_value(p: float) -> str:
    """A p-value to two significant digits, ``< 10⁻³⁰⁰`` where it underflows.

    >>> format_p_value(3.88e-285)
    '3.9 × 10⁻²⁸⁵'
    >>> format_p_value(0.41)
    '0.41'
    >>> format_p_value(0.0)
    '< 10⁻³⁰⁰'
    """
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return "—"
    p = float(p)
    if p < 1e-300:
        return "< " + power_of_ten(-300)
    return format_number(p, 2)


# --------------------------------------------------------------------------- plain-text maths

_GREEK = {
    "lambda": "λ",
    "Lambda": "Λ",
    "phi": "φ",
    "theta": "θ",
    "sigma": "σ",
    "alpha": "α",
    "beta": "β",
    "kappa": "κ",
    "mu": "μ",
    "psi": "ψ",
    "rho": "ρ",
    "eta": "η",
    "pi": "π",
    "Delta": "Δ",
    "delta": "δ",
    "epsilon": "ε",
    "tau": "τ",
}
_NUMBER_E = re.compile(r"(?<![\w.])(-?\d+(?:\.\d+)?)[eE]([+-]?\d+)\b")
_POWER = re.compile(r"(?<=[\w)|])\^(?:\((-?\d+(?:\.\d+)?)\)|(-?\d+(?:\.\d+)?))")
_GREEK_WORD = re.compile(
    r"\b(" + "|".join(sorted(_GREEK, key=len, reverse=True)) + r")(?![A-Za-z0-9])"
)
_SUBSCRIPT = re.compile(r"(?:(?<=[λΛφθσακμψρηπΔδετ])|(?<=\b[A-Za-z]))_([A-Za-z0-9]{1,3})\b")
_CODE = re.compile(r"`([^`]+)`")
_DEGREES = re.compile(r"(?<=\d) ?deg\b(?!ree)")


def pretty_text(text: str) -> str:
    """Plain-text mathematics as the book writes it, escaped for HTML.

    ``1.159e+07`` becomes ``1.159 × 10⁷``, ``km^2`` km², ``lambda_a``
    λ with subscript a, ``<=`` ≤, ``10 deg`` 10°, ``degC`` °C; the rest is
    escaped text.

    >>> pretty_text("area 1.159e+07 km^2, lambda_a <= 1e-3")
    'area 1.159 × 10⁷ km², λ<sub>a</sub> ≤ 10⁻³'
    >>> pretty_text("(43.11 km^2), sigma^2 and 10^(-3)")
    '(43.11 km²), σ² and 10⁻³'
    >>> pretty_text("see `min_elevation_deg` and R_t")
    'see <code>min_elevation_deg</code> and R<sub>t</sub>'
    """
    parts = _CODE.split(str(text))
    # Odd parts were inside backticks: code, shown as written.
    return "".join(
        f"<code>{html.escape(part, quote=False)}</code>" if i % 2 else _pretty_plain(part)
        for i, part in enumerate(parts)
    )


def _pretty_plain(text: str) -> str:
    s = text

    def number(m: re.Match[str]) -> str:
        mantissa, exponent = m.group(1), int(m.group(2))
        if float(mantissa) == 1.0:
            return power_of_ten(exponent)
        return f"{mantissa} × {power_of_ten(exponent)}"

    s = _NUMBER_E.sub(number, s)
    s = s.replace("degC", "°C")
    s = _DEGREES.sub("°", s)
    s = s.replace("<=", "≤").replace(">=", "≥").replace("!=", "≠").replace("+/-", "±")
    s = _POWER.sub(lambda m: (m.group(1) or m.group(2)).translate(_SUPERSCRIPT), s)
    s = html.escape(s, quote=False)
    s = _GREEK_WORD.sub(lambda m: _GREEK[m.group(1)], s)
    s = _SUBSCRIPT.sub(lambda m: f"<sub>{m.group(1)}</sub>", s)
    return s


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class Table:
    """A formatted table: its cells as text and its HTML.

    Displayed in a notebook (and in the book) through ``_repr_html_``.
    """

    frame: pd.DataFrame
    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"Table({len(self.frame)} rows × {len(self.frame.columns)} columns)"


def verdict_badge(verdict: str) -> str:
    """A verdict (``holds``, ``fails``, ``not_applicable``) as a coloured badge."""
    word = _VERDICT_WORDS.get(str(verdict), str(verdict))
    return f'<span class="sagin-badge sagin-badge-{html.escape(str(verdict))}">{word}</span>'


def _is_missing(value: object) -> bool:
    """None, NaN, pandas' NA or NaT: an empty cell."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # array-like cells are values, not gaps
        return False


def _is_integral(values: np.ndarray) -> bool:
    finite = values[np.isfinite(values)]
    return (
        bool(finite.size)
        and bool(np.all(finite == np.round(finite)))
        and (np.abs(finite).max() < 1e15)
    )


def format_table(
    df: pd.DataFrame,
    *,
    digits: int | Mapping[str, int] = 4,
    headers: Mapping[str, str] | None = None,
    bool_words: Mapping[str, tuple[str, str]] | None = None,
    p_values: Sequence[str] = (),
    missing: str | Mapping[str, str] = "does not apply",
    caption: str = "",
    fold_rows: int = 15,
    align_left: Sequence[str] = (),
    html_columns: Sequence[str] = (),
    row_classes: Sequence[str] | None = None,
) -> Table:
    """Format a DataFrame as the book shows every table.

    Parameters
    ----------
    df : pandas.DataFrame
        The table; its index is dropped (make a column of it first if it
        carries information).
    digits : int or mapping, optional
        Significant digits of float columns: one number for all, or per column
        (unlisted columns take 4).
    headers : mapping, optional
        Header text per column, where :func:`header_for` would not say it
        right (the unit must still be in it).
    bool_words : mapping, optional
        Words for True and False per boolean column; default ``("yes", "no")``.
        A ``verdict`` column is always shown as badges.
    p_values : sequence of str, optional
        Columns holding p-values (also any column whose name starts with
        ``p_`` or ends with ``_p_value``): two significant digits, ``< 10⁻³⁰⁰``
        below the float range.
    missing : str or mapping, optional
        What an empty cell means, per column or for all; shown once in a note
        under the table when an empty cell is shown.
    caption : str, optional
        A caption above the table; it is also the summary line of a folded table.
    fold_rows : int, optional
        Tables with more rows than this fold behind a summary line.
    align_left : sequence of str, optional
        Numeric columns to align left (identifiers); text is always left-aligned.
    html_columns : sequence of str, optional
        Columns whose cells are already HTML (links, badges): not escaped.
    row_classes : sequence of str, optional
        A CSS class per row (for tables whose rows are styled or counted).

    Returns
    -------
    Table
        The cell texts and the HTML.

    Raises
    ------
    ValueError
        For an empty table, a ``digits`` below 1, or names that are not columns.
    """
    if not isinstance(df, pd.DataFrame) or df.columns.empty:
        raise ValueError("df must be a pandas DataFrame with at least one column")
    headers = dict(headers or {})
    bool_words = dict(bool_words or {})
    per_column_digits = dict(digits) if isinstance(digits, Mapping) else {}
    default_digits = 4 if isinstance(digits, Mapping) else int(digits)
    named = [*headers, *bool_words, *p_values, *per_column_digits, *align_left, *html_columns]
    if isinstance(missing, Mapping):
        named += list(missing)
    unknown = sorted({str(c) for c in named} - {str(c) for c in df.columns})
    if unknown:
        raise ValueError(f"format_table: no column(s) {unknown} in the table")
    if default_digits < 1 or any(d < 1 for d in per_column_digits.values()):
        raise ValueError("digits must be at least 1")
    if row_classes is not None and len(row_classes) != len(df):
        raise ValueError(
            f"row_classes must have one class per row ({len(df)}); got {len(row_classes)}"
        )

    cells: dict[str, list[str]] = {}
    numeric: set[str] = set()
    missing_shown: dict[str, str] = {}
    for column in df.columns:
        values = df[column]
        name = str(column)
        is_p = name in p_values or name.startswith("p_") or name.endswith("_p_value")
        texts: list[str]
        if name == "verdict":
            texts = [verdict_badge(v) for v in values]
        elif pd.api.types.is_bool_dtype(values):
            yes, no = bool_words.get(name, ("yes", "no"))
            texts = [html.escape(yes if bool(v) else no) for v in values]
        elif pd.api.types.is_numeric_dtype(values):
            numeric.add(name)
            array = values.to_numpy(dtype=float)
            if is_p:
                texts = [html.escape(format_p_value(v)) for v in array]
            elif pd.api.types.is_integer_dtype(values):
                texts = [format_number(int(v)) for v in values]
            elif _is_integral(array):
                texts = [format_number(float(v)) for v in array]
            else:
                d = per_column_digits.get(name, default_digits)
                texts = [format_number(v, d) for v in array]
        else:
            texts = [
                "—" if _is_missing(v) else (str(v) if name in html_columns else pretty_text(str(v)))
                for v in values
            ]
        if any(t == "—" for t in texts):
            missing_shown[name] = (
                missing.get(name, "does not apply") if isinstance(missing, Mapping) else missing
            )
        cells[name] = texts

    head = []
    for column in df.columns:
        name = str(column)
        text = headers.get(name)
        if text is None and (name.startswith("p_") or name.endswith("_p_value")):
            base = name[2:] if name.startswith("p_") else name[: -len("_p_value")]
            text = f"{header_for(base)} (p-value)"
        elif text is None:
            text = header_for(name)
        if name in p_values and "p-value" not in text:
            text = f"{text} (p-value)"
        head.append(text)

    def td(name: str, text: str) -> str:
        right = name in numeric and name not in align_left
        return f'<td class="sagin-num">{text}</td>' if right else f"<td>{text}</td>"

    def tr(i: int) -> str:
        return f'<tr class="{html.escape(row_classes[i])}">' if row_classes is not None else "<tr>"

    rows = [
        tr(i) + "".join(td(str(c), cells[str(c)][i]) for c in df.columns) + "</tr>"
        for i in range(len(df))
    ]
    ths = "".join(
        f'<th class="sagin-num">{html.escape(h)}</th>'
        if str(c) in numeric and str(c) not in align_left
        else f"<th>{html.escape(h)}</th>"
        for c, h in zip(df.columns, head, strict=True)
    )
    caption_html = f'<p class="sagin-table-caption">{pretty_text(caption)}</p>' if caption else ""
    notes = ""
    if missing_shown:
        meanings = sorted(set(missing_shown.values()))
        if len(meanings) == 1:
            notes = f"— : {html.escape(meanings[0])}."
        else:
            notes = "; ".join(
                f"— in {html.escape(headers.get(n) or header_for(n))}: {html.escape(m)}"
                for n, m in missing_shown.items()
            )
            notes += "."
        notes = f'<p class="sagin-table-note">{notes}</p>'
    table = (
        f'{caption_html}<div class="sagin-table-wrap"><table class="sagin-table">'
        f"<thead><tr>{ths}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>{notes}"
    )
    if len(df) > fold_rows:
        label = pretty_text(caption) if caption else "The table"
        table = (
            f'<details class="sagin-table-fold"><summary>{label}: {len(df)} rows '
            f"(show)</summary>{table}</details>"
        )
    frame = pd.DataFrame({h: cells[str(c)] for c, h in zip(df.columns, head, strict=True)})
    return Table(frame=frame, html=f'<div class="sagin-table-block">{table}</div>')
