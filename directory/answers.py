"""What the chat says about a service: cards and answers to follow-up questions.

Every answer comes from the directory record; where the record doesn't hold the fact,
the answer says so and gives a way to find out.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Optional

from directory import vocabulary as v
from directory.freshness import freshness_note, uk_today
from directory.phones import grouped
from directory.records import ServiceRecord
from directory.search import SearchResult
from directory.settings import review_months
from knowledge.citations import FACTSHEET, cite
from safety.texts import PHONELINE_PHONE, RESPECT_PHONELINE_SHORT, SAFETY_LINE

ASK_INSTEAD = f"Ask the provider, or {RESPECT_PHONELINE_SHORT}."


def card(record: ServiceRecord, result: Optional[SearchResult] = None) -> dict:
    """A short service card for the webchat: what, who runs it, why it matched, how to reach it."""
    return {
        "service_id": record.id,
        "name": record.name,
        "organisation": record.organisation,
        "reason": result.reason if result else "",
        "local": result.local if result else None,
        "coverage": coverage(result),
        "details": format_and_duration(record) or "",
        "who_can_refer": who_can_refer(record) or "",
        "contacts": [{"kind": c.kind, "value": _shown(c.kind, c.value), "label": c.label} for c in record.contacts],
        "contact_note": "" if record.contacts else no_contact(record),
        "caveat": record.caveat,
        "checked": checked(record),
    }


def checked(record: ServiceRecord, today: Optional[date] = None, months: Optional[int] = None) -> str:
    """How old the record is, when it is past the review interval or undated ('' while fresh).

    `months` defaults to SIGNPOST_REVIEW_MONTHS, read once per process rather than per card."""
    return freshness_note(record.last_verified, today or uk_today(), review_months() if months is None else months)


def coverage(result: Optional[SearchResult]) -> str:
    """What the card's badge says it is: local, nearest (covers its own area only), national, or '' if unknown."""
    if result is None:
        return ""
    if result.local:
        return "local"
    return {"nearest": "nearest", "national": "national"}.get(result.match, "")


def card_text(number: int, record: ServiceRecord, result: Optional[SearchResult] = None) -> str:
    """The same card as plain text, for channels that can't show cards."""
    lines = [f"{number}. {record.name} ({record.organisation})"]
    if result:
        lines.append(f"   Why: {result.reason}")
    for part in (format_and_duration(record), who_can_refer(record)):
        if part:
            lines.append(f"   {part}")
    if record.contacts:
        lines.append("   Contact: " + "; ".join(_contact(c.kind, c.value, c.label) for c in record.contacts[:2]))
    else:
        lines.append(f"   Contact: {no_contact(record)}")
    if record.caveat:
        lines.append(f"   Please note: {record.caveat}")
    if note := checked(record):
        lines.append(f"   {note}")
    return "\n".join(lines)


def format_and_duration(record: ServiceRecord) -> Optional[str]:
    parts = []
    if record.duration_weeks_min:
        low, high = record.duration_weeks_min, record.duration_weeks_max
        parts.append(f"{low}–{high} weeks" if high and high != low else f"{low} weeks")
    if record.formats:
        parts.append(" and ".join(v.FORMATS.get(f, f) for f in record.formats))
    if record.session_hours_min:
        low, high = record.session_hours_min, record.session_hours_max
        parts.append(f"sessions of {_num(low)}–{_num(high)} hours" if high and high != low else f"{_num(low)}-hour sessions")
    if record.group_size_max:
        parts.append(f"groups of up to {record.group_size_max}")
    if record.evening_sessions:
        parts.append("evening sessions available")
    text = ", ".join(parts).capitalize()
    if record.schedule:  # dates such as a contract's, shown on the card and not only in a caveat
        text = f"{text}; {record.schedule}" if text else record.schedule
    return text or None


def who_can_refer(record: ServiceRecord) -> Optional[str]:
    if not record.referral_routes and record.self_referral is None:
        return None
    routes = [v.REFERRAL_ROUTES.get(r, r) for r in record.referral_routes]
    if record.self_referral and "self-referral" not in routes:
        routes.insert(0, "self-referral")
    return "Referrals: " + ", ".join(routes)


def answer(question: str, record: ServiceRecord) -> str:
    """Answer one follow-up question ('referral', 'cost', ...) from the record; one it has no answer for gets the details."""
    return FOLLOWUPS.get(question, details)(record)


def details(record: ServiceRecord) -> str:
    lines = [f"{record.name} ({record.organisation})."]
    if record.description:
        lines.append(record.description)
    for part in (format_and_duration(record), who_can_refer(record), _eligibility(record)):
        if part:
            lines.append(part)
    if record.caveat:
        lines.append(f"Please note: {record.caveat}")
    if note := checked(record):
        lines.append(note)
    lines.append(f"Source: {cite(record.source_document)}" + (f" ({record.source_date})" if record.source_date else ""))
    return "\n".join(lines)


def referral(record: ServiceRecord) -> str:
    lines = []
    routes = who_can_refer(record)
    if routes:
        lines.append(routes + ".")
    if record.referral_notes:
        lines.append(record.referral_notes)
    if assessed := conditions(record, r"assess\w*"):  # "what happens after I refer?": the assessment comes next
        lines.append(assessed)
    methods = [v.REFERRAL_METHODS.get(m, m) for m in record.referral_methods]
    if methods:
        lines.append("How: " + ", ".join(methods) + ".")
    if not lines:
        return f"The directory doesn't say how to refer to {record.name}. {contact(record)}"
    return f"Referring to {record.name}: " + " ".join(lines + [contact(record)])


def exclusions(record: ServiceRecord) -> str:
    eligibility = " ".join(p for p in (_eligibility(record), conditions(record)) if p)
    if not record.exclusions:
        note = f" {eligibility}" if eligibility else ""
        return f"The directory doesn't record who {record.name} is not suitable for.{note} {ASK_INSTEAD}"
    items = "\n".join(f"- {e}" for e in record.exclusions)
    return f"{record.name} is not suitable for:\n{items}" + (f"\n{eligibility}" if eligibility else "")


def conditions(record: ServiceRecord, words: str = r"must|assess\w*|attend|acknowledg\w*") -> str:
    """The description's sentences that state conditions of taking part (by default: must, assessed, attend)."""
    sentences = re.split(r"(?<=[.!?])\s+", record.description or "")
    return " ".join(s for s in sentences if re.search(rf"\b(?:{words})\b", s, re.I))


def cost(record: ServiceRecord) -> str:
    if record.cost:
        return f"{record.name}: {record.cost}"
    return f"The directory doesn't record the cost of {record.name} or whether it charges. {ASK_INSTEAD}"


def duration(record: ServiceRecord) -> str:
    described = format_and_duration(record)
    modules = len([m for m in record.modules.split(";") if m.strip()])
    extra = f" Modules ({modules}): {record.modules}." if record.modules else ""
    attendance = conditions(record, "attend")
    if attendance:
        extra += " " + attendance
    if described:
        return f"{record.name}: {described}.{extra}"
    return f"The directory doesn't record how long {record.name} lasts.{extra} {ASK_INSTEAD}"


def group_or_one_to_one(record: ServiceRecord) -> str:
    """"Would he be ok in a group?": the format with the length and attendance, and who the factsheet says may
    get one-to-one work instead."""
    return f"{duration(record)}\n{ONE_TO_ONE_NOTE}"


def partner_support(record: ServiceRecord) -> str:
    if record.partner_support:
        return f"{record.name}: {record.partner_support}"
    return (f"The directory doesn't record partner support for {record.name}. Every perpetrator programme "
            f"should offer partners support and safety planning ({FACTSHEET}). {ASK_INSTEAD}")


def accreditation(record: ServiceRecord) -> str:
    if record.respect_accredited is True:
        return f"{record.name} is recorded as Respect accredited."
    if record.respect_accredited is False:
        return f"{record.name} is recorded as not Respect accredited."
    return (f"The directory doesn't record whether {record.name} is Respect accredited. {ASK_INSTEAD} "
            "About Respect accreditation: https://www.respect.uk.net/pages/64-respect-standard")


def schedule(record: ServiceRecord) -> str:
    """'What times do they run?': the days, times or evening sessions the record holds, never a guess."""
    said = [f"{record.name}: evening sessions available" if record.evening_sessions else "",
            record.schedule and f"{record.name}: {record.schedule}"]
    known = ". ".join(part for part in said if part)
    return (f"{known}. The directory doesn't record the days and times of sessions. {ASK_INSTEAD}"
            if known else f"The directory doesn't record when {record.name}'s sessions run. {ASK_INSTEAD}")


def running(record: ServiceRecord) -> str:
    """'Is it still running?': what the record says of its dates, never a yes the directory can't give."""
    dated = f" The directory's source for it is dated {record.source_date}." if record.source_date else ""
    said = record.caveat if re.search(r"\b(?:ran|runs|contract|ended|until|from \w+ \d{4})\b", record.caveat) else ""
    return (f"{said or f'The directory does not say whether {record.name} is still running.'}{dated} "
            f"{checked(record) or 'Check with the provider before referring.'}").strip()


def organisation(record: ServiceRecord) -> str:
    """'Who developed it?': the organisation the record names, and what it says of the service."""
    said = f" {record.description}" if record.description else ""
    return f"{record.name} is run by {record.organisation}.{said}"


def funding(record: ServiceRecord) -> str:
    """'Who funds it?': the record's sentences on who commissions or funds it, never its fee."""
    said = [s for s in re.split(r"(?<=\.)\s+", record.description) if re.search(r"\b(?:fund|commission)\w*", s, re.I)]
    if said:
        return f"{record.name}: {' '.join(said)}"
    return f"The directory doesn't record who funds {record.name}: ask the provider."


def assessment(record: ServiceRecord) -> str:
    """'What happens at the assessment stage?', 'who decides?': the record's own sentences about assessing someone."""
    assessed = [e for e in record.exclusions if re.search(r"\bassess\w*", e, re.I)]
    said = " ".join([conditions(record, r"assess\w*")] + [f"Not suitable: {e}." for e in assessed]).strip()
    return said or f"The directory doesn't record how {record.name} assesses people: ask the provider."


def waiting(record: ServiceRecord) -> str:
    """'How long will he wait?': the directory holds no waiting times, so who to ask, and any dates it does hold."""
    said = [part for part in (record.schedule, record.caveat) if part]  # start dates the seed gives, then caveats
    dated = f" The record says: {' '.join(_sentence(part) for part in said)}" if said else ""
    return f"The directory doesn't record waiting times for {record.name}: ask them. {contact(record)}{dated}"


def _sentence(text: str) -> str:
    """A record's field as a sentence, so two of them can follow each other."""
    return text if text.rstrip().endswith((".", "!", "?", ")")) else f"{text.rstrip()}."


def outcomes(record: ServiceRecord) -> str:
    """'What results has it had?': the directory holds no outcome figures, so who to ask."""
    return f"The directory doesn't record outcomes for {record.name}: ask the provider. {contact(record)}"


def areas(record: ServiceRecord) -> str:
    """'Where are they based?': the areas the record covers, and its caveat about them."""
    if record.scope == "national":
        return f"{record.name} is a national service."
    covered = ", ".join(dict.fromkeys(c.name for c in record.coverage))
    said = f"{record.name} covers: {covered}." if covered else f"The directory doesn't record the areas {record.name} covers."
    return f"{said} {record.caveat}".strip()


def source(record: ServiceRecord) -> str:
    """'Are you sure? his probation officer said otherwise': where the record comes from, and that the provider decides."""
    dated = f" ({record.source_date})" if record.source_date and record.source_date not in cite(record.source_document) else ""
    said = (f"What I've told you about {record.name} comes from its directory record, taken from "
            f"{cite(record.source_document)}{dated}.") if record.source_document else \
        f"The directory doesn't record where its entry for {record.name} comes from."
    return (f"{said} {checked(record)} If you've been told something different, the provider has the last word on "
            f"who it takes and how. {contact(record)} {SAFETY_LINE}").replace("  ", " ")  # not a confident answer


def not_covering(record: ServiceRecord, place: str) -> str:
    """'They Matter is not recorded as covering Leeds.': a place asked about that the record's areas leave out."""
    return f"{record.name} is not recorded as covering {place}."


def directory_coverage(records: list[ServiceRecord]) -> str:
    """'What areas do you have information for?': each local service and the areas its record covers."""
    local = [r for r in records if r.scope != "national" and r.coverage]
    lines = [f"- {r.name}: {', '.join(dict.fromkeys(c.name for c in r.coverage))}" for r in local]
    national = [r.name for r in records if r.scope == "national"]
    said = ["The directory holds local services for these areas:", *lines] if lines else \
        ["The directory holds no local services yet."]
    if national:
        said.append("National services, for anywhere: " + ", ".join(national) + ".")
    said.append("For anywhere else, ask me about a place and I'll show what covers it, or the nearest services.")
    return "\n".join(said)


def no_contact(record: ServiceRecord) -> str:
    """The next step when the record has no contact: seed 002 says the Phoneline gives programmes' contact details."""
    return (f"The directory holds no contact details for {record.name}. The Respect Phoneline ({PHONELINE_PHONE}) "
            f"gives contact details of behaviour-change programmes; or ask {record.organisation}.")


def contact(record: ServiceRecord) -> str:
    if not record.contacts:
        return no_contact(record)
    return "Contact: " + "; ".join(_contact(c.kind, c.value, c.label) for c in record.contacts) + "."


def _eligibility(record: ServiceRecord) -> Optional[str]:
    parts = []
    if record.genders:
        parts.append(" and ".join(v.GENDERS.get(g, g) for g in record.genders))
    if record.relationship_types:
        parts.append("in " + " or ".join(v.RELATIONSHIP_TYPES.get(r, r) for r in record.relationship_types))
    if record.min_age:
        parts.append(f"aged {record.min_age}+")
    if record.risk_levels:
        parts.append(" / ".join(v.RISK_LEVELS.get(r, r) for r in record.risk_levels))
    return "For: " + ", ".join(parts) + "." if parts else None


# What each kind of contact is called before it, so "do they do email?" is answered in words.
CONTACT_WORDS = {"phone": "phone", "email": "email", "secure_email": "secure email", "website": "website"}


def _contact(kind: str, value: str, label: str) -> str:
    value = f"{CONTACT_WORDS.get(kind, kind)} {_shown(kind, value)}"
    return f"{value} ({label})" if label else value


def _shown(kind: str, value: str) -> str:
    return grouped(value) if kind == "phone" else value


def _num(value: float) -> str:
    return f"{value:g}"


FOLLOWUPS = {
    "details": details,
    "referral": referral,
    "exclusions": exclusions,
    "cost": cost,
    "duration": duration,
    "format": group_or_one_to_one,
    "partner_support": partner_support,
    "accreditation": accreditation,
    "contact": contact,
    "schedule": schedule,
    "running": running,
    "organisation": organisation,
    "funding": funding,
    "assessment": assessment,
    "stops": exclusions,
    "waiting": waiting,
    "outcomes": outcomes,
    "source": source,
    "areas": areas,  # "anything that would stop them taking him?": every exclusion, beside the needs named
}


# Seed 002: one-to-one work for people who can't join a group, need an interpreter, or are in a
# same-sex relationship.
ONE_TO_ONE_NOTE = (f"{FACTSHEET[0].upper()}{FACTSHEET[1:]} says one-to-one interventions may be offered to people "
                   "who can't join a group, who need an interpreter, or who are in a same-sex relationship and "
                   "would not benefit from a group with heterosexual men; ask the providers whether they offer it.")
