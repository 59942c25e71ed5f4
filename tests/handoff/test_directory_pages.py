"""The directory team's console page over HTTP: a bad file's problems by row and field with nothing written, a good
file's preview then its confirm, all or nothing when a write fails, restoring, downloads, and roles."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from html import unescape

import aiohttp
import pytest
from sqlalchemy import text

from directory import db, versions
from directory.csv_format import write_csv
from directory.records import Coverage, ServiceRecord
from directory.transfer import MAX_FILE_BYTES, export_records
from handoff.console.sections import SECTIONS
from handoff.store import HandoffStore
from tests.async_support import run
from tests.handoff.support import add_advisor, console_for

HEADER = "id,name,organisation,source_document,coverage,min_age"
BAD_FILE = (f"{HEADER}\n"
            "fine-one,Fine,Org,test,district: Leeds,\n"
            "bad-place,Bad place,Org,test,district: Leedz,\n"
            "bad-age,Bad age,Org,test,district: Leeds,eighteen\n").encode()


@pytest.fixture
def directory_url(seeded_directory_url: str) -> str:
    """The seed directory (13 services) with the console's tables."""
    db.migrate(seeded_directory_url)
    yield seeded_directory_url
    db.get_engine(seeded_directory_url).dispose()


@pytest.fixture
def accounts(directory_url: str) -> HandoffStore:
    store = HandoffStore(directory_url)
    add_advisor(store, "dee", roles=("directory",))
    add_advisor(store, "dan", roles=("directory",))
    add_advisor(store, "sam", roles=("advisor",))
    add_advisor(store, "cat", roles=("commissioner",))
    return store


def _sessions(url: str):
    return db.session_factory(url)


def _seed(url: str) -> list[ServiceRecord]:
    return versions.current(_sessions(url))


def _good_file(url: str) -> tuple[bytes, ServiceRecord]:
    """The whole directory as the team would send it: first service edited, second as it is, one new, the rest gone."""
    first, second = _seed(url)[:2]
    new = ServiceRecord("leeds-new", "Leeds new programme", "Leeds Org", "test", coverage=[Coverage("district", "Leeds")])
    return write_csv([replace(first, name="Renamed by the team", min_age=21), second, new]).encode(), first


async def _csrf(c) -> str:
    page = await (await c.client.get("/console/directory")).text()
    return page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


async def _upload(c, name: str, content: bytes, mode: str = "keep", csrf: str | None = "auto"):
    form = aiohttp.FormData()
    if csrf is not None:
        form.add_field("csrf_token", await _csrf(c) if csrf == "auto" else csrf)
    form.add_field("mode", mode)
    form.add_field("file", content, filename=name, content_type="text/csv")
    response = await c.client.post("/console/directory/upload", data=form)
    return response.status, await response.text()


def _table(page: str, testid: str) -> list[list[str]]:
    """The body rows of a table on the page, as the text of their cells."""
    body = page.split(f'data-testid="{testid}"', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [[unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


def _token(page: str) -> str:
    return page.split('name="token" value="', 1)[1].split('"', 1)[0]


async def _confirm(c, token: str, csrf: str | None = None):
    return await c.client.post("/console/directory/confirm", data={"csrf_token": csrf or await _csrf(c), "token": token},
                               allow_redirects=False)


def test_a_bad_file_is_listed_by_row_and_field_and_nothing_is_written(directory_url, accounts, hours) -> None:
    before = export_records(_sessions(directory_url), "csv")

    async def scenario():
        async with console_for(directory_url, hours) as c:
            await c.sign_in("dee")
            status, page = await _upload(c, "march.csv", BAD_FILE)
            assert status == 422
            assert "march.csv: 2 problems to fix. Nothing was imported." in unescape(page)
            rows = _table(page, "problem-table")
            assert [row[:3] for row in rows] == [["3", "bad-place", "coverage"], ["4", "bad-age", "min_age"]]
            assert "did you mean 'Leeds'?" in rows[0][3] and rows[0][4].startswith("Write each area as 'kind: Name'")
            assert all(row[4] for row in rows)  # every problem says what to do next
            assert 'data-testid="preview"' not in page and 'name="token"' not in page

            status, page = await _upload(c, "services.xlsx", b"PK\x03\x04")
            assert status == 422 and "should end in .csv or .json" in unescape(page)
            status, page = await _upload(c, "march.csv", _good_file(directory_url)[0], csrf="wrong")
            assert status == 403 and "reload the directory page" in page
        assert [e.action for e in accounts.audit_log(5)][:2] == ["directory_file_refused", "directory_file_refused"]

    run(scenario())
    assert export_records(_sessions(directory_url), "csv") == before
    assert versions.history(_sessions(directory_url)) == []


def test_a_file_over_the_size_limit_is_refused(directory_url, accounts, hours) -> None:
    async def scenario():
        async with console_for(directory_url, hours) as c:
            await c.sign_in("dee")
            status, page = await _upload(c, "huge.csv", HEADER.encode() + b"\n" + b" " * MAX_FILE_BYTES)
            assert status == 422 and "larger than 20 MB" in page

    run(scenario())
    assert versions.history(_sessions(directory_url)) == []


def test_a_good_file_is_previewed_then_confirmed_exactly(directory_url, accounts, hours) -> None:
    content, first = _good_file(directory_url)
    seed = export_records(_sessions(directory_url), "csv")
    removed = len(_seed(directory_url)) - 2

    async def scenario():
        async with console_for(directory_url, hours) as c:
            await c.sign_in("dee")
            status, page = await _upload(c, "whole-directory.csv", content, mode="replace")
            assert status == 200
            assert (f"Importing it would add 1 service, change 1 service and remove {removed} services; 1 service in "
                    "the file stays as it is.") in unescape(page)
            assert _table(page, "preview-added") == [["leeds-new", "Leeds new programme", "Leeds Org"]]
            assert _table(page, f"changed-{first.id}") == [
                ["name", first.name, "Renamed by the team"], ["min_age", str(first.min_age or "(blank)"), "21"]]
            assert len(_table(page, "preview-removed")) == removed
            assert export_records(_sessions(directory_url), "csv") == seed  # nothing written by a preview
            token = _token(page)

            await c.client.post("/console/signout", data={"csrf_token": await _csrf(c)})
            await c.sign_in("dan")
            refused = await _confirm(c, token)
            assert refused.status == 410 and "upload the file again" in await refused.text()
            await c.client.post("/console/signout", data={"csrf_token": await _csrf(c)})
            await c.sign_in("dee")

            done = await _confirm(c, token)
            assert done.status == 303
            page = await (await c.client.get(done.headers["Location"])).text()
            assert f"Imported whole-directory.csv: 1 added, 1 changed, {removed} removed; 3 services now." in unescape(page)
            again = await _confirm(c, token)
            assert again.status == 410  # a preview imports once
        actions = [e.action for e in accounts.audit_log(10)]
        assert "directory_preview" in actions and "directory_import" in actions

    run(scenario())
    after = {r.id: r for r in _seed(directory_url)}
    assert sorted(after) == sorted([first.id, _seed(directory_url)[1].id, "leeds-new"])
    assert after[first.id].name == "Renamed by the team" and after[first.id].min_age == 21
    [version] = versions.history(_sessions(directory_url))
    assert (version.who, version.file_name, version.added, version.changed, version.removed) == (
        "dee", "whole-directory.csv", 1, 1, removed)
    assert version.file_sha256 == hashlib.sha256(content).hexdigest()


def test_a_preview_made_before_the_directory_changed_is_refused(directory_url, accounts, hours) -> None:
    content, _ = _good_file(directory_url)
    seed = _seed(directory_url)

    async def scenario():
        async with console_for(directory_url, hours) as c:
            await c.sign_in("dee")
            _, page = await _upload(c, "mine.csv", content, mode="replace")
            other = ServiceRecord("meanwhile", "Imported meanwhile", "Org", "test", coverage=[Coverage("district", "Leeds")])
            versions.apply(_sessions(directory_url), [other], who="command line", file_name="x.csv", file_sha256="0" * 64)
            refused = await _confirm(c, _token(page))
            assert refused.status == 409
            assert "the directory changed since your preview" in await refused.text()

    run(scenario())
    ids = {r.id for r in _seed(directory_url)}
    assert "meanwhile" in ids and "leeds-new" not in ids and len(ids) == len(seed) + 1


def test_a_write_failing_part_way_through_the_import_leaves_nothing(directory_url, accounts, hours) -> None:
    first, second = _seed(directory_url)[:2]
    new = [ServiceRecord(f"leeds-{n}", f"Leeds {n}", "Leeds Org", "test", coverage=[Coverage("district", "Leeds")])
           for n in ("first", "last")]
    content = write_csv([replace(first, name="Renamed"), new[0], second, new[1]]).encode()
    before = export_records(_sessions(directory_url), "csv")

    async def scenario():
        async with console_for(directory_url, hours) as c:
            await c.sign_in("dee")
            _, page = await _upload(c, "four.csv", content, mode="replace")
            assert "Importing it would add 2 services, change 1 service and remove" in unescape(page)
            with db.get_engine(directory_url).begin() as connection:  # the database refuses the file's last service
                connection.execute(text("CREATE TRIGGER refuse_last BEFORE INSERT ON service WHEN NEW.id = 'leeds-last' "
                                        "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END"))
            failed = await _confirm(c, _token(page))
            assert failed.status == 500
            assert "nothing was changed" in await failed.text()
        assert accounts.audit_log(1)[0].action == "directory_import_failed"

    run(scenario())
    assert export_records(_sessions(directory_url), "csv") == before
    assert versions.history(_sessions(directory_url)) == []


def test_restore_puts_back_the_version_before_the_import(directory_url, accounts, hours) -> None:
    content, _ = _good_file(directory_url)
    seed = export_records(_sessions(directory_url), "csv")
    removed = len(_seed(directory_url)) - 2

    async def scenario():
        async with console_for(directory_url, hours) as c:
            await c.sign_in("dee")
            _, page = await _upload(c, "whole.csv", content, mode="replace")
            await _confirm(c, _token(page))
            imported = export_records(_sessions(directory_url), "csv")
            [version] = versions.history(_sessions(directory_url))
            page = await (await c.client.get("/console/directory")).text()
            assert _table(page, "history")[0][2:9] == ["dee", "Import", f"whole.csv{version.file_sha256}", "1", "1",
                                                       str(removed), "3"]

            done = await c.client.post(f"/console/directory/versions/{version.id}/restore",
                                       data={"csrf_token": await _csrf(c)}, allow_redirects=False)
            assert done.status == 303
            page = unescape(await (await c.client.get(done.headers["Location"])).text())
            assert f"Restored the version before import {version.id} (whole.csv): {removed} added, 1 changed" in page
            assert export_records(_sessions(directory_url), "csv") == seed

            latest = versions.history(_sessions(directory_url))[0]
            await c.client.post(f"/console/directory/versions/{latest.id}/restore", data={"csrf_token": await _csrf(c)})
            assert export_records(_sessions(directory_url), "csv") == imported  # the restore undone

            missing = await c.client.post("/console/directory/versions/999/restore", data={"csrf_token": await _csrf(c)})
            assert missing.status == 404 and "choose one from the import history" in await missing.text()
        assert [e.action for e in accounts.audit_log(2)] == ["directory_restore", "directory_restore"]

    run(scenario())


def test_the_directory_downloads_in_both_formats(directory_url, accounts, hours) -> None:
    sessions = _sessions(directory_url)

    async def scenario():
        async with console_for(directory_url, hours) as c:
            await c.sign_in("dee")
            csv_file = await c.client.get("/console/directory/download/csv")
            assert csv_file.status == 200 and csv_file.content_type == "text/csv"
            assert re.fullmatch(r'attachment; filename="signpost-directory-\d{4}-\d\d-\d\d\.csv"',
                                csv_file.headers["Content-Disposition"])
            assert await csv_file.text() == export_records(sessions, "csv")
            oruk = await c.client.get("/console/directory/download/oruk")
            assert oruk.status == 200 and oruk.headers["Content-Disposition"].endswith('.json"')
            assert json.loads(await oruk.text()) == json.loads(export_records(sessions, "oruk"))
            assert (await c.client.get("/console/directory/download/xml")).status == 404
        assert [e.action for e in accounts.audit_log(2)] == ["directory_download", "directory_download"]

    run(scenario())


ROUTES = [("get", "/console/directory"), ("post", "/console/directory/upload"), ("post", "/console/directory/confirm"),
          ("post", "/console/directory/versions/1/restore"), ("get", "/console/directory/download/csv"),
          ("get", "/console/directory/download/oruk")]


@pytest.mark.parametrize("username", ["sam", "cat"])
def test_an_advisor_or_a_commissioner_is_refused_every_directory_route(directory_url, accounts, hours, username) -> None:
    async def scenario():
        async with console_for(directory_url, hours) as c:
            await c.sign_in(username)
            for method, path in ROUTES:
                response = await getattr(c.client, method)(path, allow_redirects=False)
                body = unescape(await response.text())
                assert response.status == 403, (method, path)
                assert "doesn't have the directory role" in body and "Leeds" not in body

    run(scenario())


def test_a_signed_out_request_gets_nothing(directory_url, accounts, hours) -> None:
    async def scenario():
        async with console_for(directory_url, hours) as c:
            for method, path in ROUTES:
                response = await getattr(c.client, method)(path, allow_redirects=False)
                assert response.status == 303 and response.headers["Location"].endswith("/console/signin"), path
                assert "Your Choice" not in await response.text()

    run(scenario())


def test_a_directory_account_sees_its_pages_and_not_the_chats(directory_url, accounts, hours) -> None:
    async def scenario():
        async with console_for(directory_url, hours) as c:
            await c.sign_in("dee")
            index = await c.client.get("/console/", allow_redirects=False)
            assert index.headers["Location"].endswith("/console/directory")
            assert (await c.get("queue")).status == 403
            page = await (await c.client.get("/console/directory")).text()
            assert 'data-testid="upload-form"' in page and "No imports from the console" in page
            others = [s.route for s in SECTIONS if s.role not in ("directory", "advisor")
                      and s.route in c.app.router.named_resources()]
            assert "accounts_page" in others  # and the commissioners' page, where this console serves it
            for route in others:
                assert (await c.client.get(str(c.app.router[route].url_for()))).status == 403, route

    run(scenario())
