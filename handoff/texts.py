"""What the bot says about advisors, hours and callbacks, in one place (plain text, one message each).

The safety texts (999, the Respect Phoneline) come from safety.texts, shared by every layer.
"""

from __future__ import annotations

from datetime import datetime

from handoff import hours as hours_mod
from handoff.hours import ServiceHours
from safety.texts import EMERGENCY, HELPLINES, RESPECT_PHONELINE

# When a part of the service (database, lock store, a replica) fails: said by the channels and the balancer.
SERVICE_TROUBLE = (
    "Sorry, I couldn't process that message because part of the service is not working right now. "
    "Please try again in a minute. " + HELPLINES
)
# When a replica is so busy that a message waited too long for its turn (bot/turn_limit.py).
BUSY = (
    "Sorry, a lot of people are using Signpost right now and I couldn't get to your message in time. "
    "Please send it again in a minute. " + HELPLINES
)
# When a custom action fails or the action server is down (bot/action_failures.py).
ACTION_FAILED = "Sorry, I can't look that up right now because part of the service isn't working. " + HELPLINES
CALLBACK_OFFER = "I can also take your details so an advisor contacts you when they're back. Would you like that?"

RESUMED_BY_ADVISOR = (
    "The advisor has ended the chat, and you're back with the Signpost assistant. If you sent anything after "
    "they left, please ask me again. I can find local services, explain programmes, or connect you to an "
    "advisor again."
)
RESUMED_BY_WORKER = (
    "You've left the advisor chat and you're back with the Signpost assistant. Ask me anything, or ask for an "
    "advisor again whenever you like."
)
RESUMED_AFTER_TIMEOUT = (
    "This chat with an advisor was closed because there was no activity for a while, and you're back with the "
    "Signpost assistant. If you still need a person, ask for an advisor again or leave a callback request."
)
ADVISOR_JOINED = "You're now connected to {advisor}, an advisor. They can see what you've asked so far."
WORKER_END_WORDS = {"/end_handoff", "end chat", "end the chat", "end this chat", "leave chat", "cancel",
                    "back to the bot", "back to bot"}


def is_worker_end(text: str) -> bool:
    """A worker message that ends the advisor chat (a widget button sends /end_handoff)."""
    return " ".join(text.lower().split()).rstrip(".!") in WORKER_END_WORDS


def twenty_four_hour_text(hours: ServiceHours) -> str:
    parts = [EMERGENCY]
    for other in hours.twenty_four_hour:
        line = f"{other['name']}: {other['contact']}"
        if other.get("description"):
            line += f" ({other['description']})"
        parts.append(f"At any time, {line}.")
    return " ".join(parts)


def next_opening_text(now: datetime, hours: ServiceHours) -> str:
    nxt = hours_mod.next_opening(now, hours)
    if nxt is None:
        return "I don't have a time when advisors will next be available."
    when = hours_mod.format_moment(nxt, now, hours.tz)
    if hours.configured:
        return f"Advisors are next available {when}."
    return (f"Advisors may next be available {when}, but the service hasn't confirmed its hours yet, so I can't "
            "promise that.")


def out_of_hours_text(now: datetime, hours: ServiceHours) -> str:
    closure = hours_mod.closure_text(now, hours)
    opening = "Our advisors aren't available right now" + (f": we're {closure}." if closure else ".")
    lines = [f"{opening} {next_opening_text(now, hours)}", twenty_four_hour_text(hours), RESPECT_PHONELINE]
    if hours.advisor_phone:
        lines.append(f"Our advisors' number is {hours.advisor_phone}"
                     + (f" ({hours.advisor_phone_hours})." if hours.advisor_phone_hours else "."))
    lines.append(CALLBACK_OFFER)
    return "\n".join(lines)


def no_advisor_text(now: datetime, hours: ServiceHours) -> str:
    """In hours, but no advisor is signed in to the console."""
    closing = hours_mod.current_closing(now, hours)
    until = f" (we're open until {hours_mod.format_time(closing)})" if closing else ""
    return "\n".join([
        f"It's within our hours{until}, but no advisor is signed in right now, so I can't connect you to a person "
        "in this chat.",
        EMERGENCY,
        RESPECT_PHONELINE,
        "I can take your details so an advisor contacts you as soon as they can. Would you like that?",
    ])


def queue_text(position: int | None, expected_wait_minutes: int | None) -> str:
    """Said as the bot pauses itself for the advisor."""
    text = "I'm connecting you to an advisor: please stay in this chat."
    if position and position > 1:
        text += f" You're number {position} in the queue."
    elif position == 1:
        text += " You're next in the queue."
    if expected_wait_minutes is not None:
        text += (" Someone should be with you shortly." if expected_wait_minutes <= 1
                 else f" The wait is usually about {expected_wait_minutes} minutes.")
    text += " Anything you type now goes to the advisor. To go back to the assistant, type 'end chat'. " + EMERGENCY
    return text


def open_now_text(now: datetime, hours: ServiceHours, advisors_online: int) -> str:
    """'Are you open?'"""
    if not hours_mod.is_open(now, hours):
        closure = hours_mod.closure_text(now, hours)
        return ("No, " + (f"we're {closure}. " if closure else "advisors aren't available right now. ")
                + next_opening_text(now, hours))
    closing = hours_mod.current_closing(now, hours)
    until = f" until {hours_mod.format_time(closing)}" if closing else ""
    caveat = "" if hours.configured else " (the service hasn't confirmed its hours yet)"
    if advisors_online:
        return f"Yes, advisors are on shift{until}{caveat} and one is signed in. Would you like to talk to them?"
    return (f"We're within our hours{until}{caveat}, but no advisor is signed in at the moment. "
            "I can take your details for a callback instead.")
