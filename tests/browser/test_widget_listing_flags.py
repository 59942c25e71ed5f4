"""'This listing is wrong?' in headless Chromium: a worker flags a card from the widget (on an advice site of
another origin, through CORS), sees the confirmation, and the flag reaches the directory team's list in the
console, where it is closed with a note. Real web app, console and SQLite directory; no Rasa needed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from aiohttp import web
from playwright.sync_api import expect

from directory import db, store
from directory.listing_flags import open_flags
from handoff.console import create_console_app, mount_console
from handoff.hours import parse_hours
from handoff.settings import HandoffSettings
from handoff.store import HandoffStore
from tests.browser.conftest import AppServer
from tests.handoff.support import HOURS_YAML, PASSWORD, add_advisor
from web.app import Settings, create_app

pytestmark = pytest.mark.browser

NO_RASA = ("WebSocket connection to", "ERR_CONNECTION_REFUSED")


def card_for(url: str) -> dict:
    with db.session_factory(url)() as session:
        record = store.load(session, store.all_ids(session)[0])
    return {"type": "service_cards", "more": False,
            "cards": [{"service_id": record.id, "name": record.name, "organisation": record.organisation,
                       "coverage": "local", "contacts": [], "contact_note": "Ask the provider.",
                       "checked": "The directory doesn't say when this was last checked: check with the provider "
                                  "before referring."}]}


@pytest.fixture
def servers() -> Iterator[list[AppServer]]:
    started: list[AppServer] = []
    yield started
    for server in reversed(started):
        server.stop()


def advice_site(signpost: str, rasa_url: str) -> web.Application:
    """Another organisation's page embedding the widget from the Signpost web app's origin."""
    page = (f'<!doctype html><html lang="en"><head><title>Advice</title></head><body><main><h1>Advice</h1></main>'
            f'<script src="{signpost}/static/signpost-widget.js" data-server-url="{rasa_url}" defer></script>'
            "</body></html>")

    async def index(request: web.Request) -> web.Response:
        return web.Response(text=page, content_type="text/html")

    app = web.Application()
    app.router.add_get("/", index)
    return app


def test_a_worker_flags_a_card_on_another_sites_page_and_is_thanked(
        seeded_directory_url, unreachable_rasa_url, servers, new_page, widget):
    site = AppServer(web.Application())  # bound now, so its origin is known before the Signpost app is made
    signpost = AppServer(create_app(Settings(rasa_url=unreachable_rasa_url, site_origin=site.url),
                                    database_url=seeded_directory_url))
    site.app = advice_site(signpost.url, unreachable_rasa_url)
    servers.extend([signpost.start(), site.start()])
    cards = card_for(seeded_directory_url)
    name = cards["cards"][0]["name"]

    page, watch = new_page(site.url + "/")
    widget.open(page)
    widget.render(page, cards)
    card = page.get_by_role("article", name=name)
    expect(card.locator("[data-sp=checked]")).to_have_text(cards["cards"][0]["checked"])
    toggle = card.get_by_role("button", name="This listing is wrong?")
    toggle.focus()
    page.keyboard.press("Enter")  # keyboard only
    expect(toggle).to_have_attribute("aria-expanded", "true")
    box = card.get_by_role("textbox", name="What is wrong with this listing? A few words.")
    expect(box).to_be_focused()
    assert box.get_attribute("aria-describedby")
    expect(card.locator(f"#{box.get_attribute('aria-describedby')}")).to_have_text("No names or personal details, please.")
    page.keyboard.press("Escape")  # closes the little form, not the chat
    expect(toggle).to_be_focused()
    expect(widget.dialog(page)).to_be_visible()
    page.keyboard.press("Enter")
    page.keyboard.type("Phone number is out of date, call me on 07700 900456")
    card.get_by_role("button", name="Send").click()
    expect(card.get_by_role("status")).to_have_text("Thanks: the directory team will check it.")
    expect(card.get_by_role("status")).to_be_focused()
    expect(toggle).to_be_hidden()
    watch.assert_clean(allow_console=NO_RASA)
    # Nothing of it is kept in the conversation's storage.
    assert "Phone number is out of date" not in page.evaluate("() => JSON.stringify(sessionStorage)")

    with db.session_factory(seeded_directory_url)() as session:
        [group] = open_flags(session)
    assert [f.what_is_wrong for f in group.flags] == ["Phone number is out of date, call me on [phone number removed]"]


def test_a_site_not_allowed_cannot_send_a_flag_and_the_worker_is_told(
        seeded_directory_url, unreachable_rasa_url, servers, new_page, widget):
    site = AppServer(web.Application())
    signpost = AppServer(create_app(Settings(rasa_url=unreachable_rasa_url), database_url=seeded_directory_url))
    site.app = advice_site(signpost.url, unreachable_rasa_url)
    servers.extend([signpost.start(), site.start()])
    cards = card_for(seeded_directory_url)

    page, _ = new_page(site.url + "/")
    widget.open(page)
    widget.render(page, cards)
    card = page.get_by_role("article", name=cards["cards"][0]["name"])
    card.get_by_role("button", name="This listing is wrong?").click()
    card.get_by_role("textbox").fill("Closed down")
    card.get_by_role("button", name="Send").click()
    expect(card.get_by_role("status")).to_have_text("It couldn't be sent just now: please try again in a moment.")
    expect(card.get_by_role("textbox")).to_be_focused()
    with db.session_factory(seeded_directory_url)() as session:
        assert open_flags(session) == []


def test_a_flagged_listing_reaches_the_directory_teams_list_and_is_closed(
        seeded_directory_url, unreachable_rasa_url, servers, new_page, widget, axe):
    handoff = HandoffStore(seeded_directory_url)
    add_advisor(handoff, "dee", display="Dee", roles=("directory",))
    app = create_app(Settings(rasa_url=unreachable_rasa_url), database_url=seeded_directory_url)
    settings = HandoffSettings(database_url=seeded_directory_url, secure_cookie=False)
    mount_console(app, create_console_app(seeded_directory_url, unreachable_rasa_url, "x" * 32, settings=settings,
                                          hours=parse_hours(HOURS_YAML, "test-hours.yml"), run_relay=False, migrate=False))
    base = AppServer(app)
    servers.append(base.start())
    cards = card_for(seeded_directory_url)
    service_id, name = cards["cards"][0]["service_id"], cards["cards"][0]["name"]

    page, watch = new_page(base.url + "/")
    widget.open(page)
    widget.render(page, cards)
    card = page.get_by_role("article", name=name)
    card.get_by_role("button", name="This listing is wrong?").click()
    axe(page, "[data-signpost-widget]")  # the open flag form (same origin: axe reads the stylesheets)
    card.get_by_role("textbox").fill("The service closed in April")
    card.get_by_role("button", name="Send").click()
    expect(card.get_by_role("status")).to_have_text("Thanks: the directory team will check it.")
    watch.assert_clean(allow_console=NO_RASA)

    console, _ = new_page(base.url + "/console/signin")
    console.fill("#username", "dee")
    console.fill("#password", PASSWORD)
    with console.expect_navigation():
        console.click("button[type=submit]")
    console.goto(base.url + "/console/listings")
    expect(console.get_by_role("heading", name="Listings to check")).to_be_visible()
    group = console.get_by_test_id(f"flags-{service_id}")
    expect(group.get_by_role("heading")).to_have_text(f"{name}: 1 open flag")
    expect(group).to_contain_text("The service closed in April")
    expect(console.get_by_test_id(f"review-{service_id}")).to_contain_text("Due for review")
    axe(console)
    group.get_by_role("textbox", name="Note").fill("Removed from the directory")
    group.get_by_role("button", name="Close with a note").click()
    expect(console.get_by_test_id("review-done")).to_have_text(f"Closed a flag on {service_id}.")
    expect(console.get_by_test_id("no-flags")).to_be_visible()
    console.get_by_role("button", name=f"Mark as checked today: {name}").click()
    expect(console.get_by_test_id("review-done")).to_have_text(f"Marked {service_id} as checked today.")
    expect(console.get_by_test_id(f"review-{service_id}")).to_contain_text("Up to date")
    assert [e.action for e in handoff.audit_log(3)][:2] == ["mark_listing_checked", "close_listing_flag"]
