"""Convert WGS84 latitude/longitude to Ordnance Survey National Grid metres.

GeoNames gives places in latitude/longitude; the ONS postcode directory gives OS grid
eastings/northings. Formulae from the Ordnance Survey's "A guide to coordinate systems in
Great Britain" (Helmert transform, then Transverse Mercator); accurate to a few metres,
far finer than anything Signpost needs.

The ONS postcode directory gives Northern Ireland (BT) postcodes on the Irish Grid, which
overlaps the GB grid numerically (Belfast's numbers land near Chester), so they are moved
onto the OS National Grid with irish_grid_to_grid before anything measures distances.
"""

from __future__ import annotations

import math

_WGS84 = (6378137.000, 6356752.3142)
_AIRY1830 = (6377563.396, 6356256.909)
# WGS84 -> OSGB36 Helmert parameters (metres, ppm, arc-seconds).
_TX, _TY, _TZ = -446.448, 125.157, -542.060
_S = 20.4894e-6
_RX, _RY, _RZ = (math.radians(v / 3600) for v in (-0.1502, -0.2470, -0.8421))
_F0, _LAT0, _LON0 = 0.9996012717, math.radians(49), math.radians(-2)
_E0, _N0 = 400000.0, -100000.0
# Irish Grid (Ireland 1975, Airy Modified): projection, and Ireland 1975 -> WGS84 Helmert
# (the published WGS84 -> Ireland 1975 parameters, negated).
_AIRY_MODIFIED = (6377340.189, 6356034.447)
_IG_F0, _IG_LAT0, _IG_LON0 = 1.000035, math.radians(53.5), math.radians(-8)
_IG_E0, _IG_N0 = 200000.0, 250000.0
_IG_T, _IG_S = (482.530, -130.596, 564.557), 8.150e-6
_IG_R = tuple(math.radians(v / 3600) for v in (-1.042, -0.214, -0.631))


def _to_cartesian(lat: float, lon: float, a: float, b: float) -> tuple[float, float, float]:
    e2 = 1 - (b * b) / (a * a)
    nu = a / math.sqrt(1 - e2 * math.sin(lat) ** 2)
    return (
        nu * math.cos(lat) * math.cos(lon),
        nu * math.cos(lat) * math.sin(lon),
        (1 - e2) * nu * math.sin(lat),
    )


def _from_cartesian(x: float, y: float, z: float, a: float, b: float) -> tuple[float, float]:
    e2 = 1 - (b * b) / (a * a)
    p = math.hypot(x, y)
    lat = math.atan2(z, p * (1 - e2))
    for _ in range(10):
        nu = a / math.sqrt(1 - e2 * math.sin(lat) ** 2)
        lat = math.atan2(z + e2 * nu * math.sin(lat), p)
    return lat, math.atan2(y, x)


def _helmert(x: float, y: float, z: float) -> tuple[float, float, float]:
    s1 = 1 + _S
    return (
        _TX + s1 * x - _RZ * y + _RY * z,
        _TY + _RZ * x + s1 * y - _RX * z,
        _TZ - _RY * x + _RX * y + s1 * z,
    )


def _meridional_arc(lat: float, a: float, b: float, f0: float = _F0, lat0: float = _LAT0) -> float:
    n = (a - b) / (a + b)
    d, s = lat - lat0, lat + lat0
    return b * f0 * (
        (1 + n + 1.25 * n**2 + 1.25 * n**3) * d
        - (3 * n + 3 * n**2 + 21 / 8 * n**3) * math.sin(d) * math.cos(s)
        + (15 / 8 * n**2 + 15 / 8 * n**3) * math.sin(2 * d) * math.cos(2 * s)
        - 35 / 24 * n**3 * math.sin(3 * d) * math.cos(3 * s)
    )


def wgs84_to_grid(latitude: float, longitude: float) -> tuple[float, float]:
    """Return (easting, northing) in metres on the OS National Grid."""
    x, y, z = _helmert(*_to_cartesian(math.radians(latitude), math.radians(longitude), *_WGS84))
    a, b = _AIRY1830
    lat, lon = _from_cartesian(x, y, z, a, b)
    e2 = 1 - (b * b) / (a * a)
    sin, cos, tan = math.sin(lat), math.cos(lat), math.tan(lat)
    nu = a * _F0 / math.sqrt(1 - e2 * sin**2)
    rho = a * _F0 * (1 - e2) / (1 - e2 * sin**2) ** 1.5
    eta2 = nu / rho - 1
    north_i = _meridional_arc(lat, a, b) + _N0
    north_ii = nu / 2 * sin * cos
    north_iii = nu / 24 * sin * cos**3 * (5 - tan**2 + 9 * eta2)
    north_iiia = nu / 720 * sin * cos**5 * (61 - 58 * tan**2 + tan**4)
    east_iv = nu * cos
    east_v = nu / 6 * cos**3 * (nu / rho - tan**2)
    east_vi = nu / 120 * cos**5 * (5 - 18 * tan**2 + tan**4 + 14 * eta2 - 58 * tan**2 * eta2)
    dl = lon - _LON0
    northing = north_i + north_ii * dl**2 + north_iii * dl**4 + north_iiia * dl**6
    easting = _E0 + east_iv * dl + east_v * dl**3 + east_vi * dl**5
    return easting, northing


def irish_grid_to_grid(easting: float, northing: float) -> tuple[float, float]:
    """Irish Grid metres (as the ONS postcode directory gives BT postcodes) -> OS National Grid metres."""
    a, b = _AIRY_MODIFIED
    e2 = 1 - (b * b) / (a * a)
    lat = (northing - _IG_N0) / (a * _IG_F0) + _IG_LAT0
    for _ in range(20):
        gap = northing - _IG_N0 - _meridional_arc(lat, a, b, _IG_F0, _IG_LAT0)
        if abs(gap) < 1e-5:
            break
        lat += gap / (a * _IG_F0)
    sin, tan, sec = math.sin(lat), math.tan(lat), 1 / math.cos(lat)
    nu = a * _IG_F0 / math.sqrt(1 - e2 * sin**2)
    rho = a * _IG_F0 * (1 - e2) / (1 - e2 * sin**2) ** 1.5
    eta2 = nu / rho - 1
    de = easting - _IG_E0
    lat_ig = (lat - tan / (2 * rho * nu) * de**2
              + tan / (24 * rho * nu**3) * (5 + 3 * tan**2 + eta2 - 9 * tan**2 * eta2) * de**4
              - tan / (720 * rho * nu**5) * (61 + 90 * tan**2 + 45 * tan**4) * de**6)
    lon_ig = (_IG_LON0 + sec / nu * de - sec / (6 * nu**3) * (nu / rho + 2 * tan**2) * de**3
              + sec / (120 * nu**5) * (5 + 28 * tan**2 + 24 * tan**4) * de**5
              - sec / (5040 * nu**7) * (61 + 662 * tan**2 + 1320 * tan**4 + 720 * tan**6) * de**7)
    x, y, z = _to_cartesian(lat_ig, lon_ig, a, b)
    (tx, ty, tz), s1, (rx, ry, rz) = _IG_T, 1 + _IG_S, _IG_R
    x, y, z = tx + s1 * x - rz * y + ry * z, ty + rz * x + s1 * y - rx * z, tz - ry * x + rx * y + s1 * z
    lat_w, lon_w = _from_cartesian(x, y, z, *_WGS84)
    return wgs84_to_grid(math.degrees(lat_w), math.degrees(lon_w))
