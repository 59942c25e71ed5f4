"""Filters in workers' own words map to the directory's vocabulary."""

import pytest

from language.filters import find_filters, find_ordinal


def values(text):
    return {(f.entity, f.value) for f in find_filters(text)}


def test_gender_is_the_first_person_mentioned():
    assert ("gender", "male") in values("a man who abuses women")
    assert ("gender", "female") in values("it's a woman who is abusive to her husband")


def test_risk_route_format_and_needs():
    found = values("high risk dad on probation, one-to-one please, needs an interpreter, same sex relationship")
    assert {("risk", "high"), ("route", "probation"), ("format", "one_to_one"), ("interpreter", "yes"),
            ("relationship", "same_sex")} <= found


def test_a_dad_is_not_a_request_for_the_dads_programme():
    """'dad' describes the man; only a programme asked for becomes the parenting filter (issue 13)."""
    assert ("intervention_type", "parenting") not in values("high risk dad in Kendal, what's there?")
    assert ("intervention_type", "parenting") not in values("the father of the baby is abusive")
    for asked in ("is there a dads programme in Notts", "parenting course for him", "any programmes for fathers"):
        assert ("intervention_type", "parenting") in values(asked)


def test_child_protection_jargon_describes_the_family_and_is_no_route():
    assert ("route", "children_services") not in values("there's a CP plan in place")
    assert ("route", "children_services") not in values("Stepdad in Mansfield, CIN case, DA concerns. What's out there?")
    assert ("route", "children_services") in values("anything that takes a referral from children's services?")


def test_nothing_found_in_plain_text():
    assert values("what's available near me") == set()


def test_ordinals():
    assert find_ordinal("tell me more about the second one").value == "2"
    assert find_ordinal("number 3 please").value == "3"
    assert find_ordinal("the last one").value == "-1"
    assert find_ordinal("what's available") is None


def test_one_to_one_asked_beside_a_group_mentioned_is_the_format():
    found = {(f.entity, f.value) for f in find_filters("hes already been on a group and it didnt work, something 1 to 1?")}
    assert ("format", "one_to_one") in found and ("format", "group") not in found


@pytest.mark.parametrize("text", ["Dads specifically", "just for dads", "fathers only"])
def test_a_message_that_is_only_dads_asks_for_the_dads_programme(text):
    assert ("intervention_type", "parenting") in {(f.entity, f.value) for f in find_filters(text)}


def test_a_dad_in_a_sentence_is_still_not_the_dads_programme():
    assert ("intervention_type", "parenting") not in {(f.entity, f.value) for f in find_filters("the dad is in Kendal")}


@pytest.mark.parametrize(("text", "ordinal"), [("the last one", "-1"), ("last", "-1"), ("last one please", "-1"),
                                               ("how long does the first one last", "1")])
def test_last_is_the_last_card_only_when_it_names_one(text, ordinal):
    from language.filters import find_ordinal

    assert find_ordinal(text).value == ordinal


@pytest.mark.parametrize("text", ["how long dose it last", "it happened last night", "in the last week"])
def test_last_as_a_verb_or_a_time_is_no_ordinal(text):
    from language.filters import find_ordinal

    assert find_ordinal(text) is None


def test_a_group_programme_asked_for_is_the_group_format_not_only_dapps():
    found = {(f.entity, f.value) for f in find_filters("Workington, he wants a group programme")}
    assert ("format", "group") in found and ("intervention_type", "dapp_group") not in found
    assert ("format", "one_to_one") not in {(f.entity, f.value) for f in find_filters("the individual denies it")}


@pytest.mark.parametrize("text", ["and the main programme, not just the dads one?", "something other than a group"])
def test_a_kind_or_format_set_aside_is_not_asked_for(text):
    assert not {(f.entity, f.value) for f in find_filters(text)} & {("intervention_type", "parenting"), ("format", "group")}


def test_a_programme_with_other_fathers_asks_for_the_dads_programme():
    assert ("intervention_type", "parenting") in values("He'd only do a programme with other fathers, specifically.")


def test_a_programme_focused_on_being_a_dad_is_the_dads_programme():
    found = [(f.entity, f.value) for f in find_filters("is there a shorter one focused on him being a dad?")]
    assert ("intervention_type", "parenting") in found  # conversations_round20


# conversations_round25: the person using abuse put right
@pytest.mark.parametrize(("text", "gender"), [("Correction: M, not F. Same area.", "male"),
                                              ("actually shes the one being abusive, hes the victim", "female"),
                                              ("sorry, wrong way round - it's him that's violent to her", "male")])
def test_the_person_using_abuse_put_right(text, gender):
    assert ("gender", gender) in [(f.entity, f.value) for f in find_filters(text)]


def test_the_woman_put_right_as_the_one_hitting():
    found = [(f.entity, f.value) for f in find_filters("wait its not him its his ex girlfriend shes the one been hitting")]
    assert ("gender", "female") in found  # conversations_round24


def test_something_aimed_at_fathers_asks_for_the_dads_programme():  # conversations_round27
    assert ("intervention_type", "parenting") in values("anything specifically aimed at dads round here?")


def test_a_dads_specific_one_asks_for_the_dads_programme():  # conversations_round28
    assert ("intervention_type", "parenting") in values("any father-specific groups nearby?")
