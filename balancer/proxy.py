"""The balancer's aiohttp apps, one per face: each forwards a request to the replica `routing.Router` picks.

Both faces share one Router, so an advisor's reply sent on the internal face goes to the replica
that holds the worker's socket.io connection, which arrived on the public face. A replica that
refuses the connection is marked down for a few seconds and the request goes to the next one,
which can continue the conversation because trackers live in the shared database.
"""

from __future__ import annotations

import logging
from typing import Optional

import aiohttp
from aiohttp import web

from balancer.faces import HEALTH_PATH, NOT_SERVED, serves_publicly
from balancer.routing import Backend, Router, conversation_of, opened_socket_session, socket_ids_of
from handoff.texts import SERVICE_TROUBLE

logger = logging.getLogger(__name__)

HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
              "transfer-encoding", "upgrade", "host", "content-length"}
UPSTREAM_KEEPALIVE_S = 2.0
CONNECT_TIMEOUT_S = 20.0
ROUTER = web.AppKey("router", Router)
CLIENT = web.AppKey("client", aiohttp.ClientSession)


def create_app(router: Router, *, public: bool) -> web.Application:
    """One face over the shared `router`: public (the chat paths only) or internal (the whole Rasa API)."""
    app = web.Application(client_max_size=2 * 1024 * 1024, middlewares=[answer_errors])
    app[ROUTER] = router
    app.on_startup.append(_open_client)
    app.on_cleanup.append(_close_client)
    app.router.add_get(HEALTH_PATH, health)
    app.router.add_route("*", "/{tail:.*}", forward_chat if public else forward)
    return app


@web.middleware
async def answer_errors(request: web.Request, handler) -> web.StreamResponse:  # type: ignore[no-untyped-def]
    """A request the balancer itself fails on still gets the helpline, not aiohttp's bare 500 page."""
    try:
        return await handler(request)
    except web.HTTPException:
        raise
    except Exception as error:  # noqa: BLE001 - the worker gets an answer whatever went wrong here
        logger.error("Balancer failed on a %s request (%s)", request.method, type(error).__name__)
        return web.json_response({"error": SERVICE_TROUBLE}, status=502)


async def _open_client(app: web.Application) -> None:
    # A replica saturated with work can take seconds to accept; waiting (like a browser's 20 s
    # socket.io timeout) queues the request instead of failing it. Refusals still fail over at once.
    timeout = aiohttp.ClientTimeout(total=None, connect=CONNECT_TIMEOUT_S, sock_read=120)
    # Sanic closes idle keep-alive connections after 5 s; reusing one it has just closed fails the
    # request (ServerDisconnectedError), so ours are dropped sooner.
    connector = aiohttp.TCPConnector(limit=0, keepalive_timeout=UPSTREAM_KEEPALIVE_S)
    app[CLIENT] = aiohttp.ClientSession(timeout=timeout, connector=connector, auto_decompress=False)


async def _close_client(app: web.Application) -> None:
    await app[CLIENT].close()


async def health(request: web.Request) -> web.Response:
    """The balancer itself is up (replicas have their own health; Rasa's root is not served publicly)."""
    return web.json_response({"status": "ok"})


async def forward_chat(request: web.Request) -> web.StreamResponse:
    """The public face: the widget's and the REST channel's requests go on; anything else stops here."""
    if not serves_publicly(request.method, request.rel_url.raw_path):
        return web.json_response(NOT_SERVED, status=404)
    return await forward(request)


async def forward(request: web.Request) -> web.StreamResponse:
    """Send the request to its replica (or the next one up) and relay the answer."""
    router, body = request.app[ROUTER], await request.read()
    conversation, sid = socket_ids_of(request.path, request.query_string)
    conversation = conversation or conversation_of(request.method, request.path, body)
    pinned = router.socket_session_backend(sid) if sid and not conversation else None
    # Only a socket.io handshake from a client that names no conversation opens a session to pin.
    opens_session = request.path.startswith("/socket.io") and sid is None and conversation is None
    for backend in [pinned] if pinned else router.candidates(conversation):
        answer = await _try(request, backend, body, opens_session)
        if answer is None:
            router.mark_down(backend)
            continue
        if conversation and answer.status < 500:
            router.served(conversation, backend)
        return answer
    logger.error("No replica answered a %s request", request.method)
    return web.json_response({"error": SERVICE_TROUBLE}, status=503)


async def _try(request: web.Request, backend: Backend, body: bytes, opens_session: bool) -> Optional[web.Response]:
    """The replica's response, or None if it could not be reached at all (so retrying is safe)."""
    headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
    try:
        async with request.app[CLIENT].request(request.method, backend.url + request.rel_url.path_qs,
                                               headers=headers, data=body) as upstream:
            payload = await upstream.read()
            out_headers = {k: v for k, v in upstream.headers.items() if k.lower() not in HOP_BY_HOP}
    except aiohttp.ClientConnectorError as error:
        logger.warning("Replica %d refused a connection (%s); trying the next", backend.index, error.strerror)
        return None
    except aiohttp.ClientError as error:  # reached, then lost mid-request: not safe to replay elsewhere
        logger.error("Replica %d failed mid-request (%s)", backend.index, type(error).__name__)
        return web.json_response({"error": SERVICE_TROUBLE}, status=502)
    if opens_session and upstream.status == 200:
        opened = opened_socket_session(payload)
        if opened:
            request.app[ROUTER].remember_socket_session(opened, backend)
    out_headers["X-Signpost-Replica"] = str(backend.index)
    return web.Response(status=upstream.status, body=payload, headers=out_headers)
