"""POST /api/listing-flags on the real web app (aiohttp test server, real SQLite directory): stored stripped,
CORS only for the configured site origin, rate-limited per client address, bad input refused clearly."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

import pytest
from aiohttp.test_utils import TestClient, TestServer

from directory import db, store
from directory.listing_flags import ListingFlag, open_flags
from tests.async_support import run
from web.app import Settings, create_app
from web.listing_flags_api import LIMIT, PATH

SITE = "https://advice.example.org"


def with_client(database_url: str, check: Callable[[TestClient], Awaitable[None]], **settings: str) -> None:
    async def scenario() -> None:
        app = create_app(Settings(site_origin=SITE, **settings), database_url=database_url)
        async with TestClient(TestServer(app)) as client:
            await check(client)

    run(scenario())


def first_service(database_url: str) -> str:
    with db.session_factory(database_url)() as session:
        return store.all_ids(session)[0]


def stored(database_url: str) -> list[ListingFlag]:
    with db.session_factory(database_url)() as session:
        return [f for group in open_flags(session) for f in group.flags]


def test_a_flag_from_the_site_origin_is_stored_without_personal_details(seeded_directory_url):
    service_id = first_service(seeded_directory_url)

    async def check(client: TestClient) -> None:
        preflight = await client.options(PATH, headers={"Origin": SITE, "Access-Control-Request-Method": "POST",
                                                        "Access-Control-Request-Headers": "content-type"})
        assert preflight.status == 204
        assert preflight.headers["Access-Control-Allow-Origin"] == SITE
        assert "content-type" in preflight.headers["Access-Control-Allow-Headers"].lower()
        sent = await client.post(PATH, json={"service_id": service_id,
                                             "what_is_wrong": "New number, ask Sam on 07700 900123 or sam@example.org"},
                                 headers={"Origin": SITE})
        assert sent.status == 201
        assert sent.headers["Access-Control-Allow-Origin"] == SITE
        assert (await sent.json())["message"] == "Thanks: the directory team will check it."

    with_client(seeded_directory_url, check)
    [flag] = stored(seeded_directory_url)
    assert flag.service_id == service_id
    assert flag.what_is_wrong == "New number, ask Sam on [phone number removed] or [email removed]"


def test_other_origins_get_no_cors_and_are_refused(seeded_directory_url):
    service_id = first_service(seeded_directory_url)

    async def check(client: TestClient) -> None:
        for origin in ("https://evil.example.net", "https://advice.example.org.evil.example.net", "null"):
            preflight = await client.options(PATH, headers={"Origin": origin, "Access-Control-Request-Method": "POST"})
            assert preflight.status == 403 and "Access-Control-Allow-Origin" not in preflight.headers
            sent = await client.post(PATH, json={"service_id": service_id, "what_is_wrong": "spam"},
                                     headers={"Origin": origin})
            assert sent.status == 403 and "Access-Control-Allow-Origin" not in sent.headers
            assert "SIGNPOST_SITE_ORIGIN" in (await sent.json())["error"]
        # The demo site's own pages (same origin) need no CORS.
        own = f"http://{client.server.host}:{client.server.port}"
        same = await client.post(PATH, json={"service_id": service_id, "what_is_wrong": "wrong hours"},
                                 headers={"Origin": own})
        assert same.status == 201 and "Access-Control-Allow-Origin" not in same.headers

    with_client(seeded_directory_url, check)
    assert [f.what_is_wrong for f in stored(seeded_directory_url)] == ["wrong hours"]


def test_a_wildcard_site_origin_is_refused():
    with pytest.raises(ValueError, match="SIGNPOST_SITE_ORIGIN"):
        Settings(site_origin="*")
    assert Settings.from_env({"SIGNPOST_SITE_ORIGIN": f"{SITE}/, https://b.example.org"}).site_origins == (
        SITE, "https://b.example.org")


def test_bad_input_is_refused_with_what_to_do(seeded_directory_url):
    service_id = first_service(seeded_directory_url)

    async def check(client: TestClient) -> None:
        cases = [
            ({"service_id": "no-such-service", "what_is_wrong": "wrong phone"}, "search again"),
            ({"service_id": service_id, "what_is_wrong": "   "}, "Say in a few words"),
            ({"service_id": service_id}, "Say in a few words"),
            ({"service_id": service_id, "what_is_wrong": "x" * 301}, "300 characters or fewer"),
            (["not", "an", "object"], "Send JSON like"),
        ]
        for body, message in cases:
            response = await client.post(PATH, json=body)
            assert response.status == 400, body
            assert message in (await response.json())["error"]
        garbled = await client.post(PATH, data="service_id=x", headers={"Content-Type": "application/json"})
        assert garbled.status == 400

    with_client(seeded_directory_url, check)
    assert stored(seeded_directory_url) == []


def test_sends_are_limited_per_client_address(seeded_directory_url):
    service_id = first_service(seeded_directory_url)
    body = {"service_id": service_id, "what_is_wrong": "wrong phone"}

    async def check(client: TestClient) -> None:
        # Behind our own proxy (loopback), X-Forwarded-For names the client.
        statuses = [(await client.post(PATH, json=body, headers={"X-Forwarded-For": "203.0.113.7"})).status
                    for _ in range(LIMIT + 1)]
        assert statuses == [201] * LIMIT + [429]
        limited = await client.post(PATH, json=body, headers={"X-Forwarded-For": "203.0.113.7"})
        assert "try again later" in (await limited.json())["error"] and limited.headers["Retry-After"]
        other = await client.post(PATH, json=body, headers={"X-Forwarded-For": "203.0.113.8"})
        assert other.status == 201

    with_client(seeded_directory_url, check)
    assert len(stored(seeded_directory_url)) == LIMIT + 1


def test_a_chunked_body_over_the_cap_is_refused_unread(seeded_directory_url):
    service_id = first_service(seeded_directory_url)

    async def chunks(body: bytes):
        for start in range(0, len(body), 1000):
            yield body[start:start + 1000]

    async def check(client: TestClient) -> None:
        big = json.dumps({"service_id": service_id, "what_is_wrong": "x" * 20_000}).encode()
        response = await client.post(PATH, data=chunks(big), headers={"Content-Type": "application/json"})
        assert response.status == 400 and "too long" in (await response.json())["error"]
        small = json.dumps({"service_id": service_id, "what_is_wrong": "phone number wrong"}).encode()
        accepted = await client.post(PATH, data=chunks(small), headers={"Content-Type": "application/json"})
        assert accepted.status == 201

    with_client(seeded_directory_url, check)
    assert [f.what_is_wrong for f in stored(seeded_directory_url)] == ["phone number wrong"]
