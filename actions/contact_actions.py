"""'Can I talk to someone?', hours, numbers and callbacks: hand over to a person when one is free.

Availability, queue, hours and callbacks live in handoff/ (plain Python); these actions only
adapt them to the conversation. If the handoff database can't be reached the worker still
gets the Respect Phoneline and 999, never an error.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ConversationPaused, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.audience_actions import victim_conversation
from actions.search_actions import INSIGHT_SLOT, ActionSearchServices
from actions.shared import SEARCH_SLOTS, latest_entities, service_directory, slots_before_latest_message
from directory import answers
from handoff import callbacks
from handoff.service import HandoffService
from insight.recording import CALLBACK, PERSON, record_follow_up
from safety.routes import victim_routes_text
from safety.texts import EMERGENCY, RESPECT_PHONELINE, SAFETY_LINE

log = logging.getLogger(__name__)
CALLBACK_SLOTS = [f"cb_{name}" for name in callbacks.FIELDS]

PHONELINE_SERVICE = "respect-phoneline"  # its directory record
NO_CONSOLE = f"I can't reach our advisors' system right now. {RESPECT_PHONELINE} {EMERGENCY}"
REFUSED = "no"
CONSENT_REFUSED = (f"That's fine: I haven't taken any details and nothing was stored, so I can't arrange a callback. "
                   f"{SAFETY_LINE}")
CALLBACK_BUTTON = {"title": "Leave a callback request", "payload": "/request_callback"}


@lru_cache(maxsize=1)
def handoff_service() -> HandoffService:
    return HandoffService()


class ActionContactOptions(Action):
    """Connect to an advisor when one is on shift; otherwise say when, and offer a callback."""

    def name(self) -> str:
        return "action_contact_options"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        counted = follow_up_counted(tracker, PERSON)
        try:
            service = handoff_service()
            if not service.availability().available:
                dispatcher.utter_message(text=service.unavailable_text(), buttons=[CALLBACK_BUTTON])
                provider = provider_to_ring(tracker)
                if provider:
                    dispatcher.utter_message(text=provider)
                if latest_entities(tracker, "place") + latest_entities(tracker, "postcode"):
                    # "Millom - and is there a callback option?": what is there, while no one is free
                    return counted + await ActionSearchServices().run(dispatcher, tracker, domain)
                return counted
            ticket = service.request_handoff(tracker.sender_id, _summary(tracker))
            dispatcher.utter_message(text=service.queue_text(ticket))
        except Exception as error:  # the database or console being down must not silence the bot
            log.error("handoff unavailable (%s)", type(error).__name__)
            dispatcher.utter_message(text=NO_CONSOLE)
            return counted
        return [*counted, ConversationPaused()]


def provider_to_ring(tracker: Tracker) -> str:
    """With no advisor free, the contacts the record holds for the service in view (the one asked about, or the
    first card): its staff can talk a referral through ("who do I ring to talk it through?" after a card)."""
    service_id = tracker.get_slot("selected_service")
    if not service_id:
        return ""
    try:
        record = service_directory().record(service_id)
    except Exception as error:  # noqa: BLE001 - the directory being down must not cost the advisor answer
        log.error("service in view unknown (%s)", type(error).__name__)
        return ""
    if record is None or not record.contacts:
        return ""
    return f"To talk a referral to {record.name} through with them: {answers.contact(record)}"


def follow_up_counted(tracker: Tracker, kind: str) -> list[SlotSet]:
    """Count a request for a person or a callback against the last search (insight/), once per search."""
    slot = tracker.get_slot(INSIGHT_SLOT)
    if not slot:
        return []
    try:
        kept = record_follow_up(service_directory().engine, slot, kind)
    except Exception as error:  # counting must never cost the worker an answer
        log.error("follow-up not counted (%s)", type(error).__name__)
        return []
    return [SlotSet(INSIGHT_SLOT, kept)] if kept != slot else []


def _summary(tracker: Tracker) -> dict[str, Any]:
    """What the advisor sees first: the area, the services shown and what the worker last asked about."""
    from actions.shared import service_directory

    names = []
    for service_id in (tracker.get_slot("results") or [])[: int(tracker.get_slot("results_shown") or 0)]:
        record = service_directory().record(service_id)
        if record:
            names.append(record.name)
    intents = [e.get("parse_data", {}).get("intent", {}).get("name") for e in tracker.events if e.get("event") == "user"]
    topics = [i for i in intents if i and i not in ("talk_to_human", "greet", "affirm", "deny", "nlu_fallback")]
    return {"area": tracker.get_slot("area"), "services_shown": names, "topic": topics[-1] if topics else None}


class ActionHours(Action):
    """'Are you open?' and 'when can I talk to someone?' from the operator's hours file."""

    def name(self) -> str:
        return "action_hours"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        try:
            service = handoff_service()
            dispatcher.utter_message(text=f"{service.open_now_text()} {service.hours_text()}",
                                     buttons=[{"title": "Talk to someone", "payload": "/talk_to_human"},
                                              CALLBACK_BUTTON])
        except Exception as error:  # logged by type only: its text may carry what the worker typed
            log.error("hours unavailable (%s)", type(error).__name__)
            dispatcher.utter_message(text=NO_CONSOLE)
        return []


class ActionHelplineContact(Action):
    """Our numbers (if the operator configured one) and the Respect Phoneline."""

    def name(self) -> str:
        return "action_helpline_contact"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        if victim_conversation(tracker):  # she asked for a number: hers, not the workers' line
            dispatcher.utter_message(text=victim_routes_text())
            return []
        if "respect_phoneline" in latest_entities(tracker, "programme"):  # "what's the Respect Phoneline number?"
            dispatcher.utter_message(text=f"{RESPECT_PHONELINE} {EMERGENCY}")
            return [SlotSet("selected_service", PHONELINE_SERVICE)]  # "do they do email too?" is about it
        try:
            hours = handoff_service().hours_text()
        except Exception as error:  # logged by type only: its text may carry what the worker typed
            log.error("hours unavailable (%s)", type(error).__name__)
            hours = ""
        dispatcher.utter_message(text=f"{hours} {RESPECT_PHONELINE} {EMERGENCY}".strip(),
                                 buttons=[{"title": "Talk to someone", "payload": "/talk_to_human"}])
        return []


class ValidateCallbackForm(FormValidationAction):
    """Each callback field checked by handoff.callbacks, with a clear re-prompt when it fails."""

    def name(self) -> str:
        return "validate_callback_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        """Validate, then undo what the answer put in search slots: an organisation's name is no filter."""
        events = await super().run(dispatcher, tracker, domain)
        return events + search_slots_restored(tracker)

    @staticmethod
    def _check(field: str, value: Any, dispatcher: CollectingDispatcher) -> dict[str, Any]:
        result = callbacks.validate_field(field, value)
        if not result.ok:
            dispatcher.utter_message(text=result.message)
            return {f"cb_{field}": None}
        return {f"cb_{field}": _stored(result.value)}

    def validate_cb_name_or_role(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: dict) -> dict[str, Any]:
        return self._check("name_or_role", value, dispatcher)

    def validate_cb_organisation(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: dict) -> dict[str, Any]:
        return self._check("organisation", value, dispatcher)

    def validate_cb_contact(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: dict) -> dict[str, Any]:
        return self._check("contact", value, dispatcher)

    def validate_cb_best_time(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: dict) -> dict[str, Any]:
        return self._check("best_time", value, dispatcher)

    def validate_cb_reason(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                           domain: dict) -> dict[str, Any]:
        return self._check("reason", value, dispatcher)

    def validate_cb_consent(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                            domain: dict) -> dict[str, Any]:
        if callbacks.is_refusal(value):
            return {"cb_consent": REFUSED}  # ends the form (required_slots) before any detail is asked
        return self._check("consent", value, dispatcher)

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: dict) -> list[str]:
        """Consent comes first; after a 'no' nothing else is asked for."""
        if tracker.get_slot("cb_consent") == REFUSED:
            return ["cb_consent"]
        return domain_slots


def search_slots_restored(tracker: Tracker) -> list[SlotSet]:
    """SlotSet events putting back the search slots a form answer changed (entities are extracted from any message)."""
    if not tracker.get_slot("requested_slot"):  # the message that opened the form is a request, not an answer
        return []
    before = slots_before_latest_message(tracker, SEARCH_SLOTS)
    return [SlotSet(name, value) for name, value in before.items() if tracker.get_slot(name) != value]


def _stored(value: Any) -> Any:
    """Slots hold text: the contact field validates to a dict (contact + kind), consent to True."""
    if value is True:
        return "yes"
    return value.get("contact") if isinstance(value, dict) else value


class AskCallbackField(Action):
    """Asks for one callback field with the wording kept in handoff.callbacks."""

    field = ""

    def name(self) -> str:
        return f"action_ask_cb_{self.field}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        if self.field == "consent":  # asked first, before any detail
            if victim_conversation(tracker):  # our advisors are for workers: her own helplines first
                dispatcher.utter_message(text=victim_routes_text())
            intro = "I can take a few details so an advisor can contact you. Say \"cancel\" at any time. "
            dispatcher.utter_message(text=intro + handoff_service().consent_prompt(),
                                     buttons=[{"title": "Yes, I agree", "payload": "yes"},
                                              {"title": "No", "payload": "no"}])
        else:
            dispatcher.utter_message(text=callbacks.PROMPTS[self.field])
        return []


class AskName(AskCallbackField):
    field = "name_or_role"


class AskOrganisation(AskCallbackField):
    field = "organisation"


class AskContact(AskCallbackField):
    field = "contact"


class AskBestTime(AskCallbackField):
    field = "best_time"


class AskReason(AskCallbackField):
    field = "reason"


class AskConsent(AskCallbackField):
    field = "consent"


class ActionSubmitCallback(Action):
    """Store the request for advisors to see first thing, then clear the details from the slots."""

    def name(self) -> str:
        return "action_submit_callback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        values = {slot.removeprefix("cb_"): tracker.get_slot(slot) for slot in CALLBACK_SLOTS}
        if values["consent"] != "yes":
            dispatcher.utter_message(text=CONSENT_REFUSED)
            return [SlotSet(slot, None) for slot in CALLBACK_SLOTS]
        counted: list[SlotSet] = []
        try:
            service = handoff_service()
            service.add_callback(values, tracker.sender_id)
            dispatcher.utter_message(text=service.callback_confirmation())
            counted = follow_up_counted(tracker, CALLBACK)
        except callbacks.CallbackInvalid as error:
            dispatcher.utter_message(text="Some details didn't check out: " + " ".join(error.errors.values())
                                     + " Please ask for a callback again.")
        except Exception as error:  # logged by type only: its text may carry what the worker typed
            log.error("callback not stored (%s)", type(error).__name__)
            dispatcher.utter_message(text=f"Sorry, I couldn't save your request. {NO_CONSOLE}")
        return [SlotSet(slot, None) for slot in CALLBACK_SLOTS] + counted
