"""Open Referral UK JSON: a list of ORUK service objects with Signpost's extension.

Standard ORUK fields carry what ORUK can express (service, organization, service_areas,
eligibilitys, contacts, schedules, languages, service_taxonomys, service_at_locations).
Everything else rides in "x_signpost", so export followed by import loses nothing; a file
from another ORUK publisher without the extension is read from the standard fields.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import Any

from directory import vocabulary as v
from directory.problems import Problem
from directory.records import ContactPoint, Coverage, ServiceRecord

_MAX_DEPTH = 20


def write_oruk(records: list[ServiceRecord]) -> str:
    return json.dumps([_service(r) for r in records], indent=2, ensure_ascii=False) + "\n"


def _service(record: ServiceRecord) -> dict[str, Any]:
    from directory.store import organisation_id

    extension = asdict(record)
    extension["last_verified"] = record.last_verified.isoformat() if record.last_verified else None
    return {
        "id": record.id,
        "name": record.name,
        "description": record.description,
        "status": "active",
        "fees": record.cost or None,
        "accreditations": "Respect accredited" if record.respect_accredited else None,
        "organization": {"id": organisation_id(record.organisation), "name": record.organisation,
                         "url": record.organisation_url or None},
        "service_areas": [{"service_area": c.name, "extent_type": c.kind} for c in record.coverage],
        "eligibilitys": [{"eligibility": f"{field}:{value}", "minimum_age": record.min_age}
                         for field in ("genders", "relationship_types", "risk_levels", "case_types")
                         for value in getattr(record, field)],
        "contacts": [{"name": c.label or None, "email": c.value if "email" in c.kind else None,
                      "phones": [{"number": c.value}] if c.kind == "phone" else [],
                      "url": c.value if c.kind == "website" else None} for c in record.contacts],
        "schedules": [{"description": record.schedule}] if record.schedule else [],
        "languages": [{"language": x} for x in record.languages],
        "service_taxonomys": [{"taxonomy": {"id": t, "name": v.INTERVENTION_TYPES.get(t, t),
                                            "vocabulary": "signpost-intervention-type"}}
                              for t in record.intervention_types],
        "service_at_locations": [{"location": {"postal_address": [{"postal_code": p}]}}
                                 for p in record.location_postcodes],
        "x_signpost": extension,
    }


def read_oruk(text: str) -> tuple[list[ServiceRecord], list[Problem]]:
    """Parse ORUK JSON into records, with a problem per unreadable item."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:  # JSONDecodeError, or an integer of over 4300 digits
        return [], [Problem(f"not valid JSON ({str(error)[:120]}); export a fresh file and try again")]
    if isinstance(data, dict):
        data = data.get("content") or data.get("services") or [data]
    if not isinstance(data, list):
        return [], [Problem("expected a JSON list of ORUK services")]
    records, problems = [], []
    for index, item in enumerate(data, start=1):
        try:
            if _depth(item) > _MAX_DEPTH:
                raise ValueError("nested too deeply to be an ORUK service")
            records.append(_record(item))
        except KeyError as error:
            problems.append(Problem(f"item {index}: missing required field {error}", service_id=_safe_id(item)))
        except (ValueError, TypeError, AttributeError) as error:
            problems.append(Problem(f"item {index}: {error}", service_id=_safe_id(item)))
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


def _record(item: Any) -> ServiceRecord:
    if not isinstance(item, dict):
        raise ValueError("each item must be a JSON object")
    extension = item.get("x_signpost")
    record = _from_extension(extension) if isinstance(extension, dict) else _from_standard(item)
    for part in record.contacts + record.coverage:  # both shapes: a number or list here would break storage
        if not all(isinstance(x, str) for x in vars(part).values()):
            raise ValueError(f"every part of a {type(part).__name__} must be text")
    return record


def _from_extension(data: dict[str, Any]) -> ServiceRecord:
    known = set(ServiceRecord.field_names())
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"unknown x_signpost field(s): {', '.join(sorted(unknown))}")
    values = dict(data)
    for field in ServiceRecord.__dataclass_fields__.values():
        value = values.get(field.name)
        if field.name not in values or (value is None and field.type.startswith("Optional")):
            continue
        if field.type.startswith("list") and not isinstance(value, list):
            raise ValueError(f"'{field.name}' must be a list")
        if field.type == "list[str]" and not all(isinstance(x, str) for x in value):
            raise ValueError(f"'{field.name}' must be a list of text values")
        if field.type in ("list[ContactPoint]", "list[Coverage]") and not all(isinstance(x, dict) for x in value):
            raise ValueError(f"'{field.name}' must be a list of objects")
        if field.type in ("str", "Optional[date]") and not isinstance(value, str):
            raise ValueError(f"'{field.name}' must be text")
        if field.type == "Optional[bool]" and not isinstance(value, bool):
            raise ValueError(f"'{field.name}' must be true, false or null")
        if field.type == "Optional[int]" and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError(f"'{field.name}' must be a whole number or null")
        if field.type == "Optional[float]" and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise ValueError(f"'{field.name}' must be a number or null")
    values["contacts"] = [ContactPoint(**c) for c in values.get("contacts") or []]
    values["coverage"] = [Coverage(**c) for c in values.get("coverage") or []]
    if values.get("last_verified"):
        try:
            values["last_verified"] = date.fromisoformat(values["last_verified"])
        except ValueError:
            raise ValueError(f"last_verified '{values['last_verified']}' should be a date like 2026-11-22") from None
    return ServiceRecord(**values)


def _from_standard(item: dict[str, Any]) -> ServiceRecord:
    organisation = item.get("organization") or {}
    contacts = []
    for contact in item.get("contacts") or []:
        label = contact.get("name") or ""
        contacts += [ContactPoint("phone", p["number"], label) for p in contact.get("phones") or []]
        if contact.get("email"):
            contacts.append(ContactPoint("email", contact["email"], label))
    return ServiceRecord(
        id=str(item["id"]),
        name=str(item.get("name") or ""),
        organisation=str(organisation.get("name") or ""),
        organisation_url=str(organisation.get("url") or ""),
        description=str(item.get("description") or ""),
        cost=str(item.get("fees") or ""),
        source_document=str(item.get("source_document") or "ORUK import"),
        coverage=[Coverage(a.get("extent_type") or "district", a["service_area"]) for a in item.get("service_areas") or []],
        intervention_types=[t["taxonomy"]["id"] for t in item.get("service_taxonomys") or []
                            if t.get("taxonomy", {}).get("id") in v.INTERVENTION_TYPES],
        contacts=contacts,
        scope="local" if item.get("service_areas") else "unknown",
    )
