"""Every fact in the seed directory traces to a sentence: a provenance row per filled field, each quote in its seed."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from directory import provenance, store
from directory.audit import audit, report_lines
from directory.csv_format import COLUMNS, read_csv
from directory.provenance import SourceRow, broken_quotes, rows_without_value, unsourced_fields
from directory.service_directory import ServiceDirectory
from directory.setup import SEED_FILE

SEEDS_PRESENT = pytest.mark.skipif(not provenance.SEEDS_DIR.is_dir(), reason="shared seed documents not available")
FAKE_SEED = "999_0123456789abcdef.txt"


def _seed_records():
    records, problems = read_csv(SEED_FILE.read_text(encoding="utf-8"))
    assert not problems and records, problems
    return records


def test_every_filled_field_of_every_seed_record_has_a_source():
    rows = provenance.load()
    missing = {record.id: unsourced_fields(record, rows) for record in _seed_records()}
    assert {k: v for k, v in missing.items() if v} == {}, (
        "add a row to directory/data/seed_provenance.csv quoting the seed sentence for each of these")


def test_every_provenance_row_is_for_a_field_the_seed_directory_fills():
    rows = provenance.load()
    assert {row.field for row in rows} <= set(COLUMNS) - set(provenance.NEEDS_NO_SOURCE)
    stale = [(row.service_id, row.field) for row in rows_without_value(_seed_records(), rows)]
    assert stale == [], "these fields are blank or gone: delete their provenance rows"
    keys = [(row.service_id, row.field) for row in rows]
    assert len(keys) == len(set(keys))


@SEEDS_PRESENT
def test_every_quote_is_found_in_its_seed():
    assert [(row.service_id, row.field, row.quote) for row in broken_quotes()] == []


def test_quotes_are_short_and_other_sources_are_named_with_a_date():
    for row in provenance.load():
        if row.from_seed:
            assert 3 <= sum(len(part.split()) for part in row.fragments()) <= 25, (row.service_id, row.field)
        else:
            assert re.search(r"\b(19|20)\d{2}\b", row.source) and len(row.source.split()) >= 3, row.source


def test_a_field_given_a_value_without_a_source_is_reported_and_audited():
    record = next(r for r in _seed_records() if r.id == "dapp-groupwork")
    assert unsourced_fields(record) == []
    changed = replace(record, languages=["Polish"])
    assert unsourced_fields(changed) == ["languages"]
    [result] = audit([changed], date(2026, 12, 1))
    assert result.unsourced == ["languages"]
    assert "    no source for: languages" in report_lines([result], 12)


def test_a_quote_not_in_its_seed_is_reported(tmp_path: Path):
    (tmp_path / FAKE_SEED).write_text("The programme’s groups  meet\non Tuesday EVENINGS in Kendal.\n", encoding="utf-8")
    good = SourceRow("s", "schedule", FAKE_SEED, "programme's groups meet on Tuesday evenings")
    two_phrases = SourceRow("s", "coverage", FAKE_SEED, "groups meet ... in Kendal")
    wrong = SourceRow("s", "schedule", FAKE_SEED, "groups meet on Wednesday evenings")
    half_wrong = SourceRow("s", "coverage", FAKE_SEED, "groups meet ... in Penrith")
    empty = SourceRow("s", "name", FAKE_SEED, "")
    no_such_seed = SourceRow("s", "name", "998_0123456789abcdef.txt", "groups meet on Tuesday")
    public = SourceRow("s", "phones", "Provider's own site, example.org (checked 2026-12-01)", "")
    rows = [good, two_phrases, wrong, half_wrong, empty, no_such_seed, public]
    assert broken_quotes(rows, seeds_dir=tmp_path) == [wrong, half_wrong, empty, no_such_seed]


def test_the_seeded_database_audits_with_every_field_sourced(seeded_directory: ServiceDirectory):
    with seeded_directory.sessions() as session:
        records = [store.load(session, service_id) for service_id in store.all_ids(session)]
    results = audit([r for r in records if r], date(2026, 12, 1))
    assert len(results) == len(_seed_records())
    assert {a.service_id: a.unsourced for a in results if a.unsourced} == {}
