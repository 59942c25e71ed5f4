"""End to end: the demo site's widget in headless Chromium against the real Rasa + action server + web app.

Needs the `live_stack` fixture (tests/conftest.py): an object with `.web_url` (the demo site) and
`.rasa_url` (the Rasa server the site's widget talks to), started before the test and stopped after.
Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.production.support import tracker_events

pytestmark = [pytest.mark.browser, pytest.mark.conversation]

NOTTINGHAM = "what's available in Nottingham?"
REPLY_TIMEOUT = 60_000  # the first message after start-up can be slow on a 2-core machine
YOUR_CHOICE = re.compile(r"\bYour Choice\b", re.IGNORECASE)


@pytest.fixture
def stack(request):
    try:
        return request.getfixturevalue("live_stack")
    except pytest.FixtureLookupError:
        pytest.skip("the live_stack fixture (tests/conftest.py) is not there yet")


def connected(page, widget) -> None:
    widget.open(page)
    page.wait_for_function("() => window.SignpostWidget._connected()", timeout=REPLY_TIMEOUT)
    expect(widget.dialog(page).get_by_role("status")).to_have_text("")


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
    """When the stack exposes Rasa's API token, check that Rasa restarted the old conversation."""
    token = getattr(stack, "token", None) or getattr(stack, "rasa_token", None)
    if not token:
        return
    events = tracker_events(stack.rasa_api_url, session_id, token)
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
    expect(widget.dialog(page).get_by_role("status")).to_contain_text("Reconnecting", timeout=5_000)
    page.wait_for_function("() => window.SignpostWidget._connected()", timeout=REPLY_TIMEOUT)
    expect(widget.dialog(page).get_by_role("status")).to_have_text("")
    assert widget.state(page)["sessionId"] == session
    ask(page, widget, NOTTINGHAM)
    your_choice_card(page)
    watch.assert_clean()
