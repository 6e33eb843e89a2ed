"""The coverage chapter's tables as the book shows them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from sagin_lib.study.formatting import Table, format_table
from sagin_lib.study.table_output import show_columns

from .compute import downlink_cases, uplink_cases


def curves_table(p: Mapping[str, Any]) -> Table:
    """The chapter's curves as the book shows them: one row per layer pair and platform.

    An uplink and the downlink between the same two layers share a row: the
    platform is the higher node of both (the uplink's receiver, the downlink's
    transmitters), the other node sits on the ground or in the air layer, and
    only the uplink receiver has a dish (a downlink receiver tracks its
    transmitter).

    Parameters
    ----------
    p : mapping
        The run's parameters.

    Returns
    -------
    Table
        Formatted by :func:`sagin_lib.study.formatting.format_table`.
    """
    rows = [
        {
            "uplink": u.scenario,
            "downlink": d.scenario,
            "platform": u.platform,
            "platform_alt_km": u.rx_alt_km,
            "other_node_alt_km": u.tx_alt_km,
            "dish_diameter_m": u.diameter_m,
        }
        for u, d in zip(uplink_cases(p), downlink_cases(p), strict=True)
    ]
    return format_table(
        pd.DataFrame(rows),
        headers={
            "platform": "platform (higher node)",
            "platform_alt_km": "altitude (km)",
            "other_node_alt_km": "other node (km)",
            "dish_diameter_m": "uplink dish (m)",
        },
        caption="The curves: each layer pair at each platform",
    )


def case1_table(cases: pd.DataFrame) -> Table:
    """Each uplink receiver's tangent angle and case-1 limit, as the book shows them.

    Parameters
    ----------
    cases : pandas.DataFrame
        :func:`uplink_cases_table` of the run: one row per receiver and
        frequency, the tangent angle and the case-1 limit repeated on each
        row of a receiver (its first row is shown).

    Returns
    -------
    Table
        One row per receiver, formatted by
        :func:`sagin_lib.study.table_output.show_columns`.
    """
    columns = {
        "scenario": None,
        "rx_platform": "receiver",
        "rx_alt_km": "altitude (km)",
        "diameter_m": "dish (m)",
        "tangent_angle_deg": "tangent angle g (°)",
        "case1_below_ghz": "case 1 below (GHz)",
    }
    return show_columns(
        cases.groupby(["scenario", "rx_platform"], sort=False).first().reset_index(),
        columns,
        digits={"tangent_angle_deg": 4, "case1_below_ghz": 3},
        caption="Where each uplink receiver's beam covers its whole visible cap (case 1)",
    )


#: How the book formats :func:`summary_table` (passed to ``save_table``).
SUMMARY_FORMAT: Mapping[str, Any] = {
    "headers": {
        "platform": "platform (higher node)",
        "rx_alt_km": "receiver altitude (km)",
        "tx_alt_km": "transmitters' altitude (km)",
        "area_km2": "dome area on the transmitters' shell (km²)",
    },
    "digits": 4,
}
