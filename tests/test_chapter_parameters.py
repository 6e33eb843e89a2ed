"""Every chapter runs to the end on parameters drawn from its declared ranges.

Hypothesis draws parameter sets from each chapter's spec, with the ends of every
range weighted (the case-1 frequencies, tiny and huge domes, zero or one node, the
fewest realisations, each fading model), and runs the chapter's code (its notebook's
cells, in this process) on a few of them. Draws outside the ranges must be refused
before anything executes.
Where a chapter's cost grows with a parameter (counts of points, users,
realisations), the draws keep to the cheap end of its range (``CHEAP``) so that the
property test fits the suite's time budget; the expensive end is the default run.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from sagin_lib.study import CHAPTERS, chapter_spec, rerun
from sagin_lib.study.spec import ChapterSpec, Param

from .conftest import exec_notebook_in_process

#: Upper bounds that keep a drawn run cheap, per chapter and parameter.
CHEAP: dict[str, dict[str, float]] = {
    "coverage": {"freq_points": 60, "elev_points": 60},
    "sampling": {"demo_points": 500, "constellation_size": 2000, "relay_realisations": 3},
    "validation": {
        "mean_nodes": 60,
        "n_realisations": 60,
        "hard_core_realisations": 20,
        "thomas_realisations": 20,
    },
    "platforms": {},
    "comparison": {},
    "constellations": {
        "n_planes": 24,
        "sats_per_plane": 24,
        "n_longitudes": 72,
        "duration_h": 6.0,
    },
    "networks": {
        "ee_drops": 50,
        "ee_users": 10,
        "ee_haps_counts": 20,
        "n_users": 300,
        "n_haps_max": 60,
        "sat_counts": 400,
    },
    "operations": {"n_users": 2000, "sway_steps": 32},
    "scaling": {"n_users": 3_000_000, "sweep_users": 5000, "n_workers": 2},
}

#: Drawn runs per chapter: one where the library's own tests already draw the
#: chapter's parameters (operations, comparison) or run it at the edges of its
#: ranges (coverage), or where a run starts a cluster (scaling); two elsewhere.
EXAMPLES: dict[str, int] = {"operations": 1, "comparison": 1, "scaling": 1, "coverage": 1}

#: Parameters that are not drawn (where a run writes, which cluster it uses).
FIXED = {"output_dir", "scheduler_address"}


def _number(p: Param, cap: float | None) -> st.SearchStrategy[Any]:
    integer = p.item_kind == "int"
    low = p.low if p.low is not None else (-1e6 if not integer else -(10**6))
    high = p.high if p.high is not None else 1e6
    if cap is not None:
        high = min(high, cap)
    if integer:
        lo = math.floor(low) + (1 if p.low_open and float(low).is_integer() else 0)
        hi = math.ceil(high) - (1 if p.high_open and float(high).is_integer() else 0)
        lo, hi = int(max(lo, math.ceil(low))), int(min(hi, math.floor(high)))
        return st.one_of(st.sampled_from(sorted({lo, hi})), st.integers(lo, hi))
    edges = [x for x, open_ in ((low, p.low_open), (high, p.high_open)) if not open_]
    body = st.floats(
        min_value=low,
        max_value=high,
        exclude_min=p.low_open,
        exclude_max=p.high_open and cap is None,
        allow_nan=False,
    )
    if low > 0 and high / low > 100:  # log-uniform over wide positive ranges
        body = (
            st.floats(math.log(low), math.log(high))
            .map(math.exp)
            .filter(
                lambda x: (
                    (x > low or not p.low_open)
                    and (x < high or not p.high_open)
                    and low <= x <= high
                )
            )
        )
    return st.one_of(st.sampled_from(edges), body) if edges else body


def param_strategy(p: Param, cap: float | None = None) -> st.SearchStrategy[Any]:
    """Values inside a parameter's declared range, its ends weighted."""
    if p.choices is not None:
        item: st.SearchStrategy[Any] = st.sampled_from(p.choices)
    elif p.item_kind == "bool":
        item = st.booleans()
    elif p.item_kind == "str":
        return st.just(p.default)
    else:
        item = _number(p, cap)
    if not p.is_list:
        return item
    max_items = min(p.max_items or p.min_items + 3, p.min_items + 3)
    lists = st.lists(item, min_size=p.min_items, max_size=max_items, unique=p.increasing)
    return lists.map(sorted) if p.increasing else lists


def draws(spec: ChapterSpec) -> st.SearchStrategy[dict[str, Any]]:
    """Complete parameter sets of a chapter that satisfy its constraints."""
    cheap = CHEAP.get(spec.chapter, {})
    fields = {
        p.name: param_strategy(p, cheap.get(p.name)) for p in spec.params if p.name not in FIXED
    }
    return st.fixed_dictionaries(fields)


def _satisfies(spec: ChapterSpec, values: dict[str, Any]) -> bool:
    try:
        spec.validate({**spec.defaults(), **values})
    except ValueError:
        return False
    return True


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_drawn_parameter_sets_run_to_the_end(chapter: str, tmp_path_factory) -> None:
    spec = chapter_spec(chapter)

    @settings(
        max_examples=EXAMPLES.get(chapter, 2),
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(values=draws(spec))
    def run(values: dict[str, Any]) -> None:
        assume(_satisfies(spec, values))
        work = tmp_path_factory.mktemp(chapter)
        out = work / "out"
        exec_notebook_in_process(chapter, {**values, "output_dir": str(out)})
        claims = pd.read_csv(out / f"{chapter}-claims.csv")
        assert set(claims["verdict"]) <= {"holds", "fails", "not_applicable"}
        assert list(out.glob("*.png")), "the run saved its figures"
        # Every figure reads at the width the book shows it, whatever the parameters.
        problems = {
            path.stem: meta["layout_check"]["problems"]
            for path in sorted(out.glob("*.json"))
            if "layout_check" in (meta := json.loads(path.read_text(encoding="utf-8")))
        }
        assert problems, "the figures' metadata carry their layout check"
        bad = {k: v for k, v in problems.items() if v}
        assert not bad, f"layout problems at {values}: {bad}"

    run()


def _outside(p: Param) -> st.SearchStrategy[str]:
    """Command-line values just outside a parameter's range (or of the wrong kind)."""
    if p.choices is not None:
        return st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8).filter(
            lambda s: s not in p.choices
        )
    if p.item_kind == "bool":
        return st.sampled_from(["maybe", "2", "yes"])
    below: list[float] = []
    above: list[float] = []
    if p.low is not None:
        below += [p.low - max(1.0, abs(p.low)) * 0.5] + ([p.low] if p.low_open else [])
    if p.high is not None:
        above += [p.high * 1.5 + 1.0] + ([p.high] if p.high_open else [])
    if p.item_kind == "int":
        values = [str(math.floor(v)) for v in below] + [str(math.ceil(v)) for v in above]
    else:
        values = [repr(v) for v in below + above]
    values += ["nan", "not-a-number"]
    if p.is_list:
        values = [f"[{v}]" for v in values[:-2]] + ["not-a-list"]
    return st.sampled_from(values)


def _checkable(spec: ChapterSpec) -> list[Param]:
    return [
        p
        for p in spec.params
        if p.name not in FIXED
        and (p.choices or p.item_kind == "bool" or p.low is not None or p.high is not None)
    ]


@pytest.mark.parametrize("chapter", CHAPTERS)
@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(data=st.data())
def test_values_outside_the_ranges_are_refused_before_anything_runs(chapter: str, data) -> None:
    spec = chapter_spec(chapter)
    p = data.draw(st.sampled_from(_checkable(spec)))
    raw = data.draw(_outside(p))
    with pytest.raises(rerun.RerunError, match=rf"{chapter}: parameter {p.name} = "):
        rerun.resolve_parameters(chapter, [(p.name, raw)])


def test_the_cheap_bounds_name_real_parameters() -> None:
    for chapter, caps in CHEAP.items():
        spec = chapter_spec(chapter)
        assert set(caps) <= set(spec.names), chapter


def test_strategies_stay_inside_the_declared_ranges() -> None:
    spec = chapter_spec("coverage")

    @settings(max_examples=200, deadline=None, derandomize=True, database=None)
    @given(values=draws(spec))
    def check(values: dict[str, Any]) -> None:
        for name, value in values.items():
            spec[name].check(value, "coverage")
        assert values["freq_points"] <= CHEAP["coverage"]["freq_points"]

    check()
