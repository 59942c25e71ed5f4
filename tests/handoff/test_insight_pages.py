"""Demand and gaps in the console: only commissioners reach it (and commissioners reach no chat), a
signed-out request gets nothing, and the CSV download holds the figures of the page's table."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import date

from directory import db
from insight.recording import CountedSearch, record_search
from insight.report import build_report, load_rows
from insight.tables import HEADINGS, area_rows
from tests.async_support import run
from tests.handoff.support import add_advisor


def _counts(url: str) -> None:
    engine = db.get_engine(url)
    for times, la, force, found in ((15, "Nottingham", "Nottinghamshire Police", True),
                                    (12, "Cornwall", "Devon and Cornwall Police", False),
                                    (4, "Highland", "Police Scotland", False)):
        for _ in range(times):
            record_search(engine, CountedSearch(date(2026, 3, 3), la, force, found, "", True, False))


def _table_rows(page: str, testid: str) -> list[list[str]]:
    table = page.split(f'data-testid="{testid}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S)
    return [[html.unescape(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)] for row in rows]


def test_a_commissioner_sees_the_suppressed_table_charts_and_the_same_csv(console_factory, store, handoff_url):
    add_advisor(store, "cass", roles=("commissioner",))
    _counts(handoff_url)

    async def scenario():
        async with console_factory() as c:
            await c.sign_in("cass")
            landing = await c.client.get("/console/", allow_redirects=False)
            assert landing.status == 303 and landing.headers["Location"].endswith("/insight")
            page = await (await c.client.get("/console/insight")).text()
            assert 'data-testid="chart-unmet"' in page and 'data-testid="chart-hours"' in page
            rows = _table_rows(page, "area-table")
            assert [row[0] for row in rows] == ["Cornwall", "Highland", "Nottingham", "All areas"]
            assert rows[1][2] == "fewer than 10"  # Highland: 4 searches
            download = await c.client.get("/console/insight/report.csv")
            assert download.status == 200 and download.content_type == "text/csv"
            assert "attachment" in download.headers["Content-Disposition"]
            parsed = list(csv.reader(io.StringIO(await download.text())))
            assert tuple(parsed[0]) == HEADINGS and parsed[1:] == rows
            assert parsed[1:] == area_rows(build_report(load_rows(db.get_engine(handoff_url)), 10))
            assert [e.action for e in store.audit_log(2)] == ["download_insight", "view_insight"]

    run(scenario())


def test_a_commissioner_reaches_no_chat_and_an_advisor_or_directory_account_no_figures(console_factory, store):
    add_advisor(store, "cass", roles=("commissioner",))
    add_advisor(store, "sam")
    add_advisor(store, "dee", roles=("directory",))

    async def scenario():
        async with console_factory() as c:
            await c.sign_in("cass")
            assert (await c.get("queue")).status == 403
            assert (await c.get("callbacks")).status == 403
        for username in ("sam", "dee"):
            async with console_factory() as c:
                await c.sign_in(username)
                page = await c.client.get("/console/insight")
                assert page.status == 403 and "commissioner role" in await page.text()
                download = await c.client.get("/console/insight/report.csv")
                assert download.status == 403 and "Nottingham" not in await download.text()

    run(scenario())


def test_signed_out_requests_get_no_figures(console_factory, store, handoff_url):
    _counts(handoff_url)

    async def scenario():
        async with console_factory() as c:
            for path in ("/console/insight", "/console/insight/report.csv"):
                response = await c.client.get(path, allow_redirects=False)
                assert response.status in (303, 401)
                assert response.status == 401 or response.headers["Location"].endswith("/console/signin")
                assert "Nottingham" not in await response.text()

    run(scenario())


def test_the_page_says_when_nothing_is_counted_yet(console_factory, store):
    add_advisor(store, "cass", roles=("commissioner",))

    async def scenario():
        async with console_factory() as c:
            await c.sign_in("cass")
            page = await (await c.client.get("/console/insight")).text()
            assert re.search(r'data-testid="insight-empty"\s*>', page)  # shown, not hidden
            assert 'data-testid="area-table"' not in page

    run(scenario())
