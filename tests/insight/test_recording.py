"""What a search adds to the commissioners' counts: only the listed dimensions, one count per day and
dimensions, and a later request for a person or a callback counted once against that search."""

from __future__ import annotations

from datetime import date

from sqlalchemy import inspect, select

from directory.search import SearchFilters
from insight.models import SearchCount
from insight.recording import CALLBACK, PERSON, CountedSearch, counted_search, record_follow_up, record_search
from tests.handoff.support import london

TUESDAY_NOON = london(2026, 3, 3, 12, 0)
TUESDAY_NIGHT = london(2026, 3, 3, 22, 30)


def test_the_table_holds_the_dimensions_and_counts_and_nothing_else(engine):
    columns = {c["name"] for c in inspect(engine).get_columns("insight_search_count")}
    assert columns == {"day", "local_authority", "police_force", "found_local", "filters", "filters_met",
                       "out_of_hours", "searches", "asked_person", "asked_callback"}


def test_a_search_is_counted_by_its_local_authority_police_force_and_outcome(shared_directory, hours):
    found = counted_search(shared_directory.find("NG1 1AA"), TUESDAY_NOON, hours)
    assert (found.local_authority, found.police_force, found.found_local) == ("Nottingham", "Nottinghamshire Police",
                                                                            True)
    assert found.day == date(2026, 3, 3) and not found.out_of_hours and found.filters == "" and found.filters_met
    gap = counted_search(shared_directory.find("Truro"), TUESDAY_NIGHT, hours)
    assert (gap.local_authority, gap.police_force, gap.found_local, gap.out_of_hours) == (
        "Cornwall", "Devon and Cornwall Police", False, True)


def test_filters_asked_for_are_counted_with_whether_they_were_met(shared_directory, hours):
    unmet = counted_search(shared_directory.find("Nottingham", SearchFilters(intervention_type="high_risk")),
                           TUESDAY_NOON, hours)
    assert unmet.filters == "intervention_type:high_risk" and not unmet.filters_met and not unmet.found_local
    met = counted_search(shared_directory.find("Nottingham", SearchFilters(gender="female")), TUESDAY_NOON, hours)
    assert met.filters == "gender:female" and met.filters_met


def test_a_county_searched_as_a_whole_is_named_as_such(shared_directory, hours):
    county = counted_search(shared_directory.find("Nottinghamshire"), TUESDAY_NOON, hours)
    assert county.local_authority == "Nottinghamshire (whole county)"
    assert county.police_force == "Nottinghamshire Police"


def _counted(**changes) -> CountedSearch:
    values = dict(day=date(2026, 3, 3), local_authority="Leeds", police_force="West Yorkshire Police",
                  found_local=False, filters="", filters_met=True, out_of_hours=False)
    return CountedSearch(**{**values, **changes})


def _rows(engine):
    with engine.connect() as conn:
        return conn.execute(select(SearchCount)).all()


def test_searches_with_the_same_dimensions_on_a_day_add_to_one_count(engine):
    for _ in range(3):
        record_search(engine, _counted())
    record_search(engine, _counted(day=date(2026, 3, 4)))
    rows = sorted(_rows(engine), key=lambda r: r.day)
    assert [(r.day.day, r.searches) for r in rows] == [(3, 3), (4, 1)]


def test_a_follow_up_is_counted_once_against_the_search_it_followed(engine):
    counted = _counted()
    record_search(engine, counted)
    record_search(engine, counted)
    slot = counted.as_slot()
    slot = record_follow_up(engine, slot, PERSON)
    slot = record_follow_up(engine, slot, PERSON)  # asked again: still one request after that search
    slot = record_follow_up(engine, slot, CALLBACK)
    (row,) = _rows(engine)
    assert (row.searches, row.asked_person, row.asked_callback) == (2, 1, 1)


def test_the_slot_holds_the_dimensions_and_no_conversation(engine):
    slot = _counted().as_slot()
    assert set(slot) == {"day", "local_authority", "police_force", "found_local", "filters", "filters_met",
                         "out_of_hours", "followed"}
    assert record_follow_up(engine, "not a search", PERSON) == "not a search"
    assert CountedSearch.from_slot({"day": "yesterday"}) is None
