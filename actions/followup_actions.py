"""Answer follow-up questions about one service from its directory record."""

from __future__ import annotations

import re
from typing import Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

import knowledge
from actions.audience_actions import victim_conversation
from actions.search_actions import PAGE, ActionSearchServices, nearest_on_request
from actions.shared import latest_entities, message_risk, programme_just_explained, safe_echo, service_directory
from directory import answers
from directory.eligibility import SILENT, all_silent, need_lines, needs_notes
from directory.geography.resolver import UnknownPlace
from directory.search import SearchFilters
from knowledge.answers import outcomes_text, programme_text, topic_text
from knowledge.base import Programme, load_suitability
from knowledge.citations import cite
from knowledge.retrieval import best_entry
from knowledge.unsafe_proposals import is_pushback
from language.needs import needs_in
from language.questions import asks_for_risk_assessment, asks_what_the_directory_covers, questions_in
from safety.routes import risk_routes_text, victim_routes_text
from safety.texts import SAFETY_LINE

MAX_QUESTIONS = 3
# How sure the classifier must be, below its fallback bar, that a message is a follow-up question.
FOLLOWUP_GUESS = 0.2
# Needs the programmes' records speak to as exclusions or who they take, so one answer can list them all.
RECORDED_NEEDS = {"women", "denial", "substance", "literacy"}

QUESTION_BY_INTENT = {
    "ask_service_details": "details",
    "ask_referral": "referral",
    "ask_exclusions": "exclusions",
    "ask_cost": "cost",
    "ask_duration": "duration",
    "ask_partner_support": "partner_support",
    "ask_accreditation": "accreditation",
    "ask_contact": "contact",
}


class ActionAnswerFollowup(Action):
    """Works out which service the worker means (ordinal, name, or the one in focus) and answers."""

    def name(self) -> str:
        return "action_answer_followup"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        if victim_conversation(tracker):  # "who do I call first?" after her routes: they are her answer
            dispatcher.utter_message(text=victim_routes_text())
            return []
        if asks_what_the_directory_covers(tracker.latest_message.get("text", "")):
            dispatcher.utter_message(text=answers.directory_coverage(service_directory().records()),
                                     buttons=[{"title": "What's available in my area?", "payload": "/find_services"}])
            return []
        if not questions_in(tracker.latest_message.get("text", "")) and (
                nearest := nearest_on_request(dispatcher, tracker)) is not None:
            return nearest  # "whats the closest one then?" after nothing local: not the first card, the nearest elsewhere
        question = QUESTION_BY_INTENT.get(tracker.latest_message.get("intent", {}).get("name"), "details")
        service_id, assumed = _which_service(tracker)
        record = service_directory().record(service_id) if service_id else None
        if record is None:
            if tracker.get_slot("last_topic") == "support_for_partners" and question == "partner_support":
                # "what if she doesn't want to be contacted?" after what partner support is: that answer holds it
                dispatcher.utter_message(text=f"{topic_text(knowledge.topic('support_for_partners'))}\n{SAFETY_LINE}")
                return []
            if tracker.get_slot("last_topic") and is_pushback(tracker.latest_message.get("text", "")):
                # "what if she really wants it?" after the guidance: it still stands
                from actions.knowledge_actions import ActionGuidance

                return await ActionGuidance().run(dispatcher, tracker, domain)
            needs = needs_in(tracker.latest_message.get("text", ""))
            if asks_for_risk_assessment(tracker.latest_message.get("text", "")):  # "work out the risk level for me?"
                dispatcher.utter_message(text=risk_routes_text())
                return []
            if "age" in needs:  # "can I refer a 17 year old?": every limit
                dispatcher.utter_message(text=_age_limits())
                return []
            if set(needs) & RECORDED_NEEDS:  # "would a programme take a man who denies it?": what the records say
                dispatcher.utter_message(text=_what_programmes_record(needs),
                                         buttons=[{"title": "What's available in my area?", "payload": "/find_services"}])
                return []
            if "cost" in questions_in(tracker.latest_message.get("text", "")):  # "is it free?" before any search
                named = latest_entities(tracker, "place") + latest_entities(tracker, "postcode")
                # "anything free in notts": what is there, then what the records say of cost
                events = await ActionSearchServices().run(dispatcher, tracker, domain) if named else []
                dispatcher.utter_message(text=_costs(searched=bool(named)), buttons=[] if named else [
                    {"title": "What's available in my area?", "payload": "/find_services"}])
                return events
            if set(needs) & {"interpreter", "same_sex", "one_to_one"}:  # "gay man, a group with straight men ok?"
                dispatcher.utter_message(text=f"{answers.ONE_TO_ONE_NOTE} Tell me the area and I'll show what is local. "
                                              f"{SAFETY_LINE}",
                                         buttons=[{"title": "What's available in my area?", "payload": "/find_services"}])
                return []
            entry = best_entry(tracker.latest_message.get("text", "")) or programme_just_explained(tracker)
            if entry is not None:  # "what does Respect accreditation mean?": the sourced entry, not "which service?"
                text = programme_text(entry) if isinstance(entry, Programme) else topic_text(entry)
                dispatcher.utter_message(text=text)
                return []
            dispatcher.utter_message(
                text="Which service do you mean? Ask me what's available in an area first, or name the programme "
                     f"(for example \"how do I refer to They Matter?\"). {SAFETY_LINE}",
                buttons=[{"title": "What's available in my area?", "payload": "/find_services"}],
            )
            return []
        return answer_about_service(dispatcher, tracker, question, record, assumed)


def answer_about_service(dispatcher: CollectingDispatcher, tracker: Tracker, question: str, record,  # type: ignore[no-untyped-def]
                         assumed: bool, with_routes: bool = True) -> list:
    """The answer from the record, the risk routes too if the message names a serious risk (unless they were
    given already); the service in focus."""
    _answer(dispatcher, tracker, question, record, assumed)
    note = _coverage_note(tracker, record)
    if note:
        dispatcher.utter_message(text=note)
    if with_routes and message_risk(tracker):  # "would They Matter take him? he strangled her last month": the routes too
        dispatcher.utter_message(text=risk_routes_text())
    return [SlotSet("selected_service", record.id)]


def followup_question(message: dict) -> str | None:
    """Which follow-up a message not understood asks about a service: a need it raises, a question it names, or
    the classifier's best follow-up guess below its fallback bar."""
    text = message.get("text", "")
    if needs_in(text):
        return "exclusions"
    if questions_in(text):
        return "details"
    for guess in message.get("intent_ranking", [])[:3]:
        if guess.get("name") in QUESTION_BY_INTENT and guess.get("confidence", 0) >= FOLLOWUP_GUESS:
            return QUESTION_BY_INTENT[guess["name"]]
    return None


def answer_about_service_in_focus(dispatcher: CollectingDispatcher, tracker: Tracker) -> list:
    """The follow-up answered from the directory record of the programme just explained (the one of its services
    the message names, as "the dads' one") or of the service just answered about."""
    explained = programme_just_explained(tracker)
    text = tracker.latest_message.get("text", "")
    ids = list(explained.directory_ids) if explained is not None else []
    service_id = named_among(text, ids) or tracker.get_slot("selected_service") or ids[0]
    record = service_directory().record(service_id)
    question = followup_question(tracker.latest_message) or "details"
    return answer_about_service(dispatcher, tracker, question, record, False)


def service_in_focus(tracker: Tracker):  # type: ignore[no-untyped-def]
    """(record, assumed) of the service the conversation is about, or (None, False) before any search."""
    service_id, assumed = _which_service(tracker)
    record = service_directory().record(service_id) if service_id else None
    return record, assumed


def _answer(dispatcher: CollectingDispatcher, tracker: Tracker, question: str, record, assumed: bool) -> None:  # type: ignore[no-untyped-def]
    text = tracker.latest_message.get("text", "")
    needs = needs_in(text)
    if needs:  # "hes only 17 btw", "its the mum whos abusive": what the record holds on each need first
        records = _records_for_needs(tracker, record, assumed)
        notes = needs_notes(records, needs) or [answers.exclusions(r) for r in records]
        if all_silent(notes) and "age" in needs:  # "He is 17" about a record silent on age: the limits others record
            notes.append(_age_limits())
        elif all_silent(notes):  # nothing recorded on what was asked: not a confident answer
            notes.append(SAFETY_LINE)
        if "risk_level" in needs:  # "BBR feels like overkill for low-level": the matching principle, sourced
            suitability = load_suitability()
            notes.append(f"{suitability.principle} ({cite(suitability.principle_source)})")
        if "conviction" in needs:  # "and if he's been convicted?": the probation programmes, sourced
            notes.append(tier_text("probation"))
        dispatcher.utter_message(text="\n".join(notes))
        if question in ("exclusions", "details") and not _asked_beside(text):
            return
    prefix = f"(About {record.name}.) " if assumed and not needs else ""
    found = questions_in(text)
    # "details" and "exclusions" are the classifier's catch-alls: a question the message names wins
    asked = found if question in ("details", "exclusions") and found else [question] + [q for q in found if q != question]
    if needs:  # "18 next month, can I refer him now?": the need, then how to refer
        asked = [q for q in asked if q not in ("exclusions", "details")]
    replies = [_reply(q, record) for q in asked[:MAX_QUESTIONS]]
    if all_silent(replies):  # the record holds nothing on what was asked: not a confident answer
        replies.append(SAFETY_LINE)
    dispatcher.utter_message(text=prefix + "\n".join(replies))


def _reply(question: str, record) -> str:  # type: ignore[no-untyped-def]
    """One follow-up answered from the record; its results from the knowledge entry whose source reports them."""
    if question == "outcomes":
        entry = next((p for p in knowledge.load_programmes() if record.id in p.directory_ids and p.outcomes), None)
        if entry is not None:
            return outcomes_text(entry)
    reply = answers.answer(question, record)
    if question == "exclusions" and all_silent([reply]):  # BBR's "who's it for?": what the seeds say of it
        entry = next((p for p in knowledge.load_programmes() if record.id in p.directory_ids), None)
        if entry is not None:
            reply += f"\nWhat the seeds say about {entry.title}: {entry.summary} ({cite(entry.source)})"
    return reply


def _age_limits() -> str:
    """The age limits the directory records, programme by programme, and that the others record none."""
    records = _programme_records()
    limited = [f"{r.name} is for people aged {r.min_age} and over" for r in records if r.min_age]
    said = "; ".join(limited) + "." if limited else "No programme in the directory records an age limit."
    return f"{said} The directory doesn't record an age limit for the others: ask the provider. {SAFETY_LINE}"


def _what_programmes_record(needs: dict) -> str:
    """What each programme's record says about the needs raised (who takes women, denial...), and that the rest
    record nothing on them."""
    asked = {need: value for need, value in needs.items() if need in RECORDED_NEEDS}
    said = [line for r in _programme_records() for line in need_lines(r, asked) if not line.startswith(SILENT)]
    sentences = dict.fromkeys(s for line in said for s in re.split(r"(?<=\.) ", line))  # the Phoneline once
    return (" ".join(sentences) + " For the others the directory doesn't record it: ask the provider. Tell me the "
            f"area and I'll show what is local. {SAFETY_LINE}")


def _costs(searched: bool = False) -> str:
    """What each programme's record says about cost, and that the rest record nothing on it."""
    said = [f"{r.name}: {r.cost}" for r in _programme_records() if r.cost]
    search = "" if searched else " Tell me the area and I'll show what is local."
    return (" ".join(said) + " For the others the directory doesn't record the cost or whether they charge: ask the "
            f"provider.{search} {SAFETY_LINE}").strip()


def _programme_records() -> list:
    """The directory records of every programme the knowledge base describes, once each."""
    ids = dict.fromkeys(i for p in knowledge.load_programmes() for i in p.directory_ids)
    return [r for r in (service_directory().record(i) for i in ids) if r]


def tier_text(tier_id: str) -> str:
    """One suitability tier in the seeds' words with its source ("Probation programmes: for people found guilty...")."""
    tier = next(t for t in load_suitability().tiers if t.id == tier_id)
    return f"{tier.title}: {tier.when} ({cite(tier.source)})"


def _asked_beside(text: str) -> list[str]:
    """The questions a message asks beside the needs it raises ("how big are the groups? he has social anxiety")."""
    return [q for q in questions_in(text) if q not in ("exclusions", "details")]


def programme_services(programme_id: object) -> list[str]:
    """The directory ids of a knowledge programme's services; none for an unknown id or a tool such as Dash."""
    try:
        return list(knowledge.programme(str(programme_id)).directory_ids)
    except KeyError:
        return []


def _records_for_needs(tracker: Tracker, record, assumed: bool) -> list:  # type: ignore[no-untyped-def]
    """Whom a need is answered for: every service of the programmes named ("Your Choice: do they take women?" is
    the main programme and the dads' one; "BBR or Help for a low-level case?" both), the services on screen when
    the one meant was assumed, else the one."""
    ids = [i for programme_id in latest_entities(tracker, "programme") for i in programme_services(programme_id)]
    if len(dict.fromkeys(ids)) > 1:
        found = [service_directory().record(i) for i in dict.fromkeys(ids)]
        return [r for r in found if r] or [record]
    return [record] if not assumed else _shown_records(tracker) or [record]


def _place_named(tracker: Tracker) -> tuple[Optional[str], list[str]]:
    """The place the latest message names and the ids of its local services ([] if it names none or is unknown)."""
    places = latest_entities(tracker, "place") + latest_entities(tracker, "postcode")
    if not places:
        return None, []
    try:
        return places[0], [r.service_id for r in service_directory().find(places[0], SearchFilters()).local_results]
    except UnknownPlace:
        return None, []


def _coverage_note(tracker: Tracker, record) -> str:  # type: ignore[no-untyped-def]
    """'They Matter is not recorded as covering Leeds': when the message names a place the service doesn't cover."""
    if record.scope == "national":
        return ""
    place, local = _place_named(tracker)
    if place is None or record.id in local:
        return ""
    return f"{answers.not_covering(record, safe_echo(place))[:-1]}: ask me what's available there. {SAFETY_LINE}"


def _which_service(tracker: Tracker) -> tuple[Optional[str], bool]:
    """(service id, whether it was assumed rather than named by the worker)."""
    results = tracker.get_slot("results") or []
    for ordinal in latest_entities(tracker, "ordinal"):
        service_id = by_ordinal(_shown_ids(tracker), int(ordinal))
        if service_id:
            return service_id, False
    siblings = _siblings(tracker)
    text = tracker.latest_message.get("text", "")
    named = _named_service(tracker) or _main_of(siblings, tracker) or named_among(text, results) \
        or (named_among(text, siblings) if len(siblings) > 1 else None)
    if named:
        return named, False
    if tracker.get_slot("selected_service"):
        return tracker.get_slot("selected_service"), len(results) > 1
    if results:
        return results[0], len(results) > 1
    explained = programme_just_explained(tracker)  # "max group size?" after They Matter was explained
    if explained is not None and explained.directory_ids:
        return explained.directory_ids[0], False
    return _named_earlier(tracker) or _local_to_place_named(tracker), True


def sibling_named(tracker: Tracker) -> Optional[str]:
    """"And the dads one?" after Your Choice: the programme's other service the message names."""
    siblings = _siblings(tracker)
    return (_main_of(siblings, tracker) or named_among(tracker.latest_message.get("text", ""), siblings)
            if len(siblings) > 1 else None)


def _main_of(siblings: list[str], tracker: Tracker) -> Optional[str]:
    """"The main programme" among a programme's services is its first."""
    said = re.search(r"\bmain (?:programme|one|course|group)\b", tracker.latest_message.get("text", ""), re.IGNORECASE)
    return siblings[0] if said and len(siblings) > 1 else None


def _siblings(tracker: Tracker) -> list[str]:
    """The services of the programme in focus (the one explained, or the one whose service is selected)."""
    explained = programme_just_explained(tracker)
    if explained is not None:
        return list(explained.directory_ids)
    focus = tracker.get_slot("selected_service") or next(iter(tracker.get_slot("results") or []), None)
    return next((list(p.directory_ids) for p in knowledge.load_programmes() if focus in p.directory_ids), [])


def _named_earlier(tracker: Tracker) -> Optional[str]:
    """The service of the programme the worker last named in this chat ("They Matter - does he have to...?", then
    "and what if he accepts none of it?")."""
    for event in reversed(tracker.events):
        if event.get("event") in ("restart", "session_started"):
            return None
        if event.get("event") != "user":
            continue
        for entity in reversed((event.get("parse_data") or {}).get("entities", [])):
            ids = programme_services(entity.get("value")) if entity.get("entity") == "programme" else []
            if ids:
                return ids[0]
    return None


def _local_to_place_named(tracker: Tracker) -> Optional[str]:
    """"If he goes on the Kendal programme, what will his partner be told?": the one local service for the place, or
    the one of its services the message names."""
    _, local = _place_named(tracker)
    if len(local) == 1:
        return local[0]
    named = named_among(tracker.latest_message.get("text", ""), local)  # "Nottingham... the Dads' Programme?"
    # "the notts one, how long is it": one programme's services (Your Choice and its dads' one): the main one
    text = tracker.latest_message.get("text", "")
    one_programme = local and re.search(r"\bthe [\w' ]{2,20} one\b", text, re.IGNORECASE) \
        and any(set(local) <= set(p.directory_ids) for p in knowledge.load_programmes())
    return named or (local[0] if one_programme else None)


def _shown_records(tracker: Tracker) -> list:
    """The local services on screen (up to a page), for a need raised about 'it' after a search."""
    records = [service_directory().record(i) for i in page_on_screen(_shown_ids(tracker))]
    return [r for r in records if r and r.scope != "national"]


def _shown_ids(tracker: Tracker) -> list[str]:
    """The results the worker has been shown so far, in order."""
    results = tracker.get_slot("results") or []
    return results[: int(tracker.get_slot("results_shown") or len(results))] or results


def page_on_screen(shown: list[str]) -> list[str]:
    """The last page shown (pages of PAGE from the first result): what "the second one" counts in."""
    return shown[(len(shown) - 1) // PAGE * PAGE:] if shown else []


GENERIC_WORDS = {"your", "choice", "programme", "project", "perpetrator", "service", "services", "the", "and", "for",
                 "of", "domestic", "abuse", "partnership", "they", "matter", "help", "one", "with"}


def _words(text: str) -> set[str]:
    """Lower-case words with possessives and plurals folded ("Dads'", "dad's", "dads" -> "dad")."""
    return {re.sub(r"(?:'s|s'|s)$", "", w) for w in re.findall(r"[a-z']+", text.lower())} - {""}


def named_among(text: str, results: list[str]) -> Optional[str]:
    """'The dads one': the one result whose name has a distinctive word the message uses."""
    said = _words(text)
    names = service_directory().names(results)
    hits = [service_id for service_id in results
            if (_words(names.get(service_id, "")) - GENERIC_WORDS) & said]
    return hits[0] if len(hits) == 1 else None


def by_ordinal(shown: list[str], ordinal: int) -> Optional[str]:
    """"The second one" is the second card of the page on screen (pages of PAGE); "the last one" the last shown."""
    if ordinal < 0:
        return shown[ordinal] if -len(shown) <= ordinal else None
    if ordinal == 0:
        return None
    page = page_on_screen(shown)
    if ordinal <= len(page):
        return page[ordinal - 1]
    return shown[ordinal - 1] if ordinal <= len(shown) else None


def _named_service(tracker: Tracker) -> Optional[str]:
    for programme_id in latest_entities(tracker, "programme"):
        ids = programme_services(programme_id)
        if ids:
            named = named_among(tracker.latest_message.get("text", ""), ids)
            if named:  # "the Your Choice Dads' Programme": the one of the programme's services it names
                return named
            results = tracker.get_slot("results") or []
            return ([i for i in ids if i in results] or ids)[0]
    return None
