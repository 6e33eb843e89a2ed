"""The networks chapter's parameters (:data:`SPEC`) and the constants its checks use.

Parameters come as the checked mapping that :meth:`ChapterSpec.bind` returns,
in the chapter's human units (GHz, MHz, dBm, dBW, dBi, km, degrees, W).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sagin_lib.platforms.antenna import PATTERNS
from sagin_lib.platforms.cell_free import IDLE_MODES
from sagin_lib.platforms.haps_coverage import FADING_MODELS
from sagin_lib.study.quantities import quantity
from sagin_lib.study.sources import SURVEY
from sagin_lib.study.spec import ChapterSpec, Constraint, Param, output_dir_param

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


def _choice(name: str, default: str, choices: tuple[str, ...], what: str) -> Param:
    """A text parameter whose help names its choices first, as the parameters cell shows them."""
    listed = ", ".join(f'"{c}"' for c in choices[:-1]) + f' or "{choices[-1]}"'
    return Param(name, default, f"{listed}: {what}", choices=choices)


SPEC = ChapterSpec(
    "networks",
    (
        output_dir_param("networks"),
        quantity("freq_ghz", help="access carrier (user to HAPS)"),
        Param("bandwidth_mhz", 20.0, "access bandwidth", "MHz", 1.0, 400.0),
        Param("noise_figure_db", 7.0, "user receiver noise figure", "dB", 0.0, 15.0),
        Param("ue_gain_dbi", 0.0, "user antenna gain", "dBi", -10.0, 30.0),
        Param("haps_tx_power_dbm", 43.0, "largest transmit power of one HAPS", "dBm", 10.0, 60.0),
        Param("haps_element_gain_dbi", 8.0, "gain of one HAPS antenna element", "dBi", 0.0, 30.0),
        Param("haps_antennas", 16, "antennas per HAPS", "antennas", 1, 256),
        _choice("haps_pattern", "tr38901", PATTERNS, "HAPS element pattern"),
        quantity("haps_alt_km", help="HAPS altitude"),
        quantity("min_elevation_deg", high=80.0,
                 why="above 80 deg the sensitivity figure's cell-free gain becomes infinite",
                 help="minimum elevation of a HAPS seen by a user"),
        Param("access_snr_threshold_db", 5.0, "access SNR needed for coverage", "dB", -10.0, 40.0),
        Param("sat_alt_km", 600.0, "LEO altitude", "km", 300.0, 2000.0),
        Param("sat_eirp_density_dbw_mhz", 34.0, "satellite EIRP density of the direct-access comparison",
              "dBW/MHz", 0.0, 60.0),
        Param("sat_tx_gain_dbi", 30.0, "satellite antenna gain (direct access)", "dBi", 0.0, 60.0),
        _choice("fading", "rayleigh", FADING_MODELS, "fading of the direct-access link"),
        Param("nakagami_m", 1.0, "Nakagami shape when fading is nakagami", "", 0.5, 20.0,
              used_if=("fading", ("nakagami",))),
        Param("backhaul_freq_ghz", 30.0, "HAPS-to-LEO backhaul carrier", "GHz", 1.0, 100.0),
        Param("backhaul_bandwidth_mhz", 400.0, "backhaul bandwidth", "MHz", 1.0, 2000.0),
        Param("backhaul_eirp_dbw", 46.2, "EIRP of a HAPS backhaul terminal", "dBW", 0.0, 80.0),
        Param("sat_g_over_t_dbk", 13.0, "satellite receive G/T (backhaul)", "dB/K", -30.0, 40.0),
        Param("backhaul_min_elevation_deg", 10.0, "minimum elevation of a satellite seen from a HAPS",
              "deg", 0.0, 80.0),
        Param("backhaul_snr_threshold_db", 0.0, "backhaul SNR needed for a link", "dB", -10.0, 30.0),
        Param("static_power_w", 130.0, "static power of one transceiver chain", "W", 1.0, 10000.0),
        Param("load_factor", 4.7, "W drawn per W radiated (load-dependent slope)", "", 0.0, 50.0),
        _choice("power_chains", "per-chain", POWER_CHAINS, "how static power is charged"),
        _choice("idle_mode", "sleep", IDLE_MODES, "what a HAPS that serves nobody draws"),
        Param("sleep_power_w", 75.0, "sleep power of one chain (idle_mode sleep)", "W", 0.0, 10000.0),
        _choice("phase_sync", "synchronised", PHASE_SYNC, "cell-free HAPS phases"),
        Param("backhaul_power_w_per_gbps", 0.25, "backhaul power per forwarded traffic", "W per Gbit/s",
              0.0, 10000.0),
        Param("ee_region_radius_km", 50.0, "ground radius of the energy-efficiency area", "km", 1.0, 500.0),
        Param("ee_users", 20, "users per energy-efficiency drop", "users", 1, 100),
        Param("ee_haps_counts", [4, 8, 16, 32], "numbers of HAPS of the energy-efficiency CDFs", "HAPS",
              1, 100, max_items=6, increasing=True),
        Param("ee_drops", 400, "random placements per HAPS count", "drops", 1, 2000),
        Param("cov_region_radius_km", 1000.0, "ground radius of the HAPS deployment (coverage)", "km",
              10.0, 20000.0),
        Param("sat_counts", [20, 50, 100, 300], "LEO constellation sizes, one coverage curve each",
              "satellites", 0, 2000, max_items=6, increasing=True),
        Param("n_haps_max", 200, "largest number of HAPS of the coverage sweep", "HAPS", 0, 1000),
        Param("n_haps_step", 10, "step of the coverage sweep", "HAPS", 1, 1000),
        Param("n_users", 2000, "Monte Carlo users per coverage point", "users", 1, 10000),
        quantity("seed", 2023, help="root seed of every Monte Carlo"),
    ),
    (
        Constraint(
            ("n_haps_max", "n_haps_step"),
            f"n_haps_max / n_haps_step <= {MAX_SWEEP_POINTS - 1} "
            f"(at most {MAX_SWEEP_POINTS} points per curve)",
            lambda v: v["n_haps_max"] // v["n_haps_step"] < MAX_SWEEP_POINTS,
        ),
    ),
)  # fmt: skip
