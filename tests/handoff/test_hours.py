"""Service hours: GMT/BST switch days, closures, edge minutes, next opening, file errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from handoff.hours import (
    HoursConfigError,
    current_closing,
    describe_hours,
    format_moment,
    is_open,
    load_hours,
    next_opening,
    parse_hours,
)
from handoff.settings import DEFAULT_HOURS_FILE
from tests.handoff.support import HOURS_YAML, london


def test_edge_minutes(hours):
    assert not is_open(london(2026, 11, 24, 8, 59), hours)
    assert is_open(london(2026, 11, 24, 9, 0), hours)
    assert is_open(london(2026, 11, 24, 16, 59), hours)
    assert is_open(london(2026, 11, 24, 16, 59, 59), hours)
    assert not is_open(london(2026, 11, 24, 17, 0), hours)


def test_weekend_closed(hours):
    assert not is_open(london(2026, 11, 28, 12, 0), hours)  # Saturday
    assert not is_open(london(2026, 11, 29, 12, 0), hours)  # Sunday


def test_wall_clock_hours_across_bst_and_gmt(hours):
    # Summer (BST, UTC+1): 09:00 London is 08:00 UTC.
    assert not is_open(datetime(2026, 7, 1, 7, 59, tzinfo=UTC), hours)
    assert is_open(datetime(2026, 7, 1, 8, 0, tzinfo=UTC), hours)
    assert not is_open(datetime(2026, 7, 1, 16, 0, tzinfo=UTC), hours)  # 17:00 BST
    # Winter (GMT): 09:00 London is 09:00 UTC.
    assert not is_open(datetime(2026, 1, 7, 8, 30, tzinfo=UTC), hours)
    assert is_open(datetime(2026, 1, 7, 16, 30, tzinfo=UTC), hours)


def test_switch_days():
    # Open every day so the Sunday switch days themselves can be checked, including early hours.
    data = {**HOURS_YAML, "closures": [], "weekly": {d: ["00:30-03:00", "09:00-17:00"] for d in (
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")}}
    hours = parse_hours(data)
    # 29 March 2026: clocks go forward at 01:00 GMT to 02:00 BST.
    assert is_open(datetime(2026, 3, 29, 0, 45, tzinfo=UTC), hours)  # 00:45 GMT
    assert is_open(datetime(2026, 3, 29, 1, 30, tzinfo=UTC), hours)  # 02:30 BST
    assert not is_open(datetime(2026, 3, 29, 2, 0, tzinfo=UTC), hours)  # 03:00 BST: closed
    assert is_open(datetime(2026, 3, 29, 8, 0, tzinfo=UTC), hours)  # 09:00 BST
    assert not is_open(datetime(2026, 3, 29, 7, 59, tzinfo=UTC), hours)
    assert not is_open(datetime(2026, 3, 29, 16, 0, tzinfo=UTC), hours)  # 17:00 BST
    # The period 00:30-03:00 lasts 90 minutes of real time on the spring-forward day.
    periods = hours.periods_on(datetime(2026, 3, 29).date())
    assert periods[0][1] - periods[0][0] == timedelta(minutes=90)
    # 25 October 2026: clocks go back at 02:00 BST to 01:00 GMT; 00:30-03:00 lasts 3.5 hours.
    periods = hours.periods_on(datetime(2026, 10, 25).date())
    assert periods[0][1] - periods[0][0] == timedelta(hours=3, minutes=30)
    assert is_open(datetime(2026, 10, 25, 9, 0, tzinfo=UTC), hours)  # 09:00 GMT
    assert not is_open(datetime(2026, 10, 25, 8, 30, tzinfo=UTC), hours)
    assert not is_open(datetime(2026, 10, 25, 17, 0, tzinfo=UTC), hours)
    # Monday after the autumn switch: 09:00 is 09:00 UTC again.
    assert not is_open(datetime(2026, 10, 26, 8, 30, tzinfo=UTC), hours)
    assert is_open(datetime(2026, 10, 26, 9, 0, tzinfo=UTC), hours)


def test_closures(hours):
    assert not is_open(london(2026, 12, 25, 12, 0), hours)  # single date
    assert is_open(london(2026, 12, 24, 12, 0), hours)
    for day in (28, 29, 30, 31):
        assert not is_open(london(2026, 12, day, 12, 0), hours)  # range, inclusive
    assert not is_open(london(2027, 1, 1, 12, 0), hours)
    assert is_open(london(2027, 1, 4, 9, 0), hours)


def test_next_opening_when_open_is_now(hours):
    at = london(2026, 11, 24, 10, 0)
    assert next_opening(at, hours) == at


def test_next_opening_same_day_and_next_day(hours):
    assert next_opening(london(2026, 11, 24, 7, 0), hours) == london(2026, 11, 24, 9, 0)
    assert next_opening(london(2026, 11, 24, 17, 0), hours) == london(2026, 11, 25, 9, 0)


def test_next_opening_across_weekend(hours):
    assert next_opening(london(2026, 11, 27, 17, 0), hours) == london(2026, 11, 30, 9, 0)  # Friday -> Monday
    assert next_opening(london(2026, 11, 28, 12, 0), hours) == london(2026, 11, 30, 9, 0)


def test_next_opening_across_closures(hours):
    # Thursday 24 Dec after hours -> Fri 25 closed, weekend, 28 Dec-1 Jan closed -> Monday 4 Jan 2027.
    result = next_opening(london(2026, 12, 24, 17, 30), hours)
    assert result == london(2027, 1, 4, 9, 0)
    assert result.utcoffset() == timedelta(0)


def test_next_opening_into_bst(hours):
    # Friday 27 March 2026 after hours -> Monday 30 March 09:00 BST = 08:00 UTC.
    result = next_opening(london(2026, 3, 27, 18, 0), hours)
    assert result.astimezone(UTC) == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)


def test_next_opening_none_without_hours():
    hours = parse_hours({**HOURS_YAML, "weekly": {}})
    assert next_opening(london(2026, 11, 24, 10, 0), hours) is None
    assert not is_open(london(2026, 11, 24, 10, 0), hours)


def test_current_closing(hours):
    assert current_closing(london(2026, 11, 24, 10, 0), hours) == london(2026, 11, 24, 17, 0)
    assert current_closing(london(2026, 11, 24, 18, 0), hours) is None


def test_naive_datetimes_refused(hours):
    with pytest.raises(ValueError, match="timezone-aware"):
        is_open(datetime(2026, 11, 24, 10, 0), hours)


def test_midnight_end():
    hours = parse_hours({**HOURS_YAML, "closures": [], "weekly": {"friday": ["18:00-24:00"]}})
    assert is_open(london(2026, 11, 27, 23, 59), hours)
    assert not is_open(london(2026, 11, 28, 0, 0), hours)


def test_describe_configured(hours):
    text = describe_hours(hours)
    assert "Monday to Friday, 9am to 5pm (UK time)" in text
    assert "0113 496 0000" in text
    assert "closures" in text


def test_shipped_file_is_honest_placeholder():
    hours = load_hours(DEFAULT_HOURS_FILE)
    assert hours.configured is False
    assert hours.advisor_phone is None
    assert [bool(day) for day in hours.weekly] == [True] * 5 + [False] * 2
    assert is_open(london(2026, 11, 24, 9, 0), hours)
    text = describe_hours(hours)
    assert "hasn't confirmed" in text
    assert "phone" not in text.lower()


def test_format_moment():
    now = london(2026, 11, 24, 18, 0)
    assert format_moment(london(2026, 11, 25, 9, 0), now) == "tomorrow at 9am"
    assert format_moment(london(2026, 11, 24, 19, 30), now) == "today at 7:30pm"
    assert format_moment(london(2026, 11, 30, 12, 0), now) == "Monday 30 November at 12 noon"


@pytest.mark.parametrize(("text", "message"), [
    ("weekly: [unclosed", "line 1"),
    ("- just a list", "expected a mapping"),
    ("weekly: {monday: '9-5'}", "weekly.monday"),
    ("weekly: {monday: '09:00-25:00'}", "weekly.monday"),
    ("weekly: {monday: '17:00-09:00'}", "ends before it starts"),
    ("weekly: {monday: ['09:00-13:00', '12:00-17:00']}", "overlap"),
    ("weekly: {funday: '09:00-17:00'}", "unknown day"),
    ("weekly: {}\nclosures: [{date: 2026-13-01}]", "closures[0].date"),
    ("weekly: {}\nclosures: [{from: 2026-12-31, to: 2026-12-01}]", "closures[0]"),
    ("weekly: {}\nclosures: [{from: 2026-12-31}]", "closures[0]"),
    ("weekly: {}\ntimezone: Mars/Olympus", "timezone"),
    ("weekly: {}\nconfigured: perhaps", "configured"),
    ("weekly: {}\nopening: 9", "unknown field"),
    ("closures: []", "weekly"),
])
def test_malformed_files_name_file_and_field(tmp_path, text, message):
    path = tmp_path / "hours.yml"
    path.write_text(text)
    with pytest.raises(HoursConfigError) as error:
        load_hours(path)
    assert str(path) in str(error.value)
    assert message in str(error.value)


def test_missing_file(tmp_path):
    with pytest.raises(HoursConfigError, match="cannot read"):
        load_hours(tmp_path / "nope.yml")
