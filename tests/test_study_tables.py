"""sagin_lib.study.tables: tidy tables of coverage domes."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest

from sagin_lib.study.tables import COVERAGE_COLUMNS, DIRECTION_SPECIFIC_COLUMNS, coverage_table


def test_an_uplink_table_has_one_row_per_point_with_units_in_column_names() -> None:
    table = coverage_table(
        "G2S",
        rx_alt_km=np.array([600.0, 10_000.0])[:, None],
        tx_alt_km=0.0,
        freq_hz=np.array([1e9, 2e9, 4e9]),
        diameter_m=2.0,
        platform=np.array(["LEO", "MEO"])[:, None],
    )
    assert list(table.columns) == ["scenario", "platform", *COVERAGE_COLUMNS[1:]]
    assert len(table) == 6 and (table["scenario"] == "G2S").all()
    # C order: the frequency runs fastest, the label follows its altitude.
    assert table["freq_ghz"].tolist() == [1.0, 2.0, 4.0] * 2
    assert table["platform"].tolist() == ["LEO"] * 3 + ["MEO"] * 3
    assert table["min_elev_deg"].isna().all() and table["kappa_deg"].eq(70.0).all()
    # The area of one row against the closed form evaluated independently (50 digits).
    mp.mp.dps = 50
    r_e = mp.mpf(6371)
    b = mp.radians(70) * mp.mpf(299_792_458) / (mp.mpf(2e9) * 2) / 2
    phi = mp.asin((r_e + 600) * mp.sin(b) / r_e) - b
    area = 2 * mp.pi * r_e**2 * (1 - mp.cos(phi))
    row = table.iloc[1]
    assert row["vertex_angle_deg"] == pytest.approx(float(mp.degrees(phi)), rel=1e-12)
    assert row["area_km2"] == pytest.approx(float(area), rel=1e-12)


def test_a_downlink_table_leaves_the_uplink_columns_empty() -> None:
    table = coverage_table(
        "S2G", rx_alt_km=0.0, tx_alt_km=600.0, min_elevation_rad=np.radians([0.0, 10.0, 45.0])
    )
    assert table[["freq_ghz", "diameter_m", "kappa_deg"]].isna().all().all()
    assert table["min_elev_deg"].tolist() == pytest.approx([0.0, 10.0, 45.0])
    # At the horizon the dome reaches the tangent circle: cos(phi) = R_e / (R_e + h).
    assert math.radians(table["vertex_angle_deg"].iloc[0]) == pytest.approx(
        math.acos(6371 / 6971), rel=1e-13
    )
    assert table["area_km2"].is_monotonic_decreasing
    assert set(DIRECTION_SPECIFIC_COLUMNS) <= set(table.columns)


def test_bad_input_is_refused_by_the_model() -> None:
    with pytest.raises(ValueError, match="min_elevation_rad is required"):
        coverage_table("S2G", rx_alt_km=0.0, tx_alt_km=600.0)
    with pytest.raises(ValueError, match="scenario must be one of"):
        coverage_table("X", rx_alt_km=0.0, tx_alt_km=600.0)
