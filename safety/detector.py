"""Danger now and serious risk in one check, run before anything else on every message.

The lexicon (what must always trigger) and the classifier (meaning) are combined so that
either can raise the alarm. A needless 999 costs a sentence; a missed one could cost a life, so
the thresholds err towards the alarm, and an alarm that is only `possible` is added to the
normal answer instead of replacing it. The result names message content, never a risk level.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from safety import classifier, lexicon

CLEAR = "clear"
POSSIBLE = "possible"
# Classifier thresholds, chosen on the development set bench/blind/danger_dev.jsonl (see bench/eval_danger.py).
IMMEDIATE_CLEAR = 0.70
IMMEDIATE_POSSIBLE = 0.30
WEAK_WITH_CLASSIFIER = 0.15
RISK_ALONE = 0.50
RISK_WITH_THEME = 0.20
RISK_BESIDE_DANGER = 0.12
# A strong pattern replaces the answer unless the classifier reads the message as ordinary
# ("my director will kill me if..."): then the 999 line is added to the answer instead.
BENIGN_DEMOTES = 0.50
# A risk theme named as a subject (the law, a strategy, a drama) raises no risk unless the classifier reads the message
# as far from ordinary.
TOPIC_DEMOTES = 0.20
# ...and a strong pattern in a message told wholly in the past, which the classifier also reads as
# not happening now, raises no alarm.
PAST_DISMISSES = 0.10
MAX_CHARS = 2000
SHORT_WORDS = 3  # a message this short, with no danger words, is too little for the classifier alone to call clear


@dataclass(frozen=True)
class SafetyCheck:
    """What one message says about danger: `immediate` is '', 'possible' or 'clear'."""

    immediate: str = ""
    risk: bool = False
    themes: tuple[str, ...] = ()
    reasons: tuple[str, ...] = field(default=(), compare=False)
    patterns: tuple[str, ...] = field(default=(), compare=False)  # the lexicon's danger-now hits

    @property
    def danger_now(self) -> bool:
        return bool(self.immediate)

    @property
    def by_classifier_alone(self) -> bool:
        """Danger now that no lexicon pattern backs: the classifier's reading of the message alone."""
        return self.danger_now and not self.patterns

    @property
    def replaces_answer(self) -> bool:
        """Clear danger gets the danger answer alone; possible danger gets 999 first, then the answer."""
        return self.immediate == CLEAR

    def as_dict(self) -> dict:
        return {"immediate": self.immediate, "risk": self.risk, "themes": list(self.themes)}


NOTHING = SafetyCheck()


@lru_cache(maxsize=64)
def check(text: str) -> SafetyCheck:
    """Danger now (clear or possible) and risk themes in `text` (the channel and the NLU both ask)."""
    if not isinstance(text, str) or not text.strip() or text.lstrip().startswith("/"):
        return NOTHING  # empty, or a button payload such as /find_services
    sample = lexicon.normalise(text[:MAX_CHARS])
    strong = lexicon.hits(lexicon.STRONG_NOW, sample)
    if lexicon.is_negated_danger(sample):
        strong = [name for name in strong if name != "in danger"]
    weak = lexicon.hits(lexicon.WEAK_NOW, sample)
    themes = tuple(lexicon.hits(lexicon.RISK_THEMES, sample))
    sure = bool(lexicon.hits(lexicon.SURE_THEMES, sample))
    p = classifier.probabilities(sample)
    about_the_chat = _about_the_chat(sample, strong + weak)
    immediate = "" if about_the_chat else _immediate(sample, strong, weak, bool(themes), p)  # "that answer was way too long"
    said_not_now = bool(immediate) and not strong and lexicon.says_not_happening_now(sample)
    if said_not_now:  # "no one's at risk right this minute but it's been going on for weeks": the routes, not 999
        immediate = ""
    about_the_topic = bool(lexicon.ABOUT_THE_TOPIC.search(sample)) and p.get("benign", 0.0) >= TOPIC_DEMOTES
    not_abuse = bool(lexicon.NOT_ABOUT_ABUSE.search(sample)) and not (themes or sure or immediate)
    giving_back = bool(lexicon.GIVING_BACK.search(sample) and lexicon.TOLD_AS_OVER.search(sample)) and not immediate
    hidden = bool(immediate) and bool(lexicon.HIDDEN_FROM_HIM.search(sample))
    risk = (sure or said_not_now or hidden or _risk(bool(themes), bool(immediate), p)) \
        and not (about_the_topic and not immediate) and not about_the_chat and not not_abuse and not giving_back
    reasons = tuple(strong + weak) + tuple(f"p_{k}={v:.2f}" for k, v in p.items())
    return SafetyCheck(immediate, risk, themes if risk else (), reasons, tuple(strong + weak))


def _about_the_chat(sample: str, patterns: list[str]) -> bool:
    """A complaint about the bot's reply; a course title quoted in it ("'Responding to Stalking'") is no risk theme."""
    if not lexicon.ABOUT_THE_BOT.search(sample) or patterns:
        return False
    return not lexicon.hits(lexicon.RISK_THEMES, lexicon.QUOTED.sub(" ", sample))


def _risk(themes: bool, immediate: bool, p: dict[str, float]) -> bool:
    """Risk themes the classifier doesn't rule out, or the classifier alone; beside danger now, a lower bar."""
    p_risk = p.get("risk", 0.0)
    if themes and p_risk + p.get("immediate", 0.0) >= RISK_WITH_THEME:
        return True
    return p_risk >= (RISK_BESIDE_DANGER if immediate else RISK_ALONE)


def _immediate(sample: str, strong: list[str], weak: list[str], themes: bool, p: dict[str, float]) -> str:
    p_immediate = p.get("immediate", 0.0)
    now = bool(lexicon.NOW.search(sample))
    past_only = bool(lexicon.PAST.search(sample)) and not now
    if strong:
        by_nature = bool(lexicon.NOW_BY_NATURE.intersection(strong))
        if past_only and not by_nature and p_immediate < PAST_DISMISSES:
            return ""  # "she passed out when he strangled her last week": risk, not danger now
        # told only in the past ("shouting, blocking the door" in a list of what he has done, conversations_round27):
        # 999 first still, and the search asked for is not lost, unless the classifier is sure it is happening now
        doubted = ((p.get("benign", 0.0) >= BENIGN_DEMOTES and not lexicon.UNDOUBTED.intersection(strong))
                   or (past_only and p_immediate < (IMMEDIATE_POSSIBLE if by_nature else IMMEDIATE_CLEAR)))
        lately_only = strong == [lexicon.BEEN_VIOLENT] and not now and p_immediate < IMMEDIATE_CLEAR
        # 999 first still, with the answer: "its his new partner he is hurting. does that change things?"
        asked_of_a_programme = strong == [lexicon.VIOLENCE_IN_PROGRESS] and bool(lexicon.ASKS_IF_HE_FITS.search(sample))
        # "they hear him screaming at her most weekends", "a neighbour calling 999 after hearing screaming" on file
        habitual = set(strong) <= {lexicon.HEARD_ON_A_CALL, lexicon.VIOLENCE_IN_PROGRESS} and not now \
            and (past_only or bool(lexicon.HABITUAL.search(sample)))
        return POSSIBLE if doubted or lately_only or asked_of_a_programme or habitual else CLEAR
    if p_immediate >= IMMEDIATE_CLEAR:
        # The classifier alone on "He's 16." or a calm man present: 999 is added, the answer is not lost.
        unsure = (lexicon.CALM.search(sample) or lexicon.SERVICE_TALK.search(sample)
                  or len(sample.split()) <= SHORT_WORDS) and not weak
        return POSSIBLE if unsure else CLEAR
    if p_immediate >= IMMEDIATE_POSSIBLE:
        return POSSIBLE
    if "help" in weak:  # a bare cry for help: 999 first costs a sentence
        return POSSIBLE
    if weak and not past_only and (now or p_immediate >= WEAK_WITH_CLASSIFIER):
        # "guidance on coding it ... he's in the waiting room, he told her she won't see the morning": a threat beside him
        # present outweighs the ordinary words (danger_round30)
        present_and_threatening = "outside" in weak and themes and now
        if lexicon.ORDINARY.search(sample) and p_immediate < WEAK_WITH_CLASSIFIER * 2 and not present_and_threatening:
            return ""
        return POSSIBLE
    return ""


def warm_up() -> None:
    """Train the classifier now (a few seconds) rather than on the first worker's message."""
    classifier.shared_model()
