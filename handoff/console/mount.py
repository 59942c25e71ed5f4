"""Mounting the console under a prefix of the web app.

`mount_console(app, console)` does what `app.add_subapp("/console", console)` does. It exists because
aiohttp 3.9.5's sub-application resource resolves on `request.url`, which aiohttp builds with
`URL.build(host=request.host)`; yarl 1.25 (pinned in requirements.lock) rejects a host with a port
("Host '127.0.0.1:8000' cannot contain ':'"), so every request to a plain add_subapp mount fails
with a 500. This resource matches on `request.rel_url` instead, which is the same path.
"""

from __future__ import annotations

from functools import partial

from aiohttp import web
from aiohttp.web_exceptions import HTTPMethodNotAllowed
from aiohttp.web_urldispatcher import AbstractResource, PrefixedSubAppResource


class _RelUrlPrefixedSubAppResource(PrefixedSubAppResource):
    async def resolve(self, request: web.Request):  # type: ignore[no-untyped-def,override]
        path = request.rel_url.raw_path
        if not path.startswith(self._prefix2) and path != self._prefix:
            return None, set()
        match_info = await self._app.router.resolve(request)
        match_info.add_app(self._app)
        if isinstance(match_info.http_exception, HTTPMethodNotAllowed):
            methods = match_info.http_exception.allowed_methods
        else:
            methods = set()
        return match_info, methods


def mount_console(app: web.Application, console: web.Application, prefix: str = "/console") -> AbstractResource:
    """Mount `console` (from create_console_app) at `prefix` on `app`, before `app` starts."""
    prefix = prefix.rstrip("/")
    if not prefix.startswith("/"):
        raise ValueError("the console prefix must start with '/', e.g. /console")
    return app._add_subapp(partial(_RelUrlPrefixedSubAppResource, prefix, console), console)
