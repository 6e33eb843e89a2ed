"""Walker shells: the orbital elements of a constellation's satellites.

A Walker shell (Walker 1984) places ``T = P S`` satellites on circular orbits
of one altitude and inclination in ``P`` planes of ``S`` satellites. The
planes' ascending nodes are spread evenly over ``raan_spread_deg`` (360° for a
Walker *delta*, 180° for a Walker *star* of near-polar planes) and the
satellites evenly along each plane; the phasing ``F`` (an integer in
``[0, P - 1]``) shifts the satellites of neighbouring planes by
``360° F / T`` in argument of latitude. In Walker's notation the shell is
``i: T/P/F``.

:data:`PRESETS` holds shells that resemble filed constellations, each with
its source.

Altitude limit
--------------
Shells below :data:`MIN_ALTITUDE_KM` (300 km) are refused: there atmospheric
drag brings a satellite down within weeks (a few days at 200 km), so a
drag-free propagation over a day and a fixed-altitude shell would describe
no real constellation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from sagin_lib._checks import FloatArray, check_interval

__all__ = ["MAX_ALTITUDE_KM", "MIN_ALTITUDE_KM", "PRESETS", "WalkerShell", "preset"]

#: Lowest shell altitude accepted, km: below it drag decays an orbit within weeks.
MIN_ALTITUDE_KM: float = 300.0
#: Highest shell altitude accepted, km (the geostationary altitude).
MAX_ALTITUDE_KM: float = 35_786.0


def _check_count(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be an integer >= 1; got {value!r}")
    return int(value)


@dataclass(frozen=True)
class WalkerShell:
    """A Walker shell of circular orbits (checked on creation).

    Parameters
    ----------
    altitude_km : float
        Altitude of the orbits above the spherical Earth, km, in
        ``[MIN_ALTITUDE_KM, MAX_ALTITUDE_KM]`` (300 km: the drag limit).
    inclination_deg : float
        Inclination of every plane, degrees, in ``[0, 180]``.
    n_planes : int
        Number of orbital planes ``P``, >= 1.
    sats_per_plane : int
        Satellites per plane ``S``, >= 1.
    phasing : int, optional
        Walker phasing factor ``F``, in ``[0, P - 1]``. Default 1.
    raan_spread_deg : float, optional
        Spread of the ascending nodes, degrees, in ``(0, 360]``: 360 for a
        Walker delta (default), 180 for a Walker star.
    name, source : str, optional
        What the shell is and where its numbers come from.

    Raises
    ------
    ValueError
        Naming the argument and its allowed range.
    """

    altitude_km: float
    inclination_deg: float
    n_planes: int
    sats_per_plane: int
    phasing: int = 1
    raan_spread_deg: float = 360.0
    name: str = "custom"
    source: str = "chosen by the reader"

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(
            self,
            "altitude_km",
            float(
                check_interval(
                    "altitude_km",
                    self.altitude_km,
                    MIN_ALTITUDE_KM,
                    MAX_ALTITUDE_KM,
                    description=f"[{MIN_ALTITUDE_KM:g}, {MAX_ALTITUDE_KM:g}] km "
                    "(below 300 km drag decays an orbit within weeks)",
                )
            ),
        )
        set_(
            self,
            "inclination_deg",
            float(
                check_interval(
                    "inclination_deg",
                    self.inclination_deg,
                    0.0,
                    180.0,
                    description="[0, 180] degrees",
                )
            ),
        )
        set_(self, "n_planes", _check_count("n_planes", self.n_planes))
        set_(self, "sats_per_plane", _check_count("sats_per_plane", self.sats_per_plane))
        if (
            isinstance(self.phasing, bool)
            or not isinstance(self.phasing, (int, np.integer))
            or not 0 <= self.phasing < self.n_planes
        ):
            raise ValueError(
                f"phasing must be an integer in [0, n_planes - 1] = [0, {self.n_planes - 1}]; "
                f"got {self.phasing!r}"
            )
        set_(self, "phasing", int(self.phasing))
        set_(
            self,
            "raan_spread_deg",
            float(
                check_interval(
                    "raan_spread_deg",
                    self.raan_spread_deg,
                    0.0,
                    360.0,
                    low_closed=False,
                    description="(0, 360] degrees",
                )
            ),
        )

    @property
    def n_sats(self) -> int:
        """Number of satellites ``T = P S``."""
        return self.n_planes * self.sats_per_plane

    @property
    def inclination_rad(self) -> float:
        """Inclination, rad."""
        return math.radians(self.inclination_deg)

    @property
    def notation(self) -> str:
        """Walker's notation ``i: T/P/F``."""
        return f"{self.inclination_deg:g}°: {self.n_sats}/{self.n_planes}/{self.phasing}"

    def elements_rad(self) -> tuple[FloatArray, FloatArray, np.ndarray]:
        """Right ascension of the ascending node and argument of latitude of every satellite.

        Returns
        -------
        raan_rad : numpy.ndarray
            Shape ``(n_sats,)``, in ``[0, 2 pi)``: plane ``j`` at ``j * spread / P``.
        arg_latitude_rad : numpy.ndarray
            Shape ``(n_sats,)``, in ``[0, 2 pi)``: satellite ``k`` of plane ``j``
            at ``2 pi k / S + 2 pi F j / T``.
        plane : numpy.ndarray
            Shape ``(n_sats,)``, the plane index of each satellite (int).
        """
        p, s = self.n_planes, self.sats_per_plane
        plane = np.repeat(np.arange(p), s)
        slot = np.tile(np.arange(s), p)
        raan = np.radians(self.raan_spread_deg) * plane / p
        u = 2.0 * np.pi * slot / s + 2.0 * np.pi * self.phasing * plane / self.n_sats
        return np.mod(raan, 2.0 * np.pi), np.mod(u, 2.0 * np.pi), plane


#: Shells that resemble filed constellations, with their sources. The filings give
#: altitude, inclination, planes and satellites per plane; the phasing is the
#: study's choice (the mean statistics of a shell hardly depend on it).
PRESETS: dict[str, WalkerShell] = {
    "starlink-550": WalkerShell(
        550.0,
        53.0,
        72,
        22,
        phasing=1,
        name="Starlink shell 1",
        source="SpaceX FCC modification SAT-MOD-20200417-00037 (granted 2021): 1,584 "
        "satellites at 550 km, 53°, 72 planes of 22",
    ),
    "kuiper-630": WalkerShell(
        630.0,
        51.9,
        34,
        34,
        phasing=1,
        name="Kuiper 630 km shell",
        source="Kuiper Systems FCC application SAT-LOA-20190704-00057 (granted 2020): "
        "1,156 satellites at 630 km, 51.9°, 34 planes of 34",
    ),
    "oneweb-1200": WalkerShell(
        1200.0,
        87.9,
        18,
        40,
        phasing=1,
        raan_spread_deg=180.0,
        name="OneWeb phase 1",
        source="WorldVu (OneWeb) FCC petition SAT-LOI-20160428-00041 (granted 2017): 720 "
        "satellites at 1,200 km, 87.9°, 18 planes of 40 (a Walker star)",
    ),
}


def preset(name: str) -> WalkerShell:
    """A shell of :data:`PRESETS` by name.

    Raises
    ------
    ValueError
        For an unknown name, listing the known ones.
    """
    if name not in PRESETS:
        raise ValueError(f"preset must be one of {', '.join(PRESETS)}; got {name!r}")
    return PRESETS[name]
