"""Turn what a worker typed ("NG1 5FS", "barrow in furness", "Notts") into a location.

A location carries grid coordinates and every area that contains it, which is what search
needs. Unknown places raise UnknownPlace with suggestions, never a silent guess.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Optional

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from sqlalchemy import select
from sqlalchemy.engine import Engine

from directory.geography.areas import NAME_PRIORITY, kind_of, normalise_name, specificity
from directory.geography.postcodes import parse_postcode
from directory.models import GeoArea, GeoDistrictArea, GeoPlace, GeoPostcode, GeoPostcodeGroup

_FILLER = re.compile(r"^(?:(?:near|in|around|at|from|the|area of|borough of|city of|town of)\s+)+|\s+(?:area|region)$")
_QUALIFIED = re.compile(r"^(?P<name>.+?)\s*(?:,|\(|\s-\s|\s+in\s+)\s*(?P<where>[^,()]+?)\)?$", re.IGNORECASE)
# A name is asked about when places of at least this population carry it in more than one county.
AMBIGUOUS_POPULATION = 2000
WHICH_ONE = "Which do you mean?"
_ACCEPT_SCORE = 86
_SUGGEST_SCORE = 70


@dataclass(frozen=True)
class Location:
    """A resolved place: where it is and which areas contain it (whole or in part)."""

    query: str
    label: str
    kind: str  # postcode|sector|outward|place|area
    easting: Optional[float]
    northing: Optional[float]
    covering_keys: tuple[str, ...]
    partial_keys: tuple[str, ...] = ()
    area_names: dict[str, str] = field(default_factory=dict)
    district_code: Optional[str] = None
    corrected_from: Optional[str] = None
    area_key: Optional[str] = None  # set when the place is itself an area (county, council...)

    def name_of(self, key: str) -> str:
        return self.area_names.get(key, key)


class UnknownPlace(LookupError):
    """Raised when text is not a UK place or postcode we know; carries suggestions."""

    def __init__(self, query: str, suggestions: list[str], reason: str) -> None:
        super().__init__(reason)
        self.query = query
        self.suggestions = suggestions
        self.reason = reason


class AmbiguousPlace(UnknownPlace):
    """The name belongs to places in several counties: the worker is asked which, never guessed for.

    `suggestions` are qualified names ("Newport, Shropshire") that resolve to one place each.
    """


@dataclass
class _Candidate:
    name: str
    area_key: Optional[str] = None
    easting: Optional[float] = None
    northing: Optional[float] = None
    lad_code: Optional[str] = None
    population: int = 0
    alias: bool = False  # from the project's alias table: a deliberate choice, never ambiguous


class PlaceResolver:
    """Resolves places and postcodes against the geography tables; name index held in memory."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._load()

    def _load(self) -> None:
        with self.engine.connect() as conn:
            areas = conn.execute(select(GeoArea)).all()
            members = conn.execute(select(GeoDistrictArea)).all()
            places = conn.execute(select(GeoPlace)).all()
        self.area_names = {a.key: a.name for a in areas}
        self.area_points = {a.key: (a.easting, a.northing) for a in areas}
        self.district_keys: dict[str, list[str]] = defaultdict(list)
        self.area_districts: dict[str, set[str]] = defaultdict(set)
        for m in members:
            self.district_keys[m.lad_code].append(m.area_key)
            self.area_districts[m.area_key].add(m.lad_code)
        for keys in self.district_keys.values():
            keys.sort(key=specificity)
        self.district_by_code = {
            lad: next(k for k in keys if kind_of(k) == "district") for lad, keys in self.district_keys.items()
        }
        self.index: dict[str, list[_Candidate]] = defaultdict(list)
        for a in sorted(areas, key=lambda a: NAME_PRIORITY.index(a.kind)):
            for norm in _area_name_variants(a.name):
                self.index[norm].append(_Candidate(a.name, area_key=a.key))
        for p in sorted(places, key=lambda p: -p.population):
            if p.kind == "alias":
                self.index[p.norm].insert(0, _Candidate(p.name, area_key=p.area_key, alias=True))
            else:
                self.index[p.norm].append(_Candidate(p.name, None, p.easting, p.northing, p.lad_code, p.population))
        self.compact_index = {norm.replace(" ", ""): norm for norm in self.index}
        self.choices = list(self.index)

    def resolve(self, text: str) -> Location:
        """Resolve free text to a Location, or raise UnknownPlace with suggestions."""
        query = (text or "").strip()
        if not query or len(query) > 100:
            raise UnknownPlace(query[:100], [], "Please give a town, county, council area or postcode.")
        postcode = parse_postcode(query)
        if postcode:
            return self._resolve_postcode(query, postcode.kind, postcode.code)
        qualified = self._qualified(query)
        if qualified:
            return qualified
        norm = _FILLER.sub("", normalise_name(query)).strip()
        match = self.index.get(norm) or self.index.get(self.compact_index.get(norm.replace(" ", ""), ""))
        if match:
            self._refuse_ambiguous(query, match)
            return self._from_candidate(query, match[0])
        return self._fuzzy(query, norm)

    def where(self, candidate: _Candidate) -> str:
        """Where a candidate is, as a worker would say it: its county in England, else its nation."""
        keys = self.district_keys.get(candidate.lad_code or "", []) if candidate.lad_code else []
        if candidate.area_key:
            lads = self.area_districts.get(candidate.area_key, set())
            keys = self.district_keys.get(next(iter(lads)), []) if len(lads) == 1 else []
        nation = next((self.area_names[k] for k in keys if kind_of(k) == "nation"), "")
        county = next((self.area_names[k] for k in keys if kind_of(k) == "county"), "")
        return county if nation == "England" and county else nation

    def _places_by_where(self, candidates: list[_Candidate]) -> dict[str, _Candidate]:
        """The sizeable candidates of one name, one per county or nation (an area counts as sizeable)."""
        found: dict[str, _Candidate] = {}
        for candidate in candidates:
            if candidate.area_key is None and candidate.population < AMBIGUOUS_POPULATION:
                continue
            where = self.where(candidate)
            if where and where not in found:
                found[where] = candidate
        return found

    def _refuse_ambiguous(self, query: str, candidates: list[_Candidate]) -> None:
        if candidates[0].alias or (candidates[0].area_key and kind_of(candidates[0].area_key) != "district"):
            return  # an alias the project chose, or a county, force or nation name, is not a town's
        by_where = self._places_by_where(candidates)
        if len(by_where) > 1:
            name = candidates[0].name
            choices = [f"{name}, {where}" for where in by_where]
            raise AmbiguousPlace(query, choices, f"There's more than one {name}: "
                                 + ", ".join(by_where) + f". {WHICH_ONE}")

    def _qualified(self, query: str) -> Optional[Location]:
        """'Newport, Shropshire' or 'Newport (Wales)': the one candidate of that name in that county or nation."""
        parts = _QUALIFIED.match(query.strip())
        if not parts:
            return None
        candidates = self.index.get(normalise_name(parts["name"]).strip())
        wanted = re.sub(r"^the\s+", "", normalise_name(parts["where"]).strip())
        if not candidates or not wanted:
            return None
        for where, candidate in self._places_by_where(candidates).items():
            if normalise_name(where) == wanted:
                return self._from_candidate(query, candidate)
        return None

    def _fuzzy(self, query: str, norm: str) -> Location:
        if len(norm) < 3:
            raise UnknownPlace(query, [], f"I don't recognise '{query}' as a UK place or postcode.")
        scored = process.extract(norm, self.choices, scorer=fuzz.WRatio, limit=8)
        best_norm = _confident_correction(norm, [choice for choice, _, _ in scored])
        if best_norm:
            location = self._from_candidate(query, self.index[best_norm][0])
            return _with_correction(location, query)
        suggestions: list[str] = []
        for choice, score, _ in scored:
            name = self.index[choice][0].name
            if score >= _SUGGEST_SCORE and fuzz.ratio(norm, choice) >= 55 and name not in suggestions:
                suggestions.append(name)
        raise UnknownPlace(query, suggestions[:5], f"I don't recognise '{query}' as a UK place or postcode.")

    def _resolve_postcode(self, query: str, kind: str, code: str) -> Location:
        with self.engine.connect() as conn:
            if kind == "full":
                row = conn.execute(select(GeoPostcode).where(GeoPostcode.postcode == code)).first()
            else:
                row = conn.execute(
                    select(GeoPostcodeGroup).where(GeoPostcodeGroup.code == code, GeoPostcodeGroup.kind == kind)
                ).first()
        if row is None or row.lad_code not in self.district_keys:
            raise UnknownPlace(
                query, [], f"'{code}' looks like a postcode but isn't in the ONS postcode directory. Please check it."
            )
        kind_label = {"full": "postcode", "sector": "sector", "outward": "outward"}[kind]
        return self._point(query, code, kind_label, row.easting, row.northing, row.lad_code)

    def _from_candidate(self, query: str, candidate: _Candidate) -> Location:
        if candidate.area_key:
            return self._area(query, candidate.area_key)
        return self._point(query, candidate.name, "place", candidate.easting, candidate.northing, candidate.lad_code)

    def _point(self, query: str, label: str, kind: str, east, north, lad: str) -> Location:  # type: ignore[no-untyped-def]
        keys = tuple(self.district_keys[lad])
        return Location(query, label, kind, east, north, keys, (), {k: self.area_names[k] for k in keys}, lad)

    def _area(self, query: str, key: str) -> Location:
        lads = self.area_districts.get(key)
        if not lads:
            raise UnknownPlace(query, [], f"I know '{self.area_names.get(key, query)}' but not which districts it covers.")
        key_sets = [set(self.district_keys[lad]) for lad in lads]
        covering = set.intersection(*key_sets)
        partial = set.union(*key_sets) - covering
        east, north = self.area_points.get(key, (None, None))
        keys = tuple(sorted(covering, key=specificity))
        partial_keys = tuple(sorted(partial, key=specificity))
        names = {k: self.area_names[k] for k in keys + partial_keys}
        lad = next(iter(lads)) if len(lads) == 1 else None
        return Location(query, self.area_names[key], "area", east, north, keys, partial_keys, names, lad, area_key=key)

    def gazetteer(self) -> list[str]:
        """Every place, area and alias name as written and normalised, for the chat's entity extractor."""
        names = {candidate.name for candidates in self.index.values() for candidate in candidates}
        return sorted(names | set(self.choices))

    def canonical_name(self, text: str) -> Optional[str]:
        """The known name `text` means (exact, unspaced or a confident correction), or None."""
        norm = _FILLER.sub("", normalise_name(text)).strip()
        match = self.index.get(norm) or self.index.get(self.compact_index.get(norm.replace(" ", ""), ""))
        if match:
            return match[0].name
        if len(norm) < 4:
            return None
        allowed = 1 if len(norm) < 9 else 2
        close = process.extract(norm, self.choices, scorer=Levenshtein.distance, score_cutoff=allowed, limit=3)
        if not close or (len(close) > 1 and close[1][1] == close[0][1]):
            return None  # nothing close, or two names equally close: don't guess
        return self.index[close[0][0]][0].name

    def minor_place_names(self, population_below: int = 5000) -> set[str]:
        """Small places (villages) whose names are easily ordinary words in a chat ('brill', 'street')."""
        return {
            norm for norm, candidates in self.index.items()
            if all(c.area_key is None and c.population < population_below for c in candidates)
        }

    def outward_codes(self) -> set[str]:
        """Every postcode district (outward code) in the ONS directory."""
        with self.engine.connect() as conn:
            query = select(GeoPostcodeGroup.code).where(GeoPostcodeGroup.kind == "outward")
            return set(conn.execute(query).scalars())


def _area_name_variants(name: str) -> set[str]:
    norm = normalise_name(name)
    variants = {norm}
    for suffix in (" city of", " county of", " police", " constabulary"):
        if norm.endswith(suffix):
            variants.add(norm.removesuffix(suffix))
    return variants


def _confident_correction(norm: str, choices: list[str]) -> Optional[str]:
    """The one close spelling of `norm` ('kendel' -> 'kendal'), or None when it is ambiguous."""
    if len(norm) < 4:
        return None
    allowed = 1 if len(norm) < 9 else 2
    close = [c for c in choices if Levenshtein.distance(norm, c) <= allowed]
    if len(close) == 1:
        return close[0]
    best = choices[0]
    return best if fuzz.ratio(norm, best) >= _ACCEPT_SCORE and best in close[:1] else None


def _with_correction(location: Location, query: str) -> Location:
    from dataclasses import replace

    return replace(location, corrected_from=query)
