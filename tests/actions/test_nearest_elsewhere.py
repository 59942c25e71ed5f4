"""Nothing local: the worker sees the national routes and programmes of unrecorded reach, and the nearest
services elsewhere (which cover only their own areas) only on request. Blind writers of three rounds marked
Nottinghamshire's programme shown for Birmingham, Chesterfield or Telford as wrong (conversations_round17)."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.search_actions import ActionMoreResults, ActionSearchServices
from safety.texts import SAFETY_LINE
from tests.async_support import run

pytestmark = pytest.mark.usefixtures("seed_directory")

NEAREST_BUTTON = '/more_results{"scope": "nearest"}'


def tracker(text: str, slots: dict[str, Any], entities: list[dict] | None = None, intent: str = "find_services") -> Tracker:
    return Tracker.from_dict({
        "sender_id": "test", "slots": slots, "events": [], "paused": False, "followup_action": None,
        "active_loop": {}, "latest_action_name": "action_listen",
        "latest_message": {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities or []},
    })


def reply(action, t: Tracker) -> tuple[str, list[str], list[str], dict]:  # type: ignore[no-untyped-def]
    """What the worker sees: the text, the card names, the button payloads; and the slots set."""
    dispatcher = CollectingDispatcher()
    events = run(action.run(dispatcher, t, {}))
    text = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    cards = [c["name"] for m in dispatcher.messages for c in (m.get("custom") or {}).get("cards", [])]
    buttons = [b["payload"] for m in dispatcher.messages for b in m.get("buttons") or []]
    return text, cards, buttons, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


@pytest.mark.parametrize("place", ["Birmingham", "Chesterfield", "Telford"])
def test_an_uncovered_place_is_not_shown_another_countys_programmes_first(place: str) -> None:
    text, cards, buttons, _ = reply(ActionSearchServices(), tracker(f"anything in {place}?", {"area": place}))
    assert cards[0] == "Respect Phoneline"
    assert not any("Your Choice" in name or "They Matter" in name or name == "Help" for name in cards), cards
    assert f"no local services covering {place}" in text and "the nearest elsewhere" in text
    assert NEAREST_BUTTON in buttons and SAFETY_LINE in text


def test_the_nearest_button_shows_them_each_marked_as_covering_its_own_area_only() -> None:
    _, _, _, slots = reply(ActionSearchServices(), tracker("what's in Birmingham?", {"area": "Birmingham"}))
    pressed = tracker(NEAREST_BUTTON, {**slots, "area": "Birmingham"},
                      entities=[{"entity": "scope", "value": "nearest"}], intent="more_results")
    text, cards, _, _ = reply(ActionMoreResults(), pressed)
    assert cards and cards[0] == "Your Choice Project perpetrator programme"
    assert "covers only its own area" in text and "take someone from Birmingham" in text and SAFETY_LINE in text


def test_asking_for_the_closest_in_words_after_nothing_local_shows_them() -> None:
    _, _, _, slots = reply(ActionSearchServices(), tracker("what's in Chesterfield?", {"area": "Chesterfield"}))
    text, cards, _, _ = reply(ActionMoreResults(), tracker("whats the closest one then", {**slots, "area": "Chesterfield"},
                                                           intent="more_results"))
    assert any("Your Choice" in name for name in cards) and "covers only its own area" in text


def test_asking_for_the_nearest_with_the_place_shows_them_straight_away() -> None:
    text, cards, _, _ = reply(ActionSearchServices(), tracker("what's the nearest programme to Telford?", {"area": "Telford"}))
    assert "nearest services elsewhere to Telford" in text and cards and "Respect Phoneline" not in cards


def test_more_after_nothing_local_pages_through_the_routes_before_anything_elsewhere() -> None:
    _, first, _, slots = reply(ActionSearchServices(), tracker("what's in Leicester?", {"area": "Leicester"}))
    _, second, _, _ = reply(ActionMoreResults(), tracker("more", {**slots, "area": "Leicester"}, intent="more_results"))
    assert first[0] == "Respect Phoneline" and len(first) == 3 and not set(first) & set(second)
    assert not any("Your Choice" in name for name in first + second)


def test_a_covered_place_has_no_nearest_button() -> None:
    _, cards, buttons, _ = reply(ActionSearchServices(), tracker("what's in Kendal?", {"area": "Kendal"}))
    assert "They Matter (Turning the Spotlight)" in cards and NEAREST_BUTTON not in buttons


@pytest.mark.parametrize(("place", "service"), [("Portsmouth", "The Hampton Trust's perpetrator service (Hampshire)"),
                                                ("Carlisle", "They Matter (Turning the Spotlight)")])
def test_a_service_in_other_parts_of_the_same_county_is_shown_with_what_its_record_leaves_out(place, service) -> None:
    text, cards, _, _ = reply(ActionSearchServices(), tracker(f"what's in {place}?", {"area": place}))
    assert cards[:2] == ["Respect Phoneline", service]
    assert f"its recorded areas don't include {place}, so ask them before referring" in text


def test_the_closest_one_read_as_a_question_about_a_card_after_nothing_local_is_the_nearest_elsewhere() -> None:
    from actions.followup_actions import ActionAnswerFollowup

    _, _, _, slots = reply(ActionSearchServices(), tracker("anything in brum?", {"area": "Birmingham"}))
    text, cards, _, _ = reply(ActionAnswerFollowup(), tracker("whats the closest one then", {**slots, "area": "Birmingham"},
                                                              intent="ask_service_details"))
    assert "nearest services elsewhere to Birmingham" in text and cards[0] == "Your Choice Project perpetrator programme"


def test_the_closest_one_after_a_search_that_found_something_local_is_that_card() -> None:
    from actions.followup_actions import ActionAnswerFollowup

    _, _, _, slots = reply(ActionSearchServices(), tracker("what's in Kendal?", {"area": "Kendal"}))
    text, _, _, _ = reply(ActionAnswerFollowup(), tracker("more on the closest one", {**slots, "area": "Kendal"},
                                                          intent="ask_service_details"))
    assert "They Matter" in text and "nearest services elsewhere" not in text
