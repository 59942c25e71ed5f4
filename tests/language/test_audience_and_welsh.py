"""A victim writing for herself and a message in Welsh are recognised; workers and English are not mistaken."""

from __future__ import annotations

import pytest

from language.audience import is_victim_writing, may_be_victim_writing
from language.welsh import bilingual_reply, is_welsh


@pytest.mark.parametrize("text", [
    "my husband hits me what do i do",
    "im being abused by my partner",
    "he hits me when hes drunk",
    "my partner keeps checking my phone and won't let me see friends, is this abuse?",
    "I'm scared of my boyfriend",
    "I am frightened to go home tonight. He said he would make me pay.",
    "hes always puting me down, calling me usless",
    "My husband is violent towards me. We are two men.",
    "he sent private pics of me to all my mates after we split",
    "can you find me a refuge in nottingham",
])
def test_a_victim_writing_for_herself(text):
    assert is_victim_writing(text)


@pytest.mark.parametrize("text", [
    "he threatened me on the visit today",
    "my client says her partner hits her",
    "what's available in Kendal",
    "mum says he hits her",
    "the dad hit me when I visited the family",
    "/victim_support",
])
def test_a_worker_writing_about_a_case(text):
    assert not is_victim_writing(text)


@pytest.mark.parametrize("text", [
    "Helo, oes rhaglen ar gyfer dynion sy'n cam-drin yn ardal Caerdydd?",
    "Sut ydw i'n cael help i ddyn yn Wrecsam?",
    "mae angen help arna i gyda partner treisgar",
])
def test_welsh_is_recognised(text):
    assert is_welsh(text)


@pytest.mark.parametrize("text", ["Beth ydy They Matter?", "Cyflawnwr risg uchel yng Nghasnewydd. Opsiynau?"])
def test_welsh_around_a_programme_name_is_welsh(text):
    assert is_welsh(text)


@pytest.mark.parametrize("text", ["what's available in Cardiff", "Diolch", "is there a DAPP in Newport?", "",
                                  "what is change that lasts"])
def test_english_or_a_single_word_is_not(text):
    assert not is_welsh(text)


def test_the_welsh_reply_is_bilingual_and_carries_both_safety_lines():
    reply = bilingual_reply()
    assert "ffoniwch 999" in reply and "call 999" in reply
    assert "Change that Lasts" in reply and "0808 802 4040" in reply


# Misses from the blind design sets, kept as regression cases: North and South Welsh, and code-switching.
@pytest.mark.parametrize("text", [
    "Mae o'n deud mai hi sy'n ei bryfocio fo. Ddylen nhw fynd i gwnsela efo'i gilydd?",
    "Faint o wythnosau ydi'r rhaglen?",
    "Diolch. Oes 'na linell gymorth i weithwyr?",
    "Mae'r hogyn yn 17 ac yn rheoli ei gariad, oes 'na rywbeth iddo fo?",
    "Dwi'n blismon yn Nolgellau, isio gwybod am raglenni i gyflawnwyr cam-drin domestig.",
    "Ma' fe'n gweud taw hi sy'n dechrau popeth. Gallan nhw gael cwnsela gyda'i gilydd?",
    "Hi, oes na programme i perpetrators yn Wrecsam? Dwi'n social worker.",
])
def test_welsh_dialects_and_mixed_messages_are_welsh(text):
    assert is_welsh(text)


@pytest.mark.parametrize("text", [
    "I am 72. My son takes my pension and shouts at me until I give in. Is there anyone I can talk to?",
    "Good evening. I have been experiencing domestic abuse for several years and I would like some advice.",
    "I'm an A&E nurse but this is about me, not a patient. My partner hurt me on Saturday.",
    "hes locked me in the bathroom and taken my phone im on my tablet",
    "he keeps tracking my location on my phone and turning up wherever i am",
    "my dad hits my mum. im 14. what do i do",
    "I'm a man and my wife has been hitting me for months, nobody takes it seriously. I'm in Nottingham",
    "my parnter has been hitng me and i dont know waht to do liverpool",
    "is there a course he could go on so he changes? i dont want to leave him, we're in Mansfield",
    "will social services take my kids if I tell someone what he's doing?",
    "My son lives with me and has started taking my pension and pushing me about when I say no. I'm 81.",
    "i'm 17 and my girlfriend hits me when she's angry and says no one will believe a lad",
    "He's at work now so I can type. Last night he held me down and wouldn't let me leave the bedroom.",
    "im 15 and my boyfriend checks my phone all the time and says hell hurt himself if i leave him",
    "liverpool. partner violent. need help",
    # conversations_round5 and round7 misses, fixed (our phrasings)
    "I'm 79 and my husband's dementia means he has become aggressive towards me. I don't know who to ask.",
    "moved out in the spring but my ex keeps turning up at my work and following me home",
    "this is actually about me not a client, he had his hands round my neck on friday",
    "i'm worried he'll find out i've been looking at this",
    "my husband went on one of your courses and he's no different",
    "my boyfriend says its my fault when he loses it, is that true",
    "sorry its me thats being hurt, not someone i work with",
    "i left him in june and he still keeps texting and waiting outside my work",
    "hi, not for a client, it's for me. my husband is abusive",
    "my mums boyfriend hits her and shouts at me",
    "how can i get a non-molestation order against him",
    "is there a refuge near swansea",
    "hi, i think you may be working with my husband, i need to talk to someone",
    "I left three years ago but I still can't sleep",
    "I want him to change but I'm scared of him",
    "i'm the wife of someone doing your course, is there anything for me",
    "I'm living in a refuge in Barrow and need advice",
    "asking for me not a client, he's been hurting me",
    "please call me back, he's at work till 6 so I can talk then",
    "my male partner hits me",
    "he was horrible again, shoved me against the door last night, don't know where to turn",  # conversations_round30
    "my husband got sent on a course by the probation people, what is it",
    "my 17 year old son kicks me when I won't give him money",  # conversations_round32, after its first run
    "my granddaughter takes my pension off me every Friday",
])
def test_victims_writing_for_themselves_are_recognised(text):
    assert is_victim_writing(text)


@pytest.mark.parametrize("text", [
    "how do I handle it if he threatens me",
    "customer at the counter slipped me a note saying 'help me hes in the car outside he wont let me go'",
    "co-worker still in the house with dad. she texted 'he wont let me leave' 10 min ago",
    "can i tell a customer about your site or is it for professionals only",
    "is this for staff at hotels too or just social workers?",
    "i read that anyone can refer to make a change, does that include someone like me? im a hairdresser",
    "can he ring the respect phoneline himself or is it just for professionals",
    "im a victim of my own success, everyone on the team now asks me about DA stuff lol",
    "her ex was following me home after the visit, should I report it",
    "the dad keeps following me to my car after visits",
    "my client says her partner did one of your courses",
    "i left him a voicemail but he keeps not answering",
    "is it for me to refer him?",
    "how do I help my client get a non molestation order",
    "is there a refuge for her in Leeds tonight",
    "he's been hitting his partner, what's available in Kendal",
])
def test_workers_relaying_or_asking_are_not_taken_for_victims(text):
    assert not is_victim_writing(text)


def test_the_someone_asked_about_turning_out_to_be_her_is_a_victim_writing():
    from language.audience import is_victim_writing

    assert is_victim_writing("ok honestly the someone is me")


def test_be_di_and_beth_am_are_welsh_but_i_am_is_not():
    from language.welsh import is_welsh

    assert is_welsh("be di DASH?") and is_welsh("Beth am y Phoneline?")
    assert not is_welsh("I am in Cardiff") and not is_welsh("what am I doing")


def test_his_partner_asking_for_herself_is_a_victim_writing_and_welsh_with_mutations_is_welsh():
    from language.audience import is_victim_writing
    from language.welsh import is_welsh

    assert is_victim_writing("My partner has just started on They Matter. I'm his partner. Is there anything for me?")
    assert is_welsh("Mae e'n yfed llawer. Fydd hynny'n broblem?") and is_welsh("Ym Mhontypridd.")


def test_a_student_writing_a_dissertation_is_not_read_as_a_victim():
    from language.audience import may_be_victim_writing

    assert not may_be_victim_writing("I'm writing my dissertation on perpetrator programmes and breaking 'the cycle of "
                                      "abuse'. Could you point me to any evaluations?")


def test_a_threat_about_her_own_children_is_a_victim_writing():
    assert is_victim_writing("he keeps saying i'll never see my kids again if I go, I'm in Hull")
    assert not is_victim_writing("mum says he told her she'd never see the kids again")


def test_a_threat_tied_to_her_leaving_is_a_victim_writing_even_as_her_sons_dad():
    assert is_victim_writing("my daughter's dad says he'll hurt me if I leave him, I'm in Kendal")
    assert not is_victim_writing("dad says he will hit mum if she leaves him")


@pytest.mark.parametrize("text", ["can i just sign up for one of these myself or do i need a referral",
                                  "my girlfriend wants me to go on a course, how do i get on one",
                                  "how do i talk to someone about getting him on a course, he wants to go"])
def test_a_man_asking_to_go_on_a_course_is_not_read_as_a_victim(text):
    assert not may_be_victim_writing(text)


def test_a_worker_naming_her_role_in_its_abbreviation_is_not_read_as_a_victim():
    assert not may_be_victim_writing("hi, I'm a newly qualified SW in Leeds, what's out there for dads who hurt "
                                     "their partners? my team can't remember what the local one is called")


def test_a_victim_saying_it_is_her_and_asking_whether_the_site_is_for_victims():
    from language.audience import asks_for_victim_services

    assert is_victim_writing("it's me he does it to")
    assert asks_for_victim_services("is this site for victims too or only workers?")


# conversations_round19: asked for English after a Welsh message, the English half alone
@pytest.mark.parametrize(("text", "asks"), [("sorry - could you answer in English?", True), ("english please", True),
                                            ("can you reply in english", True), ("his english is poor", False),
                                            ("is it delivered in english?", False),
                                            # conversations_round20: the worker switching language, with a question
                                            ("Sorry, I'll write in English. He says it's all her fault, how do I "
                                             "respond?", False)])
def test_a_request_for_the_answer_in_english(text, asks):
    from language.welsh import asks_for_english, english_reply

    assert asks_for_english(text) is asks
    assert "Change that Lasts" in english_reply() and "call 999" in english_reply() and "ffoniwch" not in english_reply()


# conversations_round19 and danger_round17 misses, in our own words
@pytest.mark.parametrize("text", ["anything for women with abusive partners near Hull? asking for myself",
                                  "Need support. Me, not a client. Husband violent. Leeds.",
                                  "are there any courses round here for my boyfriend? he gets nasty"])
def test_a_victim_asking_for_herself_or_a_course_for_her_partner_is_a_victim_writing(text):
    from language.audience import is_victim_writing

    assert is_victim_writing(text)


def test_a_man_asking_for_help_with_how_he_is_with_his_partner_is_not_a_victim():
    from language.audience import is_victim_writing, may_be_victim_writing

    text = "i think i need some help with how i am with my wife"
    assert not is_victim_writing(text) and not may_be_victim_writing(text)


def test_a_welsh_message_saying_its_writer_has_little_english_still_gets_the_bilingual_answer():
    from language.welsh import asks_for_english

    assert not asks_for_english("Dw i ddim yn siarad Saesneg yn dda iawn, oes help i mi gydag achos?")


@pytest.mark.parametrize(("text", "victim"), [("ok it's me. it's me really", True), ("its me, really", True),
                                              ("its me again, the HV from Kendal", False)])
def test_owning_up_after_asking_for_a_friend(text, victim):
    from language.audience import is_victim_writing

    assert is_victim_writing(text) is victim


def test_a_worker_venting_about_their_cases_is_not_a_victim_writing():
    from language.audience import is_victim_writing, may_be_victim_writing

    text = "sorry just venting, I've got 30 cases and five dads waiting months for a programme, is that normal?"
    assert not is_victim_writing(text) and not may_be_victim_writing(text)


def test_a_victim_telling_the_police_did_nothing_is_a_victim_writing():
    from language.audience import is_victim_writing

    assert is_victim_writing("i rang the police in the summer and nothing happened, who else can help?")  # round18


# danger_round20: a policy question, a man asking about his own arguing, a man told to do a course, a church committee
@pytest.mark.parametrize("text", [
    "For our policy: how do you define immediate danger and when do staff call 999? This is for the policy document, "
    "not about a case.",
    "saw a documentary about men who kill their partners and it made me think about how I argue, I've never hurt anyone",
    "my ex says I need to do a course before I see my kids, what's the quickest one in Leicester",
    "if I go on one of these programmes do they tell my ex what I say?",
    "My late husband was a difficult man. I sit on a church committee that wants to raise awareness, what is there?",
])
def test_people_who_are_not_victims_writing_for_themselves(text):
    from language.audience import is_victim_writing, may_be_victim_writing

    assert not is_victim_writing(text) and not may_be_victim_writing(text)


def test_a_partner_named_first_hitting_the_writer_is_a_victim_writing():
    from language.audience import is_victim_writing

    assert is_victim_writing("bf slaps me when hes had a drink, im a lad so no one listens")  # conversations_round20


# conversations_round20 and round23, danger_round21: victims in few words, and workers and others who are not
@pytest.mark.parametrize("text", [
    "he's said he'll hurt the dog if I go out without him, and he's thrown things at me. I live near Newark.",
    "Left him yesterday. Staying at my mum's in Barrow. He knows where she lives. Scared.",
])
def test_victims_writing_in_few_words(text):
    from language.audience import is_victim_writing

    assert is_victim_writing(text)


@pytest.mark.parametrize("text", [
    "he threw a cup at me in the session, what do I do",
    "my student will be the death of me, she's asked what BBR stands for and i've forgotten myself",
    "my mate says the course just attacks men and makes you feel like scum. is that true?",
])
def test_a_worker_or_a_friend_is_not_a_victim_writing(text):
    from language.audience import is_victim_writing, may_be_victim_writing

    assert not is_victim_writing(text) and not may_be_victim_writing(text)


@pytest.mark.parametrize("text", ["hi is this for people being hurt by someone",
                                  "what support is there for women in Kendal whose partners are abusive?"])
def test_services_for_victims_asked_for_in_other_words(text):
    from language.audience import asks_for_victim_services

    assert asks_for_victim_services(text)


def test_saying_i_am_the_victim_is_a_victim_writing():
    from language.audience import is_victim_writing

    assert is_victim_writing("im the victim not the perp lol, your site keeps showing me programmes for him")  # round25
    assert not is_victim_writing("I'm the victim liaison officer on this case")


@pytest.mark.parametrize("text", [
    "not sure if im abusive but i get jealous and go quiet on her for days. would a course suit someone like me",
    "i went to prison for violence years ago, nothing since, i want to be a better dad. is there a course",
    "can i go without my missus knowing",
])
def test_a_man_asking_about_help_for_himself_is_not_a_victim_writing(text):
    from language.audience import is_victim_writing, may_be_victim_writing

    assert not is_victim_writing(text) and not may_be_victim_writing(text)  # danger_round22


# conversations_round24 (the reported set) misses, mended after its first run, in our own words
def test_the_childrens_dad_sending_threats_is_a_victim_writing():
    from language.audience import is_victim_writing

    assert is_victim_writing("my sons dad keeps sending threatening messages, ive kept them all. what do i do")


def test_english_with_a_welsh_thank_you_is_english_and_a_short_welsh_question_is_welsh():
    from language.welsh import is_welsh

    assert not is_welsh("Anything near Millom? Diolch yn fawr")
    assert is_welsh("Alla i atgyfeirio'n uniongyrchol?")


# conversations_round26 (a design set) misses, mended after its first run, in our own words
def test_a_threat_about_her_visa_if_she_leaves_is_a_victim_writing():
    assert is_victim_writing("my husband keeps saying if I leave he'll stop my visa and I'll be sent back. I'm in Hull")


def test_a_tenants_ex_turning_up_is_a_workers_case():
    assert not is_victim_writing("richmond - tenants ex keeps turning up at the flat, what can be done about him")


@pytest.mark.parametrize("text", ["Diolch, oes cyfeiriad e-bost hefyd?", "Diolch. A allech chi egluro beth yw achrediad?"])
def test_short_welsh_follow_ups_are_welsh(text):
    assert is_welsh(text)


# conversations_round27 (the reported set of stop 26) misses, mended in stop 27, in our own words
@pytest.mark.parametrize("text", [
    "my grandson stays with me and gets rough when he wants money, he twisted my arm last week. I'm 82",
    "the missus has been battering us with whatever she can reach, who do I tell",
    "I left my husband six months ago and he still texts through the contact app. Is there anything for me?",
    "I'm in the middle of divorcing my abuser and I'm frightened of the court hearing",
])
def test_victims_from_conversations_round27_are_recognised(text):
    assert is_victim_writing(text)


def test_an_arm_twisted_into_a_course_is_no_victim():
    assert not is_victim_writing("my manager twisted my arm into doing the DASH training")


def test_asking_about_a_new_partners_past_is_clares_law():
    from language.audience import asks_about_a_partners_past

    assert asks_about_a_partners_past("his ex told me he hit her. can I check whether he has a violent past?")
    assert not asks_about_a_partners_past("can I check whether the programme runs in the evenings?")


def test_a_short_welsh_question_about_the_woman_is_welsh_and_english_please_then_a_question_is_english():
    from language.welsh import asks_to_explain_in_english, is_welsh

    assert is_welsh("Diolch. A beth am y fenyw?")
    assert asks_to_explain_in_english("English please - what is MARAC?")


def test_acronyms_thrown_at_a_worker_are_no_victim_and_things_he_threw_are():  # conversations_round27
    assert not is_victim_writing("I've had acronyms thrown at me all week by the council, what is a MARAC?")
    assert is_victim_writing("he's thrown plates at me twice this week")


# conversations_round29 (a design set) misses, mended in stop 27, in our own words
@pytest.mark.parametrize("text", [
    "The house is a joint tenancy. How do I get him removed from the tenancy so the children and I can stay?",
    "I live out in the hills with him and he gets violent whenever money is tight. What can I do?",
])
def test_victims_from_conversations_round29_are_recognised(text):
    assert is_victim_writing(text)


# danger_round26 (the reported set of stop 27): people asking about their own programme, and a worker's own past
@pytest.mark.parametrize("text", [
    "If I went on a community programme would my employer find out?",
    "Finished my course in the summer. Is there a group after? I'm scared of slipping back",
    "do i have to go every single week or can i miss one for shifts",
    "I was in an abusive marriage years ago, long over now, and I'd like to train as a group facilitator. How?",
])
def test_own_programme_questions_and_a_workers_past_are_no_victim_writing(text):
    from language.audience import may_be_victim_writing

    assert not is_victim_writing(text) and not may_be_victim_writing(text)
