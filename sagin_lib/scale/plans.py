"""Reduction plans: what a block-by-block reduction of a node population computes.

A :class:`ReductionPlan` names the layer of the nodes and lists the
:class:`ReceiverDome` counts, the :class:`HistogramSpec` histograms (elevation
or distance seen from a :class:`Station`) and the stations whose nearest node
is wanted. The plans are plain checked values; :mod:`sagin_lib.scale.reductions`
carries them out, on one process or on Dask workers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from sagin_lib._checks import FloatArray, check_nonnegative
from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.dome import Dome, as_dome, check_center
from sagin_lib.model.sphere import direction_xyz

__all__ = [
    "HISTOGRAM_QUANTITIES",
    "HistogramSpec",
    "ReceiverDome",
    "ReductionPlan",
    "Station",
]

#: What a :class:`HistogramSpec` can bin: the elevation (degrees) at which a
#: node sees the station, or the node-station distance (km).
HISTOGRAM_QUANTITIES: tuple[str, ...] = ("elevation_deg", "distance_km")


def _check_name(name: Any) -> str:
    if not isinstance(name, str) or not name:
        raise ValueError(f"name must be a non-empty string; got {name!r}")
    return name


def _check_plan(plan: Any) -> None:
    if not isinstance(plan, ReductionPlan):
        raise ValueError(f"plan must be a ReductionPlan; got {plan!r}")


def _check_alt(name: str, value: Any) -> float:
    return float(check_nonnegative(name, value, " km"))


@dataclass(frozen=True)
class Station:
    """A point at a fixed position above the Earth: a satellite, a HAPS, a ground receiver.

    Attributes
    ----------
    name : str
        Label used in the tables.
    alt_km : float
        Altitude, km, finite, >= 0.
    azimuth_rad, polar_rad : float
        Direction from the Earth's centre, rad (polar in ``[0, pi]``).
        Defaults 0 (the north pole).
    """

    name: str
    alt_km: float
    azimuth_rad: float = 0.0
    polar_rad: float = 0.0

    def __post_init__(self) -> None:
        _check_name(self.name)
        az, pol = check_center(self.azimuth_rad, self.polar_rad)
        object.__setattr__(self, "alt_km", _check_alt("alt_km", self.alt_km))
        object.__setattr__(self, "azimuth_rad", float(az))
        object.__setattr__(self, "polar_rad", float(pol))

    @property
    def radius_km(self) -> float:
        """Distance from the Earth's centre, km."""
        return EARTH_RADIUS_KM + self.alt_km

    @property
    def xyz_km(self) -> FloatArray:
        """Earth-centred Cartesian position, km."""
        return self.radius_km * direction_xyz(self.azimuth_rad, self.polar_rad)


@dataclass(frozen=True)
class ReceiverDome:
    """A named dome to count nodes in.

    Attributes
    ----------
    name : str
        The dome's label in the tables.
    dome : Dome
        The dome (a single one), on the nodes' layer (its ``tx_alt_km`` is
        the plan's ``node_alt_km``).
    """

    name: str
    dome: Dome

    def __post_init__(self) -> None:
        _check_name(self.name)
        as_dome(self.dome)


@dataclass(frozen=True)
class HistogramSpec:
    """A histogram of the nodes' elevation towards, or distance to, one station.

    Attributes
    ----------
    name : str
        Label of the histogram.
    station : Station
        The station.
    quantity : {"elevation_deg", "distance_km"}
        Elevation (degrees) at which a node sees the station (the station
        must be above the nodes' layer), or straight-line distance (km).
    edges : tuple of float
        Bin edges, strictly increasing, at least two; elevations in
        ``[0, 90]`` degrees, distances >= 0 km. Elevation bins are
        ``[e_i, e_(i+1))``; distance bins ``(d_i, d_(i+1)]``. The
        underflow and overflow bins hold everything else.
    """

    name: str
    station: Station
    quantity: str
    edges: tuple[float, ...]

    def __post_init__(self) -> None:
        _check_name(self.name)
        if not isinstance(self.station, Station):
            raise ValueError(f"station must be a Station; got {self.station!r}")
        if self.quantity not in HISTOGRAM_QUANTITIES:
            raise ValueError(
                f"quantity must be one of {', '.join(HISTOGRAM_QUANTITIES)}; got {self.quantity!r}"
            )
        try:
            edges = np.asarray(self.edges, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"edges must be a sequence of numbers; got {self.edges!r}") from exc
        if edges.ndim != 1 or edges.size < 2 or not np.isfinite(edges).all():
            raise ValueError("edges must hold at least two finite numbers")
        if not (np.diff(edges) > 0).all():
            raise ValueError("edges must be strictly increasing")
        if self.quantity == "elevation_deg" and (edges[0] < 0.0 or edges[-1] > 90.0):
            raise ValueError(
                f"edges of an elevation histogram must lie in [0, 90] deg; got {edges}"
            )
        if self.quantity == "distance_km" and edges[0] < 0.0:
            raise ValueError(f"edges of a distance histogram must be >= 0 km; got {edges}")
        object.__setattr__(self, "edges", tuple(float(e) for e in edges))

    @property
    def stem(self) -> str:
        """Quantity name without its unit (``elevation`` or ``distance``)."""
        return self.quantity.rsplit("_", 1)[0]

    @property
    def unit(self) -> str:
        """Unit of the edges (``deg`` or ``km``)."""
        return self.quantity.rsplit("_", 1)[1]


@dataclass(frozen=True)
class ReductionPlan:
    """Everything to reduce over a population of nodes on one layer.

    Attributes
    ----------
    node_alt_km : float
        Altitude of the nodes' sphere, km, >= 0.
    domes : tuple of ReceiverDome
        Domes to count nodes in.
    histograms : tuple of HistogramSpec
        Histograms to fill (names unique).
    nearest : tuple of Station
        Stations whose nearest node to find.
    """

    node_alt_km: float
    domes: tuple[ReceiverDome, ...] = ()
    histograms: tuple[HistogramSpec, ...] = ()
    nearest: tuple[Station, ...] = ()

    def __post_init__(self) -> None:
        alt = _check_alt("node_alt_km", self.node_alt_km)
        object.__setattr__(self, "node_alt_km", alt)
        for attr, kind in (("domes", ReceiverDome), ("histograms", HistogramSpec)):
            items = tuple(getattr(self, attr))
            for item in items:
                if not isinstance(item, kind):
                    raise ValueError(f"{attr} must hold {kind.__name__} items; got {item!r}")
            object.__setattr__(self, attr, items)
        stations = tuple(self.nearest)
        for item in stations:
            if not isinstance(item, Station):
                raise ValueError(f"nearest must hold Station items; got {item!r}")
        object.__setattr__(self, "nearest", stations)
        for item in self.domes:
            if item.dome.tx_alt_km != alt:
                raise ValueError(
                    f"domes: dome {item.name!r} must lie on the nodes' layer ({alt!r} km); "
                    f"got tx_alt_km={item.dome.tx_alt_km!r}"
                )
        names = [h.name for h in self.histograms]
        if len(set(names)) != len(names):
            raise ValueError(f"histograms must have unique names; got {names}")
        for spec in self.histograms:
            if spec.quantity == "elevation_deg" and spec.station.alt_km <= alt:
                raise ValueError(
                    f"histograms: station {spec.station.name!r} of an elevation histogram must "
                    f"be above the nodes' layer ({alt!r} km); got alt_km={spec.station.alt_km!r}"
                )

    @property
    def radius_km(self) -> float:
        """Radius of the nodes' sphere, km."""
        return EARTH_RADIUS_KM + self.node_alt_km

    def table_names(self) -> list[str]:
        """The tables of a reduction: ``dome_counts``, ``histogram-<name>`` per histogram, ``nearest``."""
        return ["dome_counts", *(f"histogram-{h.name}" for h in self.histograms), "nearest"]
