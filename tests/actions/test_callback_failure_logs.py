"""A database fault during a callback writes no contact details into the logs (issue 15)."""

from __future__ import annotations

import logging

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import text

from actions import contact_actions
from directory import db
from handoff.service import HandoffService
from tests.async_support import run

DETAILS = {"cb_name_or_role": "Sam Example, health visitor", "cb_organisation": "Example Health Trust",
           "cb_contact": "07700 900123", "cb_best_time": "mornings", "cb_reason": "a man on my caseload",
           "cb_consent": "yes"}


def test_a_failed_callback_write_logs_the_error_type_not_the_details(empty_directory_url, monkeypatch, caplog):
    db.migrate(empty_directory_url)
    service = HandoffService(database_url=empty_directory_url)
    with db.get_engine(empty_directory_url).begin() as conn:
        conn.execute(text("DROP TABLE callback_request"))  # a real database error on insert
    monkeypatch.setattr(contact_actions, "handoff_service", lambda: service)
    tracker = Tracker("fixture-callback", DETAILS, {"text": "yes", "intent": {"name": "affirm"}}, [], False, None, {},
                      "callback_form")
    dispatcher = CollectingDispatcher()
    with caplog.at_level(logging.DEBUG):
        events = run(contact_actions.ActionSubmitCallback().run(dispatcher, tracker, {}))
    assert "couldn't save your request" in dispatcher.messages[0]["text"]
    assert "callback not stored (OperationalError)" in caplog.text
    for value in ("07700 900123", "Sam Example", "Example Health Trust", "caseload"):
        assert value not in caplog.text
    assert all(event["value"] is None for event in events)  # the details leave the slots
