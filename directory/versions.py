"""Versions of the directory: what an import would change, the import itself with its audit row, and one-step
restores.

Before every import or restore the whole directory as it stood is kept (its records as JSON) beside who did
it, when, from which file (name and SHA-256) and how many services were added, changed and removed; so the
version before any import can be put back in one step, and a restore is itself recorded and restorable.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, date, datetime
from typing import Any, Optional

from sqlalchemy import Column, DateTime, Integer, String, Text, select, text
from sqlalchemy.orm import Session, sessionmaker

from directory import store
from directory.models import Base, DirectoryImport
from directory.records import ContactPoint, Coverage, ServiceRecord
from directory.transfer import write_records

COMMAND_LINE = "command line"


class DirectoryVersion(Base):
    """One import or restore: the directory as it was just before it (`snapshot`), and what it changed."""

    __tablename__ = "directory_version"
    id = Column(Integer, primary_key=True, autoincrement=True)
    at = Column(DateTime, nullable=False)  # UTC
    who = Column(String(100), nullable=False)  # a console username, or "command line"
    kind = Column(String(10), nullable=False)  # import|restore
    file_name = Column(String(300), nullable=False)
    file_sha256 = Column(String(64), nullable=False)
    services = Column(Integer, nullable=False)  # in the directory afterwards
    added = Column(Integer, nullable=False)
    changed = Column(Integer, nullable=False)
    removed = Column(Integer, nullable=False)
    restored_from = Column(Integer)  # for a restore: the version whose snapshot was put back
    snapshot = Column(Text, nullable=False)  # the whole directory before, as JSON records


class DirectoryChanged(RuntimeError):
    """The directory is no longer the one a preview was made against."""

    def __init__(self) -> None:
        super().__init__("the directory changed since the preview (another import or a restore); "
                         "upload the file again to see what it would change now")


class NoSuchVersion(LookupError):
    def __init__(self, version_id: Optional[int]) -> None:
        super().__init__("there is no import to undo yet" if version_id is None else
                         f"there is no directory version {version_id}; reload the import history")


# --- what would change ---


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ServiceChange:
    service_id: str
    name: str
    fields: list[FieldChange]


@dataclass
class Preview:
    """What importing `incoming` over `current` would do; `removed` only when the file replaces the directory."""

    added: list[ServiceRecord] = field(default_factory=list)
    changed: list[ServiceChange] = field(default_factory=list)
    removed: list[ServiceRecord] = field(default_factory=list)
    unchanged: int = 0

    @property
    def counts(self) -> tuple[int, int, int]:
        return len(self.added), len(self.changed), len(self.removed)

    @property
    def changes_anything(self) -> bool:
        return any(self.counts)


def preview(current: list[ServiceRecord], incoming: list[ServiceRecord], replace_all: bool = False) -> Preview:
    """Services added, changed (field by field) and, when `replace_all`, removed; in file and id order."""
    before = {r.id: r for r in current}
    result = Preview()
    for record in incoming:
        old = before.get(record.id)
        if old is None:
            result.added.append(record)
            continue
        differences = [FieldChange(f.name, getattr(old, f.name), getattr(record, f.name))
                       for f in fields(ServiceRecord) if getattr(old, f.name) != getattr(record, f.name)]
        if differences:
            result.changed.append(ServiceChange(record.id, record.name, differences))
        else:
            result.unchanged += 1
    if replace_all:
        keep = {r.id for r in incoming}
        result.removed = [r for r in current if r.id not in keep]
    return result


def shown(value: Any) -> str:
    """A field's value as the spreadsheet would hold it, for a preview ('' when blank)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(shown(item) for item in value)
    if isinstance(value, ContactPoint):
        return f"{value.kind}: {value.value}" + (f" ({value.label})" if value.label else "")
    if isinstance(value, Coverage):
        return f"{value.kind}: {value.name}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


# --- snapshots ---


def encode(records: list[ServiceRecord]) -> str:
    """Records as canonical JSON text (lossless: decode gives them back equal)."""
    return json.dumps([asdict(r) for r in records], sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=lambda value: value.isoformat())


def decode(snapshot: str) -> list[ServiceRecord]:
    names = set(ServiceRecord.field_names())
    records = []
    for item in json.loads(snapshot):
        values = {key: value for key, value in item.items() if key in names}
        values["contacts"] = [ContactPoint(**c) for c in values.get("contacts", [])]
        values["coverage"] = [Coverage(**c) for c in values.get("coverage", [])]
        if values.get("last_verified"):
            values["last_verified"] = date.fromisoformat(values["last_verified"])
        records.append(ServiceRecord(**values))
    return records


def fingerprint(records: list[ServiceRecord]) -> str:
    """Changes whenever any field of any service does, so a confirm can tell its preview is out of date."""
    return hashlib.sha256(encode(records).encode()).hexdigest()


def current_records(session: Session) -> list[ServiceRecord]:
    loaded = [store.load(session, service_id) for service_id in store.all_ids(session)]
    return [r for r in loaded if r is not None]


def current(sessions: sessionmaker[Session]) -> list[ServiceRecord]:
    """Every service now, in id order."""
    with sessions() as session:
        return current_records(session)


# --- writing ---


def apply(sessions: sessionmaker[Session], records: list[ServiceRecord], *, who: str, file_name: str,
          file_sha256: str, replace_all: bool = False, expected: Optional[str] = None,
          now: Optional[datetime] = None) -> DirectoryVersion:
    """Import `records` and record the version before, in one transaction: all of it or nothing.

    `expected` is the fingerprint the preview was made against; DirectoryChanged if it no longer holds.
    """
    with sessions.begin() as session:
        _serialise_writers(session)
        before = current_records(session)
        if expected is not None and fingerprint(before) != expected:
            raise DirectoryChanged()
        change = preview(before, records, replace_all)
        write_records(session, records, replace_all)
        at = _utc(now)
        session.add(DirectoryImport(at=at, kind="import", file_name=file_name[:300], file_sha256=file_sha256,
                                    services=len(records)))
        return _record(session, before, change, at=at, who=who, kind="import", file_name=file_name,
                       file_sha256=file_sha256)


def restore(sessions: sessionmaker[Session], version_id: int, *, who: str,
            now: Optional[datetime] = None) -> DirectoryVersion:
    """Put back the directory as it was before version `version_id`, in one transaction (itself a version)."""
    with sessions.begin() as session:
        _serialise_writers(session)
        target = session.get(DirectoryVersion, version_id)
        if target is None:
            raise NoSuchVersion(version_id)
        records, before = decode(target.snapshot), current_records(session)
        change = preview(before, records, replace_all=True)
        write_records(session, records, replace_all=True)
        at, name = _utc(now), f"version before import {target.id} ({target.file_name})"[:300]
        digest = hashlib.sha256(target.snapshot.encode()).hexdigest()
        session.add(DirectoryImport(at=at, kind="restore", file_name=name, file_sha256=digest, services=len(records)))
        return _record(session, before, change, at=at, who=who, kind="restore", file_name=name, file_sha256=digest,
                       restored_from=target.id)


def restore_previous(sessions: sessionmaker[Session], *, who: str, now: Optional[datetime] = None) -> DirectoryVersion:
    """Undo the last import or restore: the directory goes back to how it was before it."""
    last = history(sessions, limit=1)
    if not last:
        raise NoSuchVersion(None)
    return restore(sessions, last[0].id, who=who, now=now)


def history(sessions: sessionmaker[Session], limit: int = 50) -> list[DirectoryVersion]:
    """Imports and restores, newest first (snapshots not loaded)."""
    from sqlalchemy.orm import defer

    with sessions() as session:
        query = select(DirectoryVersion).options(defer(DirectoryVersion.snapshot))
        return list(session.scalars(query.order_by(DirectoryVersion.id.desc()).limit(limit)))


def _record(session: Session, before: list[ServiceRecord], change: Preview, **values: Any) -> DirectoryVersion:
    added, changed, removed = change.counts
    services = len(before) + added - removed
    version = DirectoryVersion(services=services, added=added, changed=changed, removed=removed,
                               snapshot=encode(before), **values)
    version.file_name = version.file_name[:300]
    session.add(version)
    session.flush()
    return version


def _serialise_writers(session: Session) -> None:
    """Take the write lock before reading, so two imports at once can't both pass the preview check."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE directory_version IN SHARE ROW EXCLUSIVE MODE"))
    else:  # SQLite: a write statement begins the transaction and takes its one writer's lock now
        session.execute(text("UPDATE directory_version SET id = id WHERE 0 = 1"))


def _utc(now: Optional[datetime]) -> datetime:
    now = now or datetime.now(UTC)
    return now.astimezone(UTC).replace(tzinfo=None) if now.tzinfo else now
