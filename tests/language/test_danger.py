"""Immediate danger must always be noticed; ordinary questions about past abuse must not derail the chat."""

import pytest

from language.danger import is_immediate_danger


@pytest.mark.parametrize("text", [
    "he's outside with a knife",
    "He threatened to kill her tonight",
    "she's being attacked right now",
    "he is at the door and he's got a weapon",
    "he's going to kill her",
    "the kids are locked in and he's hitting her now",
    "HE HAS A GUN AT THE HOUSE",
])
def test_danger_now_is_recognised(text):
    assert is_immediate_danger(text)


@pytest.mark.parametrize("text", [
    "what's available in Kendal?",
    "he was convicted of hitting his ex two years ago, what programme suits him?",
    "how do I challenge him when he minimises the violence",
    "is They Matter suitable for a high risk man",
    "",
])
def test_ordinary_questions_are_not_emergencies(text):
    assert not is_immediate_danger(text)
