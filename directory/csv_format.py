"""The spreadsheet layout the directory team edits: one row per service.

Lists are separated by ';'. Contacts are 'value (label); value (label)'. Coverage is
'kind: Name; kind: Name' with kinds district, county_council, county, police_force,
nation or uk. Yes/no fields take yes, no or blank (blank = not known). Lines starting
with '#' are comments. See directory/data/example_services.csv.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from typing import Any, Optional

from directory.problems import Problem
from directory.records import ContactPoint, Coverage, ServiceRecord

CONTACT_COLUMNS = {"phone": "phones", "email": "emails", "secure_email": "secure_emails", "website": "websites"}
LIST_FIELDS = {
    "intervention_types", "formats", "genders", "relationship_types", "risk_levels", "case_types",
    "exclusions", "referral_routes", "referral_methods", "languages", "location_postcodes",
}
INT_FIELDS = {"min_age", "duration_weeks_min", "duration_weeks_max", "session_count", "group_size_max"}
FLOAT_FIELDS = {"session_hours_min", "session_hours_max", "radius_km"}
BOOL_FIELDS = {"self_referral", "evening_sessions", "respect_accredited", "interpreters"}
_SPECIAL = {"contacts", "coverage", "last_verified"}
COLUMNS = [
    column
    for name in ServiceRecord.field_names()
    for column in (CONTACT_COLUMNS.values() if name == "contacts" else [name])
]
_LABELLED = re.compile(r"^(.*?)\s*\(([^()]*)\)$")


def read_csv(text: str) -> tuple[list[ServiceRecord], list[Problem]]:
    """Parse CSV text into records, collecting every problem rather than stopping at the first."""
    records, _, problems = read_csv_rows(text)
    return records, problems


def read_csv_rows(text: str) -> tuple[list[ServiceRecord], list[int], list[Problem]]:
    """Records, the spreadsheet row each came from, and every problem.

    Rows are numbered as a spreadsheet shows the file: '#' comment lines and blank lines
    count, and a cell holding several lines is still one row.
    """
    try:
        return _read_rows(text)
    except csv.Error as error:  # e.g. a cell over the csv module's 128 KB limit, usually an unclosed quote mark
        message = f"the file can't be read as CSV ({error}); look for a quote mark (\") that is opened and never closed"
        return [], [], [Problem(message)]


def _read_rows(text: str) -> tuple[list[ServiceRecord], list[int], list[Problem]]:
    kept, line_numbers = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.lstrip().startswith("#"):
            kept.append(line)
            line_numbers.append(number)
    reader = csv.reader(io.StringIO("\n".join(kept)))
    header: Optional[list[str]] = None
    header_row = 1
    problems: list[Problem] = []
    records: list[ServiceRecord] = []
    rows: list[int] = []
    for ordinal, (start, cells) in enumerate(_with_start(reader), start=1):
        sheet_row = ordinal + (line_numbers[start] - 1 - start if start < len(line_numbers) else 0)
        if not cells:
            continue
        if header is None:
            header, header_row = [c.strip() for c in cells], sheet_row
            missing = [c for c in ("id", "name", "organisation", "source_document") if c not in header]
            if missing:
                message = f"missing required column(s): {', '.join(missing)}; see the example file"
                return [], [], [Problem(message, row=header_row)]
            problems += [Problem(f"unknown column '{c}'; check its spelling against the example file", row=header_row)
                         for c in header if c not in COLUMNS]
            continue
        if len(cells) > len(header):
            problems.append(Problem("this row has more cells than the header", row=sheet_row))
            continue
        row = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))
        record, row_problems = _parse_row(row, sheet_row)
        problems += row_problems
        if record:
            records.append(record)
            rows.append(sheet_row)
    if header is None:
        missing_all = "id, name, organisation, source_document"
        return [], [], [Problem(f"missing required column(s): {missing_all}; see the example file", row=header_row)]
    return records, rows, problems


def _with_start(reader: Any) -> Any:
    """(index of the record's first line among the lines read, cells) for each CSV record."""
    start = 0
    for cells in reader:
        yield start, cells
        start = reader.line_num


def _parse_row(row: dict[str, Optional[str]], row_number: int) -> tuple[Optional[ServiceRecord], list[Problem]]:
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for column, raw in row.items():
        text = (raw or "").strip()
        try:
            if column in CONTACT_COLUMNS.values() or column in _SPECIAL or column not in COLUMNS:
                continue  # unknown columns are reported once, against the header
            values[column] = _parse_value(column, text)
        except ValueError as error:
            problems.append(Problem(str(error), row=row_number, field=column, service_id=row.get("id")))
    values["contacts"] = [
        ContactPoint(kind, *_split_label(item)) for kind, column in CONTACT_COLUMNS.items()
        for item in _split_list(row.get(column) or "")
    ]
    try:
        values["coverage"] = [_parse_coverage(item) for item in _split_list(row.get("coverage") or "")]
        values["last_verified"] = _parse_date(row.get("last_verified") or "")
    except ValueError as error:
        problems.append(Problem(str(error), row=row_number, service_id=row.get("id")))
    if problems:
        return None, problems
    return ServiceRecord(**values), []


def _parse_value(column: str, text: str) -> Any:
    if column in LIST_FIELDS:
        return _split_list(text)
    if column in INT_FIELDS:
        if not text:
            return None
        if not text.isdigit():
            raise ValueError(f"'{text}' is not a whole number")
        return int(text)
    if column in FLOAT_FIELDS:
        try:
            return float(text) if text else None
        except ValueError:
            raise ValueError(f"'{text}' is not a number") from None
    if column in BOOL_FIELDS:
        return _parse_bool(text)
    return text


def _parse_bool(text: str) -> Optional[bool]:
    lowered = text.lower()
    if lowered in ("", "unknown"):
        return None
    if lowered in ("yes", "y", "true"):
        return True
    if lowered in ("no", "n", "false"):
        return False
    raise ValueError(f"'{text}' should be yes, no or blank")


def _parse_date(text: str) -> Optional[date]:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"last_verified '{text}' should be a date like 2026-11-22") from None


def _parse_coverage(item: str) -> Coverage:
    kind, sep, name = item.partition(":")
    if not sep and item.strip().lower() == "uk":
        return Coverage("uk", "United Kingdom")
    if not sep or not name.strip():
        raise ValueError(f"coverage '{item}' should look like 'county: Nottinghamshire'")
    return Coverage(kind.strip().lower(), name.strip())


def _split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _split_label(item: str) -> tuple[str, str]:
    match = _LABELLED.match(item)
    return (match.group(1).strip(), match.group(2).strip()) if match else (item, "")


def write_csv(records: list[ServiceRecord]) -> str:
    """Render records in the spreadsheet layout (the inverse of read_csv)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(_to_row(record))
    return buffer.getvalue()


def _to_row(record: ServiceRecord) -> dict[str, str]:
    row: dict[str, str] = {}
    for column in COLUMNS:
        if column in CONTACT_COLUMNS.values():
            kind = next(k for k, c in CONTACT_COLUMNS.items() if c == column)
            row[column] = "; ".join(
                f"{c.value} ({c.label})" if c.label else c.value for c in record.contacts if c.kind == kind
            )
        elif column == "coverage":
            row[column] = "; ".join("uk" if c.kind == "uk" else f"{c.kind}: {c.name}" for c in record.coverage)
        else:
            row[column] = _format_value(getattr(record, column))
    return row


def _format_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)
