"""Execute the book's notebooks in parallel into the cache that the build reads.

Run by ``make book`` before ``jupyter-book build``: every notebook of ``_toc.yml``
whose code the cache (``_build/.jupyter_cache``) does not hold, or whose output
folder (``book/outputs/<chapter>``) is missing, is executed, several at a time;
the build then takes every notebook from the cache. Exits 1 if a notebook fails.

With ``--progress DIR`` each executed notebook writes ``DIR/<notebook>.ipynb``
(``ok`` or ``failed``) as soon as it is in the cache, so that the build can read
it while the others run.

    python tools/execute_notebooks.py [--cache DIR] [--workers N] [--progress DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from sagin_lib.study.kernel import NotebookRun

ROOT = Path(__file__).resolve().parent.parent

#: Seconds each notebook took at its defaults, measured on a 2-core machine: they only
#: order the work (longest first); a stale or missing entry costs time, not results.
EXPECTED_SECONDS = {
    "scaling.ipynb": 12.0,
    "operations.ipynb": 9.0,
    "networks.ipynb": 7.5,
    "constellations.ipynb": 7.0,
    "validation.ipynb": 6.5,
    "coverage.ipynb": 6.0,
    "sampling.ipynb": 6.0,
    "comparison.ipynb": 5.5,
    "platforms.ipynb": 3.0,
    "fidelity.ipynb": 1.5,
}


def toc_notebooks(root: Path) -> list[Path]:
    """The notebooks that ``_toc.yml`` lists, in its order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "file" in node:
                files.append(str(node["file"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(toc)
    return [root / f"{f}.ipynb" for f in files if (root / f"{f}.ipynb").is_file()]


def planned_order(names: list[str], workers: int) -> list[str]:
    """The notebooks in the order they are expected to finish.

    The executor starts the longest first (``EXPECTED_SECONDS``) on ``workers``
    workers, each taking the next notebook when it is free; the build reads the
    notebooks in this order.
    """
    free_at = [0.0] * max(1, workers)
    ends = {}
    for name in sorted(names, key=lambda n: -EXPECTED_SECONDS.get(n, 0.0)):
        i = free_at.index(min(free_at))
        free_at[i] += EXPECTED_SECONDS.get(name, 0.0)
        ends[name] = free_at[i]
    return sorted(names, key=lambda n: ends[n])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the book's root folder")
    parser.add_argument(
        "--cache", type=Path, help="jupyter-cache folder (ROOT/_build/.jupyter_cache)"
    )
    parser.add_argument("--workers", type=int, help="notebooks at a time (default: CPUs)")
    parser.add_argument(
        "--progress", type=Path, help="folder where each executed notebook reports its end"
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    cache = args.cache or root / "_build" / ".jupyter_cache"
    notebooks = toc_notebooks(root)
    # A chapter whose output folder is gone is executed again: its page links there.
    stale = [
        nb
        for nb in notebooks
        if (nb.parent / "outputs").is_dir() is False
        or not (nb.parent / "outputs" / nb.stem).is_dir()
    ]
    stale = [nb for nb in stale if '"output_dir"' in nb.read_text(encoding="utf-8")]
    started = time.perf_counter()
    # Imported here: the library brings the scientific stack, which the build script
    # (tools/build_book.py) need not wait for before it starts Jupyter Book.
    from sagin_lib.study.kernel import execute_into_cache

    progress = args.progress
    if progress is not None:
        progress.mkdir(parents=True, exist_ok=True)

    def report(run: NotebookRun) -> None:
        if progress is not None:
            # Written whole, then renamed: a reader never sees half a report.
            part = progress / f".{run.path.name}.part"
            part.write_text("failed\n" if run.error else "ok\n", encoding="utf-8")
            part.replace(progress / run.path.name)

    runs = execute_into_cache(
        notebooks,
        cache,
        workers=args.workers,
        stale=stale,
        expected_s=EXPECTED_SECONDS,
        on_done=report,
    )
    failed = [r for r in runs if r.error]
    executed = [r for r in runs if not r.cached]
    print(
        f"notebooks: {len(executed)} executed, {len(runs) - len(executed)} from the cache, "
        f"{time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    for run in failed:
        print(f"{run.path.name} failed: {run.error}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
