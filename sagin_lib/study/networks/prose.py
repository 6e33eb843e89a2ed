"""Numbers the networks chapter's prose quotes."""

from __future__ import annotations

import math

import pandas as pd

from .compute import (
    _beta_nadir,
    _edge_loss_db,
    _edge_off_nadir_rad,
    _edge_snr_db,
    _fading_gains,
    _fading_title,
    coverage_summary,
    direct_access_model,
    network_model,
)
from .spec import FAMILY_ALPHA, Z_BAND, Params


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
