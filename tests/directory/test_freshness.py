"""Freshness (ORUK's assured date): the bot says how old an old record is, the team marks a service checked
without re-importing, and services past their review interval are listed first with who checked them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from directory import answers, db, settings, store
from directory.freshness import (
    NEVER_CHECKED_NOTE,
    ServiceCheck,
    UnknownService,
    due_for_review,
    freshness_note,
    mark_checked,
    months_between,
    uk_today,
)
from directory.records import ContactPoint, ServiceRecord
from directory.settings import Settings

RECORD = ServiceRecord(id="checked", name="Checked service", organisation="Org", source_document="seeds/001.txt",
                       contacts=[ContactPoint("phone", "01632 960123")])


@pytest.fixture(autouse=True)
def _review_months_read_afresh():
    """The chat reads SIGNPOST_REVIEW_MONTHS once per process; each test here starts and ends unread."""
    settings.review_months.cache_clear()
    yield
    settings.review_months.cache_clear()


def test_an_old_record_says_when_it_was_last_checked_and_to_check_before_referring():
    assert freshness_note(date(2022, 3, 14), date(2026, 1, 5), 12) == (
        "Last checked March 2022: check with the provider before referring.")
    assert freshness_note(None, date(2026, 1, 5), 12) == NEVER_CHECKED_NOTE
    assert "doesn't say when this was last checked" in NEVER_CHECKED_NOTE
    assert freshness_note(date(2025, 2, 5), date(2026, 1, 5), 12) == ""  # 11 months: still fresh
    assert freshness_note(date(2025, 1, 5), date(2026, 1, 5), 12) != ""  # 12 months: due
    assert freshness_note(date(2025, 1, 5), date(2026, 1, 5), 24) == ""


def test_the_card_the_plain_card_and_the_details_answer_all_carry_the_freshness_line():
    today = uk_today()
    old = replace(RECORD, last_verified=date(today.year - 3, 3, 1))
    line = f"Last checked March {today.year - 3}: check with the provider before referring."
    assert answers.card(old)["checked"] == line
    assert line in answers.card_text(1, old)
    assert line in answers.details(old)
    fresh = replace(RECORD, last_verified=today)
    assert answers.card(fresh)["checked"] == "" and "Last checked" not in answers.details(fresh)
    assert answers.card(replace(RECORD, last_verified=None))["checked"] == NEVER_CHECKED_NOTE


def test_the_review_interval_is_a_setting(monkeypatch):
    today = uk_today()
    two_years = replace(RECORD, last_verified=date(today.year - 2, today.month, 1))
    assert answers.card(two_years)["checked"].startswith("Last checked")
    monkeypatch.setenv("SIGNPOST_REVIEW_MONTHS", "36")
    assert Settings.from_env().review_months == 36
    settings.review_months.cache_clear()  # as a restarted bot would
    assert answers.card(two_years)["checked"] == ""
    monkeypatch.setenv("SIGNPOST_REVIEW_MONTHS", "0")
    with pytest.raises(ValueError, match="SIGNPOST_REVIEW_MONTHS must be a whole number of months, 1 or more"):
        Settings.from_env()


def test_the_chat_reads_the_review_interval_once_and_a_bad_value_does_not_break_its_cards(monkeypatch):
    today = uk_today()
    two_years = replace(RECORD, last_verified=date(today.year - 2, today.month, 1))
    monkeypatch.setenv("SIGNPOST_REVIEW_MONTHS", "36")
    assert answers.card(two_years)["checked"] == ""
    monkeypatch.setenv("SIGNPOST_REVIEW_MONTHS", "12")  # not re-read for every card
    assert answers.card(two_years)["checked"] == ""
    assert answers.checked(two_years, months=12).startswith("Last checked")
    monkeypatch.setenv("SIGNPOST_REVIEW_MONTHS", "soon")
    settings.review_months.cache_clear()
    assert answers.card(two_years)["checked"].startswith("Last checked")  # the default, 12 months
    assert "Checked service" in answers.details(two_years)


def test_months_are_counted_in_whole_months():
    assert months_between(date(2026, 1, 5), date(2026, 2, 4)) == 0
    assert months_between(date(2026, 1, 5), date(2026, 2, 5)) == 1
    assert months_between(date(2025, 1, 31), date(2026, 1, 30)) == 11


def test_marking_a_service_checked_updates_it_and_records_who(seeded_directory_url):
    sessions = db.session_factory(seeded_directory_url)
    today = date(2026, 5, 20)
    with sessions.begin() as session:
        ids = store.all_ids(session)
        imported = store.load(session, ids[1])
        imported.last_verified = date(2026, 1, 10)  # as if the file said so
        store.save(session, imported)
    with sessions() as session:
        before = due_for_review(session, today, 12)
    assert [i.due for i in before][-1] is False and before[-1].service_id == ids[1]
    assert before[-1].checked_by == "import" and before[-1].last_checked == date(2026, 1, 10)
    assert all(i.due and i.last_checked is None and i.checked_by == "" for i in before[:-1])

    with sessions.begin() as session:
        mark_checked(session, ids[0], "dee", today)
    with sessions() as session:
        assert store.load(session, ids[0]).last_verified == today  # the service's own assured date
        checks = session.execute(select(ServiceCheck.service_id, ServiceCheck.checked_on, ServiceCheck.checked_by)).all()
        after = due_for_review(session, today, 12)
    assert checks == [(ids[0], today, "dee")]
    assert after[-1].service_id == ids[0] and after[-1].checked_by == "dee" and not after[-1].due
    assert all(i.due for i in after[:-2])


def test_never_checked_services_come_before_an_old_check(seeded_directory_url):
    sessions = db.session_factory(seeded_directory_url)
    with sessions.begin() as session:
        first = store.all_ids(session)[0]
        mark_checked(session, first, "dee", date(2023, 1, 2))
    with sessions() as session:
        items = due_for_review(session, date(2026, 5, 20), 12)
    assert all(i.due for i in items)
    assert items[-1].service_id == first  # never-checked first, then the oldest check
    with sessions.begin() as session, pytest.raises(UnknownService, match="reload the page"):
        mark_checked(session, "no-such-service", "dee", date(2026, 5, 20))
