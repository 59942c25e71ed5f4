"""Family details added after a search: the search stands and is shown again in their light."""

import pytest

from language.details import adds_family_detail


# conversations_round13 misses, in our own words
@pytest.mark.parametrize("text", [
    "He's also got three kids from his first marriage.",
    "he has his little ones every weekend",
    "oh and he is the father of her baby",
    "she's expecting in the spring, btw",
    "what if he's not the father, just her new partner?",
    "he sees the children at weekends",
])
def test_a_family_detail_is_recognised(text):
    assert adds_family_detail(text)


@pytest.mark.parametrize("text", [
    "how long is the programme for dads?",
    "does it cost anything if he has kids?",
    "what's available in Kendal?",
    "he denies all of it",
    "the children are with their gran",
])
def test_a_question_of_its_own_or_no_family_detail_is_not_one(text):
    assert not adds_family_detail(text)


# conversations_round19: a condition of the search dropped in a short reply, so the search runs again without it
@pytest.mark.parametrize("text", ["ok just community then", "ok just for him then", "ok english is fine",
                                  "ok just the normal thing then",
                                  "ok what's the shortest thing round here then", "any day is fine"])
def test_a_condition_dropped_after_a_search(text):
    from language.details import drops_a_condition

    assert drops_a_condition(text)


@pytest.mark.parametrize("text", ["thanks", "ok", "is english fine?", "ok just one more question", "its fine"])
def test_an_acknowledgement_drops_nothing(text):
    from language.details import drops_a_condition

    assert not drops_a_condition(text)


def test_children_told_without_he_are_a_family_detail():
    assert adds_family_detail("has two kids under 5")


@pytest.mark.parametrize("text", ["Also ex-forces.", "he's out of work too if that matters"])
def test_his_circumstances_added_after_a_search_are_a_detail(text):
    assert adds_family_detail(text)  # conversations_round24
