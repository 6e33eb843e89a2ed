"""The README tells the truth: its code runs, its paths exist, its commands are real."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = README.index(f"## {title}")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def _recipe(target: str) -> tuple[list[str], list[str]]:
    match = re.search(rf"^{target}:([^\n]*)\n((?:\t[^\n]*\n|[^\S\n]*\n)*)", MAKEFILE, re.M)
    assert match, target
    prerequisites = match.group(1).split()
    lines = [line.strip() for line in match.group(2).splitlines() if line.strip()]
    return prerequisites, lines


def test_the_library_example_runs_and_gives_the_numbers_it_prints() -> None:
    code = re.search(r"```python\n(.*?)```", _section("Using the library"), re.S).group(1)
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)
    dome = namespace["dome"]
    assert round(float(dome.vertex_angle_rad), 4) == 0.2764
    assert f"{float(dome.area_km2):.3e}" == "1.159e+07"
    nodes = namespace["nodes_xyz_km"]
    # About 1e-3 per km^2 of an 1.16e7 km^2 dome: Poisson, so within 5 sigma of 11,588.
    assert nodes.shape[1] == 3
    assert abs(len(nodes) - 11_588) < 5 * np.sqrt(11_588)


def test_every_public_name_the_readme_lists_is_exported() -> None:
    import sagin_lib

    listed = set(re.findall(r"`([A-Za-z_][A-Za-z0-9_]*)`", _section("Using the library")))
    public = set(sagin_lib.__all__)
    # Every exported name is listed, and every listed identifier that looks like
    # one of ours is exported.
    assert public - {"__version__"} <= listed
    for name in listed:
        if name in {"rng", "ValueError", "None", "sagin_lib"}:
            continue
        assert name in public, name


def test_every_path_in_the_layout_table_exists() -> None:
    paths = re.findall(r"^\| `([^`]+)`", _section("Layout"), re.M)
    files = [p for p in paths if not p.startswith("sagin_lib.")]
    assert len(files) >= 10
    for entry in files:
        for path in re.split(r"`?,\s*`|`\s*/\s*`", entry):
            assert (ROOT / path.rstrip("/")).exists(), path


def test_every_module_named_in_the_layers_table_exists() -> None:
    rows = re.findall(r"^\| `(sagin_lib\.\w+)` \| (.*) \|$", _section("Layout"), re.M)
    assert [r[0] for r in rows] == [
        "sagin_lib.model",
        "sagin_lib.sampling",
        "sagin_lib.platforms",
        "sagin_lib.constellations",
        "sagin_lib.scale",
        "sagin_lib.study",
    ]
    for package, text in rows:
        folder = ROOT / package.replace(".", "/")
        names = [n for n in re.findall(r"`(\w+)`", text) if n[0].islower() and n != "in_dome"]
        names = [n for n in names if n not in {"pip"}]
        assert names, package
        for name in names:
            module, subpackage = folder / f"{name}.py", folder / name / "__init__.py"
            assert module.exists() or subpackage.exists(), f"{package}.{name}"


def test_make_test_runs_lint_then_browser_deps_then_one_pytest_run() -> None:
    prerequisites, lines = _recipe("test")
    assert prerequisites == ["book", "lint", "browser-deps"]
    assert sum("pytest" in line for line in lines) == 1
    order = _section("The two commands")
    assert (
        order.index("`make book`")
        < order.index("ruff check")
        < order.index("browser-deps")
        < order.index("one `pytest` run")
    )


def test_make_bench_runs_every_benchmark_script() -> None:
    _, lines = _recipe("bench")
    scripts = sorted(p.name for p in (ROOT / "benchmarks").glob("bench_*.py"))
    assert len(scripts) == 4
    assert sorted(Path(line.split()[-1]).name for line in lines) == scripts
    for script in scripts:
        assert f"`{script}`" in README


def test_ci_calls_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test    #" in README
    assert re.search(r"^make test$", ci, re.M)


@pytest.mark.parametrize("target", ["setup", "book", "test", "test-fast", "bench", "lock", "rerun"])
def test_every_make_target_the_readme_names_exists(target: str) -> None:
    assert f"make {target}" in README or target == "setup" and "make setup" in README
    assert re.search(rf"^{re.escape(target)}:", MAKEFILE, re.M)
