"""Unsafe ideas put in workers' own words reach their guidance by meaning (knowledge/topic_classifier.py), and
ordinary questions stay ordinary (conversations_round10 misses, in our own words)."""

from __future__ import annotations

import pytest

from knowledge.base import load_guidance
from knowledge.topic_classifier import NONE, likely_topic, topic_probabilities

SURE = 0.6


@pytest.mark.parametrize(("text", "topic"), [
    ("can I give him her new phone number so they can arrange the kids' handovers between themselves?",
     "partner_disclosures"),
    ("they've both booked onto a conflict resolution course at the family centre, is that a good step?",
     "not_couples_work"),
])
def test_an_unsafe_idea_in_a_workers_words_reaches_its_guidance(text, topic):
    assert likely_topic(text, SURE) == topic


@pytest.mark.parametrize("text", ["what's available in Kendal?", "how long is the DAPP?", "thanks, that's great"])
def test_an_ordinary_question_is_no_topic(text):
    assert likely_topic(text, SURE) is None


def test_every_topic_and_none_is_a_class_and_the_probabilities_add_up():
    probabilities = topic_probabilities("should I tell him what she said?")
    assert set(probabilities) == {t.id for t in load_guidance()} | {NONE}
    assert sum(probabilities.values()) == pytest.approx(1.0)
    assert topic_probabilities("/ask_guidance") == {}
