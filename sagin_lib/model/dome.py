"""The dome: one frozen value for a cap of a layer's sphere.

A :class:`Dome` is the set of points of the sphere of radius
``EARTH_RADIUS_KM + tx_alt_km`` within the vertex (half) angle
``vertex_angle_rad`` of the centre direction ``(center_azimuth_rad,
center_polar_rad)``. It is checked once, when made; the samplers, point
processes, streams, Dask arrays, reductions and Monte Carlo tasks take it as it
is. :func:`sagin_lib.model.coverage.coverage_dome` makes the dome of a scenario
(its fields may then be arrays, broadcast over a parameter sweep); a sampler
needs a single dome (:meth:`Dome.require_single`).

The areas of a dome (Lemma 1 and the flat disc of its rim) are here too, as
functions of the layer's altitude and the vertex angle, so that the dome
depends on nothing above it: :mod:`sagin_lib.model.coverage` builds on this
module and still offers the same names.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from sagin_lib._checks import FloatArray, check_interval, check_nonnegative, scalar_or_array
from sagin_lib.model import _kernels
from sagin_lib.model.constants import EARTH_RADIUS_KM
from sagin_lib.model.scenarios import Scenario, get_scenario


def _value(arr: FloatArray) -> float | FloatArray:
    """A Python float for a 0-d array; a read-only view otherwise (no copy of a sweep)."""
    if arr.ndim == 0:
        return float(arr)
    view = np.asarray(arr, dtype=np.float64).view()
    view.setflags(write=False)
    return view


def check_vertex_angle(value: ArrayLike, name: str = "vertex_angle_rad") -> FloatArray:
    """A vertex (half) angle in ``[0, pi]`` rad (``pi`` is the whole sphere)."""
    return check_interval(name, value, 0.0, math.pi, description="[0, pi] rad")


def check_center(azimuth_rad: ArrayLike, polar_rad: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """A centre direction: finite azimuth (any value), polar angle in ``[0, pi]``."""
    az = check_interval("center_azimuth_rad", azimuth_rad, -math.inf, math.inf)
    pol = check_interval("center_polar_rad", polar_rad, 0.0, math.pi, description="[0, pi] rad")
    return az, pol


def _layer_and_angle(
    tx_alt_km: ArrayLike, vertex_angle_rad: ArrayLike
) -> tuple[FloatArray, FloatArray]:
    """The checked altitude of a dome's sphere and its vertex angle."""
    return check_nonnegative("tx_alt_km", tx_alt_km, " km"), check_vertex_angle(vertex_angle_rad)


def dome_area_km2(tx_alt_km: ArrayLike, vertex_angle_rad: ArrayLike) -> FloatArray | np.float64:
    """Area of a spherical dome (Lemma 1), ``4 pi R_t^2 sin(phi / 2)^2``.

    Equal to ``2 pi R_t^2 (1 - cos(phi))`` but without its cancellation for
    small domes.

    Parameters
    ----------
    tx_alt_km : array_like
        Altitude of the sphere that carries the dome, km, finite, >= 0.
    vertex_angle_rad : array_like
        Vertex (half) angle of the dome, rad, in ``[0, pi]``.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Area, km^2.
    """
    tx, phi = _layer_and_angle(tx_alt_km, vertex_angle_rad)
    (area,) = _kernels.blockwise(_kernels.dome_area, 1, 4, tx, phi)
    return scalar_or_array(area)


def flat_disc_area_km2(
    tx_alt_km: ArrayLike, vertex_angle_rad: ArrayLike
) -> FloatArray | np.float64:
    """Area of the flat disc spanned by a dome's rim, ``pi (R_t sin(phi))^2``.

    This is the "horizontal circular region" of the coverage paper: what a
    flat-earth model would report for the same rim.

    Parameters
    ----------
    tx_alt_km : array_like
        Altitude of the sphere that carries the dome, km, finite, >= 0.
    vertex_angle_rad : array_like
        Vertex angle, rad, in ``[0, pi]``.

    Returns
    -------
    numpy.ndarray or numpy.float64
        Area, km^2.
    """
    tx, phi = _layer_and_angle(tx_alt_km, vertex_angle_rad)
    r_t = EARTH_RADIUS_KM + tx
    return scalar_or_array(np.pi * (r_t * np.sin(phi)) ** 2)


def dome_arc_radius_km(
    tx_alt_km: ArrayLike, vertex_angle_rad: ArrayLike
) -> FloatArray | np.float64:
    """Radius of a dome measured along its sphere (great-circle distance), km."""
    tx, phi = _layer_and_angle(tx_alt_km, vertex_angle_rad)
    return scalar_or_array((EARTH_RADIUS_KM + tx) * phi)


@dataclass(frozen=True, eq=False)
class Dome:
    """A cap of the sphere of a layer, around a centre direction.

    Parameters
    ----------
    tx_alt_km : float or array_like
        Altitude of the sphere that carries the dome (the transmitters'
        layer), km, >= 0.
    vertex_angle_rad : float or array_like
        Vertex (half) angle, rad, in ``[0, pi]``.
    center_azimuth_rad, center_polar_rad : float or array_like, optional
        Direction of the centre, rad (polar angle in ``[0, pi]``). Default 0,
        the north pole.
    scenario : Scenario or str, optional
        The scenario whose coverage region this is, if any.

    Array fields are held as read-only views of the arrays given (a sweep of
    domes is not copied): do not modify those arrays afterwards.
    rx_alt_km : float or array_like, optional
        The receiver's altitude, km, if the dome is a coverage region.

    Raises
    ------
    ValueError
        For a negative or non-finite altitude, a vertex angle outside
        ``[0, pi]``, or a polar angle outside ``[0, pi]``.

    Examples
    --------
    >>> dome = Dome(tx_alt_km=0.0, vertex_angle_rad=math.radians(10.0))
    >>> round(dome.area_km2 / 1e6, 4)
    3.8745
    """

    tx_alt_km: Any
    vertex_angle_rad: Any
    center_azimuth_rad: Any = 0.0
    center_polar_rad: Any = 0.0
    scenario: Scenario | None = None
    rx_alt_km: Any = None
    _area_km2: Any = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "tx_alt_km", _value(check_nonnegative("tx_alt_km", self.tx_alt_km, " km")))
        set_(self, "vertex_angle_rad", _value(check_vertex_angle(self.vertex_angle_rad)))
        az, pol = check_center(self.center_azimuth_rad, self.center_polar_rad)
        set_(self, "center_azimuth_rad", _value(az))
        set_(self, "center_polar_rad", _value(pol))
        if self.scenario is not None:
            set_(self, "scenario", get_scenario(self.scenario))
        if self.rx_alt_km is not None:
            set_(self, "rx_alt_km", _value(check_nonnegative("rx_alt_km", self.rx_alt_km, " km")))

    @classmethod
    def _from_checked(
        cls,
        *,
        tx_alt_km: FloatArray,
        vertex_angle_rad: FloatArray,
        scenario: Scenario,
        rx_alt_km: FloatArray,
        area_km2: FloatArray,
    ) -> Dome:
        """A dome of the north pole from values the closed form has already checked."""
        dome = object.__new__(cls)
        values = {
            "tx_alt_km": tx_alt_km,
            "vertex_angle_rad": vertex_angle_rad,
            "center_azimuth_rad": 0.0,
            "center_polar_rad": 0.0,
            "scenario": scenario,
            "rx_alt_km": rx_alt_km,
            "_area_km2": area_km2,
        }
        for name, value in values.items():
            is_array = isinstance(value, np.ndarray)
            object.__setattr__(dome, name, _value(value) if is_array else value)
        return dome

    @property
    def radius_km(self) -> float | FloatArray:
        """Radius of the layer's sphere, ``EARTH_RADIUS_KM + tx_alt_km``, km."""
        return scalar_or_array(EARTH_RADIUS_KM + np.asarray(self.tx_alt_km))

    @property
    def area_km2(self) -> float | FloatArray:
        """Area of the dome (Lemma 1), ``4 pi R^2 sin^2(phi / 2)``, km^2."""
        if self._area_km2 is not None:
            return self._area_km2
        area = dome_area_km2(self.tx_alt_km, self.vertex_angle_rad)
        object.__setattr__(self, "_area_km2", _value(np.asarray(area)))
        return self._area_km2

    @property
    def arc_radius_km(self) -> float | FloatArray:
        """Radius of the dome along its sphere (great-circle distance), km."""
        return scalar_or_array(np.asarray(self.radius_km) * np.asarray(self.vertex_angle_rad))

    @property
    def flat_disc_area_km2(self) -> float | FloatArray:
        """Area of the flat disc spanned by the dome's rim, km^2 (Corollary of Lemma 1)."""
        return flat_disc_area_km2(self.tx_alt_km, self.vertex_angle_rad)

    @property
    def is_single(self) -> bool:
        """True when every field is a single number (one dome, not a sweep of them)."""
        return all(
            np.ndim(getattr(self, f.name)) == 0 for f in fields(self) if f.name != "scenario"
        )

    def require_single(self, name: str = "dome") -> Dome:
        """Return the dome if it is a single one; ValueError naming ``name`` otherwise."""
        if not isinstance(self, Dome):  # pragma: no cover - guarded by the type
            raise ValueError(f"{name} must be a Dome")
        if not self.is_single:
            raise ValueError(f"{name} must be a single dome, not an array of domes")
        return self

    def centred_at(self, center_azimuth_rad: float, center_polar_rad: float) -> Dome:
        """The same dome around another centre direction."""
        return replace(
            self, center_azimuth_rad=center_azimuth_rad, center_polar_rad=center_polar_rad
        )

    def _key(self) -> tuple[Any, ...]:
        return tuple(
            np.asarray(getattr(self, f.name)).tobytes()
            if f.name not in ("scenario", "_area_km2")
            else getattr(self, f.name)
            for f in fields(self)
            if f.name != "_area_km2"
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Dome) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())


def as_dome(dome: Any, name: str = "dome") -> Dome:
    """Check that ``dome`` is a single :class:`Dome`; return it."""
    if not isinstance(dome, Dome):
        raise ValueError(f"{name} must be a sagin_lib Dome; got {type(dome).__name__}")
    return dome.require_single(name)
