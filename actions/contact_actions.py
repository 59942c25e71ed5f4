"""'Can I talk to someone?', opening hours and numbers: honest options until live handoff exists."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

# Respect Phoneline details from seed 002 (seeds/002_857bfc9fae6c47e5.txt). The seeds give no
# opening hours, so none are stated.
CONTACT_OPTIONS = (
    "I can't connect you to one of our advisors from this chat yet. You can talk to a person at the Respect "
    "Phoneline, which advises frontline workers on working safely with perpetrators:\n"
    "- Phone: 0808 8024040\n"
    "- Email: info@respectphonenumber.org.uk\n"
    "- Webchat and opening times: https://respectphonenumber.org.uk/\n"
    "I don't have their opening hours, so please check the website. If anyone is in immediate danger, call 999."
)


class ActionContactOptions(Action):
    """Until advisors are on the console, give the sourced helpline and 999."""

    def name(self) -> str:
        return "action_contact_options"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        dispatcher.utter_message(text=CONTACT_OPTIONS)
        return []
