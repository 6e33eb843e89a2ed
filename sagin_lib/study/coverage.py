"""The coverage chapter: Fig. 3 of the coverage paper, its statements as claims.

The chapter sweeps the dome of the six scenarios against the carrier frequency
(uplinks), the receiver's minimum elevation (downlinks) and the layers'
altitudes, compares the two uplink cases of Proposition 1 and the dome with
the flat disc of the same rim, and checks the paper's insights: Insight 2 (a
higher receiver, a larger dome, "for all six scenarios"), read for the uplinks
and for the downlinks, Insight 3 (downlink domes larger than uplink domes)
across layer pairs and frequencies, and the growing difference between the A2S
and G2S domes as the aerial layer rises. Each claim states what the paper
states; its verdict says whether that holds under the run's parameters.

Parameters are in the chapter's human units (GHz, degrees, km, m) and
converted once, here. Every figure is 7.4 in wide (shown at natural size in
the book), with its legend under the axes; curves that lie on each other carry
markers or are named in a note (see :func:`tidy_log_axis` for the ticks).
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
from sagin_lib.study.formatting import Table, format_number, format_table
from sagin_lib.study.sources import COVERAGE_PAPER, STUDY
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


def curves_table(p: Mapping[str, Any]) -> Table:
    """The chapter's curves as the book shows them: one row per layer pair and platform.

    An uplink and the downlink between the same two layers share a row: the
    platform is the higher node of both (the uplink's receiver, the downlink's
    transmitters), the other node sits on the ground or in the air layer, and
    only the uplink receiver has a dish (a downlink receiver tracks its
    transmitter).

    Parameters
    ----------
    p : mapping
        The run's parameters.

    Returns
    -------
    Table
        Formatted by :func:`sagin_lib.study.formatting.format_table`.
    """
    rows = [
        {
            "uplink": u.scenario,
            "downlink": d.scenario,
            "platform": u.platform,
            "platform_alt_km": u.rx_alt_km,
            "other_node_alt_km": u.tx_alt_km,
            "dish_diameter_m": u.diameter_m,
        }
        for u, d in zip(uplink_cases(p), downlink_cases(p), strict=True)
    ]
    return format_table(
        pd.DataFrame(rows),
        headers={
            "platform": "platform (higher node)",
            "platform_alt_km": "altitude (km)",
            "other_node_alt_km": "other node (km)",
            "dish_diameter_m": "uplink dish (m)",
        },
        caption="The curves: each layer pair at each platform",
    )


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


def case1_table(cases: pd.DataFrame) -> Table:
    """Each uplink receiver's tangent angle and case-1 limit, as the book shows them.

    Parameters
    ----------
    cases : pandas.DataFrame
        :func:`uplink_cases_table` of the run.

    Returns
    -------
    Table
        One row per receiver, formatted by
        :func:`sagin_lib.study.formatting.format_table`.
    """
    cols = ["scenario", "rx_platform", "rx_alt_km", "diameter_m", "tangent_angle_deg",
            "case1_below_ghz"]  # fmt: skip
    rows = cases.groupby(["scenario", "rx_platform"], sort=False).first().reset_index()[cols]
    return format_table(
        rows,
        digits={"tangent_angle_deg": 4, "case1_below_ghz": 3},
        headers={
            "rx_platform": "receiver",
            "rx_alt_km": "altitude (km)",
            "diameter_m": "dish (m)",
            "tangent_angle_deg": "tangent angle g (°)",
            "case1_below_ghz": "case 1 below (GHz)",
        },
        caption="Where each uplink receiver's beam covers its whole visible cap (case 1)",
    )


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


#: How the book formats :func:`summary_table` (passed to ``save_table``).
SUMMARY_FORMAT: Mapping[str, Any] = {
    "headers": {
        "platform": "platform (higher node)",
        "rx_alt_km": "receiver altitude (km)",
        "tx_alt_km": "transmitters' altitude (km)",
        "area_km2": "dome area on the transmitters' shell (km²)",
    },
    "digits": 4,
}


# --------------------------------------------------------------------------- figures

#: Width of every figure of the chapter (inches): shown at natural size in the book.
FIG_WIDTH_IN = 7.4
#: The Earth's surface area (km^2), the yardstick of the downlink domes.
EARTH_AREA_KM2 = 4 * math.pi * EARTH_RADIUS_KM**2
_EARTH_LABEL = f"the Earth's surface ({format_number(EARTH_AREA_KM2, 2)} km²), for scale"
#: Scenarios whose curves lie on those of their ground twin (A2S on G2S, S2A on S2G).
_AIR_TWINS: Mapping[str, str] = {"A2S": "G2S", "S2A": "S2G"}
#: Marker of the air-layer twins, so that a reader finds them on their ground twins.
_TWIN_MARKER = dict(marker="o", markerfacecolor="none", markersize=5, markeredgewidth=1.0)
_AREA_LABEL = r"dome area $|\mathcal{A}|$ (km$^2$)"
_SHELL_AREA_LABEL = "dome area on the\ntransmitters' shell (km$^2$)"


def _new_figure(height_in: float, ncols: int = 1, **kwargs: Any) -> tuple[plt.Figure, Any]:
    """A figure of the chapter's width with constrained layout (legends go outside)."""
    return plt.subplots(1, ncols, figsize=(FIG_WIDTH_IN, height_in), layout="constrained",
                        **kwargs)  # fmt: skip


def _markevery(n: int) -> int:
    return max(n // 8, 1)


def _tick_text(x: float) -> str:
    if x == 0:
        return "0"
    if 1e-3 <= abs(x) < 1e5:
        return f"{x:g}"
    exponent = math.floor(math.log10(abs(x)))
    mantissa = x / 10.0**exponent
    if math.isclose(mantissa, round(mantissa), rel_tol=1e-9) and round(mantissa) == 1:
        return rf"$10^{{{exponent}}}$"
    return rf"${mantissa:.3g} \times 10^{{{exponent}}}$"


def tidy_log_axis(axis: Any) -> None:
    """Tick a logarithmic axis so that its labels never run together.

    Over a wide range the powers of ten are labelled (and no minor tick); over a
    narrower one, a few round values (1, 2 and 5 times a power of ten, or evenly
    spaced values where even those are too far apart) are written out.

    Parameters
    ----------
    axis : matplotlib.axis.Axis
        A logarithmic x or y axis whose limits are final.
    """
    from matplotlib.ticker import (
        FixedLocator,
        FuncFormatter,
        MaxNLocator,
        NullFormatter,
        NullLocator,
    )

    lo, hi = sorted(axis.get_view_interval())
    axis.set_minor_formatter(NullFormatter())
    if not (lo > 0 and hi > lo):
        return
    k0, k1 = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    ticks = [m * 10.0**k for k in range(k0, k1 + 1) for m in (1, 2, 5) if lo <= m * 10.0**k <= hi]
    if len(ticks) > 7:  # two or more powers of ten: Matplotlib's own labels
        if math.log10(hi / lo) > 6:
            axis.set_minor_locator(NullLocator())  # minor ticks would only crowd the decades
        return
    if len(ticks) < 2:
        ticks = [
            t
            for t in MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]).tick_values(lo, hi)
            if lo * (1 - 1e-9) <= t <= hi * (1 + 1e-9) and t > 0
        ]
    axis.set_major_locator(FixedLocator(ticks))
    axis.set_major_formatter(FuncFormatter(lambda x, _pos: _tick_text(x)))


def _tidy_log_axes(fig: plt.Figure) -> None:
    for ax in fig.get_axes():
        ax.get_xlim(), ax.get_ylim()  # settle the autoscaled limits
        for axis, scale in ((ax.xaxis, ax.get_xscale()), (ax.yaxis, ax.get_yscale())):
            if scale == "log":
                tidy_log_axis(axis)


def _name_marks(ax: Any, marks: Mapping[str, float], fontsize: float = 9.0) -> int:
    """Grey vertical lines at the platforms' altitudes, named above the axes.

    Names that would run into each other go one row up. Returns the number of rows.
    """
    from matplotlib.transforms import offset_copy

    lo, hi = sorted(ax.get_xlim())
    inside = sorted((alt, name) for name, alt in marks.items() if lo <= alt <= hi)
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    placed: list[tuple[int, Any]] = []
    for alt, name in inside:
        ax.axvline(alt, color="0.6", linewidth=0.8, linestyle=ALTITUDE_STYLES[name],
                   label=f"_{name} line")  # fmt: skip
        for row in range(len(inside)):
            where = offset_copy(ax.get_xaxis_transform(), fig=fig, y=2 + 1.35 * fontsize * row,
                                units="points")  # fmt: skip
            text = ax.text(alt, 1.0, name, transform=where, ha="center", va="bottom",
                           fontsize=fontsize, color="0.35")  # fmt: skip
            box = text.get_window_extent(renderer).expanded(1.0, 1.0).padded(4)
            if not any(r == row and box.overlaps(b) for r, b in placed):
                placed.append((row, box))
                break
            text.remove()
    return 1 + max((r for r, _ in placed), default=-1)


def _title_above_marks(ax: Any, title: str, rows: int, fontsize: float = 9.0) -> None:
    ax.set_title(title, pad=4 + 1.35 * fontsize * rows)


def _twin_note(table: pd.DataFrame, platform_col: str, value: str = "area_km2") -> str:
    """How far each air-layer twin (A2S, S2A) is from its ground twin, in per cent."""
    parts = []
    for air, ground in _AIR_TWINS.items():
        a = table[table["scenario"] == air]
        if a.empty:
            continue
        g = table[table["scenario"] == ground]
        per = []
        for name, rows in a.groupby(platform_col, sort=False):
            other = g[g[platform_col] == name][value].to_numpy()
            diff = np.max(np.abs(rows[value].to_numpy() / other - 1))
            per.append(f"{100 * diff:.2g} % ({name})")
        parts.append(f"{air} (○) and {ground} areas differ by at most " + ", ".join(per))
    return "; ".join(parts)


def _legend_below(fig: plt.Figure, columns: list[list[tuple[Any, str]]], **kwargs: Any) -> Any:
    """A legend under the axes with one column per group of (handle, label) entries."""
    from matplotlib.lines import Line2D

    columns = [c for c in columns if c]
    rows = max(len(c) for c in columns)
    handles, labels = [], []
    for column in columns:
        for handle, label in column + [(Line2D([], [], linestyle="none"), "")] * (
            rows - len(column)
        ):
            handles.append(handle)
            labels.append(label)
    return fig.legend(handles, labels, loc="outside lower center", ncol=len(columns), **kwargs)


def _entries(*axes: Any) -> list[tuple[Any, str]]:
    pairs: list[tuple[Any, str]] = []
    for ax in axes:
        pairs += list(zip(*ax.get_legend_handles_labels(), strict=True))
    return pairs


def _coincident(fig: plt.Figure, tol_px: float = 1.5) -> list[str]:
    """Pairs of lines drawn (within ``tol_px`` display pixels) on top of each other."""
    fig.draw_without_rendering()
    pairs = []
    for ax in fig.get_axes():
        lines = [ln for ln in ax.get_lines()
                 if ln.get_visible() and ln.get_linestyle() not in ("None", "", " ", "none")]  # fmt: skip
        for i, a in enumerate(lines):
            pa = a.get_transform().transform(np.asarray(a.get_xydata(), dtype=float))
            for b in lines[i + 1 :]:
                pb = b.get_transform().transform(np.asarray(b.get_xydata(), dtype=float))
                if pa.shape != pb.shape or len(pa) < 2 or a.get_marker() != b.get_marker():
                    continue
                with np.errstate(invalid="ignore"):
                    d = np.hypot(*(pa - pb).T)
                if np.all(np.isfinite(d)) and d.max() < tol_px:
                    pair = _pair_text(a.get_label().lstrip("_"), b.get_label().lstrip("_"))
                    if pair not in pairs:
                        pairs.append(pair)
    return pairs


def _pair_text(a: str, b: str) -> str:
    """``"A2S, LEO"`` and ``"A2S, MEO"`` as ``"A2S, LEO and MEO"``."""
    head_a, _, tail_a = a.rpartition(", ")
    head_b, _, tail_b = b.rpartition(", ")
    if head_a and head_a == head_b:
        return f"{head_a}, {tail_a} and {tail_b}"
    return f"{a} and {b}"


def _lines_of(parts: list[str], width: int = 90) -> str:
    """Parts joined by "; ", broken into lines between parts (never inside one)."""
    lines = [parts[0]]
    for part in parts[1:]:
        if len(lines[-1]) + 2 + len(part) <= width:
            lines[-1] += "; " + part
        else:
            lines[-1] += ";"
            lines.append(part)
    return "\n".join(lines)


def _finish(fig: plt.Figure, legend: Any) -> plt.Figure:
    """Tidy the log axes and say, in the legend's title, which curves coincide at this scale.

    Platforms at nearly the same altitude (a reader's choice) draw their curves on
    top of each other; the note names them rather than hiding one.
    """
    _tidy_log_axes(fig)
    pairs = _coincident(fig)
    if pairs:
        title = legend.get_title().get_text()
        note = _lines_of([f"coincide at this scale: {pairs[0]}", *pairs[1:]])
        legend.set_title(f"{title}\n{note}" if title else note, prop={"size": 9})
        fig.draw_without_rendering()
    # The layout is final: saving the figure (PNG, SVG) and checking it need not redo it.
    fig.set_layout_engine("none")
    return fig


def _family(table: pd.DataFrame, x: str, platform_col: str, xlabel: str, *, downlink: bool
            ) -> plt.Figure:  # fmt: skip
    """Area (left) and vertex angle (right) of every curve against ``x``, legend below."""
    fig, (ax_area, ax_angle) = _new_figure(3.9, 2)
    for (key, name), rows in table.groupby(["scenario", platform_col], sort=False):
        style: dict[str, Any] = dict(color=SCENARIO_COLORS[key], linestyle=ALTITUDE_STYLES[name])
        if key in _AIR_TWINS:
            style.update(_TWIN_MARKER, markevery=_markevery(len(rows)))
        ax_area.plot(rows[x], rows["area_km2"], label=f"{key}, {name}", **style)
        ax_angle.plot(rows[x], rows["vertex_angle_deg"], label=f"{key}, {name}", **style)
    if downlink:
        ax_area.axhline(EARTH_AREA_KM2, color="0.45", linewidth=0.9, linestyle=(0, (1, 2)),
                        label=_EARTH_LABEL)  # fmt: skip
    ax_area.set_ylabel(_SHELL_AREA_LABEL if downlink else _AREA_LABEL)
    ax_angle.set_ylabel(r"vertex angle $\varphi$ (°)")
    for ax in (ax_area, ax_angle):
        ax.set_yscale("log")
        ax.set_xscale("linear" if downlink else "log")
        ax.set_xlabel(xlabel)
    entries = _entries(ax_area)
    keys = list(dict.fromkeys(table["scenario"]))
    columns = [[e for e in entries if e[1].startswith(f"{k},")] for k in keys]
    columns[0] += [e for e in entries if e[1] == _EARTH_LABEL]
    legend = _legend_below(fig, columns, title=_twin_note(table, platform_col),
                           title_fontsize=9)  # fmt: skip
    return _finish(fig, legend)


def plot_uplink_frequency(table: pd.DataFrame) -> plt.Figure:
    """Fig. 3, uplinks: dome area and vertex angle against carrier frequency.

    The A2S curves carry circles: they lie on the G2S curves of the same satellite,
    and the legend's title says by how much they differ.
    """
    return _family(table, "freq_ghz", "rx_platform", "carrier frequency (GHz)", downlink=False)


def plot_downlink_elevation(table: pd.DataFrame) -> plt.Figure:
    """Fig. 3, downlinks: dome area and vertex angle against minimum elevation.

    A downlink dome lies on the transmitters' shell (radius R + h_t), so a GEO dome
    can exceed the Earth's surface, drawn for scale. S2A carries circles: it lies on S2G.
    """
    return _family(table, "min_elev_deg", "tx_platform", "receiver minimum elevation (°)",
                   downlink=True)  # fmt: skip


def plot_altitude(table: pd.DataFrame, p: Mapping[str, Any]) -> plt.Figure:
    """Dome area against the receiver (uplinks) and transmitter (downlinks) altitude."""
    marks = {n: p[f"{n.lower()}_alt_km"] for n in ("UAV", "HAP", "LEO", "MEO", "GEO")}
    fig, axes = _new_figure(4.1, 2, sharey=True)
    panels = ((axes[0], UPLINKS, "rx_alt_km", "receiver altitude (km)"),
              (axes[1], DOWNLINKS, "tx_alt_km", "transmitter altitude (km)"))  # fmt: skip
    for ax, keys, col, label in panels:
        for key in keys:
            rows = table[table["scenario"] == key]
            style: dict[str, Any] = dict(color=SCENARIO_COLORS[key])
            if key in _AIR_TWINS:
                style.update(_TWIN_MARKER, markevery=_markevery(len(rows)))
            ax.plot(rows[col], rows["area_km2"], label=f"{key} ({SCENARIOS[key].symbol})",
                    **style)  # fmt: skip
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(label)
    axes[1].axhline(EARTH_AREA_KM2, color="0.45", linewidth=0.9, linestyle=(0, (1, 2)),
                    label=_EARTH_LABEL)  # fmt: skip
    axes[0].set_ylabel(_SHELL_AREA_LABEL)
    _tidy_log_axes(fig)
    fig.draw_without_rendering()
    for ax, title in ((axes[0], f"uplinks at {p['freq_ghz']:g} GHz"),
                      (axes[1], f"downlinks at {p['min_elevation_deg']:g}° minimum elevation")):  # fmt: skip
        _title_above_marks(ax, title, _name_marks(ax, marks))
    entries = _entries(*axes)
    columns = [[e for e in entries if e[1].startswith((u, d))] for u, d, _ in LAYER_PAIRS]
    legend = _legend_below(fig, [*columns, [e for e in entries if e[1] == _EARTH_LABEL]])
    return _finish(fig, legend)


def plot_uplink_cases(cases: pd.DataFrame) -> plt.Figure:
    """Half beamwidth against each receiver's tangent angle; case 1 where the beam is wider.

    A dot marks each receiver's case-1 limit (b = g): case 1 holds at lower
    frequencies. Above 180° the half beamwidth is the value of the formula
    κλ/(2D) only; the beam then covers the receiver's whole visible cap.
    """
    fig, ax = _new_figure(4.6)
    drawn = cases[cases["scenario"] != "A2S"]  # A2S receivers are the G2S ones, see the note
    for d, grp in cases.groupby("diameter_m", sort=False):
        first = grp[grp["rx_platform"] == grp["rx_platform"].iloc[0]]
        who = ", ".join(dict.fromkeys(grp["scenario"]))
        ax.plot(first["freq_ghz"], first["half_beamwidth_deg"], color="k",
                linewidth=2 if d > 1 else 1, label=f"half beamwidth b, D = {d:g} m ({who})")  # fmt: skip
    for (key, name), grp in drawn.groupby(["scenario", "rx_platform"], sort=False):
        style = dict(color=SCENARIO_COLORS[key], linestyle=ALTITUDE_STYLES[name])
        g = grp["tangent_angle_deg"].iloc[0]
        ax.axhline(g, linewidth=1, label=f"tangent angle g, {key} {name}", **style)  # fmt: skip
        f1 = grp["case1_below_ghz"].iloc[0]
        if grp["freq_ghz"].min() <= f1 <= grp["freq_ghz"].max():
            ax.plot([f1], [g], marker="o", markersize=6, color=style["color"], linestyle="none",
                    zorder=3)  # fmt: skip
    ax.plot([], [], marker="o", markersize=6, color="0.3", linestyle="none",
            label="case-1 limit (b = g): case 1 at lower frequencies")  # fmt: skip
    angles = np.concatenate([cases["half_beamwidth_deg"], cases["tangent_angle_deg"]])
    low, top = float(angles.min()), float(angles.max())
    if top > 180:
        ax.axhspan(180, 2 * top, color="0.9", zorder=0,
                   label="b > 180°: the value of κλ/(2D) only; the beam\n"
                   "covers the receiver's whole visible cap")  # fmt: skip
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylim(low / 1.5, top * 1.5)  # from the data: nothing is cut off
    ax.set_xlabel("carrier frequency (GHz)")
    ax.set_ylabel("angle at the receiver (°)")
    ax.set_title("Case 1 (b ≥ g) left of each dot, case 2 right of it")
    tangent = cases.groupby(["scenario", "rx_platform"], sort=False)["tangent_angle_deg"].first()
    gaps = [abs(tangent[("A2S", n)] - tangent[("G2S", n)]) for n in ("LEO", "MEO", "GEO")
            if ("A2S", n) in tangent.index]  # fmt: skip
    note = f"A2S receivers (not drawn): tangent angles within {max(gaps):.2g}° of G2S's"
    entries = _entries(ax)
    tangents = [e for e in entries if e[1].startswith("tangent angle")]
    others = [e for e in entries if not e[1].startswith("tangent angle")]
    legend = _legend_below(fig, [others, tangents], title=note if gaps else None,
                           title_fontsize=9)  # fmt: skip
    return _finish(fig, legend)


def plot_dome_vs_flat(data: pd.DataFrame) -> plt.Figure:
    """The share of the dome the flat disc misses: the curve and the scenarios' points.

    The air-layer scenarios (A2S, S2A) are drawn as open markers: they sit on
    their ground twins (G2S, S2G).
    """
    curve, points = data[data["kind"] == "curve"], data[data["kind"] == "scenario"]
    fig, ax = _new_figure(4.2)
    ax.plot(curve["vertex_angle_deg"], 1 - curve["flat_to_dome_area_ratio"], color="k",
            label=r"$\sin^2(\varphi/2)$")  # fmt: skip
    for key in SCENARIOS:
        rows = points[points["scenario"] == key]
        marker = "o" if SCENARIOS[key].is_uplink else "s"
        style = (dict(facecolors="none", edgecolors=SCENARIO_COLORS[key], s=70, linewidths=1.3)
                 if key in _AIR_TWINS else dict(color=SCENARIO_COLORS[key], s=28))  # fmt: skip
        ax.scatter(rows["vertex_angle_deg"], 1 - rows["flat_to_dome_area_ratio"], marker=marker,
                   zorder=3, label=key, **style)  # fmt: skip
    ax.axhline(0.01, color="0.5", linestyle="--", linewidth=0.8)
    ax.text(1.2e-4, 0.014, "1 % of the dome", color="0.35")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(r"vertex angle $\varphi$ (°)")
    ax.set_ylabel("area the flat disc misses\n(fraction of the dome)")
    ax.legend(ncol=4, loc="lower right")
    _tidy_log_axes(fig)
    return fig


# --------------------------------------------------------------------------- claims

_FIG3_UP = f"{PAPER}, Sec. III-B, Fig. 3 (uplinks)"
_FIG3_DOWN = f"{PAPER}, Sec. III-B, Fig. 3 (downlinks)"


def _by(table: pd.DataFrame, platform_col: str, x: str) -> pd.Series:
    return table.set_index(["scenario", platform_col, x])["area_km2"]


def _monotone_claim(
    claim_id: str,
    statement: str,
    source: str,
    table: pd.DataFrame,
    platform_col: str,
    x: str,
    sign: int,
) -> Claim:
    """Each curve strictly monotone in ``x`` (sign -1: decreasing, +1: increasing)."""
    bad = [
        f"{key} {name}"
        for (key, name), rows in table.groupby(["scenario", platform_col], sort=False)
        if not np.all(sign * np.diff(rows["area_km2"].to_numpy()) > 0)
    ]
    n = table.groupby(["scenario", platform_col]).ngroups
    lo, hi = table[x].min(), table[x].max()
    unit = " GHz" if x == "freq_ghz" else " deg"
    evidence = (
        f"All {n} curves strictly {'decrease' if sign < 0 else 'increase'} from "
        f"{lo:.3g} to {hi:.3g}{unit}."
        if not bad
        else f"Not strictly monotone: {', '.join(bad)}."
    )
    return claim(claim_id, statement, source, not bad, evidence, kind="source")


def _ordered_claim(
    claim_id: str,
    statement: str,
    source: str,
    by: pd.Series,
    chains: list[tuple[str, list[str]]],
    where: str,
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
    order = "; ".join(f"{' < '.join(chain)} for {key}" for key, chain in chains)
    evidence = (
        f"Checked {where} ({order}): the higher platform's dome is at least "
        f"{worst:.3g} times the lower one's."
        if not failures
        else f"Checked {where} ({order}): reversed for {', '.join(failures)} "
        f"(smallest ratio {worst:.3g})."
    )
    return claim(claim_id, statement, source, not failures, evidence, kind="source")


def _orders_smaller(small: pd.Series, large: pd.Series, level: str) -> tuple[float, float]:
    """Fewest and most orders of magnitude between the small and the large domes, over x."""
    fewest = np.log10(large.groupby(level=level).min() / small.groupby(level=level).max())
    most = np.log10(large.groupby(level=level).max() / small.groupby(level=level).min())
    return float(fewest.min()), float(most.max())


def uplink_claims(up: pd.DataFrame, cases: pd.DataFrame, p: Mapping[str, Any]) -> list[Claim]:
    """The paper's statements about the uplink domes (Sec. III-A and III-B), under these parameters.

    Parameters
    ----------
    up : pandas.DataFrame
        :func:`uplink_frequency_table` of the run.
    cases : pandas.DataFrame
        :func:`uplink_cases_table` of the run.
    p : mapping
        The run's parameters.

    Returns
    -------
    list of Claim
        Case 2, shrinking with frequency, growing with the receiver, G2A much
        smaller, G2A practically flat, G2S slightly larger than A2S.
    """
    by = _by(up, "rx_platform", "freq_ghz")
    limits = case1_limits(cases)["case 1 below (GHz)"]
    in_case1 = limits[limits >= p["freq_min_ghz"]]
    case2_rows = up["freq_ghz"].to_numpy() > np.array(
        [limits[(k, n)] for k, n in zip(up["scenario"], up["rx_platform"], strict=True)]
    )
    shrink = _monotone_claim(
        "coverage-uplink-shrinks-with-frequency",
        "For the three uplinks the dome's area and vertex angle decrease as the carrier "
        "frequency increases: a lower frequency enlarges the beamwidth (Fig. 3, drawn with "
        "the case-2 form of Theorem 1).",
        _FIG3_UP,
        up[case2_rows],
        "rx_platform",
        "freq_ghz",
        -1,
    )
    if not case2_rows.any():
        shrink = claim(shrink.claim_id, shrink.statement, shrink.source, None,
                       "No swept frequency is in case 2 for any receiver, so the case-2 "
                       "trend does not arise.", kind="source")  # fmt: skip
    elif not in_case1.empty:
        shrink = claim(shrink.claim_id, shrink.statement, shrink.source, shrink.holds,
                       shrink.evidence.rstrip(".") + " over their case-2 frequencies; below the case-1 limit "
                       "the dome stays at the tangent cap, whatever the frequency.",
                       kind="source")  # fmt: skip
    sats = ["LEO", "MEO", "GEO"]
    fewest, most = _orders_smaller(by["G2A"], by[["A2S", "G2S"]], "freq_ghz")
    ratio = {n: by["G2S"][n].to_numpy() / by["A2S"][n].to_numpy() for n in sats}
    g2a_phi = np.radians(up.loc[up["scenario"] == "G2A", "vertex_angle_deg"].to_numpy())
    g2a_missed = float(np.max(np.sin(g2a_phi / 2) ** 2))
    sweep = f"{p['freq_min_ghz']:g} to {p['freq_max_ghz']:g} GHz"
    case1_text = ", ".join(f"{k} {n} {v:.2g} GHz" for (k, n), v in limits.items())
    return [
        claim(
            "coverage-uplinks-in-case-2",
            "In the general frequency range (its MHz bounds are missing from our copy) the "
            "half beamwidth stays below the receiver's tangent angle, so the three uplinks are "
            "in case 2 of Proposition 1 (the beam edge meets the sphere), never in case 1 "
            "(a beam wider than the visible cap).",
            f"{PAPER}, Sec. III-A, after Proposition 1",
            in_case1.empty,
            f"Read over the chapter's sweep, {sweep}. Case 1 holds below: {case1_text}; "
            + (
                "every swept frequency is in case 2."
                if in_case1.empty
                else "so the sweep reaches case 1 for "
                + ", ".join(f"{k} {n}" for k, n in in_case1.index)
                + "."
            ),
            kind="source",
        ),
        shrink,
        _ordered_claim(
            "coverage-uplink-higher-receiver-larger",
            "For the three uplinks the dome's area and vertex angle increase with the "
            "receiver's altitude: a higher receiver has a wider coverage region.",
            _FIG3_UP,
            by,
            [("G2A", ["UAV", "HAP"]), ("A2S", sats), ("G2S", sats)],
            f"at every swept frequency, {sweep}",
        ),
        claim(
            "coverage-g2a-much-smaller",
            "Among the three uplinks the G2A dome is much smaller than the A2S and G2S domes, "
            "because aerial altitudes are much shorter than the Earth's radius.",
            _FIG3_UP,
            fewest >= math.log10(MUCH_SMALLER_FACTOR),
            f"'Much smaller' read as at least {MUCH_SMALLER_FACTOR:g} times at every swept "
            f"frequency: the largest G2A dome is {fewest:.2f} to {most:.2f} orders of magnitude "
            "smaller than the satellite domes over the sweep.",
            kind="source",
        ),
        claim(
            "coverage-g2a-practically-flat",
            "Because aerial altitudes are much shorter than the Earth's radius, the G2A coverage "
            "region in practice tends to be a horizontal circular region.",
            f"{PAPER}, Sec. III-A, after Lemma 1",
            g2a_missed < 0.01,
            "'Tends to be' read as the flat disc of the dome's rim within 1 % of its area: over "
            f"{sweep} the flat disc misses at most {g2a_missed:.2g} of a G2A dome "
            f"(sin^2(phi/2) at phi = {np.degrees(g2a_phi.max()):.3g} deg).",
            kind="source",
        ),
        claim(
            "coverage-g2s-larger-than-a2s",
            "The G2S dome's area and vertex angle are slightly larger than those of the A2S dome "
            "of the same satellite, because G2S has the longer transmission distance.",
            _FIG3_UP,
            all(np.all(r > 1) for r in ratio.values()),
            f"G2S / A2S area ratio over {sweep}: "
            + ", ".join(f"{n} {r.min():.4f} to {r.max():.4f}" for n, r in ratio.items())
            + ".",
            kind="source",
        ),
    ]


def downlink_claims(down: pd.DataFrame) -> list[Claim]:
    """The paper's statements about the downlink domes of Fig. 3, under these parameters.

    Parameters
    ----------
    down : pandas.DataFrame
        :func:`downlink_elevation_table` of the run.

    Returns
    -------
    list of Claim
        Shrinking with the minimum elevation, growing with the transmitters'
        altitude, A2G much smaller, S2G slightly larger than S2A.
    """
    by = _by(down, "tx_platform", "min_elev_deg")
    sats = ["LEO", "MEO", "GEO"]
    fewest, most = _orders_smaller(by["A2G"], by[["S2A", "S2G"]], "min_elev_deg")
    ratio = {n: by["S2G"][n].to_numpy() / by["S2A"][n].to_numpy() for n in sats}
    lo, hi = down["min_elev_deg"].min(), down["min_elev_deg"].max()
    sweep = f"{lo:.3g} to {hi:.3g} deg"
    return [
        _monotone_claim(
            "coverage-downlink-shrinks-with-elevation",
            "For the three downlinks the dome's area and vertex angle decrease as the "
            "receiver's minimum elevation increases: a larger elevation narrows the "
            "observation angle.",
            _FIG3_DOWN,
            down,
            "tx_platform",
            "min_elev_deg",
            -1,
        ),
        _ordered_claim(
            "coverage-downlink-higher-transmitter-larger",
            "For the three downlinks the dome's area and vertex angle increase with the "
            "transmitters' altitude: higher transmitters give a wider observation region.",
            _FIG3_DOWN,
            by,
            [("A2G", ["UAV", "HAP"]), ("S2A", sats), ("S2G", sats)],
            f"at every swept minimum elevation, {sweep}",
        ),
        claim(
            "coverage-a2g-much-smaller",
            "The A2G dome is very small next to the S2A and S2G domes, for the same reason as "
            "G2A among the uplinks (the sentence calls A2G 'the G2A scenario').",
            _FIG3_DOWN,
            fewest >= math.log10(MUCH_SMALLER_FACTOR),
            f"'Very small' read as at least {MUCH_SMALLER_FACTOR:g} times at every swept "
            f"minimum elevation: the largest A2G dome is {fewest:.2f} to {most:.2f} orders of "
            "magnitude smaller than the satellite domes over the sweep.",
            kind="source",
        ),
        claim(
            "coverage-s2g-larger-than-s2a",
            "The S2G dome's area and vertex angle are slightly larger than those of the S2A dome "
            "under the same satellites, for the same reason as G2S against A2S.",
            _FIG3_DOWN,
            all(np.all(r > 1) for r in ratio.values()),
            f"S2G / S2A area ratio over {sweep}: "
            + ", ".join(f"{n} {r.min():.4f} to {r.max():.4f}" for n, r in ratio.items())
            + ".",
            kind="source",
        ),
    ]


def altitude_claims(
    alt: pd.DataFrame, points: pd.DataFrame, p: Mapping[str, Any] | None = None
) -> list[Claim]:
    """Growth with altitude (Fig. 3) and the flat-disc corollary, under these parameters.

    Parameters
    ----------
    alt : pandas.DataFrame
        :func:`altitude_table` of the run.
    points : pandas.DataFrame
        :func:`point_domes` of the run.
    p : mapping, optional
        The run's parameters (for the evidence's wording).

    Returns
    -------
    list of Claim
        The paper's growth with altitude (a source statement) and the study's
        flat-disc check.
    """
    shrinking = [
        key for key in SCENARIOS
        if not np.all(np.diff(alt.loc[alt["scenario"] == key, "area_km2"].to_numpy()) > 0)
    ]  # fmt: skip
    phi = np.radians(points["vertex_angle_deg"].to_numpy())
    missed = 1 - points["flat_to_dome_area_ratio"].to_numpy()
    err = float(np.max(np.abs(missed - np.sin(phi / 2) ** 2)))
    at = f" at {p['freq_ghz']:g} GHz and {p['min_elevation_deg']:g} deg" if p else ""
    return [
        claim(
            "coverage-grows-with-altitude",
            "The dome grows with altitude: an uplink dome with its receiver's altitude, a "
            "downlink dome with its transmitters' altitude.",
            f"{PAPER}, Sec. III-B, Fig. 3",
            not shrinking,
            f"Read over continuous altitude sweeps from drones to beyond GEO{at}: "
            + (
                "the area strictly increases for all six scenarios."
                if not shrinking
                else f"not strictly increasing for {', '.join(shrinking)}."
            ),
            kind="source",
        ),
        claim(
            "coverage-flat-disc-misses-sin2",
            "The flat disc spanned by a dome's rim misses the share sin^2(phi/2) of the dome's "
            "area, whatever the scenario (Corollary cor-flat-disc).",
            f"{STUDY}, Corollary cor-flat-disc (model page)",
            err < 1e-12,
            f"Largest difference between the computed share and sin^2(phi/2) over the "
            f"{len(points)} point domes: {err:.1e}.",
            kind="check",
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
        "cases_low_mhz": f"{1000 * cases['freq_ghz'].min():.3g}",
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

_INSIGHT2 = f"{PAPER}, Sec. IV-B, Insight 2"
_INSIGHT3 = f"{PAPER}, Sec. IV-B, Insight 3"


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


def insight2_figure_data(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`insight2_table` that the Insight 2 figure plots: the downlinks.

    The uplink rows are the left panel of the altitude figure (the same altitudes),
    so the Insight 2 figure shows only what it adds.
    """
    return table[table["scenario"].isin(DOWNLINKS)].reset_index(drop=True)


def _curves(table: pd.DataFrame, keys: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    rows = table[table["scenario"].isin(keys)]
    return {name: grp.sort_values("rx_alt_km") for name, grp in rows.groupby("curve", sort=False)}


def insight2_claims(table: pd.DataFrame, p: Mapping[str, Any]) -> list[Claim]:
    """Insight 2 (a higher receiver, a larger dome, 'for all six scenarios'), read per direction.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`insight2_table` of the run.
    p : mapping
        The run's parameters.

    Returns
    -------
    list of Claim
        The insight read for the three uplinks, then for the three downlinks.
        Geometry decides both: an uplink dome grows as its receiver rises, a
        downlink dome shrinks (the second claim fails for any parameters).
    """
    up = _curves(table, UPLINKS)
    down = _curves(table, DOWNLINKS)

    def growth(rows: pd.DataFrame) -> float:
        return float(rows["area_km2"].iloc[-1] / rows["area_km2"].iloc[0])

    def strictly(rows: pd.DataFrame, sign: int) -> bool:
        return bool(np.all(sign * np.diff(rows["area_km2"].to_numpy()) > 0))

    not_growing_up = [n for n, r in up.items() if not strictly(r, +1)]
    growing_down = [n for n, r in down.items() if strictly(r, +1)]
    not_shrinking_down = [n for n, r in down.items() if not strictly(r, -1)]
    up_text = "; ".join(
        f"{n} by a factor {growth(r):.2g} (receiver {format_number(r['rx_alt_km'].iloc[0], 3)} "
        f"to {format_number(r['rx_alt_km'].iloc[-1], 3)} km)"
        for n, r in up.items()
    )
    leo = down["S2G/S2A from LEO"]
    s2g = float(leo["area_km2"].iloc[0])
    at_air = leo[leo["rx_alt_km"] == p["air_alt_km"]]
    s2a = float(at_air["area_km2"].iloc[0]) if len(at_air) else float("nan")
    a2g = down["A2G from HAP"]
    half = a2g.iloc[int(np.searchsorted(a2g["rx_alt_km"].to_numpy(), p["hap_alt_km"] / 2))]
    down_text = (
        f"under LEO transmitters ({p['leo_alt_km']:g} km) a ground receiver's S2G dome is "
        f"{s2g:.4g} km^2, an S2A receiver's at {p['air_alt_km']:g} km {s2a:.4g} km^2 "
        f"({100 * (s2a / s2g - 1):+.2f} %); under HAP transmitters ({p['hap_alt_km']:g} km) "
        f"the A2G dome falls from {a2g['area_km2'].iloc[0]:.4g} km^2 (receiver on the ground) "
        f"to {half['area_km2']:.4g} km^2 (receiver at {half['rx_alt_km']:.3g} km)"
    )
    statement = (
        "The coverage area can be enhanced by increasing the receiver height, 'for all six "
        "scenarios' (Insight 2); read here for the three {}."
    )
    return [
        claim(
            "coverage-insight2-uplinks",
            statement.format("uplinks, G2A, A2S and G2S"),
            _INSIGHT2,
            not not_growing_up,
            f"At {p['freq_ghz']:g} GHz every uplink dome grows strictly as its receiver rises: "
            + up_text
            + (f"; not strictly increasing: {', '.join(not_growing_up)}" if not_growing_up else "")
            + ".",
            kind="source",
        ),
        claim(
            "coverage-insight2-downlinks",
            statement.format("downlinks, A2G, S2A and S2G"),
            _INSIGHT2,
            len(growing_down) == len(down),
            (
                f"At {p['min_elevation_deg']:g} deg minimum elevation every downlink dome "
                "shrinks as its receiver rises towards the transmitters: "
                if not not_shrinking_down
                else f"Not strictly decreasing: {', '.join(not_shrinking_down)}; "
            )
            + down_text
            + ". A downlink dome grows with its transmitters' altitude instead.",
            kind="source",
        ),
    ]


def plot_insight2(table: pd.DataFrame, p: Mapping[str, Any]) -> plt.Figure:
    """Downlink domes against the receiver's altitude: how much smaller than on the ground.

    Each curve divides the dome of a raised receiver by that of the same curve's
    ground receiver (A2G under HAP transmitters; S2A, raised from the S2G ground
    receiver, under LEO, MEO and GEO) and plots the shortfall in per cent. The
    uplinks' half of Insight 2 is the left panel of :func:`plot_altitude`.
    """
    fig, ax = _new_figure(4.3)
    y = "area_to_ground_receiver_ratio"
    for name, rows in _curves(table, DOWNLINKS).items():
        platform = name.rsplit(" ", 1)[-1]
        key = "A2G" if name.startswith("A2G") else "S2A"
        raised = rows[rows["rx_alt_km"] > 0]
        shortfall = 100 * (1 - raised[y])
        keep = shortfall > 0
        label = (
            f"{key} under {platform} transmitters ({format_number(rows['tx_alt_km'].iloc[0])} km)"
        )
        ax.plot(raised["rx_alt_km"][keep], shortfall[keep], color=SCENARIO_COLORS[key],
                linestyle=ALTITUDE_STYLES[platform], label=label)  # fmt: skip
        at_air = raised[(raised["scenario"] == "S2A") & (raised["rx_alt_km"] == p["air_alt_km"])]
        at_air = at_air[100 * (1 - at_air[y]) > 0]
        ax.plot(at_air["rx_alt_km"], 100 * (1 - at_air[y]), marker="o", markersize=6,
                linestyle="none", zorder=3, color=SCENARIO_COLORS["S2A"])  # fmt: skip
    ax.plot([], [], marker="o", markersize=6, linestyle="none", color=SCENARIO_COLORS["S2A"],
            label=f"S2A receiver at the air layer ({p['air_alt_km']:g} km)")  # fmt: skip
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("receiver altitude (km)")
    ax.set_ylabel("shortfall against a ground\nreceiver's dome (%)")
    ax.set_title(f"Downlinks at {p['min_elevation_deg']:g}° minimum elevation: "
                 "a raised receiver sees a smaller dome")  # fmt: skip
    entries = _entries(ax)
    s2a = [e for e in entries if e[1].startswith("S2A under")]
    legend = _legend_below(fig, [[e for e in entries if e not in s2a], s2a])
    return _finish(fig, legend)


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
    """Insight 3 (downlink domes larger than uplink domes), pair by pair over the swept frequencies.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`insight3_table` of the run.
    p : mapping
        The run's parameters.

    Returns
    -------
    Claim
    """
    swept = table[table["in_sweep"]]
    worst = swept.groupby(["uplink", "platform"], sort=False)["downlink_to_uplink_area_ratio"].min()
    cross = table.groupby(["uplink", "platform"], sort=False)["crossover_ghz"].first()
    down_of = {u: d for u, d, _ in LAYER_PAIRS}
    failing = [f"{down_of[u]}/{u} {n}" for (u, n), r in worst.items() if r <= 1]
    u_min, n_min = worst.idxmin()
    crossings = [f"{down_of[u]}/{u} {n} {f:.2g} GHz" for (u, n), f in cross.items() if f > 0]
    return claim(
        "coverage-insight3-downlink-larger",
        "Downlink scenarios feature higher altitudes and wider observation angles at the "
        "receiver (auto-tracking) than uplink scenarios, resulting in a larger coverage area "
        "for downlink scenarios (Insight 3).",
        _INSIGHT3,
        not failing,
        "Read pair by pair (A2G/G2A, S2A/A2S, S2G/G2S, same layers and platform) at every swept "
        f"frequency, {p['freq_min_ghz']:g} to {p['freq_max_ghz']:g} GHz, at "
        f"{p['min_elevation_deg']:g} deg: the smallest downlink/uplink area ratio is "
        f"{worst.min():.3g} ({down_of[u_min]}/{u_min} {n_min})"
        + (f". Uplink the larger within the sweep: {', '.join(failing)}" if failing else "")
        + (
            ". The uplink dome is the larger below: " + ", ".join(crossings)
            if crossings
            else ". The uplink dome is never the larger"
        )
        + ".",
        kind="source",
    )


def plot_insight3(table: pd.DataFrame, p: Mapping[str, Any]) -> plt.Figure:
    """Downlink over uplink area against frequency, one curve per layer pair and platform.

    The air-space pair (S2A / A2S) carries circles: it lies on the ground-space
    pair (S2G / G2S); the legend's title says by how much they differ.
    """
    fig, ax = _new_figure(4.6)
    ax.axvspan(p["freq_min_ghz"], p["freq_max_ghz"], color="0.93", zorder=0,
               label="the chapter's sweep")  # fmt: skip
    ratio = "downlink_to_uplink_area_ratio"
    for (u, d, name), rows in table.groupby(["uplink", "downlink", "platform"], sort=False):
        style: dict[str, Any] = dict(color=SCENARIO_COLORS[d], linestyle=ALTITUDE_STYLES[name])
        if d in _AIR_TWINS:
            style.update(_TWIN_MARKER, markevery=_markevery(len(rows)))
        ax.plot(rows["freq_ghz"], rows[ratio], label=f"{d} / {u}, {name}", **style)
    ax.axhline(1.0, color="k", linewidth=0.8)
    ax.text(0.01, 1.0, " downlink = uplink", transform=ax.get_yaxis_transform(), va="bottom",
            color="0.3")  # fmt: skip
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("uplink carrier frequency (GHz)")
    ax.set_ylabel("downlink / uplink dome area (ratio)")
    ax.set_title(f"Insight 3 at {p['min_elevation_deg']:g}° downlink minimum elevation")
    per = []
    for name, rows in table[table["downlink"] == "S2A"].groupby("platform", sort=False):
        twin = table[(table["downlink"] == "S2G") & (table["platform"] == name)]
        diff = np.max(np.abs(rows[ratio].to_numpy() / twin[ratio].to_numpy() - 1))
        per.append(f"{100 * diff:.2g} % ({name})")
    note = "S2A / A2S (○) and S2G / G2S differ by at most " + ", ".join(per)
    legend = fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncol=3,
                        title=note, title_fontsize=9)  # fmt: skip
    return _finish(fig, legend)


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
    """Sec. III-B's insight: the higher the aerial layer, the clearer the A2S-G2S difference.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`air_altitude_gap_table` of the run.
    p : mapping
        The run's parameters.

    Returns
    -------
    Claim
    """
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
        "The higher the altitude of the aerial vehicles, the clearer the difference between "
        "the A2S and G2S domes.",
        f"{PAPER}, Sec. III-B, Insights",
        not bad,
        f"G2S's excess area over A2S at {p['freq_ghz']:g} GHz, aerial layer raised from "
        f"{p['air_sweep_min_km']:g} to {p['air_sweep_max_km']:g} km: "
        + ", ".join(parts)
        + (f"; not growing or not positive for {', '.join(bad)}" if bad else "")
        + f". The downlinks follow (S2G over S2A at {p['min_elevation_deg']:g} deg: "
        + ", ".join(down)
        + ").",
        kind="source",
    )


def plot_air_altitude_gap(table: pd.DataFrame, p: Mapping[str, Any]) -> plt.Figure:
    """The G2S-over-A2S and S2G-over-S2A excess against the aerial altitude."""
    fig, axes = _new_figure(4.1, 2, sharey=True)
    panels = ((axes[0], "g2s_over_a2s_excess_pct", "G2S",
               f"uplinks at {p['freq_ghz']:g} GHz: G2S over A2S"),
              (axes[1], "s2g_over_s2a_excess_pct", "S2G",
               f"downlinks at {p['min_elevation_deg']:g}°: S2G over S2A"))  # fmt: skip
    # Logarithmic down to the smallest excess; linear through 0 should the order flip.
    values = np.abs(table[[c for _, c, _, _ in panels]].to_numpy().ravel())
    smallest = values[values > 0].min() if np.any(values > 0) else 1.0
    linthresh = 10 ** math.floor(math.log10(max(smallest, 1e-12)))
    for ax, col, key, _title in panels:
        for name, rows in table.groupby("satellite", sort=False):
            ax.plot(rows["air_alt_km"], rows[col], color=SCENARIO_COLORS[key],
                    linestyle=ALTITUDE_STYLES[name], label=f"{name} ({key})")  # fmt: skip
        ax.set_xscale("log")
        ax.set_yscale("symlog", linthresh=linthresh)
        ax.set_xlabel("aerial layer altitude (km)")
    axes[0].set_ylabel("excess area (%)")
    _tidy_log_axes(fig)
    fig.draw_without_rendering()
    marks = {n: p[f"{n.lower()}_alt_km"] for n in ("UAV", "HAP")}
    for ax, _col, _key, title in panels:
        _title_above_marks(ax, title, _name_marks(ax, marks))
    legend = _legend_below(fig, [_entries(axes[0]), _entries(axes[1])])
    return _finish(fig, legend)


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
        "ins3_low_mhz": f"{1000 * ins3['freq_ghz'].min():.3g}",
        "ins3_cross_text": below(("G2A", "HAP"), "G2A from a HAP")
        + " and "
        + below(("G2S", "LEO"), "G2S from LEO"),
        "gap_air_min": f"{p['air_sweep_min_km']:g}",
        "gap_air_max": f"{p['air_sweep_max_km']:g}",
        "gap_leo_low_pct": f"{by_sat.first()['LEO']:.2g}",
        "gap_leo_high_pct": f"{by_sat.last()['LEO']:.2g}",
        "gap_geo_high_pct": f"{by_sat.last()['GEO']:.2g}",
    }
