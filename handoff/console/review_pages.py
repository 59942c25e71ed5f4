"""Listings to check, for the directory team: services past their review interval first, with when and by
whom each was last checked and "Mark as checked today"; workers' open flags by service, closed with a note.

Plain forms (CSRF token in each), so the page works without script; every change is audited.
"""

from __future__ import annotations

import html
from datetime import date

from aiohttp import web
from sqlalchemy.orm import Session, sessionmaker

from directory import freshness, listing_flags
from directory.settings import Settings as DirectorySettings
from handoff.console import sections
from handoff.console.pages import STATE_KEY, checked_form, console_state, render_page, signed_in

REVIEW_MONTHS_KEY = web.AppKey("review_months", int)
SESSIONS_KEY = web.AppKey("review_sessions", sessionmaker)
DONE = {"checked": "Marked {} as checked today.", "closed": "Closed a flag on {}."}


def _sessions(request: web.Request) -> sessionmaker[Session]:
    return request.config_dict[SESSIONS_KEY]


def _today(request: web.Request) -> date:
    return freshness.uk_today(console_state(request).clock())


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _day(day: date | None) -> str:
    return f"{day.day} {freshness.month_year(day)}" if day else "Never"


def _form(action: str, csrf: str, button: str, label: str, extra: str = "") -> str:
    return (f'<form method="post" action="{_e(action)}" class="role-form">'
            f'<input type="hidden" name="csrf_token" value="{_e(csrf)}">{extra}'
            f'<button type="submit" aria-label="{_e(label)}">{_e(button)}</button></form>')


def _review_rows(request: web.Request, items: list[freshness.ReviewItem], counts: dict[str, int], csrf: str) -> str:
    rows = []
    for item in items:
        action = str(request.app.router["review_checked"].url_for(service_id=item.service_id))
        by = {"": "", freshness.IMPORT: "the imported file"}.get(item.checked_by, item.checked_by)
        flags = counts.get(item.service_id, 0)
        rows.append(
            f'<tr data-testid="review-{_e(item.service_id)}">'
            f"<td>{_e(item.name)}<br><small>{_e(item.organisation)}</small></td>"
            f"<td>{'<strong>Due for review</strong>' if item.due else 'Up to date'}</td>"
            f"<td>{_e(_day(item.last_checked))}</td><td>{_e(by)}</td>"
            f"<td>{flags or ''}</td>"
            f"<td>{_form(action, csrf, 'Mark as checked today', f'Mark as checked today: {item.name}')}</td></tr>")
    return "".join(rows)


def _flag_groups(request: web.Request, groups: list[listing_flags.FlaggedService], csrf: str) -> str:
    if not groups:
        return '<p class="empty" data-testid="no-flags">No open flags.</p>'
    parts = []
    for group in groups:
        name = group.name or f"{group.service_id} (no longer in the directory)"
        count = len(group.flags)
        items = []
        for flag in group.flags:
            action = str(request.app.router["review_close_flag"].url_for(flag_id=str(flag.id)))
            note_id = f"note-{flag.id}"
            extra = (f'<label for="{note_id}">Note</label> '
                     f'<input id="{note_id}" name="note" maxlength="{listing_flags.MAX_NOTE}" required '
                     f'aria-describedby="flag-text-{flag.id}">')
            items.append(f'<li data-testid="flag-{flag.id}"><p id="flag-text-{flag.id}">{_e(flag.what_is_wrong)} '
                         f"<small>(sent {_e(_day(flag.reported_on))})</small></p>"
                         f"{_form(action, csrf, 'Close with a note', f'Close with a note: flag {flag.id} on {name}', extra)}"
                         "</li>")
        parts.append(f'<section class="flagged" data-testid="flags-{_e(group.service_id)}" aria-label="{_e(name)}">'
                     f"<h4>{_e(name)}: {count} open flag{'s' if count != 1 else ''}</h4><ul>{''.join(items)}</ul>"
                     "</section>")
    return "".join(parts)


async def review_page(request: web.Request) -> web.Response:
    return await _page(request, done=request.query.get("done", ""))


async def _page(request: web.Request, done: str = "", message: str = "", status: int = 200) -> web.Response:
    """The page; `message` is said as it is, `done` (a ?done= code) only if it names a listed service."""
    signed = signed_in(request)
    months = request.config_dict[REVIEW_MONTHS_KEY]
    with _sessions(request)() as session:
        items = freshness.due_for_review(session, _today(request), months)
        groups = listing_flags.open_flags(session)
    counts = {g.service_id: len(g.flags) for g in groups}
    csrf = signed.session.csrf_token
    due = sum(1 for i in items if i.due)
    return render_page(request, "Listings to check", "review.html", "review_page",
                       raw={"rows": _review_rows(request, items, counts, csrf), "flags": _flag_groups(request, groups, csrf)},
                       message=message or _done_message(items, done), months=str(months), status=status,
                       due=f"{due} of {len(items)} services due for review")


def _done_message(items: list[freshness.ReviewItem], done: str) -> str:
    """What the form the page was sent back from did (?done=checked:<service id> or closed:<service id>).

    Built here from checked parts only, so a link can't put words of its own on the team's page.
    """
    what, _, service_id = done.partition(":")
    if what not in DONE or not any(item.service_id == service_id for item in items):
        return ""
    return DONE[what].format(service_id)


def _back(request: web.Request, done: str) -> web.HTTPSeeOther:
    return web.HTTPSeeOther(str(request.app.router["review_page"].url_for().with_query(done=done)))


async def review_checked(request: web.Request) -> web.StreamResponse:
    """Mark one service as checked with its provider today (no re-import)."""
    state, signed = console_state(request), signed_in(request)
    await checked_form(request, "Listings to check page")
    service_id = request.match_info["service_id"]
    try:
        with _sessions(request).begin() as session:
            freshness.mark_checked(session, service_id, signed.advisor.username, _today(request))
    except freshness.UnknownService as error:
        raise web.HTTPNotFound(text=str(error)) from None
    state.store.audit(signed.advisor, "mark_listing_checked", f"service {service_id}", state.clock())
    raise _back(request, f"checked:{service_id}")


async def review_close_flag(request: web.Request) -> web.StreamResponse:
    """Close one flag with the team's note."""
    state, signed = console_state(request), signed_in(request)
    form = await checked_form(request, "Listings to check page")
    try:
        flag_id = int(request.match_info["flag_id"])
        with _sessions(request).begin() as session:
            flag = listing_flags.close_flag(session, flag_id, form.get("note", ""), signed.advisor.username,
                                            _today(request))
            service_id = flag.service_id
    except listing_flags.FlagRefused as refused:
        return await _page(request, message=f"Not closed: {refused}", status=400)
    except (ValueError, LookupError) as error:
        raise web.HTTPNotFound(text=str(error) if isinstance(error, LookupError) else "No such flag.") from None
    state.store.audit(signed.advisor, "close_listing_flag", f"flag {flag_id} on service {service_id}", state.clock())
    raise _back(request, f"closed:{service_id}")


def add_routes(app: web.Application) -> None:
    app[REVIEW_MONTHS_KEY] = DirectorySettings.from_env().review_months
    app[SESSIONS_KEY] = sessionmaker(app[STATE_KEY].store.engine, future=True, expire_on_commit=False)
    app.router.add_get("/listings", review_page, name="review_page")
    app.router.add_post("/listings/{service_id}/checked", review_checked, name="review_checked")
    app.router.add_post("/listings/flags/{flag_id}/close", review_close_flag, name="review_close_flag")
    sections.require(app, "directory", "review_page", "review_checked", "review_close_flag")
