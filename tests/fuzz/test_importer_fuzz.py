"""Hostile directory files through the importer: a problem report or a clean import, never a crash or a partial write.

Files start from the example spreadsheet (so they reach validation and the database) and are then
broken by hypothesis: random bytes, invalid UTF-8, missing columns, huge fields, spreadsheet formulas,
markup, SQL, control characters, absurd numbers and nested JSON.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from directory import store
from directory.__main__ import main
from directory.csv_format import COLUMNS, read_csv_rows
from directory.oruk_format import write_oruk
from directory.problems import InvalidDirectoryFile
from directory.service_directory import ServiceDirectory
from directory.settings import DATA_DIR
from directory.transfer import import_records, read_file

FUZZ = settings(max_examples=120, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large, HealthCheck.large_base_example])
DIRECTORY_TABLES = ("organisation", "service", "location", "service_at_location", "service_area", "eligibility",
                    "referral", "contact", "schedule", "language", "taxonomy", "service_taxonomy", "search_entry")
REQUIRED = ["id", "name", "organisation", "source_document"]
NASTY = [
    "=CMD()", "=cmd|' /C calc'!A0", "+SUM(1+1)*cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "=HYPERLINK(\"http://x\")",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "'; DROP TABLE service; --",
    "\" OR 1=1 --", "Robert'); DELETE FROM service;--", "\x00", "a\x00b", "\x1b[31m", "\r", "\n\n", "\u202e", "\ufeff",
    "\ud800", "\udfff", "99999999999999999999999", "1e309", "-1e309", "nan", "inf", "-0", "²", "٣", "1_000", "0x1f",
    "１２", "9" * 5000, ";;;;", "uk", "county:", ":", "a (b (c))", "((()))", "2025-02-30", "yes; no",
]


@cache
def _directory(url: str) -> ServiceDirectory:
    return ServiceDirectory(url)


@cache
def _example_rows() -> tuple[list[str], list[dict[str, str]]]:
    """The header and rows of the example spreadsheet, which imports cleanly."""
    lines = [line for line in (DATA_DIR / "example_services.csv").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    return list(reader.fieldnames or []), list(reader)


def _dump(directory: ServiceDirectory) -> dict[str, list[tuple]]:
    """Every directory row (not geography), to compare before and after an import."""
    with directory.engine.connect() as connection:
        return {table: sorted(map(repr, connection.execute(text(f"SELECT * FROM {table}"))))
                for table in DIRECTORY_TABLES}


# --- strategies ------------------------------------------------------------------------------------------

huge = st.builds(lambda unit, n: unit * n, st.sampled_from(["A", "=", "<b>", ";", '"', "é", ",", "\n"]),
                 st.integers(20_000, 160_000))
numberish = st.sampled_from(["99999999999999999999", "9" * 40, "nan", "inf", "-inf", "1e309", "-5", "0", "²", "٣",
                             "1e3", "2.5", "-0.0", "9" * 5000])
hostile_text = st.one_of(st.sampled_from(NASTY), st.text(max_size=40),
                         st.text(st.characters(max_codepoint=0x9f), max_size=20), huge)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    """A CSV from the example rows with hostile cells; half the time also broken columns, quoting and bytes."""
    header, rows = _example_rows()
    clean = draw(st.booleans())
    columns = header if clean else _broken_header(draw, header)
    table = [[row.get(c, "") for c in columns] for row in draw(st.lists(st.sampled_from(rows), min_size=1, max_size=3))]
    for cells in table:
        for _ in range(draw(st.integers(1 if clean else 0, 3))):
            cells[draw(st.integers(0, len(cells) - 1))] = draw(numberish | hostile_text)
        if not clean:
            cells += draw(st.lists(hostile_text, max_size=2))
    content = _render_csv(draw, [columns, *table], quoted=clean or draw(st.booleans()))
    return _encode(draw, content, junk=not clean)


def _broken_header(draw: st.DrawFn, header: list[str]) -> list[str]:
    columns = [c for c in draw(st.permutations(header)) if c in REQUIRED or draw(st.booleans())]
    if draw(st.integers(0, 4)) == 0:
        columns = [c for c in columns if c != draw(st.sampled_from(REQUIRED))]
    return columns + draw(st.lists(st.sampled_from(COLUMNS) | hostile_text, max_size=3))


def _render_csv(draw: st.DrawFn, table: list[list[str]], quoted: bool) -> str:
    if quoted:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator=draw(st.sampled_from(["\n", "\r\n", "\r"]))).writerows(table)
        return buffer.getvalue()
    return "\n".join(",".join(row) for row in table)  # unquoted: stray quotes and commas break the layout


def _encode(draw: st.DrawFn, content: str, junk: bool) -> bytes:
    """UTF-8 (lone surrogates become invalid bytes), perhaps with a BOM or raw junk spliced in."""
    data = content.encode("utf-8", errors="surrogatepass")
    if draw(st.booleans()):
        data = b"\xef\xbb\xbf" + data
    if junk and draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    return data


BIG_LITERAL = "__big_integer_literal__"
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**30), 10**30) | st.floats() | hostile_text | st.just(BIG_LITERAL),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12) | st.sampled_from(COLUMNS), inner,
                                                                max_size=4),
    max_leaves=12,
)


def _nested(depth: int, leaf: Any) -> Any:
    for level in range(depth):
        leaf = [leaf] if level % 2 else {"x": leaf}
    return leaf


@st.composite
def oruk_files(draw: st.DrawFn) -> bytes:
    """ORUK JSON from the example services with values replaced anywhere in the tree, keys dropped, odd wrappers."""
    services = [json.loads(json.dumps(s)) for s in draw(st.lists(st.sampled_from(_example_services()), min_size=1,
                                                                 max_size=3))]
    for service in services:
        if draw(st.booleans()):
            del service["x_signpost"]  # a file from another ORUK publisher: only the standard fields
        for _ in range(draw(st.integers(1, 3))):
            _mutate(draw, service)
    document: Any = services
    wrapper = draw(st.integers(0, 7))
    if wrapper == 1:
        document = {"content": services}
    elif wrapper == 2:
        document = draw(json_values)
    body = json.dumps(document, ensure_ascii=draw(st.booleans()))  # ensure_ascii writes lone surrogates as \\ud800
    if wrapper == 3:  # nested deeper than json.dumps (or a careless parser) can recurse
        depth = draw(st.integers(8, 1500))
        body = '{"services": [' * depth + body + "]}" * depth
    return _encode(draw, body.replace(f'"{BIG_LITERAL}"', "9" * 5000), junk=draw(st.integers(0, 4)) == 0)


def _mutate(draw: st.DrawFn, service: dict[str, Any]) -> None:
    """Replace or drop one value anywhere in the service's tree, or add an unexpected key."""
    parent, key = draw(st.sampled_from(list(_slots(service))))
    choice = draw(st.integers(0, 5))
    if choice == 0 and isinstance(parent, dict):
        parent.pop(key, None)
    elif choice == 1 and isinstance(parent, dict):
        parent[draw(st.sampled_from(COLUMNS) | st.text(max_size=10))] = draw(json_values)
    else:
        parent[key] = draw(json_values | numberish | st.builds(_nested, st.integers(15, 40), hostile_text))


def _slots(value: Any) -> Any:
    """(container, key) for every value inside a JSON tree."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, child in items:
        yield value, key
        yield from _slots(child)


@cache
def _example_services() -> list[dict[str, Any]]:
    return json.loads(write_oruk(read_csv_rows((DATA_DIR / "example_services.csv").read_text(encoding="utf-8"))[0]))


# --- the checks --------------------------------------------------------------------------------------------


def _import_and_check(directory: ServiceDirectory, path: Path, data: bytes) -> None:
    """Import through read_file + import_records, as the CLI does; a rejection leaves every row as it was."""
    path.write_bytes(data)
    before = _dump(directory)
    try:
        records = read_file(path, directory.resolver)
    except InvalidDirectoryFile as error:
        event("rejected with a problem report")
        assert error.problems and all(str(p) for p in error.problems)
        assert _dump(directory) == before
        return
    event("imported")
    assert import_records(directory.sessions, records) == len(records)
    with directory.sessions() as session:
        for record in records:  # stored exactly as read, except the organisation, which is shared by its slug
            stored = store.load(session, record.id)
            assert store.organisation_id(stored.organisation) == store.organisation_id(record.organisation)
            assert replace(stored, organisation="", organisation_url="") == replace(record, organisation="", organisation_url="")


@pytest.mark.parametrize("suffix", [".csv", ".json"])
@FUZZ
@given(data=st.binary(max_size=4000))
def test_random_bytes_are_reported_not_crashed_on(seeded_directory_url: str, tmp_path: Path, suffix: str,
                                                  data: bytes) -> None:
    """A directory team member who picks the wrong file gets a list of problems and an unchanged directory."""
    _import_and_check(_directory(seeded_directory_url), tmp_path / f"upload{suffix}", data)


@FUZZ
@given(data=csv_files())
def test_broken_spreadsheets_are_reported_or_imported_whole(seeded_directory_url: str, tmp_path: Path,
                                                            data: bytes) -> None:
    """A damaged or booby-trapped spreadsheet is either imported whole or rejected with nothing written."""
    _import_and_check(_directory(seeded_directory_url), tmp_path / "services.csv", data)


@FUZZ
@given(data=oruk_files())
def test_broken_oruk_json_is_reported_or_imported_whole(seeded_directory_url: str, tmp_path: Path,
                                                        data: bytes) -> None:
    """A damaged or booby-trapped Open Referral file is either imported whole or rejected with nothing written."""
    _import_and_check(_directory(seeded_directory_url), tmp_path / "services.json", data)


@settings(FUZZ, max_examples=15)
@given(data=csv_files() | oruk_files(), suffix=st.sampled_from([".csv", ".json"]))
def test_cli_import_exits_with_a_report_not_a_traceback(seeded_directory_url: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str], data: bytes,
                                                        suffix: str) -> None:
    """`python -m directory import` answers a hostile file with exit code 0 or 2 and readable problems."""
    path = tmp_path / f"hostile{suffix}"
    path.write_bytes(data)
    before = _dump(_directory(seeded_directory_url))
    code = main(["--database-url", seeded_directory_url, "import", str(path)])
    _, err = capsys.readouterr()
    assert code in (0, 2)
    if code == 2:
        assert "Nothing was imported." in err
        assert _dump(_directory(seeded_directory_url)) == before
