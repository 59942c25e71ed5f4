"""When the bot is unsure: use what the message holds before asking, then offer best guesses as buttons.

A message the intent classifier was unsure of may still name or describe a knowledge entry
(knowledge.retrieval); then that entry is the answer. Otherwise each suggestion keeps what the
message already held (place, postcode, programme, filters), and the question carries the safety line.
"""

from __future__ import annotations

import json

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

import knowledge
from actions.audience_actions import victim_conversation
from actions.followup_actions import answer_about_service, followup_question, service_in_focus, sibling_named, tier_text
from actions.knowledge_actions import GUIDANCE_STANDS
from actions.safety_actions import danger_reply
from actions.search_actions import ActionSearchServices
from actions.shared import entry_just_given, focus_on, just_ran, programme_just_explained
from knowledge.answers import programme_text, topic_text
from knowledge.base import GuidanceTopic, Programme
from knowledge.retrieval import best_entry
from language.filters import FILTER_ENTITIES
from language.questions import asks_about_a_programme, asks_for_the_higher_end, is_question
from safety.routes import victim_routes_text
from safety.texts import SAFETY_LINE

INTENT_LABELS = {
    "find_services": "Find services in an area",
    "inform": "Tell you my area or who it's for",
    "ask_programme": "Learn about a programme",
    "ask_guidance": "Safe-practice guidance",
    "ask_suitability": "Which intervention suits someone",
    "talk_to_human": "Talk to someone",
    "ask_hours": "Opening hours",
    "ask_helpline_contact": "Helpline number",
    "ask_referral": "How to refer",
    "ask_service_details": "More about a service",
    "ask_confidential": "Is this confidential?",
    "more_results": "More results",
}
NOT_UNDERSTOOD = "Sorry, I'm not sure I understood. Did you mean one of these?"
# A question about how programmes work that nothing the bot holds answers: said so, with who can answer.
NOT_HELD = ("I couldn't find an answer to that in the directory or the sources I draw on. The provider can tell you: "
            "ask me what's available in an area for their contact details. Or did you mean one of these?")
# The bot's answers that put a service in focus: a message not understood right after one is about it.
SERVICE_ANSWERS = ("action_search_services", "action_more_results", "action_answer_followup", "action_helpline_contact")


async def answered_in_context(dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list | None:
    """A message not understood, answered from the chat so far (None if nothing fits): 999 again after danger
    (and how to call without speaking), a victim's routes, the programme or guidance just given, or a question or
    need about the service in focus."""
    text = tracker.latest_message.get("text", "")
    if just_ran(tracker, "action_danger_now"):  # "i'm in the bathroom, he doesn't know": 999 again, never "sorry"
        danger_reply(dispatcher, tracker)
        return []
    if victim_conversation(tracker):
        dispatcher.utter_message(text=victim_routes_text())
        return []
    if asks_for_the_higher_end(text):  # "and the higher end - what's for them?": the high-risk tier, sourced
        dispatcher.utter_message(text=f"{tier_text('high_risk')}\n{SAFETY_LINE}")
        return []
    if any(just_ran(tracker, action) for action in SERVICE_ANSWERS):
        events = await _about_service_in_focus(dispatcher, tracker, domain)
        if events is not None:
            return events
    return [] if _about_entry_just_given(dispatcher, tracker, text) else None


async def _about_service_in_focus(dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list | None:
    """"what times do they run?", "he can't read", "1 to 1?" after a search: the record answers, or the search
    reruns with the filter the message adds; None when the message holds nothing about a service."""
    filtered = any(e.get("entity") in FILTER_ENTITIES for e in tracker.latest_message.get("entities", []))
    # "not just the dads thing, the main programme too": the programme's other service
    sibling = not filtered and sibling_named(tracker) is not None
    question = followup_question(tracker.latest_message) or ("details" if sibling else None)
    record, assumed = service_in_focus(tracker)
    if question is not None and record is not None:
        return answer_about_service(dispatcher, tracker, question, record, assumed)
    if filtered:
        return await ActionSearchServices().run(dispatcher, tracker, domain)  # "Dads specifically": search again
    return None


def _about_entry_just_given(dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> bool:
    """The programme or tool just explained (or the one now named), or the guidance just given, said again."""
    explained = programme_just_explained(tracker)
    if explained is not None and is_question(text):  # "who completes it?" after Dash: the entry again
        explained = knowledge.find_programme(text) or explained  # "and Your Choice?": the one now named
        dispatcher.utter_message(text=f"(About {explained.title}.)\n{programme_text(explained)}\n{SAFETY_LINE}")
        return True
    follow_up = _guidance_just_given(tracker)
    if follow_up is not None:  # "both of them want it": the guidance still stands, said again
        dispatcher.utter_message(text=f"{GUIDANCE_STANDS}\n{topic_text(follow_up)}")
        return True
    return False


def _guidance_just_given(tracker: Tracker) -> GuidanceTopic | None:
    """The guidance topic answered in the bot's previous turn, if that was its last action."""
    return entry_just_given(tracker, "last_topic", "action_guidance", knowledge.topic)


def _in_focus(entry: Programme | GuidanceTopic) -> list:
    """The entry just guessed is what "how long is it?" or "what should I do instead?" asks about next."""
    return [SlotSet("last_topic", entry.id)] if isinstance(entry, GuidanceTopic) else focus_on([entry])


def kept_entities(latest_message: dict) -> dict[str, str]:
    """The first value of each entity in the message, to carry into a suggestion's payload."""
    kept: dict[str, str] = {}
    for entity in latest_message.get("entities", []):
        name, value = entity.get("entity"), entity.get("value")
        if isinstance(name, str) and isinstance(value, str) and name not in kept:
            kept[name] = value
    return kept


def payload(intent: str, entities: dict[str, str]) -> str:
    """Rasa's '/intent{"entity": "value"}' form, which sets the entities when the button is pressed."""
    return f"/{intent}" + (json.dumps(entities) if entities else "")


class ActionAskAffirmation(Action):
    """First stage of the two-stage fallback: 'Did you mean...?' with suggestion buttons."""

    def name(self) -> str:
        return "action_default_ask_affirmation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        events = await answered_in_context(dispatcher, tracker, domain)
        if events is not None:
            return events
        entry = best_entry(tracker.latest_message.get("text", ""))
        if entry is not None:
            text = programme_text(entry) if isinstance(entry, Programme) else topic_text(entry)
            dispatcher.utter_message(text=f"I think you're asking about {entry.title}.\n{text}",
                                     buttons=[{"title": "Not what I meant", "payload": "/out_of_scope"},
                                              {"title": "Talk to someone", "payload": "/talk_to_human"}])
            return _in_focus(entry)
        ranking = tracker.latest_message.get("intent_ranking", [])
        guesses = [r["name"] for r in ranking if r.get("name") in INTENT_LABELS][:2]
        if not guesses:
            guesses = ["find_services", "ask_guidance"]
        entities = kept_entities(tracker.latest_message)
        buttons = [{"title": INTENT_LABELS[name], "payload": payload(name, entities)} for name in guesses]
        if (tracker.latest_message.get("safety") or {}).get("immediate") and "talk_to_human" not in guesses:
            buttons.insert(0, {"title": INTENT_LABELS["talk_to_human"], "payload": "/talk_to_human"})  # after 999
        buttons.append({"title": "Something else", "payload": "/out_of_scope"})
        said = NOT_HELD if asks_about_a_programme(tracker.latest_message.get("text", "")) else NOT_UNDERSTOOD
        dispatcher.utter_message(text=f"{said} {SAFETY_LINE}", buttons=buttons)
        return []


class ActionDefaultFallback(Action):
    """Rasa's last resort (after 'did you mean...?', or when no rule fits), with the same context first."""

    def name(self) -> str:
        return "action_default_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        events = await answered_in_context(dispatcher, tracker, domain)
        if events is None:
            dispatcher.utter_message(response="utter_default")
            return [UserUtteranceReverted()]
        return [UserUtteranceReverted(), *events]
