"""A victim writing for herself in words no pattern knows is read by meaning (language/audience_classifier.py),
and a worker it reads wrongly can say so (conversations_round9 and round10 misses, in our own words)."""

from __future__ import annotations

import pytest

from language.audience import LIKELY_VICTIM, asks_for_victim_services, may_be_victim_writing, says_is_a_worker
from language.audience_classifier import victim_probability
from language.extract import extract_entities


@pytest.mark.parametrize("text", [
    "how can I get my husband onto one of your courses, he's not a bad person he just loses it",
    "he's out at the pub, I've got an hour or so to grab some things and the kids, who can I ring",
])
def test_a_victim_writing_in_her_own_words_is_read_by_meaning(text):
    assert may_be_victim_writing(text)


@pytest.mark.parametrize("text", [
    "what's available in Kendal for a man who's been violent to his partner?",
    "I'm visiting him on my own tonight, anything I should know?",
    "my son in Hull has been hitting his girlfriend, is there a course for him",
    "how long is the DAPP and is there a cost?",
])
def test_a_worker_or_relative_asking_about_him_is_not(text):
    assert not may_be_victim_writing(text)


def test_the_probability_is_a_probability_and_nothing_for_a_button():
    assert 0.0 <= victim_probability("my husband controls all the money") <= 1.0
    assert victim_probability("/find_services") == 0.0
    assert victim_probability("my husband controls all the money and I'm scared of him") >= LIKELY_VICTIM


@pytest.mark.parametrize("text", ["no sorry, I'm a social worker", "it's for a client", "I'm the health visitor"])
def test_a_worker_saying_so_is_an_entity_that_puts_the_chat_right(text):
    assert says_is_a_worker(text)
    assert {"entity": "audience", "value": "worker"}.items() <= next(
        e for e in extract_entities(text, None) if e["entity"] == "audience").items()


def test_someone_saying_it_is_about_her_is_not_a_worker():
    assert not says_is_a_worker("I'm a nurse but this is about me, not a patient")


@pytest.mark.parametrize("text", [
    "im in Leeds. i shout at my partner a lot and i want to stop",
    "i think i need help with how i treat my partner, is there something i can do",
    "cheers, you've saved my life there, my boss was gonna kill me",
    "will the course make me talk about the worst thing ive done in front of everyone",
    "mums often ask me what happens their end if dad goes on a course, does someone ring them?",
])
def test_someone_writing_about_his_own_behaviour_or_his_work_is_not_a_victim(text):
    assert not may_be_victim_writing(text)


@pytest.mark.parametrize("text", ["Where do victims go for help?", "Victim. Southampton. Need support.",
                                  "is there a refuge near Barrow for her", "the national domestic abuse helpline rang out"])
def test_a_question_about_services_for_victims_is_one(text):
    assert asks_for_victim_services(text)


@pytest.mark.parametrize("text", ["does Your Choice offer support for the victim while he is on it?",
                                  "what's available in Kendal?"])
def test_a_programmes_partner_support_or_a_search_is_not(text):
    assert not asks_for_victim_services(text)
