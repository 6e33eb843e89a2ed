"""sagin_lib.study.spec: chapter parameter specs, their checks and the notebooks' agreement."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from sagin_lib.study import CHAPTERS, ParameterError, chapter_spec
from sagin_lib.study.spec import ChapterSpec, Constraint, Param

BOOK = Path(__file__).resolve().parent.parent / "book"


def _spec() -> ChapterSpec:
    return ChapterSpec(
        "demo",
        (
            Param("output_dir", "outputs/demo", "folder"),
            Param("lo_ghz", 1.0, "low end", unit="GHz", low=0.0, low_open=True, high=100.0),
            Param("hi_ghz", 2.0, "high end", unit="GHz", low=0.0, low_open=True, high=100.0),
            Param("n", 10, "count", low=1, high=1000),
            Param(
                "elev_deg",
                10.0,
                "elevation",
                unit="deg",
                low=0.0,
                high=90.0,
                high_open=True,
                aliases=("min_elev_deg",),
            ),  # fmt: skip
            Param("fading", "none", "fading model", choices=("none", "rayleigh")),
            Param("sizes", [0, 5], "sizes", low=0, high=50, max_items=4, increasing=True),
            Param("flag", True, "a switch"),
        ),
        (Constraint(("lo_ghz", "hi_ghz"), "lo_ghz < hi_ghz", lambda v: v["lo_ghz"] < v["hi_ghz"]),),
    )


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("lo_ghz", "0", r"demo: parameter lo_ghz = 0 GHz is out of range; allowed: \(0, 100\] GHz"),
        ("lo_ghz", "fast", r"lo_ghz = 'fast' is not a number"),
        ("lo_ghz", "inf", r"not a finite number"),
        ("n", "2.5", r"n = '2.5' is not an integer; allowed: integers in \[1, 1000\]"),
        ("n", "0", r"n = 0 is out of range"),
        ("elev_deg", "90", r"elev_deg = 90 deg .* \[0, 90\) deg"),
        (
            "fading",
            "rician",
            r"fading = 'rician' is not allowed; allowed: one of 'none', 'rayleigh'",
        ),
        ("sizes", "[5, 1]", r"not strictly increasing"),
        ("sizes", "1,2,3,4,5", r"has 5 values; allowed: a list of 1 to 4 values"),
        ("sizes", "[1, 99]", r"out of range; allowed: .* each integers in \[0, 50\]"),
        ("flag", "maybe", r"flag = 'maybe' is not true or false"),
    ],
)
def test_bad_values_are_refused_with_the_parameter_and_range(name, raw, message) -> None:
    with pytest.raises(ParameterError, match=message):
        _spec().resolve([(name, raw)])


def test_values_are_converted_to_their_kinds() -> None:
    chosen, notes = _spec().resolve(
        [("lo_ghz", "1.5"), ("n", "1_000"), ("sizes", "1, 2"), ("flag", "false"), ("n", "1e2")]
    )
    assert chosen == {"lo_ghz": 1.5, "n": 100, "sizes": [1, 2], "flag": False}
    assert isinstance(chosen["lo_ghz"], float) and isinstance(chosen["n"], int)
    assert notes == []


def test_constraints_and_unknown_names_are_refused() -> None:
    with pytest.raises(ParameterError, match=r"lo_ghz < hi_ghz is required; got lo_ghz = 5 GHz"):
        _spec().resolve([("lo_ghz", "5"), ("hi_ghz", "4")])
    with pytest.raises(
        ParameterError, match=r"unknown parameter 'elev_dg'.*Did you mean 'elev_deg'"
    ):
        _spec().resolve([("elev_dg", "5")])


def test_aliases_map_to_the_current_name_with_a_note() -> None:
    chosen, notes = _spec().resolve([("min_elev_deg", "20")])
    assert chosen == {"elev_deg": 20.0}
    assert notes == ["note: parameter min_elev_deg of demo is now called elev_deg"]


def test_bind_checks_a_namespace_maps_aliases_and_refuses_strays(capsys) -> None:
    spec = _spec()
    namespace = {**spec.defaults(), "min_elev_deg": 30, "In": [], "_": 1, "np": pd}
    params = spec.bind(namespace)
    assert params["elev_deg"] == 30.0 and namespace["elev_deg"] == 30.0
    assert "min_elev_deg" not in namespace
    assert "now called elev_deg" in capsys.readouterr().out
    assert list(params) == list(spec.names)
    with pytest.raises(ParameterError, match="unknown parameter 'lo_ghx'"):
        spec.bind({**spec.defaults(), "lo_ghx": 3.0})
    with pytest.raises(ParameterError, match="hi_ghz = 200 GHz"):
        spec.bind({**spec.defaults(), "hi_ghz": 200})


def test_declarations_are_checked() -> None:
    with pytest.raises(ValueError, match="without '='"):
        Param("x", 1.0, "beam = kappa / D")
    with pytest.raises(ParameterError, match="out of range"):
        Param("x", 5.0, "a number", high=1.0)
    with pytest.raises(ValueError, match="duplicate"):
        ChapterSpec("d", (Param("x", 1.0, "a"), Param("x", 2.0, "b")))


def test_describe_lists_type_unit_range_default_and_help() -> None:
    text = _spec().describe()
    assert "lo_ghz (float [GHz]) default 1.0" in text
    assert "allowed: (0, 100] GHz" in text and "- lo_ghz < hi_ghz" in text
    assert "elevation (formerly min_elev_deg)" in text


def _parameters_cell(chapter: str) -> list[tuple[str, str, object, str]]:
    nb = json.loads((BOOK / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if "parameters" in c["metadata"].get("tags", [])]
    assert len(cells) == 1, f"{chapter}: exactly one cell tagged parameters"
    rows = []
    for line in "".join(cells[0]["source"]).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        code, _, comment = line.partition("  # ")
        node = ast.parse(code).body[0]
        assert isinstance(node, ast.AnnAssign), f"{chapter}: untyped parameter line {line!r}"
        rows.append(
            (node.target.id, ast.unparse(node.annotation), ast.literal_eval(node.value), comment)
        )
    return rows


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_notebooks_parameters_cell_is_the_spec(chapter: str) -> None:
    spec = chapter_spec(chapter)
    cell = _parameters_cell(chapter)
    assert [r[0] for r in cell] == list(spec.names)
    for name, annotation, default, comment in cell:
        p = spec[name]
        assert default == p.default, name
        assert annotation in (p.kind, p.kind.split("[")[0]), name
        assert comment == p.help, f"{chapter}: help comment of {name}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_notebook_validates_right_after_its_parameters(chapter: str) -> None:
    nb = json.loads((BOOK / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert "parameters" in code[0]["metadata"]["tags"]
    assert "SPEC.bind(globals())" in "".join(code[1]["source"])
    for cell in code[1:]:
        source = "".join(cell["source"])
        assert "hide-input" in cell["metadata"].get("tags", []), source[:60]
        lines = [x for x in source.splitlines() if x.strip() and not x.lstrip().startswith("#")]
        assert len(lines) <= 30, f"{chapter}: a cell of {len(lines)} lines"
        tree = ast.parse(source.replace("%", "#"))
        kinds = (ast.Assert, ast.FunctionDef, ast.ClassDef, ast.Lambda)
        assert not [n for n in ast.walk(tree) if isinstance(n, kinds)], source[:60]


@pytest.mark.parametrize("raw", ["7.0", 7.0, "7.5"])
def test_an_integer_parameter_refuses_a_number_with_a_fraction_part(raw) -> None:
    with pytest.raises(ParameterError, match=r"parameter n = .* is not an integer"):
        _spec().resolve([("n", raw)])


def test_choices_are_read_in_any_case() -> None:
    assert _spec().resolve([("fading", "Rayleigh")])[0] == {"fading": "rayleigh"}
    with pytest.raises(ParameterError, match="is not allowed"):
        _spec().resolve([("fading", "rician")])


def test_an_alias_and_its_name_together_are_refused() -> None:
    with pytest.raises(ParameterError, match="name the same parameter"):
        _spec().resolve([("min_elev_deg", "5"), ("elev_deg", "6")])


def test_every_bad_value_is_named_at_once() -> None:
    with pytest.raises(ParameterError) as info:
        _spec().resolve([("lo_ghz", "0"), ("n", "0"), ("flag", "maybe")])
    text = str(info.value)
    assert "lo_ghz = 0" in text and "n = '0'" not in text and "n = 0" in text and "flag" in text


def _budget_spec() -> ChapterSpec:
    return ChapterSpec(
        "budget",
        (
            Param("output_dir", "outputs/budget", "folder"),
            Param("density", 1.0, "nodes per km^2", unit="per km^2", low=0.01, high=100.0),
            Param("radius_km", 10.0, "radius", unit="km", low=1.0, high=1000.0),
            Param("runs", 10, "realisations", low=1, high=1000),
        ),
        (
            Constraint(
                ("density", "radius_km", "runs"),
                "at most 1,000,000 nodes in all",
                load=lambda v: v["density"] * 3.14159 * v["radius_km"] ** 2 * v["runs"],
                limit=1_000_000,
            ),
        ),
    )


def test_a_budget_refusal_gives_the_total_the_limit_and_values_that_pass() -> None:
    spec = _budget_spec()
    with pytest.raises(ParameterError) as info:
        spec.resolve([("radius_km", "500")])
    text = str(info.value)
    assert "computed 7,850,000 against the limit 1,000,000" in text
    fixes = dict(
        part.split(" = ")
        for part in text.split("each changed alone: ")[1].split("; ")
        if " = " in part
    )
    # Each proposed value passes with the others as given, and lies near the limit.
    radius = float(fixes["radius_km"].split()[0])
    assert spec.resolve([("radius_km", str(radius))])
    assert radius > 0.95 * (1_000_000 / (3.14159 * 10)) ** 0.5
    runs = fixes["runs"].strip()
    assert runs == "1" or "no value" in text


def test_params_prints_the_range_each_parameter_may_take_alone() -> None:
    spec = _budget_spec()
    lo, hi = spec.alone_range("radius_km")
    assert lo == 1.0 and 170 < hi <= 178.4  # sqrt(1e6 / (pi * 10)) = 178.4
    spec.resolve([("radius_km", str(hi))])  # the printed end runs
    assert f"alone: [1, {hi:g}] km" in spec.describe()
    # Alone, density and runs reach their declared ends within the budget: no line.
    assert spec.alone_range("density") is None and spec.alone_range("runs") is None


def test_a_parameter_a_run_will_not_read_gets_a_note() -> None:
    spec = ChapterSpec(
        "fade",
        (
            Param("output_dir", "outputs/fade", "folder"),
            Param("fading", "none", "model", choices=("none", "nakagami")),
            Param("m", 1.0, "shape", low=0.5, high=20.0, used_if=("fading", ("nakagami",))),
        ),
    )
    _, notes = spec.resolve([("m", "2")])
    assert notes and "m is ignored" in notes[0]
    assert spec.resolve([("m", "2"), ("fading", "Nakagami")])[1] == []


def test_suggestions_keep_the_unit_of_the_name_typed() -> None:
    spec = ChapterSpec(
        "power",
        (
            Param("output_dir", "outputs/power", "folder"),
            Param("tx_power_dbw", 10.0, "power", unit="dBW", low=-30.0, high=40.0),
            Param("tx_gain_dbi", 3.0, "gain", unit="dBi", low=0.0, high=40.0),
        ),
    )
    with pytest.raises(ParameterError) as info:
        spec.resolve([("tx_power_dbm", "30")])
    assert "Did you mean" not in str(info.value) and "dBW" in str(info.value)
    with pytest.raises(ParameterError, match="Did you mean 'tx_power_dbw'"):
        spec.resolve([("tx_powr_dbw", "3")])
    with pytest.raises(ParameterError) as info:
        spec.resolve([("output_dri", "x")], hidden=("output_dir",))
    assert "output_dir" not in str(info.value)


def _numbers() -> list[tuple[str, str]]:
    return [
        (chapter, p.name)
        for chapter in CHAPTERS
        for p in chapter_spec(chapter).params
        if p.item_kind in ("int", "float") and p.name not in ("seed", "n_workers")
    ]


@pytest.mark.parametrize(("chapter", "name"), _numbers())
def test_every_number_runs_alone_at_both_ends_of_its_printed_range(chapter, name) -> None:
    # What `rerun params` prints: the declared range, or the narrower `alone:` one
    # (for a list, that of a list of one value). A list that must increase is tried
    # as one value, or as its default with the first (last) value at the low (high)
    # end when it needs more; any other list as the default's length of that value.
    spec = chapter_spec(chapter)
    p = spec[name]
    alone = spec.alone_range(name)
    block = re.search(rf"^  {name} \(.*?(?=^  \S|\Z)", spec.describe(), re.M | re.S).group(0)
    assert ("      alone: " in block) == (alone is not None), block
    lo, hi = alone if alone is not None else (p.low, p.high)
    for end in (lo, hi):
        if end is None or end == p.low and p.low_open or end == p.high and p.high_open:
            continue
        value = int(end) if p.item_kind == "int" else float(end)
        if not p.is_list:
            values: object = value
        elif p.increasing and p.min_items <= 1:
            values = [value]
        elif p.increasing:
            values = [value, *p.default[1:]] if end == lo else [*p.default[:-1], value]
        else:
            values = [value] * len(p.default)
        text = ",".join(map(repr, values)) if isinstance(values, list) else repr(values)
        spec.resolve([(name, text)])  # raises ParameterError when refused
