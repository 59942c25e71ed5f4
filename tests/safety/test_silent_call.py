"""Someone who can't speak aloud is told how to call 999 without speaking; a busy worker is not."""

from __future__ import annotations

import pytest

from safety.silent_call import cannot_speak_aloud, silent_call_text


@pytest.mark.parametrize("text", [
    "he's in the next room, i can't ring anyone, what do i do",
    "i cant speak out loud",
    "I'm in the bathroom, he doesn't know I've got my phone",
    "cant talk he is here",
])
def test_cannot_speak_aloud(text):
    assert cannot_speak_aloud(text)


@pytest.mark.parametrize("text", [
    "can i talk to someone", "I cant talk long, on a visit", "i cant call the provider today",
    "cant talk now in a meeting", "I cannot speak to him about it", "he can not speak english well",
])
def test_busy_or_other_meanings_are_not_taken_for_it(text):
    assert not cannot_speak_aloud(text)


def test_the_text_says_what_to_press_and_names_its_source():
    text = silent_call_text()
    assert "999" in text and "press 55" in text and "Source: Isle of Wight Council" in text
