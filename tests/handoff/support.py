"""Helpers for the handoff tests: fixed hours, a settable clock, a fake Rasa, the console on a test server."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from handoff.console import create_console_app, mount_console
from handoff.console.auth import hash_password
from handoff.settings import HandoffSettings
from handoff.store import HandoffStore

PASSWORD = "correct horse battery staple"
FAST_HASH = {"n": 2**12}  # verify_password reads the cost from the hash, so tests can sign in quickly


HOURS_YAML = {
    "configured": True,
    "timezone": "Europe/London",
    "advisor_phone": "0113 496 0000",
    "weekly": {day: ["09:00-17:00"] for day in ("monday", "tuesday", "wednesday", "thursday", "friday")},
    "closures": [
        {"date": "2026-12-25", "reason": "Christmas Day"},
        {"from": "2026-12-28", "to": "2027-01-01", "reason": "the Christmas break"},
    ],
}


def london(*args: int) -> datetime:
    from zoneinfo import ZoneInfo

    return datetime(*args, tzinfo=ZoneInfo("Europe/London"))


class Clock:
    """A settable clock for the console (sessions, lock-out, stale handoffs)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


# --- a fake Rasa HTTP API: records appended events, serves trackers ---


@dataclass
class FakeRasa:
    """Checks auth as Rasa 3.6 with --jwt-secret does (role "user" only for its own conversation); refuses ?token=."""

    token: str = "rasa-secret-for-the-handoff-tests-0123"  # the JWT secret; HS256 wants 32 bytes or more
    trackers: dict[str, list[dict]] = field(default_factory=dict)
    appended: list[tuple[str, dict[str, str], list[dict]]] = field(default_factory=list)
    fail: bool = False

    def say(self, conversation_id: str, text: str, timestamp: float | None = None) -> float:
        """The worker types something (Rasa stores it while paused)."""
        import time

        ts = timestamp or time.time()
        self.trackers.setdefault(conversation_id, []).append({"event": "user", "text": text, "timestamp": ts})
        return ts

    def authorised(self, request: web.Request) -> bool:
        """A valid JWT for this conversation in the Authorization header, and no credential in the URL."""
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if "token" in request.query or scheme != "Bearer":
            return False
        try:
            claims = jwt.decode(token, self.token, algorithms=["HS256"], options={"require": ["exp"]})
        except jwt.InvalidTokenError:
            return False
        encoded_id = request.rel_url.raw_path.split("/")[2]  # Rasa compares the id as it is in the URL
        return claims.get("user") == {"username": encoded_id, "role": "user"}

    def app(self) -> web.Application:
        async def tracker(request: web.Request) -> web.Response:
            if not self.authorised(request):
                return web.json_response({"message": "bad token"}, status=401)
            if self.fail:
                return web.json_response({"message": "boom"}, status=500)
            cid = request.match_info["cid"]
            return web.json_response({"sender_id": cid, "events": self.trackers.get(cid, [])})

        async def append(request: web.Request) -> web.Response:
            if not self.authorised(request):
                return web.json_response({"message": "bad token"}, status=401)
            if self.fail:
                return web.json_response({"message": "boom"}, status=500)
            cid = request.match_info["cid"]
            events = await request.json()
            self.appended.append((cid, dict(request.query), events))
            self.trackers.setdefault(cid, []).extend(events)
            return web.json_response({"sender_id": cid})

        app = web.Application()
        app.router.add_get("/conversations/{cid}/tracker", tracker)
        app.router.add_post("/conversations/{cid}/tracker/events", append)
        return app


@dataclass
class Console:
    client: TestClient
    app: web.Application
    rasa: FakeRasa
    store: HandoffStore
    clock: Clock
    base: str = "/console/"

    async def csrf(self) -> str:
        response = await self.client.get(self.base + "api/me")
        return (await response.json())["csrf_token"]

    async def sign_in(self, username: str = "sam", password: str = PASSWORD, follow: bool = False,
                      address: str | None = None) -> Any:
        """`address`: the client address our proxy reports (X-Forwarded-For), as behind the TLS proxy."""
        page = await self.client.get(self.base + "signin")
        text = await page.text()
        token = text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        headers = {"X-Forwarded-For": address} if address else {}
        return await self.client.post(self.base + "signin", data={
            "username": username, "password": password, "csrf_token": token}, allow_redirects=follow, headers=headers)

    async def post(self, path: str, body: Any = None, csrf: str | None = "auto") -> Any:
        headers = {}
        if csrf == "auto":
            csrf = await self.csrf()
        if csrf is not None:
            headers["X-CSRF-Token"] = csrf
        return await self.client.post(self.base + "api/" + path, json=body or {}, headers=headers)

    async def get(self, path: str) -> Any:
        return await self.client.get(self.base + "api/" + path)


def add_advisor(store: HandoffStore, username: str = "sam", admin: bool = False, display: str | None = None,
                roles: tuple[str, ...] = ("advisor",)):
    """A console account (an advisor unless `roles` says otherwise) that signs in with PASSWORD."""
    return store.create_advisor(username, hash_password(PASSWORD, **FAST_HASH), display or username.title(), admin,
                                roles=roles)


def sign_out_everywhere(database_url: str, advisor_id: int) -> None:
    """End the advisor's console sessions, so later tests on the same stack find nobody on shift."""
    from sqlalchemy import delete

    from directory import db
    from handoff.models import AdvisorSession

    with db.session_factory(database_url).begin() as session:
        session.execute(delete(AdvisorSession).where(AdvisorSession.advisor_id == advisor_id))


@contextlib.asynccontextmanager
async def console_for(url: str, hours, clock: Clock | None = None, rasa: FakeRasa | None = None,
                      settings: HandoffSettings | None = None) -> AsyncIterator[Console]:
    """The console mounted at /console on a root app (as the web app mounts it), beside a fake Rasa."""
    rasa = rasa or FakeRasa()
    clock = clock or Clock(datetime.now(UTC))
    rasa_server = TestServer(rasa.app())
    await rasa_server.start_server()
    settings = settings or HandoffSettings(database_url=url, secure_cookie=False)
    console_app = create_console_app(url, str(rasa_server.make_url("")), rasa.token, settings=settings,
                                     hours=hours, clock=clock, run_relay=False, secure_cookie=False)
    root = web.Application()
    mount_console(root, console_app)
    client = TestClient(TestServer(root))
    await client.start_server()
    try:
        yield Console(client, console_app, rasa, HandoffStore(url), clock)
    finally:
        await client.close()
        await rasa_server.close()


