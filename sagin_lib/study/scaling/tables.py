"""The scaling chapter's tables as shown."""

from __future__ import annotations

import pandas as pd

from sagin_lib.study.formatting import Table, format_table


def sweep_table(cluster: pd.DataFrame) -> Table:
    """The cluster sweep's coverage columns, formatted for the page."""
    cols = ["n_sats", "n_haps", "coverage_probability", "coverage_semianalytic"]
    return format_table(
        cluster[cols],
        digits=4,
        headers={
            "n_sats": "satellites",
            "n_haps": "HAPS",
            "coverage_probability": "coverage probability (Monte Carlo)",
            "coverage_semianalytic": "coverage probability (semi-analytic)",
        },
        caption="The HAPS coverage sweep of the platforms chapter, run on the cluster",
    )
