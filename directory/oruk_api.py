"""A read-only Open Referral UK 3.0 API over the directory, for other tools (ServiceFinder and the like).

GET /services, /services/{id} and /service_at_locations?postcode=&proximity= answer in the UK profile's
shapes (pages as its openapi.json Page). Only what a service publishes is shown: no Signpost extension,
no contact labelled with a worker's name, no labels, nothing about conversations or callbacks.
"""

from __future__ import annotations

import asyncio
import math
import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any, Optional

from aiohttp import web
from sqlalchemy import select

from directory import store
from directory.geography.postcodes import parse_postcode
from directory.geography.resolver import UnknownPlace
from directory.models import Location, ServiceAtLocation
from directory.oruk_format import oruk_id, service_json
from directory.records import ServiceRecord
from directory.service_directory import ServiceDirectory

PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
MAX_PROXIMITY_M = 1_000_000
_LIST_FIELDS = ("id", "organization_id", "name", "description", "url", "email", "status", "fees", "accreditations",
                "minimum_age", "assured_date", "organization")
# Matches that put a postcode inside a service's area: covering it, within its radius, or national.
_INSIDE = ("covers", "near", "national")
DIRECTORY_KEY = web.AppKey("directory", ServiceDirectory)


def create_oruk_app(directory: ServiceDirectory) -> web.Application:
    """The API as a sub-application; mount it with app.add_subapp('/oruk', ...)."""
    app = web.Application(middlewares=[_json_errors])
    app[DIRECTORY_KEY] = directory
    app.router.add_get("/", _about)
    app.router.add_get("/services", _services)
    app.router.add_get("/services/{id}", _service)
    app.router.add_get("/service_at_locations", _service_at_locations)
    app.on_response_prepare.append(_open_to_other_sites)
    return app


@web.middleware
async def _json_errors(request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
                       ) -> web.StreamResponse:
    """Every error as JSON that says what to do; other methods than GET are refused with 405."""
    try:
        return await handler(request)
    except web.HTTPMethodNotAllowed:
        return _error(405, "this API is read-only; use GET", {"Allow": "GET, HEAD"})
    except web.HTTPNotFound:
        return _error(404, "no such page; the API offers /services, /services/{id} and /service_at_locations")
    except web.HTTPBadRequest as error:
        return _error(400, error.reason)


def _error(status: int, message: str, headers: Optional[dict[str, str]] = None) -> web.Response:
    return web.json_response({"status": status, "message": message}, status=status, headers=headers)


async def _open_to_other_sites(request: web.Request, response: web.StreamResponse) -> None:
    """Public, read-only data without credentials: any site's scripts may read it."""
    response.headers["Access-Control-Allow-Origin"] = "*"


async def _about(request: web.Request) -> web.Response:
    return web.json_response({"version": "3.0", "profile": PROFILE_URL,
                              "openapi_url": f"{PROFILE_URL}/blob/main/schema/openapi.json"})


async def _services(request: web.Request) -> web.Response:
    page, per_page = _paging(request)
    directory = request.app[DIRECTORY_KEY]
    body = await _in_thread(_services_page, directory, page, per_page)
    return web.json_response(body)


async def _service(request: web.Request) -> web.Response:
    directory = request.app[DIRECTORY_KEY]
    record = await _in_thread(_find_service, directory, request.match_info["id"])
    if record is None:
        return _error(404, "no service with this id; list them at /services")
    return web.json_response(public_service(record))


async def _service_at_locations(request: web.Request) -> web.Response:
    page, per_page = _paging(request)
    postcode = request.query.get("postcode", "").strip()
    proximity = _proximity(request.query.get("proximity", "").strip())
    if proximity is not None and not postcode:
        raise web.HTTPBadRequest(reason="proximity needs a postcode to measure from; add postcode=")
    directory = request.app[DIRECTORY_KEY]
    body = await _in_thread(_service_at_locations_page, directory, postcode, proximity, page, per_page)
    return web.json_response(body)


async def _in_thread(function: Callable[..., Any], *args: Any) -> Any:
    """Database work off the event loop, so one slow query doesn't hold every other request."""
    return await asyncio.get_running_loop().run_in_executor(None, function, *args)


def _paging(request: web.Request) -> tuple[int, int]:
    page = _whole(request.query.get("page", "1"), "page")
    per_page = _whole(request.query.get("per_page", str(DEFAULT_PER_PAGE)), "per_page")
    if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
        raise web.HTTPBadRequest(reason=f"page must be 1 or more and per_page between 1 and {MAX_PER_PAGE}")
    return page, per_page


def _whole(text: str, name: str) -> int:
    if not text.isdigit() or len(text) > 9:
        raise web.HTTPBadRequest(reason=f"{name} must be a whole number, e.g. {name}=1")
    return int(text)


def _proximity(text: str) -> Optional[float]:
    if not text:
        return None
    try:
        metres = float(text)
    except ValueError:
        metres = math.nan
    if not 0 < metres <= MAX_PROXIMITY_M:  # also refuses nan and inf
        raise web.HTTPBadRequest(reason=f"proximity is metres from the postcode, between 1 and {MAX_PROXIMITY_M}")
    return metres


def page_json(total: int, contents: list[dict[str, Any]], page: int, per_page: int) -> dict[str, Any]:
    """One page in the profile's Page shape (openapi.json components.schemas.Page) with its contents."""
    total_pages = math.ceil(total / per_page)
    return {"total_items": total, "total_pages": total_pages, "page_number": page, "size": len(contents),
            "first_page": page == 1, "last_page": page >= total_pages, "empty": not contents, "contents": contents}


def _slice(items: list[Any], page: int, per_page: int) -> list[Any]:
    return items[(page - 1) * per_page: page * per_page]


# A contact labelled with someone's name ("07936 364165 (Jo Nelson)") is that worker's line: the directory
# shows it to workers making a referral, but an open API for other tools publishes only the service's own.
_PERSON_LABEL = re.compile(r"^[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2}$")
_SERVICE_WORDS = re.compile(r"\b(?:team|service|line|office|referrals?|duty|desk|hub|centre|center|helpline|admin)\b",
                            re.IGNORECASE)


def names_a_person(label: str) -> bool:
    """Whether a contact's label reads as a person's name rather than a team or a purpose."""
    label = (label or "").strip()
    return bool(_PERSON_LABEL.match(label)) and not _SERVICE_WORDS.search(label)


def public_service(record: ServiceRecord) -> dict[str, Any]:
    """A service as the API shows it: the standard fields, no one's personal line, no labels."""
    record = replace(record, contacts=[c for c in record.contacts if not names_a_person(c.label)])
    service = service_json(record, extension=False)
    for contact in service["contacts"]:
        contact.pop("title", None)
        for phone in contact.get("phones", []):
            phone.pop("description", None)
    return service


def _list_item(record: ServiceRecord) -> dict[str, Any]:
    service = public_service(record)
    return {field: service[field] for field in _LIST_FIELDS if field in service}


def _services_page(directory: ServiceDirectory, page: int, per_page: int) -> dict[str, Any]:
    with directory.sessions() as session:
        ids = store.all_ids(session)
        records = [r for r in (store.load(session, i) for i in _slice(ids, page, per_page)) if r is not None]
    return page_json(len(ids), [_list_item(r) for r in records], page, per_page)


def _find_service(directory: ServiceDirectory, wanted: str) -> Optional[ServiceRecord]:
    """A service by its API id (a UUID) or its Signpost id."""
    with directory.sessions() as session:
        for service_id in store.all_ids(session):
            if wanted in (service_id, oruk_id("service", service_id)):
                return store.load(session, service_id)
    return None


def _service_at_locations_page(directory: ServiceDirectory, postcode: str, proximity: Optional[float], page: int,
                               per_page: int) -> dict[str, Any]:
    if postcode:
        point, service_ids = _inside(directory, postcode)
    else:
        point = None
        with directory.sessions() as session:
            service_ids = store.all_ids(session)
    items: list[dict[str, Any]] = []
    with directory.sessions() as session:
        for service_id in service_ids:
            record = store.load(session, service_id)
            if record is not None:
                items += _links(session, record, point, proximity)
    return page_json(len(items), _slice(items, page, per_page), page, per_page)


def _inside(directory: ServiceDirectory, postcode: str) -> tuple[tuple[float, float], list[str]]:
    """The postcode's grid point and, in search order, the services whose area contains it."""
    if parse_postcode(postcode) is None:
        raise web.HTTPBadRequest(reason=f"'{postcode[:20]}' is not a UK postcode; give one such as LS1 1UR")
    try:
        location = directory.resolver.resolve(postcode)
    except UnknownPlace as error:
        raise web.HTTPBadRequest(reason=f"{error.reason} Give a current UK postcode.") from None
    with directory.sessions() as session:
        limit = len(store.all_ids(session)) + 1
    outcome = directory.searcher.search(location, limit=limit)
    ids = [r.service_id for r in outcome.results if r.match in _INSIDE]
    return (location.easting, location.northing), list(dict.fromkeys(ids))


def _links(session: Any, record: ServiceRecord, point: Optional[tuple[float, float]],
           proximity: Optional[float]) -> list[dict[str, Any]]:
    """The service's service_at_location entries: one per location, or one without a location."""
    service = _list_item(record)
    rows = session.execute(select(Location.postcode, Location.easting, Location.northing)
                           .join(ServiceAtLocation, ServiceAtLocation.location_id == Location.id)
                           .where(ServiceAtLocation.service_id == record.id).order_by(ServiceAtLocation.id)).all()
    if proximity is not None:
        rows = [r for r in rows if r.easting is not None and point and point[0] is not None
                and math.hypot(r.easting - point[0], r.northing - point[1]) <= proximity]
        if not rows:
            return []
    if not rows:
        return [{"id": oruk_id("service_at_location", f"{record.id}/area"), "service_id": service["id"],
                 "service": service}]
    links = []
    for row in rows:
        location_id = oruk_id("location", f"{record.id}/{row.postcode}")
        links.append({"id": oruk_id("service_at_location", f"{record.id}/{row.postcode}"),
                      "service_id": service["id"], "location_id": location_id,
                      "location": {"id": location_id, "location_type": "physical", "name": row.postcode},
                      "service": service})
    return links
