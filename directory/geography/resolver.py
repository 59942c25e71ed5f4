"""Turn what a worker typed ("NG1 5FS", "barrow in furness", "Notts") into a location.

A location carries grid coordinates and every area that contains it, which is what search
needs. Unknown places raise UnknownPlace with suggestions, never a silent guess.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Optional

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA
from sqlalchemy import select
from sqlalchemy.engine import Engine

from directory.geography.areas import FORMER_DISTRICT, NAME_PRIORITY, SHORT_NAMES, kind_of, normalise_name, specificity
from directory.geography.postcodes import parse_postcode
from directory.geography.supplement import SUPPLEMENTARY_PLACES
from directory.models import GeoArea, GeoDistrictArea, GeoPlace, GeoPostcode, GeoPostcodeGroup

_FILLER = re.compile(r"^(?:(?:near|in|around|at|from|the|area of|borough of|city of|town of)\s+)+|\s+(?:area|region)$")
_QUALIFIED = re.compile(r"^(?P<name>.+?)\s*(?:,|\(|\s-\s|\s+in\s+)\s*(?P<where>[^,()]+?)\)?$", re.IGNORECASE)
# A name found in several counties is taken as the one this close to a place given earlier in the chat (metres).
NEAR_ENOUGH_M = 40_000
# A name is asked about when places of at least this population carry it in more than one county.
AMBIGUOUS_POPULATION = 2000
_LEADING_NAME = re.compile(r"^([a-z]+) (?:in|on|upon|under) (?:the )?[a-z]+$")  # normalised: 'dalton in furness'
WHICH_ONE = "Which do you mean?"
_SUGGEST_SCORE = 70
# Compass words that split one area name into several ("North Yorkshire", "West Yorkshire").
_COMPASS = ("north", "south", "east", "west", "mid")
# A place this size (or any area or alias) counts as well known when two spellings are equally close.
_WELL_KNOWN_POPULATION = 10_000


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
    district_code: Optional[str] = None  # the unit: a district, or in Cumbria its former (2021) district
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
    group: tuple[str, ...] = ()  # a name shared by several areas ("Yorkshire"): always asked about

    def prominence(self) -> float:
        """How well known the candidate is, as a small bonus when choosing between close spellings."""
        if self.area_key or self.alias or self.group or self.population >= _WELL_KNOWN_POPULATION:
            return 0.5
        return 0.25 if self.population >= AMBIGUOUS_POPULATION else 0.0


@dataclass(frozen=True)
class _PlaceRow:
    """A place from the tables or the supplement, as the name index needs it."""

    name: str
    norm: str
    easting: float
    northing: float
    lad_code: str
    population: int


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
        self.index: dict[str, list[_Candidate]] = defaultdict(list)
        ordered = sorted(areas, key=lambda a: NAME_PRIORITY.index(a.kind))
        for a in (a for a in ordered if a.kind != FORMER_DISTRICT):
            self._add_area(a.name, a.key)
        for p in places:
            if p.kind == "alias":
                self.index[p.norm].insert(0, _Candidate(p.name, area_key=p.area_key, alias=True))
        rows = [_PlaceRow(p.name, p.norm, p.easting, p.northing, p.lad_code, p.population)
                for p in places if p.kind != "alias"]
        rows += self._supplementary_rows()
        seen: set[tuple] = set()
        for p in sorted(rows, key=lambda p: -p.population):
            for variant in _saint_variants(p.norm):  # "Saint Bees" is also "st bees", "St Ives" "saint ives"
                if (variant, p.name, p.lad_code, p.easting) in seen:
                    continue
                seen.add((variant, p.name, p.lad_code, p.easting))
                self.index[variant].append(
                    _Candidate(p.name, None, p.easting, p.northing, p.lad_code, p.population))
        for a in (a for a in ordered if a.kind == FORMER_DISTRICT):  # after the towns: 'Carlisle' is the city
            self._add_area(a.name, a.key)
        self._add_leading_names()
        self._add_short_names()
        self._add_area_groups()
        self.compact_index = {norm.replace(" ", ""): norm for norm in self.index}
        self.choices = list(self.index)
        self._corrections: dict[str, Optional[str]] = {}  # a chat message asks about the same words often

    def _add_area(self, name: str, key: str) -> None:
        for norm in _area_name_variants(name):
            for variant in _saint_variants(norm):
                self.index[variant].append(_Candidate(name, area_key=key))

    def _supplementary_rows(self) -> list[_PlaceRow]:
        """Places GeoNames lacks (directory.geography.supplement), located by their postcode sector."""
        sectors = {sector for _, sector, _ in SUPPLEMENTARY_PLACES}
        with self.engine.connect() as conn:
            found = conn.execute(
                select(GeoPostcodeGroup).where(GeoPostcodeGroup.kind == "sector", GeoPostcodeGroup.code.in_(sectors))
            ).all()
        by_code = {row.code: row for row in found}
        rows = []
        for name, sector, population in SUPPLEMENTARY_PLACES:
            row = by_code.get(sector)
            if row is not None and row.lad_code in self.district_keys:
                rows.append(_PlaceRow(name, normalise_name(name), row.easting, row.northing, row.lad_code, population))
        return rows

    def _add_leading_names(self) -> None:
        """'Dalton' is also Dalton-in-Furness, 'Sutton' Sutton-in-Ashfield: a town named by the word before its
        'in', 'on' or 'upon' is a candidate for that word, so the larger place wins or the worker is asked."""
        for norm, candidates in list(self.index.items()):
            lead = _LEADING_NAME.match(norm)
            if not lead or lead.group(1) == norm:
                continue
            towns = [c for c in candidates
                     if c.area_key is None and not c.alias and c.population >= AMBIGUOUS_POPULATION]
            if not towns:
                continue
            short = self.index.get(lead.group(1))  # only a word that is already a place: no new words become places
            if short and all(c.area_key is None and not c.alias for c in short):
                short.extend(towns[:1])
                short.sort(key=lambda c: -c.population)

    def _add_short_names(self) -> None:
        """Towns' everyday short names ('Soton', 'Barrow'): a deliberate choice, like an alias."""
        for short, name in SHORT_NAMES.items():
            target = self.index.get(normalise_name(name))
            if target and short not in self.index:
                self.index[short].insert(0, replace(target[0], alias=True))

    def _add_area_groups(self) -> None:
        """'Yorkshire' for North, South and West Yorkshire and East Yorkshire: a name to ask about.

        Added only where two or more areas share what follows the compass word and that is not
        a name of its own ('Sussex' is Sussex Police's area; 'Midlands' alone would be a guess)."""
        groups: dict[str, dict[str, str]] = defaultdict(dict)
        for norm, candidates in self.index.items():
            first = candidates[0]
            words = norm.split()
            if first.area_key and len(words) > 1 and words[0] in _COMPASS:
                groups[" ".join(words[1:])].setdefault(first.area_key, self.area_names[first.area_key])
        for stem, members in groups.items():
            if len(members) > 1 and len(stem) >= 4 and stem not in self.index:
                name = " ".join(w if w in ("and", "of") else w.capitalize() for w in stem.split())
                self.index[stem].append(_Candidate(name, group=tuple(sorted(members.values()))))

    def resolve(self, text: str) -> Location:
        """Resolve free text to a Location, or raise UnknownPlace with suggestions."""
        query = (text or "").strip()
        if not query or len(query) > 100:
            raise UnknownPlace(query[:100], [], "Please give a town, county, council area or postcode.")
        postcode = parse_postcode(query)
        if postcode:
            return self._resolve_postcode(query, postcode.kind, postcode.code)
        norm = _FILLER.sub("", normalise_name(query)).strip()
        match = self.index.get(normalise_name(query)) or self._exact(norm)  # "the pool" is a name, not "pool"
        if match:
            self._refuse_ambiguous(query, match)
            return self._from_candidate(query, match[0])
        qualified = self._qualified(query)
        if qualified:
            return self._from_candidate(query, qualified)
        return self._fuzzy(query, norm)

    def _exact(self, norm: str) -> list[_Candidate]:
        """The candidates of a name as written or without its spaces ('barrowinfurness')."""
        return self.index.get(norm) or self.index.get(self.compact_index.get(norm.replace(" ", ""), ""), [])

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
        if candidates[0].group:
            choices = list(candidates[0].group)
            raise AmbiguousPlace(query, choices, f"{candidates[0].name} could mean "
                                 + ", ".join(choices[:-1]) + f" or {choices[-1]}. {WHICH_ONE}")
        if candidates[0].alias or (candidates[0].area_key and kind_of(candidates[0].area_key) != "district"):
            return  # an alias the project chose, or a county, force or nation name, is not a town's
        by_where = self._places_by_where(candidates)
        if len(by_where) > 1:
            name = candidates[0].name
            choices = [f"{name}, {where}" for where in by_where]
            raise AmbiguousPlace(query, choices, f"There's more than one {name}: "
                                 + ", ".join(by_where) + f". {WHICH_ONE}")

    def choice_near(self, choices: list[str], near: Location, within_m: float = NEAR_ENOUGH_M) -> Optional[str]:
        """The one choice of an ambiguous name within reach of a place the worker gave before ("Fleet" after
        Basingstoke is Fleet, Hampshire); None when none or several are, and the worker is asked."""
        if near.easting is None or near.northing is None:
            return None
        close = []
        for choice in choices:
            try:
                place = self.resolve(choice)
            except UnknownPlace:
                continue
            if place.easting is not None and place.northing is not None and \
                    math.hypot(place.easting - near.easting, place.northing - near.northing) <= within_m:
                close.append(choice)
        return close[0] if len(close) == 1 else None

    def _qualified(self, query: str) -> Optional[_Candidate]:
        """'Newport, Shropshire', 'Newport (Wales)', 'Beeston, Notts', 'St Ives in Cornwall': the one
        candidate of that name in that county or nation, or in the area the qualifier names."""
        parts = _QUALIFIED.match(query.strip())
        if not parts:
            return None
        candidates = self._exact(normalise_name(parts["name"]).strip())
        wanted = re.sub(r"^the\s+", "", normalise_name(parts["where"]).strip())
        if not candidates or not wanted or candidates[0].group:
            return None
        for where, candidate in self._places_by_where(candidates).items():
            if normalise_name(where) == wanted:
                return candidate
        areas = {c.area_key for c in self._exact(wanted) if c.area_key}  # an alias or area: 'Notts', 'Leeds'
        for candidate in candidates:  # biggest first
            if candidate.area_key is None and areas & set(self.district_keys.get(candidate.lad_code or "", ())):
                return candidate
        return None

    def _fuzzy(self, query: str, norm: str) -> Location:
        if len(norm) < 3:
            raise UnknownPlace(query, [], f"I don't recognise '{query}' as a UK place or postcode.")
        best_norm = self._correction(norm)
        if best_norm:
            self._refuse_ambiguous(query, self.index[best_norm])
            location = self._from_candidate(query, self.index[best_norm][0])
            return _with_correction(location, query)
        scored = process.extract(norm, self.choices, scorer=fuzz.WRatio, limit=8)  # suggestions, only on failure
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
        """The known name `text` means (exact, unspaced, qualified or a confident correction), or None.

        A qualified name comes back qualified as the resolver asks it ('Beeston, Notts' ->
        'Beeston, Nottinghamshire'), so it resolves to that one place."""
        norm = _FILLER.sub("", normalise_name(text or "")).strip()
        match = self.index.get(normalise_name(text or "")) or self._exact(norm)
        if match:
            return match[0].name
        qualified = self._qualified(text or "")
        if qualified:
            where = self.where(qualified)
            return f"{qualified.name}, {where}" if where else qualified.name
        best = self._correction(norm)
        return self.index[best][0].name if best else None

    def _correction(self, norm: str) -> Optional[str]:
        """The one known name `norm` is a plausible typing of ('kednal' -> 'kendal'), or None.

        Close names are weighed by how people mistype: a missing, doubled or swapped letter
        and a wrong vowel cost less than another consonant, and a wrong first letter costs
        more ('Kendle' is Kendal, not Pendle). Between equally close names the well-known
        one wins ('Barow' is Barrow-in-Furness, not the village of Barlow); otherwise no guess."""
        if len(norm) < 4:
            return None
        if norm not in self._corrections:
            if len(self._corrections) > 10_000:
                self._corrections.clear()
            self._corrections[norm] = self._closest(norm)
        return self._corrections[norm]

    def _closest(self, norm: str) -> Optional[str]:
        limit = 1.0 if len(norm) < 6 else 2.0
        close = process.extract(norm, self.choices, scorer=OSA.distance, score_cutoff=2, limit=40)
        scored = []
        for choice, distance, _ in close:
            cost = _typo_cost(norm, choice)
            if cost > limit or (distance > 1 and _consonants(norm) != _consonants(choice)):
                continue  # two changes only when they are vowels ('kendle': kendal, not 'bridgford': bradford)
            if len(norm) < 5 and sorted(norm) != sorted(choice) and cost > 0.5:
                continue  # a four-letter word is corrected only for swapped or doubled letters ('yrok')
            scored.append((cost - self.index[choice][0].prominence(), choice))
        scored.sort()
        if not scored or (len(scored) > 1 and scored[1][0] - scored[0][0] < 0.5):
            return None  # nothing close, or two names about equally close: don't guess
        return scored[0][1]

    def minor_place_names(self, population_below: int = 5000) -> set[str]:
        """Small places (villages) whose names are easily ordinary words in a chat ('brill', 'street')."""
        return {
            norm for norm, candidates in self.index.items()
            if all(c.area_key is None and not c.group and c.population < population_below for c in candidates)
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


def _saint_variants(norm: str) -> set[str]:
    """A name with 'saint' and 'st' both ways: GeoNames has 'Saint Bees' and 'St Ives'."""
    variants = {norm}
    if re.search(r"\bsaint\b", norm):
        variants.add(re.sub(r"\bsaint\b", "st", norm))
    if re.search(r"\bst\b", norm):
        variants.add(re.sub(r"\bst\b", "saint", norm))
    return variants


_VOWELS = set("aeiouy")


def _consonants(text: str) -> str:
    """The consonants and spaces in order: 'kendle' and 'kendal' are both 'kndl' ('people' is not 'poole')."""
    return "".join(c for c in text if (c.isalnum() or c == " ") and c not in _VOWELS)


def _typo_cost(typed: str, name: str) -> float:
    """Edit distance weighted as people mistype (optimal string alignment).

    A missing or extra letter or a swap costs 1 (a doubled letter or a space 0.5), a wrong
    vowel 1, a wrong consonant 1.5; any change to the first letter costs 1 more and, in a
    short word, a letter missing or extra at the end 0.5 more (that is how short words differ
    from names: 'hullo' and Hull, 'never' and Nevern)."""
    rows, cols = len(typed) + 1, len(name) + 1
    table = [[0.0] * cols for _ in range(rows)]

    def first(i: int, j: int) -> float:
        return 1.0 if i <= 1 and j <= 1 else 0.0

    def indel(text: str, k: int) -> float:  # cost of the letter text[k - 1] being missing or extra
        letter = text[k - 1]
        doubled = (k > 1 and text[k - 2] == letter) or (k < len(text) and text[k] == letter)
        return 0.5 if letter == " " or doubled else 1.0

    for i in range(1, rows):
        table[i][0] = table[i - 1][0] + indel(typed, i) + first(i, 1)
    for j in range(1, cols):
        table[0][j] = table[0][j - 1] + indel(name, j) + first(1, j)
    for i in range(1, rows):
        for j in range(1, cols):
            a, b = typed[i - 1], name[j - 1]
            if a == b:
                substitute = 0.0
            else:
                substitute = (1.0 if a in _VOWELS and b in _VOWELS else 1.5) + first(i, j)
            last = 0.5 if i == rows - 1 and j == cols - 1 and len(typed) < 6 else 0.0
            best = min(
                table[i - 1][j - 1] + substitute,
                table[i - 1][j] + indel(typed, i) + (1.0 if i == 1 else 0.0) + last,
                table[i][j - 1] + indel(name, j) + (1.0 if j == 1 else 0.0) + last,
            )
            if i > 1 and j > 1 and a == name[j - 2] and typed[i - 2] == b and a != b:
                best = min(best, table[i - 2][j - 2] + 1.0 + first(i - 1, j - 1))
            table[i][j] = best
    return table[-1][-1]


def _with_correction(location: Location, query: str) -> Location:
    return replace(location, corrected_from=query)
