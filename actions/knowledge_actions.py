"""Programmes, tools and safe-practice guidance, answered from the sourced knowledge base."""

from __future__ import annotations

import json

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

import knowledge
from actions.audience_actions import victim_conversation
from actions.shared import focus_on, just_ran, latest_entities, message_risk, programme_just_explained
from knowledge.answers import programme_text, topic_text
from knowledge.citations import cite
from knowledge.retrieval import answered_by_example, best_entry
from knowledge.unsafe_proposals import asks_for_alternative, is_pushback, proposed_topic
from language.questions import questions_in
from safety.routes import risk_routes_text, victim_routes_text
from safety.texts import RESPECT_PHONELINE_SHORT, SAFETY_LINE

MAX_NAMED = 3  # "what are DASH, MARAC and SARA?" answers each, up to this many

# Pressed to go along with it anyway ("my manager thinks it's fine"): why the guidance still holds, in a sentence.
GUIDANCE_STANDS = ("That doesn't change the guidance: it is there for the safety of the victim and any children, "
                   "whoever agrees to the idea.")
# Rather than the menu of guidance topics, an entry whose example question the message is near enough to
# ("why shouldn't a programme be stand-alone?"): a lower bar than before the classifier's intent is set aside.
INSTEAD_OF_THE_MENU = 0.30
ADVISOR_BUTTON = {"title": "Talk it through with someone", "payload": "/talk_to_human"}


class ActionExplainProgramme(Action):
    """What a named programme, approach or risk tool is, with its source."""

    def name(self) -> str:
        return "action_explain_programme"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        ids = latest_entities(tracker, "programme")
        text = tracker.latest_message.get("text", "")
        named = knowledge.find_programmes(text)
        known = [e for e in (_known(knowledge.programme, [i]) for i in dict.fromkeys(ids)) if e]
        entries = known + [p for p in named if p.id not in ids]  # "DASH, SARA and OASys?": each of them
        if not entries:  # "whats drive": not named as written, but clearly about one entry
            found = best_entry(text)
            entries = [found] if isinstance(found, knowledge.Programme) else []
        if "outcomes" in questions_in(text) and not any(getattr(e, "outcomes", None) for e in entries):
            # "what evidence is there that perpetrator programmes work?": the figures a source reports, first
            entries = [p for p in knowledge.load_programmes() if p.outcomes] + entries
        if not entries and programme_just_explained(tracker) is not None:  # "who runs it?" after BBR: that one
            entries = [programme_just_explained(tracker)]
        if not entries and (tracker.get_slot("selected_service") or tracker.get_slot("results")) and questions_in(text):
            # "who runs it?" after a search: the service shown, from its record
            from actions.followup_actions import answer_about_service, service_in_focus

            record, assumed = service_in_focus(tracker)
            if record is not None:
                return answer_about_service(dispatcher, tracker, "details", record, assumed)
        topics = [] if entries else knowledge.find_topics(text)
        if topics:  # "Respect talk about 'partner-blaming' - what do they mean?": the guidance that explains it
            dispatcher.utter_message(text=topic_text(topics[0]), buttons=[ADVISOR_BUTTON])
            return [SlotSet("last_topic", topics[0].id)]
        if not entries and asks_for_alternative(text) and just_ran(tracker, "action_guidance"):
            return await ActionGuidance().run(dispatcher, tracker, domain)  # "what's the alternative?": what to do instead
        if not entries:
            buttons = [
                {"title": p.title, "payload": "/ask_programme" + json.dumps({"programme": p.id})}
                for p in knowledge.load_programmes()[:8]
            ]
            dispatcher.utter_message(text=f"Which programme or approach would you like to know about? {SAFETY_LINE}",
                                     buttons=buttons)
            return []
        outcomes_asked = "outcomes" in questions_in(text)
        for entry in entries[:MAX_NAMED]:
            buttons = [{"title": "Is it available in my area?", "payload": "/find_services"}] if entry.directory_ids else []
            dispatcher.utter_message(text=programme_text(entry, outcomes_asked), buttons=buttons)
        return focus_on(entries[:MAX_NAMED])


class ActionExplainSuitability(Action):
    """The tiers of intervention by risk, need and responsivity; never a risk assessment."""

    def name(self) -> str:
        return "action_explain_suitability"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        suitability = knowledge.load_suitability()
        lines = [suitability.principle, "Broadly:"]
        for tier in suitability.tiers:  # never "this may fit": the bot does not assess risk
            lines.append(f"- {tier.title}: {tier.when}")
        lines.append(suitability.disclaimer)
        # "what would you suggest for her instead?": who can talk through what there is (seed 002)
        lines.append(f"To talk through what might fit, call {RESPECT_PHONELINE_SHORT}, which gives information about "
                     "interventions for perpetrators.")
        lines.append(f"Sources: {cite(suitability.principle_source)}; {cite(suitability.disclaimer_source)}")
        buttons = [{"title": "Show services in my area", "payload": "/find_services"}, ADVISOR_BUTTON]
        dispatcher.utter_message(text="\n".join(lines), buttons=buttons)
        return []


class ActionGuidance(Action):
    """A short, sourced answer on working safely with perpetrators, with where to read more."""

    def name(self) -> str:
        return "action_guidance"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        text = tracker.latest_message.get("text", "")
        if (answered := _answered_from_the_service(dispatcher, tracker, text)) is not None:
            return answered
        topic = _known(knowledge.topic, latest_entities(tracker, "topic"))
        if topic is None:
            found = knowledge.find_topics(text)
            topic = found[0] if found else None
        victim = victim_conversation(tracker)
        earlier = _known(knowledge.topic, [tracker.get_slot("last_topic") or ""])
        if victim and (topic is None or is_pushback(text)):  # "I just want it to stop": her routes, not ours
            dispatcher.utter_message(text=victim_routes_text())
            return []
        # "ok so how should I do it instead?" after the guidance (or the fallback's guess of it)
        follow_up = topic is None and (just_ran(tracker, "action_guidance") or just_ran(tracker, "action_two_stage_fallback"))
        guessed = not (knowledge.find_topics(text) or proposed_topic(text))  # a topic only the classifier read
        if earlier is not None and (is_pushback(text) or follow_up) and (topic in (None, earlier) or guessed):
            # "but she's agreed, can't we just try it?": the guidance already given still stands
            opening = "What to do instead:" if asks_for_alternative(text) else GUIDANCE_STANDS
            dispatcher.utter_message(text=f"{opening}\n{topic_text(earlier)}",
                                     buttons=[ADVISOR_BUTTON])
            return [SlotSet("last_topic", earlier.id)]
        if topic is None and (entry := answered_by_example(text, INSTEAD_OF_THE_MENU)) is not None:
            dispatcher.utter_message(text=f"{programme_text(entry)}\n{SAFETY_LINE}", buttons=[ADVISOR_BUTTON])
            return focus_on([entry])
        if topic is None:
            buttons = [
                {"title": t.title, "payload": "/ask_guidance" + json.dumps({"topic": t.id})}
                for t in knowledge.load_guidance()
            ]
            dispatcher.utter_message(text=f"Which of these would help? {SAFETY_LINE}", buttons=buttons)
            return []
        dispatcher.utter_message(text=topic_text(topic), buttons=[ADVISOR_BUTTON])
        if victim:  # "the court mentioned mediation, do I have to?": the guidance, then her routes
            dispatcher.utter_message(text=victim_routes_text())
        elif message_risk(tracker):  # e.g. asked whether to confirm she mentioned the strangling: the routes too
            dispatcher.utter_message(text=risk_routes_text())
        return [SlotSet("last_topic", topic.id)]


def _answered_from_the_service(dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> list | None:
    """"If he changes his mind, how do I refer?" after the guidance: the service in focus answers, when the words
    name no guidance topic or unsafe idea of their own."""
    asked = [q for q in questions_in(text) if q in ("referral", "contact")]
    if not asked or knowledge.find_topics(text) or proposed_topic(text) or victim_conversation(tracker):
        return None
    from actions.followup_actions import answer_about_service, service_in_focus  # it imports this module

    record, _ = service_in_focus(tracker)  # named, as the guidance came between: "(About They Matter.)"
    return None if record is None else answer_about_service(dispatcher, tracker, asked[0], record, True)


def _known(lookup, ids: list[str]):  # type: ignore[no-untyped-def]
    """The first id the knowledge base knows, or None (ids may come from button payloads)."""
    for entry_id in ids:
        try:
            return lookup(entry_id)
        except KeyError:
            continue
    return None
