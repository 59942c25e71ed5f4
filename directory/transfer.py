"""Import and export directory files: all-or-nothing imports, lossless exports."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from directory import store
from directory.csv_format import read_csv_rows, write_csv
from directory.geography.resolver import PlaceResolver
from directory.models import DirectoryImport
from directory.oruk_format import read_oruk, write_oruk
from directory.problems import InvalidDirectoryFile, Problem
from directory.records import ServiceRecord
from directory.validation import validate

MAX_FILE_BYTES = 20 * 1024 * 1024


def read_file(path: Path, resolver: PlaceResolver) -> list[ServiceRecord]:
    """Parse and validate a CSV or ORUK JSON file; raises InvalidDirectoryFile listing every problem."""
    text = _read_text(path)
    if path.suffix.lower() == ".json":
        records, problems = read_oruk(text, resolver)
        rows = None
    elif path.suffix.lower() == ".csv":
        records, rows, problems = read_csv_rows(text)
    else:
        raise InvalidDirectoryFile([Problem(f"'{path.name}' should end in .csv or .json")])
    problems += validate(records, resolver, rows)
    if not records and not problems:
        problems.append(Problem("the file has no services in it"))
    if problems:
        raise InvalidDirectoryFile(problems)
    return records


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InvalidDirectoryFile([Problem(f"the file is larger than {MAX_FILE_BYTES // 1_048_576} MB")])
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InvalidDirectoryFile([Problem(f"no file at {path}")]) from None
    except UnicodeDecodeError as error:
        raise InvalidDirectoryFile(
            [Problem(f"the file is not UTF-8 text (byte {error.start}); save it as 'CSV UTF-8' and try again")]
        ) from None


def import_records(sessions: sessionmaker[Session], records: list[ServiceRecord], replace_all: bool = False,
                   source: Optional[Path] = None, kind: str = "import") -> int:
    """Write records in one transaction: all of them or, on any error, none; `source` is recorded with its hash."""
    with sessions.begin() as session:
        write_records(session, records, replace_all)
        if source is not None:
            session.add(DirectoryImport(at=datetime.now(UTC).replace(tzinfo=None), kind=kind, file_name=source.name,
                                        file_sha256=file_sha256(source), services=len(records)))
    return len(records)


def write_records(session: Session, records: list[ServiceRecord], replace_all: bool = False) -> None:
    """The writes of an import, inside the caller's transaction (directory.versions adds its audit row to it)."""
    store.ensure_taxonomy(session)
    if replace_all:
        keep = {r.id for r in records}
        for service_id in store.all_ids(session):
            if service_id not in keep:
                store.delete_service(session, service_id)
    for record in records:
        store.save(session, record)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def latest_import(session: Session) -> Optional[DirectoryImport]:
    """The most recent load of the directory, or None for a directory loaded before loads were recorded."""
    return session.scalars(select(DirectoryImport).order_by(DirectoryImport.id.desc()).limit(1)).first()


def export_records(sessions: sessionmaker[Session], fmt: str) -> str:
    """Every service, as CSV or ORUK JSON."""
    with sessions() as session:
        records = [store.load(session, service_id) for service_id in store.all_ids(session)]
    records = [r for r in records if r is not None]
    if fmt == "csv":
        return write_csv(records)
    if fmt == "oruk":
        return write_oruk(records)
    raise ValueError(f"unknown format '{fmt}'; use csv or oruk")
