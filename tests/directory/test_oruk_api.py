"""The read-only Open Referral UK API: the profile's shapes and paging, 404 and 405 as JSON, postcode and
proximity search, and nothing beyond what services publish. A real aiohttp server over a real database."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from jsonschema import Draft202012Validator, FormatChecker

from directory.oruk_api import create_oruk_app
from directory.oruk_format import oruk_id
from directory.service_directory import ServiceDirectory
from directory.settings import DATA_DIR
from directory.transfer import import_records, read_file
from tests.async_support import run as run_async
from tests.directory.test_oruk_format import SCHEMA_DIR, profile_validator

EXAMPLE_FILE = DATA_DIR / "example_services.csv"


def _page_validator(contents_schema: str) -> Draft202012Validator:
    """The profile's page: openapi.json's Page, every field present, contents in the named compiled shape."""
    openapi = json.loads((SCHEMA_DIR / "openapi.json").read_text(encoding="utf-8"))
    page = dict(openapi["components"]["schemas"]["Page"])
    page["required"] = list(page["properties"]) + ["contents"]
    item = json.loads((SCHEMA_DIR / contents_schema).read_text(encoding="utf-8"))
    page["properties"] = {**page["properties"], "contents": {"type": "array", "items": item}}
    return Draft202012Validator(page, format_checker=FormatChecker())


def _serve(directory: ServiceDirectory, check: Callable[[TestClient], Awaitable[None]]) -> None:
    async def run() -> None:
        async with TestClient(TestServer(create_oruk_app(directory))) as client:
            await check(client)

    run_async(run())


async def _json(client: TestClient, path: str, status: int = 200) -> Any:
    response = await client.get(path)
    assert response.status == status, await response.text()
    assert response.content_type == "application/json"
    return await response.json()


@pytest.fixture
def with_examples(empty_directory_url: str) -> ServiceDirectory:
    """The example services: one has locations (LA9 4DL, BD1 1HY) with a 20 km radius."""
    directory = ServiceDirectory(empty_directory_url)
    import_records(directory.sessions, read_file(EXAMPLE_FILE, directory.resolver))
    return directory


def test_services_are_listed_in_pages_of_the_profiles_shape(shared_directory: ServiceDirectory) -> None:
    async def check(client: TestClient) -> None:
        pages = [await _json(client, f"/services?per_page=5&page={n}") for n in (1, 2, 3, 4)]
        for page in pages:
            assert list(_page_validator("service_list.json").iter_errors(page)) == []
        assert [(p["page_number"], p["size"], p["first_page"], p["last_page"], p["empty"]) for p in pages] == [
            (1, 5, True, False, False), (2, 5, False, False, False), (3, 3, False, True, False),
            (4, 0, False, True, True)]
        assert {(p["total_items"], p["total_pages"]) for p in pages} == {(13, 3)}
        ids = [s["id"] for p in pages for s in p["contents"]]
        assert len(set(ids)) == 13 and oruk_id("service", "they-matter-cumbria") in ids
        everything = await _json(client, "/services")
        assert [s["id"] for s in everything["contents"]] == ids
        for bad in ("page=0", "per_page=0", "per_page=1000", "page=two"):
            error = await _json(client, f"/services?{bad}", 400)
            assert "page" in error["message"]

    _serve(shared_directory, check)


def test_one_service_validates_against_the_profiles_service_schema(shared_directory: ServiceDirectory) -> None:
    async def check(client: TestClient) -> None:
        service_id = oruk_id("service", "they-matter-cumbria")
        service = await _json(client, f"/services/{service_id}")
        assert list(profile_validator("service.json").iter_errors(service)) == []
        assert service["id"] == service_id and service["name"].startswith("They Matter")
        # The service's own contact points; a worker's named mobile stays for workers in the chat, not here.
        assert "turningthespotlight@victimsupport.org.uk" in [c.get("email") for c in service["contacts"]]
        assert "07936 364165" not in json.dumps(service)
        assert (await _json(client, "/services/they-matter-cumbria"))["id"] == service_id  # Signpost's id too
        # Published contact points only: no Signpost extension, no labels.
        text = json.dumps(service)
        assert "x_signpost" not in text and "Jo Nelson" not in text and "notes" not in service
        missing = await _json(client, "/services/00000000-0000-4000-8000-000000000000", 404)
        assert missing["status"] == 404 and "/services" in missing["message"]
        assert (await _json(client, "/nowhere", 404))["status"] == 404

    _serve(shared_directory, check)


def test_the_api_is_read_only(shared_directory: ServiceDirectory) -> None:
    async def check(client: TestClient) -> None:
        for method, path in (("POST", "/services"), ("PUT", "/services/they-matter-cumbria"),
                             ("DELETE", "/services/they-matter-cumbria"), ("PATCH", "/service_at_locations")):
            response = await client.request(method, path, data=b"{}")
            assert response.status == 405
            assert (await response.json())["message"] == "this API is read-only; use GET"
        assert len((await _json(client, "/services"))["contents"]) == 13

    _serve(shared_directory, check)


def test_service_at_locations_by_postcode_are_the_services_whose_area_contains_it(
    shared_directory: ServiceDirectory,
) -> None:
    async def check(client: TestClient) -> None:
        kendal = await _json(client, "/service_at_locations?postcode=LA9%204DL")
        assert list(_page_validator("service_at_location_list.json").iter_errors(kendal)) == []
        names = [item["service"]["name"] for item in kendal["contents"]]
        assert any(name.startswith("They Matter") for name in names)
        assert any(name.startswith("Respect Phoneline") for name in names)  # national: its area is the UK
        leicester = await _json(client, "/service_at_locations?postcode=LE1%201AA")
        assert not any(item["service"]["name"].startswith("They Matter") for item in leicester["contents"])
        for bad in ("postcode=Kendal", "postcode=ZZ9%209ZZ", "proximity=500", "postcode=LA9%204DL&proximity=far"):
            assert (await _json(client, f"/service_at_locations?{bad}", 400))["message"]

    _serve(shared_directory, check)


def test_proximity_keeps_services_with_a_location_near_the_postcode(with_examples: ServiceDirectory) -> None:
    async def check(client: TestClient) -> None:
        async def names(query: str) -> list[tuple[str, str]]:
            page = await _json(client, f"/service_at_locations?{query}")
            assert list(_page_validator("service_at_location_list.json").iter_errors(page)) == []
            return [(i["service"]["name"], i.get("location", {}).get("name", "")) for i in page["contents"]]

        radius = "EXAMPLE One-to-one service within 20 km of its bases (fictional)"
        assert await names("postcode=BD1%201HY&proximity=500") == [(radius, "BD1 1HY")]
        assert await names("postcode=LS1%201UR&proximity=5000") == []  # BD1 1HY is about 13 km away
        assert await names("postcode=LS1%201UR&proximity=20000") == [(radius, "BD1 1HY")]
        without = await names("postcode=BD1%201HY")  # inside its areas: covering ones too, located or not
        assert (radius, "LA9 4DL") in without and (radius, "BD1 1HY") in without
        assert any(name.startswith("EXAMPLE Group") and location == "" for name, location in without)

    _serve(with_examples, check)


def test_the_web_app_serves_the_api_at_oruk(shared_directory: ServiceDirectory, monkeypatch: pytest.MonkeyPatch) -> None:
    from web.app import Settings, create_app, mount_oruk_api

    monkeypatch.setenv("SIGNPOST_DATABASE_URL", shared_directory.database_url)
    app = create_app(Settings())
    mount_oruk_api(app)

    async def run() -> None:
        async with TestClient(TestServer(app)) as client:
            about = await _json(client, "/oruk/")
            assert about["version"] == "3.0"
            response = await client.get("/oruk/services?per_page=1")
            assert response.status == 200 and (await response.json())["total_items"] == 13
            assert response.headers["X-Content-Type-Options"] == "nosniff"  # the site's headers apply
            assert response.headers["Access-Control-Allow-Origin"] == "*"  # other tools' pages may read it

    run_async(run())


def test_a_label_is_taken_for_a_persons_name_only_when_it_reads_as_one() -> None:
    from directory.oruk_api import names_a_person

    assert names_a_person("Jo Nelson") and names_a_person("Laraine Carr")
    assert not names_a_person("Duty Team") and not names_a_person("referral forms, password protected")
    assert not names_a_person("") and not names_a_person("CJSM")
