"""Helpers of the operations chapter's computations, and part 3: end-to-end latency."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from sagin_lib.model.coverage import downlink_vertex_angle_rad
from sagin_lib.platforms.latency import latency_paths, latency_table

from .spec import HUNDREDS_MS, MS_LEVEL_MS, Params


def _rad(params: Params, name: str) -> float:
    return math.radians(float(params[name]))


def _phi(params: Params, alt_km: float | None = None) -> float:
    h = float(params["haps_alt_km"]) if alt_km is None else alt_km
    return float(downlink_vertex_angle_rad(0.0, h, _rad(params, "min_elevation_deg")))


def _round(df: pd.DataFrame, digits: int = 4) -> pd.DataFrame:
    out = df.copy()
    for col in out.select_dtypes("number").columns:
        out[col] = out[col].round(digits)
    return out


def _words_and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _latency(params: Params, elevation_deg: float) -> pd.DataFrame:
    paths = latency_paths(params["haps_alt_km"], params["leo_alt_km"], params["geo_alt_km"])
    return latency_table(
        paths,
        math.radians(elevation_deg),
        bent_pipe_delay_s=params["bent_pipe_delay_ms"] / 1e3,
        regenerative_processing_s=params["regenerative_processing_ms"] / 1e3,
        queueing_s=params["queueing_ms"] / 1e3,
        mec_compute_s=params["mec_compute_ms"] / 1e3,
    )


def latency_summary(params: Params) -> pd.DataFrame:
    """The latency of each path at the chapter's minimum elevation, ms."""
    return _latency(params, float(params["min_elevation_deg"])).assign(
        min_elevation_deg=float(params["min_elevation_deg"])
    )


def latency_sweep(params: Params) -> pd.DataFrame:
    """Latency of each path against the minimum elevation (figure ``operations-end-to-end-latency``)."""
    grid = sorted({*np.arange(0.0, 61.0, 2.0).tolist(), float(params["min_elevation_deg"])})
    return pd.concat(
        [_latency(params, el).assign(min_elevation_deg=el) for el in grid], ignore_index=True
    )


def latency_conditions(latency: pd.DataFrame) -> dict[str, bool]:
    """Whether each latency claim holds, by claim id (the claims and the sensitivity sweep)."""
    lat = latency.set_index(["path", "architecture"])
    mec = float(lat.loc[("user-HAPS edge server", "MEC at the HAPS"), "round_trip_ms"])
    non_geo = latency[~latency["path"].str.contains("GEO")]
    worst_prop = float((2.0 * non_geo["propagation_one_way_ms"]).max())
    return {
        "operations-mec-ms-level": mec < MS_LEVEL_MS,
        "operations-propagation-under-hundreds-ms": worst_prop < HUNDREDS_MS,
    }


def _max_propagation_ms(latency: pd.DataFrame) -> float:
    """The largest propagation round trip of the paths without GEO, ms."""
    non_geo = latency[~latency["path"].str.contains("GEO")]
    return float(2.0 * non_geo["propagation_one_way_ms"].max())
