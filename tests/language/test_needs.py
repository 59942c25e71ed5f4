"""Needs a worker raises about the person, found in their own words (misses from the design sets kept)."""

from __future__ import annotations

import pytest

from language.needs import needs_in


@pytest.mark.parametrize(("text", "need", "value"), [
    ("hes only 17 btw", "age", 17),
    ("Does They Matter take under-18s?", "age", 17),
    ("does it take women? its the mum whos abusive", "women", True),
    ("shes the one doing it to him, wud they work with her", "women", True),
    ("He's functionally illiterate - would he need something else?", "literacy", True),
    ("he's dyslexic, can barely read, would he cope in the group?", "literacy", True),
    ("oh and hes using heroin daily", "substance", True),
    ("ive just been told hes bisexual and his current partner is a man", "same_sex", True),
    ("He is profoundly deaf and would need a BSL interpreter.", "interpreter", True),
    # conversations_round19: a language named for him, or for the sessions
    ("he speaks kurdish only", "interpreter", True),
    ("one of my service users uses daily and has been abusive", "substance", True),  # conversations_round21
    ("he's been assessed medium on DASH, still eligible?", "risk_level", True),  # conversations_round22
    ("anything in barrow delivered in spanish?", "interpreter", True),
    ("fine, any day, but still needs spanish", "interpreter", True),
    ("hes only got a bit of english, hes from romania, can they get a translater in the group", "interpreter", True),
    ("he works away Monday to Friday on the rigs so he'd need evenings or something", "evening", True),
    ("Instead of the group, is there a one-to-one option?", "one_to_one", True),
    ("What if he admits some of it?", "denial", True),
    ("For a community DAPP, does he have to attend every session?", "attendance", True),
    ("he's a dad, does that make a difference?", "father", True),
    ("does it matter hes not the bio dad", "father", True),
    ("it's the mum who's using the abuse, not dad", "women", True),
    ("He's gay, the abuse is towards his husband.", "same_sex", True),
    ("he's actually with his boyfriend not a girlfriend", "same_sex", True),
    ("He's only got basic English.", "interpreter", True),
    ("the police 'made it all up' and he has never laid a finger on her", "denial", True),
    ("would they still take him if he swears he never touched her", "denial", True),
    ("he cant really read or write", "literacy", True),
    ("hes got a drink problem too", "substance", True),
    ("he would rather not be in a group", "one_to_one", True),
    ("what if the perpetrator is a woman?", "women", True),
    ("he's in a relationship with another man", "same_sex", True),
    ("is that one only for dads?", "father", True),
    ("kendal, he turns 18 next month", "age", 17),
    ("does he have to have a conviction for it?", "conviction", True),
])
def test_needs_are_found(text, need, value):
    assert needs_in(text).get(need) == value


@pytest.mark.parametrize("text", ["what's available in Kendal?", "how long is it?", "is it free?", "how do I refer?",
                                  "he's a dad", "thanks", "/find_services", "good evening, anybody on?", "evening all",
                                  "aye, crack on"])
def test_ordinary_messages_raise_no_need(text):
    assert needs_in(text) == {}


@pytest.mark.parametrize(("text", "need"), [
    ("What happens if he only partly accepts it?", "denial"),
    ("he half-accepts it to be honest", "denial"),
    ("hes been on a group before, something 1 to 1?", "one_to_one"),
    ("could they see him on his own rather than in a group", "one_to_one"),
    ("he's partially sighted", "disability"),
    ("ours is more low level", "risk_level"),
])
def test_needs_in_more_of_workers_words(text, need):
    assert need in needs_in(text)


@pytest.mark.parametrize("text", ["he's not the kids' real dad if that matters",
                                  "I should say he's the children's dad, if that changes anything",
                                  "its the father of the baby if that matters"])
def test_a_father_mentioned_as_a_detail_asks_whether_it_matters(text):
    assert "father" in needs_in(text)


@pytest.mark.parametrize(("text", "need"), [
    ("Would a man with schizophrenia be able to go on the programme in Workington?", "mental_health"),
    ("he's under the CMHT for bipolar", "mental_health"),
    ("does the man need to still be with her for they matter? they split up in march", "separated"),
    ("still eligible even though they've separated?", "separated"),
    ("his english isnt great, he's from lithuania", "interpreter"),
    ("he's already with us, on a script and coming to groups", "substance"),
    ("its more confidence than anything hes not thick just never went to school much", "literacy"),
    ("Women?", "women"),
    ("Would They Matter take a man abusing his male partner?", "same_sex"),
    ("Why does Help keep lower-level perpetrators separate from high-harm ones?", "risk_level"),
    ("if he misses a few DAPP sessions cos of his shifts do they kick him off", "attendance"),
    ("What is the minimum age for the Your Choice Project?", "age"),
    ("he's 20 and only speaks Kurdish", "interpreter"),
    ("would the script stop him going", "substance"),
    ("is that for people on probation only", "conviction"),
    ("What formats are the programme materials in?", "literacy"),
    ("The Help programme - can people who aren't on probation go on it, or is it only for offenders?", "conviction"),
    ("and if after their assessment he's gone back to saying it's all her fault and nothing happened", "denial"),
    ("would Help even take him without probation being involved?", "conviction"),
    ("He's refusing to sign anything that lets them talk to us or contact mum.", "sign"),
    ("He's not been to court. Would he be mixed in with the really dangerous ones?", "risk_level"),
    ("he'll only do something online", "online"),
    ("he's a first-time dad, does that change anything?", "father"),
    ("he doesn't want to be in a room with other blokes, can he do it on his own?", "one_to_one"),
    ("He says he'd only go if it's not a group, he'd freeze up", "one_to_one"),
    ("and do they have to go to every one", "attendance"),
])
def test_needs_the_records_answer_in_workers_words(text, need):
    assert need in needs_in(text)


@pytest.mark.parametrize(("text", "need"), [
    ("is there anything for ex-offenders?", "separated"), ("what's the mental arithmetic here, 27 weeks?", "mental_health"),
    ("he only speaks english", "interpreter"), ("I read about Help online, can a housing association refer?", "online"),
])
def test_words_near_the_needs_raise_none(text, need):
    assert need not in needs_in(text)


@pytest.mark.parametrize(("text", "need"), [
    ("He is also the father of a new baby, if that makes any difference.", "father"),
    ("and he's a dad to twins if that matters", "father"),
    ("custody record says susp has mild LD. suitable for They Matter?", "literacy"),
])
def test_needs_from_conversations_round13_misses(text, need):
    assert need in needs_in(text)


def test_an_age_in_words_is_an_age():
    assert needs_in("I supervise a young man of seventeen, subject to a YRO")["age"] == 17


# conversations_round16 misses, in our own words
@pytest.mark.parametrize(("text", "need"), [
    ("would they put him in with straight lads?", "same_sex"),
    ("he accepts some responsibility, not all of it", "denial"),
    ("his reading and writing are really poor, does that matter?", "literacy"),
    ("it's not that serious, mostly shouting, is it still for him?", "risk_level"),
    ("which risk level is the group for?", "risk_level"),
])
def test_needs_from_conversations_round16_misses(text, need):
    assert need in needs_in(text)


def test_an_age_found_out_later_is_an_age_and_the_person_is_not_one_to_one():
    assert needs_in("he's actually 16, does that matter?")["age"] == 16
    assert "one_to_one" not in needs_in("does it take referrals where the individual denies it?")


@pytest.mark.parametrize("text", ["would they put him in with the high-risk men?",
                                  "does he have to be assessed as high risk first?"])
def test_the_risk_level_asked_about_from_conversations_round13_misses(text):
    assert "risk_level" in needs_in(text)


# conversations_round18 misses, in our own words
@pytest.mark.parametrize(("text", "need"), [
    ("why keep him apart from the high-harm group?", "risk_level"),
    ("it's lowish level, name calling mostly", "risk_level"),
    ("how young can they be?", "age"),
    ("is it a men-only thing?", "women"),
    ("sorry, it's actually the wife, I misread it", "women"),
    ("he'd want an Urdu-speaking worker", "interpreter"),
    ("he's just gone into rehab", "substance"),
    ("does he need to have been charged with something?", "conviction"),
])
def test_needs_from_conversations_round18_misses(text, need):
    assert need in needs_in(text)


def test_not_accepting_the_harm_is_denial_but_not_seeing_someone_is_not():
    assert "denial" in needs_in("he still won't accept it's affected the kids")
    assert "denial" not in needs_in("he can't see her on Tuesdays")


def test_min_age_is_the_age_asked():
    assert needs_in("min age for they matter?")["age"] is True


# conversations_round23 misses, in our own words
@pytest.mark.parametrize(("text", "need"), [
    ("what if its milder - he just struggles a bit with reading?", "literacy"),
    ("he'd need something in the evenin cos of college", "evening"),
    ("if he misses a couple of weeks because of his rotation, is that him off the programme?", "attendance"),
])
def test_needs_from_conversations_round23_misses(text, need):
    assert need in needs_in(text)


@pytest.mark.parametrize(("text", "need"), [
    ("ok so hes with another man now and its his new partner he is hurting", "same_sex"),
    ("ok what about audio? he uses a screen reader", "literacy"),
])
def test_more_needs_from_conversations_round23_misses(text, need):
    assert need in needs_in(text)


def test_the_writers_own_job_as_a_drugs_worker_is_no_need():
    assert "substance" not in needs_in("is OASys something I'd have access to as a drugs worker?")  # round22
    assert "substance" in needs_in("he uses drugs most days")


@pytest.mark.parametrize(("text", "need", "value"), [
    ("Referral query: male, 17, DA towards GF, W Cumbria (Workington). Is They Matter an option?", "age", 17),
    ("kendal. male perp, male partner. they matter ok?", "same_sex", True),
])
def test_needs_in_referral_shorthand_from_conversations_round25(text, need, value):
    assert needs_in(text)[need] == value


def test_a_relationship_with_a_man_is_a_same_sex_need():
    assert "same_sex" in needs_in("hes in a relationship with a man tho")  # conversations_round25


def test_the_workers_own_shift_is_no_need_but_his_shifts_are():
    assert "evening" not in needs_in("Need a callback. On shift till 10.")  # conversations_round24
    assert "evening" in needs_in("he works shifts")


# conversations_round26 (a design set) misses, mended after its first run, in our own words
@pytest.mark.parametrize(("text", "need", "value"), [
    ("could They Matter take a lad of 17?", "age", 17),
    ("he's never been arrested for any of it, would they take him?", "conviction", True),
    ("what if it was ABH rather than common assault?", "conviction", True),
])
def test_needs_from_conversations_round26(text, need, value):
    assert needs_in(text).get(need) == value


# conversations_round27 (the reported set of stop 26) misses, mended in stop 27, in our own words
@pytest.mark.parametrize("text, need", [
    ("he's in court next week for common assault", "conviction"),
    ("turns out he's on licence, does that matter?", "conviction"),
    ("his reading age is very low", "literacy"),
])
def test_needs_from_conversations_round27(text, need):
    assert need in needs_in(text)


def test_only_people_who_have_been_to_court_is_a_conviction_need():  # conversations_round29
    assert "conviction" in needs_in("do you have to have been to court to get on it?")
