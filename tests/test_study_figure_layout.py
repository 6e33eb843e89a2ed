"""sagin_lib.study.figure_layout: what a reader would stumble on, found in a drawn figure.

Each test draws a small figure with one defect and checks the report names it,
and that the same figure without the defect passes.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from sagin_lib.study.figure_layout import (  # noqa: E402
    MAX_DISPLAY_WIDTH_PX,
    MIN_TEXT_PX,
    check_layout,
    display_width_px,
)
from sagin_lib.study.figures import apply_style  # noqa: E402


@pytest.fixture(autouse=True)
def _style():
    apply_style()
    yield
    plt.close("all")


def _axes(width_in: float = 6.0):
    fig, ax = plt.subplots(figsize=(width_in, 3.5))
    ax.set_xlabel("x (km)")
    ax.set_ylabel("y (km)")
    return fig, ax


def test_a_clean_figure_passes() -> None:
    fig, ax = _axes()
    x = np.linspace(0, 1, 50)
    ax.plot(x, x, label="rising")
    ax.plot(x, 1 - x, label="falling")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=2)
    report = check_layout(fig)
    assert report.problems == ()
    assert report.min_text_px >= MIN_TEXT_PX
    assert report.display_width_px == pytest.approx(6.0 * 96)


def test_small_text_is_reported_at_the_display_width() -> None:
    fig, ax = _axes()
    ax.plot([0, 1], [0, 1])
    ax.set_title("tiny", fontsize=6)
    assert any("text below" in p and "tiny" in p for p in check_layout(fig).problems)
    # A wide figure is shown narrower, so 9 pt text falls below 10 px.
    wide, ax = _axes(width_in=11.0)
    ax.plot([0, 1], [0, 1])
    report = check_layout(wide)
    assert report.display_width_px == MAX_DISPLAY_WIDTH_PX
    assert any("text below" in p for p in report.problems)
    assert display_width_px(500.0) == 500.0


def test_a_legend_over_a_line_is_reported_and_off_it_is_not() -> None:
    fig, ax = _axes()
    x = np.linspace(0, 1, 100)
    ax.plot(x, np.full_like(x, 0.5), label="flat line through the middle")
    ax.set_ylim(0, 1)
    ax.legend(loc="center")
    assert any("covers data" in p for p in check_layout(fig).problems)
    ax.legend(loc="upper left")
    assert not any("covers data" in p for p in check_layout(fig).problems)


def test_a_legend_over_bars_or_markers_is_reported() -> None:
    fig, ax = _axes()
    ax.bar([0, 1, 2], [1, 1, 1], width=0.95, label="bars")
    ax.legend(loc="center")
    assert any("covers data" in p for p in check_layout(fig).problems)
    fig2, ax2 = _axes()
    ax2.scatter([0.5], [0.5], label="a point")
    ax2.set_xlim(0, 1)
    ax2.set_ylim(0, 1)
    ax2.legend(loc="center")
    assert any("covers data" in p for p in check_layout(fig2).problems)


def test_an_empty_panel_is_reported() -> None:
    fig, ax = _axes()
    ax.plot([10, 20], [10, 20])
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    assert any("shows no data" in p for p in check_layout(fig).problems)


def test_coincident_curves_need_markers_or_a_note() -> None:
    fig, ax = _axes()
    x = np.linspace(0, 1, 30)
    ax.plot(x, x**2, label="A2S")
    ax.plot(x, x**2 * (1 + 1e-6), label="G2S")
    problems = check_layout(fig).problems
    assert any("'A2S' and 'G2S'" in p for p in problems)
    ax.lines[1].set_marker("o")
    ax.lines[1].set_markevery(5)
    assert check_layout(fig).problems == ()
    ax.lines[1].set_marker("None")
    ax.text(0.05, 0.9, "A2S coincides with G2S", transform=ax.transAxes)
    assert not any("on top of each other" in p for p in check_layout(fig).problems)


def test_missing_axis_labels_and_crowded_ticks_are_reported() -> None:
    fig, ax = plt.subplots(figsize=(2.0, 2.0))
    ax.plot([0, 1e6], [0, 1])
    ax.set_xticks(np.linspace(0, 1e6, 30))
    problems = check_layout(fig).problems
    assert any("no x label" in p for p in problems)
    assert any("run into each other" in p for p in problems)
