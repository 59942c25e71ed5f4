"""Service areas drawn as GeoJSON (Open Referral UK `extent_type: geojson`), stored and matched with shapely.

A drawn area travels in a ServiceRecord as Coverage(kind="geojson", name=<canonical Feature text>), so
every format round-trips it; the store keeps its geometry in `service_area_shape` with a grid bounding
box, and search asks which shapes cover a point (shapely, in OS National Grid metres).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Any, Optional

import shapely
from shapely.geometry import Point, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import transform, unary_union
from shapely.validation import explain_validity
from sqlalchemy import Column, Float, ForeignKey, Index, Integer, String, Text, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from directory.geography.areas import area_key
from directory.geography.osgb import wgs84_to_grid
from directory.models import Base
from directory.records import Coverage

SHAPE_KIND = "geojson"
KEY_PREFIX = "shape:"
MAX_POINTS = 50_000
# Longitude and latitude a UK service area lies within (Shetland to Scilly, Northern Ireland to Lowestoft).
_UK_LON, _UK_LAT = (-11.0, 3.0), (49.0, 61.5)
_POLYGONS = ("Polygon", "MultiPolygon")


class ServiceAreaShape(Base):
    """A service's drawn area: the WGS84 geometry as GeoJSON and its bounding box on the National Grid."""

    __tablename__ = "service_area_shape"
    id = Column(Integer, primary_key=True, autoincrement=True)
    service_id = Column(ForeignKey("service.id", ondelete="CASCADE"), index=True, nullable=False)
    shape_key = Column(String(60), nullable=False)
    name = Column(Text, nullable=False)
    feature = Column(Text, nullable=False)  # the canonical Feature text, as in the record
    min_e = Column(Float, nullable=False)
    min_n = Column(Float, nullable=False)
    max_e = Column(Float, nullable=False)
    max_n = Column(Float, nullable=False)
    __table_args__ = (Index("ix_service_area_shape_box", "min_e", "max_e", "min_n", "max_n"),)


def coverage_from_geojson(extent: Any, name: str) -> Coverage:
    """The Coverage for a GeoJSON extent (text or object); ValueError says what is wrong with it."""
    if isinstance(extent, str):
        try:
            extent = json.loads(extent)
        except (ValueError, RecursionError):
            raise ValueError("is not valid GeoJSON text; give a Polygon or MultiPolygon in longitude, latitude "
                             "order") from None
    geometry = _geometry(extent)
    problem = geometry_problem(geometry)
    if problem:
        raise ValueError(problem)
    return Coverage(SHAPE_KIND, _canonical(geometry, name))


def _geometry(data: Any) -> BaseGeometry:
    if not isinstance(data, dict):
        raise ValueError("must be a GeoJSON object (Polygon, MultiPolygon, Feature or FeatureCollection)")
    kind = data.get("type")
    if kind == "Feature":
        return _geometry(data.get("geometry"))
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list) or not features:
            raise ValueError("is a FeatureCollection with no features; give at least one Polygon")
        parts = [_geometry(f) for f in features]
        return parts[0] if len(parts) == 1 else unary_union(parts)
    if kind not in _POLYGONS:
        raise ValueError(f"has GeoJSON type {str(kind)[:30]!r}; a service area must be a Polygon or MultiPolygon")
    try:
        return shapely.force_2d(shape(data))
    except Exception:  # shapely raises many kinds (ValueError, TypeError, GEOSException, IndexError) on bad input
        raise ValueError("has coordinates shapely can't read; each ring must be a closed list of "
                         "[longitude, latitude] pairs") from None


def geometry_problem(geometry: BaseGeometry) -> Optional[str]:
    """What is wrong with a service-area geometry, or None."""
    if geometry.is_empty or geometry.geom_type not in _POLYGONS:
        return "has no area; give a Polygon or MultiPolygon"
    if shapely.get_num_coordinates(geometry) > MAX_POINTS:
        return f"has more than {MAX_POINTS} points; simplify the boundary and export it again"
    if not geometry.is_valid:
        return f"is not a valid polygon ({explain_validity(geometry)[:80]}); repair it in a GIS tool"
    west, south, east, north = geometry.bounds
    if not (_UK_LON[0] <= west and east <= _UK_LON[1] and _UK_LAT[0] <= south and north <= _UK_LAT[1]):
        return ("lies outside the UK; GeoJSON coordinates are [longitude, latitude] in WGS84, so check they are "
                "not swapped")
    return None


def _canonical(geometry: BaseGeometry, name: str) -> str:
    """Stable text for a shape: sorted compact JSON; ';' escaped so a spreadsheet's list splitting can't cut it."""
    feature = {"type": "Feature", "properties": {"name": name}, "geometry": mapping(geometry)}
    return json.dumps(feature, sort_keys=True, separators=(",", ":"), ensure_ascii=False).replace(";", "\\u003b")


def parse(coverage: Coverage) -> tuple[str, dict[str, Any]]:
    """(area name, GeoJSON geometry) of a shape coverage."""
    feature = json.loads(coverage.name)
    return str(feature.get("properties", {}).get("name") or ""), feature["geometry"]


def problems(coverage: Coverage) -> list[str]:
    """Why a shape coverage (from any file format) can't be stored; empty when it can."""
    try:
        name, geometry = parse(coverage)
        again = coverage_from_geojson(geometry, name)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        return [f"the GeoJSON area {str(error) if isinstance(error, ValueError) else 'is not a GeoJSON Feature'}"]
    if again != coverage:
        return ["the GeoJSON area is not in Signpost's stored form; export it again from Signpost or give it in "
                "an Open Referral file's service_areas"]
    return []


def is_shape(coverage: Coverage) -> bool:
    return coverage.kind == SHAPE_KIND


def is_shape_key(key: str) -> bool:
    return key.startswith(KEY_PREFIX)


def coverage_key(coverage: Coverage) -> str:
    """The search key of any coverage: a named area's key, or 'shape:' and a hash of the drawn area."""
    if is_shape(coverage):
        return KEY_PREFIX + hashlib.sha256(coverage.name.encode("utf-8")).hexdigest()[:40]
    return area_key(coverage.kind, coverage.name)


def stored_label(coverage: Coverage) -> str:
    """What service_area.service_area holds: 'kind: Name', or 'geojson: <key>' for a drawn area."""
    return f"{SHAPE_KIND}: {coverage_key(coverage)}" if is_shape(coverage) else f"{coverage.kind}: {coverage.name}"


@lru_cache(maxsize=256)
def _grid_geometry(feature: str) -> BaseGeometry:
    """The shape on the OS National Grid (metres), parsed once per distinct shape."""
    grid = transform(lambda lon, lat: wgs84_to_grid(lat, lon), shape(json.loads(feature)["geometry"]))
    shapely.prepare(grid)
    return grid


def shape_rows(service_id: str, coverage: list[Coverage]) -> list[ServiceAreaShape]:
    rows = []
    for cover in coverage:
        if is_shape(cover):
            west, south, east, north = _grid_geometry(cover.name).bounds
            rows.append(ServiceAreaShape(service_id=service_id, shape_key=coverage_key(cover), name=parse(cover)[0],
                                         feature=cover.name, min_e=west, min_n=south, max_e=east, max_n=north))
    return rows


def load_coverage(session: Session, service_id: str, labels: list[str]) -> list[Coverage]:
    """Coverage in stored order from service_area labels, drawn areas read back from their table."""
    features = dict(session.execute(select(ServiceAreaShape.shape_key, ServiceAreaShape.feature)
                                    .where(ServiceAreaShape.service_id == service_id)).all())
    coverage = []
    for label in labels:
        kind, _, name = label.partition(": ")
        coverage.append(Coverage(SHAPE_KIND, features[name]) if kind == SHAPE_KIND else Coverage(kind, name))
    return coverage


def covering(conn: Connection, easting: float, northing: float) -> dict[str, str]:
    """{shape key: area name} for every stored shape that contains the grid point (edges included)."""
    query = select(ServiceAreaShape.shape_key, ServiceAreaShape.name, ServiceAreaShape.feature).where(
        ServiceAreaShape.min_e <= easting, ServiceAreaShape.max_e >= easting,
        ServiceAreaShape.min_n <= northing, ServiceAreaShape.max_n >= northing)
    point = Point(easting, northing)
    return {key: display_name(name) for key, name, feature in conn.execute(query)
            if _grid_geometry(feature).covers(point)}


def distance_km(conn: Connection, key: str, easting: float, northing: float) -> tuple[float, str]:
    """(km from the point to the nearest edge of the shape, its name) for nearest-alternative answers."""
    row = conn.execute(select(ServiceAreaShape.name, ServiceAreaShape.feature)
                       .where(ServiceAreaShape.shape_key == key).limit(1)).first()
    if row is None:
        return float("inf"), "its mapped area"
    return _grid_geometry(row.feature).distance(Point(easting, northing)) / 1000, display_name(row.name)


def display_name(name: str) -> str:
    """How a reason names a drawn area: its name when short, else 'its mapped service area'."""
    name = " ".join(name.split())
    return name if name and len(name) <= 60 else "its mapped service area"
