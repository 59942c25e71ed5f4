"""Messages from outside the bot's audience or language: a victim writing for herself, a message in Welsh.

The words come from safety.routes and language.welsh; the channel has already put 999 first if the
message describes danger now.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from language.welsh import bilingual_reply
from safety.routes import victim_routes_text

AUDIENCE, VICTIM = "audience", "victim"


class ActionVictimRoutes(Action):
    """Routes for victim-survivors, never a perpetrator-programme search."""

    def name(self) -> str:
        return "action_victim_routes"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        dispatcher.utter_message(text=victim_routes_text())
        return [SlotSet(AUDIENCE, VICTIM)]


def victim_conversation(tracker: Tracker) -> bool:
    """Whether a victim or survivor has written for herself earlier in this chat."""
    return tracker.get_slot(AUDIENCE) == VICTIM


class ActionWelshReply(Action):
    """A short bilingual answer to a message written in Welsh."""

    def name(self) -> str:
        return "action_welsh_reply"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        dispatcher.utter_message(text=bilingual_reply(),
                                 buttons=[{"title": "Find services in Wales (English)", "payload": "/find_services"},
                                          {"title": "Talk to someone", "payload": "/talk_to_human"}])
        return []
