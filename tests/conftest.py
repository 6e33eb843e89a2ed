"""Shared fixtures: paths and a papermill runner for the book's notebooks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"

#: When this session started: a second run's files must be newer.
_SESSION_START = time.time()


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


def exec_notebook_in_process(name: str, parameters: dict[str, Any]) -> dict[str, Any]:
    """Run the code cells of ``book/<name>.ipynb`` in this process, as papermill would.

    The values of ``parameters`` are assigned right after the cell tagged
    ``parameters`` (as papermill injects them), and every code cell is executed in
    order in one namespace, with ``book/`` as the working directory. No kernel is
    started: the drawn-parameter runs check the chapter's code (its library calls
    and checks) on many parameter sets, while nbval and the papermill tests check
    the notebooks as Jupyter runs them. Returns the namespace.
    """
    import matplotlib
    import nbformat

    nb = nbformat.read(BOOK / f"{name}.ipynb", as_version=4)
    namespace: dict[str, Any] = {"__name__": "__main__"}
    injected = "".join(f"{key} = {value!r}\n" for key, value in parameters.items())
    previous = Path.cwd()
    # The chapter sets the study's Matplotlib style; the tests after it get theirs back.
    with matplotlib.rc_context():
        os.chdir(BOOK)
        try:
            for i, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                code = compile(cell.source, f"<{name}.ipynb cell {i}>", "exec")
                exec(code, namespace)  # noqa: S102
                if "parameters" in cell.metadata.get("tags", []):
                    exec(compile(injected, f"<{name}.ipynb parameters>", "exec"), namespace)  # noqa: S102
        finally:
            os.chdir(previous)
    return namespace


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


@pytest.fixture
def run_chapter(tmp_path: Path) -> Callable[..., Path]:
    """Run a chapter's code in this process (:func:`exec_notebook_in_process`).

    Usage: ``out_dir = run_chapter("networks", {"n_users": 300})`` returns the
    output folder; for the checks of a chapter's results under other parameters,
    where a kernel would add only its start-up (the notebooks themselves run under
    Jupyter in nbval and in the papermill tests).
    """

    def _run(name: str, parameters: dict[str, Any] | None = None) -> Path:
        out_dir = tmp_path / "out"
        exec_notebook_in_process(name, {**(parameters or {}), "output_dir": str(out_dir)})
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
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_book.py"), "--root", str(work)],
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


class SecondRunItem(pytest.Item):
    """A chapter's data from nbval's run equal, byte for byte, those of the built book.

    nbval executes each notebook again at its defaults in ``book/`` (so into
    ``book/outputs/<chapter>``); this item, appended after the notebook's last
    cell (same file, so the same worker, after the cells), compares every CSV of
    that second run with the copy the book build served (``_build/html/book/
    outputs/<chapter>``, from the first run), and checks that every figure's
    metadata records exactly the chapter's declared parameters.
    """

    def __init__(self, *, chapter: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.chapter = chapter

    def runtest(self) -> None:
        from sagin_lib.study import chapter_spec

        given = os.environ.get("SAGIN_BUILT_BOOK")
        html = Path(given) if given else ROOT / "_build" / "html"
        first = html / "book" / "outputs" / self.chapter
        if not first.is_dir():
            if given:
                raise AssertionError(f"the built book has no {first}")
            pytest.skip("no built book to compare with (run `make book` first)")
        second = BOOK / "outputs" / self.chapter
        csvs = sorted(p.name for p in first.glob("*.csv"))
        assert csvs and csvs == sorted(p.name for p in second.glob("*.csv"))
        stale = [n for n in csvs if (second / n).stat().st_mtime < _SESSION_START]
        assert not stale, f"not written by this run (did a cell fail?): {stale}"
        for name in csvs:
            assert (first / name).read_bytes() == (second / name).read_bytes(), name
        declared = set(chapter_spec(self.chapter).names)
        for meta_path in second.glob("*.json"):
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            assert set(meta["parameters"]) == declared, meta_path.name
            assert meta["chapter"] == self.chapter

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"{self.chapter}: a second run gives the book's data"


#: The files that take longest, longest first (measured): they are handed out first, so
#: that the two workers of ``make test`` (which keep each file on one worker) end
#: together instead of one finishing a long file alone.
LONGEST_FIRST = (
    "tests/test_chapter_parameters.py",
    "tests/test_study_operations.py",
    "tests/test_study_sampling.py",
    "tests/test_rendered_browser.py",
    "tests/test_study_comparison.py",
    "tests/test_study_rerun.py",
    "tests/test_nb_sampling.py",
    "book/scaling.ipynb",
    "tests/test_study_validation.py",
    "book/operations.ipynb",
    "tests/test_nb_scaling.py",
    "tests/test_nb_coverage.py",
    "tests/test_nb_operations.py",
    "tests/test_study_coverage.py",
    "tests/test_study_networks.py",
    "book/networks.ipynb",
    "book/constellations.ipynb",
    "book/validation.ipynb",
    "tests/test_study_scaling.py",
    "book/coverage.ipynb",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Append a :class:`SecondRunItem` after each chapter notebook's cells; longest files first."""
    from sagin_lib.study import CHAPTERS

    last: dict[str, int] = {}
    for i, item in enumerate(items):
        path = Path(str(item.path))
        if path.suffix == ".ipynb" and path.parent == BOOK and path.stem in CHAPTERS:
            last[path.stem] = i
    for chapter, i in sorted(last.items(), key=lambda kv: -kv[1]):
        items.insert(
            i + 1,
            SecondRunItem.from_parent(
                items[i].parent, name="second run byte-identical", chapter=chapter
            ),
        )
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}

    def weight(item: pytest.Item) -> int:
        path = Path(str(item.path))
        rel = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
        return rank.get(rel, len(rank))

    items.sort(key=weight)  # stable: a file's items keep their order
