"""The console's sections and the role each needs: chats for advisors, directory for the directory team,
demand and gaps for commissioners, accounts for admins.

A feature adds its routes with `add_routes(app)` and names the role each route needs with
`require(app, role, *route_names)`; the console's middleware refuses the rest (403), so a directory
account never reaches a transcript and an advisor never reaches the commissioners' figures.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from aiohttp import web

ADMIN = "admin"  # not a role an account is granted: the account's is_admin flag


@dataclass(frozen=True)
class Section:
    role: str
    title: str
    route: str  # the name of the section's page route


SECTIONS = (
    Section("advisor", "Chats", "index"),
    Section("directory", "Directory", "directory_page"),
    Section("directory", "Listings to check", "review_page"),
    Section("commissioner", "Demand and gaps", "insight_page"),
    Section(ADMIN, "Accounts", "accounts_page"),
)
ROUTE_ROLES_KEY = web.AppKey("console_route_roles", dict)


def require(app: web.Application, role: str, *route_names: str) -> None:
    """Only accounts holding `role` (or admins, for ADMIN) may use these routes."""
    if ROUTE_ROLES_KEY not in app:
        app[ROUTE_ROLES_KEY] = {}
    roles = app[ROUTE_ROLES_KEY]
    for name in route_names:
        roles[name] = role


def may(account: object, role: str) -> bool:
    """Whether a console account may use what `role` guards."""
    if role == ADMIN:
        return bool(getattr(account, "is_admin", False))
    return bool(account.has_role(role))  # type: ignore[attr-defined]


def role_needed(app: web.Application, route_name: str) -> str | None:
    return app.get(ROUTE_ROLES_KEY, {}).get(route_name)


def open_sections(app: web.Application, account: object) -> list[Section]:
    """The sections this account may open, in console order, that this console serves."""
    return [s for s in SECTIONS if s.route in app.router.named_resources() and may(account, s.role)]


def nav_html(request: web.Request, account: object, current: str) -> str:
    """Links to the account's sections; the current one marked for screen readers."""
    links = []
    for section in open_sections(request.app, account):
        url = html.escape(str(request.app.router[section.route].url_for()), quote=True)
        here = ' aria-current="page"' if section.route == current else ""
        links.append(f'<li><a href="{url}"{here}>{html.escape(section.title)}</a></li>')
    return '<nav class="sections" aria-label="Console"><ul>' + "".join(links) + "</ul></nav>" if len(links) > 1 else ""


def refusal(role: str) -> str:
    if role == ADMIN:
        return "Only admins can do this."
    return f"Your account doesn't have the {role} role: ask an admin to grant it."
