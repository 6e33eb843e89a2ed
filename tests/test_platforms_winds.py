"""sagin_lib.platforms.winds: the tabulated stratospheric wind near 20 km."""

from __future__ import annotations

import numpy as np
import pytest

from sagin_lib.platforms.winds import (
    WIND_LATITUDES_DEG,
    WIND_MONTH_DAYS,
    WIND_SOURCE,
    WIND_SPREAD_50HPA,
    ZONAL_WIND_50HPA,
    design_wind_speed_m_s,
    wind_climatology_table,
)


def test_the_table_is_reproduced_at_its_nodes() -> None:
    lat = np.radians(np.asarray(WIND_LATITUDES_DEG))
    for m, day in enumerate(WIND_MONTH_DAYS):
        np.testing.assert_allclose(
            design_wind_speed_m_s(lat, day, n_sigma=0.0), np.abs(ZONAL_WIND_50HPA[m]), atol=1e-12
        )
        np.testing.assert_allclose(
            design_wind_speed_m_s(lat, day, n_sigma=1.0),
            np.abs(ZONAL_WIND_50HPA[m]) + np.asarray(WIND_SPREAD_50HPA[m]),
        )


def test_winter_westerlies_are_stronger_than_summer_winds_at_mid_latitudes() -> None:
    lat = np.radians(50.0)
    assert design_wind_speed_m_s(lat, 15, 0.0) > design_wind_speed_m_s(lat, 196, 0.0)
    # The southern hemisphere is the northern one half a year later.
    assert float(design_wind_speed_m_s(-lat, 198, 1.0)) == pytest.approx(
        float(design_wind_speed_m_s(lat, 15, 1.0))
    )


def test_the_year_wraps_and_broadcasts() -> None:
    days = np.arange(1, 366)
    w = design_wind_speed_m_s(np.radians([[0.0], [40.0]]), days[None, :])
    assert w.shape == (2, 365) and np.all(w >= 0.0)
    assert abs(w[1, 0] - w[1, -1]) < 1.0  # 31 December and 1 January agree


def test_table_and_source() -> None:
    table = wind_climatology_table()
    assert len(table) == 4 * len(WIND_LATITUDES_DEG)
    assert "CIRA-86" in WIND_SOURCE and "Baldwin" in WIND_SOURCE


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((2.0, 100, 1.0), "latitude_rad"),
        ((0.0, 0, 1.0), "day_of_year"),
        ((0.0, 100, -1.0), "n_sigma"),
    ],
)
def test_bad_input(args: tuple, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        design_wind_speed_m_s(*args)
