"""End-to-end conversations through the REST channel of a running Rasa + action server.

Each test is something a frontline worker would notice: the services shown, the next step
offered, 999 first in danger, no markup echoed back.
"""

from __future__ import annotations

import pytest

from tests.production.support import tracker_events

pytestmark = pytest.mark.conversation


def test_area_in_first_message_shows_local_cards(chat):
    reply = chat.say("what's available in Nottingham for perpetrators?")
    names = [card["name"] for card in chat.cards(reply)]
    assert any("Your Choice" in name for name in names)
    assert "Nottinghamshire Police area" in chat.cards(reply)[0]["reason"]


def test_bot_asks_for_area_then_searches(chat):
    reply = chat.say("what services are there in my area?")
    assert "Which area" in chat.text(reply)
    reply = chat.say("Kendal")
    assert any("They Matter" in card["name"] for card in chat.cards(reply))


def test_typo_and_postcode_and_outward_code(chat):
    assert any("They Matter" in c["name"] for c in chat.cards(chat.say("anything for perps near kendel?")))
    assert any("Your Choice" in c["name"] for c in chat.cards(chat.say("services in NG1 5FS")))


THEY_MATTER = "They Matter (Turning the Spotlight)"


def local_names(reply: list[dict]) -> list[str]:
    """The local services' cards in a reply, by name (what the worker reads under "local")."""
    return [card["name"] for message in reply if isinstance(message.get("custom"), dict)
            and message["custom"].get("type") == "service_cards" for card in message["custom"]["cards"] if card["local"]]


def test_unknown_place_gets_a_second_chance(chat):
    chat.say("what's available in my area?")
    text = chat.text(chat.say("Xyzzyville"))
    assert "I don't recognise \"Xyzzyville\" as a UK place or postcode" in text
    assert "Which area do you work in?" in text  # asked again
    reply = chat.say("Whitehaven")
    assert local_names(reply) == [THEY_MATTER]
    assert chat.cards(reply)[0]["reason"] == "covers the former Copeland district"


def test_carlisle_is_told_nothing_is_local_there(chat):
    """Seed 003: They Matter runs in the South and West of Cumbria; Carlisle is the North."""
    reply = chat.say("what's available in Carlisle?")
    assert local_names(reply) == []
    assert "I found no local services covering Carlisle" in chat.text(reply)


def test_a_near_miss_gets_suggestions_that_search_when_pressed(chat):
    chat.say("what's available in my area?")
    reply = chat.say("Kendalshire")
    assert "Did you mean one of these?" in chat.text(reply)
    payload = next(b["payload"] for m in reply for b in m.get("buttons", []) if b["title"] == "Kendal")
    assert local_names(chat.say(payload)) == [THEY_MATTER]


def test_nothing_local_says_so_and_offers_national_help(chat):
    reply = chat.say("what's available in Leicester?")
    text = chat.text(reply)
    assert "I found no local services covering Leicester in the directory" in text
    assert "0808 802 4040" in text
    cards = chat.cards(reply)
    assert cards and cards[0]["name"] == "Respect Phoneline" and cards[0]["coverage"] == "national"
    assert all(card["local"] is False for card in cards)


def test_filter_later_reruns_search_and_names_what_it_left_out(chat):
    chat.say("what's available in Kendal?")
    reply = chat.say("it's for a woman")
    assert "I found no local services (for women) covering Kendal" in chat.text(reply)
    cards = chat.cards(reply)
    assert cards and cards[0]["name"] == "Respect Phoneline"  # the national line is still offered
    assert not any("They Matter" in c["name"] and c["local"] for c in cards)
    assert "Without \"for women\", the directory lists 1 local service for Kendal: They Matter" in chat.text(reply)


def test_a_dad_still_sees_the_local_programmes(chat):
    cards = chat.cards(chat.say("he's a dad of two, what's available in Kendal?"))
    assert any("They Matter" in c["name"] and c["local"] for c in cards)


def test_more_results_pages_on_to_the_end(chat):
    first = [c["name"] for c in chat.cards(chat.say("what's available in Leicester?"))]
    second = [c["name"] for c in chat.cards(chat.say("show me more"))]
    # nothing local: the national route and programmes whose area is unrecorded; Nottinghamshire's, which covers only
    # its own area, comes last (or at once on the Nearest elsewhere button)
    assert len(first) == 3 and first[0] == "Respect Phoneline" and "Your Choice Project perpetrator programme" not in first
    assert not set(first) & set(second)
    seen = first + second
    for _ in range(5):  # Leicester's list is ten long: two more pages
        reply = chat.say("show me more")
        if not chat.cards(reply):
            break
        seen += [c["name"] for c in chat.cards(reply)]
    assert "That's everything I have for Leicester" in chat.text(reply)
    assert len(seen) == len(set(seen)) and "Drive" in seen and seen[-1].startswith(("Your Choice", "Help"))


def test_nothing_local_offers_the_nearest_elsewhere_on_a_button(chat):
    first = chat.say("anythin in brum for a lad whos hitting his gf")
    assert "Your Choice" not in " ".join(c["name"] for c in chat.cards(first))
    assert '/more_results{"scope": "nearest"}' in [b["payload"] for m in first for b in m.get("buttons", [])]
    nearest = chat.say('/more_results{"scope": "nearest"}')
    assert chat.cards(nearest)[0]["name"] == "Your Choice Project perpetrator programme"
    assert "covers only its own area" in chat.text(nearest) and "999" in chat.text(nearest)
    typed = chat.say("whats the closest one then")
    assert "nearest services elsewhere to Birmingham" in chat.text(typed)


def test_follow_ups_answer_from_the_record_and_name_gaps(chat):
    chat.say("what's available in Kendal?")
    assert "07936 364165" in chat.text(chat.say("how do I refer?"))
    assert "27 weeks" in chat.text(chat.say("how long is it?"))
    assert "doesn't record the cost" in chat.text(chat.say("is it free?"))
    assert "denial" in chat.text(chat.say("who is it not suitable for?"))
    assert "Partners" in chat.text(chat.say("does it support the partner?"))


def test_second_result_by_ordinal(chat):
    chat.say("what's available in Nottingham?")
    reply = chat.say("tell me more about the second one")
    assert chat.text(reply).startswith("Your Choice Dads' Programme")


def test_the_second_one_after_more_is_the_second_card_on_screen(chat):
    chat.say("what's available in Leicester?")
    second_page = [c["name"] for c in chat.cards(chat.say("show me more"))]
    assert len(second_page) >= 2
    reply = chat.text(chat.say("tell me more about the second one"))
    assert reply.startswith(second_page[1]), (second_page, reply[:120])


def test_a_card_without_contacts_says_so_and_gives_a_way_to_reach_it(chat):
    cards = chat.cards(chat.say("what's available in Nottingham?"))
    bare = [c for c in cards if not c["contacts"]]
    assert bare, "the seed gives Nottingham's programmes no contact details"
    for card in bare:
        assert "holds no contact details" in card["contact_note"] and "0808 802 4040" in card["contact_note"]
    referral = chat.text(chat.say("how do I refer?"))
    assert "Referrals: social care" in referral and "holds no contact details" in referral


def test_programme_by_name_is_sourced(chat):
    text = chat.text(chat.say("what is Drive?"))
    assert "Source:" in text and "Drive" in text


def test_suitability_never_assesses_risk(chat):
    text = chat.text(chat.say("which programme would suit a high risk man?"))
    assert "does not assess risk" in text and "Sources:" in text


def test_guidance_topic_is_sourced_and_offers_a_person(chat):
    reply = chat.say("should I suggest couples counselling for them?")
    assert "Source:" in chat.text(reply)
    assert "Talk it through with someone" in chat.text(reply)


@pytest.mark.parametrize("message", ["he's outside with a knife", "he threatened to kill her tonight"])
def test_immediate_danger_gets_999_first(chat, message):
    reply = chat.say(message)
    assert reply[0]["text"].startswith(DANGER_NOW)


def test_danger_mid_form_then_form_continues(chat):
    chat.say("what's available in my area?")
    reply = chat.say("he's outside with a knife right now")
    assert reply[0]["text"].startswith(DANGER_NOW)
    assert "Which area do you work in?" in chat.text(reply)  # the form's question comes back
    assert local_names(chat.say("Kendal")) == [THEY_MATTER]


DANGER_NOW = "If anyone is in danger right now, call 999"


@pytest.mark.parametrize("message", [
    "the phone went dead after I heard her scream",
    "colleague went to a DV address 3 hrs ago, not back and not answering",
    "dad's drunk and just drove off with the baby in the car",
])
def test_danger_described_by_the_situation_gets_999_first_and_a_next_step(chat, message):
    reply = chat.say(message)
    assert reply[0]["text"].startswith(DANGER_NOW)
    assert "0808 802 4040" in chat.text(reply)


def test_danger_on_a_later_turn_comes_first_and_the_form_goes_on(chat):
    chat.say("what's available in my area?")
    reply = chat.say("sorry hang on mum's just said he's climbing over the back fence")
    assert reply[0]["text"].startswith(DANGER_NOW)
    assert local_names(chat.say("Kendal")) == [THEY_MATTER]


def test_serious_risk_gets_the_routes_not_only_999(chat):
    text = chat.text(chat.say("she told me last week he strangled her until she nearly passed out"))
    assert "Dash risk checklist" in text and "Marac" in text and "children's services" in text
    assert "can't assess risk" in text and "Sources:" in text
    assert not text.startswith(DANGER_NOW)


def test_an_idiom_keeps_its_answer(chat):
    reply = chat.say("my manager will kill me if I don't find a programme in Kendal today")
    assert "1 local service for Kendal" in chat.text(reply)  # the answer, not only the 999 line
    assert local_names(reply) == [THEY_MATTER]


def test_a_message_not_understood_still_carries_the_safety_line(chat):
    text = chat.text(chat.say("blah blah wibble"))
    assert "999" in text and "0808 802 4040" in text


def test_talk_to_a_person_gives_sourced_numbers(chat):
    text = chat.text(chat.say("can I talk to a real person?"))
    assert "0808 802 4040" in text and "999" in text


@pytest.mark.parametrize("message,expected", [
    ("hello", "Signpost"),
    ("are you a bot?", "automated"),
    ("is this confidential?", "don't type names"),
    ("what's the weather like tomorrow?", "outside what I can help with"),
])
def test_small_talk_and_scope(chat, message, expected):
    assert expected in chat.text(chat.say(message))


NOT_UNDERSTOOD = "Sorry, I'm not sure I understood."


@pytest.mark.parametrize("message,expected", [
    ("<script>alert(1)</script> in <b>Kendal</b>", "1 local service for Kendal"),
    ("asdkjh qwpoeiru zxmcnv", NOT_UNDERSTOOD),
    ("x" * 5000, NOT_UNDERSTOOD),
    ("'; DROP TABLE service; --", NOT_UNDERSTOOD),
])
def test_hostile_or_garbled_text_gets_a_reply_without_markup(chat, message, expected):
    text = chat.text(chat.say(message))
    assert expected in text and "0808 802 4040" in text
    assert "<script>" not in text and "<b>" not in text and "DROP TABLE" not in text


def test_start_again_forgets_the_area(chat):
    chat.say("what's available in Kendal?")
    chat.say("start again")
    reply = chat.say("what's available in my area?")
    assert "Which area" in chat.text(reply)


def test_callback_request_reprompts_bad_fields_and_is_stored(chat, live_stack):
    from handoff.store import HandoffStore

    consent = chat.text(chat.say("can someone call me back?"))
    assert "Before you give me any details" in consent and "happy for us to store" in consent
    assert "name" in chat.text(chat.say("yes")).lower()
    chat.say("health visitor")
    chat.say("Leeds Community Healthcare")
    assert "phone number or an email" in chat.text(chat.say("not telling you"))
    chat.say("07700 900123")
    chat.say("weekday mornings")
    assert "Thank you" in chat.text(chat.say("advice about a dad who keeps minimising"))
    stored = HandoffStore(live_stack.database_url).callbacks()
    assert any(c.contact == "07700 900123" and c.organisation == "Leeds Community Healthcare" for c in stored)


def test_cancel_leaves_the_callback_form_and_stores_nothing(chat, live_stack):
    from handoff.store import HandoffStore

    before = len(HandoffStore(live_stack.database_url).callbacks())
    assert "Leave a callback request" in chat.text(chat.say("can I talk to someone?"))
    assert "happy for us to store" in chat.text(chat.say("/request_callback"))  # the button
    chat.say("yes")
    chat.say("social worker")
    said = chat.text(chat.say("cancel"))
    assert "nothing was saved for the advisors" in said and "Anything you typed stays with this conversation" in said
    assert len(HandoffStore(live_stack.database_url).callbacks()) == before
    typed = [e.get("text") for e in tracker_events(live_stack.rasa_api_url, chat.sender, live_stack.token)
             if e.get("event") == "user"]
    assert "social worker" in typed  # what the worker was told stays, stays


def test_refusing_consent_asks_for_nothing_and_keeps_nothing(chat, live_stack):
    from handoff.store import HandoffStore

    before = len(HandoffStore(live_stack.database_url).callbacks())
    assert "happy for us to store" in chat.text(chat.say("can someone call me back?"))
    said = chat.text(chat.say("no"))
    assert "haven't taken any details" in said and "999" in said
    reply = chat.say("what's available in Kendal?")
    assert local_names(reply) == [THEY_MATTER]  # the search runs...
    assert "What's your name" not in chat.text(reply)  # ...and the callback form does not come back
    assert len(HandoffStore(live_stack.database_url).callbacks()) == before
    events = tracker_events(live_stack.rasa_api_url, chat.sender, live_stack.token)
    assert any(e.get("event") == "slot" and e.get("name") == "cb_consent" and e.get("value") == "no" for e in events)
    assert not any(e.get("event") == "slot" and str(e.get("name", "")).startswith("cb_") and e.get("value")
                   not in (None, "no") for e in events)


def test_a_victim_writing_for_herself_gets_victim_routes_not_a_search(chat):
    text = chat.text(chat.say("my husband hits me and i dont know what to do"))
    assert "0808 2000 247" in text and "999" in text
    assert "Which area" not in text and "I found" not in text


def test_a_victim_in_danger_now_gets_999_first(chat):
    reply = chat.say("my boyfriend is outside banging on my door right now")
    assert reply[0]["text"].startswith(DANGER_NOW)


def test_a_question_in_welsh_gets_a_bilingual_answer(chat):
    text = chat.text(chat.say("Helo, oes rhaglen ar gyfer dynion sy'n cam-drin yn ardal Caerdydd?"))
    assert "ffoniwch 999" in text and "Change that Lasts" in text and "0808 802 4040" in text


def test_a_question_naming_three_tools_answers_each(chat):
    text = chat.text(chat.say("what are DASH, MARAC and SARA?"))
    assert "Dash risk checklist" in text and "Marac" in text and "SARA" in text


def test_a_name_in_several_counties_is_asked_about_then_searched(chat):
    reply = chat.say("what's available in Newport?")
    text = chat.text(reply)
    assert "more than one Newport" in text and "Shropshire" in text and "Wales" in text
    assert "Which area do you work in" not in text  # one question at a time
    payload = next(b["payload"] for m in reply for b in m.get("buttons", []) if "Wales" in b["title"])
    searched = chat.text(chat.say(payload))
    # the one chosen is searched, not asked about again (the button once led back to the same question)
    assert "more than one Newport" not in searched and "covering Newport" in searched


@pytest.mark.parametrize("message", ["anything in kendal", "whats in barrow-in-furness for him",
                                     "Kendal - options for a DA perp?"])
def test_a_message_naming_a_place_is_searched_not_met_with_a_menu(chat, message):
    reply = chat.say(message)
    assert any("They Matter" in c["name"] for c in chat.cards(reply)), chat.text(reply)


def test_an_indirect_unsafe_suggestion_gets_the_guidance(chat):
    text = chat.text(chat.say("he says she winds him up, can they work on that together?"))
    assert "couples counselling" in text and "Source:" in text


def test_a_victim_stays_with_her_routes_when_she_names_her_town(chat):
    chat.say("my husband hits me and i dont know what to do")
    text = chat.text(chat.say("im in kendal"))
    assert "0808 2000 247" in text and "They Matter" not in text


def test_a_follow_up_to_unsafe_advice_keeps_the_guidance(chat):
    chat.say("should I suggest couples counselling for them?")
    text = chat.text(chat.say("they both want it though"))
    assert text.startswith("That doesn't change the guidance:")
    assert "couples counselling" in text and "Source:" in text and NOT_UNDERSTOOD not in text


@pytest.mark.parametrize("need,expected", [
    ("he needs an interpreter", "English not sufficient"),
    ("they're a same-sex couple", "heterosexual"),
])
def test_a_need_added_later_is_answered_from_the_records(chat, need, expected):
    chat.say("what's available in Kendal?")
    text = chat.text(chat.say(need))
    assert expected in text and "one-to-one" in text


@pytest.mark.parametrize("correction", ["no sorry, I meant Whitehaven", "no wait, barrow"])
def test_a_correction_of_the_place_searches_the_new_place(chat, correction):
    chat.say("what's available in Leicester?")
    cards = chat.cards(chat.say(correction))
    assert any("They Matter" in c["name"] and c["local"] for c in cards)


def test_two_questions_in_one_message_get_both_answers(chat):
    chat.say("what's available in Kendal?")
    text = chat.text(chat.say("how long is it and is it free?"))
    assert "27 weeks" in text and "doesn't record the cost" in text


def test_entry_conditions_come_with_who_it_is_not_for(chat):
    chat.say("what's available in Kendal?")
    text = chat.text(chat.say("who is it not suitable for?"))
    assert "denial" in text and "at least some responsibility" in text


def test_a_follow_up_after_a_programme_is_about_that_programme(chat):
    chat.say("what is They Matter?")
    assert "27 weeks" in chat.text(chat.say("how long does it last?"))


def test_a_programme_named_in_lower_case_is_explained(chat):
    text = chat.text(chat.say("whats drive"))
    assert text.startswith("Drive (the Drive Partnership)") and "high-risk, high-harm" in text and "Source:" in text


def test_a_pushback_on_mediation_keeps_the_guidance(chat):
    chat.say("would mediation between the parents be a good idea for child contact?")
    text = chat.text(chat.say("both parents say they are happy to try it, does that change anything?"))
    assert text.startswith("That doesn't change the guidance:")
    assert "mediation" in text and "Source:" in text and "Sorry, I can't help with that here" not in text


def test_an_unsafe_idea_asked_indirectly_gets_the_guidance_and_pushback_keeps_it(chat):
    first = chat.text(chat.say("Would it help if his partner came along to some of his They Matter sessions?"))
    assert "Why couples counselling, mediation or anger management are not the answer" in first
    again = chat.text(chat.say("but he's really keen and she's agreed, can't we just try it?"))
    assert "That doesn't change the guidance:" in again
    assert "Why couples counselling, mediation or anger management are not the answer" in again


def test_a_victim_in_danger_keeps_her_routes_on_the_next_turn(chat):
    first = chat.say("he's just hit me and gone to the pub, he'll be back in an hour")
    assert "999" in chat.text(first[:1])
    assert "0808 2000 247" in chat.text(first)
    later = chat.text(chat.say("i cant ring the police he'll find out"))
    assert "0808 2000 247" in later and "Sorry, I'm not sure I understood" not in later


def test_welsh_mixed_with_english_gets_the_bilingual_reply(chat):
    text = chat.text(chat.say("Hi, oes na programme i perpetrators yn Wrecsam? Dwi'n social worker."))
    assert "Change that Lasts" in text and "Saesneg" in text


def test_needs_raised_after_a_search_are_answered_from_the_record(chat):
    chat.say("what's available in Kendal?")
    assert "aged 18 and over, so not for someone aged 17" in chat.text(chat.say("hes only 17 btw"))
    assert "learning or literacy difficulties" in chat.text(chat.say("he's dyslexic, can barely read, would he cope?"))


def test_a_woman_using_abuse_is_answered_for_the_services_shown(chat):
    chat.say("what's available in Nottingham?")
    reply = chat.say("actually shes the one perpetrating, its a woman")
    text = chat.text(reply)
    assert ("Your Choice Project perpetrator programme works with women as well as men" in text
            or any(c["name"] == "Your Choice Project perpetrator programme" for c in chat.cards(reply))), text
    assert "They Matter" not in text


def test_serious_risk_with_a_place_gets_the_routes_and_the_local_services(chat):
    reply = chat.say("his gf is pregnant and hes the father, cockermouth")
    text = chat.text(reply)
    assert "Marac" in text and "I can't assess risk" in text
    assert any(c["name"].startswith("They Matter") for c in chat.cards(reply))
    assert text.index("Marac") < text.index("They Matter")


def test_a_knowledge_question_with_no_service_in_focus_gets_the_entry(chat):
    text = chat.text(chat.say("what does Respect accreditation actually mean"))
    assert "Respect Standard" in text and "Which service do you mean?" not in text


def test_the_dads_one_is_the_dads_programme(chat):
    chat.say("what's available in Nottingham?")
    assert "10 weeks" in chat.text(chat.say("how long is the dads one"))


def test_a_victims_place_is_not_a_request_for_programmes(chat):
    chat.say("i'm 17 and my girlfriend hits me when she's angry and says no one will believe a lad")
    text = chat.text(chat.say("i live in nottingham"))
    assert "0808 2000 247" in text and "Your Choice" not in text


# conversations_round26 (a design set) misses, mended after its first run, in our own words
def test_who_funds_it_names_the_commissioner_not_a_fee(chat):
    chat.say("what's available in Mansfield?")
    text = chat.text(chat.say("thanks - who funds it?"))
    assert "Police and Crime Commissioner" in text and "cost" not in text


def test_thanks_then_a_question_gets_the_answer(chat):
    chat.say("what's there in Barrow?")
    text = chat.text(chat.say("Thanks. Who is it aimed at exactly?"))
    assert "You're welcome" not in text and "heterosexual" in text


def test_a_name_in_several_counties_is_read_near_the_area_given_before(chat):
    chat.say("RG22, what's available?")
    reply = chat.say("and does it cover Fleet as well?")
    assert "more than one Fleet" not in chat.text(reply)
    assert any("Hampton Trust" in name for name in local_names(reply))


def test_a_filter_that_leaves_nothing_local_says_who_the_local_service_is_for(chat):
    text = chat.text(chat.say("it's the mum who's abusive to her husband, Millom - what is there for her?"))
    assert "They Matter" in text and "heterosexual" in text


def test_explain_it_in_english_after_welsh_gets_the_entry(chat):
    chat.say("Beth yw Marac? Dw i angen esbonio i nain sy'n siarad Cymraeg.")
    text = chat.text(chat.say("can you just explain Marac in English for her and I'll pass it on"))
    assert "multi-agency" in text and "women as well as men" not in text


def test_what_partner_support_is_in_general_is_the_guidance(chat):
    text = chat.text(chat.say("what does partner support mean for perpetrator programmes?"))
    assert "safety planning" in text


# conversations_round27 and danger_round25 (the reported sets of stop 26), mended in stop 27, in our own words
def test_a_couple_seen_together_gets_the_risk_to_her_and_what_to_do_instead(chat):
    text = chat.text(chat.say("I'm a counsellor in Keswick, a couple have come to me together to improve communication. "
                              "He's hit her. Do I carry on?"))
    assert "collude" in text and "risk" in text and "separately" in text and "Which area do you work in?" not in text


def test_danger_behind_a_door_gets_999_first_and_her_own_helpline_after_it(chat):
    replies = chat.say("he's kicking at the door now, I think he'll get in")
    assert chat.text(replies[:1]).startswith("If anyone is in danger right now, call 999")
    assert "0808 2000 247" in chat.text(replies)


def test_a_victim_asking_if_her_services_are_confidential_is_answered_about_them(chat):
    chat.say("I've been putting up with my husband's controlling behaviour for years and need some confidential help")
    text = chat.text(chat.say("are those helplines confidential?"))
    assert "free and confidential" in text and "0808 2000 247" in text


def test_a_victim_asking_about_her_new_partners_past_gets_clares_law(chat):
    text = chat.text(chat.say("My new partner's ex told me he hurt her badly. Can I find out whether he has a violent past?"))
    assert "Clare's Law" in text and "police" in text and "Hampton Trust" not in text


def test_a_waiting_question_after_a_search_gives_the_start_dates_the_record_holds(chat):
    chat.say("what is there in Barrow in Furness for perpetrators?")
    text = chat.text(chat.say("is there a wait? when does the next group start?"))
    assert "waiting times" in text and "August" in text and "Sorry, I'm not sure I understood" not in text


def test_a_question_about_a_named_programme_is_answered_from_its_record(chat):
    text = chat.text(chat.say("if he starts They Matter, will his wife have to take part as well? we're in Workington"))
    assert "no obligation" in text and "Sorry, I'm not sure I understood" not in text


# conversations_round30 (a design set of stop 30) misses, mended, in our own words
def test_what_now_after_999_gives_999_and_the_routes_not_programmes(chat):
    chat.say("he's just kicked the door in and the baby is screaming")
    text = chat.text(chat.say("ok he's left, police have been. what do i do now? we're in Kendal"))
    assert "999" in text and "0808 2000 247" in text and "They Matter" not in text


def test_a_why_question_about_how_programmes_work_is_answered_from_the_seeds(chat):
    text = chat.text(chat.say("why do they keep men at different risk levels out of each other's groups?"))
    assert "counterproductive" in text and "Which area do you work in?" not in text

