"""When the bot is unsure: offer its best guesses as buttons instead of guessing silently."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

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


class ActionAskAffirmation(Action):
    """First stage of the two-stage fallback: 'Did you mean...?' with suggestion buttons."""

    def name(self) -> str:
        return "action_default_ask_affirmation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        ranking = tracker.latest_message.get("intent_ranking", [])
        guesses = [r["name"] for r in ranking if r.get("name") in INTENT_LABELS][:2]
        if not guesses:
            guesses = ["find_services", "ask_guidance"]
        buttons = [{"title": INTENT_LABELS[name], "payload": f"/{name}"} for name in guesses]
        buttons.append({"title": "Something else", "payload": "/out_of_scope"})
        dispatcher.utter_message(text="Sorry, I'm not sure I understood. Did you mean one of these?", buttons=buttons)
        return []
