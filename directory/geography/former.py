"""Former (2021) districts inside today's councils, so a service can cover the part of a county a seed names.

Cumberland and Westmorland and Furness (2023) are each three former Cumbrian districts joined, and
seed 003 names the South and West of Cumbria. The geography's unit of membership there becomes the
former district: its postcodes carry the 2021 code, and it belongs to the area
`district_2021: <name>` as well as to everything its 2023 council belongs to. Elsewhere a unit is a
district, as before. Table: directory/data/geography/cumbria_districts_2021.csv (see its SOURCE.md).
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from scipy.spatial import cKDTree

from directory.geography import sources
from directory.geography.areas import FORMER_DISTRICT

log = logging.getLogger(__name__)
TABLE = "cumbria_districts_2021.csv"
KIND = FORMER_DISTRICT


@dataclass(frozen=True)
class Split:
    """Postcodes with former-district codes where known, and each former district's name and 2023 council."""

    postcodes: list[sources.PostcodeRow]
    parts: dict[str, tuple[str, str]]  # 2021 code -> (2021 name, 2023 district code)


def split(postcodes: list[sources.PostcodeRow]) -> Split:
    """Give each postcode of a split council its former district (own row, sector row, else nearest)."""
    rows = sources.read_project_csv(TABLE)
    by_code = {(r["kind"], r["code"]): r["lad21_code"] for r in rows}
    names = {r["lad21_code"]: r["lad21_name"] for r in rows}
    found = [by_code.get(("postcode", p.postcode)) or by_code.get(("sector", p.postcode[:-2])) for p in postcodes]
    parents = _parents(postcodes, found)
    if not parents:
        return Split(postcodes, {})
    found = [f if f and parents.get(f) == p.lad_code else None for p, f in zip(postcodes, found, strict=True)]
    found = _nearest_for_the_rest(postcodes, found, set(parents.values()))
    remapped = [replace(p, lad_code=f) if f else p for p, f in zip(postcodes, found, strict=True)]
    return Split(remapped, {code: (names[code], parent) for code, parent in parents.items()})


def district_rows(districts: dict[str, dict[str, str]], parts: dict[str, tuple[str, str]]) -> dict[str, dict[str, str]]:
    """lad_areas rows with each split council replaced by its former districts (same areas, plus their own)."""
    rows = {code: row for code, row in districts.items() if code not in {parent for _, parent in parts.values()}}
    for code, (name, parent) in sorted(parts.items()):
        if parent in districts:
            rows[code] = {**districts[parent], "lad_code": code, "former_name": name}
    return rows


def _parents(postcodes: list[sources.PostcodeRow], found: list[str | None]) -> dict[str, str]:
    """Each former district's 2023 council: where most of its postcodes lie now."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for p, former in zip(postcodes, found, strict=True):
        if former:
            counts[former][p.lad_code] += 1
    return {former: where.most_common(1)[0][0] for former, where in counts.items()}


def _nearest_for_the_rest(postcodes: list[sources.PostcodeRow], found: list[str | None], councils: set[str]) -> list[str | None]:
    """A split council's postcode without a row (newer than the table) takes its nearest neighbour's former district."""
    result = list(found)
    known: dict[str, list[int]] = defaultdict(list)
    missing: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(postcodes):
        if p.lad_code in councils:
            (known if found[i] else missing)[p.lad_code].append(i)
    for council in sorted(missing):
        if not known[council]:
            continue
        tree = cKDTree([(postcodes[i].easting, postcodes[i].northing) for i in known[council]])
        _, nearest = tree.query([(postcodes[i].easting, postcodes[i].northing) for i in missing[council]])
        for i, k in zip(missing[council], nearest, strict=True):
            result[i] = found[known[council][int(k)]]
        log.info("%s: %d postcodes without a former-district row placed by their nearest", council, len(missing[council]))
    return result
