"""Save and load ServiceRecords in the ORUK-shaped tables, and keep the search index in step."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Optional

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from directory import area_shapes
from directory import vocabulary as v
from directory.geography.postcodes import parse_postcode
from directory.models import (
    Contact,
    Eligibility,
    GeoPostcode,
    Language,
    Location,
    Organisation,
    Referral,
    Schedule,
    SearchEntry,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceTaxonomy,
    Taxonomy,
)
from directory.records import ContactPoint, ServiceRecord

_SCALARS = (
    "name", "description", "scope", "min_age", "self_referral", "referral_notes", "duration_weeks_min",
    "duration_weeks_max", "session_count", "session_hours_min", "session_hours_max", "group_size_max", "modules",
    "evening_sessions", "partner_support", "cost", "respect_accredited", "interpreters", "radius_km", "caveat",
    "source_document", "source_date", "last_verified", "notes",
)
_ELIGIBILITY = {"genders": "gender", "relationship_types": "relationship", "risk_levels": "risk_level",
                "case_types": "case_type", "exclusions": "exclusion"}
_CHILD_TABLES = (SearchEntry, ServiceArea, Eligibility, Referral, Contact, Schedule, Language, ServiceTaxonomy,
                 ServiceAtLocation, area_shapes.ServiceAreaShape)


def organisation_id(name: str) -> str:
    from directory.geography.areas import slug

    return slug(name)[:100] or "unknown"


def ensure_taxonomy(session: Session) -> None:
    """The intervention-type vocabulary as ORUK taxonomy terms."""
    existing = set(session.execute(select(Taxonomy.id)).scalars())
    for term, label in v.INTERVENTION_TYPES.items():
        if term not in existing:
            session.add(Taxonomy(id=term, name=label, vocabulary="signpost-intervention-type"))
    session.flush()


def save(session: Session, record: ServiceRecord) -> None:
    """Insert or replace one service and all its child rows (caller owns the transaction)."""
    delete_service(session, record.id)
    org_id = organisation_id(record.organisation)
    organisation = session.get(Organisation, org_id)
    if organisation is None:
        session.add(Organisation(id=org_id, name=record.organisation, url=record.organisation_url or None))
    elif record.organisation_url:
        organisation.url = record.organisation_url
    service = Service(id=record.id, organisation_id=org_id, formats=";".join(record.formats) or None)
    for name in _SCALARS:
        value = getattr(record, name)
        setattr(service, name, value if value != "" else None)
    session.add(service)
    session.flush()
    session.add_all(_child_rows(session, record, org_id))
    session.flush()
    session.add_all(search_entries(session, record))


def delete_service(session: Session, service_id: str) -> None:
    for table in _CHILD_TABLES:
        session.execute(delete(table).where(table.service_id == service_id))
    session.execute(delete(Service).where(Service.id == service_id))


def _child_rows(session: Session, record: ServiceRecord, org_id: str) -> list:
    rows: list = [ServiceArea(service_id=record.id, area_key=area_shapes.coverage_key(c),
                              service_area=area_shapes.stored_label(c)) for c in record.coverage]
    rows += area_shapes.shape_rows(record.id, record.coverage)
    for field, criterion in _ELIGIBILITY.items():
        rows += [Eligibility(service_id=record.id, criterion=criterion, value=x) for x in getattr(record, field)]
    rows += [Referral(service_id=record.id, kind="route", value=x) for x in record.referral_routes]
    rows += [Referral(service_id=record.id, kind="method", value=x) for x in record.referral_methods]
    rows += [Contact(service_id=record.id, kind=c.kind, value=c.value, label=c.label or None) for c in record.contacts]
    if record.schedule:
        rows.append(Schedule(service_id=record.id, description=record.schedule))
    rows += [Language(service_id=record.id, language=x) for x in record.languages]
    rows += [ServiceTaxonomy(service_id=record.id, taxonomy_id=t) for t in record.intervention_types]
    for postcode in record.location_postcodes:
        point = _postcode_point(session, postcode)
        location = Location(organisation_id=org_id, postcode=postcode, easting=point[0], northing=point[1])
        session.add(location)
        session.flush()
        rows.append(ServiceAtLocation(service_id=record.id, location_id=location.id))
    return rows


def _postcode_point(session: Session, postcode: str) -> tuple[Optional[float], Optional[float]]:
    parsed = parse_postcode(postcode)
    row = session.get(GeoPostcode, parsed.code) if parsed else None
    return (row.easting, row.northing) if row else (None, None)


def _facet(values: Iterable[str]) -> str:
    return "|" + "".join(f"{x}|" for x in values)


def search_entries(session: Session, record: ServiceRecord) -> list[SearchEntry]:
    """Denormalised rows for search: one per covered area, one per location with a radius."""
    facets = dict(
        types=_facet(record.intervention_types), genders=_facet(record.genders), risks=_facet(record.risk_levels),
        routes=_facet(record.referral_routes), formats=_facet(record.formats),
    )
    keys = [area_shapes.coverage_key(c) for c in record.coverage]
    if record.scope in ("national", "unknown"):
        keys.append(f"scope:{record.scope}")
    entries = [SearchEntry(service_id=record.id, area_key=key, **facets) for key in keys]
    if record.radius_km:
        for postcode in record.location_postcodes:
            east, north = _postcode_point(session, postcode)
            if east is not None:
                entries.append(SearchEntry(service_id=record.id, area_key="radius", easting=east, northing=north,
                                           radius_m=record.radius_km * 1000, **facets))
    return entries


def load(session: Session, service_id: str) -> Optional[ServiceRecord]:
    """The full record for one service, or None."""
    service = session.get(Service, service_id)
    if service is None:
        return None
    values = {name: getattr(service, name) for name in _SCALARS}
    values = {k: ("" if val is None and isinstance(ServiceRecord.__dataclass_fields__[k].default, str) else val)
              for k, val in values.items()}
    def by_service(table):  # type: ignore[no-untyped-def]
        return session.execute(select(table).where(table.service_id == service_id).order_by(table.id)).scalars().all()

    eligibility = by_service(Eligibility)
    referrals = by_service(Referral)
    locations = [session.get(Location, sal.location_id) for sal in by_service(ServiceAtLocation)]
    schedules = by_service(Schedule)
    return ServiceRecord(
        id=service.id,
        organisation=service.organisation.name,
        organisation_url=service.organisation.url or "",
        formats=service.formats.split(";") if service.formats else [],
        intervention_types=[t.taxonomy_id for t in by_service(ServiceTaxonomy)],
        referral_routes=[r.value for r in referrals if r.kind == "route"],
        referral_methods=[r.value for r in referrals if r.kind == "method"],
        contacts=[ContactPoint(c.kind, c.value, c.label or "") for c in by_service(Contact)],
        coverage=area_shapes.load_coverage(session, service_id, [a.service_area for a in by_service(ServiceArea)]),
        location_postcodes=[loc.postcode for loc in locations if loc and loc.postcode],
        schedule=schedules[0].description if schedules else "",
        languages=[x.language for x in by_service(Language)],
        **{field: [e.value for e in eligibility if e.criterion == c] for field, c in _ELIGIBILITY.items()},
        **values,
    )


def names(session: Session, service_ids: list[str]) -> dict[str, str]:
    """Service id -> name for these ids, in one query (a follow-up naming one of them needs no more)."""
    if not service_ids:
        return {}
    return dict(session.execute(select(Service.id, Service.name).where(Service.id.in_(service_ids))).all())


def all_ids(session: Session) -> list[str]:
    """Every service id, sorted."""
    return list(session.execute(select(Service.id).order_by(Service.id)).scalars())
