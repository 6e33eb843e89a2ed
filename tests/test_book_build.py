"""The book build's scheduling: notebooks executed longest first, each read as soon as it is done."""

from __future__ import annotations

import importlib.util
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


executor = _load("execute_notebooks", ROOT / "tools" / "execute_notebooks.py")
extension = _load("sagin_book", ROOT / "book" / "_ext" / "sagin_book.py")


def test_the_planned_order_is_the_order_of_the_ends(monkeypatch) -> None:
    monkeypatch.setattr(
        executor, "EXPECTED_SECONDS", {"a.ipynb": 10.0, "b.ipynb": 6.0, "c.ipynb": 5.0}
    )
    # Two workers: a on one (ends at 10), b then c on the other (ends at 6, then 11).
    assert executor.planned_order(["c.ipynb", "a.ipynb", "b.ipynb"], 2) == [
        "b.ipynb",
        "a.ipynb",
        "c.ipynb",
    ]
    # One worker: one after another, longest first.
    assert executor.planned_order(["c.ipynb", "a.ipynb", "b.ipynb"], 1) == [
        "a.ipynb",
        "b.ipynb",
        "c.ipynb",
    ]
    # Every notebook the book lists is planned (a new one counts as instant).
    names = [nb.name for nb in executor.toc_notebooks(ROOT)]
    assert sorted(executor.planned_order(names, 2)) == sorted(names)


def _env(tmp_path: Path) -> SimpleNamespace:
    return SimpleNamespace(doc2path=lambda docname: tmp_path / docname)


def test_pages_first_then_the_notebooks_in_the_planned_order(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SAGIN_NOTEBOOKS_PENDING", str(tmp_path / "done"))
    monkeypatch.setenv("SAGIN_NOTEBOOKS_ORDER", "b.ipynb,a.ipynb")
    docs = ["a.ipynb", "intro.md", "new.ipynb", "b.ipynb", "model.md"]
    extension._notebooks_last(None, _env(tmp_path), docs)
    assert docs == ["intro.md", "model.md", "b.ipynb", "a.ipynb", "new.ipynb"]


def test_a_notebook_is_read_once_its_own_report_says_ok(tmp_path, monkeypatch) -> None:
    done = tmp_path / "done"
    monkeypatch.setenv("SAGIN_NOTEBOOKS_PENDING", str(done))
    app = SimpleNamespace(env=_env(tmp_path))
    reports = tmp_path / "done.d"
    reports.mkdir()
    extension._wait_for_notebooks(app, "intro.md", [])  # a page waits for nothing

    def report() -> None:
        time.sleep(0.2)
        (reports / "a.ipynb").write_text("ok\n", encoding="utf-8")

    writer = threading.Thread(target=report)
    writer.start()
    started = time.monotonic()
    extension._wait_for_notebooks(app, "a.ipynb", [])
    writer.join()
    assert time.monotonic() - started >= 0.2 and not done.exists()

    (reports / "b.ipynb").write_text("failed\n", encoding="utf-8")
    with pytest.raises(extension.ExtensionError, match="failed to execute"):
        extension._wait_for_notebooks(app, "b.ipynb", [])


def test_a_notebook_from_the_cache_waits_for_the_end_of_the_execution(
    tmp_path, monkeypatch
) -> None:
    done = tmp_path / "done"
    monkeypatch.setenv("SAGIN_NOTEBOOKS_PENDING", str(done))
    app = SimpleNamespace(env=_env(tmp_path))
    done.write_text("ok\n", encoding="utf-8")
    extension._wait_for_notebooks(app, "cached.ipynb", [])
    done.write_text("failed\n", encoding="utf-8")
    with pytest.raises(extension.ExtensionError, match="failed to execute"):
        extension._wait_for_notebooks(app, "cached.ipynb", [])
