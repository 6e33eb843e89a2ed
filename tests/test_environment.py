"""The pinned environment: requirements.txt, environment.yml and requirements.in agree."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;]+)$")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name.split("[")[0]).lower()


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = PIN.match(line)
        assert match, f"requirements.txt line is not an exact pin: {line!r}"
        pins[_norm(match[1])] = match[2]
    return pins


def test_every_requirement_is_pinned_exactly() -> None:
    pins = _lock()
    assert len(pins) > 50  # a full lock, transitive dependencies included
    assert pins["jupyter-book"].startswith("1."), "the book is built with Jupyter Book 1.x"


def test_environment_yml_carries_the_same_pins() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    deps = env["dependencies"]
    assert "python=3.11" in deps
    pip_section = next(d["pip"] for d in deps if isinstance(d, dict) and "pip" in d)
    env_pins = {}
    for entry in pip_section:
        if entry.startswith("-e"):
            continue
        match = PIN.match(entry)
        assert match, f"environment.yml pip entry is not an exact pin: {entry!r}"
        env_pins[_norm(match[1])] = match[2]
    assert env_pins == _lock()


def test_direct_dependencies_are_in_the_lock() -> None:
    pins = _lock()
    for line in (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name = _norm(re.split(r"[<>=!~ ]", line)[0])
            assert name in pins, f"{name} from requirements.in is missing from requirements.txt"


def test_library_dependencies_are_in_the_lock() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        requirements += extra
    names = [_norm(re.split(r"[<>=!~ \[]", item.strip())[0]) for item in requirements]
    pins = _lock()
    assert len(names) >= 10
    assert [name for name in names if name not in pins] == []
