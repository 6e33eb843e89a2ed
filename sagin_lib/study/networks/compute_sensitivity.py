"""One-at-a-time sensitivity of the networks chapter's headline numbers and verdicts."""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np
import pandas as pd

from sagin_lib.platforms.cell_free import coverage_analysis
from sagin_lib.platforms.haps_coverage import (
    HapsCoverageParams,
    coverage_probability_no_fading,
    coverage_probability_semianalytic,
)
from sagin_lib.study.claims import verdict_of

from .compute import _curve_rises, _edge_snr_db, direct_access_model, n_haps_values, network_model
from .compute_energy import _ee_ratio
from .spec import _MONO_TOL, QUOTE_N_HAPS, SPEC, Params

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
    gain = _ee_ratio(params, int(max(params["ee_haps_counts"])))
    return {
        "edge_snr_db": _edge_snr_db(m),
        "reach_km": m.access_angle_rad * 6371.0,
        "cellular_coverage": float(cov["cellular"]),
        # No cellular efficiency to compare with (a median of zero): no ratio.
        "cell_free_gain": gain if math.isfinite(gain) else math.nan,
    }


def _swept_verdicts(params: Params, only: str | None = None) -> dict[str, str]:
    """Verdicts of :data:`_SWEPT_CLAIMS` from the closed forms and the EE drops.

    With ``only`` that claim alone is computed; the others then read
    "not_applicable".
    """
    wanted = _SWEPT_CLAIMS if only is None else (only,)
    found: dict[str, bool | None] = dict.fromkeys(_SWEPT_CLAIMS)
    if _SWEPT_CLAIMS[0] in wanted:
        counts = [int(n) for n in params["ee_haps_counts"] if int(n) >= 2]
        found[_SWEPT_CLAIMS[0]] = (
            None if not counts else all(_ee_ratio(params, n) > 1.0 for n in counts)
        )
    haps = tuple(n_haps_values(params))
    sats = tuple(int(n) for n in params["sat_counts"])
    if _SWEPT_CLAIMS[1] in wanted or _SWEPT_CLAIMS[2] in wanted:
        found[_SWEPT_CLAIMS[1]], found[_SWEPT_CLAIMS[2]] = _direct_rises(params, haps, sats)
    if _SWEPT_CLAIMS[3] in wanted:
        found[_SWEPT_CLAIMS[3]] = _relay_rises(params, haps, sats)
    return {c: verdict_of(found[c]) if c in wanted else "not_applicable" for c in _SWEPT_CLAIMS}


def _relay_rises(params: Params, haps: tuple[int, ...], sats: tuple[int, ...]) -> bool | None:
    """Whether the cellular relay coverage rises with the HAPS wherever cell-free's bound does."""
    if len(haps) < 2:
        return None
    m = network_model(params)
    region = params["cov_region_radius_km"]
    checked = []
    for ns in sats:
        out = coverage_analysis(m, np.array(haps), ns, region)
        if out["cell_free_upper"][-1] <= out["cell_free_upper"][0]:
            continue
        lower = out["cellular"]
        checked.append(bool(np.all(np.diff(lower) >= -1e-12)) and lower[-1] > lower[0])
    return all(checked) if checked else None


def _direct_rises(
    params: Params, haps: tuple[int, ...], sats: tuple[int, ...]
) -> tuple[bool | None, bool | None]:
    """Whether the direct-access coverage rises with the HAPS, and with the satellites.

    Each curve without fading and with the chosen fading, at every
    constellation size (:func:`_direct_curve`).
    """
    d = direct_access_model(params)
    curves = {
        fad: {ns: _direct_curve(d.replace(fading=fad), haps, ns) for ns in sats}
        for fad in dict.fromkeys(("none", params["fading"]))
    }
    can_cover = d._tiers[0].cover_angle_rad > 0.0
    rises = [
        _curve_rises(v)
        for fad, by_ns in curves.items()
        for v in by_ns.values()
        if fad != "none" or can_cover
    ]
    direct_haps = None if len(haps) < 2 or not rises else all(rises)
    direct_sats: bool | None = None
    if len(sats) >= 2:
        direct_sats = all(
            bool(np.all(np.diff(np.vstack([by_ns[ns] for ns in sats]), axis=0) >= -_MONO_TOL))
            for by_ns in curves.values()
        )
    return direct_haps, direct_sats


@functools.lru_cache(maxsize=256)
def _direct_curve(model: HapsCoverageParams, haps: tuple[int, ...], n_sats: int) -> np.ndarray:
    """Direct-access coverage against the HAPS counts at ``n_sats`` satellites (read-only).

    The closed form without fading, the numerical integral with it; kept for
    the settings of the sweep that leave the direct-access model as it is.
    """
    n_haps = np.array(haps, dtype=np.int64)
    curve = np.asarray(
        coverage_probability_no_fading(model, n_haps, n_sats)
        if model.fading == "none"
        else coverage_probability_semianalytic(model, n_haps, n_sats),
        dtype=float,
    )
    curve.flags.writeable = False
    return curve


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
