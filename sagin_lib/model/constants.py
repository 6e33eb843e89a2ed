"""Physical constants and the study's default parameters.

Every default here is documented, with its source, on the book's parameters
page. The coverage paper's own numbers did not survive its conversion to text;
the values below follow the standards that paper cites (3GPP TR 38.811, TR 38.821,
TR 36.777 and Maral & Bousquet).
"""

from __future__ import annotations

import math

#: Mean Earth radius (IUGG), km.
EARTH_RADIUS_KM: float = 6371.0

#: Speed of light in vacuum (exact, SI definition), m/s.
SPEED_OF_LIGHT_M_S: float = 299_792_458.0

#: Illumination coefficient of Maral & Bousquet's rule of thumb
#: theta_3dB ~ 70 lambda / D degrees, expressed in radians.
DEFAULT_KAPPA_RAD: float = math.radians(70.0)

# Reference altitudes follow 3GPP TR 38.811 / 38.821 / 36.777.
#: UAV (aerial layer, low) altitude, km (3GPP TR 36.777).
UAV_ALT_KM: float = 0.3
#: High-altitude platform altitude, km (3GPP TR 38.821).
HAP_ALT_KM: float = 20.0
#: LEO satellite altitude, km (3GPP TR 38.811 / TR 38.821).
LEO_ALT_KM: float = 600.0
#: MEO satellite altitude, km (3GPP TR 38.811).
MEO_ALT_KM: float = 10_000.0
#: Geostationary altitude, km (the geostationary orbit).
GEO_ALT_KM: float = 35_786.0

#: Satellite receiver reflector diameter, m.
SATELLITE_DIAMETER_M: float = 2.0
#: Aerial receiver reflector diameter, m.
AERIAL_DIAMETER_M: float = 0.5

#: Point carrier frequency (S band), Hz.
DEFAULT_FREQ_HZ: float = 2.0e9
#: Default downlink minimum elevation, rad (10 degrees).
DEFAULT_MIN_ELEVATION_RAD: float = math.radians(10.0)
