"""The console page in headless Chromium: sign in, see the queue, claim, read the transcript, reply, see the
worker's next message arrive live, end. Rasa is the fake one; the console and its relay loop are real."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from handoff.console import create_console_app, mount_console
from handoff.settings import HandoffSettings
from scripts.production import free_ports
from tests.browser_support import script_errors
from tests.handoff.support import PASSWORD, FakeRasa, add_advisor

pytestmark = pytest.mark.browser


class Served:
    """aiohttp apps on loopback ports, served from a background thread with its own loop."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.runners: list[web.AppRunner] = []
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def serve(self, app: web.Application) -> str:
        port = free_ports(1)

        async def start() -> None:
            runner = web.AppRunner(app)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", port).start()
            self.runners.append(runner)

        asyncio.run_coroutine_threadsafe(start(), self.loop).result(30)
        return f"http://127.0.0.1:{port}"

    def close(self) -> None:
        async def stop() -> None:
            for runner in reversed(self.runners):
                await runner.cleanup()

        asyncio.run_coroutine_threadsafe(stop(), self.loop).result(30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


def test_sign_in_claim_and_reply_in_a_browser(handoff_url, hours, store, browser):
    add_advisor(store, "sam", display="Sam")
    request = store.create_request("conv-b", {"area": "Leeds", "services_shown": ["Leeds DAPP"],
                                              "topic": "is a programme right for him"})
    rasa = FakeRasa()
    rasa.trackers["conv-b"] = [
        {"event": "user", "text": "what's available in Leeds?", "timestamp": 1.0},
        {"event": "bot", "text": "Here is what I found near Leeds.", "timestamp": 2.0},
    ]
    served = Served()
    try:
        rasa_url = served.serve(rasa.app())
        settings = HandoffSettings(database_url=handoff_url, secure_cookie=False, poll_seconds=0.2)
        root = web.Application()
        mount_console(root, create_console_app(handoff_url, rasa_url, rasa.token, settings=settings, hours=hours))
        base = served.serve(root) + "/console/"

        context = browser.new_context()
        try:
            page = context.new_page()
            errors = script_errors(page)

            page.goto(base)
            assert page.url.endswith("/console/signin")
            page.fill("#username", "sam")
            page.fill("#password", "wrong password!")
            page.click("button[type=submit]")
            assert "Wrong username or password" in page.inner_text("[data-testid=signin-error]")
            page.fill("#password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(base)
            page.wait_for_selector("[data-testid=connection]:has-text('Live')")

            page.click(f"[data-testid=handoff-{request.id}]")
            page.wait_for_selector("[data-testid=transcript] >> text=what's available in Leeds?")
            assert "is a programme right for him" in page.inner_text("#chat-summary")
            page.click("[data-testid=claim]")
            page.wait_for_selector("[data-testid=reply]")
            page.fill("[data-testid=reply]", "Hello, I'm Sam. Tell me about him.")
            page.click("[data-testid=send]")
            page.wait_for_selector("[data-testid=transcript] >> text=Hello, I'm Sam. Tell me about him.")
            sent = rasa.appended[-1][2][0]["data"]["custom"]["data"]
            assert sent == {"type": "advisor_message", "text": "Hello, I'm Sam. Tell me about him.", "advisor": "Sam"}

            rasa.say("conv-b", "He says he wants to change")
            page.wait_for_selector("[data-testid=transcript] >> text=He says he wants to change", timeout=10000)
            assert page.is_visible(f"[data-testid=mine] >> [data-testid=handoff-{request.id}]")

            page.click("[data-testid=end]")
            page.wait_for_selector("#notice >> text=ended")
            assert store.get(request.id).status == "closed"
            assert [e["event"] for e in rasa.appended[-1][2]] == ["resume", "bot", "action"]
            assert not errors, errors
        finally:
            context.close()
    finally:
        served.close()


# --- the browser review's findings (1280x800 and 390x844) ---

AXE_JS = Path(__file__).resolve().parents[1] / "browser" / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@dataclass
class Site:
    base: str
    rasa: FakeRasa
    browser: Any
    contexts: list = field(default_factory=list)

    def open(self, viewport: dict[str, int] = DESKTOP, username: str | None = "sam", init_script: str | None = None):
        """A fresh browser context with axe-core loaded (init scripts are not subject to the CSP), signed in."""
        context = self.browser.new_context(viewport=viewport, locale="en-GB", timezone_id="Europe/London")
        self.contexts.append(context)
        context.add_init_script(path=str(AXE_JS))
        if init_script:
            context.add_init_script(script=init_script)
        page = context.new_page()
        page.set_default_timeout(15_000)
        errors = script_errors(page)
        page.errors = errors  # type: ignore[attr-defined]
        page.goto(self.base)
        if username:
            page.fill("#username", username)
            page.fill("#password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(self.base)
            page.wait_for_selector("[data-testid=connection]:has-text('Live')")
        return page


@pytest.fixture
def site(handoff_url, hours, store, browser) -> Iterator[Site]:
    """The real console (relay loop every 0.2 s) beside the fake Rasa, both on loopback ports."""
    add_advisor(store, "sam", display="Sam")
    add_advisor(store, "ada", display="Ada", admin=True)
    rasa = FakeRasa()
    served = Served()
    try:
        rasa_url = served.serve(rasa.app())
        settings = HandoffSettings(database_url=handoff_url, secure_cookie=False, poll_seconds=0.2)
        root = web.Application()
        mount_console(root, create_console_app(handoff_url, rasa_url, rasa.token, settings=settings, hours=hours))
        s = Site(served.serve(root) + "/console/", rasa, browser)
        yield s
        for context in s.contexts:
            context.close()
    finally:
        served.close()


def axe_check(page, what: str) -> None:
    """axe-core over the whole page: no serious or critical violations."""
    violations = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
        }""", AXE_TAGS)
    bad = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not bad, f"axe-core on {what}:\n" + "\n".join(f"{v['impact']} {v['id']}: {v['help']} {v['nodes']}" for v in bad)


def in_view(page, selector: str, within: str | None = None) -> bool:
    """Whether the element is wholly inside the window (and inside `within`'s visible box, if given)."""
    return page.evaluate(
        """([selector, within]) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            const outer = within ? document.querySelector(within).getBoundingClientRect()
                                 : {top: 0, left: 0, bottom: window.innerHeight, right: window.innerWidth};
            return box.height > 0 && box.top >= outer.top - 1 && box.bottom <= outer.bottom + 1
                && box.top >= 0 && box.bottom <= window.innerHeight;
        }""", [selector, within])


def page_scrolls(page) -> dict[str, bool]:
    return page.evaluate("""() => {
        const d = document.documentElement;
        return {down: d.scrollHeight > window.innerHeight + 1, across: d.scrollWidth > window.innerWidth + 1};
    }""")


def long_bot_conversation(rasa: FakeRasa, conversation_id: str, turns: int = 20) -> None:
    events = []
    for i in range(turns):
        events.append({"event": "user", "text": f"Earlier question {i}", "timestamp": 1.0 + 2 * i})
        events.append({"event": "bot", "text": f"Earlier answer {i}, long enough to take a line or two "
                       "in the transcript so that the list overflows its box.", "timestamp": 2.0 + 2 * i})
    rasa.trackers[conversation_id] = events


def claim(page, handoff_id: int) -> None:
    page.click(f"[data-testid=handoff-{handoff_id}]")
    page.wait_for_selector("[data-testid=chat-title]:has-text('waiting')")
    page.click("[data-testid=claim]")
    page.wait_for_selector("[data-testid=reply]")
    page.wait_for_selector("[data-testid=chat-title]:has-text('(active)')")


def test_transcript_follows_new_messages_and_the_reply_box_is_in_view(site, store):
    request = store.create_request("conv-long", {"area": "Leeds", "topic": "find_services",
                                                 "services_shown": ["Leeds DAPP", "Bradford Change Project"]})
    long_bot_conversation(site.rasa, "conv-long")
    page = site.open(DESKTOP)
    claim(page, request.id)
    assert page.evaluate("() => { const t = document.querySelector('#transcript'); return t.scrollHeight > t.clientHeight; }"), \
        "the test needs a transcript longer than its box"
    # At 1280x800 the reply box and Send are on screen and the page itself does not scroll.
    assert in_view(page, "[data-testid=reply]") and in_view(page, "[data-testid=send]")
    assert not page_scrolls(page)["down"]
    assert in_view(page, "#transcript li:last-child", within="#transcript")

    # Five worker messages arrive while the advisor is at the bottom: each comes into view.
    for i in range(1, 6):
        site.rasa.say("conv-long", f"Worker message {i}")
    page.wait_for_selector("[data-testid=transcript] >> text=Worker message 5")
    assert in_view(page, "#transcript li:last-child", within="#transcript")
    assert "Worker message 5" in page.inner_text("#transcript li:last-child")
    assert page.is_hidden("[data-testid=new-messages]")

    # Scrolled up to read: a new message does not move the transcript, a cue says it arrived.
    page.evaluate("() => { document.querySelector('#transcript').scrollTop = 0; }")
    page.wait_for_function("() => document.querySelector('#transcript').scrollTop === 0")
    site.rasa.say("conv-long", "Worker message 6")
    page.wait_for_selector("[data-testid=transcript] >> text=Worker message 6", state="attached")
    cue = page.locator("[data-testid=new-messages]")
    cue.wait_for()
    assert "1 new message" in cue.inner_text()
    assert page.evaluate("() => document.querySelector('#transcript').scrollTop") == 0
    assert not in_view(page, "#transcript li:last-child", within="#transcript")
    assert in_view(page, "[data-testid=new-messages]")
    cue.click()
    assert in_view(page, "#transcript li:last-child", within="#transcript")
    assert page.is_hidden("[data-testid=new-messages]")

    # The advisor's own reply always comes into view.
    page.evaluate("() => { document.querySelector('#transcript').scrollTop = 0; }")
    page.fill("[data-testid=reply]", "I'm reading back, one moment.")
    page.click("[data-testid=send]")
    page.wait_for_selector("[data-testid=transcript] >> text=I'm reading back, one moment.")
    assert in_view(page, "#transcript li:last-child", within="#transcript")
    axe_check(page, "a claimed chat with a long transcript at 1280x800")
    assert not page.errors, page.errors


def test_title_counts_waiting_chats_and_alerts_only_when_allowed(site, store):
    # A stand-in for the browser's Notification API that records what the page shows (headless has no desktop).
    recorder = """
        window.__shown = [];
        window.__asked = 0;
        class RecordingNotification {
            constructor(title, options) { window.__shown.push({title, body: (options || {}).body}); }
            addEventListener() {}
            static requestPermission() { window.__asked += 1; RecordingNotification.permission = 'granted';
                                         return Promise.resolve('granted'); }
        }
        RecordingNotification.permission = 'default';
        window.Notification = RecordingNotification;
    """
    page = site.open(DESKTOP, init_script=recorder)
    assert page.title() == "Signpost advisor console"
    first = store.create_request("conv-t1", {"topic": "ask_guidance"})
    page.wait_for_function("() => document.title === '(1 waiting) Signpost advisor console'")
    assert page.evaluate("() => window.__shown") == [] and page.evaluate("() => window.__asked") == 0

    page.check("[data-testid=alerts-on]")  # the advisor allows alerts; the browser asks them
    page.wait_for_function("() => window.__asked === 1")
    second = store.create_request("conv-t2", {"topic": "find_services"})
    page.wait_for_function("() => document.title === '(2 waiting) Signpost advisor console'")
    page.wait_for_function("() => window.__shown.length === 1")
    shown = page.evaluate("() => window.__shown")[0]
    assert f"Chat #{second.id}" in shown["body"] and "Finding services" in shown["body"]

    claim(page, first.id)
    page.wait_for_function("() => document.title === '(1 waiting) Signpost advisor console'")
    page.uncheck("[data-testid=alerts-on]")
    store.create_request("conv-t3", None)
    page.wait_for_function("() => document.title === '(2 waiting) Signpost advisor console'")
    assert len(page.evaluate("() => window.__shown")) == 1  # switched off: no more alerts
    assert not page.errors, page.errors


def test_columns_stack_on_a_phone(site, store):
    request = store.create_request("conv-p", {"area": "Leeds", "topic": "ask_cost", "services_shown": ["Leeds DAPP"]})
    long_bot_conversation(site.rasa, "conv-p", turns=4)
    for i in range(10):  # a long queue pushes the chat below the fold
        store.create_request(f"conv-p{i}", {"area": "Bradford", "topic": "ask_programme"})
    store.add_callback({"name_or_role": "Probation officer", "organisation": "Leeds Probation",
                        "contact": "0113 496 0001", "contact_kind": "phone", "best_time": "Mornings",
                        "reason": "Wants to refer a man to a programme"}, "conv-cb")
    page = site.open(PHONE)
    page.wait_for_selector("[data-testid=queue] li:nth-child(11)")
    assert not in_view(page, "#chat-empty"), "the test needs the chat's place below the fold"
    page.click(f"[data-testid=handoff-{request.id}]")
    page.wait_for_selector("[data-testid=chat-title]:has-text('waiting')")
    assert in_view(page, "[data-testid=chat-title]")  # picking a chat brings it up from under the queue
    claim(page, request.id)
    queue = page.locator("[data-testid=queue-column]").bounding_box()
    chat = page.locator("[data-testid=chat]").bounding_box()
    assert chat["y"] >= queue["y"] + queue["height"], (queue, chat)  # the chat is under the queue
    assert chat["width"] > 300 and queue["width"] > 300  # each takes the screen's width
    assert not page_scrolls(page)["across"]
    page.locator("[data-testid=reply]").scroll_into_view_if_needed()
    assert in_view(page, "[data-testid=reply]")
    axe_check(page, "a claimed chat at 390x844")
    page.click("text=Callbacks")
    page.wait_for_selector("[data-testid=callbacks] >> text=Probation officer")
    assert not page_scrolls(page)["across"]  # the table scrolls inside its own box
    axe_check(page, "callbacks at 390x844")
    assert not page.errors, page.errors


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


FOCUS_STYLE = """() => {
    const rgb = (text) => (text.match(/rgba?\\(([^)]*)\\)/g) || []).map(m => {
        const parts = m.replace(/rgba?\\(|\\)/g, '').split(',').map(Number);
        return {rgb: parts.slice(0, 3), alpha: parts.length > 3 ? parts[3] : 1};
    });
    const backdrop = (node) => {
        for (let n = node; n; n = n.parentElement) {
            const c = rgb(getComputedStyle(n).backgroundColor)[0];
            if (c && c.alpha > 0) return c.rgb;
        }
        return [255, 255, 255];
    };
    const el = document.activeElement;
    const s = getComputedStyle(el);
    const indicator = [];
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) {
        rgb(s.outlineColor).filter(c => c.alpha > 0).forEach(c => indicator.push(c.rgb));
    }
    if (s.boxShadow !== 'none') rgb(s.boxShadow).filter(c => c.alpha > 0).forEach(c => indicator.push(c.rgb));
    return {name: el.id || el.getAttribute('data-testid') || el.textContent.trim().slice(0, 30),
            indicator, own: backdrop(el), around: backdrop(el.parentElement)};
}"""


def test_focus_indicator_has_3_to_1_contrast(site, store):
    request = store.create_request("conv-f", {"topic": "ask_programme"})
    page = site.open(DESKTOP)
    claim(page, request.id)
    page.click("text=Callbacks")
    page.click("text=Chats")
    page.click("h1")  # the keyboard's tour starts at the top of the page
    seen = []
    for _ in range(40):  # every stop of the keyboard's tour of the page, until it leaves the page
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            break
        style = page.evaluate(FOCUS_STYLE)
        seen.append(style["name"])
        # Some colour of the indicator stands out 3:1 from both the element's own colour and what is around it.
        best = max((min(contrast(tuple(c), tuple(style["own"])), contrast(tuple(c), tuple(style["around"])))
                    for c in style["indicator"]), default=0)
        assert best >= 3, f"focus on {style['name']!r}: indicator {style['indicator']} against " \
                          f"{style['own']} / {style['around']} is {best:.2f}:1"
    for name in ("Sign out", "tab-button-chats", "tab-button-callbacks", f"handoff-{request.id}", "end",
                 "transcript", "reply", "send"):
        assert name in seen, (name, seen)
    # The sign-in page's fields and button too.
    signin = site.open(DESKTOP, username=None)
    for selector in ("#username", "#password", "button[type=submit]"):
        signin.click(selector)
        signin.keyboard.press("Shift+Tab")
        signin.keyboard.press("Tab")
        style = signin.evaluate(FOCUS_STYLE)
        best = max(min(contrast(tuple(c), tuple(style["own"])), contrast(tuple(c), tuple(style["around"])))
                   for c in style["indicator"])
        assert best >= 3, (selector, style, best)
    axe_check(signin, "the sign-in page")
    assert not page.errors, page.errors


def test_title_shows_the_worker_ended_the_chat(site, store):
    request = store.create_request("conv-e", {"topic": "talk_to_human"})
    page = site.open(DESKTOP)
    claim(page, request.id)
    site.rasa.say("conv-e", "end chat")
    page.wait_for_selector("[data-testid=chat-title]:has-text('ended by the worker')")
    assert "(active)" not in page.inner_text("[data-testid=chat-title]")
    assert page.is_hidden("[data-testid=reply-form]") and page.is_hidden("[data-testid=end]")
    assert "ended" in page.inner_text("#notice")
    assert not page.is_visible(f"[data-testid=mine] >> [data-testid=handoff-{request.id}]")
    axe_check(page, "a chat the worker ended")
    assert not page.errors, page.errors


def test_topics_show_as_plain_labels(site, store):
    a = store.create_request("conv-l1", {"topic": "find_services", "area": "Leeds"})
    b = store.create_request("conv-l2", {"topic": "ask_guidance"})
    c = store.create_request("conv-l3", {"topic": "ask_something_new"})
    page = site.open(DESKTOP, username="ada")
    page.wait_for_selector(f"[data-testid=handoff-{c.id}]")
    assert "Finding services · Leeds" in page.inner_text(f"[data-testid=handoff-{a.id}]")
    assert "Safe-practice guidance" in page.inner_text(f"[data-testid=handoff-{b.id}]")
    assert "Asked about something new" in page.inner_text(f"[data-testid=handoff-{c.id}]")
    queue_text = page.inner_text("[data-testid=queue]")
    assert "_" not in queue_text, queue_text
    page.click(f"[data-testid=handoff-{b.id}]")
    page.wait_for_selector("#chat-summary >> text=Safe-practice guidance")
    assert "ask_guidance" not in page.inner_text("#chat-summary")
    axe_check(page, "the queue with a chat open (admin)")
    page.click("text=Audit log")
    page.wait_for_selector("[data-testid=audit] >> text=view_transcript")
    axe_check(page, "the audit log")
    assert not page.errors, page.errors


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280x800", "390x844"])
def test_axe_on_every_console_page(site, store, viewport):
    signin = site.open(viewport, username=None)
    axe_check(signin, "the sign-in page")
    signin.fill("#username", "sam")
    signin.fill("#password", "not the password")
    signin.click("button[type=submit]")
    signin.wait_for_selector("[data-testid=signin-error]")
    axe_check(signin, "the sign-in page with an error")
    assert not page_scrolls(signin)["across"]

    page = site.open(viewport, username="ada")  # an admin sees every tab
    page.wait_for_selector("#chat-empty")
    axe_check(page, "an empty queue")
    request = store.create_request("conv-axe", {"area": "Leeds", "topic": "ask_referral", "services_shown": ["Leeds DAPP"]})
    store.add_callback({"name_or_role": "Social worker", "organisation": "Leeds Children's Services",
                        "contact": "sw@example.org", "contact_kind": "email", "best_time": "Afternoons",
                        "reason": "How to refer a father"}, "conv-cb2")
    page.wait_for_selector(f"[data-testid=handoff-{request.id}]")
    axe_check(page, "a waiting chat in the queue")
    claim(page, request.id)
    site.rasa.say("conv-axe", "Thanks for taking this")
    page.wait_for_selector("[data-testid=transcript] >> text=Thanks for taking this")
    axe_check(page, "a claimed chat")
    page.click("[data-testid=end]")
    page.wait_for_selector("[data-testid=chat-title]:has-text('ended')")
    axe_check(page, "an ended chat with its notice")
    page.click("text=Callbacks")
    page.wait_for_selector("[data-testid=callbacks] >> text=Social worker")
    axe_check(page, "callbacks")
    page.click("text=Audit log")
    page.wait_for_selector("[data-testid=audit] >> text=claim")
    axe_check(page, "the audit log")
    assert not page_scrolls(page)["across"]
    assert not page.errors and not signin.errors, (page.errors, signin.errors)
