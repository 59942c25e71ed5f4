"""Messages from outside the bot's audience or language: a victim writing for herself, a message in Welsh.

The words come from safety.routes and language.welsh; the channel has already put 999 first if the
message describes danger now.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

import knowledge
from actions.shared import focus_on
from knowledge.answers import programme_text, topic_text
from language.audience import asks_about_a_partners_past, asks_for_victim_services, is_victim_writing
from language.questions import asks_about_his_programme, asks_about_partner_support
from language.welsh import asks_for_english, bilingual_reply, english_reply
from safety.routes import NATIONAL_HELPLINE, VICTIM_SERVICES_INTRO, clares_law_text, victim_routes_text

AUDIENCE, VICTIM = "audience", "victim"
MAX_EXPLAINED = 2  # programmes named in a Welsh message, explained in English after the bilingual answer
CONFIDENTIAL_SERVICES_INTRO = (f"About the services: {NATIONAL_HELPLINE} is free and confidential; the others can tell "
                              "you how they keep what you say when you call. They are:")
IF_A_WORKER = ("If you're a worker asking about someone else, say so (for example \"I'm a social worker\") and I'll "
               "answer for them.")


class ActionVictimRoutes(Action):
    """Routes for victim-survivors, never a perpetrator-programme search."""

    def name(self) -> str:
        return "action_victim_routes"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        """The rest of the chat stays with her routes; when only the meaning of the message said a victim is writing,
        a worker it got wrong is told how to put it right (language/audience.py)."""
        text = tracker.latest_message.get("text", "")
        plainly = is_victim_writing(text) or victim_conversation(tracker)
        if not plainly and asks_for_victim_services(text):
            # "where do victims go for help?": the services, for whoever is asking; the chat stays as it was
            dispatcher.utter_message(text=victim_routes_text(VICTIM_SERVICES_INTRO))
            return []
        dispatcher.utter_message(text=victim_routes_text() if plainly else f"{victim_routes_text()}\n{IF_A_WORKER}")
        if asks_about_a_partners_past(text):  # "my new boyfriend's ex warned me he was violent": Clare's Law
            dispatcher.utter_message(text=clares_law_text())
        elif asks_about_partner_support(text):  # "my partner is starting a course, will they ring me?": that too
            dispatcher.utter_message(text=topic_text(knowledge.topic("support_for_partners")))
        elif asks_about_his_programme(text):  # "is that what they're meant to do?": what such programmes are
            dispatcher.utter_message(text=programme_text(knowledge.find_programme(text) or knowledge.programme("dapp")))
        return [SlotSet(AUDIENCE, VICTIM)]


class ActionConfidential(Action):
    """In a victim's chat, what her services say about confidentiality, before how this chat keeps what is typed
    (utter_confidential follows in the rule)."""

    def name(self) -> str:
        return "action_confidential"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        if victim_conversation(tracker):  # "are these services confidential?" after her routes: about them first
            dispatcher.utter_message(text=victim_routes_text(CONFIDENTIAL_SERVICES_INTRO))
        return []


def victim_conversation(tracker: Tracker) -> bool:
    """Whether a victim or survivor has written for herself earlier in this chat."""
    return tracker.get_slot(AUDIENCE) == VICTIM


class ActionWelshReply(Action):
    """A short bilingual answer to a message written in Welsh."""

    def name(self) -> str:
        return "action_welsh_reply"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        english = asks_for_english(tracker.latest_message.get("text", ""))
        dispatcher.utter_message(text=english_reply() if english else bilingual_reply(),
                                 buttons=[{"title": "Find services in Wales (English)", "payload": "/find_services"},
                                          {"title": "Talk to someone", "payload": "/talk_to_human"}])
        explained = knowledge.find_programmes(tracker.latest_message.get("text", ""))[:MAX_EXPLAINED]
        for entry in explained:
            dispatcher.utter_message(text=f"(In English) {programme_text(entry)}")  # "Beth yw DASH?": DASH, in English
        return focus_on(explained) if explained else []  # "Is it available in Wales?" next is about it
