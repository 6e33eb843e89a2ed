"""The coverage chapter: Fig. 3 of the coverage paper, its stated trends as claims.

The chapter sweeps the dome of the six scenarios against the carrier frequency
(uplinks), the receiver's minimum elevation (downlinks) and the layers'
altitudes, compares the two uplink cases of Proposition 1 and the dome with
the flat disc of the same rim, and checks the paper's insights: Insight 2 (a
higher receiver, a larger dome) for all six scenarios, Insight 3 (downlink domes
larger than uplink domes) across layer pairs and frequencies, and the growing
difference between the A2S and G2S domes as the aerial layer rises. Parameters are in the chapter's human units
(GHz, degrees, km, m) and converted once, here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, NamedTuple

import matplotlib.pyplot as plt
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
from sagin_lib.model.scenarios import DOWNLINKS, SCENARIOS, UPLINKS
from sagin_lib.study.claims import Claim, claim
from sagin_lib.study.figures import ALTITUDE_STYLES, SCENARIO_COLORS
from sagin_lib.study.sources import COVERAGE_PAPER
from sagin_lib.study.spec import ChapterSpec, Constraint, Param, output_dir_param
from sagin_lib.study.tables import DIRECTION_SPECIFIC_COLUMNS, coverage_table

PAPER = COVERAGE_PAPER

SPEC = ChapterSpec(
    "coverage",
    (
        output_dir_param("coverage"),
        Param("freq_min_ghz", 1.0, "lowest carrier frequency of the uplink sweep",
              unit="GHz", low=0.05, high=300.0),
        Param("freq_max_ghz", 40.0, "highest carrier frequency of the uplink sweep",
              unit="GHz", low=0.05, high=300.0),
        Param("freq_points", 120, "number of frequencies in the sweep (log-spaced)",
              low=2, high=2000),
        Param("freq_ghz", 2.0, "point frequency of the altitude sweep, markers and summary",
              unit="GHz", low=0.05, high=300.0, aliases=("freq_point_ghz",)),
        Param("kappa_deg", 70.0, "illumination coefficient of the dishes (beamwidth kappa lambda / D)",
              unit="deg", low=10.0, high=180.0),
        Param("satellite_diameter_m", 2.0, "reflector diameter of a satellite receiver (A2S, G2S)",
              unit="m", low=0.05, high=100.0),
        Param("aerial_diameter_m", 0.5, "reflector diameter of an aerial receiver (G2A)",
              unit="m", low=0.05, high=100.0),
        Param("uav_alt_km", 0.3, "altitude of a low-altitude UAV", unit="km", low=0.01, high=10.0),
        Param("hap_alt_km", 20.0, "altitude of a high-altitude platform",
              unit="km", low=10.0, high=60.0),
        Param("air_alt_km", 20.0, "aerial layer of A2S and S2A", unit="km", low=0.01, high=100.0,
              aliases=("air_layer_alt_km",)),
        Param("air_sweep_min_km", 0.1, "lowest aerial layer of the aerial-altitude sweep (UAV)",
              unit="km", low=0.01, high=100.0),
        Param("air_sweep_max_km", 25.0, "highest aerial layer of the aerial-altitude sweep (HAP)",
              unit="km", low=0.01, high=100.0),
        Param("leo_alt_km", 600.0, "low Earth orbit", unit="km", low=150.0, high=2000.0),
        Param("meo_alt_km", 10000.0, "medium Earth orbit", unit="km", low=2000.0, high=35000.0),
        Param("geo_alt_km", 35786.0, "geostationary orbit (or any higher shell)",
              unit="km", low=20000.0, high=100000.0),
        Param("min_elevation_deg", 10.0, "downlink minimum elevation of the altitude sweep and markers",
              unit="deg", low=0.0, high=89.0, aliases=("min_elev_deg",)),
        Param("elev_min_deg", 0.0, "lowest minimum elevation of the downlink sweep",
              unit="deg", low=0.0, high=89.0),
        Param("elev_max_deg", 80.0, "highest minimum elevation of the downlink sweep",
              unit="deg", low=0.0, high=89.0),
        Param("elev_points", 161, "number of elevations in the sweep (evenly spaced)",
              low=2, high=2000),
    ),
    (
        Constraint(("freq_min_ghz", "freq_max_ghz"), "freq_min_ghz < freq_max_ghz",
                   lambda v: v["freq_min_ghz"] < v["freq_max_ghz"]),
        Constraint(("elev_min_deg", "elev_max_deg"), "elev_min_deg < elev_max_deg",
                   lambda v: v["elev_min_deg"] < v["elev_max_deg"]),
        Constraint(("uav_alt_km", "hap_alt_km"), "uav_alt_km < hap_alt_km",
                   lambda v: v["uav_alt_km"] < v["hap_alt_km"]),
        Constraint(("air_sweep_min_km", "air_sweep_max_km"), "air_sweep_min_km < air_sweep_max_km",
                   lambda v: v["air_sweep_min_km"] < v["air_sweep_max_km"]),
        Constraint(("leo_alt_km", "meo_alt_km", "geo_alt_km"),
                   "leo_alt_km < meo_alt_km < geo_alt_km",
                   lambda v: v["leo_alt_km"] < v["meo_alt_km"] < v["geo_alt_km"]),
    ),
)  # fmt: skip

#: A much-smaller dome is at least this many times smaller (one order of magnitude).
MUCH_SMALLER_FACTOR = 10.0


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
        Case("G2A", "HAP", p["hap_alt_km"], 0.0, d_air),
        *(Case("A2S", n, alt, p["air_alt_km"], d_sat) for n, alt in sats),
        *(Case("G2S", n, alt, 0.0, d_sat) for n, alt in sats),
    ]


def downlink_cases(p: Mapping[str, Any]) -> list[Case]:
    """The downlink curves: A2G from UAV and HAP, S2A and S2G from three orbits."""
    sats = [("LEO", p["leo_alt_km"]), ("MEO", p["meo_alt_km"]), ("GEO", p["geo_alt_km"])]
    return [
        Case("A2G", "UAV", 0.0, p["uav_alt_km"], None),
        Case("A2G", "HAP", 0.0, p["hap_alt_km"], None),
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
    air = np.geomspace(max(p["uav_alt_km"] / 3, 0.01), 3 * p["hap_alt_km"], 80)
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


#: Columns of the dome-versus-flat data that are empty by design on some rows.
DOME_VS_FLAT_MISSING_OK: tuple[str, ...] = (
    *DIRECTION_SPECIFIC_COLUMNS,
    "rx_alt_km",
    "tx_alt_km",
    "area_km2",
    "flat_area_km2",
    "platform",
)


def summary_table(points: pd.DataFrame) -> pd.DataFrame:
    """The dome of each scenario and platform at the point parameters, with its arc radius."""
    cols = ["scenario", "platform", "rx_alt_km", "tx_alt_km", "vertex_angle_deg", "area_km2"]
    summary = points[cols].copy()
    summary["arc_radius_km"] = dome_arc_radius_km(
        summary["tx_alt_km"].to_numpy(), np.radians(summary["vertex_angle_deg"].to_numpy())
    )
    return summary


# --------------------------------------------------------------------------- figures


def _family(ax_area: Any, ax_angle: Any, table: pd.DataFrame, x: str, platform_col: str) -> None:
    for (key, name), rows in table.groupby(["scenario", platform_col], sort=False):
        style = dict(color=SCENARIO_COLORS[key], linestyle=ALTITUDE_STYLES[name])
        ax_area.plot(rows[x], rows["area_km2"], label=f"{key}, {name}", **style)
        ax_angle.plot(rows[x], rows["vertex_angle_deg"], label=f"{key}, {name}", **style)
    ax_area.set_ylabel(r"dome area $|\mathcal{A}|$ (km$^2$)")
    ax_angle.set_ylabel(r"vertex angle $\varphi$ (deg)")
    for ax in (ax_area, ax_angle):
        ax.set_yscale("log")
    ax_angle.legend(ncol=2, loc="lower left")


def plot_uplink_frequency(table: pd.DataFrame) -> plt.Figure:
    """Fig. 3, uplinks: dome area and vertex angle against carrier frequency."""
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    _family(*axes, table, "freq_ghz", "rx_platform")
    for ax in axes:
        ax.set_xscale("log")
        ax.set_xlabel("carrier frequency (GHz)")
    fig.suptitle("Uplinks: coverage dome against carrier frequency")
    return fig


def plot_downlink_elevation(table: pd.DataFrame) -> plt.Figure:
    """Fig. 3, downlinks: dome area and vertex angle against minimum elevation."""
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    _family(*axes, table, "min_elev_deg", "tx_platform")
    for ax in axes:
        ax.set_xlabel("receiver minimum elevation (deg)")
    fig.suptitle("Downlinks: coverage dome against minimum elevation")
    return fig


def plot_altitude(table: pd.DataFrame, p: Mapping[str, Any]) -> plt.Figure:
    """Dome area against the receiver (uplinks) and transmitter (downlinks) altitude."""
    marks = {n: p[f"{n.lower()}_alt_km"] for n in ("UAV", "HAP", "LEO", "MEO", "GEO")}
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), sharey=True)
    panels = ((axes[0], UPLINKS, "rx_alt_km", "receiver altitude (km)"),
              (axes[1], DOWNLINKS, "tx_alt_km", "transmitter altitude (km)"))  # fmt: skip
    for ax, keys, col, label in panels:
        for key in keys:
            rows = table[table["scenario"] == key]
            ax.plot(rows[col], rows["area_km2"], color=SCENARIO_COLORS[key],
                    label=f"{key} ({SCENARIOS[key].symbol})")  # fmt: skip
        for name, alt in marks.items():
            ax.axvline(alt, color="0.6", linewidth=0.8, linestyle=ALTITUDE_STYLES[name])
            ax.text(alt, 1.02, name, transform=ax.get_xaxis_transform(), ha="center",
                    fontsize=8, color="0.35")  # fmt: skip
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(label)
        ax.legend(loc="lower right")
    axes[0].set_ylabel(r"dome area $|\mathcal{A}|$ (km$^2$)")
    axes[0].set_title(f"uplinks at {p['freq_ghz']:g} GHz", pad=16)
    axes[1].set_title(f"downlinks at {p['min_elevation_deg']:g}° minimum elevation", pad=16)
    return fig


def plot_uplink_cases(cases: pd.DataFrame) -> plt.Figure:
    """Half beamwidth against each receiver's tangent angle; case 1 left of each line."""
    fig, ax = plt.subplots(figsize=(8, 4.4))
    for (key, name), grp in cases.groupby(["scenario", "rx_platform"], sort=False):
        if key == "A2S":
            continue  # same receivers as G2S; their tangent angles differ by under a degree
        style = dict(color=SCENARIO_COLORS[key], linestyle=ALTITUDE_STYLES[name])
        ax.axhline(grp["tangent_angle_deg"].iloc[0], linewidth=1,
                   label=f"tangent angle g, {key} {name}", **style)  # fmt: skip
        ax.axvline(grp["case1_below_ghz"].iloc[0], linewidth=0.6, alpha=0.6, **style)
    for d, grp in cases.groupby("diameter_m"):
        first = grp[grp["rx_platform"] == grp["rx_platform"].iloc[0]]
        ax.plot(first["freq_ghz"], first["half_beamwidth_deg"], color="k",
                linewidth=2 if d > 1 else 1, label=f"half beamwidth b, D = {d:g} m")  # fmt: skip
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("carrier frequency (GHz)")
    ax.set_ylabel("angle at the receiver (deg)")
    ax.legend(fontsize=7.5, ncol=2, loc="lower left")
    ax.set_title("Case 1 (b ≥ g) holds left of each receiver's vertical line")
    return fig


def plot_dome_vs_flat(data: pd.DataFrame) -> plt.Figure:
    """The share of the dome the flat disc misses: the curve and the scenarios' points."""
    curve, points = data[data["kind"] == "curve"], data[data["kind"] == "scenario"]
    fig, ax = plt.subplots(figsize=(8, 4.2))
    ax.plot(curve["vertex_angle_deg"], 1 - curve["flat_to_dome_area_ratio"], color="k",
            label=r"$\sin^2(\varphi/2)$")  # fmt: skip
    for key in SCENARIOS:
        rows = points[points["scenario"] == key]
        ax.scatter(rows["vertex_angle_deg"], 1 - rows["flat_to_dome_area_ratio"],
                   color=SCENARIO_COLORS[key], marker="o" if SCENARIOS[key].is_uplink else "s",
                   s=28, zorder=3, label=key)  # fmt: skip
    ax.axhline(0.01, color="0.5", linestyle="--", linewidth=0.8)
    ax.text(1.2e-4, 0.012, "1 % error", color="0.4", fontsize=8)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(r"vertex angle $\varphi$ (deg)")
    ax.set_ylabel("relative area missed by the flat disc")
    ax.legend(ncol=4, fontsize=8, loc="lower right")
    return fig


# --------------------------------------------------------------------------- claims


def _by(table: pd.DataFrame, platform_col: str, x: str) -> pd.Series:
    return table.set_index(["scenario", platform_col, x])["area_km2"]


def _monotone_claim(
    claim_id: str, statement: str, table: pd.DataFrame, platform_col: str, x: str, sign: int
) -> Claim:
    """Each curve strictly monotone in ``x`` (sign -1: decreasing, +1: increasing)."""
    bad = [
        f"{key} {name}"
        for (key, name), rows in table.groupby(["scenario", platform_col], sort=False)
        if not np.all(sign * np.diff(rows["area_km2"].to_numpy()) > 0)
    ]
    n = table.groupby(["scenario", platform_col]).ngroups
    evidence = (
        f"all {n} curves are strictly {'decreasing' if sign < 0 else 'increasing'} in {x}"
        if not bad
        else f"not strictly monotone: {', '.join(bad)}"
    )
    return claim(claim_id, statement, f"{PAPER}, Sec. III-B, Fig. 3", not bad, evidence)


def _ordered_claim(
    claim_id: str, statement: str, by: pd.Series, chains: list[tuple[str, list[str]]]
) -> Claim:
    """For each scenario, the areas of the platforms increase along the chain at every x."""
    worst = math.inf
    failures = []
    for key, chain in chains:
        for low, high in zip(chain, chain[1:], strict=False):
            ratio = by[key][high].to_numpy() / by[key][low].to_numpy()
            worst = min(worst, float(ratio.min()))
            if not np.all(ratio > 1):
                failures.append(f"{key} {low} vs {high}")
    evidence = f"smallest area ratio of the higher to the lower platform: {worst:.4g}" + (
        f"; reversed for {', '.join(failures)}" if failures else ""
    )
    return claim(claim_id, statement, f"{PAPER}, Sec. III-B, Fig. 3", not failures, evidence)


def _orders_smaller(small: pd.Series, large: pd.Series, level: str) -> tuple[float, float]:
    """Fewest and most orders of magnitude between the small and the large domes, over x."""
    fewest = np.log10(large.groupby(level=level).min() / small.groupby(level=level).max())
    most = np.log10(large.groupby(level=level).max() / small.groupby(level=level).min())
    return float(fewest.min()), float(most.max())


def uplink_claims(up: pd.DataFrame, cases: pd.DataFrame, p: Mapping[str, Any]) -> list[Claim]:
    """The paper's statements about the uplink domes of Fig. 3, under these parameters."""
    by = _by(up, "rx_platform", "freq_ghz")
    limits = case1_limits(cases)["case 1 below (GHz)"]
    in_case1 = limits[limits >= p["freq_min_ghz"]]
    case2_rows = up["freq_ghz"].to_numpy() > np.array(
        [limits[(k, n)] for k, n in zip(up["scenario"], up["rx_platform"], strict=True)]
    )
    shrink = _monotone_claim(
        "coverage-uplink-shrinks-with-frequency",
        "In case 2 (the beam edge meets the sphere), every uplink dome shrinks as the carrier "
        "frequency rises.",
        up[case2_rows],
        "rx_platform",
        "freq_ghz",
        -1,
    )
    if not case2_rows.any():
        shrink = claim(shrink.claim_id, shrink.statement, shrink.source, None,
                       "no swept frequency is in case 2 for any receiver")  # fmt: skip
    elif not in_case1.empty:
        shrink = claim(shrink.claim_id, shrink.statement, shrink.source, shrink.holds,
                       shrink.evidence + " over their case-2 frequencies; below the case-1 limit "
                       "the dome stays at the tangent cap, whatever the frequency")  # fmt: skip
    sats = ["LEO", "MEO", "GEO"]
    fewest, most = _orders_smaller(by["G2A"], by[["A2S", "G2S"]], "freq_ghz")
    ratio = {n: by["G2S"][n].to_numpy() / by["A2S"][n].to_numpy() for n in sats}
    return [
        claim(
            "coverage-uplinks-in-case-2",
            "At every swept frequency each uplink is in case 2 of Proposition 1: the paper "
            "notes that case 1 (beam wider than the visible cap) does not arise in practice.",
            f"{PAPER}, Sec. III-B, Proposition 1",
            in_case1.empty,
            "case 1 starts below "
            + ", ".join(f"{k} {n}: {v:.3g} GHz" for (k, n), v in limits.items())
            + f"; the sweep starts at {p['freq_min_ghz']:g} GHz",
        ),
        shrink,
        _ordered_claim(
            "coverage-uplink-higher-receiver-larger",
            "A higher uplink receiver covers a larger dome (UAV < HAP for G2A; LEO < MEO < GEO "
            "for A2S and G2S) at every swept frequency.",
            by,
            [("G2A", ["UAV", "HAP"]), ("A2S", sats), ("G2S", sats)],
        ),
        claim(
            "coverage-g2a-much-smaller",
            "G2A domes are much smaller than the satellite uplink domes (A2S, G2S): at least "
            "one order of magnitude at every swept frequency.",
            f"{PAPER}, Sec. III-B, Fig. 3",
            fewest >= math.log10(MUCH_SMALLER_FACTOR),
            f"the largest G2A dome is {fewest:.2f} to {most:.2f} orders of magnitude smaller "
            "than the satellite domes across the sweep",
        ),
        claim(
            "coverage-g2s-larger-than-a2s",
            "G2S domes are slightly larger than A2S domes of the same satellite.",
            f"{PAPER}, Sec. III-B, Fig. 3",
            all(np.all(r > 1) for r in ratio.values()),
            "G2S / A2S area ratio over the sweep: "
            + ", ".join(f"{n} {r.min():.4f} to {r.max():.4f}" for n, r in ratio.items()),
        ),
    ]


def downlink_claims(down: pd.DataFrame) -> list[Claim]:
    """The paper's statements about the downlink domes of Fig. 3, under these parameters."""
    by = _by(down, "tx_platform", "min_elev_deg")
    sats = ["LEO", "MEO", "GEO"]
    fewest, most = _orders_smaller(by["A2G"], by[["S2A", "S2G"]], "min_elev_deg")
    ratio = {n: by["S2G"][n].to_numpy() / by["S2A"][n].to_numpy() for n in sats}
    return [
        _monotone_claim(
            "coverage-downlink-shrinks-with-elevation",
            "Every downlink dome shrinks as the receiver's minimum elevation rises.",
            down,
            "tx_platform",
            "min_elev_deg",
            -1,
        ),
        _ordered_claim(
            "coverage-downlink-higher-transmitter-larger",
            "A higher transmitter layer gives a larger downlink dome (UAV < HAP for A2G; "
            "LEO < MEO < GEO for S2A and S2G) at every swept elevation.",
            by,
            [("A2G", ["UAV", "HAP"]), ("S2A", sats), ("S2G", sats)],
        ),
        claim(
            "coverage-a2g-much-smaller",
            "A2G domes are much smaller than the satellite downlink domes (S2A, S2G): at least "
            "one order of magnitude at every swept elevation.",
            f"{PAPER}, Sec. III-B, Fig. 3",
            fewest >= math.log10(MUCH_SMALLER_FACTOR),
            f"the largest A2G dome is {fewest:.2f} to {most:.2f} orders of magnitude smaller "
            "than the satellite domes across the sweep",
        ),
        claim(
            "coverage-s2g-larger-than-s2a",
            "S2G domes are slightly larger than S2A domes of the same satellite layer.",
            f"{PAPER}, Sec. III-B, Fig. 3",
            all(np.all(r > 1) for r in ratio.values()),
            "S2G / S2A area ratio over the sweep: "
            + ", ".join(f"{n} {r.min():.4f} to {r.max():.4f}" for n, r in ratio.items()),
        ),
    ]


def altitude_claims(alt: pd.DataFrame, points: pd.DataFrame) -> list[Claim]:
    """Growth with altitude (Fig. 3) and the flat-disc corollary, under these parameters."""
    shrinking = [
        key for key in SCENARIOS
        if not np.all(np.diff(alt.loc[alt["scenario"] == key, "area_km2"].to_numpy()) > 0)
    ]  # fmt: skip
    phi = np.radians(points["vertex_angle_deg"].to_numpy())
    missed = 1 - points["flat_to_dome_area_ratio"].to_numpy()
    err = float(np.max(np.abs(missed - np.sin(phi / 2) ** 2)))
    return [
        claim(
            "coverage-grows-with-altitude",
            "Every dome grows with the receiver's altitude (uplinks) and with the "
            "transmitters' altitude (downlinks), from drones to beyond GEO.",
            f"{PAPER}, Sec. III-B, Fig. 3",
            not shrinking,
            "strictly increasing for all six scenarios"
            if not shrinking
            else f"not strictly increasing for {', '.join(shrinking)}",
        ),
        claim(
            "coverage-flat-disc-misses-sin2",
            "The flat disc of a dome's rim misses the share sin²(φ/2) of the dome's area, "
            "whatever the scenario (Corollary of Lemma 1).",
            "Study, Corollary cor-flat-disc",
            err < 1e-12,
            f"largest difference between the computed share and sin²(φ/2) over the "
            f"{len(points)} point domes: {err:.1e}",
        ),
    ]


def prose_numbers(
    up: pd.DataFrame,
    down: pd.DataFrame,
    points: pd.DataFrame,
    cases: pd.DataFrame,
    p: Mapping[str, Any],
) -> dict[str, str]:
    """The numbers the chapter's (and the model page's) prose quotes, keyed by glue name."""
    by = _by(up, "rx_platform", "freq_ghz")
    fewest, most = _orders_smaller(by["G2A"], by[["A2S", "G2S"]], "freq_ghz")
    dby = _by(down, "tx_platform", "min_elev_deg")
    d_fewest, d_most = _orders_smaller(dby["A2G"], dby[["S2A", "S2G"]], "min_elev_deg")
    at = points.set_index(["scenario", "platform"])["area_km2"]
    ratios = {n: at[("G2S", n)] / at[("A2S", n)] for n in ("LEO", "MEO", "GEO")}
    tangent = cases.groupby(["scenario", "rx_platform"])["tangent_angle_deg"].first()
    limits = case1_limits(cases)["case 1 below (GHz)"]
    geo_phi = math.radians(90.0 - tangent[("G2S", "GEO")])
    return {
        "aerial_d": f"{p['aerial_diameter_m']:g}",
        "sat_d": f"{p['satellite_diameter_m']:g}",
        "air_alt": f"{p['air_alt_km']:g}",
        "f_point": f"{p['freq_ghz']:g}",
        "elev_point": f"{p['min_elevation_deg']:g}",
        "g2a_orders_min": f"{fewest:.1f}",
        "g2a_orders_max": f"{most:.1f}",
        "a2g_orders_min": f"{d_fewest:.1f}",
        "a2g_orders_max": f"{d_most:.1f}",
        "g2s_a2s_ratios": ", ".join(f"{r:.4f} ({n})" for n, r in ratios.items()),
        "flat_1pct_deg": f"{math.degrees(2 * math.asin(0.1)):.1f}",
        "geo_visible_flat_miss_pct": f"{100 * math.sin(geo_phi / 2) ** 2:.0f}",
        "full_beam_geo_deg": f"{2 * tangent[('G2S', 'GEO')]:.1f}",
        "full_beam_meo_deg": f"{2 * tangent[('G2S', 'MEO')]:.1f}",
        "full_beam_uav_deg": f"{2 * tangent[('G2A', 'UAV')]:.1f}",
        "uav_alt_m": f"{1000 * p['uav_alt_km']:.0f}",
        "case1_geo_ghz": f"{limits[('G2S', 'GEO')]:.2g}",
        "case1_meo_ghz": f"{limits[('G2S', 'MEO')]:.2g}",
    }


# --------------------------------------------------------------------------- the insights
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

_INSIGHTS = f"{PAPER}, Sec. IV-B, Insights"


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
    air = np.geomspace(max(p["uav_alt_km"] / 3, 0.01), 3 * p["hap_alt_km"], 80)
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
        coverage_table("A2G", rx_alt_km=_rx_sweep_km(0.99 * p["hap_alt_km"]),
                       tx_alt_km=p["hap_alt_km"], min_elevation_rad=elev, curve="A2G from HAP"),
    ]  # fmt: skip
    top = min(max(3 * p["hap_alt_km"], 1.5 * h_air), 0.9 * p["leo_alt_km"])
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


#: Columns of the Insight 2 data that are empty by design on some rows.
INSIGHT2_MISSING_OK: tuple[str, ...] = (
    *DIRECTION_SPECIFIC_COLUMNS,
    "area_to_ground_receiver_ratio",
)


def _curves(table: pd.DataFrame, keys: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    rows = table[table["scenario"].isin(keys)]
    return {name: grp.sort_values("rx_alt_km") for name, grp in rows.groupby("curve", sort=False)}


def insight2_claims(table: pd.DataFrame, p: Mapping[str, Any]) -> list[Claim]:
    """Insight 2 (a higher receiver enlarges every dome): holds for uplinks, fails for downlinks."""
    up = _curves(table, UPLINKS)
    down = _curves(table, DOWNLINKS)

    def growth(rows: pd.DataFrame) -> float:
        return float(rows["area_km2"].iloc[-1] / rows["area_km2"].iloc[0])

    not_growing = [n for n, r in up.items() if not np.all(np.diff(r["area_km2"].to_numpy()) > 0)]
    not_shrinking = [
        n for n, r in down.items() if not np.all(np.diff(r["area_km2"].to_numpy()) < 0)
    ]
    up_text = "; ".join(
        f"{n}: receiver {r['rx_alt_km'].iloc[0]:.3g} to {r['rx_alt_km'].iloc[-1]:.4g} km, "
        f"area x{growth(r):.3g}"
        for n, r in up.items()
    )
    leo = down["S2G/S2A from LEO"]
    s2g = float(leo["area_km2"].iloc[0])
    at_air = leo[leo["rx_alt_km"] == p["air_alt_km"]]
    s2a = float(at_air["area_km2"].iloc[0]) if len(at_air) else float("nan")
    a2g = down["A2G from HAP"]
    half = a2g.iloc[int(np.searchsorted(a2g["rx_alt_km"].to_numpy(), p["hap_alt_km"] / 2))]
    down_text = (
        f"under LEO transmitters at {p['leo_alt_km']:g} km the S2G dome of a ground receiver is "
        f"{s2g:.4g} km^2 and the S2A dome of a receiver at {p['air_alt_km']:g} km {s2a:.4g} km^2 "
        f"({100 * (s2a / s2g - 1):+.2f} %); the A2G dome under HAP transmitters at "
        f"{p['hap_alt_km']:g} km falls from {a2g['area_km2'].iloc[0]:.4g} km^2 (receiver on the "
        f"ground) to {half['area_km2']:.4g} km^2 (receiver at {half['rx_alt_km']:.3g} km); over "
        "the sweep the downlink areas fall by "
        + ", ".join(f"{100 * (1 - growth(r)):.3g} % ({n})" for n, r in down.items())
    )
    return [
        claim(
            "coverage-insight2-uplinks",
            "Raising the receiver enlarges every uplink dome (G2A, A2S, G2S): Insight 2 of the "
            "paper holds for the three uplinks.",
            _INSIGHTS,
            not not_growing,
            f"at {p['freq_ghz']:g} GHz the area grows strictly with the receiver's altitude: "
            + up_text
            + (f"; not strictly increasing: {', '.join(not_growing)}" if not_growing else ""),
        ),
        claim(
            "coverage-insight2-fails-for-downlinks",
            "The study finds that Insight 2 of the paper ('increasing the receiver height' "
            "enlarges the coverage area 'for all six scenarios') fails for the three downlinks: "
            "raising the receiver towards its transmitters shrinks the A2G, S2A and S2G domes "
            "(an S2A dome is smaller than the S2G dome of the same satellites).",
            _INSIGHTS,
            not not_shrinking,
            f"at {p['min_elevation_deg']:g} deg minimum elevation every downlink area falls "
            "strictly as the receiver rises: "
            + down_text
            + (f"; not strictly decreasing: {', '.join(not_shrinking)}" if not_shrinking else "")
            + ". Verdict on the paper's Insight 2: holds for the uplinks, fails for the "
            "downlinks (a downlink dome grows with the transmitters' altitude instead).",
        ),
    ]


def plot_insight2(table: pd.DataFrame, p: Mapping[str, Any]) -> plt.Figure:
    """Dome area against the receiver's altitude: uplinks (left), downlinks (right)."""
    fig, (ax_up, ax_down) = plt.subplots(1, 2, figsize=(11, 4.2))
    for name, rows in _curves(table, UPLINKS).items():
        ax_up.plot(rows["rx_alt_km"], rows["area_km2"], color=SCENARIO_COLORS[name],
                   label=f"{name} ({SCENARIOS[name].symbol})")  # fmt: skip
    y = "area_to_ground_receiver_ratio"
    for name, rows in _curves(table, DOWNLINKS).items():
        platform = name.rsplit(" ", 1)[-1]
        key = "A2G" if name.startswith("A2G") else "S2A"
        ax_down.plot(rows["rx_alt_km"], rows[y], color=SCENARIO_COLORS[key],
                     linestyle=ALTITUDE_STYLES[platform], label=name)  # fmt: skip
        at_air = rows[(rows["scenario"] == "S2A") & (rows["rx_alt_km"] == p["air_alt_km"])]
        ax_down.scatter(at_air["rx_alt_km"], at_air[y], marker="o", s=22, zorder=3,
                        color=SCENARIO_COLORS["S2A"])  # fmt: skip
    ax_down.scatter([0.0], [1.0], marker="s", s=26, zorder=3, color=SCENARIO_COLORS["S2G"])
    ax_up.set_xscale("log")
    ax_up.set_yscale("log")
    ax_down.set_xscale("symlog", linthresh=RX_SWEEP_LOW_KM)
    ax_down.set_ylim(0.0, 1.05)
    for ax in (ax_up, ax_down):
        ax.set_xlabel("receiver altitude (km)")
        ax.legend(loc="lower right" if ax is ax_up else "lower left", fontsize=7.5)
    ax_up.set_ylabel(r"dome area $|\mathcal{A}|$ (km$^2$)")
    ax_down.set_ylabel("dome area / that of a ground receiver")
    ax_up.set_title(f"uplinks at {p['freq_ghz']:g} GHz: a higher receiver sees more")
    ax_down.set_title(
        f"downlinks at {p['min_elevation_deg']:g}°: a higher receiver sees less\n"
        f"(square: receiver on the ground, S2G and A2G; dots: S2A at {p['air_alt_km']:g} km)",
        fontsize=10,
    )
    return fig


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


def insight3_claim(table: pd.DataFrame, p: Mapping[str, Any]) -> Claim:
    """Insight 3 (downlink domes larger than uplink domes) over the swept frequencies."""
    swept = table[table["in_sweep"]]
    groups = swept.groupby(["uplink", "platform"], sort=False)
    worst = groups["downlink_to_uplink_area_ratio"].min()
    cross = table.groupby(["uplink", "platform"], sort=False)["crossover_ghz"].first()
    down_of = {u: d for u, d, _ in LAYER_PAIRS}
    failing = [f"{down_of[u]}/{u} {n}" for (u, n), r in worst.items() if r <= 1]
    parts = [
        f"{down_of[u]}/{u} {n} {worst[(u, n)]:.3g}"
        + (f" (uplink larger below {cross[(u, n)]:.3g} GHz)" if cross[(u, n)] > 0 else "")
        for u, n in worst.index
    ]
    return claim(
        "coverage-insight3-downlink-larger",
        "Between the same two layers the downlink dome is larger than the uplink dome "
        "(A2G > G2A, S2A > A2S, S2G > G2S) at every swept frequency (Insight 3 of the paper).",
        _INSIGHTS,
        not failing,
        f"smallest downlink/uplink area ratio over {p['freq_min_ghz']:g} to "
        f"{p['freq_max_ghz']:g} GHz at {p['min_elevation_deg']:g} deg: "
        + "; ".join(parts)
        + (f". Uplink the larger within the sweep: {', '.join(failing)}" if failing else "")
        + ". The regime where it fails: below each pair's crossover frequency, near the "
        "uplink's case-1 limit at a low minimum elevation (the beam covers almost the whole "
        "visible cap, larger than a downlink dome), higher up at a large minimum elevation "
        "(the downlink dome shrinks). At 0 deg minimum elevation every downlink dome exceeds the largest uplink dome of "
        "its pair (the same tangent angle on the larger sphere).",
    )


def plot_insight3(table: pd.DataFrame, p: Mapping[str, Any]) -> plt.Figure:
    """Downlink over uplink area against frequency, one curve per layer pair and platform."""
    fig, ax = plt.subplots(figsize=(8, 4.4))
    ax.axvspan(p["freq_min_ghz"], p["freq_max_ghz"], color="0.93", zorder=0,
               label="the chapter's sweep")  # fmt: skip
    for (u, d, name), rows in table.groupby(["uplink", "downlink", "platform"], sort=False):
        # S2A/A2S nearly coincides with S2G/G2S: drawn wide and pale underneath it.
        wide = dict(linewidth=3.5, alpha=0.45) if d == "S2A" else dict(linewidth=1.5)
        ax.plot(rows["freq_ghz"], rows["downlink_to_uplink_area_ratio"], color=SCENARIO_COLORS[d],
                linestyle=ALTITUDE_STYLES[name], label=f"{d} / {u}, {name}", **wide)  # fmt: skip
    ax.axhline(1.0, color="k", linewidth=0.8)
    ax.text(table["freq_ghz"].min(), 1.15, "downlink = uplink", fontsize=8, color="0.3")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("uplink carrier frequency (GHz)")
    ax.set_ylabel("downlink / uplink dome area")
    ax.set_title(f"Insight 3 at {p['min_elevation_deg']:g}° downlink minimum elevation")
    ax.legend(ncol=2, fontsize=7.5, loc="lower right")
    return fig


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


def air_altitude_gap_claim(table: pd.DataFrame, p: Mapping[str, Any]) -> Claim:
    """Sec. III-B's insight: the higher the aerial layer, the clearer the A2S-G2S difference."""
    bad, parts, down = [], [], []
    for name, rows in table.groupby("satellite", sort=False):
        gap = rows["g2s_over_a2s_excess_pct"].to_numpy()
        if not (gap[0] > 0 and np.all(np.diff(gap) > 0)):
            bad.append(name)
        parts.append(f"{name} {gap[0]:.3g} % to {gap[-1]:.3g} %")
        dgap = rows["s2g_over_s2a_excess_pct"].to_numpy()
        down.append(f"{name} {dgap[0]:.3g} % to {dgap[-1]:.3g} %")
    return claim(
        "coverage-air-altitude-gap",
        "The higher the aerial layer, the clearer the difference between the A2S and G2S "
        "domes: the G2S dome's excess over the A2S dome of the same satellite grows with the "
        "aerial altitude, from UAV to HAP heights.",
        f"{PAPER}, Sec. III-B, Insights",
        not bad,
        f"G2S over A2S at {p['freq_ghz']:g} GHz, aerial layer {p['air_sweep_min_km']:g} to "
        f"{p['air_sweep_max_km']:g} km: "
        + ", ".join(parts)
        + (f"; not growing or not positive for {', '.join(bad)}" if bad else "")
        + f". The downlinks follow (S2G over S2A at {p['min_elevation_deg']:g} deg: "
        + ", ".join(down)
        + ").",
    )


def plot_air_altitude_gap(table: pd.DataFrame, p: Mapping[str, Any]) -> plt.Figure:
    """The G2S-over-A2S and S2G-over-S2A excess against the aerial altitude."""
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), sharey=True)
    panels = ((axes[0], "g2s_over_a2s_excess_pct", "G2S", f"uplinks at {p['freq_ghz']:g} GHz"),
              (axes[1], "s2g_over_s2a_excess_pct", "S2G",
               f"downlinks at {p['min_elevation_deg']:g}° minimum elevation"))  # fmt: skip
    for ax, col, key, title in panels:
        for name, rows in table.groupby("satellite", sort=False):
            ax.plot(rows["air_alt_km"], rows[col], color=SCENARIO_COLORS[key],
                    linestyle=ALTITUDE_STYLES[name], label=name)  # fmt: skip
        for name in ("UAV", "HAP"):
            alt = p[f"{name.lower()}_alt_km"]
            if p["air_sweep_min_km"] <= alt <= p["air_sweep_max_km"]:
                ax.axvline(alt, color="0.6", linewidth=0.8, linestyle=ALTITUDE_STYLES[name])
                ax.text(alt, 1.02, name, transform=ax.get_xaxis_transform(), ha="center",
                        fontsize=8, color="0.35")  # fmt: skip
        ax.set_xscale("log")
        # Logarithmic down to the smallest excess; linear through 0 should the order flip.
        values = np.abs(table[col].to_numpy())
        smallest = values[values > 0].min() if np.any(values > 0) else 1.0
        ax.set_yscale("symlog", linthresh=10 ** math.floor(math.log10(max(smallest, 1e-12))))
        ax.set_xlabel("aerial layer altitude (km)")
        ax.set_title(title, pad=16)
        ax.legend(loc="upper left")
    axes[0].set_ylabel("excess area of G2S over A2S (%)")
    axes[1].set_ylabel("excess area of S2G over S2A (%)")
    axes[1].yaxis.set_tick_params(labelleft=True)
    return fig


def insight_numbers(
    ins2: pd.DataFrame, ins3: pd.DataFrame, gap: pd.DataFrame, p: Mapping[str, Any]
) -> dict[str, str]:
    """The numbers the chapter's prose about the insights quotes, keyed by glue name."""
    leo = ins2[ins2["curve"] == "S2G/S2A from LEO"]
    s2g = float(leo["area_km2"].iloc[0])
    s2a = leo.loc[leo["rx_alt_km"] == p["air_alt_km"], "area_km2"]
    cross = ins3.groupby(["uplink", "platform"], sort=False)["crossover_ghz"].first()

    def below(key: tuple[str, str], who: str) -> str:
        f = float(cross[key])
        return f"below {f:.2g} GHz for {who}" if f > 0 else f"at no frequency for {who}"

    worst = ins3[ins3["in_sweep"]]["downlink_to_uplink_area_ratio"].min()
    by_sat = gap.groupby("satellite", sort=False)["g2s_over_a2s_excess_pct"]
    return {
        "ins2_s2a_smaller_pct": f"{100 * (1 - float(s2a.iloc[0]) / s2g):.2g}",
        "ins3_min_ratio": f"{worst:.3g}",
        "ins3_cross_text": below(("G2A", "HAP"), "G2A from a HAP")
        + " and "
        + below(("G2S", "LEO"), "G2S from LEO"),
        "gap_air_min": f"{p['air_sweep_min_km']:g}",
        "gap_air_max": f"{p['air_sweep_max_km']:g}",
        "gap_leo_low_pct": f"{by_sat.first()['LEO']:.2g}",
        "gap_leo_high_pct": f"{by_sat.last()['LEO']:.2g}",
        "gap_geo_high_pct": f"{by_sat.last()['GEO']:.2g}",
    }
