"""The directory team's audit: records past review or without provenance first, blank fields named."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from directory.audit import audit, audit_record, report_lines
from directory.records import ServiceRecord

CHECKED = ServiceRecord(id="checked", name="Checked service", organisation="Org", source_document="seeds/001.txt",
                        source_date="2022-06-01", last_verified=date(2026, 6, 1), genders=["male"],
                        coverage=[], radius_km=5.0, location_postcodes=["NG1 5FS"])


def test_a_recently_checked_dated_record_has_nothing_to_check():
    assert audit_record(CHECKED, date(2026, 12, 1)).problems == []


def test_a_record_past_its_review_interval_is_listed_with_the_month_it_was_checked():
    stale = replace(CHECKED, last_verified=date(2025, 3, 2))
    assert audit_record(stale, date(2026, 12, 1)).problems == [
        "past its review date: last checked March 2025, more than 12 months ago"]
    assert audit_record(stale, date(2026, 12, 1), review_months=24).problems == []


def test_missing_provenance_comes_first_and_blank_fields_are_named():
    bare = replace(CHECKED, id="bare", source_date="", last_verified=None)
    results = audit([CHECKED, bare], date(2026, 12, 1))
    assert [r.service_id for r in results] == ["bare", "checked"]
    assert "the source is undated" in results[0].problems[0]
    assert "genders" not in results[1].not_recorded and "risk_levels" in results[1].not_recorded


def test_fields_with_a_value_but_no_provenance_row_are_named_apart_from_the_problems():
    [result] = audit([CHECKED], date(2026, 12, 1))
    assert result.problems == []
    assert result.unsourced == ["name", "organisation", "scope", "genders", "location_postcodes", "radius_km",
                                "source_date", "last_verified"]
    assert "    no source for: name, organisation" in "\n".join(report_lines([result], 12))
