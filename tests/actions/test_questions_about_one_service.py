"""Questions about one service that the record or its sibling answers, asked in workers' words (misses from
conversations_round11 and round14, in our own words): the dads' programme named after Your Choice, a need after
an answer with no area known, what he'd be offered instead, and an honest "not held" for what nothing answers.
"""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback_actions import ActionAskAffirmation
from actions.followup_actions import ActionAnswerFollowup
from actions.search_actions import ActionMoreResults, ActionSearchServices
from safety.texts import SAFETY_LINE
from tests.async_support import run

pytestmark = pytest.mark.usefixtures("seed_directory")


def tracker(text: str, *, slots: dict[str, Any], intent: str = "nlu_fallback", entities: list[dict] | None = None,
            last_actions: tuple[str, ...] = ("action_answer_followup",)) -> Tracker:
    events = [{"event": "action", "name": name} for name in last_actions]
    events += [{"event": "action", "name": "action_listen"}, {"event": "user", "text": text}]
    return Tracker.from_dict({
        "sender_id": "test", "slots": slots, "events": events, "paused": False, "followup_action": None,
        "active_loop": {}, "latest_action_name": "action_listen",
        "latest_message": {"text": text, "intent": {"name": intent, "confidence": 0.9}, "intent_ranking": [],
                           "entities": entities or [], "safety": {"immediate": "", "risk": False, "themes": []}},
    })


def said(action: Any, t: Tracker) -> str:
    dispatcher = CollectingDispatcher()
    run(action.run(dispatcher, t, {}))
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


def test_the_dads_one_after_your_choice_is_its_dads_programme():
    t = tracker("and the dads one?", slots={"selected_service": "your-choice-project"}, intent="ask_service_details")
    text = said(ActionAnswerFollowup(), t)
    assert "Dads' Programme" in text and "10" in text


def test_a_need_after_an_answer_with_no_area_is_about_that_service_not_a_request_for_the_area():
    t = tracker("Women?", slots={"selected_service": "they-matter-cumbria"}, intent="inform",
                entities=[{"entity": "gender", "value": "female"}])
    text = said(ActionSearchServices(), t)
    assert "for men only" in text and "Which area" not in text


def test_what_he_would_be_offered_instead_names_who_can_say_and_offers_the_search():
    t = tracker("So what would he be offered instead?", slots={"selected_service": "they-matter-cumbria"},
                intent="more_results")
    text = said(ActionMoreResults(), t)
    assert "doesn't name an alternative" in text and "07919 393311" in text and SAFETY_LINE in text


def test_the_groups_size_asked_beside_a_need_is_answered_too():
    t = tracker("They Matter - how big are the groups? he has bad social anxiety", intent="ask_exclusions",
                slots={"selected_service": "they-matter-cumbria"}, last_actions=(),
                entities=[{"entity": "programme", "value": "they_matter"}])
    text = said(ActionAnswerFollowup(), t)
    assert "one-to-one" in text and "up to 12" in text


def test_a_question_about_programmes_nothing_answers_says_so_with_the_next_step():
    t = tracker("Will the provider issue a completion certificate that can be put before the family court?",
                slots={}, last_actions=())
    text = said(ActionAskAffirmation(), t)
    assert "couldn't find an answer" in text and "not sure I understood" not in text and SAFETY_LINE in text


def test_a_conviction_asked_about_a_dapp_also_names_the_probation_programmes():
    t = tracker("And if he has been convicted of a domestic abuse offence?", intent="ask_exclusions",
                slots={"selected_service": "dapp-groupwork"})
    text = said(ActionAnswerFollowup(), t)
    assert "self-referrals" in text and "Probation programmes" in text and "Building Better Relationships" in text


def test_the_main_programme_after_the_dads_one_is_your_choice_itself():
    t = tracker("Is the main programme longer than that?", intent="ask_duration",
                slots={"selected_service": "your-choice-dads-programme"})
    assert "24 weeks" in said(ActionAnswerFollowup(), t)


def test_the_dads_programme_asked_with_a_place_of_two_services_is_the_one_named():
    t = tracker("Nottingham dad. What's the Dads' Programme and how long is it?", intent="ask_duration", slots={},
                last_actions=(), entities=[{"entity": "place", "value": "Nottingham"}])
    text = said(ActionAnswerFollowup(), t)
    assert "Dads' Programme" in text and "10" in text


def test_the_welsh_one_after_which_newport_is_newport_in_wales():
    from actions.search_actions import ValidateAreaForm

    buttons = [{"title": t, "payload": "/inform" + '{"place": "' + t + '"}'}
               for t in ("Newport, Wales", "Newport, Isle of Wight", "Newport, Shropshire")]
    t = tracker("the welsh one", slots={}, intent="inform", last_actions=())
    t.events.insert(0, {"event": "bot", "text": "There's more than one Newport", "data": {"buttons": buttons}})
    dispatcher = CollectingDispatcher()
    found = ValidateAreaForm().validate_area("the welsh one", dispatcher, t, {})
    assert found["area"] and "Newport" in found["area"] and "Wales" in found["area"]


def test_an_age_asked_with_no_service_in_view_gets_every_recorded_limit():
    t = tracker("sorry - can I refer a 17 year old? in English this time", slots={}, intent="ask_referral",
                last_actions=())
    text = said(ActionAnswerFollowup(), t)
    assert "They Matter (Turning the Spotlight) is for people aged 18 and over" in text and SAFETY_LINE in text


def test_several_tools_named_in_one_question_are_each_explained():
    from actions.knowledge_actions import ActionExplainProgramme

    ids = [{"entity": "programme", "value": v} for v in ("dash", "sara", "oasys")]
    t = tracker("what's the difference between DASH, SARA and OASys?", slots={}, intent="ask_programme",
                entities=ids, last_actions=())
    text = said(ActionExplainProgramme(), t)
    assert "Dash" in text and "SARA" in text and "OASys" in text


def test_a_welsh_question_naming_a_tool_gets_the_bilingual_answer_and_the_tool_in_english():
    from actions.audience_actions import ActionWelshReply

    text = said(ActionWelshReply(), tracker("be di DASH?", slots={}, intent="welsh", last_actions=()))
    assert "Change that Lasts" in text and "(In English)" in text and "Dash risk checklist" in text


def test_a_wait_asked_with_a_search_is_not_held_so_the_answer_carries_the_safety_line():
    t = tracker("what's in Whitehaven and how long is the waiting list?", slots={"area": "Whitehaven"},
                intent="find_services", entities=[{"entity": "place", "value": "Whitehaven"}], last_actions=())
    dispatcher = CollectingDispatcher()
    run(ActionSearchServices().run(dispatcher, t, {}))
    answered = [m.get("text") or "" for m in dispatcher.messages if "waiting times" in (m.get("text") or "")]
    assert answered and SAFETY_LINE in answered[0]


# conversations_round17: a need with no service in focus ("a group with straight men ok for a gay client?")
@pytest.mark.parametrize("text", ["my client is a gay man abusing his partner, would a group with straight men suit him?",
                                  "he only speaks Farsi, could he still do a programme?"])
def test_a_one_to_one_need_with_no_service_in_focus_gets_where_one_to_one_work_fits(text):
    t = tracker(text, slots={}, intent="ask_exclusions", last_actions=())
    reply = said(ActionAnswerFollowup(), t)
    assert "one-to-one" in reply and "Which service do you mean" not in reply and SAFETY_LINE in reply


# conversations_round17: how to refer, asked after the guidance, is answered from the service in focus
@pytest.mark.parametrize("text", ["If he does come round to it, how would I refer?", "and who do I contact about it then"])
def test_a_referral_question_after_the_guidance_is_answered_from_the_service_in_focus(text):
    from actions.knowledge_actions import ActionGuidance

    t = tracker(text, slots={"selected_service": "they-matter-cumbria", "last_topic": "dont_collude"},
                intent="ask_guidance", last_actions=("action_guidance",))
    reply = said(ActionGuidance(), t)
    assert "They Matter" in reply and ("07919 393311" in reply or "referral form" in reply), reply
    assert "Which of these would help" not in reply


# conversations_round17: "and who's it for" about BBR, whose record lists no exclusions
def test_who_a_programme_is_for_when_its_record_is_silent_adds_what_the_seeds_say():
    t = tracker("and who's it for", slots={"selected_service": "building-better-relationships"}, intent="ask_exclusions")
    reply = said(ActionAnswerFollowup(), t)
    assert "doesn't record who" in reply and "found guilty" in reply and SAFETY_LINE in reply


# conversations_round19: "what's the alternative?" after the guidance, read as a question about a programme
def test_the_alternative_asked_after_the_guidance_is_what_to_do_instead():
    from actions.knowledge_actions import ActionExplainProgramme

    t = tracker("what's the alternative?", slots={"last_topic": "not_couples_work"}, intent="ask_programme",
                last_actions=("action_guidance",))
    reply = said(ActionExplainProgramme(), t)
    assert reply.startswith("What to do instead:") and "couples counselling" in reply


# conversations_round21: pressure pressed after the guidance keeps that guidance, whatever topic the classifier guessed
def test_pushback_after_the_guidance_keeps_it_over_a_topic_only_guessed():
    from actions.knowledge_actions import ActionGuidance

    t = tracker("his family keep pushing for it and I find it hard to say no", intent="ask_guidance",
                slots={"last_topic": "not_couples_work"}, last_actions=("action_guidance",),
                entities=[{"entity": "topic", "value": "dont_collude"}])
    reply = said(ActionGuidance(), t)
    assert "couples counselling" in reply and "Don't collude" not in reply


# conversations_round21: a woman using abuse, asked about with no service in focus
def test_a_woman_using_abuse_with_no_service_in_focus_gets_who_records_working_with_women():
    t = tracker("one of our mums is worried about her own behaviour to her partner, she's the one doing it. anything for her?",
                slots={}, intent="ask_exclusions", last_actions=())
    reply = said(ActionAnswerFollowup(), t)
    assert "Your Choice Project perpetrator programme works with women" in reply and SAFETY_LINE in reply
    assert "Which service do you mean" not in reply and reply.count("For work with a woman") == 1


# conversations_round22: an age asked of a record silent on it gets the limits the others record
def test_an_age_asked_of_a_record_silent_on_it_gets_the_limits_others_record():
    t = tracker("He is 17. Does that rule him out?", slots={"selected_service": "change-that-lasts-cardiff"},
                intent="ask_exclusions")
    reply = said(ActionAnswerFollowup(), t)
    assert "doesn't record an age limit for Change that Lasts" in reply and "18" in reply and SAFETY_LINE in reply


# conversations_round22: the bot asked to work out the risk, read as a question about a need
def test_the_bot_asked_to_work_out_the_risk_gives_who_assesses_it():
    t = tracker("can you work out the risk level for me from what I've told you?", slots={}, intent="ask_exclusions",
                last_actions=())
    reply = said(ActionAnswerFollowup(), t)
    assert "can't assess risk" in reply and "Dash" in reply and "Which service do you mean" not in reply


# conversations_round20 and round22: denial asked with no service in focus, after switching from Welsh
def test_denial_asked_with_no_service_in_focus_gets_what_each_record_says_of_it():
    t = tracker("I'll switch to English - would a programme take a man who denies everything?", slots={},
                intent="ask_exclusions", last_actions=())
    reply = said(ActionAnswerFollowup(), t)
    assert "complete denial" in reply and "not acknowledging the problem" in reply and SAFETY_LINE in reply
    assert "Which service do you mean" not in reply


# conversations_round20 and round22: "is it free?" before any search
def test_cost_asked_with_no_service_in_focus_gets_what_the_records_say_of_fees():
    t = tracker("is ther a cost for them programms or is it free", slots={}, intent="ask_cost", last_actions=())
    reply = said(ActionAnswerFollowup(), t)
    assert "Fees may be charged, depending on the provider" in reply and "doesn't record the cost" in reply
    assert "Which service do you mean" not in reply and SAFETY_LINE in reply


def test_cost_asked_with_a_place_searches_it_then_says_what_the_records_say_of_fees():
    t = tracker("anything free in notts", slots={"area": "Nottinghamshire"}, intent="ask_cost", last_actions=(),
                entities=[{"entity": "place", "value": "Nottinghamshire"}])
    dispatcher = CollectingDispatcher()
    run(ActionAnswerFollowup().run(dispatcher, t, {}))
    cards = [m["custom"]["cards"] for m in dispatcher.messages if m.get("custom")]
    assert cards and cards[0][0]["name"].startswith("Your Choice")
    assert "Fees may be charged" in dispatcher.messages[-1]["text"] and "Tell me the area" not in dispatcher.messages[-1]["text"]


# conversations_round22: the worker doubts an answer about the service in focus
def test_a_doubted_answer_says_where_it_comes_from_and_that_the_provider_decides():
    t = tracker("are you sure? his probation officer said something different",
                slots={"selected_service": "they-matter-cumbria"}, intent="ask_service_details")
    reply = said(ActionAnswerFollowup(), t)
    assert "Turning the Spotlight pilot leaflet" in reply and "the provider has the last word" in reply
    assert "07919 393311" in reply and "Sorry, I'm not sure" not in reply


# conversations_round25: "the notts one" with nothing in focus is the main programme there
def test_the_one_in_a_place_whose_services_are_one_programme_is_its_main_one():
    t = tracker("sorry one more q - the notts one, how long is it", slots={}, intent="ask_service_details", last_actions=(),
                entities=[{"entity": "place", "value": "Nottinghamshire"}])
    reply = said(ActionAnswerFollowup(), t)
    assert "Your Choice Project perpetrator programme: 24 weeks" in reply and "Which service do you mean" not in reply
