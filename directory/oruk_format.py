"""Open Referral UK 3.0 JSON: a list of services in the UK profile's shape, with Signpost's extension.

The standard fields carry what the profile can say (organization, service_areas with GeoJSON or text
extents, contacts and phones, schedules, languages, attributes with taxonomy terms, service_at_locations);
every Signpost field rides whole in "x_signpost", so export followed by import loses nothing. A feed from
another publisher, without the extension, is read from the standard fields. Ids are UUIDs, as the profile
asks: a Signpost id becomes a stable uuid5, and a feed's own UUID is kept as the service id.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import asdict
from datetime import date
from typing import Any, Optional

from rapidfuzz import process

from directory import area_shapes
from directory import vocabulary as v
from directory.geography.areas import AREA_KINDS, NAME_PRIORITY, kind_of, normalise_name
from directory.geography.resolver import PlaceResolver
from directory.problems import Problem
from directory.records import ContactPoint, Coverage, ServiceRecord

_MAX_DEPTH = 20
EXTENSION = "x_signpost"
_NAMESPACE = uuid.UUID("5b0c6a52-7c1e-4d0a-9a53-5f3c1e0d2a11")  # Signpost's uuid5 namespace; never change it
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)
# Signpost vocabularies published as taxonomies: record field -> (taxonomy name, vocabulary)
TAXONOMIES = {
    "intervention_types": ("signpost-intervention-type", v.INTERVENTION_TYPES),
    "formats": ("signpost-format", v.FORMATS),
    "genders": ("signpost-gender", v.GENDERS),
    "relationship_types": ("signpost-relationship-type", v.RELATIONSHIP_TYPES),
    "risk_levels": ("signpost-risk-level", v.RISK_LEVELS),
    "case_types": ("signpost-case-type", v.CASE_TYPES),
    "referral_routes": ("signpost-referral-route", v.REFERRAL_ROUTES),
}
_SHORT_AREA_WORDS = 6  # a service_area text this short names an area; a longer one describes it
_NON_UK = re.compile(r"^(?!(gb|uk|united kingdom|great britain|england|wales|scotland|northern ireland)$)",
                     re.IGNORECASE)


def oruk_id(kind: str, key: str) -> str:
    """A stable UUID for a Signpost id, or the id itself when it already is one (a feed's own)."""
    return key if _UUID.match(key) else str(uuid.uuid5(_NAMESPACE, f"{kind}:{key}"))


# --- writing ----------------------------------------------------------------------------------------------


def write_oruk(records: list[ServiceRecord], extension: bool = True) -> str:
    return json.dumps([service_json(r, extension) for r in records], indent=2, ensure_ascii=False) + "\n"


def service_json(record: ServiceRecord, extension: bool = True) -> dict[str, Any]:
    """One service in the profile's shape; `extension` adds every Signpost field under x_signpost."""
    service_id = oruk_id("service", record.id)
    service: dict[str, Any] = {"id": service_id, "name": record.name, "description": record.description,
                               "status": "active"}
    websites = [c.value for c in record.contacts if c.kind == "website"]
    emails = [c.value for c in record.contacts if c.kind == "email"]
    optional = {
        "url": _uri(websites[0]) if websites else None,
        "email": emails[0] if emails else None,
        "fees": record.cost or None,
        "accreditations": "Respect accredited" if record.respect_accredited else None,
        "minimum_age": record.min_age,
        "assured_date": record.last_verified.isoformat() if record.last_verified else None,
    }
    service.update({k: value for k, value in optional.items() if value is not None})
    organisation = organisation_json(record)
    service["organization_id"] = organisation["id"]
    service["organization"] = organisation
    service["service_areas"] = _areas_json(record, service_id)
    service["contacts"] = _contacts_json(record, service_id)
    service["schedules"] = ([{"id": oruk_id("schedule", record.id), "service_id": service_id,
                              "description": record.schedule}] if record.schedule else [])
    service["languages"] = [{"id": oruk_id("language", f"{record.id}/{i}"), "service_id": service_id, "name": x}
                            for i, x in enumerate(record.languages)]
    service["attributes"] = _attributes_json(record, service_id)
    service["service_at_locations"] = [_service_at_location_json(record, service_id, p)
                                       for p in record.location_postcodes]
    if extension:
        data = asdict(record)
        data["last_verified"] = record.last_verified.isoformat() if record.last_verified else None
        service[EXTENSION] = data
    return service


def organisation_json(record: ServiceRecord) -> dict[str, Any]:
    from directory.store import organisation_id

    organisation = {"id": oruk_id("organization", organisation_id(record.organisation)), "name": record.organisation,
                    "description": ""}  # the profile requires a description; Signpost records none
    if record.organisation_url:
        organisation["website"] = _uri(record.organisation_url)
    return organisation


def _uri(address: str) -> str:
    return address if re.match(r"^https?://", address, re.IGNORECASE) else f"https://{address}"


def _areas_json(record: ServiceRecord, service_id: str) -> list[dict[str, Any]]:
    areas = []
    coverage = record.coverage or ([Coverage("uk", "United Kingdom")] if record.scope == "national" else [])
    for index, cover in enumerate(coverage):
        area = {"id": oruk_id("service_area", f"{record.id}/{index}"), "service_id": service_id}
        if area_shapes.is_shape(cover):
            name, geometry = area_shapes.parse(cover)
            area.update(name=name, service_area=name, extent=json.dumps(geometry, separators=(",", ":")),
                        extent_type="geojson")
        else:
            area.update(name=cover.name, service_area=cover.name, extent=f"{cover.kind}: {cover.name}",
                        extent_type="text")
        areas.append(area)
    return areas


def _contacts_json(record: ServiceRecord, service_id: str) -> list[dict[str, Any]]:
    """Phones and email addresses as HSDS 3.0 contacts; a contact point's label is its title or description."""
    contacts = []
    for index, point in enumerate(record.contacts):
        contact_id = oruk_id("contact", f"{record.id}/{index}")
        if point.kind == "phone":
            phone = {"id": oruk_id("phone", f"{record.id}/{index}"), "contact_id": contact_id, "number": point.value}
            if point.label:
                phone["description"] = point.label
            contacts.append({"id": contact_id, "service_id": service_id, "phones": [phone]})
        elif point.kind in ("email", "secure_email"):
            contact = {"id": contact_id, "service_id": service_id, "email": point.value}
            if point.label:
                contact["title"] = point.label
            contacts.append(contact)
    return contacts


def _attributes_json(record: ServiceRecord, service_id: str) -> list[dict[str, Any]]:
    attributes = []
    for field, (taxonomy, vocabulary) in TAXONOMIES.items():
        for value in getattr(record, field):
            term_id = oruk_id("taxonomy_term", f"{taxonomy}/{value}")
            label = vocabulary.get(value, value)
            attributes.append({
                "id": oruk_id("attribute", f"{record.id}/{taxonomy}/{value}"), "link_id": service_id,
                "link_type": "service", "taxonomy_term_id": term_id,
                "taxonomy_term": {"id": term_id, "name": label, "description": f"{label} ({taxonomy})",
                                  "taxonomy": taxonomy, "term": value, "code": value},
            })
    return attributes


def _service_at_location_json(record: ServiceRecord, service_id: str, postcode: str) -> dict[str, Any]:
    location_id = oruk_id("location", f"{record.id}/{postcode}")
    address = {"id": oruk_id("address", f"{record.id}/{postcode}"), "location_id": location_id,
               "address_1": "", "city": "", "state_province": "", "postal_code": postcode, "country": "GB",
               "address_type": "physical"}  # Signpost records a location's postcode only
    return {"id": oruk_id("service_at_location", f"{record.id}/{postcode}"), "service_id": service_id,
            "location_id": location_id,
            "location": {"id": location_id, "location_type": "physical", "name": postcode, "addresses": [address]}}


# --- reading ----------------------------------------------------------------------------------------------


class FieldError(ValueError):
    """A value that can't be read, with the field it is in (e.g. 'service_areas[2].extent')."""

    def __init__(self, field: str, message: str, whole: bool = False) -> None:
        super().__init__(message if whole else f"'{field}' {message}")
        self.field = field


def read_oruk(text: str, resolver: Optional[PlaceResolver] = None) -> tuple[list[ServiceRecord], list[Problem]]:
    """Parse ORUK JSON into records, with a problem per unreadable item; `resolver` names text service areas."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:  # JSONDecodeError, or an integer of over 4300 digits
        return [], [Problem(f"not valid JSON ({str(error)[:120]}); export a fresh file and try again")]
    if isinstance(data, dict):  # one service, or a page of them as the profile's API returns them
        wrapper = next((k for k in ("contents", "content", "services") if isinstance(data.get(k), list)), None)
        data = data[wrapper] if wrapper else [data]
    if not isinstance(data, list):
        return [], [Problem("expected a JSON list of ORUK services (or one service, or a page with 'contents')")]
    areas = _AreaNames(resolver) if resolver else None
    records, problems = [], []
    for index, item in enumerate(data, start=1):
        try:
            if _depth(item) > _MAX_DEPTH:
                raise ValueError("nested too deeply to be an ORUK service")
            records.append(_record(item, areas))
        except KeyError as error:
            problems.append(Problem(f"item {index}: missing required field {error}", field=str(error).strip("'"),
                                    service_id=_safe_id(item)))
        except (ValueError, TypeError, AttributeError) as error:
            problems.append(Problem(f"item {index}: {error}", field=getattr(error, "field", None),
                                    service_id=_safe_id(item)))
    return records, problems


def _depth(value: Any, level: int = 0) -> int:
    if level > _MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max([_depth(x, level + 1) for x in value.values()] or [level])
    if isinstance(value, list):
        return max([_depth(x, level + 1) for x in value] or [level])
    return level


def _safe_id(item: Any) -> str | None:
    return str(item.get("id"))[:100] if isinstance(item, dict) and item.get("id") is not None else None


def _record(item: Any, areas: Optional[_AreaNames]) -> ServiceRecord:
    if not isinstance(item, dict):
        raise ValueError("each item must be a JSON object")
    extension = item.get(EXTENSION)
    record = _from_extension(extension) if isinstance(extension, dict) else _from_standard(item, areas)
    for part in record.contacts + record.coverage:  # both shapes: a number or list here would break storage
        if not all(isinstance(x, str) for x in vars(part).values()):
            raise ValueError(f"every part of a {type(part).__name__} must be text")
    return record


def _from_extension(data: dict[str, Any]) -> ServiceRecord:
    known = set(ServiceRecord.field_names())
    unknown = set(data) - known
    if unknown:
        raise FieldError(EXTENSION, f"unknown {EXTENSION} field(s): {', '.join(sorted(unknown))}", whole=True)
    values = dict(data)
    for field in ServiceRecord.__dataclass_fields__.values():
        value = values.get(field.name)
        if field.name not in values or (value is None and field.type.startswith("Optional")):
            continue
        problem = _type_problem(field.type, value)
        if problem:
            raise FieldError(field.name, problem)
    values["contacts"] = [ContactPoint(**c) for c in values.get("contacts") or []]
    values["coverage"] = [Coverage(**c) for c in values.get("coverage") or []]
    if values.get("last_verified"):
        values["last_verified"] = _date(values["last_verified"], "last_verified")
    return ServiceRecord(**values)


def _type_problem(kind: str, value: Any) -> Optional[str]:
    """Why `value` can't be a ServiceRecord field of type `kind`, or None."""
    if kind.startswith("list") and not isinstance(value, list):
        return "must be a list"
    if kind == "list[str]" and not all(isinstance(x, str) for x in value):
        return "must be a list of text values"
    if kind in ("list[ContactPoint]", "list[Coverage]") and not all(isinstance(x, dict) for x in value):
        return "must be a list of objects"
    if kind in ("str", "Optional[date]") and not isinstance(value, str):
        return "must be text"
    if kind == "Optional[bool]" and not isinstance(value, bool):
        return "must be true, false or null"
    if kind == "Optional[int]" and (isinstance(value, bool) or not isinstance(value, int)):
        return "must be a whole number or null"
    if kind == "Optional[float]" and (isinstance(value, bool) or not isinstance(value, (int, float))):
        return "must be a number or null"
    return None


def _date(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FieldError(field, f"{field} '{text[:40]}' should be a date like 2026-11-22", whole=True) from None


# --- reading a feed's standard fields ---------------------------------------------------------------------


def _objects(parent: dict[str, Any], field: str, where: str = "") -> list[dict[str, Any]]:
    value = parent.get(field)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
        raise FieldError(where + field, "must be a list of objects")
    return value


def _object(parent: dict[str, Any], field: str, where: str = "") -> dict[str, Any]:
    value = parent.get(field)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise FieldError(where + field, "must be an object")
    return value


def _text(parent: dict[str, Any], field: str, where: str = "") -> str:
    value = parent.get(field)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise FieldError(where + field, "must be text")
    return value.strip()


def _from_standard(item: dict[str, Any], areas: Optional[_AreaNames]) -> ServiceRecord:
    raw_id = item["id"]
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)):
        raise FieldError("id", "must be text")
    service_id = str(raw_id).strip()
    organisation = _object(item, "organization")
    coverage, described = _coverage(item, areas)
    national = described == ["national"]
    return ServiceRecord(
        id=service_id.lower() if _UUID.match(service_id) else service_id,
        name=_text(item, "name"),
        organisation=_text(organisation, "name", "organization."),
        organisation_url=_text(organisation, "website", "organization.") or _text(organisation, "url", "organization."),
        description=_text(item, "description"),
        cost=_text(item, "fees"),
        source_document="Open Referral UK feed",
        respect_accredited=True if "respect accredited" in _text(item, "accreditations").lower() else None,
        min_age=_minimum_age(item),
        last_verified=_date(_text(item, "assured_date")[:10], "assured_date") if _text(item, "assured_date") else None,
        contacts=_contacts(item),
        schedule=_schedule(item),
        languages=[name for x in _objects(item, "languages")
                   if (name := _text(x, "name", "languages[].") or _text(x, "language", "languages[]."))],
        coverage=coverage,
        caveat="" if national else "; ".join(f"Service area as published: {text}" for text in described),
        location_postcodes=_postcodes(item),
        scope="national" if national else "local" if coverage else "unknown",
        **_vocabulary_terms(item),
    )


def _minimum_age(item: dict[str, Any]) -> Optional[int]:
    value = item.get("minimum_age")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        raise FieldError("minimum_age", "must be a whole number of years")
    return int(value) or None  # 0 means no minimum


def _contacts(item: dict[str, Any]) -> list[ContactPoint]:
    """Phones and emails from contacts (and HSDS 3.0 service phones), the service email and its web address.

    A contact's name (a person) is not taken: a label is the phone's description or the contact's title.
    """
    points: list[ContactPoint] = []
    for i, contact in enumerate(_objects(item, "contacts")):
        title = _text(contact, "title", f"contacts[{i}].")
        for phone in _objects(contact, "phones", f"contacts[{i}]."):
            number = _text(phone, "number", f"contacts[{i}].phones[].")
            if number:
                points.append(ContactPoint("phone", number, _text(phone, "description", "phones[].") or title))
        if email := _text(contact, "email", f"contacts[{i}]."):
            points.append(ContactPoint("email", email, title))
    for phone in _objects(item, "phones"):
        if number := _text(phone, "number", "phones[]."):
            points.append(ContactPoint("phone", number, _text(phone, "description", "phones[].")))
    email = _text(item, "email")
    if email and all(p.value != email for p in points):
        points.append(ContactPoint("email", email))
    if url := _text(item, "url"):
        points.append(ContactPoint("website", url))
    return points


def _schedule(item: dict[str, Any]) -> str:
    parts = []
    for i, schedule in enumerate(_objects(item, "schedules")):
        where = f"schedules[{i}]."
        text = _text(schedule, "description", where)
        if not text:
            days, opens, closes = (_text(schedule, f, where) for f in ("byday", "opens_at", "closes_at"))
            text = " ".join(x for x in (days, f"{opens}-{closes}" if opens and closes else "") if x)
        if text:
            parts.append(text)
    return "\n".join(parts)


def _vocabulary_terms(item: dict[str, Any]) -> dict[str, list[str]]:
    """Signpost's vocabularies from attributes' taxonomy terms (and pre-3.0 service_taxonomys)."""
    by_taxonomy = {taxonomy: field for field, (taxonomy, _) in TAXONOMIES.items()}
    found: dict[str, list[str]] = {field: [] for field in TAXONOMIES}
    for i, attribute in enumerate(_objects(item, "attributes")):
        term = _object(attribute, "taxonomy_term", f"attributes[{i}].")
        field = by_taxonomy.get(_text(term, "taxonomy", f"attributes[{i}].taxonomy_term."))
        if field:
            value = _text(term, "term", f"attributes[{i}].taxonomy_term.") or _text(term, "code", "taxonomy_term.")
            if value and value not in found[field]:
                found[field].append(value)
    for old in _objects(item, "service_taxonomys"):
        term = _object(old, "taxonomy", "service_taxonomys[].").get("id")
        if term in v.INTERVENTION_TYPES and term not in found["intervention_types"]:
            found["intervention_types"].append(term)
    return found


def _postcodes(item: dict[str, Any]) -> list[str]:
    """UK postcodes of the service's physical locations (an address in another country is no UK location)."""
    postcodes = []
    for i, link in enumerate(_objects(item, "service_at_locations")):
        location = _object(link, "location", f"service_at_locations[{i}].")
        for address in _objects(location, "addresses", f"service_at_locations[{i}].location."):
            country = _text(address, "country", "addresses[].")
            postcode = _text(address, "postal_code", "addresses[].").upper()
            if postcode and not (country and _NON_UK.match(country)) and postcode not in postcodes:
                postcodes.append(postcode)
    return postcodes


def _coverage(item: dict[str, Any], areas: Optional[_AreaNames]) -> tuple[list[Coverage], list[str]]:
    """(areas Signpost can search, texts that only describe an area); 'national' for a UK-wide service."""
    coverage: list[Coverage] = []
    described: list[str] = []
    for i, area in enumerate(_objects(item, "service_areas")):
        where = f"service_areas[{i}]"
        name = _text(area, "service_area", where + ".") or _text(area, "name", where + ".")
        extent = area.get("extent")
        kind = _text(area, "extent_type", where + ".").lower()
        if isinstance(extent, dict) or (isinstance(extent, str) and extent.lstrip().startswith("{")):
            try:
                coverage.append(area_shapes.coverage_from_geojson(extent, name))
            except ValueError as error:
                raise FieldError(where + ".extent", str(error)) from None
            continue
        if extent is not None and not isinstance(extent, str):
            raise FieldError(where + ".extent", "must be GeoJSON text or object, or text")
        cover = _named_area(extent if kind == "text" and extent else "", name, areas, where)
        if cover is not None:
            coverage.append(cover)
        elif name:
            described.append(name)
    if coverage == [Coverage("uk", "United Kingdom")]:
        return [], ["national"]
    return coverage, described


def _named_area(extent: str, name: str, areas: Optional[_AreaNames], where: str) -> Optional[Coverage]:
    """The area a text service area names ('district: Leeds' or 'Leeds'), None for a description."""
    kind, sep, rest = extent.partition(":")
    if sep and kind.strip() in AREA_KINDS:
        return Coverage(kind.strip(), rest.strip())
    if not name:
        return None
    if len(name.split()) > _SHORT_AREA_WORDS:
        return None  # a description of the area, not its name
    if areas is None:
        return Coverage("district", name)
    found = areas.lookup(name)
    if found:
        return found
    raise FieldError(where + ".service_area", f"'{name[:80]}' is not a UK area Signpost knows{areas.hint(name)}; "
                     "name a district, council, county, police force area or nation, or give the area as GeoJSON "
                     "in 'extent'")


class _AreaNames:
    """Area names as the geography knows them, for reading a feed's text service areas."""

    def __init__(self, resolver: PlaceResolver) -> None:
        self.by_norm: dict[str, list[str]] = {}
        for key, name in resolver.area_names.items():
            self.by_norm.setdefault(normalise_name(name), []).append(key)
        self.names = {key: name for key, name in resolver.area_names.items()}

    def lookup(self, text: str) -> Optional[Coverage]:
        keys = self.by_norm.get(normalise_name(text), [])
        if not keys:
            return None
        key = min(keys, key=lambda k: NAME_PRIORITY.index(kind_of(k)) if kind_of(k) in NAME_PRIORITY else 99)
        return Coverage(kind_of(key), self.names[key])

    def hint(self, text: str) -> str:
        best = process.extractOne(text, list(set(self.names.values())))
        return f" (did you mean '{best[0]}'?)" if best and best[1] >= 70 else ""
