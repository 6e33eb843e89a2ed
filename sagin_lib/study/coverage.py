"""The coverage chapter: Fig. 3 of the coverage paper, its stated trends as claims.

The chapter sweeps the dome of the six scenarios against the carrier frequency
(uplinks), the receiver's minimum elevation (downlinks) and the layers'
altitudes, compares the two uplink cases of Proposition 1 and the dome with
the flat disc of the same rim. Parameters are in the chapter's human units
(GHz, degrees, km, m) and converted once, here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, NamedTuple

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from sagin_lib.model.coverage import (
    beamwidth_rad,
    dome_arc_radius_km,
    dome_area_km2,
    flat_disc_area_km2,
    uplink_vertex_angle_rad,
)
from sagin_lib.model.scenarios import DOWNLINKS, SCENARIOS, UPLINKS
from sagin_lib.study.claims import Claim, claim
from sagin_lib.study.figures import ALTITUDE_STYLES, SCENARIO_COLORS
from sagin_lib.study.spec import ChapterSpec, Constraint, Param, output_dir_param
from sagin_lib.study.tables import DIRECTION_SPECIFIC_COLUMNS, coverage_table

PAPER = "Coverage paper (Wang et al. 2024)"

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
    return claim(claim_id, statement, f"{PAPER}, Sec. III-C, Fig. 3", not bad, evidence)


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
    return claim(claim_id, statement, f"{PAPER}, Sec. III-C, Fig. 3", not failures, evidence)


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
            f"{PAPER}, Sec. III-C, Fig. 3",
            fewest >= math.log10(MUCH_SMALLER_FACTOR),
            f"the largest G2A dome is {fewest:.2f} to {most:.2f} orders of magnitude smaller "
            "than the satellite domes across the sweep",
        ),
        claim(
            "coverage-g2s-larger-than-a2s",
            "G2S domes are slightly larger than A2S domes of the same satellite.",
            f"{PAPER}, Sec. III-C, Fig. 3",
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
            f"{PAPER}, Sec. III-C, Fig. 3",
            fewest >= math.log10(MUCH_SMALLER_FACTOR),
            f"the largest A2G dome is {fewest:.2f} to {most:.2f} orders of magnitude smaller "
            "than the satellite domes across the sweep",
        ),
        claim(
            "coverage-s2g-larger-than-s2a",
            "S2G domes are slightly larger than S2A domes of the same satellite layer.",
            f"{PAPER}, Sec. III-C, Fig. 3",
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
            f"{PAPER}, Sec. III-C, Fig. 3",
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
