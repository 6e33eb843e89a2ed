"""Shared fixtures: paths and a papermill runner for the book's notebooks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"


def execute_notebook(name: str, parameters: dict[str, Any], workdir: Path) -> Path:
    """Run ``book/<name>.ipynb`` through papermill with ``parameters``.

    The notebook runs with ``book/`` as its working directory (as in the book
    build); the executed copy is written to ``workdir``. Returns its path.
    """
    import papermill as pm

    from sagin_lib.study.kernel import IpcKernelManager

    workdir.mkdir(parents=True, exist_ok=True)
    out = workdir / f"{name}.executed.ipynb"
    pm.execute_notebook(
        str(BOOK / f"{name}.ipynb"),
        str(out),
        parameters=parameters,
        cwd=str(BOOK),
        kernel_name="python3",
        progress_bar=False,
        kernel_manager_class=IpcKernelManager,
    )
    return out


def load_metadata(output_dir: Path, figure_id: str) -> dict[str, Any]:
    """The JSON metadata saved beside a figure."""
    return json.loads((output_dir / f"{figure_id}.json").read_text(encoding="utf-8"))


@pytest.fixture
def run_notebook(tmp_path: Path) -> Callable[..., Path]:
    """Execute a book notebook into ``tmp_path``; outputs go to ``tmp_path/out``.

    Usage: ``out_dir = run_notebook("coverage", {"freq_point_ghz": 12.0})``
    returns the output folder holding the figures, CSVs and JSONs.
    """

    def _run(name: str, parameters: dict[str, Any] | None = None) -> Path:
        out_dir = tmp_path / "out"
        params = dict(parameters or {})
        params["output_dir"] = str(out_dir)
        execute_notebook(name, params, tmp_path)
        return out_dir

    return _run


@pytest.fixture(scope="session")
def built_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built book's HTML folder, built with warnings as errors.

    ``make test`` builds the book first (``make book``, reusing its executed
    notebooks) and names it in ``SAGIN_BUILT_BOOK``; its log must say that it
    succeeded. Without that variable a copy of the book is built here, once
    per worker, the notebooks executed in parallel as ``make book`` does.
    """
    given = os.environ.get("SAGIN_BUILT_BOOK")
    if given:
        html = Path(given)
        log = html.parent / "book.log"
        assert log.is_file(), f"{log} is missing: build the book with `make book`"
        text = log.read_text(encoding="utf-8", errors="replace")
        assert "build succeeded" in text and "WARNING" not in text, text[-4000:]
        return html
    work = tmp_path_factory.mktemp("book")
    for item in ("_config.yml", "_toc.yml", "CITATION.cff", "book"):
        src = ROOT / item
        if src.is_dir():
            shutil.copytree(
                src, work / item, ignore=shutil.ignore_patterns("outputs", "__pycache__")
            )
        else:
            shutil.copy2(src, work / item)
    execute = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "execute_notebooks.py"), "--root", str(work)],
        capture_output=True,
        text=True,
        timeout=1500,
    )
    assert execute.returncode == 0, execute.stderr[-6000:]
    jb = Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run(
        [str(jb), "build", str(work), "--warningiserror", "--keep-going"],
        capture_output=True,
        text=True,
        timeout=1500,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-6000:]
    assert "WARNING" not in result.stdout + result.stderr
    return work / "_build" / "html"


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    """Close every Matplotlib figure a test leaves open (pyplot keeps them alive)."""
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
