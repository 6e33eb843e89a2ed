"""End-to-end latency over HAPS, LEO and GEO paths, bent-pipe and regenerative.

A path is a chain of line-of-sight hops from a ground user through one or more
relays to a ground gateway (or, for edge computing, to a server on the HAPS and
back). Its one-way latency is

* propagation: the sum of the hops' slant ranges over the speed of light
  (:func:`sagin_lib.model.links.propagation_delay_s`), each hop taken at its
  worst case, the far end seen at the minimum elevation
  (:func:`sagin_lib.model.coverage.slant_range_km` at the central angle of the
  downlink dome);
* processing at each relay: a small fixed group delay for a bent-pipe
  (transparent) relay, a decode-and-forward time plus a queueing delay for a
  regenerative one;

and the round trip is twice the one-way latency, plus the computing time for
an edge-computing (MEC) path whose server sits on the HAPS.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from sagin_lib._checks import FloatArray, check_nonnegative, scalar_or_array
from sagin_lib.model.coverage import downlink_vertex_angle_rad, slant_range_km
from sagin_lib.model.links import propagation_delay_s

__all__ = [
    "LATENCY_COLUMNS",
    "LatencyPath",
    "hop_slant_range_km",
    "latency_paths",
    "latency_table",
]

#: Columns of :func:`latency_table`.
LATENCY_COLUMNS: tuple[str, ...] = (
    "path",
    "architecture",
    "relays",
    "path_length_km",
    "propagation_one_way_ms",
    "processing_one_way_ms",
    "queueing_one_way_ms",
    "compute_ms",
    "one_way_ms",
    "round_trip_ms",
)


def hop_slant_range_km(
    lower_alt_km: ArrayLike, upper_alt_km: ArrayLike, min_elevation_rad: ArrayLike
) -> FloatArray | np.float64:
    """Length of a hop whose lower end sees the upper end at the minimum elevation.

    The worst case of a hop inside a coverage dome: the central angle is the
    downlink vertex angle ``phi = arccos(R_l cos(a) / R_u) - a`` and the length
    ``sqrt((h_u - h_l)^2 + 4 R_l R_u sin^2(phi / 2))``.

    Parameters
    ----------
    lower_alt_km, upper_alt_km : array_like
        Altitudes of the two ends, km, ``0 <= lower < upper``.
    min_elevation_rad : array_like
        Elevation of the upper end above the lower end's horizon, rad, in
        ``[0, pi/2)``.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Length, km.

    Examples
    --------
    >>> round(float(hop_slant_range_km(0.0, 20.0, 1.5707963)), 6)  # straight up
    20.0
    """
    phi = downlink_vertex_angle_rad(lower_alt_km, upper_alt_km, min_elevation_rad)
    return scalar_or_array(np.asarray(slant_range_km(lower_alt_km, upper_alt_km, phi)))


@dataclass(frozen=True)
class LatencyPath:
    """A user-to-gateway (or user-to-server) path.

    Attributes
    ----------
    name : str
        What the path is, e.g. "user-HAPS-LEO-gateway".
    architecture : str
        "bent-pipe", "regenerative" or "MEC at the HAPS".
    altitudes_km : tuple of float
        Altitudes of the nodes in order, ground ends at 0 km.
    mec : bool
        True when the last node is an edge server (the round trip adds its
        computing time and the path has no gateway).
    """

    name: str
    architecture: str
    altitudes_km: tuple[float, ...]
    mec: bool = False

    @property
    def relays(self) -> int:
        """Number of relays (the MEC server counts as one regenerative node)."""
        return len(self.altitudes_km) - (1 if self.mec else 2)


def latency_paths(haps_alt_km: float, leo_alt_km: float, geo_alt_km: float) -> list[LatencyPath]:
    """The study's paths: HAPS, HAPS + LEO, LEO and GEO relays each bent-pipe and
    regenerative, and edge computing on the HAPS.

    Parameters
    ----------
    haps_alt_km, leo_alt_km, geo_alt_km : float
        Altitudes, km, with ``0 < haps < leo < geo``.

    Returns
    -------
    list of LatencyPath
    """
    h, leo, geo = (
        float(check_nonnegative(n, v, " km"))
        for n, v in (
            ("haps_alt_km", haps_alt_km),
            ("leo_alt_km", leo_alt_km),
            ("geo_alt_km", geo_alt_km),
        )
    )
    if not 0.0 < h < leo < geo:
        raise ValueError(
            f"altitudes must satisfy 0 < haps_alt_km < leo_alt_km < geo_alt_km; got {h}, {leo}, {geo}"
        )
    chains = [
        ("user-HAPS-gateway", (0.0, h, 0.0)),
        ("user-HAPS-LEO-gateway", (0.0, h, leo, 0.0)),
        ("user-LEO-gateway", (0.0, leo, 0.0)),
        ("user-GEO-gateway", (0.0, geo, 0.0)),
    ]
    paths = [
        LatencyPath(name, arch, alts)
        for name, alts in chains
        for arch in ("bent-pipe", "regenerative")
    ]
    paths.append(LatencyPath("user-HAPS edge server", "MEC at the HAPS", (0.0, h), mec=True))
    return paths


def _path_length_km(altitudes_km: tuple[float, ...], min_elevation_rad: float) -> float:
    total = 0.0
    for a, b in zip(altitudes_km[:-1], altitudes_km[1:], strict=True):
        total += float(hop_slant_range_km(min(a, b), max(a, b), min_elevation_rad))
    return total


def latency_table(
    paths: list[LatencyPath],
    min_elevation_rad: float,
    *,
    bent_pipe_delay_s: float,
    regenerative_processing_s: float,
    queueing_s: float,
    mec_compute_s: float,
) -> pd.DataFrame:
    """One-way and round-trip latency of each path, in ms, with its parts.

    Parameters
    ----------
    paths : list of LatencyPath
        The paths (:func:`latency_paths`).
    min_elevation_rad : float
        Elevation of every hop's far end, rad, in ``[0, pi/2)``.
    bent_pipe_delay_s : float
        Group delay of one bent-pipe relay, s, >= 0.
    regenerative_processing_s : float
        Decode-and-forward time of one regenerative relay (or of the MEC
        server's receiver), s, >= 0.
    queueing_s : float
        Queueing delay at one regenerative relay or server, s, >= 0.
    mec_compute_s : float
        Computing time of a task at the HAPS edge server, s, >= 0.

    Returns
    -------
    pandas.DataFrame
        One row per path, columns :data:`LATENCY_COLUMNS`. ``round_trip_ms`` is
        twice ``one_way_ms`` plus ``compute_ms``.
    """
    bp = float(check_nonnegative("bent_pipe_delay_s", bent_pipe_delay_s, " s"))
    regen = float(check_nonnegative("regenerative_processing_s", regenerative_processing_s, " s"))
    queue = float(check_nonnegative("queueing_s", queueing_s, " s"))
    compute = float(check_nonnegative("mec_compute_s", mec_compute_s, " s"))
    rows = []
    for p in paths:
        length = _path_length_km(p.altitudes_km, min_elevation_rad)
        prop = float(propagation_delay_s(length))
        regenerative = p.mec or p.architecture == "regenerative"
        processing = p.relays * (regen if regenerative else bp)
        queueing = p.relays * queue if regenerative else 0.0
        comp = compute if p.mec else 0.0
        one_way = prop + processing + queueing
        rows.append(
            {
                "path": p.name,
                "architecture": p.architecture,
                "relays": p.relays,
                "path_length_km": length,
                "propagation_one_way_ms": prop * 1e3,
                "processing_one_way_ms": processing * 1e3,
                "queueing_one_way_ms": queueing * 1e3,
                "compute_ms": comp * 1e3,
                "one_way_ms": one_way * 1e3,
                "round_trip_ms": (2.0 * one_way + comp) * 1e3,
            }
        )
    return pd.DataFrame(rows, columns=list(LATENCY_COLUMNS))
