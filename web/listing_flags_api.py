"""POST /api/listing-flags: the widget's "This listing is wrong", stored for the directory team.

The widget may run on the advice site's own pages, so the only other origin allowed (CORS, never `*`)
is SIGNPOST_SITE_ORIGIN; a browser page from any other site is refused. Sends are limited per client
address, counted in memory by a hash of the address; the address itself is never stored.
"""

from __future__ import annotations

import json
import time
from collections import deque
from collections.abc import Callable

from aiohttp import web
from sqlalchemy.orm import Session, sessionmaker

from directory import db, listing_flags
from directory.freshness import uk_today
from handoff.console.pages import same_origin
from handoff.console.throttle import address_tag, client_address

PATH = "/api/listing-flags"
THANKS = "Thanks: the directory team will check it."
LIMIT = 10  # flags per client address
WINDOW_SECONDS = 3600.0
MAX_BODY = 4096
TOO_LONG = "That is too long: say in a few words what is wrong."


class FlagRateLimit:
    """At most LIMIT flags per address in any WINDOW_SECONDS; in memory, so a restart only forgives."""

    def __init__(self, limit: int = LIMIT, window: float = WINDOW_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._sent: dict[str, deque[float]] = {}

    def allow(self, address: str) -> bool:
        """Count one send from `address` if it is under the limit."""
        now = self.clock()
        if len(self._sent) > 10_000:  # forget addresses that have gone quiet
            self._sent = {k: q for k, q in self._sent.items() if q and now - q[-1] < self.window}
        sent = self._sent.setdefault(address_tag(address), deque())
        while sent and now - sent[0] >= self.window:
            sent.popleft()
        if len(sent) >= self.limit:
            return False
        sent.append(now)
        return True


def _cors(origin: str) -> dict[str, str]:
    return {"Access-Control-Allow-Origin": origin, "Access-Control-Allow-Methods": "POST",
            "Access-Control-Allow-Headers": "Content-Type", "Access-Control-Max-Age": "600", "Vary": "Origin"}


async def _read_capped(request: web.Request, limit: int) -> bytes | None:
    """The body, or None once it passes `limit` bytes (read no further than limit + 1)."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = await request.content.read(limit + 1 - size)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    return None


def _error(status: int, message: str, headers: dict[str, str]) -> web.Response:
    return web.json_response({"error": message}, status=status, headers=headers)


class ListingFlagsApi:
    def __init__(self, database_url: str, site_origins: tuple[str, ...], trusted_proxies: frozenset[str],
                 limit: FlagRateLimit | None = None) -> None:
        self.database_url, self.site_origins, self.trusted_proxies = database_url, site_origins, trusted_proxies
        self.limit = limit or FlagRateLimit()
        self._sessions: sessionmaker[Session] | None = None

    def sessions(self) -> sessionmaker[Session]:
        if self._sessions is None:  # opened on first use: the demo pages need no database
            self._sessions = db.session_factory(self.database_url)
        return self._sessions

    def origin_headers(self, request: web.Request) -> dict[str, str] | None:
        """CORS headers for the site origin, {} for our own pages and non-browser clients, None: refuse."""
        origin = request.headers.get("Origin")
        if origin is None or same_origin(request):
            return {"Vary": "Origin"}
        if origin.rstrip("/") in self.site_origins:
            return _cors(origin)
        return None

    async def preflight(self, request: web.Request) -> web.Response:
        headers = self.origin_headers(request)
        if headers is None:
            return _error(403, "This site may not send listing flags: the Signpost team can allow it in "
                               "SIGNPOST_SITE_ORIGIN.", {"Vary": "Origin"})
        return web.Response(status=204, headers=headers)

    async def post(self, request: web.Request) -> web.Response:
        headers = self.origin_headers(request)
        if headers is None:
            return _error(403, "This site may not send listing flags: the Signpost team can allow it in "
                               "SIGNPOST_SITE_ORIGIN.", {"Vary": "Origin"})
        if (request.content_length or 0) > MAX_BODY:
            return _error(400, TOO_LONG, headers)
        raw = await _read_capped(request, MAX_BODY)  # a chunked body names no length: count it here
        if raw is None:
            return _error(400, TOO_LONG, headers)
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return _error(400, 'Send JSON like {"service_id": "...", "what_is_wrong": "..."}.', headers)
        address = client_address(request.remote, request.headers.get("X-Forwarded-For"), self.trusted_proxies)
        if not self.limit.allow(address):
            return _error(429, "Too many reports from here in the last hour: please try again later.",
                          {**headers, "Retry-After": str(int(WINDOW_SECONDS))})
        try:
            with self.sessions().begin() as session:
                listing_flags.add_flag(session, str(body.get("service_id") or ""), str(body.get("what_is_wrong") or ""),
                                       uk_today())
        except listing_flags.FlagRefused as refused:
            return _error(400, str(refused), headers)
        return web.json_response({"message": THANKS}, status=201, headers=headers)


def add_routes(app: web.Application, api: ListingFlagsApi) -> None:
    app.router.add_post(PATH, api.post, name="listing_flags")
    app.router.add_route("OPTIONS", PATH, api.preflight, name="listing_flags_preflight")
