"""The widget in headless Chromium against the demo web app alone (no Rasa listening).

Bot messages are handed to the widget's real rendering path through window.SignpostWidget._render,
exactly as they would arrive on bot_uttered.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from handoff import texts
from web.app import Settings

pytestmark = pytest.mark.browser

# The widget keeps trying to reach Rasa, which is not running in these tests.
NO_RASA = ("WebSocket connection to", "ERR_CONNECTION_REFUSED")

CARDS = {
    "type": "service_cards",
    "more": True,
    "cards": [
        {
            "service_id": "your-choice",
            "name": "Your Choice",
            "organisation": "Example Partnership",
            "reason": "Runs in **Nottingham**",
            "local": True,
            "coverage": "local",
            "details": "24 weeks, group and one-to-one",
            "who_can_refer": "Any professional",
            "contacts": [
                {"kind": "phone", "value": "0115 496 0556", "label": "Phone"},
                {"kind": "email", "value": "referrals@example.org", "label": ""},
                {"kind": "secure_email", "value": "referrals@example.cjsm.net", "label": "Secure email (CJSM)"},
                {"kind": "website", "value": "example.org/your-choice", "label": "Website"},
                {"kind": "website", "value": "javascript:alert(1)", "label": "Bad"},
            ],
            "caveat": "Waiting list of about six weeks <img src=x onerror=\"window.__pwned='caveat'\">",
        },
        {
            "service_id": "phoneline",
            "name": "National Phoneline",
            "organisation": "Example Charity",
            "reason": "Advice for frontline workers anywhere in the UK",
            "local": False,
            "coverage": "national",
            "details": "",
            "who_can_refer": "",
            "contacts": [{"kind": "phone", "value": "0808 802 4040", "label": "Freephone"}],
            "caveat": "",
        },
        {
            "service_id": "next-door",
            "name": "Next Door Programme",
            "organisation": "Neighbouring Council",
            "reason": "nearest alternative: covers Derbyshire only, about 25 km away",
            "local": False,
            "coverage": "nearest",
            "details": "26 weeks, group",
            "who_can_refer": "Probation, children's services",
            "contacts": [{"kind": "phone", "value": "0116 496 0000", "label": "Phone"}],
            "caveat": "",
        },
    ],
}
TEXT_WITH_REPLIES = {
    "text": "Would you like anything else?",
    "quick_replies": [
        {"content_type": "text", "title": "Talk to an advisor", "payload": "/request_advisor"},
        {"content_type": "text", "title": "Show more", "payload": "/show_more"},
    ],
}
ADVISOR = {"type": "advisor_message", "text": "Hello, I'm Sam, one of the advisors.", "advisor": "Sam"}


def fill_conversation(page, widget) -> None:
    widget.render(page, {"text": "Here are services near **Nottingham**:\n- groups\n- one-to-one"})
    widget.render(page, CARDS)
    widget.render(page, ADVISOR)
    widget.render(page, TEXT_WITH_REPLIES)


def test_page_loads_widget_with_launcher_and_quick_exit(new_page, web_url, widget):
    page, watch = new_page(web_url + "/")
    widget.ready(page)
    launcher = widget.launcher(page)
    expect(launcher).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("button", name="Leave this site quickly")).to_be_visible()
    expect(widget.dialog(page)).to_be_hidden()

    launcher.click()
    dialog = widget.dialog(page)
    expect(dialog).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "true")
    expect(dialog.get_by_role("heading", name="Signpost")).to_be_visible()
    expect(widget.input(page)).to_be_focused()
    expect(widget.log(page)).to_have_attribute("aria-live", "polite")
    privacy = dialog.get_by_role("link", name="Privacy notice")
    expect(privacy).to_have_attribute("href", "/privacy")
    expect(dialog.get_by_text("Don't type names or addresses of the people involved.")).to_be_visible()
    # No Rasa: the widget says it is trying again rather than failing silently.
    expect(dialog.locator('[data-sp="status"]')).to_contain_text("Reconnecting", timeout=10_000)
    watch.assert_clean(allow_console=NO_RASA)


def test_html_in_messages_is_escaped_and_formatting_is_safe(new_page, web_url, widget):
    page, watch = new_page(web_url + "/")
    widget.open(page)
    widget.render(
        page,
        {
            "text": (
                "<img src=x onerror=\"window.__pwned='img'\"><script>window.__pwned='script'</script>\n"
                "**Bold** words, [a good link](https://example.org/help) and "
                "[a bad one](javascript:window.__pwned='js').\n"
                "See https://example.org/more. Call [us](tel:+448088024040) or [email](mailto:help@example.org)\n"
                "- first point\n- second point"
            )
        },
    )
    log = widget.log(page)
    message = log.locator("[data-from=bot]").last
    expect(message).to_contain_text("<img src=x onerror=")
    expect(message).to_contain_text("<script>window.__pwned='script'</script>")
    assert log.locator("img, script, [onerror]").count() == 0
    expect(message.locator("strong")).to_have_text("Bold")
    expect(message.get_by_role("link", name=re.compile("a good link"))).to_have_attribute("href", "https://example.org/help")
    expect(message.get_by_role("link", name=re.compile("a good link"))).to_have_attribute("rel", "noopener noreferrer")
    assert message.get_by_role("link", name=re.compile("a bad one")).count() == 0
    expect(message).to_contain_text("a bad one")
    # A bare URL becomes a link without swallowing the full stop after it.
    expect(message.get_by_role("link", name=re.compile(r"^https:\/\/example\.org\/more"))).to_have_attribute(
        "href", "https://example.org/more"
    )
    expect(message.get_by_role("link", name="us")).to_have_attribute("href", "tel:+448088024040")
    expect(message.get_by_role("link", name="email")).to_have_attribute("href", "mailto:help@example.org")
    expect(message.locator("ul > li")).to_have_text(["first point", "second point"])
    hrefs = log.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert all(re.match(r"^(https?|tel|mailto):", h) for h in hrefs), hrefs
    assert page.evaluate("() => window.__pwned") is None
    watch.assert_clean(allow_console=NO_RASA)


def test_user_text_is_shown_as_typed_not_as_html(new_page, web_url, widget):
    page, watch = new_page(web_url + "/")
    widget.open(page)
    widget.input(page).fill("<b>not bold</b> & <i>x</i>")
    widget.input(page).press("Enter")
    mine = widget.log(page).locator("[data-from=user]").last
    expect(mine).to_contain_text("<b>not bold</b> & <i>x</i>")
    assert mine.locator("b, i").count() == 0
    expect(widget.input(page)).to_have_value("")
    watch.assert_clean(allow_console=NO_RASA)


def test_service_cards_are_accessible_articles(new_page, web_url, widget):
    page, watch = new_page(web_url + "/")
    widget.open(page)
    widget.render(page, CARDS)
    cards = widget.log(page).locator("article")
    expect(cards).to_have_count(3)
    card = page.get_by_role("article", name="Your Choice")
    expect(card.get_by_role("heading", name="Your Choice", level=3)).to_be_visible()
    expect(card).to_contain_text("Example Partnership")
    expect(card).to_contain_text("Local service")
    expect(card.locator("strong")).to_have_text(["Nottingham", "Please note:"])
    expect(card).to_contain_text("24 weeks, group and one-to-one")
    expect(card).to_contain_text("Who can refer")
    expect(card.get_by_role("link", name="0115 496 0556")).to_have_attribute("href", "tel:01154960556")
    expect(card.get_by_role("link", name="referrals@example.org")).to_have_attribute(
        "href", "mailto:referrals@example.org"
    )
    expect(card.get_by_role("link", name="referrals@example.cjsm.net")).to_have_attribute(
        "href", "mailto:referrals@example.cjsm.net"
    )
    expect(card).to_contain_text("Secure email (CJSM):")
    expect(card.get_by_role("link", name=re.compile(r"example\.org\/your-choice"))).to_have_attribute(
        "href", "https://example.org/your-choice"
    )
    assert card.locator("a[href^=javascript]").count() == 0
    caveat = card.locator("[data-sp=caveat]")
    expect(caveat).to_be_visible()
    expect(caveat).to_contain_text("Please note: Waiting list of about six weeks <img src=x")
    assert card.locator("img").count() == 0
    national = page.get_by_role("article", name="National Phoneline")
    expect(national.locator("[data-sp=badge]")).to_have_text("National service")
    assert national.locator("[data-sp=caveat]").count() == 0
    expect(widget.log(page)).to_contain_text("More services match")
    # The card's text is the plain version for text-only channels: not shown beside the cards.
    widget.render(page, {"type": "service_cards", "more": False, "cards": [
        {"name": "No contacts", "local": True, "coverage": "local", "contacts": [],
         "contact_note": "The directory holds no contact details for No contacts. The Respect Phoneline "
                         "(0808 802 4040) gives contact details of behaviour-change programmes."}]})
    bare = page.get_by_role("article", name="No contacts")
    expect(bare.locator("[data-sp=contact-note]")).to_contain_text("holds no contact details")
    expect(bare.get_by_role("link", name="0808 802 4040")).to_have_attribute("href", re.compile(r"^tel:"))
    widget.render(page, {"type": "service_cards", "cards": [{"name": "Unknown reach", "local": None}],
                         "more": False, "text": "1. Unknown reach (plain)"})
    unknown = page.get_by_role("article", name="Unknown reach")
    expect(unknown).to_be_visible()
    assert unknown.locator(".sp-badge").count() == 0
    expect(widget.log(page)).not_to_contain_text("(plain)")
    assert page.evaluate("() => window.__pwned") is None
    watch.assert_clean(allow_console=NO_RASA)


def test_advisor_messages_are_marked_as_from_a_person(new_page, web_url, widget):
    page, watch = new_page(web_url + "/")
    widget.open(page)
    widget.render(page, {"text": "I'll pass you to an advisor."})
    widget.render(page, ADVISOR)
    # Rasa's socket.io channel emits custom JSON as the `data` argument; a wrapped payload works too.
    widget.render(page, {"data": {"type": "advisor_message", "text": "Are you still there?", "advisor": "Sam"}})
    advisor = widget.log(page).locator("[data-from=advisor]")
    expect(advisor).to_have_count(2)
    expect(advisor.first).to_contain_text("Sam (advisor)")
    expect(advisor.first).to_contain_text("Hello, I'm Sam")
    expect(widget.log(page).locator("[data-from=bot]").first).to_contain_text("Signpost")
    assert advisor.first.locator("time[datetime]").count() == 1
    watch.assert_clean(allow_console=NO_RASA)


def test_every_message_has_a_timestamp(new_page, web_url, widget):
    page, _ = new_page(web_url + "/")
    widget.open(page)
    fill_conversation(page, widget)
    messages = widget.log(page).locator("[data-sp=message]")
    assert messages.count() == 4
    for i in range(messages.count()):
        time = messages.nth(i).locator("time")
        expect(time).to_have_text(re.compile(r"^\d\d:\d\d$"))
        assert re.match(r"^\d{4}-\d\d-\d\dT", time.get_attribute("datetime"))


def test_quick_replies_send_their_payload_and_go_away(new_page, web_url, widget):
    page, watch = new_page(web_url + "/")
    widget.open(page)
    widget.render(page, TEXT_WITH_REPLIES)
    group = page.get_by_role("group", name="Suggested replies")
    expect(group.get_by_role("button")).to_have_text(["Talk to an advisor", "Show more"])
    group.get_by_role("button", name="Show more").click()
    expect(page.get_by_role("group", name="Suggested replies")).to_have_count(0)
    mine = widget.log(page).locator("[data-from=user]").last
    expect(mine).to_contain_text("Show more")
    # Rasa is not reachable: the payload waits in the outbox and the person is told.
    expect(mine).to_contain_text("Waiting to send")
    saved = widget.state(page)
    assert saved["outbox"] == [{"message": "/show_more", "session_id": saved["sessionId"]}]
    expect(widget.input(page)).to_be_focused()
    # Used quick replies do not come back after a reload.
    page.reload()
    widget.ready(page)
    expect(widget.log(page).locator("[data-from=user]").last).to_contain_text("Show more")
    assert page.get_by_role("group", name="Suggested replies").count() == 0
    watch.assert_clean(allow_console=NO_RASA)


def test_history_and_session_survive_reload_and_another_page(new_page, web_url, widget):
    page, watch = new_page(web_url + "/")
    widget.open(page)
    fill_conversation(page, widget)
    before = widget.state(page)
    assert len(before["messages"]) == 4 and before["open"] is True

    page.reload()
    widget.ready(page)
    expect(widget.dialog(page)).to_be_visible()  # it stays open
    expect(page.get_by_role("article", name="Your Choice")).to_be_visible()
    expect(widget.log(page).locator("[data-from=advisor]")).to_contain_text("Sam (advisor)")
    assert widget.state(page)["sessionId"] == before["sessionId"]

    page.get_by_role("link", name="About this service").first.click()
    page.wait_for_url("**/about")
    widget.ready(page)
    expect(page.get_by_role("article", name="Your Choice")).to_be_visible()
    expect(page.get_by_role("group", name="Suggested replies")).to_be_visible()
    assert widget.state(page)["sessionId"] == before["sessionId"]
    watch.assert_clean(allow_console=NO_RASA)


def test_start_again_clears_the_conversation_and_the_session(new_page, web_url, widget):
    page, watch = new_page(web_url + "/")
    widget.open(page)
    fill_conversation(page, widget)
    old = widget.state(page)["sessionId"]
    # Read the status in the same task as the click: retries to reach Rasa soon overwrite it here.
    said = page.evaluate(
        "() => { document.querySelector('[data-sp=restart]').click();"
        " return document.querySelector('[data-sp=status]').textContent; }"
    )
    assert said.startswith("Conversation cleared")
    expect(widget.log(page).locator("[data-sp=message]")).to_have_count(0)
    expect(widget.input(page)).to_be_focused()
    new = widget.state(page)
    assert new["sessionId"] != old and new["messages"] == []
    # Not connected, so the server-side restart of the old conversation waits to be sent.
    assert {"message": "/restart", "session_id": old} in new["outbox"]
    page.reload()
    widget.ready(page)
    expect(widget.log(page).locator("[data-sp=message]")).to_have_count(0)
    watch.assert_clean(allow_console=NO_RASA)


def test_keyboard_only(new_page, web_url, widget):
    page, watch = new_page(web_url + "/")
    widget.ready(page)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Leave this site quickly")).to_be_focused()  # first on the page
    # Tab on through the page reaches the launcher.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('[data-sp=launcher]')"):
            break
    else:
        pytest.fail("Tab never reached the chat launcher")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused launcher has no visible focus indicator"
    page.keyboard.press("Enter")
    expect(widget.dialog(page)).to_be_visible()
    expect(widget.input(page)).to_be_focused()
    page.keyboard.type("what's available in Nottingham?")
    page.keyboard.press("Enter")
    expect(widget.log(page).locator("[data-from=user]")).to_contain_text("what's available in Nottingham?")
    widget.render(page, TEXT_WITH_REPLIES)
    # Shift+Tab from the input walks back through the log to the quick replies.
    for _ in range(10):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("() => document.activeElement.textContent === 'Show more'"):
            break
    else:
        pytest.fail("Shift+Tab never reached the quick replies")
    page.keyboard.press("Enter")
    expect(widget.log(page).locator("[data-from=user]").last).to_contain_text("Show more")
    expect(widget.input(page)).to_be_focused()
    # Escape closes the chat and puts focus back on the launcher.
    page.keyboard.press("Escape")
    expect(widget.dialog(page)).to_be_hidden()
    expect(widget.launcher(page)).to_be_focused()
    page.keyboard.press("Enter")
    expect(widget.input(page)).to_be_focused()
    watch.assert_clean(allow_console=NO_RASA)


def test_axe_finds_no_serious_problems_with_the_open_widget(new_page, web_url, widget, axe):
    page, _ = new_page(web_url + "/")
    widget.ready(page)
    axe(page)  # the page with the launcher
    widget.open(page)
    fill_conversation(page, widget)
    violations = axe(page)
    # Hold the widget to the stricter line: nothing at all inside it.
    inside = [v for v in violations if any("sp-" in n or "#sp" in n for n in v["nodes"])]
    assert not inside, inside


@pytest.mark.parametrize(
    "width,height,scale,name",
    [(320, 640, 1, "320px"), (390, 844, 3, "390px"), (640, 360, 2, "200pc-zoom-of-1280x720"),
     (320, 200, 4, "400pc-zoom-of-1280x800"), (1280, 800, 1, "1280px")],
)
def test_layout_fits_small_screens_and_zoom(new_page, web_url, widget, axe, artifacts_dir, width, height, scale, name):
    page, watch = new_page(web_url + "/", width=width, height=height, scale=scale)
    widget.open(page)
    fill_conversation(page, widget)
    page.screenshot(path=str(artifacts_dir / f"widget-no-rasa-{name}.png"))
    no_scroll = page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert no_scroll, "the page scrolls sideways"
    dialog_box = widget.dialog(page).bounding_box()
    assert dialog_box["x"] >= 0 and dialog_box["x"] + dialog_box["width"] <= width + 0.5
    assert dialog_box["y"] >= 0 and dialog_box["y"] + dialog_box["height"] <= height + 0.5
    for control in (widget.input(page), page.get_by_role("button", name="Send"),
                    page.get_by_role("button", name="Start again"), page.get_by_role("button", name="Close chat"),
                    page.get_by_role("button", name="Leave this site quickly")):
        expect(control).to_be_in_viewport()
    exit_box = page.get_by_role("button", name="Leave this site quickly").bounding_box()
    header_box = widget.dialog(page).locator("header").bounding_box()
    overlaps = not (
        exit_box["y"] + exit_box["height"] <= header_box["y"]
        or exit_box["x"] + exit_box["width"] <= header_box["x"]
        or exit_box["x"] >= header_box["x"] + header_box["width"]
    )
    assert not overlaps, "the quick-exit button covers the chat header"
    # The conversation can still be read: its log scrolls to the cards.
    card = page.get_by_role("article", name="Your Choice")
    card.scroll_into_view_if_needed()
    expect(card).to_be_in_viewport()
    assert_panel_does_not_scroll(page, widget)
    axe(page)
    watch.assert_clean(allow_console=NO_RASA)


def assert_panel_does_not_scroll(page, widget) -> None:
    """Only the log scrolls: bringing anything in it into view leaves the header and the input in place."""
    header = widget.dialog(page).locator("header")
    before = header.bounding_box()
    # The visually hidden words at the very end of the log, as a screen reader's cursor would reach them.
    page.evaluate("() => [...document.querySelectorAll('[data-sp=log] .sp-visually-hidden')].pop().scrollIntoView()")
    sizes = page.evaluate(
        "() => { const p = document.querySelector('[data-sp=panel]');"
        " return [p.scrollHeight, p.clientHeight, p.scrollTop]; }"
    )
    assert sizes[0] == sizes[1] and sizes[2] == 0, f"the panel scrolls inside itself: {sizes}"
    assert header.bounding_box() == before, "the header moved"
    for control in (page.get_by_role("button", name="Close chat"), page.get_by_role("button", name="Start again"),
                    widget.input(page)):
        expect(control).to_be_in_viewport()


def test_reduced_motion_stops_the_typing_animation(new_page, web_url, widget):
    page, _ = new_page(web_url + "/", reduced_motion="reduce")
    widget.open(page)
    page.evaluate("() => document.querySelector('[data-sp=typing]').hidden = false")
    assert page.evaluate("() => getComputedStyle(document.querySelector('.sp-dots span')).animationName") == "none"
    assert page.evaluate("() => getComputedStyle(document.querySelector('[data-sp=log]')).scrollBehavior") == "auto"

    page2, _ = new_page(web_url + "/", reduced_motion="no-preference")
    widget.open(page2)
    animation = page2.evaluate("() => getComputedStyle(document.querySelector('.sp-dots span')).animationName")
    assert animation == "sp-bounce"


def test_quick_exit_replaces_the_page_and_its_history_entry(new_page, web_url, widget):
    page, _ = new_page(web_url + "/about")
    page.goto(web_url + "/")
    widget.ready(page)
    length = page.evaluate("() => history.length")
    exit_button = page.get_by_role("button", name="Leave this site quickly")
    exit_button.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("https://www.bbc.co.uk/weather")
    assert page.evaluate("() => history.length") == length
    page.go_back()
    page.wait_for_url(web_url + "/about")  # the page with the chat is no longer in the history


def test_configured_colour_keeps_text_readable(new_page, serve_web, unreachable_rasa_url, widget):
    light = serve_web(Settings(rasa_url=unreachable_rasa_url, primary_colour="#ffdd00", title="Helpdesk"))
    page, watch = new_page(light + "/")
    page.get_by_role("button", name="Chat with Helpdesk").wait_for()
    colours = page.evaluate(
        """() => { const s = getComputedStyle(document.querySelector('[data-sp=launcher]'));
                  return [s.backgroundColor, s.color]; }"""
    )
    assert colours == ["rgb(255, 221, 0)", "rgb(11, 12, 12)"]
    page.get_by_role("button", name="Chat with Helpdesk").click()
    expect(page.get_by_role("dialog", name="Helpdesk").get_by_role("heading", name="Helpdesk")).to_be_visible()
    watch.assert_clean(allow_console=NO_RASA)


SAFETY_PARTS = ("If anyone is in danger now, call 999", "Respect Phoneline on 0808 802 4040")


def test_connection_failure_says_where_to_get_help_with_tap_to_call_numbers(new_page, web_url, widget):
    page, watch = new_page(web_url + "/", width=390, height=844)
    widget.open(page)
    status = widget.status(page)
    expect(status).to_contain_text("Can't reach the chat service", timeout=10_000)
    for part in SAFETY_PARTS:
        expect(status).to_contain_text(part)
    expect(status.get_by_role("link", name="999")).to_have_attribute("href", "tel:999")
    expect(status.get_by_role("link", name="0808 802 4040")).to_have_attribute("href", "tel:08088024040")
    watch.assert_clean(allow_console=NO_RASA)


def test_phone_numbers_in_messages_are_tap_to_call_links(new_page, web_url, widget):
    page, watch = new_page(web_url + "/", width=390, height=844)
    widget.open(page)
    widget.render(page, {"text": "If anyone is in danger now, call 999. Or call **0808 802 4040**, or 0115 496 0556. "
                                 "Reference 12345 and https://example.org/0808802404 stay as they are."})
    message = widget.log(page).locator("[data-from=bot]").last
    expect(message.get_by_role("link", name="999")).to_have_attribute("href", "tel:999")
    expect(message.get_by_role("link", name="0808 802 4040")).to_have_attribute("href", "tel:08088024040")
    expect(message.get_by_role("link", name="0115 496 0556")).to_have_attribute("href", "tel:01154960556")
    expect(message.locator("a[href^='tel:']")).to_have_count(3)
    expect(message.get_by_role("link", name=re.compile("example.org"))).to_have_attribute(
        "href", "https://example.org/0808802404")
    expect(widget.dialog(page).locator("[data-sp=empty]")).to_be_hidden()
    watch.assert_clean(allow_console=NO_RASA)


def test_cards_are_badged_by_what_they_cover(new_page, web_url, widget):
    page, watch = new_page(web_url + "/")
    widget.open(page)
    widget.render(page, CARDS)
    widget.render(page, {"type": "service_cards", "more": False,
                         "cards": [{"name": "Reach not known", "local": False, "coverage": ""}]})

    def badge(name):
        return page.get_by_role("article", name=name).locator("[data-sp=badge]")

    expect(badge("Your Choice")).to_have_text("Local service")
    expect(badge("National Phoneline")).to_have_text("National service")
    nearest = page.get_by_role("article", name="Next Door Programme")
    expect(badge("Next Door Programme")).to_have_text(re.compile(r"^Nearest\b.*covers its own area only"))
    expect(nearest).not_to_contain_text("National service")
    expect(nearest).to_contain_text("covers Derbyshire only, about 25 km away")
    expect(badge("Reach not known")).to_have_count(0)
    watch.assert_clean(allow_console=NO_RASA)


def many_cards(count: int) -> dict:
    template = CARDS["cards"][0]
    cards = [dict(template, service_id=f"s{i}", name=f"Local service number {i}") for i in range(1, count + 1)]
    return {"type": "service_cards", "more": True, "cards": cards}


def test_a_long_reply_opens_at_its_start_not_its_end(new_page, web_url, widget):
    page, watch = new_page(web_url + "/")
    widget.open(page)
    widget.render(page, {"text": "An earlier answer."})
    widget.input(page).fill("what's available in Nottingham?")
    widget.input(page).press("Enter")
    widget.render(page, {"text": "Here are services near **Nottingham**:"})
    widget.render(page, many_cards(4))
    widget.render(page, TEXT_WITH_REPLIES)
    log = widget.log(page)
    first = log.locator("[data-from=bot]").filter(has_text="Here are services near").locator(".sp-bubble")
    expect(first).to_be_in_viewport(ratio=1)
    expect(page.get_by_role("article", name="Local service number 1").get_by_role("heading")).to_be_in_viewport()
    expect(page.get_by_role("group", name="Suggested replies")).not_to_be_in_viewport()
    watch.assert_clean(allow_console=NO_RASA)


def test_the_panel_never_scrolls_inside_itself(new_page, web_url, widget):
    page, watch = new_page(web_url + "/")
    widget.open(page)
    widget.render(page, {"text": "Here are services near **Nottingham**:"})
    widget.render(page, many_cards(6))
    widget.render(page, TEXT_WITH_REPLIES)
    page.get_by_role("article", name="Local service number 6").scroll_into_view_if_needed()
    assert_panel_does_not_scroll(page, widget)
    watch.assert_clean(allow_console=NO_RASA)


def test_a_long_paste_is_sent_in_parts_and_the_worker_is_told(new_page, web_url, widget):
    page, watch = new_page(web_url + "/")
    widget.open(page)
    pasted = " ".join(f"word{i:04d}" for i in range(556))  # 5,003 characters
    assert len(pasted) > 5000
    widget.input(page).fill(pasted)
    widget.input(page).press("Enter")
    sent = widget.state(page)["outbox"][0]["message"]
    assert 1500 < len(sent) <= 2000 and pasted.startswith(sent)
    note = page.locator("[data-sp=cut-note]")
    expect(note).to_be_visible()
    expect(note).to_contain_text("too long")
    expect(note).to_contain_text("another message")
    rest = widget.input(page).input_value()
    assert rest and pasted.endswith(rest) and len(sent) + len(rest) >= len(pasted) - 1
    widget.input(page).press("Enter")  # the next part goes the same way
    assert widget.state(page)["outbox"][1]["message"] == rest[:len(widget.state(page)["outbox"][1]["message"])]
    watch.assert_clean(allow_console=NO_RASA)


def test_quick_exit_forgets_the_conversation_so_back_shows_none(new_page, web_url, widget):
    page, watch = new_page(web_url + "/")
    widget.open(page)
    widget.input(page).fill("a question about my case")
    widget.input(page).press("Enter")
    fill_conversation(page, widget)
    old_session = widget.state(page)["sessionId"]
    page.get_by_role("link", name="About this service").first.click()
    page.wait_for_url("**/about")
    widget.ready(page)
    expect(page.get_by_role("article", name="Your Choice")).to_be_visible()  # it carries on across pages

    page.get_by_role("button", name="Leave this site quickly").click()
    page.wait_for_url("https://www.bbc.co.uk/weather")
    page.go_back()
    page.wait_for_url(web_url + "/")  # /about was replaced; the page before it has the widget
    widget.ready(page)
    expect(widget.dialog(page)).to_be_hidden()  # not reopened
    widget.open(page)
    expect(widget.log(page).locator("[data-sp=message]")).to_have_count(0)
    expect(page.get_by_text("a question about my case")).to_have_count(0)
    assert widget.state(page)["sessionId"] != old_session
    kept = page.evaluate("() => JSON.stringify(Object.entries(sessionStorage).concat(Object.entries(localStorage)))")
    assert old_session not in kept and "a question about my case" not in kept
    watch.assert_clean(allow_console=NO_RASA)


def test_during_a_hand_off_the_widget_says_a_person_has_the_chat_and_it_can_be_ended(new_page, web_url, widget):
    """Without Rasa here: the typing line's part (none while a person has the chat) is in test_webchat_live."""
    page, watch = new_page(web_url + "/")
    widget.open(page)
    bar = page.locator("[data-sp=handoff]")
    end = page.get_by_role("button", name="End chat with advisor")
    widget.render(page, {"text": texts.queue_text(2, 5)})  # the bot's own words as it queues the chat
    expect(bar).to_contain_text("waiting for an advisor (a person)")
    for part in SAFETY_PARTS:
        expect(bar).to_contain_text(part)
    expect(end).to_be_visible()

    widget.render(page, {"text": texts.ADVISOR_JOINED.format(advisor="Sam")})
    expect(bar).to_contain_text("You're chatting with Sam, an advisor (a person)")
    widget.render(page, ADVISOR)
    page.reload()  # a reload in the middle of the hand-off still knows a person has the chat
    widget.ready(page)
    expect(bar).to_contain_text("chatting with Sam")
    end.click()
    expect(widget.log(page).locator("[data-from=user]").last).to_contain_text("end chat")
    assert texts.is_worker_end(widget.state(page)["outbox"][-1]["message"])
    widget.render(page, {"text": texts.RESUMED_BY_WORKER})
    expect(bar).to_be_hidden()
    expect(end).to_be_hidden()
    watch.assert_clean(allow_console=NO_RASA)
