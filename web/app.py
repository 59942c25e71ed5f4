"""The demo advice site: pages with the Signpost widget, its static files, a privacy notice, health.

`python -m web` serves it on 127.0.0.1:8000. Settings come from the environment:
SIGNPOST_WEB_HOST, SIGNPOST_WEB_PORT, SIGNPOST_RASA_URL (the Rasa server the widget talks to) and
SIGNPOST_SITE_ORIGIN (the advice site whose pages may send listing flags, web/listing_flags_api.py).
"""

from __future__ import annotations

import html
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from aiohttp import web

from web import listing_flags_api

WEB_DIR = Path(__file__).resolve().parent
STATIC_DIR = WEB_DIR / "static"
TEMPLATE_DIR = WEB_DIR / "templates"

log = logging.getLogger(__name__)

_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    rasa_url: str = "http://localhost:5005"
    title: str = "Signpost"
    primary_colour: str = "#005eb8"
    site_origin: str = ""  # comma-separated origins (never *) whose pages may POST listing flags
    trusted_proxies: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        parts = urlsplit(self.rasa_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"SIGNPOST_RASA_URL must be an http(s) URL, not {self.rasa_url!r}")
        if not _COLOUR.match(self.primary_colour):
            raise ValueError(f"primary colour must look like #005eb8, not {self.primary_colour!r}")
        object.__setattr__(self, "rasa_url", self.rasa_url.rstrip("/"))
        for origin in self.site_origins:
            parts = urlsplit(origin)
            if parts.scheme not in ("http", "https") or not parts.netloc or parts.path:
                raise ValueError(f"SIGNPOST_SITE_ORIGIN must list origins like https://advice.example.org, not {origin!r}")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        defaults = cls()
        port = env.get("SIGNPOST_WEB_PORT", "").strip()
        return cls(
            host=env.get("SIGNPOST_WEB_HOST", "").strip() or defaults.host,
            port=int(port) if port else defaults.port,
            rasa_url=env.get("SIGNPOST_RASA_URL", "").strip() or defaults.rasa_url,
            site_origin=env.get("SIGNPOST_SITE_ORIGIN", "").strip(),
            trusted_proxies=frozenset(p.strip() for p in env.get("SIGNPOST_TRUSTED_PROXIES", "").split(",") if p.strip()),
        )

    @property
    def site_origins(self) -> tuple[str, ...]:
        return tuple(o.strip().rstrip("/") for o in self.site_origin.split(",") if o.strip())

    @property
    def rasa_origins(self) -> tuple[str, str]:
        """The Rasa server's origin over HTTP and over WebSocket, for connect-src."""
        parts = urlsplit(self.rasa_url)
        ws = "wss" if parts.scheme == "https" else "ws"
        return f"{parts.scheme}://{parts.netloc}", f"{ws}://{parts.netloc}"


SETTINGS_KEY = web.AppKey("settings", Settings)


def content_security_policy(settings: Settings) -> str:
    http_origin, ws_origin = settings.rasa_origins
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            f"connect-src 'self' {http_origin} {ws_origin}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def security_headers(settings: Settings) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(settings),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    }


def render(name: str, **values: str) -> str:
    """Fill {{name}} placeholders in a template with HTML-escaped values."""
    text = (TEMPLATE_DIR / name).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", html.escape(value, quote=True))
    leftover = re.search(r"\{\{\s*\w+\s*\}\}", text)
    if leftover:
        raise KeyError(f"{name}: no value for {leftover.group(0)}")
    return text


def create_app(settings: Settings | None = None, database_url: str | None = None) -> web.Application:
    """The site; listing flags go to `database_url` (default: the directory's, SIGNPOST_DATABASE_URL)."""
    from directory.settings import Settings as DirectorySettings

    settings = settings or Settings.from_env()
    headers = security_headers(settings)
    widget = dict(
        rasa_url=settings.rasa_url,
        title=settings.title,
        primary_colour=settings.primary_colour,
    )

    def page(template: str):
        async def handler(request: web.Request) -> web.Response:
            response = web.Response(text=render(template, **widget), content_type="text/html", charset="utf-8")
            # Pages about domestic abuse should not linger in a shared computer's cache.
            response.headers["Cache-Control"] = "no-store"
            return response

        return handler

    async def healthz(request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def add_headers(request: web.Request, response: web.StreamResponse) -> None:
        for key, value in headers.items():
            response.headers.setdefault(key, value)

    app = web.Application()
    app[SETTINGS_KEY] = settings
    app.router.add_get("/", page("index.html"), name="index")
    app.router.add_get("/about", page("about.html"), name="about")
    app.router.add_get("/privacy", page("privacy.html"), name="privacy")
    app.router.add_get("/healthz", healthz, name="healthz")
    listing_flags_api.add_routes(app, listing_flags_api.ListingFlagsApi(
        database_url or DirectorySettings.from_env().database_url, settings.site_origins, settings.trusted_proxies))
    app.router.add_static("/static/", STATIC_DIR, name="static", append_version=False)
    app.on_response_prepare.append(add_headers)
    return app


def mount_advisor_console(app: web.Application, settings: Settings) -> None:
    """The advisor console (handoff package) at /console, in the same process as the site."""
    from directory.settings import Settings as DirectorySettings
    from handoff.console import create_console_app, mount_console

    token = os.environ.get("SIGNPOST_RASA_TOKEN", "")
    mount_console(app, create_console_app(DirectorySettings.from_env().database_url, settings.rasa_url, token))


def mount_oruk_api(app: web.Application) -> None:
    """The read-only Open Referral UK 3.0 API (directory.oruk_api) at /oruk/, over the same directory."""
    from directory.oruk_api import create_oruk_app
    from directory.service_directory import ServiceDirectory
    from handoff.console.mount import mount_console  # add_subapp that works with aiohttp 3.9.5 and yarl 1.25

    mount_console(app, create_oruk_app(ServiceDirectory()), prefix="/oruk")


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = Settings.from_env()
    log.info("Signpost demo site on http://%s:%s/ (advisor console at /console/, ORUK API at /oruk/) talking to Rasa at %s",
             settings.host, settings.port, settings.rasa_url)
    app = create_app(settings)
    mount_advisor_console(app, settings)
    mount_oruk_api(app)
    web.run_app(app, host=settings.host, port=settings.port, print=None)


if __name__ == "__main__":
    main()
