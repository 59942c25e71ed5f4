"""Demand and gaps in headless Chromium: a commissioner signs in, lands on the page, sees the charts
(drawn under the console's strict content security policy), reads the table and downloads the same
figures as CSV; the page passes axe-core and fits a phone's width."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from aiohttp import web

from directory import db
from handoff.console import create_console_app, mount_console
from handoff.settings import HandoffSettings
from insight.recording import CountedSearch, record_search
from tests.browser_support import script_errors
from tests.handoff.support import PASSWORD, FakeRasa, add_advisor
from tests.handoff.test_console_browser import AXE_JS, PHONE, Served, axe_check

pytestmark = pytest.mark.browser


def _counts(url: str) -> None:
    engine = db.get_engine(url)
    for times, day, la, force, found, filters, ooh in (
            (15, date(2026, 3, 3), "Nottingham", "Nottinghamshire Police", True, "", False),
            (12, date(2026, 4, 7), "Nottingham", "Nottinghamshire Police", True, "", True),
            (11, date(2026, 3, 4), "Cornwall", "Devon and Cornwall Police", False, "intervention_type:high_risk", False),
            (14, date(2026, 4, 8), "Cornwall", "Devon and Cornwall Police", False, "", True),
            (4, date(2026, 3, 5), "Highland", "Police Scotland", False, "", False)):
        for _ in range(times):
            record_search(engine, CountedSearch(day, la, force, found, filters, not filters, ooh))


def _open(browser, base: str, viewport: dict[str, int] | None = None):
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 800}, locale="en-GB",
                                  accept_downloads=True)
    context.add_init_script(path=str(AXE_JS))
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors = script_errors(page)
    page.on("response", lambda response: errors.append(f"{response.status} {response.url}")
            if response.status >= 400 and not response.url.endswith("/favicon.ico") else None)
    page.goto(base)
    page.fill("#username", "cass")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "insight")
    return context, page, errors


def test_a_commissioner_reads_the_charts_and_table_and_downloads_the_csv(handoff_url, hours, store, browser):
    add_advisor(store, "cass", display="Cass", roles=("commissioner",))
    _counts(handoff_url)
    served = Served()
    try:
        rasa_url = served.serve(FakeRasa().app())
        settings = HandoffSettings(database_url=handoff_url, secure_cookie=False)
        root = web.Application()
        mount_console(root, create_console_app(handoff_url, rasa_url, FakeRasa().token, settings=settings,
                                               hours=hours, run_relay=False))
        base = served.serve(root) + "/console/"
        context, page, errors = _open(browser, base)
        try:
            for name in ("unmet", "filters", "hours"):
                chart = page.locator(f"[data-testid=chart-{name}]")
                assert chart.is_visible() and chart.bounding_box()["height"] > 100
                assert page.get_attribute(f"[data-testid=chart-{name}]", "role") == "img"
            assert "Searches that found nothing local" in page.text_content("#unmet-title")
            rows = page.eval_on_selector_all(
                "[data-testid=area-table] tbody tr",
                "rows => rows.map(r => Array.from(r.children).map(c => c.textContent.trim()))")
            by_area = {row[0]: row for row in rows}
            assert by_area["Highland"][2] == "fewer than 10"
            assert list(by_area) == ["Cornwall", "Highland", "Nottingham", "All areas"]
            page.click("#unmet-heading + .chart + details summary")
            assert page.is_visible("[data-testid=unmet-table]")
            with page.expect_download() as download_info:
                page.click("[data-testid=insight-csv]")
            download = download_info.value
            assert download.suggested_filename == "signpost-demand-and-gaps.csv"
            parsed = list(csv.reader(io.StringIO(open(download.path(), encoding="utf-8").read())))
            assert parsed[1:] == rows
            axe_check(page, "the commissioners' page")
            assert not errors, errors
        finally:
            context.close()
        context, page, errors = _open(browser, base, PHONE)
        try:
            width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            assert width[0] <= width[1] + 1, width  # charts shrink to the phone; wide tables scroll in their box
            box = page.locator("[data-testid=chart-hours]").bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
            axe_check(page, "the commissioners' page on a phone")
        finally:
            context.close()
    finally:
        served.close()
