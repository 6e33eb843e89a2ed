"""Provenance of generated results: code version, commit, packages, hashes.

Every saved figure carries this record in its JSON metadata so that a citer
can tell exactly which code, parameters and data produced it.
"""

from __future__ import annotations

import hashlib
import os
import platform
import subprocess
from collections.abc import Mapping
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

#: Packages whose versions are recorded with every result.
KEY_PACKAGES: tuple[str, ...] = ("numpy", "scipy", "pandas", "matplotlib", "papermill", "plotly")

_REPO_ROOT = Path(__file__).resolve().parents[2]

#: Title and authors of the study, as in CITATION.cff (a test keeps them equal).
STUDY_TITLE = "Coverage in space-air-ground integrated networks: a reproducible study"
STUDY_AUTHORS = "The SAGIN coverage study contributors"


def sha256_file(path: str | Path) -> str:
    """Hex SHA-256 digest of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _git(*args: str) -> str | None:
    try:
        out = subprocess.run(
            ["git", *args],
            cwd=_REPO_ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=20,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip()


def git_state() -> dict[str, Any]:
    """Commit of the checkout that holds ``sagin_lib`` and whether it is dirty.

    Returns ``{"commit": None, "dirty": None}`` outside a git checkout (for
    example when the library is installed from a wheel).
    """
    commit = _git("rev-parse", "HEAD")
    if not commit:
        return {"commit": None, "dirty": None}
    status = _git("status", "--porcelain", "--untracked-files=no")
    return {"commit": commit, "dirty": bool(status) if status is not None else None}


@lru_cache(maxsize=1)
def package_versions() -> dict[str, str | None]:
    """Versions of Python and of the key packages (None when not installed)."""
    versions: dict[str, str | None] = {"python": platform.python_version()}
    for name in KEY_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def provenance_record() -> dict[str, Any]:
    """The code side of a result's provenance: library version, git state, packages."""
    from sagin_lib import __version__

    return {
        "sagin_lib_version": __version__,
        "git": git_state(),
        "packages": package_versions(),
    }


def citation_text(figure_id: str, chapter: str, git: dict[str, Any] | None = None) -> str:
    """How to cite one figure: study, version, figure id, chapter and commit."""
    from sagin_lib import __version__

    git = git_state() if git is None else git
    commit = git.get("commit")
    where = f"commit {commit[:12]}" if commit else "commit unknown (not run from a git checkout)"
    if git.get("dirty"):
        where += ", with uncommitted changes"
    return (
        f'{STUDY_AUTHORS}, "{STUDY_TITLE}", version {__version__}, '
        f"figure {figure_id} (chapter {chapter}), {where}."
    )


def regenerate_command(figure_id: str, chapter: str, git: dict[str, Any] | None = None) -> str:
    """The shell command that regenerates a figure from its JSON metadata."""
    git = git_state() if git is None else git
    rerun = f"python -m sagin_lib.rerun run {chapter} --from-metadata {figure_id}.json"
    commit = git.get("commit")
    return f"git checkout {commit[:12]} && make setup && .venv/bin/{rerun}" if commit else rerun


def recorded_parameters(parameters: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters as a metadata file records them, without machine paths.

    An absolute ``output_dir`` (a rerun's ``<run folder>/figures``) is recorded
    by its folder name, relative to the folder that holds it; a relative one
    (the book's ``outputs/<chapter>``) as it is.
    """
    out = dict(parameters)
    folder = out.get("output_dir")
    if isinstance(folder, (str, os.PathLike)) and Path(folder).is_absolute():
        out["output_dir"] = Path(folder).name
    return out
