"""The shape of the library: imports flow one way, in layers, and modules stay readable.

The import graph is read from the source with :mod:`ast` (every ``import`` and
``from ... import`` anywhere in a module, including those inside functions), so
a lazy import cannot hide a circle.

The layers, lowest first (a module may import its own layer and those below):

1. ``sagin_lib._checks``, ``sagin_lib._random``: private helpers, importing
   nothing of ``sagin_lib``;
2. ``sagin_lib.model``: geometry and links;
3. ``sagin_lib.sampling``: point processes on the domes;
4. ``sagin_lib.platforms``, ``sagin_lib.scale``, ``sagin_lib.constellations``:
   side by side, none importing another;
5. ``sagin_lib.study``: the chapters, free to import everything below;
6. the facade: the package itself (``sagin_lib/__init__.py``, the curated top
   level) and ``sagin_lib.rerun`` (the command line).

The one import that points up is ``from sagin_lib import __version__``: the
version is metadata of the package, read where provenance is recorded.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "sagin_lib"

#: Layer of each top-level part of the package, lowest first.
LAYER_OF: Mapping[str, int] = {
    "_checks": 0,
    "_random": 0,
    "model": 1,
    "sampling": 2,
    "platforms": 3,
    "scale": 3,
    "constellations": 3,
    "study": 4,
    "": 5,  # the package's own __init__
    "rerun": 5,
}

#: Module size above which a module is to be split (study modules are reported only).
MAX_LINES = 1_000

#: Names a module may import from the package root without depending on the facade.
ROOT_METADATA = frozenset({"__version__"})


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imported(node: ast.AST, module: str, is_package: bool) -> list[tuple[str, list[str]]]:
    """``(module imported, names taken from it)`` for one import statement."""
    if isinstance(node, ast.Import):
        return [(alias.name, []) for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            anchor = module.split(".") if is_package else module.split(".")[:-1]
            anchor = anchor[: len(anchor) - node.level + 1]
            base = ".".join([*anchor, base] if base else anchor)
        names = [alias.name for alias in node.names]
        # ``from package import module`` imports the submodule too.
        return [(base, names)] + [(f"{base}.{name}", []) for name in names]
    return []


def import_graph(modules: Mapping[str, Path]) -> dict[str, set[str]]:
    """Edges ``module -> modules of sagin_lib it imports`` (anywhere in its body).

    Imports of only :data:`ROOT_METADATA` from the package root are left out.
    """
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            for target, names in _imported(node, name, path.name == "__init__.py"):
                if target not in modules or target == name:
                    continue
                if target == "sagin_lib" and names and set(names) <= ROOT_METADATA:
                    continue
                graph[name].add(target)
    return graph


def find_cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan), and self-loops."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = 0

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in graph.get(v, ()):
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return cycles


def part(module: str) -> str:
    """The top-level part of ``sagin_lib`` a module belongs to ('' for the package itself)."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else ""


@pytest.fixture(scope="module")
def modules() -> dict[str, Path]:
    return _modules()


@pytest.fixture(scope="module")
def graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    return import_graph(modules)


def test_the_graph_is_read_from_every_module_and_lazy_imports(
    modules: dict[str, Path], graph: dict[str, set[str]]
) -> None:
    assert len(modules) > 60
    # Top-level imports ...
    assert "sagin_lib.model.dome" in graph["sagin_lib.model.coverage"]
    assert "sagin_lib.sampling.area_uniform" in graph["sagin_lib.platforms.sway"]
    # ... and those made inside functions, which a walk of the top level misses.
    lazy = []
    for name, path in modules.items():
        body = ast.parse(path.read_text(encoding="utf-8")).body
        top = {t for node in body for t, _ in _imported(node, name, path.name == "__init__.py")}
        lazy += [f"{name} -> {t}" for t in graph[name] if t not in top]
    assert lazy, "no import inside a function was found"


def test_the_cycle_finder_finds_direct_and_lazy_circles() -> None:
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []
    assert find_cycles({"a": {"b"}, "b": {"a"}}) == [["a", "b"]]
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert find_cycles({"a": {"a"}}) == [["a"]]
    # A relative import inside a function resolves to the module it names.
    tree = ast.parse("def f():\n    from .x import g\n")
    found = [t for node in ast.walk(tree) for t, _ in _imported(node, "sagin_lib.model.y", False)]
    assert found == ["sagin_lib.model.x", "sagin_lib.model.x.g"]


def test_no_two_modules_import_each_other(graph: dict[str, set[str]]) -> None:
    assert find_cycles(graph) == []


def test_every_part_of_the_package_has_a_layer(modules: dict[str, Path]) -> None:
    assert {part(m) for m in modules} == set(LAYER_OF)


def test_imports_flow_down_the_layers(graph: dict[str, set[str]]) -> None:
    upward = [
        f"{source} -> {target}"
        for source, targets in graph.items()
        for target in targets
        if LAYER_OF[part(target)] > LAYER_OF[part(source)]
    ]
    assert upward == []


def test_the_private_helpers_and_the_model_import_nothing_above_them(
    graph: dict[str, set[str]],
) -> None:
    for source, targets in graph.items():
        if part(source) in ("_checks", "_random"):
            assert targets == set(), source
        if part(source) == "model":
            assert {part(t) for t in targets} <= {"_checks", "_random", "model"}, source


def test_sampling_imports_only_the_model_and_private_helpers(graph: dict[str, set[str]]) -> None:
    for source, targets in graph.items():
        if part(source) == "sampling":
            allowed = {"_checks", "_random", "model", "sampling"}
            assert {part(t) for t in targets} <= allowed, source


def test_platforms_scale_and_constellations_stand_side_by_side(
    graph: dict[str, set[str]],
) -> None:
    side = ("platforms", "scale", "constellations")
    for source, targets in graph.items():
        if part(source) in side:
            allowed = {"_checks", "_random", "model", "sampling", part(source)}
            assert {part(t) for t in targets} <= allowed, (source, sorted(targets))


def test_nothing_below_the_study_imports_it(graph: dict[str, set[str]]) -> None:
    for source, targets in graph.items():
        if LAYER_OF[part(source)] < LAYER_OF["study"]:
            assert not any(part(t) == "study" for t in targets), source


def _line_counts(modules: Mapping[str, Path]) -> dict[str, int]:
    return {
        name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in modules.items()
    }


def test_no_module_outside_the_study_exceeds_the_size_limit(modules: dict[str, Path]) -> None:
    counts = _line_counts(modules)
    print("\nlines  module (largest first)")
    for name, n in sorted(counts.items(), key=lambda item: -item[1])[:25]:
        flag = "" if part(name) == "study" or n <= MAX_LINES else "  over the limit"
        print(f"{n:5d}  {name}{flag}")
    over = {n: c for n, c in counts.items() if part(n) != "study" and c > MAX_LINES}
    assert over == {}
