"""Shared plotting style and the one way the study saves a figure.

Every figure of the book goes through :func:`save_figure`, which writes, into
a parameter-controlled folder,

* ``<figure_id>.png`` and ``<figure_id>.svg``: the figure;
* ``<figure_id>.csv``: the plotted data as a tidy table whose column names
  carry their units;
* ``<figure_id>.json``: the figure's metadata (id, title, all notebook
  parameters, library version, git commit, package versions, SHA-256 of the
  data file).

In a notebook it also displays the saved PNG under a permalink anchor
(``#fig-<figure_id>``) at the width the book shows it (natural size, one inch
of the figure to 96 CSS pixels, or the column width if wider; on a narrow
screen the figure scrolls inside its box so its text stays legible), then one
line of links: the data (CSV), the SVG, the metadata (JSON), and a folded box
with the text that cites the figure and the command that regenerates it.

Every figure's JSON records a layout check (:mod:`sagin_lib.study.figure_layout`):
text size at the display width, legends over data, empty panels, coincident
curves. The test suite asserts it finds nothing.
"""

from __future__ import annotations

import html
import json
import math
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sagin_lib.study.figure_layout import CSS_PX_PER_INCH, check_layout
from sagin_lib.study.provenance import (
    citation_text,
    provenance_record,
    recorded_parameters,
    regenerate_command,
    sha256_file,
)
from sagin_lib.study.table_output import check_output

#: One colour per scenario, used by every chapter.
SCENARIO_COLORS: Mapping[str, str] = {
    "G2A": "#1b9e77",
    "A2S": "#d95f02",
    "G2S": "#7570b3",
    "A2G": "#66a61e",
    "S2A": "#e7298a",
    "S2G": "#a6761d",
}

#: Line styles for the reference altitudes (receiver or transmitter).
ALTITUDE_STYLES: Mapping[str, str] = {
    "UAV": ":",
    "HAP": "-.",
    "LEO": "-",
    "MEO": "--",
    "GEO": (0, (5, 1, 1, 1)),  # type: ignore[dict-item]
}

_NAMESPACE_SKIP = {"In", "Out", "exit", "quit", "get_ipython", "open"}

#: Resolution of the saved PNG files.
SAVEFIG_DPI = 150


def apply_style() -> None:
    """Set the study's Matplotlib style (deterministic SVG output included)."""
    import matplotlib as mpl

    # Sizes in points: the book shows a figure at 96 CSS px per inch (or
    # narrower), so 9 pt is 12 px at natural size and stays above 10 px down to
    # a figure 7.7 in wide shown in the 740 px column.
    mpl.rcParams.update(
        {
            "figure.figsize": (7.0, 4.2),
            "figure.dpi": 100,
            "savefig.dpi": SAVEFIG_DPI,
            "savefig.bbox": "tight",
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.titlesize": 10.5,
            "axes.labelsize": 10,
            "xtick.labelsize": 9,
            "ytick.labelsize": 9,
            "legend.fontsize": 9,
            "legend.frameon": False,
            "figure.titlesize": 11,
            "font.size": 10,
            # Fixed hash salt: identical SVG bytes for identical figures.
            "svg.hashsalt": "sagin-coverage-study",
        }
    )


def collect_parameters(namespace: Mapping[str, Any]) -> dict[str, Any]:
    """The notebook parameters currently defined in ``namespace``.

    Call it as ``collect_parameters(globals())`` in the cell right after the
    papermill ``parameters`` cell (and any injected one), before anything else
    is defined: it keeps every public, lower-case name whose value is plain
    data (numbers, strings, booleans, None, and lists, tuples or dicts of
    them). Parameter names are lower-case; UPPER_CASE names are skipped.
    """
    params: dict[str, Any] = {}
    for name, value in namespace.items():
        # Parameters are lower-case by convention; UPPER_CASE names are constants
        # that a notebook may have imported (colour tables, scenario lists).
        if name.startswith("_") or name in _NAMESPACE_SKIP or name.isupper():
            continue
        if _is_plain(value):
            params[name] = _jsonable(value)
    return dict(sorted(params.items()))


def _is_plain(value: Any) -> bool:
    if value is None or isinstance(value, (bool, int, float, str)):
        return True
    if isinstance(value, (list, tuple)):
        return all(_is_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_plain(v) for k, v in value.items())
    return False


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if isinstance(value, np.generic):
        return value.item()
    return value


@dataclass(frozen=True)
class SavedFigure:
    """Where a figure and its companions were written."""

    figure_id: str
    png: Path
    svg: Path
    csv: Path
    json: Path
    metadata: dict[str, Any] = field(repr=False)

    @property
    def paths(self) -> dict[str, Path]:
        """The four files by kind."""
        return {"png": self.png, "svg": self.svg, "csv": self.csv, "json": self.json}

    def html(self) -> str:
        """The figure as the book shows it: image, caption, one line of links.

        Paths are relative to the working directory (the notebook's folder), so
        the same HTML works in Jupyter and in the book, whose build copies the
        chapters' output folders beside the pages.
        """
        rel = {kind: Path(os.path.relpath(path)).as_posix() for kind, path in self.paths.items()}
        meta = self.metadata
        fid = html.escape(self.figure_id)
        title = html.escape(meta["title"])
        width = meta["display"]["width_px"]
        links = " · ".join(
            f'<a href="{html.escape(rel[kind])}">{label}</a>'
            for kind, label in (("csv", "data (CSV)"), ("svg", "SVG"), ("json", "metadata"))
        )
        return (
            f'<figure class="sagin-figure" id="fig-{fid}">'
            f'<div class="sagin-figure-scroll"><a href="{html.escape(rel["png"])}">'
            f'<img src="{html.escape(rel["png"])}" alt="{title}" width="{width:.0f}" '
            f'style="width: {width:.0f}px"></a></div>'
            f"<figcaption><strong>Figure <code>{fid}</code>.</strong> {title} "
            f'<a class="headerlink" href="#fig-{fid}" title="Permalink to this figure">¶</a>'
            f"</figcaption>"
            f'<details class="sagin-figure-tail"><summary>{links} · '
            f'<span class="sagin-toggle">cite · regenerate</span></summary>'
            f'<p class="sagin-cite"><em>Cite:</em> {html.escape(meta["citation"])}</p>'
            f'<p><em>Regenerate:</em> <code class="sagin-command">'
            f"{html.escape(meta['regenerate'])}</code></p></details></figure>"
        )


def save_figure(
    fig: Any,
    data: pd.DataFrame,
    *,
    figure_id: str,
    output_dir: str | os.PathLike[str],
    parameters: Mapping[str, Any],
    title: str,
    chapter: str | None = None,
    description: str = "",
    missing_ok: Iterable[str] = (),
    display: bool = True,
) -> SavedFigure:
    """Save a figure with its data and metadata, and show it with download links.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to save.
    data : pandas.DataFrame
        The plotted data, one row per plotted point (tidy), column names with
        units (``area_km2``, ``freq_ghz`` ...).
    figure_id : str
        Stable identifier: lower-case letters, digits and hyphens. It names the
        files and is the handle by which the figure is cited.
    output_dir : path-like
        Folder for the four files; created if missing.
    parameters : mapping
        Every parameter of the run (usually :func:`collect_parameters`).
    title, description : str
        What the figure shows, stored in the metadata.
    chapter : str, optional
        The chapter (notebook name without ``.ipynb``) that makes the figure;
        it goes into the citation and the regeneration command. Defaults to
        the name of ``output_dir``, which is the chapter for the default
        ``outputs/<chapter>`` folders.
    missing_ok : iterable of str, optional
        Columns allowed to hold NaN for "does not apply" (for example
        ``freq_ghz`` on downlink rows). Infinities are never allowed.
    display : bool, optional
        In IPython, display the figure and the download links, then close the
        figure so it is not shown twice. Default True.

    Returns
    -------
    SavedFigure
        Paths of the written files and the metadata record.

    Raises
    ------
    ValueError
        For a malformed ``figure_id``, empty data, or non-finite numbers in the
        data outside ``missing_ok`` (a garbage figure is never saved).
    """
    check_output(data, "figure_id", figure_id)
    missing_ok = set(missing_ok)
    numeric = data.select_dtypes(include=[np.number])
    bad = []
    for column in numeric.columns:
        values = numeric[column].to_numpy(dtype=float)
        if np.isinf(values).any() or (column not in missing_ok and np.isnan(values).any()):
            bad.append(column)
    if bad:
        raise ValueError(f"data has non-finite values in column(s) {bad}")

    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    png, svg, csv, meta_path = (out / f"{figure_id}.{ext}" for ext in ("png", "svg", "csv", "json"))

    data.to_csv(csv, index=False, lineterminator="\n")
    # One layout pass gives the tight box that both files share and the layout check;
    # savefig's own "tight" would draw the figure once more for each file. No pixels
    # are needed for either, so the figure is laid out without being rasterised.
    fig.draw_without_rendering()
    box = fig.get_tightbbox(fig.canvas.get_renderer()).padded(_pad_inches())
    layout = check_layout(fig, natural_width_px=box.width * CSS_PX_PER_INCH, drawn=True)
    engine = fig.get_layout_engine()
    fig.set_layout_engine(None)  # laid out by that drawing; the saves keep it
    try:
        fig.savefig(png, metadata={"Software": None}, dpi=SAVEFIG_DPI, bbox_inches=box)
        fig.savefig(svg, metadata={"Date": None, "Creator": None}, bbox_inches=box)
    finally:
        fig.set_layout_engine(engine)

    chapter = chapter or out.resolve().name
    provenance = provenance_record()
    metadata = {
        "figure_id": figure_id,
        "chapter": chapter,
        "title": title,
        "description": description,
        "seed": _jsonable(parameters.get("seed")),
        "parameters": _jsonable(recorded_parameters(parameters)),
        **provenance,
        "permalink": f"{chapter}.html#fig-{figure_id}",
        "citation": citation_text(figure_id, chapter, provenance["git"]),
        "regenerate": regenerate_command(figure_id, chapter, provenance["git"]),
        "data": {
            "file": csv.name,
            "sha256": sha256_file(csv),
            "rows": int(len(data)),
            "columns": list(map(str, data.columns)),
        },
        "files": {"png": png.name, "svg": svg.name, "csv": csv.name},
        "display": {"width_px": round(layout.display_width_px, 1)},
        "layout_check": layout.as_dict(),
    }
    meta_path.write_text(json.dumps(metadata, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    saved = SavedFigure(figure_id, png, svg, csv, meta_path, metadata)

    if display:
        _display_in_notebook(fig, saved)
    return saved


def _pad_inches() -> float:
    import matplotlib as mpl

    pad = mpl.rcParams["savefig.pad_inches"]
    return 0.1 if pad == "layout" else float(pad)


def _display_in_notebook(fig: Any, saved: SavedFigure) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import HTML
        from IPython.display import display as ipy_display
    except ImportError:  # pragma: no cover - IPython ships with the notebook stack
        return
    if get_ipython() is None:
        return
    import matplotlib.pyplot as plt

    # The saved PNG is shown (not a second rendering), so what the reader sees
    # is byte for byte what the download links give.
    ipy_display(HTML(saved.html()))
    plt.close(fig)
