"""Find services for the worker's area: ask for it, check it, search, page through results."""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

import knowledge
from actions.audience_actions import victim_conversation
from actions.shared import (
    FILTER_SLOTS,
    about_service_in_focus,
    filters_from,
    just_ran,
    latest_entities,
    safe_echo,
    service_directory,
)
from directory import answers
from directory import vocabulary as v
from directory.answers import ONE_TO_ONE_NOTE
from directory.eligibility import all_silent, needs_notes, search_needs
from directory.geography.resolver import WHICH_ONE, AmbiguousPlace, Location, UnknownPlace
from directory.search import SearchFilters, SearchOutcome, SearchResult
from handoff.hours import default_hours
from handoff.models import utcnow
from insight.recording import counted_search, record_search
from knowledge.answers import topic_text
from language.extract import is_only_a_place
from language.filters import FILTER_ENTITIES
from language.needs import needs_in
from language.questions import asks_for_the_nearest, questions_in
from safety.routes import VICTIM_SERVICES_INTRO, victim_routes_text
from safety.texts import DANGER_NEXT, DANGER_NOW, SAFETY_LINE

PAGE = 3
SUGGESTIONS = "Did you mean one of these?"
# Follow-ups a search message may ask too, answered under the one local service's card.
ASKED_WITH_A_SEARCH = ("contact", "referral", "cost", "waiting", "partner_support", "accreditation", "schedule")
MAX_ANSWERED_WITH_A_SEARCH = 2  # local services whose records answer them, the first ones shown
INSIGHT_SLOT = "insight_search"  # what the last search counted for commissioners: dimensions, never an id
log = logging.getLogger(__name__)


class ValidateAreaForm(FormValidationAction):
    """Accept an area only when the directory knows it; otherwise say so and suggest places."""

    def name(self) -> str:
        return "validate_area_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: dict) -> list[str]:
        """A victim writing for herself is never asked for her area: the search that follows gives her routes; nor
        is a worker asking about the programme just explained or the service just answered about ("is there a
        one-to-one option?"): it answers that."""
        return [] if victim_conversation(tracker) or about_service_in_focus(tracker) else domain_slots

    def validate_area(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: dict) -> dict[str, Any]:
        text = _picked_from_last_question(tracker, str(value or "").strip())
        try:
            text, location = _resolve_in_context(text, tracker)
        except UnknownPlace as error:
            if isinstance(error, AmbiguousPlace) or not any(latest_entities(tracker, name) for name in FILTER_ENTITIES):
                _say_unknown_place(dispatcher, text, error)
            return {"area": None}
        if location.corrected_from:
            dispatcher.utter_message(text=f"I've taken \"{safe_echo(text)}\" to mean {location.label}.")
        return {"area": _kept_name(text, location.label)}


def _resolve_in_context(text: str, tracker: Tracker) -> tuple[str, Location]:
    """The place as named and found; a name found in several counties is the one near the area given before
    ("Fleet" after Basingstoke: "Fleet, Hampshire"), if only one is."""
    resolver = service_directory().resolver
    try:
        return text, resolver.resolve(text)
    except AmbiguousPlace as error:
        before = _area_before(tracker)
        try:
            near = resolver.resolve(before) if before else None
        except UnknownPlace:
            near = None
        choice = resolver.choice_near(error.suggestions, near) if near else None
        if choice is None:
            raise
        return choice, resolver.resolve(choice)


def _area_before(tracker: Tracker) -> str:
    """The area the chat had before the worker's latest message ('' if none)."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "slot" and event.get("name") == "area" and event.get("value"):
            return str(event["value"])
    return ""


# "the welsh one" after "Newport in Wales, Shropshire or the Isle of Wight?": the nation a choice names.
NATION_WORDS = {"welsh": "wales", "scottish": "scotland", "english": "england", "irish": "ireland", "island": "isle"}


def _picked_from_last_question(tracker: Tracker, text: str) -> str:
    """The one place among the bot's last suggestions that the answer's words name ("the welsh one"), else the text."""
    choices = next((e.get("data", {}).get("buttons") or [] for e in reversed(tracker.events) if e.get("event") == "bot"), [])
    words = {NATION_WORDS.get(w, w) for w in re.findall(r"[a-z]+", text.lower())} - {"the", "one", "of", "in", "on"}
    titles = [str(b.get("title", "")) for b in choices if str(b.get("payload", "")).startswith("/inform")]
    picked = [t for t in titles if words & set(re.findall(r"[a-z]+", t.lower()))]
    return picked[0] if len(picked) == 1 else text


def _kept_name(text: str, label: str) -> str:
    """The place's own name, unless that alone names several places ("Richmond, North Yorkshire" stays whole)."""
    if label == text:
        return label
    try:
        service_directory().resolver.resolve(label)
    except UnknownPlace:
        return text
    return label


def _say_unknown_place(dispatcher: CollectingDispatcher, text: str, error: UnknownPlace) -> None:
    """Unknown: say so and suggest; found in several counties: ask which (each button names one place)."""
    buttons = [{"title": name, "payload": "/inform" + json.dumps({"place": name})} for name in error.suggestions[:4]]
    if isinstance(error, AmbiguousPlace):
        message = error.reason
    else:
        message = f"I don't recognise \"{safe_echo(text)}\" as a UK place or postcode."
        if buttons:
            message += f" {SUGGESTIONS}"
    dispatcher.utter_message(text=f"{message} {SAFETY_LINE}", buttons=buttons)


class ActionAskArea(Action):
    """The area form's question, unless this turn already asked one ("which Newport?", "did you mean...?")."""

    def name(self) -> str:
        return "action_ask_area"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        if not _asked_this_turn(tracker.events):
            dispatcher.utter_message(response="utter_ask_area")
        return []


def _asked_this_turn(events: list[dict]) -> bool:
    """Whether the bot has already put a question to the worker since their latest message."""
    for event in reversed(events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "bot" and any(q in (event.get("text") or "") for q in (WHICH_ONE, SUGGESTIONS)):
            return True
    return False


def _place_after_victim_routes(tracker: Tracker) -> bool:
    """Only a place, just after the routes for victim-survivors were given: where she is, not a search for him."""
    message = tracker.latest_message
    return just_ran(tracker, "action_victim_routes") and is_only_a_place(message.get("text", ""),
                                                                        message.get("entities", []))


def _place_after_danger(tracker: Tracker) -> bool:
    """Only a place, or "what now? I'm in Barrow", just after 999 was said first: where the danger is, not yet a
    search for programmes; unless the bot asked for the area in that turn (the search form goes on after 999)."""
    if not just_ran(tracker, "action_danger_now") or _area_just_asked(tracker.events):
        return False
    message = tracker.latest_message
    text = message.get("text", "")
    return is_only_a_place(text, message.get("entities", [])) or bool(_WHAT_NOW.search(text))


# conversations_round30: "he's gone now, police came. what now, I'm in Barrow" after 999: what to do, not programmes
_WHAT_NOW = re.compile(r"\bwhat (?:now|next|do i do|should i do|happens now)\b(?!.{0,40}\b(?:programme|course|group|for him|"
                       r"services? for)\b)", re.IGNORECASE)


def _area_just_asked(events: list[dict]) -> bool:
    """Whether the bot's previous turn asked "Which area do you work in?"."""
    users = 0
    for event in reversed(events):
        if event.get("event") == "user":
            users += 1
            if users == 2:
                return False
        elif event.get("event") == "bot" and users == 1 and (event.get("text") or "").startswith("Which area"):
            return True
    return False


class ActionSearchServices(Action):
    """Search the directory for the area and filters in the slots, and show the first page."""

    def name(self) -> str:
        return "action_search_services"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        if victim_conversation(tracker) or _place_after_victim_routes(tracker):
            # her place is not a request for perpetrator programmes ("we're in Southampton" after her routes)
            dispatcher.utter_message(text=victim_routes_text())
            return []
        if _place_after_danger(tracker):  # "im in mansfield" just after 999: 999 again; programmes once safe
            area = safe_echo(tracker.get_slot("area"))
            dispatcher.utter_message(text=DANGER_NOW)
            dispatcher.utter_message(text=f"{DANGER_NEXT} Once everyone is safe, I can show what's available in {area}.",
                                     buttons=[{"title": f"Services in {area}", "payload": "/find_services"}])
            dispatcher.utter_message(text=victim_routes_text(VICTIM_SERVICES_INTRO))  # in case the danger is to the writer
            return []
        area = tracker.get_slot("area")
        if not area:
            if about_service_in_focus(tracker):
                from actions.followup_actions import answer_about_service_in_focus  # it imports this module

                return answer_about_service_in_focus(dispatcher, tracker)
            dispatcher.utter_message(response="utter_ask_area")
            return []
        try:
            outcome = service_directory().find(area, filters_from(tracker))
        except UnknownPlace as error:
            _say_unknown_place(dispatcher, area, error)
            return [SlotSet("area", None)]
        text = tracker.latest_message.get("text", "")
        first = outcome.routes_here  # services elsewhere cover only their own areas: on request, last
        ids = [r.service_id for r in first + outcome.nearest_results]
        if not outcome.found_local and outcome.nearest_results and asks_for_the_nearest(text):
            return _show_nearest(dispatcher, outcome) + [  # "what's the nearest to Telford?"; "more": the rest
                SlotSet("results", ids), SlotSet("results_shown", 0.0), SlotSet(INSIGHT_SLOT, count_search(outcome))]
        not_there = _focus_not_there(tracker, area, outcome)
        if not_there:  # "Is it available in Wales?" about They Matter: no, where it is, then what Wales has
            dispatcher.utter_message(text=not_there)
        dispatcher.utter_message(text=_intro(outcome))
        local = [service_directory().record(x.service_id) for x in outcome.local_results[:PAGE]]
        needs = search_needs(needs_in(text))
        notes = needs_notes([r for r in local if r], needs)
        if not notes and set(needs) & {"interpreter", "same_sex", "one_to_one"}:
            notes = [ONE_TO_ONE_NOTE]  # nothing local: where one-to-one work fits is still worth knowing
        if notes:
            dispatcher.utter_message(text=" ".join(notes))
        left_out = _left_out_by_filters(area, outcome)
        if left_out:
            dispatcher.utter_message(text=left_out)
        _show_page(dispatcher, first[:PAGE], more=len(ids) > PAGE, nearest=bool(outcome.nearest_results))
        if local and all(local) and (asked := _asked_with_the_search(text)):  # "...and the email for referrals?"
            replies = [answers.answer(q, record) for record in local[:MAX_ANSWERED_WITH_A_SEARCH] for q in asked]
            silent = all_silent(replies)  # "how long's the wait?": not held, so not a confident answer
            dispatcher.utter_message(text="\n".join(replies + ([SAFETY_LINE] if silent else [])))
        _also_for(dispatcher, tracker, area)
        if not outcome.found_local:
            dispatcher.utter_message(text=SAFETY_LINE)
        return [SlotSet("results", ids), SlotSet("results_shown", float(min(PAGE, len(first)))),
                SlotSet("selected_service", _in_focus_after(outcome, ids)), SlotSet(INSIGHT_SLOT, count_search(outcome))
                ] + _dropped_filters(tracker, outcome.filters)


def _in_focus_after(outcome: SearchOutcome, ids: list[str]) -> str | None:
    """The service a follow-up is about: the first shown; with nothing local, the one named as working in other
    parts of the county ("When is the North starting?" after Carlisle is about They Matter, not the Phoneline)."""
    if not outcome.found_local and outcome.in_the_county:
        return outcome.in_the_county[0].service_id
    return ids[0] if ids else None


def _also_for(dispatcher: CollectingDispatcher, tracker: Tracker, area: str) -> None:
    """"what's in notts and what's in cumbria": the other place asked for too, after the first (whose results the
    follow-ups are about)."""
    text = tracker.latest_message.get("text", "")
    others = [p for p in latest_entities(tracker, "place") + latest_entities(tracker, "postcode") if p != area]
    if len(others) != 1 or not re.search(r"\band\b|&", text):
        return
    try:
        outcome = service_directory().find(others[0], filters_from(tracker))
    except (UnknownPlace, AmbiguousPlace):
        return  # the one searched is answered; the other can be asked again
    dispatcher.utter_message(text=f"And for {safe_echo(others[0])}: {_intro(outcome)}")
    _show_page(dispatcher, outcome.routes_here[:PAGE], more=False, nearest=bool(outcome.nearest_results))
    if not outcome.found_local:  # nothing local there: not a confident answer
        dispatcher.utter_message(text=SAFETY_LINE)


def _dropped_filters(tracker: Tracker, used: SearchFilters) -> list:
    """"ok just community then": the filters this search no longer used are cleared for the pages after it."""
    return [SlotSet(name, None) for name in FILTER_SLOTS
            if tracker.get_slot(name) is not None and getattr(used, name) is None]


def _show_nearest(dispatcher: CollectingDispatcher, outcome: SearchOutcome) -> list:
    """The nearest services elsewhere, each marked as covering only its own area, with who to ask first."""
    nearest = outcome.nearest_results
    dispatcher.utter_message(text=(
        f"The nearest services elsewhere to {outcome.location.label}. Each covers only its own area, so ask the "
        f"provider whether they could take someone from {outcome.location.label} before referring. {SAFETY_LINE}"))
    _show_page(dispatcher, nearest, more=False)
    return [SlotSet("selected_service", nearest[0].service_id)]


def nearest_on_request(dispatcher: CollectingDispatcher, tracker: Tracker) -> list | None:
    """"whats the closest one then?" after a search that found nothing local: the nearest elsewhere, else None."""
    if not (tracker.get_slot("area") and tracker.get_slot("results")) or not _wants_the_nearest(tracker):
        return None
    outcome = service_directory().find(tracker.get_slot("area"), filters_from(tracker))
    if outcome.found_local or not outcome.nearest_results:
        return None
    return _show_nearest(dispatcher, outcome)


def _wants_the_nearest(tracker: Tracker) -> bool:
    """The "Nearest elsewhere" button, or the words ("what's the closest one then?")."""
    pressed = "nearest" in latest_entities(tracker, "scope")
    return pressed or asks_for_the_nearest(tracker.latest_message.get("text", ""))


def _asked_with_the_search(text: str) -> list[str]:
    """Follow-ups asked in the same message as the search ("what's in Whitehaven, and the email for referrals?")."""
    return [q for q in questions_in(text) if q in ASKED_WITH_A_SEARCH][:2]


def count_search(outcome: SearchOutcome) -> dict[str, Any] | None:
    """Count the search for commissioners (insight/); its dimensions go in a slot for a later request."""
    try:
        counted = counted_search(outcome, utcnow(), default_hours())
        record_search(service_directory().engine, counted)
    except Exception as error:  # counting must never cost the worker an answer
        log.error("search not counted (%s)", type(error).__name__)
        return None
    return counted.as_slot()


class ActionMoreResults(Action):
    """The next page of the last search."""

    def name(self) -> str:
        return "action_more_results"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        ids = tracker.get_slot("results") or []
        shown = int(tracker.get_slot("results_shown") or 0)
        if victim_conversation(tracker):  # "i dont want the police involved, what else is there?": her routes
            dispatcher.utter_message(text=victim_routes_text())
            return []
        if not ids and _ABOUT_HER.search(tracker.latest_message.get("text", "")):
            # "what could she be offered instead?": the support for partners, not a search not yet run
            dispatcher.utter_message(text=topic_text(knowledge.topic("support_for_partners")))
            return [SlotSet("last_topic", "support_for_partners")]
        if not ids:
            record = service_directory().record(tracker.get_slot("selected_service") or "")
            dispatcher.utter_message(text=_alternative_to(record) if record else
                                     f"I haven't searched yet. Which area do you work in? {SAFETY_LINE}")
            return []
        if (nearest := nearest_on_request(dispatcher, tracker)) is not None:
            return nearest
        if shown >= len(ids):
            dispatcher.utter_message(text=f"That's everything I have for {tracker.get_slot('area')}. {SAFETY_LINE}")
            return []
        page = ids[shown:shown + PAGE]
        outcome = service_directory().find(tracker.get_slot("area"), filters_from(tracker))
        by_id = {r.service_id: r for r in outcome.results}
        _show_page(dispatcher, [by_id[i] for i in page if i in by_id], more=shown + PAGE < len(ids))
        return [SlotSet("results_shown", float(shown + len(page)))]


# "what could she be offered?": the question is about the partner, not the man the search was for
_ABOUT_HER = re.compile(r"\b(?:she|her|mum|the victim|the partner|his partner|his wife|his ex)\b", re.IGNORECASE)


# "Is it available in Wales?", "does that run in Hull?": asked of the programme in focus, not only a search
_IS_IT_THERE = re.compile(r"\b(?:is|does|do) (?:it|that|this|that one|they|this one) (?:\w+ )?(?:available|run|running|"
                          r"offered|operate|operating|cover|work)\b", re.IGNORECASE)


def _focus_not_there(tracker: Tracker, area: str, outcome: SearchOutcome) -> str:
    """That the service in focus doesn't cover the place asked about, and where it does ('' if it does, or none)."""
    if not _IS_IT_THERE.search(tracker.latest_message.get("text", "")):
        return ""
    record = service_directory().record(tracker.get_slot("selected_service") or "")
    if record is None or record.scope == "national" or record.id in {r.service_id for r in outcome.local_results}:
        return ""
    return f"{answers.not_covering(record, safe_echo(area))} {answers.areas(record)}"


def _alternative_to(record) -> str:  # type: ignore[no-untyped-def]
    """"What would he be offered instead?" about one service, with no search yet: who can say, and the search."""
    return (f"The directory doesn't name an alternative to {record.name}. {record.organisation} can tell you what they "
            f"would offer instead ({answers.contact(record)}). Tell me the area and I'll search it for other "
            f"services. {SAFETY_LINE}")


def _left_out_by_filters(area: str, outcome) -> str:  # type: ignore[no-untyped-def]
    """When the filters left nothing local, name the local services they left out, so a worker sees them."""
    if outcome.found_local or not outcome.filters.describe():
        return ""
    unfiltered = service_directory().find(area, SearchFilters())
    names = [_with_what_is_recorded(r, outcome.filters) for r in unfiltered.local_results]
    if not names:
        return ""
    return (f"Without \"{outcome.filters.describe()}\", the directory lists {len(names)} local "
            f"service{'s' if len(names) > 1 else ''} for {unfiltered.location.label}: {'; '.join(names[:5])}. "
            "Ask me about one to see who it is for.")


def _with_what_is_recorded(result: SearchResult, filters: SearchFilters) -> str:
    """'Help (Interserve...), recorded: standard risk': who runs it and what the record holds where the filter left it
    out."""
    record = service_directory().record(result.service_id)
    if record is None:
        return result.service_name
    recorded = []
    if filters.risk and record.risk_levels:
        recorded.append(" / ".join(v.RISK_LEVELS.get(r, r) for r in record.risk_levels))
    if filters.gender and record.genders:  # "for men in heterosexual relationships": the whole of who it is for
        relationships = " or ".join(v.RELATIONSHIP_TYPES.get(r, r) for r in record.relationship_types)
        recorded.append("for " + " and ".join(v.GENDERS.get(g, g) for g in record.genders)
                        + (f" in {relationships}" if relationships else ""))
    if filters.format and record.formats:
        recorded.append(" and ".join(v.FORMATS.get(f, f) for f in record.formats))
    name = f"{result.service_name} ({record.organisation})" if record.organisation else result.service_name
    return f"{name}, recorded: {'; '.join(recorded)}" if recorded else name


def _intro(outcome) -> str:  # type: ignore[no-untyped-def]
    lead = outcome.summary(nearest_listed=False)
    if outcome.location.corrected_from:
        lead = f"(Showing {outcome.location.label}.) " + lead
    if outcome.found_local:
        lead += " Ask \"tell me more about the first one\", \"how do I refer?\" or \"more\"."
    return lead


def _show_page(dispatcher: CollectingDispatcher, results: list[SearchResult], more: bool, nearest: bool = False) -> None:
    directory = service_directory()
    records = [(directory.record(r.service_id), r) for r in results]
    records = [(record, result) for record, result in records if record]
    cards = [answers.card(record, result) for record, result in records]
    text = "\n".join(answers.card_text(i, record, result) for i, (record, result) in enumerate(records, start=1))
    dispatcher.utter_message(json_message={"type": "service_cards", "cards": cards, "more": more, "text": text})
    buttons = [{"title": "How do I refer?", "payload": "/ask_referral"}]
    if more:
        buttons.insert(0, {"title": "More results", "payload": "/more_results"})
    if nearest:
        buttons.insert(0, {"title": "Nearest elsewhere", "payload": '/more_results{"scope": "nearest"}'})
    buttons.append({"title": "Talk to someone", "payload": "/talk_to_human"})
    dispatcher.utter_message(text="What would you like to do next?", buttons=buttons)
