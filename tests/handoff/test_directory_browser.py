"""The directory page in headless Chromium at a phone's width: a bad file's problems, a good file's preview and
confirm, then restoring the version before it; axe-core finds nothing serious at each step."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from aiohttp import web

from directory import db, versions
from directory.csv_format import write_csv
from directory.records import Coverage, ServiceRecord
from directory.transfer import export_records
from handoff.console import create_console_app, mount_console
from handoff.settings import HandoffSettings
from handoff.store import HandoffStore
from tests.browser_support import script_errors
from tests.handoff.support import PASSWORD, add_advisor
from tests.handoff.test_console_browser import AXE_JS, PHONE, Served, axe_check

pytestmark = pytest.mark.browser
FOCUS_YELLOW = "rgb(255, 221, 0)"


@pytest.fixture
def console_url(seeded_directory_url: str, hours) -> Iterator[str]:
    """The real console on a loopback port, over the seed directory, with a directory-team account."""
    db.migrate(seeded_directory_url)
    add_advisor(HandoffStore(seeded_directory_url), "dee", display="Dee", roles=("directory",))
    served = Served()
    try:
        settings = HandoffSettings(database_url=seeded_directory_url, secure_cookie=False)
        root = web.Application()
        mount_console(root, create_console_app(seeded_directory_url, "http://127.0.0.1:9", "x" * 32, settings=settings,
                                               hours=hours, run_relay=False))
        yield served.serve(root) + "/console/"
    finally:
        served.close()
        db.get_engine(seeded_directory_url).dispose()


def _files(folder: Path, url: str) -> tuple[Path, Path, Path]:
    seed = versions.current(db.session_factory(url))
    bad = folder / "bad.csv"
    bad.write_text("id,name,organisation,source_document,coverage\nbad-place,Bad place,Org,test,district: Leedz\n",
                   encoding="utf-8")
    good = folder / "whole-directory.csv"
    new = ServiceRecord("leeds-new", "Leeds new programme", "Leeds Org", "test", coverage=[Coverage("district", "Leeds")])
    good.write_text(write_csv([replace(seed[0], name="Renamed by the team"), seed[1], new]), encoding="utf-8")
    wrong = folder / "services.xlsx"
    wrong.write_bytes(b"PK\x03\x04")
    return bad, good, wrong


def _fits_the_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_bad_file_then_preview_confirm_and_restore_at_a_phones_width(console_url, seeded_directory_url, browser,
                                                                     tmp_path) -> None:
    bad, good, wrong = _files(tmp_path, seeded_directory_url)
    seed = export_records(db.session_factory(seeded_directory_url), "csv")
    context = browser.new_context(viewport=PHONE, locale="en-GB", timezone_id="Europe/London")
    context.add_init_script(path=str(AXE_JS))
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        errors = script_errors(page)
        page.goto(console_url)
        page.fill("#username", "dee")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/console/directory")
        axe_check(page, "the directory page")
        assert _fits_the_width(page)

        page.set_input_files("#directory-file", str(wrong))  # refused in the page, before it is sent
        page.click("[data-testid=check-file]")
        assert "is not a .csv or .json file" in page.inner_text("[data-testid=upload-error]")
        assert page.evaluate("document.activeElement.id") == "directory-file"
        page.keyboard.press("Tab")  # to the choices (one stop for the group)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.dataset.testid") == "check-file"
        assert page.evaluate("getComputedStyle(document.activeElement).backgroundColor") == FOCUS_YELLOW

        page.set_input_files("#directory-file", str(bad))
        page.click("[data-testid=check-file]")
        page.wait_for_selector("[data-testid=problems]")
        assert page.evaluate("document.activeElement.id") == "outcome-heading"
        assert "bad.csv: 1 problem to fix. Nothing was imported." in page.inner_text("#outcome-heading")
        cells = page.locator("[data-testid=problem-table] tbody tr").first.locator("td").all_inner_texts()
        assert cells[:3] == ["2", "bad-place", "coverage"] and "did you mean 'Leeds'?" in cells[3]
        axe_check(page, "a bad file's problems")
        assert _fits_the_width(page)

        page.set_input_files("#directory-file", str(good))
        page.check("#mode-replace")
        page.click("[data-testid=check-file]")
        page.wait_for_selector("[data-testid=preview]")
        assert "would add 1 service, change 1 service and remove" in page.inner_text("[data-testid=preview-summary]")
        assert page.inner_text("[data-testid=preview-added]").count("leeds-new") == 1
        axe_check(page, "the preview")
        assert _fits_the_width(page)
        assert export_records(db.session_factory(seeded_directory_url), "csv") == seed

        page.click("[data-testid=confirm]")
        page.wait_for_selector("[data-testid=directory-done] >> text=Imported whole-directory.csv")
        [version] = versions.history(db.session_factory(seeded_directory_url))
        assert {r.id for r in versions.current(db.session_factory(seeded_directory_url))} >= {"leeds-new"}
        assert "dee" in page.inner_text(f"[data-testid=version-{version.id}]")
        axe_check(page, "the history after an import")

        page.click(f"[data-testid=restore-{version.id}]")
        page.wait_for_selector(f"[data-testid=directory-done] >> text=Restored the version before import {version.id}")
        assert export_records(db.session_factory(seeded_directory_url), "csv") == seed
        assert _fits_the_width(page)
        assert not errors, errors
    finally:
        context.close()
