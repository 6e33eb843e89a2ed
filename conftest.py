"""Repository-wide pytest hooks (fixtures live in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep the built-book tests in one pytest-xdist worker, so the book is built once.

    (nbval is run without xdist: it needs a notebook's cells in one kernel, in order.)
    """
    for item in items:
        path = Path(str(item.fspath))
        if path.name in ("test_book_build.py", "test_rendered_book.py"):
            item.add_marker(pytest.mark.xdist_group("built-book"))
