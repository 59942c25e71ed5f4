"""The search action counts each search for commissioners and keeps only its dimensions in the
conversation; asking for a person, or leaving a callback, afterwards adds to that same count once."""

from __future__ import annotations

import json

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import contact_actions, search_actions
from directory import db
from directory.service_directory import ServiceDirectory
from handoff import hours as hours_module
from handoff.hours import parse_hours
from handoff.service import HandoffService
from insight.report import build_report, load_rows
from tests.async_support import run
from tests.handoff.support import HOURS_YAML

CALLBACK = {"cb_name_or_role": "Sam Example, health visitor", "cb_organisation": "Example Health Trust",
            "cb_contact": "07700 900123", "cb_best_time": "mornings", "cb_reason": "advice about a dad",
            "cb_consent": "yes"}


@pytest.fixture
def wired(seeded_directory_url, monkeypatch):
    """The actions on a real seeded database, with the test's advisor hours."""
    directory = ServiceDirectory(seeded_directory_url)
    hours = parse_hours(HOURS_YAML, "test-hours.yml")
    monkeypatch.setattr(search_actions, "service_directory", lambda: directory)
    monkeypatch.setattr(contact_actions, "service_directory", lambda: directory)
    monkeypatch.setattr(hours_module, "_default", hours)
    service = HandoffService(database_url=seeded_directory_url, hours=hours)
    monkeypatch.setattr(contact_actions, "handoff_service", lambda: service)
    return seeded_directory_url


def _tracker(slots: dict, text: str = "what's available?", intent: str = "find_services",
             loop: str | None = None) -> Tracker:
    return Tracker("conversation-4e1f", slots, {"text": text, "intent": {"name": intent}, "entities": []}, [], False,
                   None, {"name": loop} if loop else {}, "action_listen")


def _search(area: str) -> dict:
    events = run(search_actions.ActionSearchServices().run(CollectingDispatcher(), _tracker({"area": area}), {}))
    return next(e["value"] for e in events if e.get("name") == search_actions.INSIGHT_SLOT)


def _row(report, name: str):
    area = next(a for a in report.areas if a.local_authority == name)
    return {key: report.area(key, area).text for key in ("searches", "nothing_local", "person", "callback")}


def test_searches_are_counted_by_area_and_the_slot_holds_no_conversation(wired):
    for _ in range(10):
        slot = _search("NG1 1AA")
    _search("Truro")
    assert "conversation-4e1f" not in json.dumps(slot) and "NG1" not in json.dumps(slot)
    report = build_report(load_rows(db.get_engine(wired)), 10)
    assert _row(report, "Nottingham")["nothing_local"] == "0"
    assert _row(report, "Nottingham")["searches"] in ("10", "withheld")
    assert _row(report, "Cornwall")["searches"] == "fewer than 10"


def test_asking_for_a_person_after_a_search_is_counted_once(wired):
    slot = _search("Truro")
    events = run(contact_actions.ActionContactOptions().run(CollectingDispatcher(),
                                                            _tracker({search_actions.INSIGHT_SLOT: slot}), {}))
    kept = next(e["value"] for e in events if e.get("name") == search_actions.INSIGHT_SLOT)
    run(contact_actions.ActionContactOptions().run(CollectingDispatcher(),
                                                   _tracker({search_actions.INSIGHT_SLOT: kept}), {}))
    report = build_report(load_rows(db.get_engine(wired)), 1)
    assert _row(report, "Cornwall")["person"] == "1"


def test_a_stored_callback_after_a_search_is_counted(wired):
    slot = _search("Truro")
    tracker = _tracker({**CALLBACK, search_actions.INSIGHT_SLOT: slot}, "yes", "affirm", "callback_form")
    dispatcher = CollectingDispatcher()
    run(contact_actions.ActionSubmitCallback().run(dispatcher, tracker, {}))
    assert "Thank you" in dispatcher.messages[0]["text"]
    assert _row(build_report(load_rows(db.get_engine(wired)), 1), "Cornwall")["callback"] == "1"


def test_a_refused_callback_counts_nothing(wired):
    slot = _search("Truro")
    tracker = _tracker({**CALLBACK, "cb_consent": "no", search_actions.INSIGHT_SLOT: slot}, "no", "deny",
                       "callback_form")
    run(contact_actions.ActionSubmitCallback().run(CollectingDispatcher(), tracker, {}))
    assert _row(build_report(load_rows(db.get_engine(wired)), 1), "Cornwall")["callback"] == "0"


def test_a_search_when_advisors_are_closed_is_counted_out_of_hours(wired, monkeypatch):
    closed = parse_hours({**HOURS_YAML, "weekly": {}}, "closed.yml")
    monkeypatch.setattr(hours_module, "_default", closed)
    _search("Truro")
    _search("Truro")
    always = parse_hours({**HOURS_YAML, "weekly": {d: ["00:00-24:00"] for d in hours_module.DAYS}}, "open.yml")
    monkeypatch.setattr(hours_module, "_default", always)
    _search("Truro")
    report = build_report(load_rows(db.get_engine(wired)), 1)
    assert (report.total("out_of_hours").text, report.total("in_hours").text) == ("2", "1")
    assert report.total("searches").text == "3"


def test_counting_failing_never_costs_the_worker_the_answer(wired, caplog):
    from sqlalchemy import text

    with db.get_engine(wired).begin() as conn:
        conn.execute(text("DROP TABLE insight_search_count"))
    dispatcher = CollectingDispatcher()
    events = run(search_actions.ActionSearchServices().run(dispatcher, _tracker({"area": "NG1 1AA"}), {}))
    assert any((m.get("custom") or {}).get("type") == "service_cards" for m in dispatcher.messages)
    assert {"event": "slot", "name": search_actions.INSIGHT_SLOT, "value": None, "timestamp": None} in events
    assert "search not counted (OperationalError)" in caplog.text
