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
import asyncio
import contextlib
import difflib
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sagin_lib.study import CHAPTERS, chapter_spec
from sagin_lib.study.kernel import IpcKernelManager, execute_with_progress
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
        chosen, found_notes = spec.resolve(requested, hidden=RESERVED)
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


def _run_in_thread(work: Callable[[], None]) -> None:
    """Run ``work`` in a worker thread; the main thread waits, free to take a signal.

    The kernel client waits for replies in code that keeps an exception raised
    by a signal handler to itself; waiting here instead lets SIGINT and SIGTERM
    end the run at once. The worker is a daemon: a stopped run does not wait
    for a kernel that is gone.
    """
    outcome: list[BaseException] = []

    def target() -> None:
        try:
            work()
        except BaseException as exc:  # handed to the main thread
            outcome.append(exc)
        finally:
            # The kernel client made an event loop for this thread; close it with
            # the thread, or its sockets are left for the garbage collector.
            with contextlib.suppress(Exception):
                loop = asyncio.get_event_loop_policy().get_event_loop()
                if not loop.is_running() and not loop.is_closed():
                    loop.close()

    worker = threading.Thread(target=target, name="sagin-run", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.2)
    if outcome:
        raise outcome[0]


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
    announce: Callable[[Path], None] | None = None,
    progress: Any = None,
) -> Path:
    """Execute a chapter into a new run folder; return the folder.

    ``announce(folder)`` is called once the folder exists, before anything
    runs; ``progress`` is a text stream that gets one line per code cell as it
    starts (None: no progress).

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
    if announce is not None:
        announce(folder)
    figures = folder / "figures"
    started = time.perf_counter()
    manifest: dict[str, Any] = {
        "chapter": chapter,
        "created_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": list(command),
        "parameters_set": parameters,
        "parameters": {**effective, "output_dir": "figures"},
        **provenance_record(),
    }
    error: BaseException | None = None
    stopped: list[int] = []

    def execute() -> None:
        if progress is None:
            pm.execute_notebook(
                str(source),
                str(folder / f"{chapter}.ipynb"),
                parameters={**parameters, "output_dir": str(figures)},
                cwd=str(book_dir),
                kernel_name="python3",
                progress_bar=False,
                kernel_manager_class=IpcKernelManager,
            )
        else:
            execute_with_progress(
                source,
                folder / f"{chapter}.ipynb",
                parameters={**parameters, "output_dir": str(figures)},
                cwd=book_dir,
                stream=progress,
            )

    with _stop_signals_raise(stopped):
        try:
            _run_in_thread(execute)
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
    data = metadata.get("data") or {}
    if "file" not in data or "sha256" not in data:
        return False
    path = folder / "figures" / data["file"]
    return path.exists() and sha256_file(path) == data["sha256"]


def record_verification(folder: Path, metadata: dict[str, Any], identical: bool) -> None:
    """Write the outcome of ``--verify`` into the run's manifest."""
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    data = metadata.get("data") or {}
    manifest["verify"] = {
        "figure_id": metadata.get("figure_id"),
        "file": data.get("file"),
        "expected_sha256": data.get("sha256"),
        "outcome": "byte-identical" if identical else "different",
    }
    if not identical and manifest.get("status") == "succeeded":
        manifest["status"] = "verify-failed"
    path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


_LIST_HELP = (
    "Values: numbers as usual (negative ones too: -p beam_lat_deg -30,45), true/false, "
    "text; lists as a,b,c or [a, b, c] (quote them in a shell); choices in any case."
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sagin_lib.rerun",
        description="Rerun a chapter of the SAGIN coverage study with new parameters.",
        epilog=_LIST_HELP,
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
        epilog=_LIST_HELP,
    )
    show.add_argument("chapter")
    request = argparse.ArgumentParser(add_help=False)
    request.add_argument("chapter")
    request.add_argument(
        "-p",
        "--parameter",
        action="append",
        default=[],
        metavar="NAME VALUE",
        help="set a parameter (repeatable); " + _LIST_HELP,
    )
    request.add_argument(
        "--from-metadata", type=Path, help="take all parameters from a figure's JSON metadata"
    )
    sub.add_parser(
        "check",
        help="check a parameter set as run does, without running (exit 0: it would run; "
        "2: refused)",
        parents=[common, request],
        epilog=_LIST_HELP,
    )
    run = sub.add_parser(
        "run",
        help="run a chapter into a new folder under runs/",
        parents=[common, request],
        epilog=_LIST_HELP,
    )
    run.add_argument(
        "--verify",
        action="store_true",
        help="with --from-metadata and no -p: check the data is byte-identical",
    )
    run.add_argument(
        "--runs-dir",
        type=Path,
        default=None,
        help="where run folders go (default: runs/ beside the book folder)",
    )
    run.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    return parser


#: Separates a parameter's name from its value once ``-p NAME VALUE`` is joined.
_JOIN = "\x1f"


def _join_parameters(argv: Sequence[str]) -> list[str]:
    """Join each ``-p NAME VALUE`` (or ``-p NAME=VALUE``) into one token, so that a
    VALUE such as ``-30,45`` is never taken for an option."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        token = argv[i]
        if token not in ("-p", "--parameter"):
            out.append(token)
            i += 1
            continue
        rest = argv[i + 1 : i + 3]
        if not rest:
            raise RerunError(f"{token} needs a NAME and a VALUE")
        if "=" in rest[0]:  # names never hold '='
            name, _, value = rest[0].partition("=")
            i += 2
        elif len(rest) < 2:
            raise RerunError(f"{token} {rest[0]} needs a VALUE")
        else:
            name, value = rest
            i += 3
        out.append(f"--parameter={name}{_JOIN}{value}")
    return out


def _load_metadata(path: Path) -> dict[str, Any]:
    """A figure's (or table's) JSON metadata; RerunError in one line if it cannot serve."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RerunError(f"--from-metadata: no file {path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RerunError(f"--from-metadata: {path} is not readable JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("parameters"), dict):
        raise RerunError(
            f"--from-metadata: {path} holds no parameters (use a figure's .json metadata)"
        )
    return data


def _check_external(params: dict[str, Any], spec: ChapterSpec) -> None:
    """Check what lies outside the chapter before anything runs (a scheduler's address)."""
    address = {**spec.defaults(), **params}.get("scheduler_address")
    if isinstance(address, str) and address.strip():
        from sagin_lib.scale.cluster import check_scheduler_reachable

        try:
            check_scheduler_reachable(address)
        except ValueError as exc:
            raise RerunError(f"{spec.chapter}: {exc}") from None


def _print(text: str, stream: Any = None) -> None:
    print(text, file=stream if stream is not None else sys.stdout, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status.

    0 on success (``check``: the set would run), 2 for a request refused
    before anything runs, 1 when the notebook fails or ``--verify`` finds
    different data, 130 (SIGINT) or 143 (SIGTERM) when the run is stopped.
    A closed pipe (``rerun params X | head``) ends the command quietly.
    """
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    except BrokenPipeError:
        # The reader went away: stop writing, without a traceback.
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 0


def _main(argv: list[str]) -> int:
    try:
        joined = _join_parameters(argv)
    except RerunError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    args = _parser().parse_args(joined)
    book = args.book if args.book is not None else default_book_dir()
    notes: list[str] = []
    try:
        if args.action == "list":
            for name in chapters(book):
                _print(name)
            return 0
        if args.action == "params":
            _print(chapter_parameters(args.chapter, book).describe(hidden=RESERVED))
            return 0
        pairs = [tuple(p.split(_JOIN, 1)) for p in args.parameter]
        verify = getattr(args, "verify", False)
        if verify and not args.from_metadata:
            raise RerunError("--verify needs --from-metadata")
        if verify and pairs:
            raise RerunError(
                "--verify regenerates a figure exactly as its metadata says: -p cannot change it"
            )
        metadata = _load_metadata(args.from_metadata) if args.from_metadata else None
        params = resolve_parameters(args.chapter, pairs, metadata, book, notes=notes)
        spec = chapter_parameters(args.chapter, book)
        _check_external(params, spec)
    except RerunError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for note in notes:
        print(note, file=sys.stderr)
    if args.action == "check":
        changed = ", ".join(f"{k} = {v!r}" for k, v in params.items()) or "all defaults"
        _print(f"ok: {args.chapter} would run with {changed}")
        return 0
    try:
        folder = run_chapter(
            args.chapter,
            params,
            args.runs_dir,
            book,
            command=["python", "-m", "sagin_lib.rerun", *argv],
            announce=lambda f: _print(f"run folder: {f}"),
            progress=None if args.quiet else sys.stderr,
        )
    except RunInterrupted as exc:
        print(f"interrupted: {exc}; the run folder's manifest says so", file=sys.stderr)
        return 143 if "SIGTERM" in str(exc) else 130
    except Exception as exc:
        print(f"error: the chapter failed: {str(exc).strip()[-1500:]}", file=sys.stderr)
        return 1
    _print(f"done: {folder}")
    if metadata is not None and verify:
        same = verify_against_metadata(folder, metadata)
        record_verification(folder, metadata, same)
        _print(
            f"data of {metadata.get('figure_id', 'the figure')}: "
            f"{'byte-identical' if same else 'DIFFERENT'} to the metadata's"
        )
        return 0 if same else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
