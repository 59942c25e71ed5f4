"""'This listing is wrong' flags: personal details stripped, the day only, grouped by service, closed with a
note, and closed ones deleted by retention."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import inspect

from directory import db, listing_flags, store
from directory.listing_flags import FlagRefused, add_flag, close_flag, open_flags, strip_personal_details
from handoff.retention import run_retention
from handoff.store import HandoffStore


def test_emails_phone_numbers_and_postcodes_are_removed():
    text = ("Moved to NG1 5FS, ring Jo on 01632 960123 or +44 (0)20 7946 0000, or jo.bloggs@example.org; "
            "groups are 9.30-12 on Tuesdays, 2 sessions")
    assert strip_personal_details(text) == (
        "Moved to [postcode removed], ring Jo on [phone number removed] or [phone number removed], or "
        "[email removed]; groups are 9.30-12 on Tuesdays, 2 sessions")
    assert strip_personal_details("closed since March 2024,   new  number 07700900123") == (
        "closed since March 2024, new number [phone number removed]")
    assert strip_personal_details("covers NG1 and NG2 only") == "covers NG1 and NG2 only"  # districts are no one's


def test_a_flag_keeps_the_service_the_stripped_text_and_the_day(seeded_directory_url):
    sessions = db.session_factory(seeded_directory_url)
    with sessions.begin() as session:
        service_id = store.all_ids(session)[0]
        flag = add_flag(session, service_id, "  phone 01632 960999 no longer answers  ", date(2026, 5, 20))
    columns = {c["name"] for c in inspect(db.get_engine(seeded_directory_url)).get_columns("listing_flag")}
    assert columns == {"id", "service_id", "what_is_wrong", "reported_on", "closed_on", "closed_by", "close_note"}
    with sessions() as session:
        [group] = open_flags(session)
    assert group.service_id == service_id and group.name
    assert [(f.id, f.what_is_wrong, f.reported_on) for f in group.flags] == [
        (flag.id, "phone [phone number removed] no longer answers", date(2026, 5, 20))]


def test_unknown_services_empty_and_long_text_are_refused_with_what_to_do(seeded_directory_url):
    sessions = db.session_factory(seeded_directory_url)
    with sessions.begin() as session:
        service_id = store.all_ids(session)[0]
        with pytest.raises(FlagRefused, match="search again"):
            add_flag(session, "no-such-service", "wrong phone", date(2026, 5, 20))
        with pytest.raises(FlagRefused, match="Say in a few words"):
            add_flag(session, service_id, "   ", date(2026, 5, 20))
        with pytest.raises(FlagRefused, match="300 characters or fewer"):
            add_flag(session, service_id, "x" * 301, date(2026, 5, 20))
        assert open_flags(session) == []


def test_flags_are_grouped_by_service_with_counts_and_closed_with_a_note(seeded_directory_url):
    sessions = db.session_factory(seeded_directory_url)
    with sessions.begin() as session:
        first, second = store.all_ids(session)[:2]
        a = add_flag(session, first, "wrong phone", date(2026, 5, 1))
        add_flag(session, second, "closed down", date(2026, 5, 2))
        add_flag(session, second, "no longer runs groups", date(2026, 5, 3))
    with sessions() as session:
        assert [(g.service_id, len(g.flags)) for g in open_flags(session)] == [(second, 2), (first, 1)]
    with sessions.begin() as session:
        with pytest.raises(FlagRefused, match="Write a short note"):
            close_flag(session, a.id, " ", "dee", date(2026, 5, 4))
        closed = close_flag(session, a.id, "phone number corrected", "dee", date(2026, 5, 4))
        assert (closed.closed_on, closed.closed_by, closed.close_note) == (date(2026, 5, 4), "dee",
                                                                           "phone number corrected")
    with sessions.begin() as session:
        with pytest.raises(LookupError, match="not open"):
            close_flag(session, a.id, "again", "dee", date(2026, 5, 4))
        assert [g.service_id for g in open_flags(session)] == [second]


def test_retention_deletes_closed_flags_past_the_period_and_keeps_open_ones(seeded_directory_url):
    sessions = db.session_factory(seeded_directory_url)
    with sessions.begin() as session:
        service_id = store.all_ids(session)[0]
        old = add_flag(session, service_id, "wrong phone", date(2026, 1, 1))
        recent = add_flag(session, service_id, "wrong hours", date(2026, 1, 2))
        add_flag(session, service_id, "still open", date(2026, 1, 3))
        close_flag(session, old.id, "fixed", "dee", date(2026, 2, 1))
        close_flag(session, recent.id, "fixed", "dee", date(2026, 5, 1))
    counts = run_retention(HandoffStore(seeded_directory_url), 30, datetime(2026, 5, 20, 12, tzinfo=UTC))
    assert counts["listing_flags"] == 1
    with sessions() as session:
        left = session.query(listing_flags.ListingFlag).order_by(listing_flags.ListingFlag.id).all()
    assert [f.what_is_wrong for f in left] == ["wrong hours", "still open"]
