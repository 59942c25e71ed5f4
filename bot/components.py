"""Custom Rasa NLU components: thin wrappers over the plain-Python rules in language/.

SignpostEntityExtractor finds places, postcodes and filters with spaCy (blank English)
and the directory's gazetteer. IntentOverrides runs the danger and risk check (safety/) on every
message and lets it win: clear danger now becomes 'emergency', serious risk 'serious_risk'.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from typing import Any, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.shared.utils.io import dump_obj_as_json_to_file, read_json_file

from knowledge import find_programmes, topic_classifier
from knowledge.base import GuidanceTopic, Programme
from knowledge.retrieval import answered_by_example, best_entry
from knowledge.topic_classifier import likely_topic
from knowledge.unsafe_proposals import is_pushback, proposed_topic
from language import audience_classifier
from language.audience import asks_for_victim_services, is_victim_writing, may_be_victim_writing
from language.details import adds_family_detail, drops_a_condition
from language.extract import extract_entities, is_cancel_command, is_only_a_place
from language.filters import FILTER_ENTITIES
from language.needs import needs_in
from language.places import PlaceFinder
from language.questions import (
    asks_about_taking_part,
    asks_for_a_person,
    asks_for_hours,
    asks_for_one_in_a_place,
    asks_for_risk_assessment,
    asks_for_the_nearest,
    asks_for_the_phoneline,
    asks_if_advisable,
    asks_what_is_there,
    asks_what_partner_support_is,
    asks_what_the_directory_covers,
    asks_where_else,
    compares,
    is_question,
    questions_in,
    turns_to_a_place,
    what_is_asked_about,
)
from language.welsh import asks_for_english, asks_to_explain_in_english, is_welsh
from safety import detector

log = logging.getLogger(__name__)
AMBIGUOUS_FILE = "ambiguous_words.json"
PLACE_ENTITIES = ("place", "postcode")
SAFETY = "safety"
# Intents that mean the classifier did not understand the message.
UNSURE_INTENTS = {"nlu_fallback", "out_of_scope", None}
# "No, sorry, I meant Barrow": with a place in it, a yes or no is a correction of the place.
CORRECTIONS = {"affirm", "deny", "thank"}
# Where a question in workers' words about how programmes work lands when the classifier misreads it: a search with
# no place, the guidance menu, the suitability question ("why not mix low and high risk men?")
EXAMPLE_LANDINGS = UNSURE_INTENTS | {"find_services", "ask_guidance", "ask_suitability", "ask_programme"}
# Words that cancel, inside a longer message ("please cancel the callback, I've changed my mind")
_CANCELS = re.compile(r"\b(?:cancel\w*|stop (?:it|this|that|the|my)|never ?mind|forget (?:it|that|about it)|changed my mind|"
                      r"don'?t bother|no longer (?:need|want))\b", re.IGNORECASE)
SHORT_ASK = 8  # words: "Go on then, SARA too." read as a yes is a request for the one it names
# A need raised without a place ("hes only 17 btw") is a question about who the programme takes, unless
# the classifier read it as one of these.
NEEDS_KEEP = {"find_services", "more_results", "ask_referral", "ask_cost", "ask_contact", "ask_duration",
              "ask_partner_support", "ask_accreditation", "talk_to_human", "ask_hours", "request_callback",
              "ask_helpline_contact", "cancel", "restart", "ask_guidance", "goodbye"}
# A question about a programme named without a place ("does they matter take women?") may land on these.
PROGRAMME_QUESTION_LANDINGS = UNSURE_INTENTS | CORRECTIONS | {"find_services", "inform", "ask_suitability", "ask_programme",
                                                             "greet"}
# Follow-ups only a service's record answers: asked with a programme named, the record answers, not its explanation.
# "on They Matter, does his partner have to engage too?" (conversations_round27): its record's partner support as well
RECORD_ONLY_QUESTIONS = {"waiting", "cost", "areas", "schedule", "running", "contact", "stops", "assessment", "partner_support"}
# Where a question about a risk tool or term ("what counts as high risk high harm") may land: no area needed.
TOOL_QUESTION_LANDINGS = {"ask_suitability", "find_services", "inform", "ask_guidance"}
# Where "but she's agreed, can't we just try it?" lands when the classifier doesn't take it for guidance.
# "I should have said, he's in a relationship with a man": a need given as a correction is about the programme,
# whatever the classifier took the message for.
_CORRECTING = re.compile(r"\b(?:i should have said|should'?ve said|i got that wrong|correction|i meant to say|"
                         r"(?:got|had) (?:that|it) the wrong way round|^\W*actually|^\W*wait\b.{0,20}\bnot (?:him|her))\b",
                         re.IGNORECASE)
PUSHBACK_LANDINGS = UNSURE_INTENTS | CORRECTIONS | {"greet", "goodbye", "bot_challenge", "find_services", "inform",
                                                    "more_results"}
# How sure the topic classifier must be (knowledge/topic_classifier.py), chosen on the design sets' first turns
# (bench/blind/conversations_round1-10): 26 more of 414 unsafe ideas reach their guidance; 24 of 2,142 other first
# messages are read as a topic too, most of them naming a place or programme, in Welsh or about danger, which are
# answered before the classifier is asked.
TOPIC_BY_MEANING = 0.6
# Needs that make a message a question about who a programme takes ("instead of the group, is there one-to-one?"),
# never guidance read by meaning alone.
ABOUT_TAKING_PART = {"one_to_one", "interpreter", "age", "women", "same_sex", "literacy", "disability", "evening",
                     "mental_health", "separated", "attendance", "conviction"}
# ...and asked whether it would be a good idea ("is that acceptable?"), as unsafe ideas usually are: 8 more of the
# 414 reach their guidance, 2 more of 2,956 other first messages are read as a topic.
TOPIC_IF_ADVISABLE = 0.4
# Requests the classifier is sure of that a danger reading by the safety classifier alone (no danger words) must
# not cost: "in the car outside a house waiting for my next visit, just checking your hours" gets 999 first (the
# channel adds it) and then the hours. Guidance and a person keep the danger answer, which offers both.
ANSWERED_BESIDE_999 = {"ask_hours", "ask_helpline_contact", "ask_referral", "ask_cost", "ask_duration", "ask_contact",
                       "ask_programme", "ask_service_details", "ask_exclusions", "ask_partner_support",
                       "ask_accreditation", "ask_confidential", "find_services", "inform"}
# ...and a risk the safety classifier alone reads (no risk theme named) in a question the intent classifier is
# sure of keeps its answer; the channel adds the risk routes after it (bot/channels.py).
ANSWERED_BESIDE_ROUTES = (ANSWERED_BESIDE_999 - {"find_services", "inform"}) | {"ask_guidance", "ask_suitability"}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True)
class SignpostEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Gazetteer and rule based extraction; learns from training data which place names are ordinary words."""

    def __init__(self, model_storage: ModelStorage, resource: Resource, ambiguous: Optional[list[str]] = None) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self.ambiguous = ambiguous or []
        self._finder: Optional[PlaceFinder] = None
        self._retry = Backoff()

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> SignpostEntityExtractor:
        return cls(model_storage, resource)

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> SignpostEntityExtractor:
        try:
            with model_storage.read_from(resource) as path:
                return cls(model_storage, resource, read_json_file(path / AMBIGUOUS_FILE))
        except (ValueError, FileNotFoundError):
            return cls(model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Remember the non-place words of the training data that are also place names."""
        words: set[str] = set()
        for example in training_data.training_examples:
            text = example.get(TEXT) or ""
            spans = [(e["start"], e["end"]) for e in example.get(ENTITIES, []) if e["entity"] in PLACE_ENTITIES]
            for start, end in sorted(spans, reverse=True):
                text = text[:start] + " " + text[end:]
            words.update(w.strip(".,?!'\"()").lower() for w in text.split())
        try:
            gazetteer = {name.lower() for name in self._places().gazetteer_names}
        except Exception as error:
            log.error("place gazetteer unavailable at training time (%s)", type(error).__name__)
            gazetteer = set()
        self.ambiguous = sorted(w for w in words if w and w in gazetteer)
        with self._model_storage.write_to(self._resource) as path:
            dump_obj_as_json_to_file(path / AMBIGUOUS_FILE, self.ambiguous)
        self._finder = None
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            found = self.add_extractor_name(extract_entities(message.get(TEXT) or "", self.finder))
            message.set(ENTITIES, message.get(ENTITIES, []) + found, add_to_output=True)
        return messages

    @property
    def finder(self) -> Optional[PlaceFinder]:
        """Built on first use from the directory; while the database is down, postcodes and filters still
        work and the gazetteer is tried again with back-off (a replica started during a blip recovers)."""
        if self._finder is None and self._retry.due():
            try:
                self._finder = self._places().finder(self.ambiguous)
                self._retry.succeeded()
            except Exception as error:  # a missing or broken directory database must not stop the bot
                log.error("place gazetteer unavailable (%s); trying again in %.0f s", type(error).__name__,
                          self._retry.failed())
        return self._finder

    @staticmethod
    def _places() -> _Gazetteer:
        return _Gazetteer.shared()


class Backoff:
    """When to try a failed step again: 1 s after the first failure, doubling to at most 5 minutes."""

    def __init__(self, first: float = 1.0, longest: float = 300.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.first, self.longest, self.clock = first, longest, clock
        self.delay = 0.0
        self.next_try = 0.0

    def due(self) -> bool:
        return self.clock() >= self.next_try

    def failed(self) -> float:
        """Record a failure; returns the seconds until the next try."""
        self.delay = min(self.longest, self.delay * 2 if self.delay else self.first)
        self.next_try = self.clock() + self.delay
        return self.delay

    def succeeded(self) -> None:
        self.delay, self.next_try = 0.0, 0.0


class _Gazetteer:
    """The directory's place names, loaded once per process."""

    _instance: Optional[_Gazetteer] = None

    def __init__(self) -> None:
        from directory.service_directory import ServiceDirectory

        resolver = ServiceDirectory().resolver
        self.resolver = resolver
        self.gazetteer_names = resolver.gazetteer()
        self.outward = resolver.outward_codes()
        self.minor_places = resolver.minor_place_names()

    @classmethod
    def shared(cls) -> _Gazetteer:
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def finder(self, ambiguous: list[str]) -> PlaceFinder:
        return PlaceFinder(self.gazetteer_names, self.outward, self.resolver.canonical_name, ambiguous,
                           minor_places=self.minor_places)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class IntentOverrides(GraphComponent):
    """Last in the pipeline. The safety check comes first: clear danger now is 'emergency' (unless only the
    danger classifier read it in a message that clearly asks for something: then 999 comes first and the answer
    follows), serious risk 'serious_risk' (after a message in Welsh, 'welsh', a victim writing for herself or asking
    for victims' services, 'victim_support', and an unsafe idea asked indirectly, 'ask_guidance' with its topic;
    who is writing and which guidance are read by patterns first, then by classifiers of meaning; pushback
    on the guidance that lands on an unsure or small-talk intent is 'ask_guidance' too; a need raised
    without a place, "hes only 17 btw", is 'ask_exclusions', answered from the record); possible
    danger keeps the intent, because the channel puts 999 first on it
    and the answer (or the question back) follows. Then a bare 'cancel' is 'cancel', a message that
    is only a place or postcode is 'inform', and one the classifier was unsure of that names a place
    is 'find_services'. The check is kept in the parse data as 'safety'."""

    @classmethod
    def create(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> IntentOverrides:
        return cls()

    @classmethod
    def load(cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> IntentOverrides:
        """Serving: train the safety classifier now rather than on the first worker's message (not when training)."""
        detector.warm_up()
        audience_classifier.shared_model()
        topic_classifier.shared_model()
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            safety = detector.check(text)
            message.set(SAFETY, safety.as_dict(), add_to_output=True)
            _override_intent(message, text, safety)
        return messages


def _override_intent(message: Message, text: str, safety: Any) -> None:
    """The intent the message gets when its words say more than the classifier saw (see IntentOverrides)."""
    intent = message.get(INTENT, {}).get("name")
    questions = set(questions_in(text))  # each read once per message: the branches below share them
    named_programmes = find_programmes(text)
    if intent in UNSURE_INTENTS and asks_for_hours(text):  # "sat outside a visit, just checking your hours"
        intent = "ask_hours"
        _set_intent(message, intent)
    elif intent == "ask_hours" and not asks_for_hours(text) and "schedule" in questions:
        intent = "ask_service_details"  # "what days and times?" after a search: the service's, not ours
        _set_intent(message, intent)
    needs = needs_in(text)
    place = _names_a_place(message)
    programme = _has_entity(message, ("programme",))
    # with a serious risk told too, a question about taking part is still answered (then the routes follow)
    # a risk the classifier alone reads, with no risk theme named, costs no answer (the channel adds the routes)
    taking_part = asks_about_taking_part(text)
    answerable = not (safety.risk and safety.themes) or taking_part
    proposal = proposed_topic(text)
    named = bool(place or programme or needs or _has_entity(message, ("topic",)) or proposal)
    if safety.replaces_answer and not _answered_beside_999(safety, intent, named, about_him=bool(needs or proposal)):
        _set_intent(message, "emergency")
    elif intent == "emergency" and place and safety.by_classifier_alone:
        _set_intent(message, "find_services")  # 999 first from the channel, then what is local
    elif intent == "emergency" and needs and safety.danger_now and not safety.replaces_answer and not is_victim_writing(text):
        _set_intent(message, "ask_exclusions")  # "on a script and coming to groups": 999 first, then the need answered
    elif programme and not place and asks_to_explain_in_english(text):
        _set_intent(message, "ask_programme")  # "just explain MARAC in English and I'll translate it for her"
    elif is_welsh(text) or (asks_for_english(text) and not (place or programme)):
        _set_intent(message, "welsh")  # "sorry - could you answer in English?": what the bot can do, in English
    elif asks_what_the_directory_covers(text) and not (place or programme):
        _set_intent(message, "ask_service_details")  # "what areas do you have information for?": the directory's
    elif is_victim_writing(text):  # 999 first already came from the channel if in danger
        _set_intent(message, "victim_support")
    elif asks_for_risk_assessment(text) and not place:
        _set_intent(message, "serious_risk")  # "what risk level is a woman who...?": never a level; routes and who assesses
    elif asks_what_partner_support_is(text) and not place:  # "what is partner support?": the practice, sourced
        _set_intent(message, "ask_guidance")
        _add_entity(message, "topic", "support_for_partners")
    elif intent in UNSURE_INTENTS | {"ask_guidance", "ask_suitability"} and not place \
            and (asked := _explained_in_a_sentence(text)):
        _set_intent(message, "ask_programme")  # "...Could you explain what SARA is?": that one, not the guidance
        message.set(ENTITIES, [e for e in message.get(ENTITIES, []) if e.get("entity") != "programme"], add_to_output=True)
        for programme in asked:
            _add_entity(message, "programme", programme.id)
    elif intent in UNSURE_INTENTS | CORRECTIONS | {"ask_guidance"} and _has_entity(message, ("gender",)) \
            and _CORRECTING.search(text) and not (place or programme or proposal):
        _set_intent(message, "inform")  # "sorry, wrong way round - it's him that's violent to her": the search again
    elif proposal is not None:  # an unsafe idea, asked indirectly: the guidance on it, before any topic it mentions
        _set_intent(message, "ask_guidance")  # ("a home visit when he's in, to talk to both": joint work, not visits)
        message.set(ENTITIES, [e for e in message.get(ENTITIES, []) if e.get("entity") != "topic"], add_to_output=True)
        _add_entity(message, "topic", proposal)
    elif intent in EXAMPLE_LANDINGS and not (place or programme or asks_for_the_phoneline(text) or asks_what_is_there(text)) \
            and (entry := answered_by_example(text)) is not None:
        _answer_entry(message, entry)  # "is there a manual for one-to-one work?": the entry that answers it, need or not
    elif intent in UNSURE_INTENTS | CORRECTIONS and drops_a_condition(text) and not (place or programme):
        _set_intent(message, "inform")  # "ok just community then", "english is fine": the search again without it
    elif len(named_programmes) > 1 and not place and compares(text):
        _set_intent(message, "ask_programme")  # "BBR vs DAPP vs Drive - which for which risk level?": each explained
    elif intent in UNSURE_INTENTS | {"ask_programme"} and place and _has_entity(message, ("intervention_type",)) \
            and asks_for_one_in_a_place(text):
        _set_intent(message, "find_services")  # "any dapp in nottingham that takes women?": the search, with filters
    elif intent in UNSURE_INTENTS | {"ask_guidance", "ask_suitability"} and programme and not place \
            and _asks_what_it_is(text) and (not questions or _names_only_knowledge(named_programmes)):
        _set_intent(message, "ask_programme")  # "what's an IDVA and should I be linking her in with one?"
    elif asks_for_victim_services(text) and not programme:  # "where do victims go for help?": her services
        _set_intent(message, "victim_support")
    elif may_be_victim_writing(text) and not is_pushback(text) and len(named_programmes) < 2:
        # by meaning: after the patterns, surer either way; "DASH and MARAC mixed up in my head" is a worker
        _set_intent(message, "victim_support")
    elif not (set(needs) & ABOUT_TAKING_PART or (needs and taking_part)) \
            and (topic := _topic_by_meaning(message, intent, text, questions)) is not None:
        _set_intent(message, "ask_guidance")
        _add_entity(message, "topic", topic)
    elif intent in PROGRAMME_QUESTION_LANDINGS and programme and answerable and not place and (needs or questions):
        # "does they matter take women?": a question about the programme named, not a search; "OASys and SARA, and
        # does either lead to a Marac referral?" names only tools, which their entries explain
        only_tools = _names_only_knowledge(named_programmes) and not needs
        _set_intent(message, "ask_programme" if only_tools else "ask_exclusions" if needs else "ask_service_details")
    elif programme and needs and answerable and (is_question(text) or questions):
        # "limited English, he's in Workington. Is They Matter an option?": the record on the need, wherever he lives
        _set_intent(message, "ask_exclusions")
    elif set(needs) == {"age"} and intent == "find_services" and not place and is_question(text):
        _set_intent(message, "ask_exclusions")  # "is 17 too young for the programmes?": the age limits recorded
    elif needs and (intent not in NEEDS_KEEP or _CORRECTING.search(text)) and not place and answerable:
        # "it's a woman" names a filter: the search reruns with it; "hes only 17": the record answers
        # "with a man" is his partner; "would a programme take a man who denies it?" asks who is taken, not for men
        filtered = _names_a_filter(message, beyond_men=taking_part) and "same_sex" not in needs
        if not filtered:
            _set_intent(message, "ask_exclusions")
        elif intent in UNSURE_INTENTS | CORRECTIONS:
            _set_intent(message, "inform")
    elif intent == "find_services" and not place and _has_entity(message, ("topic",)) and is_question(text):
        _set_intent(message, "ask_guidance")  # "do perpetrator programmes provide support for partners?": in general
    elif safety.risk and not place and _has_entity(message, ("topic",)):
        _set_intent(message, "ask_guidance")  # "he says it's mutual, a joint assessment?": the guidance, routes after
    elif safety.risk and not place and not safety.themes and intent in ANSWERED_BESIDE_ROUTES:
        pass  # a risk read by the classifier alone in a question it is sure of: the answer, the routes after it
    elif safety.risk and not (place or safety.themes) and intent in UNSURE_INTENTS and questions:
        _set_intent(message, "ask_service_details")  # "will she be told what he says?": the record, the routes after
    elif safety.risk or asks_for_risk_assessment(text):
        _set_intent(message, "serious_risk")  # the routes, and who assesses risk: never a level from the bot
    elif intent in UNSURE_INTENTS | CORRECTIONS and adds_family_detail(text) and not (place or programme):
        _set_intent(message, "inform")  # "he also has an older son from before": the search again, in its light
    elif intent in PUSHBACK_LANDINGS and is_pushback(text) and not place:
        _set_intent(message, "ask_guidance")  # action_guidance answers it in the light of the last topic
    elif is_cancel_command(text):
        _set_intent(message, "cancel")
    elif intent == "cancel" and len(text.split()) > SHORT_ASK // 2 and not _CANCELS.search(text):
        # "I just want it to stop" (conversations_round32): a wish, not a command; the fallback answers it in context
        _set_intent(message, "nlu_fallback")
    elif intent in UNSURE_INTENTS | {"find_services"} and asks_for_the_phoneline(text) and not place:
        _set_intent(message, "ask_helpline_contact")  # "and could he ring someone himself?": the Phoneline
    elif (intent in UNSURE_INTENTS | {"talk_to_human"} or _names_only_knowledge(named_programmes)) and place \
            and asks_what_is_there(text):
        # "in Barrow - what is there, and can I speak to someone after?"; "DASH done. What have you got?": the search
        _set_intent(message, "find_services")
    elif intent in UNSURE_INTENTS and asks_for_a_person(text):
        _set_intent(message, "talk_to_human")  # "who could I talk this through with?"
    elif intent == "more_results" and (place or programme):  # "DL7 - anything?", "and the other one, Help?"
        _set_intent(message, "find_services" if place else "ask_programme")
    elif intent == "more_results" and _names_a_filter(message, beyond_men=asks_where_else(text)):
        _set_intent(message, "find_services")  # "anything more focused on being a dad?": the search with the filter
    elif intent in UNSURE_INTENTS and _has_entity(message, ("intervention_type", "format")) and is_question(text) \
            and not (needs or programme or named_programmes):
        _set_intent(message, "find_services")  # "is there a dads one?": the search in the area given, with the filter
    elif intent == "more_results" and needs and not place:
        _set_intent(message, "ask_exclusions")  # "Sorry, one more thing: he is only 17.": the need, not more results
    elif intent in ("ask_exclusions", "ask_service_details", "ask_partner_support", "ask_contact") and place \
            and not programme and (
            turns_to_a_place(text) or asks_what_is_there(text)):
        _set_intent(message, "find_services")  # "what about Nottingham then, one to one there?": a search there
    elif intent in UNSURE_INTENTS and asks_what_is_there(text) and not place:
        _set_intent(message, "find_services")  # "ok whats there for him on his own then": the area already given
    elif intent == "ask_programme" and _record_only(questions, named_programmes):
        _set_intent(message, "ask_service_details")  # "the waiting list for Help in Hull?": the record's answer
    elif intent in UNSURE_INTENTS and asks_for_the_nearest(text) and not place:
        _set_intent(message, "more_results")  # "whats the closest one then?": the nearest elsewhere, after nothing local
    elif intent in UNSURE_INTENTS and asks_where_else(text) and not place:
        _set_intent(message, "more_results")  # "so where could he go instead?": the rest of what was found
    elif intent in CORRECTIONS - {"thank"} and programme and not place and len(text.split()) <= SHORT_ASK:
        _set_intent(message, "ask_programme")  # "Go on then, SARA too.": that one explained
    elif intent in UNSURE_INTENTS | {"find_services", "ask_guidance"} and "outcomes" in questions and not (place or programme):
        _set_intent(message, "ask_programme")  # "what evidence is there that programmes work?": the figures reported
    elif intent in UNSURE_INTENTS | CORRECTIONS | {"greet"} and programme and is_question(text):
        # "Is Help a probation thing?", "Thanks. Who completes the DASH?"; "Help's waiting list?" is the record's
        _set_intent(message, "ask_service_details" if _record_only(questions, named_programmes) else "ask_programme")
    elif intent in TOOL_QUESTION_LANDINGS and not place and not _has_entity(message, ("topic",)) \
            and _names_only_knowledge(named_programmes) and is_question(text):
        _set_intent(message, "ask_programme")  # "what counts as high risk high harm", "IDVA - what do they do"
    elif len(named_programmes) > 1 and (intent in UNSURE_INTENTS | {"ask_guidance", "ask_suitability"} or (
            intent == "ask_service_details" and _names_only_knowledge(named_programmes))):
        _set_intent(message, "ask_programme")  # "BBR, Help and a DAPP - how do they fit?", "OASys and SARA?": each
    elif intent not in ("find_services", "inform") and is_only_a_place(text, message.get(ENTITIES, [])):
        _set_intent(message, "inform")
    elif (intent in UNSURE_INTENTS | {"ask_suitability", "greet"}
          or (intent in ("ask_referral", "ask_programme") and not programme)) and place:
        _set_intent(message, "find_services")  # unsure, but it names a place: search there rather than ask
    elif (intent in UNSURE_INTENTS or (intent in CORRECTIONS | {"inform"} and not place)) and questions:
        _set_intent(message, "ask_service_details")  # "how many people are in the group?": the one in focus
    elif intent in CORRECTIONS and place:
        _set_intent(message, "inform")  # "no wait, Whitehaven": a correction of the place
    elif intent in UNSURE_INTENTS and not place and (entry := best_entry(text)) is not None:
        _answer_entry(message, entry)  # "the cjsm thing on the form?": the entry it is about, as if asked by name


def _answer_entry(message: Message, entry: Programme | GuidanceTopic) -> None:
    """An unsure message about one knowledge entry is a question about it: the programme explained, the guidance
    given (and the next question is about it, as after any answer)."""
    if isinstance(entry, GuidanceTopic):
        _set_intent(message, "ask_guidance")
        _add_entity(message, "topic", entry.id)
    else:
        _set_intent(message, "ask_programme")
        _add_entity(message, "programme", entry.id)


def _topic_by_meaning(message: Message, intent: str | None, text: str, questions: set[str]) -> str | None:
    """The guidance topic the topic classifier is sure an unsure (or topicless guidance) message needs. Not the
    worker's own safety: read by meaning alone, "he hits me" would look like it, and a victim needs her routes."""
    if intent not in UNSURE_INTENTS | {"ask_guidance"} or _has_entity(message, ("topic", "programme", *PLACE_ENTITIES)) \
            or is_pushback(text) or questions & (RECORD_ONLY_QUESTIONS | {"outcomes"}):
        return None  # "but she's agreed, can't we just try it?": the guidance given stands; "his consent?": the record
    topic = likely_topic(text, TOPIC_IF_ADVISABLE if asks_if_advisable(text) else TOPIC_BY_MEANING)
    return topic if topic != "worker_safety" else None


def _answered_beside_999(safety: Any, intent: str | None, names_something: bool, about_him: bool) -> bool:
    """Danger read by the classifier alone in a message that asks for something: an intent the classifier is sure
    of, or a need about the person or an unsafe idea whatever the intent ("oh and hes 17", "he asked me to pass a
    message to her")."""
    if not safety.by_classifier_alone:
        return False
    if about_him:
        return True
    if intent in ("find_services", "inform", "ask_guidance", "emergency"):  # a search with its place, guidance with
        return names_something  # its topic ("he's a dad of two, Nottingham, shouting at his wife": 999, then the search)
    return intent in ANSWERED_BESIDE_999 or (names_something and intent in UNSURE_INTENTS)


_ASKS_WHAT = re.compile(r"^\W*(?:so |and |ok |okay |hi,? )?(?:what'?s|whats|what is|what are|explain|tell me about)\s+"
                        r"(?:an?\s+|the\s+)?(.{0,40})", re.IGNORECASE)


def _explained_in_a_sentence(text: str) -> list[Programme]:
    """The programmes or tools a message asks to have explained, in a sentence anywhere in it ("could you explain
    what SARA is?"), when it names others too; [] if it asks about none."""
    asked = [p for words in what_is_asked_about(text) for p in find_programmes(words)]
    return list({p.id: p for p in asked}.values()) if asked and len(find_programmes(text)) > len(asked) else []


def _asks_what_it_is(text: str) -> bool:
    """Whether the message opens by asking what a programme or tool is ("what's an IDVA and ...?")."""
    opening = _ASKS_WHAT.match(text)
    return bool(opening) and bool(find_programmes(opening.group(1)))


def _record_only(questions: set[str], named: list[Programme]) -> bool:
    """A question a programme's explanation doesn't answer (waiting, cost, areas...) about one the directory lists."""
    return bool(questions & RECORD_ONLY_QUESTIONS) and any(p.directory_ids for p in named)


def _names_only_knowledge(named: list[Programme]) -> bool:
    """Whether the message names only entries the directory lists no service for (Dash, an IDVA, high-risk)."""
    return bool(named) and not any(p.directory_ids for p in named)


def _names_a_place(message: Message) -> bool:
    return _has_entity(message, PLACE_ENTITIES)


def _names_a_filter(message: Message, beyond_men: bool = False) -> bool:
    """Whether the message names a search filter; with `beyond_men`, one other than "for him", "a man" (the
    programmes' usual population), which a question like "what else is there for him?" names in passing."""
    return any(e.get("entity") in FILTER_ENTITIES and not (beyond_men and e.get("entity") == "gender"
                                                           and e.get("value") == "male")
               for e in message.get(ENTITIES, []))


def _has_entity(message: Message, names: tuple[str, ...]) -> bool:
    return any(e.get("entity") in names for e in message.get(ENTITIES, []))


def _add_entity(message: Message, name: str, value: str) -> None:
    entity = {"entity": name, "value": value, "start": 0, "end": 0, "extractor": "IntentOverrides"}
    message.set(ENTITIES, [*message.get(ENTITIES, []), entity], add_to_output=True)


def _set_intent(message: Message, name: str) -> None:
    intent = {"name": name, "confidence": 1.0}
    ranking = [r for r in message.get(INTENT_RANKING_KEY, []) if r.get("name") != name]
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [intent] + ranking, add_to_output=True)
