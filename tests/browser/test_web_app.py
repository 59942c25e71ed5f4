"""The demo web app's routes, headers and settings (aiohttp test client, no browser)."""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from tests.async_support import run
from web.app import STATIC_DIR, Settings, content_security_policy, create_app, render

WEB_DIR = Path(__file__).resolve().parents[2] / "web"
VENDOR_DIR = Path(__file__).resolve().parent / "vendor"


def with_client(settings: Settings, check: Callable[[TestClient], Awaitable[None]]) -> None:
    async def scenario() -> None:
        async with TestClient(TestServer(create_app(settings))) as client:
            await check(client)

    run(scenario())


def test_pages_embed_the_widget_configured_from_settings():
    settings = Settings(rasa_url="http://rasa.internal:5005/", title="Signpost", primary_colour="#005eb8")

    async def check(client: TestClient) -> None:
        for path in ("/", "/about", "/privacy"):
            response = await client.get(path)
            assert response.status == 200, path
            assert response.content_type == "text/html"
            assert response.headers["Cache-Control"] == "no-store"
            page = await response.text()
            tag = re.search(r"<script src=\"/static/signpost-widget.js\"[^>]*>", page, re.S)
            assert tag, path
            assert 'data-server-url="http://rasa.internal:5005"' in tag.group(0)
            assert 'data-title="Signpost"' in tag.group(0)
            assert 'data-primary-colour="#005eb8"' in tag.group(0)
            assert "defer" in tag.group(0)
            assert '<html lang="en-GB">' in page
            assert "{{" not in page
            # Nothing on the page comes from another site.
            for url in re.findall(r"(?:src|href)=\"([^\"]+)\"", page):
                assert url.startswith(("/", "#", "data:")), (path, url)

    with_client(settings, check)


def test_security_headers_on_pages_static_files_and_errors():
    settings = Settings(rasa_url="http://127.0.0.1:5005")

    async def check(client: TestClient) -> None:
        for path in ("/", "/static/signpost-widget.js", "/healthz", "/no-such-page"):
            response = await client.get(path)
            csp = response.headers["Content-Security-Policy"]
            assert "default-src 'self'" in csp, path
            assert "script-src 'self';" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
            assert "connect-src 'self' http://127.0.0.1:5005 ws://127.0.0.1:5005" in csp
            assert "frame-ancestors 'none'" in csp
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert response.headers["Referrer-Policy"] == "no-referrer"

    with_client(settings, check)


def test_csp_uses_wss_for_an_https_rasa():
    csp = content_security_policy(Settings(rasa_url="https://chat.example.org"))
    assert "connect-src 'self' https://chat.example.org wss://chat.example.org;" in csp


def test_static_files_and_health():
    async def check(client: TestClient) -> None:
        for path, kind in [
            ("/static/signpost-widget.js", "javascript"),
            ("/static/signpost-widget.css", "text/css"),
            ("/static/vendor/socket.io.min.js", "javascript"),
            ("/static/site.css", "text/css"),
        ]:
            response = await client.get(path)
            assert response.status == 200, path
            assert kind in response.content_type, (path, response.content_type)
        assert (await client.get("/static/")).status in (403, 404)  # no directory listing
        assert (await client.get("/static/../app.py")).status in (403, 404)
        health = await client.get("/healthz")
        assert health.status == 200 and await health.json() == {"status": "ok"}

    with_client(Settings(), check)


def test_settings_from_environment():
    settings = Settings.from_env(
        {"SIGNPOST_WEB_HOST": "0.0.0.0", "SIGNPOST_WEB_PORT": "8100", "SIGNPOST_RASA_URL": "https://bot.example.org/"}
    )
    assert (settings.host, settings.port, settings.rasa_url) == ("0.0.0.0", 8100, "https://bot.example.org")
    assert Settings.from_env({}) == Settings(host="127.0.0.1", port=8000, rasa_url="http://localhost:5005")


@pytest.mark.parametrize(
    "values",
    [{"rasa_url": "javascript:alert(1)"}, {"rasa_url": "localhost:5005"}, {"primary_colour": "red;}body{display:none"}],
)
def test_bad_settings_are_refused(values):
    with pytest.raises(ValueError):
        Settings(**values)


def test_templates_escape_what_they_are_given():
    page = render("index.html", rasa_url='http://x"><script>alert(1)</script>', title="<b>T</b>", primary_colour="#000")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;b&gt;T&lt;/b&gt;" in page


def test_vendored_files_match_the_npm_lock():
    lock = json.loads((WEB_DIR / "package-lock.json").read_text())
    packages = lock["packages"]
    socketio_version = packages["node_modules/socket.io-client"]["version"]
    axe_version = packages["node_modules/axe-core"]["version"]
    manifest = json.loads((WEB_DIR / "package.json").read_text())["devDependencies"]
    assert manifest == {"axe-core": axe_version, "socket.io-client": socketio_version}, "pin exact versions"
    assert f"Socket.IO v{socketio_version}\n" in (STATIC_DIR / "vendor" / "socket.io.min.js").read_text()[:200]
    assert f"axe v{axe_version}\n" in (VENDOR_DIR / "axe.min.js").read_text()[:200]


def test_widget_never_writes_html_from_strings():
    """Messages become DOM text nodes; the widget has no innerHTML/outerHTML/insertAdjacentHTML/document.write."""
    source = (STATIC_DIR / "signpost-widget.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in source, sink


def test_widget_stays_small():
    sizes = {name: (STATIC_DIR / name).stat().st_size for name in ("signpost-widget.js", "signpost-widget.css")}
    assert sum(sizes.values()) < 64 * 1024, sizes
