"""A message the classifier did not understand, right after a search, is about the service on screen
(misses from conversations_round9, in our own words): the record answers a question or a need, a filter
added reruns the search, and nothing about a service still gets the question back with the safety line.
"""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback_actions import ActionAskAffirmation
from actions.followup_actions import followup_question
from safety.texts import SAFETY_LINE
from tests.async_support import run

pytestmark = pytest.mark.usefixtures("seed_directory")

AFTER_SEARCH = ("area_form", "action_search_services")


def tracker(text: str, *, slots: dict[str, Any], entities: list[dict] | None = None,
            last_actions: tuple[str, ...] = AFTER_SEARCH, ranking: list[dict] | None = None) -> Tracker:
    events = [{"event": "action", "name": name} for name in last_actions]
    events += [{"event": "action", "name": "action_listen"}, {"event": "user", "text": text}]
    return Tracker.from_dict({
        "sender_id": "test", "slots": slots, "events": events, "paused": False, "followup_action": None,
        "active_loop": {}, "latest_action_name": "action_listen",
        "latest_message": {"text": text, "intent": {"name": "nlu_fallback", "confidence": 0.5},
                           "intent_ranking": ranking or [], "entities": entities or [],
                           "safety": {"immediate": "", "risk": False, "themes": []}},
    })


def said(t: Tracker) -> str:
    dispatcher = CollectingDispatcher()
    run(ActionAskAffirmation().run(dispatcher, t, {}))
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


CUMBRIA = {"results": ["they-matter-cumbria"], "results_shown": 1.0, "selected_service": "they-matter-cumbria",
           "area": "Whitehaven"}


def test_when_sessions_run_is_answered_from_the_record_and_says_what_it_does_not_hold():
    text = said(tracker("what time do the groups meet", slots=CUMBRIA))
    assert "evening sessions" in text and "doesn't record the days and times" in text
    assert "not sure I understood" not in text


def test_a_need_raised_after_a_search_is_answered_about_the_service_on_screen():
    text = said(tracker("he only half accepts what he did tbh", slots=CUMBRIA))
    assert "They Matter" in text and "responsibility" in text


def test_the_email_asked_for_after_a_search_is_the_services_contact():
    text = said(tracker("and the email", slots=CUMBRIA))
    assert "turningthespotlight@victimsupport.org.uk" in text


def test_whether_he_must_join_a_group_is_answered_with_the_format():
    text = said(tracker("will he have to be in a group then", slots=CUMBRIA,
                        entities=[{"entity": "format", "value": "group"}]))
    assert "group and one-to-one" in text


def test_a_filter_added_after_a_search_reruns_it_in_the_same_area():
    slots = {"results": ["your-choice-project"], "results_shown": 1.0, "area": "Newark",
             "intervention_type": "parenting"}
    text = said(tracker("dads only", slots=slots, entities=[{"entity": "intervention_type", "value": "parenting"}]))
    assert "1 local service (parenting / dads' programme) for newark" in text.lower() and "not sure" not in text


def test_nothing_about_a_service_still_gets_the_question_back_with_the_safety_line():
    text = said(tracker("hmm right ok then", slots=CUMBRIA))
    assert "not sure I understood" in text and SAFETY_LINE in text


def test_long_after_the_search_a_message_not_understood_is_not_taken_as_about_it():
    text = said(tracker("what time do the groups meet", slots=CUMBRIA,
                        last_actions=("action_search_services", "action_guidance", "action_explain_suitability",
                                      "action_guidance")))
    assert "evening sessions" not in text


def test_the_classifiers_follow_up_guess_below_its_bar_names_the_question():
    message = {"text": "price?", "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.5},
                                                     {"name": "ask_cost", "confidence": 0.31}]}
    assert followup_question(message) == "cost"
    assert followup_question({"text": "hmm", "intent_ranking": [{"name": "greet", "confidence": 0.4}]}) is None


def test_a_follow_up_the_record_cannot_answer_carries_the_safety_line():
    text = said(tracker("is it free?", slots=CUMBRIA, ranking=[{"name": "ask_cost", "confidence": 0.4}]))
    assert "doesn't record the cost" in text and SAFETY_LINE in text


def test_the_main_programme_asked_for_after_the_dads_one_is_shown():
    slots = {"results": ["your-choice-dads-programme"], "results_shown": 1.0, "area": "Newark",
             "selected_service": "your-choice-dads-programme"}
    text = said(tracker("not just the dads thing, the main programme too", slots=slots))
    assert "Your Choice Project perpetrator programme" in text and "24" in text
