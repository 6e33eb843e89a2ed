"""The operations chapter's claims with their verdicts."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from sagin_lib.study.claims import Claim, claim
from sagin_lib.study.sources import STUDY

from .compute import latency_conditions
from .compute_energy import _limit_words, _solar_verdicts
from .compute_motion import MOTIONS
from .spec import (
    _SURVEY,
    _SWEEP_POINTS,
    HUNDREDS_MS,
    MONTHS_DAYS,
    MS_LEVEL_MS,
    PLATFORMS,
    QUADRATURE_TOL,
    Z_BAND,
    Params,
)


def _sway_claims(params: Params, sway: Mapping[str, Any]) -> list[Claim]:
    data = sway["data"]
    motions = sway["motions"]
    z_max = max(float(r["z_max"]) for r in motions.values())
    curves = data[(data["panel"] == "displacement") & (data["curve"] == "closed form")]
    wide = curves.pivot(index="displacement_km", columns="alt_km", values="handover_fraction")
    grows = bool(
        all(
            np.all(np.diff(col) >= -1e-12) and np.all(np.diff(col)[col[:-1] < 1.0] > 0.0)
            for col in wide.to_numpy().T
        )
    )
    tilt = data[(data["panel"] == "tilt") & (data["curve"] == "link rule")].pivot(
        index="tilt_deg", columns="alt_km", values="handover_fraction"
    )
    tilt_grows = bool(np.all(tilt.to_numpy()[1:] > 0.0))
    inner = wide[(wide.index > 0.0) & (wide.max(axis=1) < 1.0)].to_numpy()
    shrinks = bool(inner.size and np.all(np.diff(inner, axis=1) < 0.0))
    some = wide.iloc[len(wide) // 2]
    moving = [
        n for n in MOTIONS if motions[n]["displacement_km"] > 0 and motions[n]["tilt_rad"] > 0
    ]
    dominates = all(motions[n]["tilt_only"] > motions[n]["displacement_only"] for n in moving)
    mc_words = "; ".join(
        f"{n}: out at least once {motions[n]['ever']:.4f} (analysis) against "
        f"{motions[n]['mc'].ever_outside_fraction:.4f} (Monte Carlo), largest |z| "
        f"{motions[n]['z_max']:.2f}"
        for n in MOTIONS
    )
    return [
        claim(
            "operations-handover-quadrature-exact",
            "The quadrature of the swayed footprint reproduces the closed form (the lens of two "
            f"caps) of a pure displacement to within {QUADRATURE_TOL:g}.",
            STUDY,
            sway["quadrature_error"] < QUADRATURE_TOL,
            f"Largest difference over {int(np.ceil(_SWEEP_POINTS / 4))} displacements at "
            f"{params['haps_alt_km']:g} km: {sway['quadrature_error']:.2e}. A displacement alone "
            "moves the served area without reshaping it, under the brick-wall beam and the link "
            "rule alike.",
            kind="check",
        ),
        claim(
            "operations-handover-mc-agrees",
            "Users drawn on the footprint and followed through one cycle of each platform's "
            "motion leave it as the analysis predicts: every Monte Carlo share lies within "
            f"{Z_BAND:g} standard errors.",
            f"{STUDY}: Monte Carlo against the analysis of the platform motion in {_SURVEY}, "
            "Fig. 10 and Sec. IV-C",
            z_max < Z_BAND,
            f"{motions['Zephyr S']['mc'].n_users:,} users, {len(motions['Zephyr S']['mc'].outside_fraction)} "
            f"states per cycle; {mc_words}.",
            kind="check",
        ),
        claim(
            "operations-handover-grows-with-displacement",
            "The movement of near-space platforms and atmospheric disturbances change their "
            "position and orientation, so that their coverage area and shape fluctuate; the "
            "unstable motion of airborne platforms impacts the handover probability.",
            f"{_SURVEY}, Sec. IV-C and Fig. 10",
            grows and tilt_grows,
            (
                "Both motions move users out of the served area: the share outside rises with the "
                f"displacement at every altitude ({len(wide)} displacements up to "
                f"{wide.index.max():g} km) and is above 0 at every tilt up to "
                f"{tilt.index.max():g} deg under the link rule."
                if grows and tilt_grows
                else "The share outside does not rise with the displacement at every altitude, "
                "or is 0 at some tilt."
            )
            + f" At {some.name:g} km of displacement: "
            + ", ".join(f"{a:g} km altitude {v:.4f}" for a, v in some.items())
            + (
                "; a higher platform loses fewer users (its footprint is larger)."
                if shrinks
                else "; the share does not fall with the altitude everywhere."
            ),
            kind="source",
        ),
        claim(
            "operations-tilt-dominates-sway",
            "At this run's platform motions (the Zephyr S's loiter circle and the bank it "
            "requires, the Yuanmeng's drift and pitch), the beam's tilt alone moves more users "
            "out of the served area than the displacement alone, for each platform.",
            STUDY,
            dominates if moving else None,
            "; ".join(
                f"{n}: {motions[n]['displacement_km']:g} km displacement alone "
                f"{motions[n]['displacement_only']:.4f}, {math.degrees(motions[n]['tilt_rad']):.2f} "
                f"deg tilt alone {motions[n]['tilt_only']:.4f}"
                for n in MOTIONS
            )
            + (
                " (link rule, TR 38.901 element, body-fixed beam). This compares the two parts "
                "of these motions only; a beam stabilised or steered against the attitude "
                "removes the tilt part, and the sensitivity table gives the amplitudes at which "
                "the comparison turns."
                if moving
                else " (a platform without displacement or tilt: nothing to compare)."
            ),
            kind="check",
        ),
    ]


def _solar_claims(params: Params, solar: Mapping[str, Any]) -> list[Claim]:
    end = solar["endurance"]
    lat_max = float(params["latitude_max_deg"])
    lim = solar["limits"]
    seasonal_verdict, months_verdict = _solar_verdicts(end)
    ranges, seasonal_words = [], []
    for name in PLATFORMS:
        rows = end[end["platform"] == name]
        ranges.append(
            f"{name} {rows['endurance_days'].min():g}-{rows['endurance_days'].max():g} days over "
            f"0-{lat_max:g} deg"
        )
        part = rows[(rows["endurance_days"] > 0) & (rows["endurance_days"] < 365)]
        if len(part):
            seasonal_words.append(
                f"{name} closes only part of the year at {len(part)} of {len(rows)} latitudes "
                f"(e.g. {part['endurance_days'].iloc[-1]:g} days at {part['latitude_deg'].iloc[-1]:g} deg)"
            )
    loads = (
        f" Loads: Zephyr S {lim['Zephyr S']['load_w']:.0f} W (derived flight power "
        f"{solar['flight']['propulsion_day_w']:.0f} W), Yuanmeng {lim['Yuanmeng']['load_w']:.0f} W "
        f"on average and up to {lim['Yuanmeng']['load_max_w']:.0f} W against the wind; cells "
        f"{params['cell_efficiency_pct']:g} %, battery {params['battery_specific_energy_wh_kg']:g} Wh/kg."
    )
    where = "; ".join(f"{n}: year-round {_limit_words(solar, n)}" for n in PLATFORMS)
    return [
        claim(
            "operations-solar-year-round-latitude",
            "The daily energy conversion of the gallium arsenide cells (18-22 % in the "
            "stratosphere) is significantly reduced by seasonal variations of the solar "
            "incidence angle: a critical limitation of solar-battery systems for long-term "
            "station keeping.",
            f"{_SURVEY}, Sec. III-B",
            seasonal_verdict,
            where
            + ". "
            + (
                "; ".join(seasonal_words)
                + ": the seasons end flight there (for the Yuanmeng the wind's seasons as well "
                "as the sun's)."
                if seasonal_verdict
                else (
                    "No platform closes even one sampled day at any latitude: the load, not the "
                    "seasons, decides."
                    if seasonal_verdict is None
                    else "Every latitude either closes all year or never: the seasons decide nothing."
                )
            )
            + loads,
            kind="source",
        ),
        claim(
            "operations-solar-months-to-years",
            "Near-space platforms' energy systems predominantly use solar power paired with "
            "high-efficiency energy storage, enabling continuous operation at near-space "
            "altitudes for months to years.",
            f"{_SURVEY}, Sec. II",
            months_verdict,
            "Longest runs of days whose energy budget closes: "
            + "; ".join(ranges)
            + f". Months (at least {MONTHS_DAYS:g} days) for each platform somewhere: "
            + ("yes" if all(
                float(end.loc[end["platform"] == n, "endurance_days"].max()) >= MONTHS_DAYS
                for n in PLATFORMS) else "no")
            + "; year-round somewhere: "
            + ("yes" if bool(end["year_round"].any()) else "no")
            + ". A year-round budget bounds the endurance only by the airframe and battery "
            "life, which the budget does not model.",
            kind="source",
        ),
    ]  # fmt: skip


def _latency_claims(params: Params, latency: pd.DataFrame) -> list[Claim]:
    lat = latency.set_index(["path", "architecture"])
    mec_row = lat.loc[("user-HAPS edge server", "MEC at the HAPS")]
    mec = float(mec_row["round_trip_ms"])
    non_geo = latency[~latency["path"].str.contains("GEO")]
    propagation = 2.0 * non_geo["propagation_one_way_ms"]
    worst = non_geo.loc[propagation.idxmax()]
    worst_prop = float(propagation.max())
    geo = latency[latency["path"].str.contains("GEO")]
    geo_prop = 2.0 * float(geo["propagation_one_way_ms"].min())
    holds = latency_conditions(latency)
    return [
        claim(
            "operations-mec-ms-level",
            "Deploying edge computing nodes on near-space platforms provides millisecond-level "
            "low-latency services for satellites, UAVs and terrestrial devices.",
            f"{_SURVEY}, Sec. V-B",
            holds["operations-mec-ms-level"],
            f"Checked for a ground user: the round trip to the server on the HAPS, computing included, is "
            f"{mec:.3f} ms at {params['min_elevation_deg']:g} deg (ms-level: under "
            f"{MS_LEVEL_MS:g} ms): propagation {2 * float(mec_row['propagation_one_way_ms']):.3f} ms, "
            f"processing and queueing {2 * (params['regenerative_processing_ms'] + params['queueing_ms']):g} ms, "
            f"computing {params['mec_compute_ms']:g} ms.",
            kind="source",
        ),
        claim(
            "operations-propagation-under-hundreds-ms",
            "Propagation alone keeps the round trip of every computed path through HAPS and LEO "
            f"relays under {HUNDREDS_MS:g} ms, every hop at its worst case.",
            STUDY,
            holds["operations-propagation-under-hundreds-ms"],
            f"Largest propagation round trip without GEO {worst_prop:.2f} ms ({worst['path']}); "
            f"through GEO {geo_prop:.0f} ms. This bounds propagation only. The survey puts a "
            "delay bottleneck 'on the order of hundreds of milliseconds' on cross-layer "
            "signalling between heterogeneous protocol stacks (Sec. III-C): a cost of the "
            "protocols' exchanges and translations, which this computation does not model, so "
            "the check neither confirms nor refutes that statement (the ledger marks it out of "
            "scope). "
            + (
                f"It says that propagation through HAPS and LEO relays can be at most "
                f"{worst_prop:.0f} ms of such a delay, unless a GEO hop is on the path."
                if worst_prop < HUNDREDS_MS
                else "Here propagation alone reaches hundreds of ms."
            ),
            kind="check",
        ),
    ]


def chapter_claims(
    params: Params,
    *,
    sway: Mapping[str, Any],
    solar: Mapping[str, Any],
    latency: pd.DataFrame,
) -> list[Claim]:
    """The chapter's claims with their verdicts under ``params``, in reading order."""
    return [
        *_sway_claims(params, sway),
        *_solar_claims(params, solar),
        *_latency_claims(params, latency),
    ]
