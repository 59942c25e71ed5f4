"""What the message's words do to the classifier's intent (bot.components._override_intent), for the danger and
risk readings that must not cost the worker the answer (danger_round12 and conversations_round9 misses, in our
own words)."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.components import _override_intent
from safety.detector import CLEAR, SafetyCheck


def intent_after(text: str, intent: str, safety: SafetyCheck, entities: list[dict] | None = None) -> str:
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities or []})
    _override_intent(message, text, safety)
    return message.get("intent")["name"]


CLASSIFIER_ALONE = SafetyCheck(immediate=CLEAR)
WITH_A_PATTERN = SafetyCheck(immediate=CLEAR, patterns=("violence in progress",))


def test_danger_read_by_the_classifier_alone_keeps_a_request_it_is_sure_of():
    text = "sat in the car between visits, just checking what hours you have"
    assert intent_after(text, "ask_hours", CLASSIFIER_ALONE) == "ask_hours"


def test_danger_read_by_the_classifier_alone_keeps_a_search_that_names_a_place():
    place = [{"entity": "place", "value": "Hereford"}]
    assert intent_after("tearing my hair out looking for something in hereford", "find_services", CLASSIFIER_ALONE,
                        place) == "find_services"


def test_danger_backed_by_a_pattern_always_gets_the_danger_answer():
    assert intent_after("he's hitting her now, what are your hours", "ask_hours", WITH_A_PATTERN) == "emergency"


def test_danger_read_by_the_classifier_alone_without_a_request_gets_the_danger_answer():
    assert intent_after("my colleague hasn't come back from the visit", "nlu_fallback", CLASSIFIER_ALONE) == "emergency"
    assert intent_after("can someone help", "talk_to_human", CLASSIFIER_ALONE) == "emergency"


def test_a_risk_told_with_an_unsafe_idea_gets_the_guidance():
    risk = SafetyCheck(risk=True)
    topic = [{"entity": "topic", "value": "dont_collude"}]
    assert intent_after("he says she's unstable and he's the real victim, a joint assessment?", "nlu_fallback", risk,
                        topic) == "ask_guidance"


def test_a_risk_read_by_the_classifier_alone_keeps_a_knowledge_question():
    assert intent_after("what's the difference between those two orders", "ask_programme",
                        SafetyCheck(risk=True)) == "ask_programme"
    themed = SafetyCheck(risk=True, themes=("strangulation",))
    assert intent_after("he strangled her, what's a marac", "ask_programme", themed) == "serious_risk"


def test_danger_read_by_the_classifier_alone_keeps_guidance_on_the_topic_named():
    topic = [{"entity": "topic", "value": "safety_first"}]
    assert intent_after("next visit with both of them in the room so he hears how scared she is?", "ask_guidance",
                        CLASSIFIER_ALONE, topic) == "ask_guidance"
    assert intent_after("what should I do", "ask_guidance", CLASSIFIER_ALONE) == "emergency"


def test_an_unsafe_idea_no_pattern_knows_reaches_the_guidance_by_meaning():
    message = Message(data={"text": "can I give him her new phone number so they can arrange handovers themselves?",
                            "intent": {"name": "nlu_fallback", "confidence": 0.5}, "entities": []})
    _override_intent(message, message.get("text"), SafetyCheck())
    assert message.get("intent")["name"] == "ask_guidance"
    assert {"entity": "topic", "value": "partner_disclosures"}.items() <= message.get("entities")[-1].items()


def test_a_question_given_as_information_without_a_place_is_a_follow_up_question():
    assert intent_after("max group size?", "inform", SafetyCheck(), [{"entity": "format", "value": "group"}]) == \
        "ask_service_details"


def test_an_unsure_message_about_one_knowledge_entry_is_a_question_about_it():
    message = Message(data={"text": "whats drive about", "intent": {"name": "nlu_fallback", "confidence": 0.5},
                            "entities": []})
    _override_intent(message, message.get("text"), SafetyCheck())
    assert message.get("intent")["name"] == "ask_programme"
    assert message.get("entities")[-1]["value"] == "drive"


def test_asking_for_someone_to_talk_it_through_is_a_person():
    assert intent_after("Who could I talk this through with?", "nlu_fallback", SafetyCheck()) == "talk_to_human"
    assert intent_after("is there anyone to advise me", "nlu_fallback", SafetyCheck()) == "talk_to_human"


def test_danger_read_by_the_classifier_alone_keeps_the_guidance_on_an_unsafe_idea_it_proposes():
    text = "thinking a joint home visit with both of them might be good, so he hears it from her. Thoughts?"
    assert intent_after(text, "nlu_fallback", CLASSIFIER_ALONE) == "ask_guidance"


def test_more_with_a_place_is_a_search_there_and_with_a_programme_a_question_about_it():
    assert intent_after("DL7 - anything?", "more_results", SafetyCheck(), [{"entity": "postcode", "value": "DL7"}]) == \
        "find_services"
    assert intent_after("and the other one, Help?", "more_results", SafetyCheck(),
                        [{"entity": "programme", "value": "help"}]) == "ask_programme"


def test_a_question_about_our_hours_with_danger_read_by_the_classifier_alone_keeps_the_hours():
    text = "sat in the car outside a house before my next visit, just want to check your hours"
    assert intent_after(text, "nlu_fallback", CLASSIFIER_ALONE) == "ask_hours"


def test_a_risk_read_by_the_classifier_alone_does_not_cost_the_answer_to_a_need():
    assert intent_after("Specifically for a woman who's used abuse in her relationship.", "nlu_fallback",
                        SafetyCheck(risk=True)) == "ask_exclusions"
    themed = SafetyCheck(risk=True, themes=("strangulation",))
    assert intent_after("she's strangled him twice, it's a woman", "nlu_fallback", themed) == "serious_risk"


NOTHING_READ = SafetyCheck()


def test_danger_read_by_the_classifier_alone_never_costs_a_need_or_an_unsafe_idea():
    assert intent_after("oh and hes 17", "emergency", CLASSIFIER_ALONE) == "ask_exclusions"
    text = "He's asked me to pass a message to her saying he's sorry. Can I do that for him?"
    assert intent_after(text, "emergency", CLASSIFIER_ALONE) == "ask_guidance"


def test_a_question_about_a_risk_term_is_explained_wherever_it_landed():
    assert intent_after("what counts as high risk high harm", "ask_suitability", NOTHING_READ) == "ask_programme"
    idva = [{"entity": "programme", "value": "idva"}]
    assert intent_after("IDVA - what do they do", "ask_guidance", NOTHING_READ, idva) == "ask_programme"


def test_what_only_the_record_answers_about_a_programme_named_is_the_records_answer():
    text = "What's the waiting list like for Help in Hull at the moment?"
    assert intent_after(text, "ask_programme", NOTHING_READ) == "ask_service_details"
    assert intent_after("What is Help?", "ask_programme", NOTHING_READ) == "ask_programme"


def test_whats_there_for_him_is_a_search_in_the_area_already_given():
    assert intent_after("ok whats there for him on his own then", "nlu_fallback", NOTHING_READ) == "find_services"


def test_pushback_is_not_read_as_a_victim_writing_by_meaning():
    assert intent_after("He says he'll drop out of everything if I don't.", "nlu_fallback", NOTHING_READ) != \
        "victim_support"


def test_a_filter_asked_for_as_more_reruns_the_search():
    parenting = [{"entity": "intervention_type", "value": "parenting"}]
    text = "baby's due next month, is there anything more focused on being a dad?"
    assert intent_after(text, "more_results", NOTHING_READ, parenting) == "find_services"


def test_a_need_asked_about_another_place_is_a_search_there():
    place = [{"entity": "place", "value": "Nottingham"}]
    assert intent_after("ok, what about Nottingham then, do they do one to one there?", "ask_exclusions", NOTHING_READ,
                        place) == "find_services"


def test_whether_he_could_ring_someone_himself_is_the_phoneline():
    assert intent_after("and could he ring someone himself?", "nlu_fallback", NOTHING_READ) == "ask_helpline_contact"
    text = "Is there any support for staff like me who are working with perpetrators?"
    assert intent_after(text, "find_services", NOTHING_READ) == "ask_helpline_contact"


def test_a_need_said_as_one_more_thing_is_the_need_not_more_results():
    assert intent_after("Sorry, one more thing: he is only 17.", "more_results", NOTHING_READ) == "ask_exclusions"


# conversations_round13 misses, in our own words
def test_a_family_detail_not_understood_is_the_search_again():
    assert intent_after("he's also got a teenage daughter from before", "nlu_fallback", SafetyCheck()) == "inform"


def test_several_risk_tools_asked_about_as_a_detail_are_each_explained():
    tools = [{"entity": "programme", "value": "oasys"}, {"entity": "programme", "value": "sara"}]
    assert intent_after("what do OASys and SARA each measure?", "ask_service_details", SafetyCheck(),
                        tools) == "ask_programme"


# conversations_round16 misses, in our own words
def test_a_filter_asked_about_when_not_understood_is_the_search_with_it():
    dads = [{"entity": "intervention_type", "value": "parenting"}]
    assert intent_after("have they got a fathers' group?", "nlu_fallback", SafetyCheck(), dads) == "find_services"


def test_a_general_question_on_a_guidance_topic_without_a_place_is_the_guidance():
    topic = [{"entity": "topic", "value": "support_for_partners"}]
    assert intent_after("is partner support part of these programmes?", "find_services", SafetyCheck(),
                        topic) == "ask_guidance"


def test_what_the_directory_covers_is_answered_from_it():
    assert intent_after("which areas does your directory cover?", "nlu_fallback", SafetyCheck()) == "ask_service_details"


def test_a_risk_read_by_the_classifier_alone_in_a_follow_up_question_keeps_its_answer():
    assert intent_after("would his partner get told what he says in the group?", "nlu_fallback",
                        SafetyCheck(risk=True)) == "ask_service_details"
    themed = SafetyCheck(risk=True, themes=("threats to kill",))
    assert intent_after("he strangled her last month, will she be informed?", "nlu_fallback", themed) == "serious_risk"


# conversations_round18 misses, in our own words
def test_a_search_asked_beside_a_person_is_the_search_first():
    place = [{"entity": "place", "value": "Whitehaven"}]
    assert intent_after("health visitor in Whitehaven, what's available, and can I talk to someone after?",
                        "talk_to_human", SafetyCheck(), place) == "find_services"


def test_what_a_tool_is_asked_with_guidance_is_the_tool_explained():
    idva = [{"entity": "programme", "value": "idva"}, {"entity": "topic", "value": "support_for_partners"}]
    assert intent_after("what is an IDVA, and do I refer her to one?", "ask_guidance", SafetyCheck(),
                        idva) == "ask_programme"


def test_unsure_readings_of_a_search_asked_beside_a_person_and_of_a_record_question_on_a_programme():
    place = [{"entity": "place", "value": "Barrow in Furness", "start": 23, "end": 29}]
    assert intent_after("I'm a social worker in Barrow - what is there, and can I speak to someone after?",
                        "nlu_fallback", SafetyCheck(), place) == "find_services"
    they_matter = [{"entity": "programme", "value": "they_matter", "start": 24, "end": 35}]
    assert intent_after("what are the modules on They Matter?", "nlu_fallback", SafetyCheck(),
                        they_matter) == "ask_service_details"
    assert intent_after("what would happen with her while he's on it", "nlu_fallback",
                        SafetyCheck()) == "ask_service_details"


# conversations_round19 misses, in our own words
@pytest.mark.parametrize(("text", "intent", "entities", "expected"), [
    ("ok just the community one then", "affirm", [], "inform"),  # the search again, without the condition
    ("fine, evenings are fine", "nlu_fallback", [], "inform"),
    ("whats the closest one then", "nlu_fallback", [], "more_results"),  # the nearest elsewhere, after nothing local
    ("any national services then?", "nlu_fallback", [], "ask_helpline_contact"),
    ("could you reply in English please", "nlu_fallback", [], "welsh"),  # the English half of the Welsh answer
    ("we're short-staffed, it's just easier", "nlu_fallback", [], "ask_guidance"),  # pushback: the guidance again
    ("Drive vs BBR, which one for high harm?", "ask_exclusions",
     [{"entity": "programme", "value": "drive"}, {"entity": "programme", "value": "bbr"}], "ask_programme"),
    ("is there a DAPP near Mansfield that works with women?", "ask_programme",
     [{"entity": "place", "value": "Mansfield"}, {"entity": "intervention_type", "value": "dapp_group"},
      {"entity": "programme", "value": "dapp"}], "find_services"),
])
def test_conversations_round19_readings(text, intent, entities, expected):
    assert intent_after(text, intent, NOTHING_READ, entities) == expected
    if intent == "ask_programme":  # read as unsure, the same
        assert intent_after(text, "nlu_fallback", NOTHING_READ, entities) == expected


def test_an_unsafe_idea_is_answered_before_a_topic_it_mentions():
    message = Message(data={"text": "", "intent": {"name": "ask_guidance", "confidence": 0.9},
                            "entities": [{"entity": "topic", "value": "worker_safety"}]})
    text = "planning a home visit while he's in so I can talk to the two of them about the kids together, ok?"
    _override_intent(message, text, NOTHING_READ)
    assert [e["value"] for e in message.get("entities") if e["entity"] == "topic"] == ["not_couples_work"]


def test_what_is_offered_in_a_place_read_as_a_programme_question_is_a_search():
    place = [{"entity": "place", "value": "Whitchurch", "start": 38, "end": 48}]
    assert intent_after("Could you tell me what is offered in Whitchurch?", "ask_programme", NOTHING_READ,
                        place) == "find_services"



def test_danger_read_by_the_classifier_alone_in_a_message_naming_a_place_keeps_the_search():
    place = [{"entity": "place", "value": "Nottingham", "start": 19, "end": 29}]
    assert intent_after("he's a dad of two, Nottingham, shouting at his wife", "emergency", CLASSIFIER_ALONE,
                        place) == "find_services"
    assert intent_after("he's outside now with a knife, Nottingham", "emergency", WITH_A_PATTERN, place) == "emergency"


# conversations_round23 and round25 misses, in our own words
def test_a_tool_asked_to_be_explained_in_a_long_message_is_that_tool_explained():
    text = "they mentioned the DASH and said the case went to MARAC. Could you explain what SARA is?"
    message = Message(data={"text": text, "intent": {"name": "ask_guidance", "confidence": 0.9}, "entities": [
        {"entity": "programme", "value": "dash"}, {"entity": "programme", "value": "marac"},
        {"entity": "programme", "value": "sara"}]})
    _override_intent(message, text, NOTHING_READ)
    assert message.get("intent")["name"] == "ask_programme"
    assert [e["value"] for e in message.get("entities") if e["entity"] == "programme"] == ["sara"]


def test_a_yes_naming_a_tool_asks_for_it():
    assert intent_after("Go on then, SARA too.", "affirm", NOTHING_READ,
                        [{"entity": "programme", "value": "sara"}]) == "ask_programme"


def test_the_person_using_abuse_put_right_runs_the_search_again():
    assert intent_after("actually shes the one being abusive, hes the victim", "nlu_fallback", NOTHING_READ,
                        [{"entity": "gender", "value": "female"}]) == "inform"


def test_evidence_that_programmes_work_is_a_question_about_them_not_a_search():
    assert intent_after("What evidence is there that perpetrator programmes work? Any figures?", "find_services",
                        NOTHING_READ) == "ask_programme"


def test_a_why_question_read_as_a_search_without_a_place_gets_the_entry_that_answers_it():
    # conversations_round30, in our own words: a search without a place would only have asked "which area?"
    message = Message(data={"text": "why not just put low risk and high risk men in the same group?",
                            "intent": {"name": "find_services", "confidence": 0.6}, "entities": []})
    _override_intent(message, message.get("text"), SafetyCheck())
    assert message.get("intent")["name"] == "ask_programme"
    assert {"entity": "programme", "value": "risk_need_responsivity"} in [
        {"entity": e["entity"], "value": e["value"]} for e in message.get("entities")]


def test_a_wish_for_it_to_stop_is_no_cancel_command_but_a_cancel_in_words_is():
    # conversations_round32, after its first run: a victim's "I just want it to stop" got "There's nothing to cancel"
    assert intent_after("I don't want him in trouble, I only want it all to stop", "cancel", SafetyCheck()) != "cancel"
    assert intent_after("please cancel the callback, I've changed my mind", "cancel", SafetyCheck()) == "cancel"
    assert intent_after("stop", "cancel", SafetyCheck()) == "cancel"


def test_a_parent_harmed_by_a_teenage_child_gets_her_routes_not_a_programmes_age_limit():
    # conversations_round32, after its first run: "my 15 year old daughter punches me" got They Matter's age line
    possible = SafetyCheck(immediate="possible", patterns=("scared now",))
    assert intent_after("my 14 year old son hits me and breaks things, I'm frightened of him", "emergency",
                        possible) == "victim_support"


def test_a_risk_level_asked_about_a_woman_is_the_routes_not_a_search_for_women():
    # danger_round29, after its first run: "woman" read as a filter sent it to a search ("Which area do you work in?")
    woman = [{"entity": "gender", "value": "female"}]
    assert intent_after("what risk level would a woman be who left him last week? the form wants standard, medium or high",
                        "find_services", SafetyCheck(), woman) == "serious_risk"
