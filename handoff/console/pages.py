"""What every console page and API handler shares: the signed-in account, CSRF, URLs, templates, errors.

Feature modules (accounts, the directory team's pages, the commissioners' page) build on these, so
they never import the console application module itself.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from aiohttp import web

from handoff.console import auth, sections

if TYPE_CHECKING:
    from handoff.console.app import ConsoleState

CONSOLE_DIR = Path(__file__).resolve().parent
CSRF_HEADER = "X-CSRF-Token"
STATE_KEY: web.AppKey[Any] = web.AppKey("handoff_console_state", object)


def console_state(request: web.Request) -> ConsoleState:
    """The console's ConsoleState (store, Rasa client, settings, hours, clock)."""
    return request.config_dict[STATE_KEY]


def url(request: web.Request, name: str, **parts: str) -> str:
    return str(request.app.router[name].url_for(**parts))


def render(name: str, raw: dict[str, str] | None = None, **values: str) -> str:
    """A template with `values` escaped into it; `raw` holds markup built and escaped by the caller.

    One pass over the template, so a value that looks like a placeholder is never filled in turn.
    """
    text = (CONSOLE_DIR / "templates" / name).read_text(encoding="utf-8")
    raw = raw or {}

    def fill(match: re.Match[str]) -> str:
        key = match.group(1)
        if key in raw:
            return raw[key]
        if key in values:
            return html.escape(values[key], quote=True)
        raise KeyError(f"{name}: no value for {match.group(0)}")

    return re.sub(r"\{\{\s*(\w+)\s*\}\}", fill, text)


def json_error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def signed_in(request: web.Request) -> Any:
    """The Signed (session, advisor) the middleware put on this request."""
    return request["signed"]


def csrf_ok(request: web.Request, signed: Any, form_token: str | None = None) -> bool:
    given = request.headers.get(CSRF_HEADER) or form_token
    return auth.tokens_match(given, signed.session.csrf_token)


async def checked_form(request: web.Request, page_name: str) -> dict[str, str]:
    """A page form's fields, once its CSRF token matches the session's (403 saying what to do if not)."""
    form = await request.post()
    if not csrf_ok(request, signed_in(request), str(form.get("csrf_token", ""))):
        raise web.HTTPForbidden(text=f"Missing or wrong CSRF token: reload the {page_name} and try again.")
    return {key: str(value) for key, value in form.items()}


def same_origin(request: web.Request) -> bool:
    """Whether a browser's Origin is this host; no Origin means not a browser page (nothing to refuse)."""
    origin = request.headers.get("Origin")
    return origin is None or urlsplit(origin).netloc == request.host


def render_page(request: web.Request, title: str, fragment: str, current: str, *, raw: dict[str, str] | None = None,
                scripts: tuple[str, ...] = (), status: int = 200, **values: str) -> web.Response:
    """A console page: the account's header (who, sign out, its sections) around a template fragment.

    The fragment gets `values` escaped, `raw` as built markup, and the page's csrf_token, base and static.
    """
    signed = signed_in(request)
    common = {"csrf_token": signed.session.csrf_token, "base": url(request, "index"),
              "static": url(request, "index") + "static"}
    content = render(fragment, raw=raw, **common, **values)
    tags = "".join(f'<script src="{html.escape(common["static"] + "/" + name, quote=True)}"></script>' for name in scripts)
    page = render("page.html", raw={"nav": sections.nav_html(request, signed.advisor, current), "content": content,
                                     "scripts": tags},
                   title=title, advisor=signed.advisor.display_name, username=signed.advisor.username,
                   signout=url(request, "signout"), **common)
    return web.Response(text=page, content_type="text/html", charset="utf-8", status=status)
