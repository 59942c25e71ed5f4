"""Plain labels for the topic in a handoff summary, which the action server fills with an intent name.

    topic_label("find_services")   # "Finding services"
    topic_label("ask_new_thing")   # "Asked about new thing" (an intent added later, not listed here)
    topic_label("is a programme right for him")  # free text is shown as it is

Advisors never see raw snake_case: an unknown intent name is turned into words.
"""

from __future__ import annotations

import re

# Every intent in bot/domain.yml. Greeting-like intents are filtered out by the action server
# (actions/contact_actions.py _summary) but still get a label in case that changes.
TOPIC_LABELS: dict[str, str] = {
    "greet": "Greeting",
    "goodbye": "Saying goodbye",
    "thank": "Saying thanks",
    "affirm": "Saying yes",
    "deny": "Saying no",
    "bot_challenge": "Asking whether this is a bot",
    "ask_confidential": "Confidentiality",
    "out_of_scope": "Something the bot doesn't cover",
    "emergency": "Emergency: immediate danger",
    "serious_risk": "Serious risk of harm",
    "victim_support": "Support for a victim",
    "welsh": "Welsh language",
    "find_services": "Finding services",
    "inform": "Giving details (area, needs)",
    "more_results": "More services",
    "ask_service_details": "Details of a service",
    "ask_referral": "Making a referral",
    "ask_exclusions": "Who a service can't take",
    "ask_cost": "Cost",
    "ask_duration": "How long a programme lasts",
    "ask_partner_support": "Support for the partner",
    "ask_accreditation": "Accreditation",
    "ask_contact": "Contact details of a service",
    "ask_programme": "About a programme",
    "ask_suitability": "Whether a programme is suitable",
    "ask_guidance": "Safe-practice guidance",
    "talk_to_human": "Talking to an advisor",
    "ask_hours": "Opening hours",
    "ask_helpline_contact": "Helpline contact details",
    "restart": "Starting again",
    "request_callback": "Asking for a callback",
    "cancel": "Cancelling",
    "end_handoff": "Ending the advisor chat",
    "nlu_fallback": "Not understood by the bot",
}

_IDENTIFIER = re.compile(r"^/?[A-Za-z][A-Za-z0-9]*(?:[_\-.][A-Za-z0-9]+)*$")


def topic_label(topic: str | None) -> str | None:
    """A label an advisor can read at a glance; None when there is no topic."""
    if topic is None:
        return None
    text = str(topic).strip()
    if not text:
        return None
    key = text.lstrip("/").lower()
    if key in TOPIC_LABELS:
        return TOPIC_LABELS[key]
    if not _IDENTIFIER.match(text):
        return text  # free text (a person wrote it): as it is
    words = re.sub(r"[_\-.]+", " ", key).split()
    if words[0] == "ask" and len(words) > 1:
        words = ["asked", "about", *words[1:]]
    phrase = " ".join(words)
    return phrase[0].upper() + phrase[1:]
