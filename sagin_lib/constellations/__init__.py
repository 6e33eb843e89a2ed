"""Real constellations: Walker shells propagated with SGP4, against the uniform sphere.

* :mod:`~sagin_lib.constellations.walker`: Walker shells and presets with sources;
* :mod:`~sagin_lib.constellations.propagate`: SGP4 propagation, TEME to Earth-fixed;
* :mod:`~sagin_lib.constellations.visibility`: what ground users see, by latitude;
* :mod:`~sagin_lib.constellations.density`: the uniform sphere (``bpp``) and the
  latitude-dependent density of an inclined shell (``nonhomogeneous``).

The subpackage imports only from :mod:`sagin_lib.model` (and the ``sgp4`` package).
"""

from __future__ import annotations

from sagin_lib.constellations.walker import MIN_ALTITUDE_KM, PRESETS, WalkerShell, preset

__all__ = ["MIN_ALTITUDE_KM", "PRESETS", "WalkerShell", "preset"]
