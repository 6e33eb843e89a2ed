"""Whether a figure reads at the width the book shows it.

The book shows each saved PNG at its natural size (one inch of the figure is
96 CSS pixels) or, for a wider figure, scaled down to the column width
:data:`MAX_DISPLAY_WIDTH_PX`. :func:`check_layout` looks at a drawn Matplotlib
figure and reports, in words, what a reader would stumble on:

* text (ticks, labels, legends, annotations, titles) smaller than
  :data:`MIN_TEXT_PX` CSS pixels at the display width;
* a legend drawn over plotted data (lines, markers, bars, filled areas, images
  or annotations) of any axes;
* an axes with nothing plotted inside its limits (an empty panel);
* tick labels of one axis that run into each other, and texts that overlap;
* an axis with tick labels but no label;
* two curves of one axes drawn on top of each other (within a pixel everywhere)
  with the same markers, unless a text of the figure says they coincide.

:func:`sagin_lib.study.figures.save_figure` records the report in every
figure's JSON metadata; the test suite asserts it is empty for every figure of
every chapter, at the defaults and at drawn parameters. A reader's run is never
stopped by it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

#: Smallest text, in CSS pixels at the width the book shows the figure.
MIN_TEXT_PX = 10.0
#: Widest a figure is shown in the book (the text column at 1024 px and up).
MAX_DISPLAY_WIDTH_PX = 740.0
#: CSS pixels per inch of the figure at its natural size.
CSS_PX_PER_INCH = 96.0
#: Distance under which two curves count as drawn on top of each other.
_COINCIDENT_PX = 1.0
#: Spacing of the points sampled along a plotted line, in figure pixels.
_STEP_PX = 2.0


@dataclass(frozen=True)
class LayoutReport:
    """What :func:`check_layout` found.

    Attributes
    ----------
    natural_width_px, display_width_px : float
        The figure's width at 96 CSS px per inch, and as the book shows it.
    min_text_px : float
        The smallest text of the figure, in CSS px at the display width.
    problems : tuple of str
        One sentence per problem; empty when the figure reads well.
    """

    natural_width_px: float
    display_width_px: float
    min_text_px: float
    problems: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "natural_width_px": round(self.natural_width_px, 1),
            "display_width_px": round(self.display_width_px, 1),
            "min_text_px": round(self.min_text_px, 2),
            "problems": list(self.problems),
        }


def display_width_px(natural_width_px: float) -> float:
    """The width the book shows a figure at: natural, or the column width if wider."""
    return float(min(natural_width_px, MAX_DISPLAY_WIDTH_PX))


def _label(ax: Any, index: int) -> str:
    title = ax.get_title() or ax.get_ylabel() or ""
    return f"axes {index + 1}" + (f" ({title!r})" if title else "")


def _visible_texts(fig: Any) -> list[Any]:
    from matplotlib.text import Text

    texts = []
    for t in fig.findobj(Text):
        if not t.get_visible() or not t.get_text().strip():
            continue
        # Tick labels are checked only where a tick is drawn (inside the view).
        texts.append(t)
    return texts


def _drawn_tick_labels(axis: Any) -> list[Any]:
    lo, hi = sorted(axis.get_view_interval())
    span = hi - lo
    labels = []
    ticks = axis.get_major_ticks() + axis.get_minor_ticks()
    locs = list(axis.get_majorticklocs()) + list(axis.get_minorticklocs())
    for tick, loc in zip(ticks, locs, strict=False):
        if not (lo - 1e-9 * span <= loc <= hi + 1e-9 * span):
            continue
        for label in (tick.label1, tick.label2):
            if label.get_visible() and label.get_text().strip():
                labels.append(label)
    return labels


def _line_points(line: Any) -> np.ndarray:
    """Display coordinates of a Line2D, sampled densely along its segments."""
    xy = np.asarray(line.get_xydata(), dtype=float)
    if xy.size == 0:
        return np.empty((0, 2))
    pts = line.get_transform().transform(xy)
    pts = pts[np.all(np.isfinite(pts), axis=1)]
    if len(pts) < 2 or line.get_linestyle() in ("None", "", " ", "none"):
        return pts
    seg = np.diff(pts, axis=0)
    lengths = np.hypot(seg[:, 0], seg[:, 1])
    out = [pts[:1]]
    for start, d, length in zip(pts[:-1], seg, lengths, strict=True):
        n = int(min(max(np.ceil(length / _STEP_PX), 1), 5000))
        t = np.arange(1, n + 1)[:, None] / n
        out.append(start + t * d)
    return np.concatenate(out)


def _artist_points(ax: Any) -> list[np.ndarray]:
    """Display coordinates of what an axes plots, one array per artist."""
    from matplotlib.collections import LineCollection, PathCollection, PolyCollection
    from matplotlib.patches import Patch

    arrays: list[np.ndarray] = []
    for line in ax.get_lines():
        if line.get_visible():
            arrays.append(_line_points(line))
    for coll in ax.collections:
        if not coll.get_visible():
            continue
        if isinstance(coll, PathCollection):
            offsets = np.asarray(coll.get_offsets(), dtype=float)
            if offsets.size:
                arrays.append(coll.get_offset_transform().transform(offsets))
        elif isinstance(coll, (PolyCollection, LineCollection)) or hasattr(coll, "get_paths"):
            transform = coll.get_transform()
            for path in coll.get_paths():
                verts = np.asarray(path.vertices, dtype=float)
                if verts.size:
                    arrays.append(transform.transform(verts))
    for patch in ax.patches:
        if isinstance(patch, Patch) and patch.get_visible():
            path = patch.get_path()
            verts = patch.get_transform().transform(np.asarray(path.vertices, dtype=float))
            if verts.size:
                arrays.append(verts)
    for image in ax.images:
        if image.get_visible():
            box = image.get_window_extent()
            arrays.append(np.array([[box.x0, box.y0], [box.x1, box.y1]]))
    return [a[np.all(np.isfinite(a), axis=1)] for a in arrays if len(a)]


def _inside(points: np.ndarray, box: Any, margin: float = 0.0) -> np.ndarray:
    return (
        (points[:, 0] > box.x0 + margin)
        & (points[:, 0] < box.x1 - margin)
        & (points[:, 1] > box.y0 + margin)
        & (points[:, 1] < box.y1 - margin)
    )


def _filled_under(ax: Any, box: Any) -> bool:
    """Whether a filled area or bar of the axes covers part of ``box``."""
    from matplotlib.collections import PolyCollection
    from matplotlib.patches import Rectangle

    probes = np.array(
        [
            [box.x0 + fx * box.width, box.y0 + fy * box.height]
            for fx in (0.1, 0.5, 0.9)
            for fy in (0.1, 0.5, 0.9)
        ]
    )
    for coll in ax.collections:
        if isinstance(coll, PolyCollection) and coll.get_visible():
            transform = coll.get_transform()
            for path in coll.get_paths():
                if path.transformed(transform).contains_points(probes).any():
                    return True
    for patch in ax.patches:
        if isinstance(patch, Rectangle) and patch.get_visible() and patch.get_fill():
            extent = patch.get_window_extent()
            if extent.width > 0 and extent.height > 0 and extent.overlaps(box):
                return True
    return False


def _overlap(a: Any, b: Any, tol: float = 1.0) -> bool:
    return min(a.x1, b.x1) - max(a.x0, b.x0) > tol and min(a.y1, b.y1) - max(a.y0, b.y0) > tol


def check_layout(
    fig: Any,
    *,
    natural_width_px: float | None = None,
    min_text_px: float = MIN_TEXT_PX,
    drawn: bool = False,
) -> LayoutReport:
    """Check a Matplotlib figure as the book will show it.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    natural_width_px : float, optional
        Its width at 96 CSS px per inch, as saved (tight bounding box
        included). Defaults to the figure's own width.
    min_text_px : float, optional
        The smallest text allowed, in CSS px at the display width.
    drawn : bool, optional
        True when the figure has just been drawn or laid out
        (``fig.draw_without_rendering()``) and nothing changed since: the check
        then reads that layout instead of laying the figure out again.

    Returns
    -------
    LayoutReport
    """
    if not drawn:
        fig.draw_without_rendering()  # positions and text extents; no pixels needed
    renderer = fig.canvas.get_renderer()
    if natural_width_px is None:
        natural_width_px = fig.get_figwidth() * CSS_PX_PER_INCH
    if natural_width_px <= 0:
        raise ValueError(f"natural_width_px must be positive; got {natural_width_px}")
    shown = display_width_px(natural_width_px)
    scale = shown / natural_width_px
    pt_to_px = CSS_PX_PER_INCH / 72.0 * scale
    problems: list[str] = []

    texts = _visible_texts(fig)
    sizes = [(t.get_fontsize() * pt_to_px, t) for t in texts]
    smallest = min((s for s, _ in sizes), default=float("inf"))
    small = sorted(
        {f"{t.get_text().strip()[:30]!r} ({s:.1f} px)" for s, t in sizes if s < min_text_px}
    )
    if small:
        problems.append(
            f"text below {min_text_px:g} px at {shown:.0f} px wide: " + ", ".join(small[:6])
        )

    axes = [ax for ax in fig.get_axes() if ax.get_visible()]
    legends = [(ax.get_legend(), f"legend of {_label(ax, i)}") for i, ax in enumerate(axes)]
    legends = [(lg, name) for lg, name in legends if lg is not None and lg.get_visible()]
    legends += [(lg, "figure legend") for lg in fig.legends if lg.get_visible()]

    points_by_axes = {id(ax): _artist_points(ax) for ax in axes}
    for i, ax in enumerate(axes):
        if not ax.axison:
            continue
        box = ax.get_window_extent(renderer)
        shown_points = sum(int(_inside(p, box, -0.5).sum()) for p in points_by_axes[id(ax)])
        if shown_points == 0:
            problems.append(f"{_label(ax, i)} shows no data inside its limits")
        for axis, name in ((ax.xaxis, "x"), (ax.yaxis, "y")):
            labels = _drawn_tick_labels(axis)
            if labels and not axis.get_label_text().strip():
                problems.append(f"{_label(ax, i)} has {name} tick labels but no {name} label")
            extents = sorted(
                (t.get_window_extent(renderer) for t in labels),
                key=lambda b: b.x0 if name == "x" else b.y0,
            )
            for a, b in zip(extents, extents[1:], strict=False):
                if _overlap(a, b, tol=0.5):
                    problems.append(f"{_label(ax, i)}: {name} tick labels run into each other")
                    break

    for legend, name in legends:
        lbox = legend.get_window_extent(renderer)
        legend_texts = set(map(id, legend.get_texts()))
        for i, ax in enumerate(axes):
            if not lbox.overlaps(ax.get_window_extent(renderer)):
                continue
            hit = any(_inside(p, lbox, 1.0).any() for p in points_by_axes[id(ax)])
            hit = hit or _filled_under(ax, lbox)
            hit = hit or any(
                _overlap(t.get_window_extent(renderer), lbox)
                for t in ax.texts
                if t.get_visible() and t.get_text().strip() and id(t) not in legend_texts
            )
            if hit:
                problems.append(f"{name} covers data of {_label(ax, i)}")

    # Texts that overlap other texts (tick labels of one axis are checked above).
    tick_ids = {
        id(t) for ax in axes for axis in (ax.xaxis, ax.yaxis) for t in _drawn_tick_labels(axis)
    }
    every_tick = {
        id(label)
        for ax in axes
        for axis in (ax.xaxis, ax.yaxis)
        for tick in axis.get_major_ticks() + axis.get_minor_ticks()
        for label in (tick.label1, tick.label2)
    }
    legend_owned = {id(t) for lg, _ in legends for t in lg.get_texts()}
    free = [
        t
        for t in texts
        if id(t) not in legend_owned
        and (id(t) in tick_ids or id(t) not in every_tick)
        and t.get_window_extent(renderer).width > 0
    ]
    boxes = [(t, t.get_window_extent(renderer)) for t in free]
    reported = 0
    for j, (t1, b1) in enumerate(boxes):
        for t2, b2 in boxes[j + 1 :]:
            if id(t1) in tick_ids and id(t2) in tick_ids:
                continue
            if _overlap(b1, b2, tol=1.0) and reported < 3:
                problems.append(
                    f"texts overlap: {t1.get_text().strip()[:30]!r} and {t2.get_text().strip()[:30]!r}"
                )
                reported += 1

    note = " ".join(t.get_text() for t in texts).lower()
    for i, ax in enumerate(axes):
        lines = [
            ln
            for ln in ax.get_lines()
            if ln.get_visible() and ln.get_linestyle() not in ("None", "", " ", "none")
        ]
        for j, a in enumerate(lines):
            pa = a.get_transform().transform(np.asarray(a.get_xydata(), dtype=float))
            for b in lines[j + 1 :]:
                pb = b.get_transform().transform(np.asarray(b.get_xydata(), dtype=float))
                if pa.shape != pb.shape or len(pa) < 2:
                    continue
                with np.errstate(invalid="ignore"):
                    d = np.hypot(*(pa - pb).T)
                if not np.all(np.isfinite(d)) or d.max() >= _COINCIDENT_PX:
                    continue
                same_marker = a.get_marker() == b.get_marker()
                if same_marker and "coincid" not in note:
                    la, lb = a.get_label(), b.get_label()
                    problems.append(
                        f"{_label(ax, i)}: curves {la!r} and {lb!r} are drawn on top of each other"
                    )
    return LayoutReport(float(natural_width_px), shown, float(smallest), tuple(problems))
