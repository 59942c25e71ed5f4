"""How a knowledge entry reads in the chat: the entry, its caveat, its source and where to read more."""

from __future__ import annotations

from knowledge.base import GuidanceTopic, Programme
from knowledge.citations import cite
from safety.texts import SAFETY_LINE


def programme_text(entry: Programme, outcomes_asked: bool = False) -> str:
    """The entry explained; asked about its results, what its source reports of them (or that it reports none)."""
    lines = [outcomes_text(entry)] if outcomes_asked else []
    lines.append(f"{entry.title}: {entry.summary}")
    if entry.caveat:
        lines.append(f"Please note: {entry.caveat}")
    lines.append(f"Source: {cite(entry.source)}")
    if entry.read_more:
        lines.append(f"Read more: {entry.read_more}")
    return "\n".join(lines)


def outcomes_text(entry: Programme) -> str:
    if entry.outcomes:
        return f"Outcomes reported for {entry.title}: {entry.outcomes}"
    return f"The sources I draw on report no outcome figures for {entry.title}: ask the provider. {SAFETY_LINE}"


def topic_text(topic: GuidanceTopic) -> str:
    lines = [f"{topic.title}: {topic.answer}", f"Source: {cite(topic.source)}"]
    if topic.read_more:
        lines.append(f"Read more: {topic.read_more}")
    lines.append("If you'd like to talk it through, I can point you to a person.")
    return "\n".join(lines)
