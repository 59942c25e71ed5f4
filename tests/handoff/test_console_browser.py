"""The console page in headless Chromium: sign in, see the queue, claim, read the transcript, reply, see the
worker's next message arrive live, end. Rasa is the fake one; the console and its relay loop are real."""

from __future__ import annotations

import asyncio
import threading

import pytest
from aiohttp import web

from handoff.console import create_console_app, mount_console
from handoff.settings import HandoffSettings
from scripts.production import free_ports
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
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            # Script errors and CSP refusals; not "failed to load" for the 401 of a wrong password or a favicon.
            page.on("console", lambda msg: errors.append(msg.text)
                    if msg.type == "error" and "Failed to load resource" not in msg.text else None)

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
            assert [e["event"] for e in rasa.appended[-1][2]] == ["resume", "bot"]
            assert not errors, errors
        finally:
            context.close()
    finally:
        served.close()
