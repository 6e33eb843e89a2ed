"""The kernel that executes the book's notebooks, and executing them in parallel.

Both the book build and ``rerun`` start a Jupyter kernel per notebook. The
default transport is TCP on localhost, for which every kernel prints a warning
that its traffic is unencrypted. The kernels here talk over IPC (Unix domain
sockets in a private temporary folder) instead: no port is opened, nothing is
printed, and the folder is removed with the kernel.

:func:`execute_into_cache` executes the notebooks whose code is not yet in a
`jupyter-cache <https://jupyter-cache.readthedocs.io>`_ folder, several at a
time, and stores them there; ``jupyter-book build`` (execution mode ``cache``)
then only reads them. On the study's two-core machines this halves the time
that one-after-another execution takes.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jupyter_client.manager import KernelManager
from traitlets import Unicode, default

__all__ = [
    "IpcKernelManager",
    "NotebookRun",
    "execute_into_cache",
    "execute_notebook_file",
    "execute_with_progress",
]


class IpcKernelManager(KernelManager):
    """A kernel manager whose kernels use IPC sockets in a private temporary folder.

    Pass the class as ``kernel_manager_class`` to nbclient or papermill.
    """

    transport = Unicode("ipc")

    @default("ip")
    def _ip_default(self) -> str:
        # Socket paths are limited to about 100 bytes: a short private folder.
        self._ipc_dir = tempfile.mkdtemp(prefix="sagin-k-")
        return os.path.join(self._ipc_dir, "kernel")

    def cleanup_resources(self, restart: bool = False) -> None:  # noqa: D102
        super().cleanup_resources(restart=restart)
        folder = getattr(self, "_ipc_dir", None)
        if folder and not restart:
            shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class NotebookRun:
    """How one notebook's execution went."""

    path: Path
    seconds: float
    cached: bool
    error: str | None = None


def execute_notebook_file(path: str | os.PathLike[str], timeout_s: float = 300.0) -> Any:
    """Execute one notebook in its own folder; return the executed ``nbformat`` node.

    Raises whatever the notebook raises (``nbclient``'s ``CellExecutionError``).
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout_s,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        kernel_manager_class=IpcKernelManager,
        # Timings in the cells' metadata would change the cache's hash of the code.
        record_timing=False,
    )
    client.execute()
    return nb


def _run_one(path: str, timeout_s: float) -> tuple[str, float, str | None, str | None]:
    import nbformat

    started = time.perf_counter()
    try:
        nb = execute_notebook_file(path, timeout_s)
    except Exception as exc:  # reported by the parent, which fails the build
        return path, time.perf_counter() - started, None, f"{type(exc).__name__}: {exc}"
    return path, time.perf_counter() - started, nbformat.writes(nb), None


def execute_into_cache(
    notebooks: Sequence[str | os.PathLike[str]],
    cache_dir: str | os.PathLike[str],
    *,
    workers: int | None = None,
    timeout_s: float = 300.0,
    stale: Sequence[str | os.PathLike[str]] = (),
    expected_s: Mapping[str, float] | None = None,
    on_done: Callable[[NotebookRun], None] | None = None,
) -> list[NotebookRun]:
    """Execute, in parallel, every notebook whose code the cache does not hold.

    Parameters
    ----------
    notebooks : sequence of path-like
        The notebooks (``.ipynb``), each executed with its own folder as the
        working directory, as ``jupyter-book`` does with ``run_in_temp: false``.
    cache_dir : path-like
        The jupyter-cache folder that ``jupyter-book build`` reads
        (``_build/.jupyter_cache``).
    workers : int, optional
        Notebooks executed at a time; default the number of CPUs, at least 1.
    timeout_s : float
        Longest a cell may run, in seconds.
    stale : sequence of path-like
        Notebooks to execute even if the cache holds them (their outputs on
        disk are missing, say).
    expected_s : mapping of str to float, optional
        Expected seconds of each notebook, by file name (``coverage.ipynb``):
        the longest start first, so that the workers end together. Notebooks
        not named are placed by their size, as if 1 kB took 0.3 s.
    on_done : callable, optional
        Called with each executed notebook's :class:`NotebookRun` as soon as it
        is in the cache (or has failed), so that a build can read it while the
        others run.

    Returns
    -------
    list of NotebookRun
        One per notebook, in the order given; ``error`` is set for a notebook
        that failed (it is then not cached).
    """
    import nbformat
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1; got {workers}")
    cache = get_cache(str(cache_dir))
    stale_set = {Path(p).resolve() for p in stale}
    runs: dict[Path, NotebookRun] = {}
    todo: list[Path] = []
    for item in notebooks:
        path = Path(item).resolve()
        try:
            cache.match_cache_notebook(nbformat.read(path, as_version=4))
            hit = path not in stale_set
        except KeyError:
            hit = False
        if hit:
            runs[path] = NotebookRun(path, 0.0, cached=True)
        else:
            todo.append(path)
    n_workers = max(1, min(workers or os.cpu_count() or 1, len(todo) or 1))
    expected = dict(expected_s or {})
    todo.sort(key=lambda p: -expected.get(p.name, 0.3e-3 * p.stat().st_size))
    with ProcessPoolExecutor(max_workers=n_workers) as pool:
        futures = [pool.submit(_run_one, str(p), timeout_s) for p in todo]
        for done, future in enumerate(as_completed(futures), start=1):
            name, seconds, text, error = future.result()
            path = Path(name)
            print(
                f"[{done}/{len(todo)}] {path.name}: "
                + (f"failed after {seconds:.1f} s" if error else f"{seconds:.1f} s"),
                file=sys.stderr,
                flush=True,
            )
            if error is None and text is not None:
                cache.cache_notebook_bundle(
                    CacheBundleIn(
                        nbformat.reads(text, as_version=4),
                        str(path),
                        data={"execution_seconds": seconds},
                    ),
                    check_validity=False,
                    overwrite=True,
                )
            runs[path] = NotebookRun(path, seconds, cached=False, error=error)
            if on_done is not None:
                on_done(runs[path])
    return [runs[Path(p).resolve()] for p in notebooks]


def _sections(cells: Sequence[Any]) -> list[str]:
    """For each cell, the last Markdown heading at or before it ('' before any)."""
    current, out = "", []
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            for line in str(cell.get("source", "")).splitlines():
                if line.startswith("#"):
                    current = line.lstrip("#").strip()
        out.append(current)
    return out


def execute_with_progress(
    input_path: str | os.PathLike[str],
    output_path: str | os.PathLike[str],
    *,
    parameters: dict[str, Any],
    cwd: str | os.PathLike[str],
    stream: Any = None,
) -> Any:
    """Run a notebook with papermill, reporting each code cell as it starts.

    Each report is one line on ``stream`` (standard error by default): code
    cells started of all code cells, seconds elapsed, and the section (the
    last Markdown heading) the cell belongs to. Kernels use IPC. Returns the
    executed notebook; raises what papermill raises.
    """
    import papermill as pm
    from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

    out = sys.stderr if stream is None else stream
    started = time.perf_counter()

    class _Manager(NotebookExecutionManager):  # type: ignore[misc]
        def notebook_start(self, **kwargs: Any) -> None:
            super().notebook_start(**kwargs)
            self._sagin_code = [i for i, c in enumerate(self.nb.cells) if c.cell_type == "code"]
            self._sagin_sections = _sections(self.nb.cells)

        def cell_start(self, cell: Any, cell_index: int | None = None, **kwargs: Any) -> None:
            super().cell_start(cell, cell_index, **kwargs)
            if cell.cell_type != "code" or cell_index is None:
                return
            done = self._sagin_code.index(cell_index) + 1
            section = self._sagin_sections[cell_index]
            print(
                f"  cell {done}/{len(self._sagin_code)}, {time.perf_counter() - started:5.1f} s"
                + (f"  {section}" if section else ""),
                file=out,
                flush=True,
            )

    class _Engine(NBClientEngine):  # type: ignore[misc]
        @classmethod
        def execute_notebook(  # type: ignore[override]
            cls, nb: Any, kernel_name: str, output_path: Any = None, **kwargs: Any
        ) -> Any:
            kwargs.pop("progress_bar", None)
            nb_man = _Manager(
                nb,
                output_path=output_path,
                progress_bar=False,
                log_output=kwargs.pop("log_output", False),
                autosave_cell_every=kwargs.pop("autosave_cell_every", 30),
            )
            nb_man.notebook_start()
            try:
                cls.execute_managed_notebook(nb_man, kernel_name, **kwargs)
            finally:
                nb_man.cleanup_pbar()
                nb_man.notebook_complete()
            return nb_man.nb

    papermill_engines.register("sagin-progress", _Engine)
    return pm.execute_notebook(
        str(input_path),
        str(output_path),
        parameters=parameters,
        cwd=str(cwd),
        kernel_name="python3",
        engine_name="sagin-progress",
        progress_bar=False,
        kernel_manager_class=IpcKernelManager,
    )
