"""The advisor console: an aiohttp sub-application the web app mounts at /console.

    from handoff.console import create_console_app
    app.add_subapp("/console", create_console_app(database_url, rasa_url, rasa_token))

Pages: /console/ (the console, signed in), /console/signin. JSON API under /console/api/ and a
websocket at /console/ws; see handoff/README.md. Every POST needs the session's CSRF token (form
field csrf_token, or header X-CSRF-Token for the API); the sign-in form uses a double-submit token.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

import aiohttp
from aiohttp import web

from directory import db
from handoff import hours as hours_mod
from handoff import texts
from handoff.availability import AvailabilityChecker
from handoff.console import accounts, auth, directory_pages, insight_pages, review_pages, sections
from handoff.console.pages import (
    CONSOLE_DIR,
    STATE_KEY,
    checked_form,
    console_state,
    csrf_ok,
    json_error,
    render,
    render_page,
    same_origin,
    signed_in,
    url,
)
from handoff.console.relay import Relay, message_json
from handoff.console.throttle import SignInThrottle, address_tag, client_address
from handoff.console.topics import topic_label
from handoff.hours import ServiceHours
from handoff.models import Advisor, AdvisorSession, utcnow
from handoff.rasa_client import RasaClient, RasaError, transcript_from_events
from handoff.settings import HandoffSettings
from handoff.store import Conflict, HandoffStore, NotFound

log = logging.getLogger(__name__)

SESSION_COOKIE = "signpost_console"
SIGNIN_COOKIE = "signpost_console_signin"
TOUCH_EVERY = timedelta(seconds=30)
MAX_REPLY = 2000

CSP = "; ".join([
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'",
    "frame-ancestors 'none'",
])
HEADERS = {
    "Content-Security-Policy": CSP,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@dataclass
class Signed:
    session: AdvisorSession
    advisor: Advisor


@dataclass
class ConsoleState:
    store: HandoffStore
    rasa: RasaClient
    settings: HandoffSettings
    hours: ServiceHours
    clock: Callable[[], datetime] = utcnow
    sockets: dict[web.WebSocketResponse, Signed] = field(default_factory=dict)
    throttle: SignInThrottle = field(default_factory=SignInThrottle)

    @property
    def checker(self) -> AvailabilityChecker:
        return AvailabilityChecker(self.store, self.hours, timedelta(minutes=self.settings.advisor_seen_minutes))

    async def send_to_advisor(self, advisor_id: int, payload: dict[str, Any]) -> None:
        for ws, signed in list(self.sockets.items()):
            if signed.advisor.id == advisor_id:
                await _send(ws, payload)

    async def broadcast(self, payload: dict[str, Any]) -> None:
        for ws in list(self.sockets):
            await _send(ws, payload)

    def queue_snapshot(self) -> dict[str, Any]:
        """The queue and active chats as every advisor may see them (summaries, never message text)."""
        now = self.clock()
        queued = self.store.queue()
        active = self.store.active()
        names = self.store.advisor_names()
        counts = self.store.message_counts([r.id for r in queued + active])
        availability = self.checker.check(now)
        return {
            "queued": [handoff_json(r, names, counts, position=i + 1) for i, r in enumerate(queued)],
            "active": [handoff_json(r, names, counts) for r in active],
            "availability": {
                "in_hours": availability.in_hours,
                "advisors_online": availability.advisors_online,
                "hours": hours_mod.describe_hours(self.hours),
            },
        }


async def _send(ws: web.WebSocketResponse, payload: dict[str, Any]) -> None:
    if ws.closed:
        return
    with contextlib.suppress(ConnectionResetError, RuntimeError):
        await ws.send_json(payload)


def handoff_json(request: Any, names: dict[int, str], counts: dict[int, int] | None = None,
                 position: int | None = None) -> dict[str, Any]:
    summary = request.summary or {}
    return {
        "id": request.id,
        "status": request.status,
        "summary": summary,
        "topic_label": topic_label(summary.get("topic")),
        "created_at": request.created_at.isoformat(),
        "claimed_at": request.claimed_at.isoformat() if request.claimed_at else None,
        "closed_at": request.closed_at.isoformat() if request.closed_at else None,
        "closed_by": request.closed_by,
        "advisor_id": request.advisor_id,
        "advisor": names.get(request.advisor_id) if request.advisor_id else None,
        "worker_messages": (counts or {}).get(request.id, 0),
        "position": position,
    }


def callback_json(callback: Any, names: dict[int, str]) -> dict[str, Any]:
    return {
        "id": callback.id,
        "name_or_role": callback.name_or_role,
        "organisation": callback.organisation,
        "contact": callback.contact,
        "contact_kind": callback.contact_kind,
        "best_time": callback.best_time,
        "reason": callback.reason,
        "consent_at": callback.consent_at.isoformat(),
        "created_at": callback.created_at.isoformat(),
        "done_at": callback.done_at.isoformat() if callback.done_at else None,
        "done_by": names.get(callback.done_by) if callback.done_by else None,
    }


RELAY_KEY = web.AppKey("handoff_console_relay", Relay)


def _cookie_path(request: web.Request) -> str:
    return url(request, "index")


# --- sessions ---


def current_session(request: web.Request) -> Signed | None:
    """The signed-in advisor for this request's cookie, or None (expired and idle sessions are ended)."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    state = console_state(request)
    found = state.store.session_by_token_hash(auth.token_hash(token))
    if found is None:
        return None
    session, advisor = found
    now = state.clock()
    idle = timedelta(minutes=state.settings.idle_minutes)
    if session.expires_at <= now or session.last_seen_at < now - idle:
        state.store.delete_session(session.id)
        return None
    if now - session.last_seen_at >= TOUCH_EVERY:
        state.store.touch_session(session.id, now)
        session.last_seen_at = now
    return Signed(session, advisor)


@web.middleware
async def auth_middleware(request: web.Request, handler: Callable) -> web.StreamResponse:
    """API routes need a session (401) and, for POST, the CSRF header (403); pages redirect to sign-in."""
    route = request.match_info.route.name or ""
    if route in ("signin", "signin_post", "static") or request.match_info.http_exception is not None:
        return await handler(request)
    signed = current_session(request)
    if signed is None:
        if route.startswith("api_") or route == "ws":
            return json_error(401, "Please sign in to the console.")
        raise web.HTTPSeeOther(url(request, "signin"))
    request["signed"] = signed
    if request.method == "POST" and route.startswith("api_") and not csrf_ok(request, signed):
        return json_error(403, "Missing or wrong CSRF token: reload the console page.")
    role = sections.role_needed(request.app, route)
    if role is not None and not sections.may(signed.advisor, role):
        if route.startswith("api_") or route == "ws":
            return json_error(403, sections.refusal(role))
        return _refused_page(request, role)
    return await handler(request)


async def _headers(request: web.Request, response: web.StreamResponse) -> None:
    for key, value in HEADERS.items():
        response.headers[key] = value


# --- pages ---


def _refused_page(request: web.Request, role: str) -> web.Response:
    return render_page(request, "Not for this account", "refused.html", "", status=403, message=sections.refusal(role))


async def index(request: web.Request) -> web.Response:
    signed = signed_in(request)
    if not signed.advisor.has_role("advisor"):
        opened = sections.open_sections(request.app, signed.advisor)
        if opened:
            raise web.HTTPSeeOther(url(request, opened[0].route))
        return _refused_page(request, "advisor")
    page = render(
        "console.html",
        raw={"nav": sections.nav_html(request, signed.advisor, "index")},
        csrf_token=signed.session.csrf_token,
        advisor=signed.advisor.display_name,
        username=signed.advisor.username,
        is_admin="true" if signed.advisor.is_admin else "false",
        base=url(request, "index"),
        signout=url(request, "signout"),
        static=url(request, "index") + "static",
    )
    return web.Response(text=page, content_type="text/html", charset="utf-8")


def _signin_page(request: web.Request, message: str = "", username: str = "", status: int = 200) -> web.Response:
    token = auth.new_token()
    page = render("signin.html", csrf_token=token, message=message, username=username,
                   action=url(request, "signin_post"), static=url(request, "index") + "static",
                   hidden="" if message else "hidden")
    response = web.Response(text=page, content_type="text/html", charset="utf-8", status=status)
    response.set_cookie(SIGNIN_COOKIE, token, path=_cookie_path(request), httponly=True, samesite="Strict",
                        secure=console_state(request).settings.secure_cookie, max_age=3600)
    return response


async def signin_form(request: web.Request) -> web.StreamResponse:
    if current_session(request) is not None:
        raise web.HTTPSeeOther(url(request, "index"))
    return _signin_page(request)


GENERIC_FAILURE = "Wrong username or password."


def _wait_text(wait: timedelta) -> str:
    seconds = max(1, int(wait.total_seconds()))
    when = f"{seconds} seconds" if seconds < 120 else f"{seconds // 60} minutes"
    return f"Too many attempts: please wait {when} before trying again, or ask an admin to reset your password."


async def signin(request: web.Request) -> web.StreamResponse:
    state = console_state(request)
    form = await request.post()
    username = str(form.get("username", "")).strip()[:100]
    password = str(form.get("password", ""))[: auth.MAX_PASSWORD]
    if not auth.tokens_match(str(form.get("csrf_token", "")), request.cookies.get(SIGNIN_COOKIE)):
        return _signin_page(request, "Your sign-in form had expired. Please try again.", username, 403)
    now = state.clock()
    advisor = state.store.advisor_by_username(username) if username else None
    address = client_address(request.remote, request.headers.get("X-Forwarded-For"), state.settings.trusted_proxies)
    tag = f"from {address_tag(address)}"
    # Known and unknown names get the same checks, answers and (password hashing) time.
    waiting = state.throttle.wait(username, address, now)
    if waiting:
        await asyncio.to_thread(auth.dummy_verify, password)
        state.store.audit(advisor, "sign_in_throttled", tag if advisor else f"unknown username {username[:60]!r} {tag}", now)
        return _signin_page(request, _wait_text(waiting), username, 429)
    if advisor is None:
        await asyncio.to_thread(auth.dummy_verify, password)
        ok = False
    else:
        ok = await asyncio.to_thread(auth.verify_password, password, advisor.password_hash)
    if not ok:
        wait = state.throttle.failed(username, address, now)
        state.store.audit(advisor, "sign_in_failed", tag if advisor else f"unknown username {username[:60]!r} {tag}", now)
        if wait:
            return _signin_page(request, f"{GENERIC_FAILURE} {_wait_text(wait)}", username, 429)
        return _signin_page(request, GENERIC_FAILURE, username, 401)
    state.throttle.succeeded(username, address)
    state.store.record_sign_in(advisor.id)
    token = auth.new_token()
    expires = now + timedelta(hours=state.settings.session_hours)
    state.store.create_session(advisor.id, auth.token_hash(token), auth.new_token(), expires, now)
    state.store.audit(advisor, "sign_in", None, now)
    response = web.HTTPSeeOther(url(request, "index"))
    response.set_cookie(SESSION_COOKIE, token, path=_cookie_path(request), httponly=True, samesite="Strict",
                        secure=state.settings.secure_cookie, max_age=state.settings.session_hours * 3600)
    response.del_cookie(SIGNIN_COOKIE, path=_cookie_path(request))
    raise response


async def signout(request: web.Request) -> web.StreamResponse:
    signed = signed_in(request)
    await checked_form(request, "console page")
    state = console_state(request)
    state.store.delete_session(signed.session.id)
    state.store.audit(signed.advisor, "sign_out", None, state.clock())
    for ws, other in list(state.sockets.items()):
        if other.session.id == signed.session.id:
            await ws.close()
    response = web.HTTPSeeOther(url(request, "signin"))
    response.del_cookie(SESSION_COOKIE, path=_cookie_path(request))
    raise response


# --- websocket ---


async def websocket(request: web.Request) -> web.StreamResponse:
    if not same_origin(request):  # browsers always send Origin on websockets
        return json_error(403, "Cross-origin websocket refused.")
    state = console_state(request)
    signed = signed_in(request)
    ws = web.WebSocketResponse(heartbeat=30)
    await ws.prepare(request)
    state.sockets[ws] = signed
    state.store.touch_session(signed.session.id, state.clock())
    try:
        await ws.send_json({"type": "hello", "advisor": signed.advisor.display_name})
        await ws.send_json({"type": "queue", **state.queue_snapshot()})
        async for message in ws:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            # Any message (the page pings every 25 s) keeps the advisor counted as signed in.
            if current_session(request) is None:
                await ws.send_json({"type": "signed_out"})
                break
            state.store.touch_session(signed.session.id, state.clock())
            await ws.send_json({"type": "pong"})
    finally:
        state.sockets.pop(ws, None)
    return ws


# --- JSON API ---


def _handoff_id(request: web.Request) -> int:
    try:
        return int(request.match_info["handoff_id"])
    except ValueError:
        raise web.HTTPNotFound() from None


async def api_me(request: web.Request) -> web.Response:
    signed = signed_in(request)
    return web.json_response({"id": signed.advisor.id, "username": signed.advisor.username,
                              "display_name": signed.advisor.display_name, "is_admin": signed.advisor.is_admin,
                              "csrf_token": signed.session.csrf_token})


async def api_queue(request: web.Request) -> web.Response:
    state = console_state(request)
    return web.json_response({**state.queue_snapshot(), "me": signed_in(request).advisor.id})


async def api_handoff(request: web.Request) -> web.Response:
    """One handoff with its summary and transcript (the bot conversation from Rasa, and relayed messages)."""
    state, signed = console_state(request), signed_in(request)
    handoff_id = _handoff_id(request)
    try:
        handoff = state.store.get(handoff_id)
    except NotFound:
        return json_error(404, f"No handoff {handoff_id}.")
    names = state.store.advisor_names()
    transcript, transcript_error = [], None
    try:
        events = await state.rasa.events(handoff.conversation_id)
        transcript = [line.__dict__ for line in transcript_from_events(events)]
    except RasaError as error:
        transcript_error = f"The bot conversation could not be read from Rasa ({error})."
    relayed = [message_json(m, names) for m in state.store.messages(handoff_id)]
    state.store.audit(signed.advisor, "view_transcript", f"handoff {handoff_id}", state.clock())
    return web.json_response({"handoff": handoff_json(handoff, names), "transcript": transcript,
                              "transcript_error": transcript_error, "relayed": relayed})


async def api_claim(request: web.Request) -> web.Response:
    state, signed = console_state(request), signed_in(request)
    handoff_id = _handoff_id(request)
    try:
        handoff = state.store.claim(handoff_id, signed.advisor.id, state.clock())
    except NotFound:
        return json_error(404, f"No handoff {handoff_id}.")
    except Conflict as error:
        return json_error(409, f"Someone else has this chat, or it has ended ({error}).")
    state.store.audit(signed.advisor, "claim", f"handoff {handoff_id}", state.clock())
    try:
        await state.rasa.send_bot_text(handoff.conversation_id,
                                       texts.ADVISOR_JOINED.format(advisor=signed.advisor.display_name))
    except RasaError as error:
        log.warning("claim of handoff %s: could not tell the worker: %s", handoff_id, error)
    names = state.store.advisor_names()
    return web.json_response({"handoff": handoff_json(handoff, names)})


async def _json_body(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        raise web.HTTPBadRequest(text='Send JSON, for example {"text": "..."}.') from None
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text="Send a JSON object.")
    return body


async def api_reply(request: web.Request) -> web.Response:
    state, signed = console_state(request), signed_in(request)
    handoff_id = _handoff_id(request)
    body = await _json_body(request)
    text = str(body.get("text") or "").strip()
    if not text:
        return json_error(400, "Type a message first.")
    if len(text) > MAX_REPLY:
        return json_error(400, f"Please keep a message under {MAX_REPLY} characters ({len(text)} now).")
    try:
        handoff = state.store.get(handoff_id)
    except NotFound:
        return json_error(404, f"No handoff {handoff_id}.")
    if handoff.status != "active":
        return json_error(409, f"This chat is {handoff.status}: claim it first, or it has ended.")
    if handoff.advisor_id != signed.advisor.id:
        return json_error(403, "Another advisor has this chat.")
    try:
        await state.rasa.send_advisor_message(handoff.conversation_id, text, signed.advisor.display_name)
    except RasaError as error:
        log.warning("reply to handoff %s not delivered: %s", handoff_id, error)
        return json_error(502, "Your message could not be delivered to the chat; it was not sent. Try again.")
    message = state.store.add_message(handoff_id, "advisor", text, signed.advisor.id, now=state.clock())
    state.store.audit(signed.advisor, "reply", f"handoff {handoff_id}", state.clock())
    return web.json_response({"message": message_json(message, state.store.advisor_names())})


async def api_end(request: web.Request) -> web.Response:
    state, signed = console_state(request), signed_in(request)
    handoff_id = _handoff_id(request)
    try:
        handoff = state.store.get(handoff_id)
    except NotFound:
        return json_error(404, f"No handoff {handoff_id}.")
    if handoff.status == "closed":
        return json_error(409, "This chat has already ended.")
    if handoff.status == "active" and handoff.advisor_id != signed.advisor.id and not signed.advisor.is_admin:
        return json_error(403, "Another advisor has this chat.")
    try:
        await state.rasa.resume(handoff.conversation_id, texts.RESUMED_BY_ADVISOR)
    except RasaError as error:
        log.warning("end of handoff %s: could not resume the bot: %s", handoff_id, error)
        return json_error(502, "The bot could not be resumed, so the chat is still open. Try again.")
    state.store.close(handoff_id, "advisor", state.clock())
    state.store.audit(signed.advisor, "end", f"handoff {handoff_id}", state.clock())
    return web.json_response({"handoff": handoff_json(state.store.get(handoff_id), state.store.advisor_names())})


async def api_callbacks(request: web.Request) -> web.Response:
    state, signed = console_state(request), signed_in(request)
    include_done = request.query.get("all") in ("1", "true", "yes")
    callbacks = state.store.callbacks(include_done=include_done)
    names = state.store.advisor_names()
    ids = ",".join(str(c.id) for c in callbacks)
    subject = f"callbacks {ids}" if len(ids) <= 180 else f"callbacks {ids[:170]}... ({len(callbacks)})"
    state.store.audit(signed.advisor, "view_callbacks", subject if callbacks else "callbacks (none)", state.clock())
    return web.json_response({"callbacks": [callback_json(c, names) for c in callbacks],
                              "retention_days": state.settings.retention_days})


async def api_callback_done(request: web.Request) -> web.Response:
    state, signed = console_state(request), signed_in(request)
    try:
        callback_id = int(request.match_info["callback_id"])
        changed = state.store.mark_callback_done(callback_id, signed.advisor.id, state.clock())
    except (ValueError, NotFound):
        return json_error(404, "No such callback request.")
    if changed:
        state.store.audit(signed.advisor, "callback_done", f"callback {callback_id}", state.clock())
    callback = state.store.get_callback(callback_id)
    return web.json_response({"callback": callback_json(callback, state.store.advisor_names()),
                              "changed": changed})


async def api_audit(request: web.Request) -> web.Response:
    state, signed = console_state(request), signed_in(request)
    try:
        limit = min(1000, max(1, int(request.query.get("limit", "200"))))
    except ValueError:
        limit = 200
    events = state.store.audit_log(limit, request.query.get("advisor") or None)
    state.store.audit(signed.advisor, "view_audit", request.query.get("advisor") or "all", state.clock())
    return web.json_response({"events": [
        {"id": e.id, "advisor": e.advisor_username, "action": e.action, "subject": e.subject,
         "at": e.at.isoformat()} for e in events]})


# --- the application ---


def create_console_app(database_url: str, rasa_url: str, rasa_token: str, *,
                       settings: HandoffSettings | None = None, hours: ServiceHours | None = None,
                       secure_cookie: bool | None = None, output_channel: str | None = None,
                       clock: Callable[[], datetime] | None = None, run_relay: bool = True,
                       migrate: bool = True) -> web.Application:
    """The console as a sub-application; mount it with `app.add_subapp("/console", ...)`.

    `rasa_url` is Rasa's API unless the settings name an internal one (SIGNPOST_RASA_API_URL), which
    wins: a host app may know only the widget's public URL, whose face serves no API. `rasa_token`
    is the secret the console signs each request's JWT with (Rasa's --jwt-secret).
    Other settings (retention, stale timeout, poll interval, secure cookie) come from SIGNPOST_*
    variables unless `settings` is given. `run_relay=False` leaves out the background loop (tests
    drive `app[RELAY_KEY].step()` themselves).
    """
    settings = settings or HandoffSettings.from_env()
    overrides: dict[str, Any] = {"database_url": database_url, "rasa_url": rasa_url.rstrip("/"),
                                 "rasa_token": rasa_token}
    if secure_cookie is not None:
        overrides["secure_cookie"] = secure_cookie
    if output_channel is not None:
        overrides["output_channel"] = output_channel
    settings = replace(settings, **overrides)
    if migrate:
        db.migrate(database_url)
    state = ConsoleState(
        store=HandoffStore(database_url),
        rasa=RasaClient(settings.console_rasa_url, settings.rasa_token, settings.output_channel),
        settings=settings,
        hours=hours or hours_mod.load_hours(settings.hours_file),
        clock=clock or utcnow,
    )
    app = web.Application(middlewares=[auth_middleware])
    app[STATE_KEY] = state
    relay = Relay(state)
    app[RELAY_KEY] = relay

    async def lifecycle(app: web.Application):  # type: ignore[no-untyped-def]
        task = asyncio.create_task(relay.run()) if run_relay else None
        yield
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        for ws in list(state.sockets):
            await ws.close(code=aiohttp.WSCloseCode.GOING_AWAY, message=b"console shutting down")
        await state.rasa.close()

    app.cleanup_ctx.append(lifecycle)
    app.on_response_prepare.append(_headers)
    r = app.router
    r.add_get("/", index, name="index")
    r.add_get("/signin", signin_form, name="signin")
    r.add_post("/signin", signin, name="signin_post")
    r.add_post("/signout", signout, name="signout")
    r.add_get("/ws", websocket, name="ws")
    r.add_get("/api/me", api_me, name="api_me")
    r.add_get("/api/queue", api_queue, name="api_queue")
    r.add_get("/api/handoffs/{handoff_id}", api_handoff, name="api_handoff")
    r.add_post("/api/handoffs/{handoff_id}/claim", api_claim, name="api_claim")
    r.add_post("/api/handoffs/{handoff_id}/reply", api_reply, name="api_reply")
    r.add_post("/api/handoffs/{handoff_id}/end", api_end, name="api_end")
    r.add_get("/api/callbacks", api_callbacks, name="api_callbacks")
    r.add_post("/api/callbacks/{callback_id}/done", api_callback_done, name="api_callback_done")
    r.add_get("/api/audit", api_audit, name="api_audit")
    sections.require(app, "advisor", "ws", "api_queue", "api_handoff", "api_claim", "api_reply", "api_end",
                     "api_callbacks", "api_callback_done")
    sections.require(app, sections.ADMIN, "api_audit")
    accounts.add_routes(app)
    insight_pages.add_routes(app)
    directory_pages.add_routes(app)
    review_pages.add_routes(app)
    r.add_static("/static/", CONSOLE_DIR / "static", name="static", append_version=False)
    check_guarded(app)
    app.on_startup.append(_check_guarded_at_start)
    return app


# Routes every signed-in account may use: signing in and out, the static files, the start page (which
# sends each account to its first section, or says none is open) and api_me (who am I, the CSRF token).
OPEN_ROUTES = frozenset({"signin", "signin_post", "signout", "static", "index", "api_me"})


def check_guarded(app: web.Application) -> None:
    """Refuse to start with a route that names no role: it would be open to every signed-in account."""
    guarded = app.get(sections.ROUTE_ROLES_KEY, {})
    for resource in app.router.resources():
        name = resource.name
        if name is None:
            raise RuntimeError(f"Console route {resource.canonical!r} has no name: name it and give it a role "
                               "with sections.require.")
        if name not in guarded and name not in OPEN_ROUTES:
            raise RuntimeError(f"Console route {name!r} names no role: add sections.require(app, <role>, "
                               f"{name!r}) or, if every signed-in account may use it, add it to OPEN_ROUTES.")


async def _check_guarded_at_start(app: web.Application) -> None:
    check_guarded(app)  # again, for routes added after create_console_app
