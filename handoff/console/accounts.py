"""Accounts, for admins: who holds which console role, and granting or withdrawing one (audited)."""

from __future__ import annotations

import html

from aiohttp import web

from handoff.console import sections
from handoff.console.pages import checked_form, console_state, render_page, signed_in
from handoff.models import ROLES
from handoff.store import NotFound


def _rows(request: web.Request, csrf_token: str) -> str:
    """One table row per account, a checkbox form per role (works without script)."""
    state = console_state(request)
    rows = []
    for account in state.store.accounts():
        cells = [f"<td>{html.escape(account.username)}</td>", f"<td>{html.escape(account.display_name)}</td>"]
        for role in ROLES:
            held = account.has_role(role)
            action = html.escape(str(request.app.router["accounts_role"].url_for(username=account.username)), quote=True)
            label = f"{'Withdraw' if held else 'Grant'} {role} role for {account.username}"
            cells.append(
                f'<td><form method="post" action="{action}" class="role-form">'
                f'<input type="hidden" name="csrf_token" value="{html.escape(csrf_token, quote=True)}">'
                f'<input type="hidden" name="role" value="{role}">'
                f'<input type="hidden" name="granted" value="{"no" if held else "yes"}">'
                f'<span class="held">{"Yes" if held else "No"}</span> '
                f'<button type="submit" aria-label="{html.escape(label, quote=True)}">{"Withdraw" if held else "Grant"}</button>'
                f"</form></td>")
        rows.append(f'<tr data-testid="account-{html.escape(account.username, quote=True)}">' + "".join(cells) + "</tr>")
    return "".join(rows)


async def accounts_page(request: web.Request) -> web.Response:
    signed = signed_in(request)
    header = "".join(f'<th scope="col" title="{html.escape(text, quote=True)}">{role}</th>' for role, text in ROLES.items())
    return render_page(request, "Accounts", "accounts.html", "accounts_page",
                               raw={"rows": _rows(request, signed.session.csrf_token), "role_headers": header},
                               message=_done_message(request, request.query.get("done", "")))


def _done_message(request: web.Request, done: str) -> str:
    """What the role form the page was sent back from did (?done=<role>:<granted|withdrawn>:<username>).

    Built here from checked parts only, so a link can't put words of its own on the admins' page.
    """
    role, _, rest = done.partition(":")
    change, _, username = rest.partition(":")
    if role not in ROLES or change not in ("granted", "withdrawn") or not username:
        return ""
    if console_state(request).store.advisor_by_username(username) is None:
        return ""
    return f"{role.capitalize()} role {'granted to' if change == 'granted' else 'withdrawn from'} {username}."


async def accounts_role(request: web.Request) -> web.StreamResponse:
    """Grant or withdraw one role from a form post; back to the page with what changed."""
    state, signed = console_state(request), signed_in(request)
    form = await checked_form(request, "accounts page")
    username, role = request.match_info["username"], str(form.get("role", ""))
    granted = form.get("granted") == "yes"
    try:
        state.store.set_role(username, role, granted)
    except NotFound:
        raise web.HTTPNotFound(text=f"No account {username!r}.") from None
    except ValueError as error:
        raise web.HTTPBadRequest(text=str(error)) from None
    state.store.audit(signed.advisor, "grant_role" if granted else "withdraw_role", f"{role} for {username}",
                      state.clock())
    done = f"{role}:{'granted' if granted else 'withdrawn'}:{username}"
    url = request.app.router["accounts_page"].url_for().with_query(done=done)
    raise web.HTTPSeeOther(str(url))


def add_routes(app: web.Application) -> None:
    app.router.add_get("/accounts", accounts_page, name="accounts_page")
    app.router.add_post("/accounts/{username}/roles", accounts_role, name="accounts_role")
    sections.require(app, sections.ADMIN, "accounts_page", "accounts_role")
