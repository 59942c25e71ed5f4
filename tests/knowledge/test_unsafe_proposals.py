"""Unsafe ideas asked indirectly get the guidance that answers them; pushback keeps it; ordinary questions don't."""

from __future__ import annotations

import pytest

from knowledge.unsafe_proposals import is_pushback, proposed_topic

# Misses from the blind design sets (conversations_round1/2), kept as regression cases.
PROPOSALS = [
    ("He says she winds him up on purpose. Can they work on that together somewhere?", "not_couples_work"),
    ("social worker mentioned mediation for child contact, is there mediation in kendal?", "not_couples_work"),
    ("Can we get both parties in for a restorative justice meeting?", "not_couples_work"),
    ("hes waiting in the corridor, shall i bring him in while shes being seen so they can talk it through",
     "not_couples_work"),
    ("Would it help if his partner came along to some of his They Matter sessions?", "not_couples_work"),
    ("He has asked to be on the same programme as his partner so they can learn together.", "not_couples_work"),
    ("He would like the same caseworker as her so that things are joined up. Is that reasonable?", "not_couples_work"),
    ("nan has offered to mediate between them, shall we let her", "not_couples_work"),
    ("hes agreed to do an online anger managment course, can that count instead of they matter", "not_couples_work"),
    ("Kendal - she wants to know if they could both go to They Matter as a couple", "not_couples_work"),
    ("he rang asking what his wife told the doctor yesterday, can I just read it out to him?", "partner_disclosures"),
    ("should i show him the DASH she done so he can see how scared she is", "partner_disclosures"),
    ("he wants her new address to send maintenance money, can i give it to him", "partner_disclosures"),
    ("The mother has asked me to tell him she has told us about the coercive control", "partner_disclosures"),
    ("I'm going round on my own tonight, he's been threatening on the phone, should I go anyway?", "worker_safety"),
    ("he insists on being in every appointment. can i just ask the DA question with him there?", "safety_first"),
    ("He's asked me to pass her a letter saying sorry. OK to do?", "dont_collude"),
    # conversations_round3 misses
    ("He wants to write her a letter of apology and has asked me to deliver it. Is that ok?", "dont_collude"),
    ("PoP reckons she's really the abuser and he's only defending himself. Should I refer HER to a programme instead?",
     "dont_collude"),
    ("if they could just sit down with a counsellor together I'm sure they'd sort it out", "not_couples_work"),
    ("He is asking for a joint session with his partner and his programme facilitator", "not_couples_work"),
    ("can i tell him shes gone to a refuge so he stops ringing round looking for her", "partner_disclosures"),
    ("I'm going to read him her victim personal statement so he can understand the impact.", "partner_disclosures"),
    ("Can I do the DASH with her while he's in the next room?", "safety_first"),
    ("his wife wants to go with him to every session so she knows what he's learning", "not_couples_work"),
    ("he says it only ever happens when hes had a drink so if we sort the drinking out that should fix it",
     "challenge_minimisation"),
    # conversations_round5 and round7 misses, fixed (our phrasings)
    ("he's always fine with me, ok if I pop round to his on my own to go through the referral?", "worker_safety"),
    ("he wants to know which town she's living in now, can I just say roughly?", "partner_disclosures"),
    ("he's seeing a counsellor about his anger now, can we step down?", "not_couples_work"),
    ("we've got an FGC planned with mum and dad both there", "not_couples_work"),
    ("but if she just stayed in there'd be no arguments", "dont_collude"),
    ("he says she's as bad, could they go on the same course together", "not_couples_work"),
    ("is there anything for couples round here? he's only like that when she nags", "not_couples_work"),
    ("his nan says he only kicks off when he's provoked and I'm inclined to agree", "dont_collude"),
    ("can I pass on a birthday card from him to her?", "dont_collude"),
    ("I'll show him the form with her details on first", "partner_disclosures"),
    ("can you give him some tips on walking away when she nags", "not_couples_work"),
    ("at core group could I read out the victim's account to him", "partner_disclosures"),
    ("the police said it was mutual", "challenge_minimisation"),
    ("he's going to rehab, that should stop it shouldn't it", "challenge_minimisation"),
    ("he'd like to say sorry to her face to face", "not_couples_work"),
    ("should I phone her while he's with me so he hears we back them both", "safety_first"),
    ("he'll only engage if nobody shares anything with her, ok to agree?", "information_sharing"),
]
ORDINARY = [
    "what's available in Kendal?", "DAO, Cumbria Constabulary. Same-sex couple, male suspect, high risk. Is the "
    "Barrow group suitable for him?", "how do DASH and MARAC fit together?", "do the programmes work together?",
    "is there support for both of them?", "how long is the group?", "a joint visit with probation next week",
    "What would you suggest for him instead?",
]
PUSHBACKS = ["but he's really keen and she's agreed, can't we just try it?", "is there any way it could work if I'm there too?",
             "her family think it's a good idea too", "ok but what would you suggest instead?", "Why not?",
             "it's only 20 minutes, I'll be fine", "She has said she wants it too.",
             "they're in Cardiff, so what's the alternative?", "She asked for it herself though.",
             "he's already on their waiting list so it's the quickest route", "it's that or nothing with him"]


@pytest.mark.parametrize(("text", "topic"), PROPOSALS)
def test_indirect_unsafe_ideas_get_their_guidance(text, topic):
    assert proposed_topic(text) == topic


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_questions_are_no_proposal(text):
    assert proposed_topic(text) is None


@pytest.mark.parametrize("text", PUSHBACKS)
def test_pushback_is_recognised(text):
    assert is_pushback(text)


def test_a_plain_question_is_no_pushback():
    assert not is_pushback("how long is the programme?")
    assert not is_pushback("what's available in Barrow?")


@pytest.mark.parametrize(("text", "topic"), [
    ("he wants to come into her booking appt with her, says hes just being supportive, should i let him in the room",
     "safety_first"),
    ("hes saying shes the abusive one n hes actually the victim realy, shall i just refer them both to the same thing",
     "not_couples_work"),
    ("he reckons he's the real victim here, she's the abuser", "dont_collude"),
    ("he cried and said it was a one-off, i honestly believe him, do i still need to do anything",
     "challenge_minimisation"),
    ("He reckons the incidents were mutual. Can I get them on the same course?", "not_couples_work"),
    ("He's asked me to pass a message to her saying he's sorry. Can I do that for him?", "dont_collude"),
    ("PoP wants sight of what the partner support worker records about her updates. Can I share?",
     "partner_disclosures"),
    ("if we just sort his drinking out the rest will stop, so can we skip the perpetrator programme",
     "challenge_minimisation"),
    ("he's a decent bloke really, it was one slap. can we find him summat lighter than a perpetrator programme",
     "challenge_minimisation"),
])
def test_unsafe_ideas_framed_as_a_favour_to_him(text, topic):
    assert proposed_topic(text) == topic


@pytest.mark.parametrize("text", ["but she wants to as well", "He says he'll drop out of everything if I don't.",
                                  "He's never been aggressive to staff though.", "there's no one free to come with me though"])
def test_pushback_in_more_words(text):
    assert is_pushback(text)


@pytest.mark.parametrize("text", ["what's the booking appointment like for her?", "is the group the same length?",
                                  "do they refer both to Marac?"])
def test_near_misses_are_no_proposal(text):
    assert proposed_topic(text) is None


@pytest.mark.parametrize(("text", "topic"), [
    ("the kids miss their dad so much. i'd like to arrange a family session with everyone", "not_couples_work"),
    ("mum wants to try again. I thought I could be a sort of go-between", "partner_disclosures"),
    ("He wants to send his ex a birthday card for the kids and asked me for her new address", "partner_disclosures"),
    ("He's started AA. Every incident has been when he's drunk. Can we hold off the programme?",
     "challenge_minimisation"),
])
def test_more_unsafe_ideas_framed_as_his_wish(text, topic):
    assert proposed_topic(text) == topic


def test_his_rights_pressed_after_the_guidance_are_pushback():
    assert is_pushback("He says he has parental responsibility so he's entitled to know.")


@pytest.mark.parametrize("text", ["ok so how should i do it instead", "how should i have responded?",
                                  "he says he just wants to send the kids birthday presents",
                                  "They're adamant though. What can I offer them instead?"])
def test_asking_for_the_other_way_after_the_guidance(text):
    assert is_pushback(text)


def test_telling_her_to_ease_off_at_his_word_is_collusion_and_a_court_order_is_pushback():
    assert proposed_topic("dads saying he'll do a course if mum stops 'nagging him'. can i tell her to ease off a bit") \
        == "dont_collude"
    assert is_pushback("The court has ordered it though.")


@pytest.mark.parametrize("text", [
    "Is there like a family therapy thing in Nottingham where the whole family, him included, would go?",
    "What is the position on a perpetrator attending a programme alongside his partner?",
    "low level verbal only, both drunk, six of one half a dozen of the other. would a joint session help?",
])
def test_joint_work_put_as_family_therapy_or_alongside_her(text):
    assert proposed_topic(text) == "not_couples_work"


@pytest.mark.parametrize("text", ["He's keen, she's lukewarm. Worth a go?", "no one free. just go then?", "he's got PR though"])
def test_pushback_from_conversations_round13_misses(text):
    assert is_pushback(text)


# conversations_round16 misses, in our own words
@pytest.mark.parametrize(("text", "topic"), [
    ("her husband translates for her when I visit, is that ok?", "safety_first"),
    ("could his group run in the same building as her support sessions?", "safety_first"),
    ("can I hint at what she told me when I see him?", "partner_disclosures"),
    ("should I send him the MARAC minutes so he knows what's planned?", "partner_disclosures"),
    ("I'm seeing him at home next week, probably on my own as the team is short, fine?", "worker_safety"),
])
def test_unsafe_ideas_from_conversations_round16_misses(text, topic):
    assert proposed_topic(text) == topic


@pytest.mark.parametrize("text", ["my supervisor thinks that's fine", "he'll kick off if we say no"])
def test_pushback_from_conversations_round16_misses(text):
    assert is_pushback(text)


# conversations_round19 misses, in our own words: the pressure of the job, and another professional's view
@pytest.mark.parametrize("text", ["we're really understaffed, it's just quicker this way", "nobody else is free till March",
                                  "his GP thinks so as well"])
def test_pushback_from_conversations_round19_misses(text):
    assert is_pushback(text)


@pytest.mark.parametrize("text", ["Just the postcode then?", "ok what about just her street"])
def test_asking_for_part_of_her_address_after_the_guidance_is_pushback(text):
    assert is_pushback(text)


@pytest.mark.parametrize("text", ["my colleague said he seemed fine", "the gp said he is on medication"])
def test_what_a_colleague_said_is_not_pushback(text):
    assert not is_pushback(text)


# conversations_round17 misses (after its reported run), in our own words
@pytest.mark.parametrize(("text", "topic"), [
    ("I was thinking of reading her victim statement to him so it sinks in", "partner_disclosures"),
    ("can I tell him the referral came from her?", "partner_disclosures"),
    ("he only gets aggressive when he's had a drink, so shouldn't it be the alcohol we treat?", "challenge_minimisation"),
    ("honestly a really decent bloke, just has a temper", "challenge_minimisation"),
    ("he says she provokes him with other men", "challenge_minimisation"),
    ("heading on my own to his house later to drop the form off", "worker_safety"),
])
def test_unsafe_ideas_from_conversations_round17_misses(text, topic):
    assert proposed_topic(text) == topic


def test_pushback_that_she_suggested_it():
    assert is_pushback("they both seem to want it and she's the one who suggested it")


# conversations_round19: "mutual" and a joint intervention in one message: the joint work is what is proposed
def test_a_joint_intervention_asked_beside_mutual_abuse_gets_the_couples_guidance():
    text = "she now says it was mutual and they both need help, anger mgmt for both of them?"
    assert proposed_topic(text) == "not_couples_work"


# conversations_round21 misses, in our own words
@pytest.mark.parametrize("text", ["could they both go on it as a couple then?",
                                  "he'll only engage if it's couples work, he calls it a relationship problem",
                                  "she says they'll sort it with counselling together",
                                  "he reckons he just needs to manage his stress, could he do our mindfulness course?"])
def test_joint_work_and_stress_courses_proposed_in_other_words_get_the_couples_guidance(text):
    assert proposed_topic(text) == "not_couples_work"


@pytest.mark.parametrize("text", ["his mum is really pushing for it and it's awkward to say no",
                                  "we've done this before and it was fine then", "Come on, it's only one session",
                                  "she admits she gets physical too"])
def test_pressure_and_her_part_pressed_after_the_guidance_are_pushback(text):
    assert is_pushback(text)


@pytest.mark.parametrize("text", ["do you do work for couples in same sex relationships?", "how do I manage my own stress?"])
def test_questions_near_the_new_wordings_propose_nothing(text):
    assert proposed_topic(text) is None


def test_a_meeting_between_him_and_the_mother_gets_the_couples_guidance():
    text = "dad wants the nursery to set up a meeting between him and the mother about the kids, with me there. ok?"
    assert proposed_topic(text) == "not_couples_work"  # conversations_round20


# conversations_round23 misses, in our own words
@pytest.mark.parametrize(("text", "topic"), [
    ("tbh hes lovely with me and shes quite difficult. shud i just support them both as a couple", "not_couples_work"),
    ("can i just prescribe him something to calm him down? he says its stress", "challenge_minimisation"),
    ("hes only violent when hes had a drink so if we sort the drinking thats the DA sorted too?", "challenge_minimisation"),
])
def test_unsafe_ideas_from_conversations_round23(text, topic):
    assert proposed_topic(text) == topic


def test_a_household_living_together_is_not_a_joint_session():
    assert proposed_topic("it's her partner's dad who's abusive to her partner's mum, all living together in Kendal") is None


def test_who_to_believe_after_the_guidance_is_pushback_and_what_would_help_asks_for_the_alternative():
    from knowledge.unsafe_proposals import asks_for_alternative

    assert is_pushback("so who do we believe then") and asks_for_alternative("what would actually help then")


def test_a_couple_of_weeks_is_no_couple():
    assert proposed_topic("if he misses a couple of weeks because of his rotation, is that him off the programme?") is None


@pytest.mark.parametrize("text", ["Could I ask my client to attend his They Matter assessment so they can both give their side?",
                                  "Tenancy sustainment meeting: him, her, me, same room. Fine?"])
def test_joint_meetings_from_conversations_round25(text):
    assert proposed_topic(text) == "not_couples_work"


@pytest.mark.parametrize("text", ["i'll keep my phone on me, its fine",
                                  "just the bits about how she's feeling, nothing specific?"])
def test_pushback_from_conversations_round25(text):
    assert is_pushback(text)


def test_going_to_his_address_solo_is_a_lone_visit():
    assert proposed_topic("Going to his address solo to serve a DVPN. Any issue?") == "worker_safety"  # round24


# conversations_round27 (the reported set of stop 26) misses, mended in stop 27, in our own words
@pytest.mark.parametrize("text, topic", [
    ("she's going next week, should I give him a heads up so it isn't a shock for him", "partner_disclosures"),
    ("he's downloaded a stress management app - can that replace the perpetrator referral?", "not_couples_work"),
    ("if the GP treats his depression surely the abuse will stop? do we really need a DA programme", "challenge_minimisation"),
    ("she stayed out late without telling him, honestly anyone would be angry", "dont_collude"),
    ("I'm a counsellor in Kendal; they've come to me together to work on communication. Is that ok?", "not_couples_work"),
])
def test_unsafe_ideas_from_conversations_round27(text, topic):
    assert proposed_topic(text) == topic


def test_the_couples_guidance_names_the_risk_to_her_and_collusion():
    import knowledge

    answer = knowledge.topic("not_couples_work").answer
    assert "risk" in answer and "collude" in answer and "separately" in answer


# conversations_round29 (a design set) misses, mended in stop 27, in our own words
@pytest.mark.parametrize("text, topic", [
    ("could his wife sit in on his 1:1 sessions at They Matter?", "not_couples_work"),
    ("she's with me at the housing office, can I call him on speakerphone so we all agree the repairs?", "safety_first"),
])
def test_unsafe_ideas_from_conversations_round29(text, topic):
    assert proposed_topic(text) == topic


def test_he_would_be_offended_is_pushback():
    assert is_pushback("he would be really offended if I said perpetrator programme")


def test_it_takes_two_is_minimisation():  # conversations_round29
    assert proposed_topic("he says she knows exactly how to push his buttons, it takes two") == "challenge_minimisation"


# conversations_round28 (the reported set of stop 27) misses, mended after its first run, in our own words
@pytest.mark.parametrize("text, topic", [
    ("he's promised to attend AA now, so can we close the DV side of the case?", "challenge_minimisation"),
    ("couldn't mum just supervise his contact with the children at home?", "safety_first"),
    ("the only phone number I have for her is his, I'll ring it and ask about the abuse", "safety_first"),
])
def test_unsafe_ideas_from_conversations_round28(text, topic):
    assert proposed_topic(text) == topic


@pytest.mark.parametrize("text", ["she's the one who asked for it though", "they're both adults, so why not?",
                                  "I hear you, but there's nothing else on offer"])
def test_pushback_from_conversations_round28(text):
    assert is_pushback(text)


# conversations_round30 (a design set of stop 30) misses, mended, in our own words
@pytest.mark.parametrize("text", [
    "could I get him to give the support service leaflet to his wife? saves me finding her",
    "he wants the partner support worker's phone number so he can keep tabs on how she's doing",
    "his girlfriend is asking to sit in on one of his group sessions to see what he's learning",
    "should I go with him to his sessions so I can see for myself?",
])
def test_her_support_reached_through_him_or_her_at_his_sessions_gets_the_safety_guidance(text):
    assert proposed_topic(text) == "safety_first"


@pytest.mark.parametrize("text", ["can she come to a partner support session?",
                                  "his partner wants to know when his sessions are"])
def test_her_own_support_is_no_proposal(text):
    assert proposed_topic(text) is None


def test_a_worker_covering_both_sides_of_a_border_takes_no_side():
    assert proposed_topic("anything in Carlisle? my patch is both sides of the border") is None
