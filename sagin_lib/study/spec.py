"""Declared parameters of a chapter: types, units, ranges, help and constraints.

Each chapter of the book declares its parameters once, as a :class:`ChapterSpec`
in its study module (``sagin_lib.study.<chapter>``). The same declaration

* checks a rerun request before anything executes (``python -m sagin_lib.rerun``),
* checks the values inside the notebook right after its ``parameters`` cell
  (:meth:`ChapterSpec.bind`), so that plain papermill gets the same message,
* prints the chapter's parameter table (``rerun params CHAPTER``), and
* maps deprecated parameter names to the current ones.

A refused value raises :class:`ParameterError`, a :class:`ValueError` whose
message names the chapter, the parameter, the value given and the allowed range
in the chapter's own units (GHz, degrees, km ...).
"""

from __future__ import annotations

import difflib
import json
import math
import numbers
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any

#: Names that a notebook namespace holds but that are never parameters.
_NAMESPACE_SKIP = frozenset({"In", "Out", "exit", "quit", "get_ipython", "open", "display"})

#: Candidate values per parameter when searching for values that pass the conditions.
_GRID = 81

#: Name endings that carry a unit; a suggestion keeps the unit of the name typed.
_UNIT_SUFFIXES = (
    "dbm", "dbw", "dbi", "db", "ghz", "mhz", "khz", "hz", "km", "m", "deg", "rad", "s", "ms",
    "us", "h", "w", "kw", "kg", "km2", "m_s", "k", "mbps", "pct",
)  # fmt: skip


def _unit_suffix(name: str) -> str:
    """The unit ending of a parameter name ('' when it has none)."""
    for suffix in sorted(_UNIT_SUFFIXES, key=len, reverse=True):
        if name.endswith("_" + suffix):
            return suffix
    return ""


#: The parameter kinds a chapter can declare.
KINDS = ("float", "int", "str", "bool", "list[float]", "list[int]", "list[str]")


class ParameterError(ValueError):
    """A chapter parameter (or a combination of them) outside its declared range."""


def _fmt(value: Any) -> str:
    """A number as a reader would type it (no trailing ``.0`` noise)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", "_") if abs(value) >= 100_000 else str(value)
    return f"{value:g}"


@dataclass(frozen=True)
class Param:
    """One parameter of a chapter.

    Parameters
    ----------
    name : str
        The name in the notebook's ``parameters`` cell.
    default : object
        The default value; its Python type sets :attr:`kind` unless given.
    help : str
        One line for readers: what the parameter sets.
    unit : str, optional
        The unit the value is given in ("GHz", "deg", "km", "per km^2" ...).
    low, high : float, optional
        Bounds of a number, or of every item of a list of numbers.
    low_open, high_open : bool, optional
        Whether the bounds themselves are excluded.
    choices : tuple of str, optional
        The allowed strings, for a ``str`` parameter with a fixed set of values.
    min_items, max_items : int, optional
        Allowed lengths of a list parameter.
    increasing : bool, optional
        A list whose items must increase strictly.
    aliases : tuple of str, optional
        Deprecated names that still work (mapped to ``name`` with a note).
    kind : str, optional
        One of :data:`KINDS`; inferred from ``default`` when omitted.
    used_if : tuple, optional
        ``(other, values)``: the parameter is read only when parameter
        ``other`` takes one of ``values``; setting it otherwise gets a note.
    """

    name: str
    default: Any
    help: str
    unit: str = ""
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    choices: tuple[str, ...] | None = None
    min_items: int = 1
    max_items: int | None = None
    increasing: bool = False
    aliases: tuple[str, ...] = ()
    kind: str = ""
    used_if: tuple[str, tuple[Any, ...]] | None = None

    def __post_init__(self) -> None:
        if not self.kind:
            object.__setattr__(self, "kind", _infer_kind(self.default))
        if self.kind not in KINDS:
            raise ValueError(f"kind of {self.name} must be one of {KINDS}; got {self.kind!r}")
        if not self.help:
            raise ValueError(f"parameter {self.name} needs a help text")
        # The help text becomes a comment of the notebook's parameters cell, which
        # papermill parses line by line: a second "=" makes the line unparseable.
        if "=" in self.help or "\n" in self.help:
            raise ValueError(f"the help text of {self.name} must be one line without '='")
        # A default outside its own range is a bug in the declaration.
        self.check(self.default, chapter="(declaration)")

    @property
    def is_list(self) -> bool:
        """True for the ``list[...]`` kinds."""
        return self.kind.startswith("list")

    @property
    def item_kind(self) -> str:
        """The kind of one value (the item kind for lists)."""
        return self.kind[5:-1] if self.is_list else self.kind

    def range_text(self) -> str:
        """The allowed values in words, in the parameter's unit."""
        if self.choices is not None:
            return "one of " + ", ".join(repr(c) for c in self.choices)
        unit = f" {self.unit}" if self.unit else ""
        if self.low is None and self.high is None:
            text = {"bool": "true or false", "str": "any text"}.get(self.item_kind, "any number")
        else:
            lo = "-inf" if self.low is None else _fmt(self.low)
            hi = "inf" if self.high is None else _fmt(self.high)
            lb = "(" if self.low_open or self.low is None else "["
            rb = ")" if self.high_open or self.high is None else "]"
            text = f"{lb}{lo}, {hi}{rb}{unit}"
            if self.item_kind == "int":
                text = f"integers in {text}"
        if self.is_list:
            count = (
                f"{self.min_items} or more"
                if self.max_items is None
                else f"{self.min_items} to {self.max_items}"
            )
            order = ", strictly increasing" if self.increasing else ""
            return f"a list of {count} values{order}, each {text}"
        return text

    def coerce(self, raw: Any, chapter: str = "") -> Any:
        """Convert a command-line string or a JSON/Python value to this kind, then check it."""
        value = self._convert(raw, chapter)
        return self.check(value, chapter=chapter)

    def _convert(self, raw: Any, chapter: str) -> Any:
        if self.is_list:
            if isinstance(raw, str):
                text = raw.strip()
                try:
                    raw = json.loads(text) if text.startswith("[") else _split(text)
                except json.JSONDecodeError:
                    self._refuse(raw, chapter, "is not a list")
            if isinstance(raw, tuple):
                raw = list(raw)
            if not isinstance(raw, list):
                self._refuse(raw, chapter, "is not a list")
            return [self._convert_item(item, chapter, raw) for item in raw]
        return self._convert_item(raw, chapter, raw)

    def _convert_item(self, raw: Any, chapter: str, whole: Any) -> Any:
        # What is not text, or not true or false, is refused by check(), which coerce() runs next.
        kind = self.item_kind
        if kind == "str":
            if isinstance(raw, str) and self.choices is not None:
                # Choices are names, not case-sensitive text: "Rayleigh" means "rayleigh".
                folded = {c.casefold(): c for c in self.choices}
                return folded.get(raw.strip().casefold(), raw)
            return raw
        if kind == "bool":
            if isinstance(raw, str) and raw.strip().lower() in ("true", "false"):
                return raw.strip().lower() == "true"
            return raw
        if isinstance(raw, bool):
            self._refuse(whole, chapter, f"is not {'an integer' if kind == 'int' else 'a number'}")
        if kind == "int":
            if isinstance(raw, int):
                return raw
            if isinstance(raw, str):
                text = raw.strip().replace("_", "")
                try:
                    return int(text)
                except ValueError:
                    pass
                # 1e9 is an integer written short; 7.0 is a number with a fraction part.
                if "." not in text:
                    try:
                        as_float = float(text)
                    except ValueError:
                        as_float = math.nan
                    if math.isfinite(as_float) and as_float.is_integer() and abs(as_float) < 2**53:
                        return int(as_float)
            self._refuse(whole, chapter, "is not an integer")
        try:
            value = float(raw)
        except (TypeError, ValueError):
            self._refuse(whole, chapter, "is not a number")
        if not math.isfinite(value):
            self._refuse(whole, chapter, "is not a finite number")
        return value

    def check(self, value: Any, chapter: str = "") -> Any:
        """Check a value already of this kind; return it (ints widened to float)."""
        if self.is_list:
            if not isinstance(value, (list, tuple)):
                self._refuse(value, chapter, "is not a list")
            items = [self._check_item(v, chapter, value) for v in value]
            if len(items) < self.min_items or (
                self.max_items is not None and len(items) > self.max_items
            ):
                self._refuse(value, chapter, f"has {len(items)} values")
            if self.increasing and any(b <= a for a, b in zip(items, items[1:], strict=False)):
                self._refuse(value, chapter, "is not strictly increasing")
            return items
        return self._check_item(value, chapter, value)

    def _check_item(self, value: Any, chapter: str, whole: Any) -> Any:
        kind = self.item_kind
        if kind == "str":
            if not isinstance(value, str):
                self._refuse(whole, chapter, "is not text")
            if self.choices is not None and value not in self.choices:
                self._refuse(whole, chapter, "is not allowed")
            return value
        if kind == "bool":
            if not isinstance(value, bool):
                self._refuse(whole, chapter, "is not true or false")
            return value
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            self._refuse(whole, chapter, "is not a number")
        if kind == "int":
            if not isinstance(value, numbers.Integral):
                self._refuse(whole, chapter, "is not an integer")
            value = int(value)
        if kind == "float":
            value = float(value)
        if not math.isfinite(value):
            self._refuse(whole, chapter, "is not a finite number")
        too_low = self.low is not None and (
            value <= self.low if self.low_open else value < self.low
        )
        too_high = self.high is not None and (
            value >= self.high if self.high_open else value > self.high
        )
        if too_low or too_high:
            self._refuse(whole, chapter, "is out of range")
        return value

    def _refuse(self, value: Any, chapter: str, why: str) -> None:
        where = f"{chapter}: " if chapter else ""
        unit = f" {self.unit}" if self.unit and not self.is_list else ""
        numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
        shown = _fmt(value) if numeric else repr(value)
        unit = unit if numeric else ""
        raise ParameterError(
            f"{where}parameter {self.name} = {shown}{unit} {why}; allowed: {self.range_text()}"
        )


def _fmt_big(value: Any) -> str:
    """A computed total in a readable form (3 significant digits, thousands separated)."""
    value = float(value)
    if abs(value) >= 1e12 or (0 < abs(value) < 1e-3):
        return f"{value:.3g}"
    return f"{float(f'{value:.3g}'):,.10g}"


def _round_sig(value: float, digits: int, down: bool | None = None) -> float:
    """``value`` to ``digits`` significant digits: nearest, or down/up when asked."""
    if value == 0 or not math.isfinite(value):
        return value
    step = 10.0 ** (math.floor(math.log10(abs(value))) - digits + 1)
    scaled = value / step
    whole = round(scaled) if down is None else (math.floor(scaled) if down else math.ceil(scaled))
    return float(f"{whole * step:.{digits}g}")


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _infer_kind(default: Any) -> str:
    if isinstance(default, bool):
        return "bool"
    if isinstance(default, int):
        return "int"
    if isinstance(default, float):
        return "float"
    if isinstance(default, str):
        return "str"
    if isinstance(default, (list, tuple)) and default:
        kinds = {_infer_kind(v) for v in default}
        if kinds == {"int"}:
            return "list[int]"
        if kinds <= {"int", "float"}:
            return "list[float]"
        if kinds == {"str"}:
            return "list[str]"
    raise ValueError(f"cannot infer a parameter kind from the default {default!r}; give kind=")


@dataclass(frozen=True)
class Constraint:
    """A condition that ties several parameters of a chapter together.

    Parameters
    ----------
    names : tuple of str
        The parameters involved (named in the message).
    text : str
        The condition in words, e.g. ``"freq_min_ghz < freq_max_ghz"``.
    holds : callable, optional
        ``holds(values) -> bool`` on the mapping of checked values.
    load, limit : callable and float, optional
        For a budget: ``load(values)`` is the computed total (nodes drawn, say)
        and the condition is ``load(values) <= limit``; a refusal then gives
        both numbers. Give either ``holds`` or ``load`` and ``limit``.
    """

    names: tuple[str, ...]
    text: str
    holds: Callable[[Mapping[str, Any]], bool] | None = None
    load: Callable[[Mapping[str, Any]], float] | None = None
    limit: float | None = None

    def __post_init__(self) -> None:
        if (self.holds is None) == (self.load is None) or (self.load is None) != (
            self.limit is None
        ):
            raise ValueError(f"constraint {self.text!r}: give holds, or load and limit")

    def satisfied(self, values: Mapping[str, Any]) -> bool:
        """Whether the condition holds for a checked set of values."""
        if self.load is not None:
            return bool(self.load(values) <= self.limit)
        return bool(self.holds(values))  # type: ignore[misc]

    def describe_failure(self, values: Mapping[str, Any], spec: ChapterSpec) -> str:
        """The condition, the values it involves and, for a budget, total against limit."""
        given = ", ".join(
            f"{n} = {_fmt(values[n])}{' ' + spec[n].unit if spec[n].unit else ''}"
            for n in self.names
        )
        text = f"{self.text} is required; got {given}"
        if self.load is not None:
            text += f" (computed {_fmt_big(self.load(values))} against the limit {_fmt_big(self.limit)})"
        return text


@dataclass(frozen=True)
class ChapterSpec:
    """The declared parameters of one chapter, and the checks between them.

    Parameters
    ----------
    chapter : str
        The chapter (notebook name without ``.ipynb``).
    params : tuple of Param
        Every parameter, in the order of the notebook's ``parameters`` cell.
        ``output_dir`` is declared like the others.
    constraints : tuple of Constraint, optional
        Conditions between parameters, checked after each value is checked.
    """

    chapter: str
    params: tuple[Param, ...]
    constraints: tuple[Constraint, ...] = ()
    _by_name: dict[str, Param] = field(init=False, repr=False, compare=False)
    _alias: dict[str, str] = field(init=False, repr=False, compare=False)
    _alone: dict[str, Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_name = {p.name: p for p in self.params}
        if len(by_name) != len(self.params):
            raise ValueError(f"{self.chapter}: duplicate parameter names")
        alias = {a: p.name for p in self.params for a in p.aliases}
        if set(alias) & set(by_name):
            raise ValueError(f"{self.chapter}: an alias shadows a parameter")
        for c in self.constraints:
            unknown = set(c.names) - set(by_name)
            if unknown:
                raise ValueError(f"{self.chapter}: constraint names unknown {sorted(unknown)}")
        object.__setattr__(self, "_by_name", by_name)
        object.__setattr__(self, "_alias", alias)
        object.__setattr__(self, "_alone", {})
        self.validate(self.defaults())

    @property
    def names(self) -> tuple[str, ...]:
        """Parameter names in declaration order."""
        return tuple(p.name for p in self.params)

    @property
    def aliases(self) -> Mapping[str, str]:
        """Deprecated name -> current name."""
        return dict(self._alias)

    def __getitem__(self, name: str) -> Param:
        return self._by_name[name]

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def defaults(self) -> dict[str, Any]:
        """Every parameter at its default."""
        return {p.name: p.default for p in self.params}

    def canonical(self, name: str, hidden: Iterable[str] = ()) -> tuple[str, str | None]:
        """The current name for ``name`` and a deprecation note (None if current).

        ``hidden`` names are left out of suggestions (``output_dir`` where a
        rerun sets it).

        Raises
        ------
        ParameterError
            For a name that is neither a parameter nor an alias, suggesting the
            closest one in the same unit.
        """
        hidden = frozenset(hidden)
        if name in self._by_name:
            return name, None
        if name in self._alias:
            new = self._alias[name]
            return new, f"note: parameter {name} of {self.chapter} is now called {new}"
        # A suggestion never crosses units: haps_tx_power_dbm is not haps_tx_power_dbw.
        pool = [
            n
            for n in [*self._by_name, *self._alias]
            if n not in hidden and (not _unit_suffix(name) or _unit_suffix(n) == _unit_suffix(name))
        ]
        hint = difflib.get_close_matches(name, pool, n=1)
        extra = f" Did you mean {self._alias.get(hint[0], hint[0])!r}?" if hint else ""
        twin = [
            n
            for n in difflib.get_close_matches(name, list(self._by_name), n=3, cutoff=0.85)
            if _unit_suffix(n) != _unit_suffix(name)
        ]
        if twin:
            extra += f" ({twin[0]} is in {self[twin[0]].unit or 'another unit'}.)"
        shown = [n for n in self.names if n not in hidden]
        raise ParameterError(
            f"unknown parameter {name!r} for chapter {self.chapter}.{extra} "
            f"Parameters: {', '.join(shown)}"
        )

    def coerce(
        self, name: str, raw: Any, hidden: Iterable[str] = ()
    ) -> tuple[str, Any, str | None]:
        """Map ``name`` to its current name and convert ``raw`` to the declared kind.

        Returns ``(name, value, note)`` where ``note`` is a deprecation note or None.
        """
        current, note = self.canonical(name, hidden)
        return current, self._by_name[current].coerce(raw, self.chapter), note

    def validate(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Check a complete set of values (current names); return them checked.

        Missing parameters take their defaults. Each value is checked against
        its declaration, then every constraint against the whole set.
        """
        unknown = [n for n in values if n not in self._by_name]
        if unknown:
            self.canonical(unknown[0])  # raises with a suggestion
        checked = {
            p.name: p.check(values.get(p.name, p.default), self.chapter) for p in self.params
        }
        failed = [c for c in self.constraints if not c.satisfied(checked)]
        if failed:
            raise ParameterError(self._refusal(failed, checked))
        return checked

    def _refusal(self, failed: list[Constraint], checked: Mapping[str, Any]) -> str:
        """Every broken condition at once, and for each parameter a value that passes."""
        lines = [
            f"{self.chapter}: "
            + (
                failed[0].describe_failure(checked, self)
                if len(failed) == 1
                else f"{len(failed)} conditions are broken:"
            )
        ]
        if len(failed) > 1:
            lines += [f"  - {c.describe_failure(checked, self)}" for c in failed]
        names = list(dict.fromkeys(n for c in failed for n in c.names))
        fixes = []
        for n in names:
            p = self[n]
            if p.is_list or p.item_kind not in ("int", "float"):
                continue
            value = self.passing_value(n, checked)
            unit = f" {p.unit}" if p.unit else ""
            fixes.append(
                f"{n} = {_fmt(value)}{unit}" if value is not None else f"{n}: no value alone"
            )
        if fixes:
            lines.append("  values that pass, each changed alone: " + "; ".join(fixes))
        return "\n".join(lines)

    def _feasible(self, values: Mapping[str, Any]) -> bool:
        try:
            return all(c.satisfied(values) for c in self.constraints)
        except (ArithmeticError, ValueError):
            return False

    def _grid(self, p: Param) -> list[Any] | None:
        """Candidate values over a parameter's declared range (None if unbounded)."""
        if p.low is None or p.high is None:
            return None
        lo, hi = float(p.low), float(p.high)
        span = hi - lo
        lo_in = lo + (span * 1e-9 if p.low_open else 0.0)
        hi_in = hi - (span * 1e-9 if p.high_open else 0.0)
        if lo_in > 0 and hi_in / lo_in >= 100:
            grid = [lo_in * (hi_in / lo_in) ** (i / (_GRID - 1)) for i in range(_GRID)]
        else:
            grid = [lo_in + (hi_in - lo_in) * i / (_GRID - 1) for i in range(_GRID)]
        if p.item_kind == "int":
            return sorted(
                {int(math.ceil(lo_in)), *(round(g) for g in grid), int(math.floor(hi_in))}
            )
        return grid

    def _edge(
        self, name: str, values: Mapping[str, Any], good: Any, bad: Any, *, one_item: bool = False
    ) -> Any:
        """The value nearest ``bad`` on the segment from ``good`` that still passes.

        With ``one_item`` each value is tried as a list of that one value.
        """
        p = self[name]
        trial = dict(values)

        def passes(value: Any) -> bool:
            trial[name] = [value] if one_item else value
            return self._feasible(trial)

        if p.item_kind == "int":
            while abs(bad - good) > 1:
                mid = (good + bad) // 2
                good, bad = (mid, bad) if passes(mid) else (good, mid)
            return good
        for _ in range(60):
            mid = 0.5 * (good + bad)
            good, bad = (mid, bad) if passes(mid) else (good, mid)
        # A round number a reader can type, still on the passing side.
        toward_good = good < bad
        for digits in (3, 4, 6, 9):
            for rounded in (_round_sig(good, digits), _round_sig(good, digits, down=toward_good)):
                inside = (p.low is None or rounded >= p.low) and (
                    p.high is None or rounded <= p.high
                )
                if inside and passes(rounded):
                    return rounded
        return good

    def _passing(
        self, name: str, values: Mapping[str, Any], grid: list[Any], *, one_item: bool = False
    ) -> list[bool]:
        """Whether each value of ``grid`` for ``name`` passes, the others as in ``values``.

        With ``one_item`` each value is tried as a list of that one value.
        """
        trial = dict(values)
        ok = []
        for g in grid:
            trial[name] = [g] if one_item else g
            ok.append(self._feasible(trial))
        return ok

    def passing_value(self, name: str, values: Mapping[str, Any]) -> Any | None:
        """The value of ``name`` nearest its value in ``values`` that passes every condition.

        The other parameters keep their values. None when no value of the
        declared range passes (or the range is unbounded).
        """
        p = self[name]
        grid = self._grid(p)
        if grid is None:
            return None
        ok = self._passing(name, values, grid)
        if not any(ok):
            return None
        given = values[name]
        scale = math.log if grid[0] > 0 and grid[-1] / grid[0] >= 100 else (lambda x: x)
        best = min(
            (i for i, good in enumerate(ok) if good),
            key=lambda i: abs(scale(grid[i]) - scale(max(given, 1e-300) if grid[0] > 0 else given)),
        )
        step = 1 if given > grid[best] else -1
        neighbour = best + step
        if 0 <= neighbour < len(grid) and not ok[neighbour]:
            return self._edge(name, values, grid[best], grid[neighbour])
        return grid[best]

    def alone_range(self, name: str) -> tuple[Any, Any] | None:
        """The values ``name`` may take with every other parameter at its default.

        Returns ``(low, high)`` when the chapter's conditions make it narrower
        than the declared range, else None. A list that may hold one value is
        tried as a list of one value: the range is that of the value then (None
        when no single value passes: such a list is held by its length, paired
        with another list's).
        """
        if name in self._alone:
            return self._alone[name]
        p = self[name]
        result = None
        involved = any(name in c.names for c in self.constraints)
        # A list is tried as a list of one value (its shortest form): the range is
        # that of the value then.
        one_item = p.is_list and p.min_items <= 1
        grid = self._grid(p) if involved and (one_item or not p.is_list) else None
        if grid is not None:
            defaults = self.defaults()
            ok = self._passing(name, defaults, grid, one_item=one_item)
            # A list that no single value makes pass is held by its length (a pairing
            # with another list), not by its values: no range to give.
            if not all(ok) and any(ok):
                d = max(p.default) if one_item and p.default else p.default
                start = min((i for i in range(len(grid)) if ok[i]), key=lambda i: abs(grid[i] - d))
                i = j = start
                while i > 0 and ok[i - 1]:
                    i -= 1
                while j < len(grid) - 1 and ok[j + 1]:
                    j += 1
                lo = (
                    self._edge(name, defaults, grid[i], grid[i - 1], one_item=one_item)
                    if i > 0
                    else grid[i]
                )
                hi = (
                    self._edge(name, defaults, grid[j], grid[j + 1], one_item=one_item)
                    if j < len(grid) - 1
                    else grid[j]
                )
                result = (lo if i > 0 else p.low, hi if j < len(grid) - 1 else p.high)
        self._alone[name] = result
        return result

    def resolve(
        self, requested: Iterable[tuple[str, Any]], hidden: Iterable[str] = ()
    ) -> tuple[dict[str, Any], list[str]]:
        """Convert ``(name, raw value)`` pairs, then check the whole set.

        Returns the values that were set (current names) and the deprecation
        notes. Raises :class:`ParameterError` before anything runs.
        """
        chosen: dict[str, Any] = {}
        notes: list[str] = []
        errors: list[str] = []
        spelled: dict[str, str] = {}
        for name, raw in requested:
            try:
                current, value, note = self.coerce(name, raw, hidden)
            except ParameterError as exc:
                errors.append(str(exc))
                continue
            if current in spelled and spelled[current] != name:
                errors.append(
                    f"{self.chapter}: {spelled[current]} and {name} name the same parameter "
                    f"({current}); set it once, by its name {current}"
                )
                continue
            spelled[current] = name
            chosen[current] = value
            if note and note not in notes:
                notes.append(note)
        if errors:
            raise ParameterError("\n".join(errors))
        checked = self.validate({**self.defaults(), **chosen})
        notes += self.ignored_notes(chosen, checked)
        return chosen, notes

    def ignored_notes(self, chosen: Mapping[str, Any], checked: Mapping[str, Any]) -> list[str]:
        """A note for each chosen parameter that the run will not read."""
        notes = []
        for name in chosen:
            p = self[name]
            if p.used_if is None:
                continue
            other, values = p.used_if
            if checked[other] not in values:
                wanted = " or ".join(repr(v) for v in values)
                notes.append(
                    f"note: {name} is ignored: it is read only when {other} is {wanted} "
                    f"(here {other} = {checked[other]!r})"
                )
        return notes

    def bind(self, namespace: MutableMapping[str, Any]) -> dict[str, Any]:
        """Check the parameters a notebook holds and write the checked values back.

        Call it in the cell right after the ``parameters`` cell (and the cell
        papermill injects), as ``params = SPEC.bind(globals())``. Deprecated
        names are moved to their current names with a note on standard output,
        unknown lower-case names are refused with a suggestion, and every value
        is checked against the declaration. Returns the checked values, in
        declaration order, for the figures' metadata.
        """
        supplied: dict[str, Any] = {}
        for name in list(namespace):
            if name.startswith("_") or name in _NAMESPACE_SKIP or not name.islower():
                continue
            value = namespace[name]
            if not _is_plain(value):
                continue
            current, note = self.canonical(name)
            if note:
                if current in namespace and namespace[current] != self[current].default:
                    raise ParameterError(
                        f"{self.chapter}: {name} and {current} name the same parameter; "
                        f"set it once, by its name {current}"
                    )
                print(note)
                supplied[current] = value
                del namespace[name]
            else:
                supplied.setdefault(current, value)
        converted = {
            n: self._by_name[n].coerce(v, self.chapter) if isinstance(v, str) else v
            for n, v in supplied.items()
            if n in self._by_name
        }
        # Strings go through coerce so "12" typed for a number is read as one,
        # except for text parameters, which take any string as it is.
        for n, v in supplied.items():
            p = self._by_name[n]
            if isinstance(v, str) and p.item_kind == "str" and p.choices is None:
                converted[n] = v
        checked = self.validate({**self.defaults(), **converted})
        namespace.update(checked)
        return checked

    def table_rows(self) -> list[dict[str, str]]:
        """One row per parameter: name, kind, unit, allowed range, default, help."""
        return [
            {
                "name": p.name,
                "type": p.kind,
                "unit": p.unit,
                "allowed": p.range_text(),
                "default": json.dumps(p.default),
                "help": p.help + (f" (formerly {', '.join(p.aliases)})" if p.aliases else ""),
            }
            for p in self.params
        ]

    def describe(self, hidden: Iterable[str] = ()) -> str:
        """The parameter table as plain text (what ``rerun params`` prints).

        For a parameter that the chapter's conditions restrict when it is set
        alone (every other parameter at its default), an ``alone:`` line gives
        the values that then pass. ``hidden`` parameters are left out.
        """
        hidden = frozenset(hidden)
        lines = [f"Parameters of chapter {self.chapter}:"]
        for row in self.table_rows():
            if row["name"] in hidden:
                continue
            p = self[row["name"]]
            unit = f" [{row['unit']}]" if row["unit"] else ""
            lines.append(f"  {row['name']} ({row['type']}{unit}) default {row['default']}")
            lines.append(f"      {row['help']}")
            lines.append(f"      allowed: {row['allowed']}")
            alone = self.alone_range(p.name)
            if alone is not None:
                lo, hi = ("-inf" if v is None else _fmt(v) for v in alone)
                lb = "(" if alone[0] == p.low and p.low_open else "["
                rb = ")" if alone[1] == p.high and p.high_open else "]"
                unit = f" {p.unit}" if p.unit else ""
                one = " (a list of one value)" if p.is_list else ""
                lines.append(f"      alone: {lb}{lo}, {hi}{rb}{unit}{one}")
            if p.used_if is not None:
                other, values = p.used_if
                wanted = " or ".join(repr(v) for v in values)
                lines.append(f"      read only when {other} is {wanted}")
        if self.constraints:
            lines.append("  Conditions between parameters (checked before a run):")
        for c in self.constraints:
            limit = f" (limit {_fmt_big(c.limit)})" if c.limit is not None else ""
            lines.append(f"    - {c.text}{limit}")
        if any(p.is_list for p in self.params if p.name not in hidden):
            lines.append(
                "  Lists are written a,b,c or [a, b, c] (quote them in a shell); "
                "negative values are fine: -p beam_lat_deg -30,45"
            )
        return "\n".join(lines)


def _is_plain(value: Any) -> bool:
    if value is None or isinstance(value, (bool, int, float, str)):
        return True
    if isinstance(value, (list, tuple)):
        return all(_is_plain(v) for v in value)
    return False


def output_dir_param(chapter: str) -> Param:
    """The ``output_dir`` parameter every chapter declares."""
    return Param(
        "output_dir",
        f"outputs/{chapter}",
        "folder for figures, data, claims and metadata",
    )
