"""Check service records against the vocabularies and the geography before anything is written."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Optional

from rapidfuzz import process

from directory import area_shapes
from directory import vocabulary as v
from directory.geography.areas import AREA_KINDS, area_key, kind_of
from directory.geography.postcodes import parse_postcode
from directory.geography.resolver import PlaceResolver, UnknownPlace
from directory.problems import Problem
from directory.records import ContactPoint, Coverage, ServiceRecord

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,99}$")
# Control characters (NUL breaks PostgreSQL) and lone surrogates (from JSON escapes such as \ud800) can't be stored.
_UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_RANGES = {"duration_weeks_min": (0, 520), "duration_weeks_max": (0, 520), "session_count": (0, 1000),
           "group_size_max": (0, 1000), "session_hours_min": (0, 24), "session_hours_max": (0, 24)}
_VOCAB_FIELDS = {
    "intervention_types": v.INTERVENTION_TYPES,
    "formats": v.FORMATS,
    "genders": v.GENDERS,
    "relationship_types": v.RELATIONSHIP_TYPES,
    "risk_levels": v.RISK_LEVELS,
    "case_types": v.CASE_TYPES,
    "referral_routes": v.REFERRAL_ROUTES,
    "referral_methods": v.REFERRAL_METHODS,
}


def validate(records: list[ServiceRecord], resolver: PlaceResolver, rows: Optional[list[int]] = None) -> list[Problem]:
    """Every problem in `records`; rows gives each record's file row for messages."""
    problems: list[Problem] = []
    counts = Counter(r.id for r in records)
    for index, record in enumerate(records):
        row = rows[index] if rows else None
        problems += [Problem(msg, row, field, record.id or None) for field, msg in _check(record, resolver)]
        if counts[record.id] > 1:
            problems.append(Problem(f"id '{record.id}' is used by {counts[record.id]} rows; ids must be unique", row, "id"))
    return problems


def _check(record: ServiceRecord, resolver: PlaceResolver) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if not _ID.match(record.id or ""):
        found.append(("id", "use 2-100 lower-case letters, digits and hyphens, e.g. 'your-choice-notts'"))
    for field in ("name", "organisation", "source_document"):
        if not getattr(record, field).strip():
            found.append((field, "is required"))
    for field, vocabulary in _VOCAB_FIELDS.items():
        for value in getattr(record, field):
            if value not in vocabulary:
                found.append((field, f"'{value}' is not one of: {', '.join(vocabulary)}"))
    if record.scope not in v.SCOPES:
        found.append(("scope", f"'{record.scope}' is not one of: {', '.join(v.SCOPES)}"))
    found += [(field, "contains a control character or an invalid character code; delete it and type the text again")
              for field, text in _texts(record) if _UNSTORABLE.search(text)]
    found += _check_numbers(record)
    found += _check_contacts(record)
    found += _check_geography(record, resolver)
    return found


def _texts(record: ServiceRecord) -> Iterator[tuple[str, str]]:
    """(field, text) for every piece of text in the record."""
    for field, value in vars(record).items():
        for item in value if isinstance(value, list) else [value]:
            parts = vars(item).values() if isinstance(item, (ContactPoint, Coverage)) else [item]
            yield from ((field, part) for part in parts if isinstance(part, str))


def _check_numbers(record: ServiceRecord) -> list[tuple[str, str]]:
    found = []
    for field, (low, high) in _RANGES.items():
        value = getattr(record, field)
        if value is not None and not low <= value <= high:  # also catches nan and inf
            found.append((field, f"{value} should be between {low} and {high}"))
    for low, high in (("duration_weeks_min", "duration_weeks_max"), ("session_hours_min", "session_hours_max")):
        a, b = getattr(record, low), getattr(record, high)
        if a is not None and b is not None and a > b:
            found.append((low, f"{a} is more than {high} ({b})"))
    if record.min_age is not None and not 10 <= record.min_age <= 99:
        found.append(("min_age", f"{record.min_age} is not a plausible minimum age"))
    if record.radius_km is not None and not 0 < record.radius_km <= 500:
        found.append(("radius_km", "should be between 0 and 500 km"))
    if record.radius_km and not record.location_postcodes:
        found.append(("radius_km", "a radius needs at least one location_postcodes entry to measure from"))
    return found


def _check_contacts(record: ServiceRecord) -> list[tuple[str, str]]:
    found = []
    for contact in record.contacts:
        if contact.kind not in v.CONTACT_KINDS:
            found.append(("contacts", f"kind '{contact.kind}' is not one of: {', '.join(v.CONTACT_KINDS)}"))
        if contact.kind in ("email", "secure_email") and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", contact.value):
            found.append((contact.kind + "s", f"'{contact.value}' is not an email address"))
        if contact.kind == "phone" and not re.match(r"^[0-9 +()-]{6,20}$", contact.value):
            found.append(("phones", f"'{contact.value}' is not a phone number"))
        if contact.kind == "website" and not re.match(r"^(https?://)?[\w.-]+\.[a-z]{2,}(/\S*)?$", contact.value):
            found.append(("websites", f"'{contact.value}' is not a web address"))
    return found


def _check_geography(record: ServiceRecord, resolver: PlaceResolver) -> list[tuple[str, str]]:
    found = []
    for cover in record.coverage:
        if area_shapes.is_shape(cover):
            found += [("coverage", message) for message in area_shapes.problems(cover)]
        elif cover.kind not in AREA_KINDS:
            found.append(("coverage", f"kind '{cover.kind}' is not one of: {', '.join(AREA_KINDS)}"))
        elif area_key(cover.kind, cover.name) not in resolver.area_names:
            found.append(("coverage", f"no {cover.kind} called '{cover.name}'{_did_you_mean(cover.kind, cover.name, resolver)}"))
    for postcode in record.location_postcodes:
        parsed = parse_postcode(postcode)
        if not parsed or parsed.kind != "full":
            found.append(("location_postcodes", f"'{postcode}' is not a full UK postcode"))
            continue
        try:
            resolver.resolve(postcode)
        except UnknownPlace:
            found.append(("location_postcodes", f"'{postcode}' is not in the ONS postcode directory"))
    if record.scope == "local" and not record.coverage and not record.radius_km:
        found.append(("coverage", "a local service needs coverage areas or a radius_km; use scope 'unknown' if not known"))
    return found


def _did_you_mean(kind: str, name: str, resolver: PlaceResolver) -> str:
    names = [n for key, n in resolver.area_names.items() if kind_of(key) == kind]
    best = process.extractOne(name, names)
    return f" (did you mean '{best[0]}'?)" if best and best[1] >= 70 else ""
