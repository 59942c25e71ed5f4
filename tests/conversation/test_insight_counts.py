"""Commissioners' counts from real conversations through the REST channel: searches for a place with
local services and one without appear in the report by area, the place searched fewer than 10 times
is shown as 'fewer than 10', and asking for a person after a search is counted against it."""

from __future__ import annotations

import uuid

import pytest

from directory import db
from insight.report import build_report, load_rows
from insight.tables import HEADINGS, area_rows
from tests.conftest import RestChat

pytestmark = pytest.mark.conversation

WITH_LOCAL = ("Mansfield", "Mansfield")  # (what the worker types, the local authority counted)
WITHOUT_LOCAL = ("Inverness", "Highland")


def _raw(url: str) -> dict[str, dict[str, int]]:
    """Unsuppressed totals by local authority, to measure what this test added."""
    totals: dict[str, dict[str, int]] = {}
    for row in load_rows(db.get_engine(url)):
        area = totals.setdefault(row.local_authority, {"searches": 0, "nothing_local": 0, "person": 0})
        area["searches"] += row.searches
        area["nothing_local"] += 0 if row.found_local else row.searches
        area["person"] += row.asked_person
    return totals


def _chat(live_stack) -> RestChat:
    return RestChat(live_stack.rasa_url, f"test-insight-{uuid.uuid4().hex[:10]}")


def test_searches_appear_in_the_report_by_area_with_small_numbers_suppressed(live_stack):
    before = _raw(live_stack.database_url)
    for _ in range(11):
        reply = _chat(live_stack).say(f"what's available in {WITH_LOCAL[0]}?")
        assert RestChat.cards(reply)
    chat = _chat(live_stack)
    assert "no local" in chat.text(chat.say(f"what's available in {WITHOUT_LOCAL[0]}?")).lower()
    chat.text(chat.say("can I talk to someone?"))
    other = _chat(live_stack)
    other.say(f"what's available in {WITHOUT_LOCAL[0]}?")

    after = _raw(live_stack.database_url)
    added = {la: {k: v - before.get(la, {}).get(k, 0) for k, v in after[la].items()}
             for la in (WITH_LOCAL[1], WITHOUT_LOCAL[1])}
    assert added[WITH_LOCAL[1]] == {"searches": 11, "nothing_local": 0, "person": 0}
    assert added[WITHOUT_LOCAL[1]] == {"searches": 2, "nothing_local": 2, "person": 1}

    rows = {row[0]: dict(zip(HEADINGS, row, strict=True))
            for row in area_rows(build_report(load_rows(db.get_engine(live_stack.database_url)), 10))}
    assert rows[WITHOUT_LOCAL[1]]["Police force area"] == "Police Scotland"
    if after[WITHOUT_LOCAL[1]]["searches"] < 10:
        assert rows[WITHOUT_LOCAL[1]]["Searches"] == "fewer than 10"
        assert rows[WITHOUT_LOCAL[1]]["Then asked for a person"] == "fewer than 10"
    assert rows[WITH_LOCAL[1]]["Police force area"] == "Nottinghamshire Police"
    assert rows[WITH_LOCAL[1]]["Searches"] in (str(after[WITH_LOCAL[1]]["searches"]), "withheld")
    assert rows[WITH_LOCAL[1]]["Found nothing local"] in (str(after[WITH_LOCAL[1]]["nothing_local"]), "withheld")
