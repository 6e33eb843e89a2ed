"""A second run of every chapter gives the built book's data byte for byte (second half)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sagin_lib.study import CHAPTERS

from . import test_rendered_reruns as first

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("chapter", CHAPTERS[first.HALF :])
def test_a_second_run_gives_byte_identical_data_too(
    built_book: Path, chapter: str, tmp_path: Path
) -> None:
    first.test_a_second_run_gives_byte_identical_data(built_book, chapter, tmp_path)
