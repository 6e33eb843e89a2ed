"""Tidy tables of coverage domes, as the book's figures and CSV files use them.

One row per (scenario, parameter point). Column names carry their units, and
the columns that do not apply to a row's link direction are left empty (NaN):
``freq_ghz``, ``diameter_m`` and ``kappa_deg`` for downlinks,
``min_elev_deg`` for uplinks.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from sagin_lib.model.constants import DEFAULT_KAPPA_RAD
from sagin_lib.model.coverage import coverage_dome
from sagin_lib.model.scenarios import Scenario, get_scenario

#: Column order of every coverage table.
COVERAGE_COLUMNS: tuple[str, ...] = (
    "scenario",
    "rx_alt_km",
    "tx_alt_km",
    "freq_ghz",
    "diameter_m",
    "kappa_deg",
    "min_elev_deg",
    "vertex_angle_deg",
    "area_km2",
)

#: The columns every shown table of domes starts with, and their headers (None: the name's own).
DOME_DISPLAY_COLUMNS: Mapping[str, str | None] = {
    "scenario": None,
    "rx_alt_km": "receiver alt. (km)",
    "tx_alt_km": "transmitter alt. (km)",
    "vertex_angle_deg": "φ (°)",
}

#: Columns that are empty by design for one of the two link directions.
DIRECTION_SPECIFIC_COLUMNS: tuple[str, ...] = (
    "freq_ghz",
    "diameter_m",
    "kappa_deg",
    "min_elev_deg",
)


def coverage_table(
    scenario: str | Scenario,
    *,
    rx_alt_km: ArrayLike,
    tx_alt_km: ArrayLike,
    freq_hz: ArrayLike | None = None,
    diameter_m: ArrayLike | None = None,
    kappa_rad: ArrayLike = DEFAULT_KAPPA_RAD,
    min_elevation_rad: ArrayLike | None = None,
    **labels: ArrayLike,
) -> pd.DataFrame:
    """Domes of one scenario over a grid of parameters, as a tidy DataFrame.

    The parameters broadcast against each other exactly as in
    :func:`sagin_lib.coverage_dome`; the table has one row per element of the
    broadcast shape (C order).

    Parameters
    ----------
    scenario : str or Scenario
        Scenario key.
    rx_alt_km, tx_alt_km, freq_hz, diameter_m, kappa_rad, min_elevation_rad
        As in :func:`sagin_lib.coverage_dome`.
    **labels : array_like
        Extra columns broadcast with the rest (for example
        ``rx_platform=np.array(["LEO", "GEO"])[:, None]``), placed after
        ``scenario``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COVERAGE_COLUMNS` plus the labels.
    """
    sc = get_scenario(scenario)
    dome = coverage_dome(
        sc,
        rx_alt_km=rx_alt_km,
        tx_alt_km=tx_alt_km,
        freq_hz=freq_hz,
        diameter_m=diameter_m,
        kappa_rad=kappa_rad,
        min_elevation_rad=min_elevation_rad,
    )
    if sc.is_uplink:
        inputs = [rx_alt_km, tx_alt_km, freq_hz, diameter_m, kappa_rad]
    else:
        inputs = [rx_alt_km, tx_alt_km, min_elevation_rad]
    label_values = [np.asarray(v) for v in labels.values()]
    shape = np.broadcast_shapes(
        *(np.shape(x) for x in inputs), *(v.shape for v in label_values), np.shape(dome.area_km2)
    )

    def flat(x: ArrayLike) -> np.ndarray:
        return np.broadcast_to(np.asarray(x), shape).ravel()

    n = int(np.prod(shape, dtype=np.int64))
    empty = np.full(n, np.nan)
    columns: dict[str, np.ndarray] = {"scenario": np.full(n, sc.key, dtype=object)}
    for name, value in zip(labels, label_values, strict=False):
        columns[name] = flat(value)
    columns.update(
        rx_alt_km=flat(np.asarray(rx_alt_km, dtype=float)),
        tx_alt_km=flat(np.asarray(tx_alt_km, dtype=float)),
        freq_ghz=flat(np.asarray(freq_hz, dtype=float) / 1e9) if sc.is_uplink else empty,
        diameter_m=flat(np.asarray(diameter_m, dtype=float)) if sc.is_uplink else empty,
        kappa_deg=flat(np.degrees(np.asarray(kappa_rad, dtype=float))) if sc.is_uplink else empty,
        min_elev_deg=empty
        if sc.is_uplink
        else flat(np.degrees(np.asarray(min_elevation_rad, dtype=float))),
        vertex_angle_deg=flat(np.degrees(dome.vertex_angle_rad)),
        area_km2=flat(dome.area_km2),
    )
    order = ["scenario", *labels, *COVERAGE_COLUMNS[1:]]
    return pd.DataFrame(columns)[order]
