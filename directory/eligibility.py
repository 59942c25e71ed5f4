"""What a record says about the needs a worker raised (language.needs): the criterion, never a verdict.

Each answer states what the directory holds (an age limit, who it works with, an exclusion as the
seed words it) or says the record is silent and who to ask. Whether he fits is the provider's
assessment, so nothing here says "he is eligible".
"""

from __future__ import annotations

from collections.abc import Mapping

from directory import vocabulary as v
from directory.answers import ONE_TO_ONE_NOTE, conditions
from directory.records import ServiceRecord
from safety.texts import PHONELINE_PHONE

ASK = f"ask the provider, or the Respect Phoneline ({PHONELINE_PHONE})"  # the next step when the record is silent
SILENT = "The directory doesn't record"  # how every answer the record can't give begins
# Needs said in passing with a search ("in Newark, he's a dad"): answered when asked, not under every card.
SEARCH_SILENT = frozenset({"father"})


def search_needs(needs: Mapping[str, int | bool]) -> dict[str, int | bool]:
    """The needs a search answers under its cards (not those said only in passing)."""
    return {name: value for name, value in needs.items() if name not in SEARCH_SILENT}
# Words that find the exclusion (as the seed words it) that a need is about.
EXCLUSION_WORDS = {
    "literacy": ("learning", "literacy"),
    "substance": ("substance", "alcohol", "drug", "addiction"),
    "denial": ("denial", "responsibility"),
    "interpreter": ("english", "interpreter"),
    "risk_level": ("risk", "threshold", "dash", "sara"),
    "sign": ("sign", "information sharing"),
}


def all_silent(notes: list[str]) -> bool:
    """Whether none of the answers came from the record (then the reply is no confident answer)."""
    return bool(notes) and all(note.startswith(SILENT) for note in notes)


def need_lines(record: ServiceRecord, needs: Mapping[str, int | bool]) -> list[str]:
    """One sentence per need about this record, in the order the needs are listed above."""
    lines = []
    for need in ("age", "women", "same_sex", "interpreter", "literacy", "substance", "denial", "one_to_one",
                 "evening", "risk_level", "attendance", "disability", "mental_health", "separated", "father",
                 "conviction", "sign", "online"):
        if need in needs:
            lines.append(ANSWERS[need](record, needs[need]))
    return [line for line in lines if line]


def needs_notes(records: list[ServiceRecord], needs: Mapping[str, int | bool]) -> list[str]:
    """What the records say about the needs raised, then seed 002's one-to-one note where it applies."""
    notes = [line for record in records for line in need_lines(record, needs)]
    if notes and set(needs) & {"interpreter", "same_sex", "one_to_one"}:
        notes.append(ONE_TO_ONE_NOTE)
    return notes


def _exclusion(record: ServiceRecord, need: str) -> str:
    words = EXCLUSION_WORDS.get(need, ())
    found = [e for e in record.exclusions if any(w in e.lower() for w in words)]
    return f"{record.name} is not suitable for: {'; '.join(found)}." if found else ""


def _age(record: ServiceRecord, age: int | bool) -> str:
    if not record.min_age:
        return f"The directory doesn't record an age limit for {record.name}: {ASK}."
    if isinstance(age, int) and not isinstance(age, bool) and age < record.min_age:
        return f"{record.name} is for people aged {record.min_age} and over, so not for someone aged {age}."
    # "is there an upper age limit? he's 71": the records hold a lower limit only
    return f"{record.name} is for people aged {record.min_age} and over; the directory records no upper age limit: {ASK}."


def _women(record: ServiceRecord, _: int | bool) -> str:
    if "female" in record.genders:
        return f"{record.name} works with women as well as men."
    if record.genders == ["male"]:
        return (f"{record.name} is recorded as for men only (male perpetrators). For work with a woman, ask the "
                f"Respect Phoneline ({PHONELINE_PHONE}), which gives information about interventions for perpetrators.")
    return f"The directory doesn't record whether {record.name} works with women: {ASK}."


def _same_sex(record: ServiceRecord, _: int | bool) -> str:
    if record.relationship_types == ["heterosexual"]:
        return f"{record.name} is recorded as designed for heterosexual relationships."
    if record.relationship_types:
        kinds = " and ".join(v.RELATIONSHIP_TYPES.get(r, r) for r in record.relationship_types)
        return f"{record.name} is recorded as working with {kinds}."
    return f"The directory doesn't record whether {record.name} works with same-sex relationships: {ASK}."


def _interpreter(record: ServiceRecord, _: int | bool) -> str:
    excluded = _exclusion(record, "interpreter")
    if excluded:
        return excluded
    if record.interpreters is False:
        return f"{record.name} is recorded as not using interpreters in its group."
    if record.interpreters:
        return f"{record.name} is recorded as able to use interpreters."
    return f"The directory doesn't record whether {record.name} can use an interpreter: {ASK}."


def _from_exclusions(need: str, silent: str):  # type: ignore[no-untyped-def]
    def answer(record: ServiceRecord, _: int | bool) -> str:
        return _exclusion(record, need) or silent.format(name=record.name, ask=ASK)
    return answer


def _denial(record: ServiceRecord, _: int | bool) -> str:
    """Who it turns away for denial, and what it asks him to accept: "admits some of it" is answered by the latter."""
    found = " ".join(part for part in (_exclusion(record, "denial"), conditions(record, "responsibility")) if part)
    return found or (f"The directory doesn't record whether {record.name} takes someone who denies the abuse: {ASK}.")


def _one_to_one(record: ServiceRecord, _: int | bool) -> str:
    formats = " and ".join(v.FORMATS.get(f, f) for f in record.formats)
    if "one_to_one" in record.formats:
        how = f" Modules: {record.modules}." if "1:1" in record.modules else ""  # when the 1:1 sessions come
        return f"{record.name} is recorded as offering one-to-one work ({formats}).{how}"
    if record.formats:
        return f"{record.name} is recorded as {formats} only."
    return f"The directory doesn't record whether {record.name} offers one-to-one work: {ASK}."


def _evening(record: ServiceRecord, _: int | bool) -> str:
    if record.evening_sessions:
        return f"{record.name} has evening sessions."
    if record.evening_sessions is False:
        return f"{record.name} is recorded as having no evening sessions."
    return f"The directory doesn't record when {record.name}'s sessions are (evenings or weekends): {ASK}."


def _risk_level(record: ServiceRecord, _: int | bool) -> str:
    excluded = _exclusion(record, "risk_level")
    levels = " / ".join(v.RISK_LEVELS.get(r, r) for r in record.risk_levels)
    said = f"{record.name} is for {levels} cases" if levels else f"The directory doesn't record a risk level for {record.name}"
    low = conditions(record, r"low[- ]level")  # "also suitable for people convicted of low-level offences"
    return (f"{said}{'; ' + excluded if excluded else '.'}{' ' + low if low else ''} Whether he meets it is for the "
            "provider's assessment.")


def _attendance(record: ServiceRecord, _: int | bool) -> str:
    return conditions(record, "attend\\w*|every|all") or f"The directory doesn't record {record.name}'s attendance rules: {ASK}."


def _father(record: ServiceRecord, _: int | bool) -> str:
    if "parenting" in record.intervention_types:
        return f"{record.name} is a programme for fathers: {record.description}"
    found = [e for e in record.exclusions if any(w in e.lower() for w in ("father", "dad", "parent"))]
    if found:
        return f"{record.name} is not suitable for: {'; '.join(found)}."
    return (f"The directory doesn't record being a father among the things {record.name} is not suitable for; "
            f"whether it fits him is for the provider's assessment.")


def _conviction(record: ServiceRecord, _: int | bool) -> str:
    if record.case_types:
        kinds = " and ".join(v.CASE_TYPES.get(c, c) for c in record.case_types)
        both = " (people both in and outside the criminal justice system)" if len(record.case_types) > 1 else ""
        return f"{record.name} is recorded as working with {kinds}{both}."
    if record.self_referral:  # "does he need a conviction for a DAPP?": people can refer themselves
        return (f"The directory doesn't record a conviction or court order as needed for {record.name}; it is recorded "
                f"as taking self-referrals ({record.description.split('.')[0].lower()}).")
    return f"The directory doesn't record whether {record.name} needs a conviction or court order: {ASK}."


def _disability(record: ServiceRecord, _: int | bool) -> str:
    return (f"The directory doesn't record adjustments for disability at {record.name} (materials in other formats such as "
            f"braille, audio or large print, access, hearing support): ask the provider what they can offer, or the "
            f"Respect Phoneline ({PHONELINE_PHONE}).")


def _mental_health(record: ServiceRecord, _: int | bool) -> str:
    asked = "mental health" in record.referral_notes.lower()
    form = " Its referral form asks about issues such as mental health that may affect taking part." if asked else ""
    return (f"The directory doesn't record mental health among the things {record.name} is not suitable for.{form} "
            f"Whether it affects taking part is for the provider's assessment: {ASK}.")


def _separated(record: ServiceRecord, _: int | bool) -> str:
    """'Do they need to still be together?': partner work that reaches ex-partners says the programme doesn't."""
    if "ex-partner" in record.partner_support.lower() or "ex-partner" in record.description.lower():
        return f"{record.name} works with partners and ex-partners: {record.partner_support or record.description}"
    return f"The directory doesn't record whether {record.name} takes people who have separated from their partner: {ASK}."


def _online(record: ServiceRecord, _: int | bool) -> str:
    return f"The directory doesn't record whether {record.name} runs online or remotely: {ASK}."


ANSWERS = {
    "age": _age,
    "women": _women,
    "same_sex": _same_sex,
    "interpreter": _interpreter,
    "literacy": _from_exclusions("literacy", "The directory doesn't record literacy or learning needs for {name}: {ask}."),
    "substance": _from_exclusions("substance", "The directory doesn't record whether {name} takes people using "
                                               "drugs or alcohol: {ask}."),
    "denial": _denial,
    "one_to_one": _one_to_one,
    "evening": _evening,
    "risk_level": _risk_level,
    "attendance": _attendance,
    "disability": _disability,
    "mental_health": _mental_health,
    "sign": _from_exclusions("sign", "The directory doesn't record whether {name} asks him to sign an agreement: {ask}."),
    "online": _online,
    "separated": _separated,
    "father": _father,
    "conviction": _conviction,
}
