"""Where each fact in a seed record comes from: data/seed_provenance.csv, one row per (service, field).

A row names a seed file and quotes the short phrase the value rests on (several phrases joined by
" ... "), or names a public source with its date (the quote may then be empty). The audit lists fields
with no row; broken_quotes finds quotes that are not in their seed, so a mistyped quote or a value
that drifted from its sentence is caught.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from directory.csv_format import COLUMNS, CONTACT_COLUMNS
from directory.records import ServiceRecord
from directory.settings import DATA_DIR, PROJECT_ROOT

PROVENANCE_FILE = DATA_DIR / "seed_provenance.csv"
SEEDS_DIR = PROJECT_ROOT.parent / "shared" / "seeds"
NEEDS_NO_SOURCE = ("id", "source_document", "notes")  # the key, the source itself, the team's judgements
PROVENANCE_COLUMNS = ("service_id", "field", "source", "quote", "note")
SEED_FILE_NAME = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")
_FRAGMENT_BREAK = re.compile(r"\s*(?:\.\.\.|…)\s*")
_SINGLE_QUOTES = str.maketrans({c: "'" for c in "‘’‛′`´"})
_DOUBLE_QUOTES = str.maketrans({c: '"' for c in "“”„‟″"})


@dataclass(frozen=True)
class SourceRow:
    service_id: str
    field: str
    source: str
    quote: str = ""
    note: str = ""

    @property
    def from_seed(self) -> bool:
        """True when the source is a seed file, whose text we hold and can check the quote against."""
        return bool(SEED_FILE_NAME.match(self.source))

    def fragments(self) -> list[str]:
        """The quote's phrases: one, or several joined by ' ... ' when the value draws on more than one."""
        return [part for part in _FRAGMENT_BREAK.split(self.quote.strip()) if part]


def load(path: Path = PROVENANCE_FILE) -> list[SourceRow]:
    """Every provenance row; lines starting with '#' are comments for whoever edits the file."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
             if not line.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("".join(lines)))
    return [SourceRow(**{name: (row.get(name) or "").strip() for name in PROVENANCE_COLUMNS}) for row in reader]


def filled_fields(record: ServiceRecord) -> list[str]:
    """The spreadsheet columns this record gives a value for, apart from those that need no source."""
    return [column for column in COLUMNS if column not in NEEDS_NO_SOURCE and _has_value(record, column)]


def _has_value(record: ServiceRecord, column: str) -> bool:
    kind = next((k for k, c in CONTACT_COLUMNS.items() if c == column), None)
    if kind is not None:
        return any(contact.kind == kind for contact in record.contacts)
    return getattr(record, column) not in (None, "", [])


def unsourced_fields(record: ServiceRecord, rows: Optional[Iterable[SourceRow]] = None) -> list[str]:
    """Fields with a value but no provenance row: facts nobody can trace to a sentence."""
    sourced = {(row.service_id, row.field) for row in (load() if rows is None else rows)}
    return [column for column in filled_fields(record) if (record.id, column) not in sourced]


def rows_without_value(records: Iterable[ServiceRecord], rows: Optional[Iterable[SourceRow]] = None) -> list[SourceRow]:
    """Rows for a service or field that is now blank or gone: stale, to delete or re-point."""
    filled = {(record.id, column) for record in records for column in filled_fields(record)}
    return [row for row in (load() if rows is None else rows) if (row.service_id, row.field) not in filled]


def normalise(text: str) -> str:
    """Text compared as a reader would: curly and straight quotes alike, case and runs of whitespace ignored."""
    text = text.translate(_SINGLE_QUOTES).translate(_DOUBLE_QUOTES)
    return re.sub(r"\s+", " ", text).strip().casefold()


def broken_quotes(rows: Optional[Iterable[SourceRow]] = None, seeds_dir: Path = SEEDS_DIR) -> list[SourceRow]:
    """Rows citing a seed whose quote is empty, or has a phrase not found in that seed (or the seed is missing)."""
    texts: dict[str, Optional[str]] = {}
    broken = []
    for row in (load() if rows is None else rows):
        if not row.from_seed:
            continue
        if row.source not in texts:
            path = seeds_dir / row.source
            texts[row.source] = normalise(path.read_text(encoding="utf-8")) if path.is_file() else None
        text = texts[row.source]
        fragments = row.fragments()
        if text is None or not fragments or any(normalise(part) not in text for part in fragments):
            broken.append(row)
    return broken
