"""The networks chapter's tables: the assumptions with their sources, and the tables as shown."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from sagin_lib.study.formatting import Table, format_table
from sagin_lib.study.table_output import SavedTable, records_table, save_assumptions_table

from .compute import _edge_loss_db, _edge_off_nadir_rad, network_model
from .compute_sensitivity import SENSITIVITY_CHOICES, SENSITIVITY_RANGES
from .spec import _SURVEY, SPEC, Params

_TR821 = "3GPP TR 38.821"
_EARTH = "Auer et al. 2011 (EARTH)"
#: The source of an input the study chose (its plausible range is in the sensitivity table).
_OURS = "our choice"


_TR811 = "3GPP TR 38.811"


def assumptions_table(params: Params) -> pd.DataFrame:
    """Every assumption of the chapter with its value, unit and source.

    Columns ``part``, ``quantity``, ``value``, ``unit``, ``source``, ``note``
    (``value`` is text: numbers as run, or the modelling rule).
    """
    p = params
    m = network_model(p)
    records = {
        "source": [
            ("parameter values of Lou, Belmekki and Alouini", "not in our sources", "",
             _SURVEY, "the survey shows only the curves of Fig. 9; every value below is ours"),
        ],
        "access": [
            ("carrier frequency", p["freq_ghz"], "GHz", _TR821,
             "S-band NTN carrier (2 GHz)"),
            ("bandwidth", p["bandwidth_mhz"], "MHz", _OURS,
             "inside the 30 MHz S-band NTN allocations"),
            ("user noise figure", p["noise_figure_db"], "dB", _TR821, "handheld UE"),
            ("user antenna gain", p["ue_gain_dbi"], "dBi", _TR821, "handheld UE"),
            ("noise temperature", 290, "K", "ITU-R reference temperature",
             "N0 = k T B F"),
            ("HAPS altitude", p["haps_alt_km"], "km", _TR811,
             "HAPS fly at 8-50 km, 20 km typical"),
            ("minimum elevation (user to HAPS)", p["min_elevation_deg"], "deg",
             f"{_TR811}; {_TR821}", "10 deg NTN minimum elevation"),
            ("HAPS transmit power", p["haps_tx_power_dbm"], "dBm",
             "our choice (EARTH macro P_max = 20 W)", "no HAPS power in TR 38.811/38.821"),
            ("HAPS antenna element gain", p["haps_element_gain_dbi"], "dBi",
             "3GPP TR 38.901", "8 dBi element of the 3GPP array model"),
            ("HAPS element pattern", p["haps_pattern"], "",
             "3GPP TR 38.901 Table 7.3-1",
             "array faces nadir; 12 (off-nadir / 65 deg)^2 dB below the peak, at most 30 dB"
             if p["haps_pattern"] == "tr38901" else "peak gain in every direction (first version)"),
            ("pattern loss at the visibility edge",
             round(_edge_loss_db(m), 1), "dB", "derived",
             f"the user at {p['min_elevation_deg']:g} deg elevation is "
             f"{math.degrees(_edge_off_nadir_rad(m)):.0f} deg off nadir"),
            ("antennas per HAPS", p["haps_antennas"], "", _OURS,
             "array gain M on every beam"),
            ("access SNR threshold", p["access_snr_threshold_db"], "dB", _OURS,
             "the same for relay and direct access"),
            ("path loss", "free space", "", "ITU-R P.525",
             "line of sight from a HAPS; no shadowing"),
            ("atmospheric gases", "neglected", "", "ITU-R P.676",
             "below 0.3 dB at 2 GHz and 10 deg elevation"),
            ("beamforming", f"conjugate, perfect CSI, {p['phase_sync']} HAPS", "",
             "Ngo et al. 2017", "synchronised: the HAPS add in amplitude (a common phase "
             "reference across swaying platforms); unsynchronised: in power"),
            ("cellular association", "strongest visible HAPS", "", _OURS,
             "one HAPS per user; idle HAPS radiate nothing"),
            ("cell-free association", "every visible HAPS", "", "Ngo et al. 2017",
             "all HAPS a user sees serve it coherently"),
        ],
        "backhaul": [
            ("LEO altitude", p["sat_alt_km"], "km", _TR821, "LEO-600 reference"),
            ("backhaul carrier", p["backhaul_freq_ghz"], "GHz", _TR821,
             "Ka band (uplink 27.5-30 GHz)"),
            ("backhaul bandwidth", p["backhaul_bandwidth_mhz"], "MHz", _TR821,
             "Ka-band channel bandwidth"),
            ("HAPS backhaul EIRP", p["backhaul_eirp_dbw"], "dBW",
             "our choice (VSAT-class terminal of TR 38.821)", "2 W into a 60 cm dish"),
            ("satellite G/T", p["sat_g_over_t_dbk"], "dB/K", _TR821,
             "LEO-600 Ka band"),
            ("minimum elevation (HAPS to LEO)", p["backhaul_min_elevation_deg"], "deg",
             _OURS, "as the access link"),
            ("backhaul SNR threshold", p["backhaul_snr_threshold_db"], "dB",
             _OURS, ""),
            ("rain and gases", "neglected", "", "ITU-R P.676",
             "the HAPS flies above the rain and almost all of the gases"),
            ("backhaul reach (ground arc)", round(m.backhaul_angle_rad * 6371.0, 1),
             "km", "derived", "smaller of the elevation and the SNR limits"),
        ],
        "direct": [
            ("satellite EIRP density", p["sat_eirp_density_dbw_mhz"], "dBW/MHz", _TR821,
             "LEO-600 S band; direct-access comparison only"),
            ("satellite antenna gain", p["sat_tx_gain_dbi"], "dBi", _TR821,
             "LEO-600 S band"),
            ("association", "strongest mean received power, both tiers", "",
             _OURS, "a deep fade is not rescued by a second platform"),
            ("fading of the serving link", p["fading"], "", _OURS,
             "none, Rayleigh or Nakagami-m, unit mean power"),
            ("Nakagami shape", p["nakagami_m"], "", _OURS,
             "used when the fading is nakagami"),
        ],
        "power": [
            ("static power", p["static_power_w"], "W",
             _EARTH, "macro base station P_0, per transceiver chain"),
            ("chains charged", p["power_chains"], "", _EARTH,
             "per-chain: one chain per antenna; per-payload: once per HAPS (first version)"),
            ("idle HAPS", p["idle_mode"], "", f"{_EARTH}; {_OURS}",
             "sleep: P_sleep per chain; on: P_0; off: payload switched off"),
            ("sleep power", p["sleep_power_w"], "W", _EARTH,
             "macro base station P_sleep, per chain"),
            ("load-dependent slope", p["load_factor"], "W/W",
             _EARTH, "macro base station Delta_p"),
            ("backhaul power per traffic", p["backhaul_power_w_per_gbps"], "W per Gbit/s",
             "Ngo et al. 2018", "each serving HAPS forwards its users' bits"),
        ],
        "placement": [
            ("users per drop", p["ee_users"], "", _OURS, ""),
            ("energy-efficiency area radius", p["ee_region_radius_km"], "km",
             _OURS, "users and HAPS uniform by area (BPP)"),
            ("HAPS deployment radius (coverage)", p["cov_region_radius_km"], "km",
             _OURS, "the typical user at its centre"),
            ("LEO satellites", "uniform on the sphere (BPP)", "", _OURS,
             "isotropic stand-in for a constellation"),
        ],
    }  # fmt: skip
    rows = [(part, *record) for part, part_records in records.items() for record in part_records]
    return records_table(rows, ["part", "quantity", "value", "unit", "source", "note"])


def save_assumptions(params: Params) -> SavedTable:
    """Write the assumptions as table ``networks-assumptions`` (CSV and JSON); return it shown.

    See :func:`sagin_lib.study.table_output.save_table`; the table folds
    beyond 15 rows.
    """
    title = "Every assumption of the networks chapter, with its value and source"
    return save_assumptions_table(assumptions_table(params), params, "networks", title)


#: The chapter's words for the columns of its summaries, where a column's name does not say it.
_HEADERS: Mapping[str, str] = {
    "variant": "regime",
    "haps_pattern": "pattern",
    "power_chains": "static power",
    "idle_mode": "idle HAPS",
    "phase_sync": "cell-free phases",
    "n_haps": "HAPS",
    "n_sats": "LEO satellites",
    "median_cellular_mbit_per_j": "median EE, cellular (Mbit/J)",
    "median_cell_free_mbit_per_j": "median EE, cell-free (Mbit/J)",
    "ratio": "ratio cell-free / cellular",
    "share_cell_free_wins": "drops where cell-free wins (share)",
    "median_sum_rate_cellular_gbps": "median sum rate, cellular (Gbit/s)",
    "median_sum_rate_cell_free_gbps": "median sum rate, cell-free (Gbit/s)",
    "break_even_backhaul_w_per_gbps": "break-even backhaul power (W per Gbit/s)",
    "cell_free": "cell-free (Monte Carlo)",
    "cell_free_standard_error": "its standard error",
    "cellular": "cellular (Monte Carlo)",
    "cellular_analysis": "cellular (closed form)",
    "cell_free_lower": "cell-free lower bound",
    "cell_free_upper": "cell-free upper bound",
    "direct_access_analysis": "direct access (closed form)",
    "max_abs_difference": "largest |Monte Carlo − theory|",
    "max_abs_z": "largest |z| (standard errors)",
    "verdict_default": "verdict at the defaults",
    "flips": "where the verdict changes",
}


def _shown(data: pd.DataFrame, caption: str, **headers: str) -> Table:
    """A summary under the chapter's header words (``headers`` override them), to 3 digits."""
    words = {**_HEADERS, **headers}
    shown = {column: words[column] for column in data.columns if column in words}
    return format_table(data, digits=3, headers=shown, caption=caption)


def ee_variants_display(variants: pd.DataFrame) -> Table:
    """The power and phase regimes of the cell-free gain (:func:`ee_variants`) as shown."""
    caption = "The cell-free gain at the largest number of HAPS under each regime"
    return _shown(variants, caption, ratio="median EE, cell-free / cellular")


def ee_display(summary: pd.DataFrame) -> Table:
    """The energy-efficiency summary (:func:`ee_summary`) as the chapter shows it."""
    return _shown(summary, "Energy efficiency over the drops, per number of HAPS")


def coverage_summary_display(summary: pd.DataFrame) -> Table:
    """The coverage summary (:func:`coverage_summary`) as the chapter shows it."""
    return _shown(summary, "Coverage probability at one number of HAPS, per constellation size")


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
    return _shown(summary, "Direct access: the Monte Carlo against its theory")


def robustness_display(table: pd.DataFrame) -> Table:
    """The claim robustness table (:func:`claim_robustness_table`) as the chapter shows it."""
    caption = "Which verdicts survive the plausible range of every chosen input"
    return _shown(table.drop(columns=["ranges"]), caption)


def sensitivity_ranges_table() -> pd.DataFrame:
    """The swept inputs with their ranges and the reason for each (``parameter``, ``low``,
    ``high``, ``unit``, ``reason``); regimes list their choices."""
    rows = [{"parameter": n, "low": f"{lo:g}", "high": f"{hi:g}", "unit": SPEC[n].unit,
             "reason": why} for n, lo, hi, why in SENSITIVITY_RANGES]  # fmt: skip
    rows += [{"parameter": n, "low": "", "high": "", "unit": "choice: "
              + ", ".join(SPEC[n].choices), "reason": why}
             for n, why in SENSITIVITY_CHOICES]  # fmt: skip
    return pd.DataFrame(rows)
