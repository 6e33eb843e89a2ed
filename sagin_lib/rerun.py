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
import difflib
import json
import math
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .provenance import provenance_record, sha256_file

ROOT = Path(__file__).resolve().parent.parent
BOOK_DIR = ROOT / "book"
RESERVED = ("output_dir",)


class RerunError(ValueError):
    """A rerun request that cannot be honoured (reported before anything runs)."""


@dataclass(frozen=True)
class Parameter:
    """One entry of a chapter's ``parameters`` cell."""

    name: str
    type_name: str
    default: Any
    help: str = ""


def chapters(book_dir: Path = BOOK_DIR) -> list[str]:
    """Names of the book's notebooks (without ``.ipynb``)."""
    if not book_dir.is_dir():
        raise RerunError(f"no book folder at {book_dir}: run from a checkout of the study")
    return sorted(p.stem for p in book_dir.glob("*.ipynb"))


def notebook_path(chapter: str, book_dir: Path = BOOK_DIR) -> Path:
    """Path of a chapter's notebook; RerunError naming the known chapters if unknown."""
    known = chapters(book_dir)
    if chapter not in known:
        hint = difflib.get_close_matches(chapter, known, n=1)
        extra = f" Did you mean {hint[0]!r}?" if hint else ""
        raise RerunError(f"unknown chapter {chapter!r}; chapters are: {', '.join(known)}.{extra}")
    return book_dir / f"{chapter}.ipynb"


def chapter_parameters(chapter: str, book_dir: Path = BOOK_DIR) -> dict[str, Parameter]:
    """The parameters of a chapter with their declared types and defaults."""
    import papermill as pm

    inferred = pm.inspect_notebook(str(notebook_path(chapter, book_dir)))
    params = {}
    for name, info in inferred.items():
        default_text = info["default"]
        try:
            default = json.loads(
                default_text.replace("None", "null")
                .replace("True", "true")
                .replace("False", "false")
            )
        except (json.JSONDecodeError, AttributeError):
            default = default_text
        params[name] = Parameter(name, info["inferred_type_name"], default, info.get("help", ""))
    return params


def _coerce(param: Parameter, raw: Any) -> Any:
    """Convert a command-line string (or JSON value) to the parameter's declared type."""
    kind = param.type_name
    if kind == "str":
        if not isinstance(raw, str):
            raise RerunError(f"parameter {param.name} takes a string; got {raw!r}")
        return raw
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.lower() in ("true", "false"):
            return raw.lower() == "true"
        raise RerunError(f"parameter {param.name} takes true or false; got {raw!r}")
    if kind == "int":
        if isinstance(raw, bool):
            raise RerunError(f"parameter {param.name} takes an integer; got {raw!r}")
        try:
            value = int(raw) if not isinstance(raw, float) else None
        except (TypeError, ValueError):
            value = None
        if value is None:
            raise RerunError(f"parameter {param.name} takes an integer; got {raw!r}")
        return value
    if kind == "float":
        if isinstance(raw, bool):
            raise RerunError(f"parameter {param.name} takes a number; got {raw!r}")
        try:
            value = float(raw)
        except (TypeError, ValueError):
            raise RerunError(f"parameter {param.name} takes a number; got {raw!r}") from None
        if not math.isfinite(value):
            raise RerunError(f"parameter {param.name} must be finite; got {raw!r}")
        return value
    if kind in ("list", "dict", "tuple"):
        value = json.loads(raw) if isinstance(raw, str) else raw
        expected = {"list": list, "tuple": list, "dict": dict}[kind]
        if not isinstance(value, expected):
            raise RerunError(f"parameter {param.name} takes a JSON {kind}; got {raw!r}")
        return value
    raise RerunError(f"parameter {param.name} has no declared type in its notebook")


def resolve_parameters(
    chapter: str,
    overrides: Sequence[tuple[str, Any]] = (),
    from_metadata: dict[str, Any] | None = None,
    book_dir: Path = BOOK_DIR,
) -> dict[str, Any]:
    """Check and convert the requested parameters; return only those that are set.

    Parameters from ``from_metadata`` come first, then ``overrides`` in order.
    Unknown names, reserved names and values of the wrong type raise
    :class:`RerunError` with the allowed names and types.
    """
    declared = chapter_parameters(chapter, book_dir)
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
    requested += list(overrides)

    resolved: dict[str, Any] = {}
    for name, raw in requested:
        if name in RESERVED:
            raise RerunError(f"{name} is set by the rerun command (each run gets its own folder)")
        if name not in declared:
            hint = difflib.get_close_matches(name, declared, n=1)
            extra = f" Did you mean {hint[0]!r}?" if hint else ""
            names = ", ".join(n for n in declared if n not in RESERVED)
            raise RerunError(
                f"unknown parameter {name!r} for chapter {chapter}.{extra} Parameters: {names}"
            )
        resolved[name] = _coerce(declared[name], raw)
    return resolved


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


def run_chapter(
    chapter: str,
    parameters: dict[str, Any],
    runs_dir: Path = ROOT / "runs",
    book_dir: Path = BOOK_DIR,
    command: Sequence[str] = (),
) -> Path:
    """Execute a chapter into a new run folder; return the folder.

    The manifest is written even when execution fails (with the error), and the
    papermill error is then raised.
    """
    import papermill as pm

    source = notebook_path(chapter, book_dir)
    folder = new_run_folder(runs_dir, chapter)
    figures = folder / "figures"
    started = time.perf_counter()
    manifest: dict[str, Any] = {
        "chapter": chapter,
        "created_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": list(command),
        "parameters_set": parameters,
        "parameters": {
            **{n: p.default for n, p in chapter_parameters(chapter, book_dir).items()},
            **parameters,
            "output_dir": str(figures),
        },
        **provenance_record(),
    }
    error = None
    try:
        pm.execute_notebook(
            str(source),
            str(folder / f"{chapter}.ipynb"),
            parameters={**parameters, "output_dir": str(figures)},
            cwd=str(book_dir),
            kernel_name="python3",
            progress_bar=False,
        )
    except Exception as exc:  # recorded in the manifest, then re-raised
        error = exc
    manifest["status"] = "failed" if error else "succeeded"
    if error:
        manifest["error"] = str(error).strip()[-2000:]
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
    if error:
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
    sub = parser.add_subparsers(dest="action", required=True)
    sub.add_parser("list", help="list the chapters")
    show = sub.add_parser("params", help="list a chapter's parameters, types and defaults")
    show.add_argument("chapter")
    run = sub.add_parser("run", help="run a chapter into a new folder under runs/")
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
        "--runs-dir", type=Path, default=ROOT / "runs", help="where run folders go (default: runs/)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.action == "list":
            for name in chapters():
                print(name)
            return 0
        if args.action == "params":
            for p in chapter_parameters(args.chapter).values():
                print(f"{p.name:28s} {p.type_name:6s} default {p.default!r}")
            return 0
        metadata = None
        if args.from_metadata:
            metadata = json.loads(args.from_metadata.read_text(encoding="utf-8"))
        elif args.verify:
            raise RerunError("--verify needs --from-metadata")
        params = resolve_parameters(args.chapter, [tuple(p) for p in args.parameter], metadata)
    except RerunError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    folder = run_chapter(
        args.chapter,
        params,
        args.runs_dir,
        command=["python", "-m", "sagin_lib.rerun", *sys.argv[1:]],
    )
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
