"""Actions on JSON tracker fixtures with CollectingDispatcher: what the worker would read, no servers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import safety_actions
from actions.fallback_actions import ActionAskAffirmation
from actions.safety_actions import ActionDangerNow, ActionRiskRoutes
from safety.texts import DANGER_NEXT, DANGER_NOW, SAFETY_LINE
from tests.async_support import run

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "trackers"


def tracker(name: str) -> Tracker:
    return Tracker.from_dict(json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8")))


def said(action, name: str) -> list[dict]:
    dispatcher = CollectingDispatcher()
    run(action.run(dispatcher, tracker(name), {}))
    return dispatcher.messages


@pytest.fixture
def advisor(monkeypatch):
    """Set whether an advisor is on shift, as the handoff service would say."""
    def set_on_shift(on_shift: bool) -> None:
        monkeypatch.setattr(safety_actions, "advisor_on_shift", lambda: on_shift)
    return set_on_shift


def test_danger_now_says_999_first_then_the_routes_then_the_next_step(advisor):
    advisor(False)
    messages = said(ActionDangerNow(), "danger_with_risk")
    assert messages[0]["text"] == DANGER_NOW
    assert "Marac" in messages[1]["text"] and "can't assess risk" in messages[1]["text"]
    assert messages[-1]["text"].startswith(DANGER_NEXT) and not messages[-1]["buttons"]
    # the writer may be the one in danger: her own helpline comes with the next step
    assert "0808 2000 247" in messages[-1]["text"]


def test_danger_now_offers_the_advisor_when_one_is_on_shift(advisor):
    advisor(True)
    last = said(ActionDangerNow(), "danger_with_risk")[-1]
    assert "advisor is on shift" in last["text"]
    assert last["buttons"][0]["payload"] == "/talk_to_human"


def test_risk_routes_offer_the_advisor_first_when_one_is_on_shift(advisor):
    advisor(True)
    messages = said(ActionRiskRoutes(), "danger_with_risk")
    assert "advisor is on shift" in messages[0]["text"] and "Dash" in messages[1]["text"]


def test_advisor_on_shift_is_false_when_the_handoff_store_is_down(monkeypatch):
    def broken():
        raise ConnectionError("database down")
    monkeypatch.setattr(safety_actions, "handoff_service", broken)
    assert safety_actions.advisor_on_shift() is False


def test_a_suggestion_keeps_the_place_and_need_and_carries_the_safety_line():
    message = said(ActionAskAffirmation(), "not_understood_with_place")[0]
    assert SAFETY_LINE in message["text"]
    payloads = [button["payload"] for button in message["buttons"]]
    assert payloads[0] == '/find_services{"place": "Kendal", "format": "one_to_one"}'
    assert payloads[-1] == "/out_of_scope"


@pytest.mark.usefixtures("seed_directory")
def test_her_support_asked_beside_a_risk_gets_the_routes_then_what_the_service_offers_her(advisor):
    advisor(False)
    texts = [m.get("text") or "" for m in said(ActionRiskRoutes(), "risk_asking_about_her_support")]
    assert "Dash" in texts[0] and any("Partner Support Service" in t for t in texts[1:])
    assert sum("Dash" in t for t in texts) == 1  # the routes once, not again under the answer
