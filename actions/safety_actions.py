"""Danger now and serious risk: 999 first, then the routes that exist, and a person if one is on shift.

The words come from safety/ (plain Python); which advisor is free from handoff/. The NLU put the
safety check of the worker's message in its parse data ('safety').
"""

from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.audience_actions import AUDIENCE, VICTIM, victim_conversation
from actions.contact_actions import handoff_service
from actions.search_actions import ActionSearchServices
from actions.shared import latest_entities, message_risk, message_risk_themes
from language.audience import is_victim_writing
from language.details import adds_family_detail
from language.questions import questions_in
from safety.routes import ADVISOR_FIRST, IF_IT_IS_YOU, risk_routes_text, victim_routes_text
from safety.silent_call import cannot_speak_aloud, silent_call_text
from safety.texts import DANGER_NEXT, DANGER_NOW

log = logging.getLogger(__name__)
TALK_BUTTON = {"title": "Talk to someone", "payload": "/talk_to_human"}


def advisor_on_shift() -> bool:
    """True when an advisor is signed in within hours; False (never an error) if the console can't be reached."""
    try:
        return handoff_service().availability().available
    except Exception as error:  # noqa: BLE001 - a dead handoff store must not stop the danger answer
        log.warning("advisor availability unknown (%s)", type(error).__name__)
        return False


class ActionDangerNow(Action):
    """999 first; the risk routes too if the message also names a serious risk; then the next step."""

    def name(self) -> str:
        return "action_danger_now"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        victim = danger_reply(dispatcher, tracker)
        return [SlotSet(AUDIENCE, VICTIM)] if victim else []


def danger_reply(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """999 first; how to call without speaking if the message says so; her routes if she writes for herself,
    or the risk routes; then the next step. True if a victim is writing (her routes stay with her)."""
    dispatcher.utter_message(text=DANGER_NOW)
    text = tracker.latest_message.get("text", "")
    if cannot_speak_aloud(text):
        dispatcher.utter_message(text=silent_call_text())
    victim = victim_conversation(tracker) or is_victim_writing(text)
    if victim:
        dispatcher.utter_message(text=victim_routes_text())
    elif message_risk(tracker):
        dispatcher.utter_message(text=risk_routes_text())
    next_step = DANGER_NEXT if victim else f"{DANGER_NEXT} {IF_IT_IS_YOU}"
    if advisor_on_shift():
        dispatcher.utter_message(text=f"{next_step} {ADVISOR_FIRST}", buttons=[TALK_BUTTON])
    else:
        dispatcher.utter_message(text=next_step)
    return victim


class ActionRiskRoutes(Action):
    """Serious risk that is not happening now: a person first if one is on shift, then the routes."""

    def name(self) -> str:
        return "action_risk_routes"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        search = _search_stands(tracker)
        events: list = []
        if search and not message_risk_themes(tracker):
            # "he also has two older children", read as a risk by meaning alone: what is local first, the routes after
            events = await _search_again(dispatcher, tracker, domain)
            search = False
        if advisor_on_shift():
            dispatcher.utter_message(text=ADVISOR_FIRST, buttons=[TALK_BUTTON])
        dispatcher.utter_message(text=risk_routes_text())
        if search:
            # "his gf is pregnant and hes the father, cockermouth": the routes, then what is local for him
            events = await _search_again(dispatcher, tracker, domain)
        elif _asks_about_her_support(tracker):
            # "and what about for her? mum's really isolated": the routes, then the support the service offers her
            from actions.followup_actions import answer_about_service, service_in_focus  # it imports this module

            record, _ = service_in_focus(tracker)
            if record is not None:
                events += answer_about_service(dispatcher, tracker, "partner_support", record, True, with_routes=False)
        return events


def _asks_about_her_support(tracker: Tracker) -> bool:
    return "partner_support" in questions_in(tracker.latest_message.get("text", "")) and not victim_conversation(tracker)


def _search_stands(tracker: Tracker) -> bool:
    """Whether the message names a place, or adds a family detail to a search already made for an area."""
    if not tracker.get_slot("area") or tracker.active_loop.get("name") or victim_conversation(tracker):
        return False  # a victim writing for herself is never shown programmes for him
    named = any(latest_entities(tracker, name) for name in ("place", "postcode"))
    return named or adds_family_detail(tracker.latest_message.get("text", ""))


async def _search_again(dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
    """The search for the area in the slots, shown again."""
    return await ActionSearchServices().run(dispatcher, tracker, domain)
