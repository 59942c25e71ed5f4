"""Per-process access to the directory and the helpers every action uses."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from directory.search import SearchFilters
from directory.service_directory import ServiceDirectory
from language.details import drops_a_condition
from language.filters import FILTER_ENTITIES
from language.needs import needs_in
from language.questions import questions_in

FILTER_SLOTS = ("gender", "risk", "intervention_type", "route", "format")
SEARCH_SLOTS = ("area",) + FILTER_ENTITIES  # what a search reads: filled from entities in any message


@lru_cache(maxsize=1)
def service_directory() -> ServiceDirectory:
    """One directory per action server process; its place index loads on first use."""
    return ServiceDirectory()


def filters_from(tracker: Tracker) -> SearchFilters:
    """Search filters from the slots the worker has filled so far; only this message's when it drops a condition
    ("ok just community then")."""
    if drops_a_condition(tracker.latest_message.get("text", "")):
        values = {name: next(iter(latest_entities(tracker, name)), None) for name in FILTER_SLOTS}
    else:
        values = {name: tracker.get_slot(name) for name in FILTER_SLOTS}
    return SearchFilters(values["intervention_type"], values["gender"], values["risk"], values["route"],
                         values["format"])


def slots_before_latest_message(tracker: Tracker, names: tuple[str, ...]) -> dict[str, Any]:
    """The values `names` held before the worker's latest message (replaying the slot events up to it)."""
    values: dict[str, Any] = {}
    events = tracker.events
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=len(events))
    for event in events[:last_user]:
        if event.get("event") == "slot" and event.get("name") in names:
            values[event["name"]] = event.get("value")
        elif event.get("event") in ("restart", "reset_slots", "session_started"):
            values.clear()
    return {name: values.get(name) for name in names}


def message_risk(tracker: Tracker) -> bool:
    """Whether the NLU's safety check found a serious risk theme in the latest message."""
    return bool((tracker.latest_message.get("safety") or {}).get("risk"))


def message_risk_themes(tracker: Tracker) -> list[str]:
    """The risk themes the lexicon named in the latest message (none when the classifier alone read a risk)."""
    return list((tracker.latest_message.get("safety") or {}).get("themes") or [])


def latest_entities(tracker: Tracker, name: str) -> list[str]:
    """Values of an entity in the worker's latest message."""
    return [e.get("value") for e in tracker.latest_message.get("entities", []) if e.get("entity") == name]


def safe_echo(text: Any, limit: int = 60) -> str:
    """Worker text repeated back: letters, digits and plain punctuation only (no markup, no attribute syntax
    such as onerror=, no control characters), bounded length."""
    cleaned = re.sub(r"[^\w\s'’,.&()/?!-]|_", " ", str(text or ""))
    cleaned = " ".join(cleaned.split())
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1] + "…"
    return cleaned


def just_ran(tracker: Tracker, action: str, within: int = 3) -> bool:
    """Whether `action` is among the bot's last few actions: the previous turn's answer."""
    actions = [e.get("name") for e in tracker.events if e.get("event") == "action"
               and e.get("name") not in ("action_listen", None)]
    return action in actions[-within:]


def entry_just_given(tracker: Tracker, slot: str, action: str, load: Callable[[str], Any]) -> Any:
    """The knowledge entry named in `slot` if `action` gave it in the bot's previous turn, or None."""
    entry_id = tracker.get_slot(slot)
    if not entry_id or not just_ran(tracker, action):
        return None
    try:
        return load(entry_id)
    except KeyError:
        return None


def programme_just_explained(tracker: Tracker) -> Any:
    """The programme or risk tool explained in the bot's previous turn, or None."""
    import knowledge

    return entry_just_given(tracker, "last_programme", "action_explain_programme", knowledge.programme)


def about_service_in_focus(tracker: Tracker) -> bool:
    """Whether the message, naming no place with no area known, follows the explanation of a programme the
    directory lists or an answer about one service: "is there a one-to-one option?" after They Matter, "Women?"
    after its age limit, are about They Matter, not a search that needs an area."""
    places = latest_entities(tracker, "place") + latest_entities(tracker, "postcode")
    if places or tracker.get_slot("area"):
        return False
    explained = programme_just_explained(tracker)
    if explained is not None:
        return bool(explained.directory_ids)
    text = tracker.latest_message.get("text", "")
    asks = bool(needs_in(text) or questions_in(text))  # "what's available?" still asks for the area
    return asks and bool(tracker.get_slot("selected_service")) and just_ran(tracker, "action_answer_followup")


def focus_on(entries: list) -> list:
    """"Do they charge?" next is about the programme just explained (its first listed service); "who completes
    it?" about the tool."""
    in_focus = next((e.directory_ids[0] for e in entries if e.directory_ids), None)
    events = [SlotSet("last_programme", entries[0].id)]
    return events + [SlotSet("selected_service", in_focus)] if in_focus else events
