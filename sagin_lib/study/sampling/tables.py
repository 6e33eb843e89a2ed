"""The sampling chapter's tables as the page shows them."""

from __future__ import annotations

from sagin_lib.sampling.scenes import (
    DownlinkScene,
    UplinkScene,
)
from sagin_lib.study.formatting import Table, format_table
from sagin_lib.study.table_output import show_columns
from sagin_lib.study.tables import DOME_DISPLAY_COLUMNS

from .compute import dome_table

__all__ = ["counts_display", "dome_display"]


def dome_display(scene: UplinkScene | DownlinkScene, caption: str = "") -> Table:
    """The domes of a scene as the page shows them (:func:`dome_table`, formatted)."""
    columns = {**DOME_DISPLAY_COLUMNS, "area_km2": "area (km²)", "arc_radius_km": "radius (km)"}
    return show_columns(dome_table(scene), columns, caption=caption)


def counts_display(scene: UplinkScene | DownlinkScene, caption: str = "") -> Table:
    """A scene's counts against their means, as the page shows them (folded: the prose quotes them)."""
    return format_table(
        scene.counts,
        headers={"count": "this realisation", "expected_count": "mean"},
        missing={
            "count": "no aerial vehicle to average over",
            "expected_count": "no closed form on this page",
        },
        caption=caption,
        fold_rows=0,
    )
