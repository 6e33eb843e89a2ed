"""Rerun a chapter of the book with new parameters, into a new run folder.

Usage (from a checkout, with the environment of ``make setup``)::

    python -m sagin_lib.rerun list
    python -m sagin_lib.rerun params coverage
    python -m sagin_lib.rerun run coverage -p freq_point_ghz 12 -p min_elev_deg 25
    python -m sagin_lib.rerun run coverage --from-metadata coverage-altitude.json --verify

``run`` checks every parameter name and value against the chapter's tagged
``parameters`` cell *before* executing anything (papermill alone accepts a
misspelled name silently), then executes the notebook with papermill into
``runs/<chapter>-<UTC time>/``: the executed notebook, ``figures/`` with every
figure's PNG, SVG, CSV and JSON, and ``manifest.json`` listing parameters,
provenance and the SHA-256 of every file. An earlier run is never
overwritten. ``--from-metadata`` takes all parameters from a figure's JSON
metadata (the exact ones that made it); ``--verify`` then checks that the
regenerated data file is byte-identical to the one the metadata describes.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sagin_lib.study import CHAPTERS, chapter_spec
from sagin_lib.study.kernel import IpcKernelManager
from sagin_lib.study.provenance import provenance_record, sha256_file
from sagin_lib.study.spec import ChapterSpec, ParameterError

#: The checkout that holds this package (when it is run from one).
#:
#: :meta hide-value:
ROOT = Path(__file__).resolve().parents[2]


def default_book_dir() -> Path:
    """The book to rerun: the checkout's ``book/``, else ``./book`` (an installed package)."""
    checkout = ROOT / "book"
    return checkout if (checkout / "coverage.ipynb").is_file() else Path.cwd() / "book"


BOOK_DIR = default_book_dir()
RESERVED = ("output_dir",)


class RerunError(ValueError):
    """A rerun request that cannot be honoured (reported before anything runs)."""


def chapters(book_dir: Path = BOOK_DIR) -> list[str]:
    """The chapters that take parameters and have a notebook in ``book_dir``."""
    if not book_dir.is_dir():
        raise RerunError(
            f"no book folder at {book_dir}: run from a checkout of the study or give --book PATH"
        )
    return [c for c in CHAPTERS if (book_dir / f"{c}.ipynb").is_file()]


def notebook_path(chapter: str, book_dir: Path = BOOK_DIR) -> Path:
    """Path of a chapter's notebook; RerunError naming the known chapters if unknown."""
    known = chapters(book_dir)
    if chapter not in known:
        hint = difflib.get_close_matches(chapter, known, n=1)
        extra = f" Did you mean {hint[0]!r}?" if hint else ""
        raise RerunError(f"unknown chapter {chapter!r}; chapters are: {', '.join(known)}.{extra}")
    return book_dir / f"{chapter}.ipynb"


def chapter_parameters(chapter: str, book_dir: Path = BOOK_DIR) -> ChapterSpec:
    """The declared parameters of a chapter (its :class:`ChapterSpec`)."""
    notebook_path(chapter, book_dir)
    return chapter_spec(chapter)


def resolve_parameters(
    chapter: str,
    overrides: Sequence[tuple[str, Any]] = (),
    from_metadata: dict[str, Any] | None = None,
    book_dir: Path = BOOK_DIR,
    notes: list[str] | None = None,
) -> dict[str, Any]:
    """Check and convert the requested parameters; return only those that are set.

    Parameters from ``from_metadata`` come first, then ``overrides`` in order.
    Deprecated names are mapped to the current ones (a note for each is
    appended to ``notes``). Unknown names, reserved names, values of the wrong
    type, values outside their declared range and combinations that break a
    constraint of the chapter raise :class:`RerunError` naming the parameter,
    the value and the allowed range, before anything runs.
    """
    spec = chapter_parameters(chapter, book_dir)
    requested: list[tuple[str, Any]] = []
    if from_metadata is not None:
        meta_chapter = from_metadata.get("chapter")
        if meta_chapter and meta_chapter != chapter:
            raise RerunError(
                f"the metadata describes a figure of chapter {meta_chapter!r}, not {chapter!r}"
            )
        requested += [
            (k, v) for k, v in from_metadata.get("parameters", {}).items() if k not in RESERVED
        ]
    for name, _ in overrides:
        if name in RESERVED:
            raise RerunError(f"{name} is set by the rerun command (each run gets its own folder)")
    requested += list(overrides)
    try:
        chosen, found_notes = spec.resolve(requested)
    except ParameterError as exc:
        raise RerunError(str(exc)) from None
    if notes is not None:
        notes.extend(found_notes)
    return chosen


def new_run_folder(runs_dir: Path, chapter: str) -> Path:
    """Create and return a run folder that did not exist before (never reuse one)."""
    runs_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for suffix in range(1, 10_000):
        folder = runs_dir / (f"{chapter}-{stamp}" + (f"-{suffix}" if suffix > 1 else ""))
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder
    raise RerunError(f"could not create a new run folder in {runs_dir}")  # pragma: no cover


def _papermill() -> Any:
    """papermill, which runs the notebooks (the ``study`` extra of the package)."""
    try:
        import papermill
    except ImportError as exc:  # pragma: no cover - installed with the study's environment
        raise RerunError(
            "rerunning a chapter needs papermill: pip install 'sagin_lib[study]'"
        ) from exc
    return papermill


class RunInterrupted(RuntimeError):
    """A run stopped by SIGINT or SIGTERM (its manifest says ``interrupted``)."""


@contextlib.contextmanager
def _stop_signals_raise(stopped: list[int]) -> Iterator[None]:
    """While a run executes, SIGTERM and SIGINT stop its processes and raise RunInterrupted.

    The kernel and its Dask workers are stopped in the handler itself, before
    the client's sockets close under a live kernel; their pids go to ``stopped``.
    """

    def handler(signum: int, _frame: Any) -> None:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_IGN)  # a second Ctrl-C must not cut the cleanup
        stopped.extend(_stop_descendants())
        raise RunInterrupted(f"stopped by {signal.Signals(signum).name}")

    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return
    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _stop_descendants(timeout_s: float = 5.0) -> list[int]:
    """Terminate every process this one started (the kernel, its Dask workers); return pids."""
    import psutil

    children = psutil.Process().children(recursive=True)
    for child in children:
        with contextlib.suppress(psutil.NoSuchProcess):
            child.terminate()
    _, alive = psutil.wait_procs(children, timeout=timeout_s)
    for child in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            child.kill()
    psutil.wait_procs(alive, timeout=timeout_s)
    return [c.pid for c in children]


def run_chapter(
    chapter: str,
    parameters: dict[str, Any],
    runs_dir: Path | None = None,
    book_dir: Path = BOOK_DIR,
    command: Sequence[str] = (),
) -> Path:
    """Execute a chapter into a new run folder; return the folder.

    ``parameters`` must come from :func:`resolve_parameters` (checked). The
    manifest is always written: with status ``succeeded``, ``failed`` (with the
    error, which is then raised) or ``interrupted`` when SIGINT or SIGTERM
    stops the run; the kernel and any worker processes it started are then
    stopped and :class:`RunInterrupted` is raised.
    """
    pm = _papermill()
    source = notebook_path(chapter, book_dir)
    spec = chapter_parameters(chapter, book_dir)
    runs_dir = book_dir.resolve().parent / "runs" if runs_dir is None else runs_dir
    effective = spec.validate({**spec.defaults(), **parameters})
    folder = new_run_folder(runs_dir, chapter)
    figures = folder / "figures"
    started = time.perf_counter()
    manifest: dict[str, Any] = {
        "chapter": chapter,
        "created_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": list(command),
        "parameters_set": parameters,
        "parameters": {**effective, "output_dir": str(figures)},
        **provenance_record(),
    }
    error: BaseException | None = None
    stopped: list[int] = []
    with _stop_signals_raise(stopped):
        try:
            pm.execute_notebook(
                str(source),
                str(folder / f"{chapter}.ipynb"),
                parameters={**parameters, "output_dir": str(figures)},
                cwd=str(book_dir),
                kernel_name="python3",
                progress_bar=False,
                kernel_manager_class=IpcKernelManager,
            )
        except (Exception, RunInterrupted, KeyboardInterrupt) as exc:
            error = exc
    if isinstance(error, (RunInterrupted, KeyboardInterrupt)):
        stopped.extend(_stop_descendants())
        manifest["status"] = "interrupted"
        manifest["stopped_processes"] = len(set(stopped))
        manifest["error"] = str(error) or "stopped by SIGINT"
    elif error is not None:
        manifest["status"] = "failed"
        manifest["error"] = str(error).strip()[-2000:]
    else:
        manifest["status"] = "succeeded"
    manifest["duration_s"] = round(time.perf_counter() - started, 3)
    manifest["files"] = [
        {
            "path": p.relative_to(folder).as_posix(),
            "bytes": p.stat().st_size,
            "sha256": sha256_file(p),
        }
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    ]
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    if isinstance(error, KeyboardInterrupt):
        raise RunInterrupted("stopped by SIGINT") from error
    if error is not None:
        raise error
    return folder


def verify_against_metadata(folder: Path, metadata: dict[str, Any]) -> bool:
    """True when the regenerated data file has the SHA-256 recorded in ``metadata``."""
    data = folder / "figures" / metadata["data"]["file"]
    return data.exists() and sha256_file(data) == metadata["data"]["sha256"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sagin_lib.rerun",
        description="Rerun a chapter of the SAGIN coverage study with new parameters.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--book",
        type=Path,
        default=None,
        help="the book folder holding the chapters' notebooks "
        "(default: the checkout's book/, else ./book)",
    )
    sub = parser.add_subparsers(dest="action", required=True)
    sub.add_parser("list", help="list the chapters", parents=[common])
    show = sub.add_parser(
        "params",
        help="a chapter's parameters: type, unit, allowed range, default, help",
        parents=[common],
    )
    show.add_argument("chapter")
    run = sub.add_parser(
        "run", help="run a chapter into a new folder under runs/", parents=[common]
    )
    run.add_argument("chapter")
    run.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="set a parameter (repeatable)",
    )
    run.add_argument(
        "--from-metadata", type=Path, help="take all parameters from a figure's JSON metadata"
    )
    run.add_argument(
        "--verify",
        action="store_true",
        help="with --from-metadata: check the data is byte-identical",
    )
    run.add_argument(
        "--runs-dir",
        type=Path,
        default=None,
        help="where run folders go (default: runs/ beside the book folder)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status.

    0 on success, 2 for a request refused before anything runs, 1 when the
    notebook fails or ``--verify`` finds different data, 130 (SIGINT) or 143
    (SIGTERM) when the run is stopped.
    """
    args = _parser().parse_args(argv)
    book = args.book if args.book is not None else default_book_dir()
    notes: list[str] = []
    try:
        if args.action == "list":
            for name in chapters(book):
                print(name)
            return 0
        if args.action == "params":
            print(chapter_parameters(args.chapter, book).describe())
            return 0
        metadata = None
        if args.from_metadata:
            metadata = json.loads(args.from_metadata.read_text(encoding="utf-8"))
        elif args.verify:
            raise RerunError("--verify needs --from-metadata")
        params = resolve_parameters(
            args.chapter, [tuple(p) for p in args.parameter], metadata, book, notes=notes
        )
    except RerunError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for note in notes:
        print(note, file=sys.stderr)
    try:
        folder = run_chapter(
            args.chapter,
            params,
            args.runs_dir,
            book,
            command=["python", "-m", "sagin_lib.rerun", *sys.argv[1:]],
        )
    except RunInterrupted as exc:
        print(f"interrupted: {exc}; the run folder's manifest says so", file=sys.stderr)
        return 143 if "SIGTERM" in str(exc) else 130
    except Exception as exc:
        print(f"error: the chapter failed: {str(exc).strip()[-1500:]}", file=sys.stderr)
        return 1
    print(f"run folder: {folder}")
    if metadata is not None and args.verify:
        same = verify_against_metadata(folder, metadata)
        print(
            f"data of {metadata['figure_id']}: {'byte-identical' if same else 'DIFFERENT'} to the metadata's"
        )
        return 0 if same else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
