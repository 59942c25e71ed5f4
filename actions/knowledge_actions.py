"""Programmes, tools and safe-practice guidance, answered from the sourced knowledge base."""

from __future__ import annotations

import json

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

import knowledge
from actions.shared import latest_entities

ADVISOR_BUTTON = {"title": "Talk it through with someone", "payload": "/talk_to_human"}


class ActionExplainProgramme(Action):
    """What a named programme, approach or risk tool is, with its source."""

    def name(self) -> str:
        return "action_explain_programme"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        ids = latest_entities(tracker, "programme")
        entry = _known(knowledge.programme, ids) or knowledge.find_programme(tracker.latest_message.get("text", ""))
        if entry is None:
            buttons = [
                {"title": p.title, "payload": "/ask_programme" + json.dumps({"programme": p.id})}
                for p in knowledge.load_programmes()[:8]
            ]
            dispatcher.utter_message(text="Which programme or approach would you like to know about?", buttons=buttons)
            return []
        lines = [f"{entry.title}: {entry.summary}"]
        if entry.caveat:
            lines.append(f"Please note: {entry.caveat}")
        lines.append(f"Source: {entry.source}")
        if entry.read_more:
            lines.append(f"Read more: {entry.read_more}")
        buttons = []
        if entry.directory_ids:
            buttons.append({"title": "Is it available in my area?", "payload": "/find_services"})
        dispatcher.utter_message(text="\n".join(lines), buttons=buttons)
        return []


class ActionExplainSuitability(Action):
    """The tiers of intervention by risk, need and responsivity; never a risk assessment."""

    def name(self) -> str:
        return "action_explain_suitability"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        suitability = knowledge.load_suitability()
        risk = tracker.get_slot("risk")
        lines = [suitability.principle, "Broadly:"]
        for tier in suitability.tiers:
            marker = " (this may fit what you've described)" if risk == "high" and "high_risk" in tier.intervention_types \
                else ""
            lines.append(f"- {tier.title}: {tier.when}{marker}")
        lines.append(suitability.disclaimer)
        lines.append(f"Sources: {suitability.principle_source}; {suitability.disclaimer_source}")
        buttons = [{"title": "Show services in my area", "payload": "/find_services"}, ADVISOR_BUTTON]
        dispatcher.utter_message(text="\n".join(lines), buttons=buttons)
        return []


class ActionGuidance(Action):
    """A short, sourced answer on working safely with perpetrators, with where to read more."""

    def name(self) -> str:
        return "action_guidance"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        ids = latest_entities(tracker, "topic")
        topic = _known(knowledge.topic, ids)
        if topic is None:
            found = knowledge.find_topics(tracker.latest_message.get("text", ""))
            topic = found[0] if found else None
        if topic is None:
            buttons = [
                {"title": t.title, "payload": "/ask_guidance" + json.dumps({"topic": t.id})}
                for t in knowledge.load_guidance()
            ]
            dispatcher.utter_message(text="Which of these would help?", buttons=buttons)
            return []
        lines = [f"{topic.title}: {topic.answer}", f"Source: {topic.source}"]
        if topic.read_more:
            lines.append(f"Read more: {topic.read_more}")
        lines.append("If you'd like to talk it through, I can point you to a person.")
        dispatcher.utter_message(text="\n".join(lines), buttons=[ADVISOR_BUTTON])
        return []


def _known(lookup, ids: list[str]):  # type: ignore[no-untyped-def]
    """The first id the knowledge base knows, or None (ids may come from button payloads)."""
    for entry_id in ids:
        try:
            return lookup(entry_id)
        except KeyError:
            continue
    return None
