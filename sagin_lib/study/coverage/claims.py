"""The coverage chapter's claims: the paper's statements about Fig. 3 and its insights, and the study's checks."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from sagin_lib.model._docs import fill_doc
from sagin_lib.model.scenarios import DOWNLINKS, SCENARIOS, UPLINKS
from sagin_lib.study.claims import Claim, claim
from sagin_lib.study.formatting import format_number
from sagin_lib.study.sources import STUDY

from .compute import LAYER_PAIRS, _by, _curves, _orders_smaller, case1_limits
from .spec import PAPER

#: A much-smaller dome is at least this many times smaller (one order of magnitude).
MUCH_SMALLER_FACTOR = 10.0

_FIG3_UP = f"{PAPER}, Sec. III-B, Fig. 3 (uplinks)"

_FIG3_DOWN = f"{PAPER}, Sec. III-B, Fig. 3 (downlinks)"

#: The satellite platforms of the swept scenarios, lowest first.
_SATELLITES = ["LEO", "MEO", "GEO"]


def _reads(*, one_claim: bool = False, p_optional: bool = False, **tables: str) -> Any:
    """Docstring filler of claims read off tables of the run and its parameters.

    Each keyword names an argument and the function whose table it takes. With
    ``one_claim`` the fragment also says that one :class:`Claim` is returned;
    otherwise the docstring says what its list holds.
    """
    lines = ["Parameters", "----------"]
    for arg, function in tables.items():
        lines += [f"{arg} : pandas.DataFrame", f"    :func:`{function}` of the run."]
    lines += (
        ["p : mapping, optional", "    The run's parameters (for the evidence's wording)."]
        if p_optional
        else ["p : mapping", "    The run's parameters."]
    )
    if one_claim:
        lines += ["", "Returns", "-------", "Claim"]
    return fill_doc(reads="\n".join(lines))


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


def _much_smaller_claim(
    claim_id: str,
    statement: str,
    source: str,
    by: pd.DataFrame,
    small: str,
    large: list[str],
    x: str,
    reading: str,
) -> Claim:
    """The ``small`` scenario's largest dome :data:`MUCH_SMALLER_FACTOR` times below the ``large`` ones at every x.

    ``reading`` is the paper's word for it ('Much smaller', 'Very small').
    """
    fewest, most = _orders_smaller(by[small], by[large], x)
    where = "frequency" if x == "freq_ghz" else "minimum elevation"
    return claim(
        claim_id,
        statement,
        source,
        fewest >= math.log10(MUCH_SMALLER_FACTOR),
        f"'{reading}' read as at least {MUCH_SMALLER_FACTOR:g} times at every swept {where}: the "
        f"largest {small} dome is {fewest:.2f} to {most:.2f} orders of magnitude smaller than the "
        "satellite domes over the sweep.",
        kind="source",
    )


def _slightly_larger_claim(
    claim_id: str, statement: str, source: str, by: pd.DataFrame, pair: tuple[str, str], sweep: str
) -> Claim:
    """The first scenario of ``pair`` has the larger dome under every satellite, at every x."""
    larger, smaller = pair
    ratio = {n: by[larger][n].to_numpy() / by[smaller][n].to_numpy() for n in _SATELLITES}
    return claim(
        claim_id,
        statement,
        source,
        all(np.all(r > 1) for r in ratio.values()),
        f"{larger} / {smaller} area ratio over {sweep}: "
        + ", ".join(f"{n} {r.min():.4f} to {r.max():.4f}" for n, r in ratio.items())
        + ".",
        kind="source",
    )


@_reads(up="uplink_frequency_table", cases="uplink_cases_table")
def uplink_claims(up: pd.DataFrame, cases: pd.DataFrame, p: Mapping[str, Any]) -> list[Claim]:
    """The paper's statements about the uplink domes (Sec. III-A and III-B), under these parameters.

    {reads}

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
            [("G2A", ["UAV", "HAP"]), ("A2S", _SATELLITES), ("G2S", _SATELLITES)],
            f"at every swept frequency, {sweep}",
        ),
        _much_smaller_claim(
            "coverage-g2a-much-smaller",
            "Among the three uplinks the G2A dome is much smaller than the A2S and G2S domes, "
            "because aerial altitudes are much shorter than the Earth's radius.",
            _FIG3_UP,
            by,
            "G2A",
            ["A2S", "G2S"],
            "freq_ghz",
            "Much smaller",
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
        _slightly_larger_claim(
            "coverage-g2s-larger-than-a2s",
            "The G2S dome's area and vertex angle are slightly larger than those of the A2S dome "
            "of the same satellite, because G2S has the longer transmission distance.",
            _FIG3_UP,
            by,
            ("G2S", "A2S"),
            sweep,
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
            [("A2G", ["UAV", "HAP"]), ("S2A", _SATELLITES), ("S2G", _SATELLITES)],
            f"at every swept minimum elevation, {sweep}",
        ),
        _much_smaller_claim(
            "coverage-a2g-much-smaller",
            "The A2G dome is very small next to the S2A and S2G domes, for the same reason as "
            "G2A among the uplinks (the sentence calls A2G 'the G2A scenario').",
            _FIG3_DOWN,
            by,
            "A2G",
            ["S2A", "S2G"],
            "min_elev_deg",
            "Very small",
        ),
        _slightly_larger_claim(
            "coverage-s2g-larger-than-s2a",
            "The S2G dome's area and vertex angle are slightly larger than those of the S2A dome "
            "under the same satellites, for the same reason as G2S against A2S.",
            _FIG3_DOWN,
            by,
            ("S2G", "S2A"),
            sweep,
        ),
    ]


@_reads(alt="altitude_table", points="point_domes", p_optional=True)
def altitude_claims(
    alt: pd.DataFrame, points: pd.DataFrame, p: Mapping[str, Any] | None = None
) -> list[Claim]:
    """Growth with altitude (Fig. 3) and the flat-disc corollary, under these parameters.

    {reads}

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


_INSIGHT2 = f"{PAPER}, Sec. IV-B, Insight 2"

_INSIGHT3 = f"{PAPER}, Sec. IV-B, Insight 3"


@_reads(table="insight2_table")
def insight2_claims(table: pd.DataFrame, p: Mapping[str, Any]) -> list[Claim]:
    """Insight 2 (a higher receiver, a larger dome, 'for all six scenarios'), read per direction.

    {reads}

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
    half = a2g.iloc[int(np.searchsorted(a2g["rx_alt_km"].to_numpy(), p["haps_alt_km"] / 2))]
    down_text = (
        f"under LEO transmitters ({p['leo_alt_km']:g} km) a ground receiver's S2G dome is "
        f"{s2g:.4g} km^2, an S2A receiver's at {p['air_alt_km']:g} km {s2a:.4g} km^2 "
        f"({100 * (s2a / s2g - 1):+.2f} %); under HAP transmitters ({p['haps_alt_km']:g} km) "
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


@_reads(table="insight3_table", one_claim=True)
def insight3_claim(table: pd.DataFrame, p: Mapping[str, Any]) -> Claim:
    """Insight 3 (downlink domes larger than uplink domes), pair by pair over the swept frequencies.

    {reads}
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


@_reads(table="air_altitude_gap_table", one_claim=True)
def air_altitude_gap_claim(table: pd.DataFrame, p: Mapping[str, Any]) -> Claim:
    """Sec. III-B's insight: the higher the aerial layer, the clearer the A2S-G2S difference.

    {reads}
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
