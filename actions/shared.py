"""Per-process access to the directory and the helpers every action uses."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from rasa_sdk import Tracker

from directory.search import SearchFilters
from directory.service_directory import ServiceDirectory

FILTER_SLOTS = ("gender", "risk", "intervention_type", "route", "format")


@lru_cache(maxsize=1)
def service_directory() -> ServiceDirectory:
    """One directory per action server process; its place index loads on first use."""
    return ServiceDirectory()


def filters_from(tracker: Tracker) -> SearchFilters:
    """Search filters from the slots the worker has filled so far."""
    values = {name: tracker.get_slot(name) for name in FILTER_SLOTS}
    return SearchFilters(values["intervention_type"], values["gender"], values["risk"], values["route"],
                         values["format"])


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
