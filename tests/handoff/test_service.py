"""Availability (hours AND an advisor signed in), expected waits, and the API the actions call."""

from __future__ import annotations

from datetime import timedelta

import pytest

from handoff.availability import estimate_wait_minutes
from handoff.callbacks import CallbackInvalid
from handoff.hours import parse_hours
from handoff.service import HandoffService
from handoff.settings import HandoffSettings
from tests.handoff.support import HOURS_YAML, add_advisor, london
from tests.handoff.test_callbacks import GOOD

OPEN = london(2026, 11, 24, 10, 0)  # Tuesday
CLOSED = london(2026, 11, 24, 18, 0)
CHRISTMAS = london(2026, 12, 25, 11, 0)


@pytest.fixture
def service(handoff_url, hours) -> HandoffService:
    return HandoffService(settings=HandoffSettings(database_url=handoff_url), hours=hours)


def sign_in(service: HandoffService, username: str, at):
    advisor = add_advisor(service.store, username)
    service.store.create_session(advisor.id, username.ljust(64, "x"), "csrf", at + timedelta(hours=12), at)
    return advisor


def test_closed_out_of_hours_even_with_advisor(service):
    sign_in(service, "sam", CLOSED)
    availability = service.availability(CLOSED)
    assert availability.status == "closed" and not availability.available
    assert availability.next_opening == london(2026, 11, 25, 9, 0)
    assert availability.advisors_online == 1


def test_in_hours_without_advisor(service):
    availability = service.availability(OPEN)
    assert availability.status == "no_advisor" and not availability.available
    text = service.unavailable_text(OPEN)
    assert "no advisor is signed in" in text and "999" in text and "0808 802 4040" in text
    assert "until 5pm" in text


def test_available_with_a_recent_session(service):
    sign_in(service, "sam", OPEN - timedelta(minutes=4))
    assert service.availability(OPEN).status == "available"
    assert service.checker.available(OPEN)
    # The console stops refreshing the session (page closed): after 5 minutes nobody counts as signed in.
    assert service.availability(OPEN + timedelta(minutes=2)).status == "no_advisor"


def test_expired_session_does_not_count(service):
    advisor = add_advisor(service.store, "sam")
    service.store.create_session(advisor.id, "y" * 64, "csrf", OPEN - timedelta(seconds=1), OPEN - timedelta(minutes=1))
    assert service.availability(OPEN).advisors_online == 0


def test_request_handoff_positions_and_idempotence(service):
    sign_in(service, "sam", OPEN)
    first = service.request_handoff("conv-1", {"area": "Leeds", "services_shown": ["A", "B"], "topic": "risk"}, OPEN)
    second = service.request_handoff("conv-2", None, OPEN + timedelta(seconds=5))
    assert (first.position, second.position) == (1, 2)
    assert service.request_handoff("conv-1", None, OPEN).handoff_id == first.handoff_id
    assert service.queue_position("conv-2") == 2
    assert service.has_open_handoff("conv-1")
    assert service.availability(OPEN).queue_length == 2
    assert "You're next in the queue" in service.queue_text(first)
    assert "number 2" in service.queue_text(second)
    assert service.cancel_handoff("conv-1", OPEN) is True
    assert service.queue_position("conv-2") == 1
    assert service.cancel_handoff("conv-1", OPEN) is False


def test_expected_wait_from_history(service):
    sam = sign_in(service, "sam", OPEN)
    # No history: no estimate, except that a free advisor will pick up the first request soon.
    ticket = service.request_handoff("conv-1", None, OPEN)
    assert ticket.expected_wait_minutes == 1
    service.store.claim(ticket.handoff_id, sam.id, OPEN)
    ticket2 = service.request_handoff("conv-2", None, OPEN)
    assert ticket2.expected_wait_minutes is None  # the only advisor is busy and there is no history
    for i in range(3):
        request = service.store.create_request(f"old-{i}", None, OPEN - timedelta(days=1, minutes=30))
        service.store.claim(request.id, sam.id, OPEN - timedelta(days=1, minutes=20))
        service.store.close(request.id, "advisor", OPEN - timedelta(days=1))  # 20 minutes each
    assert service.checker.expected_wait(1, OPEN) == 20
    assert service.checker.expected_wait(2, OPEN) == 40


def test_estimate_wait_minutes():
    assert estimate_wait_minutes(1, 0, 0, [600] * 5) is None
    assert estimate_wait_minutes(2, 2, 2, []) == 1
    assert estimate_wait_minutes(3, 2, 0, [600, 600, 600]) == 15


def test_add_callback_validates(service):
    callback_id = service.add_callback(GOOD, "conv-1")
    assert service.store.get_callback(callback_id).organisation == GOOD["organisation"]
    with pytest.raises(CallbackInvalid) as error:
        service.add_callback({**GOOD, "consent": "no"})
    assert "consent" in error.value.errors
    assert len(service.store.callbacks()) == 1


def test_texts(service):
    assert "Monday to Friday, 9am to 5pm" in service.hours_text()
    text = service.out_of_hours_text(CHRISTMAS)
    assert "closed for Christmas Day" in text
    assert "Monday 4 January at 9am" in text
    assert "999" in text and "info@respectphoneline.org.uk" in text
    assert "0113 496 0000" in text
    assert service.unavailable_text(CHRISTMAS) == text
    assert service.open_now_text(CLOSED).startswith("No,")
    assert "tomorrow at 9am" in service.open_now_text(CLOSED)
    assert "no advisor is signed in" in service.open_now_text(OPEN)
    assert "30 days" in service.consent_prompt()
    assert "when advisors are next available, tomorrow at 9am" in service.callback_confirmation(CLOSED)


def test_unconfigured_hours_are_honest(handoff_url):
    hours = parse_hours({**HOURS_YAML, "configured": False, "advisor_phone": None})
    service = HandoffService(settings=HandoffSettings(database_url=handoff_url), hours=hours)
    assert "hasn't confirmed" in service.out_of_hours_text(CLOSED)
    assert "hasn't confirmed" in service.hours_text()
    assert not service.availability(CLOSED).hours_configured
    confirmation = service.callback_confirmation(CLOSED)  # no time promised after "hours unconfirmed"
    assert "can't promise when" in confirmation and "9am" not in confirmation and "tomorrow" not in confirmation


def test_service_from_environment(handoff_url, monkeypatch):
    monkeypatch.setenv("SIGNPOST_DATABASE_URL", handoff_url)
    monkeypatch.setenv("SIGNPOST_RETENTION_DAYS", "14")
    service = HandoffService()
    assert service.retention_days == 14
    assert "14 days" in service.retention_text()
    assert service.hours.configured is False  # the shipped placeholder file
