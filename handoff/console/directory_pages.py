"""The directory team's page: upload a spreadsheet CSV or Open Referral UK JSON file, read its problems by row
and field or a preview of what it would change, confirm to import exactly what was previewed, download the
directory, and put back the version before any import. Every action is in the console's audit log.

A preview is kept in memory under a random token for PREVIEW_MINUTES, for the account that made it; the
import it confirms is refused if the directory changed since (directory.versions checks the fingerprint).
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import re
import secrets
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Optional
from zoneinfo import ZoneInfo

from aiohttp import BodyPartReader, web
from sqlalchemy.exc import SQLAlchemyError

from directory import versions
from directory.problems import InvalidDirectoryFile, Problem
from directory.records import ServiceRecord
from directory.service_directory import ServiceDirectory
from directory.transfer import MAX_FILE_BYTES, export_records, read_file
from handoff.console import sections
from handoff.console.pages import checked_form, console_state, csrf_ok, render, render_page, signed_in, url

PREVIEW_MINUTES = 30
MAX_PREVIEWS = 10  # previews held at once (each holds a parsed file); the oldest goes first
ROUTES = ("directory_page", "directory_upload", "directory_confirm", "directory_restore", "directory_download")
FORMATS = {"csv": ("text/csv", ".csv"), "oruk": ("application/json", ".json")}
AGAIN = "Fix each one in your file, save it and upload it again."


@dataclass
class PendingImport:
    """A checked file waiting for its Confirm: exactly these records go in."""

    advisor_id: int
    records: list[ServiceRecord]
    file_name: str
    file_sha256: str
    replace_all: bool
    fingerprint: str
    made: datetime


@dataclass
class DirectoryPages:
    """Per console: the directory it serves (opened on first use) and the previews waiting for a confirm."""

    directory: Optional[ServiceDirectory] = None
    pending: dict[str, PendingImport] = field(default_factory=dict)

    def open(self, database_url: str) -> ServiceDirectory:
        if self.directory is None:
            self.directory = ServiceDirectory(database_url)
        return self.directory

    def keep(self, pending: PendingImport) -> str:
        self._forget_old(pending.made)
        while len(self.pending) >= MAX_PREVIEWS:
            self.pending.pop(next(iter(self.pending)))
        token = secrets.token_urlsafe(24)
        self.pending[token] = pending
        return token

    def take(self, token: str, advisor_id: int, now: datetime) -> Optional[PendingImport]:
        """The account's own preview, once; None when unknown, used, expired or someone else's."""
        self._forget_old(now)
        found = self.pending.get(token)
        if found is None or found.advisor_id != advisor_id:
            return None
        return self.pending.pop(token)

    def _forget_old(self, now: datetime) -> None:
        for token, pending in list(self.pending.items()):
            if now - pending.made > timedelta(minutes=PREVIEW_MINUTES):
                del self.pending[token]


PAGES_KEY = web.AppKey("directory_pages", DirectoryPages)


def _pages(request: web.Request) -> DirectoryPages:
    return request.app[PAGES_KEY]


def _directory(request: web.Request) -> ServiceDirectory:
    return _pages(request).open(console_state(request).settings.database_url)


# --- the page ---


async def directory_page(request: web.Request) -> web.Response:
    return await _page(request, done=request.query.get("done", ""))


async def _page(request: web.Request, outcome: str = "", status: int = 200, done: str = "") -> web.Response:
    history = await asyncio.to_thread(versions.history, _directory(request).sessions)
    message = _done_message(history, done)
    return render_page(
        request, "Directory", "directory.html", "directory_page", status=status, scripts=("directory.js",),
        raw={"outcome": outcome, "history": _history_html(request, history)},
        message=message, done_hidden="" if message else "hidden", upload=url(request, "directory_upload"),
        max_bytes=str(MAX_FILE_BYTES), max_mb=str(MAX_FILE_BYTES // 1_048_576),
        download_csv=url(request, "directory_download", fmt="csv"),
        download_oruk=url(request, "directory_download", fmt="oruk"))


def _done_message(history: list[versions.DirectoryVersion], done: str) -> str:
    """What the import or restore the page was sent back from did (?done=<version id>)."""
    found = [v for v in history if str(v.id) == done]
    if not found:
        return ""
    v = found[0]
    what = f"Imported {v.file_name}" if v.kind == "import" else f"Restored the {v.file_name}"
    return (f"{what}: {v.added} added, {v.changed} changed, {v.removed} removed; {v.services} services now. "
            "To undo it, use the first Restore button in the import history.")


def _history_html(request: web.Request, history: list[versions.DirectoryVersion]) -> str:
    if not history:
        return '<p class="empty" data-testid="history-empty">No imports from the console or the command line yet.</p>'
    csrf = html.escape(signed_in(request).session.csrf_token, quote=True)
    zone = ZoneInfo(console_state(request).hours.timezone)
    rows = "".join(_history_row(request, v, csrf, zone) for v in history)
    return render("directory_history.html", raw={"rows": rows})


def _history_row(request: web.Request, v: versions.DirectoryVersion, csrf: str, zone: ZoneInfo) -> str:
    """One import or restore: who, when, the file and its hash, the counts, and its Restore button."""
    what = "Import" if v.kind == "import" else f"Restore (of the version before {v.restored_from})"
    label = html.escape(f"Restore the version before this {v.kind} (no. {v.id})", quote=True)
    action = html.escape(url(request, "directory_restore", version_id=str(v.id)), quote=True)
    when = v.at.replace(tzinfo=UTC).astimezone(zone)
    restore = (f'<form method="post" action="{action}" data-busy="Restoring…">'
               f'<input type="hidden" name="csrf_token" value="{csrf}">'
               f'<button type="submit" aria-label="{label}" data-testid="restore-{v.id}">'
               f"Restore the version before this {html.escape(v.kind)}</button></form>")
    cells = [("No.", str(v.id)),
             ("When", f'<time datetime="{when.isoformat()}">{html.escape(when.strftime("%-d %b %Y, %H:%M %Z"))}</time>'),
             ("Who", html.escape(v.who)), ("What", html.escape(what)),
             ("File and its SHA-256", f'{html.escape(v.file_name)}<br><code title="SHA-256">{v.file_sha256}</code>'),
             ("Added", str(v.added)), ("Changed", str(v.changed)), ("Removed", str(v.removed)),
             ("Services after", str(v.services)), ("Undo", restore)]
    return f'<tr data-testid="version-{v.id}">{_cells(cells)}</tr>'


# --- upload: problems or a preview ---


@dataclass
class Upload:
    csrf_token: str = ""
    replace_all: bool = False
    file_name: str = ""
    data: bytes = b""
    too_large: bool = False


async def _read_upload(request: web.Request) -> Upload:
    """The multipart form, streamed: the file part is read only up to MAX_FILE_BYTES (+1 to tell it is over)."""
    upload = Upload()
    reader = await request.multipart()
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader):
            continue
        if part.name == "file":
            upload.file_name = Path(part.filename or "").name
            upload.data = await _read_capped(part, MAX_FILE_BYTES + 1)
            upload.too_large = len(upload.data) > MAX_FILE_BYTES
            if upload.too_large:
                break
        elif part.name in ("csrf_token", "mode"):
            value = (await _read_capped(part, 200)).decode("utf-8", "replace")
            if part.name == "csrf_token":
                upload.csrf_token = value
            else:
                upload.replace_all = value == "replace"
    return upload


async def _read_capped(part: BodyPartReader, limit: int) -> bytes:
    chunks, size = [], 0
    while size < limit and (chunk := await part.read_chunk(min(65536, limit - size))):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


async def directory_upload(request: web.Request) -> web.Response:
    state, signed = console_state(request), signed_in(request)
    upload = await _read_upload(request)
    if not csrf_ok(request, signed, upload.csrf_token):
        raise web.HTTPForbidden(text="Missing or wrong CSRF token: reload the directory page and upload the file again.")
    digest = hashlib.sha256(upload.data).hexdigest()
    try:
        records = await asyncio.to_thread(_check_file, _directory(request), upload)
    except InvalidDirectoryFile as error:
        state.store.audit(signed.advisor, "directory_file_refused",
                          f"file sha256 {digest[:16]}: {len(error.problems)} problem(s)", state.clock())
        return await _page(request, _problems_html(upload.file_name or "The file", error.problems), status=422)
    current = await asyncio.to_thread(versions.current, _directory(request).sessions)
    change = versions.preview(current, records, upload.replace_all)
    token = _pages(request).keep(PendingImport(signed.advisor.id, records, upload.file_name, digest,
                                               upload.replace_all, versions.fingerprint(current), state.clock()))
    added, changed, removed = change.counts
    state.store.audit(signed.advisor, "directory_preview",
                      f"file sha256 {digest[:16]}: would add {added}, change {changed}, remove {removed}", state.clock())
    return await _page(request, _preview_html(request, upload.file_name, change, token))


def _check_file(directory: ServiceDirectory, upload: Upload) -> list[ServiceRecord]:
    """The upload parsed and validated as `python -m directory import` does; InvalidDirectoryFile if not fit."""
    suffix = Path(upload.file_name).suffix.lower()
    if upload.too_large:
        raise InvalidDirectoryFile([Problem(f"the file is larger than {MAX_FILE_BYTES // 1_048_576} MB, the most the "
                                            "directory takes; check you chose the directory file")])
    if not upload.file_name:
        raise InvalidDirectoryFile([Problem("no file was chosen; choose your .csv or .json file and upload it")])
    if suffix not in (".csv", ".json"):
        raise InvalidDirectoryFile([Problem(f"'{upload.file_name}' should end in .csv or .json; in a spreadsheet, "
                                            "use Save as and choose 'CSV UTF-8'")])
    with tempfile.TemporaryDirectory(prefix="signpost-upload-") as folder:
        path = Path(folder) / (_safe_stem(upload.file_name) + suffix)
        path.write_bytes(upload.data)
        return read_file(path, directory.resolver)


def _safe_stem(name: str) -> str:
    return re.sub(r"[^\w.-]", "_", Path(name).stem)[:80] or "upload"


HINTS = {
    "id": "Give each service its own id: lower-case letters, digits and hyphens.",
    "coverage": "Write each area as 'kind: Name', separated by ';', spelled as in the example file.",
    "location_postcodes": "Check the postcode against the service's address, or leave the cell empty.",
    "phones": "Correct the number, or leave the cell empty if it isn't known.",
    "emails": "Correct the address, or leave the cell empty if it isn't known.",
    "secure_emails": "Correct the address, or leave the cell empty if it isn't known.",
    "websites": "Correct the web address, or leave the cell empty if it isn't known.",
}
LIST_HINT = "Use only the words listed, separated by ';'."
NUMBER_HINT = "Type a number in the range, or leave the cell empty if it isn't known."
REQUIRED_HINT = "Fill in this cell: every service needs it."


def hint(problem: Problem) -> str:
    """What to do next about one problem."""
    if problem.field in HINTS:
        return HINTS[problem.field]
    if problem.message == "is required":
        return REQUIRED_HINT
    if "is not one of" in problem.message:
        return LIST_HINT
    if problem.field and ("between" in problem.message or "plausible" in problem.message or " more than " in problem.message):
        return NUMBER_HINT
    if problem.row == 1:
        return "Fix the header row: copy it from the example file (directory/data/example_services.csv)."
    if problem.field:
        return "Correct this cell in your file."
    return "Fix the file as the message says, save it and upload it again."


def _cells(cells: list[tuple[str, str]]) -> str:
    """Table cells from (column, markup); the column names label each cell where a narrow screen stacks the rows."""
    return "".join(f'<td data-label="{html.escape(label, quote=True)}">{markup}</td>' for label, markup in cells)


def _problems_html(file_name: str, problems: list[Problem]) -> str:
    """The problems in row order (those about the whole file first), each with what to do next."""
    problems = sorted(problems, key=lambda p: (p.row is not None, p.row or 0))
    rows = "".join("<tr>" + _cells([
        ("Row", "" if p.row is None else str(p.row)), ("Service", html.escape(p.service_id or "")),
        ("Field", html.escape(p.field or "")), ("Problem", html.escape(p.message)), ("What to do", html.escape(hint(p)))])
        + "</tr>" for p in problems)
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    return render("directory_problems.html", raw={"rows": rows}, file_name=file_name, count=count, again=AGAIN)


def _preview_html(request: web.Request, file_name: str, change: versions.Preview, token: str) -> str:
    added, changed, removed = change.counts
    same = "stays as it is" if change.unchanged == 1 else "stay as they are"
    summary = (f"Importing it would add {_services(added)}, change {_services(changed)} and remove "
               f"{_services(removed)}; {_services(change.unchanged)} in the file {same}. Nothing has been written yet.")
    if not change.changes_anything:
        summary = "This file matches the directory: importing it would change nothing, so there is nothing to confirm."
    confirm = render("directory_confirm.html", csrf_token=signed_in(request).session.csrf_token, token=token,
                     action=url(request, "directory_confirm"), cancel=url(request, "directory_page"),
                     minutes=str(PREVIEW_MINUTES)) if change.changes_anything else ""
    return render("directory_preview.html", file_name=file_name, summary=summary, raw={
        "added": _service_list("Added", "added", change.added),
        "changed": _changed_html(change.changed),
        "removed": _service_list("Removed", "removed", change.removed),
        "confirm": confirm})


def _services(count: int) -> str:
    return f"{count} service{'s' if count != 1 else ''}"


def _service_list(title: str, key: str, records: list[ServiceRecord]) -> str:
    if not records:
        return ""
    rows = "".join(f"<tr><td><code>{html.escape(r.id)}</code></td><td>{html.escape(r.name)}</td>"
                   f"<td>{html.escape(r.organisation)}</td></tr>" for r in records)
    return (f'<h4 id="preview-{key}">{title}: {_services(len(records))}</h4>'
            f'<div class="table-wrap" role="region" aria-labelledby="preview-{key}" tabindex="0">'
            f'<table data-testid="preview-{key}"><thead><tr><th scope="col">Id</th><th scope="col">Name</th>'
            f'<th scope="col">Organisation</th></tr></thead><tbody>{rows}</tbody></table></div>')


def _changed_html(changes: list[versions.ServiceChange]) -> str:
    if not changes:
        return ""
    parts = [f'<h4 id="preview-changed">Changed: {_services(len(changes))}</h4>']
    for change in changes:
        rows = "".join(f'<tr><th scope="row">{html.escape(f.field)}</th><td class="old">{_value(f.old)}</td>'
                       f'<td class="new">{_value(f.new)}</td></tr>' for f in change.fields)
        caption = f"{html.escape(change.name)} (<code>{html.escape(change.service_id)}</code>)"
        service_id = html.escape(change.service_id, quote=True)
        parts.append(f'<div class="table-wrap" role="region" aria-label="Changes to {service_id}" tabindex="0">'
                     f'<table class="changes" data-testid="changed-{service_id}">'
                     f'<caption>{caption}</caption><thead><tr><th scope="col">Field</th><th scope="col">Now</th>'
                     f'<th scope="col">After the import</th></tr></thead><tbody>{rows}</tbody></table></div>')
    return "".join(parts)


def _value(value: Any) -> str:
    text = versions.shown(value)
    return html.escape(text) if text else '<span class="blank">(blank)</span>'


# --- confirm, restore, download ---


async def directory_confirm(request: web.Request) -> web.StreamResponse:
    state, signed = console_state(request), signed_in(request)
    form = await checked_form(request, "directory page")
    pending = _pages(request).take(form.get("token", ""), signed.advisor.id, state.clock())
    if pending is None:
        return await _page(request, _notice("This preview has expired or was already used: upload the file again "
                                            "to see what it would change now."), status=410)
    try:
        version = await asyncio.to_thread(
            versions.apply, _directory(request).sessions, pending.records, who=signed.advisor.username,
            file_name=pending.file_name, file_sha256=pending.file_sha256, replace_all=pending.replace_all,
            expected=pending.fingerprint, now=state.clock())
    except versions.DirectoryChanged:
        state.store.audit(signed.advisor, "directory_import_refused", f"file sha256 {pending.file_sha256[:16]}: "
                          "the directory changed since the preview", state.clock())
        return await _page(request, _notice("Nothing was imported: the directory changed since your preview (another "
                                            "import or a restore). Upload the file again to see what it would "
                                            "change now."), status=409)
    except SQLAlchemyError:
        state.store.audit(signed.advisor, "directory_import_failed", f"file sha256 {pending.file_sha256[:16]}: "
                          "nothing written", state.clock())
        return await _page(request, _notice("The import failed while it was being written, so nothing was changed. "
                                            "Upload the file again; if it fails again, ask your technical team."),
                           status=500)
    state.store.audit(signed.advisor, "directory_import", f"version {version.id}, file sha256 "
                      f"{version.file_sha256[:16]}: {version.added} added, {version.changed} changed, "
                      f"{version.removed} removed", state.clock())
    raise web.HTTPSeeOther(str(request.app.router["directory_page"].url_for().with_query(done=str(version.id))))


async def directory_restore(request: web.Request) -> web.StreamResponse:
    state, signed = console_state(request), signed_in(request)
    await checked_form(request, "directory page")
    try:
        version_id = int(request.match_info["version_id"])
        version = await asyncio.to_thread(versions.restore, _directory(request).sessions, version_id,
                                          who=signed.advisor.username, now=state.clock())
    except (ValueError, versions.NoSuchVersion):
        return await _page(request, _notice("There is no such version: reload the page and choose one from the "
                                            "import history."), status=404)
    except SQLAlchemyError:
        return await _page(request, _notice("The restore failed, so nothing was changed. Try again; if it fails "
                                            "again, ask your technical team."), status=500)
    state.store.audit(signed.advisor, "directory_restore", f"version {version.id} put back the directory before "
                      f"version {version_id}", state.clock())
    raise web.HTTPSeeOther(str(request.app.router["directory_page"].url_for().with_query(done=str(version.id))))


async def directory_download(request: web.Request) -> web.Response:
    state, signed = console_state(request), signed_in(request)
    fmt = request.match_info["fmt"]
    if fmt not in FORMATS:
        raise web.HTTPNotFound(text="Download 'csv' or 'oruk'.")
    text = await asyncio.to_thread(export_records, _directory(request).sessions, fmt)
    state.store.audit(signed.advisor, "directory_download", fmt, state.clock())
    content_type, suffix = FORMATS[fmt]
    name = f"signpost-directory-{state.clock().date().isoformat()}{suffix}"
    return web.Response(text=text, content_type=content_type, charset="utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _notice(text: str) -> str:
    return (f'<p class="error outcome-notice" role="alert" tabindex="-1" data-focus data-testid="directory-error">'
            f"{html.escape(text)}</p>")


def add_routes(app: web.Application) -> None:
    app[PAGES_KEY] = DirectoryPages()
    r = app.router
    r.add_get("/directory", directory_page, name="directory_page")
    r.add_post("/directory/upload", directory_upload, name="directory_upload")
    r.add_post("/directory/confirm", directory_confirm, name="directory_confirm")
    r.add_post("/directory/versions/{version_id}/restore", directory_restore, name="directory_restore")
    r.add_get("/directory/download/{fmt}", directory_download, name="directory_download")
    sections.require(app, "directory", *ROUTES)
