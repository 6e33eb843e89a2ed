"""The networks chapter: cellular against cell-free HAPS networks (survey Fig. 8(b), Fig. 9).

The chapter (``book/networks.ipynb``) rebuilds the two results of Lou,
Belmekki and Alouini that the near-space survey shows as its Fig. 9: the
energy efficiency of cellular and cell-free HAPS networks, and the coverage
probability against the number of HAPS for fixed LEO constellations, with the
HAPS relaying the users' traffic to the satellites. The source's parameter
values are lost, so every assumption is a stated choice tabulated with its
source (:func:`assumptions_table`). This module declares the chapter's
parameters (:data:`SPEC`) and holds its tables, figures, prose values and
claims; the library model is :mod:`sagin_lib.platforms.cell_free`.

Parameters come as the checked mapping that :meth:`ChapterSpec.bind` returns,
in the chapter's human units (GHz, MHz, dBm, dBW, dBi, km, degrees, W).
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from sagin_lib._random import as_seed_sequence, child_seed_sequence
from sagin_lib.platforms.cell_free import NetworkParams, coverage_sweep, energy_efficiency_drops
from sagin_lib.platforms.haps_coverage import HapsCoverageParams, coverage_probability_no_fading
from sagin_lib.study.claims import Claim, claim
from sagin_lib.study.sources import SURVEY
from sagin_lib.study.spec import ChapterSpec, Constraint, Param, output_dir_param

__all__ = [
    "SPEC",
    "assumptions_figure",
    "assumptions_markdown",
    "assumptions_table",
    "chapter_claims",
    "coverage_figure",
    "coverage_summary",
    "coverage_table",
    "direct_access_model",
    "display_summary",
    "ee_figure",
    "ee_summary",
    "ee_table",
    "n_haps_values",
    "network_model",
    "prose_values",
]

Params = Mapping[str, Any]

#: Largest number of points of one coverage curve.
MAX_SWEEP_POINTS = 101
#: Family-wise false-alarm rate of the Monte Carlo checks (Bonferroni over all tests).
FAMILY_ALPHA = 0.01
#: Width, in standard errors, of the bands drawn and of the rise test.
Z_BAND = 4.0
#: Below this many users per point the normal approximation of the rise test is not used.
MIN_USERS_FOR_Z = 100
#: The HAPS count at which the chapter quotes coverage.
QUOTE_N_HAPS = 100

_SURVEY = f"{SURVEY}, Sec. III-A and Fig. 9 (after Lou, Belmekki and Alouini 2023)"

SPEC = ChapterSpec(
    "networks",
    (
        output_dir_param("networks"),
        Param("freq_ghz", 2.0, "access carrier (user to HAPS)", "GHz", 0.5, 40.0),
        Param("bandwidth_mhz", 20.0, "access bandwidth", "MHz", 1.0, 400.0),
        Param("noise_figure_db", 7.0, "user receiver noise figure", "dB", 0.0, 15.0),
        Param("ue_gain_dbi", 0.0, "user antenna gain", "dBi", -10.0, 30.0),
        Param("haps_tx_power_dbm", 43.0, "largest transmit power of one HAPS", "dBm", 10.0, 60.0),
        Param("haps_element_gain_dbi", 8.0, "gain of one HAPS antenna element", "dBi", 0.0, 30.0),
        Param("haps_antennas", 16, "antennas per HAPS", "antennas", 1, 256),
        Param("haps_alt_km", 20.0, "HAPS altitude", "km", 8.0, 50.0),
        Param(
            "min_elevation_deg",
            10.0,
            "minimum elevation of a HAPS seen by a user",
            "deg",
            0.0,
            80.0,
        ),
        Param("access_snr_threshold_db", 5.0, "access SNR needed for coverage", "dB", -10.0, 40.0),
        Param("sat_alt_km", 600.0, "LEO altitude", "km", 300.0, 2000.0),
        Param(
            "sat_eirp_density_dbw_mhz",
            34.0,
            "satellite EIRP density of the direct-access comparison",
            "dBW/MHz",
            0.0,
            60.0,
        ),
        Param("sat_tx_gain_dbi", 30.0, "satellite antenna gain (direct access)", "dBi", 0.0, 60.0),
        Param("backhaul_freq_ghz", 30.0, "HAPS-to-LEO backhaul carrier", "GHz", 1.0, 100.0),
        Param("backhaul_bandwidth_mhz", 400.0, "backhaul bandwidth", "MHz", 1.0, 2000.0),
        Param("backhaul_eirp_dbw", 46.2, "EIRP of a HAPS backhaul terminal", "dBW", 0.0, 80.0),
        Param("sat_g_over_t_dbk", 13.0, "satellite receive G/T (backhaul)", "dB/K", -30.0, 40.0),
        Param(
            "backhaul_min_elevation_deg",
            10.0,
            "minimum elevation of a satellite seen from a HAPS",
            "deg",
            0.0,
            80.0,
        ),
        Param(
            "backhaul_snr_threshold_db", 0.0, "backhaul SNR needed for a link", "dB", -10.0, 30.0
        ),
        Param("static_power_w", 130.0, "static power of one HAPS payload", "W", 1.0, 10000.0),
        Param("load_factor", 4.7, "W drawn per W radiated (load-dependent slope)", "", 0.0, 50.0),
        Param(
            "backhaul_power_w_per_gbps",
            0.25,
            "backhaul power per forwarded traffic",
            "W per Gbit/s",
            0.0,
            10000.0,
        ),
        Param(
            "ee_region_radius_km",
            50.0,
            "ground radius of the energy-efficiency area",
            "km",
            1.0,
            500.0,
        ),
        Param("ee_users", 20, "users per energy-efficiency drop", "users", 1, 100),
        Param(
            "ee_haps_counts",
            [4, 8, 16, 32],
            "numbers of HAPS of the energy-efficiency CDFs",
            "HAPS",
            1,
            100,
            max_items=6,
            increasing=True,
        ),
        Param("ee_drops", 400, "random placements per HAPS count", "drops", 1, 2000),
        Param(
            "cov_region_radius_km",
            1000.0,
            "ground radius of the HAPS deployment (coverage)",
            "km",
            10.0,
            20000.0,
        ),
        Param(
            "sat_counts",
            [20, 50, 100, 300],
            "LEO constellation sizes, one coverage curve each",
            "satellites",
            0,
            2000,
            max_items=6,
            increasing=True,
        ),
        Param("n_haps_max", 200, "largest number of HAPS of the coverage sweep", "HAPS", 0, 1000),
        Param("n_haps_step", 10, "step of the coverage sweep", "HAPS", 1, 1000),
        Param("n_users", 2000, "Monte Carlo users per coverage point", "users", 1, 10000),
        Param("seed", 2023, "root seed of every Monte Carlo", "", 0, 2**32 - 1),
    ),
    (
        Constraint(
            ("n_haps_max", "n_haps_step"),
            f"n_haps_max / n_haps_step <= {MAX_SWEEP_POINTS - 1} "
            f"(at most {MAX_SWEEP_POINTS} points per curve)",
            lambda v: v["n_haps_max"] // v["n_haps_step"] < MAX_SWEEP_POINTS,
        ),
    ),
)


# ----------------------------------------------------------------- models


def network_model(params: Params) -> NetworkParams:
    """The library model under the chapter's parameters."""
    return NetworkParams(
        freq_hz=params["freq_ghz"] * 1e9,
        bandwidth_hz=params["bandwidth_mhz"] * 1e6,
        noise_figure_db=params["noise_figure_db"],
        ue_gain_dbi=params["ue_gain_dbi"],
        haps_tx_power_dbw=params["haps_tx_power_dbm"] - 30.0,
        haps_element_gain_dbi=params["haps_element_gain_dbi"],
        haps_antennas=int(params["haps_antennas"]),
        haps_alt_km=params["haps_alt_km"],
        min_elevation_rad=math.radians(params["min_elevation_deg"]),
        access_snr_threshold_db=params["access_snr_threshold_db"],
        sat_alt_km=params["sat_alt_km"],
        backhaul_freq_hz=params["backhaul_freq_ghz"] * 1e9,
        backhaul_bandwidth_hz=params["backhaul_bandwidth_mhz"] * 1e6,
        backhaul_eirp_dbw=params["backhaul_eirp_dbw"],
        sat_g_over_t_db_k=params["sat_g_over_t_dbk"],
        backhaul_min_elevation_rad=math.radians(params["backhaul_min_elevation_deg"]),
        backhaul_snr_threshold_db=params["backhaul_snr_threshold_db"],
        static_power_w=params["static_power_w"],
        load_factor=params["load_factor"],
        backhaul_energy_j_per_bit=params["backhaul_power_w_per_gbps"] * 1e-9,
    )


def direct_access_model(params: Params) -> HapsCoverageParams:
    """The platforms chapter's direct-access model (user to HAPS or LEO) with this chapter's link.

    A HAPS beams its whole array (``M`` elements) at the user; a satellite
    radiates the chapter's EIRP density over the access bandwidth. No fading.
    """
    sat_eirp_dbw = params["sat_eirp_density_dbw_mhz"] + 10.0 * math.log10(params["bandwidth_mhz"])
    return HapsCoverageParams(
        freq_hz=params["freq_ghz"] * 1e9,
        bandwidth_hz=params["bandwidth_mhz"] * 1e6,
        noise_figure_db=params["noise_figure_db"],
        rx_gain_dbi=params["ue_gain_dbi"],
        snr_threshold_db=params["access_snr_threshold_db"],
        min_elevation_rad=math.radians(params["min_elevation_deg"]),
        haps_alt_km=params["haps_alt_km"],
        haps_tx_power_dbw=params["haps_tx_power_dbm"] - 30.0,
        haps_tx_gain_dbi=params["haps_element_gain_dbi"]
        + 10.0 * math.log10(int(params["haps_antennas"])),
        haps_region_radius_km=params["cov_region_radius_km"],
        sat_alt_km=params["sat_alt_km"],
        sat_tx_power_dbw=sat_eirp_dbw - params["sat_tx_gain_dbi"],
        sat_tx_gain_dbi=params["sat_tx_gain_dbi"],
        fading="none",
    )


def n_haps_values(params: Params) -> list[int]:
    """The HAPS counts of the coverage sweep: ``0, step, 2 step, ... <= n_haps_max``."""
    return list(range(0, int(params["n_haps_max"]) + 1, int(params["n_haps_step"])))


# ----------------------------------------------------------------- assumptions

_TR821 = "3GPP TR 38.821"
_TR811 = "3GPP TR 38.811"


def assumptions_table(params: Params) -> pd.DataFrame:
    """Every assumption of the chapter with its value, unit and source.

    Columns ``part``, ``quantity``, ``value``, ``unit``, ``source``, ``note``
    (``value`` is text: numbers as run, or the modelling rule).
    """
    p = params
    m = network_model(p)

    def row(part: str, quantity: str, value: Any, unit: str, source: str, note: str) -> dict:
        text = f"{value:g}" if isinstance(value, (int, float)) else str(value)
        return {"part": part, "quantity": quantity, "value": text, "unit": unit,
                "source": source, "note": note}  # fmt: skip

    rows = [
        row("source", "parameter values of Lou, Belmekki and Alouini", "not in our sources", "",
            _SURVEY, "the survey shows only the curves of Fig. 9; every value below is ours"),
        row("access", "carrier frequency", p["freq_ghz"], "GHz", _TR821,
            "S-band NTN carrier (2 GHz)"),
        row("access", "bandwidth", p["bandwidth_mhz"], "MHz", "our choice",
            "inside the 30 MHz S-band NTN allocations"),
        row("access", "user noise figure", p["noise_figure_db"], "dB", _TR821, "handheld UE"),
        row("access", "user antenna gain", p["ue_gain_dbi"], "dBi", _TR821, "handheld UE"),
        row("access", "noise temperature", 290, "K", "ITU-R reference temperature",
            "N0 = k T B F"),
        row("access", "HAPS altitude", p["haps_alt_km"], "km", _TR811,
            "HAPS fly at 8-50 km, 20 km typical"),
        row("access", "minimum elevation (user to HAPS)", p["min_elevation_deg"], "deg",
            f"{_TR811}; {_TR821}", "10 deg NTN minimum elevation"),
        row("access", "HAPS transmit power", p["haps_tx_power_dbm"], "dBm",
            "our choice (EARTH macro P_max = 20 W)", "no HAPS power in TR 38.811/38.821"),
        row("access", "HAPS antenna element gain", p["haps_element_gain_dbi"], "dBi",
            "3GPP TR 38.901", "8 dBi element of the 3GPP array model"),
        row("access", "antennas per HAPS", p["haps_antennas"], "", "our choice",
            "array gain M on every beam"),
        row("access", "access SNR threshold", p["access_snr_threshold_db"], "dB", "our choice",
            "as in the platforms chapter"),
        row("access", "path loss", "free space", "", "ITU-R P.525",
            "line of sight from a HAPS; no shadowing"),
        row("access", "atmospheric gases", "neglected", "", "ITU-R P.676",
            "below 0.3 dB at 2 GHz and 10 deg elevation"),
        row("access", "beamforming", "conjugate, perfect CSI, phase-synchronised HAPS", "",
            "Ngo et al. 2017", "interference averaged over random carrier phases"),
        row("access", "cellular association", "strongest visible HAPS", "", "our choice",
            "one HAPS per user; idle HAPS radiate nothing"),
        row("access", "cell-free association", "every visible HAPS", "", "Ngo et al. 2017",
            "all HAPS a user sees serve it coherently"),
        row("backhaul", "LEO altitude", p["sat_alt_km"], "km", _TR821, "LEO-600 reference"),
        row("backhaul", "backhaul carrier", p["backhaul_freq_ghz"], "GHz", _TR821,
            "Ka band (uplink 27.5-30 GHz)"),
        row("backhaul", "backhaul bandwidth", p["backhaul_bandwidth_mhz"], "MHz", _TR821,
            "Ka-band channel bandwidth"),
        row("backhaul", "HAPS backhaul EIRP", p["backhaul_eirp_dbw"], "dBW",
            "our choice (VSAT-class terminal of TR 38.821)", "2 W into a 60 cm dish"),
        row("backhaul", "satellite G/T", p["sat_g_over_t_dbk"], "dB/K", _TR821,
            "LEO-600 Ka band"),
        row("backhaul", "minimum elevation (HAPS to LEO)", p["backhaul_min_elevation_deg"], "deg",
            "our choice", "as the access link"),
        row("backhaul", "backhaul SNR threshold", p["backhaul_snr_threshold_db"], "dB",
            "our choice", ""),
        row("backhaul", "rain and gases", "neglected", "", "ITU-R P.676",
            "the HAPS flies above the rain and almost all of the gases"),
        row("backhaul", "backhaul reach (ground arc)", round(m.backhaul_angle_rad * 6371.0, 1),
            "km", "derived", "smaller of the elevation and the SNR limits"),
        row("direct", "satellite EIRP density", p["sat_eirp_density_dbw_mhz"], "dBW/MHz", _TR821,
            "LEO-600 S band; direct-access comparison only"),
        row("direct", "satellite antenna gain", p["sat_tx_gain_dbi"], "dBi", _TR821,
            "LEO-600 S band"),
        row("power", "static power per HAPS payload", p["static_power_w"], "W",
            "Auer et al. 2011 (EARTH)", "macro base station P_0"),
        row("power", "load-dependent slope", p["load_factor"], "W/W",
            "Auer et al. 2011 (EARTH)", "macro base station Delta_p"),
        row("power", "backhaul power per traffic", p["backhaul_power_w_per_gbps"], "W per Gbit/s",
            "Ngo et al. 2018", "each serving HAPS forwards its users' bits"),
        row("placement", "users per drop", p["ee_users"], "", "our choice", ""),
        row("placement", "energy-efficiency area radius", p["ee_region_radius_km"], "km",
            "our choice", "users and HAPS uniform by area (BPP)"),
        row("placement", "HAPS deployment radius (coverage)", p["cov_region_radius_km"], "km",
            "our choice", "as in the platforms chapter"),
        row("placement", "LEO satellites", "uniform on the sphere (BPP)", "", "our choice",
            "isotropic stand-in for a constellation"),
    ]  # fmt: skip
    return pd.DataFrame(rows)


def assumptions_figure(table: pd.DataFrame) -> Any:
    """The assumptions table drawn as a figure (the PNG/SVG companions of its CSV)."""
    import matplotlib.pyplot as plt

    cols = ["part", "quantity", "value", "unit", "source"]
    fig, ax = plt.subplots(figsize=(11.0, 0.24 * (len(table) + 1) + 0.3))
    ax.axis("off")
    cells = table[cols].astype(str).to_numpy().tolist()
    tab = ax.table(cellText=cells, colLabels=cols, loc="center", cellLoc="left")
    tab.auto_set_font_size(False)
    tab.set_fontsize(7)
    tab.auto_set_column_width(list(range(len(cols))))
    return fig


def assumptions_markdown(saved: Any) -> str:
    """Anchor, title and download links of a table-figure (the table itself is shown as HTML)."""
    rel = {kind: Path(os.path.relpath(path)).as_posix() for kind, path in saved.paths.items()}
    links = " · ".join(f"[{kind.upper()}]({path})" for kind, path in rel.items())
    meta = saved.metadata
    anchor = f"fig-{saved.figure_id}"
    return "\n\n".join(
        [
            f'<a id="{anchor}"></a>',
            f"**Figure `{saved.figure_id}`.** {meta['title']} "
            f'<a class="headerlink" href="#{anchor}" title="Permalink to this figure">¶</a>',
            f"Table as figure, data and metadata: {links}",
            f"*Cite this figure:* {meta['citation']}",
            f"*Regenerate it:* `{meta['regenerate']}`",
        ]
    )


# ----------------------------------------------------------------- energy efficiency


def ee_table(params: Params) -> pd.DataFrame:
    """Energy efficiency of both architectures over random drops, for each HAPS count.

    Columns: those of :func:`sagin_lib.platforms.cell_free.energy_efficiency_drops`
    plus ``energy_efficiency_mbit_per_j`` and ``cdf`` (the empirical CDF value
    of the drop within its architecture and HAPS count). Each HAPS count draws
    from the child of the root seed at ``(1, n_haps)``.
    """
    model = network_model(params)
    root = as_seed_sequence(int(params["seed"]))
    frames = []
    for n in params["ee_haps_counts"]:
        frames.append(
            energy_efficiency_drops(
                model,
                int(n),
                int(params["ee_users"]),
                int(params["ee_drops"]),
                params["ee_region_radius_km"],
                rng=child_seed_sequence(root, 1, int(n)),
            )
        )
    df = pd.concat(frames, ignore_index=True)
    df["energy_efficiency_mbit_per_j"] = df["energy_efficiency_bit_per_j"] / 1e6
    groups = df.groupby(["architecture", "n_haps"])["energy_efficiency_bit_per_j"]
    df["cdf"] = groups.rank(method="first") / groups.transform("size")
    return df


def _break_even_w_per_gbps(cell: pd.DataFrame, free: pd.DataFrame, e_j_per_bit: float) -> float:
    """Median over drops of the backhaul energy per bit at which both architectures tie.

    ``e* = (R_f P_c - R_c P_f) / (R_c (T_f - R_f))`` with ``P`` the power
    without backhaul and ``T`` the backhaul traffic; cell-free is the more
    efficient for any smaller ``e``. 0 where cellular wins even without
    backhaul cost, infinite where cell-free forwards no extra bits.
    """
    r_c, r_f = cell["sum_rate_bps"].to_numpy(), free["sum_rate_bps"].to_numpy()
    t_f = free["backhaul_bits_per_s"].to_numpy()
    p_c = cell["power_w"].to_numpy() - e_j_per_bit * cell["backhaul_bits_per_s"].to_numpy()
    p_f = free["power_w"].to_numpy() - e_j_per_bit * t_f
    gain = r_f * p_c - r_c * p_f
    extra = r_c * (t_f - r_f)
    with np.errstate(divide="ignore", invalid="ignore"):
        e_star = np.where(gain <= 0.0, 0.0, np.where(extra > 0.0, gain / extra, np.inf))
    return float(np.median(e_star)) * 1e9


def ee_summary(data: pd.DataFrame, params: Params) -> pd.DataFrame:
    """Per HAPS count: median energy efficiency of each architecture, their ratio, wins.

    Columns ``n_haps``, ``median_cellular_mbit_per_j``, ``median_cell_free_mbit_per_j``,
    ``ratio``, ``share_cell_free_wins``, ``median_sum_rate_cellular_gbps``,
    ``median_sum_rate_cell_free_gbps``, ``break_even_backhaul_w_per_gbps``.
    """
    e = params["backhaul_power_w_per_gbps"] * 1e-9
    rows = []
    for n, block in data.groupby("n_haps"):
        cell = block[block["architecture"] == "cellular"].sort_values("drop")
        free = block[block["architecture"] == "cell-free"].sort_values("drop")
        ee_c = cell["energy_efficiency_bit_per_j"].to_numpy()
        ee_f = free["energy_efficiency_bit_per_j"].to_numpy()
        med_c, med_f = float(np.median(ee_c)), float(np.median(ee_f))
        rows.append(
            {
                "n_haps": int(n),
                "median_cellular_mbit_per_j": med_c / 1e6,
                "median_cell_free_mbit_per_j": med_f / 1e6,
                "ratio": med_f / med_c if med_c > 0 else math.inf,
                "share_cell_free_wins": float(np.mean(ee_f > ee_c)),
                "median_sum_rate_cellular_gbps": float(cell["sum_rate_bps"].median()) / 1e9,
                "median_sum_rate_cell_free_gbps": float(free["sum_rate_bps"].median()) / 1e9,
                "break_even_backhaul_w_per_gbps": _break_even_w_per_gbps(cell, free, e),
            }
        )
    return pd.DataFrame(rows)


_ARCH_STYLE = {"cellular": "--", "cell-free": "-"}


def ee_figure(data: pd.DataFrame) -> Any:
    """CDFs of the energy efficiency, one colour per HAPS count, one line style per architecture."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    counts = sorted(data["n_haps"].unique())
    colors = plt.get_cmap("viridis")(np.linspace(0.0, 0.85, max(len(counts), 1)))
    for color, n in zip(colors, counts, strict=True):
        for arch, style in _ARCH_STYLE.items():
            rows = data[(data["n_haps"] == n) & (data["architecture"] == arch)]
            rows = rows.sort_values("cdf")
            ax.step(
                rows["energy_efficiency_mbit_per_j"],
                rows["cdf"],
                where="post",
                ls=style,
                color=color,
                label=f"{arch}, {n} HAPS",
            )
    positive = data["energy_efficiency_mbit_per_j"] > 0
    if positive.any() and positive.all():
        ax.set_xscale("log")
    ax.set_xlabel("energy efficiency (Mbit/J)")
    ax.set_ylabel("CDF over drops")
    ax.set_ylim(0.0, 1.0)
    ax.set_title("Energy efficiency of cellular (dashed) and cell-free (solid) HAPS networks")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig


# ----------------------------------------------------------------- coverage


def _binomial_p_values(k: np.ndarray, n: np.ndarray, p: np.ndarray, side: str) -> np.ndarray:
    """Exact binomial p-values of ``k`` successes in ``n`` under ``p``.

    ``side`` is "two" (``2 min(P(X <= k), P(X >= k))``, at most 1), "below"
    (``P(X <= k)``: evidence that the truth is below ``p``) or "above"
    (``P(X >= k)``).
    """
    p = np.clip(p, 0.0, 1.0)
    below = stats.binom.cdf(k, n, p)
    above = stats.binom.sf(k - 1, n, p)
    if side == "below":
        return below
    if side == "above":
        return above
    return np.minimum(1.0, 2.0 * np.minimum(below, above))


def coverage_table(params: Params) -> pd.DataFrame:
    """End-to-end coverage against the number of HAPS, Monte Carlo and analysis.

    Columns: those of :func:`sagin_lib.platforms.cell_free.coverage_sweep`,
    ``direct_access_analysis`` (the platforms chapter's closed form without
    fading, user to HAPS or LEO directly), the standard errors
    ``*_standard_error`` of the Monte Carlo shares, and the exact binomial
    p-values of the checks (``p_value_visible``, ``p_value_cellular``,
    ``p_value_cell_free_lower``, ``p_value_cell_free_upper``).
    """
    model = network_model(params)
    root = child_seed_sequence(as_seed_sequence(int(params["seed"])), 2)
    df = coverage_sweep(
        model,
        n_haps_values(params),
        [int(n) for n in params["sat_counts"]],
        int(params["n_users"]),
        params["cov_region_radius_km"],
        rng=root,
    )
    direct = direct_access_model(params)
    df["direct_access_analysis"] = coverage_probability_no_fading(
        direct, df["n_haps"].to_numpy(), df["n_sats"].to_numpy()
    )
    n = df["n_users"].to_numpy()
    for col in ("p_haps_visible", "cellular", "cell_free"):
        p = df[col].to_numpy()
        df[f"{col}_standard_error"] = np.sqrt(p * (1.0 - p) / n)
    df["p_value_visible"] = _binomial_p_values(
        df["n_visible"].to_numpy(), n, df["p_haps_visible_analysis"].to_numpy(), "two"
    )
    df["p_value_cellular"] = _binomial_p_values(
        df["n_cellular"].to_numpy(), n, df["cellular_analysis"].to_numpy(), "two"
    )
    df["p_value_cell_free_lower"] = _binomial_p_values(
        df["n_cell_free"].to_numpy(), n, df["cell_free_lower"].to_numpy(), "below"
    )
    df["p_value_cell_free_upper"] = _binomial_p_values(
        df["n_cell_free"].to_numpy(), n, df["cell_free_upper"].to_numpy(), "above"
    )
    return df


def coverage_figure(data: pd.DataFrame) -> Any:
    """Two panels: relay through HAPS to LEO (this chapter) and direct access (platforms model)."""
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(10.0, 4.2), sharey=True)
    sats = sorted(data["n_sats"].unique())
    colors = plt.get_cmap("plasma")(np.linspace(0.0, 0.8, max(len(sats), 1)))
    for color, ns in zip(colors, sats, strict=True):
        rows = data[data["n_sats"] == ns].sort_values("n_haps")
        x = rows["n_haps"]
        left.fill_between(
            x, rows["cell_free_lower"], rows["cell_free_upper"], color=color, alpha=0.2, lw=0
        )
        left.plot(x, rows["cellular_analysis"], "--", color=color, lw=1.2)
        left.errorbar(
            x,
            rows["cell_free"],
            yerr=2.0 * rows["cell_free_standard_error"],
            fmt="o",
            ms=3,
            color=color,
            label=f"{ns} LEO",
        )
        right.plot(x, rows["direct_access_analysis"], "-", color=color, label=f"{ns} LEO")
    left.plot([], [], "k--", lw=1.2, label="cellular (exact)")
    left.fill_between([], [], [], color="0.6", alpha=0.4, label="cell-free bounds")
    left.set_title("HAPS access + LEO backhaul (points: cell-free MC)")
    right.set_title("Direct access to HAPS or LEO (platforms model)")
    for ax in (left, right):
        ax.set_xlabel("number of HAPS")
        ax.set_ylim(-0.02, 1.02)
    left.set_ylabel("coverage probability")
    left.legend(loc="upper left", fontsize=7.5)
    right.legend(loc="upper left", fontsize=7.5)
    return fig


def coverage_summary(data: pd.DataFrame) -> pd.DataFrame:
    """Coverage at the HAPS count nearest :data:`QUOTE_N_HAPS`, one row per constellation size."""
    counts = np.array(sorted(data["n_haps"].unique()))
    quote = int(counts[np.argmin(np.abs(counts - QUOTE_N_HAPS))])
    rows = data[data["n_haps"] == quote]
    cols = ["n_haps", "n_sats", "cell_free", "cell_free_standard_error", "cellular",
            "cellular_analysis", "cell_free_lower", "cell_free_upper", "direct_access_analysis"]  # fmt: skip
    return rows[cols].reset_index(drop=True)


def display_summary(df: pd.DataFrame, digits: int = 3) -> pd.DataFrame:
    """A copy of a summary table for display, numbers rounded to ``digits`` significant places."""
    out = df.copy()
    for col in out.select_dtypes("float").columns:
        out[col] = [float(f"{v:.{digits}g}") if np.isfinite(v) else v for v in out[col]]
    return out


# ----------------------------------------------------------------- prose


def prose_values(params: Params, ee_sum: pd.DataFrame, cov: pd.DataFrame) -> dict[str, str]:
    """Numbers quoted in the chapter's prose, as display strings (for ``glue``)."""
    m = network_model(params)
    quote = coverage_summary(cov)
    return {
        "haps_alt": f"{params['haps_alt_km']:g}",
        "sat_alt": f"{params['sat_alt_km']:g}",
        "min_el": f"{params['min_elevation_deg']:g}",
        "visible_km": f"{m.visible_angle_rad * 6371.0:.0f}",
        "access_km": f"{m.access_angle_rad * 6371.0:.0f}",
        "backhaul_km": f"{m.backhaul_angle_rad * 6371.0:.0f}",
        "nadir_snr_db": f"{10 * math.log10(m.rho * m.haps_antennas * _beta_nadir(m)):.1f}",
        "ee_users": f"{int(params['ee_users'])}",
        "ee_drops": f"{int(params['ee_drops'])}",
        "ee_radius": f"{params['ee_region_radius_km']:g}",
        "ee_ratio_min": f"{ee_sum['ratio'].min():.2f}",
        "ee_ratio_max": f"{ee_sum['ratio'].max():.2f}",
        "break_even_min": f"{ee_sum['break_even_backhaul_w_per_gbps'].min():.3g}",
        "bh_power": f"{params['backhaul_power_w_per_gbps']:g}",
        "n_users": f"{int(params['n_users'])}",
        "quote_n_haps": f"{int(quote['n_haps'].iloc[0])}",
        "family_alpha": f"{FAMILY_ALPHA:g}",
        "n_tests": f"{4 * len(cov)}",
        "cov_region": f"{params['cov_region_radius_km']:g}",
    }


def _beta_nadir(m: NetworkParams) -> float:
    from sagin_lib.platforms.cell_free import link_gain

    return float(link_gain(m, 0.0))


# ----------------------------------------------------------------- claims


def _ee_claim(params: Params, ee_sum: pd.DataFrame) -> Claim:
    rows = ee_sum[ee_sum["n_haps"] >= 2]
    statement = "cell-free is more energy-efficient than cellular"
    if rows.empty:
        return claim(
            "networks-cell-free-more-energy-efficient",
            statement,
            _SURVEY,
            None,
            "Fig. 9(a) compares networks of several HAPS; with one HAPS the two architectures "
            "coincide, and no HAPS count of this run exceeds one.",
        )
    holds = bool((rows["ratio"] > 1.0).all())
    per_n = "; ".join(
        f"{r.n_haps} HAPS: cellular {r.median_cellular_mbit_per_j:.3g}, cell-free "
        f"{r.median_cell_free_mbit_per_j:.3g} Mbit/J (x{r.ratio:.2f}, cell-free better in "
        f"{100 * r.share_cell_free_wins:.0f} % of drops; break-even backhaul "
        f"{r.break_even_backhaul_w_per_gbps:.3g} W per Gbit/s)"
        for r in rows.itertuples()
    )
    regime = (
        f"Regime: {int(params['ee_users'])} users in a {params['ee_region_radius_km']:g} km "
        f"radius, {int(params['haps_antennas'])} antennas per HAPS, static "
        f"{params['static_power_w']:g} W + {params['load_factor']:g} x radiated power per HAPS, "
        f"backhaul {params['backhaul_power_w_per_gbps']:g} W per Gbit/s, phase-synchronised "
        "HAPS. Cell-free wins by coherent joint transmission and loses by powering every HAPS "
        "and forwarding every user's bits over every serving HAPS's backhaul: above the "
        "break-even backhaul power per traffic (median over drops) cellular is the more "
        "efficient."
    )
    return claim(
        "networks-cell-free-more-energy-efficient",
        statement,
        _SURVEY,
        holds,
        f"Median energy efficiency over {int(params['ee_drops'])} drops per HAPS count: {per_n}. "
        f"{regime} Verdict: {'holds' if holds else 'fails'} for every HAPS count >= 2 of the run"
        f"{'' if holds else ' (see the counts where the ratio is below 1)'}.",
    )


def _rise_ok(block: pd.DataFrame, use_z: bool) -> tuple[bool, str]:
    lower = block["cell_free_lower"].to_numpy()
    steady = bool(np.all(np.diff(lower) >= -1e-12)) and lower[-1] > lower[0]
    mc = block["cell_free"].to_numpy()
    se = block["cell_free_standard_error"].to_numpy()
    text = f"MC {mc[0]:.3f} -> {mc[-1]:.3f}, cellular exact {lower[0]:.3f} -> {lower[-1]:.3f}"
    if not use_z:
        return steady, text
    rise = mc[-1] - mc[0] > Z_BAND * math.hypot(se[0], se[-1])
    drops = np.diff(mc) < -Z_BAND * np.hypot(se[1:], se[:-1])
    return steady and rise and not drops.any(), text


def _coverage_claims(params: Params, cov: pd.DataFrame) -> list[Claim]:
    out: list[Claim] = []
    n_users = int(params["n_users"])
    use_z = n_users >= MIN_USERS_FOR_Z
    checked, skipped, failed = [], [], []
    if cov["n_haps"].nunique() < 2:
        verdict: bool | None = None
        why = "the sweep has a single HAPS count, so no rise can be seen"
    else:
        for ns, block in cov.groupby("n_sats"):
            block = block.sort_values("n_haps")
            if block["cell_free_upper"].iloc[-1] <= block["cell_free_upper"].iloc[0]:
                skipped.append(f"{ns} LEO")  # no backhaul (or no HAPS can serve): flat
                continue
            ok, text = _rise_ok(block, use_z)
            checked.append(f"{ns} LEO: {text}")
            if not ok:
                failed.append(f"{ns} LEO")
        verdict = (not failed) if checked else None
        why = (
            "no constellation size of the run gives a HAPS a backhaul link"
            if not checked
            else "; ".join(checked)
        )
    out.append(
        claim(
            "networks-coverage-rises-with-haps",
            "coverage rises with HAPS density at a fixed constellation size",
            _SURVEY,
            verdict,
            f"End-to-end (access and backhaul) coverage of the cell-free network from "
            f"{cov['n_haps'].min()} to {cov['n_haps'].max()} HAPS: {why}. "
            + (
                f"Sizes without a possible rise (no backhaul): {', '.join(skipped)}. "
                if skipped
                else ""
            )
            + (
                f"A rise must exceed {Z_BAND:g} standard errors and no step may fall by more. "
                if use_z
                else f"With fewer than {MIN_USERS_FOR_Z} users per point only the exact curves "
                "are checked. "
            )
            + (f"Curves that do not rise: {', '.join(failed)}." if failed else ""),
        )
    )

    p_cols = ["p_value_visible", "p_value_cellular", "p_value_cell_free_lower",
              "p_value_cell_free_upper"]  # fmt: skip
    pvals = cov[p_cols].to_numpy()
    n_tests = pvals.size
    alpha = FAMILY_ALPHA / n_tests
    worst = float(pvals.min())
    where = np.unravel_index(int(np.argmin(pvals)), pvals.shape)
    row = cov.iloc[where[0]]
    z_vis = np.abs(cov["p_haps_visible"] - cov["p_haps_visible_analysis"]) / np.sqrt(
        np.maximum(cov["p_haps_visible_analysis"] * (1 - cov["p_haps_visible_analysis"]), 1e-300)
        / cov["n_users"]
    )
    out.append(
        claim(
            "networks-mc-agrees-with-analysis",
            "the Monte Carlo agrees with the analysis: P(a HAPS is visible) and the cellular "
            "end-to-end coverage match their closed forms, and the cell-free coverage lies "
            "between its bounds",
            "This study",
            worst >= alpha,
            f"{len(cov)} points x 4 exact binomial tests ({n_tests} in all), {n_users} users each, "
            f"seed {params['seed']}; Bonferroni: each p-value must exceed {FAMILY_ALPHA:g} / "
            f"{n_tests} = {alpha:.2g} (family-wise false alarm below {FAMILY_ALPHA:g}). Smallest "
            f"p-value {worst:.3g} ({p_cols[where[1]]} at {int(row['n_haps'])} HAPS, {int(row['n_sats'])} "
            f"LEO); largest |z| of the visibility share {float(z_vis.max()):.2f}.",
        )
    )
    return out


def chapter_claims(
    params: Params,
    *,
    ee_data: pd.DataFrame | None = None,
    cov_data: pd.DataFrame | None = None,
) -> list[Claim]:
    """The chapter's claims with their verdicts under ``params``.

    The tables are recomputed when not given (:func:`ee_table`,
    :func:`coverage_table`).
    """
    ee_data = ee_table(params) if ee_data is None else ee_data
    cov_data = coverage_table(params) if cov_data is None else cov_data
    return [_ee_claim(params, ee_summary(ee_data, params)), *_coverage_claims(params, cov_data)]
