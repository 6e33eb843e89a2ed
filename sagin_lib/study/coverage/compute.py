"""The coverage chapter's computations: the curves, the domes of Fig. 3 and of the insights, as tidy tables."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from sagin_lib.model.constants import EARTH_RADIUS_KM, SPEED_OF_LIGHT_M_S
from sagin_lib.model.coverage import (
    beamwidth_rad,
    coverage_dome,
    dome_arc_radius_km,
    dome_area_km2,
    flat_disc_area_km2,
    uplink_vertex_angle_rad,
)
from sagin_lib.model.scenarios import DOWNLINKS
from sagin_lib.study.tables import coverage_table


class Case(NamedTuple):
    """One curve of the chapter: a scenario at one platform's altitude."""

    scenario: str
    platform: str
    rx_alt_km: float
    tx_alt_km: float
    diameter_m: float | None


def uplink_cases(p: Mapping[str, Any]) -> list[Case]:
    """The uplink curves: G2A for UAV and HAP receivers, A2S and G2S for three orbits."""
    sats = [("LEO", p["leo_alt_km"]), ("MEO", p["meo_alt_km"]), ("GEO", p["geo_alt_km"])]
    d_air, d_sat = p["aerial_diameter_m"], p["satellite_diameter_m"]
    return [
        Case("G2A", "UAV", p["uav_alt_km"], 0.0, d_air),
        Case("G2A", "HAP", p["haps_alt_km"], 0.0, d_air),
        *(Case("A2S", n, alt, p["air_alt_km"], d_sat) for n, alt in sats),
        *(Case("G2S", n, alt, 0.0, d_sat) for n, alt in sats),
    ]


def downlink_cases(p: Mapping[str, Any]) -> list[Case]:
    """The downlink curves: A2G from UAV and HAP, S2A and S2G from three orbits."""
    sats = [("LEO", p["leo_alt_km"]), ("MEO", p["meo_alt_km"]), ("GEO", p["geo_alt_km"])]
    return [
        Case("A2G", "UAV", 0.0, p["uav_alt_km"], None),
        Case("A2G", "HAP", 0.0, p["haps_alt_km"], None),
        *(Case("S2A", n, p["air_alt_km"], alt, None) for n, alt in sats),
        *(Case("S2G", n, 0.0, alt, None) for n, alt in sats),
    ]


def cases_frame(p: Mapping[str, Any]) -> pd.DataFrame:
    """Every curve of the chapter as a table (scenario, platform, altitudes, dish)."""
    rows = [c._asdict() for c in (*uplink_cases(p), *downlink_cases(p))]
    return pd.DataFrame(rows).rename(columns={"diameter_m": "dish_diameter_m"})


def _freqs_hz(p: Mapping[str, Any]) -> np.ndarray:
    return np.geomspace(p["freq_min_ghz"], p["freq_max_ghz"], p["freq_points"]) * 1e9


def _elevs_rad(p: Mapping[str, Any]) -> np.ndarray:
    return np.radians(np.linspace(p["elev_min_deg"], p["elev_max_deg"], p["elev_points"]))


def uplink_frequency_table(p: Mapping[str, Any]) -> pd.DataFrame:
    """Dome of every uplink curve against the swept carrier frequency."""
    kappa_rad = np.radians(p["kappa_deg"])
    return pd.concat(
        [
            coverage_table(c.scenario, rx_alt_km=c.rx_alt_km, tx_alt_km=c.tx_alt_km,
                           freq_hz=_freqs_hz(p), diameter_m=c.diameter_m, kappa_rad=kappa_rad,
                           rx_platform=c.platform)
            for c in uplink_cases(p)
        ],
        ignore_index=True,
    )  # fmt: skip


def downlink_elevation_table(p: Mapping[str, Any]) -> pd.DataFrame:
    """Dome of every downlink curve against the swept minimum elevation."""
    return pd.concat(
        [
            coverage_table(c.scenario, rx_alt_km=c.rx_alt_km, tx_alt_km=c.tx_alt_km,
                           min_elevation_rad=_elevs_rad(p), tx_platform=c.platform)
            for c in downlink_cases(p)
        ],
        ignore_index=True,
    )  # fmt: skip


def altitude_table(p: Mapping[str, Any]) -> pd.DataFrame:
    """Dome of each scenario against the receiver (uplinks) or transmitter (downlinks) altitude.

    Aerial altitudes run from a third of the UAV's to three times the HAP's;
    space altitudes from twice the aerial layer (at least 150 km) to 1.2 times GEO.
    """
    air = np.geomspace(max(p["uav_alt_km"] / 3, 0.01), 3 * p["haps_alt_km"], 80)
    space = np.geomspace(max(2 * p["air_alt_km"], 150.0), 1.2 * p["geo_alt_km"], 120)
    up = dict(freq_hz=p["freq_ghz"] * 1e9, kappa_rad=np.radians(p["kappa_deg"]),
              swept="rx_alt_km")  # fmt: skip
    down = dict(min_elevation_rad=np.radians(p["min_elevation_deg"]), swept="tx_alt_km")
    d_air, d_sat, h_air = p["aerial_diameter_m"], p["satellite_diameter_m"], p["air_alt_km"]
    return pd.concat(
        [
            coverage_table("G2A", rx_alt_km=air, tx_alt_km=0.0, diameter_m=d_air, **up),
            coverage_table("A2S", rx_alt_km=space, tx_alt_km=h_air, diameter_m=d_sat, **up),
            coverage_table("G2S", rx_alt_km=space, tx_alt_km=0.0, diameter_m=d_sat, **up),
            coverage_table("A2G", rx_alt_km=0.0, tx_alt_km=air, **down),
            coverage_table("S2A", rx_alt_km=h_air, tx_alt_km=space, **down),
            coverage_table("S2G", rx_alt_km=0.0, tx_alt_km=space, **down),
        ],
        ignore_index=True,
    )


def uplink_cases_table(p: Mapping[str, Any]) -> pd.DataFrame:
    """Half beamwidth against each uplink receiver's tangent angle, down to 50 MHz.

    Case 1 of Proposition 1 (the beam covers the whole visible cap) holds where
    the half beamwidth ``b`` reaches the tangent angle ``g``, i.e. below
    ``case1_below_ghz = kappa c / (2 g D)``.
    """
    kappa_rad = np.radians(p["kappa_deg"])
    low_hz = np.geomspace(min(0.05, p["freq_min_ghz"]) * 1e9, p["freq_max_ghz"] * 1e9, 200)
    frames = []
    for c in uplink_cases(p):
        tangent_rad = np.pi / 2 - float(
            uplink_vertex_angle_rad(c.rx_alt_km, c.tx_alt_km, 2 * np.pi)
        )
        tangent_deg = np.degrees(tangent_rad)
        frames.append(
            pd.DataFrame(
                {
                    "scenario": c.scenario,
                    "rx_platform": c.platform,
                    "rx_alt_km": c.rx_alt_km,
                    "tx_alt_km": c.tx_alt_km,
                    "diameter_m": c.diameter_m,
                    "freq_ghz": low_hz / 1e9,
                    "half_beamwidth_deg": np.degrees(
                        beamwidth_rad(low_hz, c.diameter_m, kappa_rad) / 2
                    ),
                    "tangent_angle_deg": tangent_deg,
                    "case1_below_ghz": float(beamwidth_rad(1.0, c.diameter_m, kappa_rad))
                    / (2 * np.radians(tangent_deg))
                    / 1e9,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def case1_limits(cases: pd.DataFrame) -> pd.DataFrame:
    """The frequency below which each uplink receiver is in case 1, one row per receiver."""
    limits = cases.groupby(["scenario", "rx_platform"], sort=False)["case1_below_ghz"].first()
    return limits.rename("case 1 below (GHz)").to_frame()


def point_domes(p: Mapping[str, Any]) -> pd.DataFrame:
    """The dome of every curve at the point frequency and point minimum elevation."""
    kappa_rad = np.radians(p["kappa_deg"])
    up = [
        coverage_table(c.scenario, rx_alt_km=c.rx_alt_km, tx_alt_km=c.tx_alt_km,
                       freq_hz=p["freq_ghz"] * 1e9, diameter_m=c.diameter_m,
                       kappa_rad=kappa_rad, platform=c.platform)
        for c in uplink_cases(p)
    ]  # fmt: skip
    down = [
        coverage_table(c.scenario, rx_alt_km=c.rx_alt_km, tx_alt_km=c.tx_alt_km,
                       min_elevation_rad=np.radians(p["min_elevation_deg"]), platform=c.platform)
        for c in downlink_cases(p)
    ]  # fmt: skip
    points = pd.concat([*up, *down], ignore_index=True)
    phi = np.radians(points["vertex_angle_deg"].to_numpy())
    points["flat_area_km2"] = flat_disc_area_km2(points["tx_alt_km"].to_numpy(), phi)
    points["flat_to_dome_area_ratio"] = points["flat_area_km2"] / points["area_km2"]
    return points


def dome_vs_flat_table(points: pd.DataFrame) -> pd.DataFrame:
    """The curve ``1 - flat/dome`` against the vertex angle, and the scenarios' points."""
    phi_deg = np.geomspace(1e-4, 90.0, 300)
    curve = pd.DataFrame(
        {
            "vertex_angle_deg": phi_deg,
            "flat_to_dome_area_ratio": flat_disc_area_km2(0.0, np.radians(phi_deg))
            / dome_area_km2(0.0, np.radians(phi_deg)),
        }
    )
    return pd.concat(
        [curve.assign(kind="curve"), points.assign(kind="scenario")], ignore_index=True
    )


def summary_table(points: pd.DataFrame) -> pd.DataFrame:
    """The dome of each scenario and platform at the point parameters, with its arc radius."""
    cols = ["scenario", "platform", "rx_alt_km", "tx_alt_km", "vertex_angle_deg", "area_km2"]
    summary = points[cols].copy()
    summary["arc_radius_km"] = dome_arc_radius_km(
        summary["tx_alt_km"].to_numpy(), np.radians(summary["vertex_angle_deg"].to_numpy())
    )
    return summary


def _by(table: pd.DataFrame, platform_col: str, x: str) -> pd.Series:
    return table.set_index(["scenario", platform_col, x])["area_km2"]


def _orders_smaller(small: pd.Series, large: pd.Series, level: str) -> tuple[float, float]:
    """Fewest and most orders of magnitude between the small and the large domes, over x."""
    fewest = np.log10(large.groupby(level=level).min() / small.groupby(level=level).max())
    most = np.log10(large.groupby(level=level).max() / small.groupby(level=level).min())
    return float(fewest.min()), float(most.max())


#
# The coverage paper closes Sec. III-B and Sec. IV-B with "Insights". Insight 2: raising
# the receiver enlarges the dome (for all six scenarios). Insight 3: downlink domes are
# larger than uplink domes. And Sec. III-B: the higher the aerial layer, the clearer the
# difference between the A2S and G2S domes. Each is computed here over its own sweep.

#: Layer pairs of Insight 3: (uplink, downlink) between the same two layers.
LAYER_PAIRS: tuple[tuple[str, str, str], ...] = (
    ("G2A", "A2G", "ground-air"),
    ("A2S", "S2A", "air-space"),
    ("G2S", "S2G", "ground-space"),
)

#: Points of the aerial-layer sweep and of the downlink receiver sweep (log-spaced).
AIR_SWEEP_POINTS = 100

RX_SWEEP_POINTS = 80

#: Lowest raised downlink receiver (km); the ground (0 km) is added to the sweep.
RX_SWEEP_LOW_KM = 0.01

#: Lowest frequency of the Insight 3 figure (GHz), whatever the chapter's sweep.
INSIGHT3_LOW_GHZ = 0.05


def _sats(p: Mapping[str, Any]) -> list[tuple[str, float]]:
    return [("LEO", p["leo_alt_km"]), ("MEO", p["meo_alt_km"]), ("GEO", p["geo_alt_km"])]


def _rx_sweep_km(top_km: float, extra_km: float | None = None) -> np.ndarray:
    """Receiver altitudes from the ground (0 km) up to ``top_km``, log-spaced above 10 m."""
    raised = np.geomspace(min(RX_SWEEP_LOW_KM, top_km / 10), top_km, RX_SWEEP_POINTS)
    extra = [] if extra_km is None or extra_km >= top_km else [extra_km]
    return np.unique(np.concatenate([[0.0], raised, extra]))


def insight2_table(p: Mapping[str, Any]) -> pd.DataFrame:
    """Dome area of all six scenarios against the *receiver's* altitude.

    Uplinks (at the point frequency): the G2A receiver over aerial altitudes, the A2S
    and G2S receivers over space altitudes (the ranges of :func:`altitude_table`).
    Downlinks (at the point minimum elevation): an A2G receiver raised from the ground
    towards HAP transmitters, and a receiver raised from the ground (S2G, 0 km) into
    the air (S2A, rows above 0 km) under LEO, MEO and GEO transmitters, up to three
    times the HAP altitude (at most 90 % of LEO). Column ``curve`` names each curve;
    ``area_to_ground_receiver_ratio`` divides a downlink dome by that of the same
    curve's ground receiver (empty for uplinks).
    """
    air = np.geomspace(max(p["uav_alt_km"] / 3, 0.01), 3 * p["haps_alt_km"], 80)
    space = np.geomspace(max(2 * p["air_alt_km"], 150.0), 1.2 * p["geo_alt_km"], 120)
    up = dict(freq_hz=p["freq_ghz"] * 1e9, kappa_rad=np.radians(p["kappa_deg"]))
    elev = np.radians(p["min_elevation_deg"])
    d_air, d_sat, h_air = p["aerial_diameter_m"], p["satellite_diameter_m"], p["air_alt_km"]
    frames = [
        coverage_table("G2A", rx_alt_km=air, tx_alt_km=0.0, diameter_m=d_air, curve="G2A", **up),
        coverage_table("A2S", rx_alt_km=space, tx_alt_km=h_air, diameter_m=d_sat, curve="A2S",
                       **up),
        coverage_table("G2S", rx_alt_km=space, tx_alt_km=0.0, diameter_m=d_sat, curve="G2S",
                       **up),
        coverage_table("A2G", rx_alt_km=_rx_sweep_km(0.99 * p["haps_alt_km"]),
                       tx_alt_km=p["haps_alt_km"], min_elevation_rad=elev, curve="A2G from HAP"),
    ]  # fmt: skip
    top = min(max(3 * p["haps_alt_km"], 1.5 * h_air), 0.9 * p["leo_alt_km"])
    rx = _rx_sweep_km(top, h_air)
    for name, alt in _sats(p):
        label = f"S2G/S2A from {name}"
        frames.append(coverage_table("S2G", rx_alt_km=0.0, tx_alt_km=alt,
                                     min_elevation_rad=elev, curve=label))  # fmt: skip
        frames.append(coverage_table("S2A", rx_alt_km=rx[1:], tx_alt_km=alt,
                                     min_elevation_rad=elev, curve=label))  # fmt: skip
    table = pd.concat(frames, ignore_index=True)
    ground = table[table["rx_alt_km"] == 0.0].set_index("curve")["area_km2"]
    table["area_to_ground_receiver_ratio"] = table["area_km2"] / table["curve"].map(ground)
    return table


def insight2_figure_data(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`insight2_table` that the Insight 2 figure plots: the downlinks.

    The uplink rows are the left panel of the altitude figure (the same altitudes),
    so the Insight 2 figure shows only what it adds.
    """
    return table[table["scenario"].isin(DOWNLINKS)].reset_index(drop=True)


def _curves(table: pd.DataFrame, keys: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    rows = table[table["scenario"].isin(keys)]
    return {name: grp.sort_values("rx_alt_km") for name, grp in rows.groupby("curve", sort=False)}


def uplink_crossover_ghz(
    rx_alt_km: float, tx_alt_km: float, diameter_m: float, kappa_rad: float, area_km2: float
) -> float:
    """Frequency (GHz) below which an uplink dome is larger than ``area_km2``.

    The uplink dome shrinks as the frequency rises (case 2) and stays at the tangent
    cap below the case-1 limit. Solving ``|A(f)| = area_km2`` for the vertex angle
    ``phi`` and then the rim's law of sines ``sin(b + phi) = (R_r / R_t) sin(b)`` for
    the half beamwidth ``b = atan2(sin(phi), R_r / R_t - cos(phi))`` gives the beam
    ``2 b = kappa c / (f D)`` and so ``f``. Returns 0 when ``area_km2`` is at least the
    tangent cap (the uplink dome is never the larger).
    """
    r_t = EARTH_RADIUS_KM + tx_alt_km
    r_r = EARTH_RADIUS_KM + rx_alt_km
    s2 = area_km2 / (4 * math.pi * r_t**2)  # sin^2(phi / 2)
    tangent_s2 = (rx_alt_km - tx_alt_km) / (2 * r_r)  # sin^2(phi_tangent / 2)
    if s2 >= tangent_s2:
        return 0.0
    phi = 2 * math.asin(math.sqrt(s2))
    # R_r / R_t - cos(phi) without subtracting two Earth-sized numbers.
    b = math.atan2(math.sin(phi), ((rx_alt_km - tx_alt_km) + 2 * r_t * s2) / r_t)
    return kappa_rad * SPEED_OF_LIGHT_M_S / (2 * b * diameter_m) / 1e9


def insight3_table(p: Mapping[str, Any]) -> pd.DataFrame:
    """Downlink over uplink dome area between the same two layers, against frequency.

    One curve per layer pair and platform: G2A/A2G for UAV and HAP, A2S/S2A and
    G2S/S2G for LEO, MEO and GEO. The uplink dome is computed over the chapter's
    frequency sweep extended down to 50 MHz (``in_sweep`` marks the swept
    frequencies), the downlink dome at the point minimum elevation; ``case`` is the
    uplink's case of Proposition 1 and ``crossover_ghz`` the frequency below which
    the uplink dome is the larger (0: never).
    """
    swept = _freqs_hz(p)
    low = np.geomspace(min(INSIGHT3_LOW_GHZ, p["freq_min_ghz"]) * 1e9, swept[-1], 200)
    freqs = np.union1d(low, swept)
    kappa_rad = np.radians(p["kappa_deg"])
    elev = np.radians(p["min_elevation_deg"])
    pair_of = {u: (d, name) for u, d, name in LAYER_PAIRS}
    frames = []
    for cu, cd in zip(uplink_cases(p), downlink_cases(p), strict=True):
        # uplink_cases and downlink_cases list the same layer pairs and platforms in order.
        _, pair = pair_of[cu.scenario]
        uplink = coverage_dome(cu.scenario, rx_alt_km=cu.rx_alt_km, tx_alt_km=cu.tx_alt_km,
                               freq_hz=freqs, diameter_m=cu.diameter_m, kappa_rad=kappa_rad)  # fmt: skip
        downlink = coverage_dome(cd.scenario, rx_alt_km=cd.rx_alt_km, tx_alt_km=cd.tx_alt_km,
                                 min_elevation_rad=elev)  # fmt: skip
        down_area = float(downlink.area_km2)
        half_beam = beamwidth_rad(freqs, cu.diameter_m, kappa_rad) / 2
        tangent = math.asin((EARTH_RADIUS_KM + cu.tx_alt_km) / (EARTH_RADIUS_KM + cu.rx_alt_km))
        frames.append(
            pd.DataFrame(
                {
                    "layer_pair": pair,
                    "uplink": cu.scenario,
                    "downlink": cd.scenario,
                    "platform": cu.platform,
                    "freq_ghz": freqs / 1e9,
                    "in_sweep": np.isin(freqs, swept),
                    "case": np.where(half_beam >= tangent, 1, 2),
                    "min_elev_deg": p["min_elevation_deg"],
                    "uplink_area_km2": uplink.area_km2,
                    "downlink_area_km2": down_area,
                    "downlink_to_uplink_area_ratio": down_area / uplink.area_km2,
                    "crossover_ghz": uplink_crossover_ghz(
                        cu.rx_alt_km, cu.tx_alt_km, cu.diameter_m, float(kappa_rad), down_area
                    ),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def air_altitude_gap_table(p: Mapping[str, Any]) -> pd.DataFrame:
    """A2S against G2S (and S2A against S2G) for an aerial layer swept from UAV to HAP heights.

    For each satellite (LEO, MEO, GEO) the aerial layer runs log-spaced from
    ``air_sweep_min_km`` to ``air_sweep_max_km``; uplinks at the point frequency,
    downlinks at the point minimum elevation. The G2S and S2G domes do not depend on
    the aerial layer.
    """
    h_air = np.geomspace(p["air_sweep_min_km"], p["air_sweep_max_km"], AIR_SWEEP_POINTS)
    up = dict(freq_hz=p["freq_ghz"] * 1e9, diameter_m=p["satellite_diameter_m"],
              kappa_rad=np.radians(p["kappa_deg"]))  # fmt: skip
    elev = np.radians(p["min_elevation_deg"])
    frames = []
    for name, alt in _sats(p):
        a2s = coverage_dome("A2S", rx_alt_km=alt, tx_alt_km=h_air, **up).area_km2
        g2s = float(coverage_dome("G2S", rx_alt_km=alt, tx_alt_km=0.0, **up).area_km2)
        s2a = coverage_dome("S2A", rx_alt_km=h_air, tx_alt_km=alt, min_elevation_rad=elev).area_km2
        s2g = float(coverage_dome("S2G", rx_alt_km=0.0, tx_alt_km=alt,
                                  min_elevation_rad=elev).area_km2)  # fmt: skip
        frames.append(
            pd.DataFrame(
                {
                    "satellite": name,
                    "sat_alt_km": alt,
                    "air_alt_km": h_air,
                    "freq_ghz": p["freq_ghz"],
                    "min_elev_deg": p["min_elevation_deg"],
                    "a2s_area_km2": a2s,
                    "g2s_area_km2": g2s,
                    "g2s_over_a2s_excess_pct": 100 * (g2s / a2s - 1),
                    "s2a_area_km2": s2a,
                    "s2g_area_km2": s2g,
                    "s2g_over_s2a_excess_pct": 100 * (s2g / s2a - 1),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)
