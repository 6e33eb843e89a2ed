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
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any

#: Names that a notebook namespace holds but that are never parameters.
_NAMESPACE_SKIP = frozenset({"In", "Out", "exit", "quit", "get_ipython", "open", "display"})

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
        kind = self.item_kind
        if kind == "str":
            if not isinstance(raw, str):
                self._refuse(whole, chapter, "is not text")
            return raw
        if kind == "bool":
            if isinstance(raw, bool):
                return raw
            if isinstance(raw, str) and raw.strip().lower() in ("true", "false"):
                return raw.strip().lower() == "true"
            self._refuse(whole, chapter, "is not true or false")
        if isinstance(raw, bool):
            self._refuse(whole, chapter, f"is not {'an integer' if kind == 'int' else 'a number'}")
        if kind == "int":
            if isinstance(raw, int):
                return raw
            if isinstance(raw, float) and raw.is_integer():
                return int(raw)
            if isinstance(raw, str):
                try:
                    return int(raw.strip().replace("_", ""))
                except ValueError:
                    try:
                        as_float = float(raw)
                    except ValueError:
                        as_float = math.nan
                    if math.isfinite(as_float) and as_float.is_integer():
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
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self._refuse(whole, chapter, "is not a number")
        if kind == "int" and not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                self._refuse(whole, chapter, "is not an integer")
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
    holds : callable
        ``holds(values) -> bool`` on the mapping of checked values.
    """

    names: tuple[str, ...]
    text: str
    holds: Callable[[Mapping[str, Any]], bool]


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

    def canonical(self, name: str) -> tuple[str, str | None]:
        """The current name for ``name`` and a deprecation note (None if current).

        Raises
        ------
        ParameterError
            For a name that is neither a parameter nor an alias, suggesting the
            closest one.
        """
        if name in self._by_name:
            return name, None
        if name in self._alias:
            new = self._alias[name]
            return new, f"note: parameter {name} of {self.chapter} is now called {new}"
        hint = difflib.get_close_matches(name, [*self._by_name, *self._alias], n=1)
        extra = f" Did you mean {self._alias.get(hint[0], hint[0])!r}?" if hint else ""
        raise ParameterError(
            f"unknown parameter {name!r} for chapter {self.chapter}.{extra} "
            f"Parameters: {', '.join(self.names)}"
        )

    def coerce(self, name: str, raw: Any) -> tuple[str, Any, str | None]:
        """Map ``name`` to its current name and convert ``raw`` to the declared kind.

        Returns ``(name, value, note)`` where ``note`` is a deprecation note or None.
        """
        current, note = self.canonical(name)
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
        for c in self.constraints:
            if not c.holds(checked):
                given = ", ".join(
                    f"{n} = {_fmt(checked[n])}{' ' + self[n].unit if self[n].unit else ''}"
                    for n in c.names
                )
                raise ParameterError(f"{self.chapter}: {c.text} is required; got {given}")
        return checked

    def resolve(self, requested: Iterable[tuple[str, Any]]) -> tuple[dict[str, Any], list[str]]:
        """Convert ``(name, raw value)`` pairs, then check the whole set.

        Returns the values that were set (current names) and the deprecation
        notes. Raises :class:`ParameterError` before anything runs.
        """
        chosen: dict[str, Any] = {}
        notes: list[str] = []
        for name, raw in requested:
            current, value, note = self.coerce(name, raw)
            chosen[current] = value
            if note and note not in notes:
                notes.append(note)
        self.validate({**self.defaults(), **chosen})
        return chosen, notes

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
            if isinstance(v, str) and self._by_name[n].item_kind == "str":
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

    def describe(self) -> str:
        """The parameter table as plain text (what ``rerun params`` prints)."""
        lines = [f"Parameters of chapter {self.chapter}:"]
        for row in self.table_rows():
            unit = f" [{row['unit']}]" if row["unit"] else ""
            lines.append(f"  {row['name']} ({row['type']}{unit}) default {row['default']}")
            lines.append(f"      {row['help']}")
            lines.append(f"      allowed: {row['allowed']}")
        for c in self.constraints:
            lines.append(f"  constraint: {c.text}")
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
