"""Browser test fixtures: the demo web app on a free port, headless Debian Chromium through Playwright, axe-core.

The live end-to-end tests (test_webchat_live.py) use the `live_stack` fixture from tests/conftest.py;
everything here works without Rasa.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from aiohttp import web

from scripts.production import free_ports
from web.app import Settings, create_app

HERE = Path(__file__).resolve().parent
AXE_JS = HERE / "vendor" / "axe.min.js"
ARTIFACTS = HERE.parent.parent / "test-artifacts"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
# Where the quick-exit button goes; answered inside the browser so no request leaves the machine.
QUICK_EXIT_PATTERN = "https://www.bbc.co.uk/**"
WEATHER_PAGE = "<title>Weather</title><h1>Weather</h1>"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


class AppServer:
    """An aiohttp application served from a background thread with its own event loop."""

    def __init__(self, app: web.Application) -> None:
        self.app = app
        self.loop = asyncio.new_event_loop()
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="web-app", daemon=True)
        self._runner: web.AppRunner | None = None

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self._runner = web.AppRunner(self.app, access_log=None)
        self.loop.run_until_complete(self._runner.setup())
        self.loop.run_until_complete(web.SockSite(self._runner, self.sock).start())
        self._ready.set()
        self.loop.run_forever()

    def start(self) -> AppServer:
        self._thread.start()
        if not self._ready.wait(15):
            raise RuntimeError("web app did not start")
        return self

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self.loop).result(15)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(15)
        self.sock.close()


@pytest.fixture(scope="session")
def unreachable_rasa_url() -> str:
    """A Rasa URL where nothing listens: the widget must cope (and say so) without a server."""
    return f"http://127.0.0.1:{free_ports(1)}"


@pytest.fixture(scope="session")
def serve_web() -> Iterator[Callable[[Settings], str]]:
    """Start the demo web app with the given settings; returns its base URL."""
    servers: list[AppServer] = []

    def start(settings: Settings) -> str:
        server = AppServer(create_app(settings)).start()
        servers.append(server)
        return server.url

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def web_url(serve_web: Callable[[Settings], str], unreachable_rasa_url: str) -> str:
    """The demo site, with its widget pointed at a Rasa URL where nothing listens."""
    return serve_web(Settings(rasa_url=unreachable_rasa_url))


@dataclass
class PageWatch:
    """What a page did that it should not: script errors, CSP refusals, requests to other hosts."""

    errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)

    def csp_violations(self) -> list[str]:
        return [m for m in self.console_errors if "Content Security Policy" in m or "Refused to" in m]

    def assert_clean(self, allow_console: tuple[str, ...] = ()) -> None:
        assert not self.errors, f"page errors: {self.errors}"
        assert not self.external_requests, f"requests to other hosts: {self.external_requests}"
        assert not self.csp_violations(), f"CSP violations: {self.csp_violations()}"
        unexpected = [m for m in self.console_errors if not any(a in m for a in allow_console)]
        assert not unexpected, f"console errors: {unexpected}"


@pytest.fixture
def new_page(browser) -> Iterator[Callable[..., tuple]]:
    """Open a page in a fresh browser context (own storage). Returns (page, watch)."""
    contexts = []

    def open_page(url: str | None = None, *, width: int = 1280, height: int = 800,
                  reduced_motion: str = "no-preference", scale: float = 1):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            device_scale_factor=scale,
            reduced_motion=reduced_motion,
            locale="en-GB",
            timezone_id="Europe/London",
        )
        contexts.append(context)
        context.add_init_script(path=str(AXE_JS))  # init scripts are not subject to the page's CSP
        context.route(
            QUICK_EXIT_PATTERN,
            lambda route: route.fulfill(status=200, content_type="text/html", body=WEATHER_PAGE),
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        watch = PageWatch()
        page.on("pageerror", lambda exc: watch.errors.append(str(exc)))
        page.on("console", lambda msg: watch.console_errors.append(msg.text) if msg.type == "error" else None)

        def on_request(request):
            parts = urlsplit(request.url)
            if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS:
                if not request.url.startswith("https://www.bbc.co.uk/"):
                    watch.external_requests.append(request.url)

        page.on("request", on_request)
        if url:
            page.goto(url)
        return page, watch

    yield open_page
    for context in contexts:
        context.close()


def _axe_violations(page, selector: str | None = None) -> list[dict]:
    return page.evaluate(
        """async ([selector, tags]) => {
            const target = selector ? document.querySelector(selector) : document;
            const result = await axe.run(target, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary),
            }));
        }""",
        [selector, AXE_TAGS],
    )


@pytest.fixture
def axe() -> Callable:
    """Run axe-core in the page; fail on serious or critical violations, return all of them."""

    def check(page, selector: str | None = None, fail_on: tuple[str, ...] = ("serious", "critical")) -> list[dict]:
        violations = _axe_violations(page, selector)
        bad = [v for v in violations if v["impact"] in fail_on]
        report = "\n".join(f"{v['impact']} {v['id']}: {v['help']} {v['nodes']}" for v in bad)
        assert not bad, "axe-core violations:\n" + report
        return violations

    return check


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


class WidgetDriver:
    """Small helpers for driving the widget the way a person would."""

    name = "Signpost"

    @staticmethod
    def ready(page) -> None:
        page.wait_for_function(
            "() => window.SignpostWidget && document.querySelector('[data-signpost-widget]:not([hidden])')"
        )

    @classmethod
    def launcher(cls, page):
        return page.get_by_role("button", name=f"Chat with {cls.name}")

    @classmethod
    def dialog(cls, page):
        return page.get_by_role("dialog", name=cls.name)

    @classmethod
    def status(cls, page):
        """The widget's connection status line (each card has a status of its own for its flag form)."""
        return cls.dialog(page).locator('[data-sp="status"]')

    @classmethod
    def open(cls, page) -> None:
        cls.ready(page)
        if cls.launcher(page).get_attribute("aria-expanded") != "true":
            cls.launcher(page).click()
        cls.dialog(page).wait_for()

    @staticmethod
    def state(page) -> dict:
        return page.evaluate("() => window.SignpostWidget._state()")

    @staticmethod
    def render(page, payload: dict) -> None:
        """Hand a bot_uttered payload to the widget's real rendering path."""
        page.evaluate("(payload) => { window.SignpostWidget._render(payload); }", payload)

    @staticmethod
    def log(page):
        return page.get_by_role("log", name="Conversation")

    @staticmethod
    def input(page):
        return page.get_by_label("Type your message")


@pytest.fixture
def widget() -> type[WidgetDriver]:
    return WidgetDriver
