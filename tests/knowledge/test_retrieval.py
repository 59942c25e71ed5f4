"""Retrieval over the knowledge base answers what names or describes an entry, and nothing else."""

from __future__ import annotations

import pytest

from knowledge.retrieval import answered_by_example, retrieve


@pytest.mark.parametrize("text,entry", [
    ("whats a marac", "marac"),
    ("is OASys a risk tool", "oasys"),
    ("is the respect phonline free", "respect_phoneline"),
    ("hampton trust still running?", "hampshire_perpetrator_service"),
])
def test_an_entry_named_or_misspelt_is_found(text, entry):
    hit = retrieve(text)
    assert hit is not None and hit.entry.id == entry


@pytest.mark.parametrize("text", ["blah blah wibble", "can I talk to someone", "what's available in Kendal", "", "ok"])
def test_nothing_close_finds_nothing(text):
    assert retrieve(text) is None


@pytest.mark.parametrize("text,entry", [
    ("why is a DAPP not enough by itself?", "coordinated_community_response"),
    ("why are low and high risk men never in the same group?", "risk_need_responsivity"),
    ("is there a manual for individual work with abusers?", "individual_work_programme"),
    ("will he have to pay for the programme?", "dapp"),
])
def test_a_question_in_workers_words_finds_the_entry_that_answers_it(text, entry):
    found = answered_by_example(text)
    assert found is not None and found.id == entry


@pytest.mark.parametrize("text", ["what's available in Barrow?", "is there anything for dads", "how do I refer to They Matter?",
                                  "who is it for?", "can I talk to someone", "does it run for perpetrators or only survivors?"])
def test_a_search_or_a_question_about_one_service_finds_no_example(text):
    assert answered_by_example(text) is None
