"""Find services for a place: local ones first with the reason they matched, never an empty answer.

A few indexed queries on search_entry gather candidates (radius rows near the place, then
the areas containing it, most specific first, stopping once there are enough; national and
unknown-scope services only when room is left); ranking and reasons are plain Python.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from itertools import groupby
from typing import Optional

from sqlalchemy import case, func, or_, select
from sqlalchemy.engine import Connection, Engine

from directory import area_shapes
from directory.geography.areas import kind_of
from directory.geography.areas import specificity as _area_specificity
from directory.geography.resolver import Location, PlaceResolver
from directory.models import Organisation, SearchEntry, Service

KM_PER_MILE = 1.609344
NEAREST_ALTERNATIVES = 3
_MAX_NEAR_FIRST = 500  # services within a radius of the place that can be put first in SQL


@dataclass(frozen=True)
class SearchFilters:
    """What the worker asked for; None means any. Values come from directory.vocabulary."""

    intervention_type: Optional[str] = None
    gender: Optional[str] = None
    risk: Optional[str] = None
    route: Optional[str] = None
    format: Optional[str] = None

    def describe(self) -> str:
        from directory import vocabulary as v

        parts = [v.INTERVENTION_TYPES.get(self.intervention_type or "", "")] + list(self.facet_phrases().values())
        return ", ".join(p for p in parts if p)

    def facet_phrases(self) -> dict[str, str]:
        """The filters a service may simply not record (search_entry column → how to say it)."""
        from directory import vocabulary as v

        phrases = {
            "genders": f"for {v.GENDERS[self.gender]}" if self.gender in v.GENDERS else "",
            "risks": v.RISK_LEVELS.get(self.risk or "", ""),
            "routes": f"referral by {v.REFERRAL_ROUTES[self.route]}" if self.route in v.REFERRAL_ROUTES else "",
            "formats": f"{v.FORMATS[self.format]} format" if self.format in v.FORMATS else "",
        }
        return {column: phrase for column, phrase in phrases.items() if phrase}


@dataclass
class SearchResult:
    """One service in an answer, with why it is there."""

    service_id: str
    service_name: str
    organisation_name: str
    reason: str
    local: bool
    match: str  # covers|near|part|nearest|national|unknown_area
    distance_km: Optional[float] = None
    caveat: str = ""
    unrecorded: list[str] = field(default_factory=list)  # filters asked for that the record is silent on
    same_county: bool = False  # a nearest alternative covering part of the place's county (Hampshire's, for Portsmouth)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class SearchOutcome:
    """The answer for one place: results in order, and whether anything local matched."""

    location: Location
    filters: SearchFilters
    results: list[SearchResult] = field(default_factory=list)

    @property
    def local_results(self) -> list[SearchResult]:
        return [r for r in self.results if r.local]

    @property
    def found_local(self) -> bool:
        return bool(self.local_results)

    @property
    def nearest_results(self) -> list[SearchResult]:
        """Services elsewhere in other counties, nearest first: shown only on request, as they cover only their own areas."""
        return [r for r in self.results if _elsewhere(r)]

    @property
    def routes_here(self) -> list[SearchResult]:
        """What a worker in the place can use: local services, national routes, a service covering part of the county
        (its record doesn't name the place: ask them), and programmes of unrecorded reach."""
        return [r for r in self.results if not _elsewhere(r)]

    @property
    def in_the_county(self) -> list[SearchResult]:
        return [r for r in self.results if r.match == "nearest" and r.same_county]

    def summary(self, nearest_listed: bool = True) -> str:
        """One sentence a worker can act on, including the explicit 'nothing local' case.

        A filter the record is silent on is not read as met: the heading names only what the
        records say, and says how many local services don't record it.
        """
        wanted = self.filters.describe()
        what = f"services ({wanted})" if wanted else "services"
        if self.found_local:
            local = self.local_results
            silent = [r for r in local if r.unrecorded]
            if not silent:
                return f"{len(local)} local {_plural(what, len(local))} for {self.location.label}."
            recorded = len(local) - len(silent)
            return (f"{len(local)} local {_plural('services', len(local))} for {self.location.label}: "
                    f"{recorded} recorded as {wanted}; for {len(silent)} the directory doesn't record it, "
                    "so ask the provider.")
        none_here = f"I found no local {what} covering {self.location.label} in the directory."
        if self.in_the_county and not nearest_listed:
            names = " and ".join(r.service_name for r in self.in_the_county)
            none_here += (f" {names} works in other parts of the same county; its recorded areas don't include "
                          f"{self.location.label}, so ask them before referring.")
        if nearest_listed:
            return (f"{none_here} Below are national services first, then the nearest services elsewhere, "
                    "which cover only their own areas, then programmes whose areas aren't recorded.")
        if not self.nearest_results:
            return f"{none_here} Below are the national services, and programmes whose areas aren't recorded."
        return (f"{none_here} Below are the national services, and programmes whose areas aren't recorded. "
                f"The {len(self.nearest_results)} nearest services elsewhere cover only their own areas, so I haven't "
                "listed them: ask for \"the nearest elsewhere\" to see them.")


def _elsewhere(result: SearchResult) -> bool:
    """A nearest alternative in another county: it covers only its own area."""
    return result.match == "nearest" and not result.same_county


@dataclass
class _Candidate:
    service_id: str
    keys: set[str] = field(default_factory=set)
    radius_km: Optional[float] = None


class DirectorySearch:
    """Search over the derived search_entry table, using the resolver's area index."""

    def __init__(self, engine: Engine, resolver: PlaceResolver) -> None:
        self.engine = engine
        self.resolver = resolver

    def search(self, location: Location, filters: SearchFilters = SearchFilters(), limit: int = 20) -> SearchOutcome:
        """Ranked results for a resolved location; local first, then alternatives and national services."""
        outcome = SearchOutcome(location, filters)
        location = self._with_shapes(location)
        candidates = self._candidates(location, filters, limit)
        local = self._rank_local(location, candidates)
        if local:
            outcome.results = local
        else:
            outcome.results = self._nearest_alternatives(location, filters, exclude={r.service_id for r in local})
        national = self._national(self._scope_candidates(filters, not local), include_unknown=not local)
        if local:
            outcome.results += national
        else:  # national routes first, then the nearest services elsewhere, then those whose area is unrecorded
            known = [r for r in national if r.match == "national"]
            outcome.results = known + outcome.results + [r for r in national if r.match != "national"]
        outcome.results = outcome.results[:limit]
        self._fill_names(outcome.results)
        self._name_unrecorded(outcome.results, filters)
        return outcome

    def _with_shapes(self, location: Location) -> Location:
        """A point also lies in every drawn (GeoJSON) service area that contains it; an area-wide place does not."""
        if location.kind == "area" or location.easting is None:
            return location
        with self.engine.connect() as conn:
            shapes = area_shapes.covering(conn, location.easting, location.northing)
        if not shapes:
            return location
        return replace(location, covering_keys=tuple(shapes) + location.covering_keys,
                       area_names={**location.area_names, **shapes})

    def _name_unrecorded(self, results: list[SearchResult], filters: SearchFilters) -> None:
        """Mark and explain each filter a result passed only because its record is silent on it."""
        phrases = filters.facet_phrases()
        if not phrases or not results:
            return
        columns = [getattr(SearchEntry, column) for column in phrases]
        query = select(SearchEntry.service_id, *columns).where(
            SearchEntry.service_id.in_([r.service_id for r in results]))
        with self.engine.connect() as conn:
            recorded = {row[0]: dict(zip(phrases, row[1:], strict=True)) for row in conn.execute(query)}
        for result in results:
            values = recorded.get(result.service_id, {})
            result.unrecorded = [column for column in phrases if values.get(column, "|") == "|"]
            if result.unrecorded:
                silent = " or ".join(phrases[c] for c in result.unrecorded)
                result.reason += f"; the directory doesn't record whether it is {silent}: ask the provider"

    def _candidates(self, location: Location, filters: SearchFilters, limit: int) -> dict[str, _Candidate]:
        """Services near the place or covering it (in whole or part), read most specific areas first.

        Radius rows are the only ones with coordinates: the grid index finds those in reach and
        SQL keeps those whose circle contains the place. Covering areas are then read one tier
        at a time (district, council, county, police force, nation, UK), services that are also
        near first, and reading stops once `limit` services cover the place: anything found in
        a wider tier, or only nearby, or covering part of an area, would rank below them.
        """
        facets = _facet_conditions(filters)
        found: dict[str, _Candidate] = {}
        with self.engine.connect() as conn:
            if location.easting is not None and (reach := self._max_radius_m(conn)):
                east, north = location.easting, location.northing
                dx, dy = SearchEntry.easting - east, SearchEntry.northing - north
                near = select(SearchEntry.service_id, SearchEntry.easting, SearchEntry.northing,
                              SearchEntry.radius_m).where(
                    SearchEntry.easting.between(east - reach, east + reach),
                    SearchEntry.northing.between(north - reach, north + reach),
                    dx * dx + dy * dy <= SearchEntry.radius_m * SearchEntry.radius_m,
                    *facets,
                )
                for service_id, row_east, row_north, radius_m in conn.execute(near):
                    distance = _km(east, north, row_east, row_north)
                    if distance * 1000 <= radius_m:
                        candidate = found.setdefault(service_id, _Candidate(service_id))
                        if candidate.radius_km is None or distance < candidate.radius_km:
                            candidate.radius_km = distance
            near_ids = list(found)[:_MAX_NEAR_FIRST]
            covered: set[str] = set()
            for _, tier in groupby(sorted(location.covering_keys, key=specificity), key=specificity):
                query = select(SearchEntry.service_id, SearchEntry.area_key).where(
                    SearchEntry.area_key.in_(list(tier)), *facets)
                page_size = None
                if len(found) <= _MAX_NEAR_FIRST:  # otherwise read the whole tier
                    page_size = limit + len(covered) + len(near_ids)
                    if near_ids:
                        query = query.order_by(case((SearchEntry.service_id.in_(near_ids), 0), else_=1))
                rows = conn.execute(query.limit(page_size) if page_size else query).all()
                if page_size and len(rows) == page_size and len(covered | {r[0] for r in rows}) < limit:
                    rows = conn.execute(query.order_by(None)).all()  # duplicates cut the page short
                for service_id, key in rows:
                    found.setdefault(service_id, _Candidate(service_id)).keys.add(key)
                    covered.add(service_id)
                if len(covered) >= limit:
                    return found
            if location.partial_keys:
                query = select(SearchEntry.service_id, SearchEntry.area_key).where(
                    SearchEntry.area_key.in_(list(location.partial_keys)), *facets)
                for service_id, key in conn.execute(query):
                    found.setdefault(service_id, _Candidate(service_id)).keys.add(key)
        return found

    def _scope_candidates(self, filters: SearchFilters, include_unknown: bool) -> dict[str, _Candidate]:
        """National services (and, when asked, those whose area is not recorded)."""
        keys = ["scope:national", "scope:unknown"] if include_unknown else ["scope:national"]
        query = select(SearchEntry.service_id, SearchEntry.area_key).where(
            SearchEntry.area_key.in_(keys), *_facet_conditions(filters))
        found: dict[str, _Candidate] = {}
        with self.engine.connect() as conn:
            for service_id, key in conn.execute(query):
                found.setdefault(service_id, _Candidate(service_id)).keys.add(key)
        return found

    @staticmethod
    def _max_radius_m(conn: Connection) -> float:
        query = select(func.max(SearchEntry.radius_m)).where(SearchEntry.area_key == "radius")
        return conn.execute(query).scalar() or 0.0

    def _rank_local(self, location: Location, candidates: dict[str, _Candidate]) -> list[SearchResult]:
        ranked: list[tuple[tuple, SearchResult]] = []
        covering, partial = set(location.covering_keys), set(location.partial_keys)
        for candidate in candidates.values():
            result = self._local_result(location, candidate, covering, partial)
            if result:
                order = (0 if result.match == "covers" else 1 if result.match == "near" else 2,
                         min((specificity(k) for k in candidate.keys & covering), default=9),
                         result.distance_km if result.distance_km is not None else math.inf)
                ranked.append((order, result))
        return [result for _, result in sorted(ranked, key=lambda pair: pair[0])]

    def _local_result(self, location: Location, candidate: _Candidate, covering_keys: set[str],
                      partial_keys: set[str]) -> Optional[SearchResult]:
        covering = sorted(candidate.keys & covering_keys, key=specificity)
        partial = candidate.keys & partial_keys
        if covering:
            area = _area_phrase(location.name_of(covering[0]), covering[0])
            return _result(candidate, f"covers {area}", "covers", candidate.radius_km)
        if partial and self._covers_whole_area(location, partial):
            return _result(candidate, f"covers all of {location.label}", "covers", candidate.radius_km)
        if candidate.radius_km is not None:
            miles = candidate.radius_km / KM_PER_MILE
            return _result(candidate, f"{_round_miles(miles)} from {location.label}", "near", candidate.radius_km)
        if partial:
            names = _areas_phrase([(k, location.name_of(k)) for k in sorted(partial, key=lambda k: (specificity(k), k))])
            return _result(candidate, f"covers part of {location.label} ({names})", "part", None)
        return None

    def _covers_whole_area(self, location: Location, keys: set[str]) -> bool:
        wanted = self.resolver.area_districts.get(location.area_key or "", set())
        covered = set().union(*(self.resolver.area_districts.get(k, set()) for k in keys))
        return bool(wanted) and wanted <= covered

    def _nearest_alternatives(self, location: Location, filters: SearchFilters, exclude: set[str]) -> list[SearchResult]:
        if location.easting is None:
            return []
        query = select(SearchEntry.service_id, SearchEntry.area_key, SearchEntry.easting, SearchEntry.northing).where(
            ~SearchEntry.area_key.like("scope:%"), *_facet_conditions(filters)
        )
        spans: dict[str, list[tuple[float, str, str]]] = {}  # service -> (distance, key, name) of each of its areas
        areas: dict[str, tuple[float, str]] = {}  # many services share an area: measure each area once
        with self.engine.connect() as conn:
            for service_id, key, east, north in conn.execute(query):
                if service_id in exclude:
                    continue
                if key == "radius":
                    distance, label = _km(location.easting, location.northing, east, north), "a service location"
                elif area_shapes.is_shape_key(key):
                    if key not in areas:
                        areas[key] = area_shapes.distance_km(conn, key, location.easting, location.northing)
                    distance, label = areas[key]
                else:
                    if key not in areas:
                        areas[key] = self._distance_to_area(location, key), self.resolver.area_names.get(key, key)
                    distance, label = areas[key]
                spans.setdefault(service_id, []).append((distance, key, label))
        nearest = sorted(((sid, sorted(found)) for sid, found in spans.items()), key=lambda item: item[1][0][0])
        county = self._county_districts(location)
        return [_nearest_result(service_id, found, self._shares_districts(found, county))
                for service_id, found in nearest[:NEAREST_ALTERNATIVES]]

    def _county_districts(self, location: Location) -> set[str]:
        """The districts of the county the place is in ("Portsmouth": Hampshire's), to tell a neighbour from afar."""
        county = next((k for k in location.covering_keys if k.startswith("county:")), "")
        return self.resolver.area_districts.get(county, set())

    def _shares_districts(self, found: list[tuple[float, str, str]], county: set[str]) -> bool:
        return any(self.resolver.area_districts.get(key, set()) & county for _, key, _ in found)

    def _distance_to_area(self, location: Location, key: str) -> float:
        points = _district_points(self.resolver, key)
        return min((_km(location.easting, location.northing, e, n) for e, n in points), default=math.inf)

    def _national(self, candidates: dict[str, _Candidate], include_unknown: bool) -> list[SearchResult]:
        national = [c for c in candidates.values() if "scope:national" in c.keys]
        results = [SearchResult(c.service_id, "", "", "national service, available wherever you are", False, "national")
                   for c in sorted(national, key=lambda c: c.service_id)]
        if include_unknown:
            unknown = [c for c in candidates.values() if "scope:unknown" in c.keys]
            results += [
                SearchResult(c.service_id, "", "", "where it runs is not recorded; ask the provider or the "
                             "Respect Phoneline whether it is offered near you", False, "unknown_area")
                for c in sorted(unknown, key=lambda c: c.service_id)
            ]
        return results

    def _fill_names(self, results: list[SearchResult]) -> None:
        ids = [r.service_id for r in results]
        if not ids:
            return
        query = (select(Service.id, Service.name, Organisation.name, Service.caveat)
                 .join(Organisation, Service.organisation_id == Organisation.id).where(Service.id.in_(ids)))
        with self.engine.connect() as conn:
            rows = {row[0]: row for row in conn.execute(query)}
        for result in results:
            _, result.service_name, result.organisation_name, caveat = rows[result.service_id]
            result.caveat = caveat or ""



def specificity(key: str) -> int:
    """As for named areas (0 = district); a drawn area ranks with districts."""
    return 0 if area_shapes.is_shape_key(key) else _area_specificity(key)


def _facet_conditions(filters: SearchFilters) -> list:
    """Type must match; gender, risk, route and format match or are unrecorded ('|')."""
    conditions = []
    if filters.intervention_type:
        conditions.append(SearchEntry.types.contains(f"|{filters.intervention_type}|"))
    for column, value in ((SearchEntry.genders, filters.gender), (SearchEntry.risks, filters.risk),
                          (SearchEntry.formats, filters.format)):
        if value:
            conditions.append(or_(column == "|", column.contains(f"|{value}|")))
    if filters.route:
        routes = [SearchEntry.routes == "|", SearchEntry.routes.contains(f"|{filters.route}|")]
        if filters.route in PROFESSIONAL_ROUTES:  # children's services refer where "any professional" may
            routes.append(SearchEntry.routes.contains("|any_professional|"))
        conditions.append(or_(*routes))
    return conditions


# Referral routes that are professionals: a service taking referrals from any professional takes theirs.
PROFESSIONAL_ROUTES = {"social_care", "health", "housing", "children_services", "police", "probation", "courts"}


def _plural(what: str, count: int) -> str:
    return what if count > 1 else what.replace("services", "service", 1)


def _result(candidate: _Candidate, reason: str, match: str, distance_km: Optional[float]) -> SearchResult:
    return SearchResult(candidate.service_id, "", "", reason, True, match,
                        round(distance_km, 1) if distance_km is not None else None)


def _area_phrase(name: str, key: str) -> str:
    """How a reason names an area: 'the Cumbria Constabulary area', 'the former Copeland district'."""
    return _areas_phrase([(key, name)])


# Kinds whose areas a reason names together: 'the former Allerdale and Copeland districts'.
_NAMED_TOGETHER = {"police_force": ("the {} area", "the {} areas"), "district_2021": ("the former {} district",
                                                                                      "the former {} districts")}
_MOST_AREAS_NAMED = 6


def _areas_phrase(areas: list[tuple[str, str]]) -> str:
    """(key, name) of areas, in the order given, as one phrase; past a handful, the rest are counted."""
    named, more = areas[:_MOST_AREAS_NAMED], len(areas) - _MOST_AREAS_NAMED
    groups: dict[str, list[str]] = {}
    for key, name in named:
        names = groups.setdefault(kind_of(key) if kind_of(key) in _NAMED_TOGETHER else key, [])
        if name not in names:
            names.append(name)
    parts = [_NAMED_TOGETHER[group][len(names) > 1].format(_and(names)) if group in _NAMED_TOGETHER else names[0]
             for group, names in groups.items()]
    return _and(parts + ([f"{more} more area{'s' if more > 1 else ''}"] if more > 0 else []))


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _nearest_result(service_id: str, found: list[tuple[float, str, str]], same_county: bool) -> SearchResult:
    """A nearest alternative: the areas it covers (nearest first), or that it works near its own location."""
    distance, away = found[0][0], _round_miles(found[0][0] / KM_PER_MILE)
    if found[0][1] == "radius":
        reason = f"nearest alternative: works only near its own location, about {away} away"
    else:
        covered = _areas_phrase([(key, name) for _, key, name in found if key != "radius"])
        reason = f"nearest alternative: covers {covered} only, about {away} away"
    return SearchResult(service_id, "", "", reason, False, "nearest", round(distance, 1), same_county=same_county)


def _district_points(resolver: PlaceResolver, key: str) -> Iterable[tuple[float, float]]:
    """The centre of each unit of `key`: a district's, or a former district's where its council is split."""
    for lad in resolver.area_districts.get(key, ()):
        point = resolver.area_points.get(next(iter(resolver.district_keys.get(lad, ())), ""))
        if point and point[0] is not None:
            yield point


def _km(e1: float, n1: float, e2: float, n2: float) -> float:
    return math.hypot(e1 - e2, n1 - n2) / 1000


def _round_miles(miles: float) -> str:
    if miles < 1:
        return "under a mile"
    return f"{round(miles)} mile" + ("" if round(miles) == 1 else "s")
