"""End to end: the demo site's widget in headless Chromium against the real Rasa + action server + web app.

Needs the `live_stack` fixture (tests/conftest.py): an object with `.web_url` (the demo site) and
`.rasa_url` (the Rasa server the site's widget talks to), started before the test and stopped after.
Screenshots go to test-artifacts/. A missing fixture is an error, never a skip: a renamed fixture
must not quietly turn this file off.
"""

from __future__ import annotations

import re
import uuid
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from directory import db
from handoff import texts
from handoff.service import HandoffService
from handoff.settings import HandoffSettings
from tests.handoff.support import PASSWORD, add_advisor, sign_out_everywhere
from tests.production.support import tracker_events

pytestmark = [pytest.mark.browser, pytest.mark.conversation]

NOTTINGHAM = "what's available in Nottingham?"
REPLY_TIMEOUT = 60_000  # the first message after start-up can be slow on a 2-core machine
YOUR_CHOICE = re.compile(r"\bYour Choice\b", re.IGNORECASE)


@pytest.fixture
def stack(live_stack):
    """The running stack; asking for it by name makes a missing `live_stack` fail every test here."""
    for part in ("web_url", "rasa_url", "rasa_api_url", "token", "database_url"):
        assert getattr(live_stack, part, None), f"the live stack has no {part}"
    return live_stack


def connected(page, widget) -> None:
    widget.open(page)
    page.wait_for_function("() => window.SignpostWidget._connected()", timeout=REPLY_TIMEOUT)
    expect(widget.status(page)).to_have_text("")


def replies(page):
    return page.locator("[data-sp=log] [data-from=bot], [data-sp=log] [data-from=advisor]")


def ask(page, widget, text: str, *, keyboard: bool = False) -> None:
    """Type a message and wait until the bot has answered it."""
    before = replies(page).count()
    if keyboard:
        page.keyboard.type(text)
        page.keyboard.press("Enter")
    else:
        widget.input(page).fill(text)
        widget.input(page).press("Enter")
    expect(widget.log(page).locator("[data-from=user]").last).to_contain_text(text)
    expect(replies(page)).not_to_have_count(before, timeout=REPLY_TIMEOUT)


def your_choice_card(page):
    card = page.get_by_role("article", name=YOUR_CHOICE).first
    expect(card).to_be_visible(timeout=REPLY_TIMEOUT)
    return card


def quick_replies(page):
    group = page.get_by_role("group", name="Suggested replies").last
    expect(group, "the bot offered no buttons after the search").to_be_visible(timeout=REPLY_TIMEOUT)
    return group.get_by_role("button")


def test_search_shows_a_your_choice_card_and_a_button_works(stack, new_page, widget):
    page, watch = new_page(stack.web_url + "/")
    connected(page, widget)
    ask(page, widget, NOTTINGHAM)
    card = your_choice_card(page)
    expect(card.get_by_role("heading", level=3)).to_have_text(YOUR_CHOICE)
    expect(card).to_contain_text("Local service")
    hrefs = card.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert all(re.match(r"^(https?|tel|mailto):", h) for h in hrefs), hrefs
    for message in replies(page).all():
        expect(message.locator("time[datetime]")).to_have_count(1)

    buttons = quick_replies(page)
    # The reply opens at its start: its first message is in view, not only the buttons at its end.
    first = widget.log(page).locator("[data-from=user]").last.locator("xpath=following-sibling::*[1]")
    expect(first.locator(".sp-meta")).to_be_in_viewport()
    title = buttons.first.inner_text().strip()
    before = replies(page).count()
    buttons.first.click()
    expect(widget.log(page).locator("[data-from=user]").last).to_contain_text(title)
    expect(replies(page)).not_to_have_count(before, timeout=REPLY_TIMEOUT)
    watch.assert_clean()


def test_typing_indicator_shows_while_the_bot_answers(stack, new_page, widget):
    page, watch = new_page(stack.web_url + "/")
    connected(page, widget)
    before = replies(page).count()
    shown = page.evaluate(
        "() => { window.SignpostWidget.send('hello'); return !document.querySelector('[data-sp=typing]').hidden; }"
    )
    assert shown, "no typing indicator after sending"
    expect(replies(page)).not_to_have_count(before, timeout=REPLY_TIMEOUT)
    expect(page.locator("[data-sp=typing]")).to_be_hidden()
    watch.assert_clean()


def test_history_is_kept_across_reload_and_pages_and_start_again_clears_it(stack, new_page, widget):
    page, watch = new_page(stack.web_url + "/")
    connected(page, widget)
    ask(page, widget, NOTTINGHAM)
    your_choice_card(page)
    session = widget.state(page)["sessionId"]
    shown = widget.log(page).locator("[data-sp=message]").count()

    page.reload()
    connected(page, widget)
    your_choice_card(page)
    expect(widget.log(page).locator("[data-sp=message]")).to_have_count(shown)
    assert widget.state(page)["sessionId"] == session
    ask(page, widget, "thanks")  # the same conversation carries on after the reload

    page.goto(stack.web_url + "/about")
    connected(page, widget)
    your_choice_card(page)
    assert widget.state(page)["sessionId"] == session

    page.get_by_role("button", name="Start again").click()
    expect(widget.log(page).locator("[data-sp=message]")).to_have_count(0)
    page.wait_for_function("(old) => window.SignpostWidget._state().sessionId !== old", arg=session)
    page.wait_for_function("() => window.SignpostWidget._connected()", timeout=REPLY_TIMEOUT)
    new_session = widget.state(page)["sessionId"]
    ask(page, widget, NOTTINGHAM)  # a new conversation works straight away
    your_choice_card(page)
    assert widget.state(page)["sessionId"] == new_session

    page.reload()
    connected(page, widget)
    assert widget.state(page)["sessionId"] == new_session
    assert_server_restarted(stack, session)
    watch.assert_clean()


def assert_server_restarted(stack, session_id: str) -> None:
    """Rasa restarted the old conversation (its tracker, read with the stack's API token)."""
    events = tracker_events(stack.rasa_api_url, session_id, stack.token)
    assert any(e.get("event") == "restart" for e in events), "Rasa did not restart the old conversation"


def test_keyboard_only(stack, new_page, widget):
    page, watch = new_page(stack.web_url + "/")
    widget.ready(page)
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('[data-sp=launcher]')"):
            break
    else:
        pytest.fail("Tab never reached the chat launcher")
    page.keyboard.press("Enter")
    expect(widget.input(page)).to_be_focused()
    page.wait_for_function("() => window.SignpostWidget._connected()", timeout=REPLY_TIMEOUT)
    ask(page, widget, NOTTINGHAM, keyboard=True)
    your_choice_card(page)
    quick_replies(page)
    for _ in range(60):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("() => document.activeElement.classList.contains('sp-quick-button')"):
            break
    else:
        pytest.fail("Shift+Tab never reached a suggested reply")
    title = page.evaluate("() => document.activeElement.textContent").strip()
    page.keyboard.press("Enter")
    expect(widget.log(page).locator("[data-from=user]").last).to_contain_text(title)
    expect(widget.input(page)).to_be_focused()
    page.keyboard.press("Escape")
    expect(widget.dialog(page)).to_be_hidden()
    expect(widget.launcher(page)).to_be_focused()
    watch.assert_clean()


@pytest.mark.parametrize("width,height", [(320, 640), (1280, 800)])
def test_accessibility_check_and_screenshots(stack, new_page, widget, axe, artifacts_dir, width, height):
    page, watch = new_page(stack.web_url + "/", width=width, height=height)
    connected(page, widget)
    ask(page, widget, NOTTINGHAM)
    card = your_choice_card(page)
    quick_replies(page)
    axe(page)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), "sideways scrolling"
    page.screenshot(path=str(artifacts_dir / f"webchat-live-{width}px.png"))
    card.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts_dir / f"webchat-live-{width}px-card.png"))
    watch.assert_clean()


def test_reconnects_after_a_dropped_connection(stack, new_page, widget):
    page, watch = new_page(stack.web_url + "/")
    connected(page, widget)
    session = widget.state(page)["sessionId"]
    page.evaluate("() => window.SignpostWidget._socket().io.engine.close()")  # the network drops
    expect(widget.status(page)).to_contain_text("Reconnecting", timeout=5_000)
    page.wait_for_function("() => window.SignpostWidget._connected()", timeout=REPLY_TIMEOUT)
    expect(widget.status(page)).to_have_text("")
    assert widget.state(page)["sessionId"] == session
    ask(page, widget, NOTTINGHAM)
    your_choice_card(page)
    watch.assert_clean()


def test_the_site_works_at_localhost_as_well_as_127_0_0_1(stack, new_page, widget):
    """The README says http://localhost:8000/: Rasa's CORS must let that origin in too."""
    port = urlsplit(stack.web_url).port
    page, watch = new_page(f"http://localhost:{port}/")
    connected(page, widget)
    ask(page, widget, NOTTINGHAM)
    your_choice_card(page)
    expect(widget.status(page)).not_to_contain_text("Can't reach")
    watch.assert_clean()


def test_quick_exit_leaves_no_conversation_behind_back(stack, new_page, widget):
    page, watch = new_page(stack.web_url + "/")
    connected(page, widget)
    ask(page, widget, NOTTINGHAM)
    your_choice_card(page)
    old_session = widget.state(page)["sessionId"]
    page.goto(stack.web_url + "/about")
    connected(page, widget)
    your_choice_card(page)

    page.get_by_role("button", name="Leave this site quickly").click()
    page.wait_for_url("https://www.bbc.co.uk/weather")
    page.go_back()
    page.wait_for_url(stack.web_url + "/")
    connected(page, widget)
    expect(widget.log(page).locator("[data-sp=message]")).to_have_count(0)
    expect(widget.dialog(page).get_by_text(NOTTINGHAM)).to_have_count(0)  # the page itself quotes it
    assert widget.state(page)["sessionId"] != old_session, "the old session id came back"
    ask(page, widget, "hello")  # a new conversation, with nothing of the old one
    expect(page.get_by_role("article", name=YOUR_CHOICE)).to_have_count(0)
    watch.assert_clean()


@pytest.fixture
def advisor(stack):
    """An advisor called Sam in the stack's own database, who can sign in to its console."""
    db.migrate(stack.database_url)
    service = HandoffService(settings=HandoffSettings(database_url=stack.database_url, secure_cookie=False))
    sam = add_advisor(service.store, f"sam-{uuid.uuid4().hex[:6]}", display="Sam")
    yield service, sam
    sign_out_everywhere(stack.database_url, sam.id)  # the next tests expect nobody on shift


def sign_in_to_console(page, stack, username: str) -> str:
    """Sign in through the console's real form; returns the CSRF token its API wants."""
    page.goto(stack.web_url + "/console/signin")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/console/?$"))
    return page.evaluate("async () => (await (await fetch('/console/api/me')).json()).csrf_token")


def console_post(page, path: str, csrf: str, body: dict | None = None) -> int:
    return page.evaluate(
        """async ([path, csrf, body]) => (await fetch(path, {method: 'POST',
             headers: {'X-CSRF-Token': csrf, 'Content-Type': 'application/json'},
             body: JSON.stringify(body || {})})).status""",
        [path, csrf, body],
    )


def typing_after_sending(page, text: str) -> bool:
    """Send, and read the typing line in the same task, before any reply can hide it."""
    return page.evaluate(
        "(text) => { window.SignpostWidget.send(text); return !document.querySelector('[data-sp=typing]').hidden; }",
        text,
    )


def test_hand_off_shows_a_person_has_the_chat_and_the_worker_can_end_it(stack, new_page, widget, advisor):
    service, sam = advisor
    console, _ = new_page()
    csrf = sign_in_to_console(console, stack, sam.username)
    page, watch = new_page(stack.web_url + "/")
    connected(page, widget)
    ask(page, widget, "hello")
    ask(page, widget, "can I talk to someone please?")
    bar = page.locator("[data-sp=handoff]")
    expect(bar).to_contain_text("waiting for an advisor", timeout=REPLY_TIMEOUT)
    expect(page.locator("[data-sp=typing]")).to_be_hidden()
    assert not typing_after_sending(page, "is anyone there?"), "'typing' while the worker waits for a person"

    request = service.store.open_request_for(widget.state(page)["sessionId"])
    assert request is not None, "the bot did not queue the chat"
    assert console_post(console, f"/console/api/handoffs/{request.id}/claim", csrf) == 200
    expect(bar).to_contain_text("You're chatting with Sam, an advisor (a person)", timeout=REPLY_TIMEOUT)
    assert console_post(console, f"/console/api/handoffs/{request.id}/reply", csrf, {"text": "Hi, Sam here."}) == 200
    expect(widget.log(page).locator("[data-from=advisor]").last).to_contain_text("Hi, Sam here.", timeout=REPLY_TIMEOUT)
    assert not typing_after_sending(page, "thanks Sam"), "'typing' while an advisor has the chat"

    page.get_by_role("button", name="End chat with advisor").click()
    expect(widget.log(page).locator("[data-from=bot]").last).to_contain_text(
        "back with the Signpost assistant", timeout=REPLY_TIMEOUT)
    expect(bar).to_be_hidden()
    assert texts.is_worker_end("end chat")
    assert typing_after_sending(page, NOTTINGHAM), "no typing line once the bot has the chat again"
    your_choice_card(page)
    watch.assert_clean()
