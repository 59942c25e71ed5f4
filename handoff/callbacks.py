"""The callback form: checking each field a worker types, with a clear re-prompt when it won't do.

The Rasa form's validate_<slot> methods call `validate_field(name, text)`; the submit step calls
`validate_form(values)` and then `HandoffService.add_callback(...)`. Consent is asked first, before
any detail is typed, and nothing is stored without an explicit "yes"; the question states the
retention period, and that what is typed in the chat is kept with the conversation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

FIELDS = ("consent", "name_or_role", "organisation", "contact", "best_time", "reason")
MAX_REASON = 500

PROMPTS = {
    "name_or_role": "What's your name, or your role (for example 'health visitor')?",
    "organisation": "Which organisation do you work for?",
    "contact": "What phone number or email address should the advisor use?",
    "best_time": "When is a good time to contact you (for example 'weekday mornings')?",
    "reason": f"In a sentence or two, what would you like to talk about? (up to {MAX_REASON} characters)",
    # The consent prompt is built by consent_prompt(days), since it states the retention period.
}

_CANCEL = {"cancel", "stop", "quit", "exit", "never mind", "nevermind", "forget it", "no thanks", "/cancel"}
_YES = {"yes", "y", "yes please", "yep", "yeah", "i agree", "agree", "i consent", "consent", "ok", "okay",
        "that's fine", "thats fine", "fine", "sure", "/affirm", "/consent_yes"}
_NO = {"no", "n", "nope", "no thanks", "i don't agree", "i do not agree", "/deny", "/consent_no"}
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")
_PHONE_CHARS = re.compile(r"^[0-9+()\s.\-]+$")


@dataclass(frozen=True)
class FieldResult:
    """ok: value is the cleaned value to keep; not ok: message is what to say before asking again."""

    ok: bool
    value: Any = None
    message: str = ""


class CallbackInvalid(ValueError):
    """A callback form with fields that did not validate; `errors` maps field -> re-prompt."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))


def is_cancel(text: str | None) -> bool:
    """'cancel' (and a few plain equivalents) always leaves the form."""
    return _norm(text).rstrip(".!") in _CANCEL


def _norm(text: Any) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip().lower()


def _clean_text(value: Any) -> str:
    """Collapse whitespace and drop control characters (a form field is one line of plain text)."""
    text = "".join(ch for ch in str(value or "") if unicodedata.category(ch)[0] != "C" or ch in "\n\t")
    return re.sub(r"\s+", " ", text).strip()


def retention_text(days: int) -> str:
    return (f"We keep these details for {days} days so an advisor can get back to you, then delete them. "
            "They're seen only by the advisors.")


def consent_prompt(days: int) -> str:
    """Asked before any detail is typed: what is kept, by whom, for how long."""
    return (f"Before you give me any details: {retention_text(days)} Anything you type in this chat is also kept "
            f"with this conversation for {days} days, then deleted. Are you happy for us to store your details "
            "for this callback? Please answer yes or no.")


def is_refusal(value: Any) -> bool:
    """A plain 'no' to the consent question: the form ends and nothing is taken."""
    return value is False or _norm(value).rstrip(".!") in _NO


def validate_name_or_role(value: Any) -> FieldResult:
    text = _clean_text(value)
    if not text:
        return FieldResult(False, message="I need a name or a role so the advisor knows who to ask for. " +
                           PROMPTS["name_or_role"])
    if len(text) > 100:
        return FieldResult(False, message="That's a bit long for a name or role: please keep it under 100 "
                           "characters. " + PROMPTS["name_or_role"])
    if not re.search(r"[^\W\d_]", text):
        return FieldResult(False, message="That doesn't look like a name or a role. " + PROMPTS["name_or_role"])
    return FieldResult(True, text)


def validate_organisation(value: Any) -> FieldResult:
    text = _clean_text(value)
    if len(text) < 2 or not re.search(r"[^\W\d_]", text):
        return FieldResult(False, message="Please tell me the organisation you work for, for example "
                           "'Leeds City Council children's services'. " + PROMPTS["organisation"])
    if len(text) > 200:
        return FieldResult(False, message="Please keep the organisation's name under 200 characters. " +
                           PROMPTS["organisation"])
    return FieldResult(True, text)


def normalise_uk_phone(value: str) -> str | None:
    """A UK landline/mobile/non-geographic number in its usual spaced form, or None if it isn't one."""
    text = value.strip()
    if not _PHONE_CHARS.match(text):
        return None
    digits = re.sub(r"\D", "", text)
    national = None
    if text.startswith("+"):
        if not digits.startswith("44"):
            return None
        national = digits[2:]
    elif digits.startswith("0044"):
        national = digits[4:]
    elif digits.startswith("44") and len(digits) in (12, 13):
        national = digits[2:]
    if national is not None:  # +44 (0)20 ... and +44 20 ... both mean 020 ...
        digits = national if national.startswith("0") else "0" + national
    # 01/02 geographic, 03 non-geographic, 07 mobile, 08 freephone/non-geographic; not 09 (premium rate).
    if not re.fullmatch(r"0[12378]\d{8,9}", digits):
        return None
    if digits[1] in "37" and len(digits) != 11:
        return None
    if digits.startswith("07"):
        return f"{digits[:5]} {digits[5:]}"
    if digits.startswith("02"):
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    if digits.startswith(("03", "08")) or (digits.startswith("01") and "1" in digits[2:4]):
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    return f"{digits[:5]} {digits[5:]}"


def validate_contact(value: Any) -> FieldResult:
    """A UK phone number or an email address; value is {"contact": ..., "contact_kind": "phone"|"email"}."""
    text = _clean_text(value)
    if "@" in text:
        email = text.strip("<>").strip()
        local, _, domain = email.rpartition("@")
        if len(email) <= 254 and len(local) <= 64 and _EMAIL.match(email):
            return FieldResult(True, {"contact": f"{local}@{domain.lower()}", "contact_kind": "email"})
        return FieldResult(False, message="That email address doesn't look right: please check it, for example "
                           "'name@council.gov.uk'. Or give a UK phone number instead.")
    if re.search(r"\d", text):
        if re.fullmatch(r"\s*(999|112|111)\s*", text):
            return FieldResult(False, message="If anyone is in immediate danger, call 999 now. For a callback, "
                               "please give your own UK phone number or email address.")
        phone = normalise_uk_phone(text)
        if phone:
            return FieldResult(True, {"contact": phone, "contact_kind": "phone"})
        return FieldResult(False, message="That doesn't look like a UK phone number. Please give a number "
                           "like 07700 900123 or 020 7946 0000, or an email address instead.")
    return FieldResult(False, message="I need a UK phone number or an email address so an advisor can reach "
                       "you. " + PROMPTS["contact"])


def validate_best_time(value: Any) -> FieldResult:
    text = _clean_text(value)
    if len(text) < 2:
        return FieldResult(False, message="Please say when suits you, for example 'weekday mornings' or "
                           "'Tuesday after 2pm'.")
    if len(text) > 200:
        return FieldResult(False, message="Please keep the best time under 200 characters, for example "
                           "'weekday mornings'.")
    return FieldResult(True, text)


def validate_reason(value: Any) -> FieldResult:
    text = _clean_text(value)
    if len(text) < 3:
        return FieldResult(False, message="Please tell me briefly what you'd like to talk about, so the right "
                           "advisor can get back to you.")
    if len(text) > MAX_REASON:
        return FieldResult(False, message=f"That's {len(text)} characters; please shorten it to {MAX_REASON} or "
                           "fewer. The advisor can go into detail when they contact you.")
    return FieldResult(True, text)


def validate_consent(value: Any) -> FieldResult:
    """Only an explicit yes counts; value is True."""
    if value is True:
        return FieldResult(True, True)
    text = _norm(value).rstrip(".!")
    if text in _YES:
        return FieldResult(True, True)
    if is_refusal(value):
        return FieldResult(False, message="That's fine: without your agreement I won't store anything, so I "
                           "can't arrange a callback. You can still use the other options above, or say 'cancel'.")
    return FieldResult(False, message="Please answer yes or no: are you happy for us to store these details "
                       "for the callback?")


VALIDATORS = {
    "name_or_role": validate_name_or_role,
    "organisation": validate_organisation,
    "contact": validate_contact,
    "best_time": validate_best_time,
    "reason": validate_reason,
    "consent": validate_consent,
}


def validate_field(name: str, value: Any) -> FieldResult:
    """Check one form field (names in FIELDS)."""
    try:
        validator = VALIDATORS[name]
    except KeyError:
        raise ValueError(f"no callback field called {name!r}; fields are {', '.join(FIELDS)}") from None
    return validator(value)


def validate_form(values: Mapping[str, Any]) -> dict[str, Any]:
    """Check every field; return the cleaned fields for HandoffStore.add_callback or raise CallbackInvalid.

    `contact` may be the raw text or the dict validate_contact returned.
    """
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name in FIELDS:
        raw = values.get(name)
        if name == "contact" and isinstance(raw, Mapping):
            raw = raw.get("contact")
        result = validate_field(name, raw)
        if not result.ok:
            errors[name] = result.message
        elif name == "contact":
            cleaned.update(result.value)
        elif name != "consent":
            cleaned[name] = result.value
    if errors:
        raise CallbackInvalid(errors)
    return cleaned
