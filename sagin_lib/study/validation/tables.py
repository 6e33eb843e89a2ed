"""The validation chapter's tables as the page shows them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from sagin_lib.study.formatting import Table, format_table
from sagin_lib.study.table_output import show_columns
from sagin_lib.study.tables import DOME_DISPLAY_COLUMNS


def domes_display(domes: pd.DataFrame, p: Mapping[str, Any]) -> Table:
    """The domes with the PPP density of each (``mean_nodes / |A|``), formatted."""
    table = domes.assign(density_per_km2=p["mean_nodes"] / domes["area_km2"])
    columns = {
        **DOME_DISPLAY_COLUMNS,
        "area_km2": "area |A| (km²)",
        "density_per_km2": "λ (per km²)",
    }
    return show_columns(table, columns, caption="The six domes and the density λ of each")


def counts_display(counts: pd.DataFrame) -> Table:
    """The counts table, formatted and folded (the figure above shows it)."""
    columns = {
        "scenario": None,
        "sampler": None,
        "region": None,
        "mean_count": None,
        "ci95_low_count": "95% CI, low",
        "ci95_high_count": "95% CI, high",
        "expected_count": "expected λ|A|",
        "z": "z of the mean",
    }
    return show_columns(
        counts,
        columns,
        missing="no spread among the realisations",
        caption="Mean counts per scenario, region and sampler",
        fold_rows=0,
    )


def ks_display(ks: pd.DataFrame, order: list[str]) -> Table:
    """KS p-values, one row per scenario, one column per (sampler, variable), folded."""
    wide = ks.pivot_table(
        index="scenario", columns=["sampler", "variable"], values="p_value", dropna=False
    ).reindex(order)
    wide.columns = [f"{sampler}, {variable}" for sampler, variable in wide.columns]
    wide = wide.reset_index()
    return format_table(
        wide,
        p_values=[c for c in wide.columns if c != "scenario"],
        missing="no nodes drawn",
        caption="KS p-values per scenario (the figure above)",
        fold_rows=0,
    )


def nn_display(nn: pd.DataFrame, order: list[str]) -> Table:
    """Largest ``|z|`` of the nearest-neighbour function per scenario and sampler, folded."""
    worst = nn.groupby(["scenario", "sampler"], sort=False)["z"].agg(lambda z: z.abs().max())
    wide = worst.unstack().reindex(order)
    wide.columns = [f"{sampler}, largest |z|" for sampler in wide.columns]
    return format_table(
        wide.reset_index(),
        digits=3,
        missing="no spread among the realisations",
        caption="Largest |z| of G over the distances, per scenario and sampler",
        fold_rows=0,
    )


def matern_display(matern: pd.DataFrame) -> Table:
    """The columns of the Matern II table a reader needs, formatted."""
    columns = {
        "parent_density_per_km2": "parent density λₚ (per km²)",
        "mean_count": None,
        "expected_count": None,
        "z": "z of the mean",
        "min_distance_km": "closest pair (km)",
    }
    return show_columns(
        matern,
        columns,
        missing={
            "z": "no spread among the realisations",
            "min_distance_km": "no realisation held two nodes",
        },
    )


def thomas_display(thomas_k: pd.DataFrame) -> Table:
    """Ripley's K of the Thomas process against theory, formatted and folded."""
    columns = {
        "distance_km": "distance d (km)",
        "k_mean_km2": "K(d), Monte Carlo (km²)",
        "k_se_km2": "standard error (km²)",
        "k_theory_km2": "K(d), theory (km²)",
        "excess_mean_km2": "K(d) − a(d), Monte Carlo (km²)",
        "excess_theory_km2": "K(d) − a(d), theory (km²)",
        "z": None,
    }
    return show_columns(
        thomas_k,
        columns,
        missing="no pair of nodes observed",
        caption="Ripley's K of the Thomas process per distance (the figure above)",
        fold_rows=0,
    )
