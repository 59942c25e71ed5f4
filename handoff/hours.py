"""Advisor service hours: weekly opening times in a named time zone, closures, and how to describe them.

The hours live in a YAML file the operator maintains (handoff/service_hours.yml by default,
SIGNPOST_SERVICE_HOURS to use another). Opening times are local wall-clock times, so 09:00 means
09:00 in London whether the clocks are on GMT or BST. Every datetime passed in must be aware.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from handoff.settings import DEFAULT_HOURS_FILE

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
_LOOKAHEAD_DAYS = 400


class HoursConfigError(ValueError):
    """The hours file is missing, not YAML, or has a field that cannot be used; the message names both."""


@dataclass(frozen=True)
class Closure:
    first: date
    last: date
    reason: str = ""

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True)
class ServiceHours:
    """Weekly hours (index 0 = Monday) as (start, end) local times, end exclusive."""

    weekly: tuple[tuple[tuple[time, time], ...], ...]
    closures: tuple[Closure, ...] = ()
    timezone: str = "Europe/London"
    configured: bool = False
    advisor_phone: str | None = None
    advisor_phone_hours: str | None = None
    twenty_four_hour: tuple[dict[str, str], ...] = field(default_factory=tuple)
    source: str = ""

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def closure_on(self, day: date) -> Closure | None:
        return next((c for c in self.closures if c.covers(day)), None)

    def periods_on(self, day: date) -> list[tuple[datetime, datetime]]:
        """The open periods of one local day as aware datetimes (empty on a closure day)."""
        if self.closure_on(day):
            return []
        tz = self.tz
        periods = []
        for start, end in self.weekly[day.weekday()]:
            end_day = day + timedelta(days=1) if end == time(0) else day
            periods.append((_local(day, start, tz), _local(end_day, end, tz)))
        return periods


def _local(day: date, at: time, tz: ZoneInfo) -> datetime:
    """A local wall-clock time as an aware UTC datetime (times skipped by a clock change move forward)."""
    naive = datetime.combine(day, at)
    aware = naive.replace(tzinfo=tz)
    # A time that does not exist (the skipped hour in March) round-trips to a different wall time;
    # zoneinfo then gives the later offset, which moves it forward as a clock would.
    return aware.astimezone(UTC)


def _aware(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("service hours need a timezone-aware datetime (for example datetime.now(timezone.utc))")
    return at.astimezone(UTC)


def is_open(at: datetime, hours: ServiceHours | None = None) -> bool:
    """True if `at` falls inside an opening period (start inclusive, end exclusive) on a day not closed."""
    hours = hours or default_hours()
    moment = _aware(at)
    local_day = moment.astimezone(hours.tz).date()
    # A period may run past midnight (end 00:00), so look at the previous day too.
    for day in (local_day - timedelta(days=1), local_day):
        if any(start <= moment < end for start, end in hours.periods_on(day)):
            return True
    return False


def next_opening(at: datetime, hours: ServiceHours | None = None) -> datetime | None:
    """The earliest moment at or after `at` when advisors are on shift: `at` itself if open now.

    Returned in the service's time zone; None if nothing opens within a year (no hours configured).
    """
    hours = hours or default_hours()
    moment = _aware(at)
    if is_open(moment, hours):
        return moment.astimezone(hours.tz)
    local_day = moment.astimezone(hours.tz).date()
    for offset in range(_LOOKAHEAD_DAYS):
        for start, _end in hours.periods_on(local_day + timedelta(days=offset)):
            if start > moment:
                return start.astimezone(hours.tz)
    return None


def current_closing(at: datetime, hours: ServiceHours | None = None) -> datetime | None:
    """When the period open at `at` ends, in the service's time zone; None if closed at `at`."""
    hours = hours or default_hours()
    moment = _aware(at)
    local_day = moment.astimezone(hours.tz).date()
    for day in (local_day - timedelta(days=1), local_day):
        for start, end in hours.periods_on(day):
            if start <= moment < end:
                return end.astimezone(hours.tz)
    return None


# --- describing hours to a worker ---


def format_time(at: time | datetime) -> str:
    """9am, 5:30pm, 12 noon, midnight."""
    hour, minute = at.hour, at.minute
    if (hour, minute) == (0, 0):
        return "midnight"
    if (hour, minute) == (12, 0):
        return "12 noon"
    suffix = "am" if hour < 12 else "pm"
    twelve = hour % 12 or 12
    return f"{twelve}{suffix}" if minute == 0 else f"{twelve}:{minute:02d}{suffix}"


def format_moment(at: datetime, now: datetime | None = None, tz: ZoneInfo | None = None) -> str:
    """'today at 9am', 'tomorrow at 9am', 'Monday 5 January at 9am' in the service's time zone."""
    tz = tz or ZoneInfo("Europe/London")
    local = at.astimezone(tz)
    when = f"at {format_time(local)}"
    if now is not None:
        today = _aware(now).astimezone(tz).date()
        if local.date() == today:
            return f"today {when}"
        if local.date() == today + timedelta(days=1):
            return f"tomorrow {when}"
    return f"{local:%A} {local.day} {local:%B} {when}"


def _periods_text(periods: tuple[tuple[time, time], ...]) -> str:
    return " and ".join(f"{format_time(s)} to {format_time(e)}" for s, e in periods)


def weekly_text(hours: ServiceHours) -> str:
    """'Monday to Friday, 9am to 5pm' with runs of days sharing the same hours grouped."""
    groups: list[tuple[int, int, tuple]] = []
    for index, periods in enumerate(hours.weekly):
        if not periods:
            continue
        if groups and groups[-1][1] == index - 1 and groups[-1][2] == periods:
            groups[-1] = (groups[-1][0], index, periods)
        else:
            groups.append((index, index, periods))
    parts = []
    for first, last, periods in groups:
        names = DAYS[first].title() if first == last else (
            f"{DAYS[first].title()} and {DAYS[last].title()}" if last == first + 1
            else f"{DAYS[first].title()} to {DAYS[last].title()}"
        )
        parts.append(f"{names}, {_periods_text(periods)}")
    return "; ".join(parts)


def describe_hours(hours: ServiceHours | None = None) -> str:
    """What to tell a worker who asks when advisors are available (honest when not configured)."""
    hours = hours or default_hours()
    weekly = weekly_text(hours)
    zone = "UK time" if hours.timezone == "Europe/London" else hours.timezone
    if not hours.configured:
        text = (
            "The service running this chat hasn't confirmed its advisors' hours yet, so I can't promise when "
            "someone will be here."
        )
        if weekly:
            text += f" For now, advisors may be able to take chats {weekly} ({zone}), when one is signed in."
        return text
    if not weekly:
        text = "Advisors aren't currently taking chats at set times."
    else:
        text = f"Advisors are available {weekly} ({zone})"
        text += ", except bank holidays and other closures." if hours.closures else "."
    if hours.advisor_phone:
        text += f" You can also phone them on {hours.advisor_phone}"
        text += f" ({hours.advisor_phone_hours})." if hours.advisor_phone_hours else " during those hours."
    return text


def closure_text(at: datetime, hours: ServiceHours | None = None) -> str | None:
    """'closed for Christmas Day' if `at` is on a closure day, else None."""
    hours = hours or default_hours()
    closure = hours.closure_on(_aware(at).astimezone(hours.tz).date())
    if closure is None:
        return None
    return f"closed for {closure.reason}" if closure.reason else "closed today"


# --- loading the file ---


def _field_error(path: Path | str, where: str, problem: str) -> HoursConfigError:
    return HoursConfigError(f"{path}: {where}: {problem}")


def _parse_time(path: Path | str, where: str, hour: str, minute: str) -> time:
    h, m = int(hour), int(minute)
    if h == 24 and m == 0:
        return time(0)
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise _field_error(path, where, f"{hour}:{minute} is not a time of day")
    return time(h, m)


def _parse_day(path: Path | str, name: str, value: Any) -> tuple[tuple[time, time], ...]:
    where = f"weekly.{name}"
    if value is None or value == [] or (isinstance(value, str) and value.strip().lower() == "closed"):
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise _field_error(path, where, 'expected "HH:MM-HH:MM", a list of them, or "closed"')
    periods = []
    for item in items:
        match = _RANGE.match(item) if isinstance(item, str) else None
        if not match:
            raise _field_error(path, where, f'{item!r} is not a "HH:MM-HH:MM" range (for example "09:00-17:00")')
        start = _parse_time(path, where, match[1], match[2])
        end = _parse_time(path, where, match[3], match[4])
        if end != time(0) and end <= start:
            raise _field_error(path, where, f"{item!r} ends before it starts")
        periods.append((start, end))
    periods.sort()
    for (_, end), (start, _) in zip(periods, periods[1:], strict=False):
        if end == time(0) or start < end:
            raise _field_error(path, where, "opening periods overlap")
    return tuple(periods)


def _parse_date(path: Path | str, where: str, value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _field_error(path, where, f"{value!r} is not a date in the form YYYY-MM-DD")


def _parse_closure(path: Path | str, index: int, item: Any) -> Closure:
    where = f"closures[{index}]"
    if not isinstance(item, dict):
        raise _field_error(path, where, "expected {date: YYYY-MM-DD, reason: ...} or {from: ..., to: ..., reason: ...}")
    reason = str(item.get("reason") or "").strip()
    unknown = set(item) - {"date", "from", "to", "reason"}
    if unknown:
        raise _field_error(path, where, f"unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    if "date" in item:
        if "from" in item or "to" in item:
            raise _field_error(path, where, "give either date or from/to, not both")
        day = _parse_date(path, f"{where}.date", item["date"])
        return Closure(day, day, reason)
    if "from" not in item or "to" not in item:
        raise _field_error(path, where, "needs date, or both from and to")
    first = _parse_date(path, f"{where}.from", item["from"])
    last = _parse_date(path, f"{where}.to", item["to"])
    if last < first:
        raise _field_error(path, where, f"to ({last}) is before from ({first})")
    return Closure(first, last, reason)


def parse_hours(data: Any, source: Path | str = "<hours>") -> ServiceHours:
    """Build ServiceHours from the parsed YAML mapping, naming the field at fault in any error."""
    if not isinstance(data, dict):
        raise HoursConfigError(f"{source}: expected a mapping with weekly, closures, timezone, configured")
    known = {"configured", "timezone", "advisor_phone", "advisor_phone_hours", "weekly", "closures",
             "twenty_four_hour"}
    unknown = set(data) - known
    if unknown:
        raise _field_error(source, ", ".join(sorted(map(str, unknown))), "unknown field (check the spelling)")
    configured = data.get("configured", False)
    if not isinstance(configured, bool):
        raise _field_error(source, "configured", f"expected true or false, not {configured!r}")
    zone = data.get("timezone", "Europe/London")
    try:
        ZoneInfo(str(zone))
    except (ZoneInfoNotFoundError, ValueError):
        problem = f"{zone!r} is not a known time zone (for example Europe/London)"
        raise _field_error(source, "timezone", problem) from None
    weekly_raw = data.get("weekly")
    if not isinstance(weekly_raw, dict):
        raise _field_error(source, "weekly", "expected a mapping from monday..sunday to opening hours")
    bad_days = set(weekly_raw) - set(DAYS)
    if bad_days:
        raise _field_error(source, "weekly", f"unknown day(s) {', '.join(sorted(map(str, bad_days)))}")
    weekly = tuple(_parse_day(source, day, weekly_raw.get(day)) for day in DAYS)
    closures_raw = data.get("closures") or []
    if not isinstance(closures_raw, list):
        raise _field_error(source, "closures", "expected a list")
    closures = tuple(_parse_closure(source, i, item) for i, item in enumerate(closures_raw))
    phone = data.get("advisor_phone")
    if phone is not None and not (isinstance(phone, str | int) and str(phone).strip()):
        raise _field_error(source, "advisor_phone", "expected the number as text, or null for none")
    phone_hours = data.get("advisor_phone_hours")
    if phone_hours is not None and not isinstance(phone_hours, str):
        raise _field_error(source, "advisor_phone_hours", "expected text, or null")
    others_raw = data.get("twenty_four_hour") or []
    if not isinstance(others_raw, list):
        raise _field_error(source, "twenty_four_hour", "expected a list")
    others = []
    for i, item in enumerate(others_raw):
        if not isinstance(item, dict) or not item.get("name") or not item.get("contact"):
            raise _field_error(source, f"twenty_four_hour[{i}]", "needs name and contact (and a source)")
        others.append({k: str(v) for k, v in item.items()})
    return ServiceHours(
        weekly=weekly,
        closures=closures,
        timezone=str(zone),
        configured=configured,
        advisor_phone=str(phone).strip() if phone is not None else None,
        advisor_phone_hours=phone_hours.strip() if phone_hours else None,
        twenty_four_hour=tuple(others),
        source=str(source),
    )


def load_hours(path: Path | str | None = None) -> ServiceHours:
    """Read and check an hours file; HoursConfigError names the file and field at fault."""
    path = Path(path) if path is not None else DEFAULT_HOURS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise HoursConfigError(f"{path}: cannot read the service hours file ({error.strerror or error})") from None
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "YAML"
        problem = getattr(error, "problem", None) or str(error)
        raise HoursConfigError(f"{path}: {where}: not valid YAML ({problem})") from None
    return parse_hours(data, path)


class _Loader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so a bad date is reported with the field it is in."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_default: ServiceHours | None = None


def default_hours() -> ServiceHours:
    """The hours from SIGNPOST_SERVICE_HOURS (or the packaged file), read once."""
    global _default
    if _default is None:
        from handoff.settings import HandoffSettings

        _default = load_hours(HandoffSettings.from_env().hours_file)
    return _default
