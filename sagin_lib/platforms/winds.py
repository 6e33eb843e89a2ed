"""Stratospheric wind near 20 km by latitude and season, for airship station keeping.

An airship holds station by flying into the wind at the wind's speed, and its
propulsion power grows as the cube of that speed
(:func:`sagin_lib.platforms.airframe.airship_propulsion_power_w`). One speed for
every latitude and season hides the regime that decides the verdict, so the
energy budget takes the wind from a climatology.

The table. :data:`ZONAL_WIND_50HPA` holds the zonal-mean zonal wind at the
50 hPa level (about 20.6 km in the standard atmosphere, the layer of the
stratospheric wind minimum that HAPS operators aim for), northern hemisphere,
at 0-70 deg N every 10 deg, for the middle of January, April, July and October.
The values follow the pattern of the monthly latitude-height sections of the
COSPAR International Reference Atmosphere, CIRA-86 (Fleming, Chandra, Barnett
and Corney, Adv. Space Res. 10(12), 11-59, 1990), rounded to 5 m/s: westerlies
of 10-20 m/s in the winter extratropics (the base of the polar-night jet), weak
easterlies in summer, easterlies of about 10 m/s over the tropics. They are the
study's approximate reading of that climatology, not a cell-by-cell
transcription of its tables: treat them as our choice, good to a few m/s. The
spread, and the chapter's sensitivity sweep of the design wind from the mean
(``n_sigma`` 0) to a windy day (``n_sigma`` 2), cover that uncertainty.

The spread. :data:`WIND_SPREAD_50HPA` is the standard deviation of the daily
wind speed about that mean that the airship meets: near the equator the
quasi-biennial oscillation, whose zonal wind at 50 hPa swings by about
+/-15-20 m/s between its phases (Baldwin et al., Rev. Geophys. 39(2), 179-229,
2001), is taken as 12 m/s; elsewhere planetary waves and sudden warmings in
winter (8 m/s poleward of 40 deg) and quiet summers (4 m/s) are the study's
estimates. A design wind is the mean speed plus ``n_sigma`` spreads
(:func:`design_wind_speed_m_s`; ``n_sigma`` is the chapter's choice).

The southern hemisphere is taken as the northern one half a year later.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from sagin_lib._checks import FloatArray, check_interval, check_nonnegative

__all__ = [
    "WIND_LATITUDES_DEG",
    "WIND_MONTH_DAYS",
    "WIND_SOURCE",
    "WIND_SPREAD_50HPA",
    "ZONAL_WIND_50HPA",
    "design_wind_speed_m_s",
    "wind_climatology_table",
]

#: Where the table's values come from (for the chapter's assumptions table).
WIND_SOURCE: str = (
    "our approximate reading, to 5 m/s, of the CIRA-86 zonal-mean zonal wind at 50 hPa "
    "(Fleming et al. 1990); spread: QBO near the equator (Baldwin et al. 2001), "
    "study estimate elsewhere"
)
#: Latitudes of the table, deg N.
WIND_LATITUDES_DEG: tuple[float, ...] = (0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0)
#: Day of year of the middle of January, April, July and October.
WIND_MONTH_DAYS: tuple[int, ...] = (15, 105, 196, 288)
#: Zonal-mean zonal wind at 50 hPa, m/s (west to east positive), rows by month
#: (Jan, Apr, Jul, Oct), columns by latitude (:data:`WIND_LATITUDES_DEG`).
ZONAL_WIND_50HPA: tuple[tuple[float, ...], ...] = (
    (-10.0, -5.0, 0.0, 10.0, 15.0, 15.0, 15.0, 15.0),
    (-5.0, -5.0, 0.0, 5.0, 5.0, 5.0, 5.0, 0.0),
    (-10.0, -15.0, -10.0, -5.0, -5.0, -5.0, -5.0, -5.0),
    (-5.0, -5.0, -5.0, 0.0, 5.0, 5.0, 10.0, 10.0),
)
#: Spread (standard deviation) of the daily wind speed about the mean, m/s, same layout.
WIND_SPREAD_50HPA: tuple[tuple[float, ...], ...] = (
    (12.0, 8.0, 5.0, 6.0, 8.0, 8.0, 8.0, 8.0),
    (12.0, 8.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0),
    (12.0, 8.0, 5.0, 4.0, 4.0, 4.0, 4.0, 4.0),
    (12.0, 8.0, 5.0, 5.0, 6.0, 6.0, 6.0, 6.0),
)


def _interp_table(
    table: tuple[tuple[float, ...], ...], latitude_deg: np.ndarray, day: np.ndarray
) -> np.ndarray:
    """Linear in |latitude| and, periodically, in the day of year."""
    values = np.asarray(table, dtype=float)  # (4 months, n_lat)
    lats = np.asarray(WIND_LATITUDES_DEG)
    months = np.asarray(WIND_MONTH_DAYS, dtype=float)
    ext_days = np.r_[months[-1] - 365.0, months, months[0] + 365.0]
    ext = np.concatenate([values[-1:], values, values[:1]])  # (6, n_lat)
    k = np.clip(np.searchsorted(ext_days, day) - 1, 0, len(ext_days) - 2)
    w = (day - ext_days[k]) / (ext_days[k + 1] - ext_days[k])
    at = np.stack([np.interp(latitude_deg, lats, row) for row in ext])  # (6, ...)
    lo = np.take_along_axis(at, k[None, ...], axis=0)[0]
    hi = np.take_along_axis(at, (k + 1)[None, ...], axis=0)[0]
    return (1.0 - w) * lo + w * hi


def design_wind_speed_m_s(
    latitude_rad: ArrayLike, day_of_year: ArrayLike, n_sigma: float = 1.0
) -> FloatArray:
    """Wind speed an airship must stem near 20 km: ``|u| + n_sigma * sigma``.

    ``u`` and ``sigma`` are :data:`ZONAL_WIND_50HPA` and
    :data:`WIND_SPREAD_50HPA`, linear in latitude and periodically in the day
    of year between the middles of January, April, July and October; latitudes
    beyond 70 deg take the 70 deg value; the southern hemisphere takes the
    northern one 182 days later.

    Parameters
    ----------
    latitude_rad : array_like
        Latitude, rad, in ``[-pi/2, pi/2]``.
    day_of_year : array_like
        Day of the year, in ``[1, 366]`` (broadcast with ``latitude_rad``).
    n_sigma : float, optional
        Spreads added to the mean speed, >= 0 (0: the climatological mean).

    Returns
    -------
    numpy.ndarray
        Speed, m/s, shaped like the broadcast inputs.

    Examples
    --------
    >>> design_wind_speed_m_s(np.radians([0.0, 40.0]), 15, n_sigma=0.0).tolist()
    [10.0, 15.0]
    >>> float(design_wind_speed_m_s(np.radians(-40.0), 198, n_sigma=1.0))  # southern winter
    23.0
    """
    lat = check_interval(
        "latitude_rad", latitude_rad, -math.pi / 2, math.pi / 2, description="[-pi/2, pi/2]"
    )
    day = check_interval("day_of_year", day_of_year, 1.0, 366.0)
    k = float(check_nonnegative("n_sigma", n_sigma))
    lat_deg = np.degrees(lat)
    south = lat_deg < 0.0
    day_n = np.where(south, (day - 1.0 + 182.0) % 365.0 + 1.0, day)
    a = np.abs(lat_deg)
    a, day_n = (np.array(x, dtype=float) for x in np.broadcast_arrays(a, day_n))
    mean = np.abs(_interp_table(ZONAL_WIND_50HPA, a, day_n))
    spread = _interp_table(WIND_SPREAD_50HPA, a, day_n)
    return mean + k * spread


def wind_climatology_table() -> pd.DataFrame:
    """The tabulated climatology, one row per month and latitude (m/s)."""
    rows = []
    names = ("January", "April", "July", "October")
    for m, name in enumerate(names):
        for j, lat in enumerate(WIND_LATITUDES_DEG):
            rows.append(
                {
                    "month": name,
                    "latitude_deg": lat,
                    "zonal_wind_m_s": ZONAL_WIND_50HPA[m][j],
                    "spread_m_s": WIND_SPREAD_50HPA[m][j],
                }
            )
    return pd.DataFrame(rows)
