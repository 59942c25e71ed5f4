"""The callback form and the search, side by side in one conversation, through the REST channel.

Answers typed into the callback form (an organisation, a reason) must never become hidden
search filters or a place, whatever the form's outcome; and "yes" to the bot's callback offer
starts the form as the button does.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.conversation

# Form answers that hold words the search knows as filters or places.
ORGANISATION = "Nottinghamshire children's services"
REASON = "advice about a dad who won't engage, in Leeds"


def _nottingham_names(chat) -> list[str]:  # noqa: ANN001
    reply = chat.say("what's available in Nottingham?")
    text = chat.text(reply)
    assert "referral by children's services" not in text and "for dads" not in text.lower()
    return [card["name"] for card in chat.cards(reply)]


def _start_form(chat) -> None:  # noqa: ANN001
    assert "happy for us to store" in chat.text(chat.say("can someone call me back?"))
    assert "name" in chat.text(chat.say("yes")).lower()
    chat.say("social worker")
    chat.say(ORGANISATION)


def test_a_search_after_a_cancelled_callback_uses_no_form_answer(chat):
    _start_form(chat)
    assert "nothing was saved" in chat.text(chat.say("cancel"))
    names = _nottingham_names(chat)
    assert "Your Choice Project perpetrator programme" in names
    assert "Your Choice Dads' Programme" in names


def test_a_search_after_a_completed_callback_uses_no_form_answer(chat):
    _start_form(chat)
    chat.say("07700 900123")
    chat.say("weekday mornings")
    assert "Thank you" in chat.text(chat.say(REASON))
    names = _nottingham_names(chat)
    assert "Your Choice Project perpetrator programme" in names
    assert "Your Choice Dads' Programme" in names


def test_a_search_after_refused_consent_finds_the_local_programme(chat):
    assert "happy for us to store" in chat.text(chat.say("can someone call me back?"))
    assert "haven't taken any details" in chat.text(chat.say("no"))
    assert "Your Choice Project perpetrator programme" in _nottingham_names(chat)


def test_the_area_searched_before_the_form_stays_after_it(chat):
    assert any("They Matter" in c["name"] for c in chat.cards(chat.say("what's available in Kendal?")))
    _start_form(chat)
    chat.say("cancel")
    reply = chat.say("what services are there?")
    assert "Which area" not in chat.text(reply)
    assert any("They Matter" in c["name"] for c in chat.cards(reply))


def test_yes_to_the_callback_offer_starts_the_callback(chat):
    """No advisor is signed in on the test stack, so asking for a person ends with the offer."""
    offer = chat.text(chat.say("can I talk to someone?"))
    assert "Would you like that?" in offer
    consent = chat.text(chat.say("yes"))
    assert "Before you give me any details" in consent and "happy for us to store" in consent
