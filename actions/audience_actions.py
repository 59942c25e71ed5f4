"""Messages from outside the bot's audience or language: a victim writing for herself, a message in Welsh.

The words come from safety.routes and language.welsh; the channel has already put 999 first if the
message describes danger now.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from language.welsh import bilingual_reply
from safety.routes import victim_routes_text


class ActionVictimRoutes(Action):
    """Routes for victim-survivors, never a perpetrator-programme search."""

    def name(self) -> str:
        return "action_victim_routes"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        dispatcher.utter_message(text=victim_routes_text())
        return []


class ActionWelshReply(Action):
    """A short bilingual answer to a message written in Welsh."""

    def name(self) -> str:
        return "action_welsh_reply"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        dispatcher.utter_message(text=bilingual_reply(),
                                 buttons=[{"title": "Find services in Wales (English)", "payload": "/find_services"},
                                          {"title": "Talk to someone", "payload": "/talk_to_human"}])
        return []
