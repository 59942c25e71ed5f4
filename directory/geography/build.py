"""Build the geography tables from the open data packages and the project's own tables.

Run by `python -m directory setup` when the inputs change (see sources.data_version).
Places from GeoNames are put in a district by their nearest postcode. Where a council is made of
former districts that seeds name (Cumbria's, see former.py), the former district is the unit.
"""

from __future__ import annotations

import logging
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
from scipy.spatial import cKDTree
from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Engine

from directory.geography import former, sources
from directory.geography.areas import UK_KEY, area_key, normalise_name
from directory.geography.osgb import wgs84_to_grid
from directory.models import (
    GeoArea,
    GeoDistrictArea,
    GeoMeta,
    GeoPlace,
    GeoPostcode,
    GeoPostcodeGroup,
)

log = logging.getLogger(__name__)
CHUNK = 50_000


@dataclass
class _Centroid:
    east: float = 0.0
    north: float = 0.0
    count: int = 0
    districts: Counter = field(default_factory=Counter)

    def add(self, east: float, north: float, lad: str) -> None:
        self.east += east
        self.north += north
        self.count += 1
        self.districts[lad] += 1

    def row(self, code: str, kind: str) -> dict:
        return {
            "code": code,
            "kind": kind,
            "easting": self.east / self.count,
            "northing": self.north / self.count,
            "lad_code": self.districts.most_common(1)[0][0],
        }


def is_built(engine: Engine) -> bool:
    """True when the tables were built from the current inputs."""
    with engine.connect() as conn:
        built = conn.execute(select(GeoMeta.value).where(GeoMeta.key == "version")).scalar()
    return built == sources.data_version()


def build(engine: Engine) -> dict[str, float]:
    """(Re)build every geo_* table in one transaction; returns counts and timings."""
    started = time.perf_counter()
    parts = former.split(list(sources.iter_postcodes()))
    postcodes = parts.postcodes
    districts = former.district_rows(_district_table(), parts.parts)
    stats: dict[str, float] = {"postcodes": len(postcodes)}
    with engine.begin() as conn:
        for table in (GeoPlace, GeoDistrictArea, GeoArea, GeoPostcodeGroup, GeoPostcode, GeoMeta):
            conn.execute(delete(table))
        _insert_postcodes(conn, postcodes)
        _insert_groups(conn, postcodes)
        memberships = _insert_areas(conn, postcodes, districts)
        stats["places"] = _insert_places(conn, postcodes, districts, memberships)
        conn.execute(insert(GeoMeta), [{"key": "version", "value": sources.data_version()}])
    stats["seconds"] = round(time.perf_counter() - started, 1)
    log.info("geography built: %s", stats)
    return stats


def _district_table() -> dict[str, dict[str, str]]:
    return {row["lad_code"]: row for row in sources.read_project_csv("lad_areas.csv")}


def _insert_postcodes(conn, postcodes: list[sources.PostcodeRow]) -> None:  # type: ignore[no-untyped-def]
    for start in range(0, len(postcodes), CHUNK):
        conn.execute(
            insert(GeoPostcode),
            [
                {"postcode": p.postcode, "easting": p.easting, "northing": p.northing, "lad_code": p.lad_code}
                for p in postcodes[start : start + CHUNK]
            ],
        )


def _insert_groups(conn, postcodes: list[sources.PostcodeRow]) -> None:  # type: ignore[no-untyped-def]
    outward: dict[str, _Centroid] = defaultdict(_Centroid)
    sector: dict[str, _Centroid] = defaultdict(_Centroid)
    for p in postcodes:
        out, inward = p.postcode.split(" ")
        outward[out].add(p.easting, p.northing, p.lad_code)
        sector[f"{out} {inward[0]}"].add(p.easting, p.northing, p.lad_code)
    rows = [c.row(code, "outward") for code, c in outward.items()]
    rows += [c.row(code, "sector") for code, c in sector.items()]
    conn.execute(insert(GeoPostcodeGroup), rows)


def district_area_keys(row: dict[str, str]) -> list[tuple[str, str, str]]:
    """(key, kind, name) of every area containing the district (or former district) described by `row`."""
    areas = [(former.KIND, row["former_name"])] if row.get("former_name") else []
    areas.append(("district", row["lad_name"]))
    if row.get("utla_name") and row["utla_name"] != row["lad_name"]:
        areas.append(("county_council", row["utla_name"]))
    for kind, column in (("county", "ceremonial_county"), ("police_force", "police_force"), ("nation", "nation")):
        if row.get(column):
            areas.append((kind, row[column]))
    keys = [(area_key(kind, name), kind, name) for kind, name in areas]
    return keys + [(UK_KEY, "uk", "United Kingdom")]


def _insert_areas(conn, postcodes, districts) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    lad_centroids: dict[str, _Centroid] = defaultdict(_Centroid)
    for p in postcodes:
        lad_centroids[p.lad_code].add(p.easting, p.northing, p.lad_code)
    areas: dict[str, dict] = {}
    area_totals: dict[str, _Centroid] = defaultdict(_Centroid)
    memberships: dict[str, list[str]] = {}
    for lad_code, row in districts.items():
        keys = district_area_keys(row)
        memberships[lad_code] = [key for key, _, _ in keys]
        centroid = lad_centroids.get(lad_code)
        for key, kind, name in keys:
            areas.setdefault(key, {"key": key, "kind": kind, "name": name})
            if centroid and centroid.count:
                total = area_totals[key]
                total.east += centroid.east
                total.north += centroid.north
                total.count += centroid.count
    for key, area in areas.items():
        total = area_totals.get(key)
        area["easting"] = total.east / total.count if total and total.count else None
        area["northing"] = total.north / total.count if total and total.count else None
    conn.execute(insert(GeoArea), list(areas.values()))
    conn.execute(
        insert(GeoDistrictArea),
        [{"lad_code": lad, "area_key": key} for lad, keys in memberships.items() for key in keys],
    )
    return memberships


def _insert_places(conn, postcodes, districts, memberships) -> int:  # type: ignore[no-untyped-def]
    grid = np.array([(p.easting, p.northing) for p in postcodes])
    tree = cKDTree(grid)
    rows = []
    for place in sources.iter_gb_places():
        east, north = wgs84_to_grid(place.latitude, place.longitude)
        _, index = tree.query((east, north))
        lad = postcodes[int(index)].lad_code
        if lad not in districts:
            continue
        names = {normalise_name(place.name)} | {
            normalise_name(n) for n in place.alternate_names if _is_spelling_of(n, place.name)
        }
        for norm in names:
            rows.append(
                {"name": place.name, "norm": norm, "kind": "place", "easting": east, "northing": north,
                 "lad_code": lad, "area_key": None, "population": place.population}
            )
    for alias in sources.read_project_csv("aliases.csv"):
        rows.append(
            {"name": alias["name"], "norm": normalise_name(alias["alias"]), "kind": "alias", "easting": None,
             "northing": None, "lad_code": None, "area_key": area_key(alias["kind"], alias["name"]),
             "population": 0}
        )
    conn.execute(insert(GeoPlace), rows)
    return len(rows)


def _is_spelling_of(alternate: str, name: str) -> bool:
    """Keep alternate names that are spellings of the place (e.g. 'Barrow-in-Furness'), not codes."""
    return len(alternate) > 3 and normalise_name(alternate).replace(" ", "") == normalise_name(name).replace(" ", "")
