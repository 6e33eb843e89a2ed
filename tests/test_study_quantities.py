"""Shared quantities: one name, unit, help and range; chapters narrow them only with a reason."""

from __future__ import annotations

import pytest

from sagin_lib.study import CHAPTERS, chapter_spec
from sagin_lib.study.quantities import QUANTITIES, quantity


def test_a_shared_quantity_keeps_its_name_unit_and_range() -> None:
    p = quantity("haps_alt_km")
    q = QUANTITIES["haps_alt_km"]
    assert (p.name, p.unit, p.low, p.high, p.default) == ("haps_alt_km", "km", q.low, q.high, 20.0)
    assert "hap_alt_km" in p.aliases


def test_a_narrower_range_needs_a_reason_and_prints_it() -> None:
    with pytest.raises(ValueError, match="needs a reason"):
        quantity("min_elevation_deg", high=60.0)
    p = quantity("min_elevation_deg", high=60.0, why="the sun model's range")
    assert p.high == 60.0 and "narrowed here: the sun model's range" in p.help


@pytest.mark.parametrize("bounds", [{"low": -1.0}, {"high": 120.0}])
def test_a_chapter_cannot_widen_a_shared_range(bounds) -> None:
    with pytest.raises(ValueError, match="not widen"):
        quantity("min_elevation_deg", **bounds, why="x")


def test_unknown_quantities_are_refused() -> None:
    with pytest.raises(ValueError, match="name must be one of"):
        quantity("elevation")


@pytest.mark.parametrize("name", sorted(QUANTITIES))
def test_every_chapter_declares_a_shared_quantity_within_its_shared_range(name) -> None:
    q = QUANTITIES[name]
    for chapter in CHAPTERS:
        spec = chapter_spec(chapter)
        assert not set(q.aliases) & set(spec.names), (chapter, "declares an old name of", name)
        if name not in spec:
            continue
        p = spec[name]
        assert p.unit == q.unit, (chapter, name)
        assert q.low <= p.low and p.high <= q.high, (chapter, name, p.low, p.high)
        if (p.low, p.high) != (q.low, q.high):
            assert "narrowed here:" in p.help, (chapter, name)
