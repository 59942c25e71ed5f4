"""Callback form validation: the happy path and every invalid field, with its re-prompt."""

from __future__ import annotations

import pytest

from handoff.callbacks import (
    FIELDS,
    MAX_REASON,
    CallbackInvalid,
    consent_prompt,
    is_cancel,
    normalise_uk_phone,
    validate_field,
    validate_form,
)

GOOD = {
    "name_or_role": "  Health   visitor ",
    "organisation": "Leeds Community Healthcare",
    "contact": "+44 (0)7700 900123",
    "best_time": "weekday mornings",
    "reason": "Dad on my caseload is asking about a programme; not sure he's suitable.",
    "consent": "Yes",
}


def test_happy_path():
    cleaned = validate_form(GOOD)
    assert cleaned == {
        "name_or_role": "Health visitor",
        "organisation": "Leeds Community Healthcare",
        "contact": "07700 900123",
        "contact_kind": "phone",
        "best_time": "weekday mornings",
        "reason": GOOD["reason"],
    }


def test_email_contact():
    cleaned = validate_form({**GOOD, "contact": "Jo.Bloggs@Leeds.GOV.uk"})
    assert cleaned["contact"] == "Jo.Bloggs@leeds.gov.uk"
    assert cleaned["contact_kind"] == "email"


def test_contact_may_be_the_validated_dict():
    result = validate_field("contact", "020 7946 0000")
    assert validate_form({**GOOD, "contact": result.value})["contact"] == "020 7946 0000"


@pytest.mark.parametrize(("field", "value", "phrase"), [
    ("name_or_role", "", "name or a role"),
    ("name_or_role", "   ", "name or a role"),
    ("name_or_role", "x" * 101, "under 100"),
    ("name_or_role", "12345", "doesn't look like a name"),
    ("organisation", "", "organisation you work for"),
    ("organisation", "7", "organisation you work for"),
    ("organisation", "o" * 201, "under 200"),
    ("contact", "", "phone number or an email"),
    ("contact", "call me", "phone number or an email"),
    ("contact", "jo@", "email address doesn't look right"),
    ("contact", "jo@example", "email address doesn't look right"),
    ("contact", "12345", "UK phone number"),
    ("contact", "+33 1 23 45 67 89", "UK phone number"),
    ("contact", "0909 879 0123", "UK phone number"),  # premium rate (an Ofcom drama number)
    ("contact", "07700 90012", "UK phone number"),
    ("contact", "999", "immediate danger"),
    ("best_time", "", "when suits you"),
    ("best_time", "x" * 201, "under 200"),
    ("reason", "", "what you'd like to talk about"),
    ("reason", "x" * (MAX_REASON + 1), f"{MAX_REASON} or fewer"),
    ("consent", "", "yes or no"),
    ("consent", "maybe", "yes or no"),
    ("consent", "no", "won't store anything"),
    ("consent", False, "won't store anything"),
])
def test_each_invalid_field_reprompts(field, value, phrase):
    result = validate_field(field, value)
    assert not result.ok
    assert phrase in result.message
    with pytest.raises(CallbackInvalid) as error:
        validate_form({**GOOD, field: value})
    assert list(error.value.errors) == [field]
    assert phrase in error.value.errors[field]


def test_reason_at_limit_is_fine():
    assert validate_field("reason", "x" * MAX_REASON).ok


def test_missing_fields_are_all_reported():
    with pytest.raises(CallbackInvalid) as error:
        validate_form({})
    assert set(error.value.errors) == set(FIELDS)


@pytest.mark.parametrize("answer", ["yes", "Yes.", "I agree", "y", "/affirm", True])
def test_explicit_yes(answer):
    assert validate_field("consent", answer).ok


@pytest.mark.parametrize(("raw", "expected"), [
    ("07700 900123", "07700 900123"),
    ("+447700900123", "07700 900123"),
    ("0044 20 7946 0000", "020 7946 0000"),
    ("(0113) 496-0000", "0113 496 0000"),
    ("0808 802 4040", "0808 802 4040"),
    ("01632 960001", "01632 960001"),
])
def test_uk_phone_formats(raw, expected):
    assert normalise_uk_phone(raw) == expected


def test_cancel_words():
    assert is_cancel("Cancel")
    assert is_cancel("never mind!")
    assert not is_cancel("I can't cancel the visit")


def test_consent_prompt_states_retention():
    assert "30 days" in consent_prompt(30)
    assert "yes or no" in consent_prompt(30)


def test_unknown_field():
    with pytest.raises(ValueError, match="no callback field"):
        validate_field("favourite_colour", "blue")
