"""The networks chapter: HAPS access, cellular and cell-free, with LEO backhaul (survey Fig. 9).

The chapter (``book/networks.ipynb``) rebuilds the two results of Lou,
Belmekki and Alouini that the near-space survey shows as its Fig. 9: the
energy efficiency of cellular and cell-free HAPS networks, and the coverage
probability against the number of HAPS for fixed LEO constellations. It
checks the coverage first in a direct-access model (a user served by a HAPS
or a satellite directly, Monte Carlo against closed forms, with and without
fading), then with the HAPS relaying the users' traffic to the satellites.
The source's parameter values are not in the survey, so every assumption is a
stated choice tabulated with its source (:func:`assumptions_table`). This
module declares the chapter's parameters (:data:`SPEC`) and holds its tables,
figures, prose values and claims; the library models are
:mod:`sagin_lib.platforms.cell_free` and :mod:`sagin_lib.platforms.haps_coverage`.

Parameters come as the checked mapping that :meth:`ChapterSpec.bind` returns,
in the chapter's human units (GHz, MHz, dBm, dBW, dBi, km, degrees, W).
"""

from __future__ import annotations

import ast
import functools
import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from sagin_lib._random import as_seed_sequence, child_seed_sequence
from sagin_lib.platforms.antenna import PATTERNS
from sagin_lib.platforms.cell_free import (
    IDLE_MODES,
    NetworkParams,
    coverage_analysis,
    coverage_sweep,
    energy_efficiency_drops,
    haps_off_nadir_rad,
    link_gain,
)
from sagin_lib.platforms.haps_coverage import (
    FADING_MODELS,
    HapsCoverageParams,
    coverage_probability_no_fading,
    coverage_probability_semianalytic,
)
from sagin_lib.platforms.haps_coverage import coverage_sweep as direct_coverage_sweep
from sagin_lib.study.claims import Claim, claim
from sagin_lib.study.formatting import Table, format_table
from sagin_lib.study.platforms import legend_below, names_or_none
from sagin_lib.study.sources import STUDY, SURVEY
from sagin_lib.study.spec import ChapterSpec, Constraint, Param, output_dir_param

__all__ = [
    "SPEC",
    "assumptions_table",
    "chapter_claims",
    "claim_robustness_table",
    "ee_variants",
    "ee_variants_display",
    "headline_numbers",
    "robustness_display",
    "sensitivity_figure",
    "sensitivity_table",
    "SENSITIVITY_RANGES",
    "sensitivity_ranges_table",
    "coverage_figure",
    "coverage_summary",
    "coverage_table",
    "direct_access_figure",
    "direct_access_model",
    "direct_access_summary",
    "direct_access_table",
    "coverage_summary_display",
    "ee_display",
    "save_assumptions",
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

_SURVEY = f"{SURVEY}, Sec. IV-A and Fig. 9 (after Lou, Belmekki and Alouini 2023)"
#: What a verdict sourced "after Lou et al." can and cannot confirm (said in its evidence).
_LOU_SCOPE = (
    " What this verdict can confirm: the direction of the effect under this chapter's stated "
    "model. It cannot confirm Lou et al.'s numbers, whose parameters are not in our sources, and "
    "the chapter's two halves of Fig. 9 use different link models: the energy efficiency is the "
    "interference-limited SINR of many users without the backhaul, the coverage the SNR of one "
    "scheduled user, without interference, with the backhaul."
)
#: Power-model variants of the energy-efficiency comparison: (label, chains, idle mode).
POWER_VARIANTS: tuple[tuple[str, str, str], ...] = (
    ("per payload, idle on (first version)", "per-payload", "on"),
    ("per chain, idle on", "per-chain", "on"),
    ("per chain, idle asleep", "per-chain", "sleep"),
    ("per chain, idle off", "per-chain", "off"),
)
#: Choices of the power accounting and of the cell-free phase reference.
POWER_CHAINS: tuple[str, ...] = ("per-chain", "per-payload")
PHASE_SYNC: tuple[str, ...] = ("synchronised", "unsynchronised")
#: Tolerance of the monotonicity checks on the closed forms and numerical integrals.
_MONO_TOL = 1e-9

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
        Param(
            "haps_pattern",
            "tr38901",
            '"tr38901" or "isotropic-peak": HAPS element pattern',
            choices=PATTERNS,
        ),
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
        Param(
            "fading",
            "rayleigh",
            '"none", "rayleigh" or "nakagami": fading of the direct-access link',
            choices=FADING_MODELS,
        ),
        Param(
            "nakagami_m",
            1.0,
            "Nakagami shape when fading is nakagami",
            "",
            0.5,
            20.0,
            used_if=("fading", ("nakagami",)),
        ),
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
        Param("static_power_w", 130.0, "static power of one transceiver chain", "W", 1.0, 10000.0),
        Param("load_factor", 4.7, "W drawn per W radiated (load-dependent slope)", "", 0.0, 50.0),
        Param(
            "power_chains",
            "per-chain",
            '"per-chain" or "per-payload": how static power is charged',
            choices=POWER_CHAINS,
        ),
        Param(
            "idle_mode",
            "sleep",
            '"sleep", "on" or "off": what a HAPS that serves nobody draws',
            choices=IDLE_MODES,
        ),
        Param(
            "sleep_power_w", 75.0, "sleep power of one chain (idle_mode sleep)", "W", 0.0, 10000.0
        ),
        Param(
            "phase_sync",
            "synchronised",
            '"synchronised" or "unsynchronised": cell-free HAPS phases',
            choices=PHASE_SYNC,
        ),
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
        haps_pattern=params["haps_pattern"],
        power_per_chain=params["power_chains"] == "per-chain",
        idle_mode=params["idle_mode"],
        sleep_power_w=params["sleep_power_w"],
        phase_synchronised=params["phase_sync"] == "synchronised",
    )


def direct_access_model(params: Params) -> HapsCoverageParams:
    """The direct-access model (user to HAPS or LEO, no backhaul) with this chapter's link.

    A HAPS beams its whole array (``M`` elements) at the user; a satellite
    radiates the chapter's EIRP density over the access bandwidth; the serving
    link fades as ``fading`` says (the closed form without fading ignores it).
    See :class:`sagin_lib.platforms.haps_coverage.HapsCoverageParams`.
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
        fading=params["fading"],
        nakagami_m=params["nakagami_m"],
    )


def _edge_off_nadir_rad(m: NetworkParams) -> float:
    """Angle off nadir at which a HAPS sees a user at the visibility edge, rad."""
    return float(haps_off_nadir_rad(m.haps_alt_km, m.visible_angle_rad))


def _edge_loss_db(m: NetworkParams) -> float:
    """Pattern loss of the access link at the visibility edge, dB (0 for isotropic-peak)."""
    peak = m.replace(haps_pattern="isotropic-peak")
    edge = m.visible_angle_rad
    return 10.0 * math.log10(float(link_gain(peak, edge)) / float(link_gain(m, edge)))


def _edge_snr_db(m: NetworkParams) -> float:
    """Single-user access SNR from one HAPS at the visibility edge, dB."""
    return 10.0 * math.log10(m.rho * m.haps_antennas * float(link_gain(m, m.visible_angle_rad)))


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
        row("access", "HAPS element pattern", p["haps_pattern"], "",
            "3GPP TR 38.901 Table 7.3-1",
            "array faces nadir; 12 (off-nadir / 65 deg)^2 dB below the peak, at most 30 dB"
            if p["haps_pattern"] == "tr38901" else "peak gain in every direction (first version)"),
        row("access", "pattern loss at the visibility edge",
            round(_edge_loss_db(m), 1), "dB", "derived",
            f"the user at {p['min_elevation_deg']:g} deg elevation is "
            f"{math.degrees(_edge_off_nadir_rad(m)):.0f} deg off nadir"),
        row("access", "antennas per HAPS", p["haps_antennas"], "", "our choice",
            "array gain M on every beam"),
        row("access", "access SNR threshold", p["access_snr_threshold_db"], "dB", "our choice",
            "the same for relay and direct access"),
        row("access", "path loss", "free space", "", "ITU-R P.525",
            "line of sight from a HAPS; no shadowing"),
        row("access", "atmospheric gases", "neglected", "", "ITU-R P.676",
            "below 0.3 dB at 2 GHz and 10 deg elevation"),
        row("access", "beamforming", f"conjugate, perfect CSI, {p['phase_sync']} HAPS", "",
            "Ngo et al. 2017", "synchronised: the HAPS add in amplitude (a common phase "
            "reference across swaying platforms); unsynchronised: in power"),
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
        row("direct", "association", "strongest mean received power, both tiers", "",
            "our choice", "a deep fade is not rescued by a second platform"),
        row("direct", "fading of the serving link", p["fading"], "", "our choice",
            "none, Rayleigh or Nakagami-m, unit mean power"),
        row("direct", "Nakagami shape", p["nakagami_m"], "", "our choice",
            "used when the fading is nakagami"),
        row("power", "static power", p["static_power_w"], "W",
            "Auer et al. 2011 (EARTH)", "macro base station P_0, per transceiver chain"),
        row("power", "chains charged", p["power_chains"], "", "Auer et al. 2011 (EARTH)",
            "per-chain: one chain per antenna; per-payload: once per HAPS (first version)"),
        row("power", "idle HAPS", p["idle_mode"], "", "Auer et al. 2011 (EARTH); our choice",
            "sleep: P_sleep per chain; on: P_0; off: payload switched off"),
        row("power", "sleep power", p["sleep_power_w"], "W", "Auer et al. 2011 (EARTH)",
            "macro base station P_sleep, per chain"),
        row("power", "load-dependent slope", p["load_factor"], "W/W",
            "Auer et al. 2011 (EARTH)", "macro base station Delta_p"),
        row("power", "backhaul power per traffic", p["backhaul_power_w_per_gbps"], "W per Gbit/s",
            "Ngo et al. 2018", "each serving HAPS forwards its users' bits"),
        row("placement", "users per drop", p["ee_users"], "", "our choice", ""),
        row("placement", "energy-efficiency area radius", p["ee_region_radius_km"], "km",
            "our choice", "users and HAPS uniform by area (BPP)"),
        row("placement", "HAPS deployment radius (coverage)", p["cov_region_radius_km"], "km",
            "our choice", "the typical user at its centre"),
        row("placement", "LEO satellites", "uniform on the sphere (BPP)", "", "our choice",
            "isotropic stand-in for a constellation"),
    ]  # fmt: skip
    return pd.DataFrame(rows)


def save_assumptions(params: Params) -> Any:
    """Write the assumptions as table ``networks-assumptions`` (CSV and JSON); return it shown.

    See :func:`sagin_lib.study.table_output.save_table`; the table folds
    beyond 15 rows.
    """
    from sagin_lib.study.table_output import save_table

    return save_table(
        assumptions_table(params),
        table_id="networks-assumptions",
        output_dir=params["output_dir"],
        parameters=params,
        title="Every assumption of the networks chapter, with its value and source",
        chapter="networks",
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


#: Inputs that do not enter the energy efficiency (the coverage and direct-access ones).
_NOT_EE = frozenset({"output_dir", "access_snr_threshold_db", "sat_alt_km",
                     "sat_eirp_density_dbw_mhz", "sat_tx_gain_dbi", "fading", "nakagami_m",
                     "backhaul_freq_ghz", "backhaul_bandwidth_mhz", "backhaul_eirp_dbw",
                     "sat_g_over_t_dbk", "backhaul_min_elevation_deg", "backhaul_snr_threshold_db",
                     "cov_region_radius_km", "sat_counts", "n_haps_max", "n_haps_step",
                     "n_users"})  # fmt: skip


def _ee_ratio(params: Params, n_haps: int, **changes: Any) -> float:
    """Median cell-free over median cellular energy efficiency at ``n_haps`` HAPS."""
    p = {**params, **changes}
    key = tuple(sorted((k, str(v)) for k, v in p.items() if k not in _NOT_EE))
    return _ee_ratio_cached(key, int(n_haps))


@functools.lru_cache(maxsize=512)
def _ee_ratio_cached(key: tuple[tuple[str, str], ...], n_haps: int) -> float:
    p = SPEC.validate({**SPEC.defaults(), **{k: _parse(k, v) for k, v in key}})
    root = as_seed_sequence(int(p["seed"]))
    df = energy_efficiency_drops(
        network_model(p), int(n_haps), int(p["ee_users"]), int(p["ee_drops"]),
        p["ee_region_radius_km"], rng=child_seed_sequence(root, 1, int(n_haps)),
    )  # fmt: skip
    med = df.groupby("architecture")["energy_efficiency_bit_per_j"].median()
    return float(med["cell-free"] / med["cellular"]) if med["cellular"] > 0 else math.inf


def _parse(name: str, text: str) -> Any:
    """A parameter value back from its text in :func:`_ee_ratio`'s cache key."""
    return text if SPEC[name].choices else ast.literal_eval(text)


def ee_variants(params: Params) -> pd.DataFrame:
    """Cell-free gain at the largest HAPS count under every power and phase regime.

    The same drops (same seed) under each power accounting of
    :data:`POWER_VARIANTS` with the chosen pattern and phase reference, then
    with unsynchronised HAPS and with the isotropic-peak pattern. Columns
    ``variant``, ``haps_pattern``, ``power_chains``, ``idle_mode``, ``phase_sync``,
    ``n_haps``, ``ratio`` (median cell-free over median cellular efficiency).
    """
    n = int(max(params["ee_haps_counts"]))
    rows = []
    base = {k: params[k] for k in ("haps_pattern", "power_chains", "idle_mode", "phase_sync")}
    settings = [(label, {"power_chains": c, "idle_mode": i}) for label, c, i in POWER_VARIANTS]
    settings.append(("as run, unsynchronised HAPS", {"phase_sync": "unsynchronised"}))
    other = "isotropic-peak" if params["haps_pattern"] == "tr38901" else "tr38901"
    settings.append((f"as run, {other} pattern", {"haps_pattern": other}))
    settings.append(("first version (isotropic-peak, per payload, idle on)",
                     {"haps_pattern": "isotropic-peak", "power_chains": "per-payload",
                      "idle_mode": "on", "phase_sync": "synchronised"}))  # fmt: skip
    for label, change in settings:
        setting = {**base, **change}
        rows.append({"variant": label, **setting, "n_haps": n,
                     "ratio": _ee_ratio(params, n, **setting)})  # fmt: skip
    return pd.DataFrame(rows)


def ee_variants_display(variants: pd.DataFrame) -> Table:
    """The power and phase regimes of the cell-free gain (:func:`ee_variants`) as shown."""
    return format_table(
        variants,
        digits=3,
        headers={
            "variant": "regime",
            "haps_pattern": "pattern",
            "power_chains": "static power",
            "idle_mode": "idle HAPS",
            "phase_sync": "cell-free phases",
            "n_haps": "HAPS",
            "ratio": "median EE, cell-free / cellular",
        },
        caption="The cell-free gain at the largest number of HAPS under each regime",
    )


_ARCH_STYLE = {"cellular": "--", "cell-free": "-"}


def _coincidence_note(curves: Sequence[tuple[str, np.ndarray]], atol: float) -> str:
    """Which curves of one panel coincide (within ``atol`` at every point), in words.

    ``curves`` are ``(label, values)`` pairs sampled on one grid. Returns ""
    when no two coincide, else e.g. "20 LEO and 50 LEO coincide".
    """
    groups: list[list[str]] = []
    seen: list[np.ndarray] = []
    for label, values in curves:
        for group, ref in zip(groups, seen, strict=True):
            if ref.shape == values.shape and np.allclose(ref, values, rtol=0.0, atol=atol):
                group.append(label)
                break
        else:
            groups.append([label])
            seen.append(np.asarray(values, dtype=float))
    same = [g for g in groups if len(g) > 1]
    return "; ".join(f"{', '.join(g[:-1])} and {g[-1]} coincide" for g in same)


def _log_axis(axis: Any, low: float, high: float) -> None:
    """A log scale whose tick labels stay apart: 1-2-5 labels within two decades, else decades."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    is_x = axis is axis.axes.xaxis
    axis.axes.set_xscale("log") if is_x else axis.axes.set_yscale("log")
    if high / low < 4.0:
        # A narrow spread (one HAPS, a few drops): widen the view to show a 1-2-5 tick.
        middle = math.sqrt(low * high)
        limits = (min(low, middle / 2.0) / 1.05, max(high, middle * 2.0) * 1.05)
        axis.axes.set_xlim(*limits) if is_x else axis.axes.set_ylim(*limits)
        low, high = limits
    subs = (1.0, 2.0, 5.0) if high / low < 100.0 else (1.0,)
    axis.set_major_locator(LogLocator(base=10.0, subs=subs))
    if subs != (1.0,):
        axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    axis.set_minor_formatter(NullFormatter())


def _haps_axis(ax: Any, counts: Any) -> None:
    """Label an axis of HAPS counts with whole numbers, wide enough for a single count."""
    from matplotlib.ticker import MaxNLocator

    ax.set_xlabel("number of HAPS")
    low, high = float(np.min(counts)), float(np.max(counts))
    if high - low < 2.0:
        ax.set_xlim(low - 0.5, max(high, low + 1.0) + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def ee_display(summary: pd.DataFrame) -> Table:
    """The energy-efficiency summary (:func:`ee_summary`) as the chapter shows it."""
    return format_table(
        summary,
        digits=3,
        headers={
            "n_haps": "HAPS",
            "median_cellular_mbit_per_j": "median EE, cellular (Mbit/J)",
            "median_cell_free_mbit_per_j": "median EE, cell-free (Mbit/J)",
            "ratio": "ratio cell-free / cellular",
            "share_cell_free_wins": "drops where cell-free wins (share)",
            "median_sum_rate_cellular_gbps": "median sum rate, cellular (Gbit/s)",
            "median_sum_rate_cell_free_gbps": "median sum rate, cell-free (Gbit/s)",
            "break_even_backhaul_w_per_gbps": "break-even backhaul power (W per Gbit/s)",
        },
        caption="Energy efficiency over the drops, per number of HAPS",
    )


def ee_figure(data: pd.DataFrame) -> Any:
    """CDFs of the energy efficiency, one colour per HAPS count, one line style per architecture."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5.6, 4.0))
    counts = sorted(data["n_haps"].unique())
    colors = plt.get_cmap("viridis")(np.linspace(0.0, 0.85, max(len(counts), 1)))
    notes = []
    for color, n in zip(colors, counts, strict=True):
        curves = []
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
            x = rows["energy_efficiency_mbit_per_j"].to_numpy(dtype=float)
            curves.append((arch, np.log10(np.maximum(x, 1e-300))))
        if _coincidence_note(curves, atol=0.002):
            notes.append(str(n))
    values = data["energy_efficiency_mbit_per_j"].to_numpy(dtype=float)
    if values.size and (values > 0).all():
        _log_axis(ax.xaxis, float(values.min()), float(values.max()))
    else:
        # A linear axis (some drop has no rate): powers of ten go to the offset text.
        ax.ticklabel_format(axis="x", style="sci", scilimits=(-2, 3))
    ax.set_xlabel("energy efficiency (Mbit/J)")
    ax.set_ylabel("CDF over drops")
    ax.set_ylim(0.0, 1.0)
    ax.set_title("Cellular (dashed) and cell-free (solid) HAPS networks")
    title = (
        f"cellular and cell-free coincide at {', '.join(notes)} HAPS (one HAPS per user)"
        if notes
        else None
    )
    legend_below(fig, ncol=2, title=title)
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
        sampling="full",
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
    """End-to-end coverage through HAPS with LEO backhaul, one colour per constellation size.

    Points: the cell-free Monte Carlo with two standard errors; dashed: the
    cellular closed form; band: the closed-form bounds on cell-free. The
    direct-access closed form (column ``direct_access_analysis``) is drawn by
    :func:`direct_access_figure`.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    sats = sorted(data["n_sats"].unique())
    colors = plt.get_cmap("plasma")(np.linspace(0.0, 0.8, max(len(sats), 1)))
    curves = []
    for color, ns in zip(colors, sats, strict=True):
        rows = data[data["n_sats"] == ns].sort_values("n_haps")
        x = rows["n_haps"]
        ax.fill_between(
            x, rows["cell_free_lower"], rows["cell_free_upper"], color=color, alpha=0.2, lw=0
        )
        ax.plot(x, rows["cellular_analysis"], "--", color=color, lw=1.2)
        ax.errorbar(
            x,
            rows["cell_free"],
            yerr=2.0 * rows["cell_free_standard_error"],
            fmt="o",
            ms=3,
            color=color,
            label=f"{ns} LEO",
        )
        curves.append((f"{ns} LEO", rows["cellular_analysis"].to_numpy(dtype=float)))
    ax.plot([], [], "k--", lw=1.2, label="cellular (closed form)")
    ax.plot([], [], "ko", ms=3, label="cell-free Monte Carlo (±2 s.e.)")
    ax.set_title("HAPS access with LEO backhaul")
    _haps_axis(ax, data["n_haps"])
    ax.set_ylim(-0.02, 1.02)
    ax.set_ylabel("end-to-end coverage probability")
    note = _coincidence_note(curves, atol=0.004)
    handles, labels = ax.get_legend_handles_labels()
    band = Patch(color="0.6", alpha=0.4)
    handles.insert(len(sats) + 1, band)
    labels.insert(len(sats) + 1, "cell-free bounds")
    legend_below(
        fig,
        ncol=min(4, len(handles)),
        title=f"Curves of {note}" if note else None,
        handles=handles,
        labels=labels,
    )
    return fig


def coverage_summary(data: pd.DataFrame) -> pd.DataFrame:
    """Coverage at the HAPS count nearest :data:`QUOTE_N_HAPS`, one row per constellation size."""
    counts = np.array(sorted(data["n_haps"].unique()))
    quote = int(counts[np.argmin(np.abs(counts - QUOTE_N_HAPS))])
    rows = data[data["n_haps"] == quote]
    cols = ["n_haps", "n_sats", "cell_free", "cell_free_standard_error", "cellular",
            "cellular_analysis", "cell_free_lower", "cell_free_upper", "direct_access_analysis"]  # fmt: skip
    return rows[cols].reset_index(drop=True)


def coverage_summary_display(summary: pd.DataFrame) -> Table:
    """The coverage summary (:func:`coverage_summary`) as the chapter shows it."""
    return format_table(
        summary,
        digits=3,
        headers={
            "n_haps": "HAPS",
            "n_sats": "LEO satellites",
            "cell_free": "cell-free (Monte Carlo)",
            "cell_free_standard_error": "its standard error",
            "cellular": "cellular (Monte Carlo)",
            "cellular_analysis": "cellular (closed form)",
            "cell_free_lower": "cell-free lower bound",
            "cell_free_upper": "cell-free upper bound",
            "direct_access_analysis": "direct access (closed form)",
        },
        caption="Coverage probability at one number of HAPS, per constellation size",
    )


# ----------------------------------------------------------------- direct access


def direct_access_table(params: Params) -> pd.DataFrame:
    """Monte Carlo and theory of the direct-access coverage against the number of HAPS.

    One sweep without fading and, unless ``fading`` is "none", one with the
    chosen fading, both from the same root seed (common random numbers for
    the platform positions), in the model of :func:`direct_access_model`
    (figure ``networks-haps-coverage``). Columns: those of
    :func:`sagin_lib.platforms.haps_coverage.run_sweep_point` with
    ``coverage_probability`` renamed ``coverage_probability_mc``, plus
    ``closed_form`` (the closed form without fading, the numerical integral
    with fading) and ``z_score`` (the Monte Carlo's distance from it in
    standard errors, with the variance floored at ``1 / n_users``).
    """
    model = direct_access_model(params)
    n_users, seed = int(params["n_users"]), int(params["seed"])
    grid = (n_haps_values(params), [int(n) for n in params["sat_counts"]])
    sweeps = [direct_coverage_sweep(model.replace(fading="none"), *grid, n_users, rng=seed)]
    if model.fading != "none":
        sweeps.append(direct_coverage_sweep(model, *grid, n_users, rng=seed))
    data = pd.concat(sweeps, ignore_index=True)
    data["closed_form"] = np.where(
        data["fading"] == "none",
        data["coverage_no_fading_closed_form"],
        data["coverage_semianalytic"],
    )
    data = data.rename(columns={"coverage_probability": "coverage_probability_mc"})
    data["z_score"] = (data["coverage_probability_mc"] - data["closed_form"]) / np.sqrt(
        np.maximum(data["closed_form"] * (1 - data["closed_form"]), 1.0 / n_users) / n_users
    )
    return data


def _fading_title(fading: str, nakagami_m: float) -> str:
    return {"none": "no fading", "rayleigh": "Rayleigh fading"}.get(
        fading, f"Nakagami-{nakagami_m:g} fading"
    )


def _panel_coincidences(theory: Mapping[Any, np.ndarray], visible: Mapping[Any, np.ndarray]) -> str:
    """In words, which curves of one panel of :func:`direct_access_figure` coincide.

    ``theory`` and ``visible`` map a constellation size to its solid (theory)
    and dotted (visibility) curve. Returns "" when no two curves of two or more
    points coincide, else one line per group of coinciding curves.
    """
    curves = [("solid", ns, v) for ns, v in theory.items()]
    curves += [("dotted", ns, v) for ns, v in visible.items()]
    groups: list[list[tuple[str, Any]]] = []
    refs: list[np.ndarray] = []
    for kind, ns, values in curves:
        if len(values) < 2:
            return ""  # single points: nothing is drawn as a line
        for group, ref in zip(groups, refs, strict=True):
            if ref.shape == values.shape and np.allclose(ref, values, rtol=0.0, atol=0.004):
                group.append((kind, ns))
                break
        else:
            groups.append([(kind, ns)])
            refs.append(np.asarray(values, dtype=float))
    same = [g for g in groups if len(g) > 1]
    sizes = list(theory)
    if same and all(len(g) == 2 and g[0][1] == g[1][1] for g in same) and len(same) == len(sizes):
        return "solid and dotted coincide"

    def describe(kind: str, members: list[Any]) -> str:
        if not members:
            return ""
        if members == sizes:
            return f"all {kind}"
        return f"{kind} {', '.join(map(str, members))} LEO"

    lines = []
    for group in same:
        parts = [
            describe(kind, [ns for k, ns in group if k == kind]) for kind in ("solid", "dotted")
        ]
        lines.append(" and ".join(p for p in parts if p) + " coincide")
    return "\n".join(lines)


def direct_access_figure(data: pd.DataFrame, params: Params) -> Any:
    """Direct-access coverage against the number of HAPS: one panel per fading model.

    One colour per constellation size; Monte Carlo with 2-standard-error bars,
    theory (solid) and the probability that a platform is visible (dotted).
    Curves that coincide are named in the legend's title.
    """
    import matplotlib.pyplot as plt

    panels = list(dict.fromkeys(data["fading"]))
    width = 7.4 if len(panels) == 2 else 5.0
    fig, axes = plt.subplots(1, len(panels), figsize=(width, 3.7), sharey=True, squeeze=False)
    axes = axes[0]
    sats = sorted(data["n_sats"].unique())
    colors = plt.get_cmap("plasma")(np.linspace(0.0, 0.8, max(len(sats), 1)))
    notes = []
    for ax, (fad, block) in zip(axes, data.groupby("fading", sort=False), strict=True):
        theory, visible = {}, {}
        for color, ns in zip(colors, sats, strict=True):
            rows = block[block["n_sats"] == ns].sort_values("n_haps")
            ax.errorbar(
                rows["n_haps"],
                rows["coverage_probability_mc"],
                yerr=2 * rows["standard_error"],
                fmt="o",
                ms=3,
                color=color,
                label=f"{ns} LEO" if ax is axes[0] else None,
            )
            theory[ns] = rows["closed_form"].to_numpy(dtype=float)
            visible[ns] = rows["p_visible_closed_form"].to_numpy(dtype=float)
            ax.plot(rows["n_haps"], theory[ns], "-", color=color, lw=1.2)
            ax.plot(rows["n_haps"], visible[ns], ":", color=color, lw=1.2)
        ax.set_title(_fading_title(fad, params["nakagami_m"]))
        _haps_axis(ax, block["n_haps"])
        note = _panel_coincidences(theory, visible)
        if note:
            notes.append(f"{_fading_title(fad, params['nakagami_m'])}: {note}")
    axes[0].set_ylabel("coverage probability")
    axes[0].set_ylim(-0.02, 1.02)
    theory = "closed form / numerical integral (fading)" if len(panels) == 2 else "closed form"
    axes[0].plot([], [], "k-", lw=1.2, label=theory)
    axes[0].plot([], [], "k:", lw=1.2, label="P(a platform is visible)")
    axes[0].plot([], [], "ko", ms=3, label="Monte Carlo (±2 s.e.)")
    fig.tight_layout()
    legend_below(fig, ncol=min(4, len(sats) + 3), title="\n".join(notes) or None)
    return fig


def direct_access_summary(data: pd.DataFrame) -> Table:
    """Per fading model: points, largest difference and largest z-score of Monte Carlo and theory."""
    summary = (
        data.assign(
            abs_difference=lambda d: (d["coverage_probability_mc"] - d["closed_form"]).abs(),
            abs_z=lambda d: d["z_score"].abs(),
        )
        .groupby("fading", sort=False)
        .agg(
            points=("abs_z", "size"),
            max_abs_difference=("abs_difference", "max"),
            max_abs_z=("abs_z", "max"),
        )
        .reset_index()
    )
    return format_table(
        summary,
        digits=3,
        headers={
            "fading": "fading",
            "points": "points",
            "max_abs_difference": "largest |Monte Carlo − theory|",
            "max_abs_z": "largest |z| (standard errors)",
        },
        caption="Direct access: the Monte Carlo against its theory",
    )


# ----------------------------------------------------------------- prose


def prose_values(
    params: Params, ee_sum: pd.DataFrame, cov: pd.DataFrame, direct: pd.DataFrame
) -> dict[str, str]:
    """Numbers quoted in the chapter's prose, as display strings (for ``glue``)."""
    m = network_model(params)
    d = direct_access_model(params)
    quote = coverage_summary(cov)
    sat_eirp = params["sat_eirp_density_dbw_mhz"] + 10.0 * math.log10(params["bandwidth_mhz"])
    haps_eirp = d.haps_tx_power_dbw + d.haps_tx_gain_dbi
    gains = _fading_gains(params, direct)
    return {
        "haps_alt": f"{params['haps_alt_km']:g}",
        "sat_alt": f"{params['sat_alt_km']:g}",
        "min_el": f"{params['min_elevation_deg']:g}",
        "visible_km": f"{m.visible_angle_rad * 6371.0:.0f}",
        "access_km": f"{m.access_angle_rad * 6371.0:.0f}",
        "backhaul_km": f"{m.backhaul_angle_rad * 6371.0:.0f}",
        "nadir_snr_db": f"{10 * math.log10(m.rho * m.haps_antennas * _beta_nadir(m)):.1f}",
        "edge_snr_db": f"{_edge_snr_db(m):.1f}",
        "edge_loss_db": f"{_edge_loss_db(m):.1f}",
        "edge_off_nadir": f"{math.degrees(_edge_off_nadir_rad(m)):.0f}",
        "access_limit": (
            "the elevation, not the link budget"
            if m.access_angle_rad >= m.visible_angle_rad
            else "the link budget, not the elevation"
        ),
        "pattern_name": (
            "the TR 38.901 element pattern"
            if m.haps_pattern == "tr38901"
            else "the element's peak gain in every direction"
        ),
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
        "haps_eirp": f"{haps_eirp:.1f}",
        "sat_eirp": f"{sat_eirp:.1f}",
        "fading_name": _fading_title(params["fading"], params["nakagami_m"]),
        "z_band": f"{Z_BAND:g}",
        "n_fading_gains": str(gains["n_gains"]),
        "n_fading_points": str(gains["n_points"]),
    }


def _beta_nadir(m: NetworkParams) -> float:
    from sagin_lib.platforms.cell_free import link_gain

    return float(link_gain(m, 0.0))


# ----------------------------------------------------------------- claims


def _ee_claim(params: Params, ee_sum: pd.DataFrame, variants: pd.DataFrame | None = None) -> Claim:
    rows = ee_sum[ee_sum["n_haps"] >= 2]
    statement = (
        "HAPS cell-free networks are more energy-efficient than cellular ones (the CDFs of "
        "Fig. 9(a))."
    )
    if rows.empty:
        return claim(
            "networks-cell-free-more-energy-efficient",
            statement,
            _SURVEY,
            None,
            "Fig. 9(a) compares networks of several HAPS; with one HAPS the two architectures "
            "coincide, and no HAPS count of this run exceeds one.",
            kind="source",
        )
    holds = bool((rows["ratio"] > 1.0).all())
    per_n = "; ".join(
        f"{r.n_haps} HAPS: x{r.ratio:.2f} (cell-free better in "
        f"{100 * r.share_cell_free_wins:.0f} % of drops; break-even backhaul "
        f"{r.break_even_backhaul_w_per_gbps:.3g} W per Gbit/s)"
        for r in rows.itertuples()
    )
    regime = (
        f"Regime: {int(params['ee_users'])} users in a {params['ee_region_radius_km']:g} km "
        f"radius, {int(params['haps_antennas'])} antennas per HAPS, static "
        f"{params['static_power_w']:g} W + {params['load_factor']:g} x radiated power per HAPS, "
        f"backhaul {params['backhaul_power_w_per_gbps']:g} W per Gbit/s; above the break-even "
        "backhaul power per traffic cellular is the more efficient. "
        f"Pattern {params['haps_pattern']}, static power {params['power_chains']}, idle HAPS "
        f"{params['idle_mode']}, cell-free HAPS {params['phase_sync']}."
    )
    if variants is not None:
        regime += (
            " At the largest count, under each regime: "
            + "; ".join(f"{r.variant}: x{r.ratio:.2f}" for r in variants.itertuples())
            + "."
        )
    return claim(
        "networks-cell-free-more-energy-efficient",
        statement,
        _SURVEY,
        holds,
        f"Median energy efficiency, cell-free over cellular, over {int(params['ee_drops'])} drops "
        f"per HAPS count: {per_n}. {regime}" + _LOU_SCOPE,
        kind="source",
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


_RISE_STATEMENT = (
    "The coverage probability rises with the number of HAPS at a fixed LEO constellation size "
    "(Fig. 9(b))."
)


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
            _RISE_STATEMENT + " Checked with the HAPS relaying to LEO satellites.",
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
            + (f"Curves that do not rise: {', '.join(failed)}." if failed else "")
            + _LOU_SCOPE,
            kind="source",
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
            "The relay Monte Carlo, which places every HAPS and every satellite and counts the "
            "ones a user sees, agrees with the analysis: P(a HAPS is visible) and the "
            "cellular end-to-end coverage match their closed forms, and the cell-free coverage "
            "lies between its bounds (exact binomial tests, Bonferroni at a family-wise "
            f"{FAMILY_ALPHA:g}).",
            STUDY,
            worst >= alpha,
            f"{len(cov)} points x 4 tests ({n_tests} in all), {n_users} users each, seed "
            f"{params['seed']}: each p-value must exceed {FAMILY_ALPHA:g} / {n_tests} = "
            f"{alpha:.2g}. Smallest p-value {worst:.3g} ({p_cols[where[1]]} at "
            f"{int(row['n_haps'])} HAPS, {int(row['n_sats'])} LEO); largest |z| of the "
            f"visibility share {float(z_vis.max()):.2f}.",
            kind="check",
        )
    )
    return out


def _curve_rises(values: np.ndarray) -> bool:
    """Non-decreasing (within tolerance) and higher at the end, unless saturated at 1."""
    steady = bool(np.all(np.diff(values) >= -_MONO_TOL))
    return steady and (values[-1] > values[0] or values[0] >= 1.0 - _MONO_TOL)


def _fading_gains(params: Params, direct: pd.DataFrame) -> dict[str, Any]:
    """Where fading raises the direct-access coverage above its no-fading value.

    Returns ``n_points`` (points with a fading curve), ``n_gains`` (points
    where fading raises the theory), ``max_gain`` and ``max_loss``, and
    ``bounded`` (points where every visible platform clears the threshold on
    its mean SNR: there the no-fading coverage is the visibility probability)
    with ``bounded_excess``, the largest excess of the fading theory over it.
    """
    if params["fading"] == "none" or set(direct["fading"]) == {"none"}:
        return {"n_points": 0, "n_gains": 0, "max_gain": 0.0, "max_loss": 0.0, "bounded": 0,
                "bounded_excess": math.nan}  # fmt: skip
    wide = direct.pivot_table(index=["n_sats", "n_haps"], columns="fading", values="closed_form")
    vis = direct[direct["fading"] == "none"].set_index(["n_sats", "n_haps"])[
        "p_visible_closed_form"
    ]
    none, faded = wide["none"], wide[params["fading"]]
    gain = faded - none
    limited_by_horizon = (none - vis).abs() <= _MONO_TOL
    excess = (faded - vis)[limited_by_horizon]
    return {
        "n_points": int(len(gain)),
        "n_gains": int((gain > _MONO_TOL).sum()),
        "max_gain": float(max(gain.max(), 0.0)),
        "max_loss": float(max(-gain.min(), 0.0)),
        "bounded": int(limited_by_horizon.sum()),
        "bounded_excess": float(excess.max()) if len(excess) else math.nan,
    }


def _direct_access_claims(params: Params, direct: pd.DataFrame) -> list[Claim]:
    model = direct_access_model(params)
    tier_h = model._tiers[0]
    nadir_snr_db = 10.0 * math.log10(tier_h.snr_gain_km2 / model.haps_alt_km**2)
    haps_can_cover = tier_h.cover_angle_rad > 0.0
    n_points = direct["n_haps"].nunique()
    out: list[Claim] = []
    where = f"{_SURVEY}; in the direct-access model"

    # More HAPS raise coverage, for every curve where a HAPS can serve at all.
    checked, skipped, failed, spans = 0, [], [], []
    for (fad, ns), block in direct.groupby(["fading", "n_sats"], sort=False):
        values = block.sort_values("n_haps")["closed_form"].to_numpy()
        label = f"{_fading_title(fad, params['nakagami_m'])}, {ns} LEO"
        if fad == "none" and not haps_can_cover:
            skipped.append(label)
            continue
        checked += 1
        spans.append(f"{label}: {values[0]:.3f} -> {values[-1]:.3f}")
        if not _curve_rises(values):
            failed.append(label)
    cond: bool | None
    if n_points < 2:
        cond, why = None, "the sweep has a single number of HAPS, nothing to compare"
    elif checked == 0:
        cond, why = None, "no curve where a HAPS can serve"
    else:
        cond, why = not failed, f"not rising: {names_or_none(failed)}"
    skip_text = (
        f" Without fading no HAPS can serve (mean SNR at nadir {nadir_snr_db:.1f} dB, below the "
        f"{model.snr_threshold_db:g} dB threshold): skipped {names_or_none(skipped)}."
        if skipped
        else ""
    )
    out.append(
        claim(
            "networks-direct-coverage-rises-with-haps",
            _RISE_STATEMENT + " Checked with users served by a HAPS or a satellite directly.",
            where,
            cond,
            f"{checked} curves of the theory from {direct['n_haps'].min()} to "
            f"{direct['n_haps'].max()} HAPS"
            + (f", the first {spans[0]}" if spans else "")
            + f"; {why}."
            + skip_text
            + _LOU_SCOPE,
            kind="source",
        )
    )

    sats = sorted(direct["n_sats"].unique())
    if len(sats) < 2:
        cond, evidence = None, f"A single constellation size ({sats[0]} LEO), nothing to compare."
    else:
        wide = direct.pivot_table(
            index=["fading", "n_haps"], columns="n_sats", values="closed_form"
        )
        worst = float(wide.diff(axis=1).iloc[:, 1:].min().min())
        cond = worst >= -_MONO_TOL
        evidence = (
            f"Constellations of {', '.join(map(str, sats))} LEO; smallest change in coverage "
            f"from one size to the next, over every HAPS count and fading model: {worst:.2e}."
        )
    out.append(
        claim(
            "networks-direct-coverage-rises-with-sats",
            "A larger LEO constellation gives a higher coverage probability at every number of "
            "HAPS (the curves of Fig. 9(b)). Checked with users served directly.",
            where,
            cond,
            evidence + _LOU_SCOPE,
            kind="source",
        )
    )

    n_users = int(params["n_users"])
    few = n_users < MIN_USERS_FOR_Z
    max_z = float(direct["z_score"].abs().max())
    worst_row = direct.loc[direct["z_score"].abs().idxmax()]
    out.append(
        claim(
            "networks-direct-mc-agrees-with-theory",
            f"The direct-access Monte Carlo lies within {Z_BAND:g} standard errors of the closed "
            "form (no fading) and of the numerical integral (fading) at every point.",
            STUDY,
            None if few else max_z < Z_BAND,
            f"{len(direct)} points, {n_users} users each, seed {params['seed']}; largest |z| "
            f"{max_z:.2f} (at {worst_row['n_haps']} HAPS, {worst_row['n_sats']} LEO, "
            f"{worst_row['fading']}); a {Z_BAND:g}-standard-error band misses about 6e-5 of points "
            "by chance."
            + (f" Not applicable below {MIN_USERS_FOR_Z} users per point." if few else ""),
            kind="check",
        )
    )
    vis_se = np.sqrt(
        np.maximum(
            direct["p_visible_closed_form"] * (1 - direct["p_visible_closed_form"]),
            1.0 / n_users,
        )
        / n_users
    )
    vis_z = float(((direct["p_visible"] - direct["p_visible_closed_form"]).abs() / vis_se).max())
    out.append(
        claim(
            "networks-direct-mc-visibility-agrees",
            f"The Monte Carlo share of users who see a platform lies within {Z_BAND:g} standard "
            "errors of the closed-form visibility probability at every point.",
            STUDY,
            None if few else vis_z < Z_BAND,
            f"{len(direct)} points; largest |z| {vis_z:.2f}."
            + (f" Not applicable below {MIN_USERS_FOR_Z} users per point." if few else ""),
            kind="check",
        )
    )

    g = _fading_gains(params, direct)
    if g["n_points"] == 0:
        cond, evidence = None, "Fading is none: there is no fading curve."
    elif g["bounded"] == 0:
        cond, evidence = (
            None,
            "At no point does every visible platform clear the threshold on its mean SNR.",
        )
    else:
        cond = g["bounded_excess"] <= _MONO_TOL
        excess = g["bounded_excess"]
        relation = (
            f"stays below P(visible) by at least {-excess:.3g}"
            if excess <= 0.0
            else f"exceeds P(visible) by up to {excess:.3g}"
        )
        raises = (
            "raises it nowhere"
            if g["n_gains"] == 0
            else f"raises it at {g['n_gains']} points, by up to {g['max_gain']:.3f}, where a "
            "favourable fade lifts a mean SNR that falls short of the threshold"
        )
        evidence = (
            f"At {g['bounded']} of {g['n_points']} points every visible platform clears the "
            f"threshold on its mean SNR; there the fading coverage {relation}. Over all points "
            f"fading costs up to {g['max_loss']:.3f} in coverage and {raises}."
        )
    out.append(
        claim(
            "networks-direct-fading-within-visibility",
            "Where every visible platform clears the threshold on its mean SNR (the no-fading "
            "coverage is the visibility probability), fading cannot raise the coverage above it.",
            STUDY,
            cond,
            evidence,
            kind="check",
        )
    )
    return out


def chapter_claims(
    params: Params,
    *,
    ee_data: pd.DataFrame | None = None,
    cov_data: pd.DataFrame | None = None,
    direct_data: pd.DataFrame | None = None,
    variants: pd.DataFrame | None = None,
) -> list[Claim]:
    """The chapter's claims with their verdicts under ``params``.

    The tables are recomputed when not given (:func:`ee_table`,
    :func:`coverage_table`, :func:`direct_access_table`).

    Returns
    -------
    list of Claim
        In reading order; ids prefixed ``networks-``.
    """
    params = SPEC.validate(params)
    ee_data = ee_table(params) if ee_data is None else ee_data
    cov_data = coverage_table(params) if cov_data is None else cov_data
    direct_data = direct_access_table(params) if direct_data is None else direct_data
    return [
        _ee_claim(params, ee_summary(ee_data, params), variants),
        *_direct_access_claims(params, direct_data),
        *_coverage_claims(params, cov_data),
    ]


# ----------------------------------------------------------------- sensitivity

#: Every chosen input of the chapter swept one at a time: (parameter, low, high, why this range).
SENSITIVITY_RANGES: tuple[tuple[str, float, float, str], ...] = (
    ("haps_tx_power_dbm", 37.0, 46.0, "5 W to 40 W: EARTH micro to twice the macro P_max"),
    ("haps_element_gain_dbi", 5.0, 11.0, "patch elements of 5-11 dBi; TR 38.901 takes 8 dBi"),
    ("haps_antennas", 4, 64, "4 to 64 chains: small to massive-MIMO HAPS payloads"),
    ("haps_alt_km", 17.0, 25.0, "the stratospheric band where HAPS station-keep"),
    ("min_elevation_deg", 5.0, 20.0, "NTN studies use 10 deg; 5-20 deg bracket the practice"),
    ("access_snr_threshold_db", 0.0, 10.0, "from a robust to a high-order modulation"),
    ("bandwidth_mhz", 10.0, 30.0, "the S-band NTN channel sizes of TR 38.821"),
    ("noise_figure_db", 5.0, 9.0, "handheld receivers around the 7 dB of TR 38.821"),
    ("backhaul_eirp_dbw", 40.0, 52.0, "VSAT-class terminals of 0.5 to 8 W into 60 cm dishes"),
    ("sat_g_over_t_dbk", 5.0, 18.0, "LEO Ka-band receive G/T spread in TR 38.821 and operators"),
    ("backhaul_min_elevation_deg", 5.0, 30.0, "gateway practice ranges from 5 to 30 deg"),
    ("backhaul_snr_threshold_db", -3.0, 5.0, "DVB-S2X low-SNR to 8PSK operating points"),
    ("static_power_w", 56.0, 200.0, "EARTH micro (56 W) to above the macro's 130 W per chain"),
    ("load_factor", 2.6, 8.0, "EARTH micro (2.6) to a less efficient amplifier than the macro"),
    ("sleep_power_w", 39.0, 130.0, "EARTH micro sleep (39 W) to no saving (P_0)"),
    ("backhaul_power_w_per_gbps", 0.25, 50.0, "a fibre figure up to a satellite terminal's"),
    ("ee_region_radius_km", 20.0, 100.0, "from a city to a region served by the HAPS"),
    ("ee_users", 5, 50, "lightly to heavily loaded drops"),
    ("cov_region_radius_km", 500.0, 2000.0, "deployments from a country to a continent"),
    ("sat_alt_km", 500.0, 1200.0, "the LEO shells of current constellations"),
)
#: Categorical regimes swept over every alternative.
SENSITIVITY_CHOICES: tuple[tuple[str, str], ...] = (
    ("haps_pattern", "the element pattern against the first version's peak gain everywhere"),
    ("power_chains", "EARTH states its power per chain; the first version charged it per HAPS"),
    ("idle_mode", "sleep is EARTH's; on and off bracket it"),
    ("phase_sync", "coherent cell-free needs a common phase across swaying HAPS"),
)
#: The headline numbers of the tornado plot: key, label, unit.
HEADLINES: tuple[tuple[str, str], ...] = (
    ("edge_snr_db", "access SNR at the visibility edge (dB)"),
    ("reach_km", "reach of the access SNR threshold (km)"),
    ("cellular_coverage", f"cellular coverage, {QUOTE_N_HAPS} HAPS and 100 LEO"),
    ("cell_free_gain", "cell-free / cellular median EE, most HAPS"),
)
#: Claims whose verdict the sweep recomputes; the Monte Carlo checks are not swept.
_SWEPT_CLAIMS = (
    "networks-cell-free-more-energy-efficient",
    "networks-direct-coverage-rises-with-haps",
    "networks-direct-coverage-rises-with-sats",
    "networks-coverage-rises-with-haps",
)


def headline_numbers(params: Params) -> dict[str, float]:
    """The chapter's headline numbers under ``params`` (closed forms and the EE drops)."""
    m = network_model(params)
    cov = coverage_analysis(m, QUOTE_N_HAPS, 100, params["cov_region_radius_km"])
    return {
        "edge_snr_db": _edge_snr_db(m),
        "reach_km": m.access_angle_rad * 6371.0,
        "cellular_coverage": float(cov["cellular"]),
        "cell_free_gain": _ee_ratio(params, int(max(params["ee_haps_counts"]))),
    }


def _verdict(value: bool | None) -> str:
    return "not_applicable" if value is None else ("holds" if value else "fails")


def _swept_verdicts(params: Params, only: str | None = None) -> dict[str, str]:
    """Verdicts of :data:`_SWEPT_CLAIMS` from the closed forms and the EE drops.

    With ``only`` the energy-efficiency claim alone (when it is the one asked
    for) is computed; the others then read "not_applicable".
    """
    m = network_model(params)
    counts = [int(n) for n in params["ee_haps_counts"] if int(n) >= 2]
    ee = None if not counts else all(_ee_ratio(params, n) > 1.0 for n in counts)
    if only == _SWEPT_CLAIMS[0]:
        return {c: _verdict(ee) if c == only else "not_applicable" for c in _SWEPT_CLAIMS}
    haps = np.array(n_haps_values(params))
    sats = [int(n) for n in params["sat_counts"]]
    region = params["cov_region_radius_km"]
    relay: bool | None = None
    if haps.size >= 2:
        checked = []
        for ns in sats:
            out = coverage_analysis(m, haps, ns, region)
            if out["cell_free_upper"][-1] <= out["cell_free_upper"][0]:
                continue
            lower = out["cellular"]
            checked.append(bool(np.all(np.diff(lower) >= -1e-12)) and lower[-1] > lower[0])
        relay = all(checked) if checked else None
    d = direct_access_model(params)
    curves: dict[str, dict[int, np.ndarray]] = {}
    for fad in dict.fromkeys(("none", params["fading"])):
        model = d.replace(fading=fad)
        curves[fad] = {
            ns: np.asarray(
                coverage_probability_no_fading(model, haps, ns)
                if fad == "none"
                else coverage_probability_semianalytic(model, haps, ns),
                dtype=float,
            )
            for ns in sats
        }
    can_cover = d._tiers[0].cover_angle_rad > 0.0
    rises = [
        _curve_rises(v)
        for fad, by_ns in curves.items()
        for v in by_ns.values()
        if fad != "none" or can_cover
    ]
    direct_haps = None if haps.size < 2 or not rises else all(rises)
    direct_sats: bool | None = None
    if len(sats) >= 2:
        direct_sats = all(
            bool(np.all(np.diff(np.vstack([by_ns[ns] for ns in sats]), axis=0) >= -_MONO_TOL))
            for by_ns in curves.values()
        )
    return dict(
        zip(_SWEPT_CLAIMS, map(_verdict, (ee, direct_haps, direct_sats, relay)), strict=True)
    )


def _settings(params: Params) -> list[tuple[str, str, Any]]:
    """(parameter, end, value) of every one-at-a-time setting."""
    out: list[tuple[str, str, Any]] = []
    for name, low, high, _ in SENSITIVITY_RANGES:
        out += [(name, "low", low), (name, "high", high)]
    for name, _ in SENSITIVITY_CHOICES:
        out += [(name, "alternative", c) for c in SPEC[name].choices if c != params[name]]
    return out


def sensitivity_table(params: Params) -> pd.DataFrame:
    """One-at-a-time sweep of every chosen input: headline numbers and swept verdicts.

    Each numeric input of :data:`SENSITIVITY_RANGES` is set to the low and the
    high end of its plausible range, each categorical regime of
    :data:`SENSITIVITY_CHOICES` to every alternative, the others kept as in
    ``params``. Tidy: one row per setting and headline number, columns
    ``parameter``, ``end`` (``default``, ``low``, ``high`` or ``alternative``),
    ``setting`` (the value as text), ``input_value`` (numeric inputs, else NaN),
    ``headline``, ``headline_value``, ``default_value``, and one ``verdict_<claim>``
    column per swept claim.
    """
    base = dict(params)
    rows = []
    runs = [("(defaults)", "default", None)] + _settings(base)
    for name, end, value in runs:
        p = base if value is None else {**base, name: value}
        numbers = headline_numbers(p)
        verdicts = _swept_verdicts(p)
        numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
        for key, _ in HEADLINES:
            rows.append({
                "parameter": name, "end": end,
                "setting": "" if value is None else f"{value:g}" if numeric else str(value),
                "input_value": float(value) if numeric else math.nan,
                "headline": key, "headline_value": numbers[key],
                **{f"verdict_{c}": verdicts[c] for c in _SWEPT_CLAIMS},
            })  # fmt: skip
    df = pd.DataFrame(rows)
    default = df[df["end"] == "default"].set_index("headline")["headline_value"]
    df["default_value"] = df["headline"].map(default)
    return df


def _flip_value(params: Params, name: str, good: float, bad: float, claim_id: str) -> float:
    """Bisect the input between a value where a claim keeps its default verdict and one where not."""
    want = _swept_verdicts(params, claim_id)[claim_id]
    integer = isinstance(SPEC[name].default, int)
    for _ in range(8):
        mid = 0.5 * (good + bad)
        if integer:
            mid = round(mid)
            if mid in (good, bad):
                break
        if _swept_verdicts({**params, name: mid}, claim_id)[claim_id] == want:
            good = mid
        else:
            bad = mid
    return bad


def claim_robustness_table(params: Params, sweep: pd.DataFrame) -> pd.DataFrame:
    """For each claim, whether its verdict survives every range of :func:`sensitivity_table`.

    Columns ``claim``, ``verdict_default``, ``robust`` (True when no setting
    changes the verdict), ``flips`` (each input that changes it: the value at
    which it flips, found by bisection for numeric inputs, or the choice), and
    ``ranges`` (what was swept). The Monte Carlo checks are listed as not
    swept: they test the code against its own closed forms at any input.
    """
    first = sweep[sweep["headline"] == HEADLINES[0][0]]
    default = first[first["end"] == "default"].iloc[0]
    units = {p.name: p.unit for p in SPEC.params}
    rows = []
    for c in _SWEPT_CLAIMS:
        col = f"verdict_{c}"
        flips = []
        for _, r in first[first["end"] != "default"].iterrows():
            verdict = r[col]
            if verdict == default[col]:
                continue
            if r.end == "alternative":
                flips.append(f"{r.parameter} = {r.setting}: {verdict}")
            else:
                at = _flip_value(params, r.parameter, params[r.parameter], r.input_value, c)
                flips.append(
                    f"{r.parameter} {'below' if r.end == 'low' else 'above'} about "
                    f"{at:.3g} {units[r.parameter]}: {verdict}".replace("  ", " ")
                )
        rows.append({"claim": c, "verdict_default": default[col], "robust": not flips,
                     "flips": "; ".join(flips) or "holds its verdict across every range",
                     "ranges": f"{len(SENSITIVITY_RANGES)} inputs at both ends, "
                               f"{len(SENSITIVITY_CHOICES)} regimes"})  # fmt: skip
    for c in (
        "networks-direct-mc-agrees-with-theory",
        "networks-direct-mc-visibility-agrees",
        "networks-direct-fading-within-visibility",
        "networks-mc-agrees-with-analysis",
    ):
        rows.append({"claim": c, "verdict_default": "", "robust": True,
                     "flips": "not swept: a check of the code against its own theory, tested at "
                              "drawn parameters by the test suite", "ranges": ""})  # fmt: skip
    return pd.DataFrame(rows)


def robustness_display(table: pd.DataFrame) -> Table:
    """The claim robustness table (:func:`claim_robustness_table`) as the chapter shows it."""
    return format_table(
        table.drop(columns=["ranges"]),
        headers={
            "claim": "claim",
            "verdict_default": "verdict at the defaults",
            "robust": "robust",
            "flips": "where the verdict changes",
        },  # fmt: skip
        caption="Which verdicts survive the plausible range of every chosen input",
    )


def sensitivity_ranges_table() -> pd.DataFrame:
    """The swept inputs with their ranges and the reason for each (``parameter``, ``low``,
    ``high``, ``unit``, ``reason``); regimes list their choices."""
    rows = [{"parameter": n, "low": f"{lo:g}", "high": f"{hi:g}", "unit": SPEC[n].unit,
             "reason": why} for n, lo, hi, why in SENSITIVITY_RANGES]  # fmt: skip
    rows += [{"parameter": n, "low": "", "high": "", "unit": "choice: "
              + ", ".join(SPEC[n].choices), "reason": why}
             for n, why in SENSITIVITY_CHOICES]  # fmt: skip
    return pd.DataFrame(rows)


def sensitivity_figure(sweep: pd.DataFrame) -> Any:
    """Tornado plot: each headline number's span over each input's range, one panel per number."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 2, figsize=(7.4, 8.2))
    for ax, (key, label) in zip(axes.flat, HEADLINES, strict=True):
        rows = sweep[(sweep["headline"] == key) & (sweep["end"] != "default")]
        base = float(sweep[(sweep["headline"] == key) & (sweep["end"] == "default")][
            "headline_value"].iloc[0])  # fmt: skip
        spans = rows.groupby("parameter", sort=False)["headline_value"].agg(["min", "max"])
        spans = spans.assign(width=spans["max"] - spans["min"]).sort_values("width").tail(8)
        y = np.arange(len(spans))
        finite = np.isfinite(spans[["min", "max"]].to_numpy())
        lo = np.where(finite[:, 0], spans["min"], base)
        hi = np.where(finite[:, 1], spans["max"], base)
        ax.barh(y, np.minimum(hi, base) - lo, left=lo, color="#3b6ea5", height=0.6)
        ax.barh(y, hi - np.maximum(lo, base), left=np.maximum(lo, base), color="#d08c3c",
                height=0.6)  # fmt: skip
        ax.axvline(base, color="k", lw=1.0)
        ax.set_yticks(y, [n.replace("_", " ") for n in spans.index])
        ax.set_title(label, fontsize="medium")
        ax.set_xlabel(label.split(" (")[0].split(",")[0])
        ax.set_ylabel("input swept")
    fig.suptitle("One input at a time over its plausible range (8 widest per number)")
    fig.tight_layout()
    return fig
